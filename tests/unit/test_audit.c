/* test_audit.c — the audit log's hash chain: every writer seals its rows,
 * the seal is the documented SHA-256 (so an outside script can check it),
 * and a row changed, unsealed, resealed alone or removed (in the middle or
 * at the end) with the sqlite3 shell, triggers dropped first as an
 * attacker would, is named by audit_verify_chain(). Rows from before the
 * chain existed are chained when it begins. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "fixture.h"
#include "juwei/audit.h"
#include "juwei/auth.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/schema.h"
#include "juwei/sha256.h"
#include "juwei/staff.h"
#include "juwei/store.h"

static char tmpdir[64];
static char path[128];
static struct db *db;

static struct cfg_district districts[] = {
    { (char *)"east", (char *)"东城街道" },
};
static struct cfg_committee committees[] = {
    { (char *)"c1", (char *)"幸福社区", (char *)"east", NULL, 0 },
    { (char *)"c2", (char *)"和平社区", (char *)"east", NULL, 0 },
};

static const struct column record_cols[] = {
    { "committee_id", COL_ID, true, 0, 0, 0, "Committee", false },
    { "staff_id", COL_ID, true, 0, 0, 0, "Staff", false },
    { "date", COL_DATE, true, 0, 0, 0, "Date", false },
    { "category", COL_ID, true, 0, 0, 0, "Category", false },
    { "title", COL_TEXT, true, 40, 0, 0, "Title", false },
};
/* The records table as a test sees it (records.c is not written yet). */
static const struct table records = {
    .name = "records", .cols = record_cols, .ncols = 5,
    .committee_col = "committee_id", .owner_col = "staff_id",
};

static void
remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;

    if (d == NULL)
        return;
    while ((de = readdir(d)) != NULL) {
        char p[512];

        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
        unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

static struct ctx
admin(void)
{
    struct ctx c = { 0 };

    c.db = db;
    session_system(&c.who);
    return c;
}

static struct ctx
staff_li(void)
{
    struct ctx c = { 0 };

    c.db = db;
    c.who.staff_id = 1;
    snprintf(c.who.login, sizeof c.who.login, "li");
    snprintf(c.who.committee, sizeof c.who.committee, "c1");
    snprintf(c.who.district, sizeof c.who.district, "east");
    c.who.role = ROLE_STAFF;
    return c;
}

static int64_t
count(const char *sql)
{
    return fixture_count(db, sql);
}

/* The sqlite3 shell on the database file, as an outside tool. */
static int
shell(const char *sql)
{
    char cmd[2048];

    snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"%s\" >/dev/null 2>&1", path,
             sql);
    return system(cmd);
}

#define UNGUARD "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;" \
                " DROP TRIGGER audit_sealed;"

static int64_t
add_record(const char *title)
{
    struct ctx c = staff_li();
    struct error e = { 0 };
    struct value v[5] = { 0 };
    struct change ch = { &records, CH_INSERT, 0, 0, v, NULL, NULL };

    v[0].s = "c1";
    v[1].i = 1;
    v[2].s = "2025-03-01";
    v[3].s = "meeting";
    v[4].s = title;
    if (store_apply(&c, &ch, 1, &e) < 0) {
        printf("  add_record: %s\n", e.msg);
        return 0;
    }
    return ch.id;
}

/* A fresh file database with some history from every kind of writer:
 * the config sync, accounts, logins good and bad, records. */
