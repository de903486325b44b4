/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * request.c: the request path: take the request (accept, or the socket
 * itself for datagrams and wait = yes), parent-side admission in xinetd's
 * order, then a server, a builtin answer in the daemon or a FAIL line
 * (reference 4.2-4.7 and 8.3).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "banner.h"
#include "builtin.h"
#include "checker.h"
#include "checkwire.h"
#include "children.h"
#include "listen.h"
#include "log.h"
#include "request.h"
#include "retry.h"
#include "sensor.h"
#include "relay.h"
#include "session.h"
#include "spawn.h"
#include "spawner.h"
#include "svc.h"
#include "svclog.h"
#include "vspawn.h"
#include "wrap.h"
#include "tcpmux.h"
#include "util.h"

/* Connections taken per readiness event, so one busy port cannot starve. */
#define ACCEPT_BATCH 16
/* Out of descriptors with verdicts pending: accept again this soon. */
#define FD_WAIT_MS 10
/* Datagrams discarded per drain; the rest wait for the next request. */
#define DRAIN_MAX 1024
/*
 * FAIL lines for datagrams: a flood from one source address and port is
 * logged once a minute, not once a datagram (reference 8.3).
 */
#define DGRAM_FAIL_QUIET_S 60
#define DGRAM_FAIL_SOURCES 64
/*
 * Replies of UDP builtins per source address: REPLY_BURST at once, then
 * REPLY_RATE a second, in a table of REPLY_SOURCES recycled oldest first.
 */
#define REPLY_RATE 10
#define REPLY_BURST 20
#define REPLY_SOURCES 64

static long process_limit;
/* -logprocs: identd look-ups for refusals at once (reference 6.1). */
static unsigned logprocs = 15;
/*
 * A spare descriptor: when accept() fails for want of descriptors it is
 * given up to take the pending connection and close it, so the listener
 * does not stay readable and spin the loop.
 */
static int spare_fd = -1;

/* A tcpmux child's link: it asks once which TCPMUX entry it may serve. */
struct mux_link {
	struct loop_watch watch;	/* first: the loop hands it back */
	struct mux_link *next;
	pid_t pid;
	struct peer peer;
};

/* Open links, so that stopping the daemon frees them. */
static struct mux_link *links;

static void mux_link_close(struct mux_link *l)
{
	for (struct mux_link **pp = &links; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == l) {
			*pp = l->next;
			break;
		}
	}
	loop_del(&l->watch);
	close(l->watch.fd);
	free(l);
}

/* A connection waiting for a checker's answer (checker.h). */
struct pending {
	struct check_ticket ticket;	/* first: the checker hands it back */
	struct pending *next, **prevp;
	struct service *svc;
	int fd;				/* the connection; -1: a USERID look-up */
	struct peer peer;
};

static struct pending *pendings;
/* Connections held by pendings, of every service. */
static unsigned held_conns;

static struct pending *pending_new(struct service *s, int fd,
    const struct peer *p)
{
	struct pending *pd = xcalloc(1, sizeof(*pd));

	pd->svc = s;
	pd->fd = fd;
	pd->peer = *p;
	pd->next = pendings;
	if (pendings != NULL)
		pendings->prevp = &pd->next;
	pd->prevp = &pendings;
	pendings = pd;
	if (fd >= 0) {
		s->checking++;
		held_conns++;
	}
	return pd;
}

static void pending_free(struct pending *pd)
{
	*pd->prevp = pd->next;
	if (pd->next != NULL)
		pd->next->prevp = pd->prevp;
	if (pd->fd >= 0) {
		pd->svc->checking--;
		held_conns--;
	}
	free(pd);
}

/* s's connections waiting for a checker from p's address. */
static unsigned checking_from_source(const struct service *s,
    const struct peer *p)
{
	unsigned n = 0;

	for (const struct pending *pd = pendings; pd != NULL; pd = pd->next)
		if (pd->svc == s && pd->fd >= 0 &&
		    strcmp(pd->peer.text, p->text) == 0)
			n++;
	return n;
}

/* A refused client's identd, answered by a checker. */
static void on_userid(struct check_ticket *t, const struct check_result *r)
{
	struct pending *pd = (struct pending *)t;

	if (r != NULL && r->ident_ok)
		svclog_write(pd->svc->log, pd->svc->conf->id, "USERID: %s %s",
		    pd->svc->conf->id, r->ident);
	pending_free(pd);
}

