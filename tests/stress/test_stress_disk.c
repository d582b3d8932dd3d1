/* test_stress_disk.c — the database's disk fills up, or goes read-only,
 * under an open connection. A save (a record, a visit, a leave request,
 * through the core as a kiosk makes it) then fails with a clear message,
 * nothing already saved is damaged (integrity_check, the rows, the audit
 * chain), and saving works again once there is space (or, after a disk
 * went read-only, once the administrator has checked and remounted it).
 *
 * Needs root to mount: a small tmpfs for the full disk; an ext4 image on
 * a loop device mounted errors=remount-ro, with the kernel's
 * trigger_fs_error, for the read-only disk (what Debian does to a root
 * file system on an I/O error). Each test says "skip" with the reason
 * when it cannot mount. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "fixture.h"
#include "juwei/audit.h"
#include "stress.h"

static char mnt[256];

static int
run(const char *cmd)
{
    int rc = system(cmd);

    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static int64_t
records(struct db *db)
{
    return fixture_count(db, "SELECT count(*) FROM records");
}

static void
check_undamaged(struct db *db, int64_t want_records)
{
    struct error e = { 0 };
    int64_t bad = -1;
    char *ok = stress_integrity(db);

    CHECK_STR(ok, "ok");
    free(ok);
    CHECK_INT(records(db), want_records);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM records r WHERE"
                             " (SELECT count(*) FROM audit a WHERE"
                             "  a.tbl = 'records' AND a.row_id = r.id) <> 1"),
              0);
    CHECK(stress_fts_whole(db));
    CHECK_INT(audit_verify_chain(db, &bad, &e), 0);
}

/* Fills the file system holding `dir` to the last byte. */
static int
fill(const char *dir)
{
    char path[300], block[4096];
    int fd;

    snprintf(path, sizeof path, "%s/filler", dir);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return -1;
    memset(block, 'x', sizeof block);
    while (write(fd, block, sizeof block) > 0)
        ;
    while (write(fd, block, 1) > 0)
        ;
    close(fd);
    return errno == ENOSPC ? 0 : -1;
}

static void
test_full_disk(void)
{
    char path[300], filler[300];
    struct error e = { 0 };
    struct db *db;
    struct ctx ctx;
    int64_t id;

    snprintf(path, sizeof path, "%s/juwei.db", mnt);
    snprintf(filler, sizeof filler, "%s/filler", mnt);
    stress_make_db(path);
    db = db_open(path, DB_OPEN, &e);
    CHECK(db != NULL);
    if (db == NULL)
        return;
    ctx = stress_ctx(db, 1);
    for (int i = 0; i < 20; i++) {
        char title[32];

        snprintf(title, sizeof title, "已保存 %d", i);
        CHECK_INT(stress_record_add(&ctx, title, "满盘之前", &id, &e), 0);
    }
    /* An empty journal, so that the next save needs new space. */
    CHECK_INT(sqlite3_exec(db_sqlite(db), "PRAGMA wal_checkpoint(TRUNCATE)",
                           NULL, NULL, NULL), SQLITE_OK);
    CHECK_INT(fill(mnt), 0);

    error_clear(&e);
    CHECK_INT(stress_record_add(&ctx, "满了", "保存不了", &id, &e), -1);
    CHECK_INT(e.code, E_FULL);
    CHECK_STR(e.msg, "the disk is full; nothing was saved");
    /* a visit and a leave request the same */
    error_clear(&e);
    CHECK_INT(stress_visit_add(&ctx, 0, "保存不了", &id, &e), -1);
    CHECK_INT(e.code, E_FULL);
    error_clear(&e);
    CHECK_INT(stress_leave_request(&ctx, 0, &id, &e), -1);
    CHECK_INT(e.code, E_FULL);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM visits"), 0);
    CHECK_INT(fixture_count(db, "SELECT count(*) FROM leave"), 0);
    /* a bulk import too, as one transaction: nothing of it */
    error_clear(&e);
    CHECK_INT(db_begin(db, &e), 0);
    for (int i = 0; i < 50 && e.code == 0; i++) {
        if (i % 2)
            stress_visit_add(&ctx, (unsigned int)i, "批量走访", NULL, &e);
        else
            stress_record_add(&ctx, "批量", "一大段文字一大段文字", NULL, &e);
    }
    if (e.code == 0)
        db_commit(db, &e);
    else
        db_rollback(db);
    CHECK_INT(e.code, E_FULL);
    CHECK(sqlite3_get_autocommit(db_sqlite(db)));
    check_undamaged(db, 20);

    /* Space again: the same connection saves. */
    CHECK_INT(unlink(filler), 0);
    error_clear(&e);
    CHECK_INT(stress_record_add(&ctx, "又能存了", "空间回来了", &id, &e), 0);
    CHECK_INT(stress_visit_add(&ctx, 0, "空间回来了", &id, &e), 0);
    CHECK_INT(stress_leave_request(&ctx, 0, &id, &e), 0);
    check_undamaged(db, 21);
    db_close(db);
    /* and a fresh connection sees it all */
    db = db_open(path, DB_OPEN, &e);
    CHECK(db != NULL);
    if (db != NULL) {
        check_undamaged(db, 21);
        db_close(db);
    }
}

