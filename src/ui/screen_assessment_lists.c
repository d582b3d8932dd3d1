/* screen_assessment_lists.c — the lists of one assessment round: the
 * sheets to fill (a member's peer sheets, a street account's evaluations),
 * the resident ballots, completeness, results, and the people assessed
 * with the round's opening. They are short (one district's staff), so
 * each is read whole and paged in memory. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "juwei/assessment.h"
#include "juwei/config.h"
#include "juwei/roster.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/draw.h"
#include "juwei/ui/form.h"
#include "juwei/ui/list.h"
#include "juwei/ui/screens.h"

/* --- rows in memory -------------------------------------------------- */

struct mem {
    struct page_row *rows;    /* key: the row's index, zero-padded */
    size_t           n;
};

static void
mem_add(struct mem *m, int64_t id, int ncells, const char *const *cells,
        bool warn, bool dim)
{
    char key[24];

    m->rows = xreallocarray(m->rows, m->n + 1, sizeof *m->rows);
    snprintf(key, sizeof key, "%010zu", m->n);
    page_row_set(&m->rows[m->n], id, key, ncells, cells);
    m->rows[m->n].warn = warn;
    m->rows[m->n].dim = dim;
    m->n++;
}

static void
mem_clear(struct mem *m)
{
    for (size_t i = 0; i < m->n; i++)
        page_row_free(&m->rows[i]);
    free(m->rows);
    m->rows = NULL;
    m->n = 0;
}

static int
mem_fetch(void *arg, enum page_dir dir, const struct page_row *at, int n,
          struct page_row *rows, int *got, struct error *e)
{
    struct mem *m = arg;
    size_t pos = at != NULL ? strtoul(at->key, NULL, 10) : 0;
    size_t start = 0, end = 0, want = (size_t)n;

    (void)e;
    switch (dir) {
    case PAGE_FIRST:  start = 0; end = want; break;
    case PAGE_LAST:   end = m->n; start = end > want ? end - want : 0; break;
    case PAGE_AFTER:  start = pos + 1; end = start + want; break;
    case PAGE_FROM:   start = pos; end = start + want; break;
    case PAGE_BEFORE:
        end = pos < m->n ? pos : m->n;
        start = end > want ? end - want : 0;
        break;
    }
    if (end > m->n)
        end = m->n;
    *got = 0;
    for (size_t i = start; i < end; i++) {
        const struct page_row *r = &m->rows[i];

        page_row_set(&rows[*got], r->id, r->key, r->ncells,
                     (const char *const *)r->cells);
        rows[*got].warn = r->warn;
        rows[*got].dim = r->dim;
        (*got)++;
    }
    return 0;
}

static long
mem_count(void *arg)
{
    return (long)((struct mem *)arg)->n;
}

/* Runs a list over `m`, which `load` fills afresh before each showing. */
struct mem_list {
    struct kiosk *k;
    struct mem    m;
    struct list   l;
    struct page_source src;
    char          desc[256];
};

static void
mem_list_init(struct mem_list *ml, struct kiosk *k, const char *title,
              const struct list_column *cols, int ncols,
              const struct binding *keys, int nkeys, const char *help)
{
    memset(ml, 0, sizeof *ml);
    ml->k = k;
    ml->src.arg = &ml->m;
    ml->src.fetch = mem_fetch;
    ml->src.count = mem_count;
    ml->l.k = k;
    ml->l.title = title;
    ml->l.cols = cols;
    ml->l.ncols = ncols;
    ml->l.src = &ml->src;
    ml->l.keys = keys;
    ml->l.nkeys = nkeys;
    ml->l.help = help;
    ml->l.filter_desc = ml->desc;
}

/* list_run() takes the list off the screen when it returns: while a
 * row's dialog is up, this frame keeps the list's title and summary line
 * under it rather than the screen below. */
static void
backdrop_draw(void *arg)
{
    struct mem_list *ml = arg;

    erase();
    curs_set(0);
    kiosk_draw_title(ml->k, ml->l.title);
    draw_text(1, 1, COLS - 2, T_DIM, ml->desc);
}

