/* export.c — what each export kind contains (its columns and its one
 * static query), scope, masking, the audit row, and the export to a
 * stream. export_file.c writes files safely; export_sink.c does the
 * writing of cells. */
#include "juwei/export.h"
#include "juwei/export_run.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "juwei/audit.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/report.h"
#include "juwei/text.h"

#define PROGRESS_EVERY 5000

/* What the session may see, narrowed to the scope asked. */
#define IN_SCOPE(col) REPORT_IN_SCOPE_SQL(col)
#define DATED(col) \
    " AND (:from = '' OR " col " >= :from) AND (:to = '' OR " col " <= :to)"

/* How a selected value becomes a cell. */
enum xtype {
    X_TEXT, X_INT, X_REAL, X_DATE, X_STAMP,
    X_DAYS,       /* working half-days, shown as days */
    X_LIST,       /* a pick-list id, shown by its INI name */
    X_TAGS,       /* comma-separated tag ids, shown as names */
    X_ENUM,       /* a stable English id, shown translated */
    X_MASKED,     /* a resident's phone or ID number */
    X_FOLLOWUPS,  /* an inspection id: its follow-ups, one per line */
};

enum xlist { XL_RECORD, XL_INSPECTION, XL_PURPOSE, XL_TAG, XL_LEAVE,
             XL_LEVEL };

struct xcol {
    struct export_col c;
    enum xtype        type;
    int               arg;     /* enum xlist, or an index of enums[] */
};

/* Stable ids the schema stores, as people read them. */
struct xenum {
    const char *id;
    const char *label;         /* N_() */
};

static const struct xenum en_insp_status[] = {
    { "open", N_("open") }, { "in_progress", N_("in progress") },
    { "resolved", N_("resolved") }, { "escalated", N_("escalated") },
    { NULL, NULL },
};
static const struct xenum en_leave_status[] = {
    { "pending", N_("pending") }, { "approved", N_("approved") },
    { "withdrawn", N_("withdrawn") },
    { "rejected", N_("rejected") }, { "cancelled", N_("cancelled") },
    { "returned", N_("returned") }, { NULL, NULL },
};
static const struct xenum en_half[] = {
    { "0", N_("morning") }, { "1", N_("afternoon") }, { NULL, NULL },
};
static const struct xenum en_gender[] = {
    { "M", N_("male") }, { "F", N_("female") }, { NULL, NULL },
};
static const struct xenum en_grade[] = {
    { "excellent", N_("excellent") }, { "competent", N_("competent") },
    { "incompetent", N_("incompetent") }, { NULL, NULL },
};
static const struct xenum en_severity[] = {
    { "1", N_("minor") }, { "2", N_("serious") }, { "3", N_("urgent") },
    { NULL, NULL },
};
static const struct xenum en_yesno[] = {
    { "0", N_("no") }, { "1", N_("yes") }, { NULL, NULL },
};
static const struct xenum en_round[] = {
    { "open", N_("open for scoring") }, { "published", N_("published") },
    { NULL, NULL },
};

enum { EN_INSP_STATUS, EN_LEAVE_STATUS, EN_HALF, EN_GENDER, EN_GRADE,
       EN_SEVERITY, EN_YESNO, EN_ROUND };

static const struct xenum *const enums[] = {
    [EN_INSP_STATUS] = en_insp_status, [EN_LEAVE_STATUS] = en_leave_status,
    [EN_HALF] = en_half, [EN_GENDER] = en_gender, [EN_GRADE] = en_grade,
    [EN_SEVERITY] = en_severity, [EN_YESNO] = en_yesno,
    [EN_ROUND] = en_round,
};

/* --- the kinds ---------------------------------------------------------- */

/* A big table's rows of one committee are scattered over the whole file;
 * taking them committee by committee through an index reads one page per
 * row. Exporting many committees, it is faster to read the table once, in
 * order, and sort (SQLite's sorter spills to a temporary file, so memory
 * stays flat): 1M records 3.2 s → 2.3 s. WIDE is that variant. */
#define WIDE " NOT INDEXED"
#define SQL_RECORDS(hint) \
    "SELECT r.date, c.name, s.name, r.category, r.title, r.details," \
    " r.hours, r.id FROM records r" hint \
    " JOIN committees c ON c.id = r.committee_id" \
    " JOIN staff s ON s.id = r.staff_id" \
    " WHERE " IN_SCOPE("r.committee_id") DATED("r.date") \
    " ORDER BY r.committee_id, r.date, r.id"
