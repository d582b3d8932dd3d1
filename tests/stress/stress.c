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

#include "../unit/fixture.h"
#include "juwei/auth.h"
#include "juwei/leave.h"
#include "juwei/records.h"
#include "juwei/residents.h"
#include "juwei/staff.h"
#include "juwei/visits.h"

#define PASSWORD "stress-pass-1"
#define RESIDENTS 4               /* per committee */

/* Kiosk n's committee; the directors are one per committee here. */
static const char *const committee_of[STRESS_STAFF + 1] = {
    "", "hepingli", "hepingli", "hepingli", "guangming", "guangming",
    "xinhuali", "xinhuali", "binhe",
};
static const char *const committees[] = {
    "hepingli", "guangming", "xinhuali", "binhe",
};

static struct config *cfg;
static char template_path[256];
static struct session kiosk[STRESS_STAFF + 1];
static int64_t resident[ARRAY_LEN(committees)][RESIDENTS];

const struct stress_kind stress_kinds[3] = {
    { 'r', "records", "details" },
    { 'v', "visits", "discussed" },
    { 'l', "leave", "status" },
};

const struct stress_kind *
stress_kind(char letter)
{
    for (size_t i = 0; i < ARRAY_LEN(stress_kinds); i++) {
        if (stress_kinds[i].letter == letter)
            return &stress_kinds[i];
    }
    return NULL;
}

static void
die(const char *what, const struct error *e)
{
    printf("stress: %s: %s\n", what, e->msg);
    exit(2);
}

void
stress_init(void)
{
    cfg = fixture_ini("config/juwei.ini");
    fixture_today("2026-06-15");
}

const struct config *
stress_cfg(void)
{
    return cfg;
}

const char *
stress_committee(int staff)
{
    return committee_of[staff];
}

static size_t
committee_index(const char *id)
{
    for (size_t i = 0; i < ARRAY_LEN(committees); i++) {
        if (strcmp(committees[i], id) == 0)
            return i;
    }
    fatal("stress: no committee %s", id);
}

static void
remove_db(const char *path)
{
    char *p;

    unlink(path);
    p = xasprintf("%s-wal", path);
    unlink(p);
    free(p);
    p = xasprintf("%s-shm", path);
    unlink(p);
    free(p);
}

/* The accounts through staff_add() as the command line makes them, the
 * residents, and a login of each kiosk for its session. */
static void
make_template(const char *path)
{
    static const char *const surnames[] = { "张", "王", "李", "赵" };
    struct error e = { 0 };
    struct ctx sys;
    struct db *db;

    remove_db(path);
    db = fixture_db_at(path, cfg);
    sys = fixture_system(db, cfg);
    for (int i = 1; i <= STRESS_STAFF; i++) {
        char login[32], name[32];

        snprintf(login, sizeof login, "kiosk%d", i);
        snprintf(name, sizeof name, "工作人员%d", i);
        if (staff_add(&sys, login, name, committee_of[i], NULL, ROLE_STAFF,
                      PASSWORD, &e) < 0)
            die(login, &e);
    }
    for (size_t c = 0; c < ARRAY_LEN(committees); c++) {
        char login[32];

        snprintf(login, sizeof login, "zhuren-%s", committees[c]);
        if (staff_add(&sys, login, "主任", committees[c], NULL,
                      ROLE_DIRECTOR, PASSWORD, &e) < 0)
            die(login, &e);
        for (int r = 0; r < RESIDENTS; r++) {
            struct resident_input in = { 0 };
            char name[32], room[16];

            snprintf(name, sizeof name, "%s%s", surnames[r], "大爷");
            snprintf(room, sizeof room, "%d01", r + 1);
            in.committee = committees[c];
            in.name = name;
            in.building = "3";
            in.unit = "2";
            in.room = room;
            if (residents_add(&sys, &in, false, &resident[c][r], &e) < 0)
                die("resident", &e);
        }
    }
    for (int i = 1; i <= STRESS_STAFF; i++) {
        char login[32];

        snprintf(login, sizeof login, "kiosk%d", i);
        if (auth_login(db, login, PASSWORD, &kiosk[i], &e) < 0)
            die(login, &e);
    }
    db_close(db);
}

