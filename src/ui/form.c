/* form.c — the generic form. Keystrokes redraw only the field they
 * touched (over a slow SSH link one typed character should cost a few
 * bytes, not a screen); layout changes repaint the frame stack. */
#include <curses.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/date.h"
#include "juwei/draft.h"
#include "juwei/text.h"
#include "juwei/ui/draw.h"
#include "juwei/ui/form.h"
#include "juwei/ui/pick.h"
#include "juwei/ui/wrap.h"

#define FORM_TOP 2              /* first row under the title and a gap */
#define LABEL_MAX 18
#define INFO_ROWS 2             /* form_info()'s line wraps onto a second */

static const struct binding form_bar[] = {
    { ACT_HELP, N_("Help"), N_("the keys and what each field means") },
    { ACT_SAVE, N_("Save"), N_("check and save the form (also Ctrl-S)") },
    { ACT_BACK, N_("Back"), N_("leave the form; asks first if anything changed") },
};

/* Fields whose value is picked, not typed: kept in f->choice. */
static bool
is_choice(const struct form_field *d)
{
    return d->type == FT_CHOICE || d->type == FT_YESNO || d->type == FT_MULTI;
}

static int
field_rows(const struct form_field *d)
{
    return d->type == FT_LONGTEXT ? (d->height > 0 ? d->height : 4) : 1;
}

static int
input_x(const struct form *f)
{
    return 2 + f->label_w + 2;
}

static int
input_w(const struct form *f, const struct form_field *d)
{
    int avail = COLS - input_x(f) - 2;

    if (d->width > 0 && d->width < avail)
        return d->width;
    return avail;
}

/* The last screen row a field may use: the row above it shows "more
 * below", then the status line and the bar; an info line takes its rows
 * and the gap above them. */
static int
last_row(const struct form *f)
{
    return LINES - 4 - (f->info != NULL ? INFO_ROWS + 1 : 0);
}

/* Screen row of field i, or -1 when it is scrolled out of view. The
 * first field shown is always placed, even when it is taller than the
 * screen (its rows are then clipped). */
static int
field_y(const struct form *f, size_t i)
{
    int y = FORM_TOP;

    if (i < (size_t)f->top)
        return -1;
    for (size_t j = (size_t)f->top; j < i; j++)
        y += field_rows(&f->desc[j]) + 1;
    if (i > (size_t)f->top && y + field_rows(&f->desc[i]) - 1 > last_row(f))
        return -1;
    return y;
}

/* Rows of field i that fit on the screen at row y. */
static int
visible_rows(const struct form *f, size_t i, int y)
{
    int rows = field_rows(&f->desc[i]);

    return y + rows - 1 > last_row(f) ? last_row(f) - y + 1 : rows;
}

/* Scrolls so that field i is on screen; true when the view moved. */
static bool
scroll_to(struct form *f, size_t i)
{
    int old = f->top;

    if ((int)i < f->top)
        f->top = (int)i;
    while (f->top < (int)i && field_y(f, i) < 0)
        f->top++;
    return f->top != old;
}

/* What a picked field shows, malloc'd. */
static char *
choice_text(const struct form *f, size_t i)
{
    const char *id = f->choice[i];

    if (id == NULL || *id == '\0')
        return xstrdup("");
    if (f->desc[i].type == FT_YESNO)
        return xstrdup(strcmp(id, "1") == 0 ? _("Yes") : _("No"));
    if (f->desc[i].type == FT_MULTI)
        /* TRANSLATORS: between the names of a multi-choice field. */
        return pick_join_names(id, f->items[i], f->nitems[i], _(", "));
    for (size_t j = 0; j < f->nitems[i]; j++) {
        if (strcmp(f->items[i][j].id, id) == 0)
            return xstrdup(f->items[i][j].name);
    }
    return xstrdup(id);
}

