/* report.c — the monthly report: the figures read from the database into
 * tables, and the per-day trends. report_people.c builds the sections on
 * people's days (records missing, leave), report_scope.c resolves the
 * scope, report_render.c renders it; export.c writes it to CSV and XLSX. */
#include "juwei/report.h"
#include "juwei/report_build.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/calendar.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/signoff.h"

/* Every query: what the session may see, narrowed to the scope asked. */
#define IN_SCOPE(col) REPORT_IN_SCOPE_SQL(col)

static const char sql_begin[] = "BEGIN";
static const char sql_commit[] = "COMMIT";

static const char sql_records[] =
    "SELECT r.category, count(*), total(r.hours) FROM records r"
    " WHERE r.date BETWEEN :first AND :last AND " IN_SCOPE("r.committee_id")
    " GROUP BY r.category";
static const char sql_records_days[] =
    "SELECT r.date, count(*) FROM records r"
    " WHERE r.date BETWEEN :first AND :last AND " IN_SCOPE("r.committee_id")
    " GROUP BY r.date";

static const char sql_opened[] =
    "SELECT i.category, count(*) FROM inspections i"
    " WHERE i.date BETWEEN :first AND :last AND " IN_SCOPE("i.committee_id")
    " GROUP BY i.category";
static const char sql_opened_days[] =
    "SELECT i.date, count(*) FROM inspections i"
    " WHERE i.date BETWEEN :first AND :last AND " IN_SCOPE("i.committee_id")
    " GROUP BY i.date";
/* Days to resolve, sorted, so medians need no second pass. */
static const char sql_resolved[] =
    "SELECT i.category, julianday(i.resolved_date) - julianday(i.date) AS d"
    " FROM inspections i WHERE i.status = 'resolved'"
    " AND i.resolved_date BETWEEN :first AND :last AND "
    IN_SCOPE("i.committee_id") " ORDER BY i.category, d";
static const char sql_resolved_days[] =
    "SELECT i.resolved_date, count(*) FROM inspections i"
    " WHERE i.status = 'resolved' AND i.resolved_date BETWEEN :first AND :last"
    " AND " IN_SCOPE("i.committee_id") " GROUP BY i.resolved_date";
/* Overdue on :asof: opened by then, due before it, and not resolved by
 * it (a resolution dated later did not exist yet). */
static const char sql_overdue[] =
    "SELECT i.category, count(*) FROM inspections i"
    " WHERE i.date <= :asof AND i.due_date IS NOT NULL AND i.due_date < :asof"
    " AND NOT (i.status = 'resolved' AND"
    "  (i.resolved_date IS NULL OR i.resolved_date <= :asof))"
    " AND " IN_SCOPE("i.committee_id") " GROUP BY i.category";

static const char sql_visits[] =
    "SELECT v.purpose, count(*), count(DISTINCT v.resident_id) FROM visits v"
    " WHERE v.date BETWEEN :first AND :last AND " IN_SCOPE("v.committee_id")
    " GROUP BY v.purpose";
static const char sql_visits_total[] =
    "SELECT count(*), count(DISTINCT v.resident_id) FROM visits v"
    " WHERE v.date BETWEEN :first AND :last AND " IN_SCOPE("v.committee_id");
static const char sql_visits_days[] =
    "SELECT v.date, count(*) FROM visits v"
    " WHERE v.date BETWEEN :first AND :last AND " IN_SCOPE("v.committee_id")
    " GROUP BY v.date";
static const char sql_tags_visited[] =
    "SELECT t.tag, count(DISTINCT v.resident_id) FROM visits v"
    " JOIN resident_tags t ON t.resident_id = v.resident_id"
    " WHERE v.date BETWEEN :first AND :last AND " IN_SCOPE("v.committee_id")
    " GROUP BY t.tag";
static const char sql_tags_total[] =
    "SELECT t.tag, count(*) FROM resident_tags t"
    " JOIN residents r ON r.id = t.resident_id"
    " WHERE r.active = 1 AND " IN_SCOPE("r.committee_id") " GROUP BY t.tag";
static const char sql_residents_total[] =
    "SELECT count(*) FROM residents r WHERE r.active = 1 AND "
    IN_SCOPE("r.committee_id");

static const char sql_training[] =
    "SELECT t.level, count(DISTINCT t.id), count(*),"
    " total(coalesce(a.hours, t.hours)) FROM training t"
    " JOIN training_attendees a ON a.training_id = t.id"
    " WHERE t.date BETWEEN :first AND :last AND " IN_SCOPE("a.committee_id")
    " GROUP BY t.level";
