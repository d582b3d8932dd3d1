/* test_training.c — sessions and attendees: who records what, scoped
 * reads (an attendee from another committee stays unseen), bad input
 * changing nothing, hours per person and coverage. Today is 2025-06-16. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/staff.h"
#include "juwei/training.h"

#define TODAY "2025-06-16"
#define NOW 1750075200        /* TODAY at noon UTC */

static struct db *db, *template_db;
static struct ctx sys;
static struct config cfg;

static struct cfg_item levels[] = {
    { (char *)"district", (char *)"区级" },
    { (char *)"street", (char *)"街道级" },
};

static const struct fixture_person people[] = {
    { "zhang", "张主任", "c1", NULL, ROLE_DIRECTOR, false },
    { "li", "李明", "c1", NULL, ROLE_STAFF, false },
    { "wang", "王芳", "c1", NULL, ROLE_STAFF, false },
    { "zhao", "赵强", "c2", NULL, ROLE_DIRECTOR, false },
    { "sun", "孙丽", "c3", NULL, ROLE_STAFF, false },
    { "jd_e", "东城街道办", NULL, "east", ROLE_STREET, false },
    { "jd_w", "西城街道办", NULL, "west", ROLE_STREET, false },
};
static struct session sess[ARRAY_LEN(people)];
static int64_t zhang, li, wang, zhao, sun;

static void
setup(void)
{
    if (db != NULL)
        db_close(db);
    fixture_today(TODAY);
    fixture_geography(&cfg);
    cfg.training_levels.items = levels;
    cfg.training_levels.n = ARRAY_LEN(levels);
    cfg.site.training_target = 100;
    db = fixture_template_copy(&template_db, &cfg, people,
                               ARRAY_LEN(people), sess);
    sys = fixture_system(db, &cfg);
    zhang = sess[0].staff_id;
    li = sess[1].staff_id;
    wang = sess[2].staff_id;
    zhao = sess[3].staff_id;
    sun = sess[4].staff_id;
}

static struct training
session(const char *district, const char *committee, const char *date,
        const char *title, double hours)
{
    struct training t;

    memset(&t, 0, sizeof t);
    snprintf(t.district, sizeof t.district, "%s", district);
    snprintf(t.committee, sizeof t.committee, "%s", committee);
    snprintf(t.date, sizeof t.date, "%s", date);
    snprintf(t.level, sizeof t.level, "street");
    snprintf(t.title, sizeof t.title, "%s", title);
    snprintf(t.organiser, sizeof t.organiser, "街道党工委");
    t.hours = hours;
    return t;
}

