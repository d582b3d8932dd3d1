/* test_leave.c — leave on the real 2025–2026 calendar: day counting
 * (weekends, holidays, swapped working days, half days, the year end, a
 * holiday added after approval), every refusal of a request, balances and
 * quotas, the approval routes, the transition table against every path,
 * 销假, the lists, the home screen's news, who is out, the scoping, and
 * the upgrade of a schema-1 database. "Today" is pinned per test. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/leave.h"
#include "juwei/schema.h"
#include "juwei/staff.h"

static struct db *db;
static struct ctx sys;
static struct config cfg;

static struct cfg_leave_type types[] = {
    { (char *)"annual", (char *)"年休假", 5, 5 },
    { (char *)"personal", (char *)"事假", 10, 3 },
    { (char *)"sick", (char *)"病假", 30, 5 },
    { (char *)"bereavement", (char *)"丧假", 1.5, 0 },
    { (char *)"maternity", (char *)"产假", -1, 0 },
};

static const struct { int y1, m1, d1, y2, m2, d2; } off[] = {
    { 2025, 1, 1, 2025, 1, 1 },     { 2025, 1, 28, 2025, 2, 4 },
    { 2025, 4, 4, 2025, 4, 6 },     { 2025, 5, 1, 2025, 5, 5 },
    { 2025, 5, 31, 2025, 6, 2 },    { 2025, 10, 1, 2025, 10, 8 },
    { 2026, 1, 1, 2026, 1, 3 },     { 2026, 2, 15, 2026, 2, 23 },
    { 2026, 4, 4, 2026, 4, 6 },     { 2026, 5, 1, 2026, 5, 5 },
    { 2026, 6, 19, 2026, 6, 21 },   { 2026, 9, 25, 2026, 9, 27 },
    { 2026, 10, 1, 2026, 10, 7 },
};
static const struct { int y, m, d; } worked[] = {
    { 2025, 1, 26 }, { 2025, 2, 8 }, { 2025, 4, 27 }, { 2025, 9, 28 },
    { 2025, 10, 11 },
    { 2026, 1, 4 }, { 2026, 2, 14 }, { 2026, 2, 28 }, { 2026, 5, 9 },
    { 2026, 9, 20 }, { 2026, 10, 10 },
};

static date_t
D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static void
set_today(int y, int m, int d)
{
    util_set_now((int64_t)D(y, m, d) * 86400 + 12 * 3600);
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

static int
cmp_date(const void *a, const void *b)
{
    date_t x = *(const date_t *)a, y = *(const date_t *)b;

    return (x > y) - (x < y);
}

static void
build_calendar(void)
{
    struct calendar *cal = &cfg.calendar;

    cal->first_year = 2025;
    cal->last_year = 2026;
    cal->holidays = xcalloc(120, sizeof *cal->holidays);
    for (size_t i = 0; i < ARRAY_LEN(off); i++) {
        for (date_t d = D(off[i].y1, off[i].m1, off[i].d1);
             d <= D(off[i].y2, off[i].m2, off[i].d2); d++)
            cal->holidays[cal->nholidays++] = d;
    }
    cal->workdays = xcalloc(ARRAY_LEN(worked), sizeof *cal->workdays);
    for (size_t i = 0; i < ARRAY_LEN(worked); i++)
        cal->workdays[cal->nworkdays++] =
            D(worked[i].y, worked[i].m, worked[i].d);
}

/* A holiday announced late, as an edited INI would bring it. */
static void
add_holiday(date_t day)
{
    struct calendar *cal = &cfg.calendar;

    cal->holidays[cal->nholidays++] = day;
    qsort(cal->holidays, cal->nholidays, sizeof *cal->holidays, cmp_date);
}

static void
remove_holiday(date_t day)
{
    struct calendar *cal = &cfg.calendar;

    for (size_t i = 0; i < cal->nholidays; i++) {
        if (cal->holidays[i] == day) {
            memmove(&cal->holidays[i], &cal->holidays[i + 1],
                    (cal->nholidays - i - 1) * sizeof *cal->holidays);
            cal->nholidays--;
            return;
        }
    }
}

static struct ctx
as(const char *login)
{
    return fixture_as(db, &cfg, login);
}

static int64_t
id_of(const char *login)
{
    struct staff s;
    struct error e = { 0 };

    return staff_find_login(&sys, login, &s, &e) == 0 ? s.id : 0;
}

static void
add(const char *login, const char *committee, const char *district,
    enum role role)
{
    fixture_add(db, &cfg, login, login, committee, district, role);
}

/* Every test starts from no leave at all, with the same accounts. */
static void
fresh(void)
{
    if (db != NULL)
        db_close(db);
    db = fixture_db(&cfg);
    sys = fixture_system(db, &cfg);
    set_today(2026, 3, 2);          /* a Monday */
    add("li", "c1", NULL, ROLE_STAFF);
    add("zhang", "c1", NULL, ROLE_STAFF);
    add("wang", "c1", NULL, ROLE_DIRECTOR);
    add("chen", "c2", NULL, ROLE_STAFF);
    add("liu", "c2", NULL, ROLE_DIRECTOR);
    add("zhao", "c3", NULL, ROLE_DIRECTOR);
    add("sun", NULL, "east", ROLE_STREET);
    add("wu", NULL, "west", ROLE_STREET);
    add("root", NULL, NULL, ROLE_ADMIN);
}

static struct leave_request
R(const char *type, date_t from, enum half fh, date_t to, enum half th)
{
    struct leave_request r = { type, from, to, fh, th, "家中有事", 0 };

    return r;
}

/* Files a request that must go through; returns its id. */
static int64_t
ask(const char *login, const char *type, date_t from, enum half fh,
    date_t to, enum half th)
{
    struct ctx c = as(login);
    struct leave_request r = R(type, from, fh, to, th);
    struct error e = { 0 };
    int64_t id = 0;

    if (leave_request(&c, &r, &id, &e) < 0) {
        printf("  ask %s: %s\n", login, e.msg);
        CHECK(!"request refused");
    }
    return id;
}

static void
decide_ok(const char *login, int64_t id, bool approve)
{
    struct ctx c = as(login);
    struct error e = { 0 };

    if (leave_decide(&c, id, 0, approve, approve ? NULL : "人手不足",
                     &e) < 0) {
        printf("  decide by %s: %s\n", login, e.msg);
        CHECK(!"decision refused");
    }
}

static int
quote_halves(const char *type, date_t from, enum half fh, date_t to,
             enum half th)
{
    struct ctx c = as("li");
    struct leave_request r = R(type, from, fh, to, th);
    struct leave_quote q;
    struct error e = { 0 };

    if (leave_quote(&c, &r, &q, &e) < 0)
        return -1;
    return q.halves;
}

static struct leave
get(int64_t id)
{
    struct leave l;
    struct error e = { 0 };

    memset(&l, 0, sizeof l);
    if (leave_get(&sys, id, &l, &e) < 0)
        printf("  get %lld: %s\n", (long long)id, e.msg);
    return l;
}

/* --- the transition table ------------------------------------------- */

