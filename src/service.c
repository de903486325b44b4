/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * service.c: the service table and the request path: take the request
 * (accept, or the socket itself for wait = yes), parent-side admission in
 * xinetd's order, fork, START; and the other end: reaping, EXIT, release
 * and re-arming (reference sections 4.2-4.7 and 8.3).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "access.h"
#include "banner.h"
#include "builtin.h"
#include "conf/dump.h"
#include "listen.h"
#include "log.h"
#include "loop.h"
#include "rpc.h"
#include "sensor.h"
#include "service.h"
#include "spawn.h"
#include "spawner.h"
#include "svclog.h"
#include "wrap.h"

/* Connections taken per readiness event, so one busy port cannot starve. */
#define ACCEPT_BATCH 16
#define CHILD_BUCKETS 1024
/* Datagrams discarded per drain; the rest wait for the next request. */
#define DRAIN_MAX 1024
/* Fork failures: retry every 5 s, give up after 5 (reference 4.13). */
#define FORK_RETRY_MS 5000
#define FORK_RETRIES 5
#define MAX_PENDING_RETRIES 64
/*
 * From this many services on, servers are forked by the spawning helper:
 * measured on loopback (bench/), its constant round trip costs less than a
 * fork of a daemon holding this many sockets.
 */
#define SPAWNER_MIN_SERVICES 256
/* Pause after accept() fails for want of descriptors and none is spare. */
#define FD_SHORTAGE_PAUSE_MS 1000

enum svc_state {
	SVC_ACTIVE,		/* listening and watched */
	SVC_BUSY,		/* wait = yes: the server has the socket */
	SVC_SUSPENDED,		/* cps tripped: socket closed until resume */
	SVC_PAUSED,		/* descriptor shortage: not watched for a while */
	SVC_RETIRED,		/* removed by a reload; servers still running */
};

struct child;

struct service {
	struct loop_watch watch;	/* first: the loop hands it back */
	struct svc_conf *conf;
	struct svclog *log;
	int fd;
	enum svc_state state;
	unsigned running;
	struct child *children;		/* this service's running servers */
	time_t fd_shortage_logged;
	unsigned cps_count;		/* cps window (reference 4.7) */
	time_t cps_start;
	struct loop_timer resume;	/* end of a cps suspension or pause */
	bool rpc_registered;
	const struct builtin *inline_b;	/* answered by the daemon itself */
};

struct child {
	struct child *hnext;		/* pid hash chain */
	struct child *snext;		/* service's list */
	pid_t pid;
	struct service *svc;
	uint64_t start_ms;
	char peer[INET6_ADDRSTRLEN];
};

/* A request waiting for fork to succeed again. */
struct retry {
	struct loop_timer timer;	/* first: the timer hands it back */
	struct retry *next;
	struct service *svc;
	int fd;				/* connection, or the service socket */
	struct peer peer;
	int attempts;
};

static struct service **table;
static size_t ntable;
/* TCPMUX services: no socket of their own; tcpmux finds them by name. */
static struct svc_conf **muxes;
static size_t nmuxes;
static struct child *by_pid[CHILD_BUCKETS];
static struct retry *retries;
static unsigned nretries;
static unsigned total_running;
static long process_limit;
static struct svclog *common_log;
/*
 * A spare descriptor: when accept() fails for want of descriptors it is
 * given up to take the pending connection and close it, so the listener
 * does not stay readable and spin the loop.
 */
static int spare_fd = -1;

void svc_set_process_limit(long limit)
{
	process_limit = limit;
}

unsigned svc_count(void)
{
	return (unsigned)ntable;
}

static bool is_stream(const struct svc_conf *sc)
{
	return sc->socket_type == SOCK_STREAM ||
	    sc->socket_type == SOCK_SEQPACKET;
}

/*
 * Builtins that answer at once run inside the daemon when no check could
 * block it: TCP wrappers and host-name address entries need lookups, and
 * those belong in a child (DESIGN: no blocking call in the event loop).
 */
