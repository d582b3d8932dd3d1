/* audit.h — the append-only audit log: who did what to which row, when,
 * with the row before and after as JSON. The table's triggers refuse any
 * UPDATE or DELETE of an audit row. */
#ifndef JUWEI_AUDIT_H
#define JUWEI_AUDIT_H

#include <stdint.h>

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

#endif
