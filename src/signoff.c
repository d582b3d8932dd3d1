/* signoff.c — the monthly sign-off: the table's rules, signing, reopening,
 * and the check the record kinds run before every write. */
#include "juwei/signoff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/config.h"
#include "juwei/date.h"
#include "juwei/db.h"
#include "juwei/text.h"

static int signoff_table_check(struct ctx *ctx, const struct change *ch,
                               struct error *e);

static const struct column signoff_cols[] = {
    [SIGNOFF_COL_COMMITTEE]   = { "committee_id", COL_ID, true, 64, 0, 0,
                              N_("Committee"), false },
    [SIGNOFF_COL_MONTH]       = { "month", COL_TEXT, true, 7, 0, 0,
                              N_("Month"), false },
    [SIGNOFF_COL_SIGNED_BY]   = { "signed_by", COL_ID, true, 0, 0, 0,
                              N_("Signed off by"), false },
    [SIGNOFF_COL_SIGNED_AT]   = { "signed_at", COL_INT, true, 0, 0, 0,
                              N_("Signed off at"), false },
    [SIGNOFF_COL_REOPENED]    = { "reopened", COL_BOOL, true, 0, 0, 0,
                              N_("Reopened"), false },
    [SIGNOFF_COL_REOPENED_BY] = { "reopened_by", COL_ID, false, 0, 0, 0,
                              N_("Reopened by"), false },
    [SIGNOFF_COL_REOPENED_AT] = { "reopened_at", COL_INT, false, 0, 0, 0,
                              N_("Reopened at"), false },
    [SIGNOFF_COL_REASON]      = { "reopen_reason", COL_TEXT, false,
                              SIGNOFF_REASON_MAX, 0, 0, N_("Reason"), false },
};

const struct table signoff_table = {
    .name = "month_signoffs",
    .cols = signoff_cols,
    .ncols = SIGNOFF_COL_NCOLS,
    .committee_col = "committee_id",
    .owner_col = NULL,
    .check = signoff_table_check,
    .district_col = NULL,
};

static const char sql_get[] =
    "SELECT c.district_id, coalesce(s.id, 0), coalesce(s.version, 0),"
    " s.reopened, coalesce(s.signed_by, 0), coalesce(a.name, ''),"
    " coalesce(s.signed_at, 0), coalesce(s.reopened_by, 0),"
    " coalesce(b.name, ''), coalesce(s.reopened_at, 0),"
    " coalesce(s.reopen_reason, '')"
    " FROM committees c"
    " LEFT JOIN month_signoffs s ON s.committee_id = c.id AND s.month = ?2"
    " LEFT JOIN staff a ON a.id = s.signed_by"
    " LEFT JOIN staff b ON b.id = s.reopened_by"
    " WHERE c.id = ?1";
static const char sql_locked[] =
    "SELECT 1 FROM month_signoffs"
    " WHERE committee_id = ?1 AND month = ?2 AND reopened = 0";

bool
signoff_month_ok(const char *month)
{
    int y, m;

    if (month == NULL || strlen(month) != 7 || month[4] != '-')
        return false;
    for (int i = 0; i < 7; i++) {
        if (i != 4 && (month[i] < '0' || month[i] > '9'))
            return false;
    }
    y = atoi(month);
    m = atoi(month + 5);
    return date_valid_ymd(y, m, 1);
}

/* A month may be signed off only once it is over: its last day is
 * before today. */
static bool
month_over(const char *month)
{
    int y = atoi(month), m = atoi(month + 5);
    date_t next = m == 12 ? date_from_ymd(y + 1, 1, 1)
                          : date_from_ymd(y, m + 1, 1);

    return next <= date_today();
}

static const char *
committee_label(struct ctx *ctx, const char *committee)
{
    const struct cfg_committee *c =
        ctx->cfg != NULL ? config_committee(ctx->cfg, committee) : NULL;

    return c != NULL ? c->name : committee;
}

/* Reads the sign-off without a scope check; *district gets the
 * committee's district. E_INVAL for an unknown committee. */
