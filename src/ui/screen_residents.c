/* screen_residents.c — the register: the list with its find box (phone and
 * ID numbers masked), the resident form (new and edit, asking before a
 * second resident of the same name and address), and the resident's own
 * screen with the numbers in full and every visit, newest first. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/config.h"
#include "juwei/date.h"
#include "juwei/draft.h"
#include "juwei/residents.h"
#include "juwei/visits.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/draw.h"
#include "juwei/ui/form.h"
#include "juwei/ui/list.h"
#include "juwei/ui/pick.h"
#include "juwei/ui/screens.h"

static const struct list_column columns[] = {
    { N_("Name"), 10, false },
    { N_("Address"), 12, false },
    { N_("Phone"), 11, false },
    { N_("ID number"), 18, false },
    { N_("Last visit"), 10, false },
    { N_("Tags"), 0, false },
};

static const struct binding list_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_FIND, N_("Find"), N_("find residents by name, pinyin initials "
                               "(zsf for 张三丰), address or phone") },
    { ACT_EDIT, N_("Edit"), N_("change the selected resident") },
    { ACT_NEW, N_("New"), N_("register a resident") },
    { ACT_F6, N_("All"), N_("also show residents who moved away, or hide "
                            "them again") },
    { ACT_DELETE, N_("Moved"), N_("mark the selected resident as moved away, "
                                  "or back again") },
    { ACT_BACK, N_("Back"), N_("back to the home screen") },
};

struct residents {
    struct kiosk            *k;
    struct resident_filter   filter;
    char                     find[128];
    char                     committee[64];
    struct pick_item        *committees, *genders;
    size_t                   ncommittees;
    /* The form being filled in. */
    int64_t                  id, version;
    bool                     editing, has_committee;
    /* [resident_tags]: the form's pick-list; the residents not visited:
     * which tag, how many days. */
    struct pick_item        *tags;
    size_t                   ntags;
    char                     tag[64];
    int                      days;
};

static bool
committee_bound(const struct kiosk *k)
{
    return k->ctx.who.role == ROLE_STAFF || k->ctx.who.role == ROLE_DIRECTOR;
}

/* --- the list -------------------------------------------------------- */

static int
fetch(void *arg, enum page_dir dir, const struct page_row *at, int n,
      struct page_row *rows, int *got, struct error *e)
{
    struct residents *s = arg;
    struct resident *v = xcalloc((size_t)n, sizeof *v);
    int m = 0;

    if (residents_page(&s->k->ctx, &s->filter, dir, at ? at->key : NULL,
                       at ? at->id : 0, n, v, &m, e) < 0) {
        free(v);
        return -1;
    }
    for (int i = 0; i < m; i++) {
        char *phone = residents_mask_phone(v[i].phone);
        char *idn = residents_mask_id(v[i].id_number);
        char *tags = residents_tags_label(s->k->ctx.cfg, v[i].tags);
        char *key = residents_page_key(&s->filter, &v[i]);
        const char *cells[] = { v[i].name, v[i].address, phone, idn,
                                v[i].last_visit, tags };

        page_row_set(&rows[i], v[i].id, key, (int)ARRAY_LEN(cells), cells);
        rows[i].dim = !v[i].active;
        free(phone);
        free(idn);
        free(tags);
        free(key);
    }
    *got = m;
    free(v);
    return 0;
}

static long
count(void *arg)
{
    struct residents *s = arg;

    return residents_page_count(&s->k->ctx, &s->filter);
}

/* --- the form -------------------------------------------------------- */

static void
committee_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct residents *s = arg;

    *items = s->committees;
    *n = s->ncommittees;
}

static void
gender_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct residents *s = arg;

    *items = s->genders;
    *n = 2;
}

static void
tag_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct residents *s = arg;

    *items = s->tags;
    *n = s->ntags;
}

/* The committee comes first so that accounts bound to one committee get
 * the form without it (desc + 1). */
