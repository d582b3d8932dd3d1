// links: src/ui/field.c
/* test_field.c — the line editor: widths, scrolling, wrapping, filtering.
 * Expected rows and columns are worked out by hand from the rules in
 * field.c's header comment, not copied from a run. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "check.h"
#include "juwei/ui/field.h"

/* Types s (UTF-8) one character at a time; the flags of every insert or'ed. */
static int
type(struct field *f, const char *s)
{
    mbstate_t st;
    int r = 0;
    size_t n = strlen(s);

    memset(&st, 0, sizeof st);
    while (n > 0) {
        wchar_t wc;
        size_t l = mbrtowc(&wc, s, n, &st);

        if (l == 0 || l > n)
            break;
        r |= field_insert(f, wc);
        s += l;
        n -= l;
    }
    return r;
}

static int
keys(struct field *f, enum field_key k, int times, int width)
{
    int r = 0;

    while (times-- > 0)
        r |= field_key(f, k, width);
    return r;
}

static int
cols(const char *s)
{
    size_t n = mbstowcs(NULL, s, 0);
    wchar_t *w;
    int c;

    if (n == (size_t)-1)
        return -1;
    w = malloc((n + 1) * sizeof *w);
    mbstowcs(w, s, n + 1);
    c = wcswidth(w, n);
    free(w);
    return c;
}

/* The view as "row|row|…@row,col"; every row must be exactly `width`
 * columns of valid, printable text. */
static const char *
show(struct field *f, int width, int height)
{
    static char out[8][4096];
    static int k;
    struct field_view v;
    char *o = out[k++ % 8];
    size_t n = 0;

    field_view(f, width, height, &v);
    o[0] = '\0';
    for (int r = 0; r < v.nrows; r++) {
        CHECK_INT(cols(v.rows[r]), width);
        n += (size_t)snprintf(o + n, 4096 - n, "%s%s", r ? "|" : "", v.rows[r]);
    }
    snprintf(o + n, 4096 - n, "@%d,%d", v.cur_row, v.cur_col);
    CHECK(v.cur_col >= 0 && v.cur_col < width);
    CHECK(v.cur_row >= 0 && v.cur_row < v.nrows);
    field_view_free(&v);
    return o;
}

static char *
get(const struct field *f)
{
    static char out[4][4096];
    static int k;
    char *s = field_get(f), *o = out[k++ % 4];

    snprintf(o, 4096, "%s", s);
    free(s);
    return o;
}

static void
paste(struct field *f, const char *s)
{
    field_insert_utf8(f, s, strlen(s));
}

enum { N = FIELD_NONE, M = FIELD_MOVED, C = FIELD_CHANGED, S = FIELD_SCROLLED };

/* A scripted session: each step a key (or characters to type when key
 * is 0), the flags it must return, the view after it. */
struct step {
    enum field_key key;
    const char    *type;
    int            flags;
    const char    *view;
};

static void
script(struct field *f, int width, int height, const struct step *st, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int r = st[i].key ? field_key(f, st[i].key, width) : type(f, st[i].type);
        const char *v = show(f, width, height);

        if (r != st[i].flags || strcmp(v, st[i].view) != 0)
            printf("  step %zu:\n", i + 1);
        CHECK_INT(r, st[i].flags);
        CHECK_STR(v, st[i].view);
    }
}

/* ---- typing and editing ---- */

static void
test_type_mixed(void)
{
    struct field f;

    field_init(&f, 0, false);
    CHECK_INT(type(&f, "居委会abc工作"), FIELD_CHANGED);
    CHECK_STR(get(&f), "居委会abc工作");
    CHECK_INT(f.len, 8);
    CHECK_INT(f.cursor, 8);
    CHECK(f.changed);
    CHECK_STR(show(&f, 20, 1), "居委会abc工作       @0,13");
    /* Into the middle of wide characters. */
    keys(&f, FK_LEFT, 2, 20);
    CHECK_INT(type(&f, "的"), FIELD_CHANGED);
    CHECK_STR(get(&f), "居委会abc的工作");
    CHECK_INT(f.cursor, 7);
    CHECK_STR(show(&f, 20, 1), "居委会abc的工作     @0,11");
    field_free(&f);
}

static void
test_backspace_wide_middle(void)
{
    struct field f;

    field_init(&f, 0, false);
    field_set(&f, "居委会abc");
    field_key(&f, FK_HOME, 20);
    keys(&f, FK_RIGHT, 2, 20);
    CHECK_STR(show(&f, 20, 1), "居委会abc           @0,4");
    f.changed = false;
    CHECK_INT(field_key(&f, FK_BACKSPACE, 20), FIELD_CHANGED);
    CHECK_STR(get(&f), "居会abc");
    CHECK_INT(f.cursor, 1);
    CHECK(f.changed);
    CHECK_STR(show(&f, 20, 1), "居会abc             @0,2");
    /* Backspace at the start does nothing and says so. */
    field_key(&f, FK_HOME, 20);
    CHECK_INT(field_key(&f, FK_BACKSPACE, 20), FIELD_NONE);
    CHECK_STR(get(&f), "居会abc");
    field_free(&f);
}

static void
test_delete(void)
{
    struct field f;

    field_init(&f, 0, false);
    field_set(&f, "居委会abc");
    field_key(&f, FK_HOME, 20);
    field_key(&f, FK_RIGHT, 20);
    CHECK_INT(field_key(&f, FK_DELETE, 20), FIELD_CHANGED);
    CHECK_STR(get(&f), "居会abc");
    CHECK_INT(f.cursor, 1);
    CHECK_STR(show(&f, 20, 1), "居会abc             @0,2");
    field_key(&f, FK_END, 20);
    f.changed = false;
    CHECK_INT(field_key(&f, FK_DELETE, 20), FIELD_NONE);
    CHECK_STR(get(&f), "居会abc");
    CHECK(!f.changed);
    field_free(&f);
}