static const char sql_records[] = SQL_RECORDS("");
static const char sql_records_wide[] = SQL_RECORDS(WIDE);
static const struct xcol cols_records[] = {
    { { N_("Date"), 11 }, X_DATE, 0 },
    { { N_("Committee"), 20 }, X_TEXT, 0 },
    { { N_("Staff"), 10 }, X_TEXT, 0 },
    { { N_("Category"), 12 }, X_LIST, XL_RECORD },
    { { N_("Title"), 30 }, X_TEXT, 0 },
    { { N_("Details"), 50 }, X_TEXT, 0 },
    { { N_("Hours"), 8 }, X_REAL, 0 },
    { { N_("No."), 8 }, X_INT, 0 },
};

static const char sql_inspections[] =
    "SELECT i.date, i.time, c.name, i.grid, i.place, i.category, i.found,"
    " i.severity, i.status, a.name, i.due_date, i.resolved_date, cb.name,"
    " i.id, i.id FROM inspections i"
    " JOIN committees c ON c.id = i.committee_id"
    " LEFT JOIN staff a ON a.id = i.assignee_id"
    " LEFT JOIN staff cb ON cb.id = i.created_by"
    " WHERE " IN_SCOPE("i.committee_id") DATED("i.date")
    " ORDER BY i.committee_id, i.date, i.id";
static const char sql_followups[] =
    "SELECT f.date, coalesce(f.from_status, ''), coalesce(f.to_status, ''),"
    " s.name, coalesce(f.note, '') FROM inspection_followups f"
    " JOIN staff s ON s.id = f.staff_id"
    " WHERE f.inspection_id = ?1 ORDER BY f.date, f.id";
static const struct xcol cols_inspections[] = {
    { { N_("Date"), 11 }, X_DATE, 0 },
    { { N_("Time"), 6 }, X_TEXT, 0 },
    { { N_("Committee"), 20 }, X_TEXT, 0 },
    { { N_("Grid"), 10 }, X_TEXT, 0 },
    { { N_("Place"), 24 }, X_TEXT, 0 },
    { { N_("Category"), 14 }, X_LIST, XL_INSPECTION },
    { { N_("Found"), 40 }, X_TEXT, 0 },
    { { N_("Severity"), 8 }, X_ENUM, EN_SEVERITY },
    { { N_("Status"), 10 }, X_ENUM, EN_INSP_STATUS },
    { { N_("Follow-up by"), 10 }, X_TEXT, 0 },
    { { N_("Due"), 11 }, X_DATE, 0 },
    { { N_("Resolved on"), 11 }, X_DATE, 0 },
    { { N_("Entered by"), 10 }, X_TEXT, 0 },
    { { N_("No."), 8 }, X_INT, 0 },
    { { N_("Follow-ups"), 60 }, X_FOLLOWUPS, 0 },
};

/* Only residents on the register (active); tags in id order. */
static const char sql_residents[] =
    "SELECT c.id, c.name, r.name, r.gender, r.birth_year, r.building,"
    " r.unit, r.room, r.phone, r.id_number,"
    " (SELECT group_concat(tag, ',') FROM (SELECT tag FROM resident_tags t"
    "  WHERE t.resident_id = r.id ORDER BY t.tag)),"
    " r.notes, r.id FROM residents r"
    " JOIN committees c ON c.id = r.committee_id"
    " WHERE r.active = 1 AND " IN_SCOPE("r.committee_id")
    " ORDER BY r.committee_id, r.building, r.unit, r.room, r.name, r.id";
static const struct xcol cols_residents[] = {
    { { N_("Committee ID"), 12 }, X_TEXT, 0 },
    { { N_("Committee"), 20 }, X_TEXT, 0 },
    { { N_("Name"), 10 }, X_TEXT, 0 },
    { { N_("Gender"), 6 }, X_ENUM, EN_GENDER },
    { { N_("Birth year"), 8 }, X_INT, 0 },
    { { N_("Building"), 8 }, X_TEXT, 0 },
    { { N_("Unit"), 6 }, X_TEXT, 0 },
    { { N_("Room"), 6 }, X_TEXT, 0 },
    { { N_("Phone"), 14 }, X_MASKED, 0 },
    { { N_("ID number"), 20 }, X_MASKED, 0 },
    { { N_("Tags"), 20 }, X_TAGS, XL_TAG },
    { { N_("Notes"), 40 }, X_TEXT, 0 },
    { { N_("No."), 8 }, X_INT, 0 },
};

