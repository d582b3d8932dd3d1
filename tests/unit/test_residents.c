/* test_residents.c — the resident register: adding with tags, pinyin
 * initials and the search index kept in step, duplicates, ID numbers,
 * masking, every kind of bad input refused with nothing written, keyset
 * pages, committee scoping of every read and write, and the CSV import
 * with each kind of bad row, all or nothing, each row in the audit chain. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "fixture.h"
#include "juwei/audit.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/residents.h"
#include "juwei/schema.h"

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
    { (char *)"unemployed", (char *)"失业人员" },
    { (char *)"elderly_alone", (char *)"独居老人" },
    { (char *)"disabled", (char *)"残疾人" },
};

/* 1 li (staff, hepingli), 2 liu (director, hepingli), 3 chen (staff,
 * guangming), 4 sun (street, dongfeng), 5 wu (street, xinhua), 6 root. */
static const char sql_people[] =
    "INSERT INTO staff (id, login, name, committee_id, district_id, role,"
    " password_hash, created_at, updated_at) VALUES"
    " (1, 'li', '李明', 'hepingli', 'dongfeng', 'staff', 'x', 0, 0),"
    " (2, 'liu', '刘主任', 'hepingli', 'dongfeng', 'director', 'x', 0, 0),"
    " (3, 'chen', '陈刚', 'guangming', 'dongfeng', 'staff', 'x', 0, 0),"
    " (4, 'sun', '孙街道', NULL, 'dongfeng', 'street', 'x', 0, 0),"
    " (5, 'wu', '吴街道', NULL, 'xinhua', 'street', 'x', 0, 0),"
    " (6, 'root', '管理员', NULL, NULL, 'admin', 'x', 0, 0);";

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

static const char *
text(const char *sql, char *buf, size_t size)
{
    return fixture_text(db, sql, buf, size);
}

/* FTS5 compares its index with the residents table: fails (SQLITE_CORRUPT)
 * if any write left the index out of step. */
static bool
index_ok(void)
{
    return sqlite3_exec(db_sqlite(db),
                        "INSERT INTO residents_fts(residents_fts, rank)"
                        " VALUES ('integrity-check', 1)",
                        NULL, NULL, NULL) == SQLITE_OK;
}

static void
setup(void)
{
    util_set_now(1700000000);       /* 2023-11-14 */
    cfg.districts = districts;
    cfg.ndistricts = ARRAY_LEN(districts);
    cfg.committees = committees;
    cfg.ncommittees = ARRAY_LEN(committees);
    cfg.resident_tags.items = tags;
    cfg.resident_tags.n = ARRAY_LEN(tags);
    db = fixture_db(&cfg);
    fixture_exec(db, sql_people);
}

static void
reset(void)
{
    fixture_exec(db,
                 "DELETE FROM resident_tags; DELETE FROM visits;"
                 "DELETE FROM residents;"
                 "INSERT INTO residents_fts(residents_fts) VALUES ('rebuild');"
                 "DELETE FROM residents_fts_pending");
}

static int64_t
add(struct ctx *c, const char *name, const char *b, const char *u,
    const char *r, const char *phone)
{
    struct resident_input in = { .name = name, .building = b, .unit = u,
                                 .room = r, .phone = phone };
    struct error e = { 0 };
    int64_t id = 0;

    if (residents_add(c, &in, false, &id, &e) < 0) {
        printf("  add %s: %s\n", name, e.msg);
        CHECK(!"add");
    }
    return id;
}

static void
test_add_and_get(void)
{
    struct ctx li = as(1);
    const char *t[] = { "elderly_alone", "dibao", "dibao" };
    struct resident_input in = {
        .name = " 张三丰 ", .gender = "男", .building = "3", .unit = "2",
        .room = "101", .phone = "138-1234 5678", .id_number =
        "11010119520307000x", .notes = "腿脚不便\n需上门", .tags = t,
        .ntags = 3,
    };
    struct resident r;
    struct error e = { 0 };
    int64_t id = 0;
    char buf[256];

    reset();
    CHECK_INT(residents_add(&li, &in, false, &id, &e), 0);
    CHECK(id > 0);
    CHECK_INT(residents_get(&li, id, &r, &e), 0);
    CHECK_STR(r.committee, "hepingli");
    CHECK_STR(r.name, "张三丰");
    CHECK_STR(r.initials, "zsf");
    CHECK_STR(r.gender, "M");
    CHECK_INT(r.birth_year, 1952);          /* from the ID number */
    CHECK_STR(r.address, "3-2-101");
    CHECK_STR(r.phone, "13812345678");
    CHECK_STR(r.id_number, "11010119520307000X");
    CHECK_STR(r.notes, "腿脚不便\n需上门");
    CHECK_STR(r.tags, "dibao,elderly_alone");
    CHECK_STR(r.last_visit, "");
    CHECK(r.active);
    CHECK_INT(r.version, 1);
    /* audited: the resident and each tag */
    CHECK_INT(count("SELECT count(*) FROM audit WHERE tbl = 'residents'"
                    " AND action = 'insert' AND actor_login = 'li'"), 1);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE tbl = 'resident_tags'"), 2);
    CHECK_STR(text("SELECT after ->> '$.name_initials' FROM audit"
                   " WHERE tbl = 'residents'", buf, sizeof buf), "zsf");
    CHECK(index_ok());
}

static long
found(struct ctx *c, const char *find)
{
    struct resident_filter f = { .find = find };

    return residents_page_count(c, &f);
}

static int64_t
first_found(struct ctx *c, const char *find)
{
    struct resident_filter f = { .find = find };
    struct resident r[4];
    struct error e = { 0 };
    int got = 0;

    if (residents_page(c, &f, PAGE_FIRST, NULL, 0, 4, r, &got, &e) < 0 ||
        got == 0)
        return 0;
    return r[0].id;
}

