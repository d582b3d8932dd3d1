/* assessment_read.c — the assessment's reads, each scoped in SQL and
 * each holding the privacy rule of assessment.h: one's own sheets only,
 * aggregates for the street office only, results after publishing. The
 * evidence of a year is counted here straight from the record tables of
 * schema 1. */
#include "juwei/assessment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/date.h"
#include "juwei/db.h"
#include "juwei/training.h"

#define ROUND_SELECT \
    "SELECT r.id, r.district_id, r.year, r.status," \
    " coalesce(r.published_at, 0), r.version," \
    " (SELECT count(*) FROM assessment_subjects s WHERE s.round_id = r.id)" \
    " FROM assessment_rounds r WHERE (:role = 3 OR r.district_id = :district)"
static const char sql_rounds[] = ROUND_SELECT
    " ORDER BY r.year DESC, r.district_id, r.id";
static const char sql_round[] = ROUND_SELECT " AND r.id = :id";

static const char sql_default_subjects[] =
    "SELECT s.id FROM staff s JOIN committees c ON c.id = s.committee_id"
    " WHERE s.role IN ('staff', 'director') AND s.active = 1"
    " AND c.active = 1 AND c.district_id = :district"
    " ORDER BY s.committee_id, s.name, s.id";

/* A subject row: who, and whether they are still on the roster. */
#define SUBJECT_COLS \
    "sub.id, sub.staff_id, st.name, sub.committee_id, coalesce(c.name, '')," \
    " st.active"
#define SUBJECT_FROM \
    " FROM assessment_subjects sub JOIN staff st ON st.id = sub.staff_id" \
    " JOIN committees c ON c.id = sub.committee_id"
#define SUBJECT_WHERE \
    " WHERE sub.round_id = :round AND " SCOPE_SQL("sub.committee_id")
#define SUBJECT_ORDER " ORDER BY sub.committee_id, st.name, sub.id"

static const char sql_me[] =
    "SELECT sub.committee_id, st.active FROM assessment_subjects sub"
    " JOIN staff st ON st.id = sub.staff_id"
    " WHERE sub.round_id = ?1 AND sub.staff_id = ?2";

/* Only the acting account's own scores are joined in. */
static const char sql_sheets[] =
    "SELECT " SUBJECT_COLS ", coalesce(x.id, 0), coalesce(x.version, 0),"
    " coalesce(x.de, 0), coalesce(x.neng, 0), coalesce(x.qin, 0),"
    " coalesce(x.ji, 0), coalesce(x.de_grade, ''),"
    " coalesce(x.neng_grade, ''), coalesce(x.qin_grade, ''),"
    " coalesce(x.ji_grade, '')" SUBJECT_FROM
    " LEFT JOIN assessment_scores x ON x.subject_id = sub.id"
    "  AND x.source = :source AND x.scorer_id = :me"
    SUBJECT_WHERE " AND (:source <> 'peers' OR sub.committee_id = :mine)"
    SUBJECT_ORDER;

static const char sql_ballots[] =
    "SELECT " SUBJECT_COLS ", coalesce(b.id, 0), coalesce(b.version, 0),"
    " coalesce(b.excellent, 0), coalesce(b.competent, 0),"
    " coalesce(b.incompetent, 0)" SUBJECT_FROM
    " LEFT JOIN assessment_ballots b ON b.subject_id = sub.id"
    SUBJECT_WHERE SUBJECT_ORDER;

/* Peer sheets still count when both sides are on the roster, or when the
 * scorer has left (what they filled before leaving stays). */
