/* test_calendar.c — working days and half-day counting on the real
 * 2025 and 2026 calendars as the State Council announced them. */
#include <locale.h>
#include <stdlib.h>

#include "check.h"
#include "juwei/calendar.h"
#include "juwei/util.h"

static date_t
D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static const struct { int y1, m1, d1, y2, m2, d2; } off[] = {
    { 2025, 1, 1, 2025, 1, 1 },     { 2025, 1, 28, 2025, 2, 4 },
    { 2025, 4, 4, 2025, 4, 6 },     { 2025, 5, 1, 2025, 5, 5 },
    { 2025, 5, 31, 2025, 6, 2 },    { 2025, 10, 1, 2025, 10, 8 },
    { 2026, 1, 1, 2026, 1, 3 },     { 2026, 2, 15, 2026, 2, 23 },
    { 2026, 4, 4, 2026, 4, 6 },     { 2026, 5, 1, 2026, 5, 5 },
    { 2026, 6, 19, 2026, 6, 21 },   { 2026, 9, 25, 2026, 9, 27 },
    { 2026, 10, 1, 2026, 10, 7 },
};

static const struct { int y, m, d; } worked[] = {
    { 2025, 1, 26 }, { 2025, 2, 8 }, { 2025, 4, 27 }, { 2025, 9, 28 },
    { 2025, 10, 11 },
    { 2026, 1, 4 }, { 2026, 2, 14 }, { 2026, 2, 28 }, { 2026, 5, 9 },
    { 2026, 9, 20 }, { 2026, 10, 10 },
};

static struct calendar cal;

static void
build(void)
{
    cal.first_year = 2025;
    cal.last_year = 2026;
    cal.holidays = xcalloc(100, sizeof *cal.holidays);
    for (size_t i = 0; i < ARRAY_LEN(off); i++) {
        for (date_t d = D(off[i].y1, off[i].m1, off[i].d1);
             d <= D(off[i].y2, off[i].m2, off[i].d2); d++)
            cal.holidays[cal.nholidays++] = d;
    }
    cal.workdays = xcalloc(ARRAY_LEN(worked), sizeof *cal.workdays);
    for (size_t i = 0; i < ARRAY_LEN(worked); i++)
        cal.workdays[cal.nworkdays++] =
            D(worked[i].y, worked[i].m, worked[i].d);
}

static void
test_covers(void)
{
    struct calendar none = { 0 };

    CHECK(calendar_covers(&cal, D(2025, 1, 1)));
    CHECK(calendar_covers(&cal, D(2026, 12, 31)));
    CHECK(!calendar_covers(&cal, D(2024, 12, 31)));
    CHECK(!calendar_covers(&cal, D(2027, 1, 1)));
    CHECK(!calendar_covers(&none, D(2026, 1, 1)));
}

static void
test_workday(void)
{
    CHECK(!calendar_is_workday(&cal, D(2026, 1, 1)));   /* 元旦, a Thursday */
    CHECK(!calendar_is_workday(&cal, D(2026, 1, 2)));
    CHECK(calendar_is_workday(&cal, D(2026, 1, 4)));    /* Sunday, swapped */
    CHECK(calendar_is_workday(&cal, D(2026, 1, 5)));    /* plain Monday */
    CHECK(calendar_is_workday(&cal, D(2026, 2, 14)));   /* Saturday, swapped */
    CHECK(!calendar_is_workday(&cal, D(2026, 2, 16)));  /* 春节 Monday */
    CHECK(!calendar_is_workday(&cal, D(2026, 2, 23)));
    CHECK(calendar_is_workday(&cal, D(2026, 2, 24)));
    CHECK(calendar_is_workday(&cal, D(2026, 2, 28)));   /* Saturday, swapped */
    CHECK(!calendar_is_workday(&cal, D(2026, 3, 7)));   /* plain Saturday */
    CHECK(!calendar_is_workday(&cal, D(2026, 3, 8)));   /* plain Sunday */
    CHECK(calendar_is_workday(&cal, D(2026, 9, 20)));   /* Sunday, swapped */
    CHECK(calendar_is_workday(&cal, D(2026, 10, 10)));  /* Saturday, swapped */
    CHECK(!calendar_is_workday(&cal, D(2026, 10, 7)));
    CHECK(calendar_is_holiday(&cal, D(2026, 2, 15)));
    CHECK(!calendar_is_holiday(&cal, D(2026, 2, 14)));
    /* outside the configured years: Monday to Friday */
    CHECK(calendar_is_workday(&cal, D(2027, 1, 1)));    /* a Friday */
    CHECK(!calendar_is_workday(&cal, D(2027, 1, 2)));
}

