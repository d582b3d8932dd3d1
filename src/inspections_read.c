/* inspections_read.c — what the lists and screens read of inspections,
 * each read scoped in SQL: keyset pages and their capped counts, search
 * through the full-text index (and its queue), one inspection with its
 * follow-up history, and the home screen's counts. */
#include "juwei/inspections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/date.h"
#include "juwei/db.h"

/* As records.c's: what the triggers of migration 2 queue, applied. */
static const struct page_fts fts_queue = {
    .pending = "SELECT EXISTS (SELECT 1 FROM inspections_fts_pending)",
    .unindex =
        "INSERT INTO inspections_fts (inspections_fts, rowid, place, found)"
        " SELECT 'delete', p.row_id, p.place, p.found"
        " FROM inspections_fts_pending p"
        " WHERE p.inserted = 0 AND p.id = (SELECT min(q.id)"
        "  FROM inspections_fts_pending q WHERE q.row_id = p.row_id)",
    .index =
        "INSERT INTO inspections_fts (rowid, place, found)"
        " SELECT i.id, i.place, i.found FROM inspections i"
        " WHERE i.id IN (SELECT row_id FROM inspections_fts_pending)",
    .done = "DELETE FROM inspections_fts_pending",
};

int
inspections_fts_sync(struct db *db, struct error *e)
{
    return page_fts_sync(db, &fts_queue, e);
}

#define INSP_COLS \
    "SELECT i.id, i.committee_id, i.date, coalesce(i.time, ''), i.place," \
    " coalesce(i.grid, ''), i.category, i.severity, i.status," \
    " coalesce(i.assignee_id, 0), coalesce(a.name, '')," \
    " coalesce(i.due_date, ''), coalesce(i.resolved_date, '')," \
    " i.created_by, coalesce(c.name, '')," \
    " coalesce(i.due_date < :today AND i.status <> 'resolved', 0)," \
    " i.version"
#define INSP_FROM \
    " FROM inspections i LEFT JOIN staff a ON a.id = i.assignee_id" \
    " LEFT JOIN staff c ON c.id = i.created_by"
#define INSP_FILTERS \
    " AND (:status = '' OR i.status = :status)" \
    " AND (:category = '' OR i.category = :category)" \
    " AND (:assignee = 0 OR i.assignee_id = :assignee)" \
    " AND (:overdue = 0 OR (i.due_date < :today" \
    "      AND i.status <> 'resolved'))" \
    " AND (:due = 0 OR (i.due_date <= :today AND i.status <> 'resolved'))"
/* As records.c: one statement per scope, each on the index that gives
 * the list's order. Staff and directors both see the committee's. With
 * no other bound on the date, SQLite seeks the index by the row value's
 * date, so a deep page costs what the first does (test_inspections.c
 * counts the steps); a date filter would need records.c's min()/max(). */
#define INSP_COMMITTEE " WHERE i.committee_id = :committee"
#define INSP_DISTRICT  " WHERE +i.committee_id IN" \
    " (SELECT id FROM committees WHERE district_id = :district)"
#define INSP_ALL       " WHERE 1"
#define INSP_DOWN " AND (i.date, i.id) < (:at_date, :at_id)" \
    " ORDER BY i.date DESC, i.id DESC LIMIT :n"
#define INSP_UP   " AND (i.date, i.id) > (:at_date, :at_id)" \
    " ORDER BY i.date, i.id LIMIT :n"
#define INSP_DISTRICT_COUNT " WHERE i.committee_id IN" \
    " (SELECT id FROM committees WHERE district_id = :district)"
#define INSP_SCOPED(scope, count_scope) \
    { INSP_COLS INSP_FROM scope INSP_FILTERS INSP_DOWN, \
      INSP_COLS INSP_FROM scope INSP_FILTERS INSP_UP, \
      "SELECT count(*) FROM (SELECT 1 FROM inspections i" count_scope \
      INSP_FILTERS " LIMIT :cap)" }

#define INSP_FTS_FROM \
    " FROM inspections_fts JOIN inspections i" \
    " ON i.id = inspections_fts.rowid" \
    " LEFT JOIN staff a ON a.id = i.assignee_id" \
    " LEFT JOIN staff c ON c.id = i.created_by"
#define INSP_FTS_WHERE \
    " WHERE inspections_fts MATCH :match AND " \
    SCOPE_SQL("i.committee_id") INSP_FILTERS
#define INSP_FTS \
    { INSP_COLS INSP_FTS_FROM INSP_FTS_WHERE \
      " AND inspections_fts.rowid < :at_id" \
      " ORDER BY inspections_fts.rowid DESC LIMIT :n", \
      INSP_COLS INSP_FTS_FROM INSP_FTS_WHERE \
      " AND inspections_fts.rowid > :at_id" \
      " ORDER BY inspections_fts.rowid LIMIT :n", \
      "SELECT count(*) FROM (SELECT 1 FROM inspections_fts" \
      " JOIN inspections i ON i.id = inspections_fts.rowid" \
      INSP_FTS_WHERE " LIMIT :cap)" }

