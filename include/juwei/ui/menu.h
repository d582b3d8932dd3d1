/* menu.h — a numbered menu: Up/Down and Enter, or the item's hot key. */
#ifndef JUWEI_UI_MENU_H
#define JUWEI_UI_MENU_H

#include <stdbool.h>
#include <wchar.h>

struct menu_item {
    wchar_t     hot;       /* '1'…'9', 'a'…: typed to choose at once */
    const char *label;     /* N_(), translated when drawn */
    const char *text;      /* or text already in the user's language */
    int         id;        /* what menu_key() returns; > 0 */
    bool        warn;      /* drawn as a warning (overdue …) */
};

struct menu {
    const struct menu_item *items;
    int n, sel;
    int y, x, w;           /* where it is drawn */
};

void menu_draw(const struct menu *m, bool focused);
/* Handles one key: moves the selection (returns 0, *redraw set) or picks an
 * item (returns its id); -1 when the key is not the menu's. */
struct key;
int  menu_key(struct menu *m, const struct key *key, bool *redraw);

#endif
