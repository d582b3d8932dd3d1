/* theme.c — colours by role; reverse and bold when there is no colour. */
#include <curses.h>

#include "juwei/ui/theme.h"

static bool use_color;

/* Monochrome must stay readable on a vt100: selection and focus are
 * reverse video, the bar's numbers bold, errors bold. */
static const int mono[T_COUNT] = {
    [T_NORMAL]    = A_NORMAL,
    [T_TITLE]     = A_REVERSE,
    [T_BAR_KEY]   = A_BOLD,
    [T_BAR_LABEL] = A_REVERSE,
    [T_LABEL]     = A_NORMAL,
    [T_FIELD]     = A_UNDERLINE,
    [T_FOCUS]     = A_REVERSE,
    [T_SELECT]    = A_REVERSE,
    [T_ERROR]     = A_BOLD,
    [T_WARN]      = A_BOLD,
    [T_DIM]       = A_DIM,
    [T_BOX]       = A_NORMAL,
};

static const struct {
    short fg, bg;
    int   extra;
} colors[T_COUNT] = {
    [T_NORMAL]    = { -1, -1, 0 },
    [T_TITLE]     = { COLOR_WHITE, COLOR_BLUE, A_BOLD },
    [T_BAR_KEY]   = { COLOR_WHITE, -1, A_BOLD },
    [T_BAR_LABEL] = { COLOR_BLACK, COLOR_CYAN, 0 },
    [T_LABEL]     = { -1, -1, 0 },
    [T_FIELD]     = { COLOR_WHITE, COLOR_BLUE, 0 },
    [T_FOCUS]     = { COLOR_BLACK, COLOR_CYAN, 0 },
    [T_SELECT]    = { COLOR_BLACK, COLOR_CYAN, 0 },
    [T_ERROR]     = { COLOR_RED, -1, A_BOLD },
    [T_WARN]      = { COLOR_YELLOW, -1, A_BOLD },
    [T_DIM]       = { -1, -1, A_DIM },
    [T_BOX]       = { COLOR_CYAN, -1, 0 },
};

void
theme_init(bool want_color)
{
    use_color = want_color && has_colors() && start_color() == OK;
    if (!use_color)
        return;
    use_default_colors();
    for (int r = 1; r < T_COUNT; r++)
        init_pair((short)r, colors[r].fg, colors[r].bg);
}

bool
theme_color(void)
{
    return use_color;
}

int
theme_attr(enum role_attr r)
{
    if (!use_color)
        return mono[r];
    if (r == T_NORMAL)
        return A_NORMAL;
    return COLOR_PAIR(r) | colors[r].extra;
}
