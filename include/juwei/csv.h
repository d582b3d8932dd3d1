/* csv.h — a streaming reader of CSV files (RFC 4180) for the imports
 * (residents, the staff roster): quoted fields with doubled quotes, CRLF or
 * LF line ends, newlines inside quotes, UTF-8 with or without a BOM. It
 * holds one record at a time, so memory stays constant however long the
 * file is; a record longer than CSV_RECORD_MAX is refused, not grown.
 *
 * Every fault is reported with the line it is on, and a malformed record
 * does not stop the reading: an import reports every bad row, then imports
 * nothing (all or nothing is the importer's transaction, not this). */
#ifndef JUWEI_CSV_H
#define JUWEI_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "juwei/util.h"

#define CSV_RECORD_MAX  65536   /* bytes of one record's text */
#define CSV_FIELDS_MAX  256     /* fields of one record */

struct csv;

struct csv_row {
    char  **fields;    /* n NUL-terminated UTF-8 strings, owned by the
                        * reader and valid until the next csv_read() */
    size_t  n;
    long    line;      /* CSV_ROW: the line the record starts on;
                        * CSV_BAD/CSV_FAIL: the line of the fault */
};

enum csv_status {
    CSV_FAIL = -1,  /* the file cannot be read on (I/O error, a quote
                     * never closed): *e says why */
    CSV_END  = 0,
    CSV_ROW  = 1,
    CSV_BAD  = 2,   /* this record is malformed (invalid UTF-8, a stray
                     * quote, a NUL byte, too long, the wrong number of
                     * columns): *e says why; the next read goes on with
                     * the next record */
};

/* Opens `path` ("-" is standard input) and skips a UTF-8 BOM; refuses a
 * UTF-16 file (what Excel's "Unicode text" writes) with a message saying
 * to save it as CSV UTF-8. NULL on failure. */
struct csv *csv_open(const char *path, struct error *e);
void csv_close(struct csv *c);
/* The name to print before ":LINE:" (the path, or "(stdin)"). */
const char *csv_name(const struct csv *c);
/* The line of the last record read, or of the last fault found (the
 * header's line after csv_header() fails). */
long csv_line(const struct csv *c);

/* The next record. Empty lines and records whose fields are all empty
 * (spreadsheets write such rows at the end) are skipped. Once
 * csv_header() has read the header, a record with another number of
 * fields is CSV_BAD. */
enum csv_status csv_read(struct csv *c, struct csv_row *row, struct error *e);

/* Header names mapped to fields: what a column may be called, in Chinese
 * and English (ASCII compared case-insensitively, spaces around the name
 * ignored), e.g. { "name", { "name", "姓名" }, true }. */
#define CSV_NAMES_MAX 6
struct csv_field {
    const char *id;
    const char *names[CSV_NAMES_MAX];   /* NULL-terminated if shorter */
    bool        required;               /* the header must have it */
};

/* Reads the first record as the header and sets cols[i] to the column of
 * map[i], or -1 when the header lacks it. Refuses (with the header's
 * line) an empty file, an empty or unknown column name, two columns that
 * mean the same field, and a missing required one. */
int csv_header(struct csv *c, const struct csv_field *map, size_t nmap,
               int *cols, struct error *e);

/* The value of map entry i in a row read after csv_header(): "" when the
 * header has no such column. */
const char *csv_get(const struct csv_row *row, const int *cols, size_t i);

#endif
