/* residents_list.c — reading the register: one resident, keyset pages
 * in pinyin order or through the search index, and what lists show of
 * them (masked numbers, tag names). residents.c holds the rules and the
 * writes. */
#include "juwei/residents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/date.h"
#include "juwei/db.h"
#include "juwei/fts.h"
#include "juwei/text.h"

static bool
in_list(const char *ids, const char *id)
{
    size_t n = strlen(id);

    for (const char *p = ids; *p != '\0';) {
        size_t len = strcspn(p, ",");

        if (len == n && strncmp(p, id, n) == 0)
            return true;
        p += len;
        if (*p == ',')
            p++;
    }
    return false;
}

char *
residents_tags_label(const struct config *cfg, const char *ids)
{
    const struct cfg_list *l = &cfg->resident_tags;
    char *out = xstrdup(""), *more;

    for (size_t i = 0; i < l->n; i++) {
        if (!in_list(ids, l->items[i].id))
            continue;
        more = xasprintf("%s%s%s", out, *out ? "、" : "", l->items[i].name);
        free(out);
        out = more;
    }
    /* A tag dropped from the INI still shows, by its id. */
    for (const char *p = ids; *p != '\0';) {
        size_t len = strcspn(p, ",");
        char *id = xstrndup(p, len);

        if (len > 0 && config_item(l, id) == NULL) {
            more = xasprintf("%s%s%s", out, *out ? "、" : "", id);
            free(out);
            out = more;
        }
        free(id);
        p += len;
        if (*p == ',')
            p++;
    }
    return out;
}

/* --- masking --------------------------------------------------------- */

/* Keeps `head` characters and the last `tail`, a star for each other. */
static char *
mask(const char *s, size_t head, size_t tail)
{
    size_t n = text_chars(s), i = 0;
    char *out = xmalloc(strlen(s) + n + 1), *o = out;

    for (const char *p = s; *p != '\0'; i++) {
        size_t len = 1;

        while ((p[len] & 0xC0) == 0x80)
            len++;
        if (i < head || i >= n - tail) {
            memcpy(o, p, len);
            o += len;
        } else {
            *o++ = '*';
        }
        p += len;
    }
    *o = '\0';
    return out;
}

char *
residents_mask_phone(const char *phone)
{
    size_t n = text_chars(phone);

    if (n >= 11)
        return mask(phone, 3, 4);       /* 138****5678 */
    if (n >= 7)
        return mask(phone, 0, 4);       /* ****5678 */
    return mask(phone, 0, 0);
}

char *
residents_mask_id(const char *id_number)
{
    if (text_chars(id_number) >= 15)
        return mask(id_number, 4, 4);   /* 1301**********1234 */
    return mask(id_number, 0, 0);
}

bool
residents_full_view(const struct session *who)
{
    return who->role == ROLE_STREET || who->role == ROLE_ADMIN;
}

/* --- reading --------------------------------------------------------- */

#define RES_COLS \
    "SELECT r.id AS id, r.committee_id, r.name, coalesce(r.name_initials, '')," \
    " coalesce(r.gender, ''), coalesce(r.birth_year, 0)," \
    " coalesce(r.building, ''), coalesce(r.unit, ''), coalesce(r.room, '')," \
    " coalesce(r.address, ''), coalesce(r.phone, '')," \
    " coalesce(r.id_number, ''), coalesce(r.notes, '')," \
    " coalesce((SELECT group_concat(tag, ',') FROM (SELECT t.tag" \
    "   FROM resident_tags t WHERE t.resident_id = r.id ORDER BY t.tag)), '')," \
    " coalesce((SELECT max(v.date) FROM visits v" \
    "   WHERE v.resident_id = r.id), '') AS last_visit," \
    " r.active, r.version, r.updated_at"

static const char sql_get[] = RES_COLS " FROM residents r"
    " WHERE r.id = :id AND " SCOPE_SQL("r.committee_id");

/* The register in pinyin order. The keyset is (initials, name, id)
 * between a low and a high bound, so every direction is one statement;
 * the bare ifnull() comparisons let SQLite start the index scan at the
 * bound rather than filter from the start. A session bound to one
 * committee (or a committee chosen) uses the committee's index. */
#define SORT_KEY "ifnull(r.name_initials, '')"
#define SORT_BOUNDS \
    " AND (:all OR r.active = 1)" \
    " AND " SORT_KEY " >= :lo_i AND (" SORT_KEY ", r.name, r.id)" \
    "  > (:lo_i, :lo_n, :lo_id)" \
    " AND " SORT_KEY " <= :hi_i AND (" SORT_KEY ", r.name, r.id)" \
    "  < (:hi_i, :hi_n, :hi_id)"
