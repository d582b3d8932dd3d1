/* screen_reports.c — the monthly report on screen: the same lines the
 * command line prints (report_text), scrolled; the month and the scope
 * chosen with F3 or stepped with Left/Right; exports into the export
 * directory (the report with F2, the month's data with F4); and, for the
 * street office, signing off a committee's month (F6) and reopening it
 * with a reason (F7). */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/config.h"
#include "juwei/export.h"
#include "juwei/report.h"
#include "juwei/signoff.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/draw.h"
#include "juwei/ui/form.h"
#include "juwei/ui/screens.h"

#define TOP 1                   /* the first row of report text */

static const struct binding keys_street[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_SAVE, N_("Export"), N_("write this report to a file in the "
                                 "export directory (Excel or CSV)") },
    { ACT_FIND, N_("Choose"), N_("choose the month and the committee or "
                                 "district") },
    { ACT_EDIT, N_("Data"), N_("export the month's records, inspections, "
                               "visits … of this scope") },
    { ACT_F6, N_("Sign"), N_("sign off this committee's month: its "
                                 "records, visits and inspections become "
                                 "read-only") },
    { ACT_F7, N_("Reopen"), N_("reopen a signed-off month, saying why") },
    { ACT_LEFT, N_("Month -"), N_("the month before (Left)") },
    { ACT_RIGHT, N_("Month +"), N_("the month after (Right)") },
    { ACT_BACK, N_("Back"), N_("back to the home screen") },
};
/* Everyone else: no sign-off keys. */
static const struct binding keys_other[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_SAVE, N_("Export"), N_("write this report to a file in the "
                                 "export directory (Excel or CSV)") },
    { ACT_FIND, N_("Choose"), N_("choose the month and the committee or "
                                 "district") },
    { ACT_EDIT, N_("Data"), N_("export the month's records, inspections, "
                               "visits … of this scope") },
    { ACT_LEFT, N_("Month -"), N_("the month before (Left)") },
    { ACT_RIGHT, N_("Month +"), N_("the month after (Right)") },
    { ACT_BACK, N_("Back"), N_("back to the home screen") },
};

struct reports {
    struct kiosk     *k;
    char              month[8];
    char              scope[80];      /* "all", "d:ID" or "c:ID" */
    struct report    *r;
    char            **lines;
    size_t            nlines;
    int               top;
    int               width;          /* COLS the lines were made for */
    char             *error;          /* why there is no report */
    struct pick_item *scopes;
    char            **scope_ids;      /* owned strings of scopes[].id */
    char            **scope_names;
    size_t            nscopes;
};

static const char *
scope_committee(const struct reports *s)
{
    return strncmp(s->scope, "c:", 2) == 0 ? s->scope + 2 : NULL;
}

static const char *
scope_district(const struct reports *s)
{
    return strncmp(s->scope, "d:", 2) == 0 ? s->scope + 2 : NULL;
}

static void
drop_lines(struct reports *s)
{
    report_lines_free(s->lines, s->nlines);
    s->lines = NULL;
    s->nlines = 0;
}

static void
make_lines(struct reports *s)
{
    drop_lines(s);
    s->width = COLS;
    if (s->r != NULL)
        s->lines = report_text(s->r, COLS - 2, s->k->ascii_only, &s->nlines);
}

/* Builds the report of s->month and s->scope; on failure the old one is
 * kept and *e says why. */
static int
build(struct reports *s, struct error *e)
{
    struct report *r;

    if (report_monthly(&s->k->ctx, s->month, scope_committee(s),
                       scope_district(s), &r, e) < 0)
        return -1;
    report_free(s->r);
    s->r = r;
    free(s->error);
    s->error = NULL;
    s->top = 0;
    make_lines(s);
    return 0;
}

/* What the status line says: the sign-off of the committee, or how many
 * of the district's committees are signed off. */
