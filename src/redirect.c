/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * redirect.c: the forwarder between a client and the redirect target. It
 * runs in the forked child, so a blocking connect is fine; the copy loop
 * is poll-driven and honours half-closes in each direction.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "peer.h"
#include "redirect.h"
#include "svclog.h"

#define PUMP_BUF 16384

struct pipe_dir {
	int from, to;
	char buf[PUMP_BUF];
	size_t len, off;
	int eof;
	uint64_t bytes;
};

static void tune(int fd, const struct svc_conf *sc)
{
	int one = 1;

	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (sc->flags & SVC_F_KEEPALIVE)
		(void)setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one,
		    sizeof(one));
}

/* Move what can be moved without blocking; false when the link broke. */
static int step(struct pipe_dir *d, short rev_from, short rev_to)
{
	if (d->len == 0 && !d->eof && (rev_from & (POLLIN | POLLHUP | POLLERR))) {
		ssize_t n = read(d->from, d->buf, sizeof(d->buf));
		if (n < 0 && errno != EINTR && errno != EAGAIN)
			return 0;
		if (n == 0) {
			d->eof = 1;
			(void)shutdown(d->to, SHUT_WR);
		} else if (n > 0) {
			d->len = (size_t)n;
			d->off = 0;
		}
	}
	if (d->len > 0 && (rev_to & POLLOUT)) {
		ssize_t n = send(d->to, d->buf + d->off, d->len, MSG_NOSIGNAL);
		if (n < 0 && errno != EINTR && errno != EAGAIN)
			return 0;
		if (n > 0) {
			d->off += (size_t)n;
			d->len -= (size_t)n;
			d->bytes += (uint64_t)n;
		}
	}
	return 1;
}

/*
 * A side that reports an error, or a hang-up while we no longer read it,
 * can neither give nor take anything more: polling it again would return
 * at once, forever.
 */
static bool dead(const struct pollfd *p)
{
	return (p->revents & (POLLERR | POLLNVAL)) ||
	    ((p->revents & POLLHUP) && !(p->events & POLLIN));
}

/* What can still be written to the live side, without waiting. */
static void flush(struct pipe_dir *d)
{
	if (d->len > 0) {
		ssize_t n = send(d->to, d->buf + d->off, d->len,
		    MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n > 0)
			d->bytes += (uint64_t)n;
	}
}

/* "reset by peer" and the like: the pending error of fd, or hang-up. */
static const char *why(int fd)
{
	int err = 0;
	socklen_t len = sizeof(err);

	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err != 0)
		return strerror(err);
	return "hung up";
}

/*
 * Copy both ways until each side has closed its half. Returns NULL then,
 * or why the session ended early ("client: ...", "target: ...").
 */
static const char *pump(struct pipe_dir *in, struct pipe_dir *out,
    char *reason, size_t len)
{
	while (!(in->eof && in->len == 0) || !(out->eof && out->len == 0)) {
		struct pollfd p[2] = {
			{ .fd = in->from }, { .fd = out->from },
		};
		/* p[0] is the client, p[1] the target. */
		if (!in->eof && in->len == 0)
			p[0].events |= POLLIN;
		if (out->len > 0)
			p[0].events |= POLLOUT;
		if (!out->eof && out->len == 0)
			p[1].events |= POLLIN;
		if (in->len > 0)
			p[1].events |= POLLOUT;
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			snprintf(reason, len, "poll: %s", strerror(errno));
			return reason;
		}
		if (dead(&p[0]) || dead(&p[1])) {
			bool client = dead(&p[0]);
			flush(client ? in : out);
			snprintf(reason, len, "%s: %s",
			    client ? "client" : "target",
			    why(client ? in->from : out->from));
			return reason;
		}
		if (!step(in, p[0].revents, p[1].revents) ||
		    !step(out, p[1].revents, p[0].revents)) {
			snprintf(reason, len, "%s", strerror(errno));
			return reason;
		}
	}
	return NULL;
}

int redirect_run(const struct svc_conf *sc, struct svclog *log, int client)
{
	static struct pipe_dir in, out;
	char reason[128];
	const char *ended;
	struct peer to;
	int target;

	peer_set(&to, (const struct sockaddr *)&sc->redirect_addr,
	    sc->redirect_len);
	target = socket(sc->redirect_addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC,
	    0);
	if (target < 0 || connect(target,
	    (const struct sockaddr *)&sc->redirect_addr, sc->redirect_len) < 0) {
		log_msg(LOG_ERR, "can't connect to remote host %s: %s", to.text,
		    log_strerror(errno));
		return 0;
	}
	tune(client, sc);
	tune(target, sc);
	/* Blocking sends could deadlock two full buffers against each other. */
	(void)fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK);
	(void)fcntl(target, F_SETFL, fcntl(target, F_GETFL) | O_NONBLOCK);
	in.from = client;
	in.to = target;
	out.from = target;
	out.to = client;
	ended = pump(&in, &out, reason, sizeof(reason));
	if (ended != NULL)
		log_msg(LOG_INFO, "service %s: redirected session to %s ended: %s",
		    sc->id, to.text, ended);
	if (sc->log_on_success & LOG_S_TRAFFIC)
		svclog_write(log, sc->id,
		    "TRAFFIC: %s in=%llu(bytes) out=%llu(bytes)", sc->id,
		    (unsigned long long)in.bytes, (unsigned long long)out.bytes);
	close(target);
	return 0;
}