static const struct form_field fields[] = {
    { .name = "committee_id", .label = N_("Committee"), .type = FT_CHOICE,
      .width = 30, .required = true, .options = committee_options,
      .help = N_("the committee the resident lives in") },
    { .name = "name", .label = N_("Name"), .type = FT_TEXT, .width = 20,
      .max_chars = RESIDENT_NAME_MAX, .required = true,
      .help = N_("the resident's full name") },
    { .name = "gender", .label = N_("Gender"), .type = FT_CHOICE, .width = 8,
      .options = gender_options },
    { .name = "birth_year", .label = N_("Birth year"), .type = FT_NUMBER,
      .width = 6, .max_chars = 4, .min = 1900, .max = 2100, .step = 1,
      .help = N_("such as 1956; taken from the ID number when left empty") },
    { .name = "building", .label = N_("Building"), .type = FT_TEXT,
      .width = 20, .max_chars = RESIDENT_BUILDING_MAX,
      .help = N_("the building (楼), such as 3 or 3号楼") },
    { .name = "unit", .label = N_("Unit"), .type = FT_TEXT, .width = 10,
      .max_chars = RESIDENT_UNIT_MAX, .help = N_("the unit (单元)") },
    { .name = "room", .label = N_("Room"), .type = FT_TEXT, .width = 10,
      .max_chars = RESIDENT_ROOM_MAX, .help = N_("the room (室), such as 101") },
    { .name = "phone", .label = N_("Phone"), .type = FT_TEXT, .width = 20,
      .max_chars = 24, .help = N_("digits; spaces and hyphens are dropped") },
    { .name = "id_number", .label = N_("ID number"), .type = FT_TEXT,
      .width = 20, .max_chars = 18,
      .help = N_("18 characters (the last may be X), or an old one of 15 "
                 "digits; may be left empty") },
    { .name = "tags", .label = N_("Tags"), .type = FT_MULTI, .width = 40,
      .options = tag_options,
      .help = N_("Enter opens the list of tags: Space ticks each that "
                 "applies, such as 低保户 and 独居老人") },
    { .name = "notes", .label = N_("Notes"), .type = FT_LONGTEXT, .height = 3,
      .max_chars = RESIDENT_NOTES_MAX },
};

static int
form_save(struct form *f, void *arg, struct error *e)
{
    static const char *const names[] = {
        "committee_id", "name", "gender", "birth_year", "building", "unit",
        "room", "phone", "id_number", "tags", "notes",
    };
    struct residents *s = arg;
    struct kiosk *k = s->k;
    char *v[ARRAY_LEN(names)], **tags = NULL;
    size_t ntags = 0;
    struct resident_input in;
    int rc;

    for (size_t i = 0; i < ARRAY_LEN(names); i++)
        v[i] = i > 0 || s->has_committee ? form_get(f, names[i]) : xstrdup("");
    rc = residents_parse_tags(k->ctx.cfg, v[9], &tags, &ntags, e);
    in = (struct resident_input){
        .committee = v[0], .name = v[1], .gender = v[2], .birth_year = v[3],
        .building = v[4], .unit = v[5], .room = v[6], .phone = v[7],
        .id_number = v[8], .notes = v[10], .tags = (const char *const *)tags,
        .ntags = ntags,
    };
    for (bool force = false; rc == 0;) {
        rc = s->editing
           ? residents_update(&k->ctx, s->id, s->version, &in, force, e)
           : residents_add(&k->ctx, &in, force, NULL, e);
        if (rc == 0 || e->code != E_DUP || force)
            break;
        /* The same name at the same address: maybe the same person. */
        char *q = xasprintf(_("%s\n\nIs this another person? Yes registers "
                              "them as well; No goes back to the form."),
                            e->msg);
        force = dialog_confirm(k, _("Already registered?"), q, false);
        free(q);
        if (!force)
            error_set(e, E_DUP, "name", _("already registered"));
        else
            rc = 0;                     /* once more, forced */
    }
    residents_tags_free(tags, ntags);
    for (size_t i = 0; i < ARRAY_LEN(names); i++)
        free(v[i]);
    return rc;
}

