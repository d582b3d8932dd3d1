/* test_report.c — every figure of the monthly report on a small data set
 * built by hand, with the right answers worked out below; the scope rules;
 * the text (80 columns, sparklines, ASCII).
 *
 * The month is April 2026; "today" is 2026-05-10. The test calendar has
 * 2026-04-06 (Mon) as a holiday and Saturday 2026-04-11 as a swapped
 * working day, so April has 22 working days: 1-3, 7-11, 13-17, 20-24,
 * 27-30. May has 1-5 off and Saturday 9 worked.
 *
 * Committee c1 (district east):
 *   li (staff)      a "service" record of 1 hour on every working day but
 *                   2, 13 and 14; a "meeting" of 2.5 h on Saturday 4;
 *                   approved sick leave on 14 (a whole day); a pending and
 *                   a rejected leave (not counted).
 *   wang (director) "meeting" 1.5 h on 1, "meeting" without hours on 3,
 *                   "visit" 2 h on Saturday 11; annual leave from the
 *                   afternoon of 20 to the morning of 24 (8 halves = 4
 *                   days, covering 20-24); personal leave 27-30 reported
 *                   back on the morning of 29 (taken 27-28: 2 days).
 *   zhao (staff)    hired 2026-04-27, no records.
 *   old (staff)     disabled: never counted.
 * Committee c2 (east): chen, one "service" record of 1 h on 7, annual
 *   leave 2026-03-30..04-02 (2 days of it in April).
 * Committee c3 (district west): wu, one record (never in east's figures).
 */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/report.h"
#include "juwei/signoff.h"
#include "juwei/staff.h"
#include "juwei/text.h"

static struct db *db;
static struct ctx sys;
static struct config cfg;
static int64_t id_li, id_wang, id_zhao, id_chen, id_wu;

static struct cfg_district districts[] = {
    { (char *)"east", (char *)"东风街道" },
    { (char *)"west", (char *)"新华街道" },
};
static struct cfg_committee committees[] = {
    { (char *)"c1", (char *)"和平里社区居委会", (char *)"east", NULL, 0 },
    { (char *)"c2", (char *)"光明社区居委会", (char *)"east", NULL, 0 },
    { (char *)"c3", (char *)"建设路社区居委会", (char *)"west", NULL, 0 },
};
static struct cfg_item record_cats[] = {
    { (char *)"meeting", (char *)"会议" },
    { (char *)"visit", (char *)"入户走访" },
    { (char *)"service", (char *)"便民服务" },
};
static struct cfg_item insp_cats[] = {
    { (char *)"facility", (char *)"公共设施损坏" },
    { (char *)"sanitation", (char *)"环境卫生" },
    { (char *)"hazard", (char *)"安全隐患" },
};
static struct cfg_item purposes[] = {
    { (char *)"routine", (char *)"日常走访" },
    { (char *)"hardship", (char *)"困难帮扶" },
    { (char *)"elderly_care", (char *)"关爱老人" },
};
static struct cfg_item tags[] = {
    { (char *)"dibao", (char *)"低保户" },
    { (char *)"elderly_alone", (char *)"独居老人" },
    { (char *)"disabled", (char *)"残疾人" },
};
static struct cfg_item levels[] = {
    { (char *)"district", (char *)"区级" },
    { (char *)"street", (char *)"街道级" },
};
static struct cfg_leave_type leave_types[] = {
    { (char *)"personal", (char *)"事假", 10, 3 },
    { (char *)"sick", (char *)"病假", 30, 5 },
    { (char *)"annual", (char *)"年休假", 5, 5 },
};
static date_t holidays[7], workdays[2];

static int64_t
at(int y, int m, int d)
{
    return (int64_t)date_from_ymd(y, m, d) * 86400 + 12 * 3600;
}

static void
exec(const char *sql)
{
    fixture_exec(db, sql);
}

static void
execf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
execf(const char *fmt, ...)
{
    va_list ap;
    char *sql;

    va_start(ap, fmt);
    if (vasprintf(&sql, fmt, ap) < 0)
        exit(2);
    va_end(ap);
    exec(sql);
    free(sql);
}

static int64_t
add(const char *login, const char *committee, const char *district,
    enum role role)
{
    static const char *const names[][2] = {
        { "li", "李秀英" }, { "wang", "王建国" }, { "zhao", "赵敏" },
        { "old", "钱老" }, { "chen", "陈红" }, { "wu", "吴刚" },
        { "sun", "孙街道" }, { "zhou", "周街道" }, { "root", "管理员" },
    };
    const char *name = login;

    for (size_t i = 0; i < ARRAY_LEN(names); i++) {
        if (strcmp(names[i][0], login) == 0)
            name = names[i][1];
    }
    return fixture_add(db, &cfg, login, name, committee, district, role);
}

static struct ctx
as(const char *login)
{
    return fixture_as(db, &cfg, login);
}

