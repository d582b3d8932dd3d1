/* dialog.h — boxes over the current screen: a message, a yes/no question,
 * a pick-list with type-to-filter (one entry, or several with checkboxes),
 * and a progress line for long work. */
#ifndef JUWEI_UI_DIALOG_H
#define JUWEI_UI_DIALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "juwei/ui/kiosk.h"
#include "juwei/ui/pick.h"

/* Shows `msg` until a key; `error` draws it as an error. */
void dialog_message(struct kiosk *k, bool error, const char *title,
                    const char *msg);
/* Yes (Enter/y/F2) or no (Esc/n/F10); `def_yes` picks what Enter means. */
bool dialog_confirm(struct kiosk *k, const char *title, const char *msg,
                    bool def_yes);

/* Choose one of `items`; typing filters by a substring of the name or id
 * (Chinese included). Returns the index chosen, or -1 when cancelled. */
int  dialog_pick(struct kiosk *k, const char *title,
                 const struct pick_item *items, size_t n, int selected);

/* Choose any number of `items`, each with a checkbox: Space ticks or
 * unticks the selected entry, typing filters as in dialog_pick (ticks are
 * kept while filtered out), Enter accepts, Esc cancels. chosen[0..n) is
 * what is ticked on entry and, when it returns true, on acceptance; it is
 * left as it was when cancelled. */
bool dialog_pick_many(struct kiosk *k, const char *title,
                      const struct pick_item *items, size_t n, bool *chosen);

/* Draws "msg  done/total" on the status line and updates at once; for
 * work that takes more than a moment. */
void dialog_progress(struct kiosk *k, const char *msg, long done, long total);

#endif
