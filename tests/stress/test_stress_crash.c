/* test_stress_crash.c — a writer killed with SIGKILL at random moments,
 * many times: in the middle of a bulk import (one transaction of many
 * records and visits saved through the core), of a single save (a
 * record, a visit or a leave request), of an update (a record, a visit,
 * a withdrawal of leave), of a commit or of a checkpoint. Each writer is
 * a kiosk's account from the sample INI, writing through records.c,
 * visits.c and leave.c. After every kill the database opens,
 * integrity_check says ok, every transaction is all there or not there
 * (a bulk import is whole or absent, each row has exactly one audit row
 * per version), every write the writer acknowledged is there, the
 * records' search index matches the table, and the audit chain is whole.
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
#include "fixture.h"
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

/* Runs until killed: bulk imports of 5–60 records and visits in one
 * transaction, single saves of a record, a visit or a leave request, and
 * updates of a record or a visit, or a withdrawal of leave, each through
 * the core and acknowledged after its commit. */
static void
writer(const char *path, int round, int staff, int log, int ready)
{
    struct error e = { 0 };
    struct db *db;
    struct ctx ctx;
    unsigned int seed = (unsigned int)(getpid() * 2654435761u);
    /* updates go to single saves only, so that batches stay countable */
    int64_t last = 0, record = 0, visit = 0, pending = 0;

    *phase = PH_OPENING;
    db = db_open(path, DB_OPEN, &e);
    if (db == NULL) {
        stress_ack(log, "E %s\n", e.msg);
        _exit(1);
    }
    /* Power-cut safety is configuration: every connection the kiosks and
     * commands open must be in WAL mode with a full sync at each commit. */
    if (fixture_count(db, "PRAGMA synchronous") != 2 ||
        fixture_count(db, "SELECT journal_mode = 'wal' FROM"
                       " pragma_journal_mode") != 1) {
        stress_ack(log, "E not WAL with synchronous=FULL\n");
        _exit(1);
    }
    ctx = stress_ctx(db, staff);
    /* A writer killed with its request pending leaves it to the next
     * one of the account, as a kiosk shows it after a crash: at most one
     * pending at a time, so requests never overlap. */
    pending = stress_leave_pending(&ctx);
    /* The parent may not be listening (it kills some writers while they
     * open): a closed pipe is fine. */
    if (write(ready, "x", 1) < 0)
        close(ready);
    for (int j = 0;; j++) {
        int r = rand_r(&seed) % 10, rc;
        char title[64], text[64];

        *phase = PH_IDLE;
        if (r < 4) {
            int n = 5 + rand_r(&seed) % 56;

            *phase = PH_BATCH;
            if (db_begin(db, &e) < 0)
                goto fail;
            snprintf(text, sizeof text, "batch %d-%d of %d", round, j, n);
            for (int k = 0; k < n; k++) {
                snprintf(title, sizeof title, "导入 %d-%d-%d", round, j, k);
                rc = k % 3 == 2
                     ? stress_visit_add(&ctx, (unsigned int)k, text, &last, &e)
                     : stress_record_add(&ctx, title, text, &last, &e);
                if (rc < 0)
                    goto fail;
            }
            *phase = PH_COMMIT;
            if (db_commit(db, &e) < 0)
                goto fail;
            stress_ack(log, "B %s\n", text);
        } else if (r < 7 || record == 0 || visit == 0) {
            *phase = PH_SAVE;
            snprintf(title, sizeof title, "保存 %d-%d", round, j);
            if (r % 3 == 0 || record == 0) {
                if (stress_record_add(&ctx, title, "single", &record, &e) < 0)
                    goto fail;
                stress_ack(log, "S r %lld\n", (long long)record);
            } else if (r % 3 == 1 || visit == 0) {
                if (stress_visit_add(&ctx, (unsigned int)j, "single", &visit,
                                     &e) < 0)
                    goto fail;
                stress_ack(log, "S v %lld\n", (long long)visit);
            } else if (pending == 0) {
                if (stress_leave_request(&ctx, round + j, &pending, &e) < 0)
                    goto fail;
                stress_ack(log, "S l %lld\n", (long long)pending);
            } else {
                if (stress_leave_withdraw(&ctx, pending, &e) < 0)
                    goto fail;
                stress_ack(log, "U l %lld withdrawn\n", (long long)pending);
                pending = 0;
            }
        } else {
            *phase = PH_UPDATE;
            snprintf(text, sizeof text, "改 %d-%d", round, j);
            if (r == 7) {
                if (stress_record_update(&ctx, record, text, &e) < 0)
                    goto fail;
                stress_ack(log, "U r %lld %s\n", (long long)record, text);
            } else {
                if (stress_visit_update(&ctx, visit, text, &e) < 0)
                    goto fail;
                stress_ack(log, "U v %lld %s\n", (long long)visit, text);
            }
        }
    }
fail:
    stress_ack(log, "E %s\n", e.msg);
    _exit(1);
}

