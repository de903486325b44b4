/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * test-addrmatch.c: only_from / no_access parsing and matching
 * (reference section 4.8 and test matrix lines 48-52).
 *
 * Peers are built here as sockaddr_in, sockaddr_in6 and v4-mapped
 * sockaddr_in6. Nothing depends on DNS: "localhost" comes from /etc/hosts
 * and the reverse-name tests skip when it cannot be resolved.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "addrmatch.h"

/* ---- helpers ------------------------------------------------------------ */

struct peer {
	union {
		struct sockaddr sa;
		struct sockaddr_in in;
		struct sockaddr_in6 in6;
		struct sockaddr_un un;
		struct sockaddr_storage ss;
	} u;
};

/* "1.2.3.4" gives a native AF_INET peer, anything with ':' an AF_INET6 one. */
static const struct sockaddr *mkpeer(struct peer *p, const char *addr)
{
	memset(p, 0, sizeof(*p));
	if (strchr(addr, ':') != NULL) {
		p->u.in6.sin6_family = AF_INET6;
		p->u.in6.sin6_port = htons(4321);
		assert_int_equal(inet_pton(AF_INET6, addr,
		    &p->u.in6.sin6_addr), 1);
	} else {
		p->u.in.sin_family = AF_INET;
		p->u.in.sin_port = htons(4321);
		assert_int_equal(inet_pton(AF_INET, addr, &p->u.in.sin_addr),
		    1);
	}
	return &p->u.sa;
}

static bool matches(const struct addrlist *l, const char *addr)
{
	struct peer p;

	return addrlist_match(l, mkpeer(&p, addr), NULL);
}

static void add_ok(struct addrlist *l, const char *tok)
{
	char err[256] = "untouched";

	assert_int_equal(addrlist_add(l, tok, err, sizeof(err)), ADDR_OK);
}

/* Adds tok, expects result r and message msg, and an unchanged list. */
static void add_fails(struct addrlist *l, const char *tok,
    enum addr_parse r, const char *msg)
{
	char err[256] = "";
	size_t before = l->n;

	assert_int_equal(addrlist_add(l, tok, err, sizeof(err)), r);
	assert_string_equal(err, msg);
	assert_int_equal(l->n, before);
}

static void assert_net4(const struct addr_entry *e, const char *addr,
    const char *mask)
{
	char a[INET_ADDRSTRLEN], m[INET_ADDRSTRLEN];

	assert_int_equal(e->kind, ADDR_NET4);
	assert_non_null(inet_ntop(AF_INET, &e->a4, a, sizeof(a)));
	assert_non_null(inet_ntop(AF_INET, &e->m4, m, sizeof(m)));
	assert_string_equal(a, addr);
	assert_string_equal(m, mask);
}

static void assert_net6(const struct addr_entry *e, const char *addr,
    unsigned prefix)
{
	char a[INET6_ADDRSTRLEN];

	assert_int_equal(e->kind, ADDR_NET6);
	assert_non_null(inet_ntop(AF_INET6, &e->a6, a, sizeof(a)));
	assert_string_equal(a, addr);
	assert_int_equal(e->prefix6, prefix);
}

static bool localhost_resolves(void)
{
	struct addrinfo hints, *res = NULL;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo("localhost", NULL, &hints, &res) != 0)
		return false;
	freeaddrinfo(res);
	return true;
}

/* ---- IPv4 dotted and the trailing-zero wildcard ------------------------- */

static void test_ipv4_exact(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "10.1.2.3");
	assert_int_equal(l.n, 1);
	assert_net4(&l.v[0], "10.1.2.3", "255.255.255.255");
	assert_string_equal(l.v[0].text, "10.1.2.3");
	assert_null(l.v[0].name);
	assert_true(matches(&l, "10.1.2.3"));
	assert_false(matches(&l, "10.1.2.4"));
	assert_false(matches(&l, "11.1.2.3"));
	addrlist_free(&l);
}

static void test_ipv4_zero_wildcard_24(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "10.1.2.0");
	assert_net4(&l.v[0], "10.1.2.0", "255.255.255.0");
	assert_true(matches(&l, "10.1.2.0"));
	assert_true(matches(&l, "10.1.2.77"));
	assert_false(matches(&l, "10.1.3.77"));
	addrlist_free(&l);
}

static void test_ipv4_zero_wildcard_16(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "192.168.0.0");
	assert_net4(&l.v[0], "192.168.0.0", "255.255.0.0");
	assert_true(matches(&l, "192.168.200.1"));
	assert_false(matches(&l, "192.169.0.1"));
	addrlist_free(&l);
}

