/* test_fts.c — the "juwei" FTS5 tokenizer and fts_match: token streams,
 * and on a generated corpus of Chinese records the promise that MATCH finds
 * exactly the rows LIKE '%q%' finds, for stored, external-content and
 * contentless tables, before and after updates and deletes. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "juwei/fts.h"
#include "juwei/util.h"

/* ---- token streams ---------------------------------------------------- */

struct tokens {
    char text[1024];
    bool offsets;
};

static int
collect(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
    struct tokens *t = ctx;
    size_t len = strlen(t->text);

    /* "+" marks a token colocated with the one before it. */
    snprintf(t->text + len, sizeof t->text - len, "%s%.*s",
             len == 0 ? "" : (tflags & FTS5_TOKEN_COLOCATED) ? "+" : " ",
             ntok, tok);
    if (t->offsets) {
        len = strlen(t->text);
        snprintf(t->text + len, sizeof t->text - len, "@%d-%d", start, end);
    }
    return SQLITE_OK;
}

static fts5_api *
get_api(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st;

    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

/* The juwei tokenizer's output for text, as "tok tok+colocated ...". */
static const char *
tokenize(int flags, const char *text, bool offsets)
{
    static struct tokens t;
    sqlite3 *db;
    fts5_api *api;
    void *user = NULL;
    fts5_tokenizer tk;
    Fts5Tokenizer *tok = NULL;

    memset(&t, 0, sizeof t);
    t.offsets = offsets;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK)
        return "(open failed)";
    api = get_api(db);
    if (api == NULL || fts_register(db) != 0
        || api->xFindTokenizer(api, "juwei", &user, &tk) != SQLITE_OK
        || tk.xCreate(user, NULL, 0, &tok) != SQLITE_OK) {
        sqlite3_close(db);
        return "(no tokenizer)";
    }
    if (tk.xTokenize(tok, &t, flags, text, (int)strlen(text), collect) != SQLITE_OK)
        snprintf(t.text, sizeof t.text, "(tokenize failed)");
    tk.xDelete(tok);
    sqlite3_close(db);
    return t.text;
}

static void
test_tokens_document(void)
{
    const int D = FTS5_TOKENIZE_DOCUMENT;

    CHECK_STR(tokenize(D, "张三丰", false), "张+张三 三+三丰 丰");
    CHECK_STR(tokenize(D, "3号楼", false), "3+3号 号+号楼 楼");
    CHECK_STR(tokenize(D, "WiFi", false), "w+wi i+if f+fi i");
    CHECK_STR(tokenize(D, "138 5", false), "1+13 3+38 8 5");
    /* Spaces (ASCII, ideographic, newline) emit nothing and break pairs. */
    CHECK_STR(tokenize(D, " 张\xE3\x80\x80三\n", false), "张 三");
    CHECK_STR(tokenize(D, "a，b", false), "a+a， ，+，b b");
    CHECK_STR(tokenize(D, "\"*", false), "\"+\"* *");
    CHECK_STR(tokenize(D, "", false), "");
    CHECK_STR(tokenize(D, "   ", false), "");
    /* Full-width letters are not folded, as LIKE does not fold them. */
    CHECK_STR(tokenize(D, "Ａa", false), "Ａ+Ａa a");
    /* The AUX mode (highlight, snippet) sees what the index saw. */
    CHECK_STR(tokenize(FTS5_TOKENIZE_AUX, "张三丰", false), "张+张三 三+三丰 丰");
}

static void
test_tokens_offsets(void)
{
    /* Offsets are bytes of the original text, for highlight(). */
    CHECK_STR(tokenize(FTS5_TOKENIZE_DOCUMENT, "A张 b", true),
              "a@0-1+a张@0-4 张@1-4 b@5-6");
    CHECK_STR(tokenize(FTS5_TOKENIZE_QUERY, "A张b", true), "a张@0-4 张b@1-5 b@4-5");
}

