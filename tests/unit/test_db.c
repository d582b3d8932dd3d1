/* test_db.c — opening, pragmas, migrations, every refusal of db_open with
 * its message and an untouched file, locking, the statement cache, error
 * mapping. The config sync is test_db_sync.c. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "fixture.h"
#include "juwei/db.h"

static char tmpdir[64];

static void
make_tmpdir(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/juwei-test-db-XXXXXX");
    if (mkdtemp(tmpdir) == NULL) {
        perror("mkdtemp");
        exit(2);
    }
}

static void
remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;

    if (d == NULL)
        return;
    chmod(dir, 0700);
    while ((de = readdir(d)) != NULL) {
        char p[512];
        struct stat st;

        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(p);
        else
            unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

/* A path in the test directory; the last few stay valid at once. */
static const char *
path_for(const char *name)
{
    static char p[4][256];
    static int next;
    char *s = p[next++ % 4];

    snprintf(s, sizeof p[0], "%s/%s", tmpdir, name);
    return s;
}

static bool
exists(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0;
}

static bool
exists_suffix(const char *path, const char *suffix)
{
    char p[300];

    snprintf(p, sizeof p, "%s%s", path, suffix);
    return exists(p);
}

/* The whole file, malloc'd, to compare before and after a refusal. */
static char *
slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    long n;

    if (fp == NULL)
        return NULL;
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, fp);
    fclose(fp);
    return buf;
}

static bool
same_file(const char *path, const char *before, size_t len)
{
    size_t n = 0;
    char *now = slurp(path, &n);
    bool same = now != NULL && n == len && memcmp(now, before, len) == 0;

    free(now);
    return same;
}

/* A migrated database at `path`, closed again. */
static void
make_db(const char *path)
{
    struct error e = { 0 };
    struct db *db = db_open(path, DB_CREATE, &e);

    CHECK(db != NULL);
    if (db == NULL)
        return;
    if (db_migrate(db, &e) < 0) {
        printf("  migrate: %s\n", e.msg);
        CHECK(!"migrate");
    }
    db_close(db);
}

static void
raw_exec(const char *path, const char *sql)
{
    sqlite3 *h;

    if (sqlite3_open(path, &h) != SQLITE_OK)
        CHECK(!"raw open");
    if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK) {
        printf("  raw_exec: %s\n", sqlite3_errmsg(h));
        CHECK(!"raw exec");
    }
    sqlite3_close(h);
}

