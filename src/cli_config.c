/* cli_config.c — `juwei check-config [FILE]`: every problem of the INI
 * file as FILE:LINE: message on standard output (they are what the
 * command was asked for), a one-line verdict on stderr when there are
 * errors. Exit 1 on any error; warnings alone still pass. */
#include <stdio.h>
#include <string.h>

#include "juwei/cli.h"
#include "juwei/config.h"
#include "juwei/util.h"

int
cli_check_config(struct cli *cli, int argc, char **argv)
{
    static const char usage[] = "check-config [FILE]";
    struct diags d = { 0 };
    struct config *cfg;
    const char *path;
    size_t errors;

    if (argc > 2 || (argc == 2 && argv[1][0] == '-' && argv[1][1] != '\0'))
        return cli_usage(usage);
    path = argc == 2 ? argv[1] : cli->config_path;
    cfg = config_load(path, &d);
    diags_print(&d, stdout);
    fflush(stdout);
    errors = d.errors;
    config_free(cfg);
    diags_free(&d);
    if (errors > 0)
        return cli_fail(ngettext("%s: %zu error", "%s: %zu errors", errors),
                        path, errors);
    return 0;
}