static void
test_year_totals(void)
{
    int halves25 = calendar_count_halves(&cal, D(2025, 1, 1), HALF_AM,
                                         D(2025, 12, 31), HALF_PM);
    int halves26 = calendar_count_halves(&cal, D(2026, 1, 1), HALF_AM,
                                         D(2026, 12, 31), HALF_PM);

    /* 261 weekdays − 19 weekday holidays + 6 swapped days */
    CHECK_INT(halves26, 2 * 248);
    CHECK_INT(halves25, 2 * 248);
}

static void
test_halves_one_day(void)
{
    date_t tue = D(2026, 3, 10);

    CHECK_INT(calendar_count_halves(&cal, tue, HALF_PM, tue, HALF_PM), 1);
    CHECK_INT(calendar_count_halves(&cal, tue, HALF_AM, tue, HALF_AM), 1);
    CHECK_INT(calendar_count_halves(&cal, tue, HALF_AM, tue, HALF_PM), 2);
    CHECK_INT(calendar_count_halves(&cal, tue, HALF_PM, tue, HALF_AM), -1);
    /* a Saturday that is not worked costs nothing */
    CHECK_INT(calendar_count_halves(&cal, D(2026, 3, 7), HALF_AM,
                                    D(2026, 3, 7), HALF_PM), 0);
}

static void
test_halves_ranges(void)
{
    /* afternoon of one day to the morning of the next */
    CHECK_INT(calendar_count_halves(&cal, D(2026, 3, 10), HALF_PM,
                                    D(2026, 3, 11), HALF_AM), 2);
    /* Friday morning to Monday afternoon, over a weekend */
    CHECK_INT(calendar_count_halves(&cal, D(2026, 3, 13), HALF_AM,
                                    D(2026, 3, 16), HALF_PM), 4);
    /* Friday afternoon to Monday morning */
    CHECK_INT(calendar_count_halves(&cal, D(2026, 3, 13), HALF_PM,
                                    D(2026, 3, 16), HALF_AM), 2);
    /* over 春节: Fri 02-13, the swapped Sat 02-14, then Tue 02-24 */
    CHECK_INT(calendar_count_halves(&cal, D(2026, 2, 13), HALF_AM,
                                    D(2026, 2, 24), HALF_PM), 6);
    /* over 清明 and a weekend: Thu 04-02 .. Tue 04-07 */
    CHECK_INT(calendar_count_halves(&cal, D(2026, 4, 2), HALF_AM,
                                    D(2026, 4, 7), HALF_PM), 6);
    /* over the year end: 2025-12-31 pm, 01-04 (Sunday, worked), 01-05 am */
    CHECK_INT(calendar_count_halves(&cal, D(2025, 12, 31), HALF_PM,
                                    D(2026, 1, 5), HALF_AM), 4);
    /* the swapped Saturday 05-09 is counted, Sunday 05-10 is not */
    CHECK_INT(calendar_count_halves(&cal, D(2026, 5, 8), HALF_AM,
                                    D(2026, 5, 11), HALF_PM), 6);
    CHECK_INT(calendar_count_halves(&cal, D(2026, 5, 9), HALF_PM,
                                    D(2026, 5, 9), HALF_PM), 1);
    /* a leave that lies wholly inside 国庆 costs nothing */
    CHECK_INT(calendar_count_halves(&cal, D(2026, 10, 1), HALF_AM,
                                    D(2026, 10, 7), HALF_PM), 0);
    /* starting on a holiday afternoon does not take a half from the next day */
    CHECK_INT(calendar_count_halves(&cal, D(2026, 10, 7), HALF_PM,
                                    D(2026, 10, 8), HALF_PM), 2);
}

static void
test_halves_refused(void)
{
    CHECK_INT(calendar_count_halves(&cal, D(2026, 3, 11), HALF_AM,
                                    D(2026, 3, 10), HALF_PM), -1);
    CHECK_INT(calendar_count_halves(&cal, DATE_NONE, HALF_AM,
                                    D(2026, 3, 10), HALF_PM), -1);
    CHECK_INT(calendar_count_halves(&cal, D(2026, 3, 10), HALF_AM,
                                    DATE_NONE, HALF_PM), -1);
}

int
main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    build();
    RUN(test_covers);
    RUN(test_workday);
    RUN(test_year_totals);
    RUN(test_halves_one_day);
    RUN(test_halves_ranges);
    RUN(test_halves_refused);
    free(cal.holidays);
    free(cal.workdays);
    return CHECK_DONE();
}
