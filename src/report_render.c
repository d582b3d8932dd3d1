/* report_render.c — the monthly report as lines of text (tables laid out
 * by display columns, Chinese two columns a character, within a width,
 * and the per-day trends as sparklines), which the command line prints
 * and the kiosk's reports screen scrolls through; and as sheets for the
 * CSV and XLSX exports. Both show the same rows and numbers. */
#include "juwei/report.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/export.h"
#include "juwei/text.h"

#define GAP    2    /* columns between table columns */
#define INDENT 2
#define MIN_TEXT_COLS 6

static const char *const blocks[8] = {
    "\u2581", "\u2582", "\u2583", "\u2584",
    "\u2585", "\u2586", "\u2587", "\u2588",
};
static const char ascii_levels[8] = { '.', ':', '-', '=', '+', '*', '#', '@' };

static const char *const trend_labels[TREND_COUNT] = {
    [TREND_RECORDS] = N_("Work records"),
    [TREND_OPENED] = N_("Inspections opened"),
    [TREND_RESOLVED] = N_("Inspections resolved"),
    [TREND_VISITS] = N_("Visits"),
};

const char *
report_trend_label(enum report_trend t)
{
    return _(trend_labels[t]);
}

const struct report_row *
report_row(const struct report *r, enum report_section s, const char *id)
{
    const struct report_table *t = &r->tables[s];

    for (size_t i = 0; i < t->nrows; i++) {
        if (strcmp(t->rows[i].id, id) == 0 && t->rows[i].total == (*id == 0))
            return &t->rows[i];
    }
    return NULL;
}

char *
report_number(double v, char buf[static 32])
{
    if (isnan(v)) {
        snprintf(buf, 32, "-");
    } else if (fabs(v) < 1e15 && v == floor(v)) {
        snprintf(buf, 32, "%.0f", v);
    } else {
        size_t n;

        snprintf(buf, 32, "%.2f", v);
        n = strlen(buf);
        while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
        if (n > 0 && buf[n - 1] == '.')
            buf[--n] = '\0';
    }
    return buf;
}

char *
report_sparkline(const long *v, int n, bool ascii)
{
    long max = 0;
    char *out = xmalloc((size_t)n * 3 + 1), *p = out;

    for (int i = 0; i < n; i++) {
        if (v[i] > max)
            max = v[i];
    }
    for (int i = 0; i < n; i++) {
        /* Rounded up, so the smallest non-zero day still shows. */
        int level = v[i] <= 0 ? 0 : (int)((v[i] * 8 + max - 1) / max);

        if (level == 0) {
            *p++ = ' ';
        } else if (ascii) {
            *p++ = ascii_levels[level - 1];
        } else {
            memcpy(p, blocks[level - 1], 3);
            p += 3;
        }
    }
    *p = '\0';
    return out;
}

/* --- lines -------------------------------------------------------------- */

struct out {
    char **v;
    size_t n, cap;
    int    width;
};

/* Adds a line, cleaned and cut to the width. */
static void
put(struct out *o, const char *s)
{
    char *clean = text_clean(s);
    size_t fit = text_fit(clean, o->width, NULL);

    clean[fit] = '\0';
    /* No trailing blanks: a padded last column would leave them. */
    while (fit > 0 && clean[fit - 1] == ' ')
        clean[--fit] = '\0';
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 64;
        o->v = xreallocarray(o->v, o->cap, sizeof *o->v);
    }
    o->v[o->n++] = clean;
}

static void
putf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
putf(struct out *o, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        fatal("out of memory");
    va_end(ap);
    put(o, s);
    free(s);
}

/* The cell of row `r` in column `c`, as text. */
static const char *
cell(const struct report_column *c, const struct report_row *r,
     char buf[static 32])
{
    switch (c->type) {
    case RC_LABEL:
        return r->label;
    case RC_TEXT:
        return r->text[c->index];
    default:
        return report_number(r->v[c->index], buf);
    }
}

static bool
numeric(const struct report_column *c)
{
    return c->type == RC_COUNT || c->type == RC_AMOUNT;
}

