/* test_text.c — UTF-8 measured, cut, padded and cleaned by columns. */
#include <locale.h>
#include <stdlib.h>

#include "check.h"
#include "juwei/text.h"

static bool
valid(const char *s)
{
    return text_valid_utf8(s, strlen(s));
}

static void
test_valid_utf8(void)
{
    CHECK(valid(""));
    CHECK(valid("abc"));
    CHECK(valid("居委会"));
    CHECK(valid("\xc2\x80"));                /* U+0080, smallest 2-byte */
    CHECK(valid("\xf0\x9f\x98\x80"));        /* U+1F600 */
    CHECK(valid("\xf4\x8f\xbf\xbf"));        /* U+10FFFF, the last */
    CHECK(valid("\xed\x9f\xbf"));            /* U+D7FF, just below surrogates */
    CHECK(!valid("\xc0\xaf"));               /* overlong '/' */
    CHECK(!valid("\xc1\xbf"));               /* overlong */
    CHECK(!valid("\xe0\x80\xaf"));           /* overlong, 3 bytes */
    CHECK(!valid("\xf0\x80\x80\xaf"));       /* overlong, 4 bytes */
    CHECK(!valid("\xed\xa0\x80"));           /* U+D800, a surrogate */
    CHECK(!valid("\xed\xbf\xbf"));           /* U+DFFF */
    CHECK(!valid("\xf4\x90\x80\x80"));       /* U+110000 */
    CHECK(!valid("\xf5\x80\x80\x80"));
    CHECK(!valid("\xe5\xb1"));               /* 居 cut short */
    CHECK(!valid("\xe5\xb1" "a"));           /* ... and followed by ASCII */
    CHECK(!valid("\x80"));                   /* stray continuation */
    CHECK(!valid("abc\xff"));
    CHECK(!valid("\xd2\xbb\xba\xc5"));       /* GBK 一号 */
    /* the length is honoured: a valid prefix of an invalid string */
    CHECK(text_valid_utf8("居\xff", 3));
    CHECK(!text_valid_utf8("居", 2));
}

static void
test_chars(void)
{
    CHECK_INT(text_chars(""), 0);
    CHECK_INT(text_chars("abc"), 3);
    CHECK_INT(text_chars("居委会"), 3);
    CHECK_INT(text_chars("a居b"), 3);
    CHECK_INT(text_chars("e\xcc\x81"), 2);   /* e + combining acute */
}

static void
test_width(void)
{
    CHECK_INT(text_width(""), 0);
    CHECK_INT(text_width("abc"), 3);
    CHECK_INT(text_width("居委会"), 6);
    CHECK_INT(text_width("和平里社区 3号楼"), 16);
    CHECK_INT(text_width("，。"), 4);          /* full-width punctuation */
    CHECK_INT(text_width("ＡＢ"), 4);          /* full-width Latin */
    CHECK_INT(text_width("e\xcc\x81"), 1);     /* combining mark: 0 */
    CHECK_INT(text_width("\x1b[2J"), 4);       /* ESC shown as one column */
    CHECK_INT(text_width("a\tb"), 3);
    CHECK_INT(text_width("\xff\xfe"), 2);      /* one U+FFFD per bad byte */
    CHECK_INT(text_width("居\xe5\xb1"), 4);    /* a truncated 居: 2 bad bytes */
}

static void
test_fit(void)
{
    int used = -1;

    CHECK_INT(text_fit("居委会", 6, &used), 9);
    CHECK_INT(used, 6);
    CHECK_INT(text_fit("居委会", 5, &used), 6);   /* never half a character */
    CHECK_INT(used, 4);
    CHECK_INT(text_fit("居委会", 1, &used), 0);
    CHECK_INT(used, 0);
    CHECK_INT(text_fit("居委会", 0, &used), 0);
    CHECK_INT(text_fit("a居", 2, &used), 1);
    CHECK_INT(used, 1);
    CHECK_INT(text_fit("abc", 10, &used), 3);
    CHECK_INT(used, 3);
    CHECK_INT(text_fit("abc", 2, NULL), 2);
    /* a combining mark stays with its letter */
    CHECK_INT(text_fit("e\xcc\x81x", 1, &used), 3);
    CHECK_INT(used, 1);
    CHECK_INT(text_fit("", 5, &used), 0);
    CHECK_INT(used, 0);
}

