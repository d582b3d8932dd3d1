/* training.c — training sessions and attendees through store_apply(),
 * scoped reads, hours per person and coverage per committee. */
#include "juwei/training.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/config.h"
#include "juwei/date.h"
#include "juwei/db.h"

static int training_check(struct ctx *ctx, const struct change *ch,
                          struct error *e);
static int attendee_check(struct ctx *ctx, const struct change *ch,
                          struct error *e);

static const struct column training_cols[] = {
    [TRAINING_DISTRICT]  = { "district_id", COL_ID, true, 64, 0, 0,
                             N_("District"), false },
    [TRAINING_COMMITTEE] = { "committee_id", COL_ID, false, 64, 0, 0,
                             N_("Committee"), false },
    [TRAINING_DATE]      = { "date", COL_DATE, true, 0, 0, 0, N_("Date"),
                             false },
    [TRAINING_LEVEL]     = { "level", COL_ID, true, 32, 0, 0, N_("Level"),
                             false },
    [TRAINING_TITLE]     = { "title", COL_TEXT, true, 60, 0, 0, N_("Title"),
                             false },
    [TRAINING_ORGANISER] = { "organiser", COL_TEXT, false, 40, 0, 0,
                             N_("Organiser"), false },
    [TRAINING_HOURS]     = { "hours", COL_REAL, true, 0, 0, 100,
                             N_("Hours"), false },
};

const struct table training_table = {
    .name = "training",
    .cols = training_cols,
    .ncols = TRAINING_NCOLS,
    .committee_col = "committee_id",
    .check = training_check,
    .district_col = "district_id",
};

enum { ATT_TRAINING, ATT_STAFF, ATT_COMMITTEE, ATT_HOURS, ATT_NCOLS };

static const struct column attendee_cols[] = {
    [ATT_TRAINING]  = { "training_id", COL_ID, true, 0, 0, 0,
                        N_("Training"), false },
    [ATT_STAFF]     = { "staff_id", COL_ID, true, 0, 0, 0, N_("Attendee"),
                        false },
    [ATT_COMMITTEE] = { "committee_id", COL_ID, true, 64, 0, 0,
                        N_("Committee"), false },
    [ATT_HOURS]     = { "hours", COL_REAL, false, 0, 0, 100, N_("Hours"),
                        false },
};

const struct table training_attendee_table = {
    .name = "training_attendees",
    .cols = attendee_cols,
    .ncols = ATT_NCOLS,
    .committee_col = "committee_id",
    .check = attendee_check,
};

static const char sql_session[] =
    "SELECT district_id, coalesce(committee_id, '') FROM training"
    " WHERE id = ?1";
static const char sql_person[] =
    "SELECT s.role, coalesce(s.committee_id, ''), coalesce(c.district_id, '')"
    " FROM staff s LEFT JOIN committees c ON c.id = s.committee_id"
    " WHERE s.id = ?1";
static const char sql_committee[] =
    "SELECT district_id FROM committees WHERE id = ?1";
static const char sql_district[] =
    "SELECT active FROM districts WHERE id = ?1";
static const char sql_attendees_held[] =
    "SELECT a.id, a.version, a.staff_id FROM training_attendees a"
    " WHERE a.training_id = :id AND " SCOPE_SQL("a.committee_id");
static const char sql_attendees_all[] =
    "SELECT id, version FROM training_attendees WHERE training_id = ?1";

/* Sessions a session sees: its committee's, and the district-wide ones of
 * its district (of every district for an admin). */
#define TRAINING_SELECT \
    "SELECT t.id, t.district_id, coalesce(t.committee_id, '')," \
    " coalesce(c.name, ''), t.date, t.level, t.title," \
    " coalesce(t.organiser, ''), t.hours, t.version," \
    " (SELECT count(*) FROM training_attendees a WHERE a.training_id = t.id" \
    "   AND " SCOPE_SQL("a.committee_id") ")" \
    " FROM training t LEFT JOIN committees c ON c.id = t.committee_id" \
    " WHERE (" SCOPE_SQL("t.committee_id") \
    "  OR (t.committee_id IS NULL" \
    "   AND (:role = 3 OR t.district_id = :district)))"

