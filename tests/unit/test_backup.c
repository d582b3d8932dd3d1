/* test_backup.c — a backup taken while another process is in the middle
 * of writing (it holds an open write transaction) is complete, consistent
 * and verifies; then the checks of verify: a broken foreign key, a
 * damaged page, a file that is not a juwei database, and the refusals. */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "juwei/backup.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/staff.h"

static char dir[] = "/tmp/juwei-test-backup-XXXXXX";
static char *live;
static struct cfg_district districts[] = {
    { (char *)"east", (char *)"东风街道" },
};
static struct cfg_committee committees[] = {
    { (char *)"c1", (char *)"和平里社区居委会", (char *)"east", NULL, 0 },
};

static char *
path_of(const char *name)
{
    return xasprintf("%s/%s", dir, name);
}

static long long
count_in(const char *path, const char *sql)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    long long v = -1;

    if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(h);
        return -1;
    }
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

static void
setup(void)
{
    struct error e = { 0 };
    struct config cfg = { 0 };
    struct ctx sys = { 0 };
    struct db *db;

    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        exit(2);
    }
    live = path_of("juwei.db");
    cfg.districts = districts;
    cfg.ndistricts = 1;
    cfg.committees = committees;
    cfg.ncommittees = 1;
    db = db_open(live, DB_CREATE, &e);
    if (db == NULL || db_migrate(db, &e) < 0 ||
        db_sync_config(db, &cfg, &e) < 0) {
        printf("setup: %s\n", e.msg);
        exit(2);
    }
    sys.db = db;
    sys.cfg = &cfg;
    session_system(&sys.who);
    if (staff_add(&sys, "li", "李秀英", "c1", NULL, ROLE_STAFF,
                  "a fine password", &e) < 0) {
        printf("setup: %s\n", e.msg);
        exit(2);
    }
    db_close(db);
}

static const char sql_pair[] =
    "INSERT INTO records (committee_id, staff_id, date, category, title,"
    " created_at, updated_at) VALUES ('c1', 1, '2026-04-01', 'meeting',"
    " '周例会', 0, 0)";

static bool
run(sqlite3 *h, const char *sql)
{
    return sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK;
}

/* The other process: 50 transactions of two records each; then one left
 * half done (one record written, not committed) until the parent says
 * so; then 50 more. Every committed state holds an even number. */
static void
writer(int tell, int wait_for)
{
    struct error e = { 0 };
    struct db *db = db_open(live, DB_OPEN, &e);
    sqlite3 *h;
    char c = 'x';
    bool ok = db != NULL;

    h = ok ? db_sqlite(db) : NULL;
    for (int i = 0; ok && i < 50; i++)
        ok = run(h, "BEGIN IMMEDIATE") && run(h, sql_pair) &&
             run(h, sql_pair) && run(h, "COMMIT");
    ok = ok && run(h, "BEGIN IMMEDIATE") && run(h, sql_pair);
    if (write(tell, &c, 1) != 1 || read(wait_for, &c, 1) != 1)
        ok = false;
    ok = ok && run(h, sql_pair) && run(h, "COMMIT");
    for (int i = 0; ok && i < 50; i++)
        ok = run(h, "BEGIN IMMEDIATE") && run(h, sql_pair) &&
             run(h, sql_pair) && run(h, "COMMIT");
    if (!ok)
        fprintf(stderr, "writer: %s\n", h != NULL ? sqlite3_errmsg(h)
                                                  : e.msg);
    db_close(db);
    _exit(ok ? 0 : 1);
}

static void
test_backup_while_writing(void)
{
    int to_parent[2], to_child[2], status = -1;
    struct error e = { 0 };
    struct backup_check c;
    struct stat st;
    char *copy = path_of("copy.db"), *wal = path_of("copy.db-wal");
    int64_t bytes = 0;
    char ch;
    pid_t pid;

    if (pipe(to_parent) < 0 || pipe(to_child) < 0) {
        CHECK(!"pipe");
        return;
    }
    fflush(stdout);
    if ((pid = fork()) == 0)
        writer(to_parent[1], to_child[0]);
    CHECK(pid > 0);
    /* The writer now holds a write transaction with half a pair in it. */
    CHECK_INT(read(to_parent[0], &ch, 1), 1);
    CHECK_INT(backup_run(live, copy, &bytes, &e), 0);
    if (e.code != 0)
        printf("  backup: %s\n", e.msg);
    CHECK_INT(write(to_child[1], &ch, 1), 1);
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

    /* The copy: the 50 committed pairs, none of the open transaction. */
    CHECK_INT(count_in(copy, "SELECT count(*) FROM records"), 100);
    CHECK_INT(count_in(live, "SELECT count(*) FROM records"), 202);
    CHECK(bytes > 0);
    CHECK_INT(stat(copy, &st), 0);
    CHECK_INT(st.st_mode & 0777, 0600);
    CHECK_INT(st.st_size, bytes);
    CHECK_INT(backup_verify(copy, &c, &e), 0);
    CHECK(backup_check_ok(&c));
    CHECK_INT(c.schema, db_current_version());
    CHECK_INT(c.nproblems, 0);
    for (size_t i = 0; i < c.ncounts; i++) {
        if (strcmp(c.counts[i].table, "records") == 0)
            CHECK_INT(c.counts[i].rows, 100);
        if (strcmp(c.counts[i].table, "committees") == 0)
            CHECK_INT(c.counts[i].rows, 1);
        CHECK(strncmp(c.counts[i].table, "sqlite_", 7) != 0);
    }
    CHECK(c.ncounts >= 20);
    backup_check_free(&c);
    /* A single file: no journal left beside it, and none made by the
     * check either. */
    CHECK_INT(stat(wal, &st), -1);
    CHECK_INT(count_in(copy, "SELECT count(*) FROM pragma_journal_mode"
                             " WHERE journal_mode = 'delete'"), 1);
    /* No temporary left in the directory: juwei.db (+ -wal, -shm) and
     * the copy. */
    char *cmd = xasprintf("test -z \"$(ls -A %s | grep -v -e '^juwei.db'"
                          " -e '^copy.db$')\"", dir);
    CHECK_INT(system(cmd), 0);
    free(cmd);
    /* A second backup replaces the first, whole. */
    CHECK_INT(backup_run(live, copy, &bytes, &e), 0);
    CHECK_INT(count_in(copy, "SELECT count(*) FROM records"), 202);
    free(copy);
    free(wal);
}