static void
test_home_end_columns(void)
{
    struct field f;

    field_init(&f, 0, false);
    field_set(&f, "居委会abc");
    CHECK_INT(f.cursor, 6);
    CHECK_INT(field_key(&f, FK_HOME, 20), FIELD_MOVED);
    CHECK_STR(show(&f, 20, 1), "居委会abc           @0,0");
    CHECK_INT(field_key(&f, FK_HOME, 20), FIELD_NONE);
    CHECK_INT(field_key(&f, FK_END, 20), FIELD_MOVED);
    CHECK_INT(f.cursor, 6);
    CHECK_STR(show(&f, 20, 1), "居委会abc           @0,9");
    field_key(&f, FK_LEFT, 20);
    CHECK_STR(show(&f, 20, 1), "居委会abc           @0,8");
    keys(&f, FK_LEFT, 3, 20);
    CHECK_STR(show(&f, 20, 1), "居委会abc           @0,4");
    field_free(&f);
}

static void
test_kill_and_clear(void)
{
    struct field f;

    field_init(&f, 0, false);
    field_set(&f, "居委会abc");
    field_key(&f, FK_HOME, 20);
    keys(&f, FK_RIGHT, 2, 20);
    CHECK_INT(field_key(&f, FK_KILL_LINE, 20), FIELD_CHANGED);
    CHECK_STR(get(&f), "居委");
    CHECK_INT(f.cursor, 2);
    CHECK_INT(field_key(&f, FK_KILL_LINE, 20), FIELD_NONE);
    field_key(&f, FK_LEFT, 20);
    CHECK_INT(field_key(&f, FK_CLEAR, 20), FIELD_CHANGED);
    CHECK_STR(get(&f), "");
    CHECK_INT(f.cursor, 0);
    CHECK_INT(f.len, 0);
    CHECK_INT(field_key(&f, FK_CLEAR, 20), FIELD_NONE);
    CHECK_STR(show(&f, 4, 1), "    @0,0");
    field_free(&f);
}

/* ---- one-line scrolling ---- */

static void
test_scroll_width5_typing(void)
{
    static const struct step st[] = {
        { 0, "居", C, "居   @0,2" },
        { 0, "委", C, "居委 @0,4" },        /* append column: the last */
        { 0, "会", C | S, "委会 @0,4" },    /* … but not one past it */
        /* 会 at columns 4-5 straddles the edge: a space, never half. */
        { FK_HOME, 0, M | S, "居委 @0,0" },
        /* On 委 both neighbours cannot show in 5 columns: the view keeps
         * still; on 会 it must move to show it whole. */
        { FK_RIGHT, 0, M, "居委 @0,2" },
        { FK_RIGHT, 0, M | S, "委会 @0,2" },
        { FK_RIGHT, 0, M, "委会 @0,4" },
        { FK_RIGHT, 0, N, "委会 @0,4" },
        { FK_LEFT, 0, M, "委会 @0,2" },
        { FK_LEFT, 0, M | S, "居委 @0,2" },
        { FK_LEFT, 0, M, "居委 @0,0" },
        { FK_END, 0, M | S, "委会 @0,4" },
    };
    struct field f;

    field_init(&f, 0, false);
    CHECK_STR(show(&f, 5, 1), "     @0,0");
    script(&f, 5, 1, st, sizeof st / sizeof st[0]);
    CHECK_INT(f.scroll, 2);
    field_free(&f);
}

static void
test_scroll_width5_mixed(void)
{
    static const struct step st[] = {
        { FK_LEFT, 0, M, "abc  @0,2" },
        { FK_LEFT, 0, M, "abc  @0,1" },
        /* Cursor left at the scroll start: one character shows before it. */
        { FK_LEFT, 0, M | S, "会abc@0,2" },
        { FK_LEFT, 0, M | S, "委会a@0,2" },
        { FK_LEFT, 0, M | S, "居委 @0,2" },
        { FK_LEFT, 0, M, "居委 @0,0" },
        { FK_LEFT, 0, N, "居委 @0,0" },
    };
    struct field f;

    field_init(&f, 0, false);
    field_set(&f, "居委会abc");
    /* Scrolling to column 5 would cut 会 on the left; 6 is the nearest
     * boundary that keeps the append position in view. */
    CHECK_STR(show(&f, 5, 1), "abc  @0,3");
    CHECK_INT(f.scroll, 6);
    script(&f, 5, 1, st, sizeof st / sizeof st[0]);
    field_free(&f);
}

static void
test_scroll_width6(void)
{
    static const struct step st[] = {
        { FK_HOME, 0, M | S, "居委会@0,0" },
        { FK_RIGHT, 0, M, "居委会@0,2" },
        { FK_RIGHT, 0, M | S, "委会ab@0,2" },
        { FK_RIGHT, 0, M, "委会ab@0,4" },
        { FK_RIGHT, 0, M | S, "会abc @0,3" },
        { FK_RIGHT, 0, M, "会abc @0,4" },
        { FK_RIGHT, 0, M, "会abc @0,5" },
        { FK_RIGHT, 0, N, "会abc @0,5" },
    };
    struct field f;

    field_init(&f, 0, false);
    field_set(&f, "居委会abc");
    CHECK_STR(show(&f, 6, 1), "会abc @0,5");
    CHECK_INT(f.scroll, 4);
    script(&f, 6, 1, st, sizeof st / sizeof st[0]);
    field_free(&f);
}

