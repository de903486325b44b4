/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * session.c: stream echo, discard and chargen inside the daemon. Each
 * session is a watched, non-blocking connection with a buffer of its own
 * and an idle timer; nothing it does can block the loop, so a thousand
 * slow clients cost memory, not time (reference 5 for the bytes).
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "builtin.h"
#include "held.h"
#include "log.h"
#include "loop.h"
#include "session.h"
#include "svc.h"
#include "util.h"

/* echo's buffer; chargen's is 32 lines, as its forked version writes. */
#define ECHO_BUF 4096
#define CHARGEN_BUF ((72 + 2) * 32)

struct session {
	struct loop_watch watch;	/* first: the loop hands it back */
	struct held held;		/* on sessions */
	uint64_t active_ms;		/* last progress, for the idle sweep */
	uint32_t events;		/* what the loop waits for now */
	enum builtin_session kind;
	size_t len, off;		/* bytes in buf, and sent of them */
	bool eof;			/* echo: the client is done sending */
	unsigned rotation;		/* chargen */
	char buf[];
};

/* Idle sessions are swept this often, not timed one by one. */
#define SWEEP_MS 5000

static struct held *sessions;
static unsigned nsessions;
static struct loop_timer sweeper;
static uint64_t idle_ms = (uint64_t)SESSION_IDLE_S * 1000;

void session_init(void)
{
	const char *v = getenv("XINETD_NG_SESSION_IDLE");
	long secs;

	if (v != NULL && parse_long(v, 1, 86400, &secs))
		idle_ms = (uint64_t)secs * 1000;
}

unsigned session_count(void)
{
	return nsessions;
}

bool session_possible(const struct builtin *b)
{
	return b != NULL && b->session != SESSION_NONE &&
	    nsessions < SESSION_MAX;
}

static void end(struct session *ss)
{
	loop_del(&ss->watch);
	close(ss->watch.fd);
	held_remove(&ss->held);
	nsessions--;
	free(ss);
}

static void sweep(struct loop_timer *t)
{
	uint64_t now = loop_now_ms();

	for (struct held *h = sessions, *next; h != NULL; h = next) {
		struct session *ss = CONTAINER_OF(h, struct session, held);
		next = h->next;
		if (now - ss->active_ms >= idle_ms)
			end(ss);
	}
	if (nsessions > 0)
		loop_timer_arm(t, idle_ms < SWEEP_MS ? idle_ms : SWEEP_MS);
}

/* Send what is buffered; false when the connection broke. */
static bool flush(struct session *ss)
{
	while (ss->off < ss->len) {
		ssize_t n = send(ss->watch.fd, ss->buf + ss->off,
		    ss->len - ss->off, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n < 0)
			return errno == EAGAIN || errno == EINTR;
		ss->off += (size_t)n;
	}
	ss->len = ss->off = 0;
	return true;
}

/* echo and discard: read what came; false when the session is over. */
static bool take_input(struct session *ss)
{
	ssize_t n;

	if (ss->kind == SESSION_DISCARD) {
		char sink[ECHO_BUF];
		while ((n = recv(ss->watch.fd, sink, sizeof(sink),
		    MSG_DONTWAIT)) > 0)
			;
	} else {
		n = recv(ss->watch.fd, ss->buf, ECHO_BUF, MSG_DONTWAIT);
		if (n > 0) {
			ss->len = (size_t)n;
			ss->off = 0;
		}
	}
	if (n == 0)
		ss->eof = true;
	return n >= 0 || errno == EAGAIN || errno == EINTR;
}

/* What to wait for next; 0 when the session is over. */
static uint32_t next_events(const struct session *ss)
{
	if (ss->kind == SESSION_CHARGEN)
		return EPOLLOUT;
	if (ss->len > ss->off)
		return EPOLLOUT;
	return ss->eof ? 0 : EPOLLIN;
}

/* Move what can be moved now; false when the session is over. */
static bool step(struct session *ss, uint32_t events)
{
	switch (ss->kind) {
	case SESSION_CHARGEN:
		if (events & (EPOLLERR | EPOLLHUP))
			return false;
		if (ss->len == 0) {
			ss->rotation = builtin_chargen_fill(ss->buf,
			    CHARGEN_BUF, ss->rotation);
			ss->len = CHARGEN_BUF;
		}
		return flush(ss);
	case SESSION_DISCARD:
		return take_input(ss) && !ss->eof;
	case SESSION_ECHO:
		if (ss->len > ss->off)
			return flush(ss);
		return take_input(ss) && flush(ss);
	case SESSION_NONE:
		break;
	}
	return false;
}

static void on_ready(struct loop_watch *w, uint32_t events)
{
	struct session *ss = (struct session *)w;
	uint32_t want;

	if (!step(ss, events) || (want = next_events(ss)) == 0 ||
	    (want != ss->events && loop_mod(&ss->watch, want) < 0)) {
		end(ss);
		return;
	}
	ss->events = want;
	ss->active_ms = loop_now_ms();
}

void session_start(struct service *s, const struct builtin *b, int conn,
    const struct peer *p)
{
	size_t size = b->session == SESSION_CHARGEN ? CHARGEN_BUF : ECHO_BUF;
	struct session *ss = xcalloc(1, sizeof(*ss) + size);

	ss->kind = b->session;
	ss->watch.fn = on_ready;
	ss->events = ss->kind == SESSION_CHARGEN ? EPOLLOUT : EPOLLIN;
	ss->active_ms = loop_now_ms();
	/* chargen never reads (reference 5). */
	if (ss->kind == SESSION_CHARGEN)
		(void)shutdown(conn, SHUT_RD);
	if (loop_add(&ss->watch, conn, ss->events) < 0) {
		log_msg(LOG_ERR, "unable to watch a session of %s: %s",
		    s->conf->id, log_strerror(errno));
		close(conn);
		free(ss);
		return;
	}
	held_add(&sessions, &ss->held, s, p->text);
	nsessions++;
	if (!sweeper.pending) {
		sweeper.fn = sweep;
		loop_timer_arm(&sweeper, idle_ms < SWEEP_MS ? idle_ms : SWEEP_MS);
	}
}

unsigned session_from_source(const struct service *s, const char *peer)
{
	return held_from_source(sessions, s, peer);
}

static void end_held(struct held *h)
{
	end(CONTAINER_OF(h, struct session, held));
}

void session_end_all(const struct service *s)
{
	held_end_all(sessions, s, end_held);
	if (nsessions == 0)
		loop_timer_cancel(&sweeper);
}
