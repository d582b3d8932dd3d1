/* cli_import.c — `juwei import KIND FILE.csv`: loading registers from
 * spreadsheets, acting as the system. All or nothing: the core reports
 * every bad row as FILE:LINE: message and keeps nothing if there was one. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "juwei/cli.h"
#include "juwei/residents.h"

static const char usage_import[] =
    "import residents FILE.csv [--committee ID] [--force]";

enum { OPT_COMMITTEE = 256, OPT_FORCE };

static const struct option import_opts[] = {
    { "committee", required_argument, NULL, OPT_COMMITTEE },
    { "force",     no_argument,       NULL, OPT_FORCE },
    { NULL, 0, NULL, 0 },
};

static int
import_residents(struct cli *cli, const char *path, const char *committee,
                 bool force)
{
    long added = 0;

    if (residents_import(&cli->ctx, path, committee, force, stderr,
                         &added) < 0)
        return cli_fail(_("nothing was imported from %s"), path);
    printf(ngettext("juwei: %ld resident imported from %s\n",
                    "juwei: %ld residents imported from %s\n",
                    (unsigned long)added), added, path);
    return 0;
}

int
cli_import(struct cli *cli, int argc, char **argv)
{
    const char *committee = NULL;
    bool force = false;
    int c;

    if (argc < 2 || strcmp(argv[1], "residents") != 0)
        return cli_usage(usage_import);
    optind = 0;      /* glibc: a full restart of getopt */
    opterr = 0;
    while ((c = getopt_long(argc - 1, argv + 1, ":", import_opts, NULL))
           != -1) {
        switch (c) {
        case OPT_COMMITTEE: committee = optarg; break;
        case OPT_FORCE:     force = true; break;
        default:            return cli_usage(usage_import);
        }
    }
    if (optind != argc - 2)
        return cli_usage(usage_import);
    if (cli_open_db(cli, DB_OPEN) < 0)
        return 1;
    session_system(&cli->ctx.who);
    return import_residents(cli, argv[1 + optind], committee, force);
}