#define SORT_ONE RES_COLS " FROM residents r WHERE r.committee_id = :only" \
    " AND " SCOPE_SQL("r.committee_id") SORT_BOUNDS
#define SORT_ALL RES_COLS " FROM residents r WHERE " \
    SCOPE_SQL("r.committee_id") SORT_BOUNDS
#define SORT_UP " ORDER BY " SORT_KEY ", r.name, r.id LIMIT :n"
#define SORT_DOWN " ORDER BY " SORT_KEY " DESC, r.name DESC, r.id DESC" \
    " LIMIT :n"
static const char sql_one_up[] = SORT_ONE SORT_UP;
static const char sql_one_down[] = SORT_ONE SORT_DOWN;
static const char sql_all_up[] = SORT_ALL SORT_UP;
static const char sql_all_down[] = SORT_ALL SORT_DOWN;
static const char sql_one_count[] = "SELECT count(*) FROM residents r"
    " WHERE r.committee_id = :only AND " SCOPE_SQL("r.committee_id")
    " AND (:all OR r.active = 1)";
static const char sql_all_count[] = "SELECT count(*) FROM residents r"
    " WHERE " SCOPE_SQL("r.committee_id") " AND (:all OR r.active = 1)";
/* A street office counts through its committees' index ranges. */
static const char sql_district_count[] = "SELECT count(*) FROM residents r"
    " WHERE r.committee_id IN (SELECT id FROM committees"
    "  WHERE district_id = :district)"
    " AND " SCOPE_SQL("r.committee_id") " AND (:all OR r.active = 1)";

/* Found through the index, in entry (rowid) order: FTS5 walks its lists
 * in rowid order and stops at the limit (doc/search.md). */
#define FIND_FROM " FROM residents_fts JOIN residents r" \
    " ON r.id = residents_fts.rowid WHERE residents_fts MATCH :match" \
    " AND " SCOPE_SQL("r.committee_id") \
    " AND (:only = '' OR r.committee_id = :only)" \
    " AND (:all OR r.active = 1)"
#define FIND_BOUNDS \
    " AND residents_fts.rowid > :lo_id AND residents_fts.rowid < :hi_id"
static const char sql_find_up[] = RES_COLS FIND_FROM FIND_BOUNDS
    " ORDER BY residents_fts.rowid LIMIT :n";
static const char sql_find_down[] = RES_COLS FIND_FROM FIND_BOUNDS
    " ORDER BY residents_fts.rowid DESC LIMIT :n";
static const char sql_find_count[] = "SELECT count(*)" FIND_FROM;

static void
read_resident(sqlite3_stmt *st, struct resident *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    db_column_copy(r->committee, sizeof r->committee, st, 1);
    db_column_copy(r->name, sizeof r->name, st, 2);
    db_column_copy(r->initials, sizeof r->initials, st, 3);
    db_column_copy(r->gender, sizeof r->gender, st, 4);
    r->birth_year = sqlite3_column_int(st, 5);
    db_column_copy(r->building, sizeof r->building, st, 6);
    db_column_copy(r->unit, sizeof r->unit, st, 7);
    db_column_copy(r->room, sizeof r->room, st, 8);
    db_column_copy(r->address, sizeof r->address, st, 9);
    db_column_copy(r->phone, sizeof r->phone, st, 10);
    db_column_copy(r->id_number, sizeof r->id_number, st, 11);
    db_column_copy(r->notes, sizeof r->notes, st, 12);
    db_column_copy(r->tags, sizeof r->tags, st, 13);
    db_column_copy(r->last_visit, sizeof r->last_visit, st, 14);
    r->active = sqlite3_column_int(st, 15) != 0;
    r->version = sqlite3_column_int64(st, 16);
    r->updated_at = sqlite3_column_int64(st, 17);
}

static sqlite3_stmt *
scoped(struct ctx *ctx, const char *sql)
{
    sqlite3_stmt *st = db_stmt(ctx->db, sql);

    if (st != NULL)
        session_bind_scope(&ctx->who, st);
    return st;
}

int
residents_get(struct ctx *ctx, int64_t id, struct resident *out,
              struct error *e)
{
    sqlite3_stmt *st = scoped(ctx, sql_get);
    int rc;