#define SQL_VISITS(hint) \
    "SELECT v.date, c.name, s.name, r.name, r.building, r.unit, r.room," \
    " v.purpose, v.discussed, v.outcome, v.followup_needed," \
    " v.followup_date, v.followup_done, v.id FROM visits v" hint \
    " JOIN committees c ON c.id = v.committee_id" \
    " JOIN staff s ON s.id = v.staff_id" \
    " JOIN residents r ON r.id = v.resident_id" \
    " WHERE " IN_SCOPE("v.committee_id") DATED("v.date") \
    " ORDER BY v.committee_id, v.date, v.id"
static const char sql_visits[] = SQL_VISITS("");
static const char sql_visits_wide[] = SQL_VISITS(WIDE);
static const struct xcol cols_visits[] = {
    { { N_("Date"), 11 }, X_DATE, 0 },
    { { N_("Committee"), 20 }, X_TEXT, 0 },
    { { N_("Staff"), 10 }, X_TEXT, 0 },
    { { N_("Resident"), 10 }, X_TEXT, 0 },
    { { N_("Building"), 8 }, X_TEXT, 0 },
    { { N_("Unit"), 6 }, X_TEXT, 0 },
    { { N_("Room"), 6 }, X_TEXT, 0 },
    { { N_("Purpose"), 12 }, X_LIST, XL_PURPOSE },
    { { N_("Discussed"), 40 }, X_TEXT, 0 },
    { { N_("Outcome"), 30 }, X_TEXT, 0 },
    { { N_("Follow-up needed"), 8 }, X_ENUM, EN_YESNO },
    { { N_("Follow-up date"), 11 }, X_DATE, 0 },
    { { N_("Follow-up done"), 8 }, X_ENUM, EN_YESNO },
    { { N_("No."), 8 }, X_INT, 0 },
};

/* Leave overlapping the dates asked. */
static const char sql_leave[] =
    "SELECT c.name, s.name, l.type, l.from_date, l.from_half, l.to_date,"
    " l.to_half, l.halves, l.reason, cv.name, l.status, ap.name, l.comment,"
    " l.returned_date, l.returned_half, l.id FROM leave l"
    " JOIN committees c ON c.id = l.committee_id"
    " JOIN staff s ON s.id = l.staff_id"
    " LEFT JOIN staff cv ON cv.id = l.cover_id"
    " LEFT JOIN staff ap ON ap.id = l.approver_id"
    " WHERE " IN_SCOPE("l.committee_id")
    " AND (:from = '' OR l.to_date >= :from)"
    " AND (:to = '' OR l.from_date <= :to)"
    " ORDER BY l.committee_id, l.from_date, l.id";
static const struct xcol cols_leave[] = {
    { { N_("Committee"), 20 }, X_TEXT, 0 },
    { { N_("Staff"), 10 }, X_TEXT, 0 },
    { { N_("Leave type"), 10 }, X_LIST, XL_LEAVE },
    { { N_("From"), 11 }, X_DATE, 0 },
    { { N_("From half"), 8 }, X_ENUM, EN_HALF },
    { { N_("To"), 11 }, X_DATE, 0 },
    { { N_("To half"), 8 }, X_ENUM, EN_HALF },
    { { N_("Days"), 6 }, X_DAYS, 0 },
    { { N_("Reason"), 30 }, X_TEXT, 0 },
    { { N_("Covered by"), 10 }, X_TEXT, 0 },
    { { N_("Status"), 8 }, X_ENUM, EN_LEAVE_STATUS },
    { { N_("Approver"), 10 }, X_TEXT, 0 },
    { { N_("Comment"), 30 }, X_TEXT, 0 },
    { { N_("Returned on"), 11 }, X_DATE, 0 },
    { { N_("Returned half"), 8 }, X_ENUM, EN_HALF },
    { { N_("No."), 8 }, X_INT, 0 },
};

/* One row per attendance (a session without attendees: one row). A
 * committee sees its own staff's attendances and its own sessions; the
 * street office its district's. */
#define TRAINING_SCOPE \
    "(:role = 3 OR (:role = 2 AND t.district_id = :district)" \
    " OR coalesce(a.committee_id, t.committee_id) = :committee)" \
    " AND (:skind = 0 OR (:skind = 1 AND t.district_id = :sid)" \
    " OR (:skind = 2 AND coalesce(a.committee_id, t.committee_id) = :sid))"
