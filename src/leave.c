/* leave.c — the rules and the writes of leave: the status names and the
 * transition table, the tables as store_apply() knows them, and the
 * request, the decisions, withdrawing, cancelling and 销假 (see leave.h).
 * Counting, balances and every read are in leave_view.c.
 *
 * Every write goes through store_apply(), and the tables' check callbacks
 * hold every rule, so a caller that builds its own struct change gets no
 * further than leave_request() and friends would. */
#include "juwei/leave.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/staff.h"

enum {
    L_COMMITTEE, L_STAFF, L_TYPE, L_FROM, L_FROM_HALF, L_TO, L_TO_HALF,
    L_HALVES, L_HALVES_NEXT, L_REASON, L_COVER, L_STATUS, L_ROUTE, L_STEP,
    L_APPROVER, L_COMMENT, L_DECIDED, L_RET, L_RET_HALF, L_USED,
    L_USED_NEXT, L_LATE, L_NCOLS
};

#define LEAVE_TEXT_MAX 200

static int leave_check(struct ctx *ctx, const struct change *ch,
                       struct error *e);
static int steps_check(struct ctx *ctx, const struct change *ch,
                       struct error *e);

static const struct column leave_cols[] = {
    [L_COMMITTEE]   = { "committee_id", COL_ID, true, 64, 0, 0,
                        N_("Committee"), false },
    [L_STAFF]       = { "staff_id", COL_ID, true, 0, 0, 0, N_("Staff"), false },
    [L_TYPE]        = { "type", COL_ID, true, 64, 0, 0, N_("Type"), false },
    [L_FROM]        = { "from_date", COL_DATE, true, 0, 0, 0, N_("From"),
                        false },
    [L_FROM_HALF]   = { "from_half", COL_INT, true, 0, 0, 1,
                        N_("From half"), false },
    [L_TO]          = { "to_date", COL_DATE, true, 0, 0, 0, N_("To"), false },
    [L_TO_HALF]     = { "to_half", COL_INT, true, 0, 0, 1, N_("To half"),
                        false },
    [L_HALVES]      = { "halves", COL_INT, true, 0, 0, 800, N_("Days"),
                        false },
    [L_HALVES_NEXT] = { "halves_next", COL_INT, true, 0, 0, 800,
                        N_("Days next year"), false },
    [L_REASON]      = { "reason", COL_LONGTEXT, false, LEAVE_TEXT_MAX, 0, 0,
                        N_("Reason"), false },
    [L_COVER]       = { "cover_id", COL_ID, false, 0, 0, 0, N_("Cover"),
                        false },
    [L_STATUS]      = { "status", COL_TEXT, true, 16, 0, 0, N_("Status"),
                        false },
    [L_ROUTE]       = { "route", COL_TEXT, true, 16, 0, 0, N_("Route"),
                        false },
    [L_STEP]        = { "step", COL_INT, true, 0, 1, 2, N_("Step"), false },
    [L_APPROVER]    = { "approver_id", COL_ID, false, 0, 0, 0,
                        N_("Approver"), false },
    [L_COMMENT]     = { "comment", COL_LONGTEXT, false, LEAVE_TEXT_MAX, 0, 0,
                        N_("Comment"), false },
    [L_DECIDED]     = { "decided_at", COL_INT, false, 0, 0, 0,
                        N_("Decided"), false },
    [L_RET]         = { "returned_date", COL_DATE, false, 0, 0, 0,
                        N_("Back on"), false },
    [L_RET_HALF]    = { "returned_half", COL_INT, false, 0, 0, 1,
                        N_("Back from"), false },
    [L_USED]        = { "used_halves", COL_INT, false, 0, 0, 800,
                        N_("Days taken"), false },
    [L_USED_NEXT]   = { "used_next", COL_INT, false, 0, 0, 800,
                        N_("Days taken next year"), false },
    [L_LATE]        = { "late_halves", COL_INT, false, 0, 0, 800,
                        N_("Days late"), false },
};

const struct table leave_table = {
    .name = "leave", .cols = leave_cols, .ncols = L_NCOLS,
    .committee_col = "committee_id", .owner_col = "staff_id",
    .check = leave_check,
};

