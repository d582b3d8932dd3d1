/* test_staff.c — accounts: add (with every refusal), list and find within
 * scope, passwords, disable/enable, the last admin, the first admin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "juwei/auth.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/staff.h"

static struct db *db;
static struct ctx sys;

static struct cfg_district districts[] = {
    { (char *)"east", (char *)"东城街道" },
    { (char *)"west", (char *)"西城街道" },
};
static struct cfg_committee committees[] = {
    { (char *)"c1", (char *)"幸福社区", (char *)"east", NULL, 0 },
    { (char *)"c2", (char *)"和平社区", (char *)"east", NULL, 0 },
    { (char *)"c3", (char *)"光明社区", (char *)"west", NULL, 0 },
    { (char *)"c9", (char *)"旧社区", (char *)"west", NULL, 0 },
};
static struct cfg_item employment[] = {
    { (char *)"cadre", (char *)"国家干部" },
    { (char *)"contract", (char *)"聘用人员" },
};

static int
count(const char *sql)
{
    return fixture_count(db, sql);
}

static const char *
text(const char *sql, char *buf, size_t size)
{
    return fixture_text(db, sql, buf, size);
}

/* The context of an existing account, as a login would make it. */
static struct ctx
as(const char *login)
{
    struct ctx c = sys;
    struct staff s;
    struct error e = { 0 };

    if (staff_find_login(&sys, login, &s, &e) < 0) {
        printf("  as(%s): %s\n", login, e.msg);
        exit(2);
    }
    memset(&c.who, 0, sizeof c.who);
    c.who.staff_id = s.id;
    c.who.role = s.role;
    snprintf(c.who.login, sizeof c.who.login, "%s", s.login);
    snprintf(c.who.committee, sizeof c.who.committee, "%s", s.committee);
    snprintf(c.who.district, sizeof c.who.district, "%s", s.district);
    return c;
}

static void
add_ok(const char *login, const char *committee, const char *district,
       enum role role)
{
    struct error e = { 0 };

    if (staff_add(&sys, login, login, committee, district, role,
                  "a fine password", &e) < 0) {
        printf("  add %s: %s\n", login, e.msg);
        CHECK(!"add");
    }
}

static struct config cfg;

static void
setup(void)
{
    struct error e = { 0 };

    db = db_open(":memory:", DB_CREATE, &e);
    if (db == NULL || db_migrate(db, &e) < 0) {
        printf("setup: %s\n", e.msg);
        exit(2);
    }
    cfg.districts = districts;
    cfg.ndistricts = 2;
    cfg.committees = committees;
    cfg.ncommittees = 4;
    cfg.employment_types.items = employment;
    cfg.employment_types.n = 2;
    db_sync_config(db, &cfg, &e);
    cfg.ncommittees = 3;                 /* c9 retired */
    db_sync_config(db, &cfg, &e);
    sys.db = db;
    sys.cfg = &cfg;
    session_system(&sys.who);
    util_set_now(1700000000);
}

static void
test_add_and_list(void)
{
    struct staff *v = NULL, s;
    size_t n = 0;
    struct error e = { 0 };
    char buf[128];

    add_ok("li", "c1", NULL, ROLE_STAFF);
    add_ok("liu", "c1", "east", ROLE_DIRECTOR);
    add_ok("chen", "c2", NULL, ROLE_STAFF);
    add_ok("wang", "c3", NULL, ROLE_STAFF);
    add_ok("sun", NULL, "east", ROLE_STREET);
    add_ok("wu", NULL, "west", ROLE_STREET);
    add_ok("root", NULL, NULL, ROLE_ADMIN);
    CHECK_INT(staff_count(db), 7);

    CHECK_INT(staff_list(&sys, false, &v, &n, &e), 0);
    CHECK_INT(n, 7);
    /* by district, committee, login; the admin (no district) first */
    if (n == 7) {
        CHECK_STR(v[0].login, "root");
        CHECK_STR(v[1].login, "sun");
        CHECK_STR(v[2].login, "li");
        CHECK_STR(v[3].login, "liu");
        CHECK_STR(v[4].login, "chen");
        CHECK_STR(v[5].login, "wu");
        CHECK_STR(v[6].login, "wang");
        CHECK_STR(v[2].committee, "c1");
        CHECK_STR(v[2].committee_name, "幸福社区");
        CHECK_STR(v[2].district, "east");       /* from the committee */
        CHECK_INT(v[2].role, ROLE_STAFF);
        CHECK(v[2].active && !v[2].locked);
        CHECK_INT(v[2].version, 1);
        CHECK_STR(v[1].committee, "");
        CHECK_STR(v[1].district, "east");
    }
    free(v);

    CHECK_INT(staff_find_login(&sys, "liu", &s, &e), 0);
    CHECK_INT(s.role, ROLE_DIRECTOR);
    CHECK_INT(staff_get(&sys, s.id, &s, &e), 0);
    CHECK_STR(s.login, "liu");
    /* audited by the command-line actor, hash redacted */
    CHECK_STR(text("SELECT action || ' ' || (after ->> '$.password_hash')"
                   " FROM audit WHERE tbl = 'staff' AND row_id = (SELECT id"
                   " FROM staff WHERE login = 'li')", buf, sizeof buf),
              "insert [redacted]");
    CHECK_INT(count("SELECT count(*) FROM audit WHERE actor_login LIKE"
                    " 'cli:%' AND action = 'insert'"), 7);
    CHECK_INT(count("SELECT count(*) FROM staff WHERE password_hash LIKE"
                    " '$y$%'"), 7);
}