void request_cancel_checks(const struct service *s)
{
	for (struct pending *pd = pendings, *next; pd != NULL; pd = next) {
		next = pd->next;
		if (s != NULL && pd->svc != s)
			continue;
		checker_cancel(&pd->ticket);
		if (pd->fd >= 0)
			close(pd->fd);
		pending_free(pd);
	}
}

void request_set_process_limit(long limit)
{
	process_limit = limit;
}

void request_set_logprocs(unsigned n)
{
	logprocs = n;
}

long request_process_limit(void)
{
	return process_limit;
}

void request_spare_open(void)
{
	if (spare_fd < 0)
		spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
}

void request_spare_close(void)
{
	while (links != NULL)
		mux_link_close(links);
	if (spare_fd >= 0)
		close(spare_fd);
	spare_fd = -1;
}

/* Queued datagrams are discarded after each request (reference 4.2). */
static void drain(struct service *s)
{
	char buf[1];

	if (s->stream || s->fd < 0)
		return;
	for (int i = 0; i < DRAIN_MAX; i++)
		if (recv(s->fd, buf, sizeof(buf), MSG_DONTWAIT) < 0 &&
		    errno != EINTR)
			break;
}

void request_rearm(struct service *s)
{
	/* BUSY, whatever the mode now: a reload may have changed it. */
	if (s->state != SVC_BUSY || s->running > 0 || retry_pending(s))
		return;
	drain(s);
	svc_set_state(s, SVC_ACTIVE);
}

void request_resume(struct loop_timer *t)
{
	struct service *s = CONTAINER_OF(t, struct service, resume);

	if (s->mux_entry) {
		log_msg(LOG_ERR, "Activating service %s", s->conf->name);
		svc_set_state(s, SVC_ACTIVE);
		return;
	}
	if (s->state == SVC_PAUSED) {
		svc_set_state(s, SVC_ACTIVE);
		return;
	}
	s->fd = listen_open(s->conf);
	if (s->fd < 0) {
		log_msg(LOG_ERR, "Error activating service %s", s->conf->name);
		loop_timer_arm(&s->resume, (uint64_t)s->conf->cps_wait * 1000);
		return;
	}
	log_msg(LOG_ERR, "Activating service %s", s->conf->name);
	svc_set_state(s, SVC_ACTIVE);
}

/*
 * cps tripped: the socket is closed, queued clients reset (reference 4.7);
 * a TCPMUX entry, which has none, refuses until it resumes.
 */
static void suspend(struct service *s)
{
	log_msg(LOG_ERR,
	    "Deactivating service %s due to excessive incoming connections.  Restarting in %u seconds.",
	    s->conf->name, s->conf->cps_wait);
	svc_set_state(s, SVC_SUSPENDED);
	if (s->fd >= 0)
		listen_close(s->fd);
	s->fd = -1;
	loop_timer_arm(&s->resume, (uint64_t)s->conf->cps_wait * 1000);
}

/*
 * The parent's admission verdict for this request (reference 4.2).
 * Requests waiting for a fork retry count as running servers. A request
 * admitted before, whose retry is due, is checked again (count_cps: no,
 * it was counted when it came).
 */
static enum admit_verdict admit(struct service *s, const struct peer *p,
    bool count_cps)
{
	const struct svc_conf *sc = s->conf;
	struct cps_window once = { 0 };
	struct admission a = {
		.mono = (time_t)(loop_now_ms() / 1000),
		.running = s->running + s->queued + s->sessions + s->checking,
		.total_running = children_total() + retry_count(),
		.process_limit = process_limit,
		.load = sc->max_load > 0 ? access_load() : -1,
	};
	enum admit_verdict v;

	if (sc->per_source != LIMIT_UNLIMITED && p->len > 0)
		a.from_source = children_from_source(s, p->text) +
		    retry_from_source(s, p) + session_from_source(s, p->text) +
		    relay_from_source(s, p->text) +
		    checking_from_source(s, p);
	if (p->len > 0 && !(sc->flags & SVC_F_SENSOR))
		a.sensor_blocked = sensor_blocked(p->text);
	v = access_admit(sc, count_cps ? &s->cps : &once, &a, p, time(NULL));
	if (v == ADMIT_LOAD)
		log_msg(LOG_ERR, "refused connect from %s due to excessive load",
		    p->text);
	return v;
}

