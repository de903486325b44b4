/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * sdunit.c: systemd unit-file syntax and the prefix arithmetic of the
 * exporter. The rules followed are those of systemd 252 (Debian 12), the
 * oldest systemd the exported units are meant for; each function names
 * the manual section it implements.
 */
#include "config.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "conf/sdunit.h"
#include "util.h"

/* A growing output string; small, so the quoting code stays readable. */
struct buf {
	char *s;
	size_t n, cap;
};

static void buf_add(struct buf *b, const char *s, size_t len)
{
	if (b->n + len + 1 > b->cap) {
		b->cap = (b->n + len + 1) * 2;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	memcpy(b->s + b->n, s, len);
	b->n += len;
	b->s[b->n] = '\0';
}

static void buf_char(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

static char *buf_done(struct buf *b)
{
	if (b->s == NULL)
		buf_add(b, "", 0);
	return b->s;
}

/*
 * Characters that need no quotes in a word (systemd.syntax(7), QUOTING):
 * no whitespace, quote, backslash or ';' (a lone one separates commands).
 */
static bool plain_char(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return true;
	return c != '\0' && strchr("/._+,:=@-%$", c) != NULL;
}

static bool plain_word(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!plain_char((unsigned char)*s))
			return false;
	return true;
}

/* '%' starts a specifier (systemd.unit(5)), "$" a variable (COMMAND LINES). */
static void add_escaped(struct buf *b, unsigned char c, unsigned flags,
    bool quoted)
{
	char hex[8];

	if (c == '%')
		buf_add(b, "%%", 2);
	else if (c == '$' && (flags & SDQ_DOLLAR))
		buf_add(b, "$$", 2);
	else if (quoted && (c == '"' || c == '\\')) {
		buf_char(b, '\\');
		buf_char(b, (char)c);
	} else if (quoted && (c < 0x20 || c >= 0x7f)) {
		snprintf(hex, sizeof(hex), "\\x%02x", c);
		buf_add(b, hex, 4);
	} else
		buf_char(b, (char)c);
}

char *sdu_quote(const char *s, unsigned flags)
{
	struct buf b = { 0 };
	bool quoted = !plain_word(s);

	if (quoted)
		buf_char(&b, '"');
	for (; *s != '\0'; s++)
		add_escaped(&b, (unsigned char)*s, flags, quoted);
	if (quoted)
		buf_char(&b, '"');
	return buf_done(&b);
}

char *sdu_specifiers(const char *s)
{
	struct buf b = { 0 };
	bool utf8 = sdu_utf8_ok(s);

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '%')
			buf_add(&b, "%%", 2);
		else if (c < 0x20 || c == 0x7f || (c >= 0x80 && !utf8))
			buf_char(&b, '?');
		else
			buf_char(&b, (char)c);
	}
	return buf_done(&b);
}

/* env_name_is_valid() of systemd: what bash accepts as a variable name. */
bool sdu_env_name_ok(const char *s, size_t len)
{
	if (len == 0 || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_'))
			return false;
	}
	return true;
}

/*
 * One UTF-8 sequence at s: its length, or 0 when systemd's utf8_is_valid()
 * would refuse it (bad or overlong encoding, surrogates, noncharacters,
 * beyond U+10FFFF).
 */
static size_t utf8_seq(const unsigned char *s)
{
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t len;
	uint32_t c;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min[len] || c >= 0x110000 || (c & 0xfffff800) == 0xd800 ||
	    (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe)
		return 0;
	return len;
}

bool sdu_utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		size_t n = utf8_seq(p);

		if (n == 0)
			return false;
		p += n;
	}
	return true;
}

static bool unit_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == ':' || c == '_' || c == '.';
}

/*
 * systemd.unit(5), STRING ESCAPING: '/' becomes '-', everything but ASCII
 * alphanumerics, ':', '_' and '.' (and '.' in front) becomes \xNN.
 */
static char *systemd_escape(const char *id)
{
	struct buf b = { 0 };
	char hex[8];

	for (const char *p = id; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '/') {
			buf_char(&b, '-');
		} else if (unit_char(c) && !(c == '.' && p == id)) {
			buf_char(&b, (char)c);
		} else {
			snprintf(hex, sizeof(hex), "\\x%02x", c);
			buf_add(&b, hex, 4);
		}
	}
	return buf_done(&b);
}

