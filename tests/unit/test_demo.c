/* test_demo.c — the demo data set: the same seed gives the same rows, the
 * scale gives the counts, every row passes the store's checks and the
 * record rules, one audit row per transaction, and what it refuses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "fixture.h"
#include "juwei/auth.h"
#include "juwei/calendar.h"
#include "juwei/config.h"
#include "juwei/db.h"
#include "juwei/demo.h"
#include "juwei/inspections.h"
#include "juwei/leave.h"
#include "juwei/pinyin.h"
#include "juwei/records.h"
#include "juwei/residents.h"
#include "juwei/roster.h"
#include "juwei/training.h"
#include "juwei/visits.h"
#include "juwei/staff.h"
#include "juwei/store.h"

static struct config *cfg;

/* A fresh database of the sample INI, and an admin context on it. */
static struct db *
fresh_at(struct ctx *ctx, const char *path)
{
    struct db *db = fixture_db_at(path, cfg);

    *ctx = fixture_system(db, cfg);
    return db;
}

static struct db *
fresh(struct ctx *ctx)
{
    return fresh_at(ctx, ":memory:");
}

static int
build(struct ctx *ctx, long scale, uint64_t seed, struct demo_counts *n,
      struct error *e)
{
    struct demo_opts o = { .scale = scale, .seed = seed, .until = DATE_NONE };

    return demo_build(ctx, &o, n, e);
}

static long
count(struct db *db, const char *sql)
{
    return fixture_count(db, sql);
}

/* FNV-1a over every value of a query's rows, in order. */
static uint64_t
hash_rows(struct db *db, const char *sql)
{
    sqlite3_stmt *st;
    uint64_t h = 1469598103934665603ull;

    if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK)
        return 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(st); i++) {
            const unsigned char *s = sqlite3_column_text(st, i);
            int len = sqlite3_column_bytes(st, i);

            for (int k = 0; k < len; k++)
                h = (h ^ s[k]) * 1099511628211ull;
            h = (h ^ (s == NULL ? 0xFF : 0xFE)) * 1099511628211ull;
        }
    }
    sqlite3_finalize(st);
    return h;
}

/* Every table the demo writes; the password hash is salted afresh. */
static uint64_t
hash_all(struct db *db)
{
    static const char *const q[] = {
        "SELECT id, login, name, committee_id, district_id, role,"
        " employment_type, hire_date, contract_end, phone, active, version,"
        " created_at, updated_at FROM staff ORDER BY id",
        "SELECT * FROM staff_posts ORDER BY id",
        "SELECT * FROM records ORDER BY id",
        "SELECT * FROM inspections ORDER BY id",
        "SELECT * FROM inspection_followups ORDER BY id",
        "SELECT * FROM residents ORDER BY id",
        "SELECT * FROM resident_tags ORDER BY id",
        "SELECT * FROM visits ORDER BY id",
        "SELECT * FROM leave ORDER BY id",
        "SELECT * FROM leave_steps ORDER BY id",
        "SELECT * FROM training ORDER BY id",
        "SELECT * FROM training_attendees ORDER BY id",
    };
    uint64_t h = 0;

    for (size_t i = 0; i < ARRAY_LEN(q); i++)
        h = h * 31 + hash_rows(db, q[i]);
    return h;
}

static void
test_same_seed_same_data(void)
{
    struct ctx a, b, c;
    struct demo_counts n;
    struct error e = { 0 };
    char hash[256];

    fresh(&a);
    fresh(&b);
    fresh(&c);
    CHECK_INT(build(&a, 3000, 7, &n, &e), 0);
    CHECK_INT(build(&b, 3000, 7, &n, &e), 0);
    CHECK_INT(build(&c, 3000, 8, &n, &e), 0);
    CHECK(hash_all(a.db) == hash_all(b.db));
    CHECK(hash_all(a.db) != hash_all(c.db));
    CHECK(hash_rows(a.db, "SELECT * FROM records ORDER BY id") !=
          hash_rows(c.db, "SELECT * FROM records ORDER BY id"));
    /* One hash for every account, and it is the demo password's. */
    CHECK_INT(count(a.db, "SELECT count(DISTINCT password_hash) FROM staff"),
              1);
    fixture_text(a.db, "SELECT password_hash FROM staff LIMIT 1", hash,
                sizeof hash);
    CHECK(auth_hash_matches(hash, DEMO_PASSWORD));
    CHECK(!auth_hash_matches(hash, "demo-juwei-"));
    db_close(a.db);
    db_close(b.db);
    db_close(c.db);
}

