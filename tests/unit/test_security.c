/* test_security.c — hostile input and the password and audit rules
 * across the core (committee scoping is test_scoping.c's):
 *
 * - SQL metacharacters (quotes, semicolons, comment marks, LIKE
 *   wildcards, backslashes) through every text field of the tables that
 *   exist (accounts, drafts, records) are stored and found verbatim, and
 *   the schema is untouched.
 * - Passwords are yescrypt and never stored or audited in clear; every
 *   change and every login, failed login and lockout leaves its audit
 *   row, and the chain over them is whole.
 *
 * The office is scoping.h's. */
// links: tests/unit/scoping.c
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scoping.h"
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "juwei/assessment.h"
#include "juwei/audit.h"
#include "juwei/auth.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/draft.h"
#include "juwei/export.h"
#include "juwei/leave.h"
#include "juwei/records.h"
#include "juwei/report.h"
#include "juwei/residents.h"
#include "juwei/roster.h"
#include "juwei/staff.h"
#include "juwei/store.h"
#include "juwei/training.h"
#include "juwei/visits.h"

/* --- SQL metacharacters ---------------------------------------------- */

static const char *const hostile[] = {
    "O'Brien",
    "\"双引号\"",
    "'; DROP TABLE staff; --",
    "a'); DELETE FROM audit; --",
    "100% 真_的",
    "反斜杠\\",
    "/* 注释 */ OR 1=1",
    "\\u0000 和 {\"json\": [1, 2]}",
    "}, \"x\": \"y",
};

static int64_t
schema_objects(void)
{
    return count("SELECT count(*) FROM sqlite_schema");
}

static void
test_quotes_in_accounts(void)
{
    int64_t objects;

    setup();
    objects = schema_objects();
    for (size_t i = 0; i < ARRAY_LEN(hostile); i++) {
        struct ctx c = as(ADMIN);
        struct error e = { 0 };
        struct staff s;
        char login[16];

        snprintf(login, sizeof login, "h%zu", i);
        CHECK_INT(staff_add(&c, login, hostile[i], "guangming", NULL, ROLE_STAFF,
                            "secret-pass", &e), 0);
        CHECK_INT(staff_find_login(&c, login, &s, &e), 0);
        CHECK_STR(s.name, hostile[i]);
        /* finding by the text itself finds exactly that one */
        CHECK_INT(staff_page_count(&c, hostile[i], true), 1);
    }
    /* a wildcard in a search is a plain character */
    {
        struct ctx c = as(ADMIN);

        CHECK_INT(staff_page_count(&c, "%", true), 1);
        CHECK_INT(staff_page_count(&c, "_", true), 1);
    }
    CHECK_INT(schema_objects(), objects);
    CHECK_INT(count("SELECT count(*) FROM staff"), NWHO - 1 +
              (int64_t)ARRAY_LEN(hostile));
    {
        int64_t bad = 0;
        struct error e = { 0 };

        CHECK_INT(audit_verify_chain(db, &bad, &e), 0);
    }
}

static void
test_quotes_in_records_and_drafts(void)
{
    const char *names[ARRAY_LEN(hostile) + 1];
    const char *values[ARRAY_LEN(hostile) + 1];
    struct ctx c;
    struct error e = { 0 };
    struct draft *d = NULL;
    size_t n = 0;
    int64_t objects;

    setup();
    objects = schema_objects();
    c = as(LI);
    for (size_t i = 0; i < ARRAY_LEN(hostile); i++) {
        int64_t id;
        struct value *v = NULL;
        int64_t version;

        CHECK_INT(add_record(&c, "hepingli", hostile[i], hostile[i], &id, &e), 0);
        CHECK_INT(store_load(&c, &records_table, id, &v, &version, &e), 0);
        if (v != NULL) {
            CHECK_STR(v[REC_TITLE].s, hostile[i]);
            CHECK_STR(v[REC_DETAILS].s, hostile[i]);
            store_values_free(v, REC_NCOLS);
        }
        /* and the audit row holds them verbatim in its JSON */
        sqlite3_stmt *st;

        sqlite3_prepare_v2(db_sqlite(db), "SELECT after ->> '$.title'"
                           " FROM audit WHERE tbl = 'records' AND row_id = ?1",
                           -1, &st, NULL);
        sqlite3_bind_int64(st, 1, id);
        CHECK_INT(sqlite3_step(st), SQLITE_ROW);
        CHECK_STR((const char *)sqlite3_column_text(st, 0), hostile[i]);
        sqlite3_finalize(st);
        /* field names are hostile too in a draft's JSON */
        names[i] = hostile[i];
        values[i] = hostile[(i + 1) % ARRAY_LEN(hostile)];
    }
    names[ARRAY_LEN(hostile)] = "multi";
    values[ARRAY_LEN(hostile)] = "第一行\n第二行\t制表";
    CHECK_INT(draft_save(&c, "record", 0, 0, names, values,
                         ARRAY_LEN(hostile) + 1, &e), 0);
    CHECK_INT(draft_list(&c, &d, &n, &e), 0);
    CHECK_INT(n, 1);      /* the new draft replaced setup's of the same form */
    if (n == 1) {
        CHECK_INT(d[0].n, ARRAY_LEN(hostile) + 1);
        for (size_t i = 0; i <= ARRAY_LEN(hostile); i++)
            CHECK_STR(draft_value(&d[0], names[i]), values[i]);
    }
    draft_free_list(d, n);
    CHECK_INT(schema_objects(), objects);
}

