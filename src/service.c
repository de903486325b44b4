/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * service.c: the service table and its reload: open what is new, keep what
 * is unchanged, retire what is gone (reference 7.1); the spawning helper's
 * start-up and the RPC registrations follow the table.
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "activation.h"
#include "checker.h"
#include "children.h"
#include "listen.h"
#include "log.h"
#include "request.h"
#include "retry.h"
#include "rpc.h"
#include "sensor.h"
#include "relay.h"
#include "session.h"
#include "service.h"
#include "spawner.h"
#include "svc.h"
#include "svclog.h"
#include "tcpmux.h"
#include "util.h"
#include "vspawn.h"

/*
 * From this many services on, servers are forked by the spawning helper:
 * measured on loopback (bench/), its constant round trip costs less than a
 * fork of a daemon holding this many sockets.
 */
#define SPAWNER_MIN_SERVICES 256

static struct service **table;
static size_t ntable;
/* Services taken out of the table, waiting for their servers to exit. */
static struct service **retired;
static size_t nretired;
/* TCPMUX entries: runtime objects for their counters, no socket (tcpmux.c). */
static struct service **muxes;
static size_t nmuxes;
static struct svclog *common_log;
/* Set by the first svc_configure: the next ones are reloads. */
static bool configured;

unsigned svc_count(void)
{
	return (unsigned)ntable;
}

const struct service *svc_nth(size_t i)
{
	if (i < ntable)
		return table[i];
	i -= ntable;
	return i < nretired ? retired[i] : NULL;
}

/* RPC: the kernel picked the port; the portmapper must learn it. */
static bool register_rpc(struct service *s)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(s->fd, (struct sockaddr *)&ss, &len) < 0)
		return false;
	s->rpc_registered = rpc_register(s->conf,
	    (int)sockaddr_port((struct sockaddr *)&ss));
	return s->rpc_registered;
}

static void unregister_rpc(struct service *s)
{
	if (s->rpc_registered)
		rpc_unregister(s->conf);
	s->rpc_registered = false;
}

/* A FILE log from defaults is one shared file (reference 8.2). */
static struct svclog *log_for(const struct svc_conf *sc,
    const struct svc_conf *defaults)
{
	if (!(sc->specified & ABIT(A_LOG_TYPE)) && common_log != NULL &&
	    defaults->log.kind == LOGT_FILE)
		return svclog_ref(common_log);
	return svclog_open(&sc->log);
}

/* Give s the new entry sc, and the log that goes with it. */
static void install(struct service *s, struct svc_conf *sc,
    const struct svc_conf *defaults)
{
	svc_set_conf(s, sc);
	svclog_unref(s->log);
	s->log = log_for(sc, defaults);
}

/* Stop listening: the socket, its watch, its timer, its registration. */
static void close_listener(struct service *s)
{
	unregister_rpc(s);
	loop_del(&s->watch);
	loop_timer_cancel(&s->resume);
	if (s->fd >= 0)
		listen_close(s->fd);
	s->fd = -1;
}

static void service_free(struct service *s)
{
	close_listener(s);
	svclog_unref(s->log);
	vspawn_plan_free(s->plan);
	svc_conf_free(s->conf);
	free(s->conf);
	free(s);
}

/* The new service's listener, or NULL after logging why it has none. */
static struct service *service_open(struct svc_conf *sc,
    const struct svc_conf *defaults)
{
	struct service *s = xcalloc(1, sizeof(*s));

	s->fd = -1;
	s->watch.fn = request_readable;
	s->resume.fn = request_resume;
	install(s, sc, defaults);
	s->fd = listen_open(s->conf);
	if (s->fd >= 0 && (sc->type & SVC_T_RPC) && !register_rpc(s)) {
		log_msg(LOG_ERR, "Service %s failed to start and is deactivated.",
		    sc->id);
		service_free(s);
		return NULL;
	}
	if (s->fd >= 0)
		svc_set_state(s, SVC_ACTIVE);
	if (s->fd < 0 || !s->watch.armed) {
		service_free(s);
		return NULL;
	}
	return s;
}

/*
 * Reload matching (reference 7.1, and OpenBSD inetd's habit): a running
 * service keeps its socket, its servers and its counters when the new
 * entry has the same id and the same socket identity.
 */
