/* screen_visits.c — visits: the list (by date range, staff, purpose), the
 * visit form with its resident picker (the register's search), the
 * follow-ups due, and the director's list of tagged residents not visited
 * for N days. The home screen's agenda line comes from here too. */
#include <stdlib.h>
#include <string.h>

#include "juwei/config.h"
#include "juwei/date.h"
#include "juwei/draft.h"
#include "juwei/residents.h"
#include "juwei/staff.h"
#include "juwei/visits.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/form.h"
#include "juwei/ui/list.h"
#include "juwei/ui/screens.h"

/* Pick-list entries whose strings are owned here. */
struct picks {
    struct pick_item *items;
    size_t            n;
    char            **own;
    size_t            nown;
};

static void
picks_add(struct picks *p, const char *id, const char *name)
{
    p->items = xreallocarray(p->items, p->n + 1, sizeof *p->items);
    p->own = xreallocarray(p->own, p->nown + 2, sizeof *p->own);
    p->own[p->nown++] = xstrdup(id);
    p->own[p->nown++] = xstrdup(name);
    p->items[p->n].id = p->own[p->nown - 2];
    p->items[p->n].name = p->own[p->nown - 1];
    p->n++;
}

static void
picks_free(struct picks *p)
{
    for (size_t i = 0; i < p->nown; i++)
        free(p->own[i]);
    free(p->own);
    free(p->items);
    memset(p, 0, sizeof *p);
}

struct visits {
    struct kiosk        *k;
    struct picks         residents, staff, purposes, committees;
    /* the visit form */
    int64_t              id, version;
    /* the visit list's filter */
    struct visit_filter  filter;
    char                 from[11], to[11], purpose[64], committee[64];
    /* the follow-ups list */
    bool                 mine, all_open;
};

static bool
committee_bound(const struct kiosk *k)
{
    return k->ctx.who.role == ROLE_STAFF || k->ctx.who.role == ROLE_DIRECTOR;
}

static const char *
purpose_name(const struct kiosk *k, const char *id)
{
    const struct cfg_item *p = config_item(&k->ctx.cfg->visit_purposes, id);

    return p != NULL ? p->name : id;
}

static void
options(struct picks *p, const struct pick_item **items, size_t *n)
{
    *items = p->items;
    *n = p->n;
}

static void
resident_options(void *arg, const struct pick_item **items, size_t *n)
{
    options(&((struct visits *)arg)->residents, items, n);
}

static void
staff_options(void *arg, const struct pick_item **items, size_t *n)
{
    options(&((struct visits *)arg)->staff, items, n);
}

static void
purpose_options(void *arg, const struct pick_item **items, size_t *n)
{
    options(&((struct visits *)arg)->purposes, items, n);
}

static void
committee_options(void *arg, const struct pick_item **items, size_t *n)
{
    options(&((struct visits *)arg)->committees, items, n);
}

/* "张三丰  3-2-101  138****5678": enough to tell two residents apart,
 * with the phone masked as in every list. */
static void
add_resident(struct picks *p, const struct resident *r)
{
    char id[24], *phone = residents_mask_phone(r->phone);
    char *name = xasprintf("%s  %s  %s", r->name, r->address, phone);

    snprintf(id, sizeof id, "%lld", (long long)r->id);
    picks_add(p, id, name);
    free(name);
    free(phone);
}

/* Who may be named as the visitor: the committee's active staff and its
 * street office. */
static void
load_staff(struct visits *s, const char *committee)
{
    const struct cfg_committee *c = config_committee(s->k->ctx.cfg, committee);
    struct staff *v = NULL;
    size_t n = 0;
    struct error e = { 0 };

    picks_free(&s->staff);
    if (staff_list(&s->k->ctx, false, &v, &n, &e) < 0)
        return;
    for (size_t i = 0; i < n; i++) {
        char id[24], *name;

        if (!(strcmp(v[i].committee, committee) == 0 ||
              (v[i].role == ROLE_STREET && c != NULL &&
               strcmp(v[i].district, c->district) == 0)))
            continue;
        snprintf(id, sizeof id, "%lld", (long long)v[i].id);
        name = xasprintf("%s (%s)", v[i].name, v[i].login);
        picks_add(&s->staff, id, name);
        free(name);
    }
    free(v);
}