static void
fresh(void)
{
    struct error e = { 0 };
    struct config cfg = { 0 };
    struct ctx c;
    struct session s;

    if (db != NULL)
        db_close(db);
    snprintf(path, sizeof path, "%s/audit.db", tmpdir);
    unlink(path);
    db = db_open(path, DB_CREATE, &e);
    if (db == NULL || db_migrate(db, &e) < 0) {
        printf("fresh: %s\n", e.msg);
        exit(2);
    }
    cfg.districts = districts;
    cfg.ndistricts = 1;
    cfg.committees = committees;
    cfg.ncommittees = 2;
    if (db_sync_config(db, &cfg, &e) < 0) {
        printf("fresh: %s\n", e.msg);
        exit(2);
    }
    c = admin();
    if (staff_add(&c, "li", "李明", "c1", NULL, ROLE_STAFF, "secret-pass",
                  &e) < 0 ||
        staff_add(&c, "wang", "王芳", "c2", NULL, ROLE_STAFF, "secret-pass",
                  &e) < 0) {
        printf("fresh: %s\n", e.msg);
        exit(2);
    }
    auth_login(db, "li", "secret-pass", &s, &e);
    auth_login(db, "li", "wrong-pass", &s, &e);
    auth_login(db, "nobody", "wrong-pass", &s, &e);
    add_record("入户走访");
    add_record("安全巡查");
    add_record("政策宣传");
}

static void
check_whole(void)
{
    struct error e = { 0 };
    int64_t bad = -1;

    CHECK_INT(audit_verify_chain(db, &bad, &e), 0);
    CHECK_INT(bad, 0);
}

static void
check_broken(int64_t want_bad, const char *want_msg)
{
    struct error e = { 0 };
    int64_t bad = -1;

    CHECK_INT(audit_verify_chain(db, &bad, &e), -1);
    CHECK_INT(bad, want_bad);
    CHECK_INT(e.code, E_CORRUPT);
    CHECK_STR(e.msg, want_msg);
}

static void
test_every_writer_seals(void)
{
    fresh();
    CHECK(count("SELECT count(*) FROM audit") >= 10);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE hash IS NULL"
                    " OR length(hash) <> 64 OR hash GLOB '*[^0-9a-f]*'"), 0);
    /* ids are dense from 1 */
    CHECK_INT(count("SELECT max(id) - count(*) FROM audit"), 0);
    /* no two seals alike */
    CHECK_INT(count("SELECT count(DISTINCT hash) = count(*) FROM audit"), 1);
    check_whole();
}

/* The seal is exactly what audit.c says, so a script can check it:
 * SHA-256("juwei-audit-1\n" + previous seal + each of id, at, actor_id,
 * actor_login, action, tbl, row_id, before, after as N; or I<n>; or
 * T<bytes>:<text>;). */
static void
test_seal_format(void)
{
    sqlite3_stmt *st;
    char prev[SHA256_HEX], want[SHA256_HEX];
    int n = 0;

    fresh();
    memset(prev, '0', 64);
    prev[64] = '\0';
    sqlite3_prepare_v2(db_sqlite(db),
                       "SELECT id, at, actor_id, actor_login, action, tbl,"
                       " row_id, before, after, hash FROM audit ORDER BY id",
                       -1, &st, NULL);
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct sha256 c;
        unsigned char d[SHA256_BYTES];
        char part[64];

        sha256_init(&c);
        sha256_update(&c, "juwei-audit-1\n", 14);
        sha256_update(&c, prev, 64);
        for (int i = 0; i < 9; i++) {
            switch (sqlite3_column_type(st, i)) {
            case SQLITE_NULL:
                sha256_update(&c, "N;", 2);
                break;
            case SQLITE_INTEGER:
                snprintf(part, sizeof part, "I%lld;",
                         (long long)sqlite3_column_int64(st, i));
                sha256_update(&c, part, strlen(part));
                break;
            default:
                snprintf(part, sizeof part, "T%d:",
                         sqlite3_column_bytes(st, i));
                sha256_update(&c, part, strlen(part));
                sha256_update(&c, sqlite3_column_text(st, i),
                              (size_t)sqlite3_column_bytes(st, i));
                sha256_update(&c, ";", 1);
                break;
            }
        }
        sha256_final(&c, d);
        sha256_to_hex(d, want);
        CHECK_STR((const char *)sqlite3_column_text(st, 9), want);
        memcpy(prev, want, sizeof prev);
        n++;
    }
    sqlite3_finalize(st);
    CHECK(n >= 10);
}

