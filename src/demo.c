/* demo.c — the demo data set (see demo.h).
 *
 * Rows go in with prepared INSERTs, not store_apply(): a million work
 * records through the one write path would take an hour and leave a
 * million audit rows saying that nobody did anything. Instead each bulk
 * transaction appends one audit row ("demo", its table, how many rows of
 * which tables) and the rows themselves are made to obey the rules that
 * store_apply() and the record modules check, which test_demo.c verifies.
 *
 * Determinism: every table draws from its own random stream of the seed,
 * the working days come from the INI's calendar, and timestamps are made
 * from the row's own date, never from the clock (except that nothing is
 * stamped later than now). */
#include "juwei/demo.h"
#include "juwei/demo_work.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "juwei/audit.h"
#include "juwei/auth.h"
#include "juwei/calendar.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/demo_people.h"
#include "juwei/pinyin.h"


/* --- SQL ------------------------------------------------------------- */

static const char sql_committee_active[] =
    "SELECT active FROM committees WHERE id = ?1";
static const char sql_rows[] =
    "SELECT (SELECT count(*) FROM staff) + (SELECT count(*) FROM staff_posts)"
    " + (SELECT count(*) FROM records) + (SELECT count(*) FROM inspections)"
    " + (SELECT count(*) FROM inspection_followups)"
    " + (SELECT count(*) FROM residents) + (SELECT count(*) FROM resident_tags)"
    " + (SELECT count(*) FROM visits) + (SELECT count(*) FROM leave)"
    " + (SELECT count(*) FROM leave_steps) + (SELECT count(*) FROM training)"
    " + (SELECT count(*) FROM training_attendees)"
    " + (SELECT count(*) FROM assessment_rounds)"
    " + (SELECT count(*) FROM assessment_subjects)"
    " + (SELECT count(*) FROM assessment_scores)"
    " + (SELECT count(*) FROM assessment_ballots)"
    " + (SELECT count(*) FROM month_signoffs) + (SELECT count(*) FROM drafts)";
static const char sql_demo_rows[] =
    "SELECT coalesce(sum(j.value), 0) FROM audit, json_each(audit.after,"
    " '$.rows') AS j WHERE audit.action = 'demo'";
static const char sql_staff[] =
    "INSERT INTO staff (login, name, committee_id, district_id, role,"
    " employment_type, hire_date, contract_end, phone, active, password_hash,"
    " version, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, 1, ?11, ?11)";
static const char sql_post[] =
    "INSERT INTO staff_posts (staff_id, committee_id, post, since, version,"
    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5)";
static const char sql_resident[] =
    "INSERT INTO residents (committee_id, name, name_initials, gender,"
    " birth_year, building, unit, room, phone, id_number, notes, active,"
    " version, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1, ?13, ?13)";
static const char sql_tag[] =
    "INSERT INTO resident_tags (resident_id, committee_id, tag, version,"
    " created_at, updated_at) VALUES (?1, ?2, ?3, 1, ?4, ?4)";

int
demo_failed(struct demo_build *b, struct error *e)
{
    return db_error(b->db, sqlite3_extended_errcode(db_sqlite(b->db)), e);
}

int
demo_step(struct demo_build *b, sqlite3_stmt *st, struct error *e)
{
    int rc = sqlite3_step(st);

    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(b->db, rc, e);
    return 0;
}

void
demo_bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s == NULL || *s == '\0')
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

void
demo_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
    if (id == 0)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int64(st, i, id);
}

/* A timestamp at `minute` of local `day`, never later than now. */
int64_t
demo_stamp(const struct demo_build *b, date_t day, int minute)
{
    int64_t t = (int64_t)day * 86400 + (int64_t)minute * 60 - b->tzoff;

    return t < b->now ? t : b->now;
}

const char *
demo_list_id(const struct cfg_list *l, const struct demo_draw *dr,
        struct demo_rng *r)
{
    int i = demo_text_draw(dr, r);

    return i < 0 ? NULL : l->items[i].id;
}

static bool
has_item(const struct cfg_list *l, const char *id)
{
    return config_item(l, id) != NULL;
}

