/* audit.c — appending to the audit log. Every audit row is written by
 * audit_append(), the one place a later hash chain (each row sealing the
 * one before it) will hook in; ids only grow (AUTOINCREMENT) so the chain
 * order is the id order. */
#include "juwei/audit.h"

#include "juwei/db.h"
#include "juwei/session.h"

static const char sql_audit_insert[] =
    "INSERT INTO audit (at, actor_id, actor_login, action, tbl, row_id,"
    " before, after)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, json(?7), json(?8))";

int
audit_append(struct db *db, const struct session *who, const char *action,
             const char *table, int64_t row_id, const char *before_json,
             const char *after_json, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_audit_insert);
    int rc;

    if (st == NULL)
        return db_error(db, sqlite3_extended_errcode(db_sqlite(db)), e);
    sqlite3_bind_int64(st, 1, util_now());
    if (who != NULL && who->staff_id != 0)
        sqlite3_bind_int64(st, 2, who->staff_id);
    if (who == NULL)
        sqlite3_bind_text(st, 3, "system", -1, SQLITE_STATIC);
    else if (who->login[0] != '\0')
        sqlite3_bind_text(st, 3, who->login, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, action, -1, SQLITE_STATIC);
    if (table != NULL)
        sqlite3_bind_text(st, 5, table, -1, SQLITE_STATIC);
    if (row_id != 0)
        sqlite3_bind_int64(st, 6, row_id);
    if (before_json != NULL)
        sqlite3_bind_text(st, 7, before_json, -1, SQLITE_STATIC);
    if (after_json != NULL)
        sqlite3_bind_text(st, 8, after_json, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, e);
    return 0;
}
