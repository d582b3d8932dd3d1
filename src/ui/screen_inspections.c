/* screen_inspections.c — inspections (巡查): the list with its filters
 * and overdue rows marked, a new or changed inspection, the record's own
 * screen with the whole follow-up history and the status changes this
 * account may make, drafts, and the home screen's lines. The rules are
 * inspections.c's. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "juwei/config.h"
#include "juwei/date.h"
#include "juwei/draft.h"
#include "juwei/inspections.h"
#include "juwei/text.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/draw.h"
#include "juwei/ui/form.h"
#include "juwei/ui/list.h"
#include "juwei/ui/list_filter.h"
#include "juwei/ui/screens.h"

static const struct list_column columns[] = {
    { N_("Date"), 10, false },
    { N_("Place"), 0, false },
    { N_("Category"), 12, false },
    { N_("Status"), 10, false },
    { N_("Follow-up"), 8, false },
    { N_("Due"), 10, false },
};

static const struct binding list_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_FIND, N_("Find"), N_("filter by status, category, follow-up "
                               "person or overdue, or find text") },
    { ACT_EDIT, N_("Edit"), N_("change the selected inspection") },
    { ACT_NEW, N_("New"), N_("enter a new inspection") },
    { ACT_BACK, N_("Back"), N_("back to the home screen") },
};

struct insp_ui {
    struct kiosk            *k;
    struct inspection_filter filter;
    const char              *title;
    /* Pick-lists. people: the staff of the committee(s) this account
     * sees, [0] "anyone"; people_none the same with "nobody yet" at [0],
     * for the form. */
    struct list_choices      people, categories;
    struct pick_item        *people_none;
    struct pick_item        *committees;
    size_t                   ncommittees;
    struct pick_item        *grids;          /* [0]: none */
    size_t                   ngrids;
    struct pick_item         statuses[INSP_NSTATUS + 1];
    struct pick_item         severities[3];
    long                     count;      /* what the list shows */
    char                     desc[512];
    char                     note[256];
};

struct insp_edit {
    struct insp_ui *ui;
    int64_t         id, version;
};

static const char *
category_name(const struct insp_ui *ui, const char *id)
{
    const struct cfg_item *c =
        config_item(&ui->k->ctx.cfg->inspection_categories, id);

    return c != NULL ? c->name : id;
}

static int
fetch(void *arg, enum page_dir dir, const struct page_row *at, int n,
      struct page_row *rows, int *got, struct error *e)
{
    struct insp_ui *ui = arg;
    struct inspection *v = xcalloc((size_t)n, sizeof *v);
    int m = 0;

    if (inspections_page(&ui->k->ctx, &ui->filter, dir,
                         at != NULL ? at->key : NULL, at != NULL ? at->id : 0,
                         n, v, &m, e) < 0) {
        free(v);
        return -1;
    }
    for (int i = 0; i < m; i++) {
        const char *cells[] = {
            v[i].date, v[i].place, category_name(ui, v[i].category),
            inspections_status_label(v[i].status), v[i].assignee_name,
            v[i].due_date,
        };

        page_row_set(&rows[i], v[i].id, v[i].date, (int)ARRAY_LEN(cells),
                     cells);
        rows[i].warn = v[i].overdue;
        rows[i].dim = v[i].status == INSP_RESOLVED;
    }
    *got = m;
    free(v);
    return 0;
}

/* Counted with the line under the title (describe()), which says
 * "1,000+" when there are more. */
static long
count(void *arg)
{
    struct insp_ui *ui = arg;

    return ui->count;
}

/* --- pick-lists --------------------------------------------------------- */

static void
add_grid(struct insp_ui *ui, const char *grid)
{
    for (size_t i = 1; i < ui->ngrids; i++) {
        if (strcmp(ui->grids[i].id, grid) == 0)
            return;
    }
    ui->grids = xreallocarray(ui->grids, ui->ngrids + 1, sizeof *ui->grids);
    ui->grids[ui->ngrids].id = grid;
    ui->grids[ui->ngrids++].name = grid;
}