static const char sql_progress[] =
    "SELECT " SUBJECT_COLS ","
    " (SELECT count(*) FROM assessment_scores x"
    "   JOIN assessment_subjects o ON o.id = x.subject_id"
    "   JOIN staff os ON os.id = o.staff_id"
    "   WHERE x.round_id = sub.round_id AND x.source = 'peers'"
    "   AND x.scorer_id = sub.staff_id AND (os.active = 1 OR st.active = 0)),"
    " CASE WHEN st.active = 0 THEN 0 ELSE"
    "  (SELECT count(*) FROM assessment_subjects o"
    "   JOIN staff os ON os.id = o.staff_id WHERE o.round_id = sub.round_id"
    "   AND o.committee_id = sub.committee_id AND os.active = 1) END,"
    " (SELECT count(*) FROM assessment_scores x WHERE x.subject_id = sub.id"
    "   AND x.source = 'street'),"
    " coalesce((SELECT b.excellent + b.competent + b.incompetent"
    "   FROM assessment_ballots b WHERE b.subject_id = sub.id), 0)"
    SUBJECT_FROM SUBJECT_WHERE SUBJECT_ORDER;

/* A staff account gets its own row only. */
static const char sql_outcomes[] =
    "SELECT " SUBJECT_COLS ", sub.score, coalesce(sub.grade, ''),"
    " coalesce(sub.rank, 0),"
    " coalesce(b.excellent, 0), coalesce(b.competent, 0),"
    " coalesce(b.incompetent, 0)" SUBJECT_FROM
    " LEFT JOIN assessment_ballots b ON b.subject_id = sub.id"
    SUBJECT_WHERE " AND (:role <> 0 OR sub.staff_id = :me)" SUBJECT_ORDER;
/* Every street and peer sheet of the round, summed in C: a grade's
 * points come from the configuration. Read for the street office and
 * admins only (see assessment_results): one member's sheet never leaves
 * this file. */
static const char sql_marks[] =
    "SELECT x.subject_id, x.source, x.de, x.neng, x.qin, x.ji,"
    " x.de_grade, x.neng_grade, x.qin_grade, x.ji_grade"
    " FROM assessment_subjects sub"
    " JOIN assessment_scores x ON x.subject_id = sub.id"
    " WHERE sub.round_id = :round AND x.source IN ('street', 'peers')"
    " AND " SCOPE_SQL("sub.committee_id");

/* Waiting for a member: subjects of their committee in open rounds they
 * are assessed in, both still on the roster, without their sheet. */
static const char sql_waiting_peer[] =
    "SELECT count(*) FROM assessment_subjects sub"
    " JOIN assessment_rounds r ON r.id = sub.round_id"
    " JOIN staff st ON st.id = sub.staff_id"
    " JOIN assessment_subjects me ON me.round_id = sub.round_id"
    "  AND me.staff_id = :me AND me.committee_id = sub.committee_id"
    " JOIN staff ms ON ms.id = me.staff_id"
    " WHERE r.status = 'open' AND st.active = 1 AND ms.active = 1"
    " AND NOT EXISTS (SELECT 1 FROM assessment_scores x"
    "  WHERE x.subject_id = sub.id AND x.source = 'peers'"
    "  AND x.scorer_id = :me)";
/* Waiting for a street account: its own evaluations and the ballots. */
static const char sql_waiting_street[] =
    "SELECT count(*) + coalesce(sum(NOT EXISTS (SELECT 1"
    "  FROM assessment_ballots b WHERE b.subject_id = sub.id)), 0)"
    " - coalesce(sum(EXISTS (SELECT 1 FROM assessment_scores x"
    "  WHERE x.subject_id = sub.id AND x.source = 'street'"
    "  AND x.scorer_id = :me)), 0)"
    " FROM assessment_subjects sub"
    " JOIN assessment_rounds r ON r.id = sub.round_id"
    " WHERE r.status = 'open' AND r.district_id = :district";

static const char sql_ev_person[] =
    "SELECT coalesce(s.employment_type, ''), coalesce(s.hire_date, ''),"
    " coalesce(s.contract_end, '') FROM staff s"
    " WHERE s.id = :id AND " SCOPE_SQL("s.committee_id");
static const char sql_ev_records[] =
    "SELECT count(*), total(hours) FROM records WHERE staff_id = ?1"
    " AND date BETWEEN ?2 AND ?3";
