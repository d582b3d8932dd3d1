/* cli_report.c — `juwei report monthly`, `juwei export`, `juwei backup`
 * and `juwei verify`. Report and export act as the system administrator
 * unless --as LOGIN gives them an account's scope (what that account
 * could see and export in the kiosk, masking included). */
#include <getopt.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "juwei/backup.h"
#include "juwei/audit.h"
#include "juwei/cli.h"
#include "juwei/export.h"
#include "juwei/report.h"
#include "juwei/staff.h"
#include "juwei/text.h"

#define REPORT_WIDTH 80

/* Exit status of `juwei verify` when the database is damaged (it could be
 * read, and is not sound): a script can tell it from "could not check". */
#define EXIT_DAMAGED 3

static const char usage_report[] =
    "report monthly --month YYYY-MM [--committee ID | --district ID]\n"
    "                       [--as LOGIN] [--ascii]";
static const char usage_export[] =
    "export records|inspections|residents|visits|leave|training|\n"
    "                    assessment|audit|report\n"
    "                    [--from DATE] [--to DATE] [--month YYYY-MM]\n"
    "                    [--committee ID | --district ID]\n"
    "                    [--format csv|xlsx] [-o FILE] [--full] "
    "[--as LOGIN]";

enum { OPT_MONTH = 256, OPT_COMMITTEE, OPT_DISTRICT, OPT_AS, OPT_ASCII,
       OPT_FROM, OPT_TO, OPT_FORMAT, OPT_FULL };

static const struct option opts[] = {
    { "month",     required_argument, NULL, OPT_MONTH },
    { "committee", required_argument, NULL, OPT_COMMITTEE },
    { "district",  required_argument, NULL, OPT_DISTRICT },
    { "as",        required_argument, NULL, OPT_AS },
    { "ascii",     no_argument,       NULL, OPT_ASCII },
    { "from",      required_argument, NULL, OPT_FROM },
    { "to",        required_argument, NULL, OPT_TO },
    { "format",    required_argument, NULL, OPT_FORMAT },
    { "full",      no_argument,       NULL, OPT_FULL },
    { "output",    required_argument, NULL, 'o' },
    { NULL, 0, NULL, 0 },
};

struct args {
    const char *month, *committee, *district, *as, *from, *to, *format;
    const char *output;
    bool        ascii, full;
    char      **rest;       /* the words that are not options */
    int         nrest;
};

/* `allowed` lists the OPT_ codes this command takes ('o' for -o). */
static int
parse(int argc, char **argv, const int *allowed, struct args *a)
{
    int c;

    memset(a, 0, sizeof *a);
    optind = 0;      /* glibc: a full restart of getopt */
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
        bool ok = false;

        for (const int *p = allowed; *p != 0; p++)
            ok = ok || *p == c;
        if (!ok)
            return -1;
        switch (c) {
        case OPT_MONTH:     a->month = optarg; break;
        case OPT_COMMITTEE: a->committee = optarg; break;
        case OPT_DISTRICT:  a->district = optarg; break;
        case OPT_AS:        a->as = optarg; break;
        case OPT_ASCII:     a->ascii = true; break;
        case OPT_FROM:      a->from = optarg; break;
        case OPT_TO:        a->to = optarg; break;
        case OPT_FORMAT:    a->format = optarg; break;
        case OPT_FULL:      a->full = true; break;
        case 'o':           a->output = optarg; break;
        }
    }
    a->rest = argv + optind;
    a->nrest = argc - optind;
    return 0;
}

/* [site] language, as the kiosk applies it: Chinese unless the INI says
 * English, or (auto) the locale is English or the output is the Linux
 * console. An explicit LANGUAGE in the environment wins. */
static void
set_language(const struct config *cfg)
{
    const char *lang = getenv("LANGUAGE"), *term = getenv("TERM");
    const char *loc = getenv("LC_ALL");
    bool english;

    if (lang != NULL && *lang != '\0')
        return;
    if (loc == NULL || *loc == '\0')
        loc = getenv("LC_MESSAGES");
    if (loc == NULL || *loc == '\0')
        loc = getenv("LANG");
    switch (cfg->site.language) {
    case LANG_EN: english = true; break;
    case LANG_ZH: english = false; break;
    default:
        english = (isatty(STDOUT_FILENO) && term != NULL &&
                   strcmp(term, "linux") == 0) ||
                  (loc != NULL && strncmp(loc, "en", 2) == 0);
        break;
    }
    setenv("LANGUAGE", english ? "en" : "zh_CN", 1);
}

