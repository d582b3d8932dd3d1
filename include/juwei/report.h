/* report.h — the monthly report of a committee or a district. One
 * function, report_monthly(), reads the month from the database into a
 * struct report (tables of figures and the per-day trends); the command
 * line's text, the kiosk's screen and the CSV/XLSX exports all render that
 * same structure, so their numbers cannot disagree.
 *
 * What is counted (the unit tests spell every figure out):
 * - work records and their hours by category, records dated in the month;
 * - staff with no record on working days: active staff and directors, the
 *   month's working days (config calendar) up to yesterday, not before
 *   the account was made or the hire date, not on approved leave;
 * - inspections by category: opened (dated) in the month, resolved in the
 *   month (status resolved, resolved_date in the month) with the median
 *   days from the inspection's date to its resolution, and overdue at the
 *   end of the month (or today, in the current month): due before that
 *   day and not resolved by it;
 * - visits by purpose; for each resident tag, the distinct residents with
 *   that tag visited in the month, of the active residents with it;
 * - leave days by type: approved leave, and leave reported back (销假)
 *   up to the half-day before the return, counted in working half-days
 *   of the month;
 * - training: sessions held in the month, attendances of the scope's
 *   staff, and their hours (the attendee's own hours, else the session's);
 * - the sign-off state of each committee in the scope. */
#ifndef JUWEI_REPORT_H
#define JUWEI_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "juwei/date.h"
#include "juwei/session.h"
#include "juwei/util.h"

/* What a report or an export covers: every committee the session sees,
 * one district, or one committee. */
enum report_scope_kind { RSCOPE_ALL = 0, RSCOPE_DISTRICT = 1,
                         RSCOPE_COMMITTEE = 2 };

struct report_scope {
    enum report_scope_kind kind;
    char id[64];           /* the district or committee; "" for all */
    char name[192];        /* its name, for titles and file names */
    char district[64];     /* a committee's district */
    char district_name[192];
};

/* Checks what was asked (a committee, a district, or neither) against the
 * session: staff and directors get their own committee and nothing else;
 * the street office its district or one committee of it; an
 * administrator anything, and all committees when neither is given.
 * E_INVAL for both at once or an unknown id, E_PERM outside the scope. */
int report_scope_resolve(struct ctx *ctx, const char *committee,
                         const char *district, struct report_scope *out,
                         struct error *e);

/* SQL text narrowing rows to a resolved scope, used beside SCOPE_SQL
 * (which stays the one rule of what the session may see). `col` is the
 * row's committee column. Bind :skind and :sid with report_scope_bind(). */
#define REPORT_FILTER_SQL(col) \
    "(:skind = 0 OR (:skind = 2 AND " col " = :sid) OR (:skind = 1 AND " \
    col " IN (SELECT id FROM committees WHERE district_id = :sid)))"

/* Both at once, as the condition that `col` is one of the committees in
 * the scope: written as IN (list of committees) so that SQLite walks the
 * (committee_id, date) indexes, where OR-ed conditions would scan the
 * whole table. */
#define REPORT_IN_SCOPE_SQL(col) \
    col " IN (SELECT rs_.id FROM committees rs_ WHERE " SCOPE_SQL("rs_.id") \
    " AND " REPORT_FILTER_SQL("rs_.id") ")"

struct sqlite3_stmt;
void report_scope_bind(const struct report_scope *s, struct sqlite3_stmt *st);

/* Strict YYYY-MM into its first and last day. */
bool report_month_parse(const char *s, date_t *first, date_t *last);

enum report_section {
    REPORT_RECORDS,      /* id: category */
    REPORT_MISSING,      /* id: staff id as text */
    REPORT_INSPECTIONS,  /* id: category */
    REPORT_VISITS,       /* id: purpose */
    REPORT_TAGS,         /* id: tag */
    REPORT_LEAVE,        /* id: leave type */
    REPORT_TRAINING,     /* id: training level */
    REPORT_SIGNOFF,      /* id: committee */
    REPORT_NSECTIONS
};

/* What a column shows of a row: its label, one of its texts, or one of
 * its numbers (a count, or a quantity such as hours and days). */
enum report_cell { RC_LABEL, RC_TEXT, RC_COUNT, RC_AMOUNT };

struct report_column {
    const char      *head;    /* N_() */
    enum report_cell type;
    int              index;   /* into text[] or v[] */
};

#define REPORT_NTEXT 4
#define REPORT_NV    4

struct report_row {
    char  *id;                  /* "" for the total row */
    char  *label;               /* a name from the INI, or the id itself */
    char  *text[REPORT_NTEXT];  /* never NULL */
    double v[REPORT_NV];        /* NAN: no figure (a median of nothing) */
    bool   total;
};

struct report_table {
    enum report_section         section;
    const char                 *title;   /* N_() */
    const struct report_column *cols;
    int                         ncols;
    struct report_row          *rows;
    size_t                      nrows;
};

/* Per-day series, one value per day of the month. */
enum report_trend { TREND_RECORDS, TREND_OPENED, TREND_RESOLVED,
                    TREND_VISITS, TREND_COUNT };

struct report {
    char                month[8];        /* YYYY-MM */
    date_t              first, last;
    int                 ndays;
    date_t              asof;            /* last day, or today if sooner */
    int                 workdays;        /* working days of the whole month */
    bool                calendar_covered;
    struct report_scope scope;
    struct report_table tables[REPORT_NSECTIONS];
    long                trend[TREND_COUNT][31];
};

/* Builds the report of `month` (YYYY-MM) for the scope asked (see
 * report_scope_resolve). A month that has not begun is refused. All
 * figures come from one read transaction, so they agree with each other
 * while kiosks write. */
int report_monthly(struct ctx *ctx, const char *month, const char *committee,
                   const char *district, struct report **out,
                   struct error *e);
void report_free(struct report *r);

/* The row of a section with this id ("" for its total row), or NULL. */
const struct report_row *report_row(const struct report *r,
                                    enum report_section s, const char *id);
/* The trend's name, translated. */
const char *report_trend_label(enum report_trend t);

/* The report as lines of at most `width` display columns (80 fits a
 * terminal), trends drawn with block characters ▁▂▃▄▅▆▇█, or with ASCII
 * when `ascii`. Lines are malloc'd and cleaned of control characters. */
char **report_text(const struct report *r, int width, bool ascii, size_t *n);
void report_lines_free(char **lines, size_t n);

/* The report as sheets of an export (CSV tables or XLSX worksheets): a
 * summary, each section with its total row, and the days of the month. */
struct export_sink;
void report_write(const struct report *r, struct export_sink *s);

/* One character per value, scaled to the largest: a space for 0, else
 * ▁…█ (or .:-=+*#@ when ascii). malloc'd. */
char *report_sparkline(const long *v, int n, bool ascii);

/* A number as the report prints it: whole numbers without decimals, else
 * at most two ("2.5", "0.25"); "-" for NAN. Writes into buf. */
char *report_number(double v, char buf[static 32]);

#endif
