/* core.c — the juwei side of the benchmark's figures that the command
 * line does not reach: the same core functions the kiosk's screens call,
 * timed one call at a time. Prints JSON on standard output for
 * bench/bench.py. Not part of juwei; built by `make bench` only.
 *
 *   bench-core save INI DB LOGIN K
 *       K durable saves of a new work record as LOGIN, the way the
 *       records screen saves one (records_add: store_apply with its audit
 *       row, the full-text queue applied, COMMIT); microseconds each.
 *   bench-core page INI DB LOGIN|- [--at DATE ID] [--n ROWS] [--reps K]
 *                  [--from D] [--to D] [--category C] [--find TEXT]
 *       records_page() as LOGIN (- : the command line's admin): the first
 *       page, or with --at the page after that row (PgDn from a page
 *       ending there), K times, and records_count() (which the list runs
 *       with the first page) K times; microseconds each, the ids shown,
 *       the count, and the SQL of both with their values, for the sqlite3
 *       shell.
 *   bench-core report INI DB MONTH DISTRICT K
 *       report_monthly() of a district, as the report screen and `juwei
 *       report monthly` build it, K times; microseconds each, and every
 *       statement it ran with its values, for the sqlite3 shell.
 *   bench-core csv INI N SEED
 *       a residents register of N people, as demo_residents_csv(). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "juwei/auth.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/demo.h"
#include "juwei/records.h"
#include "juwei/report.h"
#include "juwei/staff.h"

static double
now_us(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static struct config *
load(const char *path)
{
    struct diags d = { 0 };
    struct config *cfg = config_load(path, &d);

    diags_print(&d, stderr);
    diags_free(&d);
    if (cfg == NULL)
        exit(1);
    return cfg;
}

/* The context of `login` as auth_login() would make it, without the
 * password: the benchmark measures the work, not the login. */
static void
open_as(struct ctx *ctx, const char *ini, const char *dbpath,
        const char *login)
{
    struct error e = { 0 };
    struct staff s;

    memset(ctx, 0, sizeof *ctx);
    ctx->cfg = load(ini);
    ctx->db = db_open(dbpath, DB_OPEN, &e);
    if (ctx->db == NULL) {
        fprintf(stderr, "bench-core: %s\n", e.msg);
        exit(1);
    }
    session_system(&ctx->who);
    if (strcmp(login, "-") == 0)
        return;
    if (staff_find_login(ctx, login, &s, &e) < 0) {
        fprintf(stderr, "bench-core: %s\n", e.msg);
        exit(1);
    }
    memset(&ctx->who, 0, sizeof ctx->who);
    ctx->who.staff_id = s.id;
    ctx->who.role = s.role;
    snprintf(ctx->who.login, sizeof ctx->who.login, "%s", s.login);
    snprintf(ctx->who.name, sizeof ctx->who.name, "%.*s",
             (int)sizeof ctx->who.name - 1, s.name);
    snprintf(ctx->who.committee, sizeof ctx->who.committee, "%s",
             s.committee);
    snprintf(ctx->who.district, sizeof ctx->who.district, "%s", s.district);
}

static void
close_ctx(struct ctx *ctx)
{
    db_close(ctx->db);
    config_free((struct config *)ctx->cfg);
}

