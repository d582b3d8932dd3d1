/* screen_assessment_sheet.c — one assessment sheet: four scores on the
 * left, the subject's year as juwei holds it on the right, so that a
 * score rests on the record. Its own small form because the generic one
 * has no place beside its fields; it keeps the same keys, per-field
 * messages, leave-with-changes question and drafts.
 *
 * With [assessment] scoring = grades each score is a grade picked from
 * the configured list (Enter or Space opens it, a letter opens it
 * filtered; Backspace clears), never typed into the field, which then
 * holds the grade's name. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/assessment.h"
#include "juwei/draft.h"
#include "juwei/roster.h"
#include "juwei/text.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/draw.h"
#include "juwei/ui/field.h"
#include "juwei/ui/screens.h"

#define LABEL_X 2
#define INPUT_X 16
#define INPUT_W 7
#define GRADE_W 9          /* a grade's name: 8 columns, config_options.c */
#define PANEL_X 40
#define FIELD_Y(i) (4 + 2 * (i))

static const char *const aspect_cols[ASP_COUNT] = { "de", "neng", "qin",
                                                    "ji" };

static const struct binding sheet_bar[] = {
    { ACT_HELP, N_("Help"), N_("the keys, and what each score means") },
    { ACT_SAVE, N_("Save"), N_("check and save the sheet (also Ctrl-S)") },
    { ACT_BACK, N_("Back"), N_("leave the sheet; asks first if anything "
                               "changed") },
};

struct sheet {
    struct kiosk                  *k;
    const struct assessment_sheet *row;
    int64_t                        round_id;
    enum assess_source             src;
    int                            year;
    char                          *title;
    struct assessment_evidence     ev;
    char                          *ev_error;
    struct field                   f[ASP_COUNT];
    char                          *err[ASP_COUNT];
    int                            focus;
    bool                           dirty;
    bool                           grades;   /* scoring = grades */
    int                            w;        /* input columns */
    struct pick_item              *items;    /* the grades, to pick */
    char                         **names;
};

static const struct cfg_assessment *
rules(const struct sheet *s)
{
    return &s->k->ctx.cfg->assessment;
}

/* The value of field i: 0 valid, else a message (malloc'd). */
static char *
parse(const struct sheet *s, int i, double *out)
{
    char *v = field_get(&s->f[i]), *end, *msg = NULL;

    text_trim(v);
    if (s->grades) {
        if (*v == '\0')
            msg = xstrdup(_("pick a grade"));
        else if (!assessment_grade_points(rules(s), v, out))
            msg = xasprintf(_("unknown grade \"%s\""), v);
        free(v);
        return msg;
    }
    *out = strtod(v, &end);
    if (*v == '\0')
        msg = xstrdup(_("required"));
    else if (*end != '\0' || !isfinite(*out))
        msg = xstrdup(_("not a number"));
    else if (*out < 0 || *out > 100)
        msg = xstrdup(_("from 0 to 100"));
    free(v);
    return msg;
}

static void
draw_score(struct sheet *s)
{
    const struct cfg_assessment *a = rules(s);
    double v[ASP_COUNT];
    char *line;
    bool ok = true;

    for (int i = 0; i < ASP_COUNT; i++) {
        char *msg = parse(s, i, &v[i]);

        ok = ok && msg == NULL;
        free(msg);
    }
    line = ok ? xasprintf(_("Sheet score: %.2f"),
                          assessment_sheet_score(a, v))
              : xasprintf(_("Sheet score: —"));
    draw_text(FIELD_Y(ASP_COUNT) + 1, LABEL_X, PANEL_X - LABEL_X - 2,
              T_LABEL, line);
    free(line);
}

