/* db.c — opening the SQLite store safely, migrations, the statement cache,
 * transactions and error mapping, and binding helpers. The sync of
 * districts and committees from the INI is db_sync.c. */
#include "juwei/db.h"
#include "juwei/fts.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "juwei/schema.h"

/* How long a statement waits for another connection's lock before it
 * gives up: long enough for any honest save on the slowest disk, short
 * enough that a hung process holding the lock is reported rather than
 * waited for without end. */
#define DEFAULT_BUSY_MS 60000
/* A wait longer than this is shown (the kiosk's "saving…"), then about
 * once a second. */
#define WAIT_REPORT_MS  300

struct stmt_slot {
    const char   *sql;     /* the key: the string's address */
    sqlite3_stmt *st;
};

struct gen_sql {
    const void *key;
    int         kind;
    char       *sql;
};

struct db {
    sqlite3          *h;
    char             *path;
    struct stmt_slot *slots;   /* open addressing, nslots a power of 2 */
    size_t            nslots, used;
    struct gen_sql   *gen;
    size_t            ngen;

    int               busy_ms;       /* give up after this long */
    int64_t           wait_start;    /* ms, of the current wait */
    int64_t           next_report;   /* ms into the wait */
    bool              reported;      /* the hook was told of this wait */
    unsigned int      seed;          /* jitter between retries */
    void            (*wait_hook)(void *arg, int waited_ms);
    void             *wait_arg;
};

static int default_busy_ms = DEFAULT_BUSY_MS;

/* Messages that name the file say which one, since an administrator may
 * have several; messages during work (db_error) do not. */

static void
set_db_error(int rc, const char *sqlmsg, const char *path, struct error *e)
{
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        error_set(e, E_BUSY, NULL,
                  _("the database is busy (someone else is saving); "
                    "try again in a moment"));
        break;
    case SQLITE_FULL:
        error_set(e, E_FULL, NULL,
                  _("the disk is full; nothing was saved"));
        break;
    case SQLITE_READONLY:
        error_set(e, E_READONLY, NULL,
                  _("the database is read-only; nothing was saved"));
        break;
    case SQLITE_CANTOPEN:
        error_set(e, E_IO, NULL, _("cannot open the database file %s"),
                  path != NULL ? path : "");
        break;
    case SQLITE_IOERR:
        error_set(e, E_IO, NULL, _("disk error while using the database: %s"),
                  sqlmsg);
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        error_set(e, E_CORRUPT, NULL,
                  _("the database file %s is damaged; restore it from a "
                    "backup"), path != NULL ? path : "");
        break;
    case SQLITE_CONSTRAINT:
        if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
            error_set(e, E_DUP, NULL, _("already exists (%s)"), sqlmsg);
        else if (rc == SQLITE_CONSTRAINT_TRIGGER)
            error_set(e, E_PERM, NULL, "%s", sqlmsg);
        else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
            error_set(e, E_INVAL, NULL,
                      _("this refers to a record that does not exist, or "
                        "other records still refer to it"));
        else
            error_set(e, E_INVAL, NULL, _("refused by the database: %s"),
                      sqlmsg);
        break;
    default:
        error_set(e, E_DB, NULL, _("database error: %s"), sqlmsg);
        break;
    }
}

/* The errno behind an I/O error. sqlite3_system_errno() is often 0 by
 * the time the error reaches us (it reads errno late); each file keeps
 * the errno of its last failed call, and a save writes the journal. */
static int
io_errno(struct db *db)
{
    int err = sqlite3_system_errno(db->h), last = 0;
    sqlite3_file *f = NULL;

    if (err != 0)
        return err;
    if (sqlite3_file_control(db->h, "main", SQLITE_FCNTL_JOURNAL_POINTER,
                             &f) == SQLITE_OK && f != NULL &&
        f->pMethods != NULL &&
        f->pMethods->xFileControl(f, SQLITE_FCNTL_LAST_ERRNO,
                                  &last) == SQLITE_OK && last != 0)
        return last;
    if (sqlite3_file_control(db->h, "main", SQLITE_FCNTL_LAST_ERRNO,
                             &last) == SQLITE_OK)
        return last;
    return 0;
}

