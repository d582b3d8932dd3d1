/* visits.c — resident visits and their follow-ups: the rules, the writes,
 * and the scoped keyset lists (by date, open follow-ups). */
#include "juwei/visits.h"
#include "juwei/signoff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/config.h"
#include "juwei/date.h"
#include "juwei/db.h"

static int visits_check(struct ctx *ctx, const struct change *ch,
                        struct error *e);

static const struct column visits_cols[] = {
    [VIS_COMMITTEE]       = { "committee_id", COL_ID, true, 64, 0, 0,
                              N_("Committee"), false },
    [VIS_DATE]            = { "date", COL_DATE, true, 0, 0, 0,
                              N_("Date"), false },
    [VIS_STAFF]           = { "staff_id", COL_ID, true, 0, 0, 0,
                              N_("Visited by"), false },
    [VIS_RESIDENT]        = { "resident_id", COL_ID, true, 0, 0, 0,
                              N_("Resident"), false },
    [VIS_PURPOSE]         = { "purpose", COL_ID, true, 64, 0, 0,
                              N_("Purpose"), false },
    [VIS_DISCUSSED]       = { "discussed", COL_LONGTEXT, false, VISIT_TEXT_MAX,
                              0, 0, N_("Discussed"), false },
    [VIS_OUTCOME]         = { "outcome", COL_LONGTEXT, false, VISIT_TEXT_MAX,
                              0, 0, N_("Outcome"), false },
    [VIS_FOLLOWUP_NEEDED] = { "followup_needed", COL_BOOL, true, 0, 0, 0,
                              N_("Follow-up needed"), false },
    [VIS_FOLLOWUP_DATE]   = { "followup_date", COL_DATE, false, 0, 0, 0,
                              N_("Follow-up date"), false },
    [VIS_FOLLOWUP_DONE]   = { "followup_done", COL_BOOL, true, 0, 0, 0,
                              N_("Follow-up done"), false },
};

/* A staff-role account changes only the visits it made. */
const struct table visits_table = {
    .name = "visits",
    .cols = visits_cols,
    .ncols = VIS_NCOLS,
    .committee_col = "committee_id",
    .owner_col = "staff_id",
    .check = visits_check,
};

static const char sql_resident[] =
    "SELECT committee_id, active FROM residents WHERE id = ?1";
static const char sql_staff[] =
    "SELECT s.name, s.committee_id, s.district_id, s.role, s.active,"
    " c.district_id FROM staff s, committees c WHERE s.id = ?1 AND c.id = ?2";

static const char *
str_or_null(const struct value *v)
{
    return v->null || v->s == NULL || *v->s == '\0' ? NULL : v->s;
}

/* --- rules ----------------------------------------------------------- */

/* The resident must be of the visit's committee (and, for a new visit
 * or another resident, still living there). */
static int
check_resident(struct ctx *ctx, const struct change *ch, struct error *e)
{
    const struct value *v = ch->vals;
    sqlite3_stmt *st = db_stmt(ctx->db, sql_resident);
    bool same_committee = false, active = false;
    int rc;

    if (st == NULL)
        return db_failed(ctx->db, e);
    sqlite3_bind_int64(st, 1, v[VIS_RESIDENT].i);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        same_committee = strcmp((const char *)sqlite3_column_text(st, 0),
                                v[VIS_COMMITTEE].s) == 0;
        active = sqlite3_column_int(st, 1) != 0;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_INVAL, "resident_id", _("no such resident"));
    if (rc != SQLITE_ROW)
        return db_error(ctx->db, rc, e);
    if (!same_committee)
        return error_set(e, E_INVAL, "resident_id",
                         _("the resident belongs to another committee"));
    if (!active && (ch->op == CH_INSERT ||
                    ch->old[VIS_RESIDENT].i != v[VIS_RESIDENT].i))
        return error_set(e, E_INVAL, "resident_id",
                         _("this resident has moved away"));
    return 0;
}

