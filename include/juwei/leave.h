/* leave.h — leave (请假) and reporting back (销假): requests counted on the
 * working calendar, balances per type and year, the approval route, and
 * every status change through store_apply() with its audit row.
 *
 * Days are kept as working half-days ("halves"): 2 per full working day.
 * A half-day position is a date and a half (HALF_AM, HALF_PM); a leave
 * runs from its first half to its last half, both taken. */
#ifndef JUWEI_LEAVE_H
#define JUWEI_LEAVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "juwei/calendar.h"
#include "juwei/page.h"
#include "juwei/session.h"
#include "juwei/store.h"
#include "juwei/util.h"

enum leave_status {
    LEAVE_PENDING, LEAVE_APPROVED, LEAVE_REJECTED, LEAVE_WITHDRAWN,
    LEAVE_CANCELLED, LEAVE_RETURNED, LEAVE_NSTATUS
};

/* Who decides, fixed when requested: a staff member's leave goes to the
 * committee's director, and also to the street office after the director
 * when it is longer than the type's street_after; a director's own leave
 * goes to the street office, never to the director. */
enum leave_route { ROUTE_DIRECTOR, ROUTE_DIRECTOR_STREET, ROUTE_STREET };

const char *leave_status_name(enum leave_status s);   /* stored id */
bool        leave_status_parse(const char *s, enum leave_status *out);
const char *leave_status_label(enum leave_status s);  /* translated */

/* The one table of status changes: pending → approved, rejected,
 * withdrawn; approved → cancelled, returned. Nothing else, by any path
 * (leave_table's check and a trigger in the schema both hold to it). */
bool leave_transition_ok(enum leave_status from, enum leave_status to);

/* "2.5", "3", "0.5": halves as days, into buf. */
char *leave_days_text(int halves, char buf[static 16]);

/* The tables as store_apply() knows them. Requests are never edited or
 * deleted: every change after the insert is a status change (or the
 * first step of two) by the one person allowed to make it. */
extern const struct table leave_table;
extern const struct table leave_steps_table;

struct leave_request {
    const char *type;            /* a leave type id of the config */
    date_t      from, to;
    enum half   from_half, to_half;
    const char *reason;          /* may be NULL */
    int64_t     cover_id;        /* who covers the work; 0: nobody */
};

/* What a request would take, for the form as it is filled in. */
struct leave_quote {
    int  halves;          /* working half-days on the calendar */
    int  halves_next;     /* of which in the year after from's year */
    int  year;            /* from's year */
    bool capped;          /* the type has a yearly quota */
    int  quota;           /* halves a year; -1: none */
    int  taken;           /* halves of from's year already taken or
                           * asked for (approved, returned, pending) */
    int  left;            /* quota - taken - this request's share of the
                           * year; may be negative (then refused) */
    enum leave_route route;
};

/* Checks a request of the acting account exactly as leave_request() would
 * and fills *q. On a refusal *e names the field ("type", "from_date",
 * "to_date", "cover_id") and *q holds what could be counted. */
int leave_quote(struct ctx *ctx, const struct leave_request *r,
                struct leave_quote *q, struct error *e);
/* Files the request (status pending); *id is the new row. */
int leave_request(struct ctx *ctx, const struct leave_request *r,
                  int64_t *id, struct error *e);

struct leave {
    int64_t  id, version;
    int64_t  staff_id;
    char     staff_name[128];
    char     committee[64];
    char     type[64];
    date_t   from, to;
    enum half from_half, to_half;
    int      halves, halves_next;
    char     reason[1024];
    int64_t  cover_id;            /* 0: nobody */
    char     cover_name[128];
    enum leave_status status;
    enum leave_route  route;
    int      step;                /* the step waiting (pending), or the last */
    int64_t  approver_id;         /* who decided last; 0: nobody yet */
    char     approver_name[128];
    char     comment[1024];
    int64_t  decided_at;
    date_t   returned;            /* 销假: first half back, or DATE_NONE */
    enum half returned_half;
    int      used;                /* returned: halves actually taken */
    int      late;                /* returned: working halves overstayed */
    int64_t  created_at;
};

/* One request in the session's scope (E_NOTFOUND otherwise). */
int leave_get(struct ctx *ctx, int64_t id, struct leave *out, struct error *e);

/* Whether the acting account is the one to decide `l` now. */
bool leave_mine_to_decide(const struct ctx *ctx, const struct leave *l);
/* The halves the calendar gives `l`'s dates today: differs from l->halves
 * when the config changed after the request, whose count is kept. */
int  leave_recount(const struct ctx *ctx, const struct leave *l);
/* Approved, its end passed, no 销假 yet. */
bool leave_overdue(const struct leave *l, date_t today);

