/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * fuzz-addr: libFuzzer target for the address lists of only_from and
 * no_access (src/addrmatch.c): addrlist_add, addrlist_remove,
 * addrlist_copy, addrlist_match and addr_access.
 *
 * The input: text lines up to the first NUL byte, then binary peers.
 *   TOKEN     (a line with no operator below) add TOKEN to list A
 *   +TOKEN    add TOKEN to list A (only_from)
 *   -TOKEN    remove TOKEN from list A (-=)
 *   !TOKEN    add TOKEN to list N (no_access)
 *   ^TOKEN    remove TOKEN from N
 *   @ADDR     a peer: an IPv4 or IPv6 address (inet_pton), optionally
 *   @ADDR NAME  with the reverse name NAME
 *   #...      ignored
 * After the NUL, each peer is one kind byte, then the address bytes, then
 * maybe a name: kind & 3 is 0 IPv4 (4 bytes), 1 IPv6 (16 bytes),
 * 2 v4-mapped IPv6 (4 bytes), 3 IPv6 from 4 bytes under ::/96 or, with
 * kind & 4, 64:ff9b::/96 (neither is v4-mapped); kind & 0x30 == 0x30 makes
 * the peer an AF_UNSPEC sockaddr instead; with kind & 8 a length byte and
 * that many name bytes follow.
 * Every entry of the lists also gives peers: its own address, the
 * neighbours at the edges of its network, and names that must match.
 *
 * Checked:
 *  - addrlist_add: a failed token leaves the list as it was (its
 *    contents and its strings' addresses); an OK token
 *    that is not empty adds at least one entry, each keeping the token as
 *    its text; err is NUL-terminated within errlen, empty on OK and
 *    not on failure (errlen cycles through NULL, 1, 8 and 200 bytes);
 *  - every entry is well formed: IPv4 masks are contiguous and the
 *    address is stored masked; IPv6 prefixes are <= 128 with the host
 *    bits clear; names are lower case, plausible, domains start with '.';
 *  - parsing is deterministic: a token added again to an empty list gives
 *    the same entries;
 *  - addrlist_remove(T), on a copy of a list, removes exactly the entries
 *    equal to one T adds, keeps the others in order, and leaves none
 *    equal to one T adds (for each -/^ line, and for the first 16 tokens
 *    added to each list);
 *  - addrlist_copy: a deep copy, entry by entry, that matches every peer
 *    exactly as the original; copying over a non-empty list replaces it;
 *  - addrlist_match agrees with a reference matcher written differently
 *    (bit by bit), for every peer, with and without the name; every
 *    entry matches its own address (and names), IPv6 entries never match
 *    native IPv4 peers;
 *  - addr_access gives the verdict of reference 4.8 from the two
 *    addrlist_match results, for each of only_from/no_access set or not;
 *  - addrlist_needs_name says whether a host or domain entry exists;
 *  - addr_peer_name, with getnameinfo() answering each peer's name as its
 *    PTR record (see below): v4-mapped peers are looked up as IPv4, other
 *    IPv6 peers as IPv6, others not at all; no name, a name too long for
 *    getnameinfo or for the buffer (1, 8, 64, 256 or 1100 bytes) gives
 *    NULL (and so does a 0-byte one, without a look-up); otherwise the
 *    buffer holds sanitize_copy's copy of the name in lower case, and
 *    matching with it agrees with the reference too.
 * Host names resolve only as fuzz-common.c allows ("localhost", *.test).
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "addrmatch.h"
#include "fuzz.h"
#include "util.h"

#define MAX_INPUT 65536
#define MAX_LINES 128
#define MAX_PEERS 256
#define MAX_CHECKED 16		/* tokens whose -= is checked, per list */
#define NAME_MAX_LEN 300

#define FAIL(...) fuzz_fail("addr", __VA_ARGS__)

struct peer {
	struct sockaddr *sa;	/* an exact-size allocation */
	char *name;		/* NULL: no reverse name */
};

struct peers {
	struct peer v[MAX_PEERS];
	size_t n;
};

/* A token added with OK, to check -= with later. */
struct added {
	const char *tok;
	size_t first, count;	/* its entries in the list, when added */
};

struct list_state {
	struct addrlist l;
	struct added tok[MAX_CHECKED];
	size_t ntok;
};

/* ---- peers ------------------------------------------------------------- */

static void add_peer(struct peers *ps, int family, const void *addr,
    const char *name, size_t namelen)
{
	struct peer *p;

	if (ps->n == MAX_PEERS)
		return;
	p = &ps->v[ps->n++];
	if (family == AF_INET) {
		struct sockaddr_in *sin = fuzz_alloc(sizeof(*sin));
		memset(sin, 0, sizeof(*sin));
		sin->sin_family = AF_INET;
		memcpy(&sin->sin_addr, addr, 4);
		p->sa = (struct sockaddr *)sin;
	} else if (family == AF_INET6) {
		struct sockaddr_in6 *sin6 = fuzz_alloc(sizeof(*sin6));
		memset(sin6, 0, sizeof(*sin6));
		sin6->sin6_family = AF_INET6;
		memcpy(&sin6->sin6_addr, addr, 16);
		p->sa = (struct sockaddr *)sin6;
	} else {
		struct sockaddr *sa = fuzz_alloc(sizeof(*sa));
		memset(sa, 0, sizeof(*sa));
		sa->sa_family = AF_UNSPEC;
		p->sa = sa;
	}
	p->name = name != NULL ?
	    fuzz_strndup((const uint8_t *)name, namelen) : NULL;
}

static void free_peers(struct peers *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		free(ps->v[i].sa);
		free(ps->v[i].name);
	}
	ps->n = 0;
}

