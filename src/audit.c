/* audit.c — appending to the audit log, and its hash chain.
 *
 * Each row is sealed with hash = SHA-256(the previous row's hash as 64 hex
 * digits, then the row's own fields); the first row follows 64 zeros. So
 * changing or removing a row with an outside tool breaks the seal of that
 * row or of the one after it. Ids are dense (AUTOINCREMENT, and a rolled
 * back transaction takes its sequence number back with it), so a gap means
 * a row was removed, and sqlite_sequence remembers rows cut off the end.
 *
 * What this does not stop: someone who recomputes every seal after the
 * row they changed. audit_head() gives the newest seal so that it can be
 * written down somewhere the database's users cannot reach. */
#include "juwei/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/db.h"
#include "juwei/session.h"
#include "juwei/sha256.h"

static const char genesis[SHA256_HEX] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/* The fields in sealing order; audit_verify_chain reads them the same way. */
#define AUDIT_FIELDS \
    "id, at, actor_id, actor_login, action, tbl, row_id, before, after"

static const char sql_insert[] =
    "INSERT INTO audit (" AUDIT_FIELDS ", hash)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
/* The stored form of the JSON, which is what gets sealed. */
static const char sql_json[] = "SELECT json(?1), json(?2)";
/* The newest row and the sequence in one statement (an import appends
 * tens of thousands of rows); one row even when the log is empty. */
static const char sql_last[] =
    "SELECT a.id, a.hash, coalesce((SELECT seq FROM sqlite_sequence"
    " WHERE name = 'audit'), 0)"
    " FROM (SELECT 1) LEFT JOIN"
    " (SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1) AS a";
static const char sql_seq[] =
    "SELECT coalesce((SELECT seq FROM sqlite_sequence"
    " WHERE name = 'audit'), 0)";
static const char sql_all[] =
    "SELECT " AUDIT_FIELDS ", hash FROM audit ORDER BY id";
/* Rows up to this id are older than the chain (see schema_audit.c). */
static const char sql_legacy[] =
    "SELECT coalesce((SELECT max(legacy_upto) FROM audit_chain), 0)";
static const char sql_read_begin[] = "BEGIN";

enum { F_ID, F_AT, F_ACTOR_ID, F_ACTOR_LOGIN, F_ACTION, F_TBL, F_ROW_ID,
       F_BEFORE, F_AFTER, F_COUNT };

/* One field as the seal sees it: NULL, an integer or a text. */
struct field_value {
    enum { V_NULL, V_INT, V_TEXT } kind;
    int64_t     i;
    const char *s;
    size_t      len;
};

/* Each value is tagged and length-prefixed, so no two different rows can
 * be written the same way (a text "1" is not the integer 1, and moving
 * bytes from one field to the next changes the lengths). */
static void
seal(const char prev[SHA256_HEX], const struct field_value *v,
     char out[SHA256_HEX])
{
    struct sha256 c;
    unsigned char d[SHA256_BYTES];
    char num[48];

    sha256_init(&c);
    sha256_update(&c, "juwei-audit-1\n", 14);
    sha256_update(&c, prev, 64);
    for (int i = 0; i < F_COUNT; i++) {
        int n;

        switch (v[i].kind) {
        case V_NULL:
            sha256_update(&c, "N;", 2);
            break;
        case V_INT:
            n = snprintf(num, sizeof num, "I%lld;", (long long)v[i].i);
            sha256_update(&c, num, (size_t)n);
            break;
        case V_TEXT:
            n = snprintf(num, sizeof num, "T%zu:", v[i].len);
            sha256_update(&c, num, (size_t)n);
            sha256_update(&c, v[i].s, v[i].len);
            sha256_update(&c, ";", 1);
            break;
        }
    }
    sha256_final(&c, d);
    sha256_to_hex(d, out);
}

static struct field_value
column_value(sqlite3_stmt *st, int col)
{
    struct field_value v = { V_NULL, 0, NULL, 0 };

    switch (sqlite3_column_type(st, col)) {
    case SQLITE_NULL:
        break;
    case SQLITE_INTEGER:
        v.kind = V_INT;
        v.i = sqlite3_column_int64(st, col);
        break;
    default:
        /* STRICT columns hold only these types; anything else is sealed
         * as its text, which an edit would still change. */
        v.kind = V_TEXT;
        v.s = (const char *)sqlite3_column_text(st, col);
        v.len = (size_t)sqlite3_column_bytes(st, col);
        if (v.s == NULL)
            v.s = "";
        break;
    }
    return v;
}

static void
seal_row(sqlite3_stmt *st, const char prev[SHA256_HEX], char out[SHA256_HEX])
{
    struct field_value v[F_COUNT];

    for (int i = 0; i < F_COUNT; i++)
        v[i] = column_value(st, i);
    seal(prev, v, out);
}

static int
failed(struct db *db, struct error *e)
{
    return db_error(db, sqlite3_extended_errcode(db_sqlite(db)), e);
}

static int
int_value(struct db *db, const char *sql, int64_t *out, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    int rc;

    if (st == NULL)
        return failed(db, e);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : db_error(db, rc, e);
}