static void
test_scale_gives_the_counts(void)
{
    struct ctx ctx;
    struct demo_counts n, plan;
    struct error e = { 0 };
    long nd = (long)cfg->ndistricts, nc = (long)cfg->ncommittees;

    fresh(&ctx);
    CHECK_INT(build(&ctx, 4000, 3, &n, &e), 0);
    demo_plan(4000, &plan);
    CHECK_INT(plan.records, 4000);
    CHECK_INT(plan.residents, 800);
    CHECK_INT(plan.visits, 2000);
    CHECK_INT(plan.inspections, 400);
    CHECK_INT(plan.leave, 20);
    CHECK_INT(plan.training, 2);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM records"), 4000);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM residents"), 800);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM visits"), 2000);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM inspections"), 400);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM leave"), 20);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM training"), 2);
    CHECK_INT(n.records, 4000);
    CHECK_INT(n.followups,
              count(ctx.db, "SELECT count(*) FROM inspection_followups"));
    CHECK(n.followups > 400);
    CHECK_INT(n.tags, count(ctx.db, "SELECT count(*) FROM resident_tags"));
    CHECK(n.tags > 0);
    CHECK(n.attendees > 0);
    /* One admin, two street accounts a district, 8–12 a committee with
     * one director each. */
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM staff WHERE role = 'admin'"
                            " AND login = 'demo.admin'"), 1);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM staff"
                            " WHERE role = 'street'"), 2 * nd);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM staff"
                            " WHERE role = 'director'"), nc);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM (SELECT committee_id"
                            " FROM staff WHERE committee_id IS NOT NULL"
                            " GROUP BY 1 HAVING count(*) NOT BETWEEN 8"
                            " AND 12)"), 0);
    CHECK_INT(n.staff, count(ctx.db, "SELECT count(*) FROM staff"));
    /* Scale 1: one record, and nothing that needs more. */
    db_close(ctx.db);
    fresh(&ctx);
    CHECK_INT(build(&ctx, 1, 3, &n, &e), 0);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM records"), 1);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM visits"), 0);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM residents"), 0);
    db_close(ctx.db);
}

/* Every committee id the data uses is one of the INI's, and every
 * committee of the INI has its staff and its share of the work. */
static void
test_committees_from_the_config(void)
{
    static const char *const used[] = {
        "SELECT DISTINCT committee_id FROM records",
        "SELECT DISTINCT committee_id FROM inspections",
        "SELECT DISTINCT committee_id FROM residents",
        "SELECT DISTINCT committee_id FROM visits",
        "SELECT DISTINCT committee_id FROM staff WHERE committee_id NOT NULL",
        "SELECT DISTINCT committee_id FROM leave",      /* 25 rows: some */
        "SELECT DISTINCT district_id FROM staff WHERE district_id NOT NULL",
    };
    struct ctx ctx;
    struct demo_counts n;
    struct error e = { 0 };
    sqlite3_stmt *st;

    fresh(&ctx);
    CHECK_INT(build(&ctx, 5000, 11, &n, &e), 0);
    for (size_t i = 0; i < ARRAY_LEN(used); i++) {
        int rows = 0;

        sqlite3_prepare_v2(db_sqlite(ctx.db), used[i], -1, &st, NULL);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *id = (const char *)sqlite3_column_text(st, 0);

            CHECK(config_committee(cfg, id) != NULL ||
                  (i == ARRAY_LEN(used) - 1 &&
                   config_district(cfg, id) != NULL));
            rows++;
        }
        sqlite3_finalize(st);
        if (i == ARRAY_LEN(used) - 1)
            CHECK_INT(rows, (int)cfg->ndistricts);
        else if (i < ARRAY_LEN(used) - 2)
            CHECK_INT(rows, (int)cfg->ncommittees);
        else
            CHECK(rows > 0);
    }
    db_close(ctx.db);
}

/* --- every row through store_apply() --------------------------------- */

/* Saves every row of `t` unchanged through store_apply(): each value is
 * checked against its column (UTF-8, controls, length, dates, times,
 * ranges), the scope and the table's own check. Returns the rows that
 * failed, printing the first. */
static int
resave_all(struct ctx *ctx, const struct table *t, const char *ids_sql)
{
    sqlite3_stmt *st;
    int bad = 0, rows = 0;

    sqlite3_prepare_v2(db_sqlite(ctx->db), ids_sql, -1, &st, NULL);
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct error e = { 0 };
        struct change ch = { t, CH_UPDATE, sqlite3_column_int64(st, 0), 0,
                             NULL, NULL, NULL };
        struct value *v;

        rows++;
        if (store_load(ctx, t, ch.id, &v, &ch.version, &e) < 0) {
            if (bad++ == 0)
                printf("  %s %lld: %s\n", t->name, (long long)ch.id, e.msg);
            continue;
        }
        ch.vals = v;
        if (store_apply(ctx, &ch, 1, &e) < 0 && bad++ == 0)
            printf("  %s %lld: %s: %s\n", t->name, (long long)ch.id, e.field,
                   e.msg);
        store_values_free(v, t->ncols);
    }
    sqlite3_finalize(st);
    if (rows == 0) {
        printf("  %s: no rows\n", t->name);
        bad++;
    }
    return bad;
}

