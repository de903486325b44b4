/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * forward.c: one direction of a redirected session. Short sessions (most
 * redirects: a request and its answer) never set up a pipe; a direction
 * that proves to be a bulk one moves with splice() from then on, never
 * through user space. Where splice cannot be used bytes stay copied
 * (XINETD_NG_SPLICE=0 forces that, for tests).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "forward.h"

/* Pipe size asked for: more data in flight per system call. */
#define PIPE_SIZE (1024 * 1024)
/* A bulk transfer: four full buffers copied. */
#define SPLICE_AFTER (4 * FWD_BUF)

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
static bool can_fill(const struct fwd_dir *d)
{
	return !d->eof && (d->pipe[1] >= 0 ? d->len < d->cap : d->len == 0);
}

/* The sender is done and all it sent is delivered: pass the half-close. */
static void pass_eof(struct fwd_dir *d)
{
	if (d->eof == 1 && d->len == 0) {
		(void)shutdown(d->to, SHUT_WR);
		d->eof = 2;
	}
}

void fwd_close(struct fwd_dir *d)
{
	if (d->pipe[0] >= 0) {
		close(d->pipe[0]);
		close(d->pipe[1]);
	}
	d->pipe[0] = d->pipe[1] = -1;
}

/* Copy from now on: splice() refused this pair (only while the pipe is empty). */
static void stop_splicing(struct fwd_dir *d)
{
	fwd_close(d);
	d->cap = sizeof(d->buf);
	d->may_splice = false;
}

/* A bulk direction with nothing held in the buffer: through a pipe now. */
static void start_splicing(struct fwd_dir *d)
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
static bool fill(struct fwd_dir *d)
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
		n = recv(d->from, d->buf, sizeof(d->buf), MSG_DONTWAIT);
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
static bool drain(struct fwd_dir *d)
{
	ssize_t n;

	if (d->pipe[0] >= 0)
		n = splice(d->pipe[0], NULL, d->to, NULL, d->len,
		    SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
	else
		n = send(d->to, d->buf + d->off, d->len,
		    MSG_NOSIGNAL | MSG_DONTWAIT);
	if (n > 0) {
		d->off += (size_t)n;
		d->len -= (size_t)n;
		d->bytes += (uint64_t)n;
		pass_eof(d);
	}
	return n >= 0 || would_block(n);
}

/*
 * Move what can be moved without blocking; false when the link broke.
 * What was just taken is offered to the receiver at once: it is most
 * often writable, and waiting to be told so costs a wake-up per message.
 */
static bool move(struct fwd_dir *d, short rev_from, short rev_to)
{
	bool took = false;

	if (can_fill(d) && (rev_from & (POLLIN | POLLHUP | POLLERR))) {
		size_t before = d->len;
		if (!fill(d))
			return false;
		took = d->len > before;
	}
	if (d->len > 0 && ((rev_to & POLLOUT) || took) && !drain(d))
		return false;
	return true;
}

bool fwd_done(const struct fwd_dir *d)
{
	return d->eof && d->len == 0;
}

short fwd_events(const struct fwd_dir *d, const struct fwd_dir *back,
    bool *watch)
{
	short ev = (short)((can_fill(d) ? POLLIN : 0) |
	    (back->len > 0 ? POLLOUT : 0));

	*watch = ev != 0 || d->eof;
	return ev;
}

/* Gone: reset, or hung up once it has nothing more to send. */
static bool gone(short revents, const struct fwd_dir *from)
{
	return (revents & (POLLERR | POLLNVAL)) ||
	    ((revents & POLLHUP) && from->eof);
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
 * still goes to the other side. Worth a reason if the session was not
 * over for it.
 */
static void abandon(struct fwd_dir *to_it, const char *side, int fd,
    char *reason, size_t len)
{
	if (!fwd_done(to_it) && reason[0] == '\0')
		snprintf(reason, len, "%s: %s", side, why(fd));
	to_it->eof = 2;
	to_it->len = 0;
}

bool fwd_step(struct fwd_dir *in, struct fwd_dir *out, short rev_client,
    short rev_target, char *reason, size_t len)
{
	if (gone(rev_client, in))
		abandon(out, "client", in->from, reason, len);
	if (gone(rev_target, out))
		abandon(in, "target", out->from, reason, len);
	if (!move(in, rev_client, rev_target) ||
	    !move(out, rev_target, rev_client)) {
		if (reason[0] == '\0')
			snprintf(reason, len, "%s", strerror(errno));
		return false;
	}
	return true;
}

/* One direction, copying until it proves to be a bulk one. */
static void dir_open(struct fwd_dir *d, int from, int to)
{
	/* Read once: the daemon opens two directions per relayed session. */
	static int splice_on = -1;

	if (splice_on < 0) {
		const char *want = getenv("XINETD_NG_SPLICE");
		splice_on = want == NULL || strcmp(want, "0") != 0;
	}
	/*
	 * Field by field: clearing buf too would touch 16 KiB of fresh
	 * pages, a fault each, for sessions that use a few bytes of it.
	 */
	d->from = from;
	d->to = to;
	d->pipe[0] = d->pipe[1] = -1;
	d->cap = sizeof(d->buf);
	d->len = d->off = 0;
	d->eof = 0;
	d->bytes = 0;
	d->may_splice = splice_on;
}

void fwd_open(struct fwd_dir *in, struct fwd_dir *out, int client,
    int target, const struct svc_conf *sc)
{
	tune(client, sc);
	tune(target, sc);
	dir_open(in, client, target);
	dir_open(out, target, client);
}