static void
draw_field(struct form *f, size_t i, bool place_cursor)
{
    const struct form_field *d = &f->desc[i];
    int y = field_y(f, i), x = input_x(f), w = input_w(f, d);
    bool focus = (int)i == f->focus;
    enum role_attr attr = focus ? T_FOCUS : T_FIELD;
    int cur_y = -1, cur_x = -1;

    if (y < 0)
        return;
    int rows = visible_rows(f, i, y);
    if (is_choice(d)) {
        char *shown = choice_text(f, i);
        draw_text(y, x, w - 2, attr, shown);
        draw_text(y, x + w - 2, 2, attr, f->k->ascii_only ? " v" : " ▾");
        free(shown);
        cur_y = y;
        cur_x = x;
    } else {
        struct field_view v = { 0 };

        field_view(&f->edit[i], w, rows, &v);
        for (int r = 0; r < rows; r++) {
            const char *row = r < v.nrows ? v.rows[r] : "";

            if (d->type == FT_PASSWORD) {
                /* One star per character, whatever its width, so the
                 * password's characters are not revealed either. */
                size_t stars = f->edit[i].len < (size_t)w - 1
                             ? f->edit[i].len : (size_t)w - 1;
                char *mask = xmalloc(stars + 1);

                memset(mask, '*', stars);
                mask[stars] = '\0';
                draw_text(y + r, x, w, attr, mask);
                free(mask);
                v.cur_col = f->edit[i].cursor < stars ? (int)f->edit[i].cursor
                                                      : (int)stars;
            } else {
                draw_text(y + r, x, w, attr, row);
            }
        }
        cur_y = y + v.cur_row;
        cur_x = x + v.cur_col;
        field_view_free(&v);
    }
    /* The message for this field: right of the input when it fits, and
     * always on the status line when the field has the cursor. */
    int ex = x + w + 1;
    if (ex < COLS - 1) {
        move(y, ex);
        clrtoeol();
        if (f->error[i] != NULL)
            draw_text(y, ex, COLS - ex - 1, T_ERROR, f->error[i]);
    }
    /* Last, so the terminal's cursor is where the typing goes. */
    if (focus && place_cursor) {
        move(cur_y, cur_x);
        curs_set(is_choice(d) ? 0 : 1);
    }
}

/* The info line follows the last field shown, after a blank row; a
 * refusal may need the second row, the rest is cut. */
static void
draw_info(const struct form *f)
{
    int y = FORM_TOP, n;
    char **lines;

    if (f->info == NULL)
        return;
    for (size_t i = (size_t)f->top; i < f->n; i++) {
        int fy = field_y(f, i);

        if (fy < 0)
            break;
        y = fy + visible_rows(f, i, fy) + 1;
    }
    n = wrap_text(f->info, COLS - 4, &lines);
    for (int r = 0; r < INFO_ROWS; r++)
        draw_text(y + r, 2, COLS - 4,
                  r < n && f->info_warn ? T_ERROR : T_NORMAL,
                  r < n ? lines[r] : "");
    wrap_free(lines, n);
}

static void
form_status(struct form *f)
{
    const char *err = f->error[f->focus];

    if (err != NULL)
        kiosk_status(f->k, true, "%s: %s", _(f->desc[f->focus].label), err);
    else if (f->desc[f->focus].help != NULL)
        kiosk_status(f->k, false, "%s", _(f->desc[f->focus].help));
    else
        kiosk_status(f->k, false, NULL);
}

static void
form_draw(void *arg)
{
    struct form *f = arg;
    const char *up = f->k->ascii_only ? "^" : "↑", *down = f->k->ascii_only
                                                           ? "v" : "↓";
    size_t last = (size_t)f->top;

    scroll_to(f, (size_t)f->focus);     /* the terminal may have shrunk */
    erase();
    kiosk_draw_title(f->k, f->title);
    for (size_t i = (size_t)f->top; i < f->n; i++) {
        int y = field_y(f, i);

        if (y < 0)
            break;
        char *label = xasprintf("%s%s", _(f->desc[i].label),
                                f->desc[i].required ? " *" : "");
        draw_text(y, 2, f->label_w, T_LABEL, label);
        free(label);
        draw_field(f, i, false);
        last = i;
    }
    /* A form taller than the screen says that it goes on. */
    if (f->top > 0) {
        char *more = xasprintf("%s %s", up, _("more above"));
        draw_text(1, 2, COLS - 4, T_DIM, more);
        free(more);
    }
    if (last + 1 < f->n) {
        char *more = xasprintf("%s %s", down, _("more below"));
        draw_text(LINES - 3, 2, COLS - 4, T_DIM, more);
        free(more);
    }
    draw_info(f);
    form_status(f);
    draw_field(f, (size_t)f->focus, true);
}