/* --- the visit form -------------------------------------------------- */

static const struct form_field visit_fields[] = {
    { .name = "resident_id", .label = N_("Resident"), .type = FT_CHOICE,
      .width = 44, .required = true, .options = resident_options,
      .help = N_("who was visited: one of the residents found; to find "
                 "another, leave the form and press F5 again") },
    { .name = "date", .label = N_("Date"), .type = FT_DATE, .width = 12,
      .required = true,
      .help = N_("the day of the visit, not in the future: YYYY-MM-DD, "
                 "今天 or 昨天; + and - step a day") },
    { .name = "staff_id", .label = N_("Visited by"), .type = FT_CHOICE,
      .width = 24, .required = true, .options = staff_options,
      .help = N_("who made the visit") },
    { .name = "purpose", .label = N_("Purpose"), .type = FT_CHOICE,
      .width = 20, .required = true, .options = purpose_options },
    { .name = "discussed", .label = N_("Discussed"), .type = FT_LONGTEXT,
      .height = 2, .max_chars = VISIT_TEXT_MAX,
      .help = N_("what was talked about") },
    { .name = "outcome", .label = N_("Outcome"), .type = FT_LONGTEXT,
      .height = 2, .max_chars = VISIT_TEXT_MAX,
      .help = N_("what came of it, what was promised") },
    { .name = "followup_needed", .label = N_("Follow-up"), .type = FT_YESNO,
      .width = 6, .help = N_("must someone go back? Y or N") },
    { .name = "followup_date", .label = N_("Follow-up by"), .type = FT_DATE,
      .width = 12, .help = N_("by when; needed for a follow-up, not before "
                              "the visit") },
};

static int
visit_save(struct form *f, void *arg, struct error *e)
{
    struct visits *s = arg;
    char *res = form_get(f, "resident_id"), *date = form_get(f, "date");
    char *staff = form_get(f, "staff_id"), *purpose = form_get(f, "purpose");
    char *discussed = form_get(f, "discussed");
    char *outcome = form_get(f, "outcome");
    char *needed = form_get(f, "followup_needed");
    char *fdate = form_get(f, "followup_date");
    struct visit_input in = {
        .date = date, .staff_id = strtoll(staff, NULL, 10),
        .resident_id = strtoll(res, NULL, 10), .purpose = purpose,
        .discussed = discussed, .outcome = outcome,
        .followup_needed = strcmp(needed, "1") == 0, .followup_date = fdate,
    };
    int rc;

    if (in.staff_id == 0)
        rc = error_set(e, E_INVAL, "staff_id", _("choose who made the visit"));
    else if (s->id != 0)
        rc = visits_update(&s->k->ctx, s->id, s->version, &in, e);
    else
        rc = visits_add(&s->k->ctx, &in, NULL, e);
    free(res);
    free(date);
    free(staff);
    free(purpose);
    free(discussed);
    free(outcome);
    free(needed);
    free(fdate);
    return rc;
}

/* The visit form for a new visit (v NULL) or an edit; s->residents holds
 * the residents to choose from. False when the kiosk is quitting. */