/* The visitor works for the committee, or for its street office. */
static int
check_staff(struct ctx *ctx, const struct change *ch, struct error *e)
{
    const struct value *v = ch->vals;
    sqlite3_stmt *st = db_stmt(ctx->db, sql_staff);
    char name[192] = "";
    bool ok = false, active = false;
    int rc;

    if (st == NULL)
        return db_failed(ctx->db, e);
    sqlite3_bind_int64(st, 1, v[VIS_STAFF].i);
    sqlite3_bind_text(st, 2, v[VIS_COMMITTEE].s, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *committee = (const char *)sqlite3_column_text(st, 1);
        const char *district = (const char *)sqlite3_column_text(st, 2);
        const char *role = (const char *)sqlite3_column_text(st, 3);
        const char *home = (const char *)sqlite3_column_text(st, 5);

        snprintf(name, sizeof name, "%s",
                 (const char *)sqlite3_column_text(st, 0));
        ok = (committee != NULL && strcmp(committee, v[VIS_COMMITTEE].s) == 0)
             || (strcmp(role, "street") == 0 && district != NULL &&
                 strcmp(district, home) == 0);
        active = sqlite3_column_int(st, 4) != 0;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_INVAL, "staff_id",
                         _("choose who made the visit"));
    if (rc != SQLITE_ROW)
        return db_error(ctx->db, rc, e);
    if (!ok)
        return error_set(e, E_INVAL, "staff_id",
                         _("%s does not work for this committee"), name);
    if (!active && (ch->op == CH_INSERT ||
                    ch->old[VIS_STAFF].i != v[VIS_STAFF].i))
        return error_set(e, E_INVAL, "staff_id",
                         _("%s's account is disabled"), name);
    return 0;
}

static int
visits_check(struct ctx *ctx, const struct change *ch, struct error *e)
{
    const struct value *v = ch->vals;
    const char *fdate;
    char today[11];

    /* A signed-off month is read-only for everyone. */
    if (signoff_check_change(ctx, ch, "committee_id", "date", e) < 0)
        return -1;
    if (ch->op == CH_DELETE)
        return 0;
    if (check_resident(ctx, ch, e) < 0 || check_staff(ctx, ch, e) < 0)
        return -1;
    date_format(date_today(), today);
    if (strcmp(v[VIS_DATE].s, today) > 0)
        return error_set(e, E_INVAL, "date",
                         _("the visit date is in the future"));
    if (ctx->cfg != NULL &&
        config_item(&ctx->cfg->visit_purposes, v[VIS_PURPOSE].s) == NULL)
        return error_set(e, E_INVAL, "purpose", _("unknown purpose \"%s\""),
                         v[VIS_PURPOSE].s);
    fdate = str_or_null(&v[VIS_FOLLOWUP_DATE]);
    if (v[VIS_FOLLOWUP_NEEDED].i) {
        if (fdate == NULL)
            return error_set(e, E_INVAL, "followup_date",
                             _("a follow-up needs a date"));
        if (strcmp(fdate, v[VIS_DATE].s) < 0)
            return error_set(e, E_INVAL, "followup_date",
                             _("the follow-up date is before the visit"));
    } else {
        if (fdate != NULL)
            return error_set(e, E_INVAL, "followup_date",
                             _("no follow-up is needed; leave its date "
                               "empty"));
        if (v[VIS_FOLLOWUP_DONE].i)
            return error_set(e, E_INVAL, "followup_needed",
                             _("this visit needs no follow-up"));
    }
    return 0;
}

/* --- writing --------------------------------------------------------- */

/* The column values of an input; the committee is the resident's as this
 * session sees it (a resident out of scope is unknown here). */
static int
prepare(struct ctx *ctx, const struct visit_input *in, struct value *v,
        char *committee, size_t size, struct error *e)
{
    struct resident *r = xmalloc(sizeof *r);
    int rc;

    memset(v, 0, VIS_NCOLS * sizeof *v);
    if (in->resident_id <= 0) {
        free(r);
        return error_set(e, E_INVAL, "resident_id",
                         _("choose the resident who was visited"));
    }
    rc = residents_get(ctx, in->resident_id, r, e);
    if (rc == 0)
        snprintf(committee, size, "%s", r->committee);
    free(r);
    if (rc < 0)
        return -1;
    v[VIS_COMMITTEE].s = committee;
    v[VIS_DATE].s = in->date;
    v[VIS_STAFF].i = in->staff_id != 0 ? in->staff_id : ctx->who.staff_id;
    v[VIS_RESIDENT].i = in->resident_id;
    v[VIS_PURPOSE].s = in->purpose;
    v[VIS_DISCUSSED].s = in->discussed;
    v[VIS_OUTCOME].s = in->outcome;
    v[VIS_FOLLOWUP_NEEDED].i = in->followup_needed;
    v[VIS_FOLLOWUP_DATE].s = in->followup_date;
    return 0;
}

