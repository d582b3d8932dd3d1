/* test_csv.c — the CSV reader: RFC 4180 quoting, line ends, BOM, header
 * mapping, and one test per malformed input, each with its exact message
 * and line, and reading going on after a bad record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "juwei/csv.h"

static char path[64];

/* A CSV file holding exactly these bytes. */
static struct csv *
open_bytes(const char *bytes, size_t len, struct error *e)
{
    FILE *fp;
    int fd;

    snprintf(path, sizeof path, "/tmp/test_csv_XXXXXX");
    fd = mkstemp(path);
    if (fd < 0 || (fp = fdopen(fd, "wb")) == NULL) {
        printf("  cannot make a temporary file\n");
        exit(2);
    }
    fwrite(bytes, 1, len, fp);
    fclose(fp);
    return csv_open(path, e);
}

static struct csv *
open_text(const char *text, struct error *e)
{
    return open_bytes(text, strlen(text), e);
}

static void
done(struct csv *c)
{
    csv_close(c);
    unlink(path);
}

static const struct csv_field map[] = {
    { "name", { "name", "姓名" }, true },
    { "phone", { "phone", "电话", "联系电话" }, false },
    { "notes", { "notes", "备注" }, false },
};

static void
test_plain_rows(void)
{
    struct error e = { 0 };
    struct csv *c = open_text("a,b,c\n1,2,3\n", &e);
    struct csv_row r;

    CHECK(c != NULL);
    CHECK_INT(csv_read(c, &r, &e), CSV_ROW);
    CHECK_INT(r.n, 3);
    CHECK_INT(r.line, 1);
    CHECK_STR(r.fields[0], "a");
    CHECK_STR(r.fields[2], "c");
    CHECK_INT(csv_read(c, &r, &e), CSV_ROW);
    CHECK_INT(r.line, 2);
    CHECK_STR(r.fields[1], "2");
    CHECK_INT(csv_read(c, &r, &e), CSV_END);
    CHECK_INT(csv_read(c, &r, &e), CSV_END);
    done(c);
}

static void
test_quotes_crlf_and_newlines(void)
{
    struct error e = { 0 };
    /* quoted comma, doubled quote, CRLF, a CRLF inside quotes, an empty
     * quoted field, empty fields, no line end at the end */
    struct csv *c = open_text("\"张三,丰\",\"说\"\"好\"\"\",x\r\n"
                              "\"第一行\r\n第二行\",\"\",\r\n"
                              ",,last", &e);
    struct csv_row r;

    CHECK(c != NULL);
    CHECK_INT(csv_read(c, &r, &e), CSV_ROW);
    CHECK_INT(r.n, 3);
    CHECK_STR(r.fields[0], "张三,丰");
    CHECK_STR(r.fields[1], "说\"好\"");
    CHECK_STR(r.fields[2], "x");
    CHECK_INT(csv_read(c, &r, &e), CSV_ROW);
    CHECK_INT(r.line, 2);
    CHECK_INT(r.n, 3);
    CHECK_STR(r.fields[0], "第一行\n第二行");
    CHECK_STR(r.fields[1], "");
    CHECK_STR(r.fields[2], "");
    CHECK_INT(csv_read(c, &r, &e), CSV_ROW);
    CHECK_INT(r.line, 4);          /* the embedded newline took a line */
    CHECK_INT(r.n, 3);
    CHECK_STR(r.fields[2], "last");
    CHECK_INT(csv_read(c, &r, &e), CSV_END);
    done(c);
}

static void
test_bare_cr_and_blank_lines(void)
{
    struct error e = { 0 };
    struct csv *c = open_text("a\r\rb\n\n,,\nc\n", &e);
    struct csv_row r;

    CHECK_INT(csv_read(c, &r, &e), CSV_ROW);
    CHECK_STR(r.fields[0], "a");
    CHECK_INT(csv_read(c, &r, &e), CSV_ROW);
    CHECK_STR(r.fields[0], "b");
    CHECK_INT(r.line, 3);
    /* ",," (all empty, as spreadsheets write) is skipped like the blank */
    CHECK_INT(csv_read(c, &r, &e), CSV_ROW);
    CHECK_STR(r.fields[0], "c");
    CHECK_INT(r.line, 6);
    CHECK_INT(csv_read(c, &r, &e), CSV_END);
    done(c);
}

static void
test_bom_is_skipped(void)
{
    struct error e = { 0 };
    struct csv *c = open_text("\xEF\xBB\xBF姓名,电话\n王五,13800000000\n", &e);
    struct csv_row r;
    int cols[3];

    CHECK(c != NULL);
    CHECK_INT(csv_header(c, map, 3, cols, &e), 0);
    CHECK_INT(cols[0], 0);          /* "姓名" despite the BOM before it */
    CHECK_INT(cols[1], 1);
    CHECK_INT(cols[2], -1);
    CHECK_INT(csv_read(c, &r, &e), CSV_ROW);
    CHECK_STR(csv_get(&r, cols, 0), "王五");
    CHECK_STR(csv_get(&r, cols, 1), "13800000000");
    CHECK_STR(csv_get(&r, cols, 2), "");
    done(c);
}