static void
record(int64_t staff, const char *committee, const char *date,
       const char *cat, double hours)
{
    if (isnan(hours))
        execf("INSERT INTO records (committee_id, staff_id, date, category,"
              " title, created_at, updated_at) VALUES ('%s', %lld, '%s',"
              " '%s', '工作', 0, 0)", committee, (long long)staff, date, cat);
    else
        execf("INSERT INTO records (committee_id, staff_id, date, category,"
              " title, hours, created_at, updated_at) VALUES ('%s', %lld,"
              " '%s', '%s', '工作', %g, 0, 0)", committee, (long long)staff,
              date, cat, hours);
}

static void
leave(int64_t staff, const char *committee, const char *type,
      const char *from, int fh, const char *to, int th, const char *status,
      const char *ret, int rh)
{
    execf("INSERT INTO leave (committee_id, staff_id, type, from_date,"
          " from_half, to_date, to_half, halves, status, returned_date,"
          " returned_half, created_at, updated_at) VALUES ('%s', %lld, '%s',"
          " '%s', %d, '%s', %d, 0, '%s', %s%s%s, %s, 0, 0)", committee,
          (long long)staff, type, from, fh, to, th, status,
          ret ? "'" : "", ret ? ret : "NULL", ret ? "'" : "",
          ret ? (rh ? "1" : "0") : "NULL");
}

static void
inspection(const char *committee, const char *date, const char *cat,
           const char *due, const char *status, const char *resolved)
{
    execf("INSERT INTO inspections (committee_id, date, place, category,"
          " found, status, due_date, resolved_date, created_by, created_at,"
          " updated_at) VALUES ('%s', '%s', '3号楼', '%s', '垃圾堆放', '%s',"
          " %s%s%s, %s%s%s, %lld, 0, 0)", committee, date, cat, status,
          due ? "'" : "", due ? due : "NULL", due ? "'" : "",
          resolved ? "'" : "", resolved ? resolved : "NULL",
          resolved ? "'" : "", (long long)id_li);
}

