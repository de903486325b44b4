/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * ident.c: the RFC 1413 client. It connects from the connection's local
 * address to the peer's port 113, sends "<peer port>,<local port>", and
 * accepts one CRLF-terminated reply of at most 1024 bytes whose ports match
 * and whose keyword is USERID.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "ident.h"
#include "util.h"

#define IDENT_PORT 113
#define IDENT_REPLY_MAX 1024

static int remaining_ms(const struct timespec *deadline)
{
	struct timespec now;
	long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (deadline->tv_sec - now.tv_sec) * 1000 +
	    (deadline->tv_nsec - now.tv_nsec) / 1000000;
	return ms < 0 ? 0 : (int)ms;
}

static enum ident_result wait_for(int fd, short events,
    const struct timespec *deadline)
{
	struct pollfd p = { .fd = fd, .events = events };
	int r;

	do
		r = poll(&p, 1, remaining_ms(deadline));
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return IDENT_SYSTEM_ERROR;
	return r == 0 ? IDENT_TIMEOUT : IDENT_OK;
}

static enum ident_result talk(int fd, unsigned pport, unsigned lport,
    const struct timespec *deadline, char *reply, size_t *got)
{
	char req[32];
	int n = snprintf(req, sizeof(req), "%u,%u\r\n", pport, lport);
	enum ident_result r;

	if ((r = wait_for(fd, POLLOUT, deadline)) != IDENT_OK)
		return r;
	int err = 0;
	socklen_t el = sizeof(err);
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) < 0 || err != 0)
		return IDENT_NO_SERVER;
	if (send(fd, req, (size_t)n, MSG_NOSIGNAL) != n)
		return IDENT_SYSTEM_ERROR;
	*got = 0;
	while (*got < IDENT_REPLY_MAX) {
		if ((r = wait_for(fd, POLLIN, deadline)) != IDENT_OK)
			return r;
		ssize_t k = recv(fd, reply + *got, IDENT_REPLY_MAX - *got, 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return IDENT_RECV_ERROR;
		*got += (size_t)k;
		if (memchr(reply, '\n', *got) != NULL)
			return IDENT_OK;
	}
	return IDENT_BAD_RESPONSE;
}

enum ident_result ident_parse_reply(char *reply, unsigned pport,
    unsigned lport, char *out, size_t len)
{
	unsigned rp, rl;
	int off = 0;
	char *p;

	reply[strcspn(reply, "\r\n")] = '\0';
	if (sscanf(reply, " %u , %u : %n", &rp, &rl, &off) != 2 || off == 0 ||
	    rp != pport || rl != lport)
		return IDENT_BAD_RESPONSE;
	p = reply + off;
	if (strncasecmp(p, "USERID", 6) != 0)
		return IDENT_BAD_RESPONSE;
	p += 6;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p++ != ':')
		return IDENT_BAD_RESPONSE;
	while (*p == ' ' || *p == '\t')
		p++;
	sanitize_copy(out, len, p);
	return IDENT_OK;
}

int ident_endpoints(int conn, struct ident_endpoints *e)
{
	socklen_t ll = sizeof(e->local), pl = sizeof(e->peer);

	if (getsockname(conn, (struct sockaddr *)&e->local, &ll) < 0 ||
	    getpeername(conn, (struct sockaddr *)&e->peer, &pl) < 0)
		return -1;
	e->local_len = ll;
	e->peer_len = pl;
	return 0;
}

enum ident_result ident_lookup(int conn, unsigned timeout_s, char *out,
    size_t len)
{
	struct ident_endpoints e;

	if (ident_endpoints(conn, &e) < 0)
		return IDENT_SYSTEM_ERROR;
	return ident_query(&e, timeout_s, out, len);
}

enum ident_result ident_query(const struct ident_endpoints *e,
    unsigned timeout_s, char *out, size_t len)
{
	struct sockaddr_storage local = e->local, peer = e->peer;
	socklen_t ll = e->local_len, pl = e->peer_len;
	struct timespec deadline;
	char reply[IDENT_REPLY_MAX + 1];
	size_t got = 0;
	unsigned lport, pport;
	enum ident_result r;
	int fd;

	lport = sockaddr_port((struct sockaddr *)&local);
	pport = sockaddr_port((struct sockaddr *)&peer);
	sockaddr_set_port((struct sockaddr *)&local, 0);
	sockaddr_set_port((struct sockaddr *)&peer, IDENT_PORT);
	fd = socket(local.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0);
	if (fd < 0)
		return IDENT_SYSTEM_ERROR;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += timeout_s;
	if (bind(fd, (struct sockaddr *)&local, ll) < 0) {
		close(fd);
		return IDENT_SYSTEM_ERROR;
	}
	if (connect(fd, (struct sockaddr *)&peer, pl) < 0 &&
	    errno != EINPROGRESS) {
		close(fd);
		return errno == ECONNREFUSED ? IDENT_NO_SERVER :
		    IDENT_SYSTEM_ERROR;
	}
	r = talk(fd, pport, lport, &deadline, reply, &got);
	close(fd);
	if (r != IDENT_OK)
		return r;
	reply[got] = '\0';
	return ident_parse_reply(reply, pport, lport, out, len);
}

const char *ident_reason(enum ident_result r)
{
	switch (r) {
	case IDENT_OK:
		return "ok";
	case IDENT_NO_SERVER:
		return "no server";
	case IDENT_TIMEOUT:
		return "timeout";
	case IDENT_SYSTEM_ERROR:
		return "system error";
	case IDENT_RECV_ERROR:
		return "error while receiving response";
	case IDENT_BAD_RESPONSE:
		return "bad response";
	}
	return "?";
}
