/* residents_import.c — a committee's register from a CSV file (what
 * `juwei import residents` runs). One transaction: every row goes in
 * through residents_add() with its checks and audit row, every bad row is
 * reported, and if any was bad nothing is kept. */
#include "juwei/residents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "juwei/csv.h"
#include "juwei/date.h"
#include "juwei/db.h"
#include "juwei/text.h"

enum {
    IMP_COMMITTEE, IMP_NAME, IMP_GENDER, IMP_BIRTH_YEAR, IMP_BIRTH_DATE,
    IMP_BUILDING, IMP_UNIT, IMP_ROOM, IMP_PHONE, IMP_ID_NUMBER, IMP_TAGS,
    IMP_NOTES, IMP_COMMITTEE_ID, IMP_NO, IMP_NCOLS
};

/* The header names people use; the English id first (it names the
 * column in messages), then the Chinese one a spreadsheet would have. */
static const struct csv_field import_map[IMP_NCOLS] = {
    /* A committee by id or by name; `juwei export residents` writes
     * both, and then the id decides. */
    [IMP_COMMITTEE]  = { "committee", { "committee", "居委会", "社区" },
                         false },
    [IMP_COMMITTEE_ID] = { "committee_id", { "committee_id", "committee id",
                                             "居委会编号" }, false },
    /* The export's own row number: read and ignored, so an exported file
     * imports as it is. */
    [IMP_NO]         = { "no", { "no.", "no", "编号" }, false },
    [IMP_NAME]       = { "name", { "name", "姓名" }, true },
    [IMP_GENDER]     = { "gender", { "gender", "性别" }, false },
    [IMP_BIRTH_YEAR] = { "birth_year", { "birth_year", "出生年份", "出生年",
                                         "birth year" }, false },
    [IMP_BIRTH_DATE] = { "birth_date", { "birth_date", "出生日期", "生日",
                                         "birth date" }, false },
    [IMP_BUILDING]   = { "building", { "building", "楼号", "楼栋", "楼" },
                         false },
    [IMP_UNIT]       = { "unit", { "unit", "单元" }, false },
    [IMP_ROOM]       = { "room", { "room", "房号", "室", "门牌号" }, false },
    [IMP_PHONE]      = { "phone", { "phone", "电话", "联系电话", "手机",
                                    "手机号" }, false },
    [IMP_ID_NUMBER]  = { "id_number", { "id_number", "身份证号", "身份证号码",
                                        "身份证", "id number" }, false },
    [IMP_TAGS]       = { "tags", { "tags", "标签", "类别" }, false },
    [IMP_NOTES]      = { "notes", { "notes", "备注" }, false },
};

static void
report(FILE *errs, const struct csv *c, long line, const char *msg)
{
    if (line > 0)
        fprintf(errs, "%s:%ld: %s\n", csv_name(c), line, msg);
    else
        fprintf(errs, "%s: %s\n", csv_name(c), msg);
}

/* A committee by id or by its name in the INI. */
static const char *
committee_id(const struct config *cfg, const char *s)
{
    if (cfg == NULL)
        return s;
    for (size_t i = 0; i < cfg->ncommittees; i++) {
        if (strcmp(cfg->committees[i].id, s) == 0 ||
            strcmp(cfg->committees[i].name, s) == 0)
            return cfg->committees[i].id;
    }
    return NULL;
}

/* 1950-03-07, 1950-3-7 or 1950/3/7 (what a Chinese spreadsheet writes). */
static bool
birth_date_year(const char *s, char year[5])
{
    char buf[16];
    date_t day;
    int y, m, d;

    if (strlen(s) >= sizeof buf)
        return false;
    snprintf(buf, sizeof buf, "%s", s);
    for (char *p = buf; *p != '\0'; p++) {
        if (*p == '/' || *p == '.')
            *p = '-';
    }
    for (int i = 0; i < 4; i++) {
        if (buf[i] < '0' || buf[i] > '9')
            return false;
    }
    if (!date_parse_user(buf, DATE_NONE, &day) || day > date_today())
        return false;
    date_to_ymd(day, &y, &m, &d);
    snprintf(year, 5, "%04d", y);
    return true;
}