int
visits_add(struct ctx *ctx, const struct visit_input *in, int64_t *id,
           struct error *e)
{
    struct value v[VIS_NCOLS];
    struct change ch = { &visits_table, CH_INSERT, 0, 0, v, NULL, NULL };
    char committee[64];

    if (id != NULL)
        *id = 0;
    if (prepare(ctx, in, v, committee, sizeof committee, e) < 0)
        return -1;
    if (store_apply(ctx, &ch, 1, e) < 0)
        return -1;
    if (id != NULL)
        *id = ch.id;
    return 0;
}

/* The stored row of a visit in scope, for a change of some columns. */
static int
load(struct ctx *ctx, int64_t id, struct value **v, struct error *e)
{
    if (store_load(ctx, &visits_table, id, v, NULL, e) < 0) {
        if (e != NULL && e->code == E_PERM)
            error_set(e, E_NOTFOUND, NULL, _("no such visit"));
        return -1;
    }
    return 0;
}

int
visits_update(struct ctx *ctx, int64_t id, int64_t version,
              const struct visit_input *in, struct error *e)
{
    struct value v[VIS_NCOLS], *old;
    struct change ch = { &visits_table, CH_UPDATE, id, version, v, NULL,
                         NULL };
    char committee[64];
    int rc;

    if (load(ctx, id, &old, e) < 0)
        return -1;
    rc = prepare(ctx, in, v, committee, sizeof committee, e);
    if (rc == 0 && in->staff_id == 0)
        v[VIS_STAFF].i = old[VIS_STAFF].i;   /* an edit keeps the visitor */
    if (rc == 0) {
        v[VIS_FOLLOWUP_DONE].i = in->followup_needed &&
                                 old[VIS_FOLLOWUP_DONE].i;
        rc = store_apply(ctx, &ch, 1, e);
    }
    store_values_free(old, VIS_NCOLS);
    return rc;
}

int
visits_followup_done(struct ctx *ctx, int64_t id, int64_t version,
                     struct error *e)
{
    struct value *v;
    struct change ch = { &visits_table, CH_UPDATE, id, version, NULL, NULL,
                         "followup_done" };
    int rc = -1;

    if (load(ctx, id, &v, e) < 0)
        return -1;
    if (!v[VIS_FOLLOWUP_NEEDED].i)
        error_set(e, E_INVAL, "followup_needed",
                  _("this visit needs no follow-up"));
    else if (v[VIS_FOLLOWUP_DONE].i)
        error_set(e, E_INVAL, "followup_done",
                  _("this follow-up is already done"));
    else {
        v[VIS_FOLLOWUP_DONE].i = 1;
        ch.vals = v;
        rc = store_apply(ctx, &ch, 1, e);
    }
    store_values_free(v, VIS_NCOLS);
    return rc;
}

int
visits_delete(struct ctx *ctx, int64_t id, int64_t version, struct error *e)
{
    struct value *v;
    struct change ch = { &visits_table, CH_DELETE, id, version, NULL, NULL,
                         NULL };

    if (load(ctx, id, &v, e) < 0)
        return -1;
    store_values_free(v, VIS_NCOLS);
    return store_apply(ctx, &ch, 1, e);
}

/* --- reading --------------------------------------------------------- */

#define VISIT_COLS \
    "SELECT v.id, v.committee_id, v.date, v.staff_id, s.name," \
    " v.resident_id, r.name, coalesce(r.address, ''), v.purpose," \
    " coalesce(v.discussed, ''), coalesce(v.outcome, '')," \
    " v.followup_needed, coalesce(v.followup_date, ''), v.followup_done," \
    " v.version, v.updated_at" \
    " FROM visits v JOIN residents r ON r.id = v.resident_id" \
    " JOIN staff s ON s.id = v.staff_id"

static const char sql_get[] = VISIT_COLS
    " WHERE v.id = :id AND " SCOPE_SQL("v.committee_id");

/* Newest first. The keyset is (date, id) between a low and a high bound,
 * which also carry the date range, so every direction and filter is one
 * index range: the committee's (date DESC, id DESC) index when the list
 * is of one committee, the resident's for a resident, visits_date across
 * committees. SCOPE_SQL is in every one; the variants only steer the
 * planner. */
#define LIST_BOUNDS \
    " AND (v.date, v.id) > (:lo, :lo_id) AND (v.date, v.id) < (:hi, :hi_id)" \
    " AND (:staff = 0 OR v.staff_id = :staff)" \
    " AND (:purpose = '' OR v.purpose = :purpose)"
