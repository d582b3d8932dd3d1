/* draft.c — forms kept when the terminal went away. Drafts are scratch
 * copies of what was typed, private to their author; they are not records,
 * so they bypass the audited write path, but each save is still one
 * durable transaction. */
#include <stdlib.h>
#include <string.h>

#include "juwei/db.h"
#include "juwei/draft.h"

static const char *sql_delete_same =
    "DELETE FROM drafts WHERE staff_id = ?1 AND form = ?2 "
    "AND coalesce(record_id, 0) = ?3";
static const char *sql_insert =
    "INSERT INTO drafts (staff_id, form, record_id, record_version, vals,"
    " saved_at) VALUES (?1, ?2, nullif(?3, 0), nullif(?6, 0), ?4, ?5)";
static const char *sql_merge =
    "SELECT json_patch(?1, json_object(?2, ?3))";
static const char *sql_list =
    "SELECT id, form, coalesce(record_id, 0), coalesce(record_version, 0),"
    " saved_at, vals FROM drafts "
    "WHERE staff_id = ?1 ORDER BY saved_at DESC, id DESC";
static const char *sql_each =
    "SELECT key, value FROM json_each(?1)";
static const char *sql_discard =
    "DELETE FROM drafts WHERE id = ?1 AND staff_id = ?2";

/* The values as one JSON object, built by SQLite so quoting is its job. */
static char *
to_json(struct db *db, const char *const *names, const char *const *values,
        size_t n)
{
    char *json = xstrdup("{}");

    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *st = db_stmt(db, sql_merge);

        sqlite3_bind_text(st, 1, json, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, names[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, values[i] != NULL ? values[i] : "", -1,
                          SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) {
            free(json);
            json = xstrdup((const char *)sqlite3_column_text(st, 0));
        }
        sqlite3_reset(st);
    }
    return json;
}

int
draft_save(struct ctx *ctx, const char *kind, int64_t record_id,
           int64_t record_version, const char *const *names,
           const char *const *values, size_t n, struct error *e)
{
    struct db *db = ctx->db;
    char *json;
    sqlite3_stmt *st;
    int rc;

    if (ctx->who.staff_id == 0)
        return error_set(e, E_PERM, "", _("drafts belong to a logged-in account"));
    json = to_json(db, names, values, n);
    if (db_begin(db, e) < 0) {
        free(json);
        return -1;
    }
    st = db_stmt(db, sql_delete_same);
    sqlite3_bind_int64(st, 1, ctx->who.staff_id);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, record_id);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
        st = db_stmt(db, sql_insert);
        sqlite3_bind_int64(st, 1, ctx->who.staff_id);
        sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, record_id);
        sqlite3_bind_text(st, 4, json, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 5, util_now());
        sqlite3_bind_int64(st, 6, record_version);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
    }
    free(json);
    if (rc != SQLITE_DONE) {
        db_error(db, rc, e);
        db_rollback(db);
        return -1;
    }
    return db_commit(db, e);
}

static void
load_values(struct db *db, const char *json, struct draft *d)
{
    sqlite3_stmt *st = db_stmt(db, sql_each);

    sqlite3_bind_text(st, 1, json, -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW) {
        d->names = xreallocarray(d->names, d->n + 1, sizeof *d->names);
        d->values = xreallocarray(d->values, d->n + 1, sizeof *d->values);
        d->names[d->n] = xstrdup((const char *)sqlite3_column_text(st, 0));
        d->values[d->n] = xstrdup(sqlite3_column_text(st, 1) != NULL
                                  ? (const char *)sqlite3_column_text(st, 1)
                                  : "");
        d->n++;
    }
    sqlite3_reset(st);
}

int
draft_list(struct ctx *ctx, struct draft **out, size_t *n, struct error *e)
{
    sqlite3_stmt *st = db_stmt(ctx->db, sql_list);
    struct draft *v = NULL;
    size_t m = 0;
    int rc;

    sqlite3_bind_int64(st, 1, ctx->who.staff_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        v = xreallocarray(v, m + 1, sizeof *v);
        memset(&v[m], 0, sizeof v[m]);
        v[m].id = sqlite3_column_int64(st, 0);
        v[m].kind = xstrdup((const char *)sqlite3_column_text(st, 1));
        v[m].record_id = sqlite3_column_int64(st, 2);
        v[m].record_version = sqlite3_column_int64(st, 3);
        v[m].saved_at = sqlite3_column_int64(st, 4);
        char *json = xstrdup((const char *)sqlite3_column_text(st, 5));
        m++;
        /* json_each runs on its own statement; keep this one's row. */
        load_values(ctx->db, json, &v[m - 1]);
        free(json);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        draft_free_list(v, m);
        return db_error(ctx->db, rc, e);
    }
    *out = v;
    *n = m;
    return 0;
}

int
draft_discard(struct ctx *ctx, int64_t id, struct error *e)
{
    sqlite3_stmt *st = db_stmt(ctx->db, sql_discard);
    int rc;

    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, ctx->who.staff_id);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : db_error(ctx->db, rc, e);
}

const char *
draft_value(const struct draft *d, const char *name)
{
    for (size_t i = 0; i < d->n; i++) {
        if (strcmp(d->names[i], name) == 0)
            return d->values[i];
    }
    return NULL;
}

void
draft_free_list(struct draft *d, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < d[i].n; j++) {
            free(d[i].names[j]);
            free(d[i].values[j]);
        }
        free(d[i].names);
        free(d[i].values);
        free(d[i].kind);
    }
    free(d);
}
