/* list_filter.h — what the lists share around their filters: the
 * pick-lists of people, categories and committees to filter by (and to
 * choose in their forms), the line under the title saying what is
 * filtered, and the count past PAGE_COUNT_CAP shown as "1,000+".
 * Curses-free. */
#ifndef JUWEI_UI_LIST_FILTER_H
#define JUWEI_UI_LIST_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "juwei/config.h"
#include "juwei/session.h"
#include "juwei/ui/pick.h"

/* A pick-list whose entry [0] is the filter's "any" (id ""): a form
 * choosing a real value offers items + 1. */
struct list_choices {
    struct pick_item *items;
    size_t            n;
    char            **owned;     /* the strings the entries point to */
    size_t            nowned;
};

/* The active staff and directors of the committees the session sees,
 * ids as decimal text; with several committees in sight (street office,
 * admin) each name says whose. `self_only`: the acting account alone
 * (a staff account's own records). */
void list_filter_people(struct ctx *ctx, const char *any, bool self_only,
                        struct list_choices *c);
void list_filter_categories(const struct cfg_list *l, const char *any,
                            struct list_choices *c);
/* The committees the session sees, in the INI's order, after an entry
 * `any` (id "") unless it is NULL; malloc'd, the strings the config's.
 * For the lists' committee filters and the forms' committee fields. */
struct pick_item *list_filter_committees(const struct ctx *ctx,
                                         const char *any, size_t *n);
void list_filter_free(struct list_choices *c);
/* The name of the entry with this id; "?" when there is none. */
const char *list_filter_name(const struct list_choices *c, const char *id);
const char *list_filter_person(const struct list_choices *c, int64_t id);

/* Appends `part` (taken) to *s, " · " between parts. */
void list_filter_add(char **s, char *part);

/* What a list shows of a count from records_count() or
 * inspections_count(): up to PAGE_COUNT_CAP the count itself, which the
 * list prints in its corner; past it -1 (the list prints exact counts
 * only) and "1,000+ found" added to *desc, the line under the title. */
long list_filter_count(long n, char **desc);

#endif
