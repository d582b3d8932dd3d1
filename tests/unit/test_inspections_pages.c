/* test_inspections_pages.c — lists of inspections: keyset pages,
 * filters and the overdue mark, deep pages (equal to OFFSET, seeking),
 * counts capped past PAGE_COUNT_CAP, and page queries on indexes (no
 * scan, no sort). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "pagetest.h"     /* before the fixture: its db would shadow */
#include "inspections_fixture.h"
#include "juwei/config.h"
#include "juwei/date.h"
#include "juwei/db.h"
#include "juwei/inspections.h"

/* --- pages, filters, overdue -------------------------------------------- */

/* Forward in pages of 5 from the first, then backwards from the last;
 * returns the rows marked overdue on the way. */
static int
check_paging(struct ctx *c, const struct inspection_filter *f,
             const char *sql)
{
    int64_t want[64];
    int nwant = fixture_ids(db, sql, want, 64), seen = 0, got, overdue = 0;
    struct inspection rows[5];
    struct error e = { 0 };
    enum page_dir dir = PAGE_FIRST;
    char at_date[11] = "";
    int64_t at_id = 0;

    CHECK_INT(inspections_count(c, f), nwant);
    for (;;) {
        CHECK_INT(inspections_page(c, f, dir, at_date, at_id, 5, rows, &got,
                                   &e), 0);
        for (int i = 0; i < got && seen + i < nwant; i++) {
            CHECK_INT(rows[i].id, want[seen + i]);
            overdue += rows[i].overdue;
        }
        seen += got;
        if (got < 5)
            break;
        snprintf(at_date, sizeof at_date, "%s", rows[4].date);
        at_id = rows[4].id;
        dir = PAGE_AFTER;
    }
    CHECK_INT(seen, nwant);
    int end = nwant;
    dir = PAGE_LAST;
    while (end > 0) {
        CHECK_INT(inspections_page(c, f, dir, at_date, at_id, 5, rows, &got,
                                   &e), 0);
        CHECK_INT(got, end >= 5 ? 5 : end);
        if (got == 0)
            break;
        for (int i = 0; i < got; i++)
            CHECK_INT(rows[i].id, want[end - got + i]);
        end -= got;
        snprintf(at_date, sizeof at_date, "%s", rows[0].date);
        at_id = rows[0].id;
        dir = PAGE_BEFORE;
    }
    return overdue;
}

static void
test_pages_and_filters(void)
{
    setup();
    struct ctx li = as(1), liu = as(4), sun = as(5), root = as(6),
               chen = as(3);
    struct inspection_filter f;

    fill();
    inspections_filter_init(&f);
    int marked = check_paging(&li, &f, "SELECT id FROM inspections WHERE"
                              " committee_id = 'c1' ORDER BY date DESC,"
                              " id DESC");
    CHECK_INT(marked, count("SELECT count(*) FROM inspections WHERE"
                            " committee_id = 'c1' AND due_date < '" TODAY "'"
                            " AND status <> 'resolved'"));
    CHECK(marked > 0);
    check_paging(&liu, &f, "SELECT id FROM inspections WHERE committee_id ="
                 " 'c1' ORDER BY date DESC, id DESC");
    check_paging(&chen, &f, "SELECT id FROM inspections WHERE committee_id ="
                 " 'c2' ORDER BY date DESC, id DESC");
    check_paging(&sun, &f, "SELECT id FROM inspections"
                 " ORDER BY date DESC, id DESC");
    check_paging(&root, &f, "SELECT id FROM inspections"
                 " ORDER BY date DESC, id DESC");
    f.status = INSP_IN_PROGRESS;
    check_paging(&liu, &f, "SELECT id FROM inspections WHERE status ="
                 " 'in_progress' ORDER BY date DESC, id DESC");
    inspections_filter_init(&f);
    snprintf(f.category, sizeof f.category, "hazard");
    f.assignee_id = 2;
    check_paging(&liu, &f, "SELECT id FROM inspections WHERE category ="
                 " 'hazard' AND assignee_id = 2 ORDER BY date DESC, id DESC");
    inspections_filter_init(&f);
    f.overdue = true;
    marked = check_paging(&sun, &f, "SELECT id FROM inspections WHERE"
                          " due_date < '" TODAY "' AND status <> 'resolved'"
                          " ORDER BY date DESC, id DESC");
    CHECK_INT(marked, inspections_count(&sun, &f));
    inspections_filter_init(&f);
    f.due = true;
    f.assignee_id = 2;
    check_paging(&li, &f, "SELECT id FROM inspections WHERE assignee_id = 2"
                 " AND due_date <= '" TODAY "' AND status <> 'resolved'"
                 " ORDER BY date DESC, id DESC");
    teardown();
}

