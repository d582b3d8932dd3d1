/* roster.c — the staff roster: the roster columns of the staff table and
 * staff_posts as store_apply() knows them, and the scoped reads. */
#include "juwei/roster.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/config.h"
#include "juwei/db.h"

static int roster_check(struct ctx *ctx, const struct change *ch,
                        struct error *e);
static int posts_check(struct ctx *ctx, const struct change *ch,
                       struct error *e);

static const struct column roster_cols[] = {
    [ROSTER_COMMITTEE]    = { "committee_id", COL_ID, false, 64, 0, 0,
                              N_("Committee"), false },
    [ROSTER_DISTRICT]     = { "district_id", COL_ID, false, 64, 0, 0,
                              N_("District"), false },
    [ROSTER_EMPLOYMENT]   = { "employment_type", COL_ID, false, 64, 0, 0,
                              N_("Employment type"), false },
    [ROSTER_HIRE_DATE]    = { "hire_date", COL_DATE, false, 0, 0, 0,
                              N_("Hire date"), false },
    [ROSTER_CONTRACT_END] = { "contract_end", COL_DATE, false, 0, 0, 0,
                              N_("Contract end"), false },
    [ROSTER_PHONE]        = { "phone", COL_TEXT, false, 20, 0, 0,
                              N_("Phone"), false },
    [ROSTER_ACTIVE]       = { "active", COL_BOOL, true, 0, 0, 0,
                              N_("Active"), false },
};

const struct table roster_table = {
    .name = "staff",
    .cols = roster_cols,
    .ncols = ROSTER_NCOLS,
    .committee_col = "committee_id",
    .owner_col = "id",
    .check = roster_check,
    .district_col = "district_id",
};

enum { POST_STAFF, POST_COMMITTEE, POST_POST, POST_SINCE, POST_NCOLS };

static const struct column post_cols[] = {
    [POST_STAFF]     = { "staff_id", COL_ID, true, 0, 0, 0, N_("Person"),
                         false },
    [POST_COMMITTEE] = { "committee_id", COL_ID, true, 64, 0, 0,
                         N_("Committee"), false },
    [POST_POST]      = { "post", COL_ID, true, 32, 0, 0, N_("Post"), false },
    [POST_SINCE]     = { "since", COL_DATE, false, 0, 0, 0, N_("Since"),
                         false },
};

const struct table roster_posts_table = {
    .name = "staff_posts",
    .cols = post_cols,
    .ncols = POST_NCOLS,
    .committee_col = "committee_id",
    .owner_col = "staff_id",
    .check = posts_check,
};

static const char sql_person[] =
    "SELECT role, coalesce(committee_id, '') FROM staff WHERE id = ?1";
static const char sql_posts_of[] =
    "SELECT id, version, post FROM staff_posts WHERE staff_id = ?1";

/* The roster a session sees: committee people only; a staff member just
 * their own entry. Training is counted for the calendar year :y0..:y1. */
#define ROSTER_KEY "(s.committee_id || char(31) || s.name)"
#define ROSTER_SELECT \
    "SELECT s.id, s.login, s.name, s.committee_id, coalesce(c.name, '')," \
    " c.district_id, s.role, coalesce(s.employment_type, '')," \
    " coalesce(s.hire_date, ''), coalesce(s.contract_end, '')," \
    " coalesce(s.phone, ''), s.active, s.version," \
    " (SELECT group_concat(post, ',') FROM (SELECT p.post FROM staff_posts p" \
    "   WHERE p.staff_id = s.id ORDER BY p.post))," \
    " (SELECT coalesce(sum(coalesce(a.hours, t.hours)), 0)" \
    "   FROM training_attendees a JOIN training t ON t.id = a.training_id" \
    "   WHERE a.staff_id = s.id AND t.date BETWEEN :y0 AND :y1)," \
    " (SELECT count(*) FROM training_attendees a" \
    "   JOIN training t ON t.id = a.training_id" \
    "   WHERE a.staff_id = s.id AND t.date BETWEEN :y0 AND :y1)," \
    " " ROSTER_KEY \
    " FROM staff s JOIN committees c ON c.id = s.committee_id" \
    " WHERE s.role IN ('staff', 'director')" \
    "  AND (:role = 3 OR (:role = 2 AND c.district_id = :district)" \
    "   OR (:role = 1 AND s.committee_id = :committee)" \
    "   OR (:role = 0 AND s.id = :me))"

static const char sql_get[] = ROSTER_SELECT " AND s.id = :id";

