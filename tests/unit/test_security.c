/* test_security.c — hostile input and access rules across the core.
 *
 * - Committee scoping, table-driven: every core read and write that takes
 *   a context and reaches committee data (accounts, records, residents,
 *   drafts, visits, leave, roster, training, assessment, reports,
 *   exports) is tried as people who must not reach another committee's
 *   row (staff and director of another committee, the street office of
 *   another district) and, as a control, as someone who must. A module
 *   that lands adds its functions to the table.
 * - SQL metacharacters (quotes, semicolons, comment marks, LIKE
 *   wildcards, backslashes) through every text field of the tables that
 *   exist (accounts, drafts, records) are stored and found verbatim, and
 *   the schema is untouched.
 * - Passwords are yescrypt and never stored or audited in clear; every
 *   change and every login, failed login and lockout leaves its audit
 *   row, and the chain over them is whole.
 *
 * The committees and lists are the sample INI's: li and liu are of
 * hepingli, wang and zhou of guangming (both in the dongfeng district,
 * whose street office is sun); qian is the street office of xinhua. */
#include <stdio.h>
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

static struct db *db, *template_db;
static struct config *cfg;

/* The people, filled in by setup(). */
enum who { ADMIN, LI, LIU, SUN, WANG, ZHOU, QIAN, NWHO };
static const struct {
    const char *login, *name, *committee, *district;
    enum role   role;
} people[NWHO] = {
    [ADMIN] = { NULL, NULL, NULL, NULL, ROLE_ADMIN },     /* the command line */
    [LI]    = { "li", "李明", "hepingli", NULL, ROLE_STAFF },   /* the owner */
    [LIU]   = { "liu", "刘主任", "hepingli", NULL, ROLE_DIRECTOR },
    [SUN]   = { "sun", "孙街道", NULL, "dongfeng", ROLE_STREET },
    [WANG]  = { "wang", "王芳", "guangming", NULL, ROLE_STAFF },
    [ZHOU]  = { "zhou", "周主任", "guangming", NULL, ROLE_DIRECTOR },
    [QIAN]  = { "qian", "钱街道", NULL, "xinhua", ROLE_STREET },
};
static struct session sess[NWHO];

/* What the table's functions work on: li's account, record, draft,
 * resident, visit, leave (pending; approved ahead; approved and begun),
 * his committee's training and a district-wide one he and wang went to,
 * and the district's assessment round with li as a subject. */
static int64_t li_id, wang_id, li_record, li_draft, li_resident, li_visit,
               li_leave, li_leave_ahead, li_leave_begun, li_training,
               wide_training, round_id, li_subject;

/* Today in the tests: Sunday 2025-06-15, 15:06 UTC. */
#define NOW   1750000000
#define TODAY "2025-06-15"

static struct ctx
as(enum who w)
{
    struct ctx c = { 0 };

    c.db = db;
    c.cfg = cfg;
    c.who = sess[w];
    return c;
}

static int64_t
count(const char *sql)
{
    sqlite3_stmt *st;
    int64_t v = -1;

    if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK)
        return -2;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The stored version of row `id` of `table` (a name of ours, never
 * typed by anyone). */
static int64_t
version_of(const char *table, int64_t id)
{
    char sql[96];

    snprintf(sql, sizeof sql, "SELECT version FROM %s WHERE id = %lld", table,
             (long long)id);
    return count(sql);
}

/* A record through store_apply() itself, the generic path a module's
 * own function wraps. */
static int
add_record(struct ctx *c, const char *committee, const char *title,
           const char *details, int64_t *id, struct error *e)
{
    struct value v[REC_NCOLS] = { 0 };
    struct change ch = { &records_table, CH_INSERT, 0, 0, v, NULL, NULL };

    v[REC_COMMITTEE].s = committee;
    /* staff write their own; the others write li's (the command line
     * acts for nobody, and a record is of a committee member) */
    v[REC_STAFF].i = c->who.role == ROLE_STAFF ? c->who.staff_id : li_id;
    v[REC_DATE].s = "2025-06-13";
    v[REC_CATEGORY].s = "visit";
    v[REC_TITLE].s = title;
    v[REC_DETAILS].s = details;
    v[REC_HOURS].null = true;
    if (store_apply(c, &ch, 1, e) < 0)
        return -1;
    *id = ch.id;
    return 0;
}

static int
ask_leave(struct ctx *c, const char *type, date_t from, date_t to,
          int64_t cover, int64_t *id, struct error *e)
{
    struct leave_request r = {
        .type = type, .from = from, .to = to, .from_half = HALF_AM,
        .to_half = HALF_PM, .reason = "李明请假", .cover_id = cover,
    };

    return leave_request(c, &r, id, e);
}

/* Everything but the accounts: li's data in hepingli, and the
 * district's. */
static int
make_data(struct error *e)
{
    struct ctx admin = as(ADMIN), li = as(LI), liu = as(LIU), sun = as(SUN);
    const char *names[] = { "title" }, *values[] = { "未写完" };
    struct resident_input ri = {
        .committee = "hepingli", .name = "李家老人", .building = "5",
        .unit = "1", .room = "302",
        .tags = (const char *const[]){ "elderly_alone" }, .ntags = 1,
    };
    struct visit_input vi = {
        .date = "2025-06-13", .purpose = "routine",
        .discussed = "李家走访的内容", .outcome = "已解决",
        .followup_needed = true, .followup_date = "2025-06-14",
    };
    struct roster_entry re;
    struct training t = {
        .district = "dongfeng", .committee = "hepingli", .date = "2025-06-10",
        .level = "street", .title = "幸福社区自己的培训", .organiser = "刘主任",
        .hours = 2,
    };
    struct training w = {
        .district = "dongfeng", .date = "2025-06-11", .level = "street",
        .title = "街道全体培训", .organiser = "孙街道", .hours = 3,
    };
    int64_t both[2] = { li_id, wang_id }, *subjects = NULL;
    size_t n = 0;
    int rc;

    if (add_record(&li, "hepingli", "李明的记录", "只有和平里能看", &li_record,
                   e) < 0 ||
        draft_save(&li, "record", 0, 0, names, values, 1, e) < 0 ||
        residents_add(&admin, &ri, false, &li_resident, e) < 0)
        return -1;
    vi.resident_id = li_resident;
    if (visits_add(&li, &vi, &li_visit, e) < 0 ||
        ask_leave(&li, "personal", date_from_ymd(2025, 7, 1),
                  date_from_ymd(2025, 7, 2), 0, &li_leave, e) < 0 ||
        ask_leave(&li, "annual", date_from_ymd(2025, 8, 4),
                  date_from_ymd(2025, 8, 5), 0, &li_leave_ahead, e) < 0 ||
        leave_decide(&liu, li_leave_ahead, 0, true, "同意", e) < 0 ||
        ask_leave(&li, "personal", date_from_ymd(2025, 6, 9),
                  date_from_ymd(2025, 6, 10), 0, &li_leave_begun, e) < 0 ||
        leave_decide(&liu, li_leave_begun, 0, true, "同意", e) < 0 ||
        roster_get(&sun, li_id, &re, e) < 0)
        return -1;
    struct roster_edit ed = {
        .employment_type = "contract", .hire_date = "2020-03-01",
        .contract_end = "2025-07-01", .phone = "13800001111", .active = true,
    };
    if (roster_update(&sun, li_id, re.version, &ed, e) < 0 ||
        training_save(&liu, &t, &li_id, 1, e) < 0 ||
        training_save(&sun, &w, both, 2, e) < 0)
        return -1;
    li_training = t.id;
    wide_training = w.id;
    if (assessment_default_subjects(&sun, &subjects, &n, e) < 0)
        return -1;
    rc = assessment_open(&sun, 2025, subjects, n, &round_id, e);
    free(subjects);
    return rc;
}