/* --- passwords and the audit trail ------------------------------------ */

static void
test_passwords_are_yescrypt(void)
{
    sqlite3_stmt *st;

    setup();
    sqlite3_prepare_v2(db_sqlite(db), "SELECT password_hash FROM staff", -1,
                       &st, NULL);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *h = (const char *)sqlite3_column_text(st, 0);

        CHECK(strncmp(h, "$y$", 3) == 0);
        CHECK(strstr(h, "secret-pass") == NULL);
    }
    sqlite3_finalize(st);
    /* nowhere in the audit log, neither the password nor a hash */
    CHECK_INT(count("SELECT count(*) FROM audit WHERE instr(coalesce(after,"
                    " '') || coalesce(before, ''), 'secret-pass') > 0"
                    " OR instr(coalesce(after, '') || coalesce(before, ''),"
                    " '$y$') > 0"), 0);
    CHECK(count("SELECT count(*) FROM audit WHERE after ->> '$.password_hash'"
                " = '[redacted]'") >= NWHO - 1);
}

/* What an account's day leaves in the log, in order, sealed. */
static void
test_audit_trail(void)
{
    struct ctx admin, li;
    struct session s;
    struct error e = { 0 };
    int64_t first, id, bad = 0;
    sqlite3_stmt *st;
    char got[1024] = "";
    static const char want[] =
        "insert staff cli;login staff li;login_failed staff li;"
        "login_failed staff li;login_failed staff li;login_failed staff li;"
        "lockout staff li;login_failed staff li;password staff cli;"
        "login staff li;insert records li;update records li;"
        "delete records li;disable staff cli;login_failed staff li;"
        "enable staff cli;logout - li;";

    setup();
    first = count("SELECT max(id) FROM audit");
    admin = as(ADMIN);
    CHECK_INT(staff_add(&admin, "zhang", "张三", "hepingli", NULL, ROLE_STAFF,
                        "secret-pass", &e), 0);
    CHECK_INT(auth_login(db, "zhang", "secret-pass", &s, &e), 0);
    for (int i = 0; i < AUTH_MAX_FAILURES; i++)
        CHECK_INT(auth_login(db, "zhang", "wrong-pass", &s, &e), -1);
    /* locked: even the right password is refused, and logged */
    CHECK_INT(auth_login(db, "zhang", "secret-pass", &s, &e), -1);
    CHECK_INT(e.code, E_AUTH);
    CHECK_INT(staff_set_password(&admin, s.staff_id ? s.staff_id :
                                 count("SELECT id FROM staff WHERE"
                                       " login = 'zhang'"),
                                 "new-secret-1", &e), 0);
    CHECK_INT(auth_login(db, "zhang", "new-secret-1", &s, &e), 0);
    li.db = db;
    li.cfg = NULL;
    li.who = s;
    CHECK_INT(add_record(&li, "hepingli", "记录", NULL, &id, &e), 0);
    {
        struct value *v = NULL;
        int64_t version;

        CHECK_INT(store_load(&li, &records_table, id, &v, &version, &e), 0);
        free((char *)v[REC_TITLE].s);
        v[REC_TITLE].s = xstrdup("改过");
        struct change ch = { &records_table, CH_UPDATE, id, version, v, NULL, NULL };
        CHECK_INT(store_apply(&li, &ch, 1, &e), 0);
        store_values_free(v, REC_NCOLS);
        struct change del = { &records_table, CH_DELETE, id, version + 1, NULL,
                              NULL, NULL };
        CHECK_INT(store_apply(&li, &del, 1, &e), 0);
    }
    CHECK_INT(staff_disable(&admin, "zhang", &e), 0);
    CHECK_INT(auth_login(db, "zhang", "new-secret-1", &s, &e), -1);
    CHECK_INT(staff_enable(&admin, "zhang", &e), 0);
    CHECK_INT(audit_append(db, &li.who, "logout", NULL, 0, NULL, NULL, &e), 0);

    sqlite3_prepare_v2(db_sqlite(db), "SELECT action || ' ' ||"
                       " coalesce(tbl, '-') || ' ' ||"
                       " CASE WHEN actor_login LIKE 'cli:%' THEN 'cli'"
                       " WHEN actor_login = 'zhang' THEN 'li'"
                       " ELSE coalesce(actor_login, '?') END"
                       " FROM audit WHERE id > ?1 ORDER BY id", -1, &st, NULL);
    sqlite3_bind_int64(st, 1, first);
    while (sqlite3_step(st) == SQLITE_ROW) {
        strncat(got, (const char *)sqlite3_column_text(st, 0),
                sizeof got - strlen(got) - 2);
        strcat(got, ";");
    }
    sqlite3_finalize(st);
    CHECK_STR(got, want);
    CHECK_INT(audit_verify_chain(db, &bad, &e), 0);
}


int
main(void)
{
    RUN(test_quotes_in_accounts);
    RUN(test_quotes_in_records_and_drafts);
    RUN(test_passwords_are_yescrypt);
    RUN(test_audit_trail);
    scoping_done();
    return CHECK_DONE();
}
