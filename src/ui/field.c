/* field.c — the line editor behind every text field (see field.h).
 *
 * Invariants every function keeps:
 * - text holds no control characters (a newline only when multiline), no
 *   code point wcwidth() refuses, and never starts a line with a
 *   zero-width character: a combining mark always follows the character
 *   it decorates. A base character and the marks after it form a
 *   cluster; the cursor only ever sits on a cluster boundary, so every
 *   cluster is as wide as its base (1 or 2 columns).
 * - One-line: scroll is a cluster boundary, so the view is never cut on
 *   its left edge; a wide character straddling the right edge is drawn
 *   as a space.
 * - Multi-line: rows wrap by display width; every logical line also
 *   needs one column at its end for the cursor (before its newline, or
 *   the append position), so a line that fills the width exactly gets
 *   an extra row for that position rather than a cursor past the edge. */
#include "juwei/ui/field.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/util.h"

/* Columns are computed in long and stored in int (scroll, cur_col):
 * this cap keeps even a field of wide characters far inside int. */
#define FIELD_HARD_MAX ((size_t)INT_MAX / 4)

enum {
    ESC = 0x1b, BEL = 0x07,
    C1_DCS = 0x90, C1_SOS = 0x98, C1_CSI = 0x9b, C1_ST = 0x9c,
    C1_OSC = 0x9d, C1_PM = 0x9e, C1_APC = 0x9f,
};

struct buf {
    char  *s;
    size_t len, cap;
};

struct row {
    size_t start, end;     /* characters [start, end), no newline */
    bool   eol;            /* position `end` (before the newline or at
                            * the end of the text) belongs to this row */
};

struct layout {
    struct row *rows;
    size_t      n, cap;
};

/* ---- characters and clusters ---- */

static bool
is_mark(wchar_t c)
{
    return c != L'\0' && wcwidth(c) == 0;
}

static long
char_cols(wchar_t c)
{
    int w = (c == L'\n') ? 0 : wcwidth(c);

    return w > 0 ? w : 0;
}

static long
span_of(const wchar_t *w, size_t n)
{
    long cols = 0;

    for (size_t i = 0; i < n; i++)
        cols += char_cols(w[i]);
    return cols;
}

static long
span(const struct field *f, size_t a, size_t b)
{
    return span_of(f->text + a, b - a);
}

static size_t
prev_boundary(const struct field *f, size_t i)
{
    if (i == 0)
        return 0;
    i--;
    while (i > 0 && is_mark(f->text[i]))
        i--;
    return i;
}

static size_t
next_boundary(const struct field *f, size_t i)
{
    if (i >= f->len)
        return f->len;
    i++;
    while (i < f->len && is_mark(f->text[i]))
        i++;
    return i;
}

/* Whether wc may be stored right after `prev` (0: nothing before it). */
static bool
allowed(const struct field *f, wchar_t wc, wchar_t prev)
{
    int w;

    if (wc == L'\n')
        return f->multiline;
    /* Checked by value as well as by wcwidth, so no locale lets a
     * control or a surrogate in. */
    if (wc < 0x20 || (wc >= 0x7f && wc < 0xa0) ||
        (wc >= 0xd800 && wc <= 0xdfff) || wc > 0x10ffff)
        return false;
    w = wcwidth(wc);
    if (w < 0)
        return false;
    if (w == 0)
        return prev != L'\0' && prev != L'\n';
    return true;
}

static size_t
room(const struct field *f)
{
    size_t max = FIELD_HARD_MAX;

    if (f->max_chars != 0 && f->max_chars < max)
        max = f->max_chars;
    return f->len < max ? max - f->len : 0;
}

/* ---- UTF-8 in and out ---- */

/* Length of the well-formed UTF-8 character at s[0..n) and its value, or
 * 0 if none starts there: overlongs, surrogates, values past U+10FFFF and
 * truncated sequences are not well-formed. The caller drops one byte and
 * tries again, which drops a bad sequence's continuation bytes too. */
