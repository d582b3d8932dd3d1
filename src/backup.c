/* backup.c — `juwei backup` and `juwei verify`: SQLite's online backup
 * API from one read snapshot, and integrity, foreign-key and row-count
 * checks of a database or of a backup. */
#include "juwei/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "juwei/db.h"
#include "juwei/fts.h"

#define BUSY_MS     5000
#define BUSY_TRIES  100      /* × 100 ms waiting for a lock to clear */

static const char sql_app_id[] = "PRAGMA application_id";
static const char sql_version[] = "PRAGMA user_version";
static const char sql_integrity[] = "PRAGMA integrity_check";
static const char sql_foreign[] = "PRAGMA foreign_key_check";
static const char sql_tables[] =
    "SELECT name FROM pragma_table_list"
    " WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'"
    " ORDER BY name";

static int
sql_failed(sqlite3 *h, const char *path, struct error *e)
{
    int rc = sqlite3_extended_errcode(h);

    if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        return error_set(e, E_CORRUPT, NULL,
                         _("%s is damaged: %s"), path, sqlite3_errmsg(h));
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        return error_set(e, E_BUSY, NULL,
                         _("%s is locked by another program; try again "
                           "later"), path);
    if ((rc & 0xff) == SQLITE_FULL)
        return error_set(e, E_FULL, NULL, _("the disk is full: %s"), path);
    return error_set(e, E_IO, NULL, "%s: %s", path, sqlite3_errmsg(h));
}

static int
pragma_int(sqlite3 *h, const char *sql, int *out)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);

    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Opens an existing juwei database without creating anything. Read-write
 * when the file allows it, because a WAL database being written needs
 * its shared-memory file; nothing is written through it. */
static sqlite3 *
open_juwei(const char *path, struct error *e)
{
    struct stat st;
    sqlite3 *h = NULL;
    int flags, app = 0;

    if (stat(path, &st) < 0) {
        error_set(e, errno == ENOENT ? E_NOTFOUND : E_IO, NULL,
                  _("cannot open %s: %s"), path, strerror(errno));
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        error_set(e, E_CORRUPT, NULL, _("%s is not a juwei database"), path);
        return NULL;
    }
    flags = (access(path, W_OK) == 0 ? SQLITE_OPEN_READWRITE
                                     : SQLITE_OPEN_READONLY) |
            SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &h, flags, NULL) != SQLITE_OK) {
        if (h != NULL)
            sql_failed(h, path, e);
        else
            error_set(e, E_IO, NULL, _("cannot open %s"), path);
        sqlite3_close(h);
        return NULL;
    }
    sqlite3_extended_result_codes(h, 1);
    sqlite3_busy_timeout(h, BUSY_MS);
    fts_register(h);
    if (pragma_int(h, sql_app_id, &app) != SQLITE_OK) {
        if ((sqlite3_extended_errcode(h) & 0xff) == SQLITE_NOTADB)
            error_set(e, E_CORRUPT, NULL, _("%s is not a juwei database"),
                      path);
        else
            sql_failed(h, path, e);
        sqlite3_close(h);
        return NULL;
    }
    if (app != DB_APPLICATION_ID) {
        error_set(e, E_CORRUPT, NULL, _("%s is not a juwei database"), path);
        sqlite3_close(h);
        return NULL;
    }
    return h;
}

/* --- backup ----------------------------------------------------------------- */

static bool
same_file(const char *a, const char *b)
{
    struct stat x, y;

    return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev &&
           x.st_ino == y.st_ino;
}

static int
sync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    int rc;

    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

/* One step of -1 pages copies everything inside one read transaction of
 * the source: a consistent snapshot even while kiosks commit (WAL lets
 * them). Smaller steps would restart whenever another process writes. */
static int
copy_pages(sqlite3 *src, sqlite3 *dst, const char *path, struct error *e)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    int rc, tries = 0;

    if (b == NULL)
        return sql_failed(dst, path, e);
    do {
        rc = sqlite3_backup_step(b, -1);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(100);
    } while ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
             ++tries < BUSY_TRIES);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            return error_set(e, E_BUSY, NULL,
                             _("the database stayed locked; no backup was "
                               "made"));
        return sql_failed((rc & 0xff) == SQLITE_FULL ? dst : src, path, e);
    }
    return 0;
}

