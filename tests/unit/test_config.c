/* test_config.c — the INI loader: the sample config loads clean, and each
 * bad file under tests/data/ini/ gives exactly the FILE:LINE problems
 * listed here (every one of them, not only the first). Runs from the
 * repository root, as tests/run.sh does. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "juwei/config.h"
#include "juwei/config_scan.h"
#include "juwei/util.h"

#define DATA "tests/data/ini/"

struct want {
    int             line;
    enum diag_level level;
    const char     *msg;
};

#define E(line, msg) { line, DIAG_ERROR, msg }
#define W(line, msg) { line, DIAG_WARNING, msg }

struct bad {
    const char *file;
    struct want w[12];   /* ends at the first NULL msg */
};

static const struct bad cases[] = {
    { "unknown_district.ini", {
        E(14, "district: unknown district \"nowhere\" (no [district.nowhere] "
              "section)") } },
    { "duplicate_section.ini", {
        E(53, "duplicate section [district.d1] (first at line 5)"),
        E(54, "duplicate key \"name\" (first at line 6)") } },
    { "duplicate_key.ini", {
        E(4, "duplicate key \"idle_lock_minutes\" (first at line 3)") } },
    { "duplicate_id.ini", {
        E(20, "duplicate key \"meeting\" (first at line 18)") } },
    { "empty_name.ini", { E(6, "empty name in [district.d1]") } },
    { "empty_item.ini", {
        E(25, "empty name for \"routine\" in [visit_purposes]") } },
    { "bad_date.ini", {
        E(46, "workdays: \"2026-02-30\" is not a valid date (YYYY-MM-DD)") } },
    { "bad_month.ini", {
        E(45, "holidays: \"2026-13-01\" is not a valid date (YYYY-MM-DD)") } },
    { "missing_list.ini", {
        E(0, "missing section [posts]: the list is required") } },
    { "empty_list.ini", {
        E(30, "[posts] is empty: the list needs at least one entry") } },
    { "weights_source.ini", {
        E(48, "source weights (weight_street, weight_residents, "
              "weight_peers) add up to 0.9, not 1") } },
    { "weights_aspect.ini", {
        E(48, "aspect weights (weight_de, weight_neng, weight_qin, "
              "weight_ji) add up to 1.2, not 1") } },
    { "thresholds.ini", {
        E(53, "competent_min (90) must be below excellent_min (85)") } },
    { "ballot_order.ini", {
        E(53, "points_incompetent (70) must not be above points_competent "
              "(60)") } },
    { "scoring_unknown.ini", {
        E(52, "scoring: \"stars\" is not one of points, grades") } },
    { "grade_no_points.ini", {
        E(53, "grades: grade \"良\" has no points (write it as \"良 90\")") } },
    { "grade_range.ini", {
        E(53, "grades: grade \"优\" stands for 120 points, out of range (0 "
              "to 100)") } },
    { "grade_duplicate.ini", {
        E(53, "grades: duplicate grade \"优\"") } },
    { "wrong_type.ini", {
        E(3, "idle_lock_minutes: \"abc\" is not a whole number") } },
    { "quota_type.ini", {
        E(41, "quota: \"ten days\" is not a number of days or \"none\"") } },
    { "quota_half.ini", {
        E(41, "quota: 2.3 is not a whole or half number of days") } },
    { "out_of_range.ini", {
        E(4, "esc_delay_ms: 5000 is out of range (0 to 1000)") } },
    { "bad_choice.ini", {
        E(4, "language: \"fr\" is not one of auto, zh, en") } },
    { "non_utf8.ini", {
        E(6, "invalid UTF-8 at byte 10 of the line; save the file as "
             "UTF-8") } },
    { "control_char.ini", {
        E(9, "control character 0x1B at byte 14 of the line") } },
    { "unknown_key.ini", { W(4, "unknown key \"idle_lock\" in [site]") } },
    { "unknown_section.ini", { W(53, "unknown section [printer]") } },
    { "outside_section.ini", {
        W(2, "key \"theme\" is outside any section; ignored") } },
    { "workday_weekday.ini", {
        E(46, "workdays: 2026-03-02 is not a Saturday or Sunday") } },
    { "holiday_on_workday.ini", {
        E(46, "workdays: 2026-02-15 is also a holiday") } },
    { "workday_year.ini", { E(46, "workdays: 2025-02-08 is not in 2026") } },
    { "range_reversed.ini", {
        E(45, "holidays: 2026-02-23..2026-02-15 ends before it starts") } },
    { "range_long.ini", {
        E(45, "holidays: 2026-02-15..2026-05-23 is longer than 31 days") } },
    { "calendar_gap.ini", {
        E(44, "no [calendar.2025] section between 2024 and 2026") } },
    { "calendar_missing.ini", {
        E(0, "no [calendar.YYYY] section: the working calendar is "
             "required") } },
    { "missing_key.ini", { E(12, "missing key \"district\" in [committee.c2]") } },
    { "invalid_id.ini", {
        E(12, "invalid id \"二号\" in [committee.二号]: use a-z, 0-9, _ and - "
              "(at most 32 characters)") } },
    { "invalid_list_id.ini", {
        E(28, "invalid id \"低保户\" in [resident_tags]: use a-z, 0-9, _ and - "
              "(at most 32 characters)") } },
    { "no_id.ini", { E(53, "[leave] needs an id, as in [leave.ID]") } },
    { "syntax_error.ini", {
        E(31, "syntax error: expected [section], key = value or a "
              "comment") } },
    { "empty_section.ini", { E(53, "empty section name") } },
    { "long_line.ini", {
        E(15, "line is 1208 bytes long; the limit is 1022 bytes (about 340 "
              "Chinese characters)") } },
    { "empty.ini", {
        E(0, "no [district.ID] section: at least one district is required"),
        E(0, "no [committee.ID] section: at least one committee is required"),
        E(0, "missing section [record_categories]: the list is required"),
        E(0, "missing section [inspection_categories]: the list is required"),
        E(0, "missing section [visit_purposes]: the list is required"),
        E(0, "missing section [resident_tags]: the list is required"),
        E(0, "missing section [posts]: the list is required"),
        E(0, "missing section [employment_types]: the list is required"),
        E(0, "missing section [training_levels]: the list is required"),
        E(0, "no [leave.ID] section: at least one leave type is required"),
        E(0, "no [calendar.YYYY] section: the working calendar is "
             "required") } },
    /* several problems in one file: all of them, in line order */
    { "multi.ini", {
        E(0, "missing section [posts]: the list is required"),
        E(4, "duplicate key \"idle_lock_minutes\" (first at line 3)"),
        E(7, "invalid UTF-8 at byte 10 of the line; save the file as UTF-8"),
        E(15, "district: unknown district \"nowhere\" (no [district.nowhere] "
              "section)"),
        E(24, "syntax error: expected [section], key = value or a comment"),
        E(40, "quota: \"lots\" is not a number of days or \"none\""),
        E(45, "workdays: \"2026-02-30\" is not a valid date (YYYY-MM-DD)"),
        E(47, "source weights (weight_street, weight_residents, "
              "weight_peers) add up to 1.1, not 1"),
        E(51, "line is 1208 bytes long; the limit is 1022 bytes (about 340 "
              "Chinese characters)") } },
};

