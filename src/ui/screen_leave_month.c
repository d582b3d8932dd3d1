/* screen_leave_month.c — who is out: a month of the committee (director)
 * or the district (street office), people down the side, days across.
 * A day is 4 columns, its morning in the first two and its afternoon in
 * the last two, so 16 days and the names fit 80 columns: the month is
 * shown in two halves, paged with Left and Right. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "juwei/config.h"
#include "juwei/leave.h"
#include "juwei/staff.h"
#include "juwei/text.h"
#include "juwei/ui/draw.h"
#include "juwei/ui/screens.h"

#define NAME_W   14
#define DAY_W    4
#define PAGE_DAYS 16
#define TOP      4          /* title, what, day numbers, weekdays */

/* One half-day of one person: what is marked there. */
struct mark {
    signed char kind;       /* -1 nothing, else enum leave_span_kind */
    signed char type;       /* index into the config's leave types */
};

struct row {
    const char *committee;  /* a heading row when person is NULL */
    struct staff *person;
    struct mark   m[31][2];
};

struct month {
    struct kiosk *k;
    int           year, mon, part;      /* part 0: days 1–16, 1: 17–end */
    struct staff *staff;
    size_t        nstaff;
    struct row   *rows;
    int           nrows, top;
    char        (*glyph)[8];            /* per leave type, 2 columns */
    char          msg[256];
};

static int
month_days(int y, int m)
{
    return date_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) -
           date_from_ymd(y, m, 1);
}

/* Each type's mark: the first character of its name when that is one
 * wide character of its own, else a letter; always two columns. */
static void
make_glyphs(struct month *mo)
{
    const struct config *cfg = mo->k->ctx.cfg;

    mo->glyph = xcalloc(cfg->nleave_types, sizeof *mo->glyph);
    for (size_t i = 0; i < cfg->nleave_types; i++) {
        const char *name = cfg->leave_types[i].name;
        mbstate_t st = { 0 };
        wchar_t wc = 0;
        size_t len = mbrtowc(&wc, name, strlen(name), &st);
        bool ok = !mo->k->ascii_only && len > 0 && len < 8 &&
                  wcwidth(wc) == 2;

        if (ok)
            snprintf(mo->glyph[i], sizeof mo->glyph[i], "%.*s", (int)len,
                     name);
        for (size_t j = 0; ok && j < i; j++)
            ok = strcmp(mo->glyph[j], mo->glyph[i]) != 0;
        if (!ok)
            snprintf(mo->glyph[i], sizeof mo->glyph[i], "%c ",
                     (char)('A' + (int)(i % 26)));
    }
}

static int
type_index(const struct config *cfg, const char *id)
{
    for (size_t i = 0; i < cfg->nleave_types; i++) {
        if (strcmp(cfg->leave_types[i].id, id) == 0)
            return (int)i;
    }
    return -1;
}

static void
free_rows(struct month *mo)
{
    free(mo->rows);
    free(mo->staff);
    mo->rows = NULL;
    mo->staff = NULL;
    mo->nrows = 0;
    mo->nstaff = 0;
}

/* People in scope (committee staff and directors, by committee) and
 * their leave in the month. */
