/* staff.c — accounts: the staff table's rules and the account operations. */
#include "juwei/staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/auth.h"
#include "juwei/config.h"
#include "juwei/db.h"

static int staff_check(struct ctx *ctx, const struct change *ch,
                       struct error *e);

static const struct column staff_cols[] = {
    [STAFF_LOGIN]         = { "login", COL_TEXT, true, STAFF_LOGIN_MAX, 0, 0,
                              N_("Login"), false },
    [STAFF_NAME]          = { "name", COL_TEXT, true, 40, 0, 0,
                              N_("Name"), false },
    [STAFF_COMMITTEE]     = { "committee_id", COL_ID, false, 64, 0, 0,
                              N_("Committee"), false },
    [STAFF_DISTRICT]      = { "district_id", COL_ID, false, 64, 0, 0,
                              N_("District"), false },
    [STAFF_ROLE]          = { "role", COL_ID, true, 16, 0, 0,
                              N_("Role"), false },
    [STAFF_EMPLOYMENT]    = { "employment_type", COL_ID, false, 64, 0, 0,
                              N_("Employment type"), false },
    [STAFF_HIRE_DATE]     = { "hire_date", COL_DATE, false, 0, 0, 0,
                              N_("Hire date"), false },
    [STAFF_CONTRACT_END]  = { "contract_end", COL_DATE, false, 0, 0, 0,
                              N_("Contract end"), false },
    [STAFF_PHONE]         = { "phone", COL_TEXT, false, 20, 0, 0,
                              N_("Phone"), false },
    [STAFF_ACTIVE]        = { "active", COL_BOOL, true, 0, 0, 0,
                              N_("Active"), false },
    [STAFF_PASSWORD_HASH] = { "password_hash", COL_TEXT, true, 0, 0, 0,
                              N_("Password"), true },
};

const struct table staff_table = {
    .name = "staff",
    .cols = staff_cols,
    .ncols = STAFF_NCOLS,
    .committee_col = "committee_id",
    .owner_col = "id",
    .check = staff_check,
    .district_col = "district_id",
};

static const char sql_committee[] =
    "SELECT district_id, active FROM committees WHERE id = ?1";
static const char sql_district[] =
    "SELECT active FROM districts WHERE id = ?1";
static const char sql_other_admins[] =
    "SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1"
    " AND id <> ?1";
static const char sql_unlock[] =
    "UPDATE staff SET failed_logins = 0, locked_until = 0 WHERE id = ?1";
static const char sql_count[] = "SELECT count(*) FROM staff";

/* The session sees: admins all; the street office its district, street
 * accounts included; a committee its own. Means what session_sees()
 * means. */
#define STAFF_SELECT \
    "SELECT s.id, s.login, s.name, coalesce(s.committee_id, '')," \
    " coalesce(c.name, ''), coalesce(c.district_id, s.district_id, '')," \
    " s.role, coalesce(s.employment_type, ''), coalesce(s.hire_date, '')," \
    " coalesce(s.contract_end, ''), coalesce(s.phone, ''), s.active," \
    " s.locked_until > :now, coalesce(s.last_login, 0), s.version" \
    " FROM staff s LEFT JOIN committees c ON c.id = s.committee_id" \
    " WHERE (:role = 3" \
    "  OR (:role = 2 AND coalesce(c.district_id, s.district_id) = :district)" \
    "  OR s.committee_id = :committee)"

static const char sql_by_login[] = STAFF_SELECT " AND s.login = :key";
static const char sql_by_id[] = STAFF_SELECT " AND s.id = :key";
/* Keyset pages by login for the accounts list; :find is a substring of
 * the login or the name (accounts are few: a scan is fine). */
#define STAFF_PAGE STAFF_SELECT " AND (:all OR s.active = 1)" \
    " AND (:find = '' OR instr(s.login, :find) > 0 OR instr(s.name, :find) > 0)"
static const char sql_page_first[] = STAFF_PAGE
    " ORDER BY s.login LIMIT :n";
