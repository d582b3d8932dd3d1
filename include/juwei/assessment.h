/* assessment.h — the yearly assessment (考核) of a district's committee
 * staff on 德 能 勤 绩, from three sources, into one score, a grade and a
 * rank.
 *
 * The rules, all enforced here (the screens only show them):
 * - The street office opens one round per district and year and chooses
 *   who is assessed (the subjects; every active committee person by
 *   default). Street and admin accounts are never subjects.
 * - Street office evaluation: each street account of the district fills
 *   one sheet per subject (four aspect scores 0–100); several street
 *   sheets are averaged.
 * - With [assessment] scoring = grades, the street and peer sheets take
 *   a grade per aspect from [assessment] grades instead of points; the
 *   sheet stores the grade, and the results count the points the grade
 *   stands for in the configuration (assessment_mark_points). A sheet
 *   saved in the other mode is corrected in the mode of now.
 * - Resident representatives: the street office enters the paper ballots,
 *   the votes of 优秀 / 称职 / 不称职 per subject, worth [assessment]
 *   points_excellent / points_competent / points_incompetent; the score is
 *   the votes' mean.
 * - Fellow members: every subject fills one sheet for each subject of
 *   their committee, themselves included. A second sheet for the same
 *   subject is refused (the first can be corrected while the round is
 *   open). A member reads only their own sheets; only the street office
 *   sees aggregates, never one member's sheet.
 * - Someone who leaves mid-round (marked as left on the roster) stays
 *   assessed: the sheets and ballots already in count, and the street
 *   office must still give their street evaluation and ballots. They are
 *   out of the peer sheets still to fill, both ways: they fill no more,
 *   and nobody needs to (or may) fill one about them.
 * - Publishing locks the round: no sheet, ballot, subject or the round
 *   itself changes afterwards (refused in the tables' check callbacks, so
 *   by any path). Each member then sees their own result and rank, a
 *   director the committee's, the street office everything.
 *
 * The score (computed by assessment_compute(), worked examples in
 * tests/unit/test_assessment.c):
 * - a sheet's score is Σ aspect weight × aspect score;
 * - a source's score is the mean of its sheets' scores (ballots: the mean
 *   points of the votes);
 * - the total is Σ source weight × source score over the sources that have
 *   any sheet, divided by the sum of those weights (a source with nothing
 *   in does not count as 0), rounded to 0.01; publishing needs the street
 *   evaluation and ballots of every subject, so only the peers can be
 *   missing there;
 * - grade by the rounded total: ≥ excellent_min 优秀, ≥ competent_min 称职,
 *   else 不称职 (a total equal to a threshold gets the higher grade);
 * - the 优秀 cap (excellent_cap, a share of the subjects of the round,
 *   0 = none) allows floor(cap × subjects) 优秀. They go by total, highest
 *   first; equal totals always get equal grades, so a group of equal
 *   totals that does not fit whole under the cap is 称职 whole, and so is
 *   everyone below it. The cap is never exceeded;
 * - rank within the district by total, highest first; equal totals share
 *   a rank and the next rank skips (1, 2, 2, 4). */
#ifndef JUWEI_ASSESSMENT_H
#define JUWEI_ASSESSMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "juwei/config.h"
#include "juwei/session.h"
#include "juwei/store.h"
#include "juwei/util.h"

/* Index into cfg_assessment.ballot_points and the ballots' votes. */
enum assessment_grade {
    GRADE_NONE = -1,
    GRADE_EXCELLENT = 0,    /* 优秀 */
    GRADE_COMPETENT = 1,    /* 称职 */
    GRADE_INCOMPETENT = 2,  /* 不称职 */
};

extern const struct table assessment_round_table;
extern const struct table assessment_subject_table;
extern const struct table assessment_score_table;
extern const struct table assessment_ballot_table;

/* "excellent", "competent", "incompetent" (as stored), or "". */
const char *assessment_grade_id(enum assessment_grade g);
bool        assessment_grade_parse(const char *s, enum assessment_grade *g);
/* Translated: 优秀 / 称职 / 不称职, "" for GRADE_NONE. */
const char *assessment_grade_label(enum assessment_grade g);
/* Translated name of a source (街道考评 …) and an aspect (德 …). */
const char *assessment_source_label(enum assess_source s);
const char *assessment_aspect_label(enum assess_aspect a);