static void
test_district_session_scoped(void)
{
    struct ctx street, director, other, staff;
    struct training t, got;
    struct training_attendee *att;
    size_t n;
    struct error e = { 0 };
    int64_t who[] = { li, zhao, li };

    setup();
    street = fixture_as(db, &cfg, "jd_e");
    director = fixture_as(db, &cfg, "zhang");
    other = fixture_as(db, &cfg, "jd_w");
    staff = fixture_as(db, &cfg, "wang");
    t = session("east", "", "2025-03-10", "社区治理培训", 3);
    CHECK_INT(training_save(&street, &t, who, 3, &e), 0);
    CHECK(t.id > 0);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM training_attendees"), 2);
    CHECK_INT(fixture_count(db,
                  "SELECT count(*) FROM audit WHERE tbl = 'training'"), 1);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM audit"
                                " WHERE tbl = 'training_attendees'"), 2);
    CHECK_INT(training_get(&street, t.id, &got, &att, &n, &e), 0);
    CHECK_INT(n, 2);
    CHECK_INT(got.attendees, 2);
    free(att);
    /* A director and staff see the district's session but only their own
     * committee's attendees. */
    CHECK_INT(training_get(&director, t.id, &got, &att, &n, &e), 0);
    CHECK_INT(n, 1);
    if (n == 1)
        CHECK_STR(att[0].name, "李明");
    CHECK_INT(got.attendees, 1);
    free(att);
    CHECK_INT(training_get(&staff, t.id, &got, &att, &n, &e), 0);
    CHECK_INT(n, 1);
    free(att);
    CHECK_INT(training_get(&other, t.id, &got, &att, &n, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    CHECK_INT(training_count(&other), 0);
    CHECK_INT(training_count(&director), 1);
}

static void
test_who_records(void)
{
    struct ctx director, staff, street_w;
    struct training t;
    struct error e = { 0 };
    int64_t own[] = { li, wang }, mixed[] = { li, zhao }, far[] = { sun };

    setup();
    director = fixture_as(db, &cfg, "zhang");
    staff = fixture_as(db, &cfg, "li");
    street_w = fixture_as(db, &cfg, "jd_w");
    t = session("", "c1", "2025-04-01", "消防安全", 2);
    CHECK_INT(training_save(&director, &t, own, 2, &e), 0);
    CHECK_STR(t.district, "east");
    /* Refusals leave nothing behind, the session included. */
    t = session("", "c1", "2025-04-02", "另一次", 2);
    CHECK_INT(training_save(&director, &t, mixed, 2, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(t.id, 0);
    t = session("east", "", "2025-04-02", "街道的", 2);
    CHECK_INT(training_save(&director, &t, own, 2, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.field, "committee_id");
    t = session("", "c1", "2025-04-02", "职工的", 2);
    CHECK_INT(training_save(&staff, &t, own, 2, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.msg, "only a director or the street office records "
                     "training");
    t = session("west", "", "2025-04-02", "跨区", 2);
    CHECK_INT(training_save(&street_w, &t, own, 2, &e), -1);
    CHECK_INT(e.code, E_PERM);
    /* A committee's session is for its own staff, even for the street. */
    t = session("", "c3", "2025-04-02", "光明", 2);
    CHECK_INT(training_save(&street_w, &t, far, 1, &e), 0);
    t = session("", "c3", "2025-04-03", "光明二", 2);
    CHECK_INT(training_save(&sys, &t, own, 2, &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.msg, "a committee's session is attended by its own staff");
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM training"), 2);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM training_attendees"), 3);
}

static void
test_bad_input(void)
{
    struct ctx street;
    struct training t;
    struct error e = { 0 };
    int64_t who[] = { li };
    int audits;

    setup();
    street = fixture_as(db, &cfg, "jd_e");
    audits = fixture_count(db, "SELECT count(*) FROM audit");
    t = session("east", "", "2025-04-01", "培训", 2);
    snprintf(t.level, sizeof t.level, "national");
    CHECK_INT(training_save(&street, &t, who, 1, &e), -1);
    CHECK_STR(e.field, "level");
    CHECK_STR(e.msg, "unknown training level \"national\"");
    t = session("east", "", "2025-04-01", "培训", 0);
    CHECK_INT(training_save(&street, &t, who, 1, &e), -1);
    CHECK_STR(e.field, "hours");
    CHECK_STR(e.msg, "a session lasts more than 0 hours");
    t = session("east", "", "2025-04-01", "培训", 101);
    CHECK_INT(training_save(&street, &t, who, 1, &e), -1);
    CHECK_STR(e.field, "hours");
    CHECK_STR(e.msg, "Hours must be from 0 to 100");
    t = session("east", "", "2025-02-30", "培训", 2);
    CHECK_INT(training_save(&street, &t, who, 1, &e), -1);
    CHECK_STR(e.field, "date");
    t = session("east", "", "2025-04-01", "", 2);
    CHECK_INT(training_save(&street, &t, who, 1, &e), -1);
    CHECK_STR(e.field, "title");
    CHECK_STR(e.msg, "Title is required");
    t = session("east", "", "2025-04-01",
                "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
                "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
                "多", 2);
    CHECK_INT(training_save(&street, &t, who, 1, &e), -1);
    CHECK_STR(e.field, "title");
    CHECK_STR(e.msg, "Title is too long: 61 characters, at most 60");
    t = session("east", "c9", "2025-04-01", "培训", 2);
    CHECK_INT(training_save(&street, &t, who, 1, &e), -1);
    CHECK_STR(e.field, "committee_id");
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM training"), 0);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM audit"), audits);
}

static void
test_update_and_delete(void)
{
    struct ctx street, director;
    struct training t, got;
    struct error e = { 0 };
    int64_t first[] = { li, wang }, second[] = { wang, zhang };
    int64_t version;

    setup();
    street = fixture_as(db, &cfg, "jd_e");
    director = fixture_as(db, &cfg, "zhang");
    t = session("", "c1", "2025-05-01", "调解技巧", 2);
    CHECK_INT(training_save(&director, &t, first, 2, &e), 0);
    training_get(&director, t.id, &got, NULL, NULL, &e);
    got.hours = 2.5;
    CHECK_INT(training_save(&director, &got, second, 2, &e), 0);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM training_attendees"), 2);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM training_attendees WHERE"
                                " staff_id = 2"), 0);   /* li went */
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM training_attendees WHERE"
                                " staff_id = 1"), 1);   /* zhang came */
    CHECK_INT(fixture_count(db,
                  "SELECT count(*) FROM training WHERE hours = 2.5"), 1);
    /* Stale, and moving to another committee: refused. */
    CHECK_INT(training_save(&director, &got, second, 2, &e), -1);
    CHECK_INT(e.code, E_STALE);
    training_get(&street, t.id, &got, NULL, NULL, &e);
    snprintf(got.committee, sizeof got.committee, "c2");
    CHECK_INT(training_save(&street, &got, NULL, 0, &e), -1);
    CHECK_STR(e.field, "committee_id");
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM training_attendees"), 2);
    version = got.version;
    CHECK_INT(training_delete(&director, t.id, version - 1, &e), -1);
    CHECK_INT(e.code, E_STALE);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM training_attendees"), 2);
    CHECK_INT(training_delete(&director, t.id, version, &e), 0);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM training"), 0);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM training_attendees"), 0);
    /* li left the list at the update; then two attendees and the session. */
    CHECK_INT(fixture_count(db,
                  "SELECT count(*) FROM audit WHERE action = 'delete'"
                  " AND tbl = 'training_attendees'"), 3);
    CHECK_INT(fixture_count(db,
                  "SELECT count(*) FROM audit WHERE action = 'delete'"
                  " AND tbl = 'training'"), 1);
}

