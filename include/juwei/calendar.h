/* calendar.h — the working calendar: weekends, public holidays and the
 * swapped working days (调休上班) China uses; leave is counted on it. */
#ifndef JUWEI_CALENDAR_H
#define JUWEI_CALENDAR_H

#include "juwei/date.h"

struct calendar {
    int     first_year, last_year;   /* the years the config covers */
    date_t *holidays;   size_t nholidays;   /* sorted, no duplicates */
    date_t *workdays;   size_t nworkdays;   /* weekend days worked; sorted */
};

enum half { HALF_AM = 0, HALF_PM = 1 };

bool calendar_covers(const struct calendar *c, date_t day);
bool calendar_is_holiday(const struct calendar *c, date_t day);
/* Monday–Friday unless a holiday; Saturday/Sunday only if a swapped
 * working day. */
bool calendar_is_workday(const struct calendar *c, date_t day);
/* Working half-days from (from, from_half) to (to, to_half) inclusive:
 * 2 per full working day. Returns -1 if the end is before the start or
 * either is DATE_NONE. Days outside the covered years count Monday to
 * Friday: check calendar_covers() first where that matters. */
int  calendar_count_halves(const struct calendar *c,
                           date_t from, enum half from_half,
                           date_t to, enum half to_half);

#endif