/* --- the computation (pure: no database) ------------------------------ */

struct assessment_input {
    int    sheets[SRC_COUNT];              /* street and peers: sheets */
    double sum[SRC_COUNT][ASP_COUNT];      /* their aspect scores, summed */
    int    votes[3];                       /* ballots, by enum grade */
};

struct assessment_result {
    bool   has[SRC_COUNT];       /* the source has sheets or votes */
    double source[SRC_COUNT];    /* its score, 0–100, when has[] */
    bool   scored;               /* any source at all */
    double total;                /* rounded to 0.01; 0 when !scored */
    enum assessment_grade grade; /* GRADE_NONE when !scored */
    bool   capped;               /* 优秀 by score, 称职 by the cap */
    int    rank;                 /* 1 = best; 0 when !scored */
};

/* Σ aspect weight × aspect score. */
double assessment_sheet_score(const struct cfg_assessment *a,
                              const double aspect[ASP_COUNT]);
/* The points `grade` stands for by a->grades: false when it is not (or
 * no longer) configured. */
bool assessment_grade_points(const struct cfg_assessment *a,
                             const char *grade, double *points);
/* The points of one aspect of a stored sheet: its grade's by the
 * configuration of now when it has a configured grade, else the points
 * stored with it (scored in points, or a grade since taken out). */
double assessment_mark_points(const struct cfg_assessment *a,
                              const char *grade, double stored);
/* The votes' mean points; -1 when there are no votes. */
double assessment_ballot_score(const struct cfg_assessment *a,
                               const int votes[3]);
/* The grade of a (rounded) total by the thresholds alone. */
enum assessment_grade assessment_grade_of(const struct cfg_assessment *a,
                                          double total);
/* Scores, grades with the cap, and ranks of the n subjects of one round
 * (one district), out[i] for in[i]. */
void assessment_compute(const struct cfg_assessment *a,
                        const struct assessment_input *in, size_t n,
                        struct assessment_result *out);

/* --- rounds ----------------------------------------------------------- */

struct assessment_round {
    int64_t id;
    char    district[64];
    int     year;
    bool    published;
    int64_t published_at;
    int64_t version;
    int     subjects;
};

/* The rounds the session sees: its district's (every one for an admin),
 * newest year first. *out is malloc'd. */
int assessment_rounds(struct ctx *ctx, struct assessment_round **out,
                      size_t *n, struct error *e);
int assessment_round_get(struct ctx *ctx, int64_t id,
                         struct assessment_round *out, struct error *e);
/* The street office's default subjects: the active committee people of
 * its district, by committee and name. *staff is malloc'd. */
int assessment_default_subjects(struct ctx *ctx, int64_t **staff, size_t *n,
                                struct error *e);
/* Opens the round of `year` for the street account's district with the
 * given subjects (at least one), in one transaction. */
int assessment_open(struct ctx *ctx, int year, const int64_t *staff,
                    size_t n, int64_t *round_id, struct error *e);
/* Adds or removes one subject of an open round; a subject with sheets or
 * ballots in is not removed. */
int assessment_add_subject(struct ctx *ctx, int64_t round_id,
                           int64_t staff_id, struct error *e);
int assessment_remove_subject(struct ctx *ctx, int64_t subject_id,
                              struct error *e);

/* --- sheets and ballots ----------------------------------------------- */

/* A subject with the acting account's own sheet of one source. */
struct assessment_sheet {
    int64_t subject_id, staff_id;
    char    name[192];
    char    committee[64];
    char    committee_name[192];
    bool    active;               /* the subject has not left */
    bool    may_fill;             /* the round is open and this sheet may
                                   * be filled or corrected now */
    int64_t sheet_id;             /* 0: not filled yet */
    int64_t sheet_version;
    double  aspect[ASP_COUNT];    /* points (a grade's by the config) */
    char    grade[ASP_COUNT][32]; /* the grades picked; "" in points */
};

