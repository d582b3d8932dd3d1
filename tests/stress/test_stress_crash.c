/* test_stress_crash.c — a writer killed with SIGKILL at random moments,
 * many times: in the middle of a bulk import (one transaction of many
 * store_apply() inserts), of a single save, of an update, of a commit or
 * of a checkpoint. After every kill the database opens, integrity_check
 * says ok, every transaction is all there or not there (a batch is whole
 * or absent, each record has exactly its audit rows), every write the
 * writer acknowledged is there, and the audit chain is whole.
 *
 * JUWEI_STRESS_KILLS sets the number of kills (`make stress`). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>

#include "check.h"
#include "juwei/audit.h"
#include "stress.h"

/* Where the writer was when it died, told through shared memory. */
enum phase { PH_OPENING, PH_IDLE, PH_BATCH, PH_SAVE, PH_UPDATE, PH_COMMIT,
             PH_COUNT };
static const char *const phase_name[] = {
    "opening", "between saves", "bulk import", "single save", "update",
    "commit",
};

static volatile int *phase;

/* Runs until killed: bulk imports of 5–60 records in one transaction,
 * single saves and updates, each acknowledged after its commit. */
static void
writer(const char *path, int round, int staff, int log, int ready)
{
    struct error e = { 0 };
    struct db *db;
    struct ctx ctx;
    unsigned int seed = (unsigned int)(getpid() * 2654435761u);
    int64_t last = 0, single = 0;   /* updates go to single saves only,
                                     * so that batches stay countable */

    *phase = PH_OPENING;
    db = db_open(path, DB_OPEN, &e);
    if (db == NULL) {
        stress_ack(log, "E %s\n", e.msg);
        _exit(1);
    }
    /* Power-cut safety is configuration: every connection the kiosks and
     * commands open must be in WAL mode with a full sync at each commit. */
    if (stress_int(db, "PRAGMA synchronous") != 2 ||
        stress_int(db, "SELECT journal_mode = 'wal' FROM"
                       " pragma_journal_mode") != 1) {
        stress_ack(log, "E not WAL with synchronous=FULL\n");
        _exit(1);
    }
    ctx = stress_ctx(db, staff);
    /* The parent may not be listening (it kills some writers while they
     * open): a closed pipe is fine. */
    if (write(ready, "x", 1) < 0)
        close(ready);
    for (int j = 0;; j++) {
        int r = rand_r(&seed) % 10;
        char title[64], details[64];

        *phase = PH_IDLE;
        if (r < 5) {
            int n = 5 + rand_r(&seed) % 56;

            *phase = PH_BATCH;
            if (db_begin(db, &e) < 0)
                goto fail;
            snprintf(details, sizeof details, "batch %d-%d of %d", round, j,
                     n);
            for (int k = 0; k < n; k++) {
                snprintf(title, sizeof title, "导入 %d-%d-%d", round, j, k);
                if (stress_insert(&ctx, title, details, &last, &e) < 0)
                    goto fail;
            }
            *phase = PH_COMMIT;
            if (db_commit(db, &e) < 0)
                goto fail;
            stress_ack(log, "B %s\n", details);
        } else if (r < 8 || single == 0) {
            *phase = PH_SAVE;
            snprintf(title, sizeof title, "保存 %d-%d", round, j);
            if (stress_insert(&ctx, title, "single", &single, &e) < 0)
                goto fail;
            stress_ack(log, "S %lld\n", (long long)single);
        } else {
            *phase = PH_UPDATE;
            snprintf(details, sizeof details, "改 %d-%d", round, j);
            if (stress_update(&ctx, single, details, &e) < 0)
                goto fail;
            stress_ack(log, "U %lld %s\n", (long long)single, details);
        }
    }
fail:
    stress_ack(log, "E %s\n", e.msg);
    _exit(1);
}

/* Everything the killed writers acknowledged since `*offset` of the log
 * is there; moves *offset past what was checked. */