static bool same_socket(const struct svc_conf *a, const struct svc_conf *b)
{
	const unsigned kinds = SVC_T_INTERNAL | SVC_T_UNLISTED | SVC_T_RPC;
	const unsigned sockflags = SVC_F_IPV4 | SVC_F_IPV6 | SVC_F_NODELAY |
	    SVC_F_KEEPALIVE;

	return strcasecmp(a->id, b->id) == 0 &&
	    (a->type & kinds) == (b->type & kinds) &&
	    (a->flags & sockflags) == (b->flags & sockflags) &&
	    a->wait == b->wait && a->socket_type == b->socket_type &&
	    a->proto_num == b->proto_num && a->port == b->port &&
	    a->v6only == b->v6only && a->bind_len == b->bind_len &&
	    a->rpc_number == b->rpc_number && a->rpc_lo == b->rpc_lo &&
	    a->rpc_hi == b->rpc_hi &&
	    memcmp(&a->bind_addr, &b->bind_addr, a->bind_len) == 0;
}

static bool listed(const struct strvec *ids, const char *id)
{
	for (size_t i = 0; i < ids->n; i++)
		if (strcasecmp(ids->v[i], id) == 0)
			return true;
	return false;
}

/* s's sessions the daemon serves itself (builtins, relays); NULL: all. */
static void end_daemon_sessions(const struct service *s)
{
	session_end_all(s);
	relay_end_all(s);
}

/*
 * A removed service stops listening at once; its running servers are
 * stopped as xinetd stops them (SIGKILL for external servers, SIGTERM for
 * the daemon's own children) and reaped as usual.
 */
static void retire(struct service *s)
{
	const struct svc_conf *sc = s->conf;
	int sig = (sc->type & SVC_T_INTERNAL) || sc->redirect_len > 0 ?
	    SIGTERM : SIGKILL;

	retry_cancel(s);
	request_cancel_checks(s);
	end_daemon_sessions(s);
	(void)children_signal(s, sig);
	log_msg(LOG_NOTICE, "service %s deactivated", sc->id);
	close_listener(s);
	svc_set_state(s, SVC_RETIRED);
	retired = xreallocarray(retired, nretired + 1, sizeof(*retired));
	retired[nretired++] = s;
}

void svc_collect(void)
{
	size_t kept = 0;

	for (size_t i = 0; i < nretired; i++) {
		if (retired[i]->running == 0 && retired[i]->sessions == 0)
			service_free(retired[i]);
		else
			retired[kept++] = retired[i];
	}
	nretired = kept;
}

/*
 * The spawning helper works from a copy of the table, so it is started
 * anew after every change. With few services a fork of the daemon is
 * cheaper than the round trip to the helper, so below
 * SPAWNER_MIN_SERVICES the daemon forks for itself.
 */
static void start_spawner(void)
{
	struct spawner_svc *svcs;

	if (ntable < SPAWNER_MIN_SERVICES) {
		spawner_stop();
		return;
	}
	svcs = xcalloc(ntable, sizeof(*svcs));
	for (size_t i = 0; i < ntable; i++) {
		svcs[i].sc = table[i]->conf;
		svcs[i].log = table[i]->log;
	}
	spawner_start(svcs, ntable);
	free(svcs);
}

/* The running service that the new entry sc continues, taken from old. */
static struct service *take_match(struct service **old, size_t nold,
    const struct svc_conf *sc)
{
	for (size_t i = 0; i < nold; i++) {
		if (old[i] != NULL && same_socket(old[i]->conf, sc)) {
			struct service *s = old[i];
			old[i] = NULL;
			return s;
		}
	}
	return NULL;
}

/* Keep the running service the entry continues, or open a new one. */
static struct service *adopt_or_open(struct service **old, size_t nold,
    struct svc_conf *sc, const struct conf_set *cs,
    struct svc_counts *counts)
{
	struct service *s = take_match(old, nold, sc);

	if (s != NULL) {
		bool handed_over = s->hands_over;
		log_msg(LOG_NOTICE, "readjusting service %s", sc->id);
		install(s, sc, &cs->defaults);
		/*
		 * Who owns a queued request's descriptor, and who watches the
		 * socket, depends on the mode: a new one starts afresh.
		 */
		if (s->hands_over != handed_over) {
			retry_cancel(s);
			request_rearm(s);
		}
		counts->kept++;
		return s;
	}
	s = service_open(sc, &cs->defaults);
	if (s != NULL && configured)
		counts->started++;
	return s;
}

/* An old service no new entry continues: kept if its entry was bad. */
static void keep_or_retire(struct service *s, const struct conf_set *cs,
    struct svc_counts *counts)
{
	/* A bad new entry must not take down what is running. */
	if (listed(&cs->rejected, s->conf->id)) {
		log_msg(LOG_WARNING,
		    "service %s: the new configuration of this service has errors; the running one is kept",
		    s->conf->id);
		table[ntable++] = s;
		counts->kept++;
		return;
	}
	retire(s);
	counts->dropped++;
}