/* Tags as typed (names or ids, any separator) as the FT_MULTI value,
 * malloc'd; unchanged when they do not all parse, so that saving says
 * which one is unknown. */
static char *
tag_ids(const struct residents *s, const char *text)
{
    char **ids, *out;
    size_t n;
    bool *chosen;
    struct error e = { 0 };

    if (residents_parse_tags(s->k->ctx.cfg, text, &ids, &n, &e) < 0)
        return xstrdup(text);
    chosen = xcalloc(s->ntags + 1, sizeof *chosen);
    for (size_t j = 0; j < s->ntags; j++) {
        for (size_t i = 0; i < n; i++)
            chosen[j] = chosen[j] || strcmp(ids[i], s->tags[j].id) == 0;
    }
    out = pick_join_ids(s->tags, s->ntags, chosen);
    free(chosen);
    residents_tags_free(ids, n);
    return out;
}

/* The resident form, new (id 0) or editing; filled from a draft when
 * one is given. False when the kiosk is quitting. */
static bool
run_form(struct residents *s, int64_t id, const struct draft *d)
{
    struct kiosk *k = s->k;
    bool skip_committee = committee_bound(k) || id != 0;
    const struct form_field *desc = skip_committee ? fields + 1 : fields;
    size_t n = ARRAY_LEN(fields) - (skip_committee ? 1 : 0);
    struct resident *r = xcalloc(1, sizeof *r);
    struct error e = { 0 };
    struct form *f;
    enum form_result res;
    char year[8] = "";

    if (id != 0 && residents_get(&k->ctx, id, r, &e) < 0) {
        dialog_message(k, true, _("Resident"), e.msg);
        free(r);
        return true;
    }
    s->id = id;
    s->version = r->version;
    s->editing = id != 0;
    s->has_committee = !skip_committee;
    f = form_new(k, id != 0 ? _("Edit resident") : _("New resident"), desc, n,
                 s);
    f->save = form_save;
    f->draft_kind = "resident";
    f->draft_record = id;
    f->draft_version = id != 0 ? r->version : 0;
    if (id != 0) {
        if (r->birth_year != 0)
            snprintf(year, sizeof year, "%d", r->birth_year);
        form_set(f, "name", r->name);
        form_set(f, "gender", r->gender);
        form_set(f, "birth_year", year);
        form_set(f, "building", r->building);
        form_set(f, "unit", r->unit);
        form_set(f, "room", r->room);
        form_set(f, "phone", r->phone);
        form_set(f, "id_number", r->id_number);
        form_set(f, "tags", r->tags);       /* ids, as FT_MULTI holds them */
        form_set(f, "notes", r->notes);
    } else if (!skip_committee && s->committee[0] != '\0') {
        form_set(f, "committee_id", s->committee);
    }
    if (d != NULL) {
        const char *tags = draft_value(d, "tags");

        form_from_draft(f, d);
        /* A draft kept while tags were typed holds names. */
        if (tags != NULL) {
            char *ids = tag_ids(s, tags);

            form_set(f, "tags", ids);
            free(ids);
        }
    }
    res = form_run(f);
    form_free(f);
    free(r);
    return res != FORM_QUIT;
}

/* --- the resident's own screen --------------------------------------- */

static void setup(struct residents *s);
static void cleanup(struct residents *s);

static bool
edit_resident(struct kiosk *k, int64_t id)
{
    struct residents r = { .k = k };
    bool alive;

    setup(&r);
    alive = run_form(&r, id, NULL);
    cleanup(&r);
    return alive;
}

static const struct binding show_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_EDIT, N_("Edit"), N_("change the resident's details") },
    { ACT_NEW, N_("Visit"), N_("record a visit to this resident") },
    { ACT_BACK, N_("Back"), N_("back to the list") },
};