static const char sql_ev_inspections[] =
    "SELECT count(*) FROM inspections WHERE assignee_id = ?1"
    " AND status = 'resolved' AND coalesce(resolved_date, date)"
    " BETWEEN ?2 AND ?3";
static const char sql_ev_visits[] =
    "SELECT count(*) FROM visits WHERE staff_id = ?1"
    " AND date BETWEEN ?2 AND ?3";
/* Leave taken (approved, or returned as actually taken) in the year, as
 * leave.c charges it: a leave across the year end counts its part in
 * each year (halves_next, used_next: the part in the year after the
 * start's). ?2 is the start of the year before. */
static const char sql_ev_leave[] =
    "SELECT total(CASE WHEN substr(from_date, 1, 4) = ?4"
    "  THEN (CASE status WHEN 'returned'"
    "   THEN coalesce(used_halves - used_next, halves - halves_next)"
    "   ELSE halves - halves_next END)"
    "  ELSE (CASE status WHEN 'returned' THEN coalesce(used_next, halves_next)"
    "   ELSE halves_next END) END)"
    " FROM leave WHERE staff_id = ?1 AND status IN ('approved', 'returned')"
    " AND from_date BETWEEN ?2 AND ?3";

static sqlite3_stmt *
scoped(struct ctx *ctx, const char *sql)
{
    sqlite3_stmt *st = db_stmt(ctx->db, sql);

    if (st != NULL) {
        session_bind_scope(&ctx->who, st);
        db_bind_int(st, ":me", ctx->who.staff_id);
    }
    return st;
}

/* Grows *v by one element of `size` bytes, zeroed; returns it. */
static void *
grow(void **v, size_t *n, size_t size)
{
    char *p;

    *v = xreallocarray(*v, *n + 1, size);
    p = (char *)*v + *n * size;
    memset(p, 0, size);
    (*n)++;
    return p;
}

/* Runs a prepared statement to its end, handing each row to `row`. */
static int
each_row(struct ctx *ctx, sqlite3_stmt *st, void **out, size_t *n,
         size_t size, void (*row)(sqlite3_stmt *, void *), struct error *e)
{
    int rc;

    *out = NULL;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        row(st, grow(out, n, size));
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return db_error(ctx->db, rc, e);
    }
    return 0;
}

/* --- rounds ---------------------------------------------------------- */

static void
read_round(sqlite3_stmt *st, void *p)
{
    struct assessment_round *r = p;
    char status[16];

    r->id = sqlite3_column_int64(st, 0);
    db_column_copy(r->district, sizeof r->district, st, 1);
    r->year = sqlite3_column_int(st, 2);
    db_column_copy(status, sizeof status, st, 3);
    r->published = strcmp(status, "published") == 0;
    r->published_at = sqlite3_column_int64(st, 4);
    r->version = sqlite3_column_int64(st, 5);
    r->subjects = sqlite3_column_int(st, 6);
}

int
assessment_rounds(struct ctx *ctx, struct assessment_round **out, size_t *n,
                  struct error *e)
{
    sqlite3_stmt *st = scoped(ctx, sql_rounds);

    if (st == NULL)
        return db_failed(ctx->db, e);
    return each_row(ctx, st, (void **)out, n, sizeof **out, read_round, e);
}

int
assessment_round_get(struct ctx *ctx, int64_t id, struct assessment_round *out,
                     struct error *e)
{
    sqlite3_stmt *st = scoped(ctx, sql_round);
    int rc;

    if (st == NULL)
        return db_failed(ctx->db, e);
    db_bind_int(st, ":id", id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        read_round(st, out);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_NOTFOUND, NULL, _("no such assessment round"));
    if (rc != SQLITE_ROW)
        return db_error(ctx->db, rc, e);
    return 0;
}

static void
read_id(sqlite3_stmt *st, void *p)
{
    *(int64_t *)p = sqlite3_column_int64(st, 0);
}

int
assessment_default_subjects(struct ctx *ctx, int64_t **staff, size_t *n,
                            struct error *e)
{
    sqlite3_stmt *st;

