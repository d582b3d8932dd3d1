/* auth.c — password hashes and logins.
 *
 * What a failed login says never depends on why it failed, so nobody can
 * learn from the kiosk whether a login exists, is disabled or is locked;
 * the audit log records the real reason. Every attempt costs one yescrypt
 * computation, whatever the outcome, for the same reason. */
#include "juwei/auth.h"

#include <crypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "juwei/audit.h"
#include "juwei/db.h"
#include "juwei/text.h"

#define AUTH_MAX_PASSWORD 128   /* characters */

char *
auth_hash(const char *password)
{
    char *salt, *h, *out = NULL;
    void *data = NULL;
    int size = 0;

    salt = crypt_gensalt_ra("$y$", 0, NULL, 0);
    if (salt == NULL)
        return NULL;
    h = crypt_ra(password, salt, &data, &size);
    if (h != NULL && h[0] == '$')
        out = xstrdup(h);
    if (data != NULL) {
        explicit_bzero(data, (size_t)size);
        free(data);
    }
    free(salt);
    return out;
}

bool
auth_hash_matches(const char *hash, const char *password)
{
    void *data = NULL;
    int size = 0;
    const char *h;
    unsigned char diff;
    size_t n, m;

    if (hash == NULL || hash[0] != '$' || password == NULL)
        return false;
    h = crypt_ra(password, hash, &data, &size);
    if (h == NULL || h[0] != '$') {
        diff = 1;
    } else {
        /* Constant time over the hash: no early exit on the first
         * differing byte. */
        n = strlen(hash);
        m = strlen(h);
        diff = n != m;
        for (size_t i = 0; i < n && i < m; i++)
            diff |= (unsigned char)(hash[i] ^ h[i]);
    }
    if (data != NULL) {
        explicit_bzero(data, (size_t)size);
        free(data);
    }
    return diff == 0;
}

/* Characters in a UTF-8 string, or -1 when it is not valid UTF-8 or holds
 * control characters. */
static long
password_chars(const char *s)
{
    if (!text_valid_utf8(s, strlen(s)) || text_has_controls(s, false))
        return -1;
    return (long)text_chars(s);
}

int
auth_password_ok(const char *login, const char *password, struct error *e)
{
    long n = password != NULL ? password_chars(password) : 0;

    if (n < 0)
        return error_set(e, E_INVAL, "password",
                         _("the password may not contain control "
                           "characters or invalid text"));
    if (n < AUTH_MIN_PASSWORD)
        return error_set(e, E_INVAL, "password",
                         _("the password must have at least %d characters"),
                         AUTH_MIN_PASSWORD);
    if (n > AUTH_MAX_PASSWORD)
        return error_set(e, E_INVAL, "password",
                         _("the password may have at most %d characters"),
                         AUTH_MAX_PASSWORD);
    if (login != NULL && strcasecmp(login, password) == 0)
        return error_set(e, E_INVAL, "password",
                         _("the password must not be the login"));
    return 0;
}

/* --- logins ---------------------------------------------------------- */

#define ACCOUNT_SQL \
    "SELECT s.id, s.login, s.name, coalesce(s.committee_id, '')," \
    " coalesce(c.district_id, s.district_id, ''), s.role, s.active," \
    " s.password_hash, s.locked_until" \
    " FROM staff s LEFT JOIN committees c ON c.id = s.committee_id"

static const char sql_by_login[] = ACCOUNT_SQL " WHERE s.login = ?1";
static const char sql_by_id[] = ACCOUNT_SQL " WHERE s.id = ?1";
static const char sql_failed[] =
    "UPDATE staff SET failed_logins = failed_logins + 1 WHERE id = ?1"
    " RETURNING failed_logins";
static const char sql_lock[] =
    "UPDATE staff SET failed_logins = 0, locked_until = ?2 WHERE id = ?1";
static const char sql_success[] =
    "UPDATE staff SET failed_logins = 0, locked_until = 0, last_login = ?2"
    " WHERE id = ?1";
static const char sql_count[] = "SELECT count(*) FROM staff";

struct account {
    struct session who;
    bool           active;
    int64_t        locked_until;
    char           hash[CRYPT_OUTPUT_SIZE];
};

/* 1 found, 0 no such account, -1 database error. */
static int
load_account(struct db *db, const char *login, int64_t id,
             struct account *a, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, login != NULL ? sql_by_login : sql_by_id);
    int rc;
    char role[16];

    if (st == NULL)
        return db_error(db, sqlite3_extended_errcode(db_sqlite(db)), e);
    if (login != NULL)
        sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int64(st, 1, id);
    memset(a, 0, sizeof *a);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        a->who.staff_id = sqlite3_column_int64(st, 0);
        db_column_copy(a->who.login, sizeof a->who.login, st, 1);
        db_column_copy(a->who.name, sizeof a->who.name, st, 2);
        db_column_copy(a->who.committee, sizeof a->who.committee, st, 3);
        db_column_copy(a->who.district, sizeof a->who.district, st, 4);
        db_column_copy(role, sizeof role, st, 5);
        if (!role_parse(role, &a->who.role))
            a->active = false;      /* the schema's CHECK makes this moot */
        else
            a->active = sqlite3_column_int(st, 6) != 0;
        db_column_copy(a->hash, sizeof a->hash, st, 7);
        a->locked_until = sqlite3_column_int64(st, 8);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW)
        return db_error(db, rc, e);
    return 1;
}