static const char sql_get[] = TRAINING_SELECT " AND t.id = :id";
static const char sql_page_first[] = TRAINING_SELECT
    " ORDER BY t.date DESC, t.id DESC LIMIT :n";
static const char sql_page_last[] = TRAINING_SELECT
    " ORDER BY t.date, t.id LIMIT :n";
static const char sql_page_after[] = TRAINING_SELECT
    " AND (t.date < :at OR (t.date = :at AND t.id < :at_id))"
    " ORDER BY t.date DESC, t.id DESC LIMIT :n";
static const char sql_page_from[] = TRAINING_SELECT
    " AND (t.date < :at OR (t.date = :at AND t.id <= :at_id))"
    " ORDER BY t.date DESC, t.id DESC LIMIT :n";
static const char sql_page_before[] = TRAINING_SELECT
    " AND (t.date > :at OR (t.date = :at AND t.id > :at_id))"
    " ORDER BY t.date, t.id LIMIT :n";
static const char sql_count[] = "SELECT count(*) FROM (" TRAINING_SELECT ")";

static const char sql_attendees[] =
    "SELECT a.staff_id, s.name, coalesce(c.name, ''),"
    " coalesce(a.hours, t.hours)"
    " FROM training_attendees a JOIN staff s ON s.id = a.staff_id"
    " JOIN training t ON t.id = a.training_id"
    " LEFT JOIN committees c ON c.id = a.committee_id"
    " WHERE a.training_id = :id AND " SCOPE_SQL("a.committee_id")
    " ORDER BY a.committee_id, s.name, a.staff_id";

static const char sql_person_year[] =
    "SELECT coalesce(sum(coalesce(a.hours, t.hours)), 0), count(*)"
    " FROM training_attendees a JOIN training t ON t.id = a.training_id"
    " WHERE a.staff_id = :id AND t.date BETWEEN :y0 AND :y1"
    " AND " SCOPE_SQL("a.committee_id");

#define ON_ROSTER(s) \
    "FROM staff " s " WHERE " s ".committee_id = c.id AND " s ".active = 1" \
    " AND " s ".role IN ('staff', 'director')"
static const char sql_coverage[] =
    "SELECT c.id, c.name,"
    " (SELECT count(*) " ON_ROSTER("s") "),"
    " (SELECT count(*) " ON_ROSTER("s") " AND EXISTS (SELECT 1"
    "   FROM training_attendees a JOIN training t ON t.id = a.training_id"
    "   WHERE a.staff_id = s.id AND t.date BETWEEN :y0 AND :y1))"
    " FROM committees c WHERE c.active = 1 AND " SCOPE_SQL("c.id")
    " ORDER BY c.district_id, c.id";

static const char *
str_or_null(const struct value *v)
{
    return v->null || v->s == NULL || *v->s == '\0' ? NULL : v->s;
}

