/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * redirect-target.c: the server behind the redirect scenarios -- what a
 * `redirect = 127.0.0.1 PORT` service (or a forwarder floor) forwards to.
 * One process, one non-blocking epoll loop, any number of connections.
 * The first line a client sends decides what the connection is:
 *
 *   GET N    the target sends N bytes of the pattern stream (pattern.h)
 *            and closes: the source for loadgen -G
 *   PUT N    the target reads to EOF, checking every byte against the
 *            pattern stream, then answers "OK <count>\n" if all bytes were
 *            right and count is N, else "BAD <count>\n", and closes: the
 *            sink for loadgen -U (needs the half-close passed on)
 *   other    the line is echoed back (with its "\n") and the connection
 *            closed: redirect-conn's short sessions
 *
 *   redirect-target -p PORT [-l LOG]
 *
 * Listens on 127.0.0.1:PORT; appends "Started working: 1 available
 * service" to LOG once listening (the line bench/run waits for). Runs
 * until killed. Its own CPU time is not counted by the benchmark: it is
 * the same for every forwarder.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "pattern.h"

#define LINE_MAX_LEN 128
#define RECV_BUF (256 * 1024)

enum state { S_LINE, S_SEND, S_SINK, S_REPLY };

struct conn {
	int fd;			/* -1: the listener */
	enum state st;
	uint32_t events;
	char line[LINE_MAX_LEN + 1];
	size_t line_len;
	uint64_t total, done;	/* GET: bytes to send, sent; PUT: expected, got */
	bool bad;
	char reply[LINE_MAX_LEN + 32];
	size_t reply_len, reply_off;
};

static int ep;
static unsigned char pat[PATTERN_LEN];
static unsigned char rbuf[RECV_BUF];

static void set_events(struct conn *c, uint32_t events)
{
	if (c->events == events)
		return;
	struct epoll_event ev = { .events = events, .data.ptr = c };
	epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
	c->events = events;
}

static void drop(struct conn *c)
{
	close(c->fd);
	free(c);
}

/* Queue a reply line; the connection closes once it is sent. */
static void reply(struct conn *c, const char *text, size_t len)
{
	if (len > sizeof(c->reply))
		len = sizeof(c->reply);
	memcpy(c->reply, text, len);
	c->reply_len = len;
	c->reply_off = 0;
	c->st = S_REPLY;
}

/* The first line is complete (line[0..len) without its '\n'). */
static void got_line(struct conn *c, size_t len)
{
	unsigned long long n;
	char tail;

	c->line[len] = '\0';
	if (sscanf(c->line, "GET %llu%c", &n, &tail) == 1) {
		c->st = S_SEND;
		c->total = n;
		c->done = 0;
	} else if (sscanf(c->line, "PUT %llu%c", &n, &tail) == 1) {
		c->st = S_SINK;
		c->total = n;
		c->done = 0;
		c->bad = false;
		/* Bytes after the line arrived with it. */
		size_t extra = c->line_len - len - 1;
		if (extra > 0) {
			if (!pattern_check(pat, 0,
			    (unsigned char *)c->line + len + 1, extra))
				c->bad = true;
			c->done = extra;
		}
	} else {
		c->line[len] = '\n';
		reply(c, c->line, len + 1);
	}
}

