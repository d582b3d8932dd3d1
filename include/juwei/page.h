/* page.h — keyset paging, as the core offers it to the paged lists. A
 * source returns rows in display order; each row carries its sort key and
 * id so the next page starts strictly after the last row shown. Rows are
 * display text already (masked where the viewer may not see a field). */
#ifndef JUWEI_PAGE_H
#define JUWEI_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "juwei/util.h"

struct page_row {
    int64_t id;
    char   *key;        /* the sort key (e.g. a date, a name) */
    char  **cells;      /* one per column, UTF-8 */
    int     ncells;
    bool    warn;       /* drawn marked: overdue, locked … */
    bool    dim;        /* drawn dim: inactive, closed … */
};

enum page_dir {
    PAGE_FIRST,     /* from the start */
    PAGE_LAST,      /* the last n rows */
    PAGE_AFTER,     /* rows strictly after `at` */
    PAGE_FROM,      /* rows from `at` itself on (re-reading a page) */
    PAGE_BEFORE,    /* rows strictly before `at`, returned in order */
};

struct page_source {
    void *arg;
    /* Up to n rows in display order into rows[0..*got). */
    int  (*fetch)(void *arg, enum page_dir dir, const struct page_row *at,
                  int n, struct page_row *rows, int *got, struct error *e);
    /* How many rows match; -1 if unknown. */
    long (*count)(void *arg);
};

void page_row_free(struct page_row *r);
/* Pages read backwards (LAST, BEFORE) come newest-last: put `n` elements
 * of `size` bytes back in display order. */
void page_reverse(void *v, size_t n, size_t size);
/* Fills r: id, key and ncells cells (strings copied; NULL becomes ""). */
void page_row_set(struct page_row *r, int64_t id, const char *key,
                  int ncells, const char *const *cells);

#endif