static void
test_paging(void)
{
    struct ctx street;
    struct training t, v[3];
    struct error e = { 0 };
    int got = 0;
    const char *dates[] = { "2025-01-05", "2025-03-01", "2025-03-01",
                            "2024-11-11" };

    setup();
    street = fixture_as(db, &cfg, "jd_e");
    for (size_t i = 0; i < ARRAY_LEN(dates); i++) {
        t = session("east", "", dates[i], "培训", 1);
        training_save(&street, &t, NULL, 0, &e);
    }
    CHECK_INT(training_count(&street), 4);
    CHECK_INT(training_page(&street, PAGE_FIRST, NULL, 0, 2, v, &got, &e), 0);
    CHECK_INT(got, 2);
    CHECK_STR(v[0].date, "2025-03-01");
    CHECK(v[0].id > v[1].id);                       /* newest first */
    CHECK_INT(training_page(&street, PAGE_AFTER, v[1].date, v[1].id, 3, v,
                            &got, &e), 0);
    CHECK_INT(got, 2);
    CHECK_STR(v[0].date, "2025-01-05");
    CHECK_STR(v[1].date, "2024-11-11");
    CHECK_INT(training_page(&street, PAGE_BEFORE, v[0].date, v[0].id, 3, v,
                            &got, &e), 0);
    CHECK_INT(got, 2);
    CHECK_STR(v[1].date, "2025-03-01");
    CHECK_INT(training_page(&street, PAGE_LAST, NULL, 0, 1, v, &got, &e), 0);
    CHECK_STR(v[0].date, "2024-11-11");
}

