/* test_inspections.c — inspections: the transition table for every from ×
 * to × actor, moves with their follow-up rows, every bad input refused
 * with its message and nothing written, who may change what, stale saves,
 * scoping of every read and write, the home screen counts, Chinese search
 * equal to a LIKE scan. Lists and their query plans are
 * test_inspections_pages.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "inspections_fixture.h"
#include "juwei/config.h"
#include "juwei/date.h"
#include "juwei/db.h"
#include "juwei/inspections.h"

/* --- the transition table --------------------------------------------- */

static void
test_transition_table_exhaustive(void)
{
    /* Who may make each move, written out here independently of the
     * code's table: A assignee, D director, S street office; "-" is no
     * move at all. Staff who are not the assignee and admins never may. */
    static const char *const allowed[INSP_NSTATUS][INSP_NSTATUS] = {
        /*                  open   in_progress  resolved  escalated */
        [INSP_OPEN]        = { "-",   "ADS",      "-",      "AD" },
        [INSP_IN_PROGRESS] = { "-",   "-",        "ADS",    "AD" },
        [INSP_RESOLVED]    = { "ADS", "-",        "-",      "-" },
        [INSP_ESCALATED]   = { "-",   "S",        "S",      "-" },
    };
    static const char letter[ACTOR_N] = {
        [ACTOR_ASSIGNEE] = 'A', [ACTOR_DIRECTOR] = 'D', [ACTOR_STREET] = 'S',
        [ACTOR_STAFF] = 's', [ACTOR_ADMIN] = 'x',
    };
    int combos = 0;

    for (int from = 0; from < INSP_NSTATUS; from++) {
        for (int to = 0; to < INSP_NSTATUS; to++) {
            for (int who = 0; who < ACTOR_N; who++) {
                struct error e = { 0 };
                const char *a = allowed[from][to];
                int want = strcmp(a, "-") == 0 ? E_INVAL
                         : strchr(a, letter[who]) != NULL ? E_OK : E_PERM;
                int rc = inspections_may_move((enum insp_status)from,
                                              (enum insp_status)to,
                                              (enum insp_actor)who, &e);

                if ((want == E_OK) != (rc == 0) ||
                    (rc < 0 && e.code != want))
                    printf("  %s -> %s by %c: rc %d code %d, want %d\n",
                           inspections_status_name(from),
                           inspections_status_name(to), letter[who], rc,
                           e.code, want);
                CHECK_INT(rc, want == E_OK ? 0 : -1);
                if (rc < 0) {
                    CHECK_INT(e.code, want);
                    CHECK_STR(e.field, "status");
                }
                CHECK_INT(inspections_move_label(from, to) != NULL,
                          strcmp(a, "-") != 0);
                combos++;
            }
        }
    }
    CHECK_INT(combos, 80);
}

static void
test_transition_messages(void)
{
    struct error e = { 0 };

    inspections_may_move(INSP_OPEN, INSP_IN_PROGRESS, ACTOR_STAFF, &e);
    CHECK_STR(e.msg, "only the follow-up person, the committee's director "
                     "or the street office may change the status");
    inspections_may_move(INSP_OPEN, INSP_RESOLVED, ACTOR_DIRECTOR, &e);
    CHECK_STR(e.msg, "an inspection cannot go from open to resolved");
    inspections_may_move(INSP_OPEN, INSP_OPEN, ACTOR_DIRECTOR, &e);
    CHECK_STR(e.msg, "the inspection is open already");
    inspections_may_move(INSP_ESCALATED, INSP_RESOLVED, ACTOR_DIRECTOR, &e);
    CHECK_STR(e.msg, "an escalated inspection is with the street office; "
                     "only it may take it further");
    inspections_may_move(INSP_OPEN, INSP_ESCALATED, ACTOR_STREET, &e);
    CHECK_STR(e.msg, "the committee escalates an inspection to the street "
                     "office, not the street office itself");
}

/* --- adding ------------------------------------------------------------- */

