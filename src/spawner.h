/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * spawner.h: a helper process that forks the servers. It holds only the
 * logs and a socket to the daemon, so creating a server costs the same with
 * ten services or ten thousand: a fork of the daemon would copy, and the
 * server would then have to close, every listening socket.
 */
#ifndef XINETD_SPAWNER_H
#define XINETD_SPAWNER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "peer.h"

struct svc_conf;
struct svclog;

/* What the helper needs of the service at one index of the table. */
struct spawner_svc {
	const struct svc_conf *sc;
	struct svclog *log;
};

/*
 * (Re)start the helper as a fork of the daemon as it is now: it keeps its
 * copy of svcs (and of the services' logs) and serves requests by index.
 * Called whenever the table has changed. On failure servers are forked by
 * the daemon itself.
 */
void spawner_start(const struct spawner_svc *svcs, size_t n);
void spawner_stop(void);

/* spawner_spawn: a server was created, but its pid was lost with the helper. */
#define SPAWNER_ORPHAN ((pid_t)-2)

/* Is there a helper to ask? */
bool spawner_running(void);

/*
 * Have the helper create the server for the service at index, for the
 * connection conn with the read end of the START gate (or -1; gate_w is
 * the other end; checked: the access checks were made); it becomes a
 * child of the daemon (CLONE_PARENT), reaped
 * as usual. gate_r is closed here in any case. Returns the pid, -1 with
 * errno set if the helper's fork failed, 0 when there is no helper (or it
 * stopped answering before it created anything): then the caller forks
 * with a new gate; or SPAWNER_ORPHAN. Waits at most a quarter of a second
 * for the helper.
 */
pid_t spawner_spawn(unsigned index, int conn, int gate_r, int gate_w,
    const struct peer *p, bool checked);

/* Is pid a helper, current or replaced and not reaped yet? */
bool spawner_is_helper(pid_t pid);

/* True if pid was the helper: the reaper does not log it as a server. */
bool spawner_reaped(pid_t pid);

#endif