    if (st == NULL)
        return db_failed(ctx->db, e);
    db_bind_int(st, ":id", id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_resident(st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_NOTFOUND, "resident_id", _("no such resident"));
    if (rc != SQLITE_ROW)
        return db_error(ctx->db, rc, e);
    return 0;
}

static bool
blank(const char *s)
{
    return s == NULL || *s == '\0';
}

/* Whether the session sees one committee only, so that the committee's
 * own index serves the list; and which. */
static const char *
only_committee(const struct ctx *ctx, const char *chosen)
{
    if (!blank(chosen))
        return chosen;
    if (ctx->who.role == ROLE_STAFF || ctx->who.role == ROLE_DIRECTOR)
        return ctx->who.committee;
    return NULL;
}

char *
residents_page_key(const struct resident_filter *f, const struct resident *r)
{
    char *match = fts_match(f->find);

    if (match != NULL) {
        free(match);
        return xstrdup("");
    }
    /* The unit separator never occurs in a name (no control characters
     * are stored). */
    return xasprintf("%s\x1f%s", r->initials, r->name);
}

static void
bind_sort_bounds(sqlite3_stmt *st, enum page_dir dir, const char *at_key,
                 int64_t at_id)
{
    char *at_i = xstrdup(at_key != NULL ? at_key : "");
    char *at_n = strchr(at_i, '\x1f');
    bool has_at = at_n != NULL &&
                  (dir == PAGE_AFTER || dir == PAGE_FROM || dir == PAGE_BEFORE);

    if (at_n != NULL)
        *at_n++ = '\0';
    /* Lowest: below every row; highest: "~" is above every initial
     * (lowercase letters and digits). */
    db_bind_text(st, ":lo_i", "");
    db_bind_text(st, ":lo_n", "");
    db_bind_int(st, ":lo_id", 0);
    db_bind_text(st, ":hi_i", "~");
    db_bind_text(st, ":hi_n", "");
    db_bind_int(st, ":hi_id", 0);
    if (has_at && dir == PAGE_BEFORE) {
        db_bind_text(st, ":hi_i", at_i);
        db_bind_text(st, ":hi_n", at_n);
        db_bind_int(st, ":hi_id", at_id);
    } else if (has_at) {
        db_bind_text(st, ":lo_i", at_i);
        db_bind_text(st, ":lo_n", at_n);
        db_bind_int(st, ":lo_id", dir == PAGE_FROM ? at_id - 1 : at_id);
    }
    free(at_i);
}

static void
bind_find_bounds(sqlite3_stmt *st, enum page_dir dir, int64_t at_id)
{
    db_bind_int(st, ":lo_id", 0);
    db_bind_int(st, ":hi_id", INT64_MAX);
    if (dir == PAGE_BEFORE)
        db_bind_int(st, ":hi_id", at_id);
    else if (dir == PAGE_AFTER)
        db_bind_int(st, ":lo_id", at_id);
    else if (dir == PAGE_FROM)
        db_bind_int(st, ":lo_id", at_id - 1);
}

int
residents_page(struct ctx *ctx, const struct resident_filter *f,
               enum page_dir dir, const char *at_key, int64_t at_id, int n,
               struct resident *out, int *got, struct error *e)
{
    bool down = dir == PAGE_LAST || dir == PAGE_BEFORE;
    const char *only = only_committee(ctx, f->committee);
    char *match = fts_match(f->find);
    const char *sql;
    sqlite3_stmt *st;
    int rc = SQLITE_DONE, m = 0;

    *got = 0;
    if (match != NULL) {
        page_fts_catch_up(ctx->db, &residents_fts);
        sql = down ? sql_find_down : sql_find_up;
    }
    else if (only != NULL)
        sql = down ? sql_one_down : sql_one_up;
    else
        sql = down ? sql_all_down : sql_all_up;
    if ((st = scoped(ctx, sql)) == NULL) {
        free(match);
        return db_failed(ctx->db, e);
    }
    db_bind_text(st, ":match", match);
    db_bind_text(st, ":only", only);
    db_bind_int(st, ":all", f->include_inactive);
    db_bind_int(st, ":n", n);
    if (match != NULL)
        bind_find_bounds(st, dir, at_id);
    else
        bind_sort_bounds(st, dir, at_key, at_id);
    free(match);
    while (m < n && (rc = sqlite3_step(st)) == SQLITE_ROW)
        read_resident(st, &out[m++]);
    sqlite3_reset(st);
    if (m < n && rc != SQLITE_DONE)
        return db_error(ctx->db, rc, e);
    if (down)
        page_reverse(out, (size_t)m, sizeof *out);
    *got = m;
    return 0;
}

long
residents_page_count(struct ctx *ctx, const struct resident_filter *f)
{
    const char *only = only_committee(ctx, f->committee);
    char *match = fts_match(f->find);
    sqlite3_stmt *st;
    long n = -1;

    if (match != NULL)
        page_fts_catch_up(ctx->db, &residents_fts);
    st = scoped(ctx, match != NULL ? sql_find_count
                     : only != NULL ? sql_one_count
                     : ctx->who.role == ROLE_STREET ? sql_district_count
                     : sql_all_count);
    if (st != NULL) {
        db_bind_text(st, ":match", match);
        db_bind_text(st, ":only", only);
        db_bind_int(st, ":all", f->include_inactive);
        if (sqlite3_step(st) == SQLITE_ROW)
            n = (long)sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
    }
    free(match);
    return n;
}

/* --- not visited for a while ----------------------------------------- */

/* Computed per tagged resident (few per committee) through the visits'
 * resident index, then ordered: never visited ("") first. */
#define NEGLECT(where) "SELECT * FROM (" RES_COLS \
    " FROM resident_tags t JOIN residents r ON r.id = t.resident_id" \
    " WHERE t.tag = :tag AND r.active = 1 AND " where ")" \
    " WHERE last_visit <= :cutoff" \
    " AND (last_visit, id) > (:lo, :lo_id) AND (last_visit, id) < (:hi, :hi_id)"
#define NEGLECT_ONE NEGLECT("t.committee_id = :only AND " \
                            SCOPE_SQL("t.committee_id"))