/* Walks the whole log in id order. With `verify`, stops at the first row
 * that is missing, unsealed though newer than the chain, or sealed
 * wrongly, and says which. Either way leaves the newest seal (computed
 * for unsealed rows from before the chain began) in head and the newest
 * id in last. */
static int
walk(struct db *db, bool verify, char head[SHA256_HEX], int64_t *last,
     int64_t *first_bad, struct error *e)
{
    sqlite3_stmt *st;
    char prev[SHA256_HEX], mine[SHA256_HEX];
    int64_t expect = 1, legacy = 0;
    int rc;

    memcpy(prev, genesis, sizeof prev);
    *last = 0;
    *first_bad = 0;
    if (int_value(db, sql_legacy, &legacy, e) < 0)
        return -1;
    if ((st = db_stmt(db, sql_all)) == NULL)
        return failed(db, e);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, F_ID);
        const char *stored = (const char *)sqlite3_column_text(st, F_COUNT);

        if (verify && id != expect) {
            *first_bad = expect;
            error_set(e, E_CORRUPT, NULL,
                      _("audit row %lld is missing: someone removed it"),
                      (long long)expect);
            break;
        }
        seal_row(st, prev, mine);
        if (stored == NULL) {
            if (verify && id > legacy) {
                *first_bad = id;
                error_set(e, E_CORRUPT, NULL,
                          _("audit row %lld has lost its seal: someone "
                            "changed it"), (long long)id);
                break;
            }
        } else {
            if (verify && strcmp(stored, mine) != 0) {
                *first_bad = id;
                error_set(e, E_CORRUPT, NULL,
                          _("audit row %lld does not match its seal: "
                            "someone changed it or removed a row before "
                            "it"), (long long)id);
                break;
            }
            /* Appending continues from what is stored. */
            if (!verify)
                snprintf(mine, sizeof mine, "%s", stored);
        }
        memcpy(prev, mine, sizeof prev);
        *last = id;
        expect = id + 1;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_error(db, rc, e);
    if (*first_bad != 0)
        return -1;
    memcpy(head, prev, SHA256_HEX);
    return 0;
}

/* The seal the next row follows: the newest row's, computing the chain
 * once over rows older than the chain itself; and that row's id. */
static int
last_seal(struct db *db, char prev[SHA256_HEX], int64_t *last, int64_t *seq,
          struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_last);
    int64_t bad;
    bool unsealed = false;
    int rc;

    if (st == NULL)
        return failed(db, e);
    memcpy(prev, genesis, SHA256_HEX);
    *last = 0;
    *seq = 0;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *seq = sqlite3_column_int64(st, 2);
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        const char *h = (const char *)sqlite3_column_text(st, 1);

        *last = sqlite3_column_int64(st, 0);
        if (h != NULL && strlen(h) == 64)
            memcpy(prev, h, SHA256_HEX);
        else
            unsealed = true;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_error(db, rc, e);
    if (unsealed)
        return walk(db, false, prev, last, &bad, e);
    return 0;
}

static void
bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
    if (s != NULL)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

