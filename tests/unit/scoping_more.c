/* scoping_more.c — the probes of test_scoping.c for inspections, the
 * monthly sign-off, the leave notices, the home screen's counts, imports,
 * file exports and store_apply_in(): each tries to reach li's data as c
 * and says whether it did.
 *
 * Not probed, because they take a row the caller already read through a
 * probed, scoped function and read nothing more but the calendar:
 * leave_recount(), leave_return_quote(), leave_overdue(). export_allowed()
 * says which kinds a role may export at all, whoever's rows they hold;
 * test_export.c checks it kind by kind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "scoping.h"

#include "juwei/assessment.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/export.h"
#include "juwei/inspections.h"
#include "juwei/leave.h"
#include "juwei/records.h"
#include "juwei/residents.h"
#include "juwei/signoff.h"
#include "juwei/store.h"

/* --- inspections ----------------------------------------------------- */

/* li's inspection as someone who may read it. */
static struct inspection
li_inspection_row(void)
{
    struct ctx admin = as(ADMIN);
    struct inspection in;
    struct error e = { 0 };

    if (inspections_get(&admin, li_inspection, &in, &e) < 0)
        fixture_fail("inspections_get", &e);
    return in;
}

static bool
reach_inspection_get(struct ctx *c)
{
    struct inspection in;
    struct error e = { 0 };

    if (inspections_get(c, li_inspection, &in, &e) < 0)
        return false;
    inspections_free(&in);
    return true;
}

/* Pages and counts under filters that each hold li's inspection. */
static bool
reach_inspection_page(struct ctx *c)
{
    struct inspection_filter f[4];
    struct inspection *v = xcalloc(16, sizeof *v);
    struct error e = { 0 };
    bool found = false;
    int got = 0;

    for (size_t i = 0; i < ARRAY_LEN(f); i++)
        inspections_filter_init(&f[i]);
    snprintf(f[1].find, sizeof f[1].find, "%s", "负责的巡查");
    f[2].assignee_id = li_id;
    f[3].overdue = true;
    for (size_t i = 0; i < ARRAY_LEN(f); i++) {
        if (inspections_page(c, &f[i], PAGE_FIRST, NULL, 0, 16, v, &got,
                             &e) == 0) {
            for (int j = 0; j < got; j++)
                found |= v[j].id == li_inspection;
        }
        found |= inspections_count(c, &f[i]) > 0;
    }
    free(v);
    return found;
}

static bool
reach_inspection_followups(struct ctx *c)
{
    struct inspection_followup *v = NULL;
    size_t n = 0;
    struct error e = { 0 };
    bool found = inspections_followups(c, li_inspection, &v, &n, &e) == 0 &&
                 n > 0;

    inspections_free_followups(v, n);
    return found;
}

static const struct inspection_input li_inspection_input = {
    .committee = "hepingli", .date = "2025-06-13", .time = "09:30",
    .place = "和平里6号楼", .grid = "", .category = "hazard",
    .found = "改过的情况", .severity = "urgent", .due_date = "2025-06-20",
};

static bool
reach_inspection_update(struct ctx *c)
{
    struct inspection_input in = li_inspection_input;
    struct error e = { 0 };

    in.assignee_id = li_id;
    return inspections_update(c, li_inspection,
                              version_of("inspections", li_inspection), &in,
                              &e) == 0;
}

static bool
reach_inspection_move(struct ctx *c)
{
    struct error e = { 0 };

    return inspections_move(c, li_inspection,
                            version_of("inspections", li_inspection),
                            INSP_RESOLVED, "修好了", &e) == 0;
}

/* A new inspection in li's committee, for li to follow up (entered by a
 * person: the command line, ADMIN here, has no staff row to name). */
static bool
reach_inspection_add(struct ctx *c)
{
    struct inspection_input in = li_inspection_input;
    struct error e = { 0 };
    int64_t id;

    in.assignee_id = li_id;
    return inspections_add(c, &in, &id, &e) == 0;
}

/* li's inspection is overdue: it counts for him alone. */
static bool
reach_inspection_mine_due(struct ctx *c)
{
    return inspections_mine_due(c) > 0;
}

/* ... and for his committee's director and district's street office. */
static bool
reach_inspection_overdue(struct ctx *c)
{
    return inspections_overdue(c) > 0;
}

/* Whether c stands to li's inspection as anyone but a bystander. */
static bool
reach_inspection_actor(struct ctx *c)
{
    struct inspection in = li_inspection_row();
    bool found = inspections_actor(c, &in) != ACTOR_STAFF;

    inspections_free(&in);
    return found;
}

static bool
reach_inspection_moves(struct ctx *c)
{
    struct inspection in = li_inspection_row();
    enum insp_status to[INSP_NSTATUS];
    bool found = inspections_moves(c, &in, to) > 0;

    inspections_free(&in);
    return found;
}

