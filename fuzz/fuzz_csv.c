/* fuzz_csv.c — the CSV reader on any file: it must never crash or loop,
 * every record it hands out must be valid UTF-8 with at most
 * CSV_FIELDS_MAX fields, and every refusal must come with a line and a
 * message. */
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "juwei/csv.h"
#include "juwei/text.h"
#include "juwei/util.h"

static char path[64];

static void
remove_file(void)
{
    unlink(path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    int fd;

    (void)argc;
    (void)argv;
    snprintf(path, sizeof path, "/tmp/juwei-fuzz-csv-XXXXXX");
    fd = mkstemp(path);
    if (fd < 0) {
        perror("mkstemp");
        exit(1);
    }
    close(fd);
    atexit(remove_file);
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *fp = fopen(path, "wb");
    struct error e = { 0 };
    struct csv *c;
    struct csv_row row;
    long last = 0;

    FUZZ_CHECK(fp != NULL);
    FUZZ_CHECK(fwrite(data, 1, size, fp) == size);
    fclose(fp);
    c = csv_open(path, &e);
    if (c == NULL) {
        FUZZ_CHECK(e.msg[0] != '\0');
        return 0;
    }
    for (int n = 0; n <= (int)size + 1; n++) {
        enum csv_status st = csv_read(c, &row, &e);

        if (st == CSV_END)
            break;
        FUZZ_CHECK(n <= (int)size);     /* each record consumes input */
        if (st == CSV_FAIL || st == CSV_BAD) {
            FUZZ_CHECK(e.msg[0] != '\0');
            FUZZ_CHECK(row.line > 0);
            if (st == CSV_FAIL)
                break;
            continue;
        }
        FUZZ_CHECK(st == CSV_ROW);
        FUZZ_CHECK(row.n <= CSV_FIELDS_MAX);
        FUZZ_CHECK(row.line >= last);
        last = row.line;
        for (size_t i = 0; i < row.n; i++)
            FUZZ_CHECK(text_valid_utf8(row.fields[i], strlen(row.fields[i])));
    }
    csv_close(c);
    return 0;
}