/* The accounts and their data, made once (yescrypt is slow on purpose);
 * each test starts from a fresh copy. */
static void
make_template(void)
{
    struct error e = { 0 };
    struct diags d = { 0 };
    struct ctx c;

    util_set_now(NOW);
    cfg = config_load("config/juwei.ini", &d);
    diags_print(&d, stdout);
    diags_free(&d);
    if (cfg == NULL) {
        printf("setup: cannot load config/juwei.ini\n");
        exit(2);
    }
    db = db_open(":memory:", DB_CREATE, &e);
    if (db == NULL || db_migrate(db, &e) < 0 ||
        db_sync_config(db, cfg, &e) < 0)
        goto fail;
    session_system(&sess[ADMIN]);
    for (int w = LI; w < NWHO; w++) {
        c = as(ADMIN);
        if (staff_add(&c, people[w].login, people[w].name, people[w].committee,
                      people[w].district, people[w].role, "secret-pass",
                      &e) < 0 ||
            auth_login(db, people[w].login, "secret-pass", &sess[w], &e) < 0)
            goto fail;
    }
    li_id = sess[LI].staff_id;
    wang_id = sess[WANG].staff_id;
    if (make_data(&e) < 0)
        goto fail;
    li_draft = count("SELECT max(id) FROM drafts");
    li_subject = count("SELECT s.id FROM assessment_subjects s JOIN staff t"
                       " ON t.id = s.staff_id WHERE t.login = 'li'");
    template_db = db;
    db = NULL;
    return;
fail:
    printf("setup: %s\n", e.msg);
    exit(2);
}

static void
setup(void)
{
    struct error e = { 0 };
    sqlite3_backup *b;

    if (template_db == NULL)
        make_template();
    if (db != NULL)
        db_close(db);
    db = db_open(":memory:", DB_CREATE, &e);
    b = db != NULL ? sqlite3_backup_init(db_sqlite(db), "main",
                                         db_sqlite(template_db), "main")
                   : NULL;
    if (b == NULL || sqlite3_backup_step(b, -1) != SQLITE_DONE) {
        printf("setup: cannot copy the template\n");
        exit(2);
    }
    sqlite3_backup_finish(b);
    li_record = count("SELECT min(id) FROM records");
    li_draft = count("SELECT min(id) FROM drafts");
}

/* --- the scoping table ----------------------------------------------- */

/* Each entry tries to reach li's data as `c` and says whether it did. */
struct probe {
    const char *what;
    bool      (*reach)(struct ctx *c);
    /* who must reach it (the control), and who must not */
    unsigned    insiders, outsiders;
};

#define W(x) (1u << (x))
/* Who sees li's committee: himself, its director, the street office of
 * its district, an admin; and those who must not. */
#define SEES   (W(LI) | W(LIU) | W(SUN) | W(ADMIN))
#define OTHERS (W(WANG) | W(ZHOU) | W(QIAN))

static bool
reach_find_login(struct ctx *c)
{
    struct staff s;
    struct error e = { 0 };

    return staff_find_login(c, "li", &s, &e) == 0;
}

static bool
reach_get(struct ctx *c)
{
    struct staff s;
    struct error e = { 0 };

    return staff_get(c, li_id, &s, &e) == 0;
}

static bool
reach_list(struct ctx *c)
{
    struct staff *v = NULL;
    size_t n = 0;
    struct error e = { 0 };
    bool found = false;

    if (staff_list(c, true, &v, &n, &e) == 0) {
        for (size_t i = 0; i < n; i++)
            found |= v[i].id == li_id;
    }
    free(v);
    return found;
}

static bool
reach_page(struct ctx *c)
{
    struct staff v[16];
    int got = 0;
    struct error e = { 0 };
    bool found = false;

    /* by name, and from either end */
    static const enum page_dir dirs[] = { PAGE_FIRST, PAGE_LAST };

    for (size_t d = 0; d < ARRAY_LEN(dirs); d++) {
        if (staff_page(c, "李", true, dirs[d], NULL, 16, v, &got, &e) == 0) {
            for (int i = 0; i < got; i++)
                found |= v[i].id == li_id;
        }
    }
    return found;
}

static bool
reach_page_count(struct ctx *c)
{
    return staff_page_count(c, "李明", true) > 0;
}

static bool
reach_password(struct ctx *c)
{
    struct error e = { 0 };

    return staff_set_password(c, li_id, "other-pass-1", &e) == 0;
}

static bool
reach_disable(struct ctx *c)
{
    struct error e = { 0 };
    bool done = staff_disable(c, "li", &e) == 0;

    if (done) {
        struct ctx a = as(ADMIN);

        staff_enable(&a, "li", &e);
    }
    return done;
}

static bool
reach_enable(struct ctx *c)
{
    struct ctx a = as(ADMIN);
    struct error e = { 0 };
    bool done;

    staff_disable(&a, "li", &e);
    done = staff_enable(c, "li", &e) == 0;
    staff_enable(&a, "li", &e);
    return done;
}

static bool
reach_add_to_c1(struct ctx *c)
{
    struct error e = { 0 };

    return staff_add(c, "newbie", "新人", "hepingli", NULL, ROLE_STAFF,
                     "secret-pass", &e) == 0;
}

static bool
reach_record_load(struct ctx *c)
{
    struct value *v = NULL;
    int64_t version;
    struct error e = { 0 };
    bool ok = store_load(c, &records_table, li_record, &v, &version, &e) == 0;

    store_values_free(v, REC_NCOLS);
    return ok;
}

