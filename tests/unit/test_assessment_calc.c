/* test_assessment_calc.c — the yearly assessment's arithmetic on worked
 * examples written out below: weights, grade boundaries, the 优秀 cap with
 * ties, ranks, grade points. No database; test_assessment.c has the rules.
 *
 * The configuration is the sample INI's: sources street 0.5, residents
 * 0.3, peers 0.2; aspects 德 0.2 能 0.2 勤 0.2 绩 0.4; 优秀 from 90, 称职
 * from 60; ballots 100 / 80 / 50 points; 优秀 cap 0.2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assessment_sample.h"
#include "check.h"
#include "juwei/assessment.h"

/* --- the arithmetic -------------------------------------------------- */

static void
test_sheet_and_ballot_scores(void)
{
    const double sheet[ASP_COUNT] = { 95, 90, 92, 96 };
    const int a[3] = { 8, 2, 0 }, b[3] = { 3, 5, 2 }, none[3] = { 0 };

    /* 0.2×95 + 0.2×90 + 0.2×92 + 0.4×96 = 19 + 18 + 18.4 + 38.4 */
    CHECK_INT(cents(assessment_sheet_score(&sample, sheet)), 9380);
    /* (8×100 + 2×80) / 10 = 96;  (3×100 + 5×80 + 2×50) / 10 = 80 */
    CHECK_INT(cents(assessment_ballot_score(&sample, a)), 9600);
    CHECK_INT(cents(assessment_ballot_score(&sample, b)), 8000);
    CHECK(assessment_ballot_score(&sample, none) < 0);
}

static void
add_sheet(struct assessment_input *in, enum assess_source s, double de,
          double neng, double qin, double ji)
{
    const double v[ASP_COUNT] = { de, neng, qin, ji };

    in->sheets[s]++;
    for (int i = 0; i < ASP_COUNT; i++)
        in->sum[s][i] += v[i];
}

static void
test_worked_example(void)
{
    struct cfg_assessment a = sample;
    struct assessment_input in[3];
    struct assessment_result r[3];

    a.excellent_cap = 0;
    memset(in, 0, sizeof in);
    /* A — street: one sheet 95 90 92 96 = 93.8. Ballots 8/2/0 = 96.
     * Peers: 90 90 90 90 = 90 and 80 85 90 95 = 89, mean 89.5.
     * Total 0.5×93.8 + 0.3×96 + 0.2×89.5 = 46.9 + 28.8 + 17.9 = 93.6:
     * 优秀. */
    add_sheet(&in[0], SRC_STREET, 95, 90, 92, 96);
    in[0].votes[0] = 8;
    in[0].votes[1] = 2;
    add_sheet(&in[0], SRC_PEERS, 90, 90, 90, 90);
    add_sheet(&in[0], SRC_PEERS, 80, 85, 90, 95);
    /* B — street: two sheets, 80 flat and 70 flat, mean 75. Ballots
     * 2/6/2 = (200 + 480 + 100) / 10 = 78. Peers: one sheet 85 flat.
     * Total 37.5 + 23.4 + 17 = 77.9: 称职. */
    add_sheet(&in[1], SRC_STREET, 80, 80, 80, 80);
    add_sheet(&in[1], SRC_STREET, 70, 70, 70, 70);
    in[1].votes[0] = 2;
    in[1].votes[1] = 6;
    in[1].votes[2] = 2;
    add_sheet(&in[1], SRC_PEERS, 85, 85, 85, 85);
    /* C — street 50 flat; ballots 0/2/8 = (160 + 400) / 10 = 56; no peer
     * sheet, so the weights of the other two are scaled up:
     * (0.5×50 + 0.3×56) / 0.8 = 41.8 / 0.8 = 52.25: 不称职. */
    add_sheet(&in[2], SRC_STREET, 50, 50, 50, 50);
    in[2].votes[1] = 2;
    in[2].votes[2] = 8;
    assessment_compute(&a, in, 3, r);
    CHECK_INT(cents(r[0].source[SRC_STREET]), 9380);
    CHECK_INT(cents(r[0].source[SRC_RESIDENTS]), 9600);
    CHECK_INT(cents(r[0].source[SRC_PEERS]), 8950);
    CHECK_INT(cents(r[0].total), 9360);
    CHECK_INT(r[0].grade, GRADE_EXCELLENT);
    CHECK_INT(cents(r[1].source[SRC_STREET]), 7500);
    CHECK_INT(cents(r[1].total), 7790);
    CHECK_INT(r[1].grade, GRADE_COMPETENT);
    CHECK(!r[2].has[SRC_PEERS]);
    CHECK(r[2].has[SRC_STREET] && r[2].has[SRC_RESIDENTS]);
    CHECK_INT(cents(r[2].total), 5225);
    CHECK_INT(r[2].grade, GRADE_INCOMPETENT);
    CHECK_INT(r[0].rank, 1);
    CHECK_INT(r[1].rank, 2);
    CHECK_INT(r[2].rank, 3);
}