static char *
signoff_line(const struct reports *s)
{
    const struct report_table *t;
    size_t signed_off = 0;

    if (s->r == NULL)
        return xstrdup("");
    t = &s->r->tables[REPORT_SIGNOFF];
    for (size_t i = 0; i < t->nrows; i++)
        signed_off += t->rows[i].v[0] == SIGNOFF_SIGNED;
    if (s->r->scope.kind == RSCOPE_COMMITTEE && t->nrows == 1) {
        const struct report_row *row = &t->rows[0];

        if (*row->text[1] != '\0')
            return xasprintf(_("%s: %s by %s on %s"), s->r->month,
                             row->text[0], row->text[1], row->text[2]);
        return xasprintf(_("%s: %s"), s->r->month, row->text[0]);
    }
    return xasprintf(_("%s: %zu of %zu committees signed off"), s->r->month,
                     signed_off, t->nrows);
}

static int
view_rows(void)
{
    return LINES - TOP - 2;
}

static void
view_draw(void *arg)
{
    struct reports *s = arg;
    char *status;

    if (s->width != COLS)
        make_lines(s);
    erase();
    curs_set(0);
    kiosk_draw_title(s->k, _("Monthly report"));
    if (s->error != NULL)
        draw_text(TOP + 1, 2, COLS - 4, T_ERROR, s->error);
    for (int i = 0; i < view_rows() && s->top + i < (int)s->nlines; i++) {
        const char *line = s->lines[s->top + i];

        /* Titles start in the first column; table rows are indented. */
        draw_text(TOP + i, 1, COLS - 2,
                  *line != ' ' && *line != '\0' ? T_LABEL : T_NORMAL, line);
    }
    status = signoff_line(s);
    if ((int)s->nlines > view_rows()) {
        char *more = xasprintf(_("%s · lines %d-%d of %zu"), status,
                               s->top + 1,
                               s->top + view_rows() < (int)s->nlines
                               ? s->top + view_rows() : (int)s->nlines,
                               s->nlines);

        free(status);
        status = more;
    }
    kiosk_status(s->k, false, "%s", status);
    free(status);
}

static void
scroll_to(struct reports *s, int top)
{
    int max = (int)s->nlines - view_rows();

    if (top > max)
        top = max;
    if (top < 0)
        top = 0;
    if (top != s->top) {
        s->top = top;
        kiosk_repaint(s->k);
    }
}

/* --- the month and the scope -------------------------------------------- */

static void
month_text(char month[static 8], int y, int m)
{
    char buf[32];

    snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    snprintf(month, 8, "%.7s", buf);
}

static void
add_scope(struct reports *s, const char *id, const char *name)
{
    s->scope_ids = xreallocarray(s->scope_ids, s->nscopes + 1,
                                 sizeof *s->scope_ids);
    s->scope_names = xreallocarray(s->scope_names, s->nscopes + 1,
                                   sizeof *s->scope_names);
    s->scope_ids[s->nscopes] = xstrdup(id);
    s->scope_names[s->nscopes] = xstrdup(name);
    s->nscopes++;
}

/* What this account may choose: its committee; the street office its
 * district and each committee of it; an administrator everything. */
static void
setup_scopes(struct reports *s)
{
    const struct session *who = &s->k->ctx.who;
    const struct config *cfg = s->k->ctx.cfg;

    if (who->role == ROLE_ADMIN)
        add_scope(s, "all", _("All districts"));
    for (size_t i = 0; i < cfg->ndistricts; i++) {
        char *id = xasprintf("d:%s", cfg->districts[i].id);

        if (who->role == ROLE_ADMIN ||
            (who->role == ROLE_STREET &&
             strcmp(cfg->districts[i].id, who->district) == 0))
            add_scope(s, id, cfg->districts[i].name);
        free(id);
    }
    for (size_t i = 0; i < cfg->ncommittees; i++) {
        const struct cfg_committee *c = &cfg->committees[i];
        char *id = xasprintf("c:%s", c->id);

        if (session_sees(who, c->id, c->district))
            add_scope(s, id, c->name);
        free(id);
    }
    s->scopes = xcalloc(s->nscopes, sizeof *s->scopes);
    for (size_t i = 0; i < s->nscopes; i++) {
        s->scopes[i].id = s->scope_ids[i];
        s->scopes[i].name = s->scope_names[i];
    }
    if (s->nscopes > 0)
        snprintf(s->scope, sizeof s->scope, "%s",
                 who->role == ROLE_ADMIN && s->nscopes > 1 ? s->scope_ids[1]
                                                           : s->scope_ids[0]);
}