static bool
reach_record_update(struct ctx *c)
{
    struct ctx owner = as(LI);
    struct value *v = NULL;
    int64_t version;
    struct error e = { 0 };
    bool ok;

    if (store_load(&owner, &records_table, li_record, &v, &version, &e) < 0)
        return false;
    free((char *)v[REC_TITLE].s);
    v[REC_TITLE].s = xstrdup("被改了");
    struct change ch = { &records_table, CH_UPDATE, li_record, version, v, NULL,
                         NULL };
    ok = store_apply(c, &ch, 1, &e) == 0;
    store_values_free(v, REC_NCOLS);
    return ok;
}

static bool
reach_record_delete(struct ctx *c)
{
    struct error e = { 0 };
    struct change ch = { &records_table, CH_DELETE, li_record,
                         version_of("records", li_record), NULL, NULL, NULL };
    bool ok = store_apply(c, &ch, 1, &e) == 0;

    if (ok) {     /* put it back for the next probe */
        struct ctx owner = as(LI);

        add_record(&owner, "hepingli", "李明的记录", "只有和平里能看", &li_record,
                   &e);
    }
    return ok;
}

static bool
reach_record_insert(struct ctx *c)
{
    struct error e = { 0 };
    int64_t id;

    return add_record(c, "hepingli", "塞进别人的社区", NULL, &id, &e) == 0;
}

/* What list screens use: SCOPE_SQL bound from the session. */
static bool
reach_scope_sql(struct ctx *c)
{
    static const char sql[] =
        "SELECT count(*) FROM records WHERE id = ?1 AND "
        SCOPE_SQL("committee_id");
    sqlite3_stmt *st = db_stmt(db, sql);
    bool found;

    sqlite3_bind_int64(st, 1, li_record);
    session_bind_scope(&c->who, st);
    found = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
    sqlite3_reset(st);
    return found;
}

static bool
reach_draft_list(struct ctx *c)
{
    struct draft *v = NULL;
    size_t n = 0;
    struct error e = { 0 };
    bool found = false;

    if (draft_list(c, &v, &n, &e) == 0) {
        for (size_t i = 0; i < n; i++)
            found |= v[i].id == li_draft;
    }
    draft_free_list(v, n);
    return found;
}

static bool
reach_draft_discard(struct ctx *c)
{
    struct error e = { 0 };
    const char *names[] = { "title" }, *values[] = { "未写完" };
    bool gone;

    draft_discard(c, li_draft, &e);
    gone = count("SELECT count(*) FROM drafts WHERE staff_id = 1"
                 " OR staff_id = (SELECT id FROM staff WHERE login = 'li')")
           == 0;
    if (gone) {
        struct ctx owner = as(LI);

        draft_save(&owner, "record", 0, 0, names, values, 1, &e);
        li_draft = count("SELECT max(id) FROM drafts");
    }
    return gone;
}

/* --- records and residents through their modules ---------------------- */

static bool
reach_records_get(struct ctx *c)
{
    struct record r;
    struct error e = { 0 };

    if (records_get(c, li_record, &r, &e) < 0)
        return false;
    records_free(&r);
    return true;
}

static bool
reach_records_page(struct ctx *c)
{
    struct record_filter f[2] = { { .staff_id = 0 }, { .staff_id = 0 } };
    struct record v[16];
    struct error e = { 0 };
    bool found = false;
    int got = 0;

    snprintf(f[1].find, sizeof f[1].find, "李明的记录");
    for (int i = 0; i < 2; i++) {
        if (records_page(c, &f[i], PAGE_FIRST, NULL, 0, 16, v, &got,
                         &e) == 0) {
            for (int j = 0; j < got; j++)
                found |= v[j].id == li_record;
        }
        found |= records_count(c, &f[i]) > 0;
    }
    return found;
}

static const struct record_input li_input = {
    .date = "2025-06-13", .staff_id = 0, .category = "visit",
    .title = "被改了", .details = "", .hours = "",
};

static bool
reach_records_update(struct ctx *c)
{
    struct record_input in = li_input;
    struct error e = { 0 };

    in.staff_id = li_id;
    return records_update(c, li_record, version_of("records", li_record), &in, &e) == 0;
}

static bool
reach_records_delete(struct ctx *c)
{
    struct error e = { 0 };

    return records_delete(c, li_record, version_of("records", li_record), &e) == 0;
}

/* A record of li's work, written by someone else. */
static bool
reach_records_add(struct ctx *c)
{
    struct record_input in = li_input;
    struct error e = { 0 };
    int64_t id;

    in.staff_id = li_id;
    return records_add(c, &in, &id, &e) == 0;
}

static bool
reach_resident_get(struct ctx *c)
{
    struct resident *r = xmalloc(sizeof *r);
    struct error e = { 0 };
    bool ok = residents_get(c, li_resident, r, &e) == 0;

    free(r);
    return ok;
}

static bool
reach_residents_page(struct ctx *c)
{
    static const struct resident_filter filters[] = {
        { 0 }, { .find = "李家" }, { .committee = "hepingli" },
    };
    struct resident *v = xcalloc(16, sizeof *v);
    struct error e = { 0 };
    bool found = false;
    int got = 0;

    for (size_t f = 0; f < ARRAY_LEN(filters); f++) {
        if (residents_page(c, &filters[f], PAGE_FIRST, NULL, 0, 16, v, &got,
                           &e) == 0) {
            for (int i = 0; i < got; i++)
                found |= v[i].id == li_resident;
        }
        found |= residents_page_count(c, &filters[f]) > 0;
    }
    free(v);
    return found;
}

/* li's resident lives alone and was last visited two days ago. */
static bool
reach_residents_neglected(struct ctx *c)
{
    struct resident_neglect_filter f = { .tag = "elderly_alone", .days = 1 };

    return residents_neglected_count(c, &f) > 0;
}

static bool
reach_resident_set_active(struct ctx *c)
{
    struct error e = { 0 };

    return residents_set_active(c, li_resident,
                                version_of("residents", li_resident), false,
                                &e) == 0;
}

static bool
reach_resident_update(struct ctx *c)
{
    struct resident_input in = {
        .name = "李家老人", .building = "6", .unit = "1", .room = "101",
    };
    struct error e = { 0 };

    return residents_update(c, li_resident,
                            version_of("residents", li_resident), &in, false,
                            &e) == 0;
}

/* Adding a resident to li's committee. */
static bool
reach_resident_add(struct ctx *c)
{
    struct resident_input in = {
        .committee = "hepingli", .name = "外人", .building = "1",
        .unit = "1", .room = "101",
    };
    struct error e = { 0 };
    int64_t id;

    return residents_add(c, &in, false, &id, &e) == 0;
}

