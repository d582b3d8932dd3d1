/* date.h — civil dates as day numbers, parsing and formatting.
 * A date is the number of days since 1970-01-01 (proleptic Gregorian), so
 * arithmetic is plain integer arithmetic. DATE_NONE marks "no date". */
#ifndef JUWEI_DATE_H
#define JUWEI_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t date_t;
#define DATE_NONE INT32_MIN

date_t date_from_ymd(int y, int m, int d);       /* no range check */
void   date_to_ymd(date_t day, int *y, int *m, int *d);
bool   date_valid_ymd(int y, int m, int d);      /* 1900..9999, real day */
int    date_weekday(date_t day);                 /* 0 = Monday … 6 = Sunday */
date_t date_today(void);                         /* local time, via util_now() */
date_t date_of_time(int64_t t);                  /* the local day of a time */

/* Strict YYYY-MM-DD, as stored in the database and the INI file. */
bool   date_parse_iso(const char *s, date_t *out);
/* What a person types in a date field: YYYY-MM-DD, also YYYY-M-D,
 * 今天/today, 昨天/yesterday, 明天/tomorrow, and +N / -N days from `base`
 * (the field's current value, or today). */
bool   date_parse_user(const char *s, date_t base, date_t *out);
/* Writes YYYY-MM-DD and a NUL into buf (at least 11 bytes). */
char  *date_format(date_t day, char buf[static 11]);

/* "HH:MM", 00:00–23:59, as minutes since midnight. */
bool   time_parse(const char *s, int *minutes);
char  *time_format(int minutes, char buf[static 6]);

#endif