/* Matrix line 48: only_from = 127.0.0.0 lets 127.0.0.1 in, not ::1. */
static void test_ipv4_zero_wildcard_8(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "127.0.0.0");
	assert_net4(&l.v[0], "127.0.0.0", "255.0.0.0");
	assert_true(matches(&l, "127.0.0.1"));
	assert_true(matches(&l, "127.254.3.9"));
	assert_true(matches(&l, "::ffff:127.0.0.1"));
	assert_false(matches(&l, "128.0.0.1"));
	assert_false(matches(&l, "::1"));
	addrlist_free(&l);
}

/* Only trailing zeros are wildcards; inner zeros are literal. */
static void test_ipv4_inner_zero_literal(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "10.0.0.1");
	add_ok(&l, "10.0.5.0");
	assert_net4(&l.v[0], "10.0.0.1", "255.255.255.255");
	assert_net4(&l.v[1], "10.0.5.0", "255.255.255.0");
	assert_false(matches(&l, "10.9.0.1"));
	assert_false(matches(&l, "10.1.5.1"));
	assert_true(matches(&l, "10.0.5.1"));
	addrlist_free(&l);
}

static void test_ipv4_all_zero(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "0.0.0.0");
	assert_net4(&l.v[0], "0.0.0.0", "0.0.0.0");
	assert_true(matches(&l, "1.2.3.4"));
	assert_true(matches(&l, "255.255.255.255"));
	assert_true(matches(&l, "::ffff:8.8.8.8"));
	assert_false(matches(&l, "::1"));
	assert_false(matches(&l, "2001:db8::1"));
	assert_false(matches(&l, "::"));
	addrlist_free(&l);
}

static void test_ipv4_short_form(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "127.1");
	assert_net4(&l.v[0], "127.0.0.1", "255.255.255.255");
	assert_true(matches(&l, "127.0.0.1"));
	assert_false(matches(&l, "127.0.0.2"));
	addrlist_free(&l);
}

static void test_ipv4_matches_v4mapped_only(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "127.0.0.1");
	assert_true(matches(&l, "::ffff:127.0.0.1"));
	assert_false(matches(&l, "::ffff:127.0.0.2"));
	/* v4-compatible and NAT64 forms are not v4-mapped */
	assert_false(matches(&l, "::127.0.0.1"));
	assert_false(matches(&l, "64:ff9b::127.0.0.1"));
	assert_false(matches(&l, "::1"));
	addrlist_free(&l);
}

/* ---- addr/bits ------------------------------------------------------------ */

static void test_ipv4_cidr(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "127.0.0.0/8");
	assert_net4(&l.v[0], "127.0.0.0", "255.0.0.0");
	assert_true(matches(&l, "127.255.0.1"));
	assert_true(matches(&l, "::ffff:127.9.9.9"));
	assert_false(matches(&l, "126.255.255.255"));
	assert_false(matches(&l, "::1"));
	addrlist_free(&l);
}

static void test_ipv4_cidr_normalised_and_odd(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "10.1.2.3/8");
	add_ok(&l, "192.168.1.128/25");
	assert_net4(&l.v[0], "10.0.0.0", "255.0.0.0");
	assert_string_equal(l.v[0].text, "10.1.2.3/8");
	assert_net4(&l.v[1], "192.168.1.128", "255.255.255.128");
	assert_true(matches(&l, "10.200.0.1"));
	assert_true(matches(&l, "192.168.1.200"));
	assert_false(matches(&l, "192.168.1.127"));
	addrlist_free(&l);
}

/* /32 is exact even for an address ending in zeros (no wildcard rule). */
static void test_ipv4_cidr_32(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "10.0.0.0/32");
	assert_net4(&l.v[0], "10.0.0.0", "255.255.255.255");
	assert_true(matches(&l, "10.0.0.0"));
	assert_false(matches(&l, "10.0.0.1"));
	addrlist_free(&l);
}

static void test_ipv4_cidr_0(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "1.2.3.4/0");
	assert_net4(&l.v[0], "0.0.0.0", "0.0.0.0");
	assert_true(matches(&l, "200.1.1.1"));
	assert_true(matches(&l, "::ffff:200.1.1.1"));
	assert_false(matches(&l, "2001:db8::1"));
	addrlist_free(&l);
}

