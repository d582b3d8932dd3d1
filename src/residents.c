/* residents.c — the resident register: the rules, writes that keep the
 * tags and the search index in the same transaction, scoped reads and
 * keyset pages. */
#include "juwei/residents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/date.h"
#include "juwei/db.h"
#include "juwei/pinyin.h"
#include "juwei/text.h"

static int residents_check(struct ctx *ctx, const struct change *ch,
                           struct error *e);
static int tags_check(struct ctx *ctx, const struct change *ch,
                      struct error *e);

static const struct column residents_cols[] = {
    [RES_COMMITTEE]  = { "committee_id", COL_ID, true, 64, 0, 0,
                         N_("Committee"), false },
    [RES_NAME]       = { "name", COL_TEXT, true, RESIDENT_NAME_MAX, 0, 0,
                         N_("Name"), false },
    [RES_INITIALS]   = { "name_initials", COL_TEXT, false, 0, 0, 0,
                         N_("Pinyin initials"), false },
    [RES_GENDER]     = { "gender", COL_TEXT, false, 1, 0, 0,
                         N_("Gender"), false },
    [RES_BIRTH_YEAR] = { "birth_year", COL_INT, false, 0, 0, 0,
                         N_("Birth year"), false },
    [RES_BUILDING]   = { "building", COL_TEXT, false, RESIDENT_BUILDING_MAX,
                         0, 0, N_("Building"), false },
    [RES_UNIT]       = { "unit", COL_TEXT, false, RESIDENT_UNIT_MAX, 0, 0,
                         N_("Unit"), false },
    [RES_ROOM]       = { "room", COL_TEXT, false, RESIDENT_ROOM_MAX, 0, 0,
                         N_("Room"), false },
    [RES_PHONE]      = { "phone", COL_TEXT, false, 20, 0, 0,
                         N_("Phone"), false },
    [RES_ID_NUMBER]  = { "id_number", COL_TEXT, false, 18, 0, 0,
                         N_("ID number"), false },
    [RES_NOTES]      = { "notes", COL_LONGTEXT, false, RESIDENT_NOTES_MAX,
                         0, 0, N_("Notes"), false },
    [RES_ACTIVE]     = { "active", COL_BOOL, true, 0, 0, 0,
                         N_("On the register"), false },
};

const struct table residents_table = {
    .name = "residents",
    .cols = residents_cols,
    .ncols = RES_NCOLS,
    .committee_col = "committee_id",
    .check = residents_check,
};

enum { TAG_RESIDENT, TAG_COMMITTEE, TAG_TAG, TAG_NCOLS };

static const struct column tags_cols[] = {
    [TAG_RESIDENT]  = { "resident_id", COL_ID, true, 0, 0, 0,
                        N_("Resident"), false },
    [TAG_COMMITTEE] = { "committee_id", COL_ID, true, 64, 0, 0,
                        N_("Committee"), false },
    [TAG_TAG]       = { "tag", COL_ID, true, 64, 0, 0, N_("Tag"), false },
};

const struct table resident_tags_table = {
    .name = "resident_tags",
    .cols = tags_cols,
    .ncols = TAG_NCOLS,
    .committee_col = "committee_id",
    .check = tags_check,
};

static const char sql_resident_committee[] =
    "SELECT committee_id FROM residents WHERE id = ?1";
static const char sql_duplicate[] =
    "SELECT id FROM residents WHERE committee_id = ?1 AND name = ?2"
    " AND building IS ?3 AND unit IS ?4 AND room IS ?5 AND id <> ?6"
    " ORDER BY id LIMIT 1";
static const char sql_tag_rows[] =
    "SELECT id, tag, version FROM resident_tags WHERE resident_id = ?1";
/* The triggers of the migration queue every change; this applies the
 * queue. Per row, the index holds what the row was before its first
 * queued change (nothing if that change was the insert), so that is what
 * is taken out; then the row as it is now, if it still exists, goes in. */
static const char sql_fts_pending[] =
    "SELECT EXISTS (SELECT 1 FROM residents_fts_pending)";
static const char sql_fts_unindex[] =
    "INSERT INTO residents_fts (residents_fts, rowid, name, name_initials,"
    " address, phone)"
    " SELECT 'delete', p.row_id, p.name, p.name_initials, p.address, p.phone"
    " FROM residents_fts_pending p"
    " WHERE p.inserted = 0 AND p.id = (SELECT min(q.id)"
    "  FROM residents_fts_pending q WHERE q.row_id = p.row_id)";