struct show {
    struct kiosk    *k;
    struct resident  r;
    struct visit    *rows;
    int              nrows, cap, sel, top_y;
};

static int
visit_rows(void)
{
    return LINES - 11 - 2;
}

static void
show_draw(void *arg)
{
    struct show *s = arg;
    const struct config *cfg = s->k->ctx.cfg;
    const struct resident *r = &s->r;
    char *line, *tags = residents_tags_label(cfg, r->tags), year[16] = "";
    const char *gender = strcmp(r->gender, "M") == 0 ? _("Male")
                       : strcmp(r->gender, "F") == 0 ? _("Female") : "";
    date_t last;
    int y = 2;

    erase();
    curs_set(0);
    line = xasprintf(_("Resident: %s"), r->name);
    kiosk_draw_title(s->k, line);
    free(line);
    if (r->birth_year != 0)
        snprintf(year, sizeof year, "%d", r->birth_year);
    line = xasprintf("%s  %s  %s%s%s", r->name, gender, year,
                     r->active ? "" : "  ", r->active ? "" : _("(moved away)"));
    draw_text(y++, 2, COLS - 4, T_NORMAL, line);
    free(line);
    line = xasprintf(_("Address: %s    Phone: %s"), r->address, r->phone);
    draw_text(y++, 2, COLS - 4, T_NORMAL, line);
    free(line);
    line = xasprintf(_("ID number: %s"), r->id_number);
    draw_text(y++, 2, COLS - 4, T_NORMAL, line);
    free(line);
    line = xasprintf(_("Tags: %s"), tags);
    draw_text(y++, 2, COLS - 4, T_NORMAL, line);
    free(line);
    free(tags);
    line = xasprintf(_("Notes: %s"), r->notes);
    draw_text(y++, 2, COLS - 4, T_DIM, line);
    free(line);
    if (r->last_visit[0] == '\0') {
        draw_text(y++, 2, COLS - 4, T_WARN, _("Never visited"));
    } else if (date_parse_iso(r->last_visit, &last)) {
        line = xasprintf(ngettext("Last visited %s (%d day ago)",
                                  "Last visited %s (%d days ago)",
                                  (unsigned long)(date_today() - last)),
                         r->last_visit, (int)(date_today() - last));
        draw_text(y++, 2, COLS - 4, T_LABEL, line);
        free(line);
    }
    y++;
    draw_text(y, 1, 10, T_LABEL, _("Date"));
    draw_text(y, 12, 8, T_LABEL, _("Visitor"));
    draw_text(y, 21, 10, T_LABEL, _("Purpose"));
    draw_text(y, 32, 11, T_LABEL, _("Follow-up"));
    draw_text(y, 44, COLS - 45, T_LABEL, _("Outcome"));
    mvchgat(y, 0, COLS, A_UNDERLINE, 0, NULL);
    s->top_y = ++y;
    if (s->nrows == 0)
        draw_text(y, 2, COLS - 4, T_DIM, _("No visits yet."));
    for (int i = 0; i < s->nrows; i++, y++) {
        const struct visit *v = &s->rows[i];
        const struct cfg_item *p = config_item(&cfg->visit_purposes,
                                               v->purpose);
        enum role_attr a = i == s->sel ? T_SELECT : T_NORMAL;
        const char *fu = !v->followup_needed ? ""
                       : v->followup_done ? _("done") : v->followup_date;

        move(y, 0);
        attrset(theme_attr(a));
        hline(' ', COLS);
        draw_text(y, 1, 10, a, v->date);
        draw_text(y, 12, 8, a, v->staff_name);
        draw_text(y, 21, 10, a, p != NULL ? p->name : v->purpose);
        draw_text(y, 32, 11, a, fu);
        draw_text(y, 44, COLS - 45, a, v->outcome[0] != '\0' ? v->outcome
                                                            : v->discussed);
    }
}

/* Loads a page of the resident's visits; keeps the old one when the
 * move would go past either end. */
