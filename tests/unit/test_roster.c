/* test_roster.c — the roster: years of service, who reads which entries,
 * keyset pages, who edits what (audited, refusals change nothing), posts,
 * contracts ending. Today is pinned to 2025-06-16. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/roster.h"
#include "juwei/staff.h"

#define TODAY "2025-06-16"
#define NOW 1750075200        /* TODAY at noon UTC */

static struct db *db, *template_db;
static struct ctx sys;
static struct config cfg;

static struct cfg_item employment[] = {
    { (char *)"cadre", (char *)"国家干部" },
    { (char *)"contract", (char *)"聘用人员" },
};
static struct cfg_item posts[] = {
    { (char *)"director", (char *)"居委会主任" },
    { (char *)"member", (char *)"居委会委员" },
    { (char *)"grid_worker", (char *)"网格员" },
};

static const struct fixture_person people[] = {
    { "zhang", "张主任", "c1", NULL, ROLE_DIRECTOR, false },
    { "li", "李明", "c1", NULL, ROLE_STAFF, false },
    { "wang", "王芳", "c1", NULL, ROLE_STAFF, false },
    { "zhao", "赵强", "c2", NULL, ROLE_DIRECTOR, false },
    { "sun", "孙丽", "c3", NULL, ROLE_STAFF, false },
    { "qian", "钱进", "c3", NULL, ROLE_DIRECTOR, false },
    { "jd_e", "东城街道办", NULL, "east", ROLE_STREET, false },
    { "jd_w", "西城街道办", NULL, "west", ROLE_STREET, false },
    { "root", "管理员", NULL, NULL, ROLE_ADMIN, false },
};
static struct session sess[ARRAY_LEN(people)];
static int64_t zhang, li, wang, zhao, sun, qian, street_e, street_w;

static void
setup(void)
{
    if (db != NULL)
        db_close(db);
    fixture_today(TODAY);
    fixture_geography(&cfg);
    cfg.employment_types.items = employment;
    cfg.employment_types.n = ARRAY_LEN(employment);
    cfg.posts.items = posts;
    cfg.posts.n = ARRAY_LEN(posts);
    cfg.site.contract_warning_days = 60;
    db = fixture_template_copy(&template_db, &cfg, people,
                               ARRAY_LEN(people), sess);
    sys = fixture_system(db, &cfg);
    zhang = sess[0].staff_id;
    li = sess[1].staff_id;
    wang = sess[2].staff_id;
    zhao = sess[3].staff_id;
    sun = sess[4].staff_id;
    qian = sess[5].staff_id;
    street_e = sess[6].staff_id;
    street_w = sess[7].staff_id;
}

static void
test_years_of_service(void)
{
    date_t d;

    date_parse_iso("2025-02-28", &d);
    CHECK_INT(roster_years("2019-03-01", d), 5);
    date_parse_iso("2025-03-01", &d);
    CHECK_INT(roster_years("2019-03-01", d), 6);
    CHECK_INT(roster_years("2025-03-01", d), 0);
    CHECK_INT(roster_years("2025-03-02", d), -1);   /* not hired yet */
    CHECK_INT(roster_years("", d), -1);
    CHECK_INT(roster_years(NULL, d), -1);
    CHECK_INT(roster_years("2019-02-30", d), -1);
    /* A leap-day hire has a full year on 1 March, not on 28 February. */
    date_parse_iso("2021-02-28", &d);
    CHECK_INT(roster_years("2020-02-29", d), 0);
    date_parse_iso("2021-03-01", &d);
    CHECK_INT(roster_years("2020-02-29", d), 1);
}

/* Every entry a session pages through, as "login,login,…". */
static void
logins(struct ctx *c, const struct roster_filter *f, char *buf, size_t size)
{
    struct roster_entry v[20];
    int got = 0;
    struct error e = { 0 };

    buf[0] = '\0';
    if (roster_page(c, f, PAGE_FIRST, NULL, 0, 20, v, &got, &e) < 0) {
        snprintf(buf, size, "error: %s", e.msg);
        return;
    }
    for (int i = 0; i < got; i++) {
        size_t len = strlen(buf);

        snprintf(buf + len, size - len, "%s%s", i ? "," : "", v[i].login);
    }
}

