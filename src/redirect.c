/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * redirect.c: the forwarder between a client and the redirect target. It
 * runs in the forked child, so a blocking connect is fine; the copy loop
 * is poll-driven and honours half-closes in each direction. A direction
 * starts by copying; once it has moved SPLICE_AFTER bytes its bytes move
 * with splice() through a pipe, never through user space. Short sessions
 * (most redirects: a request and its answer) so skip the pipe's set-up,
 * four system calls and its buffers; where splice cannot be used bytes
 * stay copied (XINETD_NG_SPLICE=0 forces that, for tests).
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
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "peer.h"
#include "redirect.h"
#include "svclog.h"

#define PUMP_BUF 16384
/* Pipe size asked for: more data in flight per system call. */
#define PIPE_SIZE (1024 * 1024)
/* A bulk transfer: four full buffers copied. */
#define SPLICE_AFTER (4 * PUMP_BUF)

struct pipe_dir {
	int from, to;
	int pipe[2];			/* splice: [0] read end, [1] write end */
	size_t cap;			/* what the pipe (or buf) holds at most */
	char buf[PUMP_BUF];		/* copying: the bytes in transit */
	size_t len, off;		/* bytes held, and sent of them (buf) */
	int eof;
	bool may_splice;		/* not refused, not turned off */
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

/* Nothing to wait for: a full pipe or a stalled peer, not an error. */
static bool would_block(ssize_t n)
{
	return n < 0 && (errno == EAGAIN || errno == EINTR);
}

/* Room for more: the pipe up to its size, the buffer once it is sent. */
static bool can_fill(const struct pipe_dir *d)
{
	return !d->eof && (d->pipe[1] >= 0 ? d->len < d->cap : d->len == 0);
}

/* The sender is done and all it sent is delivered: pass the half-close. */
static void pass_eof(struct pipe_dir *d)
{
	if (d->eof == 1 && d->len == 0) {
		(void)shutdown(d->to, SHUT_WR);
		d->eof = 2;
	}
}

/* Copy from now on: splice() refused this pair (only while the pipe is empty). */
static void stop_splicing(struct pipe_dir *d)
{
	close(d->pipe[0]);
	close(d->pipe[1]);
	d->pipe[0] = d->pipe[1] = -1;
	d->cap = sizeof(d->buf);
	d->may_splice = false;
}

/* A bulk direction with nothing held in the buffer: through a pipe now. */
static void start_splicing(struct pipe_dir *d)
{
	int size;

	if (!d->may_splice || d->pipe[1] >= 0 || d->len != 0 ||
	    d->bytes < SPLICE_AFTER)
		return;
	if (pipe2(d->pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		d->may_splice = false;
		return;
	}
	size = fcntl(d->pipe[1], F_SETPIPE_SZ, PIPE_SIZE);
	if (size < 0)
		size = fcntl(d->pipe[1], F_GETPIPE_SZ);
	d->cap = size > 0 ? (size_t)size : 65536;
}

/* Take what the sending side has; false when the link broke. */
static bool fill(struct pipe_dir *d)
{
	ssize_t n = -1;

	start_splicing(d);
	if (d->pipe[1] >= 0) {
		n = splice(d->from, NULL, d->pipe[1], NULL, d->cap - d->len,
		    SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
		if (n < 0 && errno == EINVAL && d->len == 0)
			stop_splicing(d);
	}
	if (d->pipe[1] < 0)
		n = read(d->from, d->buf, sizeof(d->buf));
	if (n > 0) {
		d->len += (size_t)n;
		d->off = 0;
	} else if (n == 0) {
		d->eof = 1;
		pass_eof(d);
	}
	return n >= 0 || would_block(n);
}

/* Give the receiving side what is held; false when the link broke. */
static bool drain(struct pipe_dir *d)
{
	ssize_t n;

	if (d->pipe[0] >= 0)
		n = splice(d->pipe[0], NULL, d->to, NULL, d->len,
		    SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
	else
		n = send(d->to, d->buf + d->off, d->len, MSG_NOSIGNAL);
	if (n > 0) {
		d->off += (size_t)n;
		d->len -= (size_t)n;
		d->bytes += (uint64_t)n;
		pass_eof(d);
	}
	return n >= 0 || would_block(n);
}

/* Move what can be moved without blocking; false when the link broke. */
static int step(struct pipe_dir *d, short rev_from, short rev_to)
{
	if (can_fill(d) && (rev_from & (POLLIN | POLLHUP | POLLERR)) &&
	    !fill(d))
		return 0;
	if (d->len > 0 && (rev_to & POLLOUT) && !drain(d))
		return 0;
	return 1;
}

static bool done(const struct pipe_dir *d)
{
	return d->eof && d->len == 0;
}

/*
 * Watch a side for what we want of it. A side with nothing wanted now is
 * left out, or a hang-up there would wake poll at once, again and again;
 * but one that has finished sending stays in, so that its reset or
 * hang-up is seen even while the other side is silent.
 */
static void watch_side(struct pollfd *p, int fd, const struct pipe_dir *from,
    const struct pipe_dir *to)
{
	p->events = (short)((can_fill(from) ? POLLIN : 0) |
	    (to->len > 0 ? POLLOUT : 0));
	p->fd = p->events != 0 || from->eof ? fd : -1;
	p->revents = 0;
}

/* Gone: reset, or hung up once it has nothing more to send. */
static bool gone(const struct pollfd *p, const struct pipe_dir *from)
{
	return (p->revents & (POLLERR | POLLNVAL)) ||
	    ((p->revents & POLLHUP) && from->eof);
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
 * A side is gone: nothing more can be given to it; what it sent before
 * still goes to the other side. Worth a log line if the session was not
 * over for it.
 */
static void abandon(struct pipe_dir *to_it, const char *side, int fd,
    char *reason, size_t len)
{
	if (!done(to_it) && reason[0] == '\0')
		snprintf(reason, len, "%s: %s", side, why(fd));
	to_it->eof = 2;
	to_it->len = 0;
}

/*
 * Copy both ways until each side has closed its half. Returns NULL then,
 * or why the session ended early ("client: ...", "target: ...").
 */
static const char *pump(struct pipe_dir *in, struct pipe_dir *out,
    char *reason, size_t len)
{
	reason[0] = '\0';
	while (!done(in) || !done(out)) {
		struct pollfd p[2];
		/* p[0] is the client, p[1] the target. */
		watch_side(&p[0], in->from, in, out);
		watch_side(&p[1], out->from, out, in);
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			snprintf(reason, len, "poll: %s", strerror(errno));
			return reason;
		}
		if (gone(&p[0], in))
			abandon(out, "client", in->from, reason, len);
		if (gone(&p[1], out))
			abandon(in, "target", out->from, reason, len);
		if (!step(in, p[0].revents, p[1].revents) ||
		    !step(out, p[1].revents, p[0].revents)) {
			if (reason[0] == '\0')
				snprintf(reason, len, "%s", strerror(errno));
			return reason;
		}
	}
	return reason[0] != '\0' ? reason : NULL;
}

/* One direction, copying until it proves to be a bulk one. */
static void dir_open(struct pipe_dir *d, int from, int to)
{
	const char *want = getenv("XINETD_NG_SPLICE");

	/*
	 * Field by field: clearing buf too would touch 32 KiB of fresh pages
	 * in this forked child, a fault each, for sessions that use a few
	 * bytes of it.
	 */
	d->from = from;
	d->to = to;
	d->pipe[0] = d->pipe[1] = -1;
	d->cap = sizeof(d->buf);
	d->len = d->off = 0;
	d->eof = 0;
	d->bytes = 0;
	d->may_splice = want == NULL || strcmp(want, "0") != 0;
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
	dir_open(&in, client, target);
	dir_open(&out, target, client);
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
