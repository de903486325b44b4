/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * sdunit.h: the pieces of systemd unit-file syntax the exporter writes
 * (systemd 252: systemd.syntax(7), systemd.service(5) "COMMAND LINES",
 * systemd.unit(5) "STRING ESCAPING FOR INCLUSION IN UNIT NAMES",
 * systemd.socket(5) ListenStream=), and the address arithmetic that turns
 * xinetd's only_from/no_access into IPAddressAllow=/IPAddressDeny=.
 * Pure functions of their arguments, so the unit tests can pin them down.
 */
#ifndef XINETD_SDUNIT_H
#define XINETD_SDUNIT_H

#include <stdbool.h>
#include <stddef.h>

#include "addrmatch.h"
#include "conf/conf.h"

/* sdu_quote flags */
enum {
	SDQ_DOLLAR = 1 << 0,	/* "$" -> "$$": a command line argument */
};

/*
 * One word of a setting that is unquoted by systemd (ExecStart=,
 * Environment=): returned as is when it is made of plain characters only,
 * else in double quotes with '"', '\' and control characters escaped;
 * '%' is always doubled (specifiers), '$' with SDQ_DOLLAR. Bytes from 0x80
 * are written as \xNN, since systemd ignores a whole line that is not
 * valid UTF-8. The result is allocated.
 */
char *sdu_quote(const char *s, unsigned flags);

/*
 * Text for a setting that takes specifiers but no quoting (Description=):
 * '%' doubled; control bytes, and every non-ASCII byte of a string that is
 * not UTF-8, become '?'.
 */
char *sdu_specifiers(const char *s);

/* Variable names as systemd takes them: [A-Za-z_][A-Za-z0-9_]*. */
bool sdu_env_name_ok(const char *s, size_t len);
bool sdu_utf8_ok(const char *s);

/*
 * The unit name prefix for a service id: the id itself when it is made of
 * ASCII letters, digits, ':', '_', '.' and '-' only and does not start
 * with '.', else the id escaped as systemd-escape(1) escapes it (every
 * other byte, and a leading '.', as \xNN). Allocated.
 */
char *sdu_unit_prefix(const char *id);

/*
 * The address part of ListenStream=/ListenDatagram= for the socket the
 * daemon opens for sc (listen.c): "PORT" for the wildcard the daemon binds
 * as IPv6 with IPv4 as fallback, "0.0.0.0:PORT" for the IPv4 flag, else
 * the bind address ("A.B.C.D:PORT", "[X]:PORT", "[X]:PORT%%IFACE" with the
 * '%' already doubled). *ipv6 says whether BindIPv6Only= applies. False
 * when systemd cannot bind it (port 0).
 */
bool sdu_listen(const struct svc_conf *sc, char *buf, size_t len, bool *ipv6);

/* ---- address prefixes for IPAddressAllow= / IPAddressDeny= ---------- */

struct sdu_net {
	int family;		/* AF_INET or AF_INET6 */
	unsigned char a[16];	/* network order, host bits zero */
	unsigned len;		/* prefix length */
};

struct sdu_netlist {
	struct sdu_net *v;
	size_t n, cap;
};

/* Which clients a listening socket can have (decides how entries match). */
enum sdu_peers {
	SDU_PEERS_V4,		/* an IPv4 socket: native IPv4 peers only */
	SDU_PEERS_DUAL,		/* IPv6 with V6ONLY off: IPv6 and mapped IPv4 */
	SDU_PEERS_V6,		/* IPv6 only */
};

void sdu_netlist_add(struct sdu_netlist *l, int family,
    const unsigned char *a, unsigned len);
void sdu_netlist_free(struct sdu_netlist *l);

/*
 * The address entries of an xinetd list as the prefixes systemd matches
 * against the packet's address, for a socket with these peers: IPv4
 * entries match IPv4 packets; an IPv6 entry also yields the IPv4 prefix of
 * its v4-mapped part on a dual-stack socket (xinetd compares the mapped
 * address); entries that can never match on this socket are dropped.
 * Returns how many HOST/DOMAIN entries were left out.
 */
size_t sdu_netlist_from(struct sdu_netlist *out, const struct addrlist *l,
    enum sdu_peers peers);

/*
 * out = a minus d, as prefixes (xinetd denies what both lists match,
 * systemd lets IPAddressAllow= win). False, with out emptied, if more
 * than max prefixes would be needed.
 */
bool sdu_netlist_subtract(struct sdu_netlist *out, const struct sdu_netlist *a,
    const struct sdu_netlist *d, size_t max);

/* "10.0.0.0/8", "192.0.2.1", "2001:db8::/32", "::1". */
void sdu_net_format(const struct sdu_net *n, char *buf, size_t len);

#endif
