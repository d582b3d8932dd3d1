/* schema_leave.c — the leave tables as leave.c needs them.
 *
 * Schema 1's CHECK on leave.status has no 'withdrawn', and a pending
 * request taken back by its requester is not the same thing as approved
 * leave cancelled before it starts (the approver must hear of the second,
 * not the first), so the status is added rather than folded into
 * 'cancelled'. SQLite cannot change a CHECK in place: both leave tables are
 * made again under new names, filled from the old ones with their ids, the
 * old ones dropped (leave_steps first, so no foreign key ever points at a
 * missing row and foreign_keys can stay ON inside the migration's
 * transaction) and the new ones renamed; RENAME also rewrites the
 * REFERENCES of leave_steps_new and the sqlite_sequence entries. The
 * sequence is carried over explicitly so that an id is never reused.
 *
 * New columns:
 * - halves_next: of `halves`, the part that falls in the year after
 *   from_date's (a leave across the year end is charged to both years);
 * - route: who decides — 'director', 'director_street' (two steps) or
 *   'street' (a director's own leave) — fixed when requested;
 * - used_halves/used_next/late_halves: what a 销假 found (the leave as
 *   actually taken, and working half-days overstayed);
 * - requester_notice (1: a decision the requester has not looked at) and
 *   approver_notice (bits 1 director, 2 street office: an approved leave
 *   cancelled since they looked). These two are what a person has seen,
 *   not the record: leave.c sets them with plain UPDATEs, without a
 *   version bump or an audit row.
 *
 * A trigger refuses every status change that is not in leave.c's
 * transition table, so no path — not even plain SQL — gets round it; the
 * unit tests check that the two agree on every pair. */
#include "juwei/schema.h"

