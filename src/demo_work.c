/* demo_work.c — the demo's work: daily records, inspections with their
 * follow-ups, visits, leave with its approval steps, training with its
 * attendees (see demo.h for the why of bulk INSERTs). Each phase draws
 * from its own random stream and spreads its rows evenly over the working
 * days of the two years, in date order, so ids grow with dates. */
#include "juwei/demo_work.h"

#include <stdlib.h>
#include <string.h>

#include "juwei/calendar.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/demo_text.h"
#include "juwei/leave.h"

/* --- SQL ------------------------------------------------------------- */

static const char sql_record[] =
    "INSERT INTO records (committee_id, staff_id, date, category, title,"
    " details, hours, version, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?8)";
static const char sql_inspection[] =
    "INSERT INTO inspections (committee_id, date, time, place, grid, category,"
    " found, severity, status, assignee_id, due_date, resolved_date,"
    " created_by, version, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
    " ?15, ?16)";
static const char sql_followup[] =
    "INSERT INTO inspection_followups (inspection_id, committee_id, date,"
    " staff_id, from_status, to_status, note, version, created_at,"
    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?8)";
static const char sql_visit[] =
    "INSERT INTO visits (committee_id, date, staff_id, resident_id, purpose,"
    " discussed, outcome, followup_needed, followup_date, followup_done,"
    " version, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
static const char sql_leave[] =
    "INSERT INTO leave (committee_id, staff_id, type, from_date, from_half,"
    " to_date, to_half, halves, halves_next, reason, cover_id, status, route,"
    " step, approver_id, comment, decided_at, returned_date, returned_half,"
    " used_halves, used_next, late_halves, version, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
    " ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)";
static const char sql_leave_step[] =
    "INSERT INTO leave_steps (leave_id, committee_id, step, approver_id,"
    " decision, comment, decided_at, version, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?7, ?7)";
static const char sql_training[] =
    "INSERT INTO training (district_id, committee_id, date, level, title,"
    " organiser, hours, version, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?8)";
static const char sql_attendee[] =
    "INSERT INTO training_attendees (training_id, staff_id, committee_id,"
    " hours, version, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5)";

/* --- work records ---------------------------------------------------- */

int
demo_work_records(struct demo_build *b, long total, struct error *e)
{
    static const double hours[] = { 0.5, 1, 1, 1.5, 1.5, 2, 2, 2, 3, 4 };
    const struct cfg_list *cats = &b->cfg->record_categories;
    struct demo_rng r;
    struct demo_draw cd;
    char title[256], details[1024], day[11];
    int rc = -1;

    demo_text_seed(&r, b->o->seed, S_RECORDS);
    demo_text_draw_list(&cd, cats, "record");
    if (demo_txn_phase(b, "records", NULL, e) < 0)
        goto out;
    for (long i = 0; i < total; i++) {
        const struct demo_unit *u = demo_any_unit(b, &b->units, &r);
        const char *cat = demo_list_id(cats, &cd, &r);
        sqlite3_stmt *st = db_stmt(b->db, sql_record);
        date_t dd = demo_day_of(b, i, total);

        if (st == NULL) {
            demo_failed(b, e);
            goto out;
        }
        demo_text_record(&r, cat, title, sizeof title, details,
                         sizeof details);
        sqlite3_bind_text(st, 1, u->cfg->id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, demo_any_staff(u, &r));
        sqlite3_bind_text(st, 3, date_format(dd, day), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, cat, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, title, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, details, -1, SQLITE_STATIC);
        if (demo_text_chance(&r, 900))
            sqlite3_bind_double(st, 7,
                                hours[demo_text_below(&r, ARRAY_LEN(hours))]);
        sqlite3_bind_int64(st, 8,
                           demo_stamp(b, dd, demo_text_between(&r, 480, 1080)));
        if (demo_step(b, st, e) < 0 || demo_txn_row(b, total, e) < 0)
            goto out;
        b->n->records++;
    }
    rc = demo_txn_commit(b, total, e);
out:
    if (rc < 0)
        db_rollback(b->db);
    demo_text_draw_free(&cd);
    return rc;
}

/* --- inspections ----------------------------------------------------- */

/* Where an inspection has got to, by the moves inspections.c allows:
 * the committee starts and resolves work, or escalates it to the street
 * office, which resolves it or sends it back. */
enum path { P_OPEN, P_WORK, P_DONE, P_UP, P_UP_DONE, P_UP_BACK_DONE };

