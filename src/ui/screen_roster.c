/* screen_roster.c — the roster (花名册): the list with training coverage
 * above it, a person's entry, the street office's edit form and posts,
 * coverage per committee; the home screen's contract warning. */
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
    { N_("Name"), 8, false },
    { N_("Committee"), 8, false },
    { N_("Posts"), 0, false },
    { N_("Employment"), 8, false },
    { N_("Hired"), 10, false },
    { N_("Yrs"), 4, true },
    { N_("Contract to"), 10, false },
    { N_("Trn h"), 5, true },
    { N_("State"), 7, false },
};

/* Editors (street office, admin) and readers get different keys. */
static const struct binding edit_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_FIND, N_("Find"), N_("show a committee, part of a name, or also "
                               "the people who left") },
    { ACT_EDIT, N_("Edit"), N_("change the selected person's employment, "
                               "dates, phone, or mark them as left") },
    { ACT_F6, N_("Posts"), N_("choose the selected person's posts") },
    { ACT_F7, N_("Coverage"), N_("training coverage of each committee this "
                                 "year") },
    { ACT_BACK, N_("Back"), N_("back to the home screen") },
};
static const struct binding read_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_FIND, N_("Find"), N_("show part of a name, or also the people "
                               "who left") },
    { ACT_F7, N_("Coverage"), N_("training coverage of each committee this "
                                 "year") },
    { ACT_BACK, N_("Back"), N_("back to the home screen") },
};

struct roster_ui {
    struct kiosk         *k;
    char                  find[128];
    char                  committee[64];
    bool                  include_left;
    struct roster_filter  filter;
    struct pick_item     *employment, *committees, *posts;
    size_t                nemployment, ncommittees, nposts;
    char                  desc[256];
};

static bool
editor(const struct kiosk *k)
{
    return k->ctx.who.role == ROLE_STREET || k->ctx.who.role == ROLE_ADMIN;
}

static int
this_year(void)
{
    int y, m, d;

    date_to_ymd(date_today(), &y, &m, &d);
    return y;
}

/* Is `id` one of the comma-separated ids? */
static bool
holds(const char *ids, const char *id)
{
    size_t len = strlen(id);

    for (const char *p = ids; (p = strstr(p, id)) != NULL; p += len) {
        if ((p == ids || p[-1] == ',') && (p[len] == '\0' || p[len] == ','))
            return true;
    }
    return false;
}

/* "居委会主任、网格员" from "director,grid_worker", in config order. */
static char *
post_names(const struct config *cfg, const char *ids)
{
    char *out = xstrdup("");

    for (size_t i = 0; i < cfg->posts.n; i++) {
        if (holds(ids, cfg->posts.items[i].id)) {
            char *more = xasprintf("%s%s%s", out, *out ? _(", ") : "",
                                   cfg->posts.items[i].name);
            free(out);
            out = more;
        }
    }
    return out;
}

static const char *
item_name(const struct cfg_list *l, const char *id)
{
    const struct cfg_item *it = config_item(l, id);

    return it != NULL ? it->name : id;
}

static bool
warned(const struct kiosk *k, const struct roster_entry *r)
{
    return r->active && r->contract_days != INT32_MIN &&
           r->contract_days <= k->ctx.cfg->site.contract_warning_days;
}

static int
fetch(void *arg, enum page_dir dir, const struct page_row *at, int n,
      struct page_row *rows, int *got, struct error *e)
{
    struct roster_ui *u = arg;
    const struct config *cfg = u->k->ctx.cfg;
    struct roster_entry *v = xcalloc((size_t)n, sizeof *v);
    int m = 0;