#define ROSTER_PAGE ROSTER_SELECT \
    " AND (:all OR s.active = 1)" \
    " AND (:cf = '' OR s.committee_id = :cf)" \
    " AND (:find = '' OR instr(s.name, :find) > 0" \
    "   OR instr(s.login, :find) > 0)"
static const char sql_page_first[] = ROSTER_PAGE
    " ORDER BY " ROSTER_KEY ", s.id LIMIT :n";
static const char sql_page_last[] = ROSTER_PAGE
    " ORDER BY " ROSTER_KEY " DESC, s.id DESC LIMIT :n";
static const char sql_page_after[] = ROSTER_PAGE
    " AND (" ROSTER_KEY " > :at OR (" ROSTER_KEY " = :at AND s.id > :at_id))"
    " ORDER BY " ROSTER_KEY ", s.id LIMIT :n";
static const char sql_page_from[] = ROSTER_PAGE
    " AND (" ROSTER_KEY " > :at OR (" ROSTER_KEY " = :at AND s.id >= :at_id))"
    " ORDER BY " ROSTER_KEY ", s.id LIMIT :n";
static const char sql_page_before[] = ROSTER_PAGE
    " AND (" ROSTER_KEY " < :at OR (" ROSTER_KEY " = :at AND s.id < :at_id))"
    " ORDER BY " ROSTER_KEY " DESC, s.id DESC LIMIT :n";
static const char sql_page_count[] = "SELECT count(*) FROM (" ROSTER_PAGE ")";

#define ROSTER_ENDING ROSTER_SELECT \
    " AND s.active = 1 AND s.contract_end IS NOT NULL" \
    " AND s.contract_end <= :until"
static const char sql_ending[] = ROSTER_ENDING
    " ORDER BY s.contract_end, " ROSTER_KEY ", s.id";
static const char sql_ending_count[] =
    "SELECT count(*) FROM (" ROSTER_ENDING ")";

static const char *
str_or_null(const struct value *v)
{
    return v->null || v->s == NULL || *v->s == '\0' ? NULL : v->s;
}

static bool
same_text(const struct value *a, const struct value *b)
{
    const char *x = str_or_null(a), *y = str_or_null(b);

    return (x == NULL && y == NULL) ||
           (x != NULL && y != NULL && strcmp(x, y) == 0);
}

static bool
may_edit(const struct ctx *ctx)
{
    return ctx->who.role == ROLE_STREET || ctx->who.role == ROLE_ADMIN;
}

static int
refuse_editor(struct error *e)
{
    return error_set(e, E_PERM, NULL,
                     _("only the street office or an administrator may "
                       "change the roster"));
}

/* The role and committee of staff row `id`; E_NOTFOUND when gone. */
static int
person(struct db *db, int64_t id, enum role *role, char *committee,
       size_t size, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_person);
    char name[16] = "";
    int rc;

    if (st == NULL)
        return db_failed(db, e);
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        snprintf(name, sizeof name, "%s",
                 (const char *)sqlite3_column_text(st, 0));
        snprintf(committee, size, "%s",
                 (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_NOTFOUND, NULL, _("no such person"));
    if (rc != SQLITE_ROW)
        return db_error(db, rc, e);
    if (!role_parse(name, role))
        *role = ROLE_ADMIN;
    return 0;
}

static bool
on_roster(enum role r)
{
    return r == ROLE_STAFF || r == ROLE_DIRECTOR;
}

static int
roster_check(struct ctx *ctx, const struct change *ch, struct error *e)
{
    const struct value *v = ch->vals;
    const char *type, *hired, *ends;
    enum role role;
    char committee[64];

    if (!may_edit(ctx))
        return refuse_editor(e);
    if (ch->op != CH_UPDATE)
        return error_set(e, E_PERM, NULL,
                         _("accounts are added and removed under "
                           "Accounts, not on the roster"));
    if (person(ctx->db, ch->id, &role, committee, sizeof committee, e) < 0)
        return -1;
    if (!on_roster(role))
        return error_set(e, E_INVAL, NULL,
                         _("only committee staff and directors are on the "
                           "roster"));
    if (!same_text(&ch->old[ROSTER_COMMITTEE], &v[ROSTER_COMMITTEE]) ||
        !same_text(&ch->old[ROSTER_DISTRICT], &v[ROSTER_DISTRICT]))
        return error_set(e, E_PERM, "committee_id",
                         _("the roster does not move people between "
                           "committees; an administrator does that under "
                           "Accounts"));
    type = str_or_null(&v[ROSTER_EMPLOYMENT]);
    if (type != NULL && ctx->cfg != NULL &&
        config_item(&ctx->cfg->employment_types, type) == NULL)
        return error_set(e, E_INVAL, "employment_type",
                         _("unknown employment type \"%s\""), type);
    hired = str_or_null(&v[ROSTER_HIRE_DATE]);
    ends = str_or_null(&v[ROSTER_CONTRACT_END]);
    if (hired != NULL && ends != NULL && strcmp(ends, hired) < 0)
        return error_set(e, E_INVAL, "contract_end",
                         _("the contract ends before the hire date"));
    return 0;
}