/* What was checked already: rows of each table up to an id (a
 * transaction's rows all come after every row committed before it), the
 * audit log up to an id, the log up to an offset. integrity_check and
 * the audit chain are checked whole. */
struct checked {
    int64_t row[3];          /* by stress_kinds[] */
    int64_t audit;
    long    log;
};

/* Everything the killed writers acknowledged since `*offset` of the log
 * is there; moves *offset past what was checked. */
static long
check_acks(struct db *db, const char *log_path, long *offset)
{
    FILE *fp = fopen(log_path, "r");
    char line[256];
    long missing = 0;
    sqlite3_stmt *batch, *row[3], *upd[3];

    if (fp == NULL)
        return 0;
    fseek(fp, *offset, SEEK_SET);
    sqlite3_prepare_v2(db_sqlite(db), "SELECT (SELECT count(*) FROM records"
                       " WHERE details = ?1) + (SELECT count(*) FROM visits"
                       " WHERE discussed = ?1)", -1, &batch, NULL);
    for (int k = 0; k < 3; k++) {
        const struct stress_kind *kind = &stress_kinds[k];
        char *sql = xasprintf("SELECT count(*) FROM %s WHERE id = ?1",
                              kind->table);

        sqlite3_prepare_v2(db_sqlite(db), sql, -1, &row[k], NULL);
        free(sql);
        sql = xasprintf("SELECT count(*) FROM audit WHERE tbl = '%s'"
                        " AND row_id = ?1 AND action <> 'insert'"
                        " AND after ->> '$.%s' = ?2", kind->table,
                        kind->value_col);
        sqlite3_prepare_v2(db_sqlite(db), sql, -1, &upd[k], NULL);
        free(sql);
    }
    while (fgets(line, sizeof line, fp) != NULL) {
        const struct stress_kind *kind;
        long long id;
        int n = 0, off = 0;
        char letter;
        sqlite3_stmt *st = NULL;

        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "B ", 2) == 0 &&
            sscanf(line, "B batch %*d-%*d of %d", &n) == 1) {
            st = batch;
            sqlite3_bind_text(st, 1, line + 2, -1, SQLITE_STATIC);
        } else if (sscanf(line, "S %c %lld", &letter, &id) == 2 &&
                   (kind = stress_kind(letter)) != NULL) {
            st = row[kind - stress_kinds];
            n = 1;
            sqlite3_bind_int64(st, 1, id);
        } else if (sscanf(line, "U %c %lld %n", &letter, &id, &off) == 2 &&
                   off > 0 && (kind = stress_kind(letter)) != NULL) {
            st = upd[kind - stress_kinds];
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
    for (int k = 0; k < 3; k++) {
        sqlite3_finalize(row[k]);
        sqlite3_finalize(upd[k]);
    }
    *offset = ftell(fp);
    fclose(fp);
    return missing;
}

/* One count from `sql` with its parameters ?1, ?2, ?3 (those it has)
 * bound to a, b, c. */
static int64_t
query_after(struct db *db, const char *sql, int64_t a, int64_t b, int64_t c)
{
    sqlite3_stmt *st;
    int64_t v = -1;

    if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK) {
        printf("  %s: %s\n", sql, sqlite3_errmsg(db_sqlite(db)));
        return -1;
    }
    for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++)
        sqlite3_bind_int64(st, i, i == 1 ? a : i == 2 ? b : c);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Each row of one table new or changed since `done` came with exactly
 * one audit row per version (the insert, then one per change), and no
 * audit row names a row that is not there. */
