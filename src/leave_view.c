/* leave_view.c — leave as people see it: the day count on the calendar,
 * what a request or a 销假 would take, balances, the lists, what the home
 * screen says, who is out. leave.c holds the rules and the writes.
 *
 * A half-day position ("pos") is day * 2 + half, so ranges of half-days
 * compare as integers and, in SQL, as the text from_date || from_half. */
#include "juwei/leave.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/staff.h"

char *
leave_days_text(int halves, char buf[static 16])
{
    int a = halves < 0 ? -halves : halves;

    snprintf(buf, 16, "%s%d%s", halves < 0 ? "-" : "", a / 2,
             a % 2 != 0 ? ".5" : "");
    return buf;
}

/* --- half-day positions ------------------------------------------------- */

static int64_t
pos(date_t day, enum half h)
{
    return (int64_t)day * 2 + (int)h;
}

static date_t
pos_day(int64_t p)
{
    return (date_t)(p >= 0 ? p / 2 : (p - 1) / 2);
}

static enum half
pos_half(int64_t p)
{
    return p - (int64_t)pos_day(p) * 2 == 0 ? HALF_AM : HALF_PM;
}

/* Working halves from position a to b inclusive; 0 when b < a. */
static int
count_pos(const struct calendar *c, int64_t a, int64_t b)
{
    if (b < a)
        return 0;
    return calendar_count_halves(c, pos_day(a), pos_half(a), pos_day(b),
                                 pos_half(b));
}

static int
year_of(date_t d)
{
    int y, m, dd;

    date_to_ymd(d, &y, &m, &dd);
    return y;
}

/* Of the halves from a to b, those in b's year when it is after a's. */
static int
next_year_part(const struct calendar *c, int64_t a, int64_t b)
{
    int ya = year_of(pos_day(a)), yb = year_of(pos_day(b));

    if (yb == ya)
        return 0;
    return count_pos(c, pos(date_from_ymd(yb, 1, 1), HALF_AM), b);
}

/* "2026-04-02 afternoon" */
static char *
pos_text(date_t day, enum half h, char buf[static 64])
{
    char d[11];

    snprintf(buf, 64, "%s %s", date_format(day, d),
             h == HALF_AM ? _("morning") : _("afternoon"));
    return buf;
}

/* --- small SQL helpers ------------------------------------------------- */

static date_t
col_date(sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    date_t d;

    return s != NULL && date_parse_iso(s, &d) ? d : DATE_NONE;
}

/* A statement with the session's scope, :me and :today bound. */
static sqlite3_stmt *
scoped(struct ctx *ctx, const char *sql)
{
    sqlite3_stmt *st = db_stmt(ctx->db, sql);
    char today[11];

    if (st != NULL) {
        session_bind_scope(&ctx->who, st);
        db_bind_int(st, ":me", ctx->who.staff_id);
        db_bind_text(st, ":today", date_format(date_today(), today));
    }
    return st;
}

/* --- what a request would take ------------------------------------------- */

static const char sql_overlap[] =
    "SELECT from_date, from_half, to_date, to_half, status FROM leave"
    " WHERE staff_id = ?1"
    " AND (from_date || from_half) <= ?3 AND ("
    "  (status IN ('pending', 'approved') AND (to_date || to_half) >= ?2) OR"
    "  (status = 'returned' AND min(to_date || to_half,"
    "   CASE returned_half WHEN 1 THEN returned_date || '0'"
    "   ELSE date(returned_date, '-1 day') || '1' END) >= ?2))"
    " ORDER BY from_date LIMIT 1";

/* The halves of a type taken (approved, or returned as taken) and asked
 * for (pending) in `year` by one person: a row counts its part in that
 * year, so a leave across the year end is charged to both. */
static const char sql_taken[] =
    "SELECT coalesce(sum(CASE WHEN status <> 'pending' THEN n END), 0),"
    " coalesce(sum(CASE WHEN status = 'pending' THEN n END), 0) FROM ("
    " SELECT status, CASE WHEN substr(from_date, 1, 4) = ?3"
    "  THEN (CASE status WHEN 'returned' THEN used_halves - used_next"
    "        ELSE halves - halves_next END)"
    "  ELSE (CASE status WHEN 'returned' THEN used_next ELSE halves_next END)"
    "  END AS n FROM leave"
    " WHERE staff_id = ?1 AND type = ?2"
    "  AND status IN ('pending', 'approved', 'returned')"
    "  AND from_date >= ?4 AND from_date <= ?5)";

