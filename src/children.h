/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * children.h: the servers the daemon has started and must reap: a pid
 * table and each service's list, the EXIT hand-off, per-source counts.
 */
#ifndef XINETD_CHILDREN_H
#define XINETD_CHILDREN_H

#include <stdbool.h>
#include <sys/types.h>

#include "peer.h"

struct service;
struct svc_conf;

void children_add(struct service *s, pid_t pid, const struct peer *p);

/*
 * tcpmux: the server pid (a child of the tcpmux service) now also counts
 * for the TCPMUX entry sub it was admitted to. False if unknown or done.
 */
bool children_attach_sub(pid_t pid, struct service *sub);

/*
 * Reap one exited process: its EXIT line is logged and it no longer
 * counts. Returns false when none is left to reap; *s is the service whose
 * server it was, or NULL (the spawning helper, an unknown child).
 */
bool children_reap_one(struct service **s);

/* Identd look-ups for refusals: counted (-logprocs), reaped silently. */
void children_add_lookup(pid_t pid);
unsigned children_lookups(void);

/* Is pid a server in the table, a look-up or a spawning helper? */
bool children_known(pid_t pid);

/* s's running servers started for a client at the address peer. */
unsigned children_from_source(const struct service *s, const char *peer);

/* Running servers of every service. */
unsigned children_total(void);

/* Entries of the pid table, for the consistency check. */
unsigned children_in_table(void);

/* Send sig to each of s's servers, logging it; returns how many. */
unsigned children_signal(const struct service *s, int sig);

/*
 * Servers that stop with the daemon (its own code: builtins, redirectors,
 * tcpmux; and RPC servers, reference 7).
 */
bool children_stop_with_daemon(const struct svc_conf *sc);

/*
 * After those were sent SIGTERM: reap them for at most 2.5 s, then kill
 * what is left.
 */
void children_finish_own(void);

/* Forget every entry (the daemon is exiting; servers are left be). */
void children_forget_all(void);

#endif
