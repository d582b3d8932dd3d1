/* export_sink.c — where export rows go: a CSV stream or an XLSX workbook,
 * behind one small interface (sheet, cells, end of row), so each kind of
 * export is written once for both formats. Nothing here keeps rows: CSV
 * goes straight to the stream, XLSX through libxlsxwriter's
 * constant_memory mode. */
#include "juwei/export.h"

#include <errno.h>
#include <xlsxwriter.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "juwei/text.h"

struct export_sink {
    enum export_format      fmt;
    bool                    clean;
    FILE                   *fp;          /* CSV */
    lxw_workbook           *wb;          /* XLSX */
    lxw_worksheet          *ws;
    lxw_format             *f_head, *f_date, *f_stamp, *f_wrap;
    lxw_error               lerr;        /* the first XLSX failure */
    const char             *title;
    const struct export_col *cols;
    int                     ncols, part, sheets, col;
    lxw_row_t               row;         /* next row of the sheet */
    long                    rows;        /* data rows written */
};

/* Excel's limits: rows per sheet, characters per cell. */
#define XLSX_ROWS      1048576
#define XLSX_CELL_MAX  32767

/* Most fields need no quotes: they go out whole. A quoted one is
 * written in runs up to each '"', which is doubled. */
void
export_csv_field(FILE *fp, const char *s, bool clean)
{
    char *copy = clean ? text_clean(s != NULL ? s : "") : NULL;
    const char *p = copy != NULL ? copy : s != NULL ? s : "";
    size_t n = strlen(p);
    /* A spreadsheet runs a cell starting with one of these as a formula
     * (CSV injection); the apostrophe makes it text. */
    bool guard = n > 0 && strchr("=+-@\t\r", *p) != NULL;
    const char *end = p + n, *q;

    if (!guard && strcspn(p, ",\"\r\n") == n) {
        fwrite(p, 1, n, fp);
        free(copy);
        return;
    }
    putc('"', fp);
    if (guard)
        putc('\'', fp);
    while ((q = memchr(p, '"', (size_t)(end - p))) != NULL) {
        fwrite(p, 1, (size_t)(q - p) + 1, fp);
        putc('"', fp);
        p = q + 1;
    }
    fwrite(p, 1, (size_t)(end - p), fp);
    putc('"', fp);
    free(copy);
}

/* --- XLSX details --------------------------------------------------------- */

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\,
 * not already used in the workbook. */
static char *
sheet_name(struct export_sink *s, const char *title, int part)
{
    char base[200], name[220];
    size_t n = 0;
    int chars = 0;
    const char *p = title;

    while (*p != '\0' && chars < 28 && n + 4 < sizeof base) {
        size_t len = 1;

        while ((p[len] & 0xc0) == 0x80)
            len++;
        if (len == 1 && strchr("[]:*?/\\'", *p) != NULL) {
            base[n++] = ' ';
        } else {
            memcpy(base + n, p, len);
            n += len;
        }
        p += len;
        chars++;
    }
    base[n] = '\0';
    for (int k = part;; k++) {
        if (k <= 1)
            snprintf(name, sizeof name, "%s", base);
        else
            snprintf(name, sizeof name, "%s %d", base, k);
        if (workbook_get_worksheet_by_name(s->wb, name) == NULL)
            return xstrdup(name);
    }
}

static double
col_width(const struct export_col *c)
{
    int head = text_width(_(c->head)) + 2;

    return c->width > head ? c->width : head;
}

static void
xlsx_failed(struct export_sink *s, lxw_error err)
{
    if (err != LXW_NO_ERROR && s->lerr == LXW_NO_ERROR)
        s->lerr = err;
}

