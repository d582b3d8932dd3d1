/* screen_leave_request.c — a new leave request, with its day count, and
 * one request shown with what the person looking may do to it: withdraw,
 * cancel, report back (销假), approve or reject. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "juwei/config.h"
#include "juwei/draft.h"
#include "juwei/leave.h"
#include "juwei/staff.h"
#include "juwei/ui/dialog.h"
#include "juwei/ui/form.h"
#include "juwei/ui/screen_leave.h"

/* --- a new request -------------------------------------------------------- */

struct request {
    struct kiosk     *k;
    struct form      *f;
    struct pick_item *types, *covers;
    size_t            ntypes, ncovers;
    char            (*cover_ids)[24];
    struct pick_item  halves[2];
};

static void
type_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct request *r = arg;

    *items = r->types;
    *n = r->ntypes;
}

static void
half_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct request *r = arg;

    *items = r->halves;
    *n = 2;
}

static void
cover_options(void *arg, const struct pick_item **items, size_t *n)
{
    struct request *r = arg;

    *items = r->covers;
    *n = r->ncovers;
}

static const struct form_field request_fields[] = {
    { .name = "type", .label = N_("Leave type"), .type = FT_CHOICE,
      .width = 20, .required = true, .options = type_options,
      .help = N_("the kind of leave; a quota is for one calendar year") },
    { .name = "from_date", .label = N_("First day"), .type = FT_DATE,
      .width = 12, .required = true,
      .help = N_("YYYY-MM-DD, today or tomorrow; + and - step a day") },
    { .name = "from_half", .label = N_("From the"), .type = FT_CHOICE,
      .width = 12, .required = true, .options = half_options,
      .help = N_("morning: the whole first day; afternoon: from after "
                 "lunch") },
    { .name = "to_date", .label = N_("Last day"), .type = FT_DATE,
      .width = 12, .required = true,
      .help = N_("the last day away; weekends and holidays in between are "
                 "not counted") },
    { .name = "to_half", .label = N_("Until the"), .type = FT_CHOICE,
      .width = 12, .required = true, .options = half_options,
      .help = N_("afternoon: the whole last day; morning: back at work "
                 "after lunch") },
    { .name = "reason", .label = N_("Reason"), .type = FT_LONGTEXT,
      .height = 2, .max_chars = 200, .help = N_("why; at most 200 "
                                                 "characters") },
    { .name = "cover_id", .label = N_("Who covers"), .type = FT_CHOICE,
      .width = 20, .options = cover_options,
      .help = N_("optional: someone of your committee who does your work "
                 "meanwhile") },
};

static void
request_setup(struct request *r, struct kiosk *k)
{
    const struct config *cfg = k->ctx.cfg;
    struct staff *v = NULL;
    size_t n = 0;
    struct error e = { 0 };

    memset(r, 0, sizeof *r);
    r->k = k;
    r->ntypes = cfg->nleave_types;
    r->types = xcalloc(cfg->nleave_types + 1, sizeof *r->types);
    for (size_t i = 0; i < cfg->nleave_types; i++) {
        r->types[i].id = cfg->leave_types[i].id;
        r->types[i].name = cfg->leave_types[i].name;
    }
    r->halves[0] = (struct pick_item){ "0", _("morning") };
    r->halves[1] = (struct pick_item){ "1", _("afternoon") };
    staff_list(&k->ctx, false, &v, &n, &e);
    r->covers = xcalloc(n + 1, sizeof *r->covers);
    r->cover_ids = xcalloc(n + 1, sizeof *r->cover_ids);
    r->covers[r->ncovers++] = (struct pick_item){ "", _("(nobody)") };
    for (size_t i = 0; i < n; i++) {
        if (v[i].id == k->ctx.who.staff_id ||
            strcmp(v[i].committee, k->ctx.who.committee) != 0 ||
            (v[i].role != ROLE_STAFF && v[i].role != ROLE_DIRECTOR))
            continue;
        snprintf(r->cover_ids[r->ncovers], sizeof r->cover_ids[0], "%lld",
                 (long long)v[i].id);
        r->covers[r->ncovers].id = r->cover_ids[r->ncovers];
        r->covers[r->ncovers].name = xstrdup(v[i].name);
        r->ncovers++;
    }
    free(v);
}