static int
load(struct db *db, const char *committee, const char *month,
     struct signoff *out, char *district, size_t dsize, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_get);
    int rc;

    memset(out, 0, sizeof *out);
    snprintf(out->committee, sizeof out->committee, "%s", committee);
    snprintf(out->month, sizeof out->month, "%s", month);
    if (st == NULL)
        return db_error(db, sqlite3_extended_errcode(db_sqlite(db)), e);
    sqlite3_bind_text(st, 1, committee, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, month, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        db_column_copy(district, dsize, st, 0);
        out->id = sqlite3_column_int64(st, 1);
        out->version = sqlite3_column_int64(st, 2);
        if (out->id == 0)
            out->state = SIGNOFF_OPEN;
        else
            out->state = sqlite3_column_int(st, 3) ? SIGNOFF_REOPENED
                                                   : SIGNOFF_SIGNED;
        out->signed_by = sqlite3_column_int64(st, 4);
        db_column_copy(out->signed_by_name, sizeof out->signed_by_name, st, 5);
        out->signed_at = sqlite3_column_int64(st, 6);
        out->reopened_by = sqlite3_column_int64(st, 7);
        db_column_copy(out->reopened_by_name, sizeof out->reopened_by_name,
                       st, 8);
        out->reopened_at = sqlite3_column_int64(st, 9);
        db_column_copy(out->reason, sizeof out->reason, st, 10);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_INVAL, "committee_id",
                         _("unknown committee \"%s\""), committee);
    if (rc != SQLITE_ROW)
        return db_error(db, rc, e);
    return 0;
}

int
signoff_get(struct ctx *ctx, const char *committee, const char *month,
            struct signoff *out, struct error *e)
{
    char district[64] = "";

    if (!signoff_month_ok(month))
        return error_set(e, E_INVAL, "month",
                         _("\"%s\" is not a month; write it as YYYY-MM"),
                         month != NULL ? month : "");
    if (committee == NULL || *committee == '\0')
        return error_set(e, E_INVAL, "committee_id",
                         _("choose a committee"));
    if (load(ctx->db, committee, month, out, district, sizeof district, e) < 0)
        return -1;
    if (!session_sees(&ctx->who, committee, district))
        return error_set(e, E_PERM, "committee_id",
                         _("this record belongs to another committee"));
    return 0;
}

int
signoff_locked(struct ctx *ctx, const char *committee,
               const char *date_or_month, struct error *e)
{
    sqlite3_stmt *st;
    char month[8];
    int rc;

    if (committee == NULL || date_or_month == NULL ||
        strlen(date_or_month) < 7)
        return 0;
    if (!ctx_sees(ctx, committee))
        return error_set(e, E_PERM, "committee_id",
                         _("this record belongs to another committee"));
    snprintf(month, sizeof month, "%.7s", date_or_month);
    if ((st = db_stmt(ctx->db, sql_locked)) == NULL)
        return db_error(ctx->db,
                        sqlite3_extended_errcode(db_sqlite(ctx->db)), e);
    sqlite3_bind_text(st, 1, committee, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, month, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc != SQLITE_DONE)
        return db_error(ctx->db, rc, e);
    return 0;
}

int
signoff_check(struct ctx *ctx, const char *committee, const char *date,
              struct error *e)
{
    date_t d;
    int rc;

    if (committee == NULL || *committee == '\0' || date == NULL ||
        !date_parse_iso(date, &d))
        return 0;
    if ((rc = signoff_locked(ctx, committee, date, e)) <= 0)
        return rc;
    return error_set(e, E_PERM, "date",
                     _("%.7s of %s is signed off by the street office; its "
                       "entries can no longer be changed unless the street "
                       "office reopens the month"),
                     date, committee_label(ctx, committee));
}

static const char *
text_of(const struct column *c, const struct value *v)
{
    return store_is_null(c, v) ? NULL : v->s;
}

int
signoff_check_change(struct ctx *ctx, const struct change *ch,
                     const char *committee_col, const char *date_col,
                     struct error *e)
{
    const struct table *t = ch->table;
    int ci = store_col(t, committee_col), di = store_col(t, date_col);

    if (ci < 0 || di < 0)
        fatal("signoff: %s has no column %s or %s", t->name, committee_col,
              date_col);
    if (ch->op != CH_INSERT && ch->old != NULL &&
        signoff_check(ctx, text_of(&t->cols[ci], &ch->old[ci]),
                      text_of(&t->cols[di], &ch->old[di]), e) < 0)
        return -1;
    if (ch->op != CH_DELETE &&
        signoff_check(ctx, text_of(&t->cols[ci], &ch->vals[ci]),
                      text_of(&t->cols[di], &ch->vals[di]), e) < 0)
        return -1;
    return 0;
}

/* --- the table's rules ------------------------------------------------ */