static void
test_tokens_query(void)
{
    const int Q = FTS5_TOKENIZE_QUERY;

    CHECK_STR(tokenize(Q, "张", false), "张");
    CHECK_STR(tokenize(Q, "张三", false), "张三 三");
    CHECK_STR(tokenize(Q, "张三丰", false), "张三 三丰 丰");
    CHECK_STR(tokenize(Q, "幸福里社区3号楼", false),
              "幸福 福里 里社 社区 区3 3号 号楼 楼");
    CHECK_STR(tokenize(Q, "WIFI", false), "wi if fi i");
    CHECK_STR(tokenize(Q, "1234", false), "12 23 34 4");
    /* fts_match never puts a space inside a phrase; if another caller
     * does, each one-character piece still yields its unigram. */
    CHECK_STR(tokenize(Q, "张 三丰", false), "张 三丰 丰");
}

static void
test_tokens_invalid_utf8(void)
{
    /* An invalid byte is a unit of its own, the same in text and query. */
    CHECK_STR(tokenize(FTS5_TOKENIZE_DOCUMENT, "a\xFF", false), "a+a\xFF \xFF");
    CHECK_STR(tokenize(FTS5_TOKENIZE_DOCUMENT, "\xE5\xBC", false),
              "\xE5+\xE5\xBC \xBC");
}

/* ---- fts_match -------------------------------------------------------- */

static void
check_match(const char *in, const char *want)
{
    char *got = fts_match(in);

    CHECK_STR(got, want);
    free(got);
}

static void
test_match_expressions(void)
{
    check_match("张三", "\"张三\"");
    check_match("  张三   3号楼 ", "\"张三\" AND \"3号楼\"");
    check_match("张三\xE3\x80\x80李四", "\"张三\" AND \"李四\"");
    check_match("a\"b", "\"a\"\"b\"");
    check_match("\"", "\"\"\"\"");
    check_match("张* OR (李四)", "\"张*\" AND \"OR\" AND \"(李四)\"");
    check_match("title:x ^y NEAR(a", "\"title:x\" AND \"^y\" AND \"NEAR(a\"");
}

static void
test_match_empty(void)
{
    CHECK(fts_match(NULL) == NULL);
    CHECK(fts_match("") == NULL);
    CHECK(fts_match("   ") == NULL);
    CHECK(fts_match(" \t\n\r\xE3\x80\x80 ") == NULL);
    CHECK(fts_match("\xC2\xA0") == NULL);   /* no-break space */
}

/* ---- the corpus -------------------------------------------------------- */

static uint32_t rng = 20240601;

static uint32_t
rnd(uint32_t n)
{
    rng = rng * 1103515245u + 12345u;
    return (rng >> 8) % n;
}

#define PICK(a) (a)[rnd(ARRAY_LEN(a))]

static const char *const surnames[] = {
    "张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙",
    "马", "朱", "胡", "郭", "何", "林", "高", "罗", "曾", "单", "欧阳",
};
static const char *const given[] = {
    "三", "四", "秀英", "桂兰", "建国", "伟", "芳", "娜", "敏", "静", "丽",
    "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰",
    "霞", "平", "刚", "三丰", "国强", "志强", "淑珍",
};
static const char *const places[] = {
    "幸福里社区", "和平社区", "光明里", "建设路", "友谊新村", "新华街道",
    "东风小区", "红旗社区", "阳光花园", "翠湖苑", "人民路", "解放路",
};
static const char *const phrases[] = {
    "楼道堆放杂物", "路灯损坏", "垃圾分类宣传", "独居老人走访", "下水道堵塞",
    "电动车违规充电", "高空抛物", "噪音扰民", "消防通道占用", "低保户慰问",
    "疫苗接种提醒", "井盖缺失", "违章搭建", "邻里纠纷调解", "空巢老人探访",
    "水管漏水", "小区门禁故障", "楼道灯不亮", "流动人口登记", "社区活动通知",
};
/* ASCII, mixed case, and every character FTS5 syntax would care about. */
static const char *const asciis[] = {
    "WiFi", "Wang Fang", "ABC门禁", "Room 302", "Zone b", "QQ群", "x*y",
    "TOM AND JERRY", "on OR off", "NEAR(a b)", "title:foo", "^top", "(备注)",
    "50%", "a_b", "it's", "say \"hi\"", "C:\\temp", "Not now", "App v2.1",
};
static const char *const seps[] = { " ", "\xE3\x80\x80", "\n", "", "；", "，" };

