/* screen_drafts.c — right after login, forms kept when the terminal went
 * away are offered back, newest first. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "juwei/draft.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/screens.h"

/* Every form that keeps drafts names its kind here, with the screen
 * that reopens it. */
static const struct {
    const char *kind;
    const char *label;     /* N_() */
    void      (*resume)(struct kiosk *k, const struct draft *d);
} kinds[] = {
    { "account", N_("New account"), screen_accounts_resume },
    { "leave", N_("Request leave"), screen_leave_resume },
    { "record", N_("Work record"), screen_records_resume },
    { "inspection", N_("Inspection"), screen_inspections_resume },
    { "roster", N_("Roster entry"), screen_roster_resume },
    { "training", N_("Training session"), screen_training_resume },
    { "assessment", N_("Assessment sheet"), screen_assessment_resume },
    { "resident", N_("Resident"), screen_residents_resume },
    { "visit", N_("Visit"), screen_visits_resume },
};

/* What the questions are asked over: the title line, so the screen says
 * who is logged in rather than being blank. */
static void
drafts_draw(void *arg)
{
    struct kiosk *k = arg;

    erase();
    curs_set(0);
    kiosk_draw_title(k, _("Drafts"));
}

void
screen_drafts(struct kiosk *k)
{
    struct draft *v = NULL;
    size_t n = 0;
    struct error e = { 0 };

    kiosk_push(k, drafts_draw, k);
    if (draft_list(&k->ctx, &v, &n, &e) < 0) {
        dialog_message(k, true, _("Drafts"), e.msg);
        kiosk_remove(k, k);
        return;
    }
    for (size_t i = 0; i < n && !k->logging_out && !kiosk_sig_quit; i++) {
        size_t j;

        for (j = 0; j < ARRAY_LEN(kinds); j++) {
            if (strcmp(kinds[j].kind, v[i].kind) == 0)
                break;
        }
        if (j == ARRAY_LEN(kinds))
            continue;       /* a form this juwei does not know: keep it */
        time_t t = (time_t)v[i].saved_at;
        struct tm tm;
        char when[32];

        localtime_r(&t, &tm);
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
        char *q = xasprintf(_("The form \"%s\" you were filling in at %s was "
                              "kept when the connection dropped. Open it "
                              "again? (No throws it away.)"),
                            _(kinds[j].label), when);
        bool resume = dialog_confirm(k, _("Unsaved form"), q, true);

        free(q);
        /* Taken off the list either way; if the link drops again while
         * it is open, it is kept again. */
        draft_discard(&k->ctx, v[i].id, &e);
        if (resume)
            kinds[j].resume(k, &v[i]);
    }
    kiosk_remove(k, k);
    draft_free_list(v, n);
}
