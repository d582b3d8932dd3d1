/* test_auth.c — hashes, password rules, logins: wrong password, disabled,
 * unknown login, lockout and its release on a pinned clock. */
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
static const char generic[] =
    "wrong login or password (after 5 wrong tries an account waits 5 "
    "minutes)";

static struct cfg_district districts[] = {
    { (char *)"east", (char *)"东城街道" },
};
static struct cfg_committee committees[] = {
    { (char *)"c1", (char *)"幸福社区", (char *)"east", NULL, 0 },
};

static int
count(const char *sql)
{
    return fixture_count(db, sql);
}

static const char *
last_audit(char *buf, size_t size)
{
    sqlite3_stmt *st;

    snprintf(buf, size, "(none)");
    sqlite3_prepare_v2(db_sqlite(db),
                       "SELECT action || ' ' || coalesce(actor_login, '-') ||"
                       " ' ' || coalesce(after ->> '$.reason', '-')"
                       " FROM audit ORDER BY id DESC LIMIT 1", -1, &st, NULL);
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

static void
setup(void)
{
    struct error e = { 0 };
    struct config cfg = { 0 };
    struct ctx ctx = { 0 };

    db = db_open(":memory:", DB_CREATE, &e);
    if (db == NULL || db_migrate(db, &e) < 0) {
        printf("setup: %s\n", e.msg);
        exit(2);
    }
    cfg.districts = districts;
    cfg.ndistricts = 1;
    cfg.committees = committees;
    cfg.ncommittees = 1;
    ctx.db = db;
    session_system(&ctx.who);
    if (db_sync_config(db, &cfg, &e) < 0 ||
        staff_add(&ctx, "li", "李明", "c1", NULL, ROLE_STAFF,
                  "春眠不觉晓处处闻啼鸟", &e) < 0 ||
        staff_add(&ctx, "zhao", "赵丽", "c1", NULL, ROLE_DIRECTOR,
                  "correct horse", &e) < 0) {
        printf("setup: %s\n", e.msg);
        exit(2);
    }
    util_set_now(1700000000);
}

static void
test_hash_round_trip(void)
{
    char *h = auth_hash("秘密 password");
    char *h2 = auth_hash("秘密 password");

    CHECK(h != NULL && h2 != NULL);
    if (h == NULL || h2 == NULL)
        return;
    CHECK(strncmp(h, "$y$", 3) == 0);
    CHECK(auth_hash_matches(h, "秘密 password"));
    CHECK(!auth_hash_matches(h, "秘密 passwor"));
    CHECK(!auth_hash_matches(h, "秘密 password "));
    CHECK(!auth_hash_matches(h, ""));
    /* a fresh salt each time */
    CHECK(strcmp(h, h2) != 0);
    CHECK(auth_hash_matches(h2, "秘密 password"));
    CHECK(!auth_hash_matches("", "x"));
    CHECK(!auth_hash_matches("*0", "x"));
    CHECK(!auth_hash_matches(NULL, "x"));
    free(h);
    free(h2);
}

static void
test_password_rules(void)
{
    struct error e = { 0 };

    CHECK_INT(auth_password_ok("li", "short", &e), -1);
    CHECK_STR(e.field, "password");
    CHECK_STR(e.msg, "the password must have at least 8 characters");
    /* characters, not bytes: 7 Chinese characters are 21 bytes */
    CHECK_INT(auth_password_ok("li", "一二三四五六七", &e), -1);
    CHECK_STR(e.msg, "the password must have at least 8 characters");
    CHECK_INT(auth_password_ok("li", "一二三四五六七八", &e), 0);
    CHECK_INT(auth_password_ok("wangfang", "WangFang", &e), -1);
    CHECK_STR(e.msg, "the password must not be the login");
    CHECK_INT(auth_password_ok("li", "tab\there!", &e), -1);
    CHECK_STR(e.msg, "the password may not contain control characters or "
                     "invalid text");
    CHECK_INT(auth_password_ok("li", "bad\xff\xfeutf8", &e), -1);
    CHECK_INT(auth_password_ok("li", NULL, &e), -1);
}

static void
test_login_ok(void)
{
    struct session s;
    struct error e = { 0 };
    char buf[128];

    memset(&s, 0, sizeof s);
    CHECK_INT(auth_login(db, "li", "春眠不觉晓处处闻啼鸟", &s, &e), 0);
    CHECK(s.staff_id > 0);
    CHECK_STR(s.login, "li");
    CHECK_STR(s.name, "李明");
    CHECK_STR(s.committee, "c1");
    CHECK_STR(s.district, "east");
    CHECK_INT(s.role, ROLE_STAFF);
    CHECK_STR(last_audit(buf, sizeof buf), "login li -");
    CHECK_INT(count("SELECT last_login FROM staff WHERE login = 'li'"),
              1700000000);
}

static void
test_wrong_password(void)
{
    struct session s;
    struct error e = { 0 };
    char buf[128];

    memset(&s, 0, sizeof s);
    CHECK_INT(auth_login(db, "zhao", "incorrect horse", &s, &e), -1);
    CHECK_INT(e.code, E_AUTH);
    CHECK_STR(e.msg, generic);
    CHECK_INT(s.staff_id, 0);
    CHECK_STR(last_audit(buf, sizeof buf), "login_failed zhao wrong password");
    CHECK_INT(count("SELECT failed_logins FROM staff WHERE login = 'zhao'"), 1);
    /* a right password resets the count */
    CHECK_INT(auth_login(db, "zhao", "correct horse", &s, &e), 0);
    CHECK_INT(count("SELECT failed_logins FROM staff WHERE login = 'zhao'"), 0);
}

static void
test_unknown_login_same_message(void)
{
    struct session s;
    struct error e = { 0 };
    char buf[128];
    int audits = count("SELECT count(*) FROM audit");

    CHECK_INT(auth_login(db, "nobody", "correct horse", &s, &e), -1);
    CHECK_INT(e.code, E_AUTH);
    CHECK_STR(e.msg, generic);
    /* audited, without keeping what was typed as the login */
    CHECK_INT(count("SELECT count(*) FROM audit"), audits + 1);
    CHECK_STR(last_audit(buf, sizeof buf), "login_failed - unknown login");
    CHECK_INT(count("SELECT count(*) FROM audit WHERE actor_login = 'nobody'"
                    " OR after LIKE '%nobody%'"), 0);
    CHECK_INT(auth_login(db, "", "x", &s, &e), -1);
    CHECK_STR(e.msg, generic);
}

static void
test_disabled_account(void)
{
    struct ctx ctx = { 0 };
    struct session s;
    struct error e = { 0 };
    char buf[128];

    ctx.db = db;
    session_system(&ctx.who);
    CHECK_INT(staff_add(&ctx, "gone", "离职者", "c1", NULL, ROLE_STAFF,
                        "goodbye all", &e), 0);
    CHECK_INT(staff_disable(&ctx, "gone", &e), 0);
    CHECK_INT(auth_login(db, "gone", "goodbye all", &s, &e), -1);
    CHECK_INT(e.code, E_AUTH);
    CHECK_STR(e.msg, generic);
    CHECK_STR(last_audit(buf, sizeof buf), "login_failed gone disabled");
    CHECK_INT(staff_enable(&ctx, "gone", &e), 0);
    CHECK_INT(auth_login(db, "gone", "goodbye all", &s, &e), 0);
}

static void
test_lockout_and_release(void)
{
    struct session s;
    struct error e = { 0 };
    char buf[128];

    util_set_now(1700001000);
    for (int i = 0; i < 4; i++) {
        CHECK_INT(auth_login(db, "li", "wrong wrong", &s, &e), -1);
        CHECK_STR(e.msg, generic);
    }
    CHECK_INT(count("SELECT locked_until FROM staff WHERE login = 'li'"), 0);
    /* the fifth locks */
    CHECK_INT(auth_login(db, "li", "wrong wrong", &s, &e), -1);
    CHECK_STR(e.msg, generic);
    CHECK_STR(last_audit(buf, sizeof buf), "lockout li wrong password");
    CHECK_INT(count("SELECT locked_until FROM staff WHERE login = 'li'"),
              1700001000 + 300);

    /* while locked even the right password fails, with the same words */
    util_set_now(1700001000 + 299);
    CHECK_INT(auth_login(db, "li", "春眠不觉晓处处闻啼鸟", &s, &e), -1);
    CHECK_INT(e.code, E_AUTH);
    CHECK_STR(e.msg, generic);
    CHECK_STR(last_audit(buf, sizeof buf), "login_failed li locked");
    CHECK(!auth_verify(db, count("SELECT id FROM staff WHERE login = 'li'"),
                       "春眠不觉晓处处闻啼鸟"));

    /* five minutes on, it opens again */
    util_set_now(1700001000 + 300);
    CHECK_INT(auth_login(db, "li", "春眠不觉晓处处闻啼鸟", &s, &e), 0);
    CHECK_STR(s.login, "li");
    CHECK_INT(count("SELECT failed_logins FROM staff WHERE login = 'li'"), 0);
    CHECK_INT(count("SELECT locked_until FROM staff WHERE login = 'li'"), 0);
    util_set_now(1700000000);
}

static void
test_verify(void)
{
    struct session s;
    struct error e = { 0 };
    char buf[128];

    CHECK_INT(auth_login(db, "zhao", "correct horse", &s, &e), 0);
    CHECK(auth_verify(db, s.staff_id, "correct horse"));
    CHECK_STR(last_audit(buf, sizeof buf), "unlock zhao -");
    CHECK(!auth_verify(db, s.staff_id, "correct horsE"));
    CHECK_INT(count("SELECT failed_logins FROM staff WHERE login = 'zhao'"), 1);
    CHECK(!auth_verify(db, 424242, "correct horse"));
    CHECK(auth_verify(db, s.staff_id, "correct horse"));
}

static void
test_needs_setup(void)
{
    struct error e = { 0 };
    struct db *fresh = db_open(":memory:", DB_CREATE, &e);

    CHECK(fresh != NULL);
    if (fresh == NULL)
        return;
    /* not migrated: no staff table, so no (never offer setup on error) */
    CHECK(!auth_needs_setup(fresh));
    CHECK_INT(db_migrate(fresh, &e), 0);
    CHECK(auth_needs_setup(fresh));
    CHECK_INT(staff_create_first_admin(fresh, "admin", "管理员",
                                       "a long secret", &e), 0);
    CHECK(!auth_needs_setup(fresh));
    db_close(fresh);
    CHECK(!auth_needs_setup(db));
}

int
main(void)
{
    setup();
    RUN(test_hash_round_trip);
    RUN(test_password_rules);
    RUN(test_login_ok);
    RUN(test_wrong_password);
    RUN(test_unknown_login_same_message);
    RUN(test_disabled_account);
    RUN(test_lockout_and_release);
    RUN(test_verify);
    RUN(test_needs_setup);
    db_close(db);
    return CHECK_DONE();
}