static void fork_failed_for_good(struct service *s, int fd,
    const struct peer *p)
{
	svclog_fail(s->log, s->conf, "fork", p);
	if (s->stream && !s->hands_over)
		banner_send(s->conf->banner_fail, fd, s->conf->id, true);
	request_rearm(s);
}

/*
 * The START gate: the child holds its log lines until the daemon has
 * written START and closed (or, for tcpmux, written to) its end. A tcpmux
 * child also asks its admission over it, hence a socket pair. Without one
 * the lines may only come out of order.
 */
static void open_gate(int g[2])
{
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, g) < 0)
		g[0] = g[1] = -1;
}

/*
 * The server the helper created for us but could not tell us about: the
 * child of ours that is not in the table (the helper is dead by now).
 */
static pid_t find_orphan(void)
{
	char path[64], buf[4096];
	pid_t found = 0;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/children",
	    (int)getpid());
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	for (char *p = buf, *end; *p != '\0'; p = end) {
		long pid = strtol(p, &end, 10);
		if (end == p)
			break;
		if (pid > 0 && !children_known((pid_t)pid))
			found = (pid_t)pid;
	}
	return found;
}

/* The helper when it runs (many services), else a fork of the daemon. */
static pid_t fork_server(struct service *s, int fd, const struct peer *p,
    bool checked, int *gate, const char **how)
{
	struct spawn_req req = {
		.sc = s->conf, .log = s->log, .fd = fd, .peer = p,
		.checked = checked,
	};
	int g[2];
	pid_t pid;

	if (spawner_running()) {
		open_gate(g);
		pid = spawner_spawn(s->index, fd, g[0], g[1], p, checked);
		if (pid == SPAWNER_ORPHAN && (pid = find_orphan()) == 0) {
			log_msg(LOG_ERR, "service %s: the spawner died creating a server; that connection is left to it",
			    s->conf->id);
			errno = ECHILD;
			pid = -1;
		}
		if (pid != 0) {
			*gate = g[1];
			*how = "the spawner";
			return pid;
		}
		if (g[1] >= 0)
			close(g[1]);
	}
	open_gate(g);
	req.start_gate = g[0];
	*how = "fork";
	pid = spawn_fork(&req, false);
	int err = errno;
	if (g[0] >= 0)
		close(g[0]);
	*gate = g[1];
	errno = err;
	return pid;
}

/* The entry's verdict: its own limits, as any request's (reference 4.2). */
static unsigned char mux_verdict(const char *name, pid_t pid,
    const struct peer *p)
{
	struct service *entry = tcpmux_find(name);
	enum admit_verdict v;

	if (entry == NULL)
		return TCPMUX_UNKNOWN;
	if (entry->state == SVC_SUSPENDED)
		return ADMIT_CPS;
	v = admit(entry, p, true);
	if (v == ADMIT_CPS)
		suspend(entry);
	if (v == ADMIT_OK && !children_attach_sub(pid, entry))
		return TCPMUX_UNKNOWN;
	return (unsigned char)v;
}

static void on_mux_link(struct loop_watch *w, uint32_t events)
{
	struct mux_link *l = (struct mux_link *)w;
	char name[TCPMUX_LINE_MAX];
	ssize_t n = recv(w->fd, name, sizeof(name) - 1, MSG_DONTWAIT);

	(void)events;
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n > 0) {
		unsigned char v;
		name[n] = '\0';
		v = mux_verdict(name, l->pid, &l->peer);
		(void)send(w->fd, &v, 1, MSG_DONTWAIT | MSG_NOSIGNAL);
	}
	/* One question per child; EOF: it went on without one, or died. */
	mux_link_close(l);
}

/* Open the START gate and keep the link for the child's question. */
static void mux_link_open(int fd, pid_t pid, const struct peer *p)
{
	struct mux_link *l = xcalloc(1, sizeof(*l));

	l->watch.fn = on_mux_link;
	l->pid = pid;
	l->peer = *p;
	if (send(fd, "G", 1, MSG_DONTWAIT | MSG_NOSIGNAL) != 1 ||
	    loop_add(&l->watch, fd, EPOLLIN) < 0) {
		close(fd);
		free(l);
		return;
	}
	l->next = links;
	links = l;
}