    if (roster_page(&u->k->ctx, &u->filter, dir, at ? at->key : NULL,
                    at ? at->id : 0, n, v, &m, e) < 0) {
        free(v);
        return -1;
    }
    for (int i = 0; i < m; i++) {
        char *posts = post_names(cfg, v[i].posts);
        char years[16] = "", hours[16];
        const char *cells[9];

        if (v[i].years >= 0)
            snprintf(years, sizeof years, "%d", v[i].years);
        snprintf(hours, sizeof hours, "%g", v[i].training_hours);
        cells[0] = v[i].name;
        cells[1] = v[i].committee_name;
        cells[2] = posts;
        cells[3] = item_name(&cfg->employment_types, v[i].employment_type);
        cells[4] = v[i].hire_date;
        cells[5] = years;
        cells[6] = v[i].contract_end;
        cells[7] = hours;
        cells[8] = v[i].active ? _("in post") : _("left");
        page_row_set(&rows[i], v[i].id, v[i].key, 9, cells);
        rows[i].dim = !v[i].active;
        rows[i].warn = warned(u->k, &v[i]);
        free(posts);
    }
    *got = m;
    free(v);
    return 0;
}

static long
count(void *arg)
{
    struct roster_ui *u = arg;

    return roster_count(&u->k->ctx, &u->filter);
}

/* The line under the title: this year's training coverage against the
 * target, and what else is filtered. */
static void
describe(struct roster_ui *u)
{
    struct training_coverage *rows, total;
    size_t n;
    struct error e = { 0 };
    char *cov;

    if (training_coverage(&u->k->ctx, this_year(), &rows, &n, &total,
                          &e) < 0) {
        cov = xstrdup(e.msg);
    } else {
        cov = xasprintf(_("Training %d: %d of %d trained, %d%% (target %d%%)"
                          "%s"), this_year(), total.covered,
                        total.active_staff,
                        training_coverage_percent(&total),
                        u->k->ctx.cfg->site.training_target,
                        total.met ? "" : _(" — below target"));
        free(rows);
    }
    snprintf(u->desc, sizeof u->desc, "%s%s%s%s", cov,
             u->find[0] ? " · " : "", u->find,
             u->include_left ? _(" · with those who left") : "");
    free(cov);
}

/* --- a person's entry ------------------------------------------------ */

static void
show_entry(struct roster_ui *u, int64_t id)
{
    const struct config *cfg = u->k->ctx.cfg;
    struct roster_entry r;
    struct error e = { 0 };
    char *posts, *years, *ends, *text;

    if (roster_get(&u->k->ctx, id, &r, &e) < 0) {
        dialog_message(u->k, true, _("Roster"), e.msg);
        return;
    }
    posts = post_names(cfg, r.posts);
    years = r.years >= 0 ? xasprintf(_(" (%d years)"), r.years) : xstrdup("");
    if (r.contract_days == INT32_MIN)
        ends = xstrdup("");
    else if (r.contract_days < 0)
        ends = xasprintf(_(" (ended %d days ago)"), -r.contract_days);
    else
        ends = xasprintf(_(" (%d days left)"), r.contract_days);
    text = xasprintf(_("Name: %s (%s)\nCommittee: %s\nPosts: %s\n"
                       "Employment: %s\nHired: %s%s\nContract ends: %s%s\n"
                       "Training this year: %d sessions, %g hours\n"
                       "Phone: %s\nState: %s"),
                     r.name, r.login, r.committee_name, posts,
                     item_name(&cfg->employment_types, r.employment_type),
                     r.hire_date, years, r.contract_end, ends,
                     r.training_sessions, r.training_hours, r.phone,
                     r.active ? _("in post") : _("left"));
    dialog_message(u->k, false, r.name, text);
    free(text);
    free(ends);
    free(years);
    free(posts);
}

struct edit {
    struct roster_ui *u;
    int64_t           id, version;
};

static void
employment_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct edit *ed = arg;

    *items = ed->u->employment;
    *n = ed->u->nemployment;
}