/* Loads DATA/file and checks the diagnostics against its row above:
 * same count, same order, exact file, line, level and text; a config
 * comes back exactly when there was no error. */
static void
expect(const char *file)
{
    const struct bad *b = NULL;
    struct diags d = { 0 };
    struct config *cfg;
    char path[256];
    size_t n = 0, errors = 0;

    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        if (strcmp(cases[i].file, file) == 0)
            b = &cases[i];
    }
    CHECK(b != NULL);
    if (b == NULL)
        return;
    snprintf(path, sizeof path, DATA "%s", file);
    cfg = config_load(path, &d);
    while (n < ARRAY_LEN(b->w) && b->w[n].msg != NULL)
        errors += b->w[n++].level == DIAG_ERROR;
    CHECK_INT(d.n, n);
    CHECK_INT(d.errors, errors);
    for (size_t i = 0; i < d.n && i < n; i++) {
        CHECK_STR(d.v[i].file, path);
        CHECK_INT(d.v[i].line, b->w[i].line);
        CHECK_INT(d.v[i].level, b->w[i].level);
        CHECK_STR(d.v[i].msg, b->w[i].msg);
    }
    for (size_t i = n; i < d.n; i++)
        printf("  unexpected: %s:%d: %s\n", d.v[i].file, d.v[i].line,
               d.v[i].msg);
    CHECK((cfg == NULL) == (errors > 0));
    config_free(cfg);
    diags_free(&d);
}