static void
test_hours_and_coverage(void)
{
    struct ctx street, director, admin;
    struct training_coverage *rows, total;
    size_t n;
    double hours;
    int sessions;
    struct error e = { 0 };

    setup();
    street = fixture_as(db, &cfg, "jd_e");
    director = fixture_as(db, &cfg, "zhang");
    admin = sys;
    fixture_exec(db,
        "INSERT INTO training (id, district_id, date, level, title, hours,"
        " created_at, updated_at) VALUES"
        " (1, 'east', '2025-03-01', 'street', 'A', 4, 1, 1),"
        " (2, 'east', '2025-05-01', 'street', 'B', 2, 1, 1),"
        " (3, 'east', '2024-12-31', 'street', 'C', 8, 1, 1);"
        "INSERT INTO training_attendees (training_id, staff_id,"
        " committee_id, hours, created_at, updated_at) VALUES"
        " (1, 2, 'c1', NULL, 1, 1), (2, 2, 'c1', 1.5, 1, 1),"
        " (1, 1, 'c1', NULL, 1, 1), (3, 3, 'c1', NULL, 1, 1),"
        " (2, 4, 'c2', NULL, 1, 1);");
    CHECK_INT(training_person_year(&director, li, 2025, &hours, &sessions,
                                   &e), 0);
    CHECK_INT(sessions, 2);
    CHECK(hours > 5.49 && hours < 5.51);
    CHECK_INT(training_person_year(&director, wang, 2024, &hours, &sessions,
                                   &e), 0);
    CHECK_INT(sessions, 1);
    /* Another committee's hours are not the director's to read. */
    CHECK_INT(training_person_year(&director, zhao, 2025, &hours, &sessions,
                                   &e), 0);
    CHECK_INT(sessions, 0);

    /* c1: zhang and li trained this year, wang only last year; a person
     * who left does not count. c2: zhao trained. */
    fixture_insert_staff(db, "gone", "走了", "c1", "east", "staff");
    fixture_exec(db, "UPDATE staff SET active = 0 WHERE login = 'gone'");
    CHECK_INT(training_coverage(&street, 2025, &rows, &n, &total, &e), 0);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_STR(rows[0].committee, "c1");
        CHECK_INT(rows[0].active_staff, 3);
        CHECK_INT(rows[0].covered, 2);
        CHECK(!rows[0].met);
        CHECK_INT(training_coverage_percent(&rows[0]), 66);
        CHECK_INT(rows[1].covered, 1);
        CHECK(rows[1].met);
    }
    CHECK_INT(total.active_staff, 4);
    CHECK_INT(total.covered, 3);
    CHECK(!total.met);
    free(rows);
    cfg.site.training_target = 75;
    CHECK_INT(training_coverage(&street, 2025, &rows, &n, &total, &e), 0);
    CHECK(total.met);                      /* 3 of 4 is 75% */
    CHECK(!rows[0].met);                   /* 2 of 3 is not */
    free(rows);
    cfg.site.training_target = 100;
    CHECK_INT(training_coverage(&director, 2025, &rows, &n, &total, &e), 0);
    CHECK_INT(n, 1);
    free(rows);
    CHECK_INT(training_coverage(&admin, 2025, &rows, &n, &total, &e), 0);
    CHECK_INT(n, 3);
    CHECK_INT(total.active_staff, 5);
    CHECK(rows[2].met == false);           /* c3: sun, untrained */
    free(rows);
    CHECK_INT(training_coverage(&street, 2024, &rows, &n, &total, &e), 0);
    CHECK_INT(total.covered, 1);
    free(rows);
}

int
main(void)
{
    setup();
    RUN(test_district_session_scoped);
    RUN(test_who_records);
    RUN(test_bad_input);
    RUN(test_update_and_delete);
    RUN(test_paging);
    RUN(test_hours_and_coverage);
    db_close(db);
    db_close(template_db);
    return CHECK_DONE();
}
