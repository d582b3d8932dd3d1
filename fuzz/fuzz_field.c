// links: src/ui/field.c
/* fuzz_field.c — the field editor behind every form field, fed what a
 * terminal can send: pastes of any bytes (invalid UTF-8, control and
 * escape sequences, very long text), single characters of any code, and
 * every editing key, on one-line and multi-line fields of any width.
 * After each step the field holds only text it may hold, within its
 * limit, and draws in exactly its width with the cursor inside. */
#include <locale.h>
#include <string.h>
#include <wchar.h>

#include "fuzz.h"
#include "juwei/text.h"
#include "juwei/ui/field.h"
#include "juwei/util.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setlocale(LC_ALL, "C.UTF-8");
    return 0;
}

static void
check_field(struct field *f, int width, int height)
{
    struct field_view v;
    char *s = field_get(f);

    FUZZ_CHECK(f->cursor <= f->len);
    FUZZ_CHECK(f->max_chars == 0 || f->len <= f->max_chars);
    FUZZ_CHECK(text_valid_utf8(s, strlen(s)));
    FUZZ_CHECK(!text_has_controls(s, f->multiline));
    FUZZ_CHECK(strchr(s, '\x1b') == NULL);
    for (size_t i = 0; i < f->len; i++) {
        if (f->text[i] == L'\n')
            FUZZ_CHECK(f->multiline);
        else
            FUZZ_CHECK(wcwidth(f->text[i]) >= 0);
    }
    free(s);

    field_view(f, width, height, &v);
    FUZZ_CHECK(v.nrows == (f->multiline ? height : 1));
    for (int r = 0; r < v.nrows; r++) {
        FUZZ_CHECK(text_valid_utf8(v.rows[r], strlen(v.rows[r])));
        FUZZ_CHECK(!text_has_controls(v.rows[r], false));
        FUZZ_CHECK(text_width(v.rows[r]) == width);
    }
    FUZZ_CHECK(v.cur_col >= 0 && v.cur_col < width);
    FUZZ_CHECK(v.cur_row >= 0 && v.cur_row < v.nrows);
    field_view_free(&v);
}

/* The input is a header (multi-line?, limit, width, height) and then
 * steps: an opcode byte and its operands. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct field f;
    size_t i = 4;
    int width, height;

    if (size < 4)
        return 0;
    field_init(&f, data[1] % 4 == 0 ? 0 : data[1], data[0] & 1);
    width = 1 + data[2] % 90;
    height = f.multiline ? 1 + data[3] % 6 : 1;
    while (i < size) {
        uint8_t op = data[i++];
        size_t n;

        switch (op % 6) {
        case 0:             /* a paste of the next n bytes */
        case 1:
            n = i < size ? data[i++] : 0;
            if (n > size - i)
                n = size - i;
            field_insert_utf8(&f, (const char *)data + i, n);
            i += n;
            break;
        case 2: {           /* one character, any code point at all */
            uint32_t wc = 0;

            for (int k = 0; k < 3 && i < size; k++)
                wc = wc << 8 | data[i++];
            field_insert(&f, (wchar_t)(wc % 0x110000));
            break;
        }
        case 3:             /* an editing key */
            field_key(&f, (enum field_key)(FK_LEFT + (op / 6) % FK_NEWLINE),
                      width);
            break;
        case 4:             /* the window changed */
            width = 1 + (op / 6) % 90;
            break;
        default:            /* a value loaded from the database */
            n = i < size ? data[i++] : 0;
            if (n > size - i)
                n = size - i;
            {
                char *s = xstrndup((const char *)data + i, n);

                field_set(&f, s);
                free(s);
            }
            i += n;
            break;
        }
        check_field(&f, width, height);
    }
    check_field(&f, width, height);
    field_free(&f);
    return 0;
}