static bool
show_load(struct show *s, enum page_dir dir, const struct visit *at)
{
    struct visit_filter f = { .resident_id = s->r.id };
    int n = visit_rows(), got = 0;
    struct visit *rows;
    struct error e = { 0 };

    if (n < 1)
        n = 1;
    rows = xcalloc((size_t)n, sizeof *rows);
    if (visits_page(&s->k->ctx, &f, dir, at ? at->date : NULL,
                    at ? at->id : 0, n, rows, &got, &e) < 0 ||
        (got == 0 && (dir == PAGE_AFTER || dir == PAGE_BEFORE))) {
        free(rows);
        return false;
    }
    free(s->rows);
    s->rows = rows;
    s->nrows = got;
    s->cap = n;
    return true;
}

/* Re-reads the resident and the page shown after an edit; from the top
 * after a new visit, which is the newest. */
static bool
show_reload(struct show *s, bool top)
{
    struct error e = { 0 };
    struct visit first;
    bool had = s->nrows > 0;

    if (residents_get(&s->k->ctx, s->r.id, &s->r, &e) < 0) {
        dialog_message(s->k, true, _("Resident"), e.msg);
        return false;
    }
    if (had && !top)
        memcpy(&first, &s->rows[0], sizeof first);
    if (!had || top || !show_load(s, PAGE_FROM, &first) || s->nrows == 0)
        show_load(s, PAGE_FIRST, NULL);
    if (top)
        s->sel = 0;
    if (s->sel >= s->nrows)
        s->sel = s->nrows > 0 ? s->nrows - 1 : 0;
    return true;
}

bool
screen_resident_show(struct kiosk *k, int64_t id)
{
    const struct binding *saved = k->bar;
    int nsaved = k->nbar;
    struct show s = { .k = k };
    bool alive = true;

    s.r.id = id;
    if (!show_reload(&s, true))
        return true;
    kiosk_set_bar(k, show_keys, (int)ARRAY_LEN(show_keys));
    kiosk_push(k, show_draw, &s);
    kiosk_repaint(k);
    for (bool done = false; !done && alive;) {
        struct key key = kiosk_key(k, -1);
        struct visit at;

        switch (key.action) {
        case ACT_HELP:
            kiosk_help(k, _("Resident"),
                       _("Up and Down choose a visit, Enter opens it; Page "
                         "Up and Page Down go through older visits."));
            break;
        case ACT_DOWN:
        case ACT_PGDN:
            if (key.action == ACT_DOWN && s.sel + 1 < s.nrows) {
                s.sel++;
            } else if (s.nrows > 0) {
                memcpy(&at, &s.rows[s.nrows - 1], sizeof at);
                if (show_load(&s, PAGE_AFTER, &at))
                    s.sel = 0;
                else if (key.action == ACT_PGDN)
                    s.sel = s.nrows - 1;
            }
            kiosk_repaint(k);
            break;
        case ACT_UP:
        case ACT_PGUP:
            if (key.action == ACT_UP && s.sel > 0) {
                s.sel--;
            } else if (s.nrows > 0) {
                memcpy(&at, &s.rows[0], sizeof at);
                if (show_load(&s, PAGE_BEFORE, &at))
                    s.sel = s.nrows - 1;
                else if (key.action == ACT_PGUP)
                    s.sel = 0;
            }
            kiosk_repaint(k);
            break;
        case ACT_HOME:
        case ACT_END:
            show_load(&s, key.action == ACT_HOME ? PAGE_FIRST : PAGE_LAST,
                      NULL);
            s.sel = key.action == ACT_HOME ? 0 : s.nrows - 1;
            if (s.sel < 0)
                s.sel = 0;
            kiosk_repaint(k);
            break;
        case ACT_ENTER:
            if (s.nrows > 0) {
                alive = screen_visit_edit(k, s.rows[s.sel].id);
                done = alive && !show_reload(&s, false);
                kiosk_repaint(k);
            }
            break;
        case ACT_EDIT:
            alive = edit_resident(k, id);
            done = alive && !show_reload(&s, false);
            kiosk_repaint(k);
            break;
        case ACT_NEW:
            alive = screen_visit_new(k, id);
            done = alive && !show_reload(&s, true);
            kiosk_repaint(k);
            break;
        case ACT_REDRAW:
            show_reload(&s, false);
            kiosk_repaint(k);
            break;
        case ACT_BACK:
            done = true;
            break;
        case ACT_QUIT:
            alive = false;
            break;
        default:
            break;
        }
    }
    kiosk_pop(k);
    kiosk_set_bar(k, saved, nsaved);
    free(s.rows);
    return alive;
}

