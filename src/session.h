/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * session.h: stream echo, discard and chargen served inside the daemon:
 * non-blocking, a bounded buffer each, an idle timeout, and a cap on how
 * many at once (beyond it the builtin runs in a child, as before).
 */
#ifndef XINETD_SESSION_H
#define XINETD_SESSION_H

#include <stdbool.h>

#include "peer.h"

/* Sessions at once; the next request forks. */
#define SESSION_MAX 1024
/*
 * Seconds without progress (nothing read, nothing written) before closing;
 * XINETD_NG_SESSION_IDLE=N (read by session_init) says otherwise.
 */
#define SESSION_IDLE_S 60
void session_init(void);

struct service;
struct builtin;

/* Can s's stream builtin b be served here (kind and room)? */
bool session_possible(const struct builtin *b);

/* Serve conn (taken over) for s, a service of builtin b. */
void session_start(struct service *s, const struct builtin *b, int conn,
    const struct peer *p);

/* s's sessions from peer's address, for per_source. */
unsigned session_from_source(const struct service *s, const char *peer);

/* End s's sessions (it is removed, or the daemon stops); NULL: all. */
void session_end_all(const struct service *s);

unsigned session_count(void);

#endif