    *staff = NULL;
    *n = 0;
    if (ctx->who.role != ROLE_STREET)
        return error_set(e, E_PERM, NULL,
                         _("only the street office runs the assessment"));
    if ((st = scoped(ctx, sql_default_subjects)) == NULL)
        return db_failed(ctx->db, e);
    return each_row(ctx, st, (void **)staff, n, sizeof **staff, read_id, e);
}

/* --- sheets and ballots ---------------------------------------------- */

static void
read_subject(sqlite3_stmt *st, int64_t *subject, int64_t *staff, char *name,
             size_t nsize, char *committee, size_t csize, char *cname,
             size_t cnsize, bool *active)
{
    *subject = sqlite3_column_int64(st, 0);
    *staff = sqlite3_column_int64(st, 1);
    db_column_copy(name, nsize, st, 2);
    if (committee != NULL)
        db_column_copy(committee, csize, st, 3);
    db_column_copy(cname, cnsize, st, 4);
    *active = sqlite3_column_int(st, 5) != 0;
}

static void
read_sheet(sqlite3_stmt *st, void *p)
{
    struct assessment_sheet *s = p;

    read_subject(st, &s->subject_id, &s->staff_id, s->name, sizeof s->name,
                 s->committee, sizeof s->committee, s->committee_name,
                 sizeof s->committee_name, &s->active);
    s->sheet_id = sqlite3_column_int64(st, 6);
    s->sheet_version = sqlite3_column_int64(st, 7);
    for (int a = 0; a < ASP_COUNT; a++) {
        s->aspect[a] = sqlite3_column_double(st, 8 + a);
        db_column_copy(s->grade[a], sizeof s->grade[a], st, 12 + a);
    }
}

/* The acting account as a subject of `round`: 1 with its committee and
 * whether it is still on the roster, 0 when not assessed there. */