static const struct builtin *inline_builtin(const struct svc_conf *sc)
{
	const struct builtin *b;

	if (!(sc->type & SVC_T_INTERNAL))
		return NULL;
	b = builtin_find(sc->name, sc->socket_type);
	if (b == NULL || b->forks || wrap_active(sc))
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
	return !is_stream(sc) && s->inline_b == NULL;
}

static void watch(struct service *s)
{
	int r = loop_add(&s->watch, s->fd, EPOLLIN);

	if (r < 0)
		log_msg(LOG_ERR, "unable to watch service %s: %s",
		    s->conf->id, log_strerror(-r));
	s->state = SVC_ACTIVE;
}

/* Queued datagrams are discarded after each request (reference 4.2). */
static void drain(struct service *s)
{
	char buf[1];

	if (is_stream(s->conf) || s->fd < 0)
		return;
	for (int i = 0; i < DRAIN_MAX; i++)
		if (recv(s->fd, buf, sizeof(buf), MSG_DONTWAIT) < 0 &&
		    errno != EINTR)
			break;
}

static const struct svc_conf *mux_lookup(const char *name)
{
	for (size_t i = 0; i < nmuxes; i++)
		if (strcasecmp(muxes[i]->name, name) == 0)
			return muxes[i];
	return NULL;
}

static bool request_pending(const struct service *s)
{
	for (const struct retry *r = retries; r != NULL; r = r->next)
		if (r->svc == s)
			return true;
	return false;
}

/*
 * A wait = yes service whose request ended without a server running (or
 * whose server exited) watches its socket again.
 */
static void resume_waiting(struct service *s)
{
	if (!hands_over_socket(s) || s->state != SVC_BUSY ||
	    s->running > 0 || request_pending(s))
		return;
	drain(s);
	watch(s);
}

static unsigned from_same_source(const struct service *s, const char *peer)
{
	unsigned n = 0;

	for (const struct child *c = s->children; c != NULL; c = c->snext)
		if (strcmp(c->peer, peer) == 0)
			n++;
	return n;
}

static void on_resume(struct loop_timer *t)
{
	struct service *s = (struct service *)((char *)t -
	    offsetof(struct service, resume));

	if (s->state == SVC_PAUSED) {
		watch(s);
		return;
	}
	s->fd = listen_open(s->conf);
	if (s->fd < 0) {
		log_msg(LOG_ERR, "Error activating service %s", s->conf->name);
		loop_timer_arm(&s->resume, (uint64_t)s->conf->cps_wait * 1000);
		return;
	}
	log_msg(LOG_ERR, "Activating service %s", s->conf->name);
	watch(s);
}

/*
 * xinetd's cps rule, quirks included: the window is compared with the rate
 * itself, and a trip closes the socket so queued clients are reset
 * (reference 4.7). The counters are kept across the suspension.
 */
static bool cps_tripped(struct service *s, time_t now)
{
	const struct svc_conf *sc = s->conf;

	if (sc->cps_max == 0)
		return false;
	if (s->cps_count == 0) {
		s->cps_count = 1;
		s->cps_start = now;
		return false;
	}
	time_t d = now - s->cps_start;
	if (d >= (time_t)sc->cps_max) {
		s->cps_count = 1;
		s->cps_start = now;
		return false;
	}
	s->cps_count++;
	return s->cps_count / (unsigned)(d > 0 ? d : 1) > sc->cps_max;
}

static void suspend(struct service *s)
{
	log_msg(LOG_ERR,
	    "Deactivating service %s due to excessive incoming connections.  Restarting in %u seconds.",
	    s->conf->name, s->conf->cps_wait);
	loop_del(&s->watch);
	close(s->fd);
	s->fd = -1;
	s->state = SVC_SUSPENDED;
	loop_timer_arm(&s->resume, (uint64_t)s->conf->cps_wait * 1000);
}