int
db_error(struct db *db, int rc, struct error *e)
{
    /* A disk that filled up or went read-only under an open database
     * shows as an I/O error; say what it is. */
    if ((rc & 0xff) == SQLITE_IOERR) {
        int err = io_errno(db);

        if (err == ENOSPC || err == EDQUOT)
            rc = SQLITE_FULL;
        else if (err == EROFS)
            return error_set(e, E_READONLY, NULL,
                             _("the disk holding the database has become "
                               "read-only; nothing was saved (tell the "
                               "administrator)"));
    }
    set_db_error(rc, sqlite3_errmsg(db->h), db->path, e);
    return -1;
}

const char *
db_path(const struct db *db)
{
    return db->path;
}

sqlite3 *
db_sqlite(struct db *db)
{
    return db->h;
}

void
db_set_busy_timeout(struct db *db, int ms)
{
    if (db == NULL)
        default_busy_ms = ms > 0 ? ms : DEFAULT_BUSY_MS;
    else
        db->busy_ms = ms;
}

void
db_set_wait_hook(struct db *db, void (*hook)(void *arg, int waited_ms),
                 void *arg)
{
    db->wait_hook = hook;
    db->wait_arg = arg;
}

static int64_t
mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* SQLite's own busy handler sleeps up to 100 ms between tries, so a kiosk
 * that has waited a while keeps losing the lock to ones that just came:
 * 2 s of waiting was measured with 4 writers on a fast disk, far more on
 * an old one. Retrying every few milliseconds, with jitter so that the
 * waiters do not march in step, keeps each of them in the race. */
static int
busy_wait(void *arg, int tries)
{
    struct db *db = arg;
    int64_t now = mono_ms(), waited;
    int sleep_ms;

    if (tries == 0) {
        db->wait_start = now;
        db->next_report = WAIT_REPORT_MS;
    }
    waited = now - db->wait_start;
    if (waited >= db->busy_ms)
        return 0;
    if (db->wait_hook != NULL && waited >= db->next_report) {
        db->reported = true;
        db->next_report = waited + 1000;
        db->wait_hook(db->wait_arg, (int)waited);
    }
    sleep_ms = tries < 3 ? 1 << tries : 2 + (int)(rand_r(&db->seed) % 8);
    if (waited + sleep_ms > db->busy_ms)
        sleep_ms = (int)(db->busy_ms - waited);
    if (sleep_ms > 0) {
        struct timespec ts = { 0, (long)sleep_ms * 1000000L };

        nanosleep(&ts, NULL);
    }
    return 1;
}

/* After a wait the hook heard of: tell it the wait is over. */
static void
wait_over(struct db *db)
{
    if (db->reported) {
        db->reported = false;
        if (db->wait_hook != NULL)
            db->wait_hook(db->wait_arg, -1);
    }
}

/* --- opening --------------------------------------------------------- */

/* A file or directory is writable for us only if both the kernel says so
 * and its mode keeps a write bit: root passes access(2) on anything, but
 * an administrator who chmod'ed the database read-only meant it. */
static bool
writable(const char *path, const struct stat *st)
{
    return access(path, W_OK) == 0 && (st->st_mode & 0222) != 0;
}

