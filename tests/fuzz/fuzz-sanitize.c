/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * fuzz-sanitize: libFuzzer target for sanitize_copy (src/util.c), which
 * every peer-controlled text (reverse names, ident replies, ...) goes
 * through before it is logged.
 *
 * The input: 1 byte giving the destination's size (0-254; 255 means "the
 * whole text fits"), then the text (up to a NUL byte, as a C string). The
 * destination is an exact-size allocation, so ASan sees any write past it.
 *
 * Checked for any version of sanitize_copy:
 *  - size 0: nothing is written;
 *  - otherwise the result is NUL-terminated within the size, has no C0
 *    control byte and no DEL, and sanitising it again changes nothing.
 * Then its rules: no more bytes out than in (at most size - 1); printable
 * ASCII only cut, never changed; valid UTF-8 (no overlong form,
 * surrogate or value past U+10FFFF, no sequence cut at the end), no C1
 * control (U+0080-U+009F), no U+2028/U+2029, no bidi control (U+061C,
 * U+200E, U+200F, U+202A-U+202E, U+2066-U+2069).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util.h"

#define MAX_INPUT 65536
#define CANARY 0xa5
#define FAIL(...) fuzz_fail("sanitize", __VA_ARGS__)

/* ---- the rules ---------------------------------------------------------- */

/* One UTF-8 sequence at s (RFC 3629): its length, 0 if invalid. */
static size_t utf8_char(const unsigned char *s, unsigned long *cp)
{
	size_t n;
	unsigned long min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2, min = 0x80, *cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3, min = 0x800, *cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4, min = 0x10000, *cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)	/* also stops at the NUL */
			return 0;
		*cp = *cp << 6 | (s[i] & 0x3f);
	}
	if (*cp < min || *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return n;
}

static bool banned(unsigned long cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x061c ||
	    cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

/* Printable ASCII throughout: such a text is only cut, never changed. */
static bool plain(const char *src)
{
	for (const unsigned char *p = (const unsigned char *)src; *p; p++)
		if (*p < 0x20 || *p >= 0x7f)
			return false;
	return true;
}

static void rules(const char *dst, size_t len, const char *src)
{
	const unsigned char *p = (const unsigned char *)dst;
	size_t want = strlen(src) < len - 1 ? strlen(src) : len - 1;

	if (plain(src) && (strlen(dst) != want || memcmp(dst, src, want) != 0))
		FAIL("printable ASCII changed: %zu bytes out, expected %zu",
		    strlen(dst), want);
	if (strlen(dst) > want)
		FAIL("%zu bytes out of %zu in", strlen(dst), strlen(src));
	while (*p != '\0') {
		unsigned long cp;
		size_t n = utf8_char(p, &cp);

		if (n == 0)
			FAIL("invalid UTF-8 at byte %zu (0x%02x)",
			    (size_t)(p - (const unsigned char *)dst), *p);
		if (banned(cp))
			FAIL("U+%04lX at byte %zu", cp,
			    (size_t)(p - (const unsigned char *)dst));
		p += n;
	}
}

/* ---- any version --------------------------------------------------------- */

static void check(const char *dst, size_t len, const char *src)
{
	size_t n = strnlen(dst, len);
	char *again;

	if (n == len)
		FAIL("not NUL-terminated within %zu bytes", len);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)dst[i];
		if (c < 0x20 || c == 0x7f)
			FAIL("control byte 0x%02x at %zu", c, i);
	}
	again = fuzz_alloc(len);
	sanitize_copy(again, len, dst);
	if (strcmp(again, dst) != 0)
		FAIL("sanitising the result again changes it: \"%s\" -> "
		    "\"%s\"", dst, again);
	free(again);
	rules(dst, len, src);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len;
	char *src, *dst;

	if (size < 1 || size > MAX_INPUT)
		return 0;
	src = fuzz_strndup(data + 1, size - 1);
	len = data[0] == 0xff ? size : data[0];
	dst = fuzz_alloc(len);
	memset(dst, CANARY, len > 0 ? len : 1);
	sanitize_copy(dst, len, src);
	if (len == 0) {
		if ((unsigned char)dst[0] != CANARY)
			FAIL("size 0, but a byte was written");
	} else {
		check(dst, len, src);
	}
	fuzz_sink += strlen(src);
	free(dst);
	free(src);
	return 0;
}
