/* report_people.c — the monthly report's sections on people's days: who
 * wrote no work record on a working day they were not on leave, and the
 * leave days taken by type, each counted on the working calendar. */
#include "juwei/report_build.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/calendar.h"
#include "juwei/date.h"
#include "juwei/db.h"

/* Every query: what the session may see, narrowed to the scope asked. */
#define IN_SCOPE(col) REPORT_IN_SCOPE_SQL(col)

static const char sql_staff[] =
    "SELECT s.id, s.name, s.committee_id, c.name, coalesce(s.hire_date, ''),"
    " s.created_at FROM staff s JOIN committees c ON c.id = s.committee_id"
    " WHERE s.active = 1 AND s.role IN ('staff', 'director') AND "
    IN_SCOPE("s.committee_id") " ORDER BY s.committee_id, s.name, s.id";
static const char sql_staff_days[] =
    "SELECT DISTINCT date FROM records"
    " WHERE staff_id = :staff AND date BETWEEN :first AND :last";
static const char sql_staff_leave[] =
    "SELECT from_date, from_half, to_date, to_half, status,"
    " coalesce(returned_date, ''), coalesce(returned_half, 0) FROM leave"
    " WHERE staff_id = :staff AND status IN ('approved', 'returned')"
    " AND from_date <= :last AND to_date >= :first";

static const char sql_leave[] =
    "SELECT l.type, l.staff_id, l.from_date, l.from_half, l.to_date,"
    " l.to_half, l.status, coalesce(l.returned_date, ''),"
    " coalesce(l.returned_half, 0) FROM leave l"
    " WHERE l.status IN ('approved', 'returned')"
    " AND l.from_date <= :last AND l.to_date >= :first AND "
    IN_SCOPE("l.committee_id") " ORDER BY l.type, l.staff_id";

/* --- staff without records -------------------------------------------- */

/* Days of the month covered (any half) by one leave as taken. */
static void
mark_leave(struct report_build *b, sqlite3_stmt *st, bool *off)
{
    date_t from, to, ret, start, end;
    const char *status = db_column_text(st, 4);

    if (!date_parse_iso(db_column_text(st, 0), &from) ||
        !date_parse_iso(db_column_text(st, 2), &to))
        return;
    end = to;
    /* Reported back: the leave ended the half-day before the return. */
    if (strcmp(status, "returned") == 0 &&
        date_parse_iso(db_column_text(st, 5), &ret)) {
        date_t last = sqlite3_column_int(st, 6) == HALF_PM ? ret : ret - 1;

        if (last < end)
            end = last;
    }
    start = from < b->r->first ? b->r->first : from;
    if (end > b->r->last)
        end = b->r->last;
    for (date_t d = start; d <= end; d++)
        off[d - b->r->first] = true;
}

static int
staff_days(struct report_build *b, int64_t staff, bool *wrote, bool *off)
{
    sqlite3_stmt *st = report_query(b, sql_staff_days);
    int rc;

    if (st == NULL)
        return -1;
    db_bind_int(st, ":staff", staff);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        date_t d;

        if (date_parse_iso(db_column_text(st, 0), &d) && d >= b->r->first &&
            d <= b->r->last)
            wrote[d - b->r->first] = true;
    }
    if (report_finish(b, st, rc) < 0)
        return -1;
    if ((st = report_query(b, sql_staff_leave)) == NULL)
        return -1;
    db_bind_int(st, ":staff", staff);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        mark_leave(b, st, off);
    return report_finish(b, st, rc);
}

struct person {
    int64_t id;
    char   *name, *committee, *committee_name;
    date_t  start;
};

static void
add_missing(struct report_build *b, const struct person *p, const bool *wrote,
            const bool *off)
{
    const struct calendar *cal = &b->ctx->cfg->calendar;
    struct report_table *t = &b->r->tables[REPORT_MISSING];
    date_t end = date_today() - 1;
    int counted = 0, missing = 0;
    char *days = NULL, id[24];
    size_t len = 0;
    FILE *fp = open_memstream(&days, &len);

    if (fp == NULL)
        fatal("out of memory");
    if (end > b->r->last)
        end = b->r->last;
    for (date_t d = p->start > b->r->first ? p->start : b->r->first;
         d <= end; d++) {
        int i = d - b->r->first;

        if (!calendar_is_workday(cal, d) || off[i])
            continue;
        counted++;
        if (wrote[i])
            continue;
        fprintf(fp, "%s%d", missing > 0 ? "," : "", i + 1);
        missing++;
    }
    if (fclose(fp) != 0 || days == NULL)
        fatal("out of memory");
    if (missing > 0) {
        struct report_row *row;

        snprintf(id, sizeof id, "%lld", (long long)p->id);
        row = report_add_row(t, id, p->name);
        free(row->text[0]);
        row->text[0] = xstrdup(p->committee_name);
        free(row->text[1]);
        row->text[1] = days;
        row->v[0] = missing;
        row->v[1] = counted;
    } else {
        free(days);
    }
}