static bool
run_form(struct visits *s, const struct visit *v, int64_t resident,
         const struct draft *d)
{
    struct kiosk *k = s->k;
    struct resident *r = xcalloc(1, sizeof *r);
    struct error e = { 0 };
    struct form *f;
    enum form_result res;
    char id[24], today[11];

    if (residents_get(&k->ctx, v != NULL ? v->resident_id : resident, r,
                      &e) < 0) {
        dialog_message(k, true, _("Visit"), e.msg);
        free(r);
        return true;
    }
    if (s->residents.n == 0)
        add_resident(&s->residents, r);
    load_staff(s, r->committee);
    s->id = v != NULL ? v->id : 0;
    s->version = v != NULL ? v->version : 0;
    f = form_new(k, v != NULL ? _("Edit visit") : _("New visit"),
                 visit_fields, ARRAY_LEN(visit_fields), s);
    f->save = visit_save;
    f->draft_kind = "visit";
    f->draft_record = s->id;
    f->draft_version = s->version;
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    form_set(f, "resident_id", id);
    if (v != NULL) {
        snprintf(id, sizeof id, "%lld", (long long)v->staff_id);
        form_set(f, "date", v->date);
        form_set(f, "staff_id", id);
        form_set(f, "purpose", v->purpose);
        form_set(f, "discussed", v->discussed);
        form_set(f, "outcome", v->outcome);
        form_set(f, "followup_needed", v->followup_needed ? "1" : "0");
        form_set(f, "followup_date", v->followup_date);
    } else {
        snprintf(id, sizeof id, "%lld", (long long)k->ctx.who.staff_id);
        form_set(f, "date", date_format(date_today(), today));
        form_set(f, "staff_id", id);
        if (s->purposes.n > 0)
            form_set(f, "purpose", s->purposes.items[0].id);
        form_set(f, "followup_needed", "0");
    }
    if (d != NULL)
        form_from_draft(f, d);
    res = form_run(f);
    form_free(f);
    free(r);
    picks_free(&s->residents);
    return res != FORM_QUIT;
}

static const struct form_field find_fields[] = {
    { .name = "find", .label = N_("Resident"), .type = FT_TEXT, .width = 32,
      .max_chars = 40, .required = true,
      .help = N_("part of the name, the pinyin initials (zsf for 张三丰), "
                 "part of the address (3-2-101) or phone digits") },
};

static int
find_save(struct form *f, void *arg, struct error *e)
{
    struct visits *s = arg;
    char *text = form_get(f, "find");
    struct resident_filter rf = { .find = text };
    struct resident *v = xcalloc(100, sizeof *v);
    int got = 0, rc;

    picks_free(&s->residents);
    rc = residents_page(&s->k->ctx, &rf, PAGE_FIRST, NULL, 0, 100, v, &got, e);
    if (rc == 0 && got == 0)
        rc = error_set(e, E_NOTFOUND, "find", _("no resident matches this"));
    for (int i = 0; rc == 0 && i < got; i++)
        add_resident(&s->residents, &v[i]);
    free(v);
    free(text);
    return rc;
}

/* The resident picker: what to look for, then one of the matches from the
 * register's search. Returns the resident's id, 0 when cancelled; sets
 * *alive to false when the kiosk is quitting. */
static int64_t
pick_resident(struct visits *s, bool *alive)
{
    for (;;) {
        struct form *f = form_new(s->k, _("Which resident was visited?"),
                                  find_fields, 1, s);
        enum form_result r;
        int i;

        f->save = find_save;
        f->save_label = N_("Find");
        r = form_run(f);
        form_free(f);
        if (r != FORM_SAVED) {
            *alive = r != FORM_QUIT;
            return 0;
        }
        i = dialog_pick(s->k, _("Choose the resident"), s->residents.items,
                        s->residents.n, 0);
        if (i >= 0)
            return strtoll(s->residents.items[i].id, NULL, 10);
    }
}

static bool
new_visit(struct visits *s, int64_t resident)
{
    bool alive = true;

    if (resident == 0 && (resident = pick_resident(s, &alive)) == 0)
        return alive;
    return run_form(s, NULL, resident, NULL);
}

static bool
edit_visit(struct visits *s, int64_t id)
{
    struct visit *v = xmalloc(sizeof *v);
    struct error e = { 0 };
    bool alive = true;

    if (visits_get(&s->k->ctx, id, v, &e) < 0)
        dialog_message(s->k, true, _("Visit"), e.msg);
    else
        alive = run_form(s, v, 0, NULL);
    free(v);
    return alive;
}

