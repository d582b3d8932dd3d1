/* screen_leave.c — leave in the kiosk: my requests and balances, the
 * approvals waiting for me with marking, the home screen's lines, and the
 * words and the page of text the leave screens share. A new request and
 * one request with what I may do to it are in screen_leave_request.c, who
 * is out in screen_leave_month.c. Every rule is the core's (leave.h). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/config.h"
#include "juwei/leave.h"
#include "juwei/text.h"
#include "juwei/ui/draw.h"
#include "juwei/ui/list.h"
#include "juwei/ui/screen_leave.h"
#include "juwei/ui/screens.h"

/* --- words ---------------------------------------------------------------- */

const char *
screen_leave_type(const struct kiosk *k, const char *id)
{
    const struct cfg_leave_type *t = config_leave_type(k->ctx.cfg, id);

    return t != NULL ? t->name : id;
}

/* "2026-04-02 PM" for lists, "2026-04-02 afternoon" for sentences. */
char *
screen_leave_when(date_t day, enum half h, bool long_form, char buf[static 64])
{
    char d[11];

    snprintf(buf, 64, "%s %s", date_format(day, d),
             long_form ? (h == HALF_AM ? _("morning") : _("afternoon"))
                       : (h == HALF_AM ? _("AM") : _("PM")));
    return buf;
}

/* "2.5 days" */
char *
screen_leave_days(int halves, char buf[static 64])
{
    char n[16];

    if (halves == 2)
        snprintf(buf, 64, "%s", _("1 day"));
    else
        snprintf(buf, 64, _("%s days"), leave_days_text(halves, n));
    return buf;
}

const char *
screen_leave_decider(enum leave_route route, int step)
{
    if (route == ROUTE_STREET || step == 2)
        return _("the street office");
    return route == ROUTE_DIRECTOR_STREET
           ? _("the committee's director, then the street office")
           : _("the committee's director");
}

/* The status as a person wants it said; *warn for what needs doing. */
char *
screen_leave_status(const struct leave *l, bool *warn, bool *dim)
{
    char n[64];

    *warn = *dim = false;
    switch (l->status) {
    case LEAVE_PENDING:
        return xasprintf(_("waiting: %s"),
                         l->route == ROUTE_STREET || l->step == 2
                         ? _("street office") : _("director"));
    case LEAVE_APPROVED:
        if (leave_overdue(l, date_today())) {
            *warn = true;
            return xstrdup(_("approved, not back (销假) yet"));
        }
        return xstrdup(leave_status_label(l->status));
    case LEAVE_RETURNED:
        if (l->late > 0) {
            *warn = true;
            return xasprintf(_("back, %s late"), screen_leave_days(l->late, n));
        }
        if (l->used < l->halves)
            return xasprintf(_("back early, %s returned"),
                             screen_leave_days(l->halves - l->used, n));
        return xstrdup(leave_status_label(l->status));
    default:
        *dim = true;
        return xstrdup(leave_status_label(l->status));
    }
}

/* --- a page of text with its own keys ------------------------------------- */

void
screen_leave_line(struct leave_sheet *s, char *line)
{
    s->lines = xreallocarray(s->lines, (size_t)s->n + 1, sizeof *s->lines);
    s->lines[s->n++] = line;
}

/* "Label:  value", the value wrapped under itself. */
void
screen_leave_pair(struct leave_sheet *s, const char *label, const char *value)
{
    int lw = 14, w = COLS - 4 - lw;
    char *pad = text_pad(label, lw, false), *blank = text_pad("", lw, false);
    char *clean = text_clean(value);        /* newlines become spaces */
    const char *p = clean;

    do {
        int used;
        size_t take = text_fit(p, w, &used);

        if (take == 0 && *p != '\0')
            take = 1;
        screen_leave_line(s, xasprintf("%s%.*s", p == clean ? pad : blank,
                                       (int)take, p));
        p += take;
    } while (*p != '\0');
    free(clean);
    free(blank);
    free(pad);
}

void
screen_leave_sheet_free(struct leave_sheet *s)
{
    for (int i = 0; i < s->n; i++)
        free(s->lines[i]);
    free(s->lines);
    free(s->title);
    memset(s, 0, sizeof *s);
}