static void
test_every_row_passes_store_apply(void)
{
    struct ctx ctx;
    struct demo_counts n;
    struct error e = { 0 };
    struct table fu, lv, ls;

    fresh(&ctx);
    CHECK_INT(build(&ctx, 2500, 5, &n, &e), 0);
    /* With the modules' own checks: logins, roles, placement in
     * committee and district, employment types of the INI (staff, the
     * roster); categories, dates, hours in halves, members of the
     * committee (records); grids of the committee, the assignee, due and
     * resolved dates (inspections); pinyin initials, ID numbers and their
     * birth years, phones, tags of the INI (residents); the visitor and
     * the resident of the committee, follow-up dates (visits); posts,
     * training levels, attendees of the district (roster, training). */
    CHECK_INT(resave_all(&ctx, &staff_table, "SELECT id FROM staff"), 0);
    CHECK_INT(resave_all(&ctx, &roster_table, "SELECT id FROM staff"
                         " WHERE role IN ('staff', 'director')"), 0);
    CHECK_INT(resave_all(&ctx, &roster_posts_table,
                         "SELECT id FROM staff_posts"), 0);
    CHECK_INT(resave_all(&ctx, &records_table, "SELECT id FROM records"), 0);
    CHECK_INT(resave_all(&ctx, &inspections_table,
                         "SELECT id FROM inspections"), 0);
    CHECK_INT(resave_all(&ctx, &residents_table,
                         "SELECT id FROM residents"), 0);
    CHECK_INT(resave_all(&ctx, &resident_tags_table,
                         "SELECT id FROM resident_tags"), 0);
    CHECK_INT(resave_all(&ctx, &visits_table, "SELECT id FROM visits"), 0);
    CHECK_INT(resave_all(&ctx, &training_table, "SELECT id FROM training"),
              0);
    CHECK_INT(resave_all(&ctx, &training_attendee_table,
                         "SELECT id FROM training_attendees"), 0);
    /* Follow-ups and leave accept only the next step a person takes, not
     * a row saved again: their columns here, their rules in
     * test_rows_keep_the_record_rules. */
    fu = inspection_followups_table;
    fu.check = NULL;
    lv = leave_table;
    lv.check = NULL;
    ls = leave_steps_table;
    ls.check = NULL;
    CHECK_INT(resave_all(&ctx, &fu, "SELECT id FROM inspection_followups"),
              0);
    CHECK_INT(resave_all(&ctx, &lv, "SELECT id FROM leave"), 0);
    CHECK_INT(resave_all(&ctx, &ls, "SELECT id FROM leave_steps"), 0);
    db_close(ctx.db);
}

/* --- the record rules ------------------------------------------------ */

static int
violations(struct db *db, const char *sql)
{
    int n = (int)count(db, sql);

    if (n != 0)
        printf("  %d rows of: %s\n", n, sql);
    return n;
}