static void
load(struct month *mo)
{
    const struct config *cfg = mo->k->ctx.cfg;
    struct staff *v = NULL;
    struct leave_span *sp = NULL;
    size_t n = 0, nsp = 0;
    struct error e = { 0 };
    date_t first = date_from_ymd(mo->year, mo->mon, 1);
    date_t last = first + month_days(mo->year, mo->mon) - 1;
    const char *prev = NULL;

    free_rows(mo);
    mo->msg[0] = '\0';
    if (staff_list(&mo->k->ctx, false, &v, &n, &e) < 0 ||
        leave_spans(&mo->k->ctx, first, last, &sp, &nsp, &e) < 0) {
        snprintf(mo->msg, sizeof mo->msg, "%s", e.msg);
        free(v);
        return;
    }
    mo->staff = v;
    mo->nstaff = n;
    mo->rows = xcalloc(2 * n + 1, sizeof *mo->rows);
    for (size_t i = 0; i < n; i++) {
        if (v[i].role != ROLE_STAFF && v[i].role != ROLE_DIRECTOR)
            continue;
        /* a heading for each committee when there are several */
        if (mo->k->ctx.who.committee[0] == '\0' &&
            (prev == NULL || strcmp(prev, v[i].committee) != 0)) {
            mo->rows[mo->nrows++].committee = v[i].committee_name;
            prev = v[i].committee;
        }
        struct row *r = &mo->rows[mo->nrows++];

        r->person = &v[i];
        memset(r->m, -1, sizeof r->m);
        for (size_t j = 0; j < nsp; j++) {
            if (sp[j].staff_id != v[i].id)
                continue;
            for (date_t d = sp[j].from; d <= sp[j].to; d++) {
                if (d < first || d > last ||
                    !calendar_is_workday(&cfg->calendar, d))
                    continue;
                for (int h = 0; h < 2; h++) {
                    if ((d == sp[j].from && h < (int)sp[j].from_half) ||
                        (d == sp[j].to && h > (int)sp[j].to_half))
                        continue;
                    r->m[d - first][h].kind = (signed char)sp[j].kind;
                    r->m[d - first][h].type =
                        (signed char)type_index(cfg, sp[j].type);
                }
            }
        }
    }
    free(sp);
    if (mo->nrows == 0)
        snprintf(mo->msg, sizeof mo->msg, "%s", _("Nobody to show."));
}

static int
body_rows(void)
{
    return LINES - TOP - 3;       /* legend, status line, bar */
}

static void
range(const struct month *mo, int *d1, int *d2)
{
    int nd = month_days(mo->year, mo->mon);

    *d1 = mo->part == 0 ? 1 : PAGE_DAYS + 1;
    *d2 = mo->part == 0 ? PAGE_DAYS : nd;
}

static void
draw_cell(const struct month *mo, int y, int x, const struct row *r,
          int day, bool workday)
{
    for (int h = 0; h < 2; h++) {
        const struct mark *m = &r->m[day - 1][h];

        if (!workday) {
            draw_text(y, x + 2 * h, 2, T_DIM, h == 0 ? " -" : "- ");
        } else if (m->kind < 0) {
            draw_text(y, x + 2 * h, 2, T_NORMAL, "");
        } else if (m->kind == SPAN_LATE) {
            draw_text(y, x + 2 * h, 2, T_ERROR, "!!");
        } else {
            const char *g = m->type >= 0 ? mo->glyph[(int)m->type] : "? ";

            draw_text(y, x + 2 * h, 2,
                      m->kind == SPAN_TAKEN ? T_SELECT : T_NORMAL, g);
        }
    }
}

static void
month_draw(void *arg)
{
    struct month *mo = arg;
    const struct config *cfg = mo->k->ctx.cfg;
    static const char *const wd[] = {
        N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"), N_("Sa"), N_("Su"),
    };
    const struct cfg_committee *c = config_committee(cfg,
                                                     mo->k->ctx.who.committee);
    const struct cfg_district *dist = config_district(cfg,
                                                      mo->k->ctx.who.district);
    int d1, d2, x0 = 1 + NAME_W;
    char *s;

    range(mo, &d1, &d2);
    erase();
    curs_set(0);
    s = xasprintf(_("Who is out — %04d-%02d, days %d–%d"), mo->year, mo->mon,
                  d1, d2);
    kiosk_draw_title(mo->k, s);
    free(s);
    draw_text(1, 1, COLS - 2, T_DIM,
              c != NULL ? c->name : dist != NULL ? dist->name : "");
    for (int d = d1; d <= d2; d++) {
        date_t day = date_from_ymd(mo->year, mo->mon, d);
        int x = x0 + (d - d1) * DAY_W;
        const char *w = calendar_is_holiday(&cfg->calendar, day) ? _("off")
                      : date_weekday(day) >= 5 &&
                        calendar_is_workday(&cfg->calendar, day) ? _("wk")
                      : _(wd[date_weekday(day)]);
        bool work = calendar_is_workday(&cfg->calendar, day);

        s = xasprintf("%4d", d);
        draw_text(2, x, DAY_W, work ? T_LABEL : T_DIM, s);
        free(s);
        draw_text(3, x, 1, T_NORMAL, "");
        draw_text(3, x + 1, DAY_W - 1, work ? T_LABEL : T_DIM, w);
    }
    mvchgat(3, 0, COLS, A_UNDERLINE, 0, NULL);
    if (mo->msg[0] != '\0')
        draw_text(TOP + 1, 2, COLS - 4, T_DIM, mo->msg);
    for (int i = 0; i < body_rows() && mo->top + i < mo->nrows; i++) {
        const struct row *r = &mo->rows[mo->top + i];
        int y = TOP + i;

        if (r->person == NULL) {
            draw_text(y, 1, COLS - 2, T_LABEL, r->committee);
            continue;
        }
        draw_text(y, 1, NAME_W - 1, T_NORMAL, r->person->name);
        for (int d = d1; d <= d2; d++) {
            date_t day = date_from_ymd(mo->year, mo->mon, d);

            draw_cell(mo, y, x0 + (d - d1) * DAY_W, r, d,
                      calendar_is_workday(&cfg->calendar, day));
        }
    }
    /* the legend: each type's mark, then what the looks mean */
    int x = 1;
    for (size_t i = 0; i < cfg->nleave_types && x < COLS - 4; i++) {
        x += draw_str(LINES - 3, x, T_SELECT, mo->glyph[i]);
        s = xasprintf(" %s  ", cfg->leave_types[i].name);
        x += draw_str(LINES - 3, x, T_NORMAL, s);
        free(s);
    }
    kiosk_status(mo->k, false, "%s",
                 _("marked: approved · plain: waiting · !!: overstayed · "
                   "-: day off"));
}

