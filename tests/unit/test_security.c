/* test_security.c — hostile input and access rules across the core.
 *
 * - Committee scoping, table-driven: every core read and write that takes
 *   a context is tried as people who must not reach another committee's
 *   row (staff and director of another committee, the street office of
 *   another district) and, as a control, as someone who must. A module
 *   that lands adds its functions to the table.
 * - SQL metacharacters (quotes, semicolons, comment marks, LIKE
 *   wildcards, backslashes) through every text field of the tables that
 *   exist (accounts, drafts, records) are stored and found verbatim, and
 *   the schema is untouched.
 * - Passwords are yescrypt and never stored or audited in clear; every
 *   change and every login, failed login and lockout leaves its audit
 *   row, and the chain over them is whole. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "juwei/audit.h"
#include "juwei/auth.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/draft.h"
#include "juwei/staff.h"
#include "juwei/store.h"

static struct db *db, *template_db;

static struct cfg_district districts[] = {
    { (char *)"east", (char *)"东城街道" },
    { (char *)"west", (char *)"西城街道" },
};
static struct cfg_committee committees[] = {
    { (char *)"c1", (char *)"幸福社区", (char *)"east", NULL, 0 },
    { (char *)"c2", (char *)"和平社区", (char *)"east", NULL, 0 },
    { (char *)"c3", (char *)"光明社区", (char *)"west", NULL, 0 },
};

static const struct column record_cols[] = {
    { "committee_id", COL_ID, true, 0, 0, 0, "Committee", false },
    { "staff_id", COL_ID, true, 0, 0, 0, "Staff", false },
    { "date", COL_DATE, true, 0, 0, 0, "Date", false },
    { "category", COL_ID, true, 0, 0, 0, "Category", false },
    { "title", COL_TEXT, true, 100, 0, 0, "Title", false },
    { "details", COL_LONGTEXT, false, 0, 0, 0, "Details", false },
};
/* The records table as a test sees it, until records.c lands. */
static const struct table records = {
    .name = "records", .cols = record_cols, .ncols = 6,
    .committee_col = "committee_id", .owner_col = "staff_id",
};

/* The people, filled in by setup(). */
enum who { ADMIN, LI, LIU, SUN, WANG, ZHOU, QIAN, NWHO };
static const struct {
    const char *login, *name, *committee, *district;
    enum role   role;
} people[NWHO] = {
    [ADMIN] = { NULL, NULL, NULL, NULL, ROLE_ADMIN },     /* the command line */
    [LI]    = { "li", "李明", "c1", NULL, ROLE_STAFF },        /* the owner */
    [LIU]   = { "liu", "刘主任", "c1", NULL, ROLE_DIRECTOR },
    [SUN]   = { "sun", "孙街道", NULL, "east", ROLE_STREET },
    [WANG]  = { "wang", "王芳", "c2", NULL, ROLE_STAFF },
    [ZHOU]  = { "zhou", "周主任", "c2", NULL, ROLE_DIRECTOR },
    [QIAN]  = { "qian", "钱街道", NULL, "west", ROLE_STREET },
};
static struct session sess[NWHO];

/* What the table's functions work on: li's account, record and draft. */
static int64_t li_id, li_record, li_draft;

static struct ctx
as(enum who w)
{
    struct ctx c = { 0 };

    c.db = db;
    c.who = sess[w];
    return c;
}

static int64_t
count(const char *sql)
{
    sqlite3_stmt *st;
    int64_t v = -1;

    if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK)
        return -2;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int
add_record(struct ctx *c, const char *committee, const char *title,
           const char *details, int64_t *id, struct error *e)
{
    struct value v[6] = { 0 };
    struct change ch = { &records, CH_INSERT, 0, 0, v, NULL, NULL };

    v[0].s = committee;
    /* the command line acts for nobody: its records are li's */
    v[1].i = c->who.staff_id != 0 ? c->who.staff_id : li_id;
    v[2].s = "2025-05-06";
    v[3].s = "visit";
    v[4].s = title;
    v[5].s = details;
    if (store_apply(c, &ch, 1, e) < 0)
        return -1;
    *id = ch.id;
    return 0;
}

/* The accounts, li's record and draft, made once (yescrypt is slow on
 * purpose); each test starts from a fresh copy. */