/* The k-th working day from `from` on (k = 0: `from` or the next one). */
date_t
demo_workday(const struct demo_build *b, date_t from, int k)
{
    const struct calendar *cal = &b->cfg->calendar;
    date_t d = from;

    while (!calendar_is_workday(cal, d))
        d++;
    while (k-- > 0) {
        d++;
        while (!calendar_is_workday(cal, d))
            d++;
    }
    return d;
}

/* Row i of n spread evenly over the working days, so that ids grow with
 * the date as they do in use. */
date_t
demo_day_of(const struct demo_build *b, long i, long n)
{
    return b->days[(size_t)((uint64_t)i * b->ndays / (uint64_t)n)];
}

const struct demo_unit *
demo_any_unit(const struct demo_build *b, const struct demo_draw *dr,
         struct demo_rng *r)
{
    return &b->u[demo_text_draw(dr, r)];
}

int64_t
demo_any_staff(const struct demo_unit *u, struct demo_rng *r)
{
    return u->staff[demo_text_below(r, (uint32_t)u->nstaff)];
}

/* --- transactions ---------------------------------------------------- */

static int
txn_begin(struct demo_build *b, const char *table, const char *child,
          struct error *e)
{
    b->tables[0] = table;
    b->tables[1] = child;
    b->rows[0] = b->rows[1] = 0;
    return db_begin(b->db, e);
}

/* The full-text queues are applied inside each bulk transaction, as the
 * modules' own writes do, so that the database is searchable at once; a
 * fresh file's load applies them once at the end instead (demo_bulk.c). */
static int
sync_indexes(struct demo_build *b, struct error *e)
{
    return b->bulk ? 0 : demo_bulk_fts(b, b->tables[0], e);
}

/* The transaction's one audit row, the caller's hook, COMMIT, progress. */
int
demo_txn_commit(struct demo_build *b, long total, struct error *e)
{
    char json[256];
    int n;

    if (b->rows[0] == 0 && b->rows[1] == 0) {
        db_rollback(b->db);
        return 0;
    }
    n = snprintf(json, sizeof json,
                 "{\"seed\":%llu,\"scale\":%ld,\"rows\":{\"%s\":%ld",
                 (unsigned long long)b->o->seed, b->o->scale, b->tables[0],
                 b->rows[0]);
    if (b->tables[1] != NULL)
        n += snprintf(json + n, sizeof json - (size_t)n, ",\"%s\":%ld",
                      b->tables[1], b->rows[1]);
    snprintf(json + n, sizeof json - (size_t)n, "}}");
    if (audit_append(b->db, &b->ctx->who, "demo", b->tables[0], 0, NULL, json,
                     e) < 0 || sync_indexes(b, e) < 0)
        goto fail;
    for (int i = 0; i < 2 && b->o->before_commit != NULL; i++) {
        if (b->tables[i] != NULL && b->rows[i] > 0 &&
            b->o->before_commit(b->o->before_commit_arg, b->db, b->tables[i],
                                e) < 0)
            goto fail;
    }
    if (db_commit(b->db, e) < 0)
        return -1;
    b->n->transactions++;
    b->done += b->rows[0];
    b->rows[0] = b->rows[1] = 0;
    if (b->o->progress != NULL)
        b->o->progress(b->o->progress_arg, b->tables[0], b->done, total);
    return 0;
fail:
    db_rollback(b->db);
    return -1;
}

/* After each row of the main table: a full batch is committed. */
int
demo_txn_row(struct demo_build *b, long total, struct error *e)
{
    if (++b->rows[0] < b->batch)
        return 0;
    if (demo_txn_commit(b, total, e) < 0)
        return -1;
    return txn_begin(b, b->tables[0], b->tables[1], e);
}

int
demo_txn_phase(struct demo_build *b, const char *table, const char *child,
          struct error *e)
{
    b->done = 0;
    return txn_begin(b, table, child, e);
}

/* --- accounts -------------------------------------------------------- */

struct account {
    const char *committee, *district, *role;
    const char *posts[2];
};

static int
add_staff(struct demo_build *b, struct demo_rng *r, const struct demo_draw *emp,
          const struct account *a, const char *hash, int64_t *id, long total,
          struct error *e)
{
    const struct config *cfg = b->cfg;
    sqlite3_stmt *st = db_stmt(b->db, sql_staff);
    char name[48], login[48], hired[11], ends[11] = "", phone[16], *ini;
    const char *type = NULL;
    date_t h = date_from_ymd(2003, 1, 1);
    int64_t at;