static const char *const sql_page[][PAGE_NSQL] = {
    [ROLE_STAFF]    = INSP_SCOPED(INSP_COMMITTEE, INSP_COMMITTEE),
    [ROLE_DIRECTOR] = INSP_SCOPED(INSP_COMMITTEE, INSP_COMMITTEE),
    [ROLE_STREET]   = INSP_SCOPED(INSP_DISTRICT, INSP_DISTRICT_COUNT),
    [ROLE_ADMIN]    = INSP_SCOPED(INSP_ALL, INSP_ALL),
};
static const char *const sql_search[PAGE_NSQL] = INSP_FTS;

static const char sql_get[] =
    INSP_COLS ", i.found" INSP_FROM
    " WHERE i.id = :id AND " SCOPE_SQL("i.committee_id");
static const char sql_followups[] =
    "SELECT f.id, f.date, f.staff_id, coalesce(s.name, ''),"
    " f.from_status, f.to_status, coalesce(f.note, ''), f.created_at"
    " FROM inspection_followups f LEFT JOIN staff s ON s.id = f.staff_id"
    " WHERE f.inspection_id = :id AND " SCOPE_SQL("f.committee_id")
    " ORDER BY f.id";
static const char sql_mine_due[] =
    "SELECT count(*) FROM inspections"
    " WHERE assignee_id = :me AND committee_id = :committee"
    " AND status IN ('open', 'in_progress', 'escalated')"
    " AND due_date <= :today";
static const char sql_overdue_committee[] =
    "SELECT count(*) FROM inspections WHERE committee_id = :committee"
    " AND status IN ('open', 'in_progress', 'escalated')"
    " AND due_date < :today";
static const char sql_overdue_district[] =
    "SELECT count(*) FROM inspections WHERE committee_id IN"
    " (SELECT id FROM committees WHERE district_id = :district)"
    " AND status IN ('open', 'in_progress', 'escalated')"
    " AND due_date < :today";

static void
read_inspection(sqlite3_stmt *st, struct inspection *in)
{
    memset(in, 0, sizeof *in);
    in->id = sqlite3_column_int64(st, 0);
    db_column_copy(in->committee, sizeof in->committee, st, 1);
    db_column_copy(in->date, sizeof in->date, st, 2);
    db_column_copy(in->time, sizeof in->time, st, 3);
    db_column_copy(in->place, sizeof in->place, st, 4);
    db_column_copy(in->grid, sizeof in->grid, st, 5);
    db_column_copy(in->category, sizeof in->category, st, 6);
    in->severity = sqlite3_column_int(st, 7);
    if (!inspections_status_parse((const char *)sqlite3_column_text(st, 8),
                                  &in->status))
        in->status = INSP_OPEN;
    in->assignee_id = sqlite3_column_int64(st, 9);
    db_column_copy(in->assignee_name, sizeof in->assignee_name, st, 10);
    db_column_copy(in->due_date, sizeof in->due_date, st, 11);
    db_column_copy(in->resolved_date, sizeof in->resolved_date, st, 12);
    in->created_by = sqlite3_column_int64(st, 13);
    db_column_copy(in->created_by_name, sizeof in->created_by_name, st, 14);
    in->overdue = sqlite3_column_int(st, 15) != 0;
    in->version = sqlite3_column_int64(st, 16);
}

static void
read_row(sqlite3_stmt *st, void *row)
{
    read_inspection(st, row);
}

static void
bind_common(struct ctx *ctx, sqlite3_stmt *st)
{
    char today[11];

    session_bind_scope(&ctx->who, st);
    db_bind_int(st, ":me", ctx->who.staff_id);
    db_bind_text(st, ":today", date_format(date_today(), today));
}

/* What a list query binds: the session's scope and the filter. */
struct list_arg {
    struct ctx                     *ctx;
    const struct inspection_filter *f;
};

static void
bind_filter(sqlite3_stmt *st, void *arg)
{
    const struct list_arg *a = arg;
    const struct inspection_filter *f = a->f;

    bind_common(a->ctx, st);
    db_bind_text(st, ":status", f->status >= 0 && f->status < INSP_NSTATUS
                             ? inspections_status_name(f->status) : "");
    db_bind_text(st, ":category", f->category);
    db_bind_int(st, ":assignee", f->assignee_id);
    db_bind_int(st, ":overdue", f->overdue);
    db_bind_int(st, ":due", f->due);
}

void
inspections_filter_init(struct inspection_filter *f)
{
    memset(f, 0, sizeof *f);
    f->status = -1;
}

