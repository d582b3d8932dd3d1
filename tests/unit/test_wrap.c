// links: src/ui/wrap.c
/* test_wrap.c — breaking dialog and help text into lines by display
 * columns. Expected lines worked out by hand from the rules in wrap.h. */
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>

#include "check.h"
#include "juwei/text.h"
#include "juwei/ui/wrap.h"

/* Wraps text at cols and checks the lines against the NULL-terminated
 * list that follows, and that none is wider than cols. */
static void
expect(const char *text, int cols, ...)
{
    char **lines;
    int n = wrap_text(text, cols, &lines), i = 0;
    va_list ap;
    const char *want;

    va_start(ap, cols);
    while ((want = va_arg(ap, const char *)) != NULL) {
        if (i < n)
            CHECK_STR(lines[i], want);
        else
            CHECK_STR("(no line)", want);
        i++;
    }
    va_end(ap);
    CHECK_INT(n, i);
    for (int j = 0; j < n; j++)
        CHECK(text_width(lines[j]) <= (cols < 2 ? 2 : cols));
    wrap_free(lines, n);
}

static void
test_english_breaks_at_spaces(void)
{
    expect("Disable the account zhangsan? It can no longer log in; its "
           "records stay.", 20,
           "Disable the account", "zhangsan? It can no", "longer log in; its",
           "records stay.", NULL);
}

static void
test_text_that_fits_is_one_line(void)
{
    expect("short", 20, "short", NULL);
    expect("exactly ten", 11, "exactly ten", NULL);
}

static void
test_chinese_breaks_by_width(void)
{
    expect("停用后不能再登录已有的记录保留", 10,
           "停用后不能", "再登录已有", "的记录保留", NULL);
}

static void
test_odd_width_leaves_a_column_free(void)
{
    expect("中文字", 5, "中文", "字", NULL);
}

static void
test_no_line_starts_with_closing_punctuation(void)
{
    expect("停用后不能，再登录", 10, "停用后不", "能，再登录", NULL);
    expect("一二三四。", 8, "一二三", "四。", NULL);
}

static void
test_mixed_chinese_and_english(void)
{
    expect("停用账号 zhangsan 吗？", 12, "停用账号", "zhangsan", "吗？",
           NULL);
}

static void
test_long_word_is_cut(void)
{
    expect("abcdefghij", 4, "abcd", "efgh", "ij", NULL);
}

static void
test_newlines_and_empty_paragraphs(void)
{
    expect("a\n\nb", 10, "a", "", "b", NULL);
    expect("one\ntwo\n", 10, "one", "two", NULL);
    expect("", 10, NULL);
}

static void
test_narrow_width_still_progresses(void)
{
    expect("中文", 1, "中", "文", NULL);   /* cols below 2 count as 2 */
}

static void
test_invalid_bytes_take_a_column_each(void)
{
    expect("\xff\xfe\xfd", 2, "\xff\xfe", "\xfd", NULL);
}

int
main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    RUN(test_english_breaks_at_spaces);
    RUN(test_text_that_fits_is_one_line);
    RUN(test_chinese_breaks_by_width);
    RUN(test_odd_width_leaves_a_column_free);
    RUN(test_no_line_starts_with_closing_punctuation);
    RUN(test_mixed_chinese_and_english);
    RUN(test_long_word_is_cut);
    RUN(test_newlines_and_empty_paragraphs);
    RUN(test_narrow_width_still_progresses);
    RUN(test_invalid_bytes_take_a_column_each);
    return CHECK_DONE();
}
