/* config_options.c — the options table: what every section may hold.
 *
 * tmux's options-table.c is the model: each key is described once (name,
 * type, default, range, help), and loading, defaults, type and range
 * checks and the table in doc/configuration.md (config_describe()) all
 * follow from that one description. config.c decides which sections there
 * are and checks them against each other. */
#include "juwei/config_options.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/text.h"
#include "juwei/util.h"

#define RANGE_MAX   31            /* days in one holiday range */
#define GRADE_WIDTH 8             /* columns of a grade's name */

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

/* T_CHOICE stores the index: the order of enum cfg_language. */
static const char *const languages[] = { "auto", "zh", "en", NULL };
_Static_assert(LANG_AUTO == 0 && LANG_ZH == 1 && LANG_EN == 2,
               "languages[] follows enum cfg_language");
static const char *const scorings[] = { "points", "grades", NULL };
_Static_assert(SCORING_POINTS == 0 && SCORING_GRADES == 1,
               "scorings[] follows enum cfg_scoring");

/* The "site" and "assessment" options fill struct config itself. */
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
      offsetof(struct cfg_year, holidays),
      N_("days off: dates and FROM..TO ranges, comma-separated"), NULL },
    { "calendar.YYYY", "workdays", T_DATES, "", 0, 0,
      offsetof(struct cfg_year, workdays),
      N_("swapped working days (调休上班) on a Saturday or Sunday"), NULL },
};

const struct cfg_list_opt config_options_lists[] = {
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
const size_t config_options_nlists = ARRAY_LEN(config_options_lists);

/* ---- reporting ----------------------------------------------------- */

static void err(const struct cfg_opts_ctx *cx, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void warn(const struct cfg_opts_ctx *cx, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
err(const struct cfg_opts_ctx *cx, int line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    diags_vadd(cx->f->d, DIAG_ERROR, cx->f->path, line, fmt, ap);
    va_end(ap);
}

static void
warn(const struct cfg_opts_ctx *cx, int line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    diags_vadd(cx->f->d, DIAG_WARNING, cx->f->path, line, fmt, ap);
    va_end(ap);
}

/* ---- values -------------------------------------------------------- */

static void
parse_dates(const struct cfg_opts_ctx *cx, const struct opt *o, const char *v,
            int line, struct cfg_dates *out)
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
            err(cx, line, _("%s: empty item in the list"), o->key);
            continue;
        }
        if ((dots = strstr(it, "..")) != NULL) {
            *dots = '\0';
            second = text_trim(dots + 2);
            text_trim(it);
        }
        if (!date_parse_iso(it, &a)) {
            err(cx, line, _("%s: \"%s\" is not a valid date (YYYY-MM-DD)"),
                o->key, it);
            continue;
        }
        if (!date_parse_iso(second, &b)) {
            err(cx, line, _("%s: \"%s\" is not a valid date (YYYY-MM-DD)"),
                o->key, second);
            continue;
        }
        if (b < a) {
            err(cx, line, _("%s: %s..%s ends before it starts"), o->key, it,
                second);
            continue;
        }
        if (b - a >= RANGE_MAX) {
            err(cx, line, _("%s: %s..%s is longer than %d days"), o->key, it,
                second, RANGE_MAX);
            continue;
        }
        out->from[out->n] = a;
        out->to[out->n++] = b;
    }
    config_scan_list_free(items, n);
}

void
config_options_free_grades(struct cfg_grades *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->v[i].name);
    free(g->v);
    memset(g, 0, sizeof *g);
}

/* "优 95, 良 85 …": the whole list replaces the default. A sheet stores
 * the name, so two grades may share points but not a name. */
static void
parse_grades(const struct cfg_opts_ctx *cx, const struct opt *o, const char *v,
             int line, struct cfg_grades *g)
{
    size_t n;
    char **items = config_scan_list(v, &n);

    config_options_free_grades(g);
    g->v = xcalloc(n + 1, sizeof *g->v);
    if (n == 0)
        err(cx, line, _("%s: no grades given"), o->key);
    for (size_t i = 0; i < n; i++) {
        char *name = items[i], *points = config_scan_tail(name);
        bool dup = false;
        double r;

        if (*name == '\0') {
            err(cx, line, _("%s: empty item in the list"), o->key);
            continue;
        }
        if (*points == '\0') {
            err(cx, line, _("%s: grade \"%s\" has no points (write it as "
                            "\"%s 90\")"), o->key, name, name);
            continue;
        }
        if (!config_scan_real(points, &r)) {
            err(cx, line, _("%s: the points of grade \"%s\", \"%s\", are not "
                            "a number"), o->key, name, points);
            continue;
        }
        if (r < o->min || r > o->max) {
            err(cx, line, _("%s: grade \"%s\" stands for %s points, out of "
                            "range (%g to %g)"), o->key, name, points, o->min,
                o->max);
            continue;
        }
        if (text_width(name) > GRADE_WIDTH) {
            err(cx, line, _("%s: grade \"%s\" is longer than %d columns"),
                o->key, name, GRADE_WIDTH);
            continue;
        }
        for (size_t j = 0; j < g->n && !dup; j++)
            dup = strcmp(g->v[j].name, name) == 0;
        if (dup) {
            err(cx, line, _("%s: duplicate grade \"%s\""), o->key, name);
            continue;
        }
        g->v[g->n].name = xstrdup(name);
        g->v[g->n++].points = r;
    }
    config_scan_list_free(items, n);
}