static void
test_open_pragmas(void)
{
    const char *path = path_for("pragmas.db");
    struct error e = { 0 };
    struct db *db = db_open(path, DB_CREATE, &e);
    char buf[64];
    struct stat st;

    CHECK(db != NULL);
    if (db == NULL)
        return;
    CHECK_STR(fixture_text(db, "PRAGMA journal_mode", buf, sizeof buf), "wal");
    CHECK_INT(fixture_count(db, "PRAGMA synchronous"), 2);
    CHECK_INT(fixture_count(db, "PRAGMA foreign_keys"), 1);
    CHECK_INT(db_schema_version(db), 0);
    CHECK_INT(db_migrate(db, &e), 0);
    CHECK_INT(db_schema_version(db), db_current_version());
    CHECK_INT(fixture_count(db, "PRAGMA application_id"), DB_APPLICATION_ID);
    CHECK_INT(fixture_count(db, "PRAGMA foreign_key_check"), -1);  /* no rows */
    /* column text: "" for NULL, a copy cut to its buffer */
    {
        sqlite3_stmt *row = db_stmt(db, "SELECT NULL, '和平里', 'abcdef'");
        char small[4];

        CHECK(row != NULL && sqlite3_step(row) == SQLITE_ROW);
        CHECK_STR(db_column_text(row, 0), "");
        CHECK_STR(db_column_text(row, 1), "和平里");
        db_column_copy(small, sizeof small, row, 2);
        CHECK_STR(small, "abc");
        sqlite3_reset(row);
    }
    /* a bulk write's settings, and back */
    db_bulk(db, true);
    CHECK_INT(fixture_count(db, "PRAGMA cache_size"), -65536);
    CHECK_INT(fixture_count(db, "PRAGMA temp_store"), 2);
    db_bulk(db, false);
    CHECK_INT(fixture_count(db, "PRAGMA cache_size"), -2000);
    CHECK_INT(fixture_count(db, "PRAGMA temp_store"), 0);
    CHECK_STR(db_path(db), path);

    /* The database and its WAL files are group-writable, whatever the
     * umask, for the kiosk accounts of one committee. */
    CHECK_INT(stat(path, &st), 0);
    CHECK_INT(st.st_mode & 0777, 0660);
    CHECK_INT(stat(path_for("pragmas.db-wal"), &st), 0);
    CHECK_INT(st.st_mode & 0777, 0660);
    CHECK_INT(stat(path_for("pragmas.db-shm"), &st), 0);
    CHECK_INT(st.st_mode & 0777, 0660);
    db_close(db);

    /* Reopened as DB_OPEN the pragmas hold again (they are per connection). */
    db = db_open(path, DB_OPEN, &e);
    CHECK(db != NULL);
    if (db == NULL)
        return;
    CHECK_INT(fixture_count(db, "PRAGMA synchronous"), 2);
    CHECK_INT(fixture_count(db, "PRAGMA foreign_keys"), 1);
    CHECK_STR(fixture_text(db, "PRAGMA journal_mode", buf, sizeof buf), "wal");
    db_close(db);
}

static void
test_migrate_idempotent(void)
{
    const char *path = path_for("migrate.db");
    struct error e = { 0 };
    struct db *db = db_open(path, DB_CREATE, &e);
    int tables;

    CHECK(db != NULL);
    if (db == NULL)
        return;
    CHECK_INT(db_schema_version(db), 0);
    CHECK_INT(db_migrate(db, &e), 0);
    tables = fixture_count(db, "SELECT count(*) FROM sqlite_schema");
    CHECK(tables > 40);
    CHECK_INT(db_migrate(db, &e), 0);
    CHECK_INT(db_schema_version(db), db_current_version());
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM sqlite_schema"), tables);
    /* Every record kind of the design has its table. */
    static const char *const names[] = {
        "districts", "committees", "staff", "staff_posts", "records",
        "inspections", "inspection_followups", "residents", "resident_tags",
        "visits", "leave", "leave_steps", "training", "training_attendees",
        "assessment_rounds", "assessment_subjects", "assessment_scores",
        "assessment_ballots", "month_signoffs", "drafts", "audit",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        sqlite3_stmt *st;
        int found = 0;

        sqlite3_prepare_v2(db_sqlite(db),
                           "SELECT 1 FROM sqlite_schema WHERE type = 'table'"
                           " AND name = ?1", -1, &st, NULL);
        sqlite3_bind_text(st, 1, names[i], -1, SQLITE_STATIC);
        found = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
        if (!found)
            printf("  missing table %s\n", names[i]);
        CHECK(found);
    }
    db_close(db);

    /* A second connection migrating an up-to-date database is a no-op. */
    db = db_open(path, DB_CREATE, &e);
    CHECK(db != NULL);
    if (db != NULL) {
        CHECK_INT(db_migrate(db, &e), 0);
        CHECK_INT(db_schema_version(db), db_current_version());
        db_close(db);
    }
}

static void
test_open_missing_file(void)
{
    const char *path = path_for("missing.db");
    char want[300];
    struct error e = { 0 };

    CHECK(db_open(path, DB_OPEN, &e) == NULL);
    CHECK_INT(e.code, E_NOTFOUND);
    snprintf(want, sizeof want,
             "%s does not exist; create it with juwei init", path);
    CHECK_STR(e.msg, want);
    CHECK(!exists(path));
    CHECK(db_open(path, DB_READONLY, &e) == NULL);
    CHECK(!exists(path));
}