static const char sql_training_total[] =
    "SELECT count(DISTINCT t.id), count(*),"
    " total(coalesce(a.hours, t.hours)) FROM training t"
    " JOIN training_attendees a ON a.training_id = t.id"
    " WHERE t.date BETWEEN :first AND :last AND " IN_SCOPE("a.committee_id");

/* Committees of the scope: active ones, and retired ones whose month was
 * signed off. */
static const char sql_committees[] =
    "SELECT c.id, c.name FROM committees c WHERE " IN_SCOPE("c.id")
    " AND (c.active = 1 OR EXISTS (SELECT 1 FROM month_signoffs s"
    " WHERE s.committee_id = c.id AND s.month = :month)) ORDER BY c.id";

/* --- the tables' shapes ----------------------------------------------- */

static const struct report_column cols_records[] = {
    { N_("Category"), RC_LABEL, 0 },
    { N_("Records"), RC_COUNT, 0 },
    { N_("Hours"), RC_AMOUNT, 1 },
};
static const struct report_column cols_missing[] = {
    { N_("Staff"), RC_LABEL, 0 },
    { N_("Committee"), RC_TEXT, 0 },
    { N_("Days without"), RC_COUNT, 0 },
    { N_("Working days"), RC_COUNT, 1 },
    { N_("Dates"), RC_TEXT, 1 },
};
static const struct report_column cols_inspections[] = {
    { N_("Category"), RC_LABEL, 0 },
    { N_("Opened"), RC_COUNT, 0 },
    { N_("Resolved"), RC_COUNT, 1 },
    { N_("Overdue"), RC_COUNT, 2 },
    { N_("Median days"), RC_AMOUNT, 3 },
};
static const struct report_column cols_visits[] = {
    { N_("Purpose"), RC_LABEL, 0 },
    { N_("Visits"), RC_COUNT, 0 },
    { N_("Residents"), RC_COUNT, 1 },
};
static const struct report_column cols_tags[] = {
    { N_("Tag"), RC_LABEL, 0 },
    { N_("Visited"), RC_COUNT, 0 },
    { N_("Of"), RC_COUNT, 1 },
};
static const struct report_column cols_leave[] = {
    { N_("Leave type"), RC_LABEL, 0 },
    { N_("Requests"), RC_COUNT, 0 },
    { N_("People"), RC_COUNT, 1 },
    { N_("Days"), RC_AMOUNT, 2 },
};
static const struct report_column cols_training[] = {
    { N_("Level"), RC_LABEL, 0 },
    { N_("Sessions"), RC_COUNT, 0 },
    { N_("Attendances"), RC_COUNT, 1 },
    { N_("Hours"), RC_AMOUNT, 2 },
};
static const struct report_column cols_signoff[] = {
    { N_("Committee"), RC_LABEL, 0 },
    { N_("Sign-off"), RC_TEXT, 0 },
    { N_("By"), RC_TEXT, 1 },
    { N_("On"), RC_TEXT, 2 },
    { N_("Reason"), RC_TEXT, 3 },
};

static const struct {
    const char                 *title;
    const struct report_column *cols;
    int                         ncols;
} shapes[REPORT_NSECTIONS] = {
    [REPORT_RECORDS] = { N_("Work records by category"), cols_records,
                         (int)ARRAY_LEN(cols_records) },
    [REPORT_MISSING] = { N_("Staff with no record on working days"),
                         cols_missing, (int)ARRAY_LEN(cols_missing) },
    [REPORT_INSPECTIONS] = { N_("Inspections by category"), cols_inspections,
                             (int)ARRAY_LEN(cols_inspections) },
    [REPORT_VISITS] = { N_("Visits by purpose"), cols_visits,
                        (int)ARRAY_LEN(cols_visits) },
    [REPORT_TAGS] = { N_("Tagged residents visited"), cols_tags,
                      (int)ARRAY_LEN(cols_tags) },
    [REPORT_LEAVE] = { N_("Leave days by type"), cols_leave,
                       (int)ARRAY_LEN(cols_leave) },
    [REPORT_TRAINING] = { N_("Training"), cols_training,
                          (int)ARRAY_LEN(cols_training) },
    [REPORT_SIGNOFF] = { N_("Monthly sign-off"), cols_signoff,
                         (int)ARRAY_LEN(cols_signoff) },
};