static void
request_free(struct request *r)
{
    for (size_t i = 1; i < r->ncovers; i++)
        free((char *)r->covers[i].name);
    free(r->covers);
    free(r->cover_ids);
    free(r->types);
}

/* The form's values as a request; reason_out is malloc'd. */
static void
request_read(const struct form *f, struct leave_request *q, char **type,
             char **reason)
{
    char *from = form_get(f, "from_date"), *to = form_get(f, "to_date");
    char *fh = form_get(f, "from_half"), *th = form_get(f, "to_half");
    char *cover = form_get(f, "cover_id");

    memset(q, 0, sizeof *q);
    *type = form_get(f, "type");
    *reason = form_get(f, "reason");
    q->type = *type;
    q->reason = *reason;
    if (!date_parse_user(from, date_today(), &q->from))
        q->from = DATE_NONE;
    if (!date_parse_user(to, date_today(), &q->to))
        q->to = DATE_NONE;
    q->from_half = strcmp(fh, "1") == 0 ? HALF_PM : HALF_AM;
    q->to_half = strcmp(th, "0") == 0 ? HALF_AM : HALF_PM;
    q->cover_id = atoll(cover);
    free(from);
    free(to);
    free(fh);
    free(th);
    free(cover);
}

/* The form's changed hook: the working days and the balance as the
 * values stand, counted by the core exactly as sending would count them,
 * after every keystroke (a date half typed simply does not parse yet). */
static void
request_changed(struct form *f, int field, void *arg)
{
    struct request *r = arg;
    struct leave_request q;
    struct leave_quote qt;
    struct error e = { 0 };
    char *type, *reason, d[16], n[16], m[16];

    (void)field;
    request_read(f, &q, &type, &reason);
    if (*type == '\0' || q.from == DATE_NONE || q.to == DATE_NONE)
        form_info(f, false, "%s", _("The working days are counted as soon "
                                    "as the type and both days are filled "
                                    "in."));
    else if (leave_quote(&r->k->ctx, &q, &qt, &e) < 0) {
        /* What sending would refuse, with the count when there is one. */
        if (qt.halves > 0)
            form_info(f, true, _("Working days: %s · %s"),
                      leave_days_text(qt.halves, d), e.msg);
        else
            form_info(f, true, "%s", e.msg);
    } else if (qt.capped)
        form_info(f, false, _("Working days: %s · %s left in %d after it: "
                              "%s of %s days"),
                  leave_days_text(qt.halves, d),
                  screen_leave_type(r->k, q.type), qt.year,
                  leave_days_text(qt.left, n), leave_days_text(qt.quota, m));
    else
        form_info(f, false, _("Working days: %s · %s has no yearly quota"),
                  leave_days_text(qt.halves, d),
                  screen_leave_type(r->k, q.type));
    free(type);
    free(reason);
}

static int
request_save(struct form *f, void *arg, struct error *e)
{
    struct request *r = arg;
    struct leave_request q;
    struct leave_quote qt;
    char *type, *reason, a[64], b[64], c[64], n1[16], n2[16], *msg;
    int rc = -1;

    request_read(f, &q, &type, &reason);
    if (leave_quote(&r->k->ctx, &q, &qt, e) == 0) {
        const char *name = screen_leave_type(r->k, q.type);
        char *left = qt.capped
            ? xasprintf(_("Left of %s this year after it: %s of %s days"),
                        name, leave_days_text(qt.left, n1),
                        leave_days_text(qt.quota, n2))
            : xasprintf(_("%s has no yearly quota"), name);

        msg = xasprintf(_("%s from %s to %s:\n%s on the working calendar "
                          "(weekends and holidays not counted)\n%s\n"
                          "Decided by %s.\n\nSend the request?"), name,
                        screen_leave_when(q.from, q.from_half, true, a),
                        screen_leave_when(q.to, q.to_half, true, b),
                        screen_leave_days(qt.halves, c), left,
                        screen_leave_decider(qt.route, 1));
        free(left);
        if (dialog_confirm(r->k, _("Send the request"), msg, true))
            rc = leave_request(&r->k->ctx, &q, NULL, e);
        else
            error_set(e, E_INVAL, "to_half", _("not sent yet"));
        free(msg);
    }
    free(type);
    free(reason);
    return rc;
}