static void
test_open_needs_init(void)
{
    const char *path = path_for("needs-init.db");
    char want[300];
    struct error e = { 0 };
    struct db *db = db_open(path, DB_CREATE, &e);

    CHECK(db != NULL);
    db_close(db);
    CHECK(db_open(path, DB_OPEN, &e) == NULL);
    CHECK_INT(e.code, E_VERSION);
    snprintf(want, sizeof want, "%s is empty; create it with juwei init",
             path);
    CHECK_STR(e.msg, want);
    CHECK(db_open(NULL, DB_OPEN, &e) == NULL);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.msg, "no database given: use -d, JUWEI_DB or database= in "
                     "the INI");
}

static void
test_open_newer_version(void)
{
    const char *path = path_for("newer.db");
    char sql[64], want[300], *before;
    size_t len = 0;
    struct error e = { 0 };

    make_db(path);
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
             db_current_version() + 1);
    raw_exec(path, sql);
    before = slurp(path, &len);
    CHECK(before != NULL);

    CHECK(db_open(path, DB_CREATE, &e) == NULL);
    CHECK_INT(e.code, E_VERSION);
    snprintf(want, sizeof want,
             "%s was made by a newer juwei (schema %d, this one knows %d); "
             "use that juwei or a newer one",
             path, db_current_version() + 1, db_current_version());
    CHECK_STR(e.msg, want);
    CHECK(db_open(path, DB_OPEN, &e) == NULL);
    CHECK_STR(e.msg, want);
    CHECK(same_file(path, before, len));
    CHECK(!exists_suffix(path, "-wal"));
    free(before);
}

static void
test_open_not_a_database(void)
{
    const char *path = path_for("notes.txt");
    const char *other = path_for("other-app.db");
    char want[300], *before;
    size_t len = 0;
    struct error e = { 0 };
    FILE *fp = fopen(path, "w");

    for (int i = 0; i < 40; i++)
        fputs("这不是数据库 this is not a database\n", fp);
    fclose(fp);
    before = slurp(path, &len);

    CHECK(db_open(path, DB_CREATE, &e) == NULL);
    CHECK_INT(e.code, E_CORRUPT);
    snprintf(want, sizeof want, "%s is not a juwei database", path);
    CHECK_STR(e.msg, want);
    CHECK(same_file(path, before, len));
    CHECK(!exists_suffix(path, "-wal"));
    free(before);

    /* Some other program's SQLite database: never migrated into. */
    raw_exec(other, "CREATE TABLE things (x); INSERT INTO things VALUES (1);");
    before = slurp(other, &len);
    CHECK(db_open(other, DB_CREATE, &e) == NULL);
    CHECK_INT(e.code, E_CORRUPT);
    snprintf(want, sizeof want, "%s is not a juwei database", other);
    CHECK_STR(e.msg, want);
    CHECK(same_file(other, before, len));
    free(before);
}

static void
test_open_readonly_file(void)
{
    const char *path = path_for("readonly.db");
    char want[300], *before;
    size_t len = 0;
    struct error e = { 0 };
    struct db *db;

    make_db(path);
    chmod(path, 0444);
    before = slurp(path, &len);
    CHECK(db_open(path, DB_OPEN, &e) == NULL);
    CHECK_INT(e.code, E_READONLY);
    snprintf(want, sizeof want,
             "%s is read-only; juwei needs to write to it", path);
    CHECK_STR(e.msg, want);
    CHECK(db_open(path, DB_CREATE, &e) == NULL);
    CHECK_STR(e.msg, want);
    CHECK(same_file(path, before, len));
    free(before);

    /* Reading (export, report) still works. */
    db = db_open(path, DB_READONLY, &e);
    CHECK(db != NULL);
    if (db == NULL)
        printf("  %s\n", e.msg);
    else
        CHECK_INT(db_schema_version(db), db_current_version());
    db_close(db);
    chmod(path, 0660);
}