static void
mark_done(struct visits *s, int64_t id)
{
    struct visit *v = xmalloc(sizeof *v);
    struct error e = { 0 };

    if (visits_get(&s->k->ctx, id, v, &e) == 0) {
        char *q = xasprintf(_("The follow-up of the visit to %s on %s is "
                              "done?"), v->resident_name, v->date);

        if (dialog_confirm(s->k, _("Follow-up done"), q, true))
            visits_followup_done(&s->k->ctx, id, v->version, &e);
        free(q);
    }
    if (e.code != E_OK)
        dialog_message(s->k, true, _("Not changed"), e.msg);
    free(v);
}

static void
delete_visit(struct visits *s, int64_t id)
{
    struct visit *v = xmalloc(sizeof *v);
    struct error e = { 0 };

    if (visits_get(&s->k->ctx, id, v, &e) == 0) {
        char *q = xasprintf(_("Delete the visit to %s on %s?"),
                            v->resident_name, v->date);

        if (dialog_confirm(s->k, _("Delete"), q, false))
            visits_delete(&s->k->ctx, id, v->version, &e);
        free(q);
    }
    if (e.code != E_OK)
        dialog_message(s->k, true, _("Not deleted"), e.msg);
    free(v);
}

/* --- the visit list -------------------------------------------------- */

static const struct list_column visit_columns[] = {
    { N_("Date"), 10, false },
    { N_("Resident"), 8, false },
    { N_("Address"), 10, false },
    { N_("Visitor"), 8, false },
    { N_("Purpose"), 8, false },
    { N_("Follow-up"), 10, false },
    { N_("Outcome"), 0, false },
};

static const struct binding visit_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_FIND, N_("Filter"), N_("show visits of a date range, a person, a "
                                 "purpose") },
    { ACT_EDIT, N_("Edit"), N_("change the selected visit (also Enter)") },
    { ACT_NEW, N_("New"), N_("record a visit: find the resident first") },
    { ACT_F6, N_("Due"), N_("the follow-ups due or overdue") },
    { ACT_F7, N_("Unseen"), N_("residents with a tag not visited for a "
                               "number of days") },
    { ACT_DELETE, N_("Delete"), N_("delete the selected visit") },
    { ACT_F9, N_("Done"), N_("the selected visit's follow-up is done") },
    { ACT_BACK, N_("Back"), N_("back to the home screen") },
};

/* "2023-11-20", "done", or nothing: what the follow-up column shows. */
static const char *
followup_cell(const struct visit *v)
{
    if (!v->followup_needed)
        return "";
    return v->followup_done ? _("done") : v->followup_date;
}

static void
visit_row(struct visits *s, struct page_row *row, const struct visit *v,
          const char *key)
{
    char today[11];
    const char *cells[] = {
        v->date, v->resident_name, v->resident_address, v->staff_name,
        purpose_name(s->k, v->purpose), followup_cell(v),
        v->outcome[0] != '\0' ? v->outcome : v->discussed,
    };

    page_row_set(row, v->id, key, (int)ARRAY_LEN(cells), cells);
    date_format(date_today(), today);
    row->warn = v->followup_needed && !v->followup_done &&
                strcmp(v->followup_date, today) <= 0;
}

static int
visit_fetch(void *arg, enum page_dir dir, const struct page_row *at, int n,
            struct page_row *rows, int *got, struct error *e)
{
    struct visits *s = arg;
    struct visit *v = xcalloc((size_t)n, sizeof *v);
    int m = 0;

    if (visits_page(&s->k->ctx, &s->filter, dir, at ? at->key : NULL,
                    at ? at->id : 0, n, v, &m, e) < 0) {
        free(v);
        return -1;
    }
    for (int i = 0; i < m; i++)
        visit_row(s, &rows[i], &v[i], v[i].date);
    *got = m;
    free(v);
    return 0;
}

static long
visit_count(void *arg)
{
    struct visits *s = arg;

    return visits_page_count(&s->k->ctx, &s->filter);
}

