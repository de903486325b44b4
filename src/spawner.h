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

struct spawn_req;

/*
 * (Re)start the helper as a fork of the daemon as it is now, keeping the
 * descriptors in keep open in it. Called whenever the service table has
 * changed, because the helper works from its copy of the table. On failure
 * servers are forked by the daemon itself.
 */
void spawner_start(const int *keep, size_t nkeep);
void spawner_stop(void);

/*
 * Have the helper create the server for req; it becomes a child of the
 * daemon (CLONE_PARENT), reaped as usual. Returns the pid, or -1 with errno
 * set; a helper that is not running (or died) makes the daemon fork.
 */
pid_t spawner_spawn(const struct spawn_req *req);

/* True if pid was the helper: the reaper does not log it as a server. */
bool spawner_reaped(pid_t pid);

#endif