    if (st == NULL)
        return demo_failed(b, e);
    h += (date_t)demo_text_below(r, (uint32_t)(b->until - 90 - h));
    date_format(h, hired);
    at = demo_stamp(b, h, 9 * 60);
    demo_people_name(r, demo_text_chance(r, 650),
                     demo_text_between(r, 1966, 2000), NULL, name,
                     sizeof name);
    ini = pinyin_initials(name);
    if (strcmp(a->role, "admin") == 0)
        snprintf(login, sizeof login, "%s", DEMO_ADMIN);
    else    /* wxy17: initials and a number, as offices often do */
        snprintf(login, sizeof login, "%.20s%ld", *ini ? ini : "u",
                 b->n->staff + 1);
    free(ini);
    demo_people_mobile(r, phone, sizeof phone);
    if (strcmp(a->role, "admin") != 0)
        type = demo_list_id(&cfg->employment_types, emp, r);
    if (type != NULL && strcmp(a->role, "street") == 0 &&
        has_item(&cfg->employment_types, "cadre"))
        type = "cadre";
    if (type != NULL && strcmp(type, "cadre") != 0) {
        /* Contracts run three years and are renewed; the current one
         * ends after `until`, a few of them soon. */
        int y, m, d, k = 3;

        date_to_ymd(h, &y, &m, &d);
        d = d > 28 ? 28 : d;
        while (date_from_ymd(y + k, m, d) < b->until)
            k += 3;
        date_format(date_from_ymd(y + k, m, d), ends);
    }
    demo_bind_text(st, 1, login);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    demo_bind_text(st, 3, a->committee);
    demo_bind_text(st, 4, a->district);
    sqlite3_bind_text(st, 5, a->role, -1, SQLITE_STATIC);
    demo_bind_text(st, 6, type);
    sqlite3_bind_text(st, 7, hired, -1, SQLITE_STATIC);
    demo_bind_text(st, 8, ends);
    sqlite3_bind_text(st, 9, phone, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 11, at);
    if (demo_step(b, st, e) < 0)
        return -1;
    *id = sqlite3_last_insert_rowid(db_sqlite(b->db));
    b->n->staff++;
    for (int i = 0; i < 2; i++) {
        if (a->posts[i] == NULL || !has_item(&cfg->posts, a->posts[i]))
            continue;
        if ((st = db_stmt(b->db, sql_post)) == NULL)
            return demo_failed(b, e);
        sqlite3_bind_int64(st, 1, *id);
        demo_bind_text(st, 2, a->committee);
        sqlite3_bind_text(st, 3, a->posts[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, hired, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 5, at);
        if (demo_step(b, st, e) < 0)
            return -1;
        b->n->posts++;
        b->rows[1]++;
    }
    return demo_txn_row(b, total, e);
}

/* All accounts share one yescrypt hash of DEMO_PASSWORD: a thousand
 * hashes would take a minute and protect nothing. */
static int
phase_staff(struct demo_build *b, struct error *e)
{
    static const char *const rank[] = { "grid_worker", "grid_worker",
                                        "grid_worker", "member", "member",
                                        "social_worker" };
    const struct config *cfg = b->cfg;
    struct demo_rng r;
    struct demo_draw emp;
    char *hash = auth_hash(DEMO_PASSWORD);
    long total = 1 + 2 * (long)cfg->ndistricts;
    struct account admin = { NULL, NULL, "admin", { NULL, NULL } };
    int64_t id;
    int rc = -1;

    if (hash == NULL)
        return error_set(e, E_IO, NULL, _("the system could not hash the "
                                          "password (libcrypt)"));
    demo_text_seed(&r, b->o->seed, S_STAFF);
    demo_text_draw_list(&emp, &cfg->employment_types, "employment");
    for (size_t i = 0; i < b->nu; i++)
        total += b->u[i].nstaff;
    if (demo_txn_phase(b, "staff", "staff_posts", e) < 0 ||
        add_staff(b, &r, &emp, &admin, hash, &id, total, e) < 0)
        goto out;
    for (size_t i = 0; i < cfg->ndistricts; i++) {
        /* Posts are a committee's (roster.c): none for the street. */
        struct account a = { NULL, cfg->districts[i].id, "street",
                             { NULL, NULL } };

        for (int k = 0; k < 2; k++) {
            if (add_staff(b, &r, &emp, &a, hash, &b->street[i][k], total,
                          e) < 0)
                goto out;
        }
    }
    for (size_t i = 0; i < b->nu; i++) {
        struct demo_unit *u = &b->u[i];
        struct account a = { u->cfg->id, cfg->districts[u->district].id,
                             "staff", { NULL, NULL } };

        for (int k = 0; k < u->nstaff; k++) {
            a.role = k == 0 ? "director" : "staff";
            a.posts[0] = k == 0 ? "director" : k == 1 ? "deputy"
                       : rank[demo_text_below(&r, ARRAY_LEN(rank))];
            /* 书记、主任一肩挑: most directors are also the secretary. */
            a.posts[1] = k == 0 && demo_text_chance(&r, 700) ? "secretary"
                                                             : NULL;
            if (add_staff(b, &r, &emp, &a, hash, &u->staff[k], total, e) < 0)
                goto out;
        }
    }
    rc = demo_txn_commit(b, total, e);
out:
    if (rc < 0)
        db_rollback(b->db);
    demo_text_draw_free(&emp);
    free(hash);
    return rc;
}

/* --- residents ------------------------------------------------------- */

static int
add_resident(struct demo_build *b, struct demo_unit *u,
             const struct demo_member *m,
             const struct demo_address *a, int64_t at, long total,
             struct error *e)
{
    sqlite3_stmt *st = db_stmt(b->db, sql_resident);
    char *ini;
    int64_t id;
    int rc;

