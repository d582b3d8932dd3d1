/* test_visits.c — visits and follow-ups: recording with every rule and
 * each kind of bad input refused with nothing written, editing, marking a
 * follow-up done, the lists (by date range, staff, purpose; a resident's
 * visits; follow-ups due; tagged residents not visited for N days) with
 * keyset paging both ways, committee scoping of every read and write, and
 * that the lists walk indexes (no table scan, no sort) whoever reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "juwei/config.h"
#include "juwei/date.h"
#include "juwei/db.h"
#include "juwei/residents.h"
#include "juwei/visits.h"

static struct db *db;
static struct config cfg;

static struct cfg_district districts[] = {
    { (char *)"dongfeng", (char *)"东风街道办事处" },
    { (char *)"xinhua", (char *)"新华街道办事处" },
};
static struct cfg_committee committees[] = {
    { (char *)"hepingli", (char *)"和平里社区居委会", (char *)"dongfeng",
      NULL, 0 },
    { (char *)"guangming", (char *)"光明社区居委会", (char *)"dongfeng",
      NULL, 0 },
    { (char *)"xinhuali", (char *)"新华里社区居委会", (char *)"xinhua",
      NULL, 0 },
};
static struct cfg_item tags[] = {
    { (char *)"dibao", (char *)"低保户" },
    { (char *)"elderly_alone", (char *)"独居老人" },
};
static struct cfg_item purposes[] = {
    { (char *)"routine", (char *)"日常走访" },
    { (char *)"hardship", (char *)"困难帮扶" },
    { (char *)"policy", (char *)"政策宣传" },
};

/* 1 li (staff, hepingli), 2 liu (director, hepingli), 3 chen (staff,
 * guangming), 4 sun (street, dongfeng), 5 wu (street, xinhua), 6 root,
 * 7 zhao (staff, hepingli), 8 old (staff, hepingli, disabled). */
static const char sql_people[] =
    "INSERT INTO staff (id, login, name, committee_id, district_id, role,"
    " active, password_hash, created_at, updated_at) VALUES"
    " (1, 'li', '李明', 'hepingli', 'dongfeng', 'staff', 1, 'x', 0, 0),"
    " (2, 'liu', '刘主任', 'hepingli', 'dongfeng', 'director', 1, 'x', 0, 0),"
    " (3, 'chen', '陈刚', 'guangming', 'dongfeng', 'staff', 1, 'x', 0, 0),"
    " (4, 'sun', '孙街道', NULL, 'dongfeng', 'street', 1, 'x', 0, 0),"
    " (5, 'wu', '吴街道', NULL, 'xinhua', 'street', 1, 'x', 0, 0),"
    " (6, 'root', '管理员', NULL, NULL, 'admin', 1, 'x', 0, 0),"
    " (7, 'zhao', '赵丽', 'hepingli', 'dongfeng', 'staff', 1, 'x', 0, 0),"
    " (8, 'old', '老王', 'hepingli', 'dongfeng', 'staff', 0, 'x', 0, 0);";

static struct ctx
as(int64_t id)
{
    return fixture_as_id(db, &cfg, id);
}

static int
count(const char *sql)
{
    return (int)fixture_count(db, sql);
}

static void
setup(void)
{
    util_set_now(1700000000);       /* 2023-11-14 (a Tuesday) */
    cfg.districts = districts;
    cfg.ndistricts = ARRAY_LEN(districts);
    cfg.committees = committees;
    cfg.ncommittees = ARRAY_LEN(committees);
    cfg.resident_tags.items = tags;
    cfg.resident_tags.n = ARRAY_LEN(tags);
    cfg.visit_purposes.items = purposes;
    cfg.visit_purposes.n = ARRAY_LEN(purposes);
    db = fixture_db(&cfg);
    fixture_exec(db, sql_people);
}

static void
reset(void)
{
    fixture_exec(db,
                 "DELETE FROM visits; DELETE FROM resident_tags;"
                 "DELETE FROM residents;"
                 "INSERT INTO residents_fts(residents_fts) VALUES ('rebuild');"
                 "DELETE FROM residents_fts_pending");
}