/* Walks every cursor position of an all-wide text in an odd width and
 * rebuilds what must be visible from the scroll: each shown character at
 * its true column, the straddling one blank. */
static void
test_scroll_odd_width_never_past_edge(void)
{
    static const char *const han[] = { "居", "委", "会", "工", "作", "站" };
    struct field f;

    field_init(&f, 0, false);
    field_set(&f, "居委会工作站");
    field_key(&f, FK_HOME, 5);
    for (int pos = 0; pos <= 6; pos++) {
        struct field_view v;
        char want[64] = "";
        int s, used = 0;

        field_view(&f, 5, 1, &v);
        s = f.scroll;
        CHECK(s % 2 == 0);               /* never inside a character */
        for (int c = s / 2; c < 6 && (c + 1) * 2 <= s + 5; c++) {
            strcat(want, han[c]);
            used += 2;
        }
        for (; used < 5; used++)
            strcat(want, " ");
        CHECK_STR(v.rows[0], want);
        CHECK_INT(cols(v.rows[0]), 5);
        CHECK_INT(v.cur_col, pos * 2 - s);
        CHECK(v.cur_col >= 0 && v.cur_col + (pos < 6 ? 2 : 1) <= 5);
        field_view_free(&v);
        field_key(&f, FK_RIGHT, 5);
    }
    CHECK_INT(f.cursor, 6);
    field_free(&f);
}

static void
test_scroll_append_position(void)
{
    static const struct step st[] = {
        { 0, "abcd", C, "abcd @0,4" },
        { 0, "e", C | S, "bcde @0,4" },
        { 0, "f", C | S, "cdef @0,4" },
        /* Deleting brings hidden text back instead of leaving blanks. */
        { FK_BACKSPACE, 0, C | S, "bcde @0,4" },
        { FK_BACKSPACE, 0, C | S, "abcd @0,4" },
        { FK_BACKSPACE, 0, C, "abc  @0,3" },
    };
    struct field f;

    field_init(&f, 0, false);
    show(&f, 5, 1);
    script(&f, 5, 1, st, sizeof st / sizeof st[0]);
    CHECK_INT(f.scroll, 0);
    field_free(&f);
}

static void
test_scroll_margin(void)
{
    static const struct step st[] = {
        { FK_RIGHT, 0, M, "abcde@0,1" },
        { FK_RIGHT, 0, M, "abcde@0,2" },
        { FK_RIGHT, 0, M, "abcde@0,3" },
        /* The cursor does not reach the last column while text follows. */
        { FK_RIGHT, 0, M | S, "bcdef@0,3" },
        { FK_END, 0, M | S, "ghij @0,4" },
        { FK_LEFT, 0, M, "ghij @0,3" },
        { FK_LEFT, 0, M, "ghij @0,2" },
        { FK_LEFT, 0, M, "ghij @0,1" },
        { FK_LEFT, 0, M | S, "fghij@0,1" },
    };
    struct field f;

    field_init(&f, 0, false);
    field_set(&f, "abcdefghij");
    field_key(&f, FK_HOME, 5);
    CHECK_STR(show(&f, 5, 1), "abcde@0,0");
    script(&f, 5, 1, st, sizeof st / sizeof st[0]);
    field_free(&f);
}

/* ---- limits and refusals ---- */

static void
test_max_chars(void)
{
    struct field f;

    field_init(&f, 3, false);
    CHECK_INT(type(&f, "居委会"), FIELD_CHANGED);
    f.changed = false;
    CHECK_INT(field_insert(&f, L'工'), FIELD_REFUSED);
    CHECK_INT(field_insert(&f, L'a'), FIELD_REFUSED);
    /* max_chars counts code points, so a combining mark is one too. */
    CHECK_INT(field_insert(&f, 0x0301), FIELD_REFUSED);
    CHECK_STR(get(&f), "居委会");
    CHECK_INT(f.cursor, 3);
    CHECK(!f.changed);
    /* Room again after a delete, in the middle too. */
    field_key(&f, FK_HOME, 10);
    field_key(&f, FK_DELETE, 10);
    CHECK_INT(field_insert(&f, L'工'), FIELD_CHANGED);
    CHECK_STR(get(&f), "工委会");
    field_free(&f);
}

static void
test_refused_characters(void)
{
    static const wchar_t bad[] = {
        0x01, 0x1b, L'\r', L'\t', 0x7f, 0x85, 0x9b, 0xd800, 0xdfff,
        0x110000, 0x378 /* unassigned */, 0xfffe, -1, 0,
    };
    struct field f, m;

    field_init(&f, 0, false);
    field_init(&m, 0, true);
    field_set(&f, "ab");
    field_set(&m, "ab");
    f.changed = m.changed = false;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK_INT(field_insert(&f, bad[i]), FIELD_REFUSED);
        CHECK_INT(field_insert(&m, bad[i]), FIELD_REFUSED);
    }
    CHECK_INT(field_insert(&f, L'\n'), FIELD_REFUSED);
    CHECK_INT(field_key(&f, FK_NEWLINE, 10), FIELD_NONE);
    CHECK_STR(get(&f), "ab");
    CHECK_STR(get(&m), "ab");
    CHECK_INT(f.len, 2);
    CHECK(!f.changed && !m.changed);
    CHECK_INT(field_insert(&m, L'\n'), FIELD_CHANGED);
    CHECK_STR(get(&m), "ab\n");
    field_free(&f);
    field_free(&m);
}