/* Parent-side admission, in xinetd's order (reference 4.2 step 4). */
static const char *admission_refusal(struct service *s, const struct peer *p)
{
	const struct svc_conf *sc = s->conf;
	time_t now = time(NULL);

	if (cps_tripped(s, now))
		return "connections per second";
	if (sc->max_load > 0) {
		double load = access_load();
		if (load >= sc->max_load) {
			log_msg(LOG_ERR,
			    "refused connect from %s due to excessive load",
			    p->text);
			return "load";
		}
	}
	if (!access_time_ok(sc, now))
		return "time";
	if (sc->instances != LIMIT_UNLIMITED &&
	    s->running >= (unsigned long)sc->instances)
		return "service_limit";
	if (sc->per_source != LIMIT_UNLIMITED && p->len > 0 &&
	    from_same_source(s, p->text) >= (unsigned long)sc->per_source)
		return "per_source_limit";
	if (process_limit > 0 && total_running + 1 > (unsigned long)process_limit)
		return "process_limit";
	/* A source a SENSOR caught; the sensor itself keeps extending it. */
	if (p->len > 0 && !(sc->flags & SVC_F_SENSOR) && sensor_blocked(p->text))
		return "address";
	return NULL;
}

static void add_child(struct service *s, pid_t pid, const struct peer *p)
{
	struct child *c = xcalloc(1, sizeof(*c));
	size_t b = (size_t)pid % CHILD_BUCKETS;

	c->pid = pid;
	c->svc = s;
	c->start_ms = loop_now_ms();
	snprintf(c->peer, sizeof(c->peer), "%s", p->text);
	c->hnext = by_pid[b];
	by_pid[b] = c;
	c->snext = s->children;
	s->children = c;
	s->running++;
	total_running++;
}

static struct child *take_child(pid_t pid)
{
	struct child **pp = &by_pid[(size_t)pid % CHILD_BUCKETS];

	for (; *pp != NULL; pp = &(*pp)->hnext) {
		struct child *c = *pp;
		if (c->pid != pid)
			continue;
		*pp = c->hnext;
		for (struct child **sp = &c->svc->children; *sp;
		    sp = &(*sp)->snext) {
			if (*sp == c) {
				*sp = c->snext;
				break;
			}
		}
		c->svc->running--;
		total_running--;
		return c;
	}
	return NULL;
}

/* Take r off the list and free it; its request is the caller's again. */
static struct retry retry_take(struct retry *r)
{
	struct retry copy = *r;

	loop_timer_cancel(&r->timer);
	for (struct retry **pp = &retries; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == r) {
			*pp = r->next;
			break;
		}
	}
	nretries--;
	free(r);
	return copy;
}

/* Give up a pending retry: its connection, if it owns one, is closed. */
static void retry_end(struct retry *r)
{
	struct retry gone = retry_take(r);

	if (!hands_over_socket(gone.svc))
		close(gone.fd);
}

static void fork_failed_for_good(struct service *s, int fd,
    const struct peer *p)
{
	svclog_fail(s->log, s->conf, "fork", p->text);
	if (is_stream(s->conf) && !hands_over_socket(s))
		banner_send(s->conf->banner_fail, fd, s->conf->id, true);
	resume_waiting(s);
}

/*
 * Start the server for a request; returns true if a fork retry now owns
 * fd (the caller must not close it).
 */
static bool start_server(struct service *s, int fd, const struct peer *p,
    int attempts);

static void on_retry(struct loop_timer *t)
{
	struct retry r = retry_take((struct retry *)t);

	if (!start_server(r.svc, r.fd, &r.peer, r.attempts) &&
	    !hands_over_socket(r.svc))
		close(r.fd);
}

static bool start_server(struct service *s, int fd, const struct peer *p,
    int attempts)
{
	struct spawn_req req = {
		.sc = s->conf, .log = s->log, .fd = fd, .peer = p,
		.mux_lookup = mux_lookup,
	};
	pid_t pid = spawn_server(&req);

	if (pid > 0) {
		add_child(s, pid, p);
		svclog_start(s->log, s->conf, pid, p->text);
		return false;
	}
	log_msg(LOG_ERR, "%s: fork failed: %s", s->conf->id,
	    log_strerror(errno));
	if ((s->conf->flags & SVC_F_NORETRY) || attempts + 1 >= FORK_RETRIES ||
	    nretries >= MAX_PENDING_RETRIES) {
		if (attempts + 1 >= FORK_RETRIES)
			log_msg(LOG_ERR,
			    "service %s: too many consecutive fork failures",
			    s->conf->id);
		fork_failed_for_good(s, fd, p);
		return false;
	}
	struct retry *r = xcalloc(1, sizeof(*r));
	r->timer.fn = on_retry;
	r->svc = s;
	r->fd = fd;
	r->peer = *p;
	r->attempts = attempts + 1;
	r->next = retries;
	retries = r;
	nretries++;
	loop_timer_arm(&r->timer, FORK_RETRY_MS);
	return true;
}