static int
me_in_round(struct ctx *ctx, int64_t round, char *committee, size_t size,
            bool *active, struct error *e)
{
    sqlite3_stmt *st = db_stmt(ctx->db, sql_me);
    int rc;

    if (st == NULL)
        return db_failed(ctx->db, e);
    sqlite3_bind_int64(st, 1, round);
    sqlite3_bind_int64(st, 2, ctx->who.staff_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        db_column_copy(committee, size, st, 0);
        *active = sqlite3_column_int(st, 1) != 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_error(ctx->db, rc, e);
    return rc == SQLITE_ROW;
}

int
assessment_sheets(struct ctx *ctx, int64_t round_id, enum assess_source src,
                  struct assessment_sheet **out, size_t *n, struct error *e)
{
    struct assessment_round r;
    char mine[64] = "";
    bool me_active = true;
    sqlite3_stmt *st;
    int rc;

    *out = NULL;
    *n = 0;
    if (assessment_round_get(ctx, round_id, &r, e) < 0)
        return -1;
    if (src == SRC_STREET) {
        if (ctx->who.role != ROLE_STREET)
            return error_set(e, E_PERM, NULL,
                             _("the street office's sheets are filled by "
                               "street office accounts"));
    } else if (src == SRC_PEERS) {
        if ((rc = me_in_round(ctx, round_id, mine, sizeof mine, &me_active,
                              e)) < 0)
            return -1;
        if (rc == 0 || (ctx->who.role != ROLE_STAFF &&
                        ctx->who.role != ROLE_DIRECTOR))
            return error_set(e, E_PERM, NULL,
                             _("you are not assessed in the %d round, so "
                               "you fill no peer sheets"), r.year);
    } else {
        return error_set(e, E_INVAL, "source",
                         _("the resident representatives' votes are "
                           "entered as ballots"));
    }
    if ((st = scoped(ctx, sql_sheets)) == NULL)
        return db_failed(ctx->db, e);
    db_bind_int(st, ":round", round_id);
    db_bind_text(st, ":source", src == SRC_STREET ? "street" : "peers");
    db_bind_text(st, ":mine", mine);
    if (each_row(ctx, st, (void **)out, n, sizeof **out, read_sheet, e) < 0)
        return -1;
    for (size_t i = 0; i < *n; i++) {
        struct assessment_sheet *s = &(*out)[i];

        s->may_fill = !r.published &&
                      (src == SRC_STREET || (me_active && s->active));
        for (int a = 0; a < ASP_COUNT && ctx->cfg != NULL; a++)
            s->aspect[a] = assessment_mark_points(&ctx->cfg->assessment,
                                                  s->grade[a], s->aspect[a]);
    }
    return 0;
}

static void
read_ballot(sqlite3_stmt *st, void *p)
{
    struct assessment_ballot *b = p;

    read_subject(st, &b->subject_id, &b->staff_id, b->name, sizeof b->name,
                 NULL, 0, b->committee_name, sizeof b->committee_name,
                 &b->active);
    b->ballot_id = sqlite3_column_int64(st, 6);
    b->version = sqlite3_column_int64(st, 7);
    for (int g = 0; g < 3; g++)
        b->votes[g] = sqlite3_column_int(st, 8 + g);
}

static int
street_or_admin(const struct ctx *ctx, struct error *e)
{
    if (ctx->who.role != ROLE_STREET && ctx->who.role != ROLE_ADMIN)
        return error_set(e, E_PERM, NULL,
                         _("only the street office sees this"));
    return 0;
}

int
assessment_ballots(struct ctx *ctx, int64_t round_id,
                   struct assessment_ballot **out, size_t *n,
                   struct error *e)
{
    sqlite3_stmt *st;

    *out = NULL;
    *n = 0;
    if (street_or_admin(ctx, e) < 0)
        return -1;
    if ((st = scoped(ctx, sql_ballots)) == NULL)
        return db_failed(ctx->db, e);
    db_bind_int(st, ":round", round_id);
    return each_row(ctx, st, (void **)out, n, sizeof **out, read_ballot, e);
}

/* --- completeness, results ------------------------------------------- */

static void
read_progress(sqlite3_stmt *st, void *p)
{
    struct assessment_progress *g = p;

    read_subject(st, &g->subject_id, &g->staff_id, g->name, sizeof g->name,
                 NULL, 0, g->committee_name, sizeof g->committee_name,
                 &g->active);
    g->peer_done = sqlite3_column_int(st, 6);
    g->peer_due = sqlite3_column_int(st, 7);
    g->street_sheets = sqlite3_column_int(st, 8);
    g->votes = sqlite3_column_int(st, 9);
}

int
assessment_progress(struct ctx *ctx, int64_t round_id,
                    struct assessment_progress **out, size_t *n,
                    struct error *e)
{
    sqlite3_stmt *st;

    *out = NULL;
    *n = 0;
    if (street_or_admin(ctx, e) < 0)
        return -1;
    if ((st = scoped(ctx, sql_progress)) == NULL)
        return db_failed(ctx->db, e);
    db_bind_int(st, ":round", round_id);
    return each_row(ctx, st, (void **)out, n, sizeof **out, read_progress,
                    e);
}

long
assessment_waiting(struct ctx *ctx)
{
    const char *sql;
    sqlite3_stmt *st;
    long n = -1;

    switch (ctx->who.role) {
    case ROLE_STAFF:
    case ROLE_DIRECTOR:
        sql = sql_waiting_peer;
        break;
    case ROLE_STREET:
        sql = sql_waiting_street;
        break;
    default:
        return 0;
    }
    if ((st = scoped(ctx, sql)) == NULL)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return n;
}

struct outcome_row {
    struct assessment_outcome o;
    struct assessment_input   in;
    bool                      stored;     /* score column not NULL */
    double                    score;
    enum assessment_grade     grade;
    int                       rank;
};

static void
read_outcome(sqlite3_stmt *st, void *p)
{
    struct outcome_row *w = p;
    char grade[16];

    read_subject(st, &w->o.subject_id, &w->o.staff_id, w->o.name,
                 sizeof w->o.name, w->o.committee, sizeof w->o.committee,
                 w->o.committee_name, sizeof w->o.committee_name,
                 &w->o.active);
    w->stored = sqlite3_column_type(st, 6) != SQLITE_NULL;
    w->score = sqlite3_column_double(st, 6);
    db_column_copy(grade, sizeof grade, st, 7);
    assessment_grade_parse(grade, &w->grade);
    w->rank = sqlite3_column_int(st, 8);
    for (int g = 0; g < 3; g++)
        w->in.votes[g] = sqlite3_column_int(st, 9 + g);
}

struct by_subject {
    int64_t id;
    size_t  i;
};

static int
cmp_subject(const void *x, const void *y)
{
    const struct by_subject *a = x, *b = y;

    return (a->id > b->id) - (a->id < b->id);
}

/* Adds every street and peer sheet of the round to its subject's input,
 * each aspect in points by the configuration of now. */
static int
sum_marks(struct ctx *ctx, int64_t round, struct outcome_row *w, size_t m,
          struct error *e)
{
    const struct cfg_assessment *a = &ctx->cfg->assessment;
    struct by_subject *idx = xcalloc(m > 0 ? m : 1, sizeof *idx);
    sqlite3_stmt *st = scoped(ctx, sql_marks);
    int rc;

    if (st == NULL) {
        free(idx);
        return db_failed(ctx->db, e);
    }
    for (size_t i = 0; i < m; i++)
        idx[i] = (struct by_subject){ w[i].o.subject_id, i };
    qsort(idx, m, sizeof *idx, cmp_subject);
    db_bind_int(st, ":round", round);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct by_subject key = { sqlite3_column_int64(st, 0), 0 }, *hit;
        const char *source = (const char *)sqlite3_column_text(st, 1);
        enum assess_source s = strcmp(source, "street") == 0 ? SRC_STREET
                                                              : SRC_PEERS;
        struct assessment_input *in;

        if ((hit = bsearch(&key, idx, m, sizeof *idx, cmp_subject)) == NULL)
            continue;
        in = &w[hit->i].in;
        in->sheets[s]++;
        for (int k = 0; k < ASP_COUNT; k++)
            in->sum[s][k] += assessment_mark_points(
                a, (const char *)sqlite3_column_text(st, 6 + k),
                sqlite3_column_double(st, 2 + k));
    }
    sqlite3_reset(st);
    free(idx);
    return rc == SQLITE_DONE ? 0 : db_error(ctx->db, rc, e);
}