enum { S_LEAVE, S_COMMITTEE, S_STEP, S_APPROVER, S_DECISION, S_COMMENT,
       S_DECIDED, S_NCOLS };

static const struct column steps_cols[] = {
    [S_LEAVE]     = { "leave_id", COL_ID, true, 0, 0, 0, N_("Leave"), false },
    [S_COMMITTEE] = { "committee_id", COL_ID, true, 64, 0, 0,
                      N_("Committee"), false },
    [S_STEP]      = { "step", COL_INT, true, 0, 1, 2, N_("Step"), false },
    [S_APPROVER]  = { "approver_id", COL_ID, true, 0, 0, 0, N_("Approver"),
                      false },
    [S_DECISION]  = { "decision", COL_TEXT, true, 16, 0, 0, N_("Decision"),
                      false },
    [S_COMMENT]   = { "comment", COL_LONGTEXT, false, LEAVE_TEXT_MAX, 0, 0,
                      N_("Comment"), false },
    [S_DECIDED]   = { "decided_at", COL_INT, true, 0, 0, 0, N_("Decided"),
                      false },
};

const struct table leave_steps_table = {
    .name = "leave_steps", .cols = steps_cols, .ncols = S_NCOLS,
    .committee_col = "committee_id", .owner_col = NULL,
    .check = steps_check,
};

static const struct {
    const char *name, *label;
} statuses[LEAVE_NSTATUS] = {
    [LEAVE_PENDING]   = { "pending", N_("waiting") },
    [LEAVE_APPROVED]  = { "approved", N_("approved") },
    [LEAVE_REJECTED]  = { "rejected", N_("rejected") },
    [LEAVE_WITHDRAWN] = { "withdrawn", N_("withdrawn") },
    [LEAVE_CANCELLED] = { "cancelled", N_("cancelled") },
    [LEAVE_RETURNED]  = { "returned", N_("back (销假)") },
};

static const char *const routes[] = {
    [ROUTE_DIRECTOR] = "director", [ROUTE_DIRECTOR_STREET] = "director_street",
    [ROUTE_STREET] = "street",
};

/* The transitions. The trigger leave_status_change in schema_leave.c
 * says the same; test_leave checks every pair against both. */
static const struct {
    enum leave_status from, to;
} transitions[] = {
    { LEAVE_PENDING, LEAVE_APPROVED },
    { LEAVE_PENDING, LEAVE_REJECTED },
    { LEAVE_PENDING, LEAVE_WITHDRAWN },
    { LEAVE_APPROVED, LEAVE_CANCELLED },
    { LEAVE_APPROVED, LEAVE_RETURNED },
};

const char *
leave_status_name(enum leave_status s)
{
    return (unsigned)s < LEAVE_NSTATUS ? statuses[s].name : "?";
}

bool
leave_status_parse(const char *s, enum leave_status *out)
{
    for (int i = 0; s != NULL && i < LEAVE_NSTATUS; i++) {
        if (strcmp(s, statuses[i].name) == 0) {
            *out = (enum leave_status)i;
            return true;
        }
    }
    return false;
}

const char *
leave_status_label(enum leave_status s)
{
    return (unsigned)s < LEAVE_NSTATUS ? _(statuses[s].label) : "?";
}

bool
leave_transition_ok(enum leave_status from, enum leave_status to)
{
    for (size_t i = 0; i < ARRAY_LEN(transitions); i++) {
        if (transitions[i].from == from && transitions[i].to == to)
            return true;
    }
    return false;
}

static bool
route_parse(const char *s, enum leave_route *out)
{
    for (size_t i = 0; s != NULL && i < ARRAY_LEN(routes); i++) {
        if (strcmp(s, routes[i]) == 0) {
            *out = (enum leave_route)i;
            return true;
        }
    }
    return false;
}

/* --- rows as values ------------------------------------------------------- */

/* A leave row as its values say; ids of -1 are values no row can have. */
struct row {
    const char *committee, *type, *reason, *comment;
    int64_t staff, cover, approver;
    date_t from, to, ret;
    int from_half, to_half, ret_half, halves, halves_next, step;
    int used, used_next, late;      /* -1: NULL */
    bool decided;
    enum leave_status status;
    enum leave_route route;
};