static const char sql_training[] =
    "SELECT t.date, d.name, tc.name, t.level, t.title, t.organiser,"
    " t.hours, s.name, ac.name, coalesce(a.hours, t.hours), t.id"
    " FROM training t JOIN districts d ON d.id = t.district_id"
    " LEFT JOIN committees tc ON tc.id = t.committee_id"
    " LEFT JOIN training_attendees a ON a.training_id = t.id"
    " LEFT JOIN staff s ON s.id = a.staff_id"
    " LEFT JOIN committees ac ON ac.id = a.committee_id"
    " WHERE " TRAINING_SCOPE DATED("t.date")
    " ORDER BY t.date, t.id, s.name";
static const struct xcol cols_training[] = {
    { { N_("Date"), 11 }, X_DATE, 0 },
    { { N_("District"), 16 }, X_TEXT, 0 },
    { { N_("Held by"), 20 }, X_TEXT, 0 },
    { { N_("Level"), 8 }, X_LIST, XL_LEVEL },
    { { N_("Title"), 30 }, X_TEXT, 0 },
    { { N_("Organiser"), 16 }, X_TEXT, 0 },
    { { N_("Session hours"), 8 }, X_REAL, 0 },
    { { N_("Attendee"), 10 }, X_TEXT, 0 },
    { { N_("Attendee's committee"), 20 }, X_TEXT, 0 },
    { { N_("Hours"), 8 }, X_REAL, 0 },
    { { N_("No."), 8 }, X_INT, 0 },
};

/* By year: the dates asked select the years of the rounds. */
static const char sql_assessment[] =
    "SELECT r.year, d.name, c.name, s.name, sub.score, sub.grade, sub.rank,"
    " b.excellent, b.competent, b.incompetent, r.status, sub.id"
    " FROM assessment_subjects sub"
    " JOIN assessment_rounds r ON r.id = sub.round_id"
    " JOIN districts d ON d.id = r.district_id"
    " JOIN committees c ON c.id = sub.committee_id"
    " JOIN staff s ON s.id = sub.staff_id"
    " LEFT JOIN assessment_ballots b ON b.subject_id = sub.id"
    " WHERE " IN_SCOPE("sub.committee_id")
    " AND (:from = '' OR r.year >= CAST(substr(:from, 1, 4) AS INTEGER))"
    " AND (:to = '' OR r.year <= CAST(substr(:to, 1, 4) AS INTEGER))"
    " ORDER BY r.year, r.district_id, sub.rank IS NULL, sub.rank, c.id,"
    " s.name";
static const struct xcol cols_assessment[] = {
    { { N_("Year"), 6 }, X_INT, 0 },
    { { N_("District"), 16 }, X_TEXT, 0 },
    { { N_("Committee"), 20 }, X_TEXT, 0 },
    { { N_("Staff"), 10 }, X_TEXT, 0 },
    { { N_("Score"), 8 }, X_REAL, 0 },
    { { N_("Grade"), 8 }, X_ENUM, EN_GRADE },
    { { N_("Rank"), 6 }, X_INT, 0 },
    { { N_("Votes excellent"), 8 }, X_INT, 0 },
    { { N_("Votes competent"), 8 }, X_INT, 0 },
    { { N_("Votes incompetent"), 8 }, X_INT, 0 },
    { { N_("Round"), 8 }, X_ENUM, EN_ROUND },
    { { N_("No."), 8 }, X_INT, 0 },
};

/* Audit rows belong to a committee through the committee_id in their
 * JSON; rows without one (logins, config sync) only an admin sees. */
#define AUDIT_COMMITTEE \
    "json_extract(coalesce(a.after, a.before), '$.committee_id')"
static const char sql_audit[] =
    "SELECT a.at, a.actor_login, a.action, a.tbl, a.row_id, a.before,"
    " a.after, a.id FROM audit a"
    " WHERE (:role = 3 OR (:role = 2 AND " AUDIT_COMMITTEE " IN"
    "  (SELECT id FROM committees WHERE district_id = :district)))"
    " AND (:skind = 0 OR (:skind = 2 AND " AUDIT_COMMITTEE " = :sid)"
    "  OR (:skind = 1 AND " AUDIT_COMMITTEE " IN"
    "  (SELECT id FROM committees WHERE district_id = :sid)))"
    " AND a.at >= :from_at AND a.at < :to_at ORDER BY a.id";
