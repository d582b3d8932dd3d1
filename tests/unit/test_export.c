/* test_export.c — CSV (BOM, CRLF, RFC 4180 quoting, the formula guard),
 * scope and masking, dates, files (mode 0640, never half written, never
 * replacing in the export directory), the audit row, the report's
 * numbers in the export, and memory that does not grow with the rows.
 * tests/tui/test_cli_export.py opens the XLSX files with openpyxl. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "fixture.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/export.h"
#include "juwei/staff.h"

/* ASan keeps freed memory in quarantine (256 MB by default), which would
 * make a streaming export look like it grows; the memory test wants to
 * see the program's own use. (ASAN_OPTIONS does not set this.) */
const char *__asan_default_options(void);
const char *
__asan_default_options(void)
{
    return "quarantine_size_mb=4:thread_local_quarantine_size_kb=64";
}

static struct db *db;
static struct ctx sys;
static struct config cfg;
static char dir[] = "/tmp/juwei-test-export-XXXXXX";

static struct cfg_district districts[] = {
    { (char *)"east", (char *)"东风街道" },
    { (char *)"west", (char *)"新华街道" },
};
static struct cfg_committee committees[] = {
    { (char *)"c1", (char *)"和平里社区居委会", (char *)"east", NULL, 0 },
    { (char *)"c2", (char *)"光明社区居委会", (char *)"east", NULL, 0 },
    { (char *)"c3", (char *)"建设路社区居委会", (char *)"west", NULL, 0 },
};
static struct cfg_item record_cats[] = {
    { (char *)"meeting", (char *)"会议" },
    { (char *)"service", (char *)"便民服务" },
};
static struct cfg_item tags[] = {
    { (char *)"dibao", (char *)"低保户" },
    { (char *)"elderly_alone", (char *)"独居老人" },
};

static int64_t
at(int y, int m, int d)
{
    return (int64_t)date_from_ymd(y, m, d) * 86400 + 12 * 3600;
}

static void
exec(const char *sql)
{
    fixture_exec(db, sql);
}

static int
count(const char *sql)
{
    return (int)fixture_count(db, sql);
}

static struct ctx
as(const char *login)
{
    struct ctx c = sys;
    struct staff s;
    struct error e = { 0 };

    if (staff_find_login(&sys, login, &s, &e) < 0) {
        printf("as(%s): %s\n", login, e.msg);
        exit(2);
    }
    memset(&c.who, 0, sizeof c.who);
    c.who.staff_id = s.id;
    c.who.role = s.role;
    snprintf(c.who.login, sizeof c.who.login, "%s", s.login);
    snprintf(c.who.committee, sizeof c.who.committee, "%s", s.committee);
    snprintf(c.who.district, sizeof c.who.district, "%s", s.district);
    return c;
}

static void
add(const char *login, const char *name, const char *committee,
    const char *district, enum role role)
{
    struct error e = { 0 };

    if (staff_add(&sys, login, name, committee, district, role,
                  "a fine password", &e) < 0) {
        printf("setup %s: %s\n", login, e.msg);
        exit(2);
    }
}

