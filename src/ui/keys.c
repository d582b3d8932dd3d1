/* keys.c — keys as actions, the function-key bar and the help page.
 *
 * F-keys often do not survive SSH clients, so Esc followed by a digit
 * (what most terminals also send for Alt+digit) is the same F-key, and
 * Ctrl-S saves. A lone Esc must act at once: ncurses' ESCDELAY is set
 * short (site.esc_delay_ms) and a digit is taken as part of the pair only
 * when it arrives within that same delay. */
#include <curses.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/config.h"
#include "juwei/text.h"
#include "juwei/ui/draw.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/kiosk.h"
#include "juwei/ui/screens.h"
#include "juwei/util.h"

volatile sig_atomic_t kiosk_sig_quit;
volatile sig_atomic_t kiosk_sig_int;

static const enum action fkey_action[11] = {
    ACT_NONE, ACT_HELP, ACT_SAVE, ACT_FIND, ACT_EDIT, ACT_NEW,
    ACT_F6, ACT_F7, ACT_DELETE, ACT_F9, ACT_BACK,
};

static int
action_fkey(enum action a)
{
    for (int i = 1; i <= 10; i++) {
        if (fkey_action[i] == a)
            return i;
    }
    return 0;
}

static struct key
key_of(enum action a)
{
    struct key k = { .action = a, .ch = 0, .fkey = action_fkey(a) };

    return k;
}

static struct key
key_fn(int n)
{
    struct key k = { .action = fkey_action[n], .ch = 0, .fkey = n };

    return k;
}

static bool
too_small(void)
{
    return COLS < KIOSK_MIN_COLS || LINES < KIOSK_MIN_ROWS;
}

static void
draw_too_small(void)
{
    char *msg = xasprintf(_("Please enlarge the window to at least %d×%d "
                            "(it is %d×%d now)."),
                          KIOSK_MIN_COLS, KIOSK_MIN_ROWS, COLS, LINES);

    erase();
    curs_set(0);
    /* Wrap by hand: the window may be narrower than the message. */
    for (int y = 0, off = 0; msg[off] != '\0' && y < LINES; y++) {
        int used;
        size_t n = text_fit(msg + off, COLS, &used);

        if (n == 0)
            break;
        char *part = xstrndup(msg + off, n);
        draw_str(y, 0, T_ERROR, part);
        free(part);
        off += (int)n;
    }
    refresh();
    free(msg);
}

void
kiosk_push(struct kiosk *k, void (*draw)(void *), void *arg)
{
    if (k->nframes == (int)ARRAY_LEN(k->frames))
        fatal("screens nested too deeply");
    k->frames[k->nframes].draw = draw;
    k->frames[k->nframes].arg = arg;
    k->nframes++;
}

void
kiosk_pop(struct kiosk *k)
{
    if (k->nframes > 0)
        k->nframes--;
}

void
kiosk_repaint(struct kiosk *k)
{
    int y, x;

    if (too_small()) {
        draw_too_small();
        return;
    }
    erase();
    for (int i = 0; i < k->nframes; i++)
        k->frames[i].draw(k->frames[i].arg);
    getyx(stdscr, y, x);
    kiosk_draw_bar(k);
    move(y, x);
    refresh();
}

void
kiosk_set_bar(struct kiosk *k, const struct binding *b, int n)
{
    k->bar = b;
    k->nbar = n;
}

bool
kiosk_has(const struct kiosk *k, enum action a)
{
    for (int i = 0; i < k->nbar; i++) {
        if (k->bar[i].action == a)
            return true;
    }
    return false;
}

/* mc style: "1Help  2Save … 10Back", each slot a tenth of the width. */
void
kiosk_draw_bar(struct kiosk *k)
{
    int y = LINES - 1, slot = COLS / 10;

    move(y, 0);
    attrset(theme_attr(T_BAR_LABEL));
    hline(' ', COLS);
    attrset(A_NORMAL);
    for (int n = 1; n <= 10; n++) {
        int x = (n - 1) * slot;
        const char *label = "";
        char num[12];

        for (int i = 0; i < k->nbar; i++) {
            if (k->bar[i].action == fkey_action[n])
                label = _(k->bar[i].label);
        }
        snprintf(num, sizeof num, "%d", n);
        int w = draw_str(y, x, T_BAR_KEY, num);
        draw_text(y, x + w, (n == 10 ? COLS - x : slot) - w, T_BAR_LABEL,
                  label);
    }
}

void
kiosk_draw_title(struct kiosk *k, const char *title)
{
    char day[11], *right;

    date_format(date_today(), day);
    if (k->logged_in)
        right = xasprintf("%s · %s · %s", k->ctx.who.name,
                          role_label(k->ctx.who.role), day);
    else
        right = xstrdup(day);
    move(0, 0);
    attrset(theme_attr(T_TITLE));
    hline(' ', COLS);
    int rw = text_width(right);
    draw_text(0, 1, COLS - rw - 3, T_TITLE, title);
    draw_text(0, COLS - rw - 1, rw, T_TITLE, right);
    free(right);
}

