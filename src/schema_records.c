/* schema_records.c — migration 2: full-text search of work records and
 * inspections, and the indexes their lists page by.
 *
 * Why a queue and not the triggers of doc/search.md: db.c sets PRAGMA
 * trusted_schema = OFF, and then SQLite (3.40) refuses any trigger that
 * writes an FTS5 table ("unsafe use of virtual table"), because FTS5 does
 * not declare itself innocuous. So the triggers write the change into a
 * plain queue table (old values included, which an external-content
 * index needs to take a row out), and records_fts_sync() /
 * inspections_fts_sync() apply the queue in the same transaction as the
 * write. A change made by any other path waits in the queue and is
 * applied by the next write or search: the index never misses one. */
#include "juwei/schema.h"

const char schema_records[] =
    /* Lists of a district or of everything page by date across
     * committees. */
    "CREATE INDEX records_date ON records(date DESC, id DESC);"
    "CREATE INDEX inspections_date ON inspections(date DESC, id DESC);"

    "CREATE VIRTUAL TABLE records_fts USING fts5("
    "  title, details, content='records', content_rowid='id',"
    "  tokenize='juwei');"
    "CREATE TABLE records_fts_pending ("
    "  id       INTEGER PRIMARY KEY,"
    "  row_id   INTEGER NOT NULL,"
    "  inserted INTEGER NOT NULL CHECK (inserted IN (0, 1)),"
    "  title    TEXT,"
    "  details  TEXT"
    ") STRICT;"
    "CREATE INDEX records_fts_pending_row"
    "  ON records_fts_pending(row_id, id);"
    "CREATE TRIGGER records_fts_ai AFTER INSERT ON records BEGIN"
    "  INSERT INTO records_fts_pending (row_id, inserted)"
    "    VALUES (new.id, 1);"
    " END;"
    "CREATE TRIGGER records_fts_au AFTER UPDATE OF title, details ON records"
    " BEGIN"
    "  INSERT INTO records_fts_pending (row_id, inserted, title, details)"
    "    VALUES (old.id, 0, old.title, old.details);"
    " END;"
    "CREATE TRIGGER records_fts_ad AFTER DELETE ON records BEGIN"
    "  INSERT INTO records_fts_pending (row_id, inserted, title, details)"
    "    VALUES (old.id, 0, old.title, old.details);"
    " END;"
    "INSERT INTO records_fts(records_fts) VALUES ('rebuild');"

    "CREATE VIRTUAL TABLE inspections_fts USING fts5("
    "  place, found, content='inspections', content_rowid='id',"
    "  tokenize='juwei');"
    "CREATE TABLE inspections_fts_pending ("
    "  id       INTEGER PRIMARY KEY,"
    "  row_id   INTEGER NOT NULL,"
    "  inserted INTEGER NOT NULL CHECK (inserted IN (0, 1)),"
    "  place    TEXT,"
    "  found    TEXT"
    ") STRICT;"
    "CREATE INDEX inspections_fts_pending_row"
    "  ON inspections_fts_pending(row_id, id);"
    "CREATE TRIGGER inspections_fts_ai AFTER INSERT ON inspections BEGIN"
    "  INSERT INTO inspections_fts_pending (row_id, inserted)"
    "    VALUES (new.id, 1);"
    " END;"
    "CREATE TRIGGER inspections_fts_au AFTER UPDATE OF place, found"
    " ON inspections BEGIN"
    "  INSERT INTO inspections_fts_pending (row_id, inserted, place, found)"
    "    VALUES (old.id, 0, old.place, old.found);"
    " END;"
    "CREATE TRIGGER inspections_fts_ad AFTER DELETE ON inspections BEGIN"
    "  INSERT INTO inspections_fts_pending (row_id, inserted, place, found)"
    "    VALUES (old.id, 0, old.place, old.found);"
    " END;"
    "INSERT INTO inspections_fts(inspections_fts) VALUES ('rebuild');";