static void
test_flags_moves_edits(void)
{
    struct field f;

    field_init(&f, 0, false);
    field_set(&f, "abc");
    show(&f, 10, 1);
    f.changed = false;
    CHECK_INT(field_key(&f, FK_LEFT, 10), FIELD_MOVED);
    CHECK_INT(field_key(&f, FK_HOME, 10), FIELD_MOVED);
    CHECK_INT(field_key(&f, FK_LEFT, 10), FIELD_NONE);
    CHECK_INT(field_key(&f, FK_UP, 10), FIELD_NONE);
    CHECK_INT(field_key(&f, FK_DOWN, 10), FIELD_NONE);
    CHECK_INT(field_key(&f, FK_END, 10), FIELD_MOVED);
    CHECK(!f.changed);                  /* moves are not edits */
    CHECK_INT(field_insert(&f, L'd'), FIELD_CHANGED);
    CHECK(f.changed);
    f.changed = false;
    CHECK_INT(field_insert(&f, 0x07), FIELD_REFUSED);
    CHECK(!f.changed);
    CHECK_INT(field_key(&f, FK_BACKSPACE, 10), FIELD_CHANGED);
    CHECK(f.changed);
    CHECK_STR(get(&f), "abc");
    field_free(&f);
}

/* ---- paste and field_set ---- */

static void
test_paste_overlong(void)
{
    struct field f;

    field_init(&f, 0, false);
    CHECK_INT(field_insert_utf8(&f, "a\xc0\xaf" "b", 4),
              FIELD_CHANGED | FIELD_REFUSED);
    CHECK_STR(get(&f), "ab");
    f.changed = false;
    /* Overlong "/" in three and four bytes, and an overlong "€". */
    CHECK_INT(field_insert_utf8(&f, "\xe0\x80\xaf", 3), FIELD_REFUSED);
    CHECK_INT(field_insert_utf8(&f, "\xf0\x80\x80\xaf", 4), FIELD_REFUSED);
    CHECK_INT(field_insert_utf8(&f, "\xf0\x82\x82\xac", 4), FIELD_REFUSED);
    /* A surrogate and a code point past U+10FFFF are not UTF-8 either. */
    CHECK_INT(field_insert_utf8(&f, "\xed\xa0\x80", 3), FIELD_REFUSED);
    CHECK_INT(field_insert_utf8(&f, "\xf4\x90\x80\x80", 4), FIELD_REFUSED);
    CHECK_INT(field_insert_utf8(&f, "\xff\xfe", 2), FIELD_REFUSED);
    CHECK_STR(get(&f), "ab");
    CHECK_INT(f.cursor, 2);
    CHECK(!f.changed);
    field_free(&f);
}

static void
test_paste_truncated(void)
{
    struct field f;

    field_init(&f, 0, false);
    /* 居 is e5 b1 85: its first two bytes, then a good character. */
    CHECK_INT(field_insert_utf8(&f, "\xe5\xb1" "x委", 6),
              FIELD_CHANGED | FIELD_REFUSED);
    CHECK_STR(get(&f), "x委");
    CHECK_INT(field_insert_utf8(&f, "会\xe5\xb1", 5),
              FIELD_CHANGED | FIELD_REFUSED);
    CHECK_STR(get(&f), "x委会");
    CHECK_INT(f.cursor, 3);
    f.changed = false;
    CHECK_INT(field_insert_utf8(&f, "\xf0\xa0\xae", 3), FIELD_REFUSED);
    CHECK_STR(get(&f), "x委会");
    CHECK(!f.changed);
    field_free(&f);
}

static void
test_paste_lone_continuation(void)
{
    struct field f;

    field_init(&f, 0, false);
    CHECK_INT(field_insert_utf8(&f, "\x80\xbf居\xbf", 6),
              FIELD_CHANGED | FIELD_REFUSED);
    CHECK_STR(get(&f), "居");
    CHECK_INT(f.len, 1);
    /* A NUL inside the pasted bytes is a control character too. */
    CHECK_INT(field_insert_utf8(&f, "a\0b", 3), FIELD_CHANGED | FIELD_REFUSED);
    CHECK_STR(get(&f), "居ab");
    field_free(&f);
}

static void
test_paste_controls_escapes(void)
{
    struct field f;

    field_init(&f, 0, false);
    CHECK_INT(field_insert_utf8(&f, "ab\x1b[31mred\x1b[0m", 14),
              FIELD_CHANGED | FIELD_REFUSED);
    CHECK_STR(get(&f), "abred");
    field_set(&f, "");
    paste(&f, "\x1b]0;title\x07x\x1b]2;t\x1b\\y");   /* OSC, BEL and ST */
    CHECK_STR(get(&f), "xy");
    field_set(&f, "");
    paste(&f, "\x1b[200~hi\x1b[201~");               /* bracketed paste */
    CHECK_STR(get(&f), "hi");
    field_set(&f, "");
    paste(&f, "a\tb\x7f\x01\x08" "c\xc2\x85" "d");     /* C0, DEL, NEL */
    CHECK_STR(get(&f), "abcd");
    field_set(&f, "");
    paste(&f, "\xc2\x9b" "1;2Hz\x1b" "(Bw\x1b");    /* C1 CSI, ESC ( B */
    CHECK_STR(get(&f), "zw");
    f.changed = false;
    CHECK_INT(field_insert_utf8(&f, "\x1b[K", 3), FIELD_REFUSED);
    CHECK_STR(get(&f), "zw");
    CHECK(!f.changed);
    field_free(&f);
}