static void
scope_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct reports *s = arg;

    *items = s->scopes;
    *n = s->nscopes;
}

static const struct form_field choose_fields[] = {
    { .name = "month", .label = N_("Month"), .type = FT_TEXT, .width = 8,
      .max_chars = 7, .required = true,
      .help = N_("the month as YYYY-MM, e.g. 2026-03") },
    { .name = "scope", .label = N_("Scope"),
      .type = FT_CHOICE, .width = 40, .required = true,
      .options = scope_options,
      .help = N_("one committee, or the whole district") },
};

static int
choose_save(struct form *f, void *arg, struct error *e)
{
    struct reports *s = arg;
    char *month = form_get(f, "month"), *scope = form_get(f, "scope");
    char old_month[8], old_scope[80];
    int rc;

    memcpy(old_month, s->month, sizeof old_month);
    memcpy(old_scope, s->scope, sizeof old_scope);
    snprintf(s->month, sizeof s->month, "%.7s", month);
    snprintf(s->scope, sizeof s->scope, "%s", scope);
    rc = build(s, e);
    if (rc < 0) {
        memcpy(s->month, old_month, sizeof s->month);
        memcpy(s->scope, old_scope, sizeof s->scope);
        /* Anything not about the month is about the scope chosen. */
        if (strcmp(e->field, "month") != 0)
            snprintf(e->field, sizeof e->field, "scope");
    }
    free(month);
    free(scope);
    return rc;
}

static bool
choose(struct reports *s)
{
    struct form *f = form_new(s->k, _("Which report"), choose_fields,
                              ARRAY_LEN(choose_fields), s);
    enum form_result r;

    f->save = choose_save;
    f->save_label = N_("Show");
    form_set(f, "month", s->month);
    form_set(f, "scope", s->scope);
    r = form_run(f);
    form_free(f);
    return r != FORM_QUIT;
}

static void
step_month(struct reports *s, int delta)
{
    struct error e = { 0 };
    char old[8];
    date_t first, last, d;
    int y, m, day;

    if (!report_month_parse(s->month, &first, &last))
        return;
    d = delta < 0 ? first - 1 : last + 1;
    date_to_ymd(d, &y, &m, &day);
    memcpy(old, s->month, sizeof old);
    month_text(s->month, y, m);
    if (build(s, &e) < 0) {
        memcpy(s->month, old, sizeof s->month);
        kiosk_repaint(s->k);
        kiosk_status(s->k, true, "%s", e.msg);
        refresh();
        return;
    }
    kiosk_repaint(s->k);
}

/* --- exports -------------------------------------------------------------- */

static void
progress(void *arg, long rows)
{
    struct reports *s = arg;

    dialog_progress(s->k, _("Exporting…"), rows, 0);
}

static bool
pick_format(struct reports *s, enum export_format *f)
{
    static const struct pick_item formats[] = {
        { "xlsx", N_("Excel workbook (.xlsx)") },
        { "csv", N_("CSV text (.csv)") },
    };
    struct pick_item items[2];
    int i;

    for (int j = 0; j < 2; j++) {
        items[j].id = formats[j].id;
        items[j].name = _(formats[j].name);
    }
    i = dialog_pick(s->k, _("Format"), items, 2, 0);
    if (i < 0)
        return false;
    *f = i == 0 ? EXPORT_XLSX : EXPORT_CSV;
    return true;
}

