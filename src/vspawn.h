/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * vspawn.h: the fast way to a server: clone(CLONE_VM | CLONE_VFORK |
 * CLONE_FILES) and a child that makes only raw system calls on a plan
 * worked out when the service was loaded. It costs neither a copy of the
 * daemon's memory nor of its descriptor table, so it does not grow with
 * the number of services. For the servers whose child has nothing to do
 * that could block or needs its own memory (spawn.c does the rest).
 */
#ifndef XINETD_VSPAWN_H
#define XINETD_VSPAWN_H

#include <stdbool.h>
#include <sys/types.h>

#include "conf/conf.h"
#include "peer.h"

struct exec_plan;

/*
 * Once at start-up: can this kernel do it (close_range with
 * CLOSE_RANGE_UNSHARE), and is it wanted (XINETD_NG_SPAWN=fork turns it
 * off, for tests and as an escape hatch)?
 */
void vspawn_init(void);

/* The plan for sc, or NULL when its child needs the full fork path. */
struct exec_plan *vspawn_plan(const struct svc_conf *sc);
void vspawn_plan_free(struct exec_plan *pl);

/* What went wrong in the child, reported to the parent. */
struct vspawn_report {
	int step;		/* 0: exec'd */
	int err;
	int nice_err;		/* nice failed (the server still ran) */
	int rlimit_err;		/* a setrlimit failed (likewise) */
};

/*
 * Start the server on conn (it becomes fds 0, 1 and 2). Returns the pid,
 * or -1 with errno if clone failed. Then, after START, vspawn_log() says
 * what the child could not say itself.
 */
pid_t vspawn_start(struct exec_plan *pl, int conn, const struct peer *p,
    struct vspawn_report *rep);
void vspawn_log(const struct vspawn_report *rep, const struct svc_conf *sc,
    pid_t pid);

/*
 * A child that only exits 0: the pid of a request the daemon refused for
 * its child's checks, so the log shows START, FAIL, EXIT as a forked
 * child's refusal does. -1 with errno if none could be made.
 */
pid_t vspawn_null(void);

#endif