static void test_cidr_bad_prefix(void **state)
{
	static const char *const bad[] = {
		"10.0.0.0/33", "10.0.0.0/", "10.0.0.0/8x", "10.0.0.0/-1",
		"10.0.0.0/+8", "/8", "::/129", "10.0.0.0/8/8",
		"10.0.0.0/99999999999999999999", "foo/8",
	};
	struct addrlist l = { 0 };
	char msg[256];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(msg, sizeof(msg), "failed to parse %s", bad[i]);
		add_fails(&l, bad[i], ADDR_DROPPED, msg);
	}
	assert_int_equal(l.n, 0);
	addrlist_free(&l);
}

/* ---- factorized ------------------------------------------------------------ */

/* Matrix line 49: 127.0.0.{1,2} lets IPv4 in, not ::1. */
static void test_factorized_last_octet(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "127.0.0.{1,2}");
	assert_int_equal(l.n, 2);
	assert_net4(&l.v[0], "127.0.0.1", "255.255.255.255");
	assert_net4(&l.v[1], "127.0.0.2", "255.255.255.255");
	assert_string_equal(l.v[0].text, "127.0.0.{1,2}");
	assert_string_equal(l.v[1].text, "127.0.0.{1,2}");
	assert_true(matches(&l, "127.0.0.1"));
	assert_true(matches(&l, "::ffff:127.0.0.2"));
	assert_false(matches(&l, "127.0.0.3"));
	assert_false(matches(&l, "::1"));
	addrlist_free(&l);
}

static void test_factorized_mask_at_braces(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "128.138.{200,201}");
	assert_int_equal(l.n, 2);
	assert_net4(&l.v[0], "128.138.200.0", "255.255.255.0");
	assert_net4(&l.v[1], "128.138.201.0", "255.255.255.0");
	assert_true(matches(&l, "128.138.200.5"));
	assert_true(matches(&l, "128.138.201.250"));
	assert_false(matches(&l, "128.138.202.1"));
	assert_false(matches(&l, "128.139.200.1"));
	addrlist_free(&l);
}

static void test_factorized_short_prefixes(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "{10}");
	add_ok(&l, "172.{16,0,31}");
	assert_int_equal(l.n, 4);
	assert_net4(&l.v[0], "10.0.0.0", "255.0.0.0");
	assert_net4(&l.v[1], "172.16.0.0", "255.255.0.0");
	assert_net4(&l.v[2], "172.0.0.0", "255.255.0.0");
	assert_net4(&l.v[3], "172.31.0.0", "255.255.0.0");
	assert_true(matches(&l, "10.9.8.7"));
	assert_true(matches(&l, "172.31.1.1"));
	assert_false(matches(&l, "172.17.1.1"));
	addrlist_free(&l);
}

/*
 * Factorized syntax errors disable the service (as in xinetd, where the
 * failing addrlist_add makes the attribute fail) and add nothing.
 */
static void test_factorized_consecutive_commas(void **state)
{
	static const char *const bad[] = {
		"10.0.{1,,2}", "10.0.{}", "10.0.{,1}", "10.0.{1,}",
	};
	struct addrlist l = { 0 };
	char msg[256];

	(void)state;
	add_ok(&l, "10.9.9.9");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(msg, sizeof(msg),
		    "Bad address: %s. Consecutive commas", bad[i]);
		add_fails(&l, bad[i], ADDR_FATAL, msg);
	}
	assert_int_equal(l.n, 1);
	addrlist_free(&l);
}

static void test_factorized_consecutive_dots(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_fails(&l, "10..{1}", ADDR_FATAL,
	    "Bad address: 10..{1}. Consecutive dots");
	add_fails(&l, ".10.{1}", ADDR_FATAL,
	    "Bad address: .10.{1}. Consecutive dots");
	addrlist_free(&l);
}

static void test_factorized_bad_address(void **state)
{
	static const char *const bad[] = {
		"10.{1,2}.0",	/* nothing may follow the brace */
		"10.{1,2",	/* unterminated */
		"10.{1,a}",	/* not a number */
		"10.{1,{2}}",	/* nested */
		"10.{256}",	/* value out of range */
		"10.{1,2,99999999999}",
		"300.{1}",	/* prefix octet out of range */
		"1.2.3.4.{5}",	/* no room left for the braces */
		"10.1{2,3}",	/* digits glued to the brace */
	};
	struct addrlist l = { 0 };
	char msg[256];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(msg, sizeof(msg), "Bad address: %s", bad[i]);
		add_fails(&l, bad[i], ADDR_FATAL, msg);
	}
	assert_int_equal(l.n, 0);
	addrlist_free(&l);
}

