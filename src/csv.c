/* csv.c — the streaming CSV reader (see csv.h). One pass over the bytes
 * with a small state machine; UTF-8 is checked byte by byte as it arrives,
 * so a fault is reported on the line it is on, even inside a quoted field
 * that spans lines. */
#include "juwei/csv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/text.h"

struct csv {
    FILE          *fp;
    bool           own;          /* fclose() it: not stdin */
    char          *name;
    unsigned char  buf[16384];
    size_t         len, pos;
    bool           io_error;
    int            io_errno;
    long           line;         /* line of the next byte, from 1 */
    bool           skip_lf;      /* a CR ended a line: an LF next is its */
    long           last_line;    /* csv_line() */
    size_t         width;        /* fields per record once the header is
                                  * read; 0 before */

    /* The current record: its fields' text, each ended by a NUL. Room
     * for CSV_RECORD_MAX bytes of text plus one NUL per field. */
    char          *text;
    size_t         tlen, field_start;
    size_t         starts[CSV_FIELDS_MAX];
    char          *ptrs[CSV_FIELDS_MAX];
    size_t         nfields;
    bool           too_long, too_wide;

    /* UTF-8 being checked: continuation bytes still due, and the range
     * the next one must be in (excludes overlongs and surrogates). */
    int            need;
    unsigned char  lo, hi;

    /* The first fault of the current record. */
    bool           bad;
    long           bad_line;
};

enum { ST_START, ST_UNQUOTED, ST_QUOTED, ST_QUOTE };

const char *
csv_name(const struct csv *c)
{
    return c->name;
}

long
csv_line(const struct csv *c)
{
    return c->last_line;
}

static int
next_byte(struct csv *c)
{
    if (c->pos == c->len) {
        c->len = fread(c->buf, 1, sizeof c->buf, c->fp);
        c->pos = 0;
        if (c->len == 0) {
            if (ferror(c->fp)) {
                c->io_error = true;
                c->io_errno = errno;
            }
            return EOF;
        }
    }
    return c->buf[c->pos++];
}

struct csv *
csv_open(const char *path, struct error *e)
{
    struct csv *c = xcalloc(1, sizeof *c);
    bool std = strcmp(path, "-") == 0;

    c->fp = std ? stdin : fopen(path, "rb");
    if (c->fp == NULL) {
        error_set(e, E_IO, NULL, _("cannot open %s: %s"), path,
                  strerror(errno));
        free(c);
        return NULL;
    }
    c->own = !std;
    c->name = xstrdup(std ? "(stdin)" : path);
    c->line = 1;
    c->text = xmalloc(CSV_RECORD_MAX + CSV_FIELDS_MAX + 1);
    /* Look at the first bytes for a byte order mark. */
    c->len = fread(c->buf, 1, sizeof c->buf, c->fp);
    if (c->len == 0 && ferror(c->fp)) {
        error_set(e, E_IO, NULL, _("cannot read %s: %s"), path,
                  strerror(errno));
        csv_close(c);
        return NULL;
    }
    if (c->len >= 2 && ((c->buf[0] == 0xFF && c->buf[1] == 0xFE) ||
                        (c->buf[0] == 0xFE && c->buf[1] == 0xFF))) {
        error_set(e, E_INVAL, NULL,
                  _("%s is UTF-16 text; save it as \"CSV UTF-8\""), path);
        csv_close(c);
        return NULL;
    }
    if (c->len >= 3 && c->buf[0] == 0xEF && c->buf[1] == 0xBB &&
        c->buf[2] == 0xBF)
        c->pos = 3;
    return c;
}

void
csv_close(struct csv *c)
{
    if (c == NULL)
        return;
    if (c->own && c->fp != NULL)
        fclose(c->fp);
    free(c->name);
    free(c->text);
    free(c);
}

/* Records the record's first fault; later ones on the same record add
 * nothing a person could act on before fixing the first. */
static void
fault(struct csv *c, struct error *e, const char *msg)
{
    if (c->bad)
        return;
    c->bad = true;
    c->bad_line = c->line;
    error_set(e, E_INVAL, NULL, "%s", msg);
}

static void
bad_utf8(struct csv *c, struct error *e)
{
    c->need = 0;
    fault(c, e, _("invalid UTF-8 text; save the file as \"CSV UTF-8\""));
}