static const char sql_page_after[] = STAFF_PAGE
    " AND s.login > :at ORDER BY s.login LIMIT :n";
static const char sql_page_from[] = STAFF_PAGE
    " AND s.login >= :at ORDER BY s.login LIMIT :n";
static const char sql_page_before[] = STAFF_PAGE
    " AND s.login < :at ORDER BY s.login DESC LIMIT :n";
static const char sql_page_last[] = STAFF_PAGE
    " ORDER BY s.login DESC LIMIT :n";
static const char sql_page_count[] =
    "SELECT count(*) FROM (" STAFF_PAGE ")";

static const char sql_list[] = STAFF_SELECT " AND (:all OR s.active = 1)"
    " ORDER BY coalesce(c.district_id, s.district_id, ''),"
    " coalesce(s.committee_id, ''), s.login";

bool
staff_login_ok(const char *login)
{
    size_t n = login != NULL ? strlen(login) : 0;

    if (n < STAFF_LOGIN_MIN || n > STAFF_LOGIN_MAX)
        return false;
    for (const char *p = login; *p != '\0'; p++) {
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '_' || *p == '-'))
            return false;
    }
    return true;
}

static int
bad_login(struct error *e)
{
    return error_set(e, E_INVAL, "login",
                     _("a login is %d to %d characters of a-z, 0-9, dot, "
                       "underscore or hyphen"),
                     STAFF_LOGIN_MIN, STAFF_LOGIN_MAX);
}

/* The district of committee `id` into buf; E_INVAL if unknown or (when
 * must_be_active) retired. */
static int
committee_district(struct db *db, const char *id, bool must_be_active,
                   char *buf, size_t size, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_committee);
    int rc;
    bool active = false;

    if (st == NULL)
        return db_failed(db, e);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
        active = sqlite3_column_int(st, 1) != 0;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_INVAL, "committee_id",
                         _("unknown committee \"%s\""), id);
    if (rc != SQLITE_ROW)
        return db_error(db, rc, e);
    if (must_be_active && !active)
        return error_set(e, E_INVAL, "committee_id",
                         _("committee \"%s\" is no longer in use"), id);
    return 0;
}

static int
district_usable(struct db *db, const char *id, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_district);
    int rc, active = 0;

    if (st == NULL)
        return db_failed(db, e);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        active = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_INVAL, "district_id",
                         _("unknown district \"%s\""), id);
    if (rc != SQLITE_ROW)
        return db_error(db, rc, e);
    if (!active)
        return error_set(e, E_INVAL, "district_id",
                         _("district \"%s\" is no longer in use"), id);
    return 0;
}

static const char *
str_or_null(const struct value *v)
{
    return v->null || v->s == NULL || *v->s == '\0' ? NULL : v->s;
}

static bool
same_value(const struct column *c, const struct value *a,
           const struct value *b)
{
    if (c->type == COL_INT || c->type == COL_BOOL)
        return a->null == b->null && (a->null || a->i == b->i);
    const char *x = str_or_null(a), *y = str_or_null(b);

    return (x == NULL && y == NULL) ||
           (x != NULL && y != NULL && strcmp(x, y) == 0);
}

static int
count_other_admins(struct db *db, int64_t id, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_other_admins);
    int rc, n = 0;

    if (st == NULL)
        return db_failed(db, e);
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return db_error(db, rc, e);
    return n;
}

static bool
is_active_admin(const struct value *v)
{
    const char *role = str_or_null(&v[STAFF_ROLE]);

    return role != NULL && strcmp(role, "admin") == 0 &&
           !v[STAFF_ACTIVE].null && v[STAFF_ACTIVE].i == 1;
}

/* Who may change what: admins anything; others only their own password. */
static int
check_rights(struct ctx *ctx, const struct change *ch, struct error *e)
{
    if (ctx->who.role == ROLE_ADMIN)
        return 0;
    if (ch->op == CH_INSERT)
        return error_set(e, E_PERM, NULL,
                         _("only an administrator may add accounts"));
    if (ch->op == CH_DELETE || ch->id != ctx->who.staff_id)
        return error_set(e, E_PERM, NULL,
                         _("only an administrator may change other "
                           "accounts"));
    for (size_t i = 0; i < STAFF_NCOLS; i++) {
        if (i != STAFF_PASSWORD_HASH &&
            !same_value(&staff_cols[i], &ch->old[i], &ch->vals[i]))
            return error_set(e, E_PERM, staff_cols[i].name,
                             _("only an administrator may change %s"),
                             _(staff_cols[i].label));
    }
    return 0;
}

