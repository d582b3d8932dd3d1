/* page.c — the rows that keyset-paged queries hand to the lists, and the
 * running of the core's list queries: a page by keyset, the capped count,
 * the query plan, and the search index brought up to date first. */
#include <stdlib.h>
#include <string.h>

#include "juwei/db.h"
#include "juwei/fts.h"
#include "juwei/page.h"

void
page_row_free(struct page_row *r)
{
    for (int i = 0; i < r->ncells; i++)
        free(r->cells[i]);
    free(r->cells);
    free(r->key);
    r->cells = NULL;
    r->key = NULL;
    r->ncells = 0;
}

void
page_row_set(struct page_row *r, int64_t id, const char *key, int ncells,
             const char *const *cells)
{
    r->id = id;
    r->key = xstrdup(key != NULL ? key : "");
    r->ncells = ncells;
    r->cells = xcalloc((size_t)ncells, sizeof *r->cells);
    for (int i = 0; i < ncells; i++)
        r->cells[i] = xstrdup(cells[i] != NULL ? cells[i] : "");
    r->warn = false;
    r->dim = false;
}

void
page_reverse(void *v, size_t n, size_t size)
{
    unsigned char *a = v, *tmp = xmalloc(size);

    for (size_t i = 0; i < n / 2; i++) {
        memcpy(tmp, a + i * size, size);
        memcpy(a + i * size, a + (n - 1 - i) * size, size);
        memcpy(a + (n - 1 - i) * size, tmp, size);
    }
    free(tmp);
}

/* --- the core's list queries --------------------------------------------- */

/* 1 when changes wait in the queue, 0 when not, -1 on error. */
static int
fts_pending(struct db *db, const struct page_fts *fts)
{
    sqlite3_stmt *st = db_stmt(db, fts->pending);
    int n = -1;

    if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    if (st != NULL)
        sqlite3_reset(st);
    return n;
}

int
page_fts_sync(struct db *db, const struct page_fts *fts, struct error *e)
{
    int n = fts_pending(db, fts);

    if (n < 0)
        return db_failed(db, e);
    if (n == 0)
        return 0;
    if (db_run(db, fts->unindex, e) < 0 || db_run(db, fts->index, e) < 0 ||
        db_run(db, fts->done, e) < 0)
        return -1;
    return 0;
}

void
page_fts_catch_up(struct db *db, const struct page_fts *fts)
{
    if (fts == NULL || fts_pending(db, fts) <= 0 ||
        !sqlite3_get_autocommit(db_sqlite(db)) || db_begin(db, NULL) < 0)
        return;
    if (page_fts_sync(db, fts, NULL) < 0 || db_commit(db, NULL) < 0)
        db_rollback(db);
}

/* The statement of `kind` this query runs; *match the MATCH expression
 * to bind (malloc'd) when it searches, else NULL. */
static const char *
query_sql(struct db *db, const struct page_query *q, int kind, char **match)
{
    *match = fts_match(q->find);
    if (*match != NULL) {
        page_fts_catch_up(db, q->fts);
        return q->search[kind];
    }
    return q->sql != NULL ? q->sql[kind] : NULL;
}

static sqlite3_stmt *
prepare(struct db *db, const struct page_query *q, const char *sql,
        const char *match)
{
    sqlite3_stmt *st = db_stmt(db, sql);

    if (st != NULL) {
        q->bind(st, q->arg);
        db_bind_text(st, ":match", match);
    }
    return st;
}

int
page_query_rows(struct db *db, const struct page_query *q, enum page_dir dir,
                const char *at_key, int64_t at_id, int n, void *out, int *got,
                struct error *e)
{
    bool up = dir == PAGE_LAST || dir == PAGE_BEFORE;
    unsigned char *row = out;
    char *match;
    const char *sql = query_sql(db, q, up ? PAGE_SQL_UP : PAGE_SQL_DOWN,
                                &match);
    sqlite3_stmt *st;
    int rc = SQLITE_DONE, m = 0;

    *got = 0;
    if (sql == NULL) {
        free(match);
        return error_set(e, E_PERM, NULL, _("unknown role"));
    }
    st = prepare(db, q, sql, match);
    free(match);
    if (st == NULL)
        return db_failed(db, e);
    db_bind_keyset(st, dir, at_key, at_id);
    db_bind_int(st, ":n", n);
    while (m < n && (rc = sqlite3_step(st)) == SQLITE_ROW)
        q->read(st, row + (size_t)m++ * q->size);
    sqlite3_reset(st);
    if (m < n && rc != SQLITE_DONE)
        return db_error(db, rc, e);
    if (up)
        page_reverse(out, (size_t)m, q->size);
    *got = m;
    return 0;
}

long
page_query_count(struct db *db, const struct page_query *q)
{
    char *match;
    const char *sql = query_sql(db, q, PAGE_SQL_COUNT, &match);
    sqlite3_stmt *st = sql != NULL ? prepare(db, q, sql, match) : NULL;
    long n = -1;

    free(match);
    if (st == NULL)
        return -1;
    db_bind_int(st, ":cap", PAGE_COUNT_CAP + 1);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return n;
}

struct plan_arg {
    const struct page_query *q;
    const char              *match;
};

static void
plan_bind(sqlite3_stmt *st, void *arg)
{
    struct plan_arg *p = arg;

    p->q->bind(st, p->q->arg);
    db_bind_text(st, ":match", p->match);
    db_bind_keyset(st, PAGE_FIRST, NULL, 0);
    db_bind_int(st, ":n", 50);
}

char *
page_query_plan(struct db *db, const struct page_query *q)
{
    char *match;
    const char *sql = query_sql(db, q, PAGE_SQL_DOWN, &match);
    struct plan_arg arg = { q, match };
    char *plan = sql != NULL ? db_explain(db, sql, plan_bind, &arg)
                             : xstrdup("");

    free(match);
    return plan;
}