void
kiosk_status(struct kiosk *k, bool error, const char *fmt, ...)
{
    (void)k;
    move(LINES - 2, 0);
    clrtoeol();
    if (fmt != NULL) {
        va_list ap;
        char *msg;

        va_start(ap, fmt);
        msg = xvasprintf(fmt, ap);
        va_end(ap);
        draw_text(LINES - 2, 1, COLS - 2, error ? T_ERROR : T_NORMAL, msg);
        free(msg);
    }
}

/* Translates one get_wch() result; ACT_NONE for keys that mean nothing. */
static struct key
translate(struct kiosk *k, int r, wint_t wc, int esc_ms)
{
    struct key key = { 0 };

    if (r == KEY_CODE_YES) {
        if (wc >= (wint_t)KEY_F(1) && wc <= (wint_t)KEY_F(10))
            return key_fn((int)(wc - KEY_F0));
        switch (wc) {
        case KEY_UP:        return key_of(ACT_UP);
        case KEY_DOWN:      return key_of(ACT_DOWN);
        case KEY_LEFT:      return key_of(ACT_LEFT);
        case KEY_RIGHT:     return key_of(ACT_RIGHT);
        case KEY_PPAGE:     return key_of(ACT_PGUP);
        case KEY_NPAGE:     return key_of(ACT_PGDN);
        case KEY_HOME:      return key_of(ACT_HOME);
        case KEY_END:       return key_of(ACT_END);
        case KEY_BTAB:      return key_of(ACT_PREV);
        case KEY_ENTER:     return key_of(ACT_ENTER);
        case KEY_BACKSPACE: return key_of(ACT_BACKSPACE);
        case KEY_DC:        return key_of(ACT_DEL);
        default:            return key;
        }
    }
    switch (wc) {
    case 27: {
        /* Esc-digit within the delay is an F-key; anything else is put
         * back and the Esc means "back". */
        wint_t next;
        int r2;

        timeout(esc_ms);
        r2 = get_wch(&next);
        if (r2 == OK && next >= '0' && next <= '9')
            return key_fn(next == '0' ? 10 : (int)(next - '0'));
        if (r2 != ERR)
            unget_wch(next);
        (void)k;
        return key_of(ACT_BACK);
    }
    case '\t':        return key_of(ACT_NEXT);
    case '\r':
    case '\n':        return key_of(ACT_ENTER);
    case 19:          return key_of(ACT_SAVE);        /* Ctrl-S */
    case 3:           return key_of(ACT_INTERRUPT);   /* Ctrl-C */
    case 12:          return key_of(ACT_REDRAW);      /* Ctrl-L */
    case 8:
    case 127:         return key_of(ACT_BACKSPACE);
    case 11:          return key_of(ACT_KILL);        /* Ctrl-K */
    case 21:          return key_of(ACT_CLEAR);       /* Ctrl-U */
    default:
        break;
    }
    if (wc < 32 || (wc >= 0x7f && wc < 0xa0))
        return key;                 /* Ctrl-Z and other controls: nothing */
    key.action = ACT_CHAR;
    key.ch = (wchar_t)wc;
    return key;
}

/* Ctrl-C asks before quitting; a "yes" unwinds every screen, keeping
 * drafts of open forms, as a dropped link would. */
static struct key
interrupt(struct kiosk *k)
{
    static bool asking;

    if (asking)
        return key_of(ACT_NONE);
    asking = true;
    bool quit = dialog_confirm(k, _("Quit"), _("Quit juwei?"), false);
    asking = false;
    if (quit) {
        kiosk_sig_quit = 1;
        return key_of(ACT_QUIT);
    }
    return key_of(ACT_REDRAW);
}

struct key
kiosk_key(struct kiosk *k, int wait_ms)
{
    const struct cfg_site *site = &k->ctx.cfg->site;
    int64_t start = util_now();

    for (;;) {
        wint_t wc;
        int r, slice = 1000;

        if (kiosk_sig_quit || k->logging_out)
            return key_of(ACT_QUIT);
        if (kiosk_sig_int) {
            kiosk_sig_int = 0;
            return interrupt(k);
        }
        if (k->logged_in && !k->locked && k->idle_lock_secs > 0 &&
            util_now() - k->last_key >= k->idle_lock_secs) {
            if (!screen_lock(k))
                return key_of(ACT_QUIT);
            kiosk_repaint(k);
            return key_of(ACT_REDRAW);
        }
        if (wait_ms >= 0) {
            int64_t left = wait_ms - (util_now() - start) * 1000;

            if (left <= 0)
                return key_of(ACT_TIMEOUT);
            if (left < slice)
                slice = (int)left;
        }
        timeout(slice);
        errno = 0;
        r = get_wch(&wc);
        if (r == ERR)
            continue;               /* timeout or a signal: check again */
        if (r == KEY_CODE_YES && wc == KEY_RESIZE) {
            kiosk_repaint(k);
            if (COLS < KIOSK_MIN_COLS || LINES < KIOSK_MIN_ROWS)
                continue;
            return key_of(ACT_REDRAW);
        }
        if (COLS < KIOSK_MIN_COLS || LINES < KIOSK_MIN_ROWS) {
            /* Only Ctrl-C means anything on the "enlarge" notice. */
            if (r == OK && wc == 3)
                return key_of(ACT_INTERRUPT);
            continue;
        }
        k->last_key = util_now();
        struct key key = translate(k, r, wc, site->esc_delay_ms);
        if (key.action == ACT_INTERRUPT)
            return interrupt(k);
        if (key.action != ACT_NONE)
            return key;
    }
}