/* --- visits ---------------------------------------------------------- */

static bool
reach_visit_get(struct ctx *c)
{
    struct visit *v = xmalloc(sizeof *v);
    struct error e = { 0 };
    bool ok = visits_get(c, li_visit, v, &e) == 0;

    free(v);
    return ok;
}

static bool
reach_visit_update(struct ctx *c)
{
    struct visit_input in = {
        .date = "2025-06-13", .resident_id = li_resident,
        .purpose = "routine", .discussed = "被改了", .outcome = "",
    };
    struct error e = { 0 };

    return visits_update(c, li_visit, version_of("visits", li_visit), &in, &e) == 0;
}

static bool
reach_visit_followup_done(struct ctx *c)
{
    struct error e = { 0 };

    return visits_followup_done(c, li_visit, version_of("visits", li_visit), &e) == 0;
}

static bool
reach_visit_delete(struct ctx *c)
{
    struct error e = { 0 };

    return visits_delete(c, li_visit, version_of("visits", li_visit), &e) == 0;
}

/* A visit to li's resident, by someone else. */
static bool
reach_visit_add(struct ctx *c)
{
    struct visit_input in = {
        .date = "2025-06-14", .resident_id = li_resident,
        .purpose = "routine", .discussed = "去了别人的社区",
    };
    struct error e = { 0 };
    int64_t id;

    return visits_add(c, &in, &id, &e) == 0;
}

static bool
reach_visit_page(struct ctx *c)
{
    static const struct visit_filter filters[] = {
        { 0 }, { .committee = "hepingli" }, { .resident_id = 1 },
    };
    struct visit *v = xcalloc(16, sizeof *v);
    struct error e = { 0 };
    bool found = false;
    int got = 0;

    for (size_t f = 0; f < ARRAY_LEN(filters); f++) {
        struct visit_filter vf = filters[f];

        if (vf.resident_id != 0)
            vf.resident_id = li_resident;
        if (visits_page(c, &vf, PAGE_FIRST, NULL, 0, 16, v, &got, &e) == 0) {
            for (int i = 0; i < got; i++)
                found |= v[i].id == li_visit;
        }
    }
    free(v);
    return found;
}

static bool
reach_visit_page_count(struct ctx *c)
{
    struct visit_filter f = { .resident_id = li_resident };
    struct visit_filter all = { 0 };

    return visits_page_count(c, &f) > 0 || visits_page_count(c, &all) > 0;
}

static bool
reach_followups_page(struct ctx *c)
{
    struct followup_filter f = { 0 };
    struct visit *v = xcalloc(16, sizeof *v);
    struct error e = { 0 };
    bool found = false;
    int got = 0;

    if (visits_followups_page(c, &f, PAGE_FIRST, NULL, 0, 16, v, &got,
                              &e) == 0) {
        for (int i = 0; i < got; i++)
            found |= v[i].id == li_visit;
    }
    free(v);
    return found;
}

static bool
reach_followups_count(struct ctx *c)
{
    struct followup_filter f = { 0 };

    return visits_followups_count(c, &f) > 0;
}

static bool
reach_followups_due(struct ctx *c)
{
    return visits_followups_due(c) > 0;
}

/* --- leave ----------------------------------------------------------- */

static bool
reach_leave_get(struct ctx *c)
{
    struct leave *l = xmalloc(sizeof *l);
    struct error e = { 0 };
    bool ok = leave_get(c, li_leave, l, &e) == 0;

    free(l);
    return ok;
}

static bool
reach_leave_decide(struct ctx *c)
{
    struct error e = { 0 };

    return leave_decide(c, li_leave, version_of("leave", li_leave), true, "同意",
                        &e) == 0;
}

static bool
reach_leave_reject(struct ctx *c)
{
    struct error e = { 0 };

    return leave_decide(c, li_leave, 0, false, "不行", &e) == 0;
}

static bool
reach_leave_approve_all(struct ctx *c)
{
    struct error e = { 0 };
    size_t done = 0;

    leave_approve_all(c, &li_leave, 1, "同意", &done, &e);
    return done > 0;
}

static bool
reach_leave_withdraw(struct ctx *c)
{
    struct error e = { 0 };

    return leave_withdraw(c, li_leave, version_of("leave", li_leave), &e) == 0;
}

static bool
reach_leave_cancel(struct ctx *c)
{
    struct error e = { 0 };

    return leave_cancel(c, li_leave_ahead, version_of("leave", li_leave_ahead),
                        &e) == 0;
}

static bool
reach_leave_report_back(struct ctx *c)
{
    struct leave_return r;
    struct error e = { 0 };

    return leave_report_back(c, li_leave_begun, version_of("leave", li_leave_begun),
                             date_from_ymd(2025, 6, 11), HALF_AM, &r,
                             &e) == 0;
}

static bool
reach_leave_steps(struct ctx *c)
{
    struct leave_step *v = xcalloc(4, sizeof *v);
    struct error e = { 0 };
    size_t n = 0;

    leave_steps(c, li_leave_ahead, v, 4, &n, &e);
    free(v);
    return n > 0;
}

static bool
reach_leave_balances(struct ctx *c)
{
    struct leave_balance *v = xcalloc(cfg->nleave_types, sizeof *v);
    struct error e = { 0 };
    bool ok = leave_balances(c, li_id, 2025, v, &e) == 0;

    free(v);
    return ok;
}

static bool
leave_view_has(struct ctx *c, enum leave_view view)
{
    struct leave *v = xcalloc(16, sizeof *v);
    struct error e = { 0 };
    bool found = false;
    int got = 0;

    if (leave_page(c, view, PAGE_FIRST, NULL, 0, 16, v, &got, &e) == 0) {
        for (int i = 0; i < got; i++)
            found |= v[i].staff_id == li_id;
    }
    free(v);
    return found;
}

static bool
reach_leave_page_scope(struct ctx *c)
{
    return leave_view_has(c, LEAVE_SCOPE);
}

static bool
reach_leave_page_waiting(struct ctx *c)
{
    return leave_view_has(c, LEAVE_WAITING);
}

/* Only li has leave, so any count at all is his. */
static bool
reach_leave_page_count(struct ctx *c)
{
    return leave_page_count(c, LEAVE_SCOPE) > 0 ||
           leave_page_count(c, LEAVE_WAITING) > 0;
}

static bool
reach_leave_news(struct ctx *c)
{
    struct leave_news n = { 0 };
    struct error e = { 0 };

    leave_news(c, date_from_ymd(2025, 9, 1), &n, &e);
    return n.waiting > 0 || n.overdue > 0;
}

