/* test_pinyin.c — pinyin initials: names, mixed text, dropped characters,
 * surname readings, and the table's coverage of common surnames. */
#include <stdlib.h>

#include "check.h"
#include "juwei/pinyin.h"

static void
check_initials(const char *in, const char *want)
{
    char *got = pinyin_initials(in);

    CHECK_STR(got, want);
    if (got != NULL && strcmp(got, want) != 0)
        printf("    input: \"%s\"\n", in);
    free(got);
}

static void
test_names(void)
{
    check_initials("张三丰", "zsf");
    check_initials("王秀英", "wxy");
    check_initials("李明", "lm");
    check_initials("欧阳娜娜", "oynn");
    check_initials("吕绿", "ll");        /* ü readings start with their consonant */
}

static void
test_mixed_ascii(void)
{
    check_initials("Li Ming 李明 3号楼", "liminglm3hl");
    check_initials("ABC张xyz", "abczxyz");
    check_initials("13812345678", "13812345678");
    check_initials("王A座", "waz");
}

static void
test_dropped(void)
{
    check_initials("张，三。", "zs");                 /* full-width punctuation */
    check_initials("张\xF0\x9F\x98\x80三", "zs");      /* emoji U+1F600 */
    check_initials("\xF0\xA0\x80\x80王", "w");         /* Extension B U+20000: no table */
    check_initials("〇号", "h");                      /* U+3007 is not in a block */
    check_initials("김王", "w");                      /* Hangul */
    check_initials("\xFF\xFE", "");                   /* invalid bytes */
    check_initials("\xE5\xBC", "");                   /* truncated 张 */
    check_initials("a\xE5\xBC" "b", "ab");
    check_initials("\xC0\xAF", "");                   /* overlong '/' */
    check_initials("-_ ()#@!\t\n", "");
    check_initials("", "");
    check_initials(NULL, "");
}

static void
test_extension_a(void)
{
    check_initials("\xE3\x90\x80", "q");   /* U+3400 㐀 qiū */
    CHECK_INT(pinyin_table_initial(0x3400), 'q');
    CHECK_INT(pinyin_table_initial(0x4E00), 'y');   /* 一 yī */
    CHECK_INT(pinyin_table_initial(0x9FA5), 'y');   /* 龥 yù, last of GB2312-era URO */
    CHECK_INT(pinyin_table_initial(0x33FF), 0);
    CHECK_INT(pinyin_table_initial(0xA000), 0);
    CHECK_INT(pinyin_table_initial('a'), 0);
}

/* A surname reads differently only as the first character of a name. */
static void
test_surname_readings(void)
{
    check_initials("单田芳", "stf");
    check_initials("简单", "jd");
    check_initials("曾国藩", "zgf");
    check_initials("不曾", "bc");
    check_initials("解缙", "xj");
    check_initials("了解", "lj");
    check_initials("区志强", "ozq");
    check_initials("社区", "sq");
    check_initials("覃海", "qh");
    check_initials("翟志刚", "zzg");
    check_initials("仇英", "qy");
    check_initials("查良镛", "zly");
    check_initials("长孙无忌", "cswj");
    check_initials("阚泽", "kz");
    check_initials("  单田芳", "stf");       /* leading spaces skipped */
    check_initials("\xE3\x80\x80单田芳", "stf");   /* and an ideographic space */
    check_initials("A单", "ad");             /* not first: dān */
    check_initials("王单", "wd");
    check_initials("乐嘉", "lj");            /* deliberately not overridden */
}

/* The 100 most common surnames with the initial of their surname reading:
 * every one must be in the table (and come out right). */
static const char common_surnames[] =
    "王w李l张z刘l陈c杨y黄h赵z吴w周z徐x孙s马m朱z胡h郭g何h林l高g罗l"
    "郑z梁l谢x宋s唐t许x韩h邓d冯f曹c彭p曾z肖x田t董d潘p袁y蔡c蒋j余y"
    "于y杜d叶y程c魏w苏s吕l丁d任r卢l姚y沈s钟z姜j崔c谭t陆l范f汪w廖l"
    "石s金j韦w贾j夏x付f方f邹z熊x白b孟m秦q邱q侯h江j尹y薛x闫y段d雷l"
    "龙l黎l史s陶t贺h毛m郝h顾g龚g邵s万w覃q武w钱q戴d严y莫m孔k向x常c";

static void
test_common_surnames(void)
{
    const char *p = common_surnames;
    int n = 0;

    while (*p != 0) {
        /* Every surname here is one 3-byte character and its letter. */
        char name[4], want[2] = { p[3], 0 };
        char *got;

        memcpy(name, p, 3);
        name[3] = 0;
        got = pinyin_initials(name);
        if (strcmp(got, want) != 0)
            printf("  surname %s: \"%s\", expected \"%s\"\n", name, got, want);
        CHECK_STR(got, want);
        free(got);
        p += 4;
        n++;
    }
    CHECK_INT(n, 100);
}

int
main(void)
{
    RUN(test_names);
    RUN(test_mixed_ascii);
    RUN(test_dropped);
    RUN(test_extension_a);
    RUN(test_surname_readings);
    RUN(test_common_surnames);
    return CHECK_DONE();
}