static void run(struct conn *c)
{
	for (;;) {
		switch (c->st) {
		case S_LINE: {
			ssize_t n = recv(c->fd, c->line + c->line_len,
			    LINE_MAX_LEN - c->line_len, 0);
			if (n < 0 && errno == EAGAIN) {
				set_events(c, EPOLLIN);
				return;
			}
			if (n <= 0) {
				/* EOF before a line: echo what came, if any */
				if (n == 0 && c->line_len > 0) {
					reply(c, c->line, c->line_len);
					continue;
				}
				drop(c);
				return;
			}
			c->line_len += (size_t)n;
			char *nl = memchr(c->line, '\n', c->line_len);
			if (nl != NULL)
				got_line(c, (size_t)(nl - c->line));
			else if (c->line_len == LINE_MAX_LEN)
				reply(c, c->line, c->line_len);
			continue;
		}
		case S_SEND: {
			if (c->done == c->total) {
				drop(c);	/* close() flushes, then FIN */
				return;
			}
			size_t at = (size_t)(c->done % PATTERN_LEN);
			size_t len = PATTERN_LEN - at;
			if (len > c->total - c->done)
				len = (size_t)(c->total - c->done);
			ssize_t n = send(c->fd, pat + at, len, MSG_NOSIGNAL);
			if (n < 0 && errno == EAGAIN) {
				set_events(c, EPOLLOUT);
				return;
			}
			if (n < 0) {
				drop(c);
				return;
			}
			c->done += (uint64_t)n;
			continue;
		}
		case S_SINK: {
			ssize_t n = recv(c->fd, rbuf, sizeof(rbuf), 0);
			if (n < 0 && errno == EAGAIN) {
				set_events(c, EPOLLIN);
				return;
			}
			if (n < 0) {
				drop(c);
				return;
			}
			if (n == 0) {
				char text[64];
				bool ok = !c->bad && c->done == c->total;
				int len = snprintf(text, sizeof(text), "%s %llu\n",
				    ok ? "OK" : "BAD",
				    (unsigned long long)c->done);
				reply(c, text, (size_t)len);
				continue;
			}
			if (!c->bad && !pattern_check(pat, c->done, rbuf,
			    (size_t)n))
				c->bad = true;
			c->done += (uint64_t)n;
			continue;
		}
		case S_REPLY: {
			if (c->reply_off == c->reply_len) {
				drop(c);
				return;
			}
			ssize_t n = send(c->fd, c->reply + c->reply_off,
			    c->reply_len - c->reply_off, MSG_NOSIGNAL);
			if (n < 0 && errno == EAGAIN) {
				set_events(c, EPOLLOUT);
				return;
			}
			if (n < 0) {
				drop(c);
				return;
			}
			c->reply_off += (size_t)n;
			continue;
		}
		}
	}
}

int main(int argc, char **argv)
{
	const char *log = NULL;
	long port = 0;
	int opt, one = 1;

	while ((opt = getopt(argc, argv, "p:l:")) != -1) {
		switch (opt) {
		case 'p': port = strtol(optarg, NULL, 10); break;
		case 'l': log = optarg; break;
		default: goto usage;
		}
	}
	if (port <= 0 || port > 65535 || optind != argc)
		goto usage;
	signal(SIGPIPE, SIG_IGN);
	pattern_fill(pat);

	int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	struct sockaddr_in sin = { .sin_family = AF_INET,
	    .sin_port = htons((uint16_t)port),
	    .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	if (lfd < 0 ||
	    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(lfd, (struct sockaddr *)&sin, sizeof(sin)) < 0 ||
	    listen(lfd, 256) < 0) {
		perror("redirect-target: listen");
		return 1;
	}
	ep = epoll_create1(EPOLL_CLOEXEC);
	static struct conn listener = { .fd = -1 };
	struct epoll_event lev = { .events = EPOLLIN, .data.ptr = &listener };
	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &lev) < 0) {
		perror("redirect-target: epoll");
		return 1;
	}
	if (log != NULL) {
		FILE *f = fopen(log, "a");
		if (f == NULL) {
			perror(log);
			return 1;
		}
		fprintf(f, "redirect-target[%d]: Started working: 1 available service\n",
		    (int)getpid());
		fclose(f);
	}
	for (;;) {
		struct epoll_event evs[64];
		int n = epoll_wait(ep, evs, 64, -1);
		if (n < 0 && errno != EINTR) {
			perror("redirect-target: epoll_wait");
			return 1;
		}
		for (int i = 0; i < n; i++) {
			struct conn *c = evs[i].data.ptr;
			if (c->fd >= 0) {
				run(c);
				continue;
			}
			for (;;) {
				int fd = accept4(lfd, NULL, NULL,
				    SOCK_NONBLOCK | SOCK_CLOEXEC);
				if (fd < 0)
					break;
				struct conn *nc = calloc(1, sizeof(*nc));
				if (nc == NULL) {
					close(fd);
					continue;
				}
				nc->fd = fd;
				nc->st = S_LINE;
				struct epoll_event ev = { .events = 0, .data.ptr = nc };
				if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) {
					close(fd);
					free(nc);
					continue;
				}
				run(nc);
			}
		}
	}
usage:
	fprintf(stderr, "usage: redirect-target -p PORT [-l LOG]\n");
	return 2;
}
