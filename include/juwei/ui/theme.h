/* theme.h — colours by role, with a monochrome scheme of reverse and bold
 * for TERM=vt100, NO_COLOR, or terminals without colour. */
#ifndef JUWEI_UI_THEME_H
#define JUWEI_UI_THEME_H

#include <stdbool.h>

enum role_attr {
    T_NORMAL,
    T_TITLE,      /* the top line */
    T_BAR_KEY,    /* "1" in the function-key bar */
    T_BAR_LABEL,  /* "Help" in the bar */
    T_LABEL,      /* a form field's label */
    T_FIELD,      /* an input field */
    T_FOCUS,      /* the input field with the cursor */
    T_SELECT,     /* the selected row of a list or menu */
    T_ERROR,
    T_WARN,       /* overdue, due today */
    T_DIM,        /* hints, inactive rows */
    T_BOX,        /* dialog frames */
    T_COUNT
};

/* Picks colour or monochrome; call after initscr(). */
void theme_init(bool want_color);
bool theme_color(void);
int  theme_attr(enum role_attr r);   /* attributes with the colour pair */

#endif
