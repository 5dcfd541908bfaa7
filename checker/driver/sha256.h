/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* SHA-256 (FIPS 180-4), for the `inputs` of a summaries file: the hash of each
 * file the summaries were computed from, which readers check before they use
 * them (docs/summaries.md). */
#ifndef CGO_LIFETIME_SHA256_H
#define CGO_LIFETIME_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct cl_sha256 {
  uint32_t h[8];
  uint64_t len; /* bytes hashed so far */
  unsigned char block[64];
  size_t used; /* bytes in block */
} cl_sha256;

void cl_sha256_init(cl_sha256 *s);
void cl_sha256_update(cl_sha256 *s, const void *data, size_t n);
/* Writes the digest as 64 lower-case hex digits and a NUL into hex. */
void cl_sha256_hex(cl_sha256 *s, char hex[65]);

#endif