    if (st == NULL)
        return demo_failed(b, e);
    ini = pinyin_initials(m->name);
    sqlite3_bind_text(st, 1, u->cfg->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
    demo_bind_text(st, 3, ini);
    sqlite3_bind_text(st, 4, m->gender, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, m->birth_year);
    sqlite3_bind_text(st, 6, a->b, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, a->u, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, a->room, -1, SQLITE_STATIC);
    demo_bind_text(st, 9, m->phone);
    demo_bind_text(st, 10, m->id_number);
    demo_bind_text(st, 11, m->note);
    sqlite3_bind_int(st, 12, m->active);
    sqlite3_bind_int64(st, 13, at);
    rc = demo_step(b, st, e);
    free(ini);
    if (rc < 0)
        return -1;
    id = sqlite3_last_insert_rowid(db_sqlite(b->db));
    if (m->active)
        u->residents[u->nresidents++] = id;
    b->n->residents++;
    for (int t = 0; t < m->ntags; t++) {
        if ((st = db_stmt(b->db, sql_tag)) == NULL)
            return demo_failed(b, e);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, u->cfg->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, m->tags[t], -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, at);
        if (demo_step(b, st, e) < 0)
            return -1;
        b->n->tags++;
        b->rows[1]++;
    }
    return demo_txn_row(b, total, e);
}

/* Each committee's register, household by household, flat by flat. */
static int
phase_residents(struct demo_build *b, long total, struct error *e)
{
    const struct cfg_list *tl = &b->cfg->resident_tags;
    struct demo_rng r;
    struct demo_draw tags;
    struct demo_member m[4];
    int rc = -1;

    demo_text_seed(&r, b->o->seed, S_RESIDENTS);
    demo_text_draw_list(&tags, tl, "tag");
    if (demo_txn_phase(b, "residents", "resident_tags", e) < 0)
        goto out;
    for (size_t i = 0; i < b->nu; i++) {
        struct demo_unit *u = &b->u[i];
        struct demo_address a;

        demo_people_address_start(&a, 1);
        u->residents = xcalloc((size_t)u->quota + 1, sizeof *u->residents);
        for (long made = 0; made < u->quota;) {
            int size = demo_people_household(&r, tl, &tags, b->until, m);
            /* Registered when they moved in, before the two years. */
            date_t in = b->start - (date_t)demo_text_below(&r, 3650);

            demo_people_address_next(&a, &r);
            for (int k = 0; k < size && made < u->quota; k++, made++) {
                if (add_resident(b, u, &m[k], &a, demo_stamp(b, in, 600 + k),
                                 total, e) < 0)
                    goto out;
            }
        }
    }
    rc = demo_txn_commit(b, total, e);
out:
    if (rc < 0)
        db_rollback(b->db);
    demo_text_draw_free(&tags);
    return rc;
}


/* --- the whole set --------------------------------------------------- */

static long
count_of(struct db *db, const char *sql, struct error *e)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    long n = -1;
    int rc;