/* Committee and district as the role wants them. */
static int
check_placement(struct ctx *ctx, const struct change *ch, enum role role,
                struct error *e)
{
    const char *committee = str_or_null(&ch->vals[STAFF_COMMITTEE]);
    const char *district = str_or_null(&ch->vals[STAFF_DISTRICT]);
    char home[64];

    switch (role) {
    case ROLE_STAFF:
    case ROLE_DIRECTOR:
        if (committee == NULL)
            return error_set(e, E_INVAL, "committee_id",
                             _("staff and directors belong to a "
                               "committee"));
        if (committee_district(ctx->db, committee, false, home, sizeof home,
                               e) < 0)
            return -1;
        if (district == NULL || strcmp(district, home) != 0)
            return error_set(e, E_INVAL, "district_id",
                             _("the district must be the committee's "
                               "(%s)"), home);
        return 0;
    case ROLE_STREET:
        if (committee != NULL)
            return error_set(e, E_INVAL, "committee_id",
                             _("a street office account belongs to no "
                               "committee"));
        if (district == NULL)
            return error_set(e, E_INVAL, "district_id",
                             _("a street office account needs a "
                               "district"));
        return district_usable(ctx->db, district, e);
    case ROLE_ADMIN:
        if (committee != NULL || district != NULL)
            return error_set(e, E_INVAL, "committee_id",
                             _("an administrator account belongs to no "
                               "committee or district"));
        return 0;
    }
    return 0;
}

static int
staff_check(struct ctx *ctx, const struct change *ch, struct error *e)
{
    const struct value *v = ch->vals;
    const char *type, *hired, *ends;
    enum role role;
    int others;

    if (check_rights(ctx, ch, e) < 0)
        return -1;
    /* The last active admin stays: nobody could manage accounts after. */
    if (ch->op != CH_INSERT && is_active_admin(ch->old) &&
        (ch->op == CH_DELETE || !is_active_admin(v))) {
        if ((others = count_other_admins(ctx->db, ch->id, e)) < 0)
            return -1;
        if (others == 0)
            return error_set(e, E_INVAL, "active",
                             _("this is the last active administrator; add "
                               "another one first"));
    }
    if (ch->op == CH_DELETE)
        return 0;
    if (!staff_login_ok(v[STAFF_LOGIN].s))
        return bad_login(e);
    if (!role_parse(v[STAFF_ROLE].s, &role))
        return error_set(e, E_INVAL, "role",
                         _("unknown role \"%s\"; use staff, director, "
                           "street or admin"), v[STAFF_ROLE].s);
    if (check_placement(ctx, ch, role, e) < 0)
        return -1;
    type = str_or_null(&v[STAFF_EMPLOYMENT]);
    if (type != NULL && ctx->cfg != NULL) {
        const struct cfg_list *l = &ctx->cfg->employment_types;
        size_t i;

        for (i = 0; i < l->n && strcmp(l->items[i].id, type) != 0; i++)
            ;
        if (i == l->n)
            return error_set(e, E_INVAL, "employment_type",
                             _("unknown employment type \"%s\""), type);
    }
    hired = str_or_null(&v[STAFF_HIRE_DATE]);
    ends = str_or_null(&v[STAFF_CONTRACT_END]);
    if (hired != NULL && ends != NULL && strcmp(ends, hired) < 0)
        return error_set(e, E_INVAL, "contract_end",
                         _("the contract ends before the hire date"));
    return 0;
}

/* --- reading --------------------------------------------------------- */

