/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * relay.c: a redirected session moved by the daemon. A forwarder process
 * costs a fork per connection (most of a short session's cost, and more
 * the bigger the daemon); here the target is connected without blocking
 * and both sockets are watched by the loop, each direction moving what it
 * can when told (forward.c). Nothing here blocks: a thousand slow clients
 * cost memory (two buffers each), not time. The log keeps its shape:
 * START, TRAFFIC if asked, EXIT, with pid=0 as for the in-daemon builtins.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "banner.h"
#include "forward.h"
#include "held.h"
#include "log.h"
#include "loop.h"
#include "redirect.h"
#include "relay.h"
#include "svc.h"
#include "svclog.h"
#include "util.h"

struct relay {
	struct loop_watch cw, tw;	/* the client's and the target's */
	struct held held;		/* on relays */
	uint64_t start_ms;
	bool connecting;		/* the target has not answered yet */
	uint32_t cev, tev;		/* what each watch waits for now */
	struct peer to;
	char reason[128];		/* why it ended early, once known */
	struct fwd_dir in, out;		/* client to target, and back */
};

static struct held *relays;
static unsigned nrelays;
static unsigned most = RELAY_MAX;

void relay_init(void)
{
	const char *v = getenv("XINETD_NG_RELAY");
	long n;

	if (v != NULL && parse_long(v, 0, RELAY_MAX, &n))
		most = (unsigned)n;
}

static void finish(struct relay *r, const char *why)
{
	struct service *s = r->held.svc;

	redirect_ended(s->conf, s->log, &r->to, why, &r->in, &r->out);
	svclog_exit(s->log, s->conf, 0, 0, loop_now_ms() - r->start_ms,
	    r->held.peer);
	loop_del(&r->cw);
	loop_del(&r->tw);
	close(r->cw.fd);
	close(r->tw.fd);
	fwd_close(&r->in);
	fwd_close(&r->out);
	held_remove(&r->held);
	nrelays--;
	free(r);
}

/* Watch w for ev, or not at all; false if the loop would not take it. */
static bool set_watch(struct loop_watch *w, uint32_t *cur, bool watch,
    uint32_t ev)
{
	if (!watch) {
		loop_del(w);
		return true;
	}
	if (!w->armed) {
		if (loop_add(w, w->fd, ev) < 0)
			return false;
	} else if (ev != *cur && loop_mod(w, ev) < 0) {
		return false;
	}
	*cur = ev;
	return true;
}

/* Watch each side for what its direction wants next. */
static bool rearm(struct relay *r)
{
	bool watch;
	uint32_t ev;

	ev = (uint16_t)fwd_events(&r->in, &r->out, &watch);
	if (!set_watch(&r->cw, &r->cev, watch, ev))
		return false;
	ev = (uint16_t)fwd_events(&r->out, &r->in, &watch);
	return set_watch(&r->tw, &r->tev, watch, ev);
}

/* The target's answer to connect(); false if it refused. */
static bool connected(struct relay *r)
{
	int err = 0;
	socklen_t len = sizeof(err);

	if (getsockopt(r->tw.fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		err = errno;
	if (err != 0) {
		redirect_unreachable(&r->to, err);
		return false;
	}
	r->connecting = false;
	return true;
}

/*
 * Something came on one side. The other side is taken to be writable:
 * it mostly is, and a send that is not wanted costs only EAGAIN.
 */
static void on_side(struct relay *r, short rev_client, short rev_target)
{
	if (r->connecting) {
		if (!connected(r)) {
			finish(r, NULL);
			return;
		}
		rev_client = POLLIN;
	}
	if (!fwd_step(&r->in, &r->out, rev_client, rev_target, r->reason,
	    sizeof(r->reason))) {
		finish(r, r->reason);
		return;
	}
	if (fwd_done(&r->in) && fwd_done(&r->out)) {
		finish(r, r->reason[0] != '\0' ? r->reason : NULL);
		return;
	}
	if (!rearm(r))
		finish(r, "unable to watch the session");
}

static void on_client(struct loop_watch *w, uint32_t events)
{
	struct relay *r = CONTAINER_OF(w, struct relay, cw);

	on_side(r, (short)events, POLLOUT);
}

static void on_target(struct loop_watch *w, uint32_t events)
{
	struct relay *r = CONTAINER_OF(w, struct relay, tw);

	on_side(r, POLLOUT, (short)events);
}

/* A socket to the target, its connect() begun; -1 if none to be had. */
static int dial(const struct svc_conf *sc, int *err)
{
	int fd = socket(sc->redirect_addr.sa.sa_family,
	    SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	*err = 0;
	if (fd < 0)
		return -1;
	if (connect(fd, &sc->redirect_addr.sa, sc->redirect_len) < 0 &&
	    errno != EINPROGRESS)
		*err = errno;
	return fd;
}

bool relay_start(struct service *s, int conn, const struct peer *p)
{
	const struct svc_conf *sc = s->conf;
	struct relay *r;
	int target, err;

	if (nrelays >= most ||
	    (target = dial(sc, &err)) < 0)
		return false;
	/* Not calloc: the buffers are written before they are read. */
	r = xmalloc(sizeof(*r));
	memset(r, 0, offsetof(struct relay, in));
	r->start_ms = loop_now_ms();
	r->connecting = true;
	r->cw.fn = on_client;
	r->cw.fd = conn;
	r->tw.fn = on_target;
	r->tw.fd = target;
	peer_set(&r->to, &sc->redirect_addr.sa, sc->redirect_len);
	(void)fcntl(conn, F_SETFL, fcntl(conn, F_GETFL) | O_NONBLOCK);
	fwd_open(&r->in, &r->out, conn, target, sc);

	held_add(&relays, &r->held, s, p->text);
	nrelays++;
	svclog_start(s->log, sc, 0, p);
	banner_send(sc->banner_success, conn, sc->id, true);
	if (err != 0) {
		redirect_unreachable(&r->to, err);
		finish(r, NULL);
	} else if (!set_watch(&r->tw, &r->tev, true, POLLOUT)) {
		finish(r, "unable to watch the session");
	}
	return true;
}

unsigned relay_from_source(const struct service *s, const char *peer)
{
	return held_from_source(relays, s, peer);
}

static void stop(struct held *h)
{
	finish(CONTAINER_OF(h, struct relay, held), "stopped");
}

void relay_end_all(const struct service *s)
{
	held_end_all(relays, s, stop);
}