static const char sql_cover[] =
    "SELECT committee_id, role, active FROM staff WHERE id = ?1";

static int
taken(struct db *db, int64_t staff, const char *type, int year, int *used,
      int *pending, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_taken);
    char y[16], from[32], to[32];
    int rc;

    if (st == NULL)
        return db_failed(db, e);
    snprintf(y, sizeof y, "%04d", year);
    snprintf(from, sizeof from, "%04d-01-01", year - 1);
    snprintf(to, sizeof to, "%04d-12-31", year);
    sqlite3_bind_int64(st, 1, staff);
    sqlite3_bind_text(st, 2, type, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, y, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, to, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *used = sqlite3_column_int(st, 0);
        *pending = sqlite3_column_int(st, 1);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : db_error(db, rc, e);
}

static int
check_overlap(struct db *db, int64_t staff, int64_t from, int64_t to,
              struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_overlap);
    char a[32], b[32], d[11];
    int rc;

    if (st == NULL)
        return db_failed(db, e);
    snprintf(a, sizeof a, "%s%d", date_format(pos_day(from), d),
             (int)pos_half(from));
    snprintf(b, sizeof b, "%s%d", date_format(pos_day(to), d),
             (int)pos_half(to));
    sqlite3_bind_int64(st, 1, staff);
    sqlite3_bind_text(st, 2, a, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, b, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        char p1[64], p2[64], status[16];
        enum leave_status s = LEAVE_PENDING;

        db_column_copy(status, sizeof status, st, 4);
        leave_status_parse(status, &s);
        pos_text(col_date(st, 0), sqlite3_column_int(st, 1) ? HALF_PM
                                                            : HALF_AM, p1);
        pos_text(col_date(st, 2), sqlite3_column_int(st, 3) ? HALF_PM
                                                            : HALF_AM, p2);
        sqlite3_reset(st);
        return error_set(e, E_INVAL, "from_date",
                         _("this overlaps your leave from %s to %s (%s)"),
                         p1, p2, leave_status_label(s));
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : db_error(db, rc, e);
}

static int
check_cover(struct ctx *ctx, int64_t cover, struct error *e)
{
    sqlite3_stmt *st = db_stmt(ctx->db, sql_cover);
    char committee[64] = "", role[16] = "";
    int rc, active = 0;

    if (cover == 0)
        return 0;
    if (st == NULL)
        return db_failed(ctx->db, e);
    sqlite3_bind_int64(st, 1, cover);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        db_column_copy(committee, sizeof committee, st, 0);
        db_column_copy(role, sizeof role, st, 1);
        active = sqlite3_column_int(st, 2);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_error(ctx->db, rc, e);
    if (cover == ctx->who.staff_id || rc == SQLITE_DONE || !active ||
        strcmp(committee, ctx->who.committee) != 0 ||
        (strcmp(role, "staff") != 0 && strcmp(role, "director") != 0))
        return error_set(e, E_INVAL, "cover_id",
                         _("the cover must be someone else of your "
                           "committee"));
    return 0;
}

/* Each year's share against that year's quota. */
static int
check_quota(struct ctx *ctx, const struct cfg_leave_type *lt,
            const struct leave_quote *q, struct error *e)
{
    int share = q->halves - q->halves_next, t = q->taken, used, pending;

    for (int y = 0; q->capped && y < 2; y++) {
        char d1[16], d2[16], d3[16];

        if (y == 1) {
            if (q->halves_next == 0)
                break;
            if (taken(ctx->db, ctx->who.staff_id, lt->id, q->year + 1, &used,
                      &pending, e) < 0)
                return -1;
            t = used + pending;
            share = q->halves_next;
        }
        if (share > q->quota - t)
            return error_set(e, E_INVAL, "type",
                             _("%s: %s days a year, %s left in %d; this "
                               "request takes %s"), lt->name,
                             leave_days_text(q->quota, d1),
                             leave_days_text(q->quota > t ? q->quota - t : 0,
                                             d2),
                             q->year + y, leave_days_text(share, d3));
    }
    return 0;
}