static const char *
vtext(const struct value *v)
{
    return v->null || v->s == NULL || *v->s == '\0' ? NULL : v->s;
}

/* A COL_ID that must be a row id: 0 for NULL, -1 for text. */
static int64_t
vid(const struct value *v)
{
    if (v->null)
        return 0;
    return v->s != NULL ? (*v->s == '\0' ? 0 : -1) : v->i;
}

static int
vint(const struct value *v)
{
    return v->null ? -1 : (int)v->i;
}

static date_t
vdate(const struct value *v)
{
    date_t d;

    return vtext(v) != NULL && date_parse_iso(v->s, &d) ? d : DATE_NONE;
}

static int
parse_row(const struct value *v, struct row *r, struct error *e)
{
    memset(r, 0, sizeof *r);
    r->committee = vtext(&v[L_COMMITTEE]);
    r->staff = vid(&v[L_STAFF]);
    r->type = vtext(&v[L_TYPE]);
    r->from = vdate(&v[L_FROM]);
    r->from_half = vint(&v[L_FROM_HALF]);
    r->to = vdate(&v[L_TO]);
    r->to_half = vint(&v[L_TO_HALF]);
    r->halves = vint(&v[L_HALVES]);
    r->halves_next = vint(&v[L_HALVES_NEXT]);
    r->reason = vtext(&v[L_REASON]);
    r->cover = vid(&v[L_COVER]);
    r->step = vint(&v[L_STEP]);
    r->approver = vid(&v[L_APPROVER]);
    r->comment = vtext(&v[L_COMMENT]);
    r->decided = !v[L_DECIDED].null;
    r->ret = vdate(&v[L_RET]);
    r->ret_half = vint(&v[L_RET_HALF]);
    r->used = vint(&v[L_USED]);
    r->used_next = vint(&v[L_USED_NEXT]);
    r->late = vint(&v[L_LATE]);
    if (!leave_status_parse(vtext(&v[L_STATUS]), &r->status))
        return error_set(e, E_INVAL, "status", _("unknown leave status"));
    if (!route_parse(vtext(&v[L_ROUTE]), &r->route))
        return error_set(e, E_INVAL, "route", _("unknown approval route"));
    if (r->staff <= 0 || r->cover < 0 || r->approver < 0)
        return error_set(e, E_INVAL, "staff_id", _("a person is named by "
                                                   "their account number"));
    return 0;
}

static bool
same_value(const struct column *c, const struct value *a,
           const struct value *b)
{
    if (c->type == COL_INT)
        return a->null == b->null && (a->null || a->i == b->i);
    if (c->type == COL_ID) {
        const char *x = vtext(a), *y = vtext(b);

        if (x != NULL || y != NULL)
            return x != NULL && y != NULL && strcmp(x, y) == 0;
        return vid(a) == vid(b);
    }
    const char *x = vtext(a), *y = vtext(b);

    return (x == NULL && y == NULL) ||
           (x != NULL && y != NULL && strcmp(x, y) == 0);
}

/* --- reading helpers ------------------------------------------------------ */

/* The level deciding a request at its step. */
static enum role
deciding_role(enum leave_route route, int step)
{
    return route == ROUTE_STREET || step == 2 ? ROLE_STREET : ROLE_DIRECTOR;
}

static bool
may_decide(const struct ctx *ctx, const char *committee, int64_t staff,
           enum leave_route route, int step)
{
    return ctx->who.staff_id != staff && ctx->who.staff_id > 0 &&
           ctx->who.role == deciding_role(route, step) &&
           ctx_sees(ctx, committee);
}

/* Why the acting account may not decide the request now, or 0. */
static int
not_yours(const struct ctx *ctx, const char *committee, int64_t staff,
          enum leave_route route, int step, struct error *e)
{
    if (may_decide(ctx, committee, staff, route, step))
        return 0;
    if (staff == ctx->who.staff_id)
        return error_set(e, E_PERM, NULL, _("nobody decides their own leave"));
    return error_set(e, E_PERM, NULL,
                     deciding_role(route, step) == ROLE_STREET
                     ? _("this request waits for the street office")
                     : _("this request waits for the committee's "
                         "director"));
}