/* --- the monthly sign-off -------------------------------------------- */

static bool
reach_signoff_get(struct ctx *c)
{
    struct signoff s;
    struct error e = { 0 };

    return signoff_get(c, "hepingli", SIGNED_MONTH, &s, &e) == 0 &&
           s.state == SIGNOFF_SIGNED;
}

static bool
reach_signoff_sign(struct ctx *c)
{
    struct error e = { 0 };

    return signoff_sign(c, "hepingli", "2025-04", &e) == 0;
}

static bool
reach_signoff_reopen(struct ctx *c)
{
    struct error e = { 0 };

    return signoff_reopen(c, "hepingli", SIGNED_MONTH, "补录五月的记录",
                          &e) == 0;
}

static bool
reach_signoff_locked(struct ctx *c)
{
    struct error e = { 0 };

    return signoff_locked(c, "hepingli", SIGNED_MONTH "-10", &e) == 1;
}

/* May a row of li's committee dated in an open month be written? */
static bool
reach_signoff_check(struct ctx *c)
{
    struct error e = { 0 };

    return signoff_check(c, "hepingli", "2025-06-10", &e) == 0;
}

static bool
reach_signoff_check_change(struct ctx *c)
{
    struct value v[REC_NCOLS] = { 0 };
    struct change ch = { &records_table, CH_INSERT, 0, 0, v, NULL, NULL };
    struct error e = { 0 };

    v[REC_COMMITTEE].s = "hepingli";
    v[REC_DATE].s = "2025-06-10";
    return signoff_check_change(c, &ch, "committee_id", "date", &e) == 0;
}

/* --- leave ------------------------------------------------------------ */

/* Naming li to cover one's own leave, only asking. */
static bool
reach_leave_quote(struct ctx *c)
{
    struct leave_request r = {
        .type = "personal", .from = date_from_ymd(2025, 9, 1),
        .to = date_from_ymd(2025, 9, 2), .from_half = HALF_AM,
        .to_half = HALF_PM, .reason = "探亲", .cover_id = li_id,
    };
    struct leave_quote q;
    struct error e = { 0 };

    return leave_quote(c, &r, &q, &e) == 0;
}

/* li's pending request is liu's to decide, nobody else's. */
static bool
reach_leave_mine_to_decide(struct ctx *c)
{
    struct ctx admin = as(ADMIN);
    struct leave *l = xmalloc(sizeof *l);
    struct error e = { 0 };
    bool found;

    if (leave_get(&admin, li_leave, l, &e) < 0)
        fixture_fail("leave_get", &e);
    found = leave_mine_to_decide(c, l);
    free(l);
    return found;
}

/* n[0]: what li's home screen says of leave, n[1]: liu's. */
static void
li_news(struct leave_news *n)
{
    struct ctx li = as(LI), liu = as(LIU);
    struct error e = { 0 };

    memset(&n[0], 0, sizeof n[0]);
    memset(&n[1], 0, sizeof n[1]);
    if (leave_news(&li, date_today(), &n[0], &e) < 0 ||
        leave_news(&liu, date_today(), &n[1], &e) < 0)
        fixture_fail("leave_news", &e);
}

/* li has two decisions he has not seen; only he can mark them seen. */
static bool
reach_leave_seen_decisions(struct ctx *c)
{
    struct leave_news n[2];
    struct error e = { 0 };

    leave_seen_decisions(c, &e);
    li_news(n);
    return n[0].approved == 0;
}

/* li cancels his approved leave; liu is told, and only liu can mark it
 * seen. */
static bool
reach_leave_seen_cancellations(struct ctx *c)
{
    struct ctx li = as(LI);
    struct leave_news n[2];
    struct error e = { 0 };

    if (leave_cancel(&li, li_leave_ahead, version_of("leave", li_leave_ahead),
                     &e) < 0)
        fixture_fail("leave_cancel", &e);
    li_news(n);
    if (n[1].cancelled != 1)
        fixture_fail("cancellation not told", &e);
    leave_seen_cancellations(c, &e);
    li_news(n);
    return n[1].cancelled == 0;
}

/* --- records, residents ------------------------------------------------ */

/* On Monday li writes his record of the day: it is his alone, not his
 * director's or another committee's. */
static bool
reach_records_missing_today(struct ctx *c)
{
    struct ctx li = as(LI);
    struct record_input in = {
        .date = "2025-06-16", .staff_id = li_id, .category = "visit",
        .title = "星期一的记录", .details = "", .hours = "",
    };
    struct error e = { 0 };
    int64_t id;
    bool found;

    util_set_now(NOW + 86400);
    if (records_add(&li, &in, &id, &e) < 0)
        fixture_fail("records_add", &e);
    found = records_missing_today(c) == 0;
    util_set_now(NOW);
    return found;
}