int
leave_quote(struct ctx *ctx, const struct leave_request *r,
            struct leave_quote *q, struct error *e)
{
    const struct calendar *cal = &ctx->cfg->calendar;
    const struct cfg_leave_type *lt;
    char a[64], b[11];
    int used, pending;
    int64_t from, to;

    memset(q, 0, sizeof *q);
    q->quota = -1;
    if (ctx->who.role != ROLE_STAFF && ctx->who.role != ROLE_DIRECTOR)
        return error_set(e, E_PERM, NULL, _("only committee staff and "
                                            "directors ask for leave"));
    q->route = ctx->who.role == ROLE_DIRECTOR ? ROUTE_STREET : ROUTE_DIRECTOR;
    if (r->type == NULL || (lt = config_leave_type(ctx->cfg, r->type)) == NULL)
        return error_set(e, E_INVAL, "type", _("unknown leave type \"%s\""),
                         r->type != NULL ? r->type : "");
    q->capped = lt->quota >= 0;
    q->quota = q->capped ? (int)(lt->quota * 2 + 0.5) : -1;
    if (r->from == DATE_NONE)
        return error_set(e, E_INVAL, "from_date",
                         _("the first day is required"));
    if (r->to == DATE_NONE)
        return error_set(e, E_INVAL, "to_date",
                         _("the last day is required"));
    q->year = year_of(r->from);
    from = pos(r->from, r->from_half);
    to = pos(r->to, r->to_half);
    if (to < from)
        return error_set(e, E_INVAL, "to_date",
                         _("the leave ends before it starts"));
    if (r->to - r->from > 365)
        return error_set(e, E_INVAL, "to_date",
                         _("a leave may not be longer than a year; ask for "
                           "it in parts"));
    if (!calendar_covers(cal, r->from) || !calendar_covers(cal, r->to)) {
        bool first = !calendar_covers(cal, r->from);

        return error_set(e, E_INVAL, first ? "from_date" : "to_date",
                         _("%s is outside the working calendar (%d to %d); "
                           "the administrator must add that year first"),
                         date_format(first ? r->from : r->to, b),
                         cal->first_year, cal->last_year);
    }
    q->halves = count_pos(cal, from, to);
    q->halves_next = next_year_part(cal, from, to);
    if (q->halves == 0)
        return error_set(e, E_INVAL, "to_date",
                         _("there is no working day from %s to %s: nothing "
                           "to ask for"), pos_text(r->from, r->from_half, a),
                         date_format(r->to, b));
    if (q->route == ROUTE_DIRECTOR && lt->street_after > 0 &&
        q->halves > 2 * lt->street_after)
        q->route = ROUTE_DIRECTOR_STREET;
    if (taken(ctx->db, ctx->who.staff_id, lt->id, q->year, &used, &pending,
              e) < 0)
        return -1;
    q->taken = used + pending;
    q->left = q->capped ? q->quota - q->taken - (q->halves - q->halves_next)
                        : 0;
    if (check_overlap(ctx->db, ctx->who.staff_id, from, to, e) < 0 ||
        check_quota(ctx, lt, q, e) < 0)
        return -1;
    return check_cover(ctx, r->cover_id, e);
}

int
leave_return_quote(const struct ctx *ctx, const struct leave *l, date_t back,
                   enum half back_half, struct leave_return *out,
                   struct error *e)
{
    const struct calendar *cal = &ctx->cfg->calendar;
    int64_t start = pos(l->from, l->from_half), end = pos(l->to, l->to_half);
    int64_t last = pos(back, back_half) - 1;     /* the last half away */
    char buf[64];

    memset(out, 0, sizeof *out);
    if (back == DATE_NONE)
        return error_set(e, E_INVAL, "returned_date",
                         _("the day you are back is required"));
    if (back > date_today())
        return error_set(e, E_INVAL, "returned_date",
                         _("report back on the day you are back: the return "
                           "cannot be after today"));
    if (last + 1 < start)
        return error_set(e, E_INVAL, "returned_date",
                         _("the return is before the leave began (%s)"),
                         pos_text(l->from, l->from_half, buf));
    if (!calendar_covers(cal, back))
        return error_set(e, E_INVAL, "returned_date",
                         _("%s is outside the working calendar (%d to %d); "
                           "the administrator must add that year first"),
                         date_format(back, buf), cal->first_year,
                         cal->last_year);
    if (last >= end) {
        /* The approved count stands, even if the calendar changed since. */
        out->used = l->halves;
        out->used_next = l->halves_next;
        out->late = count_pos(cal, end + 1, last);
    } else {
        int first = l->halves - l->halves_next;
        int64_t ye = pos(date_from_ymd(year_of(l->from), 12, 31), HALF_PM);
        int a = count_pos(cal, start, last < ye ? last : ye);

        out->used_next = next_year_part(cal, start, last);
        if (out->used_next > l->halves_next)
            out->used_next = l->halves_next;
        out->used = (a < first ? a : first) + out->used_next;
    }
    out->given = l->halves - out->used;
    return 0;
}