/* Each rnd() gets its own statement or initialiser: the order C
 * evaluates function arguments in is unspecified, and the corpus must be
 * the same with every compiler. */
static void
make_name(char *buf, size_t size)
{
    const char *surname = PICK(surnames), *name = PICK(given);

    snprintf(buf, size, "%s%s", surname, name);
}

static void
make_place(char *buf, size_t size)
{
    const char *place = PICK(places);
    unsigned form = rnd(3), building = rnd(30) + 1, unit = rnd(6) + 1;
    unsigned storey = rnd(20) + 1, room = storey * 100 + rnd(4) + 1;

    if (form == 0)
        snprintf(buf, size, "%s%u号楼%u单元%u室", place, building, unit, room);
    else if (form == 1)
        snprintf(buf, size, "%s%u-%u-%u", place, building, unit, room);
    else
        snprintf(buf, size, "%s%u栋", place, building);
}

static void
make_phone(char *buf, size_t size)
{
    unsigned a = 130 + rnd(60), b = rnd(10000), c = rnd(10000);
    bool dashed = rnd(3) == 0;

    if (dashed)
        snprintf(buf, size, "%u-%04u-%04u", a, b, c);
    else
        snprintf(buf, size, "%u%04u%04u", a, b, c);
}

static void
make_row(char *title, char *details, size_t size)
{
    char name[64], name2[64], place[128], phone[32];
    const char *phrase = PICK(phrases), *phrase2 = PICK(phrases);
    const char *sep = PICK(seps), *sep2 = PICK(seps);
    const char *ascii = PICK(asciis), *ascii2 = rnd(2) ? PICK(asciis) : "";
    unsigned form = rnd(3);

    make_name(name, sizeof name);
    make_name(name2, sizeof name2);
    make_place(place, sizeof place);
    make_phone(phone, sizeof phone);
    if (form == 0)
        snprintf(title, size, "%s%s", name, phrase);
    else if (form == 1)
        snprintf(title, size, "%s%s%s", place, sep, phrase);
    else
        snprintf(title, size, "%s %s", ascii, phrase);
    snprintf(details, size, "%s，%s反映%s。联系人%s电话%s%s%s", place, name,
             phrase2, name2, phone, sep2, ascii2);
}

#define CORPUS_ROWS 3000

/* Written by hand so that the several-word queries below have rows. */
static const char *const extra_rows[][2] = {
    { "张三丰 OR 李四", "幸福里社区3号楼2单元 WiFi 13800001234" },
    { "王秀英来电", "和平社区3号楼 2单元，电话 139-0000-1234" },
};

