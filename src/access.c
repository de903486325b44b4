/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * access.c: admission checks. The parent's are cheap and never block
 * (time, load); the address and TCP wrappers checks may need DNS, so they
 * run in the forked child, as xinetd runs them (reference 4.2 step 7).
 */
#include "config.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access.h"
#include "compat.h"
#include "log.h"
#include "wrap.h"

void peer_set(struct peer *p, const struct sockaddr *sa, socklen_t len)
{
	const void *a = NULL;

	memset(p, 0, sizeof(*p));
	if (sa != NULL && len > 0 && len <= sizeof(p->addr)) {
		memcpy(&p->addr, sa, len);
		p->len = len;
		if (sa->sa_family == AF_INET6)
			a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
		else if (sa->sa_family == AF_INET)
			a = &((const struct sockaddr_in *)sa)->sin_addr;
	}
	if (a == NULL || inet_ntop(sa->sa_family, a, p->text,
	    sizeof(p->text)) == NULL) {
		p->len = 0;
		strlcpy(p->text, "<no address>", sizeof(p->text));
	}
}

bool access_time_ok(const struct svc_conf *sc, time_t now)
{
	struct tm tm;
	short minute;

	if (sc->n_access_times == 0)
		return true;
	localtime_r(&now, &tm);
	minute = (short)(tm.tm_hour * 60 + tm.tm_min);
	for (size_t i = 0; i < sc->n_access_times; i++)
		if (minute >= sc->access_times[i].start &&
		    minute <= sc->access_times[i].end)
			return true;
	return false;
}

double access_load(void)
{
	char buf[64];
	double load = -1;
	int fd = open("/proc/loadavg", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	if (sscanf(buf, "%lf", &load) != 1)
		return -1;
	return load;
}

const char *access_child_check(const struct svc_conf *sc,
    const struct peer *peer, int fd)
{
	const struct sockaddr *sa = (const struct sockaddr *)&peer->addr;

	/*
	 * An unknown peer (a wait = yes stream server accepts for itself) is
	 * let through, as 2.3.15.4 does; 2.3.15.3 refused it and then forked
	 * again and again until cps stopped the service (reference 4.3).
	 */
	if (peer->len == 0)
		return NULL;
	if (sc->only_from_set || sc->no_access_set) {
		char namebuf[256];
		const char *name = NULL;
		if ((sc->only_from_set && addrlist_needs_name(&sc->only_from)) ||
		    (sc->no_access_set && addrlist_needs_name(&sc->no_access)))
			name = addr_peer_name(sa, namebuf, sizeof(namebuf));
		switch (addr_access(sc->only_from_set ? &sc->only_from : NULL,
		    sc->no_access_set ? &sc->no_access : NULL, sa, name)) {
		case ACCESS_ALLOW:
			break;
		case ACCESS_DENY_BOTH:
			log_msg(LOG_ERR,
			    "Service=%s: only_from list and no_access list match equally the address %s",
			    sc->id, peer->text);
			return "address";
		case ACCESS_DENY:
			return "address";
		}
	}
	if (wrap_active(sc) && !wrap_allows(sc, fd, peer->text))
		return "libwrap";
	return NULL;
}
