/* date.c — day numbers (days since 1970-01-01) and the civil calendar,
 * after Howard Hinnant's days_from_civil / civil_from_days: exact for
 * the whole proleptic Gregorian range, no tables, no time zones. */
#include "juwei/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "juwei/text.h"
#include "juwei/util.h"

/* The most a +N / -N step may move, so the result stays a sane date. */
#define MAX_STEP 36600

date_t
date_from_ymd(int y, int m, int d)
{
    int era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (date_t)(era * 146097 + doe - 719468);
}

void
date_to_ymd(date_t day, int *y, int *m, int *d)
{
    long z = (long)day + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long mm = mp < 10 ? mp + 3 : mp - 9;

    *y = (int)(yoe + era * 400 + (mm <= 2));
    *m = (int)mm;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
}

static int
days_in_month(int y, int m)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31 };

    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

bool
date_valid_ymd(int y, int m, int d)
{
    return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 &&
           d >= 1 && d <= days_in_month(y, m);
}

int
date_weekday(date_t day)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    return (int)((((long)day % 7) + 7 + 3) % 7);
}

date_t
date_of_time(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;

    if (localtime_r(&tt, &tm) == NULL)
        return (date_t)(t / 86400);
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

date_t
date_today(void)
{
    return date_of_time(util_now());
}

/* Reads 1..max digits at *s into *v; advances *s. */
static bool
digits(const char **s, int min, int max, int *v)
{
    int n = 0;

    *v = 0;
    while (**s >= '0' && **s <= '9' && n < max) {
        *v = *v * 10 + (**s - '0');
        (*s)++;
        n++;
    }
    return n >= min && !(**s >= '0' && **s <= '9');
}

bool
date_parse_iso(const char *s, date_t *out)
{
    int y, m, d;

    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    if (!digits(&s, 4, 4, &y) || *s++ != '-' || !digits(&s, 2, 2, &m) ||
        *s++ != '-' || !digits(&s, 2, 2, &d) || *s != '\0')
        return false;
    if (!date_valid_ymd(y, m, d))
        return false;
    *out = date_from_ymd(y, m, d);
    return true;
}

/* YYYY-M-D: four-digit year, one- or two-digit month and day. */
static bool
parse_loose(const char *s, date_t *out)
{
    int y, m, d;

    if (!digits(&s, 4, 4, &y) || *s++ != '-' || !digits(&s, 1, 2, &m) ||
        *s++ != '-' || !digits(&s, 1, 2, &d) || *s != '\0')
        return false;
    if (!date_valid_ymd(y, m, d))
        return false;
    *out = date_from_ymd(y, m, d);
    return true;
}

static bool
in_range(date_t day)
{
    int y, m, d;

    date_to_ymd(day, &y, &m, &d);
    return date_valid_ymd(y, m, d);
}

bool
date_parse_user(const char *s, date_t base, date_t *out)
{
    static const struct { const char *word; int offset; } words[] = {
        { "today", 0 }, { "\xe4\xbb\x8a\xe5\xa4\xa9", 0 },       /* 今天 */
        { "yesterday", -1 }, { "\xe6\x98\xa8\xe5\xa4\xa9", -1 }, /* 昨天 */
        { "tomorrow", 1 }, { "\xe6\x98\x8e\xe5\xa4\xa9", 1 },    /* 明天 */
    };
    char buf[64];
    const char *p;
    date_t day;
    int n;

    if (strlen(s) >= sizeof buf)
        return false;
    strcpy(buf, s);
    text_trim(buf);

    for (size_t i = 0; i < ARRAY_LEN(words); i++) {
        if (text_eq_nocase(buf, words[i].word)) {
            *out = date_today() + words[i].offset;
            return true;
        }
    }
    if (buf[0] == '+' || buf[0] == '-') {
        p = buf + 1;
        if (!digits(&p, 1, 5, &n) || *p != '\0' || n > MAX_STEP)
            return false;
        day = (base == DATE_NONE ? date_today() : base) +
              (buf[0] == '+' ? n : -n);
        if (!in_range(day))
            return false;
        *out = day;
        return true;
    }
    return parse_loose(buf, out);
}

char *
date_format(date_t day, char buf[static 11])
{
    int y, m, d;

    if (day == DATE_NONE) {
        buf[0] = '\0';
        return buf;
    }
    date_to_ymd(day, &y, &m, &d);
    if (y < 0 || y > 9999) {
        /* Only a corrupt value lands here; keep the 11-byte promise. */
        snprintf(buf, 11, "0000-00-00");
        return buf;
    }
    snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
    return buf;
}

bool
time_parse(const char *s, int *minutes)
{
    char buf[16];
    const char *p = buf;
    int h, m;

    if (strlen(s) >= sizeof buf)
        return false;
    strcpy(buf, s);
    text_trim(buf);
    if (!digits(&p, 1, 2, &h) || *p++ != ':' || !digits(&p, 2, 2, &m) ||
        *p != '\0' || h > 23 || m > 59)
        return false;
    *minutes = h * 60 + m;
    return true;
}

char *
time_format(int minutes, char buf[static 6])
{
    if (minutes < 0 || minutes >= 24 * 60) {
        buf[0] = '\0';
        return buf;
    }
    snprintf(buf, 6, "%02d:%02d", minutes / 60, minutes % 60);
    return buf;
}
