/* screen_home.c — who I am, today, and the main menu. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/audit.h"
#include "juwei/calendar.h"
#include "juwei/config.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/draw.h"
#include "juwei/ui/menu.h"
#include "juwei/ui/screens.h"

enum { HOME_LOCK = 1000, HOME_LOGOUT };

#define ROLES_ALL   0xF
#define ROLE_BIT(r) (1u << (r))

#define ROLES_IN_COMMITTEE (ROLE_BIT(ROLE_STAFF) | ROLE_BIT(ROLE_DIRECTOR))

/* The main menu: an item is shown to the roles it names; an item with a
 * submenu opens it (or, when only one of its entries is the user's, that
 * entry at once). Ten items at most, so that 1…9 and 0 choose them all. */
struct home_item {
    const char             *label;
    unsigned                roles;
    void                  (*open)(struct kiosk *k);
    int                     id;
    const struct home_item *sub;
    size_t                  nsub;
};

static const struct home_item leave_menu[] = {
    { N_("My leave"), ROLES_IN_COMMITTEE, screen_leave_mine, 0, NULL, 0 },
    { N_("Leave approvals"), ROLE_BIT(ROLE_DIRECTOR) | ROLE_BIT(ROLE_STREET),
      screen_leave_approvals, 0, NULL, 0 },
    { N_("Who is out"), ROLES_ALL & ~ROLE_BIT(ROLE_STAFF), screen_leave_month,
      0, NULL, 0 },
};

static const struct home_item residents_menu[] = {
    { N_("Residents"), ROLES_ALL, screen_residents, 0, NULL, 0 },
    { N_("Visits"), ROLES_ALL, screen_visits, 0, NULL, 0 },
};

static const struct home_item people_menu[] = {
    { N_("Assessment"), ROLES_ALL, screen_assessment, 0, NULL, 0 },
    { N_("Training"), ROLES_ALL, screen_training, 0, NULL, 0 },
    { N_("Roster"), ROLES_ALL, screen_roster, 0, NULL, 0 },
};

#define SUB(m) m, ARRAY_LEN(m)

static const struct home_item home_items[] = {
    { N_("Work records"), ROLES_ALL, screen_records, 0, NULL, 0 },
    { N_("Inspections"), ROLES_ALL, screen_inspections, 0, NULL, 0 },
    { N_("Residents and visits"), ROLES_ALL, NULL, 0, SUB(residents_menu) },
    { N_("Leave"), ROLES_ALL, NULL, 0, SUB(leave_menu) },
    { N_("Assessment and training"), ROLES_ALL, NULL, 0, SUB(people_menu) },
    { N_("Monthly reports"), ROLES_ALL & ~ROLE_BIT(ROLE_STAFF), screen_reports,
      0, NULL, 0 },
    { N_("Accounts"), ROLE_BIT(ROLE_ADMIN), screen_accounts, 0, NULL, 0 },
    { N_("Change my password"), ROLES_ALL, screen_password, 0, NULL, 0 },
    { N_("Lock the screen"), ROLES_ALL, NULL, HOME_LOCK, NULL, 0 },
    { N_("Log out"), ROLES_ALL, NULL, HOME_LOGOUT, NULL, 0 },
};

#define MENU_MAX 10

static bool
item_shown(const struct home_item *it, enum role r)
{
    if (!(it->roles & ROLE_BIT(r)))
        return false;
    for (size_t i = 0; i < it->nsub; i++) {
        if (item_shown(&it->sub[i], r))
            return true;
    }
    return it->nsub == 0;
}

/* Fills a menu with the items of `v` the role may see, numbered 1…9, 0. */
static int
build_menu(const struct home_item *v, size_t n, enum role r,
           struct menu_item *items, int *index)
{
    int m = 0;

    for (size_t i = 0; i < n && m < MENU_MAX; i++) {
        if (!item_shown(&v[i], r))
            continue;
        index[m] = (int)i;
        items[m] = (struct menu_item){
            .hot = m < 9 ? (wchar_t)('1' + m) : L'0',
            .label = v[i].label,
            .id = m + 1,
        };
        m++;
    }
    return m;
}

struct submenu {
    struct kiosk           *k;
    const struct home_item *it;
    struct menu             menu;
};

static void
submenu_draw(void *arg)
{
    struct submenu *s = arg;

    erase();
    curs_set(0);
    kiosk_draw_title(s->k, _(s->it->label));
    s->menu.y = 2;
    s->menu.x = 2;
    s->menu.w = COLS - 4 < 50 ? COLS - 4 : 50;
    menu_draw(&s->menu, true);
}

static const struct binding submenu_bar[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_BACK, N_("Back"), N_("back to the home screen") },
};