static int
check_paths(const char *path, enum db_mode mode, bool *exists, struct error *e)
{
    struct stat st, dst;
    char *dir;
    int rc = -1;

    if (path == NULL || *path == '\0')
        return error_set(e, E_INVAL, NULL,
                         _("no database given: use -d, JUWEI_DB or "
                           "database= in the INI"));
    dir = xdirname(path);
    if (stat(dir, &dst) < 0) {
        error_set(e, E_IO, NULL,
                  _("cannot open %s: the directory %s does not exist"),
                  path, dir);
        goto out;
    }
    if (!S_ISDIR(dst.st_mode)) {
        error_set(e, E_IO, NULL, _("cannot open %s: %s is not a directory"),
                  path, dir);
        goto out;
    }
    if (stat(path, &st) < 0) {
        if (errno != ENOENT) {
            error_set(e, E_IO, NULL, _("cannot open %s: %s"), path,
                      strerror(errno));
            goto out;
        }
        *exists = false;
        if (mode != DB_CREATE) {
            error_set(e, E_NOTFOUND, NULL,
                      _("%s does not exist; create it with juwei init"), path);
            goto out;
        }
        if (!writable(dir, &dst)) {
            error_set(e, E_READONLY, NULL,
                      _("cannot create %s: the directory %s is read-only"),
                      path, dir);
            goto out;
        }
        rc = 0;
        goto out;
    }
    *exists = true;
    if (!S_ISREG(st.st_mode)) {
        error_set(e, E_CORRUPT, NULL, _("%s is not a juwei database"), path);
        goto out;
    }
    if (access(path, R_OK) < 0) {
        error_set(e, E_READONLY, NULL,
                  _("cannot read %s: permission denied"), path);
        goto out;
    }
    if (mode != DB_READONLY) {
        if (!writable(path, &st)) {
            error_set(e, E_READONLY, NULL,
                      _("%s is read-only; juwei needs to write to it"), path);
            goto out;
        }
        /* WAL keeps PATH-wal and PATH-shm beside the database. */
        if (!writable(dir, &dst)) {
            error_set(e, E_READONLY, NULL,
                      _("the directory %s is read-only; juwei needs to "
                        "write its journal there"), dir);
            goto out;
        }
    }
    rc = 0;
out:
    free(dir);
    return rc;
}

/* New files are 0660 whatever the umask: the kiosk accounts of one
 * committee share a group. SQLite gives -wal and -shm the database's mode. */
static int
create_file(const char *path, struct error *e)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0660);

    if (fd < 0)
        return error_set(e, E_IO, NULL, _("cannot create %s: %s"), path,
                         strerror(errno));
    if (fchmod(fd, 0660) < 0) {
        int err = errno;

        close(fd);
        unlink(path);
        return error_set(e, E_IO, NULL, _("cannot create %s: %s"), path,
                         strerror(err));
    }
    close(fd);
    return 0;
}

static void
remove_created(const char *path)
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

static const char sql_app_id[] = "PRAGMA application_id";
static const char sql_user_version[] = "PRAGMA user_version";
static const char sql_nobjects[] = "SELECT count(*) FROM sqlite_schema";

/* Reads what the file is without writing to it: application id, schema
 * version, whether it holds anything at all. */
static int
inspect(struct db *db, int *app_id, int *version, int *nobjects,
        struct error *e)
{
    int rc;