static bool
same_text(const struct value *a, const struct value *b)
{
    const char *x = a->null || a->s == NULL ? "" : a->s;
    const char *y = b->null || b->s == NULL ? "" : b->s;

    return strcmp(x, y) == 0;
}

static int64_t
id_of(const struct value *v)
{
    return v->null || v->s != NULL ? 0 : v->i;
}

static int
check_signing(struct ctx *ctx, const struct value *v, struct error *e)
{
    if (id_of(&v[SIGNOFF_COL_SIGNED_BY]) != ctx->who.staff_id)
        return error_set(e, E_PERM, "signed_by",
                         _("a month is signed off in one's own name"));
    if (!month_over(v[SIGNOFF_COL_MONTH].s))
        return error_set(e, E_INVAL, "month",
                         _("%s is not over yet; a month is signed off after "
                           "it ends"), v[SIGNOFF_COL_MONTH].s);
    return 0;
}

/* Sign (insert, or update a reopened row) and reopen (update a signed
 * row) are the only writes; the street office of the committee's district
 * (store_apply checks the district) makes them all. */
static int
signoff_table_check(struct ctx *ctx, const struct change *ch,
                    struct error *e)
{
    const struct value *v = ch->vals, *old = ch->old;

    if (ctx->who.role != ROLE_STREET)
        return error_set(e, E_PERM, NULL,
                         _("only the street office signs off or reopens a "
                           "month"));
    if (ch->op == CH_DELETE)
        return error_set(e, E_PERM, NULL,
                         _("a sign-off is never deleted; reopen the month "
                           "instead"));
    if (!signoff_month_ok(v[SIGNOFF_COL_MONTH].s))
        return error_set(e, E_INVAL, "month",
                         _("\"%s\" is not a month; write it as YYYY-MM"),
                         v[SIGNOFF_COL_MONTH].s);
    if (ch->op == CH_INSERT) {
        if (v[SIGNOFF_COL_REOPENED].i != 0)
            return error_set(e, E_INVAL, "reopened",
                             _("a month is signed off before it can be "
                               "reopened"));
        return check_signing(ctx, v, e);
    }
    if (!same_text(&old[SIGNOFF_COL_COMMITTEE], &v[SIGNOFF_COL_COMMITTEE]) ||
        !same_text(&old[SIGNOFF_COL_MONTH], &v[SIGNOFF_COL_MONTH]))
        return error_set(e, E_INVAL, "month",
                         _("a sign-off stays with its committee and month"));
    if (old[SIGNOFF_COL_REOPENED].i == 0 && v[SIGNOFF_COL_REOPENED].i == 1) {
        const char *why = text_of(&signoff_cols[SIGNOFF_COL_REASON],
                                  &v[SIGNOFF_COL_REASON]);

        if (why == NULL)
            return error_set(e, E_INVAL, "reopen_reason",
                             _("say why the month is reopened"));
        if (id_of(&v[SIGNOFF_COL_REOPENED_BY]) != ctx->who.staff_id)
            return error_set(e, E_PERM, "reopened_by",
                             _("a month is reopened in one's own name"));
        if (id_of(&v[SIGNOFF_COL_SIGNED_BY]) != id_of(&old[SIGNOFF_COL_SIGNED_BY]) ||
            v[SIGNOFF_COL_SIGNED_AT].i != old[SIGNOFF_COL_SIGNED_AT].i)
            return error_set(e, E_INVAL, "signed_by",
                             _("reopening keeps who signed the month off"));
        return 0;
    }
    if (old[SIGNOFF_COL_REOPENED].i == 1 && v[SIGNOFF_COL_REOPENED].i == 0)
        return check_signing(ctx, v, e);
    return error_set(e, E_INVAL, "reopened",
                     old[SIGNOFF_COL_REOPENED].i
                     ? _("this month is already reopened")
                     : _("this month is already signed off"));
}

/* --- signing and reopening -------------------------------------------- */

static int
need_street(struct ctx *ctx, const char *committee, const char *month,
            struct error *e)
{
    if (ctx->who.role != ROLE_STREET)
        return error_set(e, E_PERM, NULL,
                         _("only the street office signs off or reopens a "
                           "month"));
    if (committee == NULL || *committee == '\0')
        return error_set(e, E_INVAL, "committee_id",
                         _("choose a committee"));
    if (!signoff_month_ok(month))
        return error_set(e, E_INVAL, "month",
                         _("\"%s\" is not a month; write it as YYYY-MM"),
                         month != NULL ? month : "");
    return 0;
}