static int
by_rank(const void *x, const void *y)
{
    const struct assessment_outcome *a = x, *b = y;

    if ((a->r.rank == 0) != (b->r.rank == 0))
        return a->r.rank == 0 ? 1 : -1;
    if (a->r.rank != b->r.rank)
        return a->r.rank < b->r.rank ? -1 : 1;
    int c = strcmp(a->committee, b->committee);
    if (c != 0)
        return c;
    c = strcmp(a->name, b->name);
    if (c != 0)
        return c;
    return a->subject_id < b->subject_id ? -1 : a->subject_id > b->subject_id;
}

int
assessment_results(struct ctx *ctx, int64_t round_id,
                   struct assessment_outcome **out, size_t *n,
                   struct error *e)
{
    struct assessment_round r;
    struct outcome_row *w;
    struct assessment_input *in;
    struct assessment_result *res;
    bool street = ctx->who.role == ROLE_STREET || ctx->who.role == ROLE_ADMIN;
    sqlite3_stmt *st;
    size_t m;

    *out = NULL;
    *n = 0;
    if (assessment_round_get(ctx, round_id, &r, e) < 0)
        return -1;
    if (!street && !r.published)
        return error_set(e, E_PERM, NULL,
                         _("the results are shown once the street office "
                           "publishes them"));
    if (ctx->cfg == NULL)
        return error_set(e, E_INVAL, NULL, _("no configuration loaded"));
    if ((st = scoped(ctx, sql_outcomes)) == NULL)
        return db_failed(ctx->db, e);
    db_bind_int(st, ":round", round_id);
    if (each_row(ctx, st, (void **)&w, &m, sizeof *w, read_outcome, e) < 0)
        return -1;
    if (street && sum_marks(ctx, round_id, w, m, e) < 0) {
        free(w);
        return -1;
    }
    in = xcalloc(m > 0 ? m : 1, sizeof *in);
    res = xcalloc(m > 0 ? m : 1, sizeof *res);
    for (size_t i = 0; i < m; i++)
        in[i] = w[i].in;
    /* Street accounts see the whole district, so ranks and the cap are
     * computed over every subject of the round. */
    assessment_compute(&ctx->cfg->assessment, in, m, res);
    *out = xcalloc(m > 0 ? m : 1, sizeof **out);
    for (size_t i = 0; i < m; i++) {
        struct assessment_outcome *o = &(*out)[i];

        *o = w[i].o;
        if (street)
            o->r = res[i];
        else
            o->r.grade = GRADE_NONE;
        /* Once published, the stored result is the result: the INI's
         * weights may have changed since. */
        if (r.published) {
            o->r.scored = w[i].stored;
            o->r.total = w[i].score;
            o->r.grade = w[i].grade;
            o->r.rank = w[i].rank;
        }
    }
    *n = m;
    qsort(*out, m, sizeof **out, by_rank);
    free(in);
    free(res);
    free(w);
    return 0;
}