static void
setup(void)
{
    struct error e = { 0 };

    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        exit(2);
    }
    db = db_open(":memory:", DB_CREATE, &e);
    if (db == NULL || db_migrate(db, &e) < 0) {
        printf("setup: %s\n", e.msg);
        exit(2);
    }
    cfg.districts = districts;
    cfg.ndistricts = ARRAY_LEN(districts);
    cfg.committees = committees;
    cfg.ncommittees = ARRAY_LEN(committees);
    cfg.record_categories = (struct cfg_list){ record_cats, 2 };
    cfg.resident_tags = (struct cfg_list){ tags, 2 };
    db_sync_config(db, &cfg, &e);
    sys.db = db;
    sys.cfg = &cfg;
    session_system(&sys.who);
    util_set_now(at(2026, 5, 10));
    add("li", "李秀英", "c1", NULL, ROLE_STAFF);        /* id 1 */
    add("wang", "王建国", "c1", NULL, ROLE_DIRECTOR);   /* id 2 */
    add("wu", "吴刚", "c3", NULL, ROLE_STAFF);          /* id 3 */
    add("sun", "孙街道", NULL, "east", ROLE_STREET);
    exec("INSERT INTO records (committee_id, staff_id, date, category, title,"
         " details, hours, created_at, updated_at) VALUES"
         " ('c1', 1, '2026-04-01', 'meeting', '周例会', NULL, 1.5, 0, 0),"
         " ('c1', 1, '2026-04-02', 'service', '代办, \"低保\"复核',"
         "  '第一行\n第二行', 2, 0, 0),"
         " ('c1', 2, '2026-04-30', 'meeting', '=SUM(A1:A9)', NULL, NULL, 0, 0),"
         " ('c1', 2, '2026-05-01', 'meeting', '五月', NULL, 1, 0, 0),"
         " ('c3', 3, '2026-04-03', 'service', '西城', NULL, 1, 0, 0);"
         "INSERT INTO residents (committee_id, name, gender, birth_year,"
         " building, unit, room, phone, id_number, notes, active, created_at,"
         " updated_at) VALUES"
         " ('c1', '张大妈', 'F', 1948, '3', '2', '301', '13812345678',"
         "  '110101194801011234', '独居，需常去看看', 1, 0, 0),"
         " ('c1', '钱五', 'M', 1950, '1', '1', '101', '13900000000', NULL,"
         "  NULL, 0, 0, 0),"
         " ('c3', '孙六', 'M', 1960, '9', '1', '101', '13700000000', NULL,"
         "  NULL, 1, 0, 0);"
         "INSERT INTO resident_tags (resident_id, committee_id, tag,"
         " created_at, updated_at) VALUES (1, 'c1', 'elderly_alone', 0, 0),"
         " (1, 'c1', 'dibao', 0, 0);"
         "INSERT INTO inspections (committee_id, date, place, category, found,"
         " status, created_by, created_at, updated_at) VALUES"
         " ('c1', '2026-04-05', '3号楼', 'sanitation', '垃圾', 'in_progress',"
         "  1, 0, 0);"
         "INSERT INTO inspection_followups (inspection_id, committee_id, date,"
         " staff_id, from_status, to_status, note, created_at, updated_at)"
         " VALUES (1, 'c1', '2026-04-06', 2, 'open', 'in_progress',"
         "  '已通知物业', 0, 0), (1, 'c1', '2026-04-07', 1, NULL, NULL,"
         "  '物业已清理一半', 0, 0);");
}

/* The export as CSV text (malloc'd), or NULL with *e. */
static char *
csv(struct ctx *c, const struct export_opts *o, long *rows, struct error *e)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    int rc = export_stream(c, o, fp, rows, e);

    fclose(fp);
    if (rc < 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

static char *
field(const char *s, bool clean)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    export_csv_field(fp, s, clean);
    fclose(fp);
    return buf;
}

static void
test_csv_field(void)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        { "abc", "abc" },
        { "", "" },
        { "和平里", "和平里" },
        { "a,b", "\"a,b\"" },
        { "say \"hi\"", "\"say \"\"hi\"\"\"" },
        { "line 1\nline 2", "\"line 1\nline 2\"" },
        { "cr\r\n", "\"cr\r\n\"" },
        { "=SUM(A1)", "\"'=SUM(A1)\"" },
        { "+86 138", "\"'+86 138\"" },
        { "-5", "\"'-5\"" },
        { "@cmd", "\"'@cmd\"" },
        { "a=b", "a=b" },
        { " lead", " lead" },
        /* Quotes at either end and in a row, each doubled. */
        { "\"", "\"\"\"\"" },
        { "\"\"x\"", "\"\"\"\"\"x\"\"\"" },
        { "张\"三\"", "\"张\"\"三\"\"\"" },
        { "=\"x\"", "\"'=\"\"x\"\"\"" },
    };

    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char *got = field(cases[i].in, false);

        CHECK_STR(got, cases[i].out);
        free(got);
    }
    /* For a terminal: no escape sequence survives, newlines go. */
    char *got = field("\x1b[2Jred\nline", true);
    CHECK(strchr(got, '\x1b') == NULL);
    CHECK(strchr(got, '\n') == NULL);
    CHECK_CONTAINS(got, "[2Jred line");
    free(got);
    got = field(NULL, false);
    CHECK_STR(got, "");
    free(got);
}

