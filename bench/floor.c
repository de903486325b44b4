/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * floor.c: the least a super-server can do for one connection, one way of
 * doing it per mode -- the "floors" bench/run puts next to xinetd-ng and
 * the genuine xinetd. No configuration, no logging, no access control.
 *
 *   floor -m MODE -p PORT [-x N] [-L PORTFILE] [-l LOG] [-T TPORT]
 *         [-P PIPEBYTES] [SERVER [ARG...]]
 *
 * Modes:
 *   fork      accept -> fork -> (child) dup2 onto 0,1,2 -> execve SERVER
 *   clone     accept (the connection lands on fd 0) ->
 *             clone(CLONE_VM | CLONE_VFORK | CLONE_FILES) -> (child, raw
 *             system calls on a small stack) close_range(3, ~0U,
 *             CLOSE_RANGE_UNSHARE), dup2 0 onto 1 and 2, execve SERVER.
 *             The parent is suspended until the execve, shares memory and
 *             descriptor table with the child until then, and copies
 *             neither; the unshare copies only descriptors 0-2.
 *   daytime   in-process: accept, format the daytime line (the format of
 *             xinetd's daytime service), send, close
 *   echo      in-process: accept, echo everything back, close on EOF
 *   splice    in-process forwarder to 127.0.0.1:TPORT: non-blocking
 *             connect, splice() through one pipe per direction (-P bytes,
 *             default 1 MiB), a half-close passed on when its direction
 *             is drained, close when both are
 *   fork-forward  accept -> fork -> (child) blocking connect to TPORT,
 *             poll()ed read/write copy loop with 16 KiB buffers, half-
 *             closes passed on, exit -- what a forking redirect does
 *
 * Every mode listens on 127.0.0.1:PORT and on more listening sockets,
 * never connected to -- a super-server with more services: one on each
 * port PORTFILE lists (one number a line), and N more on ports the kernel
 * picks (-x N; binding to port 0 searches the port space, so start-up
 * with many of these is slower than with named ports). All are
 * non-blocking, in one epoll set, so the
 * number of sockets costs nothing per connection except what the mode
 * itself makes it cost (fork copies the whole descriptor table and
 * execve closes every close-on-exec descriptor; clone shares it).
 *
 * Children are reaped with waitpid() (polled after every batch of events,
 * and every 10 ms while any is running), so their CPU time reaches this
 * process's cutime/cstime exactly as with the daemons. No signal handlers.
 *
 * When listening, appends "Started working: N available services" to LOG
 * (if given), the line bench/run waits for with the daemons too. Runs
 * until killed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

enum mode { M_FORK, M_CLONE, M_DAYTIME, M_ECHO, M_SPLICE, M_FORKFWD };

static enum mode mode = M_FORK;
static char **server_argv;
static struct sockaddr_in target;
static int pipe_bytes = 1 << 20;
static int ep;
static long children;

/* ------------------------------------------------------------- helpers */

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static int listener(uint16_t port)
{
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	struct sockaddr_in sin = { .sin_family = AF_INET,
	    .sin_port = htons(port),
	    .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };

	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0 ||
	    listen(fd, 64) < 0)
		die("floor: listen");
	return fd;
}

/* epoll data: a listener, or one end of an in-process connection. */
enum kind { K_LISTEN, K_ECHO, K_FWD };
struct handle {
	enum kind kind;
};

struct listen_h {
	struct handle h;
	int fd;
};

static void ep_add(int fd, uint32_t events, void *ptr)
{
	struct epoll_event ev = { .events = events, .data.ptr = ptr };

	if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0)
		die("floor: epoll_ctl");
}

static void reap(void)
{
	while (children > 0) {
		pid_t p = waitpid(-1, NULL, WNOHANG);
		if (p <= 0)
			break;
		children--;
	}
}

/* ------------------------------------------------------- exec: fork */

static void spawn_fork(int c)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (int fd = 0; fd <= 2; fd++)
			if (fd != c && dup2(c, fd) < 0)
				_exit(126);
		if (c > 2)
			close(c);
		execve(server_argv[0], server_argv, environ);
		_exit(127);
	}
	if (pid < 0)
		perror("floor: fork");
	else
		children++;
}

