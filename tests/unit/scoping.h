/* scoping.h — the office and the data that test_security.c and
 * test_scoping.c share (tests/unit/scoping.c, linked into both): the
 * sample INI's committees, whose accounts are added through staff_add()
 * and logged in once, li's data in each module, and a fresh copy of it
 * all for each test.
 *
 * li and liu are of hepingli, wang and zhou of guangming (both in the
 * dongfeng district, whose street office is sun); qian is the street
 * office of xinhua. */
#ifndef JUWEI_SCOPING_H
#define JUWEI_SCOPING_H

#include <stdbool.h>
#include <stdint.h>

#include "juwei/date.h"
#include "juwei/export.h"
#include "juwei/session.h"
#include "juwei/store.h"
#include "juwei/util.h"

/* Today in the tests: Sunday 2025-06-15, 15:06 UTC. */
#define NOW   1750000000
#define TODAY "2025-06-15"

/* The people; ADMIN is the command line. */
enum who { ADMIN, LI, LIU, SUN, WANG, ZHOU, QIAN, NWHO };

extern struct db *db;
extern struct config *cfg;
extern struct session sess[NWHO];

/* What the tests work on: li's account, record, draft, resident, visit,
 * leave (pending; approved ahead; approved and begun), his committee's
 * training and a district-wide one he and wang went to, and the
 * district's assessment round with li as a subject. */
extern int64_t li_id, wang_id, li_record, li_draft, li_resident, li_visit,
               li_leave, li_leave_ahead, li_leave_begun, li_training,
               wide_training, round_id, li_subject;
/* li's inspection in hepingli (entered by liu, assigned to li, due the
 * day before today, moved to in progress by li: a follow-up row), and
 * hepingli's month SIGNED_MONTH, signed off by sun. */
extern int64_t li_inspection;
#define SIGNED_MONTH "2025-05"

/* A fresh copy of the office and its data in db. */
void setup(void);
/* Closes the databases at the end of a test binary. */
void scoping_done(void);

struct ctx as(enum who w);
int64_t count(const char *sql);
/* The stored version of row `id` of `table` (a name of ours, never
 * typed by anyone). */
int64_t version_of(const char *table, int64_t id);
/* A record through store_apply() itself, the generic path a module's
 * own function wraps. */
int add_record(struct ctx *c, const char *committee, const char *title,
               const char *details, int64_t *id, struct error *e);
/* li's record as stored, with a new title: values for an update of it
 * (free with store_values_free(v, REC_NCOLS)). */
struct value *li_record_titled(const char *title, int64_t *version);
int ask_leave(struct ctx *c, const char *type, date_t from, date_t to,
              int64_t cover, int64_t *id, struct error *e);

/* One row of the scoping table: tries to reach li's data as c and says
 * whether it did. */
struct probe {
    const char *what;
    bool      (*reach)(struct ctx *c);
    /* who must reach it (the control), and who must not */
    unsigned    insiders, outsiders;
};

#define W(x) (1u << (x))
/* Who sees li's committee: himself, its director, the street office of
 * its district, an admin; and those who must not. */
#define SEES   (W(LI) | W(LIU) | W(SUN) | W(ADMIN))
#define OTHERS (W(WANG) | W(ZHOU) | W(QIAN))

/* scoping_more.c: the probes of inspections, sign-off, the leave
 * notices, imports, file exports and store_apply_in(). more_quiet write
 * nothing but the attempt itself; more_staged first write as someone
 * else to set the stage (or are audited even when they hold nothing of
 * li's), so test_refused_writes_change_nothing leaves them out. */
extern const struct probe more_quiet[], more_staged[];
extern const size_t nmore_quiet, nmore_staged;

/* scoping_work.c: whether c reaches li's data in the roster, training,
 * assessment, reports and exports. */
bool export_has(struct ctx *c, enum export_kind kind, const char *mark);
bool reach_roster_get(struct ctx *c);
bool reach_roster_page(struct ctx *c);
bool reach_roster_count(struct ctx *c);
bool reach_roster_update(struct ctx *c);
bool reach_roster_posts(struct ctx *c);
bool reach_roster_contracts(struct ctx *c);
bool reach_roster_contracts_count(struct ctx *c);
bool reach_training_get(struct ctx *c);
bool reach_training_attendee(struct ctx *c);
bool reach_training_page(struct ctx *c);
bool reach_training_count(struct ctx *c);
bool reach_training_update(struct ctx *c);
bool reach_training_insert(struct ctx *c);
bool reach_training_delete(struct ctx *c);
bool reach_training_person(struct ctx *c);
bool reach_training_coverage(struct ctx *c);
bool reach_rounds(struct ctx *c);
bool reach_round_get(struct ctx *c);
bool reach_default_subjects(struct ctx *c);
bool reach_assessment_open(struct ctx *c);
bool reach_remove_subject(struct ctx *c);
bool reach_add_subject(struct ctx *c);
bool reach_peer_sheets(struct ctx *c);
bool reach_street_sheets(struct ctx *c);
bool reach_peer_sheet_save(struct ctx *c);
bool reach_street_sheet_save(struct ctx *c);
bool reach_ballots(struct ctx *c);
bool reach_ballot_save(struct ctx *c);
bool reach_progress(struct ctx *c);
bool reach_results(struct ctx *c);
bool reach_evidence(struct ctx *c);
bool reach_report_scope(struct ctx *c);
bool reach_report(struct ctx *c);
bool reach_export_report(struct ctx *c);

#endif