static void
sheet_draw(void *arg)
{
    struct leave_sheet *s = arg;
    int rows = LINES - 5;

    erase();
    curs_set(0);
    kiosk_draw_title(s->k, s->title);
    for (int i = 0; i < rows && s->top + i < s->n; i++) {
        const char *line = s->lines[s->top + i];

        draw_text(2 + i, 2, COLS - 4, T_NORMAL, line);
    }
}

/* Shows the sheet until a key of `bar` (F1 shows help); returns it. */
enum action
screen_leave_sheet_run(struct leave_sheet *s, const struct binding *bar,
                       int nbar, const char *help)
{
    const struct binding *saved = s->k->bar;
    int nsaved = s->k->nbar;
    enum action result = ACT_NONE;

    kiosk_set_bar(s->k, bar, nbar);
    kiosk_push(s->k, sheet_draw, s);
    kiosk_repaint(s->k);
    while (result == ACT_NONE) {
        struct key key = kiosk_key(s->k, -1);
        int rows = LINES - 5;

        switch (key.action) {
        case ACT_HELP:
            kiosk_help(s->k, s->title, help);
            break;
        case ACT_DOWN: case ACT_PGDN:
            if (s->top + rows < s->n) {
                s->top += key.action == ACT_DOWN ? 1 : rows;
                kiosk_repaint(s->k);
            }
            break;
        case ACT_UP: case ACT_PGUP:
            if (s->top > 0) {
                s->top -= key.action == ACT_UP ? 1 : rows;
                if (s->top < 0)
                    s->top = 0;
                kiosk_repaint(s->k);
            }
            break;
        case ACT_REDRAW:
            kiosk_repaint(s->k);
            break;
        case ACT_QUIT:
            result = ACT_QUIT;
            break;
        default:
            for (int i = 0; i < nbar; i++) {
                if (bar[i].action == key.action && key.action != ACT_NONE)
                    result = key.action;
            }
            break;
        }
    }
    kiosk_pop(s->k);
    kiosk_set_bar(s->k, saved, nsaved);
    return result;
}

/* --- the lists ------------------------------------------------------------ */

struct leave_list {
    struct kiosk   *k;
    enum leave_view view;
    bool            approvals;      /* columns with names and marks */
    int64_t        *marked;
    size_t          nmarked;
    char            desc[512];
};

static const struct list_column mine_cols[] = {
    { N_("Type"), 10, false },
    { N_("From"), 15, false },
    { N_("To"), 15, false },
    { N_("Days"), 5, true },
    { N_("Status"), 0, false },
};

static const struct list_column approval_cols[] = {
    { "", 1, false },
    { N_("Name"), 10, false },
    { N_("Type"), 8, false },
    { N_("From"), 15, false },
    { N_("To"), 15, false },
    { N_("Days"), 5, true },
    { N_("Status"), 0, false },
};

static bool
is_marked(const struct leave_list *ll, int64_t id)
{
    for (size_t i = 0; i < ll->nmarked; i++) {
        if (ll->marked[i] == id)
            return true;
    }
    return false;
}

static void
toggle_mark(struct leave_list *ll, int64_t id)
{
    for (size_t i = 0; i < ll->nmarked; i++) {
        if (ll->marked[i] == id) {
            ll->marked[i] = ll->marked[--ll->nmarked];
            return;
        }
    }
    ll->marked = xreallocarray(ll->marked, ll->nmarked + 1,
                               sizeof *ll->marked);
    ll->marked[ll->nmarked++] = id;
}

static int
fetch(void *arg, enum page_dir dir, const struct page_row *at, int n,
      struct page_row *rows, int *got, struct error *e)
{
    struct leave_list *ll = arg;
    struct leave *v = xcalloc((size_t)n, sizeof *v);
    int m = 0;

