/* report_scope.c — what a report or an export covers: the committee or
 * district asked for, checked against the session (the street office its
 * district, a committee its own), and the SQL binding of that scope. */
#include "juwei/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/db.h"
#include "juwei/signoff.h"

static const char sql_committee[] =
    "SELECT c.name, c.district_id, d.name FROM committees c"
    " JOIN districts d ON d.id = c.district_id WHERE c.id = ?1";
static const char sql_district[] =
    "SELECT name FROM districts WHERE id = ?1";

static int
lookup_committee(struct db *db, const char *id, struct report_scope *s,
                 struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_committee);
    int rc;

    if (st == NULL)
        return db_failed(db, e);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        s->kind = RSCOPE_COMMITTEE;
        snprintf(s->id, sizeof s->id, "%s", id);
        db_column_copy(s->name, sizeof s->name, st, 0);
        db_column_copy(s->district, sizeof s->district, st, 1);
        db_column_copy(s->district_name, sizeof s->district_name, st, 2);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_INVAL, "committee_id",
                         _("unknown committee \"%s\""), id);
    if (rc != SQLITE_ROW)
        return db_error(db, rc, e);
    return 0;
}

static int
lookup_district(struct db *db, const char *id, struct report_scope *s,
                struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_district);
    int rc;

    if (st == NULL)
        return db_failed(db, e);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        s->kind = RSCOPE_DISTRICT;
        snprintf(s->id, sizeof s->id, "%s", id);
        db_column_copy(s->name, sizeof s->name, st, 0);
        snprintf(s->district, sizeof s->district, "%s", id);
        snprintf(s->district_name, sizeof s->district_name, "%s", s->name);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_INVAL, "district_id",
                         _("unknown district \"%s\""), id);
    if (rc != SQLITE_ROW)
        return db_error(db, rc, e);
    return 0;
}

static bool
given(const char *s)
{
    return s != NULL && *s != '\0';
}

int
report_scope_resolve(struct ctx *ctx, const char *committee,
                     const char *district, struct report_scope *out,
                     struct error *e)
{
    const struct session *who = &ctx->who;

    memset(out, 0, sizeof *out);
    if (given(committee) && given(district))
        return error_set(e, E_INVAL, "district_id",
                         _("give a committee or a district, not both"));
    switch (who->role) {
    case ROLE_STAFF:
    case ROLE_DIRECTOR:
        if (given(district))
            return error_set(e, E_PERM, "district_id",
                             _("a committee account sees only its own "
                               "committee"));
        if (!given(committee))
            committee = who->committee;
        if (!given(committee))
            return error_set(e, E_PERM, "committee_id",
                             _("this account belongs to no committee"));
        break;
    case ROLE_STREET:
        if (!given(committee) && !given(district))
            district = who->district;
        break;
    case ROLE_ADMIN:
        if (!given(committee) && !given(district)) {
            out->kind = RSCOPE_ALL;
            snprintf(out->name, sizeof out->name, "%s",
                     _("all districts"));
            return 0;
        }
        break;
    }
    if (given(committee)) {
        if (lookup_committee(ctx->db, committee, out, e) < 0)
            return -1;
        if (!session_sees(who, out->id, out->district))
            return error_set(e, E_PERM, "committee_id",
                             who->role == ROLE_STREET
                             ? _("this account sees only the committees of "
                                 "its own district")
                             : _("a committee account sees only its own "
                                 "committee"));
        return 0;
    }
    if (lookup_district(ctx->db, district, out, e) < 0)
        return -1;
    if (who->role != ROLE_ADMIN && strcmp(out->id, who->district) != 0)
        return error_set(e, E_PERM, "district_id",
                         _("this account sees only its own district"));
    return 0;
}

void
report_scope_bind(const struct report_scope *s, struct sqlite3_stmt *st)
{
    db_bind_int(st, ":skind", (int)s->kind);
    db_bind_text(st, ":sid", s->id);
}

bool
report_month_parse(const char *s, date_t *first, date_t *last)
{
    int y, m;

    if (!signoff_month_ok(s))
        return false;
    y = atoi(s);
    m = atoi(s + 5);
    *first = date_from_ymd(y, m, 1);
    *last = (m == 12 ? date_from_ymd(y + 1, 1, 1)
                     : date_from_ymd(y, m + 1, 1)) - 1;
    return true;
}