static const struct {
    const char *from, *to;
    char        who;       /* a: the assignee, d: the director, s: street */
} paths[][3] = {
    [P_OPEN] = { { NULL, NULL, 0 } },
    [P_WORK] = { { "open", "in_progress", 'a' } },
    [P_DONE] = { { "open", "in_progress", 'a' },
                 { "in_progress", "resolved", 'a' } },
    [P_UP] = { { "open", "escalated", 'd' } },
    [P_UP_DONE] = { { "open", "escalated", 'd' },
                    { "escalated", "resolved", 's' } },
    [P_UP_BACK_DONE] = { { "open", "escalated", 'd' },
                         { "escalated", "in_progress", 's' },
                         { "in_progress", "resolved", 'a' } },
};

/* Older inspections are mostly resolved; this week's mostly open. */
static enum path
inspection_path(struct demo_rng *r, date_t age)
{
    int x = (int)demo_text_below(r, 100);

    if (age > 30)
        return x < 86 ? P_DONE : x < 92 ? P_UP_DONE : x < 94 ? P_UP_BACK_DONE
             : x < 97 ? P_WORK : x < 99 ? P_UP : P_OPEN;
    if (age > 7)
        return x < 50 ? P_DONE : x < 55 ? P_UP_DONE : x < 80 ? P_WORK
             : x < 92 ? P_OPEN : P_UP;
    return x < 45 ? P_OPEN : x < 75 ? P_WORK : x < 95 ? P_DONE : P_UP;
}

struct move {
    const char *from, *to;
    int64_t     who;
    date_t      day;
    int         minute;
};

/* The follow-ups of a path, dated from `day` on, in order. */
static int
plan_moves(const struct demo_build *b, struct demo_rng *r, enum path p,
           date_t day, int minute, const int64_t who[3], struct move *mv)
{
    int n = 0;

    for (; n < 3 && paths[p][n].from != NULL; n++) {
        date_t d = day + demo_text_between(r, 0, 6);

        mv[n].day = d > b->until ? b->until : d;
        mv[n].minute = mv[n].day == day
                       ? minute + demo_text_between(r, 10, 120)
                       : demo_text_between(r, 480, 1080);
        mv[n].from = paths[p][n].from;
        mv[n].to = paths[p][n].to;
        mv[n].who = who[paths[p][n].who == 'a' ? 0
                        : paths[p][n].who == 'd' ? 1 : 2];
        day = mv[n].day;
        minute = mv[n].minute;
    }
    return n;
}

static int
add_followups(struct demo_build *b, struct demo_rng *r, int64_t id,
              const char *committee, const struct move *mv, int n,
              struct error *e)
{
    char note[256], day[11];

    for (int k = 0; k < n; k++) {
        sqlite3_stmt *st = db_stmt(b->db, sql_followup);

        if (st == NULL)
            return demo_failed(b, e);
        demo_text_followup(r, mv[k].from, mv[k].to, note, sizeof note);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, committee, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, date_format(mv[k].day, day), -1,
                          SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, mv[k].who);
        sqlite3_bind_text(st, 5, mv[k].from, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, mv[k].to, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 7, note, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 8, demo_stamp(b, mv[k].day, mv[k].minute));
        if (demo_step(b, st, e) < 0)
            return -1;
        b->n->followups++;
        b->rows[1]++;
    }
    return 0;
}