static void
mem_list_free(struct mem_list *ml)
{
    list_free(&ml->l);
    mem_clear(&ml->m);
}

static const char *
district_name(const struct kiosk *k, const char *id)
{
    const struct cfg_district *d = config_district(k->ctx.cfg, id);

    return d != NULL ? d->name : id;
}

static int
this_year(void)
{
    int y, m, d;

    date_to_ymd(date_today(), &y, &m, &d);
    return y;
}

static const struct binding back_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_BACK, N_("Back"), N_("back to the round") },
};

/* --- sheets to fill -------------------------------------------------- */

static const struct list_column sheet_columns[] = {
    { N_("Name"), 10, false },
    { N_("Committee"), 0, false },
    { N_("Conduct"), 5, true },
    { N_("Ability"), 5, true },
    { N_("Diligence"), 5, true },
    { N_("Achievement"), 5, true },
    { N_("Score"), 6, true },
    { N_("State"), 8, false },
};

static const struct binding sheet_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_EDIT, N_("Fill"), N_("fill or correct the sheet of the selected "
                               "person (also Enter)") },
    { ACT_BACK, N_("Back"), N_("back to the round") },
};

static void
load_sheets(struct mem_list *ml, const struct assessment_sheet *v, size_t n)
{
    const struct cfg_assessment *a = &ml->k->ctx.cfg->assessment;
    size_t filled = 0;

    mem_clear(&ml->m);
    for (size_t i = 0; i < n; i++) {
        char asp[ASP_COUNT][40], score[16] = "";
        const char *state;
        const char *cells[8];

        /* A graded aspect shows its grade; the score is in points. */
        for (int j = 0; j < ASP_COUNT; j++) {
            asp[j][0] = '\0';
            if (v[i].sheet_id != 0 && v[i].grade[j][0] != '\0')
                snprintf(asp[j], sizeof asp[j], "%s", v[i].grade[j]);
            else if (v[i].sheet_id != 0)
                snprintf(asp[j], sizeof asp[j], "%g", v[i].aspect[j]);
        }
        if (v[i].sheet_id != 0) {
            snprintf(score, sizeof score, "%.2f",
                     assessment_sheet_score(a, v[i].aspect));
            filled++;
        }
        state = !v[i].active ? _("left")
              : v[i].sheet_id != 0 ? _("filled") : _("to fill");
        cells[0] = v[i].name;
        cells[1] = v[i].committee_name;
        for (int j = 0; j < ASP_COUNT; j++)
            cells[2 + j] = asp[j];
        cells[6] = score;
        cells[7] = state;
        mem_add(&ml->m, (int64_t)i, 8, cells,
                v[i].may_fill && v[i].sheet_id == 0, !v[i].may_fill);
    }
    snprintf(ml->desc, sizeof ml->desc, _("%zu of %zu filled"), filled, n);
}

bool
screen_assessment_sheets(struct kiosk *k, const struct assessment_round *r,
                         int source)
{
    enum assess_source src = (enum assess_source)source;
    struct mem_list ml;
    char *title = xasprintf(_("%s %d"), assessment_source_label(src),
                            r->year);
    bool alive = true;

    mem_list_init(&ml, k, title, sheet_columns,
                  (int)ARRAY_LEN(sheet_columns), sheet_keys,
                  (int)ARRAY_LEN(sheet_keys),
                  N_("Everyone you score, with your own sheet. Only you see "
                     "your sheets; the street office sees averages. Enter "
                     "opens a sheet with the person's year beside it."));
    for (;;) {
        struct assessment_sheet *v;
        size_t n;
        struct error e = { 0 };
        const struct page_row *row;

        if (assessment_sheets(&k->ctx, r->id, src, &v, &n, &e) < 0) {
            dialog_message(k, true, title, e.msg);
            break;
        }
        load_sheets(&ml, v, n);
        enum action act = list_run(&ml.l, &row);
        if (act == ACT_QUIT)
            alive = false;
        if ((act == ACT_ENTER || act == ACT_EDIT) && row != NULL) {
            const struct assessment_sheet *s = &v[row->id];

            kiosk_push(k, backdrop_draw, &ml);
            if (s->may_fill)
                alive = screen_assessment_sheet(k, r->id, r->year, src, s,
                                                NULL);
            else
                dialog_message(k, false, s->name,
                               r->published
                               ? _("The round is published; sheets no longer "
                                   "change.")
                               : _("Someone on this sheet has left; no more "
                                   "peer sheets are filled about them or by "
                                   "them."));
            kiosk_pop(k);
            free(v);
            if (!alive)
                break;
            continue;
        }
        free(v);
        if (act != ACT_ENTER && act != ACT_EDIT)
            break;
    }
    mem_list_free(&ml);
    free(title);
    return alive;
}