static void
test_transition_table(void)
{
    /* Exactly these five, checked pair by pair. */
    static const bool allowed[LEAVE_NSTATUS][LEAVE_NSTATUS] = {
        [LEAVE_PENDING][LEAVE_APPROVED] = true,
        [LEAVE_PENDING][LEAVE_REJECTED] = true,
        [LEAVE_PENDING][LEAVE_WITHDRAWN] = true,
        [LEAVE_APPROVED][LEAVE_CANCELLED] = true,
        [LEAVE_APPROVED][LEAVE_RETURNED] = true,
    };
    enum leave_status s;

    for (int a = 0; a < LEAVE_NSTATUS; a++) {
        for (int b = 0; b < LEAVE_NSTATUS; b++)
            CHECK_INT(leave_transition_ok(a, b), allowed[a][b]);
        CHECK(leave_status_parse(leave_status_name(a), &s) && (int)s == a);
    }
    CHECK(!leave_status_parse("deleted", &s));
}

/* The schema's trigger allows exactly the table's changes, so a plain
 * UPDATE cannot get round the core either. */
static void
test_trigger_agrees_with_table(void)
{
    char sql[512];

    fresh();
    for (int a = 0; a < LEAVE_NSTATUS; a++) {
        for (int b = 0; b < LEAVE_NSTATUS; b++) {
            int rc;

            snprintf(sql, sizeof sql,
                     "INSERT INTO leave (committee_id, staff_id, type,"
                     " from_date, to_date, halves, status, created_at,"
                     " updated_at) VALUES ('c1', %lld, 'annual', '2026-05-11',"
                     " '2026-05-11', 2, '%s', 0, 0)",
                     (long long)id_of("li"), leave_status_name(a));
            CHECK_INT(sqlite3_exec(db_sqlite(db), sql, NULL, NULL, NULL),
                      SQLITE_OK);
            snprintf(sql, sizeof sql, "UPDATE leave SET status = '%s'"
                     " WHERE id = %lld", leave_status_name(b),
                     (long long)sqlite3_last_insert_rowid(db_sqlite(db)));
            rc = sqlite3_exec(db_sqlite(db), sql, NULL, NULL, NULL);
            CHECK_INT(rc == SQLITE_OK, a == b || leave_transition_ok(a, b));
        }
    }
}

/* Every status change not in the table, by every account, through the
 * write path itself: refused, nothing written. */
static void
test_no_other_path(void)
{
    static const char *const who[] = { "li", "zhang", "wang", "sun", "root" };
    int64_t ids[LEAVE_NSTATUS];
    int status = store_col(&leave_table, "status");
    int reason = store_col(&leave_table, "reason");
    struct error e = { 0 };

    fresh();
    set_today(2026, 2, 2);
    ids[LEAVE_PENDING] = ask("li", "annual", D(2026, 3, 9), HALF_AM,
                             D(2026, 3, 9), HALF_PM);
    ids[LEAVE_APPROVED] = ask("li", "annual", D(2026, 3, 10), HALF_AM,
                              D(2026, 3, 10), HALF_PM);
    decide_ok("wang", ids[LEAVE_APPROVED], true);
    ids[LEAVE_REJECTED] = ask("li", "annual", D(2026, 3, 11), HALF_AM,
                              D(2026, 3, 11), HALF_PM);
    decide_ok("wang", ids[LEAVE_REJECTED], false);
    ids[LEAVE_WITHDRAWN] = ask("li", "annual", D(2026, 3, 12), HALF_AM,
                               D(2026, 3, 12), HALF_PM);
    {
        struct ctx c = as("li");

        CHECK_INT(leave_withdraw(&c, ids[LEAVE_WITHDRAWN], 0, &e), 0);
    }
    ids[LEAVE_CANCELLED] = ask("li", "annual", D(2026, 3, 13), HALF_AM,
                               D(2026, 3, 13), HALF_PM);
    decide_ok("wang", ids[LEAVE_CANCELLED], true);
    {
        struct ctx c = as("li");

        CHECK_INT(leave_cancel(&c, ids[LEAVE_CANCELLED], 0, &e), 0);
    }
    ids[LEAVE_RETURNED] = ask("li", "personal", D(2026, 2, 3), HALF_AM,
                              D(2026, 2, 3), HALF_PM);
    decide_ok("wang", ids[LEAVE_RETURNED], true);
    {
        struct ctx c = as("li");

        CHECK_INT(leave_report_back(&c, ids[LEAVE_RETURNED], 0, D(2026, 2, 2),
                                    HALF_AM, NULL, &e), -1);
        set_today(2026, 2, 4);
        CHECK_INT(leave_report_back(&c, ids[LEAVE_RETURNED], 0, D(2026, 2, 4),
                                    HALF_AM, NULL, &e), 0);
    }
    for (int a = 0; a < LEAVE_NSTATUS; a++) {
        char before[64], after[64], sql[128];

        CHECK_STR(get(ids[a]).status == (enum leave_status)a ? "ok" : "no",
                  "ok");
        snprintf(sql, sizeof sql, "SELECT status || version FROM leave"
                 " WHERE id = %lld", (long long)ids[a]);
        text(sql, before, sizeof before);
        for (int b = 0; b < LEAVE_NSTATUS; b++) {
            if (leave_transition_ok(a, b))
                continue;
            for (size_t w = 0; w < ARRAY_LEN(who); w++) {
                struct ctx c = as(who[w]);
                struct value *v;
                int64_t version;
                struct change ch = { &leave_table, CH_UPDATE, ids[a], 0,
                                     NULL, NULL, NULL };

                if (store_load(&c, &leave_table, ids[a], &v, &version,
                               &e) < 0)
                    continue;       /* cannot even see it */
                free((char *)v[status].s);
                v[status].s = xstrdup(leave_status_name(b));
                ch.version = version;
                ch.vals = v;
                CHECK_INT(store_apply(&c, &ch, 1, &e), -1);
                CHECK_INT(e.code == E_PERM || e.code == E_INVAL, 1);
                store_values_free(v, leave_table.ncols);
            }
        }
        text(sql, after, sizeof after);
        CHECK_STR(after, before);
    }
    /* Nor is a request edited, or deleted, by its owner or the director. */
    for (size_t w = 0; w < 3; w++) {
        struct ctx c = as(who[w]);
        struct value *v;
        int64_t version;
        struct change ch = { &leave_table, CH_UPDATE, ids[LEAVE_PENDING], 0,
                             NULL, NULL, NULL };

        CHECK_INT(store_load(&c, &leave_table, ids[LEAVE_PENDING], &v,
                             &version, &e), 0);
        free((char *)v[reason].s);
        v[reason].s = xstrdup("改了理由");
        ch.version = version;
        ch.vals = v;
        CHECK_INT(store_apply(&c, &ch, 1, &e), -1);
        ch.op = CH_DELETE;
        CHECK_INT(store_apply(&c, &ch, 1, &e), -1);
        store_values_free(v, leave_table.ncols);
    }
    CHECK_INT(count("SELECT count(*) FROM leave WHERE reason = '改了理由'"),
              0);
    CHECK_INT(count("SELECT count(*) FROM leave"), 6);
}

/* --- counting days -------------------------------------------------- */