/* The copy arrives in WAL mode like its source; a backup is one file. */
static int
single_file(sqlite3 *dst, const char *path, struct error *e)
{
    sqlite3_stmt *st;
    bool ok = false;

    if (sqlite3_prepare_v2(dst, "PRAGMA journal_mode = DELETE", -1, &st,
                           NULL) != SQLITE_OK)
        return sql_failed(dst, path, e);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *m = (const char *)sqlite3_column_text(st, 0);

        ok = m != NULL && strcmp(m, "delete") == 0;
    }
    sqlite3_finalize(st);
    if (!ok)
        return sql_failed(dst, path, e);
    return 0;
}

int
backup_run(const char *src, const char *dest, int64_t *bytes,
           struct error *e)
{
    sqlite3 *from = NULL, *to = NULL;
    char *dir = NULL, *tmp = NULL;
    struct stat st;
    int fd, rc = -1;

    *bytes = 0;
    if (dest == NULL || *dest == '\0')
        return error_set(e, E_INVAL, NULL, _("no backup file given"));
    if (strcmp(src, dest) == 0 || same_file(src, dest))
        return error_set(e, E_INVAL, NULL,
                         _("the backup cannot overwrite the database "
                           "itself"));
    if ((from = open_juwei(src, e)) == NULL)
        return -1;
    dir = xdirname(dest);
    tmp = xasprintf("%s/.juwei-backup-XXXXXX", dir);
    if ((fd = mkstemp(tmp)) < 0) {
        error_set(e, E_IO, NULL, _("cannot write in %s: %s"), dir,
                  strerror(errno));
        free(tmp);
        tmp = NULL;
        goto out;
    }
    /* A backup holds everyone's data: only its owner may read it. */
    if (fchmod(fd, 0600) < 0) {
        error_set(e, E_IO, NULL, _("cannot write %s: %s"), dest,
                  strerror(errno));
        close(fd);
        goto out;
    }
    close(fd);
    if (sqlite3_open_v2(tmp, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        sql_failed(to, dest, e);
        goto out;
    }
    sqlite3_extended_result_codes(to, 1);
    if (copy_pages(from, to, dest, e) < 0 || single_file(to, dest, e) < 0)
        goto out;
    if (sqlite3_close(to) != SQLITE_OK) {
        sql_failed(to, dest, e);
        goto out;
    }
    to = NULL;
    if (sync_path(tmp, O_RDONLY) < 0 || rename(tmp, dest) < 0) {
        error_set(e, E_IO, NULL, _("cannot write %s: %s"), dest,
                  strerror(errno));
        goto out;
    }
    free(tmp);
    tmp = NULL;
    sync_path(dir, O_RDONLY | O_DIRECTORY);
    if (stat(dest, &st) == 0)
        *bytes = (int64_t)st.st_size;
    rc = 0;
out:
    if (to != NULL)
        sqlite3_close(to);
    sqlite3_close(from);
    if (tmp != NULL) {
        char *j = xasprintf("%s-journal", tmp);

        unlink(tmp);
        unlink(j);
        free(j);
    }
    free(tmp);
    free(dir);
    return rc;
}

/* --- verify ----------------------------------------------------------------- */

static void
problem(struct backup_check *c, char *text)
{
    if (c->nproblems < BACKUP_MAX_PROBLEMS) {
        c->problems[c->nproblems++] = text;
    } else {
        c->more++;
        free(text);
    }
}

static bool
plain_name(const char *s)
{
    if (s == NULL || *s == '\0' ||
        strlen(s) >= sizeof (struct backup_count){ 0 }.table)
        return false;
    for (; *s != '\0'; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return false;
    }
    return true;
}

/* Damage SQLite meets while checking is a finding, not a failure to
 * check. */
static bool
damaged(int rc)
{
    return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

static int
check_integrity(sqlite3 *h, const char *path, struct backup_check *c,
                struct error *e)
{
    sqlite3_stmt *st;
    int rc;

    if ((rc = sqlite3_prepare_v2(h, sql_integrity, -1, &st, NULL)) !=
        SQLITE_OK) {
        if (!damaged(rc))
            return sql_failed(h, path, e);
        problem(c, xasprintf(_("damaged: %s"), sqlite3_errmsg(h)));
        return 0;
    }
    c->integrity_ok = true;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *msg = (const char *)sqlite3_column_text(st, 0);

        if (msg != NULL && strcmp(msg, "ok") == 0)
            continue;
        c->integrity_ok = false;
        problem(c, xstrdup(msg != NULL ? msg : "?"));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        if (!damaged(rc))
            return sql_failed(h, path, e);
        c->integrity_ok = false;
        problem(c, xasprintf(_("damaged: %s"), sqlite3_errmsg(h)));
    }
    return 0;
}

static int
check_foreign_keys(sqlite3 *h, const char *path, struct backup_check *c,
                   struct error *e)
{
    sqlite3_stmt *st;
    int rc;

