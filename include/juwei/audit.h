/* audit.h — the append-only audit log: who did what to which row, when,
 * with the row before and after as JSON. The table's triggers refuse any
 * UPDATE or DELETE of an audit row, and each row is sealed with a SHA-256
 * of its content and of the previous row's seal (a hash chain), so that a
 * row changed or removed by an outside tool is found by
 * audit_verify_chain(). */
#ifndef JUWEI_AUDIT_H
#define JUWEI_AUDIT_H

#include <stdint.h>

#include "juwei/sha256.h"
#include "juwei/util.h"

struct db;
struct session;

/* Appends one row inside the caller's transaction (store_apply, auth and
 * db_sync_config each hold one). `who` NULL means the system itself
 * (config sync); a session with staff_id 0 is the command line. action is
 * a short English id: "insert", "update", "delete", "password",
 * "disable", "enable", "login", "login_failed", "lockout", "sync" …
 * row_id 0 means none (text-keyed tables put their key in the JSON).
 * before/after must be valid JSON or NULL; secrets are redacted by the
 * caller. */
int audit_append(struct db *db, const struct session *who, const char *action,
                 const char *table, int64_t row_id, const char *before_json,
                 const char *after_json, struct error *e);

/* audit_append for JSON already in SQLite's stored form, as json_object()
 * returns it (store.c's row images): sealed and kept byte for byte as
 * given, sparing a json() round trip per row. Anything else goes through
 * audit_append, which minifies and checks it. */
int audit_append_stored(struct db *db, const struct session *who,
                        const char *action, const char *table, int64_t row_id,
                        const char *before_json, const char *after_json,
                        struct error *e);

/* Checks every seal in id order. 0: the chain is whole (*first_bad 0).
 * -1 with *first_bad > 0: the first row that was changed, lost its seal,
 * or is missing (a removed row, also at the end, where sqlite_sequence
 * remembers it), with e (E_CORRUPT) saying which in words. -1 with
 * *first_bad 0: the database could not be read (e says why). */
int audit_verify_chain(struct db *db, int64_t *first_bad, struct error *e);

/* The newest row's id and seal (64 hex digits; zeros for an empty log).
 * Written down outside the machine (a report, a notebook), it shows later
 * whether the log was rewritten from some row on with new seals, which
 * the chain alone cannot. */
int audit_head(struct db *db, int64_t *last_id, char hash[SHA256_HEX],
               struct error *e);

#endif