/* --- building tables -------------------------------------------------- */

/* A cached statement with the session, the scope and the month bound. */
sqlite3_stmt *
report_query(struct report_build *b, const char *sql)
{
    sqlite3_stmt *st = db_stmt(b->ctx->db, sql);

    if (st == NULL) {
        db_failed(b->ctx->db, b->e);
        return NULL;
    }
    session_bind_scope(&b->ctx->who, st);
    report_scope_bind(&b->r->scope, st);
    db_bind_text(st, ":first", b->first);
    db_bind_text(st, ":last", b->last);
    db_bind_text(st, ":asof", b->asof);
    db_bind_text(st, ":month", b->r->month);
    return st;
}

/* Steps to the end; SQLITE_DONE is success. */
int
report_finish(struct report_build *b, sqlite3_stmt *st, int rc)
{
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(b->ctx->db, rc, b->e);
    return 0;
}

struct report_row *
report_add_row(struct report_table *t, const char *id, const char *label)
{
    struct report_row *row;

    t->rows = xreallocarray(t->rows, t->nrows + 1, sizeof *t->rows);
    row = &t->rows[t->nrows++];
    memset(row, 0, sizeof *row);
    row->id = xstrdup(id);
    row->label = xstrdup(label);
    for (int i = 0; i < REPORT_NTEXT; i++)
        row->text[i] = xstrdup("");
    return row;
}

/* The row for a pick-list id, made on first use. */
struct report_row *
report_row_for(struct report_table *t, const char *id)
{
    for (size_t i = 0; i < t->nrows; i++) {
        if (!t->rows[i].total && strcmp(t->rows[i].id, id) == 0)
            return &t->rows[i];
    }
    return report_add_row(t, id, id);
}

static const struct cfg_list *
list_of(const struct config *cfg, enum report_section s)
{
    if (cfg == NULL)
        return NULL;
    switch (s) {
    case REPORT_RECORDS:     return &cfg->record_categories;
    case REPORT_INSPECTIONS: return &cfg->inspection_categories;
    case REPORT_VISITS:      return &cfg->visit_purposes;
    case REPORT_TAGS:        return &cfg->resident_tags;
    case REPORT_TRAINING:    return &cfg->training_levels;
    default:                 return NULL;
    }
}

/* Position of an id in the INI's order; ids the INI no longer lists go
 * last, by id. */
static size_t
rank_of(const struct config *cfg, enum report_section s, const char *id)
{
    const struct cfg_list *l = list_of(cfg, s);

    if (s == REPORT_LEAVE && cfg != NULL) {
        for (size_t i = 0; i < cfg->nleave_types; i++) {
            if (strcmp(cfg->leave_types[i].id, id) == 0)
                return i;
        }
    }
    if (s == REPORT_SIGNOFF && cfg != NULL) {
        for (size_t i = 0; i < cfg->ncommittees; i++) {
            if (strcmp(cfg->committees[i].id, id) == 0)
                return i;
        }
    }
    for (size_t i = 0; l != NULL && i < l->n; i++) {
        if (strcmp(l->items[i].id, id) == 0)
            return i;
    }
    return (size_t)-1;
}

struct sort_by {
    const struct config *cfg;
    enum report_section  section;
};