static void
test_add_get_and_history(void)
{
    setup();
    struct ctx li = as(1);
    struct inspection_input in = input("3号楼东侧", 2);
    struct inspection_followup *fu = NULL;
    struct inspection got;
    struct error e = { 0 };
    size_t n = 0;
    int64_t id = 0;

    in.grid = "第一网格";
    in.found = "楼道堆放杂物，堵塞消防通道";
    in.severity = "urgent";
    in.due_date = "2025-03-14";
    CHECK_INT(inspections_add(&li, &in, &id, &e), 0);
    CHECK_INT(inspections_get(&li, id, &got, &e), 0);
    CHECK_STR(got.place, "3号楼东侧");
    CHECK_STR(got.grid, "第一网格");
    CHECK_STR(got.found, "楼道堆放杂物，堵塞消防通道");
    CHECK_STR(got.time, "09:30");
    CHECK_INT(got.severity, 3);
    CHECK_INT(got.status, INSP_OPEN);
    CHECK_INT(got.assignee_id, 2);
    CHECK_STR(got.assignee_name, "赵丽");
    CHECK_INT(got.created_by, 1);
    CHECK_STR(got.created_by_name, "李明");
    CHECK_STR(got.committee, "c1");
    CHECK(!got.overdue);
    inspections_free(&got);
    CHECK_INT(inspections_followups(&li, id, &fu, &n, &e), 0);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK(!fu[0].has_from);
        CHECK_INT(fu[0].to, INSP_OPEN);
        CHECK_STR(fu[0].staff_name, "李明");
        CHECK_STR(fu[0].date, TODAY);
    }
    inspections_free_followups(fu, n);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE actor_login = 'li' AND"
                    " action = 'insert' AND tbl IN ('inspections',"
                    " 'inspection_followups')"), 2);
    CHECK_INT(count("SELECT count(*) FROM inspections_fts WHERE"
                    " inspections_fts MATCH '\"消防\"'"), 1);
    teardown();
}

/* One refused input: the exact message at the field, and nothing
 * written. */
static void
refused(int64_t who, struct inspection_input in, int code, const char *field,
        const char *msg)
{
    struct ctx c = as(who);
    struct error e = { 0 };
    long rows = count("SELECT count(*) FROM inspections");
    long followups = count("SELECT count(*) FROM inspection_followups");
    long audit = count("SELECT count(*) FROM audit");
    int64_t id = 99;

    CHECK_INT(inspections_add(&c, &in, &id, &e), -1);
    CHECK_INT(e.code, code);
    CHECK_STR(e.field, field);
    CHECK_STR(e.msg, msg);
    CHECK_INT(id, 99);
    CHECK_INT(count("SELECT count(*) FROM inspections"), rows);
    CHECK_INT(count("SELECT count(*) FROM inspection_followups"), followups);
    CHECK_INT(count("SELECT count(*) FROM audit"), audit);
    CHECK_INT(count("SELECT count(*) FROM inspections_fts_pending"), 0);
}

static void
test_refuse_empty_required(void)
{
    setup();
    struct inspection_input in = input("", 0);

    refused(1, in, E_INVAL, "place", "Place is required");
    in = input("　 ", 0);           /* ideographic and ASCII spaces */
    refused(1, in, E_INVAL, "place", "Place is required");
    in = input("小区门口", 0);
    in.found = "";
    refused(1, in, E_INVAL, "found", "What was found is required");
    in = input("小区门口", 0);
    in.category = "";
    refused(1, in, E_INVAL, "category", "Category is required");
    in.category = "noise";
    refused(1, in, E_INVAL, "category", "unknown category \"noise\"");
    in = input("小区门口", 0);
    in.date = "";
    refused(1, in, E_INVAL, "date", "Date is required");
    teardown();
}