/* Not digits and dots before the brace: not factorized at all. */
static void test_factorized_not_numeric_prefix(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_fails(&l, "abc.{1,2}", ADDR_DROPPED, "failed to parse abc.{1,2}");
	add_fails(&l, "::{1,2}", ADDR_DROPPED, "failed to parse ::{1,2}");
	addrlist_free(&l);
}

/* ---- errors that are not factorized -------------------------------------- */

static void test_comma_is_fatal(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "10.0.0.3");
	add_fails(&l, "10.0.0.1,10.0.0.2", ADDR_FATAL,
	    "Address: 10.0.0.1,10.0.0.2 has a comma in it - remove the comma");
	add_fails(&l, "localhost,", ADDR_FATAL,
	    "Address: localhost, has a comma in it - remove the comma");
	assert_int_equal(l.n, 1);
	addrlist_free(&l);
}

static void test_garbage_failed_to_parse(void **state)
{
	static const char *const bad[] = {
		"1.2.3.4.5", "256.1.1.1", "foo!bar", "::1::2", "[::1]",
		"1.2.3.4:80", ".", ".123", "-", "host name",
	};
	struct addrlist l = { 0 };
	char msg[256];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(msg, sizeof(msg), "failed to parse %s", bad[i]);
		add_fails(&l, bad[i], ADDR_DROPPED, msg);
	}
	assert_int_equal(l.n, 0);
	addrlist_free(&l);
}

/* The error text must fit whatever buffer the caller gives, even none. */
static void test_error_buffer_bounds(void **state)
{
	struct addrlist l = { 0 };
	char err[8];

	(void)state;
	memset(err, 'x', sizeof(err));
	assert_int_equal(addrlist_add(&l, "1.2.3.4.5", err, sizeof(err)),
	    ADDR_DROPPED);
	assert_string_equal(err, "failed ");
	assert_int_equal(addrlist_add(&l, "1,2", NULL, 0), ADDR_FATAL);
	assert_int_equal(l.n, 0);
	addrlist_free(&l);
}

static void test_empty_token(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "");
	assert_int_equal(l.n, 0);
	addrlist_free(&l);
}

/* ---- IPv6 ---------------------------------------------------------------- */

static void test_ipv6_exact(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "::1");
	assert_net6(&l.v[0], "::1", 128);
	assert_true(matches(&l, "::1"));
	assert_false(matches(&l, "::2"));
	assert_false(matches(&l, "127.0.0.1"));
	assert_false(matches(&l, "::ffff:127.0.0.1"));
	addrlist_free(&l);
}

/* No zero-wildcard rule for IPv6: "::" is only "::". */
static void test_ipv6_unspecified_exact(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "::");
	assert_net6(&l.v[0], "::", 128);
	assert_true(matches(&l, "::"));
	assert_false(matches(&l, "::1"));
	assert_false(matches(&l, "2001:db8::"));
	assert_false(matches(&l, "0.0.0.0"));
	addrlist_free(&l);
}

/* An IPv6 entry for a mapped address matches the mapped peer only. */
static void test_ipv6_mapped_literal(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "::ffff:127.0.0.1");
	assert_net6(&l.v[0], "::ffff:127.0.0.1", 128);
	assert_true(matches(&l, "::ffff:127.0.0.1"));
	assert_false(matches(&l, "127.0.0.1"));
	assert_false(matches(&l, "::ffff:127.0.0.2"));
	addrlist_free(&l);
}

static void test_ipv6_prefix(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "2001:db8::/32");
	assert_net6(&l.v[0], "2001:db8::", 32);
	assert_true(matches(&l, "2001:db8::1"));
	assert_true(matches(&l, "2001:db8:ffff:ffff::1"));
	assert_false(matches(&l, "2001:db9::1"));
	assert_false(matches(&l, "32.1.13.184"));	/* 2001:0db8 as IPv4 */
	addrlist_free(&l);
}

static void test_ipv6_prefix_not_byte_aligned(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "fe80::1/10");
	assert_net6(&l.v[0], "fe80::", 10);
	assert_true(matches(&l, "febf:ffff::1"));
	assert_false(matches(&l, "fec0::1"));
	assert_false(matches(&l, "fe7f::1"));
	addrlist_free(&l);
}

