/* test_assessment.c — the yearly assessment's rules on a database (the
 * arithmetic alone is test_assessment_calc.c): opening a round,
 * one peer sheet per scorer and subject, privacy of sheets, ballots,
 * completeness, a member leaving mid-round, publishing and the lock, who
 * sees which results, and the evidence of a year.
 *
 * The configuration is the sample INI's: sources street 0.5, residents
 * 0.3, peers 0.2; aspects 德 0.2 能 0.2 勤 0.2 绩 0.4; 优秀 from 90, 称职
 * from 60; ballots 100 / 80 / 50 points; 优秀 cap 0.2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assessment_sample.h"
#include "check.h"
#include "fixture.h"
#include "juwei/assessment.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/roster.h"
#include "juwei/staff.h"

#define TODAY "2025-06-16"
#define NOW 1750075200        /* TODAY at noon UTC */

static struct db *db, *template_db;
static struct ctx sys;
static struct config cfg;

/* --- the database ---------------------------------------------------- */

static struct cfg_item employment[] = {
    { (char *)"contract", (char *)"聘用人员" },
};

static const struct fixture_person people[] = {
    { "zhang", "张主任", "c1", NULL, ROLE_DIRECTOR, false },
    { "li", "李明", "c1", NULL, ROLE_STAFF, false },
    { "wang", "王芳", "c1", NULL, ROLE_STAFF, false },
    { "zhao", "赵强", "c2", NULL, ROLE_DIRECTOR, false },
    { "qi", "齐红", "c2", NULL, ROLE_STAFF, false },
    { "sun", "孙丽", "c3", NULL, ROLE_STAFF, false },
    { "jd_e", "东城街道办", NULL, "east", ROLE_STREET, false },
    { "jd_e2", "东城街道办二", NULL, "east", ROLE_STREET, false },
    { "jd_w", "西城街道办", NULL, "west", ROLE_STREET, false },
};
static struct session sess[ARRAY_LEN(people)];
static int64_t zhang, li, wang, zhao, qi, sun;

static void
setup(void)
{
    if (db != NULL)
        db_close(db);
    fixture_today(TODAY);
    fixture_geography(&cfg);
    cfg.employment_types.items = employment;
    cfg.employment_types.n = ARRAY_LEN(employment);
    cfg.assessment = sample;
    cfg.site.training_target = 100;
    db = fixture_template_copy(&template_db, &cfg, people,
                               ARRAY_LEN(people), sess);
    sys = fixture_system(db, &cfg);
    zhang = sess[0].staff_id;
    li = sess[1].staff_id;
    wang = sess[2].staff_id;
    zhao = sess[3].staff_id;
    qi = sess[4].staff_id;
    sun = sess[5].staff_id;
}

static int64_t round_id;

/* Opens the 2025 round of the east district for every active person. */
static void
open_round(void)
{
    struct ctx street = fixture_as(db, &cfg, "jd_e");
    int64_t *staff;
    size_t n;
    struct error e = { 0 };

    if (assessment_default_subjects(&street, &staff, &n, &e) < 0 ||
        assessment_open(&street, 2025, staff, n, &round_id, &e) < 0) {
        printf("  open_round: %s\n", e.msg);
        exit(2);
    }
    free(staff);
}

static int64_t
subject(int64_t staff)
{
    char sql[128];

    snprintf(sql, sizeof sql, "SELECT id FROM assessment_subjects"
             " WHERE round_id = %lld AND staff_id = %lld",
             (long long)round_id, (long long)staff);
    return fixture_count(db, sql);
}

static int
fill(const char *login, int64_t staff, enum assess_source src, double x,
     struct error *e)
{
    struct ctx c = fixture_as(db, &cfg, login);
    const double v[ASP_COUNT] = { x, x, x, x };

    return assessment_sheet_save(&c, subject(staff), src, v, 0, 0, e);
}

static int
vote(int64_t staff, int exc, int comp, int inc, struct error *e)
{
    struct ctx c = fixture_as(db, &cfg, "jd_e");
    const int v[3] = { exc, comp, inc };

    return assessment_ballot_save(&c, subject(staff), v, 0, 0, e);
}