/* --- the check callbacks -------------------------------------------------- */

static int
step_row(struct db *db, int64_t leave, int step, int64_t *approver,
         char *decision, size_t size, struct error *e);

static int
check_insert(struct ctx *ctx, const struct change *ch, const struct row *r,
             struct error *e)
{
    struct leave_quote q;
    struct leave_request req = {
        r->type, r->from, r->to, (enum half)r->from_half,
        (enum half)r->to_half, r->reason, r->cover,
    };

    (void)ch;
    if (r->staff != ctx->who.staff_id || r->committee == NULL ||
        strcmp(r->committee, ctx->who.committee) != 0)
        return error_set(e, E_PERM, "staff_id",
                         _("leave is asked for by the person who takes it"));
    if (r->status != LEAVE_PENDING || r->step != 1 || r->approver != 0 ||
        r->comment != NULL || r->decided || r->ret != DATE_NONE ||
        r->ret_half >= 0 || r->used >= 0 || r->used_next >= 0 || r->late >= 0)
        return error_set(e, E_INVAL, "status",
                         _("a new request waits for its first decision"));
    if (leave_quote(ctx, &req, &q, e) < 0)
        return -1;
    if (r->halves != q.halves || r->halves_next != q.halves_next ||
        r->route != q.route)
        return error_set(e, E_INVAL, "halves",
                         _("the days or the route do not match the "
                           "calendar and the rules"));
    return 0;
}

/* Columns a status change may touch; every other one must stay. */
static bool
may_change(enum leave_status to, bool forward, int col)
{
    if (col == L_STATUS)
        return true;
    if (to == LEAVE_APPROVED || to == LEAVE_REJECTED || forward)
        return col == L_STEP || col == L_APPROVER || col == L_COMMENT ||
               col == L_DECIDED;
    if (to == LEAVE_RETURNED)
        return col == L_RET || col == L_RET_HALF || col == L_USED ||
               col == L_USED_NEXT || col == L_LATE;
    return false;
}

static int
check_decision(struct ctx *ctx, int64_t id, const struct row *o,
               const struct row *n, bool approve, struct error *e)
{
    int64_t approver = 0;
    char decision[16] = "";
    bool forward = n->status == LEAVE_PENDING;

    if (not_yours(ctx, o->committee, o->staff, o->route, o->step, e) < 0)
        return -1;
    if (forward != (approve && o->route == ROUTE_DIRECTOR_STREET &&
                    o->step == 1))
        return error_set(e, E_INVAL, "step",
                         _("this request needs %s"),
                         forward ? _("no further step")
                                 : _("the street office after the "
                                     "director"));
    if (n->step != (forward ? 2 : o->step) ||
        n->approver != ctx->who.staff_id || !n->decided)
        return error_set(e, E_INVAL, "approver_id",
                         _("a decision names who made it and when"));
    if (step_row(ctx->db, id, o->step, &approver, decision, sizeof decision,
                 e) < 0)
        return -1;
    if (approver != ctx->who.staff_id ||
        strcmp(decision, approve ? "approved" : "rejected") != 0)
        return error_set(e, E_INVAL, "step",
                         _("a decision is recorded as its step first"));
    return 0;
}

