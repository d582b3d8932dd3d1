/* stress.h — what the load, crash and disk tests share: a database file
 * with committees and accounts, the records table as a test describes it
 * (drive store_apply() the way a record module will), acknowledgement logs
 * written by worker processes, and the checks made afterwards. */
#ifndef JUWEI_STRESS_H
#define JUWEI_STRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "juwei/db.h"
#include "juwei/store.h"

#define STRESS_STAFF 8            /* accounts 1..8, staff of c1..c3 */

enum { R_COMMITTEE, R_STAFF, R_DATE, R_CATEGORY, R_TITLE, R_DETAILS,
       R_HOURS, R_NCOLS };

/* The records table of schema 1 with its columns; records.c will give
 * the real description and this one goes. */
extern const struct table stress_records;

/* A fresh database at `path` (removed first, with -wal and -shm): schema,
 * one district, committees c1..c3, accounts 1..STRESS_STAFF. Exits on
 * failure. */
void stress_make_db(const char *path);

/* A context acting as account `staff` (1..STRESS_STAFF, role staff). */
struct ctx stress_ctx(struct db *db, int staff);
const char *stress_committee(int staff);

/* Inserts one record as `ctx` with `title` and `details`; 0 or -1. */
int stress_insert(struct ctx *ctx, const char *title, const char *details,
                  int64_t *id, struct error *e);
/* Sets the details of record `id` (loaded first for its version). */
int stress_update(struct ctx *ctx, int64_t id, const char *details,
                  struct error *e);

/* A temporary directory for a test run, and a path in it. */
const char *stress_tmpdir(const char *what);
const char *stress_path(const char *name);
void stress_rmdir(void);

/* Appends a line to an acknowledgement log: written only after the
 * change it reports was committed, unbuffered, so a log survives the
 * writer being killed. */
void stress_ack(int fd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "ok" or what PRAGMA integrity_check said, malloc'd. */
char *stress_integrity(struct db *db);
/* One integer from a query, or -1. */
int64_t stress_int(struct db *db, const char *sql);

/* Monotonic milliseconds. */
int64_t stress_ms(void);
/* A number from the environment, or `def`. */
double stress_env(const char *name, double def);

#endif
