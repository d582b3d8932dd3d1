/* assessment.c — rounds, subjects, sheets and ballots through
 * store_apply(), whose check callbacks hold every rule of assessment.h
 * (who fills what, once, and nothing after publishing); the scoped reads;
 * publishing; and the evidence of a year from the other record tables. */
#include "juwei/assessment.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/date.h"
#include "juwei/db.h"
#include "juwei/training.h"

static int round_check(struct ctx *, const struct change *, struct error *);
static int subject_check(struct ctx *, const struct change *,
                         struct error *);
static int score_check(struct ctx *, const struct change *, struct error *);
static int ballot_check(struct ctx *, const struct change *, struct error *);

enum { RND_DISTRICT, RND_YEAR, RND_STATUS, RND_PUBLISHED_AT, RND_NCOLS };

static const struct column round_cols[] = {
    [RND_DISTRICT]     = { "district_id", COL_ID, true, 64, 0, 0,
                           N_("District"), false },
    [RND_YEAR]         = { "year", COL_INT, true, 0, 2000, 2100, N_("Year"),
                           false },
    [RND_STATUS]       = { "status", COL_ID, true, 16, 0, 0, N_("Status"),
                           false },
    [RND_PUBLISHED_AT] = { "published_at", COL_INT, false, 0, 0, 0,
                           N_("Published"), false },
};

const struct table assessment_round_table = {
    .name = "assessment_rounds", .cols = round_cols, .ncols = RND_NCOLS,
    .check = round_check, .district_col = "district_id",
};

enum { SUB_ROUND, SUB_STAFF, SUB_COMMITTEE, SUB_SCORE, SUB_GRADE, SUB_RANK,
       SUB_NCOLS };

static const struct column subject_cols[] = {
    [SUB_ROUND]     = { "round_id", COL_ID, true, 0, 0, 0, N_("Round"),
                        false },
    [SUB_STAFF]     = { "staff_id", COL_ID, true, 0, 0, 0, N_("Person"),
                        false },
    [SUB_COMMITTEE] = { "committee_id", COL_ID, true, 64, 0, 0,
                        N_("Committee"), false },
    [SUB_SCORE]     = { "score", COL_REAL, false, 0, 0, 100, N_("Score"),
                        false },
    [SUB_GRADE]     = { "grade", COL_ID, false, 16, 0, 0, N_("Grade"),
                        false },
    [SUB_RANK]      = { "rank", COL_INT, false, 0, 0, 0, N_("Rank"), false },
};

const struct table assessment_subject_table = {
    .name = "assessment_subjects", .cols = subject_cols, .ncols = SUB_NCOLS,
    .committee_col = "committee_id", .check = subject_check,
};

enum { SC_ROUND, SC_SUBJECT, SC_COMMITTEE, SC_SOURCE, SC_SCORER, SC_ASPECT,
       SC_GRADE = SC_ASPECT + ASP_COUNT, SC_NCOLS = SC_GRADE + ASP_COUNT };

static const struct column score_cols[] = {
    [SC_ROUND]     = { "round_id", COL_ID, true, 0, 0, 0, N_("Round"), false },
    [SC_SUBJECT]   = { "subject_id", COL_ID, true, 0, 0, 0, N_("Person"),
                       false },
    [SC_COMMITTEE] = { "committee_id", COL_ID, true, 64, 0, 0,
                       N_("Committee"), false },
    [SC_SOURCE]    = { "source", COL_ID, true, 16, 0, 0, N_("Source"),
                       false },
    [SC_SCORER]    = { "scorer_id", COL_ID, true, 0, 0, 0, N_("Scorer"),
                       false },
    [SC_ASPECT + ASP_DE]   = { "de", COL_REAL, true, 0, 0, 100,
                               N_("Conduct"), false },
    [SC_ASPECT + ASP_NENG] = { "neng", COL_REAL, true, 0, 0, 100,
                               N_("Ability"), false },
    [SC_ASPECT + ASP_QIN]  = { "qin", COL_REAL, true, 0, 0, 100,
                               N_("Diligence"), false },
    [SC_ASPECT + ASP_JI]   = { "ji", COL_REAL, true, 0, 0, 100,
                               N_("Achievement"), false },
    /* scoring = grades: the grade picked; the points column above holds
     * what it stood for then (schema_assessment.c). */
    [SC_GRADE + ASP_DE]    = { "de_grade", COL_TEXT, false, 16, 0, 0,
                               N_("Conduct"), false },
    [SC_GRADE + ASP_NENG]  = { "neng_grade", COL_TEXT, false, 16, 0, 0,
                               N_("Ability"), false },
    [SC_GRADE + ASP_QIN]   = { "qin_grade", COL_TEXT, false, 16, 0, 0,
                               N_("Diligence"), false },
    [SC_GRADE + ASP_JI]    = { "ji_grade", COL_TEXT, false, 16, 0, 0,
                               N_("Achievement"), false },
};