/* The reference never matched addr/128 (10.1 #18); here it is exact. */
static void test_ipv6_prefix_128(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "2001:db8::5/128");
	assert_net6(&l.v[0], "2001:db8::5", 128);
	assert_null(l.v[0].name);
	assert_true(matches(&l, "2001:db8::5"));
	assert_false(matches(&l, "2001:db8::6"));
	addrlist_free(&l);
}

static void test_ipv6_prefix_0(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "::/0");
	assert_net6(&l.v[0], "::", 0);
	assert_true(matches(&l, "::1"));
	assert_true(matches(&l, "2001:db8::1"));
	assert_true(matches(&l, "::ffff:1.2.3.4"));
	assert_false(matches(&l, "1.2.3.4"));	/* never a native IPv4 peer */
	addrlist_free(&l);
}

/* ---- names ---------------------------------------------------------------- */

static void test_host_name(void **state)
{
	struct addrlist l = { 0 };
	struct peer p;
	const struct sockaddr *lo;

	(void)state;
	if (!localhost_resolves())
		skip();
	add_ok(&l, "LocalHost");
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].kind, ADDR_HOST);
	assert_string_equal(l.v[0].name, "localhost");
	assert_string_equal(l.v[0].text, "LocalHost");
	lo = mkpeer(&p, "127.0.0.1");
	assert_true(addrlist_match(&l, lo, "localhost"));
	assert_true(addrlist_match(&l, lo, "LOCALHOST"));
	/* only the reverse name counts, never the forward addresses */
	assert_false(addrlist_match(&l, lo, NULL));
	assert_false(addrlist_match(&l, lo, "localhost.example.com"));
	assert_false(addrlist_match(&l, lo, "mylocalhost"));
	addrlist_free(&l);
}

static void test_domain_suffix(void **state)
{
	struct addrlist l = { 0 };
	struct peer p;
	const struct sockaddr *pa;

	(void)state;
	add_ok(&l, ".Example.COM");
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].kind, ADDR_DOMAIN);
	assert_string_equal(l.v[0].name, ".example.com");
	pa = mkpeer(&p, "192.0.2.1");
	assert_true(addrlist_match(&l, pa, "www.example.com"));
	assert_true(addrlist_match(&l, pa, "A.B.EXAMPLE.com"));
	assert_false(addrlist_match(&l, pa, "example.com"));
	assert_false(addrlist_match(&l, pa, "badexample.com"));
	assert_false(addrlist_match(&l, pa, "www.example.com.evil.net"));
	assert_false(addrlist_match(&l, pa, NULL));
	addrlist_free(&l);
}

/* The last resort: loopback from /etc/networks, with a usable /8. */
static void test_network_name(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	if (getnetbyname("loopback") == NULL)
		skip();
	add_ok(&l, "loopback");
	assert_int_equal(l.n, 1);
	if (l.v[0].kind == ADDR_HOST) {	/* some resolver knew the name */
		addrlist_free(&l);
		skip();
	}
	assert_net4(&l.v[0], "127.0.0.0", "255.0.0.0");
	assert_true(matches(&l, "127.0.0.1"));
	assert_false(matches(&l, "::1"));
	addrlist_free(&l);
}

static void test_needs_name(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	assert_false(addrlist_needs_name(&l));
	add_ok(&l, "10.0.0.1");
	add_ok(&l, "::/0");
	add_ok(&l, "10.{1,2}");
	assert_false(addrlist_needs_name(&l));
	add_ok(&l, ".example.com");
	assert_true(addrlist_needs_name(&l));
	addrlist_free(&l);
}

/* ---- -= ------------------------------------------------------------------- */

static void test_remove_exact(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "10.0.0.1");
	add_ok(&l, "10.0.0.2");
	add_ok(&l, "10.0.0.1");
	assert_int_equal(addrlist_remove(&l, "10.0.0.1"), 2);
	assert_int_equal(l.n, 1);
	assert_net4(&l.v[0], "10.0.0.2", "255.255.255.255");
	assert_int_equal(addrlist_remove(&l, "10.0.0.1"), 0);
	assert_int_equal(l.n, 1);
	addrlist_free(&l);
}

/* Equal means same address and mask, whatever form wrote it. */
static void test_remove_equivalent_forms(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "127.0.0.0");
	add_ok(&l, "2001:db8::/32");
	assert_int_equal(addrlist_remove(&l, "127.0.0.0/16"), 0);
	assert_int_equal(addrlist_remove(&l, "127.0.0.1"), 0);
	assert_int_equal(addrlist_remove(&l, "127.0.0.0/8"), 1);
	assert_int_equal(addrlist_remove(&l, "2001:db8::/33"), 0);
	assert_int_equal(addrlist_remove(&l, "2001:db8:0:1::/32"), 1);
	assert_int_equal(l.n, 0);
	addrlist_free(&l);
}

