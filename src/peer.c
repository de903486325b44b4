/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* peer.c: the peer address type and its text form. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "compat.h"
#include "log.h"
#include "peer.h"

void peer_set(struct peer *p, const struct sockaddr *sa, socklen_t len)
{
	const void *a = NULL;

	memset(p, 0, sizeof(*p));
	if (sa != NULL && len > 0 && len <= sizeof(p->addr)) {
		memcpy(&p->addr, sa, len);
		p->len = len;
		if (sa->sa_family == AF_INET6)
			a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
		else if (sa->sa_family == AF_INET)
			a = &((const struct sockaddr_in *)sa)->sin_addr;
	}
	if (a == NULL || inet_ntop(sa->sa_family, a, p->text,
	    sizeof(p->text)) == NULL) {
		p->len = 0;
		strlcpy(p->text, "<no address>", sizeof(p->text));
	}
}

/*
 * Kernels from Linux 6.18 on refuse IPV6_ADDRFORM (ENOPROTOOPT): then the
 * server keeps an AF_INET6 socket with the ::ffff: peer (xinetd.8, IPv6).
 * Said once, and not tried again.
 */
size_t peer_address_key(const struct peer *p, unsigned char key[16])
{
	const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)&p->addr;
	const struct sockaddr_in *s4 = (const struct sockaddr_in *)&p->addr;

	if (p->addr.ss_family == AF_INET6) {
		memcpy(key, &s6->sin6_addr, 16);
		return 16;
	}
	memcpy(key, &s4->sin_addr, 4);
	return 4;
}

void peer_unmap_v4(int conn, const struct peer *p)
{
	static bool unsupported;
	const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)&p->addr;
	int family = AF_INET;

	if (unsupported || p->len == 0 || p->addr.ss_family != AF_INET6 ||
	    !IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr))
		return;
	if (setsockopt(conn, IPPROTO_IPV6, IPV6_ADDRFORM, &family,
	    sizeof(family)) == 0 || errno != ENOPROTOOPT)
		return;
	unsupported = true;
	log_msg(LOG_INFO,
	    "the kernel cannot turn IPv4 connections of dual-stack sockets into AF_INET sockets (IPV6_ADDRFORM: %s); servers see them as ::ffff: IPv6 peers",
	    log_strerror(errno));
}