/*
 * A wait = yes stream service that refuses a request must still take the
 * pending connection off the queue, or the socket stays readable and the
 * refusal repeats forever. The socket is blocking for its server's sake,
 * so it is made non-blocking just for this accept.
 */
static void reject_pending(struct service *s)
{
	int flags = fcntl(s->fd, F_GETFL);
	int conn;

	if (flags < 0 || fcntl(s->fd, F_SETFL, flags | O_NONBLOCK) < 0)
		return;
	conn = accept4(s->fd, NULL, NULL, SOCK_CLOEXEC);
	if (conn >= 0)
		close(conn);
	(void)fcntl(s->fd, F_SETFL, flags);
}

/*
 * FAIL lines for datagrams: a flood from one source address and port is
 * logged once a minute, not once a datagram (reference 8.3). The table is
 * small and recycled oldest first; forgetting a source only means one
 * more line.
 */
#define DGRAM_FAIL_QUIET_S 60
#define DGRAM_FAIL_SOURCES 64

static bool dgram_fail_repeated(const struct peer *p)
{
	static struct {
		struct sockaddr_storage addr;
		socklen_t len;
		time_t when;
	} recent[DGRAM_FAIL_SOURCES];
	time_t now = time(NULL);
	size_t oldest = 0;

	for (size_t i = 0; i < DGRAM_FAIL_SOURCES; i++) {
		if (recent[i].len == p->len &&
		    memcmp(&recent[i].addr, &p->addr, p->len) == 0) {
			if (now - recent[i].when < DGRAM_FAIL_QUIET_S)
				return true;
			recent[i].when = now;
			return false;
		}
		if (recent[i].when < recent[oldest].when)
			oldest = i;
	}
	recent[oldest].addr = p->addr;
	recent[oldest].len = p->len;
	recent[oldest].when = now;
	return false;
}

/* FAIL from the daemon itself, quiet for repeated datagram sources. */
static void log_refusal(struct service *s, const char *reason,
    const struct peer *p)
{
	if (!is_stream(s->conf) && p->len > 0 && dgram_fail_repeated(p))
		return;
	svclog_fail(s->log, s->conf, reason, p->text);
}

/*
 * A SENSOR service is a tripwire: whoever touches it is put on the global
 * block list, and the request itself is logged as refused (reference 4.11).
 */
static void trip_sensor(struct service *s, const struct peer *p)
{
	if (p->len > 0)
		sensor_block(p->text, s->conf->deny_time);
	log_refusal(s, "address", p);
}

static void serve_inline(struct service *s, const struct builtin *b, int fd,
    const struct peer *p)
{
	const char *refusal = access_child_check(s->conf, p, fd);

	if (refusal != NULL) {
		log_refusal(s, refusal, p);
		banner_send(s->conf->banner_fail, fd, s->conf->id, true);
		return;
	}
	banner_send(s->conf->banner_success, fd, s->conf->id, true);
	svclog_start(s->log, s->conf, 0, p->text);
	b->serve(fd);
}

/*
 * One request: fd is the accepted connection, or the service socket itself
 * for datagrams and wait = yes. The banner goes out before any check.
 * Returns true if a fork retry now owns fd.
 */
