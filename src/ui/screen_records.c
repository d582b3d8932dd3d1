/* screen_records.c — work records (工作日志): the list (mine, my
 * committee's or my district's, newest first), a new or changed record,
 * deleting, the filter and Chinese text search, drafts, and the home
 * screen's "today's record" line. The rules are records.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/config.h"
#include "juwei/date.h"
#include "juwei/draft.h"
#include "juwei/records.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/form.h"
#include "juwei/ui/list.h"
#include "juwei/ui/list_filter.h"
#include "juwei/ui/screens.h"

static const struct list_column columns[] = {
    { N_("Date"), 10, false },
    { N_("Staff"), 8, false },
    { N_("Category"), 12, false },
    { N_("Title"), 0, false },
    { N_("Hours"), 5, true },
};

static const struct binding list_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_FIND, N_("Find"), N_("filter by date, person and category, or "
                               "find text in titles and details") },
    { ACT_EDIT, N_("Edit"), N_("change the selected record (also Enter)") },
    { ACT_NEW, N_("New"), N_("write a new work record") },
    { ACT_DELETE, N_("Delete"), N_("delete the selected record (asks "
                                   "first)") },
    { ACT_BACK, N_("Back"), N_("back to the home screen") },
};

struct records_ui {
    struct kiosk        *k;
    struct record_filter filter;
    /* Pick-lists: the people this account may write for and the
     * categories, each with the filter's "any" first. */
    struct list_choices  people, categories;
    long                 count;         /* what the list shows */
    char                 desc[512];     /* the line under the title */
    char                 note[256];     /* what just happened */
};

/* The record a form is editing: id 0 for a new one. */
struct edit {
    struct records_ui *ui;
    int64_t            id, version;
};

static int
fetch(void *arg, enum page_dir dir, const struct page_row *at, int n,
      struct page_row *rows, int *got, struct error *e)
{
    struct records_ui *ui = arg;
    struct record *v = xcalloc((size_t)n, sizeof *v);
    int m = 0;

    if (records_page(&ui->k->ctx, &ui->filter, dir,
                     at != NULL ? at->key : NULL, at != NULL ? at->id : 0, n,
                     v, &m, e) < 0) {
        free(v);
        return -1;
    }
    for (int i = 0; i < m; i++) {
        const struct cfg_item *cat =
            config_item(&ui->k->ctx.cfg->record_categories, v[i].category);
        char hours[16] = "";

        if (v[i].hours >= 0)
            snprintf(hours, sizeof hours, "%g", v[i].hours);
        const char *cells[] = { v[i].date, v[i].staff_name,
                                cat != NULL ? cat->name : v[i].category,
                                v[i].title, hours };

        page_row_set(&rows[i], v[i].id, v[i].date, (int)ARRAY_LEN(cells),
                     cells);
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
    struct records_ui *ui = arg;

    return ui->count;
}

/* --- pick-lists ------------------------------------------------------- */

/* The form's lists leave out the "any" entries of the filter's. */
static void
person_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct edit *ed = arg;

    *items = ed->ui->people.items + 1;
    *n = ed->ui->people.n - 1;
}

static void
category_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct edit *ed = arg;

    *items = ed->ui->categories.items + 1;
    *n = ed->ui->categories.n - 1;
}

static void
filter_person_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct records_ui *ui = arg;

    *items = ui->people.items;
    *n = ui->people.n;
}

static void
filter_category_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct records_ui *ui = arg;

    *items = ui->categories.items;
    *n = ui->categories.n;
}

/* --- the form ------------------------------------------------------- */

/* Titles and details take any length here: the core says how long they
 * may be, next to the field, rather than the field silently refusing. */
static const struct form_field record_fields[] = {
    { .name = "date", .label = N_("Date"), .type = FT_DATE, .width = 12,
      .required = true,
      .help = N_("the day of the work: YYYY-MM-DD, today, yesterday, or + "
                 "and - to step a day; not after today") },
    { .name = "staff_id", .label = N_("Staff"), .type = FT_CHOICE,
      .width = 24, .required = true, .options = person_options,
      .help = N_("whose work this is; a director may write for the "
                 "members of the committee") },
    { .name = "category", .label = N_("Category"), .type = FT_CHOICE,
      .width = 24, .required = true, .options = category_options,
      .help = N_("what kind of work; type to filter the list") },
    { .name = "title", .label = N_("Title"), .type = FT_TEXT, .width = 44,
      .required = true,
      .help = N_("one line saying what was done, at most 80 characters") },
    { .name = "details", .label = N_("Details"), .type = FT_LONGTEXT,
      .width = 44,
      .height = 5,
      .help = N_("more about it, several lines if needed (Enter: new "
                 "line, Tab: next field); at most 2000 characters") },
    { .name = "hours", .label = N_("Hours"), .type = FT_NUMBER, .width = 6,
      .min = 0, .max = 24, .step = 0.5,
      .help = N_("time spent, 0 to 24 in steps of 0.5; + and - step") },
};

