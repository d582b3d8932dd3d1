/* test_store.c — store_apply(): scope and owner rules, stale versions,
 * validation with nothing written, audit rows and their append-only
 * triggers, all-or-nothing batches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/store.h"

static struct db *db;

static struct cfg_district districts[] = {
    { (char *)"east", (char *)"东城街道" },
    { (char *)"west", (char *)"西城街道" },
};
static struct cfg_committee committees[] = {
    { (char *)"c1", (char *)"幸福社区", (char *)"east", NULL, 0 },
    { (char *)"c2", (char *)"和平社区", (char *)"east", NULL, 0 },
    { (char *)"c3", (char *)"光明社区", (char *)"west", NULL, 0 },
    { (char *)"c9", (char *)"旧社区", (char *)"west", NULL, 0 },
};

/* Accounts, by id: 1 li (staff, c1), 2 zhao (staff, c1), 3 chen (staff,
 * c2), 4 liu (director, c1), 5 sun (street, east), 6 root (admin). */
static const char sql_people[] =
    "INSERT INTO staff (id, login, name, committee_id, district_id, role,"
    " password_hash, created_at, updated_at) VALUES"
    " (1, 'li', '李明', 'c1', 'east', 'staff', 'x', 0, 0),"
    " (2, 'zhao', '赵丽', 'c1', 'east', 'staff', 'x', 0, 0),"
    " (3, 'chen', '陈刚', 'c2', 'east', 'staff', 'x', 0, 0),"
    " (4, 'liu', '刘主任', 'c1', 'east', 'director', 'x', 0, 0),"
    " (5, 'sun', '孙街道', NULL, 'east', 'street', 'x', 0, 0),"
    " (6, 'root', '管理员', NULL, NULL, 'admin', 'x', 0, 0);";

static struct ctx
as(int64_t id)
{
    static const struct {
        const char *login, *committee, *district;
        enum role role;
    } who[] = {
        { "", "", "", ROLE_ADMIN },
        { "li", "c1", "east", ROLE_STAFF },
        { "zhao", "c1", "east", ROLE_STAFF },
        { "chen", "c2", "east", ROLE_STAFF },
        { "liu", "c1", "east", ROLE_DIRECTOR },
        { "sun", "", "east", ROLE_STREET },
        { "root", "", "", ROLE_ADMIN },
    };
    struct ctx c = { 0 };

    c.db = db;
    c.who.staff_id = id;
    snprintf(c.who.login, sizeof c.who.login, "%s", who[id].login);
    snprintf(c.who.committee, sizeof c.who.committee, "%s", who[id].committee);
    snprintf(c.who.district, sizeof c.who.district, "%s", who[id].district);
    c.who.role = who[id].role;
    return c;
}

static int
refuse_forbidden(struct ctx *ctx, const struct change *ch, struct error *e)
{
    (void)ctx;
    /* The rule sees the stored row of an update. */
    if (ch->op == CH_UPDATE && (ch->old == NULL || ch->old[4].s == NULL))
        return error_set(e, E_INVAL, NULL, "old row missing");
    if (ch->op != CH_DELETE && ch->vals[4].s != NULL &&
        strcmp(ch->vals[4].s, "forbidden") == 0)
        return error_set(e, E_INVAL, "title", "that title is not allowed");
    return 0;
}

static const struct column record_cols[] = {
    { "committee_id", COL_ID, true, 0, 0, 0, "Committee", false },
    { "staff_id", COL_ID, true, 0, 0, 0, "Staff", false },
    { "date", COL_DATE, true, 0, 0, 0, "Date", false },
    { "category", COL_ID, true, 0, 0, 0, "Category", false },
    { "title", COL_TEXT, true, 10, 0, 0, "Title", false },
    { "details", COL_LONGTEXT, false, 200, 0, 0, "Details", false },
    { "hours", COL_REAL, false, 0, 0, 24, "Hours", false },
};
static const struct table records = {
    .name = "records", .cols = record_cols, .ncols = 7,
    .committee_col = "committee_id", .owner_col = "staff_id",
    .check = refuse_forbidden,
};

static const struct column resident_cols[] = {
    { "committee_id", COL_ID, true, 0, 0, 0, "Committee", false },
    { "name", COL_TEXT, true, 20, 0, 0, "Name", false },
    { "birth_year", COL_INT, false, 0, 1900, 2100, "Birth year", false },
};
static const struct table residents = {
    .name = "residents", .cols = resident_cols, .ncols = 3,
    .committee_col = "committee_id",
};

