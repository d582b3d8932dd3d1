/* cli_db.c — `juwei init` and `juwei user …`: the database and accounts
 * from the command line, acting as the system (session_system()).
 * Passwords are read from the terminal with echo off, or one line from
 * standard input; they are never printed, logged or kept. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "juwei/auth.h"
#include "juwei/cli.h"
#include "juwei/staff.h"
#include "juwei/text.h"

#define PASSWORD_MAX 1024   /* bytes read; the rules allow far fewer */

static const char usage_user[] =
    "user add LOGIN --name NAME [--role staff|director|street|admin]\n"
    "                  [--committee ID] [--district ID] [--password-stdin]\n"
    "       juwei user passwd LOGIN [--password-stdin]\n"
    "       juwei user disable|enable LOGIN\n"
    "       juwei user list [--all]";

static const char sql_active_districts[] =
    "SELECT count(*) FROM districts WHERE active = 1";
static const char sql_active_committees[] =
    "SELECT count(*) FROM committees WHERE active = 1";

static int
count_of(struct db *db, const char *sql)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    int n = 0;

    if (st == NULL)
        return 0;
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return n;
}

int
cli_init(struct cli *cli, int argc, char **argv)
{
    struct error e = { 0 };
    const char *path;
    char districts[64], committees[64];
    int nd, nc;

    (void)argv;
    if (argc != 1)
        return cli_usage("init");
    if (cli_load_config(cli) < 0)
        return 1;
    path = cli_db_path(cli);
    cli->ctx.db = db_open(path, DB_CREATE, &e);
    if (cli->ctx.db == NULL)
        return cli_fail("%s", e.msg);
    session_system(&cli->ctx.who);
    if (db_migrate(cli->ctx.db, &e) < 0 ||
        db_sync_config(cli->ctx.db, cli->cfg, &e) < 0)
        return cli_fail("%s", e.msg);
    nd = count_of(cli->ctx.db, sql_active_districts);
    nc = count_of(cli->ctx.db, sql_active_committees);
    snprintf(districts, sizeof districts,
             ngettext("%d district", "%d districts", (unsigned long)nd), nd);
    snprintf(committees, sizeof committees,
             ngettext("%d committee", "%d committees", (unsigned long)nc), nc);
    printf(_("juwei: %s ready (schema %d; %s, %s)\n"), path,
           db_schema_version(cli->ctx.db), districts, committees);
    return 0;
}

/* --- passwords ------------------------------------------------------- */

static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
    interrupted = sig;
}

/* Reads one line from fd into buf (NUL-terminated, newline dropped).
 * Returns 0, or -1 on end of input, error or a signal. */
static int
read_line_fd(int fd, char *buf, size_t size)
{
    size_t n = 0;
    bool bad = false;

    for (;;) {
        char c;
        ssize_t r = read(fd, &c, 1);

        if (r < 0 && errno == EINTR && !interrupted)
            continue;
        if (r <= 0 || interrupted) {
            explicit_bzero(buf, size);
            return -1;
        }
        if (c == '\n')
            break;
        /* A NUL byte or a line longer than the buffer would otherwise
         * set a password other than the one given: refuse it whole. */
        if (c == '\0' || n + 1 >= size)
            bad = true;
        else
            buf[n++] = c;
    }
    if (n > 0 && buf[n - 1] == '\r')
        n--;
    buf[n] = '\0';
    if (bad) {
        explicit_bzero(buf, size);
        return -2;
    }
    return 0;
}

/* Asks on the terminal with echo off. Signals that would leave the
 * terminal without echo only set a flag (no SA_RESTART, so read()
 * returns); the terminal is restored before anything else happens. */
static int
ask_tty(const char *prompt, char *buf, size_t size)
{
    struct termios old, quiet;
    struct sigaction sa, saved[4];
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
    int fd, rc;

    fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        cli_fail(_("no terminal to ask for the password; use "
                   "--password-stdin"));
        return -1;
    }
    if (tcgetattr(fd, &old) < 0) {
        close(fd);
        cli_fail(_("no terminal to ask for the password; use "
                   "--password-stdin"));
        return -1;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < ARRAY_LEN(sigs); i++)
        sigaction(sigs[i], &sa, &saved[i]);
    interrupted = 0;
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK);
    quiet.c_lflag |= ECHONL;
    if (write(fd, prompt, strlen(prompt)) < 0)
        (void)0;   /* the read below fails too if the terminal is gone */
    tcsetattr(fd, TCSAFLUSH, &quiet);
    rc = read_line_fd(fd, buf, size);
    tcsetattr(fd, TCSAFLUSH, &old);
    for (size_t i = 0; i < ARRAY_LEN(sigs); i++)
        sigaction(sigs[i], &saved[i], NULL);
    close(fd);
    if (interrupted) {
        fputc('\n', stderr);
        cli_fail(_("cancelled; nothing changed"));
        return -1;
    }
    if (rc == -2)
        cli_fail(_("the password holds a NUL byte or is too long; "
                   "nothing changed"));
    else if (rc < 0)
        cli_fail(_("no password given; nothing changed"));
    return rc < 0 ? -1 : 0;
}