int
leave_recount(const struct ctx *ctx, const struct leave *l)
{
    return calendar_count_halves(&ctx->cfg->calendar, l->from, l->from_half,
                                 l->to, l->to_half);
}

bool
leave_overdue(const struct leave *l, date_t today)
{
    return l->status == LEAVE_APPROVED && l->to < today;
}

int
leave_balances(struct ctx *ctx, int64_t staff_id, int year,
               struct leave_balance *out, struct error *e)
{
    const struct config *cfg = ctx->cfg;
    struct staff s;

    if (staff_id != ctx->who.staff_id &&
        (ctx->who.role == ROLE_STAFF || staff_get(ctx, staff_id, &s, e) < 0))
        return error_set(e, E_PERM, NULL,
                         _("you may only see your own leave balance"));
    for (size_t i = 0; i < cfg->nleave_types; i++) {
        const struct cfg_leave_type *t = &cfg->leave_types[i];
        struct leave_balance *b = &out[i];

        b->type = t->id;
        b->name = t->name;
        b->quota = t->quota >= 0 ? (int)(t->quota * 2 + 0.5) : -1;
        if (taken(ctx->db, staff_id, t->id, year, &b->used, &b->pending,
                  e) < 0)
            return -1;
        b->left = b->quota >= 0 ? b->quota - b->used - b->pending : 0;
    }
    return 0;
}

/* --- reading requests ---------------------------------------------------- */

/* A staff-role account sees its own requests only (reasons are
 * personal); directors and the street office everything in scope. */
#define LEAVE_SELECT \
    "SELECT l.id, l.version, l.staff_id, s.name, l.committee_id, l.type," \
    " l.from_date, l.from_half, l.to_date, l.to_half, l.halves," \
    " l.halves_next, coalesce(l.reason, ''), coalesce(l.cover_id, 0)," \
    " coalesce(c.name, ''), l.status, l.route, l.step," \
    " coalesce(l.approver_id, 0), coalesce(a.name, '')," \
    " coalesce(l.comment, ''), coalesce(l.decided_at, 0), l.returned_date," \
    " coalesce(l.returned_half, 0), coalesce(l.used_halves, 0)," \
    " coalesce(l.late_halves, 0), l.created_at" \
    " FROM leave l JOIN staff s ON s.id = l.staff_id" \
    " LEFT JOIN staff c ON c.id = l.cover_id" \
    " LEFT JOIN staff a ON a.id = l.approver_id WHERE" LEAVE_SEES

#define LEAVE_SEES " " SCOPE_SQL("l.committee_id") \
    " AND (:role <> 0 OR l.staff_id = :me)"

/* Waiting for my decision: the director the first step of a staff
 * member's leave, the street office a director's leave and second steps. */
#define W_WAITING " AND l.status = 'pending' AND l.staff_id <> :me AND" \
    " ((:role = 1 AND l.step = 1 AND l.route <> 'street') OR" \
    "  (:role = 2 AND (l.route = 'street' OR l.step = 2)))"
#define W_MINE " AND l.staff_id = :me"
#define NEWEST "l.from_date DESC, l.id DESC"
#define OLDEST "l.from_date ASC, l.id ASC"

/* Keyset pages on (from_date, id): FIRST, LAST, AFTER, FROM, BEFORE.
 * LAST and BEFORE read backwards and are put in order afterwards. */
