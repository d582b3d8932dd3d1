/* test_records.c — work records: every bad input refused with its message
 * and nothing written, who may write and delete what (the edit window),
 * stale saves, scoping of every read and write, a signed-off month
 * read-only, Chinese full-text search equal to a LIKE scan, the index
 * kept up to date under trusted_schema=OFF, the home line. Lists and
 * their query plans are test_records_pages.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "records_fixture.h"
#include "juwei/config.h"
#include "juwei/date.h"
#include "juwei/db.h"
#include "juwei/records.h"
#include "juwei/signoff.h"

/* --- writing ---------------------------------------------------------- */

static void
test_add_get_and_audit(void)
{
    setup();
    struct ctx c = as(1);
    struct record_input in = input(TODAY, 0, "入户走访：张阿姨家水管漏水");
    struct record r;
    struct error e = { 0 };
    int64_t id = 0;

    in.details = "联系物业维修，\n明天回访。";
    in.hours = "1.5";
    CHECK_INT(records_add(&c, &in, &id, &e), 0);
    CHECK(id > 0);
    CHECK_INT(records_get(&c, id, &r, &e), 0);
    CHECK_STR(r.title, "入户走访：张阿姨家水管漏水");
    CHECK_STR(r.details, "联系物业维修，\n明天回访。");
    CHECK_STR(r.date, TODAY);
    CHECK_STR(r.committee, "c1");
    CHECK_STR(r.staff_name, "李明");
    CHECK_INT(r.staff_id, 1);
    CHECK(r.hours == 1.5);
    CHECK_INT(r.version, 1);
    records_free(&r);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE tbl = 'records'"
                    " AND action = 'insert' AND actor_login = 'li'"
                    " AND after ->> '$.title' ="
                    " '入户走访：张阿姨家水管漏水'"), 1);
    /* the index is up to date when the write returns */
    CHECK_INT(count("SELECT count(*) FROM records_fts WHERE records_fts"
                    " MATCH '\"水管\"'"), 1);
    CHECK_INT(count("SELECT count(*) FROM records_fts_pending"), 0);
    teardown();
}

/* One refused input: the exact message at the field, and nothing written
 * (no record, no audit row, nothing queued for the index). */
static void
refused(int64_t who, struct record_input in, int code, const char *field,
        const char *msg)
{
    struct ctx c = as(who);
    struct error e = { 0 };
    long records = count("SELECT count(*) FROM records");
    long audit = count("SELECT count(*) FROM audit");
    int64_t id = 99;

    CHECK_INT(records_add(&c, &in, &id, &e), -1);
    CHECK_INT(e.code, code);
    CHECK_STR(e.field, field);
    CHECK_STR(e.msg, msg);
    CHECK_INT(count("SELECT count(*) FROM records"), records);
    CHECK_INT(count("SELECT count(*) FROM audit"), audit);
    CHECK_INT(count("SELECT count(*) FROM records_fts_pending"), 0);
}

static void
test_refuse_empty_title(void)
{
    setup();
    refused(1, input(TODAY, 0, ""), E_INVAL, "title", "Title is required");
    refused(1, input(TODAY, 0, "  "), E_INVAL, "title", "Title is required");
    teardown();
}

static void
test_refuse_empty_date_and_category(void)
{
    setup();
    struct record_input in = input("", 0, "会议");

    refused(1, in, E_INVAL, "date", "Date is required");
    in = input(TODAY, 0, "会议");
    in.category = "";
    refused(1, in, E_INVAL, "category", "Category is required");
    in.category = "party";
    refused(1, in, E_INVAL, "category", "unknown category \"party\"");
    teardown();
}

static void
test_refuse_impossible_date(void)
{
    setup();
    refused(1, input("2025-02-29", 0, "会议"), E_INVAL, "date",
            "Date is not a valid date; write it as YYYY-MM-DD");
    refused(1, input("2025-13-01", 0, "会议"), E_INVAL, "date",
            "Date is not a valid date; write it as YYYY-MM-DD");
    refused(1, input("明天", 0, "会议"), E_INVAL, "date",
            "Date is not a valid date; write it as YYYY-MM-DD");
    teardown();
}