static void
make_template(void)
{
    struct error e = { 0 };
    struct config cfg = { 0 };
    struct ctx c;
    const char *names[] = { "title" }, *values[] = { "未写完" };

    util_set_now(1750000000);
    db = db_open(":memory:", DB_CREATE, &e);
    if (db == NULL || db_migrate(db, &e) < 0)
        goto fail;
    cfg.districts = districts;
    cfg.ndistricts = 2;
    cfg.committees = committees;
    cfg.ncommittees = 3;
    if (db_sync_config(db, &cfg, &e) < 0)
        goto fail;
    session_system(&sess[ADMIN]);
    for (int w = LI; w < NWHO; w++) {
        c = as(ADMIN);
        if (staff_add(&c, people[w].login, people[w].name, people[w].committee,
                      people[w].district, people[w].role, "secret-pass",
                      &e) < 0 ||
            auth_login(db, people[w].login, "secret-pass", &sess[w], &e) < 0)
            goto fail;
    }
    li_id = sess[LI].staff_id;
    c = as(LI);
    if (add_record(&c, "c1", "李明的记录", "只有幸福社区能看", &li_record,
                   &e) < 0 ||
        draft_save(&c, "record", 0, names, values, 1, &e) < 0)
        goto fail;
    li_draft = count("SELECT max(id) FROM drafts");
    template_db = db;
    db = NULL;
    return;
fail:
    printf("setup: %s\n", e.msg);
    exit(2);
}

static void
setup(void)
{
    struct error e = { 0 };
    sqlite3_backup *b;

    if (template_db == NULL)
        make_template();
    if (db != NULL)
        db_close(db);
    db = db_open(":memory:", DB_CREATE, &e);
    b = db != NULL ? sqlite3_backup_init(db_sqlite(db), "main",
                                         db_sqlite(template_db), "main")
                   : NULL;
    if (b == NULL || sqlite3_backup_step(b, -1) != SQLITE_DONE) {
        printf("setup: cannot copy the template\n");
        exit(2);
    }
    sqlite3_backup_finish(b);
    li_record = count("SELECT min(id) FROM records");
    li_draft = count("SELECT min(id) FROM drafts");
}

/* --- the scoping table ----------------------------------------------- */

/* Each entry tries to reach li's data as `c` and says whether it did. */
struct probe {
    const char *what;
    bool      (*reach)(struct ctx *c);
    /* who must reach it (the control), and who must not */
    unsigned    insiders, outsiders;
};

#define W(x) (1u << (x))

static bool
reach_find_login(struct ctx *c)
{
    struct staff s;
    struct error e = { 0 };

    return staff_find_login(c, "li", &s, &e) == 0;
}

static bool
reach_get(struct ctx *c)
{
    struct staff s;
    struct error e = { 0 };

    return staff_get(c, li_id, &s, &e) == 0;
}

static bool
reach_list(struct ctx *c)
{
    struct staff *v = NULL;
    size_t n = 0;
    struct error e = { 0 };
    bool found = false;

    if (staff_list(c, true, &v, &n, &e) == 0) {
        for (size_t i = 0; i < n; i++)
            found |= v[i].id == li_id;
    }
    free(v);
    return found;
}

static bool
reach_page(struct ctx *c)
{
    struct staff v[16];
    int got = 0;
    struct error e = { 0 };
    bool found = false;

    /* by name, and from either end */
    static const enum page_dir dirs[] = { PAGE_FIRST, PAGE_LAST };

    for (size_t d = 0; d < ARRAY_LEN(dirs); d++) {
        if (staff_page(c, "李", true, dirs[d], NULL, 16, v, &got, &e) == 0) {
            for (int i = 0; i < got; i++)
                found |= v[i].id == li_id;
        }
    }
    return found;
}

static bool
reach_page_count(struct ctx *c)
{
    return staff_page_count(c, "李明", true) > 0;
}

static bool
reach_password(struct ctx *c)
{
    struct error e = { 0 };

    return staff_set_password(c, li_id, "other-pass-1", &e) == 0;
}

static bool
reach_disable(struct ctx *c)
{
    struct error e = { 0 };
    bool done = staff_disable(c, "li", &e) == 0;

    if (done) {
        struct ctx a = as(ADMIN);

        staff_enable(&a, "li", &e);
    }
    return done;
}