static void
test_header_names_english_any_case(void)
{
    struct error e = { 0 };
    struct csv *c = open_text(" Notes , NAME\nx,y\n", &e);
    struct csv_row r;
    int cols[3];

    CHECK_INT(csv_header(c, map, 3, cols, &e), 0);
    CHECK_INT(cols[0], 1);
    CHECK_INT(cols[2], 0);
    CHECK_INT(csv_read(c, &r, &e), CSV_ROW);
    CHECK_STR(csv_get(&r, cols, 0), "y");
    CHECK_STR(csv_get(&r, cols, 2), "x");
    done(c);
}

static void
test_invalid_utf8(void)
{
    struct error e = { 0 };
    /* "张" in GBK (D5 C5) on line 3 of a quoted field that starts on
     * line 2: the fault is on its own line; the next row still reads. */
    struct csv *c = open_text("a,b\n\"x\ny\n\xD5\xC5\",z\nok,1\n", &e);
    struct csv_row r;

    CHECK_INT(csv_read(c, &r, &e), CSV_ROW);
    CHECK_INT(csv_read(c, &r, &e), CSV_BAD);
    CHECK_INT(r.line, 4);
    CHECK_INT(csv_line(c), 4);
    CHECK_STR(e.msg, "invalid UTF-8 text; save the file as \"CSV UTF-8\"");
    CHECK_INT(csv_read(c, &r, &e), CSV_ROW);
    CHECK_STR(r.fields[0], "ok");
    CHECK_INT(r.line, 5);
    done(c);
}

static void
test_invalid_utf8_kinds(void)
{
    /* overlong, surrogate, above U+10FFFF, a lone continuation byte, a
     * character cut by a comma, and one cut by the end of the file */
    static const char *const bad[] = {
        "\xC0\xAF\n", "\xED\xA0\x80\n", "\xF4\x90\x80\x80\n", "\x80\n",
        "\xE5\xBC,x\n", "\xE5\xBC",
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        struct error e = { 0 };
        struct csv *c = open_text(bad[i], &e);
        struct csv_row r;

        CHECK_INT(csv_read(c, &r, &e), CSV_BAD);
        CHECK_INT(r.line, 1);
        CHECK_CONTAINS(e.msg, "invalid UTF-8");
        CHECK_INT(csv_read(c, &r, &e), CSV_END);
        done(c);
    }
}

static void
test_nul_byte(void)
{
    struct error e = { 0 };
    struct csv *c = open_bytes("a\0b\nc\n", 6, &e);
    struct csv_row r;

    CHECK_INT(csv_read(c, &r, &e), CSV_BAD);
    CHECK_STR(e.msg, "a NUL byte: this is not a text file");
    CHECK_INT(csv_read(c, &r, &e), CSV_ROW);
    CHECK_STR(r.fields[0], "c");
    done(c);
}

static void
test_quote_never_closed(void)
{
    struct error e = { 0 };
    struct csv *c = open_text("a\n\"open,b\nc,d\n", &e);
    struct csv_row r;

    CHECK_INT(csv_read(c, &r, &e), CSV_ROW);
    CHECK_INT(csv_read(c, &r, &e), CSV_FAIL);
    CHECK_INT(r.line, 2);           /* where the quote opened */
    CHECK_STR(e.msg, "the quoted field that starts here is never closed");
    done(c);
}

static void
test_stray_quote(void)
{
    struct error e = { 0 };
    struct csv *c = open_text("ab\"c,d\nx,y\n", &e);
    struct csv_row r;

    CHECK_INT(csv_read(c, &r, &e), CSV_BAD);
    CHECK_INT(r.line, 1);
    CHECK_STR(e.msg, "a quote inside a field without quotes; put the whole "
                     "field in quotes and double the quote (\"\")");
    CHECK_INT(csv_read(c, &r, &e), CSV_ROW);
    CHECK_STR(r.fields[1], "y");
    done(c);
}

static void
test_text_after_closing_quote(void)
{
    struct error e = { 0 };
    struct csv *c = open_text("\"ab\"c,d\nx\n", &e);
    struct csv_row r;

    CHECK_INT(csv_read(c, &r, &e), CSV_BAD);
    CHECK_STR(e.msg, "text after a closing quote; a quoted field ends at a "
                     "comma or the end of the line");
    CHECK_INT(csv_read(c, &r, &e), CSV_ROW);
    CHECK_STR(r.fields[0], "x");
    done(c);
}

