/* session.c — roles, the system actor, and the one scoping rule. */
#include "juwei/session.h"

#include <pwd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/util.h"

static const struct {
    const char *name;
    const char *label;
} roles[] = {
    [ROLE_STAFF]    = { "staff",    N_("Staff") },
    [ROLE_DIRECTOR] = { "director", N_("Director") },
    [ROLE_STREET]   = { "street",   N_("Street office") },
    [ROLE_ADMIN]    = { "admin",    N_("Administrator") },
};

const char *
role_name(enum role r)
{
    if ((unsigned)r >= ARRAY_LEN(roles))
        return "?";
    return roles[r].name;
}

bool
role_parse(const char *s, enum role *out)
{
    for (size_t i = 0; i < ARRAY_LEN(roles); i++) {
        if (s != NULL && strcmp(s, roles[i].name) == 0) {
            *out = (enum role)i;
            return true;
        }
    }
    return false;
}

const char *
role_label(enum role r)
{
    if ((unsigned)r >= ARRAY_LEN(roles))
        return "?";
    return _(roles[r].label);
}

void
session_system(struct session *s)
{
    struct passwd *pw = getpwuid(getuid());

    memset(s, 0, sizeof *s);
    s->staff_id = 0;
    s->role = ROLE_ADMIN;
    if (pw != NULL && pw->pw_name != NULL)
        snprintf(s->login, sizeof s->login, "cli:%s", pw->pw_name);
    else
        snprintf(s->login, sizeof s->login, "cli:%ld", (long)getuid());
    snprintf(s->name, sizeof s->name, "%s", s->login);
}

/* Must mean exactly what SCOPE_SQL means. A street account sees by
 * district; a committee account by committee; so a row of a street or
 * admin account (no committee) is seen by its district's street office
 * and by admins only. */
bool
session_sees(const struct session *s, const char *committee,
             const char *district)
{
    switch (s->role) {
    case ROLE_ADMIN:
        return true;
    case ROLE_STREET:
        return district != NULL && *district != '\0' &&
               strcmp(district, s->district) == 0;
    case ROLE_STAFF:
    case ROLE_DIRECTOR:
        return committee != NULL && *committee != '\0' &&
               strcmp(committee, s->committee) == 0;
    }
    return false;
}

/* A committee the INI no longer lists keeps its row, and its district,
 * in the database: its data stays where it was. */
static const char sql_district_of[] =
    "SELECT district_id FROM committees WHERE id = ?1";

bool
ctx_sees(const struct ctx *ctx, const char *committee)
{
    const struct cfg_committee *c = ctx->cfg != NULL && committee != NULL
                                    ? config_committee(ctx->cfg, committee)
                                    : NULL;
    sqlite3_stmt *st;
    char district[64] = "";

    if (c != NULL || ctx->who.role != ROLE_STREET || committee == NULL)
        return session_sees(&ctx->who, committee,
                            c != NULL ? c->district : NULL);
    /* Only the street office's answer depends on the district. */
    if (ctx->db != NULL && (st = db_stmt(ctx->db, sql_district_of)) != NULL) {
        sqlite3_bind_text(st, 1, committee, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW &&
            sqlite3_column_text(st, 0) != NULL)
            snprintf(district, sizeof district, "%s",
                     (const char *)sqlite3_column_text(st, 0));
        sqlite3_reset(st);
    }
    return session_sees(&ctx->who, committee, district);
}

void
session_bind_scope(const struct session *s, struct sqlite3_stmt *st)
{
    int i;

    if ((i = sqlite3_bind_parameter_index(st, ":role")) > 0)
        sqlite3_bind_int(st, i, (int)s->role);
    if ((i = sqlite3_bind_parameter_index(st, ":district")) > 0)
        sqlite3_bind_text(st, i, s->district, -1, SQLITE_TRANSIENT);
    if ((i = sqlite3_bind_parameter_index(st, ":committee")) > 0)
        sqlite3_bind_text(st, i, s->committee, -1, SQLITE_TRANSIENT);
}
