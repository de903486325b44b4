/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * fuzz-tcpmux: libFuzzer target for the TCPMUX request (RFC 1078,
 * src/tcpmux.c): tcpmux_parse_line, and tcpmux_accept with the lookup in
 * the registry behind it. The input is what the client sends.
 *
 * The registry is fixed (REGISTRY below): its mux entries are handed to
 * tcpmux_set once, as service.c hands over the TCPMUX and TCPMUXPLUS
 * services of a configuration. Per input:
 *  - tcpmux_parse_line on an exact-size copy: it accepts exactly the
 *    inputs of more than two bytes that end in CRLF, cuts at the CR and
 *    changes nothing else;
 *  - tcpmux_accept on one end of a socketpair, the input written to the
 *    other end (then shut, so an empty request reads as end of file). The
 *    daemon reads at most TCPMUX_LINE_MAX bytes at once, and so the
 *    reference does the same: the entry found must be the first in
 *    tcpmux_nth order whose name equals the line without regard to ASCII
 *    case; the reply must be nothing when one is found ("+Go" comes
 *    later, once the entry's checks passed), "-Service name not
 *    found\r\n" and a NUL byte when nothing matches, and nothing at all
 *    for a malformed line;
 *  - the same request with the case of every ASCII letter inverted finds
 *    the same entry (or none again).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "conf/conf.h"
#include "fuzz.h"
#include "svc.h"
#include "tcpmux.h"

#define MAX_INPUT 65536
#define FAIL(...) fuzz_fail("tcpmux", __VA_ARGS__)

static const char NOT_FOUND[] = "-Service name not found\r\n";	/* + NUL */

#define LONG_NAME \
	"a-name-of-one-hundred-and-twenty-eight-bytes-to-see-how-long-" \
	"names-fare-in-the-lookup-and-when-the-line-is-cut-at-256-bytes-----"

static const struct {
	const char *name;
	unsigned type;		/* 0: not a mux service */
} REGISTRY[] = {
	{ "muxsvc", SVC_T_TCPMUX | SVC_T_UNLISTED },
	{ "MuxPlus", SVC_T_TCPMUXPLUS | SVC_T_UNLISTED },
	{ "plain", 0 },
	{ "a", SVC_T_TCPMUX },
	{ "Dup", SVC_T_TCPMUX },
	{ "DUP", SVC_T_TCPMUXPLUS },	/* never found: "Dup" comes first */
	{ "with-dash_and.dot", SVC_T_TCPMUXPLUS },
	{ "x\xc3\xa9y", SVC_T_TCPMUX },	/* not ASCII: exact bytes only */
	{ LONG_NAME, SVC_T_TCPMUX },
	{ LONG_NAME LONG_NAME, SVC_T_TCPMUXPLUS },	/* longer than a read */
};
#define NREG (sizeof(REGISTRY) / sizeof(REGISTRY[0]))

static size_t nmux;

/*
 * The table as service.c hands it over: the mux entries of REGISTRY, in
 * order (the others are not mux services and never reach it).
 */
static void setup(void)
{
	static struct service svcs[NREG];
	static struct service *table[NREG];
	static bool done;

	if (done)
		return;
	done = true;
	for (size_t i = 0; i < NREG; i++) {
		struct svc_conf *sc;

		if (REGISTRY[i].type == 0)
			continue;
		sc = xmalloc(sizeof(*sc));
		svc_conf_init(sc);
		sc->name = xstrdup(REGISTRY[i].name);
		sc->id = xstrdup(REGISTRY[i].name);
		sc->type = REGISTRY[i].type;
		svcs[nmux].conf = sc;
		table[nmux] = &svcs[nmux];
		nmux++;
	}
	tcpmux_set(table, nmux);
	if (tcpmux_nth(nmux) != NULL)
		FAIL("tcpmux_nth(%zu) is past the end", nmux);
}

static void check_parse_line(const uint8_t *data, size_t size)
{
	char *buf = fuzz_alloc(size);
	const char *r;
	bool good = size > 2 && data[size - 2] == '\r' &&
	    data[size - 1] == '\n';

	if (size > 0)
		memcpy(buf, data, size);
	r = tcpmux_parse_line(buf, size);
	if (good != (r != NULL) || (r != NULL && r != buf))
		FAIL("tcpmux_parse_line(%zu bytes) gave %p", size,
		    (const void *)r);
	for (size_t i = 0; i < size; i++) {
		char want = good && i == size - 2 ? '\0' : (char)data[i];
		if (buf[i] != want)
			FAIL("tcpmux_parse_line changed byte %zu", i);
	}
	free(buf);
}

static bool ascii_ci_equal(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = (unsigned char)*a, cb = (unsigned char)*b;
		if (ca >= 'A' && ca <= 'Z')
			ca += 'a' - 'A';
		if (cb >= 'A' && cb <= 'Z')
			cb += 'a' - 'A';
		if (ca != cb)
			return false;
		if (ca == '\0')
			return true;
	}
}