static bool serve(struct service *s, int fd, const struct peer *p)
{
	const struct svc_conf *sc = s->conf;
	const char *refusal;
	bool kept = false;

	if (hands_over_socket(s)) {
		loop_del(&s->watch);
		s->state = SVC_BUSY;
	}
	banner_send(sc->banner, fd, sc->id, true);
	refusal = admission_refusal(s, p);
	if (refusal != NULL) {
		log_refusal(s, refusal, p);
		banner_send(sc->banner_fail, fd, sc->id, true);
		if (strcmp(refusal, "connections per second") == 0) {
			suspend(s);
			return false;
		}
		if (hands_over_socket(s) && is_stream(sc))
			reject_pending(s);
	} else if (sc->flags & SVC_F_SENSOR) {
		trip_sensor(s, p);
	} else if (s->inline_b != NULL) {
		serve_inline(s, s->inline_b, fd, p);
	} else {
		kept = start_server(s, fd, p, 0);
	}
	if (!is_stream(sc) && !hands_over_socket(s))
		drain(s);	/* datagrams answered here: drop the rest */
	resume_waiting(s);
	return kept;
}

static void shed_connection(struct service *s)
{
	time_t now = time(NULL);
	int fd;

	if (now != s->fd_shortage_logged) {
		s->fd_shortage_logged = now;
		log_msg(LOG_ERR, "service %s, accept: %s", s->conf->id,
		    log_strerror(EMFILE));
	}
	if (spare_fd < 0) {
		/* Nothing to give up: stop watching for a moment instead. */
		loop_del(&s->watch);
		s->state = SVC_PAUSED;
		loop_timer_arm(&s->resume, FD_SHORTAGE_PAUSE_MS);
		return;
	}
	close(spare_fd);
	spare_fd = -1;
	fd = accept4(s->fd, NULL, NULL, SOCK_CLOEXEC);
	if (fd >= 0)
		close(fd);
	spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
}

/*
 * Servers see IPv4 clients of a dual-stack socket as plain AF_INET peers,
 * as under xinetd; the logs keep the ::ffff: form (reference 8.3).
 */
static void unmap_v4(int conn, const struct sockaddr_storage *ss)
{
	const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)ss;
	int family = AF_INET;

	if (ss->ss_family == AF_INET6 && IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr))
		(void)setsockopt(conn, IPPROTO_IPV6, IPV6_ADDRFORM, &family,
		    sizeof(family));
}

static void accept_batch(struct service *s)
{
	for (int i = 0; i < ACCEPT_BATCH && s->state == SVC_ACTIVE; i++) {
		struct sockaddr_storage ss;
		socklen_t len = sizeof(ss);
		struct peer p;
		int conn = accept4(s->fd, (struct sockaddr *)&ss, &len,
		    SOCK_CLOEXEC);

		if (conn < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			if (errno == EMFILE || errno == ENFILE) {
				shed_connection(s);
				continue;
			}
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				log_msg(LOG_ERR, "service %s, accept: %s",
				    s->conf->id, log_strerror(errno));
			return;
		}
		peer_set(&p, (struct sockaddr *)&ss, len);
		unmap_v4(conn, &ss);
		if (!serve(s, conn, &p))
			close(conn);
	}
}

/* dgram: the sender of the next datagram, without consuming it. */
static bool peek_sender(struct service *s, struct peer *p)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	char byte;

	if (recvfrom(s->fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT,
	    (struct sockaddr *)&ss, &len) < 0)
		return false;
	peer_set(p, (struct sockaddr *)&ss, len);
	return true;
}

static void on_readable(struct loop_watch *w, uint32_t events)
{
	struct service *s = (struct service *)w;
	struct peer p;

	(void)events;
	if (s->state != SVC_ACTIVE)
		return;	/* a stale event from the same epoll batch */
	if (is_stream(s->conf) && !hands_over_socket(s)) {
		accept_batch(s);
		return;
	}
	if (is_stream(s->conf) || !peek_sender(s, &p))
		peer_set(&p, NULL, 0);
	(void)serve(s, s->fd, &p);
}

/* RPC: the kernel picked the port; the portmapper must learn it. */
static bool register_rpc(struct service *s)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(s->fd, (struct sockaddr *)&ss, &len) < 0)
		return false;
	s->rpc_registered = rpc_register(s->conf, (int)sockaddr_port(&ss));
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

static struct service *service_new(struct svc_conf *sc,
    const struct svc_conf *defaults)
{
	struct service *s = xcalloc(1, sizeof(*s));

	s->conf = sc;
	s->inline_b = inline_builtin(sc);
	s->fd = -1;
	s->watch.fn = on_readable;
	s->resume.fn = on_resume;
	s->log = log_for(sc, defaults);
	return s;
}

