/* demo_people.c — the people of the demo data set (see demo_people.h):
 * names, addresses, ID numbers, phones, households, and the register as a
 * spreadsheet would hold it. */
#include "juwei/demo_people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/config.h"
#include "juwei/util.h"

struct wword {
    const char *s;
    unsigned    w;
};

static const char *
pick(struct demo_rng *r, const char *const *v, size_t n)
{
    return v[demo_text_below(r, (uint32_t)n)];
}

#define PICK(r, v) pick((r), (v), ARRAY_LEN(v))

static const char *
pick_weighted(struct demo_rng *r, const struct wword *v, size_t n)
{
    unsigned total = 0, x;

    for (size_t i = 0; i < n; i++)
        total += v[i].w;
    x = demo_text_below(r, total);
    for (size_t i = 0; i < n; i++) {
        if (x < v[i].w)
            return v[i].s;
        x -= v[i].w;
    }
    return v[n - 1].s;
}

/* --- names ----------------------------------------------------------- */

/* Surnames by their share of the population (per ten thousand, rounded;
 * the census of 2020), and a few compound ones. */
static const struct wword surnames[] = {
    { "王", 710 }, { "李", 700 }, { "张", 650 }, { "刘", 530 }, { "陈", 460 },
    { "杨", 310 }, { "黄", 230 }, { "赵", 220 }, { "吴", 200 }, { "周", 190 },
    { "徐", 150 }, { "孙", 150 }, { "马", 140 }, { "朱", 130 }, { "胡", 130 },
    { "郭", 110 }, { "何", 110 }, { "林", 100 }, { "高", 100 }, { "罗", 100 },
    { "郑", 90 }, { "梁", 90 }, { "谢", 80 }, { "宋", 70 }, { "唐", 70 },
    { "许", 70 }, { "韩", 70 }, { "冯", 60 }, { "邓", 60 }, { "曹", 60 },
    { "彭", 60 }, { "曾", 60 }, { "肖", 60 }, { "田", 50 }, { "董", 50 },
    { "潘", 50 }, { "袁", 50 }, { "蔡", 50 }, { "蒋", 50 }, { "余", 50 },
    { "于", 50 }, { "杜", 50 }, { "叶", 50 }, { "程", 40 }, { "魏", 40 },
    { "苏", 40 }, { "吕", 40 }, { "丁", 40 }, { "任", 40 }, { "卢", 40 },
    { "姚", 40 }, { "沈", 40 }, { "钟", 40 }, { "姜", 40 }, { "崔", 40 },
    { "谭", 30 }, { "陆", 30 }, { "范", 30 }, { "汪", 30 }, { "廖", 30 },
    { "石", 30 }, { "金", 30 }, { "韦", 30 }, { "贾", 30 }, { "夏", 30 },
    { "付", 30 }, { "方", 30 }, { "邹", 20 }, { "熊", 20 }, { "白", 20 },
    { "孟", 20 }, { "秦", 20 }, { "邱", 20 }, { "侯", 20 }, { "江", 20 },
    { "尹", 20 }, { "薛", 20 }, { "闫", 20 }, { "段", 20 }, { "雷", 20 },
    { "龙", 20 }, { "黎", 20 }, { "史", 20 }, { "陶", 20 }, { "贺", 20 },
    { "毛", 20 }, { "郝", 20 }, { "顾", 20 }, { "龚", 20 }, { "邵", 20 },
    { "万", 10 }, { "覃", 10 }, { "武", 10 }, { "钱", 10 }, { "戴", 10 },
    { "严", 10 }, { "莫", 10 }, { "孔", 10 }, { "向", 10 }, { "常", 10 },
    { "汤", 10 }, { "康", 10 }, { "易", 10 }, { "乔", 10 }, { "赖", 10 },
    { "文", 10 }, { "单", 4 }, { "欧阳", 4 }, { "司马", 1 }, { "诸葛", 1 },
    { "上官", 1 },
};

