/* schema_residents.c — the migration that makes residents findable and
 * the resident and visit lists fast at any size.
 *
 * The full-text index follows doc/search.md's queue-and-sync pattern:
 * with PRAGMA trusted_schema=OFF (db.c) SQLite refuses a schema trigger
 * that writes to an FTS5 table ("unsafe use of virtual table"), so the
 * triggers queue each change (old values included, which an
 * external-content index needs to take a row out) in a plain table, and
 * residents_fts_sync() applies the queue in the same transaction as the
 * write. A change made by any other path waits in the queue until the
 * next write or search applies it. */
#include "juwei/schema.h"

const char schema_residents[] =
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
    "CREATE TABLE residents_fts_pending ("
    "  id            INTEGER PRIMARY KEY,"
    "  row_id        INTEGER NOT NULL,"
    "  inserted      INTEGER NOT NULL CHECK (inserted IN (0, 1)),"
    "  name          TEXT,"
    "  name_initials TEXT,"
    "  address       TEXT,"
    "  phone         TEXT"
    ") STRICT;"
    "CREATE INDEX residents_fts_pending_row"
    "  ON residents_fts_pending(row_id, id);"
    "CREATE TRIGGER residents_fts_ai AFTER INSERT ON residents BEGIN"
    "  INSERT INTO residents_fts_pending (row_id, inserted)"
    "    VALUES (new.id, 1);"
    " END;"
    "CREATE TRIGGER residents_fts_au AFTER UPDATE OF name, name_initials,"
    " building, unit, room, phone ON residents BEGIN"
    "  INSERT INTO residents_fts_pending (row_id, inserted, name,"
    "    name_initials, address, phone)"
    "    VALUES (old.id, 0, old.name, old.name_initials, old.address,"
    "    old.phone);"
    " END;"
    "CREATE TRIGGER residents_fts_ad AFTER DELETE ON residents BEGIN"
    "  INSERT INTO residents_fts_pending (row_id, inserted, name,"
    "    name_initials, address, phone)"
    "    VALUES (old.id, 0, old.name, old.name_initials, old.address,"
    "    old.phone);"
    " END;"
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