static size_t
utf8_decode(const unsigned char *s, size_t n, wchar_t *out)
{
    unsigned c = s[0], lo = 0x80, hi = 0xbf;
    uint32_t cp;
    size_t need;

    if (c < 0x80) {
        *out = (wchar_t)c;
        return 1;
    }
    if (c >= 0xc2 && c <= 0xdf) {
        need = 1;
        cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        need = 2;
        cp = c & 0x0f;
        if (c == 0xe0)
            lo = 0xa0;
        else if (c == 0xed)
            hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        need = 3;
        cp = c & 0x07;
        if (c == 0xf0)
            lo = 0x90;
        else if (c == 0xf4)
            hi = 0x8f;
    } else {
        return 0;
    }
    for (size_t k = 1; k <= need; k++) {
        unsigned b;

        if (k >= n)
            return 0;
        b = s[k];
        if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xbf))
            return 0;
        cp = cp << 6 | (b & 0x3f);
    }
    *out = (wchar_t)cp;
    return need + 1;
}

static void
buf_grow(struct buf *b, size_t more)
{
    size_t need = b->len + more + 1, cap = b->cap ? b->cap : 64;

    if (need <= b->cap)
        return;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    b->s = xreallocarray(b->s, cap, 1);
    b->cap = cap;
}