static void
test_open_round(void)
{
    struct ctx street, director, west;
    int64_t *staff, gone;
    size_t n;
    int64_t id;
    struct assessment_round *rounds;
    struct error e = { 0 };
    int audits;

    setup();
    street = fixture_as(db, &cfg, "jd_e");
    director = fixture_as(db, &cfg, "zhang");
    west = fixture_as(db, &cfg, "jd_w");
    gone = fixture_insert_staff(db, "gone", "离职者", "c1", "east", "staff");
    fixture_exec(db, "UPDATE staff SET active = 0 WHERE login = 'gone'");
    /* Every active committee person of the district, no one else. */
    CHECK_INT(assessment_default_subjects(&street, &staff, &n, &e), 0);
    CHECK_INT(n, 5);
    for (size_t i = 0; i < n; i++)
        CHECK(staff[i] != sun && staff[i] != gone);
    free(staff);
    CHECK_INT(assessment_default_subjects(&director, &staff, &n, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(assessment_open(&director, 2025, &li, 1, &id, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(assessment_default_subjects(&street, &staff, &n, &e), 0);
    CHECK_INT(assessment_open(&street, 2025, staff, n, &id, &e), 0);
    CHECK_INT(fixture_count(db,
                  "SELECT count(*) FROM assessment_subjects"), 5);
    CHECK_INT(fixture_count(db,
                  "SELECT count(*) FROM audit WHERE action = 'open'"), 1);
    audits = fixture_count(db, "SELECT count(*) FROM audit");
    /* Refusals change nothing, the round row included. */
    CHECK_INT(assessment_open(&street, 2025, staff, n, NULL, &e), -1);
    CHECK_INT(e.code, E_DUP);
    CHECK_STR(e.field, "year");
    CHECK_STR(e.msg, "the district has its 2025 round already");
    free(staff);
    CHECK_INT(assessment_open(&street, 2024, NULL, 0, NULL, &e), -1);
    CHECK_STR(e.msg, "choose at least one person to assess");
    CHECK_INT(assessment_open(&street, 2024, &sun, 1, NULL, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(assessment_open(&street, 1999, &li, 1, NULL, &e), -1);
    CHECK_STR(e.field, "year");
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM assessment_rounds"), 1);
    CHECK_INT(assessment_add_subject(&street, id, gone, &e), -1);
    CHECK_STR(e.msg, "离职者 has left and is not assessed");
    CHECK_INT(assessment_add_subject(&street, id, li, &e), -1);
    CHECK_INT(e.code, E_DUP);
    CHECK_STR(e.msg, "李明 is assessed in this round already");
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM audit"), audits);
    /* A subject without sheets may be taken out and put back. */
    round_id = id;
    CHECK_INT(assessment_remove_subject(&street, subject(qi), &e), 0);
    CHECK_INT(fixture_count(db,
                  "SELECT count(*) FROM assessment_subjects"), 4);
    CHECK_INT(assessment_add_subject(&street, id, qi, &e), 0);
    CHECK_INT(fill("li", li, SRC_PEERS, 80, &e), 0);
    CHECK_INT(assessment_remove_subject(&street, subject(li), &e), -1);
    CHECK_STR(e.msg, "sheets or ballots for this person are in; they stay "
                     "assessed");
    /* Rounds are seen by the district, directors and staff included. */
    CHECK_INT(assessment_rounds(&director, &rounds, &n, &e), 0);
    CHECK_INT(n, 1);
    free(rounds);
    CHECK_INT(assessment_rounds(&west, &rounds, &n, &e), 0);
    CHECK_INT(n, 0);
    free(rounds);
}

static void
test_one_sheet_per_subject(void)
{
    struct ctx ctx_li, ctx_zhang, street;
    struct assessment_sheet *s;
    size_t n;
    struct error e = { 0 };
    double v[ASP_COUNT] = { 70, 75, 80, 85 };
    int64_t xin;

    setup();
    open_round();
    ctx_li = fixture_as(db, &cfg, "li");
    ctx_zhang = fixture_as(db, &cfg, "zhang");
    street = fixture_as(db, &cfg, "jd_e");
    CHECK_INT(fill("li", zhang, SRC_PEERS, 80, &e), 0);
    CHECK_INT(fill("li", li, SRC_PEERS, 90, &e), 0);      /* oneself too */
    /* The same row twice: refused, the first stays. */
    CHECK_INT(fill("li", zhang, SRC_PEERS, 10, &e), -1);
    CHECK_INT(e.code, E_DUP);
    CHECK_STR(e.msg, "you have filled this sheet already; open it to "
                     "correct it");
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM assessment_scores"), 2);
    CHECK_INT(fixture_count(db,
                  "SELECT de FROM assessment_scores WHERE scorer_id = 2"
                  " AND subject_id = 1"), 80);
    /* Correcting the first is the way. */
    CHECK_INT(assessment_sheets(&ctx_li, round_id, SRC_PEERS, &s, &n, &e), 0);
    CHECK_INT(n, 3);
    CHECK_INT(s[0].subject_id, subject(zhang));
    CHECK(s[0].sheet_id != 0 && s[0].may_fill);
    CHECK_INT(assessment_sheet_save(&ctx_li, subject(zhang), SRC_PEERS, v,
                                    s[0].sheet_id, s[0].sheet_version, &e),
              0);
    CHECK_INT(assessment_sheet_save(&ctx_li, subject(zhang), SRC_PEERS, v,
                                    s[0].sheet_id, s[0].sheet_version, &e),
              -1);
    CHECK_INT(e.code, E_STALE);
    free(s);
    CHECK_INT(fixture_count(db,
                  "SELECT ji FROM assessment_scores WHERE scorer_id = 2"
                  " AND subject_id = 1"), 85);
    /* Out of range, another committee, someone else's name, wrong
     * sources: refused. */
    v[ASP_DE] = 101;
    CHECK_INT(assessment_sheet_save(&ctx_li, subject(wang), SRC_PEERS, v, 0,
                                    0, &e), -1);
    CHECK_STR(e.field, "de");
    CHECK_STR(e.msg, "Conduct must be from 0 to 100");
    v[ASP_DE] = 80;
    v[ASP_JI] = -1;
    CHECK_INT(assessment_sheet_save(&ctx_li, subject(wang), SRC_PEERS, v, 0,
                                    0, &e), -1);
    CHECK_STR(e.field, "ji");
    CHECK_INT(fill("li", zhao, SRC_PEERS, 80, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(fill("jd_e", li, SRC_PEERS, 80, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(fill("li", wang, SRC_STREET, 80, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(fill("li", wang, SRC_RESIDENTS, 80, &e), -1);
    CHECK_STR(e.msg, "the resident representatives' votes are entered as "
                     "ballots");
    {
        /* Past the module, straight at the write path: a sheet in another
         * scorer's name is refused for staff and directors alike (the
         * four grade columns left NULL: scored in points). */
        struct value raw[13] = {
            { .i = round_id }, { .i = subject(wang) }, { .s = "c1" },
            { .s = "peers" }, { .i = zhang }, { .r = 50 }, { .r = 50 },
            { .r = 50 }, { .r = 50 },
        };
        struct change ch = { &assessment_score_table, CH_INSERT, 0, 0, raw,
                             NULL, NULL };

        CHECK_INT(store_apply(&ctx_li, &ch, 1, &e), -1);
        CHECK_INT(e.code, E_PERM);
        raw[4].i = li;
        CHECK_INT(store_apply(&ctx_zhang, &ch, 1, &e), -1);
        CHECK_INT(e.code, E_PERM);
        CHECK_STR(e.msg, "everyone fills only their own sheets");
    }
    /* Someone of the committee who is not assessed fills nothing. */
    xin = fixture_insert_staff(db, "xin", "新来的", "c1", "east", "staff");
    CHECK_INT(fill("xin", li, SRC_PEERS, 80, &e), -1);
    CHECK_INT(e.code, E_PERM);
    {
        struct ctx c = fixture_as(db, &cfg, "xin");

        CHECK_INT(assessment_sheets(&c, round_id, SRC_PEERS, &s, &n, &e), -1);
        CHECK_INT(e.code, E_PERM);
        CHECK_STR(e.msg, "you are not assessed in the 2025 round, so you "
                         "fill no peer sheets");
    }
    (void)xin;
    (void)street;
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM assessment_scores"), 2);
}

static void
test_sheets_are_private(void)
{
    struct ctx ctx_li, ctx_wang, ctx_zhang, street;
    struct assessment_sheet *s;
    struct assessment_outcome *o;
    struct assessment_progress *p;
    struct assessment_ballot *b;
    size_t n;
    struct error e = { 0 };

    setup();
    open_round();
    ctx_li = fixture_as(db, &cfg, "li");
    ctx_wang = fixture_as(db, &cfg, "wang");
    ctx_zhang = fixture_as(db, &cfg, "zhang");
    street = fixture_as(db, &cfg, "jd_e");
    CHECK_INT(fill("li", wang, SRC_PEERS, 61, &e), 0);
    CHECK_INT(fill("li", zhang, SRC_PEERS, 62, &e), 0);
    /* 王芳 reads her own sheets: none filled, and li's 61 nowhere. */
    CHECK_INT(assessment_sheets(&ctx_wang, round_id, SRC_PEERS, &s, &n, &e),
              0);
    CHECK_INT(n, 3);
    for (size_t i = 0; i < n; i++) {
        CHECK_INT(s[i].sheet_id, 0);
        CHECK_INT(cents(s[i].aspect[ASP_DE]), 0);
        CHECK_STR(s[i].committee, "c1");
    }
    free(s);
    CHECK_INT(assessment_sheets(&ctx_li, round_id, SRC_PEERS, &s, &n, &e), 0);
    CHECK_INT(n, 3);
    CHECK_INT(cents(s[2].aspect[ASP_DE]), 6100);      /* 王芳, by name */
    free(s);
    /* Aggregates and results are the street office's until publishing. */
    CHECK_INT(assessment_results(&ctx_wang, round_id, &o, &n, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(assessment_results(&ctx_zhang, round_id, &o, &n, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(assessment_progress(&ctx_zhang, round_id, &p, &n, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(assessment_ballots(&ctx_li, round_id, &b, &n, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(assessment_sheets(&street, round_id, SRC_PEERS, &s, &n, &e),
              -1);
    CHECK_INT(e.code, E_PERM);
    /* The street office sees the mean of the peer sheets, not a sheet. */
    CHECK_INT(assessment_results(&street, round_id, &o, &n, &e), 0);
    CHECK_INT(n, 5);
    for (size_t i = 0; i < n; i++) {
        if (o[i].staff_id == wang) {
            CHECK(o[i].r.has[SRC_PEERS]);
            CHECK_INT(cents(o[i].r.source[SRC_PEERS]), 6100);
            CHECK_INT(cents(o[i].r.total), 6100);
        }
    }
    free(o);
}

static void
test_street_sheets_and_ballots(void)
{
    struct ctx street, director;
    struct assessment_sheet *s;
    struct assessment_ballot *b;
    struct assessment_outcome *o;
    size_t n;
    struct error e = { 0 };
    const int votes[3] = { 8, 2, 0 };
    int audits;

    setup();
    open_round();
    street = fixture_as(db, &cfg, "jd_e");
    director = fixture_as(db, &cfg, "zhang");
    CHECK_INT(assessment_sheets(&street, round_id, SRC_STREET, &s, &n, &e),
              0);
    CHECK_INT(n, 5);
    CHECK(s[0].may_fill);
    free(s);
    CHECK_INT(assessment_sheets(&director, round_id, SRC_STREET, &s, &n, &e),
              -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(fill("jd_e", li, SRC_STREET, 90, &e), 0);
    CHECK_INT(fill("jd_e", li, SRC_STREET, 90, &e), -1);
    CHECK_INT(e.code, E_DUP);
    CHECK_INT(fill("jd_e2", li, SRC_STREET, 80, &e), 0);   /* averaged */
    CHECK_INT(fill("jd_w", li, SRC_STREET, 80, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(vote(li, 8, 2, 0, &e), 0);
    audits = fixture_count(db, "SELECT count(*) FROM audit");
    CHECK_INT(vote(li, 1, 1, 1, &e), -1);
    CHECK_INT(e.code, E_DUP);
    CHECK_INT(vote(wang, 0, 0, 0, &e), -1);
    CHECK_STR(e.field, "excellent");
    CHECK_STR(e.msg, "enter the votes: at least one");
    CHECK_INT(vote(wang, -1, 5, 0, &e), -1);
    CHECK_STR(e.field, "excellent");
    CHECK_INT(assessment_ballot_save(&director, subject(wang), votes, 0, 0,
                                     &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM assessment_ballots"), 1);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM audit"), audits);
    CHECK_INT(assessment_ballots(&street, round_id, &b, &n, &e), 0);
    CHECK_INT(n, 5);
    for (size_t i = 0; i < n; i++) {
        if (b[i].staff_id == li) {
            CHECK(b[i].ballot_id != 0);
            CHECK_INT(b[i].votes[0], 8);
            CHECK_INT(b[i].votes[1], 2);
            /* Corrected at its version. */
            const int fixed[3] = { 7, 3, 0 };
            CHECK_INT(assessment_ballot_save(&street, b[i].subject_id, fixed,
                                             b[i].ballot_id, b[i].version,
                                             &e), 0);
        }
    }
    free(b);
    /* li: street (90 + 80) / 2 = 85; ballots 7/3/0 = 94; no peers:
     * (0.5×85 + 0.3×94) / 0.8 = (42.5 + 28.2) / 0.8 = 88.375 → 88.38. */
    CHECK_INT(assessment_results(&street, round_id, &o, &n, &e), 0);
    CHECK_INT(o[0].staff_id, li);
    CHECK_INT(cents(o[0].r.source[SRC_STREET]), 8500);
    CHECK_INT(cents(o[0].r.source[SRC_RESIDENTS]), 9400);
    CHECK_INT(o[0].r.rank, 1);
    CHECK_INT(o[1].r.rank, 0);                    /* nothing in yet */
    free(o);
}

/* A fresh database whose site scores by the grades g, with the round of
 * open_round(). */
static void
grades_round(struct cfg_grade *g, size_t n)
{
    setup();
    cfg.assessment.scoring = SCORING_GRADES;
    cfg.assessment.grades = (struct cfg_grades){ g, n };
    open_round();
}

static int
fill_grades(const char *login, int64_t staff, enum assess_source src,
            const char *de, const char *neng, const char *qin,
            const char *ji, struct error *e)
{
    struct ctx c = fixture_as(db, &cfg, login);
    const char *const g[ASP_COUNT] = { de, neng, qin, ji };

    return assessment_sheet_save_grades(&c, subject(staff), src, g, 0, 0, e);
}

/* A site with scoring = grades, worked through: the sheets keep the
 * grades, the results count their points by the configuration of now.
 *
 * 王芳: peer sheets 优 良 良 优 (李明: 91) and 良 良 中 良 (张主任:
 * 17+17+15+34 = 83), mean 87; street 优 优 良 优 = 19+19+17+38 = 93;
 * ballots 8/2/0 = 96. Total 0.5×93 + 0.3×96 + 0.2×87 = 46.5 + 28.8 +
 * 17.4 = 92.7: 优秀, rank 1 (the only one scored). With 优 lowered to 90:
 * street 18+18+17+36 = 89, peers (88 + 83) / 2 = 85.5, total 44.5 + 28.8
 * + 17.1 = 90.4. */
static void
test_grades_worked_example(void)
{
    struct cfg_grade g[] = { { (char *)"优", 95 }, { (char *)"良", 85 },
                             { (char *)"中", 75 }, { (char *)"差", 60 } };
    struct ctx street, ctx_li;
    struct assessment_sheet *s;
    struct assessment_outcome *o;
    size_t n;
    struct error e = { 0 };

    grades_round(g, ARRAY_LEN(g));
    street = fixture_as(db, &cfg, "jd_e");
    ctx_li = fixture_as(db, &cfg, "li");
    CHECK_INT(fill_grades("li", wang, SRC_PEERS, "优", "良", "良", "优", &e),
              0);
    CHECK_INT(fill_grades("zhang", wang, SRC_PEERS, "良", "良", "中", "良",
                          &e), 0);
    CHECK_INT(fill_grades("jd_e", wang, SRC_STREET, "优", "优", "良", "优",
                          &e), 0);
    CHECK_INT(vote(wang, 8, 2, 0, &e), 0);
    /* Stored: the grade and the points it stood for. */
    CHECK_INT(fixture_count(db,
                  "SELECT count(*) FROM assessment_scores WHERE scorer_id"
                  " = 2 AND de_grade = '优' AND de = 95 AND neng_grade ="
                  " '良' AND neng = 85 AND ji_grade = '优'"), 1);
    CHECK_INT(assessment_results(&street, round_id, &o, &n, &e), 0);
    CHECK_INT(o[0].staff_id, wang);
    CHECK_INT(cents(o[0].r.source[SRC_STREET]), 9300);
    CHECK_INT(cents(o[0].r.source[SRC_PEERS]), 8700);
    CHECK_INT(cents(o[0].r.total), 9270);
    CHECK_INT(o[0].r.grade, GRADE_EXCELLENT);
    CHECK_INT(o[0].r.rank, 1);
    free(o);

    /* The points of a grade may change until publishing. */
    g[0].points = 90;
    CHECK_INT(assessment_results(&street, round_id, &o, &n, &e), 0);
    CHECK_INT(cents(o[0].r.source[SRC_STREET]), 8900);
    CHECK_INT(cents(o[0].r.source[SRC_PEERS]), 8550);
    CHECK_INT(cents(o[0].r.total), 9040);
    free(o);
    /* The member reads their own sheet back as grades, in today's points. */
    CHECK_INT(assessment_sheets(&ctx_li, round_id, SRC_PEERS, &s, &n, &e), 0);
    for (size_t i = 0; i < n; i++) {
        if (s[i].staff_id == wang) {
            CHECK_STR(s[i].grade[ASP_DE], "优");
            CHECK_STR(s[i].grade[ASP_QIN], "良");
            CHECK_INT(cents(s[i].aspect[ASP_DE]), 9000);
            CHECK_INT(cents(s[i].aspect[ASP_QIN]), 8500);
        } else {
            CHECK_INT(s[i].sheet_id, 0);
            CHECK_STR(s[i].grade[ASP_DE], "");
        }
    }
    free(s);
}

/* What a grades site refuses, each with its message at the aspect; and a
 * points site refuses grades. Nothing is written. */
static void
test_grades_refused(void)
{
    struct cfg_grade g[] = { { (char *)"优", 95 }, { (char *)"良", 85 } };
    struct ctx ctx_li;
    struct error e = { 0 };
    const double points[ASP_COUNT] = { 90, 90, 90, 90 };
    int audits;

    grades_round(g, ARRAY_LEN(g));
    ctx_li = fixture_as(db, &cfg, "li");
    audits = fixture_count(db, "SELECT count(*) FROM audit");
    CHECK_INT(assessment_sheet_save(&ctx_li, subject(wang), SRC_PEERS, points,
                                    0, 0, &e), -1);
    CHECK_STR(e.field, "de");
    CHECK_STR(e.msg, "pick a grade");
    CHECK_INT(fill_grades("li", wang, SRC_PEERS, "优", "良", "甲", "优", &e),
              -1);
    CHECK_STR(e.field, "qin");
    CHECK_STR(e.msg, "unknown grade \"甲\"");
    CHECK_INT(fill_grades("li", wang, SRC_PEERS, "优", "", "良", "优", &e),
              -1);
    CHECK_STR(e.field, "neng");
    CHECK_STR(e.msg, "pick a grade");
    {
        /* Straight at the write path: the points must be the grade's. */
        struct value raw[13] = {
            { .i = round_id }, { .i = subject(wang) }, { .s = "c1" },
            { .s = "peers" }, { .i = li }, { .r = 95 }, { .r = 85 },
            { .r = 85 }, { .r = 50 }, { .s = "优" }, { .s = "良" },
            { .s = "良" }, { .s = "优" },
        };
        struct change ch = { &assessment_score_table, CH_INSERT, 0, 0, raw,
                             NULL, NULL };

        CHECK_INT(store_apply(&ctx_li, &ch, 1, &e), -1);
        CHECK_STR(e.field, "ji");
        CHECK_STR(e.msg, "grade \"优\" stands for 95 points, not 50");
    }
    cfg.assessment.scoring = SCORING_POINTS;
    CHECK_INT(fill_grades("li", wang, SRC_PEERS, "优", "良", "良", "优", &e),
              -1);
    CHECK_STR(e.field, "de");
    CHECK_STR(e.msg, "this site scores in points, not grades");
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM assessment_scores"), 0);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM audit"), audits);
    /* And in points the same sheet goes in. */
    CHECK_INT(assessment_sheet_save(&ctx_li, subject(wang), SRC_PEERS, points,
                                    0, 0, &e), 0);
}

static void
test_completeness(void)
{
    struct ctx street;
    struct assessment_progress *p;
    size_t n;
    struct error e = { 0 };
    struct ctx c;

    setup();
    open_round();
    street = fixture_as(db, &cfg, "jd_e");
    fill("zhang", zhang, SRC_PEERS, 80, &e);
    fill("zhang", li, SRC_PEERS, 80, &e);
    fill("li", zhang, SRC_PEERS, 80, &e);
    fill("li", li, SRC_PEERS, 80, &e);
    fill("li", wang, SRC_PEERS, 80, &e);
    fill("jd_e", zhang, SRC_STREET, 80, &e);
    vote(li, 5, 5, 0, &e);
    CHECK_INT(assessment_progress(&street, round_id, &p, &n, &e), 0);
    CHECK_INT(n, 5);
    /* By committee, then name in code point order: 张 U+5F20, 李 U+674E,
     * 王 U+738B in c1; 赵 U+8D75, 齐 U+9F50 in c2. */
    CHECK_INT(p[0].staff_id, zhang);
    CHECK_INT(p[0].peer_done, 2);
    CHECK_INT(p[0].peer_due, 3);
    CHECK_INT(p[0].street_sheets, 1);
    CHECK_INT(p[1].staff_id, li);
    CHECK_INT(p[1].peer_done, 3);
    CHECK_INT(p[1].votes, 10);
    CHECK_INT(p[2].staff_id, wang);
    CHECK_INT(p[2].peer_done, 0);
    CHECK_INT(p[3].staff_id, zhao);
    CHECK_INT(p[3].peer_due, 2);
    free(p);
    c = fixture_as(db, &cfg, "zhang");
    CHECK_INT(assessment_waiting(&c), 1);
    c = fixture_as(db, &cfg, "li");
    CHECK_INT(assessment_waiting(&c), 0);
    c = fixture_as(db, &cfg, "wang");
    CHECK_INT(assessment_waiting(&c), 3);
    c = fixture_as(db, &cfg, "sun");
    CHECK_INT(assessment_waiting(&c), 0);
    /* The street account: 4 of its evaluations and 4 ballots missing. */
    CHECK_INT(assessment_waiting(&street), 8);
}

static void
test_member_leaves_mid_round(void)
{
    struct ctx street, ctx_li, ctx_wang;
    struct roster_entry r;
    struct roster_edit ed = { 0 };
    struct assessment_progress *p;
    struct assessment_sheet *s;
    struct assessment_outcome *o;
    struct assessment_round rd;
    size_t n;
    struct error e = { 0 };

    setup();
    open_round();
    street = fixture_as(db, &cfg, "jd_e");
    ctx_li = fixture_as(db, &cfg, "li");
    ctx_wang = fixture_as(db, &cfg, "wang");
    CHECK_INT(fill("zhang", zhang, SRC_PEERS, 90, &e), 0);
    CHECK_INT(fill("zhang", li, SRC_PEERS, 90, &e), 0);
    CHECK_INT(fill("zhang", wang, SRC_PEERS, 70, &e), 0);
    CHECK_INT(fill("wang", zhang, SRC_PEERS, 60, &e), 0);
    /* 王芳 leaves in the middle of the round. */
    roster_get(&street, wang, &r, &e);
    ed.active = false;
    CHECK_INT(roster_update(&street, wang, r.version, &ed, &e), 0);
    /* No more peer sheets about her or by her, corrections included. */
    CHECK_INT(fill("li", wang, SRC_PEERS, 80, &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.msg, "王芳 has left; no more peer sheets are filled about "
                     "them");
    CHECK_INT(fill("wang", li, SRC_PEERS, 80, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.msg, "you have left the committee and fill no more sheets");
    CHECK_INT(assessment_sheets(&ctx_li, round_id, SRC_PEERS, &s, &n, &e), 0);
    CHECK_INT(n, 3);
    CHECK(!s[2].may_fill && s[0].may_fill);
    free(s);
    CHECK_INT(assessment_sheets(&ctx_wang, round_id, SRC_PEERS, &s, &n, &e),
              0);
    for (size_t i = 0; i < n; i++)
        CHECK(!s[i].may_fill);
    free(s);
    /* Completeness no longer waits for her or for sheets about her; what
     * she filled stays. */
    CHECK_INT(assessment_progress(&street, round_id, &p, &n, &e), 0);
    CHECK_INT(p[2].staff_id, wang);
    CHECK(!p[2].active);
    CHECK_INT(p[2].peer_due, 0);
    CHECK_INT(p[2].peer_done, 1);
    CHECK_INT(p[0].staff_id, zhang);
    CHECK_INT(p[0].peer_due, 2);
    CHECK_INT(p[0].peer_done, 2);
    CHECK_INT(p[1].peer_due, 2);
    free(p);
    CHECK_INT(assessment_waiting(&ctx_li), 2);
    /* She stays assessed: publishing waits for her street evaluation and
     * ballots like everyone's, then she has a result. */
    struct ctx c = fixture_as(db, &cfg, "jd_e");
    const int64_t others[] = { zhang, li, zhao, qi };
    for (size_t i = 0; i < ARRAY_LEN(others); i++) {
        fill("jd_e", others[i], SRC_STREET, 80, &e);
        vote(others[i], 5, 5, 0, &e);
    }
    assessment_round_get(&c, round_id, &rd, &e);
    CHECK_INT(assessment_publish(&c, round_id, rd.version, &e), -1);
    CHECK_STR(e.msg, "王芳 still lacks the street office's evaluation or "
                     "the ballots");
    CHECK_INT(fill("jd_e", wang, SRC_STREET, 80, &e), 0);
    CHECK_INT(vote(wang, 0, 10, 0, &e), 0);
    CHECK_INT(assessment_publish(&c, round_id, rd.version, &e), 0);
    CHECK_INT(assessment_results(&street, round_id, &o, &n, &e), 0);
    for (size_t i = 0; i < n; i++) {
        if (o[i].staff_id != wang)
            continue;
        /* 0.5×80 + 0.3×80 + 0.2×70 = 78: the sheet about her counts. */
        CHECK(o[i].r.has[SRC_PEERS]);
        CHECK_INT(cents(o[i].r.total), 7800);
        CHECK_INT(o[i].r.grade, GRADE_COMPETENT);
    }
    free(o);
}

static void
test_publish_locks(void)
{
    struct ctx street, ctx_li, ctx_zhang, west;
    struct assessment_round rd;
    struct assessment_sheet *s;
    struct assessment_ballot *b;
    struct assessment_outcome *o;
    size_t n;
    struct error e = { 0 };
    const int votes[3] = { 1, 1, 1 };
    int audits;

    setup();
    open_round();
    street = fixture_as(db, &cfg, "jd_e");
    ctx_li = fixture_as(db, &cfg, "li");
    ctx_zhang = fixture_as(db, &cfg, "zhang");
    west = fixture_as(db, &cfg, "jd_w");
    /* Each member scores themselves; then 0.7 × own + 0.3 × ballots:
     * 张主任 95 and 10/0/0: 66.5 + 30 = 96.5;
     * 李明 and 赵强 92 and 10/0/0: 64.4 + 30 = 94.4 each;
     * 王芳 85 and 0/10/0: 59.5 + 24 = 83.5;  齐红 50 and 0/0/10: 50.
     * Five subjects × 0.2 = one 优秀: 张主任. The tie at 94.4 is 称职 whole. */
    const struct {
        const char *login;
        int64_t    *id;
        double      x;
        int         v[3];
    } who[] = {
        { "zhang", &zhang, 95, { 10, 0, 0 } },
        { "li", &li, 92, { 10, 0, 0 } },
        { "wang", &wang, 85, { 0, 10, 0 } },
        { "zhao", &zhao, 92, { 10, 0, 0 } },
        { "qi", &qi, 50, { 0, 0, 10 } },
    };
    for (size_t i = 0; i < ARRAY_LEN(who); i++) {
        fill(who[i].login, *who[i].id, SRC_PEERS, who[i].x, &e);
        if (i > 0)
            fill("jd_e", *who[i].id, SRC_STREET, who[i].x, &e);
        vote(*who[i].id, who[i].v[0], who[i].v[1], who[i].v[2], &e);
    }
    assessment_round_get(&street, round_id, &rd, &e);
    audits = fixture_count(db, "SELECT count(*) FROM audit");
    CHECK_INT(assessment_publish(&street, round_id, rd.version, &e), -1);
    CHECK_STR(e.msg, "张主任 still lacks the street office's evaluation or "
                     "the ballots");
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM assessment_subjects"
                                " WHERE score IS NOT NULL"), 0);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM assessment_rounds"
                                " WHERE status = 'open'"), 1);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM audit"), audits);
    CHECK_INT(fill("jd_e", zhang, SRC_STREET, 95, &e), 0);
    CHECK_INT(assessment_publish(&ctx_zhang, round_id, rd.version, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(assessment_publish(&street, round_id, rd.version - 1, &e), -1);
    CHECK_INT(e.code, E_STALE);
    CHECK_INT(assessment_publish(&street, round_id, rd.version, &e), 0);
    CHECK_INT(fixture_count(db,
                  "SELECT count(*) FROM assessment_rounds"
                  " WHERE status = 'published' AND published_at = "
                  "1750075200"), 1);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM assessment_subjects"
                                " WHERE grade = 'excellent'"), 1);
    CHECK_INT(fixture_count(db,
                  "SELECT rank FROM assessment_subjects WHERE staff_id = 1"),
              1);
    CHECK_INT(fixture_count(db, "SELECT score * 100 FROM assessment_subjects"
                                " WHERE staff_id = 2"), 9440);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM assessment_subjects"
                                " WHERE rank = 2 AND grade = 'competent'"), 2);
    CHECK_INT(fixture_count(db,
                  "SELECT rank FROM assessment_subjects WHERE staff_id = 5"),
              5);
    CHECK_INT(fixture_count(db,
                  "SELECT count(*) FROM audit WHERE action = 'publish'"), 6);

    /* Locked: every change refused, by any path. */
    audits = fixture_count(db, "SELECT count(*) FROM audit");
    CHECK_INT(assessment_sheets(&ctx_li, round_id, SRC_PEERS, &s, &n, &e), 0);
    CHECK(!s[1].may_fill);
    CHECK_INT(assessment_sheet_save(&ctx_li, s[1].subject_id, SRC_PEERS,
                                    s[1].aspect, s[1].sheet_id,
                                    s[1].sheet_version, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.msg, "the 2025 assessment is published and can no longer "
                     "change");
    free(s);
    CHECK_INT(fill("li", wang, SRC_PEERS, 99, &e), -1);
    CHECK_STR(e.msg, "the 2025 assessment is published and can no longer "
                     "change");
    CHECK_INT(fill("jd_e2", li, SRC_STREET, 99, &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(assessment_ballots(&street, round_id, &b, &n, &e), 0);
    CHECK_INT(assessment_ballot_save(&street, b[0].subject_id, votes,
                                     b[0].ballot_id, b[0].version, &e), -1);
    CHECK_INT(e.code, E_PERM);
    free(b);
    CHECK_INT(assessment_add_subject(&street, round_id,
                                     fixture_insert_staff(db, "new", "新人",
                                                          "c1", "east",
                                                          "staff"),
                                     &e), -1);
    CHECK_INT(e.code, E_PERM);
    CHECK_INT(assessment_remove_subject(&street, subject(qi), &e), -1);
    CHECK_INT(e.code, E_PERM);
    assessment_round_get(&street, round_id, &rd, &e);
    CHECK_INT(assessment_publish(&street, round_id, rd.version, &e), -1);
    CHECK_INT(e.code, E_PERM);
    {
        struct value *v;
        int64_t version;
        struct change ch = { &assessment_subject_table, CH_UPDATE,
                             subject(qi), 0, NULL, NULL, NULL };

        CHECK_INT(store_load(&street, &assessment_subject_table, subject(qi),
                             &v, &version, &e), 0);
        v[3].r = 99;
        ch.version = version;
        ch.vals = v;
        CHECK_INT(store_apply(&street, &ch, 1, &e), -1);
        CHECK_INT(e.code, E_PERM);
        store_values_free(v, 6);
    }
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM audit"), audits);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM assessment_scores"), 10);

    /* Who sees what: a member their own row, a director the committee's,
     * neither the sources; the street office everything. */
    CHECK_INT(assessment_results(&ctx_li, round_id, &o, &n, &e), 0);
    CHECK_INT(n, 1);
    CHECK_INT(o[0].staff_id, li);
    CHECK_INT(o[0].r.rank, 2);
    CHECK_INT(o[0].r.grade, GRADE_COMPETENT);
    CHECK_INT(cents(o[0].r.total), 9440);
    CHECK(!o[0].r.has[SRC_STREET] && !o[0].r.has[SRC_PEERS]);
    free(o);
    CHECK_INT(assessment_results(&ctx_zhang, round_id, &o, &n, &e), 0);
    CHECK_INT(n, 3);
    CHECK_INT(o[0].staff_id, zhang);
    CHECK_INT(o[0].r.grade, GRADE_EXCELLENT);
    for (size_t i = 0; i < n; i++)
        CHECK_STR(o[i].committee, "c1");
    free(o);
    CHECK_INT(assessment_results(&street, round_id, &o, &n, &e), 0);
    CHECK_INT(n, 5);
    CHECK_INT(o[4].staff_id, qi);
    CHECK_INT(o[4].r.grade, GRADE_INCOMPETENT);
    CHECK(o[0].r.has[SRC_STREET] && o[0].r.has[SRC_PEERS]);
    free(o);
    CHECK_INT(assessment_results(&west, round_id, &o, &n, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
}

static void
test_evidence(void)
{
    struct ctx director, other, staff;
    struct assessment_evidence ev;
    struct error e = { 0 };

    setup();
    director = fixture_as(db, &cfg, "zhang");
    other = fixture_as(db, &cfg, "zhao");
    staff = fixture_as(db, &cfg, "wang");
    fixture_exec(db,
        "UPDATE staff SET employment_type = 'contract',"
        " hire_date = '2019-03-01', contract_end = '2026-02-28'"
        " WHERE login = 'li';"
        "INSERT INTO records (committee_id, staff_id, date, category, title,"
        " hours, created_at, updated_at) VALUES"
        " ('c1', 2, '2025-01-02', 'm', 'a', 2, 1, 1),"
        " ('c1', 2, '2025-03-02', 'm', 'b', 1.5, 1, 1),"
        " ('c1', 2, '2025-12-31', 'm', 'c', NULL, 1, 1),"
        " ('c1', 2, '2024-12-31', 'm', 'd', 8, 1, 1),"
        " ('c1', 3, '2025-03-02', 'm', 'e', 8, 1, 1);"
        "INSERT INTO inspections (committee_id, date, place, category, found,"
        " status, assignee_id, resolved_date, created_by, created_at,"
        " updated_at) VALUES"
        " ('c1', '2025-02-01', 'p', 'c', 'f', 'resolved', 2, '2025-03-01',"
        "  1, 1, 1),"
        " ('c1', '2025-02-01', 'p', 'c', 'f', 'resolved', 2, NULL, 1, 1, 1),"
        " ('c1', '2025-02-01', 'p', 'c', 'f', 'open', 2, NULL, 1, 1, 1),"
        " ('c1', '2024-12-01', 'p', 'c', 'f', 'resolved', 2, '2024-12-20',"
        "  1, 1, 1);"
        "INSERT INTO residents (id, committee_id, name, created_at,"
        " updated_at) VALUES (1, 'c1', '居民', 1, 1);"
        "INSERT INTO visits (committee_id, date, staff_id, resident_id,"
        " purpose, created_at, updated_at) VALUES"
        " ('c1', '2025-04-01', 2, 1, 'p', 1, 1),"
        " ('c1', '2025-05-01', 2, 1, 'p', 1, 1),"
        " ('c1', '2025-05-01', 3, 1, 'p', 1, 1);"
        "INSERT INTO leave (committee_id, staff_id, type, from_date, to_date,"
        " halves, status, created_at, updated_at) VALUES"
        " ('c1', 2, 'sick', '2025-02-03', '2025-02-04', 4, 'approved', 1, 1),"
        " ('c1', 2, 'sick', '2025-03-03', '2025-03-03', 1, 'returned', 1, 1),"
        " ('c1', 2, 'sick', '2025-04-03', '2025-04-03', 2, 'pending', 1, 1),"
        " ('c1', 2, 'sick', '2025-05-03', '2025-05-03', 2, 'rejected', 1, 1),"
        " ('c1', 2, 'sick', '2024-05-03', '2024-05-03', 2, 'approved', 1, 1);"
        /* Across the year end: 1 day in 2024, 2 in 2025. */
        "INSERT INTO leave (committee_id, staff_id, type, from_date, to_date,"
        " halves, halves_next, status, created_at, updated_at) VALUES"
        " ('c1', 2, 'sick', '2024-12-31', '2025-01-03', 6, 4, 'approved', 1,"
        "  1);"
        /* Returned early: 4 halves asked, 3 taken, 1 of them in 2025. */
        "INSERT INTO leave (committee_id, staff_id, type, from_date, to_date,"
        " halves, halves_next, status, used_halves, used_next, created_at,"
        " updated_at) VALUES ('c1', 2, 'sick', '2024-12-30', '2025-01-02',"
        " 4, 2, 'returned', 3, 1, 1, 1);"
        "INSERT INTO training (id, district_id, date, level, title, hours,"
        " created_at, updated_at) VALUES"
        " (1, 'east', '2025-03-01', 'street', 'A', 3, 1, 1);"
        "INSERT INTO training_attendees (training_id, staff_id,"
        " committee_id, created_at, updated_at) VALUES (1, 2, 'c1', 1, 1);");
    CHECK_INT(assessment_evidence(&director, li, 2025, &ev, &e), 0);
    CHECK_INT(ev.records, 3);
    CHECK_INT(cents(ev.record_hours), 350);
    CHECK_INT(ev.inspections_resolved, 2);
    CHECK_INT(ev.visits, 2);
    /* 4 + 1 halves of 2025's own, 4 + 1 carried from 2024's: 5 days. */
    CHECK_INT(cents(ev.leave_days), 500);
    CHECK_INT(ev.training_sessions, 1);
    CHECK_INT(cents(ev.training_hours), 300);
    CHECK_STR(ev.employment_type, "contract");
    CHECK_STR(ev.hire_date, "2019-03-01");
    CHECK_STR(ev.contract_end, "2026-02-28");
    CHECK_INT(assessment_evidence(&director, li, 2024, &ev, &e), 0);
    CHECK_INT(ev.records, 1);
    CHECK_INT(ev.inspections_resolved, 1);
    /* 2 of its own, 2 and 2 of the two across the year end: 3 days. */
    CHECK_INT(cents(ev.leave_days), 300);
    CHECK_INT(ev.training_sessions, 0);
    /* A fellow member sees it beside the sheet; another committee not. */
    CHECK_INT(assessment_evidence(&staff, li, 2025, &ev, &e), 0);
    CHECK_INT(ev.visits, 2);
    CHECK_INT(assessment_evidence(&other, li, 2025, &ev, &e), -1);
    CHECK_INT(e.code, E_NOTFOUND);
    CHECK_INT(ev.records, 0);
}

int
main(void)
{
    RUN(test_open_round);
    RUN(test_one_sheet_per_subject);
    RUN(test_sheets_are_private);
    RUN(test_street_sheets_and_ballots);
    RUN(test_grades_worked_example);
    RUN(test_grades_refused);
    RUN(test_completeness);
    RUN(test_member_leaves_mid_round);
    RUN(test_publish_locks);
    RUN(test_evidence);
    db_close(db);
    db_close(template_db);
    return CHECK_DONE();
}