int
demo_work_inspections(struct demo_build *b, long total, struct error *e)
{
    const struct cfg_list *cats = &b->cfg->inspection_categories;
    struct demo_rng r;
    struct demo_draw cd;
    char place[128], found[256], day[11], due[11], done[11], tm[6];
    int rc = -1;

    demo_text_seed(&r, b->o->seed, S_INSPECTIONS);
    demo_text_draw_list(&cd, cats, "inspection");
    if (demo_txn_phase(b, "inspections", "inspection_followups", e) < 0)
        goto out;
    for (long i = 0; i < total; i++) {
        const struct demo_unit *u = demo_any_unit(b, &b->units, &r);
        const struct cfg_committee *c = u->cfg;
        const char *cat = demo_list_id(cats, &cd, &r);
        date_t dd = demo_day_of(b, i, total);
        int sev = demo_text_chance(&r, 700) ? 1
                : demo_text_chance(&r, 830) ? 2 : 3;
        int minute = demo_text_between(&r, 96, 192) * 5;
        enum path p = inspection_path(&r, b->until - dd);
        int64_t who[3] = { demo_any_staff(u, &r), u->staff[0],
                           b->street[u->district][demo_text_below(&r, 2)] };
        int64_t creator = demo_any_staff(u, &r);
        struct move mv[3];
        int n = plan_moves(b, &r, p, dd, minute, who, mv);
        const char *status = n > 0 ? mv[n - 1].to : "open";
        sqlite3_stmt *st = db_stmt(b->db, sql_inspection);

        if (st == NULL) {
            demo_failed(b, e);
            goto out;
        }
        if (p == P_OPEN && demo_text_chance(&r, 500))
            who[0] = 0;     /* nobody assigned yet */
        demo_text_place(&r, place, sizeof place);
        demo_text_found(&r, cat, found, sizeof found);
        date_format(dd + (sev == 3 ? demo_text_between(&r, 1, 2)
                          : sev == 2 ? demo_text_between(&r, 3, 7)
                                     : demo_text_between(&r, 7, 15)), due);
        sqlite3_bind_text(st, 1, c->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, date_format(dd, day), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, time_format(minute, tm), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, place, -1, SQLITE_STATIC);
        if (c->ngrids > 0 && demo_text_chance(&r, 900))
            sqlite3_bind_text(st, 5, c->grids[demo_text_below(
                                  &r, (uint32_t)c->ngrids)], -1,
                              SQLITE_STATIC);
        sqlite3_bind_text(st, 6, cat, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 7, found, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 8, sev);
        sqlite3_bind_text(st, 9, status, -1, SQLITE_STATIC);
        demo_bind_id(st, 10, who[0]);
        sqlite3_bind_text(st, 11, due, -1, SQLITE_STATIC);
        if (strcmp(status, "resolved") == 0)
            sqlite3_bind_text(st, 12, date_format(mv[n - 1].day, done), -1,
                              SQLITE_STATIC);
        sqlite3_bind_int64(st, 13, creator);
        /* Each follow-up changed the row once: its version and the time
         * of the last change show it. */
        sqlite3_bind_int(st, 14, 1 + n);
        sqlite3_bind_int64(st, 15, demo_stamp(b, dd, minute));
        sqlite3_bind_int64(st, 16, n > 0 ? demo_stamp(b, mv[n - 1].day,
                                                 mv[n - 1].minute)
                                         : demo_stamp(b, dd, minute));
        if (demo_step(b, st, e) < 0 ||
            add_followups(b, &r, sqlite3_last_insert_rowid(db_sqlite(b->db)),
                          c->id, mv, n, e) < 0 ||
            demo_txn_row(b, total, e) < 0)
            goto out;
        b->n->inspections++;
    }
    rc = demo_txn_commit(b, total, e);
out:
    if (rc < 0)
        db_rollback(b->db);
    demo_text_draw_free(&cd);
    return rc;
}

/* --- visits ---------------------------------------------------------- */

int
demo_work_visits(struct demo_build *b, long total, struct error *e)
{
    const struct cfg_list *purposes = &b->cfg->visit_purposes;
    struct demo_rng r;
    struct demo_draw pd, units;
    char discussed[512], outcome[256], day[11], fday[11];
    int rc = -1;

    demo_text_seed(&r, b->o->seed, S_VISITS);
    demo_text_draw_list(&pd, purposes, "visit");
    /* Only committees with someone to visit. */
    demo_text_draw_init(&units, b->nu);
    for (size_t i = 0; i < b->nu; i++)
        demo_text_draw_add(&units, b->u[i].nresidents > 0 ? b->u[i].weight
                                                          : 0);
    if (demo_text_draw(&units, &r) < 0)
        total = 0;
    if (demo_txn_phase(b, "visits", NULL, e) < 0)
        goto out;
    for (long i = 0; i < total; i++) {
        const struct demo_unit *u = demo_any_unit(b, &units, &r);
        const char *purpose = demo_list_id(purposes, &pd, &r);
        date_t dd = demo_day_of(b, i, total), fd = 0;
        int minute = demo_text_between(&r, 480, 1080);
        bool follow = demo_text_chance(&r, 200), done = false;
        sqlite3_stmt *st = db_stmt(b->db, sql_visit);

        if (st == NULL) {
            demo_failed(b, e);
            goto out;
        }
        demo_text_visit(&r, purpose, discussed, sizeof discussed, outcome,
                        sizeof outcome);
        sqlite3_bind_text(st, 1, u->cfg->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, date_format(dd, day), -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, demo_any_staff(u, &r));
        sqlite3_bind_int64(st, 4, u->residents[demo_text_below(
                                      &r, (uint32_t)u->nresidents)]);
        sqlite3_bind_text(st, 5, purpose, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, discussed, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 7, outcome, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 8, follow);
        if (follow) {
            fd = dd + demo_text_between(&r, 7, 30);
            done = fd < b->until - 3 && demo_text_chance(&r, 850);
            sqlite3_bind_text(st, 9, date_format(fd, fday), -1,
                              SQLITE_STATIC);
        }
        sqlite3_bind_int(st, 10, done);
        sqlite3_bind_int(st, 11, done ? 2 : 1);
        sqlite3_bind_int64(st, 12, demo_stamp(b, dd, minute));
        sqlite3_bind_int64(st, 13, done ? demo_stamp(b, fd, 1000)
                                        : demo_stamp(b, dd, minute));
        if (demo_step(b, st, e) < 0 || demo_txn_row(b, total, e) < 0)
            goto out;
        b->n->visits++;
    }
    rc = demo_txn_commit(b, total, e);
out:
    if (rc < 0)
        db_rollback(b->db);
    demo_text_draw_free(&pd);
    demo_text_draw_free(&units);
    return rc;
}