/* --- ballots --------------------------------------------------------- */

static const struct list_column ballot_columns[] = {
    { N_("Name"), 10, false },
    { N_("Committee"), 0, false },
    { N_("Excellent"), 8, true },
    { N_("Competent"), 8, true },
    { N_("Incompetent"), 8, true },
    { N_("Score"), 6, true },
};

static const struct binding ballot_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_EDIT, N_("Enter votes"), N_("enter or correct the votes for the "
                                "selected person (also Enter)") },
    { ACT_BACK, N_("Back"), N_("back to the round") },
};

static const struct form_field ballot_fields[] = {
    { .name = "excellent", .label = N_("Excellent votes"), .type = FT_NUMBER,
      .width = 8, .required = true, .min = 0, .max = 100000, .step = 1,
      .help = N_("ballots marking 优秀") },
    { .name = "competent", .label = N_("Competent votes"), .type = FT_NUMBER,
      .width = 8, .required = true, .min = 0, .max = 100000, .step = 1,
      .help = N_("ballots marking 称职") },
    { .name = "incompetent", .label = N_("Incompetent votes"),
      .type = FT_NUMBER, .width = 8, .required = true, .min = 0,
      .max = 100000, .step = 1, .help = N_("ballots marking 不称职") },
};

struct ballot_edit {
    struct kiosk                   *k;
    const struct assessment_ballot *b;
};

static int
ballot_save(struct form *f, void *arg, struct error *e)
{
    struct ballot_edit *be = arg;
    int votes[3];

    for (int g = 0; g < 3; g++) {
        char *v = form_get(f, ballot_fields[g].name);

        votes[g] = atoi(v);
        free(v);
    }
    return assessment_ballot_save(&be->k->ctx, be->b->subject_id, votes,
                                  be->b->ballot_id, be->b->version, e);
}

static bool
edit_ballot(struct kiosk *k, const struct assessment_ballot *b)
{
    struct ballot_edit be = { k, b };
    char *title = xasprintf(_("Resident ballots: %s"), b->name);
    struct form *f = form_new(k, title, ballot_fields,
                              ARRAY_LEN(ballot_fields), &be);
    enum form_result res;

    f->save = ballot_save;
    f->help = N_("The votes of the resident representatives' paper "
                 "ballots for this person, counted by kind.");
    for (int g = 0; g < 3; g++) {
        char buf[16] = "";

        if (b->ballot_id != 0)
            snprintf(buf, sizeof buf, "%d", b->votes[g]);
        form_set(f, ballot_fields[g].name, buf);
    }
    res = form_run(f);
    form_free(f);
    free(title);
    return res != FORM_QUIT;
}