static void
test_find(void)
{
    struct ctx li = as(1);
    int64_t zsf, wxy;

    reset();
    zsf = add(&li, "张三丰", "3", "2", "101", "13812345678");
    wxy = add(&li, "王秀英", "12", "1", "502", "01062345678");
    add(&li, "Li Ming", "5", "", "7", "");
    CHECK_INT(first_found(&li, "zsf"), zsf);      /* pinyin initials */
    CHECK_INT(first_found(&li, "ZSF"), zsf);
    CHECK_INT(first_found(&li, "三丰"), zsf);      /* part of the name */
    CHECK_INT(first_found(&li, "3-2"), zsf);       /* part of the address */
    CHECK_INT(first_found(&li, "1234"), zsf);      /* phone digits */
    CHECK_INT(first_found(&li, "wxy"), wxy);
    CHECK_INT(first_found(&li, "12-1-502"), wxy);
    CHECK_INT(first_found(&li, "王 502"), wxy);    /* every word */
    CHECK_INT(found(&li, "王 101"), 0);
    CHECK_INT(found(&li, "ming"), 1);
    CHECK_INT(found(&li, "\"*"), 0);               /* FTS syntax is text */
    CHECK_INT(found(&li, ""), 3);
    CHECK_INT(found(&li, "5"), 3);                 /* 5 in each */
    CHECK(index_ok());
}

/* Why the triggers queue changes instead of indexing them: with the
 * connection's trusted_schema=OFF, SQLite refuses a schema trigger that
 * writes to an FTS5 table. Should this ever pass, triggers could do it. */
static void
test_fts_triggers_are_refused(void)
{
    char *err = NULL;
    int rc;

    reset();
    rc = sqlite3_exec(db_sqlite(db),
                      "CREATE TRIGGER t_fts AFTER INSERT ON residents BEGIN"
                      " INSERT INTO residents_fts(rowid, name)"
                      " VALUES (new.id, new.name); END;"
                      "INSERT INTO residents (committee_id, name, created_at,"
                      " updated_at) VALUES ('hepingli', '试', 0, 0)",
                      NULL, NULL, &err);
    CHECK(rc != SQLITE_OK);
    CHECK_CONTAINS(err, "unsafe use of virtual table \"residents_fts\"");
    sqlite3_free(err);
    sqlite3_exec(db_sqlite(db), "DROP TRIGGER t_fts", NULL, NULL, NULL);
    CHECK_INT(count("SELECT count(*) FROM residents"), 0);
    CHECK(index_ok());
}

/* A change made by another path (the sqlite3 shell, say) waits in the
 * queue and the next search applies it first. */
static void
test_search_catches_up_with_other_writers(void)
{
    struct ctx li = as(1);
    int64_t id;
    char sql[160];

    reset();
    id = add(&li, "张三丰", "3", "2", "101", NULL);
    CHECK_INT(count("SELECT count(*) FROM residents_fts_pending"), 0);
    snprintf(sql, sizeof sql, "UPDATE residents SET name = '张四海',"
             " name_initials = 'zsh', room = '909' WHERE id = %lld",
             (long long)id);
    CHECK_INT(sqlite3_exec(db_sqlite(db), sql, NULL, NULL, NULL), SQLITE_OK);
    CHECK_INT(count("SELECT count(*) FROM residents_fts_pending"), 1);
    CHECK_INT(first_found(&li, "zsh"), id);
    CHECK_INT(found(&li, "zsf"), 0);
    CHECK_INT(found(&li, "3-2-909"), 1);
    CHECK_INT(count("SELECT count(*) FROM residents_fts_pending"), 0);
    CHECK(index_ok());
    snprintf(sql, sizeof sql, "DELETE FROM residents WHERE id = %lld",
             (long long)id);
    CHECK_INT(sqlite3_exec(db_sqlite(db), sql, NULL, NULL, NULL), SQLITE_OK);
    CHECK_INT(found(&li, "zsh"), 0);
    CHECK(index_ok());
}

/* A database that had residents before the search index came: the
 * migration indexes them (and adds their address). */
static void
test_migration_indexes_existing_residents(void)
{
    struct error e = { 0 };
    struct db *old = db_open(":memory:", DB_CREATE, &e);
    size_t n;
    const struct migration *m = schema_migrations(&n);
    struct ctx c = as(6);
    struct resident_filter f = { .find = "zsf" };
    struct resident r[2];
    int got = 0;

    CHECK(old != NULL);
    if (old == NULL)
        return;
    CHECK_INT(sqlite3_exec(db_sqlite(old), m[0].sql, NULL, NULL, NULL),
              SQLITE_OK);
    CHECK_INT(sqlite3_exec(db_sqlite(old),
                           "PRAGMA user_version = 1;"
                           "INSERT INTO districts (id, name) VALUES ('d', 'D');"
                           "INSERT INTO committees (id, district_id, name)"
                           " VALUES ('c', 'd', 'C');"
                           "INSERT INTO residents (committee_id, name,"
                           " name_initials, building, unit, room, created_at,"
                           " updated_at) VALUES ('c', '张三丰', 'zsf', '3', '2',"
                           " '101', 0, 0)", NULL, NULL, NULL), SQLITE_OK);
    CHECK_INT(db_migrate(old, &e), 0);
    c.db = old;
    CHECK_INT(residents_page(&c, &f, PAGE_FIRST, NULL, 0, 2, r, &got, &e), 0);
    CHECK_INT(got, 1);
    CHECK_STR(r[0].address, "3-2-101");
    f.find = "3-2-1";
    CHECK_INT(residents_page_count(&c, &f), 1);
    db_close(old);
}