static const char sql_fts_index[] =
    "INSERT INTO residents_fts (rowid, name, name_initials, address, phone)"
    " SELECT r.id, r.name, r.name_initials, r.address, r.phone"
    " FROM residents r"
    " WHERE r.id IN (SELECT row_id FROM residents_fts_pending)";
static const char sql_fts_done[] = "DELETE FROM residents_fts_pending";

const struct page_fts residents_fts = {
    sql_fts_pending, sql_fts_unindex, sql_fts_index, sql_fts_done,
};
static const char sql_savepoint[] = "SAVEPOINT residents";
static const char sql_release[] = "RELEASE residents";
static const char sql_rollback_to[] = "ROLLBACK TO residents";


static const char *
str_or_null(const struct value *v)
{
    return v->null || v->s == NULL || *v->s == '\0' ? NULL : v->s;
}

/* --- checks ---------------------------------------------------------- */

static bool
all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
    }
    return true;
}

static int
id_birth_year(const char *s)
{
    if (strlen(s) == 18)
        return (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 +
               (s[9] - '0');
    return 1900 + (s[6] - '0') * 10 + (s[7] - '0');
}

int
residents_check_id_number(const char *s, struct error *e)
{
    static const int weight[17] = {
        7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2,
    };
    size_t n = strlen(s);
    int y, m, d, sum = 0;
    char ymd[9];

    if (!((n == 18 && all_digits(s, 17) &&
           ((s[17] >= '0' && s[17] <= '9') || s[17] == 'X')) ||
          (n == 15 && all_digits(s, 15))))
        return error_set(e, E_INVAL, "id_number",
                         _("an ID number is 18 characters, 17 digits and a "
                           "digit or X (or an old one of 15 digits)"));
    if (n == 18) {
        snprintf(ymd, sizeof ymd, "%.8s", s + 6);
    } else {
        snprintf(ymd, sizeof ymd, "19%.6s", s + 6);
    }
    y = (ymd[0] - '0') * 1000 + (ymd[1] - '0') * 100 + (ymd[2] - '0') * 10 +
        (ymd[3] - '0');
    m = (ymd[4] - '0') * 10 + (ymd[5] - '0');
    d = (ymd[6] - '0') * 10 + (ymd[7] - '0');
    if (!date_valid_ymd(y, m, d) || date_from_ymd(y, m, d) > date_today())
        return error_set(e, E_INVAL, "id_number",
                         _("the date of birth in the ID number (%s) is not "
                           "a real date"), ymd);
    if (n == 15)
        return 0;
    for (int i = 0; i < 17; i++)
        sum += (s[i] - '0') * weight[i];
    if ("10X98765432"[sum % 11] != s[17])
        return error_set(e, E_INVAL, "id_number",
                         _("the ID number's check digit does not match; "
                           "look for a typing mistake"));
    return 0;
}

/* Digits, with a + first for an international number. */
static bool
phone_ok(const char *s)
{
    size_t n = strlen(s), digits = 0;

    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (!(i == 0 && s[i] == '+'))
            return false;
    }
    return digits >= 5 && digits <= 20;
}

static int
this_year(void)
{
    int y, m, d;

    date_to_ymd(date_today(), &y, &m, &d);
    return y;
}

static int
committee_of(struct db *db, int64_t resident, char *buf, size_t size,
             struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_resident_committee);
    int rc;

    if (st == NULL)
        return db_failed(db, e);
    sqlite3_bind_int64(st, 1, resident);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return error_set(e, E_NOTFOUND, "resident_id",
                         _("no such resident"));
    if (rc != SQLITE_ROW)
        return db_error(db, rc, e);
    return 0;
}

