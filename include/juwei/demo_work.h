/* demo_work.h — inside `juwei demo` (demo.h is the module's face): the
 * state of one build, shared by demo.c (checks, accounts, residents, the
 * bulk transactions) and demo_work.c (records, inspections, visits,
 * leave, training). Nothing else includes it. */
#ifndef JUWEI_DEMO_WORK_H
#define JUWEI_DEMO_WORK_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "juwei/date.h"
#include "juwei/demo.h"
#include "juwei/demo_text.h"

struct cfg_committee;
struct cfg_list;

/* The random streams of one seed, one per table (see demo_text_seed). */
enum demo_stream {
    S_UNITS = 1, S_STAFF, S_RESIDENTS, S_RECORDS, S_INSPECTIONS, S_VISITS,
    S_LEAVE, S_TRAINING, S_CSV,
};

struct demo_unit {              /* one committee as the demo fills it */
    const struct cfg_committee *cfg;
    size_t   district;          /* index into cfg->districts */
    unsigned weight;            /* its size, 6–14: records, residents … */
    int64_t *staff;             /* [0] is the director */
    int      nstaff;
    int64_t *residents;         /* the active ones, for visits */
    long     nresidents, quota;
};

struct demo_build {
    struct ctx *ctx;
    struct db *db;
    const struct config *cfg;
    const struct demo_opts *o;
    struct demo_counts *n;
    struct demo_unit *u;
    size_t nu;
    int64_t (*street)[2];       /* two street office accounts a district */
    struct demo_draw units;     /* committees by size */
    date_t start, until, *days; /* the working days of the two years */
    size_t ndays;
    long tzoff;                 /* seconds east of UTC */
    int64_t now;
    int batch;
    /* The open transaction: its tables and rows, for its one audit row. */
    const char *tables[2];
    long rows[2], done;
    /* A fresh file loaded the fast way (demo_bulk.c): what to put back. */
    bool bulk, wal_was;
    int sync_was;
    struct demo_index {
        char *name, *sql;
        bool  dropped;
    } *idx;
    size_t nidx;
};

/* demo.c: statements and values. */
int     demo_failed(struct demo_build *b, struct error *e);
int     demo_step(struct demo_build *b, sqlite3_stmt *st, struct error *e);
void    demo_bind_text(sqlite3_stmt *st, int i, const char *s);  /* "": NULL */
void    demo_bind_id(sqlite3_stmt *st, int i, int64_t id);       /* 0: NULL */
/* A timestamp at `minute` of local `day`, never later than now. */
int64_t demo_stamp(const struct demo_build *b, date_t day, int minute);
const char *demo_list_id(const struct cfg_list *l, const struct demo_draw *dr,
                         struct demo_rng *r);
/* The k-th working day from `from` on (k = 0: `from` or the next one). */
date_t  demo_workday(const struct demo_build *b, date_t from, int k);
/* The working day of row i of n, spread evenly over the two years. */
date_t  demo_day_of(const struct demo_build *b, long i, long n);
const struct demo_unit *demo_any_unit(const struct demo_build *b,
                                      const struct demo_draw *dr,
                                      struct demo_rng *r);
int64_t demo_any_staff(const struct demo_unit *u, struct demo_rng *r);

/* demo_bulk.c: a fresh file's fast load. begin relaxes the journal, drops
 * the read-only indexes; end applies the full-text queues and rebuilds
 * the indexes in one transaction and restores the journal (after a
 * failure too, when `ok` is false and its errors are not reported). */
int    demo_bulk_begin(struct demo_build *b, struct error *e);
int    demo_bulk_end(struct demo_build *b, bool ok, struct error *e);
/* Applies `table`'s full-text queue, in the open transaction. */
int    demo_bulk_fts(struct demo_build *b, const char *table,
                     struct error *e);
double demo_seconds(void);

/* demo.c: the bulk transactions. A phase opens one for `table` (with
 * rows of `child` going into the same transactions); after each row of
 * `table`, demo_txn_row() commits a full batch (with its one audit row)
 * and opens the next; demo_txn_commit() ends the phase. `total` is for
 * the progress report. */
int demo_txn_phase(struct demo_build *b, const char *table, const char *child,
                   struct error *e);
int demo_txn_row(struct demo_build *b, long total, struct error *e);
int demo_txn_commit(struct demo_build *b, long total, struct error *e);

/* demo_work.c: the phases, each writing `total` rows of its table. */
int demo_work_records(struct demo_build *b, long total, struct error *e);
int demo_work_inspections(struct demo_build *b, long total, struct error *e);
int demo_work_visits(struct demo_build *b, long total, struct error *e);
int demo_work_leave(struct demo_build *b, long total, struct error *e);
int demo_work_training(struct demo_build *b, long total, struct error *e);

#endif