static void
test_verify_live(void)
{
    struct error e = { 0 };
    struct backup_check c;

    CHECK_INT(backup_verify(live, &c, &e), 0);
    CHECK(backup_check_ok(&c));
    backup_check_free(&c);
}

static void
test_verify_foreign_key(void)
{
    struct error e = { 0 };
    struct backup_check c;
    char *copy = path_of("fk.db");
    sqlite3 *h;

    CHECK_INT(backup_run(live, copy, &(int64_t){ 0 }, &e), 0);
    sqlite3_open(copy, &h);
    run(h, "PRAGMA foreign_keys = OFF");
    CHECK(run(h, "INSERT INTO records (committee_id, staff_id, date,"
                 " category, title, created_at, updated_at) VALUES"
                 " ('c1', 99, '2026-04-01', 'x', 'y', 0, 0)"));
    sqlite3_close(h);
    CHECK_INT(backup_verify(copy, &c, &e), 0);
    CHECK(!backup_check_ok(&c));
    CHECK(c.integrity_ok);
    CHECK(!c.foreign_keys_ok);
    CHECK_INT(c.nproblems, 1);
    if (c.nproblems == 1)
        CHECK_STR(c.problems[0], "records row 203 refers to a missing staff "
                                 "row");
    backup_check_free(&c);
    free(copy);
}

static void
test_verify_damaged(void)
{
    struct error e = { 0 };
    struct backup_check c;
    char *copy = path_of("bad.db");
    long long root, size;
    int fd;
    static const unsigned char junk[16] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    };

    CHECK_INT(backup_run(live, copy, &(int64_t){ 0 }, &e), 0);
    root = count_in(copy, "SELECT rootpage FROM sqlite_schema"
                          " WHERE name = 'records'");
    size = count_in(copy, "PRAGMA page_size");
    CHECK(root > 1 && size > 0);
    /* Scribble over the header of the records table's root page. */
    fd = open(copy, O_WRONLY);
    CHECK(fd >= 0);
    CHECK_INT(pwrite(fd, junk, sizeof junk, (off_t)((root - 1) * size)),
              (long long)sizeof junk);
    close(fd);
    CHECK_INT(backup_verify(copy, &c, &e), 0);
    CHECK(!backup_check_ok(&c));
    CHECK(!c.integrity_ok);
    CHECK(c.nproblems > 0);
    backup_check_free(&c);
    free(copy);
}

static void
test_refusals(void)
{
    struct error e = { 0 };
    struct backup_check c;
    char *other = path_of("other.db"), *text = path_of("notes.txt");
    char *nowhere = path_of("missing/copy.db");
    sqlite3 *h;
    FILE *fp;
    int64_t bytes = 0;

    CHECK_INT(backup_run(live, live, &bytes, &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.msg, "the backup cannot overwrite the database itself");
    CHECK_INT(backup_run(live, nowhere, &bytes, &e), -1);
    CHECK_INT(e.code, E_IO);
    CHECK_CONTAINS(e.msg, "cannot write in ");
    /* Another program's SQLite database, and a text file. */
    sqlite3_open(other, &h);
    run(h, "CREATE TABLE t (x)");
    sqlite3_close(h);
    CHECK_INT(backup_run(other, nowhere, &bytes, &e), -1);
    CHECK_INT(e.code, E_CORRUPT);
    CHECK_CONTAINS(e.msg, "other.db is not a juwei database");
    CHECK_INT(backup_verify(other, &c, &e), -1);
    CHECK_INT(e.code, E_CORRUPT);
    fp = fopen(text, "w");
    fputs("not a database at all, not even close to one\n", fp);
    fclose(fp);
    CHECK_INT(backup_verify(text, &c, &e), -1);
    CHECK_INT(e.code, E_CORRUPT);
    CHECK_CONTAINS(e.msg, "notes.txt is not a juwei database");
    free(text);
    text = path_of("none.db");
    CHECK_INT(backup_verify(text, &c, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    free(text);
    free(other);
    free(nowhere);
}

int
main(void)
{
    char *cmd;
    int rc;

    setlocale(LC_ALL, "C.UTF-8");
    signal(SIGPIPE, SIG_IGN);
    setup();
    RUN(test_backup_while_writing);
    RUN(test_verify_live);
    RUN(test_verify_foreign_key);
    RUN(test_verify_damaged);
    RUN(test_refusals);
    rc = CHECK_DONE();
    cmd = xasprintf("rm -rf %s", dir);
    if (system(cmd) != 0)
        printf("cannot remove %s\n", dir);
    free(cmd);
    free(live);
    return rc;
}