static void
test_pad(void)
{
    char *s;

    s = text_pad("居委会", 6, true);
    CHECK_STR(s, "居委会");
    free(s);
    s = text_pad("居委会", 8, true);
    CHECK_STR(s, "居委会  ");
    free(s);
    s = text_pad("居委会", 5, false);             /* odd: 居委 + one space */
    CHECK_STR(s, "居委 ");
    CHECK_INT(text_width(s), 5);
    free(s);
    s = text_pad("居委会", 5, true);              /* 居委 + … */
    CHECK_STR(s, "居委…");
    CHECK_INT(text_width(s), 5);
    free(s);
    s = text_pad("居委会", 4, true);              /* 居 + … + a space */
    CHECK_STR(s, "居… ");
    CHECK_INT(text_width(s), 4);
    free(s);
    s = text_pad("abcdef", 4, true);
    CHECK_STR(s, "abc…");
    free(s);
    s = text_pad("abcdef", 4, false);
    CHECK_STR(s, "abcd");
    free(s);
    s = text_pad("ab", 0, true);
    CHECK_STR(s, "");
    free(s);
    s = text_pad("居", 1, false);                 /* no room: a blank */
    CHECK_STR(s, " ");
    free(s);
    s = text_pad("a\x1b[2Jb", 6, false);          /* cleaned, then padded */
    CHECK(strchr(s, '\x1b') == NULL);
    CHECK_INT(text_width(s), 6);
    free(s);
}

static void
test_clean(void)
{
    char *s;

    s = text_clean("\x1b[2J");
    CHECK(strchr(s, '\x1b') == NULL);
    CHECK_STR(s, "?[2J");
    free(s);
    s = text_clean("a\tb\nc\rd");
    CHECK_STR(s, "a b c d");
    free(s);
    s = text_clean("x\x7fy");                     /* DEL */
    CHECK_STR(s, "x?y");
    free(s);
    s = text_clean("\xc2\x9b" "31m");              /* C1 CSI, as UTF-8 */
    CHECK_STR(s, "?31m");
    free(s);
    s = text_clean("居\xff" "a");                  /* a bad byte: U+FFFD */
    CHECK_STR(s, "居\xef\xbf\xbd" "a");
    CHECK(valid(s));
    free(s);
    s = text_clean("\xed\xa0\x80");                /* surrogate: 3 × U+FFFD */
    CHECK_STR(s, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    free(s);
    s = text_clean("\xc0\xaf");                    /* overlong */
    CHECK_STR(s, "\xef\xbf\xbd\xef\xbf\xbd");
    free(s);
    s = text_clean("居委会 ok");
    CHECK_STR(s, "居委会 ok");
    free(s);
    /* what text_width promised is what text_clean gives */
    s = text_clean("a\x01\xe5\xb1居");
    CHECK_INT(text_width(s), text_width("a\x01\xe5\xb1居"));
    free(s);
}

static void
test_trim(void)
{
    char a[] = "  居委会\t\n", b[] = "\xe3\x80\x80和平\xe3\x80\x80 ", c[] = "   ",
         d[] = "x", e[] = "";

    CHECK_STR(text_trim(a), "居委会");
    CHECK_STR(text_trim(b), "和平");           /* ideographic spaces */
    CHECK_STR(text_trim(c), "");
    CHECK_STR(text_trim(d), "x");
    CHECK_STR(text_trim(e), "");
}

static void
test_eq_nocase(void)
{
    CHECK(text_eq_nocase("Today", "today"));
    CHECK(text_eq_nocase("NONE", "none"));
    CHECK(text_eq_nocase("", ""));
    CHECK(!text_eq_nocase("today", "toda"));
    CHECK(!text_eq_nocase("a", "b"));
    CHECK(text_eq_nocase("居委", "居委"));
}

int
main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    RUN(test_valid_utf8);
    RUN(test_chars);
    RUN(test_width);
    RUN(test_fit);
    RUN(test_pad);
    RUN(test_clean);
    RUN(test_trim);
    RUN(test_eq_nocase);
    return CHECK_DONE();
}
