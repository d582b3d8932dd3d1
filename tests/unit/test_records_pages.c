/* test_records_pages.c — lists of work records: keyset pages and
 * filters by role, deep pages equal to OFFSET and seeking rather than
 * walking, counts capped past PAGE_COUNT_CAP, and page queries on
 * indexes (no scan, no sort). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "pagetest.h"     /* before the fixture: its db would shadow */
#include "records_fixture.h"
#include "juwei/config.h"
#include "juwei/date.h"
#include "juwei/db.h"
#include "juwei/page.h"
#include "juwei/records.h"

/* --- pages -------------------------------------------------------------- */

/* Pages of 7 forwards from the first, then backwards from the end. */
static void
check_paging(struct ctx *c, const struct record_filter *f, const char *sql)
{
    int64_t want[64];
    int nwant = fixture_ids(db, sql, want, 64), seen = 0, got;
    struct record rows[7];
    struct error e = { 0 };
    enum page_dir dir = PAGE_FIRST;

    CHECK_INT(records_count(c, f), nwant);
    for (;;) {
        const struct record *last = seen > 0 ? &rows[6] : NULL;
        char at_date[11] = "";
        int64_t at_id = 0;

        if (last != NULL) {
            snprintf(at_date, sizeof at_date, "%s", last->date);
            at_id = last->id;
        }
        CHECK_INT(records_page(c, f, dir, at_date, at_id, 7, rows, &got, &e),
                  0);
        for (int i = 0; i < got && seen + i < nwant; i++)
            CHECK_INT(rows[i].id, want[seen + i]);
        seen += got;
        if (got < 7)
            break;
        dir = PAGE_AFTER;
    }
    CHECK_INT(seen, nwant);
    /* backwards: LAST, then BEFORE the first row shown */
    dir = PAGE_LAST;
    int end = nwant;
    char at_date[11] = "";
    int64_t at_id = 0;
    while (end > 0) {
        CHECK_INT(records_page(c, f, dir, at_date, at_id, 7, rows, &got, &e),
                  0);
        CHECK_INT(got, end >= 7 ? 7 : end);
        for (int i = 0; i < got; i++)
            CHECK_INT(rows[i].id, want[end - got + i]);
        if (got == 0)
            break;
        end -= got;
        snprintf(at_date, sizeof at_date, "%s", rows[0].date);
        at_id = rows[0].id;
        dir = PAGE_BEFORE;
    }
    /* FROM re-reads a page from its first row itself */
    if (nwant > 3) {
        struct record one;

        CHECK_INT(records_get(c, want[3], &one, &e), 0);
        CHECK_INT(records_page(c, f, PAGE_FROM, one.date, one.id, 7, rows,
                               &got, &e), 0);
        CHECK(got > 0 && rows[0].id == want[3]);
        records_free(&one);
    }
}

static void
test_pages_newest_first_by_role(void)
{
    setup();
    struct ctx li = as(1), liu = as(4), sun = as(5), root = as(6);
    struct record_filter f = { 0 };

    fill_pages();
    add_ok(3, input(TODAY, 0, "和平社区"));
    add_ok(7, input(TODAY, 0, "光明社区"));
    check_paging(&li, &f, "SELECT id FROM records WHERE staff_id = 1"
                 " ORDER BY date DESC, id DESC");
    check_paging(&liu, &f, "SELECT id FROM records WHERE committee_id = 'c1'"
                 " ORDER BY date DESC, id DESC");
    check_paging(&sun, &f, "SELECT id FROM records WHERE committee_id IN"
                 " ('c1', 'c2') ORDER BY date DESC, id DESC");
    check_paging(&root, &f, "SELECT id FROM records"
                 " ORDER BY date DESC, id DESC");
    teardown();
}

static void
test_filters(void)
{
    setup();
    struct ctx liu = as(4), li = as(1);
    struct record_filter f = { 0 };

    fill_pages();
    snprintf(f.from, sizeof f.from, "2025-03-01");
    snprintf(f.to, sizeof f.to, "2025-03-10");
    check_paging(&liu, &f, "SELECT id FROM records WHERE date BETWEEN"
                 " '2025-03-01' AND '2025-03-10' ORDER BY date DESC, id DESC");
    memset(&f, 0, sizeof f);
    f.staff_id = 2;
    check_paging(&liu, &f, "SELECT id FROM records WHERE staff_id = 2"
                 " ORDER BY date DESC, id DESC");
    /* a staff account's list is its own whatever it asks for */
    CHECK_INT(records_count(&li, &f), 0);
    memset(&f, 0, sizeof f);
    snprintf(f.category, sizeof f.category, "meeting");
    check_paging(&liu, &f, "SELECT id FROM records WHERE category ="
                 " 'meeting' ORDER BY date DESC, id DESC");
    snprintf(f.to, sizeof f.to, "2025-03-05");
    f.staff_id = 1;
    check_paging(&liu, &f, "SELECT id FROM records WHERE category ="
                 " 'meeting' AND staff_id = 1 AND date <= '2025-03-05'"
                 " ORDER BY date DESC, id DESC");
    teardown();
}

