/* cli.c — dispatch of `juwei COMMAND`, and what every command shares:
 * finding and loading the INI, opening the database, one-line errors. */
#include "juwei/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct command {
    const char *name;
    int (*run)(struct cli *, int, char **);
    const char *usage;
    const char *help;
};

static const struct command commands[] = {
    { "check-config", cli_check_config, "check-config [FILE | --describe]",
      N_("validate the INI file, print FILE:LINE: problems") },
    { "init", cli_init, "init",
      N_("create or upgrade the database, sync committees from the INI") },
    { "demo", cli_demo, "demo --scale N [--seed S] [--force]",
      N_("write a synthetic data set for trials and benchmarks") },
    { "user", cli_user,
      "user add|passwd|disable|enable|list …",
      N_("manage accounts") },
    { "report", cli_report, "report monthly --month YYYY-MM",
      N_("the monthly report of a committee or a district") },
    { "export", cli_export, "export KIND [options] [-o FILE]",
      N_("records, inspections, residents … as CSV or XLSX") },
    { "backup", cli_backup, "backup FILE",
      N_("a consistent copy of the database, while kiosks write") },
    { "verify", cli_verify, "verify [FILE]",
      N_("check a database or a backup (exit 3: damaged)") },
    { "import", cli_import, "import residents FILE.csv [--committee ID]",
      N_("load residents from a CSV file: all rows or none") },
};

int
cli_fail(const char *fmt, ...)
{
    va_list ap;

    fputs("juwei: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 1;
}

int
cli_usage(const char *usage)
{
    fprintf(stderr, _("usage: juwei %s\n"), usage);
    return 2;
}

void
cli_print_help(FILE *fp)
{
    fputs(_("usage: juwei [-c CONFIG] [-d DATABASE] [COMMAND …]\n"
            "Without a command juwei starts the kiosk.\n\n"), fp);
    for (size_t i = 0; i < ARRAY_LEN(commands); i++)
        fprintf(fp, "  %-34s %s\n", commands[i].usage, _(commands[i].help));
}

int
cli_load_config(struct cli *cli)
{
    struct diags d = { 0 };

    if (cli->cfg != NULL)
        return 0;
    cli->cfg = config_load(cli->config_path, &d);
    diags_print(&d, stderr);
    diags_free(&d);
    if (cli->cfg == NULL)
        return -1;
    cli->ctx.cfg = cli->cfg;
    return 0;
}

const char *
cli_db_path(const struct cli *cli)
{
    if (cli->db_opt != NULL)
        return cli->db_opt;
    return cli->cfg != NULL ? cli->cfg->site.database : NULL;
}

int
cli_open_db(struct cli *cli, enum db_mode mode)
{
    struct error e = { 0 };

    if (cli->ctx.db != NULL)
        return 0;
    if (cli_load_config(cli) < 0)
        return -1;
    cli->ctx.db = db_open(cli_db_path(cli), mode, &e);
    if (cli->ctx.db == NULL) {
        cli_fail("%s", e.msg);
        return -1;
    }
    return 0;
}

int
cli_run(struct cli *cli, int argc, char **argv)
{
    for (size_t i = 0; i < ARRAY_LEN(commands); i++) {
        if (strcmp(argv[0], commands[i].name) == 0)
            return commands[i].run(cli, argc, argv);
    }
    cli_fail(_("unknown command \"%s\"; try juwei --help"), argv[0]);
    return 2;
}

void
cli_free(struct cli *cli)
{
    if (cli->ctx.db != NULL)
        db_close(cli->ctx.db);
    config_free(cli->cfg);
    memset(cli, 0, sizeof *cli);
}
