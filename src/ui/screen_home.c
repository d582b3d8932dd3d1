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

/* The main menu: an item is shown to the roles it names. Items of record
 * kinds join this table as their screens are built. */
static const struct {
    const char *label;
    unsigned    roles;
    void      (*open)(struct kiosk *k);
    int         id;
} home_items[] = {
    { N_("Accounts"), ROLE_BIT(ROLE_ADMIN), screen_accounts, 0 },
    { N_("Change my password"), ROLES_ALL, screen_password, 0 },
    { N_("Lock the screen"), ROLES_ALL, NULL, HOME_LOCK },
    { N_("Log out"), ROLES_ALL, NULL, HOME_LOGOUT },
};

/* What needs me: each entry asks the core for one line (a count of
 * waiting or overdue things) and opens the screen that shows them. A record
 * kind adds its entries here; line() returns false when it has nothing to
 * say to this account. */
static const struct {
    bool (*line)(struct kiosk *k, char **text, bool *warn);
    void (*open)(struct kiosk *k);
} agenda[] = {
    { NULL, NULL },     /* keeps the table valid while it is short */
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
    struct menu_item items[ARRAY_LEN(home_items)];
    int              index[ARRAY_LEN(home_items)];  /* menu → home_items */
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

    for (size_t i = 0; i < ARRAY_LEN(home_items); i++) {
        if (!(home_items[i].roles & ROLE_BIT(k->ctx.who.role)))
            continue;
        h.index[h.menu.n] = (int)i;
        h.items[h.menu.n].hot = (wchar_t)('1' + h.menu.n);
        h.items[h.menu.n].label = home_items[i].label;
        h.items[h.menu.n].id = h.menu.n + 1;
        h.menu.n++;
    }
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
        bool todo_key = h.in_todo ||
                        (key.action == ACT_CHAR && key.ch >= 'a' && key.ch <= 'z');
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
            if (home_items[item].open != NULL) {
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