static bool
reach_leave_spans(struct ctx *c)
{
    struct leave_span *v = NULL;
    size_t n = 0;
    struct error e = { 0 };
    bool found = false;

    if (leave_spans(c, date_from_ymd(2025, 6, 1), date_from_ymd(2025, 8, 31),
                    &v, &n, &e) == 0) {
        for (size_t i = 0; i < n; i++)
            found |= v[i].staff_id == li_id;
    }
    free(v);
    return found;
}

/* Naming li to cover one's own leave. */
static bool
reach_leave_cover(struct ctx *c)
{
    struct error e = { 0 };
    int64_t id;

    return ask_leave(c, "personal", date_from_ymd(2025, 9, 1),
                     date_from_ymd(2025, 9, 2), li_id, &id, &e) == 0;
}

/* --- roster ---------------------------------------------------------- */

static bool
reach_roster_get(struct ctx *c)
{
    struct roster_entry r;
    struct error e = { 0 };

    return roster_get(c, li_id, &r, &e) == 0;
}

static bool
reach_roster_page(struct ctx *c)
{
    static const struct roster_filter filters[] = {
        { 0 }, { .committee = "hepingli" }, { .find = "李明" },
    };
    struct roster_entry *v = xcalloc(16, sizeof *v);
    struct error e = { 0 };
    bool found = false;
    int got = 0;

    for (size_t f = 0; f < ARRAY_LEN(filters); f++) {
        if (roster_page(c, &filters[f], PAGE_FIRST, NULL, 0, 16, v, &got,
                        &e) == 0) {
            for (int i = 0; i < got; i++)
                found |= v[i].id == li_id;
        }
    }
    free(v);
    return found;
}

static bool
reach_roster_count(struct ctx *c)
{
    struct roster_filter f = { .find = "李明" };

    return roster_count(c, &f) > 0;
}

static bool
reach_roster_update(struct ctx *c)
{
    struct roster_edit ed = {
        .employment_type = "cadre", .hire_date = "2019-01-01",
        .contract_end = "", .phone = "", .active = true,
    };
    struct error e = { 0 };

    return roster_update(c, li_id, version_of("staff", li_id), &ed, &e) == 0;
}

static bool
reach_roster_posts(struct ctx *c)
{
    static const char *const posts[] = { "grid_worker" };
    struct error e = { 0 };

    return roster_set_posts(c, li_id, posts, 1, &e) == 0;
}

static bool
reach_roster_contracts(struct ctx *c)
{
    struct roster_entry *v = NULL;
    size_t n = 0;
    struct error e = { 0 };
    bool found = false;

    if (roster_contracts_ending(c, date_today(), 60, &v, &n, &e) == 0) {
        for (size_t i = 0; i < n; i++)
            found |= v[i].id == li_id;
    }
    free(v);
    return found;
}

/* Only li has a contract end, so any count is his. */
static bool
reach_roster_contracts_count(struct ctx *c)
{
    return roster_contracts_ending_count(c, date_today(), 60) > 0;
}

/* --- training -------------------------------------------------------- */

/* The session of li's committee, and li among the attendees of the
 * district-wide one (which wang's committee also sees). */
static bool
reach_training_get(struct ctx *c)
{
    struct training t;
    struct training_attendee *att = NULL;
    size_t n = 0;
    struct error e = { 0 };

    if (training_get(c, li_training, &t, &att, &n, &e) == 0) {
        free(att);
        return true;
    }
    return false;
}

static bool
reach_training_attendee(struct ctx *c)
{
    struct training t;
    struct training_attendee *att = NULL;
    size_t n = 0;
    struct error e = { 0 };
    bool found = false;

    if (training_get(c, wide_training, &t, &att, &n, &e) == 0) {
        for (size_t i = 0; i < n; i++)
            found |= att[i].staff_id == li_id;
    }
    free(att);
    return found;
}

static bool
reach_training_page(struct ctx *c)
{
    struct training v[16];
    struct error e = { 0 };
    bool found = false;
    int got = 0;

    if (training_page(c, PAGE_FIRST, NULL, 0, 16, v, &got, &e) == 0) {
        for (int i = 0; i < got; i++)
            found |= v[i].id == li_training ||
                     (v[i].id == wide_training && v[i].attendees > 1);
    }
    return found;
}

/* Those who see the district-wide session count 1; hepingli's own
 * makes it 2. */
static bool
reach_training_count(struct ctx *c)
{
    return training_count(c) > 1;
}

static bool
reach_training_update(struct ctx *c)
{
    struct training t = {
        .id = li_training, .district = "dongfeng", .committee = "hepingli",
        .date = "2025-06-10", .level = "street", .title = "被改了",
        .organiser = "", .hours = 1,
    };
    struct error e = { 0 };

    t.version = version_of("training", li_training);
    return training_save(c, &t, &li_id, 1, &e) == 0;
}

static bool
reach_training_insert(struct ctx *c)
{
    struct training t = {
        .district = "dongfeng", .committee = "hepingli",
        .date = "2025-06-12", .level = "other", .title = "塞进别人的社区",
        .organiser = "", .hours = 1,
    };
    struct error e = { 0 };

    return training_save(c, &t, NULL, 0, &e) == 0;
}

static bool
reach_training_delete(struct ctx *c)
{
    struct error e = { 0 };

    return training_delete(c, li_training, version_of("training", li_training),
                           &e) == 0;
}

static bool
reach_training_person(struct ctx *c)
{
    double hours = 0;
    int sessions = 0;
    struct error e = { 0 };

    /* out of scope it counts nothing rather than refusing */
    return training_person_year(c, li_id, 2025, &hours, &sessions, &e) == 0 &&
           sessions > 0;
}

static bool
reach_training_coverage(struct ctx *c)
{
    struct training_coverage *rows = NULL, total;
    size_t n = 0;
    struct error e = { 0 };
    bool found = false;

    if (training_coverage(c, 2025, &rows, &n, &total, &e) == 0) {
        for (size_t i = 0; i < n; i++)
            found |= strcmp(rows[i].committee, "hepingli") == 0;
    }
    free(rows);
    return found;
}

/* --- assessment ------------------------------------------------------ */

static bool
reach_rounds(struct ctx *c)
{
    struct assessment_round *v = NULL;
    size_t n = 0;
    struct error e = { 0 };
    bool found = false;

    if (assessment_rounds(c, &v, &n, &e) == 0) {
        for (size_t i = 0; i < n; i++)
            found |= v[i].id == round_id;
    }
    free(v);
    return found;
}

