/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * forward.h: one direction of a redirected session (client to target, or
 * back), moved without blocking: copied for its first FWD_SPLICE_AFTER
 * bytes, then spliced through a pipe. Both drivers use it: the forwarder
 * in a child (redirect.c, poll) and the relay in the daemon (relay.c,
 * epoll); the event bits are poll's, which on Linux are epoll's too.
 */
#ifndef XINETD_FORWARD_H
#define XINETD_FORWARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf/conf.h"

#define FWD_BUF 16384

struct fwd_dir {
	int from, to;
	int pipe[2];			/* splice: [0] read end, [1] write end */
	size_t cap;			/* what the pipe (or buf) holds at most */
	size_t len, off;		/* bytes held, and sent of them (buf) */
	int eof;			/* 1: sender done; 2: passed on */
	bool may_splice;		/* not refused, not turned off */
	uint64_t bytes;			/* delivered */
	char buf[FWD_BUF];		/* copying: the bytes in transit */
};

/*
 * Set in and out up to move client -> target and back (their buffers are
 * left as they are), with TCP_NODELAY on both sockets, and SO_KEEPALIVE
 * with the KEEPALIVE flag. The sockets are made non-blocking by the caller.
 */
void fwd_open(struct fwd_dir *in, struct fwd_dir *out, int client,
    int target, const struct svc_conf *sc);

/* Close d's pipe, if it has one (not from or to). */
void fwd_close(struct fwd_dir *d);

/* All sent and delivered, or abandoned. */
bool fwd_done(const struct fwd_dir *d);

/*
 * What a side is watched for: d is what it sends, back what it receives.
 * *watch says whether to watch it at all: with nothing wanted a hang-up
 * would wake the driver again and again, but a side that has finished
 * sending stays watched, so that its reset is seen while the other side is
 * silent.
 */
short fwd_events(const struct fwd_dir *d, const struct fwd_dir *back,
    bool *watch);

/*
 * revents of the side d sends from, and of the side d sends to, have come:
 * a side that has gone (reset, or hung up once done sending) abandons what
 * would go to it (noting why in reason, the first time, as "side: why"),
 * then what can move moves. False when the link broke (reason says how).
 */
bool fwd_step(struct fwd_dir *in, struct fwd_dir *out, short rev_client,
    short rev_target, char *reason, size_t len);

#endif