static void
build_data(void)
{
    char day[11];

    util_set_now(at(2026, 1, 1));
    id_li = add("li", "c1", NULL, ROLE_STAFF);
    id_wang = add("wang", "c1", NULL, ROLE_DIRECTOR);
    id_zhao = add("zhao", "c1", NULL, ROLE_STAFF);
    add("old", "c1", NULL, ROLE_STAFF);
    id_chen = add("chen", "c2", NULL, ROLE_STAFF);
    id_wu = add("wu", "c3", NULL, ROLE_STAFF);
    add("sun", NULL, "east", ROLE_STREET);
    add("zhou", NULL, "west", ROLE_STREET);
    add("root", NULL, NULL, ROLE_ADMIN);
    exec("UPDATE staff SET active = 0 WHERE login = 'old';"
         "UPDATE staff SET hire_date = '2026-04-27' WHERE login = 'zhao';");

    exec("BEGIN");
    /* li: every working day but 2, 13, 14. */
    for (date_t d = date_from_ymd(2026, 4, 1); d <= date_from_ymd(2026, 4, 30);
         d++) {
        int y, m, dd;

        date_to_ymd(d, &y, &m, &dd);
        if (calendar_is_workday(&cfg.calendar, d) && dd != 2 && dd != 13 &&
            dd != 14)
            record(id_li, "c1", date_format(d, day), "service", 1);
    }
    record(id_li, "c1", "2026-04-04", "meeting", 2.5);
    record(id_li, "c1", "2026-03-31", "meeting", 1);     /* March */
    record(id_li, "c1", "2026-05-01", "meeting", 1);     /* May */
    record(id_wang, "c1", "2026-04-01", "meeting", 1.5);
    record(id_wang, "c1", "2026-04-03", "meeting", NAN);
    record(id_wang, "c1", "2026-04-11", "visit", 2);
    record(id_chen, "c2", "2026-04-07", "service", 1);
    record(id_wu, "c3", "2026-04-07", "service", 8);

    leave(id_li, "c1", "sick", "2026-04-14", 0, "2026-04-14", 1, "approved",
          NULL, 0);
    leave(id_li, "c1", "annual", "2026-04-16", 0, "2026-04-16", 1, "pending",
          NULL, 0);
    leave(id_li, "c1", "annual", "2026-04-17", 0, "2026-04-17", 1,
          "rejected", NULL, 0);
    leave(id_wang, "c1", "annual", "2026-04-20", 1, "2026-04-24", 0,
          "approved", NULL, 0);
    leave(id_wang, "c1", "personal", "2026-04-27", 0, "2026-04-30", 1,
          "returned", "2026-04-29", 0);
    leave(id_chen, "c2", "annual", "2026-03-30", 0, "2026-04-02", 1,
          "approved", NULL, 0);

    /* Inspections of c1; days to resolve in brackets. */
    inspection("c1", "2026-03-25", "sanitation", "2026-04-05", "resolved",
               "2026-04-03");                                   /* [9] */
    inspection("c1", "2026-04-02", "sanitation", "2026-04-10", "resolved",
               "2026-04-05");                                   /* [3] */
    inspection("c1", "2026-04-08", "sanitation", "2026-04-15", "open", NULL);
    inspection("c1", "2026-04-10", "facility", "2026-05-05", "in_progress",
               NULL);
    inspection("c1", "2026-04-12", "facility", "2026-04-20", "resolved",
               "2026-05-02");           /* resolved after April: overdue */
    inspection("c1", "2026-04-15", "sanitation", NULL, "resolved",
               "2026-04-16");                                   /* [1] */
    inspection("c1", "2026-04-20", "hazard", "2026-04-25", "escalated", NULL);
    inspection("c1", "2026-03-01", "hazard", "2026-03-15", "open", NULL);
    inspection("c1", "2026-04-01", "facility", "2026-04-10", "resolved",
               "2026-04-03");                                   /* [2] */
    inspection("c2", "2026-04-05", "sanitation", "2026-04-06", "open", NULL);

    /* Residents of c1: 1 dibao + elderly_alone, 2 elderly_alone, 3 dibao,
     * 4 no tag, 5 dibao but moved away; 6 of c2. */
    exec("INSERT INTO residents (id, committee_id, name, active, created_at,"
         " updated_at) VALUES (1, 'c1', '张大妈', 1, 0, 0),"
         " (2, 'c1', '李大爷', 1, 0, 0), (3, 'c1', '王小', 1, 0, 0),"
         " (4, 'c1', '赵四', 1, 0, 0), (5, 'c1', '钱五', 0, 0, 0),"
         " (6, 'c2', '孙六', 1, 0, 0);"
         "INSERT INTO resident_tags (resident_id, committee_id, tag,"
         " created_at, updated_at) VALUES (1, 'c1', 'dibao', 0, 0),"
         " (1, 'c1', 'elderly_alone', 0, 0), (2, 'c1', 'elderly_alone', 0, 0),"
         " (3, 'c1', 'dibao', 0, 0), (5, 'c1', 'dibao', 0, 0),"
         " (6, 'c2', 'dibao', 0, 0);");
    execf("INSERT INTO visits (committee_id, date, staff_id, resident_id,"
          " purpose, created_at, updated_at) VALUES"
          " ('c1', '2026-04-03', %lld, 1, 'routine', 0, 0),"
          " ('c1', '2026-04-03', %lld, 1, 'hardship', 0, 0),"
          " ('c1', '2026-04-10', %lld, 2, 'elderly_care', 0, 0),"
          " ('c1', '2026-04-17', %lld, 4, 'routine', 0, 0),"
          " ('c1', '2026-04-17', %lld, 1, 'routine', 0, 0),"
          " ('c1', '2026-03-31', %lld, 3, 'routine', 0, 0),"
          " ('c2', '2026-04-08', %lld, 6, 'routine', 0, 0)",
          (long long)id_li, (long long)id_li, (long long)id_wang,
          (long long)id_li, (long long)id_li, (long long)id_li,
          (long long)id_chen);

    /* Training: 1 street level 3 h (li, wang 1.5 h, chen); 2 district
     * level 2 h held by c1 (li); 3 in March. */
    exec("INSERT INTO training (id, district_id, committee_id, date, level,"
         " title, hours, created_at, updated_at) VALUES"
         " (1, 'east', NULL, '2026-04-15', 'street', '消防培训', 3, 0, 0),"
         " (2, 'east', 'c1', '2026-04-22', 'district', '政策学习', 2, 0, 0),"
         " (3, 'east', NULL, '2026-03-10', 'street', '三月培训', 4, 0, 0)");
    execf("INSERT INTO training_attendees (training_id, staff_id,"
          " committee_id, hours, created_at, updated_at) VALUES"
          " (1, %lld, 'c1', NULL, 0, 0), (1, %lld, 'c1', 1.5, 0, 0),"
          " (1, %lld, 'c2', NULL, 0, 0), (2, %lld, 'c1', NULL, 0, 0),"
          " (3, %lld, 'c1', NULL, 0, 0)",
          (long long)id_li, (long long)id_wang, (long long)id_chen,
          (long long)id_li, (long long)id_li);
    exec("COMMIT");
    util_set_now(at(2026, 5, 10));
}

static void
setup(void)
{
    cfg.districts = districts;
    cfg.ndistricts = ARRAY_LEN(districts);
    cfg.committees = committees;
    cfg.ncommittees = ARRAY_LEN(committees);
    cfg.record_categories = (struct cfg_list){ record_cats, 3 };
    cfg.inspection_categories = (struct cfg_list){ insp_cats, 3 };
    cfg.visit_purposes = (struct cfg_list){ purposes, 3 };
    cfg.resident_tags = (struct cfg_list){ tags, 3 };
    cfg.training_levels = (struct cfg_list){ levels, 2 };
    cfg.leave_types = leave_types;
    cfg.nleave_types = ARRAY_LEN(leave_types);
    holidays[0] = date_from_ymd(2026, 4, 6);
    for (int i = 1; i <= 5; i++)
        holidays[i] = date_from_ymd(2026, 5, i);
    workdays[0] = date_from_ymd(2026, 4, 11);
    workdays[1] = date_from_ymd(2026, 5, 9);
    cfg.calendar = (struct calendar){ 2026, 2026, holidays, 6, workdays, 2 };
    db = fixture_db(&cfg);
    sys = fixture_system(db, &cfg);
    build_data();
}

