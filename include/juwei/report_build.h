/* report_build.h — what the monthly report's section builders share
 * (report.c, report_people.c): the month being built, and the helpers
 * that run a query with the scope bound and read it into a table. Inside
 * the report module only. */
#ifndef JUWEI_REPORT_BUILD_H
#define JUWEI_REPORT_BUILD_H

#include <sqlite3.h>

#include "juwei/config.h"
#include "juwei/report.h"
#include "juwei/session.h"

struct report_build {
    struct ctx    *ctx;
    struct report *r;
    char           first[11], last[11], asof[11];
    struct error  *e;
};

/* A cached statement with the session, the scope and the month bound
 * (:first, :last, :asof, :month); NULL with *b->e set. */
sqlite3_stmt *report_query(struct report_build *b, const char *sql);
/* Resets st after stepping ended with rc; SQLITE_DONE is success. */
int report_finish(struct report_build *b, sqlite3_stmt *st, int rc);

struct report_row *report_add_row(struct report_table *t, const char *id,
                                  const char *label);
/* The row for a pick-list id, made on first use. */
struct report_row *report_row_for(struct report_table *t, const char *id);
/* Puts pick-list rows in the INI's order and names them from it. */
void report_order_rows(const struct config *cfg, struct report_table *t);
struct report_row *report_add_total(struct report_table *t);
/* Sums of the columns `cols` (indexes into v) over the rows so far. */
void report_sum_into(struct report_table *t, struct report_row *total,
                     const int *cols, int n);

/* report_people.c: staff with no record on working days, leave by type. */
int report_build_missing(struct report_build *b);
int report_build_leave(struct report_build *b);

#endif