/* Returns false when the kiosk is quitting. */
bool
screen_leave_request(struct kiosk *k, const struct draft *d)
{
    struct request r;
    enum form_result res;

    request_setup(&r, k);
    r.f = form_new(k, _("Request leave"), request_fields,
                   ARRAY_LEN(request_fields), &r);
    r.f->save = request_save;
    r.f->changed = request_changed;
    r.f->save_label = N_("Send");
    r.f->draft_kind = "leave";
    r.f->help = N_("The line under the fields shows the working days and "
                   "what is left of the type's quota after this request, "
                   "counted again as you type; sending shows them once "
                   "more to confirm.");
    form_set(r.f, "from_half", "0");
    form_set(r.f, "to_half", "1");
    if (d != NULL)
        form_from_draft(r.f, d);
    res = form_run(r.f);
    form_free(r.f);
    request_free(&r);
    return res != FORM_QUIT;
}

/* --- one request: what it is and what I may do ---------------------------- */

static void
fill_sheet(struct kiosk *k, struct leave_sheet *s, const struct leave *l)
{
    struct leave_step steps[2];
    size_t nsteps = 0;
    struct error e = { 0 };
    char a[64], b[64], n[16], *v;
    bool warn, dim;
    int now = leave_recount(&k->ctx, l);

    s->title = xasprintf(_("Leave of %s"), l->staff_name);
    screen_leave_pair(s, _("Type"), screen_leave_type(k, l->type));
    screen_leave_pair(s, _("From"),
                      screen_leave_when(l->from, l->from_half, true, a));
    screen_leave_pair(s, _("To"),
                      screen_leave_when(l->to, l->to_half, true, a));
    screen_leave_pair(s, _("Working days"), screen_leave_days(l->halves, a));
    if (now >= 0 && now != l->halves) {
        v = xasprintf(_("the calendar now counts %s; the %s asked for are "
                        "kept"), screen_leave_days(now, a),
                      leave_days_text(l->halves, n));
        screen_leave_pair(s, "", v);
        free(v);
    }
    screen_leave_pair(s, _("Reason"), l->reason);
    screen_leave_pair(s, _("Who covers"), l->cover_id != 0 ? l->cover_name
                                                    : _("nobody"));
    if (l->status == LEAVE_PENDING)
        v = xasprintf(_("waits for %s"),
                      screen_leave_decider(l->route, l->step));
    else
        v = screen_leave_status(l, &warn, &dim);
    screen_leave_pair(s, _("Status"), v);
    free(v);
    leave_steps(&k->ctx, l->id, steps, 2, &nsteps, &e);
    for (size_t i = 0; i < nsteps; i++) {
        time_t t = (time_t)steps[i].decided_at;
        struct tm tm;
        char at[32];

        localtime_r(&t, &tm);
        strftime(at, sizeof at, "%Y-%m-%d %H:%M", &tm);
        v = xasprintf("%s %s %s%s%s", steps[i].approver_name,
                      steps[i].approved ? _("approved") : _("rejected"), at,
                      steps[i].comment[0] != '\0' ? " — " : "",
                      steps[i].comment);
        screen_leave_pair(s, i == 0 ? _("Decisions") : "", v);
        free(v);
    }
    if (l->status == LEAVE_RETURNED) {
        v = xasprintf(_("%s; %s taken"),
                      screen_leave_when(l->returned, l->returned_half, true,
                                        a), screen_leave_days(l->used, b));
        screen_leave_pair(s, _("Back (销假)"), v);
        free(v);
        if (l->used < l->halves) {
            v = xasprintf(_("%s given back to the balance"),
                          screen_leave_days(l->halves - l->used, a));
            screen_leave_pair(s, "", v);
            free(v);
        }
        if (l->late > 0) {
            v = xasprintf(_("%s late"), screen_leave_days(l->late, a));
            screen_leave_pair(s, "", v);
            free(v);
        }
    }
    if (l->staff_id != k->ctx.who.staff_id) {
        struct leave_balance *bal = xcalloc(k->ctx.cfg->nleave_types,
                                            sizeof *bal);
        int year = 0, m, dd;

        date_to_ymd(l->from, &year, &m, &dd);
        if (leave_balances(&k->ctx, l->staff_id, year, bal, &e) == 0) {
            for (size_t i = 0; i < k->ctx.cfg->nleave_types; i++) {
                if (strcmp(bal[i].type, l->type) != 0 || bal[i].quota < 0)
                    continue;
                v = xasprintf(_("%s in %d: %s of %s days left"), bal[i].name,
                              year, leave_days_text(bal[i].left, a),
                              leave_days_text(bal[i].quota, b));
                screen_leave_pair(s, _("Balance"), v);
                free(v);
            }
        }
        free(bal);
    }
}