    if (leave_page(&ll->k->ctx, ll->view, dir, at != NULL ? at->key : NULL,
                   at != NULL ? at->id : 0, n, v, &m, e) < 0) {
        free(v);
        return -1;
    }
    for (int i = 0; i < m; i++) {
        char from[64], to[64], key[11], nd[16], dd[20];
        bool warn, dim;
        char *status = screen_leave_status(&v[i], &warn, &dim);
        int now = leave_recount(&ll->k->ctx, &v[i]);

        /* a star: the calendar now counts otherwise (see the request) */
        snprintf(dd, sizeof dd, "%s%s", leave_days_text(v[i].halves, nd),
                 now >= 0 && now != v[i].halves ? "*" : "");
        screen_leave_when(v[i].from, v[i].from_half, false, from);
        screen_leave_when(v[i].to, v[i].to_half, false, to);
        if (ll->approvals) {
            bool mark = ll->view == LEAVE_WAITING && is_marked(ll, v[i].id);
            const char *cells[] = {
                mark ? "*" : " ", v[i].staff_name,
                screen_leave_type(ll->k, v[i].type), from, to, dd, status,
            };
            page_row_set(&rows[i], v[i].id, date_format(v[i].from, key),
                         (int)ARRAY_LEN(cells), cells);
        } else {
            const char *cells[] = {
                screen_leave_type(ll->k, v[i].type), from, to, dd, status,
            };
            page_row_set(&rows[i], v[i].id, date_format(v[i].from, key),
                         (int)ARRAY_LEN(cells), cells);
        }
        rows[i].warn = warn;
        rows[i].dim = dim;
        free(status);
    }
    *got = m;
    free(v);
    return 0;
}

static long
count(void *arg)
{
    struct leave_list *ll = arg;

    return leave_page_count(&ll->k->ctx, ll->view);
}

/* The year's balances in one line, under the list's title. */
static void
balance_line(struct leave_list *ll)
{
    const struct config *cfg = ll->k->ctx.cfg;
    struct leave_balance *b = xcalloc(cfg->nleave_types, sizeof *b);
    struct error e = { 0 };
    int year, m, d;
    size_t len;

    date_to_ymd(date_today(), &year, &m, &d);
    snprintf(ll->desc, sizeof ll->desc, _("%d left:"), year);
    if (leave_balances(&ll->k->ctx, ll->k->ctx.who.staff_id, year, b,
                       &e) == 0) {
        for (size_t i = 0; i < cfg->nleave_types; i++) {
            char n[16];

            if (b[i].quota < 0)
                continue;
            len = strlen(ll->desc);
            snprintf(ll->desc + len, sizeof ll->desc - len, " %s %s%s",
                     b[i].name, leave_days_text(b[i].left, n),
                     i + 1 < cfg->nleave_types ? " ·" : "");
        }
    }
    free(b);
}

/* One row of the balance table, columns by display width. */
static char *
balance_row(const char *name, const char *a, const char *b, const char *c,
            const char *d)
{
    const char *cells[] = { a, b, c, d };
    char *row = text_pad(name, 14, true);

    for (size_t i = 0; i < ARRAY_LEN(cells); i++) {
        int w = text_width(cells[i]);
        char *pad = text_pad("", w < 8 ? 8 - w : 0, false);
        char *more = xasprintf("%s%s%s", row, pad, cells[i]);

        free(pad);
        free(row);
        row = more;
    }
    return row;
}

static void
show_balances(struct kiosk *k)
{
    const struct config *cfg = k->ctx.cfg;
    struct leave_balance *b = xcalloc(cfg->nleave_types, sizeof *b);
    static const struct binding bar[] = {
        { ACT_HELP, N_("Help"), N_("the keys of this screen") },
        { ACT_PGUP, N_("Year before"), N_("PgUp: the year before") },
        { ACT_PGDN, N_("Year after"), N_("PgDn: the year after") },
        { ACT_BACK, N_("Close"), N_("back to the list") },
    };
    struct error e = { 0 };
    int year, m, d;

    date_to_ymd(date_today(), &year, &m, &d);
    for (;;) {
        struct leave_sheet s = { .k = k };

        s.title = xasprintf(_("My leave balance %d"), year);
        screen_leave_line(&s, balance_row("", _("Quota"), _("Taken"),
                                          _("Waiting"), _("Left")));
        if (leave_balances(&k->ctx, k->ctx.who.staff_id, year, b, &e) < 0)
            screen_leave_line(&s, xstrdup(e.msg));
        for (size_t i = 0; e.code == 0 && i < cfg->nleave_types; i++) {
            char q[16], u[16], p[16], l[16];

            screen_leave_line(&s, balance_row(b[i].name,
                                      b[i].quota < 0 ? "-"
                                      : leave_days_text(b[i].quota, q),
                                      leave_days_text(b[i].used, u),
                                      leave_days_text(b[i].pending, p),
                                      b[i].quota < 0 ? "-"
                                      : leave_days_text(b[i].left, l)));
        }
        enum action act = screen_leave_sheet_run(&s, bar, (int)ARRAY_LEN(bar),
                                    _("Days of each leave type in the year: "
                                      "the quota, taken (approved, or as "
                                      "taken after 销假), waiting for a "
                                      "decision, and what is left."));
        screen_leave_sheet_free(&s);
        if (act == ACT_PGUP)
            year--;
        else if (act == ACT_PGDN)
            year++;
        else
            break;
    }
    free(b);
}

