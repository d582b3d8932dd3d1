/* test_signoff.c — signing off a committee's month, reopening it with a
 * reason, who may do either, the audit rows, and the check the record
 * kinds run: a table wired as records.c will be (check callback calling
 * signoff_check_change) refuses every write into a signed-off month. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/signoff.h"
#include "juwei/staff.h"

static struct db *db;
static struct ctx sys;
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

/* The records table as records.c describes it, with the sign-off rule
 * in its check callback: the wiring the lead adds after the merge. */
enum { R_COMMITTEE, R_STAFF, R_DATE, R_CATEGORY, R_TITLE, R_NCOLS };

static int
records_check(struct ctx *ctx, const struct change *ch, struct error *e)
{
    return signoff_check_change(ctx, ch, "committee_id", "date", e);
}

static const struct column record_cols[] = {
    [R_COMMITTEE] = { "committee_id", COL_ID, true, 64, 0, 0,
                      N_("Committee"), false },
    [R_STAFF]     = { "staff_id", COL_ID, true, 0, 0, 0, N_("Staff"), false },
    [R_DATE]      = { "date", COL_DATE, true, 0, 0, 0, N_("Date"), false },
    [R_CATEGORY]  = { "category", COL_ID, true, 64, 0, 0, N_("Category"),
                      false },
    [R_TITLE]     = { "title", COL_TEXT, true, 100, 0, 0, N_("Title"),
                      false },
};
static const struct table records = {
    .name = "records", .cols = record_cols, .ncols = R_NCOLS,
    .committee_col = "committee_id", .owner_col = "staff_id",
    .check = records_check,
};

static int64_t
at(int y, int m, int d)
{
    return (int64_t)date_from_ymd(y, m, d) * 86400 + 12 * 3600;
}

static int
count(const char *sql)
{
    sqlite3_stmt *st;
    int v = -1;

    sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static const char *
text(const char *sql, char *buf, size_t size)
{
    sqlite3_stmt *st;

    snprintf(buf, size, "(null)");
    sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
        snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

static struct ctx
as(const char *login)
{
    struct ctx c = sys;
    struct staff s;
    struct error e = { 0 };

    if (staff_find_login(&sys, login, &s, &e) < 0) {
        printf("as(%s): %s\n", login, e.msg);
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
add(const char *login, const char *committee, const char *district,
    enum role role)
{
    struct error e = { 0 };

    if (staff_add(&sys, login, login, committee, district, role,
                  "a fine password", &e) < 0) {
        printf("setup %s: %s\n", login, e.msg);
        exit(2);
    }
}

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
    cfg.ndistricts = ARRAY_LEN(districts);
    cfg.committees = committees;
    cfg.ncommittees = ARRAY_LEN(committees);
    db_sync_config(db, &cfg, &e);
    sys.db = db;
    sys.cfg = &cfg;
    session_system(&sys.who);
    util_set_now(at(2026, 5, 10));
    add("li", "c1", NULL, ROLE_STAFF);
    add("wang", "c1", NULL, ROLE_DIRECTOR);
    add("chen", "c2", NULL, ROLE_DIRECTOR);
    add("sun", NULL, "east", ROLE_STREET);
    add("zhou", NULL, "west", ROLE_STREET);
    add("root", NULL, NULL, ROLE_ADMIN);
}

/* Adds one record through store_apply as `c`; 0 or -1 with *e. */
static int
write_record(struct ctx *c, enum change_op op, int64_t *id,
             const char *committee, const char *date, struct error *e)
{
    struct value v[R_NCOLS] = { 0 };
    int64_t version = 1;
    struct change ch = { .table = &records, .op = op, .vals = v };

    v[R_COMMITTEE].s = committee;
    v[R_STAFF].i = c->who.staff_id;
    v[R_DATE].s = date;
    v[R_CATEGORY].s = "meeting";
    v[R_TITLE].s = "周例会";
    if (op != CH_INSERT) {
        char sql[96];

        ch.id = *id;
        snprintf(sql, sizeof sql, "SELECT version FROM records WHERE id = %lld",
                 (long long)*id);
        version = count(sql);
        ch.version = version;
    }
    if (store_apply(c, &ch, 1, e) < 0)
        return -1;
    if (op == CH_INSERT)
        *id = ch.id;
    return 0;
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
    CHECK_INT(write_record(&li, CH_INSERT, &id, "c1", "2026-04-20", &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.field, "date");
    CHECK_STR(e.msg, "2026-04 of 和平里社区居委会 is signed off by the street "
                     "office; its entries can no longer be changed unless the "
                     "street office reopens the month");
    CHECK_INT(count("SELECT count(*) FROM records"), n);
    /* Everyone, the street office included. */
    CHECK_INT(write_record(&sun, CH_INSERT, &id, "c1", "2026-04-20", &e), -1);
    CHECK_INT(e.code, E_PERM);
    /* Other months and other committees are open. */
    CHECK_INT(write_record(&li, CH_INSERT, &id, "c1", "2026-05-06", &e), 0);
    CHECK_INT(write_record(&li, CH_UPDATE, &id, "c1", "2026-05-07", &e), 0);
    /* Moving a row into a signed-off month. */
    CHECK_INT(write_record(&li, CH_UPDATE, &id, "c1", "2026-04-30", &e), -1);
    CHECK_INT(e.code, E_PERM);
    /* A row written before the sign-off can neither change nor go. */
    util_set_now(at(2026, 5, 10));
    sqlite3_exec(db_sqlite(db), "DELETE FROM month_signoffs", NULL, NULL,
                 NULL);
    CHECK_INT(write_record(&li, CH_INSERT, &old, "c1", "2026-04-20", &e), 0);
    CHECK_INT(signoff_sign(&sun, "c1", "2026-04", &e), 0);
    CHECK_INT(write_record(&li, CH_UPDATE, &old, "c1", "2026-04-21", &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(write_record(&li, CH_UPDATE, &old, "c1", "2026-05-04", &e), -1);
    CHECK_INT(e.code, E_PERM);                 /* moving it out of April */
    CHECK_INT(write_record(&li, CH_DELETE, &old, "c1", "2026-04-20", &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(count("SELECT count(*) FROM records WHERE date = '2026-04-20'"),
              1);
    /* signoff_check on its own. */
    CHECK_INT(signoff_check(&li, "c1", "2026-04-01", &e), -1);
    CHECK_INT(signoff_check(&li, "c1", "2026-03-31", &e), 0);
    CHECK_INT(signoff_check(&li, "c2", "2026-04-01", &e), 0);
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
    CHECK_INT(write_record(&li, CH_INSERT, &id, "c1", "2026-04-20", &e), 0);
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
    CHECK_INT(write_record(&li, CH_INSERT, &id, "c1", "2026-04-21", &e), -1);
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