static void
test_update_and_delete_refused(void)
{
    sqlite3 *h;

    fresh();
    h = db_sqlite(db);
    CHECK_INT(sqlite3_exec(h, "UPDATE audit SET action = 'x' WHERE id = 3",
                           NULL, NULL, NULL), SQLITE_CONSTRAINT_TRIGGER);
    CHECK_STR(sqlite3_errmsg(h), "audit rows are append-only");
    CHECK_INT(sqlite3_exec(h, "DELETE FROM audit WHERE id = 3", NULL, NULL,
                           NULL), SQLITE_CONSTRAINT_TRIGGER);
    CHECK_STR(sqlite3_errmsg(h), "audit rows are append-only");
    /* nor can anything append around the chain */
    CHECK_INT(sqlite3_exec(h, "INSERT INTO audit (at, action) VALUES (1, 'x')",
                           NULL, NULL, NULL), SQLITE_CONSTRAINT_TRIGGER);
    CHECK_STR(sqlite3_errmsg(h), "audit rows must be sealed");
    CHECK_INT(sqlite3_exec(h, "INSERT INTO audit (at, action, hash)"
                           " VALUES (1, 'x', 'abc')", NULL, NULL, NULL),
              SQLITE_CONSTRAINT_TRIGGER);
    check_whole();
}

static void
test_changed_row_is_named(void)
{
    char msg[200];

    fresh();
    CHECK_INT(shell(UNGUARD " UPDATE audit SET after = json_set(after,"
                    " '$.title', '改过的') WHERE id = (SELECT max(id) - 1"
                    " FROM audit);"), 0);
    int64_t bad = count("SELECT max(id) - 1 FROM audit");
    snprintf(msg, sizeof msg, "audit row %lld does not match its seal: "
             "someone changed it or removed a row before it",
             (long long)bad);
    check_broken(bad, msg);
}

static void
test_changed_actor_is_named(void)
{
    fresh();
    /* who did it, and when, are sealed too */
    CHECK_INT(shell(UNGUARD " UPDATE audit SET actor_login = 'wang'"
                    " WHERE id = 5;"), 0);
    check_broken(5, "audit row 5 does not match its seal: someone changed "
                    "it or removed a row before it");
    fresh();
    CHECK_INT(shell(UNGUARD " UPDATE audit SET at = at + 1 WHERE id = 2;"),
              0);
    check_broken(2, "audit row 2 does not match its seal: someone changed "
                    "it or removed a row before it");
}

/* Recomputing the changed row's own seal is not enough: the next row
 * followed the old one. */
