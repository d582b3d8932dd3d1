/* export_run.h — what export.c lends export_file.c: the checks made
 * before a byte is written, the run of one export into a sink, and its
 * audit row. Inside the export module only. */
#ifndef JUWEI_EXPORT_RUN_H
#define JUWEI_EXPORT_RUN_H

#include "juwei/export.h"
#include "juwei/report.h"

/* Everything that can be refused before a byte is written; *scope gets
 * the scope the export covers. */
int export_check(struct ctx *ctx, const struct export_opts *o,
                 struct report_scope *scope, struct error *e);
/* Writes every row into the sink inside one read transaction. */
int export_run(struct ctx *ctx, const struct export_opts *o,
               const struct report_scope *scope, struct export_sink *sink,
               struct error *e);
/* The "export" audit row: what, how many rows, into which file. */
int export_audit(struct ctx *ctx, const struct export_opts *o, long rows,
                 const char *file, struct error *e);

#endif
