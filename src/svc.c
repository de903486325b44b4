/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* svc.c: a runtime service's mode and its state changes. */
#include "config.h"

#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include "builtin.h"
#include "log.h"
#include "svc.h"
#include "wrap.h"

/*
 * Builtins that answer at once run inside the daemon when no check could
 * block it: TCP wrappers and host-name address entries need lookups, and
 * those belong in a child (DESIGN: no blocking call in the event loop).
 * A sandbox can only be built in a child, so asking for one forks too.
 */
static const struct builtin *inline_builtin(const struct svc_conf *sc)
{
	const struct builtin *b;

	if (!(sc->type & SVC_T_INTERNAL))
		return NULL;
	b = builtin_find(sc->name, sc->socket_type);
	if (b == NULL || b->forks || wrap_active(sc) || conf_sandboxed(sc))
		return NULL;
	if ((sc->only_from_set && addrlist_needs_name(&sc->only_from)) ||
	    (sc->no_access_set && addrlist_needs_name(&sc->no_access)))
		return NULL;
	return b;
}

/*
 * The socket itself goes to the server for wait = yes, and to a datagram
 * builtin that has to run in a child (the datagram must wait for it). The
 * daemon accepts for stream builtins and answers other datagrams itself.
 */
static bool hands_over_socket(const struct service *s)
{
	const struct svc_conf *sc = s->conf;

	if (sc->flags & SVC_F_SENSOR)
		return false;
	if (!(sc->type & SVC_T_INTERNAL))
		return sc->wait;
	return !s->stream && s->inline_b == NULL;
}

void svc_set_conf(struct service *s, struct svc_conf *sc)
{
	if (s->conf != NULL) {
		svc_conf_free(s->conf);
		free(s->conf);
	}
	s->conf = sc;
	s->stream = sc->socket_type == SOCK_STREAM ||
	    sc->socket_type == SOCK_SEQPACKET;
	s->inline_b = inline_builtin(sc);
	s->hands_over = hands_over_socket(s);
}

const char *svc_state_name(enum svc_state st)
{
	switch (st) {
	case SVC_ACTIVE:
		return "Active";
	case SVC_BUSY:
		return "Waiting for its server";
	case SVC_SUSPENDED:
		return "Suspended (cps)";
	case SVC_PAUSED:
		return "Paused (no descriptors)";
	case SVC_RETIRED:
		return "Removed, servers still running";
	}
	return "?";
}

void svc_set_state(struct service *s, enum svc_state st)
{
	enum svc_state from = s->state;

	if (st != SVC_ACTIVE) {
		loop_del(&s->watch);
	} else if (!s->watch.armed) {
		int r = loop_add(&s->watch, s->fd, EPOLLIN);
		if (r < 0) {
			log_msg(LOG_ERR, "unable to watch service %s: %s",
			    s->conf->id, log_strerror(-r));
			st = SVC_PAUSED;
			loop_timer_arm(&s->resume, SVC_PAUSE_MS);
		}
	}
	s->state = st;
	if (from != st)
		log_debug("service %s: %s -> %s", s->conf->id,
		    svc_state_name(from), svc_state_name(st));
}