bool
screen_assessment_ballots(struct kiosk *k, const struct assessment_round *r)
{
    const struct cfg_assessment *a = &k->ctx.cfg->assessment;
    struct mem_list ml;
    char *title = xasprintf(_("Resident ballots %d"), r->year);
    bool alive = true;

    mem_list_init(&ml, k, title, ballot_columns,
                  (int)ARRAY_LEN(ballot_columns), ballot_keys,
                  (int)ARRAY_LEN(ballot_keys),
                  N_("The resident representatives' paper ballots, entered "
                     "by the street office: votes of 优秀, 称职 and 不称职 "
                     "for each person, worth the configured points."));
    for (;;) {
        struct assessment_ballot *v;
        size_t n, done = 0;
        struct error e = { 0 };
        const struct page_row *row;

        if (assessment_ballots(&k->ctx, r->id, &v, &n, &e) < 0) {
            dialog_message(k, true, title, e.msg);
            break;
        }
        mem_clear(&ml.m);
        for (size_t i = 0; i < n; i++) {
            char votes[3][16] = { "", "", "" }, score[16] = "";
            const char *cells[6];

            if (v[i].ballot_id != 0) {
                for (int g = 0; g < 3; g++)
                    snprintf(votes[g], sizeof votes[g], "%d", v[i].votes[g]);
                snprintf(score, sizeof score, "%.2f",
                         assessment_ballot_score(a, v[i].votes));
                done++;
            }
            cells[0] = v[i].name;
            cells[1] = v[i].committee_name;
            cells[2] = votes[0];
            cells[3] = votes[1];
            cells[4] = votes[2];
            cells[5] = score;
            mem_add(&ml.m, (int64_t)i, 6, cells, v[i].ballot_id == 0,
                    !v[i].active);
        }
        snprintf(ml.desc, sizeof ml.desc, _("%zu of %zu entered"), done, n);
        enum action act = list_run(&ml.l, &row);
        if ((act == ACT_ENTER || act == ACT_EDIT) && row != NULL) {
            kiosk_push(k, backdrop_draw, &ml);
            if (r->published)
                dialog_message(k, false, title, _("The round is published; "
                                                  "ballots no longer "
                                                  "change."));
            else
                alive = edit_ballot(k, &v[row->id]);
            kiosk_pop(k);
            free(v);
            if (!alive)
                break;
            continue;
        }
        free(v);
        alive = act != ACT_QUIT;
        break;
    }
    mem_list_free(&ml);
    free(title);
    return alive;
}

/* --- completeness ---------------------------------------------------- */

static const struct list_column progress_columns[] = {
    { N_("Name"), 10, false },
    { N_("Committee"), 0, false },
    { N_("Peer sheets"), 11, true },
    { N_("Street"), 6, true },
    { N_("Votes"), 6, true },
    { N_("State"), 8, false },
};

static bool
lacks(const struct assessment_progress *p)
{
    return p->peer_done < p->peer_due || p->street_sheets == 0 ||
           p->votes == 0;
}

static int
load_progress(struct kiosk *k, int64_t round, struct mem *m, char *desc,
              size_t size, struct assessment_progress **out, size_t *n,
              struct error *e)
{
    struct assessment_progress *v;
    size_t peers = 0, due = 0, street = 0, votes = 0;

    if (assessment_progress(&k->ctx, round, &v, n, e) < 0)
        return -1;
    mem_clear(m);
    for (size_t i = 0; i < *n; i++) {
        char sheets[24], st[16], vt[16];
        const char *cells[6];

        snprintf(sheets, sizeof sheets, "%d/%d", v[i].peer_done,
                 v[i].peer_due);
        snprintf(st, sizeof st, "%d", v[i].street_sheets);
        snprintf(vt, sizeof vt, "%d", v[i].votes);
        cells[0] = v[i].name;
        cells[1] = v[i].committee_name;
        cells[2] = sheets;
        cells[3] = st;
        cells[4] = vt;
        cells[5] = !v[i].active ? _("left")
                 : lacks(&v[i]) ? _("missing") : _("complete");
        mem_add(m, v[i].subject_id, 6, cells, lacks(&v[i]), !v[i].active);
        peers += (size_t)(v[i].peer_done < v[i].peer_due
                          ? v[i].peer_done : v[i].peer_due);
        due += (size_t)v[i].peer_due;
        street += v[i].street_sheets > 0;
        votes += v[i].votes > 0;
    }
    snprintf(desc, size, _("Peer sheets %zu/%zu · street evaluation %zu/%zu "
                           "· ballots %zu/%zu"), peers, due, street, *n,
             votes, *n);
    if (out != NULL)
        *out = v;
    else
        free(v);
    return 0;
}

