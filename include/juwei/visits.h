/* visits.h — resident visits (走访) and their follow-ups: who visited whom,
 * why, what came of it, and whether someone must go back by a date. A
 * visit belongs to its resident's committee. Every write goes through
 * store_apply() (a staff-role account changes only its own visits); every
 * read is scoped and keyset-paged, fast at a million visits. */
#ifndef JUWEI_VISITS_H
#define JUWEI_VISITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "juwei/page.h"
#include "juwei/residents.h"
#include "juwei/session.h"
#include "juwei/store.h"
#include "juwei/util.h"

#define VISIT_TEXT_MAX 500   /* discussed, outcome: characters */

/* Columns of visits_table, in order. */
enum visit_col {
    VIS_COMMITTEE, VIS_DATE, VIS_STAFF, VIS_RESIDENT, VIS_PURPOSE,
    VIS_DISCUSSED, VIS_OUTCOME, VIS_FOLLOWUP_NEEDED, VIS_FOLLOWUP_DATE,
    VIS_FOLLOWUP_DONE, VIS_NCOLS
};
extern const struct table visits_table;

struct visit_input {
    const char *date;            /* YYYY-MM-DD, not after today */
    int64_t     staff_id;        /* 0: the acting account (an edit: the
                                  * visitor stays) */
    int64_t     resident_id;     /* the committee is the resident's */
    const char *purpose;         /* an id of [visit_purposes] */
    const char *discussed;
    const char *outcome;
    bool        followup_needed;
    const char *followup_date;   /* required when needed, not before date */
};

struct visit {
    int64_t id;
    char    committee[64];
    char    date[11];
    int64_t staff_id;
    char    staff_name[4 * 40 + 1];
    int64_t resident_id;
    char    resident_name[4 * RESIDENT_NAME_MAX + 1];
    char    resident_address[RESIDENT_ADDRESS_SIZE];
    char    purpose[64];
    char    discussed[4 * VISIT_TEXT_MAX + 1];
    char    outcome[4 * VISIT_TEXT_MAX + 1];
    bool    followup_needed;
    char    followup_date[11];   /* "" when none */
    bool    followup_done;
    int64_t version;
    int64_t updated_at;          /* util_now() of the last change */
};

int visits_add(struct ctx *ctx, const struct visit_input *in, int64_t *id,
               struct error *e);
/* Replaces the visit as seen at `version`; a follow-up already marked
 * done stays done while it is still needed. */
int visits_update(struct ctx *ctx, int64_t id, int64_t version,
                  const struct visit_input *in, struct error *e);
/* Marks the visit's follow-up as done (audited as "followup_done"). */
int visits_followup_done(struct ctx *ctx, int64_t id, int64_t version,
                         struct error *e);
int visits_delete(struct ctx *ctx, int64_t id, int64_t version,
                  struct error *e);
/* One visit in scope; E_NOTFOUND otherwise. */
int visits_get(struct ctx *ctx, int64_t id, struct visit *out,
               struct error *e);

/* Visits newest first (date, then id), keyed by date. Empty fields of
 * the filter do not filter. With resident_id, that resident's visits. */
struct visit_filter {
    const char *from, *to;       /* dates, both included */
    const char *committee;       /* one committee of those in scope */
    int64_t     staff_id;
    const char *purpose;
    int64_t     resident_id;
};
int  visits_page(struct ctx *ctx, const struct visit_filter *f,
                 enum page_dir dir, const char *at_key, int64_t at_id, int n,
                 struct visit *out, int *got, struct error *e);
long visits_page_count(struct ctx *ctx, const struct visit_filter *f);

/* Open follow-ups (needed, not done) due on or before `until`, the most
 * overdue first, keyed by the follow-up date. */
struct followup_filter {
    const char *until;           /* YYYY-MM-DD; NULL or "": any date */
    const char *committee;
    int64_t     staff_id;        /* 0: everyone's */
};
int  visits_followups_page(struct ctx *ctx, const struct followup_filter *f,
                           enum page_dir dir, const char *at_key,
                           int64_t at_id, int n, struct visit *out, int *got,
                           struct error *e);
long visits_followups_count(struct ctx *ctx, const struct followup_filter *f);
/* The home screen's line: my open follow-ups due today or overdue. */
long visits_followups_due(struct ctx *ctx);

#endif