/* A TCPMUX entry: counters and a log, never a socket. */
static struct service *mux_new(struct svc_conf *sc, const struct svc_conf *d)
{
	struct service *s = xcalloc(1, sizeof(*s));

	s->fd = -1;
	s->resume.fn = request_resume;
	install(s, sc, d);
	return s;
}

/* Set aside, or free, an entry no new TCPMUX entry continues. */
static void mux_drop(struct service *s)
{
	if (s->running == 0) {
		service_free(s);
		return;
	}
	loop_timer_cancel(&s->resume);
	svc_set_state(s, SVC_RETIRED);
	retired = xreallocarray(retired, nretired + 1, sizeof(*retired));
	retired[nretired++] = s;
}

/*
 * The TCPMUX entries of cs, keeping the counters of those whose id was
 * there before, so their running servers still count (reference 7.1).
 */
static void configure_muxes(struct conf_set *cs)
{
	struct service **old = muxes;
	size_t nold = nmuxes;

	muxes = xcalloc(cs->nsvcs + 1, sizeof(*muxes));
	nmuxes = 0;
	for (size_t i = 0; i < cs->nsvcs; i++) {
		struct svc_conf *sc = cs->svcs[i];
		struct service *s = NULL;

		if (sc == NULL || !(sc->type & (SVC_T_TCPMUX | SVC_T_TCPMUXPLUS)))
			continue;
		cs->svcs[i] = NULL;
		for (size_t k = 0; k < nold && s == NULL; k++) {
			if (old[k] != NULL &&
			    strcasecmp(old[k]->conf->id, sc->id) == 0) {
				s = old[k];
				old[k] = NULL;
				install(s, sc, &cs->defaults);
			}
		}
		muxes[nmuxes++] = s != NULL ? s : mux_new(sc, &cs->defaults);
	}
	for (size_t k = 0; k < nold; k++)
		if (old[k] != NULL)
			mux_drop(old[k]);
	free(old);
	tcpmux_set(muxes, nmuxes);
}

unsigned svc_configure(struct conf_set *cs, struct svc_counts *counts)
{
	struct service **old = table;
	size_t nold = ntable;

	memset(counts, 0, sizeof(*counts));
	request_spare_open();
	/* The tables may have been edited for this reload. */
	checker_flush();
	/* A reload reopens every log, so rotation needs nothing else. */
	svclog_unref(common_log);
	common_log = cs->defaults.log.kind == LOGT_FILE ?
	    svclog_open(&cs->defaults.log) : NULL;
	configure_muxes(cs);

	table = xcalloc(cs->nsvcs + nold, sizeof(*table));
	ntable = 0;
	for (size_t i = 0; i < cs->nsvcs; i++) {
		struct svc_conf *sc = cs->svcs[i];
		struct service *s;

		if (sc == NULL)
			continue;
		cs->svcs[i] = NULL;
		s = adopt_or_open(old, nold, sc, cs, counts);
		if (s != NULL)
			table[ntable++] = s;
	}
	for (size_t k = 0; k < nold; k++)
		if (old[k] != NULL)
			keep_or_retire(old[k], cs, counts);
	free(old);
	cs->nsvcs = 0;
	for (size_t i = 0; i < ntable; i++)
		table[i]->index = (unsigned)i;
	configured = true;
	start_spawner();
	activation_report();
	return (unsigned)ntable;
}

void svc_reap(void)
{
	struct service *s;

	while (children_reap_one(&s))
		if (s != NULL && s->state != SVC_RETIRED)
			request_rearm(s);
}

/*
 * SIGTERM (reference 7): the daemon's own children (forked builtins,
 * redirectors, tcpmux) and RPC servers are told to stop and given a
 * moment; other servers keep running, as under xinetd, so a restart does
 * not cut sessions.
 */
void svc_stop_own_servers(void)
{
	const struct service *s;

	end_daemon_sessions(NULL);
	for (size_t i = 0; (s = svc_nth(i)) != NULL; i++)
		if (children_stop_with_daemon(s->conf))
			(void)children_signal(s, SIGTERM);
	children_finish_own();
}

static void free_all(struct service **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		service_free(v[i]);
	free(v);
}

void svc_stop_all(void)
{
	request_cancel_checks(NULL);
	checker_stop();
	end_daemon_sessions(NULL);
	spawner_stop();
	retry_cancel_all();
	children_forget_all();
	free_all(table, ntable);
	table = NULL;
	ntable = 0;
	free_all(retired, nretired);
	retired = NULL;
	nretired = 0;
	tcpmux_set(NULL, 0);
	free_all(muxes, nmuxes);
	muxes = NULL;
	nmuxes = 0;
	sensor_clear();
	svclog_unref(common_log);
	common_log = NULL;
	request_spare_close();
	configured = false;
}
