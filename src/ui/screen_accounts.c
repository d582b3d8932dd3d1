/* screen_accounts.c — accounts (admin): the list, a new account, a new
 * password for someone who forgot theirs, disabling and enabling. */
#include <stdlib.h>
#include <string.h>

#include "juwei/auth.h"
#include "juwei/config.h"
#include "juwei/draft.h"
#include "juwei/staff.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/form.h"
#include "juwei/ui/list.h"
#include "juwei/ui/screens.h"

static const struct list_column columns[] = {
    { N_("Login"), 14, false },
    { N_("Name"), 16, false },
    { N_("Role"), 14, false },
    { N_("Committee / district"), 0, false },
    { N_("Status"), 8, false },
};

static const struct binding list_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_FIND, N_("Find"), N_("show only accounts whose login or name "
                               "contains a text") },
    { ACT_EDIT, N_("New password"), N_("give the selected account a new "
                                   "password (also Enter)") },
    { ACT_NEW, N_("New"), N_("add an account") },
    { ACT_DELETE, N_("Disable"), N_("disable the selected account, or "
                                    "enable it again") },
    { ACT_BACK, N_("Back"), N_("back to the home screen") },
};

struct accounts {
    struct kiosk     *k;
    char              find[128];
    struct pick_item *roles, *committees, *districts;
    size_t            nroles, ncommittees, ndistricts;
};

static const char *
status_label(const struct staff *s)
{
    if (!s->active)
        return _("disabled");
    return s->locked ? _("locked") : _("active");
}

static int
fetch(void *arg, enum page_dir dir, const struct page_row *at, int n,
      struct page_row *rows, int *got, struct error *e)
{
    struct accounts *a = arg;
    struct staff *v = xcalloc((size_t)n, sizeof *v);
    int m = 0;

    if (staff_page(&a->k->ctx, a->find, true, dir, at != NULL ? at->key : NULL,
                   n, v, &m, e) < 0) {
        free(v);
        return -1;
    }
    for (int i = 0; i < m; i++) {
        const struct cfg_district *d = config_district(a->k->ctx.cfg,
                                                       v[i].district);
        const char *where = v[i].committee_name[0] != '\0' ? v[i].committee_name
                          : d != NULL ? d->name : "";
        const char *cells[] = { v[i].login, v[i].name, role_label(v[i].role),
                                where, status_label(&v[i]) };

        page_row_set(&rows[i], v[i].id, v[i].login, (int)ARRAY_LEN(cells),
                     cells);
        rows[i].dim = !v[i].active;
        rows[i].warn = v[i].locked;
    }
    *got = m;
    free(v);
    return 0;
}

static long
count(void *arg)
{
    struct accounts *a = arg;

    return staff_page_count(&a->k->ctx, a->find, true);
}

static void
role_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct accounts *a = arg;

    *items = a->roles;
    *n = a->nroles;
}

static void
committee_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct accounts *a = arg;

    *items = a->committees;
    *n = a->ncommittees;
}

static void
district_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct accounts *a = arg;

    *items = a->districts;
    *n = a->ndistricts;
}

static const struct form_field new_fields[] = {
    { .name = "login", .label = N_("Login"), .type = FT_TEXT, .width = 32,
      .max_chars = STAFF_LOGIN_MAX, .required = true,
      .help = N_("2–32 lowercase letters, digits, . _ -; cannot change later") },
    { .name = "name", .label = N_("Name"), .type = FT_TEXT, .width = 32,
      .max_chars = 40, .required = true, .help = N_("the person's full name") },
    { .name = "role", .label = N_("Role"), .type = FT_CHOICE, .width = 20,
      .required = true, .options = role_options,
      .help = N_("staff and directors belong to a committee, the street "
                 "office to a district; an administrator to neither") },
    { .name = "committee_id", .label = N_("Committee"), .type = FT_CHOICE,
      .width = 40, .options = committee_options,
      .help = N_("for staff and directors") },
    { .name = "district_id", .label = N_("District"), .type = FT_CHOICE,
      .width = 40, .options = district_options,
      .help = N_("for street office accounts") },
    { .name = "password", .label = N_("Password"), .type = FT_PASSWORD,
      .width = 32, .max_chars = 128, .required = true,
      .help = N_("at least 8 characters; tell it to the person, who should "
                 "change it at the first login") },
    { .name = "password2", .label = N_("Again"), .type = FT_PASSWORD,
      .width = 32, .max_chars = 128, .required = true,
      .help = N_("the same password once more") },
};

