/* wrap.h — breaking text into lines of a display width, for dialogs and
 * the help page. Curses-free, so it is unit-tested alone. */
#ifndef JUWEI_UI_WRAP_H
#define JUWEI_UI_WRAP_H

/* Splits UTF-8 `text` into lines of at most `cols` display columns
 * (cols >= 2): at newlines, else at the last space that fits (English),
 * else wherever the width runs out (Chinese has no spaces), never inside a
 * character and never so that a line starts with closing punctuation
 * (，。、；：？！）” …) when the character before can go down with it. The
 * space a line breaks at is dropped. An empty text gives no lines; an
 * empty paragraph ("a\n\nb") gives an empty line. *out is malloc'd, each
 * line too; free with wrap_free(). Returns the number of lines. */
int  wrap_text(const char *text, int cols, char ***out);
void wrap_free(char **lines, int n);

#endif
