/* dbtest.h — small queries the database tests share: a number or a text
 * from the first row of a statement written in the test. */
#ifndef JUWEI_DBTEST_H
#define JUWEI_DBTEST_H

#include <sqlite3.h>
#include <stdio.h>

#include "juwei/db.h"

/* The first column of the first row as an int; -1 when there is none. */
static inline int
dbtest_int(struct db *d, const char *sql)
{
    sqlite3_stmt *st;
    int v = -1;

    sqlite3_prepare_v2(db_sqlite(d), sql, -1, &st, NULL);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The first column of the first row as text in buf; "(null)" when none. */
static inline const char *
dbtest_text(struct db *d, const char *sql, char *buf, size_t size)
{
    sqlite3_stmt *st;

    snprintf(buf, size, "(null)");
    sqlite3_prepare_v2(db_sqlite(d), sql, -1, &st, NULL);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
        snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

#endif