static void on_retry(struct service *s, int fd, const struct peer *p,
    int attempts);

/*
 * Start the server for a request; checked: its access checks were made
 * (by a checker, or here), so a plan may start it and a child does not
 * make them again. Returns true if a fork retry now owns fd (the caller
 * must not close it).
 */
static bool start_server(struct service *s, int fd, const struct peer *p,
    int attempts, bool checked)
{
	struct vspawn_report rep;
	const char *how = "clone";
	int gate = -1;
	bool fast = s->plan != NULL && checked;
	pid_t pid = fast ? vspawn_start(s->plan, fd, p, &rep) :
	    fork_server(s, fd, p, checked, &gate, &how);
	int err = errno;

	if (pid > 0) {
		log_debug("service %s: server %d started by %s", s->conf->id,
		    (int)pid, how);
		children_add(s, pid, p);
		svclog_start(s->log, s->conf, pid, p);
		if (fast)
			vspawn_log(&rep, s->conf, pid);
	}
	if (pid > 0 && s->tcpmux && gate >= 0)
		mux_link_open(gate, pid, p);
	else if (gate >= 0)
		close(gate);
	if (pid > 0)
		return false;
	log_msg(LOG_ERR, "%s: fork failed: %s", s->conf->id,
	    log_strerror(err));
	attempts++;
	if (!(s->conf->flags & SVC_F_NORETRY) && attempts < RETRY_ATTEMPTS &&
	    retry_queue(s, fd, p, attempts, on_retry))
		return true;
	if (attempts >= RETRY_ATTEMPTS)
		log_msg(LOG_ERR, "service %s: too many consecutive fork failures",
		    s->conf->id);
	fork_failed_for_good(s, fd, p);
	return false;
}

static void refuse(struct service *s, enum admit_verdict v, int fd,
    const struct peer *p);