/* The decisions. `version` is the version the person saw (E_STALE when
 * it changed); 0 takes the row as stored, for marked rows approved
 * together — the status rules still hold. An approval of the first of two
 * steps sends the request on to the street office. A rejection needs a
 * comment. */
int leave_decide(struct ctx *ctx, int64_t id, int64_t version, bool approve,
                 const char *comment, struct error *e);
/* Approves each of ids on its own (one refused does not stop the rest);
 * *approved counts those done, *e holds the first refusal. Returns 0 when
 * all were approved. */
int leave_approve_all(struct ctx *ctx, const int64_t *ids, size_t n,
                      const char *comment, size_t *approved, struct error *e);
/* The requester takes back a pending request. */
int leave_withdraw(struct ctx *ctx, int64_t id, int64_t version,
                   struct error *e);
/* The requester cancels approved leave before its first day; the
 * approvers are told on their home screen. */
int leave_cancel(struct ctx *ctx, int64_t id, int64_t version,
                 struct error *e);

/* 销假: back at work from (back, back_half), not later than today. Early,
 * the halves not taken go back to the balance (counted on today's
 * calendar); late, the working halves overstayed are recorded. */
struct leave_return {
    int used;       /* halves taken */
    int used_next;  /* of which in the year after the start's */
    int given;      /* halves given back to the balance */
    int late;       /* working halves overstayed */
};
/* What reporting back at (back, back_half) would find for approved leave
 * l, with the refusals leave_report_back() gives (field returned_date). */
int leave_return_quote(const struct ctx *ctx, const struct leave *l,
                       date_t back, enum half back_half,
                       struct leave_return *out, struct error *e);
int leave_report_back(struct ctx *ctx, int64_t id, int64_t version,
                      date_t back, enum half back_half,
                      struct leave_return *out, struct error *e);

/* One step decided so far, for a request's history. */
struct leave_step {
    int     step;
    char    approver_name[128];
    bool    approved;
    char    comment[1024];
    int64_t decided_at;
};
/* Up to max steps of request id, in order; *n how many. */
int leave_steps(struct ctx *ctx, int64_t id, struct leave_step *out,
                size_t max, size_t *n, struct error *e);

/* The year's balance of one leave type for one person, in halves. */
struct leave_balance {
    const char *type;      /* the config's id and name */
    const char *name;
    int quota;             /* -1: no quota */
    int used;              /* approved (still out, or returned as taken) */
    int pending;
    int left;              /* quota - used - pending; 0 when no quota */
};
/* One entry per configured type, in config order, into out (room for
 * cfg->nleave_types). staff_id must be the account itself or someone in
 * the session's scope. */
int leave_balances(struct ctx *ctx, int64_t staff_id, int year,
                   struct leave_balance *out, struct error *e);

/* The lists. MINE: the account's own, newest first; WAITING: what waits
 * for the account's decision, oldest first; SCOPE: everyone's in scope,
 * newest first. Keyset paging on (from_date, id), see page.h: `at_key`
 * is a row's from_date as YYYY-MM-DD and at_id its id. */
enum leave_view { LEAVE_MINE, LEAVE_WAITING, LEAVE_SCOPE };
int  leave_page(struct ctx *ctx, enum leave_view view, enum page_dir dir,
                const char *at_key, int64_t at_id, int n, struct leave *out,
                int *got, struct error *e);
long leave_page_count(struct ctx *ctx, enum leave_view view);

/* What the home screen says about leave to this account. */
struct leave_news {
    int waiting;          /* requests waiting for my decision */
    int approved, rejected;  /* my requests decided since I last looked */
    int my_overdue;       /* my approved leave ended without 销假 */
    int overdue;          /* others' leave I decide on, ended without 销假 */
    int cancelled;        /* others' approved leave cancelled since I looked */
};
int leave_news(struct ctx *ctx, date_t today, struct leave_news *out,
               struct error *e);
/* The account has seen its decisions / the cancellations it was told of. */
int leave_seen_decisions(struct ctx *ctx, struct error *e);
int leave_seen_cancellations(struct ctx *ctx, struct error *e);

/* Who is out between first and last (inclusive): approved and pending
 * leave, returned leave as actually taken and its overstay, of everyone
 * in the session's scope. */
enum leave_span_kind { SPAN_TAKEN, SPAN_PENDING, SPAN_LATE };
struct leave_span {
    int64_t   leave_id, staff_id;
    char      type[64];
    date_t    from, to;
    enum half from_half, to_half;
    enum leave_span_kind kind;
};
int leave_spans(struct ctx *ctx, date_t first, date_t last,
                struct leave_span **out, size_t *n, struct error *e);

#endif
