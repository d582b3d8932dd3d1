/* fts.c — the "juwei" FTS5 tokenizer and safe MATCH expressions.
 *
 * A "unit" is one UTF-8 character, or one byte of an invalid sequence.
 * Spaces (is_space) separate words; every other unit is indexed, letters,
 * digits and punctuation alike, ASCII A-Z folded to a-z.
 *
 *   document: at each unit, its unigram, and colocated with it (same
 *             position) the bigram of it and the next unit when that is not
 *             a space. Spaces emit nothing and take no position.
 *   query:    a word of n units is the phrase of its n-1 overlapping
 *             bigrams followed by the unigram of its last unit (so a
 *             one-unit word is just its unigram).
 *
 * Why that equals LIKE '%word%': a bigram at position p is always unit p
 * followed by its neighbour in the text, so bigrams b0..bk at positions
 * p..p+k chain into the contiguous text b0[0] b1[0] .. bk[0] bk[1], which is
 * the word; and every occurrence of the word produces exactly that chain.
 * The closing unigram sits at p+k+1, on the unit bk ends with, so it adds
 * no condition; it is there because FTS5's highlight() and snippet() mark
 * a phrase from its first position to the end of the first token at its
 * last position, which is that unigram: the mark then covers exactly the
 * word. A one-unit word is its unigram, which every unit has. Spaces never
 * occur inside a word (fts_match splits on the same is_space), so no
 * bigram across a space is ever looked for, and none is stored. */
#include "juwei/fts.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "juwei/util.h"

#define NOT_A_CHAR 0xFFFFFFFFu   /* the code point of an invalid byte */

/* Reads the unit at s[0..n) (n >= 1), returning its byte length. */
static int
unit_at(const unsigned char *s, size_t n, uint32_t *cp)
{
    uint32_t c = s[0], min;
    int len, i;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2; c &= 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; c &= 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; c &= 0x07; min = 0x10000;
    } else {
        *cp = NOT_A_CHAR;
        return 1;
    }
    if ((size_t)len > n) {
        *cp = NOT_A_CHAR;
        return 1;
    }
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = NOT_A_CHAR;
            return 1;
        }
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        *cp = NOT_A_CHAR;
        return 1;
    }
    *cp = c;
    return len;
}

/* What separates words, for the tokenizer and fts_match alike: they must
 * agree, or a word could hold a character the index treats as a gap. */
static bool
is_space(uint32_t cp)
{
    return cp == ' ' || (cp >= '\t' && cp <= '\r')
        || cp == 0x85 || cp == 0xA0 || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200B)
        || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
        || cp == 0x3000 || cp == 0xFEFF;
}

/* Copies a unit into buf, folding ASCII case as SQLite's LIKE does (and
 * nothing else: LIKE does not fold Ａ to ａ or to a, nor do we). */
static int
fold(char *buf, const unsigned char *s, int len)
{
    memcpy(buf, s, (size_t)len);
    if (len == 1 && buf[0] >= 'A' && buf[0] <= 'Z')
        buf[0] = (char)(buf[0] - 'A' + 'a');
    return len;
}

typedef int (*token_fn)(void *ctx, int tflags, const char *token, int ntoken,
                        int start, int end);

/* The tokenizer keeps no state: one static object serves every table. */
static int tokenizer_instance;

static int
tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
    (void)ctx;
    (void)argv;
    if (argc != 0)
        return SQLITE_ERROR;   /* tokenize='juwei' takes no options */
    *out = (Fts5Tokenizer *)&tokenizer_instance;
    return SQLITE_OK;
}

static void
tok_delete(Fts5Tokenizer *t)
{
    (void)t;
}

static int
tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text,
             int ntext, token_fn token)
{
    const unsigned char *s = (const unsigned char *)text;
    bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
    int i = 0, rc = SQLITE_OK;

    (void)t;
    if (s == NULL)
        ntext = 0;
    while (i < ntext && rc == SQLITE_OK) {
        char buf[8];   /* two units of at most 4 bytes */
        uint32_t cp, next = NOT_A_CHAR;
        int len = unit_at(s + i, (size_t)(ntext - i), &cp), nlen = 0, n;

        if (is_space(cp)) {
            i += len;
            continue;
        }
        if (i + len < ntext) {
            nlen = unit_at(s + i + len, (size_t)(ntext - i - len), &next);
            if (is_space(next))
                nlen = 0;
        }
        n = fold(buf, s + i, len);
        if (!query) {
            rc = token(ctx, 0, buf, n, i, i + len);
            if (rc == SQLITE_OK && nlen > 0) {
                n += fold(buf + n, s + i + len, nlen);
                rc = token(ctx, FTS5_TOKEN_COLOCATED, buf, n, i, i + len + nlen);
            }
        } else if (nlen > 0) {
            n += fold(buf + n, s + i + len, nlen);
            rc = token(ctx, 0, buf, n, i, i + len + nlen);
        } else {
            rc = token(ctx, 0, buf, n, i, i + len);
        }
        i += len;
    }
    return rc;
}

static fts5_tokenizer tokenizer = {
    .xCreate = tok_create,
    .xDelete = tok_delete,
    .xTokenize = tok_tokenize,
};

static const char *sql_fts5_api = "SELECT fts5(?1)";

int
fts_register(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st;

    if (sqlite3_prepare_v2(db, sql_fts5_api, -1, &st, NULL) != SQLITE_OK)
        return -1;   /* no fts5() function: SQLite built without FTS5 */
    sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (api == NULL || api->iVersion < 2)
        return -1;
    if (api->xCreateTokenizer(api, "juwei", NULL, &tokenizer, NULL) != SQLITE_OK)
        return -1;
    return 0;
}

/* Writes the MATCH expression for s[0..n) into out (when not NULL) and
 * returns its length: the same walk measures, then fills. */
static size_t
build_match(const unsigned char *s, size_t n, char *out)
{
    size_t len = 0, i = 0;
    bool in_word = false;

#define PUT(c) do { if (out != NULL) out[len] = (c); len++; } while (0)
    while (i < n) {
        uint32_t cp;
        int ulen = unit_at(s + i, n - i, &cp);

        if (is_space(cp)) {
            if (in_word)
                PUT('"');
            in_word = false;
        } else {
            if (!in_word) {
                if (len > 0) {
                    for (const char *a = " AND "; *a != 0; a++)
                        PUT(*a);
                }
                PUT('"');
                in_word = true;
            }
            /* Inside an FTS5 string only '"' is special, written twice. */
            for (size_t k = 0; k < (size_t)ulen; k++) {
                if (s[i + k] == '"')
                    PUT('"');
                PUT((char)s[i + k]);
            }
        }
        i += ulen;
    }
    if (in_word)
        PUT('"');
#undef PUT
    return len;
}

char *
fts_match(const char *user_text)
{
    const unsigned char *s = (const unsigned char *)user_text;
    size_t n, len;
    char *out;

    if (s == NULL)
        return NULL;
    n = strlen(user_text);
    len = build_match(s, n, NULL);
    if (len == 0)
        return NULL;
    out = xmalloc(len + 1);
    build_match(s, n, out);
    out[len] = 0;
    return out;
}