static int
check_update(struct ctx *ctx, const struct change *ch, const struct row *o,
             const struct row *n, struct error *e)
{
    bool forward = o->status == LEAVE_PENDING && n->status == LEAVE_PENDING;
    bool mine = o->staff == ctx->who.staff_id;

    if (n->status != o->status && !leave_transition_ok(o->status, n->status))
        return error_set(e, E_PERM, "status",
                         _("a request that is %s cannot become %s"),
                         leave_status_label(o->status),
                         leave_status_label(n->status));
    if (n->status == o->status && !forward)
        return error_set(e, E_PERM, "status",
                         _("a request that is %s cannot be changed"),
                         leave_status_label(o->status));
    for (int c = 0; c < L_NCOLS; c++) {
        if (!may_change(n->status, forward, c) &&
            !same_value(&leave_cols[c], &ch->old[c], &ch->vals[c]))
            return error_set(e, E_PERM, leave_cols[c].name,
                             _("%s cannot be changed once the request is "
                               "sent; withdraw it and ask again"),
                             _(leave_cols[c].label));
    }
    switch (n->status) {
    case LEAVE_PENDING:
    case LEAVE_APPROVED:
    case LEAVE_REJECTED:
        return check_decision(ctx, ch->id, o, n, n->status != LEAVE_REJECTED,
                              e);
    case LEAVE_WITHDRAWN:
        if (!mine)
            return error_set(e, E_PERM, NULL, _("only the person who asked "
                                                "may withdraw a request"));
        return 0;
    case LEAVE_CANCELLED:
        if (!mine)
            return error_set(e, E_PERM, NULL, _("only the person on leave "
                                                "may cancel it"));
        if (date_today() >= o->from)
            return error_set(e, E_INVAL, "status",
                             _("the leave has begun: report back (销假) "
                               "instead of cancelling"));
        return 0;
    case LEAVE_RETURNED: {
        struct leave_return ret;
        struct leave l = {
            .from = o->from, .to = o->to, .from_half = (enum half)o->from_half,
            .to_half = (enum half)o->to_half, .halves = o->halves,
            .halves_next = o->halves_next,
        };

        if (!mine)
            return error_set(e, E_PERM, NULL, _("only the person on leave "
                                                "reports back"));
        if (n->ret == DATE_NONE || n->ret_half < 0)
            return error_set(e, E_INVAL, "returned_date",
                             _("the day you are back is required"));
        if (leave_return_quote(ctx, &l, n->ret, (enum half)n->ret_half, &ret,
                               e) < 0)
            return -1;
        if (n->used != ret.used || n->used_next != ret.used_next ||
            n->late != ret.late)
            return error_set(e, E_INVAL, "used_halves",
                             _("the days taken do not match the calendar"));
        return 0;
    }
    default:
        return error_set(e, E_PERM, "status", _("unknown leave status"));
    }
}

static int
leave_check(struct ctx *ctx, const struct change *ch, struct error *e)
{
    struct row o, n;

    if (ch->op == CH_DELETE)
        return error_set(e, E_PERM, NULL,
                         _("leave requests are never deleted; withdraw or "
                           "cancel them"));
    if (ctx->cfg == NULL)
        return error_set(e, E_INVAL, NULL, _("no configuration loaded"));
    if (parse_row(ch->vals, &n, e) < 0)
        return -1;
    if (ch->op == CH_INSERT)
        return check_insert(ctx, ch, &n, e);
    if (parse_row(ch->old, &o, e) < 0)
        return -1;
    return check_update(ctx, ch, &o, &n, e);
}

static const char sql_leave_state[] =
    "SELECT committee_id, staff_id, status, route, step FROM leave"
    " WHERE id = ?1";

static int
steps_check(struct ctx *ctx, const struct change *ch, struct error *e)
{
    const struct value *v = ch->vals;
    sqlite3_stmt *st;
    char committee[64] = "", status[16] = "", route[20] = "";
    int64_t staff = 0, leave = vid(&v[S_LEAVE]);
    int rc, step = 0;
    enum leave_route rt = ROUTE_DIRECTOR;
    const char *decision = vtext(&v[S_DECISION]);

    if (ch->op != CH_INSERT)
        return error_set(e, E_PERM, NULL, _("a decision once made stays as "
                                            "it was"));
    if (vid(&v[S_APPROVER]) != ctx->who.staff_id || v[S_DECIDED].null)
        return error_set(e, E_PERM, "approver_id",
                         _("a decision names who made it and when"));
    if (decision == NULL || (strcmp(decision, "approved") != 0 &&
                             strcmp(decision, "rejected") != 0))
        return error_set(e, E_INVAL, "decision",
                         _("a decision is approved or rejected"));
    if (strcmp(decision, "rejected") == 0 && vtext(&v[S_COMMENT]) == NULL)
        return error_set(e, E_INVAL, "comment",
                         _("say why the request is rejected"));
    if ((st = db_stmt(ctx->db, sql_leave_state)) == NULL)
        return db_failed(ctx->db, e);
    sqlite3_bind_int64(st, 1, leave);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        db_column_copy(committee, sizeof committee, st, 0);
        staff = sqlite3_column_int64(st, 1);
        db_column_copy(status, sizeof status, st, 2);
        db_column_copy(route, sizeof route, st, 3);
        step = sqlite3_column_int(st, 4);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_error(ctx->db, rc, e);
    route_parse(route, &rt);
    if (rc == SQLITE_DONE || strcmp(status, "pending") != 0 ||
        step != vint(&v[S_STEP]) ||
        strcmp(committee, vtext(&v[S_COMMITTEE]) ? v[S_COMMITTEE].s : "") != 0)
        return error_set(e, E_INVAL, "leave_id",
                         _("this request is not waiting for that step"));
    return not_yours(ctx, committee, staff, rt, step, e);
}