static const struct form_field filter_fields[] = {
    { .name = "from", .label = N_("From"), .type = FT_DATE, .width = 12,
      .help = N_("the first day; empty: from the start") },
    { .name = "to", .label = N_("To"), .type = FT_DATE, .width = 12,
      .help = N_("the last day; empty: up to today") },
    { .name = "staff_id", .label = N_("Visited by"), .type = FT_CHOICE,
      .width = 24, .options = staff_options },
    { .name = "purpose", .label = N_("Purpose"), .type = FT_CHOICE,
      .width = 20, .options = purpose_options },
    { .name = "committee_id", .label = N_("Committee"), .type = FT_CHOICE,
      .width = 30, .options = committee_options },
};

static int
filter_save(struct form *f, void *arg, struct error *e)
{
    struct visits *s = arg;
    char *from = form_get(f, "from"), *to = form_get(f, "to");
    char *staff = form_get(f, "staff_id"), *purpose = form_get(f, "purpose");
    int rc = 0;

    if (*from != '\0' && *to != '\0' && strcmp(from, to) > 0) {
        rc = error_set(e, E_INVAL, "to", _("the last day is before the "
                                           "first"));
    } else {
        snprintf(s->from, sizeof s->from, "%s", from);
        snprintf(s->to, sizeof s->to, "%s", to);
        snprintf(s->purpose, sizeof s->purpose, "%s", purpose);
        s->filter.staff_id = strtoll(staff, NULL, 10);
        if (!committee_bound(s->k)) {
            char *c = form_get(f, "committee_id");

            snprintf(s->committee, sizeof s->committee, "%s", c);
            free(c);
        }
    }
    free(from);
    free(to);
    free(staff);
    free(purpose);
    return rc;
}

/* Everyone the session sees, for filtering by person. */
static void
load_all_staff(struct visits *s)
{
    struct staff *v = NULL;
    size_t n = 0;
    struct error e = { 0 };

    picks_free(&s->staff);
    picks_add(&s->staff, "", _("(anyone)"));
    if (staff_list(&s->k->ctx, true, &v, &n, &e) < 0)
        return;
    for (size_t i = 0; i < n; i++) {
        char id[24], *name = xasprintf("%s (%s)", v[i].name, v[i].login);

        snprintf(id, sizeof id, "%lld", (long long)v[i].id);
        picks_add(&s->staff, id, name);
        free(name);
    }
    free(v);
}

static bool
filter_form(struct visits *s)
{
    struct form *f;
    enum form_result r;
    char id[24];

    load_all_staff(s);
    f = form_new(s->k, _("Filter visits"), filter_fields,
                 committee_bound(s->k) ? 4 : 5, s);
    f->save = filter_save;
    f->save_label = N_("Filter");
    snprintf(id, sizeof id, "%lld", (long long)s->filter.staff_id);
    form_set(f, "from", s->from);
    form_set(f, "to", s->to);
    form_set(f, "staff_id", s->filter.staff_id != 0 ? id : "");
    form_set(f, "purpose", s->purpose);
    if (!committee_bound(s->k))
        form_set(f, "committee_id", s->committee);
    r = form_run(f);
    form_free(f);
    picks_free(&s->staff);
    return r != FORM_QUIT;
}

static void
visit_filter_desc(struct visits *s, char *buf, size_t size)
{
    const struct cfg_committee *c = config_committee(s->k->ctx.cfg,
                                                     s->committee);

    snprintf(buf, size, "%s%s%s%s%s%s%s", s->from, s->from[0] || s->to[0]
             ? " – " : "", s->to, s->purpose[0] ? " · " : "",
             s->purpose[0] ? purpose_name(s->k, s->purpose) : "",
             c != NULL ? " · " : "", c != NULL ? c->name : "");
    if (s->filter.staff_id != 0) {
        size_t len = strlen(buf);

        snprintf(buf + len, size - len, _(" · one person's"));
    }
}

/* --- follow-ups due -------------------------------------------------- */

static const struct list_column followup_columns[] = {
    { N_("Due on"), 10, false },
    { N_("Resident"), 8, false },
    { N_("Address"), 10, false },
    { N_("Visitor"), 8, false },
    { N_("Visit date"), 10, false },
    { N_("Purpose"), 0, false },
};