static int
posts_check(struct ctx *ctx, const struct change *ch, struct error *e)
{
    const struct value *v = ch->op == CH_DELETE ? ch->old : ch->vals;
    enum role role;
    char committee[64];
    const char *post, *c;

    if (!may_edit(ctx))
        return refuse_editor(e);
    if (ch->op == CH_DELETE)
        return 0;
    if (ch->op == CH_UPDATE &&
        (v[POST_STAFF].i != ch->old[POST_STAFF].i ||
         !same_text(&v[POST_COMMITTEE], &ch->old[POST_COMMITTEE])))
        return error_set(e, E_INVAL, "staff_id",
                         _("a post stays with its person"));
    if (person(ctx->db, v[POST_STAFF].i, &role, committee, sizeof committee,
               e) < 0)
        return -1;
    c = str_or_null(&v[POST_COMMITTEE]);
    if (!on_roster(role) || c == NULL || strcmp(c, committee) != 0)
        return error_set(e, E_INVAL, "committee_id",
                         _("a post belongs to a committee person, in their "
                           "own committee"));
    post = str_or_null(&v[POST_POST]);
    if (ctx->cfg != NULL && config_item(&ctx->cfg->posts, post) == NULL)
        return error_set(e, E_INVAL, "post", _("unknown post \"%s\""), post);
    return 0;
}

/* --- reading --------------------------------------------------------- */

int
roster_years(const char *hire_date, date_t today)
{
    date_t hired;
    int hy, hm, hd, ty, tm, td, years;

    if (hire_date == NULL || !date_parse_iso(hire_date, &hired) ||
        hired > today)
        return -1;
    date_to_ymd(hired, &hy, &hm, &hd);
    date_to_ymd(today, &ty, &tm, &td);
    years = ty - hy;
    if (tm < hm || (tm == hm && td < hd))
        years--;
    return years;
}

static void
read_entry(sqlite3_stmt *st, date_t today, struct roster_entry *r)
{
    char role[16];
    date_t end;

    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    db_column_copy(r->login, sizeof r->login, st, 1);
    db_column_copy(r->name, sizeof r->name, st, 2);
    db_column_copy(r->committee, sizeof r->committee, st, 3);
    db_column_copy(r->committee_name, sizeof r->committee_name, st, 4);
    db_column_copy(r->district, sizeof r->district, st, 5);
    db_column_copy(role, sizeof role, st, 6);
    if (!role_parse(role, &r->role))
        r->role = ROLE_STAFF;
    db_column_copy(r->employment_type, sizeof r->employment_type, st, 7);
    db_column_copy(r->hire_date, sizeof r->hire_date, st, 8);
    db_column_copy(r->contract_end, sizeof r->contract_end, st, 9);
    db_column_copy(r->phone, sizeof r->phone, st, 10);
    r->active = sqlite3_column_int(st, 11) != 0;
    r->version = sqlite3_column_int64(st, 12);
    db_column_copy(r->posts, sizeof r->posts, st, 13);
    r->training_hours = sqlite3_column_double(st, 14);
    r->training_sessions = sqlite3_column_int(st, 15);
    db_column_copy(r->key, sizeof r->key, st, 16);
    r->years = roster_years(r->hire_date, today);
    r->contract_days = date_parse_iso(r->contract_end, &end)
                     ? (int)(end - today) : INT32_MIN;
}

/* A roster statement with the scope and the year of `today` bound. */
static sqlite3_stmt *
scoped(struct ctx *ctx, const char *sql, date_t today)
{
    sqlite3_stmt *st = db_stmt(ctx->db, sql);
    char y0[11], y1[11];
    int y, m, d;

    if (st == NULL)
        return NULL;
    date_to_ymd(today, &y, &m, &d);
    date_format(date_from_ymd(y, 1, 1), y0);
    date_format(date_from_ymd(y, 12, 31), y1);
    session_bind_scope(&ctx->who, st);
    db_bind_int(st, ":me", ctx->who.staff_id);
    db_bind_text(st, ":y0", y0);
    db_bind_text(st, ":y1", y1);
    return st;
}

