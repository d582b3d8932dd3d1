/* screens.h — the kiosk's screens; each runs until the user leaves it. */
#ifndef JUWEI_UI_SCREENS_H
#define JUWEI_UI_SCREENS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "juwei/ui/kiosk.h"

/* First start on a database with no accounts: create the first admin.
 * False when the user quit instead. */
bool screen_setup(struct kiosk *k);
/* Login; fills k->ctx.who. False when the user quit the kiosk. */
bool screen_login(struct kiosk *k);
/* The idle lock: the owner's password unlocks; the owner or an admin
 * may log the session out instead. False when the session ended. */
bool screen_lock(struct kiosk *k);
/* Offers the account's drafts back, right after login. */
void screen_drafts(struct kiosk *k);
/* Home: who I am, what needs me, the main menu; until log out or quit. */
void screen_home(struct kiosk *k);
/* Change my password. */
void screen_password(struct kiosk *k);
/* Accounts (admin); _resume reopens a new-account form from its draft. */
struct draft;
void screen_accounts(struct kiosk *k);
void screen_accounts_resume(struct kiosk *k, const struct draft *d);
/* Leave (screen_leave.c, screen_leave_month.c): my requests, the
 * approvals (waiting, or all with _team), who is out, a request's draft,
 * and the home screen's lines. */
void screen_leave_mine(struct kiosk *k);
void screen_leave_resume(struct kiosk *k, const struct draft *d);
void screen_leave_approvals(struct kiosk *k);
void screen_leave_team(struct kiosk *k);
void screen_leave_month(struct kiosk *k);
bool screen_leave_agenda_waiting(struct kiosk *k, char **text, bool *warn);
bool screen_leave_agenda_mine(struct kiosk *k, char **text, bool *warn);
bool screen_leave_agenda_team(struct kiosk *k, char **text, bool *warn);
/* Work records: the list; _today opens a new record first; _resume
 * reopens a kept form; _agenda is the home line "today's record". */
void screen_records(struct kiosk *k);
void screen_records_today(struct kiosk *k);
void screen_records_resume(struct kiosk *k, const struct draft *d);
bool screen_records_agenda(struct kiosk *k, char **text, bool *warn);
/* Inspections: the list; _mine my due or overdue ones, _overdue the
 * committee's or district's overdue ones, each with its home line. */
void screen_inspections(struct kiosk *k);
void screen_inspections_mine(struct kiosk *k);
void screen_inspections_overdue(struct kiosk *k);
void screen_inspections_resume(struct kiosk *k, const struct draft *d);
bool screen_inspections_agenda_mine(struct kiosk *k, char **text, bool *warn);
bool screen_inspections_agenda_overdue(struct kiosk *k, char **text,
                                       bool *warn);

/* The roster (花名册), training (培训) and the yearly assessment (考核);
 * _resume reopens a form from its draft, _agenda gives the home screen's
 * line (false: nothing to say to this account). */
void screen_roster(struct kiosk *k);
void screen_roster_resume(struct kiosk *k, const struct draft *d);
bool screen_roster_agenda(struct kiosk *k, char **text, bool *warn);
/* The roster's people in scope (every page of roster_page() with filter
 * f) as a pick-list for a form or dialog_pick_many(): items[i].id is the
 * staff id as text, items[i].name the person's name, followed by sep and
 * the committee's name unless sep is NULL; staff[i] and committee[i] are
 * that person's staff id and committee id. keep (NULL: everyone) says who
 * is listed; arg is passed to it. A failed read gives what was read
 * before it (the core refuses what is out of scope anyway). */
struct pick_item;
struct roster_entry;
struct roster_filter;
struct roster_picks {
    struct pick_item *items;
    int64_t          *staff;
    char            **committee;
    char            **ids, **names;    /* what items point to */
    size_t            n;
};
void screen_roster_picks(struct kiosk *k, const struct roster_filter *f,
                         const char *sep,
                         bool (*keep)(const struct roster_entry *, void *),
                         void *arg, struct roster_picks *p);
void screen_roster_picks_free(struct roster_picks *p);
void screen_training(struct kiosk *k);
void screen_training_resume(struct kiosk *k, const struct draft *d);
void screen_assessment(struct kiosk *k);
/* One sheet (德能勤绩 scores) with the subject's evidence of the year
 * beside it; from a draft when d is not NULL. False when the kiosk is
 * quitting. */
struct assessment_sheet;
bool screen_assessment_sheet(struct kiosk *k, int64_t round_id, int year,
                             int source, const struct assessment_sheet *row,
                             const struct draft *d);
void screen_assessment_resume(struct kiosk *k, const struct draft *d);
/* One round's screens, opened from its menu (screen_assessment_lists.c);
 * source is an enum assess_source. False when the kiosk is quitting. */
struct assessment_round;
bool screen_assessment_sheets(struct kiosk *k,
                              const struct assessment_round *r, int source);
bool screen_assessment_ballots(struct kiosk *k,
                               const struct assessment_round *r);
bool screen_assessment_progress(struct kiosk *k,
                                const struct assessment_round *r);
bool screen_assessment_results(struct kiosk *k,
                               const struct assessment_round *r);
bool screen_assessment_subjects(struct kiosk *k,
                                const struct assessment_round *r);
bool screen_assessment_open(struct kiosk *k);
bool screen_assessment_agenda(struct kiosk *k, char **text, bool *warn);
void screen_reports(struct kiosk *k);     /* screen_reports.c */

/* Residents (screen_residents.c) and visits (screen_visits.c). The
 * bool ones return false when the kiosk is quitting. */
void screen_residents(struct kiosk *k);
void screen_residents_resume(struct kiosk *k, const struct draft *d);
bool screen_resident_show(struct kiosk *k, int64_t id);
bool screen_residents_neglected(struct kiosk *k);
void screen_visits(struct kiosk *k);
void screen_visits_resume(struct kiosk *k, const struct draft *d);
bool screen_visit_new(struct kiosk *k, int64_t resident_id);
bool screen_visit_edit(struct kiosk *k, int64_t id);
void screen_followups_mine(struct kiosk *k);
bool screen_visits_agenda(struct kiosk *k, char **text, bool *warn);

#endif
