/* fixture.h — what the database tests set up alike: the bundled INI or
 * the small test geography, a fresh migrated database, accounts added
 * through staff_add() and logged in with auth_login(), a pinned today.
 *
 * yescrypt is slow on purpose, so accounts are made once per test binary
 * in a template database and each test starts from a copy of it
 * (fixture_copy()). The template holds what staff_add() and auth_login()
 * write: the staff rows and their audit rows ("insert", "login"), which
 * tests of audit counts must measure from, not from zero. */
#ifndef JUWEI_FIXTURE_H
#define JUWEI_FIXTURE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/auth.h"
#include "juwei/config.h"
#include "juwei/date.h"
#include "juwei/db.h"
#include "juwei/session.h"
#include "juwei/staff.h"
#include "juwei/util.h"

#define FIXTURE_PASSWORD "fixture-pass"
/* The command line's login in tests: session_system() names the user
 * running them, which an audit test cannot spell. */
#define FIXTURE_CLI "cli:test"

/* One account of a test. A NULL login is the command line (the system
 * session, staff id 0). A disabled account is disabled after its login,
 * so its session is one that outlived the account. */
struct fixture_person {
    const char *login, *name, *committee, *district;
    enum role   role;
    bool        disabled;
};

static inline void
fixture_fail(const char *what, const struct error *e)
{
    printf("fixture: %s: %s\n", what, e != NULL ? e->msg : "");
    exit(2);
}

/* Today is `ymd` at noon UTC: the same day in any time zone within
 * ±11 hours. */
static inline void
fixture_today(const char *ymd)
{
    date_t d;

    if (!date_parse_iso(ymd, &d))
        fixture_fail("not a date", NULL);
    util_set_now((int64_t)d * 86400 + 12 * 3600);
}

/* The test geography: districts east and west; c1 幸福社区 (grids 第一网格
 * and 第二网格) and c2 和平社区 in east, c3 光明社区 in west. The tables are
 * static: cfg points into them and needs no freeing. */
static inline void
fixture_geography(struct config *cfg)
{
    static char *grids1[] = { (char *)"第一网格", (char *)"第二网格" };
    static struct cfg_district districts[] = {
        { (char *)"east", (char *)"东城街道" },
        { (char *)"west", (char *)"西城街道" },
    };
    static struct cfg_committee committees[] = {
        { (char *)"c1", (char *)"幸福社区", (char *)"east", grids1, 2 },
        { (char *)"c2", (char *)"和平社区", (char *)"east", NULL, 0 },
        { (char *)"c3", (char *)"光明社区", (char *)"west", NULL, 0 },
    };

    cfg->districts = districts;
    cfg->ndistricts = ARRAY_LEN(districts);
    cfg->committees = committees;
    cfg->ncommittees = ARRAY_LEN(committees);
}

/* An INI (the bundled config/juwei.ini as a rule), its diagnostics
 * printed; a file that does not load ends the test binary. */
static inline struct config *
fixture_ini(const char *path)
{
    struct diags d = { 0 };
    struct config *cfg = config_load(path, &d);

    diags_print(&d, stdout);
    diags_free(&d);
    if (cfg == NULL) {
        printf("fixture: cannot load %s\n", path);
        exit(2);
    }
    return cfg;
}

/* A fresh database at path (":memory:" or a new file) at the current
 * schema with cfg synced. */
static inline struct db *
fixture_db_at(const char *path, const struct config *cfg)
{
    struct error e = { 0 };
    struct db *db = db_open(path, DB_CREATE, &e);

    if (db == NULL || db_migrate(db, &e) < 0 ||
        db_sync_config(db, cfg, &e) < 0)
        fixture_fail("database", &e);
    return db;
}

/* A fresh in-memory database at the current schema with cfg synced. */
static inline struct db *
fixture_db(const struct config *cfg)
{
    return fixture_db_at(":memory:", cfg);
}

/* The context of a session on db. */
static inline struct ctx
fixture_ctx(struct db *db, const struct config *cfg, const struct session *s)
{
    struct ctx c = { 0 };

    c.db = db;
    c.cfg = cfg;
    c.who = *s;
    return c;
}

/* The command line's context on db: session_system() (staff id 0,
 * admin) logged as FIXTURE_CLI. */
