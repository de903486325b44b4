/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* svc.c: a runtime service's mode and its state changes. */
#include "config.h"

#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include "builtin.h"
#include "log.h"
#include "checkwire.h"
#include "svc.h"
#include "vspawn.h"
#include "wrap.h"

/*
 * Builtins run inside the daemon when no check could block it there: TCP
 * wrappers and host-name address entries need look-ups, which the
 * checkers make for stream requests (checker.c); datagrams that need them
 * are answered by a child (DESIGN: no blocking call in the event loop).
 */
static const struct builtin *in_daemon_builtin(const struct svc_conf *sc)
{
	const struct builtin *b;

	if (!(sc->type & SVC_T_INTERNAL))
		return NULL;
	b = builtin_find(sc->name, sc->socket_type);
	/* An identd look-up before serving, or a sandbox, is a child's work. */
	if (b == NULL || b->kind == BUILTIN_TCPMUX ||
	    (sc->log_on_success & LOG_S_USERID) || (sc->flags & SVC_F_IDONLY) ||
	    conf_sandboxed(sc))
		return NULL;
	if (sc->socket_type != SOCK_STREAM &&
	    (wrap_active(sc) || access_needs_name(sc)))
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

/*
 * A redirect is relayed by the daemon unless its forwarder has work that
 * needs a child: an identd look-up, a sandbox to enter, limits to run
 * under, a TCPMUX entry's own checks.
 */
static bool relayable(const struct service *s)
{
	const struct svc_conf *sc = s->conf;

	return sc->redirect_len > 0 && s->stream && !s->hands_over &&
	    !s->mux_entry && !(sc->flags & (SVC_F_SENSOR | SVC_F_IDONLY)) &&
	    !(sc->log_on_success & LOG_S_USERID) && !conf_sandboxed(sc) &&
	    conf_rlimits_set(sc) == 0;
}

void svc_set_conf(struct service *s, struct svc_conf *sc)
{
	const struct builtin *b;

	if (s->conf != NULL) {
		svc_conf_free(s->conf);
		free(s->conf);
	}
	s->conf = sc;
	vspawn_plan_free(s->plan);
	s->plan = vspawn_plan(sc);
	s->stream = sc->socket_type == SOCK_STREAM ||
	    sc->socket_type == SOCK_SEQPACKET;
	s->lists = sc->only_from_set || sc->no_access_set;
	s->check_needs = (wrap_active(sc) ? CHECK_WRAP : 0) |
	    (access_needs_name(sc) ? CHECK_NAME : 0);
	s->inline_b = s->session_b = NULL;
	if ((b = in_daemon_builtin(sc)) != NULL && !b->forks)
		s->inline_b = b;
	else if (b != NULL && b->session != SESSION_NONE)
		s->session_b = b;
	s->hands_over = hands_over_socket(s);
	s->tcpmux = s->reply_guard = false;
	if (sc->type & SVC_T_INTERNAL) {
		b = builtin_find(sc->name, sc->socket_type);
		s->tcpmux = b != NULL && b->kind == BUILTIN_TCPMUX;
		s->reply_guard = b != NULL && !s->stream;
	}
	s->mux_entry = (sc->type & (SVC_T_TCPMUX | SVC_T_TCPMUXPLUS)) != 0;
	s->relays = relayable(s);
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
	} else if (!s->watch.armed && s->fd >= 0) {
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
