/* training.h — training sessions (培训) and who attended them; hours per
 * person and the yearly coverage per committee and district.
 *
 * A session belongs to a district; with a committee it is that
 * committee's own (only its staff attend), without one it is the street
 * office's, open to every committee of the district. The street office
 * (its district) and admins record any session, a director their own
 * committee's; staff only read. Everyone reads the sessions of their own
 * committee and the district-wide ones of their district, but an
 * attendee row is read only within the reader's scope: a director never
 * learns who from another committee went. */
#ifndef JUWEI_TRAINING_H
#define JUWEI_TRAINING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "juwei/page.h"
#include "juwei/session.h"
#include "juwei/store.h"
#include "juwei/util.h"

enum training_col {
    TRAINING_DISTRICT, TRAINING_COMMITTEE, TRAINING_DATE, TRAINING_LEVEL,
    TRAINING_TITLE, TRAINING_ORGANISER, TRAINING_HOURS, TRAINING_NCOLS
};

extern const struct table training_table;
extern const struct table training_attendee_table;

#define TRAINING_ATTENDEES_MAX 500

struct training {
    int64_t id;               /* 0: a new session */
    char    district[64];
    char    committee[64];    /* "": district-wide */
    char    committee_name[192];
    char    date[11];         /* YYYY-MM-DD */
    char    level[64];        /* config training_levels id */
    char    title[256];
    char    organiser[256];
    double  hours;
    int     attendees;        /* in the reader's scope */
    int64_t version;
};

struct training_attendee {
    int64_t staff_id;
    char    name[192];
    char    committee_name[192];
    double  hours;            /* the session's unless recorded otherwise */
};

/* Saves a session (insert when t->id is 0, else update at t->version)
 * and makes `staff` its attendees (duplicates ignored), all in one
 * transaction. On an insert t->id is set. A session's district and
 * committee do not change once it is saved. */
int training_save(struct ctx *ctx, struct training *t, const int64_t *staff,
                  size_t n, struct error *e);
/* Deletes a session and its attendees. */
int training_delete(struct ctx *ctx, int64_t id, int64_t version,
                    struct error *e);
/* A session the session sees, and its attendees in scope (by name).
 * *att is malloc'd (may be NULL when there are none). */
int training_get(struct ctx *ctx, int64_t id, struct training *out,
                 struct training_attendee **att, size_t *natt,
                 struct error *e);

/* Keyset paging, newest first (key = date, then id). */
int  training_page(struct ctx *ctx, enum page_dir dir, const char *at_date,
                   int64_t at_id, int n, struct training *out, int *got,
                   struct error *e);
long training_count(struct ctx *ctx);

/* Hours and sessions of one person (in scope) in a calendar year. */
int training_person_year(struct ctx *ctx, int64_t staff_id, int year,
                         double *hours, int *sessions, struct error *e);

/* Coverage: the share of active committee people with at least one
 * session in the year, against [site] training_target (percent). */
struct training_coverage {
    char   committee[64];     /* "" in the total */
    char   name[192];
    int    active_staff;
    int    covered;
    bool   met;               /* covered/active_staff >= target; true
                               * when there is nobody to train */
};

/* One row per active committee in scope (by district, then id) into
 * *rows (malloc'd), and their sum into *total: for a director their
 * committee, for the street office its district, for an admin all. */
int training_coverage(struct ctx *ctx, int year,
                      struct training_coverage **rows, size_t *n,
                      struct training_coverage *total, struct error *e);
/* Percent covered, rounded down (0 when nobody is to be trained). */
int training_coverage_percent(const struct training_coverage *c);

#endif