    if (st == NULL)
        return db_error(db, sqlite3_extended_errcode(db_sqlite(db)), e);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return db_error(db, rc, e);
    return n;
}

int
demo_census(struct db *db, long *rows, long *demo_rows, struct error *e)
{
    if ((*rows = count_of(db, sql_rows, e)) < 0 ||
        (*demo_rows = count_of(db, sql_demo_rows, e)) < 0)
        return -1;
    return 0;
}

void
demo_plan(long scale, struct demo_counts *out)
{
    memset(out, 0, sizeof *out);
    out->records = scale;
    out->residents = scale / 5;
    out->visits = scale / 2;
    out->inspections = scale / 10;
    out->leave = scale / 200;
    out->training = scale / 2000;
}

/* What must hold before anything is written. */
static int
check(struct ctx *ctx, const struct demo_opts *o, date_t until, long *rows,
      struct error *e)
{
    const struct config *cfg = ctx->cfg;
    const struct {
        const char *name;
        size_t n;
    } lists[] = {
        { "record_categories", cfg->record_categories.n },
        { "inspection_categories", cfg->inspection_categories.n },
        { "visit_purposes", cfg->visit_purposes.n },
        { "training_levels", cfg->training_levels.n },
        { "leave.*", cfg->nleave_types },
        { "committee.*", cfg->ncommittees },
    };
    long demo_rows;

    if (o->scale < 1 || o->scale > DEMO_SCALE_MAX)
        return error_set(e, E_INVAL, "scale",
                         _("the scale is the number of work records, "
                           "from 1 to %ld"), DEMO_SCALE_MAX);
    if (until > date_today())
        return error_set(e, E_INVAL, "until",
                         _("the demo data ends today at the latest"));
    for (size_t i = 0; i < ARRAY_LEN(lists); i++) {
        if (lists[i].n == 0)
            return error_set(e, E_INVAL, NULL,
                             _("the INI has no [%s]; the demo needs it"),
                             lists[i].name);
    }
    for (size_t i = 0; i < cfg->ncommittees; i++) {
        sqlite3_stmt *st = db_stmt(ctx->db, sql_committee_active);
        int rc, active = 0;

        if (st == NULL)
            return db_error(ctx->db,
                            sqlite3_extended_errcode(db_sqlite(ctx->db)), e);
        sqlite3_bind_text(st, 1, cfg->committees[i].id, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            active = sqlite3_column_int(st, 0);
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return db_error(ctx->db, rc, e);
        if (!active)
            return error_set(e, E_INVAL, NULL,
                             _("committee \"%s\" of the INI is not in the "
                               "database; run juwei init first"),
                             cfg->committees[i].id);
    }
    if (demo_census(ctx->db, rows, &demo_rows, e) < 0)
        return -1;
    if (o->force)
        return 0;
    if (*rows > 0 && demo_rows >= *rows)
        return error_set(e, E_INVAL, NULL,
                         _("this database already holds a demo data set; "
                           "make a new one with juwei init, or add another "
                           "with --force"));
    if (*rows > 0)
        return error_set(e, E_INVAL, NULL,
                         ngettext("this database holds %ld row that juwei "
                                  "demo did not write; use a new database, "
                                  "or --force to add the demo data anyway",
                                  "this database holds %ld rows that juwei "
                                  "demo did not write; use a new database, "
                                  "or --force to add the demo data anyway",
                                  (unsigned long)(*rows - demo_rows)),
                         *rows - demo_rows);
    return 0;
}

/* Committees, their sizes and staff numbers, the working days. */
static void
setup(struct demo_build *b, const struct demo_counts *plan)
{
    const struct config *cfg = b->cfg;
    struct demo_rng r;
    unsigned total = 0;
    long given = 0;
    time_t now = (time_t)b->now;
    struct tm tm;

    localtime_r(&now, &tm);
    b->tzoff = tm.tm_gmtoff;
    demo_text_seed(&r, b->o->seed, S_UNITS);
    b->nu = cfg->ncommittees;
    b->u = xcalloc(b->nu, sizeof *b->u);
    b->street = xcalloc(cfg->ndistricts, sizeof *b->street);
    demo_text_draw_init(&b->units, b->nu);
    for (size_t i = 0; i < b->nu; i++) {
        struct demo_unit *u = &b->u[i];

        u->cfg = &cfg->committees[i];
        for (u->district = 0; u->district + 1 < cfg->ndistricts &&
             strcmp(cfg->districts[u->district].id, u->cfg->district) != 0;
             u->district++)
            ;
        u->weight = (unsigned)demo_text_between(&r, 6, 14);
        u->nstaff = demo_text_between(&r, 8, 12);
        u->staff = xcalloc((size_t)u->nstaff, sizeof *u->staff);
        demo_text_draw_add(&b->units, u->weight);
        total += u->weight;
    }
    /* Residents in proportion to size; the remainder to the first. */
    for (size_t i = 0; i < b->nu; i++) {
        b->u[i].quota = (long)((uint64_t)plan->residents * b->u[i].weight /
                               total);
        given += b->u[i].quota;
    }
    for (size_t i = 0; given < plan->residents; i = (i + 1) % b->nu, given++)
        b->u[i].quota++;
    b->start = b->until - 730;
    b->days = xcalloc(731, sizeof *b->days);
    for (date_t d = b->start + 1; d <= b->until; d++) {
        if (calendar_is_workday(&cfg->calendar, d))
            b->days[b->ndays++] = d;
    }
    if (b->ndays == 0)          /* a calendar of nothing but holidays */
        b->days[b->ndays++] = b->until;
}

static void
teardown(struct demo_build *b)
{
    for (size_t i = 0; i < b->nu; i++) {
        free(b->u[i].staff);
        free(b->u[i].residents);
    }
    free(b->u);
    free(b->street);
    free(b->days);
    demo_text_draw_free(&b->units);
}

int
demo_build(struct ctx *ctx, const struct demo_opts *o,
           struct demo_counts *out, struct error *e)
{
    struct demo_build b = { 0 };
    struct demo_counts plan, n = { 0 };
    struct error err = { 0 };
    long rows = -1;
    int rc;