/* The row's figure, or -1 when the row is missing. */
static double
fig(const struct report *r, enum report_section s, const char *id, int v)
{
    const struct report_row *row = report_row(r, s, id);

    return row != NULL ? row->v[v] : -1;
}

static struct report *
monthly(struct ctx *c, const char *month, const char *committee,
        const char *district)
{
    struct report *r = NULL;
    struct error e = { 0 };

    if (report_monthly(c, month, committee, district, &r, &e) < 0)
        printf("  report: %s\n", e.msg);
    return r;
}

static void
test_header(void)
{
    struct ctx wang = as("wang");
    struct report *r = monthly(&wang, "2026-04", NULL, NULL);

    if (r == NULL) {
        CHECK(!"report");
        return;
    }
    CHECK_STR(r->month, "2026-04");
    CHECK_INT(r->ndays, 30);
    CHECK_INT(r->workdays, 22);
    CHECK_INT(r->asof, date_from_ymd(2026, 4, 30));
    CHECK(r->calendar_covered);
    CHECK_INT(r->scope.kind, RSCOPE_COMMITTEE);
    CHECK_STR(r->scope.id, "c1");
    CHECK_STR(r->scope.name, "和平里社区居委会");
    CHECK_STR(r->scope.district_name, "东风街道");
    report_free(r);
}

static void
test_records(void)
{
    struct ctx wang = as("wang");
    struct report *r = monthly(&wang, "2026-04", NULL, NULL);
    const struct report_table *t;

    if (r == NULL) {
        CHECK(!"report");
        return;
    }
    t = &r->tables[REPORT_RECORDS];
    /* meeting: li 4th 2.5 h, wang 1st 1.5 h and 3rd no hours. */
    CHECK_INT(fig(r, REPORT_RECORDS, "meeting", 0), 3);
    CHECK(fig(r, REPORT_RECORDS, "meeting", 1) == 4.0);
    CHECK_INT(fig(r, REPORT_RECORDS, "visit", 0), 1);
    CHECK(fig(r, REPORT_RECORDS, "visit", 1) == 2.0);
    /* service: li on 22 - 3 working days. */
    CHECK_INT(fig(r, REPORT_RECORDS, "service", 0), 19);
    CHECK(fig(r, REPORT_RECORDS, "service", 1) == 19.0);
    CHECK_INT(fig(r, REPORT_RECORDS, "", 0), 23);
    CHECK(fig(r, REPORT_RECORDS, "", 1) == 25.0);
    /* In the INI's order, named from it, the total last. */
    CHECK_INT(t->nrows, 4);
    if (t->nrows == 4) {
        CHECK_STR(t->rows[0].label, "会议");
        CHECK_STR(t->rows[1].label, "入户走访");
        CHECK_STR(t->rows[2].label, "便民服务");
        CHECK(t->rows[3].total);
    }
    /* Day by day: 1st li + wang, 2nd nobody, 4th li's Saturday meeting,
     * 11th (a swapped working Saturday) li + wang, 13th nobody. */
    CHECK_INT(r->trend[TREND_RECORDS][0], 2);
    CHECK_INT(r->trend[TREND_RECORDS][1], 0);
    CHECK_INT(r->trend[TREND_RECORDS][3], 1);
    CHECK_INT(r->trend[TREND_RECORDS][4], 0);
    CHECK_INT(r->trend[TREND_RECORDS][10], 2);
    CHECK_INT(r->trend[TREND_RECORDS][12], 0);
    CHECK_INT(r->trend[TREND_RECORDS][29], 1);
    report_free(r);
}

static void
test_missing(void)
{
    struct ctx wang = as("wang");
    struct report *r = monthly(&wang, "2026-04", NULL, NULL);
    char id[24];
    const struct report_row *row;

    if (r == NULL) {
        CHECK(!"report");
        return;
    }
    /* li: 22 working days less the sick day; no record on 2 and 13. */
    snprintf(id, sizeof id, "%lld", (long long)id_li);
    row = report_row(r, REPORT_MISSING, id);
    CHECK(row != NULL);
    if (row != NULL) {
        CHECK_STR(row->label, "李秀英");
        CHECK_STR(row->text[0], "和平里社区居委会");
        CHECK_INT(row->v[0], 2);
        CHECK_INT(row->v[1], 21);
        CHECK_STR(row->text[1], "2,13");
    }
    /* wang: leave covers 20-24 and 27-28 (back on the morning of 29), so
     * 15 days count; records on 1, 3 and 11. */
    snprintf(id, sizeof id, "%lld", (long long)id_wang);
    row = report_row(r, REPORT_MISSING, id);
    CHECK(row != NULL);
    if (row != NULL) {
        CHECK_INT(row->v[0], 12);
        CHECK_INT(row->v[1], 15);
        CHECK_STR(row->text[1], "2,7,8,9,10,13,14,15,16,17,29,30");
    }
    /* zhao from the hire date on. */
    snprintf(id, sizeof id, "%lld", (long long)id_zhao);
    row = report_row(r, REPORT_MISSING, id);
    CHECK(row != NULL);
    if (row != NULL) {
        CHECK_INT(row->v[0], 4);
        CHECK_INT(row->v[1], 4);
        CHECK_STR(row->text[1], "27,28,29,30");
    }
    /* Nobody else of c1: the disabled account is not listed. */
    CHECK_INT(r->tables[REPORT_MISSING].nrows, 3);
    report_free(r);
}