/* --- leave ----------------------------------------------------------- */

struct leave_row {
    const struct cfg_leave_type *type;
    struct leave l;             /* dates, halves: what leave.c counts */
    const char *status, *route, *comment;
    int step, version;
    int64_t approver, decided, asked, last;
    struct leave_return ret;
    date_t back;
    enum half back_half;
};

/* The first working half-day after (d, h). */
static void
next_half(const struct demo_build *b, date_t d, enum half h, date_t *out,
          enum half *out_half)
{
    if (h == HALF_AM && calendar_is_workday(&b->cfg->calendar, d)) {
        *out = d;
        *out_half = HALF_PM;
    } else {
        *out = demo_workday(b, d + 1, 0);
        *out_half = HALF_AM;
    }
}

/* The dates of a request of `type` from working day `from`, counted on
 * the calendar as leave.c counts them; false when they leave the years
 * the calendar covers, which leave.c refuses. */
static bool
leave_dates(const struct demo_build *b, struct demo_rng *r,
            struct leave_row *lr, date_t from)
{
    const struct calendar *cal = &b->cfg->calendar;
    const char *t = lr->type->id;
    struct leave *l = &lr->l;
    int x = (int)demo_text_below(r, 100), days, y, m, d;

    l->from = from;
    l->from_half = HALF_AM;
    l->to_half = HALF_PM;
    if (strcmp(t, "maternity") == 0) {
        l->to = from + 97;              /* 98 calendar days */
    } else {
        days = strcmp(t, "paternity") == 0 ? demo_text_between(r, 10, 15)
             : strcmp(t, "marriage") == 0 ? demo_text_between(r, 3, 10)
             : strcmp(t, "bereavement") == 0 ? demo_text_between(r, 1, 3)
             : x < 15 ? 0 : x < 55 ? 1 : x < 85 ? demo_text_between(r, 2, 3)
             : demo_text_between(r, 4, 8);
        if (days == 0) {                /* half a day */
            l->from_half = l->to_half = (enum half)demo_text_below(r, 2);
            days = 1;
        }
        l->to = demo_workday(b, from, days - 1);
    }
    if (!calendar_covers(cal, l->from) || !calendar_covers(cal, l->to))
        return false;
    l->halves = calendar_count_halves(cal, l->from, l->from_half, l->to,
                                      l->to_half);
    date_to_ymd(l->from, &y, &m, &d);
    l->halves_next = l->to > date_from_ymd(y, 12, 31)
        ? calendar_count_halves(cal, date_from_ymd(y + 1, 1, 1), HALF_AM,
                                l->to, l->to_half)
        : 0;
    return true;
}

/* Where a request has got to, and the decisions on the way: the route
 * and steps of leave.h, rejections with a reason, 销假 counted by
 * leave_return_quote() exactly as leave.c counts it. */
