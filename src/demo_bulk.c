/* demo_bulk.c — how `juwei demo` loads a fresh file fast (see demo_work.h).
 *
 * Only when the database held no rows before the demo (what juwei init
 * leaves): nobody's work can be lost, so for the length of the build
 *  - the rollback journal is kept in memory and nothing is fsynced
 *    (journal_mode MEMORY, synchronous OFF): a crash in the middle leaves a
 *    file to throw away, and cli_demo.c says so;
 *  - the non-unique indexes of the tables it fills are dropped and made
 *    again at the end from their own CREATE INDEX text: one sort each
 *    instead of a million random inserts into a B-tree larger than the
 *    cache (UNIQUE indexes stay: they are rules, not speed);
 *  - the full-text queues are applied once per table at the end, not once
 *    per transaction: the same rows go into the same index, in far fewer
 *    segments to merge.
 * Everything is put back (indexes, full-text, journal, synchronous) even
 * when the build fails half way, so the committed part stays usable. */
#include "juwei/demo_work.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "juwei/db.h"
#include "juwei/inspections.h"
#include "juwei/records.h"
#include "juwei/residents.h"

static const char sql_journal[] = "PRAGMA journal_mode";
static const char sql_journal_memory[] = "PRAGMA journal_mode = MEMORY";
static const char sql_journal_wal[] = "PRAGMA journal_mode = WAL";
static const char sql_sync_get[] = "PRAGMA synchronous";
static const char sql_sync_off[] = "PRAGMA synchronous = OFF";
/* db.c opens every connection with FULL; the others for completeness. */
static const char *const sql_sync_set[] = {
    "PRAGMA synchronous = OFF", "PRAGMA synchronous = NORMAL",
    "PRAGMA synchronous = FULL", "PRAGMA synchronous = EXTRA",
};
/* The indexes that only make reads fast, of the tables the demo fills. */
static const char sql_indexes[] =
    "SELECT s.name, s.sql FROM sqlite_schema s"
    " JOIN pragma_index_list(s.tbl_name) l ON l.name = s.name"
    " WHERE s.type = 'index' AND s.sql IS NOT NULL"
    " AND l.\"unique\" = 0 AND l.origin = 'c'"
    " AND s.tbl_name IN ('staff', 'staff_posts', 'residents',"
    "  'resident_tags', 'records', 'inspections', 'inspection_followups',"
    "  'visits', 'leave', 'leave_steps', 'training', 'training_attendees')"
    " ORDER BY s.name";

/* The full-text indexes their modules keep through a queue filled by
 * triggers (doc/search.md). A module that adds such an index to a table
 * the demo fills adds its line here.
 *
 * FTS5 writes a new segment each time its in-memory hash passes
 * `hashsize` (1 MB by default) and merges them as it goes; a million rows
 * made some two thousand segments and twice the time. For the one big
 * sync the hash may hold 64 MB; then the default is written back (the
 * setting is kept in the index's _config table). */
#define FTS_HASH(t, n) \
    "INSERT INTO " t "_fts (" t "_fts, rank) VALUES ('hashsize', " n ")"
#define FTS_BIG   "67108864"
#define FTS_SMALL "1048576"     /* SQLite's own default */
static const struct {
    const char *table, *hash_big, *hash_default;
    int (*sync)(struct db *db, struct error *e);
} fts[] = {
    { "residents", FTS_HASH("residents", FTS_BIG),
      FTS_HASH("residents", FTS_SMALL), residents_fts_sync },
    { "records", FTS_HASH("records", FTS_BIG),
      FTS_HASH("records", FTS_SMALL), records_fts_sync },
    { "inspections", FTS_HASH("inspections", FTS_BIG),
      FTS_HASH("inspections", FTS_SMALL), inspections_fts_sync },
};

