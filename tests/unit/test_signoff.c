/* test_signoff.c — signing off a committee's month, reopening it with a
 * reason, who may do either, the audit rows, and the check the record
 * kinds run: work records written through records.c are refused in a
 * signed-off month, by everyone. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/records.h"
#include "juwei/signoff.h"
#include "juwei/staff.h"

static struct db *db;
static struct config cfg;

static struct cfg_district districts[] = {
    { (char *)"east", (char *)"东风街道" },
    { (char *)"west", (char *)"新华街道" },
};
static struct cfg_committee committees[] = {
    { (char *)"c1", (char *)"和平里社区居委会", (char *)"east", NULL, 0 },
    { (char *)"c2", (char *)"光明社区居委会", (char *)"east", NULL, 0 },
    { (char *)"c3", (char *)"建设路社区居委会", (char *)"west", NULL, 0 },
};

static struct cfg_item categories[] = {
    { (char *)"meeting", (char *)"会议" },
};

static int64_t
at(int y, int m, int d)
{
    return (int64_t)date_from_ymd(y, m, d) * 86400 + 12 * 3600;
}

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

static struct ctx
as(const char *login)
{
    return fixture_as(db, &cfg, login);
}

static const struct fixture_person people[] = {
    { "li", "li", "c1", NULL, ROLE_STAFF, false },
    { "wang", "wang", "c1", NULL, ROLE_DIRECTOR, false },
    { "chen", "chen", "c2", NULL, ROLE_DIRECTOR, false },
    { "sun", "sun", NULL, "east", ROLE_STREET, false },
    { "zhou", "zhou", NULL, "west", ROLE_STREET, false },
    { "root", "root", NULL, NULL, ROLE_ADMIN, false },
};

static void
setup(void)
{
    struct session sess[ARRAY_LEN(people)];

    cfg.districts = districts;
    cfg.ndistricts = ARRAY_LEN(districts);
    cfg.committees = committees;
    cfg.ncommittees = ARRAY_LEN(committees);
    cfg.record_categories.items = categories;
    cfg.record_categories.n = ARRAY_LEN(categories);
    /* Wide, so that only a sign-off refuses the writes below. */
    cfg.site.edit_window_days = 60;
    db = fixture_db(&cfg);
    util_set_now(at(2026, 5, 10));
    fixture_people(db, &cfg, people, ARRAY_LEN(people), sess);
}

/* Writes li's 周例会 record of `date` through records.c as `c` (the
 * committee is li's: c1); 0 or -1 with *e. */
static int
write_record(struct ctx *c, enum change_op op, int64_t *id, const char *date,
             struct error *e)
{
    struct record_input in = {
        .date = date, .staff_id = as("li").who.staff_id,
        .category = "meeting", .title = "周例会", .details = "", .hours = "",
    };
    char sql[96];

    if (op == CH_INSERT)
        return records_add(c, &in, id, e);
    snprintf(sql, sizeof sql, "SELECT version FROM records WHERE id = %lld",
             (long long)*id);
    if (op == CH_UPDATE)
        return records_update(c, *id, count(sql), &in, e);
    return records_delete(c, *id, count(sql), e);
}

static void
test_sign(void)
{
    struct ctx sun = as("sun");
    struct error e = { 0 };
    struct signoff so;
    char buf[256];

    CHECK_INT(signoff_get(&sun, "c1", "2026-04", &so, &e), 0);
    CHECK_INT(so.state, SIGNOFF_OPEN);
    CHECK_INT(so.id, 0);
    CHECK_INT(signoff_sign(&sun, "c1", "2026-04", &e), 0);
    CHECK_INT(signoff_get(&sun, "c1", "2026-04", &so, &e), 0);
    CHECK_INT(so.state, SIGNOFF_SIGNED);
    CHECK_STR(so.signed_by_name, "sun");
    CHECK_INT(so.signed_at, at(2026, 5, 10));
    CHECK_INT(count("SELECT count(*) FROM audit WHERE action = 'signoff'"
                    " AND tbl = 'month_signoffs'"), 1);
    CHECK_STR(text("SELECT json_extract(after, '$.month') FROM audit"
                   " WHERE action = 'signoff'", buf, sizeof buf), "2026-04");
    CHECK_INT(signoff_locked(&sun, "c1", "2026-04-30", &e), 1);
    CHECK_INT(signoff_locked(&sun, "c1", "2026-04", &e), 1);
    CHECK_INT(signoff_locked(&sun, "c2", "2026-04-30", &e), 0);
    CHECK_INT(signoff_locked(&sun, "c1", "2026-05-01", &e), 0);
    /* What the lists use to mark rows, in their own SQL. */
    CHECK_INT(count("SELECT " SIGNOFF_LOCKED_SQL("'c1'", "'2026-04-12'")), 1);
    CHECK_INT(count("SELECT " SIGNOFF_LOCKED_SQL("'c1'", "'2026-03-12'")), 0);
}

