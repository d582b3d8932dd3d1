/* test_db_sync.c — districts and committees from the INI: added once,
 * renamed, moved to another district, retired with their data kept, and
 * listed again; each change one audit row, an unchanged INI none. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "fixture.h"

static struct db *db;
static struct config cfg;

static const char *
text(const char *sql, char *buf, size_t size)
{
    return fixture_text(db, sql, buf, size);
}

static int64_t
count(const char *sql)
{
    return fixture_count(db, sql);
}

/* A migrated database with nothing synced yet, and the whole INI: the
 * test geography of fixture.h. */
static void
setup(void)
{
    struct error e = { 0 };

    if (db != NULL)
        db_close(db);
    db = db_open(":memory:", DB_CREATE, &e);
    if (db == NULL || db_migrate(db, &e) < 0)
        fixture_fail("database", &e);
    fixture_geography(&cfg);
    cfg.committees[0].name = (char *)"幸福社区";
    cfg.committees[1].district = (char *)"east";
}

static void
test_added_once(void)
{
    struct error e = { 0 };
    char buf[64];

    setup();
    CHECK_INT(db_sync_config(db, &cfg, &e), 0);
    CHECK_INT(count("SELECT count(*) FROM committees WHERE active"), 3);
    CHECK_INT(count("SELECT count(*) FROM districts WHERE active"), 2);
    CHECK_STR(text("SELECT name FROM committees WHERE id = 'c3'", buf,
                   sizeof buf), "光明社区");
    CHECK_INT(count("SELECT count(*) FROM audit WHERE action = 'sync'"), 5);
    /* Unchanged config: nothing written, no audit rows. */
    CHECK_INT(db_sync_config(db, &cfg, &e), 0);
    CHECK_INT(count("SELECT count(*) FROM audit"), 5);
}

static void
test_retired_and_listed_again(void)
{
    struct error e = { 0 };
    char buf[64];

    setup();
    CHECK_INT(db_sync_config(db, &cfg, &e), 0);
    /* Data of c3 and of the west district. */
    fixture_exec(db,
        "INSERT INTO staff (login, name, committee_id, district_id, role,"
        " password_hash, created_at, updated_at)"
        " VALUES ('wang', '王芳', 'c3', 'west', 'staff', 'x', 0, 0);"
        "INSERT INTO records (committee_id, staff_id, date, category, title,"
        " created_at, updated_at)"
        " VALUES ('c3', 1, '2024-03-01', 'meeting', '开会', 0, 0);");

    /* c3 and west dropped from the INI, c1 renamed. */
    cfg.committees[0].name = (char *)"幸福里社区";
    cfg.ndistricts = 1;
    cfg.ncommittees = 2;
    CHECK_INT(db_sync_config(db, &cfg, &e), 0);
    CHECK_INT(count("SELECT active FROM committees WHERE id = 'c3'"), 0);
    CHECK_INT(count("SELECT active FROM districts WHERE id = 'west'"), 0);
    CHECK_STR(text("SELECT name FROM committees WHERE id = 'c1'", buf,
                   sizeof buf), "幸福里社区");
    CHECK_INT(count("SELECT count(*) FROM records WHERE committee_id = 'c3'"),
              1);
    CHECK_INT(count("SELECT count(*) FROM staff WHERE committee_id = 'c3'"),
              1);
    CHECK_INT(count("SELECT count(*) FROM audit WHERE action = 'sync'"),
              5 + 3);
    CHECK_STR(text("SELECT after ->> '$.active' FROM audit WHERE"
                   " tbl = 'committees' ORDER BY id DESC LIMIT 1", buf,
                   sizeof buf), "0");

    /* Listed again: active again, with its data. */
    cfg.committees[0].name = (char *)"幸福社区";
    cfg.ndistricts = 2;
    cfg.ncommittees = 3;
    CHECK_INT(db_sync_config(db, &cfg, &e), 0);
    CHECK_INT(count("SELECT active FROM committees WHERE id = 'c3'"), 1);
    CHECK_INT(count("SELECT active FROM districts WHERE id = 'west'"), 1);
    CHECK_INT(count("SELECT count(*) FROM records"), 1);
}

/* A committee moved to another district: the street office that sees it
 * follows, and the audit row says where it was. */
static void
test_moved_to_another_district(void)
{
    struct error e = { 0 };
    char buf[64];

    setup();
    CHECK_INT(db_sync_config(db, &cfg, &e), 0);
    cfg.committees[1].district = (char *)"west";
    CHECK_INT(db_sync_config(db, &cfg, &e), 0);
    CHECK_STR(text("SELECT district_id FROM committees WHERE id = 'c2'", buf,
                   sizeof buf), "west");
    CHECK_INT(count("SELECT count(*) FROM audit WHERE action = 'sync'"), 6);
    CHECK_STR(text("SELECT before ->> '$.district_id' || '>' ||"
                   " (after ->> '$.district_id') FROM audit"
                   " ORDER BY id DESC LIMIT 1", buf, sizeof buf),
              "east>west");
}

int
main(void)
{
    RUN(test_added_once);
    RUN(test_retired_and_listed_again);
    RUN(test_moved_to_another_district);
    db_close(db);
    return CHECK_DONE();
}