static int
append(struct db *db, const struct session *who, const char *action,
       const char *table, int64_t row_id, const char *before_json,
       const char *after_json, bool stored, struct error *e)
{
    struct field_value v[F_COUNT];
    sqlite3_stmt *st;
    char prev[SHA256_HEX], hash[SHA256_HEX];
    char *own_before = NULL, *own_after = NULL;
    const char *before = before_json, *after = after_json;
    int64_t seq = 0, last = 0;
    int rc, ret = -1;

    /* JSON in its stored (minified) form, so the seal covers exactly the
     * bytes kept; malformed JSON is refused here as the INSERT would.
     * `stored` JSON is in that form already and is sealed as it is. */
    if (!stored) {
        if ((st = db_stmt(db, sql_json)) == NULL)
            return failed(db, e);
        bind_text_or_null(st, 1, before_json);
        bind_text_or_null(st, 2, after_json);
        rc = sqlite3_step(st);
        before = after = NULL;
        if (rc == SQLITE_ROW) {
            if (sqlite3_column_text(st, 0) != NULL)
                before = own_before =
                    xstrdup((const char *)sqlite3_column_text(st, 0));
            if (sqlite3_column_text(st, 1) != NULL)
                after = own_after =
                    xstrdup((const char *)sqlite3_column_text(st, 1));
        }
        sqlite3_reset(st);
        if (rc != SQLITE_ROW) {
            db_error(db, rc, e);
            goto out;
        }
    }
    if (last_seal(db, prev, &last, &seq, e) < 0)
        goto out;

    /* The id AUTOINCREMENT would choose, chosen here because it is sealed. */
    memset(v, 0, sizeof v);
    v[F_ID] = (struct field_value){ V_INT, (seq > last ? seq : last) + 1,
                                    NULL, 0 };
    v[F_AT] = (struct field_value){ V_INT, util_now(), NULL, 0 };
    if (who != NULL && who->staff_id != 0)
        v[F_ACTOR_ID] = (struct field_value){ V_INT, who->staff_id, NULL, 0 };
    if (who == NULL)
        v[F_ACTOR_LOGIN] = (struct field_value){ V_TEXT, 0, "system", 6 };
    else if (who->login[0] != '\0')
        v[F_ACTOR_LOGIN] = (struct field_value){ V_TEXT, 0, who->login,
                                                 strlen(who->login) };
    v[F_ACTION] = (struct field_value){ V_TEXT, 0, action, strlen(action) };
    if (table != NULL)
        v[F_TBL] = (struct field_value){ V_TEXT, 0, table, strlen(table) };
    if (row_id != 0)
        v[F_ROW_ID] = (struct field_value){ V_INT, row_id, NULL, 0 };
    if (before != NULL)
        v[F_BEFORE] = (struct field_value){ V_TEXT, 0, before, strlen(before) };
    if (after != NULL)
        v[F_AFTER] = (struct field_value){ V_TEXT, 0, after, strlen(after) };
    seal(prev, v, hash);

    if ((st = db_stmt(db, sql_insert)) == NULL) {
        failed(db, e);
        goto out;
    }
    for (int i = 0; i < F_COUNT; i++) {
        if (v[i].kind == V_INT)
            sqlite3_bind_int64(st, i + 1, v[i].i);
        else if (v[i].kind == V_TEXT)
            sqlite3_bind_text(st, i + 1, v[i].s, (int)v[i].len,
                              SQLITE_STATIC);
    }
    sqlite3_bind_text(st, F_COUNT + 1, hash, 64, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        db_error(db, rc, e);
    else
        ret = 0;
out:
    free(own_before);
    free(own_after);
    return ret;
}

static int
append_txn(struct db *db, const struct session *who, const char *action,
           const char *table, int64_t row_id, const char *before_json,
           const char *after_json, bool stored, struct error *e)
{
    bool own;

    /* Reading the last seal and appending must be one write transaction,
     * or two kiosks would both follow the same row. Callers normally hold
     * one already; a lone append (a logout) gets its own. */
    own = sqlite3_get_autocommit(db_sqlite(db)) != 0;
    if (own && db_begin(db, e) < 0)
        return -1;
    if (append(db, who, action, table, row_id, before_json, after_json,
               stored, e) < 0) {
        if (own)
            db_rollback(db);
        return -1;
    }
    return own ? db_commit(db, e) : 0;
}

int
audit_append(struct db *db, const struct session *who, const char *action,
             const char *table, int64_t row_id, const char *before_json,
             const char *after_json, struct error *e)
{
    return append_txn(db, who, action, table, row_id, before_json,
                      after_json, false, e);
}

int
audit_append_stored(struct db *db, const struct session *who,
                    const char *action, const char *table, int64_t row_id,
                    const char *before_json, const char *after_json,
                    struct error *e)
{
    return append_txn(db, who, action, table, row_id, before_json,
                      after_json, true, e);
}

/* Runs f inside one read transaction (unless the caller holds one), so
 * the rows and sqlite_sequence are read from the same snapshot. */
static int
in_snapshot(struct db *db, int (*f)(struct db *, void *, struct error *),
            void *arg, struct error *e)
{
    bool own = sqlite3_get_autocommit(db_sqlite(db)) != 0;
    sqlite3_stmt *st;
    int rc;

    if (own) {
        if ((st = db_stmt(db, sql_read_begin)) == NULL)
            return failed(db, e);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return db_error(db, rc, e);
    }
    rc = f(db, arg, e);
    if (own)
        db_rollback(db);    /* nothing was written: ends the snapshot */
    return rc;
}

struct verify_state {
    int64_t *first_bad;
    int64_t  last;
    char     head[SHA256_HEX];
};

static int
verify(struct db *db, void *arg, struct error *e)
{
    struct verify_state *v = arg;
    int64_t seq = 0;

    if (walk(db, true, v->head, &v->last, v->first_bad, e) < 0)
        return -1;
    if (int_value(db, sql_seq, &seq, e) < 0)
        return -1;
    if (seq > v->last) {
        *v->first_bad = v->last + 1;
        return error_set(e, E_CORRUPT, NULL,
                         _("audit rows %lld to %lld are missing: someone "
                           "removed the newest rows"),
                         (long long)(v->last + 1), (long long)seq);
    }
    return 0;
}

int
audit_verify_chain(struct db *db, int64_t *first_bad, struct error *e)
{
    struct verify_state v = { .first_bad = first_bad };

    *first_bad = 0;
    return in_snapshot(db, verify, &v, e);
}

static int
head(struct db *db, void *arg, struct error *e)
{
    struct verify_state *v = arg;
    int64_t seq;

    return last_seal(db, v->head, &v->last, &seq, e);
}

int
audit_head(struct db *db, int64_t *last_id, char hash[SHA256_HEX],
           struct error *e)
{
    struct verify_state v = { 0 };

    if (in_snapshot(db, head, &v, e) < 0)
        return -1;
    *last_id = v.last;
    memcpy(hash, v.head, SHA256_HEX);
    return 0;
}
