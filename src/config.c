/* config.c — the INI file as plain structures, checked whole.
 *
 * config_scan.c reads the file (iniparser for the values, our own scan
 * for the positions); here the options table below says what every
 * section may hold, and drives loading, defaults, type and range checks
 * and the table in doc/configuration.md (config_describe()). Then the
 * checks across sections: committees name known districts, the calendar
 * is consistent, the assessment weights add up. */
#include "juwei/config.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/config_scan.h"
#include "juwei/text.h"
#include "juwei/util.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

#define RANGE_MAX   31            /* days in one holiday range */
#define GRADE_WIDTH 8             /* columns of a grade's name */

/* ---- the options table: what every section may hold ---------------- */

enum opt_type {
    T_INT,        /* whole number in [min, max] */
    T_REAL,       /* decimal number in [min, max] */
    T_CHOICE,     /* one of `choices`, stored as its index */
    T_PATH,       /* resolved against the INI's directory */
    T_NAME,       /* non-empty text shown to people */
    T_DISTRICT,   /* id of a [district.ID] */
    T_GRIDS,      /* comma-separated names, may be empty */
    T_QUOTA,      /* days (whole or half) in [min, max], or "none" */
    T_DATES,      /* comma-separated dates or FROM..TO ranges */
    T_GRADES,     /* comma-separated "NAME POINTS", points in [min, max] */
};

struct opt {
    const char   *section;   /* as the docs write it: "site", "leave.ID" */
    const char   *key;
    enum opt_type type;
    const char   *def;       /* NULL: required */
    double        min, max;
    size_t        off;       /* into the struct the section fills */
    const char   *help;
    const char *const *choices;   /* T_CHOICE: NULL-terminated */
};

/* A calendar year while loading: ranges as written, with their line. */
struct dates {
    date_t *from, *to;
    size_t  n;
    int     line;
};

struct year {
    int          year, line;
    struct dates holidays, workdays;
};

/* T_CHOICE stores the index: the order of enum cfg_language. */
static const char *const languages[] = { "auto", "zh", "en", NULL };
_Static_assert(LANG_AUTO == 0 && LANG_ZH == 1 && LANG_EN == 2,
               "languages[] follows enum cfg_language");
static const char *const scorings[] = { "points", "grades", NULL };
_Static_assert(SCORING_POINTS == 0 && SCORING_GRADES == 1,
               "scorings[] follows enum cfg_scoring");

#define SITE(f)   offsetof(struct config, site.f)
#define ASSESS(f) offsetof(struct config, assessment.f)

