/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * retry.h: requests waiting for fork to work again (reference 4.13): each
 * holds its connection (or, for a service that hands over its socket, the
 * socket stays the service's) until its timer fires. A queued request
 * counts as a running server for the limits (request.c).
 */
#ifndef XINETD_RETRY_H
#define XINETD_RETRY_H

#include <stdbool.h>

#include "peer.h"

/* Fork failures: retry every 5 s, give up after 5 (reference 4.13). */
#define RETRY_MS 5000
#define RETRY_ATTEMPTS 5
#define RETRY_MAX_PENDING 64

struct service;

/* Called when a retry is due; it owns fd again. */
typedef void (*retry_fn)(struct service *s, int fd, const struct peer *p,
    int attempts);

/* Queue a request; false (nothing queued) when the queue is full. */
bool retry_queue(struct service *s, int fd, const struct peer *p,
    int attempts, retry_fn fn);

/* Has s a request waiting? */
bool retry_pending(const struct service *s);

/* Give up s's pending requests (closing their connections). */
void retry_cancel(const struct service *s);
void retry_cancel_all(void);

/* s's queued requests from p's address; all queued requests. */
unsigned retry_from_source(const struct service *s, const struct peer *p);
unsigned retry_count(void);

#endif