/* Given names as the generations were named. */
static const char *const old_m[] = {
    "建国", "建华", "国强", "国庆", "志强", "德明", "文华", "振华", "永生",
    "秀山", "长林", "福生", "国栋", "建军", "卫东", "学文", "玉林", "树森",
    "宝山", "金生", "保国", "明德", "俊", "强", "明", "军", "勇", "斌", "刚",
};
static const char *const old_f[] = {
    "秀英", "桂英", "秀兰", "玉兰", "桂兰", "淑珍", "凤英", "玉珍", "素珍",
    "翠兰", "秀珍", "玉梅", "淑英", "桂珍", "秀云", "凤兰", "玉华", "桂芳",
    "淑兰", "秀芳", "兰英", "金凤", "美华", "丽华", "淑华", "秀梅",
};
static const char *const mid_m[] = {
    "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "平", "辉",
    "鹏", "华", "飞", "波", "斌", "宇", "浩", "凯", "健", "俊", "帆", "建平",
    "海涛", "志刚", "晓东", "建伟", "海波", "文斌", "国华", "立新", "红军",
    "卫国", "志明", "晓明", "永刚", "春雷",
};
static const char *const mid_f[] = {
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "红", "梅",
    "琳", "洁", "莉", "颖", "倩", "晶", "丽娟", "海燕", "晓燕", "春梅",
    "红梅", "丽萍", "晓红", "雪梅", "丽丽", "婷婷", "静静", "秀芳",
};
static const char *const young_m[] = {
    "浩然", "宇轩", "子轩", "梓轩", "浩宇", "一鸣", "俊杰", "子豪", "博文",
    "皓轩", "明轩", "天佑", "子墨", "思远", "宇航", "嘉豪", "泽宇", "睿",
    "宸", "浩", "铭", "晨阳",
};
static const char *const young_f[] = {
    "欣怡", "子涵", "梓涵", "雨桐", "一诺", "诗涵", "可馨", "思彤", "语嫣",
    "梦瑶", "佳怡", "雨萱", "若曦", "欣妍", "紫萱", "婉清", "心怡", "佳琪",
    "梦琪", "诗琪",
};

void
demo_people_name(struct demo_rng *r, int female, int birth_year,
               const char *surname, char *buf, size_t size)
{
    const char *given;

    if (surname == NULL)
        surname = pick_weighted(r, surnames, ARRAY_LEN(surnames));
    if (birth_year < 1960)
        given = female ? PICK(r, old_f) : PICK(r, old_m);
    else if (birth_year < 1990)
        given = female ? PICK(r, mid_f) : PICK(r, mid_m);
    else
        given = female ? PICK(r, young_f) : PICK(r, young_m);
    snprintf(buf, size, "%s%s", surname, given);
}

void
demo_people_surname(const char *name, char *buf, size_t size)
{
    /* Compound surnames first: 欧阳 is not 欧 + 阳. */
    for (size_t i = 0; i < ARRAY_LEN(surnames); i++) {
        size_t n = strlen(surnames[i].s);

        if (n > 3 && strncmp(name, surnames[i].s, n) == 0) {
            snprintf(buf, size, "%s", surnames[i].s);
            return;
        }
    }
    snprintf(buf, size, "%.3s", name);
}

/* --- residents ------------------------------------------------------- */

void
demo_people_mobile(struct demo_rng *r, char *buf, size_t size)
{
    static const char *const pre[] = {
        "130", "131", "133", "135", "136", "137", "138", "139", "150", "151",
        "152", "153", "155", "158", "159", "177", "180", "186", "187", "188",
        "189", "199",
    };

    snprintf(buf, size, "%s%04d%04d", PICK(r, pre),
             demo_text_between(r, 0, 9999), demo_text_between(r, 0, 9999));
}

static void
landline(struct demo_rng *r, char *buf, size_t size)
{
    static const char *const area[] = { "010", "021", "027", "0755", "028",
                                        "025", "0571", "0531", "024", "029" };

    snprintf(buf, size, "%s%d%07d", PICK(r, area), demo_text_between(r, 2, 8),
             demo_text_between(r, 0, 9999999));
}

/* Region, birth date (never after `until`), sequence (odd for men), check
 * digit: the rule of GB 11643 that residents.c checks. */
