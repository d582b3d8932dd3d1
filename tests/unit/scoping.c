/* scoping.c — the office and data of scoping.h, made once (yescrypt is
 * slow on purpose) in a template that each test copies. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "scoping.h"

#include "juwei/assessment.h"
#include "juwei/audit.h"
#include "juwei/auth.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/draft.h"
#include "juwei/export.h"
#include "juwei/inspections.h"
#include "juwei/leave.h"
#include "juwei/records.h"
#include "juwei/report.h"
#include "juwei/residents.h"
#include "juwei/roster.h"
#include "juwei/signoff.h"
#include "juwei/staff.h"
#include "juwei/store.h"
#include "juwei/training.h"
#include "juwei/visits.h"

struct db *db;
struct config *cfg;
struct session sess[NWHO];
int64_t li_id, wang_id, li_record, li_draft, li_resident, li_visit, li_leave,
        li_leave_ahead, li_leave_begun, li_training, wide_training, round_id,
        li_subject, li_inspection;

static struct db *template_db;

static const struct fixture_person people[NWHO] = {
    [ADMIN] = { NULL, NULL, NULL, NULL, ROLE_ADMIN, false },
    [LI]    = { "li", "李明", "hepingli", NULL, ROLE_STAFF, false },
    [LIU]   = { "liu", "刘主任", "hepingli", NULL, ROLE_DIRECTOR, false },
    [SUN]   = { "sun", "孙街道", NULL, "dongfeng", ROLE_STREET, false },
    [WANG]  = { "wang", "王芳", "guangming", NULL, ROLE_STAFF, false },
    [ZHOU]  = { "zhou", "周主任", "guangming", NULL, ROLE_DIRECTOR, false },
    [QIAN]  = { "qian", "钱街道", NULL, "xinhua", ROLE_STREET, false },
};

struct ctx
as(enum who w)
{
    return fixture_ctx(db, cfg, &sess[w]);
}

int64_t
count(const char *sql)
{
    return fixture_count(db, sql);
}

int64_t
version_of(const char *table, int64_t id)
{
    char sql[96];

    snprintf(sql, sizeof sql, "SELECT version FROM %s WHERE id = %lld", table,
             (long long)id);
    return count(sql);
}

int
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

struct value *
li_record_titled(const char *title, int64_t *version)
{
    struct ctx owner = as(LI);
    struct value *v = NULL;
    struct error e = { 0 };

    if (store_load(&owner, &records_table, li_record, &v, version, &e) < 0)
        fixture_fail("store_load", &e);
    free((char *)v[REC_TITLE].s);
    v[REC_TITLE].s = xstrdup(title);
    return v;
}

int
ask_leave(struct ctx *c, const char *type, date_t from, date_t to,
          int64_t cover, int64_t *id, struct error *e)
{
    struct leave_request r = {
        .type = type, .from = from, .to = to, .from_half = HALF_AM,
        .to_half = HALF_PM, .reason = "李明请假", .cover_id = cover,
    };

    return leave_request(c, &r, id, e);
}

/* li's inspection with its follow-up rows (opened, then started). */
static int
make_inspection(struct error *e)
{
    struct ctx li = as(LI), liu = as(LIU);
    struct inspection_input in = {
        .committee = "hepingli", .date = "2025-06-13", .time = "",
        .place = "和平里5号楼", .grid = "", .category = "hazard",
        .found = "李明负责的巡查", .severity = "normal",
        .assignee_id = li_id, .due_date = "2025-06-14",
    };

    if (inspections_add(&liu, &in, &li_inspection, e) < 0)
        return -1;
    return inspections_move(&li, li_inspection,
                            version_of("inspections", li_inspection),
                            INSP_IN_PROGRESS, "李明去看了", e);
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
    if (rc < 0)
        return -1;
    return make_inspection(e) < 0 ? -1
         : signoff_sign(&sun, "hepingli", SIGNED_MONTH, e);
}

static void
make_template(void)
{
    struct error e = { 0 };

    util_set_now(NOW);
    cfg = fixture_ini("config/juwei.ini");
    db = fixture_db(cfg);
    fixture_people(db, cfg, people, NWHO, sess);
    li_id = sess[LI].staff_id;
    wang_id = sess[WANG].staff_id;
    if (make_data(&e) < 0)
        fixture_fail("data", &e);
    li_subject = count("SELECT s.id FROM assessment_subjects s JOIN staff t"
                       " ON t.id = s.staff_id WHERE t.login = 'li'");
    template_db = db;
    db = NULL;
}

void
setup(void)
{
    if (template_db == NULL)
        make_template();
    if (db != NULL)
        db_close(db);
    db = fixture_copy(template_db);
    li_record = count("SELECT min(id) FROM records");
    li_draft = count("SELECT min(id) FROM drafts");
}

void
scoping_done(void)
{
    db_close(db);
    db_close(template_db);
    config_free(cfg);
}