/*
 * '-' is valid in unit names; escaping it too, as systemd-escape does,
 * would turn "hello-name" into "hello\x2dname", which nobody would type.
 */
char *sdu_unit_prefix(const char *id)
{
	if (*id == '\0' || *id == '.')
		return systemd_escape(id);
	for (const char *p = id; *p != '\0'; p++)
		if (!unit_char((unsigned char)*p) && *p != '-')
			return systemd_escape(id);
	return xstrdup(id);
}

/*
 * systemd.socket(5), ListenStream=: a bare port is IPv6 with IPv4 as the
 * fallback when the kernel has no IPv6, which is what listen.c does for a
 * service without bind; a literal address is bound as it is.
 */
bool sdu_listen(const struct svc_conf *sc, char *buf, size_t len, bool *ipv6)
{
	char addr[INET6_ADDRSTRLEN], ifname[IF_NAMESIZE];
	unsigned port = (unsigned)sc->port;

	/* systemd refuses port 0; the daemon would bind an ephemeral one. */
	if (sc->port <= 0 || sc->port > 65535)
		return false;
	if (sc->bind_len == 0) {
		*ipv6 = !(sc->flags & SVC_F_IPV4);
		snprintf(buf, len, *ipv6 ? "%u" : "0.0.0.0:%u", port);
		return true;
	}
	if (sc->bind_addr.sa.sa_family == AF_INET) {
		const struct sockaddr_in *s4 = &sc->bind_addr.in4;

		*ipv6 = false;
		inet_ntop(AF_INET, &s4->sin_addr, addr, sizeof(addr));
		snprintf(buf, len, "%s:%u", addr, port);
		return true;
	}
	const struct sockaddr_in6 *s6 = &sc->bind_addr.in6;

	*ipv6 = true;
	inet_ntop(AF_INET6, &s6->sin6_addr, addr, sizeof(addr));
	if (s6->sin6_scope_id == 0)
		snprintf(buf, len, "[%s]:%u", addr, port);
	else if (if_indextoname(s6->sin6_scope_id, ifname) != NULL)
		snprintf(buf, len, "[%s]:%u%%%%%s", addr, port, ifname);
	else
		snprintf(buf, len, "[%s]:%u%%%%%u", addr, port,
		    (unsigned)s6->sin6_scope_id);
	return true;
}

/* ---- prefixes ---------------------------------------------------------- */

static unsigned family_bits(int family)
{
	return family == AF_INET ? 32 : 128;
}

static bool get_bit(const unsigned char *a, unsigned i)
{
	return (a[i / 8] >> (7 - i % 8)) & 1;
}

static void flip_bit(unsigned char *a, unsigned i)
{
	a[i / 8] ^= (unsigned char)(1 << (7 - i % 8));
}

static void clear_host_bits(unsigned char *a, unsigned len, unsigned bits)
{
	for (unsigned i = len; i < bits; i++)
		if (get_bit(a, i))
			flip_bit(a, i);
}

/* Do the first len bits of x and y agree? */
static bool same_prefix(const unsigned char *x, const unsigned char *y,
    unsigned len)
{
	for (unsigned i = 0; i < len; i++)
		if (get_bit(x, i) != get_bit(y, i))
			return false;
	return true;
}

static bool net_contains(const struct sdu_net *outer,
    const struct sdu_net *inner)
{
	return outer->family == inner->family && outer->len <= inner->len &&
	    same_prefix(outer->a, inner->a, outer->len);
}

void sdu_netlist_add(struct sdu_netlist *l, int family,
    const unsigned char *a, unsigned len)
{
	struct sdu_net *n;
	unsigned bits = family_bits(family);

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	n = &l->v[l->n++];
	memset(n, 0, sizeof(*n));
	n->family = family;
	n->len = len > bits ? bits : len;
	memcpy(n->a, a, bits / 8);
	clear_host_bits(n->a, n->len, bits);
}

void sdu_netlist_free(struct sdu_netlist *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* A contiguous IPv4 mask as a prefix length; -1 for any other mask. */
static int mask_len(struct in_addr m)
{
	uint32_t v = ntohl(m.s_addr);
	int len = 0;

	while (len < 32 && (v & (UINT32_C(1) << (31 - len))))
		len++;
	return (len == 32 || (v << len) == 0) ? len : -1;
}

static const unsigned char v4mapped[12] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
};

