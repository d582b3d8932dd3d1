/* export.h — the data as CSV or XLSX files for the street office's
 * spreadsheets: work records, inspections with their follow-ups,
 * residents, visits, leave, training, the assessment, the audit log, and
 * the monthly report.
 *
 * - CSV: UTF-8 with a byte order mark and CRLF line ends, so Chinese
 *   Excel opens it as UTF-8; fields quoted per RFC 4180 when they hold a
 *   comma, quote, CR or LF. A text field starting with = + - @ (or a tab
 *   or CR) gets a leading apostrophe, so a spreadsheet never runs it as a
 *   formula.
 * - XLSX (libxlsxwriter): translated (Chinese) headers in a frozen first
 *   row, dates as real date cells, column widths for the content.
 * - Rows stream from one read transaction straight to the file: memory
 *   stays the same for a hundred rows or a million (libxlsxwriter in
 *   constant_memory mode; a sheet full at Excel's 1,048,576 rows
 *   continues on the next sheet).
 * - Scope is the session's (SCOPE_SQL), narrowed by a committee or a
 *   district as the report's scope (report_scope_resolve). A resident's
 *   phone and ID number are masked unless the session is the street
 *   office or an administrator and `full` is asked for.
 * - Every export leaves an "export" audit row: what, how many rows, and
 *   whether full details were included. */
#ifndef JUWEI_EXPORT_H
#define JUWEI_EXPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "juwei/date.h"
#include "juwei/session.h"
#include "juwei/util.h"

enum export_kind {
    EXPORT_RECORDS, EXPORT_INSPECTIONS, EXPORT_RESIDENTS, EXPORT_VISITS,
    EXPORT_LEAVE, EXPORT_TRAINING, EXPORT_ASSESSMENT, EXPORT_AUDIT,
    EXPORT_REPORT, EXPORT_NKINDS
};

enum export_format { EXPORT_CSV, EXPORT_XLSX };

struct export_opts {
    enum export_kind   kind;
    enum export_format format;
    date_t             from, to;     /* DATE_NONE: open-ended */
    const char        *committee;    /* NULL: the whole scope */
    const char        *district;
    const char        *month;        /* EXPORT_REPORT: YYYY-MM */
    bool               full;         /* unmasked resident details */
    bool               clean;        /* CSV for a terminal: text_clean()
                                      * every field */
    /* Called every few thousand rows, for a progress line. */
    void             (*progress)(void *arg, long rows);
    void              *progress_arg;
};

/* Defaults: CSV, no dates, the whole scope, masked. */
void export_opts_init(struct export_opts *o, enum export_kind kind);

bool        export_kind_parse(const char *s, enum export_kind *out);
const char *export_kind_name(enum export_kind k);    /* "records" */
const char *export_kind_label(enum export_kind k);   /* translated */
bool        export_format_parse(const char *s, enum export_format *out);
/* May this session export this kind at all? (The assessment is for the
 * street office and administrators, the audit log for administrators and
 * their district's street office.) */
bool        export_allowed(const struct ctx *ctx, enum export_kind k);

/* Writes CSV to an open stream (standard output); *rows gets the data
 * rows written. XLSX needs a file: use export_file(). */
int export_stream(struct ctx *ctx, const struct export_opts *o, FILE *fp,
                  long *rows, struct error *e);

/* Writes to `path` (mode 0640) through a temporary file in the same
 * directory renamed into place at the end, so a failed export leaves no
 * half file and an existing file is replaced only by a complete one. */
int export_file(struct ctx *ctx, const struct export_opts *o,
                const char *path, long *rows, struct error *e);

/* The kiosk's export: into `dir` (made 0750 if missing) under a name of
 * the kind, scope and dates (records-hepingli-2026-03-01_2026-03-31.csv),
 * never replacing a file there (-2, -3 … is added). *path gets the file
 * written (malloc'd). */
int export_to_dir(struct ctx *ctx, const struct export_opts *o,
                  const char *dir, char **path, long *rows,
                  struct error *e);

/* One CSV field as RFC 4180 wants it (quoted when needed), with the
 * formula guard above; cleaned of control characters first if `clean`. */
void export_csv_field(FILE *fp, const char *s, bool clean);

/* --- the writer under every export ---------------------------------------
 * Tables go to a CSV stream or an XLSX workbook through one interface:
 * start a sheet (its header row), then cells left to right and the end of
 * each row. Nothing is kept in memory but the current row. */
struct export_sink;

struct export_col {
    const char *head;    /* N_(): translated when written */
    int         width;   /* XLSX column width in characters */
};

struct export_sink *export_sink_csv(FILE *fp, bool clean);
/* The workbook is written to `path` when closed; its temporary files go
 * to `tmpdir` (NULL: the system's). */
struct export_sink *export_sink_xlsx(const char *path, const char *tmpdir,
                                     struct error *e);
/* A new sheet (XLSX) or table (CSV, after an empty line; with its title
 * on a line of its own when `titled`), and its header row. */
void export_sink_sheet(struct export_sink *s, const char *title,
                       const struct export_col *cols, int ncols,
                       bool titled);
void export_sink_text(struct export_sink *s, const char *v);   /* NULL: empty */
void export_sink_number(struct export_sink *s, double v);      /* NAN: empty */
void export_sink_date(struct export_sink *s, const char *iso); /* YYYY-MM-DD */
void export_sink_stamp(struct export_sink *s, int64_t t);      /* local time */
void export_sink_empty(struct export_sink *s);
void export_sink_end_row(struct export_sink *s);
long export_sink_rows(const struct export_sink *s);
/* Finishes (XLSX: writes the file) and frees; `path` names it in errors. */
int  export_sink_close(struct export_sink *s, const char *path,
                       struct error *e);
void export_sink_abandon(struct export_sink *s);

/* A resident's phone and ID number as shown without --full:
 * 138****5678, 1101**********1234. malloc'd. */
char *export_mask(const char *s);

#endif
