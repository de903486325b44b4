/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * peer.h: the address at the other end of a request, as the checks, the
 * logs and the servers see it.
 */
#ifndef XINETD_PEER_H
#define XINETD_PEER_H

#include <netinet/in.h>
#include <sys/socket.h>

struct peer {
	struct sockaddr_storage addr;
	socklen_t len;			/* 0: not known (stream wait = yes) */
	char text[INET6_ADDRSTRLEN];	/* numeric, or "<no address>" */
};

void peer_set(struct peer *p, const struct sockaddr *sa, socklen_t len);

/* The address part, port aside, for per-address tables: its length. */
size_t peer_address_key(const struct peer *p, unsigned char key[16]);

/*
 * Servers see IPv4 clients of a dual-stack socket as plain AF_INET peers,
 * as under xinetd, where the kernel can do it; the logs keep the ::ffff:
 * form (reference 8.3).
 */
void peer_unmap_v4(int conn, const struct peer *p);

#endif