static void
test_refuse_future_date(void)
{
    setup();
    refused(1, input("2025-03-13", 0, "会议"), E_INVAL, "date",
            "a work record cannot be dated after today (2025-03-12)");
    /* nobody may: not the director either */
    refused(4, input("2026-01-01", 1, "会议"), E_INVAL, "date",
            "a work record cannot be dated after today (2025-03-12)");
    teardown();
}

static void
test_refuse_hours_out_of_range(void)
{
    setup();
    struct record_input in = input(TODAY, 0, "值班");

    in.hours = "24.5";
    refused(1, in, E_INVAL, "hours", "Hours must be from 0 to 24");
    in.hours = "-0.5";
    refused(1, in, E_INVAL, "hours", "Hours must be from 0 to 24");
    in.hours = "24";
    CHECK(add_ok(1, in) > 0);
    teardown();
}

static void
test_refuse_hours_not_in_half_steps(void)
{
    setup();
    struct record_input in = input(TODAY, 0, "值班");

    in.hours = "1.3";
    refused(1, in, E_INVAL, "hours",
            "hours go in steps of half an hour (0.5)");
    in.hours = "0.25";
    refused(1, in, E_INVAL, "hours",
            "hours go in steps of half an hour (0.5)");
    in.hours = "两小时";
    refused(1, in, E_INVAL, "hours", "hours must be a number such as 2 or 1.5");
    in.hours = "0x10";
    refused(1, in, E_INVAL, "hours", "hours must be a number such as 2 or 1.5");
    in.hours = "1.5.5";
    refused(1, in, E_INVAL, "hours", "hours must be a number such as 2 or 1.5");
    in.hours = "0.50";
    CHECK(add_ok(1, in) > 0);
    teardown();
}

static void
test_refuse_text_too_long(void)
{
    setup();
    char title[81 * 3 + 1] = "", details[2001 * 3 + 1] = "";
    struct record_input in;

    for (int i = 0; i < 81; i++)
        strcat(title, "长");
    refused(1, input(TODAY, 0, title), E_INVAL, "title",
            "Title is too long: 81 characters, at most 80");
    title[80 * 3] = '\0';
    CHECK(add_ok(1, input(TODAY, 0, title)) > 0);
    for (int i = 0; i < 2001; i++)
        strcat(details, "详");
    in = input(TODAY, 0, "详情");
    in.details = details;
    refused(1, in, E_INVAL, "details",
            "Details is too long: 2001 characters, at most 2000");
    teardown();
}

static void
test_refuse_control_characters(void)
{
    setup();
    refused(1, input(TODAY, 0, "标题\x1b[31m"), E_INVAL, "title",
            "Title must be one line without control characters");
    refused(1, input(TODAY, 0, "bad \xff utf-8"), E_INVAL, "title",
            "Title is not valid UTF-8 text");
    teardown();
}

/* --- who may write for whom ------------------------------------------- */

static void
test_staff_write_only_for_themselves(void)
{
    setup();
    refused(1, input(TODAY, 2, "替人写"), E_PERM, "staff_id",
            "you may only write your own work records");
    refused(1, input(TODAY, 3, "替人写"), E_PERM, "staff_id",
            "you may only write your own work records");
    teardown();
}

static void
test_director_writes_for_the_committee(void)
{
    setup();
    int64_t id;

    id = add_ok(4, input("2025-01-02", 2, "主任代录"));
    CHECK_INT(count("SELECT count(*) FROM records WHERE staff_id = 2"
                    " AND committee_id = 'c1'"), 1);
    CHECK(id > 0);
    /* not for another committee's staff, nor a street account */
    refused(4, input(TODAY, 3, "代录"), E_INVAL, "staff_id",
            "work records are kept for the staff of a committee you may "
            "enter records for");
    refused(4, input(TODAY, 5, "代录"), E_INVAL, "staff_id",
            "work records are kept for the staff of a committee you may "
            "enter records for");
    /* nor for a disabled account */
    refused(4, input(TODAY, 9, "代录"), E_INVAL, "staff_id",
            "this person's account is disabled");
    teardown();
}