static void
test_resealed_row_breaks_the_next(void)
{
    char prev[SHA256_HEX], forged[SHA256_HEX];
    sqlite3_stmt *st;
    char *sql;

    fresh();
    /* Row 3 changed and given the seal an attacker would compute for it
     * with its new content: row 3 now checks out, row 4 does not. */
    CHECK_INT(shell(UNGUARD " UPDATE audit SET actor_login = 'wang'"
                    " WHERE id = 3;"), 0);
    sqlite3_prepare_v2(db_sqlite(db), "SELECT hash FROM audit WHERE id = 2",
                       -1, &st, NULL);
    sqlite3_step(st);
    snprintf(prev, sizeof prev, "%s", sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_prepare_v2(db_sqlite(db),
                       "SELECT 'juwei-audit-1' || char(10) || ?1 ||"
                       " 'I' || id || ';I' || at || ';' ||"
                       " CASE WHEN actor_id IS NULL THEN 'N;'"
                       "  ELSE 'I' || actor_id || ';' END ||"
                       " 'T' || length(CAST(actor_login AS BLOB)) || ':' ||"
                       "  actor_login || ';' ||"
                       " 'T' || length(CAST(action AS BLOB)) || ':' || action"
                       "  || ';' ||"
                       " CASE WHEN tbl IS NULL THEN 'N;' ELSE 'T' ||"
                       "  length(CAST(tbl AS BLOB)) || ':' || tbl || ';' END"
                       " || CASE WHEN row_id IS NULL THEN 'N;'"
                       "  ELSE 'I' || row_id || ';' END ||"
                       " CASE WHEN before IS NULL THEN 'N;' ELSE 'T' ||"
                       "  length(CAST(before AS BLOB)) || ':' || before ||"
                       "  ';' END ||"
                       " CASE WHEN after IS NULL THEN 'N;' ELSE 'T' ||"
                       "  length(CAST(after AS BLOB)) || ':' || after || ';'"
                       "  END FROM audit WHERE id = 3", -1, &st, NULL);
    sqlite3_bind_text(st, 1, prev, -1, SQLITE_STATIC);
    CHECK_INT(sqlite3_step(st), SQLITE_ROW);
    sha256_hex(sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0),
               forged);
    sqlite3_finalize(st);
    sql = sqlite3_mprintf("UPDATE audit SET hash = '%s' WHERE"
                          " id = 3;", forged);
    CHECK_INT(shell(sql), 0);
    sqlite3_free(sql);
    check_broken(4, "audit row 4 does not match its seal: someone changed "
                    "it or removed a row before it");
}

static void
test_unsealed_row_is_named(void)
{
    fresh();
    CHECK_INT(shell(UNGUARD " UPDATE audit SET hash = NULL WHERE id = 6;"),
              0);
    check_broken(6, "audit row 6 has lost its seal: someone changed it");
    /* Unsealing every row does not make them pass for rows older than
     * the chain. */
    fresh();
    CHECK_INT(shell(UNGUARD " UPDATE audit SET hash = NULL,"
                    " actor_login = 'x';"), 0);
    check_broken(1, "audit row 1 has lost its seal: someone changed it");
    /* and where the old rows end is guarded like the log */
    fresh();
    CHECK_INT(count("SELECT legacy_upto FROM audit_chain"), 0);
    CHECK_INT(sqlite3_exec(db_sqlite(db), "UPDATE audit_chain SET"
                           " legacy_upto = 1000", NULL, NULL, NULL),
              SQLITE_CONSTRAINT_TRIGGER);
    CHECK_INT(sqlite3_exec(db_sqlite(db), "DELETE FROM audit_chain", NULL,
                           NULL, NULL), SQLITE_CONSTRAINT_TRIGGER);
}

static void
test_removed_row_is_named(void)
{
    fresh();
    CHECK_INT(shell(UNGUARD " DELETE FROM audit WHERE id = 4;"), 0);
    check_broken(4, "audit row 4 is missing: someone removed it");
    /* the first row too */
    fresh();
    CHECK_INT(shell(UNGUARD " DELETE FROM audit WHERE id = 1;"), 0);
    check_broken(1, "audit row 1 is missing: someone removed it");
}

static void
test_removed_newest_rows_are_named(void)
{
    char msg[200];
    int64_t n;

    fresh();
    n = count("SELECT max(id) FROM audit");
    CHECK_INT(shell(UNGUARD " DELETE FROM audit WHERE id >= (SELECT max(id)"
                    " - 1 FROM audit);"), 0);
    snprintf(msg, sizeof msg, "audit rows %lld to %lld are missing: someone "
             "removed the newest rows", (long long)(n - 1), (long long)n);
    check_broken(n - 1, msg);
    /* New rows after the cut do not hide it. */
    CHECK(add_record("之后") > 0);
    snprintf(msg, sizeof msg, "audit row %lld is missing: someone removed "
             "it", (long long)(n - 1));
    check_broken(n - 1, msg);
}