/* owner_col: a staff-role account writes only its own sheets (store.c);
 * score_check holds every other role to the same. */
const struct table assessment_score_table = {
    .name = "assessment_scores", .cols = score_cols, .ncols = SC_NCOLS,
    .committee_col = "committee_id", .owner_col = "scorer_id",
    .check = score_check,
};

enum { BAL_ROUND, BAL_SUBJECT, BAL_COMMITTEE, BAL_VOTES,
       BAL_NCOLS = BAL_VOTES + 3 };

static const struct column ballot_cols[] = {
    [BAL_ROUND]     = { "round_id", COL_ID, true, 0, 0, 0, N_("Round"),
                        false },
    [BAL_SUBJECT]   = { "subject_id", COL_ID, true, 0, 0, 0, N_("Person"),
                        false },
    [BAL_COMMITTEE] = { "committee_id", COL_ID, true, 64, 0, 0,
                        N_("Committee"), false },
    [BAL_VOTES + GRADE_EXCELLENT]   = { "excellent", COL_INT, true, 0, 0,
                                        100000, N_("Excellent votes"),
                                        false },
    [BAL_VOTES + GRADE_COMPETENT]   = { "competent", COL_INT, true, 0, 0,
                                        100000, N_("Competent votes"),
                                        false },
    [BAL_VOTES + GRADE_INCOMPETENT] = { "incompetent", COL_INT, true, 0, 0,
                                        100000, N_("Incompetent votes"),
                                        false },
};

const struct table assessment_ballot_table = {
    .name = "assessment_ballots", .cols = ballot_cols, .ncols = BAL_NCOLS,
    .committee_col = "committee_id", .check = ballot_check,
};

static const char *const source_ids[] = {
    [SRC_STREET] = "street", [SRC_RESIDENTS] = "residents",
    [SRC_PEERS] = "peers",
};

/* --- lookups for the checks ------------------------------------------ */

static const char sql_round_state[] =
    "SELECT status, district_id, year FROM assessment_rounds WHERE id = ?1";
static const char sql_round_dup[] =
    "SELECT count(*) FROM assessment_rounds WHERE district_id = ?1"
    " AND year = ?2";
static const char sql_subject_row[] =
    "SELECT round_id, staff_id, committee_id FROM assessment_subjects"
    " WHERE id = ?1";
static const char sql_subject_of[] =
    "SELECT id, committee_id FROM assessment_subjects WHERE round_id = ?1"
    " AND staff_id = ?2";
static const char sql_subject_used[] =
    "SELECT (SELECT count(*) FROM assessment_scores WHERE subject_id = ?1)"
    " + (SELECT count(*) FROM assessment_ballots WHERE subject_id = ?1)";
static const char sql_person[] =
    "SELECT s.role, coalesce(s.committee_id, ''),"
    " coalesce(c.district_id, ''), s.active, s.name"
    " FROM staff s LEFT JOIN committees c ON c.id = s.committee_id"
    " WHERE s.id = ?1";
static const char sql_sheet_dup[] =
    "SELECT count(*) FROM assessment_scores WHERE subject_id = ?1"
    " AND source = ?2 AND scorer_id = ?3";
static const char sql_ballot_dup[] =
    "SELECT count(*) FROM assessment_ballots WHERE subject_id = ?1";

struct round_state {
    bool published;
    char district[64];
    int  year;
};

struct person {
    enum role role;
    char      committee[64];
    char      district[64];
    bool      active;
    char      name[192];
};

static const char *
str_or_null(const struct value *v)
{
    return v->null || v->s == NULL || *v->s == '\0' ? NULL : v->s;
}