/* Every failed attempt costs what a real comparison costs. */
static void
burn_one_hash(const char *password)
{
    static char dummy[CRYPT_OUTPUT_SIZE];

    if (dummy[0] == '\0') {
        char *h = auth_hash("juwei timing dummy");

        if (h == NULL)
            return;
        snprintf(dummy, sizeof dummy, "%s", h);
        free(h);
    }
    (void)auth_hash_matches(dummy, password);
}

static int
exec_id(struct db *db, const char *sql, int64_t id, int64_t arg,
        struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    int rc;

    if (st == NULL)
        return db_error(db, sqlite3_extended_errcode(db_sqlite(db)), e);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, arg);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(db, rc, e);
    return 0;
}

/* Counts one wrong password; the fifth in a row locks the account. */
static int
count_failure(struct db *db, const struct account *a, int64_t now,
              struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_failed);
    int rc, failures = 0;
    char json[96];

    if (st == NULL)
        return db_error(db, sqlite3_extended_errcode(db_sqlite(db)), e);
    sqlite3_bind_int64(st, 1, a->who.staff_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        failures = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return db_error(db, rc, e);
    if (failures >= AUTH_MAX_FAILURES) {
        snprintf(json, sizeof json,
                 "{\"reason\":\"wrong password\",\"failures\":%d,"
                 "\"locked_until\":%lld}", failures,
                 (long long)(now + AUTH_LOCK_SECONDS));
        if (exec_id(db, sql_lock, a->who.staff_id, now + AUTH_LOCK_SECONDS,
                    e) < 0)
            return -1;
        return audit_append(db, &a->who, "lockout", "staff", a->who.staff_id,
                            NULL, json, e);
    }
    snprintf(json, sizeof json,
             "{\"reason\":\"wrong password\",\"failures\":%d}", failures);
    return audit_append(db, &a->who, "login_failed", "staff",
                        a->who.staff_id, NULL, json, e);
}

static int
refuse(struct error *e)
{
    return error_set(e, E_AUTH, "password",
                     _("wrong login or password (after %d wrong tries an "
                       "account waits %d minutes)"),
                     AUTH_MAX_FAILURES, AUTH_LOCK_SECONDS / 60);
}

/* One attempt, by login (auth_login) or by id (auth_verify). Returns 0
 * when the password is right and the account may log in. */
static int
attempt(struct db *db, const char *login, int64_t id, const char *password,
        const char *ok_action, struct session *out, struct error *e)
{
    struct account a;
    const char *reason = NULL;
    bool match;
    int found, ret;
    int64_t now;

    found = load_account(db, login, id, &a, e);
    if (found < 0)
        return -1;
    if (found == 0) {
        struct session nobody = { 0 };

        burn_one_hash(password);
        /* The attempted login is not kept: people type passwords into
         * the login field. */
        if (db_begin(db, e) < 0)
            return -1;
        if (audit_append(db, &nobody, "login_failed", "staff", 0, NULL,
                         "{\"reason\":\"unknown login\"}", e) < 0 ||
            db_commit(db, e) < 0) {
            db_rollback(db);
            return -1;
        }
        return refuse(e);
    }
    match = auth_hash_matches(a.hash, password);
    explicit_bzero(a.hash, sizeof a.hash);
    now = util_now();
    if (a.locked_until > now)
        reason = "{\"reason\":\"locked\"}";
    else if (!a.active)
        reason = "{\"reason\":\"disabled\"}";

    if (db_begin(db, e) < 0)
        return -1;
    if (reason != NULL)
        ret = audit_append(db, &a.who, "login_failed", "staff",
                           a.who.staff_id, NULL, reason, e);
    else if (!match)
        ret = count_failure(db, &a, now, e);
    else if ((ret = exec_id(db, sql_success, a.who.staff_id, now, e)) == 0)
        ret = audit_append(db, &a.who, ok_action, "staff", a.who.staff_id,
                           NULL, NULL, e);
    if (ret < 0 || db_commit(db, e) < 0) {
        db_rollback(db);
        return -1;
    }
    if (reason != NULL || !match)
        return refuse(e);
    if (out != NULL)
        *out = a.who;
    return 0;
}

int
auth_login(struct db *db, const char *login, const char *password,
           struct session *out, struct error *e)
{
    if (login == NULL || *login == '\0' || password == NULL)
        return refuse(e);
    return attempt(db, login, 0, password, "login", out, e);
}

bool
auth_verify(struct db *db, int64_t staff_id, const char *password)
{
    struct error e = { 0 };

    return password != NULL &&
           attempt(db, NULL, staff_id, password, "unlock", NULL, &e) == 0;
}

bool
auth_needs_setup(struct db *db)
{
    sqlite3_stmt *st = db_stmt(db, sql_count);
    bool empty = false;

    /* On any error, no: never offer to create an admin by mistake. */
    if (st == NULL)
        return false;
    if (sqlite3_step(st) == SQLITE_ROW)
        empty = sqlite3_column_int64(st, 0) == 0;
    sqlite3_reset(st);
    return empty;
}
