/* test_scoping.c — committee scoping, table-driven: every core read and
 * write that takes a context and reaches committee data (accounts,
 * records, residents, drafts, visits, leave, roster, training,
 * assessment, reports, exports) is tried as people who must not reach
 * another committee's row (staff and director of another committee, the
 * street office of another district) and, as a control, as someone who
 * must. A module that lands adds its functions to the table (the later
 * modules' probes are in scoping_work.c and scoping_more.c). The office
 * is scoping.h's. */
// links: tests/unit/scoping.c tests/unit/scoping_work.c tests/unit/scoping_more.c
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

/* --- the scoping table ----------------------------------------------- */

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
    int64_t version;
    struct value *v = li_record_titled("被改了", &version);
    struct change ch = { &records_table, CH_UPDATE, li_record, version, v,
                         NULL, NULL };
    struct error e = { 0 };
    bool ok = store_apply(c, &ch, 1, &e) == 0;

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
    { EXPORT_INSPECTIONS, "李明负责的巡查", SEES, OTHERS },
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
run_table(const struct probe *table, size_t n)
{
    for (size_t p = 0; p < n; p++) {
        for (int w = 0; w < NWHO; w++) {
            bool in = table[p].insiders & W(w);
            bool out = table[p].outsiders & W(w);
            struct ctx c;

            if (!in && !out)
                continue;
            setup();
            c = as((enum who)w);
            if (table[p].reach(&c) != in) {
                printf("  %s as %s: %s\n", table[p].what, who_names[w],
                       in ? "refused, but must work" : "REACHED another "
                       "committee's data");
                check_failed_here = 1;
            }
        }
    }
}

static void
test_scoping_table(void)
{
    run_table(probes, ARRAY_LEN(probes));
    run_table(more_quiet, nmore_quiet);
    run_table(more_staged, nmore_staged);
}

/* An outsider's attempt, as each probe makes it. */
static void
try_as_outsiders(const struct probe *table, size_t n)
{
    for (size_t p = 0; p < n; p++) {
        /* these write as someone else to set the stage */
        if (table[p].reach == reach_draft_discard ||
            table[p].reach == reach_enable ||
            table[p].reach == reach_add_subject ||
            /* an export is audited even when it holds nothing of li's */
            table[p].reach == reach_export_report)
            continue;
        for (int w = 0; w < NWHO; w++) {
            struct ctx c = as((enum who)w);

            if (table[p].outsiders & W(w))
                table[p].reach(&c);
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
        "inspections", "inspection_followups", "month_signoffs",
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
    try_as_outsiders(probes, ARRAY_LEN(probes));
    try_as_outsiders(more_quiet, nmore_quiet);
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


int
main(void)
{
    RUN(test_scoping_table);
    RUN(test_export_scoping);
    RUN(test_refused_writes_change_nothing);
    scoping_done();
    return CHECK_DONE();
}
