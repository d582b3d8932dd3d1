/* records.h — daily work records (工作日志): the records table as
 * store_apply() knows it, its rules, scoped keyset pages, Chinese
 * full-text search and the home screen's "today's record" line.
 *
 * Who sees what: a staff account its own records, a director the
 * committee's, the street office its district's, an admin all. Who
 * writes: staff for themselves, a director for any member of the
 * committee, the street office for the staff of its district. A staff
 * account changes or deletes its own records only within
 * site.edit_window_days of the record's date; directors and the street
 * office may correct older ones. */
#ifndef JUWEI_RECORDS_H
#define JUWEI_RECORDS_H

#include <stdbool.h>
#include <stdint.h>

#include "juwei/page.h"
#include "juwei/session.h"
#include "juwei/store.h"
#include "juwei/util.h"

#define RECORD_TITLE_MAX   80     /* characters */
#define RECORD_DETAILS_MAX 2000

/* Columns of records_table, in order (index into struct value arrays). */
enum record_col {
    REC_COMMITTEE, REC_STAFF, REC_DATE, REC_CATEGORY, REC_TITLE, REC_DETAILS,
    REC_HOURS, REC_NCOLS
};

extern const struct table records_table;

struct record {
    int64_t id;
    char    committee[64];
    int64_t staff_id;
    char    staff_name[192];
    char    date[11];
    char    category[64];
    char    title[RECORD_TITLE_MAX * 4 + 1];
    char   *details;      /* malloc'd by records_get(); NULL in pages */
    double  hours;        /* < 0: not given */
    int64_t version;
};

/* A record as typed: text fields trimmed by the caller, "" for empty. */
struct record_input {
    const char *date;       /* YYYY-MM-DD, not after today */
    int64_t     staff_id;   /* whose work; 0: the acting account */
    const char *category;   /* an id of [record_categories] */
    const char *title;
    const char *details;    /* may be NULL */
    const char *hours;      /* "" or a number 0–24 in steps of 0.5 */
};

/* Each writes through store_apply() with its audit row and keeps the
 * full-text index up to date in the same transaction. Bad input: E_INVAL
 * with e->field the column at fault, nothing written. */
int  records_add(struct ctx *ctx, const struct record_input *in, int64_t *id,
                 struct error *e);
/* `version` is the one the user saw: E_STALE if someone saved since. */
int  records_update(struct ctx *ctx, int64_t id, int64_t version,
                    const struct record_input *in, struct error *e);
int  records_delete(struct ctx *ctx, int64_t id, int64_t version,
                    struct error *e);

/* One record the list would show this session; E_NOTFOUND otherwise
 * (never a hint that it exists elsewhere). Free with records_free(). */
int  records_get(struct ctx *ctx, int64_t id, struct record *out,
                 struct error *e);
void records_free(struct record *r);

struct record_filter {
    char    from[11], to[11];   /* inclusive dates; "" = open */
    int64_t staff_id;           /* 0: anyone the list shows */
    char    category[64];       /* "" = any */
    char    find[128];          /* text in title or details; "" = none */
};

/* Keyset pages, newest first (date DESC, id DESC) relative to the row
 * (at_date, at_id) (see enum page_dir). With `find`, the rows whose title
 * or details contain it (each word, Chinese substrings of any length, as
 * LIKE would find them) through the full-text index, newest entry first
 * (id DESC; at_date is then ignored). Details are not read (NULL). */
int  records_page(struct ctx *ctx, const struct record_filter *f,
                  enum page_dir dir, const char *at_date, int64_t at_id,
                  int n, struct record *out, int *got, struct error *e);
/* How many rows records_page() pages through, counted up to
 * PAGE_COUNT_CAP + 1 (meaning more than PAGE_COUNT_CAP); -1 on error. */
long records_count(struct ctx *ctx, const struct record_filter *f);
/* EXPLAIN QUERY PLAN of the page query this session and filter use, one
 * line per step, malloc'd (for the tests and the benchmark). */
char *records_page_plan(struct ctx *ctx, const struct record_filter *f);

/* 1 when the acting account is staff or a director, today is a working
 * day on the calendar, and it has no record dated today; 0 otherwise;
 * -1 on error. */
int  records_missing_today(struct ctx *ctx);

/* Brings the full-text index up to date with changes made to records by
 * any path (the table's triggers queue them in records_fts_pending,
 * because with PRAGMA trusted_schema=OFF a trigger may not write an FTS5
 * table). records_add/update/delete call it in their transaction; a
 * module that writes records through store_apply() directly must call it
 * before committing. */
int  records_fts_sync(struct db *db, struct error *e);

#endif
