/* text.c — UTF-8 by terminal columns. One strict decoder is used
 * everywhere, so validity, width, cutting and cleaning always agree on
 * where a character starts and what it looks like on screen. */
#include "juwei/text.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "juwei/util.h"

#define REPLACEMENT "\xef\xbf\xbd"   /* U+FFFD */

/* Decodes one character at s[0..len). Returns its length in bytes and
 * sets *cp, or returns 0 when the bytes there are not well-formed UTF-8
 * (overlong, surrogate, above U+10FFFF, stray or missing continuation). */
static size_t
decode(const unsigned char *s, size_t len, unsigned long *cp)
{
    unsigned long c;
    size_t n, i;

    if (len == 0)
        return 0;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        n = 2;
        c = s[0] & 0x1f;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        n = 3;
        c = s[0] & 0x0f;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        n = 4;
        c = s[0] & 0x07;
    } else {
        return 0;   /* continuation byte, C0/C1 overlong lead, or F5..FF */
    }
    if (len < n)
        return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3f);
    }
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
        (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return n;
}

static bool
is_control(unsigned long c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
}

/* Columns a decoded character takes as text_clean() would show it:
 * controls and unprintables are replaced by a one-column character. */
static int
char_width(unsigned long c)
{
    int w;

    if (is_control(c))
        return 1;
    w = wcwidth((wchar_t)c);
    return w < 0 ? 1 : w;
}

bool
text_valid_utf8(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned long c;
    size_t i = 0, n;

    while (i < len) {
        if ((n = decode(p + i, len - i, &c)) == 0)
            return false;
        i += n;
    }
    return true;
}

bool
text_has_controls(const char *s, bool allow_newlines)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), i = 0, n;
    unsigned long c;

    while (i < len) {
        if ((n = decode(p + i, len - i, &c)) == 0)
            n = 1;
        else if (is_control(c) && !(allow_newlines && (c == '\n' || c == '\t')))
            return true;
        i += n;
    }
    return false;
}

size_t
text_chars(const char *s)
{
    size_t n = 0;

    for (; *s != '\0'; s++) {
        if (((unsigned char)*s & 0xc0) != 0x80)
            n++;
    }
    return n;
}

int
text_width(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), i = 0, n;
    unsigned long c;
    int w = 0;

    while (i < len) {
        n = decode(p + i, len - i, &c);
        if (n == 0) {
            w++;            /* one U+FFFD per invalid byte */
            i++;
        } else {
            w += char_width(c);
            i += n;
        }
    }
    return w;
}

size_t
text_fit(const char *s, int cols, int *used)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), i = 0, n;
    unsigned long c;
    int w = 0, cw;

    while (i < len) {
        n = decode(p + i, len - i, &c);
        cw = n == 0 ? 1 : char_width(c);
        if (n == 0)
            n = 1;
        /* A zero-width mark stays with the character before it. */
        if (w + cw > cols)
            break;
        w += cw;
        i += n;
    }
    if (used != NULL)
        *used = w;
    return i;
}

/* Appends the cleaned form of s[0..len) to out (which has room for 3
 * bytes per input byte): what text_clean() documents. */
static size_t
clean_into(char *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0, n;
    unsigned long c;

    while (i < len) {
        n = decode(p + i, len - i, &c);
        if (n == 0) {
            memcpy(out + o, REPLACEMENT, 3);
            o += 3;
            i++;
            continue;
        }
        if (c == '\t' || c == '\n' || c == '\r') {
            out[o++] = ' ';
        } else if (is_control(c)) {
            out[o++] = '?';
        } else if (wcwidth((wchar_t)c) < 0) {
            memcpy(out + o, REPLACEMENT, 3);
            o += 3;
        } else {
            memcpy(out + o, s + i, n);
            o += n;
        }
        i += n;
    }
    out[o] = '\0';
    return o;
}

char *
text_clean(const char *s)
{
    size_t len = strlen(s);
    char *out = xmalloc(len * 3 + 1);

    clean_into(out, s, len);
    return out;
}

char *
text_pad(const char *s, int cols, bool ellipsis)
{
    char *clean = text_clean(s), *out;
    size_t cut;
    int used;

    if (cols < 0)
        cols = 0;
    cut = text_fit(clean, cols, &used);
    if (clean[cut] != '\0' && ellipsis && cols > 0) {
        /* The ellipsis takes the last column; a wide character that
         * would straddle it goes too. */
        cut = text_fit(clean, cols - 1, &used);
        out = xmalloc(cut + 3 + (size_t)(cols - used) + 1);
        memcpy(out, clean, cut);
        memcpy(out + cut, "\xe2\x80\xa6", 3);
        cut += 3;
        used++;
    } else {
        out = xmalloc(cut + (size_t)(cols - used) + 1);
        memcpy(out, clean, cut);
    }
    memset(out + cut, ' ', (size_t)(cols - used));
    out[cut + (size_t)(cols - used)] = '\0';
    free(clean);
    return out;
}

static bool
is_space_at(const char *s, size_t len, size_t *n)
{
    if (len >= 1 && (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r'))) {
        *n = 1;
        return true;
    }
    if (len >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0) {   /* U+3000 */
        *n = 3;
        return true;
    }
    return false;
}

char *
text_trim(char *s)
{
    size_t len = strlen(s), start = 0, n;

    while (start < len && is_space_at(s + start, len - start, &n))
        start += n;
    for (;;) {
        if (len > start && (s[len - 1] == ' ' ||
                            (s[len - 1] >= '\t' && s[len - 1] <= '\r'))) {
            len--;
        } else if (len >= start + 3 &&
                   memcmp(s + len - 3, "\xe3\x80\x80", 3) == 0) {
            len -= 3;
        } else {
            break;
        }
    }
    memmove(s, s + start, len - start);
    s[len - start] = '\0';
    return s;
}

bool
text_eq_nocase(const char *a, const char *b)
{
    unsigned char x, y;

    do {
        x = (unsigned char)*a++;
        y = (unsigned char)*b++;
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (x != y)
            return false;
    } while (x != '\0');
    return true;
}