static void
draw_field(struct sheet *s, int i, bool place_cursor)
{
    struct field_view v = { 0 };
    int y = FIELD_Y(i), ex = INPUT_X + s->w + 1;

    field_view(&s->f[i], s->w, 1, &v);
    draw_text(y, INPUT_X, s->w, i == s->focus ? T_FOCUS : T_FIELD,
              v.nrows > 0 ? v.rows[0] : "");
    draw_text(y, ex, PANEL_X - ex - 1, T_ERROR, s->err[i] ? s->err[i] : "");
    if (place_cursor && i == s->focus && !s->grades) {
        move(y, INPUT_X + v.cur_col);
        curs_set(1);
    }
    field_view_free(&v);
}

static void
evidence_lines(struct sheet *s, char **lines, int *n)
{
    const struct config *cfg = s->k->ctx.cfg;
    const struct assessment_evidence *ev = &s->ev;
    const struct cfg_item *type = config_item(&cfg->employment_types,
                                              ev->employment_type);
    int years = roster_years(ev->hire_date, date_today());

    *n = 0;
    if (s->ev_error != NULL) {
        lines[(*n)++] = xstrdup(s->ev_error);
        return;
    }
    lines[(*n)++] = xasprintf(_("Work records: %d, %g hours"), ev->records,
                              ev->record_hours);
    lines[(*n)++] = xasprintf(_("Inspections resolved: %d"),
                              ev->inspections_resolved);
    lines[(*n)++] = xasprintf(_("Visits made: %d"), ev->visits);
    lines[(*n)++] = xasprintf(_("Leave taken: %g days"), ev->leave_days);
    lines[(*n)++] = xasprintf(_("Training: %d sessions, %g hours"),
                              ev->training_sessions, ev->training_hours);
    lines[(*n)++] = xasprintf(_("Employment: %s"),
                              type != NULL ? type->name
                                           : ev->employment_type);
    lines[(*n)++] = years >= 0
                    ? xasprintf(_("Hired: %s (%d years)"), ev->hire_date,
                                years)
                    : xasprintf(_("Hired: %s"), ev->hire_date);
    lines[(*n)++] = xasprintf(_("Contract ends: %s"), ev->contract_end);
}

/* "优 95 · 良 85 · …": what each grade stands for. */
static char *
grade_hint(const struct sheet *s)
{
    const struct cfg_grades *g = &rules(s)->grades;
    char *out = xstrdup("");

    for (size_t i = 0; i < g->n; i++) {
        char *more = xasprintf("%s%s%s %g", out, i > 0 ? " · " : "",
                               g->v[i].name, g->v[i].points);

        free(out);
        out = more;
    }
    return out;
}

static void
sheet_draw(void *arg)
{
    struct sheet *s = arg;
    const struct cfg_assessment *a = rules(s);
    char *who, *box, *lines[12], *hint;
    int n, pw = COLS - PANEL_X - 1;

    erase();
    curs_set(0);
    kiosk_draw_title(s->k, s->title);
    who = xasprintf("%s · %s", s->row->name, s->row->committee_name);
    draw_text(2, LABEL_X, PANEL_X - LABEL_X - 2, T_NORMAL, who);
    free(who);
    for (int i = 0; i < ASP_COUNT; i++) {
        char *label = xasprintf("%s %.0f%%",
                                assessment_aspect_label((enum assess_aspect)i),
                                a->aspect_weight[i] * 100);

        draw_text(FIELD_Y(i), LABEL_X, INPUT_X - LABEL_X - 1, T_LABEL, label);
        free(label);
    }
    draw_score(s);
    hint = s->grades ? grade_hint(s) : xstrdup(_("Each score 0–100."));
    draw_text(FIELD_Y(ASP_COUNT) + 3, LABEL_X, PANEL_X - LABEL_X - 2, T_DIM,
              hint);
    free(hint);
    box = xasprintf(_("Evidence of %d"), s->year);
    evidence_lines(s, lines, &n);
    draw_box(2, PANEL_X, n + 2, pw, box);
    for (int i = 0; i < n; i++) {
        draw_text(3 + i, PANEL_X + 2, pw - 4, T_NORMAL, lines[i]);
        free(lines[i]);
    }
    free(box);
    if (s->err[s->focus] != NULL)
        kiosk_status(s->k, true, "%s: %s",
                     assessment_aspect_label((enum assess_aspect)s->focus),
                     s->err[s->focus]);
    for (int i = 0; i < ASP_COUNT; i++)
        draw_field(s, i, false);
    draw_field(s, s->focus, true);
}

