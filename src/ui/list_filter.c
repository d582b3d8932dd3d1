/* list_filter.c — pick-lists, the filter line and the capped count of
 * the work records and inspections lists. */
#include "juwei/ui/list_filter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/page.h"
#include "juwei/staff.h"

/* The text below says so. */
_Static_assert(PAGE_COUNT_CAP == 1000, "list_filter_count says 1,000+");

static void
own(struct list_choices *c, char *s)
{
    c->owned = xreallocarray(c->owned, c->nowned + 1, sizeof *c->owned);
    c->owned[c->nowned++] = s;
}

void
list_filter_people(struct ctx *ctx, const char *any, bool self_only,
                   struct list_choices *c)
{
    bool several = ctx->who.role == ROLE_STREET || ctx->who.role == ROLE_ADMIN;
    struct staff *v = NULL;
    size_t n = 0;

    memset(c, 0, sizeof *c);
    staff_list(ctx, false, &v, &n, NULL);
    c->items = xcalloc(n + 1, sizeof *c->items);
    c->items[0].id = "";
    c->items[0].name = any;
    c->n = 1;
    for (size_t i = 0; i < n; i++) {
        if (v[i].committee[0] == '\0' ||
            (v[i].role != ROLE_STAFF && v[i].role != ROLE_DIRECTOR) ||
            (self_only && v[i].id != ctx->who.staff_id))
            continue;
        own(c, xasprintf("%lld", (long long)v[i].id));
        c->items[c->n].id = c->owned[c->nowned - 1];
        own(c, several ? xasprintf("%s (%s)", v[i].name, v[i].committee_name)
                       : xstrdup(v[i].name));
        c->items[c->n++].name = c->owned[c->nowned - 1];
    }
    free(v);
}

void
list_filter_categories(const struct cfg_list *l, const char *any,
                       struct list_choices *c)
{
    memset(c, 0, sizeof *c);
    c->items = xcalloc(l->n + 1, sizeof *c->items);
    c->items[0].id = "";
    c->items[0].name = any;
    for (size_t i = 0; i < l->n; i++) {
        c->items[i + 1].id = l->items[i].id;
        c->items[i + 1].name = l->items[i].name;
    }
    c->n = l->n + 1;
}

struct pick_item *
list_filter_committees(const struct ctx *ctx, const char *any, size_t *n)
{
    const struct config *cfg = ctx->cfg;
    struct pick_item *v = xcalloc(cfg->ncommittees + 1, sizeof *v);

    *n = 0;
    if (any != NULL) {
        v[0].id = "";
        v[0].name = any;
        *n = 1;
    }
    for (size_t i = 0; i < cfg->ncommittees; i++) {
        const struct cfg_committee *c = &cfg->committees[i];

        if (session_sees(&ctx->who, c->id, c->district)) {
            v[*n].id = c->id;
            v[*n].name = c->name;
            (*n)++;
        }
    }
    return v;
}

void
list_filter_free(struct list_choices *c)
{
    for (size_t i = 0; i < c->nowned; i++)
        free(c->owned[i]);
    free(c->owned);
    free(c->items);
    memset(c, 0, sizeof *c);
}

const char *
list_filter_name(const struct list_choices *c, const char *id)
{
    for (size_t i = 1; i < c->n; i++) {
        if (strcmp(c->items[i].id, id) == 0)
            return c->items[i].name;
    }
    return "?";
}

const char *
list_filter_person(const struct list_choices *c, int64_t id)
{
    char buf[24];

    snprintf(buf, sizeof buf, "%lld", (long long)id);
    return list_filter_name(c, buf);
}

void
list_filter_add(char **s, char *part)
{
    char *all = xasprintf("%s%s%s", *s, **s != '\0' ? " · " : "", part);

    free(part);
    free(*s);
    *s = all;
}

long
list_filter_count(long n, char **desc)
{
    if (n <= PAGE_COUNT_CAP)
        return n;
    list_filter_add(desc, xstrdup(_("1,000+ found")));
    return -1;
}
