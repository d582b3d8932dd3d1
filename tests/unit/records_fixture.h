/* records_fixture.h — what test_records.c and test_records_pages.c set
 * up alike: the office of fixture_office() on a template database with
 * three record categories and a 7-day edit window, today pinned to
 * TODAY, and records added through records_add(). */
#ifndef JUWEI_RECORDS_FIXTURE_H
#define JUWEI_RECORDS_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "juwei/config.h"
#include "juwei/date.h"
#include "juwei/db.h"
#include "juwei/records.h"

static struct db *db, *template_db;
static struct config cfg;

#define TODAY "2025-03-12"        /* a Wednesday */
#define NOW 1741780800            /* TODAY at noon UTC */

static struct cfg_item categories[] = {
    { (char *)"meeting", (char *)"会议" },
    { (char *)"visit", (char *)"入户走访" },
    { (char *)"other", (char *)"其他" },
};

static struct session sess[FIXTURE_OFFICE_N];   /* fixture_office() */

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
exec(const char *sql)
{
    fixture_exec(db, sql);
}

static inline void
setup(void)
{
    fixture_today(TODAY);
    fixture_geography(&cfg);
    cfg.record_categories.items = categories;
    cfg.record_categories.n = ARRAY_LEN(categories);
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

static inline struct record_input
input(const char *date, int64_t staff, const char *title)
{
    struct record_input in = {
        .date = date, .staff_id = staff, .category = "visit",
        .title = title, .details = "", .hours = "",
    };

    return in;
}

static inline int64_t
add_ok(int64_t who, struct record_input in)
{
    struct ctx c = as(who);
    struct error e = { 0 };
    int64_t id = 0;

    if (records_add(&c, &in, &id, &e) < 0) {
        printf("  add as %lld: %s\n", (long long)who, e.msg);
        CHECK(!"records_add failed");
    }
    return id;
}

/* 30 records of li and 10 of zhao over 20 days, several a day. */
static inline void
fill_pages(void)
{
    char date[11], title[64];

    for (int i = 0; i < 40; i++) {
        struct record_input in;

        date_format(date_from_ymd(2025, 3, 12) - (i * 7) % 20, date);
        snprintf(title, sizeof title, "第%d条", i);
        in = input(date, i < 30 ? 1 : 2, title);
        in.category = i % 3 == 0 ? "meeting" : "visit";
        add_ok(4, in);
    }
}

#endif
