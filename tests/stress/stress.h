/* stress.h — what the load, crash and disk tests share: a database file
 * set up from the bundled config/juwei.ini with real accounts (made with
 * staff_add, logged in with auth_login) and residents, the writes a kiosk
 * makes through the core (records.c, visits.c, leave.c: scope checks,
 * validation, the audit row, the full-text queue), acknowledgement logs
 * written by worker processes, and the checks made afterwards. */
#ifndef JUWEI_STRESS_H
#define JUWEI_STRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/session.h"

/* The kiosks: staff accounts 1..STRESS_STAFF of four committees in both
 * districts of the sample INI. */
#define STRESS_STAFF 8

/* Loads config/juwei.ini (tests run from the top of the tree) and fixes
 * today at 2026-06-15, inside the INI's working calendar. Exits on
 * failure. Call once, before stress_make_db(). */
void stress_init(void);
const struct config *stress_cfg(void);

/* A fresh database at `path` (removed first, with -wal and -shm): schema,
 * the INI's districts and committees, the kiosks' accounts and their
 * committees' directors and residents. The first call builds it (the
 * password hashes are slow on purpose) in the test's directory, later
 * ones copy that. Exits on failure. */
void stress_make_db(const char *path);

/* A context acting as kiosk `staff` (1..STRESS_STAFF): the session its
 * account's auth_login() gave. */
struct ctx stress_ctx(struct db *db, int staff);
const char *stress_committee(int staff);

/* The writes, as the kiosk's screens make them; 0 or -1 with *e. */
int stress_record_add(struct ctx *ctx, const char *title, const char *details,
                      int64_t *id, struct error *e);
/* Sets the details of record `id` at the version read just before. */
int stress_record_update(struct ctx *ctx, int64_t id, const char *details,
                         struct error *e);
/* A visit to one of the committee's residents (picked by `pick`). */
int stress_visit_add(struct ctx *ctx, unsigned int pick,
                     const char *discussed, int64_t *id, struct error *e);
int stress_visit_update(struct ctx *ctx, int64_t id, const char *discussed,
                        struct error *e);
/* Asks for 调休 over ten days starting `day` days after 2026-07-01 (so
 * there is always a working day in it); the account must have no other
 * pending leave then. */
int stress_leave_request(struct ctx *ctx, int day, int64_t *id,
                         struct error *e);
int stress_leave_withdraw(struct ctx *ctx, int64_t id, struct error *e);
/* The account's pending request, or 0. */
int64_t stress_leave_pending(struct ctx *ctx);

/* The tables the kiosks write, and the column a test reads back. */
struct stress_kind {
    char        letter;      /* in the acknowledgement logs */
    const char *table;
    const char *value_col;   /* what the last acknowledged write set */
};
extern const struct stress_kind stress_kinds[3];   /* r, v, l */
const struct stress_kind *stress_kind(char letter);

/* Whether the records' full-text index matches the table and its queue
 * is empty (every write applied it before committing). */
bool stress_fts_whole(struct db *db);

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

/* Monotonic milliseconds. */
int64_t stress_ms(void);
/* A number from the environment, or `def`. */
double stress_env(const char *name, double def);

#endif