/* The invariants of a stored resident, whoever writes it. */
static int
residents_check(struct ctx *ctx, const struct change *ch, struct error *e)
{
    const struct value *v = ch->vals;
    const char *gender, *phone, *id;
    char *initials;
    bool same;

    (void)ctx;
    if (ch->op == CH_DELETE)
        return 0;
    if (ch->op == CH_UPDATE &&
        strcmp(ch->old[RES_COMMITTEE].s, v[RES_COMMITTEE].s) != 0)
        return error_set(e, E_INVAL, "committee_id",
                         _("a resident cannot move to another committee; "
                           "register them there"));
    initials = pinyin_initials(v[RES_NAME].s);
    same = strcmp(initials, str_or_null(&v[RES_INITIALS]) != NULL
                            ? v[RES_INITIALS].s : "") == 0;
    free(initials);
    if (!same)
        return error_set(e, E_INVAL, "name_initials",
                         _("the pinyin initials must be those of the name"));
    gender = str_or_null(&v[RES_GENDER]);
    if (gender != NULL && strcmp(gender, "M") != 0 && strcmp(gender, "F") != 0)
        return error_set(e, E_INVAL, "gender",
                         _("gender is 男 (M) or 女 (F)"));
    if (!v[RES_BIRTH_YEAR].null &&
        (v[RES_BIRTH_YEAR].i < 1900 || v[RES_BIRTH_YEAR].i > this_year()))
        return error_set(e, E_INVAL, "birth_year",
                         _("the birth year must be from 1900 to %d"),
                         this_year());
    phone = str_or_null(&v[RES_PHONE]);
    if (phone != NULL && !phone_ok(phone))
        return error_set(e, E_INVAL, "phone",
                         _("a phone number is 5 to 20 digits, such as "
                           "13812345678 or 01062345678"));
    id = str_or_null(&v[RES_ID_NUMBER]);
    if (id != NULL) {
        if (residents_check_id_number(id, e) < 0)
            return -1;
        if (!v[RES_BIRTH_YEAR].null && v[RES_BIRTH_YEAR].i != id_birth_year(id))
            return error_set(e, E_INVAL, "birth_year",
                             _("the birth year differs from the one in the "
                               "ID number (%d)"), id_birth_year(id));
    }
    return 0;
}

static int
tags_check(struct ctx *ctx, const struct change *ch, struct error *e)
{
    const struct value *v = ch->vals;
    char committee[64];

    if (ch->op == CH_DELETE)
        return 0;
    if (ctx->cfg != NULL &&
        config_item(&ctx->cfg->resident_tags, v[TAG_TAG].s) == NULL)
        return error_set(e, E_INVAL, "tags", _("unknown tag \"%s\""),
                         v[TAG_TAG].s);
    if (committee_of(ctx->db, v[TAG_RESIDENT].i, committee, sizeof committee,
                     e) < 0)
        return -1;
    if (strcmp(committee, v[TAG_COMMITTEE].s) != 0)
        return error_set(e, E_INVAL, "tags",
                         _("a tag belongs to the resident's committee"));
    return 0;
}

/* --- tags as typed --------------------------------------------------- */

/* Separators people type between tags; the multi-byte ones are what a
 * Chinese input method gives: 、 ， ； and the ideographic space. */
static size_t
separator(const char *p)
{
    static const char *const wide[] = { "、", "，", "；", "\u3000" };

    if (*p == ' ' || *p == ',' || *p == ';' || *p == '|' || *p == '/' ||
        *p == '\t')
        return 1;
    for (size_t i = 0; i < ARRAY_LEN(wide); i++) {
        size_t n = strlen(wide[i]);

        if (strncmp(p, wide[i], n) == 0)
            return n;
    }
    return 0;
}

static const struct cfg_item *
find_tag(const struct config *cfg, const char *word)
{
    const struct cfg_list *l = &cfg->resident_tags;

    for (size_t i = 0; i < l->n; i++) {
        if (text_eq_nocase(l->items[i].id, word) ||
            strcmp(l->items[i].name, word) == 0)
            return &l->items[i];
    }
    return NULL;
}

void
residents_tags_free(char **ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
}

int
residents_parse_tags(const struct config *cfg, const char *text, char ***ids,
                     size_t *n, struct error *e)
{
    char **v = NULL;
    size_t m = 0;
    const char *p = text != NULL ? text : "";

    *ids = NULL;
    *n = 0;
    while (*p != '\0') {
        size_t sep = separator(p), len = 0;
        const struct cfg_item *it;
        char *word;
        bool seen = false;

        if (sep > 0) {
            p += sep;
            continue;
        }
        while (p[len] != '\0' && separator(p + len) == 0)
            len++;
        word = xstrndup(p, len);
        p += len;
        if ((it = find_tag(cfg, word)) == NULL) {
            error_set(e, E_INVAL, "tags", _("unknown tag \"%s\""), word);
            free(word);
            residents_tags_free(v, m);
            return -1;
        }
        free(word);
        for (size_t i = 0; i < m; i++)
            seen = seen || strcmp(v[i], it->id) == 0;
        if (seen)
            continue;
        if (m == RESIDENT_TAGS_MAX) {
            residents_tags_free(v, m);
            return error_set(e, E_INVAL, "tags", _("at most %d tags"),
                             RESIDENT_TAGS_MAX);
        }
        v = xreallocarray(v, m + 1, sizeof *v);
        v[m++] = xstrdup(it->id);
    }
    *ids = v;
    *n = m;
    return 0;
}