/* --- deep pages and capped counts ---------------------------------------- */

/* n records straight into the table: 25 dates, so about n/25 rows share
 * each date and ids do not follow the dates; the staff of three
 * committees (1, 2, 4 of c1; 3, 10 of c2; 7 of c3), two categories;
 * every third title holds 走访, the others 楼道. */
static void
fill_many(int n)
{
    char *sql = xasprintf(
        "WITH RECURSIVE x(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM x"
        " WHERE i < %d)"
        " INSERT INTO records (committee_id, staff_id, date, category, title,"
        " version, created_at, updated_at)"
        " SELECT CASE WHEN i %% 6 IN (0, 1, 3) THEN 'c1'"
        "  WHEN i %% 6 = 4 THEN 'c3' ELSE 'c2' END,"
        " CASE i %% 6 WHEN 0 THEN 1 WHEN 1 THEN 2 WHEN 2 THEN 3 WHEN 3 THEN 4"
        "  WHEN 4 THEN 7 ELSE 10 END,"
        " date('" TODAY "', '-' || (i * 7 %% 25) || ' days'),"
        " CASE WHEN i %% 5 < 2 THEN 'meeting' ELSE 'visit' END,"
        " CASE WHEN i %% 3 = 0 THEN '社区走访' ELSE '楼道清理' END, 1, 0, 0"
        " FROM x", n);

    exec(sql);
    free(sql);
}

/* records_page() as pagetest.h reads a list. */
struct pages {
    struct ctx                 *c;
    const struct record_filter *f;
};

static int
page_ids(void *arg, enum page_dir dir, const char *date, int64_t id,
         int64_t *ids)
{
    struct pages *p = arg;
    struct record rows[PAGETEST_N];
    struct error e = { 0 };
    int got;

    if (records_page(p->c, p->f, dir, date, id, PAGETEST_N, rows, &got,
                     &e) < 0)
        return -1;
    for (int i = 0; i < got; i++)
        ids[i] = rows[i].id;
    return got;
}

static int
check_deep(struct ctx *c, const struct record_filter *f, const char *where)
{
    struct pages p = { c, f };
    struct pagetest t = { db, "records", page_ids, &p };

    return pagetest_deep(&t, where);
}

static void
check_seek(struct ctx *c, const struct record_filter *f, const char *where)
{
    struct pages p = { c, f };
    struct pagetest t = { db, "records", page_ids, &p };

    pagetest_seek(&t, where);
}

/* Deep in every role's list, plain and filtered, each direction of the
 * keyset gives exactly the page OFFSET does. */
static void
test_deep_pages_equal_offset(void)
{
    setup();
    struct ctx li = as(1), liu = as(4), sun = as(5), root = as(6);
    struct record_filter f = { 0 };
    int ties = 0;

    fill_many(3000);
    ties += check_deep(&li, &f, "staff_id = 1");
    ties += check_deep(&liu, &f, "committee_id = 'c1'");
    ties += check_deep(&sun, &f, "committee_id IN ('c1', 'c2')");
    ties += check_deep(&root, &f, "1");
    /* a date range: the keyset's bound and the range's together */
    snprintf(f.from, sizeof f.from, "2025-02-20");
    snprintf(f.to, sizeof f.to, "2025-03-08");
    ties += check_deep(&sun, &f, "committee_id IN ('c1', 'c2') AND date"
                       " BETWEEN '2025-02-20' AND '2025-03-08'");
    ties += check_deep(&root, &f, "date BETWEEN '2025-02-20' AND"
                       " '2025-03-08'");
    snprintf(f.category, sizeof f.category, "visit");
    ties += check_deep(&liu, &f, "committee_id = 'c1' AND category = 'visit'"
                       " AND date BETWEEN '2025-02-20' AND '2025-03-08'");
    memset(&f, 0, sizeof f);
    f.staff_id = 2;
    snprintf(f.to, sizeof f.to, "2025-03-01");
    ties += check_deep(&liu, &f, "staff_id = 2 AND date <= '2025-03-01'");
    /* most keysets sit between two rows of the same date */
    CHECK(ties > 20);
    teardown();
}

