/* pick.c — matching pick-list entries and multi-choice values. */
#include <stdlib.h>
#include <string.h>

#include "juwei/text.h"
#include "juwei/ui/pick.h"
#include "juwei/util.h"

bool
pick_match(const struct pick_item *it, const char *filter)
{
    if (*filter == '\0')
        return true;
    if (it->name != NULL && strstr(it->name, filter) != NULL)
        return true;
    return it->id != NULL && strcasestr(it->id, filter) != NULL;
}

/* Calls fn for each id of a comma-separated value, trimmed, empty ones
 * skipped. */
static void
each_id(const char *value, void (*fn)(const char *id, void *arg), void *arg)
{
    char *copy = xstrdup(value != NULL ? value : ""), *save = NULL;

    for (char *id = strtok_r(copy, ",", &save); id != NULL;
         id = strtok_r(NULL, ",", &save)) {
        text_trim(id);
        if (*id != '\0')
            fn(id, arg);
    }
    free(copy);
}

struct parse {
    const struct pick_item *items;
    size_t                  n;
    bool                   *chosen;
    size_t                  unknown;
};

static void
parse_one(const char *id, void *arg)
{
    struct parse *p = arg;

    for (size_t j = 0; j < p->n; j++) {
        if (strcmp(p->items[j].id, id) == 0) {
            p->chosen[j] = true;
            return;
        }
    }
    p->unknown++;
}

size_t
pick_parse(const char *value, const struct pick_item *items, size_t n,
           bool *chosen)
{
    struct parse p = { .items = items, .n = n, .chosen = chosen };

    for (size_t j = 0; j < n; j++)
        chosen[j] = false;
    each_id(value, parse_one, &p);
    return p.unknown;
}

/* Appends s to the malloc'd *buf (length *len), with sep before it
 * unless it is the first. */
static void
append(char **buf, size_t *len, bool first, const char *sep, const char *s)
{
    size_t ls = first ? 0 : strlen(sep), l = strlen(s);

    *buf = xrealloc(*buf, *len + ls + l + 1);
    memcpy(*buf + *len, sep, ls);
    memcpy(*buf + *len + ls, s, l + 1);
    *len += ls + l;
}

char *
pick_join_ids(const struct pick_item *items, size_t n, const bool *chosen)
{
    char *out = xstrdup("");
    size_t len = 0;
    bool first = true;

    for (size_t j = 0; j < n; j++) {
        if (chosen[j]) {
            append(&out, &len, first, ",", items[j].id);
            first = false;
        }
    }
    return out;
}

struct names {
    const struct pick_item *items;
    size_t                  n;
    const char             *sep;
    char                   *out;
    size_t                  len;
    bool                    first;
};

static void
name_one(const char *id, void *arg)
{
    struct names *p = arg;
    const char *name = id;

    for (size_t j = 0; j < p->n; j++) {
        if (strcmp(p->items[j].id, id) == 0) {
            name = p->items[j].name;
            break;
        }
    }
    append(&p->out, &p->len, p->first, p->sep, name);
    p->first = false;
}

char *
pick_join_names(const char *value, const struct pick_item *items, size_t n,
                const char *sep)
{
    struct names p = { .items = items, .n = n, .sep = sep,
                       .out = xstrdup(""), .first = true };

    each_id(value, name_one, &p);
    return p.out;
}