/* --- input ----------------------------------------------------------- */

/* An input turned into column values; the strings are owned here. */
struct prepared {
    struct value v[RES_NCOLS];
    char        *own[RES_NCOLS];
    char         gender[2];
    char       **tags;
    size_t       ntags;
};

static void
prepared_free(struct prepared *p)
{
    for (size_t i = 0; i < RES_NCOLS; i++)
        free(p->own[i]);
    residents_tags_free(p->tags, p->ntags);
}

/* A trimmed copy of s in column c. */
static const char *
take(struct prepared *p, int c, const char *s)
{
    free(p->own[c]);
    p->own[c] = text_trim(xstrdup(s != NULL ? s : ""));
    p->v[c].s = p->own[c];
    return p->v[c].s;
}

static int
parse_gender(const char *s, char out[2], struct error *e)
{
    static const struct {
        const char *word;
        const char *code;
    } words[] = {
        { "M", "M" }, { "男", "M" }, { "male", "M" },
        { "F", "F" }, { "女", "F" }, { "female", "F" },
    };

    out[0] = '\0';
    if (*s == '\0')
        return 0;
    for (size_t i = 0; i < ARRAY_LEN(words); i++) {
        if (text_eq_nocase(s, words[i].word)) {
            snprintf(out, 2, "%s", words[i].code);
            return 0;
        }
    }
    return error_set(e, E_INVAL, "gender", _("gender is 男 (M) or 女 (F)"));
}

/* Drops the spaces and hyphens people put in phone numbers, so that the
 * digits are searched as one run (1381234 finds 138-1234-5678). */
static void
squeeze_phone(char *s)
{
    char *o = s;

    for (const char *p = s; *p != '\0'; p++) {
        if (*p != ' ' && *p != '-')
            *o++ = *p;
    }
    *o = '\0';
}

static int
prepare(struct ctx *ctx, const struct resident_input *in,
        const char *committee, struct prepared *p, struct error *e)
{
    const char *year, *id;
    char *initials;

    memset(p, 0, sizeof *p);
    if (committee == NULL || *committee == '\0')
        committee = ctx->who.committee;
    if (*committee == '\0')
        return error_set(e, E_INVAL, "committee_id",
                         _("choose the committee the resident belongs to"));
    take(p, RES_COMMITTEE, committee);
    take(p, RES_NAME, in->name);
    initials = pinyin_initials(p->v[RES_NAME].s);
    take(p, RES_INITIALS, initials);
    free(initials);
    if (parse_gender(take(p, RES_GENDER, in->gender), p->gender, e) < 0)
        return -1;
    p->v[RES_GENDER].s = p->gender;
    take(p, RES_BUILDING, in->building);
    take(p, RES_UNIT, in->unit);
    take(p, RES_ROOM, in->room);
    squeeze_phone((char *)take(p, RES_PHONE, in->phone));
    id = take(p, RES_ID_NUMBER, in->id_number);
    if (strlen(id) == 18 && id[17] == 'x')
        p->own[RES_ID_NUMBER][17] = 'X';
    take(p, RES_NOTES, in->notes);
    p->v[RES_ACTIVE].i = 1;
    year = in->birth_year != NULL ? in->birth_year : "";
    while (*year == ' ')
        year++;
    p->v[RES_BIRTH_YEAR].null = *year == '\0';
    if (*year != '\0') {
        char *end;
        long y = strtol(year, &end, 10);

        while (*end == ' ')
            end++;
        if (*end != '\0' || end - year != 4 || year[0] < '0' || year[0] > '9')
            return error_set(e, E_INVAL, "birth_year",
                             _("the birth year is a year such as 1956"));
        p->v[RES_BIRTH_YEAR].i = y;
    } else if (*id != '\0' && residents_check_id_number(id, NULL) == 0) {
        /* Not given but known: the ID number holds the date of birth. */
        p->v[RES_BIRTH_YEAR].null = false;
        p->v[RES_BIRTH_YEAR].i = id_birth_year(id);
    }
    if (in->ntags > RESIDENT_TAGS_MAX)
        return error_set(e, E_INVAL, "tags", _("at most %d tags"),
                         RESIDENT_TAGS_MAX);
    p->tags = xcalloc(in->ntags + 1, sizeof *p->tags);
    for (size_t i = 0; i < in->ntags; i++) {
        bool seen = false;

        for (size_t j = 0; j < p->ntags; j++)
            seen = seen || strcmp(p->tags[j], in->tags[i]) == 0;
        if (!seen)
            p->tags[p->ntags++] = xstrdup(in->tags[i]);
    }
    return 0;
}