static void
test_count_weekends_holidays_swapped(void)
{
    fresh();
    /* Friday to Monday over a plain weekend: 2 days */
    CHECK_INT(quote_halves("sick", D(2026, 3, 13), HALF_AM, D(2026, 3, 16),
                           HALF_PM), 4);
    /* over 清明: Thu pm, Fri, (Sat–Mon off), Tue = 2.5 */
    CHECK_INT(quote_halves("sick", D(2026, 4, 2), HALF_PM, D(2026, 4, 7),
                           HALF_PM), 5);
    /* the swapped Saturday 02-14 counts; 春节 does not: Fri, Sat, Tue */
    CHECK_INT(quote_halves("sick", D(2026, 2, 13), HALF_AM, D(2026, 2, 24),
                           HALF_PM), 6);
    /* a week of 劳动节 with its swapped Saturday 05-09 */
    CHECK_INT(quote_halves("sick", D(2026, 5, 1), HALF_AM, D(2026, 5, 10),
                           HALF_PM), 2 * 4);
}

static void
test_count_half_days(void)
{
    date_t tue = D(2026, 3, 10), wed = D(2026, 3, 11);

    fresh();
    CHECK_INT(quote_halves("sick", tue, HALF_PM, tue, HALF_PM), 1);
    CHECK_INT(quote_halves("sick", tue, HALF_AM, tue, HALF_AM), 1);
    CHECK_INT(quote_halves("sick", tue, HALF_AM, tue, HALF_PM), 2);
    CHECK_INT(quote_halves("sick", tue, HALF_PM, wed, HALF_AM), 2);
    CHECK_INT(quote_halves("sick", tue, HALF_AM, wed, HALF_AM), 3);
    CHECK_INT(quote_halves("sick", tue, HALF_PM, wed, HALF_PM), 3);
    /* Friday afternoon to Monday morning */
    CHECK_INT(quote_halves("sick", D(2026, 3, 13), HALF_PM, D(2026, 3, 16),
                           HALF_AM), 2);
}

static void
test_two_halves_same_day(void)
{
    date_t tue = D(2026, 3, 10);
    struct ctx c;
    struct leave_request r;
    struct error e = { 0 };
    int64_t id = 0;

    fresh();
    ask("li", "personal", tue, HALF_AM, tue, HALF_AM);
    ask("li", "sick", tue, HALF_PM, tue, HALF_PM);
    CHECK_INT(count("SELECT count(*) FROM leave"), 2);
    /* a third half on that day is one too many */
    c = as("li");
    r = R("annual", tue, HALF_PM, tue, HALF_PM);
    CHECK_INT(leave_request(&c, &r, &id, &e), -1);
    CHECK_STR(e.field, "from_date");
    CHECK_STR(e.msg, "this overlaps your leave from 2026-03-10 afternoon to "
                     "2026-03-10 afternoon (waiting)");
    CHECK_INT(count("SELECT count(*) FROM leave"), 2);
}

static void
test_across_year_end(void)
{
    struct ctx c;
    struct leave_request r;
    struct leave_quote q;
    struct leave_balance b[ARRAY_LEN(types)];
    struct error e = { 0 };
    int64_t id;

    fresh();
    set_today(2025, 12, 1);
    /* 2025-12-31 pm, 01-01..03 off, Sunday 01-04 worked, 01-05 am */
    c = as("li");
    r = R("annual", D(2025, 12, 31), HALF_PM, D(2026, 1, 5), HALF_AM);
    CHECK_INT(leave_quote(&c, &r, &q, &e), 0);
    CHECK_INT(q.halves, 4);
    CHECK_INT(q.halves_next, 3);
    CHECK_INT(q.year, 2025);
    CHECK_INT(q.left, 10 - 1);
    id = ask("li", "annual", D(2025, 12, 29), HALF_AM, D(2026, 1, 5),
             HALF_PM);
    CHECK_INT(get(id).halves, 10);
    CHECK_INT(get(id).halves_next, 4);
    /* charged to each year its own days */
    CHECK_INT(leave_balances(&c, c.who.staff_id, 2025, b, &e), 0);
    CHECK_INT(b[0].pending, 6);
    CHECK_INT(b[0].left, 4);
    CHECK_INT(leave_balances(&c, c.who.staff_id, 2026, b, &e), 0);
    CHECK_INT(b[0].pending, 4);
    CHECK_INT(b[0].left, 6);
    /* the 2026 part counts against 2026's quota: 4 + 8 > 10 */
    r = R("annual", D(2026, 3, 2), HALF_AM, D(2026, 3, 5), HALF_PM);
    CHECK_INT(leave_request(&c, &r, &id, &e), -1);
    CHECK_STR(e.field, "type");
    CHECK_STR(e.msg, "年休假: 5 days a year, 3 left in 2026; this request "
                     "takes 4");
}

/* The count is kept as requested; the calendar may say otherwise later,
 * and that is shown, not applied. */
static void
test_holiday_added_after_approval(void)
{
    struct ctx c;
    struct leave_balance b[ARRAY_LEN(types)];
    struct leave_return ret;
    struct error e = { 0 };
    struct leave l;
    int64_t id;

    fresh();
    set_today(2026, 3, 2);
    id = ask("li", "annual", D(2026, 3, 16), HALF_AM, D(2026, 3, 18),
             HALF_PM);
    decide_ok("wang", id, true);
    add_holiday(D(2026, 3, 17));
    l = get(id);
    CHECK_INT(l.halves, 6);
    CHECK_INT(leave_recount(&sys, &l), 4);
    c = as("li");
    CHECK_INT(leave_balances(&c, c.who.staff_id, 2026, b, &e), 0);
    CHECK_INT(b[0].used, 6);
    CHECK_INT(b[0].left, 4);
    /* back on time: the approved three days stand */
    set_today(2026, 3, 19);
    CHECK_INT(leave_report_back(&c, id, l.version, D(2026, 3, 19), HALF_AM,
                                &ret, &e), 0);
    CHECK_INT(ret.used, 6);
    CHECK_INT(ret.given, 0);
    CHECK_INT(ret.late, 0);
    remove_holiday(D(2026, 3, 17));
}

/* --- refusals -------------------------------------------------------- */

static void
refused(const char *login, struct leave_request r, int code,
        const char *field, const char *msg)
{
    struct ctx c = as(login);
    struct leave_quote q;
    struct error e = { 0 };
    int64_t id = 0;
    int before = count("SELECT count(*) FROM leave");
    int audit = count("SELECT count(*) FROM audit");

    CHECK_INT(leave_request(&c, &r, &id, &e), -1);
    CHECK_INT(e.code, code);
    CHECK_STR(e.field, field);
    CHECK_STR(e.msg, msg);
    CHECK_INT(id, 0);
    CHECK_INT(count("SELECT count(*) FROM leave"), before);
    CHECK_INT(count("SELECT count(*) FROM audit"), audit);
    /* the form's quote says the same */
    memset(&e, 0, sizeof e);
    CHECK_INT(leave_quote(&c, &r, &q, &e), -1);
    CHECK_STR(e.msg, msg);
}

