/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * fuzz-tcpmux: libFuzzer target for the TCPMUX request (RFC 1078,
 * src/tcpmux.c): tcpmux_parse_line, and tcpmux_accept with the lookup in
 * the registry behind it. The input is what the client sends.
 *
 * The registry is fixed (REGISTRY below) and built once through
 * tcpmux_take from a hand-made conf_set, which also holds a non-mux service
 * (that tcpmux_take must leave) and an empty slot (as the daemon's sets
 * have after a reload). Per input:
 *  - tcpmux_parse_line on an exact-size copy: it accepts exactly the
 *    inputs of more than two bytes that end in CRLF, cuts at the CR and
 *    changes nothing else;
 *  - tcpmux_accept on one end of a socketpair, the input written to the
 *    other end (then shut, so an empty request reads as end of file). The
 *    daemon reads at most TCPMUX_LINE_MAX bytes at once, and so the
 *    reference does the same: the entry found must be the first in
 *    tcpmux_nth order whose name equals the line without regard to ASCII
 *    case; the reply must be "+Go\r\n" and a NUL byte for TCPMUXPLUS,
 *    nothing for TCPMUX,
 *    "-Service name not found\r\n" and a NUL byte when nothing matches,
 *    and nothing at all for a malformed line;
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
#include "tcpmux.h"

#define MAX_INPUT 65536
#define FAIL(...) fuzz_fail("tcpmux", __VA_ARGS__)

static const char NOT_FOUND[] = "-Service name not found\r\n";	/* + NUL */
static const char GO[] = "+Go\r\n";		/* + NUL, as xinetd's */

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

static void setup(void)
{
	static bool done;
	struct conf_set *cs;

	if (done)
		return;
	done = true;
	cs = xcalloc(1, sizeof(*cs));
	svc_conf_init(&cs->defaults);
	cs->nsvcs = NREG + 1;
	cs->svcs = xcalloc(cs->nsvcs, sizeof(*cs->svcs));
	for (size_t i = 0; i < NREG; i++) {
		struct svc_conf *sc = xmalloc(sizeof(*sc));

		svc_conf_init(sc);
		sc->name = xstrdup(REGISTRY[i].name);
		sc->id = xstrdup(REGISTRY[i].name);
		sc->type = REGISTRY[i].type;
		/* The empty slot goes in the middle. */
		cs->svcs[i < 3 ? i : i + 1] = sc;
		nmux += REGISTRY[i].type != 0;
	}
	tcpmux_take(cs);
	for (size_t i = 0, k = 0; i < NREG; i++) {
		const struct svc_conf *sc;

		if (REGISTRY[i].type == 0)
			continue;
		sc = tcpmux_nth(k++);
		if (sc == NULL || strcmp(sc->name, REGISTRY[i].name) != 0)
			FAIL("tcpmux_take: entry %zu is not %s", k - 1,
			    REGISTRY[i].name);
	}
	if (tcpmux_nth(nmux) != NULL)
		FAIL("tcpmux_take kept more than %zu entries", nmux);
	for (size_t i = 0; i < cs->nsvcs; i++) {
		struct svc_conf *sc = cs->svcs[i];

		if (sc != NULL && strcmp(sc->name, "plain") != 0)
			FAIL("tcpmux_take left %s in the set", sc->name);
		if (sc != NULL) {
			svc_conf_free(sc);
			free(sc);
		}
	}
	cs->nsvcs = 0;
	conf_free(cs);
	atexit(tcpmux_clear);
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
static const struct svc_conf *expected(const uint8_t *data, size_t size,
    bool *good)
{
	size_t n = size < TCPMUX_LINE_MAX ? size : TCPMUX_LINE_MAX;
	const struct svc_conf *hit = NULL;
	char *line;

	*good = n > 2 && data[n - 2] == '\r' && data[n - 1] == '\n';
	if (!*good)
		return NULL;
	line = fuzz_strndup(data, n - 2);
	for (size_t i = 0; i < nmux && hit == NULL; i++)
		if (ascii_ci_equal(tcpmux_nth(i)->name, line))
			hit = tcpmux_nth(i);
	free(line);
	return hit;
}

/* tcpmux_accept on a socketpair; the reply read back into reply. */
static const struct svc_conf *accept_one(const uint8_t *data, size_t size,
    char *reply, size_t cap, ssize_t *rlen)
{
	const struct svc_conf *sc;
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
    const struct svc_conf *want, bool good, const char *what)
{
	char reply[64];
	ssize_t rlen;
	const struct svc_conf *sc = accept_one(data, size, reply,
	    sizeof(reply), &rlen);

	if (sc != want)
		FAIL("%s: tcpmux_accept found %s, expected %s", what,
		    sc ? sc->name : "nothing", want ? want->name : "nothing");
	if (!good) {
		if (rlen != 0)
			FAIL("%s: a bad line got a %zd-byte reply", what, rlen);
	} else if (want == NULL) {
		if (rlen != (ssize_t)sizeof(NOT_FOUND) ||
		    memcmp(reply, NOT_FOUND, sizeof(NOT_FOUND)) != 0)
			FAIL("%s: not found, but the reply is %zd bytes", what,
			    rlen);
	} else if (want->type & SVC_T_TCPMUXPLUS) {
		if (rlen != (ssize_t)sizeof(GO) ||
		    memcmp(reply, GO, sizeof(GO)) != 0)
			FAIL("%s: TCPMUXPLUS %s, but the reply is %zd bytes",
			    what, want->name, rlen);
	} else if (rlen != 0) {
		FAIL("%s: TCPMUX %s got a %zd-byte reply", what, want->name,
		    rlen);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct svc_conf *want;
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
