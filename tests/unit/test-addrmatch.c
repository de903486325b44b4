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
#include <stdlib.h>
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

/* ---- tables ------------------------------------------------------------- */

/*
 * Most tests below are rows of a table: each row is a cmocka test of its
 * own, named by the row (so a failure names it), run by its table's
 * function with the row as its state.
 */
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/*
 * An entry of a parsed list: ADDR_NET4 addr/mask when mask is set, else
 * ADDR_NET6 addr/prefix; no name; text, when set, is the token as written.
 */
struct want_entry {
	const char *addr, *mask;
	unsigned prefix;
	const char *text;
};

/* The list holds exactly the entries of want (up to the first NULL addr). */
static void assert_entries(const char *name, const struct addrlist *l,
    const struct want_entry *want, size_t max)
{
	size_t n = 0;

	while (n < max && want[n].addr != NULL)
		n++;
	if (l->n != n)
		fail_msg("%s: the list has %zu entries, not %zu", name, l->n,
		    n);
	for (size_t i = 0; i < n; i++) {
		const struct want_entry *w = &want[i];

		if (w->mask != NULL)
			assert_net4(&l->v[i], w->addr, w->mask);
		else
			assert_net6(&l->v[i], w->addr, w->prefix);
		assert_null(l->v[i].name);
		if (w->text != NULL)
			assert_string_equal(l->v[i].text, w->text);
	}
}

/* Each peer of PEERS (up to the first NULL) is matched by l, or not. */
static void assert_matches(const char *name, const struct addrlist *l,
    const char *const *peers, size_t max, bool want)
{
	for (size_t i = 0; i < max && peers[i] != NULL; i++)
		if (matches(l, peers[i]) != want)
			fail_msg("%s: %s %s", name, peers[i],
			    want ? "does not match" : "matches");
}

/* ---- parsing and matching: tokens, the entries they give, peers --------- */

struct parse_case {
	const char *name;
	const char *tokens[4];		/* each added with ADDR_OK */
	struct want_entry v[5];		/* every entry of the list */
	const char *match[6];		/* peers the list matches */
	const char *nomatch[6];		/* and peers it does not */
};

static void run_parse_case(void **state)
{
	const struct parse_case *c = *state;
	struct addrlist l = { 0 };

	for (size_t i = 0; i < N_OF(c->tokens) && c->tokens[i] != NULL; i++)
		add_ok(&l, c->tokens[i]);
	assert_entries(c->name, &l, c->v, N_OF(c->v));
	assert_matches(c->name, &l, c->match, N_OF(c->match), true);
	assert_matches(c->name, &l, c->nomatch, N_OF(c->nomatch), false);
	addrlist_free(&l);
}

/* the entries of a want_entry array */
#define NET4(a, m) { .addr = (a), .mask = (m) }
#define NET4T(a, m, t) { .addr = (a), .mask = (m), .text = (t) }
#define NET6(a, p) { .addr = (a), .prefix = (p) }
#define HOST4 "255.255.255.255"

/* ---- tokens that are refused -------------------------------------------- */

struct bad_case {
	const char *name;
	const char *keep;		/* added first, still the only entry after */
	enum addr_parse result;		/* of each token */
	const char *pre, *post;		/* the message: pre TOKEN post */
	const char *tokens[12];
};

static void run_bad_case(void **state)
{
	const struct bad_case *c = *state;
	struct addrlist l = { 0 };

	if (c->keep != NULL)
		add_ok(&l, c->keep);
	for (size_t i = 0; i < N_OF(c->tokens) && c->tokens[i] != NULL; i++) {
		const char *tok = c->tokens[i];
		char err[256] = "", msg[256];
		size_t before = l.n;
		enum addr_parse r = addrlist_add(&l, tok, err, sizeof(err));

		snprintf(msg, sizeof(msg), "%s%s%s", c->pre, tok, c->post);
		if (r != c->result || strcmp(err, msg) != 0 || l.n != before)
			fail_msg("%s: \"%s\" gave %d \"%s\" and %zu entries; "
			    "want %d \"%s\" and %zu", c->name, tok, r, err,
			    l.n, c->result, msg, before);
	}
	assert_int_equal(l.n, c->keep != NULL ? 1 : 0);
	addrlist_free(&l);
}

/* ---- IPv4 dotted and the trailing-zero wildcard ------------------------- */

