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
 * never tells whether the login exists. Writes audit rows for logins,
 * failures and lockouts. */
int auth_login(struct db *db, const char *login, const char *password,
               struct session *out, struct error *e);

/* Re-checks the password of an account (unlocking an idle kiosk). */
bool auth_verify(struct db *db, int64_t staff_id, const char *password);

/* True when the database has no accounts yet: the kiosk then shows the
 * first-admin setup screen. */
bool auth_needs_setup(struct db *db);

#endif
