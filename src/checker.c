/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * checker.c: the pool of access checkers, its queue and a short-lived
 * verdict cache. A checker takes one request at a time, so a lookup that
 * hangs occupies one checker and delays only the requests that needed it;
 * the pool grows on demand up to CHECKERS_MAX and shrinks when idle.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <unistd.h>

#include "checker.h"
#include "compat.h"
#include "checkerd.h"
#include "checkwire.h"
#include "log.h"
#include "util.h"

/*
 * Cached verdicts: a few seconds' worth, forgotten at once when a table
 * changes (inotify) or on a reload. Keyed by what the verdict depends on.
 */
#define CACHE_SLOTS 256
#define CACHE_TTL_MS 5000
/* An idle checker beyond the first goes after this long. */
#define IDLE_MS 60000

struct worker {
	struct loop_watch watch;	/* first: the loop hands it back */
	pid_t pid;
	bool dying;			/* killed, not reaped yet */
	struct check_ticket *busy;
	uint64_t idle_since;
};

/*
 * A verdict for a service's name, local address and client address: not
 * the client's port, which changes with every connection and which no
 * libwrap table can name.
 */
struct cached {
	uint32_t gen;			/* valid while cache_gen is this */
	uint64_t expires_ms;
	uint32_t needs;
	char daemon[128];
	struct sockaddr_storage local;
	socklen_t local_len;
	unsigned char key[16];
	size_t key_len;
	struct check_result r;
};

static struct worker workers[CHECKERS_MAX];
static struct check_ticket *queue, **queue_tail = &queue;
static unsigned queued;
static uint32_t next_id;
static struct cached cache[CACHE_SLOTS];
/*
 * Flushing moves the generation on rather than clearing the table: a
 * memset at every load made all of its 270 KiB resident, mostly for slots
 * no verdict ever fills. A zeroed slot is of generation 0, never current.
 */
static uint32_t cache_gen = 1;
static struct loop_watch tables_watch = { .fd = -1 };
static struct loop_timer reaper;

void checker_flush(void)
{
	if (++cache_gen == 0)
		cache_gen = 1;
}

#define TABLE_EVENTS (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | \
	IN_DELETE | IN_ATTRIB | IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF)

/*
 * The files (whatever is mounted there) and their directory: editors
 * replace a file rather than write it, and a new file needs a new watch.
 */
static int dir_wd = -1;

static void watch_tables(int fd)
{
	dir_wd = inotify_add_watch(fd, "/etc", TABLE_EVENTS);
	(void)inotify_add_watch(fd, "/etc/hosts.allow", TABLE_EVENTS);
	(void)inotify_add_watch(fd, "/etc/hosts.deny", TABLE_EVENTS);
}

/* An event of the tables, not of another file in /etc? */
static bool about_tables(const struct inotify_event *ev)
{
	return ev->wd != dir_wd || ev->len == 0 ||
	    strcmp(ev->name, "hosts.allow") == 0 ||
	    strcmp(ev->name, "hosts.deny") == 0;
}

static void on_tables(struct loop_watch *w, uint32_t events)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool changed = false;
	ssize_t n;

	(void)events;
	while ((n = read(w->fd, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const void *)p;
			changed = changed || about_tables(ev);
			p += sizeof(*ev) + ev->len;
		}
	}
	if (!changed)
		return;
	checker_flush();
	watch_tables(w->fd);
}

void checker_init(void)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);

	if (fd < 0)
		return;
	watch_tables(fd);
	tables_watch.fn = on_tables;
	if (loop_add(&tables_watch, fd, EPOLLIN) < 0)
		close(fd);
}

static size_t slot_of(const struct check_ticket *t)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < t->key_len; i++)
		h = (h ^ t->key[i]) * 16777619u;
	for (const char *c = t->daemon; *c != '\0'; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	return h % CACHE_SLOTS;
}

static struct cached *cache_find(const struct check_ticket *t)
{
	struct cached *c = &cache[slot_of(t)];

	if (c->gen != cache_gen || c->expires_ms <= loop_now_ms() ||
	    c->needs != t->needs ||
	    strcmp(c->daemon, t->daemon) != 0 ||
	    c->key_len != t->key_len || c->local_len != t->local_len ||
	    memcmp(c->key, t->key, t->key_len) != 0 ||
	    memcmp(&c->local, &t->local, t->local_len) != 0)
		return NULL;
	return c;
}