static void
test_rows_keep_the_record_rules(void)
{
    static const char *const rules[] = {
        /* Work happens in the committee of the one who does it. */
        "SELECT count(*) FROM records r JOIN staff s ON s.id = r.staff_id"
        " WHERE s.committee_id IS NOT r.committee_id",
        "SELECT count(*) FROM visits v JOIN staff s ON s.id = v.staff_id"
        " JOIN residents p ON p.id = v.resident_id"
        " WHERE s.committee_id IS NOT v.committee_id"
        "  OR p.committee_id IS NOT v.committee_id OR p.active = 0",
        "SELECT count(*) FROM visits WHERE (followup_needed = 0 AND"
        " (followup_date IS NOT NULL OR followup_done = 1))"
        " OR (followup_needed = 1 AND (followup_date IS NULL"
        "  OR followup_date < date))",
        /* Inspections: a resolved one, and only that, has its date; the
         * assignee is on the committee's staff; the follow-ups chain from
         * open to the status by allowed moves. */
        "SELECT count(*) FROM inspections WHERE (status = 'resolved')"
        " <> (resolved_date IS NOT NULL) OR due_date < date"
        " OR resolved_date < date",
        "SELECT count(*) FROM inspections i JOIN staff s"
        " ON s.id = i.assignee_id WHERE s.committee_id IS NOT i.committee_id"
        " OR s.role NOT IN ('staff', 'director')",
        "SELECT count(*) FROM inspections i WHERE i.status <> coalesce("
        " (SELECT to_status FROM inspection_followups f"
        "  WHERE f.inspection_id = i.id ORDER BY f.id DESC LIMIT 1), 'open')"
        " OR i.version <> 1 + (SELECT count(*) FROM inspection_followups f"
        "  WHERE f.inspection_id = i.id)",
        "SELECT count(*) FROM inspection_followups f WHERE f.from_status <>"
        " coalesce((SELECT g.to_status FROM inspection_followups g"
        "  WHERE g.inspection_id = f.inspection_id AND g.id < f.id"
        "  ORDER BY g.id DESC LIMIT 1), 'open')"
        " OR (f.from_status || '>' || f.to_status) NOT IN ("
        "  'open>in_progress', 'open>escalated', 'in_progress>resolved',"
        "  'in_progress>escalated', 'resolved>open',"
        "  'escalated>in_progress', 'escalated>resolved')"
        " OR f.date < (SELECT date FROM inspections i"
        "  WHERE i.id = f.inspection_id)",
        /* Who moves an escalated inspection: the street office. */
        "SELECT count(*) FROM inspection_followups f JOIN staff s"
        " ON s.id = f.staff_id WHERE (f.from_status = 'escalated')"
        " <> (s.role = 'street')",
        /* Residents: initials of the name, a real gender, the ID's
         * birth year. */
        "SELECT count(*) FROM residents WHERE gender NOT IN ('M', 'F')"
        " OR (id_number IS NOT NULL AND (length(id_number) <> 18"
        "  OR CAST(substr(id_number, 7, 4) AS INTEGER) <> birth_year"
        "  OR (CAST(substr(id_number, 17, 1) AS INTEGER) % 2 = 1)"
        "     <> (gender = 'M')))",
        "SELECT count(*) FROM (SELECT committee_id, name, building, unit,"
        " room FROM residents GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1)",
        "SELECT count(*) FROM resident_tags t JOIN residents r"
        " ON r.id = t.resident_id WHERE r.committee_id <> t.committee_id",
        /* Leave: staff members' own; the steps decided so far as the
         * status and route say, the last one's approver on the row. */
        "SELECT count(*) FROM leave l JOIN staff s ON s.id = l.staff_id"
        " WHERE s.committee_id <> l.committee_id OR s.role <> 'staff'"
        " OR l.to_date < l.from_date OR l.cover_id = l.staff_id",
        "SELECT count(*) FROM leave l WHERE (l.approver_id IS NOT NULL)"
        "  <> EXISTS (SELECT 1 FROM leave_steps s WHERE s.leave_id = l.id)"
        " OR l.approver_id IS NOT (SELECT approver_id FROM leave_steps s"
        "  WHERE s.leave_id = l.id ORDER BY s.step DESC LIMIT 1)"
        " OR (SELECT count(*) FROM leave_steps s WHERE s.leave_id = l.id)"
        "  <> CASE WHEN l.status IN ('pending', 'withdrawn') THEN l.step - 1"
        "      ELSE l.step END"
        " OR (l.status = 'rejected') <> EXISTS (SELECT 1 FROM leave_steps s"
        "  WHERE s.leave_id = l.id AND s.decision = 'rejected')"
        " OR (l.route = 'director' AND l.step <> 1)"
        " OR (l.status = 'returned') <> (l.returned_date IS NOT NULL)"
        " OR (l.status = 'returned') <> (l.used_halves IS NOT NULL)"
        " OR l.status NOT IN ('pending', 'approved', 'rejected', 'withdrawn',"
        "  'cancelled', 'returned')",
        "SELECT count(*) FROM leave_steps s JOIN staff a"
        " ON a.id = s.approver_id WHERE (s.step = 1 AND a.role <> 'director')"
        " OR (s.step = 2 AND a.role <> 'street')"
        " OR (s.decision = 'rejected' AND s.comment IS NULL)",
        /* Training: attendees of the district's committees. */
        "SELECT count(*) FROM training_attendees a JOIN training t"
        " ON t.id = a.training_id JOIN staff s ON s.id = a.staff_id"
        " WHERE coalesce((SELECT district_id FROM committees c"
        "  WHERE c.id = s.committee_id), s.district_id) <> t.district_id"
        " OR (t.committee_id IS NOT NULL AND"
        "     s.committee_id IS NOT t.committee_id)",
        /* Time moves forward within a row. */
        "SELECT count(*) FROM records WHERE updated_at < created_at",
        "SELECT count(*) FROM inspections WHERE updated_at < created_at",
        "SELECT count(*) FROM leave WHERE updated_at < created_at"
        " OR decided_at < created_at",
    };
    struct ctx ctx;
    struct demo_counts n;
    struct error e = { 0 };
    sqlite3_stmt *st;
    date_t today = date_today(), d;
    int off_days = 0, wrong_halves = 0, bad_initials = 0;

    fresh(&ctx);
    CHECK_INT(build(&ctx, 6000, 9, &n, &e), 0);
    for (size_t i = 0; i < ARRAY_LEN(rules); i++)
        CHECK_INT(violations(ctx.db, rules[i]), 0);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM pragma_foreign_key_check"),
              0);
    /* Work on working days of the last two years, up to today. */
    sqlite3_prepare_v2(db_sqlite(ctx.db),
                       "SELECT date FROM records UNION SELECT date FROM"
                       " visits UNION SELECT date FROM inspections", -1, &st,
                       NULL);
    while (sqlite3_step(st) == SQLITE_ROW) {
        CHECK(date_parse_iso((const char *)sqlite3_column_text(st, 0), &d));
        if (!calendar_is_workday(&cfg->calendar, d) || d > today ||
            d <= today - 730)
            off_days++;
    }
    sqlite3_finalize(st);
    CHECK_INT(off_days, 0);
    /* Leave counted on the calendar, within the years it covers, routed
     * by the type's street_after, and 销假 as leave.c counts it. */
    sqlite3_prepare_v2(db_sqlite(ctx.db),
                       "SELECT from_date, from_half, to_date, to_half,"
                       " halves, halves_next, type, route, returned_date,"
                       " returned_half, used_halves, used_next, late_halves"
                       " FROM leave", -1, &st, NULL);
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct leave l = { 0 };
        struct leave_return ret;
        const struct cfg_leave_type *lt =
            config_leave_type(cfg, (const char *)sqlite3_column_text(st, 6));
        int y, m, dd;
        date_t back;

        date_parse_iso((const char *)sqlite3_column_text(st, 0), &l.from);
        date_parse_iso((const char *)sqlite3_column_text(st, 2), &l.to);
        l.from_half = (enum half)sqlite3_column_int(st, 1);
        l.to_half = (enum half)sqlite3_column_int(st, 3);
        l.halves = sqlite3_column_int(st, 4);
        l.halves_next = sqlite3_column_int(st, 5);
        date_to_ymd(l.from, &y, &m, &dd);
        if (lt == NULL || !calendar_covers(&cfg->calendar, l.from) ||
            !calendar_covers(&cfg->calendar, l.to) ||
            calendar_count_halves(&cfg->calendar, l.from, l.from_half, l.to,
                                  l.to_half) != l.halves ||
            (l.to > date_from_ymd(y, 12, 31) ? calendar_count_halves(
                 &cfg->calendar, date_from_ymd(y + 1, 1, 1), HALF_AM, l.to,
                 l.to_half) : 0) != l.halves_next ||
            (strcmp((const char *)sqlite3_column_text(st, 7),
                    "director_street") == 0) !=
            (lt->street_after > 0 && l.halves > 2 * lt->street_after))
            wrong_halves++;
        if (sqlite3_column_type(st, 8) != SQLITE_NULL &&
            (!date_parse_iso((const char *)sqlite3_column_text(st, 8),
                             &back) ||
             leave_return_quote(&ctx, &l, back,
                                (enum half)sqlite3_column_int(st, 9), &ret,
                                &e) < 0 ||
             ret.used != sqlite3_column_int(st, 10) ||
             ret.used_next != sqlite3_column_int(st, 11) ||
             ret.late != sqlite3_column_int(st, 12)))
            wrong_halves++;
    }
    sqlite3_finalize(st);
    CHECK_INT(wrong_halves, 0);
    /* name_initials is what residents.c would store. */
    sqlite3_prepare_v2(db_sqlite(ctx.db),
                       "SELECT name, coalesce(name_initials, '')"
                       " FROM residents", -1, &st, NULL);
    while (sqlite3_step(st) == SQLITE_ROW) {
        char *ini = pinyin_initials((const char *)sqlite3_column_text(st, 0));

        if (strcmp(ini, (const char *)sqlite3_column_text(st, 1)) != 0)
            bad_initials++;
        free(ini);
    }
    sqlite3_finalize(st);
    CHECK_INT(bad_initials, 0);
    db_close(ctx.db);
}

