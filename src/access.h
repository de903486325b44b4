/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * access.h: admission checks, each returning a verdict the caller logs
 * with xinetd's FAIL reason word (reference 4.2 and 8.3).
 */
#ifndef XINETD_ACCESS_H
#define XINETD_ACCESS_H

#include <netinet/in.h>
#include <stdbool.h>
#include <sys/socket.h>
#include <time.h>

#include "conf/conf.h"

struct peer {
	struct sockaddr_storage addr;
	socklen_t len;			/* 0: not known (stream wait = yes) */
	char text[INET6_ADDRSTRLEN];	/* numeric, or "<no address>" */
};

void peer_set(struct peer *p, const struct sockaddr *sa, socklen_t len);

/* access_times: is now inside one of the spans? (no list: always) */
bool access_time_ok(const struct svc_conf *sc, time_t now);

/* max_load: the 1-minute load average, or a negative value if unknown. */
double access_load(void);

/*
 * The checks made in the forked child, after the credential switch:
 * only_from/no_access, then TCP wrappers on fd. NULL when allowed, else the
 * FAIL reason ("address", "libwrap"); the explanation is already logged.
 */
const char *access_child_check(const struct svc_conf *sc,
    const struct peer *peer, int fd);

#endif
