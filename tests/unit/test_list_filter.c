/* test_list_filter.c — the lists' shared helpers: the capped count and
 * what it adds to the filter line, the filter line's parts, the category
 * pick-list with its "any" entry, the committees a session sees. */
// links: src/ui/list_filter.c
#include <stdlib.h>

#include "check.h"
#include "fixture.h"
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

/* fixture.h's geography: c1 and c2 in east, c3 in west. */
static void
test_committees_the_session_sees(void)
{
    struct config cfg = { 0 };
    struct ctx c = { .cfg = &cfg };
    struct pick_item *v;
    size_t n;

    fixture_geography(&cfg);
    c.who.role = ROLE_STREET;
    snprintf(c.who.district, sizeof c.who.district, "east");
    v = list_filter_committees(&c, "All", &n);
    CHECK_INT(n, 3);
    CHECK_STR(v[0].id, "");
    CHECK_STR(v[0].name, "All");
    CHECK_STR(v[1].id, "c1");
    CHECK_STR(v[2].name, "和平社区");
    free(v);
    /* no "any" entry; a director sees the own committee only */
    c.who.role = ROLE_DIRECTOR;
    snprintf(c.who.committee, sizeof c.who.committee, "c3");
    v = list_filter_committees(&c, NULL, &n);
    CHECK_INT(n, 1);
    CHECK_STR(v[0].id, "c3");
    free(v);
    c.who.role = ROLE_ADMIN;
    v = list_filter_committees(&c, NULL, &n);
    CHECK_INT(n, 3);
    free(v);
}

int
main(void)
{
    RUN(test_count_up_to_the_cap_is_exact);
    RUN(test_count_past_the_cap_says_1000_plus);
    RUN(test_parts_and_categories);
    RUN(test_committees_the_session_sees);
    return CHECK_DONE();
}