static const struct form_field comment_fields[] = {
    { .name = "comment", .label = N_("Comment"), .type = FT_LONGTEXT,
      .height = 3, .max_chars = 200,
      .help = N_("what the person asking is told; needed to reject") },
};

struct decide {
    struct kiosk *k;
    int64_t      *ids;
    size_t        n;
    int64_t       version;    /* one request: the version seen */
    bool          approve;
    size_t        done;
};

static int
decide_save(struct form *f, void *arg, struct error *e)
{
    struct decide *d = arg;
    char *comment = form_get(f, "comment");
    int rc;

    if (d->n == 1 || !d->approve) {
        rc = leave_decide(&d->k->ctx, d->ids[0], d->version, d->approve,
                          comment, e);
        d->done = rc == 0;
    } else {
        rc = leave_approve_all(&d->k->ctx, d->ids, d->n, comment, &d->done,
                               e);
        if (rc < 0 && d->done > 0) {
            char *msg = xasprintf(_("%zu approved; not approved: %s"),
                                  d->done, e->msg);

            dialog_message(d->k, true, _("Approve"), msg);
            free(msg);
            rc = 0;         /* the form is done: the rest were refused */
        }
    }
    free(comment);
    return rc;
}

/* Approve or reject ids with a comment; false when the kiosk quits. */
bool
screen_leave_decide(struct kiosk *k, int64_t *ids, size_t n,
                    int64_t version, bool approve, const char *what)
{
    struct decide d = { k, ids, n, version, approve, 0 };
    char *title = xasprintf(approve ? _("Approve: %s") : _("Reject: %s"),
                            what);
    struct form *f = form_new(k, title, comment_fields,
                              ARRAY_LEN(comment_fields), &d);
    enum form_result r;

    f->save = decide_save;
    f->save_label = approve ? N_("Approve") : N_("Reject");
    r = form_run(f);
    form_free(f);
    free(title);
    return r != FORM_QUIT;
}

static const struct form_field back_fields[] = {
    { .name = "returned_date", .label = N_("Back on"), .type = FT_DATE,
      .width = 12, .required = true,
      .help = N_("the day you were back at work; not later than today") },
    { .name = "returned_half", .label = N_("From the"), .type = FT_CHOICE,
      .width = 12, .required = true, .options = half_options,
      .help = N_("morning, or afternoon if you came back after lunch") },
};

/* The form's arg; r comes first so that half_options() finds its
 * pick-list through the same pointer. */
struct back {
    struct request      r;
    const struct leave *l;
};

static int
back_save(struct form *f, void *arg, struct error *e)
{
    struct back *b = arg;
    struct kiosk *k = b->r.k;
    char *day = form_get(f, "returned_date"), *half = form_get(f,
                                                               "returned_half");
    struct leave_return ret;
    date_t d = DATE_NONE;
    enum half h = strcmp(half, "1") == 0 ? HALF_PM : HALF_AM;
    char w[64], x[64], y[64], *msg;
    int rc = -1;

    if (!date_parse_user(day, date_today(), &d))
        d = DATE_NONE;
    if (leave_return_quote(&k->ctx, b->l, d, h, &ret, e) == 0) {
        char *more = ret.late > 0
            ? xasprintf(_("%s late: it is recorded."),
                        screen_leave_days(ret.late, y))
            : ret.given > 0
            ? xasprintf(_("%s given back to your balance."),
                        screen_leave_days(ret.given, y))
            : xstrdup(_("On time."));

        msg = xasprintf(_("Back at work on %s.\n%s of leave taken. %s\n\n"
                          "Report back now?"), screen_leave_when(d, h, true, w),
                        screen_leave_days(ret.used, x), more);
        free(more);
        if (dialog_confirm(k, _("Report back (销假)"), msg, true))
            rc = leave_report_back(&k->ctx, b->l->id, b->l->version, d, h,
                                   NULL, e);
        else
            error_set(e, E_INVAL, "returned_date", _("not reported yet"));
        free(msg);
    }
    free(day);
    free(half);
    return rc;
}

