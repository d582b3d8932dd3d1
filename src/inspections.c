/* inspections.c — inspections and their follow-up: the tables' rules and
 * the status transitions, writes through store_apply() with the
 * full-text index kept in step. The reads are inspections_read.c's. */
#include "juwei/inspections.h"
#include "juwei/signoff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/config.h"
#include "juwei/date.h"
#include "juwei/db.h"

/* --- names ------------------------------------------------------------ */

static const struct {
    const char *name;
    const char *label;
} statuses[INSP_NSTATUS] = {
    [INSP_OPEN]        = { "open", N_("open") },
    [INSP_IN_PROGRESS] = { "in_progress", N_("in progress") },
    [INSP_RESOLVED]    = { "resolved", N_("resolved") },
    [INSP_ESCALATED]   = { "escalated", N_("escalated") },
};

static const struct {
    const char *name;
    const char *label;
} severities[] = {
    { "low", N_("low") },
    { "normal", N_("normal") },
    { "urgent", N_("urgent") },
};

const char *
inspections_status_name(enum insp_status s)
{
    return (unsigned)s < INSP_NSTATUS ? statuses[s].name : "?";
}

const char *
inspections_status_label(enum insp_status s)
{
    return (unsigned)s < INSP_NSTATUS ? _(statuses[s].label) : "?";
}

bool
inspections_status_parse(const char *s, enum insp_status *out)
{
    for (int i = 0; s != NULL && i < INSP_NSTATUS; i++) {
        if (strcmp(s, statuses[i].name) == 0) {
            *out = (enum insp_status)i;
            return true;
        }
    }
    return false;
}

const char *
inspections_severity_name(int severity)
{
    if (severity < 1 || severity > (int)ARRAY_LEN(severities))
        return "?";
    return severities[severity - 1].name;
}

const char *
inspections_severity_label(int severity)
{
    if (severity < 1 || severity > (int)ARRAY_LEN(severities))
        return "?";
    return _(severities[severity - 1].label);
}

int
inspections_severity_parse(const char *s)
{
    for (size_t i = 0; s != NULL && i < ARRAY_LEN(severities); i++) {
        if (strcmp(s, severities[i].name) == 0)
            return (int)i + 1;
    }
    return 0;
}

/* --- the transition table --------------------------------------------- */

#define A_ (1u << ACTOR_ASSIGNEE)
#define D_ (1u << ACTOR_DIRECTOR)
#define S_ (1u << ACTOR_STREET)

/* Every move there is, and who may make it. An escalated inspection is
 * the street office's: only it sends it back or resolves it; the
 * committee side escalates, the street office does not escalate to
 * itself. */
static const struct {
    enum insp_status from, to;
    unsigned         actors;
    const char      *verb;
} moves[] = {
    { INSP_OPEN, INSP_IN_PROGRESS, A_ | D_ | S_, N_("Start work") },
    { INSP_OPEN, INSP_ESCALATED, A_ | D_, N_("Escalate to the street") },
    { INSP_IN_PROGRESS, INSP_RESOLVED, A_ | D_ | S_, N_("Resolve") },
    { INSP_IN_PROGRESS, INSP_ESCALATED, A_ | D_, N_("Escalate to the street") },
    { INSP_RESOLVED, INSP_OPEN, A_ | D_ | S_, N_("Reopen") },
    { INSP_ESCALATED, INSP_IN_PROGRESS, S_, N_("Send back to the committee") },
    { INSP_ESCALATED, INSP_RESOLVED, S_, N_("Resolve") },
};

static int
find_move(enum insp_status from, enum insp_status to)
{
    for (size_t i = 0; i < ARRAY_LEN(moves); i++) {
        if (moves[i].from == from && moves[i].to == to)
            return (int)i;
    }
    return -1;
}

int
inspections_may_move(enum insp_status from, enum insp_status to,
                     enum insp_actor who, struct error *e)
{
    int m;

