/* check.h — the unit tests' whole framework. Each test file defines
 * test functions and lists them in main() with RUN(); a failed CHECK
 * prints file:line and the values, and the test goes on to its next check.
 * The last line is "N passed, N failed", which tests/run.sh adds up. */
#ifndef JUWEI_CHECK_H
#define JUWEI_CHECK_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int check_failed_here;
static int check_passed, check_failed;
static const char *check_current;

#define CHECK(cond) do { \
    if (!(cond)) { \
        printf("  %s:%d: %s: CHECK(%s) failed\n", __FILE__, __LINE__, \
               check_current, #cond); \
        check_failed_here = 1; \
    } \
} while (0)

#define CHECK_INT(a, b) do { \
    long long check_a_ = (long long)(a), check_b_ = (long long)(b); \
    if (check_a_ != check_b_) { \
        printf("  %s:%d: %s: %s == %lld, expected %s == %lld\n", __FILE__, \
               __LINE__, check_current, #a, check_a_, #b, check_b_); \
        check_failed_here = 1; \
    } \
} while (0)

#define CHECK_STR(a, b) do { \
    const char *check_a_ = (a), *check_b_ = (b); \
    if (check_a_ == NULL || check_b_ == NULL || strcmp(check_a_, check_b_) != 0) { \
        printf("  %s:%d: %s: %s == \"%s\", expected \"%s\"\n", __FILE__, \
               __LINE__, check_current, #a, check_a_ ? check_a_ : "(null)", \
               check_b_ ? check_b_ : "(null)"); \
        check_failed_here = 1; \
    } \
} while (0)

/* Substring check, for messages that carry a translated prefix. */
#define CHECK_CONTAINS(hay, needle) do { \
    const char *check_h_ = (hay), *check_n_ = (needle); \
    if (check_h_ == NULL || strstr(check_h_, check_n_) == NULL) { \
        printf("  %s:%d: %s: %s == \"%s\", expected to contain \"%s\"\n", \
               __FILE__, __LINE__, check_current, #hay, \
               check_h_ ? check_h_ : "(null)", check_n_); \
        check_failed_here = 1; \
    } \
} while (0)

#define RUN(fn) do { \
    check_current = #fn; \
    check_failed_here = 0; \
    fn(); \
    if (check_failed_here) { \
        check_failed++; \
        printf("FAIL %s\n", #fn); \
    } else { \
        check_passed++; \
        printf("ok   %s\n", #fn); \
    } \
} while (0)

#define CHECK_DONE() \
    (printf("%d passed, %d failed\n", check_passed, check_failed), \
     check_failed != 0)

#endif