static int
new_save(struct form *f, void *arg, struct error *e)
{
    struct accounts *a = arg;
    char *login = form_get(f, "login"), *name = form_get(f, "name");
    char *role = form_get(f, "role"), *committee = form_get(f, "committee_id");
    char *district = form_get(f, "district_id");
    char *pw = form_get(f, "password"), *pw2 = form_get(f, "password2");
    enum role r = ROLE_STAFF;
    int rc = -1;

    role_parse(role, &r);
    if (strcmp(pw, pw2) != 0)
        error_set(e, E_INVAL, "password2", _("the two passwords differ"));
    else
        rc = staff_add(&a->k->ctx, login, name,
                       *committee != '\0' ? committee : NULL,
                       *district != '\0' ? district : NULL, r, pw, e);
    explicit_bzero(pw, strlen(pw));
    explicit_bzero(pw2, strlen(pw2));
    free(pw);
    free(pw2);
    free(login);
    free(name);
    free(role);
    free(committee);
    free(district);
    return rc;
}

/* A new account, from scratch or from a draft kept when the terminal went
 * away. Returns false when the kiosk is quitting. */
static bool
new_account(struct accounts *a, const struct draft *d)
{
    struct form *f = form_new(a->k, _("New account"), new_fields,
                              ARRAY_LEN(new_fields), a);
    enum form_result r;

    f->save = new_save;
    f->say_saved = true;
    f->draft_kind = "account";
    if (d != NULL)
        form_from_draft(f, d);
    else
        form_set(f, "role", "staff");
    r = form_run(f);
    form_free(f);
    return r != FORM_QUIT;
}

static const struct form_field password_fields[] = {
    { .name = "password", .label = N_("New password"), .type = FT_PASSWORD,
      .width = 32, .max_chars = 128, .required = true,
      .help = N_("at least 8 characters; also lifts a lockout") },
    { .name = "password2", .label = N_("Again"), .type = FT_PASSWORD,
      .width = 32, .max_chars = 128, .required = true,
      .help = N_("the same password once more") },
};

struct reset {
    struct accounts *a;
    int64_t          id;
    const char      *login;
};

static int
reset_save(struct form *f, void *arg, struct error *e)
{
    struct reset *r = arg;
    char *pw = form_get(f, "password"), *pw2 = form_get(f, "password2");
    int rc = -1;

    if (strcmp(pw, pw2) != 0)
        error_set(e, E_INVAL, "password2", _("the two passwords differ"));
    else if (auth_password_ok(r->login, pw, e) == 0)
        rc = staff_set_password(&r->a->k->ctx, r->id, pw, e);
    explicit_bzero(pw, strlen(pw));
    explicit_bzero(pw2, strlen(pw2));
    free(pw);
    free(pw2);
    return rc;
}

static bool
reset_password(struct accounts *a, const struct page_row *row)
{
    struct reset r = { .a = a, .id = row->id, .login = row->key };
    char *title = xasprintf(_("New password for %s"), row->key);
    struct form *f = form_new(a->k, title, password_fields,
                              ARRAY_LEN(password_fields), &r);
    enum form_result res;

    f->save = reset_save;
    f->say_saved = true;
    res = form_run(f);
    form_free(f);
    free(title);
    return res != FORM_QUIT;
}

static void
toggle(struct accounts *a, const struct page_row *row)
{
    struct error e = { 0 };
    bool disabled = row->dim;
    char *q = xasprintf(disabled ? _("Enable the account %s again?")
                                 : _("Disable the account %s? It can no "
                                     "longer log in; its records stay."),
                        row->key);

    if (dialog_confirm(a->k, disabled ? _("Enable") : _("Disable"), q, false)) {
        int rc = disabled ? staff_enable(&a->k->ctx, row->key, &e)
                          : staff_disable(&a->k->ctx, row->key, &e);

        if (rc < 0)
            dialog_message(a->k, true, _("Not changed"), e.msg);
        else if (disabled)
            kiosk_flash(a->k, _("The account %s is enabled."), row->key);
        else
            kiosk_flash(a->k, _("The account %s is disabled."), row->key);
    }
    free(q);
}

