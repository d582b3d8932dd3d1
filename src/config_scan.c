/* config_scan.c — reading the INI file with iniparser 4.1, and the line
 * scan that makes up for what iniparser does not do.
 *
 * iniparser gives values but no positions, merges duplicate keys and
 * repeated sections silently (last value wins), takes a UTF-8 BOM for a
 * syntax error, and gives up on the whole file at one line over 1,022
 * bytes or one syntax error, printing on stderr. So our own scan comes
 * first: it records where every section and key is, reports what
 * iniparser would hide or choke on, and hands iniparser a copy through a
 * memfd with the BOM dropped and unreadable lines blanked, the line
 * numbering kept. iniparser's own complaints come back through its error
 * callback and are reported as FILE:LINE like ours; the lines it refused
 * are blanked and the copy loaded again, so the rest is still checked. */
#include "juwei/config_scan.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <iniparser.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "juwei/text.h"
#include "juwei/util.h"

#define FILE_LIMIT (4 << 20)    /* no real config comes near */

static void err(struct cfg_file *f, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
err(struct cfg_file *f, int line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    diags_vadd(f->d, DIAG_ERROR, f->path, line, fmt, ap);
    va_end(ap);
}

/* iniparser's strstrip(): isspace at both ends. */
static char *
strip(char *s)
{
    size_t len;

    while (isspace((unsigned char)*s))
        s++;
    len = strlen(s);
    while (len > 0 && isspace((unsigned char)s[len - 1]))
        s[--len] = '\0';
    return s;
}

enum line_kind { L_EMPTY, L_SECTION, L_VALUE, L_ERROR };

/* iniparser_line() of 4.1 with the same sscanf patterns, so that the scan
 * and iniparser agree on what every line is. `name` (as long as the line)
 * gets the section or key name, stripped and lowercased. */
static enum line_kind
classify(const char *input, char *name)
{
    char *copy = xstrdup(input), *line = strip(copy), *val, *n;
    size_t len = strlen(line);
    enum line_kind k = L_ERROR;

    val = xmalloc(len + 1);
    name[0] = '\0';
    if (len == 0 || line[0] == '#' || line[0] == ';') {
        k = L_EMPTY;
    } else if (line[0] == '[' && line[len - 1] == ']') {
        if (sscanf(line, "[%[^]]", name) != 1)
            name[0] = '\0';
        k = L_SECTION;
    } else if (sscanf(line, "%[^=] = \"%[^\"]\"", name, val) == 2 ||
               sscanf(line, "%[^=] = '%[^\']'", name, val) == 2 ||
               sscanf(line, "%[^=] = %[^;#]", name, val) == 2 ||
               sscanf(line, "%[^=] = %[;#]", name, val) == 2 ||
               sscanf(line, "%[^=] %[=]", name, val) == 2) {
        k = L_VALUE;
    }
    if (k == L_SECTION || k == L_VALUE) {
        n = strip(name);
        memmove(name, n, strlen(n) + 1);
        for (n = name; *n != '\0'; n++) {
            if (*n >= 'A' && *n <= 'Z')
                *n = (char)(*n - 'A' + 'a');
        }
    }
    free(val);
    free(copy);
    return k;
}

const struct cfg_section *
config_scan_section(const struct cfg_file *f, const char *name)
{
    for (size_t i = 1; i < f->nsecs; i++) {
        if (!f->secs[i].dead && strcmp(f->secs[i].name, name) == 0)
            return &f->secs[i];
    }
    return NULL;
}

const struct cfg_key *
config_scan_key(const struct cfg_section *s, const char *name)
{
    for (size_t i = 0; i < s->nkeys; i++) {
        if (strcmp(s->keys[i].name, name) == 0)
            return &s->keys[i];
    }
    return NULL;
}

const char *
config_scan_value(const struct cfg_file *f, const struct cfg_section *s,
                  const char *key)
{
    char *full;
    const char *v;

    if (f->ini == NULL)
        return "";
    full = xasprintf("%s:%s", s->name, key);
    v = iniparser_getstring(f->ini, full, NULL);
    free(full);
    return v != NULL ? v : "";
}

/* One logical line (continuations joined) starting at physical `lineno`. */
static void
scan_logical(struct cfg_file *f, const char *line, int lineno)
{
    char *name = xmalloc(strlen(line) + 1);
    struct cfg_section *cur = &f->secs[f->cur];
    const struct cfg_section *old;
    const struct cfg_key *k;

    switch (classify(line, name)) {
    case L_SECTION:
        if (name[0] != '\0' && (old = config_scan_section(f, name)) != NULL) {
            err(f, lineno, _("duplicate section [%s] (first at line %d)"),
                name, old->line);
            /* iniparser merges it into the first; so do we, for keys */
            f->cur = (size_t)(old - f->secs);
            break;
        }
        if (name[0] == '\0')
            err(f, lineno, _("empty section name"));
        f->secs = xreallocarray(f->secs, f->nsecs + 1, sizeof *f->secs);
        f->secs[f->nsecs] = (struct cfg_section){ xstrdup(name), lineno,
                                                  NULL, 0, name[0] == '\0' };
        f->cur = f->nsecs++;
        break;
    case L_VALUE:
        if ((k = config_scan_key(cur, name)) != NULL) {
            err(f, lineno, _("duplicate key \"%s\" (first at line %d)"),
                name, k->line);
            break;
        }
        cur->keys = xreallocarray(cur->keys, cur->nkeys + 1, sizeof *cur->keys);
        cur->keys[cur->nkeys++] = (struct cfg_key){ xstrdup(name), lineno };
        if (cur->line == 0)
            diags_add(f->d, DIAG_WARNING, f->path, lineno,
                      _("key \"%s\" is outside any section; ignored"), name);
        break;
    case L_EMPTY:
    case L_ERROR:   /* iniparser reports it, through the callback */
        break;
    }
    free(name);
}

/* What iniparser cannot tell about one physical line. Returns false when
 * the line must be hidden from iniparser (a NUL would cut it short). */
static bool
check_bytes(struct cfg_file *f, const char *s, size_t len, int lineno)
{
    const unsigned char *p = (const unsigned char *)s;

    if (len > 0 && s[len - 1] == '\r')
        len--;
    if (!text_valid_utf8(s, len)) {
        size_t i = 0, n;

        /* step over whole characters up to the first bad byte */
        while (i < len) {
            for (n = 1; n <= 4 && i + n <= len; n++) {
                if (text_valid_utf8(s + i, n))
                    break;
            }
            if (n > 4 || i + n > len)
                break;
            i += n;
        }
        err(f, lineno, _("invalid UTF-8 at byte %zu of the line; save the "
                         "file as UTF-8"), i + 1);
    }
    for (size_t i = 0; i < len; i++) {
        if ((p[i] < 0x20 && p[i] != '\t') || p[i] == 0x7f) {
            err(f, lineno, _("control character 0x%02X at byte %zu of the "
                             "line"), p[i], i + 1);
            return p[i] != '\0';
        }
    }
    return true;
}

/* Builds the copy handed to iniparser and the section/key positions.
 * A line ending in a backslash continues on the next, as in iniparser,
 * and the limit applies to the joined line as it does there. */
static char *
scan(struct cfg_file *f, const char *buf, size_t len, size_t *outlen)
{
    char *out = xmalloc(len + 2), *join = xmalloc(len + 2);
    size_t pos = 0, o = 0, o_group = 0, last = 0, n;
    int lineno = 0, group = 1;

    if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
        pos = 3;   /* the BOM Windows Notepad writes */
    f->secs = xcalloc(1, sizeof *f->secs);
    f->secs[0].name = xstrdup("");
    f->nsecs = 1;
    f->cur = 0;
    f->first = xcalloc(1, sizeof *f->first);

    while (pos < len) {
        const char *line = buf + pos, *nl = memchr(line, '\n', len - pos);
        size_t l = nl != NULL ? (size_t)(nl - line) : len - pos;
        bool keep;

        lineno++;
        if (last == 0) {
            group = lineno;
            o_group = o;
        }
        f->first = xreallocarray(f->first, (size_t)lineno + 1,
                                 sizeof *f->first);
        f->first[lineno] = group;
        f->nlines = lineno;
        pos += l + (nl != NULL);
        keep = check_bytes(f, line, l, lineno);
        if (last + l > CONFIG_LINE_LIMIT) {
            err(f, lineno, _("line is %zu bytes long; the limit is %d bytes "
                             "(about %d Chinese characters)"),
                last + l, CONFIG_LINE_LIMIT, CONFIG_LINE_LIMIT / 3);
            keep = false;
        }
        if (!keep) {
            /* blank the whole group, one newline per line */
            o = o_group;
            for (int i = group; i <= lineno; i++)
                out[o++] = '\n';
            if (nl == NULL)
                o--;
            last = 0;
            continue;
        }
        memcpy(out + o, line, l);
        o += l;
        if (nl != NULL)
            out[o++] = '\n';
        if (last == 0 && nl == NULL && l == 1) {
            /* iniparser skips a last line of one byte: say it ourselves */
            if (!isspace((unsigned char)line[0]) && line[0] != '#' &&
                line[0] != ';')
                err(f, lineno, _("syntax error: expected [section], "
                                 "key = value or a comment"));
            continue;
        }
        memcpy(join + last, line, l);
        n = last + l;
        while (n > 0 && isspace((unsigned char)join[n - 1]))
            n--;
        join[n] = '\0';
        if (n > 0 && join[n - 1] == '\\') {
            last = n - 1;
            continue;
        }
        last = 0;
        scan_logical(f, join, group);
    }
    if (last > 0) {
        join[last] = '\0';
        scan_logical(f, join, group);
    }
    free(join);
    *outlen = o;
    return out;
}

/* ---- iniparser, through a memfd ------------------------------------ */

struct ini_msg {
    int   line;
    char *text;
};

/* iniparser's callback has no user pointer: the messages of the load in
 * progress. */
static struct ini_msg *cb_msgs;
static size_t cb_nmsgs;

static int ini_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static int
ini_error(const char *fmt, ...)
{
    va_list ap;
    char buf[2048], *p;
    struct ini_msg m = { 0, NULL };

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    /* "iniparser: syntax error in NAME (LINE):\n-> text"; our NAME is
     * /proc/self/fd/N, so the last '(' on the first line is the line's. */
    if ((p = strchr(buf, '\n')) != NULL)
        *p = '\0';
    if ((p = strrchr(buf, '(')) != NULL)
        m.line = atoi(p + 1);
    m.text = xstrdup(buf);
    cb_msgs = xreallocarray(cb_msgs, cb_nmsgs + 1, sizeof *cb_msgs);
    cb_msgs[cb_nmsgs++] = m;
    return 0;
}

static void
drop_msgs(void)
{
    for (size_t i = 0; i < cb_nmsgs; i++)
        free(cb_msgs[i].text);
    free(cb_msgs);
    cb_msgs = NULL;
    cb_nmsgs = 0;
}

/* Hands text[0..len) to iniparser as a file (4.1 reads only named files);
 * f->ini gets the result and cb_msgs its complaints. */
static int
ini_load(struct cfg_file *f, const char *text, size_t len)
{
    char path[64];
    int fd = memfd_create("juwei.ini", MFD_CLOEXEC);
    size_t done = 0;
    ssize_t w;

    if (fd < 0) {
        err(f, 0, _("cannot make a copy for iniparser: %s"), strerror(errno));
        return -1;
    }
    while (done < len) {
        if ((w = write(fd, text + done, len - done)) < 0 && errno != EINTR) {
            err(f, 0, _("cannot make a copy for iniparser: %s"),
                strerror(errno));
            close(fd);
            return -1;
        }
        done += w > 0 ? (size_t)w : 0;
    }
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    iniparser_set_error_callback(ini_error);
    f->ini = iniparser_load(path);
    iniparser_set_error_callback(NULL);
    close(fd);
    return 0;
}

/* Blanks the logical line that starts on `line`. */
static void
blank_group(const struct cfg_file *f, char *text, size_t len, int line)
{
    size_t at = 0;

    for (int n = 1; n <= f->nlines && at < len; n++) {
        size_t start = at;

        while (at < len && text[at] != '\n')
            at++;
        if (f->first[n] == line)
            memset(text + start, ' ', at - start);
        at++;
    }
}

static void
load_values(struct cfg_file *f, char *text, size_t len)
{
    bool refused = false;

    if (ini_load(f, text, len) < 0)
        return;
    for (size_t i = 0; i < cb_nmsgs; i++) {
        int line = cb_msgs[i].line;

        line = line > 0 && line <= f->nlines ? f->first[line] : 0;
        if (strstr(cb_msgs[i].text, "syntax error") != NULL)
            err(f, line, _("syntax error: expected [section], key = value "
                           "or a comment"));
        else
            err(f, line, "%s", cb_msgs[i].text);
        if (line > 0) {
            blank_group(f, text, len, line);
            refused = true;
        }
    }
    drop_msgs();
    if (f->ini == NULL && refused) {
        ini_load(f, text, len);
        drop_msgs();
    }
    if (f->ini == NULL)
        err(f, 0, _("iniparser could not read the file"));
}

/* ---- the syntax of values ----------------------------------------- */

/* Decimal numbers as the INI writes them, whatever LC_NUMERIC says. */
bool
config_scan_real(const char *s, double *out)
{
    double v = 0, scale = 1;
    bool neg = *s == '-', any = false;

    if (*s == '-' || *s == '+')
        s++;
    for (; *s >= '0' && *s <= '9'; s++, any = true)
        v = v * 10 + (*s - '0');
    if (*s == '.') {
        for (s++; *s >= '0' && *s <= '9'; s++, any = true) {
            scale /= 10;
            v += (*s - '0') * scale;
        }
    }
    if (!any || *s != '\0' || v > 1e15)
        return false;
    *out = neg ? -v : v;
    return true;
}

bool
config_scan_int(const char *s, long *out)
{
    double v;

    if (strchr(s, '.') != NULL || !config_scan_real(s, &v))
        return false;
    *out = (long)v;
    return true;
}

bool
config_scan_id(const char *id)
{
    size_t n = strlen(id);

    if (n == 0 || n > CONFIG_ID_MAX)
        return false;
    return strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

/* Splits a list at ',' and the Chinese commas '，' and '、'; items are
 * trimmed, empty ones kept so that they can be reported. */
char **
config_scan_list(const char *v, size_t *n)
{
    char **items = NULL, *copy = xstrdup(v), *p = copy, *start = copy;

    *n = 0;
    if (*text_trim(copy) == '\0') {
        free(copy);
        return NULL;
    }
    for (;;) {
        size_t sep = 0;

        if (*p == ',')
            sep = 1;
        else if (strncmp(p, "\xef\xbc\x8c", 3) == 0 ||   /* ， */
                 strncmp(p, "\xe3\x80\x81", 3) == 0)     /* 、 */
            sep = 3;
        if (sep > 0 || *p == '\0') {
            char end = *p;

            *p = '\0';
            items = xreallocarray(items, *n + 1, sizeof *items);
            items[(*n)++] = xstrdup(text_trim(start));
            if (end == '\0')
                break;
            p += sep;
            start = p;
        } else {
            p++;
        }
    }
    free(copy);
    return items;
}

void
config_scan_list_free(char **items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(items[i]);
    free(items);
}

char *
config_scan_tail(char *item)
{
    char *p = item, *gap = NULL, *cut = NULL, *tail = NULL;

    while (*p != '\0') {
        size_t w = *p == ' ' || *p == '\t' ? 1
                 : strncmp(p, "\xe3\x80\x80", 3) == 0 ? 3 : 0;   /* U+3000 */

        if (w > 0) {
            if (gap == NULL)
                gap = p;
            p += w;
            continue;
        }
        if (gap != NULL && gap != item) {
            cut = gap;
            tail = p;
        }
        gap = NULL;
        p++;
    }
    if (cut == NULL)
        return p;
    *cut = '\0';
    return tail;
}

/* dir + "/" + v for a relative v, with "." dropped and a leading ".."
 * taken off dir: dir is a real path (no symlinks), so its ".." is its
 * parent. A ".." after a name in v is kept, as that name may be a link. */
char *
config_scan_path(const char *dir, const char *v)
{
    char *d, *out, *slash;
    size_t n;
    bool named = false;

    if (v[0] == '/')
        return xstrdup(v);
    d = xstrdup(dir);
    out = xstrdup("");
    while (*v != '\0') {
        n = strcspn(v, "/");
        if ((n == 1 && v[0] == '.') || n == 0) {
            /* nothing */
        } else if (n == 2 && v[0] == '.' && v[1] == '.' && !named &&
                   (slash = strrchr(d, '/')) != NULL) {
            slash[slash == d] = '\0';    /* "/srv" → "/", not "" */
        } else {
            char *t = xasprintf("%s/%.*s", out, (int)n, v);

            free(out);
            out = t;
            named = true;
        }
        v += n + (v[n] == '/');
    }
    slash = xasprintf("%s%s", strcmp(d, "/") == 0 && *out != '\0' ? "" : d,
                      out);
    free(d);
    free(out);
    return slash;
}

/* The whole file, or NULL with the reason reported. */
static char *
read_file(struct cfg_file *f, size_t *len)
{
    struct stat st;
    char *buf = NULL;
    size_t n = 0;
    ssize_t r;
    int fd = open(f->path, O_RDONLY | O_CLOEXEC);

    if (fd < 0 || fstat(fd, &st) < 0) {
        err(f, 0, _("cannot read the file: %s"), strerror(errno));
        goto fail;
    }
    if (S_ISDIR(st.st_mode)) {
        err(f, 0, _("cannot read the file: %s"), strerror(EISDIR));
        goto fail;
    }
    buf = xmalloc(FILE_LIMIT + 1);
    while ((r = read(fd, buf + n, FILE_LIMIT + 1 - n)) != 0) {
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            err(f, 0, _("cannot read the file: %s"), strerror(errno));
            goto fail;
        }
        n += (size_t)r;
        if (n > FILE_LIMIT) {
            err(f, 0, _("the file is over %d MiB; not a juwei configuration"),
                FILE_LIMIT >> 20);
            goto fail;
        }
    }
    close(fd);
    *len = n;
    return buf;
fail:
    if (fd >= 0)
        close(fd);
    free(buf);
    return NULL;
}

int
config_scan_load(struct cfg_file *f, const char *path, struct diags *d)
{
    char *buf, *text;
    size_t len, tlen;

    memset(f, 0, sizeof *f);
    f->path = path;
    f->d = d;
    if ((buf = read_file(f, &len)) == NULL)
        return -1;
    text = scan(f, buf, len, &tlen);
    free(buf);
    load_values(f, text, tlen);
    free(text);
    return f->ini != NULL ? 0 : -1;
}

void
config_scan_free(struct cfg_file *f)
{
    for (size_t i = 0; i < f->nsecs; i++) {
        for (size_t j = 0; j < f->secs[i].nkeys; j++)
            free(f->secs[i].keys[j].name);
        free(f->secs[i].keys);
        free(f->secs[i].name);
    }
    free(f->secs);
    free(f->first);
    if (f->ini != NULL)
        iniparser_freedict(f->ini);
    memset(f, 0, sizeof *f);
}