static long
check_acks(struct db *db, const char *log_path, long *offset)
{
    FILE *fp = fopen(log_path, "r");
    char line[256];
    long missing = 0;
    sqlite3_stmt *batch, *single, *upd;

    if (fp == NULL)
        return 0;
    fseek(fp, *offset, SEEK_SET);
    sqlite3_prepare_v2(db_sqlite(db), "SELECT count(*) FROM records WHERE"
                       " details = ?1", -1, &batch, NULL);
    sqlite3_prepare_v2(db_sqlite(db), "SELECT count(*) FROM records WHERE"
                       " id = ?1", -1, &single, NULL);
    sqlite3_prepare_v2(db_sqlite(db), "SELECT count(*) FROM audit WHERE"
                       " tbl = 'records' AND row_id = ?1 AND action = 'update'"
                       " AND after ->> '$.details' = ?2", -1, &upd, NULL);
    while (fgets(line, sizeof line, fp) != NULL) {
        long long id;
        int n = 0, off = 0;
        sqlite3_stmt *st = NULL;

        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "B ", 2) == 0 &&
            sscanf(line, "B batch %*d-%*d of %d", &n) == 1) {
            st = batch;
            sqlite3_bind_text(st, 1, line + 2, -1, SQLITE_STATIC);
        } else if (sscanf(line, "S %lld", &id) == 1) {
            st = single;
            n = 1;
            sqlite3_bind_int64(st, 1, id);
        } else if (sscanf(line, "U %lld %n", &id, &off) == 1 && off > 0) {
            st = upd;
            n = 1;
            sqlite3_bind_int64(st, 1, id);
            sqlite3_bind_text(st, 2, line + off, -1, SQLITE_STATIC);
        } else if (line[0] == 'E') {
            printf("  writer failed: %s\n", line);
            missing++;
            continue;
        }
        if (st == NULL)
            continue;
        if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != n) {
            printf("  acknowledged but not there: %s\n", line);
            missing++;
        }
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
    sqlite3_finalize(batch);
    sqlite3_finalize(single);
    sqlite3_finalize(upd);
    *offset = ftell(fp);
    fclose(fp);
    return missing;
}

/* What was checked already: records up to an id (a transaction's rows
 * all come after every row committed before it), the log up to an
 * offset. integrity_check and the audit chain are checked whole. */
struct checked {
    int64_t record;
    int64_t audit;
    long    log;
};

static int64_t
query_after(struct db *db, const char *sql, const struct checked *after)
{
    sqlite3_stmt *st;
    int64_t v = -1;

    if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK) {
        printf("  %s: %s\n", sql, sqlite3_errmsg(db_sqlite(db)));
        return -1;
    }
    sqlite3_bind_int64(st, 1, after->record);
    if (sqlite3_bind_parameter_count(st) > 1)
        sqlite3_bind_int64(st, 2, after->audit);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* One check after a kill; returns false (having said why) on damage. */
static bool
survived(const char *path, const char *log_path, struct checked *done)
{
    struct error e = { 0 };
    struct db *db = db_open(path, DB_OPEN, &e);
    int64_t bad = 0, n;
    char *ok;
    bool good = true;

    if (db == NULL) {
        printf("  does not open: %s\n", e.msg);
        return false;
    }
    ok = stress_integrity(db);
    if (strcmp(ok, "ok") != 0) {
        printf("  integrity_check: %s\n", ok);
        good = false;
    }
    free(ok);
    /* a batch is all there or not at all */
    n = query_after(db, "SELECT count(*) FROM (SELECT details, count(*) AS c"
                        " FROM records WHERE id > ?1 AND details LIKE 'batch %'"
                        " GROUP BY details HAVING c <> CAST(substr(details,"
                        " instr(details, ' of ') + 4) AS INTEGER))",
                    done);
    if (n != 0) {
        printf("  %lld bulk imports only partly there\n", (long long)n);
        good = false;
    }
    /* each record new or changed since came with exactly one insert audit
     * row, and each version after the first with one update row */
    n = query_after(db, "SELECT count(*) FROM records r WHERE (r.id > ?1 OR"
                        " r.id IN (SELECT row_id FROM audit WHERE id > ?2"
                        "  AND tbl = 'records')) AND"
                        " ((SELECT count(*) FROM audit a WHERE"
                        "  a.tbl = 'records' AND a.row_id = r.id"
                        "  AND a.action = 'insert') <> 1"
                        " OR (SELECT count(*) FROM audit a WHERE"
                        "  a.tbl = 'records' AND a.row_id = r.id"
                        "  AND a.action = 'update') <> r.version - 1)",
                    done);
    if (n != 0) {
        printf("  %lld records without their audit rows\n", (long long)n);
        good = false;
    }
    if (query_after(db, "SELECT count(*) FROM audit WHERE tbl = 'records'"
                        " AND row_id > ?1 AND row_id NOT IN"
                        " (SELECT id FROM records)", done) != 0) {
        printf("  audit rows of records that are not there\n");
        good = false;
    }
    if (audit_verify_chain(db, &bad, &e) < 0) {
        printf("  audit chain: %s\n", e.msg);
        good = false;
    }
    if (check_acks(db, log_path, &done->log) != 0)
        good = false;
    done->record = stress_int(db, "SELECT coalesce(max(id), 0) FROM records");
    done->audit = stress_int(db, "SELECT coalesce(max(id), 0) FROM audit");
    db_close(db);
    return good;
}

