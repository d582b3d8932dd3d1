/* test_stress_load.c — many kiosks on one database at once.
 *
 * Eight processes, each logged in as its own staff account, write work
 * records, visits and leave through the core (records_add/update,
 * visits_add/update, leave_request/withdraw: the scope checks, the
 * validation, the audit row and the full-text queue of a real save) and
 * read at random (scoped gets and pages) for a bounded time. Afterwards
 * every acknowledged write is in the database exactly once with its last
 * acknowledged value and exactly its audit rows, each process's own
 * count of what it committed matches its acknowledgements, the audit
 * chain is whole, the search index matches the records, integrity_check
 * says ok, no read showed another's row, and no save failed, least of all
 * for "database is busy". Then a writer holds the write lock for seconds
 * (a commit on a dying old disk) and the saves of others wait, showing
 * it, and all succeed.
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
#include "fixture.h"
#include "juwei/audit.h"
#include "juwei/leave.h"
#include "juwei/records.h"
#include "juwei/staff.h"
#include "juwei/visits.h"
#include "stress.h"

#define MAX_WRITERS 32
#define NKINDS 3          /* records, visits, leave: stress_kinds[] */

/* What a worker reports on its last line. */
struct worker_stats {
    long inserts[NKINDS], updates[NKINDS];
    long reads, busy, failed, leaks;
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

/* What a kiosk reads while others write, every read scoped: a record or
 * a visit by any id (most are someone else's), the first page of the
 * records (now and then through the search index), of the visits, of my
 * leave and of the accounts. Returns the rows shown that the session may
 * not see: a staff account sees its own records and its committee's
 * visits. */
static long
random_read(struct ctx *ctx, unsigned int *seed, int64_t max_id)
{
    struct error e = { 0 };
    const char *mine = ctx->who.committee;
    int64_t me = ctx->who.staff_id, id = 1 + rand_r(seed) % (max_id + 1);
    long leaks = 0;
    int got = 0;

    switch (rand_r(seed) % 6) {
    case 0: {
        struct record r;

        if (records_get(ctx, id, &r, &e) == 0) {
            leaks += r.staff_id != me;
            records_free(&r);
        }
        break;
    }
    case 1: {
        struct visit *v = xmalloc(sizeof *v);

        if (visits_get(ctx, id, v, &e) == 0)
            leaks += strcmp(v->committee, mine) != 0;
        free(v);
        break;
    }
    case 2: {
        struct record_filter f = { 0 };
        struct record v[10];

        if (rand_r(seed) % 2)
            snprintf(f.find, sizeof f.find, "入户走访");
        if (records_page(ctx, &f, PAGE_FIRST, NULL, 0, 10, v, &got, &e) == 0) {
            for (int i = 0; i < got; i++)
                leaks += v[i].staff_id != me;
        }
        break;
    }
    case 3: {
        struct visit_filter f = { 0 };
        struct visit *v = xcalloc(10, sizeof *v);

        if (visits_page(ctx, &f, PAGE_FIRST, NULL, 0, 10, v, &got, &e) == 0) {
            for (int i = 0; i < got; i++)
                leaks += strcmp(v[i].committee, mine) != 0;
        }
        free(v);
        break;
    }
    case 4: {
        struct leave *v = xcalloc(10, sizeof *v);

        if (leave_page(ctx, LEAVE_MINE, PAGE_FIRST, NULL, 0, 10, v, &got,
                       &e) == 0) {
            for (int i = 0; i < got; i++)
                leaks += v[i].staff_id != me;
        }
        free(v);
        break;
    }
    default: {
        struct staff list[8];

        staff_page(ctx, "", false, PAGE_FIRST, NULL, 8, list, &got, &e);
        break;
    }
    }
    return leaks;
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

/* A worker's own rows, to update. */
struct mine {
    int64_t *v;
    size_t   n;
};

static void
remember(struct mine *m, int64_t id)
{
    m->v = xreallocarray(m->v, m->n + 1, sizeof *m->v);
    m->v[m->n++] = id;
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
    struct mine recs = { 0 }, visits = { 0 };
    int64_t deadline, max_seen = 0, pending = 0;
    unsigned int seed = (unsigned int)(getpid() * 2654435761u);

    if (db == NULL) {
        stress_ack(log, "E %d %s\n", e.code, e.msg);
        _exit(1);
    }
    ctx = stress_ctx(db, n);
    deadline = stress_ms() + (int64_t)(seconds * 1000);
    for (int seq = 0; stress_ms() < deadline; seq++) {
        int r = rand_r(&seed) % 10, rc;
        int64_t start = stress_ms(), id = 0;
        char title[64], text[64];

        /* The kind (0 records, 1 visits, 2 leave) and whether an update. */
        int kind = r < 4 ? 0 : r < 7 ? 1 : r < 8 ? 2 : -1;
        struct mine *m = kind == 0 ? &recs : &visits;
        bool update = kind == 2 ? pending != 0
                      : kind >= 0 && m->n > 0 && rand_r(&seed) % 3 == 0;

        if (kind < 0) {
            s.leaks += random_read(&ctx, &seed, max_seen);
            s.reads++;
            continue;
        }
        if (kind == 0 && !update) {
            snprintf(title, sizeof title, "w%d-%d 入户走访", n, seq);
            snprintf(text, sizeof text, "原始 %d-%d", n, seq);
            rc = stress_record_add(&ctx, title, text, &id, &e);
        } else if (kind == 0) {
            id = m->v[rand_r(&seed) % m->n];
            snprintf(text, sizeof text, "改 %d-%d", n, seq);
            rc = stress_record_update(&ctx, id, text, &e);
        } else if (kind == 1 && !update) {
            snprintf(text, sizeof text, "谈了 %d-%d", n, seq);
            rc = stress_visit_add(&ctx, (unsigned int)seq, text, &id, &e);
        } else if (kind == 1) {
            id = m->v[rand_r(&seed) % m->n];
            snprintf(text, sizeof text, "又谈 %d-%d", n, seq);
            rc = stress_visit_update(&ctx, id, text, &e);
        } else if (!update) {
            snprintf(text, sizeof text, "pending");
            rc = stress_leave_request(&ctx, seq, &id, &e);
        } else {
            id = pending;
            snprintf(text, sizeof text, "withdrawn");
            rc = stress_leave_withdraw(&ctx, id, &e);
        }
        if (rc < 0) {
            count_failure(&s, log, &e);
            continue;
        }
        track(&s, start);
        stress_ack(log, "%c %c %lld %s\n", update ? 'U' : 'I',
                   stress_kinds[kind].letter, (long long)id, text);
        if (update) {
            s.updates[kind]++;
        } else {
            s.inserts[kind]++;
            if (kind < 2)
                remember(m, id);
            if (id > max_seen)
                max_seen = id;
        }
        if (kind == 2)
            pending = update ? 0 : id;
    }
    stress_ack(log, "S %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld\n",
               s.inserts[0], s.updates[0], s.inserts[1], s.updates[1],
               s.inserts[2], s.updates[2], s.reads, s.busy, s.failed,
               s.leaks, s.max_save_ms);
    free(recs.v);
    free(visits.v);
    db_close(db);
    _exit(0);
}

/* The acknowledged writes of every log, checked against the database. */
struct acked {
    int64_t id;
    char    value[64];        /* the last acknowledged */
    int     updates;
};

struct update {
    int64_t id;
    char    value[64];
};

struct tally {
    struct acked  *v[NKINDS];
    size_t         n[NKINDS];
    struct update *u[NKINDS];     /* in log order, applied by settle() */
    size_t         nu[NKINDS];
    struct worker_stats total;
    long           errors_logged;
};

static int
kind_index(char letter)
{
    const struct stress_kind *k = stress_kind(letter);

    return k != NULL ? (int)(k - stress_kinds) : -1;
}

static int
cmp_acked(const void *a, const void *b)
{
    int64_t x = ((const struct acked *)a)->id, y = ((const struct acked *)b)->id;

    return (x > y) - (x < y);
}

static struct acked *
find_acked(struct tally *t, int k, int64_t id)
{
    struct acked key = { .id = id };

    return bsearch(&key, t->v[k], t->n[k], sizeof key, cmp_acked);
}

/* Reads one log; its own counts (the S line) must match its lines. */
static void
read_log(struct tally *t, const char *name)
{
    FILE *fp = fopen(stress_path(name), "r");
    char line[512];
    long seen_i[NKINDS] = { 0 }, seen_u[NKINDS] = { 0 };
    bool summary = false;

    if (fp == NULL) {
        printf("  no log %s\n", name);
        t->errors_logged++;
        return;
    }
    while (fgets(line, sizeof line, fp) != NULL) {
        long long id;
        char op, letter;
        int off = 0, k;
        struct worker_stats s = { 0 };

        line[strcspn(line, "\n")] = '\0';
        if (sscanf(line, "%c %c %lld %n", &op, &letter, &id, &off) == 3 &&
            off > 0 && (op == 'I' || op == 'U') &&
            (k = kind_index(letter)) >= 0) {
            if (op == 'I') {
                struct acked *a;

                t->v[k] = xreallocarray(t->v[k], t->n[k] + 1, sizeof *a);
                a = &t->v[k][t->n[k]++];
                memset(a, 0, sizeof *a);
                a->id = id;
                snprintf(a->value, sizeof a->value, "%s", line + off);
                seen_i[k]++;
            } else {
                struct update *u;

                t->u[k] = xreallocarray(t->u[k], t->nu[k] + 1, sizeof *u);
                u = &t->u[k][t->nu[k]++];
                u->id = id;
                snprintf(u->value, sizeof u->value, "%s", line + off);
                seen_u[k]++;
            }
        } else if (sscanf(line, "S %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld",
                          &s.inserts[0], &s.updates[0], &s.inserts[1],
                          &s.updates[1], &s.inserts[2], &s.updates[2],
                          &s.reads, &s.busy, &s.failed, &s.leaks,
                          &s.max_save_ms) == 11) {
            summary = true;
            for (k = 0; k < NKINDS; k++) {
                if (s.inserts[k] != seen_i[k] || s.updates[k] != seen_u[k]) {
                    printf("  %s: reports %ld+%ld %s, acknowledged %ld+%ld\n",
                           name, s.inserts[k], s.updates[k],
                           stress_kinds[k].table, seen_i[k], seen_u[k]);
                    t->errors_logged++;
                }
                t->total.inserts[k] += s.inserts[k];
                t->total.updates[k] += s.updates[k];
            }
            t->total.reads += s.reads;
            t->total.busy += s.busy;
            t->total.failed += s.failed;
            t->total.leaks += s.leaks;
            if (s.max_save_ms > t->total.max_save_ms)
                t->total.max_save_ms = s.max_save_ms;
        } else if (line[0] == 'E') {
            printf("  %s: %s\n", name, line);
            t->errors_logged++;
        }
    }
    fclose(fp);
    if (!summary && strncmp(name, "load-", 5) == 0) {
        printf("  %s: no summary line\n", name);
        t->errors_logged++;
    }
}

/* Sorts the inserts by id and applies the updates to them: each row is
 * one worker's, whose log has its updates in order. */
static void
settle(struct tally *t)
{
    for (int k = 0; k < NKINDS; k++) {
        qsort(t->v[k], t->n[k], sizeof *t->v[k], cmp_acked);
        for (size_t i = 0; i < t->nu[k]; i++) {
            struct acked *a = find_acked(t, k, t->u[k][i].id);

            if (a == NULL) {
                printf("  update of unknown %s row %lld\n",
                       stress_kinds[k].table, (long long)t->u[k][i].id);
                t->errors_logged++;
                continue;
            }
            memcpy(a->value, t->u[k][i].value, sizeof a->value);
            a->updates++;
        }
    }
}

/* Every acknowledged write exactly once, nothing else, and exactly one
 * audit row per write. */
static void
check_acked(struct db *db, struct tally *t)
{
    for (int k = 0; k < NKINDS; k++) {
        const struct stress_kind *kind = &stress_kinds[k];
        char *sql = xasprintf(
            "SELECT x.id, x.%s, x.version, (SELECT count(*) FROM audit a"
            "  WHERE a.tbl = '%s' AND a.row_id = x.id) FROM %s x",
            kind->value_col, kind->table, kind->table);
        sqlite3_stmt *st;
        size_t found = 0, bad = 0;

        CHECK_INT(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL),
                  SQLITE_OK);
        free(sql);
        while (sqlite3_step(st) == SQLITE_ROW) {
            int64_t id = sqlite3_column_int64(st, 0);
            struct acked *a = find_acked(t, k, id);
            const char *value = (const char *)sqlite3_column_text(st, 1);
            int version = sqlite3_column_int(st, 2);
            int audits = sqlite3_column_int(st, 3);

            found++;
            if (a == NULL || value == NULL || strcmp(a->value, value) != 0 ||
                version != 1 + a->updates || audits != version) {
                if (bad++ < 5)
                    printf("  %s %lld \"%s\" v%d, %d audit rows: "
                           "acknowledged \"%s\" with %d updates\n",
                           kind->table, (long long)id, value ? value : "",
                           version, audits, a == NULL ? "never" : a->value,
                           a == NULL ? 0 : a->updates);
            }
        }
        sqlite3_finalize(st);
        CHECK_INT(bad, 0);
        /* each acknowledged insert found once: ids are unique, so equal
         * counts mean a one-to-one match */
        CHECK_INT(found, t->n[k]);
        sql = xasprintf("SELECT count(*) FROM audit WHERE tbl = '%s' AND"
                        " row_id NOT IN (SELECT id FROM %s)", kind->table,
                        kind->table);
        CHECK_INT(fixture_count(db, sql), 0);
        free(sql);
    }
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
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM pragma_foreign_key_check"),
              0);
    CHECK(stress_fts_whole(db));
    if (t != NULL)
        check_acked(db, t);
    CHECK_INT(audit_verify_chain(db, &first_bad, &e), 0);
    if (first_bad != 0)
        printf("  audit chain: %s\n", e.msg);
    db_close(db);
}