/* The entry the daemon must pick for the request, and if the line is good. */
static const struct service *expected(const uint8_t *data, size_t size,
    bool *good)
{
	size_t n = size < TCPMUX_LINE_MAX ? size : TCPMUX_LINE_MAX;
	const struct service *hit = NULL;
	char *line;

	*good = n > 2 && data[n - 2] == '\r' && data[n - 1] == '\n';
	if (!*good)
		return NULL;
	line = fuzz_strndup(data, n - 2);
	for (size_t i = 0; i < nmux && hit == NULL; i++)
		if (ascii_ci_equal(tcpmux_nth(i)->conf->name, line))
			hit = tcpmux_nth(i);
	free(line);
	return hit;
}

/* tcpmux_accept on a socketpair; the reply read back into reply. */
static const struct service *accept_one(const uint8_t *data, size_t size,
    char *reply, size_t cap, ssize_t *rlen)
{
	const struct service *sc;
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		fuzz_die("socketpair");
	if (size > 0 && write(sv[0], data, size) != (ssize_t)size)
		fuzz_die("write");
	if (shutdown(sv[0], SHUT_WR) != 0)
		fuzz_die("shutdown");
	sc = tcpmux_accept(sv[1]);
	*rlen = recv(sv[0], reply, cap, MSG_DONTWAIT);
	if (*rlen < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
		fuzz_die("recv");
	if (*rlen < 0)
		*rlen = 0;
	close(sv[0]);
	close(sv[1]);
	return sc;
}

static void check_accept(const uint8_t *data, size_t size,
    const struct service *want, bool good, const char *what)
{
	char reply[64];
	ssize_t rlen;
	const struct service *sc = accept_one(data, size, reply,
	    sizeof(reply), &rlen);

	if (sc != want)
		FAIL("%s: tcpmux_accept found %s, expected %s", what,
		    sc ? sc->conf->name : "nothing",
		    want ? want->conf->name : "nothing");
	if (!good) {
		if (rlen != 0)
			FAIL("%s: a bad line got a %zd-byte reply", what, rlen);
	} else if (want == NULL) {
		if (rlen != (ssize_t)sizeof(NOT_FOUND) ||
		    memcmp(reply, NOT_FOUND, sizeof(NOT_FOUND)) != 0)
			FAIL("%s: not found, but the reply is %zd bytes", what,
			    rlen);
	} else if (rlen != 0) {
		FAIL("%s: %s found, but got a %zd-byte reply", what,
		    want->conf->name, rlen);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct service *want;
	uint8_t *flipped;
	bool good;

	if (size > MAX_INPUT)
		return 0;
	setup();
	check_parse_line(data, size);
	want = expected(data, size, &good);
	check_accept(data, size, want, good, "request");

	flipped = fuzz_alloc(size);
	for (size_t i = 0; i < size; i++) {
		uint8_t c = data[i];
		flipped[i] = isupper(c) ? (uint8_t)tolower(c) :
		    islower(c) ? (uint8_t)toupper(c) : c;
	}
	check_accept(flipped, size, want, good, "case-inverted request");
	free(flipped);
	return 0;
}