/* The ID numbers' check digits (GB 11643), which SQL cannot easily do. */
static void
test_id_numbers_check(void)
{
    static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5,
                               8, 4, 2 };
    struct ctx ctx;
    struct demo_counts n;
    struct error e = { 0 };
    sqlite3_stmt *st;
    int ids = 0, bad = 0;

    fresh(&ctx);
    CHECK_INT(build(&ctx, 3000, 2, &n, &e), 0);
    sqlite3_prepare_v2(db_sqlite(ctx.db), "SELECT id_number FROM residents"
                       " WHERE id_number IS NOT NULL", -1, &st, NULL);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *s = (const char *)sqlite3_column_text(st, 0);
        int sum = 0, y, m, d;

        for (int i = 0; i < 17; i++)
            sum += (s[i] - '0') * w[i];
        sscanf(s + 6, "%4d%2d%2d", &y, &m, &d);
        if ("10X98765432"[sum % 11] != s[17] || !date_valid_ymd(y, m, d) ||
            date_from_ymd(y, m, d) > date_today())
            bad++;
        ids++;
    }
    sqlite3_finalize(st);
    CHECK(ids > 400);
    CHECK_INT(bad, 0);
    db_close(ctx.db);
}

/* Search needs words to find: varied texts, common phrases in many rows. */
static void
test_texts_are_varied(void)
{
    struct ctx ctx;
    struct demo_counts n;
    struct error e = { 0 };

    fresh(&ctx);
    CHECK_INT(build(&ctx, 5000, 4, &n, &e), 0);
    CHECK(count(ctx.db, "SELECT count(DISTINCT title) FROM records") > 80);
    CHECK(count(ctx.db, "SELECT count(DISTINCT details) FROM records") >
          2500);
    CHECK(count(ctx.db, "SELECT count(*) FROM records WHERE title LIKE"
                        " '%走访%' OR details LIKE '%走访%'") > 500);
    CHECK(count(ctx.db, "SELECT count(*) FROM inspections WHERE found LIKE"
                        " '%楼道堆放杂物%'") > 0);
    CHECK(count(ctx.db, "SELECT count(DISTINCT name) FROM residents") > 300);
    /* Surnames by frequency: 王, 李 and 张 are the commonest. */
    CHECK(count(ctx.db, "SELECT count(*) FROM residents WHERE name LIKE"
                        " '王%'") >
          count(ctx.db, "SELECT count(*) FROM residents WHERE name LIKE"
                        " '汪%'"));
    db_close(ctx.db);
}

/* The full-text indexes are filled with the rows: search finds what
 * LIKE finds, at once. */