/* Appends s to a line in exactly w columns, right-aligned if asked. */
static void
append(FILE *fp, const char *s, int w, bool right)
{
    int sw = text_width(s);

    if (right && sw < w) {
        fprintf(fp, "%*s%s", w - sw, "", s);
        return;
    }
    char *p = text_pad(s, w, true);
    fputs(p, fp);
    free(p);
}

static void
put_table(struct out *o, const struct report_table *t)
{
    int w[8], total = INDENT, nc = t->ncols;
    char buf[32];
    bool any = false;

    for (size_t i = 0; i < t->nrows; i++)
        any = any || !t->rows[i].total;
    putf(o, "%s", _(t->title));
    if (!any) {
        putf(o, "%*s%s", INDENT, "",
             t->section == REPORT_MISSING
             ? _("Everyone wrote a record on every working day so far.")
             : t->section == REPORT_SIGNOFF ? _("No committee in scope.")
             : _("Nothing this month."));
        return;
    }
    /* Natural widths, then the widest text column gives way until the
     * table fits. */
    for (int c = 0; c < nc; c++) {
        w[c] = text_width(_(t->cols[c].head));
        for (size_t i = 0; i < t->nrows; i++) {
            int cw = text_width(cell(&t->cols[c], &t->rows[i], buf));

            if (cw > w[c])
                w[c] = cw;
        }
        total += w[c] + (c > 0 ? GAP : 0);
    }
    while (total > o->width) {
        int widest = -1;

        for (int c = 0; c < nc; c++) {
            if (!numeric(&t->cols[c]) && w[c] > MIN_TEXT_COLS &&
                (widest < 0 || w[c] > w[widest]))
                widest = c;
        }
        if (widest < 0)
            break;
        w[widest]--;
        total--;
    }
    for (int pass = -1; pass < (int)t->nrows; pass++) {
        char *line = NULL;
        size_t len = 0;
        FILE *fp = open_memstream(&line, &len);

        if (fp == NULL)
            fatal("out of memory");
        fprintf(fp, "%*s", INDENT, "");
        for (int c = 0; c < nc; c++) {
            const char *s = pass < 0 ? _(t->cols[c].head)
                          : cell(&t->cols[c], &t->rows[pass], buf);

            if (c > 0)
                fprintf(fp, "%*s", GAP, "");
            append(fp, s, w[c], numeric(&t->cols[c]));
        }
        if (fclose(fp) != 0 || line == NULL)
            fatal("out of memory");
        put(o, line);
        free(line);
    }
}

static void
put_trends(struct out *o, const struct report *r, bool ascii)
{
    int lw = 0;
    char *axis = xmalloc((size_t)r->ndays + 2);

    putf(o, _("Day by day (1 to %d)"), r->ndays);
    for (int t = 0; t < TREND_COUNT; t++) {
        int w = text_width(report_trend_label((enum report_trend)t));

        if (w > lw)
            lw = w;
    }
    for (int t = 0; t < TREND_COUNT; t++) {
        const long *v = r->trend[t];
        long max = 0, sum = 0;
        char *label = text_pad(report_trend_label((enum report_trend)t), lw,
                               true);
        char *spark = report_sparkline(v, r->ndays, ascii);

        for (int i = 0; i < r->ndays; i++) {
            sum += v[i];
            if (v[i] > max)
                max = v[i];
        }
        /* The frame shows where the month starts and ends even on days
         * with nothing. */
        char *tail = xasprintf(_("max %ld, total %ld"), max, sum);

        putf(o, "%*s%s %s%s%s %s", INDENT, "", label, ascii ? "|" : "\u2502",
             spark, ascii ? "|" : "\u2502", tail);
        free(tail);
        free(label);
        free(spark);
    }
    /* Day numbers under the bars: 1, 5, 10, 15 … */
    memset(axis, ' ', (size_t)r->ndays + 1);
    axis[r->ndays + 1] = '\0';
    axis[0] = '1';
    for (int d = 5; d <= r->ndays; d += 5) {
        char num[4];
        int len = snprintf(num, sizeof num, "%d", d);

        if (d - 1 + len <= r->ndays + 1)
            memcpy(axis + d - 1, num, (size_t)len);
    }
    putf(o, "%*s%*s  %s", INDENT, "", lw, "", axis);
    free(axis);
}