static void
test_refuse_impossible_date(void)
{
    setup();
    struct inspection_input in = input("小区门口", 0);

    in.date = "2025-02-30";
    refused(1, in, E_INVAL, "date",
            "Date is not a valid date; write it as YYYY-MM-DD");
    in = input("小区门口", 0);
    in.due_date = "2025-04-31";
    refused(1, in, E_INVAL, "due_date",
            "Due date is not a valid date; write it as YYYY-MM-DD");
    in.due_date = "2025-03-11";
    refused(1, in, E_INVAL, "due_date",
            "the due date cannot be before the date of the inspection");
    teardown();
}

static void
test_refuse_bad_time(void)
{
    static const char *const bad[] = { "24:00", "12:60", "9:30", "12点",
                                       "-1:00", "12:30:00" };

    setup();
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        struct inspection_input in = input("小区门口", 0);

        in.time = bad[i];
        refused(1, in, E_INVAL, "time",
                "Time is not a valid time; write it as HH:MM, 00:00 to 23:59");
    }
    struct inspection_input ok = input("小区门口", 0);
    ok.time = "23:59";
    CHECK(add_ok(1, ok) > 0);
    ok.time = "00:00";
    CHECK(add_ok(1, ok) > 0);
    teardown();
}

static void
test_refuse_text_too_long(void)
{
    char place[101 * 3 + 1] = "", found[1001 * 3 + 1] = "";
    struct inspection_input in;

    setup();
    for (int i = 0; i < 101; i++)
        strcat(place, "地");
    refused(1, input(place, 0), E_INVAL, "place",
            "Place is too long: 101 characters, at most 100");
    for (int i = 0; i < 1001; i++)
        strcat(found, "况");
    in = input("小区门口", 0);
    in.found = found;
    refused(1, in, E_INVAL, "found",
            "What was found is too long: 1001 characters, at most 1000");
    teardown();
}

static void
test_refuse_assignee_of_another_committee(void)
{
    setup();
    refused(1, input("小区门口", 3), E_INVAL, "assignee_id",
            "陈刚 is not on the staff of this committee");
    refused(4, input("小区门口", 5), E_INVAL, "assignee_id",
            "孙街道 is not on the staff of this committee");
    refused(4, input("小区门口", 9999), E_INVAL, "assignee_id",
            "this person is not on the staff of this committee");
    refused(4, input("小区门口", 9), E_INVAL, "assignee_id",
            "离职者's account is disabled");
    /* the street office enters for a committee of its district, with that
     * committee's staff */
    struct inspection_input in = input("河边", 3);
    refused(5, in, E_INVAL, "committee_id",
            "choose the committee the inspection belongs to");
    in.committee = "c1";
    refused(5, in, E_INVAL, "assignee_id",
            "陈刚 is not on the staff of this committee");
    in.committee = "c2";
    CHECK(add_ok(5, in) > 0);
    in.committee = "c3";
    in.assignee_id = 7;
    refused(5, in, E_PERM, "committee_id",
            "this account may only change records of its own district");
    teardown();
}

static void
test_refuse_bad_grid_and_severity(void)
{
    setup();
    struct inspection_input in = input("小区门口", 0);

    in.grid = "第九网格";
    refused(1, in, E_INVAL, "grid",
            "\"第九网格\" is not one of the committee's grids");
    in = input("小区门口", 0);
    in.grid = "东片";
    refused(3, in, E_INVAL, "grid",
            "this committee has no grids configured; leave the grid empty");
    in = input("小区门口", 0);
    in.severity = "high";
    refused(1, in, E_INVAL, "severity",
            "the severity is low, normal or urgent");
    teardown();
}

/* --- moving ------------------------------------------------------------- */