/* --- evidence -------------------------------------------------------- */

/* One row of a count over a person's records from y0 to y1 (and, for
 * the leave, the year as ?4). */
static int
year_query(struct db *db, const char *sql, int64_t staff, const char *y0,
           const char *y1, double *a, double *b, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    int rc;

    if (st == NULL)
        return db_failed(db, e);
    sqlite3_bind_int64(st, 1, staff);
    sqlite3_bind_text(st, 2, y0, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, y1, -1, SQLITE_STATIC);
    if (sqlite3_bind_parameter_count(st) >= 4)
        sqlite3_bind_text(st, 4, y1, 4, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *a = sqlite3_column_double(st, 0);
        if (b != NULL)
            *b = sqlite3_column_double(st, 1);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : db_error(db, rc, e);
}

int
assessment_evidence(struct ctx *ctx, int64_t staff_id, int year,
                    struct assessment_evidence *out, struct error *e)
{
    sqlite3_stmt *st = scoped(ctx, sql_ev_person);
    char y0[11], y1[11], before[11];
    double records = 0, inspections = 0, visits = 0, halves = 0;
    int rc;

    memset(out, 0, sizeof *out);
    if (st == NULL)
        return db_failed(ctx->db, e);
    db_bind_int(st, ":id", staff_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        db_column_copy(out->employment_type, sizeof out->employment_type,
                       st, 0);
        db_column_copy(out->hire_date, sizeof out->hire_date, st, 1);
        db_column_copy(out->contract_end, sizeof out->contract_end, st, 2);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_NOTFOUND, NULL, _("no such person"));
    if (rc != SQLITE_ROW)
        return db_error(ctx->db, rc, e);
    date_format(date_from_ymd(year, 1, 1), y0);
    date_format(date_from_ymd(year, 12, 31), y1);
    date_format(date_from_ymd(year - 1, 1, 1), before);
    if (year_query(ctx->db, sql_ev_records, staff_id, y0, y1, &records,
                   &out->record_hours, e) < 0 ||
        year_query(ctx->db, sql_ev_inspections, staff_id, y0, y1,
                   &inspections, NULL, e) < 0 ||
        year_query(ctx->db, sql_ev_visits, staff_id, y0, y1, &visits, NULL,
                   e) < 0 ||
        year_query(ctx->db, sql_ev_leave, staff_id, before, y1, &halves,
                   NULL, e) < 0 ||
        training_person_year(ctx, staff_id, year, &out->training_hours,
                             &out->training_sessions, e) < 0)
        return -1;
    out->records = (int)records;
    out->inspections_resolved = (int)inspections;
    out->visits = (int)visits;
    out->leave_days = halves / 2;
    return 0;
}
