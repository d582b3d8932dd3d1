/* draw.h — putting UTF-8 text on stdscr by columns: cleaned of control
 * characters, cut and padded by display width, never by bytes. */
#ifndef JUWEI_UI_DRAW_H
#define JUWEI_UI_DRAW_H

#include <stdbool.h>

#include "juwei/ui/theme.h"

/* Draws `s` at (y, x) in exactly `cols` columns (cut or padded); cols <= 0
 * means to the right edge. Returns the columns the text itself took. */
int  draw_text(int y, int x, int cols, enum role_attr attr, const char *s);
/* Like draw_text but not padded: only the text's own columns. */
int  draw_str(int y, int x, enum role_attr attr, const char *s);
/* A box with a title; the inside is cleared. */
void draw_box(int y, int x, int h, int w, const char *title);
/* Horizontal centre for a text of `width` columns. */
int  draw_center(int width);

#endif