static void
open_submenu(struct kiosk *k, const struct home_item *it)
{
    struct submenu s = { .k = k, .it = it };
    struct menu_item items[MENU_MAX];
    int index[MENU_MAX];
    const struct binding *saved = k->bar;
    int nsaved = k->nbar;

    s.menu.items = items;
    s.menu.n = build_menu(it->sub, it->nsub, k->ctx.who.role, items, index);
    if (s.menu.n == 1) {
        it->sub[index[0]].open(k);
        return;
    }
    kiosk_set_bar(k, submenu_bar, (int)ARRAY_LEN(submenu_bar));
    kiosk_push(k, submenu_draw, &s);
    kiosk_repaint(k);
    for (bool done = false; !done;) {
        struct key key = kiosk_key(k, -1);
        bool redraw = false;
        int picked;

        switch (key.action) {
        case ACT_HELP:
            kiosk_help(k, _(it->label), _("Choose an item with its number, "
                                          "or with Up/Down and Enter."));
            continue;
        case ACT_BACK:
        case ACT_QUIT:
            done = true;
            continue;
        case ACT_REDRAW:
            kiosk_repaint(k);
            continue;
        default:
            break;
        }
        picked = menu_key(&s.menu, &key, &redraw);
        if (picked > 0) {
            it->sub[index[picked - 1]].open(k);
            kiosk_set_bar(k, submenu_bar, (int)ARRAY_LEN(submenu_bar));
            kiosk_repaint(k);
        } else if (redraw) {
            menu_draw(&s.menu, true);
            refresh();
        }
    }
    kiosk_pop(k);
    kiosk_set_bar(k, saved, nsaved);
}

/* What needs me: each entry asks the core for one line (a count of
 * waiting or overdue things) and opens the screen that shows them. A record
 * kind adds its entries here; line() returns false when it has nothing to
 * say to this account. */
static const struct {
    bool (*line)(struct kiosk *k, char **text, bool *warn);
    void (*open)(struct kiosk *k);
} agenda[] = {
    { screen_records_agenda, screen_records_today },
    { screen_inspections_agenda_mine, screen_inspections_mine },
    { screen_inspections_agenda_overdue, screen_inspections_overdue },
    { screen_leave_agenda_waiting, screen_leave_approvals },
    { screen_leave_agenda_mine, screen_leave_mine },
    { screen_leave_agenda_team, screen_leave_team },
    { screen_roster_agenda, screen_roster },
    { screen_assessment_agenda, screen_assessment },
    { screen_visits_agenda, screen_followups_mine },
};

#define AGENDA_MAX 16

static const struct binding home_bar[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_BACK, N_("Log out"), N_("log out (asks first)") },
};

struct home {
    struct kiosk    *k;
    struct menu      todo;                  /* the agenda lines */
    struct menu_item todo_items[AGENDA_MAX];
    int              todo_index[AGENDA_MAX];
    bool             in_todo;               /* focus on the agenda */
    struct menu      menu;
    struct menu_item items[MENU_MAX];
    int              index[MENU_MAX];               /* menu → home_items */
};

static void
home_draw(void *arg)
{
    struct home *h = arg;
    const struct session *who = &h->k->ctx.who;
    const struct config *cfg = h->k->ctx.cfg;
    const struct cfg_committee *c = config_committee(cfg, who->committee);
    const struct cfg_district *d = config_district(cfg, who->district);
    date_t today = date_today();
    static const char *const weekdays[] = {
        N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
        N_("Friday"), N_("Saturday"), N_("Sunday"),
    };
    char day[11], *line;

    erase();
    curs_set(0);
    kiosk_draw_title(h->k, _("juwei 居委 — home"));
    line = xasprintf("%s (%s) · %s%s%s%s%s", who->name, who->login,
                     role_label(who->role), c ? " · " : "", c ? c->name : "",
                     d ? " · " : "", d ? d->name : "");
    draw_text(2, 2, COLS - 4, T_NORMAL, line);
    free(line);
    line = xasprintf("%s %s · %s", date_format(today, day),
                     _(weekdays[date_weekday(today)]),
                     !calendar_covers(&cfg->calendar, today)
                         ? _("outside the configured calendar")
                     : calendar_is_workday(&cfg->calendar, today)
                         ? _("working day") : _("day off"));
    draw_text(3, 2, COLS - 4, T_DIM, line);
    free(line);
    draw_text(5, 2, COLS - 4, T_LABEL, _("What needs me"));
    h->todo.y = 6;
    h->todo.x = 2;
    h->todo.w = COLS - 4;
    if (h->todo.n == 0)
        draw_text(6, 4, COLS - 6, T_DIM, _("Nothing is waiting for you."));
    menu_draw(&h->todo, h->in_todo);
    int y = 6 + (h->todo.n > 0 ? h->todo.n : 1) + 1;
    draw_text(y, 2, COLS - 4, T_LABEL, _("Main menu"));
    h->menu.y = y + 1;
    h->menu.x = 2;
    h->menu.w = COLS - 4 < 50 ? COLS - 4 : 50;
    menu_draw(&h->menu, !h->in_todo);
}