/* --- deep pages and capped counts ---------------------------------------- */

/* n inspections straight into the table, as test_records.c's fill_many:
 * 25 dates, about n/25 rows each, ids not following the dates; c1 (half,
 * followed up by 1 or 2), c2 (a third, by 3), c3 (a sixth, by 7); every
 * third place holds 路灯; statuses and categories in turn. */
static void
fill_many(int n)
{
    char *sql = xasprintf(
        "WITH RECURSIVE x(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM x"
        " WHERE i < %d)"
        " INSERT INTO inspections (committee_id, date, place, category,"
        " found, severity, status, assignee_id, due_date, resolved_date,"
        " created_by, version, created_at, updated_at)"
        " SELECT CASE WHEN i %% 6 IN (0, 1, 3) THEN 'c1'"
        "  WHEN i %% 6 = 4 THEN 'c3' ELSE 'c2' END,"
        " date('" TODAY "', '-' || (i * 7 %% 25) || ' days'),"
        " CASE WHEN i %% 3 = 0 THEN '3号楼路灯' ELSE '小区东门' END,"
        " CASE WHEN i %% 5 < 2 THEN 'hazard' ELSE 'facility' END,"
        " '发现问题', 2,"
        " CASE i %% 4 WHEN 0 THEN 'open' WHEN 1 THEN 'in_progress'"
        "  WHEN 2 THEN 'resolved' ELSE 'escalated' END,"
        " CASE i %% 6 WHEN 0 THEN 1 WHEN 1 THEN 2 WHEN 3 THEN 1 WHEN 4 THEN 7"
        "  ELSE 3 END,"
        " date('" TODAY "', '-' || (i * 7 %% 25) || ' days', '+' || (i %% 9)"
        "  || ' days'),"
        " CASE WHEN i %% 4 = 2 THEN '" TODAY "' END,"
        " CASE i %% 6 WHEN 0 THEN 1 WHEN 1 THEN 2 WHEN 3 THEN 1 WHEN 4 THEN 7"
        "  ELSE 3 END, 1, 0, 0 FROM x", n);

    fixture_exec(db, sql);
    free(sql);
}

/* inspections_page() as pagetest.h reads a list. */
struct pages {
    struct ctx                     *c;
    const struct inspection_filter *f;
};

static int
page_ids(void *arg, enum page_dir dir, const char *date, int64_t id,
         int64_t *ids)
{
    struct pages *p = arg;
    struct inspection rows[PAGETEST_N];
    struct error e = { 0 };
    int got;

    if (inspections_page(p->c, p->f, dir, date, id, PAGETEST_N, rows, &got,
                         &e) < 0)
        return -1;
    for (int i = 0; i < got; i++)
        ids[i] = rows[i].id;
    return got;
}

/* Deep in every role's list, plain and filtered, each direction of the
 * keyset gives exactly the page OFFSET does, and does the work of a page
 * near the top. */
static void
test_deep_pages(void)
{
    setup();
    struct ctx li = as(1), sun = as(5), root = as(6), zhou = as(8);
    struct inspection_filter f;
    struct pages p = { NULL, &f };
    struct pagetest t = { db, "inspections", page_ids, &p };
    int ties = 0;

    fill_many(3000);
    inspections_filter_init(&f);
    p.c = &li;
    ties += pagetest_deep(&t, "committee_id = 'c1'");
    pagetest_seek(&t, "committee_id = 'c1'");
    p.c = &sun;
    ties += pagetest_deep(&t, "committee_id IN ('c1', 'c2')");
    pagetest_seek(&t, "committee_id IN ('c1', 'c2')");
    p.c = &root;
    ties += pagetest_deep(&t, "1");
    pagetest_seek(&t, "1");
    p.c = &zhou;
    ties += pagetest_deep(&t, "committee_id = 'c3'");
    f.status = INSP_ESCALATED;
    p.c = &li;
    ties += pagetest_deep(&t, "committee_id = 'c1' AND status = 'escalated'");
    inspections_filter_init(&f);
    snprintf(f.category, sizeof f.category, "facility");
    f.overdue = true;
    p.c = &sun;
    ties += pagetest_deep(&t, "committee_id IN ('c1', 'c2') AND category ="
                          " 'facility' AND due_date < '" TODAY "' AND status"
                          " <> 'resolved'");
    CHECK(ties > 20);
    teardown();
}

