/* records.c — daily work records: the table's rules, writes through
 * store_apply() with the full-text index kept in step, scoped reads. */
#include "juwei/records.h"
#include "juwei/signoff.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/calendar.h"
#include "juwei/config.h"
#include "juwei/date.h"
#include "juwei/db.h"
#include "juwei/staff.h"

static int records_check(struct ctx *ctx, const struct change *ch,
                         struct error *e);

static const struct column record_cols[] = {
    [REC_COMMITTEE] = { "committee_id", COL_ID, true, 64, 0, 0,
                        N_("Committee"), false },
    [REC_STAFF]     = { "staff_id", COL_ID, true, 0, 0, 0,
                        N_("Staff"), false },
    [REC_DATE]      = { "date", COL_DATE, true, 0, 0, 0,
                        N_("Date"), false },
    [REC_CATEGORY]  = { "category", COL_ID, true, 64, 0, 0,
                        N_("Category"), false },
    [REC_TITLE]     = { "title", COL_TEXT, true, RECORD_TITLE_MAX, 0, 0,
                        N_("Title"), false },
    [REC_DETAILS]   = { "details", COL_LONGTEXT, false, RECORD_DETAILS_MAX,
                        0, 0, N_("Details"), false },
    [REC_HOURS]     = { "hours", COL_REAL, false, 0, 0, 24,
                        N_("Hours"), false },
};

/* A staff-role account changes only rows whose staff_id is its own. */
const struct table records_table = {
    .name = "records",
    .cols = record_cols,
    .ncols = REC_NCOLS,
    .committee_col = "committee_id",
    .owner_col = "staff_id",
    .check = records_check,
};

static const char sql_staff_of[] =
    "SELECT committee_id, active FROM staff WHERE id = ?1";

/* --- the full-text index ---------------------------------------------- */

/* The triggers of migration 2 queue every change; page_fts_sync()
 * applies the queue. Per row, the index holds what the row was before its
 * first queued change (nothing if that change was the insert), so that is
 * what is taken out; then the row as it is now, if it still exists, goes
 * in. */
static const struct page_fts fts_queue = {
    .pending = "SELECT EXISTS (SELECT 1 FROM records_fts_pending)",
    .unindex =
        "INSERT INTO records_fts (records_fts, rowid, title, details)"
        " SELECT 'delete', p.row_id, p.title, p.details"
        " FROM records_fts_pending p"
        " WHERE p.inserted = 0 AND p.id = (SELECT min(q.id)"
        "  FROM records_fts_pending q WHERE q.row_id = p.row_id)",
    .index =
        "INSERT INTO records_fts (rowid, title, details)"
        " SELECT r.id, r.title, r.details FROM records r"
        " WHERE r.id IN (SELECT row_id FROM records_fts_pending)",
    .done = "DELETE FROM records_fts_pending",
};

int
records_fts_sync(struct db *db, struct error *e)
{
    return page_fts_sync(db, &fts_queue, e);
}

/* --- rules ------------------------------------------------------------ */

static int
edit_window(const struct ctx *ctx)
{
    return ctx->cfg != NULL ? ctx->cfg->site.edit_window_days : 7;
}

/* Staff of the record's committee, and (for a new record or a new
 * person) an active account. */