static void service_free(struct service *s)
{
	unregister_rpc(s);
	loop_del(&s->watch);
	loop_timer_cancel(&s->resume);
	if (s->fd >= 0)
		close(s->fd);
	svclog_unref(s->log);
	svc_conf_free(s->conf);
	free(s->conf);
	free(s);
}

/* The new service's listener, or NULL after logging why it has none. */
static struct service *service_open(struct svc_conf *sc,
    const struct svc_conf *defaults)
{
	struct service *s = service_new(sc, defaults);

	s->fd = listen_open(s->conf);
	if (s->fd >= 0 && (sc->type & SVC_T_RPC) && !register_rpc(s)) {
		log_msg(LOG_ERR, "Service %s failed to start and is deactivated.",
		    sc->id);
		service_free(s);
		return NULL;
	}
	if (s->fd >= 0)
		watch(s);
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

/* Services taken out of the table, waiting for their servers to exit. */
static struct service **retired;
static size_t nretired;

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

	for (struct retry *r = retries, *next; r != NULL; r = next) {
		next = r->next;
		if (r->svc == s)
			retry_end(r);
	}
	for (const struct child *c = s->children; c != NULL; c = c->snext) {
		log_msg(LOG_WARNING, "Sending signal %d to %s server %d", sig,
		    sc->id, (int)c->pid);
		(void)kill(c->pid, sig);
	}
	log_msg(LOG_NOTICE, "service %s deactivated", sc->id);
	unregister_rpc(s);
	loop_del(&s->watch);
	loop_timer_cancel(&s->resume);
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	s->state = SVC_RETIRED;
	retired = xreallocarray(retired, nretired + 1, sizeof(*retired));
	retired[nretired++] = s;
}

void svc_collect(void)
{
	size_t kept = 0;

	for (size_t i = 0; i < nretired; i++) {
		if (retired[i]->running == 0)
			service_free(retired[i]);
		else
			retired[kept++] = retired[i];
	}
	nretired = kept;
}

static void take_muxes(struct conf_set *cs)
{
	for (size_t i = 0; i < nmuxes; i++) {
		svc_conf_free(muxes[i]);
		free(muxes[i]);
	}
	nmuxes = 0;
	for (size_t i = 0; i < cs->nsvcs; i++) {
		if (cs->svcs[i] == NULL ||
		    !(cs->svcs[i]->type & (SVC_T_TCPMUX | SVC_T_TCPMUXPLUS)))
			continue;
		muxes = xreallocarray(muxes, nmuxes + 1, sizeof(*muxes));
		muxes[nmuxes++] = cs->svcs[i];
		cs->svcs[i] = NULL;
	}
}

static struct service *find_match(struct service **old, size_t nold,
    const struct svc_conf *sc)
{
	for (size_t i = 0; i < nold; i++)
		if (old[i] != NULL && same_socket(old[i]->conf, sc))
			return old[i];
	return NULL;
}

/*
 * The spawning helper works from a copy of the table, so it is started
 * anew after every change, keeping only the service logs open. With few
 * services a fork of the daemon is cheaper than the round trip to the
 * helper, so below SPAWNER_MIN_SERVICES the daemon forks for itself.
 */
static void start_spawner(void)
{
	int *keep;
	size_t n = 0;

	if (ntable < SPAWNER_MIN_SERVICES) {
		spawner_stop();
		return;
	}
	keep = xcalloc(ntable + 1, sizeof(*keep));

	for (size_t i = 0; i < ntable; i++)
		if (svclog_fd(table[i]->log) >= 0)
			keep[n++] = svclog_fd(table[i]->log);
	if (svclog_fd(common_log) >= 0)
		keep[n++] = svclog_fd(common_log);
	spawner_start(keep, n);
	free(keep);
}