static void test_unknown_district(void)   { expect("unknown_district.ini"); }
static void test_duplicate_section(void)  { expect("duplicate_section.ini"); }
static void test_duplicate_key(void)      { expect("duplicate_key.ini"); }
static void test_duplicate_id(void)       { expect("duplicate_id.ini"); }
static void test_empty_name(void)         { expect("empty_name.ini"); }
static void test_empty_item(void)         { expect("empty_item.ini"); }
static void test_bad_date(void)           { expect("bad_date.ini"); }
static void test_bad_month(void)          { expect("bad_month.ini"); }
static void test_missing_list(void)       { expect("missing_list.ini"); }
static void test_empty_list(void)         { expect("empty_list.ini"); }
static void test_weights_source(void)     { expect("weights_source.ini"); }
static void test_weights_aspect(void)     { expect("weights_aspect.ini"); }
static void test_thresholds(void)         { expect("thresholds.ini"); }
static void test_ballot_order(void)       { expect("ballot_order.ini"); }
static void test_scoring_unknown(void)    { expect("scoring_unknown.ini"); }
static void test_grade_no_points(void)    { expect("grade_no_points.ini"); }
static void test_grade_range(void)        { expect("grade_range.ini"); }
static void test_grade_duplicate(void)    { expect("grade_duplicate.ini"); }
static void test_wrong_type(void)         { expect("wrong_type.ini"); }
static void test_quota_type(void)         { expect("quota_type.ini"); }
static void test_quota_half(void)         { expect("quota_half.ini"); }
static void test_out_of_range(void)       { expect("out_of_range.ini"); }
static void test_bad_choice(void)         { expect("bad_choice.ini"); }
static void test_non_utf8(void)           { expect("non_utf8.ini"); }
static void test_control_char(void)       { expect("control_char.ini"); }
static void test_unknown_key(void)        { expect("unknown_key.ini"); }
static void test_unknown_section(void)    { expect("unknown_section.ini"); }
static void test_outside_section(void)    { expect("outside_section.ini"); }
static void test_workday_weekday(void)    { expect("workday_weekday.ini"); }
static void test_holiday_on_workday(void) { expect("holiday_on_workday.ini"); }
static void test_workday_year(void)       { expect("workday_year.ini"); }
static void test_range_reversed(void)     { expect("range_reversed.ini"); }
static void test_range_long(void)         { expect("range_long.ini"); }
static void test_calendar_gap(void)       { expect("calendar_gap.ini"); }
static void test_calendar_missing(void)   { expect("calendar_missing.ini"); }
static void test_missing_key(void)        { expect("missing_key.ini"); }
static void test_invalid_id(void)         { expect("invalid_id.ini"); }
static void test_invalid_list_id(void)    { expect("invalid_list_id.ini"); }
static void test_no_id(void)              { expect("no_id.ini"); }
static void test_syntax_error(void)       { expect("syntax_error.ini"); }
static void test_empty_section(void)      { expect("empty_section.ini"); }
static void test_long_line(void)          { expect("long_line.ini"); }
static void test_empty_file(void)         { expect("empty.ini"); }
static void test_many_problems(void)      { expect("multi.ini"); }

/* Loads a file that must be clean: no diagnostic at all. */
static struct config *
load_clean(const char *path)
{
    struct diags d = { 0 };
    struct config *cfg = config_load(path, &d);

    CHECK_INT(d.n, 0);
    for (size_t i = 0; i < d.n; i++)
        printf("  unexpected: %s:%d: %s\n", d.v[i].file, d.v[i].line,
               d.v[i].msg);
    CHECK(cfg != NULL);
    diags_free(&d);
    return cfg;
}

static char *
here(const char *rel)
{
    char cwd[PATH_MAX];

    if (getcwd(cwd, sizeof cwd) == NULL)
        return xstrdup("?");
    return xasprintf("%s/%s", cwd, rel);
}