static bool
reach_round_get(struct ctx *c)
{
    struct assessment_round r;
    struct error e = { 0 };

    return assessment_round_get(c, round_id, &r, &e) == 0;
}

static bool
reach_default_subjects(struct ctx *c)
{
    int64_t *v = NULL;
    size_t n = 0;
    struct error e = { 0 };
    bool found = false;

    if (assessment_default_subjects(c, &v, &n, &e) == 0) {
        for (size_t i = 0; i < n; i++)
            found |= v[i] == li_id;
    }
    free(v);
    return found;
}

/* A round of one's own, with li as its subject. */
static bool
reach_assessment_open(struct ctx *c)
{
    struct error e = { 0 };
    int64_t id;

    return assessment_open(c, 2026, &li_id, 1, &id, &e) == 0;
}

static bool
reach_remove_subject(struct ctx *c)
{
    struct error e = { 0 };

    return assessment_remove_subject(c, li_subject, &e) == 0;
}

static bool
reach_add_subject(struct ctx *c)
{
    struct ctx sun = as(SUN);
    struct error e = { 0 };

    if (assessment_remove_subject(&sun, li_subject, &e) < 0)
        return false;
    return assessment_add_subject(c, round_id, li_id, &e) == 0;
}

static bool
sheets_have_li(struct ctx *c, enum assess_source src)
{
    struct assessment_sheet *v = NULL;
    size_t n = 0;
    struct error e = { 0 };
    bool found = false;

    if (assessment_sheets(c, round_id, src, &v, &n, &e) == 0) {
        for (size_t i = 0; i < n; i++)
            found |= v[i].staff_id == li_id;
    }
    free(v);
    return found;
}

static bool
reach_peer_sheets(struct ctx *c)
{
    return sheets_have_li(c, SRC_PEERS);
}

static bool
reach_street_sheets(struct ctx *c)
{
    return sheets_have_li(c, SRC_STREET);
}

static bool
save_sheet(struct ctx *c, enum assess_source src)
{
    static const double aspect[ASP_COUNT] = { 90, 80, 85, 70 };
    struct error e = { 0 };

    return assessment_sheet_save(c, li_subject, src, aspect, 0, 0, &e) == 0;
}

static bool
reach_peer_sheet_save(struct ctx *c)
{
    return save_sheet(c, SRC_PEERS);
}

static bool
reach_street_sheet_save(struct ctx *c)
{
    return save_sheet(c, SRC_STREET);
}

static bool
reach_ballots(struct ctx *c)
{
    struct assessment_ballot *v = NULL;
    size_t n = 0;
    struct error e = { 0 };
    bool found = false;

    if (assessment_ballots(c, round_id, &v, &n, &e) == 0) {
        for (size_t i = 0; i < n; i++)
            found |= v[i].staff_id == li_id;
    }
    free(v);
    return found;
}

static bool
reach_ballot_save(struct ctx *c)
{
    static const int votes[3] = { 5, 3, 1 };
    struct error e = { 0 };

    return assessment_ballot_save(c, li_subject, votes, 0, 0, &e) == 0;
}

static bool
reach_progress(struct ctx *c)
{
    struct assessment_progress *v = NULL;
    size_t n = 0;
    struct error e = { 0 };
    bool found = false;

    if (assessment_progress(c, round_id, &v, &n, &e) == 0) {
        for (size_t i = 0; i < n; i++)
            found |= v[i].staff_id == li_id;
    }
    free(v);
    return found;
}

static bool
reach_results(struct ctx *c)
{
    struct assessment_outcome *v = NULL;
    size_t n = 0;
    struct error e = { 0 };
    bool found = false;

    if (assessment_results(c, round_id, &v, &n, &e) == 0) {
        for (size_t i = 0; i < n; i++)
            found |= v[i].staff_id == li_id;
    }
    free(v);
    return found;
}

static bool
reach_evidence(struct ctx *c)
{
    struct assessment_evidence ev;
    struct error e = { 0 };

    return assessment_evidence(c, li_id, 2025, &ev, &e) == 0;
}

/* --- reports --------------------------------------------------------- */

static bool
reach_report_scope(struct ctx *c)
{
    struct report_scope s;
    struct error e = { 0 };

    return report_scope_resolve(c, "hepingli", NULL, &s, &e) == 0 ||
           report_scope_resolve(c, NULL, "dongfeng", &s, &e) == 0;
}

/* The month's report of everything the session sees, of li's committee,
 * of his district: hepingli must not be among its committees, nor li
 * among those without records. */
static bool
reach_report(struct ctx *c)
{
    static const char *const asked[][2] = {
        { NULL, NULL }, { "hepingli", NULL }, { NULL, "dongfeng" },
    };
    char li[24];
    bool found = false;

    snprintf(li, sizeof li, "%lld", (long long)li_id);
    for (size_t i = 0; i < ARRAY_LEN(asked); i++) {
        struct report *r = NULL;
        struct error e = { 0 };

        if (report_monthly(c, "2025-06", asked[i][0], asked[i][1], &r,
                           &e) == 0) {
            found |= report_row(r, REPORT_SIGNOFF, "hepingli") != NULL ||
                     report_row(r, REPORT_MISSING, li) != NULL;
            report_free(r);
        }
    }
    return found;
}

/* --- exports --------------------------------------------------------- */

/* Exports `kind` of the whole scope and of li's committee as CSV;
 * whether li's `mark` came out. */
static bool
export_has(struct ctx *c, enum export_kind kind, const char *mark)
{
    static const char *const committee[] = { NULL, "hepingli" };
    bool found = false;

    for (size_t i = 0; i < ARRAY_LEN(committee); i++) {
        struct export_opts o;
        struct error e = { 0 };
        char *buf = NULL;
        size_t size = 0;
        long rows = 0;
        FILE *fp = open_memstream(&buf, &size);

        export_opts_init(&o, kind);
        o.committee = committee[i];
        export_stream(c, &o, fp, &rows, &e);
        fclose(fp);
        found |= buf != NULL && strstr(buf, mark) != NULL;
        free(buf);
    }
    return found;
}

static bool
reach_export_report(struct ctx *c)
{
    struct export_opts o;
    struct error e = { 0 };
    char *buf = NULL;
    size_t size = 0;
    long rows = 0;
    FILE *fp = open_memstream(&buf, &size);
    bool found;

    export_opts_init(&o, EXPORT_REPORT);
    o.month = "2025-06";
    export_stream(c, &o, fp, &rows, &e);
    fclose(fp);
    found = buf != NULL && strstr(buf, "和平里社区居委会") != NULL;
    free(buf);
    return found;
}

