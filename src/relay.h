/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * relay.h: redirected sessions relayed by the daemon itself, without a
 * forwarder process: non-blocking connect, the directions of forward.c
 * driven by the event loop, a cap on how many at once (beyond it, and
 * where the service needs a child, the forwarder forks as before).
 */
#ifndef XINETD_RELAY_H
#define XINETD_RELAY_H

#include <stdbool.h>

#include "peer.h"

/* Relays at once; the next redirected session forks its forwarder. */
#define RELAY_MAX 256

/*
 * XINETD_NG_RELAY=N (read here) relays at most N at once (0: none, every
 * session forks its forwarder).
 */
void relay_init(void);

struct service;

/*
 * Relay conn (taken over, its checks passed) for s, a redirect service
 * that may be relayed (s->relays): START, banner_success, then the
 * session. False, conn untouched and nothing logged, when it cannot be
 * relayed now (as many relays as allowed, no descriptor): the
 * caller forks.
 */
bool relay_start(struct service *s, int conn, const struct peer *p);

/* s's relays from peer's address, for per_source. */
unsigned relay_from_source(const struct service *s, const char *peer);

/* End s's relays (it is removed, or the daemon stops); NULL: all. */
void relay_end_all(const struct service *s);

#endif