/* "@ADDR" or "@ADDR NAME" */
static void text_peer(struct peers *ps, const char *s)
{
	const char *sp = strchr(s, ' ');
	char addr[64];
	size_t alen = sp != NULL ? (size_t)(sp - s) : strlen(s);
	uint8_t buf[16];

	if (alen >= sizeof(addr))
		return;
	memcpy(addr, s, alen);
	addr[alen] = '\0';
	if (inet_pton(AF_INET, addr, buf) == 1)
		add_peer(ps, AF_INET, buf, sp ? sp + 1 : NULL,
		    sp ? strlen(sp + 1) : 0);
	else if (inet_pton(AF_INET6, addr, buf) == 1)
		add_peer(ps, AF_INET6, buf, sp ? sp + 1 : NULL,
		    sp ? strlen(sp + 1) : 0);
}

static void binary_peers(struct peers *ps, const uint8_t *d, size_t n)
{
	size_t i = 0;

	while (i < n && ps->n < MAX_PEERS) {
		uint8_t kind = d[i++], a6[16] = { 0 };
		size_t need = (kind & 3) == 1 ? 16 : 4, namelen = 0;
		const char *name = NULL;
		int family = AF_INET6;

		if (n - i < need)
			break;
		if ((kind & 3) == 0) {
			family = AF_INET;
			memcpy(a6, d + i, 4);
		} else if ((kind & 3) == 1) {
			memcpy(a6, d + i, 16);
		} else {
			if ((kind & 3) == 2) {
				a6[10] = a6[11] = 0xff;
			} else if (kind & 4) {
				a6[1] = 0x64;
				a6[2] = 0xff;
				a6[3] = 0x9b;
			}
			memcpy(a6 + 12, d + i, 4);
		}
		i += need;
		if ((kind & 0x30) == 0x30)
			family = AF_UNSPEC;
		if ((kind & 8) && i < n) {
			namelen = d[i++];
			if (namelen > n - i)
				namelen = n - i;
			name = (const char *)d + i;
			i += namelen;
		}
		add_peer(ps, family, a6, name, namelen);
	}
}

/* ---- entries ----------------------------------------------------------- */