static void
test_wrong_column_count(void)
{
    struct error e = { 0 };
    struct csv *c = open_text("name,phone\na\nb,1,2\nc,3\n", &e);
    struct csv_row r;
    int cols[3];

    CHECK_INT(csv_header(c, map, 3, cols, &e), 0);
    CHECK_INT(csv_read(c, &r, &e), CSV_BAD);
    CHECK_INT(r.line, 2);
    CHECK_STR(e.msg, "1 columns, but the header has 2");
    CHECK_INT(csv_read(c, &r, &e), CSV_BAD);
    CHECK_INT(r.line, 3);
    CHECK_STR(e.msg, "3 columns, but the header has 2");
    CHECK_INT(csv_read(c, &r, &e), CSV_ROW);
    CHECK_STR(csv_get(&r, cols, 0), "c");
    done(c);
}

static void
test_row_too_long(void)
{
    size_t n = CSV_RECORD_MAX + 10;
    char *big = xmalloc(n + 8);
    struct error e = { 0 };
    struct csv *c;
    struct csv_row r;

    memset(big, 'x', n);
    memcpy(big + n, "\nok\n", 5);
    c = open_text(big, &e);
    CHECK_INT(csv_read(c, &r, &e), CSV_BAD);
    CHECK_STR(e.msg, "the row is longer than 65536 bytes");
    CHECK_INT(csv_read(c, &r, &e), CSV_ROW);
    CHECK_STR(r.fields[0], "ok");
    CHECK_INT(r.line, 2);
    done(c);
    free(big);
}

static void
test_too_many_columns(void)
{
    char line[CSV_FIELDS_MAX * 2 + 8];
    struct error e = { 0 };
    struct csv *c;
    struct csv_row r;
    size_t m = 0;

    for (int i = 0; i <= CSV_FIELDS_MAX; i++) {
        line[m++] = 'a';
        line[m++] = ',';
    }
    line[m - 1] = '\n';
    line[m] = '\0';
    c = open_text(line, &e);
    CHECK_INT(csv_read(c, &r, &e), CSV_BAD);
    CHECK_STR(e.msg, "more than 256 columns");
    CHECK_INT(csv_read(c, &r, &e), CSV_END);
    done(c);
}

static void
test_utf16_refused(void)
{
    struct error e = { 0 };
    struct csv *c = open_bytes("\xFF\xFEn\0a\0", 6, &e);
    char want[128];

    CHECK(c == NULL);
    snprintf(want, sizeof want, "%s is UTF-16 text; save it as \"CSV UTF-8\"",
             path);
    CHECK_STR(e.msg, want);
    unlink(path);
}

static void
test_missing_file(void)
{
    struct error e = { 0 };

    CHECK(csv_open("/nonexistent/x.csv", &e) == NULL);
    CHECK_INT(e.code, E_IO);
    CHECK_STR(e.msg, "cannot open /nonexistent/x.csv: No such file or "
                     "directory");
}

static void
header_fails(const char *text, const char *msg, long line)
{
    struct error e = { 0 };
    struct csv *c = open_text(text, &e);
    int cols[3];

    CHECK_INT(csv_header(c, map, 3, cols, &e), -1);
    CHECK_STR(e.msg, msg);
    CHECK_INT(csv_line(c), line);
    done(c);
}

static void
test_header_faults(void)
{
    header_fails("", "the file is empty; its first line must name the "
                 "columns", 1);
    header_fails("\xEF\xBB\xBF\r\n\r\n", "the file is empty; its first line "
                 "must name the columns", 1);
    header_fails("name,地址\n", "unknown column \"地址\" (column 2)", 1);
    header_fails("\nname,,phone\n", "column 2 of the header has no name", 2);
    header_fails("姓名,phone,NAME\n", "columns 1 and 3 both mean \"name\"", 1);
    header_fails("phone,notes\n", "the header has no \"name\" column (姓名)",
                 1);
    header_fails("na\"me\n", "a quote inside a field without quotes; put the "
                 "whole field in quotes and double the quote (\"\")", 1);
}

static void
test_files_of_the_tree(void)
{
    struct error e = { 0 };
    struct csv *c = csv_open("tests/data/csv/residents_good.csv", &e);
    struct csv_row r;
    int rows = 0;

    CHECK(c != NULL);
    if (c == NULL)
        return;
    while (csv_read(c, &r, &e) == CSV_ROW)
        rows++;
    CHECK_INT(rows, 5);             /* the header and four residents */
    csv_close(c);
}

int
main(void)
{
    RUN(test_plain_rows);
    RUN(test_quotes_crlf_and_newlines);
    RUN(test_bare_cr_and_blank_lines);
    RUN(test_bom_is_skipped);
    RUN(test_header_names_english_any_case);
    RUN(test_invalid_utf8);
    RUN(test_invalid_utf8_kinds);
    RUN(test_nul_byte);
    RUN(test_quote_never_closed);
    RUN(test_stray_quote);
    RUN(test_text_after_closing_quote);
    RUN(test_wrong_column_count);
    RUN(test_row_too_long);
    RUN(test_too_many_columns);
    RUN(test_utf16_refused);
    RUN(test_missing_file);
    RUN(test_header_faults);
    RUN(test_files_of_the_tree);
    return CHECK_DONE();
}