static int
cmp_rows(const void *a, const void *b, void *arg)
{
    const struct report_row *x = a, *y = b;
    const struct sort_by *by = arg;
    size_t rx = rank_of(by->cfg, by->section, x->id);
    size_t ry = rank_of(by->cfg, by->section, y->id);

    if (rx != ry)
        return rx < ry ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* Puts pick-list rows in the INI's order and names them from it. */
void
report_order_rows(const struct config *cfg, struct report_table *t)
{
    const struct cfg_list *l = list_of(cfg, t->section);
    struct sort_by by = { cfg, t->section };

    if (t->nrows > 1)
        qsort_r(t->rows, t->nrows, sizeof *t->rows, cmp_rows, &by);
    for (size_t i = 0; i < t->nrows; i++) {
        const char *name = NULL;
        const struct cfg_item *it = l != NULL ? config_item(l, t->rows[i].id)
                                              : NULL;
        const struct cfg_leave_type *lt =
            t->section == REPORT_LEAVE && cfg != NULL
            ? config_leave_type(cfg, t->rows[i].id) : NULL;

        if (it != NULL)
            name = it->name;
        else if (lt != NULL)
            name = lt->name;
        if (name != NULL) {
            free(t->rows[i].label);
            t->rows[i].label = xstrdup(name);
        }
    }
}

struct report_row *
report_add_total(struct report_table *t)
{
    struct report_row *row = report_add_row(t, "", _("Total"));

    row->total = true;
    return row;
}

/* Sums of the columns `cols` (indexes into v) over the rows so far. */
void
report_sum_into(struct report_table *t, struct report_row *total,
                const int *cols, int n)
{
    for (size_t i = 0; i < t->nrows; i++) {
        if (t->rows[i].total)
            continue;
        for (int c = 0; c < n; c++)
            total->v[cols[c]] += t->rows[i].v[cols[c]];
    }
}

/* Runs a "SELECT day, count" query into a trend series. */
static int
per_day(struct report_build *b, const char *sql, long *series)
{
    sqlite3_stmt *st = report_query(b, sql);
    int rc;

    if (st == NULL)
        return -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        date_t d;

        if (date_parse_iso(db_column_text(st, 0), &d) && d >= b->r->first &&
            d <= b->r->last)
            series[d - b->r->first] += sqlite3_column_int64(st, 1);
    }
    return report_finish(b, st, rc);
}

static int
build_records(struct report_build *b)
{
    struct report_table *t = &b->r->tables[REPORT_RECORDS];
    sqlite3_stmt *st = report_query(b, sql_records);
    static const int sums[] = { 0, 1 };
    int rc;

    if (st == NULL)
        return -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct report_row *row = report_row_for(t, db_column_text(st, 0));

        row->v[0] = (double)sqlite3_column_int64(st, 1);
        row->v[1] = sqlite3_column_double(st, 2);
    }
    if (report_finish(b, st, rc) < 0)
        return -1;
    report_order_rows(b->ctx->cfg, t);
    report_sum_into(t, report_add_total(t), sums, 2);
    return per_day(b, sql_records_days, b->r->trend[TREND_RECORDS]);
}

/* --- inspections ------------------------------------------------------- */

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* v sorted; NAN for none. */
static double
median(const double *v, size_t n)
{
    if (n == 0)
        return NAN;
    if (n % 2 == 1)
        return v[n / 2];
    return (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int
count_by_id(struct report_build *b, struct report_table *t, const char *sql,
            int vi)
{
    sqlite3_stmt *st = report_query(b, sql);
    int rc;

    if (st == NULL)
        return -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        report_row_for(t, db_column_text(st, 0))->v[vi] =
            (double)sqlite3_column_int64(st, 1);
    return report_finish(b, st, rc);
}

static int
build_inspections(struct report_build *b)
{
    struct report_table *t = &b->r->tables[REPORT_INSPECTIONS];
    static const int sums[] = { 0, 1, 2 };
    sqlite3_stmt *st;
    double *all = NULL, *mine = NULL;
    size_t nall = 0, nmine = 0;
    char *cur = NULL;
    int rc;

    if (count_by_id(b, t, sql_opened, 0) < 0 ||
        count_by_id(b, t, sql_overdue, 2) < 0)
        return -1;
    if ((st = report_query(b, sql_resolved)) == NULL)
        return -1;
    /* Rows come by category, then days: each category's median is taken
     * when the next category starts. */
    for (;;) {
        rc = sqlite3_step(st);
        const char *cat = rc == SQLITE_ROW ? db_column_text(st, 0) : NULL;

        if (cur != NULL && (cat == NULL || strcmp(cat, cur) != 0)) {
            struct report_row *row = report_row_for(t, cur);

            row->v[1] = (double)nmine;
            row->v[3] = median(mine, nmine);
            nmine = 0;
            free(cur);
            cur = NULL;
        }
        if (rc != SQLITE_ROW)
            break;
        if (cur == NULL)
            cur = xstrdup(cat);
        mine = xreallocarray(mine, nmine + 1, sizeof *mine);
        mine[nmine++] = sqlite3_column_double(st, 1);
        all = xreallocarray(all, nall + 1, sizeof *all);
        all[nall++] = sqlite3_column_double(st, 1);
    }
    free(mine);
    if (report_finish(b, st, rc) < 0) {
        free(all);
        return -1;
    }
    for (size_t i = 0; i < t->nrows; i++) {
        if (t->rows[i].v[1] == 0)
            t->rows[i].v[3] = NAN;
    }
    report_order_rows(b->ctx->cfg, t);
    struct report_row *total = report_add_total(t);
    report_sum_into(t, total, sums, 3);
    if (nall > 1)
        qsort(all, nall, sizeof *all, cmp_double);
    total->v[3] = median(all, nall);
    free(all);
    if (per_day(b, sql_opened_days, b->r->trend[TREND_OPENED]) < 0)
        return -1;
    return per_day(b, sql_resolved_days, b->r->trend[TREND_RESOLVED]);
}

/* --- visits and residents ---------------------------------------------- */

static int
build_visits(struct report_build *b)
{
    struct report_table *t = &b->r->tables[REPORT_VISITS];
    struct report_table *tags = &b->r->tables[REPORT_TAGS];
    struct report_row *total;
    sqlite3_stmt *st;
    int rc;

    if ((st = report_query(b, sql_visits)) == NULL)
        return -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct report_row *row = report_row_for(t, db_column_text(st, 0));

        row->v[0] = (double)sqlite3_column_int64(st, 1);
        row->v[1] = (double)sqlite3_column_int64(st, 2);
    }
    if (report_finish(b, st, rc) < 0)
        return -1;
    report_order_rows(b->ctx->cfg, t);
    total = report_add_total(t);
    /* One resident visited for two purposes counts once in the total. */
    if ((st = report_query(b, sql_visits_total)) == NULL)
        return -1;
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        total->v[0] = (double)sqlite3_column_int64(st, 0);
        total->v[1] = (double)sqlite3_column_int64(st, 1);
        rc = SQLITE_DONE;
    }
    if (report_finish(b, st, rc) < 0)
        return -1;

    if (count_by_id(b, tags, sql_tags_visited, 0) < 0 ||
        count_by_id(b, tags, sql_tags_total, 1) < 0)
        return -1;
    report_order_rows(b->ctx->cfg, tags);
    struct report_row *all = report_add_total(tags);
    free(all->label);
    all->label = xstrdup(_("All residents"));
    all->v[0] = total->v[1];
    if ((st = report_query(b, sql_residents_total)) == NULL)
        return -1;
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        all->v[1] = (double)sqlite3_column_int64(st, 0);
        rc = SQLITE_DONE;
    }
    if (report_finish(b, st, rc) < 0)
        return -1;
    return per_day(b, sql_visits_days, b->r->trend[TREND_VISITS]);
}