static const struct opt opts[] = {
    { "site", "database", T_PATH, "/var/lib/juwei/juwei.db", 0, 0,
      SITE(database), N_("the SQLite database file"), NULL },
    { "site", "language", T_CHOICE, "auto", 0, 2, SITE(language),
      N_("user interface language: auto (Chinese unless the terminal "
         "cannot show it), zh or en"), languages },
    { "site", "idle_lock_minutes", T_INT, "10", 0, 1440,
      SITE(idle_lock_minutes),
      N_("lock an idle session after this many minutes; 0 = never"), NULL },
    { "site", "esc_delay_ms", T_INT, "25", 0, 1000, SITE(esc_delay_ms),
      N_("how long Esc waits for the rest of a key sequence; raise it "
         "for slow SSH links"), NULL },
    { "site", "export_dir", T_PATH, "/var/lib/juwei/exports", 0, 0,
      SITE(export_dir), N_("where exports are written by default"), NULL },
    { "site", "edit_window_days", T_INT, "7", 0, 366,
      SITE(edit_window_days),
      N_("staff may change their own records this many days back"), NULL },
    { "site", "contract_warning_days", T_INT, "60", 0, 366,
      SITE(contract_warning_days),
      N_("warn this many days before a contract ends"), NULL },
    { "site", "training_target", T_INT, "100", 0, 100,
      SITE(training_target),
      N_("yearly training target, percent of the required hours"), NULL },

    { "assessment", "scoring", T_CHOICE, "points", 0, 1, ASSESS(scoring),
      N_("how the street office's and the members' sheets score each "
         "aspect: points (0–100, typed) or grades (picked from grades)"),
      scorings },
    { "assessment", "grades", T_GRADES, "优 95, 良 85, 中 75, 差 60", 0, 100,
      ASSESS(grades),
      N_("the grades of scoring = grades, each with the points it stands "
         "for, comma-separated"), NULL },
    { "assessment", "weight_street", T_REAL, "0.5", 0, 1,
      ASSESS(source_weight[SRC_STREET]), N_("weight of the street office"),
      NULL },
    { "assessment", "weight_residents", T_REAL, "0.3", 0, 1,
      ASSESS(source_weight[SRC_RESIDENTS]),
      N_("weight of the resident representatives"), NULL },
    { "assessment", "weight_peers", T_REAL, "0.2", 0, 1,
      ASSESS(source_weight[SRC_PEERS]),
      N_("weight of fellow committee members; the three add up to 1"), NULL },
    { "assessment", "weight_de", T_REAL, "0.2", 0, 1,
      ASSESS(aspect_weight[ASP_DE]), N_("weight of 德 (conduct)"), NULL },
    { "assessment", "weight_neng", T_REAL, "0.2", 0, 1,
      ASSESS(aspect_weight[ASP_NENG]), N_("weight of 能 (ability)"), NULL },
    { "assessment", "weight_qin", T_REAL, "0.2", 0, 1,
      ASSESS(aspect_weight[ASP_QIN]), N_("weight of 勤 (diligence)"), NULL },
    { "assessment", "weight_ji", T_REAL, "0.4", 0, 1,
      ASSESS(aspect_weight[ASP_JI]),
      N_("weight of 绩 (results); the four add up to 1"), NULL },
    { "assessment", "excellent_min", T_REAL, "90", 0, 100,
      ASSESS(excellent_min), N_("lowest score graded 优秀"), NULL },
    { "assessment", "competent_min", T_REAL, "60", 0, 100,
      ASSESS(competent_min),
      N_("lowest score graded 称职; below it 不称职"), NULL },
    { "assessment", "excellent_cap", T_REAL, "0.2", 0, 1,
      ASSESS(excellent_cap),
      N_("largest share of 优秀 per district; 0 = no cap"), NULL },
    { "assessment", "points_excellent", T_REAL, "100", 0, 100,
      ASSESS(ballot_points[0]), N_("points of a 优秀 vote"), NULL },
    { "assessment", "points_competent", T_REAL, "80", 0, 100,
      ASSESS(ballot_points[1]), N_("points of a 称职 vote"), NULL },
    { "assessment", "points_incompetent", T_REAL, "50", 0, 100,
      ASSESS(ballot_points[2]), N_("points of a 不称职 vote"), NULL },

    { "district.ID", "name", T_NAME, NULL, 0, 0,
      offsetof(struct cfg_district, name), N_("name of the street office"),
      NULL },

    { "committee.ID", "name", T_NAME, NULL, 0, 0,
      offsetof(struct cfg_committee, name), N_("name of the committee"), NULL },
    { "committee.ID", "district", T_DISTRICT, NULL, 0, 0,
      offsetof(struct cfg_committee, district),
      N_("id of its district (street office)"), NULL },
    { "committee.ID", "grids", T_GRIDS, "", 0, 0,
      offsetof(struct cfg_committee, grids),
      N_("its grids (网格), comma-separated; may be left out"), NULL },

    { "leave.ID", "name", T_NAME, NULL, 0, 0,
      offsetof(struct cfg_leave_type, name), N_("name of the leave type"),
      NULL },
    { "leave.ID", "quota", T_QUOTA, NULL, 0, 366,
      offsetof(struct cfg_leave_type, quota),
      N_("working days a year, halves allowed, or none"), NULL },
    { "leave.ID", "street_after", T_INT, "0", 0, 366,
      offsetof(struct cfg_leave_type, street_after),
      N_("longer than this many working days also needs the street "
         "office; 0 = never"), NULL },

    { "calendar.YYYY", "holidays", T_DATES, NULL, 0, 0,
      offsetof(struct year, holidays),
      N_("days off: dates and FROM..TO ranges, comma-separated"), NULL },
    { "calendar.YYYY", "workdays", T_DATES, "", 0, 0,
      offsetof(struct year, workdays),
      N_("swapped working days (调休上班) on a Saturday or Sunday"), NULL },
};

/* The pick-lists: sections of `id = name` lines, order kept. */
static const struct {
    const char *section;
    size_t      off;
    const char *help;
} lists[] = {
    { "record_categories", offsetof(struct config, record_categories),
      N_("categories of daily work records") },
    { "inspection_categories", offsetof(struct config, inspection_categories),
      N_("categories of inspection findings") },
    { "visit_purposes", offsetof(struct config, visit_purposes),
      N_("purposes of resident visits") },
    { "resident_tags", offsetof(struct config, resident_tags),
      N_("tags a resident may carry") },
    { "posts", offsetof(struct config, posts), N_("staff posts") },
    { "employment_types", offsetof(struct config, employment_types),
      N_("kinds of employment") },
    { "training_levels", offsetof(struct config, training_levels),
      N_("levels of training courses") },
};

/* ---- diagnostics --------------------------------------------------- */

static void
diags_vadd(struct diags *d, enum diag_level level, const char *file,
           int line, const char *fmt, va_list ap)
{
    struct diag *g;

    d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
    g = &d->v[d->n++];
    g->level = level;
    g->file = xstrdup(file);
    g->line = line;
    g->msg = xvasprintf(fmt, ap);
    if (level == DIAG_ERROR)
        d->errors++;
}

void
diags_add(struct diags *d, enum diag_level level, const char *file, int line,
          const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    diags_vadd(d, level, file, line, fmt, ap);
    va_end(ap);
}

void
diags_print(const struct diags *d, FILE *fp)
{
    for (size_t i = 0; i < d->n; i++) {
        const struct diag *g = &d->v[i];

        fputs(g->file, fp);
        if (g->line > 0)
            fprintf(fp, ":%d", g->line);
        fprintf(fp, ": %s%s\n",
                g->level == DIAG_WARNING ? _("warning: ") : "", g->msg);
    }
}

