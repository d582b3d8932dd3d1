/* signoff.h — the monthly sign-off (月度审核确认). The street office signs
 * off a committee's month once it has reviewed the report; from then on
 * that month's work records, visits and inspection entries of that
 * committee are read-only for everyone, the street office included, until
 * the street office reopens the month with a reason. Every sign-off and
 * reopening goes through store_apply() and so has its audit row
 * ("signoff", "reopen"). */
#ifndef JUWEI_SIGNOFF_H
#define JUWEI_SIGNOFF_H

#include <stdbool.h>
#include <stdint.h>

#include "juwei/session.h"
#include "juwei/store.h"
#include "juwei/util.h"

#define SIGNOFF_REASON_MAX 200   /* characters */

/* Columns of signoff_table, in order. */
enum signoff_col {
    SIGNOFF_COL_COMMITTEE, SIGNOFF_COL_MONTH, SIGNOFF_COL_SIGNED_BY, SIGNOFF_COL_SIGNED_AT,
    SIGNOFF_COL_REOPENED, SIGNOFF_COL_REOPENED_BY, SIGNOFF_COL_REOPENED_AT,
    SIGNOFF_COL_REASON, SIGNOFF_COL_NCOLS
};

/* month_signoffs as store_apply() knows it: only a street account of the
 * committee's district may write it (sign, reopen, sign again), and no row
 * is ever deleted. */
extern const struct table signoff_table;

enum signoff_state {
    SIGNOFF_OPEN,       /* never signed off */
    SIGNOFF_SIGNED,     /* signed off: read-only */
    SIGNOFF_REOPENED,   /* signed off once, reopened by the street office */
};

struct signoff {
    int64_t            id;          /* 0 when never signed off */
    int64_t            version;
    char               committee[64];
    char               month[8];    /* YYYY-MM */
    enum signoff_state state;
    int64_t            signed_by;
    char               signed_by_name[192];
    int64_t            signed_at;   /* seconds since the epoch */
    int64_t            reopened_by;
    char               reopened_by_name[192];
    int64_t            reopened_at;
    char               reason[SIGNOFF_REASON_MAX * 4 + 1];
};

/* Strict YYYY-MM, months 01–12, years 1900–9999. */
bool signoff_month_ok(const char *month);

/* The sign-off of `committee`'s `month` as the session may see it
 * (E_PERM for another committee or district); state SIGNOFF_OPEN and id 0
 * when the month was never signed off. */
int signoff_get(struct ctx *ctx, const char *committee, const char *month,
                struct signoff *out, struct error *e);

/* Signs off a month that has ended (street office only). Signing a
 * reopened month again is allowed; a month already signed off is
 * refused (E_DUP). */
int signoff_sign(struct ctx *ctx, const char *committee, const char *month,
                 struct error *e);

/* Reopens a signed-off month (street office only); the reason (1–200
 * characters) is kept and audited. */
int signoff_reopen(struct ctx *ctx, const char *committee, const char *month,
                   const char *reason, struct error *e);

/* 1 when the month of `date_or_month` (YYYY-MM-DD or YYYY-MM) is signed
 * off for `committee`, 0 when it is not, -1 on a database error or
 * (E_PERM) for a committee outside the session's scope. */
int signoff_locked(struct ctx *ctx, const char *committee,
                   const char *date_or_month, struct error *e);

/* The rule the record kinds' check callbacks call: 0 when a row of
 * `committee` dated `date` may be written, else -1 with E_PERM (field
 * "date") saying the month is signed off, or E_PERM (field
 * "committee_id") for a committee outside the session's scope. A date
 * that is not YYYY-MM-DD passes: the column's own validation refuses
 * it. */
int signoff_check(struct ctx *ctx, const char *committee, const char *date,
                  struct error *e);

/* signoff_check() for a whole change inside a table's check callback:
 * the stored row (update, delete) and the new values (insert, update)
 * must both lie in months that are not signed off, so a row can neither
 * be changed in a locked month nor moved into or out of one. The two
 * names are columns of ch->table. */
int signoff_check_change(struct ctx *ctx, const struct change *ch,
                         const char *committee_col, const char *date_col,
                         struct error *e);

/* For list SQL: true when the row's month is signed off. `committee_col`
 * and `date_col` are the row's columns (static SQL text), e.g.
 * SIGNOFF_LOCKED_SQL("r.committee_id", "r.date"). */
#define SIGNOFF_LOCKED_SQL(committee_col, date_col) \
    "EXISTS (SELECT 1 FROM month_signoffs so_ WHERE so_.committee_id = " \
    committee_col " AND so_.month = substr(" date_col ", 1, 7)" \
    " AND so_.reopened = 0)"

#endif
