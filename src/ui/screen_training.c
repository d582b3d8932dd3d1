/* screen_training.c — training sessions: the list, newest first, with
 * this year's hours or coverage above it; the session form, who attended
 * ticked in it (FT_MULTI). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/config.h"
#include "juwei/draft.h"
#include "juwei/roster.h"
#include "juwei/training.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/draw.h"
#include "juwei/ui/form.h"
#include "juwei/ui/list.h"
#include "juwei/ui/list_filter.h"
#include "juwei/ui/screens.h"

static const struct list_column columns[] = {
    { N_("Date"), 10, false },
    { N_("Level"), 6, false },
    { N_("Title"), 0, false },
    { N_("Held for"), 12, false },
    { N_("Hours"), 5, true },
    { N_("People"), 6, true },
};

static const struct binding edit_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_EDIT, N_("Edit"), N_("change the selected session and who "
                               "attended (also Enter)") },
    { ACT_NEW, N_("New"), N_("record a session") },
    { ACT_F6, N_("People"), N_("who attended the selected session") },
    { ACT_DELETE, N_("Delete"), N_("delete the selected session") },
    { ACT_BACK, N_("Back"), N_("back to the home screen") },
};
static const struct binding read_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_F6, N_("People"), N_("who attended the selected session (also "
                               "Enter)") },
    { ACT_BACK, N_("Back"), N_("back to the home screen") },
};

struct training_ui {
    struct kiosk     *k;
    struct pick_item *levels, *where;
    size_t            nlevels, nwhere;
    char              desc[256];
};

/* A session belongs to a district: the street office's own, or a
 * director's committee's. Admins (of no district) and staff only read. */
static bool
editor(const struct kiosk *k)
{
    return k->ctx.who.role == ROLE_STREET || k->ctx.who.role == ROLE_DIRECTOR;
}

static int
this_year(void)
{
    int y, m, d;

    date_to_ymd(date_today(), &y, &m, &d);
    return y;
}

static const char *
level_name(const struct config *cfg, const char *id)
{
    const struct cfg_item *it = config_item(&cfg->training_levels, id);

    return it != NULL ? it->name : id;
}

static int
fetch(void *arg, enum page_dir dir, const struct page_row *at, int n,
      struct page_row *rows, int *got, struct error *e)
{
    struct training_ui *u = arg;
    struct training *v = xcalloc((size_t)n, sizeof *v);
    int m = 0;

    if (training_page(&u->k->ctx, dir, at ? at->key : NULL, at ? at->id : 0,
                      n, v, &m, e) < 0) {
        free(v);
        return -1;
    }
    for (int i = 0; i < m; i++) {
        char hours[16], people[16];
        const char *cells[6];

        snprintf(hours, sizeof hours, "%g", v[i].hours);
        snprintf(people, sizeof people, "%d", v[i].attendees);
        cells[0] = v[i].date;
        cells[1] = level_name(u->k->ctx.cfg, v[i].level);
        cells[2] = v[i].title;
        cells[3] = v[i].committee[0] ? v[i].committee_name
                                     : _("whole district");
        cells[4] = hours;
        cells[5] = people;
        page_row_set(&rows[i], v[i].id, v[i].date, 6, cells);
    }
    *got = m;
    free(v);
    return 0;
}

static long
count(void *arg)
{
    struct training_ui *u = arg;

    return training_count(&u->k->ctx);
}

/* Staff see their own year; others the coverage they are answerable for. */
static void
describe(struct training_ui *u)
{
    struct ctx *ctx = &u->k->ctx;
    struct error e = { 0 };

    if (ctx->who.role == ROLE_STAFF) {
        double hours;
        int sessions;

        if (training_person_year(ctx, ctx->who.staff_id, this_year(), &hours,
                                 &sessions, &e) < 0)
            snprintf(u->desc, sizeof u->desc, "%s", e.msg);
        else
            snprintf(u->desc, sizeof u->desc,
                     _("My training in %d: %d sessions, %g hours"),
                     this_year(), sessions, hours);
        return;
    }
    struct training_coverage *rows, total;
    size_t n;

    if (training_coverage(ctx, this_year(), &rows, &n, &total, &e) < 0) {
        snprintf(u->desc, sizeof u->desc, "%s", e.msg);
        return;
    }
    snprintf(u->desc, sizeof u->desc,
             _("Training %d: %d of %d trained, %d%% (target %d%%)%s"),
             this_year(), total.covered, total.active_staff,
             training_coverage_percent(&total),
             ctx->cfg->site.training_target,
             total.met ? "" : _(" — below target"));
    free(rows);
}