static void
setup_choices(struct insp_ui *ui)
{
    const struct ctx *ctx = &ui->k->ctx;
    const struct config *cfg = ctx->cfg;

    list_filter_people(&ui->k->ctx, _("(anyone)"), false, &ui->people);
    ui->people_none = xcalloc(ui->people.n, sizeof *ui->people_none);
    memcpy(ui->people_none, ui->people.items,
           ui->people.n * sizeof *ui->people_none);
    ui->people_none[0].name = _("(nobody yet)");
    list_filter_categories(&cfg->inspection_categories, _("(any)"),
                           &ui->categories);

    /* The committees this account enters inspections for, and their
     * grids (the core checks a grid against the chosen committee). */
    ui->committees = list_filter_committees(ctx, NULL, &ui->ncommittees);
    ui->grids = xcalloc(1, sizeof *ui->grids);
    ui->grids[0].id = "";
    ui->grids[0].name = _("(none)");
    ui->ngrids = 1;
    for (size_t i = 0; i < ui->ncommittees; i++) {
        const struct cfg_committee *c =
            config_committee(cfg, ui->committees[i].id);

        for (size_t g = 0; c != NULL && g < c->ngrids; g++)
            add_grid(ui, c->grids[g]);
    }

    ui->statuses[0].id = "";
    ui->statuses[0].name = _("(any)");
    for (int s = 0; s < INSP_NSTATUS; s++) {
        ui->statuses[s + 1].id = inspections_status_name(s);
        ui->statuses[s + 1].name = inspections_status_label(s);
    }
    for (int s = 1; s <= 3; s++) {
        ui->severities[s - 1].id = inspections_severity_name(s);
        ui->severities[s - 1].name = inspections_severity_label(s);
    }
}

static void
free_choices(struct insp_ui *ui)
{
    list_filter_free(&ui->people);
    list_filter_free(&ui->categories);
    free(ui->people_none);
    free(ui->committees);
    free(ui->grids);
}

static void
committee_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct insp_edit *ed = arg;

    *items = ed->ui->committees;
    *n = ed->ui->ncommittees;
}

static void
grid_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct insp_edit *ed = arg;

    *items = ed->ui->grids;
    *n = ed->ui->ngrids;
}

static void
category_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct insp_edit *ed = arg;

    *items = ed->ui->categories.items + 1;
    *n = ed->ui->categories.n - 1;
}

static void
severity_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct insp_edit *ed = arg;

    *items = ed->ui->severities;
    *n = ARRAY_LEN(ed->ui->severities);
}

static void
assignee_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct insp_edit *ed = arg;

    *items = ed->ui->people_none;
    *n = ed->ui->people.n;
}

/* --- the form ----------------------------------------------------------- */

/* The committee is asked only of the street office (and admins): staff
 * and directors enter for their own, and their form starts at [1]. */