static int64_t
resident(int64_t who, const char *name, const char *tag)
{
    struct ctx c = as(who);
    const char *t[] = { tag };
    struct resident_input in = { .name = name, .room = name, .tags = t,
                                 .ntags = tag != NULL ? 1 : 0 };
    struct error e = { 0 };
    int64_t id = 0;

    if (residents_add(&c, &in, false, &id, &e) < 0)
        printf("  resident %s: %s\n", name, e.msg);
    return id;
}

static int64_t
visit(int64_t who, int64_t res, const char *date, const char *purpose,
      const char *followup)
{
    struct ctx c = as(who);
    struct visit_input in = { .date = date, .resident_id = res,
                              .purpose = purpose,
                              .followup_needed = followup != NULL,
                              .followup_date = followup };
    struct error e = { 0 };
    int64_t id = 0;

    if (visits_add(&c, &in, &id, &e) < 0) {
        printf("  visit %s: %s\n", date, e.msg);
        CHECK(!"visit");
    }
    return id;
}

static void
test_record_a_visit(void)
{
    struct ctx li = as(1);
    int64_t zhang, id = 0;
    struct visit_input in = { .date = "2023-11-13", .purpose = "hardship",
                              .discussed = "低保复核材料\n下周送来",
                              .outcome = "已登记", .followup_needed = true,
                              .followup_date = "2023-11-20" };
    struct visit v;
    struct resident r;
    struct error e = { 0 };

    reset();
    zhang = resident(1, "张三丰", "dibao");
    in.resident_id = zhang;
    CHECK_INT(visits_add(&li, &in, &id, &e), 0);
    CHECK(id > 0);
    CHECK_INT(visits_get(&li, id, &v, &e), 0);
    CHECK_STR(v.committee, "hepingli");     /* the resident's */
    CHECK_STR(v.date, "2023-11-13");
    CHECK_INT(v.staff_id, 1);                /* me, by default */
    CHECK_STR(v.staff_name, "李明");
    CHECK_INT(v.resident_id, zhang);
    CHECK_STR(v.resident_name, "张三丰");
    CHECK_STR(v.resident_address, "张三丰");
    CHECK_STR(v.purpose, "hardship");
    CHECK_STR(v.discussed, "低保复核材料\n下周送来");
    CHECK_STR(v.outcome, "已登记");
    CHECK(v.followup_needed);
    CHECK_STR(v.followup_date, "2023-11-20");
    CHECK(!v.followup_done);
    CHECK_INT(v.version, 1);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE tbl = 'visits' AND"
                    " action = 'insert' AND actor_login = 'li'"), 1);
    /* the resident now shows when they were last visited */
    CHECK_INT(residents_get(&li, zhang, &r, &e), 0);
    CHECK_STR(r.last_visit, "2023-11-13");
    /* a colleague may be named as the visitor by the director */
    {
        struct ctx liu = as(2);

        in.staff_id = 7;
        in.date = "2023-11-14";
        CHECK_INT(visits_add(&liu, &in, &id, &e), 0);
        CHECK_INT(visits_get(&liu, id, &v, &e), 0);
        CHECK_STR(v.staff_name, "赵丽");
        CHECK_INT(residents_get(&li, zhang, &r, &e), 0);
        CHECK_STR(r.last_visit, "2023-11-14");
    }
}

/* Bad input: the exact message on its field, and nothing written. */
static void
refused(int64_t who, struct visit_input *in, int code, const char *field,
        const char *msg)
{
    struct ctx c = as(who);
    struct error e = { 0 };
    int64_t id = 9;
    int visits = count("SELECT count(*) FROM visits");
    int audits = count("SELECT count(*) FROM audit");

    CHECK_INT(visits_add(&c, in, &id, &e), -1);
    CHECK_INT(e.code, code);
    CHECK_STR(e.field, field);
    CHECK_STR(e.msg, msg);
    CHECK_INT(id, 0);
    CHECK_INT(count("SELECT count(*) FROM visits"), visits);
    CHECK_INT(count("SELECT count(*) FROM audit"), audits);
}

static struct visit_input
good(int64_t res)
{
    struct visit_input in = { .date = "2023-11-10", .resident_id = res,
                              .purpose = "routine" };

    return in;
}

static void
test_bad_future_date(void)
{
    struct visit_input in;

    reset();
    in = good(resident(1, "张三", NULL));
    in.date = "2023-11-15";
    refused(1, &in, E_INVAL, "date", "the visit date is in the future");
}