static const struct form_field edit_fields[] = {
    { .name = "employment_type", .label = N_("Employment"), .type = FT_CHOICE,
      .width = 20, .options = employment_options,
      .help = N_("the kind of employment, from the configuration") },
    { .name = "hire_date", .label = N_("Hire date"), .type = FT_DATE,
      .width = 12, .help = N_("the first day of work here; gives the years "
                              "of service") },
    { .name = "contract_end", .label = N_("Contract end"), .type = FT_DATE,
      .width = 12, .help = N_("the last day of the contract; warned about "
                              "on the home screen before it comes") },
    { .name = "phone", .label = N_("Phone"), .type = FT_TEXT, .width = 20,
      .max_chars = 20 },
    { .name = "active", .label = N_("In post"), .type = FT_YESNO, .width = 6,
      .help = N_("No marks the person as left: they can no longer log in, "
                 "their records stay") },
};

static int
edit_save(struct form *f, void *arg, struct error *e)
{
    struct edit *ed = arg;
    char *type = form_get(f, "employment_type"), *hired = form_get(f,
                                                                   "hire_date");
    char *ends = form_get(f, "contract_end"), *phone = form_get(f, "phone");
    char *active = form_get(f, "active");
    struct roster_edit v = {
        .employment_type = type, .hire_date = hired, .contract_end = ends,
        .phone = phone, .active = strcmp(active, "0") != 0,
    };
    int rc = roster_update(&ed->u->k->ctx, ed->id, ed->version, &v, e);

    free(type);
    free(hired);
    free(ends);
    free(phone);
    free(active);
    return rc;
}

/* The edit form for one person, from the record or from a draft. False
 * when the kiosk is quitting. */
static bool
edit_entry(struct roster_ui *u, int64_t id, const struct draft *d)
{
    struct roster_entry r;
    struct error e = { 0 };
    struct edit ed = { .u = u, .id = id };
    struct form *f;
    enum form_result res;
    char *title;

    if (roster_get(&u->k->ctx, id, &r, &e) < 0) {
        dialog_message(u->k, true, _("Roster"), e.msg);
        return true;
    }
    ed.version = r.version;
    title = xasprintf(_("Roster: %s"), r.name);
    f = form_new(u->k, title, edit_fields, ARRAY_LEN(edit_fields), &ed);
    f->save = edit_save;
    f->draft_kind = "roster";
    f->draft_record = id;
    f->draft_version = r.version;
    form_set(f, "employment_type", r.employment_type);
    form_set(f, "hire_date", r.hire_date);
    form_set(f, "contract_end", r.contract_end);
    form_set(f, "phone", r.phone);
    form_set(f, "active", r.active ? "1" : "0");
    if (d != NULL)
        form_from_draft(f, d);
    res = form_run(f);
    form_free(f);
    free(title);
    return res != FORM_QUIT;
}

static void
edit_posts(struct roster_ui *u, int64_t id)
{
    struct roster_entry r;
    struct error e = { 0 };
    bool *on;
    const char **chosen;
    size_t n = 0;
    char *title;

    if (roster_get(&u->k->ctx, id, &r, &e) < 0) {
        dialog_message(u->k, true, _("Roster"), e.msg);
        return;
    }
    on = xcalloc(u->nposts + 1, sizeof *on);
    chosen = xcalloc(u->nposts + 1, sizeof *chosen);
    for (size_t i = 0; i < u->nposts; i++)
        on[i] = holds(r.posts, u->posts[i].id);
    title = xasprintf(_("Posts of %s"), r.name);
    if (dialog_pick_many(u->k, title, u->posts, u->nposts, on)) {
        for (size_t i = 0; i < u->nposts; i++) {
            if (on[i])
                chosen[n++] = u->posts[i].id;
        }
        if (roster_set_posts(&u->k->ctx, id, chosen, n, &e) < 0)
            dialog_message(u->k, true, _("Not saved"), e.msg);
    }
    free(title);
    free(chosen);
    free(on);
}

