/* inspections_fixture.h — what test_inspections.c and
 * test_inspections_pages.c set up alike: the office of fixture_office()
 * on a template database with three inspection categories, today pinned
 * to TODAY, inspections added and moved through the module, and fill()'s
 * mix of open, moved and overdue rows. */
#ifndef JUWEI_INSPECTIONS_FIXTURE_H
#define JUWEI_INSPECTIONS_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "juwei/config.h"
#include "juwei/date.h"
#include "juwei/db.h"
#include "juwei/inspections.h"

static struct db *db, *template_db;
static struct config cfg;
static struct session sess[FIXTURE_OFFICE_N];   /* fixture_office() */

#define TODAY "2025-03-12"        /* a Wednesday */
#define NOW 1741780800            /* TODAY at noon UTC */

static struct cfg_item categories[] = {
    { (char *)"facility", (char *)"公共设施损坏" },
    { (char *)"sanitation", (char *)"环境卫生" },
    { (char *)"hazard", (char *)"安全隐患" },
};

static inline struct ctx
as(int64_t id)
{
    return fixture_ctx(db, &cfg, &sess[id]);
}

static inline long
count(const char *sql)
{
    return (long)fixture_count(db, sql);
}

static inline void
setup(void)
{
    fixture_today(TODAY);
    fixture_geography(&cfg);
    cfg.inspection_categories.items = categories;
    cfg.inspection_categories.n = ARRAY_LEN(categories);
    cfg.site.edit_window_days = 7;
    db = fixture_template_copy(&template_db, &cfg, fixture_office(),
                               FIXTURE_OFFICE_N, sess);
}

static inline void
teardown(void)
{
    db_close(db);
    db = NULL;
}

static inline struct inspection_input
input(const char *place, int64_t assignee)
{
    struct inspection_input in = {
        .committee = "", .date = TODAY, .time = "09:30", .place = place,
        .grid = "", .category = "facility", .found = "路灯不亮",
        .severity = "normal", .assignee_id = assignee, .due_date = "",
    };

    return in;
}

static inline int64_t
add_ok(int64_t who, struct inspection_input in)
{
    struct ctx c = as(who);
    struct error e = { 0 };
    int64_t id = 0;

    if (inspections_add(&c, &in, &id, &e) < 0) {
        printf("  add as %lld: %s\n", (long long)who, e.msg);
        CHECK(!"inspections_add failed");
    }
    return id;
}

static inline int64_t
version_of(int64_t id)
{
    char sql[96];

    snprintf(sql, sizeof sql, "SELECT version FROM inspections WHERE id = %lld",
             (long long)id);
    return count(sql);
}

static inline void
move_ok(int64_t who, int64_t id, enum insp_status to, const char *note)
{
    struct ctx c = as(who);
    struct error e = { 0 };

    if (inspections_move(&c, id, version_of(id), to, note, &e) < 0) {
        printf("  move as %lld: %s\n", (long long)who, e.msg);
        CHECK(!"inspections_move failed");
    }
}

/* 36 inspections of c1 and 6 of c2 over 12 days, due 0–4 days later,
 * some moved on. */
static inline void
fill(void)
{
    char date[11], due[11], place[64];

    for (int i = 0; i < 42; i++) {
        struct inspection_input in;
        date_t d = date_from_ymd(2025, 3, 12) - (i * 5) % 12;

        date_format(d, date);
        date_format(d + i % 5, due);
        snprintf(place, sizeof place, "第%d处", i);
        in = input(place, i % 3 == 0 ? 0 : (i < 36 ? 2 : 3));
        in.date = date;
        in.due_date = i % 7 == 0 ? "" : due;
        in.category = i % 2 ? "facility" : "hazard";
        if (i >= 36) {
            in.assignee_id = 3;
            add_ok(3, in);
            continue;
        }
        int64_t id = add_ok(1, in);
        if (i % 4 == 1)
            move_ok(4, id, INSP_IN_PROGRESS, "");
        if (i % 8 == 1)
            move_ok(4, id, INSP_RESOLVED, "处理完毕");
        if (i % 8 == 5)
            move_ok(4, id, INSP_ESCALATED, "上报");
    }
}

#endif
