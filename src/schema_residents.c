/* schema_residents.c — the migration that makes residents findable and
 * the resident and visit lists fast at any size.
 *
 * The full-text index is kept up to date by residents.c inside each
 * write's transaction, not by triggers: with PRAGMA trusted_schema=OFF
 * (db.c) SQLite refuses a trigger of the schema that writes to an FTS5
 * table ("unsafe use of virtual table"), because FTS5 does not declare
 * itself innocuous. So residents are written only through residents.c
 * (the sqlite3 shell would leave the index stale; `juwei verify` can tell
 * with the FTS5 'integrity-check' command). */
#include "juwei/schema.h"

const char schema_v3_residents[] =
    /* The address as lists show it and search finds it: "3-2-101",
     * the parts that are given joined by hyphens. */
    "ALTER TABLE residents ADD COLUMN address TEXT GENERATED ALWAYS AS ("
    "  nullif(substr(coalesce('-' || building, '') ||"
    "                coalesce('-' || unit, '') ||"
    "                coalesce('-' || room, ''), 2), '')) VIRTUAL;"

    /* Name, pinyin initials (zsf), address and phone through one MATCH;
     * doc/search.md explains the tokenizer. */
    "CREATE VIRTUAL TABLE residents_fts USING fts5("
    "  name, name_initials, address, phone,"
    "  content='residents', content_rowid='id', tokenize='juwei');"
    "INSERT INTO residents_fts(residents_fts) VALUES ('rebuild');"

    /* The register in pinyin order: ifnull() because a name without a
     * readable character has no initials (NULL), and a keyset needs a
     * value to compare. */
    "DROP INDEX residents_committee_initials;"
    "CREATE INDEX residents_committee_sort"
    "  ON residents(committee_id, ifnull(name_initials, ''), name);"
    "CREATE INDEX residents_sort ON residents(ifnull(name_initials, ''), name);"
    "CREATE INDEX resident_tags_tag ON resident_tags(tag, resident_id);"

    /* Visits across committees (street office, admin) newest first, and
     * open follow-ups by date, across committees and per person. */
    "CREATE INDEX visits_date ON visits(date DESC, id DESC);"
    "CREATE INDEX visits_followup_date ON visits(followup_date)"
    "  WHERE followup_needed = 1 AND followup_done = 0;"
    "CREATE INDEX visits_followup_staff ON visits(staff_id, followup_date)"
    "  WHERE followup_needed = 1 AND followup_done = 0;";
