/* session.h — who is acting, and the context passed to every core call. */
#ifndef JUWEI_SESSION_H
#define JUWEI_SESSION_H

#include <stdbool.h>
#include <stdint.h>

struct db;
struct config;

enum role { ROLE_STAFF, ROLE_DIRECTOR, ROLE_STREET, ROLE_ADMIN };

struct session {
    int64_t   staff_id;        /* 0: the command line, acting as the system */
    char      login[64];
    char      name[128];
    char      committee[64];   /* "" for street and admin accounts */
    char      district[64];    /* the committee's district, or a street's own */
    enum role role;
};

/* Passed to every core function: no global state. */
struct ctx {
    struct db           *db;
    const struct config *cfg;
    struct session       who;
};

const char *role_name(enum role r);          /* "staff", "director", … */
bool        role_parse(const char *s, enum role *out);
const char *role_label(enum role r);         /* translated: 工作人员 … */

/* The system actor used by the command line (`juwei init`, `user add`):
 * role admin, login "cli:<unix user>". */
void session_system(struct session *s);

/* May this session see/change rows of `committee` (in `district`)? The
 * one scoping rule; SQL reads use SCOPE_SQL below with the same meaning. */
bool session_sees(const struct session *s, const char *committee,
                  const char *district);
/* session_sees() for a committee id alone, its district looked up in
 * ctx->cfg (or, for a committee the INI no longer lists, in the
 * database): for rules that hold a row's committee but not its district. */
bool ctx_sees(const struct ctx *ctx, const char *committee);

/* The scope condition for list queries, as static SQL text. Bind
 * :role (int enum role), :district and :committee from the session with
 * session_bind_scope(). `col` is the row's committee id column. */
#define SCOPE_SQL(col) \
    "(:role = 3 OR (:role = 2 AND " col " IN " \
    "(SELECT id FROM committees WHERE district_id = :district)) OR " \
    col " = :committee)"

struct sqlite3_stmt;
void session_bind_scope(const struct session *s, struct sqlite3_stmt *st);

#endif