/* --- find ------------------------------------------------------------ */

static const struct form_field find_fields[] = {
    { .name = "find", .label = N_("Find"), .type = FT_TEXT, .width = 32,
      .max_chars = 40,
      .help = N_("part of a name, the pinyin initials (zsf), part of the "
                 "address (3-2-101) or phone digits; empty shows everyone") },
    { .name = "committee_id", .label = N_("Committee"), .type = FT_CHOICE,
      .width = 30, .options = committee_options,
      .help = N_("only this committee's residents; empty: all you see") },
};

static int
find_save(struct form *f, void *arg, struct error *e)
{
    struct residents *s = arg;
    char *v = form_get(f, "find");

    (void)e;
    snprintf(s->find, sizeof s->find, "%s", v);
    free(v);
    if (!committee_bound(s->k)) {
        v = form_get(f, "committee_id");
        snprintf(s->committee, sizeof s->committee, "%s", v);
        free(v);
    }
    return 0;
}

static bool
find(struct residents *s)
{
    struct form *f = form_new(s->k, _("Find residents"), find_fields,
                              committee_bound(s->k) ? 1 : 2, s);
    enum form_result r;

    f->save = find_save;
    f->save_label = N_("Find");
    form_set(f, "find", s->find);
    if (!committee_bound(s->k))
        form_set(f, "committee_id", s->committee);
    r = form_run(f);
    form_free(f);
    return r != FORM_QUIT;
}

/* --- tagged residents not visited for N days ------------------------- */

static const struct list_column neglect_columns[] = {
    { N_("Name"), 10, false },
    { N_("Address"), 12, false },
    { N_("Phone"), 11, false },
    { N_("Last visit"), 10, false },
    { N_("Days"), 5, true },
    { N_("Tags"), 0, false },
};

static const struct binding neglect_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_FIND, N_("Choose"), N_("choose the tag and the number of days") },
    { ACT_NEW, N_("Visit"), N_("record a visit to the selected resident") },
    { ACT_BACK, N_("Back"), N_("back") },
};

static int
neglect_fetch(void *arg, enum page_dir dir, const struct page_row *at, int n,
              struct page_row *rows, int *got, struct error *e)
{
    struct residents *s = arg;
    struct resident *v = xcalloc((size_t)n, sizeof *v);
    struct resident_neglect_filter f = { .tag = s->tag, .days = s->days };
    int m = 0;

    if (residents_neglected_page(&s->k->ctx, &f, dir, at ? at->key : NULL,
                                 at ? at->id : 0, n, v, &m, e) < 0) {
        free(v);
        return -1;
    }
    for (int i = 0; i < m; i++) {
        char *phone = residents_mask_phone(v[i].phone), days[16] = "";
        char *tags = residents_tags_label(s->k->ctx.cfg, v[i].tags);
        date_t last;
        const char *cells[] = {
            v[i].name, v[i].address, phone,
            v[i].last_visit[0] ? v[i].last_visit : _("never"), days, tags,
        };

        if (date_parse_iso(v[i].last_visit, &last))
            snprintf(days, sizeof days, "%d", (int)(date_today() - last));
        page_row_set(&rows[i], v[i].id, v[i].last_visit,
                     (int)ARRAY_LEN(cells), cells);
        rows[i].warn = v[i].last_visit[0] == '\0';
        free(phone);
        free(tags);
    }
    *got = m;
    free(v);
    return 0;
}