static void
test_search_finds_the_demo_words(void)
{
    static const char *const words[] = { "走访", "楼道", "马蜂窝", "会" };
    struct ctx ctx;
    struct demo_counts n;
    struct error e = { 0 };

    fresh(&ctx);
    CHECK_INT(build(&ctx, 20000, 12, &n, &e), 0);
    CHECK(n.index_seconds > 0);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM records_fts_pending"), 0);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM inspections_fts_pending"),
              0);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM residents_fts_pending"),
              0);
    for (size_t i = 0; i < ARRAY_LEN(words); i++) {
        struct record_filter f = { 0 };
        char sql[256];

        snprintf(f.find, sizeof f.find, "%s", words[i]);
        snprintf(sql, sizeof sql, "SELECT count(*) FROM records WHERE title"
                 " LIKE '%%%s%%' OR details LIKE '%%%s%%'", words[i],
                 words[i]);
        long like = count(ctx.db, sql);

        /* the list's count stops past PAGE_COUNT_CAP (records.h) */
        CHECK_INT(records_count(&ctx, &f),
                  like > PAGE_COUNT_CAP ? PAGE_COUNT_CAP + 1 : like);
    }
    db_close(ctx.db);
}

/* --- transactions and audit ------------------------------------------ */

struct seen {
    int  progress, hooks, fail_at;
    long last_done, last_total;
    char tables[512];
};

static void
on_progress(void *arg, const char *table, long done, long total)
{
    struct seen *s = arg;

    s->progress++;
    if (strcmp(table, "records") == 0) {
        CHECK(done > s->last_done || s->last_total == 0);
        s->last_done = done;
        s->last_total = total;
    }
}

static int
on_commit(void *arg, struct db *db, const char *table, struct error *e)
{
    struct seen *s = arg;

    (void)db;
    if (strstr(s->tables, table) == NULL) {
        strncat(s->tables, table, sizeof s->tables - strlen(s->tables) - 2);
        strcat(s->tables, " ");
    }
    if (++s->hooks == s->fail_at)
        return error_set(e, E_DB, NULL, "the hook failed");
    return 0;
}

static void
test_one_audit_row_per_transaction(void)
{
    struct ctx ctx;
    struct demo_counts n;
    struct error e = { 0 };
    struct seen s = { 0 };
    struct demo_opts o = { .scale = 2000, .seed = 1, .until = DATE_NONE,
                           .batch = 500, .progress = on_progress,
                           .progress_arg = &s, .before_commit = on_commit,
                           .before_commit_arg = &s };
    long rows, demo_rows;

    fresh(&ctx);
    CHECK_INT(demo_build(&ctx, &o, &n, &e), 0);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM audit"
                            " WHERE action = 'demo'"), n.transactions);
    /* 2000 records in batches of 500 are four transactions. */
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM audit WHERE action ="
                            " 'demo' AND tbl = 'records'"), 4);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM audit WHERE action ="
                            " 'demo' AND json_extract(after,"
                            " '$.rows.records') = 500"), 4);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM audit WHERE action <>"
                            " 'demo' AND action <> 'sync'"), 0);
    CHECK_INT(demo_census(ctx.db, &rows, &demo_rows, &e), 0);
    CHECK_INT(rows, demo_rows);
    CHECK(rows > 2000);
    CHECK_INT(s.progress, n.transactions);
    CHECK_INT(s.last_done, 2000);
    CHECK_INT(s.last_total, 2000);
    CHECK_STR(s.tables, "staff staff_posts residents resident_tags records "
                        "inspections inspection_followups visits leave "
                        "leave_steps training training_attendees ");
    db_close(ctx.db);

    /* A failing transaction: it is rolled back, the ones before stay,
     * and the message says so. */
    fresh(&ctx);
    memset(&s, 0, sizeof s);
    s.fail_at = 6;
    CHECK_INT(demo_build(&ctx, &o, &n, &e), -1);
    CHECK_INT(e.code, E_DB);
    CHECK_CONTAINS(e.msg, "the hook failed (the ");
    CHECK_CONTAINS(e.msg, " transactions before this one were committed)");
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM audit"
                            " WHERE action = 'demo'"), n.transactions);
    CHECK(n.transactions > 0);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM records"),
              count(ctx.db, "SELECT coalesce(sum(json_extract(after,"
                            " '$.rows.records')), 0) FROM audit"));
    db_close(ctx.db);
}

/* --- a fresh file's fast load ------------------------------------------ */

/* The schema as it reads, to see that every dropped index came back. */
static void
schema_of(struct db *db, char *buf, size_t size)
{
    fixture_text(db, "SELECT group_concat(name || ':' || coalesce(sql, ''),"
                    " ';') FROM (SELECT name, sql FROM sqlite_schema"
                    " ORDER BY name)", buf, size);
}

static void
check_put_back(struct db *db, const char *schema, const char *journal)
{
    static char now[32768];
    char mode[16];

    schema_of(db, now, sizeof now);
    CHECK_STR(now, schema);
    CHECK_STR(fixture_text(db, "PRAGMA journal_mode", mode, sizeof mode),
              journal);
    CHECK_INT(count(db, "PRAGMA synchronous"), 2);     /* FULL, as db.c */
    CHECK_INT(count(db, "SELECT (SELECT count(*) FROM records_fts_pending)"
                        " + (SELECT count(*) FROM inspections_fts_pending)"
                        " + (SELECT count(*) FROM residents_fts_pending)"),
              0);
    /* FTS5's default hash size again, in all three indexes. */
    CHECK_INT(count(db, "SELECT coalesce((SELECT v FROM records_fts_config"
                        " WHERE k = 'hashsize'), 1048576) + coalesce((SELECT"
                        " v FROM inspections_fts_config WHERE k ="
                        " 'hashsize'), 1048576) + coalesce((SELECT v FROM"
                        " residents_fts_config WHERE k = 'hashsize'),"
                        " 1048576)"), 3 * 1048576);
}