static const struct parse_case ipv4_cases[] = {
	{ "test_ipv4_exact", { "10.1.2.3" },
	    { NET4T("10.1.2.3", HOST4, "10.1.2.3") },
	    { "10.1.2.3" }, { "10.1.2.4", "11.1.2.3" } },
	{ "test_ipv4_zero_wildcard_24", { "10.1.2.0" },
	    { NET4("10.1.2.0", "255.255.255.0") },
	    { "10.1.2.0", "10.1.2.77" }, { "10.1.3.77" } },
	{ "test_ipv4_zero_wildcard_16", { "192.168.0.0" },
	    { NET4("192.168.0.0", "255.255.0.0") },
	    { "192.168.200.1" }, { "192.169.0.1" } },
	/* Matrix line 48: only_from = 127.0.0.0 lets 127.0.0.1 in, not ::1. */
	{ "test_ipv4_zero_wildcard_8", { "127.0.0.0" },
	    { NET4("127.0.0.0", "255.0.0.0") },
	    { "127.0.0.1", "127.254.3.9", "::ffff:127.0.0.1" },
	    { "128.0.0.1", "::1" } },
	/* Only trailing zeros are wildcards; inner zeros are literal. */
	{ "test_ipv4_inner_zero_literal", { "10.0.0.1", "10.0.5.0" },
	    { NET4("10.0.0.1", HOST4), NET4("10.0.5.0", "255.255.255.0") },
	    { "10.0.5.1" }, { "10.9.0.1", "10.1.5.1" } },
	{ "test_ipv4_all_zero", { "0.0.0.0" },
	    { NET4("0.0.0.0", "0.0.0.0") },
	    { "1.2.3.4", "255.255.255.255", "::ffff:8.8.8.8" },
	    { "::1", "2001:db8::1", "::" } },
	{ "test_ipv4_short_form", { "127.1" },
	    { NET4("127.0.0.1", HOST4) },
	    { "127.0.0.1" }, { "127.0.0.2" } },
	/* v4-compatible and NAT64 forms are not v4-mapped */
	{ "test_ipv4_matches_v4mapped_only", { "127.0.0.1" },
	    { NET4("127.0.0.1", HOST4) },
	    { "::ffff:127.0.0.1" },
	    { "::ffff:127.0.0.2", "::127.0.0.1", "64:ff9b::127.0.0.1",
		"::1" } },
};

/* ---- addr/bits ---------------------------------------------------------- */

static const struct parse_case cidr_cases[] = {
	{ "test_ipv4_cidr", { "127.0.0.0/8" },
	    { NET4("127.0.0.0", "255.0.0.0") },
	    { "127.255.0.1", "::ffff:127.9.9.9" },
	    { "126.255.255.255", "::1" } },
	{ "test_ipv4_cidr_normalised_and_odd",
	    { "10.1.2.3/8", "192.168.1.128/25" },
	    { NET4T("10.0.0.0", "255.0.0.0", "10.1.2.3/8"),
		NET4("192.168.1.128", "255.255.255.128") },
	    { "10.200.0.1", "192.168.1.200" }, { "192.168.1.127" } },
	/* /32 is exact even for an address ending in zeros (no wildcard rule). */
	{ "test_ipv4_cidr_32", { "10.0.0.0/32" },
	    { NET4("10.0.0.0", HOST4) },
	    { "10.0.0.0" }, { "10.0.0.1" } },
	{ "test_ipv4_cidr_0", { "1.2.3.4/0" },
	    { NET4("0.0.0.0", "0.0.0.0") },
	    { "200.1.1.1", "::ffff:200.1.1.1" }, { "2001:db8::1" } },
};

static const struct bad_case cidr_bad_cases[] = {
	{ "test_cidr_bad_prefix", NULL, ADDR_DROPPED, "failed to parse ", "",
	    { "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/8x", "10.0.0.0/-1",
		"10.0.0.0/+8", "/8", "::/129", "10.0.0.0/8/8",
		"10.0.0.0/99999999999999999999", "foo/8" } },
};

/* ---- factorized --------------------------------------------------------- */