#define PAGES(w, fwd, back, lt, gt) { \
    [PAGE_FIRST]  = LEAVE_SELECT w " ORDER BY " fwd " LIMIT :n", \
    [PAGE_LAST]   = LEAVE_SELECT w " ORDER BY " back " LIMIT :n", \
    [PAGE_AFTER]  = LEAVE_SELECT w " AND (l.from_date, l.id) " lt \
                    " (:at, :id) ORDER BY " fwd " LIMIT :n", \
    [PAGE_FROM]   = LEAVE_SELECT w " AND (l.from_date, l.id) " lt "=" \
                    " (:at, :id) ORDER BY " fwd " LIMIT :n", \
    [PAGE_BEFORE] = LEAVE_SELECT w " AND (l.from_date, l.id) " gt \
                    " (:at, :id) ORDER BY " back " LIMIT :n" }

static const char *const sql_pages[][5] = {
    [LEAVE_MINE]    = PAGES(W_MINE, NEWEST, OLDEST, "<", ">"),
    [LEAVE_WAITING] = PAGES(W_WAITING, OLDEST, NEWEST, ">", "<"),
    [LEAVE_SCOPE]   = PAGES("", NEWEST, OLDEST, "<", ">"),
};

static const char *const sql_counts[] = {
    [LEAVE_MINE]    = "SELECT count(*) FROM leave l WHERE" LEAVE_SEES W_MINE,
    [LEAVE_WAITING] = "SELECT count(*) FROM leave l WHERE" LEAVE_SEES
                      W_WAITING,
    [LEAVE_SCOPE]   = "SELECT count(*) FROM leave l WHERE" LEAVE_SEES,
};

static const char sql_get[] = LEAVE_SELECT " AND l.id = :id";

static const char sql_steps[] =
    "SELECT st.step, coalesce(a.name, ''), st.decision,"
    " coalesce(st.comment, ''), st.decided_at FROM leave_steps st"
    " LEFT JOIN staff a ON a.id = st.approver_id"
    " WHERE st.leave_id = ?1 ORDER BY st.step";

static void
read_leave(sqlite3_stmt *st, struct leave *l)
{
    char buf[20];

    memset(l, 0, sizeof *l);
    l->id = sqlite3_column_int64(st, 0);
    l->version = sqlite3_column_int64(st, 1);
    l->staff_id = sqlite3_column_int64(st, 2);
    db_column_copy(l->staff_name, sizeof l->staff_name, st, 3);
    db_column_copy(l->committee, sizeof l->committee, st, 4);
    db_column_copy(l->type, sizeof l->type, st, 5);
    l->from = col_date(st, 6);
    l->from_half = sqlite3_column_int(st, 7) ? HALF_PM : HALF_AM;
    l->to = col_date(st, 8);
    l->to_half = sqlite3_column_int(st, 9) ? HALF_PM : HALF_AM;
    l->halves = sqlite3_column_int(st, 10);
    l->halves_next = sqlite3_column_int(st, 11);
    db_column_copy(l->reason, sizeof l->reason, st, 12);
    l->cover_id = sqlite3_column_int64(st, 13);
    db_column_copy(l->cover_name, sizeof l->cover_name, st, 14);
    db_column_copy(buf, sizeof buf, st, 15);
    leave_status_parse(buf, &l->status);
    db_column_copy(buf, sizeof buf, st, 16);
    l->route = strcmp(buf, "street") == 0 ? ROUTE_STREET
             : strcmp(buf, "director_street") == 0 ? ROUTE_DIRECTOR_STREET
             : ROUTE_DIRECTOR;
    l->step = sqlite3_column_int(st, 17);
    l->approver_id = sqlite3_column_int64(st, 18);
    db_column_copy(l->approver_name, sizeof l->approver_name, st, 19);
    db_column_copy(l->comment, sizeof l->comment, st, 20);
    l->decided_at = sqlite3_column_int64(st, 21);
    l->returned = col_date(st, 22);
    l->returned_half = sqlite3_column_int(st, 23) ? HALF_PM : HALF_AM;
    l->used = sqlite3_column_int(st, 24);
    l->late = sqlite3_column_int(st, 25);
    l->created_at = sqlite3_column_int64(st, 26);
}

int
leave_get(struct ctx *ctx, int64_t id, struct leave *out, struct error *e)
{
    sqlite3_stmt *st = scoped(ctx, sql_get);
    int rc;

    if (st == NULL)
        return db_failed(ctx->db, e);
    db_bind_int(st, ":id", id);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW)
        read_leave(st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_NOTFOUND, NULL, _("no such leave request"));
    return rc == SQLITE_ROW ? 0 : db_error(ctx->db, rc, e);
}

