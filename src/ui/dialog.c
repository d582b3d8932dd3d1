/* dialog.c — message, confirm, pick-list and progress over the screen. */
#include <curses.h>
#include <limits.h>
#include <wchar.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/text.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/draw.h"
#include "juwei/ui/wrap.h"
#include "juwei/util.h"

/* Messages wrap at this width even on a wide terminal: long lines are
 * hard to read. (70: the width an 80-column screen gives them.) */
#define BOX_TEXT_MAX 70

static int
text_cols(void)
{
    return COLS - 10 < BOX_TEXT_MAX ? COLS - 10 : BOX_TEXT_MAX;
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
    wrap_free(b->lines, b->nlines);
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

    b.nlines = wrap_text(msg, text_cols(), &b.lines);
    kiosk_set_bar(k, bar, (int)ARRAY_LEN(bar));
    kiosk_push(k, box_draw, &b);
    kiosk_repaint(k);
    for (;;) {
        struct key key = kiosk_key(k, -1);

        if (key.action == ACT_ENTER || key.action == ACT_BACK ||
            key.action == ACT_QUIT || key.action == ACT_CHAR)
            break;
    }
    kiosk_remove(k, &b);
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

    b.nlines = wrap_text(msg, text_cols(), &b.lines);
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
    kiosk_remove(k, &b);
    kiosk_set_bar(k, saved, nsaved);
    box_free(&b);
    kiosk_repaint(k);
    return yes;
}

/* One pick-list dialog: single choice, or checkboxes when chosen != NULL. */
struct pick {
    struct kiosk           *k;
    const char             *title;
    const struct pick_item *items;
    size_t                  n;
    bool                   *chosen;    /* dialog_pick_many's ticks */
    size_t                 *shown;     /* indexes matching the filter */
    size_t                  nshown;
    int                     sel, top;
    char                    filter[128];
};

static void
pick_filter(struct pick *p)
{
    p->nshown = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (pick_match(&p->items[i], p->filter))
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
    int rows = pick_rows(), w = 40, h, mark = p->chosen != NULL ? 4 : 0;

    for (size_t i = 0; i < p->n; i++) {
        int iw = text_width(p->items[i].name) + 6 + mark;
        if (iw > w)
            w = iw;
    }
    if (p->chosen != NULL &&
        text_width(_("Space: tick or untick · Enter: done · Esc: cancel")) + 4 > w)
        w = text_width(_("Space: tick or untick · Enter: done · Esc: cancel")) + 4;
    if (w > COLS - 4)
        w = COLS - 4;
    if (p->chosen != NULL)
        rows--;             /* room for the line that says what Space does */
    if ((int)p->n < rows)
        rows = p->n > 0 ? (int)p->n : 1;
    h = rows + 4 + (p->chosen != NULL);
    int y = (LINES - h) / 2, x = draw_center(w);

    if (p->sel < p->top)
        p->top = p->sel;
    if (p->sel >= p->top + rows)
        p->top = p->sel - rows + 1;
    if (p->top > 0 && p->top + rows > (int)p->nshown)
        p->top = (int)p->nshown - rows > 0 ? (int)p->nshown - rows : 0;
    draw_box(y, x, h, w, p->title);
    for (int r = 0; r < rows; r++) {
        int i = p->top + r;

        if (i >= (int)p->nshown)
            break;
        size_t item = p->shown[i];
        enum role_attr attr = i == p->sel ? T_SELECT : T_NORMAL;
        if (p->chosen != NULL) {
            draw_text(y + 1 + r, x + 1, mark, attr,
                      p->chosen[item] ? "[x] " : "[ ] ");
        }
        draw_text(y + 1 + r, x + 1 + mark, w - 2 - mark, attr,
                  p->items[item].name);
    }
    char *line = xasprintf(_("Find: %s"), p->filter);
    char *count;
    if (p->chosen != NULL) {
        size_t ticked = 0;

        for (size_t i = 0; i < p->n; i++)
            ticked += p->chosen[i];
        count = xasprintf(_("%zu ticked · %zu/%zu"), ticked, p->nshown, p->n);
    } else {
        count = xasprintf("%zu/%zu", p->nshown, p->n);
    }
    int cw = text_width(count), fy = y + h - 2 - (p->chosen != NULL);
    draw_text(fy, x + 2, w - 5 - cw, T_DIM, line);
    draw_text(fy, x + w - 2 - cw, cw, T_DIM, count);
    if (p->chosen != NULL)
        draw_text(fy + 1, x + 2, w - 4, T_DIM,
                  _("Space: tick or untick · Enter: done · Esc: cancel"));
    free(count);
    free(line);
    curs_set(0);
}

/* Adds UTF-8 text to the filter, whole characters only, as far as it fits;
 * controls are never part of a filter. */
static void
filter_add(struct pick *p, const char *s)
{
    char *clean = text_clean(s);
    size_t len = strlen(p->filter), room = sizeof p->filter - 1 - len;
    size_t take = strlen(clean);

    if (take > room) {
        take = room;
        while (take > 0 && ((unsigned char)clean[take] & 0xC0) == 0x80)
            take--;
    }
    memcpy(p->filter + len, clean, take);
    p->filter[len + take] = '\0';
    free(clean);
    p->sel = 0;
    pick_filter(p);
}