int
report_build_missing(struct report_build *b)
{
    sqlite3_stmt *st = report_query(b, sql_staff);
    struct person *v = NULL;
    size_t n = 0;
    int rc, ret = 0;

    if (st == NULL)
        return -1;
    /* Collected first: the per-person queries must not reset this one. */
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct person *p;
        date_t hired;

        v = xreallocarray(v, n + 1, sizeof *v);
        p = &v[n++];
        p->id = sqlite3_column_int64(st, 0);
        p->name = xstrdup(db_column_text(st, 1));
        p->committee = xstrdup(db_column_text(st, 2));
        p->committee_name = xstrdup(db_column_text(st, 3));
        p->start = date_of_time(sqlite3_column_int64(st, 5));
        if (date_parse_iso(db_column_text(st, 4), &hired) && hired > p->start)
            p->start = hired;
    }
    if (report_finish(b, st, rc) < 0)
        ret = -1;
    for (size_t i = 0; i < n; i++) {
        bool wrote[31] = { false }, off[31] = { false };

        if (ret == 0 && staff_days(b, v[i].id, wrote, off) < 0)
            ret = -1;
        if (ret == 0)
            add_missing(b, &v[i], wrote, off);
        free(v[i].name);
        free(v[i].committee);
        free(v[i].committee_name);
    }
    free(v);
    return ret;
}

/* --- leave ------------------------------------------------------------- */

static int
cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

    return (x > y) - (x < y);
}

static size_t
distinct(int64_t *v, size_t n)
{
    size_t d = 0;

    if (n > 1)
        qsort(v, n, sizeof *v, cmp_id);
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || v[i] != v[i - 1])
            d++;
    }
    return d;
}

/* Working half-days of one leave inside the month, as taken. */
static int
leave_halves(struct report_build *b, sqlite3_stmt *st)
{
    const struct calendar *cal = &b->ctx->cfg->calendar;
    date_t from, to, ret;
    enum half fh = sqlite3_column_int(st, 3) ? HALF_PM : HALF_AM;
    enum half th = sqlite3_column_int(st, 5) ? HALF_PM : HALF_AM;

    if (!date_parse_iso(db_column_text(st, 2), &from) ||
        !date_parse_iso(db_column_text(st, 4), &to))
        return 0;
    if (strcmp(db_column_text(st, 6), "returned") == 0 &&
        date_parse_iso(db_column_text(st, 7), &ret)) {
        /* Back in the afternoon: the morning was the last half taken;
         * back in the morning: the afternoon before. */
        date_t last = sqlite3_column_int(st, 8) == HALF_PM ? ret : ret - 1;
        enum half lh = sqlite3_column_int(st, 8) == HALF_PM ? HALF_AM
                                                            : HALF_PM;

        if (last < to || (last == to && lh < th)) {
            to = last;
            th = lh;
        }
    }
    if (from < b->r->first) {
        from = b->r->first;
        fh = HALF_AM;
    }
    if (to > b->r->last) {
        to = b->r->last;
        th = HALF_PM;
    }
    int n = calendar_count_halves(cal, from, fh, to, th);

    return n > 0 ? n : 0;
}

int
report_build_leave(struct report_build *b)
{
    struct report_table *t = &b->r->tables[REPORT_LEAVE];
    sqlite3_stmt *st = report_query(b, sql_leave);
    struct report_row *total;
    int64_t *people = NULL, *mine = NULL;
    size_t npeople = 0, nmine = 0;
    char *cur = NULL;
    int rc;

    if (st == NULL)
        return -1;
    for (;;) {
        rc = sqlite3_step(st);
        const char *type = rc == SQLITE_ROW ? db_column_text(st, 0) : NULL;

        if (cur != NULL && (type == NULL || strcmp(type, cur) != 0)) {
            report_row_for(t, cur)->v[1] = (double)distinct(mine, nmine);
            nmine = 0;
            free(cur);
            cur = NULL;
        }
        if (rc != SQLITE_ROW)
            break;
        int halves = leave_halves(b, st);

        if (halves == 0)
            continue;
        if (cur == NULL)
            cur = xstrdup(type);
        struct report_row *row = report_row_for(t, type);
        row->v[0] += 1;
        row->v[2] += halves / 2.0;
        mine = xreallocarray(mine, nmine + 1, sizeof *mine);
        mine[nmine++] = sqlite3_column_int64(st, 1);
        people = xreallocarray(people, npeople + 1, sizeof *people);
        people[npeople++] = sqlite3_column_int64(st, 1);
    }
    free(cur);
    free(mine);
    if (report_finish(b, st, rc) < 0) {
        free(people);
        return -1;
    }
    report_order_rows(b->ctx->cfg, t);
    total = report_add_total(t);
    static const int sums[] = { 0, 2 };
    report_sum_into(t, total, sums, 2);
    total->v[1] = (double)distinct(people, npeople);
    free(people);
    return 0;
}

