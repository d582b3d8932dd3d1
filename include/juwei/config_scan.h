/* config_scan.h — the INI file as iniparser 4.1 reads it, plus what
 * iniparser does not say: where each section and key is. Only config.c
 * and config_options.c use it; nothing else in juwei touches the INI file
 * or iniparser. */
#ifndef JUWEI_CONFIG_SCAN_H
#define JUWEI_CONFIG_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "juwei/config.h"

/* iniparser's limit on one line (continuation lines joined), without
 * its newline: a line one byte longer makes iniparser refuse the file. */
#define CONFIG_LINE_LIMIT 1022
/* Ids (of sections and pick-list entries) are stored in the database. */
#define CONFIG_ID_MAX 32

struct cfg_key {
    char *name;            /* lowercased, as iniparser stores it */
    int   line;
};

struct cfg_section {
    char           *name;  /* lowercased; "" for the keys before any section */
    int             line;  /* 0 for that pseudo-section */
    struct cfg_key *keys;  /* in file order */
    size_t          nkeys;
    bool            dead;  /* a bad header ([]): its keys are not read */
};

struct _dictionary_;

struct cfg_file {
    const char          *path;     /* as given: diagnostics name it */
    struct diags        *d;
    struct cfg_section  *secs;     /* [0]: the keys before any section */
    size_t               nsecs;
    struct _dictionary_ *ini;      /* the values; NULL if unreadable */
    /* private to config_scan.c */
    size_t               cur;
    int                 *first;    /* physical line → first of its group */
    int                  nlines;
};

/* Reads and scans `path`, reporting into *d (as path:line: message):
 * unreadable file, invalid UTF-8, control characters, over-long lines,
 * duplicate sections and keys, syntax errors. Returns 0 when the values
 * could be loaded (there may still have been errors), -1 when not. */
int  config_scan_load(struct cfg_file *f, const char *path, struct diags *d);
void config_scan_free(struct cfg_file *f);

/* The section named `name` (first occurrence), or NULL. */
const struct cfg_section *config_scan_section(const struct cfg_file *f,
                                              const char *name);
const struct cfg_key *config_scan_key(const struct cfg_section *s,
                                      const char *name);
/* The value of key `key` of section s as iniparser read it ("" if none):
 * unquoted values are cut at ';' and '#', quoted ones kept whole. */
const char *config_scan_value(const struct cfg_file *f,
                              const struct cfg_section *s, const char *key);

/* The syntax of values, the same for every key. */

/* [+-]digits[.digits], whatever LC_NUMERIC says. */
bool   config_scan_real(const char *s, double *out);
bool   config_scan_int(const char *s, long *out);
/* An id: 1..CONFIG_ID_MAX of a-z 0-9 _ -. */
bool   config_scan_id(const char *id);
/* Items separated by ',' or the Chinese '，' and '、', trimmed; empty
 * items are kept so that they can be reported; "" gives none. */
char **config_scan_list(const char *v, size_t *n);
void   config_scan_list_free(char **items, size_t n);
/* "优 95": cuts a trimmed item at its last run of spaces (ASCII or U+3000)
 * in place and returns what follows ("95"); "" when there is no space. */
char  *config_scan_tail(char *item);
/* v resolved against dir (absolute, symlink-free): "./" dropped, a
 * leading "../" taken off dir. */
char  *config_scan_path(const char *dir, const char *v);

#endif