static void
test_deep_pages_seek(void)
{
    setup();
    struct ctx li = as(1), liu = as(4), sun = as(5), root = as(6);
    struct record_filter f = { 0 };

    fill_many(3000);
    check_seek(&li, &f, "staff_id = 1");
    check_seek(&liu, &f, "committee_id = 'c1'");
    check_seek(&sun, &f, "committee_id IN ('c1', 'c2')");
    check_seek(&root, &f, "1");
    snprintf(f.from, sizeof f.from, "2025-02-20");
    snprintf(f.to, sizeof f.to, "2025-03-08");
    check_seek(&sun, &f, "committee_id IN ('c1', 'c2') AND date"
               " BETWEEN '2025-02-20' AND '2025-03-08'");
    check_seek(&root, &f, "date BETWEEN '2025-02-20' AND '2025-03-08'");
    teardown();
}

/* A count stops past PAGE_COUNT_CAP: up to it exact, above it
 * PAGE_COUNT_CAP + 1, for the lists and for searches alike. */
static void
test_count_is_capped(void)
{
    setup();
    struct ctx li = as(1), liu = as(4), sun = as(5), root = as(6);
    struct record_filter f = { 0 };

    fill_many(3000);
    CHECK_INT(records_count(&li, &f), 500);
    CHECK_INT(records_count(&liu, &f), PAGE_COUNT_CAP + 1);
    CHECK_INT(records_count(&sun, &f), PAGE_COUNT_CAP + 1);
    CHECK_INT(records_count(&root, &f), PAGE_COUNT_CAP + 1);
    snprintf(f.category, sizeof f.category, "meeting");
    CHECK_INT(records_count(&liu, &f), count("SELECT count(*) FROM records"
                                             " WHERE committee_id = 'c1'"
                                             " AND category = 'meeting'"));
    memset(&f, 0, sizeof f);
    /* exactly at the cap, and one past it */
    snprintf(f.find, sizeof f.find, "走访");
    CHECK_INT(count("SELECT count(*) FROM records WHERE title LIKE"
                    " '%走访%'"), PAGE_COUNT_CAP);
    CHECK_INT(records_count(&root, &f), PAGE_COUNT_CAP);
    add_ok(1, input(TODAY, 0, "又一次走访"));
    CHECK_INT(records_count(&root, &f), PAGE_COUNT_CAP + 1);
    add_ok(1, input(TODAY, 0, "再一次走访"));
    CHECK_INT(records_count(&root, &f), PAGE_COUNT_CAP + 1);
    CHECK_INT(records_count(&li, &f), count("SELECT count(*) FROM records"
                                            " WHERE staff_id = 1 AND title"
                                            " LIKE '%走访%'"));
    snprintf(f.find, sizeof f.find, "楼");
    CHECK_INT(records_count(&sun, &f), PAGE_COUNT_CAP + 1);
    snprintf(f.find, sizeof f.find, "不存在");
    CHECK_INT(records_count(&root, &f), 0);
    teardown();
}

/* A full scan of the table shows as a line "SCAN r"; a sort of the
 * rows found as "USE TEMP B-TREE FOR ORDER BY". */
static bool
scans(const char *plan)
{
    return strstr(plan, "SCAN r\n") != NULL || strstr(plan, "SCAN r ") != NULL;
}

static void
check_plan(struct ctx *c, const struct record_filter *f, const char *index)
{
    char *plan = records_page_plan(c, f);

    CHECK_CONTAINS(plan, index);
    CHECK(strstr(plan, "TEMP B-TREE") == NULL);
    CHECK(!scans(plan));
    if (strstr(plan, index) == NULL || scans(plan))
        printf("  plan:\n%s", plan);
    free(plan);
}

static void
test_page_queries_use_indexes(void)
{
    setup();
    struct ctx li = as(1), liu = as(4), sun = as(5), root = as(6);
    struct record_filter f = { 0 };

    check_plan(&li, &f, "USING INDEX records_staff_date");
    check_plan(&liu, &f, "USING INDEX records_committee_date");
    check_plan(&sun, &f, "USING INDEX records_date");
    check_plan(&root, &f, "USING INDEX records_date");
    snprintf(f.from, sizeof f.from, "2025-01-01");
    snprintf(f.category, sizeof f.category, "visit");
    f.staff_id = 2;
    check_plan(&liu, &f, "USING INDEX records_committee_date");
    check_plan(&sun, &f, "USING INDEX records_date");
    /* a search: FTS5 drives, each match fetched by its rowid */
    snprintf(f.find, sizeof f.find, "社区");
    check_plan(&liu, &f, "VIRTUAL TABLE INDEX");
    check_plan(&liu, &f, "SEARCH r USING INTEGER PRIMARY KEY");
    teardown();
}

int
main(void)
{
    RUN(test_pages_newest_first_by_role);
    RUN(test_filters);
    RUN(test_deep_pages_equal_offset);
    RUN(test_deep_pages_seek);
    RUN(test_count_is_capped);
    RUN(test_page_queries_use_indexes);
    db_close(template_db);
    return CHECK_DONE();
}