static void
test_street_writes_for_its_district(void)
{
    setup();
    CHECK(add_ok(5, input(TODAY, 3, "街道代录")) > 0);
    CHECK_INT(count("SELECT count(*) FROM records WHERE committee_id = 'c2'"),
              1);
    refused(5, input(TODAY, 7, "代录"), E_INVAL, "staff_id",
            "work records are kept for the staff of a committee you may "
            "enter records for");
    /* a street account keeps no work records of its own */
    refused(5, input(TODAY, 0, "自己的"), E_INVAL, "staff_id",
            "work records are kept for the staff of a committee you may "
            "enter records for");
    teardown();
}

/* store_apply() straight, as another module might: the table's own rule
 * still holds the staff member to the record's committee. */
static void
test_table_rule_holds_without_the_module(void)
{
    setup();
    struct ctx c = as(4);
    struct value v[REC_NCOLS];
    struct change ch = { &records_table, CH_INSERT, 0, 0, v, NULL, NULL };
    struct error e = { 0 };

    memset(v, 0, sizeof v);
    v[REC_COMMITTEE].s = "c1";
    v[REC_STAFF].i = 3;           /* chen is in c2 */
    v[REC_DATE].s = TODAY;
    v[REC_CATEGORY].s = "visit";
    v[REC_TITLE].s = "错位";
    CHECK_INT(store_apply(&c, &ch, 1, &e), -1);
    CHECK_STR(e.field, "staff_id");
    CHECK_STR(e.msg, "this person is not on the staff of the record's "
                     "committee");
    CHECK_INT(count("SELECT count(*) FROM records"), 0);
    teardown();
}

/* --- changing and deleting --------------------------------------------- */

static void
test_update_and_stale(void)
{
    setup();
    struct ctx li = as(1), liu = as(4);
    struct record_input in = input(TODAY, 0, "原标题");
    struct record r;
    struct error e = { 0 };
    int64_t id;

    id = add_ok(1, in);
    in.title = "改后的标题";
    in.hours = "2";
    CHECK_INT(records_update(&li, id, 1, &in, &e), 0);
    CHECK_INT(records_get(&li, id, &r, &e), 0);
    CHECK_STR(r.title, "改后的标题");
    CHECK_INT(r.version, 2);
    CHECK(r.hours == 2);
    records_free(&r);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE tbl = 'records'"
                    " AND action = 'update' AND before ->> '$.title' ="
                    " '原标题' AND after ->> '$.title' = '改后的标题'"), 1);
    /* a second kiosk still holding version 1 */
    in.title = "另一台的修改";
    in.staff_id = 1;
    CHECK_INT(records_update(&liu, id, 1, &in, &e), -1);
    CHECK_INT(e.code, E_STALE);
    CHECK_STR(e.msg, "someone else changed this record; reopen it to see "
                     "their change");
    CHECK_INT(count("SELECT count(*) FROM records WHERE title ="
                    " '改后的标题' AND version = 2"), 1);
    /* the index follows the update: old words gone, new ones there */
    CHECK_INT(count("SELECT count(*) FROM records_fts WHERE records_fts"
                    " MATCH '\"原标\"'"), 0);
    CHECK_INT(count("SELECT count(*) FROM records_fts WHERE records_fts"
                    " MATCH '\"改后\"'"), 1);
    /* a bad update changes nothing */
    in.title = "";
    CHECK_INT(records_update(&li, id, 2, &in, &e), -1);
    CHECK_STR(e.msg, "Title is required");
    CHECK_INT(count("SELECT version FROM records"), 2);
    teardown();
}