static void
run_export(struct reports *s, struct export_opts *o)
{
    struct error e = { 0 };
    char *path = NULL, *msg;
    long rows = 0;

    o->committee = scope_committee(s);
    o->district = scope_district(s);
    o->progress = progress;
    o->progress_arg = s;
    dialog_progress(s->k, _("Exporting…"), 0, 0);
    if (export_to_dir(&s->k->ctx, o, s->k->ctx.cfg->site.export_dir, &path,
                      &rows, &e) < 0) {
        kiosk_repaint(s->k);
        dialog_message(s->k, true, _("Not exported"), e.msg);
        return;
    }
    msg = xasprintf(ngettext("%ld row written to %s",
                             "%ld rows written to %s", (unsigned long)rows),
                    rows, path);
    kiosk_repaint(s->k);
    dialog_message(s->k, false, _("Exported"), msg);
    free(msg);
    free(path);
}

static void
export_report(struct reports *s)
{
    struct export_opts o;

    if (s->r == NULL)
        return;
    export_opts_init(&o, EXPORT_REPORT);
    o.month = s->month;
    if (pick_format(s, &o.format))
        run_export(s, &o);
}

static void
export_data(struct reports *s)
{
    static const enum export_kind order[] = {
        EXPORT_RECORDS, EXPORT_INSPECTIONS, EXPORT_VISITS, EXPORT_LEAVE,
        EXPORT_TRAINING, EXPORT_RESIDENTS, EXPORT_ASSESSMENT, EXPORT_AUDIT,
    };
    struct pick_item items[ARRAY_LEN(order)];
    enum export_kind kinds[ARRAY_LEN(order)];
    struct export_opts o;
    size_t n = 0;
    date_t first, last;
    int i;

    for (size_t j = 0; j < ARRAY_LEN(order); j++) {
        if (!export_allowed(&s->k->ctx, order[j]))
            continue;
        kinds[n] = order[j];
        items[n].id = export_kind_name(order[j]);
        items[n].name = export_kind_label(order[j]);
        n++;
    }
    if ((i = dialog_pick(s->k, _("Export which data"), items, n, 0)) < 0)
        return;
    export_opts_init(&o, kinds[i]);
    /* The month shown; the register of residents has no dates. */
    if (kinds[i] != EXPORT_RESIDENTS &&
        report_month_parse(s->month, &first, &last)) {
        o.from = first;
        o.to = last;
    }
    if (!pick_format(s, &o.format))
        return;
    if (kinds[i] == EXPORT_RESIDENTS &&
        (s->k->ctx.who.role == ROLE_STREET || s->k->ctx.who.role == ROLE_ADMIN))
        o.full = dialog_confirm(s->k, _("Residents"),
                                _("Include full phone and ID numbers? Say "
                                  "no unless the file must have them."),
                                false);
    run_export(s, &o);
}

/* --- sign-off --------------------------------------------------------------- */

static void
sign_off(struct reports *s)
{
    struct error e = { 0 };
    const char *committee = scope_committee(s);
    char *q;

    if (committee == NULL || s->r == NULL) {
        dialog_message(s->k, false, _("Sign off"),
                       _("A month is signed off for one committee: choose "
                         "the committee first (F3)."));
        return;
    }
    q = xasprintf(_("Sign off %s of %s? From then on its work records, "
                    "visits and inspections cannot be changed unless the "
                    "month is reopened."), s->month, s->r->scope.name);
    if (dialog_confirm(s->k, _("Sign off"), q, false)) {
        if (signoff_sign(&s->k->ctx, committee, s->month, &e) < 0)
            dialog_message(s->k, true, _("Not signed off"), e.msg);
        else if (build(s, &e) < 0)
            dialog_message(s->k, true, _("Monthly report"), e.msg);
    }
    free(q);
    kiosk_repaint(s->k);
}

static const struct form_field reopen_fields[] = {
    { .name = "reopen_reason", .label = N_("Reason"), .type = FT_TEXT,
      .width = 0, .max_chars = SIGNOFF_REASON_MAX, .required = true,
      .help = N_("why the month must be changed again; kept in the audit "
                 "log") },
};