bool
screen_assessment_progress(struct kiosk *k,
                           const struct assessment_round *r)
{
    struct mem_list ml;
    char *title = xasprintf(_("Completeness %d"), r->year);
    size_t n;
    struct error e = { 0 };
    bool alive = true;

    mem_list_init(&ml, k, title, progress_columns,
                  (int)ARRAY_LEN(progress_columns), back_keys,
                  (int)ARRAY_LEN(back_keys),
                  N_("Who still has peer sheets to fill (done/due), and who "
                     "still lacks the street office's evaluation or the "
                     "ballots. People who left fill no more sheets."));
    if (load_progress(k, r->id, &ml.m, ml.desc, sizeof ml.desc, NULL, &n,
                      &e) < 0) {
        dialog_message(k, true, title, e.msg);
    } else {
        for (;;) {
            const struct page_row *row;
            enum action act = list_run(&ml.l, &row);

            if (act != ACT_ENTER) {
                alive = act != ACT_QUIT;
                break;
            }
        }
    }
    mem_list_free(&ml);
    free(title);
    return alive;
}

/* --- results --------------------------------------------------------- */

static const struct list_column result_columns[] = {
    { N_("Rank"), 4, true },
    { N_("Name"), 10, false },
    { N_("Committee"), 0, false },
    { N_("Street"), 6, true },
    { N_("Resid."), 6, true },
    { N_("Peers"), 6, true },
    { N_("Total"), 6, true },
    { N_("Grade"), 8, false },
};

static void
fmt_source(char *buf, size_t size, const struct assessment_result *r,
           enum assess_source s)
{
    buf[0] = '\0';
    if (r->has[s])
        snprintf(buf, size, "%.2f", r->source[s]);
}

bool
screen_assessment_results(struct kiosk *k,
                          const struct assessment_round *r)
{
    struct mem_list ml;
    struct assessment_outcome *v;
    size_t n;
    struct error e = { 0 };
    char *title = xasprintf(_("Results %d"), r->year);
    bool alive = true;

    mem_list_init(&ml, k, title, result_columns,
                  (int)ARRAY_LEN(result_columns), back_keys,
                  (int)ARRAY_LEN(back_keys),
                  N_("Total score, grade and rank within the district. A "
                     "grade marked * was held to 称职 by the cap on the "
                     "share of 优秀. Before publishing these are computed "
                     "from what is in so far."));
    if (assessment_results(&k->ctx, r->id, &v, &n, &e) < 0) {
        dialog_message(k, true, title, e.msg);
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        char rank[16] = "", src[SRC_COUNT][16], total[16] = "", grade[64];
        const char *cells[8];

        if (v[i].r.rank > 0)
            snprintf(rank, sizeof rank, "%d", v[i].r.rank);
        for (int s = 0; s < SRC_COUNT; s++)
            fmt_source(src[s], sizeof src[s], &v[i].r, (enum assess_source)s);
        if (v[i].r.scored)
            snprintf(total, sizeof total, "%.2f", v[i].r.total);
        snprintf(grade, sizeof grade, "%s%s",
                 assessment_grade_label(v[i].r.grade),
                 v[i].r.capped ? "*" : "");
        cells[0] = rank;
        cells[1] = v[i].name;
        cells[2] = v[i].committee_name;
        cells[3] = src[SRC_STREET];
        cells[4] = src[SRC_RESIDENTS];
        cells[5] = src[SRC_PEERS];
        cells[6] = total;
        cells[7] = grade;
        mem_add(&ml.m, v[i].subject_id, 8, cells, false, !v[i].active);
    }
    free(v);
    if (r->published) {
        time_t t = (time_t)r->published_at;
        struct tm tm;
        char when[32];

        localtime_r(&t, &tm);
        strftime(when, sizeof when, "%Y-%m-%d", &tm);
        snprintf(ml.desc, sizeof ml.desc, _("Published %s"), when);
    } else {
        snprintf(ml.desc, sizeof ml.desc, "%s",
                 _("Not published: computed from what is in now"));
    }
    for (;;) {
        const struct page_row *row;
        enum action act = list_run(&ml.l, &row);

        if (act != ACT_ENTER) {
            alive = act != ACT_QUIT;
            break;
        }
    }
out:
    mem_list_free(&ml);
    free(title);
    return alive;
}