static struct page_query
list_query(struct list_arg *a)
{
    unsigned role = (unsigned)a->ctx->who.role;
    struct page_query q = {
        .sql = role < ARRAY_LEN(sql_page) ? sql_page[role] : NULL,
        .find = a->f->find, .search = sql_search, .fts = &fts_queue,
        .bind = bind_filter, .arg = a, .read = read_row,
        .size = sizeof(struct inspection),
    };

    return q;
}

int
inspections_page(struct ctx *ctx, const struct inspection_filter *f,
                 enum page_dir dir, const char *at_date, int64_t at_id,
                 int n, struct inspection *out, int *got, struct error *e)
{
    struct list_arg a = { ctx, f };
    struct page_query q = list_query(&a);

    return page_query_rows(ctx->db, &q, dir, at_date, at_id, n, out, got, e);
}

long
inspections_count(struct ctx *ctx, const struct inspection_filter *f)
{
    struct list_arg a = { ctx, f };
    struct page_query q = list_query(&a);

    return page_query_count(ctx->db, &q);
}

char *
inspections_page_plan(struct ctx *ctx, const struct inspection_filter *f)
{
    struct list_arg a = { ctx, f };
    struct page_query q = list_query(&a);

    return page_query_plan(ctx->db, &q);
}

int
inspections_get(struct ctx *ctx, int64_t id, struct inspection *out,
                struct error *e)
{
    sqlite3_stmt *st = db_stmt(ctx->db, sql_get);
    int rc;

    memset(out, 0, sizeof *out);
    if (st == NULL)
        return db_failed(ctx->db, e);
    bind_common(ctx, st);
    db_bind_int(st, ":id", id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *found = (const char *)sqlite3_column_text(st, 17);

        read_inspection(st, out);
        out->found = xstrdup(found != NULL ? found : "");
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return store_gone(e);
    if (rc != SQLITE_ROW)
        return db_error(ctx->db, rc, e);
    return 0;
}

void
inspections_free(struct inspection *in)
{
    free(in->found);
    in->found = NULL;
}

int
inspections_followups(struct ctx *ctx, int64_t id,
                      struct inspection_followup **out, size_t *n,
                      struct error *e)
{
    struct inspection in;
    struct inspection_followup *v = NULL;
    size_t len = 0, cap = 0;
    sqlite3_stmt *st;
    int rc;

    *out = NULL;
    *n = 0;
    if (inspections_get(ctx, id, &in, e) < 0)
        return -1;
    inspections_free(&in);
    if ((st = db_stmt(ctx->db, sql_followups)) == NULL)
        return db_failed(ctx->db, e);
    bind_common(ctx, st);
    db_bind_int(st, ":id", id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct inspection_followup *f;
        const char *from = (const char *)sqlite3_column_text(st, 4);

        if (len == cap) {
            cap = cap == 0 ? 8 : cap * 2;
            v = xreallocarray(v, cap, sizeof *v);
        }
        f = &v[len++];
        memset(f, 0, sizeof *f);
        f->id = sqlite3_column_int64(st, 0);
        db_column_copy(f->date, sizeof f->date, st, 1);
        f->staff_id = sqlite3_column_int64(st, 2);
        db_column_copy(f->staff_name, sizeof f->staff_name, st, 3);
        f->has_from = from != NULL && inspections_status_parse(from, &f->from);
        if (!inspections_status_parse(
                (const char *)sqlite3_column_text(st, 5), &f->to))
            f->to = INSP_OPEN;
        f->note = xstrdup((const char *)sqlite3_column_text(st, 6));
        f->at = sqlite3_column_int64(st, 7);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        inspections_free_followups(v, len);
        return db_error(ctx->db, rc, e);
    }
    *out = v;
    *n = len;
    return 0;
}

void
inspections_free_followups(struct inspection_followup *v, size_t n)
{
    for (size_t i = 0; v != NULL && i < n; i++)
        free(v[i].note);
    free(v);
}

static long
count_of(struct ctx *ctx, const char *sql)
{
    sqlite3_stmt *st = db_stmt(ctx->db, sql);
    long n = -1;

    if (st == NULL)
        return -1;
    bind_common(ctx, st);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return n;
}

long
inspections_mine_due(struct ctx *ctx)
{
    if (ctx->who.role != ROLE_STAFF && ctx->who.role != ROLE_DIRECTOR)
        return 0;
    return count_of(ctx, sql_mine_due);
}

long
inspections_overdue(struct ctx *ctx)
{
    switch (ctx->who.role) {
    case ROLE_DIRECTOR:
        return count_of(ctx, sql_overdue_committee);
    case ROLE_STREET:
        return count_of(ctx, sql_overdue_district);
    default:
        return 0;
    }
}