static const struct xcol cols_audit[] = {
    { { N_("When"), 20 }, X_STAMP, 0 },
    { { N_("Who"), 14 }, X_TEXT, 0 },
    { { N_("Action"), 10 }, X_TEXT, 0 },
    { { N_("Table"), 12 }, X_TEXT, 0 },
    { { N_("Row"), 8 }, X_INT, 0 },
    { { N_("Before"), 50 }, X_TEXT, 0 },
    { { N_("After"), 50 }, X_TEXT, 0 },
    { { N_("No."), 8 }, X_INT, 0 },
};

static const struct xkind {
    const char        *name;
    const char        *label;   /* N_(): also the sheet's name */
    const char        *sql;
    const struct xcol *cols;
    int                ncols;
    bool               dated;   /* --from/--to apply */
    const char        *sql_wide; /* for many committees, all dates */
} kinds[EXPORT_NKINDS] = {
    [EXPORT_RECORDS] = { "records", N_("Work records"), sql_records,
                         cols_records, (int)ARRAY_LEN(cols_records), true,
                         sql_records_wide },
    [EXPORT_INSPECTIONS] = { "inspections", N_("Inspections"),
                             sql_inspections, cols_inspections,
                             (int)ARRAY_LEN(cols_inspections), true, NULL },
    [EXPORT_RESIDENTS] = { "residents", N_("Residents"), sql_residents,
                           cols_residents, (int)ARRAY_LEN(cols_residents),
                           false, NULL },
    [EXPORT_VISITS] = { "visits", N_("Visits"), sql_visits, cols_visits,
                        (int)ARRAY_LEN(cols_visits), true, sql_visits_wide },
    [EXPORT_LEAVE] = { "leave", N_("Leave"), sql_leave, cols_leave,
                       (int)ARRAY_LEN(cols_leave), true, NULL },
    [EXPORT_TRAINING] = { "training", N_("Training"), sql_training,
                          cols_training, (int)ARRAY_LEN(cols_training),
                          true, NULL },
    [EXPORT_ASSESSMENT] = { "assessment", N_("Assessment"), sql_assessment,
                            cols_assessment,
                            (int)ARRAY_LEN(cols_assessment), true, NULL },
    [EXPORT_AUDIT] = { "audit", N_("Audit log"), sql_audit, cols_audit,
                       (int)ARRAY_LEN(cols_audit), true, NULL },
    [EXPORT_REPORT] = { "report", N_("Monthly report"), NULL, NULL, 0,
                        false, NULL },
};

void
export_opts_init(struct export_opts *o, enum export_kind kind)
{
    memset(o, 0, sizeof *o);
    o->kind = kind;
    o->format = EXPORT_CSV;
    o->from = DATE_NONE;
    o->to = DATE_NONE;
}

bool
export_kind_parse(const char *s, enum export_kind *out)
{
    for (int k = 0; k < EXPORT_NKINDS; k++) {
        if (s != NULL && strcmp(s, kinds[k].name) == 0) {
            *out = (enum export_kind)k;
            return true;
        }
    }
    return false;
}

const char *
export_kind_name(enum export_kind k)
{
    return (unsigned)k < EXPORT_NKINDS ? kinds[k].name : "?";
}

const char *
export_kind_label(enum export_kind k)
{
    return (unsigned)k < EXPORT_NKINDS ? _(kinds[k].label) : "?";
}

bool
export_format_parse(const char *s, enum export_format *out)
{
    if (s != NULL && strcmp(s, "csv") == 0)
        *out = EXPORT_CSV;
    else if (s != NULL && strcmp(s, "xlsx") == 0)
        *out = EXPORT_XLSX;
    else
        return false;
    return true;
}

bool
export_allowed(const struct ctx *ctx, enum export_kind k)
{
    bool office = ctx->who.role == ROLE_STREET || ctx->who.role == ROLE_ADMIN;

    return (k != EXPORT_ASSESSMENT && k != EXPORT_AUDIT) || office;
}

/* --- cells ---------------------------------------------------------------- */

char *
export_mask(const char *s)
{
    size_t n = s != NULL ? strlen(s) : 0, keep_head, keep_tail;
    char *out;

    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] >= 0x80)
            return xstrdup("****");   /* not a number: hide it whole */
    }
    if (n >= 15) {           /* an ID number: 1101**********1234 */
        keep_head = 4;
        keep_tail = 4;
    } else if (n >= 8) {     /* a mobile number: 138****5678 */
        keep_head = 3;
        keep_tail = 4;
    } else {
        keep_head = 0;
        keep_tail = n > 2 ? 2 : 0;
    }
    out = xstrdup(n > 0 ? s : "");
    for (size_t i = keep_head; i + keep_tail < n; i++)
        out[i] = '*';
    return out;
}