static const struct parse_case factorized_cases[] = {
	/* Matrix line 49: 127.0.0.{1,2} lets IPv4 in, not ::1. */
	{ "test_factorized_last_octet", { "127.0.0.{1,2}" },
	    { NET4T("127.0.0.1", HOST4, "127.0.0.{1,2}"),
		NET4T("127.0.0.2", HOST4, "127.0.0.{1,2}") },
	    { "127.0.0.1", "::ffff:127.0.0.2" }, { "127.0.0.3", "::1" } },
	{ "test_factorized_mask_at_braces", { "128.138.{200,201}" },
	    { NET4("128.138.200.0", "255.255.255.0"),
		NET4("128.138.201.0", "255.255.255.0") },
	    { "128.138.200.5", "128.138.201.250" },
	    { "128.138.202.1", "128.139.200.1" } },
	{ "test_factorized_short_prefixes", { "{10}", "172.{16,0,31}" },
	    { NET4("10.0.0.0", "255.0.0.0"), NET4("172.16.0.0", "255.255.0.0"),
		NET4("172.0.0.0", "255.255.0.0"),
		NET4("172.31.0.0", "255.255.0.0") },
	    { "10.9.8.7", "172.31.1.1" }, { "172.17.1.1" } },
};

/*
 * Factorized syntax errors disable the service (as in xinetd, where the
 * failing addrlist_add makes the attribute fail) and add nothing.
 */
static const struct bad_case factorized_bad_cases[] = {
	{ "test_factorized_consecutive_commas", "10.9.9.9", ADDR_FATAL,
	    "Bad address: ", ". Consecutive commas",
	    { "10.0.{1,,2}", "10.0.{}", "10.0.{,1}", "10.0.{1,}" } },
	{ "test_factorized_consecutive_dots", NULL, ADDR_FATAL,
	    "Bad address: ", ". Consecutive dots", { "10..{1}", ".10.{1}" } },
	{ "test_factorized_bad_address", NULL, ADDR_FATAL, "Bad address: ", "",
	    { "10.{1,2}.0",	/* nothing may follow the brace */
		"10.{1,2",	/* unterminated */
		"10.{1,a}",	/* not a number */
		"10.{1,{2}}",	/* nested */
		"10.{256}",	/* value out of range */
		"10.{1,2,99999999999}",
		"300.{1}",	/* prefix octet out of range */
		"1.2.3.4.{5}",	/* no room left for the braces */
		"10.1{2,3}" } },	/* digits glued to the brace */
	/* Not digits and dots before the brace: not factorized at all. */
	{ "test_factorized_not_numeric_prefix", NULL, ADDR_DROPPED,
	    "failed to parse ", "", { "abc.{1,2}", "::{1,2}" } },
};

/* ---- errors that are not factorized ------------------------------------- */

static const struct bad_case error_bad_cases[] = {
	{ "test_comma_is_fatal", "10.0.0.3", ADDR_FATAL, "Address: ",
	    " has a comma in it - remove the comma",
	    { "10.0.0.1,10.0.0.2", "localhost," } },
	{ "test_garbage_failed_to_parse", NULL, ADDR_DROPPED,
	    "failed to parse ", "",
	    { "1.2.3.4.5", "256.1.1.1", "foo!bar", "::1::2", "[::1]",
		"1.2.3.4:80", ".", ".123", "-", "host name" } },
};

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

/* ---- IPv6 --------------------------------------------------------------- */

static const struct parse_case ipv6_cases[] = {
	{ "test_ipv6_exact", { "::1" },
	    { NET6("::1", 128) },
	    { "::1" }, { "::2", "127.0.0.1", "::ffff:127.0.0.1" } },
	/* No zero-wildcard rule for IPv6: "::" is only "::". */
	{ "test_ipv6_unspecified_exact", { "::" },
	    { NET6("::", 128) },
	    { "::" }, { "::1", "2001:db8::", "0.0.0.0" } },
	/* An IPv6 entry for a mapped address matches the mapped peer only. */
	{ "test_ipv6_mapped_literal", { "::ffff:127.0.0.1" },
	    { NET6("::ffff:127.0.0.1", 128) },
	    { "::ffff:127.0.0.1" }, { "127.0.0.1", "::ffff:127.0.0.2" } },
	{ "test_ipv6_prefix", { "2001:db8::/32" },
	    { NET6("2001:db8::", 32) },
	    { "2001:db8::1", "2001:db8:ffff:ffff::1" },
	    { "2001:db9::1", "32.1.13.184" /* 2001:0db8 as IPv4 */ } },
	{ "test_ipv6_prefix_not_byte_aligned", { "fe80::1/10" },
	    { NET6("fe80::", 10) },
	    { "febf:ffff::1" }, { "fec0::1", "fe7f::1" } },
	/* The reference never matched addr/128 (10.1 #18); here it is exact. */
	{ "test_ipv6_prefix_128", { "2001:db8::5/128" },
	    { NET6("2001:db8::5", 128) },
	    { "2001:db8::5" }, { "2001:db8::6" } },
	{ "test_ipv6_prefix_0", { "::/0" },
	    { NET6("::", 0) },
	    { "::1", "2001:db8::1", "::ffff:1.2.3.4" },
	    { "1.2.3.4" /* never a native IPv4 peer */ } },
};

