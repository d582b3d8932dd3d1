/* field.h — the line editor behind every text field of a form, written on
 * wcwidth because ncurses' form library gets double-width text wrong.
 * Curses-free so it is unit-tested alone; form.c draws what field_view()
 * says. A field holds wide characters; it never holds invalid UTF-8 or
 * control characters (except newlines in a multi-line field). */
#ifndef JUWEI_UI_FIELD_H
#define JUWEI_UI_FIELD_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

struct field {
    wchar_t *text;         /* len characters, NUL-terminated */
    size_t   len, cap;
    size_t   cursor;       /* 0..len, an index into text */
    size_t   max_chars;    /* 0 = no limit */
    bool     multiline;    /* Enter inserts a newline (long text) */
    int      scroll;       /* one line: first visible column;
                            * multi-line: first visible display row */
    bool     changed;      /* set by any edit, cleared by the owner */

    /* The rest belongs to field.c; the owner only reads view_width and
     * view_height, and changes text and cursor only through the
     * functions below. */
    int      view_width, view_height; /* of the last field_view(); 0 = not
                                       * drawn yet, so edits cannot know
                                       * the scroll and leave it to the
                                       * next field_view() */
    int      goal_col;     /* Up/Down keep aiming at this column across */
    bool     has_goal;     /* shorter rows, until any other key */
    /* One-line columns of text[0..cursor) and of the whole text, kept in
     * step by every edit so a keystroke costs O(width), not O(len); valid
     * for (cols_for_cursor, cols_for_len), recomputed otherwise. */
    size_t   cols_cursor, cols_total, cols_for_cursor, cols_for_len;
};

/* Editing keys, independent of curses key codes: form.c maps KEY_LEFT
 * etc. onto these. */
enum field_key {
    FK_LEFT = 1, FK_RIGHT, FK_HOME, FK_END, FK_UP, FK_DOWN,
    FK_BACKSPACE, FK_DELETE, FK_KILL_LINE /* Ctrl-K */, FK_CLEAR /* Ctrl-U */,
    FK_NEWLINE,
};

/* field_key() and the inserts return these or'ed together. An edit is
 * FIELD_CHANGED (never FIELD_MOVED, though the cursor moves with it); a
 * pure move is FIELD_MOVED; either adds FIELD_SCROLLED when the visible
 * part shifted (known only once field_view() has drawn the field). A
 * paste that inserted part of its text is FIELD_CHANGED|FIELD_REFUSED. */
enum field_result {
    FIELD_NONE     = 0,       /* nothing happened: the key is the form's
                               * (Up on the first row, Enter in a one-line
                               * field, Left at the start) */
    FIELD_MOVED    = 1 << 0,  /* cursor moved: redraw the cursor only */
    FIELD_CHANGED  = 1 << 1,  /* text changed: redraw the field */
    FIELD_SCROLLED = 1 << 2,  /* the visible part shifted */
    FIELD_REFUSED  = 1 << 3,  /* full, or a character not allowed: beep */
};

/* max_chars counts code points (as text_chars() does), so a combining
 * mark takes one too. */
void   field_init(struct field *f, size_t max_chars, bool multiline);
void   field_free(struct field *f);
/* Replaces the text from UTF-8 (NULL = empty): invalid bytes, escape
 * sequences, control characters and combining marks with nothing to
 * mark are dropped, the rest cut at max_chars; cursor to the end. Sets
 * `changed` only if the text differs (a form loading a record clears it). */
void   field_set(struct field *f, const char *utf8);
/* The text as malloc'd UTF-8. */
char  *field_get(const struct field *f);

/* One typed character: FIELD_REFUSED for a control character, a tab, a
 * newline in a one-line field, anything wcwidth() refuses, a combining
 * mark at the start of a line, or a full field. */
int    field_insert(struct field *f, wchar_t wc);
/* A paste: what field_set() would keep, inserted at the cursor as far as
 * it fits (whole characters with their marks); CR and CRLF become
 * newlines in a multi-line field. FIELD_REFUSED if anything was left out,
 * with FIELD_CHANGED if something went in. */
int    field_insert_utf8(struct field *f, const char *s, size_t len);
/* In a multi-line field Home/End go to the start/end of the logical line,
 * Ctrl-K kills to its end (at its end, joins the next line), Up/Down go
 * to the nearest column of the adjacent display row (FIELD_NONE on the
 * first/last row, so the form can move to another field). Ctrl-U clears
 * the whole field. Scrolling uses `width` and the height of the last
 * field_view(). */
int    field_key(struct field *f, enum field_key k, int width);

/* What to draw for a field `width` columns wide (and `height` rows for a
 * multi-line one): adjusts f->scroll so the cursor is visible, then fills
 * rows[r] (malloc'd UTF-8 per visible row, exactly as wide as drawn, never
 * cut inside a character; a wide character that would straddle the right
 * edge is replaced by a space) and the cursor's row and column. A one-line
 * field gives 1 row, a multi-line one `height` rows, each padded with
 * spaces to exactly `width` columns. The cursor column is always inside
 * the field: at the end of a line that fills the width exactly, it is at
 * column 0 of a row of its own. Drawing twice in a row never scrolls. */
struct field_view {
    char **rows;
    int    nrows;
    int    cur_row, cur_col;
};
void   field_view(struct field *f, int width, int height, struct field_view *v);
void   field_view_free(struct field_view *v);

#endif
