/* test_sha256.c — the FIPS 180-4 example vectors, the padding boundaries
 * (55/56/63/64/119/120 bytes, where the length field moves to a block of
 * its own), and that any split of the input into updates gives the same
 * digest. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "juwei/sha256.h"

static const char *
hex_of(const void *data, size_t len)
{
    static char out[SHA256_HEX];

    sha256_hex(data, len, out);
    return out;
}

/* FIPS 180-4 (and its examples document, csrc.nist.gov): one block, two
 * blocks; the 896-bit message and the million a's are NIST's further
 * SHA-256 test messages from FIPS 180-2. */
static void
test_fips_vectors(void)
{
    char *million = malloc(1000000);

    CHECK_STR(hex_of("abc", 3),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK_STR(hex_of("", 0),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK_STR(hex_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                     56),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK_STR(hex_of("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                     "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                     112),
              "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    memset(million, 'a', 1000000);
    CHECK_STR(hex_of(million, 1000000),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(million);
}

static void
test_padding_boundaries(void)
{
    static const struct {
        size_t n;
        const char *hex;
    } v[] = {
        { 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
        { 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
        { 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
        { 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
        { 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb" },
        { 120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c" },
    };
    char a[120];

    memset(a, 'a', sizeof a);
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        CHECK_STR(hex_of(a, v[i].n), v[i].hex);
    /* UTF-8 is bytes like any other. */
    CHECK_STR(hex_of("居委会", strlen("居委会")),
              "499d54dfc213e7ab5a9b7fc536b1ad4dbff6591b7a8d595d8010b739530578e8");
}

/* Feeding the same bytes in pieces of every size from 1 to 130 gives the
 * one-shot digest. */
static void
test_split_updates(void)
{
    unsigned char data[1000];
    char whole[SHA256_HEX], parts[SHA256_HEX];
    unsigned int seed = 7;

    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)rand_r(&seed);
    sha256_hex(data, sizeof data, whole);
    for (size_t step = 1; step <= 130; step++) {
        struct sha256 c;
        unsigned char d[SHA256_BYTES];

        sha256_init(&c);
        for (size_t off = 0; off < sizeof data; off += step)
            sha256_update(&c, data + off,
                          off + step <= sizeof data ? step : sizeof data - off);
        sha256_final(&c, d);
        sha256_to_hex(d, parts);
        CHECK_STR(parts, whole);
    }
    /* An empty update changes nothing. */
    {
        struct sha256 c;
        unsigned char d[SHA256_BYTES];

        sha256_init(&c);
        sha256_update(&c, "ab", 2);
        sha256_update(&c, "", 0);
        sha256_update(&c, "c", 1);
        sha256_final(&c, d);
        sha256_to_hex(d, parts);
        CHECK_STR(parts, hex_of("abc", 3));
    }
}

int
main(void)
{
    RUN(test_fips_vectors);
    RUN(test_padding_boundaries);
    RUN(test_split_updates);
    return CHECK_DONE();
}
