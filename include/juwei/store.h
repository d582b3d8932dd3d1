/* store.h — the one write path. Every insert, update and delete of a
 * record goes through store_apply(): BEGIN IMMEDIATE, check the acting
 * account's scope and the table's own rules, validate every value, write,
 * append the audit row (before and after as JSON), COMMIT. A record module
 * describes its table once (struct table) and calls store_apply(). */
#ifndef JUWEI_STORE_H
#define JUWEI_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "juwei/session.h"
#include "juwei/util.h"

enum col_type {
    COL_TEXT,      /* one line: no control characters */
    COL_LONGTEXT,  /* may hold newlines */
    COL_INT,
    COL_REAL,
    COL_DATE,      /* stored as YYYY-MM-DD text */
    COL_TIME,      /* stored as HH:MM text */
    COL_BOOL,
    COL_ID,        /* a committee/list id or a row reference: text or int */
};

struct column {
    const char   *name;        /* SQL column name */
    enum col_type type;
    bool          required;
    int           max_chars;   /* text: characters, not bytes; 0 = none */
    double        min, max;    /* numbers: range, checked when min < max */
    const char   *label;       /* N_("Title"): named in messages */
};

struct change;
struct table {
    const char          *name;          /* SQL table */
    const struct column *cols;          /* the writable columns */
    size_t               ncols;
    const char          *committee_col; /* scoping column among cols; NULL:
                                         * unscoped (admin only) */
    const char          *owner_col;     /* staff id column: a staff-role
                                         * account may change only its own
                                         * rows; NULL: any row in scope */
    /* The table's own rules (status transitions, edit windows, cross-field
     * checks), run inside the transaction after the generic checks. */
    int (*check)(struct ctx *ctx, const struct change *ch, struct error *e);
};

struct value {
    bool        null;
    int64_t     i;       /* COL_INT, COL_BOOL, integer COL_ID */
    double      r;       /* COL_REAL */
    const char *s;       /* text kinds, dates, times, text COL_ID */
};

enum change_op { CH_INSERT, CH_UPDATE, CH_DELETE };

struct change {
    const struct table *table;
    enum change_op      op;
    int64_t             id;       /* UPDATE/DELETE: the row. INSERT: set
                                   * to the new rowid on success */
    int64_t             version;  /* UPDATE/DELETE: the version the user
                                   * saw; a different stored one is E_STALE */
    const struct value *vals;     /* INSERT/UPDATE: one per column */
    struct value       *old;      /* UPDATE/DELETE: filled by store_apply
                                   * with the stored row for check() */
};

/* Applies the changes in order in one transaction: all or nothing. On
 * failure *e says what and which field, and nothing was written. */
int store_apply(struct ctx *ctx, struct change *ch, size_t n, struct error *e);

/* Index of column `name` in t->cols, or -1. */
int store_col(const struct table *t, const char *name);

#endif