static void
test_missing_this_month(void)
{
    struct ctx wang = as("wang");
    struct report *r = monthly(&wang, "2026-05", NULL, NULL);
    char id[24];
    const struct report_row *row;

    if (r == NULL) {
        CHECK(!"report");
        return;
    }
    /* Today is the 10th: 1-5 are off, 6-8 and Saturday 9 count, today
     * does not. li wrote only on the 1st, a holiday. */
    CHECK_INT(r->asof, date_from_ymd(2026, 5, 10));
    snprintf(id, sizeof id, "%lld", (long long)id_li);
    row = report_row(r, REPORT_MISSING, id);
    CHECK(row != NULL);
    if (row != NULL) {
        CHECK_INT(row->v[0], 4);
        CHECK_INT(row->v[1], 4);
        CHECK_STR(row->text[1], "6,7,8,9");
    }
    CHECK_INT(fig(r, REPORT_RECORDS, "meeting", 0), 1);
    report_free(r);
}

static void
test_inspections(void)
{
    struct ctx wang = as("wang");
    struct report *r = monthly(&wang, "2026-04", NULL, NULL);

    if (r == NULL) {
        CHECK(!"report");
        return;
    }
    /* sanitation: opened 2nd, 8th, 15th; resolved in April after 9, 3, 1
     * days (median 3); the one of the 8th overdue since the 15th. */
    CHECK_INT(fig(r, REPORT_INSPECTIONS, "sanitation", 0), 3);
    CHECK_INT(fig(r, REPORT_INSPECTIONS, "sanitation", 1), 3);
    CHECK_INT(fig(r, REPORT_INSPECTIONS, "sanitation", 2), 1);
    CHECK(fig(r, REPORT_INSPECTIONS, "sanitation", 3) == 3.0);
    /* facility: opened 1st, 10th, 12th; the 1st's resolved in 2 days; the
     * 12th's was due the 20th and resolved only in May: overdue. */
    CHECK_INT(fig(r, REPORT_INSPECTIONS, "facility", 0), 3);
    CHECK_INT(fig(r, REPORT_INSPECTIONS, "facility", 1), 1);
    CHECK_INT(fig(r, REPORT_INSPECTIONS, "facility", 2), 1);
    CHECK(fig(r, REPORT_INSPECTIONS, "facility", 3) == 2.0);
    /* hazard: opened 20th (escalated, overdue since the 25th); March's
     * still open: overdue too. Nothing resolved: no median. */
    CHECK_INT(fig(r, REPORT_INSPECTIONS, "hazard", 0), 1);
    CHECK_INT(fig(r, REPORT_INSPECTIONS, "hazard", 1), 0);
    CHECK_INT(fig(r, REPORT_INSPECTIONS, "hazard", 2), 2);
    CHECK(isnan(fig(r, REPORT_INSPECTIONS, "hazard", 3)));
    /* Total: 7 opened, 4 resolved (1, 2, 3, 9 days: median 2.5), 4
     * overdue. */
    CHECK_INT(fig(r, REPORT_INSPECTIONS, "", 0), 7);
    CHECK_INT(fig(r, REPORT_INSPECTIONS, "", 1), 4);
    CHECK_INT(fig(r, REPORT_INSPECTIONS, "", 2), 4);
    CHECK(fig(r, REPORT_INSPECTIONS, "", 3) == 2.5);
    CHECK_INT(r->trend[TREND_OPENED][0], 1);
    CHECK_INT(r->trend[TREND_OPENED][1], 1);
    CHECK_INT(r->trend[TREND_OPENED][2], 0);
    CHECK_INT(r->trend[TREND_RESOLVED][2], 2);    /* the 3rd: two */
    CHECK_INT(r->trend[TREND_RESOLVED][4], 1);
    CHECK_INT(r->trend[TREND_RESOLVED][15], 1);
    report_free(r);
}