static bool
rows_audited(struct db *db, int k, const struct checked *done)
{
    const char *t = stress_kinds[k].table;
    char *sql = xasprintf(
        "SELECT count(*) FROM %s r WHERE (r.id > ?1 OR r.id IN"
        " (SELECT row_id FROM audit WHERE id > ?2 AND tbl = '%s')) AND"
        " (SELECT count(*) FROM audit a WHERE a.tbl = '%s'"
        "  AND a.row_id = r.id) <> r.version", t, t, t);
    int64_t n = query_after(db, sql, done->row[k], done->audit, 0);
    bool good = true;

    free(sql);
    if (n != 0) {
        printf("  %lld %s rows without their audit rows\n", (long long)n, t);
        good = false;
    }
    sql = xasprintf("SELECT count(*) FROM audit WHERE tbl = '%s' AND"
                    " row_id > ?1 AND row_id NOT IN (SELECT id FROM %s)",
                    t, t);
    if (query_after(db, sql, done->row[k], 0, 0) != 0) {
        printf("  audit rows of %s rows that are not there\n", t);
        good = false;
    }
    free(sql);
    return good;
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
    /* a bulk import is all there or not at all */
    n = query_after(db, "SELECT count(*) FROM (SELECT tag, count(*) AS c FROM"
                        " (SELECT details AS tag FROM records WHERE id > ?1"
                        "  AND details LIKE 'batch %' UNION ALL"
                        "  SELECT discussed FROM visits WHERE id > ?2"
                        "  AND discussed LIKE 'batch %')"
                        " GROUP BY tag HAVING c <> CAST(substr(tag,"
                        " instr(tag, ' of ') + 4) AS INTEGER))",
                    done->row[0], done->row[1], 0);
    if (n != 0) {
        printf("  %lld bulk imports only partly there\n", (long long)n);
        good = false;
    }
    for (int k = 0; k < 3; k++)
        good &= rows_audited(db, k, done);
    if (!stress_fts_whole(db)) {
        printf("  the search index does not match the records\n");
        good = false;
    }
    if (audit_verify_chain(db, &bad, &e) < 0) {
        printf("  audit chain: %s\n", e.msg);
        good = false;
    }
    if (check_acks(db, log_path, &done->log) != 0)
        good = false;
    for (int k = 0; k < 3; k++) {
        char *sql = xasprintf("SELECT coalesce(max(id), 0) FROM %s",
                              stress_kinds[k].table);

        done->row[k] = fixture_count(db, sql);
        free(sql);
    }
    done->audit = fixture_count(db, "SELECT coalesce(max(id), 0) FROM audit");
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
count_rows(struct db *db, int64_t rows[3])
{
    for (int k = 0; k < 3; k++) {
        char *sql = xasprintf("SELECT count(*) FROM %s",
                              stress_kinds[k].table);

        rows[k] += fixture_count(db, sql);
        free(sql);
    }
}

static void
test_kill_writers(void)
{
    int kills = (int)stress_env("JUWEI_STRESS_KILLS", 40);
    /* A new database now and then keeps each check quick. */
    int fresh_every = (int)stress_env("JUWEI_STRESS_FRESH", 100);
    char path[256], log_path[256];
    int at[PH_COUNT] = { 0 }, survived_n = 0, log = -1, databases = 0;
    int64_t rows[3] = { 0 }, audit_rows = 0;
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
                count_rows(db, rows);
                audit_rows += fixture_count(db, "SELECT count(*) FROM audit");
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
            count_rows(db, rows);
            audit_rows += fixture_count(db, "SELECT count(*) FROM audit");
            db_close(db);
        }
        printf("  figure: %d kills survived (%d in a bulk import, %d in a "
               "single save, %d in an update, %d in a commit, %d between "
               "saves, %d while opening); %lld records, %lld visits, %lld "
               "leave requests and %lld audit rows in %d databases\n",
               survived_n, at[PH_BATCH], at[PH_SAVE], at[PH_UPDATE],
               at[PH_COMMIT], at[PH_IDLE], at[PH_OPENING], (long long)rows[0],
               (long long)rows[1], (long long)rows[2],
               (long long)audit_rows, databases);
    }
    munmap((void *)phase, sizeof *phase);
}

int
main(void)
{
    signal(SIGPIPE, SIG_IGN);
    stress_tmpdir("stress-crash");
    stress_init();
    RUN(test_kill_writers);
    stress_rmdir();
    return CHECK_DONE();
}
