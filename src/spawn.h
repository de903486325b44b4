/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * spawn.h: everything between fork and exec, in the order xinetd does it
 * (reference section 4.4), and the server environment (4.5).
 */
#ifndef XINETD_SPAWN_H
#define XINETD_SPAWN_H

#include <stdbool.h>
#include <sys/types.h>

#include "conf/conf.h"

/* Capture the daemon's start-up environment, less what is ours alone. */
void spawn_capture_env(char **envp);
void spawn_free_env(void);

struct peer;
struct svclog;

struct spawn_req {
	const struct svc_conf *sc;
	struct svclog *log;		/* for the child's FAIL line */
	int fd;				/* becomes the server's fds 0, 1, 2 */
	const struct peer *peer;
	/* tcpmux: the TCPMUX service of that name, or NULL. */
	const struct svc_conf *(*mux_lookup)(const char *name);
};

/*
 * Fork a server for one request. The child runs the address and TCP
 * wrappers checks after switching credentials, then execs the server or
 * runs the builtin, tcpmux or redirect forwarder; a refused request logs
 * FAIL and exits 0. Returns the pid, or -1 with errno if fork failed.
 */
pid_t spawn_server(const struct spawn_req *req);

/*
 * The fork itself, for spawn_server and the spawning helper: as_sibling
 * makes the server a child of the helper's parent, the daemon.
 */
pid_t spawn_fork(const struct spawn_req *req, bool as_sibling);

#endif
