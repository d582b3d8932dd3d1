/* draft.h — forms kept when the terminal went away (SIGHUP, SIGTERM, a
 * dropped SSH link) and offered back at the next login. */
#ifndef JUWEI_DRAFT_H
#define JUWEI_DRAFT_H

#include <stddef.h>
#include <stdint.h>

#include "juwei/session.h"
#include "juwei/util.h"

struct draft {
    int64_t id;
    char   *kind;          /* which form: "record", "inspection", … */
    int64_t record_id;     /* 0 for a new record */
    int64_t record_version;/* the version the form was editing; 0 new */
    int64_t saved_at;
    size_t  n;
    char  **names;
    char  **values;
};

/* Keeps a form's values for the acting account, replacing an older
 * draft of the same form and record, with the version of the record the
 * form was editing (so a resumed draft can tell a change made since).
 * One transaction, durable. */
int  draft_save(struct ctx *ctx, const char *kind, int64_t record_id,
                int64_t record_version, const char *const *names,
                const char *const *values, size_t n, struct error *e);
/* The acting account's drafts, newest first. */
int  draft_list(struct ctx *ctx, struct draft **out, size_t *n,
                struct error *e);
int  draft_discard(struct ctx *ctx, int64_t id, struct error *e);
const char *draft_value(const struct draft *d, const char *name);
void draft_free_list(struct draft *d, size_t n);

#endif