static const char *const schema[] = {
    "CREATE TABLE docs(id INTEGER PRIMARY KEY, title TEXT, details TEXT)",
    /* the three ways a module may keep its index */
    "CREATE VIRTUAL TABLE fts_own USING fts5(title, details, tokenize='juwei')",
    "CREATE VIRTUAL TABLE fts_ext USING fts5(title, details, content='docs',"
    " content_rowid='id', tokenize='juwei')",
    "CREATE VIRTUAL TABLE fts_less USING fts5(title, details, content='',"
    " tokenize='juwei')",
    "CREATE TRIGGER docs_ai AFTER INSERT ON docs BEGIN"
    " INSERT INTO fts_own(rowid, title, details) VALUES (new.id, new.title, new.details);"
    " INSERT INTO fts_ext(rowid, title, details) VALUES (new.id, new.title, new.details);"
    " INSERT INTO fts_less(rowid, title, details) VALUES (new.id, new.title, new.details);"
    " END",
    "CREATE TRIGGER docs_ad AFTER DELETE ON docs BEGIN"
    " DELETE FROM fts_own WHERE rowid = old.id;"
    " INSERT INTO fts_ext(fts_ext, rowid, title, details)"
    "  VALUES ('delete', old.id, old.title, old.details);"
    " INSERT INTO fts_less(fts_less, rowid, title, details)"
    "  VALUES ('delete', old.id, old.title, old.details);"
    " END",
    "CREATE TRIGGER docs_au AFTER UPDATE ON docs BEGIN"
    " UPDATE fts_own SET title = new.title, details = new.details WHERE rowid = old.id;"
    " INSERT INTO fts_ext(fts_ext, rowid, title, details)"
    "  VALUES ('delete', old.id, old.title, old.details);"
    " INSERT INTO fts_ext(rowid, title, details) VALUES (new.id, new.title, new.details);"
    " INSERT INTO fts_less(fts_less, rowid, title, details)"
    "  VALUES ('delete', old.id, old.title, old.details);"
    " INSERT INTO fts_less(rowid, title, details) VALUES (new.id, new.title, new.details);"
    " END",
};

static const char *const fts_tables[] = { "fts_own", "fts_ext", "fts_less" };

static int
exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &err);

    if (rc != SQLITE_OK)
        printf("  sql error: %s\n    in: %s\n", err ? err : "?", sql);
    sqlite3_free(err);
    return rc;
}

static sqlite3 *
corpus_open(void)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    char title[512], details[512];

    rng = 20240601;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK)
        return NULL;
    CHECK_INT(fts_register(db), 0);
    for (size_t i = 0; i < ARRAY_LEN(schema); i++)
        CHECK_INT(exec(db, schema[i]), SQLITE_OK);
    exec(db, "BEGIN");
    sqlite3_prepare_v2(db, "INSERT INTO docs(title, details) VALUES (?1, ?2)",
                       -1, &st, NULL);
    for (int i = 0; i < CORPUS_ROWS; i++) {
        make_row(title, details, sizeof title);
        sqlite3_bind_text(st, 1, title, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, details, -1, SQLITE_STATIC);
        CHECK_INT(sqlite3_step(st), SQLITE_DONE);
        sqlite3_reset(st);
    }
    for (size_t i = 0; i < ARRAY_LEN(extra_rows); i++) {
        sqlite3_bind_text(st, 1, extra_rows[i][0], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, extra_rows[i][1], -1, SQLITE_STATIC);
        CHECK_INT(sqlite3_step(st), SQLITE_DONE);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    exec(db, "COMMIT");
    return db;
}

/* ---- row sets ---------------------------------------------------------- */

struct rows {
    int64_t *id;
    size_t   n;
    bool     error;
};

static void
rows_free(struct rows *r)
{
    free(r->id);
    memset(r, 0, sizeof *r);
}

/* The ids a one-parameter query returns, ascending. */
static struct rows
query_rows(sqlite3 *db, const char *sql, const char *param)
{
    struct rows r = { NULL, 0, false };
    sqlite3_stmt *st;
    size_t cap = 0;
    int rc;

    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        printf("  prepare: %s\n", sqlite3_errmsg(db));
        r.error = true;
        return r;
    }
    sqlite3_bind_text(st, 1, param, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (r.n == cap) {
            cap = cap ? cap * 2 : 64;
            r.id = xreallocarray(r.id, cap, sizeof *r.id);
        }
        r.id[r.n++] = sqlite3_column_int64(st, 0);
    }
    if (rc != SQLITE_DONE) {
        printf("  step: %s (param \"%s\")\n", sqlite3_errmsg(db), param);
        r.error = true;
    }
    sqlite3_finalize(st);
    return r;
}

static void
rows_intersect(struct rows *a, const struct rows *b)
{
    size_t i = 0, j = 0, n = 0;

    while (i < a->n && j < b->n) {
        if (a->id[i] < b->id[j]) {
            i++;
        } else if (a->id[i] > b->id[j]) {
            j++;
        } else {
            a->id[n++] = a->id[i];
            i++;
            j++;
        }
    }
    a->n = n;
    a->error |= b->error;
}

