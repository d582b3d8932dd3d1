/* config_options.h — the options table (config_options.c): every key a
 * section may hold, with its type, default and range, the parsers that
 * check a value against it, and the table of doc/configuration.md
 * (config_describe()). Only config.c uses it; the sections, the
 * pick-lists, the calendar and the checks across sections are there. */
#ifndef JUWEI_CONFIG_OPTIONS_H
#define JUWEI_CONFIG_OPTIONS_H

#include <stddef.h>

#include "juwei/config.h"
#include "juwei/config_scan.h"

/* A calendar year while loading: its ranges as written, with their line;
 * config.c expands them into the calendar once every year is read. */
struct cfg_dates {
    date_t *from, *to;
    size_t  n;
    int     line;
};

struct cfg_year {
    int              year, line;
    struct cfg_dates holidays, workdays;
};

/* What a value needs besides its text: the file (its values, and its
 * path and diagnostics for the messages), what a relative path is
 * relative to, and the districts loaded so far (a committee names one,
 * so districts are loaded first). */
struct cfg_opts_ctx {
    const struct cfg_file *f;
    const char            *dir;     /* the INI's directory, absolute */
    const struct config   *cfg;
};

/* Fills base from section s (NULL: absent) by the options of `kind`, as
 * the docs write it: "site" and "assessment" fill a struct config,
 * "district.ID" a struct cfg_district, "committee.ID" a struct
 * cfg_committee, "leave.ID" a struct cfg_leave_type, "calendar.YYYY" a
 * struct cfg_year. Defaults first, then the values given; bad values,
 * missing required keys (error) and unknown keys (warning) are reported. */
void config_options_load(const struct cfg_opts_ctx *cx,
                         const struct cfg_section *s, const char *kind,
                         void *base);

/* The pick-list sections, `id = name` lines kept in order; off is the
 * struct cfg_list's offset in struct config. */
struct cfg_list_opt {
    const char *section;
    size_t      off;
    const char *help;      /* N_() */
};

extern const struct cfg_list_opt config_options_lists[];
extern const size_t config_options_nlists;

void config_options_free_grades(struct cfg_grades *g);

#endif