/* --- training and sign-off --------------------------------------------- */

static int
build_training(struct report_build *b)
{
    struct report_table *t = &b->r->tables[REPORT_TRAINING];
    struct report_row *total;
    sqlite3_stmt *st = report_query(b, sql_training);
    int rc;

    if (st == NULL)
        return -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct report_row *row = report_row_for(t, db_column_text(st, 0));

        row->v[0] = (double)sqlite3_column_int64(st, 1);
        row->v[1] = (double)sqlite3_column_int64(st, 2);
        row->v[2] = sqlite3_column_double(st, 3);
    }
    if (report_finish(b, st, rc) < 0)
        return -1;
    report_order_rows(b->ctx->cfg, t);
    total = report_add_total(t);
    /* A session attended from two levels' view is still one session. */
    if ((st = report_query(b, sql_training_total)) == NULL)
        return -1;
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        total->v[0] = (double)sqlite3_column_int64(st, 0);
        total->v[1] = (double)sqlite3_column_int64(st, 1);
        total->v[2] = sqlite3_column_double(st, 2);
        rc = SQLITE_DONE;
    }
    return report_finish(b, st, rc);
}

static char *
day_of(int64_t t)
{
    char buf[11];

    return xstrdup(date_format(date_of_time(t), buf));
}

