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

/*
 * Have the helper create the server for the service at index, for the
 * connection fds[0] with the START gate fds[1] (or -1); it becomes a child
 * of the daemon (CLONE_PARENT), reaped as usual. Returns the pid,
 * -1 with errno set if the helper's fork failed, or 0 when there is no
 * helper (or it stopped answering): then the caller forks.
 */
pid_t spawner_spawn(unsigned index, const int fds[2], const struct peer *p);

/* True if pid was the helper: the reaper does not log it as a server. */
bool spawner_reaped(pid_t pid);

#endif
