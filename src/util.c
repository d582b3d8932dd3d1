/* util.c — xmalloc family, fatal(), error records, the clock. */
#include "juwei/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void (*fatal_hook)(void);
static int64_t fixed_now;

void
fatal_set_hook(void (*hook)(void))
{
    fatal_hook = hook;
}

_Noreturn void
fatal(const char *fmt, ...)
{
    va_list ap;

    if (fatal_hook != NULL)
        fatal_hook();
    fputs("juwei: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

void *
xmalloc(size_t n)
{
    void *p = malloc(n == 0 ? 1 : n);

    if (p == NULL)
        fatal("out of memory (%zu bytes)", n);
    return p;
}

void *
xcalloc(size_t n, size_t size)
{
    void *p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size);

    if (p == NULL)
        fatal("out of memory (%zu × %zu bytes)", n, size);
    return p;
}

void *
xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n == 0 ? 1 : n);

    if (q == NULL)
        fatal("out of memory (%zu bytes)", n);
    return q;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        fatal("out of memory (%zu × %zu bytes)", n, size);
    return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);

    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
    char *s;

    if (vasprintf(&s, fmt, ap) < 0)
        fatal("out of memory");
    return s;
}

char *
xdirname(const char *path)
{
    const char *slash = strrchr(path, '/');

    if (slash == NULL)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

char *
xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

int
error_set(struct error *e, int code, const char *field, const char *fmt, ...)
{
    va_list ap;

    if (e == NULL)
        return -1;
    e->code = code;
    snprintf(e->field, sizeof e->field, "%s", field != NULL ? field : "");
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return -1;
}

void
error_clear(struct error *e)
{
    if (e != NULL)
        memset(e, 0, sizeof *e);
}

int64_t
util_now(void)
{
    return fixed_now != 0 ? fixed_now : (int64_t)time(NULL);
}

void
util_set_now(int64_t fixed)
{
    fixed_now = fixed;
}

const char *
util_pgettext(const char *ctx_msgid, const char *msgid)
{
    const char *t = gettext(ctx_msgid);

    return t == ctx_msgid ? msgid : t;
}