/* The new password of `login` into buf: one line of standard input, or
 * asked twice on the terminal. Checks the rules before asking again. */
static int
get_password(const char *login, bool from_stdin, char *buf, size_t size)
{
    struct error e = { 0 };
    char again[PASSWORD_MAX], prompt[160];
    int rc;

    if (from_stdin) {
        int got = read_line_fd(STDIN_FILENO, buf, size);

        if (got == -2) {
            cli_fail(_("the password holds a NUL byte or is too long; "
                       "nothing changed"));
            return -1;
        }
        if (got < 0) {
            cli_fail(_("no password on standard input; nothing changed"));
            return -1;
        }
    } else {
        snprintf(prompt, sizeof prompt, _("New password for %s: "), login);
        if (ask_tty(prompt, buf, size) < 0)
            return -1;
    }
    if (auth_password_ok(login, buf, &e) < 0) {
        explicit_bzero(buf, size);
        cli_fail("%s", e.msg);
        return -1;
    }
    if (from_stdin)
        return 0;
    if (ask_tty(_("The same again: "), again, sizeof again) < 0) {
        explicit_bzero(buf, size);
        return -1;
    }
    rc = strcmp(buf, again) == 0 ? 0 : -1;
    explicit_bzero(again, sizeof again);
    if (rc < 0) {
        explicit_bzero(buf, size);
        cli_fail(_("the two passwords differ; nothing changed"));
    }
    return rc;
}

/* --- juwei user ------------------------------------------------------ */

enum { OPT_NAME = 256, OPT_ROLE, OPT_COMMITTEE, OPT_DISTRICT, OPT_STDIN,
       OPT_ALL };

static const struct option user_opts[] = {
    { "name",           required_argument, NULL, OPT_NAME },
    { "role",           required_argument, NULL, OPT_ROLE },
    { "committee",      required_argument, NULL, OPT_COMMITTEE },
    { "district",       required_argument, NULL, OPT_DISTRICT },
    { "password-stdin", no_argument,       NULL, OPT_STDIN },
    { "all",            no_argument,       NULL, OPT_ALL },
    { NULL, 0, NULL, 0 },
};

struct user_args {
    const char *login, *name, *role, *committee, *district;
    bool        password_stdin, all;
};

/* Parses the options after `user SUB`; which ones SUB accepts is `allowed`
 * (a string of OPT_ codes as chars offset from OPT_NAME). */
static int
parse_user_args(int argc, char **argv, const char *allowed, bool want_login,
                struct user_args *a)
{
    int c;

    memset(a, 0, sizeof *a);
    optind = 0;      /* glibc: a full restart of getopt */
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", user_opts, NULL)) != -1) {
        if (c < OPT_NAME || strchr(allowed, 'a' + (c - OPT_NAME)) == NULL)
            return -1;
        switch (c) {
        case OPT_NAME:      a->name = optarg; break;
        case OPT_ROLE:      a->role = optarg; break;
        case OPT_COMMITTEE: a->committee = optarg; break;
        case OPT_DISTRICT:  a->district = optarg; break;
        case OPT_STDIN:     a->password_stdin = true; break;
        case OPT_ALL:       a->all = true; break;
        }
    }
    if (want_login) {
        if (optind != argc - 1)
            return -1;
        a->login = argv[optind];
    } else if (optind != argc) {
        return -1;
    }
    return 0;
}

static int
user_add(struct cli *cli, const struct user_args *a)
{
    struct error e = { 0 };
    char pw[PASSWORD_MAX];
    enum role role = ROLE_STAFF;
    int rc;

    if (a->name == NULL || *a->name == '\0')
        return cli_usage(usage_user);
    if (a->role != NULL && !role_parse(a->role, &role))
        return cli_fail(_("unknown role \"%s\"; use staff, director, street "
                          "or admin"), a->role);
    if (!staff_login_ok(a->login))
        return cli_fail(_("a login is %d to %d characters of a-z, 0-9, dot, "
                          "underscore or hyphen"),
                        STAFF_LOGIN_MIN, STAFF_LOGIN_MAX);
    if (get_password(a->login, a->password_stdin, pw, sizeof pw) < 0)
        return 1;
    rc = staff_add(&cli->ctx, a->login, a->name, a->committee, a->district,
                   role, pw, &e);
    explicit_bzero(pw, sizeof pw);
    if (rc < 0)
        return cli_fail("%s", e.msg);
    printf(_("juwei: account %s added (%s)\n"), a->login, role_name(role));
    return 0;
}