/* ---- names -------------------------------------------------------------- */

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

/* ---- -= ----------------------------------------------------------------- */

struct remove_case {
	const char *name;
	const char *tokens[4];		/* each added with ADDR_OK */
	struct {
		const char *token;	/* then removed, in order */
		size_t removed, left;	/* entries removed, entries left */
	} rm[6];
	struct want_entry v[2];		/* every entry left at the end */
};

static void run_remove_case(void **state)
{
	const struct remove_case *c = *state;
	struct addrlist l = { 0 };

	for (size_t i = 0; i < N_OF(c->tokens) && c->tokens[i] != NULL; i++)
		add_ok(&l, c->tokens[i]);
	for (size_t i = 0; i < N_OF(c->rm) && c->rm[i].token != NULL; i++) {
		size_t removed = addrlist_remove(&l, c->rm[i].token);

		if (removed != c->rm[i].removed || l.n != c->rm[i].left)
			fail_msg("%s: -= \"%s\" removed %zu, left %zu; want "
			    "%zu and %zu", c->name, c->rm[i].token, removed,
			    l.n, c->rm[i].removed, c->rm[i].left);
	}
	assert_entries(c->name, &l, c->v, N_OF(c->v));
	addrlist_free(&l);
}

static const struct remove_case remove_cases[] = {
	{ "test_remove_exact", { "10.0.0.1", "10.0.0.2", "10.0.0.1" },
	    { { "10.0.0.1", 2, 1 }, { "10.0.0.1", 0, 1 } },
	    { NET4("10.0.0.2", HOST4) } },
	/* Equal means same address and mask, whatever form wrote it. */
	{ "test_remove_equivalent_forms", { "127.0.0.0", "2001:db8::/32" },
	    { { "127.0.0.0/16", 0, 2 }, { "127.0.0.1", 0, 2 },
		{ "127.0.0.0/8", 1, 1 }, { "2001:db8::/33", 0, 1 },
		{ "2001:db8:0:1::/32", 1, 0 } },
	    { { .addr = NULL } } },	/* nothing left */
	{ "test_remove_factorized", { "127.0.0.{1,2,3}" },
	    { { "127.0.0.{1,3}", 2, 1 } },
	    { NET4("127.0.0.2", HOST4) } },
	{ "test_remove_bad_tokens", { "10.0.0.1" },
	    { { "10.0.0.1,10.0.0.2", 0, 1 }, { "1.2.3.4.5", 0, 1 },
		{ "10.0.0.{1,,2}", 0, 1 }, { "", 0, 1 } },
	    { NET4("10.0.0.1", HOST4) } },
};

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

/* ---- copy / free -------------------------------------------------------- */

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

/* ---- matching odds and ends --------------------------------------------- */

static const struct parse_case match_cases[] = {
	{ "test_match_first_of_many", { "10.0.0.1", "::1", "192.168.{1,2}" },
	    { NET4("10.0.0.1", HOST4), NET6("::1", 128),
		NET4("192.168.1.0", "255.255.255.0"),
		NET4("192.168.2.0", "255.255.255.0") },
	    { "::1", "192.168.2.9" }, { "192.168.3.9" } },
};

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

/* ---- the verdict -------------------------------------------------------- */

struct access_case {
	const char *name;
	/* only_from and no_access: these tokens; none at all: no list */
	const char *only_from[2], *no_access[2];
	struct {
		const char *peer, *host;	/* host: the reverse name */
		enum access_verdict want;
	} v[4];
};

static struct addrlist *mklist(struct addrlist *l, const char *const *tokens,
    size_t max)
{
	if (tokens[0] == NULL)
		return NULL;
	for (size_t i = 0; i < max && tokens[i] != NULL; i++)
		add_ok(l, tokens[i]);
	return l;
}