static void
test_delete_within_the_edit_window(void)
{
    setup();
    struct ctx li = as(1), zhao = as(2), liu = as(4), sun = as(5);
    struct error e = { 0 };
    int64_t recent, old, older;

    recent = add_ok(1, input("2025-03-05", 0, "七天前"));   /* 7 days */
    old = add_ok(4, input("2025-03-04", 1, "八天前"));      /* 8 days */
    older = add_ok(4, input("2024-12-01", 1, "更早"));
    /* not someone else's */
    CHECK_INT(records_delete(&zhao, recent, 1, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.msg, "you may only change your own records");
    /* mine, in the window */
    CHECK_INT(records_delete(&li, recent, 1, &e), 0);
    /* mine, too old: neither deleted nor changed */
    CHECK_INT(records_delete(&li, old, 1, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.field, "date");
    CHECK_STR(e.msg, "this record is more than 7 days old; only the "
                     "director or the street office may change it now");
    struct record_input in = input("2025-03-04", 0, "改一下");
    CHECK_INT(records_update(&li, old, 1, &in, &e), -1);
    CHECK_STR(e.msg, "this record is more than 7 days old; only the "
                     "director or the street office may change it now");
    /* nor may staff enter one older than the window */
    refused(1, input("2025-03-04", 0, "补录"), E_INVAL, "date",
            "records dated more than 7 days ago are entered by the "
            "director or the street office");
    CHECK_INT(count("SELECT count(*) FROM records"), 2);
    /* the director and the street office correct older ones */
    in.staff_id = 1;
    CHECK_INT(records_update(&liu, old, 1, &in, &e), 0);
    CHECK_INT(records_delete(&liu, old, 2, &e), 0);
    CHECK_INT(records_delete(&sun, older, 1, &e), 0);
    CHECK_INT(count("SELECT count(*) FROM records"), 0);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE tbl = 'records'"
                    " AND action = 'delete'"), 3);
    CHECK_INT(count("SELECT count(*) FROM records_fts WHERE records_fts"
                    " MATCH '\"天前\"'"), 0);
    teardown();
}

/* Staff of one committee cannot see or change another's rows by any
 * path: get, page, count, search, update, delete. */
static void
test_other_committee_unreachable(void)
{
    setup();
    struct ctx chen = as(3), he = as(10), zhou = as(8), zhao = as(2);
    struct record_filter f = { 0 };
    struct record rows[10], r;
    struct record_input in = input(TODAY, 0, "改别人的");
    struct error e = { 0 };
    int64_t id;
    int got = -1;

    id = add_ok(1, input(TODAY, 0, "幸福社区的记录"));
    struct ctx *outsiders[] = { &chen, &he, &zhou };
    for (size_t i = 0; i < ARRAY_LEN(outsiders); i++) {
        struct ctx *c = outsiders[i];

        CHECK_INT(records_get(c, id, &r, &e), -1);
        CHECK_INT(e.code, E_NOTFOUND);
        memset(&f, 0, sizeof f);
        CHECK_INT(records_page(c, &f, PAGE_FIRST, NULL, 0, 10, rows, &got,
                               &e), 0);
        CHECK_INT(got, 0);
        CHECK_INT(records_count(c, &f), 0);
        snprintf(f.find, sizeof f.find, "幸福");
        CHECK_INT(records_page(c, &f, PAGE_FIRST, NULL, 0, 10, rows, &got,
                               &e), 0);
        CHECK_INT(got, 0);
        CHECK_INT(records_count(c, &f), 0);
        in.staff_id = c->who.role == ROLE_STAFF ? 0 : 1;
        CHECK_INT(records_update(c, id, 1, &in, &e), -1);
        CHECK(e.code == E_PERM || e.code == E_INVAL);
        CHECK_INT(records_delete(c, id, 1, &e), -1);
        CHECK_INT(e.code, E_PERM);
    }
    /* a colleague of the same committee reads only her own */
    memset(&f, 0, sizeof f);
    CHECK_INT(records_get(&zhao, id, &r, &e), -1);
    CHECK_INT(records_page(&zhao, &f, PAGE_FIRST, NULL, 0, 10, rows, &got,
                           &e), 0);
    CHECK_INT(got, 0);
    CHECK_INT(count("SELECT count(*) FROM records WHERE title ="
                    " '幸福社区的记录' AND version = 1"), 1);
    teardown();
}