static int
record_save(struct form *f, void *arg, struct error *e)
{
    struct edit *ed = arg;
    char *date = form_get(f, "date"), *staff = form_get(f, "staff_id");
    char *cat = form_get(f, "category"), *title = form_get(f, "title");
    char *details = form_get(f, "details"), *hours = form_get(f, "hours");
    struct record_input in = {
        .date = date, .staff_id = strtoll(staff, NULL, 10), .category = cat,
        .title = title, .details = details, .hours = hours,
    };
    int rc;

    if (ed->id == 0)
        rc = records_add(&ed->ui->k->ctx, &in, &ed->id, e);
    else
        rc = records_update(&ed->ui->k->ctx, ed->id, ed->version, &in, e);
    if (rc == 0)
        snprintf(ed->ui->note, sizeof ed->ui->note, _("Saved: %s"), title);
    free(date);
    free(staff);
    free(cat);
    free(title);
    free(details);
    free(hours);
    return rc;
}

/* Opens the form for a new record (id 0) or record `id`, filled from the
 * record or from a draft. Returns false when the kiosk is quitting. */
static bool
edit_record(struct records_ui *ui, int64_t id, const struct draft *d)
{
    struct edit ed = { .ui = ui, .id = id };
    struct record r;
    struct error e = { 0 };
    struct form *f;
    enum form_result res;
    char buf[32];

    if (id != 0 && records_get(&ui->k->ctx, id, &r, &e) < 0) {
        dialog_message(ui->k, true, _("Work record"), e.msg);
        return true;
    }
    f = form_new(ui->k, id == 0 ? _("New work record") : _("Work record"),
                 record_fields, ARRAY_LEN(record_fields), &ed);
    f->save = record_save;
    f->draft_kind = "record";
    f->draft_record = id;
    if (id != 0) {
        ed.version = f->draft_version = r.version;
        form_set(f, "date", r.date);
        snprintf(buf, sizeof buf, "%lld", (long long)r.staff_id);
        form_set(f, "staff_id", buf);
        form_set(f, "category", r.category);
        form_set(f, "title", r.title);
        form_set(f, "details", r.details);
        if (r.hours >= 0) {
            snprintf(buf, sizeof buf, "%g", r.hours);
            form_set(f, "hours", buf);
        }
        records_free(&r);
    } else {
        form_set(f, "date", date_format(date_today(), buf));
        snprintf(buf, sizeof buf, "%lld", (long long)ui->k->ctx.who.staff_id);
        form_set(f, "staff_id", buf);
    }
    if (d != NULL)
        form_from_draft(f, d);
    res = form_run(f);
    form_free(f);
    return res != FORM_QUIT;
}

static void
delete_record(struct records_ui *ui, const struct page_row *row)
{
    struct record r;
    struct error e = { 0 };
    char *q;

    if (records_get(&ui->k->ctx, row->id, &r, &e) < 0) {
        dialog_message(ui->k, true, _("Not deleted"), e.msg);
        return;
    }
    q = xasprintf(_("Delete the work record \"%s\" of %s, %s?"), r.title,
                  r.staff_name, r.date);
    if (dialog_confirm(ui->k, _("Delete"), q, false)) {
        if (records_delete(&ui->k->ctx, r.id, r.version, &e) < 0)
            dialog_message(ui->k, true, _("Not deleted"), e.msg);
        else
            snprintf(ui->note, sizeof ui->note, _("Deleted: %s"), r.title);
    }
    free(q);
    records_free(&r);
}

/* --- the filter ------------------------------------------------------ */

static const struct form_field filter_fields[] = {
    { .name = "find", .label = N_("Find"), .type = FT_TEXT, .width = 32,
      .max_chars = 40,
      .help = N_("text in the title or details, Chinese too (one character "
                 "is enough); several words must all be there") },
    { .name = "from", .label = N_("From"), .type = FT_DATE, .width = 12,
      .help = N_("the first day to show; empty: from the beginning") },
    { .name = "to", .label = N_("To"), .type = FT_DATE, .width = 12,
      .help = N_("the last day to show; empty: up to today") },
    { .name = "staff_id", .label = N_("Staff"), .type = FT_CHOICE,
      .width = 24, .options = filter_person_options,
      .help = N_("only this person's records") },
    { .name = "category", .label = N_("Category"), .type = FT_CHOICE,
      .width = 24, .options = filter_category_options,
      .help = N_("only records of this category") },
};

static int
filter_save(struct form *f, void *arg, struct error *e)
{
    struct records_ui *ui = arg;
    char *find = form_get(f, "find"), *from = form_get(f, "from");
    char *to = form_get(f, "to"), *staff = form_get(f, "staff_id");
    char *cat = form_get(f, "category");
    int rc = 0;

    if (*from != '\0' && *to != '\0' && strcmp(from, to) > 0) {
        rc = error_set(e, E_INVAL, "to", _("the last day is before the "
                                           "first"));
    } else {
        snprintf(ui->filter.find, sizeof ui->filter.find, "%s", find);
        snprintf(ui->filter.from, sizeof ui->filter.from, "%s", from);
        snprintf(ui->filter.to, sizeof ui->filter.to, "%s", to);
        ui->filter.staff_id = strtoll(staff, NULL, 10);
        snprintf(ui->filter.category, sizeof ui->filter.category, "%s", cat);
    }
    free(find);
    free(from);
    free(to);
    free(staff);
    free(cat);
    return rc;
}

