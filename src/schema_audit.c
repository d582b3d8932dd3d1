/* schema_audit.c — the audit log's hash chain (see audit.c).
 *
 * Rows written before this migration keep a NULL hash: they are chained
 * when the first sealed row is written, so changing them afterwards still
 * breaks the chain at that row. audit_chain remembers where they end, so
 * that unsealing later rows cannot pass them off as old ones. From here
 * on a row without a seal is refused, so no code path can append around
 * the chain. */
#include "juwei/schema.h"

const char schema_audit[] =
    "ALTER TABLE audit ADD COLUMN hash TEXT;"
    "CREATE TABLE audit_chain ("
    "  legacy_upto INTEGER NOT NULL"
    ") STRICT;"
    "INSERT INTO audit_chain (legacy_upto)"
    " SELECT coalesce(max(id), 0) FROM audit;"
    "CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain"
    " BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;"
    "CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain"
    " BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;"
    "CREATE TRIGGER audit_sealed BEFORE INSERT ON audit"
    " WHEN NEW.hash IS NULL OR length(NEW.hash) <> 64"
    " BEGIN SELECT RAISE(ABORT, 'audit rows must be sealed'); END;";
