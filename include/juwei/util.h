/* util.h — allocation that never returns NULL, fatal(), and the error
 * record every fallible core function fills. */
#ifndef JUWEI_UTIL_H
#define JUWEI_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libintl.h>
#define _(s)  gettext(s)
#define N_(s) (s)
/* A word that needs a different translation in another place ("open" of an
 * inspection and of an assessment round) carries a context. */
#define P_(ctx, s) util_pgettext(ctx "\004" s, s)
const char *util_pgettext(const char *ctx_msgid, const char *msgid);

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* The directory part of a path: "." for a bare name, "/" for a file at
 * the root. */
char *xdirname(const char *path);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Prints "juwei: message" on stderr and exits 1. The kiosk registers a
 * hook that restores the terminal first. */
_Noreturn void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fatal_set_hook(void (*hook)(void));

/* What went wrong, in words a user can act on. `field` names the form
 * field (the column name) at fault, so a form can put the cursor there;
 * it is empty when no single field is to blame. */
enum err_code {
    E_OK = 0,
    E_INVAL,     /* bad input: see field and msg */
    E_PERM,      /* not allowed for this account */
    E_STALE,     /* someone else changed the record first */
    E_NOTFOUND,
    E_DUP,       /* already exists */
    E_AUTH,      /* wrong login or password, or locked */
    E_BUSY,      /* database locked past every wait */
    E_READONLY,
    E_FULL,
    E_CORRUPT,
    E_VERSION,   /* database from a newer juwei */
    E_IO,
    E_DB,        /* any other database failure */
};

struct error {
    int  code;
    char field[32];
    char msg[256];
};

/* Fills *e (which may be NULL) and returns -1, so `return error_set(...)`
 * reads naturally at the failure site. */
int error_set(struct error *e, int code, const char *field,
              const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void error_clear(struct error *e);

/* Seconds since the epoch; tests and the benchmark may pin it. */
int64_t util_now(void);
void    util_set_now(int64_t fixed);  /* 0 = the real clock again */

#endif