static void
test_sample_config(void)
{
    struct config *cfg = load_clean("config/juwei.ini");
    char *db = here("var/juwei.db"), *ex = here("var/exports");

    if (cfg == NULL)
        goto out;
    CHECK_STR(cfg->site.database, db);
    CHECK_STR(cfg->site.export_dir, ex);
    CHECK_INT(cfg->site.language, LANG_AUTO);
    CHECK_INT(cfg->site.esc_delay_ms, 25);
    CHECK_INT(cfg->ndistricts, 2);
    CHECK(cfg->ncommittees >= 6);
    for (size_t i = 0; i < cfg->ncommittees; i++)
        CHECK(config_district(cfg, cfg->committees[i].district) != NULL);
    CHECK_STR(config_item(&cfg->resident_tags, "dibao")->name, "低保户");
    CHECK_STR(config_item(&cfg->employment_types, "seconded")->name,
              "下派挂职");
    CHECK_STR(config_item(&cfg->inspection_categories,
                          "illegal_building")->name, "违章搭建");
    CHECK_INT(cfg->training_levels.n, 3);
    CHECK_STR(config_leave_type(cfg, "personal")->name, "事假");
    CHECK(config_leave_type(cfg, "maternity")->quota < 0);
    CHECK_INT(cfg->calendar.first_year, 2025);
    CHECK_INT(cfg->calendar.last_year, 2026);
    CHECK_INT(cfg->calendar.nholidays, 28 + 33);
    CHECK_INT(cfg->calendar.nworkdays, 5 + 6);
    CHECK(calendar_is_workday(&cfg->calendar, date_from_ymd(2026, 2, 14)));
    CHECK(!calendar_is_workday(&cfg->calendar, date_from_ymd(2026, 2, 16)));
    CHECK(calendar_is_workday(&cfg->calendar, date_from_ymd(2025, 9, 28)));
    CHECK(!calendar_is_workday(&cfg->calendar, date_from_ymd(2025, 10, 8)));
    CHECK_INT(calendar_count_halves(&cfg->calendar, date_from_ymd(2026, 1, 1),
              HALF_AM, date_from_ymd(2026, 12, 31), HALF_PM), 2 * 248);
out:
    config_free(cfg);
    free(db);
    free(ex);
}

/* The small base every bad file is made from, with its defaults. */
static void
test_good_values_and_defaults(void)
{
    struct config *cfg = load_clean(DATA "good.ini");
    const struct cfg_committee *c;

    if (cfg == NULL)
        return;
    CHECK_INT(cfg->site.idle_lock_minutes, 5);
    CHECK_INT(cfg->site.esc_delay_ms, 25);          /* defaults */
    CHECK_INT(cfg->site.edit_window_days, 7);
    CHECK_INT(cfg->site.contract_warning_days, 60);
    CHECK_INT(cfg->site.training_target, 100);
    CHECK_INT(cfg->site.language, LANG_AUTO);
    CHECK_STR(cfg->site.export_dir, "/var/lib/juwei/exports");
    CHECK(cfg->assessment.aspect_weight[ASP_JI] == 0.4);
    CHECK(cfg->assessment.source_weight[SRC_STREET] == 0.5);
    CHECK(cfg->assessment.excellent_min == 90);
    CHECK(cfg->assessment.competent_min == 60);
    CHECK(cfg->assessment.ballot_points[2] == 50);
    CHECK_INT(cfg->assessment.scoring, SCORING_POINTS);
    CHECK_INT(cfg->assessment.grades.n, 4);
    if (cfg->assessment.grades.n == 4) {
        CHECK_STR(cfg->assessment.grades.v[0].name, "优");
        CHECK(cfg->assessment.grades.v[0].points == 95);
        CHECK_STR(cfg->assessment.grades.v[3].name, "差");
        CHECK(cfg->assessment.grades.v[3].points == 60);
    }
    c = config_committee(cfg, "c2");
    CHECK(c != NULL);
    if (c != NULL) {
        CHECK_STR(c->name, "二号居委会");
        CHECK_STR(c->district, "d1");
        CHECK_INT(c->ngrids, 2);
        if (c->ngrids == 2) {
            CHECK_STR(c->grids[0], "东区");
            CHECK_STR(c->grids[1], "西区");
        }
    }
    CHECK_INT(config_committee(cfg, "c1")->ngrids, 0);
    /* a pick-list keeps the file's order */
    CHECK_INT(cfg->record_categories.n, 2);
    CHECK_STR(cfg->record_categories.items[0].id, "meeting");
    CHECK_STR(cfg->record_categories.items[1].id, "visit");
    CHECK_STR(cfg->record_categories.items[1].name, "入户走访");
    CHECK(config_leave_type(cfg, "personal")->quota == 10);
    CHECK_INT(config_leave_type(cfg, "personal")->street_after, 3);
    config_free(cfg);
}