static const struct form_field insp_fields[] = {
    { .name = "committee_id", .label = N_("Committee"), .type = FT_CHOICE,
      .width = 28, .required = true, .options = committee_options,
      .help = N_("the committee whose area this is") },
    { .name = "date", .label = N_("Date"), .type = FT_DATE, .width = 12,
      .required = true,
      .help = N_("the day of the inspection: YYYY-MM-DD, today, yesterday, "
                 "+ and - step a day") },
    { .name = "time", .label = N_("Time"), .type = FT_TIME, .width = 6,
      .help = N_("when, as HH:MM from 00:00 to 23:59; may be left empty") },
    { .name = "place", .label = N_("Place"), .type = FT_TEXT, .width = 40,
      .required = true,
      .help = N_("where: building, street, spot; at most 100 characters") },
    { .name = "grid", .label = N_("Grid"), .type = FT_CHOICE, .width = 20,
      .options = grid_options,
      .help = N_("the committee's grid the place is in, when the "
                 "committee has grids") },
    { .name = "category", .label = N_("Category"), .type = FT_CHOICE,
      .width = 24, .required = true, .options = category_options,
      .help = N_("what kind of problem; type to filter the list") },
    { .name = "found", .label = N_("What was found"), .type = FT_LONGTEXT,
      .width = 40,
      .height = 3, .required = true,
      .help = N_("what was seen, several lines if needed (Enter: new line, "
                 "Tab: next field); at most 1000 characters") },
    { .name = "severity", .label = N_("Severity"), .type = FT_CHOICE,
      .width = 10, .required = true, .options = severity_options,
      .help = N_("low, normal or urgent") },
    { .name = "assignee_id", .label = N_("Follow-up by"), .type = FT_CHOICE,
      .width = 24, .options = assignee_options,
      .help = N_("who follows it up: staff of the same committee") },
    { .name = "due_date", .label = N_("Due date"), .type = FT_DATE,
      .width = 12,
      .help = N_("by when it should be dealt with; not before the date") },
};

static bool
asks_committee(const struct kiosk *k)
{
    return k->ctx.who.role == ROLE_STREET || k->ctx.who.role == ROLE_ADMIN;
}

static int
insp_save(struct form *f, void *arg, struct error *e)
{
    struct insp_edit *ed = arg;
    struct kiosk *k = ed->ui->k;
    char *committee = asks_committee(k) ? form_get(f, "committee_id")
                                        : xstrdup("");
    char *date = form_get(f, "date"), *time = form_get(f, "time");
    char *place = form_get(f, "place"), *grid = form_get(f, "grid");
    char *cat = form_get(f, "category"), *found = form_get(f, "found");
    char *sev = form_get(f, "severity"), *who = form_get(f, "assignee_id");
    char *due = form_get(f, "due_date");
    struct inspection_input in = {
        .committee = committee, .date = date, .time = time, .place = place,
        .grid = grid, .category = cat, .found = found, .severity = sev,
        .assignee_id = strtoll(who, NULL, 10), .due_date = due,
    };
    int rc;

    if (ed->id == 0)
        rc = inspections_add(&k->ctx, &in, &ed->id, e);
    else
        rc = inspections_update(&k->ctx, ed->id, ed->version, &in, e);
    if (rc == 0)
        snprintf(ed->ui->note, sizeof ed->ui->note, _("Saved: %s"), place);
    free(committee);
    free(date);
    free(time);
    free(place);
    free(grid);
    free(cat);
    free(found);
    free(sev);
    free(who);
    free(due);
    return rc;
}

/* A new inspection (id 0) or inspection `id`, from the record or a
 * draft. Returns false when the kiosk is quitting. */
static bool
edit_inspection(struct insp_ui *ui, int64_t id, const struct draft *d)
{
    struct insp_edit ed = { .ui = ui, .id = id };
    const struct form_field *desc = insp_fields;
    size_t n = ARRAY_LEN(insp_fields);
    struct inspection in;
    struct error e = { 0 };
    struct form *f;
    enum form_result res;
    char buf[32];

    if (!asks_committee(ui->k)) {
        desc++;
        n--;
    }
    if (id != 0 && inspections_get(&ui->k->ctx, id, &in, &e) < 0) {
        dialog_message(ui->k, true, _("Inspection"), e.msg);
        return true;
    }
    f = form_new(ui->k, id == 0 ? _("New inspection") : _("Inspection"),
                 desc, n, &ed);
    f->save = insp_save;
    f->draft_kind = "inspection";
    f->draft_record = id;
    if (id != 0) {
        ed.version = f->draft_version = in.version;
        if (asks_committee(ui->k))
            form_set(f, "committee_id", in.committee);
        form_set(f, "date", in.date);
        form_set(f, "time", in.time);
        form_set(f, "place", in.place);
        form_set(f, "grid", in.grid);
        form_set(f, "category", in.category);
        form_set(f, "found", in.found);
        form_set(f, "severity", inspections_severity_name(in.severity));
        snprintf(buf, sizeof buf, "%lld", (long long)in.assignee_id);
        form_set(f, "assignee_id", in.assignee_id != 0 ? buf : "");
        form_set(f, "due_date", in.due_date);
        inspections_free(&in);
    } else {
        form_set(f, "date", date_format(date_today(), buf));
        form_set(f, "severity", "normal");
        if (asks_committee(ui->k) && ui->ncommittees == 1)
            form_set(f, "committee_id", ui->committees[0].id);
    }
    if (d != NULL)
        form_from_draft(f, d);
    res = form_run(f);
    form_free(f);
    return res != FORM_QUIT;
}

