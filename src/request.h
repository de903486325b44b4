/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * request.h: the request path, from a readable listening socket to a
 * server, a builtin answer or a FAIL line (reference 4.2-4.7 and 8.3).
 */
#ifndef XINETD_REQUEST_H
#define XINETD_REQUEST_H

#include <stdint.h>

#include "loop.h"

struct service;

/* -limit N: cap on running servers across services (0 = none). */
void request_set_process_limit(long limit);
long request_process_limit(void);
/* -logprocs N: identd look-ups for refused clients at once. */
void request_set_logprocs(unsigned n);

/* The spare descriptor for EMFILE shedding (see request.c). */
void request_spare_open(void);
void request_spare_close(void);

/* A service's watch and resume-timer callbacks. */
void request_readable(struct loop_watch *w, uint32_t events);
void request_resume(struct loop_timer *t);

/* Drop the connections of s (NULL: all) waiting for a checker's answer. */
void request_cancel_checks(const struct service *s);

/*
 * A service that hands over its socket (wait = yes) watches it again once
 * no server runs and no request waits for a fork retry.
 */
void request_rearm(struct service *s);

#endif