/* Checks one byte of field text as UTF-8 and keeps it. */
static void
put(struct csv *c, unsigned char b, struct error *e)
{
    if (c->need > 0) {
        if (b < c->lo || b > c->hi) {
            bad_utf8(c, e);
            /* b may start the next character: look at it again. */
            put(c, b, e);
            return;
        }
        c->need--;
        c->lo = 0x80;
        c->hi = 0xBF;
    } else if (b == 0) {
        fault(c, e, _("a NUL byte: this is not a text file"));
        return;
    } else if (b >= 0x80) {
        c->lo = 0x80;
        c->hi = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            c->need = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            c->need = 2;
            if (b == 0xE0)
                c->lo = 0xA0;       /* no overlongs */
            else if (b == 0xED)
                c->hi = 0x9F;       /* no surrogates */
        } else if (b >= 0xF0 && b <= 0xF4) {
            c->need = 3;
            if (b == 0xF0)
                c->lo = 0x90;
            else if (b == 0xF4)
                c->hi = 0x8F;       /* nothing above U+10FFFF */
        } else {
            bad_utf8(c, e);
            return;
        }
    }
    if (c->tlen >= CSV_RECORD_MAX) {
        if (!c->too_long) {
            char msg[96];

            c->too_long = true;
            snprintf(msg, sizeof msg, _("the row is longer than %d bytes"),
                     CSV_RECORD_MAX);
            fault(c, e, msg);
        }
        return;
    }
    c->text[c->tlen++] = (char)b;
}

/* A comma, quote or line end may not cut a character in two. */
static void
structural(struct csv *c, struct error *e)
{
    if (c->need > 0)
        bad_utf8(c, e);
}

static void
end_field(struct csv *c, struct error *e)
{
    structural(c, e);
    if (c->nfields == CSV_FIELDS_MAX) {
        if (!c->too_wide) {
            char msg[96];

            c->too_wide = true;
            snprintf(msg, sizeof msg, _("more than %d columns"),
                     CSV_FIELDS_MAX);
            fault(c, e, msg);
        }
        c->tlen = c->field_start;
        return;
    }
    c->text[c->tlen++] = '\0';
    c->starts[c->nfields++] = c->field_start;
    c->field_start = c->tlen;
}

static void
new_record(struct csv *c)
{
    c->tlen = 0;
    c->field_start = 0;
    c->nfields = 0;
    c->too_long = false;
    c->too_wide = false;
    c->need = 0;
    c->bad = false;
}

static bool
all_empty(const struct csv *c)
{
    for (size_t i = 0; i < c->nfields; i++) {
        if (c->text[c->starts[i]] != '\0')
            return false;
    }
    return true;
}

/* Reads one record (a blank line is none: it is skipped). */
static enum csv_status
read_record(struct csv *c, long *start_line, struct error *e)
{
    int st = ST_START;
    bool any = false;
    long quote_line = 0;

    new_record(c);
    *start_line = c->line;
    for (;;) {
        int b = next_byte(c);

        if (b == EOF) {
            if (c->io_error) {
                error_set(e, E_IO, NULL, _("cannot read: %s"),
                          strerror(c->io_errno));
                c->last_line = c->line;
                return CSV_FAIL;
            }
            if (st == ST_QUOTED) {
                error_set(e, E_INVAL, NULL,
                          _("the quoted field that starts here is never "
                            "closed"));
                c->last_line = quote_line;
                return CSV_FAIL;
            }
            if (!any)
                return CSV_END;
            end_field(c, e);
            return CSV_ROW;
        }
        if (c->skip_lf) {
            c->skip_lf = false;
            if (b == '\n')
                continue;       /* the LF of a CRLF: the line is counted */
        }
        if (b == '\r' || b == '\n') {
            bool ends = st != ST_QUOTED && any;

            /* Faults are found before the line count moves on. Inside
             * quotes a line end is kept as one newline, whatever it was. */
            if (st == ST_QUOTED)
                put(c, '\n', e);
            else if (ends)
                end_field(c, e);
            c->line++;
            c->skip_lf = b == '\r';
            if (ends)
                return CSV_ROW;
            if (st != ST_QUOTED)
                *start_line = c->line;      /* an empty line */
            continue;
        }
        any = true;
        switch (st) {
        case ST_START:
            if (b == '"') {
                structural(c, e);
                st = ST_QUOTED;
                quote_line = c->line;
            } else if (b == ',') {
                end_field(c, e);
            } else {
                put(c, (unsigned char)b, e);
                st = ST_UNQUOTED;
            }
            break;
        case ST_UNQUOTED:
            if (b == ',') {
                end_field(c, e);
                st = ST_START;
            } else if (b == '"') {
                fault(c, e, _("a quote inside a field without quotes; put "
                              "the whole field in quotes and double the "
                              "quote (\"\")"));
            } else {
                put(c, (unsigned char)b, e);
            }
            break;
        case ST_QUOTED:
            if (b == '"')
                st = ST_QUOTE;
            else
                put(c, (unsigned char)b, e);
            break;
        case ST_QUOTE:
            if (b == '"') {
                put(c, '"', e);         /* "" is one quote */
                st = ST_QUOTED;
            } else if (b == ',') {
                end_field(c, e);
                st = ST_START;
            } else {
                fault(c, e, _("text after a closing quote; a quoted field "
                              "ends at a comma or the end of the line"));
                st = ST_UNQUOTED;
            }
            break;
        }
    }
}