/* Whole numbers as "%.0f" wrote them, others as "%.10g". */
static void
test_csv_numbers(void)
{
    static const double in[] = { 0, 7, -3, 42, 1.5, -0.25, 123456789012345.0,
                                 1e15, -9007199254740991.0 };
    static const struct export_col col = { "n", 8 };
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    struct export_sink *s = export_sink_csv(fp, false);
    struct error e = { 0 };

    export_sink_sheet(s, "t", &col, 1, false);
    for (size_t i = 0; i < ARRAY_LEN(in); i++) {
        export_sink_number(s, in[i]);
        export_sink_end_row(s);
    }
    CHECK_INT(export_sink_close(s, "t", &e), 0);
    fclose(fp);
    CHECK_STR(buf, "\xef\xbb\xbfn\r\n0\r\n7\r\n-3\r\n42\r\n1.5\r\n-0.25\r\n"
                   "123456789012345\r\n1e+15\r\n-9.007199255e+15\r\n");
    free(buf);
}

static void
test_records_csv(void)
{
    struct ctx wang = as("wang");
    struct export_opts o;
    struct error e = { 0 };
    long rows = -1;
    char *s;

    export_opts_init(&o, EXPORT_RECORDS);
    o.from = date_from_ymd(2026, 4, 1);
    o.to = date_from_ymd(2026, 4, 30);
    s = csv(&wang, &o, &rows, &e);
    if (s == NULL) {
        printf("  %s\n", e.msg);
        CHECK(!"export");
        return;
    }
    CHECK_INT(rows, 3);
    /* BOM, then CRLF after every row; the LF inside a quoted field
     * stays a bare LF. Category ids become the INI's names. */
    CHECK_STR(s,
              "\xef\xbb\xbf"
              "Date,Committee,Staff,Category,Title,Details,Hours,No.\r\n"
              "2026-04-01,和平里社区居委会,李秀英,会议,周例会,,1.5,1\r\n"
              "2026-04-02,和平里社区居委会,李秀英,便民服务,"
              "\"代办, \"\"低保\"\"复核\",\"第一行\n第二行\",2,2\r\n"
              "2026-04-30,和平里社区居委会,王建国,会议,\"'=SUM(A1:A9)\",,,3"
              "\r\n");
    free(s);
    /* Open-ended: May's row too, never c3's. */
    export_opts_init(&o, EXPORT_RECORDS);
    o.from = date_from_ymd(2026, 4, 2);
    s = csv(&wang, &o, &rows, &e);
    CHECK_INT(rows, 3);
    CHECK(s != NULL && strstr(s, "西城") == NULL && strstr(s, "五月") != NULL);
    free(s);
}

static void
test_inspections_csv(void)
{
    struct ctx wang = as("wang");
    struct export_opts o;
    struct error e = { 0 };
    long rows = 0;
    char *s;

    export_opts_init(&o, EXPORT_INSPECTIONS);
    s = csv(&wang, &o, &rows, &e);
    CHECK_INT(rows, 1);
    CHECK_CONTAINS(s, ",in progress,");
    /* The follow-ups in one cell, a line each. */
    CHECK_CONTAINS(s, "\"2026-04-06 open\u2192in progress 王建国: 已通知物业\n"
                      "2026-04-07 李秀英: 物业已清理一半\"\r\n");
    free(s);
}

static void
test_residents_masked(void)
{
    struct ctx wang = as("wang"), sun = as("sun");
    struct export_opts o;
    struct error e = { 0 };
    long rows = 0;
    int audits;
    char *s;

    export_opts_init(&o, EXPORT_RESIDENTS);
    s = csv(&wang, &o, &rows, &e);
    CHECK_INT(rows, 1);                 /* the one who moved away is not */
    CHECK_CONTAINS(s, "c1,和平里社区居委会,张大妈,female,1948,3,2,301,"
                      "138****5678,1101**********1234,低保户\u3001独居老人,"
                      "独居，需常去看看,1\r\n");
    CHECK(strstr(s, "13812345678") == NULL);
    free(s);
    /* --full: the street office and administrators only. */
    audits = count("SELECT count(*) FROM audit");
    o.full = true;
    s = csv(&wang, &o, &rows, &e);
    CHECK(s == NULL);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.field, "full");
    CHECK_STR(e.msg, "only the street office or an administrator may "
                     "export full resident details");
    CHECK_INT(count("SELECT count(*) FROM audit"), audits);
    s = csv(&sun, &o, &rows, &e);
    CHECK_CONTAINS(s, ",13812345678,110101194801011234,");
    CHECK(strstr(s, "孙六") == NULL);    /* c3 is another district */
    free(s);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE action = 'export'"
                    " AND json_extract(after, '$.full') = 1"
                    " AND json_extract(after, '$.kind') = 'residents'"), 1);
    /* Dates mean nothing for the register. */
    o.full = false;
    o.from = date_from_ymd(2026, 1, 1);
    s = csv(&sun, &o, &rows, &e);
    CHECK(s == NULL);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.msg, "dates do not apply to the residents export");
}

