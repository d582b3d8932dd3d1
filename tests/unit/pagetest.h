/* pagetest.h — checks of a list paged by keyset, newest first by
 * (date, id), against plain SQL on its table: a page deep in the list is
 * exactly the page OFFSET gives, in every direction; and it costs the
 * work of a page near the top, counted in SQLite's VM steps (a count
 * that does not depend on the machine's speed). The test file reads a
 * page through its module; `where` selects, in SQL, the rows the list
 * should show. Include after check.h. */
#ifndef JUWEI_PAGETEST_H
#define JUWEI_PAGETEST_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "juwei/db.h"
#include "juwei/page.h"

#define PAGETEST_N 20   /* rows a page */

struct pagetest {
    struct db  *db;
    const char *table;
    /* The ids of one page through the module, in display order, into
     * ids[0..PAGETEST_N); how many, or -1 on error. */
    int (*page)(void *arg, enum page_dir dir, const char *date, int64_t id,
                int64_t *ids);
    void       *arg;
};

/* The first column of the first row of `sql` (taken), as a number. */
static inline long
pagetest_value(const struct pagetest *t, char *sql)
{
    long n = (long)fixture_count(t->db, sql);

    free(sql);
    return n;
}

static inline long
pagetest_count(const struct pagetest *t, const char *where, const char *and)
{
    return pagetest_value(t, xasprintf("SELECT count(*) FROM %s WHERE %s%s",
                                       t->table, where, and));
}

/* Up to n ids of the list from row k (from 0) on, by OFFSET; with date
 * non-NULL, the date of the first. */
static inline int
pagetest_offset(const struct pagetest *t, const char *where, long k, int n,
                int64_t *ids, char *date)
{
    char *sql = xasprintf("SELECT id, date FROM %s WHERE %s ORDER BY date"
                          " DESC, id DESC LIMIT %d OFFSET %ld", t->table,
                          where, n, k);
    sqlite3_stmt *st;
    int got = 0;

    sqlite3_prepare_v2(db_sqlite(t->db), sql, -1, &st, NULL);
    while (got < n && sqlite3_step(st) == SQLITE_ROW) {
        if (got == 0 && date != NULL)
            snprintf(date, 11, "%s", (const char *)sqlite3_column_text(st, 1));
        ids[got++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    free(sql);
    return got;
}

static inline void
pagetest_same(const struct pagetest *t, enum page_dir dir, const char *date,
              int64_t id, const int64_t *want, int n, const char *what,
              long k)
{
    int64_t ids[PAGETEST_N];
    int got = t->page(t->arg, dir, date, id, ids);

    if (got != n)
        printf("  %s at row %ld: %d rows, OFFSET gives %d\n", what, k, got,
               n);
    CHECK_INT(got, n);
    for (int i = 0; i < got && i < n; i++)
        CHECK_INT(ids[i], want[i]);
}

/* At depths through the list, PgDn (AFTER the row above), PgUp (BEFORE
 * the row) and a re-read (FROM the row) each give what OFFSET gives.
 * Returns how many of those rows share their date with the row above:
 * the keyset must part rows of one date by id. */
static inline int
pagetest_deep(const struct pagetest *t, const char *where)
{
    static const long depths[] = { 1, 19, 20, 333, 480, 701, 1234, 1999 };
    long total = pagetest_count(t, where, "");
    int64_t want[PAGETEST_N], id;
    int ties = 0;

    CHECK(total > 100);
    for (size_t i = 0; i < sizeof depths / sizeof *depths; i++) {
        long k = depths[i], from = k >= PAGETEST_N ? k - PAGETEST_N : 0;
        char above[11], at[11];
        int n;

        if (k >= total)
            break;
        pagetest_offset(t, where, k - 1, 1, &id, above);
        n = pagetest_offset(t, where, k, PAGETEST_N, want, at);
        ties += strcmp(above, at) == 0;
        pagetest_same(t, PAGE_AFTER, above, id, want, n, "AFTER", k);
        pagetest_same(t, PAGE_FROM, at, want[0], want, n, "FROM", k);
        id = want[0];
        n = pagetest_offset(t, where, from, (int)(k - from), want, NULL);
        pagetest_same(t, PAGE_BEFORE, at, id, want, n, "BEFORE", k);
    }
    return ties;
}

/* The VM steps of every statement of the connection since the last
 * call, which resets them: the work done in between. */
static inline long
pagetest_vm_steps(struct db *db)
{
    long n = 0;

    for (sqlite3_stmt *st = sqlite3_next_stmt(db_sqlite(db), NULL);
         st != NULL; st = sqlite3_next_stmt(db_sqlite(db), st))
        n += sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 1);
    return n;
}

/* The steps of one page in `dir` from the middle row of the nth newest
 * date of the list. */
static inline long
pagetest_steps_at(const struct pagetest *t, const char *where, int nth,
                  enum page_dir dir)
{
    char *sql = xasprintf("SELECT DISTINCT date FROM %s WHERE %s ORDER BY"
                          " date DESC LIMIT 1 OFFSET %d", t->table, where,
                          nth);
    char date[11] = "", *same, *newer;
    int64_t id = 0, ids[PAGETEST_N];
    sqlite3_stmt *st;
    long k, steps;

    sqlite3_prepare_v2(db_sqlite(t->db), sql, -1, &st, NULL);
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(date, sizeof date, "%s",
                 (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    free(sql);
    same = xasprintf(" AND date = '%s'", date);
    newer = xasprintf(" AND date > '%s'", date);
    k = pagetest_count(t, where, newer) + pagetest_count(t, where, same) / 2;
    pagetest_offset(t, where, k, 1, &id, date);
    pagetest_vm_steps(t->db);
    CHECK_INT(t->page(t->arg, dir, date, id, ids), PAGETEST_N);
    steps = pagetest_vm_steps(t->db);
    free(same);
    free(newer);
    return steps;
}

/* Within a factor of two of each other. */
static inline bool
pagetest_alike(long a, long b)
{
    return a < 2 * b && b < 2 * a;
}

/* A page deep in the list does the work of one near the top, and going
 * up the other way round: the keyset bounds the index range, so the rows
 * between the end of the list and the page are not walked. Both keysets
 * sit in the middle of their date's rows, since the index seeks by date
 * and walks the rows of that one date before the keyset. */
static inline void
pagetest_seek(const struct pagetest *t, const char *where)
{
    int deep = (int)pagetest_value(t, xasprintf("SELECT count(DISTINCT"
                                                " date) FROM %s WHERE %s",
                                                t->table, where)) - 2;
    long top_down = pagetest_steps_at(t, where, 1, PAGE_AFTER);
    long deep_down = pagetest_steps_at(t, where, deep, PAGE_AFTER);
    long top_up = pagetest_steps_at(t, where, 1, PAGE_BEFORE);
    long deep_up = pagetest_steps_at(t, where, deep, PAGE_BEFORE);

    CHECK(deep > 10);
    CHECK(pagetest_alike(top_down, deep_down));
    CHECK(pagetest_alike(top_up, deep_up));
    if (!pagetest_alike(top_down, deep_down) ||
        !pagetest_alike(top_up, deep_up))
        printf("  %s: VM steps down %ld near the top, %ld deep; up %ld, "
               "%ld\n", where, top_down, deep_down, top_up, deep_up);
}

#endif