    if ((unsigned)from >= INSP_NSTATUS || (unsigned)to >= INSP_NSTATUS ||
        (unsigned)who >= ACTOR_N)
        return error_set(e, E_INVAL, "status", _("unknown status"));
    if (from == to)
        return error_set(e, E_INVAL, "status",
                         _("the inspection is %s already"),
                         inspections_status_label(from));
    if ((m = find_move(from, to)) < 0)
        return error_set(e, E_INVAL, "status",
                         _("an inspection cannot go from %s to %s"),
                         inspections_status_label(from),
                         inspections_status_label(to));
    if (moves[m].actors & (1u << who))
        return 0;
    if (who == ACTOR_STAFF || who == ACTOR_ADMIN)
        return error_set(e, E_PERM, "status",
                         _("only the follow-up person, the committee's "
                           "director or the street office may change the "
                           "status"));
    if (from == INSP_ESCALATED)
        return error_set(e, E_PERM, "status",
                         _("an escalated inspection is with the street "
                           "office; only it may take it further"));
    return error_set(e, E_PERM, "status",
                     _("the committee escalates an inspection to the "
                       "street office, not the street office itself"));
}

const char *
inspections_move_label(enum insp_status from, enum insp_status to)
{
    int m = find_move(from, to);

    return m < 0 ? NULL : _(moves[m].verb);
}

/* --- the tables --------------------------------------------------------- */

static int inspections_check(struct ctx *ctx, const struct change *ch,
                             struct error *e);
static int followups_check(struct ctx *ctx, const struct change *ch,
                           struct error *e);

static const struct column insp_cols[] = {
    [IC_COMMITTEE]  = { "committee_id", COL_ID, true, 64, 0, 0,
                        N_("Committee"), false },
    [IC_DATE]       = { "date", COL_DATE, true, 0, 0, 0, N_("Date"), false },
    [IC_TIME]       = { "time", COL_TIME, false, 0, 0, 0, N_("Time"), false },
    [IC_PLACE]      = { "place", COL_TEXT, true, INSP_PLACE_MAX, 0, 0,
                        N_("Place"), false },
    [IC_GRID]       = { "grid", COL_TEXT, false, 64, 0, 0, N_("Grid"),
                        false },
    [IC_CATEGORY]   = { "category", COL_ID, true, 64, 0, 0,
                        N_("Category"), false },
    [IC_FOUND]      = { "found", COL_LONGTEXT, true, INSP_FOUND_MAX, 0, 0,
                        N_("What was found"), false },
    [IC_SEVERITY]   = { "severity", COL_INT, true, 0, 1, 3,
                        N_("Severity"), false },
    [IC_STATUS]     = { "status", COL_ID, true, 16, 0, 0, N_("Status"),
                        false },
    [IC_ASSIGNEE]   = { "assignee_id", COL_ID, false, 0, 0, 0,
                        N_("Follow-up by"), false },
    [IC_DUE]        = { "due_date", COL_DATE, false, 0, 0, 0,
                        N_("Due date"), false },
    [IC_RESOLVED]   = { "resolved_date", COL_DATE, false, 0, 0, 0,
                        N_("Resolved on"), false },
    [IC_CREATED_BY] = { "created_by", COL_ID, true, 0, 0, 0,
                        N_("Entered by"), false },
};

/* No owner column: the assignee, who need not have entered it, moves it;
 * inspections_check() says who may change what. */
const struct table inspections_table = {
    .name = "inspections",
    .cols = insp_cols,
    .ncols = IC_NCOLS,
    .committee_col = "committee_id",
    .check = inspections_check,
};

enum { FU_INSPECTION, FU_COMMITTEE, FU_DATE, FU_STAFF, FU_FROM, FU_TO,
       FU_NOTE, FU_NCOLS };

static const struct column followup_cols[] = {
    [FU_INSPECTION] = { "inspection_id", COL_ID, true, 0, 0, 0,
                        N_("Inspection"), false },
    [FU_COMMITTEE]  = { "committee_id", COL_ID, true, 64, 0, 0,
                        N_("Committee"), false },
    [FU_DATE]       = { "date", COL_DATE, true, 0, 0, 0, N_("Date"), false },
    [FU_STAFF]      = { "staff_id", COL_ID, true, 0, 0, 0, N_("Staff"),
                        false },
    [FU_FROM]       = { "from_status", COL_ID, false, 16, 0, 0,
                        N_("From status"), false },
    [FU_TO]         = { "to_status", COL_ID, true, 16, 0, 0, N_("To status"),
                        false },
    [FU_NOTE]       = { "note", COL_LONGTEXT, false, INSP_NOTE_MAX, 0, 0,
                        N_("Note"), false },
};

const struct table inspection_followups_table = {
    .name = "inspection_followups",
    .cols = followup_cols,
    .ncols = FU_NCOLS,
    .committee_col = "committee_id",
    .check = followups_check,
};

