/* test_list_filter.c — the records and inspections lists' shared
 * helpers: the capped count and what it adds to the filter line, the
 * filter line's parts, the category pick-list with its "any" entry. */
// links: src/ui/list_filter.c
#include <stdlib.h>

#include "check.h"
#include "juwei/page.h"
#include "juwei/ui/list_filter.h"

static void
test_count_up_to_the_cap_is_exact(void)
{
    char *desc = xstrdup("Find: 楼");

    CHECK_INT(list_filter_count(0, &desc), 0);
    CHECK_INT(list_filter_count(PAGE_COUNT_CAP, &desc), PAGE_COUNT_CAP);
    CHECK_INT(list_filter_count(-1, &desc), -1);    /* an error: no count */
    CHECK_STR(desc, "Find: 楼");
    free(desc);
}

static void
test_count_past_the_cap_says_1000_plus(void)
{
    char *desc = xstrdup("Find: 楼");

    CHECK_INT(list_filter_count(PAGE_COUNT_CAP + 1, &desc), -1);
    CHECK_STR(desc, "Find: 楼 · 1,000+ found");
    free(desc);
    desc = xstrdup("");
    CHECK_INT(list_filter_count(PAGE_COUNT_CAP + 1, &desc), -1);
    CHECK_STR(desc, "1,000+ found");
    free(desc);
}

static void
test_parts_and_categories(void)
{
    static struct cfg_item items[] = {
        { (char *)"visit", (char *)"入户走访" },
        { (char *)"meeting", (char *)"会议" },
    };
    struct cfg_list l = { items, 2 };
    struct list_choices c;
    char *s = xstrdup("");

    list_filter_add(&s, xstrdup("a"));
    list_filter_add(&s, xstrdup("乙"));
    CHECK_STR(s, "a · 乙");
    free(s);
    list_filter_categories(&l, "(any)", &c);
    CHECK_INT(c.n, 3);
    CHECK_STR(c.items[0].id, "");
    CHECK_STR(c.items[0].name, "(any)");
    CHECK_STR(c.items[2].id, "meeting");
    CHECK_STR(list_filter_name(&c, "visit"), "入户走访");
    CHECK_STR(list_filter_name(&c, ""), "?");      /* "any" is no name */
    CHECK_STR(list_filter_name(&c, "nosuch"), "?");
    list_filter_free(&c);
    CHECK(c.items == NULL && c.n == 0);
}

int
main(void)
{
    RUN(test_count_up_to_the_cap_is_exact);
    RUN(test_count_past_the_cap_says_1000_plus);
    RUN(test_parts_and_categories);
    return CHECK_DONE();
}