/* --- writing -------------------------------------------------------------- */

static const char sql_step_row[] =
    "SELECT approver_id, decision FROM leave_steps"
    " WHERE leave_id = ?1 AND step = ?2";
static const char sql_notice_requester[] =
    "UPDATE leave SET requester_notice = 1 WHERE id = ?1";
static const char sql_notice_approvers[] =
    "UPDATE leave SET approver_notice = ?2 WHERE id = ?1";

static int
step_row(struct db *db, int64_t leave, int step, int64_t *approver,
         char *decision, size_t size, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_step_row);
    int rc;

    if (st == NULL)
        return db_failed(db, e);
    sqlite3_bind_int64(st, 1, leave);
    sqlite3_bind_int(st, 2, step);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *approver = sqlite3_column_int64(st, 0);
        db_column_copy(decision, size, st, 1);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(db, rc, e);
}

static int
exec_id(struct db *db, const char *sql, int64_t id, int64_t arg,
        struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    int rc;

    if (st == NULL)
        return db_failed(db, e);
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_bind_parameter_count(st) >= 2)
        sqlite3_bind_int64(st, 2, arg);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : db_error(db, rc, e);
}

int
leave_request(struct ctx *ctx, const struct leave_request *req, int64_t *id,
              struct error *e)
{
    struct leave_quote q;
    struct value v[L_NCOLS];
    struct change ch = { &leave_table, CH_INSERT, 0, 0, v, NULL, "request" };
    char from[11], to[11];

    if (leave_quote(ctx, req, &q, e) < 0)
        return -1;
    memset(v, 0, sizeof v);
    for (int c = L_APPROVER; c < L_NCOLS; c++)
        v[c].null = true;
    v[L_COMMITTEE].s = ctx->who.committee;
    v[L_STAFF].i = ctx->who.staff_id;
    v[L_TYPE].s = req->type;
    v[L_FROM].s = date_format(req->from, from);
    v[L_FROM_HALF].i = req->from_half == HALF_PM;
    v[L_TO].s = date_format(req->to, to);
    v[L_TO_HALF].i = req->to_half == HALF_PM;
    v[L_HALVES].i = q.halves;
    v[L_HALVES_NEXT].i = q.halves_next;
    v[L_REASON].s = req->reason;
    v[L_COVER].i = req->cover_id;
    v[L_STATUS].s = "pending";
    v[L_ROUTE].s = routes[q.route];
    v[L_STEP].i = 1;
    if (store_apply(ctx, &ch, 1, e) < 0)
        return -1;
    if (id != NULL)
        *id = ch.id;
    return 0;
}

/* Loads row id for a status change inside the caller's transaction. */
static int
load_for_change(struct ctx *ctx, int64_t id, int64_t version,
                struct value **v, int64_t *stored, struct row *r,
                struct error *e)
{
    if (store_load(ctx, &leave_table, id, v, stored, e) < 0) {
        if (e != NULL && e->code == E_PERM)
            error_set(e, E_NOTFOUND, NULL, _("no such leave request"));
        return -1;
    }
    if (version != 0 && *stored != version)
        return error_set(e, E_STALE, NULL,
                         _("someone else changed this request; look at it "
                           "again"));
    return parse_row(*v, r, e);
}

static void
set_text(struct value *v, const char *s)
{
    free((char *)v->s);
    v->s = s != NULL ? xstrdup(s) : NULL;
    v->null = false;
}