static void
test_grade_boundaries(void)
{
    struct cfg_assessment a = sample;
    struct assessment_input in[4];
    struct assessment_result r[4];
    const double totals[] = { 90, 89.99, 60, 59.99 };

    CHECK_INT(assessment_grade_of(&sample, 100), GRADE_EXCELLENT);
    CHECK_INT(assessment_grade_of(&sample, 90), GRADE_EXCELLENT);
    CHECK_INT(assessment_grade_of(&sample, 89.99), GRADE_COMPETENT);
    CHECK_INT(assessment_grade_of(&sample, 60), GRADE_COMPETENT);
    CHECK_INT(assessment_grade_of(&sample, 59.99), GRADE_INCOMPETENT);
    CHECK_INT(assessment_grade_of(&sample, 0), GRADE_INCOMPETENT);
    /* A total that lands on a threshold through the weights gets the
     * higher grade: a street sheet alone is the total. */
    a.excellent_cap = 0;
    memset(in, 0, sizeof in);
    for (int i = 0; i < 4; i++)
        add_sheet(&in[i], SRC_STREET, totals[i], totals[i], totals[i],
                  totals[i]);
    assessment_compute(&a, in, 4, r);
    CHECK_INT(cents(r[0].total), 9000);
    CHECK_INT(r[0].grade, GRADE_EXCELLENT);
    CHECK_INT(r[1].grade, GRADE_COMPETENT);
    CHECK_INT(r[2].grade, GRADE_COMPETENT);
    CHECK_INT(r[3].grade, GRADE_INCOMPETENT);
}

/* n subjects whose every source is `totals[i]` flat, so that the total
 * is exactly that. */
static void
flat(struct assessment_input *in, const double *totals, size_t n)
{
    memset(in, 0, n * sizeof *in);
    for (size_t i = 0; i < n; i++)
        add_sheet(&in[i], SRC_STREET, totals[i], totals[i], totals[i],
                  totals[i]);
}

