/* test_stress_load.c — many kiosks on one database at once.
 *
 * Eight processes write records through store_apply() (inserts, and
 * updates of their own records) and read at random for a bounded time;
 * afterwards every acknowledged write is in the database exactly once,
 * with exactly its audit rows, the audit chain is whole, integrity_check
 * says ok, and no save failed, least of all for "database is busy".
 * Then a writer holds the write lock for seconds (a commit on a dying old
 * disk) and the saves of others wait, showing it, and all succeed.
 *
 * Short by default for `make check`; `make stress` sets
 * JUWEI_STRESS_SECONDS, JUWEI_STRESS_WRITERS and JUWEI_STRESS_HOLD. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "juwei/audit.h"
#include "juwei/staff.h"
#include "stress.h"

#define MAX_WRITERS 32

/* What a worker reports on its last line. */
struct worker_stats {
    long inserts, updates, reads, busy, failed;
    long max_save_ms;
};

static int
open_log(const char *name)
{
    int fd = open(stress_path(name), O_WRONLY | O_CREAT | O_APPEND | O_TRUNC,
                  0600);

    if (fd < 0) {
        perror(name);
        _exit(3);
    }
    return fd;
}

/* Reads that a kiosk does while others write: a record by id (in scope or
 * not), the accounts list, and a scoped count. */
static void
random_read(struct ctx *ctx, unsigned int *seed, int64_t max_id)
{
    static const char sql_count[] =
        "SELECT count(*), max(id) FROM records WHERE " SCOPE_SQL("committee_id");
    struct error e = { 0 };
    struct value *v = NULL;
    int64_t version;
    struct staff list[8];
    int got;

    switch (rand_r(seed) % 3) {
    case 0:
        if (max_id > 0 &&
            store_load(ctx, &stress_records, 1 + rand_r(seed) % max_id, &v,
                       &version, &e) == 0)
            store_values_free(v, R_NCOLS);
        break;
    case 1:
        staff_page(ctx, "", false, PAGE_FIRST, NULL, 8, list, &got, &e);
        break;
    default: {
        sqlite3_stmt *st = db_stmt(ctx->db, sql_count);

        session_bind_scope(&ctx->who, st);
        sqlite3_step(st);
        sqlite3_reset(st);
        break;
    }
    }
}

static void
track(struct worker_stats *s, int64_t start)
{
    long ms = (long)(stress_ms() - start);

    if (ms > s->max_save_ms)
        s->max_save_ms = ms;
}

static void
count_failure(struct worker_stats *s, int log, const struct error *e)
{
    if (e->code == E_BUSY)
        s->busy++;
    else
        s->failed++;
    stress_ack(log, "E %d %s\n", e->code, e->msg);
}

/* One kiosk: writes and reads until the deadline; every success goes to
 * its log after the commit returned. */
static void
worker(const char *path, int n, double seconds, int log)
{
    struct error e = { 0 };
    struct db *db = db_open(path, DB_OPEN, &e);
    struct ctx ctx;
    struct worker_stats s = { 0 };
    int64_t *mine = NULL, deadline, max_seen = 0;
    size_t nmine = 0;
    unsigned int seed = (unsigned int)(getpid() * 2654435761u);

    if (db == NULL) {
        stress_ack(log, "E %d %s\n", e.code, e.msg);
        _exit(1);
    }
    ctx = stress_ctx(db, n);
    deadline = stress_ms() + (int64_t)(seconds * 1000);
    for (int seq = 0; stress_ms() < deadline; seq++) {
        int r = rand_r(&seed) % 10;
        int64_t start = stress_ms(), id;
        char title[64], details[64];

        if (r < 5 || nmine == 0) {
            snprintf(title, sizeof title, "w%d-%d 入户走访", n, seq);
            snprintf(details, sizeof details, "原始 %d", seq);
            if (stress_insert(&ctx, title, details, &id, &e) == 0) {
                track(&s, start);
                stress_ack(log, "I %lld %s\n", (long long)id, title);
                mine = xreallocarray(mine, nmine + 1, sizeof *mine);
                mine[nmine++] = id;
                if (id > max_seen)
                    max_seen = id;
                s.inserts++;
            } else {
                count_failure(&s, log, &e);
            }
        } else if (r < 7) {
            id = mine[rand_r(&seed) % nmine];
            snprintf(details, sizeof details, "改 %d", seq);
            if (stress_update(&ctx, id, details, &e) == 0) {
                track(&s, start);
                stress_ack(log, "U %lld %s\n", (long long)id, details);
                s.updates++;
            } else {
                count_failure(&s, log, &e);
            }
        } else {
            random_read(&ctx, &seed, max_seen);
            s.reads++;
        }
    }
    stress_ack(log, "S %ld %ld %ld %ld %ld %ld\n", s.inserts, s.updates,
               s.reads, s.busy, s.failed, s.max_save_ms);
    free(mine);
    db_close(db);
    _exit(0);
}