static int
write_row(struct ctx *ctx, const struct signoff *cur, struct value *v,
          const char *action, struct error *e)
{
    struct change ch = {
        .table = &signoff_table,
        .op = cur->id == 0 ? CH_INSERT : CH_UPDATE,
        .id = cur->id,
        .version = cur->version,
        .vals = v,
        .action = action,
    };

    return store_apply(ctx, &ch, 1, e);
}

/* The stored row as values, for an update that changes a few columns. */
static void
row_values(const struct signoff *cur, struct value *v)
{
    memset(v, 0, sizeof *v * SIGNOFF_COL_NCOLS);
    v[SIGNOFF_COL_COMMITTEE].s = cur->committee;
    v[SIGNOFF_COL_MONTH].s = cur->month;
    v[SIGNOFF_COL_SIGNED_BY].i = cur->signed_by;
    v[SIGNOFF_COL_SIGNED_AT].i = cur->signed_at;
    v[SIGNOFF_COL_REOPENED].i = cur->state == SIGNOFF_REOPENED;
    v[SIGNOFF_COL_REOPENED_BY].i = cur->reopened_by;
    v[SIGNOFF_COL_REOPENED_AT].null = cur->reopened_at == 0;
    v[SIGNOFF_COL_REOPENED_AT].i = cur->reopened_at;
    v[SIGNOFF_COL_REASON].s = cur->reason;
}

int
signoff_sign(struct ctx *ctx, const char *committee, const char *month,
             struct error *e)
{
    struct signoff cur;
    struct value v[SIGNOFF_COL_NCOLS];

    if (need_street(ctx, committee, month, e) < 0)
        return -1;
    if (db_begin(ctx->db, e) < 0)
        return -1;
    if (signoff_get(ctx, committee, month, &cur, e) < 0)
        goto fail;
    if (cur.state == SIGNOFF_SIGNED) {
        error_set(e, E_DUP, "month",
                  _("%s of %s is already signed off"), month,
                  committee_label(ctx, committee));
        goto fail;
    }
    /* Signing again clears the last reopening; the audit log keeps it. */
    row_values(&cur, v);
    v[SIGNOFF_COL_SIGNED_BY].i = ctx->who.staff_id;
    v[SIGNOFF_COL_SIGNED_AT].i = util_now();
    v[SIGNOFF_COL_REOPENED].i = 0;
    v[SIGNOFF_COL_REOPENED_BY].i = 0;
    v[SIGNOFF_COL_REOPENED_AT].null = true;
    v[SIGNOFF_COL_REASON].s = NULL;
    if (write_row(ctx, &cur, v, "signoff", e) < 0)
        goto fail;
    return db_commit(ctx->db, e);
fail:
    db_rollback(ctx->db);
    return -1;
}

int
signoff_reopen(struct ctx *ctx, const char *committee, const char *month,
               const char *reason, struct error *e)
{
    struct signoff cur;
    struct value v[SIGNOFF_COL_NCOLS];
    char *why;
    int rc = -1;

    if (need_street(ctx, committee, month, e) < 0)
        return -1;
    why = text_trim(xstrdup(reason != NULL ? reason : ""));
    if (*why == '\0') {
        free(why);
        return error_set(e, E_INVAL, "reopen_reason",
                         _("say why the month is reopened"));
    }
    if (db_begin(ctx->db, e) < 0)
        goto out;
    if (signoff_get(ctx, committee, month, &cur, e) < 0)
        goto fail;
    if (cur.state != SIGNOFF_SIGNED) {
        error_set(e, E_INVAL, "month", _("%s of %s is not signed off"),
                  month, committee_label(ctx, committee));
        goto fail;
    }
    row_values(&cur, v);
    v[SIGNOFF_COL_REOPENED].i = 1;
    v[SIGNOFF_COL_REOPENED_BY].i = ctx->who.staff_id;
    v[SIGNOFF_COL_REOPENED_AT].null = false;
    v[SIGNOFF_COL_REOPENED_AT].i = util_now();
    v[SIGNOFF_COL_REASON].s = why;
    if (write_row(ctx, &cur, v, "reopen", e) < 0)
        goto fail;
    rc = db_commit(ctx->db, e);
    goto out;
fail:
    db_rollback(ctx->db);
out:
    free(why);
    return rc;
}