static void
buf_putwc(struct buf *b, wchar_t wc)
{
    uint32_t c = (uint32_t)wc;

    buf_grow(b, 4);
    if (c < 0x80) {
        b->s[b->len++] = (char)c;
    } else if (c < 0x800) {
        b->s[b->len++] = (char)(0xc0 | c >> 6);
        b->s[b->len++] = (char)(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
        b->s[b->len++] = (char)(0xe0 | c >> 12);
        b->s[b->len++] = (char)(0x80 | (c >> 6 & 0x3f));
        b->s[b->len++] = (char)(0x80 | (c & 0x3f));
    } else {
        b->s[b->len++] = (char)(0xf0 | c >> 18);
        b->s[b->len++] = (char)(0x80 | (c >> 12 & 0x3f));
        b->s[b->len++] = (char)(0x80 | (c >> 6 & 0x3f));
        b->s[b->len++] = (char)(0x80 | (c & 0x3f));
    }
    b->s[b->len] = '\0';
}

static void
buf_spaces(struct buf *b, long n)
{
    for (; n > 0; n--)
        buf_putwc(b, L' ');
}

static char *
buf_done(struct buf *b)
{
    buf_grow(b, 0);
    b->s[b->len] = '\0';
    return b->s;
}

/* Skips the escape sequence (ECMA-48) starting at w[i], an ESC or a C1
 * introducer, and returns the index after it: a pasted "\e[31m" goes
 * whole, not as a stray "[31m". An unterminated string sequence (OSC,
 * DCS …) runs to the end, as it would in a terminal. */
static size_t
skip_escape(const wchar_t *w, size_t n, size_t i)
{
    wchar_t c = w[i++];
    bool string = false;

    if (c == ESC) {
        if (i >= n)
            return i;
        c = w[i];
        if (c == L'[') {
            c = C1_CSI;
            i++;
        } else if (c == L']' || c == L'P' || c == L'X' || c == L'^' ||
                   c == L'_') {
            string = true;
            i++;
        } else {
            /* nF (intermediates then a final) or a two-character Fp/Fe/Fs */
            while (i < n && w[i] >= 0x20 && w[i] <= 0x2f)
                i++;
            if (i < n && w[i] >= 0x30 && w[i] <= 0x7e)
                i++;
            return i;
        }
    } else if (c == C1_OSC || c == C1_DCS || c == C1_SOS || c == C1_PM ||
               c == C1_APC) {
        string = true;
    }
    if (string) {
        for (; i < n; i++) {
            if (w[i] == BEL || w[i] == C1_ST)
                return i + 1;
            if (w[i] == ESC && i + 1 < n && w[i + 1] == L'\\')
                return i + 2;
        }
        return n;
    }
    if (c == C1_CSI) {
        while (i < n && w[i] >= 0x30 && w[i] <= 0x3f)
            i++;
        while (i < n && w[i] >= 0x20 && w[i] <= 0x2f)
            i++;
        if (i < n && w[i] >= 0x40 && w[i] <= 0x7e)
            i++;
    }
    return i;
}

/* Decodes s[0..n) into what the field may hold after `prev`: invalid
 * bytes, escape sequences and control characters dropped, CR and CRLF
 * made newlines in a multi-line field. *dropped tells whether anything
 * was left out. Returns a malloc'd array of *outn characters. */
static wchar_t *
filter_utf8(const struct field *f, const char *s, size_t n, wchar_t prev,
            size_t *outn, bool *dropped)
{
    const unsigned char *u = (const unsigned char *)s;
    wchar_t *w = xreallocarray(NULL, n + 1, sizeof *w);
    size_t m = 0, k = 0;

    *dropped = false;
    for (size_t i = 0; i < n;) {
        size_t l = utf8_decode(u + i, n - i, &w[m]);

        if (l == 0) {
            *dropped = true;
            i++;
        } else {
            m++;
            i += l;
        }
    }
    /* Then escapes and controls, in place: k ≤ i always. */
    for (size_t i = 0; i < m;) {
        wchar_t c = w[i];

        if (c == ESC || (c >= 0x90 && c <= 0x9f && c != C1_ST)) {
            i = skip_escape(w, m, i);
            *dropped = true;
            continue;
        }
        if (c == L'\r' && f->multiline) {
            c = L'\n';
            if (i + 1 < m && w[i + 1] == L'\n')
                i++;
        }
        i++;
        if (allowed(f, c, prev)) {
            w[k++] = c;
            prev = c;
        } else {
            *dropped = true;
        }
    }
    *outn = k;
    return w;
}

/* ---- the text and its caches ---- */

static void
ensure_cap(struct field *f, size_t need)
{
    size_t cap = f->cap ? f->cap : 16;

    if (f->text != NULL && need < f->cap)
        return;
    while (cap <= need)
        cap = cap > SIZE_MAX / 2 ? need + 1 : cap * 2;
    f->text = xreallocarray(f->text, cap, sizeof *f->text);
    f->cap = cap;
}

static void
sync_cols(struct field *f)
{
    if (f->cols_for_cursor == f->cursor && f->cols_for_len == f->len)
        return;
    f->cols_cursor = (size_t)span(f, 0, f->cursor);
    f->cols_total = f->cols_cursor + (size_t)span(f, f->cursor, f->len);
    f->cols_for_cursor = f->cursor;
    f->cols_for_len = f->len;
}

static void
cols_done(struct field *f)
{
    f->cols_for_cursor = f->cursor;
    f->cols_for_len = f->len;
}

/* Puts the text in a state every function can trust, whatever the owner
 * did to cursor: in range and on a cluster boundary. */
static void
normalize(struct field *f)
{
    ensure_cap(f, f->len);
    f->text[f->len] = L'\0';
    if (f->cursor > f->len)
        f->cursor = f->len;
    while (f->cursor > 0 && f->cursor < f->len && is_mark(f->text[f->cursor]))
        f->cursor--;
    sync_cols(f);
}

static void
text_insert(struct field *f, const wchar_t *w, size_t n)
{
    size_t add = (size_t)span_of(w, n);

    ensure_cap(f, f->len + n);
    memmove(f->text + f->cursor + n, f->text + f->cursor,
            (f->len - f->cursor + 1) * sizeof *f->text);
    memcpy(f->text + f->cursor, w, n * sizeof *w);
    f->len += n;
    f->cursor += n;
    f->cols_cursor += add;
    f->cols_total += add;
    cols_done(f);
    f->changed = true;
}

/* Deletes [a, b); the cursor is at a or b and ends at a. */
static void
text_delete(struct field *f, size_t a, size_t b)
{
    size_t gone = (size_t)span(f, a, b);

    if (f->cursor == b)
        f->cols_cursor -= gone;
    f->cols_total -= gone;
    memmove(f->text + a, f->text + b, (f->len - b + 1) * sizeof *f->text);
    f->len -= b - a;
    f->cursor = a;
    cols_done(f);
    f->changed = true;
}

static void
set_cursor(struct field *f, size_t j)
{
    if (j == 0)
        f->cols_cursor = 0;
    else if (j == f->len)
        f->cols_cursor = f->cols_total;
    else if (j > f->cursor)
        f->cols_cursor += (size_t)span(f, f->cursor, j);
    else
        f->cols_cursor -= (size_t)span(f, j, f->cursor);
    f->cursor = j;
    cols_done(f);
}

/* ---- one-line view ---- */

/* The cluster boundary nearest column x on one side (the largest at or
 * before it if down, else the smallest at or after it), walking from the
 * boundary (i, col); the ends of the text stop the walk. */
static long
snap(const struct field *f, size_t i, long col, long x, bool down)
{
    while (col < x && i < f->len) {
        size_t j = next_boundary(f, i);

        col += span(f, i, j);
        i = j;
    }
    while (i > 0) {
        size_t p = prev_boundary(f, i);
        long w = span(f, p, i);

        if (col - w < x) {
            if (down && col > x)
                col -= w;
            break;
        }
        col -= w;
        i = p;
    }
    return col;
}

static long
lmin(long a, long b)
{
    return a < b ? a : b;
}

static long
lmax(long a, long b)
{
    return a > b ? a : b;
}

/* Horizontal scroll, moved as little as possible and only to a cluster
 * boundary, within these bounds: the cursor's character whole; one
 * neighbouring character on each side (when both cannot show, as with
 * three wide characters in five columns, anywhere between the two is as
 * good, so the view keeps still until it must move); no blank columns on
 * the right while text is hidden on the left (the append position counts
 * as one column). The bounds do not depend on the old scroll and the
 * result lies within them, so a second call changes nothing: drawing
 * twice never moves the view. O(width): every walk starts at the cursor
 * or the end and stays within a field's width of it. */
static void
adjust_h(struct field *f, int width)
{
    size_t next = next_boundary(f, f->cursor);
    long cc = (long)f->cols_cursor, total = (long)f->cols_total;
    long wc = f->cursor < f->len ? span(f, f->cursor, next) : 1;
    long left = cc - span(f, prev_boundary(f, f->cursor), f->cursor);
    long right = cc + wc + span(f, next, next_boundary(f, next)) - width;
    long s = f->scroll, hard = cc + wc - width, lo, hi;

    if (hard > cc) {            /* narrower than the character itself */
        f->scroll = (int)cc;
        return;
    }
    lo = lmax(lmax(hard, lmin(left, right)), 0);
    hi = lmin(lmin(cc, lmax(left, right)),
              snap(f, f->len, total, total + 1 - width, false));
    lo = snap(f, f->cursor, cc, lo, false);
    hi = snap(f, f->cursor, cc, hi, true);
    if (lo > hi) {
        /* No boundary meets the soft bounds (a field of a few columns):
         * the cursor's character alone decides. */
        lo = snap(f, f->cursor, cc, lmax(hard, 0), false);
        hi = cc;
    }
    if (s < lo)
        s = lo;
    else if (s > hi)
        s = hi;
    else
        s = snap(f, f->cursor, cc, s, true);
    f->scroll = (int)s;
}

/* Draws the clusters of [i, end) into exactly `width` columns: the first
 * cluster that does not fit whole ends the row, and spaces pad it. */
static char *
render(const struct field *f, size_t i, size_t end, long width)
{
    struct buf b = { 0 };
    long col = 0;

    while (i < end) {
        size_t j = next_boundary(f, i);
        long w = span(f, i, j);

        if (col + w > width)
            break;
        for (; i < j; i++)
            buf_putwc(&b, f->text[i]);
        col += w;
    }
    buf_spaces(&b, width - col);
    return buf_done(&b);
}

static void
view_h(struct field *f, int width, struct field_view *v)
{
    size_t i = f->cursor;
    long col = (long)f->cols_cursor;

    adjust_h(f, width);
    while (col > f->scroll && i > 0) {
        size_t p = prev_boundary(f, i);

        col -= span(f, p, i);
        i = p;
    }
    v->rows = xcalloc(1, sizeof *v->rows);
    v->nrows = 1;
    v->rows[0] = render(f, i, f->len, width);
    v->cur_row = 0;
    v->cur_col = (int)((long)f->cols_cursor - f->scroll);
}

/* ---- multi-line layout ---- */

static void
push_row(struct layout *l, size_t start, size_t end, bool eol)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->rows = xreallocarray(l->rows, l->cap, sizeof *l->rows);
    }
    l->rows[l->n++] = (struct row){ start, end, eol };
}