static const char sql_staff_of[] =
    "SELECT committee_id, role, active, name FROM staff WHERE id = ?1";
static const char sql_insp_state[] =
    "SELECT committee_id, status FROM inspections WHERE id = ?1";

/* --- rules -------------------------------------------------------------- */

static const char *
str_or_null(const struct value *v)
{
    return v->null || v->s == NULL || *v->s == '\0' ? NULL : v->s;
}

static int64_t
id_of(const struct value *v)
{
    return v->null || v->s != NULL ? 0 : v->i;
}

static enum insp_actor
actor_for(const struct ctx *ctx, const char *committee, int64_t assignee)
{
    /* Someone who does not see the committee moves nothing of it. */
    if (!ctx_sees(ctx, committee))
        return ACTOR_STAFF;
    switch (ctx->who.role) {
    case ROLE_ADMIN:
        return ACTOR_ADMIN;
    case ROLE_STREET:
        return ACTOR_STREET;
    case ROLE_DIRECTOR:
        if (committee != NULL && strcmp(committee, ctx->who.committee) == 0)
            return ACTOR_DIRECTOR;
        break;
    case ROLE_STAFF:
        break;
    }
    if (assignee != 0 && assignee == ctx->who.staff_id)
        return ACTOR_ASSIGNEE;
    return ACTOR_STAFF;
}

enum insp_actor
inspections_actor(const struct ctx *ctx, const struct inspection *in)
{
    return actor_for(ctx, in->committee, in->assignee_id);
}

int
inspections_moves(const struct ctx *ctx, const struct inspection *in,
                  enum insp_status *to)
{
    enum insp_actor who = inspections_actor(ctx, in);
    int n = 0;

    for (size_t i = 0; i < ARRAY_LEN(moves); i++) {
        if (moves[i].from == in->status && (moves[i].actors & (1u << who)))
            to[n++] = moves[i].to;
    }
    return n;
}

/* The follow-up person: staff or the director of the inspection's own
 * committee, and an active account when newly chosen. */
static int
check_assignee(struct ctx *ctx, int64_t id, const char *committee,
               bool newly, struct error *e)
{
    sqlite3_stmt *st = db_stmt(ctx->db, sql_staff_of);
    char name[192] = "";
    bool member = false, active = false;
    int rc;

    if (st == NULL)
        return db_failed(ctx->db, e);
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *c = (const char *)sqlite3_column_text(st, 0);
        const char *role = (const char *)sqlite3_column_text(st, 1);

        member = c != NULL && strcmp(c, committee) == 0 &&
                 (strcmp(role, "staff") == 0 || strcmp(role, "director") == 0);
        active = sqlite3_column_int(st, 2) != 0;
        snprintf(name, sizeof name, "%s",
                 (const char *)sqlite3_column_text(st, 3));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_error(ctx->db, rc, e);
    if (!member)
        return error_set(e, E_INVAL, "assignee_id",
                         _("%s is not on the staff of this committee"),
                         name[0] != '\0' ? name : _("this person"));
    if (newly && !active)
        return error_set(e, E_INVAL, "assignee_id",
                         _("%s's account is disabled"), name);
    return 0;
}

static int
check_grid(struct ctx *ctx, const char *committee, const char *grid,
           struct error *e)
{
    const struct cfg_committee *c;

    if (grid == NULL || ctx->cfg == NULL)
        return 0;
    c = config_committee(ctx->cfg, committee);
    if (c == NULL || c->ngrids == 0)
        return error_set(e, E_INVAL, "grid",
                         _("this committee has no grids configured; leave "
                           "the grid empty"));
    for (size_t i = 0; i < c->ngrids; i++) {
        if (strcmp(c->grids[i], grid) == 0)
            return 0;
    }
    return error_set(e, E_INVAL, "grid",
                     _("\"%s\" is not one of the committee's grids"), grid);
}

/* Only spaces (ASCII or the ideographic U+3000)? store.c takes "" for no
 * value; a form trims, other callers may not. */
static bool
blank(const char *s)
{
    for (;;) {
        if (*s == ' ' || *s == '\t' || *s == '\n')
            s++;
        else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
            s += 3;
        else
            return *s == '\0';
    }
}