/* The IPv4 clients an IPv6 entry admits through a dual-stack socket. */
static void add_mapped_part(struct sdu_netlist *out, const struct addr_entry *e)
{
	const unsigned char *a = e->a6.s6_addr;

	if (e->prefix6 <= 96) {
		if (same_prefix(a, v4mapped, e->prefix6))
			sdu_netlist_add(out, AF_INET, a + 12, 0);
	} else if (memcmp(a, v4mapped, sizeof(v4mapped)) == 0) {
		sdu_netlist_add(out, AF_INET, a + 12, e->prefix6 - 96);
	}
}

size_t sdu_netlist_from(struct sdu_netlist *out, const struct addrlist *l,
    enum sdu_peers peers)
{
	size_t left = 0;

	for (size_t i = 0; i < l->n; i++) {
		const struct addr_entry *e = &l->v[i];
		int len;

		switch (e->kind) {
		case ADDR_NET4:
			len = mask_len(e->m4);
			if (len < 0)
				left++;
			else if (peers != SDU_PEERS_V6)
				sdu_netlist_add(out, AF_INET,
				    (const unsigned char *)&e->a4,
				    (unsigned)len);
			break;
		case ADDR_NET6:
			if (peers == SDU_PEERS_V4)
				break;
			sdu_netlist_add(out, AF_INET6, e->a6.s6_addr,
			    e->prefix6);
			if (peers == SDU_PEERS_DUAL)
				add_mapped_part(out, e);
			break;
		case ADDR_HOST:
		case ADDR_DOMAIN:
			left++;
			break;
		}
	}
	return left;
}

/*
 * p minus q into out: nothing when q covers p, p itself when they are
 * disjoint, else the siblings of the path from p down to q, which cover
 * exactly p without q.
 */
static void subtract_one(struct sdu_netlist *out, const struct sdu_net *p,
    const struct sdu_net *q)
{
	if (net_contains(q, p))
		return;
	if (!net_contains(p, q)) {
		sdu_netlist_add(out, p->family, p->a, p->len);
		return;
	}
	for (unsigned i = p->len; i < q->len; i++) {
		unsigned char a[16];

		memcpy(a, q->a, sizeof(a));
		flip_bit(a, i);
		sdu_netlist_add(out, p->family, a, i + 1);
	}
}

/* Drop entries equal to or inside another one; order is kept. */
static void drop_covered(struct sdu_netlist *l)
{
	size_t kept = 0;

	for (size_t i = 0; i < l->n; i++) {
		bool covered = false;

		for (size_t j = 0; j < l->n && !covered; j++)
			covered = j != i && net_contains(&l->v[j], &l->v[i]) &&
			    (l->v[j].len < l->v[i].len || j < i);
		if (!covered)
			l->v[kept++] = l->v[i];
	}
	l->n = kept;
}

bool sdu_netlist_subtract(struct sdu_netlist *out, const struct sdu_netlist *a,
    const struct sdu_netlist *d, size_t max)
{
	struct sdu_netlist work = { 0 }, next = { 0 };

	for (size_t i = 0; i < a->n; i++) {
		work.n = 0;
		sdu_netlist_add(&work, a->v[i].family, a->v[i].a, a->v[i].len);
		for (size_t j = 0; j < d->n && work.n > 0; j++) {
			next.n = 0;
			for (size_t k = 0; k < work.n; k++)
				subtract_one(&next, &work.v[k], &d->v[j]);
			struct sdu_netlist t = work;
			work = next;
			next = t;
			if (work.n > max)
				goto too_many;
		}
		for (size_t k = 0; k < work.n; k++)
			sdu_netlist_add(out, work.v[k].family, work.v[k].a,
			    work.v[k].len);
		if (out->n > max)
			goto too_many;
	}
	sdu_netlist_free(&work);
	sdu_netlist_free(&next);
	drop_covered(out);
	return true;
too_many:
	sdu_netlist_free(&work);
	sdu_netlist_free(&next);
	out->n = 0;
	return false;
}

void sdu_net_format(const struct sdu_net *n, char *buf, size_t len)
{
	char addr[INET6_ADDRSTRLEN];

	inet_ntop(n->family, n->a, addr, sizeof(addr));
	if (n->len == family_bits(n->family))
		snprintf(buf, len, "%s", addr);
	else
		snprintf(buf, len, "%s/%u", addr, n->len);
}