/* A retry is due: what changed meanwhile may refuse it now. */
static void on_retry(struct service *s, int fd, const struct peer *p,
    int attempts)
{
	enum admit_verdict v = admit(s, p, false);
	bool kept = false;

	if (v != ADMIT_OK)
		refuse(s, v, fd, p);
	else
		kept = start_server(s, fd, p, attempts, false);
	if (!kept && !s->hands_over)
		close(fd);
	if (!kept)
		request_rearm(s);
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
 * Has this datagram source been refused within the last minute? The table
 * is small and recycled oldest first; forgetting a source only means one
 * more line.
 */
static bool dgram_fail_repeated(const struct peer *p)
{
	static struct {
		struct sockaddr_storage addr;
		socklen_t len;
		uint64_t when;
	} recent[DGRAM_FAIL_SOURCES];
	uint64_t now = loop_now_ms() / 1000 + 1;	/* 0: unused slot */
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

/* May this source have one more reply? A token bucket per address. */
static bool reply_budget(const struct peer *p)
{
	static struct {
		unsigned char key[16];
		size_t len;
		uint64_t last_ms;
		unsigned tokens;	/* in 1/1000 replies */
	} t[REPLY_SOURCES];
	unsigned char key[16];
	size_t len = peer_address_key(p, key), i, oldest = 0;
	uint64_t now = loop_now_ms();

	for (i = 0; i < REPLY_SOURCES; i++) {
		if (t[i].len == len && memcmp(t[i].key, key, len) == 0)
			break;
		if (t[i].last_ms < t[oldest].last_ms)
			oldest = i;
	}
	if (i == REPLY_SOURCES) {
		i = oldest;
		memcpy(t[i].key, key, len);
		t[i].len = len;
		t[i].tokens = REPLY_BURST * 1000;
	} else {
		uint64_t add = (now - t[i].last_ms) * REPLY_RATE;
		t[i].tokens = add >= REPLY_BURST * 1000 - t[i].tokens ?
		    REPLY_BURST * 1000 : t[i].tokens + (unsigned)add;
	}
	t[i].last_ms = now;
	if (t[i].tokens < 1000)
		return false;
	t[i].tokens -= 1000;
	return true;
}

/* FAIL from the daemon itself, quiet for repeated datagram sources. */
static void log_refusal(struct service *s, const char *reason,
    const struct peer *p)
{
	if (!s->stream && p->len > 0 && dgram_fail_repeated(p))
		return;
	svclog_fail(s->log, s->conf, reason, p);
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

/*
 * A builtin the daemon serves itself, its checks passed: START with pid=0
 * and no EXIT, as xinetd logs non-forking builtins (reference 8.3).
 * Returns true if a session took fd.
 */
static bool serve_in_daemon(struct service *s, int fd, const struct peer *p)
{
	banner_send(s->conf->banner_success, fd, s->conf->id, true);
	svclog_start(s->log, s->conf, 0, p);
	if (s->inline_b != NULL) {
		s->inline_b->serve(fd);
		return false;
	}
	session_start(s, s->session_b, fd, p);
	return true;
}

/*
 * log_on_failure = USERID: who the refused client is, asked in a child
 * (reference 4.13), at most -logprocs at once; beyond, not asked.
 */
static void look_up_userid(struct service *s, int fd, const struct peer *p)
{
	struct pending *pd;
	pid_t pid;

	if (!(s->conf->log_on_failure & LOG_F_USERID) || !s->stream ||
	    s->hands_over || p->len == 0 || logprocs == 0)
		return;
	/* A checker, if one can: no process of its own. */
	pd = pending_new(s, -1, p);
	if (checker_submit(&pd->ticket, CHECK_IDENT, NULL, fd, p, on_userid))
		return;
	pending_free(pd);
	if (children_lookups() >= logprocs)
		return;
	pid = spawn_userid(s->conf, s->log, fd);
	if (pid > 0)
		children_add_lookup(pid);
}

/*
 * Refused by the checks a child would have made, decided here: a builtin
 * the daemon serves logs FAIL only; for anything else a child that just
 * exits gives the pid, so the log shows START, FAIL, EXIT as before.
 */
static void refuse_checked(struct service *s, enum access_refusal r, int fd,
    const struct peer *p)
{
	pid_t pid = -1;

	if (s->inline_b == NULL && s->session_b == NULL)
		pid = vspawn_null();
	if (pid > 0) {
		children_add(s, pid, p);
		svclog_start(s->log, s->conf, pid, p);
		access_log(r, s->conf, p, pid);
		svclog_fail(s->log, s->conf, access_refusal_word(r), p);
	} else {
		access_log(r, s->conf, p, 0);
		log_refusal(s, access_refusal_word(r), p);
	}
	banner_send(s->conf->banner_fail, fd, s->conf->id, true);
}

/*
 * The request goes on: checked says its access checks are known to have
 * passed; lists of numbers only are checked here (that cannot block).
 * Returns true if something now owns fd.
 */
static bool launch(struct service *s, int fd, const struct peer *p,
    bool checked)
{
	if (!checked && s->check_needs == 0) {
		enum access_refusal r = p->len > 0 ?
		    access_lists(s->conf, p, NULL) : REFUSE_NONE;
		if (r != REFUSE_NONE) {
			refuse_checked(s, r, fd, p);
			return false;
		}
		checked = true;
	}
	if (checked && (s->inline_b != NULL ||
	    (s->session_b != NULL && session_possible(s->session_b))))
		return serve_in_daemon(s, fd, p);
	if (checked && s->relays && relay_start(s, fd, p))
		return true;
	return start_server(s, fd, p, 0, checked);
}

/* The checker's answer: the verdict of the checks, then the request. */
static void on_checked(struct check_ticket *t, const struct check_result *r)
{
	struct pending *pd = (struct pending *)t;
	struct service *s = pd->svc;
	int fd = pd->fd;
	struct peer p = pd->peer;
	enum access_refusal why = REFUSE_NONE;
	bool kept;

	pending_free(pd);
	if (r == NULL || r->wrap == WRAP_UNDECIDED) {
		/* No verdict here: the child makes the checks, as before. */
		kept = start_server(s, fd, &p, 0, false);
	} else {
		why = access_lists(s->conf, &p, r->has_name ? r->name : NULL);
		if (why == REFUSE_NONE && (s->check_needs & CHECK_WRAP) &&
		    r->wrap == WRAP_DENY)
			why = REFUSE_LIBWRAP;
		if (why != REFUSE_NONE)
			refuse_checked(s, why, fd, &p);
		kept = why == REFUSE_NONE && launch(s, fd, &p, true);
	}
	if (!kept)
		close(fd);
}

/* Ask a checker; false when none can take it (the caller goes on). */
static bool ask_checker(struct service *s, int fd, const struct peer *p)
{
	struct pending *pd;

	if (s->check_needs == 0 || !s->stream || s->hands_over ||
	    p->len == 0)
		return false;
	pd = pending_new(s, fd, p);
	if (checker_submit(&pd->ticket, s->check_needs,
	    wrap_daemon_name(s->conf), fd, p, on_checked))
		return true;
	pending_free(pd);
	return false;
}

/* Refused by admission: FAIL, banner, and what the refusal implies. */
static void refuse(struct service *s, enum admit_verdict v, int fd,
    const struct peer *p)
{
	log_refusal(s, access_fail_word(v), p);
	look_up_userid(s, fd, p);
	banner_send(s->conf->banner_fail, fd, s->conf->id, true);
	if (v == ADMIT_CPS)
		suspend(s);
	else if (s->hands_over && s->stream)
		reject_pending(s);
}

/*
 * One request: fd is the accepted connection, or the service socket itself
 * for datagrams and wait = yes. The banner goes out before any check.
 * Returns true if a fork retry now owns fd.
 */
static bool serve(struct service *s, int fd, const struct peer *p)
{
	enum admit_verdict v;
	bool kept = false;

	if (s->reply_guard) {
		v = access_reply_guard(s->conf, p);
		if (v == ADMIT_OK && p->len > 0 && !reply_budget(p))
			v = ADMIT_REPLY_RATE;
		if (v != ADMIT_OK) {
			char byte;
			/* Taken off the queue unanswered, whoever would answer. */
			(void)recv(fd, &byte, 1, MSG_DONTWAIT);
			log_refusal(s, access_fail_word(v), p);
			return false;
		}
	}
	if (s->hands_over)
		svc_set_state(s, SVC_BUSY);
	banner_send(s->conf->banner, fd, s->conf->id, true);
	v = admit(s, p, true);
	if (v != ADMIT_OK) {
		refuse(s, v, fd, p);
		if (v == ADMIT_CPS)
			return false;
	} else if (s->conf->flags & SVC_F_SENSOR) {
		trip_sensor(s, p);
	} else {
		kept = ask_checker(s, fd, p) || launch(s, fd, p, false);
	}
	if (!s->stream && !s->hands_over)
		drain(s);	/* datagrams answered here: drop the rest */
	request_rearm(s);
	return kept;
}

/*
 * accept() failed for want of descriptors (see spare_fd). Connections
 * waiting for a checker's verdict give theirs back within moments: while
 * there are any, the client waits in the listen queue, not dropped.
 */
static void shed_connection(struct service *s)
{
	uint64_t now = loop_now_ms() / 1000;
	int fd;

	if (now != s->fd_shortage_logged) {
		s->fd_shortage_logged = now;
		log_msg(LOG_ERR, "service %s, accept: %s", s->conf->id,
		    log_strerror(EMFILE));
	}
	if (held_conns > 0) {
		svc_set_state(s, SVC_PAUSED);
		loop_timer_arm(&s->resume, FD_WAIT_MS);
		return;
	}
	if (spare_fd < 0) {
		/* Nothing to give up: stop watching for a moment instead. */
		svc_set_state(s, SVC_PAUSED);
		loop_timer_arm(&s->resume, SVC_PAUSE_MS);
		return;
	}
	close(spare_fd);
	spare_fd = -1;
	fd = accept4(s->fd, NULL, NULL, SOCK_CLOEXEC);
	if (fd >= 0)
		close(fd);
	spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
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
		peer_unmap_v4(conn, &p);
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

void request_readable(struct loop_watch *w, uint32_t events)
{
	struct service *s = (struct service *)w;
	struct peer p;

	(void)events;
	if (s->state != SVC_ACTIVE)
		return;	/* a stale event from the same epoll batch */
	if (s->stream && !s->hands_over) {
		accept_batch(s);
		return;
	}
	if (s->stream || !peek_sender(s, &p))
		peer_set(&p, NULL, 0);
	(void)serve(s, s->fd, &p);
}
