/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * pattern.h: the byte stream of the bulk transfers (loadgen -G/-U and
 * redirect-target): byte i of a transfer is pattern[i % PATTERN_LEN], a
 * fixed pseudo-random block, so both ends can check every byte with
 * memcmp at memory speed and a reordered, dropped or repeated chunk shows.
 */
#ifndef BENCH_PATTERN_H
#define BENCH_PATTERN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define PATTERN_LEN (256 * 1024)

static inline void pattern_fill(unsigned char *p)
{
	uint64_t x = 0x9e3779b97f4a7c15u;

	for (size_t i = 0; i < PATTERN_LEN; i++) {
		x = x * 6364136223846793005u + 1442695040888963407u;
		p[i] = (unsigned char)(x >> 56);
	}
}

/* Do buf[0..len) equal the stream's bytes from offset off on? */
static inline int pattern_check(const unsigned char *pat, uint64_t off,
    const unsigned char *buf, size_t len)
{
	while (len > 0) {
		size_t at = (size_t)(off % PATTERN_LEN);
		size_t n = PATTERN_LEN - at < len ? PATTERN_LEN - at : len;
		if (memcmp(pat + at, buf, n) != 0)
			return 0;
		buf += n;
		len -= n;
		off += n;
	}
	return 1;
}

#endif