static void
test_mask(void)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        { "13812345678", "138****5678" },
        { "110101194801011234", "1101**********1234" },
        { "11010119480101123X", "1101**********123X" },
        { "6543210", "*****10" },
        { "12", "**" },
        { "", "" },
        { "一二三", "****" },
    };

    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char *got = export_mask(cases[i].in);

        CHECK_STR(got, cases[i].out);
        free(got);
    }
}

static void
test_scope(void)
{
    struct ctx wang = as("wang"), li = as("li"), sun = as("sun");
    struct export_opts o;
    struct error e = { 0 };
    long rows = 0;
    char *s;

    export_opts_init(&o, EXPORT_RECORDS);
    o.committee = "c3";
    CHECK(csv(&wang, &o, &rows, &e) == NULL);
    CHECK_INT(e.code, E_PERM);
    CHECK(csv(&sun, &o, &rows, &e) == NULL);
    CHECK_INT(e.code, E_PERM);
    o.committee = NULL;
    o.district = "east";
    CHECK(csv(&li, &o, &rows, &e) == NULL);
    CHECK_INT(e.code, E_PERM);
    s = csv(&sun, &o, &rows, &e);
    CHECK_INT(rows, 4);
    free(s);
    /* Administrators: everything, or one district. */
    o.district = NULL;
    s = csv(&sys, &o, &rows, &e);
    CHECK_INT(rows, 5);
    free(s);
    /* The assessment and the audit log are not for committees: the
     * table of export_allowed(), kind by kind. */
    for (int k = 0; k < EXPORT_NKINDS; k++) {
        bool office_only = k == EXPORT_ASSESSMENT || k == EXPORT_AUDIT;

        CHECK_INT(export_allowed(&li, (enum export_kind)k), !office_only);
        CHECK_INT(export_allowed(&wang, (enum export_kind)k), !office_only);
        CHECK_INT(export_allowed(&sun, (enum export_kind)k), 1);
        CHECK_INT(export_allowed(&sys, (enum export_kind)k), 1);
    }
    export_opts_init(&o, EXPORT_ASSESSMENT);
    CHECK(csv(&wang, &o, &rows, &e) == NULL);
    CHECK_INT(e.code, E_PERM);
    CHECK_STR(e.msg, "this account may not export Assessment");
    export_opts_init(&o, EXPORT_AUDIT);
    CHECK(csv(&li, &o, &rows, &e) == NULL);
    CHECK_INT(e.code, E_PERM);
    /* The street office's audit log: rows of its committees only. */
    s = csv(&sun, &o, &rows, &e);
    CHECK(s != NULL && strstr(s, "\"\"committee_id\"\":\"\"c3\"\"") == NULL);
    CHECK(s != NULL && strstr(s, "\"\"committee_id\"\":\"\"c1\"\"") != NULL);
    free(s);
    /* An end before the start. */
    export_opts_init(&o, EXPORT_VISITS);
    o.from = date_from_ymd(2026, 4, 2);
    o.to = date_from_ymd(2026, 4, 1);
    CHECK(csv(&sun, &o, &rows, &e) == NULL);
    CHECK_STR(e.msg, "the end date is before the start date");
}

static void
test_report_numbers(void)
{
    struct ctx wang = as("wang");
    struct export_opts o;
    struct error e = { 0 };
    long rows = 0;
    char *s;

    export_opts_init(&o, EXPORT_REPORT);
    o.month = "2026-04";
    s = csv(&wang, &o, &rows, &e);
    if (s == NULL) {
        printf("  %s\n", e.msg);
        CHECK(!"report export");
        return;
    }
    /* The same figures report_monthly() gives (test_report checks them
     * one by one): 2 meetings of 1.5 h and no hours, 1 service of 2 h. */
    CHECK_CONTAINS(s, "\r\nWork records by category\r\n"
                      "Category,Records,Hours\r\n"
                      "会议,2,1.5\r\n便民服务,1,2\r\nTotal,3,3.5\r\n");
    CHECK_CONTAINS(s, "Month,2026-04\r\n");
    CHECK_CONTAINS(s, "\r\nDay by day\r\n"
                      "Date,Work records,Inspections opened,"
                      "Inspections resolved,Visits\r\n"
                      "2026-04-01,1,0,0,0\r\n2026-04-02,1,0,0,0\r\n");
    CHECK_CONTAINS(s, "2026-04-30,1,0,0,0\r\n");
    free(s);
    o.month = NULL;
    CHECK(csv(&wang, &o, &rows, &e) == NULL);
    CHECK_STR(e.msg, "the monthly report needs a month (YYYY-MM)");
}

