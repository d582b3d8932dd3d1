/* store.c — the one write path (see store.h). The SQL for a table is
 * generated once from its static description: column names come from
 * code, values are always bound, never pasted. */
#include "juwei/store.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/audit.h"
#include "juwei/db.h"
#include "juwei/date.h"
#include "juwei/text.h"

enum sql_kind { SQL_SELECT, SQL_INSERT, SQL_UPDATE, SQL_DELETE, SQL_JSON };

static const char sql_committee[] =
    "SELECT district_id, active FROM committees WHERE id = ?1";
static const char sql_savepoint[] = "SAVEPOINT store_apply";
static const char sql_release[] = "RELEASE store_apply";
static const char sql_rollback_to[] = "ROLLBACK TO store_apply";

int
store_col(const struct table *t, const char *name)
{
    if (name == NULL)
        return -1;
    for (size_t i = 0; i < t->ncols; i++) {
        if (strcmp(t->cols[i].name, name) == 0)
            return (int)i;
    }
    return -1;
}

/* --- generated SQL --------------------------------------------------- */

/* Column and table names are pasted into SQL, so they must be plain
 * identifiers; a description that breaks this is a bug, caught at once. */
static void
check_ident(const char *s)
{
    if (s == NULL || *s == '\0')
        fatal("store: empty identifier in a table description");
    for (const char *p = s; *p != '\0'; p++) {
        if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
              *p == '_'))
            fatal("store: \"%s\" is not a plain identifier", s);
    }
}

static char *
build_sql(const void *key, int kind)
{
    const struct table *t = key;
    size_t n = t->ncols, len = 0;
    char *buf = NULL;
    FILE *fp = open_memstream(&buf, &len);

    if (fp == NULL)
        fatal("out of memory");
    check_ident(t->name);
    for (size_t i = 0; i < n; i++)
        check_ident(t->cols[i].name);
    switch ((enum sql_kind)kind) {
    case SQL_SELECT:
        fputs("SELECT version", fp);
        for (size_t i = 0; i < n; i++)
            fprintf(fp, ", %s", t->cols[i].name);
        fprintf(fp, " FROM %s WHERE id = ?1", t->name);
        break;
    case SQL_INSERT:
        fprintf(fp, "INSERT INTO %s (", t->name);
        for (size_t i = 0; i < n; i++)
            fprintf(fp, "%s, ", t->cols[i].name);
        fputs("version, created_at, updated_at) VALUES (", fp);
        for (size_t i = 0; i < n; i++)
            fprintf(fp, "?%zu, ", i + 1);
        fprintf(fp, "1, ?%zu, ?%zu)", n + 1, n + 1);
        break;
    case SQL_UPDATE:
        fprintf(fp, "UPDATE %s SET ", t->name);
        for (size_t i = 0; i < n; i++)
            fprintf(fp, "%s = ?%zu, ", t->cols[i].name, i + 1);
        fprintf(fp, "version = version + 1, updated_at = ?%zu"
                " WHERE id = ?%zu AND version = ?%zu", n + 1, n + 2, n + 3);
        break;
    case SQL_DELETE:
        fprintf(fp, "DELETE FROM %s WHERE id = ?1 AND version = ?2", t->name);
        break;
    case SQL_JSON:
        /* json_object() takes at most 127 arguments by default. */
        if (2 * (n + 4) > 127)
            fatal("store: table %s has too many columns for audit JSON",
                  t->name);
        fputs("SELECT json_object('id', id", fp);
        for (size_t i = 0; i < n; i++) {
            const char *c = t->cols[i].name;

            if (t->cols[i].secret)
                fprintf(fp, ", '%s', CASE WHEN %s IS NULL THEN NULL"
                        " ELSE '[redacted]' END", c, c);
            else
                fprintf(fp, ", '%s', %s", c, c);
        }
        fprintf(fp, ", 'version', version, 'created_at', created_at,"
                " 'updated_at', updated_at) FROM %s WHERE id = ?1", t->name);
        break;
    }
    if (fclose(fp) != 0 || buf == NULL)
        fatal("out of memory");
    return buf;
}

