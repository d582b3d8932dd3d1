/* scoping_work.c — the probes of test_scoping.c for the roster,
 * training, assessment, reports and exports: each tries to reach li's
 * data as c and says whether it did. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scoping.h"

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

/* --- roster ---------------------------------------------------------- */

bool
reach_roster_get(struct ctx *c)
{
    struct roster_entry r;
    struct error e = { 0 };

    return roster_get(c, li_id, &r, &e) == 0;
}

bool
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

bool
reach_roster_count(struct ctx *c)
{
    struct roster_filter f = { .find = "李明" };

    return roster_count(c, &f) > 0;
}

bool
reach_roster_update(struct ctx *c)
{
    struct roster_edit ed = {
        .employment_type = "cadre", .hire_date = "2019-01-01",
        .contract_end = "", .phone = "", .active = true,
    };
    struct error e = { 0 };

    return roster_update(c, li_id, version_of("staff", li_id), &ed, &e) == 0;
}

bool
reach_roster_posts(struct ctx *c)
{
    static const char *const posts[] = { "grid_worker" };
    struct error e = { 0 };

    return roster_set_posts(c, li_id, posts, 1, &e) == 0;
}

bool
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
bool
reach_roster_contracts_count(struct ctx *c)
{
    return roster_contracts_ending_count(c, date_today(), 60) > 0;
}

/* --- training -------------------------------------------------------- */

/* The session of li's committee, and li among the attendees of the
 * district-wide one (which wang's committee also sees). */
bool
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

bool
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

bool
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
bool
reach_training_count(struct ctx *c)
{
    return training_count(c) > 1;
}

bool
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

bool
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

bool
reach_training_delete(struct ctx *c)
{
    struct error e = { 0 };

    return training_delete(c, li_training, version_of("training", li_training),
                           &e) == 0;
}

bool
reach_training_person(struct ctx *c)
{
    double hours = 0;
    int sessions = 0;
    struct error e = { 0 };

    /* out of scope it counts nothing rather than refusing */
    return training_person_year(c, li_id, 2025, &hours, &sessions, &e) == 0 &&
           sessions > 0;
}

bool
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

bool
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

bool
reach_round_get(struct ctx *c)
{
    struct assessment_round r;
    struct error e = { 0 };

    return assessment_round_get(c, round_id, &r, &e) == 0;
}

bool
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
bool
reach_assessment_open(struct ctx *c)
{
    struct error e = { 0 };
    int64_t id;

    return assessment_open(c, 2026, &li_id, 1, &id, &e) == 0;
}

bool
reach_remove_subject(struct ctx *c)
{
    struct error e = { 0 };

    return assessment_remove_subject(c, li_subject, &e) == 0;
}

bool
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

bool
reach_peer_sheets(struct ctx *c)
{
    return sheets_have_li(c, SRC_PEERS);
}

bool
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

bool
reach_peer_sheet_save(struct ctx *c)
{
    return save_sheet(c, SRC_PEERS);
}

bool
reach_street_sheet_save(struct ctx *c)
{
    return save_sheet(c, SRC_STREET);
}

bool
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

bool
reach_ballot_save(struct ctx *c)
{
    static const int votes[3] = { 5, 3, 1 };
    struct error e = { 0 };

    return assessment_ballot_save(c, li_subject, votes, 0, 0, &e) == 0;
}

bool
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

bool
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

bool
reach_evidence(struct ctx *c)
{
    struct assessment_evidence ev;
    struct error e = { 0 };

    return assessment_evidence(c, li_id, 2025, &ev, &e) == 0;
}

/* --- reports --------------------------------------------------------- */

bool
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
bool
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
bool
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

bool
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
