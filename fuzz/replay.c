/* replay.c — runs a fuzz target over the inputs kept for it, without
 * libFuzzer: `make check` builds it with gcc and the sanitizers, so every
 * crash `make fuzz` ever found (saved as tests/data/fuzz/TARGET/crash-…)
 * stays fixed. Usage: test_fuzz_TARGET [DIR …]; with no DIR, the dirs
 * compiled in as FUZZ_DIRS. Prints one line per input and the tally. */
#include <dirent.h>
#include <sanitizer/common_interface_defs.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

#ifndef FUZZ_DIRS
#error "FUZZ_DIRS must name the input directories"
#endif

static char current[1024];

/* Names the input that crashed, whichever way it crashed. */
static void
say_current(void)
{
    static const char head[] = "crashed on input: ";

    if (write(2, head, sizeof head - 1) < 0 ||
        write(2, current, strlen(current)) < 0 || write(2, "\n", 1) < 0)
        return;
}

static void
on_signal(int sig)
{
    say_current();
    signal(sig, SIG_DFL);
    raise(sig);
}

static int
by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
replay_dir(const char *dir, int *n)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t count = 0;

    if (d == NULL) {
        printf("FAIL %s: cannot open the directory\n", dir);
        return -1;
    }
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        names = realloc(names, (count + 1) * sizeof *names);
        names[count++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, count, sizeof *names, by_name);
    for (size_t i = 0; i < count; i++) {
        char path[1024];
        FILE *fp;
        unsigned char *buf;
        long len;

        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        free(names[i]);
        fp = fopen(path, "rb");
        if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (len = ftell(fp)) < 0) {
            printf("FAIL %s: unreadable\n", path);
            if (fp != NULL)
                fclose(fp);
            continue;
        }
        rewind(fp);
        buf = malloc((size_t)len + 1);
        if (fread(buf, 1, (size_t)len, fp) != (size_t)len) {
            printf("FAIL %s: short read\n", path);
            free(buf);
            fclose(fp);
            continue;
        }
        fclose(fp);
        snprintf(current, sizeof current, "%s", path);
        LLVMFuzzerTestOneInput(buf, (size_t)len);
        free(buf);
        (*n)++;
    }
    free(names);
    return 0;
}

int
main(int argc, char **argv)
{
    static const char *const dirs[] = { FUZZ_DIRS };
    int n = 0, failed = 0;

    __sanitizer_set_death_callback(say_current);
    signal(SIGABRT, on_signal);
    signal(SIGSEGV, on_signal);
    LLVMFuzzerInitialize(&argc, &argv);
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            failed += replay_dir(argv[i], &n) < 0;
    } else {
        for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
            failed += replay_dir(dirs[i], &n) < 0;
    }
    printf("ok   %d inputs replayed\n", n);
    printf("%d passed, %d failed\n", n, failed);
    return failed != 0;
}