int
roster_get(struct ctx *ctx, int64_t staff_id, struct roster_entry *out,
           struct error *e)
{
    date_t today = date_today();
    sqlite3_stmt *st = scoped(ctx, sql_get, today);
    int rc;

    if (st == NULL)
        return db_failed(ctx->db, e);
    db_bind_int(st, ":id", staff_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_entry(st, today, out);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_NOTFOUND, NULL, _("no such person on the "
                                                "roster"));
    if (rc != SQLITE_ROW)
        return db_error(ctx->db, rc, e);
    return 0;
}

static sqlite3_stmt *
page_stmt(struct ctx *ctx, const char *sql, const struct roster_filter *f,
          date_t today)
{
    sqlite3_stmt *st = scoped(ctx, sql, today);

    if (st == NULL)
        return NULL;
    db_bind_int(st, ":all", f->include_left);
    db_bind_text(st, ":cf", f->committee);
    db_bind_text(st, ":find", f->find);
    return st;
}

int
roster_page(struct ctx *ctx, const struct roster_filter *f,
            enum page_dir dir, const char *at_key, int64_t at_id, int n,
            struct roster_entry *out, int *got, struct error *e)
{
    static const char *const sql[] = {
        [PAGE_FIRST] = sql_page_first, [PAGE_LAST] = sql_page_last,
        [PAGE_AFTER] = sql_page_after, [PAGE_FROM] = sql_page_from,
        [PAGE_BEFORE] = sql_page_before,
    };
    bool backwards = dir == PAGE_LAST || dir == PAGE_BEFORE;
    date_t today = date_today();
    sqlite3_stmt *st = page_stmt(ctx, sql[dir], f, today);
    int rc = SQLITE_DONE, m = 0;

    *got = 0;
    if (st == NULL)
        return db_failed(ctx->db, e);
    db_bind_text(st, ":at", at_key);
    db_bind_int(st, ":at_id", at_id);
    db_bind_int(st, ":n", n);
    while (m < n && (rc = sqlite3_step(st)) == SQLITE_ROW)
        read_entry(st, today, &out[m++]);
    sqlite3_reset(st);
    if (m < n && rc != SQLITE_DONE)
        return db_error(ctx->db, rc, e);
    if (backwards)
        page_reverse(out, (size_t)m, sizeof *out);
    *got = m;
    return 0;
}

long
roster_count(struct ctx *ctx, const struct roster_filter *f)
{
    sqlite3_stmt *st = page_stmt(ctx, sql_page_count, f, date_today());
    long n = -1;

    if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    if (st != NULL)
        sqlite3_reset(st);
    return n;
}

static void
bind_until(sqlite3_stmt *st, date_t today, int days)
{
    char until[11];

    date_format(today + days, until);
    db_bind_text(st, ":until", until);
}

int
roster_contracts_ending(struct ctx *ctx, date_t today, int days,
                        struct roster_entry **out, size_t *n,
                        struct error *e)
{
    sqlite3_stmt *st = scoped(ctx, sql_ending, today);
    struct roster_entry *v = NULL;
    size_t len = 0, cap = 0;
    int rc;