#define LIST_ONE " WHERE v.committee_id = :only AND " \
    SCOPE_SQL("v.committee_id") LIST_BOUNDS
#define LIST_ALL " WHERE " SCOPE_SQL("v.committee_id") LIST_BOUNDS
/* A street office's count walks its committees' index ranges; a count
 * through visits_date would fetch every row to check its committee. */
#define IN_DISTRICT \
    "v.committee_id IN (SELECT id FROM committees WHERE district_id = :district)"
#define LIST_DISTRICT " WHERE " IN_DISTRICT " AND " \
    SCOPE_SQL("v.committee_id") LIST_BOUNDS
#define LIST_RESIDENT " WHERE v.resident_id = :resident AND " \
    SCOPE_SQL("v.committee_id") LIST_BOUNDS
#define NEWEST " ORDER BY v.date DESC, v.id DESC LIMIT :n"
#define OLDEST " ORDER BY v.date, v.id LIMIT :n"
static const char sql_one_new[] = VISIT_COLS LIST_ONE NEWEST;
static const char sql_one_old[] = VISIT_COLS LIST_ONE OLDEST;
static const char sql_all_new[] = VISIT_COLS LIST_ALL NEWEST;
static const char sql_all_old[] = VISIT_COLS LIST_ALL OLDEST;
static const char sql_res_new[] = VISIT_COLS LIST_RESIDENT NEWEST;
static const char sql_res_old[] = VISIT_COLS LIST_RESIDENT OLDEST;
static const char sql_one_count[] = "SELECT count(*) FROM visits v" LIST_ONE;
static const char sql_all_count[] = "SELECT count(*) FROM visits v" LIST_ALL;
static const char sql_district_count[] =
    "SELECT count(*) FROM visits v" LIST_DISTRICT;
static const char sql_res_count[] =
    "SELECT count(*) FROM visits v" LIST_RESIDENT;

/* Open follow-ups, most overdue first, through the partial indexes. */
#define FOLLOW_BOUNDS \
    " AND v.followup_needed = 1 AND v.followup_done = 0" \
    " AND (v.followup_date, v.id) > (:lo, :lo_id)" \
    " AND (v.followup_date, v.id) < (:hi, :hi_id)"
#define FOLLOW_ONE " WHERE v.committee_id = :only AND " \
    SCOPE_SQL("v.committee_id") FOLLOW_BOUNDS \
    " AND (:staff = 0 OR v.staff_id = :staff)"
#define FOLLOW_ALL " WHERE " SCOPE_SQL("v.committee_id") FOLLOW_BOUNDS
#define FOLLOW_DISTRICT " WHERE " IN_DISTRICT " AND " \
    SCOPE_SQL("v.committee_id") FOLLOW_BOUNDS
#define FOLLOW_STAFF " WHERE v.staff_id = :staff AND " \
    SCOPE_SQL("v.committee_id") FOLLOW_BOUNDS \
    " AND (:only = '' OR v.committee_id = :only)"
#define DUE_FIRST " ORDER BY v.followup_date, v.id LIMIT :n"
#define DUE_LAST " ORDER BY v.followup_date DESC, v.id DESC LIMIT :n"
static const char sql_fu_one_up[] = VISIT_COLS FOLLOW_ONE DUE_FIRST;
static const char sql_fu_one_down[] = VISIT_COLS FOLLOW_ONE DUE_LAST;
static const char sql_fu_all_up[] = VISIT_COLS FOLLOW_ALL DUE_FIRST;
static const char sql_fu_all_down[] = VISIT_COLS FOLLOW_ALL DUE_LAST;
static const char sql_fu_staff_up[] = VISIT_COLS FOLLOW_STAFF DUE_FIRST;
static const char sql_fu_staff_down[] = VISIT_COLS FOLLOW_STAFF DUE_LAST;
static const char sql_fu_one_count[] =
    "SELECT count(*) FROM visits v" FOLLOW_ONE;
static const char sql_fu_all_count[] =
    "SELECT count(*) FROM visits v" FOLLOW_ALL;
static const char sql_fu_district_count[] =
    "SELECT count(*) FROM visits v" FOLLOW_DISTRICT;
static const char sql_fu_staff_count[] =
    "SELECT count(*) FROM visits v" FOLLOW_STAFF;