enum csv_status
csv_read(struct csv *c, struct csv_row *row, struct error *e)
{
    for (;;) {
        long start;
        enum csv_status s = read_record(c, &start, e);

        row->fields = NULL;
        row->n = 0;
        if (s == CSV_FAIL) {
            row->line = c->last_line;
            return s;
        }
        if (s == CSV_END) {
            row->line = c->line;
            return s;
        }
        if (c->bad) {
            c->last_line = row->line = c->bad_line;
            return CSV_BAD;
        }
        if (all_empty(c))
            continue;
        c->last_line = row->line = start;
        for (size_t i = 0; i < c->nfields; i++)
            c->ptrs[i] = c->text + c->starts[i];
        row->fields = c->ptrs;
        row->n = c->nfields;
        if (c->width > 0 && c->nfields != c->width) {
            error_set(e, E_INVAL, NULL,
                      _("%zu columns, but the header has %zu"), c->nfields,
                      c->width);
            return CSV_BAD;
        }
        return CSV_ROW;
    }
}

static bool
names_match(const struct csv_field *f, const char *name)
{
    for (size_t k = 0; k < CSV_NAMES_MAX && f->names[k] != NULL; k++) {
        if (text_eq_nocase(f->names[k], name))
            return true;
    }
    return false;
}

int
csv_header(struct csv *c, const struct csv_field *map, size_t nmap,
           int *cols, struct error *e)
{
    struct csv_row row;
    enum csv_status s;

    for (size_t i = 0; i < nmap; i++)
        cols[i] = -1;
    s = csv_read(c, &row, e);
    if (s == CSV_END) {
        c->last_line = 1;
        return error_set(e, E_INVAL, NULL,
                         _("the file is empty; its first line must name "
                           "the columns"));
    }
    if (s != CSV_ROW)
        return -1;
    for (size_t j = 0; j < row.n; j++) {
        char *name = text_trim(row.fields[j]);
        size_t i;

        if (*name == '\0')
            return error_set(e, E_INVAL, NULL,
                             _("column %zu of the header has no name"),
                             j + 1);
        for (i = 0; i < nmap && !names_match(&map[i], name); i++)
            ;
        if (i == nmap)
            return error_set(e, E_INVAL, NULL,
                             _("unknown column \"%s\" (column %zu)"), name,
                             j + 1);
        if (cols[i] >= 0)
            return error_set(e, E_INVAL, NULL,
                             _("columns %d and %zu both mean \"%s\""),
                             cols[i] + 1, j + 1, map[i].names[0]);
        cols[i] = (int)j;
    }
    for (size_t i = 0; i < nmap; i++) {
        if (map[i].required && cols[i] < 0)
            return error_set(e, E_INVAL, NULL,
                             _("the header has no \"%s\" column (%s)"),
                             map[i].names[0],
                             map[i].names[1] != NULL ? map[i].names[1]
                                                     : map[i].names[0]);
    }
    c->width = row.n;
    return 0;
}

const char *
csv_get(const struct csv_row *row, const int *cols, size_t i)
{
    int j = cols[i];

    if (j < 0 || (size_t)j >= row->n)
        return "";
    return row->fields[j];
}