static bool
reach_enable(struct ctx *c)
{
    struct ctx a = as(ADMIN);
    struct error e = { 0 };
    bool done;

    staff_disable(&a, "li", &e);
    done = staff_enable(c, "li", &e) == 0;
    staff_enable(&a, "li", &e);
    return done;
}

static bool
reach_add_to_c1(struct ctx *c)
{
    struct error e = { 0 };

    return staff_add(c, "newbie", "新人", "c1", NULL, ROLE_STAFF,
                     "secret-pass", &e) == 0;
}

static bool
reach_record_load(struct ctx *c)
{
    struct value *v = NULL;
    int64_t version;
    struct error e = { 0 };
    bool ok = store_load(c, &records, li_record, &v, &version, &e) == 0;

    store_values_free(v, records.ncols);
    return ok;
}

static bool
reach_record_update(struct ctx *c)
{
    struct ctx owner = as(LI);
    struct value *v = NULL;
    int64_t version;
    struct error e = { 0 };
    bool ok;

    if (store_load(&owner, &records, li_record, &v, &version, &e) < 0)
        return false;
    free((char *)v[4].s);
    v[4].s = xstrdup("被改了");
    struct change ch = { &records, CH_UPDATE, li_record, version, v, NULL,
                         NULL };
    ok = store_apply(c, &ch, 1, &e) == 0;
    store_values_free(v, records.ncols);
    return ok;
}

static bool
reach_record_delete(struct ctx *c)
{
    struct error e = { 0 };
    char sql[80];
    int64_t version;

    snprintf(sql, sizeof sql, "SELECT version FROM records WHERE id = %lld",
             (long long)li_record);
    version = count(sql);
    struct change ch = { &records, CH_DELETE, li_record, version, NULL, NULL,
                         NULL };
    bool ok = store_apply(c, &ch, 1, &e) == 0;

    if (ok) {     /* put it back for the next probe */
        struct ctx owner = as(LI);

        add_record(&owner, "c1", "李明的记录", "只有幸福社区能看", &li_record,
                   &e);
    }
    return ok;
}

static bool
reach_record_insert(struct ctx *c)
{
    struct error e = { 0 };
    int64_t id;

    return add_record(c, "c1", "塞进别人的社区", NULL, &id, &e) == 0;
}

/* What list screens use: SCOPE_SQL bound from the session. */
static bool
reach_scope_sql(struct ctx *c)
{
    static const char sql[] =
        "SELECT count(*) FROM records WHERE id = ?1 AND "
        SCOPE_SQL("committee_id");
    sqlite3_stmt *st = db_stmt(db, sql);
    bool found;

    sqlite3_bind_int64(st, 1, li_record);
    session_bind_scope(&c->who, st);
    found = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
    sqlite3_reset(st);
    return found;
}

static bool
reach_draft_list(struct ctx *c)
{
    struct draft *v = NULL;
    size_t n = 0;
    struct error e = { 0 };
    bool found = false;

    if (draft_list(c, &v, &n, &e) == 0) {
        for (size_t i = 0; i < n; i++)
            found |= v[i].id == li_draft;
    }
    draft_free_list(v, n);
    return found;
}

static bool
reach_draft_discard(struct ctx *c)
{
    struct error e = { 0 };
    const char *names[] = { "title" }, *values[] = { "未写完" };
    bool gone;

    draft_discard(c, li_draft, &e);
    gone = count("SELECT count(*) FROM drafts WHERE staff_id = 1"
                 " OR staff_id = (SELECT id FROM staff WHERE login = 'li')")
           == 0;
    if (gone) {
        struct ctx owner = as(LI);

        draft_save(&owner, "record", 0, names, values, 1, &e);
        li_draft = count("SELECT max(id) FROM drafts");
    }
    return gone;
}