static const struct column inspection_cols[] = {
    { "committee_id", COL_ID, true, 0, 0, 0, "Committee", false },
    { "date", COL_DATE, true, 0, 0, 0, "Date", false },
    { "time", COL_TIME, false, 0, 0, 0, "Time", false },
    { "place", COL_TEXT, true, 40, 0, 0, "Place", false },
    { "category", COL_ID, true, 0, 0, 0, "Category", false },
    { "found", COL_LONGTEXT, true, 0, 0, 0, "Found", false },
    { "created_by", COL_ID, true, 0, 0, 0, "Created by", false },
};
static const struct table inspections = {
    .name = "inspections", .cols = inspection_cols, .ncols = 7,
    .committee_col = "committee_id",
};

/* A table with neither committee nor district column: admins only. */
static const struct column training_cols[] = {
    { "district_id", COL_ID, true, 0, 0, 0, "District", false },
    { "date", COL_DATE, true, 0, 0, 0, "Date", false },
    { "level", COL_ID, true, 0, 0, 0, "Level", false },
    { "title", COL_TEXT, true, 0, 0, 0, "Title", false },
    { "hours", COL_REAL, true, 0, 0, 100, "Hours", false },
};
static const struct table training_unscoped = {
    .name = "training", .cols = training_cols, .ncols = 5,
};

static const struct column account_cols[] = {
    { "login", COL_TEXT, true, 32, 0, 0, "Login", false },
    { "name", COL_TEXT, true, 40, 0, 0, "Name", false },
    { "committee_id", COL_ID, false, 0, 0, 0, "Committee", false },
    { "district_id", COL_ID, false, 0, 0, 0, "District", false },
    { "role", COL_ID, true, 0, 0, 0, "Role", false },
    { "password_hash", COL_TEXT, true, 0, 0, 0, "Password", true },
};
static const struct table accounts = {
    .name = "staff", .cols = account_cols, .ncols = 6,
    .committee_col = "committee_id", .owner_col = "id",
    .district_col = "district_id",
};

static struct value rec[7];