static void
test_lookups(void)
{
    struct config *cfg = load_clean(DATA "good.ini");

    if (cfg == NULL)
        return;
    CHECK_STR(config_district(cfg, "d1")->name, "一号街道");
    CHECK(config_district(cfg, "c1") == NULL);
    CHECK_STR(config_committee(cfg, "c1")->name, "一号居委会");
    CHECK(config_committee(cfg, "d1") == NULL);
    CHECK_STR(config_item(&cfg->posts, "director")->name, "居委会主任");
    CHECK(config_item(&cfg->posts, "nobody") == NULL);
    CHECK(config_leave_type(cfg, "sick") == NULL);
    CHECK(config_district(NULL, "d1") == NULL);
    config_free(cfg);
}

/* Relative paths are relative to the INI's own directory. */
static void
test_paths(void)
{
    char dir[] = "/tmp/juwei-cfg-XXXXXX", *path, *text, *ini = NULL;
    struct config *cfg;
    char *real, *want;
    FILE *fp;
    size_t len = 0;

    cfg = load_clean(DATA "good.ini");
    real = realpath(DATA, NULL);
    want = xasprintf("%s/test.db", real);
    if (cfg != NULL)
        CHECK_STR(cfg->site.database, want);
    config_free(cfg);
    free(real);
    free(want);

    CHECK(mkdtemp(dir) != NULL);
    fp = fopen(DATA "good.ini", "r");
    CHECK(fp != NULL);
    if (fp == NULL)
        return;
    text = xcalloc(1, 1 << 16);
    len = fread(text, 1, (1 << 16) - 1, fp);
    fclose(fp);
    CHECK(len > 0);
    /* the [site] section is the first: swap its database line */
    ini = xasprintf("[site]\ndatabase = /srv/juwei/main.db\n"
                    "export_dir = ../out/./x\n%s",
                    strstr(text, "idle_lock_minutes"));
    path = xasprintf("%s/juwei.ini", dir);
    fp = fopen(path, "w");
    fputs(ini, fp);
    fclose(fp);
    cfg = load_clean(path);
    if (cfg != NULL) {
        CHECK_STR(cfg->site.database, "/srv/juwei/main.db");
        real = realpath("/tmp", NULL);
        want = xasprintf("%s/out/x", real);
        CHECK_STR(cfg->site.export_dir, want);
        free(want);
        free(real);
    }
    config_free(cfg);
    unlink(path);
    rmdir(dir);
    free(path);
    free(ini);
    free(text);
}

static void
test_default_path(void)
{
    unsetenv("JUWEI_CONFIG");
    CHECK_STR(config_default_path("my.ini"), "my.ini");
    CHECK_STR(config_default_path(NULL), SYSCONFDIR "/juwei/juwei.ini");
    CHECK_STR(config_default_path(""), SYSCONFDIR "/juwei/juwei.ini");
    setenv("JUWEI_CONFIG", "/srv/j.ini", 1);
    CHECK_STR(config_default_path(NULL), "/srv/j.ini");
    CHECK_STR(config_default_path("my.ini"), "my.ini");
    setenv("JUWEI_CONFIG", "", 1);
    CHECK_STR(config_default_path(NULL), SYSCONFDIR "/juwei/juwei.ini");
    unsetenv("JUWEI_CONFIG");
}

/* Windows Notepad's BOM, which iniparser alone calls a syntax error. */
static void
test_bom_accepted(void)
{
    struct config *cfg = load_clean(DATA "bom.ini");

    if (cfg != NULL)
        CHECK_INT(cfg->site.idle_lock_minutes, 5);   /* [site] is line 1 */
    config_free(cfg);
}

static void
test_crlf_accepted(void)
{
    struct config *cfg = load_clean(DATA "crlf.ini");

    if (cfg != NULL) {
        CHECK_STR(config_committee(cfg, "c1")->name, "一号居委会");
        CHECK_STR(config_committee(cfg, "c2")->grids[1], "西区");
    }
    config_free(cfg);
}