static void
test_update_keeps_the_index(void)
{
    struct ctx li = as(1);
    struct resident r;
    struct resident_input in = { .name = "张四海", .building = "9",
                                 .unit = "1", .room = "1" };
    struct error e = { 0 };
    int64_t id;

    reset();
    id = add(&li, "张三丰", "3", "2", "101", "13812345678");
    CHECK_INT(residents_update(&li, id, 1, &in, false, &e), 0);
    CHECK_INT(residents_get(&li, id, &r, &e), 0);
    CHECK_STR(r.initials, "zsh");
    CHECK_STR(r.address, "9-1-1");
    CHECK_STR(r.phone, "");
    CHECK_INT(r.version, 2);
    CHECK_INT(found(&li, "zsf"), 0);
    CHECK_INT(found(&li, "三丰"), 0);
    CHECK_INT(found(&li, "1234"), 0);
    CHECK_INT(first_found(&li, "zsh"), id);
    CHECK_INT(first_found(&li, "四海"), id);
    CHECK(index_ok());
    /* the version seen is checked */
    CHECK_INT(residents_update(&li, id, 1, &in, false, &e), -1);
    CHECK_INT(e.code, E_STALE);
    /* moving away keeps the index, and hides the resident from lists */
    CHECK_INT(residents_set_active(&li, id, 2, false, &e), 0);
    CHECK(index_ok());
    CHECK_INT(found(&li, "zsh"), 0);
    {
        struct resident_filter f = { .find = "zsh", .include_inactive = true };

        CHECK_INT(residents_page_count(&li, &f), 1);
    }
    CHECK_INT(count("SELECT count(*) FROM audit WHERE tbl = 'residents'"
                    " AND action = 'moved_away'"), 1);
}

static void
test_tags_change(void)
{
    struct ctx li = as(1);
    const char *t1[] = { "dibao", "unemployed" }, *t2[] = { "unemployed",
                                                             "disabled" };
    struct resident_input in = { .name = "赵六", .tags = t1, .ntags = 2 };
    struct resident r;
    struct error e = { 0 };
    int64_t id = 0;
    int dels, ins;

    reset();
    dels = count("SELECT count(*) FROM audit WHERE tbl = 'resident_tags'"
                 " AND action = 'delete'");
    ins = count("SELECT count(*) FROM audit WHERE tbl = 'resident_tags'"
                " AND action = 'insert'");
    CHECK_INT(residents_add(&li, &in, false, &id, &e), 0);
    in.tags = t2;
    CHECK_INT(residents_update(&li, id, 1, &in, false, &e), 0);
    CHECK_INT(residents_get(&li, id, &r, &e), 0);
    CHECK_STR(r.tags, "disabled,unemployed");
    /* unemployed kept its row: one delete, one insert */
    CHECK_INT(count("SELECT count(*) FROM audit WHERE tbl = 'resident_tags'"
                    " AND action = 'delete'"), dels + 1);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE tbl = 'resident_tags'"
                    " AND action = 'insert'"), ins + 3);
    in.ntags = 0;
    CHECK_INT(residents_update(&li, id, 2, &in, false, &e), 0);
    CHECK_INT(count("SELECT count(*) FROM resident_tags"), 0);
}

static void
test_duplicates_ask_first(void)
{
    struct ctx li = as(1), chen = as(3);
    struct resident_input in = { .name = "张三丰", .building = "3",
                                 .unit = "2", .room = "101" };
    struct resident_input bare = { .name = "李四" };
    struct error e = { 0 };
    int64_t first, id = 0;
    char want[128];

    reset();
    first = add(&li, "张三丰", "3", "2", "101", "");
    CHECK_INT(residents_add(&li, &in, false, &id, &e), -1);
    CHECK_INT(e.code, E_DUP);
    CHECK_STR(e.field, "name");
    snprintf(want, sizeof want, "张三丰 at this address is already registered "
             "(no. %lld)", (long long)first);
    CHECK_STR(e.msg, want);
    CHECK_INT(id, 0);
    CHECK_INT(count("SELECT count(*) FROM residents"), 1);
    /* the same name elsewhere, or in another committee, is no duplicate */
    in.room = "102";
    CHECK_INT(residents_add(&li, &in, false, &id, &e), 0);
    in.room = "101";
    CHECK_INT(residents_add(&chen, &in, false, &id, &e), 0);
    /* force adds the second one */
    CHECK_INT(residents_add(&li, &in, true, &id, &e), 0);
    CHECK_INT(count("SELECT count(*) FROM residents WHERE committee_id ="
                    " 'hepingli' AND name = '张三丰' AND room = '101'"), 2);
    /* without an address */
    first = add(&li, "李四", NULL, NULL, NULL, NULL);
    CHECK_INT(residents_add(&li, &bare, false, &id, &e), -1);
    snprintf(want, sizeof want, "李四, without an address, is already "
             "registered (no. %lld)", (long long)first);
    CHECK_STR(e.msg, want);
    /* an edit that makes a duplicate asks too */
    id = add(&li, "李四", "1", "1", "1", NULL);
    CHECK_INT(residents_update(&li, id, 1, &bare, false, &e), -1);
    CHECK_INT(e.code, E_DUP);
    CHECK_INT(residents_update(&li, id, 1, &bare, true, &e), 0);
    CHECK(index_ok());
}

static void
test_id_numbers(void)
{
    struct error e = { 0 };

    CHECK_INT(residents_check_id_number("110101195203070026", &e), 0);
    CHECK_INT(residents_check_id_number("11010119520307000X", &e), 0);
    CHECK_INT(residents_check_id_number("110101520307002", &e), 0);
    CHECK_INT(residents_check_id_number("110101195203070027", &e), -1);
    CHECK_STR(e.msg, "the ID number's check digit does not match; look for "
                     "a typing mistake");
    CHECK_STR(e.field, "id_number");
    CHECK_INT(residents_check_id_number("11010119520307002", &e), -1);
    CHECK_STR(e.msg, "an ID number is 18 characters, 17 digits and a digit "
                     "or X (or an old one of 15 digits)");
    CHECK_INT(residents_check_id_number("1101011952030700A6", &e), -1);
    CHECK_INT(residents_check_id_number("110101195202300020", &e), -1);
    CHECK_STR(e.msg, "the date of birth in the ID number (19520230) is not a "
                     "real date");
    CHECK_INT(residents_check_id_number("110101520230002", &e), -1);
    CHECK_STR(e.msg, "the date of birth in the ID number (19520230) is not a "
                     "real date");
    /* born after today (2023-11-14) */
    CHECK_INT(residents_check_id_number("110101202312010015", &e), -1);
}

