/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * addrmatch.h: the address lists of only_from and no_access, and the
 * verdict they give for a peer (reference 4.8).
 */
#ifndef XINETD_ADDRMATCH_H
#define XINETD_ADDRMATCH_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

enum addr_kind {
	ADDR_NET4,		/* IPv4 address + mask (host, CIDR, zero-wildcard, factorized) */
	ADDR_NET6,		/* IPv6 address + prefix length */
	ADDR_HOST,		/* host name: the peer's reverse name must equal it */
	ADDR_DOMAIN,		/* ".example.com": the reverse name ends with it */
};

struct addr_entry {
	enum addr_kind kind;
	struct in_addr a4, m4;	/* NET4 */
	struct in6_addr a6;	/* NET6 */
	unsigned prefix6;	/* NET6 */
	char *name;		/* HOST, DOMAIN: lower-case */
	char *text;		/* the token as written, for dumps and -= */
};

struct addrlist {
	struct addr_entry *v;
	size_t n, cap;
};

enum addr_parse {
	ADDR_OK = 0,
	ADDR_DROPPED = 1,	/* reported, token ignored, service kept */
	ADDR_FATAL = -1,	/* reported, the service must be disabled */
};

/*
 * Add one token (which may expand to several entries, e.g. factorized
 * "10.0.{1,2}"). On anything but ADDR_OK, err holds the message in
 * xinetd's wording ("failed to parse X", "Address: X has a comma in it -
 * remove the comma", "Bad address: X. Consecutive commas", ...).
 */
enum addr_parse addrlist_add(struct addrlist *l, const char *token,
    char *err, size_t errlen);
/* -= : remove the entries that token would add (same address and mask, or
 * same name). Returns how many were removed. */
size_t addrlist_remove(struct addrlist *l, const char *token);
void addrlist_copy(struct addrlist *dst, const struct addrlist *src);
void addrlist_free(struct addrlist *l);
/* True if some entry needs the peer's reverse name. */
bool addrlist_needs_name(const struct addrlist *l);

/*
 * Does the list match the peer? name is the peer's reverse-resolved name
 * (NULL if unknown or not resolvable); only HOST/DOMAIN entries use it.
 * IPv4 entries also match IPv4-mapped IPv6 peers; IPv6 entries never
 * match native IPv4 peers.
 */
bool addrlist_match(const struct addrlist *l, const struct sockaddr *peer,
    const char *name);

enum access_verdict {
	ACCESS_ALLOW,
	ACCESS_DENY,		/* no_access matched, or only_from did not */
	ACCESS_DENY_BOTH,	/* both matched: refused, and logged as such */
};

/*
 * The decision of reference 4.8: both match -> DENY_BOTH; no_access match ->
 * DENY; an only_from list that is set (even empty) and does not match ->
 * DENY; else ALLOW. A NULL list pointer means the attribute is not set.
 */
enum access_verdict addr_access(const struct addrlist *only_from,
    const struct addrlist *no_access, const struct sockaddr *peer,
    const char *name);

/* Reverse-resolve a peer for HOST/DOMAIN entries (may block: child only).
 * Returns buf or NULL. IPv4-mapped peers are looked up as IPv4. */
const char *addr_peer_name(const struct sockaddr *peer, char *buf,
    size_t len);

#endif