/* Importing a resident into li's committee, named in the file and as the
 * default. */
static bool
reach_residents_import(struct ctx *c)
{
    static const char *const files[] = {
        "姓名,居委会,楼号,单元,房号\n外来的人,hepingli,9,1,101\n",
        "姓名,楼号,单元,房号\n外来的人,9,1,102\n",
    };
    bool found = false;

    for (size_t i = 0; i < ARRAY_LEN(files); i++) {
        char path[] = "/tmp/juwei-scope-XXXXXX";
        int fd = mkstemp(path);
        FILE *errs = tmpfile();
        long added = 0;

        if (fd < 0 || errs == NULL ||
            write(fd, files[i], strlen(files[i])) < 0)
            abort();
        close(fd);
        found |= residents_import(c, path, "hepingli", false, errs,
                                  &added) == 0 && added > 0;
        fclose(errs);
        unlink(path);
    }
    return found;
}

static bool
reach_residents_neglected_page(struct ctx *c)
{
    struct resident_neglect_filter f[] = {
        { .tag = "elderly_alone", .days = 1 },
        { .tag = "elderly_alone", .days = 1, .committee = "hepingli" },
    };
    struct resident *v = xcalloc(16, sizeof *v);
    struct error e = { 0 };
    bool found = false;
    int got = 0;

    for (size_t i = 0; i < ARRAY_LEN(f); i++) {
        if (residents_neglected_page(c, &f[i], PAGE_FIRST, NULL, 0, 16, v,
                                     &got, &e) == 0) {
            for (int j = 0; j < got; j++)
                found |= v[j].id == li_resident;
        }
    }
    free(v);
    return found;
}

/* --- assessment --------------------------------------------------------- */

/* A peer sheet for li in grades, as the config may ask. */
static bool
reach_sheet_save_grades(struct ctx *c)
{
    const struct cfg_grades *g = &cfg->assessment.grades;
    const char *grade[ASP_COUNT];
    struct error e = { 0 };
    bool found;

    for (int a = 0; a < ASP_COUNT; a++)
        grade[a] = g->v[0].name;
    cfg->assessment.scoring = SCORING_GRADES;
    found = assessment_sheet_save_grades(c, li_subject, SRC_PEERS, grade, 0,
                                         0, &e) == 0;
    cfg->assessment.scoring = SCORING_POINTS;
    return found;
}

/* Whether c's sheets still to fill count li's: they drop when the
 * street office takes him out of the round. */
static bool
reach_assessment_waiting(struct ctx *c)
{
    struct ctx sun = as(SUN);
    struct error e = { 0 };
    long before = assessment_waiting(c);

    if (assessment_remove_subject(&sun, li_subject, &e) < 0)
        fixture_fail("assessment_remove_subject", &e);
    return assessment_waiting(c) != before;
}

/* The street office completes the round (its sheet and the ballots of
 * every subject); then c publishes it, li's result among them. */
static bool
reach_assessment_publish(struct ctx *c)
{
    static const double aspect[ASP_COUNT] = { 90, 85, 88, 80 };
    static const int votes[3] = { 5, 3, 0 };
    struct ctx sun = as(SUN);
    struct assessment_progress *p = NULL;
    size_t n = 0;
    struct error e = { 0 };

    if (assessment_progress(&sun, round_id, &p, &n, &e) < 0)
        fixture_fail("assessment_progress", &e);
    for (size_t i = 0; i < n; i++) {
        if (assessment_sheet_save(&sun, p[i].subject_id, SRC_STREET, aspect,
                                  0, 0, &e) < 0 ||
            assessment_ballot_save(&sun, p[i].subject_id, votes, 0, 0,
                                   &e) < 0)
            fixture_fail("completing the round", &e);
    }
    free(p);
    return assessment_publish(c, round_id,
                              version_of("assessment_rounds", round_id),
                              &e) == 0;
}

/* --- exports to files ------------------------------------------------- */

static bool
file_has(const char *path, const char *mark)
{
    FILE *fp = fopen(path, "r");
    char line[4096];
    bool found = false;

    if (fp == NULL)
        return false;
    while (!found && fgets(line, sizeof line, fp) != NULL)
        found = strstr(line, mark) != NULL;
    fclose(fp);
    return found;
}

/* li's records of the whole scope and of his committee, exported to a
 * file (to_dir: into a directory) as CSV. */
