/* residents.h — the resident register (居民): who lives where in a
 * committee, their tags (低保户, 独居老人 …) and how to find them fast.
 * Every write goes through store_apply() with its audit row; every read
 * is scoped like every other record kind. Phone and ID numbers are shown
 * masked everywhere but on the resident's own screen. */
#ifndef JUWEI_RESIDENTS_H
#define JUWEI_RESIDENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "juwei/config.h"
#include "juwei/page.h"
#include "juwei/session.h"
#include "juwei/store.h"
#include "juwei/util.h"

#define RESIDENT_NAME_MAX      40   /* characters */
#define RESIDENT_BUILDING_MAX  20
#define RESIDENT_UNIT_MAX      10
#define RESIDENT_ROOM_MAX      10
#define RESIDENT_NOTES_MAX     500
#define RESIDENT_TAGS_MAX      32
/* "3-2-101": building, unit and room joined by hyphens, in bytes */
#define RESIDENT_ADDRESS_SIZE  (4 * (RESIDENT_BUILDING_MAX + \
                                     RESIDENT_UNIT_MAX + RESIDENT_ROOM_MAX) + 3)

/* Columns of residents_table, in order. */
enum resident_col {
    RES_COMMITTEE, RES_NAME, RES_INITIALS, RES_GENDER, RES_BIRTH_YEAR,
    RES_BUILDING, RES_UNIT, RES_ROOM, RES_PHONE, RES_ID_NUMBER, RES_NOTES,
    RES_ACTIVE, RES_NCOLS
};
extern const struct table residents_table;
/* One row per tag of a resident: resident_id, committee_id, tag. */
extern const struct table resident_tags_table;

/* What a form or an import row gives, as typed: residents.c parses,
 * normalises (phone digits, ID number's x, 男/女) and checks it. */
struct resident_input {
    const char *committee;   /* NULL or "": the acting account's own */
    const char *name;
    const char *gender;      /* "", M/F, 男/女, male/female */
    const char *birth_year;  /* "" or a year such as 1956 */
    const char *building, *unit, *room;
    const char *phone;       /* spaces and hyphens are dropped */
    const char *id_number;   /* 18 characters (GB 11643) or 15 digits */
    const char *notes;
    const char *const *tags; /* ids of [resident_tags] */
    size_t      ntags;
};

struct resident {
    int64_t id;
    char    committee[64];
    char    name[4 * RESIDENT_NAME_MAX + 1];
    char    initials[4 * RESIDENT_NAME_MAX + 1];
    char    gender[2];               /* "M", "F" or "" */
    int     birth_year;              /* 0: not known */
    char    building[4 * RESIDENT_BUILDING_MAX + 1];
    char    unit[4 * RESIDENT_UNIT_MAX + 1];
    char    room[4 * RESIDENT_ROOM_MAX + 1];
    char    address[RESIDENT_ADDRESS_SIZE];
    char    phone[24];
    char    id_number[20];
    char    notes[4 * RESIDENT_NOTES_MAX + 1];
    char    tags[512];               /* tag ids joined by commas */
    char    last_visit[11];          /* YYYY-MM-DD, "" if never visited */
    bool    active;                  /* false: moved away */
    int64_t version;
    int64_t updated_at;              /* util_now() of the last change */
};

/* Adds a resident. A resident of the same name at the same address in
 * the committee is E_DUP (field "name", message naming the other one),
 * so a screen can ask first; `force` adds the second one anyway. *id
 * (may be NULL) gets the new id. Works inside an open transaction too
 * (an import holds one). */
int residents_add(struct ctx *ctx, const struct resident_input *in,
                  bool force, int64_t *id, struct error *e);
/* Replaces every field and the tags of resident `id` as seen at
 * `version`. The committee cannot change. Same duplicate rule. */
int residents_update(struct ctx *ctx, int64_t id, int64_t version,
                     const struct resident_input *in, bool force,
                     struct error *e);
/* Applies the changes queued for the search index (see
 * schema_residents.c) inside the caller's transaction. The writes above
 * call it when they own their transaction; inside a caller's (an import
 * of many rows) the caller calls it once before committing. A search
 * catches up by itself either way. */
