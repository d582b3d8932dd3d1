/* page.c — the rows that keyset-paged queries hand to the lists. */
#include <stdlib.h>
#include <string.h>

#include "juwei/page.h"

void
page_row_free(struct page_row *r)
{
    for (int i = 0; i < r->ncells; i++)
        free(r->cells[i]);
    free(r->cells);
    free(r->key);
    r->cells = NULL;
    r->key = NULL;
    r->ncells = 0;
}

void
page_row_set(struct page_row *r, int64_t id, const char *key, int ncells,
             const char *const *cells)
{
    r->id = id;
    r->key = xstrdup(key != NULL ? key : "");
    r->ncells = ncells;
    r->cells = xcalloc((size_t)ncells, sizeof *r->cells);
    for (int i = 0; i < ncells; i++)
        r->cells[i] = xstrdup(cells[i] != NULL ? cells[i] : "");
    r->warn = false;
    r->dim = false;
}

void
page_reverse(void *v, size_t n, size_t size)
{
    unsigned char *a = v, *tmp = xmalloc(size);

    for (size_t i = 0; i < n / 2; i++) {
        memcpy(tmp, a + i * size, size);
        memcpy(a + i * size, a + (n - 1 - i) * size, size);
        memcpy(a + (n - 1 - i) * size, tmp, size);
    }
    free(tmp);
}