static void
read_visit(sqlite3_stmt *st, struct visit *v)
{
    memset(v, 0, sizeof *v);
    v->id = sqlite3_column_int64(st, 0);
    db_column_copy(v->committee, sizeof v->committee, st, 1);
    db_column_copy(v->date, sizeof v->date, st, 2);
    v->staff_id = sqlite3_column_int64(st, 3);
    db_column_copy(v->staff_name, sizeof v->staff_name, st, 4);
    v->resident_id = sqlite3_column_int64(st, 5);
    db_column_copy(v->resident_name, sizeof v->resident_name, st, 6);
    db_column_copy(v->resident_address, sizeof v->resident_address, st, 7);
    db_column_copy(v->purpose, sizeof v->purpose, st, 8);
    db_column_copy(v->discussed, sizeof v->discussed, st, 9);
    db_column_copy(v->outcome, sizeof v->outcome, st, 10);
    v->followup_needed = sqlite3_column_int(st, 11) != 0;
    db_column_copy(v->followup_date, sizeof v->followup_date, st, 12);
    v->followup_done = sqlite3_column_int(st, 13) != 0;
    v->version = sqlite3_column_int64(st, 14);
    v->updated_at = sqlite3_column_int64(st, 15);
}

static sqlite3_stmt *
scoped(struct ctx *ctx, const char *sql)
{
    sqlite3_stmt *st = db_stmt(ctx->db, sql);

    if (st != NULL)
        session_bind_scope(&ctx->who, st);
    return st;
}