static void
test_refused_end_before_start(void)
{
    fresh();
    refused("li", R("annual", D(2026, 3, 11), HALF_AM, D(2026, 3, 10),
                    HALF_PM), E_INVAL, "to_date",
            "the leave ends before it starts");
    refused("li", R("annual", D(2026, 3, 11), HALF_PM, D(2026, 3, 11),
                    HALF_AM), E_INVAL, "to_date",
            "the leave ends before it starts");
}

static void
test_refused_zero_days(void)
{
    fresh();
    refused("li", R("annual", D(2026, 3, 7), HALF_AM, D(2026, 3, 8),
                    HALF_PM), E_INVAL, "to_date",
            "there is no working day from 2026-03-07 morning to 2026-03-08: "
            "nothing to ask for");
    refused("li", R("annual", D(2026, 10, 1), HALF_AM, D(2026, 10, 7),
                    HALF_PM), E_INVAL, "to_date",
            "there is no working day from 2026-10-01 morning to 2026-10-07: "
            "nothing to ask for");
}

static void
test_refused_overlap(void)
{
    int64_t id;

    fresh();
    ask("li", "annual", D(2026, 3, 10), HALF_PM, D(2026, 3, 11), HALF_AM);
    refused("li", R("sick", D(2026, 3, 11), HALF_AM, D(2026, 3, 12),
                    HALF_PM), E_INVAL, "from_date",
            "this overlaps your leave from 2026-03-10 afternoon to "
            "2026-03-11 morning (waiting)");
    id = ask("li", "sick", D(2026, 3, 20), HALF_AM, D(2026, 3, 24), HALF_PM);
    decide_ok("wang", id, true);
    refused("li", R("personal", D(2026, 3, 16), HALF_AM, D(2026, 3, 20),
                    HALF_AM), E_INVAL, "from_date",
            "this overlaps your leave from 2026-03-20 morning to "
            "2026-03-24 afternoon (approved)");
    /* the afternoon before and the morning after are free; so is someone
     * else's time, and a rejected request's */
    ask("li", "personal", D(2026, 3, 11), HALF_PM, D(2026, 3, 11), HALF_PM);
    ask("zhang", "personal", D(2026, 3, 20), HALF_AM, D(2026, 3, 20),
        HALF_PM);
    id = ask("li", "personal", D(2026, 3, 30), HALF_AM, D(2026, 3, 30),
             HALF_PM);
    decide_ok("wang", id, false);
    ask("li", "sick", D(2026, 3, 30), HALF_AM, D(2026, 3, 30), HALF_PM);
}

static void
test_refused_over_quota(void)
{
    fresh();
    /* 丧假: 1.5 days a year */
    refused("li", R("bereavement", D(2026, 3, 10), HALF_AM, D(2026, 3, 11),
                    HALF_PM), E_INVAL, "type",
            "丧假: 1.5 days a year, 1.5 left in 2026; this request takes 2");
    ask("li", "bereavement", D(2026, 3, 10), HALF_AM, D(2026, 3, 10),
        HALF_PM);
    /* pending requests count against the quota too */
    refused("li", R("bereavement", D(2026, 3, 12), HALF_AM, D(2026, 3, 12),
                    HALF_PM), E_INVAL, "type",
            "丧假: 1.5 days a year, 0.5 left in 2026; this request takes 1");
    ask("li", "bereavement", D(2026, 3, 12), HALF_AM, D(2026, 3, 12),
        HALF_AM);
    /* no quota, no limit */
    ask("li", "maternity", D(2026, 4, 1), HALF_AM, D(2026, 7, 31), HALF_PM);
}

static void
test_refused_outside_calendar(void)
{
    fresh();
    refused("li", R("annual", D(2024, 12, 30), HALF_AM, D(2025, 1, 2),
                    HALF_PM), E_INVAL, "from_date",
            "2024-12-30 is outside the working calendar (2025 to 2026); the "
            "administrator must add that year first");
    refused("li", R("sick", D(2026, 12, 30), HALF_AM, D(2027, 1, 4),
                    HALF_PM), E_INVAL, "to_date",
            "2027-01-04 is outside the working calendar (2025 to 2026); the "
            "administrator must add that year first");
}

static void
test_refused_other(void)
{
    struct leave_request r;

    fresh();
    refused("li", R("holiday", D(2026, 3, 10), HALF_AM, D(2026, 3, 10),
                    HALF_PM), E_INVAL, "type", "unknown leave type \"holiday\"");
    r = R("annual", D(2026, 3, 10), HALF_AM, D(2026, 3, 10), HALF_PM);
    r.cover_id = id_of("li");
    refused("li", r, E_INVAL, "cover_id",
            "the cover must be someone else of your committee");
    r.cover_id = id_of("chen");
    refused("li", r, E_INVAL, "cover_id",
            "the cover must be someone else of your committee");
    r.cover_id = id_of("sun");
    refused("li", r, E_INVAL, "cover_id",
            "the cover must be someone else of your committee");
    r.cover_id = 0;
    r.to = D(2027, 3, 11);
    refused("li", r, E_INVAL, "to_date",
            "a leave may not be longer than a year; ask for it in parts");
    r.to = D(2026, 3, 10);
    refused("sun", r, E_PERM, "", "only committee staff and directors ask "
                                  "for leave");
    refused("root", r, E_PERM, "", "only committee staff and directors ask "
                                   "for leave");
    r.cover_id = id_of("zhang");
    {
        struct ctx c = as("li");
        struct error e = { 0 };
        int64_t id = 0;

        CHECK_INT(leave_request(&c, &r, &id, &e), 0);
        CHECK_INT(get(id).cover_id, id_of("zhang"));
        CHECK_STR(get(id).cover_name, "zhang");
    }
}

/* --- approval -------------------------------------------------------- */

static void
test_director_approves_staff(void)
{
    struct ctx c;
    struct leave_news n;
    struct error e = { 0 };
    char buf[128];
    int64_t id;

    fresh();
    id = ask("li", "annual", D(2026, 4, 2), HALF_PM, D(2026, 4, 7), HALF_PM);
    CHECK_INT(get(id).halves, 5);
    CHECK_INT(get(id).route, ROUTE_DIRECTOR);
    /* not the street office, another committee's director, or a colleague */
    c = as("sun");
    CHECK_INT(leave_decide(&c, id, 0, true, NULL, &e), -1);
    CHECK_STR(e.msg, "this request waits for the committee's director");
    c = as("liu");
    CHECK_INT(leave_decide(&c, id, 0, true, NULL, &e), -1);
    CHECK_STR(e.msg, "no such leave request");
    c = as("zhang");
    CHECK_INT(leave_decide(&c, id, 0, true, NULL, &e), -1);
    CHECK_INT(get(id).status, LEAVE_PENDING);
    c = as("wang");
    CHECK_INT(leave_news(&c, D(2026, 3, 2), &n, &e), 0);
    CHECK_INT(n.waiting, 1);
    CHECK_INT(leave_decide(&c, id, get(id).version, true, "好的", &e), 0);
    CHECK_INT(get(id).status, LEAVE_APPROVED);
    CHECK_STR(get(id).approver_name, "wang");
    CHECK_STR(get(id).comment, "好的");
    CHECK_INT(leave_news(&c, D(2026, 3, 2), &n, &e), 0);
    CHECK_INT(n.waiting, 0);
    /* a second decision is refused */
    CHECK_INT(leave_decide(&c, id, 0, false, "不行", &e), -1);
    CHECK_STR(e.msg, "this request is no longer waiting: it is approved");
    /* the requester sees it on the home screen until looking */
    c = as("li");
    CHECK_INT(leave_news(&c, D(2026, 3, 2), &n, &e), 0);
    CHECK_INT(n.approved, 1);
    CHECK_INT(leave_seen_decisions(&c, &e), 0);
    CHECK_INT(leave_news(&c, D(2026, 3, 2), &n, &e), 0);
    CHECK_INT(n.approved, 0);
    /* the audit has the request and the decision, the step its row */
    CHECK_STR(text("SELECT group_concat(action, ',') FROM (SELECT action"
                   " FROM audit WHERE tbl IN ('leave', 'leave_steps')"
                   " ORDER BY id)", buf, sizeof buf),
              "request,approve,approve");
    CHECK_INT(count("SELECT count(*) FROM leave_steps WHERE step = 1 AND"
                    " decision = 'approved'"), 1);
}