static bool
same_text(const struct value *a, const struct value *b)
{
    const char *x = str_or_null(a), *y = str_or_null(b);

    return strcmp(x != NULL ? x : "", y != NULL ? y : "") == 0;
}

/* Steps a statement whose parameters are bound; ROW, DONE or an error
 * (filled into *e, returning -1). The caller reads and resets. */
static int
step(struct db *db, sqlite3_stmt *st, struct error *e)
{
    int rc = sqlite3_step(st);

    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        sqlite3_reset(st);
        return db_error(db, rc, e);
    }
    return rc;
}

/* A count from a statement of parameters ?1 (a row id), and optionally
 * ?2 (text) and ?3 (a row id). */
static int
count_of(struct db *db, const char *sql, int64_t a, const char *b,
         int64_t c, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    int n;

    if (st == NULL)
        return db_failed(db, e);
    sqlite3_bind_int64(st, 1, a);
    if (b != NULL)
        sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
    if (sqlite3_bind_parameter_count(st) >= 3)
        sqlite3_bind_int64(st, 3, c);
    if (step(db, st, e) < 0)
        return -1;
    n = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return n;
}

static int
round_state(struct db *db, int64_t id, struct round_state *r,
            struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_round_state);
    int rc;

    if (st == NULL)
        return db_failed(db, e);
    sqlite3_bind_int64(st, 1, id);
    if ((rc = step(db, st, e)) < 0)
        return -1;
    if (rc == SQLITE_ROW) {
        char status[16];

        db_column_copy(status, sizeof status, st, 0);
        r->published = strcmp(status, "open") != 0;
        db_column_copy(r->district, sizeof r->district, st, 1);
        r->year = sqlite3_column_int(st, 2);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_NOTFOUND, NULL, _("no such assessment round"));
    return 0;
}

/* The round as a check callback needs it: there, and still open. */
static int
open_round(struct db *db, int64_t id, struct round_state *r,
           struct error *e)
{
    if (round_state(db, id, r, e) < 0)
        return -1;
    if (r->published)
        return error_set(e, E_PERM, NULL,
                         _("the %d assessment is published and can no "
                           "longer change"), r->year);
    return 0;
}

static int
person(struct db *db, int64_t id, struct person *p, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_person);
    char role[16];
    int rc;

    if (st == NULL)
        return db_failed(db, e);
    sqlite3_bind_int64(st, 1, id);
    if ((rc = step(db, st, e)) < 0)
        return -1;
    if (rc == SQLITE_ROW) {
        db_column_copy(role, sizeof role, st, 0);
        if (!role_parse(role, &p->role))
            p->role = ROLE_ADMIN;
        db_column_copy(p->committee, sizeof p->committee, st, 1);
        db_column_copy(p->district, sizeof p->district, st, 2);
        p->active = sqlite3_column_int(st, 3) != 0;
        db_column_copy(p->name, sizeof p->name, st, 4);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_NOTFOUND, NULL, _("no such person"));
    return 0;
}

/* Subject `id`: its round, person and committee. */
static int
subject_row(struct db *db, int64_t id, int64_t *round, int64_t *staff,
            char *committee, size_t size, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_subject_row);
    int rc;

    if (st == NULL)
        return db_failed(db, e);
    sqlite3_bind_int64(st, 1, id);
    if ((rc = step(db, st, e)) < 0)
        return -1;
    if (rc == SQLITE_ROW) {
        *round = sqlite3_column_int64(st, 0);
        *staff = sqlite3_column_int64(st, 1);
        db_column_copy(committee, size, st, 2);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_NOTFOUND, NULL,
                         _("this person is not assessed in the round"));
    return 0;
}

/* The subject row of `staff` in `round`: 1 found, 0 not, -1 error. */
static int
subject_of(struct db *db, int64_t round, int64_t staff, int64_t *id,
           char *committee, size_t size, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_subject_of);
    int rc;

    if (st == NULL)
        return db_failed(db, e);
    sqlite3_bind_int64(st, 1, round);
    sqlite3_bind_int64(st, 2, staff);
    if ((rc = step(db, st, e)) < 0)
        return -1;
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        db_column_copy(committee, size, st, 1);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW;
}