/* Once the street office signs a committee's month off, its records are
 * read-only for everyone: no new one dated in it, no edit, no delete;
 * other committees and other months are untouched. */
static void
test_signed_off_month_is_read_only(void)
{
    struct ctx sun, liu;
    struct error e = { 0 };
    int64_t id, nid = 0;
    struct record_input in = input("2025-02-11", 1, "补记二月");
    long before;

    setup();
    sun = as(5);
    liu = as(4);
    id = add_ok(4, input("2025-02-10", 1, "二月的记录"));
    CHECK_INT(signoff_sign(&sun, "c1", "2025-02", &e), 0);
    before = count("SELECT count(*) FROM records");
    CHECK_INT(records_add(&liu, &in, &nid, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.field, "date");
    in = input("2025-02-10", 1, "改二月");
    CHECK_INT(records_update(&liu, id, 1, &in, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(records_delete(&liu, id, 1, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(count("SELECT count(*) FROM records"), before);
    CHECK_INT(count("SELECT count(*) FROM records WHERE title = '二月的记录'"),
              1);
    /* March is open, and so is February of another committee. */
    add_ok(4, input("2025-03-03", 1, "三月的记录"));
    add_ok(10, input("2025-02-10", 3, "和平社区二月"));
    teardown();
}

/* --- search ------------------------------------------------------------- */

static const char *const words[] = {
    "社区", "张三", "王", "楼道", "堆放", "杂物", "消防", "通道", "3号楼",
    "2单元", "101", "老人", "独居", "走访", "低保", "会议", "学习", "垃圾",
    "分类", "宣传", "矛盾", "调解", "，", "。", "物业", "水管", "漏水",
};

static unsigned lcg = 12345;

static const char *
word(void)
{
    lcg = lcg * 1103515245u + 12345u;
    return words[(lcg >> 16) % ARRAY_LEN(words)];
}

static void
sentence(char *buf, size_t size, int n)
{
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        const char *w = word();

        if (strlen(buf) + strlen(w) + 1 < size)
            strcat(buf, w);
    }
}

/* What the search must find: the scoped rows whose title or details hold
 * q, as a plain substring scan. */
static void
check_search(struct ctx *c, const char *q, const char *scope)
{
    struct record_filter f = { 0 };
    struct record rows[9];
    int64_t want[400], ids[400];
    int nwant, n = 0, got;
    struct error e = { 0 };
    sqlite3_stmt *st;
    char *sql = xasprintf("SELECT id FROM records WHERE %s AND"
                          " (instr(title, ?1) > 0 OR instr(coalesce(details,"
                          " ''), ?1) > 0) ORDER BY id DESC", scope);

    sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL);
    sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
    for (nwant = 0; nwant < 400 && sqlite3_step(st) == SQLITE_ROW; nwant++)
        want[nwant] = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    free(sql);
    snprintf(f.find, sizeof f.find, "%s", q);
    /* through pages of 9, as the list reads them */
    CHECK_INT(records_page(c, &f, PAGE_FIRST, NULL, 0, 9, rows, &got, &e), 0);
    while (got > 0 && n + got <= 400) {
        for (int i = 0; i < got; i++)
            ids[n++] = rows[i].id;
        if (got < 9)
            break;
        CHECK_INT(records_page(c, &f, PAGE_AFTER, rows[8].date, rows[8].id, 9,
                               rows, &got, &e), 0);
    }
    if (n != nwant)
        printf("  search \"%s\" (%s): %d found, LIKE finds %d\n", q, scope,
               n, nwant);
    CHECK_INT(n, nwant);
    for (int i = 0; i < n && i < nwant; i++)
        CHECK_INT(ids[i], want[i]);
    CHECK_INT(records_count(c, &f), nwant);
}

static void
fill_search(void)
{
    char title[256], details[512], date[11];
    static const int64_t people[] = { 1, 2, 3, 7 };

    lcg = 12345;
    for (int i = 0; i < 300; i++) {
        struct record_input in;
        int64_t who = people[i % 4];

        sentence(title, sizeof title, 1 + i % 4);
        sentence(details, sizeof details, i % 9);
        date_format(date_from_ymd(2025, 3, 12) - i % 6, date);
        in = input(date, 0, title);
        in.details = details;
        add_ok(who, in);
    }
}

static void
test_search_equals_like(void)
{
    setup();
    static const char *const queries[] = {
        "王", "楼", "社", "，", "1",                  /* one character */
        "社区", "张三", "楼道", "区张", "3号", "老人",  /* two */
        "3号楼", "消防通道", "堆放杂物", "独居老人走访", "101", "不存在的词",
    };
    struct ctx li = as(1), liu = as(4), sun = as(5), wang = as(7),
               root = as(6);
    struct record_input in;
    struct record r;
    struct error e = { 0 };

    fill_search();
    for (size_t i = 0; i < ARRAY_LEN(queries); i++) {
        check_search(&li, queries[i], "staff_id = 1");
        check_search(&liu, queries[i], "committee_id = 'c1'");
        check_search(&sun, queries[i], "committee_id IN ('c1', 'c2')");
        check_search(&wang, queries[i], "staff_id = 7");
        check_search(&root, queries[i], "1");
    }
    /* still equal after updates and deletes */
    for (int64_t id = 1; id <= 40; id += 3) {
        CHECK_INT(records_get(&root, id, &r, &e), 0);
        in = input(r.date, r.staff_id, id % 2 ? "社区楼道清理" : "张三");
        in.details = id % 2 ? "" : "消防通道";
        CHECK_INT(records_update(&root, id, r.version, &in, &e), 0);
        records_free(&r);
    }
    for (int64_t id = 2; id <= 40; id += 5) {
        CHECK_INT(records_get(&root, id, &r, &e), 0);
        CHECK_INT(records_delete(&root, id, r.version, &e), 0);
        records_free(&r);
    }
    for (size_t i = 0; i < ARRAY_LEN(queries); i++) {
        check_search(&liu, queries[i], "committee_id = 'c1'");
        check_search(&root, queries[i], "1");
    }
    /* several words: all of them, anywhere */
    struct record_filter f = { 0 };
    snprintf(f.find, sizeof f.find, "张三　消防");   /* ideographic space */
    CHECK_INT(records_count(&root, &f),
              count("SELECT count(*) FROM records WHERE"
                    " (instr(title, '张三') OR instr(details, '张三'))"
                    " AND (instr(title, '消防') OR instr(details, '消防'))"));
    teardown();
}

/* db.c sets trusted_schema=OFF, under which SQLite refuses a trigger that
 * writes an FTS5 table; the queue's triggers write a plain table. A write
 * by another path (store_apply straight) is queued and applied by the
 * next search or write, so the index never misses it. */
static void
test_index_under_trusted_schema_off(void)
{
    setup();
    struct ctx liu = as(4);
    struct value v[REC_NCOLS];
    struct change ch = { &records_table, CH_INSERT, 0, 0, v, NULL, NULL };
    struct record_filter f = { 0 };
    struct record rows[4];
    struct error e = { 0 };
    char *err = NULL;
    int got;

    CHECK_INT(count("PRAGMA trusted_schema"), 0);
    memset(v, 0, sizeof v);
    v[REC_COMMITTEE].s = "c1";
    v[REC_STAFF].i = 2;
    v[REC_DATE].s = TODAY;
    v[REC_CATEGORY].s = "visit";
    v[REC_TITLE].s = "绕过模块写入的记录";
    CHECK_INT(store_apply(&liu, &ch, 1, &e), 0);
    CHECK_INT(count("SELECT count(*) FROM records_fts_pending"), 1);
    snprintf(f.find, sizeof f.find, "绕过");
    CHECK_INT(records_page(&liu, &f, PAGE_FIRST, NULL, 0, 4, rows, &got, &e),
              0);
    CHECK_INT(got, 1);
    CHECK_INT(count("SELECT count(*) FROM records_fts_pending"), 0);
    /* an update and a delete straight through store_apply, then a write
     * through the module: both queued changes are applied */
    ch.op = CH_UPDATE;
    ch.version = 1;
    v[REC_TITLE].s = "第二次改写";
    CHECK_INT(store_apply(&liu, &ch, 1, &e), 0);
    add_ok(1, input(TODAY, 0, "另一条"));
    CHECK_INT(count("SELECT count(*) FROM records_fts_pending"), 0);
    CHECK_INT(count("SELECT count(*) FROM records_fts WHERE records_fts"
                    " MATCH '\"绕过\"'"), 0);
    CHECK_INT(count("SELECT count(*) FROM records_fts WHERE records_fts"
                    " MATCH '\"改写\"'"), 1);
    ch.op = CH_DELETE;
    ch.version = 2;
    CHECK_INT(store_apply(&liu, &ch, 1, &e), 0);
    CHECK_INT(records_fts_sync(db, &e), 0);
    CHECK_INT(count("SELECT count(*) FROM records_fts WHERE records_fts"
                    " MATCH '\"改写\"'"), 0);
    /* the index agrees with its content table */
    CHECK_INT(sqlite3_exec(db_sqlite(db), "INSERT INTO records_fts"
                           " (records_fts) VALUES ('integrity-check')", NULL,
                           NULL, NULL), SQLITE_OK);
    /* why the queue: a trigger writing the FTS table is refused here */
    exec("CREATE TEMP TABLE t (x TEXT);"
         "CREATE TEMP TRIGGER t_ai AFTER INSERT ON t BEGIN"
         " INSERT INTO records_fts (rowid, title) VALUES (1000, new.x); END;");
    CHECK(sqlite3_exec(db_sqlite(db), "INSERT INTO t VALUES ('x')", NULL,
                       NULL, &err) != SQLITE_OK);
    CHECK_CONTAINS(err, "unsafe use of virtual table");
    sqlite3_free(err);
    teardown();
}

/* --- the home line ------------------------------------------------------ */

static void
test_missing_today(void)
{
    setup();
    struct ctx li = as(1), liu = as(4), sun = as(5);

    CHECK_INT(records_missing_today(&li), 1);
    CHECK_INT(records_missing_today(&liu), 1);
    CHECK_INT(records_missing_today(&sun), 0);     /* street: not asked */
    add_ok(1, input("2025-03-11", 0, "昨天的"));
    CHECK_INT(records_missing_today(&li), 1);
    add_ok(4, input(TODAY, 2, "赵丽的"));           /* someone else's */
    CHECK_INT(records_missing_today(&li), 1);
    add_ok(1, input(TODAY, 0, "今天的"));
    CHECK_INT(records_missing_today(&li), 0);
    CHECK_INT(records_missing_today(&liu), 1);
    /* Saturday 2025-03-15: a day off */
    util_set_now(NOW + 3 * 86400);
    CHECK_INT(records_missing_today(&liu), 0);
    util_set_now(NOW);
    teardown();
}

int
main(void)
{
    RUN(test_add_get_and_audit);
    RUN(test_refuse_empty_title);
    RUN(test_refuse_empty_date_and_category);
    RUN(test_refuse_impossible_date);
    RUN(test_refuse_future_date);
    RUN(test_refuse_hours_out_of_range);
    RUN(test_refuse_hours_not_in_half_steps);
    RUN(test_refuse_text_too_long);
    RUN(test_refuse_control_characters);
    RUN(test_staff_write_only_for_themselves);
    RUN(test_director_writes_for_the_committee);
    RUN(test_street_writes_for_its_district);
    RUN(test_table_rule_holds_without_the_module);
    RUN(test_update_and_stale);
    RUN(test_delete_within_the_edit_window);
    RUN(test_other_committee_unreachable);
    RUN(test_search_equals_like);
    RUN(test_index_under_trusted_schema_off);
    RUN(test_missing_today);
    RUN(test_signed_off_month_is_read_only);
    db_close(template_db);
    return CHECK_DONE();
}