static bool same_entry(const struct addr_entry *a, const struct addr_entry *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case ADDR_NET4:
		return memcmp(&a->a4, &b->a4, 4) == 0 &&
		    memcmp(&a->m4, &b->m4, 4) == 0;
	case ADDR_NET6:
		return a->prefix6 == b->prefix6 &&
		    memcmp(&a->a6, &b->a6, 16) == 0;
	case ADDR_HOST:
	case ADDR_DOMAIN:
		return a->name != NULL && b->name != NULL &&
		    strcmp(a->name, b->name) == 0;
	}
	return false;
}

static bool in_list(const struct addrlist *l, size_t from, size_t count,
    const struct addr_entry *e)
{
	for (size_t i = from; i < from + count; i++)
		if (same_entry(&l->v[i], e))
			return true;
	return false;
}

static bool bit6(const struct in6_addr *a, unsigned i)
{
	return (a->s6_addr[i / 8] >> (7 - i % 8)) & 1;
}

static void check_name(const struct addr_entry *e)
{
	const char *s = e->name;
	size_t len;

	if (s == NULL)
		FAIL("%s: a name entry without a name", e->text);
	len = strlen(s);
	if (len == 0 || len > 255)
		FAIL("%s: name of %zu bytes", e->text, len);
	if ((e->kind == ADDR_DOMAIN) != (s[0] == '.'))
		FAIL("%s: kind %d but name \"%s\"", e->text, e->kind, s);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (!islower(c) && !isdigit(c) && c != '-' && c != '_' &&
		    c != '.')
			FAIL("%s: name \"%s\" has byte 0x%02x", e->text,
			    e->name, c);
	}
}

static void check_entry(const struct addr_entry *e)
{
	uint32_t a, m;

	if (e->text == NULL)
		FAIL("an entry without its token");
	switch (e->kind) {
	case ADDR_NET4:
		a = ntohl(e->a4.s_addr);
		m = ntohl(e->m4.s_addr);
		if ((~m & (~m + 1)) != 0)
			FAIL("%s: IPv4 mask %08x is not contiguous", e->text,
			    m);
		if ((a & ~m) != 0)
			FAIL("%s: IPv4 %08x not masked by %08x", e->text, a, m);
		if (e->name != NULL)
			FAIL("%s: IPv4 entry with a name", e->text);
		break;
	case ADDR_NET6:
		if (e->prefix6 > 128)
			FAIL("%s: IPv6 prefix %u", e->text, e->prefix6);
		for (unsigned i = e->prefix6; i < 128; i++)
			if (bit6(&e->a6, i))
				FAIL("%s: IPv6 bit %u set past /%u", e->text, i,
				    e->prefix6);
		if (e->name != NULL)
			FAIL("%s: IPv6 entry with a name", e->text);
		break;
	case ADDR_HOST:
	case ADDR_DOMAIN:
		check_name(e);
		break;
	default:
		FAIL("%s: entry of kind %d", e->text, (int)e->kind);
	}
}

static void check_list(const struct addrlist *l)
{
	bool names = false;

	if (l->n > l->cap || (l->n > 0 && l->v == NULL))
		FAIL("list of %zu entries, capacity %zu", l->n, l->cap);
	for (size_t i = 0; i < l->n; i++) {
		check_entry(&l->v[i]);
		names |= l->v[i].kind == ADDR_HOST ||
		    l->v[i].kind == ADDR_DOMAIN;
	}
	if (addrlist_needs_name(l) != names)
		FAIL("addrlist_needs_name says %d", !names);
}

/* Entry by entry, deep: the strings equal but not shared. */
static void check_copy(const struct addrlist *orig, const struct addrlist *c)
{
	if (c->n != orig->n)
		FAIL("copy has %zu entries, original %zu", c->n, orig->n);
	for (size_t i = 0; i < c->n; i++) {
		const struct addr_entry *a = &orig->v[i], *b = &c->v[i];

		if (!same_entry(a, b) || strcmp(a->text, b->text) != 0)
			FAIL("copy entry %zu differs (%s)", i, a->text);
		if (b->text == a->text || (a->name != NULL &&
		    b->name == a->name))
			FAIL("copy entry %zu shares its strings", i);
	}
}