static void run_access_case(void **state)
{
	const struct access_case *c = *state;
	struct addrlist of = { 0 }, na = { 0 };
	const struct addrlist *pof, *pna;
	struct peer p;

	pof = mklist(&of, c->only_from, N_OF(c->only_from));
	pna = mklist(&na, c->no_access, N_OF(c->no_access));
	for (size_t i = 0; i < N_OF(c->v) && c->v[i].peer != NULL; i++) {
		enum access_verdict got = addr_access(pof, pna,
		    mkpeer(&p, c->v[i].peer), c->v[i].host);

		if (got != c->v[i].want)
			fail_msg("%s: %s (%s) gets verdict %d, want %d",
			    c->name, c->v[i].peer,
			    c->v[i].host != NULL ? c->v[i].host : "no name",
			    got, c->v[i].want);
	}
	addrlist_free(&of);
	addrlist_free(&na);
}

static const struct access_case access_cases[] = {
	{ "test_access_no_lists", { NULL }, { NULL },
	    { { "192.0.2.1", NULL, ACCESS_ALLOW } } },
	{ "test_access_only_from", { "127.0.0.0/8" }, { NULL },
	    { { "127.0.0.1", NULL, ACCESS_ALLOW },
		{ "::1", NULL, ACCESS_DENY } } },
	{ "test_access_no_access", { NULL }, { "10.{1,2}" },
	    { { "10.2.0.1", NULL, ACCESS_DENY },
		{ "10.3.0.1", NULL, ACCESS_ALLOW } } },
	/* Matrix line 52: no "more specific wins". */
	{ "test_access_both_match", { "127.0.0.1" }, { "127.0.0.0" },
	    { { "127.0.0.1", NULL, ACCESS_DENY_BOTH },
		{ "::ffff:127.0.0.1", NULL, ACCESS_DENY_BOTH },
		{ "127.0.0.2", NULL, ACCESS_DENY } } },	/* only no_access */
	{ "test_access_by_name", { ".example.com" }, { ".bad.example.com" },
	    { { "192.0.2.7", "ok.example.com", ACCESS_ALLOW },
		{ "192.0.2.7", "x.bad.example.com", ACCESS_DENY_BOTH },
		{ "192.0.2.7", NULL, ACCESS_DENY } } },
};

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

/* ---- reverse names ------------------------------------------------------ */

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

/* ---- main --------------------------------------------------------------- */

struct suite {
	struct CMUnitTest v[64];
	size_t n;
};

static void add_test(struct suite *s, const char *name, CMUnitTestFunction fn,
    const void *row)
{
	if (s->n == N_OF(s->v))
		abort();
	s->v[s->n++] = (struct CMUnitTest){
		.name = name, .test_func = fn, .initial_state = (void *)row,
	};
}

#define ADD(s, fn) add_test(s, #fn, fn, NULL)
#define ADD_ROWS(s, fn, rows) \
	for (size_t i_ = 0; i_ < N_OF(rows); i_++) \
		add_test(s, (rows)[i_].name, fn, &(rows)[i_])

int main(void)
{
	static struct suite s;

	ADD_ROWS(&s, run_parse_case, ipv4_cases);
	ADD_ROWS(&s, run_parse_case, cidr_cases);
	ADD_ROWS(&s, run_bad_case, cidr_bad_cases);
	ADD_ROWS(&s, run_parse_case, factorized_cases);
	ADD_ROWS(&s, run_bad_case, factorized_bad_cases);
	ADD_ROWS(&s, run_bad_case, error_bad_cases);
	ADD(&s, test_error_buffer_bounds);
	ADD(&s, test_empty_token);
	ADD_ROWS(&s, run_parse_case, ipv6_cases);
	ADD(&s, test_host_name);
	ADD(&s, test_domain_suffix);
	ADD(&s, test_network_name);
	ADD(&s, test_needs_name);
	ADD_ROWS(&s, run_remove_case, remove_cases);
	ADD(&s, test_remove_names_and_kinds);
	ADD(&s, test_copy_is_deep);
	ADD(&s, test_copy_empty_and_free_twice);
	ADD_ROWS(&s, run_parse_case, match_cases);
	ADD(&s, test_match_unusable_peer);
	ADD_ROWS(&s, run_access_case, access_cases);
	ADD(&s, test_access_empty_only_from);
	ADD(&s, test_peer_name_ipv4);
	ADD(&s, test_peer_name_v4mapped);
	ADD(&s, test_peer_name_bounds);
	return _cmocka_run_group_tests("tests", s.v, s.n, NULL, NULL);
}