/* A valid work record of `staff` in `committee`. */
static const struct value *
record(const char *committee, int64_t staff, const char *title)
{
    memset(rec, 0, sizeof rec);
    rec[0].s = committee;
    rec[1].i = staff;
    rec[2].s = "2024-03-15";
    rec[3].s = "meeting";
    rec[4].s = title;
    rec[5].s = "第一行\n第二行";
    rec[6].r = 2.5;
    return rec;
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
n_records(void)
{
    return count("SELECT count(*) FROM records");
}

static int
n_audit(void)
{
    return count("SELECT count(*) FROM audit");
}

static int64_t
insert_record(int64_t as_id, const char *committee, int64_t staff,
              const char *title)
{
    struct ctx c = as(as_id);
    struct error e = { 0 };
    struct change ch = { &records, CH_INSERT, 0, 0, record(committee, staff,
                                                           title), NULL, NULL };

    if (store_apply(&c, &ch, 1, &e) < 0) {
        printf("  insert_record: %s\n", e.msg);
        return 0;
    }
    return ch.id;
}

static void
setup(void)
{
    struct error e = { 0 };
    struct config cfg = { 0 };

    db = db_open(":memory:", DB_CREATE, &e);
    if (db == NULL || db_migrate(db, &e) < 0) {
        printf("setup: %s\n", e.msg);
        exit(2);
    }
    cfg.districts = districts;
    cfg.ndistricts = 2;
    cfg.committees = committees;
    cfg.ncommittees = 4;
    if (db_sync_config(db, &cfg, &e) < 0) {
        printf("setup: %s\n", e.msg);
        exit(2);
    }
    cfg.ncommittees = 3;           /* c9 retired */
    db_sync_config(db, &cfg, &e);
    fixture_exec(db, sql_people);
    util_set_now(1700000000);
}

static void
test_insert_writes_audit(void)
{
    char buf[256];
    int64_t id;
    int audits = n_audit();

    id = insert_record(1, "c1", 1, "入户走访");
    CHECK(id > 0);
    CHECK_INT(count("SELECT version FROM records ORDER BY id DESC LIMIT 1"), 1);
    CHECK_INT(count("SELECT created_at = 1700000000 AND updated_at = 1700000000"
                    " FROM records ORDER BY id DESC LIMIT 1"), 1);
    CHECK_INT(n_audit(), audits + 1);
    CHECK_STR(text("SELECT action || ' ' || tbl || ' ' || actor_id || ' ' ||"
                   " actor_login || ' ' || at FROM audit ORDER BY id DESC"
                   " LIMIT 1", buf, sizeof buf),
              "insert records 1 li 1700000000");
    CHECK_STR(text("SELECT after ->> '$.title' FROM audit ORDER BY id DESC"
                   " LIMIT 1", buf, sizeof buf), "入户走访");
    CHECK_STR(text("SELECT after ->> '$.details' FROM audit ORDER BY id DESC"
                   " LIMIT 1", buf, sizeof buf), "第一行\n第二行");
    CHECK_INT(count("SELECT before IS NULL FROM audit ORDER BY id DESC"
                    " LIMIT 1"), 1);
    CHECK_INT(count("SELECT row_id FROM audit ORDER BY id DESC LIMIT 1"), id);
}

static void
test_update_and_delete_audit(void)
{
    struct ctx c = as(1);
    struct error e = { 0 };
    int64_t id = insert_record(1, "c1", 1, "旧标题");
    struct change ch = { &records, CH_UPDATE, id, 1,
                         record("c1", 1, "新标题"), NULL, NULL };
    char buf[256];

    util_set_now(1700000100);
    CHECK_INT(store_apply(&c, &ch, 1, &e), 0);
    CHECK(ch.old == NULL);
    CHECK_INT(count("SELECT version FROM records ORDER BY id DESC LIMIT 1"), 2);
    CHECK_INT(count("SELECT updated_at - created_at FROM records"
                    " ORDER BY id DESC LIMIT 1"), 100);
    CHECK_STR(text("SELECT (before ->> '$.title') || '→' ||"
                   " (after ->> '$.title') || ' ' || (after ->> '$.version')"
                   " FROM audit ORDER BY id DESC LIMIT 1", buf, sizeof buf),
              "旧标题→新标题 2");

    ch.op = CH_DELETE;
    ch.version = 2;
    ch.vals = NULL;
    CHECK_INT(store_apply(&c, &ch, 1, &e), 0);
    CHECK_INT(count("SELECT count(*) FROM records WHERE title = '新标题'"), 0);
    CHECK_STR(text("SELECT action || ' ' || (before ->> '$.title') FROM audit"
                   " ORDER BY id DESC LIMIT 1", buf, sizeof buf),
              "delete 新标题");
    CHECK_INT(count("SELECT after IS NULL FROM audit ORDER BY id DESC LIMIT 1"),
              1);
    util_set_now(1700000000);
}

static void
test_perm_other_committee_insert(void)
{
    struct ctx c = as(3);   /* chen, staff of c2 */
    struct error e = { 0 };
    struct change ch = { &records, CH_INSERT, 0, 0, record("c1", 3, "越权"),
                         NULL, NULL };
    int before = n_records(), audits = n_audit();

    CHECK_INT(store_apply(&c, &ch, 1, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.field, "committee_id");
    CHECK_STR(e.msg, "this account may only change records of its own "
                     "committee");
    CHECK_INT(ch.id, 0);
    CHECK_INT(n_records(), before);
    CHECK_INT(n_audit(), audits);
}

static void
test_perm_other_committee_update(void)
{
    int64_t id = insert_record(1, "c1", 1, "幸福");
    struct ctx c = as(3);
    struct error e = { 0 };
    struct change ch = { &records, CH_UPDATE, id, 1, record("c2", 3, "抢走"),
                         NULL, NULL };
    int audits = n_audit();
    char buf[64], sql[128];

    /* chen cannot take li's c1 record into c2 */
    CHECK_INT(store_apply(&c, &ch, 1, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.msg, "this account may only change records of its own "
                     "committee");
    /* nor may li move it out of c1 */
    c = as(1);
    ch.vals = record("c2", 1, "搬走");
    CHECK_INT(store_apply(&c, &ch, 1, &e), -1);
    CHECK_INT(e.code, E_PERM);
    snprintf(sql, sizeof sql, "SELECT committee_id || title || version FROM"
             " records WHERE id = %lld", (long long)id);
    CHECK_STR(text(sql, buf, sizeof buf), "c1幸福1");
    CHECK_INT(n_audit(), audits);

    /* The street office of the district may; of another district not. */
    c = as(5);
    ch.vals = record("c1", 1, "街道改");
    CHECK_INT(store_apply(&c, &ch, 1, &e), 0);
    CHECK_INT(insert_record(5, "c3", 1, "西城"), 0);
}

static void
test_owner_rule(void)
{
    int64_t id = insert_record(1, "c1", 1, "李的记录");
    struct ctx c = as(2);   /* zhao, same committee */
    struct error e = { 0 };
    struct change ch = { &records, CH_UPDATE, id, 1,
                         record("c1", 1, "赵改的"), NULL, NULL };
    int before = n_records();

    CHECK_INT(store_apply(&c, &ch, 1, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.field, "staff_id");
    CHECK_STR(e.msg, "you may only change your own records");
    /* taking it over by writing one's own id is refused too */
    ch.vals = record("c1", 2, "赵的了");
    CHECK_INT(store_apply(&c, &ch, 1, &e), -1);
    CHECK_INT(e.code, E_PERM);
    /* nor may a staff member write a record in a colleague's name */
    CHECK_INT(insert_record(2, "c1", 1, "替人写"), 0);
    CHECK_INT(n_records(), before);

    /* the director of the committee may edit anyone's record there */
    c = as(4);
    ch.vals = record("c1", 1, "主任改");
    CHECK_INT(store_apply(&c, &ch, 1, &e), 0);
}

static void
test_unscoped_admin_only(void)
{
    struct value v[5] = {
        { .s = "east" }, { .s = "2024-05-01" }, { .s = "street" },
        { .s = "消防培训" }, { .r = 3 },
    };
    struct change ch = { &training_unscoped, CH_INSERT, 0, 0, v, NULL, NULL };
    struct error e = { 0 };
    struct ctx c = as(5);   /* even the street office */

    CHECK_INT(store_apply(&c, &ch, 1, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.msg, "only an administrator may change this");
    c = as(6);
    CHECK_INT(store_apply(&c, &ch, 1, &e), 0);
    CHECK(ch.id > 0);
}

static void
test_stale_version(void)
{
    int64_t id = insert_record(1, "c1", 1, "第一版");
    struct ctx li = as(1), liu = as(4);
    struct error e = { 0 };
    struct change mine = { &records, CH_UPDATE, id, 1,
                           record("c1", 1, "主任版"), NULL, NULL };
    struct change theirs;
    char buf[64], sql[128];
    int audits;

    /* the director saves first … */
    CHECK_INT(store_apply(&liu, &mine, 1, &e), 0);
    audits = n_audit();
    /* … li, who opened version 1 too, is refused */
    theirs = mine;
    theirs.vals = record("c1", 1, "李的版");
    CHECK_INT(store_apply(&li, &theirs, 1, &e), -1);
    CHECK_INT(e.code, E_STALE);
    CHECK_STR(e.msg, "someone else changed this record; reopen it to see "
                     "their change");
    theirs.op = CH_DELETE;
    CHECK_INT(store_apply(&li, &theirs, 1, &e), -1);
    CHECK_INT(e.code, E_STALE);
    snprintf(sql, sizeof sql, "SELECT title || version FROM records WHERE"
             " id = %lld", (long long)id);
    CHECK_STR(text(sql, buf, sizeof buf), "主任版2");
    CHECK_INT(n_audit(), audits);

    theirs.op = CH_UPDATE;
    theirs.id = 999999;
    CHECK_INT(store_apply(&li, &theirs, 1, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    CHECK_STR(e.msg, "this record no longer exists; someone may have deleted "
                     "it");
}

/* Each bad value: its message, its field, and nothing written. */
static void
refused(const struct table *t, const struct value *v, const char *field,
        const char *msg)
{
    struct ctx c = as(1);
    struct error e = { 0 };
    struct change ch = { t, CH_INSERT, 0, 0, v, NULL, NULL };
    int before = n_records(), audits = n_audit();
    int residents_before = count("SELECT count(*) FROM residents");

    CHECK_INT(store_apply(&c, &ch, 1, &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.field, field);
    CHECK_STR(e.msg, msg);
    CHECK_INT(n_records(), before);
    CHECK_INT(count("SELECT count(*) FROM residents"), residents_before);
    CHECK_INT(n_audit(), audits);
}

static void
test_validation_required(void)
{
    refused(&records, record("c1", 1, NULL), "title", "Title is required");
    refused(&records, record("c1", 1, ""), "title", "Title is required");
    rec[2].s = "";
    rec[4].s = "x";
    refused(&records, rec, "date", "Date is required");
    record("c1", 1, "x");
    rec[1].null = true;
    refused(&records, rec, "staff_id", "Staff is required");
}

static void
test_validation_too_long(void)
{
    /* 10 characters (30 bytes) fit; 11 do not. */
    CHECK(insert_record(1, "c1", 1, "一二三四五六七八九十") > 0);
    refused(&records, record("c1", 1, "一二三四五六七八九十一"), "title",
            "Title is too long: 11 characters, at most 10");
}

static void
test_validation_bad_utf8(void)
{
    refused(&records, record("c1", 1, "ab\xff\xfe"), "title",
            "Title is not valid UTF-8 text");
    /* an overlong "/" and a lone surrogate are not UTF-8 either */
    refused(&records, record("c1", 1, "\xc0\xaf"), "title",
            "Title is not valid UTF-8 text");
    refused(&records, record("c1", 1, "\xed\xa0\x80"), "title",
            "Title is not valid UTF-8 text");
    record("c1", 1, "好");
    rec[5].s = "半个字\xe5\xa5";
    refused(&records, rec, "details", "Details is not valid UTF-8 text");
}

static void
test_validation_control_chars(void)
{
    refused(&records, record("c1", 1, "红\x1b[31m字"), "title",
            "Title must be one line without control characters");
    refused(&records, record("c1", 1, "两\n行"), "title",
            "Title must be one line without control characters");
    refused(&records, record("c1", 1, "c1 \xc2\x9b"), "title",
            "Title must be one line without control characters");
    record("c1", 1, "好");
    rec[5].s = "响铃\a";
    refused(&records, rec, "details", "Details contains control characters");
    /* newlines and tabs are fine in a long text */
    record("c1", 1, "好");
    rec[5].s = "一\n\t二";
    CHECK(insert_record(1, "c1", 1, "多行") > 0);
}

static void
test_validation_dates_times(void)
{
    static const char *const bad[] = {
        "2024-02-30", "2023-02-29", "2024-2-3", "24-03-01", "2024/03/01",
        "1899-12-31", "2024-13-01", "2024-03-00", "2024-03-15x", "今天",
    };
    struct value v[7] = {
        { .s = "c1" }, { .s = "2024-03-01" }, { .s = "24:00" },
        { .s = "3号楼" }, { .s = "safety" }, { .s = "楼道堆物" }, { .i = 1 },
    };

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        record("c1", 1, "x");
        rec[2].s = bad[i];
        refused(&records, rec, "date",
                "Date is not a valid date; write it as YYYY-MM-DD");
    }
    /* a leap day is a date */
    record("c1", 1, "闰日");
    rec[2].s = "2024-02-29";
    {
        struct ctx c = as(1);
        struct error e = { 0 };
        struct change ch = { &records, CH_INSERT, 0, 0, rec, NULL, NULL };

        CHECK_INT(store_apply(&c, &ch, 1, &e), 0);
        CHECK_INT(count("SELECT count(*) FROM records WHERE date ="
                        " '2024-02-29'"), 1);
    }

    refused(&inspections, v, "time",
            "Time is not a valid time; write it as HH:MM, 00:00 to 23:59");
    v[2].s = "9:30";
    refused(&inspections, v, "time",
            "Time is not a valid time; write it as HH:MM, 00:00 to 23:59");
    v[2].s = "23:59";
    {
        struct ctx c = as(1);
        struct error e = { 0 };
        struct change ch = { &inspections, CH_INSERT, 0, 0, v, NULL, NULL };

        CHECK_INT(store_apply(&c, &ch, 1, &e), 0);
    }
}

static void
test_validation_numbers(void)
{
    struct value v[3] = { { .s = "c1" }, { .s = "王大爷" }, { .i = 1800 } };
    struct ctx c = as(1);
    struct error e = { 0 };
    struct change ch = { &residents, CH_INSERT, 0, 0, v, NULL, NULL };

    refused(&residents, v, "birth_year", "Birth year must be from 1900 to 2100");
    v[2].i = 2101;
    refused(&residents, v, "birth_year", "Birth year must be from 1900 to 2100");
    record("c1", 1, "加班");
    rec[6].r = 24.5;
    refused(&records, rec, "hours", "Hours must be from 0 to 24");
    rec[6].r = -1;
    refused(&records, rec, "hours", "Hours must be from 0 to 24");
    v[2].i = 1950;
    CHECK_INT(store_apply(&c, &ch, 1, &e), 0);
    v[2].null = true;   /* not required */
    CHECK_INT(store_apply(&c, &ch, 1, &e), 0);
}

static void
test_committee_checks(void)
{
    struct ctx c = as(6);
    struct error e = { 0 };
    struct change ch = { &records, CH_INSERT, 0, 0, record("zz", 1, "无"),
                         NULL, NULL };
    int before = n_records();

    CHECK_INT(store_apply(&c, &ch, 1, &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.field, "committee_id");
    CHECK_STR(e.msg, "unknown committee \"zz\"");
    ch.vals = record("c9", 1, "旧");
    CHECK_INT(store_apply(&c, &ch, 1, &e), -1);
    CHECK_STR(e.msg, "committee \"c9\" is no longer in use");
    CHECK_INT(n_records(), before);
}

static void
test_table_check(void)
{
    struct ctx c = as(1);
    struct error e = { 0 };
    int64_t id = insert_record(1, "c1", 1, "可以");
    struct change ch = { &records, CH_UPDATE, id, 1,
                         record("c1", 1, "forbidden"), NULL, NULL };

    CHECK_INT(store_apply(&c, &ch, 1, &e), -1);
    CHECK_STR(e.msg, "that title is not allowed");
    CHECK_STR(e.field, "title");
    CHECK(ch.old == NULL);
}

static void
test_audit_append_only(void)
{
    sqlite3 *h = db_sqlite(db);
    int audits = n_audit();

    CHECK(audits > 0);
    CHECK(sqlite3_exec(h, "UPDATE audit SET action = 'nothing'", NULL, NULL,
                       NULL) != SQLITE_OK);
    CHECK_STR(sqlite3_errmsg(h), "audit rows are append-only");
    CHECK(sqlite3_exec(h, "DELETE FROM audit", NULL, NULL, NULL) != SQLITE_OK);
    CHECK_STR(sqlite3_errmsg(h), "audit rows are append-only");
    CHECK_INT(n_audit(), audits);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE action = 'nothing'"), 0);
}

static void
test_all_or_nothing(void)
{
    struct ctx c = as(1);
    struct error e = { 0 };
    struct value good[7], bad[7];
    int64_t id = insert_record(1, "c1", 1, "原样");
    struct change ch[3];
    int before = n_records(), audits = n_audit();
    char buf[64], sql[128];

    memcpy(good, record("c1", 1, "第一条"), sizeof good);
    memcpy(bad, record("c1", 1, "第二条"), sizeof bad);
    bad[2].s = "2024-02-30";
    ch[0] = (struct change){ &records, CH_INSERT, 0, 0, good, NULL, NULL };
    ch[1] = (struct change){ &records, CH_UPDATE, id, 1, good, NULL, NULL };
    ch[2] = (struct change){ &records, CH_INSERT, 0, 0, bad, NULL, NULL };
    CHECK_INT(store_apply(&c, ch, 3, &e), -1);
    CHECK_STR(e.field, "date");
    CHECK_INT(ch[0].id, 0);
    CHECK_INT(n_records(), before);
    CHECK_INT(n_audit(), audits);
    snprintf(sql, sizeof sql, "SELECT title || version FROM records WHERE"
             " id = %lld", (long long)id);
    CHECK_STR(text(sql, buf, sizeof buf), "原样1");

    /* the same batch, valid, goes in whole */
    ch[2].vals = good;
    CHECK_INT(store_apply(&c, ch, 3, &e), 0);
    CHECK(ch[0].id > 0 && ch[2].id > ch[0].id);
    CHECK_INT(n_records(), before + 2);
    CHECK_INT(n_audit(), audits + 3);
    CHECK_STR(text(sql, buf, sizeof buf), "第一条2");
}

/* Inside the caller's transaction store_apply uses a savepoint: a failed
 * apply leaves the caller's own writes, and the caller's rollback undoes a
 * successful apply. */
static void
test_nested_transaction(void)
{
    struct ctx c = as(1);
    struct error e = { 0 };
    struct change ch = { &records, CH_INSERT, 0, 0, record("c1", 1, "嵌套"),
                         NULL, NULL };
    int before = n_records();

    CHECK_INT(db_begin(db, &e), 0);
    CHECK_INT(store_apply(&c, &ch, 1, &e), 0);
    db_rollback(db);
    CHECK_INT(n_records(), before);

    CHECK_INT(db_begin(db, &e), 0);
    CHECK_INT(store_apply(&c, &ch, 1, &e), 0);
    ch.vals = record("c1", 1, NULL);
    CHECK_INT(store_apply(&c, &ch, 1, &e), -1);
    CHECK_INT(db_commit(db, &e), 0);
    CHECK_INT(n_records(), before + 1);
}

/* store_apply_in takes no savepoint: in the caller's transaction a batch
 * that fails part way leaves the changes before it for the caller to roll
 * back, with no ids handed out; outside one it is store_apply, whole or
 * nothing and committed. */
static void
test_apply_in_callers_transaction(void)
{
    struct ctx c = as(1);
    struct error e = { 0 };
    struct value good[7], bad[7];
    struct change ch[2];
    int before = n_records(), audits = n_audit();

    memcpy(good, record("c1", 1, "第一条"), sizeof good);
    memcpy(bad, record("c1", 1, "第二条"), sizeof bad);
    bad[2].s = "2024-02-30";
    ch[0] = (struct change){ &records, CH_INSERT, 0, 0, good, NULL, NULL };
    ch[1] = (struct change){ &records, CH_INSERT, 0, 0, bad, NULL, NULL };
    CHECK_INT(db_begin(db, &e), 0);
    CHECK_INT(store_apply_in(&c, ch, 2, &e), -1);
    CHECK_STR(e.field, "date");
    CHECK_INT(ch[0].id, 0);
    CHECK_INT(n_records(), before + 1);      /* the caller's to undo */
    CHECK_INT(n_audit(), audits + 1);
    db_rollback(db);
    CHECK_INT(n_records(), before);
    CHECK_INT(n_audit(), audits);

    /* no transaction: its own, and nothing of a failed batch stays */
    CHECK_INT(store_apply_in(&c, ch, 2, &e), -1);
    CHECK_INT(n_records(), before);
    CHECK_INT(n_audit(), audits);
    ch[1].vals = good;
    CHECK_INT(store_apply_in(&c, ch, 2, &e), 0);
    CHECK(ch[0].id > 0 && ch[1].id > ch[0].id);
    CHECK_INT(n_records(), before + 2);
    CHECK_INT(n_audit(), audits + 2);
}

static void
test_secret_redacted(void)
{
    static const char hash[] = "$y$j9T$abcdefghijklmnop$qrstuvwxyz0123456789";
    struct value v[6] = {
        { .s = "newbie" }, { .s = "新人" }, { .s = "c2" }, { .s = "east" },
        { .s = "staff" }, { .s = hash },
    };
    struct ctx c = as(6);
    struct error e = { 0 };
    struct change ch = { &accounts, CH_INSERT, 0, 0, v, NULL, NULL };
    char buf[512];

    CHECK_INT(store_apply(&c, &ch, 1, &e), 0);
    CHECK_STR(text("SELECT after ->> '$.password_hash' FROM audit ORDER BY id"
                   " DESC LIMIT 1", buf, sizeof buf), "[redacted]");
    CHECK_INT(count("SELECT count(*) FROM audit WHERE after LIKE '%qrstuv%'"),
              0);
    CHECK_INT(count("SELECT count(*) FROM staff WHERE password_hash LIKE"
                    " '$y$%'"), 1);

    /* A UNIQUE clash names its column. */
    ch.id = 0;
    CHECK_INT(store_apply(&c, &ch, 1, &e), -1);
    CHECK_INT(e.code, E_DUP);
    CHECK_STR(e.field, "login");
    CHECK_STR(e.msg, "Login: this value is already used by another record");

    /* A street account's row has no committee: its district decides. */
    v[0].s = "jie";
    v[2].s = NULL;
    v[4].s = "street";
    c = as(5);
    CHECK_INT(store_apply(&c, &ch, 1, &e), 0);
    v[0].s = "jie2";
    v[3].s = "west";
    CHECK_INT(store_apply(&c, &ch, 1, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.msg, "this account may only change records of its own "
                     "district");
}

static void
test_store_load(void)
{
    int64_t id = insert_record(1, "c1", 1, "读");
    struct ctx c = as(3);
    struct error e = { 0 };
    struct value *v = NULL;
    int64_t version = 0;

    CHECK_INT(store_load(&c, &records, id, &v, &version, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK(v == NULL);
    c = as(2);
    CHECK_INT(store_load(&c, &records, id, &v, &version, &e), 0);
    CHECK_INT(version, 1);
    CHECK(v != NULL);
    if (v != NULL) {
        CHECK_STR(v[4].s, "读");
        CHECK_INT(v[1].i, 1);
        CHECK(v[6].r > 2.4 && v[6].r < 2.6);
    }
    store_values_free(v, records.ncols);
    CHECK_INT(store_load(&c, &records, 987654, &v, &version, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
}

/* The SQL scope condition and session_sees() are one rule written
 * twice; they must agree for every account and committee, and so must
 * ctx_sees(), which looks the district up in the config. */
static void
test_scope_sql_matches_session_sees(void)
{
    struct config cfg = {
        .districts = districts, .ndistricts = 2,
        .committees = committees, .ncommittees = 4,
    };
    static const char sql[] =
        "SELECT x.id, x.district_id, " SCOPE_SQL("x.id")
        " FROM committees x ORDER BY x.id";
    sqlite3_stmt *st;
    int checked = 0;

    CHECK_INT(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL),
              SQLITE_OK);
    for (int64_t id = 0; id <= 6; id++) {
        struct ctx c = as(id);

        c.cfg = &cfg;
        sqlite3_reset(st);
        session_bind_scope(&c.who, st);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *committee = (const char *)sqlite3_column_text(st, 0);
            const char *district = (const char *)sqlite3_column_text(st, 1);
            bool in_sql = sqlite3_column_int(st, 2) != 0;

            if (in_sql != session_sees(&c.who, committee, district))
                printf("  account %lld, committee %s: SQL %d\n",
                       (long long)id, committee, in_sql);
            CHECK(in_sql == session_sees(&c.who, committee, district));
            CHECK(in_sql == ctx_sees(&c, committee));
            checked++;
        }
    }
    sqlite3_finalize(st);
    CHECK_INT(checked, 7 * 4);
    /* and what they say: */
    struct ctx li = as(1), sun = as(5);
    CHECK(session_sees(&li.who, "c1", "east"));
    CHECK(!session_sees(&li.who, "c2", "east"));
    CHECK(!session_sees(&li.who, NULL, "east"));
    CHECK(session_sees(&sun.who, "c2", "east"));
    CHECK(!session_sees(&sun.who, "c3", "west"));
    CHECK(!session_sees(&sun.who, NULL, NULL));
    /* A committee the INI stopped listing is still its district's. */
    sun.cfg = &cfg;
    cfg.ncommittees = 1;                    /* c1 alone */
    CHECK(ctx_sees(&sun, "c2"));
    CHECK(!ctx_sees(&sun, "c3"));
    CHECK(!ctx_sees(&sun, "nosuch"));
    li.cfg = &cfg;
    CHECK(!ctx_sees(&li, "c2"));
}

static void
test_roles_and_system(void)
{
    struct session s;
    enum role r;

    for (int i = ROLE_STAFF; i <= ROLE_ADMIN; i++) {
        CHECK(role_parse(role_name((enum role)i), &r));
        CHECK_INT(r, i);
        CHECK(role_label((enum role)i)[0] != '\0');
    }
    CHECK_STR(role_name(ROLE_STREET), "street");
    CHECK(!role_parse("boss", &r));
    CHECK(!role_parse("Admin", &r));
    session_system(&s);
    CHECK_INT(s.role, ROLE_ADMIN);
    CHECK_INT(s.staff_id, 0);
    CHECK(strncmp(s.login, "cli:", 4) == 0 && s.login[4] != '\0');
    CHECK_STR(s.committee, "");
}

int
main(void)
{
    setup();
    RUN(test_insert_writes_audit);
    RUN(test_update_and_delete_audit);
    RUN(test_perm_other_committee_insert);
    RUN(test_perm_other_committee_update);
    RUN(test_owner_rule);
    RUN(test_unscoped_admin_only);
    RUN(test_stale_version);
    RUN(test_validation_required);
    RUN(test_validation_too_long);
    RUN(test_validation_bad_utf8);
    RUN(test_validation_control_chars);
    RUN(test_validation_dates_times);
    RUN(test_validation_numbers);
    RUN(test_committee_checks);
    RUN(test_table_check);
    RUN(test_audit_append_only);
    RUN(test_all_or_nothing);
    RUN(test_nested_transaction);
    RUN(test_secret_redacted);
    RUN(test_apply_in_callers_transaction);
    RUN(test_store_load);
    RUN(test_scope_sql_matches_session_sees);
    RUN(test_roles_and_system);
    db_close(db);
    return CHECK_DONE();
}