int
leave_steps(struct ctx *ctx, int64_t id, struct leave_step *out, size_t max,
            size_t *n, struct error *e)
{
    struct leave l;
    sqlite3_stmt *st;
    int rc;

    *n = 0;
    if (leave_get(ctx, id, &l, e) < 0)
        return -1;
    if ((st = db_stmt(ctx->db, sql_steps)) == NULL)
        return db_failed(ctx->db, e);
    sqlite3_bind_int64(st, 1, id);
    while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct leave_step *s = &out[(*n)++];
        char decision[16];

        s->step = sqlite3_column_int(st, 0);
        db_column_copy(s->approver_name, sizeof s->approver_name, st, 1);
        db_column_copy(decision, sizeof decision, st, 2);
        s->approved = strcmp(decision, "approved") == 0;
        db_column_copy(s->comment, sizeof s->comment, st, 3);
        s->decided_at = sqlite3_column_int64(st, 4);
    }
    sqlite3_reset(st);
    return 0;
}

int
leave_page(struct ctx *ctx, enum leave_view view, enum page_dir dir,
           const char *at_key, int64_t at_id, int n, struct leave *out,
           int *got, struct error *e)
{
    bool backwards = dir == PAGE_LAST || dir == PAGE_BEFORE;
    sqlite3_stmt *st = scoped(ctx, sql_pages[view][dir]);
    int rc = SQLITE_DONE, m = 0;

    *got = 0;
    if (st == NULL)
        return db_failed(ctx->db, e);
    db_bind_text(st, ":at", at_key != NULL ? at_key : "");
    db_bind_int(st, ":id", at_id);
    db_bind_int(st, ":n", n);
    while (m < n && (rc = sqlite3_step(st)) == SQLITE_ROW)
        read_leave(st, &out[m++]);
    sqlite3_reset(st);
    if (m < n && rc != SQLITE_DONE)
        return db_error(ctx->db, rc, e);
    for (int i = 0; backwards && i < m / 2; i++) {
        struct leave tmp = out[i];

        out[i] = out[m - 1 - i];
        out[m - 1 - i] = tmp;
    }
    *got = m;
    return 0;
}

long
leave_page_count(struct ctx *ctx, enum leave_view view)
{
    sqlite3_stmt *st = scoped(ctx, sql_counts[view]);
    long n = -1;

    if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    if (st != NULL)
        sqlite3_reset(st);
    return n;
}

/* --- the home screen ------------------------------------------------------ */

/* :bit is the account's approver_notice bit: 1 director, 2 street. */
static const char sql_news[] =
    "SELECT"
    " coalesce(sum(1" W_WAITING "), 0),"
    " coalesce(sum(l.staff_id = :me AND l.requester_notice = 1"
    "  AND l.status <> 'rejected'), 0),"
    " coalesce(sum(l.staff_id = :me AND l.requester_notice = 1"
    "  AND l.status = 'rejected'), 0),"
    " coalesce(sum(l.staff_id = :me AND l.status = 'approved'"
    "  AND l.to_date < :today), 0),"
    " coalesce(sum(l.staff_id <> :me AND l.status = 'approved'"
    "  AND l.to_date < :today AND ((:role = 1 AND l.route <> 'street') OR"
    "  (:role = 2 AND l.route = 'street'))), 0),"
    " coalesce(sum(l.staff_id <> :me AND l.status = 'cancelled'"
    "  AND (l.approver_notice & :bit) <> 0), 0)"
    " FROM leave l WHERE" LEAVE_SEES;

static const char sql_seen_decisions[] =
    "UPDATE leave SET requester_notice = 0"
    " WHERE staff_id = :me AND requester_notice = 1";

static const char sql_seen_cancellations[] =
    "UPDATE leave SET approver_notice = approver_notice & ~:bit"
    " WHERE status = 'cancelled' AND (approver_notice & :bit) <> 0"
    " AND staff_id <> :me AND " SCOPE_SQL("committee_id");

static int
notice_bit(const struct ctx *ctx)
{
    return ctx->who.role == ROLE_DIRECTOR ? 1
         : ctx->who.role == ROLE_STREET ? 2 : 0;
}

int
leave_news(struct ctx *ctx, date_t today, struct leave_news *out,
           struct error *e)
{
    sqlite3_stmt *st = scoped(ctx, sql_news);
    char day[11];
    int rc;