static void cache_put(const struct check_ticket *t,
    const struct check_result *r)
{
	struct cached *c = &cache[slot_of(t)];

	/*
	 * Per-connection answers are not kept, nor a name look-up that gave
	 * nothing: a resolver that timed out may answer the next time.
	 */
	if ((t->needs & CHECK_IDENT) ||
	    ((t->needs & CHECK_NAME) && !r->has_name))
		return;
	c->gen = cache_gen;
	c->expires_ms = loop_now_ms() + CACHE_TTL_MS;
	c->needs = t->needs;
	memcpy(c->daemon, t->daemon, sizeof(c->daemon));
	c->local = t->local;
	c->local_len = t->local_len;
	memcpy(c->key, t->key, sizeof(c->key));
	c->key_len = t->key_len;
	c->r = *r;
}

static void on_reply(struct loop_watch *w, uint32_t events);
static void reap_idle(struct loop_timer *t);

/* Give k up: it may be in the middle of something; reaped later. */
static void drop(struct worker *k)
{
	if (k->pid <= 0)
		return;
	(void)kill(k->pid, SIGKILL);
	loop_del(&k->watch);
	k->dying = true;
}

/* A new checker: this very binary, started afresh as one. */
static bool spawn(struct worker *k)
{
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return false;
	pid = fork();
	if (pid == 0) {
		char *argv[] = { (char *)"xinetd", (char *)CHECKERD_OPTION,
		    NULL };
		sigset_t none;
		sigemptyset(&none);
		(void)sigprocmask(SIG_SETMASK, &none, NULL);
		if (dup2(sv[1], 3) < 0)
			_exit(1);
		fd_close_except(4, NULL, 0);
		execv("/proc/self/exe", argv);
		_exit(1);
	}
	close(sv[1]);
	if (pid < 0) {
		close(sv[0]);
		return false;
	}
	memset(k, 0, sizeof(*k));
	k->pid = pid;
	k->watch.fn = on_reply;
	k->idle_since = loop_now_ms();
	if (!reaper.pending) {
		reaper.fn = reap_idle;
		loop_timer_arm(&reaper, IDLE_MS);
	}
	if (loop_add(&k->watch, sv[0], EPOLLIN) < 0) {
		close(sv[0]);
		(void)kill(pid, SIGKILL);
		k->pid = 0;
		return false;
	}
	return true;
}

static unsigned alive(void)
{
	unsigned n = 0;

	for (int i = 0; i < CHECKERS_MAX; i++)
		if (workers[i].pid > 0 && !workers[i].dying)
			n++;
	return n;
}

/* An idle checker, started if need be; NULL when all are busy. */
static struct worker *idle_worker(void)
{
	struct worker *free_slot = NULL;

	for (int i = 0; i < CHECKERS_MAX; i++) {
		if (workers[i].pid > 0 && !workers[i].dying &&
		    workers[i].busy == NULL)
			return &workers[i];
		if (workers[i].pid == 0 && free_slot == NULL)
			free_slot = &workers[i];
	}
	if (free_slot != NULL && spawn(free_slot))
		return free_slot;
	return NULL;
}

static void on_late(struct loop_timer *t);

/* Hand t to k; false if k could not take it (k is then given up). */
static bool dispatch(struct worker *k, struct check_ticket *t)
{
	struct check_request q = {
		.id = t->id, .needs = t->needs,
		.local = t->local, .peer = t->peer,
		.local_len = t->local_len, .peer_len = t->peer_len,
	};

	memcpy(q.daemon, t->daemon, sizeof(q.daemon));
	if (send(k->watch.fd, &q, sizeof(q), MSG_DONTWAIT | MSG_NOSIGNAL) !=
	    (ssize_t)sizeof(q)) {
		drop(k);
		return false;
	}
	k->busy = t;
	t->worker = (int)(k - workers);
	t->timer.fn = on_late;
	loop_timer_arm(&t->timer, CHECK_TIMEOUT_MS);
	return true;
}

static void finish(struct check_ticket *t, const struct check_result *r)
{
	loop_timer_cancel(&t->timer);
	if (t->worker >= 0)
		workers[t->worker].busy = NULL;
	t->worker = -1;
	t->fn(t, r);
}

/* Take the first waiting request off the queue. */
static struct check_ticket *dequeue(void)
{
	struct check_ticket *t = queue;

	queue = t->next;
	if (queue == NULL)
		queue_tail = &queue;
	queued--;
	return t;
}

/*
 * Give waiting requests to idle checkers; with none alive that could
 * take them (none can be started: no processes, no descriptors), they
 * fall back rather than wait for nothing.
 */
static void pump(void)
{
	struct worker *k;

	while (queue != NULL) {
		if ((k = idle_worker()) != NULL) {
			struct check_ticket *t = dequeue();
			if (!dispatch(k, t))
				finish(t, NULL);
		} else if (alive() == 0) {
			finish(dequeue(), NULL);
		} else {
			return;
		}
	}
}

