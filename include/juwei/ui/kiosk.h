/* kiosk.h — what every screen of the kiosk shares: the session context,
 * the frame stack (what to repaint after a resize or a dialog), keys as
 * actions, and the function-key bar. Screens run modal loops; each loop
 * pushes a frame so anything above it can ask everything below to repaint. */
#ifndef JUWEI_UI_KIOSK_H
#define JUWEI_UI_KIOSK_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <wchar.h>

#include "juwei/session.h"

#define KIOSK_MIN_COLS 80
#define KIOSK_MIN_ROWS 24

/* What a key means on a screen. F-keys, their Esc-digit twins and
 * Ctrl-S all arrive as actions; text arrives as ACT_CHAR with key.ch. */
enum action {
    ACT_NONE = 0,
    ACT_HELP,      /* F1 */
    ACT_SAVE,      /* F2, Ctrl-S */
    ACT_FIND,      /* F3 */
    ACT_EDIT,      /* F4 */
    ACT_NEW,       /* F5 */
    ACT_F6, ACT_F7,   /* F6, F7: screen-specific (labelled by the table) */
    ACT_DELETE,    /* F8 */
    ACT_F9,      /* F9: screen-specific */
    ACT_BACK,      /* F10, a lone Esc */
    ACT_NEXT,      /* Tab, Down (in forms) */
    ACT_PREV,      /* Shift-Tab, Up (in forms) */
    ACT_ENTER,
    ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT,
    ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
    ACT_BACKSPACE, ACT_DEL, ACT_KILL, ACT_CLEAR,
    ACT_CHAR,      /* printable text in key.ch */
    ACT_INTERRUPT, /* Ctrl-C: ask before quitting */
    ACT_REDRAW,    /* Ctrl-L, or the screen must repaint (resize, unlock) */
    ACT_QUIT,      /* the terminal is gone (SIGHUP/SIGTERM): unwind now,
                  * keeping drafts */
    ACT_TIMEOUT,   /* no key within the wait the caller asked for */
    ACT_PASTE,     /* a bracketed paste: the text is k->paste (k->npaste
                    * bytes of UTF-8 as the terminal sent it, controls and
                    * escapes included: field_insert_utf8() filters) */
};

struct key {
    enum action action;
    wchar_t     ch;      /* ACT_CHAR */
    int         fkey;    /* 1..10 when it came from an F-key or Esc-digit */
};

/* One row of a screen's key table: it feeds the dispatch, the bar on the
 * bottom line and the F1 help page, so the three never disagree. */
struct binding {
    enum action action;
    const char *label;   /* N_(): short, for the bar ("Save") */
    const char *help;    /* N_(): a sentence for the help page */
};

/* A frame repaints its screen from scratch into stdscr (no refresh). */
struct frame {
    void (*draw)(void *arg);
    void  *arg;
    bool   held;    /* kiosk_hold()'s: only kiosk_remove() takes it off */
};

struct kiosk {
    struct ctx     ctx;
    bool           logged_in;
    bool           color;
    bool           ascii_only;     /* console without wide glyphs */
    int64_t        last_key;       /* util_now() of the last key */
    int            idle_lock_secs; /* 0: never */
    bool           locked;
    bool           logging_out;    /* the session ends: unwind to login */

    struct frame   frames[16];
    int            nframes;

    const struct binding *bar;     /* the current screen's key table */
    int            nbar;

    char          *paste;          /* ACT_PASTE's text, until the next key */
    size_t         npaste;
    char          *flash;          /* kiosk_flash()'s message */
    struct key     pending;        /* kiosk_unget()'s key */
    bool           has_pending;
};

/* Set by signal handlers only; acted on in kiosk_key(). */
extern volatile sig_atomic_t kiosk_sig_quit;
extern volatile sig_atomic_t kiosk_sig_int;

/* A screen's own loop pushes its frame and pops it when it returns:
 * kiosk_pop() takes off the last frame kiosk_push() put on. */
void kiosk_push(struct kiosk *k, void (*draw)(void *), void *arg);
void kiosk_pop(struct kiosk *k);
/* Forms and lists hold their frame from form_run()/list_run() until
 * form_free()/list_free() (so they stay drawn under their caller's
 * dialogs): kiosk_hold() puts `arg`'s frame on top (moving it there if it
 * is already on), kiosk_pop() passes over it, kiosk_remove() takes the
 * frame of `arg` off wherever it is. */
void kiosk_hold(struct kiosk *k, void (*draw)(void *), void *arg);
void kiosk_remove(struct kiosk *k, void *arg);
/* Repaints every frame bottom-up and the bar, then updates the terminal. */
void kiosk_repaint(struct kiosk *k);

/* Reads one key, waiting at most `wait_ms` (-1: until a key), handling
 * resize (repainting the frame stack, or the "enlarge" notice while the
 * terminal is too small), the idle lock, signals, and bracketed paste.
 * Ctrl-C asks before quitting, except on the lock screen. */
struct key kiosk_key(struct kiosk *k, int wait_ms);

/* The next kiosk_key() returns `key` (a typed character or a paste that
 * opens a pick-list becomes its filter). One key deep. */
void kiosk_unget(struct kiosk *k, struct key key);

/* Terminal modes the kiosk sets for its whole run: bracketed paste (so a
 * paste arrives as one ACT_PASTE, not as keys). Off again before endwin. */
void kiosk_term_modes(bool on);

/* The screen's key table becomes the bottom bar. */
void kiosk_set_bar(struct kiosk *k, const struct binding *b, int n);
void kiosk_draw_bar(struct kiosk *k);
/* Is `a` in the current table (and so allowed on this screen)? */
bool kiosk_has(const struct kiosk *k, enum action a);
/* The help page for the current table plus a screen's own text: lines
 * wrapped to the width; a line "label\ttext" is shown as a column of
 * labels with the text wrapped beside it. */
void kiosk_help(struct kiosk *k, const char *title, const char *text);

/* The title line: screen title left, who and the date right. */
void kiosk_draw_title(struct kiosk *k, const char *title);
/* One message on the line above the bar (NULL clears it). */
void kiosk_status(struct kiosk *k, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A message for the status line of whatever is drawn next ("Saved."),
 * shown until the next key. */
void kiosk_flash(struct kiosk *k, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