/* --- the session form ------------------------------------------------ */

struct edit {
    struct training_ui *u;
    struct training     t;        /* id 0 for a new one */
    struct roster_picks all;      /* who may attend some session in scope */
    struct pick_item   *people;   /* of them, who may attend this one, as
                                   * "Held for" says now; id: the staff id */
    size_t              npeople;
};

static void
level_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct edit *ed = arg;

    *items = ed->u->levels;
    *n = ed->u->nlevels;
}

static void
where_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct edit *ed = arg;

    *items = ed->u->where;
    *n = ed->u->nwhere;
}

static void
people_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct edit *ed = arg;

    *items = ed->people;
    *n = ed->npeople;
}

static const struct form_field session_fields[] = {
    { .name = "date", .label = N_("Date"), .type = FT_DATE, .width = 12,
      .required = true, .help = N_("the day of the session") },
    { .name = "level", .label = N_("Level"), .type = FT_CHOICE, .width = 16,
      .required = true, .options = level_options,
      .help = N_("who held it: district, street office, other") },
    { .name = "title", .label = N_("Title"), .type = FT_TEXT, .max_chars = 60,
      .required = true, .help = N_("what the session was about") },
    { .name = "organiser", .label = N_("Organiser"), .type = FT_TEXT,
      .width = 40, .max_chars = 40 },
    { .name = "hours", .label = N_("Hours"), .type = FT_NUMBER, .width = 6,
      .required = true, .min = 0.5, .max = 100, .step = 0.5,
      .help = N_("how long it lasted, in hours (+ and - step by half an "
                 "hour)") },
    { .name = "committee_id", .label = N_("Held for"), .type = FT_CHOICE,
      .width = 30, .options = where_options,
      .help = N_("one committee, or the whole district (street office "
                 "only)") },
    { .name = "attendees", .label = N_("Attended"), .type = FT_MULTI,
      .options = people_options,
      .help = N_("who attended: Enter opens the list, Space ticks or "
                 "unticks, typing finds; a committee's session only its own "
                 "staff") },
};

/* Left people stay listed where they attended: unticking them is the
 * only change an old session needs. */
struct attended {
    const struct training_attendee *v;
    size_t                          n;
};

static bool
may_attend(const struct roster_entry *r, void *arg)
{
    const struct attended *a = arg;

    if (r->active)
        return true;
    for (size_t j = 0; j < a->n; j++) {
        if (a->v[j].staff_id == r->id)
            return true;
    }
    return false;
}

/* Everyone in scope who is active or attended already; "Held for" picks
 * from them (narrow()). */
static void
load_people(struct edit *ed, const struct training_attendee *att,
            size_t natt)
{
    const struct roster_filter f = { .include_left = true };
    bool street = ed->u->k->ctx.who.role == ROLE_STREET;

    screen_roster_picks(ed->u->k, &f, street ? " · " : NULL, may_attend,
                        &(struct attended){ att, natt }, &ed->all);
    ed->people = xcalloc(ed->all.n + 1, sizeof *ed->people);
}

/* A committee's session is attended by its own staff (the core refuses
 * others); a district-wide one ("") by anyone of the district. */
static void
narrow(struct edit *ed, const char *committee)
{
    ed->npeople = 0;
    for (size_t i = 0; i < ed->all.n; i++) {
        if (*committee == '\0' || strcmp(ed->all.committee[i], committee) == 0)
            ed->people[ed->npeople++] = ed->all.items[i];
    }
}

/* "Held for" changed (or the form starts, with a draft's or the session's
 * values): the Attended list follows it at once, and ticks of people who
 * may no longer attend go. */
static void
session_changed(struct form *f, int field, void *arg)
{
    struct edit *ed = arg;
    char *committee;

    if (field >= 0 && strcmp(session_fields[field].name, "committee_id") != 0)
        return;
    committee = form_get(f, "committee_id");
    narrow(ed, committee);
    free(committee);
    form_options(f, "attendees");
}