static int
street_only(const struct ctx *ctx, struct error *e)
{
    if (ctx->who.role != ROLE_STREET)
        return error_set(e, E_PERM, NULL,
                         _("only the street office runs the assessment"));
    return 0;
}

/* --- check callbacks ------------------------------------------------- */

static int
round_check(struct ctx *ctx, const struct change *ch, struct error *e)
{
    const struct value *v = ch->vals;
    const char *status;
    int n;

    if (street_only(ctx, e) < 0)
        return -1;
    if (ch->op == CH_DELETE)
        return error_set(e, E_PERM, NULL,
                         _("an assessment round is not deleted"));
    status = str_or_null(&v[RND_STATUS]);
    if (ch->op == CH_INSERT) {
        if (status == NULL || strcmp(status, "open") != 0 ||
            !v[RND_PUBLISHED_AT].null)
            return error_set(e, E_INVAL, "status",
                             _("a round opens as open"));
        sqlite3_stmt *st = db_stmt(ctx->db, sql_round_dup);
        if (st == NULL)
            return db_failed(ctx->db, e);
        sqlite3_bind_text(st, 1, v[RND_DISTRICT].s, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, v[RND_YEAR].i);
        if (step(ctx->db, st, e) < 0)
            return -1;
        n = sqlite3_column_int(st, 0);
        sqlite3_reset(st);
        if (n > 0)
            return error_set(e, E_DUP, "year",
                             _("the district has its %d round already"),
                             (int)v[RND_YEAR].i);
        return 0;
    }
    if (strcmp(str_or_null(&ch->old[RND_STATUS]), "open") != 0)
        return error_set(e, E_PERM, NULL,
                         _("the %d assessment is published and can no "
                           "longer change"), (int)ch->old[RND_YEAR].i);
    if (!same_text(&v[RND_DISTRICT], &ch->old[RND_DISTRICT]) ||
        v[RND_YEAR].i != ch->old[RND_YEAR].i)
        return error_set(e, E_INVAL, "year",
                         _("a round keeps its district and year"));
    if (status == NULL || strcmp(status, "published") != 0 ||
        v[RND_PUBLISHED_AT].null)
        return error_set(e, E_INVAL, "status",
                         _("an open round only changes by publishing"));
    return 0;
}

static int
subject_check(struct ctx *ctx, const struct change *ch, struct error *e)
{
    const struct value *v = ch->op == CH_DELETE ? ch->old : ch->vals;
    struct round_state r;
    struct person p;
    enum assessment_grade g;
    int64_t other;
    char committee[64];
    int n;

    if (street_only(ctx, e) < 0 || open_round(ctx->db, v[SUB_ROUND].i, &r,
                                              e) < 0)
        return -1;
    switch (ch->op) {
    case CH_DELETE:
        if ((n = count_of(ctx->db, sql_subject_used, ch->id, NULL, 0, e)) < 0)
            return -1;
        if (n > 0)
            return error_set(e, E_INVAL, NULL,
                             _("sheets or ballots for this person are in; "
                               "they stay assessed"));
        return 0;
    case CH_UPDATE:
        if (v[SUB_ROUND].i != ch->old[SUB_ROUND].i ||
            v[SUB_STAFF].i != ch->old[SUB_STAFF].i ||
            !same_text(&v[SUB_COMMITTEE], &ch->old[SUB_COMMITTEE]))
            return error_set(e, E_INVAL, "staff_id",
                             _("a subject stays with its round and "
                               "person"));
        if (str_or_null(&v[SUB_GRADE]) != NULL &&
            !assessment_grade_parse(v[SUB_GRADE].s, &g))
            return error_set(e, E_INVAL, "grade", _("unknown grade \"%s\""),
                             v[SUB_GRADE].s);
        return 0;
    case CH_INSERT:
        break;
    }
    if (person(ctx->db, v[SUB_STAFF].i, &p, e) < 0)
        return -1;
    if (p.role != ROLE_STAFF && p.role != ROLE_DIRECTOR)
        return error_set(e, E_INVAL, "staff_id",
                         _("only committee staff and directors are "
                           "assessed"));
    if (!p.active)
        return error_set(e, E_INVAL, "staff_id",
                         _("%s has left and is not assessed"), p.name);
    if (strcmp(p.committee, str_or_null(&v[SUB_COMMITTEE])) != 0 ||
        strcmp(p.district, r.district) != 0)
        return error_set(e, E_INVAL, "committee_id",
                         _("%s is assessed with their own committee, in the "
                           "round of its district"), p.name);
    if ((n = subject_of(ctx->db, v[SUB_ROUND].i, v[SUB_STAFF].i, &other,
                        committee, sizeof committee, e)) < 0)
        return -1;
    if (n > 0)
        return error_set(e, E_DUP, "staff_id",
                         _("%s is assessed in this round already"), p.name);
    return 0;
}