/* --- the status form ---------------------------------------------------- */

struct move_form {
    struct kiosk     *k;
    struct inspection in;
    struct pick_item  to[INSP_NSTATUS];
    char              label[INSP_NSTATUS][128];
    size_t            nto;
};

static void
move_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct move_form *m = arg;

    *items = m->to;
    *n = m->nto;
}

static const struct form_field move_fields[] = {
    { .name = "status", .label = N_("New status"), .type = FT_CHOICE,
      .width = 36, .required = true, .options = move_options,
      .help = N_("what happens to the inspection now") },
    { .name = "note", .label = N_("Note"), .type = FT_LONGTEXT, .height = 5,
      .width = 44,
      .help = N_("what was done or why; needed when resolving; at most 500 "
                 "characters") },
};

static int
move_save(struct form *f, void *arg, struct error *e)
{
    struct move_form *m = arg;
    char *to = form_get(f, "status"), *note = form_get(f, "note");
    enum insp_status st;
    int rc;

    text_trim(note);
    if (!inspections_status_parse(to, &st))
        rc = error_set(e, E_INVAL, "status", _("choose the new status"));
    else
        rc = inspections_move(&m->k->ctx, m->in.id, m->in.version, st, note,
                              e);
    free(to);
    free(note);
    return rc;
}

/* Offers the moves this account may make; says why when there are none.
 * Returns false when the kiosk is quitting. */
static bool
change_status(struct kiosk *k, const struct inspection *in)
{
    struct move_form m = { .k = k, .in = *in };
    enum insp_status to[INSP_NSTATUS];
    struct error e = { 0 };
    enum form_result r;
    struct form *f;
    int n = inspections_moves(&k->ctx, in, to);

    m.in.found = NULL;
    if (n == 0) {
        /* The core's own words for why not. */
        for (int s = 0; s < INSP_NSTATUS; s++) {
            if (inspections_may_move(in->status, s, inspections_actor(&k->ctx,
                                                                      in),
                                     &e) < 0 && e.code == E_PERM)
                break;
        }
        dialog_message(k, true, _("Status not changed"),
                       e.code == E_PERM ? e.msg
                       : _("this inspection's status cannot change now"));
        return true;
    }
    for (int i = 0; i < n; i++) {
        snprintf(m.label[i], sizeof m.label[i], "%s → %s",
                 inspections_move_label(in->status, to[i]),
                 inspections_status_label(to[i]));
        m.to[i].id = inspections_status_name(to[i]);
        m.to[i].name = m.label[i];
    }
    m.nto = (size_t)n;
    f = form_new(k, _("Change the status"), move_fields,
                 ARRAY_LEN(move_fields), &m);
    f->save = move_save;
    f->save_label = N_("Save");
    if (n == 1)
        form_set(f, "status", m.to[0].id);
    r = form_run(f);
    form_free(f);
    return r != FORM_QUIT;
}

/* --- the record's screen ------------------------------------------------ */