static void
test_cap_with_ties(void)
{
    struct cfg_assessment a = sample;
    struct assessment_input in[10];
    struct assessment_result r[10];
    /* 10 subjects, cap 0.2: 2 may be 优秀. 95 takes one; 93 and 93 tie
     * for the second and do not both fit, so both are 称职; 91 would fit
     * alone but is below them, so it is 称职 too. */
    const double t1[10] = { 95, 93, 93, 91, 85, 80, 75, 70, 65, 55 };
    /* Two equal 95s fit the two places exactly. */
    const double t2[10] = { 95, 95, 93, 80, 80, 80, 80, 80, 80, 80 };
    /* Cap 0.3, 3 places: 95 95 take two, 93 93 do not fit, 91 waits. */
    const double t3[10] = { 95, 95, 93, 93, 91, 80, 80, 80, 80, 80 };

    flat(in, t1, 10);
    assessment_compute(&a, in, 10, r);
    CHECK_INT(r[0].grade, GRADE_EXCELLENT);
    CHECK(!r[0].capped);
    CHECK_INT(r[1].grade, GRADE_COMPETENT);
    CHECK(r[1].capped);
    CHECK_INT(r[2].grade, GRADE_COMPETENT);
    CHECK(r[2].capped);
    CHECK_INT(r[3].grade, GRADE_COMPETENT);
    CHECK(r[3].capped);
    CHECK_INT(r[4].grade, GRADE_COMPETENT);
    CHECK(!r[4].capped);
    CHECK_INT(r[9].grade, GRADE_INCOMPETENT);
    /* Ranks: equal totals share, the next skips. */
    CHECK_INT(r[0].rank, 1);
    CHECK_INT(r[1].rank, 2);
    CHECK_INT(r[2].rank, 2);
    CHECK_INT(r[3].rank, 4);
    CHECK_INT(r[9].rank, 10);

    flat(in, t2, 10);
    assessment_compute(&a, in, 10, r);
    CHECK_INT(r[0].grade, GRADE_EXCELLENT);
    CHECK_INT(r[1].grade, GRADE_EXCELLENT);
    CHECK_INT(r[2].grade, GRADE_COMPETENT);
    CHECK(r[2].capped);
    CHECK_INT(r[3].rank, 4);
    CHECK_INT(r[9].rank, 4);

    a.excellent_cap = 0.3;
    flat(in, t3, 10);
    assessment_compute(&a, in, 10, r);
    CHECK_INT(r[0].grade, GRADE_EXCELLENT);
    CHECK_INT(r[1].grade, GRADE_EXCELLENT);
    CHECK_INT(r[2].grade, GRADE_COMPETENT);
    CHECK_INT(r[3].grade, GRADE_COMPETENT);
    CHECK_INT(r[4].grade, GRADE_COMPETENT);
    CHECK(r[4].capped);

    /* Four subjects × 0.2 = 0.8: no 优秀 at all. No cap: every 90+. */
    a.excellent_cap = 0.2;
    flat(in, t1, 4);
    assessment_compute(&a, in, 4, r);
    CHECK_INT(r[0].grade, GRADE_COMPETENT);
    CHECK(r[0].capped);
    a.excellent_cap = 0;
    flat(in, t1, 10);
    assessment_compute(&a, in, 10, r);
    for (int i = 0; i < 4; i++)
        CHECK_INT(r[i].grade, GRADE_EXCELLENT);
}

/* Grades: 优 95, 良 85, 中 75, 差 60 (the INI's default list). */
static void
test_grade_points(void)
{
    struct cfg_grade g[] = { { (char *)"优", 95 }, { (char *)"良", 85 },
                             { (char *)"中", 75 }, { (char *)"差", 60 } };
    struct cfg_assessment a = sample;
    double p = -1, v[ASP_COUNT];

    a.scoring = SCORING_GRADES;
    a.grades = (struct cfg_grades){ g, ARRAY_LEN(g) };
    CHECK(assessment_grade_points(&a, "良", &p));
    CHECK_INT(cents(p), 8500);
    CHECK(!assessment_grade_points(&a, "甲", &p));
    CHECK(!assessment_grade_points(&a, NULL, &p));
    /* A sheet's aspect: the grade's points by the list; points as stored
     * when in points or when the grade is no longer listed. */
    CHECK_INT(cents(assessment_mark_points(&a, "优", 10)), 9500);
    CHECK_INT(cents(assessment_mark_points(&a, "", 77)), 7700);
    CHECK_INT(cents(assessment_mark_points(&a, "甲", 66)), 6600);
    /* 优 良 良 优: 0.2×95 + 0.2×85 + 0.2×85 + 0.4×95 = 19+17+17+38 = 91 */
    for (int i = 0; i < ASP_COUNT; i++)
        v[i] = assessment_mark_points(&a, i == 0 || i == 3 ? "优" : "良", 0);
    CHECK_INT(cents(assessment_sheet_score(&a, v)), 9100);
}

static void
test_nothing_in(void)
{
    struct assessment_input in[3];
    struct assessment_result r[3];
    const double t[3] = { 70, 0, 80 };

    flat(in, t, 3);
    memset(&in[1], 0, sizeof in[1]);
    assessment_compute(&sample, in, 3, r);
    CHECK(!r[1].scored);
    CHECK_INT(r[1].grade, GRADE_NONE);
    CHECK_INT(r[1].rank, 0);
    CHECK_INT(r[0].rank, 2);
    CHECK_INT(r[2].rank, 1);
}

int
main(void)
{
    RUN(test_sheet_and_ballot_scores);
    RUN(test_worked_example);
    RUN(test_grade_boundaries);
    RUN(test_cap_with_ties);
    RUN(test_nothing_in);
    RUN(test_grade_points);
    return CHECK_DONE();
}