static void
free_people(struct edit *ed)
{
    screen_roster_picks_free(&ed->all);
    free(ed->people);
}

static int
session_save(struct form *f, void *arg, struct error *e)
{
    struct edit *ed = arg;
    struct training t = ed->t;
    bool *on = xcalloc(ed->npeople + 1, sizeof *on);
    int64_t *ids = xcalloc(ed->npeople + 1, sizeof *ids);
    char *v[ARRAY_LEN(session_fields)];
    size_t k = 0;
    int rc;

    for (size_t i = 0; i < ARRAY_LEN(session_fields); i++)
        v[i] = form_get(f, session_fields[i].name);
    snprintf(t.date, sizeof t.date, "%s", v[0]);
    snprintf(t.level, sizeof t.level, "%s", v[1]);
    snprintf(t.title, sizeof t.title, "%s", v[2]);
    snprintf(t.organiser, sizeof t.organiser, "%s", v[3]);
    t.hours = strtod(v[4], NULL);
    snprintf(t.committee, sizeof t.committee, "%s", v[5]);
    snprintf(t.district, sizeof t.district, "%s",
             ed->u->k->ctx.who.district);
    pick_parse(v[6], ed->people, ed->npeople, on);
    for (size_t i = 0; i < ed->npeople; i++) {
        if (on[i])
            ids[k++] = strtoll(ed->people[i].id, NULL, 10);
    }
    rc = training_save(&ed->u->k->ctx, &t, ids, k, e);
    /* The attendance rows' messages belong next to the ticks. */
    if (rc < 0 && strcmp(e->field, "staff_id") == 0)
        snprintf(e->field, sizeof e->field, "attendees");
    free(ids);
    free(on);
    for (size_t i = 0; i < ARRAY_LEN(v); i++)
        free(v[i]);
    return rc;
}

static bool
edit_session(struct training_ui *u, int64_t id, const struct draft *d)
{
    struct edit ed = { .u = u };
    struct error e = { 0 };
    struct training_attendee *att = NULL;
    size_t natt = 0;
    struct form *f;
    enum form_result res;
    char hours[32], today[11];

    if (id != 0 && training_get(&u->k->ctx, id, &ed.t, &att, &natt,
                                &e) < 0) {
        dialog_message(u->k, true, _("Training"), e.msg);
        return true;
    }
    load_people(&ed, att, natt);
    narrow(&ed, "");
    f = form_new(u->k, id != 0 ? _("Training session") : _("New training "
                                                           "session"),
                 session_fields, ARRAY_LEN(session_fields), &ed);
    f->save = session_save;
    f->changed = session_changed;
    f->draft_kind = "training";
    f->draft_record = id;
    if (id != 0) {
        f->draft_version = ed.t.version;
        snprintf(hours, sizeof hours, "%g", ed.t.hours);
        form_set(f, "date", ed.t.date);
        form_set(f, "level", ed.t.level);
        form_set(f, "title", ed.t.title);
        form_set(f, "organiser", ed.t.organiser);
        form_set(f, "hours", hours);
        form_set(f, "committee_id", ed.t.committee);
        char *now = xstrdup("");
        for (size_t i = 0; i < natt; i++) {
            char *more = xasprintf("%s%s%lld", now, i > 0 ? "," : "",
                                   (long long)att[i].staff_id);
            free(now);
            now = more;
        }
        form_set(f, "attendees", now);
        free(now);
    } else {
        form_set(f, "date", date_format(date_today(), today));
        form_set(f, "committee_id", u->k->ctx.who.committee);
    }
    if (d != NULL)
        form_from_draft(f, d);
    res = form_run(f);
    form_free(f);
    free_people(&ed);
    free(att);
    return res != FORM_QUIT;
}

static void
show_people(struct training_ui *u, int64_t id)
{
    struct training t;
    struct training_attendee *att;
    size_t n;
    struct error e = { 0 };
    char *text;

    if (training_get(&u->k->ctx, id, &t, &att, &n, &e) < 0) {
        dialog_message(u->k, true, _("Training"), e.msg);
        return;
    }
    text = xasprintf(_("%s · %s · %g hours · %s"), t.date, t.title, t.hours,
                     t.organiser);
    for (size_t i = 0; i < n; i++) {
        char *more = xasprintf("%s\n%s  %s", text, att[i].name,
                               att[i].committee_name);
        free(text);
        text = more;
    }
    if (n == 0) {
        char *more = xasprintf("%s\n%s", text, _("Nobody you may see "
                                                 "attended."));
        free(text);
        text = more;
    }
    dialog_message(u->k, false, _("Who attended"), text);
    free(text);
    free(att);
}

