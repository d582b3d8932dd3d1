/* schema.h — the database schema as an ordered list of migrations.
 * Migration N brings PRAGMA user_version from N-1 to N; db_migrate() runs
 * each pending one in its own transaction. Never edit a released
 * migration: add the next one. */
#ifndef JUWEI_SCHEMA_H
#define JUWEI_SCHEMA_H

#include <stddef.h>

struct migration {
    int         version;   /* user_version after it ran: 1, 2, … */
    const char *what;      /* a few words, for messages */
    const char *sql;       /* one or more statements */
};

extern const char schema_leave[];   /* schema_leave.c */

/* The migrations in order; their count is the current schema version. */
const struct migration *schema_migrations(size_t *n);

extern const char schema_records[];   /* src/schema_records.c */
extern const char schema_residents[];   /* src/schema_residents.c */
extern const char schema_audit[];   /* schema_audit.c */
extern const char schema_assessment[];   /* schema_assessment.c */

#endif