void
diags_free(struct diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].file);
        free(d->v[i].msg);
    }
    free(d->v);
    memset(d, 0, sizeof *d);
}

/* The diagnostics of one load, by line; the order found is kept within a
 * line. Insertion sort: there are few, and it is stable. */
static void
diags_sort(struct diags *d, size_t from)
{
    for (size_t i = from + 1; i < d->n; i++) {
        struct diag t = d->v[i];
        size_t j = i;

        for (; j > from && d->v[j - 1].line > t.line; j--)
            d->v[j] = d->v[j - 1];
        d->v[j] = t;
    }
}

/* ---- loading ------------------------------------------------------- */

struct loader {
    struct cfg_file f;
    const char     *file;
    struct diags   *d;
    char           *dir;       /* the INI's directory, absolute */
    struct config  *cfg;
    struct year    *years;
    size_t          nyears;
};

static void err(struct loader *ld, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void warn(struct loader *ld, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
err(struct loader *ld, int line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    diags_vadd(ld->d, DIAG_ERROR, ld->file, line, fmt, ap);
    va_end(ap);
}

static void
warn(struct loader *ld, int line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    diags_vadd(ld->d, DIAG_WARNING, ld->file, line, fmt, ap);
    va_end(ap);
}

/* ---- values -------------------------------------------------------- */

static const char *
value(const struct loader *ld, const struct cfg_section *s, const char *key)
{
    return config_scan_value(&ld->f, s, key);
}

static const struct cfg_section *
find_sec(const struct loader *ld, const char *name)
{
    return config_scan_section(&ld->f, name);
}

static int
key_line(struct loader *ld, const char *sec, const char *key)
{
    const struct cfg_section *s = find_sec(ld, sec);
    const struct cfg_key *k;

    if (s == NULL)
        return 0;
    k = key != NULL ? config_scan_key(s, key) : NULL;
    return k != NULL ? k->line : s->line;
}

static void
parse_dates(struct loader *ld, const struct opt *o, const char *v, int line,
            struct dates *out)
{
    size_t n;
    char **items = config_scan_list(v, &n), *dots;
    date_t a, b;

    free(out->from);
    free(out->to);
    memset(out, 0, sizeof *out);
    out->line = line;
    out->from = xcalloc(n, sizeof *out->from);
    out->to = xcalloc(n, sizeof *out->to);
    for (size_t i = 0; i < n; i++) {
        char *it = items[i], *second = it;

        if (*it == '\0') {
            err(ld, line, _("%s: empty item in the list"), o->key);
            continue;
        }
        if ((dots = strstr(it, "..")) != NULL) {
            *dots = '\0';
            second = text_trim(dots + 2);
            text_trim(it);
        }
        if (!date_parse_iso(it, &a)) {
            err(ld, line, _("%s: \"%s\" is not a valid date (YYYY-MM-DD)"),
                o->key, it);
            continue;
        }
        if (!date_parse_iso(second, &b)) {
            err(ld, line, _("%s: \"%s\" is not a valid date (YYYY-MM-DD)"),
                o->key, second);
            continue;
        }
        if (b < a) {
            err(ld, line, _("%s: %s..%s ends before it starts"), o->key, it,
                second);
            continue;
        }
        if (b - a >= RANGE_MAX) {
            err(ld, line, _("%s: %s..%s is longer than %d days"), o->key, it,
                second, RANGE_MAX);
            continue;
        }
        out->from[out->n] = a;
        out->to[out->n++] = b;
    }
    config_scan_list_free(items, n);
}

static void
free_grades(struct cfg_grades *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->v[i].name);
    free(g->v);
    memset(g, 0, sizeof *g);
}

/* "优 95, 良 85 …": the whole list replaces the default. A sheet stores
 * the name, so two grades may share points but not a name. */
static void
parse_grades(struct loader *ld, const struct opt *o, const char *v, int line,
             struct cfg_grades *g)
{
    size_t n;
    char **items = config_scan_list(v, &n);

    free_grades(g);
    g->v = xcalloc(n + 1, sizeof *g->v);
    if (n == 0)
        err(ld, line, _("%s: no grades given"), o->key);
    for (size_t i = 0; i < n; i++) {
        char *name = items[i], *points = config_scan_tail(name);
        bool dup = false;
        double r;

        if (*name == '\0') {
            err(ld, line, _("%s: empty item in the list"), o->key);
            continue;
        }
        if (*points == '\0') {
            err(ld, line, _("%s: grade \"%s\" has no points (write it as "
                            "\"%s 90\")"), o->key, name, name);
            continue;
        }
        if (!config_scan_real(points, &r)) {
            err(ld, line, _("%s: the points of grade \"%s\", \"%s\", are not "
                            "a number"), o->key, name, points);
            continue;
        }
        if (r < o->min || r > o->max) {
            err(ld, line, _("%s: grade \"%s\" stands for %s points, out of "
                            "range (%g to %g)"), o->key, name, points, o->min,
                o->max);
            continue;
        }
        if (text_width(name) > GRADE_WIDTH) {
            err(ld, line, _("%s: grade \"%s\" is longer than %d columns"),
                o->key, name, GRADE_WIDTH);
            continue;
        }
        for (size_t j = 0; j < g->n && !dup; j++)
            dup = strcmp(g->v[j].name, name) == 0;
        if (dup) {
            err(ld, line, _("%s: duplicate grade \"%s\""), o->key, name);
            continue;
        }
        g->v[g->n].name = xstrdup(name);
        g->v[g->n++].points = r;
    }
    config_scan_list_free(items, n);
}

static void
parse_grids(struct loader *ld, const char *v, int line, struct cfg_committee *c)
{
    config_scan_list_free(c->grids, c->ngrids);
    c->grids = config_scan_list(v, &c->ngrids);
    for (size_t i = 0; i < c->ngrids; i++) {
        if (c->grids[i][0] == '\0')
            err(ld, line, _("grids: empty grid name in the list"));
        for (size_t j = 0; j < i && c->grids[i][0] != '\0'; j++) {
            if (strcmp(c->grids[i], c->grids[j]) == 0) {
                err(ld, line, _("grids: duplicate grid \"%s\""), c->grids[i]);
                break;
            }
        }
    }
}

/* Parses one value into base + o->off. line is 0 for a default. */
static void
set_opt(struct loader *ld, const struct opt *o, const char *sec,
        const char *raw, int line, void *base)
{
    char *v = text_trim(xstrdup(raw)), *p = (char *)base + o->off;
    double r;
    long i;
    size_t c;

    switch (o->type) {
    case T_INT:
        if (!config_scan_int(v, &i))
            err(ld, line, _("%s: \"%s\" is not a whole number"), o->key, v);
        else if (i < o->min || i > o->max)
            err(ld, line, _("%s: %s is out of range (%g to %g)"), o->key, v,
                o->min, o->max);
        else
            *(int *)p = (int)i;
        break;
    case T_REAL:
    case T_QUOTA:
        if (o->type == T_QUOTA && text_eq_nocase(v, "none")) {
            *(double *)p = -1;
        } else if (!config_scan_real(v, &r)) {
            if (o->type == T_QUOTA)
                err(ld, line, _("%s: \"%s\" is not a number of days or "
                                "\"none\""), o->key, v);
            else
                err(ld, line, _("%s: \"%s\" is not a number"), o->key, v);
        } else if (r < o->min || r > o->max) {
            err(ld, line, _("%s: %s is out of range (%g to %g)"), o->key, v,
                o->min, o->max);
        } else if (o->type == T_QUOTA && r * 2 != floor(r * 2)) {
            err(ld, line, _("%s: %s is not a whole or half number of days"),
                o->key, v);
        } else {
            *(double *)p = r;
        }
        break;
    case T_CHOICE:
        for (c = 0; o->choices[c] != NULL; c++) {
            if (text_eq_nocase(v, o->choices[c]))
                break;
        }
        if (o->choices[c] != NULL) {
            *(int *)p = (int)c;
        } else {
            char *all = xstrdup(o->choices[0]), *t;

            for (c = 1; o->choices[c] != NULL; c++) {
                t = xasprintf("%s, %s", all, o->choices[c]);
                free(all);
                all = t;
            }
            err(ld, line, _("%s: \"%s\" is not one of %s"), o->key, v, all);
            free(all);
        }
        break;
    case T_PATH:
        if (*v == '\0') {
            err(ld, line, _("%s: empty path"), o->key);
            break;
        }
        free(*(char **)p);
        *(char **)p = config_scan_path(ld->dir, v);
        break;
    case T_NAME:
    case T_DISTRICT:
        if (*v == '\0') {
            err(ld, line, o->type == T_NAME ? _("empty name in [%s]")
                                            : _("empty district in [%s]"), sec);
            break;
        }
        free(*(char **)p);
        *(char **)p = xstrdup(v);
        if (o->type == T_DISTRICT && config_district(ld->cfg, v) == NULL)
            err(ld, line, _("district: unknown district \"%s\" (no "
                            "[district.%s] section)"), v, v);
        break;
    case T_GRIDS:
        parse_grids(ld, v, line, base);
        break;
    case T_DATES:
        parse_dates(ld, o, v, line, (struct dates *)p);
        break;
    case T_GRADES:
        parse_grades(ld, o, v, line, (struct cfg_grades *)p);
        break;
    }
    free(v);
}

/* Fills base from section s (NULL: absent) by the options of `kind`:
 * defaults first, then the values given; missing required keys and
 * unknown keys are reported. */
static void
load_section(struct loader *ld, const struct cfg_section *s, const char *kind,
             void *base)
{
    const struct cfg_key *k;
    bool known;

    for (size_t i = 0; i < ARRAY_LEN(opts); i++) {
        const struct opt *o = &opts[i];

        if (strcmp(o->section, kind) != 0)
            continue;
        if (o->def != NULL)
            set_opt(ld, o, kind, o->def, 0, base);
        if (s != NULL && (k = config_scan_key(s, o->key)) != NULL)
            set_opt(ld, o, s->name, value(ld, s, o->key), k->line, base);
        else if (o->def == NULL && s != NULL)
            err(ld, s->line, _("missing key \"%s\" in [%s]"), o->key, s->name);
    }
    for (size_t j = 0; s != NULL && j < s->nkeys; j++) {
        known = false;
        for (size_t i = 0; i < ARRAY_LEN(opts) && !known; i++)
            known = strcmp(opts[i].section, kind) == 0 &&
                    strcmp(opts[i].key, s->keys[j].name) == 0;
        if (!known)
            warn(ld, s->keys[j].line, _("unknown key \"%s\" in [%s]"),
                 s->keys[j].name, s->name);
    }
}

/* ---- sections ------------------------------------------------------ */

enum kind { K_NONE, K_SITE, K_ASSESS, K_DISTRICT, K_COMMITTEE, K_LEAVE,
            K_CALENDAR, K_LIST };

static const struct {
    const char *prefix, *kind;
} families[] = {
    [K_DISTRICT] = { "district", "district.ID" },
    [K_COMMITTEE] = { "committee", "committee.ID" },
    [K_LEAVE] = { "leave", "leave.ID" },
    [K_CALENDAR] = { "calendar", "calendar.YYYY" },
};

/* What a section is; *id gets the part after the dot. Reports bad
 * headers once, in the first pass. */
static enum kind
kind_of(struct loader *ld, const struct cfg_section *s, const char **id,
        bool report)
{
    const char *dot = strchr(s->name, '.');
    size_t plen = dot != NULL ? (size_t)(dot - s->name) : strlen(s->name);

    *id = dot != NULL ? dot + 1 : "";
    if (strcmp(s->name, "site") == 0)
        return K_SITE;
    if (strcmp(s->name, "assessment") == 0)
        return K_ASSESS;
    for (size_t i = 0; i < ARRAY_LEN(lists); i++) {
        if (strcmp(s->name, lists[i].section) == 0)
            return K_LIST;
    }
    for (int k = K_DISTRICT; k <= K_CALENDAR; k++) {
        if (strlen(families[k].prefix) != plen ||
            strncmp(s->name, families[k].prefix, plen) != 0)
            continue;
        if (**id == '\0') {
            if (report)
                err(ld, s->line, _("[%s] needs an id, as in [%s]"), s->name,
                    families[k].kind);
            return K_NONE;
        }
        if (k == K_CALENDAR) {
            if (strlen(*id) != 4 || strspn(*id, "0123456789") != 4 ||
                atoi(*id) < 1900) {
                if (report)
                    err(ld, s->line, _("invalid year \"%s\" in [%s]"), *id,
                        s->name);
                return K_NONE;
            }
        } else if (!config_scan_id(*id)) {
            if (report)
                err(ld, s->line, _("invalid id \"%s\" in [%s]: use a-z, 0-9, "
                                   "_ and - (at most %d characters)"),
                    *id, s->name, CONFIG_ID_MAX);
            return K_NONE;
        }
        return (enum kind)k;
    }
    if (report)
        warn(ld, s->line, _("unknown section [%s]"), s->name);
    return K_NONE;
}

static void
load_list(struct loader *ld, size_t which)
{
    struct cfg_list *l =
        (struct cfg_list *)((char *)ld->cfg + lists[which].off);
    const char *name = lists[which].section;
    const struct cfg_section *s = find_sec(ld, name);

    if (s == NULL) {
        err(ld, 0, _("missing section [%s]: the list is required"), name);
        return;
    }
    l->items = xcalloc(s->nkeys, sizeof *l->items);
    for (size_t i = 0; i < s->nkeys; i++) {
        const struct cfg_key *k = &s->keys[i];
        char *v;

        if (!config_scan_id(k->name)) {
            err(ld, k->line, _("invalid id \"%s\" in [%s]: use a-z, 0-9, _ "
                               "and - (at most %d characters)"),
                k->name, name, CONFIG_ID_MAX);
            continue;
        }
        v = text_trim(xstrdup(value(ld, s, k->name)));
        if (*v == '\0') {
            err(ld, k->line, _("empty name for \"%s\" in [%s]"), k->name, name);
            free(v);
            continue;
        }
        for (size_t j = 0; j < l->n; j++) {
            if (strcmp(l->items[j].name, v) == 0) {
                warn(ld, k->line, _("name \"%s\" is also used by \"%s\" "
                                    "(line %d)"), v, l->items[j].id,
                     key_line(ld, name, l->items[j].id));
                break;
            }
        }
        l->items[l->n].id = xstrdup(k->name);
        l->items[l->n++].name = v;
    }
    if (s->nkeys == 0)
        err(ld, s->line, _("[%s] is empty: the list needs at least one entry"),
            name);
}

struct dayline {
    date_t day;
    int    line;
};

static int
cmp_dayline(const void *a, const void *b)
{
    const struct dayline *x = a, *y = b;

    if (x->day != y->day)
        return (x->day > y->day) - (x->day < y->day);
    return (x->line > y->line) - (x->line < y->line);
}

/* Expands the ranges of every year into one sorted, de-duplicated array. */
static date_t *
collect_days(struct loader *ld, bool holidays, size_t *count)
{
    struct dayline *v = NULL;
    size_t n = 0, out = 0;
    date_t *days;
    char buf[11];

    for (size_t y = 0; y < ld->nyears; y++) {
        const struct dates *d = holidays ? &ld->years[y].holidays
                                         : &ld->years[y].workdays;

        for (size_t i = 0; i < d->n; i++) {
            for (date_t day = d->from[i]; day <= d->to[i]; day++) {
                v = xreallocarray(v, n + 1, sizeof *v);
                v[n++] = (struct dayline){ day, d->line };
            }
        }
    }
    if (n > 0)
        qsort(v, n, sizeof *v, cmp_dayline);
    days = xcalloc(n, sizeof *days);
    for (size_t i = 0; i < n; i++) {
        if (out > 0 && days[out - 1] == v[i].day) {
            warn(ld, v[i].line, _("%s: %s is listed more than once"),
                 holidays ? "holidays" : "workdays",
                 date_format(v[i].day, buf));
            continue;
        }
        days[out++] = v[i].day;
    }
    free(v);
    *count = out;
    return days;
}

static int
cmp_year(const void *a, const void *b)
{
    return ((const struct year *)a)->year - ((const struct year *)b)->year;
}

static void
check_year(struct loader *ld, const struct year *y)
{
    char a[11], b[11];
    int fy, ty, m, d;

    for (size_t i = 0; i < y->holidays.n; i++) {
        date_to_ymd(y->holidays.from[i], &fy, &m, &d);
        date_to_ymd(y->holidays.to[i], &ty, &m, &d);
        if (fy != y->year && ty != y->year)
            err(ld, y->holidays.line, _("holidays: %s..%s is not in %d"),
                date_format(y->holidays.from[i], a),
                date_format(y->holidays.to[i], b), y->year);
    }
    for (size_t i = 0; i < y->workdays.n; i++) {
        date_to_ymd(y->workdays.from[i], &fy, &m, &d);
        date_to_ymd(y->workdays.to[i], &ty, &m, &d);
        if (fy != y->year || ty != y->year)
            err(ld, y->workdays.line, _("workdays: %s is not in %d"),
                date_format(y->workdays.from[i], a), y->year);
    }
}

static void
load_calendar(struct loader *ld)
{
    struct calendar *cal = &ld->cfg->calendar;
    char buf[11];

    if (ld->nyears == 0) {
        err(ld, 0, _("no [calendar.YYYY] section: the working calendar is "
                     "required"));
        return;
    }
    qsort(ld->years, ld->nyears, sizeof *ld->years, cmp_year);
    for (size_t i = 0; i < ld->nyears; i++) {
        check_year(ld, &ld->years[i]);
        if (i > 0 && ld->years[i].year > ld->years[i - 1].year + 1)
            err(ld, ld->years[i].line,
                _("no [calendar.%d] section between %d and %d"),
                ld->years[i - 1].year + 1, ld->years[i - 1].year,
                ld->years[i].year);
    }
    cal->first_year = ld->years[0].year;
    cal->last_year = ld->years[ld->nyears - 1].year;
    cal->holidays = collect_days(ld, true, &cal->nholidays);
    cal->workdays = collect_days(ld, false, &cal->nworkdays);
    for (size_t y = 0; y < ld->nyears; y++) {
        const struct dates *w = &ld->years[y].workdays;

        for (size_t i = 0; i < w->n; i++) {
            for (date_t day = w->from[i]; day <= w->to[i]; day++) {
                if (date_weekday(day) < 5)
                    err(ld, w->line, _("workdays: %s is not a Saturday or "
                                       "Sunday"), date_format(day, buf));
                else if (calendar_is_holiday(cal, day))
                    err(ld, w->line, _("workdays: %s is also a holiday"),
                        date_format(day, buf));
            }
        }
    }
}

static void
check_assessment(struct loader *ld)
{
    const struct cfg_assessment *a = &ld->cfg->assessment;
    double src = 0, asp = 0;

    for (int i = 0; i < SRC_COUNT; i++)
        src += a->source_weight[i];
    for (int i = 0; i < ASP_COUNT; i++)
        asp += a->aspect_weight[i];
    if (fabs(src - 1) > 1e-9)
        err(ld, key_line(ld, "assessment", NULL), _("source weights "
            "(weight_street, weight_residents, weight_peers) add up to %g, "
            "not 1"), src);
    if (fabs(asp - 1) > 1e-9)
        err(ld, key_line(ld, "assessment", NULL), _("aspect weights "
            "(weight_de, weight_neng, weight_qin, weight_ji) add up to %g, "
            "not 1"), asp);
    if (a->competent_min >= a->excellent_min)
        err(ld, key_line(ld, "assessment", "competent_min"),
            _("competent_min (%g) must be below excellent_min (%g)"),
            a->competent_min, a->excellent_min);
    if (a->ballot_points[1] > a->ballot_points[0])
        err(ld, key_line(ld, "assessment", "points_competent"),
            _("points_competent (%g) must not be above points_excellent (%g)"),
            a->ballot_points[1], a->ballot_points[0]);
    if (a->ballot_points[2] > a->ballot_points[1])
        err(ld, key_line(ld, "assessment", "points_incompetent"),
            _("points_incompetent (%g) must not be above points_competent "
              "(%g)"), a->ballot_points[2], a->ballot_points[1]);
}

static void
load_all(struct loader *ld)
{
    struct config *cfg = ld->cfg;
    const char *id;
    enum kind k;

    /* Districts before committees, whatever the order in the file. */
    load_section(ld, find_sec(ld, "site"), "site", cfg);
    load_section(ld, find_sec(ld, "assessment"), "assessment", cfg);
    for (size_t pass = 0; pass < 4; pass++) {
        for (size_t i = 1; i < ld->f.nsecs; i++) {
            const struct cfg_section *s = &ld->f.secs[i];

            if (s->dead)
                continue;
            k = kind_of(ld, s, &id, pass == 0);
            if (pass == 0 && k == K_DISTRICT) {
                cfg->districts = xreallocarray(cfg->districts,
                    cfg->ndistricts + 1, sizeof *cfg->districts);
                memset(&cfg->districts[cfg->ndistricts], 0,
                       sizeof *cfg->districts);
                cfg->districts[cfg->ndistricts].id = xstrdup(id);
                load_section(ld, s, "district.ID",
                             &cfg->districts[cfg->ndistricts++]);
            } else if (pass == 1 && k == K_COMMITTEE) {
                struct cfg_committee *c;

                cfg->committees = xreallocarray(cfg->committees,
                    cfg->ncommittees + 1, sizeof *cfg->committees);
                c = memset(&cfg->committees[cfg->ncommittees++], 0, sizeof *c);
                c->id = xstrdup(id);
                load_section(ld, s, "committee.ID", c);
            } else if (pass == 2 && k == K_LEAVE) {
                struct cfg_leave_type *t;

                cfg->leave_types = xreallocarray(cfg->leave_types,
                    cfg->nleave_types + 1, sizeof *cfg->leave_types);
                t = memset(&cfg->leave_types[cfg->nleave_types++], 0,
                           sizeof *t);
                t->id = xstrdup(id);
                load_section(ld, s, "leave.ID", t);
            } else if (pass == 3 && k == K_CALENDAR) {
                struct year *y;

                ld->years = xreallocarray(ld->years, ld->nyears + 1,
                                          sizeof *ld->years);
                y = memset(&ld->years[ld->nyears++], 0, sizeof *y);
                y->year = atoi(id);
                y->line = s->line;
                load_section(ld, s, "calendar.YYYY", y);
            }
        }
    }
    if (cfg->ndistricts == 0)
        err(ld, 0, _("no [district.ID] section: at least one district is "
                     "required"));
    if (cfg->ncommittees == 0)
        err(ld, 0, _("no [committee.ID] section: at least one committee is "
                     "required"));
    for (size_t i = 0; i < cfg->ndistricts; i++) {
        size_t n = 0;
        char *sec = xasprintf("district.%s", cfg->districts[i].id);

        for (size_t j = 0; j < cfg->ncommittees; j++)
            n += cfg->committees[j].district != NULL &&
                 strcmp(cfg->committees[j].district, cfg->districts[i].id) == 0;
        if (n == 0)
            warn(ld, key_line(ld, sec, NULL), _("district \"%s\" has no "
                 "committees"), cfg->districts[i].id);
        free(sec);
    }
    for (size_t i = 0; i < ARRAY_LEN(lists); i++)
        load_list(ld, i);
    if (cfg->nleave_types == 0)
        err(ld, 0, _("no [leave.ID] section: at least one leave type is "
                     "required"));
    load_calendar(ld);
    check_assessment(ld);
}

/* The directory of the INI, absolute: relative paths in it mean that. */
static char *
dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir, *real;

    if (slash == NULL)
        dir = xstrdup(".");
    else if (slash == path)
        dir = xstrdup("/");
    else
        dir = xstrndup(path, (size_t)(slash - path));
    if ((real = realpath(dir, NULL)) == NULL)
        return dir;
    free(dir);
    /* util.c's allocator owns what we hand out */
    dir = xstrdup(real);
    free(real);
    return dir;
}