static void
label_width(struct form *f)
{
    f->label_w = 6;
    for (size_t i = 0; i < f->n; i++) {
        int w = text_width(_(f->desc[i].label)) + 2;

        if (w > f->label_w)
            f->label_w = w;
    }
    if (f->label_w > LABEL_MAX)
        f->label_w = LABEL_MAX;
}

struct form *
form_new(struct kiosk *k, const char *title, const struct form_field *desc,
         size_t n, void *arg)
{
    struct form *f = xcalloc(1, sizeof *f);

    f->k = k;
    f->title = title;
    f->desc = desc;
    f->n = n;
    f->arg = arg;
    f->edit = xcalloc(n, sizeof *f->edit);
    f->choice = xcalloc(n, sizeof *f->choice);
    f->items = xcalloc(n, sizeof *f->items);
    f->nitems = xcalloc(n, sizeof *f->nitems);
    f->error = xcalloc(n, sizeof *f->error);
    for (size_t i = 0; i < n; i++) {
        field_init(&f->edit[i], desc[i].max_chars > 0 ? (size_t)desc[i].max_chars
                                                      : 0,
                   desc[i].type == FT_LONGTEXT);
        if ((desc[i].type == FT_CHOICE || desc[i].type == FT_MULTI) &&
            desc[i].options != NULL)
            desc[i].options(arg, &f->items[i], &f->nitems[i]);
    }
    label_width(f);
    return f;
}

void
form_free(struct form *f)
{
    if (f == NULL)
        return;
    if (f->pushed)
        kiosk_remove(f->k, f);
    for (size_t i = 0; i < f->n; i++) {
        /* A password does not outlive its form in freed memory. */
        if (f->desc[i].type == FT_PASSWORD && f->edit[i].text != NULL)
            explicit_bzero(f->edit[i].text,
                           f->edit[i].cap * sizeof *f->edit[i].text);
        field_free(&f->edit[i]);
        free(f->choice[i]);
        free(f->error[i]);
    }
    free(f->info);
    free(f->edit);
    free(f->choice);
    free(f->items);
    free(f->nitems);
    free(f->error);
    free(f);
}

static int
find(const struct form *f, const char *name)
{
    for (size_t i = 0; i < f->n; i++) {
        if (strcmp(f->desc[i].name, name) == 0)
            return (int)i;
    }
    return -1;
}

void
form_set(struct form *f, const char *name, const char *value)
{
    int i = find(f, name);

    if (i < 0)
        fatal("form \"%s\" has no field \"%s\"", f->title, name);
    if (is_choice(&f->desc[i])) {
        free(f->choice[i]);
        f->choice[i] = xstrdup(value != NULL ? value : "");
    } else {
        field_set(&f->edit[i], value != NULL ? value : "");
        f->edit[i].changed = false;
    }
}

void
form_from_draft(struct form *f, const struct draft *d)
{
    for (size_t i = 0; i < f->n; i++) {
        const char *v = draft_value(d, f->desc[i].name);

        if (v != NULL)
            form_set(f, f->desc[i].name, v);
    }
    f->dirty = true;
    if (d->record_id != 0 && d->record_version != 0 &&
        d->record_version != f->draft_version)
        dialog_message(f->k, false, _("Changed meanwhile"),
                       _("Someone changed this record after your form was "
                         "kept. Check the form: saving it replaces their "
                         "change."));
}