/* May the acting account fill this peer sheet? Only a subject of the
 * same committee, both still on the roster. */
static int
peer_rights(struct ctx *ctx, const struct value *v, struct error *e)
{
    struct person me, them;
    int64_t mine, round, staff;
    char committee[64], theirs[64];
    int rc;

    if (ctx->who.role != ROLE_STAFF && ctx->who.role != ROLE_DIRECTOR)
        return error_set(e, E_PERM, NULL,
                         _("peer sheets are filled by the committee's "
                           "members"));
    rc = subject_of(ctx->db, v[SC_ROUND].i, ctx->who.staff_id, &mine,
                    committee, sizeof committee, e);
    if (rc < 0)
        return -1;
    if (subject_row(ctx->db, v[SC_SUBJECT].i, &round, &staff, theirs,
                    sizeof theirs, e) < 0)
        return -1;
    if (rc == 0 || strcmp(committee, theirs) != 0)
        return error_set(e, E_PERM, NULL,
                         _("only the people assessed in a committee fill "
                           "its peer sheets"));
    if (person(ctx->db, ctx->who.staff_id, &me, e) < 0 ||
        person(ctx->db, staff, &them, e) < 0)
        return -1;
    if (!me.active)
        return error_set(e, E_PERM, NULL,
                         _("you have left the committee and fill no more "
                           "sheets"));
    if (!them.active)
        return error_set(e, E_INVAL, "subject_id",
                         _("%s has left; no more peer sheets are filled "
                           "about them"), them.name);
    return 0;
}

/* The aspects as the configuration of now scores them: points alone, or
 * a configured grade each with the points it stands for. Messages go to
 * the aspect's points column, where the sheet shows them. */
static int
check_marks(const struct ctx *ctx, const struct value *v, struct error *e)
{
    const struct cfg_assessment *a =
        ctx->cfg != NULL ? &ctx->cfg->assessment : NULL;
    bool grades = a != NULL && a->scoring == SCORING_GRADES;

    for (int i = 0; i < ASP_COUNT; i++) {
        const char *col = score_cols[SC_ASPECT + i].name;
        const char *g = str_or_null(&v[SC_GRADE + i]);
        double p;

        if (!grades) {
            if (g != NULL)
                return error_set(e, E_INVAL, col,
                                 _("this site scores in points, not "
                                   "grades"));
            continue;
        }
        if (g == NULL)
            return error_set(e, E_INVAL, col, _("pick a grade"));
        if (!assessment_grade_points(a, g, &p))
            return error_set(e, E_INVAL, col, _("unknown grade \"%s\""), g);
        if (llround(p * 100) != llround(v[SC_ASPECT + i].r * 100))
            return error_set(e, E_INVAL, col,
                             _("grade \"%s\" stands for %g points, not %g"),
                             g, p, v[SC_ASPECT + i].r);
    }
    return 0;
}