static void
set_error(struct sheet *s, int i, char *msg)
{
    free(s->err[i]);
    s->err[i] = msg;
}

static void
set_focus(struct sheet *s, int i)
{
    double v;
    int old = s->focus;

    if (i < 0 || i >= ASP_COUNT || i == old)
        return;
    set_error(s, old, s->dirty ? parse(s, old, &v) : NULL);
    s->focus = i;
    kiosk_repaint(s->k);
}

/* Through the core: the points, or the grades the fields hold. */
static int
save_marks(struct sheet *s, const double v[ASP_COUNT], struct error *e)
{
    char *g[ASP_COUNT];
    int rc;

    if (!s->grades)
        return assessment_sheet_save(&s->k->ctx, s->row->subject_id, s->src,
                                     v, s->row->sheet_id,
                                     s->row->sheet_version, e);
    for (int i = 0; i < ASP_COUNT; i++)
        g[i] = text_trim(field_get(&s->f[i]));
    rc = assessment_sheet_save_grades(&s->k->ctx, s->row->subject_id, s->src,
                                      (const char *const *)g,
                                      s->row->sheet_id, s->row->sheet_version,
                                      e);
    for (int i = 0; i < ASP_COUNT; i++)
        free(g[i]);
    return rc;
}

/* Checks and saves; true when saved. */
static bool
save(struct sheet *s)
{
    double v[ASP_COUNT];
    struct error e = { 0 };
    int bad = -1;

    for (int i = 0; i < ASP_COUNT; i++) {
        set_error(s, i, parse(s, i, &v[i]));
        if (s->err[i] != NULL && bad < 0)
            bad = i;
    }
    if (bad < 0 && save_marks(s, v, &e) < 0) {
        for (int i = 0; i < ASP_COUNT; i++) {
            if (strcmp(e.field, aspect_cols[i]) == 0)
                bad = i;
        }
        if (bad < 0) {
            kiosk_repaint(s->k);
            dialog_message(s->k, true, _("Not saved"), e.msg);
            return false;
        }
        set_error(s, bad, xstrdup(e.msg));
    }
    if (bad >= 0) {
        s->focus = bad;
        kiosk_repaint(s->k);
        beep();
        return false;
    }
    return true;
}

static void
keep_draft(struct sheet *s)
{
    const char *names[2 + ASP_COUNT] = { "round", "source" };
    char *values[2 + ASP_COUNT];
    struct error e = { 0 };

    if (!s->dirty)
        return;
    values[0] = xasprintf("%lld", (long long)s->round_id);
    values[1] = xasprintf("%d", (int)s->src);
    for (int i = 0; i < ASP_COUNT; i++) {
        names[2 + i] = aspect_cols[i];
        values[2 + i] = field_get(&s->f[i]);
    }
    draft_save(&s->k->ctx, "assessment", s->row->subject_id,
               s->row->sheet_version, names, (const char *const *)values,
               2 + ASP_COUNT, &e);
    for (int i = 0; i < 2 + ASP_COUNT; i++)
        free(values[i]);
}

static enum field_key
edit_key(enum action a)
{
    switch (a) {
    case ACT_LEFT:      return FK_LEFT;
    case ACT_RIGHT:     return FK_RIGHT;
    case ACT_HOME:      return FK_HOME;
    case ACT_END:       return FK_END;
    case ACT_BACKSPACE: return FK_BACKSPACE;
    case ACT_DEL:       return FK_DELETE;
    case ACT_KILL:      return FK_KILL_LINE;
    case ACT_CLEAR:     return FK_CLEAR;
    default:            return 0;
    }
}