    if ((rc = sqlite3_exec(db->h, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
        goto fail;
    if ((rc = pragma_int(db->h, sql_app_id, app_id)) != SQLITE_OK ||
        (rc = pragma_int(db->h, sql_user_version, version)) != SQLITE_OK ||
        (rc = pragma_int(db->h, sql_nobjects, nobjects)) != SQLITE_OK)
        goto fail;
    sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
    return 0;
fail:
    if ((rc & 0xff) == SQLITE_NOTADB) {
        error_set(e, E_CORRUPT, NULL, _("%s is not a juwei database"),
                  db->path);
    } else {
        set_db_error(rc, sqlite3_errmsg(db->h), db->path, e);
        if (e != NULL && e->code == E_BUSY)
            error_set(e, E_BUSY, NULL,
                      _("%s is locked by another program; try again "
                        "later"), db->path);
    }
    if (!sqlite3_get_autocommit(db->h))
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

/* DB_READONLY here means "leave the journal mode alone". */
static int
set_pragmas(struct db *db, enum db_mode mode, struct error *e)
{
    sqlite3_stmt *st;
    int rc;
    bool wal = false;

    if (mode != DB_READONLY) {
        rc = sqlite3_prepare_v2(db->h, "PRAGMA journal_mode = WAL", -1, &st,
                                NULL);
        if (rc != SQLITE_OK)
            return db_error(db, rc, e);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            const char *m = (const char *)sqlite3_column_text(st, 0);

            wal = m != NULL && strcmp(m, "wal") == 0;
            rc = SQLITE_OK;
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_OK)
            return db_error(db, rc, e);
        if (!wal)
            return error_set(e, E_IO, NULL,
                             _("%s: cannot switch the database to WAL "
                               "mode"), db->path);
    }
    rc = sqlite3_exec(db->h,
                      "PRAGMA synchronous = FULL;"
                      "PRAGMA foreign_keys = ON;"
                      "PRAGMA trusted_schema = OFF;",
                      NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return db_error(db, rc, e);
    return 0;
}

struct db *
db_open(const char *path, enum db_mode mode, struct error *e)
{
    struct db *db;
    bool exists = false, created = false, memory;
    int flags, rc, app_id = 0, version = 0, nobjects = 0;

    /* ":memory:" is for tests: a private database, no files, no WAL. */
    memory = path != NULL && strcmp(path, ":memory:") == 0;
    if (memory)
        exists = true;
    else if (check_paths(path, mode, &exists, e) < 0)
        return NULL;
    if (!exists) {
        if (create_file(path, e) < 0)
            return NULL;
        created = true;
    }
    db = xcalloc(1, sizeof *db);
    db->path = xstrdup(path);
    /* Never SQLITE_OPEN_CREATE: the file exists now, and a path that
     * vanished in between must fail rather than make a 0644 file. */
    flags = (mode == DB_READONLY ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE)
          | SQLITE_OPEN_NOMUTEX | (memory ? SQLITE_OPEN_CREATE : 0);
    rc = sqlite3_open_v2(path, &db->h, flags, NULL);
    if (rc != SQLITE_OK) {
        if (db->h != NULL)
            set_db_error(rc, sqlite3_errmsg(db->h), path, e);
        else
            error_set(e, E_IO, NULL, _("cannot open %s"), path);
        goto fail;
    }
    sqlite3_extended_result_codes(db->h, 1);
    db->busy_ms = default_busy_ms;
    db->seed = (unsigned int)getpid() ^ (unsigned int)mono_ms();
    sqlite3_busy_handler(db->h, busy_wait, db);
    /* Every connection needs the tokenizer: full-text triggers fire on
     * ordinary writes. */
    if (fts_register(db->h) < 0) {
        error_set(e, E_DB, NULL, _("this SQLite has no FTS5 full-text search"));
        goto fail;
    }

    if (inspect(db, &app_id, &version, &nobjects, e) < 0)
        goto fail;
    if ((app_id != 0 && app_id != DB_APPLICATION_ID) ||
        (app_id == 0 && (version != 0 || nobjects != 0))) {
        error_set(e, E_CORRUPT, NULL, _("%s is not a juwei database"), path);
        goto fail;
    }
    if (version > db_current_version()) {
        error_set(e, E_VERSION, NULL,
                  _("%s was made by a newer juwei (schema %d, this one "
                    "knows %d); use that juwei or a newer one"),
                  path, version, db_current_version());
        goto fail;
    }
    if (mode != DB_CREATE && version < db_current_version()) {
        if (version == 0)
            error_set(e, E_VERSION, NULL,
                      _("%s is empty; create it with juwei init"), path);
        else
            error_set(e, E_VERSION, NULL,
                      _("%s needs upgrading (schema %d, this juwei uses "
                        "%d); run juwei init"),
                      path, version, db_current_version());
        goto fail;
    }
    if (set_pragmas(db, memory ? DB_READONLY : mode, e) < 0)
        goto fail;
    return db;
fail:
    db_close(db);
    if (created)
        remove_created(path);
    return NULL;
}

void
db_close(struct db *db)
{
    if (db == NULL)
        return;
    for (size_t i = 0; i < db->nslots; i++)
        sqlite3_finalize(db->slots[i].st);
    free(db->slots);
    for (size_t i = 0; i < db->ngen; i++)
        free(db->gen[i].sql);
    free(db->gen);
    if (db->h != NULL)
        sqlite3_close(db->h);
    free(db->path);
    free(db);
}

/* --- statements ------------------------------------------------------ */

static size_t
slot_hash(const char *sql)
{
    uintptr_t p = (uintptr_t)sql;

    return (size_t)((p >> 3) * 0x9E3779B97F4A7C15ull);
}

static void
slots_grow(struct db *db)
{
    struct stmt_slot *old = db->slots;
    size_t oldn = db->nslots;

    db->nslots = oldn == 0 ? 64 : oldn * 2;
    db->slots = xcalloc(db->nslots, sizeof *db->slots);
    for (size_t i = 0; i < oldn; i++) {
        if (old[i].sql == NULL)
            continue;
        size_t j = slot_hash(old[i].sql) & (db->nslots - 1);

        while (db->slots[j].sql != NULL)
            j = (j + 1) & (db->nslots - 1);
        db->slots[j] = old[i];
    }
    free(old);
}

sqlite3_stmt *
db_stmt(struct db *db, const char *sql)
{
    size_t j;
    sqlite3_stmt *st;

    if (db->nslots != 0) {
        j = slot_hash(sql) & (db->nslots - 1);
        for (; db->slots[j].sql != NULL; j = (j + 1) & (db->nslots - 1)) {
            if (db->slots[j].sql == sql) {
                st = db->slots[j].st;
                sqlite3_reset(st);
                sqlite3_clear_bindings(st);
                return st;
            }
        }
    }
    if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
                           NULL) != SQLITE_OK)
        return NULL;
    if ((db->used + 1) * 4 > db->nslots * 3)
        slots_grow(db);
    j = slot_hash(sql) & (db->nslots - 1);
    while (db->slots[j].sql != NULL)
        j = (j + 1) & (db->nslots - 1);
    db->slots[j].sql = sql;
    db->slots[j].st = st;
    db->used++;
    return st;
}

const char *
db_generated_sql(struct db *db, const void *key, int kind,
                 char *(*build)(const void *key, int kind))
{
    for (size_t i = 0; i < db->ngen; i++) {
        if (db->gen[i].key == key && db->gen[i].kind == kind)
            return db->gen[i].sql;
    }
    db->gen = xreallocarray(db->gen, db->ngen + 1, sizeof *db->gen);
    db->gen[db->ngen].key = key;
    db->gen[db->ngen].kind = kind;
    db->gen[db->ngen].sql = build(key, kind);
    return db->gen[db->ngen++].sql;
}

/* --- transactions ---------------------------------------------------- */

static const char sql_begin[] = "BEGIN IMMEDIATE";
static const char sql_commit[] = "COMMIT";
static const char sql_rollback[] = "ROLLBACK";

int
db_failed(struct db *db, struct error *e)
{
    return db_error(db, sqlite3_extended_errcode(db->h), e);
}

int
db_run(struct db *db, const char *sql, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    int rc;

    if (st == NULL)
        return db_failed(db, e);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return db_error(db, rc, e);
    return 0;
}

static const char sql_cache_big[] = "PRAGMA cache_size = -65536";
static const char sql_cache_default[] = "PRAGMA cache_size = -2000";
static const char sql_temp_memory[] = "PRAGMA temp_store = MEMORY";
static const char sql_temp_default[] = "PRAGMA temp_store = DEFAULT";

const char *
db_column_text(sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);

    return s != NULL ? s : "";
}

void
db_column_copy(char *dst, size_t size, sqlite3_stmt *st, int col)
{
    snprintf(dst, size, "%s", db_column_text(st, col));
}

void
db_bulk(struct db *db, bool on)
{
    db_run(db, on ? sql_cache_big : sql_cache_default, NULL);
    db_run(db, on ? sql_temp_memory : sql_temp_default, NULL);
}

int
db_begin(struct db *db, struct error *e)
{
    int rc = db_run(db, sql_begin, e);

    wait_over(db);
    return rc;
}

int
db_commit(struct db *db, struct error *e)
{
    if (db_run(db, sql_commit, e) < 0) {
        db_rollback(db);
        return -1;
    }
    return 0;
}

void
db_rollback(struct db *db)
{
    if (!sqlite3_get_autocommit(db->h))
        db_run(db, sql_rollback, NULL);
}

/* --- schema ---------------------------------------------------------- */

int
db_current_version(void)
{
    size_t n;

    schema_migrations(&n);
    return (int)n;
}

int
db_schema_version(struct db *db)
{
    int v = -1;

    if (pragma_int(db->h, sql_user_version, &v) != SQLITE_OK)
        return -1;
    return v;
}

/* "JUWE" as PRAGMA wants it: a decimal literal. test_db checks it equals
 * DB_APPLICATION_ID. */
static const char sql_set_app_id[] = "PRAGMA application_id = 1247106885";

int
db_migrate(struct db *db, struct error *e)
{
    size_t n;
    const struct migration *m = schema_migrations(&n);
    int have;

    for (;;) {
        char *sql;
        int rc;

        /* Read the version inside the write transaction, so two juwei
         * init racing run each migration once. */
        if (db_begin(db, e) < 0)
            return -1;
        if ((rc = pragma_int(db->h, sql_user_version, &have)) != SQLITE_OK) {
            db_error(db, rc, e);
            db_rollback(db);
            return -1;
        }
        if (have > (int)n) {
            db_rollback(db);
            return error_set(e, E_VERSION, NULL,
                             _("%s was made by a newer juwei (schema %d, "
                               "this one knows %d); use that juwei or a "
                               "newer one"), db->path, have, (int)n);
        }
        if (have == (int)n) {
            db_rollback(db);
            return 0;
        }
        rc = sqlite3_exec(db->h, m[have].sql, NULL, NULL, NULL);
        if (rc == SQLITE_OK && have == 0)
            rc = sqlite3_exec(db->h, sql_set_app_id, NULL, NULL, NULL);
        if (rc == SQLITE_OK) {
            /* PRAGMA takes no parameters; the number is ours. */
            sql = xasprintf("PRAGMA user_version = %d", m[have].version);
            rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
            free(sql);
        }
        if (rc != SQLITE_OK) {
            struct error e2 = { 0 };

            db_error(db, rc, &e2);
            db_rollback(db);
            return error_set(e, e2.code, NULL,
                             _("upgrading %s to schema %d (%s) failed: %s"),
                             db->path, m[have].version, m[have].what, e2.msg);
        }
        if (db_commit(db, e) < 0)
            return -1;
    }
}

/* --- binding and plans ------------------------------------------------ */

void
db_bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
    int i = sqlite3_bind_parameter_index(st, name);