static int
user_passwd(struct cli *cli, const struct user_args *a)
{
    struct error e = { 0 };
    struct staff s;
    char pw[PASSWORD_MAX];
    int rc;

    if (staff_find_login(&cli->ctx, a->login, &s, &e) < 0)
        return cli_fail("%s", e.msg);
    if (get_password(a->login, a->password_stdin, pw, sizeof pw) < 0)
        return 1;
    rc = staff_set_password(&cli->ctx, s.id, pw, &e);
    explicit_bzero(pw, sizeof pw);
    if (rc < 0)
        return cli_fail("%s", e.msg);
    printf(_("juwei: password of %s changed\n"), a->login);
    return 0;
}

static int
user_active(struct cli *cli, const struct user_args *a, bool active)
{
    struct error e = { 0 };
    int rc = active ? staff_enable(&cli->ctx, a->login, &e)
                    : staff_disable(&cli->ctx, a->login, &e);

    if (rc < 0)
        return cli_fail("%s", e.msg);
    printf(active ? _("juwei: account %s enabled\n")
                  : _("juwei: account %s disabled\n"), a->login);
    return 0;
}

/* Prints s padded to `cols` display columns (Chinese names are two
 * columns a character), then two spaces. */
static void
put_cell(const char *s, int cols)
{
    char *p = text_pad(s, cols, false);

    fputs(p, stdout);
    fputs("  ", stdout);
    free(p);
}

static int
user_list(struct cli *cli, const struct user_args *a)
{
    struct error e = { 0 };
    struct staff *v;
    size_t n;
    enum { NCOL = 6 };
    const char *head[NCOL] = {
        _("LOGIN"), _("NAME"), _("ROLE"), _("COMMITTEE"), _("DISTRICT"),
        _("STATUS"),
    };
    int width[NCOL];

    if (staff_list(&cli->ctx, a->all, &v, &n, &e) < 0)
        return cli_fail("%s", e.msg);
    for (int c = 0; c < NCOL; c++)
        width[c] = text_width(head[c]);
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            for (int c = 0; c < NCOL - 1; c++)
                put_cell(head[c], width[c]);
            printf("%s\n", head[NCOL - 1]);
        }
        for (size_t i = 0; i < n; i++) {
            const char *status = !v[i].active ? _("disabled")
                               : v[i].locked ? _("locked") : _("active");
            const char *cell[NCOL] = {
                v[i].login, v[i].name, role_name(v[i].role),
                v[i].committee[0] != '\0' ? v[i].committee : "-",
                v[i].district[0] != '\0' ? v[i].district : "-", status,
            };

            for (int c = 0; c < NCOL; c++) {
                int w = text_width(cell[c]);

                if (pass == 0 && w > width[c])
                    width[c] = w;
                if (pass == 1 && c < NCOL - 1)
                    put_cell(cell[c], width[c]);
            }
            if (pass == 1)
                printf("%s\n", status);
        }
    }
    free(v);
    return 0;
}

int
cli_user(struct cli *cli, int argc, char **argv)
{
    static const struct {
        const char *name;
        const char *allowed;   /* options, see parse_user_args() */
        bool        login;
    } subs[] = {
        { "add",     "abcde", true },
        { "passwd",  "e",     true },
        { "disable", "",      true },
        { "enable",  "",      true },
        { "list",    "f",     false },
    };
    struct user_args a;
    size_t i;

    if (argc < 2)
        return cli_usage(usage_user);
    for (i = 0; i < ARRAY_LEN(subs); i++) {
        if (strcmp(argv[1], subs[i].name) == 0)
            break;
    }
    if (i == ARRAY_LEN(subs) ||
        parse_user_args(argc - 1, argv + 1, subs[i].allowed, subs[i].login,
                        &a) < 0)
        return cli_usage(usage_user);
    if (cli_open_db(cli, DB_OPEN) < 0)
        return 1;
    session_system(&cli->ctx.who);
    switch (i) {
    case 0:  return user_add(cli, &a);
    case 1:  return user_passwd(cli, &a);
    case 2:  return user_active(cli, &a, false);
    case 3:  return user_active(cli, &a, true);
    default: return user_list(cli, &a);
    }
}