void
stress_make_db(const char *path)
{
    struct error e = { 0 };
    struct db *src, *dst;
    sqlite3_backup *b;

    if (template_path[0] == '\0') {
        snprintf(template_path, sizeof template_path, "%s",
                 stress_path("template.db"));
        make_template(template_path);
    }
    remove_db(path);
    src = db_open(template_path, DB_OPEN, &e);
    if (src == NULL)
        die("template", &e);
    dst = db_open(path, DB_CREATE, &e);
    if (dst == NULL)
        die(path, &e);
    b = sqlite3_backup_init(db_sqlite(dst), "main", db_sqlite(src), "main");
    if (b == NULL || sqlite3_backup_step(b, -1) != SQLITE_DONE) {
        printf("stress_make_db: %s\n", sqlite3_errmsg(db_sqlite(dst)));
        exit(2);
    }
    sqlite3_backup_finish(b);
    db_close(dst);
    db_close(src);
}

struct ctx
stress_ctx(struct db *db, int staff)
{
    struct ctx c = { 0 };

    c.db = db;
    c.cfg = cfg;
    c.who = kiosk[staff];
    return c;
}

static const char *
today(char buf[static 11])
{
    return date_format(date_today(), buf);
}

int
stress_record_add(struct ctx *ctx, const char *title, const char *details,
                  int64_t *id, struct error *e)
{
    char day[11];
    struct record_input in = {
        .date = today(day), .category = "visit", .title = title,
        .details = details, .hours = "1.5",
    };

    return records_add(ctx, &in, id, e);
}

int
stress_record_update(struct ctx *ctx, int64_t id, const char *details,
                     struct error *e)
{
    struct record r;
    char hours[32] = "";
    int rc;

    if (records_get(ctx, id, &r, e) < 0)
        return -1;
    if (r.hours >= 0)
        snprintf(hours, sizeof hours, "%g", r.hours);
    struct record_input in = {
        .date = r.date, .staff_id = r.staff_id, .category = r.category,
        .title = r.title, .details = details, .hours = hours,
    };
    rc = records_update(ctx, id, r.version, &in, e);
    records_free(&r);
    return rc;
}

int
stress_visit_add(struct ctx *ctx, unsigned int pick, const char *discussed,
                 int64_t *id, struct error *e)
{
    char day[11];
    size_t c = committee_index(ctx->who.committee);
    struct visit_input in = {
        .date = today(day), .resident_id = resident[c][pick % RESIDENTS],
        .purpose = "routine", .discussed = discussed, .outcome = "已记录",
    };

    return visits_add(ctx, &in, id, e);
}

int
stress_visit_update(struct ctx *ctx, int64_t id, const char *discussed,
                    struct error *e)
{
    struct visit *v = xmalloc(sizeof *v);
    int rc = -1;

    if (visits_get(ctx, id, v, e) == 0) {
        struct visit_input in = {
            .date = v->date, .staff_id = v->staff_id,
            .resident_id = v->resident_id, .purpose = v->purpose,
            .discussed = discussed, .outcome = v->outcome,
            .followup_needed = v->followup_needed,
            .followup_date = v->followup_date,
        };

        rc = visits_update(ctx, id, v->version, &in, e);
    }
    free(v);
    return rc;
}

int
stress_leave_request(struct ctx *ctx, int day, int64_t *id, struct error *e)
{
    date_t from = date_from_ymd(2026, 7, 1) + day % 150;
    struct leave_request r = {
        .type = "compensatory", .from = from, .to = from + 9,
        .from_half = HALF_AM, .to_half = HALF_PM, .reason = "加班调休",
    };

    return leave_request(ctx, &r, id, e);
}

int
stress_leave_withdraw(struct ctx *ctx, int64_t id, struct error *e)
{
    struct leave *l = xmalloc(sizeof *l);
    int rc = -1;

    if (leave_get(ctx, id, l, e) == 0)
        rc = leave_withdraw(ctx, id, l->version, e);
    free(l);
    return rc;
}

int64_t
stress_leave_pending(struct ctx *ctx)
{
    char *sql = xasprintf("SELECT coalesce(max(id), 0) FROM leave WHERE"
                          " staff_id = %lld AND status = 'pending'",
                          (long long)ctx->who.staff_id);
    int64_t id = fixture_count(ctx->db, sql);

    free(sql);
    return id;
}

bool
stress_fts_whole(struct db *db)
{
    int rc = sqlite3_exec(db_sqlite(db), "INSERT INTO records_fts(records_fts)"
                          " VALUES ('integrity-check')", NULL, NULL, NULL);

    if (rc != SQLITE_OK)
        printf("  records_fts: %s\n", sqlite3_errmsg(db_sqlite(db)));
    return rc == SQLITE_OK &&
           fixture_count(db, "SELECT count(*) FROM records_fts_pending") == 0;
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