static void
set_int(struct value *v, int64_t i)
{
    free((char *)v->s);
    v->s = NULL;
    v->null = false;
    v->i = i;
}

/* What a status change did, for its audit row and who is told. */
struct outcome {
    const char *action;
    int         notice;    /* NOTICE_* */
};
enum { NOTICE_NONE, NOTICE_REQUESTER, NOTICE_APPROVERS };

/* One status change of row id: begin, load, let fn set the new values
 * (and write what must come first), apply, tell whom the outcome names,
 * commit. */
typedef int (*change_fn)(struct ctx *ctx, int64_t id, struct value *v,
                         const struct row *r, void *arg, struct outcome *o,
                         struct error *e);

static int
change_status(struct ctx *ctx, int64_t id, int64_t version, change_fn fn,
              void *arg, struct error *e)
{
    struct value *v = NULL;
    struct row r;
    struct outcome o = { NULL, NOTICE_NONE };
    int64_t stored = 0;
    struct change ch = { &leave_table, CH_UPDATE, id, 0, NULL, NULL, NULL };
    int rc = -1;

    if (db_begin(ctx->db, e) < 0)
        return -1;
    if (load_for_change(ctx, id, version, &v, &stored, &r, e) == 0 &&
        fn(ctx, id, v, &r, arg, &o, e) == 0) {
        ch.version = stored;
        ch.vals = v;
        ch.action = o.action;
        rc = store_apply(ctx, &ch, 1, e);
    }
    if (rc == 0 && o.notice == NOTICE_REQUESTER)
        rc = exec_id(ctx->db, sql_notice_requester, id, 0, e);
    if (rc == 0 && o.notice == NOTICE_APPROVERS)
        rc = exec_id(ctx->db, sql_notice_approvers, id,
                     r.route == ROUTE_DIRECTOR ? 1
                     : r.route == ROUTE_STREET ? 2 : 3, e);
    if (rc == 0)
        rc = db_commit(ctx->db, e);
    else
        db_rollback(ctx->db);
    store_values_free(v, L_NCOLS);
    return rc;
}

struct decision {
    bool        approve;
    const char *comment;
};

static int
decide_fn(struct ctx *ctx, int64_t id, struct value *v, const struct row *r,
          void *arg, struct outcome *o, struct error *e)
{
    struct decision *d = arg;
    struct value sv[S_NCOLS];
    struct change ch = { &leave_steps_table, CH_INSERT, 0, 0, sv, NULL,
                         d->approve ? "approve" : "reject" };
    int64_t now = util_now();
    bool forward = d->approve && r->route == ROUTE_DIRECTOR_STREET &&
                   r->step == 1;

    if (r->status != LEAVE_PENDING)
        return error_set(e, E_INVAL, "status",
                         _("this request is no longer waiting: it is %s"),
                         leave_status_label(r->status));
    memset(sv, 0, sizeof sv);
    sv[S_LEAVE].i = id;
    sv[S_COMMITTEE].s = r->committee;
    sv[S_STEP].i = r->step;
    sv[S_APPROVER].i = ctx->who.staff_id;
    sv[S_DECISION].s = d->approve ? "approved" : "rejected";
    sv[S_COMMENT].s = d->comment;
    sv[S_DECIDED].i = now;
    /* The step first: the leave's check looks for it. */
    if (store_apply(ctx, &ch, 1, e) < 0)
        return -1;
    set_text(&v[L_STATUS], forward ? "pending"
                           : d->approve ? "approved" : "rejected");
    set_int(&v[L_STEP], forward ? 2 : r->step);
    set_int(&v[L_APPROVER], ctx->who.staff_id);
    set_text(&v[L_COMMENT], d->comment);
    set_int(&v[L_DECIDED], now);
    o->action = forward ? "forward" : d->approve ? "approve" : "reject";
    o->notice = forward ? NOTICE_NONE : NOTICE_REQUESTER;
    return 0;
}

