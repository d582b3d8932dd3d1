/* backup.h — a consistent copy of the live database while kiosks write
 * (SQLite's online backup API), and the check of a database or a backup:
 * integrity, foreign keys, and how many rows each table holds. */
#ifndef JUWEI_BACKUP_H
#define JUWEI_BACKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "juwei/util.h"

/* Copies the database at `src` into `dest` (mode 0600): one read
 * snapshot (in WAL mode writers carry on meanwhile), written to a
 * temporary file beside `dest`, synced, then renamed over it, so `dest`
 * is always either the old file or a complete new copy. The copy is a
 * single file (rollback journal mode) ready to verify or restore. *bytes
 * gets its size. Refuses a file that is not a juwei database, and `dest`
 * being the database itself. */
int backup_run(const char *src, const char *dest, int64_t *bytes,
               struct error *e);

struct backup_count {
    char      table[64];
    long long rows;
};

#define BACKUP_MAX_PROBLEMS 20

struct backup_check {
    int                  schema;        /* PRAGMA user_version */
    bool                 integrity_ok;  /* PRAGMA integrity_check */
    bool                 foreign_keys_ok;
    char                *problems[BACKUP_MAX_PROBLEMS];   /* the first ones */
    size_t               nproblems;
    size_t               more;          /* problems beyond those */
    struct backup_count *counts;        /* ordinary tables, by name */
    size_t               ncounts;
};

/* Checks the database at `path` without changing it. Returns 0 when it
 * could be checked (the result says whether it is sound), -1 with *e when
 * it could not be opened or read at all; damage SQLite reports while
 * reading counts as a problem found. */
int backup_verify(const char *path, struct backup_check *out,
                  struct error *e);
bool backup_check_ok(const struct backup_check *c);
void backup_check_free(struct backup_check *c);

#endif