static void
read_staff(sqlite3_stmt *st, struct staff *s)
{
    char role[16];

    memset(s, 0, sizeof *s);
    s->id = sqlite3_column_int64(st, 0);
    db_column_copy(s->login, sizeof s->login, st, 1);
    db_column_copy(s->name, sizeof s->name, st, 2);
    db_column_copy(s->committee, sizeof s->committee, st, 3);
    db_column_copy(s->committee_name, sizeof s->committee_name, st, 4);
    db_column_copy(s->district, sizeof s->district, st, 5);
    db_column_copy(role, sizeof role, st, 6);
    if (!role_parse(role, &s->role))
        s->role = ROLE_STAFF;
    db_column_copy(s->employment_type, sizeof s->employment_type, st, 7);
    db_column_copy(s->hire_date, sizeof s->hire_date, st, 8);
    db_column_copy(s->contract_end, sizeof s->contract_end, st, 9);
    db_column_copy(s->phone, sizeof s->phone, st, 10);
    s->active = sqlite3_column_int(st, 11) != 0;
    s->locked = sqlite3_column_int(st, 12) != 0;
    s->last_login = sqlite3_column_int64(st, 13);
    s->version = sqlite3_column_int64(st, 14);
}

static sqlite3_stmt *
scoped(struct ctx *ctx, const char *sql)
{
    sqlite3_stmt *st = db_stmt(ctx->db, sql);

    if (st != NULL) {
        session_bind_scope(&ctx->who, st);
        sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":now"),
                           util_now());
    }
    return st;
}

static int
find_one(struct ctx *ctx, const char *sql, const char *login, int64_t id,
         struct staff *out, struct error *e)
{
    sqlite3_stmt *st = scoped(ctx, sql);
    int rc, key;

    if (st == NULL)
        return db_failed(ctx->db, e);
    key = sqlite3_bind_parameter_index(st, ":key");
    if (login != NULL)
        sqlite3_bind_text(st, key, login, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int64(st, key, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_staff(st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
        if (login != NULL)
            return error_set(e, E_NOTFOUND, "login",
                             _("no account \"%s\""), login);
        return error_set(e, E_NOTFOUND, NULL, _("no such account"));
    }
    if (rc != SQLITE_ROW)
        return db_error(ctx->db, rc, e);
    return 0;
}

int
staff_find_login(struct ctx *ctx, const char *login, struct staff *out,
                 struct error *e)
{
    return find_one(ctx, sql_by_login, login, 0, out, e);
}

int
staff_get(struct ctx *ctx, int64_t id, struct staff *out, struct error *e)
{
    return find_one(ctx, sql_by_id, NULL, id, out, e);
}

int
staff_list(struct ctx *ctx, bool include_inactive, struct staff **out,
           size_t *n, struct error *e)
{
    sqlite3_stmt *st = scoped(ctx, sql_list);
    struct staff *v = NULL;
    size_t len = 0, cap = 0;
    int rc;

    *out = NULL;
    *n = 0;
    if (st == NULL)
        return db_failed(ctx->db, e);
    sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":all"),
                     include_inactive);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (len == cap) {
            cap = cap == 0 ? 16 : cap * 2;
            v = xreallocarray(v, cap, sizeof *v);
        }
        read_staff(st, &v[len++]);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(v);
        return db_error(ctx->db, rc, e);
    }
    *out = v;
    *n = len;
    return 0;
}

static sqlite3_stmt *
page_stmt(struct ctx *ctx, const char *sql, const char *find,
          bool include_inactive)
{
    sqlite3_stmt *st = scoped(ctx, sql);

    if (st == NULL)
        return NULL;
    sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":all"),
                     include_inactive);
    sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":find"),
                      find != NULL ? find : "", -1, SQLITE_TRANSIENT);
    return st;
}