static void
leave_fate(struct demo_build *b, struct demo_rng *r, struct leave_row *lr,
           bool two_steps)
{
    int x = (int)demo_text_below(r, 100);
    int decisions = 0;
    bool past = lr->l.to < b->until;
    const char *s = past ? (x < 70 ? "returned" : x < 73 ? "approved"
                            : x < 81 ? "rejected" : x < 92 ? "withdrawn"
                            : "cancelled")
                         : (x < 40 ? "pending" : "approved");

    lr->route = two_steps ? "director_street" : "director";
    lr->step = 1;
    lr->version = 1;
    lr->comment = NULL;
    lr->approver = 0;
    lr->decided = 0;
    if (strcmp(s, "pending") == 0 || strcmp(s, "withdrawn") == 0)
        decisions = two_steps && demo_text_chance(r, 500) ? 1 : 0;
    else if (strcmp(s, "rejected") == 0)
        decisions = two_steps && demo_text_chance(r, 300) ? 2 : 1;
    else
        decisions = two_steps ? 2 : 1;
    lr->step = decisions == 2 || (decisions == 1 && two_steps &&
                                  strcmp(s, "rejected") != 0) ? 2 : 1;
    if (decisions > 0) {
        lr->decided = lr->asked + demo_text_between(r, 1, 40) * 3600;
        if (decisions == 2)
            lr->decided += demo_text_between(r, 1, 30) * 3600;
        lr->comment = demo_text_leave_comment(r, strcmp(s, "rejected") != 0);
        lr->version += decisions;
    }
    lr->last = lr->decided != 0 ? lr->decided : lr->asked;
    lr->back = DATE_NONE;
    memset(&lr->ret, 0, sizeof lr->ret);
    if (strcmp(s, "returned") == 0) {
        int k = (int)demo_text_below(r, 10);
        struct error e = { 0 };

        next_half(b, lr->l.to, lr->l.to_half, &lr->back, &lr->back_half);
        if (k == 0) {           /* half a day late */
            next_half(b, lr->back, lr->back_half, &lr->back, &lr->back_half);
        } else if (k == 1 && lr->l.halves > 1 &&
                   calendar_is_workday(&b->cfg->calendar, lr->l.to)) {
            lr->back = lr->l.to;            /* the last half worked */
            lr->back_half = lr->l.to_half;
        }
        if (lr->back > b->until ||
            leave_return_quote(b->ctx, &lr->l, lr->back, lr->back_half,
                               &lr->ret, &e) < 0) {
            s = "approved";     /* not back yet: overdue on the home screen */
            lr->back = DATE_NONE;
        } else {
            lr->version++;
            lr->last = demo_stamp(b, lr->back, 540);
        }
    } else if (strcmp(s, "withdrawn") == 0 || strcmp(s, "cancelled") == 0) {
        lr->version++;
        lr->last += demo_text_between(r, 1, 48) * 3600;
    }
    lr->status = s;
    if (lr->last > b->now)
        lr->last = b->now;
    if (lr->decided > b->now)
        lr->decided = b->now;
}

static int
add_step(struct demo_build *b, int64_t leave, const char *committee,
         int stepno, int64_t approver, const char *decision,
         const char *comment, int64_t at, struct error *e)
{
    sqlite3_stmt *st = db_stmt(b->db, sql_leave_step);

    if (st == NULL)
        return demo_failed(b, e);
    sqlite3_bind_int64(st, 1, leave);
    sqlite3_bind_text(st, 2, committee, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, stepno);
    sqlite3_bind_int64(st, 4, approver);
    sqlite3_bind_text(st, 5, decision, -1, SQLITE_STATIC);
    demo_bind_text(st, 6, comment);
    sqlite3_bind_int64(st, 7, at);
    if (demo_step(b, st, e) < 0)
        return -1;
    b->n->leave_steps++;
    b->rows[1]++;
    return 0;
}