static const struct cfg_list *
xlist(const struct config *cfg, int which)
{
    switch ((enum xlist)which) {
    case XL_RECORD:     return &cfg->record_categories;
    case XL_INSPECTION: return &cfg->inspection_categories;
    case XL_PURPOSE:    return &cfg->visit_purposes;
    case XL_TAG:        return &cfg->resident_tags;
    case XL_LEVEL:      return &cfg->training_levels;
    case XL_LEAVE:      break;
    }
    return NULL;
}

static const char *
list_name(const struct config *cfg, int which, const char *id)
{
    const struct cfg_list *l;
    const struct cfg_item *it;
    const struct cfg_leave_type *lt;

    if (cfg == NULL)
        return id;
    if (which == XL_LEAVE) {
        lt = config_leave_type(cfg, id);
        return lt != NULL ? lt->name : id;
    }
    l = xlist(cfg, which);
    it = l != NULL ? config_item(l, id) : NULL;
    return it != NULL ? it->name : id;
}

static const char *
enum_label(int which, const char *id)
{
    for (const struct xenum *e = enums[which]; e->id != NULL; e++) {
        if (strcmp(e->id, id) == 0)
            return _(e->label);
    }
    return id;
}

struct run {
    struct ctx               *ctx;
    const struct export_opts *o;
    struct export_sink       *sink;
    bool                      masked;
    struct error             *e;
};

static char *
tag_names(const struct config *cfg, const char *ids)
{
    char *copy = xstrdup(ids), *save = NULL, *out = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&out, &len);
    int n = 0;

    if (fp == NULL)
        fatal("out of memory");
    for (char *t = strtok_r(copy, ",", &save); t != NULL;
         t = strtok_r(NULL, ",", &save))
        fprintf(fp, "%s%s", n++ > 0 ? "\u3001" : "",
                list_name(cfg, XL_TAG, t));
    if (fclose(fp) != 0 || out == NULL)
        fatal("out of memory");
    free(copy);
    return out;
}

/* An inspection's follow-ups, one line each: date, status change, who,
 * note. */
static int
followups(struct run *r, int64_t id)
{
    sqlite3_stmt *st = db_stmt(r->ctx->db, sql_followups);
    char *out = NULL;
    size_t len = 0;
    FILE *fp;
    int rc, n = 0;

    if (st == NULL)
        return db_error(r->ctx->db,
                        sqlite3_extended_errcode(db_sqlite(r->ctx->db)),
                        r->e);
    if ((fp = open_memstream(&out, &len)) == NULL)
        fatal("out of memory");
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *from = (const char *)sqlite3_column_text(st, 1);
        const char *to = (const char *)sqlite3_column_text(st, 2);
        const char *note = (const char *)sqlite3_column_text(st, 4);

        fprintf(fp, "%s%s ", n++ > 0 ? "\n" : "",
                (const char *)sqlite3_column_text(st, 0));
        if (*from != '\0' || *to != '\0')
            fprintf(fp, "%s\u2192%s ",
                    *from != '\0' ? enum_label(EN_INSP_STATUS, from) : "",
                    *to != '\0' ? enum_label(EN_INSP_STATUS, to) : "");
        fputs((const char *)sqlite3_column_text(st, 3), fp);
        if (*note != '\0')
            fprintf(fp, _(": %s"), note);
    }
    sqlite3_reset(st);
    if (fclose(fp) != 0 || out == NULL)
        fatal("out of memory");
    if (rc != SQLITE_DONE) {
        free(out);
        return db_error(r->ctx->db, rc, r->e);
    }
    export_sink_text(r->sink, out);
    free(out);
    return 0;
}