static const struct probe probes[] = {
    { "staff_find_login", reach_find_login,
      W(LI) | W(LIU) | W(SUN) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "staff_get", reach_get,
      W(LI) | W(LIU) | W(SUN) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "staff_list", reach_list,
      W(LI) | W(LIU) | W(SUN) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "staff_page", reach_page,
      W(LI) | W(LIU) | W(SUN) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "staff_page_count", reach_page_count,
      W(LI) | W(LIU) | W(SUN) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "staff_set_password", reach_password,
      W(LI) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "staff_disable", reach_disable,
      W(ADMIN), W(LI) | W(LIU) | W(SUN) | W(WANG) | W(ZHOU) | W(QIAN) },
    { "staff_enable", reach_enable,
      W(ADMIN), W(LI) | W(LIU) | W(SUN) | W(WANG) | W(ZHOU) | W(QIAN) },
    { "staff_add", reach_add_to_c1,
      W(ADMIN), W(LI) | W(LIU) | W(SUN) | W(WANG) | W(ZHOU) | W(QIAN) },
    { "store_load records", reach_record_load,
      W(LI) | W(LIU) | W(SUN) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "store_apply update records", reach_record_update,
      W(LI) | W(LIU) | W(SUN) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "store_apply delete records", reach_record_delete,
      W(LI) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "store_apply insert records", reach_record_insert,
      W(LIU) | W(SUN) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "SCOPE_SQL records", reach_scope_sql,
      W(LI) | W(LIU) | W(SUN) | W(ADMIN), W(WANG) | W(ZHOU) | W(QIAN) },
    { "draft_list", reach_draft_list,
      W(LI), W(LIU) | W(SUN) | W(WANG) | W(ZHOU) | W(QIAN) | W(ADMIN) },
    { "draft_discard", reach_draft_discard,
      W(LI), W(LIU) | W(SUN) | W(WANG) | W(ZHOU) | W(QIAN) },

    { "records_get", reach_records_get, SEES, OTHERS },
    { "records_page, records_count", reach_records_page, SEES, OTHERS },
    { "records_update", reach_records_update, W(LI) | W(LIU) | W(SUN),
      OTHERS },
    { "records_delete", reach_records_delete, W(LI) | W(LIU) | W(SUN),
      OTHERS },
    { "records_add", reach_records_add, W(LIU) | W(SUN), OTHERS },
    { "residents_get", reach_resident_get, SEES, OTHERS },
    { "residents_page, residents_page_count", reach_residents_page, SEES,
      OTHERS },
    { "residents_neglected_count", reach_residents_neglected, SEES, OTHERS },
    { "residents_set_active", reach_resident_set_active, SEES, OTHERS },
    { "residents_update", reach_resident_update, SEES, OTHERS },
    { "residents_add", reach_resident_add, SEES, OTHERS },

    { "visits_get", reach_visit_get, SEES, OTHERS },
    { "visits_update", reach_visit_update, SEES, OTHERS },
    { "visits_followup_done", reach_visit_followup_done, SEES, OTHERS },
    { "visits_delete", reach_visit_delete, SEES, OTHERS },
    { "visits_add", reach_visit_add, W(LI) | W(LIU) | W(SUN), OTHERS },
    { "visits_page", reach_visit_page, SEES, OTHERS },
    { "visits_page_count", reach_visit_page_count, SEES, OTHERS },
    { "visits_followups_page", reach_followups_page, SEES, OTHERS },
    { "visits_followups_count", reach_followups_count, SEES, OTHERS },
    { "visits_followups_due", reach_followups_due, W(LI), OTHERS },

    { "leave_get", reach_leave_get, SEES, OTHERS },
    { "leave_decide", reach_leave_decide, W(LIU), OTHERS | W(LI) },
    { "leave_decide reject", reach_leave_reject, W(LIU), OTHERS | W(LI) },
    { "leave_approve_all", reach_leave_approve_all, W(LIU), OTHERS | W(LI) },
    { "leave_withdraw", reach_leave_withdraw, W(LI),
      OTHERS | W(LIU) | W(SUN) },
    { "leave_cancel", reach_leave_cancel, W(LI), OTHERS | W(LIU) | W(SUN) },
    { "leave_report_back", reach_leave_report_back, W(LI),
      OTHERS | W(LIU) | W(SUN) },
    { "leave_steps", reach_leave_steps, SEES, OTHERS },
    { "leave_balances", reach_leave_balances, SEES, OTHERS },
    { "leave_page scope", reach_leave_page_scope,
      W(LIU) | W(SUN) | W(ADMIN), OTHERS },
    { "leave_page waiting", reach_leave_page_waiting, W(LIU), OTHERS },
    { "leave_page_count", reach_leave_page_count,
      W(LIU) | W(SUN) | W(ADMIN), OTHERS },
    { "leave_news", reach_leave_news, W(LIU), OTHERS },
    { "leave_spans", reach_leave_spans, W(LIU) | W(SUN) | W(ADMIN), OTHERS },
    { "leave_request cover", reach_leave_cover, W(LIU),
      W(WANG) | W(ZHOU) },

    { "roster_get", reach_roster_get, SEES, OTHERS },
    { "roster_page", reach_roster_page, SEES, OTHERS },
    { "roster_count", reach_roster_count, SEES, OTHERS },
    { "roster_update", reach_roster_update, W(SUN) | W(ADMIN),
      OTHERS | W(LI) | W(LIU) },
    { "roster_set_posts", reach_roster_posts, W(SUN) | W(ADMIN),
      OTHERS | W(LI) | W(LIU) },
    { "roster_contracts_ending", reach_roster_contracts,
      W(LIU) | W(SUN) | W(ADMIN), OTHERS },
    { "roster_contracts_ending_count", reach_roster_contracts_count,
      W(LIU) | W(SUN) | W(ADMIN), OTHERS },

    { "training_get", reach_training_get, SEES, OTHERS },
    { "training_get attendees", reach_training_attendee, SEES, OTHERS },
    { "training_page", reach_training_page, SEES, OTHERS },
    { "training_count", reach_training_count, SEES, OTHERS },
    { "training_save update", reach_training_update,
      W(LIU) | W(SUN) | W(ADMIN), OTHERS | W(LI) },
    { "training_save insert", reach_training_insert,
      W(LIU) | W(SUN) | W(ADMIN), OTHERS | W(LI) },
    { "training_delete", reach_training_delete,
      W(LIU) | W(SUN) | W(ADMIN), OTHERS | W(LI) },
    { "training_person_year", reach_training_person, SEES, OTHERS },
    { "training_coverage", reach_training_coverage,
      W(LIU) | W(SUN) | W(ADMIN), OTHERS },

    { "assessment_rounds", reach_rounds, W(SUN) | W(ADMIN), W(QIAN) },
    { "assessment_round_get", reach_round_get, W(SUN) | W(ADMIN), W(QIAN) },
    { "assessment_default_subjects", reach_default_subjects, W(SUN),
      OTHERS },
    { "assessment_open", reach_assessment_open, W(SUN),
      OTHERS | W(LI) | W(LIU) },
    { "assessment_remove_subject", reach_remove_subject, W(SUN),
      OTHERS | W(LI) | W(LIU) },
    { "assessment_add_subject", reach_add_subject, W(SUN),
      OTHERS | W(LI) | W(LIU) },
    { "assessment_sheets peers", reach_peer_sheets, W(LI) | W(LIU),
      OTHERS },
    { "assessment_sheets street", reach_street_sheets, W(SUN), OTHERS },
    { "assessment_sheet_save peers", reach_peer_sheet_save, W(LI) | W(LIU),
      OTHERS | W(SUN) },
    { "assessment_sheet_save street", reach_street_sheet_save, W(SUN),
      OTHERS | W(LI) | W(LIU) },
    { "assessment_ballots", reach_ballots, W(SUN) | W(ADMIN),
      OTHERS | W(LI) | W(LIU) },
    { "assessment_ballot_save", reach_ballot_save, W(SUN),
      OTHERS | W(LI) | W(LIU) },
    { "assessment_progress", reach_progress, W(SUN) | W(ADMIN),
      OTHERS | W(LI) | W(LIU) },
    { "assessment_results", reach_results, W(SUN) | W(ADMIN),
      OTHERS | W(LI) | W(LIU) },
    { "assessment_evidence", reach_evidence, SEES, OTHERS },

    { "report_scope_resolve", reach_report_scope, SEES, OTHERS },
    { "report_monthly", reach_report, SEES, OTHERS },

    { "export report", reach_export_report, SEES, OTHERS },
};