/* Unquoted values end at ';' or '#'; quoted ones keep them. */
static void
test_quoting(void)
{
    struct config *cfg = load_clean(DATA "quoted.ini");

    if (cfg != NULL) {
        CHECK_STR(config_committee(cfg, "c1")->name, "一号#居委会; 东");
        CHECK_STR(config_item(&cfg->record_categories, "meeting")->name,
                  "会议");
    }
    config_free(cfg);
}

static void
test_continuation(void)
{
    struct config *cfg = load_clean(DATA "continued.ini");
    const struct cfg_committee *c;

    if (cfg != NULL && (c = config_committee(cfg, "c2")) != NULL) {
        CHECK_INT(c->ngrids, 3);
        if (c->ngrids == 3)
            CHECK_STR(c->grids[2], "北区");
    }
    config_free(cfg);
}

/* Exactly 1,022 bytes is still read. */
static void
test_longest_line(void)
{
    struct config *cfg = load_clean(DATA "long_ok.ini");
    const struct cfg_committee *c;

    if (cfg != NULL && (c = config_committee(cfg, "c2")) != NULL) {
        CHECK_INT(c->ngrids, 1);
        CHECK_INT(strlen(c->grids[0]), 1022 - strlen("grids = "));
    }
    config_free(cfg);
}

static void
test_missing_file(void)
{
    struct diags d = { 0 };
    struct config *cfg = config_load(DATA "no-such-file.ini", &d);

    CHECK(cfg == NULL);
    CHECK_INT(d.n, 1);
    CHECK_INT(d.errors, 1);
    if (d.n == 1) {
        CHECK_INT(d.v[0].line, 0);
        CHECK_STR(d.v[0].msg, "cannot read the file: No such file or "
                              "directory");
    }
    diags_free(&d);
}

static void
test_directory_not_file(void)
{
    struct diags d = { 0 };
    struct config *cfg = config_load("tests/data/ini", &d);

    CHECK(cfg == NULL);
    CHECK_INT(d.n, 1);
    if (d.n == 1) {
        CHECK_INT(d.v[0].line, 0);
        CHECK_STR(d.v[0].msg, "cannot read the file: Is a directory");
    }
    diags_free(&d);
}

/* Only meaningful for an ordinary user: root reads a mode-000 file. */
static void
test_unreadable_file(void)
{
    char dir[] = "/tmp/juwei-cfg-XXXXXX", *path;
    struct diags d = { 0 };
    struct config *cfg;
    int fd;

    CHECK(mkdtemp(dir) != NULL);
    path = xasprintf("%s/juwei.ini", dir);
    fd = open(path, O_WRONLY | O_CREAT, 0000);
    CHECK(fd >= 0);
    if (fd >= 0)
        close(fd);
    cfg = config_load(path, &d);
    CHECK(cfg == NULL);
    CHECK_INT(d.n, 1);
    if (d.n == 1)
        CHECK_STR(d.v[0].msg, "cannot read the file: Permission denied");
    diags_free(&d);
    unlink(path);
    rmdir(dir);
    free(path);
}

/* iniparser prints its syntax errors on stderr unless told otherwise;
 * they must arrive as diagnostics only. */
static void
test_iniparser_quiet(void)
{
    char tmpl[] = "/tmp/juwei-err-XXXXXX";
    struct diags d = { 0 };
    struct config *cfg;
    int fd = mkstemp(tmpl), saved = dup(2);
    struct stat st;

    CHECK(fd >= 0 && saved >= 0);
    fflush(stderr);
    dup2(fd, 2);
    cfg = config_load(DATA "syntax_error.ini", &d);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    CHECK(fstat(fd, &st) == 0);
    CHECK_INT(st.st_size, 0);
    close(fd);
    unlink(tmpl);
    CHECK(cfg == NULL);
    CHECK_INT(d.errors, 1);
    diags_free(&d);
}

static void
test_print_format(void)
{
    struct diags d = { 0 };
    char *out = NULL;
    size_t len = 0;
    FILE *fp;

    config_free(config_load(DATA "wrong_type.ini", &d));
    config_free(config_load(DATA "missing_list.ini", &d));
    config_free(config_load(DATA "unknown_key.ini", &d));
    fp = open_memstream(&out, &len);
    diags_print(&d, fp);
    fclose(fp);
    CHECK_STR(out,
        DATA "wrong_type.ini:3: idle_lock_minutes: \"abc\" is not a whole "
        "number\n"
        DATA "missing_list.ini: missing section [posts]: the list is "
        "required\n"
        DATA "unknown_key.ini:4: warning: unknown key \"idle_lock\" in "
        "[site]\n");
    free(out);
    diags_free(&d);
}