/* Checks shared by a new inspection and a changed one. */
static int
check_fields(struct ctx *ctx, const struct change *ch, enum insp_status st,
             struct error *e)
{
    const struct value *v = ch->vals;
    const char *committee = v[IC_COMMITTEE].s;
    const char *due = str_or_null(&v[IC_DUE]);
    const char *resolved = str_or_null(&v[IC_RESOLVED]);
    int64_t assignee = id_of(&v[IC_ASSIGNEE]);

    if (blank(v[IC_PLACE].s))
        return error_set(e, E_INVAL, "place", _("%s is required"),
                         _(insp_cols[IC_PLACE].label));
    if (blank(v[IC_FOUND].s))
        return error_set(e, E_INVAL, "found", _("%s is required"),
                         _(insp_cols[IC_FOUND].label));
    if (ctx->cfg != NULL &&
        config_item(&ctx->cfg->inspection_categories,
                    v[IC_CATEGORY].s) == NULL)
        return error_set(e, E_INVAL, "category",
                         _("unknown category \"%s\""), v[IC_CATEGORY].s);
    if (check_grid(ctx, committee, str_or_null(&v[IC_GRID]), e) < 0)
        return -1;
    if (due != NULL && strcmp(due, v[IC_DATE].s) < 0)
        return error_set(e, E_INVAL, "due_date",
                         _("the due date cannot be before the date of the "
                           "inspection"));
    if ((st == INSP_RESOLVED) != (resolved != NULL))
        return error_set(e, E_INVAL, "resolved_date",
                         _("a resolved inspection, and only one, has the "
                           "date it was resolved"));
    if (assignee != 0) {
        bool newly = ch->op == CH_INSERT ||
                     id_of(&ch->old[IC_ASSIGNEE]) != assignee;

        if (check_assignee(ctx, assignee, committee, newly, e) < 0)
            return -1;
    }
    return 0;
}

/* Did an update touch what was entered (not the follow-up columns)? */
static bool
entry_changed(const struct change *ch)
{
    static const int entry[] = {
        IC_DATE, IC_TIME, IC_PLACE, IC_GRID, IC_CATEGORY, IC_FOUND,
        IC_SEVERITY,
    };

    for (size_t i = 0; i < ARRAY_LEN(entry); i++) {
        const struct value *a = &ch->old[entry[i]], *b = &ch->vals[entry[i]];

        if (a->null != b->null || a->i != b->i ||
            strcmp(a->s != NULL ? a->s : "", b->s != NULL ? b->s : "") != 0)
            return true;
    }
    return false;
}

static int
inspections_check(struct ctx *ctx, const struct change *ch, struct error *e)
{
    const struct value *v = ch->vals, *old = ch->old;
    enum insp_status st, was;
    enum insp_actor who;

    if (ch->op == CH_DELETE)
        return error_set(e, E_PERM, NULL,
                         _("inspections are not deleted; resolve one "
                           "entered by mistake with a note saying so"));
    if (!inspections_status_parse(v[IC_STATUS].s, &st))
        return error_set(e, E_INVAL, "status", _("unknown status \"%s\""),
                         v[IC_STATUS].s);
    if (ch->op == CH_INSERT) {
        if (st != INSP_OPEN)
            return error_set(e, E_INVAL, "status",
                             _("a new inspection is open"));
        if (ctx->who.staff_id == 0 || id_of(&v[IC_CREATED_BY]) !=
                                      ctx->who.staff_id)
            return error_set(e, E_PERM, "created_by",
                             _("an inspection is entered by the person "
                               "logged in"));
        if (signoff_check_change(ctx, ch, "committee_id", "date", e) < 0)
            return -1;
        return check_fields(ctx, ch, st, e);
    }
    /* What was entered belongs to the month it is dated in; status,
     * assignee and due date are follow-up, dated in their own month, so
     * an open March inspection can still be resolved after March is
     * signed off. */
    if (entry_changed(ch) &&
        signoff_check_change(ctx, ch, "committee_id", "date", e) < 0)
        return -1;
    if (strcmp(old[IC_COMMITTEE].s, v[IC_COMMITTEE].s) != 0)
        return error_set(e, E_INVAL, "committee_id",
                         _("an inspection cannot move to another "
                           "committee"));
    if (id_of(&old[IC_CREATED_BY]) != id_of(&v[IC_CREATED_BY]))
        return error_set(e, E_PERM, "created_by",
                         _("who entered an inspection cannot change"));
    if (!inspections_status_parse(old[IC_STATUS].s, &was))
        was = INSP_OPEN;
    who = actor_for(ctx, old[IC_COMMITTEE].s, id_of(&old[IC_ASSIGNEE]));
    if (st != was) {
        /* Only inspections_move() writes the follow-up row with it. */
        if (ch->action == NULL || strcmp(ch->action, "status") != 0)
            return error_set(e, E_PERM, "status",
                             _("the status changes only with a follow-up "
                               "entry"));
        if (inspections_may_move(was, st, who, e) < 0)
            return -1;
    } else if (who == ACTOR_STAFF &&
               id_of(&old[IC_CREATED_BY]) != ctx->who.staff_id) {
        return error_set(e, E_PERM, NULL,
                         _("only the person who entered it, its follow-up "
                           "person, the director or the street office may "
                           "change this inspection"));
    }
    return check_fields(ctx, ch, st, e);
}

