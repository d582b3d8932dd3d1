/* dialog.c — message, confirm, pick-list and progress over the screen. */
#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/text.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/draw.h"
#include "juwei/util.h"

/* Splits `msg` into lines of at most `cols` columns (on newlines, else
 * wherever the width runs out: Chinese has no spaces to break at). */
static int
wrap(const char *msg, int cols, char ***out)
{
    char **lines = NULL;
    int n = 0;
    const char *p = msg;

    while (*p != '\0') {
        const char *nl = strchr(p, '\n');
        size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
        char *para = xstrndup(p, len);
        size_t off = 0;

        do {
            int used;
            size_t take = text_fit(para + off, cols, &used);

            if (take == 0 && para[off] != '\0')
                take = 1;   /* never loop on a character wider than cols */
            lines = xreallocarray(lines, (size_t)n + 1, sizeof *lines);
            lines[n++] = xstrndup(para + off, take);
            off += take;
        } while (para[off] != '\0');
        free(para);
        p += len;
        if (*p == '\n')
            p++;
    }
    *out = lines;
    return n;
}

struct box {
    struct kiosk *k;
    const char   *title;
    char        **lines;
    int           nlines;
    bool          error;
    const char   *hint;
};

static void
box_draw(void *arg)
{
    struct box *b = arg;
    int w = 0, h = b->nlines + 4;

    for (int i = 0; i < b->nlines; i++) {
        int lw = text_width(b->lines[i]);
        if (lw > w)
            w = lw;
    }
    if (text_width(b->hint) > w)
        w = text_width(b->hint);
    if (text_width(b->title) + 4 > w)
        w = text_width(b->title) + 4;
    w += 4;
    int y = (LINES - h) / 2, x = draw_center(w);

    curs_set(0);
    draw_box(y, x, h, w, b->title);
    for (int i = 0; i < b->nlines; i++)
        draw_text(y + 1 + i, x + 2, w - 4, b->error ? T_ERROR : T_NORMAL,
                  b->lines[i]);
    draw_text(y + h - 2, x + 2, w - 4, T_DIM, b->hint);
}

static void
box_free(struct box *b)
{
    for (int i = 0; i < b->nlines; i++)
        free(b->lines[i]);
    free(b->lines);
}

void
dialog_message(struct kiosk *k, bool error, const char *title, const char *msg)
{
    static const struct binding bar[] = {
        { ACT_BACK, N_("OK"), N_("close the message") },
    };
    const struct binding *saved = k->bar;
    int nsaved = k->nbar;
    struct box b = { .k = k, .title = title, .error = error,
                     .hint = _("Enter: OK") };

    b.nlines = wrap(msg, COLS - 10, &b.lines);
    kiosk_set_bar(k, bar, (int)ARRAY_LEN(bar));
    kiosk_push(k, box_draw, &b);
    kiosk_repaint(k);
    for (;;) {
        struct key key = kiosk_key(k, -1);

        if (key.action == ACT_ENTER || key.action == ACT_BACK ||
            key.action == ACT_QUIT || key.action == ACT_CHAR)
            break;
    }
    kiosk_pop(k);
    kiosk_set_bar(k, saved, nsaved);
    box_free(&b);
    kiosk_repaint(k);
}

bool
dialog_confirm(struct kiosk *k, const char *title, const char *msg,
               bool def_yes)
{
    static const struct binding bar[] = {
        { ACT_SAVE, N_("Yes"), N_("answer yes") },
        { ACT_BACK, N_("No"), N_("answer no") },
    };
    const struct binding *saved = k->bar;
    int nsaved = k->nbar;
    struct box b = { .k = k, .title = title,
                     .hint = def_yes ? _("Enter/Y: yes · Esc/N: no")
                                     : _("Y: yes · Enter/Esc/N: no") };
    bool yes = false;

    b.nlines = wrap(msg, COLS - 10, &b.lines);
    kiosk_set_bar(k, bar, (int)ARRAY_LEN(bar));
    kiosk_push(k, box_draw, &b);
    kiosk_repaint(k);
    for (bool done = false; !done;) {
        struct key key = kiosk_key(k, -1);

        switch (key.action) {
        case ACT_ENTER: yes = def_yes; done = true; break;
        case ACT_SAVE:  yes = true; done = true; break;
        case ACT_BACK:
        case ACT_QUIT:  yes = false; done = true; break;
        case ACT_CHAR:
            if (key.ch == 'y' || key.ch == 'Y' || key.ch == L'是') {
                yes = true;
                done = true;
            } else if (key.ch == 'n' || key.ch == 'N' || key.ch == L'否') {
                done = true;
            }
            break;
        default:
            break;
        }
    }
    kiosk_pop(k);
    kiosk_set_bar(k, saved, nsaved);
    box_free(&b);
    kiosk_repaint(k);
    return yes;
}

struct pick {
    struct kiosk           *k;
    const char             *title;
    const struct pick_item *items;
    size_t                  n;
    size_t                 *shown;     /* indexes matching the filter */
    size_t                  nshown;
    int                     sel, top;
    char                    filter[128];
};