static void
layout_build(const struct field *f, int width, struct layout *l)
{
    size_t i = 0;

    l->rows = NULL;
    l->n = l->cap = 0;
    for (;;) {
        size_t le = i, rs = i;
        long col = 0;

        while (le < f->len && f->text[le] != L'\n')
            le++;
        while (i < le) {
            size_t j = next_boundary(f, i);
            long w = span(f, i, j);

            /* A character wider than the whole field still gets a row. */
            if (col > 0 && col + w > width) {
                push_row(l, rs, i, false);
                rs = i;
                col = 0;
            }
            col += w;
            i = j;
        }
        if (col > 0 && col + 1 > width) {
            push_row(l, rs, le, false);
            rs = le;
        }
        push_row(l, rs, le, true);
        if (le == f->len)
            break;
        i = le + 1;
    }
}

/* The row holding position p: the last one starting at or before it (a
 * wrap point belongs to the row it starts). */
static size_t
layout_find(const struct layout *l, size_t p)
{
    size_t lo = 0, hi = l->n;

    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;

        if (l->rows[mid].start <= p)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The position in row r nearest column goal without passing it: the
 * character covering that column, or the row's last position. */
static size_t
row_seek(const struct field *f, const struct row *r, long goal)
{
    size_t p = r->start, best = p;
    long col = 0;

    while (col <= goal) {
        size_t q;

        best = p;
        if (p >= r->end)
            break;
        q = next_boundary(f, p);
        if (q == r->end && !r->eol)
            break;
        col += span(f, p, q);
        p = q;
    }
    return best;
}

static void
adjust_v(struct field *f, const struct layout *l, int height)
{
    long s = f->scroll < 0 ? 0 : f->scroll;
    long n = (long)l->n, cr = (long)layout_find(l, f->cursor);

    if (s > n - height)
        s = n - height;
    if (s < 0)
        s = 0;
    if (cr < s)
        s = cr;
    if (cr >= s + height)
        s = cr - height + 1;
    f->scroll = (int)s;
}

static void
view_v(struct field *f, int width, int height, struct field_view *v)
{
    struct layout l;
    size_t cr;

    layout_build(f, width, &l);
    adjust_v(f, &l, height);
    cr = layout_find(&l, f->cursor);
    v->rows = xcalloc((size_t)height, sizeof *v->rows);
    v->nrows = height;
    for (int r = 0; r < height; r++) {
        size_t k = (size_t)f->scroll + (size_t)r;

        if (k < l.n)
            v->rows[r] = render(f, l.rows[k].start, l.rows[k].end, width);
        else
            v->rows[r] = render(f, 0, 0, width);
    }
    v->cur_row = (int)(cr - (size_t)f->scroll);
    v->cur_col = (int)span(f, l.rows[cr].start, f->cursor);
    free(l.rows);
}

/* Brings the scroll in line with the cursor after a key or an edit, for
 * the geometry of the last view; FIELD_SCROLLED if it shifted. */
static int
rescroll(struct field *f, int width)
{
    int before = f->scroll;

    if (width < 1)
        return FIELD_NONE;
    if (!f->multiline) {
        adjust_h(f, width);
    } else if (f->view_height > 0) {
        struct layout l;

        layout_build(f, width, &l);
        adjust_v(f, &l, f->view_height);
        free(l.rows);
    }
    return f->scroll != before ? FIELD_SCROLLED : FIELD_NONE;
}

/* ---- the public face ---- */

void
field_init(struct field *f, size_t max_chars, bool multiline)
{
    memset(f, 0, sizeof *f);
    f->max_chars = max_chars;
    f->multiline = multiline;
    ensure_cap(f, 0);
    f->text[0] = L'\0';
}

void
field_free(struct field *f)
{
    free(f->text);
    f->text = NULL;
    f->len = f->cap = f->cursor = 0;
    f->cols_cursor = f->cols_total = f->cols_for_cursor = f->cols_for_len = 0;
}

void
field_set(struct field *f, const char *utf8)
{
    size_t n = 0, keep = 0;
    bool dropped;
    wchar_t *w;

    normalize(f);
    w = filter_utf8(f, utf8 != NULL ? utf8 : "", utf8 != NULL ? strlen(utf8) : 0,
                    L'\0', &n, &dropped);
    /* Cut at max_chars on a cluster boundary. */
    for (size_t lim = room(f) + f->len; keep < n;) {
        size_t e = keep + 1;

        while (e < n && is_mark(w[e]))
            e++;
        if (e > lim)
            break;
        keep = e;
    }
    if (keep != f->len || wmemcmp(w, f->text, keep) != 0)
        f->changed = true;
    ensure_cap(f, keep);
    wmemcpy(f->text, w, keep);
    f->text[keep] = L'\0';
    f->len = f->cursor = keep;
    f->cols_cursor = f->cols_total = (size_t)span(f, 0, keep);
    cols_done(f);
    f->scroll = 0;
    f->has_goal = false;
    free(w);
}

char *
field_get(const struct field *f)
{
    struct buf b = { 0 };

    for (size_t i = 0; f->text != NULL && i < f->len; i++)
        buf_putwc(&b, f->text[i]);
    return buf_done(&b);
}

int
field_insert(struct field *f, wchar_t wc)
{
    normalize(f);
    f->has_goal = false;
    if (!allowed(f, wc, f->cursor > 0 ? f->text[f->cursor - 1] : L'\0') ||
        room(f) == 0)
        return FIELD_REFUSED;
    text_insert(f, &wc, 1);
    return FIELD_CHANGED | rescroll(f, f->view_width);
}

int
field_insert_utf8(struct field *f, const char *s, size_t len)
{
    size_t n, take = 0, lim;
    bool dropped;
    wchar_t *w;
    int r = FIELD_NONE;

    normalize(f);
    f->has_goal = false;
    w = filter_utf8(f, s, len, f->cursor > 0 ? f->text[f->cursor - 1] : L'\0',
                    &n, &dropped);
    /* Whole clusters only: a base that fits without its marks stays out. */
    for (lim = room(f); take < n;) {
        size_t e = take + 1;

        while (e < n && is_mark(w[e]))
            e++;
        if (e > lim)
            break;
        take = e;
    }
    if (take > 0) {
        text_insert(f, w, take);
        r = FIELD_CHANGED | rescroll(f, f->view_width);
    }
    if (dropped || take < n)
        r |= FIELD_REFUSED;
    free(w);
    return r;
}

static size_t
line_start(const struct field *f, size_t i)
{
    while (i > 0 && f->text[i - 1] != L'\n')
        i--;
    return i;
}

static size_t
line_end(const struct field *f, size_t i)
{
    while (i < f->len && f->text[i] != L'\n')
        i++;
    return i;
}

/* Up/Down: to the nearest column on the adjacent display row, aiming at
 * the column where the vertical run started. */
static int
key_vertical(struct field *f, bool up, int width)
{
    struct layout l;
    size_t r;

    if (!f->multiline)
        return FIELD_NONE;
    layout_build(f, width, &l);
    r = layout_find(&l, f->cursor);
    if (up ? r == 0 : r + 1 >= l.n) {
        free(l.rows);
        return FIELD_NONE;
    }
    if (!f->has_goal) {
        f->goal_col = (int)span(f, l.rows[r].start, f->cursor);
        f->has_goal = true;
    }
    set_cursor(f, row_seek(f, &l.rows[up ? r - 1 : r + 1], f->goal_col));
    free(l.rows);
    return FIELD_MOVED;
}

static int
move_to(struct field *f, size_t j)
{
    if (j == f->cursor)
        return FIELD_NONE;
    set_cursor(f, j);
    return FIELD_MOVED;
}

static int
delete_to(struct field *f, size_t a, size_t b)
{
    if (a == b)
        return FIELD_NONE;
    text_delete(f, a, b);
    return FIELD_CHANGED;
}

int
field_key(struct field *f, enum field_key k, int width)
{
    int r = FIELD_NONE;
    size_t e;

    normalize(f);
    if (width < 1)
        width = 1;
    f->view_width = width;
    if (k != FK_UP && k != FK_DOWN)
        f->has_goal = false;
    switch (k) {
    case FK_LEFT:
        r = move_to(f, prev_boundary(f, f->cursor));
        break;
    case FK_RIGHT:
        r = move_to(f, next_boundary(f, f->cursor));
        break;
    case FK_HOME:
        r = move_to(f, f->multiline ? line_start(f, f->cursor) : 0);
        break;
    case FK_END:
        r = move_to(f, f->multiline ? line_end(f, f->cursor) : f->len);
        break;
    case FK_UP:
    case FK_DOWN:
        r = key_vertical(f, k == FK_UP, width);
        break;
    case FK_BACKSPACE:
        r = delete_to(f, prev_boundary(f, f->cursor), f->cursor);
        break;
    case FK_DELETE:
        r = delete_to(f, f->cursor, next_boundary(f, f->cursor));
        break;
    case FK_KILL_LINE:
        /* At a newline, Ctrl-K joins the next line (as in Emacs). */
        e = f->multiline ? line_end(f, f->cursor) : f->len;
        if (e == f->cursor && e < f->len)
            e++;
        r = delete_to(f, f->cursor, e);
        break;
    case FK_CLEAR:
        if (f->len > 0) {
            set_cursor(f, f->len);
            r = delete_to(f, 0, f->len);
        }
        break;
    case FK_NEWLINE:
        if (f->multiline)
            r = field_insert(f, L'\n');
        return r;
    }
    if (r & (FIELD_MOVED | FIELD_CHANGED))
        r |= rescroll(f, width);
    return r;
}

void
field_view(struct field *f, int width, int height, struct field_view *v)
{
    normalize(f);
    if (width < 1)
        width = 1;
    if (!f->multiline || height < 1)
        height = 1;
    f->view_width = width;
    f->view_height = height;
    memset(v, 0, sizeof *v);
    if (f->multiline)
        view_v(f, width, height, v);
    else
        view_h(f, width, v);
}

void
field_view_free(struct field_view *v)
{
    for (int r = 0; r < v->nrows; r++)
        free(v->rows[r]);
    free(v->rows);
    v->rows = NULL;
    v->nrows = 0;
}
