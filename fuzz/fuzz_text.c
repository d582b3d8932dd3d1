/* fuzz_text.c — text on its way to a terminal. Whatever bytes a record
 * holds (an import, an old database, an outside tool), text_clean() and
 * text_pad() must give valid UTF-8 with no control character, so no
 * escape sequence ever reaches anyone's terminal, and cut exactly to the
 * columns asked for. */
#include <string.h>

#include "fuzz.h"
#include "juwei/text.h"
#include "juwei/util.h"

#include <locale.h>

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setlocale(LC_ALL, "C.UTF-8");   /* wcwidth of Chinese */
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s, *clean, *pad;
    int cols, used = 0;
    size_t fit;

    if (size < 1)
        return 0;
    cols = data[0] % 48;
    s = xmalloc(size);
    memcpy(s, data + 1, size - 1);
    s[size - 1] = '\0';

    clean = text_clean(s);
    FUZZ_CHECK(text_valid_utf8(clean, strlen(clean)));
    FUZZ_CHECK(!text_has_controls(clean, false));
    FUZZ_CHECK(strchr(clean, '\x1b') == NULL);
    FUZZ_CHECK(text_width(clean) == text_width(s));

    pad = text_pad(s, cols, data[0] & 0x80);
    FUZZ_CHECK(text_valid_utf8(pad, strlen(pad)));
    FUZZ_CHECK(!text_has_controls(pad, false));
    FUZZ_CHECK(text_width(pad) == cols);
    free(pad);

    fit = text_fit(clean, cols, &used);
    FUZZ_CHECK(fit <= strlen(clean) && used <= cols);
    FUZZ_CHECK(text_valid_utf8(clean, fit));   /* never splits a character */
    if (text_valid_utf8(s, strlen(s)))
        FUZZ_CHECK(text_chars(s) <= strlen(s));
    free(clean);
    free(s);
    return 0;
}