/* --- writing --------------------------------------------------------- */


/* A transaction of its own, or a savepoint inside the caller's (an
 * import adds every row inside one). Either way the one undo for the
 * resident and its tags: the store_apply_in calls inside take none of
 * their own, and a failed row leaves nothing behind for the next row's
 * duplicate check to find. */
static int
txn_begin(struct db *db, bool *nested, struct error *e)
{
    *nested = !sqlite3_get_autocommit(db_sqlite(db));
    if (*nested)
        return db_run(db, sql_savepoint, e);
    return db_begin(db, e);
}

static int
txn_end(struct db *db, bool nested, int rc, struct error *e)
{
    if (rc == 0)
        return nested ? db_run(db, sql_release, e) : db_commit(db, e);
    if (nested) {
        db_run(db, sql_rollback_to, NULL);
        db_run(db, sql_release, NULL);
    } else {
        db_rollback(db);
    }
    return -1;
}

int
residents_fts_sync(struct db *db, struct error *e)
{
    return page_fts_sync(db, &residents_fts, e);
}

/* E_DUP when another resident of the committee has this name and
 * address; checked inside the write's transaction. */
static int
check_duplicate(struct db *db, const struct prepared *p, int64_t self,
                struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql_duplicate);
    int64_t other = 0;
    int rc;

    if (st == NULL)
        return db_failed(db, e);
    sqlite3_bind_text(st, 1, p->v[RES_COMMITTEE].s, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, p->v[RES_NAME].s, -1, SQLITE_STATIC);
    for (int i = 0; i < 3; i++) {
        const char *s = p->v[RES_BUILDING + i].s;

        if (*s == '\0')
            sqlite3_bind_null(st, 3 + i);
        else
            sqlite3_bind_text(st, 3 + i, s, -1, SQLITE_STATIC);
    }
    sqlite3_bind_int64(st, 6, self);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        other = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_error(db, rc, e);
    if (other == 0)
        return 0;
    if (*p->v[RES_BUILDING].s == '\0' && *p->v[RES_UNIT].s == '\0' &&
        *p->v[RES_ROOM].s == '\0')
        return error_set(e, E_DUP, "name",
                         _("%s, without an address, is already registered "
                           "(no. %lld)"), p->v[RES_NAME].s, (long long)other);
    return error_set(e, E_DUP, "name",
                     _("%s at this address is already registered (no. %lld)"),
                     p->v[RES_NAME].s, (long long)other);
}

/* Makes the resident's tag rows match p->tags: deletes and inserts, each
 * through store_apply_in (in the caller's savepoint) with its audit row.
 * A resident inserted a moment ago (`fresh`) has no tag rows yet: ids are
 * never reused (AUTOINCREMENT) and the foreign key keeps no orphans. */
static int
write_tags(struct ctx *ctx, int64_t resident, bool fresh,
           const struct prepared *p, struct error *e)
{
    sqlite3_stmt *st = NULL;
    struct change *ch = NULL;
    struct value (*vals)[TAG_NCOLS] = NULL;
    bool *kept;
    size_t n = 0, cap = 0;
    int rc = SQLITE_DONE;

    if (fresh && p->ntags == 0)
        return 0;
    if (!fresh && (st = db_stmt(ctx->db, sql_tag_rows)) == NULL)
        return db_failed(ctx->db, e);
    kept = xcalloc(p->ntags + 1, sizeof *kept);
    if (st != NULL)
        sqlite3_bind_int64(st, 1, resident);
    while (st != NULL && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *tag = (const char *)sqlite3_column_text(st, 1);
        size_t i;

        for (i = 0; i < p->ntags && strcmp(p->tags[i], tag) != 0; i++)
            ;
        if (i < p->ntags) {
            kept[i] = true;
            continue;
        }
        if (n == cap) {
            cap = cap == 0 ? 8 : cap * 2;
            ch = xreallocarray(ch, cap, sizeof *ch);
        }
        ch[n++] = (struct change){ &resident_tags_table, CH_DELETE,
                                   sqlite3_column_int64(st, 0),
                                   sqlite3_column_int64(st, 2), NULL, NULL,
                                   NULL };
    }
    if (st != NULL)
        sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(ch);
        free(kept);
        return db_error(ctx->db, rc, e);
    }
    ch = xreallocarray(ch, n + p->ntags + 1, sizeof *ch);
    vals = xcalloc(p->ntags + 1, sizeof *vals);
    for (size_t i = 0; i < p->ntags; i++) {
        if (kept[i])
            continue;
        vals[i][TAG_RESIDENT].i = resident;
        vals[i][TAG_COMMITTEE].s = p->v[RES_COMMITTEE].s;
        vals[i][TAG_TAG].s = p->tags[i];
        ch[n++] = (struct change){ &resident_tags_table, CH_INSERT, 0, 0,
                                   vals[i], NULL, NULL };
    }
    rc = n > 0 ? store_apply_in(ctx, ch, n, e) : 0;
    free(ch);
    free(vals);
    free(kept);
    return rc;
}