static void
test_paste_newlines(void)
{
    struct field f, m;

    field_init(&f, 0, false);
    field_init(&m, 0, true);
    CHECK_INT(field_insert_utf8(&f, "a\r\nb\nc", 6),
              FIELD_CHANGED | FIELD_REFUSED);
    CHECK_STR(get(&f), "abc");
    /* A terminal pastes lines with CR; CRLF is one newline. */
    CHECK_INT(field_insert_utf8(&m, "a\r\nb\rc\nd", 8), FIELD_CHANGED);
    CHECK_STR(get(&m), "a\nb\nc\nd");
    CHECK_INT(m.len, 7);
    field_free(&f);
    field_free(&m);
}

static void
test_paste_partial_fit(void)
{
    struct field f;

    field_init(&f, 5, false);
    type(&f, "ab");
    CHECK_INT(field_insert_utf8(&f, "居委会工作", 15),
              FIELD_CHANGED | FIELD_REFUSED);
    CHECK_STR(get(&f), "ab居委会");
    CHECK_INT(f.cursor, 5);
    f.changed = false;
    CHECK_INT(field_insert_utf8(&f, "x", 1), FIELD_REFUSED);
    CHECK(!f.changed);
    /* Into the middle, and never a base without its combining mark. */
    field_key(&f, FK_HOME, 10);
    field_key(&f, FK_DELETE, 10);
    CHECK_INT(field_insert_utf8(&f, "e\xcc\x81", 3), FIELD_REFUSED);
    CHECK_STR(get(&f), "b居委会");
    CHECK_INT(field_insert_utf8(&f, "xyz", 3), FIELD_CHANGED | FIELD_REFUSED);
    CHECK_STR(get(&f), "xb居委会");
    CHECK_INT(f.cursor, 1);
    field_free(&f);
}

static void
test_set_invalid(void)
{
    struct field f;

    field_init(&f, 0, false);
    field_set(&f, "居\xff委\x1b[1m会\x01\xe5");
    CHECK_STR(get(&f), "居委会");
    CHECK_INT(f.len, 3);
    CHECK_INT(f.cursor, 3);
    CHECK(f.changed);
    f.changed = false;
    field_set(&f, "居委会");                       /* the same text */
    CHECK(!f.changed);
    field_set(&f, "\xcc\x81" "a\nb\tc");           /* orphan mark, controls */
    CHECK_STR(get(&f), "abc");
    CHECK(f.changed);
    field_set(&f, NULL);
    CHECK_STR(get(&f), "");
    CHECK_INT(f.len, 0);
    field_free(&f);
    field_init(&f, 2, false);
    field_set(&f, "居委会");
    CHECK_STR(get(&f), "居委");
    CHECK_INT(f.cursor, 2);
    field_free(&f);
}

static void
test_combining_marks(void)
{
    struct field f, m;

    field_init(&f, 0, false);
    CHECK_INT(field_insert(&f, 0x0301), FIELD_REFUSED);  /* nothing to mark */
    CHECK_INT(type(&f, "e\xcc\x81居"), FIELD_CHANGED);
    CHECK_STR(get(&f), "e\xcc\x81居");
    CHECK_INT(f.len, 3);
    CHECK_STR(show(&f, 6, 1), "e\xcc\x81居   @0,3");
    CHECK_INT(field_key(&f, FK_LEFT, 6), FIELD_MOVED);
    CHECK_INT(f.cursor, 2);
    CHECK_INT(field_key(&f, FK_LEFT, 6), FIELD_MOVED);
    CHECK_INT(f.cursor, 0);                 /* over é as one character */
    CHECK_INT(field_key(&f, FK_RIGHT, 6), FIELD_MOVED);
    CHECK_INT(f.cursor, 2);
    CHECK_STR(show(&f, 6, 1), "e\xcc\x81居   @0,1");
    /* A cursor put inside a cluster by hand goes to its start. */
    f.cursor = 1;
    CHECK_INT(field_key(&f, FK_RIGHT, 6), FIELD_MOVED);
    CHECK_INT(f.cursor, 2);
    CHECK_INT(field_key(&f, FK_BACKSPACE, 6), FIELD_CHANGED);
    CHECK_STR(get(&f), "居");
    CHECK_INT(f.cursor, 0);
    CHECK_INT(field_insert(&f, 0x0301), FIELD_REFUSED);
    type(&f, "a\xcc\x88\xcc\xa3");                 /* two marks on a */
    field_key(&f, FK_HOME, 6);
    CHECK_INT(field_key(&f, FK_DELETE, 6), FIELD_CHANGED);
    CHECK_STR(get(&f), "居");
    field_free(&f);

    field_init(&m, 0, true);
    type(&m, "a\n");
    CHECK_INT(field_insert(&m, 0x0301), FIELD_REFUSED);  /* line start */
    CHECK_STR(get(&m), "a\n");
    field_free(&m);
}

static void
test_four_byte_characters(void)
{
    struct field f;

    field_init(&f, 0, false);
    type(&f, "吉\xf0\xa0\xae\xb7");                 /* 𠮷, U+20BB7, width 2 */
    CHECK_STR(get(&f), "吉\xf0\xa0\xae\xb7");
    CHECK_INT(f.len, 2);
    CHECK_STR(show(&f, 5, 1), "吉\xf0\xa0\xae\xb7 @0,4");
    field_free(&f);
}

/* ---- multi-line ---- */

static void
test_multi_wrap_wide_at_row_end(void)
{
    struct field f;

    field_init(&f, 0, true);
    field_set(&f, "abcd居ef");
    /* 居 does not fit in column 4 of 5: it starts the next row. */
    CHECK_STR(show(&f, 5, 3), "abcd |居ef |     @1,4");
    field_key(&f, FK_HOME, 5);
    CHECK_STR(show(&f, 5, 3), "abcd |居ef |     @0,0");
    keys(&f, FK_RIGHT, 3, 5);
    CHECK_STR(show(&f, 5, 3), "abcd |居ef |     @0,3");
    /* The wrap point belongs to the row it starts. */
    CHECK_INT(field_key(&f, FK_RIGHT, 5), FIELD_MOVED);
    CHECK_INT(f.cursor, 4);
    CHECK_STR(show(&f, 5, 3), "abcd |居ef |     @1,0");
    field_free(&f);
}