int
staff_page(struct ctx *ctx, const char *find, bool include_inactive,
           enum page_dir dir, const char *at, int n, struct staff *out,
           int *got, struct error *e)
{
    static const char *const sql[] = {
        [PAGE_FIRST] = sql_page_first, [PAGE_LAST] = sql_page_last,
        [PAGE_AFTER] = sql_page_after, [PAGE_FROM] = sql_page_from,
        [PAGE_BEFORE] = sql_page_before,
    };
    bool backwards = dir == PAGE_LAST || dir == PAGE_BEFORE;
    sqlite3_stmt *st = page_stmt(ctx, sql[dir], find, include_inactive);
    int rc, m = 0;

    *got = 0;
    if (st == NULL)
        return db_failed(ctx->db, e);
    sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":at"),
                      at != NULL ? at : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":n"), n);
    while (m < n && (rc = sqlite3_step(st)) == SQLITE_ROW)
        read_staff(st, &out[m++]);
    if (m < n && rc != SQLITE_DONE) {
        sqlite3_reset(st);
        return db_error(ctx->db, rc, e);
    }
    sqlite3_reset(st);
    if (backwards)
        page_reverse(out, (size_t)m, sizeof *out);
    *got = m;
    return 0;
}

long
staff_page_count(struct ctx *ctx, const char *find, bool include_inactive)
{
    sqlite3_stmt *st = page_stmt(ctx, sql_page_count, find, include_inactive);
    long n = -1;

    if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    if (st != NULL)
        sqlite3_reset(st);
    return n;
}

int64_t
staff_count(struct db *db)
{
    sqlite3_stmt *st = db_stmt(db, sql_count);
    int64_t n = -1;

    if (st == NULL)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return n;
}

/* --- writing --------------------------------------------------------- */

int
staff_add(struct ctx *ctx, const char *login, const char *name,
          const char *committee, const char *district, enum role role,
          const char *password, struct error *e)
{
    struct value v[STAFF_NCOLS];
    struct change ch = { &staff_table, CH_INSERT, 0, 0, v, NULL, NULL };
    struct staff existing;
    char home[64];
    char *hash;
    int rc;

    /* Cheap refusals first: hashing takes a while. */
    if (ctx->who.role != ROLE_ADMIN)
        return error_set(e, E_PERM, NULL,
                         _("only an administrator may add accounts"));
    if (!staff_login_ok(login))
        return bad_login(e);
    if (staff_find_login(ctx, login, &existing, NULL) == 0)
        return error_set(e, E_DUP, "login",
                         _("the login \"%s\" is already taken"), login);
    if (committee != NULL && *committee == '\0')
        committee = NULL;
    if (district != NULL && *district == '\0')
        district = NULL;
    if ((role == ROLE_STAFF || role == ROLE_DIRECTOR) && committee != NULL) {
        if (committee_district(ctx->db, committee, true, home, sizeof home,
                               e) < 0)
            return -1;
        if (district != NULL && strcmp(district, home) != 0)
            return error_set(e, E_INVAL, "district_id",
                             _("committee \"%s\" is in district \"%s\", "
                               "not \"%s\""), committee, home, district);
        district = home;
    }
    if (auth_password_ok(login, password, e) < 0)
        return -1;
    if ((hash = auth_hash(password)) == NULL)
        return error_set(e, E_IO, "password",
                         _("the system could not hash the password "
                           "(libcrypt)"));
    memset(v, 0, sizeof v);
    v[STAFF_LOGIN].s = login;
    v[STAFF_NAME].s = name;
    v[STAFF_COMMITTEE].s = committee;
    v[STAFF_DISTRICT].s = district;
    v[STAFF_ROLE].s = role_name(role);
    v[STAFF_ACTIVE].i = 1;
    v[STAFF_PASSWORD_HASH].s = hash;
    rc = store_apply(ctx, &ch, 1, e);
    free(hash);
    return rc;
}

/* Loads an account's row for a change of a few columns. */
static int
load_for_change(struct ctx *ctx, int64_t id, struct value **v,
                int64_t *version, struct error *e)
{
    if (store_load(ctx, &staff_table, id, v, version, e) < 0) {
        if (e != NULL && e->code == E_PERM)
            error_set(e, E_NOTFOUND, NULL, _("no such account"));
        return -1;
    }
    return 0;
}

