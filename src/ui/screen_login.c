/* screen_login.c — first-run setup, login, and the idle lock. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/auth.h"
#include "juwei/staff.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/form.h"
#include "juwei/ui/screens.h"

static const struct form_field setup_fields[] = {
    { .name = "login", .label = N_("Login"), .type = FT_TEXT, .width = 32,
      .max_chars = 32, .required = true,
      .help = N_("the administrator's login: lowercase letters, digits, . _ -") },
    { .name = "name", .label = N_("Name"), .type = FT_TEXT, .width = 32,
      .max_chars = 40, .required = true,
      .help = N_("the administrator's full name, as colleagues know it") },
    { .name = "password", .label = N_("Password"), .type = FT_PASSWORD,
      .width = 32, .max_chars = 128, .required = true,
      .help = N_("at least 8 characters; there is no default password") },
    { .name = "password2", .label = N_("Again"), .type = FT_PASSWORD,
      .width = 32, .max_chars = 128, .required = true,
      .help = N_("the same password once more") },
};

static int
setup_save(struct form *f, void *arg, struct error *e)
{
    struct kiosk *k = arg;
    char *login = form_get(f, "login"), *name = form_get(f, "name");
    char *pw = form_get(f, "password"), *pw2 = form_get(f, "password2");
    int rc = -1;

    if (strcmp(pw, pw2) != 0)
        error_set(e, E_INVAL, "password2", _("the two passwords differ"));
    else if (auth_password_ok(login, pw, e) == 0 &&
             staff_create_first_admin(k->ctx.db, login, name, pw, e) == 0)
        rc = 0;
    if (rc < 0 && strcmp(e->field, "password") == 0)
        form_set(f, "password2", "");
    free(login);
    free(name);
    explicit_bzero(pw, strlen(pw));
    explicit_bzero(pw2, strlen(pw2));
    free(pw);
    free(pw2);
    return rc;
}

bool
screen_setup(struct kiosk *k)
{
    struct form *f = form_new(k, _("First start: create the administrator"),
                              setup_fields, ARRAY_LEN(setup_fields), k);
    enum form_result r;

    f->save = setup_save;
    f->save_label = N_("Create");
    f->back_label = N_("Quit");
    f->help = N_("This database has no accounts yet. The account made here "
                 "is the administrator, who then adds everyone else.");
    r = form_run(f);
    if (r == FORM_SAVED) {
        char *login = form_get(f, "login");
        char *msg = xasprintf(_("The administrator \"%s\" is ready. Log in "
                                "with it now."), login);

        dialog_message(k, false, _("First start"), msg);
        free(msg);
        free(login);
    }
    form_free(f);
    return r == FORM_SAVED;
}

static const struct form_field login_fields[] = {
    { .name = "login", .label = N_("Login"), .type = FT_TEXT, .width = 24,
      .max_chars = 32, .required = true, .help = N_("your login") },
    { .name = "password", .label = N_("Password"), .type = FT_PASSWORD,
      .width = 24, .max_chars = 128, .required = true,
      .help = N_("your password") },
};

struct login {
    struct kiosk  *k;
    struct session who;
};

static int
login_save(struct form *f, void *arg, struct error *e)
{
    struct login *l = arg;
    char *login = form_get(f, "login"), *pw = form_get(f, "password");
    int rc = auth_login(l->k->ctx.db, login, pw, &l->who, e);

    if (rc < 0) {
        /* The message is next to the password whatever went wrong, so
         * it does not hint whether the login exists. */
        snprintf(e->field, sizeof e->field, "password");
        form_set(f, "password", "");
    }
    explicit_bzero(pw, strlen(pw));
    free(pw);
    free(login);
    return rc;
}

