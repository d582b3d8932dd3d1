/* app.c — the kiosk's life: config and database, language, the terminal,
 * signals as flags, then setup → login → home until the user quits or
 * the terminal goes away. */
#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "juwei/auth.h"
#include "juwei/cli.h"
#include "juwei/ui.h"
#include "juwei/ui/kiosk.h"
#include "juwei/ui/screens.h"
#include "juwei/ui/theme.h"

static bool curses_on;

static void
restore_terminal(void)
{
    if (curses_on) {
        kiosk_term_modes(false);
        endwin();
        curses_on = false;
    }
}

static void
on_quit(int sig)
{
    (void)sig;
    kiosk_sig_quit = 1;
}

static void
on_int(int sig)
{
    (void)sig;
    kiosk_sig_int = 1;
}

/* Handlers only set flags; no SA_RESTART, so a blocked read returns and
 * kiosk_key() sees the flag at once. */
static void
install_signals(void)
{
    struct sigaction sa = { 0 };

    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_quit;
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sa.sa_handler = on_int;
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGTSTP, &sa, NULL);   /* a kiosk is not suspended */
    sigaction(SIGQUIT, &sa, NULL);
    sigaction(SIGPIPE, &sa, NULL);
}

/* language = auto: English on the bare Linux console, which cannot draw
 * Chinese, and for an English locale; Simplified Chinese otherwise. */
static void
choose_language(const struct cfg_site *site)
{
    const char *term = getenv("TERM");
    const char *loc = getenv("LC_ALL");
    bool english;

    if (loc == NULL || *loc == '\0')
        loc = getenv("LC_MESSAGES");
    if (loc == NULL || *loc == '\0')
        loc = getenv("LANG");
    switch (site->language) {
    case LANG_EN: english = true; break;
    case LANG_ZH: english = false; break;
    default:
        english = (term != NULL && strcmp(term, "linux") == 0) ||
                  (loc != NULL && strncmp(loc, "en", 2) == 0);
        break;
    }
    setenv("LANGUAGE", english ? "en" : "zh_CN", 1);
}

/* A save waiting for another kiosk's commit says so on the status line
 * instead of failing (db.c keeps waiting, with a generous bound). */
static void
saving_wait(void *arg, int waited_ms)
{
    struct kiosk *k = arg;

    if (waited_ms < 0)
        kiosk_status(k, false, NULL);
    else
        kiosk_status(k, false, _("Saving… another kiosk is saving (%d s)"),
                     waited_ms / 1000);
    refresh();
}

static int
idle_seconds(const struct cfg_site *site)
{
    /* For trials and the terminal tests, which cannot wait minutes. */
    const char *s = getenv("JUWEI_IDLE_LOCK_SECONDS");

    if (s != NULL && *s != '\0')
        return atoi(s);
    return site->idle_lock_minutes * 60;
}

int
ui_main(struct cli *cli)
{
    struct kiosk k = { 0 };
    const char *term = getenv("TERM");

    if (cli_open_db(cli, DB_OPEN) < 0)
        return 1;
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return cli_fail(_("the kiosk needs a terminal; for scripts use a "
                          "command (juwei --help)"));
    choose_language(&cli->cfg->site);
    k.ctx = cli->ctx;
    k.idle_lock_secs = idle_seconds(&cli->cfg->site);
    k.ascii_only = term != NULL && (strcmp(term, "linux") == 0 ||
                                    strncmp(term, "vt1", 3) == 0);

    install_signals();
    SCREEN *scr = newterm(NULL, stdout, stdin);
    if (scr == NULL)
        return cli_fail(_("cannot use terminal type \"%s\""),
                        term != NULL ? term : "");
    curses_on = true;
    fatal_set_hook(restore_terminal);
    set_escdelay(cli->cfg->site.esc_delay_ms);
    raw();              /* Ctrl-C, Ctrl-S, Ctrl-Z reach us as keys */
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    meta(stdscr, TRUE);
    /* no-color.org: set and not empty. */
    const char *no_color = getenv("NO_COLOR");
    theme_init(no_color == NULL || *no_color == '\0');
    k.color = theme_color();
    db_set_wait_hook(k.ctx.db, saving_wait, &k);
    kiosk_term_modes(true);
    k.last_key = util_now();

    while (!kiosk_sig_quit) {
        if (auth_needs_setup(k.ctx.db)) {
            if (!screen_setup(&k))
                break;
            continue;
        }
        if (!screen_login(&k))
            break;
        screen_drafts(&k);
        screen_home(&k);
        k.logged_in = false;
        k.logging_out = false;
        memset(&k.ctx.who, 0, sizeof k.ctx.who);
    }
    restore_terminal();
    delscreen(scr);
    fatal_set_hook(NULL);
    free(k.paste);
    free(k.flash);
    return 0;
}