static bool
report_back(struct kiosk *k, const struct leave *l)
{
    struct back b = { .l = l };
    struct form *f;
    enum form_result r;
    char day[11];

    b.r.k = k;
    b.r.halves[0] = (struct pick_item){ "0", _("morning") };
    b.r.halves[1] = (struct pick_item){ "1", _("afternoon") };
    f = form_new(k, _("Report back (销假)"), back_fields,
                 ARRAY_LEN(back_fields), &b);
    f->save = back_save;
    f->save_label = N_("Report");
    form_set(f, "returned_date", date_format(date_today(), day));
    form_set(f, "returned_half", "0");
    r = form_run(f);
    form_free(f);
    return r != FORM_QUIT;
}

static void
confirm_do(struct kiosk *k, const char *title, const char *question,
           int (*fn)(struct ctx *, int64_t, int64_t, struct error *),
           const struct leave *l)
{
    struct error e = { 0 };

    if (dialog_confirm(k, title, question, false) &&
        fn(&k->ctx, l->id, l->version, &e) < 0)
        dialog_message(k, true, title, e.msg);
}

/* Shows request id until the user goes back; false when the kiosk quits. */
bool
screen_leave_open(struct kiosk *k, int64_t id)
{
    bool alive = true;

    for (;;) {
        struct leave l;
        struct leave_sheet s = { .k = k };
        struct binding bar[6];
        int nbar = 0;
        struct error e = { 0 };
        char what[160], d[64];
        bool mine;

        if (leave_get(&k->ctx, id, &l, &e) < 0) {
            dialog_message(k, true, _("Leave"), e.msg);
            return true;
        }
        mine = l.staff_id == k->ctx.who.staff_id;
        bar[nbar++] = (struct binding){ ACT_HELP, N_("Help"),
                                        N_("the keys of this screen") };
        if (leave_mine_to_decide(&k->ctx, &l)) {
            bar[nbar++] = (struct binding){ ACT_SAVE, N_("Approve"),
                N_("approve the request, with a comment if you like") };
            bar[nbar++] = (struct binding){ ACT_DELETE, N_("Reject"),
                N_("reject the request, saying why") };
        } else if (mine && l.status == LEAVE_PENDING) {
            bar[nbar++] = (struct binding){ ACT_DELETE, N_("Withdraw"),
                N_("take the request back before it is decided") };
        } else if (mine && l.status == LEAVE_APPROVED) {
            if (date_today() < l.from)
                bar[nbar++] = (struct binding){ ACT_DELETE, N_("Cancel leave"),
                    N_("cancel the leave before it starts; the approver is "
                       "told") };
            else
                bar[nbar++] = (struct binding){ ACT_F6, N_("Return"),
                    N_("report back (销假) with the day you were back") };
        }
        bar[nbar++] = (struct binding){ ACT_BACK, N_("Close"),
                                        N_("back to the list") };
        fill_sheet(k, &s, &l);
        enum action act = screen_leave_sheet_run(&s, bar, nbar, NULL);
        screen_leave_sheet_free(&s);
        snprintf(what, sizeof what, "%s, %s %s", l.staff_name,
                 screen_leave_type(k, l.type), screen_leave_days(l.halves, d));
        switch (act) {
        case ACT_SAVE:
            alive = screen_leave_decide(k, &id, 1, l.version, true, what);
            break;
        case ACT_DELETE:
            if (leave_mine_to_decide(&k->ctx, &l))
                alive = screen_leave_decide(k, &id, 1, l.version, false, what);
            else if (l.status == LEAVE_PENDING)
                confirm_do(k, _("Withdraw"), _("Withdraw this request?"),
                           leave_withdraw, &l);
            else
                confirm_do(k, _("Cancel leave"), _("Cancel this leave? The "
                                             "approver is told."),
                           leave_cancel, &l);
            break;
        case ACT_F6:
            alive = report_back(k, &l);
            break;
        case ACT_QUIT:
            return false;
        default:
            return true;
        }
        if (!alive)
            return false;
    }
}