static void
json_string(const char *s)
{
    putchar('"');
    for (; *s != '\0'; s++) {
        if (*s == '"' || *s == '\\')
            printf("\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            printf("\\u%04x", *s);
        else
            putchar(*s);
    }
    putchar('"');
}

static void
json_times(const char *name, const double *us, int n)
{
    printf("\"%s\": [", name);
    for (int i = 0; i < n; i++)
        printf("%s%.1f", i > 0 ? ", " : "", us[i]);
    printf("]");
}

static int
save(int argc, char **argv)
{
    struct ctx ctx;
    struct error e = { 0 };
    int k = argc > 5 ? atoi(argv[5]) : 0;
    double *us;
    char today[11];

    if (argc != 6 || k < 1) {
        fprintf(stderr, "usage: bench-core save INI DB LOGIN K\n");
        return 2;
    }
    open_as(&ctx, argv[2], argv[3], argv[4]);
    us = calloc((size_t)k, sizeof *us);
    date_format(date_today(), today);
    for (int i = 0; i < k; i++) {
        struct record_input in = {
            .date = today, .category = ctx.cfg->record_categories.items[0].id,
            .title = "入户走访独居老人", .hours = "1.5",
            .details = "到3号楼2单元走访，了解老人身体和生活情况，"
                       "已登记需求，将协调志愿者上门。",
        };
        int64_t id;
        double t0 = now_us();

        if (records_add(&ctx, &in, &id, &e) < 0) {
            fprintf(stderr, "bench-core: %s\n", e.msg);
            return 1;
        }
        us[i] = now_us() - t0;
    }
    printf("{");
    json_times("us", us, k);
    printf("}\n");
    free(us);
    close_ctx(&ctx);
    return 0;
}

/* The SQL of the page and of the count with their values, as SQLite
 * runs them: the floor runs the very same text in the sqlite3 shell. */
static char *traced_page, *traced_count;

static int
on_trace(unsigned type, void *arg, void *p, void *x)
{
    (void)arg;
    (void)x;
    if (type == SQLITE_TRACE_STMT) {
        char *s = sqlite3_expanded_sql((sqlite3_stmt *)p);

        if (s != NULL && strstr(s, "records") != NULL) {
            if (traced_page == NULL && strncmp(s, "SELECT r.id", 11) == 0)
                traced_page = strdup(s);
            else if (traced_count == NULL &&
                     strncmp(s, "SELECT count(*)", 15) == 0)
                traced_count = strdup(s);
        }
        sqlite3_free(s);
    }
    return 0;
}

static int
page(int argc, char **argv)
{
    struct ctx ctx;
    struct record_filter f = { 0 };
    struct error e = { 0 };
    int n = 20, reps = 7, got = 0;
    struct record *rows;
    char at_date[11] = "";
    int64_t at_id = 0;
    double *us, *count_us;
    long count = -1;

    if (argc < 5) {
        fprintf(stderr, "usage: bench-core page INI DB LOGIN|- [options]\n");
        return 2;
    }
    for (int i = 5; i + 1 < argc; i += 2) {
        const char *o = argv[i], *v = argv[i + 1];

        if (strcmp(o, "--at") == 0 && i + 2 < argc) {
            snprintf(at_date, sizeof at_date, "%s", v);
            at_id = strtoll(argv[++i + 1], NULL, 10);
        } else if (strcmp(o, "--n") == 0)
            n = atoi(v);
        else if (strcmp(o, "--reps") == 0)
            reps = atoi(v);
        else if (strcmp(o, "--from") == 0)
            snprintf(f.from, sizeof f.from, "%s", v);
        else if (strcmp(o, "--to") == 0)
            snprintf(f.to, sizeof f.to, "%s", v);
        else if (strcmp(o, "--category") == 0)
            snprintf(f.category, sizeof f.category, "%s", v);
        else if (strcmp(o, "--find") == 0)
            snprintf(f.find, sizeof f.find, "%s", v);
        else
            return fprintf(stderr, "bench-core: unknown option %s\n", o), 2;
    }
    if (n < 1 || reps < 1)
        return 2;
    open_as(&ctx, argv[2], argv[3], argv[4]);
    rows = calloc((size_t)n, sizeof *rows);
    us = calloc((size_t)reps, sizeof *us);
    count_us = calloc((size_t)reps, sizeof *count_us);
    sqlite3_trace_v2(db_sqlite(ctx.db), SQLITE_TRACE_STMT, on_trace, NULL);
    for (int i = 0; i < reps; i++) {
        double t0 = now_us();

        if (records_page(&ctx, &f, at_id > 0 ? PAGE_AFTER : PAGE_FIRST,
                         at_date, at_id, n, rows, &got, &e) < 0) {
            fprintf(stderr, "bench-core: %s\n", e.msg);
            return 1;
        }
        us[i] = now_us() - t0;
    }
    for (int i = 0; i < reps; i++) {
        double t0 = now_us();

        count = records_count(&ctx, &f);
        count_us[i] = now_us() - t0;
    }
    sqlite3_trace_v2(db_sqlite(ctx.db), 0, NULL, NULL);
    printf("{");
    json_times("us", us, reps);
    printf(", ");
    json_times("count_us", count_us, reps);
    printf(", \"count\": %ld, \"ids\": [", count);
    for (int i = 0; i < got; i++)
        printf("%s%lld", i > 0 ? ", " : "", (long long)rows[i].id);
    printf("], \"sql\": ");
    json_string(traced_page != NULL ? traced_page : "");
    printf(", \"count_sql\": ");
    json_string(traced_count != NULL ? traced_count : "");
    printf("}\n");
    free(traced_page);
    free(traced_count);
    free(rows);
    free(us);
    free(count_us);
    close_ctx(&ctx);
    return 0;
}

/* Every statement of a report, in the order run. */
static char **statements;
static size_t nstatements;

static int
on_trace_all(unsigned type, void *arg, void *p, void *x)
{
    (void)arg;
    (void)x;
    if (type == SQLITE_TRACE_STMT) {
        char *s = sqlite3_expanded_sql((sqlite3_stmt *)p);

        if (s != NULL && strncmp(s, "--", 2) != 0) {
            statements = realloc(statements,
                                 (nstatements + 1) * sizeof *statements);
            statements[nstatements++] = strdup(s);
        }
        sqlite3_free(s);
    }
    return 0;
}

static int
report(int argc, char **argv)
{
    struct ctx ctx;
    struct error e = { 0 };
    int k = argc > 6 ? atoi(argv[6]) : 0;
    double *us;

    if (argc != 7 || k < 1) {
        fprintf(stderr, "usage: bench-core report INI DB MONTH DISTRICT "
                "K\n");
        return 2;
    }
    open_as(&ctx, argv[2], argv[3], "-");
    us = calloc((size_t)k, sizeof *us);
    for (int i = 0; i < k; i++) {
        struct report *r = NULL;
        double t0;

        if (i == 0)
            sqlite3_trace_v2(db_sqlite(ctx.db), SQLITE_TRACE_STMT,
                             on_trace_all, NULL);
        t0 = now_us();
        if (report_monthly(&ctx, argv[4], NULL, argv[5], &r, &e) < 0) {
            fprintf(stderr, "bench-core: %s\n", e.msg);
            return 1;
        }
        us[i] = now_us() - t0;
        sqlite3_trace_v2(db_sqlite(ctx.db), 0, NULL, NULL);
        report_free(r);
    }
    printf("{");
    json_times("us", us, k);
    printf(", \"sql\": [");
    for (size_t i = 0; i < nstatements; i++) {
        printf("%s", i > 0 ? ", " : "");
        json_string(statements[i]);
        free(statements[i]);
    }
    printf("]}\n");
    free(statements);
    free(us);
    close_ctx(&ctx);
    return 0;
}

static int
csv(int argc, char **argv)
{
    struct config *cfg;
    struct error e = { 0 };
    int rc;

    if (argc != 5) {
        fprintf(stderr, "usage: bench-core csv INI N SEED\n");
        return 2;
    }
    cfg = load(argv[2]);
    rc = demo_residents_csv(stdout, cfg, atol(argv[3]),
                            strtoull(argv[4], NULL, 10), &e);
    if (rc < 0)
        fprintf(stderr, "bench-core: %s\n", e.msg);
    config_free(cfg);
    return rc < 0 ? 1 : 0;
}

int
main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "save") == 0)
        return save(argc, argv);
    if (argc > 1 && strcmp(argv[1], "page") == 0)
        return page(argc, argv);
    if (argc > 1 && strcmp(argv[1], "report") == 0)
        return report(argc, argv);
    if (argc > 1 && strcmp(argv[1], "csv") == 0)
        return csv(argc, argv);
    fprintf(stderr, "usage: bench-core save|page|report|csv …\n");
    return 2;
}