static void
test_reject_needs_comment(void)
{
    struct ctx c = { 0 };
    struct leave_news n;
    struct error e = { 0 };
    int64_t id;

    fresh();
    id = ask("li", "personal", D(2026, 3, 10), HALF_AM, D(2026, 3, 10),
             HALF_PM);
    c = as("wang");
    CHECK_INT(leave_decide(&c, id, 0, false, "", &e), -1);
    CHECK_STR(e.field, "comment");
    CHECK_STR(e.msg, "say why the request is rejected");
    CHECK_INT(get(id).status, LEAVE_PENDING);
    CHECK_INT(leave_decide(&c, id, 0, false, "月底检查，人手不足", &e), 0);
    CHECK_INT(get(id).status, LEAVE_REJECTED);
    c = as("li");
    CHECK_INT(leave_news(&c, D(2026, 3, 2), &n, &e), 0);
    CHECK_INT(n.rejected, 1);
    CHECK_INT(n.approved, 0);
}

static void
test_director_goes_to_street(void)
{
    struct ctx c;
    struct leave_news n;
    struct error e = { 0 };
    int64_t id;

    fresh();
    id = ask("wang", "annual", D(2026, 3, 10), HALF_AM, D(2026, 3, 10),
             HALF_PM);
    CHECK_INT(get(id).route, ROUTE_STREET);
    c = as("wang");
    CHECK_INT(leave_news(&c, D(2026, 3, 2), &n, &e), 0);
    CHECK_INT(n.waiting, 0);
    CHECK_INT(leave_page_count(&c, LEAVE_WAITING), 0);
    CHECK_INT(leave_decide(&c, id, 0, true, NULL, &e), -1);
    CHECK_STR(e.msg, "nobody decides their own leave");
    c = as("liu");      /* another director of the district */
    CHECK_INT(leave_decide(&c, id, 0, true, NULL, &e), -1);
    c = as("wu");       /* the other district's street office */
    CHECK_INT(leave_decide(&c, id, 0, true, NULL, &e), -1);
    CHECK_STR(e.msg, "no such leave request");
    c = as("sun");
    CHECK_INT(leave_news(&c, D(2026, 3, 2), &n, &e), 0);
    CHECK_INT(n.waiting, 1);
    CHECK_INT(leave_page_count(&c, LEAVE_WAITING), 1);
    CHECK_INT(leave_decide(&c, id, 0, true, NULL, &e), 0);
    CHECK_INT(get(id).status, LEAVE_APPROVED);
}

static void
test_two_steps(void)
{
    struct ctx c;
    struct leave_step s[4];
    struct error e = { 0 };
    size_t n = 0;
    int64_t id, short_id;

    fresh();
    /* 事假 longer than 3 working days also needs the street office */
    id = ask("li", "personal", D(2026, 3, 9), HALF_AM, D(2026, 3, 12),
             HALF_PM);
    short_id = ask("zhang", "personal", D(2026, 3, 9), HALF_AM,
                   D(2026, 3, 11), HALF_PM);
    CHECK_INT(get(id).route, ROUTE_DIRECTOR_STREET);
    CHECK_INT(get(short_id).route, ROUTE_DIRECTOR);
    c = as("sun");
    CHECK_INT(leave_decide(&c, id, 0, true, NULL, &e), -1);
    CHECK_STR(e.msg, "this request waits for the committee's director");
    decide_ok("wang", id, true);
    CHECK_INT(get(id).status, LEAVE_PENDING);
    CHECK_INT(get(id).step, 2);
    c = as("wang");
    CHECK_INT(leave_decide(&c, id, 0, true, NULL, &e), -1);
    CHECK_STR(e.msg, "this request waits for the street office");
    c = as("sun");
    CHECK_INT(leave_page_count(&c, LEAVE_WAITING), 1);
    CHECK_INT(leave_decide(&c, id, 0, true, "同意", &e), 0);
    CHECK_INT(get(id).status, LEAVE_APPROVED);
    CHECK_INT(leave_steps(&c, id, s, 4, &n, &e), 0);
    CHECK_INT(n, 2);
    CHECK_STR(s[0].approver_name, "wang");
    CHECK_STR(s[1].approver_name, "sun");
    CHECK(s[0].approved && s[1].approved);
    CHECK_STR(s[1].comment, "同意");
    /* the street office may also refuse at its step */
    id = ask("chen", "sick", D(2026, 3, 9), HALF_AM, D(2026, 3, 16), HALF_PM);
    decide_ok("liu", id, true);
    decide_ok("sun", id, false);
    CHECK_INT(get(id).status, LEAVE_REJECTED);
}

static void
test_approve_marked_together(void)
{
    struct ctx c;
    struct error e = { 0 };
    int64_t ids[3];
    size_t done = 0;

    fresh();
    ids[0] = ask("li", "sick", D(2026, 3, 10), HALF_AM, D(2026, 3, 10),
                 HALF_PM);
    ids[1] = ask("zhang", "sick", D(2026, 3, 10), HALF_AM, D(2026, 3, 10),
                 HALF_PM);
    ids[2] = ask("li", "annual", D(2026, 3, 12), HALF_AM, D(2026, 3, 12),
                 HALF_PM);
    c = as("li");
    CHECK_INT(leave_withdraw(&c, ids[2], 0, &e), 0);
    c = as("wang");
    CHECK_INT(leave_approve_all(&c, ids, 3, "同意", &done, &e), -1);
    CHECK_INT(done, 2);
    CHECK_STR(e.msg, "this request is no longer waiting: it is withdrawn");
    CHECK_INT(get(ids[0]).status, LEAVE_APPROVED);
    CHECK_INT(get(ids[1]).status, LEAVE_APPROVED);
    CHECK_INT(get(ids[2]).status, LEAVE_WITHDRAWN);
}