static void
test_multi_newlines(void)
{
    struct field f;

    field_init(&f, 0, true);
    field_set(&f, "ab\n\n居");
    CHECK_STR(show(&f, 5, 4), "ab   |     |居   |     @2,2");
    CHECK_INT(field_key(&f, FK_HOME, 5), FIELD_MOVED);   /* line start */
    CHECK_INT(f.cursor, 4);
    CHECK_INT(field_key(&f, FK_BACKSPACE, 5), FIELD_CHANGED);
    CHECK_STR(get(&f), "ab\n居");
    CHECK_STR(show(&f, 5, 4), "ab   |居   |     |     @1,0");
    CHECK_INT(field_key(&f, FK_LEFT, 5), FIELD_MOVED);   /* before \n */
    CHECK_STR(show(&f, 5, 4), "ab   |居   |     |     @0,2");
    CHECK_INT(field_key(&f, FK_HOME, 5), FIELD_MOVED);
    CHECK_INT(field_key(&f, FK_RIGHT, 5), FIELD_MOVED);
    CHECK_INT(field_key(&f, FK_NEWLINE, 5), FIELD_CHANGED);
    CHECK_STR(get(&f), "a\nb\n居");
    CHECK_STR(show(&f, 5, 4), "a    |b    |居   |     @1,0");
    CHECK_INT(field_key(&f, FK_END, 5), FIELD_MOVED);
    CHECK_INT(f.cursor, 3);
    /* Ctrl-K at a newline joins the next line. */
    CHECK_INT(field_key(&f, FK_KILL_LINE, 5), FIELD_CHANGED);
    CHECK_STR(get(&f), "a\nb居");
    field_key(&f, FK_HOME, 5);
    CHECK_INT(field_key(&f, FK_KILL_LINE, 5), FIELD_CHANGED);
    CHECK_STR(get(&f), "a\n");
    CHECK_STR(show(&f, 5, 2), "a    |     @1,0");
    field_free(&f);
}

static void
test_multi_exact_fill(void)
{
    struct field f;

    field_init(&f, 0, true);
    field_set(&f, "abcd\nef");
    /* The end of a full line needs a column: it gets its own row. */
    CHECK_STR(show(&f, 4, 3), "abcd|    |ef  @2,2");
    CHECK_INT(field_key(&f, FK_UP, 4), FIELD_MOVED);
    CHECK_INT(f.cursor, 4);
    CHECK_STR(show(&f, 4, 3), "abcd|    |ef  @1,0");
    CHECK_INT(field_key(&f, FK_UP, 4), FIELD_MOVED);
    CHECK_STR(show(&f, 4, 3), "abcd|    |ef  @0,2");
    field_set(&f, "居委");
    CHECK_STR(show(&f, 4, 2), "居委|    @1,0");
    field_free(&f);
}

static void
test_multi_up_down_keep_column(void)
{
    struct field f;

    field_init(&f, 0, true);
    field_set(&f, "居委会工作\nabcdefg\nab\n0123456789");
    CHECK_STR(show(&f, 12, 4),
              "居委会工作  |abcdefg     |ab          |0123456789  @3,10");
    CHECK_INT(field_key(&f, FK_DOWN, 12), FIELD_NONE);
    field_key(&f, FK_HOME, 12);
    keys(&f, FK_RIGHT, 7, 12);
    CHECK_INT(field_key(&f, FK_UP, 12), FIELD_MOVED);
    CHECK_INT(f.cursor, 16);                           /* end of "ab" */
    CHECK_STR(show(&f, 12, 4),
              "居委会工作  |abcdefg     |ab          |0123456789  @2,2");
    CHECK_INT(field_key(&f, FK_UP, 12), FIELD_MOVED);
    CHECK_INT(f.cursor, 13);                           /* column 7 again */
    /* Column 7 is the right half of 工: the cursor goes onto 工. */
    CHECK_INT(field_key(&f, FK_UP, 12), FIELD_MOVED);
    CHECK_INT(f.cursor, 3);
    CHECK_INT(field_key(&f, FK_UP, 12), FIELD_NONE);
    CHECK_INT(f.cursor, 3);
    CHECK_INT(keys(&f, FK_DOWN, 3, 12), FIELD_MOVED);
    CHECK_INT(f.cursor, 24);                           /* '7' */
    /* Any other key forgets the goal column. */
    field_key(&f, FK_LEFT, 12);
    keys(&f, FK_UP, 2, 12);
    CHECK_INT(f.cursor, 12);                           /* column 6 */
    field_key(&f, FK_HOME, 12);
    keys(&f, FK_RIGHT, 3, 12);
    CHECK_INT(field_key(&f, FK_UP, 12), FIELD_MOVED);
    CHECK_INT(f.cursor, 1);                            /* 委 covers col 3 */
    CHECK_INT(field_key(&f, FK_DOWN, 12), FIELD_MOVED);
    CHECK_INT(f.cursor, 9);                            /* back to col 3 */
    field_free(&f);
}