static void test_remove_factorized(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "127.0.0.{1,2,3}");
	assert_int_equal(addrlist_remove(&l, "127.0.0.{1,3}"), 2);
	assert_int_equal(l.n, 1);
	assert_net4(&l.v[0], "127.0.0.2", "255.255.255.255");
	addrlist_free(&l);
}

static void test_remove_names_and_kinds(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, ".example.com");
	add_ok(&l, "::ffff:127.0.0.1");
	add_ok(&l, "127.0.0.1");
	assert_int_equal(addrlist_remove(&l, ".example.org"), 0);
	assert_int_equal(addrlist_remove(&l, ".EXAMPLE.com"), 1);
	/* the IPv4 entry goes, the IPv6 one for the same host stays */
	assert_int_equal(addrlist_remove(&l, "127.0.0.1"), 1);
	assert_int_equal(l.n, 1);
	assert_net6(&l.v[0], "::ffff:127.0.0.1", 128);
	if (localhost_resolves()) {
		add_ok(&l, "localhost");
		assert_int_equal(addrlist_remove(&l, "LOCALHOST"), 1);
	}
	assert_int_equal(l.n, 1);
	addrlist_free(&l);
}

static void test_remove_bad_tokens(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "10.0.0.1");
	assert_int_equal(addrlist_remove(&l, "10.0.0.1,10.0.0.2"), 0);
	assert_int_equal(addrlist_remove(&l, "1.2.3.4.5"), 0);
	assert_int_equal(addrlist_remove(&l, "10.0.0.{1,,2}"), 0);
	assert_int_equal(addrlist_remove(&l, ""), 0);
	assert_int_equal(l.n, 1);
	addrlist_free(&l);
}

/* ---- copy / free ------------------------------------------------------------ */

static void test_copy_is_deep(void **state)
{
	struct addrlist src = { 0 }, dst = { 0 };

	(void)state;
	add_ok(&src, "10.0.0.1");
	add_ok(&src, ".example.com");
	add_ok(&dst, "192.0.2.1");	/* replaced, not appended to */
	addrlist_copy(&dst, &src);
	assert_int_equal(dst.n, 2);
	assert_ptr_not_equal(dst.v, src.v);
	assert_ptr_not_equal(dst.v[1].name, src.v[1].name);
	assert_ptr_not_equal(dst.v[0].text, src.v[0].text);
	assert_string_equal(dst.v[1].name, ".example.com");
	assert_string_equal(dst.v[0].text, "10.0.0.1");
	addrlist_free(&src);
	assert_true(matches(&dst, "10.0.0.1"));
	assert_false(matches(&dst, "192.0.2.1"));
	/* still growable after the copy */
	add_ok(&dst, "10.0.0.2");
	assert_true(matches(&dst, "10.0.0.2"));
	addrlist_copy(&dst, &dst);
	assert_int_equal(dst.n, 3);
	addrlist_free(&dst);
}

static void test_copy_empty_and_free_twice(void **state)
{
	struct addrlist src = { 0 }, dst = { 0 };

	(void)state;
	add_ok(&dst, "10.0.0.1");
	addrlist_copy(&dst, &src);
	assert_int_equal(dst.n, 0);
	assert_null(dst.v);
	addrlist_free(&dst);
	addrlist_free(&dst);
	assert_int_equal(dst.n, 0);
	assert_int_equal(dst.cap, 0);
	add_ok(&dst, "10.0.0.1");	/* reusable after free */
	assert_int_equal(dst.n, 1);
	addrlist_free(&dst);
}

/* ---- matching odds and ends ------------------------------------------------ */

static void test_match_first_of_many(void **state)
{
	struct addrlist l = { 0 };

	(void)state;
	add_ok(&l, "10.0.0.1");
	add_ok(&l, "::1");
	add_ok(&l, "192.168.{1,2}");
	assert_true(matches(&l, "::1"));
	assert_true(matches(&l, "192.168.2.9"));
	assert_false(matches(&l, "192.168.3.9"));
	addrlist_free(&l);
}

