/* sha256.h — SHA-256 (FIPS 180-4), for the audit log's hash chain.
 *
 * Written here rather than linked: none of juwei's libraries (SQLite,
 * libcrypt, ncurses, iniparser) exports a SHA-256, and adding OpenSSL or
 * nettle for one hash of a few hundred bytes per save is not worth a new
 * dependency on every committee's server. test_sha256 checks it against the
 * FIPS 180-4 example vectors. Not for secrets: no constant-time claims. */
#ifndef JUWEI_SHA256_H
#define JUWEI_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_BYTES 32
#define SHA256_HEX   65      /* 64 hex digits and a NUL */

struct sha256 {
    uint32_t      h[8];
    uint64_t      bytes;     /* message length so far */
    unsigned char buf[64];   /* a partial block */
    size_t        nbuf;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
/* Finishes the digest; c must be initialised again before reuse. */
void sha256_final(struct sha256 *c, unsigned char out[SHA256_BYTES]);

/* The digest of data as 64 lowercase hex digits and a NUL. */
void sha256_hex(const void *data, size_t len, char out[SHA256_HEX]);
void sha256_to_hex(const unsigned char d[SHA256_BYTES], char out[SHA256_HEX]);

#endif
