/* db.h — the SQLite store: open with the durable pragmas, versioned
 * schema and ordered migrations, sync of districts/committees from the INI,
 * and a cache of prepared statements. Only core modules include sqlite3.h. */
#ifndef JUWEI_DB_H
#define JUWEI_DB_H

#include <sqlite3.h>
#include <stdbool.h>

#include "juwei/page.h"
#include "juwei/util.h"

struct config;
struct db;

enum db_mode {
    DB_OPEN,      /* the database must exist at the current schema version */
    DB_CREATE,    /* create if missing; migrations are left to db_migrate() */
    DB_READONLY,  /* must exist at the current version; never written */
};

/* PRAGMA application_id of a juwei database ("JUWE"): tells a juwei
 * database from any other SQLite file. */
#define DB_APPLICATION_ID 0x4A555745

/* Opens `path` with WAL, synchronous=FULL, foreign_keys=ON and a busy
 * timeout; refuses a file that is not a database, a database from a newer
 * juwei, or (DB_OPEN) one that needs `juwei init`. A new file is made
 * 0660, never in a missing directory; on failure nothing was changed.
 * ":memory:" with DB_CREATE gives a private in-memory database (tests). */
struct db *db_open(const char *path, enum db_mode mode, struct error *e);
void db_close(struct db *db);
const char *db_path(const struct db *db);

/* How long a statement waits for another connection's lock before it
 * fails with E_BUSY, in milliseconds, for `db`; with db NULL, the default
 * for connections opened afterwards (60000: a save must not fail because
 * another kiosk is saving). Tests shorten it. */
void db_set_busy_timeout(struct db *db, int ms);

/* Called while `db` waits for another connection's lock: after 300 ms,
 * then about once a second, with the milliseconds waited so far; and with
 * -1 once db_begin() has the lock after such a wait. The kiosk shows
 * "saving…" with it. The hook must not use the database. */
void db_set_wait_hook(struct db *db, void (*hook)(void *arg, int waited_ms),
                      void *arg);

/* Brings the schema to the current version, each migration in its own
 * transaction. */
int db_migrate(struct db *db, struct error *e);
int db_schema_version(struct db *db);   /* PRAGMA user_version */
int db_current_version(void);           /* what this binary creates */

/* Districts and committees follow the INI: new ones are added, renamed ones
 * renamed, and ones no longer listed become inactive with all their data. */
int db_sync_config(struct db *db, const struct config *cfg, struct error *e);

sqlite3 *db_sqlite(struct db *db);

/* A prepared statement for `sql`, cached by the string's address for the
 * life of the connection and reset before it is returned. Pass only
 * static const SQL, never text built from input. */
sqlite3_stmt *db_stmt(struct db *db, const char *sql);

/* SQL generated once per (key, kind) by build(key, kind) from a static
 * description (store.c's tables; never from input), kept by the
 * connection so that db_stmt() can cache it by address. */
const char *db_generated_sql(struct db *db, const void *key, int kind,
                             char *(*build)(const void *key, int kind));

/* Bind by name, doing nothing when the statement has no such parameter
 * (one filter binder serves several statements); NULL text binds "". */
void db_bind_text(sqlite3_stmt *st, const char *name, const char *v);
void db_bind_int(sqlite3_stmt *st, const char *name, int64_t v);
/* The keyset of a page query ordered newest first by (date, id): binds
 * :at_date and :at_id for `dir` (FIRST from the top, LAST from the
 * bottom, FROM re-reading from the row itself, AFTER/BEFORE strictly past
 * it). */
void db_bind_keyset(sqlite3_stmt *st, enum page_dir dir, const char *at_date,
                    int64_t at_id);
/* EXPLAIN QUERY PLAN of static `sql`, one detail per line, malloc'd; the
 * tests use it to prove a list query walks an index. bind() fills its
 * parameters. */
char *db_explain(struct db *db, const char *sql,
                 void (*bind)(sqlite3_stmt *st, void *arg), void *arg);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK, mapping failures to struct error
 * (E_BUSY, E_FULL, E_READONLY, E_CORRUPT, E_DB). db_rollback() is a no-op
 * outside a transaction. */
int db_begin(struct db *db, struct error *e);
int db_commit(struct db *db, struct error *e);
void db_rollback(struct db *db);

/* Fills *e from the connection's last error, in words, and returns -1:
 * BUSY/LOCKED → E_BUSY, FULL (and an I/O error for lack of space) →
 * E_FULL, READONLY (and an I/O error on a disk gone read-only) →
 * E_READONLY, CANTOPEN and other IOERR → E_IO, CORRUPT/NOTADB →
 * E_CORRUPT, UNIQUE → E_DUP, a trigger's RAISE → E_PERM, anything else
 * E_DB. */
int db_error(struct db *db, int rc, struct error *e);
/* db_error() of the connection's last error (a db_stmt() that failed). */
int db_failed(struct db *db, struct error *e);
/* Runs a cached statement that takes no parameters (BEGIN, a queue's
 * INSERT … SELECT) to its end or its first row: 0, or -1 with *e. */
int db_run(struct db *db, const char *sql, struct error *e);
/* A column's text, "" for NULL; and the same copied into dst, cut to
 * its size. */
const char *db_column_text(sqlite3_stmt *st, int col);
void db_column_copy(char *dst, size_t size, sqlite3_stmt *st, int col);
/* For a long bulk write (an import, the demo build), on: a 64 MB page
 * cache, as the load comes back to the same index pages over and over,
 * and statement journals in memory rather than a temporary file written
 * and truncated for every row; off: SQLite's defaults again. Best effort:
 * a failure only costs speed. */
void db_bulk(struct db *db, bool on);

#endif