/* --- the people assessed, and opening a round ------------------------ */

/* The active committee people of the street account's district, as
 * choices whose id is the staff id; keep as for screen_roster_picks(). */
static void
people_load(struct kiosk *k, struct roster_picks *p,
            bool (*keep)(const struct roster_entry *, void *), void *arg)
{
    const struct roster_filter f = { 0 };

    screen_roster_picks(k, &f, "  ", keep, arg, p);
}

struct opening {
    struct kiosk        *k;
    struct roster_picks  p;
};

static void
subject_options(void *arg, const struct pick_item **items, size_t *n)
{
    const struct opening *op = arg;

    *items = op->p.items;
    *n = op->p.n;
}

static const struct form_field open_fields[] = {
    { .name = "year", .label = N_("Year"), .type = FT_NUMBER, .width = 6,
      .required = true, .min = 2000, .max = 2100, .step = 1,
      .help = N_("the year assessed") },
    { .name = "subjects", .label = N_("Assessed"), .type = FT_MULTI,
      .required = true, .options = subject_options,
      .help = N_("who is assessed: every active committee person of the "
                 "district is ticked; Enter opens the list, Space unticks "
                 "who is not") },
};

static int
open_save(struct form *f, void *arg, struct error *e)
{
    struct opening *op = arg;
    char *year = form_get(f, "year"), *chosen = form_get(f, "subjects");
    bool *on = xcalloc(op->p.n + 1, sizeof *on);
    int64_t *ids = xcalloc(op->p.n + 1, sizeof *ids);
    size_t m = 0;
    int rc;

    pick_parse(chosen, op->p.items, op->p.n, on);
    for (size_t i = 0; i < op->p.n; i++) {
        if (on[i])
            ids[m++] = op->p.staff[i];
    }
    rc = assessment_open(&op->k->ctx, atoi(year), ids, m, NULL, e);
    free(ids);
    free(on);
    free(chosen);
    free(year);
    return rc;
}

bool
screen_assessment_open(struct kiosk *k)
{
    char *title = xasprintf(_("Open an assessment round: %s"),
                            district_name(k, k->ctx.who.district));
    struct opening op = { .k = k };
    struct form *f;
    char year[16], *all;
    bool *on;
    enum form_result res;

    /* Everyone active is ticked to begin with, as the rules say. */
    people_load(k, &op.p, NULL, NULL);
    on = xcalloc(op.p.n + 1, sizeof *on);
    for (size_t i = 0; i < op.p.n; i++)
        on[i] = true;
    all = pick_join_ids(op.p.items, op.p.n, on);
    f = form_new(k, title, open_fields, ARRAY_LEN(open_fields), &op);
    snprintf(year, sizeof year, "%d", this_year());
    form_set(f, "year", year);
    form_set(f, "subjects", all);
    f->save = open_save;
    f->save_label = N_("Open round");
    res = form_run(f);
    form_free(f);
    free(all);
    free(on);
    screen_roster_picks_free(&op.p);
    free(title);
    return res != FORM_QUIT;
}

static const struct list_column subject_columns[] = {
    { N_("Name"), 10, false },
    { N_("Committee"), 0, false },
    { N_("State"), 8, false },
};

