/* demo.h — `juwei demo`: a synthetic, deterministic data set for trials
 * and the benchmark. From a scale N (work records) and a seed it writes
 * accounts for every committee of the INI, N work records, and residents,
 * visits, inspections with their follow-ups, leave and training in the
 * proportions an office of that size would have, all dated on the working
 * days of the two years up to `until`. The same seed, scale, INI and
 * `until` give the same rows, byte for byte.
 *
 * Synthetic data is not anybody's work, so it does not go through
 * store_apply() row by row: it is written with prepared INSERTs straight
 * into the tables, in bulk transactions of DEMO_BATCH rows, each with ONE
 * audit row ("demo", the table, {"count", "seed", "scale"}) saying what
 * the transaction added. The rows obey the same rules store_apply() and
 * the record modules check (tests/unit/test_demo.c holds them to it). */
#ifndef JUWEI_DEMO_H
#define JUWEI_DEMO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "juwei/date.h"
#include "juwei/session.h"
#include "juwei/util.h"

#define DEMO_BATCH     10000           /* rows per transaction */
#define DEMO_SCALE_MAX 100000000L
/* Every demo account has this password, printed once by `juwei demo`;
 * it is a demonstration database, never a real one. */
#define DEMO_PASSWORD  "demo-juwei"
#define DEMO_ADMIN     "demo.admin"    /* the demo's administrator login */

struct db;

struct demo_opts {
    long     scale;      /* work records, 1..DEMO_SCALE_MAX */
    uint64_t seed;
    date_t   until;      /* the last day of the two years; DATE_NONE: today */
    bool     force;      /* add to a database that already holds data */
    int      batch;      /* rows per transaction; 0: DEMO_BATCH */
    /* Called after each transaction is committed: rows of `table`
     * written so far out of `total` (0 when not known in advance). */
    void   (*progress)(void *arg, const char *table, long done, long total);
    void    *progress_arg;
    /* Called inside each transaction before its commit, after the rows
     * of `table` went in: the benchmark uses it to keep a full-text index
     * of its own up to date, as a module's queue would be. NULL: none. */
    int    (*before_commit)(void *arg, struct db *db, const char *table,
                            struct error *e);
    void    *before_commit_arg;
};

/* What demo_build() wrote. */
struct demo_counts {
    long staff, posts, residents, tags, records, inspections, followups,
         visits, leave, leave_steps, training, attendees, transactions;
    double index_seconds;   /* of the build, spent on full-text indexes */
    /* A fresh file was loaded without fsync, its journal in memory and
     * its indexes made at the end (demo_bulk.c): a crash during the build
     * would have left a file to throw away. */
    bool   fast_load;
};

/* How many rows of each kind a scale gives (staff and the rows that
 * depend on chance — tags, follow-ups, steps, attendees — excepted). */
void demo_plan(long scale, struct demo_counts *out);

/* Writes the data set into ctx->db, whose committees must match the INI
 * (ctx->cfg). Refuses (E_INVAL, nothing written) a scale out of range, an
 * `until` after today, a committee of the INI missing from the database,
 * and, unless o->force, a database that already holds rows — other than
 * the districts and committees `juwei init` copies from the INI.
 * Committed transactions stay if a later one fails: the message says so. */
int demo_build(struct ctx *ctx, const struct demo_opts *o,
               struct demo_counts *out, struct error *e);

/* Rows in the data tables, and how many of them the audit log says demo
 * wrote; -1 on error. */
int demo_census(struct db *db, long *rows, long *demo_rows, struct error *e);

/* A residents register of n people as a committee would keep it in a
 * spreadsheet (Chinese header: 居委会,姓名,性别,出生年份,楼号,单元,房号,
 * 联系电话,身份证号,标签,备注; committees by name, tags by name joined
 * with 、), households in buildings the demo data set does not use, so
 * that it can be imported into a demo database. For the import benchmark. */
int demo_residents_csv(FILE *fp, const struct config *cfg, long n,
                       uint64_t seed, struct error *e);

#endif