/* The general keys every screen shares, for the help page. */
static const struct {
    const char *keys, *what;
} general_keys[] = {
    { N_("Esc then a digit"), N_("the same as that F-key (Esc 1 = F1 … "
                                 "Esc 0 = F10), for terminals that lose F-keys") },
    { N_("Tab / Shift-Tab"), N_("next / previous field") },
    { N_("Up / Down"), N_("previous / next field or row") },
    { N_("Enter"), N_("next field; opens the selected row or pick-list") },
    { N_("PgUp / PgDn / Home / End"), N_("page through a list") },
    { N_("Ctrl-S"), N_("save, like F2") },
    { N_("Esc"), N_("back; a form with changes asks first") },
    { N_("Ctrl-L"), N_("redraw the screen") },
};

struct help_state {
    struct kiosk *k;
    char **lines;
    int nlines, top;
    const char *title;
};

static void
help_draw(void *arg)
{
    struct help_state *h = arg;
    int rows = LINES - 3;

    erase();
    curs_set(0);
    kiosk_draw_title(h->k, h->title);
    for (int i = 0; i < rows && h->top + i < h->nlines; i++)
        draw_text(1 + i, 1, COLS - 2, T_NORMAL, h->lines[h->top + i]);
    if (h->nlines > rows)
        kiosk_status(h->k, false, _("PgUp/PgDn: scroll · Esc/F10: close"));
}

static void
help_add(struct help_state *h, int *cap, char *line)
{
    if (h->nlines == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        h->lines = xreallocarray(h->lines, (size_t)*cap, sizeof *h->lines);
    }
    h->lines[h->nlines++] = line;
}

void
kiosk_help(struct kiosk *k, const char *title, const char *text)
{
    static const struct binding help_bar[] = {
        { ACT_BACK, N_("Close"), N_("close the help page") },
    };
    const struct binding *saved = k->bar;
    int nsaved = k->nbar, cap = 0;
    struct help_state h = { .k = k };

    h.title = xasprintf(_("Help: %s"), title);
    help_add(&h, &cap, xstrdup(_("Keys on this screen:")));
    for (int i = 0; i < k->nbar; i++) {
        int fk = action_fkey(k->bar[i].action);
        char *keys = fk != 0 ? xasprintf("F%d / Esc %d", fk, fk % 10)
                             : xstrdup("");
        char *pad = text_pad(keys, 16, false);

        help_add(&h, &cap, xasprintf("  %s %s — %s", pad, _(k->bar[i].label),
                                     _(k->bar[i].help)));
        free(pad);
        free(keys);
    }
    help_add(&h, &cap, xstrdup(""));
    help_add(&h, &cap, xstrdup(_("Everywhere:")));
    for (size_t i = 0; i < ARRAY_LEN(general_keys); i++) {
        char *pad = text_pad(_(general_keys[i].keys), 26, false);

        help_add(&h, &cap, xasprintf("  %s %s", pad, _(general_keys[i].what)));
        free(pad);
    }
    if (text != NULL && *text != '\0') {
        char *copy = xstrdup(text), *save = NULL;

        help_add(&h, &cap, xstrdup(""));
        for (char *l = strtok_r(copy, "\n", &save); l != NULL;
             l = strtok_r(NULL, "\n", &save))
            help_add(&h, &cap, xstrdup(l));
        free(copy);
    }

    kiosk_set_bar(k, help_bar, (int)ARRAY_LEN(help_bar));
    kiosk_push(k, help_draw, &h);
    kiosk_repaint(k);
    for (bool done = false; !done;) {
        struct key key = kiosk_key(k, -1);
        int rows = LINES - 3;

        switch (key.action) {
        case ACT_PGDN: case ACT_DOWN:
            if (h.top + rows < h.nlines) {
                h.top += key.action == ACT_PGDN ? rows : 1;
                kiosk_repaint(k);
            }
            break;
        case ACT_PGUP: case ACT_UP:
            if (h.top > 0) {
                h.top -= key.action == ACT_PGUP ? rows : 1;
                if (h.top < 0)
                    h.top = 0;
                kiosk_repaint(k);
            }
            break;
        case ACT_REDRAW:
        case ACT_TIMEOUT:
        case ACT_NONE:
            break;
        default:
            done = true;
            break;
        }
    }
    kiosk_pop(k);
    kiosk_set_bar(k, saved, nsaved);
    for (int i = 0; i < h.nlines; i++)
        free(h.lines[i]);
    free(h.lines);
    free((char *)h.title);
    kiosk_repaint(k);
}