void
form_options(struct form *f, const char *name)
{
    int i = find(f, name);
    const struct form_field *d;

    if (i < 0)
        fatal("form \"%s\" has no field \"%s\"", f->title, name);
    d = &f->desc[i];
    if ((d->type != FT_CHOICE && d->type != FT_MULTI) || d->options == NULL)
        return;
    d->options(f->arg, &f->items[i], &f->nitems[i]);
    if (f->choice[i] != NULL && f->choice[i][0] != '\0') {
        bool *on = xcalloc(f->nitems[i] + 1, sizeof *on);
        size_t gone = pick_parse(f->choice[i], f->items[i], f->nitems[i], on);

        if (gone > 0) {
            /* FT_CHOICE: its one id, gone, leaves nothing chosen. */
            free(f->choice[i]);
            f->choice[i] = pick_join_ids(f->items[i], f->nitems[i], on);
        }
        free(on);
    }
    if (f->pushed)
        draw_field(f, (size_t)i, false);
}

char *
form_get(const struct form *f, const char *name)
{
    int i = find(f, name);

    if (i < 0)
        fatal("form \"%s\" has no field \"%s\"", f->title, name);
    if (is_choice(&f->desc[i]))
        return xstrdup(f->choice[i] != NULL ? f->choice[i] : "");
    char *s = field_get(&f->edit[i]);
    if (f->desc[i].type != FT_LONGTEXT && f->desc[i].type != FT_PASSWORD)
        text_trim(s);
    return s;
}

void
form_error(struct form *f, const char *name, const char *msg)
{
    int i = find(f, name);

    if (i < 0)
        return;
    free(f->error[i]);
    f->error[i] = msg != NULL ? xstrdup(msg) : NULL;
}

void
form_info(struct form *f, bool warn, const char *fmt, ...)
{
    char *text = NULL;

    if (fmt != NULL) {
        va_list ap;

        va_start(ap, fmt);
        text = xvasprintf(fmt, ap);
        va_end(ap);
    }
    if (f->info_warn == warn &&
        (text == NULL ? f->info == NULL
                      : f->info != NULL && strcmp(text, f->info) == 0)) {
        free(text);
        return;
    }
    free(f->info);
    f->info = text;
    f->info_warn = warn;
    f->info_stale = true;
}

/* Tells the form's owner that field i (-1: all) changed, and shows what
 * it made of it: only the info row when that is all, the whole form when
 * the line came or went (the fields' rows change). */
static void
notify(struct form *f, int i)
{
    bool had = f->info != NULL;

    if (f->changed == NULL)
        return;
    f->changed(f, i, f->arg);
    if (!f->info_stale || !f->pushed)
        return;
    f->info_stale = false;
    if (had != (f->info != NULL)) {
        kiosk_repaint(f->k);
    } else {
        draw_info(f);
        draw_field(f, (size_t)f->focus, true);
    }
}

size_t
form_values(const struct form *f, const char ***names, char ***values)
{
    size_t m = 0;

    *names = xcalloc(f->n, sizeof **names);
    *values = xcalloc(f->n, sizeof **values);
    for (size_t i = 0; i < f->n; i++) {
        if (f->desc[i].type == FT_PASSWORD)
            continue;
        (*names)[m] = f->desc[i].name;
        (*values)[m] = form_get(f, f->desc[i].name);
        m++;
    }
    return m;
}

/* The form's own checks of one field: required (only when saving: a
 * field passed over on the way to another is not an error yet), dates,
 * times, numbers. Returns the message, or NULL. The core checks
 * everything again. */
