/* fuzz_parse.c — the date, time and number parsers on any bytes: what a
 * person types into a date field, what an INI value holds. Whatever they
 * accept must be a real value that formats back to itself. */
#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "juwei/config_scan.h"
#include "juwei/date.h"
#include "juwei/util.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    util_set_now(1750000000);    /* "today" must not move under the fuzzer */
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = xmalloc(size + 1), buf[32];   /* "%ld" of any long fits */
    date_t d, base = date_from_ymd(2025, 6, 15);
    int minutes, y, m, dd;
    double r;
    long n;

    memcpy(s, data, size);
    s[size] = '\0';

    if (date_parse_iso(s, &d)) {
        /* strict: exactly YYYY-MM-DD, so it formats back to the input */
        FUZZ_CHECK(strcmp(date_format(d, buf), s) == 0);
        date_to_ymd(d, &y, &m, &dd);
        FUZZ_CHECK(date_valid_ymd(y, m, dd));
    }
    if (date_parse_user(s, base, &d)) {
        date_to_ymd(d, &y, &m, &dd);
        FUZZ_CHECK(date_valid_ymd(y, m, dd));
        FUZZ_CHECK(date_parse_iso(date_format(d, buf), &d));
    }
    if (time_parse(s, &minutes)) {
        int again;

        FUZZ_CHECK(minutes >= 0 && minutes < 24 * 60);
        FUZZ_CHECK(time_parse(time_format(minutes, buf), &again));
        FUZZ_CHECK(again == minutes);
    }
    if (config_scan_real(s, &r))
        FUZZ_CHECK(isfinite(r));
    if (config_scan_int(s, &n)) {
        long again;

        snprintf(buf, sizeof buf, "%ld", n);
        FUZZ_CHECK(config_scan_int(buf, &again) && again == n);
    }
    if (config_scan_id(s)) {
        size_t len = strlen(s);

        FUZZ_CHECK(len >= 1 && len <= CONFIG_ID_MAX);
        FUZZ_CHECK(strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == len);
    }
    {
        size_t count = 0;
        char **items = config_scan_list(s, &count);

        for (size_t i = 0; i < count; i++)
            FUZZ_CHECK(items[i] != NULL && strlen(items[i]) <= size);
        config_scan_list_free(items, count);
    }
    free(s);
    return 0;
}
