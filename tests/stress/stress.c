/* stress.c — see stress.h. */
#include "stress.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "juwei/config.h"

static const struct column record_cols[] = {
    [R_COMMITTEE] = { "committee_id", COL_ID, true, 0, 0, 0, "Committee", false },
    [R_STAFF]     = { "staff_id", COL_ID, true, 0, 0, 0, "Staff", false },
    [R_DATE]      = { "date", COL_DATE, true, 0, 0, 0, "Date", false },
    [R_CATEGORY]  = { "category", COL_ID, true, 32, 0, 0, "Category", false },
    [R_TITLE]     = { "title", COL_TEXT, true, 60, 0, 0, "Title", false },
    [R_DETAILS]   = { "details", COL_LONGTEXT, false, 2000, 0, 0, "Details",
                      false },
    [R_HOURS]     = { "hours", COL_REAL, false, 0, 0, 24, "Hours", false },
};

const struct table stress_records = {
    .name = "records", .cols = record_cols, .ncols = R_NCOLS,
    .committee_col = "committee_id", .owner_col = "staff_id",
};

static const char *const committee_of[] = {
    "", "c1", "c1", "c1", "c2", "c2", "c2", "c3", "c3",
};

const char *
stress_committee(int staff)
{
    return committee_of[staff];
}

void
stress_make_db(const char *path)
{
    static struct cfg_district d[] = { { (char *)"east", (char *)"东城街道" } };
    static struct cfg_committee c[] = {
        { (char *)"c1", (char *)"幸福社区", (char *)"east", NULL, 0 },
        { (char *)"c2", (char *)"和平社区", (char *)"east", NULL, 0 },
        { (char *)"c3", (char *)"光明社区", (char *)"east", NULL, 0 },
    };
    struct config cfg = { 0 };
    struct error e = { 0 };
    struct db *db;
    char *p;

    unlink(path);
    p = xasprintf("%s-wal", path);
    unlink(p);
    free(p);
    p = xasprintf("%s-shm", path);
    unlink(p);
    free(p);
    db = db_open(path, DB_CREATE, &e);
    if (db == NULL || db_migrate(db, &e) < 0) {
        printf("stress_make_db: %s\n", e.msg);
        exit(2);
    }
    cfg.districts = d;
    cfg.ndistricts = 1;
    cfg.committees = c;
    cfg.ncommittees = 3;
    if (db_sync_config(db, &cfg, &e) < 0) {
        printf("stress_make_db: %s\n", e.msg);
        exit(2);
    }
    for (int i = 1; i <= STRESS_STAFF; i++) {
        char *sql = xasprintf(
            "INSERT INTO staff (id, login, name, committee_id, district_id,"
            " role, password_hash, created_at, updated_at) VALUES"
            " (%d, 'w%d', '工作人员%d', '%s', 'east', 'staff', 'x', 0, 0)",
            i, i, i, committee_of[i]);

        if (sqlite3_exec(db_sqlite(db), sql, NULL, NULL, NULL) != SQLITE_OK) {
            printf("stress_make_db: %s\n", sqlite3_errmsg(db_sqlite(db)));
            exit(2);
        }
        free(sql);
    }
    db_close(db);
}

struct ctx
stress_ctx(struct db *db, int staff)
{
    struct ctx c = { 0 };

    c.db = db;
    c.who.staff_id = staff;
    snprintf(c.who.login, sizeof c.who.login, "w%d", staff);
    snprintf(c.who.committee, sizeof c.who.committee, "%s",
             committee_of[staff]);
    snprintf(c.who.district, sizeof c.who.district, "east");
    c.who.role = ROLE_STAFF;
    return c;
}

int
stress_insert(struct ctx *ctx, const char *title, const char *details,
              int64_t *id, struct error *e)
{
    struct value v[R_NCOLS] = { 0 };
    struct change ch = { &stress_records, CH_INSERT, 0, 0, v, NULL, NULL };

    v[R_COMMITTEE].s = ctx->who.committee;
    v[R_STAFF].i = ctx->who.staff_id;
    v[R_DATE].s = "2025-06-18";
    v[R_CATEGORY].s = "visit";
    v[R_TITLE].s = title;
    v[R_DETAILS].s = details;
    v[R_HOURS].r = 1.5;
    if (store_apply(ctx, &ch, 1, e) < 0)
        return -1;
    if (id != NULL)
        *id = ch.id;
    return 0;
}

int
stress_update(struct ctx *ctx, int64_t id, const char *details,
              struct error *e)
{
    struct value *v;
    int64_t version;
    const char *old;
    int rc;

    if (store_load(ctx, &stress_records, id, &v, &version, e) < 0)
        return -1;
    old = v[R_DETAILS].s;
    v[R_DETAILS].s = details;
    struct change ch = { &stress_records, CH_UPDATE, id, version, v, NULL,
                         NULL };
    rc = store_apply(ctx, &ch, 1, e);
    v[R_DETAILS].s = old;
    store_values_free(v, R_NCOLS);
    return rc;
}

static char dir[128];

const char *
stress_tmpdir(const char *what)
{
    snprintf(dir, sizeof dir, "/tmp/juwei-%s-XXXXXX", what);
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        exit(2);
    }
    return dir;
}

const char *
stress_path(const char *name)
{
    static char p[8][256];
    static int next;
    char *s = p[next++ % 8];

    if (snprintf(s, sizeof p[0], "%s/%s", dir, name) >= (int)sizeof p[0])
        fatal("stress_path: %s is too long", name);
    return s;
}

void
stress_rmdir(void)
{
    DIR *d = opendir(dir);
    struct dirent *de;

    if (d == NULL)
        return;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
            unlink(stress_path(de->d_name));
    }
    closedir(d);
    rmdir(dir);
}

void
stress_ack(int fd, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0 && write(fd, buf, (size_t)n) != n) {
        perror("ack");
        _exit(3);
    }
}

char *
stress_integrity(struct db *db)
{
    sqlite3_stmt *st;
    char *out = NULL;

    if (sqlite3_prepare_v2(db_sqlite(db), "PRAGMA integrity_check", -1, &st,
                           NULL) != SQLITE_OK)
        return xstrdup(sqlite3_errmsg(db_sqlite(db)));
    if (sqlite3_step(st) == SQLITE_ROW)
        out = xstrdup((const char *)sqlite3_column_text(st, 0));
    else
        out = xstrdup(sqlite3_errmsg(db_sqlite(db)));
    sqlite3_finalize(st);
    return out;
}

int64_t
stress_int(struct db *db, const char *sql)
{
    sqlite3_stmt *st;
    int64_t v = -1;

    if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK) {
        printf("  query failed: %s: %s\n", sql, sqlite3_errmsg(db_sqlite(db)));
        return -1;
    }
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

int64_t
stress_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

double
stress_env(const char *name, double def)
{
    const char *s = getenv(name);

    return s != NULL && *s != '\0' ? atof(s) : def;
}