static const struct form_field find_fields[] = {
    { .name = "find", .label = N_("Find"), .type = FT_TEXT, .width = 32,
      .max_chars = 40,
      .help = N_("part of a login or a name; empty shows every account") },
};

static int
find_save(struct form *f, void *arg, struct error *e)
{
    struct accounts *a = arg;
    char *v = form_get(f, "find");

    (void)e;
    snprintf(a->find, sizeof a->find, "%s", v);
    free(v);
    return 0;
}

static bool
find(struct accounts *a)
{
    struct form *f = form_new(a->k, _("Find accounts"), find_fields,
                              ARRAY_LEN(find_fields), a);
    enum form_result r;

    f->save = find_save;
    f->discardable = true;
    f->save_label = N_("Find");
    form_set(f, "find", a->find);
    r = form_run(f);
    form_free(f);
    return r != FORM_QUIT;
}

static void
setup_choices(struct accounts *a)
{
    const struct config *cfg = a->k->ctx.cfg;
    static const enum role roles[] = {
        ROLE_STAFF, ROLE_DIRECTOR, ROLE_STREET, ROLE_ADMIN,
    };

    a->nroles = ARRAY_LEN(roles);
    a->roles = xcalloc(a->nroles, sizeof *a->roles);
    for (size_t i = 0; i < a->nroles; i++) {
        a->roles[i].id = role_name(roles[i]);
        a->roles[i].name = role_label(roles[i]);
    }
    a->ncommittees = cfg->ncommittees;
    a->committees = xcalloc(cfg->ncommittees, sizeof *a->committees);
    for (size_t i = 0; i < cfg->ncommittees; i++) {
        a->committees[i].id = cfg->committees[i].id;
        a->committees[i].name = cfg->committees[i].name;
    }
    a->ndistricts = cfg->ndistricts;
    a->districts = xcalloc(cfg->ndistricts, sizeof *a->districts);
    for (size_t i = 0; i < cfg->ndistricts; i++) {
        a->districts[i].id = cfg->districts[i].id;
        a->districts[i].name = cfg->districts[i].name;
    }
}

static void
run(struct kiosk *k, const struct draft *d)
{
    struct accounts a = { .k = k };
    struct page_source src = { .arg = &a, .fetch = fetch, .count = count };
    struct list l = {
        .k = k, .title = _("Accounts"), .cols = columns,
        .ncols = (int)ARRAY_LEN(columns), .src = &src, .keys = list_keys,
        .nkeys = (int)ARRAY_LEN(list_keys),
        .help = N_("Every account the administrator sees. Disabled "
                   "accounts are dim, locked ones marked."),
    };
    bool alive = true;

    setup_choices(&a);
    if (d != NULL)
        alive = new_account(&a, d);
    while (alive) {
        const struct page_row *row;
        enum action act = list_run(&l, &row);

        l.filter_desc = NULL;
        switch (act) {
        case ACT_NEW:
            alive = new_account(&a, NULL);
            break;
        case ACT_ENTER:
        case ACT_EDIT:
            if (row != NULL)
                alive = reset_password(&a, row);
            break;
        case ACT_DELETE:
            if (row != NULL)
                toggle(&a, row);
            break;
        case ACT_FIND:
            alive = find(&a);
            list_reset(&l);
            break;
        default:
            alive = false;
            break;
        }
        if (a.find[0] != '\0') {
            static char desc[192];

            snprintf(desc, sizeof desc, _("Find: %s"), a.find);
            l.filter_desc = desc;
        }
    }
    list_free(&l);
    free(a.roles);
    free(a.committees);
    free(a.districts);
}

void
screen_accounts(struct kiosk *k)
{
    run(k, NULL);
}

void
screen_accounts_resume(struct kiosk *k, const struct draft *d)
{
    run(k, d);
}
