/* list.c — the paged list: one screenful in memory, keyset paging through
 * the source, columns by display width, the selection kept across visits. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/text.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/draw.h"
#include "juwei/ui/list.h"

#define LIST_TOP 3      /* title, filter line, column header */

static int
page_rows(void)
{
    return LINES - LIST_TOP - 2;   /* status line and bar below */
}

static void
drop_rows(struct list *l)
{
    for (int i = 0; i < l->nrows; i++)
        page_row_free(&l->rows[i]);
    l->nrows = 0;
}

/* Loads a page into a scratch array and takes it only when it has rows,
 * so paging past either end leaves the page as it was. */
static bool
load(struct list *l, enum page_dir dir, const struct page_row *at)
{
    int n = page_rows(), got = 0;
    struct page_row *rows = xcalloc((size_t)n, sizeof *rows);
    struct error e = { 0 };

    if (l->src->fetch(l->src->arg, dir, at, n, rows, &got, &e) < 0) {
        for (int i = 0; i < got; i++)
            page_row_free(&rows[i]);
        free(rows);
        kiosk_status(l->k, true, "%s", e.msg);
        return false;
    }
    if (got == 0 && (dir == PAGE_AFTER || dir == PAGE_BEFORE)) {
        free(rows);
        return false;
    }
    drop_rows(l);
    free(l->rows);
    l->rows = rows;
    l->nrows = got;
    l->cap = n;
    return true;
}

/* Column widths: fixed ones as given, the flexible ones share the rest. */
static void
widths(const struct list *l, int *w)
{
    int used = 0, flex = 0;

    for (int c = 0; c < l->ncols; c++) {
        w[c] = l->cols[c].width;
        if (w[c] == 0)
            flex++;
        used += w[c] + 1;
    }
    int rest = COLS - 2 - used;
    for (int c = 0; c < l->ncols; c++) {
        if (w[c] == 0)
            w[c] = rest / flex > 4 ? rest / flex : 4;
    }
}

static void
draw_row(struct list *l, int i, const int *w)
{
    int y = LIST_TOP + i, x = 1;
    const struct page_row *r = &l->rows[i];
    enum role_attr attr = i == l->sel ? T_SELECT
                        : r->warn ? T_WARN : r->dim ? T_DIM : T_NORMAL;

    move(y, 0);
    attrset(theme_attr(attr));
    hline(' ', COLS);
    for (int c = 0; c < l->ncols; c++) {
        const char *cell = c < r->ncells ? r->cells[c] : "";

        if (l->cols[c].right) {
            int cw = text_width(cell);
            if (cw < w[c])
                draw_text(y, x, w[c] - cw, attr, "");
            draw_text(y, x + (cw < w[c] ? w[c] - cw : 0),
                      cw < w[c] ? cw : w[c], attr, cell);
        } else {
            draw_text(y, x, w[c], attr, cell);
        }
        x += w[c] + 1;
    }
}

static void
list_draw(void *arg)
{
    struct list *l = arg;
    int w[32];

    erase();
    curs_set(0);
    kiosk_draw_title(l->k, l->title);
    char *info = l->count >= 0 ? xasprintf(_("%ld found"), l->count)
                               : xstrdup("");
    int iw = text_width(info);
    draw_text(1, 1, COLS - iw - 3, T_DIM,
              l->filter_desc != NULL ? l->filter_desc : "");
    draw_text(1, COLS - iw - 1, iw, T_DIM, info);
    free(info);
    widths(l, w);
    for (int c = 0, x = 1; c < l->ncols; c++) {
        draw_text(2, x, w[c], T_LABEL, _(l->cols[c].title));
        x += w[c] + 1;
    }
    mvchgat(2, 0, COLS, A_UNDERLINE, 0, NULL);
    if (l->nrows == 0)
        draw_text(LIST_TOP + 1, 2, COLS - 4, T_DIM, _("Nothing to show."));
    for (int i = 0; i < l->nrows; i++)
        draw_row(l, i, w);
}

static void
redraw_rows(struct list *l, int a, int b)
{
    int w[32];

    widths(l, w);
    draw_row(l, a, w);
    if (b != a && b >= 0 && b < l->nrows)
        draw_row(l, b, w);
    refresh();
}

static void
reload(struct list *l)
{
    struct page_row at = { 0 };
    int sel = l->sel;

    l->count = l->src->count != NULL ? l->src->count(l->src->arg) : -1;
    if (!l->loaded || l->nrows == 0) {
        load(l, PAGE_FIRST, NULL);
        l->sel = 0;
        l->loaded = true;
        return;
    }
    /* Re-read from the first row shown, so the page and the selected row
     * stay where the user left them. */
    at.id = l->rows[0].id;
    at.key = xstrdup(l->rows[0].key);
    if (!load(l, PAGE_FROM, &at) || l->nrows == 0)
        load(l, PAGE_FIRST, NULL);
    free(at.key);
    l->sel = sel < l->nrows ? sel : (l->nrows > 0 ? l->nrows - 1 : 0);
}

/* PgDn and PgUp move the selection a screenful, and the screen stays
 * full: near the end the last screenful is shown (PAGE_LAST), near the
 * start the first. At the very end or start only the selection moves. */