/* ------------------------------------------------------ exec: clone */

/*
 * The child runs on its own small stack in the parent's memory until
 * execve: raw system calls only (no libc locks, no errno, no stdio).
 */
static char clone_stack[64 * 1024] __attribute__((aligned(64)));
static volatile long clone_err;

static long sys3(long nr, long a, long b, long c)
{
	return syscall(nr, a, b, c);
}

static int clone_child(void *arg)
{
	long fd = (long)(intptr_t)arg;
	long r;

	if (fd == 0) {
		/* Own descriptor table with only 0, 1, 2 of the parent's. */
		r = sys3(SYS_close_range, 3, ~0U, CLOSE_RANGE_UNSHARE);
		if (r < 0)
			goto fail;
	} else {
		/* Fallback: the connection is not on fd 0. */
		r = sys3(SYS_unshare, CLONE_FILES, 0, 0);
		if (r < 0)
			goto fail;
		r = sys3(SYS_dup3, fd, 0, 0);
		if (r < 0)
			goto fail;
		r = sys3(SYS_close_range, 3, ~0U, 0);
		if (r < 0)
			goto fail;
	}
	if ((r = sys3(SYS_dup3, 0, 1, 0)) < 0 ||
	    (r = sys3(SYS_dup3, 0, 2, 0)) < 0)
		goto fail;
	r = sys3(SYS_execve, (long)server_argv[0], (long)server_argv,
	    (long)environ);
fail:
	clone_err = r;
	sys3(SYS_exit, 127, 0, 0);
	return 127;
}

static void spawn_clone(int c)
{
	clone_err = 0;
	pid_t pid = clone(clone_child, clone_stack + sizeof(clone_stack),
	    CLONE_VM | CLONE_VFORK | CLONE_FILES | SIGCHLD,
	    (void *)(intptr_t)c);

	if (pid < 0) {
		perror("floor: clone");
		return;
	}
	children++;
	if (clone_err != 0) {
		static bool said;
		if (!said)
			fprintf(stderr, "floor: child failed before exec: %s\n",
			    strerror((int)-clone_err));
		said = true;
	}
}

/* ---------------------------------------------------- in-process: daytime */

static void daytime(int c)
{
	static const char months[12][4] = {
		"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
		"JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
	};
	char buf[64], zone[16];
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(zone, sizeof(zone), "%Z", &tm);
	int n = snprintf(buf, sizeof(buf), "%02d %s %d %02d:%02d:%02d %s\r\n",
	    tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, zone);
	if (n > 0)
		(void)send(c, buf, (size_t)n, MSG_DONTWAIT | MSG_NOSIGNAL);
	close(c);
}

/* ------------------------------------------------------ in-process: echo */

struct echo_conn {
	struct handle h;
	int fd;
	size_t len, off;	/* bytes not yet sent back */
	char buf[4096];
};

static void echo_close(struct echo_conn *e)
{
	close(e->fd);	/* also leaves the epoll set */
	free(e);
}

static void echo_event(struct echo_conn *e)
{
	for (;;) {
		while (e->off < e->len) {
			ssize_t n = send(e->fd, e->buf + e->off, e->len - e->off,
			    MSG_DONTWAIT | MSG_NOSIGNAL);
			if (n < 0 && errno == EAGAIN) {
				struct epoll_event ev = { .events = EPOLLOUT,
				    .data.ptr = e };
				epoll_ctl(ep, EPOLL_CTL_MOD, e->fd, &ev);
				return;
			}
			if (n < 0) {
				echo_close(e);
				return;
			}
			e->off += (size_t)n;
		}
		if (e->len > 0) {
			e->len = e->off = 0;
			struct epoll_event ev = { .events = EPOLLIN,
			    .data.ptr = e };
			epoll_ctl(ep, EPOLL_CTL_MOD, e->fd, &ev);
		}
		ssize_t n = recv(e->fd, e->buf, sizeof(e->buf), MSG_DONTWAIT);
		if (n > 0) {
			e->len = (size_t)n;
			continue;
		}
		if (n < 0 && errno == EAGAIN)
			return;
		echo_close(e);	/* EOF or error */
		return;
	}
}