/* A count stops past PAGE_COUNT_CAP: up to it exact, above it
 * PAGE_COUNT_CAP + 1, for the lists and for searches alike. */
static void
test_count_is_capped(void)
{
    setup();
    struct ctx li = as(1), he = as(10), sun = as(5), root = as(6),
               wang = as(7);
    struct inspection_filter f;

    fill_many(3000);
    inspections_filter_init(&f);
    CHECK_INT(inspections_count(&wang, &f), 500);
    CHECK_INT(inspections_count(&he, &f), 1000);
    CHECK_INT(inspections_count(&li, &f), PAGE_COUNT_CAP + 1);
    CHECK_INT(inspections_count(&sun, &f), PAGE_COUNT_CAP + 1);
    CHECK_INT(inspections_count(&root, &f), PAGE_COUNT_CAP + 1);
    f.status = INSP_OPEN;
    CHECK_INT(inspections_count(&li, &f), count("SELECT count(*) FROM"
                                                " inspections WHERE committee_id"
                                                " = 'c1' AND status = 'open'"));
    inspections_filter_init(&f);
    snprintf(f.find, sizeof f.find, "路灯");
    CHECK_INT(count("SELECT count(*) FROM inspections WHERE place LIKE"
                    " '%路灯%'"), PAGE_COUNT_CAP);
    CHECK_INT(inspections_count(&root, &f), PAGE_COUNT_CAP);
    add_ok(1, input("5号楼路灯", 0));
    CHECK_INT(inspections_count(&root, &f), PAGE_COUNT_CAP + 1);
    CHECK_INT(count("SELECT count(*) FROM inspections WHERE committee_id ="
                    " 'c1' AND place LIKE '%路灯%'"), PAGE_COUNT_CAP + 1);
    CHECK_INT(inspections_count(&li, &f), PAGE_COUNT_CAP + 1);
    snprintf(f.find, sizeof f.find, "东");
    CHECK_INT(inspections_count(&sun, &f), PAGE_COUNT_CAP + 1);
    CHECK_INT(inspections_count(&wang, &f), 500);
    teardown();
}

static void
check_plan(struct ctx *c, const struct inspection_filter *f,
           const char *index)
{
    char *plan = inspections_page_plan(c, f);
    bool scan = strstr(plan, "SCAN i\n") != NULL ||
                strstr(plan, "SCAN i ") != NULL;

    CHECK_CONTAINS(plan, index);
    CHECK(strstr(plan, "TEMP B-TREE") == NULL);
    CHECK(!scan);
    if (strstr(plan, index) == NULL || scan)
        printf("  plan:\n%s", plan);
    free(plan);
}

static void
test_page_queries_use_indexes(void)
{
    setup();
    struct ctx li = as(1), liu = as(4), sun = as(5), root = as(6);
    struct inspection_filter f;

    inspections_filter_init(&f);
    check_plan(&li, &f, "USING INDEX inspections_committee_date");
    check_plan(&liu, &f, "USING INDEX inspections_committee_date");
    check_plan(&sun, &f, "USING INDEX inspections_date");
    check_plan(&root, &f, "USING INDEX inspections_date");
    f.status = INSP_OPEN;
    f.overdue = true;
    f.assignee_id = 2;
    snprintf(f.category, sizeof f.category, "hazard");
    check_plan(&liu, &f, "USING INDEX inspections_committee_date");
    check_plan(&sun, &f, "USING INDEX inspections_date");
    snprintf(f.find, sizeof f.find, "路灯");
    check_plan(&liu, &f, "VIRTUAL TABLE INDEX");
    check_plan(&liu, &f, "SEARCH i USING INTEGER PRIMARY KEY");
    teardown();
}

int
main(void)
{
    RUN(test_pages_and_filters);
    RUN(test_deep_pages);
    RUN(test_count_is_capped);
    RUN(test_page_queries_use_indexes);
    db_close(template_db);
    return CHECK_DONE();
}