bool
screen_login(struct kiosk *k)
{
    struct login l = { .k = k };
    struct form *f = form_new(k, _("juwei 居委 — log in"), login_fields,
                              ARRAY_LEN(login_fields), &l);
    bool in = false;

    f->save = login_save;
    f->discardable = true;
    f->save_label = N_("Log in");
    f->back_label = N_("Quit");
    for (;;) {
        enum form_result r = form_run(f);

        if (r == FORM_SAVED) {
            k->ctx.who = l.who;
            k->logged_in = true;
            k->logging_out = false;
            k->last_key = util_now();
            in = true;
            break;
        }
        if (r == FORM_QUIT)
            break;
        /* Asked over the login form, which stays as it was on "no". */
        if (dialog_confirm(k, _("Quit"), _("Quit juwei?"), false))
            break;
    }
    form_free(f);
    return in;
}

static const struct form_field unlock_fields[] = {
    { .name = "password", .label = N_("Password"), .type = FT_PASSWORD,
      .width = 24, .max_chars = 128, .required = true,
      .help = N_("the password of the person who is logged in") },
};

static const struct form_field logout_fields[] = {
    { .name = "login", .label = N_("Login"), .type = FT_TEXT, .width = 24,
      .max_chars = 32, .required = true,
      .help = N_("the owner of this session, or an administrator") },
    { .name = "password", .label = N_("Password"), .type = FT_PASSWORD,
      .width = 24, .max_chars = 128, .required = true,
      .help = N_("that account's password") },
};

static int
unlock_save(struct form *f, void *arg, struct error *e)
{
    struct kiosk *k = arg;
    char *pw = form_get(f, "password");
    bool ok = auth_verify(k->ctx.db, k->ctx.who.staff_id, pw);

    explicit_bzero(pw, strlen(pw));
    free(pw);
    if (ok)
        return 0;
    form_set(f, "password", "");
    return error_set(e, E_AUTH, "password", _("wrong password"));
}

static int
logout_save(struct form *f, void *arg, struct error *e)
{
    struct kiosk *k = arg;
    struct session who;
    char *login = form_get(f, "login"), *pw = form_get(f, "password");
    int rc = auth_login(k->ctx.db, login, pw, &who, e);

    explicit_bzero(pw, strlen(pw));
    free(pw);
    free(login);
    form_set(f, "password", "");
    if (rc < 0) {
        snprintf(e->field, sizeof e->field, "password");
        return -1;
    }
    if (who.staff_id != k->ctx.who.staff_id && who.role != ROLE_ADMIN)
        return error_set(e, E_PERM, "login",
                         _("only the owner of this session or an "
                           "administrator may log it out"));
    return 0;
}

bool
screen_lock(struct kiosk *k)
{
    char *title = xasprintf(_("Locked — %s (%s)"), k->ctx.who.name,
                            k->ctx.who.login);
    bool alive = true;

    k->locked = true;
    for (bool done = false; !done;) {
        struct form *f = form_new(k, title, unlock_fields,
                                  ARRAY_LEN(unlock_fields), k);
        enum form_result r;

        f->save = unlock_save;
        f->discardable = true;
        f->save_label = N_("Unlock");
        f->back_label = N_("Log out");
        f->help = N_("The screen locked itself after it was left idle. The "
                     "password of the person logged in unlocks it; F10 lets "
                     "that person or an administrator log the session out.");
        r = form_run(f);
        form_free(f);
        if (r == FORM_SAVED) {
            done = true;
        } else if (r == FORM_QUIT) {
            alive = false;
            done = true;
        } else {
            f = form_new(k, _("Log out the locked session"), logout_fields,
                         ARRAY_LEN(logout_fields), k);
            f->save = logout_save;
            f->discardable = true;
            f->save_label = N_("Log out");
            r = form_run(f);
            form_free(f);
            if (r != FORM_CANCELLED) {
                /* The session ends: open forms keep their drafts. */
                k->logging_out = r == FORM_SAVED;
                alive = false;
                done = true;
            }
        }
    }
    k->locked = false;
    k->last_key = util_now();
    free(title);
    return alive;
}
