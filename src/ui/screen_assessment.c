/* screen_assessment.c — the yearly assessment: choosing a round, each
 * round's menu by role (a member's sheets and result; the street office's
 * evaluation, ballots, completeness, results, people and publishing),
 * publishing, and the home screen's line. The lists are in
 * screen_assessment_lists.c, the sheet in screen_assessment_sheet.c. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/assessment.h"
#include "juwei/config.h"
#include "juwei/draft.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/draw.h"
#include "juwei/ui/menu.h"
#include "juwei/ui/screens.h"

static const char *
district_name(const struct kiosk *k, const char *id)
{
    const struct cfg_district *d = config_district(k->ctx.cfg, id);

    return d != NULL ? d->name : id;
}

static void
my_result(struct kiosk *k, const struct assessment_round *r)
{
    struct assessment_outcome *v;
    size_t n;
    struct error e = { 0 };
    char *title = xasprintf(_("My result %d"), r->year), *text = NULL;

    if (assessment_results(&k->ctx, r->id, &v, &n, &e) < 0) {
        dialog_message(k, true, title, e.msg);
        free(title);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (v[i].staff_id == k->ctx.who.staff_id && v[i].r.scored)
            text = xasprintf(_("Total score %.2f\nGrade: %s\nRank %d of %d "
                               "in %s"), v[i].r.total,
                             assessment_grade_label(v[i].r.grade),
                             v[i].r.rank, r->subjects,
                             district_name(k, r->district));
    }
    if (text == NULL)
        text = xstrdup(_("You were not assessed in this round."));
    dialog_message(k, false, title, text);
    free(text);
    free(v);
    free(title);
}

static void
publish(struct kiosk *k, const struct assessment_round *r)
{
    struct assessment_progress *v;
    size_t n, missing = 0;
    struct error e = { 0 };
    int open_sheets = 0;
    char *q;

    if (assessment_progress(&k->ctx, r->id, &v, &n, &e) < 0) {
        dialog_message(k, true, _("Publish"), e.msg);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (v[i].peer_due > v[i].peer_done)
            open_sheets += v[i].peer_due - v[i].peer_done;
        missing += v[i].street_sheets == 0 || v[i].votes == 0;
    }
    free(v);
    q = xasprintf(_("Publish the %d assessment of %s?\n"
                    "People assessed: %zu; without the street evaluation or "
                    "ballots: %zu; peer sheets not filled: %d.\n"
                    "After publishing nothing in this round can change, and "
                    "everyone sees their result."),
                  r->year, district_name(k, r->district), n, missing,
                  open_sheets);
    if (dialog_confirm(k, _("Publish"), q, false)) {
        if (assessment_publish(&k->ctx, r->id, r->version, &e) < 0)
            dialog_message(k, true, _("Not published"), e.msg);
        else
            dialog_message(k, false, _("Publish"),
                           _("Published. The round is locked."));
    }
    free(q);
}

/* --- a round's menu -------------------------------------------------- */

enum {
    M_PEERS = 1, M_MY_RESULT, M_COMMITTEE, M_STREET, M_BALLOTS, M_PROGRESS,
    M_RESULTS, M_SUBJECTS, M_PUBLISH,
};

static const struct binding menu_bar[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_BACK, N_("Back"), N_("back to the rounds") },
};

struct round_menu {
    struct kiosk            *k;
    struct assessment_round  r;
    struct menu              menu;
    struct menu_item         items[10];
    char                    *texts[10];
};

static void
round_menu_draw(void *arg)
{
    struct round_menu *rm = arg;
    char *title = xasprintf(_("Assessment %d — %s"), rm->r.year,
                            district_name(rm->k, rm->r.district));
    char *line = xasprintf(_("%d people assessed · %s"), rm->r.subjects,
                           rm->r.published ? _("published, locked")
                                           : P_("round", "open"));

    erase();
    curs_set(0);
    kiosk_draw_title(rm->k, title);
    draw_text(2, 2, COLS - 4, T_DIM, line);
    rm->menu.y = 4;
    rm->menu.x = 2;
    rm->menu.w = COLS - 4 < 60 ? COLS - 4 : 60;
    menu_draw(&rm->menu, true);
    free(title);
    free(line);
}