static void
test_multi_vertical_scroll(void)
{
    static const struct step st[] = {
        { FK_UP, 0, M, "4  |5  @0,1" },
        { FK_UP, 0, M | S, "3  |4  @0,1" },
        { FK_DOWN, 0, M, "3  |4  @1,1" },
        { FK_DOWN, 0, M | S, "4  |5  @1,1" },
        /* A newline typed on the last visible row scrolls with the edit. */
        { FK_NEWLINE, 0, C | S, "5  |   @1,0" },
        /* Fewer rows than the height: back to the top. */
        { FK_CLEAR, 0, C | S, "   |   @0,0" },
    };
    struct field f;

    field_init(&f, 0, true);
    field_set(&f, "1\n2\n3\n4\n5");
    CHECK_STR(show(&f, 3, 2), "4  |5  @1,1");
    CHECK_INT(f.scroll, 3);
    script(&f, 3, 2, st, sizeof st / sizeof st[0]);
    CHECK_INT(f.scroll, 0);
    field_free(&f);
}

/* ---- random edits against independent recomputation ---- */

static unsigned long rnd_state = 12345;

static unsigned
rnd(unsigned n)
{
    rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)(rnd_state >> 33) % n;
}

/* What a one-line view must show, rebuilt from the text alone: whole
 * characters from column `scroll`, a blank for any cut by the edge. */
static void
expect_row(const struct field *f, int width, char *out, size_t size)
{
    int col = 0, shown = 0;
    size_t i = 0, n = 0;

    while (i < f->len && col < f->scroll)
        col += wcwidth(f->text[i++]);
    while (i < f->len && wcwidth(f->text[i]) == 0)
        i++;                               /* marks of a hidden base */
    out[0] = '\0';
    while (i < f->len) {
        int w = wcwidth(f->text[i]);
        char mb[16];

        if (shown + w > width)
            break;
        do {
            int l = wctomb(mb, f->text[i++]);

            memcpy(out + n, mb, (size_t)l);
            n += (size_t)l;
        } while (i < f->len && wcwidth(f->text[i]) == 0);
        shown += w;
    }
    for (; shown < width && n + 1 < size; shown++)
        out[n++] = ' ';
    out[n] = '\0';
}

/* Random keys and characters, the geometry changing every 50 steps. The
 * flags must tell the truth (no FIELD_CHANGED or FIELD_SCROLLED: the rows
 * are as before; FIELD_NONE: the cursor too), drawing twice must not move
 * the view, and one-line rows must match expect_row(). */
static void
test_random_edits(void)
{
    static const wchar_t pool[] = {
        L'a', L'b', L'Z', L' ', L'居', L'委', L'会', 0x20bb7, 0x0301, 0x1b,
        L'\t', L'\n', 0x7f,
    };
    static const int widths[] = { 1, 2, 3, 4, 5, 6, 7, 11 };
    static const char junk[] = "x\xe5\xb1\x85\x1b[1m\xcc\x81y\r\n\xc0";

    for (int round = 0; round < 2; round++) {
        bool multi = round == 1;
        struct field f;
        struct field_view prev = { 0 };
        int bad_row = 0, bad_col = 0, unstable = 0, bad_text = 0, lies = 0;
        int width = 5, height = 1;

        field_init(&f, 40, multi);
        for (int step = 0; step < 20000; step++) {
            struct field_view v, again;
            int r, scroll = f.scroll;
            size_t cursor = f.cursor;

            if (step % 50 == 0) {
                width = widths[rnd(8)];
                height = multi ? 1 + (int)rnd(4) : 1;
                field_view_free(&prev);
                field_view(&f, width, height, &prev);
                scroll = f.scroll;
            }
            if (rnd(50) == 0)
                r = field_insert_utf8(&f, junk, sizeof junk - 1);
            else if (rnd(3) == 0)
                r = field_insert(&f, pool[rnd(sizeof pool / sizeof pool[0])]);
            else
                r = field_key(&f, (enum field_key)(1 + rnd(FK_NEWLINE)), width);
            field_view(&f, width, height, &v);
            if (!(r & (FIELD_CHANGED | FIELD_SCROLLED))) {
                for (int k = 0; k < v.nrows; k++)
                    lies += strcmp(v.rows[k], prev.rows[k]) != 0;
                lies += f.scroll != scroll;
            }
            lies += r == FIELD_NONE && f.cursor != cursor;
            lies += (r & FIELD_SCROLLED) && f.scroll == scroll;
            scroll = f.scroll;
            field_view(&f, width, height, &again);
            unstable += f.scroll != scroll;
            for (int k = 0; k < v.nrows; k++) {
                unstable += strcmp(v.rows[k], again.rows[k]) != 0;
                bad_row += cols(v.rows[k]) != width;
            }
            bad_col += v.cur_col < 0 || v.cur_col >= width ||
                       v.cur_row < 0 || v.cur_row >= height;
            if (!multi) {
                char want[512];
                int cc = wcswidth(f.text, f.cursor);

                expect_row(&f, width, want, sizeof want);
                bad_row += strcmp(v.rows[0], want) != 0;
                if (width >= 2)
                    bad_col += v.cur_col != cc - f.scroll;
            }
            for (size_t i = 0; i < f.len; i++)
                bad_text += (f.text[i] == L'\n') ? !multi :
                            wcwidth(f.text[i]) < 0 ||
                            (wcwidth(f.text[i]) == 0 &&
                             (i == 0 || f.text[i - 1] == L'\n'));
            bad_text += f.len > 40 || f.cursor > f.len ||
                        (f.cursor < f.len && wcwidth(f.text[f.cursor]) == 0);
            field_view_free(&prev);
            field_view_free(&again);
            prev = v;
        }
        field_view_free(&prev);
        CHECK_INT(lies, 0);
        CHECK_INT(unstable, 0);
        CHECK_INT(bad_row, 0);
        CHECK_INT(bad_col, 0);
        CHECK_INT(bad_text, 0);
        field_free(&f);
    }
}