static inline struct ctx
fixture_system(struct db *db, const struct config *cfg)
{
    struct session system;

    session_system(&system);
    snprintf(system.login, sizeof system.login, "%s", FIXTURE_CLI);
    snprintf(system.name, sizeof system.name, "%s", FIXTURE_CLI);
    return fixture_ctx(db, cfg, &system);
}

/* One account added through staff_add() as the command line, not logged
 * in (login is the slow part); its staff id. */
static inline int64_t
fixture_add(struct db *db, const struct config *cfg, const char *login,
            const char *name, const char *committee, const char *district,
            enum role role)
{
    struct ctx c = fixture_system(db, cfg);
    struct staff s;
    struct error e = { 0 };

    if (staff_add(&c, login, name, committee, district, role,
                  FIXTURE_PASSWORD, &e) < 0 ||
        staff_find_login(&c, login, &s, &e) < 0)
        fixture_fail(login, &e);
    return s.id;
}

/* Adds the accounts in order through staff_add() as the command line
 * (on an empty table the n-th account with a login gets id n) and logs
 * each in: sess[i] is p[i]'s session. */
static inline void
fixture_people(struct db *db, const struct config *cfg,
               const struct fixture_person *p, size_t n, struct session *sess)
{
    struct ctx c = fixture_system(db, cfg);
    struct error e = { 0 };

    for (size_t i = 0; i < n; i++) {
        if (p[i].login == NULL) {
            sess[i] = c.who;
            continue;
        }
        fixture_add(db, cfg, p[i].login, p[i].name, p[i].committee,
                    p[i].district, p[i].role);
        if (auth_login(db, p[i].login, FIXTURE_PASSWORD, &sess[i], &e) < 0 ||
            (p[i].disabled && staff_disable(&c, p[i].login, &e) < 0))
            fixture_fail(p[i].login, &e);
    }
}

/* The office most scoping tests use, by staff id: 1 li (staff c1), 2 zhao
 * (staff c1), 3 chen (staff c2), 4 liu (director c1), 5 sun (street
 * east), 6 root (admin), 7 wang (staff c3, west), 8 zhou (street west),
 * 9 gone (staff c1, disabled), 10 he (director c2); 0 is the command
 * line. Pass FIXTURE_OFFICE_N sessions to fixture_people(). */
#define FIXTURE_OFFICE_N 11
static inline const struct fixture_person *
fixture_office(void)
{
    static const struct fixture_person office[FIXTURE_OFFICE_N] = {
        { NULL, NULL, NULL, NULL, ROLE_ADMIN, false },
        { "li", "李明", "c1", NULL, ROLE_STAFF, false },
        { "zhao", "赵丽", "c1", NULL, ROLE_STAFF, false },
        { "chen", "陈刚", "c2", NULL, ROLE_STAFF, false },
        { "liu", "刘主任", "c1", NULL, ROLE_DIRECTOR, false },
        { "sun", "孙街道", NULL, "east", ROLE_STREET, false },
        { "root", "管理员", NULL, NULL, ROLE_ADMIN, false },
        { "wang", "王芳", "c3", NULL, ROLE_STAFF, false },
        { "zhou", "周街道", NULL, "west", ROLE_STREET, false },
        { "gone", "离职者", "c1", NULL, ROLE_STAFF, true },
        { "he", "何主任", "c2", NULL, ROLE_DIRECTOR, false },
    };

    return office;
}

static inline struct ctx
fixture_as_staff(struct ctx c, const struct staff *s)
{
    memset(&c.who, 0, sizeof c.who);
    c.who.staff_id = s->id;
    c.who.role = s->role;
    snprintf(c.who.login, sizeof c.who.login, "%s", s->login);
    snprintf(c.who.committee, sizeof c.who.committee, "%s", s->committee);
    snprintf(c.who.district, sizeof c.who.district, "%s", s->district);
    return c;
}

/* The session of `login` as its row stands now (role, committee): a
 * test that changes an account sees the change, as a fresh login would. */
static inline struct ctx
fixture_as(struct db *db, const struct config *cfg, const char *login)
{
    struct ctx c = fixture_system(db, cfg);
    struct staff s;
    struct error e = { 0 };

    if (staff_find_login(&c, login, &s, &e) < 0)
        fixture_fail(login, &e);
    return fixture_as_staff(c, &s);
}