static void
parse_grids(const struct cfg_opts_ctx *cx, const char *v, int line,
            struct cfg_committee *c)
{
    config_scan_list_free(c->grids, c->ngrids);
    c->grids = config_scan_list(v, &c->ngrids);
    for (size_t i = 0; i < c->ngrids; i++) {
        if (c->grids[i][0] == '\0')
            err(cx, line, _("grids: empty grid name in the list"));
        for (size_t j = 0; j < i && c->grids[i][0] != '\0'; j++) {
            if (strcmp(c->grids[i], c->grids[j]) == 0) {
                err(cx, line, _("grids: duplicate grid \"%s\""), c->grids[i]);
                break;
            }
        }
    }
}

/* Parses one value into base + o->off. line is 0 for a default. */
static void
set_opt(const struct cfg_opts_ctx *cx, const struct opt *o, const char *sec,
        const char *raw, int line, void *base)
{
    char *v = text_trim(xstrdup(raw)), *p = (char *)base + o->off;
    double r;
    long i;
    size_t c;

    switch (o->type) {
    case T_INT:
        if (!config_scan_int(v, &i))
            err(cx, line, _("%s: \"%s\" is not a whole number"), o->key, v);
        else if (i < o->min || i > o->max)
            err(cx, line, _("%s: %s is out of range (%g to %g)"), o->key, v,
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
                err(cx, line, _("%s: \"%s\" is not a number of days or "
                                "\"none\""), o->key, v);
            else
                err(cx, line, _("%s: \"%s\" is not a number"), o->key, v);
        } else if (r < o->min || r > o->max) {
            err(cx, line, _("%s: %s is out of range (%g to %g)"), o->key, v,
                o->min, o->max);
        } else if (o->type == T_QUOTA && r * 2 != floor(r * 2)) {
            err(cx, line, _("%s: %s is not a whole or half number of days"),
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
            err(cx, line, _("%s: \"%s\" is not one of %s"), o->key, v, all);
            free(all);
        }
        break;
    case T_PATH:
        if (*v == '\0') {
            err(cx, line, _("%s: empty path"), o->key);
            break;
        }
        free(*(char **)p);
        *(char **)p = config_scan_path(cx->dir, v);
        break;
    case T_NAME:
    case T_DISTRICT:
        if (*v == '\0') {
            err(cx, line, o->type == T_NAME ? _("empty name in [%s]")
                                            : _("empty district in [%s]"), sec);
            break;
        }
        free(*(char **)p);
        *(char **)p = xstrdup(v);
        if (o->type == T_DISTRICT && config_district(cx->cfg, v) == NULL)
            err(cx, line, _("district: unknown district \"%s\" (no "
                            "[district.%s] section)"), v, v);
        break;
    case T_GRIDS:
        parse_grids(cx, v, line, base);
        break;
    case T_DATES:
        parse_dates(cx, o, v, line, (struct cfg_dates *)p);
        break;
    case T_GRADES:
        parse_grades(cx, o, v, line, (struct cfg_grades *)p);
        break;
    }
    free(v);
}

/* The default is set first and a value given replaces it: a bad value is
 * reported and leaves the default, so the checks across sections still
 * see sane numbers. */
void
config_options_load(const struct cfg_opts_ctx *cx, const struct cfg_section *s,
                    const char *kind, void *base)
{
    const struct cfg_key *k;
    bool known;

    for (size_t i = 0; i < ARRAY_LEN(opts); i++) {
        const struct opt *o = &opts[i];

        if (strcmp(o->section, kind) != 0)
            continue;
        if (o->def != NULL)
            set_opt(cx, o, kind, o->def, 0, base);
        if (s != NULL && (k = config_scan_key(s, o->key)) != NULL)
            set_opt(cx, o, s->name, config_scan_value(cx->f, s, o->key),
                    k->line, base);
        else if (o->def == NULL && s != NULL)
            err(cx, s->line, _("missing key \"%s\" in [%s]"), o->key, s->name);
    }
    for (size_t j = 0; s != NULL && j < s->nkeys; j++) {
        known = false;
        for (size_t i = 0; i < ARRAY_LEN(opts) && !known; i++)
            known = strcmp(opts[i].section, kind) == 0 &&
                    strcmp(opts[i].key, s->keys[j].name) == 0;
        if (!known)
            warn(cx, s->keys[j].line, _("unknown key \"%s\" in [%s]"),
                 s->keys[j].name, s->name);
    }
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
    for (size_t i = 0; i < config_options_nlists; i++) {
        const struct cfg_list_opt *l = &config_options_lists[i];

        fprintf(fp, "| [%s] | ID | %s | %s | | %s |\n", l->section, _("text"),
                _("(required, one or more)"), _(l->help));
    }
}