static sqlite3_stmt *
table_stmt(struct db *db, const struct table *t, enum sql_kind kind)
{
    return db_stmt(db, db_generated_sql(db, t, (int)kind, build_sql));
}


/* --- values ---------------------------------------------------------- */

static bool
is_text(const struct column *c, const struct value *v)
{
    switch (c->type) {
    case COL_TEXT: case COL_LONGTEXT: case COL_DATE: case COL_TIME:
        return true;
    case COL_ID:
        return v->s != NULL;
    default:
        return false;
    }
}

/* An empty text is no value: forms hand over "" for an untouched field.
 * Nor is an id of neither text nor a row (rowids start at 1), so a zeroed
 * struct value is NULL in a COL_ID column. */
bool
store_is_null(const struct column *c, const struct value *v)
{
    if (v->null)
        return true;
    if (c->type == COL_ID && v->s == NULL)
        return v->i == 0;
    if (is_text(c, v))
        return v->s == NULL || *v->s == '\0';
    return false;
}

static void
bind_value(sqlite3_stmt *st, int i, const struct column *c,
           const struct value *v)
{
    if (store_is_null(c, v)) {
        sqlite3_bind_null(st, i);
        return;
    }
    switch (c->type) {
    case COL_INT: case COL_BOOL:
        sqlite3_bind_int64(st, i, v->i);
        break;
    case COL_REAL:
        sqlite3_bind_double(st, i, v->r);
        break;
    case COL_ID:
        if (v->s == NULL) {
            sqlite3_bind_int64(st, i, v->i);
            break;
        }
        /* fall through */
    default:
        sqlite3_bind_text(st, i, v->s, -1, SQLITE_STATIC);
        break;
    }
}

