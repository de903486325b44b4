/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * addrmatch.c: parsing and matching of only_from / no_access address lists
 * (reference 4.8).
 *
 * A token is tried, in xinetd's order, as: numeric address, host name (or
 * ".domain" suffix), addr/bits, factorized address, network name.  Each
 * parser answers "not mine" (the next one is tried), "parsed" or "error"
 * (a specific message; the service must be disabled, as xinetd's
 * parse_inet_addresses() does when addrlist_add() fails).  When nobody
 * claims the token it is "failed to parse" and merely dropped.
 *
 * Deliberate differences from the reference, all on forms that were broken
 * or undefined there:
 *  - "addr/128" is an exact IPv6 match (xinetd stored a nameless host
 *    entry that never matched, reference 10.1 #18).
 *  - network names get a usable mask: the number from /etc/networks is
 *    left-justified ("127" and "127.0.0.0" both mean 127.0.0.0) and the
 *    trailing-zero wildcard rule of dotted addresses gives the mask, so
 *    "loopback" is 127.0.0.0/8 (xinetd made it a /32 of the network
 *    address, which matched nothing; reference 10.1 #12).
 *  - factorized values and the octets before the brace must be 0..255,
 *    at most three octets may precede the brace and the part before the
 *    brace must end with a dot; xinetd silently overflowed into
 *    neighbouring octets or shifted by a negative count.
 *  - addr/bits needs a plain decimal prefix and nothing after it (xinetd's
 *    sscanf accepted "10.0.0.0/8junk"); an IPv4 prefix above 32 is
 *    "failed to parse" instead of being read as /32.
 *  - only syntactically plausible names are handed to the resolver, so a
 *    garbage token costs no DNS query.
 *  - a domain suffix matches at the end of the reverse name; xinetd
 *    looked only at the first occurrence of the suffix in the name.
 *  - a v4-mapped peer is reverse-resolved as IPv4, so host names match
 *    IPv4 clients of dual-stack sockets (reference 10.1 #12); a reverse
 *    name too long for the caller's buffer counts as no name.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "addrmatch.h"
#include "util.h"

/* Longest host or domain name accepted in a list (MAXHOSTNAMELEN). */
#define ADDR_NAME_MAX 255

enum parsed {
	P_NOT_MINE,		/* try the next parser */
	P_PARSED,		/* entries were appended */
	P_ERROR,		/* err is set; the service must be disabled */
};

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	(void)vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* ---- building entries ------------------------------------------------ */

static struct addr_entry *push_entry(struct addrlist *l, enum addr_kind kind)
{
	struct addr_entry *e;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	e = &l->v[l->n++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	return e;
}

static uint32_t prefix_to_mask4(unsigned prefix)
{
	return prefix == 0 ? 0 : 0xffffffffU << (32 - prefix);
}

/* The address is stored already masked so that -= compares like with like. */
static void add_net4(struct addrlist *l, uint32_t addr, uint32_t mask)
{
	struct addr_entry *e = push_entry(l, ADDR_NET4);

	e->a4.s_addr = htonl(addr & mask);
	e->m4.s_addr = htonl(mask);
}

static void mask_in6(struct in6_addr *a, unsigned prefix)
{
	for (unsigned i = 0; i < 16; i++) {
		unsigned bits = prefix > 8 * i ? prefix - 8 * i : 0;

		if (bits < 8)
			a->s6_addr[i] &= (uint8_t)(0xff00U >> bits);
	}
}

static void add_net6(struct addrlist *l, const struct in6_addr *a,
    unsigned prefix)
{
	struct addr_entry *e = push_entry(l, ADDR_NET6);

	e->a6 = *a;
	e->prefix6 = prefix;
	mask_in6(&e->a6, prefix);
}

static void add_name(struct addrlist *l, enum addr_kind kind, const char *s)
{
	struct addr_entry *e = push_entry(l, kind);

	e->name = xstrdup(s);
	for (char *p = e->name; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
}

/*
 * The trailing-zero wildcard of dotted addresses: the mask covers the
 * octets up to and including the last non-zero one; 0.0.0.0 is all IPv4.
 */
static uint32_t zero_wildcard_mask(uint32_t addr)
{
	uint32_t mask = 0xffffffffU;

	if (addr == 0)
		return 0;
	while ((addr & 0xff) == 0) {
		addr >>= 8;
		mask <<= 8;
	}
	return mask;
}

/*
 * A numeric address exactly as xinetd reads it: getaddrinfo with
 * AI_NUMERICHOST, so inet_aton short forms ("127.1") and IPv6 literals
 * work and nothing is ever resolved.
 */
static bool parse_numeric_addr(const char *s, int *family, uint32_t *a4,
    struct in6_addr *a6)
{
	struct addrinfo hints, *res = NULL;
	bool ok = true;

	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = AI_NUMERICHOST;
	hints.ai_family = strchr(s, ':') != NULL ? AF_INET6 : AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(s, NULL, &hints, &res) != 0 || res == NULL)
		return false;
	if (res->ai_family == AF_INET &&
	    res->ai_addrlen >= sizeof(struct sockaddr_in)) {
		struct sockaddr_in sin;

		memcpy(&sin, res->ai_addr, sizeof(sin));
		*a4 = ntohl(sin.sin_addr.s_addr);
	} else if (res->ai_family == AF_INET6 &&
	    res->ai_addrlen >= sizeof(struct sockaddr_in6)) {
		struct sockaddr_in6 sin6;

		memcpy(&sin6, res->ai_addr, sizeof(sin6));
		*a6 = sin6.sin6_addr;
	} else {
		ok = false;
	}
	*family = res->ai_family;
	freeaddrinfo(res);
	return ok;
}

/*
 * Names are only looked up if they could be names at all: letters, digits,
 * '-', '_' and '.', starting with a letter, digit or '_' (after the dot of
 * a domain), and not only digits and dots (xinetd's check_hostname). This
 * keeps garbage tokens from turning into DNS queries.
 */
static bool plausible_name(const char *s)
{
	size_t len = strlen(s);
	bool has_label_char = false;
	const char *first = s[0] == '.' ? s + 1 : s;

	if (len == 0 || len > ADDR_NAME_MAX)
		return false;
	if (!isalnum((unsigned char)*first) && *first != '_')
		return false;
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (!isalnum(c) && c != '-' && c != '_' && c != '.')
			return false;
		if (!isdigit(c) && c != '.')
			has_label_char = true;
	}
	return has_label_char;
}

/* ---- the five parsers, in xinetd's order ------------------------------ */

static enum parsed p_numeric(struct addrlist *out, const char *tok,
    char *err, size_t errlen)
{
	struct in6_addr a6;
	uint32_t a4 = 0;
	int family;

	(void)err;
	(void)errlen;
	if (strchr(tok, '/') != NULL || strchr(tok, '{') != NULL)
		return P_NOT_MINE;
	if (!parse_numeric_addr(tok, &family, &a4, &a6))
		return P_NOT_MINE;
	if (family == AF_INET)
		add_net4(out, a4, zero_wildcard_mask(a4));
	else
		add_net6(out, &a6, 128);	/* no wildcard rule for IPv6 */
	return P_PARSED;
}

/*
 * ".example.com" needs no lookup; a plain name must resolve now (as in
 * xinetd) although only the peer's reverse name is compared later.
 */
static enum parsed p_host(struct addrlist *out, const char *tok,
    char *err, size_t errlen)
{
	struct addrinfo hints, *res = NULL;

	(void)err;
	(void)errlen;
	if (!plausible_name(tok))
		return P_NOT_MINE;
	if (tok[0] == '.') {
		add_name(out, ADDR_DOMAIN, tok);
		return P_PARSED;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(tok, NULL, &hints, &res) != 0 || res == NULL)
		return P_NOT_MINE;
	freeaddrinfo(res);
	add_name(out, ADDR_HOST, tok);
	return P_PARSED;
}

static enum parsed p_cidr(struct addrlist *out, const char *tok,
    char *err, size_t errlen)
{
	const char *slash = strchr(tok, '/');
	char addr[INET6_ADDRSTRLEN + IF_NAMESIZE + 2];
	struct in6_addr a6;
	uint32_t a4 = 0;
	size_t alen;
	long prefix;
	int family;

	(void)err;
	(void)errlen;
	if (slash == NULL || strchr(tok, '{') != NULL)
		return P_NOT_MINE;
	alen = (size_t)(slash - tok);
	if (alen == 0 || alen >= sizeof(addr))
		return P_NOT_MINE;
	memcpy(addr, tok, alen);
	addr[alen] = '\0';
	if (!all_digits(slash + 1) || !parse_long(slash + 1, 0, 128, &prefix))
		return P_NOT_MINE;
	if (!parse_numeric_addr(addr, &family, &a4, &a6))
		return P_NOT_MINE;
	if (family == AF_INET) {
		if (prefix > 32)
			return P_NOT_MINE;
		add_net4(out, a4, prefix_to_mask4((unsigned)prefix));
	} else {
		add_net6(out, &a6, (unsigned)prefix);
	}
	return P_PARSED;
}

/*
 * The octets before the brace of "128.138.{200,201}". Anything but digits
 * and dots means "not factorized" (as in xinetd, which then ends in
 * "failed to parse"); the other problems are the service-disabling
 * "Bad address" errors.
 */
static enum parsed factorized_prefix(const char *tok, const char *brace,
    uint32_t *base, unsigned *octets, char *err, size_t errlen)
{
	unsigned num = 0;
	char last = '.';

	*base = 0;
	*octets = 0;
	for (const char *p = tok; p < brace; last = *p++) {
		if (isdigit((unsigned char)*p)) {
			if (num <= 255)
				num = num * 10 + (unsigned)(*p - '0');
			continue;
		}
		if (*p != '.')
			return P_NOT_MINE;
		if (last == '.') {
			set_err(err, errlen,
			    "Bad address: %s. Consecutive dots", tok);
			return P_ERROR;
		}
		if (num > 255 || *octets == 3) {
			set_err(err, errlen, "Bad address: %s", tok);
			return P_ERROR;
		}
		*base |= (uint32_t)num << (24 - 8 * *octets);
		(*octets)++;
		num = 0;
	}
	/* "10.1{2,3}": digits glued to the brace would be lost. */
	if (last != '.') {
		set_err(err, errlen, "Bad address: %s", tok);
		return P_ERROR;
	}
	return P_PARSED;
}

/*
 * Entries are appended as the values are read; on an error the caller
 * throws the whole scratch list away, so a bad token adds nothing.
 */
static enum parsed p_factorized(struct addrlist *out, const char *tok,
    char *err, size_t errlen)
{
	const char *brace = strchr(tok, '{');
	uint32_t base, mask;
	unsigned octets, shift, num = 0;
	enum parsed r;
	char last = ',';

	if (brace == NULL)
		return P_NOT_MINE;
	r = factorized_prefix(tok, brace, &base, &octets, err, errlen);
	if (r != P_PARSED)
		return r;
	shift = 24 - 8 * octets;
	mask = 0xffffffffU << shift;
	for (const char *p = brace + 1;; last = *p++) {
		if (isdigit((unsigned char)*p)) {
			if (num <= 255)
				num = num * 10 + (unsigned)(*p - '0');
			continue;
		}
		if (*p != ',' && *p != '}')
			goto bad;
		if (last == ',') {
			set_err(err, errlen,
			    "Bad address: %s. Consecutive commas", tok);
			return P_ERROR;
		}
		if (num > 255)
			goto bad;
		add_net4(out, base | (uint32_t)num << shift, mask);
		num = 0;
		if (*p == '}') {
			if (p[1] != '\0')
				goto bad;
			return P_PARSED;
		}
	}
bad:
	set_err(err, errlen, "Bad address: %s", tok);
	return P_ERROR;
}

static enum parsed p_network(struct addrlist *out, const char *tok,
    char *err, size_t errlen)
{
	struct netent *ne;
	uint32_t net;

	(void)err;
	(void)errlen;
	if (!plausible_name(tok) || tok[0] == '.')
		return P_NOT_MINE;
	ne = getnetbyname(tok);
	/* Number 0 ("default") is rejected as xinetd does: not "all IPv4". */
	if (ne == NULL || ne->n_addrtype != AF_INET || ne->n_net == 0)
		return P_NOT_MINE;
	net = (uint32_t)ne->n_net;
	while ((net & 0xff000000U) == 0)
		net <<= 8;
	add_net4(out, net, zero_wildcard_mask(net));
	return P_PARSED;
}

typedef enum parsed (*addr_parser)(struct addrlist *, const char *,
    char *, size_t);

static const addr_parser parsers[] = {
	p_numeric, p_host, p_cidr, p_factorized, p_network,
};

static void free_entry(struct addr_entry *e)
{
	free(e->name);
	free(e->text);
	e->name = e->text = NULL;
}

/*
 * Parse one token into the scratch list out (entries without text); the
 * caller commits it only on ADDR_OK.
 */
static enum addr_parse parse_token(struct addrlist *out, const char *tok,
    char *err, size_t errlen)
{
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (tok[0] == '\0')
		return ADDR_OK;		/* an empty token adds nothing */
	/* xinetd allows commas only in tokens that have a brace at all. */
	if (strchr(tok, ',') != NULL && strchr(tok, '{') == NULL) {
		set_err(err, errlen,
		    "Address: %s has a comma in it - remove the comma", tok);
		return ADDR_FATAL;
	}
	for (size_t i = 0; i < sizeof(parsers) / sizeof(parsers[0]); i++) {
		switch (parsers[i](out, tok, err, errlen)) {
		case P_PARSED:
			return ADDR_OK;
		case P_ERROR:
			return ADDR_FATAL;
		case P_NOT_MINE:
			break;
		}
	}
	set_err(err, errlen, "failed to parse %s", tok);
	return ADDR_DROPPED;
}

/* ---- list operations -------------------------------------------------- */

/*
 * Factorized errors ("Bad address: ...") are ADDR_FATAL: in xinetd they
 * make addrlist_add() fail, and parse_inet_addresses() then logs "Failed
 * adding: <token>" and disables the service.  Only an unparsable token is
 * merely dropped.
 */
enum addr_parse addrlist_add(struct addrlist *l, const char *token,
    char *err, size_t errlen)
{
	struct addrlist tmp = { NULL, 0, 0 };
	enum addr_parse r;

	r = parse_token(&tmp, token, err, errlen);
	if (r == ADDR_OK) {
		for (size_t i = 0; i < tmp.n; i++) {
			struct addr_entry *e = push_entry(l, tmp.v[i].kind);

			*e = tmp.v[i];
			e->text = xstrdup(token);
			tmp.v[i].name = NULL;	/* ownership moved */
		}
	}
	addrlist_free(&tmp);
	return r;
}

static bool entry_equal(const struct addr_entry *a, const struct addr_entry *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case ADDR_NET4:
		return a->a4.s_addr == b->a4.s_addr &&
		    a->m4.s_addr == b->m4.s_addr;
	case ADDR_NET6:
		return a->prefix6 == b->prefix6 &&
		    memcmp(&a->a6, &b->a6, sizeof(a->a6)) == 0;
	case ADDR_HOST:
	case ADDR_DOMAIN:
		return strcmp(a->name, b->name) == 0;
	}
	return false;
}

static bool any_equal(const struct addrlist *l, const struct addr_entry *e)
{
	for (size_t i = 0; i < l->n; i++)
		if (entry_equal(&l->v[i], e))
			return true;
	return false;
}

/*
 * The token is parsed exactly as += would parse it (a host name must
 * still resolve, as in xinetd); errors simply remove nothing.
 */
size_t addrlist_remove(struct addrlist *l, const char *token)
{
	struct addrlist tmp = { NULL, 0, 0 };
	size_t kept = 0, removed;

	if (parse_token(&tmp, token, NULL, 0) != ADDR_OK || tmp.n == 0) {
		addrlist_free(&tmp);
		return 0;
	}
	for (size_t i = 0; i < l->n; i++) {
		if (any_equal(&tmp, &l->v[i]))
			free_entry(&l->v[i]);
		else
			l->v[kept++] = l->v[i];
	}
	removed = l->n - kept;
	l->n = kept;
	addrlist_free(&tmp);
	return removed;
}

static char *dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Like strvec_copy: dst is emptied first, so it must be initialised. */
void addrlist_copy(struct addrlist *dst, const struct addrlist *src)
{
	if (dst == src)
		return;
	addrlist_free(dst);
	if (src->n == 0)
		return;
	dst->v = xreallocarray(NULL, src->n, sizeof(*dst->v));
	dst->cap = dst->n = src->n;
	for (size_t i = 0; i < src->n; i++) {
		dst->v[i] = src->v[i];
		dst->v[i].name = dup_or_null(src->v[i].name);
		dst->v[i].text = dup_or_null(src->v[i].text);
	}
}

/* Leaves an empty, reusable list behind. */
void addrlist_free(struct addrlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free_entry(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

bool addrlist_needs_name(const struct addrlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == ADDR_HOST || l->v[i].kind == ADDR_DOMAIN)
			return true;
	return false;
}

/* ---- matching ---------------------------------------------------------- */

/* The IPv4 address of a native or v4-mapped IPv6 peer, host order. */
static bool peer_ipv4(const struct sockaddr *peer, uint32_t *a)
{
	if (peer->sa_family == AF_INET) {
		struct sockaddr_in sin;

		memcpy(&sin, peer, sizeof(sin));
		*a = ntohl(sin.sin_addr.s_addr);
		return true;
	}
	if (peer->sa_family == AF_INET6) {
		struct sockaddr_in6 sin6;
		uint32_t v;

		memcpy(&sin6, peer, sizeof(sin6));
		if (!IN6_IS_ADDR_V4MAPPED(&sin6.sin6_addr))
			return false;
		memcpy(&v, &sin6.sin6_addr.s6_addr[12], sizeof(v));
		*a = ntohl(v);
		return true;
	}
	return false;
}

static bool match_net6(const struct addr_entry *e, const struct sockaddr *peer)
{
	struct sockaddr_in6 sin6;

	/* A native IPv4 peer has no IPv6 address to compare. */
	if (peer->sa_family != AF_INET6)
		return false;
	memcpy(&sin6, peer, sizeof(sin6));
	mask_in6(&sin6.sin6_addr, e->prefix6);
	return memcmp(&sin6.sin6_addr, &e->a6, sizeof(e->a6)) == 0;
}

/* The suffix starts with a dot, so "badexample.com" never ends in it. */
static bool name_has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), s = strlen(suffix);

	return n >= s && strcasecmp(name + n - s, suffix) == 0;
}

static bool entry_match(const struct addr_entry *e,
    const struct sockaddr *peer, const char *name)
{
	uint32_t a;

	switch (e->kind) {
	case ADDR_NET4:
		return peer_ipv4(peer, &a) &&
		    (a & ntohl(e->m4.s_addr)) == ntohl(e->a4.s_addr);
	case ADDR_NET6:
		return match_net6(e, peer);
	case ADDR_HOST:
		return name != NULL && strcasecmp(name, e->name) == 0;
	case ADDR_DOMAIN:
		return name != NULL && name_has_suffix(name, e->name);
	}
	return false;
}

bool addrlist_match(const struct addrlist *l, const struct sockaddr *peer,
    const char *name)
{
	if (l == NULL || peer == NULL)
		return false;
	for (size_t i = 0; i < l->n; i++)
		if (entry_match(&l->v[i], peer, name))
			return true;
	return false;
}

/* Reference 4.8: there is no "more specific wins" rule. */
enum access_verdict addr_access(const struct addrlist *only_from,
    const struct addrlist *no_access, const struct sockaddr *peer,
    const char *name)
{
	bool from = only_from != NULL && addrlist_match(only_from, peer, name);
	bool denied = no_access != NULL &&
	    addrlist_match(no_access, peer, name);

	if (from && denied)
		return ACCESS_DENY_BOTH;
	if (denied)
		return ACCESS_DENY;
	if (only_from != NULL && !from)
		return ACCESS_DENY;
	return ACCESS_ALLOW;
}

/*
 * A v4-mapped peer is looked up as plain IPv4: glibc finds no PTR for
 * ::ffff:a.b.c.d, which is why xinetd's host names never matched IPv4
 * clients of a dual-stack socket (reference 4.8).
 */
static socklen_t lookup_addr(const struct sockaddr *peer,
    struct sockaddr_storage *ss)
{
	uint32_t a;

	memset(ss, 0, sizeof(*ss));
	if (peer_ipv4(peer, &a)) {
		struct sockaddr_in sin;

		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_addr.s_addr = htonl(a);
		memcpy(ss, &sin, sizeof(sin));
		return sizeof(sin);
	}
	if (peer->sa_family == AF_INET6) {
		memcpy(ss, peer, sizeof(struct sockaddr_in6));
		return sizeof(struct sockaddr_in6);
	}
	return 0;
}

const char *addr_peer_name(const struct sockaddr *peer, char *buf,
    size_t len)
{
	struct sockaddr_storage ss;
	char host[NI_MAXHOST];
	socklen_t sl;

	if (peer == NULL || buf == NULL || len == 0)
		return NULL;
	sl = lookup_addr(peer, &ss);
	if (sl == 0)
		return NULL;
	if (getnameinfo((struct sockaddr *)&ss, sl, host, sizeof(host),
	    NULL, 0, NI_NAMEREQD) != 0)
		return NULL;
	/* A cut name could equal a listed host ("localhost.evil.net"). */
	if (strlen(host) >= len)
		return NULL;
	sanitize_copy(buf, len, host);
	for (char *p = buf; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return buf;
}