static const struct binding mine_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_EDIT, N_("Open"), N_("the selected request: withdraw, cancel or "
                               "report back (also Enter)") },
    { ACT_NEW, N_("Request"), N_("ask for leave") },
    { ACT_F6, N_("Balance"), N_("what is left of each leave type") },
    { ACT_BACK, N_("Back"), N_("back to the home screen") },
};

static void
mine(struct kiosk *k, const struct draft *d)
{
    struct leave_list ll = { .k = k, .view = LEAVE_MINE };
    struct page_source src = { .arg = &ll, .fetch = fetch, .count = count };
    struct list l = {
        .k = k, .title = _("My leave"), .cols = mine_cols,
        .ncols = (int)ARRAY_LEN(mine_cols), .src = &src, .keys = mine_keys,
        .nkeys = (int)ARRAY_LEN(mine_keys), .filter_desc = ll.desc,
        .help = N_("Your requests, newest first, and above them what is "
                   "left of each leave type this year. A star by the days: "
                   "the calendar now counts otherwise; the days asked for "
                   "are kept."),
    };
    struct error e = { 0 };
    bool alive = true;

    leave_seen_decisions(&k->ctx, &e);
    if (d != NULL)
        alive = screen_leave_request(k, d);
    while (alive) {
        const struct page_row *row;
        enum action act;

        balance_line(&ll);
        act = list_run(&l, &row);
        switch (act) {
        case ACT_NEW:
            alive = screen_leave_request(k, NULL);
            list_reset(&l);
            break;
        case ACT_ENTER:
        case ACT_EDIT:
            if (row != NULL)
                alive = screen_leave_open(k, row->id);
            break;
        case ACT_F6:
            show_balances(k);
            break;
        default:
            alive = false;
            break;
        }
    }
    list_free(&l);
}

void
screen_leave_mine(struct kiosk *k)
{
    mine(k, NULL);
}

void
screen_leave_resume(struct kiosk *k, const struct draft *d)
{
    mine(k, d);
}

static const struct binding waiting_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_FIND, N_("All"), N_("show all leave, not only what waits for "
                              "you") },
    { ACT_EDIT, N_("Open"), N_("the selected request: approve or reject it "
                               "(also Enter)") },
    { ACT_F6, N_("Mark"), N_("mark or unmark the selected request") },
    { ACT_F7, N_("Approve"), N_("approve every marked request (or the "
                                "selected one), with one comment") },
    { ACT_BACK, N_("Back"), N_("back to the home screen") },
};

static const struct binding all_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_FIND, N_("Waiting"), N_("show only what waits for you") },
    { ACT_EDIT, N_("Open"), N_("the selected request (also Enter)") },
    { ACT_BACK, N_("Back"), N_("back to the home screen") },
};