/* The same by staff id, for tests whose rows have fixed ids; 0 is the
 * command line (fixture_system()). */
static inline struct ctx
fixture_as_id(struct db *db, const struct config *cfg, int64_t id)
{
    struct ctx c = fixture_system(db, cfg);
    struct staff s;
    struct error e = { 0 };

    if (id == 0)
        return c;
    if (staff_get(&c, id, &s, &e) < 0)
        fixture_fail("no such staff id", &e);
    return fixture_as_staff(c, &s);
}

/* An account written straight into the table (role as its name), with
 * no audit row and no password: for a test that adds someone while it
 * counts audit rows. Others use fixture_people(). */
static inline int64_t
fixture_insert_staff(struct db *db, const char *login, const char *name,
                     const char *committee, const char *district,
                     const char *role)
{
    sqlite3_stmt *st;
    int64_t id;

    sqlite3_prepare_v2(db_sqlite(db),
                       "INSERT INTO staff (login, name, committee_id,"
                       " district_id, role, password_hash, created_at,"
                       " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'x', 1, 1)",
                       -1, &st, NULL);
    sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, committee, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, district, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, role, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) {
        printf("  fixture: %s: %s\n", login, sqlite3_errmsg(db_sqlite(db)));
        exit(2);
    }
    sqlite3_finalize(st);
    id = sqlite3_last_insert_rowid(db_sqlite(db));
    return id;
}

/* A new in-memory database holding what `template` holds. */
static inline struct db *
fixture_copy(struct db *template)
{
    struct error e = { 0 };
    struct db *db = db_open(":memory:", DB_CREATE, &e);
    sqlite3_backup *b;

    if (db == NULL)
        fixture_fail("database", &e);
    b = sqlite3_backup_init(db_sqlite(db), "main", db_sqlite(template),
                            "main");
    if (b == NULL || sqlite3_backup_step(b, -1) != SQLITE_DONE)
        fixture_fail("cannot copy the template", NULL);
    sqlite3_backup_finish(b);
    return db;
}

/* The pattern of every test binary here: on the first call, *template
 * becomes a fresh database of cfg (set up by the caller) with `people`
 * added and logged in (sessions in sess); every call returns a fresh
 * copy of it. */
static inline struct db *
fixture_template_copy(struct db **template, const struct config *cfg,
                      const struct fixture_person *people, size_t n,
                      struct session *sess)
{
    if (*template == NULL) {
        *template = fixture_db(cfg);
        fixture_people(*template, cfg, people, n, sess);
    }
    return fixture_copy(*template);
}

/* The first column of the first row; -1 when there is none, -2 (with the
 * message printed) when the statement does not prepare. */
static inline int64_t
fixture_count(struct db *db, const char *sql)
{
    sqlite3_stmt *st;
    int64_t v = -1;

    if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK) {
        printf("  count: %s\n", sqlite3_errmsg(db_sqlite(db)));
        return -2;
    }
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The first column of the first row as text, "(none)" when there is no
 * row or it does not prepare. */
static inline const char *
fixture_text(struct db *db, const char *sql, char *buf, size_t size)
{
    sqlite3_stmt *st;

    snprintf(buf, size, "(none)");
    if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK)
        return buf;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
        snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

/* The first column of up to `max` rows, in the statement's order, into
 * ids; how many. */
static inline int
fixture_ids(struct db *db, const char *sql, int64_t *ids, int max)
{
    sqlite3_stmt *st;
    int n = 0;

    if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK) {
        printf("  ids: %s\n", sqlite3_errmsg(db_sqlite(db)));
        return 0;
    }
    while (n < max && sqlite3_step(st) == SQLITE_ROW)
        ids[n++] = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Test SQL that must work; a failure ends the test binary. */
static inline void
fixture_exec(struct db *db, const char *sql)
{
    char *err = NULL;

    if (sqlite3_exec(db_sqlite(db), sql, NULL, NULL, &err) != SQLITE_OK) {
        printf("  exec: %s\n  %s\n", err, sql);
        sqlite3_free(err);
        exit(2);
    }
}

#endif