/* Each bad account: its message, and no account added. */
static void
add_refused(const char *login, const char *committee, const char *district,
            enum role role, const char *password, int code, const char *field,
            const char *msg)
{
    struct error e = { 0 };
    int64_t before = staff_count(db);

    CHECK_INT(staff_add(&sys, login, "某人", committee, district, role,
                        password, &e), -1);
    CHECK_INT(e.code, code);
    CHECK_STR(e.field, field);
    CHECK_STR(e.msg, msg);
    CHECK_INT(staff_count(db), before);
}

static void
test_add_refused(void)
{
    static const char login_rule[] =
        "a login is 2 to 32 characters of a-z, 0-9, dot, underscore or hyphen";
    const char *pw = "a fine password";

    add_refused("Li", "c1", NULL, ROLE_STAFF, pw, E_INVAL, "login", login_rule);
    add_refused("a", "c1", NULL, ROLE_STAFF, pw, E_INVAL, "login", login_rule);
    add_refused("abcdefghijklmnopqrstuvwxyz0123456", "c1", NULL, ROLE_STAFF,
                pw, E_INVAL, "login", login_rule);
    add_refused("li li", "c1", NULL, ROLE_STAFF, pw, E_INVAL, "login",
                login_rule);
    add_refused("李明", "c1", NULL, ROLE_STAFF, pw, E_INVAL, "login",
                login_rule);
    add_refused("li", "c1", NULL, ROLE_STAFF, pw, E_DUP, "login",
                "the login \"li\" is already taken");
    add_refused("new", "zz", NULL, ROLE_STAFF, pw, E_INVAL, "committee_id",
                "unknown committee \"zz\"");
    add_refused("new", "c9", NULL, ROLE_STAFF, pw, E_INVAL, "committee_id",
                "committee \"c9\" is no longer in use");
    add_refused("new", NULL, NULL, ROLE_STAFF, pw, E_INVAL, "committee_id",
                "staff and directors belong to a committee");
    add_refused("new", "c1", "west", ROLE_DIRECTOR, pw, E_INVAL, "district_id",
                "committee \"c1\" is in district \"east\", not \"west\"");
    add_refused("new", NULL, NULL, ROLE_STREET, pw, E_INVAL, "district_id",
                "a street office account needs a district");
    add_refused("new", "c1", "east", ROLE_STREET, pw, E_INVAL, "committee_id",
                "a street office account belongs to no committee");
    add_refused("new", NULL, "north", ROLE_STREET, pw, E_INVAL, "district_id",
                "unknown district \"north\"");
    add_refused("new", NULL, "east", ROLE_ADMIN, pw, E_INVAL, "committee_id",
                "an administrator account belongs to no committee or "
                "district");
    add_refused("new", "c1", NULL, ROLE_STAFF, "short", E_INVAL, "password",
                "the password must have at least 8 characters");
    add_refused("newcomer", "c1", NULL, ROLE_STAFF, "newcomer", E_INVAL,
                "password", "the password must not be the login");
}

static void
test_add_admin_only(void)
{
    struct ctx c = as("liu");
    struct error e = { 0 };
    int64_t before = staff_count(db);

    CHECK_INT(staff_add(&c, "helper", "帮手", "c1", NULL, ROLE_STAFF,
                        "a fine password", &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.msg, "only an administrator may add accounts");
    c = as("sun");
    CHECK_INT(staff_add(&c, "helper", "帮手", "c1", NULL, ROLE_STAFF,
                        "a fine password", &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(staff_count(db), before);
}

static bool
listed(struct staff *v, size_t n, const char *login)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(v[i].login, login) == 0)
            return true;
    }
    return false;
}