static int
score_check(struct ctx *ctx, const struct change *ch, struct error *e)
{
    const struct value *v = ch->vals;
    struct round_state r;
    int64_t round, staff;
    char committee[64];
    const char *source;
    int n;

    if (ch->op == CH_DELETE)
        return error_set(e, E_PERM, NULL,
                         _("a sheet is not deleted; correct it instead"));
    if (open_round(ctx->db, v[SC_ROUND].i, &r, e) < 0 ||
        subject_row(ctx->db, v[SC_SUBJECT].i, &round, &staff, committee,
                    sizeof committee, e) < 0)
        return -1;
    if (round != v[SC_ROUND].i ||
        strcmp(committee, str_or_null(&v[SC_COMMITTEE])) != 0)
        return error_set(e, E_INVAL, "subject_id",
                         _("the sheet's round and committee must be the "
                           "subject's"));
    if (ch->op == CH_UPDATE &&
        (v[SC_SUBJECT].i != ch->old[SC_SUBJECT].i ||
         v[SC_SCORER].i != ch->old[SC_SCORER].i ||
         !same_text(&v[SC_SOURCE], &ch->old[SC_SOURCE])))
        return error_set(e, E_INVAL, "subject_id",
                         _("a sheet stays with its subject, source and "
                           "scorer"));
    if (v[SC_SCORER].i != ctx->who.staff_id)
        return error_set(e, E_PERM, "scorer_id",
                         _("everyone fills only their own sheets"));
    source = str_or_null(&v[SC_SOURCE]);
    if (strcmp(source, source_ids[SRC_STREET]) == 0) {
        if (street_only(ctx, e) < 0)
            return -1;
    } else if (strcmp(source, source_ids[SRC_PEERS]) == 0) {
        if (peer_rights(ctx, v, e) < 0)
            return -1;
    } else {
        return error_set(e, E_INVAL, "source",
                         _("the resident representatives' votes are "
                           "entered as ballots"));
    }
    if (check_marks(ctx, v, e) < 0)
        return -1;
    if (ch->op == CH_INSERT) {
        if ((n = count_of(ctx->db, sql_sheet_dup, v[SC_SUBJECT].i, source,
                        v[SC_SCORER].i, e)) < 0)
            return -1;
        if (n > 0)
            return error_set(e, E_DUP, "subject_id",
                             _("you have filled this sheet already; open it "
                               "to correct it"));
    }
    return 0;
}

static int
ballot_check(struct ctx *ctx, const struct change *ch, struct error *e)
{
    const struct value *v = ch->vals;
    struct round_state r;
    int64_t round, staff;
    char committee[64];
    int n;

    if (street_only(ctx, e) < 0)
        return -1;
    if (ch->op == CH_DELETE)
        return error_set(e, E_PERM, NULL,
                         _("ballots are not deleted; correct them "
                           "instead"));
    if (open_round(ctx->db, v[BAL_ROUND].i, &r, e) < 0 ||
        subject_row(ctx->db, v[BAL_SUBJECT].i, &round, &staff, committee,
                    sizeof committee, e) < 0)
        return -1;
    if (round != v[BAL_ROUND].i ||
        strcmp(committee, str_or_null(&v[BAL_COMMITTEE])) != 0 ||
        (ch->op == CH_UPDATE && v[BAL_SUBJECT].i != ch->old[BAL_SUBJECT].i))
        return error_set(e, E_INVAL, "subject_id",
                         _("ballots stay with their subject"));
    if (v[BAL_VOTES].i + v[BAL_VOTES + 1].i + v[BAL_VOTES + 2].i <= 0)
        return error_set(e, E_INVAL, "excellent",
                         _("enter the votes: at least one"));
    if (ch->op == CH_INSERT) {
        if ((n = count_of(ctx->db, sql_ballot_dup, v[BAL_SUBJECT].i, NULL, 0,
                        e)) < 0)
            return -1;
        if (n > 0)
            return error_set(e, E_DUP, "excellent",
                             _("the ballots for this person are in "
                               "already; open them to correct them"));
    }
    return 0;
}

/* --- writing --------------------------------------------------------- */

static int
insert_subject(struct ctx *ctx, int64_t round_id, int64_t staff_id,
               struct error *e)
{
    struct person p;
    struct value v[SUB_NCOLS];
    struct change ch = { &assessment_subject_table, CH_INSERT, 0, 0, v, NULL,
                         NULL };

    if (person(ctx->db, staff_id, &p, e) < 0)
        return -1;
    memset(v, 0, sizeof v);
    v[SUB_ROUND].i = round_id;
    v[SUB_STAFF].i = staff_id;
    v[SUB_COMMITTEE].s = p.committee;
    v[SUB_SCORE].null = true;
    v[SUB_RANK].null = true;
    return store_apply(ctx, &ch, 1, e);
}