static void
delete_session(struct training_ui *u, const struct page_row *row)
{
    struct training t;
    struct error e = { 0 };
    char *q;

    if (training_get(&u->k->ctx, row->id, &t, NULL, NULL, &e) < 0) {
        dialog_message(u->k, true, _("Training"), e.msg);
        return;
    }
    q = xasprintf(_("Delete the session \"%s\" of %s and its attendance?"),
                  t.title, t.date);
    if (dialog_confirm(u->k, _("Delete"), q, false) &&
        training_delete(&u->k->ctx, t.id, t.version, &e) < 0)
        dialog_message(u->k, true, _("Not deleted"), e.msg);
    free(q);
}

/* list_run() takes the list off the screen when it returns: while a
 * row's dialog is up, this keeps the screen's title and summary line
 * under it rather than the screen below. */
struct backdrop {
    struct kiosk *k;
    const char   *title, *desc;
};

static void
backdrop_draw(void *arg)
{
    struct backdrop *b = arg;

    erase();
    curs_set(0);
    kiosk_draw_title(b->k, b->title);
    draw_text(1, 1, COLS - 2, T_DIM, b->desc != NULL ? b->desc : "");
}

static void
setup(struct training_ui *u)
{
    const struct config *cfg = u->k->ctx.cfg;
    const struct session *who = &u->k->ctx.who;

    u->levels = xcalloc(cfg->training_levels.n + 1, sizeof *u->levels);
    for (size_t i = 0; i < cfg->training_levels.n; i++) {
        u->levels[i].id = cfg->training_levels.items[i].id;
        u->levels[i].name = cfg->training_levels.items[i].name;
    }
    u->nlevels = cfg->training_levels.n;
    u->where = list_filter_committees(&u->k->ctx,
                                      who->role == ROLE_STREET
                                      ? _("Whole district") : NULL,
                                      &u->nwhere);
}

static void
run(struct kiosk *k, const struct draft *d)
{
    struct training_ui u = { .k = k };
    struct page_source src = { .arg = &u, .fetch = fetch, .count = count };
    bool can_edit = editor(k);
    struct list l = {
        .k = k, .title = _("Training"), .cols = columns,
        .ncols = (int)ARRAY_LEN(columns), .src = &src,
        .keys = can_edit ? edit_keys : read_keys,
        .nkeys = can_edit ? (int)ARRAY_LEN(edit_keys)
                          : (int)ARRAY_LEN(read_keys),
        .help = N_("Training sessions of your committee and the district's "
                   "own. A director records the committee's sessions, the "
                   "street office any. Coverage is the share of active staff "
                   "with at least one session this year."),
    };
    bool alive = true;

    setup(&u);
    if (d != NULL && can_edit)
        alive = edit_session(&u, d->record_id, d);
    while (alive) {
        const struct page_row *row;
        enum action act;

        describe(&u);
        l.filter_desc = u.desc;
        act = list_run(&l, &row);
        struct backdrop bd = { k, l.title, u.desc };
        kiosk_push(k, backdrop_draw, &bd);
        switch (act) {
        case ACT_NEW:
            alive = edit_session(&u, 0, NULL);
            break;
        case ACT_ENTER:
        case ACT_EDIT:
            if (row != NULL && can_edit)
                alive = edit_session(&u, row->id, NULL);
            else if (row != NULL)
                show_people(&u, row->id);
            break;
        case ACT_F6:
            if (row != NULL)
                show_people(&u, row->id);
            break;
        case ACT_DELETE:
            if (row != NULL)
                delete_session(&u, row);
            break;
        default:
            alive = false;
            break;
        }
        kiosk_pop(k);
    }
    list_free(&l);
    free(u.levels);
    free(u.where);
}

void
screen_training(struct kiosk *k)
{
    run(k, NULL);
}

void
screen_training_resume(struct kiosk *k, const struct draft *d)
{
    run(k, d);
}