static void
show_coverage(struct roster_ui *u)
{
    struct training_coverage *rows, total;
    size_t n;
    struct error e = { 0 };
    char *text;

    if (training_coverage(&u->k->ctx, this_year(), &rows, &n, &total,
                          &e) < 0) {
        dialog_message(u->k, true, _("Training coverage"), e.msg);
        return;
    }
    text = xasprintf(_("Target: %d%% of the active staff with at least one "
                       "session this year."),
                     u->k->ctx.cfg->site.training_target);
    for (size_t i = 0; i <= n; i++) {
        const struct training_coverage *c = i < n ? &rows[i] : &total;
        char *more = xasprintf("%s\n%s  %d/%d  %d%%  %s", text,
                               i < n ? c->name : _("Total"), c->covered,
                               c->active_staff,
                               training_coverage_percent(c),
                               c->met ? _("met") : _("below target"));
        free(text);
        text = more;
    }
    free(rows);
    dialog_message(u->k, false, _("Training coverage"), text);
    free(text);
}

/* --- find ------------------------------------------------------------ */

static void
committee_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct roster_ui *u = arg;

    *items = u->committees;
    *n = u->ncommittees;
}

static const struct form_field find_fields[] = {
    { .name = "find", .label = N_("Name"), .type = FT_TEXT, .width = 24,
      .max_chars = 40, .help = N_("part of a name or login; empty: everyone") },
    { .name = "committee", .label = N_("Committee"), .type = FT_CHOICE,
      .width = 30, .options = committee_options,
      .help = N_("one committee, or all") },
    { .name = "left", .label = N_("Also who left"), .type = FT_YESNO,
      .width = 6 },
};

static int
find_save(struct form *f, void *arg, struct error *e)
{
    struct roster_ui *u = arg;
    char *find = form_get(f, "find"), *c = form_get(f, "committee");
    char *left = form_get(f, "left");

    (void)e;
    snprintf(u->find, sizeof u->find, "%s", find);
    snprintf(u->committee, sizeof u->committee, "%s", c);
    u->include_left = strcmp(left, "1") == 0;
    free(find);
    free(c);
    free(left);
    return 0;
}