int
assessment_open(struct ctx *ctx, int year, const int64_t *staff, size_t n,
                int64_t *round_id, struct error *e)
{
    struct value v[RND_NCOLS];
    struct change ch = { &assessment_round_table, CH_INSERT, 0, 0, v, NULL,
                         "open" };

    if (street_only(ctx, e) < 0)
        return -1;
    if (n == 0)
        return error_set(e, E_INVAL, "subjects",
                         _("choose at least one person to assess"));
    memset(v, 0, sizeof v);
    v[RND_DISTRICT].s = ctx->who.district;
    v[RND_YEAR].i = year;
    v[RND_STATUS].s = "open";
    v[RND_PUBLISHED_AT].null = true;
    if (db_begin(ctx->db, e) < 0)
        return -1;
    if (store_apply(ctx, &ch, 1, e) < 0)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        if (insert_subject(ctx, ch.id, staff[i], e) < 0)
            goto fail;
    }
    if (db_commit(ctx->db, e) < 0)
        goto fail;
    if (round_id != NULL)
        *round_id = ch.id;
    return 0;
fail:
    db_rollback(ctx->db);
    return -1;
}

int
assessment_add_subject(struct ctx *ctx, int64_t round_id, int64_t staff_id,
                       struct error *e)
{
    if (street_only(ctx, e) < 0)
        return -1;
    return insert_subject(ctx, round_id, staff_id, e);
}

int
assessment_remove_subject(struct ctx *ctx, int64_t subject_id,
                          struct error *e)
{
    struct value *v;
    int64_t version;
    struct change ch = { &assessment_subject_table, CH_DELETE, subject_id, 0,
                         NULL, NULL, NULL };
    int rc;

    if (street_only(ctx, e) < 0)
        return -1;
    if (store_load(ctx, &assessment_subject_table, subject_id, &v, &version,
                   e) < 0)
        return -1;
    store_values_free(v, SUB_NCOLS);
    ch.version = version;
    rc = store_apply(ctx, &ch, 1, e);
    return rc;
}

/* grade NULL: a sheet in points. */
static int
save_sheet(struct ctx *ctx, int64_t subject_id, enum assess_source src,
           const double aspect[ASP_COUNT], const char *const *grade,
           int64_t sheet_id, int64_t version, struct error *e)
{
    int64_t round, staff;
    char committee[64];
    struct value v[SC_NCOLS];
    struct change ch = { &assessment_score_table,
                         sheet_id != 0 ? CH_UPDATE : CH_INSERT, sheet_id,
                         version, v, NULL, NULL };

    if ((size_t)src >= ARRAY_LEN(source_ids))
        return error_set(e, E_INVAL, "source", _("unknown source"));
    if (subject_row(ctx->db, subject_id, &round, &staff, committee,
                    sizeof committee, e) < 0)
        return -1;
    memset(v, 0, sizeof v);
    v[SC_ROUND].i = round;
    v[SC_SUBJECT].i = subject_id;
    v[SC_COMMITTEE].s = committee;
    v[SC_SOURCE].s = source_ids[src];
    v[SC_SCORER].i = ctx->who.staff_id;
    for (int a = 0; a < ASP_COUNT; a++) {
        v[SC_ASPECT + a].r = aspect[a];
        v[SC_GRADE + a].s = grade != NULL ? grade[a] : NULL;
    }
    return store_apply(ctx, &ch, 1, e);
}

int
assessment_sheet_save(struct ctx *ctx, int64_t subject_id,
                      enum assess_source src, const double aspect[ASP_COUNT],
                      int64_t sheet_id, int64_t version, struct error *e)
{
    return save_sheet(ctx, subject_id, src, aspect, NULL, sheet_id, version,
                      e);
}

int
assessment_sheet_save_grades(struct ctx *ctx, int64_t subject_id,
                             enum assess_source src,
                             const char *const grade[ASP_COUNT],
                             int64_t sheet_id, int64_t version,
                             struct error *e)
{
    double points[ASP_COUNT] = { 0 };

    /* An unknown or missing grade keeps 0 here: score_check refuses it
     * with the message. */
    for (int a = 0; a < ASP_COUNT && ctx->cfg != NULL; a++)
        assessment_grade_points(&ctx->cfg->assessment, grade[a], &points[a]);
    return save_sheet(ctx, subject_id, src, points, grade, sheet_id, version,
                      e);
}

int
assessment_ballot_save(struct ctx *ctx, int64_t subject_id,
                       const int votes[3], int64_t ballot_id, int64_t version,
                       struct error *e)
{
    int64_t round, staff;
    char committee[64];
    struct value v[BAL_NCOLS];
    struct change ch = { &assessment_ballot_table,
                         ballot_id != 0 ? CH_UPDATE : CH_INSERT, ballot_id,
                         version, v, NULL, NULL };

