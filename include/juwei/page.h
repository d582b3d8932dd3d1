/* page.h — keyset paging, as the core offers it to the paged lists. A
 * source returns rows in display order; each row carries its sort key and
 * id so the next page starts strictly after the last row shown. Rows are
 * display text already (masked where the viewer may not see a field). */
#ifndef JUWEI_PAGE_H
#define JUWEI_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "juwei/util.h"

struct page_row {
    int64_t id;
    char   *key;        /* the sort key (e.g. a date, a name) */
    char  **cells;      /* one per column, UTF-8 */
    int     ncells;
    bool    warn;       /* drawn marked: overdue, locked … */
    bool    dim;        /* drawn dim: inactive, closed … */
};

enum page_dir {
    PAGE_FIRST,     /* from the start */
    PAGE_LAST,      /* the last n rows */
    PAGE_AFTER,     /* rows strictly after `at` */
    PAGE_FROM,      /* rows from `at` itself on (re-reading a page) */
    PAGE_BEFORE,    /* rows strictly before `at`, returned in order */
};

struct page_source {
    void *arg;
    /* Up to n rows in display order into rows[0..*got). */
    int  (*fetch)(void *arg, enum page_dir dir, const struct page_row *at,
                  int n, struct page_row *rows, int *got, struct error *e);
    /* How many rows match; -1 if unknown. */
    long (*count)(void *arg);
};

void page_row_free(struct page_row *r);
/* Pages read backwards (LAST, BEFORE) come newest-last: put `n` elements
 * of `size` bytes back in display order. */
void page_reverse(void *v, size_t n, size_t size);
/* Fills r: id, key and ncells cells (strings copied; NULL becomes ""). */
void page_row_set(struct page_row *r, int64_t id, const char *key,
                  int ncells, const char *const *cells);

/* --- the core's side: one keyset-paged list query ----------------------
 * records.c and inspections.c describe each list query once (statements,
 * binder, row reader) and page.c runs it. Only core modules use these. */

struct db;
struct sqlite3_stmt;

/* A list with more matching rows than this shows "1,000+": an exact
 * count walks every match (a common Chinese character is most rows),
 * while a capped one stops at PAGE_COUNT_CAP + 1. */
#define PAGE_COUNT_CAP 1000

/* The queue that keeps an external-content FTS5 index in step with its
 * table (schema_records.c says why a queue): its four statements. */
struct page_fts {
    const char *pending;    /* SELECT EXISTS (SELECT 1 FROM the queue) */
    const char *unindex;    /* takes out what the index holds of them */
    const char *index;      /* puts the queued rows in as they are now */
    const char *done;       /* empties the queue */
};

/* Applies the queue; inside the caller's transaction. */
int page_fts_sync(struct db *db, const struct page_fts *fts, struct error *e);
/* Before a search: applies the queue in a transaction of its own, so the
 * search sees changes made by other paths too. Only with something queued
 * does it take the write lock; a read-only database, or one inside the
 * caller's transaction, searches the index as it is. */
void page_fts_catch_up(struct db *db, const struct page_fts *fts);

enum { PAGE_SQL_DOWN, PAGE_SQL_UP, PAGE_SQL_COUNT, PAGE_NSQL };

struct page_query {
    /* PAGE_NSQL static statements, or NULL (the session may not list):
     * DOWN in display order after (:at_date, :at_id) (db_bind_keyset),
     * UP the other way, LIMIT :n both; COUNT as
     * "SELECT count(*) FROM (SELECT 1 … LIMIT :cap)". */
    const char *const     *sql;
    /* When `find` (as typed) holds a word: the `search` statements
     * instead, with :match bound to fts_match(find), after the index has
     * taken in the changes other paths queued in `fts` (when it can do
     * so without waiting). */
    const char            *find;
    const char *const     *search;
    const struct page_fts *fts;
    void  (*bind)(struct sqlite3_stmt *st, void *arg);   /* scope, filter */
    void   *arg;
    /* Fills one row (of `size` bytes) from the statement's columns. */
    void  (*read)(struct sqlite3_stmt *st, void *row);
    size_t  size;
};

/* Up to n rows in display order into out[0..*got) (see enum page_dir);
 * E_PERM when there is no statement for it. */
int   page_query_rows(struct db *db, const struct page_query *q,
                      enum page_dir dir, const char *at_key, int64_t at_id,
                      int n, void *out, int *got, struct error *e);
/* How many rows the query pages through, at most PAGE_COUNT_CAP + 1
 * (meaning more than PAGE_COUNT_CAP); -1 on error. */
long  page_query_count(struct db *db, const struct page_query *q);
/* EXPLAIN QUERY PLAN of the first page going down, malloc'd. */
char *page_query_plan(struct db *db, const struct page_query *q);

#endif