    if (i > 0)
        sqlite3_bind_text(st, i, v != NULL ? v : "", -1, SQLITE_TRANSIENT);
}

void
db_bind_int(sqlite3_stmt *st, const char *name, int64_t v)
{
    int i = sqlite3_bind_parameter_index(st, name);

    if (i > 0)
        sqlite3_bind_int64(st, i, v);
}

void
db_bind_keyset(sqlite3_stmt *st, enum page_dir dir, const char *at_date,
               int64_t at_id)
{
    switch (dir) {
    case PAGE_FIRST:
        db_bind_text(st, ":at_date", "9999-12-31~");
        db_bind_int(st, ":at_id", INT64_MAX);
        break;
    case PAGE_LAST:
        db_bind_text(st, ":at_date", "");
        db_bind_int(st, ":at_id", 0);
        break;
    case PAGE_FROM:
        /* "< (date, id + 1)" takes the row itself again. */
        db_bind_text(st, ":at_date", at_date);
        db_bind_int(st, ":at_id", at_id < INT64_MAX ? at_id + 1 : at_id);
        break;
    default:
        db_bind_text(st, ":at_date", at_date);
        db_bind_int(st, ":at_id", at_id);
        break;
    }
}

char *
db_explain(struct db *db, const char *sql,
           void (*bind)(sqlite3_stmt *st, void *arg), void *arg)
{
    /* Static SQL behind a static prefix: nothing typed is pasted. */
    char *explain = xasprintf("EXPLAIN QUERY PLAN %s", sql), *plan = NULL;
    size_t len = 0;
    sqlite3_stmt *st = NULL;
    FILE *fp = open_memstream(&plan, &len);

    if (fp == NULL)
        fatal("out of memory");
    if (sqlite3_prepare_v2(db->h, explain, -1, &st, NULL) == SQLITE_OK) {
        bind(st, arg);
        while (sqlite3_step(st) == SQLITE_ROW)
            fprintf(fp, "%s\n", (const char *)sqlite3_column_text(st, 3));
    } else {
        fprintf(fp, "error: %s\n", sqlite3_errmsg(db->h));
    }
    sqlite3_finalize(st);
    if (fclose(fp) != 0 || plan == NULL)
        fatal("out of memory");
    free(explain);
    return plan;
}
