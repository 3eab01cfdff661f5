#ifndef OTGW_CCRYPTO_SHIM_H
#define OTGW_CCRYPTO_SHIM_H

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

// One-shot SHA-256 of a buffer; digest must have room for 32 bytes.
static inline int gw_sha256(const void *data, size_t length, unsigned char *digest) {
    return SHA256((const unsigned char *)data, length, digest) != NULL;
}

// One-shot HMAC-SHA-256; digest must have room for 32 bytes.
static inline int gw_hmac_sha256(const void *key, int keyLength, const void *data, size_t length,
                                 unsigned char *digest) {
    unsigned int digestLength = 0;
    return HMAC(EVP_sha256(), key, keyLength, (const unsigned char *)data, length, digest, &digestLength) != NULL;
}

// Cryptographically secure random bytes; returns 1 on success.
static inline int gw_random_bytes(unsigned char *buffer, int length) {
    return RAND_bytes(buffer, length);
}

// Compares two buffers in time that does not depend on where they differ.
static inline int gw_constant_time_equal(const void *a, const void *b, size_t length) {
    return CRYPTO_memcmp(a, b, length) == 0;
}

#endif