static void echo_new(int c)
{
	struct echo_conn *e = malloc(sizeof(*e));

	if (e == NULL) {
		close(c);
		return;
	}
	e->h.kind = K_ECHO;
	e->fd = c;
	e->len = e->off = 0;
	ep_add(c, EPOLLIN, e);
}

/* ---------------------------------------------------- in-process: splice */

/* Side 0 is the client, side 1 the target; direction d copies side d to
 * side 1 - d through pipe[d]. */
struct fwd;
struct fwd_end {
	struct handle h;
	struct fwd *f;
	int side;
	uint32_t events;	/* registered with epoll */
};
struct fwd {
	struct fwd_end end[2];
	int fd[2];
	int pipe[2][2];
	size_t inpipe[2];
	bool eof[2], shut[2], connected;
};

static void fwd_close(struct fwd *f)
{
	for (int i = 0; i < 2; i++) {
		close(f->fd[i]);
		close(f->pipe[i][0]);
		close(f->pipe[i][1]);
	}
	free(f);
}

/* Move what can be moved in direction d; returns false on error, else
 * sets *want_in / *want_out. */
static bool fwd_pump(struct fwd *f, int d, bool *want_in, bool *want_out)
{
	int from = f->fd[d], to = f->fd[1 - d];

	*want_in = *want_out = false;
	for (;;) {
		if (f->inpipe[d] > 0) {
			if (d == 0 && !f->connected)
				return true;
			ssize_t n = splice(f->pipe[d][0], NULL, to, NULL,
			    f->inpipe[d], SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
			if (n > 0) {
				f->inpipe[d] -= (size_t)n;
				continue;
			}
			if (n < 0 && errno == EAGAIN) {
				*want_out = true;
				return true;
			}
			return false;
		}
		if (f->eof[d]) {
			if (!f->shut[d]) {
				if (d == 0 && !f->connected)
					return true;
				(void)shutdown(to, SHUT_WR);
				f->shut[d] = true;
			}
			return true;
		}
		ssize_t n = splice(from, NULL, f->pipe[d][1], NULL,
		    (size_t)pipe_bytes, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
		if (n > 0) {
			f->inpipe[d] = (size_t)n;
			continue;
		}
		if (n == 0) {
			f->eof[d] = true;
			continue;
		}
		if (errno == EAGAIN) {
			*want_in = true;
			return true;
		}
		return false;
	}
}

static void fwd_run(struct fwd *f)
{
	bool in[2], out[2];
	uint32_t want[2] = { 0, 0 };

	for (int d = 0; d < 2; d++) {
		if (!fwd_pump(f, d, &in[d], &out[d])) {
			fwd_close(f);
			return;
		}
		if (in[d])
			want[d] |= EPOLLIN;
		if (out[d])
			want[1 - d] |= EPOLLOUT;
	}
	if (!f->connected)
		want[1] |= EPOLLOUT;
	if (f->shut[0] && f->shut[1]) {
		fwd_close(f);
		return;
	}
	for (int s = 0; s < 2; s++) {
		if (want[s] == f->end[s].events)
			continue;
		struct epoll_event ev = { .events = want[s],
		    .data.ptr = &f->end[s] };
		epoll_ctl(ep, EPOLL_CTL_MOD, f->fd[s], &ev);
		f->end[s].events = want[s];
	}
}

static void fwd_event(struct fwd_end *e, uint32_t events)
{
	struct fwd *f = e->f;

	if (e->side == 1 && !f->connected && (events & (EPOLLOUT | EPOLLERR |
	    EPOLLHUP))) {
		int err = 0;
		socklen_t len = sizeof(err);
		if (getsockopt(f->fd[1], SOL_SOCKET, SO_ERROR, &err, &len) < 0 ||
		    err != 0) {
			fwd_close(f);
			return;
		}
		f->connected = true;
	}
	fwd_run(f);
}

static void fwd_new(int c)
{
	struct fwd *f = calloc(1, sizeof(*f));
	int t = -1;

	if (f == NULL)
		goto fail;
	f->fd[0] = c;
	f->fd[1] = -1;
	for (int d = 0; d < 2; d++)
		f->pipe[d][0] = f->pipe[d][1] = -1;
	for (int d = 0; d < 2; d++) {
		if (pipe2(f->pipe[d], O_NONBLOCK | O_CLOEXEC) < 0)
			goto fail;
		(void)fcntl(f->pipe[d][1], F_SETPIPE_SZ, pipe_bytes);
	}
	t = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (t < 0)
		goto fail;
	f->fd[1] = t;
	if (connect(t, (struct sockaddr *)&target, sizeof(target)) == 0)
		f->connected = true;
	else if (errno != EINPROGRESS)
		goto fail;
	for (int s = 0; s < 2; s++) {
		f->end[s].h.kind = K_FWD;
		f->end[s].f = f;
		f->end[s].side = s;
		ep_add(f->fd[s], 0, &f->end[s]);
	}
	fwd_run(f);
	return;
fail:
	if (f == NULL) {
		close(c);
		return;
	}
	fwd_close(f);
}

/* -------------------------------------------------- exec-less: fork-forward */

static void __attribute__((noreturn)) forward_child(int c)
{
	char buf[2][16384];
	size_t len[2] = { 0, 0 }, off[2] = { 0, 0 };
	bool eof[2] = { false, false }, shut[2] = { false, false };
	int fd[2] = { c, socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0) };

	if (fd[1] < 0 ||
	    connect(fd[1], (struct sockaddr *)&target, sizeof(target)) < 0)
		_exit(1);
	while (!(shut[0] && shut[1])) {
		struct pollfd p[2];
		for (int s = 0; s < 2; s++) {
			p[s].fd = fd[s];
			p[s].events = 0;
		}
		for (int d = 0; d < 2; d++) {
			if (len[d] > off[d])
				p[1 - d].events |= POLLOUT;
			else if (!eof[d])
				p[d].events |= POLLIN;
		}
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			_exit(1);
		}
		for (int d = 0; d < 2; d++) {
			if (len[d] > off[d] && (p[1 - d].revents & (POLLOUT |
			    POLLERR | POLLHUP))) {
				ssize_t n = send(fd[1 - d], buf[d] + off[d],
				    len[d] - off[d], MSG_NOSIGNAL);
				if (n < 0 && errno != EINTR)
					_exit(1);
				if (n > 0)
					off[d] += (size_t)n;
			} else if (len[d] == off[d] && !eof[d] &&
			    (p[d].revents & (POLLIN | POLLERR | POLLHUP))) {
				ssize_t n = read(fd[d], buf[d], sizeof(buf[d]));
				if (n < 0 && errno != EINTR)
					_exit(1);
				if (n == 0)
					eof[d] = true;
				if (n > 0) {
					len[d] = (size_t)n;
					off[d] = 0;
				}
			}
			if (eof[d] && len[d] == off[d] && !shut[d]) {
				(void)shutdown(fd[1 - d], SHUT_WR);
				shut[d] = true;
			}
		}
	}
	_exit(0);
}