void
store_values_free(struct value *v, size_t n)
{
    if (v == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        free((char *)v[i].s);
    free(v);
}

static struct value *
read_row(sqlite3_stmt *st, const struct table *t, int first)
{
    struct value *v = xcalloc(t->ncols, sizeof *v);

    for (size_t i = 0; i < t->ncols; i++) {
        int col = first + (int)i;
        int type = sqlite3_column_type(st, col);

        /* A NULL text stays s = NULL without the flag, so that a caller
         * editing a loaded row only has to set s. */
        if (type == SQLITE_NULL) {
            v[i].null = !is_text(&t->cols[i], &v[i]) &&
                        t->cols[i].type != COL_ID;
            continue;
        }
        switch (t->cols[i].type) {
        case COL_INT: case COL_BOOL:
            v[i].i = sqlite3_column_int64(st, col);
            break;
        case COL_REAL:
            v[i].r = sqlite3_column_double(st, col);
            break;
        case COL_ID:
            if (type == SQLITE_INTEGER) {
                v[i].i = sqlite3_column_int64(st, col);
                break;
            }
            /* fall through */
        default:
            v[i].s = xstrdup((const char *)sqlite3_column_text(st, col));
            break;
        }
    }
    return v;
}

/* Loads row `id` without any scope check; E_NOTFOUND when gone. */
static int
load_row(struct db *db, const struct table *t, int64_t id,
         struct value **out, int64_t *version, struct error *e)
{
    sqlite3_stmt *st = table_stmt(db, t, SQL_SELECT);
    int rc;

    if (st == NULL)
        return db_failed(db, e);
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *version = sqlite3_column_int64(st, 0);
        *out = read_row(st, t, 1);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return store_gone(e);
    if (rc != SQLITE_ROW)
        return db_error(db, rc, e);
    return 0;
}

int
store_gone(struct error *e)
{
    return error_set(e, E_NOTFOUND, NULL,
                     _("this record no longer exists; someone may have "
                       "deleted it"));
}

/* --- validation ------------------------------------------------------ */

enum text_fault { TEXT_OK, TEXT_BAD_UTF8, TEXT_CONTROL };

/* Checks s and counts its characters. Controls are refused (they would
 * drive the terminal when shown); a long text may hold newlines and tabs. */
static enum text_fault
scan_text(const char *s, bool multiline, size_t *nchars)
{
    if (!text_valid_utf8(s, strlen(s)))
        return TEXT_BAD_UTF8;
    if (text_has_controls(s, multiline))
        return TEXT_CONTROL;
    *nchars = text_chars(s);
    return TEXT_OK;
}

static bool
valid_iso_date(const char *s)
{
    date_t d;

    return date_parse_iso(s, &d);
}

/* Stored times are exactly HH:MM; time_parse() alone also takes 9:30. */
static bool
valid_time(const char *s)
{
    int minutes;

    return strlen(s) == 5 && s[2] == ':' && time_parse(s, &minutes);
}

static const char *
label_of(const struct column *c)
{
    return c->label != NULL ? _(c->label) : c->name;
}

/* The label is looked up only on failure: gettext per value costs more
 * than the checks themselves in a bulk import. */
static int
check_value(const struct column *c, const struct value *v, struct error *e)
{
    size_t nchars = 0;

    if (store_is_null(c, v)) {
        if (c->required)
            return error_set(e, E_INVAL, c->name, _("%s is required"),
                             label_of(c));
        return 0;
    }
    switch (c->type) {
    case COL_TEXT: case COL_LONGTEXT: case COL_ID:
        if (c->type == COL_ID && v->s == NULL)
            return 0;
        switch (scan_text(v->s, c->type == COL_LONGTEXT, &nchars)) {
        case TEXT_BAD_UTF8:
            return error_set(e, E_INVAL, c->name,
                             _("%s is not valid UTF-8 text"), label_of(c));
        case TEXT_CONTROL:
            return error_set(e, E_INVAL, c->name,
                             c->type == COL_LONGTEXT
                             ? _("%s contains control characters")
                             : _("%s must be one line without control "
                                 "characters"), label_of(c));
        case TEXT_OK:
            break;
        }
        if (c->max_chars > 0 && nchars > (size_t)c->max_chars)
            return error_set(e, E_INVAL, c->name,
                             _("%s is too long: %zu characters, at most %d"),
                             label_of(c), nchars, c->max_chars);
        return 0;
    case COL_DATE:
        if (!valid_iso_date(v->s))
            return error_set(e, E_INVAL, c->name,
                             _("%s is not a valid date; write it as "
                               "YYYY-MM-DD"), label_of(c));
        return 0;
    case COL_TIME:
        if (!valid_time(v->s))
            return error_set(e, E_INVAL, c->name,
                             _("%s is not a valid time; write it as HH:MM, "
                               "00:00 to 23:59"), label_of(c));
        return 0;
    case COL_INT:
        if (c->min < c->max && ((double)v->i < c->min || (double)v->i > c->max))
            return error_set(e, E_INVAL, c->name,
                             _("%s must be from %.0f to %.0f"), label_of(c),
                             c->min, c->max);
        return 0;
    case COL_REAL:
        if (!isfinite(v->r))
            return error_set(e, E_INVAL, c->name, _("%s is not a number"),
                             label_of(c));
        if (c->min < c->max && (v->r < c->min || v->r > c->max))
            return error_set(e, E_INVAL, c->name,
                             _("%s must be from %g to %g"), label_of(c),
                             c->min, c->max);
        return 0;
    case COL_BOOL:
        if (v->i != 0 && v->i != 1)
            return error_set(e, E_INVAL, c->name, _("%s must be yes or no"),
                             label_of(c));
        return 0;
    }
    return 0;
}

/* --- scope ----------------------------------------------------------- */

/* The committee and district a row belongs to. With a committee, the
 * district is the committee's as stored (never the row's own claim); a
 * committee that is unknown, or (when `is_new`) no longer active, is bad
 * input. Strings point into v or are malloc'd into *district_buf. */
static int
row_scope(struct db *db, const struct table *t, const struct value *v,
          bool is_new, const char **committee, const char **district,
          char **district_buf, struct error *e)
{
    int ci = store_col(t, t->committee_col);
    int di = store_col(t, t->district_col);
    sqlite3_stmt *st;
    int rc;

    *committee = NULL;
    *district = NULL;
    *district_buf = NULL;
    if (di >= 0 && !store_is_null(&t->cols[di], &v[di]))
        *district = v[di].s;
    if (ci < 0 || store_is_null(&t->cols[ci], &v[ci]))
        return 0;
    *committee = v[ci].s;
    *district = NULL;
    if ((st = db_stmt(db, sql_committee)) == NULL)
        return db_failed(db, e);
    sqlite3_bind_text(st, 1, *committee, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *district_buf = xstrdup((const char *)sqlite3_column_text(st, 0));
        *district = *district_buf;
        if (is_new && sqlite3_column_int(st, 1) == 0)
            rc = SQLITE_MISUSE;   /* inactive: reported below */
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        free(*district_buf);
        *district_buf = NULL;
        *district = NULL;
    }
    if (rc == SQLITE_DONE)
        return error_set(e, E_INVAL, t->committee_col,
                         _("unknown committee \"%s\""), *committee);
    if (rc == SQLITE_MISUSE)
        return error_set(e, E_INVAL, t->committee_col,
                         _("committee \"%s\" is no longer in use"),
                         *committee);
    if (rc != SQLITE_ROW)
        return db_error(db, rc, e);
    return 0;
}

static int
check_scope(struct ctx *ctx, const struct table *t, const struct value *v,
            bool is_new, struct error *e)
{
    const struct session *who = &ctx->who;
    const char *committee, *district;
    char *buf;
    bool ok;

    if (t->committee_col == NULL && t->district_col == NULL) {
        if (who->role != ROLE_ADMIN)
            return error_set(e, E_PERM, NULL,
                             _("only an administrator may change this"));
        return 0;
    }
    if (row_scope(ctx->db, t, v, is_new, &committee, &district, &buf, e) < 0)
        return -1;
    ok = session_sees(who, committee, district);
    free(buf);
    if (ok)
        return 0;
    if (who->role == ROLE_STREET)
        return error_set(e, E_PERM, t->committee_col,
                         _("this account may only change records of its "
                           "own district"));
    return error_set(e, E_PERM, t->committee_col,
                     _("this account may only change records of its own "
                       "committee"));
}

static bool
owned(const struct table *t, const struct change *ch, const struct value *v,
      int64_t staff_id)
{
    int oi;

    if (strcmp(t->owner_col, "id") == 0)
        return ch->op != CH_INSERT && ch->id == staff_id;
    oi = store_col(t, t->owner_col);
    if (oi < 0)
        fatal("store: owner column %s is not a column of %s", t->owner_col,
              t->name);
    return !v[oi].null && v[oi].s == NULL && v[oi].i == staff_id;
}

static int
check_owner(struct ctx *ctx, const struct change *ch, struct error *e)
{
    const struct table *t = ch->table;
    int64_t me = ctx->who.staff_id;

    if (ctx->who.role != ROLE_STAFF || t->owner_col == NULL)
        return 0;
    if ((ch->op != CH_INSERT && !owned(t, ch, ch->old, me)) ||
        (ch->op != CH_DELETE && !owned(t, ch, ch->vals, me)))
        return error_set(e, E_PERM, t->owner_col,
                         _("you may only change your own records"));
    return 0;
}

/* --- writing --------------------------------------------------------- */

static char *
row_json(struct db *db, const struct table *t, int64_t id, struct error *e)
{
    sqlite3_stmt *st = table_stmt(db, t, SQL_JSON);
    char *s = NULL;
    int rc;

    if (st == NULL) {
        db_failed(db, e);
        return NULL;
    }
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        s = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        db_error(db, rc, e);
    return s;
}

/* A UNIQUE failure names "table.col[, table.col]": put the cursor on the
 * first column that the form has. */
static int
write_failed(struct db *db, const struct table *t, int rc, struct error *e)
{
    const char *msg = sqlite3_errmsg(db_sqlite(db));
    const char *p;

    if (rc == SQLITE_CONSTRAINT_UNIQUE &&
        (p = strstr(msg, "failed: ")) != NULL &&
        (p = strchr(p, '.')) != NULL) {
        char col[64];
        size_t n = strcspn(p + 1, ", ");
        int i;

        snprintf(col, sizeof col, "%.*s", (int)n, p + 1);
        if ((i = store_col(t, col)) >= 0)
            return error_set(e, E_DUP, t->cols[i].name,
                             _("%s: this value is already used by another "
                               "record"), label_of(&t->cols[i]));
    }
    return db_error(db, rc, e);
}

static int
write_change(struct ctx *ctx, struct change *ch, struct error *e)
{
    struct db *db = ctx->db;
    const struct table *t = ch->table;
    sqlite3_stmt *st;
    int rc;
    int64_t now = util_now();
    size_t n = t->ncols;

    switch (ch->op) {
    case CH_INSERT:
        if ((st = table_stmt(db, t, SQL_INSERT)) == NULL)
            return db_failed(db, e);
        for (size_t i = 0; i < n; i++)
            bind_value(st, (int)i + 1, &t->cols[i], &ch->vals[i]);
        sqlite3_bind_int64(st, (int)n + 1, now);
        break;
    case CH_UPDATE:
        if ((st = table_stmt(db, t, SQL_UPDATE)) == NULL)
            return db_failed(db, e);
        for (size_t i = 0; i < n; i++)
            bind_value(st, (int)i + 1, &t->cols[i], &ch->vals[i]);
        sqlite3_bind_int64(st, (int)n + 1, now);
        sqlite3_bind_int64(st, (int)n + 2, ch->id);
        sqlite3_bind_int64(st, (int)n + 3, ch->version);
        break;
    case CH_DELETE:
    default:
        if ((st = table_stmt(db, t, SQL_DELETE)) == NULL)
            return db_failed(db, e);
        sqlite3_bind_int64(st, 1, ch->id);
        sqlite3_bind_int64(st, 2, ch->version);
        break;
    }
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return write_failed(db, t, rc, e);
    if (ch->op == CH_INSERT)
        ch->id = sqlite3_last_insert_rowid(db_sqlite(db));
    else if (sqlite3_changes(db_sqlite(db)) != 1)
        return error_set(e, E_STALE, NULL,
                         _("someone else changed this record; reopen it to "
                           "see their change"));
    return 0;
}

static const char *const op_action[] = {
    [CH_INSERT] = "insert", [CH_UPDATE] = "update", [CH_DELETE] = "delete",
};

static int
apply_one(struct ctx *ctx, struct change *ch, struct error *e)
{
    const struct table *t = ch->table;
    char *before = NULL, *after = NULL;
    int64_t stored = 0;
    int rc = -1;

    if (ch->op != CH_INSERT) {
        if (load_row(ctx->db, t, ch->id, &ch->old, &stored, e) < 0)
            return -1;
        if (stored != ch->version) {
            error_set(e, E_STALE, NULL,
                      _("someone else changed this record; reopen it to "
                        "see their change"));
            goto out;
        }
    }
    if (ch->op != CH_DELETE) {
        for (size_t i = 0; i < t->ncols; i++) {
            if (check_value(&t->cols[i], &ch->vals[i], e) < 0)
                goto out;
        }
    }
    /* The old committee is checked as it is; only a new or changed one
     * must be in use. */
    if (ch->op != CH_INSERT && check_scope(ctx, t, ch->old, false, e) < 0)
        goto out;
    if (ch->op != CH_DELETE) {
        int ci = store_col(t, t->committee_col);
        bool moved = ch->op == CH_INSERT || ci < 0 ||
                     store_is_null(&t->cols[ci], &ch->old[ci]) ||
                     store_is_null(&t->cols[ci], &ch->vals[ci]) ||
                     strcmp(ch->old[ci].s, ch->vals[ci].s) != 0;

        if (check_scope(ctx, t, ch->vals, moved, e) < 0)
            goto out;
    }
    if (check_owner(ctx, ch, e) < 0)
        goto out;
    if (t->check != NULL && t->check(ctx, ch, e) < 0)
        goto out;
    if (ch->op != CH_INSERT &&
        (before = row_json(ctx->db, t, ch->id, e)) == NULL)
        goto out;
    if (write_change(ctx, ch, e) < 0)
        goto out;
    if (ch->op != CH_DELETE &&
        (after = row_json(ctx->db, t, ch->id, e)) == NULL)
        goto out;
    /* Both images come from json_object(): already in stored form. */
    rc = audit_append_stored(ctx->db, &ctx->who,
                      ch->action != NULL ? ch->action : op_action[ch->op],
                      t->name, ch->id, before, after, e);
out:
    free(before);
    free(after);
    store_values_free(ch->old, t->ncols);
    ch->old = NULL;
    return rc;
}


/* Nothing was written, so no insert has an id. */
static void
forget_ids(struct change *ch, size_t n, size_t done)
{
    for (size_t i = 0; i < n && i <= done; i++) {
        if (ch[i].op == CH_INSERT)
            ch[i].id = 0;
    }
}

int
store_apply_in(struct ctx *ctx, struct change *ch, size_t n, struct error *e)
{
    size_t done;

    /* Without the caller's transaction there is nobody to undo a half
     * write: then it is store_apply's own. */
    if (sqlite3_get_autocommit(db_sqlite(ctx->db)))
        return store_apply(ctx, ch, n, e);
    for (done = 0; done < n; done++) {
        if (apply_one(ctx, &ch[done], e) < 0) {
            forget_ids(ch, n, done);
            return -1;
        }
    }
    return 0;
}

int
store_apply(struct ctx *ctx, struct change *ch, size_t n, struct error *e)
{
    struct db *db = ctx->db;
    bool nested = !sqlite3_get_autocommit(db_sqlite(db));
    size_t done;

    if (nested ? db_run(db, sql_savepoint, e) < 0 : db_begin(db, e) < 0)
        return -1;
    for (done = 0; done < n; done++) {
        if (apply_one(ctx, &ch[done], e) < 0)
            goto fail;
    }
    if (nested ? db_run(db, sql_release, e) < 0 : db_commit(db, e) < 0)
        goto fail;
    return 0;
fail:
    if (nested) {
        db_run(db, sql_rollback_to, NULL);
        db_run(db, sql_release, NULL);
    } else {
        db_rollback(db);
    }
    forget_ids(ch, n, done);
    return -1;
}

int
store_load(struct ctx *ctx, const struct table *t, int64_t id,
           struct value **vals, int64_t *version, struct error *e)
{
    struct value *v = NULL;
    int64_t ver = 0;
    const char *committee, *district;
    char *buf;
    bool ok;

    *vals = NULL;
    if (load_row(ctx->db, t, id, &v, &ver, e) < 0)
        return -1;
    if (t->committee_col == NULL && t->district_col == NULL) {
        ok = ctx->who.role == ROLE_ADMIN;
    } else {
        if (row_scope(ctx->db, t, v, false, &committee, &district, &buf,
                      e) < 0) {
            store_values_free(v, t->ncols);
            return -1;
        }
        ok = session_sees(&ctx->who, committee, district);
        free(buf);
    }
    if (!ok) {
        store_values_free(v, t->ncols);
        return error_set(e, E_PERM, NULL,
                         _("this record belongs to another committee"));
    }
    *vals = v;
    if (version != NULL)
        *version = ver;
    return 0;
}
