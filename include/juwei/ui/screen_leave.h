/* screen_leave.h — what the leave screens (screen_leave.c,
 * screen_leave_request.c, screen_leave_month.c) share: the words for
 * leave, a page of text with its own keys, and the request screens the
 * lists open. The screens the rest of the kiosk opens are in screens.h. */
#ifndef JUWEI_UI_SCREEN_LEAVE_H
#define JUWEI_UI_SCREEN_LEAVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "juwei/leave.h"
#include "juwei/ui/kiosk.h"

struct draft;

/* The configured name of leave type id (the id when it is gone). */
const char *screen_leave_type(const struct kiosk *k, const char *id);
/* "2026-04-02 PM" (lists), "2026-04-02 afternoon" (long_form). */
char *screen_leave_when(date_t day, enum half h, bool long_form,
                        char buf[static 64]);
/* "2.5 days", "1 day". */
char *screen_leave_days(int halves, char buf[static 64]);
/* Who decides a request on `route` at `step`, for a sentence. */
const char *screen_leave_decider(enum leave_route route, int step);
/* The status as people say it, malloc'd; *warn: something to do (not
 * back yet, late), *dim: over and done (rejected, withdrawn, cancelled). */
char *screen_leave_status(const struct leave *l, bool *warn, bool *dim);

/* A page of lines with a title, scrolled with Up/Down and PgUp/PgDn. */
struct leave_sheet {
    struct kiosk *k;
    char         *title;     /* malloc'd */
    char        **lines;
    int           n, top;
};
void screen_leave_line(struct leave_sheet *s, char *line); /* takes it */
/* "Label         value", the value wrapped under itself. */
void screen_leave_pair(struct leave_sheet *s, const char *label,
                             const char *value);
void screen_leave_sheet_free(struct leave_sheet *s);
/* Shows the sheet until a key of `bar` other than F1 (which shows the
 * help with `help`); returns it, or ACT_QUIT. */
enum action screen_leave_sheet_run(struct leave_sheet *s,
                                   const struct binding *bar, int nbar,
                                   const char *help);

/* The new-request form, from a draft when d is not NULL. These return
 * false when the kiosk is quitting. */
bool screen_leave_request(struct kiosk *k, const struct draft *d);
/* Request id until the user goes back. */
bool screen_leave_open(struct kiosk *k, int64_t id);
/* Approve (all of ids) or reject (ids[0]) with a comment; version is the
 * one seen, or 0 for marked rows. `what` names them in the title. */
bool screen_leave_decide(struct kiosk *k, int64_t *ids, size_t n,
                         int64_t version, bool approve, const char *what);

#endif