static void
test_open_readonly_dir(void)
{
    char dir[256], path[300], fresh[300], want[600];
    struct error e = { 0 };

    snprintf(dir, sizeof dir, "%s/ro", tmpdir);
    mkdir(dir, 0770);
    snprintf(path, sizeof path, "%s/juwei.db", dir);
    snprintf(fresh, sizeof fresh, "%s/new.db", dir);
    make_db(path);
    chmod(dir, 0555);

    CHECK(db_open(path, DB_OPEN, &e) == NULL);
    CHECK_INT(e.code, E_READONLY);
    snprintf(want, sizeof want, "the directory %s is read-only; juwei needs "
             "to write its journal there", dir);
    CHECK_STR(e.msg, want);

    CHECK(db_open(fresh, DB_CREATE, &e) == NULL);
    CHECK_INT(e.code, E_READONLY);
    snprintf(want, sizeof want,
             "cannot create %s: the directory %s is read-only", fresh, dir);
    CHECK_STR(e.msg, want);
    CHECK(!exists(fresh));
    chmod(dir, 0770);
}

static void
test_open_missing_dir(void)
{
    char dir[256], path[300], want[600];
    struct error e = { 0 };

    snprintf(dir, sizeof dir, "%s/no-such-dir", tmpdir);
    snprintf(path, sizeof path, "%s/juwei.db", dir);
    CHECK(db_open(path, DB_CREATE, &e) == NULL);
    CHECK_INT(e.code, E_IO);
    snprintf(want, sizeof want,
             "cannot open %s: the directory %s does not exist", path, dir);
    CHECK_STR(e.msg, want);
    CHECK(!exists(dir));
    CHECK(!exists(path));
}

/* A second connection holds BEGIN EXCLUSIVE: every write waits for the
 * (short) timeout and then says the database is busy. */
static void
test_busy_write(void)
{
    const char *path = path_for("busy.db");
    struct error e = { 0 };
    struct db *db;
    sqlite3 *other;

    /* Created but not yet migrated: schema 0. */
    db = db_open(path, DB_CREATE, &e);
    CHECK(db != NULL);
    if (db == NULL)
        return;
    db_set_busy_timeout(db, 50);
    CHECK_INT(sqlite3_open(path, &other), SQLITE_OK);
    CHECK_INT(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL, NULL),
              SQLITE_OK);

    CHECK_INT(db_begin(db, &e), -1);
    CHECK_INT(e.code, E_BUSY);
    CHECK_STR(e.msg, "the database is busy (someone else is saving); try "
                     "again in a moment");

    /* A migration refused for the lock changes nothing. */
    error_clear(&e);
    CHECK_INT(db_migrate(db, &e), -1);
    CHECK_INT(e.code, E_BUSY);
    CHECK_INT(db_schema_version(db), 0);

    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    CHECK_INT(db_migrate(db, &e), 0);
    CHECK_INT(db_schema_version(db), db_current_version());
    db_close(db);
}

/* A database in rollback-journal mode locked by another program: even
 * reading what it is waits, then gives up with a clear message. */
static void
test_busy_open(void)
{
    const char *path = path_for("busy-open.db");
    char want[300];
    struct error e = { 0 };
    sqlite3 *other;

    make_db(path);
    raw_exec(path, "PRAGMA journal_mode = DELETE");
    CHECK_INT(sqlite3_open(path, &other), SQLITE_OK);
    CHECK_INT(sqlite3_exec(other, "BEGIN EXCLUSIVE; CREATE TABLE t (x);",
                           NULL, NULL, NULL), SQLITE_OK);
    db_set_busy_timeout(NULL, 50);
    CHECK(db_open(path, DB_OPEN, &e) == NULL);
    CHECK_INT(e.code, E_BUSY);
    snprintf(want, sizeof want,
             "%s is locked by another program; try again later", path);
    CHECK_STR(e.msg, want);
    db_set_busy_timeout(NULL, 0);
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
}