/* The sheets the session fills in a round. SRC_PEERS: a subject's sheets
 * for every subject of their committee (E_PERM for anyone not assessed in
 * the round). SRC_STREET: a street account's sheets for every subject of
 * the district. Only the session's own scores are read. */
int assessment_sheets(struct ctx *ctx, int64_t round_id,
                      enum assess_source src, struct assessment_sheet **out,
                      size_t *n, struct error *e);
/* Fills (sheet_id 0) or corrects (at `version`) the session's own sheet
 * for a subject, in points (scoring = points; refused otherwise). */
int assessment_sheet_save(struct ctx *ctx, int64_t subject_id,
                          enum assess_source src,
                          const double aspect[ASP_COUNT], int64_t sheet_id,
                          int64_t version, struct error *e);
/* The same with a grade per aspect, names of [assessment] grades
 * (scoring = grades; refused otherwise). The error's field is the
 * aspect's column ("de", "neng", "qin", "ji"), as for points. */
int assessment_sheet_save_grades(struct ctx *ctx, int64_t subject_id,
                                 enum assess_source src,
                                 const char *const grade[ASP_COUNT],
                                 int64_t sheet_id, int64_t version,
                                 struct error *e);

struct assessment_ballot {
    int64_t subject_id, staff_id;
    char    name[192];
    char    committee_name[192];
    bool    active;
    int64_t ballot_id;            /* 0: not entered yet */
    int64_t version;
    int     votes[3];             /* by enum assessment_grade */
};

/* Ballots of a round, one row per subject (street office, admin). */
int assessment_ballots(struct ctx *ctx, int64_t round_id,
                       struct assessment_ballot **out, size_t *n,
                       struct error *e);
int assessment_ballot_save(struct ctx *ctx, int64_t subject_id,
                           const int votes[3], int64_t ballot_id,
                           int64_t version, struct error *e);

/* --- completeness, results, publishing -------------------------------- */

struct assessment_progress {
    int64_t subject_id, staff_id;
    char    name[192];
    char    committee_name[192];
    bool    active;
    int     peer_done;     /* their peer sheets that still count */
    int     peer_due;      /* sheets they must fill (0 once they left) */
    int     street_sheets; /* street evaluations of them */
    int     votes;         /* ballots' votes for them */
};

/* Who still has sheets to fill, and who still lacks the street office's
 * sheet or ballots (street office of the district, admin). */
int assessment_progress(struct ctx *ctx, int64_t round_id,
                        struct assessment_progress **out, size_t *n,
                        struct error *e);
/* The session's peer sheets still to fill in open rounds; -1 on error. */
long assessment_waiting(struct ctx *ctx);

struct assessment_outcome {
    int64_t subject_id, staff_id;
    char    name[192];
    char    committee[64];
    char    committee_name[192];
    bool    active;
    struct assessment_result r;   /* sources only for the street office */
};

/* Results by rank. The street office (and admins) see every subject,
 * with the sources, also before publishing (as computed now); after
 * publishing a director sees the committee's, a member their own (score,
 * grade and rank only). Before publishing others get E_PERM. */
int assessment_results(struct ctx *ctx, int64_t round_id,
                       struct assessment_outcome **out, size_t *n,
                       struct error *e);
/* Computes and stores every subject's score, grade and rank and locks
 * the round, in one transaction. Refused while a subject lacks the street
 * evaluation or ballots. */
int assessment_publish(struct ctx *ctx, int64_t round_id, int64_t version,
                       struct error *e);

/* --- evidence ---------------------------------------------------------- */

/* What juwei holds of one person's year, shown beside a sheet. */
struct assessment_evidence {
    int    records;               /* work records (工作日志) */
    double record_hours;
    int    inspections_resolved;  /* assigned to them, resolved that year */
    int    visits;
    double leave_days;            /* leave taken in the year (approved,
                                   * or returned as taken; a leave across
                                   * the year end by its part in it) */
    int    training_sessions;
    double training_hours;
    char   employment_type[64];   /* config id, or "" */
    char   hire_date[11];
    char   contract_end[11];
};

/* The evidence of a person in the session's scope for a calendar year. */
int assessment_evidence(struct ctx *ctx, int64_t staff_id, int year,
                        struct assessment_evidence *out, struct error *e);

#endif