static bool
matches(const struct pick_item *it, const char *filter)
{
    if (*filter == '\0')
        return true;
    if (strstr(it->name, filter) != NULL)
        return true;
    return it->id != NULL && strcasestr(it->id, filter) != NULL;
}

static void
pick_filter(struct pick *p)
{
    p->nshown = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (matches(&p->items[i], p->filter))
            p->shown[p->nshown++] = i;
    }
    if (p->sel >= (int)p->nshown)
        p->sel = p->nshown > 0 ? (int)p->nshown - 1 : 0;
}

static int
pick_rows(void)
{
    return LINES - 8;
}

static void
pick_draw(void *arg)
{
    struct pick *p = arg;
    int rows = pick_rows(), w = 40, h;

    for (size_t i = 0; i < p->n; i++) {
        int iw = text_width(p->items[i].name) + 6;
        if (iw > w)
            w = iw;
    }
    if (w > COLS - 4)
        w = COLS - 4;
    if ((int)p->n < rows)
        rows = p->n > 0 ? (int)p->n : 1;
    h = rows + 4;
    int y = (LINES - h) / 2, x = draw_center(w);

    if (p->sel < p->top)
        p->top = p->sel;
    if (p->sel >= p->top + rows)
        p->top = p->sel - rows + 1;
    draw_box(y, x, h, w, p->title);
    for (int r = 0; r < rows; r++) {
        int i = p->top + r;

        if (i >= (int)p->nshown)
            break;
        draw_text(y + 1 + r, x + 1, w - 2, i == p->sel ? T_SELECT : T_NORMAL,
                  p->items[p->shown[i]].name);
    }
    char *line = xasprintf(_("Find: %s"), p->filter);
    char *count = xasprintf("%zu/%zu", p->nshown, p->n);
    int cw = text_width(count);
    draw_text(y + h - 2, x + 2, w - 5 - cw, T_DIM, line);
    draw_text(y + h - 2, x + w - 2 - cw, cw, T_DIM, count);
    free(count);
    free(line);
    curs_set(0);
}

int
dialog_pick(struct kiosk *k, const char *title, const struct pick_item *items,
            size_t n, int selected)
{
    static const struct binding bar[] = {
        { ACT_ENTER, N_("Choose"), N_("take the selected entry") },
        { ACT_BACK, N_("Cancel"), N_("close the list without choosing") },
    };
    const struct binding *saved = k->bar;
    int nsaved = k->nbar, result = -1;
    struct pick p = { .k = k, .title = title, .items = items, .n = n };

    p.shown = xcalloc(n, sizeof *p.shown);
    pick_filter(&p);
    if (selected >= 0 && selected < (int)n)
        p.sel = selected;
    kiosk_set_bar(k, bar, (int)ARRAY_LEN(bar));
    kiosk_push(k, pick_draw, &p);
    kiosk_repaint(k);
    for (bool done = false; !done;) {
        struct key key = kiosk_key(k, -1);
        size_t len = strlen(p.filter);

        switch (key.action) {
        case ACT_UP:   if (p.sel > 0) p.sel--; break;
        case ACT_DOWN: if (p.sel + 1 < (int)p.nshown) p.sel++; break;
        case ACT_PGUP: p.sel -= pick_rows(); if (p.sel < 0) p.sel = 0; break;
        case ACT_PGDN:
            p.sel += pick_rows();
            if (p.sel >= (int)p.nshown)
                p.sel = p.nshown > 0 ? (int)p.nshown - 1 : 0;
            break;
        case ACT_HOME: p.sel = 0; break;
        case ACT_END:  p.sel = p.nshown > 0 ? (int)p.nshown - 1 : 0; break;
        case ACT_ENTER:
            if (p.nshown > 0) {
                result = (int)p.shown[p.sel];
                done = true;
            }
            break;
        case ACT_BACK:
        case ACT_QUIT:
            done = true;
            break;
        case ACT_BACKSPACE:
            /* Drop the last UTF-8 character of the filter. */
            while (len > 0 && (p.filter[len - 1] & 0xC0) == 0x80)
                len--;
            if (len > 0)
                len--;
            p.filter[len] = '\0';
            p.sel = 0;
            pick_filter(&p);
            break;
        case ACT_CHAR: {
            char mb[MB_LEN_MAX];
            mbstate_t st = { 0 };
            size_t m = wcrtomb(mb, key.ch, &st);

            if (m != (size_t)-1 && len + m < sizeof p.filter) {
                memcpy(p.filter + len, mb, m);
                p.filter[len + m] = '\0';
                p.sel = 0;
                pick_filter(&p);
            }
            break;
        }
        default:
            break;
        }
        if (!done)
            kiosk_repaint(k);
    }
    kiosk_pop(k);
    kiosk_set_bar(k, saved, nsaved);
    free(p.shown);
    kiosk_repaint(k);
    return result;
}

void
dialog_progress(struct kiosk *k, const char *msg, long done, long total)
{
    if (total > 0)
        kiosk_status(k, false, "%s  %ld/%ld (%ld%%)", msg, done, total,
                     done * 100 / total);
    else
        kiosk_status(k, false, "%s  %ld", msg, done);
    refresh();
}