static void
test_sign_refused(void)
{
    struct ctx sun = as("sun"), zhou = as("zhou"), wang = as("wang");
    struct ctx root = as("root");
    struct error e = { 0 };
    int before = count("SELECT count(*) FROM month_signoffs");
    int audits = count("SELECT count(*) FROM audit");

    /* Twice. */
    CHECK_INT(signoff_sign(&sun, "c1", "2026-04", &e), -1);
    CHECK_INT(e.code, E_DUP);
    CHECK_STR(e.msg, "2026-04 of 和平里社区居委会 is already signed off");
    /* Not the street office. */
    CHECK_INT(signoff_sign(&wang, "c1", "2026-03", &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.msg, "only the street office signs off or reopens a month");
    CHECK_INT(signoff_sign(&root, "c1", "2026-03", &e), -1);
    CHECK_INT(e.code, E_PERM);
    /* Another district's street office. */
    CHECK_INT(signoff_sign(&zhou, "c1", "2026-03", &e), -1);
    CHECK_INT(e.code, E_PERM);
    /* A month not over yet. */
    CHECK_INT(signoff_sign(&sun, "c1", "2026-05", &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.field, "month");
    CHECK_STR(e.msg, "2026-05 is not over yet; a month is signed off after "
                     "it ends");
    /* Not a month. */
    CHECK_INT(signoff_sign(&sun, "c1", "2026-4", &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.msg, "\"2026-4\" is not a month; write it as YYYY-MM");
    CHECK_INT(signoff_sign(&sun, "zz", "2026-03", &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.msg, "unknown committee \"zz\"");
    /* Nothing changed by any of them. */
    CHECK_INT(count("SELECT count(*) FROM month_signoffs"), before);
    CHECK_INT(count("SELECT count(*) FROM audit"), audits);
}

static void
test_records_locked(void)
{
    struct ctx li = as("li"), sun = as("sun");
    struct error e = { 0 };
    int64_t id = 0, old = 0;
    int n;

    /* 2026-04 of c1 is signed off (test_sign). */
    n = count("SELECT count(*) FROM records");
    CHECK_INT(write_record(&li, CH_INSERT, &id, "2026-04-20", &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.field, "date");
    CHECK_STR(e.msg, "2026-04 of 和平里社区居委会 is signed off by the street "
                     "office; its entries can no longer be changed unless the "
                     "street office reopens the month");
    CHECK_INT(count("SELECT count(*) FROM records"), n);
    /* Everyone, the street office included. */
    CHECK_INT(write_record(&sun, CH_INSERT, &id, "2026-04-20", &e), -1);
    CHECK_INT(e.code, E_PERM);
    /* Other months and other committees are open. */
    CHECK_INT(write_record(&li, CH_INSERT, &id, "2026-05-06", &e), 0);
    CHECK_INT(write_record(&li, CH_UPDATE, &id, "2026-05-07", &e), 0);
    /* Moving a row into a signed-off month. */
    CHECK_INT(write_record(&li, CH_UPDATE, &id, "2026-04-30", &e), -1);
    CHECK_INT(e.code, E_PERM);
    /* A row written before the sign-off can neither change nor go. */
    util_set_now(at(2026, 5, 10));
    fixture_exec(db, "DELETE FROM month_signoffs");
    CHECK_INT(write_record(&li, CH_INSERT, &old, "2026-04-20", &e), 0);
    CHECK_INT(signoff_sign(&sun, "c1", "2026-04", &e), 0);
    CHECK_INT(write_record(&li, CH_UPDATE, &old, "2026-04-21", &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(write_record(&li, CH_UPDATE, &old, "2026-05-04", &e), -1);
    CHECK_INT(e.code, E_PERM);                 /* moving it out of April */
    CHECK_INT(write_record(&li, CH_DELETE, &old, "2026-04-20", &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(count("SELECT count(*) FROM records WHERE date = '2026-04-20'"),
              1);
    /* signoff_check on its own. */
    CHECK_INT(signoff_check(&li, "c1", "2026-04-01", &e), -1);
    CHECK_INT(signoff_check(&li, "c1", "2026-03-31", &e), 0);
    /* another committee's month is not li's to ask about, open or not */
    CHECK_INT(signoff_check(&li, "c2", "2026-04-01", &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.field, "committee_id");
    CHECK_INT(signoff_check(&li, "c1", "not a date", &e), 0);
    CHECK_INT(signoff_check(&li, NULL, "2026-04-01", &e), 0);
}

static void
test_reopen(void)
{
    struct ctx sun = as("sun"), wang = as("wang"), zhou = as("zhou");
    struct ctx li = as("li");
    struct error e = { 0 };
    struct signoff so;
    int64_t id = 0;
    char buf[256];
    int audits = count("SELECT count(*) FROM audit");

    /* Only the street office of the district, and only with a reason. */
    CHECK_INT(signoff_reopen(&wang, "c1", "2026-04", "有误", &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(signoff_reopen(&zhou, "c1", "2026-04", "有误", &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(signoff_reopen(&sun, "c1", "2026-04", " \u3000 ", &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.field, "reopen_reason");
    CHECK_STR(e.msg, "say why the month is reopened");
    CHECK_INT(signoff_reopen(&sun, "c2", "2026-04", "有误", &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.msg, "2026-04 of 光明社区居委会 is not signed off");
    CHECK_INT(count("SELECT count(*) FROM audit"), audits);

    util_set_now(at(2026, 5, 11));
    CHECK_INT(signoff_reopen(&sun, "c1", "2026-04", "漏报两次走访记录", &e), 0);
    CHECK_INT(signoff_get(&sun, "c1", "2026-04", &so, &e), 0);
    CHECK_INT(so.state, SIGNOFF_REOPENED);
    CHECK_STR(so.reason, "漏报两次走访记录");
    CHECK_STR(so.reopened_by_name, "sun");
    CHECK_STR(so.signed_by_name, "sun");          /* kept */
    CHECK_INT(so.reopened_at, at(2026, 5, 11));
    CHECK_STR(text("SELECT json_extract(after, '$.reopen_reason') FROM audit"
                   " WHERE action = 'reopen'", buf, sizeof buf),
              "漏报两次走访记录");
    CHECK_INT(signoff_locked(&sun, "c1", "2026-04-02", &e), 0);
    CHECK_INT(count("SELECT " SIGNOFF_LOCKED_SQL("'c1'", "'2026-04-12'")), 0);
    CHECK_INT(write_record(&li, CH_INSERT, &id, "2026-04-20", &e), 0);
    /* Reopening twice. */
    CHECK_INT(signoff_reopen(&sun, "c1", "2026-04", "再次", &e), -1);
    CHECK_INT(e.code, E_INVAL);

    /* Signed off again: the reason goes, the audit log keeps it. */
    CHECK_INT(signoff_sign(&sun, "c1", "2026-04", &e), 0);
    CHECK_INT(signoff_get(&sun, "c1", "2026-04", &so, &e), 0);
    CHECK_INT(so.state, SIGNOFF_SIGNED);
    CHECK_STR(so.reason, "");
    CHECK_INT(count("SELECT count(*) FROM month_signoffs"), 1);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE action = 'signoff'"), 3);
    CHECK_INT(write_record(&li, CH_INSERT, &id, "2026-04-21", &e), -1);
}

static void
test_table_rules(void)
{
    struct ctx sun = as("sun"), root = as("root");
    struct error e = { 0 };
    struct signoff so;
    struct change ch = { .table = &signoff_table, .op = CH_DELETE };
    struct value v[SIGNOFF_COL_NCOLS] = { 0 };

    /* No row is ever deleted, not even by an administrator. */
    CHECK_INT(signoff_get(&sun, "c1", "2026-04", &so, &e), 0);
    ch.id = so.id;
    ch.version = so.version;
    CHECK_INT(store_apply(&sun, &ch, 1, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(store_apply(&root, &ch, 1, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(count("SELECT count(*) FROM month_signoffs"), 1);
    /* A sign-off in someone else's name is refused. */
    v[SIGNOFF_COL_COMMITTEE].s = "c2";
    v[SIGNOFF_COL_MONTH].s = "2026-03";
    v[SIGNOFF_COL_SIGNED_BY].i = as("root").who.staff_id;
    v[SIGNOFF_COL_SIGNED_AT].i = util_now();
    v[SIGNOFF_COL_REOPENED_AT].null = true;
    ch.op = CH_INSERT;
    ch.vals = v;
    CHECK_INT(store_apply(&sun, &ch, 1, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.field, "signed_by");
    /* Reading another committee's state. */
    struct ctx chen = as("chen");
    CHECK_INT(signoff_get(&chen, "c1", "2026-04", &so, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(signoff_get(&chen, "c2", "2026-04", &so, &e), 0);
}

static void
test_month_ok(void)
{
    CHECK(signoff_month_ok("2026-01"));
    CHECK(signoff_month_ok("1999-12"));
    CHECK(!signoff_month_ok("2026-00"));
    CHECK(!signoff_month_ok("2026-13"));
    CHECK(!signoff_month_ok("2026/01"));
    CHECK(!signoff_month_ok("2026-1"));
    CHECK(!signoff_month_ok("２０２６-01"));
    CHECK(!signoff_month_ok(""));
    CHECK(!signoff_month_ok(NULL));
}

int
main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    setup();
    RUN(test_sign);
    RUN(test_sign_refused);
    RUN(test_records_locked);
    RUN(test_reopen);
    RUN(test_table_rules);
    RUN(test_month_ok);
    db_close(db);
    return CHECK_DONE();
}