int
leave_decide(struct ctx *ctx, int64_t id, int64_t version, bool approve,
             const char *comment, struct error *e)
{
    struct decision d = { approve, comment };

    if (comment != NULL && *comment == '\0')
        d.comment = NULL;
    if (!approve && d.comment == NULL)
        return error_set(e, E_INVAL, "comment",
                         _("say why the request is rejected"));
    return change_status(ctx, id, version, decide_fn, &d, e);
}

int
leave_approve_all(struct ctx *ctx, const int64_t *ids, size_t n,
                  const char *comment, size_t *approved, struct error *e)
{
    struct error one = { 0 };
    int rc = 0;

    *approved = 0;
    for (size_t i = 0; i < n; i++) {
        if (leave_decide(ctx, ids[i], 0, true, comment, &one) == 0) {
            (*approved)++;
        } else if (rc == 0) {
            rc = -1;
            if (e != NULL)
                *e = one;
        }
    }
    return rc;
}

static int
withdraw_fn(struct ctx *ctx, int64_t id, struct value *v, const struct row *r,
            void *arg, struct outcome *o, struct error *e)
{
    (void)ctx; (void)id; (void)arg;
    o->action = "withdraw";
    if (r->status != LEAVE_PENDING)
        return error_set(e, E_INVAL, "status",
                         _("only a waiting request can be withdrawn; this "
                           "one is %s"), leave_status_label(r->status));
    set_text(&v[L_STATUS], "withdrawn");
    return 0;
}

int
leave_withdraw(struct ctx *ctx, int64_t id, int64_t version, struct error *e)
{
    return change_status(ctx, id, version, withdraw_fn, NULL, e);
}

static int
cancel_fn(struct ctx *ctx, int64_t id, struct value *v, const struct row *r,
          void *arg, struct outcome *o, struct error *e)
{
    (void)ctx; (void)id; (void)arg;
    o->action = "cancel";
    o->notice = NOTICE_APPROVERS;
    if (r->status != LEAVE_APPROVED)
        return error_set(e, E_INVAL, "status",
                         _("only approved leave can be cancelled; this "
                           "request is %s"), leave_status_label(r->status));
    set_text(&v[L_STATUS], "cancelled");
    return 0;
}

int
leave_cancel(struct ctx *ctx, int64_t id, int64_t version, struct error *e)
{
    return change_status(ctx, id, version, cancel_fn, NULL, e);
}

struct back {
    date_t day;
    enum half half;
    struct leave_return *out;
};

static int
return_fn(struct ctx *ctx, int64_t id, struct value *v, const struct row *r,
          void *arg, struct outcome *o, struct error *e)
{
    struct back *b = arg;
    struct leave l = {
        .from = r->from, .to = r->to, .from_half = (enum half)r->from_half,
        .to_half = (enum half)r->to_half, .halves = r->halves,
        .halves_next = r->halves_next,
    };
    char buf[11];

    (void)id;
    o->action = "return";
    if (r->status != LEAVE_APPROVED)
        return error_set(e, E_INVAL, "status",
                         _("only approved leave is reported back; this "
                           "request is %s"), leave_status_label(r->status));
    if (leave_return_quote(ctx, &l, b->day, b->half, b->out, e) < 0)
        return -1;
    set_text(&v[L_STATUS], "returned");
    set_text(&v[L_RET], date_format(b->day, buf));
    set_int(&v[L_RET_HALF], b->half == HALF_PM);
    set_int(&v[L_USED], b->out->used);
    set_int(&v[L_USED_NEXT], b->out->used_next);
    set_int(&v[L_LATE], b->out->late);
    return 0;
}

int
leave_report_back(struct ctx *ctx, int64_t id, int64_t version, date_t back,
                  enum half back_half, struct leave_return *out,
                  struct error *e)
{
    struct leave_return tmp;
    struct back b = { back, back_half, out != NULL ? out : &tmp };

    if (back == DATE_NONE)
        return error_set(e, E_INVAL, "returned_date",
                         _("the day you are back is required"));
    return change_status(ctx, id, version, return_fn, &b, e);
}

/* --- what a request is now ------------------------------------------------ */

bool
leave_mine_to_decide(const struct ctx *ctx, const struct leave *l)
{
    return l->status == LEAVE_PENDING &&
           may_decide(ctx, l->committee, l->staff_id, l->route, l->step);
}

