/* cli_config.c — `juwei check-config [FILE]`: every problem of the INI
 * file as FILE:LINE: message on standard output (they are what the
 * command was asked for), a one-line verdict on stderr when there are
 * errors. Exit 1 on any error; warnings alone still pass.
 * `juwei check-config --describe`: every key the INI may hold, as the
 * Markdown table of doc/configuration.md (in the locale's language:
 * LC_ALL=C.UTF-8 for the English of the doc). */
#include <stdio.h>
#include <string.h>

#include "juwei/cli.h"
#include "juwei/config.h"
#include "juwei/util.h"

int
cli_check_config(struct cli *cli, int argc, char **argv)
{
    static const char usage[] = "check-config [FILE | --describe]";
    struct diags d = { 0 };
    struct config *cfg;
    const char *path;
    size_t errors;

    if (argc == 2 && strcmp(argv[1], "--describe") == 0) {
        config_describe(stdout);
        return fflush(stdout) == 0 ? 0 : cli_fail(_("cannot write %s"),
                                                  "stdout");
    }
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
