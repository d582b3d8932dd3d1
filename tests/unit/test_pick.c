// links: src/ui/pick.c
/* test_pick.c — pick-list filtering and the comma-separated values of
 * multi-choice (FT_MULTI) fields. */
#include <locale.h>
#include <stdlib.h>

#include "check.h"
#include "juwei/ui/pick.h"

static const struct pick_item tags[] = {
    { "dibao", "低保户" },
    { "unemployed", "失业人员" },
    { "alone", "独居老人" },
    { "disabled", "残疾人" },
};
#define NTAGS (sizeof tags / sizeof tags[0])

static void
test_filter_matches_name_or_id(void)
{
    CHECK(pick_match(&tags[2], ""));
    CHECK(pick_match(&tags[2], "老人"));
    CHECK(pick_match(&tags[2], "独"));
    CHECK(pick_match(&tags[2], "ALO"));        /* id, any case */
    CHECK(!pick_match(&tags[2], "低保"));
    CHECK(!pick_match(&tags[0], "老"));
    CHECK(!pick_match(&tags[0], "DIBAOX"));
}

static void
test_parse_ticks_the_ids_of_a_value(void)
{
    bool chosen[NTAGS] = { true, true, true, true };

    CHECK_INT(pick_parse("alone, dibao", tags, NTAGS, chosen), 0);
    CHECK(chosen[0] && !chosen[1] && chosen[2] && !chosen[3]);
    CHECK_INT(pick_parse("", tags, NTAGS, chosen), 0);
    CHECK(!chosen[0] && !chosen[1] && !chosen[2] && !chosen[3]);
    CHECK_INT(pick_parse(NULL, tags, NTAGS, chosen), 0);
}

static void
test_parse_counts_unknown_ids(void)
{
    bool chosen[NTAGS];

    CHECK_INT(pick_parse("gone,disabled,,old ", tags, NTAGS, chosen), 2);
    CHECK(!chosen[0] && !chosen[1] && !chosen[2] && chosen[3]);
}

static void
test_ids_join_in_list_order(void)
{
    bool chosen[NTAGS] = { false, true, false, true };
    bool none[NTAGS] = { false };
    char *s = pick_join_ids(tags, NTAGS, chosen);

    CHECK_STR(s, "unemployed,disabled");
    free(s);
    s = pick_join_ids(tags, NTAGS, none);
    CHECK_STR(s, "");
    free(s);
}

static void
test_parse_then_join_is_the_canonical_value(void)
{
    bool chosen[NTAGS];
    char *s;

    pick_parse(" disabled ,dibao,dibao", tags, NTAGS, chosen);
    s = pick_join_ids(tags, NTAGS, chosen);
    CHECK_STR(s, "dibao,disabled");
    free(s);
}

static void
test_names_follow_the_value(void)
{
    char *s = pick_join_names("alone,dibao,gone", tags, NTAGS, "、");

    CHECK_STR(s, "独居老人、低保户、gone");    /* an unknown id as itself */
    free(s);
    s = pick_join_names("", tags, NTAGS, "、");
    CHECK_STR(s, "");
    free(s);
    s = pick_join_names("disabled", tags, NTAGS, ", ");
    CHECK_STR(s, "残疾人");
    free(s);
}

int
main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    RUN(test_filter_matches_name_or_id);
    RUN(test_parse_ticks_the_ids_of_a_value);
    RUN(test_parse_counts_unknown_ids);
    RUN(test_ids_join_in_list_order);
    RUN(test_parse_then_join_is_the_canonical_value);
    RUN(test_names_follow_the_value);
    return CHECK_DONE();
}