static void spawn_forward(int c)
{
	pid_t pid = fork();

	if (pid == 0)
		forward_child(c);
	if (pid < 0)
		perror("floor: fork");
	else
		children++;
}

/* ---------------------------------------------------------------- main */

static void on_accept(int lfd)
{
	for (;;) {
		/* exec modes: a blocking socket for the server, and no
		 * O_CLOEXEC (in clone mode it is fd 0, kept across execve) */
		int flags = (mode == M_FORK || mode == M_CLONE) ? 0 :
		    mode == M_FORKFWD ? SOCK_CLOEXEC :
		    SOCK_NONBLOCK | SOCK_CLOEXEC;
		int c = accept4(lfd, NULL, NULL, flags);
		if (c < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return;
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			perror("floor: accept");
			usleep(10000);
			return;
		}
		switch (mode) {
		case M_FORK: spawn_fork(c); close(c); break;
		case M_CLONE: spawn_clone(c); close(c); break;
		case M_FORKFWD: spawn_forward(c); close(c); break;
		case M_DAYTIME: daytime(c); break;
		case M_ECHO: echo_new(c); break;
		case M_SPLICE: fwd_new(c); break;
		}
	}
}

static void listen_on(uint16_t port)
{
	struct listen_h *l = malloc(sizeof(*l));

	if (l == NULL)
		die("floor: malloc");
	l->h.kind = K_LISTEN;
	l->fd = listener(port);
	ep_add(l->fd, EPOLLIN, l);
}