/* The acknowledged writes of every log, checked against the database. */
struct acked {
    int64_t id;
    char    title[64];
    char    details[64];      /* the last acknowledged */
    int     updates;
};

struct tally {
    struct acked *v;
    size_t        n;
    struct worker_stats total;
    long          errors_logged;
};

static struct acked *
find_acked(struct tally *t, int64_t id)
{
    for (size_t i = t->n; i-- > 0;) {
        if (t->v[i].id == id)
            return &t->v[i];
    }
    return NULL;
}

static void
read_log(struct tally *t, const char *name)
{
    FILE *fp = fopen(stress_path(name), "r");
    char line[512];

    if (fp == NULL) {
        printf("  no log %s\n", name);
        t->errors_logged++;
        return;
    }
    while (fgets(line, sizeof line, fp) != NULL) {
        long long id;
        int off = 0;
        struct worker_stats s;

        line[strcspn(line, "\n")] = '\0';
        if (sscanf(line, "I %lld %n", &id, &off) == 1 && off > 0) {
            t->v = xreallocarray(t->v, t->n + 1, sizeof *t->v);
            memset(&t->v[t->n], 0, sizeof t->v[t->n]);
            t->v[t->n].id = id;
            snprintf(t->v[t->n].title, sizeof t->v[t->n].title, "%s",
                     line + off);
            snprintf(t->v[t->n].details, sizeof t->v[t->n].details, "原始 %s",
                     strchr(line + off, '-') + 1);
            *strchr(t->v[t->n].details + strlen("原始 "), ' ') = '\0';
            t->n++;
        } else if (sscanf(line, "U %lld %n", &id, &off) == 1 && off > 0) {
            struct acked *a = find_acked(t, id);

            if (a == NULL) {
                printf("  %s: update of unknown record %lld\n", name, id);
                t->errors_logged++;
                continue;
            }
            snprintf(a->details, sizeof a->details, "%s", line + off);
            a->updates++;
        } else if (sscanf(line, "S %ld %ld %ld %ld %ld %ld", &s.inserts,
                          &s.updates, &s.reads, &s.busy, &s.failed,
                          &s.max_save_ms) == 6) {
            t->total.inserts += s.inserts;
            t->total.updates += s.updates;
            t->total.reads += s.reads;
            t->total.busy += s.busy;
            t->total.failed += s.failed;
            if (s.max_save_ms > t->total.max_save_ms)
                t->total.max_save_ms = s.max_save_ms;
        } else if (line[0] == 'E') {
            printf("  %s: %s\n", name, line);
            t->errors_logged++;
        }
    }
    fclose(fp);
}

/* Every acknowledged write exactly once, nothing else, and exactly one
 * audit row per write. */
static void
check_acked(struct db *db, struct tally *t)
{
    sqlite3_stmt *st;
    size_t found = 0, bad = 0;

    sqlite3_prepare_v2(db_sqlite(db),
                       "SELECT r.id, r.title, r.details, r.version,"
                       " (SELECT count(*) FROM audit a WHERE a.tbl = 'records'"
                       "  AND a.row_id = r.id AND a.action = 'insert'),"
                       " (SELECT count(*) FROM audit a WHERE a.tbl = 'records'"
                       "  AND a.row_id = r.id AND a.action = 'update')"
                       " FROM records r WHERE r.title <> 'slow'", -1, &st,
                       NULL);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        struct acked *a = find_acked(t, id);
        const char *title = (const char *)sqlite3_column_text(st, 1);
        const char *details = (const char *)sqlite3_column_text(st, 2);

        found++;
        if (a == NULL || strcmp(a->title, title) != 0 ||
            strcmp(a->details, details) != 0 ||
            sqlite3_column_int(st, 3) != 1 + a->updates ||
            sqlite3_column_int(st, 4) != 1 ||
            sqlite3_column_int(st, 5) != a->updates) {
            if (bad++ < 5)
                printf("  record %lld \"%s\" \"%s\" v%d, audit %d+%d: "
                       "acknowledged %s\n", (long long)id, title, details,
                       sqlite3_column_int(st, 3), sqlite3_column_int(st, 4),
                       sqlite3_column_int(st, 5),
                       a == NULL ? "never" : a->details);
        }
    }
    sqlite3_finalize(st);
    CHECK_INT(bad, 0);
    /* each acknowledged insert found once: ids are unique, so equal counts
     * mean a one-to-one match */
    CHECK_INT(found, t->n);
    CHECK_INT(stress_int(db, "SELECT count(*) FROM audit WHERE tbl = 'records'"
                             " AND row_id NOT IN (SELECT id FROM records)"), 0);
}