static void
test_bad_date(void)
{
    struct visit_input in;

    reset();
    in = good(resident(1, "张三", NULL));
    in.date = "2023-02-30";
    refused(1, &in, E_INVAL, "date", "Date is not a valid date; write it as "
            "YYYY-MM-DD");
    in.date = "";
    refused(1, &in, E_INVAL, "date", "Date is required");
}

static void
test_bad_purpose(void)
{
    struct visit_input in;

    reset();
    in = good(resident(1, "张三", NULL));
    in.purpose = "gossip";
    refused(1, &in, E_INVAL, "purpose", "unknown purpose \"gossip\"");
    in.purpose = NULL;
    refused(1, &in, E_INVAL, "purpose", "Purpose is required");
}

static void
test_bad_followup_without_date(void)
{
    struct visit_input in;

    reset();
    in = good(resident(1, "张三", NULL));
    in.followup_needed = true;
    refused(1, &in, E_INVAL, "followup_date", "a follow-up needs a date");
}

static void
test_bad_followup_before_visit(void)
{
    struct visit_input in;

    reset();
    in = good(resident(1, "张三", NULL));
    in.followup_needed = true;
    in.followup_date = "2023-11-09";
    refused(1, &in, E_INVAL, "followup_date",
            "the follow-up date is before the visit");
}

static void
test_bad_followup_date_not_needed(void)
{
    struct visit_input in;

    reset();
    in = good(resident(1, "张三", NULL));
    in.followup_date = "2023-11-20";
    refused(1, &in, E_INVAL, "followup_date",
            "no follow-up is needed; leave its date empty");
}

static void
test_bad_resident(void)
{
    struct visit_input in;
    int64_t other;

    reset();
    in = good(0);
    refused(1, &in, E_INVAL, "resident_id",
            "choose the resident who was visited");
    /* another committee's resident is unknown to this account */
    other = resident(3, "陈红", NULL);
    in.resident_id = other;
    refused(1, &in, E_NOTFOUND, "resident_id", "no such resident");
    in.resident_id = 99999;
    refused(1, &in, E_NOTFOUND, "resident_id", "no such resident");
}

static void
test_bad_moved_away_resident(void)
{
    struct ctx li = as(1);
    struct visit_input in;
    struct error e = { 0 };

    reset();
    in = good(resident(1, "张三", NULL));
    CHECK_INT(residents_set_active(&li, in.resident_id, 1, false, &e), 0);
    refused(1, &in, E_INVAL, "resident_id", "this resident has moved away");
}

static void
test_bad_staff(void)
{
    struct visit_input in;

    reset();
    in = good(resident(1, "张三", NULL));
    in.staff_id = 3;            /* 陈刚 works for guangming */
    refused(2, &in, E_INVAL, "staff_id", "陈刚 does not work for this "
            "committee");
    in.staff_id = 8;
    refused(2, &in, E_INVAL, "staff_id", "老王's account is disabled");
    in.staff_id = 999;
    refused(2, &in, E_INVAL, "staff_id", "choose who made the visit");
    /* an administrator works for no committee: the visitor must be named */
    in.staff_id = 0;
    refused(6, &in, E_INVAL, "staff_id", "管理员 does not work for this "
            "committee");
    /* staff record their own visits only */
    in.staff_id = 7;
    refused(1, &in, E_PERM, "staff_id", "you may only change your own "
            "records");
}

static void
test_bad_long_text(void)
{
    struct visit_input in;
    char *big = xmalloc(3 * (VISIT_TEXT_MAX + 1) + 1);

    big[0] = '\0';
    for (int i = 0; i <= VISIT_TEXT_MAX; i++)
        strcat(big, "谈");
    reset();
    in = good(resident(1, "张三", NULL));
    in.outcome = big;
    refused(1, &in, E_INVAL, "outcome", "Outcome is too long: 501 "
            "characters, at most 500");
    in.outcome = "\xD5\xC5";
    refused(1, &in, E_INVAL, "outcome", "Outcome is not valid UTF-8 text");
    free(big);
}