#define NEGLECT_ALL NEGLECT(SCOPE_SQL("t.committee_id"))
#define NEGLECT_UP " ORDER BY last_visit, id LIMIT :n"
#define NEGLECT_DOWN " ORDER BY last_visit DESC, id DESC LIMIT :n"
static const char sql_neglect_one_up[] = NEGLECT_ONE NEGLECT_UP;
static const char sql_neglect_one_down[] = NEGLECT_ONE NEGLECT_DOWN;
static const char sql_neglect_all_up[] = NEGLECT_ALL NEGLECT_UP;
static const char sql_neglect_all_down[] = NEGLECT_ALL NEGLECT_DOWN;
static const char sql_neglect_one_count[] =
    "SELECT count(*) FROM (" NEGLECT_ONE ")";
static const char sql_neglect_all_count[] =
    "SELECT count(*) FROM (" NEGLECT_ALL ")";

#define NEGLECT_DAYS_MAX 3650

static void
bind_neglect(sqlite3_stmt *st, const struct resident_neglect_filter *f,
             const char *only)
{
    char cutoff[11];

    db_bind_text(st, ":tag", f->tag);
    db_bind_text(st, ":only", only);
    db_bind_text(st, ":cutoff", date_format(date_today() - f->days, cutoff));
    db_bind_text(st, ":lo", "");
    db_bind_int(st, ":lo_id", 0);
    db_bind_text(st, ":hi", "~");
    db_bind_int(st, ":hi_id", 0);
}

int
residents_neglected_page(struct ctx *ctx,
                         const struct resident_neglect_filter *f,
                         enum page_dir dir, const char *at_key, int64_t at_id,
                         int n, struct resident *out, int *got,
                         struct error *e)
{
    bool down = dir == PAGE_LAST || dir == PAGE_BEFORE;
    const char *only = only_committee(ctx, f->committee);
    sqlite3_stmt *st;
    int rc = SQLITE_DONE, m = 0;

    *got = 0;
    if (f->days < 1 || f->days > NEGLECT_DAYS_MAX)
        return error_set(e, E_INVAL, "days", _("the days must be from 1 to "
                                               "%d"), NEGLECT_DAYS_MAX);
    st = scoped(ctx, only != NULL
                     ? (down ? sql_neglect_one_down : sql_neglect_one_up)
                     : (down ? sql_neglect_all_down : sql_neglect_all_up));
    if (st == NULL)
        return db_failed(ctx->db, e);
    bind_neglect(st, f, only);
    db_bind_int(st, ":n", n);
    if (dir == PAGE_BEFORE) {
        db_bind_text(st, ":hi", at_key);
        db_bind_int(st, ":hi_id", at_id);
    } else if (dir == PAGE_AFTER || dir == PAGE_FROM) {
        db_bind_text(st, ":lo", at_key);
        db_bind_int(st, ":lo_id", dir == PAGE_FROM ? at_id - 1 : at_id);
    }
    while (m < n && (rc = sqlite3_step(st)) == SQLITE_ROW)
        read_resident(st, &out[m++]);
    sqlite3_reset(st);
    if (m < n && rc != SQLITE_DONE)
        return db_error(ctx->db, rc, e);
    if (down)
        page_reverse(out, (size_t)m, sizeof *out);
    *got = m;
    return 0;
}

long
residents_neglected_count(struct ctx *ctx,
                          const struct resident_neglect_filter *f)
{
    const char *only = only_committee(ctx, f->committee);
    sqlite3_stmt *st;
    long n = -1;

    if (f->days < 1 || f->days > NEGLECT_DAYS_MAX)
        return -1;
    st = scoped(ctx, only != NULL ? sql_neglect_one_count
                                  : sql_neglect_all_count);
    if (st != NULL) {
        bind_neglect(st, f, only);
        if (sqlite3_step(st) == SQLITE_ROW)
            n = (long)sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
    }
    return n;
}