/* Opens the database and takes the acting account: the system, or the
 * active account --as names. */
static int
open_as(struct cli *cli, const char *login)
{
    struct error e = { 0 };
    struct staff s;
    struct session *who = &cli->ctx.who;

    if (cli_open_db(cli, DB_OPEN) < 0)
        return -1;
    set_language(cli->cfg);
    session_system(who);
    if (login == NULL)
        return 0;
    if (staff_find_login(&cli->ctx, login, &s, &e) < 0)
        return cli_fail("%s", e.msg), -1;
    if (!s.active)
        return cli_fail(_("the account %s is disabled"), login), -1;
    memset(who, 0, sizeof *who);
    who->staff_id = s.id;
    who->role = s.role;
    snprintf(who->login, sizeof who->login, "%s", s.login);
    snprintf(who->name, sizeof who->name, "%.*s", (int)sizeof who->name - 1,
             s.name);
    snprintf(who->committee, sizeof who->committee, "%s", s.committee);
    snprintf(who->district, sizeof who->district, "%s", s.district);
    return 0;
}

/* Block characters only where they can be shown: a UTF-8 terminal that
 * is not the Linux console or a vt100; a file or pipe gets them too. */
static bool
want_ascii(bool forced)
{
    const char *term = getenv("TERM"), *cs = nl_langinfo(CODESET);

    if (forced)
        return true;
    if (!isatty(STDOUT_FILENO))
        return false;
    return cs == NULL || strcmp(cs, "UTF-8") != 0 || term == NULL ||
           strcmp(term, "linux") == 0 || strncmp(term, "vt", 2) == 0 ||
           strcmp(term, "dumb") == 0;
}

int
cli_report(struct cli *cli, int argc, char **argv)
{
    static const int allowed[] = { OPT_MONTH, OPT_COMMITTEE, OPT_DISTRICT,
                                   OPT_AS, OPT_ASCII, 0 };
    struct error e = { 0 };
    struct report *r;
    struct args a;
    char **lines;
    size_t n;

    if (parse(argc, argv, allowed, &a) < 0 || a.nrest != 1 ||
        strcmp(a.rest[0], "monthly") != 0 || a.month == NULL)
        return cli_usage(usage_report);
    if (open_as(cli, a.as) < 0)
        return 1;
    if (report_monthly(&cli->ctx, a.month, a.committee, a.district, &r,
                       &e) < 0)
        return cli_fail("%s", e.msg);
    lines = report_text(r, REPORT_WIDTH, want_ascii(a.ascii), &n);
    for (size_t i = 0; i < n; i++)
        printf("%s\n", lines[i]);
    report_lines_free(lines, n);
    report_free(r);
    if (fflush(stdout) != 0)
        return cli_fail(_("cannot write the report"));
    return 0;
}

static int
parse_date(const char *opt, const char *s, date_t *out)
{
    if (s == NULL)
        return 0;
    if (!date_parse_iso(s, out))
        return cli_fail(_("%s: \"%s\" is not a date; write it as "
                          "YYYY-MM-DD"), opt, s), -1;
    return 0;
}

static bool
ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);

    return n >= m && strcasecmp(s + n - m, tail) == 0;
}

int
cli_export(struct cli *cli, int argc, char **argv)
{
    static const int allowed[] = { OPT_MONTH, OPT_COMMITTEE, OPT_DISTRICT,
                                   OPT_AS, OPT_FROM, OPT_TO, OPT_FORMAT,
                                   OPT_FULL, 'o', 0 };
    struct error e = { 0 };
    struct export_opts o;
    enum export_kind kind;
    struct args a;
    long rows = 0;
    int rc;

    if (parse(argc, argv, allowed, &a) < 0 || a.nrest != 1)
        return cli_usage(usage_export);
    if (!export_kind_parse(a.rest[0], &kind))
        return cli_fail(_("unknown export \"%s\"; try records, inspections, "
                          "residents, visits, leave, training, assessment, "
                          "audit or report"), a.rest[0]);
    export_opts_init(&o, kind);
    if (a.format != NULL && !export_format_parse(a.format, &o.format))
        return cli_fail(_("--format: use csv or xlsx"));
    if (a.format == NULL && a.output != NULL && ends_with(a.output, ".xlsx"))
        o.format = EXPORT_XLSX;
    if (parse_date("--from", a.from, &o.from) < 0 ||
        parse_date("--to", a.to, &o.to) < 0)
        return 1;
    if (a.month != NULL) {
        date_t first, last;

        if (!report_month_parse(a.month, &first, &last))
            return cli_fail(_("--month: \"%s\" is not a month; write it as "
                              "YYYY-MM"), a.month);
        if (kind == EXPORT_REPORT) {
            o.month = a.month;
        } else {
            if (a.from == NULL)
                o.from = first;
            if (a.to == NULL)
                o.to = last;
        }
    }
    o.committee = a.committee;
    o.district = a.district;
    o.full = a.full;
    if (o.format == EXPORT_XLSX && a.output == NULL)
        return cli_fail(_("an XLSX export needs a file: give -o FILE"));
    if (open_as(cli, a.as) < 0)
        return 1;
    if (a.output == NULL) {
        /* Text for a terminal is cleaned: a field may hold anything a
         * person typed, escape sequences included. */
        o.clean = isatty(STDOUT_FILENO);
        rc = export_stream(&cli->ctx, &o, stdout, &rows, &e);
        if (rc < 0)
            return cli_fail("%s", e.msg);
        return 0;
    }
    if (export_file(&cli->ctx, &o, a.output, &rows, &e) < 0)
        return cli_fail("%s", e.msg);
    printf(ngettext("juwei: %ld row written to %s\n",
                    "juwei: %ld rows written to %s\n", (unsigned long)rows),
           rows, a.output);
    return 0;
}

