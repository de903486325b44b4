/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * spawn.h: everything between fork and exec, in the order xinetd does it
 * (reference 4.4), and the server environment (reference 4.5).
 */
#ifndef XINETD_SPAWN_H
#define XINETD_SPAWN_H

#include <stdbool.h>
#include <sys/types.h>

#include "conf/conf.h"

struct peer;
struct svclog;

struct spawn_req {
	const struct svc_conf *sc;
	struct svclog *log;		/* for the child's FAIL line */
	int fd;				/* becomes the server's fds 0, 1, 2 */
	const struct peer *peer;
	/* Read end of the START gate (log_hold), or -1. */
	int start_gate;
	/* The access checks were made before (checker.c): not again. */
	bool checked;
};

/*
 * Fork a server for one request. The child runs the address and TCP
 * wrappers checks after switching credentials, then execs the server or
 * runs the builtin, tcpmux or redirect forwarder; a refused request logs
 * FAIL and exits 0. as_sibling (the spawning helper) makes the server a
 * child of the caller's parent, the daemon. Returns the pid, or -1 with
 * errno if fork failed.
 */
pid_t spawn_fork(const struct spawn_req *req, bool as_sibling);

/*
 * log_on_failure = USERID, for a connection the daemon refused (reference
 * 4.13): a child asks the client's identd and logs USERID; the daemon
 * closes its copy of conn as usual. Returns the pid, or -1.
 */
pid_t spawn_userid(const struct svc_conf *sc, struct svclog *log, int conn);

#endif