static const struct binding detail_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_EDIT, N_("Edit"), N_("change the inspection's fields") },
    { ACT_F6, N_("Status"), N_("change the status, with a note: start, "
                               "resolve, escalate, reopen") },
    { ACT_BACK, N_("Back"), N_("back to the list") },
};

struct line {
    enum role_attr attr;
    char          *text;
};

struct detail {
    struct insp_ui             *ui;
    struct inspection           in;
    struct inspection_followup *fu;
    size_t                      nfu;
    struct line                *lines;
    int                         nlines, cap, top;
};

static void
put(struct detail *d, enum role_attr attr, char *text)
{
    if (d->nlines == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 32;
        d->lines = xreallocarray(d->lines, (size_t)d->cap, sizeof *d->lines);
    }
    d->lines[d->nlines].attr = attr;
    d->lines[d->nlines++].text = text;
}

/* Long text as lines of at most `cols` columns, each with `indent`. */
static void
put_wrapped(struct detail *d, enum role_attr attr, const char *indent,
            const char *text, int cols)
{
    char *copy = xstrdup(text), *save = NULL;

    for (char *para = strtok_r(copy, "\n", &save); para != NULL;
         para = strtok_r(NULL, "\n", &save)) {
        while (*para != '\0') {
            size_t take = text_fit(para, cols, NULL);

            if (take == 0)
                take = 1;
            put(d, attr, xasprintf("%s%.*s", indent, (int)take, para));
            para += take;
        }
    }
    free(copy);
}

static void
drop_lines(struct detail *d)
{
    for (int i = 0; i < d->nlines; i++)
        free(d->lines[i].text);
    d->nlines = 0;
}

static void
build_lines(struct detail *d)
{
    const struct inspection *in = &d->in;
    const struct cfg_committee *c =
        config_committee(d->ui->k->ctx.cfg, in->committee);
    int cols = COLS - 6;

    drop_lines(d);
    put(d, T_NORMAL, xasprintf("%s: %s %s    %s: %s%s%s", _("Date"), in->date,
                               in->time, _("Committee"),
                               c != NULL ? c->name : in->committee,
                               in->grid[0] ? " · " : "", in->grid));
    put(d, T_NORMAL, xasprintf("%s: %s    %s: %s    %s: %s", _("Category"),
                               category_name(d->ui, in->category),
                               _("Severity"),
                               inspections_severity_label(in->severity),
                               _("Status"),
                               inspections_status_label(in->status)));
    put(d, in->overdue ? T_WARN : T_NORMAL,
        xasprintf("%s: %s    %s: %s%s    %s: %s", _("Follow-up by"),
                  in->assignee_id ? in->assignee_name : _("(nobody yet)"),
                  _("Due date"), in->due_date[0] ? in->due_date : "—",
                  in->overdue ? _(" (overdue)") : "", _("Entered by"),
                  in->created_by_name));
    if (in->resolved_date[0] != '\0')
        put(d, T_NORMAL, xasprintf("%s: %s", _("Resolved on"),
                                   in->resolved_date));
    put(d, T_LABEL, xasprintf("%s", _("What was found")));
    put_wrapped(d, T_NORMAL, "  ", in->found != NULL ? in->found : "", cols);
    put(d, T_NORMAL, xstrdup(""));
    put(d, T_LABEL, xasprintf("%s (%zu)", _("Follow-up history"), d->nfu));
    for (size_t i = 0; i < d->nfu; i++) {
        const struct inspection_followup *f = &d->fu[i];
        char *change = f->has_from
            ? xasprintf("%s → %s", inspections_status_label(f->from),
                        inspections_status_label(f->to))
            : xasprintf(_("entered, %s"), inspections_status_label(f->to));

        put(d, T_NORMAL, xasprintf("%s  %s  %s", f->date, f->staff_name,
                                   change));
        free(change);
        if (f->note[0] != '\0')
            put_wrapped(d, T_DIM, "    ", f->note, cols - 2);
    }
}

static int
detail_rows(void)
{
    return LINES - 4;    /* title, gap, status line, bar */
}