/* ---- the reference matcher (a different way of writing it) -------------- */

static bool ref_ipv4(const struct sockaddr *sa, uint8_t out[4])
{
	static const uint8_t mapped[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
	};

	if (sa->sa_family == AF_INET) {
		memcpy(out, &((const struct sockaddr_in *)sa)->sin_addr, 4);
		return true;
	}
	if (sa->sa_family == AF_INET6) {
		const uint8_t *b =
		    ((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr;
		if (memcmp(b, mapped, 12) != 0)
			return false;
		memcpy(out, b + 12, 4);
		return true;
	}
	return false;
}

static bool ci_equal(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)a[i]) !=
		    tolower((unsigned char)b[i]))
			return false;
	return true;
}

static bool ref_entry(const struct addr_entry *e, const struct peer *p)
{
	const struct in6_addr *a6;
	uint8_t v4[4], a[4], m[4];
	size_t nl, el;

	switch (e->kind) {
	case ADDR_NET4:
		if (!ref_ipv4(p->sa, v4))
			return false;
		memcpy(a, &e->a4, 4);
		memcpy(m, &e->m4, 4);
		for (int i = 0; i < 4; i++)
			if ((v4[i] & m[i]) != a[i])
				return false;
		return true;
	case ADDR_NET6:
		if (p->sa->sa_family != AF_INET6)
			return false;
		a6 = &((const struct sockaddr_in6 *)p->sa)->sin6_addr;
		for (unsigned i = 0; i < e->prefix6; i++)
			if (bit6(a6, i) != bit6(&e->a6, i))
				return false;
		return true;
	case ADDR_HOST:
		if (p->name == NULL)
			return false;
		nl = strlen(p->name);
		return nl == strlen(e->name) && ci_equal(p->name, e->name, nl);
	case ADDR_DOMAIN:
		if (p->name == NULL)
			return false;
		nl = strlen(p->name);
		el = strlen(e->name);
		return nl >= el && ci_equal(p->name + nl - el, e->name, el);
	}
	return false;
}

static bool ref_match(const struct addrlist *l, const struct peer *p)
{
	for (size_t i = 0; i < l->n; i++)
		if (ref_entry(&l->v[i], p))
			return true;
	return false;
}

/* ---- operations ---------------------------------------------------------- */

static const size_t errlens[] = { 0, 1, 8, 200 };

static void check_err(const char *tok, enum addr_parse r, const char *err,
    size_t errlen)
{
	size_t len;

	if (err == NULL)
		return;
	len = strnlen(err, errlen);
	if (len == errlen)
		FAIL("%s: err not NUL-terminated in %zu bytes", tok, errlen);
	if (r == ADDR_OK && len != 0)
		FAIL("%s: OK with the message \"%s\"", tok, err);
	if (r != ADDR_OK && errlen > 1 && len == 0)
		FAIL("%s: result %d without a message", tok, (int)r);
}

/*
 * A list's state, to see that a failed add changed nothing without
 * copying it: the entries' contents and the strings' addresses.
 */
static uint64_t fingerprint(const struct addrlist *l)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < l->n; i++) {
		const struct addr_entry *e = &l->v[i];
		uintptr_t ptrs[2] = { (uintptr_t)e->name, (uintptr_t)e->text };
		const unsigned char *parts[] = {
			(const void *)&e->kind, (const void *)&e->a4,
			(const void *)&e->m4, (const void *)&e->a6,
			(const void *)&e->prefix6, (const void *)ptrs,
		};
		const size_t sizes[] = {
			sizeof(e->kind), sizeof(e->a4), sizeof(e->m4),
			sizeof(e->a6), sizeof(e->prefix6), sizeof(ptrs),
		};

		for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++)
			for (size_t j = 0; j < sizes[k]; j++)
				h = (h ^ parts[k][j]) * 1099511628211ULL;
		if (e->name != NULL)
			for (const char *c = e->name; *c != '\0'; c++)
				h = (h ^ (unsigned char)*c) * 1099511628211ULL;
	}
	return h ^ l->n;
}