static void
test_files(void)
{
    struct ctx wang = as("wang");
    struct export_opts o;
    struct error e = { 0 };
    struct stat st;
    char *path = NULL, *path2 = NULL, *file, buf[4] = { 0 };
    long rows = 0;
    FILE *fp;

    export_opts_init(&o, EXPORT_RECORDS);
    o.format = EXPORT_XLSX;
    file = xasprintf("%s/records.xlsx", dir);
    CHECK_INT(export_file(&wang, &o, file, &rows, &e), 0);
    CHECK_INT(rows, 4);
    CHECK_INT(stat(file, &st), 0);
    CHECK_INT(st.st_mode & 0777, 0640);
    fp = fopen(file, "rb");
    if (fp != NULL) {
        CHECK_INT(fread(buf, 1, 2, fp), 2);
        fclose(fp);
    }
    CHECK_STR(buf, "PK");                 /* a zip container */
    /* A refused export leaves the old file as it was and no temporary. */
    o.full = true;
    CHECK_INT(export_file(&wang, &o, file, &rows, &e), -1);
    CHECK_INT(stat(file, &st), 0);
    free(file);
    file = xasprintf("%s/nowhere/records.csv", dir);
    o.full = false;
    o.format = EXPORT_CSV;
    CHECK_INT(export_file(&wang, &o, file, &rows, &e), -1);
    CHECK_INT(e.code, E_IO);
    free(file);
    /* XLSX cannot go to a stream. */
    o.format = EXPORT_XLSX;
    CHECK(csv(&wang, &o, &rows, &e) == NULL);
    CHECK_STR(e.msg, "an XLSX export needs a file: give -o FILE");

    /* The kiosk's directory: made if missing, never overwritten. */
    char *exports = xasprintf("%s/exports", dir);
    o.format = EXPORT_CSV;
    o.from = date_from_ymd(2026, 4, 1);
    o.to = date_from_ymd(2026, 4, 30);
    CHECK_INT(export_to_dir(&wang, &o, exports, &path, &rows, &e), 0);
    CHECK_INT(export_to_dir(&wang, &o, exports, &path2, &rows, &e), 0);
    file = xasprintf("%s/records-c1-2026-04-01_2026-04-30.csv", exports);
    CHECK_STR(path, file);
    free(file);
    file = xasprintf("%s/records-c1-2026-04-01_2026-04-30-2.csv", exports);
    CHECK_STR(path2, file);
    free(file);
    CHECK_INT(stat(exports, &st), 0);
    CHECK_INT(st.st_mode & 0777, 0750);
    CHECK_INT(stat(path2, &st), 0);
    CHECK_INT(st.st_mode & 0777, 0640);
    /* What the stream gets, byte for byte. */
    char *want = csv(&wang, &o, &rows, &e), *got = NULL;
    size_t len = 0;
    fp = fopen(path2, "rb");
    if (fp != NULL) {
        got = xcalloc(1, (size_t)st.st_size + 1);
        len = fread(got, 1, (size_t)st.st_size, fp);
        fclose(fp);
    }
    CHECK_INT(len, st.st_size);
    CHECK_STR(got, want);
    CHECK_CONTAINS(got, "\r\n2026-04-30,和平里社区居委会,王建国,会议,");
    free(want);
    free(got);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE action = 'export'"
                    " AND json_extract(after, '$.file') LIKE '%-2.csv'"), 1);
    /* Only the finished files are there: no temporaries left. */
    char *cmd = xasprintf("test $(ls -A %s | wc -l) -eq 2", exports);
    CHECK_INT(system(cmd), 0);
    free(cmd);
    free(exports);
    free(path);
    free(path2);
}

