/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * service.h: the runtime service table: one entry per active service with
 * its listening socket, its log and its running servers.
 */
#ifndef XINETD_SERVICE_H
#define XINETD_SERVICE_H

#include <stdbool.h>
#include <stddef.h>

#include "conf/conf.h"

struct svc_counts {
	unsigned started;	/* new services (on a reload) */
	unsigned kept;		/* running services carried over */
	unsigned dropped;	/* running services removed */
};

/*
 * Make the table match cs: at start-up, open every listener; on a reload,
 * keep the running services whose socket identity is unchanged, open the
 * new ones and retire the rest (reference 7.1). The table takes over the
 * entries of cs. Returns the number of services now available.
 */
unsigned svc_configure(struct conf_set *cs, struct svc_counts *counts);

/* Free retired services whose servers have all exited (after each loop). */
void svc_collect(void);

/* SIGTERM: stop the daemon's own children (builtins, redirectors). */
void svc_stop_own_servers(void);

/* Reap exited servers (SIGCHLD): EXIT lines, counters released. */
void svc_reap(void);

/* Close every listener and free the table; running servers are left be. */
void svc_stop_all(void);

unsigned svc_count(void);

struct service;
/* The i-th service, the table's then the retired ones; NULL past them. */
const struct service *svc_nth(size_t i);

#endif