static int
followups_check(struct ctx *ctx, const struct change *ch, struct error *e)
{
    sqlite3_stmt *st;
    const struct value *v = ch->vals;
    bool ok = false;
    int rc;

    if (signoff_check_change(ctx, ch, "committee_id", "date", e) < 0)
        return -1;
    if (ch->op != CH_INSERT)
        return error_set(e, E_PERM, NULL,
                         _("the follow-up history cannot be changed"));
    if (id_of(&v[FU_STAFF]) != ctx->who.staff_id || ctx->who.staff_id == 0)
        return error_set(e, E_PERM, "staff_id",
                         _("a follow-up entry is written by the person "
                           "logged in"));
    /* It records a change just made: the inspection is in its committee
     * and has the status it names. */
    if ((st = db_stmt(ctx->db, sql_insp_state)) == NULL)
        return db_failed(ctx->db, e);
    sqlite3_bind_int64(st, 1, id_of(&v[FU_INSPECTION]));
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        ok = strcmp((const char *)sqlite3_column_text(st, 0),
                    v[FU_COMMITTEE].s) == 0 &&
             strcmp((const char *)sqlite3_column_text(st, 1),
                    v[FU_TO].s) == 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_error(ctx->db, rc, e);
    if (!ok)
        return error_set(e, E_INVAL, "to_status",
                         _("a follow-up entry must match the inspection's "
                           "status"));
    return 0;
}

/* --- writing ------------------------------------------------------------ */

/* store_apply() of `n` changes, each after the one before (an insert's new
 * id is there for the next), then the index, in one transaction. */
static int
apply(struct ctx *ctx, struct change *ch, size_t n,
      void (*between)(struct change *ch, size_t i), struct error *e)
{
    bool outer = sqlite3_get_autocommit(db_sqlite(ctx->db));

    if (outer && db_begin(ctx->db, e) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && between != NULL)
            between(ch, i);
        if (store_apply(ctx, &ch[i], 1, e) < 0)
            goto fail;
    }
    if (inspections_fts_sync(ctx->db, e) < 0)
        goto fail;
    if (outer && db_commit(ctx->db, e) < 0)
        goto fail;
    return 0;
fail:
    if (outer)
        db_rollback(ctx->db);
    for (size_t i = 0; i < n; i++) {
        if (ch[i].op == CH_INSERT)
            ch[i].id = 0;
    }
    return -1;
}

static int
fill_values(struct value *v, const struct inspection_input *in,
            const char *committee, struct error *e)
{
    int severity = inspections_severity_parse(in->severity);

    if (severity == 0)
        return error_set(e, E_INVAL, "severity",
                         _("the severity is low, normal or urgent"));
    v[IC_COMMITTEE].s = committee;
    v[IC_DATE].s = in->date;
    v[IC_TIME].s = in->time;
    v[IC_PLACE].s = in->place;
    v[IC_GRID].s = in->grid;
    v[IC_CATEGORY].s = in->category;
    v[IC_FOUND].s = in->found;
    v[IC_SEVERITY].i = severity;
    v[IC_ASSIGNEE].i = in->assignee_id;
    v[IC_DUE].s = in->due_date;
    return 0;
}

static void
link_followup(struct change *ch, size_t i)
{
    struct value *fu = (struct value *)ch[i].vals;

    fu[FU_INSPECTION].i = ch[0].id;
}