static void
detail_draw(void *arg)
{
    struct detail *d = arg;
    char *title = xasprintf(_("Inspection: %s"), d->in.place);

    erase();
    curs_set(0);
    kiosk_draw_title(d->ui->k, title);
    free(title);
    build_lines(d);
    if (d->top > d->nlines - detail_rows())
        d->top = d->nlines - detail_rows() > 0 ? d->nlines - detail_rows() : 0;
    for (int i = 0; i < detail_rows() && d->top + i < d->nlines; i++)
        draw_text(2 + i, 2, COLS - 4, d->lines[d->top + i].attr,
                  d->lines[d->top + i].text);
    if (d->nlines > detail_rows())
        kiosk_status(d->ui->k, false, "%s",
                     _("Up/Down, PgUp/PgDn: scroll the history"));
}

/* Reads the inspection and its history again; false when it is gone. */
static bool
reload(struct detail *d, int64_t id)
{
    struct error e = { 0 };

    inspections_free(&d->in);
    inspections_free_followups(d->fu, d->nfu);
    d->fu = NULL;
    d->nfu = 0;
    if (inspections_get(&d->ui->k->ctx, id, &d->in, &e) < 0 ||
        inspections_followups(&d->ui->k->ctx, id, &d->fu, &d->nfu, &e) < 0) {
        dialog_message(d->ui->k, true, _("Inspection"), e.msg);
        return false;
    }
    return true;
}

/* Returns false when the kiosk is quitting. */
static bool
show_inspection(struct insp_ui *ui, int64_t id)
{
    struct kiosk *k = ui->k;
    struct detail d = { .ui = ui };
    const struct binding *saved = k->bar;
    int nsaved = k->nbar;
    bool alive = true;

    if (!reload(&d, id))
        return true;
    kiosk_set_bar(k, detail_keys, (int)ARRAY_LEN(detail_keys));
    kiosk_push(k, detail_draw, &d);
    kiosk_repaint(k);
    for (bool done = false; !done;) {
        struct key key = kiosk_key(k, -1);
        int rows = detail_rows();

        switch (key.action) {
        case ACT_HELP:
            kiosk_help(k, _("inspection"),
                       _("The inspection, and every change of its status "
                         "with who made it, when and the note. F6 offers "
                         "the changes you may make."));
            break;
        case ACT_DOWN: case ACT_PGDN:
            if (d.top + rows < d.nlines) {
                d.top += key.action == ACT_PGDN ? rows : 1;
                kiosk_repaint(k);
            }
            break;
        case ACT_UP: case ACT_PGUP:
            if (d.top > 0) {
                d.top -= key.action == ACT_PGUP ? rows : 1;
                if (d.top < 0)
                    d.top = 0;
                kiosk_repaint(k);
            }
            break;
        case ACT_EDIT:
        case ACT_F6:
            alive = key.action == ACT_EDIT ? edit_inspection(ui, id, NULL)
                                           : change_status(k, &d.in);
            if (!alive || !reload(&d, id))
                done = true;
            else
                kiosk_repaint(k);
            break;
        case ACT_REDRAW:
            kiosk_repaint(k);
            break;
        case ACT_QUIT:
            alive = false;
            done = true;
            break;
        case ACT_BACK:
            done = true;
            break;
        default:
            break;
        }
    }
    kiosk_pop(k);
    kiosk_set_bar(k, saved, nsaved);
    drop_lines(&d);
    free(d.lines);
    inspections_free(&d.in);
    inspections_free_followups(d.fu, d.nfu);
    return alive;
}

/* --- the filter --------------------------------------------------------- */

static void
filter_status_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct insp_ui *ui = arg;

    *items = ui->statuses;
    *n = ARRAY_LEN(ui->statuses);
}

static void
filter_category_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct insp_ui *ui = arg;

    *items = ui->categories.items;
    *n = ui->categories.n;
}