static bool
same_text(const char *a, const char *b)
{
    return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* One row of text columns for a one-parameter statement; E_NOTFOUND with
 * `missing` when there is none. */
static int
lookup(struct db *db, const char *sql, int64_t id, const char *text_id,
       char (*out)[64], int ncols, const char *missing, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    int rc;

    if (st == NULL)
        return db_failed(db, e);
    if (text_id != NULL)
        sqlite3_bind_text(st, 1, text_id, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    for (int i = 0; rc == SQLITE_ROW && i < ncols; i++)
        db_column_copy(out[i], sizeof out[i], st, i);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_NOTFOUND, NULL, "%s", missing);
    if (rc != SQLITE_ROW)
        return db_error(db, rc, e);
    return 0;
}

/* Who may record training: the street office and admins any session in
 * scope, a director only their committee's own. */
static int
check_editor(const struct ctx *ctx, const char *committee, struct error *e)
{
    switch (ctx->who.role) {
    case ROLE_ADMIN:
    case ROLE_STREET:
        return 0;
    case ROLE_DIRECTOR:
        if (committee != NULL && *committee != '\0')
            return 0;
        return error_set(e, E_PERM, "committee_id",
                         _("a district-wide session is recorded by the "
                           "street office"));
    case ROLE_STAFF:
        break;
    }
    return error_set(e, E_PERM, NULL,
                     _("only a director or the street office records "
                       "training"));
}

static int
training_check(struct ctx *ctx, const struct change *ch, struct error *e)
{
    const struct value *v = ch->op == CH_DELETE ? ch->old : ch->vals;
    const char *committee = str_or_null(&v[TRAINING_COMMITTEE]);
    const char *district = str_or_null(&v[TRAINING_DISTRICT]);
    const char *level = str_or_null(&v[TRAINING_LEVEL]);
    char row[1][64];

    if (check_editor(ctx, committee, e) < 0)
        return -1;
    if (ch->op == CH_DELETE)
        return 0;
    if (ch->op == CH_UPDATE &&
        (!same_text(committee, str_or_null(&ch->old[TRAINING_COMMITTEE])) ||
         !same_text(district, str_or_null(&ch->old[TRAINING_DISTRICT]))))
        return error_set(e, E_INVAL, "committee_id",
                         _("a session's committee cannot change; delete it "
                           "and enter it again"));
    if (committee != NULL) {
        if (lookup(ctx->db, sql_committee, 0, committee, row, 1,
                   _("unknown committee"), e) < 0)
            return -1;
        if (strcmp(row[0], district) != 0)
            return error_set(e, E_INVAL, "district_id",
                             _("the district must be the committee's (%s)"),
                             row[0]);
    } else {
        if (lookup(ctx->db, sql_district, 0, district, row, 1,
                   _("unknown district"), e) < 0) {
            if (e != NULL)
                e->code = E_INVAL;
            return -1;
        }
        if (ch->op == CH_INSERT && strcmp(row[0], "1") != 0)
            return error_set(e, E_INVAL, "district_id",
                             _("district \"%s\" is no longer in use"),
                             district);
    }
    if (ctx->cfg != NULL &&
        config_item(&ctx->cfg->training_levels, level) == NULL)
        return error_set(e, E_INVAL, "level",
                         _("unknown training level \"%s\""), level);
    if (v[TRAINING_HOURS].r <= 0)
        return error_set(e, E_INVAL, "hours",
                         _("a session lasts more than 0 hours"));
    return 0;
}

static int
attendee_check(struct ctx *ctx, const struct change *ch, struct error *e)
{
    const struct value *v = ch->op == CH_DELETE ? ch->old : ch->vals;
    char session[2][64], who[3][64];
    enum role role;

    if (lookup(ctx->db, sql_session, v[ATT_TRAINING].i, NULL, session, 2,
               _("no such training session"), e) < 0)
        return -1;
    if (check_editor(ctx, session[1], e) < 0)
        return -1;
    if (ch->op == CH_DELETE)
        return 0;
    if (ch->op == CH_UPDATE &&
        (v[ATT_TRAINING].i != ch->old[ATT_TRAINING].i ||
         v[ATT_STAFF].i != ch->old[ATT_STAFF].i))
        return error_set(e, E_INVAL, "staff_id",
                         _("an attendance stays with its session and "
                           "person"));
    if (lookup(ctx->db, sql_person, v[ATT_STAFF].i, NULL, who, 3,
               _("no such person"), e) < 0)
        return -1;
    if (!role_parse(who[0], &role) ||
        (role != ROLE_STAFF && role != ROLE_DIRECTOR))
        return error_set(e, E_INVAL, "staff_id",
                         _("only committee staff and directors are "
                           "recorded as attending"));
    if (!same_text(who[1], str_or_null(&v[ATT_COMMITTEE])))
        return error_set(e, E_INVAL, "committee_id",
                         _("an attendee is recorded with their own "
                           "committee"));
    if (strcmp(who[2], session[0]) != 0 ||
        (session[1][0] != '\0' && strcmp(who[1], session[1]) != 0))
        return error_set(e, E_INVAL, "staff_id",
                         session[1][0] != '\0'
                         ? _("a committee's session is attended by its own "
                             "staff")
                         : _("a district's session is attended by staff of "
                             "its committees"));
    return 0;
}

/* --- writing --------------------------------------------------------- */

struct held {
    int64_t id, version, staff_id;
    bool    keep;
};

static sqlite3_stmt *
scoped(struct ctx *ctx, const char *sql)
{
    sqlite3_stmt *st = db_stmt(ctx->db, sql);

    if (st != NULL)
        session_bind_scope(&ctx->who, st);
    return st;
}

static void
bind_year(sqlite3_stmt *st, int year)
{
    char y0[11], y1[11];

    db_bind_text(st, ":y0", date_format(date_from_ymd(year, 1, 1), y0));
    db_bind_text(st, ":y1", date_format(date_from_ymd(year, 12, 31), y1));
}

/* The attendee rows of session `id` in scope (the only ones the saver
 * may touch); with `all`, every row, for deleting the session. */
static int
load_held(struct ctx *ctx, int64_t id, bool all, struct held **out,
          size_t *n, struct error *e)
{
    sqlite3_stmt *st = all ? db_stmt(ctx->db, sql_attendees_all)
                           : scoped(ctx, sql_attendees_held);
    struct held *v = NULL;
    size_t len = 0;
    int rc;

    *out = NULL;
    *n = 0;
    if (st == NULL)
        return db_failed(ctx->db, e);
    if (all)
        sqlite3_bind_int64(st, 1, id);
    else
        db_bind_int(st, ":id", id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        v = xreallocarray(v, len + 1, sizeof *v);
        v[len].id = sqlite3_column_int64(st, 0);
        v[len].version = sqlite3_column_int64(st, 1);
        v[len].staff_id = all ? 0 : sqlite3_column_int64(st, 2);
        v[len].keep = false;
        len++;
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

static int
add_attendee(struct ctx *ctx, int64_t training_id, int64_t staff_id,
             struct error *e)
{
    char who[3][64];

    if (lookup(ctx->db, sql_person, staff_id, NULL, who, 3,
               _("no such person"), e) < 0)
        return -1;
    struct value v[ATT_NCOLS] = {
        [ATT_TRAINING] = { .i = training_id },
        [ATT_STAFF] = { .i = staff_id },
        [ATT_COMMITTEE] = { .s = who[1] },
        [ATT_HOURS] = { .null = true },
    };
    struct change ch = { &training_attendee_table, CH_INSERT, 0, 0, v, NULL,
                         NULL };

    return store_apply(ctx, &ch, 1, e);
}

static int
sync_attendees(struct ctx *ctx, int64_t training_id, const int64_t *staff,
               size_t n, struct error *e)
{
    struct held *held;
    size_t nheld;
    int rc = 0;

    if (load_held(ctx, training_id, false, &held, &nheld, e) < 0)
        return -1;
    for (size_t i = 0; i < n && rc == 0; i++) {
        bool have = false;

        for (size_t j = 0; j < nheld; j++) {
            if (held[j].staff_id == staff[i]) {
                held[j].keep = true;
                have = true;
            }
        }
        for (size_t j = 0; j < i; j++)
            have = have || staff[j] == staff[i];
        if (!have)
            rc = add_attendee(ctx, training_id, staff[i], e);
    }
    for (size_t j = 0; j < nheld && rc == 0; j++) {
        struct change ch = { &training_attendee_table, CH_DELETE, held[j].id,
                             held[j].version, NULL, NULL, NULL };

        if (!held[j].keep)
            rc = store_apply(ctx, &ch, 1, e);
    }
    free(held);
    return rc;
}

int
training_save(struct ctx *ctx, struct training *t, const int64_t *staff,
              size_t n, struct error *e)
{
    char district[1][64];
    struct value v[TRAINING_NCOLS];
    struct change ch = { &training_table, t->id != 0 ? CH_UPDATE : CH_INSERT,
                         t->id, t->version, v, NULL, NULL };

    if (check_editor(ctx, t->committee, e) < 0)
        return -1;
    if (n > TRAINING_ATTENDEES_MAX)
        return error_set(e, E_INVAL, "attendees",
                         _("at most %d attendees per session"),
                         TRAINING_ATTENDEES_MAX);
    /* A committee's session is in the committee's district. */
    snprintf(district[0], sizeof district[0], "%s", t->district);
    if (t->committee[0] != '\0' &&
        lookup(ctx->db, sql_committee, 0, t->committee, district, 1,
               _("unknown committee"), e) < 0) {
        if (e != NULL) {
            e->code = E_INVAL;
            snprintf(e->field, sizeof e->field, "committee_id");
        }
        return -1;
    }
    memset(v, 0, sizeof v);
    v[TRAINING_DISTRICT].s = district[0];
    v[TRAINING_COMMITTEE].s = t->committee;
    v[TRAINING_DATE].s = t->date;
    v[TRAINING_LEVEL].s = t->level;
    v[TRAINING_TITLE].s = t->title;
    v[TRAINING_ORGANISER].s = t->organiser;
    v[TRAINING_HOURS].r = t->hours;
    if (db_begin(ctx->db, e) < 0)
        return -1;
    if (store_apply(ctx, &ch, 1, e) < 0 ||
        sync_attendees(ctx, ch.id, staff, n, e) < 0 ||
        db_commit(ctx->db, e) < 0) {
        db_rollback(ctx->db);
        return -1;
    }
    if (t->id == 0)
        t->id = ch.id;
    snprintf(t->district, sizeof t->district, "%s", district[0]);
    return 0;
}

int
training_delete(struct ctx *ctx, int64_t id, int64_t version,
                struct error *e)
{
    struct training t;
    struct held *held;
    size_t nheld;
    struct change ch = { &training_table, CH_DELETE, id, version, NULL, NULL,
                         NULL };
    int rc = 0;

    if (training_get(ctx, id, &t, NULL, NULL, e) < 0)
        return -1;
    if (check_editor(ctx, t.committee, e) < 0)
        return -1;
    if (db_begin(ctx->db, e) < 0)
        return -1;
    if (load_held(ctx, id, true, &held, &nheld, e) < 0) {
        db_rollback(ctx->db);
        return -1;
    }
    for (size_t j = 0; j < nheld && rc == 0; j++) {
        struct change a = { &training_attendee_table, CH_DELETE, held[j].id,
                            held[j].version, NULL, NULL, NULL };

        rc = store_apply(ctx, &a, 1, e);
    }
    free(held);
    if (rc < 0 || store_apply(ctx, &ch, 1, e) < 0 ||
        db_commit(ctx->db, e) < 0) {
        db_rollback(ctx->db);
        return -1;
    }
    return 0;
}

/* --- reading --------------------------------------------------------- */

static void
read_training(sqlite3_stmt *st, struct training *t)
{
    memset(t, 0, sizeof *t);
    t->id = sqlite3_column_int64(st, 0);
    db_column_copy(t->district, sizeof t->district, st, 1);
    db_column_copy(t->committee, sizeof t->committee, st, 2);
    db_column_copy(t->committee_name, sizeof t->committee_name, st, 3);
    db_column_copy(t->date, sizeof t->date, st, 4);
    db_column_copy(t->level, sizeof t->level, st, 5);
    db_column_copy(t->title, sizeof t->title, st, 6);
    db_column_copy(t->organiser, sizeof t->organiser, st, 7);
    t->hours = sqlite3_column_double(st, 8);
    t->version = sqlite3_column_int64(st, 9);
    t->attendees = sqlite3_column_int(st, 10);
}

static int
read_attendees(struct ctx *ctx, int64_t id, struct training_attendee **out,
               size_t *n, struct error *e)
{
    sqlite3_stmt *st = scoped(ctx, sql_attendees);
    struct training_attendee *v = NULL;
    size_t len = 0;
    int rc;

    if (st == NULL)
        return db_failed(ctx->db, e);
    db_bind_int(st, ":id", id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        v = xreallocarray(v, len + 1, sizeof *v);
        v[len].staff_id = sqlite3_column_int64(st, 0);
        db_column_copy(v[len].name, sizeof v[len].name, st, 1);
        db_column_copy(v[len].committee_name, sizeof v[len].committee_name,
                       st, 2);
        v[len].hours = sqlite3_column_double(st, 3);
        len++;
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

int
training_get(struct ctx *ctx, int64_t id, struct training *out,
             struct training_attendee **att, size_t *natt, struct error *e)
{
    sqlite3_stmt *st = scoped(ctx, sql_get);
    int rc;

    if (att != NULL) {
        *att = NULL;
        *natt = 0;
    }
    if (st == NULL)
        return db_failed(ctx->db, e);
    db_bind_int(st, ":id", id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_training(st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_NOTFOUND, NULL, _("no such training session"));
    if (rc != SQLITE_ROW)
        return db_error(ctx->db, rc, e);
    return att != NULL ? read_attendees(ctx, id, att, natt, e) : 0;
}

int
training_page(struct ctx *ctx, enum page_dir dir, const char *at_date,
              int64_t at_id, int n, struct training *out, int *got,
              struct error *e)
{
    static const char *const sql[] = {
        [PAGE_FIRST] = sql_page_first, [PAGE_LAST] = sql_page_last,
        [PAGE_AFTER] = sql_page_after, [PAGE_FROM] = sql_page_from,
        [PAGE_BEFORE] = sql_page_before,
    };
    bool backwards = dir == PAGE_LAST || dir == PAGE_BEFORE;
    sqlite3_stmt *st = scoped(ctx, sql[dir]);
    int rc = SQLITE_DONE, m = 0;

    *got = 0;
    if (st == NULL)
        return db_failed(ctx->db, e);
    db_bind_text(st, ":at", at_date);
    db_bind_int(st, ":at_id", at_id);
    db_bind_int(st, ":n", n);
    while (m < n && (rc = sqlite3_step(st)) == SQLITE_ROW)
        read_training(st, &out[m++]);
    sqlite3_reset(st);
    if (m < n && rc != SQLITE_DONE)
        return db_error(ctx->db, rc, e);
    for (int i = 0; backwards && i < m / 2; i++) {
        struct training tmp = out[i];

        out[i] = out[m - 1 - i];
        out[m - 1 - i] = tmp;
    }
    *got = m;
    return 0;
}

long
training_count(struct ctx *ctx)
{
    sqlite3_stmt *st = scoped(ctx, sql_count);
    long n = -1;

    if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    if (st != NULL)
        sqlite3_reset(st);
    return n;
}

int
training_person_year(struct ctx *ctx, int64_t staff_id, int year,
                     double *hours, int *sessions, struct error *e)
{
    sqlite3_stmt *st = scoped(ctx, sql_person_year);
    int rc;

    *hours = 0;
    *sessions = 0;
    if (st == NULL)
        return db_failed(ctx->db, e);
    db_bind_int(st, ":id", staff_id);
    bind_year(st, year);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *hours = sqlite3_column_double(st, 0);
        *sessions = sqlite3_column_int(st, 1);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : db_error(ctx->db, rc, e);
}

static void
judge(struct training_coverage *c, int target)
{
    c->met = c->active_staff == 0 ||
             (long)c->covered * 100 >= (long)target * c->active_staff;
}

int
training_coverage_percent(const struct training_coverage *c)
{
    return c->active_staff > 0 ? c->covered * 100 / c->active_staff : 0;
}

int
training_coverage(struct ctx *ctx, int year, struct training_coverage **rows,
                  size_t *n, struct training_coverage *total,
                  struct error *e)
{
    sqlite3_stmt *st = scoped(ctx, sql_coverage);
    struct training_coverage *v = NULL;
    int target = ctx->cfg != NULL ? ctx->cfg->site.training_target : 100;
    size_t len = 0;
    int rc;

    *rows = NULL;
    *n = 0;
    memset(total, 0, sizeof *total);
    if (st == NULL)
        return db_failed(ctx->db, e);
    bind_year(st, year);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct training_coverage *c;

        v = xreallocarray(v, len + 1, sizeof *v);
        c = &v[len++];
        memset(c, 0, sizeof *c);
        db_column_copy(c->committee, sizeof c->committee, st, 0);
        db_column_copy(c->name, sizeof c->name, st, 1);
        c->active_staff = sqlite3_column_int(st, 2);
        c->covered = sqlite3_column_int(st, 3);
        judge(c, target);
        total->active_staff += c->active_staff;
        total->covered += c->covered;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(v);
        return db_error(ctx->db, rc, e);
    }
    judge(total, target);
    *rows = v;
    *n = len;
    return 0;
}
