/* keys.c — keys as actions, the function-key bar and the help page.
 *
 * F-keys often do not survive SSH clients, so Esc followed by a digit
 * (what most terminals also send for Alt+digit) is the same F-key, and
 * Ctrl-S saves. A lone Esc must act at once: ncurses' ESCDELAY is set
 * short (site.esc_delay_ms) and a digit is taken as part of the pair only
 * when it arrives within that same delay. */
#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "juwei/config.h"
#include "juwei/text.h"
#include "juwei/ui/draw.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/kiosk.h"
#include "juwei/ui/screens.h"
#include "juwei/ui/wrap.h"
#include "juwei/util.h"

/* Key codes of our own for the bracketed-paste markers (define_key). */
#define KEY_PASTE_BEGIN (KEY_MAX + 1)
#define KEY_PASTE_END   (KEY_MAX + 2)
#define PASTE_MAX       (64 * 1024)

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
    k->frames[k->nframes].held = false;
    k->nframes++;
}

void
kiosk_pop(struct kiosk *k)
{
    for (int i = k->nframes - 1; i >= 0; i--) {
        if (!k->frames[i].held) {
            kiosk_remove(k, k->frames[i].arg);
            return;
        }
    }
}

void
kiosk_hold(struct kiosk *k, void (*draw)(void *), void *arg)
{
    kiosk_remove(k, arg);
    kiosk_push(k, draw, arg);
    k->frames[k->nframes - 1].held = true;
}

void
kiosk_remove(struct kiosk *k, void *arg)
{
    for (int i = k->nframes - 1; i >= 0; i--) {
        if (k->frames[i].arg == arg) {
            memmove(&k->frames[i], &k->frames[i + 1],
                    (size_t)(k->nframes - i - 1) * sizeof k->frames[0]);
            k->nframes--;
            return;
        }
    }
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
    if (k->flash != NULL)
        kiosk_status(k, false, "%s", k->flash);
    kiosk_draw_bar(k);
    move(y, x);
    refresh();
}