struct config *
config_load(const char *path, struct diags *d)
{
    struct loader ld = { .file = path, .d = d };
    size_t errors = d->errors, first = d->n;

    if (config_scan_load(&ld.f, path, d) == 0) {
        ld.dir = dir_of(path);
        ld.cfg = xcalloc(1, sizeof *ld.cfg);
        ld.cfg->path = xstrdup(path);
        load_all(&ld);
    }
    config_scan_free(&ld.f);
    for (size_t i = 0; i < ld.nyears; i++) {
        free(ld.years[i].holidays.from);
        free(ld.years[i].holidays.to);
        free(ld.years[i].workdays.from);
        free(ld.years[i].workdays.to);
    }
    free(ld.years);
    free(ld.dir);
    diags_sort(d, first);
    if (d->errors > errors) {
        config_free(ld.cfg);
        return NULL;
    }
    return ld.cfg;
}

static void
free_list(struct cfg_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].id);
        free(l->items[i].name);
    }
    free(l->items);
}

void
config_free(struct config *cfg)
{
    if (cfg == NULL)
        return;
    free(cfg->path);
    free(cfg->site.database);
    free(cfg->site.export_dir);
    for (size_t i = 0; i < cfg->ndistricts; i++) {
        free(cfg->districts[i].id);
        free(cfg->districts[i].name);
    }
    free(cfg->districts);
    for (size_t i = 0; i < cfg->ncommittees; i++) {
        free(cfg->committees[i].id);
        free(cfg->committees[i].name);
        free(cfg->committees[i].district);
        config_scan_list_free(cfg->committees[i].grids, cfg->committees[i].ngrids);
    }
    free(cfg->committees);
    for (size_t i = 0; i < ARRAY_LEN(lists); i++)
        free_list((struct cfg_list *)((char *)cfg + lists[i].off));
    for (size_t i = 0; i < cfg->nleave_types; i++) {
        free(cfg->leave_types[i].id);
        free(cfg->leave_types[i].name);
    }
    free(cfg->leave_types);
    free(cfg->calendar.holidays);
    free(cfg->calendar.workdays);
    free_grades(&cfg->assessment.grades);
    free(cfg);
}

