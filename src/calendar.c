/* calendar.c — is a day worked, and how many half-days a leave takes.
 * The holiday and swapped-workday arrays come sorted and de-duplicated
 * from config.c, so a lookup is a binary search. */
#include "juwei/calendar.h"

#include <stdlib.h>

static int
cmp_date(const void *a, const void *b)
{
    date_t x = *(const date_t *)a, y = *(const date_t *)b;

    return (x > y) - (x < y);
}

static bool
contains(const date_t *v, size_t n, date_t day)
{
    return n > 0 && bsearch(&day, v, n, sizeof *v, cmp_date) != NULL;
}

bool
calendar_covers(const struct calendar *c, date_t day)
{
    if (c->first_year == 0 || c->last_year < c->first_year)
        return false;
    return day >= date_from_ymd(c->first_year, 1, 1) &&
           day <= date_from_ymd(c->last_year, 12, 31);
}

bool
calendar_is_holiday(const struct calendar *c, date_t day)
{
    return contains(c->holidays, c->nholidays, day);
}

bool
calendar_is_workday(const struct calendar *c, date_t day)
{
    if (date_weekday(day) >= 5)
        return contains(c->workdays, c->nworkdays, day);
    return !calendar_is_holiday(c, day);
}

int
calendar_count_halves(const struct calendar *c,
                      date_t from, enum half from_half,
                      date_t to, enum half to_half)
{
    int halves = 0;

    if (from == DATE_NONE || to == DATE_NONE || to < from ||
        (to == from && to_half < from_half))
        return -1;
    for (date_t day = from; day <= to; day++) {
        if (!calendar_is_workday(c, day))
            continue;
        halves += 2;
        if (day == from && from_half == HALF_PM)
            halves--;       /* starts after lunch: the morning is not taken */
        if (day == to && to_half == HALF_AM)
            halves--;       /* back after lunch: the afternoon is worked */
    }
    return halves;
}