static bool
find(struct roster_ui *u)
{
    struct form *f = form_new(u->k, _("Find on the roster"), find_fields,
                              ARRAY_LEN(find_fields), u);
    enum form_result r;

    f->save = find_save;
    f->save_label = N_("Find");
    form_set(f, "find", u->find);
    form_set(f, "committee", u->committee);
    form_set(f, "left", u->include_left ? "1" : "0");
    r = form_run(f);
    form_free(f);
    return r != FORM_QUIT;
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

/* --- the screen ------------------------------------------------------ */

static struct pick_item *
items_of(const struct cfg_list *l, size_t *n)
{
    struct pick_item *v = xcalloc(l->n + 1, sizeof *v);

    for (size_t i = 0; i < l->n; i++) {
        v[i].id = l->items[i].id;
        v[i].name = l->items[i].name;
    }
    *n = l->n;
    return v;
}

static void
setup(struct roster_ui *u)
{
    const struct config *cfg = u->k->ctx.cfg;

    u->employment = items_of(&cfg->employment_types, &u->nemployment);
    u->posts = items_of(&cfg->posts, &u->nposts);
    u->committees = list_filter_committees(&u->k->ctx, _("All committees"),
                                           &u->ncommittees);
}

static void
run(struct kiosk *k, const struct draft *d)
{
    struct roster_ui u = { .k = k };
    struct page_source src = { .arg = &u, .fetch = fetch, .count = count };
    bool can_edit = editor(k);
    struct list l = {
        .k = k, .title = _("Roster"), .cols = columns,
        .ncols = (int)ARRAY_LEN(columns), .src = &src,
        .keys = can_edit ? edit_keys : read_keys,
        .nkeys = can_edit ? (int)ARRAY_LEN(edit_keys)
                          : (int)ARRAY_LEN(read_keys),
        .help = N_("The committee staff you may see: a director the "
                   "committee, the street office its district, staff their "
                   "own entry. Contracts ending soon are marked; people who "
                   "left are dim and shown only when asked. Enter shows a "
                   "person's entry."),
    };
    bool alive = true;

    setup(&u);
    if (d != NULL && can_edit)
        alive = edit_entry(&u, d->record_id, d);
    while (alive) {
        const struct page_row *row;
        enum action act;

        u.filter.committee = u.committee;
        u.filter.find = u.find;
        u.filter.include_left = u.include_left;
        describe(&u);
        l.filter_desc = u.desc;
        act = list_run(&l, &row);
        struct backdrop bd = { k, l.title, u.desc };
        kiosk_push(k, backdrop_draw, &bd);
        switch (act) {
        case ACT_ENTER:
            if (row != NULL)
                show_entry(&u, row->id);
            break;
        case ACT_EDIT:
            if (row != NULL && can_edit)
                alive = edit_entry(&u, row->id, NULL);
            break;
        case ACT_F6:
            if (row != NULL && can_edit)
                edit_posts(&u, row->id);
            break;
        case ACT_F7:
            show_coverage(&u);
            break;
        case ACT_FIND:
            alive = find(&u);
            list_reset(&l);
            break;
        default:
            alive = false;
            break;
        }
        kiosk_pop(k);
    }
    list_free(&l);
    free(u.employment);
    free(u.posts);
    free(u.committees);
}

void
screen_roster(struct kiosk *k)
{
    run(k, NULL);
}

void
screen_roster_resume(struct kiosk *k, const struct draft *d)
{
    run(k, d);
}

bool
screen_roster_agenda(struct kiosk *k, char **text, bool *warn)
{
    int days = k->ctx.cfg->site.contract_warning_days;
    long n;

    if (k->ctx.who.role != ROLE_DIRECTOR && k->ctx.who.role != ROLE_STREET)
        return false;
    n = roster_contracts_ending_count(&k->ctx, date_today(), days);
    if (n <= 0)
        return false;
    *text = xasprintf(_("Contracts ending within %d days: %ld"), days, n);
    *warn = true;
    return true;
}

/* --- the roster as a pick-list, for other screens' forms ------------- */

void
screen_roster_picks(struct kiosk *k, const struct roster_filter *f,
                    const char *sep,
                    bool (*keep)(const struct roster_entry *, void *),
                    void *arg, struct roster_picks *p)
{
    struct roster_entry *v = xcalloc(64, sizeof *v);
    struct error e = { 0 };
    char last[sizeof v->key] = "";
    int64_t last_id = 0;
    int got;

    memset(p, 0, sizeof *p);
    do {
        got = 0;
        if (roster_page(&k->ctx, f, last_id == 0 ? PAGE_FIRST : PAGE_AFTER,
                        last, last_id, 64, v, &got, &e) < 0)
            break;
        for (int i = 0; i < got; i++) {
            size_t m = p->n;

            if (keep != NULL && !keep(&v[i], arg))
                continue;
            p->items = xreallocarray(p->items, m + 1, sizeof *p->items);
            p->staff = xreallocarray(p->staff, m + 1, sizeof *p->staff);
            p->committee = xreallocarray(p->committee, m + 1,
                                         sizeof *p->committee);
            p->ids = xreallocarray(p->ids, m + 1, sizeof *p->ids);
            p->names = xreallocarray(p->names, m + 1, sizeof *p->names);
            p->staff[m] = v[i].id;
            p->committee[m] = xstrdup(v[i].committee);
            p->ids[m] = xasprintf("%lld", (long long)v[i].id);
            p->names[m] = sep != NULL ? xasprintf("%s%s%s", v[i].name, sep,
                                                  v[i].committee_name)
                                      : xstrdup(v[i].name);
            p->items[m].id = p->ids[m];
            p->items[m].name = p->names[m];
            p->n++;
        }
        if (got > 0) {
            snprintf(last, sizeof last, "%s", v[got - 1].key);
            last_id = v[got - 1].id;
        }
    } while (got == 64);
    free(v);
}

void
screen_roster_picks_free(struct roster_picks *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->committee[i]);
        free(p->ids[i]);
        free(p->names[i]);
    }
    free(p->items);
    free(p->staff);
    free(p->committee);
    free(p->ids);
    free(p->names);
    memset(p, 0, sizeof *p);
}
