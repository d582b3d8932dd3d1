/* screens.h — the kiosk's screens; each runs until the user leaves it. */
#ifndef JUWEI_UI_SCREENS_H
#define JUWEI_UI_SCREENS_H

#include <stdbool.h>
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