static const struct binding subject_keys[] = {
    { ACT_HELP, N_("Help"), N_("the keys of this screen") },
    { ACT_NEW, N_("Add"), N_("assess more people: tick them in the list") },
    { ACT_DELETE, N_("Remove"), N_("do not assess the selected person "
                                   "(only before any sheet is in)") },
    { ACT_BACK, N_("Back"), N_("back to the round") },
};

struct assessed {
    const struct assessment_progress *v;
    size_t                            n;
};

/* Those assessed already are not offered again. */
static bool
not_assessed(const struct roster_entry *r, void *arg)
{
    const struct assessed *a = arg;

    for (size_t j = 0; j < a->n; j++) {
        if (a->v[j].staff_id == r->id)
            return false;
    }
    return true;
}

/* Ticks one or more people of the district not assessed yet, and adds
 * them; the first refusal stops and is shown. */
static void
add_subjects(struct kiosk *k, const struct assessment_round *r)
{
    struct roster_picks p;
    struct assessment_progress *v = NULL;
    size_t n = 0;
    struct error e = { 0 };
    bool *on;

    if (assessment_progress(&k->ctx, r->id, &v, &n, &e) < 0) {
        dialog_message(k, true, _("Not added"), e.msg);
        return;
    }
    people_load(k, &p, not_assessed, &(struct assessed){ v, n });
    free(v);
    on = xcalloc(p.n + 1, sizeof *on);
    if (p.n == 0) {
        dialog_message(k, false, _("Assess more people"),
                       _("Everyone active in the district is assessed "
                         "already."));
    } else if (dialog_pick_many(k, _("Assess more people"), p.items, p.n,
                                on)) {
        for (size_t i = 0; i < p.n; i++) {
            if (on[i] && assessment_add_subject(&k->ctx, r->id, p.staff[i],
                                                &e) < 0) {
                dialog_message(k, true, _("Not added"), e.msg);
                break;
            }
        }
    }
    free(on);
    screen_roster_picks_free(&p);
}

bool
screen_assessment_subjects(struct kiosk *k,
                           const struct assessment_round *r)
{
    struct mem_list ml;
    char *title = xasprintf(_("People assessed %d"), r->year);
    bool alive = true;

    mem_list_init(&ml, k, title, subject_columns,
                  (int)ARRAY_LEN(subject_columns), subject_keys,
                  (int)ARRAY_LEN(subject_keys),
                  N_("Everyone assessed in this round. Someone who leaves "
                     "stays assessed with what is in."));
    for (;;) {
        struct assessment_progress *v;
        size_t n;
        struct error e = { 0 };
        const struct page_row *row;

        if (assessment_progress(&k->ctx, r->id, &v, &n, &e) < 0) {
            dialog_message(k, true, title, e.msg);
            break;
        }
        mem_clear(&ml.m);
        for (size_t i = 0; i < n; i++) {
            const char *cells[3] = { v[i].name, v[i].committee_name,
                                     v[i].active ? _("in post") : _("left") };

            mem_add(&ml.m, v[i].subject_id, 3, cells, false, !v[i].active);
        }
        free(v);
        snprintf(ml.desc, sizeof ml.desc, _("%zu people"), n);
        enum action act = list_run(&ml.l, &row);
        kiosk_push(k, backdrop_draw, &ml);
        if (act == ACT_NEW) {
            add_subjects(k, r);
        } else if (act == ACT_DELETE && row != NULL) {
            char *q = xasprintf(_("Do not assess %s in this round?"),
                                row->cells[0]);

            if (dialog_confirm(k, _("Remove"), q, false) &&
                assessment_remove_subject(&k->ctx, row->id, &e) < 0)
                dialog_message(k, true, _("Not removed"), e.msg);
            free(q);
        } else if (act != ACT_ENTER) {
            alive = act != ACT_QUIT;
        }
        kiosk_pop(k);
        if (act != ACT_NEW && act != ACT_DELETE && act != ACT_ENTER)
            break;
    }
    mem_list_free(&ml);
    free(title);
    return alive;
}