double
demo_seconds(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Runs one statement whose rows are not needed. */
static int
run(struct demo_build *b, const char *sql, struct error *e)
{
    sqlite3_stmt *st = db_stmt(b->db, sql);
    int rc;

    if (st == NULL)
        return demo_failed(b, e);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ;
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : db_error(b->db, rc, e);
}

/* A statement of the schema's own text (or built around a name read from
 * it), run once: not cached, since it never comes again. */
static int
run_once(struct demo_build *b, const char *sql, struct error *e)
{
    char *msg = NULL;

    if (sqlite3_exec(db_sqlite(b->db), sql, NULL, NULL, &msg) == SQLITE_OK)
        return 0;
    sqlite3_free(msg);
    return demo_failed(b, e);
}

static const char *
text_of(struct demo_build *b, const char *sql, char *buf, size_t size)
{
    sqlite3_stmt *st = db_stmt(b->db, sql);

    *buf = '\0';
    if (st != NULL && sqlite3_step(st) == SQLITE_ROW &&
        sqlite3_column_text(st, 0) != NULL)
        snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
    if (st != NULL)
        sqlite3_reset(st);
    return buf;
}

/* Applies a table's full-text queue, in the open transaction. */
int
demo_bulk_fts(struct demo_build *b, const char *table, struct error *e)
{
    double t0 = demo_seconds();

    for (size_t i = 0; i < ARRAY_LEN(fts); i++) {
        if (strcmp(fts[i].table, table) == 0 && fts[i].sync(b->db, e) < 0)
            return -1;
    }
    b->n->index_seconds += demo_seconds() - t0;
    return 0;
}

static int
drop_indexes(struct demo_build *b, struct error *e)
{
    sqlite3_stmt *st = db_stmt(b->db, sql_indexes);
    size_t cap = 0;
    int rc;

    if (st == NULL)
        return demo_failed(b, e);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (b->nidx == cap) {
            cap = cap ? 2 * cap : 32;
            b->idx = xrealloc(b->idx, cap * sizeof *b->idx);
        }
        b->idx[b->nidx].name =
            xstrdup((const char *)sqlite3_column_text(st, 0));
        b->idx[b->nidx].sql =
            xstrdup((const char *)sqlite3_column_text(st, 1));
        b->nidx++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(b->db, rc, e);
    for (size_t i = 0; i < b->nidx; i++) {
        /* The name as an identifier: from sqlite_schema, quoted. */
        char *q = sqlite3_mprintf("DROP INDEX \"%w\"", b->idx[i].name);

        rc = run_once(b, q, e);
        sqlite3_free(q);
        if (rc < 0)
            return -1;
        b->idx[i].dropped = true;
    }
    return 0;
}

int
demo_bulk_begin(struct demo_build *b, struct error *e)
{
    char mode[16];
    sqlite3_stmt *st;

    b->bulk = true;
    b->n->fast_load = true;
    if ((st = db_stmt(b->db, sql_sync_get)) == NULL)
        return demo_failed(b, e);
    if (sqlite3_step(st) == SQLITE_ROW)
        b->sync_was = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    b->wal_was = strcmp(text_of(b, sql_journal, mode, sizeof mode),
                        "wal") == 0;
    /* Refused (the mode stays WAL) if another connection has the file
     * open: then only the fsyncs are saved. */
    text_of(b, sql_journal_memory, mode, sizeof mode);
    if (run(b, sql_sync_off, e) < 0 || db_begin(b->db, e) < 0)
        return -1;
    if (drop_indexes(b, e) < 0) {
        db_rollback(b->db);
        return -1;
    }
    return db_commit(b->db, e);
}

/* Puts back what demo_bulk_begin() took away; after a failure too. */
int
demo_bulk_end(struct demo_build *b, bool ok, struct error *e)
{
    struct error ignored = { 0 };
    char mode[16];
    int rc = 0;

    if (!b->bulk)
        return 0;
    if (!ok)
        e = &ignored;
    if (db_begin(b->db, e) < 0) {
        rc = -1;
    } else {
        for (size_t i = 0; i < ARRAY_LEN(fts) && rc == 0; i++) {
            rc = run(b, fts[i].hash_big, e) < 0 ||
                 demo_bulk_fts(b, fts[i].table, e) < 0 ||
                 run(b, fts[i].hash_default, e) < 0 ? -1 : 0;
        }
        for (size_t i = 0; i < b->nidx && rc == 0; i++) {
            if (b->idx[i].dropped)
                rc = run_once(b, b->idx[i].sql, e);
        }
        if (rc == 0)
            rc = db_commit(b->db, e);
        else
            db_rollback(b->db);
    }
    for (size_t i = 0; i < b->nidx; i++) {
        free(b->idx[i].name);
        free(b->idx[i].sql);
    }
    free(b->idx);
    b->idx = NULL;
    b->nidx = 0;
    if (b->wal_was)
        text_of(b, sql_journal_wal, mode, sizeof mode);
    if (b->sync_was >= 0 && b->sync_was < (int)ARRAY_LEN(sql_sync_set))
        run(b, sql_sync_set[b->sync_was], &ignored);
    b->bulk = false;
    return rc;
}