static bool
ask_filter(struct records_ui *ui)
{
    struct form *f = form_new(ui->k, _("Find work records"), filter_fields,
                              ARRAY_LEN(filter_fields), ui);
    char buf[24];
    enum form_result r;

    f->save = filter_save;
    f->save_label = N_("Find");
    f->help = N_("Empty fields do not filter. Save with F2 to show the "
                 "records that match every field given.");
    form_set(f, "find", ui->filter.find);
    form_set(f, "from", ui->filter.from);
    form_set(f, "to", ui->filter.to);
    snprintf(buf, sizeof buf, "%lld", (long long)ui->filter.staff_id);
    form_set(f, "staff_id", ui->filter.staff_id != 0 ? buf : "");
    form_set(f, "category", ui->filter.category);
    r = form_run(f);
    form_free(f);
    return r != FORM_QUIT;
}

/* The line under the title: what just happened, the filter, and the
 * count when it is past what the list's corner shows. */
static const char *
describe(struct records_ui *ui)
{
    const struct record_filter *fl = &ui->filter;
    const struct cfg_item *cat =
        config_item(&ui->k->ctx.cfg->record_categories, fl->category);
    char *s = xstrdup(ui->note);

    if (fl->find[0] != '\0')
        list_filter_add(&s, xasprintf(_("Find: %s"), fl->find));
    if (fl->from[0] != '\0' || fl->to[0] != '\0')
        list_filter_add(&s, xasprintf(_("Dates: %s to %s"),
                                      fl->from[0] ? fl->from : "…",
                                      fl->to[0] ? fl->to : "…"));
    if (fl->staff_id != 0)
        list_filter_add(&s, xasprintf(_("Staff: %s"),
                                      list_filter_person(&ui->people,
                                                         fl->staff_id)));
    if (cat != NULL)
        list_filter_add(&s, xasprintf(_("Category: %s"), cat->name));
    ui->count = list_filter_count(records_count(&ui->k->ctx, fl), &s);
    snprintf(ui->desc, sizeof ui->desc, "%s", s);
    free(s);
    return ui->desc[0] != '\0' ? ui->desc : NULL;
}

static const char *
list_title(const struct kiosk *k)
{
    switch (k->ctx.who.role) {
    case ROLE_STAFF:    return _("My work records");
    case ROLE_DIRECTOR: return _("Work records of my committee");
    case ROLE_STREET:   return _("Work records of my district");
    default:            return _("Work records");
    }
}

/* The list; `new_first` opens a new record at once (the home line),
 * `d` a kept draft. */
static void
run(struct kiosk *k, bool new_first, const struct draft *d)
{
    struct records_ui ui = { .k = k };
    struct page_source src = { .arg = &ui, .fetch = fetch, .count = count };
    struct list l = {
        .k = k, .title = list_title(k), .cols = columns,
        .ncols = (int)ARRAY_LEN(columns), .src = &src, .keys = list_keys,
        .nkeys = (int)ARRAY_LEN(list_keys),
        .help = N_("Newest first. Staff see their own records, a director "
                   "the committee's, the street office the district's. "
                   "Your own records can be changed or deleted for a few "
                   "days (the edit window); after that the director or "
                   "the street office corrects them. Found text is listed "
                   "newest entry first."),
    };
    bool alive = true;

    list_filter_people(&k->ctx, _("(anyone)"), k->ctx.who.role == ROLE_STAFF,
                       &ui.people);
    list_filter_categories(&k->ctx.cfg->record_categories, _("(any)"),
                           &ui.categories);
    if (d != NULL)
        alive = edit_record(&ui, d->record_id, d);
    else if (new_first)
        alive = edit_record(&ui, 0, NULL);
    while (alive) {
        const struct page_row *row;
        enum action act;

        l.filter_desc = describe(&ui);
        act = list_run(&l, &row);
        ui.note[0] = '\0';
        switch (act) {
        case ACT_NEW:
            alive = edit_record(&ui, 0, NULL);
            break;
        case ACT_ENTER:
        case ACT_EDIT:
            if (row != NULL)
                alive = edit_record(&ui, row->id, NULL);
            break;
        case ACT_DELETE:
            if (row != NULL)
                delete_record(&ui, row);
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
    list_filter_free(&ui.people);
    list_filter_free(&ui.categories);
}

void
screen_records(struct kiosk *k)
{
    run(k, false, NULL);
}

void
screen_records_today(struct kiosk *k)
{
    run(k, true, NULL);
}

void
screen_records_resume(struct kiosk *k, const struct draft *d)
{
    run(k, false, d);
}

bool
screen_records_agenda(struct kiosk *k, char **text, bool *warn)
{
    if (records_missing_today(&k->ctx) != 1)
        return false;
    *text = xstrdup(_("Today's work record: not written yet"));
    *warn = false;
    return true;
}
