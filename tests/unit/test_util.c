/* test_util.c — the small helpers every module leans on: the directory
 * of a path, formatted allocation, errors with their field, the clock. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "juwei/util.h"

static void
test_dirname(void)
{
    static const struct {
        const char *path, *dir;
    } cases[] = {
        { "juwei.db", "." },
        { "/juwei.db", "/" },
        { "/var/lib/juwei/juwei.db", "/var/lib/juwei" },
        { "var/juwei.db", "var" },
        { "./juwei.ini", "." },
        { "/srv/导出/记录.csv", "/srv/导出" },
    };

    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char *dir = xdirname(cases[i].path);

        CHECK_STR(dir, cases[i].dir);
        free(dir);
    }
}

static void
test_asprintf(void)
{
    char *s = xasprintf("%s-%03d", "记录", 7);

    CHECK_STR(s, "记录-007");
    free(s);
    s = xstrndup("和平里社区", 6);     /* bytes: the first two characters */
    CHECK_STR(s, "和平");
    free(s);
}

static void
test_errors(void)
{
    struct error e = { 0 };

    CHECK_INT(error_set(&e, E_INVAL, "date", "bad %s", "day"), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.field, "date");
    CHECK_STR(e.msg, "bad day");
    error_clear(&e);
    CHECK_INT(e.code, 0);
    CHECK_STR(e.field, "");
    CHECK_STR(e.msg, "");
    /* NULL: the caller wants only the -1 */
    CHECK_INT(error_set(NULL, E_PERM, NULL, "no"), -1);
}

static void
test_clock(void)
{
    util_set_now(1750000000);
    CHECK(util_now() == 1750000000);
    util_set_now(0);
    CHECK(util_now() > 1750000000);
}

int
main(void)
{
    RUN(test_dirname);
    RUN(test_asprintf);
    RUN(test_errors);
    RUN(test_clock);
    return CHECK_DONE();
}