static const struct binding followup_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_FIND, N_("Whose"), N_("only my follow-ups, or everyone's") },
    { ACT_EDIT, N_("Edit"), N_("open the selected visit (also Enter)") },
    { ACT_F6, N_("Later"), N_("also the follow-ups due later, or only those "
                              "due by today") },
    { ACT_F9, N_("Done"), N_("the selected follow-up is done") },
    { ACT_BACK, N_("Back"), N_("back") },
};

static void
followup_filter_of(struct visits *s, struct followup_filter *f, char *today)
{
    f->until = s->all_open ? NULL : date_format(date_today(), today);
    f->staff_id = s->mine ? s->k->ctx.who.staff_id : 0;
    f->committee = NULL;
}

static int
followup_fetch(void *arg, enum page_dir dir, const struct page_row *at, int n,
               struct page_row *rows, int *got, struct error *e)
{
    struct visits *s = arg;
    struct visit *v = xcalloc((size_t)n, sizeof *v);
    struct followup_filter f;
    char today[11];
    int m = 0;

    followup_filter_of(s, &f, today);
    if (visits_followups_page(&s->k->ctx, &f, dir, at ? at->key : NULL,
                              at ? at->id : 0, n, v, &m, e) < 0) {
        free(v);
        return -1;
    }
    for (int i = 0; i < m; i++) {
        const char *cells[] = {
            v[i].followup_date, v[i].resident_name, v[i].resident_address,
            v[i].staff_name, v[i].date, purpose_name(s->k, v[i].purpose),
        };

        page_row_set(&rows[i], v[i].id, v[i].followup_date,
                     (int)ARRAY_LEN(cells), cells);
        rows[i].warn = strcmp(v[i].followup_date, today) < 0;
    }
    *got = m;
    free(v);
    return 0;
}

static long
followup_count(void *arg)
{
    struct visits *s = arg;
    struct followup_filter f;
    char today[11];

    followup_filter_of(s, &f, today);
    return visits_followups_count(&s->k->ctx, &f);
}

static bool
followups(struct visits *s)
{
    struct page_source src = { .arg = s, .fetch = followup_fetch,
                               .count = followup_count };
    struct list l = {
        .k = s->k, .title = _("Visit follow-ups"), .cols = followup_columns,
        .ncols = (int)ARRAY_LEN(followup_columns), .src = &src,
        .keys = followup_keys, .nkeys = (int)ARRAY_LEN(followup_keys),
        .help = N_("Follow-ups not yet done, the most overdue first; "
                   "overdue ones are marked."),
    };
    bool alive = true, done = false;

    while (alive && !done) {
        const struct page_row *row;

        l.filter_desc = s->mine ? (s->all_open ? _("Mine, all open")
                                               : _("Mine, due by today"))
                                : (s->all_open ? _("Everyone's, all open")
                                               : _("Everyone's, due by today"));
        switch (list_run(&l, &row)) {
        case ACT_ENTER:
        case ACT_EDIT:
            if (row != NULL)
                alive = edit_visit(s, row->id);
            break;
        case ACT_F9:
            if (row != NULL)
                mark_done(s, row->id);
            break;
        case ACT_FIND:
            s->mine = !s->mine;
            list_reset(&l);
            break;
        case ACT_F6:
            s->all_open = !s->all_open;
            list_reset(&l);
            break;
        case ACT_QUIT:
            alive = false;
            break;
        default:
            done = true;
            break;
        }
    }
    list_free(&l);
    return alive;
}

/* --- the screen ------------------------------------------------------ */

static void
setup(struct visits *s, struct kiosk *k)
{
    const struct config *cfg = k->ctx.cfg;

    memset(s, 0, sizeof *s);
    s->k = k;
    s->filter.from = s->from;
    s->filter.to = s->to;
    s->filter.purpose = s->purpose;
    s->filter.committee = s->committee;
    for (size_t i = 0; i < cfg->visit_purposes.n; i++)
        picks_add(&s->purposes, cfg->visit_purposes.items[i].id,
                  cfg->visit_purposes.items[i].name);
    picks_add(&s->committees, "", _("(all)"));
    for (size_t i = 0; i < cfg->ncommittees; i++)
        picks_add(&s->committees, cfg->committees[i].id,
                  cfg->committees[i].name);
}