static void
free_agenda(struct home *h)
{
    for (int i = 0; i < h->todo.n; i++)
        free((char *)h->todo_items[i].text);
    h->todo.n = 0;
}

/* Asks every agenda entry again: counts change while the user works. */
static void
load_agenda(struct home *h)
{
    free_agenda(h);
    for (size_t i = 0; i < ARRAY_LEN(agenda) && h->todo.n < AGENDA_MAX; i++) {
        char *text = NULL;
        bool warn = false;

        if (agenda[i].line == NULL || !agenda[i].line(h->k, &text, &warn))
            continue;
        struct menu_item *it = &h->todo_items[h->todo.n];
        it->hot = (wchar_t)('a' + h->todo.n);
        it->text = text;
        it->warn = warn;
        it->id = h->todo.n + 1;
        h->todo_index[h->todo.n] = (int)i;
        h->todo.n++;
    }
    h->todo.items = h->todo_items;
    if (h->todo.sel >= h->todo.n)
        h->todo.sel = h->todo.n > 0 ? h->todo.n - 1 : 0;
    if (h->todo.n == 0)
        h->in_todo = false;
}

static bool
confirm_logout(struct kiosk *k)
{
    return dialog_confirm(k, _("Log out"), _("Log out now?"), true);
}

void
screen_home(struct kiosk *k)
{
    struct home h = { .k = k };
    const struct binding *saved = k->bar;
    int nsaved = k->nbar;

    h.menu.n = build_menu(home_items, ARRAY_LEN(home_items), k->ctx.who.role,
                          h.items, h.index);
    h.menu.items = h.items;
    load_agenda(&h);
    kiosk_set_bar(k, home_bar, (int)ARRAY_LEN(home_bar));
    kiosk_push(k, home_draw, &h);
    kiosk_repaint(k);
    for (bool done = false; !done;) {
        struct key key = kiosk_key(k, -1);
        bool redraw = false;
        int picked;

        switch (key.action) {
        case ACT_HELP:
            kiosk_help(k, _("home"),
                       _("Choose a menu item with its number, or with Up/Down "
                         "and Enter."));
            continue;
        case ACT_BACK:
            if (confirm_logout(k))
                done = true;
            continue;
        case ACT_QUIT:
            done = true;
            continue;
        case ACT_REDRAW:
            kiosk_repaint(k);
            continue;
        default:
            break;
        }
        /* Up from the menu's top enters the agenda; Down from the agenda's
         * bottom leaves it. Hot keys work in both. */
        if (!h.in_todo && key.action == ACT_UP && h.menu.sel == 0 &&
            h.todo.n > 0) {
            h.in_todo = true;
            h.todo.sel = h.todo.n - 1;
            kiosk_repaint(k);
            continue;
        }
        if (h.in_todo && key.action == ACT_DOWN && h.todo.sel == h.todo.n - 1) {
            h.in_todo = false;
            h.menu.sel = 0;
            kiosk_repaint(k);
            continue;
        }
        /* Letters pick agenda lines and digits menu items wherever the
         * focus is; arrows and Enter act on the focused one. */
        bool todo_key = key.action == ACT_CHAR ? key.ch >= 'a' && key.ch <= 'z'
                                               : h.in_todo;
        picked = menu_key(todo_key ? &h.todo : &h.menu, &key, &redraw);
        if (picked > 0 && todo_key) {
            h.in_todo = true;
            agenda[h.todo_index[picked - 1]].open(k);
            load_agenda(&h);
            kiosk_repaint(k);
        } else if (picked > 0) {
            int item = h.index[picked - 1];

            h.in_todo = false;
            menu_draw(&h.menu, true);
            refresh();
            if (home_items[item].nsub > 0) {
                open_submenu(k, &home_items[item]);
            } else if (home_items[item].open != NULL) {
                home_items[item].open(k);
            } else if (home_items[item].id == HOME_LOCK) {
                if (!screen_lock(k))
                    done = true;
            } else if (home_items[item].id == HOME_LOGOUT) {
                done = confirm_logout(k);
            }
            if (!done) {
                load_agenda(&h);
                kiosk_repaint(k);
            }
        } else if (redraw) {
            menu_draw(&h.todo, h.in_todo);
            menu_draw(&h.menu, !h.in_todo);
            refresh();
        }
    }
    free_agenda(&h);
    audit_append(k->ctx.db, &k->ctx.who, "logout", NULL, 0, NULL, NULL, NULL);
    kiosk_pop(k);
    kiosk_set_bar(k, saved, nsaved);
}