static void
tally_free(struct tally *t)
{
    for (int k = 0; k < NKINDS; k++) {
        free(t->v[k]);
        free(t->u[k]);
    }
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
    long writes = 0;

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
    settle(&t);
    /* No save may fail, and none for a busy database in particular. */
    CHECK_INT(t.total.busy, 0);
    CHECK_INT(t.total.failed, 0);
    CHECK_INT(t.errors_logged, 0);
    CHECK_INT(t.total.leaks, 0);
    for (int k = 0; k < NKINDS; k++) {
        CHECK(t.total.inserts[k] > 0 && t.total.updates[k] > 0);
        writes += t.total.inserts[k] + t.total.updates[k];
    }
    CHECK(t.total.reads > 0);
    check_database(path, &t);
    printf("  figure: %d kiosks for %.1f s: %.0f writes/s (records %ld+%ld,"
           " visits %ld+%ld, leave %ld+%ld; inserts+updates), %ld reads,"
           " longest save %ld ms\n", writers, elapsed,
           (double)writes / elapsed, t.total.inserts[0], t.total.updates[0],
           t.total.inserts[1], t.total.updates[1], t.total.inserts[2],
           t.total.updates[2], t.total.reads, t.total.max_save_ms);
    tally_free(&t);
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

/* Saves `n` records, visits and leave requests in turn, each
 * acknowledged; reports what the hook saw. */
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
        char title[64], text[32];
        int64_t id;
        int k = i % NKINDS, rc;

        snprintf(title, sizeof title, "s%d-%d 等待保存", staff, i);
        snprintf(text, sizeof text, "原始 %d", i);
        if (k == 0) {
            rc = stress_record_add(&ctx, title, text, &id, &e);
        } else if (k == 1) {
            rc = stress_visit_add(&ctx, (unsigned int)i, text, &id, &e);
        } else {
            /* apart by more than the ten days each asks for */
            snprintf(text, sizeof text, "pending");
            rc = stress_leave_request(&ctx, 11 * i, &id, &e);
        }
        if (rc == 0)
            stress_ack(log, "I %c %lld %s\n", stress_kinds[k].letter,
                       (long long)id, text);
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
    int savers = 4, per = 9, pipes[2], slow_log;
    char path[256];
    struct error e = { 0 };
    struct db *db;
    struct ctx ctx;
    pid_t pid[8];
    struct tally t = { 0 };
    int reported = 0;
    int64_t id = 0;

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
    slow_log = open_log("slow-writer.log");
    db = db_open(path, DB_OPEN, &e);
    CHECK(db != NULL);
    if (db == NULL)
        return;
    ctx = stress_ctx(db, 1);
    CHECK_INT(db_begin(db, &e), 0);
    CHECK_INT(stress_record_add(&ctx, "slow", "原始 慢", &id, &e), 0);
    for (int i = 0; i < savers; i++)
        CHECK_INT(write(pipes[1], "x", 1), 1);
    close(pipes[1]);
    usleep((useconds_t)(hold * 1e6));
    CHECK_INT(db_commit(db, &e), 0);
    stress_ack(slow_log, "I r %lld 原始 慢\n", (long long)id);
    close(slow_log);
    db_close(db);

    for (int i = 0; i < savers; i++) {
        int status;

        waitpid(pid[i], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    read_log(&t, "slow-writer.log");
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
    settle(&t);
    CHECK_INT(t.errors_logged, 0);
    CHECK_INT(t.n[0] + t.n[1] + t.n[2], savers * per + 1);
    check_database(path, &t);
    printf("  figure: %d saves waited for a %.0f s commit, none failed; "
           "longest wait shown %d ms\n", savers * per, hold, reported);
    tally_free(&t);
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
    int64_t audit;

    stress_make_db(path);
    a = db_open(path, DB_OPEN, &e);
    b = db_open(path, DB_OPEN, &e);
    CHECK(a != NULL && b != NULL);
    if (a == NULL || b == NULL)
        return;
    db_set_busy_timeout(b, 700);
    db_set_wait_hook(b, on_wait, &h);
    ctx = stress_ctx(b, 1);
    audit = fixture_count(b, "SELECT count(*) FROM audit");
    CHECK_INT(db_begin(a, &e), 0);
    CHECK_INT(stress_record_add(&ctx, "never", NULL, NULL, &e), -1);
    CHECK_INT(e.code, E_BUSY);
    CHECK_STR(e.msg, "the database is busy (someone else is saving); try "
                     "again in a moment");
    CHECK(h.reports >= 1);
    /* a visit and a leave request wait the same way */
    error_clear(&e);
    CHECK_INT(stress_visit_add(&ctx, 0, "never", NULL, &e), -1);
    CHECK_INT(e.code, E_BUSY);
    error_clear(&e);
    CHECK_INT(stress_leave_request(&ctx, 0, NULL, &e), -1);
    CHECK_INT(e.code, E_BUSY);
    db_rollback(a);
    CHECK_INT(fixture_count(b, "SELECT count(*) FROM records"), 0);
    CHECK_INT(fixture_count(b, "SELECT count(*) FROM visits"), 0);
    CHECK_INT(fixture_count(b, "SELECT count(*) FROM leave"), 0);
    CHECK_INT(fixture_count(b, "SELECT count(*) FROM audit"), audit);
    /* and the next save, with the lock free, goes through */
    CHECK_INT(stress_record_add(&ctx, "later", NULL, NULL, &e), 0);
    db_close(a);
    db_close(b);
}

int
main(void)
{
    signal(SIGPIPE, SIG_IGN);
    stress_tmpdir("stress-load");
    stress_init();
    RUN(test_wait_bound);
    RUN(test_many_kiosks);
    RUN(test_slow_commit);
    stress_rmdir();
    return CHECK_DONE();
}
