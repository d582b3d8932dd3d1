/* test_date.c — day numbers, the civil calendar, parsing what people type. */
#include <locale.h>
#include <stdlib.h>
#include <time.h>

#include "check.h"
#include "juwei/date.h"
#include "juwei/util.h"

/* 2026-03-10 12:00 UTC, a Tuesday: the same date from UTC-11 to UTC+11. */
#define NOON_0310 1773144000

static date_t
ymd(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static void
test_epoch_and_round_trip(void)
{
    int y, m, d;

    CHECK_INT(ymd(1970, 1, 1), 0);
    CHECK_INT(ymd(1970, 1, 2), 1);
    CHECK_INT(ymd(1969, 12, 31), -1);
    CHECK_INT(ymd(2000, 3, 1) - ymd(2000, 2, 28), 2);   /* 2000 is leap */
    CHECK_INT(ymd(1900, 3, 1) - ymd(1900, 2, 28), 1);   /* 1900 is not */
    CHECK_INT(ymd(2026, 1, 1), 20454);
    /* every day from 1900 to 2100 comes back as itself */
    for (date_t day = ymd(1900, 1, 1); day <= ymd(2100, 12, 31); day++) {
        date_to_ymd(day, &y, &m, &d);
        if (ymd(y, m, d) != day || !date_valid_ymd(y, m, d)) {
            CHECK_INT(ymd(y, m, d), day);
            break;
        }
    }
    date_to_ymd(ymd(2024, 2, 29), &y, &m, &d);
    CHECK_INT(y, 2024);
    CHECK_INT(m, 2);
    CHECK_INT(d, 29);
}

static void
test_valid_ymd(void)
{
    CHECK(date_valid_ymd(2026, 2, 28));
    CHECK(!date_valid_ymd(2026, 2, 29));
    CHECK(date_valid_ymd(2024, 2, 29));
    CHECK(!date_valid_ymd(2026, 2, 30));
    CHECK(!date_valid_ymd(2026, 4, 31));
    CHECK(date_valid_ymd(2026, 12, 31));
    CHECK(!date_valid_ymd(2026, 13, 1));
    CHECK(!date_valid_ymd(2026, 0, 1));
    CHECK(!date_valid_ymd(2026, 1, 0));
    CHECK(!date_valid_ymd(1899, 12, 31));
    CHECK(date_valid_ymd(9999, 12, 31));
    CHECK(!date_valid_ymd(10000, 1, 1));
}

static void
test_weekday(void)
{
    CHECK_INT(date_weekday(ymd(1970, 1, 1)), 3);    /* Thursday */
    CHECK_INT(date_weekday(ymd(2026, 1, 1)), 3);    /* Thursday */
    CHECK_INT(date_weekday(ymd(2026, 2, 14)), 5);   /* Saturday */
    CHECK_INT(date_weekday(ymd(2026, 2, 15)), 6);   /* Sunday */
    CHECK_INT(date_weekday(ymd(2026, 2, 16)), 0);   /* Monday */
    CHECK_INT(date_weekday(ymd(1969, 12, 29)), 0);  /* before the epoch */
}

static void
test_today(void)
{
    setenv("TZ", "UTC0", 1);
    tzset();
    util_set_now(NOON_0310);
    CHECK_INT(date_today(), ymd(2026, 3, 10));
    /* 20:00 UTC is already the next day in Beijing */
    setenv("TZ", "CST-8", 1);
    tzset();
    util_set_now(NOON_0310 + 8 * 3600);
    CHECK_INT(date_today(), ymd(2026, 3, 11));
    /* a stored time's day, the same way (the report's "signed off on"):
     * 16:00 UTC is midnight in Beijing */
    CHECK_INT(date_of_time(NOON_0310 + 4 * 3600), ymd(2026, 3, 11));
    CHECK_INT(date_of_time(NOON_0310 + 4 * 3600 - 1), ymd(2026, 3, 10));
    setenv("TZ", "UTC0", 1);
    tzset();
    util_set_now(0);
}

static void
test_parse_iso(void)
{
    date_t d = 12345;

    CHECK(date_parse_iso("2026-02-14", &d));
    CHECK_INT(d, ymd(2026, 2, 14));
    d = 12345;
    CHECK(!date_parse_iso("2026-02-30", &d));
    CHECK(!date_parse_iso("2026-13-01", &d));
    CHECK(!date_parse_iso("2026-2-14", &d));      /* strict: two digits */
    CHECK(!date_parse_iso(" 2026-02-14", &d));
    CHECK(!date_parse_iso("2026-02-14x", &d));
    CHECK(!date_parse_iso("2026/02/14", &d));
    CHECK(!date_parse_iso("", &d));
    CHECK(!date_parse_iso("1899-12-31", &d));
    CHECK_INT(d, 12345);                          /* untouched on failure */
}

static void
test_parse_user(void)
{
    date_t base = ymd(2026, 5, 1), d;

    setenv("TZ", "UTC0", 1);
    tzset();
    util_set_now(NOON_0310);
    CHECK(date_parse_user("2026-05-09", base, &d));
    CHECK_INT(d, ymd(2026, 5, 9));
    CHECK(date_parse_user("2026-5-9", base, &d));
    CHECK_INT(d, ymd(2026, 5, 9));
    CHECK(date_parse_user("2026-05-9", base, &d));
    CHECK_INT(d, ymd(2026, 5, 9));
    CHECK(date_parse_user("  2026-5-9 ", base, &d));
    CHECK_INT(d, ymd(2026, 5, 9));
    CHECK(date_parse_user("\xe3\x80\x80" "2026-5-9", base, &d));  /* U+3000 */
    CHECK_INT(d, ymd(2026, 5, 9));

    CHECK(date_parse_user("today", base, &d));
    CHECK_INT(d, ymd(2026, 3, 10));
    CHECK(date_parse_user("今天", base, &d));
    CHECK_INT(d, ymd(2026, 3, 10));
    CHECK(date_parse_user(" Today ", base, &d));
    CHECK_INT(d, ymd(2026, 3, 10));
    CHECK(date_parse_user("yesterday", base, &d));
    CHECK_INT(d, ymd(2026, 3, 9));
    CHECK(date_parse_user("昨天", base, &d));
    CHECK_INT(d, ymd(2026, 3, 9));
    CHECK(date_parse_user("tomorrow", base, &d));
    CHECK_INT(d, ymd(2026, 3, 11));
    CHECK(date_parse_user("明天", base, &d));
    CHECK_INT(d, ymd(2026, 3, 11));

    /* +N / -N step from the field's value, or from today */
    CHECK(date_parse_user("+1", base, &d));
    CHECK_INT(d, ymd(2026, 5, 2));
    CHECK(date_parse_user("-1", base, &d));
    CHECK_INT(d, ymd(2026, 4, 30));
    CHECK(date_parse_user("+30", base, &d));
    CHECK_INT(d, ymd(2026, 5, 31));
    CHECK(date_parse_user(" -7 ", base, &d));
    CHECK_INT(d, ymd(2026, 4, 24));
    CHECK(date_parse_user("+0", base, &d));
    CHECK_INT(d, base);
    CHECK(date_parse_user("+1", DATE_NONE, &d));
    CHECK_INT(d, ymd(2026, 3, 11));
    CHECK(date_parse_user("-365", ymd(2027, 1, 1), &d));
    CHECK_INT(d, ymd(2026, 1, 1));

    d = 777;
    CHECK(!date_parse_user("2026-02-30", base, &d));
    CHECK(!date_parse_user("2026-13-01", base, &d));
    CHECK(!date_parse_user("2026-0-1", base, &d));
    CHECK(!date_parse_user("2026-001-01", base, &d));
    CHECK(!date_parse_user("26-5-9", base, &d));
    CHECK(!date_parse_user("2026-5", base, &d));
    CHECK(!date_parse_user("2026-5-9x", base, &d));
    CHECK(!date_parse_user("garbage", base, &d));
    CHECK(!date_parse_user("", base, &d));
    CHECK(!date_parse_user("   ", base, &d));
    CHECK(!date_parse_user("+", base, &d));
    CHECK(!date_parse_user("-", base, &d));
    CHECK(!date_parse_user("+1x", base, &d));
    CHECK(!date_parse_user("++1", base, &d));
    CHECK(!date_parse_user("+99999", base, &d));        /* too far */
    CHECK(!date_parse_user("-1", ymd(1900, 1, 1), &d)); /* before 1900 */
    CHECK(!date_parse_user("今天天", base, &d));
    CHECK(!date_parse_user("\xff", base, &d));
    CHECK_INT(d, 777);
    util_set_now(0);
}

static void
test_format(void)
{
    char buf[11];

    CHECK_STR(date_format(ymd(2026, 2, 14), buf), "2026-02-14");
    CHECK_STR(date_format(ymd(1900, 1, 1), buf), "1900-01-01");
    CHECK_STR(date_format(ymd(9999, 12, 31), buf), "9999-12-31");
    CHECK_STR(date_format(DATE_NONE, buf), "");
}

static void
test_time(void)
{
    int m = -1;
    char buf[6];

    CHECK(time_parse("08:30", &m));
    CHECK_INT(m, 8 * 60 + 30);
    CHECK(time_parse("8:30", &m));
    CHECK_INT(m, 8 * 60 + 30);
    CHECK(time_parse(" 23:59 ", &m));
    CHECK_INT(m, 23 * 60 + 59);
    CHECK(time_parse("00:00", &m));
    CHECK_INT(m, 0);
    m = -1;
    CHECK(!time_parse("24:00", &m));
    CHECK(!time_parse("12:60", &m));
    CHECK(!time_parse("12:5", &m));
    CHECK(!time_parse("1230", &m));
    CHECK(!time_parse("12:30:00", &m));
    CHECK(!time_parse("", &m));
    CHECK(!time_parse("ab:cd", &m));
    CHECK_INT(m, -1);
    CHECK_STR(time_format(8 * 60 + 5, buf), "08:05");
    CHECK_STR(time_format(23 * 60 + 59, buf), "23:59");
    CHECK_STR(time_format(24 * 60, buf), "");
}

int
main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    RUN(test_epoch_and_round_trip);
    RUN(test_valid_ymd);
    RUN(test_weekday);
    RUN(test_today);
    RUN(test_parse_iso);
    RUN(test_parse_user);
    RUN(test_format);
    RUN(test_time);
    return CHECK_DONE();
}
