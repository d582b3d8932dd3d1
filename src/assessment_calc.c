/* assessment_calc.c — the assessment's arithmetic, apart from the
 * database so that it is tested on worked examples: sheet and ballot
 * scores, the weighted total, grades, the 优秀 cap and the ranking. The
 * rules are written out in assessment.h. */
#include "juwei/assessment.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const grade_ids[] = {
    [GRADE_EXCELLENT] = "excellent",
    [GRADE_COMPETENT] = "competent",
    [GRADE_INCOMPETENT] = "incompetent",
};
static const char *const grade_labels[] = {
    [GRADE_EXCELLENT] = N_("Excellent"),
    [GRADE_COMPETENT] = N_("Competent"),
    [GRADE_INCOMPETENT] = N_("Incompetent"),
};
static const char *const source_labels[] = {
    [SRC_STREET] = N_("Street office evaluation"),
    [SRC_RESIDENTS] = N_("Resident representatives"),
    [SRC_PEERS] = N_("Fellow members"),
};
static const char *const aspect_labels[] = {
    [ASP_DE] = N_("Conduct"),
    [ASP_NENG] = N_("Ability"),
    [ASP_QIN] = N_("Diligence"),
    [ASP_JI] = N_("Achievement"),
};

const char *
assessment_grade_id(enum assessment_grade g)
{
    return g >= 0 && (size_t)g < ARRAY_LEN(grade_ids) ? grade_ids[g] : "";
}

bool
assessment_grade_parse(const char *s, enum assessment_grade *g)
{
    for (size_t i = 0; s != NULL && i < ARRAY_LEN(grade_ids); i++) {
        if (strcmp(s, grade_ids[i]) == 0) {
            *g = (enum assessment_grade)i;
            return true;
        }
    }
    *g = GRADE_NONE;
    return false;
}

const char *
assessment_grade_label(enum assessment_grade g)
{
    return g >= 0 && (size_t)g < ARRAY_LEN(grade_labels)
           ? _(grade_labels[g]) : "";
}

const char *
assessment_source_label(enum assess_source s)
{
    return (size_t)s < ARRAY_LEN(source_labels) ? _(source_labels[s]) : "";
}

const char *
assessment_aspect_label(enum assess_aspect a)
{
    return (size_t)a < ARRAY_LEN(aspect_labels) ? _(aspect_labels[a]) : "";
}

double
assessment_sheet_score(const struct cfg_assessment *a,
                       const double aspect[ASP_COUNT])
{
    double s = 0;

    for (int i = 0; i < ASP_COUNT; i++)
        s += a->aspect_weight[i] * aspect[i];
    return s;
}

bool
assessment_grade_points(const struct cfg_assessment *a, const char *grade,
                        double *points)
{
    for (size_t i = 0; grade != NULL && i < a->grades.n; i++) {
        if (strcmp(a->grades.v[i].name, grade) == 0) {
            *points = a->grades.v[i].points;
            return true;
        }
    }
    return false;
}

double
assessment_mark_points(const struct cfg_assessment *a, const char *grade,
                       double stored)
{
    double p;

    return grade != NULL && *grade != '\0' &&
           assessment_grade_points(a, grade, &p) ? p : stored;
}

double
assessment_ballot_score(const struct cfg_assessment *a, const int votes[3])
{
    long n = 0;
    double points = 0;

    for (int g = 0; g < 3; g++) {
        n += votes[g];
        points += (double)votes[g] * a->ballot_points[g];
    }
    return n > 0 ? points / (double)n : -1;
}

/* Totals are compared in hundredths, so that two totals shown as equal
 * are equal (no 89.99999 against 90). */
static long long
cents(double x)
{
    return llround(x * 100);
}

enum assessment_grade
assessment_grade_of(const struct cfg_assessment *a, double total)
{
    long long c = cents(total);

    if (c >= cents(a->excellent_min))
        return GRADE_EXCELLENT;
    if (c >= cents(a->competent_min))
        return GRADE_COMPETENT;
    return GRADE_INCOMPETENT;
}

static void
score_one(const struct cfg_assessment *a, const struct assessment_input *in,
          struct assessment_result *r)
{
    static const enum assess_source sheeted[] = { SRC_STREET, SRC_PEERS };
    double sum = 0, weights = 0;

    memset(r, 0, sizeof *r);
    r->grade = GRADE_NONE;
    for (size_t k = 0; k < ARRAY_LEN(sheeted); k++) {
        enum assess_source s = sheeted[k];
        double mean[ASP_COUNT];

        if (in->sheets[s] <= 0)
            continue;
        for (int i = 0; i < ASP_COUNT; i++)
            mean[i] = in->sum[s][i] / in->sheets[s];
        r->has[s] = true;
        r->source[s] = assessment_sheet_score(a, mean);
    }
    r->source[SRC_RESIDENTS] = assessment_ballot_score(a, in->votes);
    r->has[SRC_RESIDENTS] = r->source[SRC_RESIDENTS] >= 0;
    if (!r->has[SRC_RESIDENTS])
        r->source[SRC_RESIDENTS] = 0;
    for (int s = 0; s < SRC_COUNT; s++) {
        if (r->has[s]) {
            sum += a->source_weight[s] * r->source[s];
            weights += a->source_weight[s];
        }
    }
    if (weights <= 0)
        return;
    r->scored = true;
    r->total = (double)cents(sum / weights) / 100;
    r->grade = assessment_grade_of(a, r->total);
}

struct order {
    size_t    i;
    long long cents;
};

static int
by_total_desc(const void *x, const void *y)
{
    const struct order *a = x, *b = y;

    if (a->cents != b->cents)
        return a->cents < b->cents ? 1 : -1;
    return a->i < b->i ? -1 : a->i > b->i;
}

void
assessment_compute(const struct cfg_assessment *a,
                   const struct assessment_input *in, size_t n,
                   struct assessment_result *out)
{
    struct order *o = xcalloc(n > 0 ? n : 1, sizeof *o);
    size_t m = 0;

    for (size_t i = 0; i < n; i++) {
        score_one(a, &in[i], &out[i]);
        if (out[i].scored) {
            o[m].i = i;
            o[m].cents = cents(out[i].total);
            m++;
        }
    }
    qsort(o, m, sizeof *o, by_total_desc);
    /* Ranks: 1 + how many scored strictly higher. */
    for (size_t k = 0; k < m; k++)
        out[o[k].i].rank = k > 0 && o[k].cents == o[k - 1].cents
                         ? out[o[k - 1].i].rank : (int)k + 1;
    if (a->excellent_cap > 0) {
        /* The cap counts every subject of the round, scored or not; the
         * epsilon keeps 0.2 × 10 at 2 despite binary fractions. */
        size_t slots = (size_t)floor(a->excellent_cap * (double)n + 1e-9);
        size_t given = 0, group;
        bool closed = false;

        /* Equal totals have equal grades: take them a group at a time. */
        for (size_t k = 0; k < m; k += group) {
            for (group = 1; k + group < m &&
                            o[k + group].cents == o[k].cents; group++)
                ;
            if (out[o[k].i].grade != GRADE_EXCELLENT)
                continue;
            if (!closed && given + group <= slots) {
                given += group;
                continue;
            }
            closed = true;
            for (size_t g = 0; g < group; g++) {
                out[o[k + g].i].grade = GRADE_COMPETENT;
                out[o[k + g].i].capped = true;
            }
        }
    }
    free(o);
}