/* The keys both pick-lists share: moving, filtering. False when the key
 * was not one of them. */
static bool
pick_key(struct pick *p, const struct key *key)
{
    size_t len = strlen(p->filter);

    switch (key->action) {
    case ACT_UP:   if (p->sel > 0) p->sel--; return true;
    case ACT_DOWN: if (p->sel + 1 < (int)p->nshown) p->sel++; return true;
    case ACT_PGUP:
        p->sel -= pick_rows();
        if (p->sel < 0)
            p->sel = 0;
        return true;
    case ACT_PGDN:
        p->sel += pick_rows();
        if (p->sel >= (int)p->nshown)
            p->sel = p->nshown > 0 ? (int)p->nshown - 1 : 0;
        return true;
    case ACT_HOME: p->sel = 0; return true;
    case ACT_END:  p->sel = p->nshown > 0 ? (int)p->nshown - 1 : 0; return true;
    case ACT_BACKSPACE:
        /* Drop the last UTF-8 character of the filter. */
        while (len > 0 && (p->filter[len - 1] & 0xC0) == 0x80)
            len--;
        if (len > 0)
            len--;
        p->filter[len] = '\0';
        p->sel = 0;
        pick_filter(p);
        return true;
    case ACT_CLEAR:
        p->filter[0] = '\0';
        pick_filter(p);
        return true;
    case ACT_CHAR: {
        char mb[MB_LEN_MAX + 1];
        mbstate_t st = { 0 };
        size_t m = wcrtomb(mb, key->ch, &st);

        if (m != (size_t)-1) {
            mb[m] = '\0';
            filter_add(p, mb);
        }
        return true;
    }
    case ACT_PASTE: {
        /* The first line of a paste filters, as if typed. */
        char *line = xstrdup(p->k->paste != NULL ? p->k->paste : "");

        line[strcspn(line, "\r\n")] = '\0';
        filter_add(p, line);
        free(line);
        return true;
    }
    default:
        return false;
    }
}

static void
pick_open(struct pick *p, const struct binding *bar, int nbar)
{
    p->shown = xcalloc(p->n > 0 ? p->n : 1, sizeof *p->shown);
    pick_filter(p);
    kiosk_set_bar(p->k, bar, nbar);
    kiosk_push(p->k, pick_draw, p);
    kiosk_repaint(p->k);
}

static void
pick_close(struct pick *p, const struct binding *saved, int nsaved)
{
    kiosk_remove(p->k, p);
    kiosk_set_bar(p->k, saved, nsaved);
    free(p->shown);
    kiosk_repaint(p->k);
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

    if (selected >= 0 && selected < (int)n)
        p.sel = selected;
    pick_open(&p, bar, (int)ARRAY_LEN(bar));
    for (bool done = false; !done;) {
        struct key key = kiosk_key(k, -1);

        if (pick_key(&p, &key)) {
            kiosk_repaint(k);
            continue;
        }
        switch (key.action) {
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
        case ACT_REDRAW:
            kiosk_repaint(k);
            break;
        default:
            break;
        }
    }
    pick_close(&p, saved, nsaved);
    return result;
}

bool
dialog_pick_many(struct kiosk *k, const char *title,
                 const struct pick_item *items, size_t n, bool *chosen)
{
    static const struct binding bar[] = {
        { ACT_SAVE, N_("Done"), N_("take the ticked entries (also Enter)") },
        { ACT_BACK, N_("Cancel"), N_("close the list; the ticks stay as "
                                     "they were") },
    };
    const struct binding *saved = k->bar;
    int nsaved = k->nbar;
    bool accepted = false;
    struct pick p = { .k = k, .title = title, .items = items, .n = n };

    /* Ticks change a copy until Enter, so Esc leaves chosen untouched. */
    p.chosen = xcalloc(n > 0 ? n : 1, sizeof *p.chosen);
    memcpy(p.chosen, chosen, n * sizeof *chosen);
    pick_open(&p, bar, (int)ARRAY_LEN(bar));
    for (bool done = false; !done;) {
        struct key key = kiosk_key(k, -1);

        if (key.action == ACT_CHAR && key.ch == ' ') {
            if (p.nshown > 0)
                p.chosen[p.shown[p.sel]] = !p.chosen[p.shown[p.sel]];
            kiosk_repaint(k);
            continue;
        }
        if (pick_key(&p, &key)) {
            kiosk_repaint(k);
            continue;
        }
        switch (key.action) {
        case ACT_ENTER:
        case ACT_SAVE:
            memcpy(chosen, p.chosen, n * sizeof *chosen);
            accepted = true;
            done = true;
            break;
        case ACT_BACK:
        case ACT_QUIT:
            done = true;
            break;
        case ACT_REDRAW:
            kiosk_repaint(k);
            break;
        default:
            break;
        }
    }
    free(p.chosen);
    pick_close(&p, saved, nsaved);
    return accepted;
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