    if (street_only(ctx, e) < 0)
        return -1;
    if (subject_row(ctx->db, subject_id, &round, &staff, committee,
                    sizeof committee, e) < 0)
        return -1;
    memset(v, 0, sizeof v);
    v[BAL_ROUND].i = round;
    v[BAL_SUBJECT].i = subject_id;
    v[BAL_COMMITTEE].s = committee;
    for (int g = 0; g < 3; g++)
        v[BAL_VOTES + g].i = votes[g];
    return store_apply(ctx, &ch, 1, e);
}

/* The subjects that cannot be scored yet: the street office's own two
 * sources must be in for everyone. */
static int
check_complete(const struct assessment_outcome *o, size_t n,
               struct error *e)
{
    size_t missing = 0, first = 0;

    for (size_t i = 0; i < n; i++) {
        if (!o[i].r.has[SRC_STREET] || !o[i].r.has[SRC_RESIDENTS]) {
            if (missing++ == 0)
                first = i;
        }
    }
    if (missing == 1)
        return error_set(e, E_INVAL, NULL,
                         _("%s still lacks the street office's evaluation "
                           "or the ballots"), o[first].name);
    if (missing > 1)
        return error_set(e, E_INVAL, NULL,
                         _("%s and %zu others still lack the street office's "
                           "evaluation or the ballots"), o[first].name,
                         missing - 1);
    return 0;
}

static int
store_outcome(struct ctx *ctx, const struct assessment_outcome *o,
              struct error *e)
{
    struct value *v;
    int64_t version;
    struct change ch = { &assessment_subject_table, CH_UPDATE, o->subject_id,
                         0, NULL, NULL, "publish" };
    int rc;

    if (store_load(ctx, &assessment_subject_table, o->subject_id, &v,
                   &version, e) < 0)
        return -1;
    free((char *)v[SUB_GRADE].s);
    v[SUB_SCORE] = (struct value){ .null = !o->r.scored, .r = o->r.total };
    v[SUB_GRADE] = (struct value){ .s = assessment_grade_id(o->r.grade) };
    v[SUB_RANK] = (struct value){ .null = !o->r.scored, .i = o->r.rank };
    ch.version = version;
    ch.vals = v;
    rc = store_apply(ctx, &ch, 1, e);
    v[SUB_GRADE].s = NULL;
    store_values_free(v, SUB_NCOLS);
    return rc;
}

int
assessment_publish(struct ctx *ctx, int64_t round_id, int64_t version,
                   struct error *e)
{
    struct assessment_outcome *o = NULL;
    struct value *v = NULL;
    int64_t stored;
    size_t n = 0;
    struct change ch = { &assessment_round_table, CH_UPDATE, round_id,
                         version, NULL, NULL, "publish" };

    if (street_only(ctx, e) < 0)
        return -1;
    /* Read and write in one transaction: no sheet slips in between. */
    if (db_begin(ctx->db, e) < 0)
        return -1;
    if (store_load(ctx, &assessment_round_table, round_id, &v, &stored,
                   e) < 0)
        goto fail;
    if (strcmp(v[RND_STATUS].s, "open") != 0) {
        error_set(e, E_PERM, NULL, _("the %d assessment is published and "
                                     "can no longer change"),
                  (int)v[RND_YEAR].i);
        goto fail;
    }
    if (assessment_results(ctx, round_id, &o, &n, e) < 0 ||
        check_complete(o, n, e) < 0)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        if (store_outcome(ctx, &o[i], e) < 0)
            goto fail;
    }
    free((char *)v[RND_STATUS].s);
    v[RND_STATUS] = (struct value){ .s = xstrdup("published") };
    v[RND_PUBLISHED_AT] = (struct value){ .i = util_now() };
    ch.vals = v;
    if (store_apply(ctx, &ch, 1, e) < 0 || db_commit(ctx->db, e) < 0)
        goto fail;
    store_values_free(v, RND_NCOLS);
    free(o);
    return 0;
fail:
    db_rollback(ctx->db);
    store_values_free(v, RND_NCOLS);
    free(o);
    return -1;
}