int
residents_add(struct ctx *ctx, const struct resident_input *in, bool force,
              int64_t *id, struct error *e)
{
    struct prepared p;
    struct change ch = { &residents_table, CH_INSERT, 0, 0, NULL, NULL, NULL };
    bool nested;
    int rc;

    if (id != NULL)
        *id = 0;
    if (prepare(ctx, in, in->committee, &p, e) < 0) {
        prepared_free(&p);
        return -1;
    }
    ch.vals = p.v;
    if (txn_begin(ctx->db, &nested, e) < 0) {
        prepared_free(&p);
        return -1;
    }
    rc = force ? 0 : check_duplicate(ctx->db, &p, 0, e);
    if (rc == 0)
        rc = store_apply_in(ctx, &ch, 1, e);
    if (rc == 0)
        rc = write_tags(ctx, ch.id, true, &p, e);
    if (rc == 0 && !nested)
        rc = residents_fts_sync(ctx->db, e);
    rc = txn_end(ctx->db, nested, rc, e);
    if (rc == 0 && id != NULL)
        *id = ch.id;
    prepared_free(&p);
    return rc;
}

int
residents_update(struct ctx *ctx, int64_t id, int64_t version,
                 const struct resident_input *in, bool force,
                 struct error *e)
{
    struct resident *old = xmalloc(sizeof *old);
    struct prepared p;
    struct change ch = { &residents_table, CH_UPDATE, id, version, NULL,
                         NULL, NULL };
    bool nested;
    int rc;

    /* The committee stays the resident's unless the input names one
     * (which the check then refuses if it differs). */
    if (residents_get(ctx, id, old, e) < 0) {
        free(old);
        return -1;
    }
    rc = prepare(ctx, in, in->committee != NULL && *in->committee != '\0'
                          ? in->committee : old->committee, &p, e);
    if (rc == 0 && !old->active)
        p.v[RES_ACTIVE].i = 0;
    free(old);
    if (rc < 0) {
        prepared_free(&p);
        return -1;
    }
    ch.vals = p.v;
    if (txn_begin(ctx->db, &nested, e) < 0) {
        prepared_free(&p);
        return -1;
    }
    rc = force ? 0 : check_duplicate(ctx->db, &p, id, e);
    if (rc == 0)
        rc = store_apply_in(ctx, &ch, 1, e);
    if (rc == 0)
        rc = write_tags(ctx, id, false, &p, e);
    if (rc == 0 && !nested)
        rc = residents_fts_sync(ctx->db, e);
    rc = txn_end(ctx->db, nested, rc, e);
    prepared_free(&p);
    return rc;
}

int
residents_set_active(struct ctx *ctx, int64_t id, int64_t version,
                     bool active, struct error *e)
{
    struct value *v;
    int64_t stored;
    struct change ch = { &residents_table, CH_UPDATE, id, version, NULL,
                         NULL, active ? "moved_back" : "moved_away" };
    int rc;

    if (store_load(ctx, &residents_table, id, &v, &stored, e) < 0) {
        if (e != NULL && e->code == E_PERM)
            error_set(e, E_NOTFOUND, NULL, _("no such resident"));
        return -1;
    }
    v[RES_ACTIVE].null = false;
    v[RES_ACTIVE].i = active;
    ch.vals = v;
    rc = store_apply(ctx, &ch, 1, e);
    store_values_free(v, RES_NCOLS);
    return rc;
}