static int
build_signoff(struct report_build *b)
{
    struct report_table *t = &b->r->tables[REPORT_SIGNOFF];
    sqlite3_stmt *st = report_query(b, sql_committees);
    char **ids = NULL, **names = NULL;
    size_t n = 0;
    int rc, ret = 0;

    if (st == NULL)
        return -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        ids = xreallocarray(ids, n + 1, sizeof *ids);
        names = xreallocarray(names, n + 1, sizeof *names);
        ids[n] = xstrdup(db_column_text(st, 0));
        names[n++] = xstrdup(db_column_text(st, 1));
    }
    if (report_finish(b, st, rc) < 0)
        ret = -1;
    for (size_t i = 0; i < n; i++) {
        struct signoff so;

        if (ret == 0 &&
            signoff_get(b->ctx, ids[i], b->r->month, &so, b->e) < 0)
            ret = -1;
        if (ret == 0) {
            struct report_row *row = report_add_row(t, ids[i], names[i]);

            row->v[0] = so.state;     /* for screens; not a column */

            free(row->text[0]);
            free(row->text[1]);
            free(row->text[2]);
            free(row->text[3]);
            switch (so.state) {
            case SIGNOFF_OPEN:
                row->text[0] = xstrdup(_("not signed off"));
                row->text[1] = xstrdup("");
                row->text[2] = xstrdup("");
                row->text[3] = xstrdup("");
                break;
            case SIGNOFF_SIGNED:
                row->text[0] = xstrdup(_("signed off"));
                row->text[1] = xstrdup(so.signed_by_name);
                row->text[2] = day_of(so.signed_at);
                row->text[3] = xstrdup("");
                break;
            case SIGNOFF_REOPENED:
                row->text[0] = xstrdup(_("reopened"));
                row->text[1] = xstrdup(so.reopened_by_name);
                row->text[2] = day_of(so.reopened_at);
                row->text[3] = xstrdup(so.reason);
                break;
            }
        }
        free(ids[i]);
        free(names[i]);
    }
    free(ids);
    free(names);
    if (ret == 0)
        report_order_rows(b->ctx->cfg, t);
    return ret;
}

/* --- the report ---------------------------------------------------------- */

static int
build_all(struct report_build *b)
{
    if (build_records(b) < 0 || report_build_missing(b) < 0 ||
        build_inspections(b) < 0 || build_visits(b) < 0 ||
        report_build_leave(b) < 0 || build_training(b) < 0 ||
        build_signoff(b) < 0)
        return -1;
    return 0;
}

int
report_monthly(struct ctx *ctx, const char *month, const char *committee,
               const char *district, struct report **out, struct error *e)
{
    struct report *r;
    struct report_build b = { .ctx = ctx, .e = e };
    date_t today = date_today();
    bool own_txn;
    int rc;

    *out = NULL;
    if (ctx->cfg == NULL)
        return error_set(e, E_INVAL, NULL, _("no configuration loaded"));
    r = xcalloc(1, sizeof *r);
    if (!report_month_parse(month, &r->first, &r->last)) {
        free(r);
        return error_set(e, E_INVAL, "month",
                         _("\"%s\" is not a month; write it as YYYY-MM"),
                         month != NULL ? month : "");
    }
    if (r->first > today) {
        free(r);
        return error_set(e, E_INVAL, "month",
                         _("%s has not begun yet"), month);
    }
    snprintf(r->month, sizeof r->month, "%s", month);
    r->ndays = r->last - r->first + 1;
    r->asof = r->last < today ? r->last : today;
    r->calendar_covered = calendar_covers(&ctx->cfg->calendar, r->first);
    for (date_t d = r->first; d <= r->last; d++)
        r->workdays += calendar_is_workday(&ctx->cfg->calendar, d);
    for (int s = 0; s < REPORT_NSECTIONS; s++) {
        r->tables[s].section = (enum report_section)s;
        r->tables[s].title = shapes[s].title;
        r->tables[s].cols = shapes[s].cols;
        r->tables[s].ncols = shapes[s].ncols;
    }
    b.r = r;
    date_format(r->first, b.first);
    date_format(r->last, b.last);
    date_format(r->asof, b.asof);

    /* One snapshot for every figure, unless the caller holds one. */
    own_txn = sqlite3_get_autocommit(db_sqlite(ctx->db)) != 0;
    if (report_scope_resolve(ctx, committee, district, &r->scope, e) < 0 ||
        (own_txn && db_run(ctx->db, sql_begin, e) < 0)) {
        report_free(r);
        return -1;
    }
    rc = build_all(&b);
    if (own_txn)
        db_run(ctx->db, sql_commit, NULL);
    if (rc < 0) {
        report_free(r);
        return -1;
    }
    *out = r;
    return 0;
}

void
report_free(struct report *r)
{
    if (r == NULL)
        return;
    for (int s = 0; s < REPORT_NSECTIONS; s++) {
        struct report_table *t = &r->tables[s];

        for (size_t i = 0; i < t->nrows; i++) {
            free(t->rows[i].id);
            free(t->rows[i].label);
            for (int j = 0; j < REPORT_NTEXT; j++)
                free(t->rows[i].text[j]);
        }
        free(t->rows);
    }
    free(r);
}