unsigned svc_configure(struct conf_set *cs, struct svc_counts *counts)
{
	struct service **old = table;
	size_t nold = ntable;
	bool reload = old != NULL;

	memset(counts, 0, sizeof(*counts));
	if (spare_fd < 0)
		spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	/* A reload reopens every log, so rotation needs nothing else. */
	svclog_unref(common_log);
	common_log = cs->defaults.log.kind == LOGT_FILE ?
	    svclog_open(&cs->defaults.log) : NULL;
	take_muxes(cs);

	table = xcalloc(cs->nsvcs + nold, sizeof(*table));
	ntable = 0;
	for (size_t i = 0; i < cs->nsvcs; i++) {
		struct svc_conf *sc = cs->svcs[i];
		struct service *s;

		if (sc == NULL)
			continue;
		cs->svcs[i] = NULL;
		s = find_match(old, nold, sc);
		if (s != NULL) {
			log_msg(LOG_NOTICE, "readjusting service %s", sc->id);
			for (size_t k = 0; k < nold; k++)
				if (old[k] == s)
					old[k] = NULL;
			svc_conf_free(s->conf);
			free(s->conf);
			s->conf = sc;
			s->inline_b = inline_builtin(sc);
			svclog_unref(s->log);
			s->log = log_for(sc, &cs->defaults);
			counts->kept++;
		} else if ((s = service_open(sc, &cs->defaults)) != NULL) {
			if (reload)
				counts->started++;
		} else {
			continue;
		}
		table[ntable++] = s;
	}
	for (size_t k = 0; k < nold; k++) {
		if (old[k] == NULL)
			continue;
		/* A bad new entry must not take down what is running. */
		if (listed(&cs->rejected, old[k]->conf->id)) {
			log_msg(LOG_WARNING,
			    "service %s: the new configuration of this service has errors; the running one is kept",
			    old[k]->conf->id);
			table[ntable++] = old[k];
			counts->kept++;
			continue;
		}
		retire(old[k]);
		counts->dropped++;
	}
	free(old);
	cs->nsvcs = 0;
	start_spawner();
	return (unsigned)ntable;
}

void svc_reap(void)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (spawner_reaped(pid))
			continue;
		struct child *c = take_child(pid);
		if (c == NULL) {
			log_msg(LOG_NOTICE, "unknown child process %d died",
			    (int)pid);
			continue;
		}
		svclog_exit(c->svc->log, c->svc->conf, pid, status,
		    (long)((loop_now_ms() - c->start_ms) / 1000));
		if (c->svc->state != SVC_RETIRED)
			resume_waiting(c->svc);
		free(c);
	}
}

static const char *state_name(enum svc_state st)
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

static void dump_one(FILE *fp, const struct service *s)
{
	struct strvec lines = { 0 };
	uint64_t now = loop_now_ms();

	fprintf(fp, "Service = %s\n\tState = %s\n", s->conf->name,
	    state_name(s->state));
	conf_dump_service(s->conf, &lines);
	for (size_t i = 0; i < lines.n; i++)
		fprintf(fp, "\t%s\n", lines.v[i]);
	strvec_clear(&lines);
	fprintf(fp, "\trunning servers = %u\n", s->running);
	for (const struct child *c = s->children; c != NULL; c = c->snext)
		fprintf(fp, "\t\tpid = %d, running for %llu s, from = %s\n",
		    (int)c->pid,
		    (unsigned long long)((now - c->start_ms) / 1000), c->peer);
	fprintf(fp, "\tcps count = %u\n\tservice fd = %d\n\n", s->cps_count,
	    s->fd);
}

void svc_dump(FILE *fp)
{
	for (size_t i = 0; i < ntable; i++)
		dump_one(fp, table[i]);
	for (size_t i = 0; i < nretired; i++)
		dump_one(fp, retired[i]);
	for (size_t i = 0; i < nmuxes; i++)
		fprintf(fp, "TCPMUX service = %s (id %s, server %s)\n\n",
		    muxes[i]->name, muxes[i]->id,
		    muxes[i]->server ? muxes[i]->server : "-");
	fprintf(fp, "active_services = %zu\nrunning_servers = %u\n"
	    "pending fork retries = %u\nprocess_limit = %ld\n",
	    ntable, total_running, nretries, process_limit);
}

/* Servers that stop with the daemon: xinetd's own code or RPC (7). */
static bool own_server(const struct svc_conf *sc)
{
	return (sc->type & (SVC_T_INTERNAL | SVC_T_RPC)) ||
	    sc->redirect_len > 0;
}