    if ((rc = sqlite3_prepare_v2(h, sql_foreign, -1, &st, NULL)) !=
        SQLITE_OK) {
        if (!damaged(rc))
            return sql_failed(h, path, e);
        problem(c, xasprintf(_("damaged: %s"), sqlite3_errmsg(h)));
        return 0;
    }
    c->foreign_keys_ok = true;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        c->foreign_keys_ok = false;
        problem(c, xasprintf(_("%s row %lld refers to a missing %s row"),
                             (const char *)sqlite3_column_text(st, 0),
                             (long long)sqlite3_column_int64(st, 1),
                             (const char *)sqlite3_column_text(st, 2)));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        if (!damaged(rc))
            return sql_failed(h, path, e);
        c->foreign_keys_ok = false;
        problem(c, xasprintf(_("damaged: %s"), sqlite3_errmsg(h)));
    }
    return 0;
}

static void
count_rows(sqlite3 *h, struct backup_check *c)
{
    sqlite3_stmt *st;
    int rc;

    if (sqlite3_prepare_v2(h, sql_tables, -1, &st, NULL) != SQLITE_OK) {
        problem(c, xasprintf(_("cannot list the tables: %s"),
                             sqlite3_errmsg(h)));
        return;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        sqlite3_stmt *cnt = NULL;
        char *sql;

        if (!plain_name(name)) {
            problem(c, xasprintf(_("unexpected table \"%s\""),
                                 name != NULL ? name : ""));
            continue;
        }
        /* The name comes from the schema and is a plain identifier. */
        sql = xasprintf("SELECT count(*) FROM \"%s\"", name);
        c->counts = xreallocarray(c->counts, c->ncounts + 1,
                                  sizeof *c->counts);
        struct backup_count *bc = &c->counts[c->ncounts++];
        snprintf(bc->table, sizeof bc->table, "%s", name);
        bc->rows = -1;
        if (sqlite3_prepare_v2(h, sql, -1, &cnt, NULL) == SQLITE_OK &&
            sqlite3_step(cnt) == SQLITE_ROW)
            bc->rows = sqlite3_column_int64(cnt, 0);
        else
            problem(c, xasprintf(_("cannot count the rows of %s: %s"),
                                 name, sqlite3_errmsg(h)));
        sqlite3_finalize(cnt);
        free(sql);
    }
    if (rc != SQLITE_DONE)
        problem(c, xasprintf(_("cannot list the tables: %s"),
                             sqlite3_errmsg(h)));
    sqlite3_finalize(st);
}

int
backup_verify(const char *path, struct backup_check *out, struct error *e)
{
    sqlite3 *h;
    int rc = 0;

    memset(out, 0, sizeof *out);
    if ((h = open_juwei(path, e)) == NULL)
        return -1;
    pragma_int(h, sql_version, &out->schema);
    /* One snapshot for all three checks. */
    sqlite3_exec(h, "BEGIN", NULL, NULL, NULL);
    if (check_integrity(h, path, out, e) < 0 ||
        check_foreign_keys(h, path, out, e) < 0)
        rc = -1;
    else
        count_rows(h, out);
    sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(h);
    if (rc < 0)
        backup_check_free(out);
    return rc;
}

bool
backup_check_ok(const struct backup_check *c)
{
    return c->integrity_ok && c->foreign_keys_ok && c->nproblems == 0;
}

void
backup_check_free(struct backup_check *c)
{
    for (size_t i = 0; i < c->nproblems; i++)
        free(c->problems[i]);
    free(c->counts);
    memset(c, 0, sizeof *c);
}