/* ---- lookups ------------------------------------------------------- */

const struct cfg_district *
config_district(const struct config *cfg, const char *id)
{
    for (size_t i = 0; cfg != NULL && i < cfg->ndistricts; i++) {
        if (strcmp(cfg->districts[i].id, id) == 0)
            return &cfg->districts[i];
    }
    return NULL;
}

const struct cfg_committee *
config_committee(const struct config *cfg, const char *id)
{
    for (size_t i = 0; cfg != NULL && i < cfg->ncommittees; i++) {
        if (strcmp(cfg->committees[i].id, id) == 0)
            return &cfg->committees[i];
    }
    return NULL;
}

const struct cfg_item *
config_item(const struct cfg_list *l, const char *id)
{
    for (size_t i = 0; l != NULL && i < l->n; i++) {
        if (strcmp(l->items[i].id, id) == 0)
            return &l->items[i];
    }
    return NULL;
}

const struct cfg_leave_type *
config_leave_type(const struct config *cfg, const char *id)
{
    for (size_t i = 0; cfg != NULL && i < cfg->nleave_types; i++) {
        if (strcmp(cfg->leave_types[i].id, id) == 0)
            return &cfg->leave_types[i];
    }
    return NULL;
}

const char *
config_default_path(const char *opt)
{
    const char *env = getenv("JUWEI_CONFIG");

    if (opt != NULL && *opt != '\0')
        return opt;
    if (env != NULL && *env != '\0')
        return env;
    return SYSCONFDIR "/juwei/juwei.ini";
}