/* ---- any length ---- */

static char *
long_text(int reps, const char *unit)
{
    size_t ul = strlen(unit);
    char *s = malloc(ul * (size_t)reps + 1);

    for (int i = 0; i < reps; i++)
        memcpy(s + ul * (size_t)i, unit, ul);
    s[ul * (size_t)reps] = '\0';
    return s;
}

static void
test_long_one_line(void)
{
    char *text = long_text(20000, "居委会ab"), *got;   /* 100,000 characters */
    struct field f;

    field_init(&f, 0, false);
    CHECK_INT(field_insert_utf8(&f, text, strlen(text)), FIELD_CHANGED);
    CHECK_INT(f.len, 100000);
    got = field_get(&f);
    CHECK(strcmp(got, text) == 0);
    free(got);
    /* 160,000 columns; the last boundary at or after 159,981 is 159,982. */
    CHECK_STR(show(&f, 20, 1), "ab居委会ab居委会ab  @0,18");
    CHECK_INT(f.scroll, 159982);
    field_key(&f, FK_HOME, 20);
    CHECK_STR(show(&f, 20, 1), "居委会ab居委会ab居委@0,0");
    CHECK_INT(keys(&f, FK_RIGHT, 50000, 20) & ~(FIELD_MOVED | FIELD_SCROLLED), 0);
    CHECK_INT(f.cursor, 50000);
    CHECK_STR(show(&f, 20, 1), "居委会ab居委会ab居委@0,16");
    CHECK_INT(f.scroll, 79984);
    type(&f, "X");
    field_key(&f, FK_DELETE, 20);
    CHECK_INT(f.len, 100000);
    CHECK_STR(show(&f, 20, 1), "委会ab居委会abX委会a@0,15");
    field_key(&f, FK_BACKSPACE, 20);
    field_key(&f, FK_END, 20);
    CHECK_STR(show(&f, 20, 1), "ab居委会ab居委会ab  @0,18");
    field_free(&f);

    /* Typed one by one into a drawn field, then checked as a whole. */
    field_init(&f, 0, false);
    show(&f, 20, 1);
    {
        static const wchar_t unit[] = L"居委会ab";
        int bad = 0;

        for (int i = 0; i < 100000; i++)
            bad += (field_insert(&f, unit[i % 5]) & FIELD_CHANGED) == 0;
        CHECK_INT(bad, 0);
    }
    CHECK_STR(show(&f, 20, 1), "ab居委会ab居委会ab  @0,18");
    got = field_get(&f);
    CHECK(strcmp(got, text) == 0);
    free(got);
    CHECK_INT(field_key(&f, FK_CLEAR, 20), FIELD_CHANGED | FIELD_SCROLLED);
    CHECK_STR(show(&f, 20, 1), "                    @0,0");
    field_free(&f);
    free(text);
}

static void
test_long_multi_line(void)
{
    /* 2,000 lines of 49 characters and a newline: 100,000 characters. */
    char *text = long_text(2000, "居委会工作站abcdefghijklmnopqrstuvwxyz0123456789abcdefg\n");
    char *got;
    struct field f;

    field_init(&f, 0, true);
    CHECK_INT(field_insert_utf8(&f, text, strlen(text)), FIELD_CHANGED);
    CHECK_INT(f.len, 100000);
    got = field_get(&f);
    CHECK(strcmp(got, text) == 0);
    free(got);
    /* Each line is 55 columns: rows of 30 and 25 (+ the end column); the
     * text ends with a newline, so the cursor is on an empty last row. */
    CHECK_STR(show(&f, 30, 3),
              "居委会工作站abcdefghijklmnopqr|stuvwxyz0123456789abcdefg     |"
              "                              @2,0");
    CHECK_INT(f.scroll, 4000 - 2);
    field_key(&f, FK_UP, 30);
    field_key(&f, FK_UP, 30);
    CHECK_STR(show(&f, 30, 3),
              "居委会工作站abcdefghijklmnopqr|stuvwxyz0123456789abcdefg     |"
              "                              @0,0");
    CHECK_INT(f.cursor, 100000 - 50);
    field_free(&f);
    free(text);
}

int
main(void)
{
    if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
        printf("C.UTF-8 locale missing\n");
        return 1;
    }
    RUN(test_type_mixed);
    RUN(test_backspace_wide_middle);
    RUN(test_delete);
    RUN(test_home_end_columns);
    RUN(test_kill_and_clear);
    RUN(test_scroll_width5_typing);
    RUN(test_scroll_width5_mixed);
    RUN(test_scroll_width6);
    RUN(test_scroll_odd_width_never_past_edge);
    RUN(test_scroll_append_position);
    RUN(test_scroll_margin);
    RUN(test_max_chars);
    RUN(test_refused_characters);
    RUN(test_flags_moves_edits);
    RUN(test_paste_overlong);
    RUN(test_paste_truncated);
    RUN(test_paste_lone_continuation);
    RUN(test_paste_controls_escapes);
    RUN(test_paste_newlines);
    RUN(test_paste_partial_fit);
    RUN(test_set_invalid);
    RUN(test_combining_marks);
    RUN(test_four_byte_characters);
    RUN(test_multi_wrap_wide_at_row_end);
    RUN(test_multi_newlines);
    RUN(test_multi_exact_fill);
    RUN(test_multi_up_down_keep_column);
    RUN(test_multi_vertical_scroll);
    RUN(test_random_edits);
    RUN(test_long_one_line);
    RUN(test_long_multi_line);
    return CHECK_DONE();
}
