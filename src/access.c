/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * access.c: admission checks. The parent's are cheap and never block
 * (time, load); the address and TCP wrappers checks may need DNS, so they
 * run in the forked child, as xinetd runs them (reference 4.2 step 7).
 */
#include "config.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access.h"
#include "log.h"
#include "wrap.h"

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

/*
 * xinetd's cps rule, quirks included: the window is compared with the rate
 * itself, and the window restarts when it has lasted as many seconds as
 * the rate (reference 4.7).
 */
static bool cps_tripped(const struct svc_conf *sc, struct cps_window *w,
    time_t now)
{
	time_t d;

	if (sc->cps_max == 0)
		return false;
	d = now - w->start;
	if (w->count == 0 || d >= (time_t)sc->cps_max) {
		w->count = 1;
		w->start = now;
		return false;
	}
	w->count++;
	return w->count / (unsigned)(d > 0 ? d : 1) > sc->cps_max;
}

static bool over(long limit, unsigned n)
{
	return limit != LIMIT_UNLIMITED && n >= (unsigned long)limit;
}

enum admit_verdict access_admit(const struct svc_conf *sc,
    struct cps_window *cps, const struct admission *a,
    const struct peer *p, time_t now)
{
	if (cps_tripped(sc, cps, a->mono))
		return ADMIT_CPS;
	if (sc->max_load > 0 && a->load >= sc->max_load)
		return ADMIT_LOAD;
	if (!access_time_ok(sc, now))
		return ADMIT_TIME;
	if (over(sc->instances, a->running))
		return ADMIT_INSTANCES;
	if (p->len > 0 && over(sc->per_source, a->from_source))
		return ADMIT_PER_SOURCE;
	if (a->process_limit > 0 &&
	    a->total_running + 1 > (unsigned long)a->process_limit)
		return ADMIT_PROCESS_LIMIT;
	/* A source a SENSOR caught; the sensor itself keeps extending it. */
	if (p->len > 0 && !(sc->flags & SVC_F_SENSOR) && a->sensor_blocked)
		return ADMIT_SENSOR;
	return ADMIT_OK;
}

const char *access_fail_word(enum admit_verdict v)
{
	static const char *const words[] = {
		[ADMIT_OK] = NULL,
		[ADMIT_CPS] = "connections per second",
		[ADMIT_LOAD] = "load",
		[ADMIT_TIME] = "time",
		[ADMIT_INSTANCES] = "service_limit",
		[ADMIT_PER_SOURCE] = "per_source_limit",
		[ADMIT_PROCESS_LIMIT] = "process_limit",
		[ADMIT_SENSOR] = "address",
		[ADMIT_SOURCE_PORT] = "source_port",
		[ADMIT_SOURCE_ADDRESS] = "source_address",
		[ADMIT_REPLY_RATE] = "reply_rate",
	};

	return words[v];
}

/* Nobody sends from these; a datagram that says so is forged. */
static bool no_unicast_source(const struct peer *p)
{
	const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)&p->addr;
	const struct sockaddr_in *s4 = (const struct sockaddr_in *)&p->addr;
	uint32_t a;

	if (p->addr.ss_family == AF_INET6) {
		if (IN6_IS_ADDR_MULTICAST(&s6->sin6_addr) ||
		    IN6_IS_ADDR_UNSPECIFIED(&s6->sin6_addr))
			return true;
		if (!IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr))
			return false;
		memcpy(&a, &s6->sin6_addr.s6_addr[12], sizeof(a));
	} else {
		a = s4->sin_addr.s_addr;
	}
	a = ntohl(a);
	/* 0.0.0.0/8, multicast and class E (255.255.255.255 among them). */
	return (a >> 24) == 0 || (a >> 28) >= 0xe;
}

enum admit_verdict access_reply_guard(const struct svc_conf *sc,
    const struct peer *p)
{
	if (p->len == 0)
		return ADMIT_OK;
	if (no_unicast_source(p))
		return ADMIT_SOURCE_ADDRESS;
	if (sockaddr_port((const struct sockaddr *)&p->addr) < 1024 &&
	    !sc->reply_to_low_ports)
		return ADMIT_SOURCE_PORT;
	return ADMIT_OK;
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

bool access_needs_name(const struct svc_conf *sc)
{
	return (sc->only_from_set && addrlist_needs_name(&sc->only_from)) ||
	    (sc->no_access_set && addrlist_needs_name(&sc->no_access));
}

enum access_refusal access_lists(const struct svc_conf *sc,
    const struct peer *peer, const char *name)
{
	if (!sc->only_from_set && !sc->no_access_set)
		return REFUSE_NONE;
	switch (addr_access(sc->only_from_set ? &sc->only_from : NULL,
	    sc->no_access_set ? &sc->no_access : NULL,
	    (const struct sockaddr *)&peer->addr, name)) {
	case ACCESS_ALLOW:
		return REFUSE_NONE;
	case ACCESS_DENY_BOTH:
		return REFUSE_ADDRESS_BOTH;
	case ACCESS_DENY:
		break;
	}
	return REFUSE_ADDRESS;
}

const char *access_refusal_word(enum access_refusal r)
{
	return r == REFUSE_LIBWRAP ? "libwrap" : r == REFUSE_NONE ? NULL :
	    "address";
}

void access_log(enum access_refusal r, const struct svc_conf *sc,
    const struct peer *peer, pid_t as)
{
	if (r == REFUSE_ADDRESS_BOTH)
		log_msg_as(as, LOG_ERR,
		    "Service=%s: only_from list and no_access list match equally the address %s",
		    sc->id, peer->text);
	else if (r == REFUSE_LIBWRAP)
		log_msg_as(as, LOG_INFO,
		    "libwrap refused connection to %s (libwrap=%s) from %s",
		    sc->id, wrap_daemon_name(sc), peer->text);
}

const char *access_child_check(const struct svc_conf *sc,
    const struct peer *peer, int fd)
{
	char namebuf[256];
	const char *name = NULL;
	enum access_refusal r;

	/*
	 * An unknown peer (a wait = yes stream server accepts for itself) is
	 * let through, as 2.3.15.4 does; 2.3.15.3 refused it and then forked
	 * again and again until cps stopped the service (reference 4.3).
	 */
	if (peer->len == 0)
		return NULL;
	if (access_needs_name(sc))
		name = addr_peer_name((const struct sockaddr *)&peer->addr,
		    namebuf, sizeof(namebuf));
	r = access_lists(sc, peer, name);
	if (r == REFUSE_NONE && wrap_active(sc) && !wrap_allows(sc, fd))
		r = REFUSE_LIBWRAP;
	access_log(r, sc, peer, 0);
	return access_refusal_word(r);
}