static void
approvals(struct kiosk *k, bool all)
{
    struct leave_list ll = { .k = k, .approvals = true };
    struct page_source src = { .arg = &ll, .fetch = fetch, .count = count };
    struct list l = {
        .k = k, .cols = approval_cols, .ncols = (int)ARRAY_LEN(approval_cols),
        .src = &src, .filter_desc = ll.desc,
        .help = N_("What waits for your decision, oldest first: F6 marks, "
                   "F7 approves the marked ones together. F3 shows all the "
                   "leave you see, newest first, with cancellations and who "
                   "is not back yet."),
    };
    struct error e = { 0 };
    bool alive = true;

    while (alive) {
        const struct page_row *row;
        enum action act;

        ll.view = all ? LEAVE_SCOPE : LEAVE_WAITING;
        l.title = all ? _("Leave — all") : _("Leave — waiting for me");
        l.keys = all ? all_keys : waiting_keys;
        l.nkeys = all ? (int)ARRAY_LEN(all_keys) : (int)ARRAY_LEN(waiting_keys);
        if (all) {
            leave_seen_cancellations(&k->ctx, &e);
            ll.desc[0] = '\0';
        } else {
            snprintf(ll.desc, sizeof ll.desc, _("%zu marked"), ll.nmarked);
        }
        act = list_run(&l, &row);
        switch (act) {
        case ACT_FIND:
            all = !all;
            list_reset(&l);
            break;
        case ACT_ENTER:
        case ACT_EDIT:
            if (row != NULL)
                alive = screen_leave_open(k, row->id);
            break;
        case ACT_F6:
            if (row != NULL)
                toggle_mark(&ll, row->id);
            break;
        case ACT_F7: {
            char what[64];

            if (ll.nmarked == 0 && row != NULL)
                toggle_mark(&ll, row->id);
            if (ll.nmarked == 0)
                break;
            snprintf(what, sizeof what, _("%zu requests"), ll.nmarked);
            alive = screen_leave_decide(k, ll.marked, ll.nmarked, 0, true,
                                        what);
            ll.nmarked = 0;
            list_reset(&l);
            break;
        }
        default:
            alive = false;
            break;
        }
    }
    list_free(&l);
    free(ll.marked);
}

void
screen_leave_approvals(struct kiosk *k)
{
    approvals(k, false);
}

void
screen_leave_team(struct kiosk *k)
{
    approvals(k, true);
}

/* --- the home screen's lines ---------------------------------------------- */

static bool
news(struct kiosk *k, struct leave_news *n)
{
    struct error e = { 0 };

    return leave_news(&k->ctx, date_today(), n, &e) == 0;
}

bool
screen_leave_agenda_waiting(struct kiosk *k, char **text, bool *warn)
{
    struct leave_news n;

    if (!news(k, &n) || n.waiting == 0)
        return false;
    *text = xasprintf(_("Leave waiting for your approval: %d"), n.waiting);
    *warn = false;
    return true;
}

bool
screen_leave_agenda_mine(struct kiosk *k, char **text, bool *warn)
{
    struct leave_news n;
    char *parts[3];
    int np = 0;

    if (!news(k, &n) || n.approved + n.rejected + n.my_overdue == 0)
        return false;
    if (n.approved > 0)
        parts[np++] = xasprintf(_("%d approved"), n.approved);
    if (n.rejected > 0)
        parts[np++] = xasprintf(_("%d rejected"), n.rejected);
    if (n.my_overdue > 0)
        parts[np++] = xasprintf(_("%d ended: report back (销假)"),
                                n.my_overdue);
    *text = xasprintf(_("My leave: %s%s%s%s%s"), parts[0],
                      np > 1 ? " · " : "", np > 1 ? parts[1] : "",
                      np > 2 ? " · " : "", np > 2 ? parts[2] : "");
    *warn = n.my_overdue > 0 || n.rejected > 0;
    for (int i = 0; i < np; i++)
        free(parts[i]);
    return true;
}

bool
screen_leave_agenda_team(struct kiosk *k, char **text, bool *warn)
{
    struct leave_news n;

    if (!news(k, &n) || n.overdue + n.cancelled == 0)
        return false;
    if (n.overdue > 0 && n.cancelled > 0)
        *text = xasprintf(_("Leave: %d ended without 销假 · %d cancelled"),
                          n.overdue, n.cancelled);
    else if (n.overdue > 0)
        *text = xasprintf(_("Leave: %d ended without 销假"), n.overdue);
    else
        *text = xasprintf(_("Leave: %d approved leave cancelled"),
                          n.cancelled);
    *warn = n.overdue > 0;
    return true;
}