static void test_match_unusable_peer(void **state)
{
	struct addrlist l = { 0 };
	struct peer p;

	(void)state;
	add_ok(&l, "0.0.0.0");
	add_ok(&l, "::/0");
	assert_false(addrlist_match(&l, NULL, NULL));
	memset(&p, 0, sizeof(p));
	p.u.un.sun_family = AF_UNIX;
	assert_false(addrlist_match(&l, &p.u.sa, NULL));
	addrlist_free(&l);
}

/* ---- the verdict ---------------------------------------------------------- */

static void test_access_no_lists(void **state)
{
	struct peer p;

	(void)state;
	assert_int_equal(addr_access(NULL, NULL, mkpeer(&p, "192.0.2.1"),
	    NULL), ACCESS_ALLOW);
}

static void test_access_only_from(void **state)
{
	struct addrlist of = { 0 };
	struct peer p;

	(void)state;
	add_ok(&of, "127.0.0.0/8");
	assert_int_equal(addr_access(&of, NULL, mkpeer(&p, "127.0.0.1"),
	    NULL), ACCESS_ALLOW);
	assert_int_equal(addr_access(&of, NULL, mkpeer(&p, "::1"), NULL),
	    ACCESS_DENY);
	addrlist_free(&of);
}

/* A set but empty only_from (e.g. every name failed) refuses everybody. */
static void test_access_empty_only_from(void **state)
{
	struct addrlist of = { 0 }, na = { 0 };
	struct peer p;

	(void)state;
	assert_int_equal(addr_access(&of, NULL, mkpeer(&p, "127.0.0.1"),
	    NULL), ACCESS_DENY);
	assert_int_equal(addr_access(&of, &na, mkpeer(&p, "::1"),
	    "localhost"), ACCESS_DENY);
	/* and an empty no_access refuses nobody */
	assert_int_equal(addr_access(NULL, &na, mkpeer(&p, "::1"), NULL),
	    ACCESS_ALLOW);
}

static void test_access_no_access(void **state)
{
	struct addrlist na = { 0 };
	struct peer p;

	(void)state;
	add_ok(&na, "10.{1,2}");
	assert_int_equal(addr_access(NULL, &na, mkpeer(&p, "10.2.0.1"), NULL),
	    ACCESS_DENY);
	assert_int_equal(addr_access(NULL, &na, mkpeer(&p, "10.3.0.1"), NULL),
	    ACCESS_ALLOW);
	addrlist_free(&na);
}

/* Matrix line 52: no "more specific wins". */
static void test_access_both_match(void **state)
{
	struct addrlist of = { 0 }, na = { 0 };
	struct peer p;

	(void)state;
	add_ok(&of, "127.0.0.1");
	add_ok(&na, "127.0.0.0");
	assert_int_equal(addr_access(&of, &na, mkpeer(&p, "127.0.0.1"), NULL),
	    ACCESS_DENY_BOTH);
	assert_int_equal(addr_access(&of, &na,
	    mkpeer(&p, "::ffff:127.0.0.1"), NULL), ACCESS_DENY_BOTH);
	/* only no_access matches */
	assert_int_equal(addr_access(&of, &na, mkpeer(&p, "127.0.0.2"), NULL),
	    ACCESS_DENY);
	addrlist_free(&of);
	addrlist_free(&na);
}

static void test_access_by_name(void **state)
{
	struct addrlist of = { 0 }, na = { 0 };
	struct peer p;
	const struct sockaddr *pa;

	(void)state;
	add_ok(&of, ".example.com");
	add_ok(&na, ".bad.example.com");
	pa = mkpeer(&p, "192.0.2.7");
	assert_int_equal(addr_access(&of, &na, pa, "ok.example.com"),
	    ACCESS_ALLOW);
	assert_int_equal(addr_access(&of, &na, pa, "x.bad.example.com"),
	    ACCESS_DENY_BOTH);
	assert_int_equal(addr_access(&of, &na, pa, NULL), ACCESS_DENY);
	addrlist_free(&of);
	addrlist_free(&na);
}

/* ---- reverse names ------------------------------------------------------- */

static void test_peer_name_ipv4(void **state)
{
	struct peer p;
	char buf[NI_MAXHOST];
	const char *n;

	(void)state;
	n = addr_peer_name(mkpeer(&p, "127.0.0.1"), buf, sizeof(buf));
	if (n == NULL)
		skip();
	assert_ptr_equal(n, buf);
	assert_string_equal(n, "localhost");
}