int
inspections_add(struct ctx *ctx, const struct inspection_input *in,
                int64_t *id, struct error *e)
{
    struct value v[IC_NCOLS], fu[FU_NCOLS];
    struct change ch[2] = {
        { &inspections_table, CH_INSERT, 0, 0, v, NULL, NULL },
        { &inspection_followups_table, CH_INSERT, 0, 0, fu, NULL, NULL },
    };
    const char *committee = in->committee != NULL && *in->committee != '\0'
                          ? in->committee : ctx->who.committee;
    char today[11];

    memset(v, 0, sizeof v);
    memset(fu, 0, sizeof fu);
    if (*committee == '\0')
        return error_set(e, E_INVAL, "committee_id",
                         _("choose the committee the inspection belongs "
                           "to"));
    if (fill_values(v, in, committee, e) < 0)
        return -1;
    v[IC_STATUS].s = "open";
    v[IC_CREATED_BY].i = ctx->who.staff_id;
    fu[FU_COMMITTEE].s = committee;
    fu[FU_DATE].s = date_format(date_today(), today);
    fu[FU_STAFF].i = ctx->who.staff_id;
    fu[FU_TO].s = "open";
    if (apply(ctx, ch, 2, link_followup, e) < 0)
        return -1;
    if (id != NULL)
        *id = ch[0].id;
    return 0;
}

int
inspections_update(struct ctx *ctx, int64_t id, int64_t version,
                   const struct inspection_input *in, struct error *e)
{
    struct value *v = NULL;
    int64_t stored;
    struct change ch = { &inspections_table, CH_UPDATE, id, version, NULL,
                         NULL, NULL };
    struct value keep[IC_NCOLS];
    int rc = -1;

    /* The status, its dates and who entered it stay as stored. */
    if (store_load(ctx, &inspections_table, id, &v, &stored, e) < 0)
        return -1;
    memcpy(keep, v, sizeof keep);
    if (in->committee != NULL && *in->committee != '\0' &&
        strcmp(in->committee, v[IC_COMMITTEE].s) != 0) {
        error_set(e, E_INVAL, "committee_id",
                  _("an inspection cannot move to another committee"));
        goto out;
    }
    if (fill_values(keep, in, v[IC_COMMITTEE].s, e) < 0)
        goto out;
    ch.vals = keep;
    rc = apply(ctx, &ch, 1, NULL, e);
out:
    store_values_free(v, IC_NCOLS);
    return rc;
}

int
inspections_move(struct ctx *ctx, int64_t id, int64_t version,
                 enum insp_status to, const char *note, struct error *e)
{
    struct value *v = NULL, fu[FU_NCOLS];
    int64_t stored;
    struct change ch[2] = {
        { &inspections_table, CH_UPDATE, id, version, NULL, NULL, "status" },
        { &inspection_followups_table, CH_INSERT, 0, 0, fu, NULL, NULL },
    };
    enum insp_status from;
    char today[11];
    int rc = -1;

    if (store_load(ctx, &inspections_table, id, &v, &stored, e) < 0)
        return -1;
    if (!inspections_status_parse(v[IC_STATUS].s, &from))
        from = INSP_OPEN;
    /* Refused moves are told before anything else is checked. */
    if (inspections_may_move(from, to,
                             actor_for(ctx, v[IC_COMMITTEE].s,
                                       id_of(&v[IC_ASSIGNEE])), e) < 0)
        goto out;
    if (to == INSP_RESOLVED && (note == NULL || *note == '\0')) {
        error_set(e, E_INVAL, "note",
                  _("say what was done to resolve it"));
        goto out;
    }
    date_format(date_today(), today);
    free((char *)v[IC_STATUS].s);
    v[IC_STATUS].s = xstrdup(inspections_status_name(to));
    free((char *)v[IC_RESOLVED].s);
    v[IC_RESOLVED].s = to == INSP_RESOLVED ? xstrdup(today) : NULL;
    memset(fu, 0, sizeof fu);
    fu[FU_INSPECTION].i = id;
    fu[FU_COMMITTEE].s = v[IC_COMMITTEE].s;
    fu[FU_DATE].s = today;
    fu[FU_STAFF].i = ctx->who.staff_id;
    fu[FU_FROM].s = inspections_status_name(from);
    fu[FU_TO].s = inspections_status_name(to);
    fu[FU_NOTE].s = note;
    ch[0].vals = v;
    rc = apply(ctx, ch, 2, NULL, e);
out:
    store_values_free(v, IC_NCOLS);
    return rc;
}