static const struct probe probes[] = {
    { "staff_find_login", reach_find_login,
      W(LI) | W(LIU) | W(SUN) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "staff_get", reach_get,
      W(LI) | W(LIU) | W(SUN) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "staff_list", reach_list,
      W(LI) | W(LIU) | W(SUN) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "staff_page", reach_page,
      W(LI) | W(LIU) | W(SUN) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "staff_page_count", reach_page_count,
      W(LI) | W(LIU) | W(SUN) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "staff_set_password", reach_password,
      W(LI) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "staff_disable", reach_disable,
      W(ADMIN), W(LI) | W(LIU) | W(SUN) | W(WANG) | W(ZHOU) | W(QIAN) },
    { "staff_enable", reach_enable,
      W(ADMIN), W(LI) | W(LIU) | W(SUN) | W(WANG) | W(ZHOU) | W(QIAN) },
    { "staff_add", reach_add_to_c1,
      W(ADMIN), W(LI) | W(LIU) | W(SUN) | W(WANG) | W(ZHOU) | W(QIAN) },
    { "store_load records", reach_record_load,
      W(LI) | W(LIU) | W(SUN) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "store_apply update records", reach_record_update,
      W(LI) | W(LIU) | W(SUN) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "store_apply delete records", reach_record_delete,
      W(LI) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "store_apply insert records", reach_record_insert,
      W(LIU) | W(SUN) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "SCOPE_SQL records", reach_scope_sql,
      W(LI) | W(LIU) | W(SUN) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "draft_list", reach_draft_list,
      W(LI), W(LIU) | W(SUN) | W(WANG) | W(ZHOU) | W(QIAN) | W(ADMIN) },
    { "draft_discard", reach_draft_discard,
      W(LI), W(LIU) | W(SUN) | W(WANG) | W(ZHOU) | W(QIAN) },
};

static void
test_scoping_table(void)
{
    static const char *const names[NWHO] = {
        "admin", "li", "liu", "sun", "wang", "zhou", "qian",
    };

    for (size_t p = 0; p < ARRAY_LEN(probes); p++) {
        for (int w = 0; w < NWHO; w++) {
            bool in = probes[p].insiders & W(w);
            bool out = probes[p].outsiders & W(w);
            struct ctx c;

            if (!in && !out)
                continue;
            setup();
            c = as((enum who)w);
            if (probes[p].reach(&c) != in) {
                printf("  %s as %s: %s\n", probes[p].what, names[w],
                       in ? "refused, but must work" : "REACHED another "
                       "committee's data");
                check_failed_here = 1;
            }
        }
    }
}

/* Every write leaves the database's other rows alone, as a refused one
 * leaves everything: a leak the probes could miss (writing, then
 * failing) shows here. */
static void
test_refused_writes_change_nothing(void)
{
    setup();
    int64_t audit = count("SELECT count(*) FROM audit");
    int64_t sum = count("SELECT total(version) + count(*) FROM staff");
    int64_t recs = count("SELECT total(version) + count(*) FROM records");

    for (size_t p = 0; p < ARRAY_LEN(probes); p++) {
        /* these two write as the administrator to set the stage */
        if (probes[p].reach == reach_draft_discard ||
            probes[p].reach == reach_enable)
            continue;
        for (int w = 0; w < NWHO; w++) {
            struct ctx c = as((enum who)w);

            if (probes[p].outsiders & W(w))
                probes[p].reach(&c);
        }
    }
    CHECK_INT(count("SELECT total(version) + count(*) FROM staff"), sum);
    CHECK_INT(count("SELECT total(version) + count(*) FROM records"), recs);
    /* reads leave no trace; refused writes neither */
    CHECK_INT(count("SELECT count(*) FROM audit"), audit);
}

/* --- SQL metacharacters ---------------------------------------------- */

static const char *const hostile[] = {
    "O'Brien",
    "\"双引号\"",
    "'; DROP TABLE staff; --",
    "a'); DELETE FROM audit; --",
    "100% 真_的",
    "反斜杠\\",
    "/* 注释 */ OR 1=1",
    "\\u0000 和 {\"json\": [1, 2]}",
    "}, \"x\": \"y",
};

static int64_t
schema_objects(void)
{
    return count("SELECT count(*) FROM sqlite_schema");
}