static void
add_item(struct round_menu *rm, int id, char *text)
{
    int i = rm->menu.n++;

    rm->texts[i] = text;
    rm->items[i].hot = (wchar_t)('1' + i);
    rm->items[i].text = text;
    rm->items[i].id = id;
    rm->items[i].warn = false;
}

static void
build_menu(struct round_menu *rm)
{
    enum role role = rm->k->ctx.who.role;
    bool open = !rm->r.published;

    for (int i = 0; i < rm->menu.n; i++)
        free(rm->texts[i]);
    rm->menu.n = 0;
    rm->menu.items = rm->items;
    if (role == ROLE_STAFF || role == ROLE_DIRECTOR) {
        if (open) {
            add_item(rm, M_PEERS, xstrdup(_("Fill my peer sheets")));
        } else {
            add_item(rm, M_MY_RESULT, xstrdup(_("My result")));
            if (role == ROLE_DIRECTOR)
                add_item(rm, M_COMMITTEE,
                         xstrdup(_("The committee's results")));
        }
        return;
    }
    if (role == ROLE_STREET && open) {
        add_item(rm, M_STREET, xstrdup(_("Street office evaluation")));
        add_item(rm, M_BALLOTS, xstrdup(_("Resident ballots")));
    }
    add_item(rm, M_PROGRESS, xstrdup(_("Completeness: who still has sheets "
                                       "to fill")));
    add_item(rm, M_RESULTS, xstrdup(open ? _("Results so far (not "
                                             "published)")
                                         : _("Results")));
    if (role == ROLE_STREET && open) {
        add_item(rm, M_SUBJECTS, xstrdup(_("People assessed")));
        add_item(rm, M_PUBLISH, xstrdup(_("Publish and lock")));
    }
}

/* Returns false when the kiosk is quitting. */
static bool
round_menu(struct kiosk *k, const struct assessment_round *r)
{
    struct round_menu rm = { .k = k, .r = *r };
    const struct binding *saved = k->bar;
    int nsaved = k->nbar;
    bool alive = true, done = false;

    build_menu(&rm);
    kiosk_set_bar(k, menu_bar, (int)ARRAY_LEN(menu_bar));
    kiosk_push(k, round_menu_draw, &rm);
    kiosk_repaint(k);
    while (!done) {
        struct key key = kiosk_key(k, -1);
        bool redraw = false;
        struct error e = { 0 };
        int picked;

        switch (key.action) {
        case ACT_HELP:
            kiosk_help(k, _("Assessment"),
                       _("Choose with the item's number, or Up/Down and "
                         "Enter."));
            continue;
        case ACT_BACK:
        case ACT_QUIT:
            alive = key.action != ACT_QUIT;
            done = true;
            continue;
        case ACT_REDRAW:
            kiosk_repaint(k);
            continue;
        default:
            break;
        }
        picked = menu_key(&rm.menu, &key, &redraw);
        if (redraw) {
            menu_draw(&rm.menu, true);
            refresh();
        }
        switch (picked) {
        case M_PEERS:
            alive = screen_assessment_sheets(k, &rm.r, SRC_PEERS);
            break;
        case M_STREET:
            alive = screen_assessment_sheets(k, &rm.r, SRC_STREET);
            break;
        case M_BALLOTS:
            alive = screen_assessment_ballots(k, &rm.r);
            break;
        case M_PROGRESS:
            alive = screen_assessment_progress(k, &rm.r);
            break;
        case M_RESULTS:
        case M_COMMITTEE:
            alive = screen_assessment_results(k, &rm.r);
            break;
        case M_MY_RESULT:
            my_result(k, &rm.r);
            break;
        case M_SUBJECTS:
            alive = screen_assessment_subjects(k, &rm.r);
            break;
        case M_PUBLISH:
            publish(k, &rm.r);
            break;
        default:          continue;
        }
        if (!alive)
            break;
        /* What was done may have changed the round (published, people). */
        if (assessment_round_get(&k->ctx, r->id, &rm.r, &e) == 0)
            build_menu(&rm);
        kiosk_set_bar(k, menu_bar, (int)ARRAY_LEN(menu_bar));
        kiosk_repaint(k);
    }
    kiosk_pop(k);
    kiosk_set_bar(k, saved, nsaved);
    for (int i = 0; i < rm.menu.n; i++)
        free(rm.texts[i]);
    return alive;
}

