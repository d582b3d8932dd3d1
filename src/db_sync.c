/* db_sync.c — districts and committees from the INI into their tables:
 * added, renamed, moved and retired (never deleted: rows keep pointing at
 * them), each change with its audit row. */
#include "juwei/db.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/audit.h"
#include "juwei/config.h"
#include "juwei/util.h"

static const char sql_district_get[] =
    "SELECT name, active FROM districts WHERE id = ?1";
static const char sql_district_ins[] =
    "INSERT INTO districts (id, name, active) VALUES (?1, ?2, 1)";
static const char sql_district_upd[] =
    "UPDATE districts SET name = ?2, active = 1 WHERE id = ?1";
static const char sql_district_active[] =
    "SELECT id FROM districts WHERE active = 1 ORDER BY id";
static const char sql_district_off[] =
    "UPDATE districts SET active = 0 WHERE id = ?1";
static const char sql_district_json[] =
    "SELECT json_object('id', id, 'name', name, 'active', active)"
    " FROM districts WHERE id = ?1";

static const char sql_committee_get[] =
    "SELECT name, active, district_id FROM committees WHERE id = ?1";
static const char sql_committee_ins[] =
    "INSERT INTO committees (id, district_id, name, active)"
    " VALUES (?1, ?3, ?2, 1)";
static const char sql_committee_upd[] =
    "UPDATE committees SET name = ?2, district_id = ?3, active = 1"
    " WHERE id = ?1";
static const char sql_committee_active[] =
    "SELECT id FROM committees WHERE active = 1 ORDER BY id";
static const char sql_committee_off[] =
    "UPDATE committees SET active = 0 WHERE id = ?1";
static const char sql_committee_json[] =
    "SELECT json_object('id', id, 'district_id', district_id, 'name', name,"
    " 'active', active) FROM committees WHERE id = ?1";

/* The queries for one of the two tables, so the sync is written once. */
struct sync_sql {
    const char *table;
    const char *get, *ins, *upd, *active, *off, *json;
};

static const struct sync_sql sync_districts = {
    "districts", sql_district_get, sql_district_ins, sql_district_upd,
    sql_district_active, sql_district_off, sql_district_json,
};
static const struct sync_sql sync_committees = {
    "committees", sql_committee_get, sql_committee_ins, sql_committee_upd,
    sql_committee_active, sql_committee_off, sql_committee_json,
};

static char *
row_json(struct db *db, const struct sync_sql *q, const char *id)
{
    sqlite3_stmt *st = db_stmt(db, q->json);
    char *s = NULL;

    if (st == NULL)
        return NULL;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
        s = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    return s;
}

static int
step_done(struct db *db, sqlite3_stmt *st, struct error *e)
{
    int rc = sqlite3_step(st);

    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, e);
    return 0;
}

/* Adds, renames or reactivates one row; audit "sync" when it changed. */
static int
sync_one(struct db *db, const struct sync_sql *q, const char *id,
         const char *name, const char *district, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, q->get);
    char *before = NULL, *after;
    bool found, same = false;
    const char *sql;
    int rc;

    if (st == NULL)
        return db_error(db, sqlite3_extended_errcode(db_sqlite(db)), e);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    found = rc == SQLITE_ROW;
    if (found) {
        const char *n = (const char *)sqlite3_column_text(st, 0);
        const char *d = district != NULL
                      ? (const char *)sqlite3_column_text(st, 2) : NULL;

        same = n != NULL && strcmp(n, name) == 0 &&
               sqlite3_column_int(st, 1) == 1 &&
               (district == NULL || (d != NULL && strcmp(d, district) == 0));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_error(db, rc, e);
    if (same)
        return 0;
    if (found)
        before = row_json(db, q, id);
    sql = found ? q->upd : q->ins;
    if ((st = db_stmt(db, sql)) == NULL) {
        free(before);
        return db_error(db, sqlite3_extended_errcode(db_sqlite(db)), e);
    }
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    if (district != NULL)
        sqlite3_bind_text(st, 3, district, -1, SQLITE_STATIC);
    if (step_done(db, st, e) < 0) {
        free(before);
        return -1;
    }
    after = row_json(db, q, id);
    rc = audit_append(db, NULL, "sync", q->table, 0, before, after, e);
    free(before);
    free(after);
    return rc;
}

typedef bool (*listed_fn)(const struct config *cfg, const char *id);

static bool
district_listed(const struct config *cfg, const char *id)
{
    for (size_t i = 0; i < cfg->ndistricts; i++) {
        if (strcmp(cfg->districts[i].id, id) == 0)
            return true;
    }
    return false;
}

static bool
committee_listed(const struct config *cfg, const char *id)
{
    for (size_t i = 0; i < cfg->ncommittees; i++) {
        if (strcmp(cfg->committees[i].id, id) == 0)
            return true;
    }
    return false;
}

/* Deactivates the active rows the INI no longer lists; their data stays. */
static int
sync_retire(struct db *db, const struct config *cfg, const struct sync_sql *q,
            listed_fn listed, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, q->active);
    char **gone = NULL;
    size_t ngone = 0;
    int rc, ret = 0;

    if (st == NULL)
        return db_error(db, sqlite3_extended_errcode(db_sqlite(db)), e);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);

        if (!listed(cfg, id)) {
            gone = xreallocarray(gone, ngone + 1, sizeof *gone);
            gone[ngone++] = xstrdup(id);
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        ret = db_error(db, rc, e);
    for (size_t i = 0; i < ngone; i++) {
        if (ret == 0) {
            char *before = row_json(db, q, gone[i]), *after;

            st = db_stmt(db, q->off);
            if (st == NULL) {
                ret = db_error(db, sqlite3_extended_errcode(db_sqlite(db)), e);
            } else {
                sqlite3_bind_text(st, 1, gone[i], -1, SQLITE_STATIC);
                ret = step_done(db, st, e);
            }
            if (ret == 0) {
                after = row_json(db, q, gone[i]);
                ret = audit_append(db, NULL, "sync", q->table, 0, before,
                                   after, e);
                free(after);
            }
            free(before);
        }
        free(gone[i]);
    }
    free(gone);
    return ret;
}

int
db_sync_config(struct db *db, const struct config *cfg, struct error *e)
{
    if (db_begin(db, e) < 0)
        return -1;
    for (size_t i = 0; i < cfg->ndistricts; i++) {
        if (sync_one(db, &sync_districts, cfg->districts[i].id,
                     cfg->districts[i].name, NULL, e) < 0)
            goto fail;
    }
    for (size_t i = 0; i < cfg->ncommittees; i++) {
        if (sync_one(db, &sync_committees, cfg->committees[i].id,
                     cfg->committees[i].name, cfg->committees[i].district,
                     e) < 0)
            goto fail;
    }
    if (sync_retire(db, cfg, &sync_committees, committee_listed, e) < 0 ||
        sync_retire(db, cfg, &sync_districts, district_listed, e) < 0)
        goto fail;
    return db_commit(db, e);
fail:
    db_rollback(db);
    return -1;
}
