/* cli.h — the commands of `juwei COMMAND …`, for scripts and the
 * administrator. Each returns the process exit status: 0 success, 1 a
 * failure explained in one line on stderr, 2 a usage error. */
#ifndef JUWEI_CLI_H
#define JUWEI_CLI_H

#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/session.h"

struct cli {
    const char    *config_path;   /* -c, $JUWEI_CONFIG, or the system path */
    const char    *db_opt;        /* -d or $JUWEI_DB; NULL: the INI's */
    struct config *cfg;
    struct ctx     ctx;           /* ctx.db once cli_open_db() succeeded */
};

/* Loads the INI, printing every problem; returns -1 on any error. */
int cli_load_config(struct cli *cli);
/* Opens the database named by -d / $JUWEI_DB / the INI. */
int cli_open_db(struct cli *cli, enum db_mode mode);
const char *cli_db_path(const struct cli *cli);
/* Prints "juwei: msg" on stderr, returns 1. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int cli_usage(const char *usage);

int cli_run(struct cli *cli, int argc, char **argv);
void cli_free(struct cli *cli);
void cli_print_help(FILE *fp);

/* One function per command, in cli_*.c; argv[0] is the command name. */
int cli_check_config(struct cli *cli, int argc, char **argv);
int cli_init(struct cli *cli, int argc, char **argv);
int cli_user(struct cli *cli, int argc, char **argv);
int cli_demo(struct cli *cli, int argc, char **argv);
int cli_report(struct cli *cli, int argc, char **argv);   /* cli_report.c */
int cli_export(struct cli *cli, int argc, char **argv);
int cli_backup(struct cli *cli, int argc, char **argv);
int cli_verify(struct cli *cli, int argc, char **argv);
int cli_import(struct cli *cli, int argc, char **argv);

#endif