static void
test_list_scoping(void)
{
    struct ctx c = as("li");
    struct staff *v = NULL, s;
    size_t n = 0;
    struct error e = { 0 };

    CHECK_INT(staff_list(&c, true, &v, &n, &e), 0);
    CHECK_INT(n, 2);
    CHECK(listed(v, n, "li") && listed(v, n, "liu"));
    free(v);

    c = as("sun");
    CHECK_INT(staff_list(&c, true, &v, &n, &e), 0);
    CHECK_INT(n, 4);
    CHECK(listed(v, n, "sun") && listed(v, n, "li") && listed(v, n, "liu") &&
          listed(v, n, "chen"));
    CHECK(!listed(v, n, "wu") && !listed(v, n, "wang") &&
          !listed(v, n, "root"));
    free(v);

    /* another committee's account cannot be found at all */
    c = as("li");
    CHECK_INT(staff_find_login(&c, "chen", &s, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    CHECK_STR(e.msg, "no account \"chen\"");
    c = as("wu");
    CHECK_INT(staff_find_login(&c, "sun", &s, &e), -1);
    CHECK_INT(staff_find_login(&c, "wang", &s, &e), 0);
}

static void
test_passwd(void)
{
    struct ctx li = as("li");
    struct session s;
    struct error e = { 0 };
    char before[256], buf[256];
    int64_t chen = as("chen").who.staff_id;

    CHECK_INT(staff_set_password(&li, li.who.staff_id, "新的密码很长很长", &e),
              0);
    CHECK_INT(auth_login(db, "li", "新的密码很长很长", &s, &e), 0);
    CHECK_INT(auth_login(db, "li", "a fine password", &s, &e), -1);
    CHECK_STR(text("SELECT action || ' ' || (before ->> '$.password_hash') ||"
                   " ' ' || (after ->> '$.password_hash') FROM audit WHERE"
                   " action = 'password' ORDER BY id DESC LIMIT 1",
                   buf, sizeof buf),
              "password [redacted] [redacted]");
    CHECK_INT(count("SELECT version FROM staff WHERE login = 'li'"), 2);

    /* not someone else's */
    text("SELECT password_hash FROM staff WHERE login = 'chen'", before,
         sizeof before);
    CHECK_INT(staff_set_password(&li, chen, "抢来的密码不行的", &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.msg, "you may only change your own password");
    /* a bad new password changes nothing */
    CHECK_INT(staff_set_password(&sys, chen, "short", &e), -1);
    CHECK_STR(e.msg, "the password must have at least 8 characters");
    CHECK_STR(text("SELECT password_hash FROM staff WHERE login = 'chen'",
                   buf, sizeof buf), before);

    /* the admin resets a locked-out account */
    fixture_exec(db, "UPDATE staff SET failed_logins = 3,"
                 " locked_until = 1700000300 WHERE login = 'chen'");
    CHECK_INT(staff_set_password(&sys, chen, "重新设置的密码", &e), -1);
    CHECK_INT(staff_set_password(&sys, chen, "重新设置的密码啊", &e), 0);
    CHECK_INT(count("SELECT locked_until + failed_logins FROM staff WHERE"
                    " login = 'chen'"), 0);
    CHECK_INT(auth_login(db, "chen", "重新设置的密码啊", &s, &e), 0);

    /* a street account (no committee) changes its own */
    li = as("sun");
    CHECK_INT(staff_set_password(&li, li.who.staff_id, "街道的新密码呀呀", &e), 0);
}

/* Through store_apply a non-admin can change nothing but the password of
 * its own row. */
static void
test_self_update_limits(void)
{
    struct ctx c = as("liu");
    struct value *v = NULL;
    int64_t version = 0;
    struct error e = { 0 };
    struct change ch = { &staff_table, CH_UPDATE, c.who.staff_id, 0, NULL,
                         NULL, NULL };
    char buf[64];

    CHECK_INT(store_load(&c, &staff_table, c.who.staff_id, &v, &version, &e),
              0);
    if (v == NULL)
        return;
    free((char *)v[STAFF_ROLE].s);
    v[STAFF_ROLE].s = strdup("admin");
    ch.vals = v;
    ch.version = version;
    CHECK_INT(store_apply(&c, &ch, 1, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(text("SELECT role FROM staff WHERE login = 'liu'", buf,
                   sizeof buf), "director");
    store_values_free(v, STAFF_NCOLS);

    /* nor someone else's row, even in the same committee */
    CHECK_INT(store_load(&c, &staff_table, as("li").who.staff_id, &v,
                         &version, &e), 0);
    ch.id = as("li").who.staff_id;
    ch.vals = v;
    ch.version = version;
    CHECK_INT(store_apply(&c, &ch, 1, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.msg, "only an administrator may change other accounts");
    store_values_free(v, STAFF_NCOLS);
}

static void
test_disable_enable(void)
{
    struct ctx c = as("liu");
    struct staff *v = NULL;
    size_t n = 0;
    struct error e = { 0 };
    char buf[64];

    CHECK_INT(staff_disable(&c, "li", &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(staff_disable(&sys, "li", &e), 0);
    CHECK_INT(staff_disable(&sys, "li", &e), 0);     /* twice is fine */
    CHECK_INT(count("SELECT active FROM staff WHERE login = 'li'"), 0);
    CHECK_STR(text("SELECT action FROM audit ORDER BY id DESC LIMIT 1", buf,
                   sizeof buf), "disable");
    CHECK_INT(staff_list(&sys, false, &v, &n, &e), 0);
    CHECK(!listed(v, n, "li"));
    free(v);
    CHECK_INT(staff_list(&sys, true, &v, &n, &e), 0);
    CHECK(listed(v, n, "li"));
    free(v);
    CHECK_INT(staff_disable(&sys, "nobody", &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    CHECK_STR(e.msg, "no account \"nobody\"");
    CHECK_INT(staff_enable(&sys, "li", &e), 0);
    CHECK_INT(count("SELECT active FROM staff WHERE login = 'li'"), 1);

    /* the last active admin stays */
    CHECK_INT(staff_disable(&sys, "root", &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.msg, "this is the last active administrator; add another "
                     "one first");
    CHECK_INT(count("SELECT active FROM staff WHERE login = 'root'"), 1);
    add_ok("root2", NULL, NULL, ROLE_ADMIN);
    CHECK_INT(staff_disable(&sys, "root", &e), 0);
}

static void
test_employment_and_dates(void)
{
    struct value *v = NULL;
    int64_t version = 0, id = as("chen").who.staff_id;
    struct error e = { 0 };
    struct change ch = { &staff_table, CH_UPDATE, id, 0, NULL, NULL, NULL };

    CHECK_INT(store_load(&sys, &staff_table, id, &v, &version, &e), 0);
    if (v == NULL)
        return;
    ch.vals = v;
    ch.version = version;
    v[STAFF_EMPLOYMENT].s = "volunteer";
    CHECK_INT(store_apply(&sys, &ch, 1, &e), -1);
    CHECK_STR(e.field, "employment_type");
    CHECK_STR(e.msg, "unknown employment type \"volunteer\"");
    v[STAFF_EMPLOYMENT].s = "contract";
    v[STAFF_HIRE_DATE].s = "2024-06-01";
    v[STAFF_CONTRACT_END].s = "2023-05-31";
    CHECK_INT(store_apply(&sys, &ch, 1, &e), -1);
    CHECK_STR(e.field, "contract_end");
    CHECK_STR(e.msg, "the contract ends before the hire date");
    v[STAFF_CONTRACT_END].s = "2027-05-31";
    CHECK_INT(store_apply(&sys, &ch, 1, &e), 0);
    /* these were borrowed literals, not copies */
    v[STAFF_EMPLOYMENT].s = NULL;
    v[STAFF_HIRE_DATE].s = NULL;
    v[STAFF_CONTRACT_END].s = NULL;
    store_values_free(v, STAFF_NCOLS);
    CHECK_INT(count("SELECT contract_end = '2027-05-31' FROM staff WHERE"
                    " login = 'chen'"), 1);
}

static void
test_first_admin(void)
{
    struct error e = { 0 };
    struct db *fresh = db_open(":memory:", DB_CREATE, &e);
    struct session s;
    sqlite3_stmt *st;

    CHECK(fresh != NULL && db_migrate(fresh, &e) == 0);
    if (fresh == NULL)
        return;
    CHECK_INT(staff_create_first_admin(fresh, "Admin", "管理员",
                                       "a long secret", &e), -1);
    CHECK_STR(e.field, "login");
    CHECK_INT(staff_count(fresh), 0);
    CHECK_INT(staff_create_first_admin(fresh, "admin", "管理员",
                                       "a long secret", &e), 0);
    CHECK_INT(staff_count(fresh), 1);
    CHECK_INT(staff_create_first_admin(fresh, "admin2", "又一个",
                                       "a long secret", &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.msg, "accounts exist already; an administrator adds the "
                     "others");
    CHECK_INT(staff_count(fresh), 1);
    CHECK_INT(auth_login(fresh, "admin", "a long secret", &s, &e), 0);
    CHECK_INT(s.role, ROLE_ADMIN);
    sqlite3_prepare_v2(db_sqlite(fresh), "SELECT actor_login FROM audit"
                       " WHERE action = 'insert'", -1, &st, NULL);
    CHECK_INT(sqlite3_step(st), SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(st, 0), "setup");
    sqlite3_finalize(st);
    db_close(fresh);
}

int
main(void)
{
    setup();
    RUN(test_add_and_list);
    RUN(test_add_refused);
    RUN(test_add_admin_only);
    RUN(test_list_scoping);
    RUN(test_passwd);
    RUN(test_self_update_limits);
    RUN(test_disable_enable);
    RUN(test_employment_and_dates);
    RUN(test_first_admin);
    db_close(db);
    return CHECK_DONE();
}