static void
test_stale_decision(void)
{
    struct ctx c;
    struct error e = { 0 };
    int64_t id, seen;

    fresh();
    id = ask("li", "sick", D(2026, 3, 10), HALF_AM, D(2026, 3, 10), HALF_PM);
    seen = get(id).version;
    c = as("li");
    CHECK_INT(leave_withdraw(&c, id, seen, &e), 0);
    c = as("wang");
    CHECK_INT(leave_decide(&c, id, seen, true, NULL, &e), -1);
    CHECK_INT(e.code, E_STALE);
}

/* --- withdraw, cancel, 销假 -------------------------------------------- */

static void
test_withdraw(void)
{
    struct ctx c;
    struct error e = { 0 };
    int64_t id;

    fresh();
    id = ask("li", "sick", D(2026, 3, 10), HALF_AM, D(2026, 3, 10), HALF_PM);
    c = as("wang");
    CHECK_INT(leave_withdraw(&c, id, 0, &e), -1);
    CHECK_STR(e.msg, "only the person who asked may withdraw a request");
    c = as("li");
    CHECK_INT(leave_withdraw(&c, id, 0, &e), 0);
    CHECK_INT(get(id).status, LEAVE_WITHDRAWN);
    CHECK_INT(leave_withdraw(&c, id, 0, &e), -1);
    CHECK_STR(e.msg, "only a waiting request can be withdrawn; this one is "
                     "withdrawn");
    /* the days are free again */
    ask("li", "annual", D(2026, 3, 10), HALF_AM, D(2026, 3, 10), HALF_PM);
}

static void
test_cancel_before_start(void)
{
    struct ctx c;
    struct leave_news n;
    struct error e = { 0 };
    int64_t id, late;

    fresh();
    id = ask("li", "annual", D(2026, 3, 10), HALF_AM, D(2026, 3, 11), HALF_PM);
    late = ask("li", "annual", D(2026, 3, 2), HALF_AM, D(2026, 3, 2), HALF_PM);
    c = as("li");
    CHECK_INT(leave_cancel(&c, id, 0, &e), -1);
    CHECK_STR(e.msg, "only approved leave can be cancelled; this request is "
                     "waiting");
    decide_ok("wang", id, true);
    decide_ok("wang", late, true);
    CHECK_INT(leave_cancel(&c, late, 0, &e), -1);
    CHECK_STR(e.msg, "the leave has begun: report back (销假) instead of "
                     "cancelling");
    c = as("wang");
    CHECK_INT(leave_cancel(&c, id, 0, &e), -1);
    CHECK_STR(e.msg, "only the person on leave may cancel it");
    c = as("li");
    CHECK_INT(leave_cancel(&c, id, 0, &e), 0);
    CHECK_INT(get(id).status, LEAVE_CANCELLED);
    /* the approver is told, until looking */
    c = as("wang");
    CHECK_INT(leave_news(&c, D(2026, 3, 2), &n, &e), 0);
    CHECK_INT(n.cancelled, 1);
    c = as("sun");
    CHECK_INT(leave_news(&c, D(2026, 3, 2), &n, &e), 0);
    CHECK_INT(n.cancelled, 0);
    c = as("wang");
    CHECK_INT(leave_seen_cancellations(&c, &e), 0);
    CHECK_INT(leave_news(&c, D(2026, 3, 2), &n, &e), 0);
    CHECK_INT(n.cancelled, 0);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE action = 'cancel'"), 1);
}

static void
test_report_back_early_gives_days_back(void)
{
    struct ctx c;
    struct leave_balance b[ARRAY_LEN(types)];
    struct leave_return ret;
    struct error e = { 0 };
    struct leave l;
    int64_t id;

    fresh();
    set_today(2026, 4, 1);
    /* Thu pm, Fri, (清明), Tue: 2.5 days of 5 */
    id = ask("li", "annual", D(2026, 4, 2), HALF_PM, D(2026, 4, 7), HALF_PM);
    decide_ok("wang", id, true);
    c = as("li");
    CHECK_INT(leave_balances(&c, c.who.staff_id, 2026, b, &e), 0);
    CHECK_STR(b[0].type, "annual");
    CHECK_INT(b[0].quota, 10);
    CHECK_INT(b[0].used, 5);
    CHECK_INT(b[0].left, 5);
    /* not a day not yet come, nor before the leave began */
    CHECK_INT(leave_report_back(&c, id, 0, D(2026, 4, 7), HALF_AM, &ret, &e),
              -1);
    CHECK_STR(e.msg, "report back on the day you are back: the return cannot "
                     "be after today");
    set_today(2026, 4, 7);
    CHECK_INT(leave_report_back(&c, id, 0, D(2026, 4, 2), HALF_AM, &ret, &e),
              -1);
    CHECK_STR(e.field, "returned_date");
    CHECK_STR(e.msg, "the return is before the leave began (2026-04-02 "
                     "afternoon)");
    l = get(id);
    CHECK_INT(leave_return_quote(&c, &l, D(2026, 4, 7), HALF_AM, &ret, &e),
              0);
    CHECK_INT(ret.given, 2);
    CHECK_INT(get(id).status, LEAVE_APPROVED);       /* a quote writes nothing */
    CHECK_INT(leave_report_back(&c, id, l.version, D(2026, 4, 7), HALF_AM,
                                &ret, &e), 0);
    CHECK_INT(ret.used, 3);
    CHECK_INT(ret.given, 2);
    CHECK_INT(ret.late, 0);
    l = get(id);
    CHECK_INT(l.status, LEAVE_RETURNED);
    CHECK_INT(l.used, 3);
    CHECK_INT(l.returned, D(2026, 4, 7));
    CHECK_INT(leave_balances(&c, c.who.staff_id, 2026, b, &e), 0);
    CHECK_INT(b[0].used, 3);
    CHECK_INT(b[0].left, 7);
    /* the Tuesday given back can be asked for again */
    ask("li", "sick", D(2026, 4, 7), HALF_AM, D(2026, 4, 7), HALF_PM);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE action = 'return'"), 1);
}

static void
test_report_back_late(void)
{
    struct ctx c;
    struct leave_return ret;
    struct leave_news n;
    struct error e = { 0 };
    int64_t id;

    fresh();
    set_today(2026, 3, 2);
    id = ask("li", "sick", D(2026, 3, 2), HALF_AM, D(2026, 3, 3), HALF_PM);
    decide_ok("wang", id, true);
    set_today(2026, 3, 5);
    c = as("li");
    CHECK_INT(leave_news(&c, D(2026, 3, 5), &n, &e), 0);
    CHECK_INT(n.my_overdue, 1);
    c = as("wang");
    CHECK_INT(leave_news(&c, D(2026, 3, 5), &n, &e), 0);
    CHECK_INT(n.overdue, 1);
    CHECK_INT(n.my_overdue, 0);
    c = as("li");
    /* back on Thursday afternoon: Wednesday and Thursday morning overstayed */
    CHECK_INT(leave_report_back(&c, id, 0, D(2026, 3, 5), HALF_PM, &ret, &e),
              0);
    CHECK_INT(ret.used, 4);
    CHECK_INT(ret.late, 3);
    CHECK_INT(ret.given, 0);
    CHECK_INT(get(id).late, 3);
    CHECK_INT(leave_news(&c, D(2026, 3, 5), &n, &e), 0);
    CHECK_INT(n.my_overdue, 0);
    /* back on Monday after a Friday end is on time… */
    id = ask("zhang", "sick", D(2026, 3, 5), HALF_AM, D(2026, 3, 6),
             HALF_PM);
    decide_ok("wang", id, true);
    set_today(2026, 3, 9);
    c = as("zhang");
    CHECK_INT(leave_report_back(&c, id, 0, D(2026, 3, 9), HALF_AM, &ret, &e),
              0);
    CHECK_INT(ret.late, 0);
    CHECK_INT(ret.used, 4);
    /* …unless the Saturday was a swapped working day (2026-02-28) */
    id = ask("chen", "sick", D(2026, 2, 26), HALF_AM, D(2026, 2, 27),
             HALF_PM);
    decide_ok("liu", id, true);
    c = as("chen");
    CHECK_INT(leave_report_back(&c, id, 0, D(2026, 3, 2), HALF_AM, &ret, &e),
              0);
    CHECK_INT(ret.late, 2);
}

