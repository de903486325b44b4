/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * held.h: what the daemon's own sessions (session.c, relay.c) share: a
 * list per kind, each entry counted against its service's instances
 * (s->sessions) and, by client address, its per_source.
 */
#ifndef XINETD_HELD_H
#define XINETD_HELD_H

#include "peer.h"

struct service;

struct held {
	struct held *next, **prevp;
	struct service *svc;
	char peer[INET6_ADDRSTRLEN];
};

/* h, a session of s from peer, joins list. */
void held_add(struct held **list, struct held *h, struct service *s,
    const char *peer);
void held_remove(struct held *h);

/* The sessions on list of s from peer. */
unsigned held_from_source(const struct held *list, const struct service *s,
    const char *peer);

/* end() each session on list of s (NULL: all); end removes it. */
void held_end_all(struct held *list, const struct service *s,
    void (*end)(struct held *h));

#endif