static void
test_quotes_in_accounts(void)
{
    int64_t objects;

    setup();
    objects = schema_objects();
    for (size_t i = 0; i < ARRAY_LEN(hostile); i++) {
        struct ctx c = as(ADMIN);
        struct error e = { 0 };
        struct staff s;
        char login[16];

        snprintf(login, sizeof login, "h%zu", i);
        CHECK_INT(staff_add(&c, login, hostile[i], "c2", NULL, ROLE_STAFF,
                            "secret-pass", &e), 0);
        CHECK_INT(staff_find_login(&c, login, &s, &e), 0);
        CHECK_STR(s.name, hostile[i]);
        /* finding by the text itself finds exactly that one */
        CHECK_INT(staff_page_count(&c, hostile[i], true), 1);
    }
    /* a wildcard in a search is a plain character */
    {
        struct ctx c = as(ADMIN);

        CHECK_INT(staff_page_count(&c, "%", true), 1);
        CHECK_INT(staff_page_count(&c, "_", true), 1);
    }
    CHECK_INT(schema_objects(), objects);
    CHECK_INT(count("SELECT count(*) FROM staff"), NWHO - 1 +
              (int64_t)ARRAY_LEN(hostile));
    {
        int64_t bad = 0;
        struct error e = { 0 };

        CHECK_INT(audit_verify_chain(db, &bad, &e), 0);
    }
}

static void
test_quotes_in_records_and_drafts(void)
{
    const char *names[ARRAY_LEN(hostile) + 1];
    const char *values[ARRAY_LEN(hostile) + 1];
    struct ctx c;
    struct error e = { 0 };
    struct draft *d = NULL;
    size_t n = 0;
    int64_t objects;

    setup();
    objects = schema_objects();
    c = as(LI);
    for (size_t i = 0; i < ARRAY_LEN(hostile); i++) {
        int64_t id;
        struct value *v = NULL;
        int64_t version;

        CHECK_INT(add_record(&c, "c1", hostile[i], hostile[i], &id, &e), 0);
        CHECK_INT(store_load(&c, &records, id, &v, &version, &e), 0);
        if (v != NULL) {
            CHECK_STR(v[4].s, hostile[i]);
            CHECK_STR(v[5].s, hostile[i]);
            store_values_free(v, records.ncols);
        }
        /* and the audit row holds them verbatim in its JSON */
        sqlite3_stmt *st;

        sqlite3_prepare_v2(db_sqlite(db), "SELECT after ->> '$.title'"
                           " FROM audit WHERE tbl = 'records' AND row_id = ?1",
                           -1, &st, NULL);
        sqlite3_bind_int64(st, 1, id);
        CHECK_INT(sqlite3_step(st), SQLITE_ROW);
        CHECK_STR((const char *)sqlite3_column_text(st, 0), hostile[i]);
        sqlite3_finalize(st);
        /* field names are hostile too in a draft's JSON */
        names[i] = hostile[i];
        values[i] = hostile[(i + 1) % ARRAY_LEN(hostile)];
    }
    names[ARRAY_LEN(hostile)] = "multi";
    values[ARRAY_LEN(hostile)] = "第一行\n第二行\t制表";
    CHECK_INT(draft_save(&c, "record", 0, names, values,
                         ARRAY_LEN(hostile) + 1, &e), 0);
    CHECK_INT(draft_list(&c, &d, &n, &e), 0);
    CHECK_INT(n, 1);      /* the new draft replaced setup's of the same form */
    if (n == 1) {
        CHECK_INT(d[0].n, ARRAY_LEN(hostile) + 1);
        for (size_t i = 0; i <= ARRAY_LEN(hostile); i++)
            CHECK_STR(draft_value(&d[0], names[i]), values[i]);
    }
    draft_free_list(d, n);
    CHECK_INT(schema_objects(), objects);
}

/* --- passwords and the audit trail ------------------------------------ */

static void
test_passwords_are_yescrypt(void)
{
    sqlite3_stmt *st;

    setup();
    sqlite3_prepare_v2(db_sqlite(db), "SELECT password_hash FROM staff", -1,
                       &st, NULL);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *h = (const char *)sqlite3_column_text(st, 0);

        CHECK(strncmp(h, "$y$", 3) == 0);
        CHECK(strstr(h, "secret-pass") == NULL);
    }
    sqlite3_finalize(st);
    /* nowhere in the audit log, neither the password nor a hash */
    CHECK_INT(count("SELECT count(*) FROM audit WHERE instr(coalesce(after,"
                    " '') || coalesce(before, ''), 'secret-pass') > 0"
                    " OR instr(coalesce(after, '') || coalesce(before, ''),"
                    " '$y$') > 0"), 0);
    CHECK(count("SELECT count(*) FROM audit WHERE after ->> '$.password_hash'"
                " = '[redacted]'") >= NWHO - 1);
}

