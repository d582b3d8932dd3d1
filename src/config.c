/* config.c — the INI file as plain structures, checked whole.
 *
 * config_scan.c reads the file (iniparser for the values, our own scan
 * for the positions); config_options.c's options table says what every
 * section may hold and checks each value. Here: which sections there are
 * (districts before committees, whatever the file's order), the
 * pick-lists, the working calendar, and the checks across sections —
 * committees name known districts, the calendar is consistent, the
 * assessment weights add up. */
#include "juwei/config.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/config_options.h"
#include "juwei/config_scan.h"
#include "juwei/text.h"
#include "juwei/util.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

/* ---- diagnostics --------------------------------------------------- */

void
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
    struct cfg_file  f;
    const char      *file;
    struct diags    *d;
    char            *dir;       /* the INI's directory, absolute */
    struct config   *cfg;
    struct cfg_year *years;
    size_t           nyears;
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
load_section(struct loader *ld, const struct cfg_section *s, const char *kind,
             void *base)
{
    const struct cfg_opts_ctx cx = { &ld->f, ld->dir, ld->cfg };

    config_options_load(&cx, s, kind, base);
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
    for (size_t i = 0; i < config_options_nlists; i++) {
        if (strcmp(s->name, config_options_lists[i].section) == 0)
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
    const struct cfg_list_opt *lo = &config_options_lists[which];
    struct cfg_list *l = (struct cfg_list *)((char *)ld->cfg + lo->off);
    const char *name = lo->section;
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
        const struct cfg_dates *d = holidays ? &ld->years[y].holidays
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
    const struct cfg_year *x = a, *y = b;

    return x->year - y->year;
}

static void
check_year(struct loader *ld, const struct cfg_year *y)
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
        const struct cfg_dates *w = &ld->years[y].workdays;

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
                struct cfg_year *y;

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
    for (size_t i = 0; i < config_options_nlists; i++)
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
    char *dir = xdirname(path), *real;

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
    for (size_t i = 0; i < config_options_nlists; i++)
        free_list((struct cfg_list *)((char *)cfg +
                                      config_options_lists[i].off));
    for (size_t i = 0; i < cfg->nleave_types; i++) {
        free(cfg->leave_types[i].id);
        free(cfg->leave_types[i].name);
    }
    free(cfg->leave_types);
    free(cfg->calendar.holidays);
    free(cfg->calendar.workdays);
    config_options_free_grades(&cfg->assessment.grades);
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