static void
test_assignee_moves_to_resolved(void)
{
    setup();
    struct ctx zhao = as(2), li = as(1);
    struct inspection_followup *fu = NULL;
    struct inspection got;
    struct error e = { 0 };
    size_t n = 0;
    int64_t id = add_ok(1, input("2号楼", 2));

    move_ok(2, id, INSP_IN_PROGRESS, "");
    /* resolving needs a note: nothing written without one */
    long audit = count("SELECT count(*) FROM audit");
    CHECK_INT(inspections_move(&zhao, id, 2, INSP_RESOLVED, "", &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.field, "note");
    CHECK_STR(e.msg, "say what was done to resolve it");
    CHECK_INT(count("SELECT count(*) FROM audit"), audit);
    CHECK_INT(count("SELECT count(*) FROM inspection_followups"), 2);
    /* someone not its follow-up person may not, though she entered it */
    CHECK_INT(inspections_move(&li, id, 2, INSP_RESOLVED, "修好了", &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.msg, "only the follow-up person, the committee's director "
                     "or the street office may change the status");
    CHECK_INT(count("SELECT count(*) FROM audit"), audit);
    move_ok(2, id, INSP_RESOLVED, "已联系物业更换灯泡");
    CHECK_INT(inspections_get(&li, id, &got, &e), 0);
    CHECK_INT(got.status, INSP_RESOLVED);
    CHECK_STR(got.resolved_date, TODAY);
    CHECK_INT(got.version, 3);
    inspections_free(&got);
    CHECK_INT(inspections_followups(&li, id, &fu, &n, &e), 0);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK(fu[1].has_from && fu[1].from == INSP_OPEN);
        CHECK_INT(fu[1].to, INSP_IN_PROGRESS);
        CHECK_STR(fu[2].note, "已联系物业更换灯泡");
        CHECK_INT(fu[2].from, INSP_IN_PROGRESS);
        CHECK_INT(fu[2].to, INSP_RESOLVED);
        CHECK_STR(fu[2].staff_name, "赵丽");
    }
    inspections_free_followups(fu, n);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE tbl = 'inspections'"
                    " AND action = 'status' AND actor_login = 'zhao'"), 2);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE tbl ="
                    " 'inspection_followups' AND actor_login = 'zhao'"), 2);
    /* the director reopens it; the resolved date goes */
    move_ok(4, id, INSP_OPEN, "居民反映又坏了");
    CHECK_INT(count("SELECT count(*) FROM inspections WHERE status = 'open'"
                    " AND resolved_date IS NULL"), 1);
    /* the index is intact after all the updates */
    CHECK_INT(sqlite3_exec(db_sqlite(db), "INSERT INTO inspections_fts"
                           " (inspections_fts) VALUES ('integrity-check')",
                           NULL, NULL, NULL), SQLITE_OK);
    teardown();
}