static void
test_fast_load_puts_everything_back(void)
{
    static char before[32768];
    char path[64];
    struct ctx ctx;
    struct demo_counts n;
    struct error e = { 0 };
    struct demo_opts o = { .scale = 600, .seed = 3, .until = DATE_NONE,
                           .force = true };

    snprintf(path, sizeof path, "/tmp/juwei-test-demo-%d.db", (int)getpid());
    fresh_at(&ctx, path);
    schema_of(ctx.db, before, sizeof before);
    CHECK(strstr(before, "records_staff_date:CREATE INDEX") != NULL);
    CHECK_INT(build(&ctx, 600, 3, &n, &e), 0);
    CHECK(n.fast_load);
    check_put_back(ctx.db, before, "wal");
    /* Searchable at once: the index holds every row, as LIKE finds it. */
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM records_fts"
                            " WHERE records_fts MATCH '\"走访\"'"),
              count(ctx.db, "SELECT count(*) FROM records WHERE title"
                            " LIKE '%走访%' OR details LIKE '%走访%'"));
    CHECK(count(ctx.db, "SELECT count(*) FROM records WHERE title"
                        " LIKE '%走访%' OR details LIKE '%走访%'") > 0);
    db_close(ctx.db);
    unlink(path);
    snprintf(path + strlen(path), sizeof path - strlen(path), "-wal");
    unlink(path);
    path[strlen(path) - 4] = '\0';
    snprintf(path + strlen(path), sizeof path - strlen(path), "-shm");
    unlink(path);

    /* A database with rows in it is written the careful way. */
    fresh(&ctx);
    CHECK_INT(staff_add(&ctx, "boss", "王老板", NULL, NULL, ROLE_ADMIN,
                        "a fine password", &e), 0);
    schema_of(ctx.db, before, sizeof before);
    CHECK_INT(demo_build(&ctx, &o, &n, &e), 0);
    CHECK(!n.fast_load);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM records"), 600);
    check_put_back(ctx.db, before, "memory");
    db_close(ctx.db);
}

/* A build that fails half way still puts back the indexes and applies
 * the queues of what it committed. */
static void
test_fast_load_failing_puts_everything_back(void)
{
    static char before[32768];
    struct ctx ctx;
    struct demo_counts n;
    struct error e = { 0 };
    struct seen s = { .fail_at = 6 };
    struct demo_opts o = { .scale = 2000, .seed = 1, .until = DATE_NONE,
                           .batch = 500, .before_commit = on_commit,
                           .before_commit_arg = &s };

    fresh(&ctx);
    schema_of(ctx.db, before, sizeof before);
    CHECK_INT(demo_build(&ctx, &o, &n, &e), -1);
    CHECK_CONTAINS(e.msg, "the hook failed (the ");
    CHECK(n.fast_load);
    CHECK(count(ctx.db, "SELECT count(*) FROM residents") > 0);
    check_put_back(ctx.db, before, "memory");
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM residents_fts"
                            " WHERE residents_fts MATCH 'name : \"王\"'"),
              count(ctx.db, "SELECT count(*) FROM residents WHERE name"
                            " LIKE '%王%'"));
    db_close(ctx.db);
}

/* --- refusals -------------------------------------------------------- */

static void
test_refuses_a_database_with_other_data(void)
{
    struct ctx ctx;
    struct demo_counts n;
    struct error e = { 0 };
    struct demo_opts o = { .scale = 1000, .seed = 1, .until = DATE_NONE };
    int audit;

    fresh(&ctx);
    CHECK_INT(staff_add(&ctx, "boss", "王老板", NULL, NULL, ROLE_ADMIN,
                        "a fine password", &e), 0);
    audit = (int)count(ctx.db, "SELECT count(*) FROM audit");
    CHECK_INT(demo_build(&ctx, &o, &n, &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.msg, "this database holds 1 row that juwei demo did not "
                     "write; use a new database, or --force to add the demo "
                     "data anyway");
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM staff"), 1);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM audit"), audit);
    CHECK_INT(n.transactions, 0);
    /* --force adds it anyway. */
    o.force = true;
    CHECK_INT(demo_build(&ctx, &o, &n, &e), 0);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM records"), 1000);
    db_close(ctx.db);
}

static void
test_refuses_a_second_demo_set(void)
{
    struct ctx ctx;
    struct demo_counts n;
    struct error e = { 0 };
    int audit;

    fresh(&ctx);
    CHECK_INT(build(&ctx, 500, 1, &n, &e), 0);
    audit = (int)count(ctx.db, "SELECT count(*) FROM audit");
    CHECK_INT(build(&ctx, 500, 2, &n, &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.msg, "this database already holds a demo data set; make a "
                     "new one with juwei init, or add another with --force");
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM records"), 500);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM audit"), audit);
    db_close(ctx.db);
}