struct db;
int residents_fts_sync(struct db *db, struct error *e);
/* Its queue, for a search to catch up with page_fts_catch_up(). */
extern const struct page_fts residents_fts;

/* Moved away (false) or back (true). */
int residents_set_active(struct ctx *ctx, int64_t id, int64_t version,
                         bool active, struct error *e);

/* One resident in scope, with tags and the last visit; E_NOTFOUND for a
 * resident the session cannot see as well as for one that is gone. */
int residents_get(struct ctx *ctx, int64_t id, struct resident *out,
                  struct error *e);

/* Keyset paging of the register. Without `find` the order is by pinyin
 * initials, then name, then id; with it, residents whose name, pinyin
 * initials, address or phone contain every word of it (张三, zsf, 3-2,
 * 5678), in entry order, through the FTS5 index. */
struct resident_filter {
    const char *find;              /* NULL or "": everyone */
    const char *committee;         /* NULL or "": every one in scope */
    bool        include_inactive;  /* also those who moved away */
};
int  residents_page(struct ctx *ctx, const struct resident_filter *f,
                    enum page_dir dir, const char *at_key, int64_t at_id,
                    int n, struct resident *out, int *got, struct error *e);
long residents_page_count(struct ctx *ctx, const struct resident_filter *f);
/* The key residents_page() wants back (as at_key) for row r, malloc'd. */
char *residents_page_key(const struct resident_filter *f,
                         const struct resident *r);

/* Residents with `tag` (those not moved away) not visited in the last
 * `days` days: never visited, or last visited on or before today − days.
 * The director's list (低保户 not visited in 90 days). Those never visited
 * first, then the longest ago; keyed by last_visit ("" for never). */
struct resident_neglect_filter {
    const char *tag;
    int         days;
    const char *committee;       /* NULL or "": every one in scope */
};
int  residents_neglected_page(struct ctx *ctx,
                              const struct resident_neglect_filter *f,
                              enum page_dir dir, const char *at_key,
                              int64_t at_id, int n, struct resident *out,
                              int *got, struct error *e);
long residents_neglected_count(struct ctx *ctx,
                               const struct resident_neglect_filter *f);

/* Masked for lists: 138****5678, 1301**********1234. Malloc'd; "" stays
 * "". A short number shows only its last digits, or nothing. */
char *residents_mask_phone(const char *phone);
char *residents_mask_id(const char *id_number);
/* May this session see the numbers unmasked outside the resident's own
 * screen (an export with --full)? Street office and admin only. */
bool  residents_full_view(const struct session *who);

/* GB 11643: 17 digits and a check character (0-9 or X) with a real date
 * of birth, or an old 15-digit number. On failure *e says which. */
int residents_check_id_number(const char *s, struct error *e);

/* Tags as a person types them: names or ids of [resident_tags] separated
 * by spaces, commas (also ，), 、 or semicolons. *ids are malloc'd copies
 * of the config ids, without repeats; free with residents_tags_free(). */
int  residents_parse_tags(const struct config *cfg, const char *text,
                          char ***ids, size_t *n, struct error *e);
void residents_tags_free(char **ids, size_t n);
/* "低保户、独居老人" for "dibao,elderly_alone", in config order; malloc'd. */
char *residents_tags_label(const struct config *cfg, const char *ids);

/* Loads residents from a CSV file (UTF-8, a header row naming the
 * columns in Chinese or English: 姓名/name, 居委会/committee, 性别/gender,
 * 出生年份/birth_year, 出生日期/birth_date, 楼号/building, 单元/unit,
 * 房号/room, 电话/phone, 身份证号/id_number, 标签/tags, 备注/notes) in one
 * transaction. A committee cell (id or name) wins over `committee`, the
 * default for empty cells. Every problem is written to errs as
 * FILE:LINE: message; if there was any, nothing is imported and the
 * result is -1. `force` lets duplicates in. *added: residents added. */
int residents_import(struct ctx *ctx, const char *path, const char *committee,
                     bool force, FILE *errs, long *added);

#endif