/* A load succeeds on its own errors, not on what d held before. */
static void
test_diags_accumulate(void)
{
    struct diags d = { 0 };
    struct config *cfg;

    CHECK(config_load(DATA "wrong_type.ini", &d) == NULL);
    cfg = config_load(DATA "good.ini", &d);
    CHECK(cfg != NULL);
    CHECK_INT(d.n, 1);
    config_free(cfg);
    diags_free(&d);
}

/* The syntax of values, shared by every key. */
static void
test_value_syntax(void)
{
    double r = -9;
    long i = -9;
    size_t n = 9;
    char **v, *p;

    CHECK(config_scan_real("0.25", &r) && r == 0.25);
    CHECK(config_scan_real("-3", &r) && r == -3);
    CHECK(config_scan_real(".5", &r) && r == 0.5);
    CHECK(!config_scan_real("", &r));
    CHECK(!config_scan_real("1,5", &r));       /* never a decimal comma */
    CHECK(!config_scan_real("1e3", &r));
    CHECK(!config_scan_real("abc", &r));
    CHECK(config_scan_int("+15", &i) && i == 15);
    CHECK(!config_scan_int("1.5", &i));
    CHECK(!config_scan_int("10 minutes", &i));

    CHECK(config_scan_id("hepingli"));
    CHECK(config_scan_id("c-2_b"));
    CHECK(!config_scan_id(""));
    CHECK(!config_scan_id("Heping"));          /* iniparser lowercases first */
    CHECK(!config_scan_id("和平"));
    CHECK(!config_scan_id("a.b"));
    CHECK(config_scan_id("abcdefghijklmnopqrstuvwxyz012345"));   /* 32 */
    CHECK(!config_scan_id("abcdefghijklmnopqrstuvwxyz0123456"));

    v = config_scan_list(" 东区，西区、 北区 ,南区", &n);
    CHECK_INT(n, 4);
    if (n == 4) {
        CHECK_STR(v[0], "东区");
        CHECK_STR(v[1], "西区");
        CHECK_STR(v[2], "北区");
        CHECK_STR(v[3], "南区");
    }
    config_scan_list_free(v, n);
    v = config_scan_list("a,,b,", &n);          /* empties are kept */
    CHECK_INT(n, 4);
    if (n == 4)
        CHECK_STR(v[1], "");
    config_scan_list_free(v, n);
    v = config_scan_list("  ", &n);
    CHECK_INT(n, 0);
    CHECK(v == NULL);

    p = config_scan_path("/etc/juwei", "../var/juwei.db");
    CHECK_STR(p, "/etc/var/juwei.db");
    free(p);
    p = config_scan_path("/etc/juwei", "./a/./b");
    CHECK_STR(p, "/etc/juwei/a/b");
    free(p);
    p = config_scan_path("/etc/juwei", "/abs/x.db");
    CHECK_STR(p, "/abs/x.db");
    free(p);
    p = config_scan_path("/srv", "../../x");    /* no higher than / */
    CHECK_STR(p, "/x");
    free(p);
    p = config_scan_path("/", "x");
    CHECK_STR(p, "/x");
    free(p);
    p = config_scan_path("/srv/j", "..");
    CHECK_STR(p, "/srv");
    free(p);
    p = config_scan_path("/srv/j", "link/../x");  /* may be a symlink: kept */
    CHECK_STR(p, "/srv/j/link/../x");
    free(p);
}

/* Grades as configured replace the default list, in order; Chinese
 * commas and ideographic spaces separate as ASCII ones do. */
static void
test_grades_configured(void)
{
    struct config *cfg = load_clean(DATA "grades_good.ini");
    static const char *const names[] = { "A", "B", "C", "不合格" };
    static const double points[] = { 95, 85, 70, 40 };

    if (cfg == NULL)
        return;
    CHECK_INT(cfg->assessment.scoring, SCORING_GRADES);
    CHECK_INT(cfg->assessment.grades.n, 4);
    for (size_t i = 0; i < 4 && i < cfg->assessment.grades.n; i++) {
        CHECK_STR(cfg->assessment.grades.v[i].name, names[i]);
        CHECK(cfg->assessment.grades.v[i].points == points[i]);
    }
    config_free(cfg);
}