/* A lone append (the kiosk's logout) seals too, in its own transaction. */
static void
test_lone_append(void)
{
    struct ctx c;
    struct error e = { 0 };
    char head[SHA256_HEX];
    int64_t last = 0, before;

    fresh();
    c = staff_li();
    before = count("SELECT max(id) FROM audit");
    CHECK_INT(audit_append(db, &c.who, "logout", NULL, 0, NULL, NULL, &e), 0);
    CHECK_INT(count("SELECT max(id) FROM audit"), before + 1);
    CHECK(sqlite3_get_autocommit(db_sqlite(db)));
    /* malformed JSON: refused, nothing appended, no transaction left */
    CHECK_INT(audit_append(db, &c.who, "x", NULL, 0, "{nope", NULL, &e), -1);
    CHECK_STR(e.msg, "database error: malformed JSON");
    CHECK_INT(count("SELECT max(id) FROM audit"), before + 1);
    CHECK(sqlite3_get_autocommit(db_sqlite(db)));
    check_whole();
    CHECK_INT(audit_head(db, &last, head, &e), 0);
    CHECK_INT(last, before + 1);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE id = (SELECT max(id)"
                    " FROM audit) AND hash = (SELECT hash FROM audit"
                    " ORDER BY id DESC LIMIT 1)"), 1);
    {
        sqlite3_stmt *st;

        sqlite3_prepare_v2(db_sqlite(db), "SELECT hash FROM audit ORDER BY id"
                           " DESC LIMIT 1", -1, &st, NULL);
        sqlite3_step(st);
        CHECK_STR(head, (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
}

/* A batch rolled back leaves no hole in the ids and no broken seal. */
static void
test_rolled_back_batch(void)
{
    struct ctx c;
    struct error e = { 0 };
    struct value ok[5] = { 0 }, bad[5] = { 0 };
    struct change ch[2] = {
        { &records, CH_INSERT, 0, 0, ok, NULL, NULL },
        { &records, CH_INSERT, 0, 0, bad, NULL, NULL },
    };
    int64_t before;

    fresh();
    c = staff_li();
    before = count("SELECT max(id) FROM audit");
    ok[0].s = bad[0].s = "c1";
    ok[1].i = bad[1].i = 1;
    ok[2].s = bad[2].s = "2025-03-02";
    ok[3].s = bad[3].s = "meeting";
    ok[4].s = "第一条";
    bad[4].s = "";                        /* required: refused */
    CHECK_INT(store_apply(&c, ch, 2, &e), -1);
    CHECK_INT(count("SELECT max(id) FROM audit"), before);
    CHECK(add_record("第二条") > 0);
    CHECK_INT(count("SELECT max(id) FROM audit"), before + 1);
    check_whole();
}

/* JSON already in stored form is kept byte for byte and sealed like any
 * other row; audit_append still minifies what it is given. */
static void
test_append_stored(void)
{
    struct ctx c;
    struct error e = { 0 };
    char buf[128];

    fresh();
    c = staff_li();
    CHECK_INT(db_begin(db, &e), 0);
    CHECK_INT(audit_append_stored(db, &c.who, "insert", "records", 7, NULL,
                                  "{\"id\":7,\"title\":\"走访\"}", &e), 0);
    CHECK_INT(audit_append(db, &c.who, "update", "records", 7,
                           "{ \"id\": 7 }", "{ \"id\": 7, \"v\": 2 }",
                           &e), 0);
    CHECK_INT(db_commit(db, &e), 0);
    CHECK_STR(fixture_text(db, "SELECT after FROM audit WHERE action = 'insert'"
                      " AND row_id = 7", buf, sizeof buf),
              "{\"id\":7,\"title\":\"走访\"}");
    CHECK_STR(fixture_text(db, "SELECT before || after FROM audit WHERE"
                      " action = 'update' AND row_id = 7", buf, sizeof buf),
              "{\"id\":7}{\"id\":7,\"v\":2}");
    check_whole();
    /* changing the stored-form row afterwards is found like any other */
    CHECK_INT(shell(UNGUARD " UPDATE audit SET after = json_set(after,"
                    " '$.title', '改过的') WHERE action = 'insert'"
                    " AND row_id = 7;"), 0);
    snprintf(buf, sizeof buf, "audit row %lld does not match its seal: "
             "someone changed it or removed a row before it",
             (long long)count("SELECT id FROM audit WHERE action = 'insert'"
                              " AND row_id = 7"));
    check_broken(count("SELECT id FROM audit WHERE action = 'insert'"
                       " AND row_id = 7"), buf);
}

/* A database from before the chain: its rows are chained by the first
 * sealed row, so changing one of them later is still found. */
static void
test_rows_from_before_the_chain(void)
{
    size_t n;
    const struct migration *m = schema_migrations(&n);
    sqlite3 *h;
    struct error e = { 0 };
    struct ctx c;

    if (db != NULL)
        db_close(db);
    db = NULL;
    snprintf(path, sizeof path, "%s/old.db", tmpdir);
    unlink(path);
    CHECK_INT(sqlite3_open(path, &h), SQLITE_OK);
    CHECK_INT(sqlite3_exec(h, m[0].sql, NULL, NULL, NULL), SQLITE_OK);
    CHECK_INT(sqlite3_exec(h, "PRAGMA application_id = 1247106885;"
                           "PRAGMA user_version = 1;"
                           "INSERT INTO audit (at, actor_login, action)"
                           " VALUES (1, 'system', 'sync'), (2, 'cli:root',"
                           " 'insert'), (3, NULL, 'login_failed');",
                           NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);

    db = db_open(path, DB_CREATE, &e);
    CHECK(db != NULL);
    if (db == NULL)
        return;
    CHECK_INT(db_migrate(db, &e), 0);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE hash IS NULL"), 3);
    CHECK_INT(count("SELECT legacy_upto FROM audit_chain"), 3);
    check_whole();
    c = admin();
    CHECK_INT(audit_append(db, &c.who, "sync", "districts", 0, NULL,
                           "{\"id\":\"east\"}", &e), 0);
    CHECK_INT(count("SELECT id FROM audit WHERE hash IS NOT NULL"), 4);
    check_whole();
    db_close(db);
    db = NULL;
    CHECK_INT(shell("DROP TRIGGER audit_no_update;"
                    " UPDATE audit SET actor_login = 'x' WHERE id = 2;"), 0);
    db = db_open(path, DB_OPEN, &e);
    CHECK(db != NULL);
    if (db == NULL)
        return;
    check_broken(4, "audit row 4 does not match its seal: someone changed "
                    "it or removed a row before it");
}

static void
test_empty_log(void)
{
    struct error e = { 0 };
    char head[SHA256_HEX];
    int64_t last = -1;

    if (db != NULL)
        db_close(db);
    db = db_open(":memory:", DB_CREATE, &e);
    CHECK(db != NULL && db_migrate(db, &e) == 0);
    check_whole();
    CHECK_INT(audit_head(db, &last, head, &e), 0);
    CHECK_INT(last, 0);
    CHECK_STR(head, "0000000000000000000000000000000000000000000000000000000"
                    "000000000");
}

int
main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/juwei-test-audit-XXXXXX");
    if (mkdtemp(tmpdir) == NULL) {
        perror("mkdtemp");
        return 2;
    }
    util_set_now(1750000000);
    RUN(test_every_writer_seals);
    RUN(test_seal_format);
    RUN(test_update_and_delete_refused);
    RUN(test_changed_row_is_named);
    RUN(test_changed_actor_is_named);
    RUN(test_resealed_row_breaks_the_next);
    RUN(test_unsealed_row_is_named);
    RUN(test_removed_row_is_named);
    RUN(test_removed_newest_rows_are_named);
    RUN(test_lone_append);
    RUN(test_rolled_back_batch);
    RUN(test_append_stored);
    RUN(test_rows_from_before_the_chain);
    RUN(test_empty_log);
    db_close(db);
    remove_tree(tmpdir);
    return CHECK_DONE();
}