char **
report_text(const struct report *r, int width, bool ascii, size_t *n)
{
    struct out o = { .width = width > 20 ? width : 20 };
    char day[11];

    if (r->scope.kind == RSCOPE_COMMITTEE)
        putf(&o, _("Monthly report %s · %s · %s"), r->month, r->scope.name,
             r->scope.district_name);
    else
        putf(&o, _("Monthly report %s · %s"), r->month, r->scope.name);
    putf(&o, _("%d working days in the month · figures as of %s"),
         r->workdays, date_format(r->asof, day));
    if (!r->calendar_covered)
        put(&o, _("The configured calendar does not cover this month: "
                  "Monday to Friday count as working days."));
    for (int s = 0; s < REPORT_NSECTIONS; s++) {
        put(&o, "");
        put_table(&o, &r->tables[s]);
    }
    put(&o, "");
    put_trends(&o, r, ascii);
    *n = o.n;
    return o.v;
}

void
report_lines_free(char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

/* --- sheets ----------------------------------------------------------------- */

void
report_write(const struct report *r, struct export_sink *s)
{
    static const struct export_col summary_cols[] = {
        { N_("Item"), 24 }, { N_("Value"), 30 },
    };
    static const struct export_col day_cols[] = {
        { N_("Date"), 11 }, { N_("Work records"), 10 },
        { N_("Inspections opened"), 10 }, { N_("Inspections resolved"), 10 },
        { N_("Visits"), 10 },
    };
    char day[11];

    export_sink_sheet(s, _("Summary"), summary_cols, 2, true);
    export_sink_text(s, _("Month"));
    export_sink_text(s, r->month);
    export_sink_end_row(s);
    export_sink_text(s, _("Scope"));
    export_sink_text(s, r->scope.name);
    export_sink_end_row(s);
    if (r->scope.kind == RSCOPE_COMMITTEE) {
        export_sink_text(s, _("District"));
        export_sink_text(s, r->scope.district_name);
        export_sink_end_row(s);
    }
    export_sink_text(s, _("Working days"));
    export_sink_number(s, r->workdays);
    export_sink_end_row(s);
    export_sink_text(s, _("Figures as of"));
    export_sink_date(s, date_format(r->asof, day));
    export_sink_end_row(s);
    for (int i = 0; i < REPORT_NSECTIONS; i++) {
        const struct report_table *t = &r->tables[i];
        struct export_col cols[8];

        for (int c = 0; c < t->ncols; c++) {
            cols[c].head = t->cols[c].head;
            cols[c].width = t->cols[c].type == RC_LABEL ? 20
                          : t->cols[c].type == RC_TEXT ? 16 : 10;
        }
        export_sink_sheet(s, _(t->title), cols, t->ncols, true);
        for (size_t j = 0; j < t->nrows; j++) {
            const struct report_row *row = &t->rows[j];

            for (int c = 0; c < t->ncols; c++) {
                const struct report_column *col = &t->cols[c];

                if (col->type == RC_LABEL)
                    export_sink_text(s, row->label);
                else if (col->type == RC_TEXT)
                    export_sink_text(s, row->text[col->index]);
                else
                    export_sink_number(s, row->v[col->index]);
            }
            export_sink_end_row(s);
        }
    }
    export_sink_sheet(s, _("Day by day"), day_cols, (int)ARRAY_LEN(day_cols),
                      true);
    for (int d = 0; d < r->ndays; d++) {
        export_sink_date(s, date_format(r->first + d, day));
        for (int t = 0; t < TREND_COUNT; t++)
            export_sink_number(s, (double)r->trend[t][d]);
        export_sink_end_row(s);
    }
}