static void
test_balances(void)
{
    struct ctx c;
    struct leave_balance b[ARRAY_LEN(types)];
    struct error e = { 0 };
    int64_t id;

    fresh();
    id = ask("li", "personal", D(2026, 3, 10), HALF_AM, D(2026, 3, 10),
             HALF_PM);
    decide_ok("wang", id, true);
    ask("li", "personal", D(2026, 3, 12), HALF_PM, D(2026, 3, 12), HALF_PM);
    ask("li", "maternity", D(2026, 5, 11), HALF_AM, D(2026, 5, 15), HALF_PM);
    id = ask("li", "sick", D(2026, 3, 16), HALF_AM, D(2026, 3, 16), HALF_PM);
    decide_ok("wang", id, false);
    c = as("li");
    CHECK_INT(leave_balances(&c, c.who.staff_id, 2026, b, &e), 0);
    CHECK_STR(b[1].name, "事假");
    CHECK_INT(b[1].used, 2);
    CHECK_INT(b[1].pending, 1);
    CHECK_INT(b[1].left, 20 - 3);
    CHECK_INT(b[2].used, 0);            /* rejected takes nothing */
    CHECK_INT(b[2].left, 60);
    CHECK_INT(b[4].quota, -1);
    CHECK_INT(b[4].pending, 10);
    CHECK_INT(leave_balances(&c, c.who.staff_id, 2025, b, &e), 0);
    CHECK_INT(b[1].used + b[1].pending, 0);
    /* a colleague's balance is not for a staff member; the director's */
    c = as("zhang");
    CHECK_INT(leave_balances(&c, id_of("li"), 2026, b, &e), -1);
    CHECK_INT(e.code, E_PERM);
    c = as("wang");
    CHECK_INT(leave_balances(&c, id_of("li"), 2026, b, &e), 0);
    c = as("liu");
    CHECK_INT(leave_balances(&c, id_of("li"), 2026, b, &e), -1);
}

/* --- lists, scope, who is out --------------------------------------- */