static void
test_stmt_cache(void)
{
    static const char sql_a[] = "SELECT 1";
    static const char sql_b[] = "SELECT 1";   /* same text, other address */
    const char *path = path_for("cache.db");
    struct error e = { 0 };
    struct db *db = db_open(path, DB_CREATE, &e);
    sqlite3_stmt *a, *b;
    char names[200][24];

    CHECK(db != NULL);
    if (db == NULL)
        return;
    a = db_stmt(db, sql_a);
    CHECK(a != NULL);
    CHECK_INT(sqlite3_step(a), SQLITE_ROW);
    /* Returned again, reset, for the same address only. */
    CHECK(db_stmt(db, sql_a) == a);
    CHECK_INT(sqlite3_stmt_busy(a), 0);
    b = db_stmt(db, sql_b);
    CHECK(b != NULL && b != a);
    /* Many statements: the table grows and keeps every one. */
    for (int i = 0; i < 200; i++)
        snprintf(names[i], sizeof names[i], "SELECT %d", i);
    for (int i = 0; i < 200; i++)
        CHECK(db_stmt(db, names[i]) != NULL);
    CHECK(db_stmt(db, sql_a) == a);
    for (int i = 0; i < 200; i++) {
        sqlite3_stmt *st = db_stmt(db, names[i]);

        CHECK(st != NULL && sqlite3_step(st) == SQLITE_ROW &&
              sqlite3_column_int(st, 0) == i);
    }
    /* Bad SQL: NULL, and the connection says why. */
    CHECK(db_stmt(db, "SELEKT nonsense") == NULL);
    db_close(db);
}

static void
test_error_mapping(void)
{
    const char *path = path_for("errors.db");
    struct error e = { 0 };
    struct db *db = db_open(path, DB_CREATE, &e);
    static const struct { int rc, code; } map[] = {
        { SQLITE_BUSY, E_BUSY }, { SQLITE_LOCKED, E_BUSY },
        { SQLITE_FULL, E_FULL }, { SQLITE_READONLY, E_READONLY },
        { SQLITE_CANTOPEN, E_IO }, { SQLITE_IOERR_WRITE, E_IO },
        { SQLITE_CORRUPT, E_CORRUPT }, { SQLITE_NOTADB, E_CORRUPT },
        { SQLITE_CONSTRAINT_UNIQUE, E_DUP },
        { SQLITE_CONSTRAINT_TRIGGER, E_PERM }, { SQLITE_ERROR, E_DB },
    };

    CHECK(db != NULL);
    if (db == NULL)
        return;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        error_clear(&e);
        CHECK_INT(db_error(db, map[i].rc, &e), -1);
        CHECK_INT(e.code, map[i].code);
        CHECK(e.msg[0] != '\0');
    }
    CHECK_INT(db_error(db, SQLITE_FULL, &e), -1);
    CHECK_STR(e.msg, "the disk is full; nothing was saved");
    db_close(db);
}

int
main(void)
{
    make_tmpdir();
    umask(022);   /* the files must come out 0660 anyway */
    RUN(test_open_pragmas);
    RUN(test_migrate_idempotent);
    RUN(test_open_missing_file);
    RUN(test_open_needs_init);
    RUN(test_open_newer_version);
    RUN(test_open_not_a_database);
    RUN(test_open_readonly_file);
    RUN(test_open_readonly_dir);
    RUN(test_open_missing_dir);
    RUN(test_busy_write);
    RUN(test_busy_open);
    RUN(test_stmt_cache);
    RUN(test_error_mapping);
    remove_tree(tmpdir);
    return CHECK_DONE();
}
