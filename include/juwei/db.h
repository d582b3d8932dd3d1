/* db.h — the SQLite store: open with the durable pragmas, versioned
 * schema and ordered migrations, sync of districts/committees from the INI,
 * and a cache of prepared statements. Only core modules include sqlite3.h. */
#ifndef JUWEI_DB_H
#define JUWEI_DB_H

#include <sqlite3.h>
#include <stdbool.h>

#include "juwei/util.h"

struct config;
struct db;

enum db_mode {
    DB_OPEN,      /* the database must exist at the current schema version */
    DB_CREATE,    /* create if missing; migrations are left to db_migrate() */
    DB_READONLY,
};

/* Opens `path` with WAL, synchronous=FULL, foreign_keys=ON and a busy
 * timeout; refuses a file that is not a database, a database from a newer
 * juwei, or (DB_OPEN) one that needs `juwei init`. */
struct db *db_open(const char *path, enum db_mode mode, struct error *e);
void db_close(struct db *db);

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

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK, mapping failures to struct error
 * (E_BUSY, E_FULL, E_READONLY, E_CORRUPT, E_DB). */
int db_begin(struct db *db, struct error *e);
int db_commit(struct db *db, struct error *e);
void db_rollback(struct db *db);

/* Fills *e from the connection's last error, in words, and returns -1. */
int db_error(struct db *db, int rc, struct error *e);

#endif