static int
reopen_save(struct form *f, void *arg, struct error *e)
{
    struct reports *s = arg;
    char *why = form_get(f, "reopen_reason");
    int rc = signoff_reopen(&s->k->ctx, scope_committee(s), s->month, why, e);

    free(why);
    if (rc == 0)
        build(s, e);
    return rc;
}

static bool
reopen(struct reports *s)
{
    struct form *f;
    enum form_result r;
    char *title;

    if (scope_committee(s) == NULL || s->r == NULL) {
        dialog_message(s->k, false, _("Reopen"),
                       _("A month is reopened for one committee: choose "
                         "the committee first (F3)."));
        return true;
    }
    title = xasprintf(_("Reopen %s of %s"), s->month, s->r->scope.name);
    f = form_new(s->k, title, reopen_fields, ARRAY_LEN(reopen_fields), s);
    f->save = reopen_save;
    f->save_label = N_("Reopen");
    r = form_run(f);
    form_free(f);
    free(title);
    return r != FORM_QUIT;
}

/* --- the screen ------------------------------------------------------------- */

static void
last_month(char month[static 8])
{
    int y, m, d;

    date_to_ymd(date_today(), &y, &m, &d);
    if (--m == 0) {
        m = 12;
        y--;
    }
    month_text(month, y, m);
}

static void
free_all(struct reports *s)
{
    drop_lines(s);
    report_free(s->r);
    free(s->error);
    for (size_t i = 0; i < s->nscopes; i++) {
        free(s->scope_ids[i]);
        free(s->scope_names[i]);
    }
    free(s->scope_ids);
    free(s->scope_names);
    free(s->scopes);
}

void
screen_reports(struct kiosk *k)
{
    struct reports s = { .k = k };
    struct error e = { 0 };
    const struct binding *saved = k->bar;
    int nsaved = k->nbar;
    bool street = k->ctx.who.role == ROLE_STREET;

    last_month(s.month);
    setup_scopes(&s);
    if (build(&s, &e) < 0)
        s.error = xstrdup(e.msg);
    if (street)
        kiosk_set_bar(k, keys_street, (int)ARRAY_LEN(keys_street));
    else
        kiosk_set_bar(k, keys_other, (int)ARRAY_LEN(keys_other));
    kiosk_push(k, view_draw, &s);
    kiosk_repaint(k);
    for (bool done = false; !done;) {
        struct key key = kiosk_key(k, -1);

        switch (key.action) {
        case ACT_HELP:
            kiosk_help(k, _("Monthly report"),
                       _("The same figures as `juwei report monthly` and "
                         "the exports. Up/Down and PgUp/PgDn scroll; Left "
                         "and Right go to the month before and after. "
                         "Exports go to the export directory of the INI."));
            break;
        case ACT_DOWN:  scroll_to(&s, s.top + 1); break;
        case ACT_UP:    scroll_to(&s, s.top - 1); break;
        case ACT_PGDN:  scroll_to(&s, s.top + view_rows() - 1); break;
        case ACT_PGUP:  scroll_to(&s, s.top - view_rows() + 1); break;
        case ACT_HOME:  scroll_to(&s, 0); break;
        case ACT_END:   scroll_to(&s, (int)s.nlines); break;
        case ACT_LEFT:  step_month(&s, -1); break;
        case ACT_RIGHT: step_month(&s, 1); break;
        case ACT_SAVE:  export_report(&s); kiosk_repaint(k); break;
        case ACT_EDIT:  export_data(&s); kiosk_repaint(k); break;
        case ACT_FIND:
            done = !choose(&s);
            kiosk_repaint(k);
            break;
        case ACT_F6:
            if (street)
                sign_off(&s);
            break;
        case ACT_F7:
            if (street) {
                done = !reopen(&s);
                kiosk_repaint(k);
            }
            break;
        case ACT_REDRAW:
            kiosk_repaint(k);
            break;
        case ACT_BACK:
        case ACT_QUIT:
            done = true;
            break;
        default:
            break;
        }
    }
    kiosk_pop(k);
    kiosk_set_bar(k, saved, nsaved);
    free_all(&s);
}