    b.ctx = ctx;
    b.db = ctx->db;
    b.cfg = ctx->cfg;
    b.o = o;
    b.n = &n;
    b.now = util_now();
    b.until = o->until == DATE_NONE ? date_today() : o->until;
    b.batch = o->batch > 0 ? o->batch : DEMO_BATCH;
    if (out != NULL)
        memset(out, 0, sizeof *out);
    b.sync_was = -1;
    if (check(ctx, o, b.until, &rows, e) < 0)
        return -1;
    demo_plan(o->scale, &plan);
    setup(&b, &plan);
    db_bulk(b.db, true);
    rc = (rows == 0 && demo_bulk_begin(&b, &err) < 0) ||
         phase_staff(&b, &err) < 0 ||
         phase_residents(&b, plan.residents, &err) < 0 ||
         demo_work_records(&b, plan.records, &err) < 0 ||
         demo_work_inspections(&b, plan.inspections, &err) < 0 ||
         demo_work_visits(&b, plan.visits, &err) < 0 ||
         demo_work_leave(&b, plan.leave, &err) < 0 ||
         demo_work_training(&b, plan.training, &err) < 0 ? -1 : 0;
    if (demo_bulk_end(&b, rc == 0, &err) < 0)
        rc = -1;
    db_bulk(b.db, false);
    teardown(&b);
    if (out != NULL)
        *out = n;
    if (rc < 0 && n.transactions > 0)
        return error_set(e, err.code, err.field,
                         _("%s (the %ld transactions before this one were "
                           "committed)"), err.msg, n.transactions);
    if (rc < 0 && e != NULL)
        *e = err;
    return rc;
}

int
demo_residents_csv(FILE *fp, const struct config *cfg, long n, uint64_t seed,
                   struct error *e)
{
    if (cfg->ncommittees == 0)
        return error_set(e, E_INVAL, NULL,
                         _("the INI has no [%s]; the demo needs it"),
                         "committee.*");
    if (demo_people_csv(fp, cfg, n, seed, S_CSV, date_today()) < 0)
        return error_set(e, E_IO, NULL, _("cannot write the CSV file"));
    return 0;
}