static void
id_number(struct demo_rng *r, date_t until, int year, bool female, char *out)
{
    static const char *const regions[] = {
        "110105", "110108", "310104", "310115", "420106", "440305", "510107",
        "320102", "330106", "370102", "210102", "610113",
    };
    static const int weight[17] = {
        7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2,
    };
    int m = demo_text_between(r, 1, 12), d = demo_text_between(r, 1, 28);
    int seq = demo_text_between(r, 0, 499) * 2 + (female ? 0 : 1), sum = 0;
    int y, um, ud;

    date_to_ymd(until, &y, &um, &ud);
    if (year == y && (m > um || (m == um && d > ud))) {
        m = um;
        d = ud;
    }
    snprintf(out, 19, "%s%04d%02d%02d%03d", PICK(r, regions), year, m, d,
             seq);
    for (int i = 0; i < 17; i++)
        sum += (out[i] - '0') * weight[i];
    out[17] = "10X98765432"[sum % 11];
    out[18] = '\0';
}

void
demo_people_address_start(struct demo_address *a, int first_building)
{
    memset(a, 0, sizeof *a);
    a->building = first_building - 1;
}

void
demo_people_address_next(struct demo_address *a, struct demo_rng *r)
{
    do {
        if (++a->flat <= a->flats)
            continue;
        a->flat = 1;
        if (++a->floor <= a->floors)
            continue;
        a->floor = 1;
        if (++a->unit <= a->units)
            continue;
        a->unit = 1;
        a->building++;
        a->units = demo_text_between(r, 2, 6);
        a->floors = demo_text_between(r, 6, 18);
        a->flats = demo_text_between(r, 2, 4);
    } while (demo_text_chance(r, 100));
    snprintf(a->b, sizeof a->b, "%d", a->building);
    snprintf(a->u, sizeof a->u, "%d", a->unit);
    snprintf(a->room, sizeof a->room, "%d%02d", a->floor, a->flat);
}

static bool
has_tag(const struct cfg_list *l, const char *id)
{
    return config_item(l, id) != NULL;
}

static bool
name_taken(const struct demo_member *m, int n, const char *name)
{
    for (int i = 0; i < n; i++) {
        if (strcmp(m[i].name, name) == 0)
            return true;
    }
    return false;
}

/* Person i of a household; `surname` NULL for one drawn by frequency. */
static void
person(struct demo_rng *r, const struct cfg_list *tags,
       const struct demo_draw *tag_draw, date_t until, int year_now,
       struct demo_member *m, int i, int age, bool female,
       const char *surname, bool alone)
{
    struct demo_member *p = &m[i];

    memset(p, 0, sizeof *p);
    p->age = age;
    p->birth_year = year_now - age;
    p->gender = female ? "F" : "M";
    for (int tries = 0; tries == 0 || name_taken(m, i, p->name); tries++)
        demo_people_name(r, female, p->birth_year, tries < 8 ? surname : NULL,
                       p->name, sizeof p->name);
    if (demo_text_chance(r, 850))
        id_number(r, until, p->birth_year, female, p->id_number);
    if (age >= 75 && demo_text_chance(r, 400))
        landline(r, p->phone, sizeof p->phone);
    else if (age >= 16 && demo_text_chance(r, 900))
        demo_people_mobile(r, p->phone, sizeof p->phone);
    p->note = i == 0 ? demo_text_resident_note(r, age) : NULL;
    p->active = demo_text_chance(r, 960);
    if (alone && age >= 70 && has_tag(tags, "elderly_alone"))
        p->tags[p->ntags++] = "elderly_alone";
    if (age < 14 && demo_text_chance(r, 30) && has_tag(tags, "left_behind"))
        p->tags[p->ntags++] = "left_behind";
    if (age >= 18 && demo_text_chance(r, 220)) {
        int k = demo_text_draw(tag_draw, r);

        if (k >= 0)
            p->tags[p->ntags++] = tags->items[k].id;
        k = demo_text_draw(tag_draw, r);
        if (k >= 0 && p->ntags > 0 && demo_text_chance(r, 120) &&
            strcmp(tags->items[k].id, p->tags[p->ntags - 1]) != 0)
            p->tags[p->ntags++] = tags->items[k].id;
    }
}

int
demo_people_household(struct demo_rng *r, const struct cfg_list *tags,
                    const struct demo_draw *tag_draw, date_t until,
                    struct demo_member m[4])
{
    static const int size_w[] = { 25, 35, 25, 15 };   /* people: 1 2 3 4 */
    int y, mo, d, size = 1, head, x = (int)demo_text_below(r, 100);
    bool female = demo_text_chance(r, 500);
    char family[16];