    *out = NULL;
    *n = 0;
    if (st == NULL)
        return db_failed(ctx->db, e);
    bind_until(st, today, days);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (len == cap) {
            cap = cap == 0 ? 8 : cap * 2;
            v = xreallocarray(v, cap, sizeof *v);
        }
        read_entry(st, today, &v[len++]);
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

long
roster_contracts_ending_count(struct ctx *ctx, date_t today, int days)
{
    sqlite3_stmt *st = scoped(ctx, sql_ending_count, today);
    long n = -1;

    if (st == NULL)
        return -1;
    bind_until(st, today, days);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return n;
}

/* --- writing --------------------------------------------------------- */

int
roster_update(struct ctx *ctx, int64_t staff_id, int64_t version,
              const struct roster_edit *ed, struct error *e)
{
    struct value *v;
    int64_t stored;
    struct change ch = { &roster_table, CH_UPDATE, staff_id, version, NULL,
                         NULL, NULL };
    int rc;

    if (!may_edit(ctx))
        return refuse_editor(e);
    if (store_load(ctx, &roster_table, staff_id, &v, &stored, e) < 0) {
        if (e != NULL && e->code == E_PERM)
            error_set(e, E_NOTFOUND, NULL, _("no such person on the "
                                             "roster"));
        return -1;
    }
    /* Point at the caller's strings; the loaded ones are freed here. */
    free((char *)v[ROSTER_EMPLOYMENT].s);
    free((char *)v[ROSTER_HIRE_DATE].s);
    free((char *)v[ROSTER_CONTRACT_END].s);
    free((char *)v[ROSTER_PHONE].s);
    v[ROSTER_EMPLOYMENT] = (struct value){ .s = ed->employment_type };
    v[ROSTER_HIRE_DATE] = (struct value){ .s = ed->hire_date };
    v[ROSTER_CONTRACT_END] = (struct value){ .s = ed->contract_end };
    v[ROSTER_PHONE] = (struct value){ .s = ed->phone };
    v[ROSTER_ACTIVE] = (struct value){ .i = ed->active ? 1 : 0 };
    ch.vals = v;
    rc = store_apply(ctx, &ch, 1, e);
    v[ROSTER_EMPLOYMENT].s = v[ROSTER_HIRE_DATE].s = NULL;
    v[ROSTER_CONTRACT_END].s = v[ROSTER_PHONE].s = NULL;
    store_values_free(v, ROSTER_NCOLS);
    return rc;
}

struct held {
    int64_t id, version;
    char    post[64];
    bool    keep;
};

static int
load_posts(struct db *db, int64_t staff_id, struct held **out, size_t *n,
           struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_posts_of);
    struct held *v = NULL;
    size_t len = 0;
    int rc;

    *out = NULL;
    *n = 0;
    if (st == NULL)
        return db_failed(db, e);
    sqlite3_bind_int64(st, 1, staff_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        v = xreallocarray(v, len + 1, sizeof *v);
        v[len].id = sqlite3_column_int64(st, 0);
        v[len].version = sqlite3_column_int64(st, 1);
        db_column_copy(v[len].post, sizeof v[len].post, st, 2);
        v[len].keep = false;
        len++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(v);
        return db_error(db, rc, e);
    }
    *out = v;
    *n = len;
    return 0;
}

static int
sync_posts(struct ctx *ctx, const struct roster_entry *who,
           const char *const *posts, size_t n, struct error *e)
{
    struct held *held;
    size_t nheld;
    int rc = 0;

    if (load_posts(ctx->db, who->id, &held, &nheld, e) < 0)
        return -1;
    for (size_t i = 0; i < n && rc == 0; i++) {
        bool have = false;

        for (size_t j = 0; j < nheld; j++) {
            if (strcmp(held[j].post, posts[i]) == 0) {
                held[j].keep = true;
                have = true;
            }
        }
        for (size_t j = 0; j < i; j++)
            have = have || strcmp(posts[j], posts[i]) == 0;
        if (have)
            continue;
        struct value v[POST_NCOLS] = {
            [POST_STAFF] = { .i = who->id },
            [POST_COMMITTEE] = { .s = who->committee },
            [POST_POST] = { .s = posts[i] },
        };
        struct change ch = { &roster_posts_table, CH_INSERT, 0, 0, v, NULL,
                             NULL };

        rc = store_apply(ctx, &ch, 1, e);
    }
    for (size_t j = 0; j < nheld && rc == 0; j++) {
        struct change ch = { &roster_posts_table, CH_DELETE, held[j].id,
                             held[j].version, NULL, NULL, NULL };

        if (!held[j].keep)
            rc = store_apply(ctx, &ch, 1, e);
    }
    free(held);
    return rc;
}

int
roster_set_posts(struct ctx *ctx, int64_t staff_id, const char *const *posts,
                 size_t n, struct error *e)
{
    struct roster_entry who;

    if (!may_edit(ctx))
        return refuse_editor(e);
    if (n > ROSTER_POSTS_MAX)
        return error_set(e, E_INVAL, "post",
                         _("at most %d posts per person"), ROSTER_POSTS_MAX);
    if (db_begin(ctx->db, e) < 0)
        return -1;
    if (roster_get(ctx, staff_id, &who, e) < 0 ||
        sync_posts(ctx, &who, posts, n, e) < 0) {
        db_rollback(ctx->db);
        return -1;
    }
    return db_commit(ctx->db, e);
}
