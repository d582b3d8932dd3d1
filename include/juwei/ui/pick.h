/* pick.h — pick-list entries and the values of multi-choice fields: the
 * curses-free half of dialog_pick() and FT_MULTI, unit-tested alone.
 * A multi-choice value is its chosen ids joined by commas ("a,c"), in the
 * order of the pick-list; ids are config ids, so never hold a comma. */
#ifndef JUWEI_UI_PICK_H
#define JUWEI_UI_PICK_H

#include <stdbool.h>
#include <stddef.h>

/* A pick-list entry: what is stored (id) and what is shown (name). */
struct pick_item {
    const char *id;
    const char *name;
};

/* Does the entry match what was typed to filter the list: a substring of
 * its name (Chinese included), or of its id ignoring ASCII case? An empty
 * filter matches everything. */
bool   pick_match(const struct pick_item *it, const char *filter);

/* Sets chosen[j] for each entry whose id is in the comma-separated
 * `value` (spaces around ids ignored), clears the others. Returns how many
 * ids of the value are not among the items (they cannot be shown ticked
 * and are dropped when the choice is changed). */
size_t pick_parse(const char *value, const struct pick_item *items, size_t n,
                  bool *chosen);
/* The ids of the chosen entries, comma-separated in the items' order;
 * "" when none. malloc'd. */
char  *pick_join_ids(const struct pick_item *items, size_t n,
                     const bool *chosen);
/* What a multi-choice value looks like: the name of each id of `value`
 * (the id itself when it is not among the items), joined by `sep`.
 * malloc'd. */
char  *pick_join_names(const char *value, const struct pick_item *items,
                       size_t n, const char *sep);

#endif