static void
test_visits(void)
{
    struct ctx wang = as("wang");
    struct report *r = monthly(&wang, "2026-04", NULL, NULL);

    if (r == NULL) {
        CHECK(!"report");
        return;
    }
    /* routine: 3rd (resident 1), 17th (4 and 1): 3 visits, 2 people. */
    CHECK_INT(fig(r, REPORT_VISITS, "routine", 0), 3);
    CHECK_INT(fig(r, REPORT_VISITS, "routine", 1), 2);
    CHECK_INT(fig(r, REPORT_VISITS, "hardship", 0), 1);
    CHECK_INT(fig(r, REPORT_VISITS, "hardship", 1), 1);
    CHECK_INT(fig(r, REPORT_VISITS, "elderly_care", 0), 1);
    /* 5 visits to 3 different residents (1, 2, 4); March's not counted. */
    CHECK_INT(fig(r, REPORT_VISITS, "", 0), 5);
    CHECK_INT(fig(r, REPORT_VISITS, "", 1), 3);
    /* 低保户: 1 visited of 1 and 3 (5 moved away); 独居老人: 1 and 2 of
     * both; 残疾人: nobody has the tag, so no row. */
    CHECK_INT(fig(r, REPORT_TAGS, "dibao", 0), 1);
    CHECK_INT(fig(r, REPORT_TAGS, "dibao", 1), 2);
    CHECK_INT(fig(r, REPORT_TAGS, "elderly_alone", 0), 2);
    CHECK_INT(fig(r, REPORT_TAGS, "elderly_alone", 1), 2);
    CHECK(report_row(r, REPORT_TAGS, "disabled") == NULL);
    CHECK_INT(fig(r, REPORT_TAGS, "", 0), 3);
    CHECK_INT(fig(r, REPORT_TAGS, "", 1), 4);
    CHECK_STR(report_row(r, REPORT_TAGS, "dibao")->label, "低保户");
    CHECK_INT(r->trend[TREND_VISITS][2], 2);
    CHECK_INT(r->trend[TREND_VISITS][9], 1);
    CHECK_INT(r->trend[TREND_VISITS][16], 2);
    CHECK_INT(r->trend[TREND_VISITS][29], 0);
    report_free(r);
}

static void
test_leave(void)
{
    struct ctx wang = as("wang");
    struct report *r = monthly(&wang, "2026-04", NULL, NULL);
    const struct report_table *t;

    if (r == NULL) {
        CHECK(!"report");
        return;
    }
    /* personal: wang 27-28 (reported back on the 29th) = 2 days;
     * sick: li the 14th = 1; annual: wang 20 pm - 24 am = 4; the pending
     * and the rejected do not count. */
    CHECK_INT(fig(r, REPORT_LEAVE, "personal", 0), 1);
    CHECK(fig(r, REPORT_LEAVE, "personal", 2) == 2.0);
    CHECK_INT(fig(r, REPORT_LEAVE, "sick", 0), 1);
    CHECK(fig(r, REPORT_LEAVE, "sick", 2) == 1.0);
    CHECK_INT(fig(r, REPORT_LEAVE, "annual", 0), 1);
    CHECK_INT(fig(r, REPORT_LEAVE, "annual", 1), 1);
    CHECK(fig(r, REPORT_LEAVE, "annual", 2) == 4.0);
    CHECK_INT(fig(r, REPORT_LEAVE, "", 0), 3);
    CHECK_INT(fig(r, REPORT_LEAVE, "", 1), 2);      /* li and wang */
    CHECK(fig(r, REPORT_LEAVE, "", 2) == 7.0);
    t = &r->tables[REPORT_LEAVE];
    if (t->nrows == 4) {
        CHECK_STR(t->rows[0].label, "事假");
        CHECK_STR(t->rows[1].label, "病假");
        CHECK_STR(t->rows[2].label, "年休假");
    }
    report_free(r);
}

static void
test_training(void)
{
    struct ctx wang = as("wang");
    struct report *r = monthly(&wang, "2026-04", NULL, NULL);

    if (r == NULL) {
        CHECK(!"report");
        return;
    }
    /* c1: street level li 3 h (the session's) + wang 1.5 h; district
     * level li 2 h; March's not counted; chen is c2. */
    CHECK_INT(fig(r, REPORT_TRAINING, "street", 0), 1);
    CHECK_INT(fig(r, REPORT_TRAINING, "street", 1), 2);
    CHECK(fig(r, REPORT_TRAINING, "street", 2) == 4.5);
    CHECK_INT(fig(r, REPORT_TRAINING, "district", 0), 1);
    CHECK_INT(fig(r, REPORT_TRAINING, "district", 1), 1);
    CHECK(fig(r, REPORT_TRAINING, "district", 2) == 2.0);
    CHECK_INT(fig(r, REPORT_TRAINING, "", 0), 2);
    CHECK_INT(fig(r, REPORT_TRAINING, "", 1), 3);
    CHECK(fig(r, REPORT_TRAINING, "", 2) == 6.5);
    report_free(r);
}