static void
sheet_help(struct sheet *s)
{
    char *text = s->grades
        ? xasprintf(_("Give %s a grade on each aspect: conduct (德), "
                      "ability (能), diligence (勤) and achievement (绩). "
                      "Enter, Space or any letter opens the list of grades; "
                      "Backspace clears one. Each grade stands for the "
                      "points shown under the sheet. The box on the right "
                      "is what juwei holds of their %d: let the grades rest "
                      "on it. You may correct a saved sheet until the street "
                      "office publishes the results; nobody else sees your "
                      "sheet, the street office only sees averages."),
                    s->row->name, s->year)
        : xasprintf(_("Score %s on each aspect from 0 to 100: "
                             "conduct (德), ability (能), diligence (勤) and "
                             "achievement (绩). The box on the right is what "
                             "juwei holds of their %d: let the scores rest "
                             "on it. You may correct a saved sheet until the "
                             "street office publishes the results; nobody "
                             "else sees your sheet, the street office only "
                             "sees averages."), s->row->name, s->year);

    kiosk_help(s->k, s->title, text);
    free(text);
}

/* The grades list for the focused aspect; a grade picked moves on. */
static void
pick_grade(struct sheet *s)
{
    const struct cfg_grades *g = &rules(s)->grades;
    char *cur = field_get(&s->f[s->focus]);
    char *title = xasprintf(_("%s: pick a grade"),
                            assessment_aspect_label(
                                (enum assess_aspect)s->focus));
    int sel = 0, got;

    for (size_t i = 0; i < g->n; i++) {
        if (strcmp(g->v[i].name, cur) == 0)
            sel = (int)i;
    }
    got = dialog_pick(s->k, title, s->items, g->n, sel);
    if (got >= 0) {
        field_set(&s->f[s->focus], g->v[got].name);
        s->dirty = true;
        set_error(s, s->focus, NULL);
        kiosk_status(s->k, false, NULL);
        set_focus(s, s->focus + 1);
    }
    kiosk_repaint(s->k);
    free(title);
    free(cur);
}

/* The keys of a grade field: 1 when handled here. */
static int
grade_key(struct sheet *s, const struct key *kk)
{
    struct field *f = &s->f[s->focus];
    char *v;
    bool empty;

    switch (kk->action) {
    case ACT_CHAR:
        /* A letter typed starts the list's filter: "良" opens it on 良. */
        if (kk->ch != ' ')
            kiosk_unget(s->k, *kk);
        pick_grade(s);
        return 1;
    case ACT_ENTER:
        v = field_get(f);
        empty = *text_trim(v) == '\0';
        free(v);
        if (!empty)
            return 0;
        pick_grade(s);
        return 1;
    case ACT_BACKSPACE:
    case ACT_DEL:
    case ACT_KILL:
    case ACT_CLEAR:
        field_set(f, "");
        s->dirty = true;
        draw_score(s);
        draw_field(s, s->focus, true);
        refresh();
        return 1;
    case ACT_LEFT:
    case ACT_RIGHT:
    case ACT_HOME:
    case ACT_END:
        return 1;
    default:
        return 0;
    }
}

/* Handles one key; returns 1 when the sheet is done (saved or left),
 * -1 when the kiosk is quitting, 0 to go on. */