static void
page(struct list *l, int dir)
{
    int n = page_rows(), sel = l->sel;

    if (l->nrows == 0)
        return;
    struct page_row *edge = dir > 0 ? &l->rows[l->nrows - 1] : &l->rows[0];
    struct page_row at = { .id = edge->id, .key = xstrdup(edge->key) };
    bool moved = load(l, dir > 0 ? PAGE_AFTER : PAGE_BEFORE, &at);
    free(at.key);
    int got = moved ? l->nrows : 0;

    if (!moved) {
        l->sel = dir > 0 ? l->nrows - 1 : 0;
    } else if (got == n) {
        l->sel = sel < got ? sel : got - 1;
    } else if (dir > 0) {
        /* A short last page: show the last screenful instead, with the
         * row a screenful below the old selection selected. */
        load(l, PAGE_LAST, NULL);
        int first_new = l->nrows - got;
        l->sel = first_new + (sel < got ? sel : got - 1);
    } else {
        /* A short first page: the first screenful; the selection goes
         * a screenful up from where it was, or to the top. */
        load(l, PAGE_FIRST, NULL);
        l->sel = got + sel - n;
        if (l->sel < 0)
            l->sel = 0;
    }
    if (l->sel >= l->nrows)
        l->sel = l->nrows > 0 ? l->nrows - 1 : 0;
    kiosk_repaint(l->k);
}

static void
page_end(struct list *l, enum page_dir dir)
{
    load(l, dir, NULL);
    l->sel = dir == PAGE_LAST && l->nrows > 0 ? l->nrows - 1 : 0;
    kiosk_repaint(l->k);
}

/* Up or Down past the page's edge slides the page by one row. */
static void
step(struct list *l, int dir)
{
    int old = l->sel;
    struct page_row next = { 0 };
    int got = 0;
    struct error e = { 0 };

    if ((dir > 0 && l->sel + 1 < l->nrows) || (dir < 0 && l->sel > 0)) {
        l->sel += dir;
        redraw_rows(l, old, l->sel);
        return;
    }
    if (l->nrows == 0)
        return;
    const struct page_row *edge = dir > 0 ? &l->rows[l->nrows - 1] : &l->rows[0];
    if (l->src->fetch(l->src->arg, dir > 0 ? PAGE_AFTER : PAGE_BEFORE, edge, 1,
                      &next, &got, &e) < 0 || got == 0) {
        if (got == 1)
            page_row_free(&next);
        return;
    }
    if (l->nrows == l->cap) {
        /* Full page: the row at the far edge leaves. */
        int drop = dir > 0 ? 0 : l->nrows - 1;

        page_row_free(&l->rows[drop]);
        if (dir > 0)
            memmove(&l->rows[0], &l->rows[1],
                    (size_t)(l->nrows - 1) * sizeof *l->rows);
        l->nrows--;
    }
    if (dir > 0) {
        l->rows[l->nrows] = next;
        l->sel = l->nrows;
    } else {
        memmove(&l->rows[1], &l->rows[0], (size_t)l->nrows * sizeof *l->rows);
        l->rows[0] = next;
        l->sel = 0;
    }
    l->nrows++;
    kiosk_repaint(l->k);
}

static bool
is_key(const struct list *l, enum action a)
{
    for (int i = 0; i < l->nkeys; i++) {
        if (l->keys[i].action == a)
            return true;
    }
    return false;
}

enum action
list_run(struct list *l, const struct page_row **row)
{
    const struct binding *saved = l->k->bar;
    int nsaved = l->k->nbar;
    enum action result = ACT_NONE;

    reload(l);
    kiosk_set_bar(l->k, l->keys, l->nkeys);
    /* On top, even if a form its caller ran is not freed yet. */
    kiosk_hold(l->k, list_draw, l);
    l->pushed = true;
    kiosk_repaint(l->k);
    while (result == ACT_NONE) {
        struct key key = kiosk_key(l->k, -1);

        switch (key.action) {
        case ACT_DOWN:  step(l, 1); break;
        case ACT_UP:    step(l, -1); break;
        case ACT_PGDN:  page(l, 1); break;
        case ACT_PGUP:  page(l, -1); break;
        case ACT_HOME:  page_end(l, PAGE_FIRST); break;
        case ACT_END:   page_end(l, PAGE_LAST); break;
        case ACT_HELP:
            kiosk_help(l->k, l->title, l->help != NULL ? _(l->help) : NULL);
            break;
        case ACT_REDRAW:
            /* A resize changes how many rows fit: read the page again. */
            reload(l);
            kiosk_repaint(l->k);
            break;
        case ACT_QUIT:
            result = ACT_QUIT;
            break;
        case ACT_ENTER:
            if (l->nrows > 0)
                result = ACT_ENTER;
            break;
        default:
            if (key.action != ACT_NONE && key.action != ACT_CHAR &&
                is_key(l, key.action))
                result = key.action;
            break;
        }
    }
    *row = l->nrows > 0 ? &l->rows[l->sel] : NULL;
    kiosk_set_bar(l->k, saved, nsaved);
    return result;
}

void
list_reset(struct list *l)
{
    drop_rows(l);
    l->sel = 0;
    l->loaded = false;
}

void
list_free(struct list *l)
{
    if (l->pushed)
        kiosk_remove(l->k, l);
    l->pushed = false;
    drop_rows(l);
    free(l->rows);
    l->rows = NULL;
}