static bool
mount_tmpfs(char *why, size_t size)
{
    snprintf(mnt, sizeof mnt, "%s", stress_path("small"));
    if (mkdir(mnt, 0700) < 0 && errno != EEXIST) {
        snprintf(why, size, "mkdir %s: %s", mnt, strerror(errno));
        return false;
    }
    if (mount("tmpfs", mnt, "tmpfs", 0, "size=2m,mode=0700") < 0) {
        snprintf(why, size, "cannot mount a tmpfs (%s)", strerror(errno));
        rmdir(mnt);
        return false;
    }
    return true;
}

/* --- read-only ------------------------------------------------------- */

static char image[300], loopdev[64];

static bool
mount_ext4(char *why, size_t size)
{
    char cmd[900];
    FILE *fp;

    snprintf(mnt, sizeof mnt, "%s", stress_path("ext4"));
    snprintf(image, sizeof image, "%s", stress_path("ext4.img"));
    mkdir(mnt, 0700);
    snprintf(cmd, sizeof cmd,
             "truncate -s 16M '%s' && mkfs.ext4 -q -F '%s' >/dev/null 2>&1",
             image, image);
    if (run(cmd) != 0) {
        snprintf(why, size, "cannot make an ext4 image (mkfs.ext4)");
        return false;
    }
    snprintf(cmd, sizeof cmd, "losetup -f --show '%s' 2>/dev/null", image);
    fp = popen(cmd, "r");
    if (fp == NULL || fgets(loopdev, sizeof loopdev, fp) == NULL) {
        if (fp != NULL)
            pclose(fp);
        snprintf(why, size, "no loop device (losetup)");
        return false;
    }
    pclose(fp);
    loopdev[strcspn(loopdev, "\n")] = '\0';
    if (mount(loopdev, mnt, "ext4", 0, "errors=remount-ro") < 0) {
        snprintf(why, size, "cannot mount ext4 from %s (%s)", loopdev,
                 strerror(errno));
        snprintf(cmd, sizeof cmd, "losetup -d %s", loopdev);
        run(cmd);
        return false;
    }
    return true;
}

/* What the kernel does on a disk error under errors=remount-ro. */
static bool
disk_error(void)
{
    char p[128];
    int fd;
    bool ok;

    snprintf(p, sizeof p, "/sys/fs/ext4/%s/trigger_fs_error",
             strrchr(loopdev, '/') + 1);
    fd = open(p, O_WRONLY);
    if (fd < 0)
        return false;
    ok = write(fd, "juwei test\n", 11) == 11;
    close(fd);
    return ok;
}

static void
unmount_ext4(void)
{
    char cmd[400];

    umount(mnt);
    snprintf(cmd, sizeof cmd, "losetup -d %s 2>/dev/null", loopdev);
    run(cmd);
}

static void
test_read_only_disk(void)
{
    char path[300], cmd[700];
    struct error e = { 0 };
    struct db *db;
    struct ctx ctx;
    int64_t id;

    snprintf(path, sizeof path, "%s/juwei.db", mnt);
    stress_make_db(path);
    db = db_open(path, DB_OPEN, &e);
    CHECK(db != NULL);
    if (db == NULL)
        return;
    ctx = stress_ctx(db, 4);
    for (int i = 0; i < 10; i++)
        CHECK_INT(stress_record_add(&ctx, "只读之前", "已保存", &id, &e), 0);
    CHECK(disk_error());

    error_clear(&e);
    CHECK_INT(stress_record_add(&ctx, "只读了", "保存不了", &id, &e), -1);
    CHECK_INT(e.code, E_READONLY);
    CHECK_STR(e.msg, "the disk holding the database has become read-only; "
                     "nothing was saved (tell the administrator)");
    error_clear(&e);
    CHECK_INT(stress_visit_add(&ctx, 0, "保存不了", &id, &e), -1);
    CHECK_INT(e.code, E_READONLY);
    CHECK(sqlite3_get_autocommit(db_sqlite(db)));
    /* what is there can still be read */
    CHECK_INT(records(db), 10);
    db_close(db);

    /* The administrator checks the disk and mounts it again. */
    unmount_ext4();
    snprintf(cmd, sizeof cmd, "e2fsck -fy '%s' >/dev/null 2>&1", image);
    run(cmd);
    snprintf(cmd, sizeof cmd, "losetup -f --show '%s'", image);
    {
        FILE *fp = popen(cmd, "r");

        if (fp == NULL || fgets(loopdev, sizeof loopdev, fp) == NULL) {
            CHECK(!"loop device again");
            if (fp != NULL)
                pclose(fp);
            return;
        }
        pclose(fp);
        loopdev[strcspn(loopdev, "\n")] = '\0';
    }
    CHECK_INT(mount(loopdev, mnt, "ext4", 0, "errors=remount-ro"), 0);
    db = db_open(path, DB_OPEN, &e);
    CHECK(db != NULL);
    if (db == NULL)
        return;
    check_undamaged(db, 10);
    ctx = stress_ctx(db, 4);
    CHECK_INT(stress_record_add(&ctx, "修好了", "又能存了", &id, &e), 0);
    check_undamaged(db, 11);
    db_close(db);
}

int
main(void)
{
    char why[300];

    stress_tmpdir("stress-disk");
    stress_init();
    if (mount_tmpfs(why, sizeof why)) {
        RUN(test_full_disk);
        umount(mnt);
        rmdir(mnt);
    } else {
        printf("skip test_full_disk: %s\n", why);
    }
    if (mount_ext4(why, sizeof why)) {
        RUN(test_read_only_disk);
        unmount_ext4();
        rmdir(mnt);
    } else {
        printf("skip test_read_only_disk: %s\n", why);
    }
    unlink(image);
    stress_rmdir();
    return CHECK_DONE();
}