static long
max_rss_kb(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void
add_rows(long n, const char *date)
{
    sqlite3_stmt *st;

    exec("BEGIN");
    sqlite3_prepare_v2(db_sqlite(db),
                       "INSERT INTO records (committee_id, staff_id, date,"
                       " category, title, details, hours, created_at,"
                       " updated_at) VALUES ('c2', 1, ?2, 'service',"
                       " '代办居住证明' || ?1, '为居民代办居住证明，已送达',"
                       " 1, 0, 0)", -1, &st, NULL);
    for (long i = 0; i < n; i++) {
        sqlite3_bind_int64(st, 1, i);
        sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    exec("COMMIT");
}

static long
export_c2(enum export_format f, const char *name, bool june)
{
    struct export_opts o;
    struct error e = { 0 };
    char *file = xasprintf("%s/%s", dir, name);
    long rows = 0;

    export_opts_init(&o, EXPORT_RECORDS);
    o.committee = "c2";
    o.format = f;
    if (june) {
        o.from = date_from_ymd(2025, 6, 1);
        o.to = date_from_ymd(2025, 6, 30);
    }
    if (export_file(&sys, &o, file, &rows, &e) < 0)
        printf("  %s\n", e.msg);
    unlink(file);
    free(file);
    return rows;
}

/* The rows go straight from SQLite to the file. A sanity bound only: the
 * peak memory after 200,000 rows is within a few MB of the peak after
 * 20,000 (keeping the rows would take tens of MB more). */
static void
test_streaming(void)
{
    long base, csv_peak, xlsx_peak;

    /* All rows are in the (in-memory) database before the first
     * measure; the small export reads June's 20,000 of them. */
    add_rows(20000, "2025-06-15");
    add_rows(180000, "2025-07-15");
    CHECK_INT(export_c2(EXPORT_CSV, "small.csv", true), 20000);
    CHECK_INT(export_c2(EXPORT_XLSX, "small.xlsx", true), 20000);
    base = max_rss_kb();
    CHECK_INT(export_c2(EXPORT_CSV, "big.csv", false), 200000);
    csv_peak = max_rss_kb();
    CHECK_INT(export_c2(EXPORT_XLSX, "big.xlsx", false), 200000);
    xlsx_peak = max_rss_kb();
    if (csv_peak - base > 16 * 1024 || xlsx_peak - base > 16 * 1024)
        printf("  peak memory: %ld KB after 20,000 rows, %ld KB (CSV) and "
               "%ld KB (XLSX) after 200,000\n", base, csv_peak, xlsx_peak);
    CHECK(csv_peak - base <= 16 * 1024);
    CHECK(xlsx_peak - base <= 16 * 1024);
}

/* Bytes of a file, malloc'd, and its length. */
static char *
slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0;

    *len = 0;
    if (fp == NULL)
        return NULL;
    for (;;) {
        buf = xrealloc(buf, cap + 65536);
        size_t n = fread(buf + cap, 1, 65536, fp);

        cap += n;
        if (n < 65536)
            break;
    }
    fclose(fp);
    *len = cap;
    return buf;
}

/* Excel holds 1,048,576 rows a sheet: the header and 1,048,575 rows, then
 * the next sheet with its own header. (The zip's directory names each
 * sheet's part in plain text.) */
static void
test_sheet_overflow(void)
{
    static const struct export_col cols[] = { { N_("No."), 8 } };
    struct error e = { 0 };
    char *file = xasprintf("%s/overflow.xlsx", dir), *data;
    struct export_sink *s = export_sink_xlsx(file, dir, &e);
    size_t len;

    if (s == NULL) {
        CHECK(!"sink");
        free(file);
        return;
    }
    export_sink_sheet(s, "Rows", cols, 1, false);
    for (long i = 0; i < 1048575L + 10; i++) {
        export_sink_number(s, (double)i);
        export_sink_end_row(s);
    }
    CHECK_INT(export_sink_rows(s), 1048585);
    CHECK_INT(export_sink_close(s, file, &e), 0);
    data = slurp(file, &len);
    CHECK(data != NULL && memmem(data, len, "xl/worksheets/sheet2.xml", 24));
    CHECK(data != NULL && !memmem(data, len, "xl/worksheets/sheet3.xml", 24));
    free(data);
    unlink(file);
    free(file);
}

static void
cleanup(void)
{
    char *cmd = xasprintf("rm -rf %s", dir);

    if (system(cmd) != 0)
        printf("cannot remove %s\n", dir);
    free(cmd);
}

int
main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    setup();
    RUN(test_csv_field);
    RUN(test_csv_numbers);
    RUN(test_records_csv);
    RUN(test_inspections_csv);
    RUN(test_residents_masked);
    RUN(test_mask);
    RUN(test_scope);
    RUN(test_report_numbers);
    RUN(test_files);
    RUN(test_streaming);
    RUN(test_sheet_overflow);
    db_close(db);
    cleanup();
    return CHECK_DONE();
}
