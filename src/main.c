/* main.c — options, locale, then a command or the kiosk. */
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/cli.h"
#include "juwei/ui.h"
#include "juwei/util.h"

#ifndef JUWEI_VERSION
#define JUWEI_VERSION "0.1"
#endif

/* Wide-character width and the Chinese catalog need a UTF-8 locale; a
 * session that arrives with LANG unset (cron, a bare SSH command) still
 * gets one. */
static void
setup_locale(void)
{
    const char *dir = getenv("JUWEI_LOCALEDIR");
    const char *cs;

    if (setlocale(LC_ALL, "") == NULL ||
        ((cs = nl_langinfo(CODESET)) != NULL && strcmp(cs, "UTF-8") != 0))
        setlocale(LC_ALL, "C.UTF-8");
    bindtextdomain("juwei", dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
    bind_textdomain_codeset("juwei", "UTF-8");
    textdomain("juwei");
}

int
main(int argc, char **argv)
{
    struct cli cli = { 0 };
    static const struct option longopts[] = {
        { "config",   required_argument, NULL, 'c' },
        { "database", required_argument, NULL, 'd' },
        { "help",     no_argument,       NULL, 'h' },
        { "version",  no_argument,       NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    int c, rc;

    setup_locale();
    /* "+": options stop at the command, which parses its own. */
    while ((c = getopt_long(argc, argv, "+c:d:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'c': cli.config_path = optarg; break;
        case 'd': cli.db_opt = optarg; break;
        case 'h': cli_print_help(stdout); return 0;
        case 'V': printf("juwei %s\n", JUWEI_VERSION); return 0;
        default:  cli_print_help(stderr); return 2;
        }
    }
    if (cli.db_opt == NULL && getenv("JUWEI_DB") != NULL && *getenv("JUWEI_DB"))
        cli.db_opt = getenv("JUWEI_DB");
    cli.config_path = config_default_path(cli.config_path);

    if (optind < argc) {
        /* glibc: 0 restarts getopt for the command's own options. */
        int first = optind;

        optind = 0;
        rc = cli_run(&cli, argc - first, argv + first);
    } else {
        rc = ui_main(&cli);
    }
    cli_free(&cli);
    return rc;
}