static void
test_escalation_is_the_streets(void)
{
    setup();
    struct ctx liu = as(4), zhou = as(8);
    struct error e = { 0 };
    int64_t id = add_ok(1, input("违建", 2));

    move_ok(2, id, INSP_ESCALATED, "需要城管处理");
    CHECK_INT(inspections_move(&liu, id, 2, INSP_RESOLVED, "已处理", &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.msg, "an escalated inspection is with the street office; "
                     "only it may take it further");
    /* another district's street office cannot even reach it */
    CHECK_INT(inspections_move(&zhou, id, 2, INSP_RESOLVED, "已处理", &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.msg, "this record belongs to another committee");
    move_ok(5, id, INSP_RESOLVED, "城管已拆除");
    CHECK_INT(count("SELECT count(*) FROM inspections WHERE status ="
                    " 'resolved'"), 1);
    teardown();
}

static void
test_stale_move_and_update(void)
{
    setup();
    struct ctx zhao = as(2), liu = as(4);
    struct inspection_input in = input("2号楼", 2);
    struct error e = { 0 };
    int64_t id = add_ok(1, in);

    CHECK_INT(inspections_move(&zhao, id, 1, INSP_IN_PROGRESS, "", &e), 0);
    /* the director's screen still shows version 1 */
    CHECK_INT(inspections_move(&liu, id, 1, INSP_ESCALATED, "上报", &e), -1);
    CHECK_INT(e.code, E_STALE);
    CHECK_STR(e.msg, "someone else changed this record; reopen it to see "
                     "their change");
    in.place = "2号楼西侧";
    CHECK_INT(inspections_update(&liu, id, 1, &in, &e), -1);
    CHECK_INT(e.code, E_STALE);
    CHECK_INT(count("SELECT count(*) FROM inspection_followups"), 2);
    CHECK_INT(inspections_update(&liu, id, 2, &in, &e), 0);
    CHECK_INT(count("SELECT count(*) FROM inspections WHERE place ="
                    " '2号楼西侧' AND status = 'in_progress'"), 1);
    teardown();
}

/* The status moves only with its follow-up row: not through an update,
 * not through store_apply() straight. */
static void
test_status_only_through_moves(void)
{
    setup();
    struct ctx liu = as(4);
    struct value *v = NULL;
    int64_t version;
    struct change ch = { &inspections_table, CH_UPDATE, 0, 0, NULL, NULL,
                         NULL };
    struct error e = { 0 };
    int64_t id = add_ok(1, input("2号楼", 2));

    CHECK_INT(store_load(&liu, &inspections_table, id, &v, &version, &e), 0);
    free((char *)v[IC_STATUS].s);
    v[IC_STATUS].s = xstrdup("in_progress");
    ch.id = id;
    ch.version = version;
    ch.vals = v;
    CHECK_INT(store_apply(&liu, &ch, 1, &e), -1);
    CHECK_STR(e.msg, "the status changes only with a follow-up entry");
    store_values_free(v, IC_NCOLS);
    /* nor is an inspection deleted */
    ch.op = CH_DELETE;
    ch.vals = NULL;
    CHECK_INT(store_apply(&liu, &ch, 1, &e), -1);
    CHECK_STR(e.msg, "inspections are not deleted; resolve one entered by "
                     "mistake with a note saying so");
    /* nor is the history rewritten */
    CHECK_INT(store_load(&liu, &inspection_followups_table, 1, &v, &version,
                         &e), 0);
    struct change fch = { &inspection_followups_table, CH_UPDATE, 1, version,
                          v, NULL, NULL };
    CHECK_INT(store_apply(&liu, &fch, 1, &e), -1);
    CHECK_STR(e.msg, "the follow-up history cannot be changed");
    store_values_free(v, 7);
    CHECK_INT(count("SELECT count(*) FROM inspections WHERE status ="
                    " 'open'"), 1);
    teardown();
}

/* --- who may change the fields ---------------------------------------- */

static void
test_who_may_edit(void)
{
    setup();
    struct inspection_input in = input("2号楼", 2);
    int64_t id = add_ok(1, in);              /* entered by li for zhao */
    static const struct {
        int64_t who;
        int     code;
    } cases[] = {
        { 1, E_OK },     /* entered it */
        { 2, E_OK },     /* follows it up */
        { 9, E_PERM },   /* staff of the committee, neither */
        { 4, E_OK },     /* the director */
        { 5, E_OK },     /* the street office */
        { 3, E_PERM },   /* another committee */
        { 10, E_PERM },  /* another committee's director */
        { 8, E_PERM },   /* another district */
    };

    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct ctx c = as(cases[i].who);
        struct error e = { 0 };
        char place[32];

        snprintf(place, sizeof place, "地点%zu", i);
        in.place = place;
        CHECK_INT(inspections_update(&c, id, version_of(id), &in, &e),
                  cases[i].code == E_OK ? 0 : -1);
        if (cases[i].code != E_OK)
            CHECK_INT(e.code, cases[i].code);
        if (cases[i].who == 9)
            CHECK_STR(e.msg, "only the person who entered it, its follow-up "
                             "person, the director or the street office may "
                             "change this inspection");
    }
    CHECK_INT(count("SELECT count(*) FROM audit WHERE tbl = 'inspections'"
                    " AND action = 'update'"), 4);
    /* the committee stays */
    struct ctx liu = as(4);
    struct error e = { 0 };
    in.committee = "c2";
    CHECK_INT(inspections_update(&liu, id, version_of(id), &in, &e), -1);
    CHECK_STR(e.msg, "an inspection cannot move to another committee");
    teardown();
}

/* Staff of another committee: get, followups, page, count, search,
 * update, move, all refused or empty. */
static void
test_other_committee_unreachable(void)
{
    setup();
    struct inspection_filter f;
    struct inspection rows[8], got;
    struct inspection_followup *fu = NULL;
    struct inspection_input in = input("改别人的", 0);
    struct error e = { 0 };
    size_t n = 0;
    int nrows = -1;
    int64_t id = add_ok(1, input("幸福社区3号楼", 2));
    int64_t outsiders[] = { 3, 10, 7, 8 };

    for (size_t i = 0; i < ARRAY_LEN(outsiders); i++) {
        struct ctx c = as(outsiders[i]);

        CHECK_INT(inspections_get(&c, id, &got, &e), -1);
        CHECK_INT(e.code, E_NOTFOUND);
        CHECK_INT(inspections_followups(&c, id, &fu, &n, &e), -1);
        CHECK_INT(n, 0);
        inspections_filter_init(&f);
        CHECK_INT(inspections_page(&c, &f, PAGE_FIRST, NULL, 0, 8, rows,
                                   &nrows, &e), 0);
        CHECK_INT(nrows, 0);
        CHECK_INT(inspections_count(&c, &f), 0);
        snprintf(f.find, sizeof f.find, "幸福");
        CHECK_INT(inspections_page(&c, &f, PAGE_FIRST, NULL, 0, 8, rows,
                                   &nrows, &e), 0);
        CHECK_INT(nrows, 0);
        CHECK_INT(inspections_count(&c, &f), 0);
        CHECK_INT(inspections_update(&c, id, 1, &in, &e), -1);
        CHECK_INT(e.code, E_PERM);
        CHECK_INT(inspections_move(&c, id, 1, INSP_IN_PROGRESS, "", &e), -1);
        CHECK_INT(e.code, E_PERM);
    }
    /* nor add one to it */
    struct inspection_input other = input("塞进别的居委会", 0);
    other.committee = "c1";
    refused(3, other, E_PERM, "committee_id",
            "this account may only change records of its own committee");
    CHECK_INT(count("SELECT count(*) FROM inspections WHERE version = 1"), 1);
    CHECK_INT(count("SELECT count(*) FROM inspection_followups"), 1);
    teardown();
}

/* --- home counts -------------------------------------------------------- */

static void
test_home_counts(void)
{
    setup();
    struct ctx li = as(1), zhao = as(2), liu = as(4), sun = as(5),
               zhou = as(8), chen = as(3), he = as(10);

    fill();
    CHECK_INT(inspections_mine_due(&zhao),
              count("SELECT count(*) FROM inspections WHERE assignee_id = 2"
                    " AND due_date <= '" TODAY "' AND status <> 'resolved'"));
    CHECK(inspections_mine_due(&zhao) > 0);
    CHECK_INT(inspections_mine_due(&li), 0);
    CHECK_INT(inspections_mine_due(&sun), 0);
    CHECK_INT(inspections_overdue(&liu),
              count("SELECT count(*) FROM inspections WHERE committee_id ="
                    " 'c1' AND due_date < '" TODAY "' AND status <>"
                    " 'resolved'"));
    CHECK_INT(inspections_overdue(&he),
              count("SELECT count(*) FROM inspections WHERE committee_id ="
                    " 'c2' AND due_date < '" TODAY "' AND status <>"
                    " 'resolved'"));
    CHECK_INT(inspections_overdue(&sun),
              count("SELECT count(*) FROM inspections WHERE due_date < '"
                    TODAY "' AND status <> 'resolved'"));
    CHECK(inspections_overdue(&sun) > inspections_overdue(&liu));
    CHECK_INT(inspections_overdue(&zhou), 0);      /* another district */
    CHECK_INT(inspections_overdue(&chen), 0);      /* staff: not asked */
    teardown();
}

/* --- search ------------------------------------------------------------- */

static const char *const words[] = {
    "社区", "张三", "王", "楼道", "堆放", "杂物", "消防", "通道", "3号楼",
    "2单元", "路灯", "井盖", "破损", "积水", "垃圾", "违建", "，", "。",
};

static unsigned lcg = 777;

static void
sentence(char *buf, size_t size, int n)
{
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        lcg = lcg * 1103515245u + 12345u;
        const char *w = words[(lcg >> 16) % ARRAY_LEN(words)];

        if (strlen(buf) + strlen(w) + 1 < size)
            strcat(buf, w);
    }
}