static char *
check_field(struct form *f, size_t i, bool saving)
{
    const struct form_field *d = &f->desc[i];
    char *v = form_get(f, d->name), *msg = NULL;

    if (*v == '\0') {
        if (d->required && saving)
            msg = xstrdup(_("required"));
        free(v);
        return msg;
    }
    switch (d->type) {
    case FT_DATE: {
        date_t day;
        char buf[11];

        if (!date_parse_user(v, date_today(), &day))
            msg = xstrdup(_("not a date: use YYYY-MM-DD"));
        else if (strcmp(v, date_format(day, buf)) != 0)
            field_set(&f->edit[i], buf);     /* 今天 → 2026-11-23 */
        break;
    }
    case FT_TIME: {
        int minutes;

        if (!time_parse(v, &minutes))
            msg = xstrdup(_("not a time: use HH:MM, 00:00–23:59"));
        break;
    }
    case FT_NUMBER: {
        char *end;
        double x = strtod(v, &end);

        if (*end != '\0' || end == v || !isfinite(x))
            msg = xstrdup(_("not a number"));
        else if (d->min < d->max && (x < d->min || x > d->max))
            msg = xasprintf(_("must be from %g to %g"), d->min, d->max);
        else if (d->step > 0 && fabs(x / d->step - round(x / d->step)) > 1e-9)
            msg = xasprintf(_("must be in steps of %g"), d->step);
        break;
    }
    default:
        break;
    }
    free(v);
    return msg;
}

static void
set_focus(struct form *f, int i)
{
    int old = f->focus;

    if (i < 0 || i >= (int)f->n || i == old)
        return;
    /* A "required" shown by a refused save stays until it is filled. */
    char *msg = check_field(f, (size_t)old, f->error[old] != NULL);
    free(f->error[old]);
    f->error[old] = msg;
    f->focus = i;
    if (scroll_to(f, (size_t)i)) {
        kiosk_repaint(f->k);
        return;
    }
    draw_field(f, (size_t)old, false);
    form_status(f);
    draw_field(f, (size_t)i, true);
    refresh();
}

/* A picked value changed: the field is clean of its message, the form
 * dirty, and the cursor goes on to the next field. */
static void
picked(struct form *f, size_t i, char *value)
{
    bool same = f->choice[i] != NULL && strcmp(f->choice[i], value) == 0;

    free(f->choice[i]);
    f->choice[i] = value;
    free(f->error[i]);
    f->error[i] = NULL;
    if (!same) {
        f->dirty = true;
        notify(f, (int)i);
    }
    set_focus(f, f->focus + 1 < (int)f->n ? f->focus + 1 : f->focus);
}

static void
pick_many(struct form *f, size_t i)
{
    bool *chosen = xcalloc(f->nitems[i] > 0 ? f->nitems[i] : 1,
                           sizeof *chosen);

    pick_parse(f->choice[i], f->items[i], f->nitems[i], chosen);
    if (dialog_pick_many(f->k, _(f->desc[i].label), f->items[i],
                         f->nitems[i], chosen))
        picked(f, i, pick_join_ids(f->items[i], f->nitems[i], chosen));
    free(chosen);
}

/* Opens the pick-list of the focused field; `first` (a typed character
 * or a paste, ACT_NONE for neither) starts its filter. */
static void
pick(struct form *f, const struct key *first)
{
    size_t i = (size_t)f->focus;
    const struct form_field *d = &f->desc[i];

    if (d->type == FT_YESNO) {
        bool yes = f->choice[i] != NULL && strcmp(f->choice[i], "1") == 0;
        wchar_t c = first->action == ACT_CHAR ? first->ch : 0;

        if (c == 'y' || c == 'Y' || c == L'是')
            yes = true;
        else if (c == 'n' || c == 'N' || c == L'否')
            yes = false;
        else
            yes = !yes;
        free(f->choice[i]);
        f->choice[i] = xstrdup(yes ? "1" : "0");
        f->dirty = true;
        notify(f, (int)i);
        draw_field(f, i, true);
        refresh();
        return;
    }
    if (first->action != ACT_NONE)
        kiosk_unget(f->k, *first);
    if (d->type == FT_MULTI) {
        pick_many(f, i);
        kiosk_repaint(f->k);
        return;
    }
    int sel = -1;
    for (size_t j = 0; f->choice[i] != NULL && j < f->nitems[i]; j++) {
        if (strcmp(f->items[i][j].id, f->choice[i]) == 0)
            sel = (int)j;
    }
    int got = dialog_pick(f->k, _(d->label), f->items[i], f->nitems[i], sel);
    if (got >= 0)
        picked(f, i, xstrdup(f->items[i][got].id));
    kiosk_repaint(f->k);
}

