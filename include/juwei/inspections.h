/* inspections.h — community inspections (巡查) and their follow-up: the
 * inspections table as store_apply() knows it, the status transitions as
 * a table, scoped keyset pages, full-text search, and the counts of the
 * home screen.
 *
 * An inspection belongs to a committee; its staff and director see it,
 * the street office sees its district's. Status: open → in_progress →
 * resolved; escalated (to the street office) from open or in_progress;
 * resolved → open again (reopened). Every status change writes a
 * follow-up row (date, who, from, to, note) in the same transaction;
 * resolving needs a note. Only the follow-up person (assignee), the
 * committee's director or the street office move the status. */
#ifndef JUWEI_INSPECTIONS_H
#define JUWEI_INSPECTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "juwei/page.h"
#include "juwei/session.h"
#include "juwei/store.h"
#include "juwei/util.h"

#define INSP_PLACE_MAX 100     /* characters */
#define INSP_FOUND_MAX 1000
#define INSP_NOTE_MAX  500

/* Columns of inspections_table, in order. */
enum insp_col {
    IC_COMMITTEE, IC_DATE, IC_TIME, IC_PLACE, IC_GRID, IC_CATEGORY,
    IC_FOUND, IC_SEVERITY, IC_STATUS, IC_ASSIGNEE, IC_DUE, IC_RESOLVED,
    IC_CREATED_BY, IC_NCOLS
};

extern const struct table inspections_table;
extern const struct table inspection_followups_table;

enum insp_status {
    INSP_OPEN, INSP_IN_PROGRESS, INSP_RESOLVED, INSP_ESCALATED, INSP_NSTATUS
};

/* Who is moving the status, as the transition table knows them. */
enum insp_actor {
    ACTOR_ASSIGNEE,     /* the inspection's follow-up person */
    ACTOR_DIRECTOR,     /* the director of its committee */
    ACTOR_STREET,       /* the street office of its district */
    ACTOR_STAFF,        /* other staff of the committee, and anyone who
                         * does not see it (they move nothing) */
    ACTOR_ADMIN,
    ACTOR_N
};

const char *inspections_status_name(enum insp_status s);   /* "open", … */
const char *inspections_status_label(enum insp_status s);  /* translated */
bool        inspections_status_parse(const char *s, enum insp_status *out);
/* 1 low, 2 normal, 3 urgent: the stable ids are "low", "normal",
 * "urgent"; NULL / "?" for anything else. */
const char *inspections_severity_name(int severity);
const char *inspections_severity_label(int severity);     /* translated */
int         inspections_severity_parse(const char *s);    /* 0: unknown */

/* The transition table: 0 when `who` may move an inspection from `from`
 * to `to`; otherwise -1 with E_INVAL (no such move) or E_PERM (not this
 * actor's to make). */
int inspections_may_move(enum insp_status from, enum insp_status to,
                         enum insp_actor who, struct error *e);
/* The verb of a move for buttons ("Start", "Resolve", …), translated;
 * NULL when the move is not in the table. */
const char *inspections_move_label(enum insp_status from,
                                   enum insp_status to);

struct inspection {
    int64_t          id;
    char             committee[64];
    char             date[11];
    char             time[6];
    char             place[INSP_PLACE_MAX * 4 + 1];
    char             grid[256];
    char             category[64];
    char            *found;          /* malloc'd by inspections_get() */
    int              severity;
    enum insp_status status;
    int64_t          assignee_id;    /* 0: nobody yet */
    char             assignee_name[192];
    char             due_date[11];
    char             resolved_date[11];
    int64_t          created_by;
    char             created_by_name[192];
    bool             overdue;        /* due before today, not resolved */
    int64_t          version;
};

/* An inspection as typed: text trimmed by the caller, "" for empty. */
struct inspection_input {
    const char *committee;    /* "": the acting account's own */
    const char *date;
    const char *time;         /* HH:MM or "" */
    const char *place;
    const char *grid;         /* one of the committee's grids, or "" */
    const char *category;     /* an id of [inspection_categories] */
    const char *found;
    const char *severity;     /* "low", "normal" or "urgent" */
    int64_t     assignee_id;  /* staff of the same committee; 0: nobody */
    const char *due_date;     /* "" or not before date */
};

/* A new inspection is open, entered by the acting account; its first
 * follow-up row says so. */
int  inspections_add(struct ctx *ctx, const struct inspection_input *in,
                     int64_t *id, struct error *e);
/* Changes the fields (never the status): its creator, its follow-up
 * person, the director or the street office. E_STALE as records. */
int  inspections_update(struct ctx *ctx, int64_t id, int64_t version,
                        const struct inspection_input *in, struct error *e);
/* Moves the status and writes the follow-up row, in one transaction. */
int  inspections_move(struct ctx *ctx, int64_t id, int64_t version,
                      enum insp_status to, const char *note,
                      struct error *e);

int  inspections_get(struct ctx *ctx, int64_t id, struct inspection *out,
                     struct error *e);
void inspections_free(struct inspection *in);

/* How the acting account stands to an inspection, and the statuses it may
 * move it to (at most INSP_NSTATUS), in the table's order. */
enum insp_actor inspections_actor(const struct ctx *ctx,
                                  const struct inspection *in);
int  inspections_moves(const struct ctx *ctx, const struct inspection *in,
                       enum insp_status *to);

struct inspection_followup {
    int64_t          id;
    char             date[11];
    int64_t          staff_id;
    char             staff_name[192];
    bool             has_from;       /* false for the entry that opened it */
    enum insp_status from, to;
    char            *note;           /* malloc'd, "" for none */
    int64_t          at;             /* when it was written */
};

/* The whole history, oldest first. Free with inspections_free_followups. */
int  inspections_followups(struct ctx *ctx, int64_t id,
                           struct inspection_followup **out, size_t *n,
                           struct error *e);
void inspections_free_followups(struct inspection_followup *v, size_t n);

struct inspection_filter {
    int      status;          /* -1: any, else enum insp_status */
    char     category[64];    /* "" = any */
    int64_t  assignee_id;     /* 0: anyone */
    bool     overdue;         /* only due before today and not resolved */
    bool     due;             /* only due today or before, not resolved */
    char     find[128];       /* text in place or found; "" = none */
};
void inspections_filter_init(struct inspection_filter *f);

/* Keyset pages as records_page(): newest first by (date, id), or by id
 * when finding text. Rows the session sees only; found is not read. */
int  inspections_page(struct ctx *ctx, const struct inspection_filter *f,
                      enum page_dir dir, const char *at_date, int64_t at_id,
                      int n, struct inspection *out, int *got,
                      struct error *e);
long inspections_count(struct ctx *ctx, const struct inspection_filter *f);
char *inspections_page_plan(struct ctx *ctx,
                            const struct inspection_filter *f);

/* The home screen: my inspections due today or overdue, not resolved;
 * the overdue ones of my committee (director) or district (street); -1
 * on error. */
long inspections_mine_due(struct ctx *ctx);
long inspections_overdue(struct ctx *ctx);

/* As records_fts_sync(), for inspections_fts. */
int  inspections_fts_sync(struct db *db, struct error *e);

#endif