static void add_token(struct list_state *st, const char *tok, size_t nth)
{
	size_t errlen = errlens[nth % 4], n0 = st->l.n;
	char *err = errlen > 0 ? fuzz_alloc(errlen) : NULL;
	uint64_t before = fingerprint(&st->l);
	enum addr_parse r;

	if (err != NULL)
		memset(err, 'x', errlen);
	r = addrlist_add(&st->l, tok, err, errlen);
	check_err(tok, r, err, errlen);
	free(err);
	if (r != ADDR_OK && r != ADDR_DROPPED && r != ADDR_FATAL)
		FAIL("%s: addrlist_add returned %d", tok, (int)r);
	if (r != ADDR_OK) {
		if (st->l.n != n0 || fingerprint(&st->l) != before)
			FAIL("%s: a failed add (%d) changed the list", tok,
			    (int)r);
		return;
	}
	if (st->l.n == n0 && tok[0] != '\0')
		FAIL("%s: OK but no entry added", tok);
	if (fingerprint(&(struct addrlist){ st->l.v, n0, n0 }) != before)
		FAIL("%s: adding changed the entries before", tok);
	for (size_t i = n0; i < st->l.n; i++)
		if (strcmp(st->l.v[i].text, tok) != 0)
			FAIL("%s: entry %zu has the text %s", tok, i,
			    st->l.v[i].text);
	if (st->l.n > n0 && st->ntok < MAX_CHECKED)
		st->tok[st->ntok++] = (struct added){ tok, n0, st->l.n - n0 };
}

/*
 * What -= TOKEN must do to l (equal to orig before): remove exactly the
 * entries equal to one that TOKEN adds to an empty list, keep the others
 * in order. want, if not NULL, are the entries TOKEN added to orig
 * earlier (the parse must give them again).
 */
static void check_remove(struct addrlist *l, const struct addrlist *orig,
    const char *tok, const struct added *want)
{
	struct addrlist fresh = { 0 };
	enum addr_parse r = addrlist_add(&fresh, tok, NULL, 0);
	size_t removed, k = 0, expect = 0;

	if (want != NULL) {
		if (r != ADDR_OK || fresh.n != want->count)
			FAIL("%s: parsed again: result %d, %zu entries, "
			    "not %zu", tok, (int)r, fresh.n, want->count);
		for (size_t i = 0; i < want->count; i++)
			if (!same_entry(&fresh.v[i],
			    &orig->v[want->first + i]))
				FAIL("%s: parsed again: entry %zu differs",
				    tok, i);
	}
	for (size_t i = 0; i < orig->n; i++)
		expect += r == ADDR_OK && in_list(&fresh, 0, fresh.n,
		    &orig->v[i]);
	removed = addrlist_remove(l, tok);
	if (removed != expect || l->n != orig->n - removed)
		FAIL("%s: -= removed %zu (list %zu -> %zu), expected %zu",
		    tok, removed, orig->n, l->n, expect);
	for (size_t i = 0; i < orig->n; i++) {
		if (r == ADDR_OK && in_list(&fresh, 0, fresh.n, &orig->v[i]))
			continue;
		if (!same_entry(&orig->v[i], &l->v[k]) ||
		    strcmp(orig->v[i].text, l->v[k].text) != 0)
			FAIL("%s: -= did not keep entry %zu in place", tok, i);
		k++;
	}
	check_list(l);
	addrlist_free(&fresh);
}

static void remove_token(struct list_state *st, const char *tok)
{
	struct addrlist orig = { 0 };

	addrlist_copy(&orig, &st->l);
	check_remove(&st->l, &orig, tok, NULL);
	addrlist_free(&orig);
	st->ntok = 0;	/* the recorded positions are stale now */
}