static void on_reply(struct loop_watch *w, uint32_t events)
{
	struct worker *k = (struct worker *)w;
	struct check_reply rep;
	struct check_result r;
	struct check_ticket *t = k->busy;
	ssize_t n = recv(w->fd, &rep, sizeof(rep), MSG_DONTWAIT);

	(void)events;
	if (n < 0 && errno == EAGAIN)
		return;
	if (n != (ssize_t)sizeof(rep) || t == NULL || rep.id != t->id) {
		/* Gone, or out of step: it is replaced when needed. */
		drop(k);
		return;
	}
	memset(&r, 0, sizeof(r));
	r.wrap = rep.wrap;
	r.has_name = rep.has_name;
	r.ident_ok = rep.ident_ok;
	memcpy(r.name, rep.name, sizeof(r.name));
	r.name[sizeof(r.name) - 1] = '\0';
	memcpy(r.ident, rep.ident, sizeof(r.ident));
	r.ident[sizeof(r.ident) - 1] = '\0';
	k->idle_since = loop_now_ms();
	cache_put(t, &r);
	finish(t, &r);
	pump();
}

/* No answer in time: the checker is given up, the request falls back. */
static void on_late(struct loop_timer *timer)
{
	struct check_ticket *t = (struct check_ticket *)timer;
	struct worker *k = &workers[t->worker];

	log_msg(LOG_WARNING, "access checker %d did not answer in %d s; the check is made in the server's child",
	    (int)k->pid, CHECK_TIMEOUT_MS / 1000);
	drop(k);
	finish(t, NULL);
}

bool checker_submit(struct check_ticket *t, uint32_t needs,
    const char *daemon, int conn, const struct peer *p, check_fn fn)
{
	struct cached *c;
	struct worker *k;

	memset(t, 0, sizeof(*t));
	t->fn = fn;
	t->needs = needs;
	t->worker = -1;
	t->id = ++next_id;
	strlcpy(t->daemon, daemon != NULL ? daemon : "", sizeof(t->daemon));
	t->peer = p->addr;
	t->peer_len = p->len;
	t->key_len = peer_address_key(p, t->key);
	t->local_len = sizeof(t->local);
	if (getsockname(conn, (struct sockaddr *)&t->local, &t->local_len) < 0)
		return false;
	if ((c = cache_find(t)) != NULL) {
		fn(t, &c->r);
		return true;
	}
	if (queue == NULL && (k = idle_worker()) != NULL)
		return dispatch(k, t);
	if (queued >= CHECK_QUEUE_MAX || alive() == 0)
		return false;
	*queue_tail = t;
	queue_tail = &t->next;
	queued++;
	return true;
}

void checker_cancel(struct check_ticket *t)
{
	loop_timer_cancel(&t->timer);
	if (t->worker >= 0) {
		/* Its answer would be out of step: the checker goes. */
		struct worker *k = &workers[t->worker];
		drop(k);
		k->busy = NULL;
		t->worker = -1;
		return;
	}
	for (struct check_ticket **pp = &queue; *pp != NULL;
	    pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			if (*pp == NULL)
				queue_tail = pp;
			queued--;
			return;
		}
	}
}

bool checker_is_checker(pid_t pid)
{
	for (int i = 0; i < CHECKERS_MAX; i++)
		if (pid > 0 && workers[i].pid == pid)
			return true;
	return false;
}

/* Idle checkers beyond the first are not kept. */
static void reap_idle(struct loop_timer *t)
{
	uint64_t now = loop_now_ms();
	int kept = 0;

	for (int i = 0; i < CHECKERS_MAX; i++) {
		struct worker *k = &workers[i];
		if (k->pid <= 0 || k->dying || k->busy != NULL)
			continue;
		if (kept++ > 0 && now - k->idle_since >= IDLE_MS)
			drop(k);
	}
	if (kept > 0)
		loop_timer_arm(t, IDLE_MS);
}

bool checker_reaped(pid_t pid)
{
	for (int i = 0; i < CHECKERS_MAX; i++) {
		struct worker *k = &workers[i];
		if (pid <= 0 || k->pid != pid)
			continue;
		loop_del(&k->watch);
		close(k->watch.fd);
		k->pid = 0;
		k->dying = false;
		if (k->busy != NULL)
			finish(k->busy, NULL);
		pump();
		return true;
	}
	return false;
}

void checker_stop(void)
{
	for (int i = 0; i < CHECKERS_MAX; i++) {
		struct worker *k = &workers[i];
		if (k->pid <= 0)
			continue;
		drop(k);
		close(k->watch.fd);
		k->pid = 0;
		k->dying = false;
		k->busy = NULL;
	}
	queue = NULL;
	queue_tail = &queue;
	queued = 0;
	loop_timer_cancel(&reaper);
	if (tables_watch.fd >= 0) {
		loop_del(&tables_watch);
		close(tables_watch.fd);
		tables_watch.fd = -1;
	}
}