/* + and - step a date by a day and a number by its step, when the field
 * holds a valid value; otherwise they are typed as text. */
static bool
step(struct form *f, int dir)
{
    size_t i = (size_t)f->focus;
    const struct form_field *d = &f->desc[i];
    char *v = form_get(f, d->name), buf[64];
    bool done = false;

    if (d->type == FT_DATE) {
        /* An empty date field steps from today. */
        date_t day = date_today() - dir;

        if (*v == '\0' || date_parse_user(v, date_today(), &day)) {
            date_format(day + dir, buf);
            done = true;
        }
    } else if (d->type == FT_NUMBER && d->step > 0) {
        char *end;
        double x = *v == '\0' ? 0 : strtod(v, &end);

        if (*v == '\0' || *end == '\0') {
            x += dir * d->step;
            if (d->min < d->max && (x < d->min || x > d->max))
                x -= dir * d->step;
            snprintf(buf, sizeof buf, "%g", x);
            done = true;
        }
    }
    free(v);
    if (done) {
        field_set(&f->edit[i], buf);
        f->edit[i].changed = true;
    }
    return done;
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
    default:          return 0;
    }
}

static bool
do_save(struct form *f)
{
    struct error e = { 0 };
    int first_bad = -1;

    for (size_t i = 0; i < f->n; i++) {
        free(f->error[i]);
        f->error[i] = check_field(f, i, true);
        if (f->error[i] != NULL && first_bad < 0)
            first_bad = (int)i;
    }
    if (first_bad < 0 && f->save(f, f->arg, &e) < 0) {
        first_bad = e.field[0] != '\0' ? find(f, e.field) : -1;
        if (first_bad >= 0) {
            free(f->error[first_bad]);
            f->error[first_bad] = xstrdup(e.msg);
        } else {
            kiosk_repaint(f->k);
            dialog_message(f->k, true, _("Not saved"), e.msg);
            return false;
        }
    }
    if (first_bad >= 0) {
        f->focus = first_bad;
        scroll_to(f, (size_t)first_bad);
        kiosk_repaint(f->k);
        beep();
        return false;
    }
    return true;
}

static void
keep_draft(struct form *f)
{
    const char **names;
    char **values;
    size_t m;
    struct error e = { 0 };

    if (f->draft_kind == NULL || !f->dirty)
        return;
    m = form_values(f, &names, &values);
    draft_save(&f->k->ctx, f->draft_kind, f->draft_record, f->draft_version,
               names, (const char *const *)values, m, &e);
    for (size_t i = 0; i < m; i++)
        free(values[i]);
    free(values);
    free(names);
}

static void
form_help(struct form *f)
{
    char *text = xstrdup(f->help != NULL ? _(f->help) : "");

    for (size_t i = 0; i < f->n; i++) {
        if (f->desc[i].help == NULL)
            continue;
        char *more = xasprintf("%s%s%s\t%s%s", text, *text ? "\n" : "",
                               _(f->desc[i].label), _(f->desc[i].help),
                               f->desc[i].required ? _(" (required)") : "");
        free(text);
        text = more;
    }
    kiosk_help(f->k, f->title, text);
    free(text);
}

