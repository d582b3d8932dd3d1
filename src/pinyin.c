/* pinyin.c — pinyin initials of names, from the generated Unihan table
 * plus the surname readings that differ from a character's usual one. */
#include "juwei/pinyin.h"

#include <stdbool.h>
#include <string.h>

#include "juwei/util.h"

/* Surnames whose reading starts with another letter than the character's
 * first kMandarin reading (which is what the table holds). Only the first
 * character of a name is read this way: 单 in 简单 stays dān. Surnames whose
 * readings share the initial (朴 piáo/pǔ, 盖 gě/gài, 缪 miào/móu) need no
 * entry. 乐 is left out on purpose: as a surname both yuè and lè occur. */
static const struct {
    uint32_t cp;
    char     letter;
} surnames[] = {
    { 0x4EC7, 'q' },   /* 仇 Qiú, not chóu */
    { 0x4F74, 'n' },   /* 佴 Nài, not èr */
    { 0x533A, 'o' },   /* 区 Ōu, not qū */
    { 0x5355, 's' },   /* 单 Shàn, not dān */
    { 0x53E5, 'g' },   /* 句 Gōu, not jù */
    { 0x53EC, 's' },   /* 召 Shào, not zhào */
    { 0x6298, 's' },   /* 折 Shé, not zhé */
    { 0x66FE, 'z' },   /* 曾 Zēng, not céng */
    { 0x67E5, 'z' },   /* 查 Zhā, not chá */
    { 0x79CD, 'c' },   /* 种 Chóng, not zhǒng */
    { 0x79D8, 'b' },   /* 秘 Bì, not mì */
    { 0x7E41, 'p' },   /* 繁 Pó, not fán */
    { 0x7FDF, 'z' },   /* 翟 Zhái, not dí */
    { 0x8983, 'q' },   /* 覃 Qín, not tán */
    { 0x89E3, 'x' },   /* 解 Xiè, not jiě */
    { 0x91CD, 'c' },   /* 重 Chóng, not zhòng */
    { 0x957F, 'c' },   /* 长 Cháng, not zhǎng */
    { 0x961A, 'k' },   /* 阚 Kàn, not hǎn */
};

/* Decodes the character at s (s[0] != 0). Returns its length in bytes; an
 * invalid or truncated sequence counts as one byte with *cp = 0, which
 * nothing maps to a letter. */
static size_t
decode(const unsigned char *s, uint32_t *cp)
{
    uint32_t c = s[0], min;
    size_t n, i;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2; c &= 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3; c &= 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4; c &= 0x07; min = 0x10000;
    } else {
        *cp = 0;
        return 1;
    }
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {   /* also stops at the terminating NUL */
            *cp = 0;
            return 1;
        }
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        *cp = 0;
        return 1;
    }
    *cp = c;
    return n;
}

static bool
is_space(uint32_t cp)
{
    return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x3000;
}

static int
surname_initial(uint32_t cp)
{
    for (size_t i = 0; i < ARRAY_LEN(surnames); i++)
        if (surnames[i].cp == cp)
            return surnames[i].letter;
    return 0;
}

char *
pinyin_initials(const char *utf8)
{
    const unsigned char *s = (const unsigned char *)(utf8 ? utf8 : "");
    char *out = xmalloc(strlen((const char *)s) + 1), *o = out;
    bool first = true;

    while (*s != 0) {
        uint32_t cp;
        int c = 0;

        s += decode(s, &cp);
        if (first && is_space(cp))
            continue;
        if (cp >= 'A' && cp <= 'Z')
            c = (int)(cp - 'A' + 'a');
        else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
            c = (int)cp;
        else if (first)
            c = surname_initial(cp);
        if (c == 0)
            c = pinyin_table_initial(cp);
        first = false;
        if (c != 0)
            *o++ = (char)c;
    }
    *o = 0;
    return out;
}
