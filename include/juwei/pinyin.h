/* pinyin.h — pinyin initials of Chinese names (张三丰 → "zsf"), so a
 * resident can be found by typing a few Latin letters. The readings come
 * from a table generated from Unihan (src/pinyin_table.c), built in. */
#ifndef JUWEI_PINYIN_H
#define JUWEI_PINYIN_H

#include <stdint.h>

/* A malloc'd lowercase string: each CJK ideograph (U+3400–U+4DBF,
 * U+4E00–U+9FFF) gives the initial of its reading, ASCII letters are
 * lowercased, digits kept; everything else (punctuation, spaces, other
 * scripts, ideographs without a reading, invalid bytes) is dropped.
 * Meant for personal names: the first character (after leading spaces) is
 * read as a surname, so 单 gives "s" (Shàn) there and "d" (dān) elsewhere.
 * NULL gives "". */
char *pinyin_initials(const char *utf8);

/* The generated table (src/pinyin_table.c): the initial letter of the
 * first kMandarin reading of cp, or 0 when cp has none. pinyin_initials
 * is what callers want; this is public only so the table can live in its
 * own generated file. */
int pinyin_table_initial(uint32_t cp);

#endif