static int
put_cell(struct run *r, const struct xcol *c, sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    char *tmp;

    if (sqlite3_column_type(st, i) == SQLITE_NULL) {
        export_sink_empty(r->sink);
        return 0;
    }
    switch (c->type) {
    case X_INT:
        export_sink_number(r->sink, (double)sqlite3_column_int64(st, i));
        break;
    case X_REAL:
        export_sink_number(r->sink, sqlite3_column_double(st, i));
        break;
    case X_DAYS:
        export_sink_number(r->sink, sqlite3_column_int64(st, i) / 2.0);
        break;
    case X_DATE:
        export_sink_date(r->sink, s);
        break;
    case X_STAMP:
        export_sink_stamp(r->sink, sqlite3_column_int64(st, i));
        break;
    case X_LIST:
        export_sink_text(r->sink, list_name(r->ctx->cfg, c->arg, s));
        break;
    case X_TAGS:
        tmp = tag_names(r->ctx->cfg, s);
        export_sink_text(r->sink, tmp);
        free(tmp);
        break;
    case X_ENUM:
        export_sink_text(r->sink, enum_label(c->arg, s));
        break;
    case X_MASKED:
        if (!r->masked) {
            export_sink_text(r->sink, s);
            break;
        }
        tmp = export_mask(s);
        export_sink_text(r->sink, tmp);
        free(tmp);
        break;
    case X_FOLLOWUPS:
        return followups(r, sqlite3_column_int64(st, i));
    case X_TEXT:
        export_sink_text(r->sink, s);
        break;
    }
    return 0;
}

/* --- running a kind ----------------------------------------------------------- */

/* Seconds since the epoch of local midnight starting `d`. */
static int64_t
midnight(date_t d)
{
    struct tm tm = { .tm_isdst = -1 };
    int y, m, day;

    date_to_ymd(d, &y, &m, &day);
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = day;
    return (int64_t)mktime(&tm);
}

static int
run_kind(struct run *r, const struct report_scope *scope)
{
    const struct xkind *k = &kinds[r->o->kind];
    struct export_col cols[16];
    bool wide = k->sql_wide != NULL && scope->kind != RSCOPE_COMMITTEE &&
                r->ctx->who.role >= ROLE_STREET && r->o->from == DATE_NONE &&
                r->o->to == DATE_NONE;
    sqlite3_stmt *st = db_stmt(r->ctx->db, wide ? k->sql_wide : k->sql);
    char from[11] = "", to[11] = "";
    int rc;

    if (st == NULL)
        return db_error(r->ctx->db,
                        sqlite3_extended_errcode(db_sqlite(r->ctx->db)),
                        r->e);
    for (int c = 0; c < k->ncols; c++)
        cols[c] = k->cols[c].c;
    if (r->o->from != DATE_NONE)
        date_format(r->o->from, from);
    if (r->o->to != DATE_NONE)
        date_format(r->o->to, to);
    session_bind_scope(&r->ctx->who, st);
    report_scope_bind(scope, st);
    db_bind_text(st, ":from", from);
    db_bind_text(st, ":to", to);
    db_bind_int(st, ":from_at",
                r->o->from != DATE_NONE ? midnight(r->o->from) : INT64_MIN);
    db_bind_int(st, ":to_at",
                r->o->to != DATE_NONE ? midnight(r->o->to + 1) : INT64_MAX);
    export_sink_sheet(r->sink, _(k->label), cols, k->ncols, false);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < k->ncols; c++) {
            if (put_cell(r, &k->cols[c], st, c) < 0) {
                sqlite3_reset(st);
                return -1;
            }
        }
        export_sink_end_row(r->sink);
        if (r->o->progress != NULL &&
            export_sink_rows(r->sink) % PROGRESS_EVERY == 0)
            r->o->progress(r->o->progress_arg, export_sink_rows(r->sink));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(r->ctx->db, rc, r->e);
    return 0;
}

/* The monthly report, as report_render.c lays it out. */
static int
run_report(struct run *r)
{
    struct report *rep;

    if (report_monthly(r->ctx, r->o->month, r->o->committee, r->o->district,
                       &rep, r->e) < 0)
        return -1;
    report_write(rep, r->sink);
    report_free(rep);
    return 0;
}

static const char sql_begin[] = "BEGIN";
static const char sql_commit[] = "COMMIT";
static const char sql_audit_json[] =
    "SELECT json_object('kind', ?1, 'format', ?2, 'rows', ?3,"
    " 'full', json(CASE ?4 WHEN 1 THEN 'true' ELSE 'false' END),"
    " 'committee', ?5, 'district', ?6, 'from', ?7, 'to', ?8, 'month', ?9,"
    " 'file', ?10)";

