/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * fuzz-ident: libFuzzer target for the RFC 1413 reply parser
 * (ident_parse_reply, src/ident.c), which reads what the client's identd
 * sends back.
 *
 * The input: 2 bytes of peer port and 2 of local port (big-endian: the
 * ports xinetd asked about), 1 byte giving the output buffer's size (the
 * byte + 1), then the reply. As ident_lookup does, the reply is cut to
 * 1024 bytes and NUL-terminated; the buffers are exact-size allocations,
 * so ASan sees every byte read or written past them.
 *
 * Checked:
 *  - only IDENT_OK or IDENT_BAD_RESPONSE comes back, and OK exactly when
 *    a reference parser (below) accepts the reply for these two ports;
 *  - the reply is cut at its first CR or LF and otherwise left alone;
 *  - on OK, out is NUL-terminated within its size, holds no control
 *    byte (< 0x20, 0x7f), and is what sanitize_copy makes of the text
 *    after "USERID :" (whatever sanitize_copy's rules are);
 *  - on BAD_RESPONSE, out is not touched.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ident.h"
#include "util.h"

#define REPLY_MAX 1024		/* ident.c's IDENT_REPLY_MAX */
#define HEADER 5
#define CANARY 0xa5
#define FAIL(...) fuzz_fail("ident", __VA_ARGS__)

/*
 * One port field as ident.c reads it today (sscanf "%u"): blanks, an
 * optional sign, at least one digit; the value is strtoul's, cut to
 * unsigned int, so a sign and numbers that wrap modulo 2^32 are taken.
 * RFC 1413 allows only 1 to 5 digits. Tighten here (and in README) when
 * ident.c is: the caller compares the result with the port asked about.
 */
static bool port_field(const char **pp, unsigned *port)
{
	const char *p = *pp, *q;
	char *end;

	while (isspace((unsigned char)*p))
		p++;
	q = p;
	if (*q == '+' || *q == '-')
		q++;
	if (!isdigit((unsigned char)*q))
		return false;
	errno = 0;
	*port = (unsigned)strtoul(p, &end, 10);
	*pp = end;
	return true;
}

static const char *skip(const char *p, const char *blanks)
{
	while (*p != '\0' && strchr(blanks, *p) != NULL)
		p++;
	return p;
}

/*
 * "<pport> , <lport> : USERID : <rest>": blanks (isspace) around the
 * ports, comma and first colon, only space and TAB around the second;
 * USERID in any case. Returns <rest> or NULL. s is cut at CR/LF already.
 */
static const char *ref_parse(const char *s, unsigned pport, unsigned lport)
{
	static const char ws[] = " \t\n\v\f\r";
	const char *p = s;
	unsigned rp, rl;

	if (!port_field(&p, &rp))
		return NULL;
	p = skip(p, ws);
	if (*p++ != ',')
		return NULL;
	if (!port_field(&p, &rl))
		return NULL;
	p = skip(p, ws);
	if (*p++ != ':' || rp != pport || rl != lport)
		return NULL;
	p = skip(p, ws);
	for (const char *k = "USERID"; *k != '\0'; k++, p++)
		if (toupper((unsigned char)*p) != *k)
			return NULL;
	p = skip(p, " \t");
	if (*p++ != ':')
		return NULL;
	return skip(p, " \t");
}

static void check_out(const char *out, size_t len, const char *rest)
{
	char *want = fuzz_alloc(len);
	size_t n = strnlen(out, len);

	if (n == len)
		FAIL("out is not NUL-terminated in %zu bytes", len);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)out[i];
		if (c < 0x20 || c == 0x7f)
			FAIL("out has the control byte 0x%02x at %zu", c, i);
	}
	sanitize_copy(want, len, rest);
	if (strcmp(want, out) != 0)
		FAIL("out is \"%s\", sanitize_copy of the reply's text is "
		    "\"%s\"", out, want);
	free(want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned pport, lport;
	size_t len, rlen, cut;
	char *reply, *orig, *out;
	const char *rest;
	enum ident_result r;

	if (size < HEADER)
		return 0;
	pport = (unsigned)data[0] << 8 | data[1];
	lport = (unsigned)data[2] << 8 | data[3];
	len = (size_t)data[4] + 1;
	rlen = size - HEADER < REPLY_MAX ? size - HEADER : REPLY_MAX;
	reply = fuzz_strndup(data + HEADER, rlen);
	orig = fuzz_strndup(data + HEADER, rlen);
	out = fuzz_alloc(len);
	memset(out, CANARY, len);

	r = ident_parse_reply(reply, pport, lport, out, len);
	cut = strcspn(orig, "\r\n");
	orig[cut] = '\0';
	if (strcmp(reply, orig) != 0 || (cut < rlen &&
	    memcmp(reply + cut + 1, orig + cut + 1, rlen - cut) != 0))
		FAIL("the reply was changed beyond the cut at %zu", cut);
	rest = ref_parse(orig, pport, lport);
	if (r != IDENT_OK && r != IDENT_BAD_RESPONSE)
		FAIL("ident_parse_reply returned %d", (int)r);
	if ((r == IDENT_OK) != (rest != NULL))
		FAIL("ident_parse_reply says %s for ports %u,%u, the "
		    "reference %s", ident_reason(r), pport, lport,
		    rest ? "accepts" : "refuses");
	if (r == IDENT_OK) {
		check_out(out, len, rest);
	} else {
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)out[i] != CANARY)
				FAIL("out changed on %s", ident_reason(r));
	}
	free(out);
	free(orig);
	free(reply);
	return 0;
}