static long
neglect_count(void *arg)
{
    struct residents *s = arg;
    struct resident_neglect_filter f = { .tag = s->tag, .days = s->days };

    return residents_neglected_count(&s->k->ctx, &f);
}

static const struct form_field neglect_fields[] = {
    { .name = "tag", .label = N_("Tag"), .type = FT_CHOICE, .width = 20,
      .required = true, .options = tag_options },
    { .name = "days", .label = N_("Not visited for"), .type = FT_NUMBER,
      .width = 6, .max_chars = 4, .required = true, .min = 1, .max = 3650,
      .step = 1, .help = N_("days: residents not visited in this many days "
                            "or more, and those never visited") },
};

static int
neglect_save(struct form *f, void *arg, struct error *e)
{
    struct residents *s = arg;
    char *tag = form_get(f, "tag"), *days = form_get(f, "days");

    (void)e;
    snprintf(s->tag, sizeof s->tag, "%s", tag);
    s->days = atoi(days);
    free(tag);
    free(days);
    return 0;
}

static bool
neglect_form(struct residents *s)
{
    struct form *f = form_new(s->k, _("Residents not visited"),
                              neglect_fields, ARRAY_LEN(neglect_fields), s);
    enum form_result r;
    char days[16];

    f->save = neglect_save;
    f->save_label = N_("Show");
    snprintf(days, sizeof days, "%d", s->days);
    form_set(f, "tag", s->tag);
    form_set(f, "days", days);
    r = form_run(f);
    form_free(f);
    return r != FORM_QUIT;
}

/* The director's list; false when the kiosk is quitting. */
static bool
neglected(struct residents *s)
{
    struct page_source src = { .arg = s, .fetch = neglect_fetch,
                               .count = neglect_count };
    struct list l = {
        .k = s->k, .title = _("Residents not visited"),
        .cols = neglect_columns, .ncols = (int)ARRAY_LEN(neglect_columns),
        .src = &src, .keys = neglect_keys,
        .nkeys = (int)ARRAY_LEN(neglect_keys),
        .help = N_("Residents with the tag who were not visited in the "
                   "days chosen (F3): never visited first, then the longest "
                   "ago. Enter shows the resident."),
    };
    char desc[160];
    bool alive = true, done = false;

    while (alive && !done) {
        const struct page_row *row;
        const struct cfg_item *t = config_item(&s->k->ctx.cfg->resident_tags,
                                               s->tag);

        snprintf(desc, sizeof desc, _("%s not visited for %d days"),
                 t != NULL ? t->name : s->tag, s->days);
        l.filter_desc = desc;
        switch (list_run(&l, &row)) {
        case ACT_ENTER:
            if (row != NULL)
                alive = screen_resident_show(s->k, row->id);
            break;
        case ACT_NEW:
            if (row != NULL)
                alive = screen_visit_new(s->k, row->id);
            break;
        case ACT_FIND:
            alive = neglect_form(s);
            list_reset(&l);
            break;
        case ACT_QUIT:
            alive = false;
            break;
        default:
            done = true;
            break;
        }
    }
    list_free(&l);
    return alive;
}

/* --- the screen ------------------------------------------------------ */

static bool
toggle_moved(struct residents *s, const struct page_row *row)
{
    struct resident r;
    struct error e = { 0 };
    bool moved = row->dim;
    char *q;

    if (residents_get(&s->k->ctx, row->id, &r, &e) < 0) {
        dialog_message(s->k, true, _("Not changed"), e.msg);
        return true;
    }
    q = xasprintf(moved ? _("%s lives here again?")
                        : _("%s moved away? They leave the lists; their "
                            "visits stay."), r.name);
    if (dialog_confirm(s->k, moved ? _("Moved back") : _("Moved away"), q,
                       false) &&
        residents_set_active(&s->k->ctx, r.id, r.version, moved, &e) < 0)
        dialog_message(s->k, true, _("Not changed"), e.msg);
    free(q);
    return true;
}