static int
insert_leave(struct demo_build *b, struct demo_rng *r,
             const struct demo_unit *u, int64_t who, struct leave_row *lr,
             int64_t street, struct error *e)
{
    sqlite3_stmt *st = db_stmt(b->db, sql_leave);
    const struct leave *l = &lr->l;
    char from[11], to[11], back[11];
    int64_t cover = demo_any_staff(u, r), id;
    int decisions = lr->version - 1 -
                    (lr->back != DATE_NONE ||
                     strcmp(lr->status, "withdrawn") == 0 ||
                     strcmp(lr->status, "cancelled") == 0);
    bool rejected = strcmp(lr->status, "rejected") == 0;

    if (st == NULL)
        return demo_failed(b, e);
    lr->approver = decisions == 0 ? 0 : decisions == 2 ? street : u->staff[0];
    sqlite3_bind_text(st, 1, u->cfg->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, who);
    sqlite3_bind_text(st, 3, lr->type->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, date_format(l->from, from), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, (int)l->from_half);
    sqlite3_bind_text(st, 6, date_format(l->to, to), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 7, (int)l->to_half);
    sqlite3_bind_int(st, 8, l->halves);
    sqlite3_bind_int(st, 9, l->halves_next);
    sqlite3_bind_text(st, 10, demo_text_leave_reason(r, lr->type->id), -1,
                      SQLITE_STATIC);
    if (cover != who && demo_text_chance(r, 500))
        sqlite3_bind_int64(st, 11, cover);
    sqlite3_bind_text(st, 12, lr->status, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 13, lr->route, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 14, lr->step);
    demo_bind_id(st, 15, lr->approver);
    demo_bind_text(st, 16, decisions > 0 ? lr->comment : NULL);
    if (decisions > 0)
        sqlite3_bind_int64(st, 17, lr->decided);
    if (lr->back != DATE_NONE) {
        sqlite3_bind_text(st, 18, date_format(lr->back, back), -1,
                          SQLITE_STATIC);
        sqlite3_bind_int(st, 19, (int)lr->back_half);
        sqlite3_bind_int(st, 20, lr->ret.used);
        sqlite3_bind_int(st, 21, lr->ret.used_next);
        sqlite3_bind_int(st, 22, lr->ret.late);
    }
    sqlite3_bind_int(st, 23, lr->version);
    sqlite3_bind_int64(st, 24, lr->asked);
    sqlite3_bind_int64(st, 25, lr->last);
    if (demo_step(b, st, e) < 0)
        return -1;
    id = sqlite3_last_insert_rowid(db_sqlite(b->db));
    b->n->leave++;
    /* The director decides first; a second decision is the street
     * office's. Only the last decision can be a rejection. */
    if (decisions >= 1 &&
        add_step(b, id, u->cfg->id, 1, u->staff[0],
                 rejected && decisions == 1 ? "rejected" : "approved",
                 decisions == 1 ? lr->comment : NULL,
                 decisions == 2 ? lr->decided - 3600 : lr->decided, e) < 0)
        return -1;
    if (decisions == 2 &&
        add_step(b, id, u->cfg->id, 2, street,
                 rejected ? "rejected" : "approved", lr->comment, lr->decided,
                 e) < 0)
        return -1;
    return 0;
}

/* Requests of staff members (a director's own leave goes straight to the
 * street office, a route left to leave.c), only in the years the
 * calendar covers, as leave.c requires. */
int
demo_work_leave(struct demo_build *b, long total, struct error *e)
{
    const struct config *cfg = b->cfg;
    struct demo_rng r;
    struct demo_draw td;
    date_t *days = xcalloc(b->ndays, sizeof *days);
    size_t ndays = 0;
    int rc = -1;

    demo_text_seed(&r, b->o->seed, S_LEAVE);
    demo_text_draw_init(&td, cfg->nleave_types);
    for (size_t i = 0; i < cfg->nleave_types; i++)
        demo_text_draw_add(&td, demo_text_weight("leave",
                                                 cfg->leave_types[i].id, 3));
    for (size_t i = 0; i < b->ndays; i++) {
        if (calendar_covers(&cfg->calendar, b->days[i]))
            days[ndays++] = b->days[i];
    }
    if (ndays == 0)
        total = 0;
    if (demo_txn_phase(b, "leave", "leave_steps", e) < 0)
        goto out;
    for (long i = 0; i < total; i++) {
        const struct demo_unit *u = demo_any_unit(b, &b->units, &r);
        int64_t who = u->staff[1 + demo_text_below(&r,
                                                   (uint32_t)u->nstaff - 1)];
        int64_t street = b->street[u->district][demo_text_below(&r, 2)];
        date_t from = days[(size_t)((uint64_t)i * ndays / (uint64_t)total)];
        struct leave_row lr = { 0 };

        lr.type = &cfg->leave_types[demo_text_draw(&td, &r)];
        if (!leave_dates(b, &r, &lr, from)) {
            /* Past the calendar's last year: a day of the first type. */
            lr.type = &cfg->leave_types[0];
            lr.l.from_half = HALF_AM;
            lr.l.to = from;
            lr.l.to_half = HALF_PM;
            lr.l.halves = calendar_count_halves(&cfg->calendar, from,
                                                HALF_AM, from, HALF_PM);
            lr.l.halves_next = 0;
        }
        lr.asked = demo_stamp(b, from - demo_text_between(&r, 3, 10),
                              demo_text_between(&r, 480, 1080));
        leave_fate(b, &r, &lr, lr.type->street_after > 0 &&
                               lr.l.halves > 2 * lr.type->street_after);
        if (insert_leave(b, &r, u, who, &lr, street, e) < 0 ||
            demo_txn_row(b, total, e) < 0)
            goto out;
    }
    rc = demo_txn_commit(b, total, e);
out:
    if (rc < 0)
        db_rollback(b->db);
    demo_text_draw_free(&td);
    free(days);
    return rc;
}

