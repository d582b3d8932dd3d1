/* fuzz.h — what the libFuzzer targets share. Each target defines
 * LLVMFuzzerTestOneInput(); built with clang -fsanitize=fuzzer by
 * `make fuzz`, or with replay.c and the sanitizers by gcc for `make check`,
 * which replays every input kept under tests/data/fuzz/TARGET/. A broken
 * invariant aborts, which both count as a crash. */
#ifndef JUWEI_FUZZ_H
#define JUWEI_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond) do { \
    if (!(cond)) { \
        fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, \
                __LINE__, #cond); \
        abort(); \
    } \
} while (0)

#endif