static int
check_staff(struct ctx *ctx, int64_t staff_id, const char *committee,
            bool must_be_active, struct error *e)
{
    sqlite3_stmt *st = db_stmt(ctx->db, sql_staff_of);
    bool member = false, active = false;
    int rc;

    if (st == NULL)
        return db_failed(ctx->db, e);
    sqlite3_bind_int64(st, 1, staff_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *c = (const char *)sqlite3_column_text(st, 0);

        member = c != NULL && strcmp(c, committee) == 0;
        active = sqlite3_column_int(st, 1) != 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_error(ctx->db, rc, e);
    if (!member)
        return error_set(e, E_INVAL, "staff_id",
                         _("this person is not on the staff of the "
                           "record's committee"));
    if (must_be_active && !active)
        return error_set(e, E_INVAL, "staff_id",
                         _("this person's account is disabled"));
    return 0;
}

/* Only spaces (ASCII or the ideographic U+3000 an IME types)? store.c
 * takes "" for no value; a form trims, other callers may not. */
static bool
blank(const char *s)
{
    for (;;) {
        if (*s == ' ' || *s == '\t')
            s++;
        else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
            s += 3;
        else
            return *s == '\0';
    }
}

static int
records_check(struct ctx *ctx, const struct change *ch, struct error *e)
{
    const struct value *v = ch->vals;
    date_t today = date_today(), day;
    int window = edit_window(ctx);
    bool staff_role = ctx->who.role == ROLE_STAFF;
    char buf[11];

    /* A signed-off month is read-only for everyone. */
    if (signoff_check_change(ctx, ch, "committee_id", "date", e) < 0)
        return -1;

    /* The edit window binds staff accounts; directors and the street
     * office correct older records. */
    if (ch->op != CH_INSERT && staff_role &&
        date_parse_iso(ch->old[REC_DATE].s, &day) && today - day > window)
        return error_set(e, E_PERM, "date",
                         _("this record is more than %d days old; only the "
                           "director or the street office may change it "
                           "now"), window);
    if (ch->op == CH_DELETE)
        return 0;
    if (blank(v[REC_TITLE].s))
        return error_set(e, E_INVAL, "title", _("%s is required"),
                         _(record_cols[REC_TITLE].label));
    if (!date_parse_iso(v[REC_DATE].s, &day))
        return error_set(e, E_INVAL, "date", _("not a date"));
    if (day > today)
        return error_set(e, E_INVAL, "date",
                         _("a work record cannot be dated after today "
                           "(%s)"), date_format(today, buf));
    if (staff_role && today - day > window)
        return error_set(e, E_INVAL, "date",
                         _("records dated more than %d days ago are entered "
                           "by the director or the street office"), window);
    if (ctx->cfg != NULL &&
        config_item(&ctx->cfg->record_categories, v[REC_CATEGORY].s) == NULL)
        return error_set(e, E_INVAL, "category",
                         _("unknown category \"%s\""), v[REC_CATEGORY].s);
    if (!store_is_null(&record_cols[REC_HOURS], &v[REC_HOURS]) &&
        v[REC_HOURS].r * 2 != floor(v[REC_HOURS].r * 2))
        return error_set(e, E_INVAL, "hours",
                         _("hours go in steps of half an hour (0.5)"));
    bool new_person = ch->op == CH_INSERT ||
                      ch->old[REC_STAFF].i != v[REC_STAFF].i;
    return check_staff(ctx, v[REC_STAFF].i, v[REC_COMMITTEE].s, new_person, e);
}

/* Hours as typed: "", or a plain decimal such as 2, 1.5 or 0.50. */
static int
parse_hours(const char *s, struct value *v, struct error *e)
{
    const char *p = s;
    char *end;

    if (s == NULL || *s == '\0') {
        v->null = true;
        return 0;
    }
    if (*p == '-' || *p == '+')
        p++;
    if (*p < '0' || *p > '9')
        goto bad;
    v->r = strtod(s, &end);
    for (; *p >= '0' && *p <= '9'; p++)
        ;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            ;
    if (*p != '\0' || end != p || !isfinite(v->r))
        goto bad;
    return 0;
bad:
    return error_set(e, E_INVAL, "hours",
                     _("hours must be a number such as 2 or 1.5"));
}

/* Whose record, and so which committee: staff write only their own; a
 * director for the members of the committee, the street office for the
 * staff of its district (the staff lookup is scoped to the session). */
static int
resolve_staff(struct ctx *ctx, int64_t *staff_id, char *committee,
              size_t size, struct error *e)
{
    struct staff s;

    if (*staff_id == 0)
        *staff_id = ctx->who.staff_id;
    if (ctx->who.role == ROLE_STAFF && *staff_id != ctx->who.staff_id)
        return error_set(e, E_PERM, "staff_id",
                         _("you may only write your own work records"));
    if (*staff_id == 0 || staff_get(ctx, *staff_id, &s, NULL) < 0 ||
        (s.role != ROLE_STAFF && s.role != ROLE_DIRECTOR))
        return error_set(e, E_INVAL, "staff_id",
                         _("work records are kept for the staff of a "
                           "committee you may enter records for"));
    snprintf(committee, size, "%s", s.committee);
    return 0;
}

static void
fill_values(struct value *v, const struct record_input *in, int64_t staff_id,
            const char *committee)
{
    v[REC_COMMITTEE].s = committee;
    v[REC_STAFF].i = staff_id;
    v[REC_DATE].s = in->date;
    v[REC_CATEGORY].s = in->category;
    v[REC_TITLE].s = in->title;
    v[REC_DETAILS].s = in->details;
}

/* store_apply() plus the index, in one transaction (or in the caller's). */
static int
apply(struct ctx *ctx, struct change *ch, struct error *e)
{
    bool outer = sqlite3_get_autocommit(db_sqlite(ctx->db));

    if (outer && db_begin(ctx->db, e) < 0)
        return -1;
    if (store_apply(ctx, ch, 1, e) < 0 || records_fts_sync(ctx->db, e) < 0)
        goto fail;
    if (outer && db_commit(ctx->db, e) < 0)
        goto fail;
    return 0;
fail:
    if (outer)
        db_rollback(ctx->db);
    if (ch->op == CH_INSERT)
        ch->id = 0;
    return -1;
}

int
records_add(struct ctx *ctx, const struct record_input *in, int64_t *id,
            struct error *e)
{
    struct value v[REC_NCOLS];
    struct change ch = { &records_table, CH_INSERT, 0, 0, v, NULL, NULL };
    int64_t staff_id = in->staff_id;
    char committee[64];

    memset(v, 0, sizeof v);
    if (parse_hours(in->hours, &v[REC_HOURS], e) < 0 ||
        resolve_staff(ctx, &staff_id, committee, sizeof committee, e) < 0)
        return -1;
    fill_values(v, in, staff_id, committee);
    if (apply(ctx, &ch, e) < 0)
        return -1;
    if (id != NULL)
        *id = ch.id;
    return 0;
}

int
records_update(struct ctx *ctx, int64_t id, int64_t version,
               const struct record_input *in, struct error *e)
{
    struct value v[REC_NCOLS], *old = NULL;
    struct change ch = { &records_table, CH_UPDATE, id, version, v, NULL,
                         NULL };
    int64_t staff_id = in->staff_id, stored;
    char committee[64];
    int rc;

    memset(v, 0, sizeof v);
    if (parse_hours(in->hours, &v[REC_HOURS], e) < 0 ||
        resolve_staff(ctx, &staff_id, committee, sizeof committee, e) < 0)
        return -1;
    /* The same person's record stays with the committee it was written
     * in, even if the person has moved since. */
    if (store_load(ctx, &records_table, id, &old, &stored, e) < 0)
        return -1;
    if (old[REC_STAFF].i == staff_id)
        snprintf(committee, sizeof committee, "%s", old[REC_COMMITTEE].s);
    store_values_free(old, REC_NCOLS);
    fill_values(v, in, staff_id, committee);
    rc = apply(ctx, &ch, e);
    return rc;
}

int
records_delete(struct ctx *ctx, int64_t id, int64_t version, struct error *e)
{
    struct change ch = { &records_table, CH_DELETE, id, version, NULL, NULL,
                         NULL };

    return apply(ctx, &ch, e);
}

/* --- reading ---------------------------------------------------------- */

#define REC_COLS \
    "SELECT r.id, r.committee_id, r.staff_id, coalesce(s.name, ''), r.date," \
    " r.category, r.title, coalesce(r.hours, -1), r.version"
#define REC_FROM \
    " FROM records r LEFT JOIN staff s ON s.id = r.staff_id"
#define REC_FILTERS \
    " AND (:staff = 0 OR r.staff_id = :staff)" \
    " AND (:category = '' OR r.category = :category)"
/* Bounds always bound (open ends as '' and '9999-12-31') so the date
 * range narrows the index range instead of filtering a whole scan. */
#define REC_RANGE " AND r.date BETWEEN :from AND :to"
/* A page's range also ends at the keyset's date (going down; starts
 * there going up), so a page 5,000 pages deep seeks to its place in the
 * index instead of walking every newer row. min() and max() make it one
 * bound a side: given two upper bounds on a column, SQLite seeks by
 * whichever is written first. The (date, id) comparison settles rows of
 * the keyset's own date. */
#define REC_DOWN " AND r.date BETWEEN :from AND min(:to, :at_date)" \
    " AND (r.date, r.id) < (:at_date, :at_id)" \
    " ORDER BY r.date DESC, r.id DESC LIMIT :n"
#define REC_UP   " AND r.date BETWEEN max(:from, :at_date) AND :to" \
    " AND (r.date, r.id) > (:at_date, :at_id)" \
    " ORDER BY r.date, r.id LIMIT :n"
/* One statement per scope, so that each walks its own index in list
 * order: a staff account's records by (staff_id, date, id), a
 * committee's by (committee_id, date, id), a district's and everything
 * by (date, id) (the + keeps the planner off the committee index, which
 * would have to sort every row of the district for one page). */
#define REC_MINE      " WHERE r.staff_id = :me AND r.committee_id = :committee"
#define REC_COMMITTEE " WHERE r.committee_id = :committee"
#define REC_DISTRICT  " WHERE +r.committee_id IN" \
    " (SELECT id FROM committees WHERE district_id = :district)"
#define REC_ALL       " WHERE 1"
/* A count has no order to keep: a district's goes by the committee
 * index, one committee range after another. It stops past
 * PAGE_COUNT_CAP (:cap). */
#define REC_DISTRICT_COUNT " WHERE r.committee_id IN" \
    " (SELECT id FROM committees WHERE district_id = :district)"
#define REC_SCOPED(scope, count_scope) \
    { REC_COLS REC_FROM scope REC_FILTERS REC_DOWN, \
      REC_COLS REC_FROM scope REC_FILTERS REC_UP, \
      "SELECT count(*) FROM (SELECT 1 FROM records r" count_scope \
      REC_RANGE REC_FILTERS " LIMIT :cap)" }

/* Text search: FTS5 walks its matches by rowid and stops at the limit
 * (doc/search.md), so these pages go by id; the scope is a filter. */
#define REC_FTS_FROM \
    " FROM records_fts JOIN records r ON r.id = records_fts.rowid" \
    " LEFT JOIN staff s ON s.id = r.staff_id"
#define REC_FTS_WHERE \
    " WHERE records_fts MATCH :match AND " SCOPE_SQL("r.committee_id") \
    " AND (:role <> 0 OR r.staff_id = :me)" REC_RANGE REC_FILTERS
#define REC_FTS \
    { REC_COLS REC_FTS_FROM REC_FTS_WHERE " AND records_fts.rowid < :at_id" \
      " ORDER BY records_fts.rowid DESC LIMIT :n", \
      REC_COLS REC_FTS_FROM REC_FTS_WHERE " AND records_fts.rowid > :at_id" \
      " ORDER BY records_fts.rowid LIMIT :n", \
      "SELECT count(*) FROM (SELECT 1 FROM records_fts JOIN records r" \
      " ON r.id = records_fts.rowid" REC_FTS_WHERE " LIMIT :cap)" }

static const char *const sql_page[][PAGE_NSQL] = {
    [ROLE_STAFF]    = REC_SCOPED(REC_MINE, REC_MINE),
    [ROLE_DIRECTOR] = REC_SCOPED(REC_COMMITTEE, REC_COMMITTEE),
    [ROLE_STREET]   = REC_SCOPED(REC_DISTRICT, REC_DISTRICT_COUNT),
    [ROLE_ADMIN]    = REC_SCOPED(REC_ALL, REC_ALL),
};
static const char *const sql_search[PAGE_NSQL] = REC_FTS;

static const char sql_get[] =
    REC_COLS ", r.details" REC_FROM
    " WHERE r.id = :id AND " SCOPE_SQL("r.committee_id")
    " AND (:role <> 0 OR r.staff_id = :me)";
static const char sql_today[] =
    "SELECT count(*) FROM records"
    " WHERE staff_id = :me AND committee_id = :committee AND date = :day";

static void
read_record(sqlite3_stmt *st, void *row)
{
    struct record *r = row;

    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    db_column_copy(r->committee, sizeof r->committee, st, 1);
    r->staff_id = sqlite3_column_int64(st, 2);
    db_column_copy(r->staff_name, sizeof r->staff_name, st, 3);
    db_column_copy(r->date, sizeof r->date, st, 4);
    db_column_copy(r->category, sizeof r->category, st, 5);
    db_column_copy(r->title, sizeof r->title, st, 6);
    r->hours = sqlite3_column_double(st, 7);
    r->version = sqlite3_column_int64(st, 8);
}

/* What a list query binds: the session's scope and the filter. */
struct list_arg {
    struct ctx                 *ctx;
    const struct record_filter *f;
};

static void
bind_filter(sqlite3_stmt *st, void *arg)
{
    const struct list_arg *a = arg;
    const struct record_filter *f = a->f;

    session_bind_scope(&a->ctx->who, st);
    db_bind_int(st, ":me", a->ctx->who.staff_id);
    db_bind_text(st, ":from", f->from);
    db_bind_text(st, ":to", f->to[0] != '\0' ? f->to : "9999-12-31");
    db_bind_int(st, ":staff", f->staff_id);
    db_bind_text(st, ":category", f->category);
}

static struct page_query
list_query(struct list_arg *a)
{
    unsigned role = (unsigned)a->ctx->who.role;
    struct page_query q = {
        .sql = role < ARRAY_LEN(sql_page) ? sql_page[role] : NULL,
        .find = a->f->find, .search = sql_search, .fts = &fts_queue,
        .bind = bind_filter, .arg = a, .read = read_record,
        .size = sizeof(struct record),
    };

    return q;
}

int
records_page(struct ctx *ctx, const struct record_filter *f,
             enum page_dir dir, const char *at_date, int64_t at_id, int n,
             struct record *out, int *got, struct error *e)
{
    struct list_arg a = { ctx, f };
    struct page_query q = list_query(&a);

    return page_query_rows(ctx->db, &q, dir, at_date, at_id, n, out, got, e);
}

long
records_count(struct ctx *ctx, const struct record_filter *f)
{
    struct list_arg a = { ctx, f };
    struct page_query q = list_query(&a);

    return page_query_count(ctx->db, &q);
}

char *
records_page_plan(struct ctx *ctx, const struct record_filter *f)
{
    struct list_arg a = { ctx, f };
    struct page_query q = list_query(&a);

    return page_query_plan(ctx->db, &q);
}

int
records_get(struct ctx *ctx, int64_t id, struct record *out, struct error *e)
{
    sqlite3_stmt *st = db_stmt(ctx->db, sql_get);
    int rc;

    memset(out, 0, sizeof *out);
    if (st == NULL)
        return db_failed(ctx->db, e);
    session_bind_scope(&ctx->who, st);
    db_bind_int(st, ":me", ctx->who.staff_id);
    db_bind_int(st, ":id", id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *d = (const char *)sqlite3_column_text(st, 9);

        read_record(st, out);
        out->details = xstrdup(d != NULL ? d : "");
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return store_gone(e);
    if (rc != SQLITE_ROW)
        return db_error(ctx->db, rc, e);
    return 0;
}

void
records_free(struct record *r)
{
    free(r->details);
    r->details = NULL;
}

int
records_missing_today(struct ctx *ctx)
{
    date_t today = date_today();
    sqlite3_stmt *st;
    char day[11];
    int n = -1;

    if (ctx->who.role != ROLE_STAFF && ctx->who.role != ROLE_DIRECTOR)
        return 0;
    if (ctx->cfg != NULL && !calendar_is_workday(&ctx->cfg->calendar, today))
        return 0;
    if ((st = db_stmt(ctx->db, sql_today)) == NULL)
        return -1;
    db_bind_int(st, ":me", ctx->who.staff_id);
    db_bind_text(st, ":committee", ctx->who.committee);
    db_bind_text(st, ":day", date_format(today, day));
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return n < 0 ? -1 : n == 0;
}