/* One data row into the register; on failure *e says why. */
static int
import_row(struct ctx *ctx, const struct csv_row *row, const int *cols,
           const char *default_committee, bool force, struct error *e)
{
    struct resident_input in = { 0 };
    char *cell[IMP_NCOLS], **tags = NULL, year[5];
    size_t ntags = 0;
    int rc = -1;

    for (int i = 0; i < IMP_NCOLS; i++) {
        cell[i] = text_trim(xstrdup(csv_get(row, cols, (size_t)i)));
        /* Exports put an apostrophe before = + - @ so a spreadsheet does
         * not run the text as a formula; take it off again. */
        if (cell[i][0] == '\'' && cell[i][1] != '\0' &&
            strchr("=+-@", cell[i][1]) != NULL)
            memmove(cell[i], cell[i] + 1, strlen(cell[i]));
    }
    if (*cell[IMP_COMMITTEE_ID] != '\0') {
        free(cell[IMP_COMMITTEE]);
        cell[IMP_COMMITTEE] = xstrdup(cell[IMP_COMMITTEE_ID]);
    }
    in.committee = *cell[IMP_COMMITTEE] != '\0' ? cell[IMP_COMMITTEE]
                                                : default_committee;
    if (in.committee == NULL || *in.committee == '\0') {
        error_set(e, E_INVAL, "committee_id", _("the committee is missing"));
        goto out;
    }
    if ((in.committee = committee_id(ctx->cfg, in.committee)) == NULL) {
        error_set(e, E_INVAL, "committee_id", _("unknown committee \"%s\""),
                  *cell[IMP_COMMITTEE] != '\0' ? cell[IMP_COMMITTEE]
                                               : default_committee);
        goto out;
    }
    in.birth_year = cell[IMP_BIRTH_YEAR];
    if (*cell[IMP_BIRTH_DATE] != '\0') {
        if (!birth_date_year(cell[IMP_BIRTH_DATE], year)) {
            error_set(e, E_INVAL, "birth_date",
                      _("bad date of birth \"%s\"; write it as YYYY-MM-DD"),
                      cell[IMP_BIRTH_DATE]);
            goto out;
        }
        if (*in.birth_year != '\0' && strcmp(in.birth_year, year) != 0) {
            error_set(e, E_INVAL, "birth_year",
                      _("the birth year %s differs from the date of birth"),
                      in.birth_year);
            goto out;
        }
        in.birth_year = year;
    }
    if (ctx->cfg != NULL &&
        residents_parse_tags(ctx->cfg, cell[IMP_TAGS], &tags, &ntags, e) < 0)
        goto out;
    in.name = cell[IMP_NAME];
    in.gender = cell[IMP_GENDER];
    in.building = cell[IMP_BUILDING];
    in.unit = cell[IMP_UNIT];
    in.room = cell[IMP_ROOM];
    in.phone = cell[IMP_PHONE];
    in.id_number = cell[IMP_ID_NUMBER];
    in.notes = cell[IMP_NOTES];
    in.tags = (const char *const *)tags;
    in.ntags = ntags;
    rc = residents_add(ctx, &in, force, NULL, e);
    if (rc < 0 && e != NULL && e->code == E_DUP) {
        char msg[sizeof e->msg];

        snprintf(msg, sizeof msg, "%s", e->msg);
        error_set(e, E_DUP, e->field, _("%s; --force imports it anyway"),
                  msg);
    }
out:
    residents_tags_free(tags, ntags);
    for (int i = 0; i < IMP_NCOLS; i++)
        free(cell[i]);
    return rc;
}

int
residents_import(struct ctx *ctx, const char *path, const char *committee,
                 bool force, FILE *errs, long *added)
{
    struct error e = { 0 };
    struct csv *c;
    struct csv_row row;
    int cols[IMP_NCOLS];
    long good = 0, bad = 0;
    bool stop = false;

    *added = 0;
    if (committee != NULL && *committee != '\0' &&
        committee_id(ctx->cfg, committee) == NULL) {
        fprintf(errs, _("unknown committee \"%s\"\n"), committee);
        return -1;
    }
    if ((c = csv_open(path, &e)) == NULL) {
        fprintf(errs, "%s\n", e.msg);
        return -1;
    }
    if (csv_header(c, import_map, IMP_NCOLS, cols, &e) < 0) {
        report(errs, c, csv_line(c), e.msg);
        csv_close(c);
        return -1;
    }
    if (cols[IMP_COMMITTEE] < 0 && cols[IMP_COMMITTEE_ID] < 0 &&
        (committee == NULL || *committee == '\0')) {
        report(errs, c, csv_line(c),
               _("no committee: give --committee ID, or a committee "
                 "(居委会) column"));
        csv_close(c);
        return -1;
    }
    /* Each row is a savepoint of the file's one transaction (store.c):
     * statement journals in memory take 40% off the import. */
    db_bulk(ctx->db, true);
    if (db_begin(ctx->db, &e) < 0) {
        report(errs, c, 0, e.msg);
        csv_close(c);
        db_bulk(ctx->db, false);
        return -1;
    }
    while (!stop) {
        switch (csv_read(c, &row, &e)) {
        case CSV_END:
            stop = true;
            break;
        case CSV_FAIL:
            stop = true;
            /* fall through */
        case CSV_BAD:
            report(errs, c, row.line, e.msg);
            bad++;
            break;
        case CSV_ROW:
            error_clear(&e);
            if (import_row(ctx, &row, cols, committee, force, &e) < 0) {
                report(errs, c, row.line, e.msg);
                bad++;
            } else {
                good++;
            }
            break;
        }
    }
    csv_close(c);
    if (bad > 0) {
        db_rollback(ctx->db);
        db_bulk(ctx->db, false);
        return -1;
    }
    /* The rows queued their search entries; one pass takes them all in
     * (per row, FTS5 would write and merge a small segment each time). */
    if (residents_fts_sync(ctx->db, &e) < 0 || db_commit(ctx->db, &e) < 0) {
        db_rollback(ctx->db);
        fprintf(errs, "%s\n", e.msg);
        db_bulk(ctx->db, false);
        return -1;
    }
    db_bulk(ctx->db, false);
    *added = good;
    return 0;
}