static bool
export_to_files(struct ctx *c, bool to_dir)
{
    static const char *const committee[] = { NULL, "hepingli" };
    bool found = false;

    for (size_t i = 0; i < ARRAY_LEN(committee); i++) {
        char dir[] = "/tmp/juwei-scope-XXXXXX", *path = NULL;
        struct export_opts o;
        struct error e = { 0 };
        long rows = 0;
        int rc;

        if (mkdtemp(dir) == NULL)
            abort();
        export_opts_init(&o, EXPORT_RECORDS);
        o.committee = committee[i];
        if (to_dir) {
            rc = export_to_dir(c, &o, dir, &path, &rows, &e);
        } else {
            if (asprintf(&path, "%s/records.csv", dir) < 0)
                abort();
            rc = export_file(c, &o, path, &rows, &e);
        }
        found |= rc == 0 && file_has(path, "李明的记录");
        if (path != NULL)
            unlink(path);
        free(path);
        rmdir(dir);
    }
    return found;
}

static bool
reach_export_file(struct ctx *c)
{
    return export_to_files(c, false);
}

static bool
reach_export_to_dir(struct ctx *c)
{
    return export_to_files(c, true);
}

/* --- store_apply_in ----------------------------------------------------- */

/* li's record changed inside a transaction of c's own. */
static bool
reach_apply_in(struct ctx *c)
{
    int64_t version;
    struct value *v = li_record_titled("事务里改的", &version);
    struct change ch = { &records_table, CH_UPDATE, li_record, version, v,
                         NULL, NULL };
    struct error e = { 0 };
    bool ok;

    if (db_begin(db, &e) < 0)
        fixture_fail("db_begin", &e);
    ok = store_apply_in(c, &ch, 1, &e) == 0;
    if (ok)
        ok = db_commit(db, &e) == 0;
    else
        db_rollback(db);
    store_values_free(v, REC_NCOLS);
    return ok;
}

/* --- the tables ----------------------------------------------------------- */

const struct probe more_quiet[] = {
    { "inspections_get", reach_inspection_get, SEES, OTHERS },
    { "inspections_page, inspections_count", reach_inspection_page, SEES,
      OTHERS },
    { "inspections_followups", reach_inspection_followups, SEES, OTHERS },
    { "inspections_update", reach_inspection_update, SEES, OTHERS },
    { "inspections_move", reach_inspection_move, W(LI) | W(LIU) | W(SUN),
      OTHERS | W(ADMIN) },
    { "inspections_add", reach_inspection_add, W(LI) | W(LIU) | W(SUN),
      OTHERS },
    { "inspections_mine_due", reach_inspection_mine_due, W(LI),
      OTHERS | W(LIU) },
    { "inspections_overdue", reach_inspection_overdue, W(LIU) | W(SUN),
      OTHERS },
    { "inspections_actor", reach_inspection_actor, SEES, OTHERS },
    { "inspections_moves", reach_inspection_moves, W(LI) | W(LIU) | W(SUN),
      OTHERS | W(ADMIN) },

    { "signoff_get", reach_signoff_get, SEES, OTHERS },
    { "signoff_sign", reach_signoff_sign, W(SUN),
      OTHERS | W(LI) | W(LIU) },
    { "signoff_reopen", reach_signoff_reopen, W(SUN),
      OTHERS | W(LI) | W(LIU) },
    { "signoff_locked", reach_signoff_locked, SEES, OTHERS },
    { "signoff_check", reach_signoff_check, SEES, OTHERS },
    { "signoff_check_change", reach_signoff_check_change, SEES, OTHERS },

    { "leave_quote cover", reach_leave_quote, W(LIU), W(WANG) | W(ZHOU) },
    { "leave_mine_to_decide", reach_leave_mine_to_decide, W(LIU),
      OTHERS | W(LI) | W(SUN) | W(ADMIN) },

    { "residents_import", reach_residents_import, SEES, OTHERS },
    { "residents_neglected_page", reach_residents_neglected_page, SEES,
      OTHERS },
    { "assessment_sheet_save_grades", reach_sheet_save_grades,
      W(LI) | W(LIU), OTHERS | W(SUN) | W(ADMIN) },
    { "store_apply_in update records", reach_apply_in, SEES, OTHERS },
};
const size_t nmore_quiet = ARRAY_LEN(more_quiet);

const struct probe more_staged[] = {
    { "leave_seen_decisions", reach_leave_seen_decisions, W(LI),
      OTHERS | W(LIU) | W(SUN) | W(ADMIN) },
    { "leave_seen_cancellations", reach_leave_seen_cancellations, W(LIU),
      OTHERS | W(LI) | W(SUN) | W(ADMIN) },
    { "records_missing_today", reach_records_missing_today, W(LI),
      W(LIU) | W(WANG) | W(ZHOU) },
    { "assessment_waiting", reach_assessment_waiting, W(LI) | W(LIU),
      W(WANG) | W(ZHOU) | W(QIAN) },
    { "assessment_publish", reach_assessment_publish, W(SUN),
      OTHERS | W(LI) | W(LIU) },
    { "export_file", reach_export_file, SEES, OTHERS },
    { "export_to_dir", reach_export_to_dir, SEES, OTHERS },
};
const size_t nmore_staged = ARRAY_LEN(more_staged);
