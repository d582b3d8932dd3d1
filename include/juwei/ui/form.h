/* form.h — a form is a table of typed fields; this module does the rest:
 * layout, editing (through the wcwidth line editor), pick-lists, dates,
 * per-field messages, save, leave-with-changes, drafts. */
#ifndef JUWEI_UI_FORM_H
#define JUWEI_UI_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "juwei/ui/dialog.h"
#include "juwei/ui/field.h"
#include "juwei/ui/kiosk.h"
#include "juwei/util.h"

enum form_type {
    FT_TEXT,
    FT_LONGTEXT,   /* several rows; Enter is a new line, Tab leaves */
    FT_PASSWORD,   /* shown as '*', never kept in a draft */
    FT_DATE,       /* YYYY-MM-DD, 今天/today, 昨天/yesterday, + and - step */
    FT_TIME,       /* HH:MM */
    FT_NUMBER,     /* with min, max and step (+ and - step) */
    FT_CHOICE,     /* one entry of a pick-list: config lists, staff,
                    * residents — whatever options() gives */
    FT_YESNO,
    FT_MULTI,      /* any number of entries of a pick-list (options() as
                    * for FT_CHOICE): Enter, Space or typing opens it with
                    * checkboxes (dialog_pick_many). The value is the
                    * chosen ids joined by commas in the list's order,
                    * "a,c", or "" for none; it is shown as their names.
                    * pick_parse() splits it again (ui/pick.h). form_set()
                    * takes the same form; ids no longer in the list are
                    * shown as they are and dropped when the user changes
                    * the choice. `required` means at least one. */
};

struct form;

struct form_field {
    const char    *name;       /* column name: matches struct error.field */
    const char    *label;      /* N_() */
    enum form_type type;
    int            width;      /* input columns; 0: to the right edge */
    int            height;     /* FT_LONGTEXT rows */
    int            max_chars;  /* 0: none */
    bool           required;
    double         min, max, step;   /* FT_NUMBER */
    const char    *help;       /* N_(): what the field means, for F1 */
    /* FT_CHOICE, FT_MULTI: the entries to pick from, owned by the form's
     * caller (arg is form->arg); called by form_new(). */
    void (*options)(void *arg, const struct pick_item **items, size_t *n);
};

struct form {
    struct kiosk            *k;
    const char              *title;
    const char              *help;       /* extra help text, may be NULL */
    const struct form_field *desc;
    size_t                   n;
    void                    *arg;
    /* Called on F2 / Ctrl-S after the form's own checks: write through the
     * core. On failure fill *e (e->field names the field at fault). */
    int (*save)(struct form *f, void *arg, struct error *e);
    /* Drafts: the form's kind ("record", …), record id and the version
     * of the record it edits (0 for a new one); kind NULL for a form that
     * is never kept as a draft. */
    const char              *draft_kind;
    int64_t                  draft_record, draft_version;
    const char              *save_label;   /* N_(): F2's name; "Save" */
    const char              *back_label;   /* N_(): F10's name; "Back" */
    /* After a save the next screen's status line says "Saved." (until a
     * key): for forms that write a record and say nothing else about it;
     * not for finding or choosing, nor over a screen's own status line. */
    bool                     say_saved;
    /* Nothing typed here is worth a question (login, unlock, find): Esc
     * and F10 leave at once, changed or not. */
    bool                     discardable;
    /* Called after a field's value changed: after each keystroke that
     * edits a typed field (its text may not parse yet: check it), after a
     * pick, a yes/no toggle or a paste; `field` is its index in desc, or
     * -1 once when form_run() starts (values set before it, a draft).
     * Not called for form_set(). The usual use is form_info(). */
    void (*changed)(struct form *f, int field, void *arg);

    /* State, private to form.c. */
    struct field            *edit;
    char                   **choice;     /* FT_CHOICE/FT_YESNO: chosen id;
                                          * FT_MULTI: ids, comma-separated */
    const struct pick_item **items;
    size_t                  *nitems;
    char                   **error;
    int                      focus, top;
    bool                     dirty;
    int                      label_w;
    bool                     pushed;     /* on the frame stack */
    char                    *info;       /* form_info()'s line, or NULL */
    bool                     info_warn, info_stale;
    struct binding           bar[3];
};

enum form_result { FORM_CANCELLED = 0, FORM_SAVED = 1, FORM_QUIT = -1 };

struct form *form_new(struct kiosk *k, const char *title,
                      const struct form_field *desc, size_t n, void *arg);
/* Also takes the form off the screen: free forms in the reverse order of
 * running them (as the frame stack nests). */
void  form_free(struct form *f);
/* Initial values, before form_run(): text as shown; choices by id. */
void  form_set(struct form *f, const char *name, const char *value);
/* A kept draft's values over the initial ones (after form_set()), the
 * form marked changed. When the draft edited a record whose version has
 * moved on since (draft_version set to the version now), says so first:
 * saving then replaces the colleague's change, so the user should look. */
struct draft;
void  form_from_draft(struct form *f, const struct draft *d);
/* The pick-list of an FT_CHOICE or FT_MULTI field changed (it follows
 * another field's value): asks its options() again, drops the chosen ids
 * no longer in it and shows the field anew. For the changed hook. */
void  form_options(struct form *f, const char *name);
/* The current value, malloc'd: dates normalised to YYYY-MM-DD, choices as
 * their id, "" when empty. */
char *form_get(const struct form *f, const char *name);
/* Shows a message next to a field (NULL clears it). */
void  form_error(struct form *f, const char *name, const char *msg);
/* A read-only line under the fields (up to two rows, then cut) that the
 * form's code keeps up to date, such as a count worked out from the
 * values: plain, or a warning in the error colour; NULL clears it (the
 * fields get its rows back). Set it from the changed hook, which shows it
 * at once, or before form_run(); set elsewhere, it shows at the next
 * repaint. The text is formatted and copied. */
void  form_info(struct form *f, bool warn, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Runs the form until saved, left, or the terminal is gone. The form
 * stays drawn (on the frame stack) after it returns, so a message about
 * the save shows over it, until form_free(); form_run() may be called
 * again on it (to ask again after a refused login, say). */
enum form_result form_run(struct form *f);

/* All values as name/value pairs for a draft (passwords left out). */
size_t form_values(const struct form *f, const char ***names, char ***values);

#endif