static void
xlsx_header(struct export_sink *s)
{
    char *name = sheet_name(s, s->title, s->part);

    s->ws = workbook_add_worksheet(s->wb, name);
    free(name);
    if (s->ws == NULL) {
        xlsx_failed(s, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    for (int c = 0; c < s->ncols; c++)
        xlsx_failed(s, worksheet_set_column(s->ws, (lxw_col_t)c,
                                            (lxw_col_t)c,
                                            col_width(&s->cols[c]), NULL));
    worksheet_freeze_panes(s->ws, 1, 0);
    for (int c = 0; c < s->ncols; c++)
        xlsx_failed(s, worksheet_write_string(s->ws, 0, (lxw_col_t)c,
                                              _(s->cols[c].head), s->f_head));
    s->row = 1;
}

/* --- the interface ---------------------------------------------------------- */

struct export_sink *
export_sink_csv(FILE *fp, bool clean)
{
    struct export_sink *s = xcalloc(1, sizeof *s);

    s->fmt = EXPORT_CSV;
    s->fp = fp;
    s->clean = clean;
    /* The byte order mark tells Excel the file is UTF-8. */
    fputs("\xef\xbb\xbf", fp);
    return s;
}

struct export_sink *
export_sink_xlsx(const char *path, const char *tmpdir, struct error *e)
{
    lxw_workbook_options opt = {
        .constant_memory = LXW_TRUE,
        .tmpdir = (char *)tmpdir,
        .use_zip64 = LXW_FALSE,
    };
    struct export_sink *s = xcalloc(1, sizeof *s);

    s->fmt = EXPORT_XLSX;
    s->wb = workbook_new_opt(path, &opt);
    if (s->wb == NULL) {
        free(s);
        error_set(e, E_IO, NULL, _("cannot write %s"), path);
        return NULL;
    }
    s->f_head = workbook_add_format(s->wb);
    format_set_bold(s->f_head);
    format_set_bg_color(s->f_head, 0xDDEBF7);
    s->f_date = workbook_add_format(s->wb);
    format_set_num_format(s->f_date, "yyyy-mm-dd");
    s->f_stamp = workbook_add_format(s->wb);
    format_set_num_format(s->f_stamp, "yyyy-mm-dd hh:mm:ss");
    s->f_wrap = workbook_add_format(s->wb);
    format_set_text_wrap(s->f_wrap);
    return s;
}

void
export_sink_sheet(struct export_sink *s, const char *title,
                  const struct export_col *cols, int ncols, bool titled)
{
    s->title = title;
    s->cols = cols;
    s->ncols = ncols;
    s->part = 1;
    s->col = 0;
    if (s->fmt == EXPORT_XLSX) {
        xlsx_header(s);
        s->sheets++;
        return;
    }
    /* Several tables in one CSV: an empty line between them and each
     * table's title above its header. */
    if (s->sheets > 0)
        fputs("\r\n", s->fp);
    if (titled) {
        export_csv_field(s->fp, title, s->clean);
        fputs("\r\n", s->fp);
    }
    for (int c = 0; c < ncols; c++) {
        if (c > 0)
            fputc(',', s->fp);
        export_csv_field(s->fp, _(cols[c].head), s->clean);
    }
    fputs("\r\n", s->fp);
    s->sheets++;
}

/* The column the next cell goes to; a CSV gets its separator here. */
static lxw_col_t
next_col(struct export_sink *s)
{
    if (s->fmt == EXPORT_CSV && s->col > 0)
        fputc(',', s->fp);
    return (lxw_col_t)s->col++;
}

/* A full sheet continues on a new one with the same header. */
static void
row_room(struct export_sink *s)
{
    if (s->fmt == EXPORT_XLSX && s->col == 0 && s->row >= XLSX_ROWS) {
        s->part++;
        xlsx_header(s);
    }
}

void
export_sink_text(struct export_sink *s, const char *v)
{
    row_room(s);
    lxw_col_t c = next_col(s);

    if (v == NULL || *v == '\0')
        return;
    if (s->fmt == EXPORT_CSV) {
        export_csv_field(s->fp, v, s->clean);
        return;
    }
    if (text_chars(v) > XLSX_CELL_MAX) {
        /* Cut on a character boundary; a cell cannot hold more. */
        size_t n = 0;
        int chars = 0;

        while (v[n] != '\0' && chars < XLSX_CELL_MAX) {
            n++;
            while ((v[n] & 0xc0) == 0x80)
                n++;
            chars++;
        }
        char *cut = xstrndup(v, n);
        xlsx_failed(s, worksheet_write_string(s->ws, s->row, c, cut, NULL));
        free(cut);
        return;
    }
    xlsx_failed(s, worksheet_write_string(s->ws, s->row, c, v,
                                          strchr(v, '\n') ? s->f_wrap
                                                          : NULL));
}

/* What "%.0f" prints for a whole number, without the float formatting
 * that took a tenth of a million-row export. */
static void
put_integer(FILE *fp, int64_t v)
{
    char buf[24], *p = buf + sizeof buf;
    uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;

    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0)
        *--p = '-';
    fwrite(p, 1, (size_t)(buf + sizeof buf - p), fp);
}

void
export_sink_number(struct export_sink *s, double v)
{
    row_room(s);
    lxw_col_t c = next_col(s);

    if (isnan(v))
        return;
    if (s->fmt == EXPORT_CSV) {
        if (fabs(v) < 1e15 && v == floor(v))
            put_integer(s->fp, (int64_t)v);
        else
            fprintf(s->fp, "%.10g", v);
        return;
    }
    xlsx_failed(s, worksheet_write_number(s->ws, s->row, c, v, NULL));
}

void
export_sink_empty(struct export_sink *s)
{
    row_room(s);
    next_col(s);
}

void
export_sink_date(struct export_sink *s, const char *iso)
{
    date_t d;
    int y, m, day;

    if (iso == NULL || !date_parse_iso(iso, &d)) {
        export_sink_text(s, iso);
        return;
    }
    row_room(s);
    lxw_col_t c = next_col(s);

    if (s->fmt == EXPORT_CSV) {
        fputs(iso, s->fp);
        return;
    }
    date_to_ymd(d, &y, &m, &day);
    lxw_datetime dt = { .year = y, .month = m, .day = day };
    xlsx_failed(s, worksheet_write_datetime(s->ws, s->row, c, &dt,
                                            s->f_date));
}

void
export_sink_stamp(struct export_sink *s, int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;

    row_room(s);
    lxw_col_t c = next_col(s);

    if (localtime_r(&tt, &tm) == NULL)
        return;
    if (s->fmt == EXPORT_CSV) {
        fprintf(s->fp, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
        return;
    }
    lxw_datetime dt = {
        .year = tm.tm_year + 1900, .month = tm.tm_mon + 1, .day = tm.tm_mday,
        .hour = tm.tm_hour, .min = tm.tm_min, .sec = tm.tm_sec,
    };
    xlsx_failed(s, worksheet_write_datetime(s->ws, s->row, c, &dt,
                                            s->f_stamp));
}

void
export_sink_end_row(struct export_sink *s)
{
    if (s->fmt == EXPORT_CSV)
        fputs("\r\n", s->fp);
    else
        s->row++;
    s->col = 0;
    s->rows++;
}

long
export_sink_rows(const struct export_sink *s)
{
    return s->rows;
}

int
export_sink_close(struct export_sink *s, const char *path, struct error *e)
{
    lxw_error err = LXW_NO_ERROR;
    int rc = 0;

    if (s->fmt == EXPORT_CSV) {
        if (fflush(s->fp) != 0 || ferror(s->fp))
            rc = error_set(e, E_IO, NULL, _("cannot write %s: %s"), path,
                           strerror(errno));
        free(s);
        return rc;
    }
    err = workbook_close(s->wb);
    if (s->lerr != LXW_NO_ERROR)
        err = s->lerr;
    if (err != LXW_NO_ERROR)
        rc = error_set(e, E_IO, NULL, _("cannot write %s: %s"), path,
                       lxw_strerror(err));
    free(s);
    return rc;
}

void
export_sink_abandon(struct export_sink *s)
{
    if (s == NULL)
        return;
    if (s->fmt == EXPORT_XLSX)
        workbook_close(s->wb);
    free(s);
}