static void
test_scope(void)
{
    struct roster_filter all = { 0 };
    struct ctx director, staff, street, admin;
    struct roster_entry r;
    struct error e = { 0 };
    char buf[256];

    setup();
    director = fixture_as(db, &cfg, "zhang");
    staff = fixture_as(db, &cfg, "li");
    street = fixture_as(db, &cfg, "jd_e");
    admin = fixture_as(db, &cfg, "root");
    /* By committee, then name (code point order): 张 < 李 < 王 is not
     * assumed; the committee order is. Street and admin accounts are
     * never on the roster. */
    logins(&director, &all, buf, sizeof buf);
    CHECK(strstr(buf, "zhang") && strstr(buf, "li") && strstr(buf, "wang"));
    CHECK(!strstr(buf, "zhao") && !strstr(buf, "sun") && !strstr(buf, "jd"));
    logins(&street, &all, buf, sizeof buf);
    CHECK(strstr(buf, "zhao") && strstr(buf, "li"));
    CHECK(!strstr(buf, "sun") && !strstr(buf, "qian") && !strstr(buf, "jd"));
    CHECK_INT(roster_count(&street, &all), 4);
    logins(&staff, &all, buf, sizeof buf);
    CHECK_STR(buf, "li");
    CHECK_INT(roster_count(&staff, &all), 1);
    CHECK_INT(roster_count(&admin, &all), 6);
    logins(&admin, &all, buf, sizeof buf);
    CHECK(!strstr(buf, "root") && !strstr(buf, "jd"));
    /* One entry by id: outside the scope it does not exist. */
    CHECK_INT(roster_get(&director, sun, &r, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    CHECK_INT(roster_get(&staff, wang, &r, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    CHECK_INT(roster_get(&street, street_e, &r, &e), -1);
    CHECK_INT(roster_get(&street, zhao, &r, &e), 0);
    CHECK_STR(r.committee_name, "和平社区");
    CHECK_INT(r.role, ROLE_DIRECTOR);
}

static void
test_paging_and_filters(void)
{
    struct ctx admin;
    struct roster_filter f = { 0 };
    struct roster_entry v[4], w[4];
    int got = 0, got2 = 0;
    struct error e = { 0 };
    char buf[256];

    setup();
    admin = fixture_as(db, &cfg, "root");
    /* Six entries, two a page, forwards then backwards. */
    CHECK_INT(roster_page(&admin, &f, PAGE_FIRST, NULL, 0, 2, v, &got, &e), 0);
    CHECK_INT(got, 2);
    CHECK_STR(v[0].committee, "c1");
    CHECK_INT(roster_page(&admin, &f, PAGE_AFTER, v[1].key, v[1].id, 2, w,
                          &got2, &e), 0);
    CHECK_INT(got2, 2);
    CHECK(w[0].id != v[0].id && w[0].id != v[1].id);
    CHECK(strcmp(w[0].key, v[1].key) >= 0);
    CHECK_INT(roster_page(&admin, &f, PAGE_BEFORE, w[0].key, w[0].id, 2, v,
                          &got, &e), 0);
    CHECK_INT(got, 2);
    CHECK(strcmp(v[1].key, w[0].key) <= 0);
    CHECK_INT(roster_page(&admin, &f, PAGE_FROM, w[0].key, w[0].id, 1, v,
                          &got, &e), 0);
    CHECK_INT(v[0].id, w[0].id);
    CHECK_INT(roster_page(&admin, &f, PAGE_LAST, NULL, 0, 2, v, &got, &e), 0);
    CHECK_INT(got, 2);
    CHECK_STR(v[1].committee, "c3");
    CHECK(strcmp(v[0].key, v[1].key) <= 0);
    /* Filters: a committee, part of a name, the people who left. */
    f.committee = "c3";
    logins(&admin, &f, buf, sizeof buf);
    CHECK(strcmp(buf, "qian,sun") == 0 || strcmp(buf, "sun,qian") == 0);
    f.committee = NULL;
    f.find = "王";
    logins(&admin, &f, buf, sizeof buf);
    CHECK_STR(buf, "wang");
    f.find = NULL;
    fixture_exec(db, "UPDATE staff SET active = 0 WHERE login = 'wang'");
    CHECK_INT(roster_count(&admin, &f), 5);
    f.include_left = true;
    CHECK_INT(roster_count(&admin, &f), 6);
}

static struct roster_edit
edit_of(const struct roster_entry *r)
{
    struct roster_edit ed = {
        .employment_type = r->employment_type, .hire_date = r->hire_date,
        .contract_end = r->contract_end, .phone = r->phone,
        .active = r->active,
    };
    return ed;
}

static void
test_edit_rights(void)
{
    struct ctx street, street_west, director, staff, admin;
    struct roster_entry r;
    struct roster_edit ed;
    struct error e = { 0 };
    int audits;

    setup();
    street = fixture_as(db, &cfg, "jd_e");
    street_west = fixture_as(db, &cfg, "jd_w");
    director = fixture_as(db, &cfg, "zhang");
    staff = fixture_as(db, &cfg, "li");
    admin = fixture_as(db, &cfg, "root");
    roster_get(&street, li, &r, &e);
    ed = edit_of(&r);
    ed.employment_type = "contract";
    ed.hire_date = "2019-03-01";
    ed.contract_end = "2025-12-31";
    ed.phone = "13800000000";
    audits = fixture_count(db, "SELECT count(*) FROM audit");
    CHECK_INT(roster_update(&street, li, r.version, &ed, &e), 0);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM audit"), audits + 1);
    CHECK_INT(fixture_count(db,
                  "SELECT count(*) FROM audit WHERE tbl = 'staff'"
                  " AND action = 'update' AND after LIKE '%2025-12-31%'"),
              1);
    roster_get(&street, li, &r, &e);
    CHECK_STR(r.employment_type, "contract");
    CHECK_INT(r.years, 6);
    CHECK_INT(r.contract_days, 198);
    audits = fixture_count(db, "SELECT count(*) FROM audit");

    /* Refusals, each changing nothing. */
    ed = edit_of(&r);
    ed.phone = "110";
    CHECK_INT(roster_update(&director, li, r.version, &ed, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(roster_update(&staff, li, r.version, &ed, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(roster_update(&street_west, li, r.version, &ed, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    CHECK_INT(roster_update(&street, li, r.version - 1, &ed, &e), -1);
    CHECK_INT(e.code, E_STALE);
    ed.employment_type = "volunteer";
    CHECK_INT(roster_update(&street, li, r.version, &ed, &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.field, "employment_type");
    CHECK_STR(e.msg, "unknown employment type \"volunteer\"");
    ed.employment_type = "contract";
    ed.contract_end = "2018-01-01";
    CHECK_INT(roster_update(&street, li, r.version, &ed, &e), -1);
    CHECK_STR(e.field, "contract_end");
    CHECK_STR(e.msg, "the contract ends before the hire date");
    ed.contract_end = "2025-13-01";
    CHECK_INT(roster_update(&street, li, r.version, &ed, &e), -1);
    CHECK_STR(e.field, "contract_end");
    ed.contract_end = r.contract_end;
    ed.phone = "1380000000000000000000";
    CHECK_INT(roster_update(&street, li, r.version, &ed, &e), -1);
    CHECK_STR(e.field, "phone");
    /* A street office account is in scope but not on the roster. */
    ed = edit_of(&r);
    CHECK_INT(roster_update(&street, street_e, 1, &ed, &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM audit"), audits);
    CHECK_INT(fixture_count(db,
                  "SELECT count(*) FROM staff WHERE phone = '13800000000'"
                  " AND contract_end = '2025-12-31'"), 1);

    /* An admin may; marking someone as left is the same flag as the
     * account's. */
    ed.active = false;
    CHECK_INT(roster_update(&admin, li, r.version, &ed, &e), 0);
    CHECK_INT(fixture_count(db,
                  "SELECT active FROM staff WHERE login = 'li'"), 0);
}

static void
test_posts(void)
{
    struct ctx street, director;
    struct roster_entry r;
    struct error e = { 0 };
    const char *two[] = { "director", "member" };
    const char *again[] = { "member", "grid_worker", "member" };
    const char *bad[] = { "member", "mayor" };
    int audits;

    setup();
    street = fixture_as(db, &cfg, "jd_e");
    director = fixture_as(db, &cfg, "zhang");
    CHECK_INT(roster_set_posts(&street, zhang, two, 2, &e), 0);
    roster_get(&street, zhang, &r, &e);
    CHECK_STR(r.posts, "director,member");
    CHECK_INT(roster_set_posts(&street, zhang, again, 3, &e), 0);
    roster_get(&street, zhang, &r, &e);
    CHECK_STR(r.posts, "grid_worker,member");
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM staff_posts"), 2);
    /* 2 inserts, then 1 insert and 1 delete: four audited changes. */
    CHECK_INT(fixture_count(db,
                  "SELECT count(*) FROM audit WHERE tbl = 'staff_posts'"),
              4);
    audits = fixture_count(db, "SELECT count(*) FROM audit");
    CHECK_INT(roster_set_posts(&street, zhang, bad, 2, &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.msg, "unknown post \"mayor\"");
    CHECK_INT(roster_set_posts(&director, zhang, two, 2, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(roster_set_posts(&street, sun, two, 2, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM audit"), audits);
    roster_get(&street, zhang, &r, &e);
    CHECK_STR(r.posts, "grid_worker,member");
    CHECK_INT(roster_set_posts(&street, zhang, NULL, 0, &e), 0);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM staff_posts"), 0);
}

static void
test_contracts_ending(void)
{
    struct ctx street, director, staff, admin;
    struct roster_entry *v;
    size_t n;
    struct error e = { 0 };
    date_t today;

    setup();
    street = fixture_as(db, &cfg, "jd_e");
    director = fixture_as(db, &cfg, "zhang");
    staff = fixture_as(db, &cfg, "li");
    admin = fixture_as(db, &cfg, "root");
    date_parse_iso("2025-06-16", &today);
    fixture_exec(db,
        "UPDATE staff SET contract_end = '2025-06-26' WHERE login = 'li';"
        "UPDATE staff SET contract_end = '2025-08-15' WHERE login = 'zhao';"
        "UPDATE staff SET contract_end = '2025-08-16' WHERE login = 'wang';"
        "UPDATE staff SET contract_end = '2025-06-11' WHERE login = 'zhang';"
        "UPDATE staff SET contract_end = '2025-06-20', active = 0"
        " WHERE login = 'sun';"
        "UPDATE staff SET contract_end = '2025-06-20' WHERE login = 'qian';");
    /* 60 days: to 2025-08-15 inclusive; ended ones first; the one who
     * left is no longer warned about. */
    CHECK_INT(roster_contracts_ending(&street, today, 60, &v, &n, &e), 0);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(v[0].login, "zhang");
        CHECK_INT(v[0].contract_days, -5);
        CHECK_STR(v[1].login, "li");
        CHECK_STR(v[2].login, "zhao");
    }
    free(v);
    CHECK_INT(roster_contracts_ending_count(&street, today, 60), 3);
    CHECK_INT(roster_contracts_ending_count(&street, today, 61), 4);
    CHECK_INT(roster_contracts_ending_count(&director, today, 60), 2);
    CHECK_INT(roster_contracts_ending_count(&staff, today, 60), 1);
    CHECK_INT(roster_contracts_ending_count(&admin, today, 60), 4);
    CHECK_INT(roster_contracts_ending_count(&street, today, 0), 1);
}

static void
test_training_this_year(void)
{
    struct ctx street;
    struct roster_entry r;
    struct error e = { 0 };

    setup();
    street = fixture_as(db, &cfg, "jd_e");
    fixture_exec(db,
        "INSERT INTO training (id, district_id, date, level, title, hours,"
        " created_at, updated_at) VALUES"
        " (1, 'east', '2025-03-01', 'street', 'A', 4, 1, 1),"
        " (2, 'east', '2025-05-01', 'street', 'B', 2, 1, 1),"
        " (3, 'east', '2024-12-31', 'street', 'C', 8, 1, 1);"
        "INSERT INTO training_attendees (training_id, staff_id,"
        " committee_id, hours, created_at, updated_at) VALUES"
        " (1, 2, 'c1', NULL, 1, 1), (2, 2, 'c1', 1.5, 1, 1),"
        " (3, 2, 'c1', NULL, 1, 1);");
    CHECK_INT(roster_get(&street, li, &r, &e), 0);
    CHECK_INT(r.training_sessions, 2);
    CHECK(r.training_hours > 5.49 && r.training_hours < 5.51);
}

int
main(void)
{
    setup();
    RUN(test_years_of_service);
    RUN(test_scope);
    RUN(test_paging_and_filters);
    RUN(test_edit_rights);
    RUN(test_posts);
    RUN(test_contracts_ending);
    RUN(test_training_this_year);
    db_close(db);
    db_close(template_db);
    return CHECK_DONE();
}