static const struct binding month_bar[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_LEFT, N_("Left/Right"), N_("the other half of the month, and on "
                                     "into the month before or after") },
    { ACT_PGUP, N_("PgUp/PgDn"), N_("the month before / after") },
    { ACT_HOME, N_("Home"), N_("this month") },
    { ACT_UP, N_("Up/Down"), N_("more people, when they do not all fit") },
    { ACT_BACK, N_("Back"), N_("back to the home screen") },
};

static void
step_month(struct month *mo, int dir)
{
    mo->mon += dir;
    if (mo->mon < 1) {
        mo->mon = 12;
        mo->year--;
    } else if (mo->mon > 12) {
        mo->mon = 1;
        mo->year++;
    }
    load(mo);
}

void
screen_leave_month(struct kiosk *k)
{
    struct month mo = { .k = k };
    const struct binding *saved = k->bar;
    int nsaved = k->nbar, dd;

    date_to_ymd(date_today(), &mo.year, &mo.mon, &dd);
    mo.part = dd > PAGE_DAYS;
    make_glyphs(&mo);
    load(&mo);
    kiosk_set_bar(k, month_bar, (int)ARRAY_LEN(month_bar));
    kiosk_push(k, month_draw, &mo);
    kiosk_repaint(k);
    for (bool done = false; !done;) {
        struct key key = kiosk_key(k, -1);

        switch (key.action) {
        case ACT_HELP:
            kiosk_help(k, _("Who is out"),
                       _("A letter or character marks a half-day of leave "
                         "by its type: reverse when approved or taken, plain "
                         "while it waits for a decision; !! a working "
                         "half-day overstayed before 销假. Weekends and "
                         "holidays are marked - and never counted."));
            break;
        case ACT_LEFT:
            if (mo.part == 1)
                mo.part = 0;
            else {
                mo.part = 1;
                step_month(&mo, -1);
            }
            kiosk_repaint(k);
            break;
        case ACT_RIGHT:
            if (mo.part == 0)
                mo.part = 1;
            else {
                mo.part = 0;
                step_month(&mo, 1);
            }
            kiosk_repaint(k);
            break;
        case ACT_PGUP:
        case ACT_PGDN:
            step_month(&mo, key.action == ACT_PGUP ? -1 : 1);
            kiosk_repaint(k);
            break;
        case ACT_HOME:
            date_to_ymd(date_today(), &mo.year, &mo.mon, &dd);
            mo.part = dd > PAGE_DAYS;
            load(&mo);
            kiosk_repaint(k);
            break;
        case ACT_UP:
        case ACT_DOWN:
            if (key.action == ACT_UP && mo.top > 0)
                mo.top--;
            else if (key.action == ACT_DOWN &&
                     mo.top + body_rows() < mo.nrows)
                mo.top++;
            kiosk_repaint(k);
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
    free_rows(&mo);
    free(mo.glyph);
}
