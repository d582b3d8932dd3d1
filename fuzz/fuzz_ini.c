/* fuzz_ini.c — the INI loader on any file: it must never crash, must
 * refuse (NULL, with at least one error) or accept (no error), and what it
 * accepts must be safe to show: every name valid UTF-8 without a control
 * character, every id a plain id. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "juwei/config.h"
#include "juwei/config_scan.h"
#include "juwei/text.h"
#include "juwei/util.h"

static char path[64];

static void
remove_file(void)
{
    unlink(path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    int fd;

    (void)argc;
    (void)argv;
    snprintf(path, sizeof path, "/tmp/juwei-fuzz-ini-XXXXXX");
    fd = mkstemp(path);
    if (fd < 0) {
        perror("mkstemp");
        exit(1);
    }
    close(fd);
    atexit(remove_file);
    return 0;
}

static void
check_name(const char *s)
{
    FUZZ_CHECK(s != NULL);
    FUZZ_CHECK(text_valid_utf8(s, strlen(s)));
    FUZZ_CHECK(!text_has_controls(s, false));
}

static void
check_list(const struct cfg_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        FUZZ_CHECK(config_scan_id(l->items[i].id));
        check_name(l->items[i].name);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diags d = { 0 };
    struct config *cfg;
    FILE *fp = fopen(path, "wb");

    if (fp == NULL || fwrite(data, 1, size, fp) != size) {
        perror(path);
        exit(1);
    }
    fclose(fp);
    cfg = config_load(path, &d);
    FUZZ_CHECK((cfg == NULL) == (d.errors > 0));
    for (size_t i = 0; i < d.n; i++)
        FUZZ_CHECK(d.v[i].msg != NULL && d.v[i].line >= 0);
    if (cfg != NULL) {
        for (size_t i = 0; i < cfg->ndistricts; i++) {
            FUZZ_CHECK(config_scan_id(cfg->districts[i].id));
            check_name(cfg->districts[i].name);
        }
        for (size_t i = 0; i < cfg->ncommittees; i++) {
            FUZZ_CHECK(config_scan_id(cfg->committees[i].id));
            check_name(cfg->committees[i].name);
            FUZZ_CHECK(config_district(cfg, cfg->committees[i].district));
            for (size_t j = 0; j < cfg->committees[i].ngrids; j++)
                check_name(cfg->committees[i].grids[j]);
        }
        check_list(&cfg->record_categories);
        check_list(&cfg->inspection_categories);
        check_list(&cfg->visit_purposes);
        check_list(&cfg->resident_tags);
        check_list(&cfg->posts);
        check_list(&cfg->employment_types);
        check_list(&cfg->training_levels);
        for (size_t i = 0; i < cfg->nleave_types; i++)
            check_name(cfg->leave_types[i].name);
    }
    config_free(cfg);
    diags_free(&d);
    return 0;
}