int
staff_set_password(struct ctx *ctx, int64_t staff_id, const char *password,
                   struct error *e)
{
    struct value *v;
    int64_t version;
    struct change ch = { &staff_table, CH_UPDATE, staff_id, 0, NULL, NULL,
                         "password" };
    sqlite3_stmt *st;
    char *hash;
    int rc;

    if (ctx->who.role != ROLE_ADMIN && ctx->who.staff_id != staff_id)
        return error_set(e, E_PERM, NULL,
                         _("you may only change your own password"));
    if (load_for_change(ctx, staff_id, &v, &version, e) < 0)
        return -1;
    if (auth_password_ok(v[STAFF_LOGIN].s, password, e) < 0) {
        store_values_free(v, STAFF_NCOLS);
        return -1;
    }
    if ((hash = auth_hash(password)) == NULL) {
        store_values_free(v, STAFF_NCOLS);
        return error_set(e, E_IO, "password",
                         _("the system could not hash the password "
                           "(libcrypt)"));
    }
    free((char *)v[STAFF_PASSWORD_HASH].s);
    v[STAFF_PASSWORD_HASH].s = hash;   /* freed with v */
    ch.version = version;
    ch.vals = v;
    if (db_begin(ctx->db, e) < 0) {
        store_values_free(v, STAFF_NCOLS);
        return -1;
    }
    rc = store_apply(ctx, &ch, 1, e);
    if (rc == 0) {
        /* A new password lifts a lockout: the admin reset it for this. */
        st = db_stmt(ctx->db, sql_unlock);
        if (st == NULL) {
            rc = db_failed(ctx->db, e);
        } else {
            sqlite3_bind_int64(st, 1, staff_id);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = db_failed(ctx->db, e);
            sqlite3_reset(st);
        }
    }
    if (rc == 0)
        rc = db_commit(ctx->db, e);
    else
        db_rollback(ctx->db);
    store_values_free(v, STAFF_NCOLS);
    return rc;
}

static int
set_active(struct ctx *ctx, const char *login, bool active, struct error *e)
{
    struct staff s;
    struct value *v;
    int64_t version;
    struct change ch = { &staff_table, CH_UPDATE, 0, 0, NULL, NULL,
                         active ? "enable" : "disable" };
    int rc;

    if (ctx->who.role != ROLE_ADMIN)
        return error_set(e, E_PERM, NULL,
                         _("only an administrator may change other "
                           "accounts"));
    if (staff_find_login(ctx, login, &s, e) < 0)
        return -1;
    if (s.active == active)
        return 0;
    if (load_for_change(ctx, s.id, &v, &version, e) < 0)
        return -1;
    v[STAFF_ACTIVE].null = false;
    v[STAFF_ACTIVE].i = active;
    ch.id = s.id;
    ch.version = version;
    ch.vals = v;
    rc = store_apply(ctx, &ch, 1, e);
    store_values_free(v, STAFF_NCOLS);
    return rc;
}

int
staff_disable(struct ctx *ctx, const char *login, struct error *e)
{
    return set_active(ctx, login, false, e);
}

int
staff_enable(struct ctx *ctx, const char *login, struct error *e)
{
    return set_active(ctx, login, true, e);
}

int
staff_create_first_admin(struct db *db, const char *login, const char *name,
                         const char *password, struct error *e)
{
    struct ctx ctx = { 0 };
    int64_t n;

    ctx.db = db;
    ctx.who.role = ROLE_ADMIN;
    snprintf(ctx.who.login, sizeof ctx.who.login, "setup");
    snprintf(ctx.who.name, sizeof ctx.who.name, "setup");
    if (db_begin(db, e) < 0)
        return -1;
    n = staff_count(db);
    if (n != 0) {
        db_rollback(db);
        if (n < 0)
            return db_failed(db, e);
        return error_set(e, E_PERM, NULL,
                         _("accounts exist already; an administrator adds "
                           "the others"));
    }
    if (staff_add(&ctx, login, name, NULL, NULL, ROLE_ADMIN, password,
                  e) < 0) {
        db_rollback(db);
        return -1;
    }
    return db_commit(db, e);
}
