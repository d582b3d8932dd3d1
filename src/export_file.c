/* export_file.c — exports into files: written to a temporary file of the
 * same directory, synced, then renamed over the path asked (export_file)
 * or linked under a new name that replaces nothing (export_to_dir), so a
 * failed export leaves no half file. */
#include "juwei/export.h"
#include "juwei/export_run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "juwei/date.h"
#include "juwei/util.h"

#define IOBUF (256 * 1024)

/* Writes the export into a new temporary file of `dir`, mode 0640; on
 * success *tmp names it (complete and on disk). */
static int
write_tmp(struct ctx *ctx, const struct export_opts *o, const char *dir,
          const char *shown, char **tmp, long *rows, struct error *e)
{
    struct report_scope scope;
    char *name = xasprintf("%s/.juwei-export-XXXXXX", dir);
    struct export_sink *sink = NULL;
    FILE *fp = NULL;
    char *iobuf = NULL;
    int fd, rc = -1;

    *tmp = NULL;
    *rows = 0;
    if (export_check(ctx, o, &scope, e) < 0) {
        free(name);
        return -1;
    }
    if ((fd = mkstemp(name)) < 0) {
        error_set(e, E_IO, NULL, _("cannot write in %s: %s"), dir,
                  strerror(errno));
        free(name);
        return -1;
    }
    if (fchmod(fd, 0640) < 0) {
        error_set(e, E_IO, NULL, _("cannot write %s: %s"), shown,
                  strerror(errno));
        close(fd);
        goto out;
    }
    if (o->format == EXPORT_CSV) {
        if ((fp = fdopen(fd, "w")) == NULL) {
            close(fd);
            error_set(e, E_IO, NULL, _("cannot write %s: %s"), shown,
                      strerror(errno));
            goto out;
        }
        /* Written in 256 KB blocks rather than stdio's 4 KB (glibc
         * ignores the size without a buffer of ours). */
        iobuf = xmalloc(IOBUF);
        setvbuf(fp, iobuf, _IOFBF, IOBUF);
        sink = export_sink_csv(fp, o->clean);
    } else {
        /* libxlsxwriter writes the file itself when it closes the
         * workbook, over this one, which keeps its mode. */
        close(fd);
        if ((sink = export_sink_xlsx(name, dir, e)) == NULL)
            goto out;
    }
    rc = export_run(ctx, o, &scope, sink, e);
    *rows = export_sink_rows(sink);
    if (rc < 0) {
        export_sink_abandon(sink);
    } else {
        rc = export_sink_close(sink, shown, e);
    }
    if (fp != NULL) {
        if (rc == 0 && (fflush(fp) != 0 || fsync(fileno(fp)) < 0))
            rc = error_set(e, E_IO, NULL, _("cannot write %s: %s"), shown,
                           strerror(errno));
        if (fclose(fp) != 0 && rc == 0)
            rc = error_set(e, E_IO, NULL, _("cannot write %s: %s"), shown,
                           strerror(errno));
    }
    free(iobuf);
out:
    if (rc < 0) {
        unlink(name);
        free(name);
        return -1;
    }
    *tmp = name;
    return 0;
}

int
export_file(struct ctx *ctx, const struct export_opts *o, const char *path,
            long *rows, struct error *e)
{
    char *dir = xdirname(path), *tmp = NULL;
    int rc;

    rc = write_tmp(ctx, o, dir, path, &tmp, rows, e);
    if (rc == 0)
        rc = export_audit(ctx, o, *rows, path, e);
    if (rc == 0 && rename(tmp, path) < 0)
        rc = error_set(e, E_IO, NULL, _("cannot write %s: %s"), path,
                       strerror(errno));
    if (rc < 0 && tmp != NULL)
        unlink(tmp);
    free(tmp);
    free(dir);
    return rc;
}

/* records-hepingli-2026-03-01_2026-03-31 … without the extension. */
static char *
base_name(struct ctx *ctx, const struct export_opts *o)
{
    const char *scope = o->committee != NULL ? o->committee
                      : o->district != NULL ? o->district
                      : ctx->who.role == ROLE_STREET ? ctx->who.district
                      : ctx->who.committee[0] != '\0' ? ctx->who.committee
                      : "all";
    char from[11], to[11];

    if (o->kind == EXPORT_REPORT)
        return xasprintf("report-%s-%s", scope, o->month ? o->month : "");
    if (o->from == DATE_NONE && o->to == DATE_NONE)
        return xasprintf("%s-%s", export_kind_name(o->kind), scope);
    return xasprintf("%s-%s-%s_%s", export_kind_name(o->kind), scope,
                     o->from != DATE_NONE ? date_format(o->from, from) : "",
                     o->to != DATE_NONE ? date_format(o->to, to) : "");
}

int
export_to_dir(struct ctx *ctx, const struct export_opts *o, const char *dir,
              char **path, long *rows, struct error *e)
{
    const char *ext = o->format == EXPORT_XLSX ? "xlsx" : "csv";
    char *base, *tmp = NULL, *final = NULL;
    int rc;

    *path = NULL;
    if (dir == NULL || *dir == '\0')
        return error_set(e, E_INVAL, NULL,
                         _("no export directory is configured "
                           "([site] export_dir)"));
    if (mkdir(dir, 0750) < 0 && errno != EEXIST)
        return error_set(e, E_IO, NULL,
                         _("cannot make the export directory %s: %s"), dir,
                         strerror(errno));
    base = base_name(ctx, o);
    rc = write_tmp(ctx, o, dir, base, &tmp, rows, e);
    /* link() never replaces a file: someone's earlier export stays. */
    for (int n = 1; rc == 0; n++) {
        free(final);
        final = n == 1 ? xasprintf("%s/%s.%s", dir, base, ext)
                       : xasprintf("%s/%s-%d.%s", dir, base, n, ext);
        if (link(tmp, final) == 0)
            break;
        if (errno != EEXIST || n >= 999)
            rc = error_set(e, E_IO, NULL, _("cannot write %s: %s"), final,
                           strerror(errno));
    }
    if (rc == 0 && (rc = export_audit(ctx, o, *rows, final, e)) < 0)
        unlink(final);
    if (tmp != NULL)
        unlink(tmp);
    free(tmp);
    free(base);
    if (rc < 0) {
        free(final);
        return -1;
    }
    *path = final;
    return 0;
}