/* For (up to MAX_CHECKED of) the tokens added: -= it on a copy. */
static void check_removals(const struct list_state *st)
{
	for (size_t i = 0; i < st->ntok; i++) {
		struct addrlist c = { 0 };

		addrlist_copy(&c, &st->l);
		check_remove(&c, &st->l, st->tok[i].tok, &st->tok[i]);
		addrlist_free(&c);
	}
}

/* Peers every entry must match, and its neighbours. */
static void entry_peers(struct peers *ps, const struct addrlist *l)
{
	for (size_t i = 0; i < l->n && ps->n + 6 <= MAX_PEERS; i++) {
		const struct addr_entry *e = &l->v[i];
		uint8_t a6[16] = { 0 };
		char name[NAME_MAX_LEN];
		uint32_t a, m;

		switch (e->kind) {
		case ADDR_NET4:
			a = e->a4.s_addr;
			m = e->m4.s_addr;
			add_peer(ps, AF_INET, &a, NULL, 0);
			a6[10] = a6[11] = 0xff;
			a = e->a4.s_addr | ~m;
			memcpy(a6 + 12, &a, 4);
			add_peer(ps, AF_INET6, a6, NULL, 0);
			a = htonl(ntohl(e->a4.s_addr) - 1);
			add_peer(ps, AF_INET, &a, NULL, 0);
			break;
		case ADDR_NET6:
			add_peer(ps, AF_INET6, &e->a6, NULL, 0);
			memcpy(a6, &e->a6, 16);
			a6[15] ^= 1;
			add_peer(ps, AF_INET6, a6, NULL, 0);
			if (e->prefix6 > 0) {
				a6[(e->prefix6 - 1) / 8] ^=
				    (uint8_t)(0x80 >> ((e->prefix6 - 1) % 8));
				add_peer(ps, AF_INET6, a6, NULL, 0);
			}
			break;
		case ADDR_HOST:
		case ADDR_DOMAIN:
			/* "Host" + a domain, every other letter upper case. */
			snprintf(name, sizeof(name), "%s%s",
			    e->kind == ADDR_DOMAIN ? "Host" : "", e->name);
			for (size_t k = 0, len = strlen(name); k < len; k += 2)
				name[k] = (char)toupper((unsigned char)name[k]);
			add_peer(ps, AF_INET, "\x7f\0\0\x01", e->name,
			    strlen(e->name));
			add_peer(ps, AF_INET6, a6, name, strlen(name));
			add_peer(ps, AF_INET, "\0\0\0\0", e->name + 1,
			    strlen(e->name + 1));
			break;
		}
	}
}

/* An entry's own address (or name) must match its list. */
static void check_self_match(const struct addrlist *l, const struct peers *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		const struct peer *p = &ps->v[i];

		for (size_t j = 0; j < l->n; j++) {
			const struct addr_entry *e = &l->v[j];
			bool self = false;

			if (e->kind == ADDR_NET4 && p->sa->sa_family == AF_INET)
				self = memcmp(&((struct sockaddr_in *)p->sa)->
				    sin_addr, &e->a4, 4) == 0;
			else if (e->kind == ADDR_NET6 &&
			    p->sa->sa_family == AF_INET6)
				self = memcmp(&((struct sockaddr_in6 *)p->sa)->
				    sin6_addr, &e->a6, 16) == 0;
			else if (e->kind == ADDR_HOST && p->name != NULL)
				self = strcmp(p->name, e->name) == 0;
			if (self && !addrlist_match(l, p->sa, p->name))
				FAIL("entry %s does not match its own "
				    "address or name", e->text);
		}
	}
}

static enum access_verdict want_verdict(bool only_set, bool from,
    bool no_set, bool denied)
{
	from = only_set && from;
	denied = no_set && denied;
	if (from && denied)
		return ACCESS_DENY_BOTH;
	if (denied)
		return ACCESS_DENY;
	if (only_set && !from)
		return ACCESS_DENY;
	return ACCESS_ALLOW;
}