static void
check_search(struct ctx *c, const char *q, const char *scope)
{
    struct inspection_filter f;
    struct inspection rows[6];
    int64_t want[300], ids[300];
    int nwant, n = 0, got;
    struct error e = { 0 };
    sqlite3_stmt *st;
    char *sql = xasprintf("SELECT id FROM inspections WHERE %s AND"
                          " (instr(place, ?1) > 0 OR instr(found, ?1) > 0)"
                          " ORDER BY id DESC", scope);

    sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL);
    sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
    for (nwant = 0; nwant < 300 && sqlite3_step(st) == SQLITE_ROW; nwant++)
        want[nwant] = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    free(sql);
    inspections_filter_init(&f);
    snprintf(f.find, sizeof f.find, "%s", q);
    CHECK_INT(inspections_page(c, &f, PAGE_FIRST, NULL, 0, 6, rows, &got, &e),
              0);
    while (got > 0 && n + got <= 300) {
        for (int i = 0; i < got; i++)
            ids[n++] = rows[i].id;
        if (got < 6)
            break;
        CHECK_INT(inspections_page(c, &f, PAGE_AFTER, rows[5].date,
                                   rows[5].id, 6, rows, &got, &e), 0);
    }
    if (n != nwant)
        printf("  search \"%s\" (%s): %d found, LIKE finds %d\n", q, scope,
               n, nwant);
    CHECK_INT(n, nwant);
    for (int i = 0; i < n && i < nwant; i++)
        CHECK_INT(ids[i], want[i]);
    CHECK_INT(inspections_count(c, &f), nwant);
}

