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
    bool          secret;      /* shown as "[redacted]" in audit JSON */
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
                                         * rows; "id": the row itself (the
                                         * staff table); NULL: any row in
                                         * scope */
    /* The table's own rules (status transitions, edit windows, cross-field
     * checks), run inside the transaction after the generic checks. */
    int (*check)(struct ctx *ctx, const struct change *ch, struct error *e);
    /* District column among cols for rows that may have no committee
     * (staff accounts of the street office, district-wide training);
     * NULL: the district is the committee's. */
    const char          *district_col;
};

/* NULL is `null`, or an empty/NULL `s` in a text kind, or in a COL_ID
 * neither `s` nor a non-zero `i` (so a zeroed value is NULL there). */
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
    struct value       *old;      /* UPDATE/DELETE: set by store_apply
                                   * to the stored row (one per column)
                                   * for check(); NULL again on return */
    const char         *action;   /* audit action; NULL: "insert",
                                   * "update" or "delete" */
};

/* Applies the changes in order in one transaction: all or nothing. On
 * failure *e says what and which field, and nothing was written.
 *
 * Per change, in this order: load the stored row (E_NOTFOUND) and compare
 * its version (E_STALE); validate every value against its column
 * (E_INVAL, field = column name); check the scope of the old and the new
 * committee/district with session_sees() and, for a staff-role account,
 * the owner column (E_PERM; a table with neither committee_col nor
 * district_col is admin-only); the table's check(); the write, which sets
 * version = version + 1 and updated_at; the audit row. Empty strings are
 * stored as NULL. Called inside an open transaction (db_begin), it works
 * in a savepoint so the caller can add writes of its own and commit. */
int store_apply(struct ctx *ctx, struct change *ch, size_t n, struct error *e);

/* store_apply with every check and audit row, but no savepoint of its
 * own: for a caller that holds a transaction or savepoint and rolls it
 * back when this fails (a resident and its tags are one savepoint, not
 * three). On failure the changes made before the failing one stay
 * written until that rollback; the caller must not go on as if nothing
 * happened. Outside a transaction it is store_apply. */
int store_apply_in(struct ctx *ctx, struct change *ch, size_t n,
                   struct error *e);

/* Index of column `name` in t->cols, or -1. */
int store_col(const struct table *t, const char *name);

/* Reads row `id` of t into a malloc'd array of one value per column (text
 * copied) and its version, refusing a row outside the session's scope
 * (E_PERM) or gone (E_NOTFOUND). Free with store_values_free(). For a
 * module that edits a few columns of a row and hands the rest back. */
int store_load(struct ctx *ctx, const struct table *t, int64_t id,
               struct value **vals, int64_t *version, struct error *e);
void store_values_free(struct value *v, size_t n);
/* E_NOTFOUND, saying the record is gone (deleted by someone meanwhile),
 * for every read of one row by id: -1. */
int store_gone(struct error *e);

/* Whether v is NULL in column c by the rules above struct value (a
 * loaded NULL text has s == NULL and null false: set s to edit it). */
bool store_is_null(const struct column *c, const struct value *v);

#endif