static void
test_lists_and_scope(void)
{
    struct ctx c;
    struct leave v[8], l;
    struct error e = { 0 };
    char key[11];
    int got = 0;
    int64_t mine[4];

    fresh();
    mine[0] = ask("li", "sick", D(2026, 3, 9), HALF_AM, D(2026, 3, 9),
                  HALF_PM);
    mine[1] = ask("li", "sick", D(2026, 3, 16), HALF_AM, D(2026, 3, 16),
                  HALF_PM);
    mine[2] = ask("li", "sick", D(2026, 3, 23), HALF_AM, D(2026, 3, 23),
                  HALF_PM);
    ask("zhang", "sick", D(2026, 3, 10), HALF_AM, D(2026, 3, 10), HALF_PM);
    ask("chen", "sick", D(2026, 3, 10), HALF_AM, D(2026, 3, 10), HALF_PM);
    ask("zhao", "sick", D(2026, 3, 10), HALF_AM, D(2026, 3, 10), HALF_PM);
    c = as("li");
    CHECK_INT(leave_page_count(&c, LEAVE_MINE), 3);
    /* a staff member sees only their own requests, by any list */
    CHECK_INT(leave_page_count(&c, LEAVE_SCOPE), 3);
    CHECK_INT(leave_page(&c, LEAVE_MINE, PAGE_FIRST, NULL, 0, 2, v, &got, &e),
              0);
    CHECK_INT(got, 2);
    CHECK_INT(v[0].id, mine[2]);        /* newest first */
    CHECK_INT(v[1].id, mine[1]);
    CHECK_INT(leave_page(&c, LEAVE_MINE, PAGE_AFTER, date_format(v[1].from, key),
                         v[1].id, 2, v, &got, &e), 0);
    CHECK_INT(got, 1);
    CHECK_INT(v[0].id, mine[0]);
    CHECK_INT(leave_page(&c, LEAVE_MINE, PAGE_BEFORE,
                         date_format(v[0].from, key), v[0].id, 2, v, &got,
                         &e), 0);
    CHECK_INT(got, 2);
    CHECK_INT(v[0].id, mine[2]);
    CHECK_INT(v[1].id, mine[1]);
    CHECK_INT(leave_page(&c, LEAVE_MINE, PAGE_LAST, NULL, 0, 2, v, &got, &e),
              0);
    CHECK_INT(got, 2);
    CHECK_INT(v[1].id, mine[0]);
    c = as("zhang");
    CHECK_INT(leave_get(&c, mine[0], &l, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    c = as("chen");
    CHECK_INT(leave_get(&c, mine[0], &l, &e), -1);
    c = as("wang");
    CHECK_INT(leave_page_count(&c, LEAVE_SCOPE), 4);
    CHECK_INT(leave_page_count(&c, LEAVE_WAITING), 4);
    CHECK_INT(leave_page(&c, LEAVE_WAITING, PAGE_FIRST, NULL, 0, 8, v, &got,
                         &e), 0);
    CHECK_INT(got, 4);
    CHECK_INT(v[0].id, mine[0]);        /* oldest first */
    CHECK_INT(leave_get(&c, mine[0], &l, &e), 0);
    CHECK_STR(l.staff_name, "li");
    CHECK_STR(l.reason, "家中有事");
    CHECK(leave_mine_to_decide(&c, &l));
    c = as("liu");
    CHECK_INT(leave_page_count(&c, LEAVE_SCOPE), 1);
    c = as("sun");
    CHECK_INT(leave_page_count(&c, LEAVE_SCOPE), 5);
    CHECK_INT(leave_page_count(&c, LEAVE_WAITING), 0);
    CHECK(!leave_mine_to_decide(&c, &l));
    c = as("wu");
    CHECK_INT(leave_page_count(&c, LEAVE_SCOPE), 1);
    CHECK_INT(leave_page_count(&c, LEAVE_WAITING), 1);
}

static void
test_who_is_out(void)
{
    struct ctx c;
    struct leave_span *v = NULL;
    struct error e = { 0 };
    size_t n = 0;
    int64_t id;

    fresh();
    set_today(2026, 3, 2);
    id = ask("li", "sick", D(2026, 2, 26), HALF_PM, D(2026, 3, 3), HALF_PM);
    decide_ok("wang", id, true);
    c = as("li");
    set_today(2026, 3, 5);
    CHECK_INT(leave_report_back(&c, id, 0, D(2026, 3, 5), HALF_AM, NULL, &e),
              0);
    ask("zhang", "sick", D(2026, 3, 20), HALF_AM, D(2026, 4, 2), HALF_AM);
    ask("chen", "annual", D(2026, 3, 20), HALF_AM, D(2026, 3, 20), HALF_PM);
    c = as("wang");
    CHECK_INT(leave_spans(&c, D(2026, 3, 1), D(2026, 3, 31), &v, &n, &e), 0);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_INT(v[0].kind, SPAN_TAKEN);
        CHECK_INT(v[0].from, D(2026, 2, 26));
        CHECK_INT(v[0].to, D(2026, 3, 3));
        CHECK_INT(v[1].kind, SPAN_LATE);       /* Wednesday, overstayed */
        CHECK_INT(v[1].from, D(2026, 3, 4));
        CHECK_INT(v[1].from_half, HALF_AM);
        CHECK_INT(v[1].to, D(2026, 3, 4));
        CHECK_INT(v[1].to_half, HALF_PM);
        CHECK_INT(v[2].kind, SPAN_PENDING);
        CHECK_STR(v[2].type, "sick");
    }
    free(v);
    c = as("sun");
    CHECK_INT(leave_spans(&c, D(2026, 3, 1), D(2026, 3, 31), &v, &n, &e), 0);
    CHECK_INT(n, 4);
    free(v);
    CHECK_INT(leave_spans(&c, D(2026, 5, 1), D(2026, 5, 31), &v, &n, &e), 0);
    CHECK_INT(n, 0);
    free(v);
}

/* --- the upgrade from schema 1 -------------------------------------- */

static void
test_upgrade_from_schema_1(void)
{
    struct error e = { 0 };
    struct db *d = db_open(":memory:", DB_CREATE, &e);
    sqlite3 *h = db_sqlite(d);
    size_t n;
    const struct migration *m = schema_migrations(&n);
    struct db *keep = db;
    char buf[64];

    CHECK(n >= 2);
    CHECK_INT(sqlite3_exec(h, m[0].sql, NULL, NULL, NULL), SQLITE_OK);
    CHECK_INT(sqlite3_exec(h,
        "PRAGMA user_version = 1;"
        "INSERT INTO districts VALUES ('east', '东城', 1);"
        "INSERT INTO committees VALUES ('c1', 'east', '幸福', 1);"
        "INSERT INTO staff (id, login, name, committee_id, district_id, role,"
        " password_hash, created_at, updated_at) VALUES"
        " (1, 'li', '李', 'c1', 'east', 'staff', 'x', 0, 0),"
        " (2, 'wang', '王', 'c1', 'east', 'director', 'x', 0, 0);"
        "INSERT INTO leave (id, committee_id, staff_id, type, from_date,"
        " to_date, halves, status, step, created_at, updated_at) VALUES"
        " (7, 'c1', 1, 'annual', '2026-03-10', '2026-03-10', 2, 'approved',"
        "  1, 0, 0),"
        " (9, 'c1', 2, 'annual', '2026-03-11', '2026-03-11', 2, 'returned',"
        "  1, 0, 0);"
        "INSERT INTO leave_steps (leave_id, committee_id, step, approver_id,"
        " decision, decided_at, created_at, updated_at) VALUES"
        " (7, 'c1', 1, 2, 'approved', 0, 0, 0);"
        "DELETE FROM leave WHERE id = 9;"       /* the sequence stays at 9 */
        "INSERT INTO leave (id, committee_id, staff_id, type, from_date,"
        " to_date, halves, status, step, created_at, updated_at) VALUES"
        " (8, 'c1', 2, 'annual', '2026-03-11', '2026-03-11', 2, 'returned',"
        "  1, 0, 0);", NULL, NULL, NULL), SQLITE_OK);
    CHECK_INT(db_migrate(d, &e), 0);
    CHECK_INT(db_schema_version(d), db_current_version());
    db = d;
    CHECK_INT(count("SELECT count(*) FROM leave"), 2);
    CHECK_STR(text("SELECT group_concat(id || status || route || "
                   "coalesce(used_halves, '-'), ' ') FROM leave", buf,
                   sizeof buf), "7approveddirector- 8returnedstreet2");
    CHECK_INT(count("SELECT seq FROM sqlite_sequence WHERE name = 'leave'"),
              9);
    CHECK_INT(count("SELECT count(*) FROM leave_steps WHERE leave_id = 7"), 1);
    CHECK_INT(count("SELECT count(*) FROM pragma_foreign_key_check"), 0);
    CHECK_INT(count("SELECT count(*) FROM sqlite_schema WHERE sql LIKE"
                    " '%leave_new%' OR name LIKE '%_new'"), 0);
    /* leave_steps still refers to leave */
    CHECK_INT(sqlite3_exec(h, "INSERT INTO leave_steps (leave_id,"
                              " committee_id, step, approver_id, decision,"
                              " decided_at, created_at, updated_at) VALUES"
                              " (99, 'c1', 1, 2, 'approved', 0, 0, 0)",
                           NULL, NULL, NULL), SQLITE_CONSTRAINT_FOREIGNKEY);
    CHECK_INT(sqlite3_exec(h, "UPDATE leave SET status = 'withdrawn'"
                              " WHERE id = 7", NULL, NULL, NULL),
              SQLITE_CONSTRAINT_TRIGGER);
    db = keep;
    db_close(d);
}

int
main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    build_calendar();
    fixture_geography(&cfg);
    cfg.leave_types = types;
    cfg.nleave_types = ARRAY_LEN(types);

    RUN(test_transition_table);
    RUN(test_trigger_agrees_with_table);
    RUN(test_no_other_path);
    RUN(test_count_weekends_holidays_swapped);
    RUN(test_count_half_days);
    RUN(test_two_halves_same_day);
    RUN(test_across_year_end);
    RUN(test_holiday_added_after_approval);
    RUN(test_refused_end_before_start);
    RUN(test_refused_zero_days);
    RUN(test_refused_overlap);
    RUN(test_refused_over_quota);
    RUN(test_refused_outside_calendar);
    RUN(test_refused_other);
    RUN(test_director_approves_staff);
    RUN(test_reject_needs_comment);
    RUN(test_director_goes_to_street);
    RUN(test_two_steps);
    RUN(test_approve_marked_together);
    RUN(test_stale_decision);
    RUN(test_withdraw);
    RUN(test_cancel_before_start);
    RUN(test_report_back_early_gives_days_back);
    RUN(test_report_back_late);
    RUN(test_balances);
    RUN(test_lists_and_scope);
    RUN(test_who_is_out);
    RUN(test_upgrade_from_schema_1);
    db_close(db);
    free(cfg.calendar.holidays);
    free(cfg.calendar.workdays);
    return CHECK_DONE();
}
