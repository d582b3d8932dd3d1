/* draw.c — text on stdscr by display columns. Every string that reaches
 * the terminal passes through text_clean(), so an escape sequence typed or
 * imported by someone is never sent raw to another person's terminal. */
#include <curses.h>
#include <stdlib.h>

#include "juwei/text.h"
#include "juwei/ui/draw.h"

int
draw_text(int y, int x, int cols, enum role_attr attr, const char *s)
{
    char *clean, *cut;
    int used = 0;

    if (cols <= 0)
        cols = COLS - x;
    if (cols <= 0 || y < 0 || y >= LINES)
        return 0;
    clean = text_clean(s != NULL ? s : "");
    cut = text_pad(clean, cols, true);
    text_fit(clean, cols, &used);
    attrset(theme_attr(attr));
    mvaddstr(y, x, cut);
    attrset(A_NORMAL);
    free(cut);
    free(clean);
    return used;
}

int
draw_str(int y, int x, enum role_attr attr, const char *s)
{
    char *clean = text_clean(s != NULL ? s : "");
    int w = text_width(clean);

    if (w > COLS - x)
        w = COLS - x;
    free(clean);
    return draw_text(y, x, w, attr, s);
}

void
draw_box(int y, int x, int h, int w, const char *title)
{
    attrset(theme_attr(T_BOX));
    mvhline(y, x + 1, ACS_HLINE, w - 2);
    mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
    mvvline(y + 1, x, ACS_VLINE, h - 2);
    mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
    mvaddch(y, x, ACS_ULCORNER);
    mvaddch(y, x + w - 1, ACS_URCORNER);
    mvaddch(y + h - 1, x, ACS_LLCORNER);
    mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
    attrset(A_NORMAL);
    for (int r = y + 1; r < y + h - 1; r++)
        mvhline(r, x + 1, ' ', w - 2);
    if (title != NULL && *title != '\0') {
        int tw = text_width(title) + 2;

        if (tw > w - 4)
            tw = w - 4;
        mvaddch(y, x + (w - tw) / 2 - 1, ' ');
        draw_text(y, x + (w - tw) / 2, tw - 1, T_BOX, title);
    }
}

int
draw_center(int width)
{
    int x = (COLS - width) / 2;

    return x < 0 ? 0 : x;
}
