/* dialog.h — boxes over the current screen: a message, a yes/no question,
 * a pick-list with type-to-filter, and a progress line for long work. */
#ifndef JUWEI_UI_DIALOG_H
#define JUWEI_UI_DIALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "juwei/ui/kiosk.h"

/* Shows `msg` until a key; `error` draws it as an error. */
void dialog_message(struct kiosk *k, bool error, const char *title,
                    const char *msg);
/* Yes (Enter/y/F2) or no (Esc/n/F10); `def_yes` picks what Enter means. */
bool dialog_confirm(struct kiosk *k, const char *title, const char *msg,
                    bool def_yes);

/* A pick-list entry: what is stored (id) and what is shown (name). */
struct pick_item {
    const char *id;
    const char *name;
};

/* Choose one of `items`; typing filters by a substring of the name or id
 * (Chinese included). Returns the index chosen, or -1 when cancelled. */
int  dialog_pick(struct kiosk *k, const char *title,
                 const struct pick_item *items, size_t n, int selected);

/* Draws "msg  done/total" on the status line and updates at once; for
 * work that takes more than a moment. */
void dialog_progress(struct kiosk *k, const char *msg, long done, long total);

#endif