static void
test_search_equals_like(void)
{
    static const char *const queries[] = {
        "王", "楼", "井", "。",                       /* one character */
        "社区", "张三", "路灯", "区张", "3号",          /* two */
        "3号楼", "消防通道", "井盖破损", "没有这个",      /* longer */
    };
    setup();
    struct ctx liu = as(4), chen = as(3), sun = as(5), root = as(6);
    char place[128], found[512];

    for (int i = 0; i < 200; i++) {
        struct inspection_input in;

        sentence(place, sizeof place, 1 + i % 3);
        sentence(found, sizeof found, 1 + i % 7);
        in = input(place, 0);
        in.found = found;
        add_ok(i % 3 == 0 ? 3 : (i % 3 == 1 ? 1 : 7), in);
    }
    for (size_t i = 0; i < ARRAY_LEN(queries); i++) {
        check_search(&liu, queries[i], "committee_id = 'c1'");
        check_search(&chen, queries[i], "committee_id = 'c2'");
        check_search(&sun, queries[i], "committee_id IN ('c1', 'c2')");
        check_search(&root, queries[i], "1");
    }
    teardown();
}

int
main(void)
{
    RUN(test_transition_table_exhaustive);
    RUN(test_transition_messages);
    RUN(test_add_get_and_history);
    RUN(test_refuse_empty_required);
    RUN(test_refuse_impossible_date);
    RUN(test_refuse_bad_time);
    RUN(test_refuse_text_too_long);
    RUN(test_refuse_assignee_of_another_committee);
    RUN(test_refuse_bad_grid_and_severity);
    RUN(test_assignee_moves_to_resolved);
    RUN(test_escalation_is_the_streets);
    RUN(test_stale_move_and_update);
    RUN(test_status_only_through_moves);
    RUN(test_who_may_edit);
    RUN(test_other_committee_unreachable);
    RUN(test_home_counts);
    RUN(test_search_equals_like);
    db_close(template_db);
    return CHECK_DONE();
}