    date_to_ymd(until, &y, &mo, &d);
    while (size < 4 && x >= size_w[size - 1]) {
        x -= size_w[size - 1];
        size++;
    }
    if (size == 1)
        head = demo_text_chance(r, 600) ? demo_text_between(r, 65, 92)
                                        : demo_text_between(r, 22, 64);
    else
        head = demo_text_between(r, 28, 80);
    person(r, tags, tag_draw, until, y, m, 0, head, female, NULL, size == 1);
    demo_people_surname(m[0].name, family, sizeof family);
    for (int i = 1; i < size; i++) {
        int age;

        if (i == 1 && (size > 2 || demo_text_chance(r, 700))) {
            age = head + demo_text_between(r, -5, 5);
            person(r, tags, tag_draw, until, y, m, i, age < 20 ? 20 : age,
                   !female, NULL, false);
            /* The children take the father's surname. */
            if (female)
                demo_people_surname(m[i].name, family, sizeof family);
        } else {
            age = head - demo_text_between(r, 22, 38);
            person(r, tags, tag_draw, until, y, m, i,
                   age < 0 ? demo_text_between(r, 0, 12) : age,
                   demo_text_chance(r, 500), family, false);
        }
    }
    return size;
}

static void
add(char *buf, size_t size, const char *s)
{
    size_t n = strlen(buf);

    if (n < size)
        snprintf(buf + n, size - n, "%s", s);
}

/* A CSV field, quoted when it must be. */
static void
csv_field(FILE *fp, const char *s, bool last)
{
    if (s != NULL && strpbrk(s, ",\"\n\r") != NULL) {
        fputc('"', fp);
        for (; *s != '\0'; s++) {
            if (*s == '"')
                fputc('"', fp);
            fputc(*s, fp);
        }
        fputc('"', fp);
    } else if (s != NULL) {
        fputs(s, fp);
    }
    fputs(last ? "\r\n" : ",", fp);
}

int
demo_people_csv(FILE *fp, const struct config *cfg, long n,
                        uint64_t seed, uint64_t stream, date_t until)
{
    struct demo_rng r;
    struct demo_draw tags;
    struct demo_member m[4];
    long made = 0;

    demo_text_seed(&r, seed, stream);
    demo_text_draw_list(&tags, &cfg->resident_tags, "tag");
    fputs("居委会,姓名,性别,出生年份,楼号,单元,房号,联系电话,身份证号,标签,"
          "备注\r\n", fp);
    for (size_t c = 0; c < cfg->ncommittees && made < n; c++) {
        long quota = (n - made) / (long)(cfg->ncommittees - c);
        struct demo_address a;

        /* Buildings from 100 on: a new estate, so that no one here is
         * already registered by the demo data set. */
        demo_people_address_start(&a, 100);
        for (long k = 0; k < quota;) {
            int size = demo_people_household(&r, &cfg->resident_tags, &tags,
                                           until, m);

            demo_people_address_next(&a, &r);
            for (int i = 0; i < size && k < quota; i++, k++, made++) {
                char year[8], tagtext[128] = "";

                snprintf(year, sizeof year, "%d", m[i].birth_year);
                for (int t = 0; t < m[i].ntags; t++) {
                    const struct cfg_item *it =
                        config_item(&cfg->resident_tags, m[i].tags[t]);

                    if (t > 0)
                        add(tagtext, sizeof tagtext, "、");
                    add(tagtext, sizeof tagtext, it->name);
                }
                csv_field(fp, cfg->committees[c].name, false);
                csv_field(fp, m[i].name, false);
                csv_field(fp, strcmp(m[i].gender, "F") == 0 ? "女" : "男",
                          false);
                csv_field(fp, year, false);
                csv_field(fp, a.b, false);
                csv_field(fp, a.u, false);
                csv_field(fp, a.room, false);
                csv_field(fp, m[i].phone, false);
                csv_field(fp, m[i].id_number, false);
                csv_field(fp, tagtext, false);
                csv_field(fp, m[i].note, true);
            }
        }
    }
    demo_text_draw_free(&tags);
    return ferror(fp) ? -1 : 0;
}