static bool
rows_equal(const struct rows *a, const struct rows *b)
{
    return !a->error && !b->error && a->n == b->n
        && (a->n == 0 || memcmp(a->id, b->id, a->n * sizeof *a->id) == 0);
}

/* Byte length of the UTF-8 character at s (the corpus is valid UTF-8). */
static size_t
char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;

    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static bool
is_sep(const char *s)
{
    return *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'
        || strncmp(s, "\xE3\x80\x80", 3) == 0;
}

/* The reference: rows where every space-separated word occurs somewhere
 * in title or details, by LIKE with %, _ and \ escaped. */
static struct rows
like_rows(sqlite3 *db, const char *text)
{
    static const char *sql =
        "SELECT id FROM docs WHERE title LIKE ?1 ESCAPE '\\'"
        " OR details LIKE ?1 ESCAPE '\\' ORDER BY id";
    struct rows all = { NULL, 0, false };
    bool first = true;
    const char *s = text;

    while (*s != 0) {
        char pat[1024];
        size_t n = 0;
        struct rows r;

        while (*s != 0 && is_sep(s))
            s += char_len(s);
        if (*s == 0)
            break;
        pat[n++] = '%';
        while (*s != 0 && !is_sep(s) && n < sizeof pat - 8) {
            if (*s == '%' || *s == '_' || *s == '\\')
                pat[n++] = '\\';
            pat[n++] = *s++;
        }
        pat[n++] = '%';
        pat[n] = 0;
        r = query_rows(db, sql, pat);
        if (first) {
            all = r;
            first = false;
        } else {
            rows_intersect(&all, &r);
            rows_free(&r);
        }
    }
    return all;
}

static struct rows
match_rows(sqlite3 *db, const char *table, const char *text)
{
    static const char *sql[] = {
        "SELECT rowid FROM fts_own WHERE fts_own MATCH ?1 ORDER BY rowid",
        "SELECT rowid FROM fts_ext WHERE fts_ext MATCH ?1 ORDER BY rowid",
        "SELECT rowid FROM fts_less WHERE fts_less MATCH ?1 ORDER BY rowid",
    };
    char *expr = fts_match(text);
    struct rows r = { NULL, 0, expr == NULL };

    for (size_t i = 0; expr != NULL && i < ARRAY_LEN(fts_tables); i++)
        if (strcmp(table, fts_tables[i]) == 0)
            r = query_rows(db, sql[i], expr);
    free(expr);
    return r;
}

/* Compares MATCH with LIKE for `text` on every kind of table; returns how
 * many rows matched, or -1 when they disagree. */
static long
compare(sqlite3 *db, const char *text)
{
    struct rows like = like_rows(db, text);
    long n = like.error ? -1 : (long)like.n;

    for (size_t i = 0; i < ARRAY_LEN(fts_tables); i++) {
        struct rows m = match_rows(db, fts_tables[i], text);

        if (!rows_equal(&m, &like)) {
            printf("  %s: \"%s\": MATCH %zu rows, LIKE %zu rows\n",
                   fts_tables[i], text, m.n, like.n);
            n = -1;
        }
        rows_free(&m);
    }
    rows_free(&like);
    return n;
}

/* A query of `chars` characters cut from a random row, or false when the
 * cut would hold a space or run past the end. */
static bool
sample_query(sqlite3 *db, int chars, char *out, size_t size)
{
    static const char *sql = "SELECT title || '\n' || details FROM docs"
                             " WHERE id = ?1";
    sqlite3_stmt *st;
    bool ok = false;

    sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    sqlite3_bind_int64(st, 1, 1 + rnd(CORPUS_ROWS));
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *s = (const char *)sqlite3_column_text(st, 0);
        size_t total = 0, start, len = 0;

        for (const char *p = s; *p != 0; p += char_len(p))
            total++;
        start = rnd((uint32_t)total);
        while (start-- > 0)
            s += char_len(s);
        ok = true;
        for (int k = 0; k < chars && ok; k++) {
            if (s[len] == 0 || is_sep(s + len)) {
                ok = false;
                break;
            }
            len += char_len(s + len);
        }
        if (ok && len < size) {
            memcpy(out, s, len);
            out[len] = 0;
        } else {
            ok = false;
        }
    }
    sqlite3_finalize(st);
    return ok;
}