/* What was exported, by whom (the audit row's actor), into which file. */
int
export_audit(struct ctx *ctx, const struct export_opts *o, long rows,
             const char *file, struct error *e)
{
    sqlite3_stmt *st = db_stmt(ctx->db, sql_audit_json);
    char from[11], to[11];
    char *json = NULL;
    int rc;

    if (st == NULL)
        return db_error(ctx->db, sqlite3_extended_errcode(db_sqlite(ctx->db)),
                        e);
    sqlite3_bind_text(st, 1, export_kind_name(o->kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, o->format == EXPORT_XLSX ? "xlsx" : "csv", -1,
                      SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, rows);
    sqlite3_bind_int(st, 4, o->full);
    sqlite3_bind_text(st, 5, o->committee, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, o->district, -1, SQLITE_STATIC);
    if (o->from != DATE_NONE)
        sqlite3_bind_text(st, 7, date_format(o->from, from), -1,
                          SQLITE_STATIC);
    if (o->to != DATE_NONE)
        sqlite3_bind_text(st, 8, date_format(o->to, to), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, o->month, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, file, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        json = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    if (json == NULL)
        return db_error(ctx->db, rc, e);
    rc = db_begin(ctx->db, e);
    if (rc == 0)
        rc = audit_append(ctx->db, &ctx->who, "export", NULL, 0, NULL, json,
                          e);
    if (rc == 0)
        rc = db_commit(ctx->db, e);
    else
        db_rollback(ctx->db);
    free(json);
    return rc;
}

/* Everything that can be refused before a byte is written. The report
 * resolves its own scope when it is built. */
int
export_check(struct ctx *ctx, const struct export_opts *o,
           struct report_scope *scope, struct error *e)
{
    if ((unsigned)o->kind >= EXPORT_NKINDS)
        return error_set(e, E_INVAL, NULL, _("unknown export"));
    if (ctx->cfg == NULL)
        return error_set(e, E_INVAL, NULL, _("no configuration loaded"));
    if (!export_allowed(ctx, o->kind))
        return error_set(e, E_PERM, NULL,
                         _("this account may not export %s"),
                         export_kind_label(o->kind));
    if (o->full && ctx->who.role != ROLE_STREET &&
        ctx->who.role != ROLE_ADMIN)
        return error_set(e, E_PERM, "full",
                         _("only the street office or an administrator may "
                           "export full resident details"));
    if (!kinds[o->kind].dated && (o->from != DATE_NONE || o->to != DATE_NONE))
        return error_set(e, E_INVAL, "from",
                         _("dates do not apply to the %s export"),
                         export_kind_name(o->kind));
    if (o->from != DATE_NONE && o->to != DATE_NONE && o->to < o->from)
        return error_set(e, E_INVAL, "to",
                         _("the end date is before the start date"));
    if (o->kind == EXPORT_REPORT) {
        date_t first, last;

        if (o->month == NULL)
            return error_set(e, E_INVAL, "month",
                             _("the monthly report needs a month "
                               "(YYYY-MM)"));
        if (!report_month_parse(o->month, &first, &last))
            return error_set(e, E_INVAL, "month",
                             _("\"%s\" is not a month; write it as "
                               "YYYY-MM"), o->month);
    }
    return report_scope_resolve(ctx, o->committee, o->district, scope, e);
}

/* Writes every row into the sink inside one read transaction. */
int
export_run(struct ctx *ctx, const struct export_opts *o,
           const struct report_scope *scope, struct export_sink *sink,
           struct error *e)
{
    struct run r = { .ctx = ctx, .o = o, .sink = sink, .e = e,
                     .masked = !o->full };
    bool own_txn = sqlite3_get_autocommit(db_sqlite(ctx->db)) != 0;
    int rc;

    if (own_txn && db_run(ctx->db, sql_begin, e) < 0)
        return -1;
    rc = o->kind == EXPORT_REPORT ? run_report(&r) : run_kind(&r, scope);
    if (own_txn)
        db_run(ctx->db, sql_commit, NULL);
    return rc;
}

int
export_stream(struct ctx *ctx, const struct export_opts *o, FILE *fp,
              long *rows, struct error *e)
{
    struct report_scope scope;
    struct export_sink *sink;
    int rc;

    *rows = 0;
    if (o->format != EXPORT_CSV)
        return error_set(e, E_INVAL, "format",
                         _("an XLSX export needs a file: give -o FILE"));
    if (export_check(ctx, o, &scope, e) < 0)
        return -1;
    sink = export_sink_csv(fp, o->clean);
    rc = export_run(ctx, o, &scope, sink, e);
    *rows = export_sink_rows(sink);
    if (export_sink_close(sink, _("standard output"),
                          rc < 0 ? NULL : e) < 0)
        rc = -1;
    if (rc == 0)
        rc = export_audit(ctx, o, *rows, "-", e);
    return rc;
}