int
cli_backup(struct cli *cli, int argc, char **argv)
{
    struct error e = { 0 };
    int64_t bytes = 0;
    const char *src;

    if (argc != 2 || argv[1][0] == '-')
        return cli_usage("backup FILE");
    if (cli->db_opt == NULL && cli_load_config(cli) < 0)
        return 1;
    src = cli_db_path(cli);
    if (backup_run(src, argv[1], &bytes, &e) < 0)
        return cli_fail("%s", e.msg);
    printf(_("juwei: %s backed up to %s (%lld KiB)\n"), src, argv[1],
           (long long)((bytes + 1023) / 1024));
    return 0;
}

/* The audit log's hash chain: prints where it ends (a value worth writing
 * down outside the machine) or the first row changed or removed. */
static bool
verify_chain(const char *path)
{
    struct error e = { 0 };
    struct db *db = db_open(path, DB_READONLY, &e);
    int64_t bad = 0, last = 0;
    char hash[SHA256_HEX];
    bool ok;

    if (db == NULL) {
        printf(_("  audit chain: not checked: %s\n"), e.msg);
        return false;
    }
    ok = audit_verify_chain(db, &bad, &e) == 0;
    if (!ok)
        printf(_("  audit chain: BROKEN: %s\n"), e.msg);
    else if (audit_head(db, &last, hash, &e) == 0)
        printf(_("  audit chain: ok up to row %lld, seal %s\n"),
               (long long)last, hash);
    db_close(db);
    return ok;
}

int
cli_verify(struct cli *cli, int argc, char **argv)
{
    struct error e = { 0 };
    struct backup_check c;
    const char *path;
    char *shown;
    int width = 5;

    if (argc > 2 || (argc == 2 && argv[1][0] == '-'))
        return cli_usage("verify [FILE]");
    if (argc == 2) {
        path = argv[1];
    } else {
        if (cli->db_opt == NULL && cli_load_config(cli) < 0)
            return 1;
        path = cli_db_path(cli);
    }
    if (backup_verify(path, &c, &e) < 0)
        return cli_fail("%s", e.msg);
    shown = text_clean(path);
    printf(_("%s: schema %d; integrity %s; foreign keys %s\n"), shown,
           c.schema, c.integrity_ok ? _("ok") : _("DAMAGED"),
           c.foreign_keys_ok ? _("ok") : _("BROKEN"));
    for (size_t i = 0; i < c.ncounts; i++) {
        int w = (int)strlen(c.counts[i].table);

        if (w > width)
            width = w;
    }
    for (size_t i = 0; i < c.ncounts; i++)
        printf("  %-*s %12lld\n", width, c.counts[i].table,
               c.counts[i].rows);
    for (size_t i = 0; i < c.nproblems; i++) {
        char *p = text_clean(c.problems[i]);

        printf(_("  problem: %s\n"), p);
        free(p);
    }
    if (c.more > 0)
        printf(_("  … and %zu more problems\n"), c.more);
    bool chain_ok = verify_chain(path);

    fflush(stdout);
    if (!backup_check_ok(&c) || !chain_ok) {
        cli_fail(_("%s is damaged: restore it from a backup"), shown);
        free(shown);
        backup_check_free(&c);
        return EXIT_DAMAGED;
    }
    free(shown);
    backup_check_free(&c);
    return 0;
}