static int
open_log(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_TRUNC, 0600);

    if (fd < 0) {
        perror(path);
        exit(2);
    }
    return fd;
}

static void
test_kill_writers(void)
{
    int kills = (int)stress_env("JUWEI_STRESS_KILLS", 40);
    /* A new database now and then keeps each check quick. */
    int fresh_every = (int)stress_env("JUWEI_STRESS_FRESH", 100);
    char path[256], log_path[256];
    int at[PH_COUNT] = { 0 }, survived_n = 0, log = -1, databases = 0;
    int64_t rows = 0, audit_rows = 0;
    unsigned int seed = 12345;
    struct checked done = { 0 };

    snprintf(path, sizeof path, "%s", stress_path("crash.db"));
    snprintf(log_path, sizeof log_path, "%s", stress_path("crash.log"));
    phase = mmap(NULL, sizeof *phase, PROT_READ | PROT_WRITE,
                 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(phase != MAP_FAILED);
    if (phase == MAP_FAILED)
        return;
    for (int i = 0; i < kills; i++) {
        int pipes[2], status;
        pid_t pid;
        char c;

        if (i % fresh_every == 0) {
            struct error e = { 0 };
            struct db *db;

            if ((db = i > 0 ? db_open(path, DB_OPEN, &e) : NULL) != NULL) {
                rows += stress_int(db, "SELECT count(*) FROM records");
                audit_rows += stress_int(db, "SELECT count(*) FROM audit");
                db_close(db);
            }
            if (log >= 0)
                close(log);
            stress_make_db(path);
            log = open_log(log_path);
            memset(&done, 0, sizeof done);
            databases++;
        }
        if (pipe(pipes) < 0) {
            perror("pipe");
            exit(2);
        }
        fflush(stdout);
        if ((pid = fork()) == 0) {
            close(pipes[0]);
            writer(path, i, 1 + i % STRESS_STAFF, log, pipes[1]);
        }
        close(pipes[1]);
        /* Mostly after the writer got going, sometimes while it opens
         * the database (recovering the last one's journal). */
        if (i % 8 != 0 && read(pipes[0], &c, 1) != 1) {
            CHECK(!"writer died before it was killed");
            close(pipes[0]);
            waitpid(pid, &status, 0);
            break;
        }
        close(pipes[0]);
        usleep((useconds_t)(rand_r(&seed) % 60000));
        at[*phase]++;
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) {
            CHECK(!"writer ended before it was killed");
            break;
        }
        if (!survived(path, log_path, &done)) {
            printf("  damaged after kill %d (in %s)\n", i + 1,
                   phase_name[*phase]);
            CHECK(!"database damaged by a kill");
            break;
        }
        survived_n++;
    }
    if (log >= 0)
        close(log);
    CHECK_INT(survived_n, kills);
    {
        struct error e = { 0 };
        struct db *db = db_open(path, DB_OPEN, &e);

        if (db != NULL) {
            rows += stress_int(db, "SELECT count(*) FROM records");
            audit_rows += stress_int(db, "SELECT count(*) FROM audit");
            db_close(db);
        }
        printf("  figure: %d kills survived (%d in a bulk import, %d in a "
               "single save, %d in an update, %d in a commit, %d between "
               "saves, %d while opening); %lld records and %lld audit rows "
               "in %d databases\n",
               survived_n, at[PH_BATCH], at[PH_SAVE], at[PH_UPDATE],
               at[PH_COMMIT], at[PH_IDLE], at[PH_OPENING], (long long)rows,
               (long long)audit_rows, databases);
    }
    munmap((void *)phase, sizeof *phase);
}

int
main(void)
{
    signal(SIGPIPE, SIG_IGN);
    stress_tmpdir("stress-crash");
    RUN(test_kill_writers);
    stress_rmdir();
    return CHECK_DONE();
}
