/* list.h — the paged list. It holds one screenful of rows and asks its
 * source for the next or previous screenful by keyset (the sort key and
 * id of the row at the edge), so a million rows page as fast as a hundred
 * and are never all in memory. */
#ifndef JUWEI_UI_LIST_H
#define JUWEI_UI_LIST_H

#include <stdbool.h>
#include <stdint.h>

#include "juwei/page.h"
#include "juwei/ui/kiosk.h"

struct list_column {
    const char *title;    /* N_() */
    int         width;    /* display columns; 0: takes what is left */
    bool        right;    /* right-aligned (numbers) */
};

struct list {
    struct kiosk             *k;
    const char               *title;
    const struct list_column *cols;
    int                       ncols;
    const struct page_source *src;
    const struct binding     *keys;   /* the screen's actions, incl. F1, F10 */
    int                       nkeys;
    const char               *help;   /* extra help text */
    const char               *filter_desc; /* shown under the title */

    /* State, private to list.c. */
    struct page_row *rows;
    int              nrows, cap, sel;
    long             count;
    bool             loaded;
    bool             pushed;     /* on the frame stack */
};

/* Shows the list until a key of l->keys (other than F1) or Enter is
 * pressed on a row; returns that action, with the selected row in *row
 * (NULL when the list is empty). ACT_QUIT when the terminal is gone.
 * Calling it again shows the same page with the same row selected,
 * re-read from the source (the row may have changed). The list stays
 * drawn under whatever its caller opens for the row (a confirm box, a
 * form) until list_free(), which every list_run() needs. */
enum action list_run(struct list *l, const struct page_row **row);
/* Forget the page: the next list_run starts at the top (a new filter). */
void list_reset(struct list *l);
/* Frees the page and takes the list off the screen. */
void list_free(struct list *l);

#endif