static void
filter_person_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct insp_ui *ui = arg;

    *items = ui->people.items;
    *n = ui->people.n;
}

static const struct form_field filter_fields[] = {
    { .name = "find", .label = N_("Find"), .type = FT_TEXT, .width = 32,
      .max_chars = 40,
      .help = N_("text in the place or in what was found, Chinese too (one "
                 "character is enough); several words must all be there") },
    { .name = "status", .label = N_("Status"), .type = FT_CHOICE,
      .width = 20, .options = filter_status_options,
      .help = N_("only inspections in this status") },
    { .name = "category", .label = N_("Category"), .type = FT_CHOICE,
      .width = 24, .options = filter_category_options,
      .help = N_("only inspections of this category") },
    { .name = "assignee_id", .label = N_("Follow-up by"), .type = FT_CHOICE,
      .width = 24, .options = filter_person_options,
      .help = N_("only inspections this person follows up") },
    { .name = "overdue", .label = N_("Overdue only"), .type = FT_YESNO,
      .help = N_("only those past their due date and not resolved (y/n)") },
};

static int
filter_save(struct form *f, void *arg, struct error *e)
{
    struct insp_ui *ui = arg;
    char *find = form_get(f, "find"), *status = form_get(f, "status");
    char *cat = form_get(f, "category"), *who = form_get(f, "assignee_id");
    char *overdue = form_get(f, "overdue");
    enum insp_status st;

    (void)e;
    snprintf(ui->filter.find, sizeof ui->filter.find, "%s", find);
    ui->filter.status = inspections_status_parse(status, &st) ? (int)st : -1;
    snprintf(ui->filter.category, sizeof ui->filter.category, "%s", cat);
    ui->filter.assignee_id = strtoll(who, NULL, 10);
    ui->filter.overdue = strcmp(overdue, "1") == 0;
    ui->filter.due = false;
    free(find);
    free(status);
    free(cat);
    free(who);
    free(overdue);
    return 0;
}

static bool
ask_filter(struct insp_ui *ui)
{
    struct form *f = form_new(ui->k, _("Find inspections"), filter_fields,
                              ARRAY_LEN(filter_fields), ui);
    char buf[24];
    enum form_result r;

    f->save = filter_save;
    f->save_label = N_("Find");
    f->help = N_("Empty fields do not filter. Save with F2 to show the "
                 "inspections that match every field given.");
    form_set(f, "find", ui->filter.find);
    form_set(f, "status", ui->filter.status >= 0
                          ? inspections_status_name(ui->filter.status) : "");
    form_set(f, "category", ui->filter.category);
    snprintf(buf, sizeof buf, "%lld", (long long)ui->filter.assignee_id);
    form_set(f, "assignee_id", ui->filter.assignee_id != 0 ? buf : "");
    form_set(f, "overdue", ui->filter.overdue ? "1" : "0");
    r = form_run(f);
    form_free(f);
    return r != FORM_QUIT;
}

/* The line under the title: what just happened, the filter, and the
 * count when it is past what the list's corner shows. */
static const char *
describe(struct insp_ui *ui)
{
    const struct inspection_filter *fl = &ui->filter;
    char *s = xstrdup(ui->note);

    if (fl->find[0] != '\0')
        list_filter_add(&s, xasprintf(_("Find: %s"), fl->find));
    if (fl->status >= 0)
        list_filter_add(&s, xasprintf(_("Status: %s"),
                                      inspections_status_label(fl->status)));
    if (fl->category[0] != '\0')
        list_filter_add(&s, xasprintf(_("Category: %s"),
                                      category_name(ui, fl->category)));
    if (fl->assignee_id != 0)
        list_filter_add(&s, xasprintf(_("Follow-up by: %s"),
                                      list_filter_person(&ui->people,
                                                         fl->assignee_id)));
    if (fl->overdue)
        list_filter_add(&s, xstrdup(_("overdue only")));
    if (fl->due)
        list_filter_add(&s, xstrdup(_("due or overdue only")));
    ui->count = list_filter_count(inspections_count(&ui->k->ctx, fl), &s);
    snprintf(ui->desc, sizeof ui->desc, "%s", s);
    free(s);
    return ui->desc[0] != '\0' ? ui->desc : NULL;
}