/* What an account's day leaves in the log, in order, sealed. */
static void
test_audit_trail(void)
{
    struct ctx admin, li;
    struct session s;
    struct error e = { 0 };
    int64_t first, id, bad = 0;
    sqlite3_stmt *st;
    char got[1024] = "";
    static const char want[] =
        "insert staff cli;login staff li;login_failed staff li;"
        "login_failed staff li;login_failed staff li;login_failed staff li;"
        "lockout staff li;login_failed staff li;password staff cli;"
        "login staff li;insert records li;update records li;"
        "delete records li;disable staff cli;login_failed staff li;"
        "enable staff cli;logout - li;";

    setup();
    first = count("SELECT max(id) FROM audit");
    admin = as(ADMIN);
    CHECK_INT(staff_add(&admin, "zhang", "张三", "c1", NULL, ROLE_STAFF,
                        "secret-pass", &e), 0);
    CHECK_INT(auth_login(db, "zhang", "secret-pass", &s, &e), 0);
    for (int i = 0; i < AUTH_MAX_FAILURES; i++)
        CHECK_INT(auth_login(db, "zhang", "wrong-pass", &s, &e), -1);
    /* locked: even the right password is refused, and logged */
    CHECK_INT(auth_login(db, "zhang", "secret-pass", &s, &e), -1);
    CHECK_INT(e.code, E_AUTH);
    CHECK_INT(staff_set_password(&admin, s.staff_id ? s.staff_id :
                                 count("SELECT id FROM staff WHERE"
                                       " login = 'zhang'"),
                                 "new-secret-1", &e), 0);
    CHECK_INT(auth_login(db, "zhang", "new-secret-1", &s, &e), 0);
    li.db = db;
    li.cfg = NULL;
    li.who = s;
    CHECK_INT(add_record(&li, "c1", "记录", NULL, &id, &e), 0);
    {
        struct value *v = NULL;
        int64_t version;

        CHECK_INT(store_load(&li, &records, id, &v, &version, &e), 0);
        free((char *)v[4].s);
        v[4].s = xstrdup("改过");
        struct change ch = { &records, CH_UPDATE, id, version, v, NULL, NULL };
        CHECK_INT(store_apply(&li, &ch, 1, &e), 0);
        store_values_free(v, records.ncols);
        struct change del = { &records, CH_DELETE, id, version + 1, NULL,
                              NULL, NULL };
        CHECK_INT(store_apply(&li, &del, 1, &e), 0);
    }
    CHECK_INT(staff_disable(&admin, "zhang", &e), 0);
    CHECK_INT(auth_login(db, "zhang", "new-secret-1", &s, &e), -1);
    CHECK_INT(staff_enable(&admin, "zhang", &e), 0);
    CHECK_INT(audit_append(db, &li.who, "logout", NULL, 0, NULL, NULL, &e), 0);

    sqlite3_prepare_v2(db_sqlite(db), "SELECT action || ' ' ||"
                       " coalesce(tbl, '-') || ' ' ||"
                       " CASE WHEN actor_login LIKE 'cli:%' THEN 'cli'"
                       " WHEN actor_login = 'zhang' THEN 'li'"
                       " ELSE coalesce(actor_login, '?') END"
                       " FROM audit WHERE id > ?1 ORDER BY id", -1, &st, NULL);
    sqlite3_bind_int64(st, 1, first);
    while (sqlite3_step(st) == SQLITE_ROW) {
        strncat(got, (const char *)sqlite3_column_text(st, 0),
                sizeof got - strlen(got) - 2);
        strcat(got, ";");
    }
    sqlite3_finalize(st);
    CHECK_STR(got, want);
    CHECK_INT(audit_verify_chain(db, &bad, &e), 0);
}

int
main(void)
{
    RUN(test_scoping_table);
    RUN(test_refused_writes_change_nothing);
    RUN(test_quotes_in_accounts);
    RUN(test_quotes_in_records_and_drafts);
    RUN(test_passwords_are_yescrypt);
    RUN(test_audit_trail);
    db_close(db);
    db_close(template_db);
    return CHECK_DONE();
}
