/* screen_password.c — change my own password. */
#include <stdlib.h>
#include <string.h>

#include "juwei/auth.h"
#include "juwei/staff.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/form.h"
#include "juwei/ui/screens.h"

static const struct form_field fields[] = {
    { .name = "old", .label = N_("Current password"), .type = FT_PASSWORD,
      .width = 32, .max_chars = 128, .required = true,
      .help = N_("the password you logged in with") },
    { .name = "password", .label = N_("New password"), .type = FT_PASSWORD,
      .width = 32, .max_chars = 128, .required = true,
      .help = N_("at least 8 characters, not your login") },
    { .name = "password2", .label = N_("Again"), .type = FT_PASSWORD,
      .width = 32, .max_chars = 128, .required = true,
      .help = N_("the new password once more") },
};

static int
save(struct form *f, void *arg, struct error *e)
{
    struct kiosk *k = arg;
    char *old = form_get(f, "old"), *pw = form_get(f, "password");
    char *pw2 = form_get(f, "password2");
    int rc = -1;

    if (!auth_verify(k->ctx.db, k->ctx.who.staff_id, old))
        error_set(e, E_AUTH, "old", _("wrong password"));
    else if (strcmp(pw, pw2) != 0)
        error_set(e, E_INVAL, "password2", _("the two passwords differ"));
    else if (auth_password_ok(k->ctx.who.login, pw, e) == 0)
        rc = staff_set_password(&k->ctx, k->ctx.who.staff_id, pw, e);
    explicit_bzero(old, strlen(old));
    explicit_bzero(pw, strlen(pw));
    explicit_bzero(pw2, strlen(pw2));
    free(old);
    free(pw);
    free(pw2);
    return rc;
}

void
screen_password(struct kiosk *k)
{
    struct form *f = form_new(k, _("Change my password"), fields,
                              ARRAY_LEN(fields), k);

    f->save = save;
    if (form_run(f) == FORM_SAVED)
        dialog_message(k, false, _("Change my password"),
                       _("Your password is changed."));
    form_free(f);
}