static void
test_district(void)
{
    struct ctx sun = as("sun");
    struct report *r = monthly(&sun, "2026-04", NULL, NULL);
    char id[24];
    const struct report_row *row;

    if (r == NULL) {
        CHECK(!"report");
        return;
    }
    CHECK_INT(r->scope.kind, RSCOPE_DISTRICT);
    CHECK_STR(r->scope.id, "east");
    /* c1's figures plus c2's, never c3's (west). */
    CHECK_INT(fig(r, REPORT_RECORDS, "service", 0), 20);
    CHECK_INT(fig(r, REPORT_RECORDS, "", 0), 24);
    CHECK(fig(r, REPORT_RECORDS, "", 1) == 26.0);
    CHECK_INT(fig(r, REPORT_INSPECTIONS, "sanitation", 0), 4);
    CHECK_INT(fig(r, REPORT_INSPECTIONS, "", 2), 5);
    CHECK_INT(fig(r, REPORT_VISITS, "", 0), 6);
    CHECK_INT(fig(r, REPORT_VISITS, "", 1), 4);
    CHECK_INT(fig(r, REPORT_TAGS, "dibao", 0), 2);
    CHECK_INT(fig(r, REPORT_TAGS, "dibao", 1), 3);
    CHECK_INT(fig(r, REPORT_TAGS, "", 1), 5);
    /* chen's annual leave from 30 March: 1 and 2 April only. */
    CHECK_INT(fig(r, REPORT_LEAVE, "annual", 0), 2);
    CHECK_INT(fig(r, REPORT_LEAVE, "annual", 1), 2);
    CHECK(fig(r, REPORT_LEAVE, "annual", 2) == 6.0);
    CHECK_INT(fig(r, REPORT_LEAVE, "", 1), 3);
    CHECK(fig(r, REPORT_LEAVE, "", 2) == 9.0);
    CHECK_INT(fig(r, REPORT_TRAINING, "street", 1), 3);
    CHECK(fig(r, REPORT_TRAINING, "street", 2) == 7.5);
    CHECK(fig(r, REPORT_TRAINING, "", 2) == 9.5);
    /* chen: 22 working days less 1 and 2 April; a record on the 7th. */
    snprintf(id, sizeof id, "%lld", (long long)id_chen);
    row = report_row(r, REPORT_MISSING, id);
    CHECK(row != NULL);
    if (row != NULL) {
        CHECK_STR(row->text[0], "光明社区居委会");
        CHECK_INT(row->v[0], 19);
        CHECK_INT(row->v[1], 20);
    }
    snprintf(id, sizeof id, "%lld", (long long)id_wu);
    CHECK(report_row(r, REPORT_MISSING, id) == NULL);
    /* Both committees' sign-off states. */
    CHECK_INT(r->tables[REPORT_SIGNOFF].nrows, 2);
    CHECK(report_row(r, REPORT_SIGNOFF, "c3") == NULL);
    report_free(r);

    /* The street office may narrow to one of its committees. */
    r = monthly(&sun, "2026-04", "c2", NULL);
    CHECK(r != NULL);
    if (r != NULL) {
        CHECK_INT(fig(r, REPORT_RECORDS, "", 0), 1);
        report_free(r);
    }
}

static void
test_signoff_section(void)
{
    struct ctx sun = as("sun");
    struct error e = { 0 };
    struct report *r;
    const struct report_row *row;

    CHECK_INT(signoff_sign(&sun, "c1", "2026-04", &e), 0);
    r = monthly(&sun, "2026-04", NULL, NULL);
    if (r == NULL) {
        CHECK(!"report");
        return;
    }
    row = report_row(r, REPORT_SIGNOFF, "c1");
    CHECK(row != NULL);
    if (row != NULL) {
        CHECK_STR(row->label, "和平里社区居委会");
        CHECK_STR(row->text[0], "signed off");
        CHECK_STR(row->text[1], "孙街道");
        CHECK_STR(row->text[2], "2026-05-10");
    }
    row = report_row(r, REPORT_SIGNOFF, "c2");
    CHECK(row != NULL && strcmp(row->text[0], "not signed off") == 0);
    report_free(r);
}