enum form_result
form_run(struct form *f)
{
    const struct binding *saved = f->k->bar;
    int nsaved = f->k->nbar;
    enum form_result result = FORM_CANCELLED;

    memcpy(f->bar, form_bar, sizeof f->bar);
    if (f->save_label != NULL)
        f->bar[1].label = f->save_label;
    if (f->back_label != NULL)
        f->bar[2].label = f->back_label;
    kiosk_set_bar(f->k, f->bar, (int)ARRAY_LEN(f->bar));
    /* On top, even if something its caller opened since is still up. */
    kiosk_hold(f->k, form_draw, f);
    f->pushed = true;
    if (f->changed != NULL)
        f->changed(f, -1, f->arg);
    f->info_stale = false;
    kiosk_repaint(f->k);
    for (bool done = false; !done;) {
        struct key key = kiosk_key(f->k, -1);
        size_t i = (size_t)f->focus;
        const struct form_field *d = &f->desc[i];
        int r = FIELD_NONE;

        switch (key.action) {
        case ACT_HELP:
            form_help(f);
            break;
        case ACT_SAVE:
            if (do_save(f)) {
                result = FORM_SAVED;
                done = true;
            }
            break;
        case ACT_PASTE:
            if (is_choice(d) && d->type != FT_YESNO)
                pick(f, &key);
            else if (!is_choice(d))
                r = field_insert_utf8(&f->edit[i], f->k->paste, f->k->npaste);
            break;
        case ACT_BACK:
            if (!f->dirty || f->discardable ||
                dialog_confirm(f->k, _("Leave the form"),
                               _("Your changes are not saved. "
                                 "Leave and lose them?"), false))
                done = true;
            break;
        case ACT_QUIT:
            keep_draft(f);
            result = FORM_QUIT;
            done = true;
            break;
        case ACT_NEXT:
            set_focus(f, (int)i + 1);
            break;
        case ACT_PREV:
            set_focus(f, (int)i - 1);
            break;
        case ACT_UP:
        case ACT_DOWN:
            if (d->type == FT_LONGTEXT) {
                size_t before = f->edit[i].cursor;

                r = field_key(&f->edit[i], key.action == ACT_UP ? FK_UP : FK_DOWN,
                              input_w(f, d));
                if (f->edit[i].cursor != before)
                    break;
            }
            set_focus(f, (int)i + (key.action == ACT_UP ? -1 : 1));
            break;
        case ACT_ENTER:
            if (is_choice(d))
                pick(f, &(struct key){ .action = ACT_NONE });
            else if (d->type == FT_LONGTEXT)
                r = field_key(&f->edit[i], FK_NEWLINE, input_w(f, d));
            else if ((int)i + 1 < (int)f->n)
                set_focus(f, (int)i + 1);
            else if (do_save(f)) {
                result = FORM_SAVED;
                done = true;
            }
            break;
        case ACT_CHAR:
            if (is_choice(d)) {
                if (key.ch == ' ')
                    key.action = ACT_NONE;  /* Space opens, filtering nothing */
                pick(f, &key);
                break;
            }
            if ((key.ch == '+' || key.ch == '-') &&
                (d->type == FT_DATE || d->type == FT_NUMBER) &&
                step(f, key.ch == '+' ? 1 : -1)) {
                r = FIELD_CHANGED;
                break;
            }
            r = field_insert(&f->edit[i], key.ch);
            break;
        case ACT_REDRAW:
            kiosk_repaint(f->k);
            break;
        default:
            if (edit_key(key.action) != 0 && !is_choice(d))
                r = field_key(&f->edit[i], edit_key(key.action), input_w(f, d));
            break;
        }
        if (r & FIELD_REFUSED)
            beep();
        if (r & (FIELD_CHANGED | FIELD_MOVED | FIELD_SCROLLED)) {
            if (f->edit[i].changed)
                f->dirty = true;
            if ((r & FIELD_CHANGED) && f->error[i] != NULL) {
                free(f->error[i]);
                f->error[i] = NULL;
                form_status(f);
            }
            if (r & FIELD_CHANGED)
                notify(f, (int)i);
            draw_field(f, i, true);
            refresh();
        }
    }
    if (result == FORM_SAVED && f->say_saved)
        kiosk_flash(f->k, "%s", _("Saved."));
    kiosk_set_bar(f->k, saved, nsaved);
    return result;
}