/* ---- the documentation table --------------------------------------- */

static const char *
type_name(const struct opt *o)
{
    switch (o->type) {
    case T_INT:      return _("whole number");
    case T_REAL:     return _("number");
    case T_CHOICE:   return _("choice");
    case T_PATH:     return _("path");
    case T_NAME:     return _("text");
    case T_DISTRICT: return _("district id");
    case T_GRIDS:    return _("list of names");
    case T_QUOTA:    return _("days or none");
    case T_DATES:    return _("list of dates");
    case T_GRADES:   return _("list of grades");
    }
    return "";
}

void
config_describe(FILE *fp)
{
    fprintf(fp, "| %s | %s | %s | %s | %s | %s |\n", _("section"), _("key"),
            _("type"), _("default"), _("range"), _("meaning"));
    fputs("|---|---|---|---|---|---|\n", fp);
    for (size_t i = 0; i < ARRAY_LEN(opts); i++) {
        const struct opt *o = &opts[i];
        char range[64] = "";

        if (o->type == T_INT || o->type == T_REAL || o->type == T_QUOTA ||
            o->type == T_GRADES)
            snprintf(range, sizeof range, "%g–%g", o->min, o->max);
        else if (o->type == T_CHOICE)
            for (size_t c = 0; o->choices[c] != NULL; c++)
                snprintf(range + strlen(range), sizeof range - strlen(range),
                         "%s%s", c > 0 ? ", " : "", o->choices[c]);
        fprintf(fp, "| [%s] | %s | %s | %s | %s | %s |\n", o->section, o->key,
                type_name(o),
                o->def == NULL ? _("(required)")
                               : *o->def == '\0' ? _("(empty)") : o->def,
                range, _(o->help));
    }
    for (size_t i = 0; i < ARRAY_LEN(lists); i++)
        fprintf(fp, "| [%s] | ID | %s | %s | | %s |\n", lists[i].section,
                _("text"), _("(required, one or more)"), _(lists[i].help));
}