/* Swaps ASCII case; true when anything changed. */
static bool
swap_case(char *s)
{
    bool changed = false;

    for (; *s != 0; s++) {
        if (*s >= 'a' && *s <= 'z') {
            *s = (char)(*s - 'a' + 'A');
            changed = true;
        } else if (*s >= 'A' && *s <= 'Z') {
            *s = (char)(*s - 'A' + 'a');
            changed = true;
        }
    }
    return changed;
}

static const char *const fixed_queries[] = {
    /* names, places, phrases, of one to seven characters */
    "张", "三", "张三", "王秀英", "张三丰", "欧阳", "社区", "幸福里社区",
    "幸福里社区3号楼", "3号楼", "2单元", "楼道堆放杂物", "路灯损坏", "区3",
    "号楼2", "101室", "独居老人走访", "电动车违规充电", "解放路",
    /* digits */
    "1", "13", "138", "1234", "00", "-", "-1", "13800001234", "0000123",
    /* ASCII in either case, FTS5 syntax characters as text */
    "wifi", "WIFI", "Wi", "abc", "ABC门", "room 302", "and", "AND", "or",
    "NEAR", "near(a", "title:foo", "title:", ":", "^", "^top", "(", ")",
    "(备注)", "*", "x*y", "\"", "\"hi\"", "'", "it's", "%", "50%", "_", "a_b",
    "\\", "c:\\temp", "v2.1", ".",
    /* several words: all must occur */
    "张 楼道", "社区 WiFi 13", "张三 OR 李四", "NOT 路灯", "3号楼 2单元",
};

static const char *const absent_queries[] = {
    "不存在", "zzzz", "张三丰丰", "社区社区", "3号楼2单元 不存在", "wifi5",
};

static void
test_like_fixed(void)
{
    sqlite3 *db = corpus_open();

    for (size_t i = 0; i < ARRAY_LEN(fixed_queries); i++) {
        long n = compare(db, fixed_queries[i]);

        CHECK(n >= 0);
        /* An equality of empty sets would prove little: each one occurs. */
        if (n == 0)
            printf("  no rows for \"%s\"\n", fixed_queries[i]);
        CHECK(n > 0);
    }
    for (size_t i = 0; i < ARRAY_LEN(absent_queries); i++)
        CHECK_INT(compare(db, absent_queries[i]), 0);
    sqlite3_close(db);
}

/* Cut from the corpus itself, so each one matches at least one row. */
static void
test_like_sampled(void)
{
    static const int lengths[] = { 1, 2, 3, 7 };
    sqlite3 *db = corpus_open();
    int tried[4] = { 0 }, swapped = 0;

    for (size_t l = 0; l < ARRAY_LEN(lengths); l++) {
        for (int attempt = 0; attempt < 5000 && tried[l] < 150; attempt++) {
            char q[128];
            long n;

            if (!sample_query(db, lengths[l], q, sizeof q))
                continue;
            n = compare(db, q);
            CHECK(n > 0);
            tried[l]++;
        }
        CHECK_INT(tried[l], 150);
    }
    /* ASCII is rarer in the corpus: sample until enough queries hold a
     * letter, and ask each in swapped case too. */
    for (int attempt = 0; attempt < 50000 && swapped < 100; attempt++) {
        char q[128], other[128];
        long n;

        if (!sample_query(db, lengths[attempt % 4], q, sizeof q))
            continue;
        memcpy(other, q, sizeof q);
        if (!swap_case(other))
            continue;
        n = compare(db, q);
        CHECK(n > 0);
        CHECK_INT(compare(db, other), n);
        swapped++;
    }
    CHECK_INT(swapped, 100);
    sqlite3_close(db);
}

