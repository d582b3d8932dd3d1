/* cli_demo.c — `juwei demo --scale N`: the demo data set for trials and
 * the benchmark (see demo.h), with a progress line on standard error. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "juwei/cli.h"
#include "juwei/demo.h"

static const char usage_demo[] =
    "demo --scale N [--seed S] [--until YYYY-MM-DD] [--force]";

struct progress {
    bool        tty;
    const char *shown;      /* the table of the line on screen */
};

static const char *
table_label(const char *table)
{
    static const struct {
        const char *table, *label;
    } labels[] = {
        { "staff", N_("accounts") },
        { "residents", N_("residents") },
        { "records", N_("work records") },
        { "inspections", N_("inspections") },
        { "visits", N_("visits") },
        { "leave", N_("leave requests") },
        { "training", N_("training sessions") },
    };

    for (size_t i = 0; i < ARRAY_LEN(labels); i++) {
        if (strcmp(labels[i].table, table) == 0)
            return _(labels[i].label);
    }
    return table;
}

/* On a terminal one line, rewritten after each transaction; otherwise
 * (a log file) one line per table when it is done. */
static void
show_progress(void *arg, const char *table, long done, long total)
{
    struct progress *p = arg;

    if (p->tty) {
        if (p->shown != NULL && strcmp(p->shown, table) != 0)
            fputc('\n', stderr);
        fprintf(stderr, "\r\033[Kjuwei demo: %s %ld / %ld", table_label(table),
                done, total);
        p->shown = table;
    } else if (done == total) {
        fprintf(stderr, "juwei demo: %s %ld\n", table_label(table), done);
    }
    fflush(stderr);
}

static bool
parse_long(const char *s, long min, long max, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
        return false;
    *out = v;
    return true;
}

static bool
parse_seed(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    if (*s == '-')
        return false;
    v = strtoull(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0')
        return false;
    *out = (uint64_t)v;
    return true;
}

enum { OPT_SCALE = 256, OPT_SEED, OPT_UNTIL, OPT_FORCE };

int
cli_demo(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        { "scale", required_argument, NULL, OPT_SCALE },
        { "seed",  required_argument, NULL, OPT_SEED },
        { "until", required_argument, NULL, OPT_UNTIL },
        { "force", no_argument,       NULL, OPT_FORCE },
        { NULL, 0, NULL, 0 },
    };
    struct demo_opts o = { .seed = 1, .until = DATE_NONE };
    struct progress p = { .tty = isatty(STDERR_FILENO) };
    struct demo_counts n;
    struct error e = { 0 };
    struct timespec t0, t1;
    int c;

    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case OPT_SCALE:
            if (!parse_long(optarg, 1, DEMO_SCALE_MAX, &o.scale))
                return cli_fail(_("--scale is the number of work records, "
                                  "from 1 to %ld"), DEMO_SCALE_MAX);
            break;
        case OPT_SEED:
            if (!parse_seed(optarg, &o.seed))
                return cli_fail(_("--seed is a whole number from 0 up"));
            break;
        case OPT_UNTIL:
            if (!date_parse_iso(optarg, &o.until))
                return cli_fail(_("--until is a date, YYYY-MM-DD"));
            break;
        case OPT_FORCE:
            o.force = true;
            break;
        default:
            return cli_usage(usage_demo);
        }
    }
    if (optind != argc || o.scale == 0)
        return cli_usage(usage_demo);
    if (cli_open_db(cli, DB_OPEN) < 0)
        return 1;
    session_system(&cli->ctx.who);
    o.progress = show_progress;
    o.progress_arg = &p;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (demo_build(&cli->ctx, &o, &n, &e) < 0) {
        if (p.shown != NULL)
            fputc('\n', stderr);
        return cli_fail("%s", e.msg);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (p.shown != NULL)
        fputc('\n', stderr);
    printf(_("juwei: demo data in %s (seed %llu, scale %ld), written in "
             "%.1f s (%.1f s of it indexing for search):\n"),
           cli_db_path(cli), (unsigned long long)o.seed, o.scale,
           (double)(t1.tv_sec - t0.tv_sec) +
           (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, n.index_seconds);
    printf(_("  %ld accounts, %ld work records, %ld inspections with %ld "
             "follow-ups,\n  %ld residents with %ld tags, %ld visits, %ld "
             "leave requests, %ld training sessions with %ld attendances\n"),
           n.staff, n.records, n.inspections, n.followups, n.residents,
           n.tags, n.visits, n.leave, n.training, n.attendees);
    printf(_("  every demo account has the password %s; the administrator "
             "is %s\n"), DEMO_PASSWORD, DEMO_ADMIN);
    if (n.fast_load)
        printf(_("  (a new file, so it was written without fsync and with "
                 "its indexes built at the end;\n  had the build stopped "
                 "half way, the file would have been one to delete)\n"));
    return 0;
}