static void check_peer(const struct addrlist *a, const struct addrlist *ca,
    const struct addrlist *n, const struct peer *p)
{
	for (int with_name = 0; with_name < 2; with_name++) {
		const char *name = with_name ? p->name : NULL;
		struct peer q = { p->sa, (char *)name };
		bool ma = addrlist_match(a, p->sa, name);
		bool mn = addrlist_match(n, p->sa, name);

		if (with_name && p->name == NULL)
			break;
		if (ma != ref_match(a, &q) || mn != ref_match(n, &q))
			FAIL("addrlist_match: %d/%d, reference %d/%d "
			    "(family %d, name %s)", ma, mn, ref_match(a, &q),
			    ref_match(n, &q), p->sa->sa_family,
			    name ? name : "-");
		if (addrlist_match(ca, p->sa, name) != ma)
			FAIL("the copy matches differently");
		for (int k = 0; k < 4; k++) {
			bool os = k & 1, ns = k & 2;
			enum access_verdict v = addr_access(os ? a : NULL,
			    ns ? n : NULL, p->sa, name);
			if (v != want_verdict(os, ma, ns, mn))
				FAIL("addr_access %d, want %d (only_from "
				    "%s/%d, no_access %s/%d)", (int)v,
				    (int)want_verdict(os, ma, ns, mn),
				    os ? "set" : "unset", ma,
				    ns ? "set" : "unset", mn);
		}
	}
	if (addrlist_match(NULL, p->sa, p->name) ||
	    addrlist_match(a, NULL, p->name))
		FAIL("addrlist_match with a NULL list or peer");
}

/* ---- reverse names: getnameinfo() answers from here ---------------------- */

static struct {
	const char *name;	/* the PTR answer; NULL: none */
	unsigned calls;
	struct sockaddr_storage sa;	/* what was looked up */
	socklen_t salen;
} ptr;

/*
 * This program's getnameinfo() takes precedence over the C library's: the
 * peer's name is the answer (so a PTR record is fuzzed input, as it is
 * the peer's network's in real life), nothing goes to DNS.
 */
int getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host,
    socklen_t hostlen, char *serv, socklen_t servlen, int flags)
{
	(void)serv;
	(void)servlen;
	ptr.calls++;
	if (salen > sizeof(ptr.sa))
		FAIL("getnameinfo with a %u-byte address", (unsigned)salen);
	memcpy(&ptr.sa, sa, salen);
	ptr.salen = salen;
	if (host == NULL || !(flags & NI_NAMEREQD))
		FAIL("addr_peer_name must ask for a name (NI_NAMEREQD)");
	if (ptr.name == NULL)
		return EAI_NONAME;
	if (strlen(ptr.name) >= hostlen)
		return EAI_OVERFLOW;
	memcpy(host, ptr.name, strlen(ptr.name) + 1);
	return 0;
}

/* What addr_peer_name must have asked getnameinfo() about. */
static void check_lookup(const struct peer *p)
{
	uint8_t v4[4];

	if (p->sa->sa_family != AF_INET && p->sa->sa_family != AF_INET6) {
		if (ptr.calls != 0)
			FAIL("family %d looked up", p->sa->sa_family);
		return;
	}
	if (ptr.calls != 1)
		FAIL("%u look-ups for one peer", ptr.calls);
	if (ref_ipv4(p->sa, v4)) {
		const struct sockaddr_in *sin = (void *)&ptr.sa;
		if (ptr.salen != sizeof(*sin) || sin->sin_family != AF_INET ||
		    memcmp(&sin->sin_addr, v4, 4) != 0)
			FAIL("an IPv4 or v4-mapped peer not looked up as IPv4");
	} else {
		const struct sockaddr_in6 *sin6 = (void *)&ptr.sa;
		if (ptr.salen != sizeof(*sin6) ||
		    sin6->sin6_family != AF_INET6 ||
		    memcmp(&sin6->sin6_addr,
		    &((const struct sockaddr_in6 *)p->sa)->sin6_addr, 16) != 0)
			FAIL("an IPv6 peer not looked up as itself");
	}
}