void
kiosk_flash(struct kiosk *k, const char *fmt, ...)
{
    va_list ap;

    free(k->flash);
    va_start(ap, fmt);
    if (vasprintf(&k->flash, fmt, ap) < 0)
        fatal("out of memory");
    va_end(ap);
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

/* Slot widths of the bar: a tenth of the width each, as in mc, so the
 * keys stay where the hand expects them; but a label is not cut while an
 * empty or shorter slot has room to give ("退出登录" needs 10 columns). */
static void
bar_layout(const char *const label[11], int w[11])
{
    int need[11], total = 0, base = COLS / 10;

    for (int n = 1; n <= 10; n++) {
        int lw = text_width(label[n]);

        need[n] = (n == 10 ? 2 : 1) + lw + 1;
        w[n] = need[n] > base ? need[n] : base;
        total += w[n];
    }
    while (total > COLS) {
        int best = 0;

        /* Take a column from the slot with the most room to spare, else
         * from the widest label. */
        for (int n = 1; n <= 10; n++) {
            if (w[n] - need[n] > (best ? w[best] - need[best] : 0))
                best = n;
        }
        if (best == 0) {
            for (int n = 1; n <= 10; n++) {
                if (w[n] > 3 && (best == 0 || w[n] > w[best]))
                    best = n;
            }
        }
        if (best == 0)
            break;
        w[best]--;
        total--;
    }
    w[10] += COLS - total;      /* the last slot takes what is left */
}

/* mc style: "1Help  2Save … 10Back" on the bottom line. */
void
kiosk_draw_bar(struct kiosk *k)
{
    int y = LINES - 1, w[11], x = 0;
    const char *label[11];

    for (int n = 1; n <= 10; n++) {
        label[n] = "";
        for (int i = 0; i < k->nbar; i++) {
            if (k->bar[i].action == fkey_action[n])
                label[n] = _(k->bar[i].label);
        }
    }
    bar_layout(label, w);
    move(y, 0);
    attrset(theme_attr(T_BAR_LABEL));
    hline(' ', COLS);
    attrset(A_NORMAL);
    for (int n = 1; n <= 10 && x < COLS; n++) {
        char num[12];

        snprintf(num, sizeof num, "%d", n);
        int nw = draw_str(y, x, T_BAR_KEY, num);
        if (w[n] - nw > 0)
            draw_text(y, x + nw, w[n] - nw, T_BAR_LABEL, label[n]);
        x += w[n];
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
        case KEY_PASTE_BEGIN: return key_of(ACT_PASTE);
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

    /* On the lock screen quitting would end the owner's session without
     * their password; only its own "log out" may. */
    if (asking || k->locked)
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

/* Has the terminal gone (the SSH link dropped) without a SIGHUP reaching
 * us? get_wch() then fails at once, every time. */
static bool
terminal_gone(void)
{
    struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };

    return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

static void
paste_add(struct kiosk *k, const char *s, size_t n)
{
    if (k->npaste + n > PASTE_MAX)
        return;             /* the rest of a huge paste is dropped */
    k->paste = xrealloc(k->paste, k->npaste + n + 1);
    memcpy(k->paste + k->npaste, s, n);
    k->npaste += n;
    k->paste[k->npaste] = '\0';
}

/* Reads a bracketed paste up to its end marker into k->paste, as UTF-8.
 * Keys ncurses recognised inside it (an arrow's escape sequence) are
 * dropped; stray escapes and controls are kept for the field editor to
 * filter. A paste that never ends stops after a quiet second. */
static void
read_paste(struct kiosk *k)
{
    free(k->paste);
    k->paste = NULL;
    k->npaste = 0;
    paste_add(k, "", 0);
    timeout(1000);
    for (;;) {
        wint_t wc;
        int r = get_wch(&wc);

        if (r == ERR) {
            if (kiosk_sig_quit || errno != EINTR)
                break;
            continue;
        }
        if (r == KEY_CODE_YES) {
            if (wc == KEY_PASTE_END)
                break;
            continue;
        }
        char mb[MB_LEN_MAX];
        mbstate_t st = { 0 };
        size_t m = wcrtomb(mb, (wchar_t)wc, &st);

        if (m != (size_t)-1)
            paste_add(k, mb, m);
    }
}

void
kiosk_term_modes(bool on)
{
    if (on) {
        define_key("\033[200~", KEY_PASTE_BEGIN);
        define_key("\033[201~", KEY_PASTE_END);
    }
    putp(on ? "\033[?2004h" : "\033[?2004l");
    fflush(stdout);
}

void
kiosk_unget(struct kiosk *k, struct key key)
{
    k->pending = key;
    k->has_pending = true;
}

struct key
kiosk_key(struct kiosk *k, int wait_ms)
{
    const struct cfg_site *site = &k->ctx.cfg->site;
    int64_t start = util_now();

    if (k->has_pending && !kiosk_sig_quit && !k->logging_out) {
        k->has_pending = false;
        return k->pending;
    }
    for (;;) {
        wint_t wc;
        int r, slice = 1000;

        if (kiosk_sig_quit || k->logging_out)
            return key_of(ACT_QUIT);
        if (kiosk_sig_int) {
            kiosk_sig_int = 0;
            struct key key = interrupt(k);
            if (key.action != ACT_NONE)
                return key;
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
        if (r == ERR) {
            /* A timeout, a signal, or a terminal that is gone. */
            if (errno != EINTR && terminal_gone())
                kiosk_sig_quit = 1;
            continue;
        }
        if (r == KEY_CODE_YES && wc == KEY_RESIZE) {
            kiosk_repaint(k);
            if (too_small())
                continue;
            return key_of(ACT_REDRAW);
        }
        if (r == KEY_CODE_YES && wc == KEY_PASTE_BEGIN)
            read_paste(k);
        if (too_small()) {
            /* Only Ctrl-C means anything on the "enlarge" notice; its
             * question shows once the window is large enough. */
            if (r == OK && wc == 3)
                kiosk_sig_int = 1;
            continue;
        }
        k->last_key = util_now();
        free(k->flash);
        k->flash = NULL;
        struct key key = translate(k, r, wc, site->esc_delay_ms);
        if (key.action == ACT_INTERRUPT)
            key = interrupt(k);
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

/* The help page holds entries (a label column and a text) and wraps them
 * to the width on every draw, so a resize re-flows it. */
struct help_entry {
    char *label;        /* "" for a paragraph of its own */
    char *text;
};

struct help_state {
    struct kiosk      *k;
    struct help_entry *e;
    int                ne, cap;
    char             **lines;     /* the entries wrapped to COLS */
    int                nlines, top;
    const char        *title;
};

static void
help_add(struct help_state *h, const char *label, const char *text)
{
    if (h->ne == h->cap) {
        h->cap = h->cap ? h->cap * 2 : 32;
        h->e = xreallocarray(h->e, (size_t)h->cap, sizeof *h->e);
    }
    h->e[h->ne].label = xstrdup(label);
    h->e[h->ne].text = xstrdup(text);
    h->ne++;
}

static void
help_layout(struct help_state *h)
{
    int width = COLS - 2, labw = 0, cap = 0;

    wrap_free(h->lines, h->nlines);
    h->lines = NULL;
    h->nlines = 0;
    /* One label column for the whole page, at most a third of it. */
    for (int i = 0; i < h->ne; i++) {
        int w = text_width(h->e[i].label);

        if (w > labw)
            labw = w;
    }
    if (labw > width / 3)
        labw = width / 3;
    for (int i = 0; i < h->ne; i++) {
        bool has_label = h->e[i].label[0] != '\0';
        int indent = has_label ? 2 + labw + 2 : 0;
        char **part;
        int np = wrap_text(h->e[i].text, width - indent, &part);
        char *pad = has_label ? text_pad(h->e[i].label, labw, true)
                              : xstrdup("");

        if (np == 0) {
            part = xcalloc(1, sizeof *part);
            part[0] = xstrdup("");
            np = 1;
        }
        for (int j = 0; j < np; j++) {
            if (h->nlines == cap) {
                cap = cap ? cap * 2 : 64;
                h->lines = xreallocarray(h->lines, (size_t)cap,
                                         sizeof *h->lines);
            }
            if (!has_label)
                h->lines[h->nlines++] = xstrdup(part[j]);
            else if (j == 0)
                h->lines[h->nlines++] = xasprintf("  %s  %s", pad, part[j]);
            else
                h->lines[h->nlines++] = xasprintf("%*s%s", indent, "", part[j]);
        }
        free(pad);
        wrap_free(part, np);
    }
}

static int
help_rows(void)
{
    return LINES - 3;       /* under the title, above the status line */
}

static void
help_draw(void *arg)
{
    struct help_state *h = arg;
    int rows = help_rows();

    help_layout(h);
    if (h->top > h->nlines - rows)
        h->top = h->nlines - rows > 0 ? h->nlines - rows : 0;
    erase();
    curs_set(0);
    kiosk_draw_title(h->k, h->title);
    for (int i = 0; i < rows && h->top + i < h->nlines; i++)
        draw_text(1 + i, 1, COLS - 2, T_NORMAL, h->lines[h->top + i]);
    if (h->nlines > rows)
        kiosk_status(h->k, false, "%s  %d/%d",
                     _("PgUp/PgDn: scroll · Esc/F10: close"),
                     h->top / rows + 1, (h->nlines + rows - 1) / rows);
}

/* The keys that reach a screen's table without being an F-key. */
static const char *
action_keys(enum action a)
{
    int fk = action_fkey(a);
    static char buf[32];

    if (fk != 0) {
        snprintf(buf, sizeof buf, "F%d / Esc %d", fk, fk % 10);
        return buf;
    }
    switch (a) {
    case ACT_ENTER: return _("Enter");
    default:        return "";
    }
}

void
kiosk_help(struct kiosk *k, const char *title, const char *text)
{
    static const struct binding help_bar[] = {
        { ACT_BACK, N_("Close"), N_("close the help page") },
    };
    const struct binding *saved = k->bar;
    int nsaved = k->nbar;
    struct help_state h = { .k = k };

    h.title = xasprintf(_("Help: %s"), title);
    help_add(&h, "", _("Keys on this screen:"));
    for (int i = 0; i < k->nbar; i++) {
        char *what = xasprintf("%s — %s", _(k->bar[i].label),
                               _(k->bar[i].help));

        help_add(&h, action_keys(k->bar[i].action), what);
        free(what);
    }
    help_add(&h, "", "");
    help_add(&h, "", _("Everywhere:"));
    for (size_t i = 0; i < ARRAY_LEN(general_keys); i++)
        help_add(&h, _(general_keys[i].keys), _(general_keys[i].what));
    if (text != NULL && *text != '\0') {
        char *copy = xstrdup(text), *save = NULL;

        help_add(&h, "", "");
        for (char *l = strtok_r(copy, "\n", &save); l != NULL;
             l = strtok_r(NULL, "\n", &save)) {
            char *tab = strchr(l, '\t');

            if (tab != NULL) {
                *tab = '\0';
                help_add(&h, l, tab + 1);
            } else {
                help_add(&h, "", l);
            }
        }
        free(copy);
    }

    kiosk_set_bar(k, help_bar, (int)ARRAY_LEN(help_bar));
    kiosk_push(k, help_draw, &h);
    kiosk_repaint(k);
    for (bool done = false; !done;) {
        struct key key = kiosk_key(k, -1);
        int rows = help_rows(), top = h.top;

        switch (key.action) {
        case ACT_CHAR:          /* Space pages on, as in a pager */
        case ACT_PGDN: case ACT_DOWN:
            if (key.action == ACT_CHAR && key.ch != ' ')
                break;
            if (h.top + rows < h.nlines)
                h.top += key.action == ACT_DOWN ? 1 : rows;
            break;
        case ACT_PGUP: case ACT_UP:
            h.top -= key.action == ACT_PGUP ? rows : 1;
            if (h.top < 0)
                h.top = 0;
            break;
        case ACT_HOME:
            h.top = 0;
            break;
        case ACT_END:
            h.top = h.nlines - rows > 0 ? h.nlines - rows : 0;
            break;
        case ACT_REDRAW:
            kiosk_repaint(k);
            break;
        case ACT_TIMEOUT:
        case ACT_NONE:
        case ACT_PASTE:
            break;
        default:
            done = true;
            break;
        }
        if (!done && h.top != top)
            kiosk_repaint(k);
    }
    kiosk_remove(k, &h);
    kiosk_set_bar(k, saved, nsaved);
    for (int i = 0; i < h.ne; i++) {
        free(h.e[i].label);
        free(h.e[i].text);
    }
    free(h.e);
    wrap_free(h.lines, h.nlines);
    free((char *)h.title);
    kiosk_repaint(k);
}