static void
setup(struct residents *s)
{
    const struct config *cfg = s->k->ctx.cfg;
    const struct cfg_list *l = &cfg->resident_tags;

    s->ncommittees = cfg->ncommittees;
    s->committees = xcalloc(cfg->ncommittees + 1, sizeof *s->committees);
    for (size_t i = 0; i < cfg->ncommittees; i++) {
        s->committees[i].id = cfg->committees[i].id;
        s->committees[i].name = cfg->committees[i].name;
    }
    s->ntags = l->n;
    s->tags = xcalloc(l->n + 1, sizeof *s->tags);
    for (size_t i = 0; i < l->n; i++) {
        s->tags[i].id = l->items[i].id;
        s->tags[i].name = l->items[i].name;
    }
    if (l->n > 0)
        snprintf(s->tag, sizeof s->tag, "%s", l->items[0].id);
    s->days = 90;
    s->genders = xcalloc(2, sizeof *s->genders);
    s->genders[0] = (struct pick_item){ "M", _("Male") };
    s->genders[1] = (struct pick_item){ "F", _("Female") };
}

static void
cleanup(struct residents *s)
{
    free(s->committees);
    free(s->genders);
    free(s->tags);
}

static void
run(struct kiosk *k, const struct draft *d)
{
    struct residents s = { .k = k };
    struct page_source src = { .arg = &s, .fetch = fetch, .count = count };
    struct list l = {
        .k = k, .title = _("Residents"), .cols = columns,
        .ncols = (int)ARRAY_LEN(columns), .src = &src, .keys = list_keys,
        .nkeys = (int)ARRAY_LEN(list_keys),
        .help = N_("The residents you see, in pinyin order; Enter shows a "
                   "resident in full with every visit. Phone and ID "
                   "numbers are masked here."),
    };
    char desc[256];
    bool alive = true;

    setup(&s);
    s.filter.find = s.find;
    s.filter.committee = s.committee;
    if (d != NULL)
        alive = run_form(&s, d->record_id, d);
    while (alive) {
        const struct page_row *row;
        enum action act = list_run(&l, &row);

        switch (act) {
        case ACT_NEW:
            alive = run_form(&s, 0, NULL);
            break;
        case ACT_EDIT:
            if (row != NULL)
                alive = run_form(&s, row->id, NULL);
            break;
        case ACT_ENTER:
            if (row != NULL)
                alive = screen_resident_show(k, row->id);
            break;
        case ACT_F6:
            s.filter.include_inactive = !s.filter.include_inactive;
            list_reset(&l);
            break;
        case ACT_DELETE:
            if (row != NULL)
                alive = toggle_moved(&s, row);
            break;
        case ACT_FIND:
            alive = find(&s);
            list_reset(&l);
            break;
        default:
            alive = false;
            break;
        }
        const struct cfg_committee *c = config_committee(k->ctx.cfg,
                                                         s.committee);

        snprintf(desc, sizeof desc, "%s%s%s%s%s",
                 s.find[0] ? _("Find: ") : "", s.find,
                 s.find[0] && c != NULL ? " · " : "",
                 c != NULL ? c->name : "",
                 s.filter.include_inactive ? _(" · moved away shown") : "");
        l.filter_desc = desc;
    }
    list_free(&l);
    cleanup(&s);
}

void
screen_residents(struct kiosk *k)
{
    run(k, NULL);
}

void
screen_residents_resume(struct kiosk *k, const struct draft *d)
{
    run(k, d);
}

bool
screen_residents_neglected(struct kiosk *k)
{
    struct residents s = { .k = k };
    bool alive;

    setup(&s);
    alive = neglected(&s);
    cleanup(&s);
    return alive;
}