static void
test_masks(void)
{
    char *s;

    CHECK_STR(s = residents_mask_phone("13812345678"), "138****5678");
    free(s);
    CHECK_STR(s = residents_mask_phone("+8613812345678"), "+86*******5678");
    free(s);
    CHECK_STR(s = residents_mask_phone("62345678"), "****5678");
    free(s);
    CHECK_STR(s = residents_mask_phone("12345"), "*****");
    free(s);
    CHECK_STR(s = residents_mask_phone(""), "");
    free(s);
    CHECK_STR(s = residents_mask_id("130102195203070026"),
              "1301**********0026");
    free(s);
    CHECK_STR(s = residents_mask_id("110101520307002"), "1101*******7002");
    free(s);
    CHECK_STR(s = residents_mask_id(""), "");
    free(s);
    {
        struct ctx li = as(1), sun = as(4), root = as(6);

        CHECK(!residents_full_view(&li.who));
        CHECK(residents_full_view(&sun.who));
        CHECK(residents_full_view(&root.who));
    }
}

/* Bad input: the exact message, on the right field, and nothing written
 * (no resident, no tag, no audit row, the index unchanged). */
static void
refused(struct resident_input *in, const char *field, const char *msg)
{
    struct ctx li = as(1);
    struct error e = { 0 };
    int64_t id = 7;
    int before = count("SELECT count(*) FROM audit");

    CHECK_INT(residents_add(&li, in, false, &id, &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.field, field);
    CHECK_STR(e.msg, msg);
    CHECK_INT(id, 0);
    CHECK_INT(count("SELECT count(*) FROM residents"), 0);
    CHECK_INT(count("SELECT count(*) FROM resident_tags"), 0);
    CHECK_INT(count("SELECT count(*) FROM audit"), before);
    CHECK(index_ok());
}

static void
test_bad_missing_name(void)
{
    struct resident_input in = { .name = "  ", .building = "1" };

    reset();
    refused(&in, "name", "Name is required");
}

static void
test_bad_long_name(void)
{
    struct resident_input in = {
        .name = "一二三四五六七八九十一二三四五六七八九十"
                "一二三四五六七八九十一二三四五六七八九十一",
    };

    reset();
    refused(&in, "name", "Name is too long: 41 characters, at most 40");
}

static void
test_bad_control_characters(void)
{
    struct resident_input in = { .name = "张\x1b[31m三" };

    reset();
    refused(&in, "name", "Name must be one line without control characters");
}

static void
test_bad_utf8(void)
{
    struct resident_input in = { .name = "张三", .notes = "\xD5\xC5" };

    reset();
    refused(&in, "notes", "Notes is not valid UTF-8 text");
}

static void
test_bad_gender(void)
{
    struct resident_input in = { .name = "张三", .gender = "X" };

    reset();
    refused(&in, "gender", "gender is 男 (M) or 女 (F)");
}

static void
test_bad_birth_year(void)
{
    struct resident_input in = { .name = "张三", .birth_year = "五六年" };

    reset();
    refused(&in, "birth_year", "the birth year is a year such as 1956");
    in.birth_year = "56";
    refused(&in, "birth_year", "the birth year is a year such as 1956");
    in.birth_year = "1899";
    refused(&in, "birth_year", "the birth year must be from 1900 to 2023");
    in.birth_year = "2024";
    refused(&in, "birth_year", "the birth year must be from 1900 to 2023");
    in.birth_year = "1960";
    in.id_number = "110101195203070026";
    refused(&in, "birth_year", "the birth year differs from the one in the "
            "ID number (1952)");
}

static void
test_bad_phone(void)
{
    struct resident_input in = { .name = "张三", .phone = "138 1234 567a" };

    reset();
    refused(&in, "phone", "a phone number is 5 to 20 digits, such as "
            "13812345678 or 01062345678");
    in.phone = "1234";
    refused(&in, "phone", "a phone number is 5 to 20 digits, such as "
            "13812345678 or 01062345678");
}

static void
test_bad_id_number(void)
{
    struct resident_input in = { .name = "张三",
                                 .id_number = "110101195203070027" };

    reset();
    refused(&in, "id_number", "the ID number's check digit does not match; "
            "look for a typing mistake");
}

static void
test_bad_tag(void)
{
    const char *t[] = { "dibao", "vip" };
    struct resident_input in = { .name = "张三", .tags = t, .ntags = 2 };

    reset();
    refused(&in, "tags", "unknown tag \"vip\"");
}

static void
test_bad_committee(void)
{
    struct resident_input in = { .name = "张三", .committee = "nowhere" };
    struct ctx root = as(6);
    struct error e = { 0 };

    reset();
    refused(&in, "committee_id", "unknown committee \"nowhere\"");
    /* an account without a committee must name one */
    in.committee = NULL;
    CHECK_INT(residents_add(&root, &in, false, NULL, &e), -1);
    CHECK_STR(e.field, "committee_id");
    CHECK_STR(e.msg, "choose the committee the resident belongs to");
}

static void
test_initials_follow_the_name(void)
{
    /* a writer that bypasses residents.c cannot store other initials */
    struct ctx li = as(1);
    struct value v[RES_NCOLS] = { 0 };
    struct change ch = { &residents_table, CH_INSERT, 0, 0, v, NULL, NULL };
    struct error e = { 0 };

    reset();
    v[RES_COMMITTEE].s = "hepingli";
    v[RES_NAME].s = "张三";
    v[RES_INITIALS].s = "ab";
    v[RES_BIRTH_YEAR].null = true;
    v[RES_ACTIVE].i = 1;
    CHECK_INT(store_apply(&li, &ch, 1, &e), -1);
    CHECK_STR(e.field, "name_initials");
    CHECK_STR(e.msg, "the pinyin initials must be those of the name");
}

static void
test_committee_cannot_change(void)
{
    struct ctx root = as(6);
    struct resident_input in = { .name = "张三", .committee = "guangming" };
    struct error e = { 0 };
    int64_t id;

    reset();
    in.committee = "hepingli";
    CHECK_INT(residents_add(&root, &in, false, &id, &e), 0);
    in.committee = "guangming";
    CHECK_INT(residents_update(&root, id, 1, &in, false, &e), -1);
    CHECK_STR(e.field, "committee_id");
    CHECK_STR(e.msg, "a resident cannot move to another committee; register "
                     "them there");
}

static void
test_tags_as_typed(void)
{
    char **ids = NULL, *label;
    size_t n = 0;
    struct error e = { 0 };

    CHECK_INT(residents_parse_tags(&cfg, " 低保户、独居老人，DIBAO;disabled "
                                   "\u3000失业人员", &ids, &n, &e), 0);
    CHECK_INT(n, 4);
    if (n == 4) {
        CHECK_STR(ids[0], "dibao");
        CHECK_STR(ids[1], "elderly_alone");
        CHECK_STR(ids[2], "disabled");
        CHECK_STR(ids[3], "unemployed");
    }
    residents_tags_free(ids, n);
    CHECK_INT(residents_parse_tags(&cfg, "", &ids, &n, &e), 0);
    CHECK_INT(n, 0);
    CHECK_INT(residents_parse_tags(&cfg, "低保户 贫困户", &ids, &n, &e), -1);
    CHECK_STR(e.msg, "unknown tag \"贫困户\"");
    CHECK_STR(e.field, "tags");
    /* names in config order; an id the INI no longer has, as it is */
    CHECK_STR(label = residents_tags_label(&cfg, "elderly_alone,dibao,gone"),
              "低保户、独居老人、gone");
    free(label);
    CHECK_STR(label = residents_tags_label(&cfg, ""), "");
    free(label);
}

/* --- paging ------------------------------------------------------------ */

static int
page_all(struct ctx *c, const struct resident_filter *f, bool backwards,
         int step, int64_t *ids, int max)
{
    struct resident *r = xcalloc((size_t)step, sizeof *r);
    struct error e = { 0 };
    int got = 0, total = 0;
    char *key = NULL;
    int64_t at = 0;

    for (;;) {
        enum page_dir dir = key == NULL ? (backwards ? PAGE_LAST : PAGE_FIRST)
                                        : (backwards ? PAGE_BEFORE : PAGE_AFTER);

        if (residents_page(c, f, dir, key, at, step, r, &got, &e) < 0) {
            printf("  page: %s\n", e.msg);
            break;
        }
        if (got == 0)
            break;
        for (int i = 0; i < got && total < max; i++) {
            int k = backwards ? got - 1 - i : i;

            ids[total++] = r[k].id;
        }
        free(key);
        key = residents_page_key(f, &r[backwards ? 0 : got - 1]);
        at = r[backwards ? 0 : got - 1].id;
    }
    free(key);
    free(r);
    return total;
}

static void
test_pages(void)
{
    static const char *const names[] = {
        "张三", "王五", "李四", "赵六", "钱七", "孙八", "周九", "吴十",
        "郑一", "王二", "张三", "Alice", "〇〇", "阿毛", "单田芳", "曾国藩",
    };
    struct ctx li = as(1);
    struct resident_filter all = { 0 }, find = { .find = "1" };
    int64_t fwd[64], back[64];
    int n, m;
    char buf[256];

    reset();
    for (size_t i = 0; i < ARRAY_LEN(names); i++) {
        char room[8];

        snprintf(room, sizeof room, "%zu", i + 1);
        add(&li, names[i], "东楼", NULL, room, NULL);
    }
    n = page_all(&li, &all, false, 3, fwd, 64);
    CHECK_INT(n, 16);
    m = page_all(&li, &all, true, 5, back, 64);
    CHECK_INT(m, 16);
    for (int i = 0; i < n && i < m; i++)
        CHECK_INT(fwd[i], back[n - 1 - i]);
    /* pinyin order: 〇〇 has no initials and comes first; 单田芳 is Shan */
    CHECK_STR(text("SELECT group_concat(name, ' ') FROM (SELECT name FROM"
                   " residents ORDER BY ifnull(name_initials, ''), name, id)",
                   buf, sizeof buf),
              "〇〇 Alice 阿毛 李四 钱七 孙八 单田芳 王二 吴十 王五 曾国藩 周九 "
              "赵六 张三 张三 郑一");
    {
        sqlite3_stmt *st;
        int i = 0;

        sqlite3_prepare_v2(db_sqlite(db), "SELECT id FROM residents ORDER BY"
                           " ifnull(name_initials, ''), name, id", -1, &st,
                           NULL);
        while (sqlite3_step(st) == SQLITE_ROW && i < n)
            CHECK_INT(sqlite3_column_int64(st, 0), fwd[i++]);
        sqlite3_finalize(st);
    }
    /* re-reading a page from its first row */
    {
        struct resident r[4];
        struct error e = { 0 };
        int got = 0;
        char *key;

        residents_page(&li, &all, PAGE_FIRST, NULL, 0, 4, r, &got, &e);
        key = residents_page_key(&all, &r[1]);
        CHECK_INT(residents_page(&li, &all, PAGE_FROM, key, r[1].id, 2, r,
                                 &got, &e), 0);
        CHECK_INT(got, 2);
        CHECK_INT(r[0].id, fwd[1]);
        CHECK_INT(r[1].id, fwd[2]);
        free(key);
    }
    /* found rows page by id, both ways: rooms 1, 10–16 contain "1" */
    n = page_all(&li, &find, false, 3, fwd, 64);
    CHECK_INT(n, 8);
    m = page_all(&li, &find, true, 3, back, 64);
    CHECK_INT(m, 8);
    for (int i = 0; i < n && i < m; i++)
        CHECK_INT(fwd[i], back[n - 1 - i]);
    for (int i = 1; i < n; i++)
        CHECK(fwd[i] > fwd[i - 1]);
}

/* --- scope ------------------------------------------------------------- */

static void
test_scope(void)
{
    struct ctx li = as(1), liu = as(2), chen = as(3), sun = as(4), wu = as(5),
               root = as(6);
    struct resident_input in = { .name = "陈红", .committee = "guangming" };
    struct resident_filter all = { 0 }, them = { .committee = "guangming" };
    struct resident r;
    struct error e = { 0 };
    int64_t here, there, far = 0;

    reset();
    here = add(&li, "张三", "1", "1", "1", "13800000000");
    there = add(&chen, "陈红", "2", "2", "2", "13800000000");
    in.committee = "xinhuali";
    in.name = "吴远";
    CHECK_INT(residents_add(&wu, &in, false, &far, &e), 0);
    /* get */
    CHECK_INT(residents_get(&li, there, &r, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    CHECK_INT(residents_get(&liu, there, &r, &e), -1);
    CHECK_INT(residents_get(&chen, there, &r, &e), 0);
    CHECK_INT(residents_get(&sun, there, &r, &e), 0);
    CHECK_INT(residents_get(&sun, far, &r, &e), -1);
    CHECK_INT(residents_get(&wu, far, &r, &e), 0);
    CHECK_INT(residents_get(&root, far, &r, &e), 0);
    /* lists and counts, with and without a find, and naming a committee */
    CHECK_INT(residents_page_count(&li, &all), 1);
    CHECK_INT(residents_page_count(&li, &them), 0);
    CHECK_INT(found(&li, "13800000000"), 1);
    CHECK_INT(first_found(&li, "陈红"), 0);
    CHECK_INT(residents_page_count(&sun, &all), 2);
    CHECK_INT(residents_page_count(&sun, &them), 1);
    CHECK_INT(found(&sun, "138"), 2);
    CHECK_INT(found(&wu, "138"), 0);
    CHECK_INT(residents_page_count(&wu, &all), 1);
    CHECK_INT(residents_page_count(&root, &all), 3);
    {
        int64_t ids[8];

        CHECK_INT(page_all(&li, &them, false, 4, ids, 8), 0);
        CHECK_INT(page_all(&li, &all, false, 4, ids, 8), 1);
        CHECK_INT(ids[0], here);
        CHECK_INT(page_all(&sun, &all, true, 1, ids, 8), 2);
    }
    /* writes */
    in.committee = "guangming";
    in.name = "新人";
    CHECK_INT(residents_add(&li, &in, false, NULL, &e), -1);
    CHECK_INT(e.code, E_PERM);
    in.committee = NULL;
    in.name = "陈红红";
    CHECK_INT(residents_update(&li, there, 1, &in, false, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    CHECK_INT(residents_set_active(&li, there, 1, false, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    CHECK_INT(residents_update(&wu, there, 1, &in, false, &e), -1);
    CHECK_INT(residents_update(&sun, there, 1, &in, false, &e), 0);
    CHECK_INT(residents_set_active(&chen, there, 2, false, &e), 0);
    CHECK_INT(count("SELECT count(*) FROM residents WHERE name = '陈红红'"
                    " AND active = 0"), 1);
    CHECK(index_ok());
}

/* --- import ------------------------------------------------------------ */

static char tmp[64];

static const char *
write_csv(const char *text)
{
    FILE *fp;
    int fd;

    snprintf(tmp, sizeof tmp, "/tmp/test_residents_XXXXXX");
    fd = mkstemp(tmp);
    fp = fdopen(fd, "wb");
    fputs(text, fp);
    fclose(fp);
    return tmp;
}

/* Runs the import and returns what it reported (malloc'd). */
static char *
import(const char *path, const char *committee, bool force, int *rc,
       long *added)
{
    struct ctx sys = as(0);
    char *out = NULL;
    size_t len = 0;
    FILE *errs = open_memstream(&out, &len);

    *rc = residents_import(&sys, path, committee, force, errs, added);
    fclose(errs);
    return out;
}

/* A file with one bad row among good ones: the report is exactly `want`
 * and nothing at all was imported. */
static void
import_refused(const char *csv, const char *want_fmt)
{
    const char *path = write_csv(csv);
    int before = count("SELECT count(*) FROM audit"), rc;
    long added = -1;
    char *out = import(path, NULL, false, &rc, &added);
    char want[512];

    snprintf(want, sizeof want, want_fmt, path);
    CHECK_INT(rc, -1);
    CHECK_STR(out, want);
    CHECK_INT(added, 0);
    CHECK_INT(count("SELECT count(*) FROM residents"), 0);
    CHECK_INT(count("SELECT count(*) FROM resident_tags"), 0);
    CHECK_INT(count("SELECT count(*) FROM audit"), before);
    CHECK(index_ok());
    free(out);
    unlink(path);
}

static void
test_import_good_file(void)
{
    struct ctx root = as(6);
    int rc;
    long added = 0;
    char *out, buf[256];

    reset();
    out = import("tests/data/csv/residents_good.csv", NULL, false, &rc,
                 &added);
    CHECK_INT(rc, 0);
    CHECK_STR(out, "");
    CHECK_INT(added, 4);
    free(out);
    CHECK_STR(text("SELECT group_concat(name || ':' || committee_id || ':' ||"
                   " ifnull(gender, '') || ':' || ifnull(birth_year, '') ||"
                   " ':' || ifnull(address, '') || ':' || ifnull(phone, ''),"
                   " ' ') FROM (SELECT * FROM residents ORDER BY id)",
                   buf, sizeof buf),
              "张三丰:hepingli:M:1950:3-2-101:13812345678 "
              "李秀英:hepingli:F:1952:3-2-102: "
              "王小明:hepingli:M:1988:5-1-301:13900001111 "
              "赵大妈:guangming:F:1945:1-12:62345678");
    CHECK_STR(text("SELECT group_concat(tag) FROM (SELECT tag FROM"
                   " resident_tags ORDER BY id)", buf, sizeof buf),
              "dibao,elderly_alone,dibao,unemployed");
    CHECK_STR(text("SELECT notes FROM residents WHERE name = '王小明'", buf,
                   sizeof buf), "想找保安工作\n周一到周五在家");
    CHECK_INT(first_found(&root, "zsf") > 0, 1);
    CHECK(index_ok());
    CHECK_INT(count("SELECT count(*) FROM audit WHERE tbl = 'residents'"
                    " AND actor_login = 'cli:test'"), 4);
    /* the same file again: every row is a duplicate now */
    out = import("tests/data/csv/residents_good.csv", NULL, false, &rc,
                 &added);
    CHECK_INT(rc, -1);
    CHECK_CONTAINS(out, "tests/data/csv/residents_good.csv:2: 张三丰 at this "
                        "address is already registered (no. ");
    CHECK_CONTAINS(out, "; --force imports it anyway\n");
    CHECK_CONTAINS(out, "tests/data/csv/residents_good.csv:6: 赵大妈");
    free(out);
    CHECK_INT(count("SELECT count(*) FROM residents"), 4);
    out = import("tests/data/csv/residents_good.csv", NULL, true, &rc, &added);
    CHECK_INT(rc, 0);
    CHECK_INT(added, 4);
    free(out);
    CHECK_INT(count("SELECT count(*) FROM residents"), 8);
}

static void
test_import_unknown_committee(void)
{
    reset();
    import_refused("居委会,姓名\nhepingli,张三\nnowhere,李四\n",
                   "%s:3: unknown committee \"nowhere\"\n");
}

static void
test_import_committee_by_name_and_default(void)
{
    const char *path = write_csv("姓名,社区\n张三,光明社区居委会\n李四,\n");
    int rc;
    long added = 0;
    char *out;

    reset();
    out = import(path, "hepingli", false, &rc, &added);
    CHECK_INT(rc, 0);
    CHECK_STR(out, "");
    CHECK_INT(added, 2);
    free(out);
    CHECK_INT(count("SELECT count(*) FROM residents WHERE name = '张三' AND"
                    " committee_id = 'guangming'"), 1);
    CHECK_INT(count("SELECT count(*) FROM residents WHERE name = '李四' AND"
                    " committee_id = 'hepingli'"), 1);
    unlink(path);
    /* no committee anywhere */
    reset();
    import_refused("姓名\n张三\n", "%s:1: no committee: give --committee ID, "
                   "or a committee (居委会) column\n");
    /* a committee column with an empty cell and no default */
    import_refused("姓名,居委会\n张三,\n", "%s:2: the committee is missing\n");
}

static void
test_import_bad_date(void)
{
    reset();
    import_refused("居委会,姓名,出生日期\nhepingli,张三,1950/3/7\n"
                   "hepingli,李四,1950-02-30\n",
                   "%s:3: bad date of birth \"1950-02-30\"; write it as "
                   "YYYY-MM-DD\n");
}

static void
test_import_bad_birth_year(void)
{
    reset();
    import_refused("居委会,姓名,出生年份\nhepingli,张三,1950\n"
                   "hepingli,李四,1850\n",
                   "%s:3: the birth year must be from 1900 to 2023\n");
}

static void
test_import_missing_name(void)
{
    reset();
    import_refused("居委会,姓名,电话\nhepingli,张三,13800000000\n"
                   "hepingli,,13900000000\n",
                   "%s:3: Name is required\n");
}

static void
test_import_wrong_column_count(void)
{
    reset();
    import_refused("居委会,姓名,电话\nhepingli,张三,13800000000\n"
                   "hepingli,李四\n",
                   "%s:3: 2 columns, but the header has 3\n");
}

static void
test_import_bad_tag(void)
{
    reset();
    import_refused("居委会,姓名,标签\nhepingli,张三,低保户\n"
                   "hepingli,李四,低保户、贵宾\n",
                   "%s:3: unknown tag \"贵宾\"\n");
}

static void
test_import_bad_id_number(void)
{
    reset();
    import_refused("居委会,姓名,身份证号\nhepingli,张三,110101195203070026\n"
                   "hepingli,李四,110101195203070027\n",
                   "%s:3: the ID number's check digit does not match; look "
                   "for a typing mistake\n");
}

static void
test_import_bad_utf8(void)
{
    reset();
    import_refused("居委会,姓名\nhepingli,\xD5\xC5\xC8\xFD\n",
                   "%s:2: invalid UTF-8 text; save the file as \"CSV "
                   "UTF-8\"\n");
}

static void
test_import_every_bad_row_reported(void)
{
    int rc;
    long added = -1;
    char *out;

    reset();
    out = import("tests/data/csv/residents_bad.csv", NULL, false, &rc,
                 &added);
    CHECK_INT(rc, -1);
    CHECK_STR(out,
              "tests/data/csv/residents_bad.csv:3: unknown committee "
              "\"xingfu\"\n"
              "tests/data/csv/residents_bad.csv:4: Name is required\n"
              "tests/data/csv/residents_bad.csv:5: the birth year is a year "
              "such as 1956\n"
              "tests/data/csv/residents_bad.csv:6: 3 columns, but the header "
              "has 6\n"
              "tests/data/csv/residents_bad.csv:8: unknown tag \"五保户\"\n"
              "tests/data/csv/residents_bad.csv:9: an ID number is 18 "
              "characters, 17 digits and a digit or X (or an old one of 15 "
              "digits)\n"
              "tests/data/csv/residents_bad.csv:10: a quote inside a field "
              "without quotes; put the whole field in quotes and double the "
              "quote (\"\")\n");
    free(out);
    CHECK_INT(count("SELECT count(*) FROM residents"), 0);
}

/* A resident whose tags fail after the resident itself was written,
 * inside the caller's transaction as in an import: its savepoint takes
 * the resident and its audit row back, so adding the same person again
 * is no duplicate, and the chain stays whole. */
static void
test_failed_add_in_transaction_leaves_nothing(void)
{
    struct ctx sys = as(0);
    const char *bad[] = { "dibao", "vip" }, *good[] = { "dibao" };
    struct resident_input in = { .committee = "hepingli", .name = "张三",
                                 .building = "3", .unit = "2", .room = "101",
                                 .tags = bad, .ntags = 2 };
    struct error e = { 0 };
    int audits;
    int64_t id = -1, first_bad = -1;

    reset();
    audits = count("SELECT count(*) FROM audit");
    CHECK_INT(db_begin(db, &e), 0);
    CHECK_INT(residents_add(&sys, &in, false, &id, &e), -1);
    CHECK_STR(e.msg, "unknown tag \"vip\"");
    CHECK_INT(id, 0);
    CHECK_INT(count("SELECT count(*) FROM residents"), 0);
    CHECK_INT(count("SELECT count(*) FROM resident_tags"), 0);
    CHECK_INT(count("SELECT count(*) FROM audit"), audits);
    in.tags = good;
    in.ntags = 1;
    error_clear(&e);
    CHECK_INT(residents_add(&sys, &in, false, &id, &e), 0);
    CHECK_STR(e.msg, "");
    CHECK(id > 0);
    CHECK_INT(residents_fts_sync(db, &e), 0);
    CHECK_INT(db_commit(db, &e), 0);
    CHECK_INT(count("SELECT count(*) FROM residents"), 1);
    CHECK_INT(count("SELECT count(*) FROM resident_tags"), 1);
    CHECK_INT(count("SELECT count(*) FROM audit"), audits + 2);
    CHECK_INT(audit_verify_chain(db, &first_bad, &e), 0);
    CHECK_INT(first_bad, 0);
    CHECK(index_ok());
}

/* A bad row in the middle is reported and leaves nothing: the same person
 * on a later row is no duplicate, while a real duplicate of an earlier
 * good row still is; and nothing of the file is kept. */
static void
test_import_bad_row_does_not_confuse_later_rows(void)
{
    const char *path = write_csv("居委会,姓名,楼号,单元,房号,标签\n"
                                 "hepingli,张三,3,2,101,低保户\n"
                                 "hepingli,李四,3,2,102,低保户、贵宾\n"
                                 "hepingli,李四,3,2,102,低保户\n"
                                 "hepingli,张三,3,2,101,\n");
    int audits, rc;
    long added = -1;
    char *out, want[256];

    reset();
    audits = count("SELECT count(*) FROM audit");
    out = import(path, NULL, false, &rc, &added);
    CHECK_INT(rc, -1);
    CHECK_INT(added, 0);
    snprintf(want, sizeof want, "%s:3: unknown tag \"贵宾\"\n%s:5: 张三 at "
             "this address is already registered (no. ", path, path);
    CHECK_INT(strncmp(out, want, strlen(want)), 0);
    CHECK_CONTAINS(out, "; --force imports it anyway\n");
    CHECK(strstr(out, ":4:") == NULL);
    free(out);
    CHECK_INT(count("SELECT count(*) FROM residents"), 0);
    CHECK_INT(count("SELECT count(*) FROM resident_tags"), 0);
    CHECK_INT(count("SELECT count(*) FROM audit"), audits);
    CHECK(index_ok());
    unlink(path);
}

/* Every imported resident and tag has its own audit row in the chain. */
static void
test_import_audit_chain(void)
{
    struct error e = { 0 };
    int audits, rc;
    long added = 0;
    int64_t first_bad = -1;
    char *out;

    reset();
    audits = count("SELECT count(*) FROM audit");
    out = import("tests/data/csv/residents_good.csv", NULL, false, &rc,
                 &added);
    CHECK_INT(rc, 0);
    free(out);
    CHECK_INT(count("SELECT count(*) FROM audit") - audits,
              count("SELECT count(*) FROM residents") +
              count("SELECT count(*) FROM resident_tags"));
    CHECK_INT(count("SELECT count(*) FROM residents r WHERE (SELECT count(*)"
                    " FROM audit a WHERE a.tbl = 'residents' AND"
                    " a.row_id = r.id AND a.action = 'insert') = 1"), 4);
    CHECK_INT(audit_verify_chain(db, &first_bad, &e), 0);
    CHECK_INT(first_bad, 0);
}

static void
test_import_header_faults(void)
{
    reset();
    import_refused("姓名,地址\n张三,3-2-101\n",
                   "%s:1: unknown column \"地址\" (column 2)\n");
    import_refused("居委会,电话\nhepingli,1\n",
                   "%s:1: the header has no \"name\" column (姓名)\n");
    import_refused("", "%s:1: the file is empty; its first line must name "
                   "the columns\n");
}

int
main(void)
{
    setup();
    RUN(test_add_and_get);
    RUN(test_find);
    RUN(test_fts_triggers_are_refused);
    RUN(test_search_catches_up_with_other_writers);
    RUN(test_migration_indexes_existing_residents);
    RUN(test_update_keeps_the_index);
    RUN(test_tags_change);
    RUN(test_duplicates_ask_first);
    RUN(test_id_numbers);
    RUN(test_masks);
    RUN(test_bad_missing_name);
    RUN(test_bad_long_name);
    RUN(test_bad_control_characters);
    RUN(test_bad_utf8);
    RUN(test_bad_gender);
    RUN(test_bad_birth_year);
    RUN(test_bad_phone);
    RUN(test_bad_id_number);
    RUN(test_bad_tag);
    RUN(test_bad_committee);
    RUN(test_initials_follow_the_name);
    RUN(test_committee_cannot_change);
    RUN(test_tags_as_typed);
    RUN(test_pages);
    RUN(test_scope);
    RUN(test_import_good_file);
    RUN(test_import_unknown_committee);
    RUN(test_import_committee_by_name_and_default);
    RUN(test_import_bad_date);
    RUN(test_import_bad_birth_year);
    RUN(test_import_missing_name);
    RUN(test_import_wrong_column_count);
    RUN(test_import_bad_tag);
    RUN(test_import_bad_id_number);
    RUN(test_import_bad_utf8);
    RUN(test_import_every_bad_row_reported);
    RUN(test_import_header_faults);
    RUN(test_failed_add_in_transaction_leaves_nothing);
    RUN(test_import_bad_row_does_not_confuse_later_rows);
    RUN(test_import_audit_chain);
    db_close(db);
    return CHECK_DONE();
}