static void
test_scope(void)
{
    struct ctx wang = as("wang"), sun = as("sun"), li = as("li");
    struct report_scope s;
    struct error e = { 0 };
    struct report *r = NULL;
    char before[64];

    snprintf(before, sizeof before, "%d", sqlite3_total_changes(db_sqlite(db)));
    /* A director: the committee, never another or the district. */
    CHECK_INT(report_monthly(&wang, "2026-04", "c2", NULL, &r, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.msg, "a committee account sees only its own committee");
    CHECK(r == NULL);
    CHECK_INT(report_monthly(&wang, "2026-04", NULL, "east", &r, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(report_scope_resolve(&li, NULL, NULL, &s, &e), 0);
    CHECK_STR(s.id, "c1");
    /* The street office: its district and its committees only. */
    CHECK_INT(report_monthly(&sun, "2026-04", "c3", NULL, &r, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.msg, "this account sees only the committees of its own "
                     "district");
    CHECK_INT(report_monthly(&sun, "2026-04", NULL, "west", &r, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.msg, "this account sees only its own district");
    /* An administrator: anything, all by default. */
    CHECK_INT(report_scope_resolve(&sys, NULL, NULL, &s, &e), 0);
    CHECK_INT(s.kind, RSCOPE_ALL);
    r = monthly(&sys, "2026-04", NULL, NULL);
    if (r != NULL) {
        CHECK_INT(fig(r, REPORT_RECORDS, "service", 0), 21);   /* + wu */
        report_free(r);
    }
    r = NULL;
    CHECK_INT(report_monthly(&sys, "2026-04", "c1", "east", &r, &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.msg, "give a committee or a district, not both");
    CHECK_INT(report_monthly(&sys, "2026-04", "zz", NULL, &r, &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.msg, "unknown committee \"zz\"");
    CHECK_INT(report_monthly(&sys, "2026-04", NULL, "zz", &r, &e), -1);
    CHECK_STR(e.msg, "unknown district \"zz\"");
    /* Months. */
    CHECK_INT(report_monthly(&sys, "2026-06", NULL, NULL, &r, &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.field, "month");
    CHECK_STR(e.msg, "2026-06 has not begun yet");
    CHECK_INT(report_monthly(&sys, "2026-13", NULL, NULL, &r, &e), -1);
    CHECK_STR(e.msg, "\"2026-13\" is not a month; write it as YYYY-MM");
    CHECK_INT(report_monthly(&sys, "2026-4", NULL, NULL, &r, &e), -1);
    CHECK_STR(e.msg, "\"2026-4\" is not a month; write it as YYYY-MM");
    CHECK(r == NULL);
    /* Reading never writes. */
    char after[64];
    snprintf(after, sizeof after, "%d", sqlite3_total_changes(db_sqlite(db)));
    CHECK_STR(after, before);
}

static void
test_month_parse(void)
{
    date_t a, b;

    CHECK(report_month_parse("2024-02", &a, &b));
    CHECK_INT(a, date_from_ymd(2024, 2, 1));
    CHECK_INT(b, date_from_ymd(2024, 2, 29));
    CHECK(report_month_parse("2026-12", &a, &b));
    CHECK_INT(b, date_from_ymd(2026, 12, 31));
    CHECK(!report_month_parse("2026-00", &a, &b));
    CHECK(!report_month_parse("2026-12-01", &a, &b));
    CHECK(!report_month_parse("26-12", &a, &b));
    CHECK(!report_month_parse(NULL, &a, &b));
}

static void
test_sparkline(void)
{
    static const long v[] = { 0, 1, 2, 4, 8 };
    static const long zero[] = { 0, 0, 0 };
    char *s = report_sparkline(v, 5, false);

    CHECK_STR(s, " \u2581\u2582\u2584\u2588");
    free(s);
    s = report_sparkline(v, 5, true);
    CHECK_STR(s, " .:=@");
    free(s);
    s = report_sparkline(zero, 3, false);
    CHECK_STR(s, "   ");
    free(s);
}

static void
test_number(void)
{
    char buf[32];

    CHECK_STR(report_number(3, buf), "3");
    CHECK_STR(report_number(2.5, buf), "2.5");
    CHECK_STR(report_number(0.25, buf), "0.25");
    CHECK_STR(report_number(NAN, buf), "-");
    CHECK_STR(report_number(1e6, buf), "1000000");
}

/* The line holding `needle`, or NULL. */
static const char *
line_with(char **lines, size_t n, const char *needle)
{
    for (size_t i = 0; i < n; i++) {
        if (strstr(lines[i], needle) != NULL)
            return lines[i];
    }
    return NULL;
}

static void
test_text(void)
{
    struct ctx sun = as("sun");
    struct report *r = monthly(&sun, "2026-04", NULL, NULL);
    char **lines;
    size_t n;
    bool blocks = false;

    if (r == NULL) {
        CHECK(!"report");
        return;
    }
    lines = report_text(r, 80, false, &n);
    CHECK(n > 30);
    for (size_t i = 0; i < n; i++) {
        CHECK(text_width(lines[i]) <= 80);
        blocks = blocks || strstr(lines[i], "\u2588") != NULL;
    }
    CHECK(blocks);
    CHECK_STR(lines[0], "Monthly report 2026-04 · 东风街道");
    CHECK_CONTAINS(line_with(lines, n, "22 working days"),
                   "figures as of 2026-04-30");
    /* The same numbers as the tables: the total rows. */
    CHECK_STR(line_with(lines, n, "便民服务   "), "  便民服务       20     20");
    CHECK_STR(line_with(lines, n, "Total          24"), "  Total          24     26");
    CHECK_CONTAINS(line_with(lines, n, "Work records   "), "max 2, total 24");
    /* The widest text column gives way: the list of dates is cut. */
    CHECK_STR(line_with(lines, n, "王建国"),
              "  王建国  和平里社区居委会            12            15  "
              "2,7,8,9,10,13,14,15,16,\u2026");
    report_lines_free(lines, n);

    /* ASCII: no block or box characters at all; narrower widths cut the
     * text columns, never the numbers. */
    lines = report_text(r, 60, true, &n);
    for (size_t i = 0; i < n; i++) {
        CHECK(text_width(lines[i]) <= 60);
        for (const char *p = lines[i]; *p != '\0'; p++)
            blocks = blocks && (*p & 0x80) == 0;
        CHECK(strstr(lines[i], "\u2588") == NULL);
        CHECK(strstr(lines[i], "\u2502") == NULL);
    }
    CHECK_CONTAINS(line_with(lines, n, "Work records   "), "|");
    CHECK(line_with(lines, n, "  Total") != NULL);
    report_lines_free(lines, n);
    report_free(r);
}

int
main(void)
{
    setlocale(LC_ALL, "C.UTF-8");   /* wcwidth() of Chinese */
    setup();
    RUN(test_header);
    RUN(test_records);
    RUN(test_missing);
    RUN(test_missing_this_month);
    RUN(test_inspections);
    RUN(test_visits);
    RUN(test_leave);
    RUN(test_training);
    RUN(test_district);
    RUN(test_scope);
    RUN(test_signoff_section);
    RUN(test_month_parse);
    RUN(test_sparkline);
    RUN(test_number);
    RUN(test_text);
    db_close(db);
    return CHECK_DONE();
}