static int
key(struct sheet *s, const struct key *kk)
{
    int r = FIELD_NONE;
    struct field *f = &s->f[s->focus];

    if (s->grades && grade_key(s, kk))
        return 0;
    switch (kk->action) {
    case ACT_HELP:
        sheet_help(s);
        return 0;
    case ACT_SAVE:
        return save(s) ? 1 : 0;
    case ACT_BACK:
        if (!s->dirty || dialog_confirm(s->k, _("Leave the sheet"),
                                        _("Your changes are not saved. "
                                          "Leave and lose them?"), false))
            return 1;
        return 0;
    case ACT_QUIT:
        keep_draft(s);
        return -1;
    case ACT_NEXT:
    case ACT_DOWN:
        set_focus(s, s->focus + 1);
        return 0;
    case ACT_PREV:
    case ACT_UP:
        set_focus(s, s->focus - 1);
        return 0;
    case ACT_ENTER:
        if (s->focus + 1 < ASP_COUNT) {
            set_focus(s, s->focus + 1);
            return 0;
        }
        return save(s) ? 1 : 0;
    case ACT_REDRAW:
        kiosk_repaint(s->k);
        return 0;
    case ACT_CHAR:
        /* Scores are numbers: anything else is refused at the key. */
        if ((kk->ch >= '0' && kk->ch <= '9') || kk->ch == '.')
            r = field_insert(f, kk->ch);
        else
            r = FIELD_REFUSED;
        break;
    default:
        if (edit_key(kk->action) != 0)
            r = field_key(f, edit_key(kk->action), s->w);
        break;
    }
    if (r & FIELD_REFUSED)
        beep();
    if (r & FIELD_CHANGED) {
        s->dirty = true;
        if (s->err[s->focus] != NULL) {
            set_error(s, s->focus, NULL);
            kiosk_status(s->k, false, NULL);
        }
        draw_score(s);
    }
    if (r & (FIELD_CHANGED | FIELD_MOVED | FIELD_SCROLLED)) {
        draw_field(s, s->focus, true);
        refresh();
    }
    return 0;
}

bool
screen_assessment_sheet(struct kiosk *k, int64_t round_id, int year,
                        int source, const struct assessment_sheet *row,
                        const struct draft *d)
{
    struct sheet s = { .k = k, .row = row, .round_id = round_id,
                       .src = (enum assess_source)source, .year = year };
    const struct binding *saved = k->bar;
    int nsaved = k->nbar, r = 0;
    struct error e = { 0 };

    const struct cfg_grades *g = &k->ctx.cfg->assessment.grades;

    s.grades = k->ctx.cfg->assessment.scoring == SCORING_GRADES;
    s.w = s.grades ? GRADE_W : INPUT_W;
    if (s.grades) {
        s.items = xcalloc(g->n + 1, sizeof *s.items);
        s.names = xcalloc(g->n + 1, sizeof *s.names);
        for (size_t i = 0; i < g->n; i++) {
            s.names[i] = xasprintf(_("%s  (%g points)"), g->v[i].name,
                                   g->v[i].points);
            s.items[i].id = g->v[i].name;
            s.items[i].name = s.names[i];
        }
    }
    s.title = xasprintf(_("%s %d — %s"),
                        assessment_source_label(s.src), year, row->name);
    if (assessment_evidence(&k->ctx, row->staff_id, year, &s.ev, &e) < 0)
        s.ev_error = xstrdup(e.msg);
    for (int i = 0; i < ASP_COUNT; i++) {
        char buf[32];
        const char *v = d != NULL ? draft_value(d, aspect_cols[i]) : NULL;

        field_init(&s.f[i], s.grades ? 16 : 6, false);
        /* A sheet saved in the other mode is corrected in this one: its
         * grades shown as points, or its points to be graded afresh. */
        if (v == NULL && row->sheet_id != 0 && !s.grades) {
            snprintf(buf, sizeof buf, "%g", row->aspect[i]);
            v = buf;
        } else if (v == NULL && row->sheet_id != 0) {
            v = row->grade[i];
        }
        field_set(&s.f[i], v);
        s.f[i].changed = false;
    }
    s.dirty = d != NULL;
    kiosk_set_bar(k, sheet_bar, (int)ARRAY_LEN(sheet_bar));
    kiosk_push(k, sheet_draw, &s);
    kiosk_repaint(k);
    while (r == 0) {
        struct key kk = kiosk_key(k, -1);

        r = key(&s, &kk);
    }
    kiosk_pop(k);
    kiosk_set_bar(k, saved, nsaved);
    for (int i = 0; i < ASP_COUNT; i++) {
        field_free(&s.f[i]);
        free(s.err[i]);
    }
    for (size_t i = 0; s.names != NULL && i < g->n; i++)
        free(s.names[i]);
    free(s.names);
    free(s.items);
    free(s.ev_error);
    free(s.title);
    return r > 0;
}