/* Edited and deleted rows leave every kind of index agreeing with LIKE,
 * and FTS5's own check finds the index consistent with the text. */
static void
test_like_after_changes(void)
{
    sqlite3 *db = corpus_open();
    sqlite3_stmt *st;
    char title[512], details[512];

    exec(db, "BEGIN");
    sqlite3_prepare_v2(db, "UPDATE docs SET title = ?1, details = ?2"
                       " WHERE id = ?3", -1, &st, NULL);
    for (int i = 0; i < 300; i++) {
        make_row(title, details, sizeof title);
        sqlite3_bind_text(st, 1, title, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, details, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, 1 + rnd(CORPUS_ROWS));
        CHECK_INT(sqlite3_step(st), SQLITE_DONE);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    CHECK_INT(exec(db, "DELETE FROM docs WHERE id % 7 = 3"), SQLITE_OK);
    CHECK_INT(exec(db, "UPDATE docs SET details = '张三丰 3号楼 WiFi'"
                   " WHERE id % 11 = 5"), SQLITE_OK);
    exec(db, "COMMIT");

    CHECK_INT(exec(db, "INSERT INTO fts_own(fts_own) VALUES ('integrity-check')"),
              SQLITE_OK);
    CHECK_INT(exec(db, "INSERT INTO fts_ext(fts_ext) VALUES ('integrity-check')"),
              SQLITE_OK);
    for (size_t i = 0; i < ARRAY_LEN(fixed_queries); i++)
        CHECK(compare(db, fixed_queries[i]) >= 0);
    for (int i = 0; i < 100; i++) {
        char q[128];

        if (sample_query(db, 1 + (int)rnd(7), q, sizeof q))
            CHECK(compare(db, q) > 0);
    }
    /* An index rebuilt from the content answers the same. */
    CHECK_INT(exec(db, "INSERT INTO fts_ext(fts_ext) VALUES ('rebuild')"), SQLITE_OK);
    for (size_t i = 0; i < ARRAY_LEN(fixed_queries); i++)
        CHECK(compare(db, fixed_queries[i]) >= 0);
    sqlite3_close(db);
}

/* ---- what user text means ---------------------------------------------- */

static sqlite3 *
small_open(const char *const *texts, size_t n)
{
    sqlite3 *db;
    sqlite3_stmt *st;

    sqlite3_open(":memory:", &db);
    CHECK_INT(fts_register(db), 0);
    for (size_t i = 0; i < ARRAY_LEN(schema); i++)
        CHECK_INT(exec(db, schema[i]), SQLITE_OK);
    sqlite3_prepare_v2(db, "INSERT INTO docs(id, title, details)"
                       " VALUES (?1, ?2, '')", -1, &st, NULL);
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_int64(st, 1, (int64_t)i + 1);
        sqlite3_bind_text(st, 2, texts[i], -1, SQLITE_STATIC);
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return db;
}

/* The ids `text` finds in fts_ext, as "1,4". */
static const char *
found(sqlite3 *db, const char *text)
{
    static char buf[256];
    struct rows r = match_rows(db, "fts_ext", text);
    size_t len = 0;

    buf[0] = 0;
    if (r.error)
        snprintf(buf, sizeof buf, "(error)");
    for (size_t i = 0; i < r.n && !r.error; i++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%lld",
                                i ? "," : "", (long long)r.id[i]);
    rows_free(&r);
    return buf;
}

static void
test_syntax_is_text(void)
{
    static const char *const texts[] = {
        "张三",               /* 1 */
        "李四",               /* 2 */
        "张三和李四",         /* 3 */
        "张三 or 李四",       /* 4 */
        "NEAR(张三 李四)",    /* 5 */
        "他说\"张三\"来过",   /* 6 */
        "张*",                /* 7 */
        "title:张三",         /* 8 */
        "^张",                /* 9 */
        "(张三)",             /* 10 */
        "张三 and 李四",      /* 11 */
        "not张三",            /* 12 */
    };
    sqlite3 *db = small_open(texts, ARRAY_LEN(texts));

    /* As FTS5 syntax these would mean otherwise (OR: 1-12, a prefix
     * query: 1,3-12, a column filter: an error ...). */
    CHECK_STR(found(db, "张三 OR 李四"), "4");
    CHECK_STR(found(db, "张三 AND 李四"), "11");
    CHECK_STR(found(db, "NEAR(张三 李四)"), "5");
    CHECK_STR(found(db, "\"张三\""), "6");
    CHECK_STR(found(db, "\"张三"), "6");
    CHECK_STR(found(db, "张*"), "7");
    CHECK_STR(found(db, "*"), "7");
    CHECK_STR(found(db, "title:张三"), "8");
    CHECK_STR(found(db, "title: 张三"), "8");
    CHECK_STR(found(db, "^张"), "9");
    CHECK_STR(found(db, "(张三)"), "10");
    CHECK_STR(found(db, "(张三"), "5,10");
    CHECK_STR(found(db, "张三)"), "10");
    CHECK_STR(found(db, "NOT 张三"), "12");
    CHECK_STR(found(db, "张三 -李四"), "");
    CHECK_STR(found(db, "张三"), "1,3,4,5,6,8,10,11,12");
    CHECK_STR(found(db, "张"), "1,3,4,5,6,7,8,9,10,11,12");
    sqlite3_close(db);
}

static void
test_highlight(void)
{
    static const char *const texts[] = { "张三丰", "WiFi好", "张三张", "a \"b\"" };
    static const char *sql =
        "SELECT highlight(fts_ext, 0, '[', ']') FROM fts_ext"
        " WHERE fts_ext MATCH ?1 ORDER BY rowid";
    static const struct { const char *q, *want; } cases[] = {
        { "三丰", "张[三丰]" },
        { "张三丰", "[张三丰]" },
        { "wifi", "[WiFi]好" },
        { "丰", "张三[丰]" },
        { "\"b", "a [\"b]\"" },
    };
    sqlite3 *db = small_open(texts, ARRAY_LEN(texts));

    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char *expr = fts_match(cases[i].q);
        sqlite3_stmt *st;

        sqlite3_prepare_v2(db, sql, -1, &st, NULL);
        sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
        CHECK_INT(sqlite3_step(st), SQLITE_ROW);
        CHECK_STR((const char *)sqlite3_column_text(st, 0), cases[i].want);
        sqlite3_finalize(st);
        free(expr);
    }
    sqlite3_close(db);
}