    memset(out, 0, sizeof *out);
    if (st == NULL)
        return db_failed(ctx->db, e);
    db_bind_text(st, ":today", date_format(today, day));
    db_bind_int(st, ":bit", notice_bit(ctx));
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out->waiting = sqlite3_column_int(st, 0);
        out->approved = sqlite3_column_int(st, 1);
        out->rejected = sqlite3_column_int(st, 2);
        out->my_overdue = sqlite3_column_int(st, 3);
        out->overdue = sqlite3_column_int(st, 4);
        out->cancelled = sqlite3_column_int(st, 5);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : db_error(ctx->db, rc, e);
}

static int
seen(struct ctx *ctx, const char *sql, struct error *e)
{
    sqlite3_stmt *st = scoped(ctx, sql);
    int rc;

    if (st == NULL)
        return db_failed(ctx->db, e);
    db_bind_int(st, ":bit", notice_bit(ctx));
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : db_error(ctx->db, rc, e);
}

int
leave_seen_decisions(struct ctx *ctx, struct error *e)
{
    return seen(ctx, sql_seen_decisions, e);
}

int
leave_seen_cancellations(struct ctx *ctx, struct error *e)
{
    return notice_bit(ctx) == 0 ? 0 : seen(ctx, sql_seen_cancellations, e);
}

/* --- who is out --------------------------------------------------------- */

static const char sql_spans[] =
    "SELECT l.id, l.staff_id, l.type, l.from_date, l.from_half, l.to_date,"
    " l.to_half, l.status, l.returned_date, coalesce(l.returned_half, 0)"
    " FROM leave l WHERE" LEAVE_SEES
    " AND l.status IN ('pending', 'approved', 'returned')"
    " AND l.from_date <= :last"
    " AND max(l.to_date, coalesce(l.returned_date, '')) >= :first"
    " ORDER BY l.staff_id, l.from_date, l.id";

static void
add_span(struct leave_span **v, size_t *n, size_t *cap,
         const struct leave_span *s, int64_t from, int64_t to,
         enum leave_span_kind kind)
{
    if (to < from)
        return;
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        *v = xreallocarray(*v, *cap, sizeof **v);
    }
    (*v)[*n] = *s;
    (*v)[*n].from = pos_day(from);
    (*v)[*n].from_half = pos_half(from);
    (*v)[*n].to = pos_day(to);
    (*v)[*n].to_half = pos_half(to);
    (*v)[*n].kind = kind;
    (*n)++;
}

int
leave_spans(struct ctx *ctx, date_t first, date_t last,
            struct leave_span **out, size_t *n, struct error *e)
{
    sqlite3_stmt *st = scoped(ctx, sql_spans);
    struct leave_span *v = NULL;
    size_t len = 0, cap = 0;
    char a[11], b[11];
    int rc;

    *out = NULL;
    *n = 0;
    if (st == NULL)
        return db_failed(ctx->db, e);
    db_bind_text(st, ":first", date_format(first, a));
    db_bind_text(st, ":last", date_format(last, b));
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct leave_span s = { 0 };
        char status[16];
        int64_t from, to;

        s.leave_id = sqlite3_column_int64(st, 0);
        s.staff_id = sqlite3_column_int64(st, 1);
        db_column_copy(s.type, sizeof s.type, st, 2);
        from = pos(col_date(st, 3), sqlite3_column_int(st, 4) ? HALF_PM
                                                              : HALF_AM);
        to = pos(col_date(st, 5), sqlite3_column_int(st, 6) ? HALF_PM
                                                            : HALF_AM);
        db_column_copy(status, sizeof status, st, 7);
        if (strcmp(status, "returned") == 0) {
            /* As taken up to the half before the return, then overstayed. */
            int64_t back = pos(col_date(st, 8), sqlite3_column_int(st, 9)
                                                ? HALF_PM : HALF_AM);

            add_span(&v, &len, &cap, &s, from, back - 1 < to ? back - 1 : to,
                     SPAN_TAKEN);
            add_span(&v, &len, &cap, &s, to + 1, back - 1, SPAN_LATE);
        } else {
            add_span(&v, &len, &cap, &s, from, to,
                     strcmp(status, "pending") == 0 ? SPAN_PENDING
                                                    : SPAN_TAKEN);
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(v);
        return db_error(ctx->db, rc, e);
    }
    *out = v;
    *n = len;
    return 0;
}