static void
test_street_office_visits(void)
{
    struct visit_input in;
    struct ctx sun = as(4), wu = as(5);
    struct error e = { 0 };
    int64_t id = 0;

    reset();
    in = good(resident(1, "张三", NULL));
    /* the street office visits a resident of its district itself */
    CHECK_INT(visits_add(&sun, &in, &id, &e), 0);
    CHECK_INT(count("SELECT count(*) FROM visits WHERE staff_id = 4 AND"
                    " committee_id = 'hepingli'"), 1);
    /* another district's street office cannot even see the resident */
    refused(5, &in, E_NOTFOUND, "resident_id", "no such resident");
    (void)wu;
}

static void
test_edit_and_followup_done(void)
{
    struct ctx li = as(1), zhao = as(7), liu = as(2), chen = as(3);
    struct visit_input in;
    struct visit v;
    struct error e = { 0 };
    int64_t id;

    reset();
    in = good(resident(1, "张三", NULL));
    id = visit(1, in.resident_id, "2023-11-10", "routine", "2023-11-12");
    /* done */
    CHECK_INT(visits_followup_done(&zhao, id, 1, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(visits_followup_done(&chen, id, 1, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    CHECK_INT(visits_followup_done(&li, id, 1, &e), 0);
    CHECK_INT(visits_followup_done(&li, id, 2, &e), -1);
    CHECK_STR(e.msg, "this follow-up is already done");
    CHECK_INT(count("SELECT count(*) FROM audit WHERE tbl = 'visits' AND"
                    " action = 'followup_done'"), 1);
    /* an edit keeps the follow-up done while it is still needed */
    in.followup_needed = true;
    in.followup_date = "2023-11-13";
    in.outcome = "已解决";
    CHECK_INT(visits_update(&li, id, 2, &in, &e), 0);
    CHECK_INT(visits_get(&li, id, &v, &e), 0);
    CHECK(v.followup_done);
    CHECK_STR(v.followup_date, "2023-11-13");
    CHECK_STR(v.outcome, "已解决");
    CHECK_INT(visits_update(&li, id, 2, &in, &e), -1);
    CHECK_INT(e.code, E_STALE);
    /* no longer needed: not done either */
    in.followup_needed = false;
    in.followup_date = NULL;
    CHECK_INT(visits_update(&liu, id, 3, &in, &e), 0);
    CHECK_INT(visits_get(&li, id, &v, &e), 0);
    CHECK(!v.followup_needed);
    CHECK(!v.followup_done);
    CHECK_INT(v.staff_id, 1);       /* the director's edit kept the visitor */
    CHECK_INT(visits_followup_done(&li, id, 4, &e), -1);
    CHECK_STR(e.msg, "this visit needs no follow-up");
    /* a colleague's visit is not mine to edit; the director's it is */
    CHECK_INT(visits_update(&zhao, id, 4, &in, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(visits_delete(&zhao, id, 4, &e), -1);
    CHECK_INT(visits_delete(&chen, id, 4, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    CHECK_INT(visits_delete(&li, id, 4, &e), 0);
    CHECK_INT(count("SELECT count(*) FROM visits"), 0);
}

/* --- lists ------------------------------------------------------------- */

static int
collect(struct ctx *c, const struct visit_filter *f, bool backwards,
        int step, int64_t *ids, int max)
{
    struct visit *v = xcalloc((size_t)step, sizeof *v);
    struct error e = { 0 };
    int got = 0, total = 0;
    char key[16] = "";
    int64_t at = 0;
    bool first = true;

    for (;;) {
        enum page_dir dir = first ? (backwards ? PAGE_LAST : PAGE_FIRST)
                                  : (backwards ? PAGE_BEFORE : PAGE_AFTER);

        if (visits_page(c, f, dir, key, at, step, v, &got, &e) < 0) {
            printf("  page: %s\n", e.msg);
            break;
        }
        if (got == 0)
            break;
        for (int i = 0; i < got && total < max; i++)
            ids[total++] = v[backwards ? got - 1 - i : i].id;
        snprintf(key, sizeof key, "%s", v[backwards ? 0 : got - 1].date);
        at = v[backwards ? 0 : got - 1].id;
        first = false;
    }
    free(v);
    return total;
}

static void
test_lists(void)
{
    struct ctx li = as(1), liu = as(2);
    int64_t a, b, ids[64], back[64], v1, v2, v3, v4, v5;
    struct visit_filter all = { 0 }, f;
    int n, m;

    reset();
    a = resident(1, "张三", NULL);
    b = resident(1, "李四", NULL);
    v1 = visit(1, a, "2023-10-01", "routine", NULL);
    v2 = visit(7, a, "2023-10-05", "hardship", NULL);
    v3 = visit(1, b, "2023-10-05", "policy", NULL);
    v4 = visit(1, b, "2023-11-01", "routine", NULL);
    v5 = visit(7, a, "2023-09-30", "routine", NULL);
    /* newest first; a day's visits by id, newest first */
    n = collect(&liu, &all, false, 2, ids, 64);
    CHECK_INT(n, 5);
    if (n == 5) {
        CHECK_INT(ids[0], v4);
        CHECK_INT(ids[1], v3);
        CHECK_INT(ids[2], v2);
        CHECK_INT(ids[3], v1);
        CHECK_INT(ids[4], v5);
    }
    m = collect(&liu, &all, true, 2, back, 64);
    CHECK_INT(m, 5);
    for (int i = 0; i < n && i < m; i++)
        CHECK_INT(ids[i], back[n - 1 - i]);
    CHECK_INT(visits_page_count(&liu, &all), 5);
    /* a date range, both ends included */
    f = (struct visit_filter){ .from = "2023-10-01", .to = "2023-10-05" };
    CHECK_INT(collect(&liu, &f, false, 2, ids, 64), 3);
    CHECK_INT(collect(&liu, &f, true, 1, ids, 64), 3);
    CHECK_INT(visits_page_count(&liu, &f), 3);
    f.from = "2023-10-02";
    CHECK_INT(visits_page_count(&liu, &f), 2);
    /* by staff, by purpose */
    f = (struct visit_filter){ .staff_id = 7 };
    CHECK_INT(visits_page_count(&liu, &f), 2);
    f = (struct visit_filter){ .purpose = "routine" };
    CHECK_INT(collect(&li, &f, false, 1, ids, 64), 3);
    f = (struct visit_filter){ .purpose = "routine", .staff_id = 1,
                               .to = "2023-10-31" };
    CHECK_INT(collect(&li, &f, false, 5, ids, 64), 1);
    CHECK_INT(ids[0], v1);
    /* one resident's visits, newest first */
    f = (struct visit_filter){ .resident_id = a };
    n = collect(&li, &f, false, 10, ids, 64);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_INT(ids[0], v2);
        CHECK_INT(ids[1], v1);
        CHECK_INT(ids[2], v5);
    }
    CHECK_INT(visits_page_count(&li, &f), 3);
    /* re-reading from a row shown */
    {
        struct visit v[3];
        struct error e = { 0 };
        int got = 0;

        CHECK_INT(visits_page(&li, &all, PAGE_FROM, "2023-10-05", v3, 3, v,
                              &got, &e), 0);
        CHECK_INT(got, 3);
        CHECK_INT(v[0].id, v3);
        CHECK_INT(v[1].id, v2);
        CHECK_INT(v[2].id, v1);
    }
}

static int
collect_followups(struct ctx *c, const struct followup_filter *f,
                  bool backwards, int step, int64_t *ids, int max)
{
    struct visit *v = xcalloc((size_t)step, sizeof *v);
    struct error e = { 0 };
    int got = 0, total = 0;
    char key[16] = "";
    int64_t at = 0;
    bool first = true;

    for (;;) {
        enum page_dir dir = first ? (backwards ? PAGE_LAST : PAGE_FIRST)
                                  : (backwards ? PAGE_BEFORE : PAGE_AFTER);

        if (visits_followups_page(c, f, dir, key, at, step, v, &got, &e) < 0)
            break;
        if (got == 0)
            break;
        for (int i = 0; i < got && total < max; i++)
            ids[total++] = v[backwards ? got - 1 - i : i].id;
        snprintf(key, sizeof key, "%s",
                 v[backwards ? 0 : got - 1].followup_date);
        at = v[backwards ? 0 : got - 1].id;
        first = false;
    }
    free(v);
    return total;
}

static void
test_followups_due(void)
{
    struct ctx li = as(1), zhao = as(7), liu = as(2), chen = as(3);
    struct followup_filter due = { .until = "2023-11-14" }, any = { 0 };
    struct followup_filter mine = { .until = "2023-11-14", .staff_id = 1 };
    struct error e = { 0 };
    int64_t a, f1, f2, f3, f4, ids[16], back[16];
    int n;

    reset();
    a = resident(1, "张三", NULL);
    f1 = visit(1, a, "2023-11-01", "routine", "2023-11-14");  /* due today */
    f2 = visit(1, a, "2023-11-01", "routine", "2023-11-05");  /* overdue */
    f3 = visit(7, a, "2023-11-02", "routine", "2023-11-10");  /* zhao's */
    f4 = visit(1, a, "2023-11-03", "routine", "2023-11-15");  /* tomorrow */
    visit(1, a, "2023-11-04", "routine", NULL);
    /* most overdue first, up to today */
    n = collect_followups(&liu, &due, false, 2, ids, 16);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_INT(ids[0], f2);
        CHECK_INT(ids[1], f3);
        CHECK_INT(ids[2], f1);
    }
    CHECK_INT(collect_followups(&liu, &due, true, 2, back, 16), 3);
    CHECK_INT(back[0], f1);
    CHECK_INT(visits_followups_count(&liu, &due), 3);
    CHECK_INT(visits_followups_count(&liu, &any), 4);
    CHECK_INT(collect_followups(&liu, &any, false, 3, ids, 16), 4);
    CHECK_INT(ids[3], f4);
    /* mine, and the home screen's count */
    CHECK_INT(visits_followups_count(&li, &mine), 2);
    CHECK_INT(visits_followups_due(&li), 2);
    CHECK_INT(visits_followups_due(&zhao), 1);
    CHECK_INT(visits_followups_due(&chen), 0);
    /* done ones are off the list */
    CHECK_INT(visits_followup_done(&li, f2, 1, &e), 0);
    CHECK_INT(visits_followups_due(&li), 1);
    CHECK_INT(visits_followups_count(&liu, &due), 2);
    /* the system actor has no follow-ups of its own */
    {
        struct ctx sys = as(0);

        CHECK_INT(visits_followups_due(&sys), 0);
    }
}

static void
test_not_visited_for_days(void)
{
    struct ctx liu = as(2), sun = as(4);
    struct resident_neglect_filter f = { .tag = "dibao", .days = 90 };
    struct resident r[8];
    struct error e = { 0 };
    int64_t never, long_ago, edge, recent, moved;
    int got = 0;

    reset();
    never = resident(1, "从未", "dibao");
    long_ago = resident(1, "很久", "dibao");
    edge = resident(1, "正好", "dibao");
    recent = resident(1, "最近", "dibao");
    moved = resident(1, "搬走", "dibao");
    resident(1, "别的", "elderly_alone");
    resident(3, "光明", "dibao");
    visit(1, long_ago, "2023-01-02", "routine", NULL);
    visit(1, long_ago, "2023-03-02", "routine", NULL);
    /* today − 90 days = 2023-08-16: visited that day counts as 90 days */
    visit(1, edge, "2023-08-16", "routine", NULL);
    visit(1, recent, "2023-08-17", "routine", NULL);
    visit(1, moved, "2023-01-01", "routine", NULL);
    {
        struct ctx li = as(1);

        residents_set_active(&li, moved, 1, false, &e);
    }
    CHECK_INT(residents_neglected_page(&liu, &f, PAGE_FIRST, NULL, 0, 8, r,
                                       &got, &e), 0);
    CHECK_INT(got, 3);
    if (got == 3) {
        CHECK_INT(r[0].id, never);
        CHECK_STR(r[0].last_visit, "");
        CHECK_INT(r[1].id, long_ago);
        CHECK_STR(r[1].last_visit, "2023-03-02");
        CHECK_INT(r[2].id, edge);
    }
    CHECK_INT(residents_neglected_count(&liu, &f), 3);
    /* paged one by one, both ways */
    CHECK_INT(residents_neglected_page(&liu, &f, PAGE_AFTER, "", never, 1, r,
                                       &got, &e), 0);
    CHECK_INT(r[0].id, long_ago);
    CHECK_INT(residents_neglected_page(&liu, &f, PAGE_AFTER, "2023-03-02",
                                       long_ago, 1, r, &got, &e), 0);
    CHECK_INT(r[0].id, edge);
    CHECK_INT(residents_neglected_page(&liu, &f, PAGE_LAST, NULL, 0, 2, r,
                                       &got, &e), 0);
    CHECK_INT(got, 2);
    CHECK_INT(r[0].id, long_ago);
    CHECK_INT(r[1].id, edge);
    CHECK_INT(residents_neglected_page(&liu, &f, PAGE_BEFORE, "2023-03-02",
                                       long_ago, 5, r, &got, &e), 0);
    CHECK_INT(got, 1);
    CHECK_INT(r[0].id, never);
    f.days = 89;                    /* 最近 was visited 89 days ago */
    CHECK_INT(residents_neglected_count(&liu, &f), 4);
    f.days = 91;
    CHECK_INT(residents_neglected_count(&liu, &f), 2);
    /* the street office sees the district's */
    f.days = 90;
    CHECK_INT(residents_neglected_count(&sun, &f), 4);
    f.committee = "guangming";
    CHECK_INT(residents_neglected_count(&sun, &f), 1);
    f.days = 0;
    CHECK_INT(residents_neglected_page(&liu, &f, PAGE_FIRST, NULL, 0, 8, r,
                                       &got, &e), -1);
    CHECK_STR(e.msg, "the days must be from 1 to 3650");
    (void)recent;
}

/* --- scope ------------------------------------------------------------- */

static void
test_scope(void)
{
    struct ctx li = as(1), chen = as(3), sun = as(4), wu = as(5),
               root = as(6);
    struct visit_filter all = { 0 }, here = { .committee = "hepingli" };
    struct followup_filter fu = { 0 };
    struct resident_neglect_filter ng = { .tag = "dibao", .days = 10 };
    struct visit v;
    struct visit_input in;
    struct error e = { 0 };
    int64_t a, id, ids[8];

    reset();
    a = resident(1, "张三", "dibao");
    id = visit(1, a, "2023-11-01", "routine", "2023-11-02");
    /* reads: a guangming account sees nothing of hepingli */
    CHECK_INT(visits_get(&chen, id, &v, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    CHECK_INT(visits_page_count(&chen, &all), 0);
    CHECK_INT(visits_page_count(&chen, &here), 0);
    CHECK_INT(collect(&chen, &here, false, 4, ids, 8), 0);
    {
        struct visit_filter theirs = { .resident_id = a };

        CHECK_INT(visits_page_count(&chen, &theirs), 0);
        CHECK_INT(collect(&chen, &theirs, true, 4, ids, 8), 0);
        CHECK_INT(visits_page_count(&li, &theirs), 1);
    }
    CHECK_INT(visits_followups_count(&chen, &fu), 0);
    CHECK_INT(collect_followups(&chen, &fu, false, 4, ids, 8), 0);
    fu.committee = "hepingli";
    CHECK_INT(visits_followups_count(&chen, &fu), 0);
    fu.committee = NULL;
    fu.staff_id = 1;
    CHECK_INT(visits_followups_count(&chen, &fu), 0);
    CHECK_INT(visits_followups_count(&li, &fu), 1);
    fu.staff_id = 0;
    CHECK_INT(residents_neglected_count(&chen, &ng), 0);
    ng.committee = "hepingli";
    CHECK_INT(residents_neglected_count(&chen, &ng), 0);
    CHECK_INT(residents_neglected_count(&wu, &ng), 0);
    CHECK_INT(residents_neglected_count(&sun, &ng), 1);
    ng.committee = NULL;
    /* the street office of the district sees it, the other one does not */
    CHECK_INT(visits_get(&sun, id, &v, &e), 0);
    CHECK_INT(visits_page_count(&sun, &all), 1);
    CHECK_INT(visits_followups_count(&sun, &fu), 1);
    CHECK_INT(visits_get(&wu, id, &v, &e), -1);
    CHECK_INT(visits_page_count(&wu, &all), 0);
    CHECK_INT(visits_page_count(&wu, &here), 0);
    CHECK_INT(visits_followups_count(&wu, &fu), 0);
    CHECK_INT(visits_page_count(&root, &all), 1);
    /* writes */
    in = good(a);
    CHECK_INT(visits_update(&chen, id, 1, &in, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    CHECK_INT(visits_followup_done(&wu, id, 1, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    CHECK_INT(visits_delete(&wu, id, 1, &e), -1);
    CHECK_INT(visits_add(&chen, &in, NULL, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    CHECK_INT(count("SELECT count(*) FROM visits"), 1);
    CHECK_INT(visits_followup_done(&sun, id, 1, &e), 0);
}

/* --- the lists walk indexes -------------------------------------------- */

/* After paging as every kind of account, no statement of the visit lists
 * has scanned a table or sorted: each page costs a few index steps,
 * however many visits there are. */
static void
test_lists_use_indexes(void)
{
    static const char *const committees_of[] = { "hepingli", "guangming" };
    int64_t res[2][5];
    sqlite3_stmt *st = NULL;
    int checked = 0;

    reset();
    for (int c = 0; c < 2; c++) {
        for (int i = 0; i < 5; i++) {
            char name[16];

            snprintf(name, sizeof name, "%s%d", c ? "陈" : "张", i);
            res[c][i] = resident(c ? 3 : 1, name, "dibao");
        }
    }
    fixture_exec(db, "BEGIN");
    for (int i = 0; i < 3000; i++) {
        char sql[512];
        int c = i % 2;
        date_t day = date_from_ymd(2023, 1, 1) + i % 300;
        char d[11];

        snprintf(sql, sizeof sql,
                 "INSERT INTO visits (committee_id, date, staff_id,"
                 " resident_id, purpose, followup_needed, followup_date,"
                 " created_at, updated_at) VALUES ('%s', '%s', %d, %lld,"
                 " 'routine', %d, %s, 0, 0)", committees_of[c],
                 date_format(day, d), c ? 3 : 1, (long long)res[c][i % 5],
                 i % 7 == 0, i % 7 == 0 ? "'2023-12-01'" : "NULL");
        fixture_exec(db, sql);
    }
    fixture_exec(db, "COMMIT; ANALYZE");
    for (int64_t who = 1; who <= 6; who++) {
        struct ctx c = as(who);
        struct visit_filter all = { 0 }, range = { .from = "2023-03-01",
                                                   .to = "2023-05-01" };
        struct visit_filter one = { .committee = "hepingli" };
        struct visit_filter theirs = { .resident_id = res[0][1] };
        struct followup_filter fu = { 0 }, mine = { .staff_id = 1 };
        int64_t ids[64];

        collect(&c, &all, false, 50, ids, 64);
        collect(&c, &all, true, 50, ids, 64);
        collect(&c, &range, false, 50, ids, 64);
        collect(&c, &one, false, 50, ids, 64);
        collect(&c, &theirs, false, 50, ids, 64);
        collect_followups(&c, &fu, false, 50, ids, 64);
        collect_followups(&c, &mine, true, 50, ids, 64);
        visits_page_count(&c, &range);
        visits_followups_count(&c, &fu);
    }
    while ((st = sqlite3_next_stmt(db_sqlite(db), st)) != NULL) {
        const char *sql = sqlite3_sql(st);

        if (strstr(sql, "FROM visits v JOIN") == NULL &&
            strncmp(sql, "SELECT count(*) FROM visits v", 29) != 0)
            continue;
        checked++;
        if (sqlite3_stmt_status(st, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0) != 0 ||
            sqlite3_stmt_status(st, SQLITE_STMTSTATUS_SORT, 0) != 0) {
            printf("  scans or sorts: %s\n", sql);
            CHECK(!"indexed");
        }
    }
    CHECK(checked >= 12);
}

int
main(void)
{
    setup();
    RUN(test_record_a_visit);
    RUN(test_bad_future_date);
    RUN(test_bad_date);
    RUN(test_bad_purpose);
    RUN(test_bad_followup_without_date);
    RUN(test_bad_followup_before_visit);
    RUN(test_bad_followup_date_not_needed);
    RUN(test_bad_resident);
    RUN(test_bad_moved_away_resident);
    RUN(test_bad_staff);
    RUN(test_bad_long_text);
    RUN(test_street_office_visits);
    RUN(test_edit_and_followup_done);
    RUN(test_lists);
    RUN(test_followups_due);
    RUN(test_not_visited_for_days);
    RUN(test_scope);
    RUN(test_lists_use_indexes);
    db_close(db);
    return CHECK_DONE();
}
