/* text.h — UTF-8 text measured in terminal columns (wcwidth), cut and
 * padded by columns, checked and neutralised. Chinese text is never
 * measured in bytes. Curses-free: the core and the screens share it. */
#ifndef JUWEI_TEXT_H
#define JUWEI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Is s[0..len) well-formed UTF-8 (no overlongs, surrogates, > U+10FFFF)? */
bool   text_valid_utf8(const char *s, size_t len);
/* Does s hold C0/C1 control characters or DEL (newlines and tabs allowed
 * when asked)? Such text would drive a terminal when shown. */
bool   text_has_controls(const char *s, bool allow_newlines);
/* Characters (code points) in a valid UTF-8 string. */
size_t text_chars(const char *s);
/* Display columns of a UTF-8 string: wide characters count 2, combining
 * marks 0; control characters and invalid bytes count as the one column
 * their replacement takes when shown. */
int    text_width(const char *s);
/* Bytes of the longest prefix of s that fits in `cols` columns, never
 * splitting a character; *used (may be NULL) gets the columns it takes. */
size_t text_fit(const char *s, int cols, int *used);
/* A malloc'd copy of s cut to `cols` columns and padded with spaces to
 * exactly `cols`; when cut, the last column shows `…` if ellipsis. The
 * copy is cleaned as by text_clean(), so it takes exactly `cols`. */
char  *text_pad(const char *s, int cols, bool ellipsis);
/* A malloc'd copy safe to draw: control characters (C0, DEL, C1, and so
 * every escape sequence) and invalid bytes become U+FFFD or '?', tabs and
 * newlines a space. */
char  *text_clean(const char *s);
/* Trims ASCII and ideographic (U+3000) spaces at both ends, in place. */
char  *text_trim(char *s);
/* Case-folded ASCII comparison for ids and keywords. */
bool   text_eq_nocase(const char *a, const char *b);

#endif