static void
test_scan_tail(void)
{
    char a[] = "优 95", b[] = "基本 称职\xe3\x80\x80" "70", c[] = "良";
    char *t;

    t = config_scan_tail(a);
    CHECK_STR(a, "优");
    CHECK_STR(t, "95");
    t = config_scan_tail(b);
    CHECK_STR(b, "基本 称职");
    CHECK_STR(t, "70");
    t = config_scan_tail(c);
    CHECK_STR(c, "良");
    CHECK_STR(t, "");
}

/* The table under "Every key" in doc/configuration.md is exactly
 * config_describe()'s output: no line missing, changed or left over. */
static void
test_docs_match_table(void)
{
    char *table = NULL, *doc, *from, *to;
    size_t len = 0, n;
    FILE *fp = open_memstream(&table, &len);

    config_describe(fp);
    fclose(fp);
    fp = fopen("doc/configuration.md", "r");
    CHECK(fp != NULL);
    if (fp == NULL) {
        free(table);
        return;
    }
    doc = xcalloc(1, 1 << 17);
    n = fread(doc, 1, (1 << 17) - 1, fp);
    fclose(fp);
    CHECK(n > 0 && n < (1 << 17) - 1);
    from = strstr(doc, "\n| section | key | type |");
    CHECK(from != NULL);
    if (from != NULL) {
        /* The table runs until the first line that is not a table row. */
        for (to = ++from; *to == '|';)
            to = strchr(to, '\n') != NULL ? strchr(to, '\n') + 1
                                          : to + strlen(to);
        *to = '\0';
        if (strcmp(from, table) != 0)
            printf("  doc/configuration.md's table is not "
                   "`LC_ALL=C.UTF-8 juwei check-config --describe`\n");
        CHECK_STR(from, table);
    }
    free(doc);
    free(table);
}

int
main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    RUN(test_unknown_district);
    RUN(test_duplicate_section);
    RUN(test_duplicate_key);
    RUN(test_duplicate_id);
    RUN(test_empty_name);
    RUN(test_empty_item);
    RUN(test_bad_date);
    RUN(test_bad_month);
    RUN(test_missing_list);
    RUN(test_empty_list);
    RUN(test_scoring_unknown);
    RUN(test_grade_no_points);
    RUN(test_grade_range);
    RUN(test_grade_duplicate);
    RUN(test_grades_configured);
    RUN(test_scan_tail);
    RUN(test_weights_source);
    RUN(test_weights_aspect);
    RUN(test_thresholds);
    RUN(test_ballot_order);
    RUN(test_wrong_type);
    RUN(test_quota_type);
    RUN(test_quota_half);
    RUN(test_out_of_range);
    RUN(test_bad_choice);
    RUN(test_non_utf8);
    RUN(test_control_char);
    RUN(test_unknown_key);
    RUN(test_unknown_section);
    RUN(test_outside_section);
    RUN(test_workday_weekday);
    RUN(test_holiday_on_workday);
    RUN(test_workday_year);
    RUN(test_range_reversed);
    RUN(test_range_long);
    RUN(test_calendar_gap);
    RUN(test_calendar_missing);
    RUN(test_missing_key);
    RUN(test_invalid_id);
    RUN(test_invalid_list_id);
    RUN(test_no_id);
    RUN(test_syntax_error);
    RUN(test_empty_section);
    RUN(test_long_line);
    RUN(test_empty_file);
    RUN(test_many_problems);
    RUN(test_sample_config);
    RUN(test_good_values_and_defaults);
    RUN(test_lookups);
    RUN(test_paths);
    RUN(test_default_path);
    RUN(test_bom_accepted);
    RUN(test_crlf_accepted);
    RUN(test_quoting);
    RUN(test_continuation);
    RUN(test_longest_line);
    RUN(test_missing_file);
    RUN(test_directory_not_file);
    if (geteuid() != 0)
        RUN(test_unreadable_file);
    else
        printf("skip test_unreadable_file: running as root, which reads a "
               "mode-000 file anyway (test_directory_not_file covers the "
               "read error)\n");
    RUN(test_iniparser_quiet);
    RUN(test_print_format);
    RUN(test_diags_accumulate);
    RUN(test_value_syntax);
    RUN(test_docs_match_table);
    return CHECK_DONE();
}