/*
 * SIGTERM (reference 7): the daemon's own children (forked builtins,
 * redirectors, tcpmux) and RPC servers are told to stop and given a
 * moment; other servers keep running, as under xinetd, so a restart does
 * not cut sessions.
 */
void svc_stop_own_servers(void)
{
	unsigned signalled = 0;

	for (size_t i = 0; i < ntable + nretired; i++) {
		struct service *s = i < ntable ? table[i] : retired[i - ntable];
		const struct svc_conf *sc = s->conf;
		if (!own_server(sc))
			continue;
		for (struct child *c = s->children; c != NULL; c = c->snext) {
			log_msg(LOG_WARNING, "Sending signal %d to %s server %d",
			    SIGTERM, sc->id, (int)c->pid);
			(void)kill(c->pid, SIGTERM);
			signalled++;
		}
	}
	/* Bounded: at most 2.5 s, then whatever is left is killed. */
	for (int tick = 0; signalled > 0 && tick < 50; tick++) {
		svc_reap();
		signalled = 0;
		for (size_t b = 0; b < CHILD_BUCKETS; b++)
			for (struct child *c = by_pid[b]; c; c = c->hnext)
				if (own_server(c->svc->conf))
					signalled++;
		if (signalled > 0)
			(void)poll(NULL, 0, 50);
	}
	for (size_t b = 0; b < CHILD_BUCKETS; b++)
		for (struct child *c = by_pid[b]; c; c = c->hnext)
			if (own_server(c->svc->conf))
				(void)kill(c->pid, SIGKILL);
	svc_reap();
}

/*
 * The bookkeeping that must agree with itself: each service's list of
 * servers and its counter, the pid table and the total, and the listening
 * descriptors of active services. Returns the number of disagreements,
 * each logged.
 */
unsigned svc_consistency_errors(void)
{
	unsigned errors = 0, in_table = 0, listed_total = 0;

	for (size_t b = 0; b < CHILD_BUCKETS; b++)
		for (const struct child *c = by_pid[b]; c; c = c->hnext)
			in_table++;
	for (size_t i = 0; i < ntable + nretired; i++) {
		const struct service *s = i < ntable ? table[i] :
		    retired[i - ntable];
		unsigned n = 0;
		for (const struct child *c = s->children; c; c = c->snext)
			n++;
		listed_total += n;
		if (n != s->running) {
			log_msg(LOG_ERR, "service %s: %u servers listed, %u counted",
			    s->conf->id, n, s->running);
			errors++;
		}
		if (s->state == SVC_ACTIVE &&
		    (s->fd < 0 || fcntl(s->fd, F_GETFD) < 0)) {
			log_msg(LOG_ERR, "file descriptor of service %s has been closed",
			    s->conf->id);
			errors++;
		}
	}
	if (in_table != total_running || listed_total != total_running) {
		log_msg(LOG_ERR, "running servers: %u in the pid table, %u listed, %u counted",
		    in_table, listed_total, total_running);
		errors++;
	}
	return errors;
}

void svc_stop_all(void)
{
	spawner_stop();
	while (retries != NULL)
		retry_end(retries);
	for (size_t b = 0; b < CHILD_BUCKETS; b++) {
		while (by_pid[b] != NULL) {
			struct child *c = by_pid[b];
			by_pid[b] = c->hnext;
			free(c);
		}
	}
	for (size_t i = 0; i < ntable; i++)
		service_free(table[i]);
	free(table);
	for (size_t i = 0; i < nretired; i++)
		service_free(retired[i]);
	free(retired);
	retired = NULL;
	nretired = 0;
	for (size_t i = 0; i < nmuxes; i++) {
		svc_conf_free(muxes[i]);
		free(muxes[i]);
	}
	free(muxes);
	muxes = NULL;
	nmuxes = 0;
	sensor_clear();
	table = NULL;
	ntable = 0;
	total_running = 0;
	svclog_unref(common_log);
	common_log = NULL;
	if (spare_fd >= 0)
		close(spare_fd);
	spare_fd = -1;
}