static void
cleanup(struct visits *s)
{
    picks_free(&s->residents);
    picks_free(&s->staff);
    picks_free(&s->purposes);
    picks_free(&s->committees);
}

static void
run(struct kiosk *k, const struct draft *d)
{
    struct visits *s = xmalloc(sizeof *s);
    struct page_source src = { .arg = s, .fetch = visit_fetch,
                               .count = visit_count };
    struct list l = {
        .k = k, .title = _("Visits"), .cols = visit_columns,
        .ncols = (int)ARRAY_LEN(visit_columns), .src = &src,
        .keys = visit_keys, .nkeys = (int)ARRAY_LEN(visit_keys),
        .help = N_("Visits newest first; a follow-up due or overdue is "
                   "marked."),
    };
    char desc[256];
    bool alive = true;

    setup(s, k);
    if (d != NULL) {
        const char *res = draft_value(d, "resident_id");
        struct visit *v = xcalloc(1, sizeof *v);
        struct error e = { 0 };

        if (d->record_id != 0 && visits_get(&k->ctx, d->record_id, v, &e) < 0)
            dialog_message(k, true, _("Visit"), e.msg);
        else
            alive = run_form(s, d->record_id != 0 ? v : NULL,
                             res != NULL ? strtoll(res, NULL, 10) : 0, d);
        free(v);
    }
    while (alive) {
        const struct page_row *row;
        enum action act = list_run(&l, &row);

        switch (act) {
        case ACT_NEW:
            alive = new_visit(s, 0);
            break;
        case ACT_ENTER:
        case ACT_EDIT:
            if (row != NULL)
                alive = edit_visit(s, row->id);
            break;
        case ACT_F9:
            if (row != NULL)
                mark_done(s, row->id);
            break;
        case ACT_DELETE:
            if (row != NULL)
                delete_visit(s, row->id);
            break;
        case ACT_FIND:
            alive = filter_form(s);
            list_reset(&l);
            break;
        case ACT_F6:
            s->mine = committee_bound(k) && k->ctx.who.role == ROLE_STAFF;
            alive = followups(s);
            break;
        case ACT_F7:
            alive = screen_residents_neglected(k);
            break;
        default:
            alive = false;
            break;
        }
        visit_filter_desc(s, desc, sizeof desc);
        l.filter_desc = desc;
    }
    list_free(&l);
    cleanup(s);
    free(s);
}

void
screen_visits(struct kiosk *k)
{
    run(k, NULL);
}

void
screen_visits_resume(struct kiosk *k, const struct draft *d)
{
    run(k, d);
}

bool
screen_visit_new(struct kiosk *k, int64_t resident_id)
{
    struct visits *s = xmalloc(sizeof *s);
    bool alive;

    setup(s, k);
    alive = new_visit(s, resident_id);
    cleanup(s);
    free(s);
    return alive;
}

bool
screen_visit_edit(struct kiosk *k, int64_t id)
{
    struct visits *s = xmalloc(sizeof *s);
    bool alive;

    setup(s, k);
    alive = edit_visit(s, id);
    cleanup(s);
    free(s);
    return alive;
}

void
screen_followups_mine(struct kiosk *k)
{
    struct visits *s = xmalloc(sizeof *s);

    setup(s, k);
    s->mine = true;
    followups(s);
    cleanup(s);
    free(s);
}

/* "My visit follow-ups due: N", marked when some are overdue. */
bool
screen_visits_agenda(struct kiosk *k, char **text, bool *warn)
{
    long due = visits_followups_due(&k->ctx), late;
    char yesterday[11];
    struct followup_filter f = { .staff_id = k->ctx.who.staff_id };

    if (due <= 0)
        return false;
    f.until = date_format(date_today() - 1, yesterday);
    late = visits_followups_count(&k->ctx, &f);
    *text = xasprintf(_("My visit follow-ups due: %ld"), due);
    *warn = late > 0;
    return true;
}