static const size_t namelens[] = { 0, 1, 8, 64, 256, 1100 };

static void check_peer_name(const struct addrlist *a,
    const struct addrlist *n, const struct peer *p, size_t nth)
{
	size_t len = namelens[nth % 6];
	char *buf = fuzz_alloc(len), *want = fuzz_alloc(len);
	const char *r;
	bool fits;

	ptr.name = p->name;
	ptr.calls = 0;
	r = addr_peer_name(p->sa, buf, len);
	if (len == 0) {
		if (r != NULL || ptr.calls != 0)
			FAIL("addr_peer_name with a 0-byte buffer");
		goto out;
	}
	check_lookup(p);
	fits = p->name != NULL && strlen(p->name) < len &&
	    strlen(p->name) < NI_MAXHOST && (p->sa->sa_family == AF_INET ||
	    p->sa->sa_family == AF_INET6);
	if (!fits) {
		if (r != NULL)
			FAIL("addr_peer_name gave \"%s\" for no usable "
			    "name", r);
	} else {
		if (r != buf)
			FAIL("addr_peer_name gave %p, not its buffer",
			    (const void *)r);
		sanitize_copy(want, len, p->name);
		for (char *c = want; *c != '\0'; c++)
			*c = (char)tolower((unsigned char)*c);
		if (strcmp(buf, want) != 0)
			FAIL("addr_peer_name gave \"%s\", not \"%s\"", buf,
			    want);
		check_peer(a, a, n, &(struct peer){ p->sa, buf });
	}
out:
	ptr.name = NULL;
	free(want);
	free(buf);
}

static void run_lines(char *text, struct list_state *a,
    struct list_state *n, struct peers *ps)
{
	size_t nth = 0;
	char *save = NULL;

	for (char *line = strtok_r(text, "\n", &save);
	    line != NULL && nth < MAX_LINES;
	    line = strtok_r(NULL, "\n", &save), nth++) {
		switch (line[0]) {
		case '+':
			add_token(a, line + 1, nth);
			break;
		case '-':
			remove_token(a, line + 1);
			break;
		case '!':
			add_token(n, line + 1, nth);
			break;
		case '^':
			remove_token(n, line + 1);
			break;
		case '@':
			text_peer(ps, line + 1);
			break;
		case '#':
			break;
		default:
			add_token(a, line, nth);
			break;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct list_state a, n;
	static struct peers ps;
	struct addrlist ca = { 0 };
	const uint8_t *nul;
	size_t tlen;
	char *text;

	if (size > MAX_INPUT)
		return 0;
	nul = memchr(data, '\0', size);
	tlen = nul != NULL ? (size_t)(nul - data) : size;
	text = fuzz_strndup(data, tlen);
	a.ntok = n.ntok = 0;
	/* strtok_r cuts text; the tokens recorded point into it. */
	run_lines(text, &a, &n, &ps);
	if (nul != NULL)
		binary_peers(&ps, nul + 1, size - tlen - 1);
	check_list(&a.l);
	check_list(&n.l);

	/* A copy over a non-empty list replaces it; a self-copy is a no-op. */
	addrlist_copy(&ca, &n.l);
	addrlist_copy(&ca, &a.l);
	check_copy(&a.l, &ca);
	addrlist_copy(&ca, &ca);
	check_copy(&a.l, &ca);

	entry_peers(&ps, &a.l);
	entry_peers(&ps, &n.l);
	check_self_match(&a.l, &ps);
	check_self_match(&n.l, &ps);
	for (size_t i = 0; i < ps.n; i++) {
		check_peer(&a.l, &ca, &n.l, &ps.v[i]);
		check_peer_name(&a.l, &n.l, &ps.v[i], i);
	}
	check_removals(&a);
	check_removals(&n);

	addrlist_free(&ca);
	addrlist_free(&a.l);
	addrlist_free(&n.l);
	free_peers(&ps);
	free(text);
	return 0;
}