/* The fix: a v4-mapped peer resolves like its IPv4 address. */
static void test_peer_name_v4mapped(void **state)
{
	struct peer p;
	char buf[NI_MAXHOST];
	const char *n;

	(void)state;
	if (addr_peer_name(mkpeer(&p, "127.0.0.1"), buf, sizeof(buf)) == NULL)
		skip();
	n = addr_peer_name(mkpeer(&p, "::ffff:127.0.0.1"), buf, sizeof(buf));
	assert_non_null(n);
	assert_string_equal(n, "localhost");
}

/* A name that does not fit is refused, never cut to a matching prefix. */
static void test_peer_name_bounds(void **state)
{
	struct peer p, un;
	char buf[NI_MAXHOST];

	(void)state;
	if (addr_peer_name(mkpeer(&p, "127.0.0.1"), buf, sizeof(buf)) == NULL)
		skip();
	assert_null(addr_peer_name(&p.u.sa, buf, strlen("localhost")));
	assert_non_null(addr_peer_name(&p.u.sa, buf, strlen("localhost") + 1));
	assert_null(addr_peer_name(&p.u.sa, buf, 0));
	assert_null(addr_peer_name(NULL, buf, sizeof(buf)));
	memset(&un, 0, sizeof(un));
	un.u.un.sun_family = AF_UNIX;
	assert_null(addr_peer_name(&un.u.sa, buf, sizeof(buf)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv4_exact),
		cmocka_unit_test(test_ipv4_zero_wildcard_24),
		cmocka_unit_test(test_ipv4_zero_wildcard_16),
		cmocka_unit_test(test_ipv4_zero_wildcard_8),
		cmocka_unit_test(test_ipv4_inner_zero_literal),
		cmocka_unit_test(test_ipv4_all_zero),
		cmocka_unit_test(test_ipv4_short_form),
		cmocka_unit_test(test_ipv4_matches_v4mapped_only),
		cmocka_unit_test(test_ipv4_cidr),
		cmocka_unit_test(test_ipv4_cidr_normalised_and_odd),
		cmocka_unit_test(test_ipv4_cidr_32),
		cmocka_unit_test(test_ipv4_cidr_0),
		cmocka_unit_test(test_cidr_bad_prefix),
		cmocka_unit_test(test_factorized_last_octet),
		cmocka_unit_test(test_factorized_mask_at_braces),
		cmocka_unit_test(test_factorized_short_prefixes),
		cmocka_unit_test(test_factorized_consecutive_commas),
		cmocka_unit_test(test_factorized_consecutive_dots),
		cmocka_unit_test(test_factorized_bad_address),
		cmocka_unit_test(test_factorized_not_numeric_prefix),
		cmocka_unit_test(test_comma_is_fatal),
		cmocka_unit_test(test_garbage_failed_to_parse),
		cmocka_unit_test(test_error_buffer_bounds),
		cmocka_unit_test(test_empty_token),
		cmocka_unit_test(test_ipv6_exact),
		cmocka_unit_test(test_ipv6_unspecified_exact),
		cmocka_unit_test(test_ipv6_mapped_literal),
		cmocka_unit_test(test_ipv6_prefix),
		cmocka_unit_test(test_ipv6_prefix_not_byte_aligned),
		cmocka_unit_test(test_ipv6_prefix_128),
		cmocka_unit_test(test_ipv6_prefix_0),
		cmocka_unit_test(test_host_name),
		cmocka_unit_test(test_domain_suffix),
		cmocka_unit_test(test_network_name),
		cmocka_unit_test(test_needs_name),
		cmocka_unit_test(test_remove_exact),
		cmocka_unit_test(test_remove_equivalent_forms),
		cmocka_unit_test(test_remove_factorized),
		cmocka_unit_test(test_remove_names_and_kinds),
		cmocka_unit_test(test_remove_bad_tokens),
		cmocka_unit_test(test_copy_is_deep),
		cmocka_unit_test(test_copy_empty_and_free_twice),
		cmocka_unit_test(test_match_first_of_many),
		cmocka_unit_test(test_match_unusable_peer),
		cmocka_unit_test(test_access_no_lists),
		cmocka_unit_test(test_access_only_from),
		cmocka_unit_test(test_access_empty_only_from),
		cmocka_unit_test(test_access_no_access),
		cmocka_unit_test(test_access_both_match),
		cmocka_unit_test(test_access_by_name),
		cmocka_unit_test(test_peer_name_ipv4),
		cmocka_unit_test(test_peer_name_v4mapped),
		cmocka_unit_test(test_peer_name_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