/* --- the list ----------------------------------------------------------- */

static void
run(struct kiosk *k, const struct inspection_filter *start, const char *title,
    const struct draft *d)
{
    struct insp_ui ui = { .k = k };
    struct page_source src = { .arg = &ui, .fetch = fetch, .count = count };
    struct list l = {
        .k = k, .title = title, .cols = columns,
        .ncols = (int)ARRAY_LEN(columns), .src = &src, .keys = list_keys,
        .nkeys = (int)ARRAY_LEN(list_keys),
        .help = N_("Newest first; overdue ones (past the due date, not "
                   "resolved) are marked, resolved ones dim. Enter opens "
                   "an inspection with its follow-up history, where F6 "
                   "changes its status. Found text is listed newest entry "
                   "first."),
    };
    bool alive = true;

    ui.filter = *start;
    setup_choices(&ui);
    if (d != NULL)
        alive = edit_inspection(&ui, d->record_id, d);
    while (alive) {
        const struct page_row *row;
        enum action act;

        l.filter_desc = describe(&ui);
        act = list_run(&l, &row);
        ui.note[0] = '\0';
        switch (act) {
        case ACT_NEW:
            alive = edit_inspection(&ui, 0, NULL);
            break;
        case ACT_ENTER:
            if (row != NULL)
                alive = show_inspection(&ui, row->id);
            break;
        case ACT_EDIT:
            if (row != NULL)
                alive = edit_inspection(&ui, row->id, NULL);
            break;
        case ACT_FIND:
            alive = ask_filter(&ui);
            list_reset(&l);
            break;
        default:
            alive = false;
            break;
        }
    }
    list_free(&l);
    free_choices(&ui);
}

static const char *
list_title(const struct kiosk *k)
{
    switch (k->ctx.who.role) {
    case ROLE_STREET: return _("Inspections of my district");
    case ROLE_ADMIN:  return _("Inspections");
    default:          return _("Inspections of my committee");
    }
}

void
screen_inspections(struct kiosk *k)
{
    struct inspection_filter f;

    inspections_filter_init(&f);
    run(k, &f, list_title(k), NULL);
}

void
screen_inspections_mine(struct kiosk *k)
{
    struct inspection_filter f;

    inspections_filter_init(&f);
    f.assignee_id = k->ctx.who.staff_id;
    f.due = true;
    run(k, &f, _("My inspections due or overdue"), NULL);
}

void
screen_inspections_overdue(struct kiosk *k)
{
    struct inspection_filter f;

    inspections_filter_init(&f);
    f.overdue = true;
    run(k, &f, list_title(k), NULL);
}

void
screen_inspections_resume(struct kiosk *k, const struct draft *d)
{
    struct inspection_filter f;

    inspections_filter_init(&f);
    run(k, &f, list_title(k), d);
}

bool
screen_inspections_agenda_mine(struct kiosk *k, char **text, bool *warn)
{
    long n = inspections_mine_due(&k->ctx);

    if (n <= 0)
        return false;
    *text = xasprintf(_("My inspections due or overdue: %ld"), n);
    *warn = true;
    return true;
}

bool
screen_inspections_agenda_overdue(struct kiosk *k, char **text, bool *warn)
{
    long n = inspections_overdue(&k->ctx);

    if (n <= 0)
        return false;
    *text = k->ctx.who.role == ROLE_STREET
          ? xasprintf(_("Overdue inspections in my district: %ld"), n)
          : xasprintf(_("Overdue inspections in my committee: %ld"), n);
    *warn = true;
    return true;
}