/* The exports of data, each by a text only li's row holds. */
static const struct {
    enum export_kind kind;
    const char      *mark;
    unsigned         insiders, outsiders;
} exports[] = {
    { EXPORT_RECORDS, "李明的记录", SEES, OTHERS },
    { EXPORT_VISITS, "李家走访的内容", SEES, OTHERS },
    { EXPORT_RESIDENTS, "李家老人", SEES, OTHERS },
    { EXPORT_LEAVE, "李明请假", SEES, OTHERS },
    { EXPORT_TRAINING, "幸福社区自己的培训", SEES, OTHERS },
    { EXPORT_ASSESSMENT, "李明", W(SUN) | W(ADMIN), OTHERS | W(LI) | W(LIU) },
    { EXPORT_AUDIT, "李明的记录", W(SUN) | W(ADMIN), OTHERS | W(LI) | W(LIU) },
};

static const char *const who_names[NWHO] = {
    "admin", "li", "liu", "sun", "wang", "zhou", "qian",
};

static void
test_scoping_table(void)
{
    for (size_t p = 0; p < ARRAY_LEN(probes); p++) {
        for (int w = 0; w < NWHO; w++) {
            bool in = probes[p].insiders & W(w);
            bool out = probes[p].outsiders & W(w);
            struct ctx c;

            if (!in && !out)
                continue;
            setup();
            c = as((enum who)w);
            if (probes[p].reach(&c) != in) {
                printf("  %s as %s: %s\n", probes[p].what, who_names[w],
                       in ? "refused, but must work" : "REACHED another "
                       "committee's data");
                check_failed_here = 1;
            }
        }
    }
}

/* Exports are read in one go (setup once): each kind of the whole scope
 * and of li's committee, as CSV. */
static void
test_export_scoping(void)
{
    setup();
    for (size_t x = 0; x < ARRAY_LEN(exports); x++) {
        for (int w = 0; w < NWHO; w++) {
            bool in = exports[x].insiders & W(w);
            struct ctx c = as((enum who)w);

            if (!in && !(exports[x].outsiders & W(w)))
                continue;
            if (export_has(&c, exports[x].kind, exports[x].mark) != in) {
                printf("  export %s as %s: %s\n",
                       export_kind_name(exports[x].kind), who_names[w],
                       in ? "refused, but must work" : "REACHED another "
                       "committee's data");
                check_failed_here = 1;
            }
        }
    }
}

/* Every write leaves the database's other rows alone, as a refused one
 * leaves everything: a leak the probes could miss (writing, then
 * failing) shows here. */
static void
test_refused_writes_change_nothing(void)
{
    static const char *const tables[] = {
        "staff", "staff_posts", "records", "residents", "visits", "leave",
        "leave_steps", "training", "training_attendees", "assessment_rounds",
        "assessment_subjects", "assessment_scores", "assessment_ballots",
    };
    int64_t sums[ARRAY_LEN(tables)], audit;
    char sql[128];

    setup();
    audit = count("SELECT count(*) FROM audit");
    for (size_t t = 0; t < ARRAY_LEN(tables); t++) {
        snprintf(sql, sizeof sql, "SELECT total(version) + count(*) FROM %s",
                 tables[t]);
        sums[t] = count(sql);
    }
    for (size_t p = 0; p < ARRAY_LEN(probes); p++) {
        /* these write as someone else to set the stage */
        if (probes[p].reach == reach_draft_discard ||
            probes[p].reach == reach_enable ||
            probes[p].reach == reach_add_subject ||
            /* an export is audited even when it holds nothing of li's */
            probes[p].reach == reach_export_report)
            continue;
        for (int w = 0; w < NWHO; w++) {
            struct ctx c = as((enum who)w);

            if (probes[p].outsiders & W(w))
                probes[p].reach(&c);
        }
    }
    for (size_t t = 0; t < ARRAY_LEN(tables); t++) {
        snprintf(sql, sizeof sql, "SELECT total(version) + count(*) FROM %s",
                 tables[t]);
        if (count(sql) != sums[t])
            printf("  %s changed\n", tables[t]);
        CHECK_INT(count(sql), sums[t]);
    }
    /* reads leave no trace; refused writes neither */
    CHECK_INT(count("SELECT count(*) FROM audit"), audit);
}

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
    RUN(test_scoping_table);
    RUN(test_export_scoping);
    RUN(test_refused_writes_change_nothing);
    RUN(test_quotes_in_accounts);
    RUN(test_quotes_in_records_and_drafts);
    RUN(test_passwords_are_yescrypt);
    RUN(test_audit_trail);
    db_close(db);
    db_close(template_db);
    return CHECK_DONE();
}
