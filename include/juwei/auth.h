/* auth.h — password hashes (yescrypt via libcrypt), login with lockout,
 * first-admin setup. Passwords are never stored, printed or logged. */
#ifndef JUWEI_AUTH_H
#define JUWEI_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "juwei/session.h"
#include "juwei/util.h"

#define AUTH_MAX_FAILURES 5
#define AUTH_LOCK_SECONDS (5 * 60)
#define AUTH_MIN_PASSWORD 8

/* A yescrypt hash of `password` with a fresh salt, malloc'd; NULL if
 * libcrypt failed. */
char *auth_hash(const char *password);
bool  auth_hash_matches(const char *hash, const char *password);

/* Password rules for new passwords (length; not the login). */
int auth_password_ok(const char *login, const char *password, struct error *e);

/* Checks login and password and fills *out. Five failures lock the
 * account for five minutes; a disabled account cannot log in; the message
 * (E_AUTH) is the same for an unknown login, a wrong password, a locked
 * and a disabled account. Audit rows "login", "login_failed" (with the
 * real reason in the JSON) and "lockout". Other codes (E_BUSY …) are
 * database failures. */
int auth_login(struct db *db, const char *login, const char *password,
               struct session *out, struct error *e);

/* Re-checks the password of an account (unlocking an idle kiosk): wrong
 * tries count towards the lockout like logins; success is audited as
 * "unlock". */
bool auth_verify(struct db *db, int64_t staff_id, const char *password);

/* True when the database has no accounts yet: the kiosk then shows the
 * first-admin setup screen. */
bool auth_needs_setup(struct db *db);

#endif
