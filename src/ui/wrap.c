/* wrap.c — text into lines by display columns, on text_fit() so widths
 * agree with what draw_text() will put on screen. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "juwei/text.h"
#include "juwei/ui/wrap.h"
#include "juwei/util.h"

/* Characters a Chinese line should not start with (行首禁则). */
static const wchar_t no_line_start[] = L"，。、；：？！）》」』】〕”’…·,.;:?!)]}%";

static size_t
char_len(const char *s)
{
    mbstate_t st = { 0 };
    size_t n = mbrlen(s, strlen(s), &st);

    return n == (size_t)-1 || n == (size_t)-2 || n == 0 ? 1 : n;
}

static bool
starts_closing(const char *s)
{
    mbstate_t st = { 0 };
    wchar_t wc;
    size_t n = mbrtowc(&wc, s, strlen(s), &st);

    return n != (size_t)-1 && n != (size_t)-2 && n != 0 &&
           wcschr(no_line_start, wc) != NULL;
}

/* Bytes of the first line of `p` (no newline in it) within cols. */
static size_t
line_len(const char *p, int cols)
{
    size_t fit = text_fit(p, cols, NULL);

    if (p[fit] == '\0')
        return fit;
    if (fit == 0)
        return char_len(p);     /* never loop on a character wider than cols */
    /* Inside an English word: break at the space before it, or after
     * the Chinese character it follows; a word longer than the line is
     * cut. */
    if (p[fit] != ' ' && (unsigned char)p[fit] < 0x80 &&
        (unsigned char)p[fit - 1] < 0x80) {
        size_t i = fit;

        while (i > 0 && p[i - 1] != ' ' && (unsigned char)p[i - 1] < 0x80)
            i--;
        if (i > 0 && p[i - 1] == ' ' && i - 1 > 0)
            return i - 1;
        if (i > 0 && p[i - 1] != ' ')
            return i;
        return fit;
    }
    if (p[fit] == ' ')
        return fit;
    /* Chinese: anywhere, but keep closing punctuation off the line start
     * by taking the character before it down too. */
    if (starts_closing(p + fit)) {
        size_t prev = fit;

        do
            prev--;
        while (prev > 0 && ((unsigned char)p[prev] & 0xc0) == 0x80);
        if (prev > 0)
            return prev;
    }
    return fit;
}

int
wrap_text(const char *text, int cols, char ***out)
{
    char **lines = NULL;
    int n = 0;
    const char *p = text;

    if (cols < 2)
        cols = 2;
    while (*p != '\0') {
        const char *nl = strchr(p, '\n');
        size_t plen = nl != NULL ? (size_t)(nl - p) : strlen(p);
        char *para = xstrndup(p, plen);
        size_t off = 0;

        do {
            size_t take = line_len(para + off, cols);

            size_t keep = take;

            /* A line broken before a word keeps no trailing spaces. */
            while (para[off + take] != '\0' && keep > 0 &&
                   para[off + keep - 1] == ' ')
                keep--;
            lines = xreallocarray(lines, (size_t)n + 1, sizeof *lines);
            lines[n++] = xstrndup(para + off, keep);
            off += take;
            if (para[off] == ' ' && take > 0)
                off++;          /* the space broken at */
        } while (para[off] != '\0');
        free(para);
        p += plen;
        if (*p == '\n')
            p++;
    }
    *out = lines;
    return n;
}

void
wrap_free(char **lines, int n)
{
    for (int i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}
