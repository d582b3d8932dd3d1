/* ptytime.c — how long a program takes to draw its first screen in a
 * terminal, and how much memory it took to get there.
 *
 *   ptytime [-q QUIET_MS] [-c COLS] [-r ROWS] -- PROGRAM [ARG …]
 *
 * Starts PROGRAM in a new pseudo-terminal (TERM and LANG as given in the
 * environment) and reads what it writes. The screen is drawn when the
 * program has written something and then nothing for QUIET_MS (default
 * 300): it is waiting for a key. Prints one line:
 *
 *   ms=<start to the last byte before the quiet> bytes=<written>
 *   maxrss_kb=<peak resident set size> exited=<0|1>
 *
 * A program that writes nothing and exits (the empty process) is timed to
 * its exit. The program is then killed; its peak RSS is what the kernel
 * reports for it (wait4), so it covers exactly the way to the first
 * screen. The clock starts before fork(), as a shell's would. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdbool.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
    struct winsize ws = { .ws_row = 24, .ws_col = 80 };
    int quiet = 300, c, fd, status = 0;
    double start, last;
    long bytes = 0;
    bool exited = false;
    struct rusage ru;
    pid_t pid;

    while ((c = getopt(argc, argv, "+q:c:r:")) != -1) {
        switch (c) {
        case 'q': quiet = atoi(optarg); break;
        case 'c': ws.ws_col = (unsigned short)atoi(optarg); break;
        case 'r': ws.ws_row = (unsigned short)atoi(optarg); break;
        default:
            fprintf(stderr, "usage: ptytime [-q MS] [-c COLS] [-r ROWS] -- "
                    "PROGRAM [ARG …]\n");
            return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "ptytime: no program\n");
        return 2;
    }
    start = last = now_ms();
    pid = forkpty(&fd, NULL, NULL, &ws);
    if (pid < 0) {
        perror("ptytime: forkpty");
        return 1;
    }
    if (pid == 0) {
        execvp(argv[optind], argv + optind);
        _exit(127);
    }
    for (;;) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        char buf[65536];
        int r = poll(&p, 1, bytes > 0 ? quiet : 10000);
        ssize_t n;

        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;                  /* quiet: the screen is drawn */
        n = read(fd, buf, sizeof buf);
        if (n <= 0) {               /* EIO: the program has gone */
            exited = true;
            last = now_ms();
            break;
        }
        bytes += n;
        last = now_ms();
    }
    if (!exited)
        kill(pid, SIGKILL);
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("ptytime: wait4");
        return 1;
    }
    close(fd);
    if (exited && WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        fprintf(stderr, "ptytime: cannot run %s\n", argv[optind]);
        return 1;
    }
    printf("ms=%.3f bytes=%ld maxrss_kb=%ld exited=%d\n", last - start, bytes,
           ru.ru_maxrss, exited);
    return 0;
}