/* --- training -------------------------------------------------------- */

static int
add_attendee(struct demo_build *b, int64_t training, int64_t who,
             const char *committee, double hours, int64_t at,
             struct error *e)
{
    sqlite3_stmt *st = db_stmt(b->db, sql_attendee);

    if (st == NULL)
        return demo_failed(b, e);
    sqlite3_bind_int64(st, 1, training);
    sqlite3_bind_int64(st, 2, who);
    demo_bind_text(st, 3, committee);
    sqlite3_bind_double(st, 4, hours);
    sqlite3_bind_int64(st, 5, at);
    if (demo_step(b, st, e) < 0)
        return -1;
    b->n->attendees++;
    b->rows[1]++;
    return 0;
}

/* Sessions of a committee (its staff attend) or of the street office
 * (about half of the district's staff and its street accounts). */
int
demo_work_training(struct demo_build *b, long total, struct error *e)
{
    static const double hours[] = { 2, 3, 4, 4, 6, 8 };
    const struct cfg_list *levels = &b->cfg->training_levels;
    struct demo_rng r;
    struct demo_draw ld;
    char day[11];
    int rc = -1;

    demo_text_seed(&r, b->o->seed, S_TRAINING);
    demo_text_draw_list(&ld, levels, "training");
    if (demo_txn_phase(b, "training", "training_attendees", e) < 0)
        goto out;
    for (long i = 0; i < total; i++) {
        const struct demo_unit *u = demo_any_unit(b, &b->units, &r);
        const char *district = b->cfg->districts[u->district].id;
        const char *title, *organiser;
        bool own = demo_text_chance(&r, 300);
        double h = hours[demo_text_below(&r, ARRAY_LEN(hours))];
        date_t dd = demo_day_of(b, i, total);
        int64_t at = demo_stamp(b, dd, 1020), id;
        sqlite3_stmt *st = db_stmt(b->db, sql_training);

        if (st == NULL) {
            demo_failed(b, e);
            goto out;
        }
        demo_text_training(&r, &title, &organiser);
        sqlite3_bind_text(st, 1, district, -1, SQLITE_STATIC);
        demo_bind_text(st, 2, own ? u->cfg->id : NULL);
        sqlite3_bind_text(st, 3, date_format(dd, day), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, demo_list_id(levels, &ld, &r), -1,
                          SQLITE_STATIC);
        sqlite3_bind_text(st, 5, title, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, organiser, -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 7, h);
        sqlite3_bind_int64(st, 8, at);
        if (demo_step(b, st, e) < 0)
            goto out;
        id = sqlite3_last_insert_rowid(db_sqlite(b->db));
        b->n->training++;
        for (size_t k = 0; k < b->nu; k++) {
            const struct demo_unit *v = &b->u[k];

            if (own ? v != u : v->district != u->district)
                continue;
            for (int s = 0; s < v->nstaff; s++) {
                double got = demo_text_chance(&r, 50) ? h / 2 : h;

                if (demo_text_chance(&r, own ? 850 : 500) &&
                    add_attendee(b, id, v->staff[s], v->cfg->id, got, at,
                                 e) < 0)
                    goto out;
            }
        }
        for (int s = 0; s < 2 && !own; s++) {
            if (demo_text_chance(&r, 700) &&
                add_attendee(b, id, b->street[u->district][s], NULL, h, at,
                             e) < 0)
                goto out;
        }
        if (demo_txn_row(b, total, e) < 0)
            goto out;
    }
    rc = demo_txn_commit(b, total, e);
out:
    if (rc < 0)
        db_rollback(b->db);
    demo_text_draw_free(&ld);
    return rc;
}
