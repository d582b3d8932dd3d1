/* config.h — the INI file, loaded once into plain structures and checked
 * whole. Nothing outside config.c touches iniparser. Read-only at run time. */
#ifndef JUWEI_CONFIG_H
#define JUWEI_CONFIG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "juwei/calendar.h"

/* One entry of a pick-list: a stable id (stored in the database) and the
 * name shown to people. */
struct cfg_item {
    char *id;
    char *name;
};

struct cfg_list {
    struct cfg_item *items;
    size_t           n;
};

struct cfg_district {
    char *id;
    char *name;
};

struct cfg_committee {
    char  *id;
    char  *name;
    char  *district;     /* id of its district */
    char **grids;        /* optional grid/area names (网格), may be empty */
    size_t ngrids;
};

struct cfg_leave_type {
    char  *id;
    char  *name;
    double quota;            /* working days a year; < 0 means no quota */
    int    street_after;     /* > 0: longer than this many working days
                              * also needs the street office; 0 = never */
};

enum assess_source { SRC_STREET, SRC_RESIDENTS, SRC_PEERS, SRC_COUNT };
enum assess_aspect { ASP_DE, ASP_NENG, ASP_QIN, ASP_JI, ASP_COUNT }; /* 德能勤绩 */

/* How a sheet (street office, fellow members) scores each aspect: points
 * 0–100 typed in, or a grade picked from [assessment] grades, which the
 * core turns into the grade's points. */
enum cfg_scoring { SCORING_POINTS, SCORING_GRADES };

/* One grade of [assessment] grades: its name as written (优, A …), which
 * is what a sheet stores, and the points it stands for. */
struct cfg_grade {
    char  *name;
    double points;                     /* 0–100 */
};

struct cfg_grades {
    struct cfg_grade *v;               /* in the file's order */
    size_t            n;
};

struct cfg_assessment {
    enum cfg_scoring scoring;
    struct cfg_grades grades;          /* always loaded (a default), used
                                        * by the sheets when scoring is
                                        * SCORING_GRADES */
    double source_weight[SRC_COUNT];   /* sum to 1 */
    double aspect_weight[ASP_COUNT];   /* sum to 1 */
    double excellent_min;              /* score ≥ this: 优秀 */
    double competent_min;              /* score ≥ this: 称职, else 不称职 */
    double excellent_cap;              /* share of 优秀 per district, 0..1; 0 = none */
    double ballot_points[3];           /* 优秀, 称职, 不称职 votes → points */
};

enum cfg_language { LANG_AUTO, LANG_ZH, LANG_EN };

struct cfg_site {
    char *database;              /* resolved against the INI's directory */
    enum cfg_language language;
    int   idle_lock_minutes;     /* 0 = never */
    int   esc_delay_ms;
    char *export_dir;            /* resolved against the INI's directory */
    int   edit_window_days;
    int   contract_warning_days;
    int   training_target;       /* percent */
};

struct config {
    char *path;
    struct cfg_site site;

    struct cfg_district  *districts;  size_t ndistricts;
    struct cfg_committee *committees; size_t ncommittees;

    struct cfg_list record_categories;
    struct cfg_list inspection_categories;
    struct cfg_list visit_purposes;
    struct cfg_list resident_tags;
    struct cfg_list posts;
    struct cfg_list employment_types;
    struct cfg_list training_levels;

    struct cfg_leave_type *leave_types; size_t nleave_types;
    struct calendar        calendar;
    struct cfg_assessment  assessment;
};

/* Problems found while loading, each FILE:LINE: message. Warnings (such
 * as an unknown key) do not stop the load; errors do. */
enum diag_level { DIAG_WARNING, DIAG_ERROR };

struct diag {
    enum diag_level level;
    char *file;
    int   line;          /* 0 when the whole file is at fault */
    char *msg;
};

struct diags {
    struct diag *v;
    size_t n, errors;
};

/* Loads and checks `path`. Returns the config, or NULL when any error was
 * found; every problem, not only the first, is appended to *d. */
struct config *config_load(const char *path, struct diags *d);
void config_free(struct config *cfg);

/* "FILE:LINE: warning: msg" / "FILE:LINE: msg", one per line; a
 * diagnostic of line 0 prints as "FILE: msg". */
void diags_print(const struct diags *d, FILE *fp);
void diags_free(struct diags *d);
void diags_add(struct diags *d, enum diag_level level, const char *file,
               int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void diags_vadd(struct diags *d, enum diag_level level, const char *file,
                int line, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

const struct cfg_district  *config_district(const struct config *cfg, const char *id);
const struct cfg_committee *config_committee(const struct config *cfg, const char *id);
const struct cfg_item      *config_item(const struct cfg_list *l, const char *id);
const struct cfg_leave_type *config_leave_type(const struct config *cfg, const char *id);

/* Where the INI is: -c, then $JUWEI_CONFIG, then SYSCONFDIR/juwei/juwei.ini. */
const char *config_default_path(const char *opt);

/* Every section and key the INI may hold, as a Markdown table (section,
 * key, type, default, range, meaning): the table in doc/configuration.md
 * is this output. */
void config_describe(FILE *fp);

#endif