const char schema_leave[] =
    "CREATE TABLE leave_new ("
    "  id              INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  committee_id    TEXT NOT NULL REFERENCES committees(id),"
    "  staff_id        INTEGER NOT NULL REFERENCES staff(id),"
    "  type            TEXT NOT NULL,"
    "  from_date       TEXT NOT NULL,"
    "  from_half       INTEGER NOT NULL DEFAULT 0 CHECK (from_half IN (0, 1)),"
    "  to_date         TEXT NOT NULL,"
    "  to_half         INTEGER NOT NULL DEFAULT 1 CHECK (to_half IN (0, 1)),"
    "  halves          INTEGER NOT NULL CHECK (halves >= 0),"
    "  halves_next     INTEGER NOT NULL DEFAULT 0"
    "                  CHECK (halves_next BETWEEN 0 AND halves),"
    "  reason          TEXT,"
    "  cover_id        INTEGER REFERENCES staff(id),"
    "  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN"
    "                  ('pending', 'approved', 'rejected', 'withdrawn',"
    "                   'cancelled', 'returned')),"
    "  route           TEXT NOT NULL DEFAULT 'director' CHECK (route IN"
    "                  ('director', 'director_street', 'street')),"
    "  step            INTEGER NOT NULL DEFAULT 1 CHECK (step IN (1, 2)),"
    "  approver_id     INTEGER REFERENCES staff(id),"
    "  comment         TEXT,"
    "  decided_at      INTEGER,"
    "  returned_date   TEXT,"
    "  returned_half   INTEGER CHECK (returned_half IN (0, 1)),"
    "  used_halves     INTEGER CHECK (used_halves >= 0),"
    "  used_next       INTEGER CHECK (used_next >= 0),"
    "  late_halves     INTEGER CHECK (late_halves >= 0),"
    "  requester_notice INTEGER NOT NULL DEFAULT 0"
    "                  CHECK (requester_notice IN (0, 1)),"
    "  approver_notice INTEGER NOT NULL DEFAULT 0"
    "                  CHECK (approver_notice BETWEEN 0 AND 3),"
    "  version         INTEGER NOT NULL DEFAULT 1,"
    "  created_at      INTEGER NOT NULL,"
    "  updated_at      INTEGER NOT NULL"
    ") STRICT;"
    /* Schema 1 rows: counted in one year, decided by the director (a
     * director's own row by the street office). */
    "INSERT INTO leave_new (id, committee_id, staff_id, type, from_date,"
    "  from_half, to_date, to_half, halves, reason, cover_id, status, route,"
    "  step, approver_id, comment, decided_at, returned_date, returned_half,"
    "  used_halves, version, created_at, updated_at)"
    " SELECT l.id, l.committee_id, l.staff_id, l.type, l.from_date,"
    "  l.from_half, l.to_date, l.to_half, l.halves, l.reason, l.cover_id,"
    "  l.status,"
    "  CASE WHEN s.role = 'director' THEN 'street'"
    "       WHEN l.step = 2 THEN 'director_street' ELSE 'director' END,"
    "  l.step, l.approver_id, l.comment, l.decided_at, l.returned_date,"
    "  l.returned_half,"
    "  CASE WHEN l.status = 'returned' THEN l.halves END,"
    "  l.version, l.created_at, l.updated_at"
    " FROM leave l LEFT JOIN staff s ON s.id = l.staff_id;"
    "CREATE TABLE leave_steps_new ("
    "  id           INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  leave_id     INTEGER NOT NULL REFERENCES leave_new(id),"
    "  committee_id TEXT NOT NULL REFERENCES committees(id),"
    "  step         INTEGER NOT NULL CHECK (step IN (1, 2)),"
    "  approver_id  INTEGER NOT NULL REFERENCES staff(id),"
    "  decision     TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),"
    "  comment      TEXT,"
    "  decided_at   INTEGER NOT NULL,"
    "  version      INTEGER NOT NULL DEFAULT 1,"
    "  created_at   INTEGER NOT NULL,"
    "  updated_at   INTEGER NOT NULL,"
    "  UNIQUE (leave_id, step)"
    ") STRICT;"
    "INSERT INTO leave_steps_new SELECT * FROM leave_steps;"
    /* sqlite_sequence has no key: update the row the inserts made, or add
     * one when the copy was empty. */
    "UPDATE sqlite_sequence SET seq = max(seq,"
    "  (SELECT seq FROM sqlite_sequence WHERE name = 'leave'))"
    " WHERE name = 'leave_new'"
    "  AND EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'leave');"
    "INSERT INTO sqlite_sequence (name, seq)"
    " SELECT 'leave_new', seq FROM sqlite_sequence WHERE name = 'leave'"
    "  AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'leave_new');"
    "UPDATE sqlite_sequence SET seq = max(seq,"
    "  (SELECT seq FROM sqlite_sequence WHERE name = 'leave_steps'))"
    " WHERE name = 'leave_steps_new'"
    "  AND EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'leave_steps');"
    "INSERT INTO sqlite_sequence (name, seq)"
    " SELECT 'leave_steps_new', seq FROM sqlite_sequence"
    "  WHERE name = 'leave_steps' AND NOT EXISTS"
    "  (SELECT 1 FROM sqlite_sequence WHERE name = 'leave_steps_new');"
    "DROP TABLE leave_steps;"
    "DROP TABLE leave;"
    "ALTER TABLE leave_new RENAME TO leave;"
    "ALTER TABLE leave_steps_new RENAME TO leave_steps;"
    "CREATE INDEX leave_committee_status"
    "  ON leave(committee_id, status, from_date);"
    "CREATE INDEX leave_staff_date ON leave(staff_id, from_date DESC, id DESC);"
    "CREATE INDEX leave_committee_date"
    "  ON leave(committee_id, from_date DESC, id DESC);"
    "CREATE INDEX leave_notice ON leave(staff_id) WHERE requester_notice = 1;"
    /* Must allow exactly what leave.c's transition table allows. */
    "CREATE TRIGGER leave_status_change BEFORE UPDATE OF status ON leave"
    " WHEN old.status <> new.status AND NOT ("
    "  (old.status = 'pending' AND new.status IN"
    "   ('approved', 'rejected', 'withdrawn')) OR"
    "  (old.status = 'approved' AND new.status IN ('cancelled', 'returned')))"
    " BEGIN SELECT RAISE(ABORT, 'this change of a leave''s status is not"
    " allowed'); END;";