int
visits_get(struct ctx *ctx, int64_t id, struct visit *out, struct error *e)
{
    sqlite3_stmt *st = scoped(ctx, sql_get);
    int rc;

    if (st == NULL)
        return db_failed(ctx->db, e);
    db_bind_int(st, ":id", id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_visit(st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_NOTFOUND, NULL, _("no such visit"));
    if (rc != SQLITE_ROW)
        return db_error(ctx->db, rc, e);
    return 0;
}

static bool
blank(const char *s)
{
    return s == NULL || *s == '\0';
}

static const char *
only_committee(const struct ctx *ctx, const char *chosen)
{
    if (!blank(chosen))
        return chosen;
    if (ctx->who.role == ROLE_STAFF || ctx->who.role == ROLE_DIRECTOR)
        return ctx->who.committee;
    return NULL;
}

static void
bind_range(sqlite3_stmt *st, const char *lo, int64_t lo_id, const char *hi,
           int64_t hi_id)
{
    db_bind_text(st, ":lo", lo);
    db_bind_int(st, ":lo_id", lo_id);
    db_bind_text(st, ":hi", hi);
    db_bind_int(st, ":hi_id", hi_id);
}

static int
read_page(struct ctx *ctx, sqlite3_stmt *st, bool reversed, int n,
          struct visit *out, int *got, struct error *e)
{
    int rc = SQLITE_DONE, m = 0;

    db_bind_int(st, ":n", n);
    while (m < n && (rc = sqlite3_step(st)) == SQLITE_ROW)
        read_visit(st, &out[m++]);
    sqlite3_reset(st);
    if (m < n && rc != SQLITE_DONE)
        return db_error(ctx->db, rc, e);
    /* Read against the display order: turn it round. */
    if (reversed && m > 1) {
        struct visit *tmp = xmalloc(sizeof *tmp);

        for (int i = 0; i < m / 2; i++) {
            memcpy(tmp, &out[i], sizeof *tmp);
            memcpy(&out[i], &out[m - 1 - i], sizeof *tmp);
            memcpy(&out[m - 1 - i], tmp, sizeof *tmp);
        }
        free(tmp);
    }
    *got = m;
    return 0;
}

static sqlite3_stmt *
list_stmt(struct ctx *ctx, const struct visit_filter *f, bool old_first,
          bool counting)
{
    const char *only = only_committee(ctx, f->committee);
    sqlite3_stmt *st;

    if (f->resident_id > 0)
        st = scoped(ctx, counting ? sql_res_count
                         : old_first ? sql_res_old : sql_res_new);
    else if (only != NULL)
        st = scoped(ctx, counting ? sql_one_count
                         : old_first ? sql_one_old : sql_one_new);
    else if (counting && ctx->who.role == ROLE_STREET)
        st = scoped(ctx, sql_district_count);
    else
        st = scoped(ctx, counting ? sql_all_count
                         : old_first ? sql_all_old : sql_all_new);
    if (st == NULL)
        return NULL;
    db_bind_text(st, ":only", only);
    db_bind_int(st, ":resident", f->resident_id);
    db_bind_int(st, ":staff", f->staff_id);
    db_bind_text(st, ":purpose", f->purpose);
    return st;
}

/* Newest first: "after" a row means older. The list's whole range is
 * (from, 0) < (date, id) < (to, max), i.e. from ≤ date ≤ to; "" and "~"
 * sort below and above every date. */
int
visits_page(struct ctx *ctx, const struct visit_filter *f, enum page_dir dir,
            const char *at_key, int64_t at_id, int n, struct visit *out,
            int *got, struct error *e)
{
    bool up = dir == PAGE_LAST || dir == PAGE_BEFORE;
    sqlite3_stmt *st = list_stmt(ctx, f, up, false);
    const char *lo = blank(f->from) ? "" : f->from;
    const char *hi = blank(f->to) ? "~" : f->to;

    *got = 0;
    if (st == NULL)
        return db_failed(ctx->db, e);
    if (dir == PAGE_AFTER)
        bind_range(st, lo, 0, at_key, at_id);
    else if (dir == PAGE_FROM)
        bind_range(st, lo, 0, at_key, at_id + 1);
    else if (dir == PAGE_BEFORE)
        bind_range(st, at_key, at_id, hi, INT64_MAX);
    else
        bind_range(st, lo, 0, hi, INT64_MAX);
    return read_page(ctx, st, up, n, out, got, e);
}

long
visits_page_count(struct ctx *ctx, const struct visit_filter *f)
{
    sqlite3_stmt *st = list_stmt(ctx, f, false, true);
    long n = -1;

    if (st == NULL)
        return -1;
    bind_range(st, blank(f->from) ? "" : f->from, 0,
               blank(f->to) ? "~" : f->to, INT64_MAX);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return n;
}

static sqlite3_stmt *
followup_stmt(struct ctx *ctx, const struct followup_filter *f, bool down,
              bool counting)
{
    const char *only = only_committee(ctx, f->committee);
    sqlite3_stmt *st;

    if (f->staff_id != 0)
        st = scoped(ctx, counting ? sql_fu_staff_count
                         : down ? sql_fu_staff_down : sql_fu_staff_up);
    else if (only != NULL)
        st = scoped(ctx, counting ? sql_fu_one_count
                         : down ? sql_fu_one_down : sql_fu_one_up);
    else if (counting && ctx->who.role == ROLE_STREET)
        st = scoped(ctx, sql_fu_district_count);
    else
        st = scoped(ctx, counting ? sql_fu_all_count
                         : down ? sql_fu_all_down : sql_fu_all_up);
    if (st == NULL)
        return NULL;
    db_bind_text(st, ":only", only);
    db_bind_int(st, ":staff", f->staff_id);
    return st;
}

int
visits_followups_page(struct ctx *ctx, const struct followup_filter *f,
                      enum page_dir dir, const char *at_key, int64_t at_id,
                      int n, struct visit *out, int *got, struct error *e)
{
    bool down = dir == PAGE_LAST || dir == PAGE_BEFORE;
    sqlite3_stmt *st = followup_stmt(ctx, f, down, false);
    const char *hi = blank(f->until) ? "~" : f->until;

    *got = 0;
    if (st == NULL)
        return db_failed(ctx->db, e);
    if (dir == PAGE_AFTER)
        bind_range(st, at_key, at_id, hi, INT64_MAX);
    else if (dir == PAGE_FROM)
        bind_range(st, at_key, at_id - 1, hi, INT64_MAX);
    else if (dir == PAGE_BEFORE)
        bind_range(st, "", 0, at_key, at_id);
    else
        bind_range(st, "", 0, hi, INT64_MAX);
    return read_page(ctx, st, down, n, out, got, e);
}

long
visits_followups_count(struct ctx *ctx, const struct followup_filter *f)
{
    sqlite3_stmt *st = followup_stmt(ctx, f, false, true);
    long n = -1;

    if (st == NULL)
        return -1;
    bind_range(st, "", 0, blank(f->until) ? "~" : f->until, INT64_MAX);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return n;
}

long
visits_followups_due(struct ctx *ctx)
{
    char today[11];
    struct followup_filter f = { .until = date_format(date_today(), today),
                                 .staff_id = ctx->who.staff_id };

    if (ctx->who.staff_id == 0)
        return 0;
    return visits_followups_count(ctx, &f);
}
