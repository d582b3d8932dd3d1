/* roster.h — the staff roster (花名册) of the committees: who works where,
 * in which posts, on what terms, since when and until when.
 *
 * The roster is the committee people (role staff or director) of the
 * staff table; street and admin accounts are not on it. Reading follows
 * the roles: a director sees the committee, the street office its
 * district, an admin everything, a staff member only their own entry.
 * Only the street office (its district) and admins change roster data,
 * always through store_apply() and so with an audit row; accounts
 * themselves (login, name, role, committee, password) stay with staff.h. */
#ifndef JUWEI_ROSTER_H
#define JUWEI_ROSTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "juwei/date.h"
#include "juwei/page.h"
#include "juwei/session.h"
#include "juwei/store.h"
#include "juwei/util.h"

/* Columns of roster_table, in order. The committee and district are
 * there for the scope check only: the roster never moves a person. */
enum roster_col {
    ROSTER_COMMITTEE, ROSTER_DISTRICT, ROSTER_EMPLOYMENT, ROSTER_HIRE_DATE,
    ROSTER_CONTRACT_END, ROSTER_PHONE, ROSTER_ACTIVE, ROSTER_NCOLS
};

/* The roster columns of the staff table (updates only), and staff_posts. */
extern const struct table roster_table;
extern const struct table roster_posts_table;

#define ROSTER_POSTS_MAX 16

struct roster_entry {
    int64_t   id;                  /* the staff row */
    char      login[64];
    char      name[192];
    char      committee[64];
    char      committee_name[192];
    char      district[64];
    enum role role;                /* ROLE_STAFF or ROLE_DIRECTOR */
    char      employment_type[64]; /* config employment_types id, or "" */
    char      hire_date[11];       /* YYYY-MM-DD or "" */
    char      contract_end[11];
    char      phone[64];
    bool      active;              /* false: has left */
    char      posts[512];          /* post ids, comma-separated, by id */
    int       years;               /* full years of service, -1: no hire date */
    int       contract_days;       /* days to the contract's end (< 0:
                                    * ended); INT32_MIN: no end date */
    double    training_hours;      /* this calendar year */
    int       training_sessions;
    int64_t   version;
    char      key[320];            /* keyset paging key (committee, name) */
};

struct roster_filter {
    const char *committee;   /* NULL or "": every committee in scope */
    const char *find;        /* part of a name or login; NULL or "": all */
    bool        include_left;
};

/* What the street office or an admin may change. Empty strings clear a
 * value; employment_type must be an id of the config's employment_types. */
struct roster_edit {
    const char *employment_type;
    const char *hire_date;        /* YYYY-MM-DD */
    const char *contract_end;
    const char *phone;
    bool        active;
};

/* Full years from hire to today (a birthday-style count: 2019-03-01 to
 * 2025-02-28 is 5); -1 when hire is empty, not a date, or after today. */
int roster_years(const char *hire_date, date_t today);

/* One entry in the session's scope, else E_NOTFOUND. */
int roster_get(struct ctx *ctx, int64_t staff_id, struct roster_entry *out,
               struct error *e);

/* Keyset paging by committee, then name (see enum page_dir): up to n
 * entries relative to the one whose key and id are at_key/at_id. */
int roster_page(struct ctx *ctx, const struct roster_filter *f,
                enum page_dir dir, const char *at_key, int64_t at_id, int n,
                struct roster_entry *out, int *got, struct error *e);
/* How many entries roster_page() pages through; -1 on error. */
long roster_count(struct ctx *ctx, const struct roster_filter *f);

/* Changes an entry's roster data (street office of its district, or an
 * admin). `version` is the one the user saw (E_STALE otherwise). Marking
 * someone as left also stops their login: the two are one flag. */
int roster_update(struct ctx *ctx, int64_t staff_id, int64_t version,
                  const struct roster_edit *ed, struct error *e);

/* Makes `posts` (config posts ids; duplicates ignored) the entry's posts,
 * deleting and adding staff_posts rows in one transaction. */
int roster_set_posts(struct ctx *ctx, int64_t staff_id,
                     const char *const *posts, size_t n, struct error *e);

/* Active entries in scope whose contract ends on or before today + days
 * (ended ones included: they are the most urgent), soonest first. *out is
 * malloc'd. The count alone for the home screen: -1 on error. */
int  roster_contracts_ending(struct ctx *ctx, date_t today, int days,
                             struct roster_entry **out, size_t *n,
                             struct error *e);
long roster_contracts_ending_count(struct ctx *ctx, date_t today, int days);

#endif
