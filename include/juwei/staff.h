/* staff.h — accounts: the staff table as store_apply() knows it, and the
 * account operations shared by `juwei user …` and the kiosk. Every write
 * goes through store_apply() and so leaves an audit row; passwords are
 * hashed here and never kept or logged in clear. */
#ifndef JUWEI_STAFF_H
#define JUWEI_STAFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "juwei/page.h"
#include "juwei/session.h"
#include "juwei/store.h"
#include "juwei/util.h"

#define STAFF_LOGIN_MIN 2
#define STAFF_LOGIN_MAX 32

/* Columns of staff_table, in order (index into struct value arrays). */
enum staff_col {
    STAFF_LOGIN, STAFF_NAME, STAFF_COMMITTEE, STAFF_DISTRICT, STAFF_ROLE,
    STAFF_EMPLOYMENT, STAFF_HIRE_DATE, STAFF_CONTRACT_END, STAFF_PHONE,
    STAFF_ACTIVE, STAFF_PASSWORD_HASH, STAFF_NCOLS
};

/* Scoped by committee, or by district for street accounts; a staff-role
 * account may change only its own row, and only its password. */
extern const struct table staff_table;

struct staff {
    int64_t   id;
    char      login[64];
    char      name[192];
    char      committee[64];       /* "" for street and admin accounts */
    char      committee_name[192];
    char      district[64];        /* the committee's, or a street's own */
    enum role role;
    char      employment_type[64];
    char      hire_date[11];       /* YYYY-MM-DD or "" */
    char      contract_end[11];
    char      phone[64];
    bool      active;
    bool      locked;              /* locked now after wrong passwords */
    int64_t   last_login;          /* 0: never */
    int64_t   version;
};

/* 2–32 characters of a-z 0-9 . _ - */
bool staff_login_ok(const char *login);

/* Adds an account (admin only). Staff and directors need an active
 * committee (their district is the committee's; a different `district`
 * is refused); a street account needs a district and no committee; an
 * admin neither. The password must pass auth_password_ok(). */
int staff_add(struct ctx *ctx, const char *login, const char *name,
              const char *committee, const char *district, enum role role,
              const char *password, struct error *e);

/* Sets a new password: one's own, or anyone's as admin. Also lifts a
 * lockout. Audited as "password" (the hash itself is redacted). */
int staff_set_password(struct ctx *ctx, int64_t staff_id,
                       const char *password, struct error *e);

/* Disables or re-enables an account (admin only). The last active admin
 * cannot be disabled. Doing it twice is not an error. */
int staff_disable(struct ctx *ctx, const char *login, struct error *e);
int staff_enable(struct ctx *ctx, const char *login, struct error *e);

/* One account in the session's scope; E_NOTFOUND otherwise. */
int staff_find_login(struct ctx *ctx, const char *login, struct staff *out,
                     struct error *e);
int staff_get(struct ctx *ctx, int64_t id, struct staff *out,
              struct error *e);

/* The accounts the session sees, by district, committee and login;
 * inactive ones only when asked. *out is malloc'd; free() it. */
int staff_list(struct ctx *ctx, bool include_inactive, struct staff **out,
               size_t *n, struct error *e);

/* Keyset paging by login for the accounts list: up to n accounts the
 * session sees whose login or name contains `find` ("" for all), in login
 * order, relative to the login `at` (see enum page_dir). */
int staff_page(struct ctx *ctx, const char *find, bool include_inactive,
               enum page_dir dir, const char *at, int n, struct staff *out,
               int *got, struct error *e);
/* How many accounts staff_page() would page through; -1 on error. */
long staff_page_count(struct ctx *ctx, const char *find,
                      bool include_inactive);

/* Accounts in the database, active or not; -1 on error. */
int64_t staff_count(struct db *db);

/* The kiosk's first-run screen: creates the first admin, allowed only
 * while there are no accounts at all (checked inside the transaction, so
 * two kiosks cannot both do it). */
int staff_create_first_admin(struct db *db, const char *login,
                             const char *name, const char *password,
                             struct error *e);

#endif
