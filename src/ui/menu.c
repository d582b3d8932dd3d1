/* menu.c — numbered menus with hot keys. */
#include <curses.h>
#include <stdlib.h>
#include <wctype.h>

#include "juwei/ui/draw.h"
#include "juwei/ui/kiosk.h"
#include "juwei/ui/menu.h"
#include "juwei/util.h"

void
menu_draw(const struct menu *m, bool focused)
{
    for (int i = 0; i < m->n; i++) {
        const struct menu_item *it = &m->items[i];
        char *line = xasprintf(" %lc  %s", (wint_t)it->hot,
                               it->text != NULL ? it->text : _(it->label));

        draw_text(m->y + i, m->x, m->w,
                  focused && i == m->sel ? T_SELECT
                  : it->warn ? T_WARN : T_NORMAL, line);
        free(line);
    }
}

int
menu_key(struct menu *m, const struct key *key, bool *redraw)
{
    *redraw = false;
    switch (key->action) {
    case ACT_UP:
        if (m->sel > 0) {
            m->sel--;
            *redraw = true;
        }
        return 0;
    case ACT_DOWN:
        if (m->sel + 1 < m->n) {
            m->sel++;
            *redraw = true;
        }
        return 0;
    case ACT_HOME:
        m->sel = 0;
        *redraw = true;
        return 0;
    case ACT_END:
        m->sel = m->n - 1;
        *redraw = true;
        return 0;
    case ACT_ENTER:
        return m->n > 0 ? m->items[m->sel].id : -1;
    case ACT_CHAR:
        for (int i = 0; i < m->n; i++) {
            if ((wint_t)towlower((wint_t)key->ch) == (wint_t)m->items[i].hot) {
                m->sel = i;
                *redraw = true;
                return m->items[i].id;
            }
        }
        return -1;
    default:
        return -1;
    }
}