static void usage(void)
{
	fprintf(stderr,
	    "usage: floor -m fork|clone|daytime|echo|splice|fork-forward -p PORT\n"
	    "             [-x N] [-L PORTFILE] [-l LOG] [-T TPORT] [-P PIPEBYTES]\n"
	    "             [SERVER [ARG...]]\n"
	    "  fork, clone: SERVER is required; splice, fork-forward: -T\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *log = NULL, *portfile = NULL;
	long port = 0, extra = 0, tport = 0, listening = 0;
	int opt;

	while ((opt = getopt(argc, argv, "+m:p:l:x:L:T:P:")) != -1) {
		switch (opt) {
		case 'm':
			if (strcmp(optarg, "fork") == 0) mode = M_FORK;
			else if (strcmp(optarg, "clone") == 0) mode = M_CLONE;
			else if (strcmp(optarg, "daytime") == 0) mode = M_DAYTIME;
			else if (strcmp(optarg, "echo") == 0) mode = M_ECHO;
			else if (strcmp(optarg, "splice") == 0) mode = M_SPLICE;
			else if (strcmp(optarg, "fork-forward") == 0) mode = M_FORKFWD;
			else usage();
			break;
		case 'p': port = strtol(optarg, NULL, 10); break;
		case 'x': extra = strtol(optarg, NULL, 10); break;
		case 'l': log = optarg; break;
		case 'L': portfile = optarg; break;
		case 'T': tport = strtol(optarg, NULL, 10); break;
		case 'P': pipe_bytes = (int)strtol(optarg, NULL, 10); break;
		default: usage();
		}
	}
	if (port <= 0 || port > 65535 || extra < 0 || extra > 1000000 ||
	    pipe_bytes < 4096)
		usage();
	if ((mode == M_FORK || mode == M_CLONE) != (optind < argc))
		usage();
	if ((mode == M_SPLICE || mode == M_FORKFWD) &&
	    (tport <= 0 || tport > 65535))
		usage();
	server_argv = argv + optind;
	target.sin_family = AF_INET;
	target.sin_port = htons((uint16_t)tport);
	target.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	signal(SIGPIPE, SIG_IGN);

	/* 0, 1 and 2 open, so that nothing of ours lands below 3 */
	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) != fd)
			die("floor: /dev/null");

	ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep < 0)
		die("floor: epoll_create1");
	listen_on((uint16_t)port);
	listening = 1;
	if (portfile != NULL) {
		FILE *pf = fopen(portfile, "r");
		long p;
		if (pf == NULL)
			die(portfile);
		while (fscanf(pf, "%ld", &p) == 1) {
			if (p <= 0 || p > 65535)
				usage();
			listen_on((uint16_t)p);
			listening++;
		}
		fclose(pf);
	}
	for (long i = 0; i < extra; i++, listening++)
		listen_on(0);
	if (log != NULL) {
		FILE *f = fopen(log, "a");
		if (f == NULL)
			die(log);
		fprintf(f, "floor[%d]: Started working: %ld available services\n",
		    (int)getpid(), listening);
		fclose(f);
	}
	/*
	 * Clone mode wants every connection on fd 0: stdin is not used, so
	 * it is closed now and stays the lowest free descriptor.
	 */
	if (mode == M_CLONE)
		close(0);
	for (;;) {
		struct epoll_event evs[64];
		int n = epoll_wait(ep, evs, 64, children > 0 ? 10 : -1);
		if (n < 0 && errno != EINTR)
			die("floor: epoll_wait");
		for (int i = 0; i < n; i++) {
			struct handle *h = evs[i].data.ptr;
			switch (h->kind) {
			case K_LISTEN: on_accept(((struct listen_h *)h)->fd); break;
			case K_ECHO: echo_event((struct echo_conn *)h); break;
			case K_FWD:
				fwd_event((struct fwd_end *)h, evs[i].events);
				break;
			}
		}
		reap();
	}
}