/* --- the rounds ------------------------------------------------------ */

/* Rounds are one a year, so a pick-list chooses one; the street office's
 * list also offers to open the next. A member with one round goes
 * straight in. */
static void
run(struct kiosk *k)
{
    bool street = k->ctx.who.role == ROLE_STREET, alive = true;

    while (alive) {
        struct assessment_round *v;
        size_t n, extra = street ? 1 : 0;
        struct error e = { 0 };
        struct pick_item *items;
        char **names;
        int got;

        if (assessment_rounds(&k->ctx, &v, &n, &e) < 0) {
            dialog_message(k, true, _("Assessment"), e.msg);
            return;
        }
        if (n == 0 && !street) {
            dialog_message(k, false, _("Assessment"),
                           _("No assessment round is open for your district "
                             "yet."));
            free(v);
            return;
        }
        items = xcalloc(n + extra, sizeof *items);
        names = xcalloc(n + extra, sizeof *names);
        for (size_t i = 0; i < n; i++) {
            names[i] = xasprintf(_("%d  %s  %s, %d people"), v[i].year,
                                 district_name(k, v[i].district),
                                 v[i].published ? _("published")
                                                : P_("round", "open"),
                                 v[i].subjects);
            items[i].id = "";
            items[i].name = names[i];
        }
        if (street) {
            names[n] = xstrdup(_("Open a new round…"));
            items[n].id = "";
            items[n].name = names[n];
        }
        got = n == 1 && !street ? 0
            : dialog_pick(k, _("Assessment rounds"), items, n + extra, 0);
        if (got >= 0 && (size_t)got < n)
            alive = round_menu(k, &v[got]);
        else if (got >= 0)
            alive = screen_assessment_open(k);
        else
            alive = false;
        /* One round and no choice to make: back home when it is left. */
        if (n == 1 && !street)
            alive = false;
        for (size_t i = 0; i < n + extra; i++)
            free(names[i]);
        free(names);
        free(items);
        free(v);
    }
}

void
screen_assessment(struct kiosk *k)
{
    run(k);
}

/* A sheet kept when the link dropped: back to it, then to the rounds. */
void
screen_assessment_resume(struct kiosk *k, const struct draft *d)
{
    const char *round = draft_value(d, "round"), *src = draft_value(d,
                                                                    "source");
    struct assessment_round r;
    struct assessment_sheet *v;
    size_t n;
    struct error e = { 0 };
    bool alive = true;

    if (round == NULL || src == NULL ||
        assessment_round_get(&k->ctx, atoll(round), &r, &e) < 0 ||
        assessment_sheets(&k->ctx, r.id, (enum assess_source)atoi(src), &v,
                          &n, &e) < 0) {
        dialog_message(k, true, _("Assessment"),
                       e.msg[0] ? e.msg : _("the sheet can no longer be "
                                            "opened"));
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (v[i].subject_id == d->record_id && v[i].may_fill)
            alive = screen_assessment_sheet(k, r.id, r.year, atoi(src),
                                            &v[i], d);
    }
    free(v);
    if (alive)
        run(k);
}

bool
screen_assessment_agenda(struct kiosk *k, char **text, bool *warn)
{
    long n = assessment_waiting(&k->ctx);

    if (n <= 0)
        return false;
    *text = xasprintf(k->ctx.who.role == ROLE_STREET
                      ? _("Assessment: evaluations or ballots to enter: %ld")
                      : _("Assessment: peer sheets to fill: %ld"), n);
    *warn = false;
    return true;
}