static void
check_database(const char *path, struct tally *t)
{
    struct error e = { 0 };
    struct db *db = db_open(path, DB_OPEN, &e);
    int64_t first_bad = -1;
    char *ok;

    CHECK(db != NULL);
    if (db == NULL) {
        printf("  %s\n", e.msg);
        return;
    }
    ok = stress_integrity(db);
    CHECK_STR(ok, "ok");
    free(ok);
    CHECK_INT(stress_int(db, "SELECT count(*) FROM pragma_foreign_key_check"),
              0);
    if (t != NULL)
        check_acked(db, t);
    CHECK_INT(audit_verify_chain(db, &first_bad, &e), 0);
    if (first_bad != 0)
        printf("  audit chain: %s\n", e.msg);
    db_close(db);
}

static void
test_many_kiosks(void)
{
    int writers = (int)stress_env("JUWEI_STRESS_WRITERS", 8);
    double seconds = stress_env("JUWEI_STRESS_SECONDS", 3);
    char path[256];
    pid_t pid[MAX_WRITERS];
    struct tally t = { 0 };
    int64_t start;

    if (writers > MAX_WRITERS)
        writers = MAX_WRITERS;
    snprintf(path, sizeof path, "%s", stress_path("load.db"));
    stress_make_db(path);
    start = stress_ms();
    for (int i = 0; i < writers; i++) {
        char name[32];

        snprintf(name, sizeof name, "load-%d.log", i);
        fflush(stdout);
        if ((pid[i] = fork()) == 0)
            worker(path, 1 + i % STRESS_STAFF, seconds, open_log(name));
    }
    for (int i = 0; i < writers; i++) {
        int status;

        waitpid(pid[i], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    double elapsed = (double)(stress_ms() - start) / 1000;
    for (int i = 0; i < writers; i++) {
        char name[32];

        snprintf(name, sizeof name, "load-%d.log", i);
        read_log(&t, name);
    }
    /* No save may fail, and none for a busy database in particular. */
    CHECK_INT(t.total.busy, 0);
    CHECK_INT(t.total.failed, 0);
    CHECK_INT(t.errors_logged, 0);
    CHECK(t.total.inserts > 0 && t.total.updates > 0 && t.total.reads > 0);
    check_database(path, &t);
    printf("  figure: %d kiosks for %.1f s: %ld inserts + %ld updates = "
           "%.0f writes/s, %ld reads, longest save %ld ms\n", writers,
           elapsed, t.total.inserts, t.total.updates,
           (double)(t.total.inserts + t.total.updates) / elapsed,
           t.total.reads, t.total.max_save_ms);
    free(t.v);
}

/* --- a writer that holds the lock ------------------------------------ */

struct hook_seen {
    int longest;        /* ms, the longest wait reported */
    int reports;
    int overs;          /* -1 calls: the wait ended */
};

static void
on_wait(void *arg, int waited_ms)
{
    struct hook_seen *h = arg;

    if (waited_ms < 0) {
        h->overs++;
        return;
    }
    h->reports++;
    if (waited_ms > h->longest)
        h->longest = waited_ms;
}

/* Saves `n` records, each acknowledged; reports what the hook saw. */
static void
saver(const char *path, int staff, int n, int ready_fd, int log)
{
    struct error e = { 0 };
    struct db *db = db_open(path, DB_OPEN, &e);
    struct hook_seen h = { 0 };
    struct ctx ctx;
    char c;

    if (db == NULL) {
        stress_ack(log, "E %d %s\n", e.code, e.msg);
        _exit(1);
    }
    db_set_wait_hook(db, on_wait, &h);
    ctx = stress_ctx(db, staff);
    /* Start only once the slow writer holds the lock. */
    if (read(ready_fd, &c, 1) != 1)
        _exit(4);
    for (int i = 0; i < n; i++) {
        char title[64], details[32];
        int64_t id;

        snprintf(title, sizeof title, "s%d-%d 等待保存", staff, i);
        snprintf(details, sizeof details, "原始 %d", i);
        if (stress_insert(&ctx, title, details, &id, &e) == 0)
            stress_ack(log, "I %lld %s\n", (long long)id, title);
        else
            stress_ack(log, "E %d %s\n", e.code, e.msg);
    }
    stress_ack(log, "H %d %d %d\n", h.reports, h.overs, h.longest);
    db_close(db);
    _exit(0);
}

static void
test_slow_commit(void)
{
    double hold = stress_env("JUWEI_STRESS_HOLD", 6);
    int savers = 4, per = 10, pipes[2];
    char path[256];
    struct error e = { 0 };
    struct db *db;
    struct ctx ctx;
    pid_t pid[8];
    struct tally t = { 0 };
    int reported = 0;

    snprintf(path, sizeof path, "%s", stress_path("slow.db"));
    stress_make_db(path);
    if (pipe(pipes) < 0) {
        perror("pipe");
        exit(2);
    }
    for (int i = 0; i < savers; i++) {
        char name[32];

        snprintf(name, sizeof name, "slow-%d.log", i);
        fflush(stdout);
        if ((pid[i] = fork()) == 0) {
            close(pipes[1]);
            saver(path, 2 + i, per, pipes[0], open_log(name));
        }
    }
    close(pipes[0]);

    /* This process is the slow writer: a save whose commit takes `hold`
     * seconds, as on a failing disk. */
    db = db_open(path, DB_OPEN, &e);
    CHECK(db != NULL);
    if (db == NULL)
        return;
    ctx = stress_ctx(db, 1);
    CHECK_INT(db_begin(db, &e), 0);
    CHECK_INT(stress_insert(&ctx, "slow", "原始 0", NULL, &e), 0);
    for (int i = 0; i < savers; i++)
        CHECK_INT(write(pipes[1], "x", 1), 1);
    close(pipes[1]);
    usleep((useconds_t)(hold * 1e6));
    CHECK_INT(db_commit(db, &e), 0);
    db_close(db);

    for (int i = 0; i < savers; i++) {
        int status;

        waitpid(pid[i], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    for (int i = 0; i < savers; i++) {
        char name[32], line[256];
        FILE *fp;

        snprintf(name, sizeof name, "slow-%d.log", i);
        read_log(&t, name);
        fp = fopen(stress_path(name), "r");
        while (fp != NULL && fgets(line, sizeof line, fp) != NULL) {
            int reports, overs, longest;

            if (sscanf(line, "H %d %d %d", &reports, &overs, &longest) == 3) {
                /* The first save of each waited out the whole hold: it
                 * was shown, and the end of the wait too. */
                CHECK(reports >= 1);
                CHECK(overs >= 1);
                if (longest > reported)
                    reported = longest;
            }
        }
        if (fp != NULL)
            fclose(fp);
    }
    CHECK_INT(t.errors_logged, 0);
    CHECK_INT(t.n, savers * per);
    check_database(path, &t);
    printf("  figure: %d saves waited for a %.0f s commit, none failed; "
           "longest wait shown %d ms\n", savers * per, hold, reported);
    free(t.v);
}

/* Past its bound a wait ends in E_BUSY with a message, the hook having
 * shown it meanwhile, and nothing is written. */
static void
test_wait_bound(void)
{
    const char *path = stress_path("bound.db");
    struct error e = { 0 };
    struct db *a, *b;
    struct hook_seen h = { 0 };
    struct ctx ctx;

    stress_make_db(path);
    a = db_open(path, DB_OPEN, &e);
    b = db_open(path, DB_OPEN, &e);
    CHECK(a != NULL && b != NULL);
    if (a == NULL || b == NULL)
        return;
    db_set_busy_timeout(b, 700);
    db_set_wait_hook(b, on_wait, &h);
    ctx = stress_ctx(b, 1);
    CHECK_INT(db_begin(a, &e), 0);
    CHECK_INT(stress_insert(&ctx, "never", NULL, NULL, &e), -1);
    CHECK_INT(e.code, E_BUSY);
    CHECK_STR(e.msg, "the database is busy (someone else is saving); try "
                     "again in a moment");
    CHECK(h.reports >= 1);
    db_rollback(a);
    CHECK_INT(stress_int(b, "SELECT count(*) FROM records"), 0);
    /* and the next save, with the lock free, goes through */
    CHECK_INT(stress_insert(&ctx, "later", NULL, NULL, &e), 0);
    db_close(a);
    db_close(b);
}

int
main(void)
{
    signal(SIGPIPE, SIG_IGN);
    stress_tmpdir("stress-load");
    RUN(test_wait_bound);
    RUN(test_many_kiosks);
    RUN(test_slow_commit);
    stress_rmdir();
    return CHECK_DONE();
}