static void
test_register(void)
{
    sqlite3 *db;

    sqlite3_open(":memory:", &db);
    /* Without registration the table cannot even be created: every
     * connection must call fts_register. */
    CHECK(sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='juwei')",
                       NULL, NULL, NULL) == SQLITE_ERROR);
    CHECK_STR(sqlite3_errmsg(db), "no such tokenizer: juwei");
    CHECK_INT(fts_register(db), 0);
    CHECK_INT(fts_register(db), 0);   /* twice is harmless */
    CHECK(sqlite3_exec(db, "CREATE VIRTUAL TABLE u USING fts5(x, tokenize='juwei x')",
                       NULL, NULL, NULL) == SQLITE_ERROR);
    CHECK_STR(sqlite3_errmsg(db), "error in tokenizer constructor");
    CHECK_INT(exec(db, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='juwei')"),
              SQLITE_OK);
    sqlite3_close(db);
}

int
main(void)
{
    RUN(test_tokens_document);
    RUN(test_tokens_offsets);
    RUN(test_tokens_query);
    RUN(test_tokens_invalid_utf8);
    RUN(test_match_expressions);
    RUN(test_match_empty);
    RUN(test_register);
    RUN(test_syntax_is_text);
    RUN(test_highlight);
    RUN(test_like_fixed);
    RUN(test_like_sampled);
    RUN(test_like_after_changes);
    return CHECK_DONE();
}