static void
test_refuses_bad_options(void)
{
    struct ctx ctx;
    struct demo_counts n;
    struct error e = { 0 };
    struct demo_opts o = { .scale = 0, .seed = 1, .until = DATE_NONE };
    struct config changed;
    struct cfg_committee more[16];

    fresh(&ctx);
    CHECK_INT(demo_build(&ctx, &o, &n, &e), -1);
    CHECK_INT(e.code, E_INVAL);
    CHECK_STR(e.field, "scale");
    CHECK_STR(e.msg, "the scale is the number of work records, from 1 to "
                     "100000000");
    o.scale = DEMO_SCALE_MAX + 1;
    CHECK_INT(demo_build(&ctx, &o, &n, &e), -1);
    CHECK_STR(e.field, "scale");
    o.scale = 100;
    o.until = date_today() + 1;
    CHECK_INT(demo_build(&ctx, &o, &n, &e), -1);
    CHECK_STR(e.field, "until");
    CHECK_STR(e.msg, "the demo data ends today at the latest");
    /* A committee added to the INI after `juwei init`. */
    o.until = DATE_NONE;
    changed = *cfg;
    CHECK(cfg->ncommittees < ARRAY_LEN(more));
    memcpy(more, cfg->committees, cfg->ncommittees * sizeof *more);
    more[cfg->ncommittees] = more[0];
    more[cfg->ncommittees].id = (char *)"newone";
    changed.committees = more;
    changed.ncommittees = cfg->ncommittees + 1;
    ctx.cfg = &changed;
    CHECK_INT(demo_build(&ctx, &o, &n, &e), -1);
    CHECK_STR(e.msg, "committee \"newone\" of the INI is not in the "
                     "database; run juwei init first");
    /* An INI without visit purposes. */
    changed = *cfg;
    changed.visit_purposes.n = 0;
    CHECK_INT(demo_build(&ctx, &o, &n, &e), -1);
    CHECK_STR(e.msg, "the INI has no [visit_purposes]; the demo needs it");
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM staff"), 0);
    CHECK_INT(count(ctx.db, "SELECT count(*) FROM audit WHERE action ="
                            " 'demo'"), 0);
    db_close(ctx.db);
}

/* --- the register as CSV --------------------------------------------- */

static void
test_residents_csv(void)
{
    char *a = NULL, *b = NULL, *line, *save = NULL;
    size_t alen = 0, blen = 0;
    FILE *fa = open_memstream(&a, &alen), *fb = open_memstream(&b, &blen);
    struct error e = { 0 };
    int lines = 0, bad = 0;

    CHECK_INT(demo_residents_csv(fa, cfg, 120, 3, &e), 0);
    CHECK_INT(demo_residents_csv(fb, cfg, 120, 3, &e), 0);
    fclose(fa);
    fclose(fb);
    CHECK_STR(a, b);
    CHECK(strncmp(a, "居委会,姓名,性别,出生年份,楼号,单元,房号,联系电话,"
                     "身份证号,标签,备注\r\n", strlen("居委会,姓名,性别,"
                     "出生年份,楼号,单元,房号,联系电话,身份证号,标签,备注"
                     "\r\n")) == 0);
    for (line = strtok_r(a, "\n", &save); line != NULL;
         line = strtok_r(NULL, "\n", &save)) {
        int commas = 0;
        char committee[128];

        for (char *p = line; *p != '\0'; p++)
            commas += *p == ',';
        sscanf(line, "%127[^,]", committee);
        if (lines > 0) {
            bool known = false;

            for (size_t i = 0; i < cfg->ncommittees; i++)
                known = known || strcmp(cfg->committees[i].name,
                                        committee) == 0;
            /* Buildings from 100 on: nobody the demo registered. */
            if (commas != 10 || !known || strstr(line, ",男,") == NULL) {
                if (strstr(line, ",女,") == NULL || commas != 10 || !known)
                    bad++;
            }
        }
        lines++;
    }
    CHECK_INT(lines, 121);
    CHECK_INT(bad, 0);
    free(a);
    free(b);
}

int
main(void)
{
    cfg = fixture_ini("config/juwei.ini");
    /* A fixed today (within the sample calendar), so the same seed means
     * the same rows whenever the test runs. */
    fixture_today("2026-06-15");
    RUN(test_same_seed_same_data);
    RUN(test_scale_gives_the_counts);
    RUN(test_committees_from_the_config);
    RUN(test_every_row_passes_store_apply);
    RUN(test_rows_keep_the_record_rules);
    RUN(test_id_numbers_check);
    RUN(test_texts_are_varied);
    RUN(test_search_finds_the_demo_words);
    RUN(test_one_audit_row_per_transaction);
    RUN(test_fast_load_puts_everything_back);
    RUN(test_fast_load_failing_puts_everything_back);
    RUN(test_refuses_a_database_with_other_data);
    RUN(test_refuses_a_second_demo_set);
    RUN(test_refuses_bad_options);
    RUN(test_residents_csv);
    config_free(cfg);
    return CHECK_DONE();
}
