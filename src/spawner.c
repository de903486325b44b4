/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * spawner.c: the spawning helper. The daemon sends it one request per
 * server (the service's index in the table the helper was started with,
 * that table's generation and the peer, with the connection passed as
 * SCM_RIGHTS) and waits for the pid.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "spawn.h"
#include "spawner.h"
#include "svclog.h"
#include "util.h"

/* The request as it crosses the socket; the descriptor rides alongside. */
struct wire_req {
	unsigned index;
	unsigned generation;
	bool checked;
	struct peer peer;
};

struct wire_reply {
	pid_t pid;
	int err;
};

/*
 * Longest wait for the helper's answer: the request path must not stall
 * for longer. A helper that misses it is killed (see settle()).
 */
#define SPAWNER_TIMEOUT_MS 250

static pid_t helper_pid = -1;
/* Bumped at every start: a request for another table is refused. */
static unsigned generation;
static int helper_fd = -1;
/* Helpers replaced but not reaped yet: their exit is not a server's. */
static pid_t old_helpers[8];

/*
 * The connection and the START gate ride as SCM_RIGHTS; fds[1] may be -1
 * (no gate), then only the connection is sent.
 */
static int send_req(int fd, const struct wire_req *w, const int fds[2])
{
	union {
		char buf[CMSG_SPACE(2 * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { .iov_base = (void *)w, .iov_len = sizeof(*w) };
	size_t nfds = fds[1] >= 0 ? 2 : 1;
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = CMSG_SPACE(nfds * sizeof(int)),
	};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	ssize_t n;

	memset(u.buf, 0, sizeof(u.buf));
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(nfds * sizeof(int));
	memcpy(CMSG_DATA(cm), fds, nfds * sizeof(int));
	do
		n = sendmsg(fd, &mh, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(*w) ? 0 : -1;
}

static int recv_req(int fd, struct wire_req *w, int fds[2])
{
	union {
		char buf[CMSG_SPACE(2 * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { .iov_base = w, .iov_len = sizeof(*w) };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *cm;
	ssize_t n;

	do
		n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(*w))
		return -1;
	cm = CMSG_FIRSTHDR(&mh);
	if (cm == NULL || cm->cmsg_type != SCM_RIGHTS ||
	    cm->cmsg_len < CMSG_LEN(sizeof(int)))
		return -1;
	fds[1] = -1;
	memcpy(fds, CMSG_DATA(cm),
	    cm->cmsg_len >= CMSG_LEN(2 * sizeof(int)) ? 2 * sizeof(int) :
	    sizeof(int));
	return 0;
}

/* One request: the server for the service at w->index, or an error. */
static struct wire_reply spawn_one(const struct spawner_svc *svcs, size_t n,
    const struct wire_req *w, const int fds[2])
{
	struct wire_reply r = { .pid = -1, .err = ESTALE };

	if (w->generation == generation && w->index < n) {
		struct spawn_req req = {
			.sc = svcs[w->index].sc, .log = svcs[w->index].log,
			.fd = fds[0], .peer = &w->peer, .start_gate = fds[1],
			.checked = w->checked,
		};
		r.pid = spawn_fork(&req, true);
		r.err = r.pid < 0 ? errno : 0;
	}
	return r;
}

/* The helper's whole life: one request in, one server out, one reply. */
static void __attribute__((noreturn))
helper_main(int fd, const struct spawner_svc *svcs, size_t n)
{
	struct wire_req w;
	int fds[2];

	/* Gone with the daemon, whatever killed it; named for ps and tests. */
	(void)prctl(PR_SET_PDEATHSIG, SIGKILL);
	(void)prctl(PR_SET_NAME, "xinetd-spawner");
	if (getppid() == 1)
		_exit(0);
	/* Servers start in /, as when the daemon forks them (reference 4.4). */
	if (chdir("/") < 0)
		_exit(1);
	while (recv_req(fd, &w, fds) == 0) {
		struct wire_reply r = spawn_one(svcs, n, &w, fds);
		close(fds[0]);
		if (fds[1] >= 0)
			close(fds[1]);
		if (send(fd, &r, sizeof(r), MSG_NOSIGNAL) != (ssize_t)sizeof(r))
			break;
	}
	/* _exit: the copy of the daemon's memory is not ours to free. */
	_exit(0);
}

void spawner_stop(void)
{
	if (helper_fd >= 0)
		close(helper_fd);
	helper_fd = -1;
	if (helper_pid > 0) {
		(void)kill(helper_pid, SIGKILL);
		/* Reaped by the daemon's SIGCHLD handling like any child. */
		for (size_t i = 0; i < sizeof(old_helpers) / sizeof(old_helpers[0]);
		    i++) {
			if (old_helpers[i] <= 0) {
				old_helpers[i] = helper_pid;
				break;
			}
		}
	}
	helper_pid = -1;
}

/* In the new helper: all but its socket, the logs and the program log. */
static void keep_only_logs(const struct spawner_svc *svcs, size_t n, int sock)
{
	int *keep = xcalloc(n + 2, sizeof(*keep));

	for (size_t i = 0; i < n; i++)
		keep[i] = svclog_fd(svcs[i].log);
	keep[n] = sock;
	keep[n + 1] = log_fd();
	fd_close_except(3, keep, n + 2);
	free(keep);
}

void spawner_start(const struct spawner_svc *svcs, size_t n)
{
	int sv[2];
	pid_t pid;

	spawner_stop();
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		log_msg(LOG_ERR, "unable to create the spawner socket: %s",
		    log_strerror(errno));
		return;
	}
	generation++;
	pid = fork();
	if (pid < 0) {
		log_msg(LOG_ERR, "unable to fork the spawner: %s",
		    log_strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return;
	}
	if (pid == 0) {
		keep_only_logs(svcs, n, sv[1]);
		/* Before a connection can take the old syslog socket's number. */
		log_syslog_reset(false);
		helper_main(sv[1], svcs, n);
	}
	close(sv[1]);
	/* A helper that hangs must not hang the daemon with it. */
	struct timeval tv = { .tv_usec = SPAWNER_TIMEOUT_MS * 1000 };
	(void)setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	helper_fd = sv[0];
	helper_pid = pid;
}

bool spawner_is_helper(pid_t pid)
{
	if (pid <= 0)
		return false;
	for (size_t i = 0; i < sizeof(old_helpers) / sizeof(old_helpers[0]);
	    i++)
		if (old_helpers[i] == pid)
			return true;
	return pid == helper_pid;
}

bool spawner_reaped(pid_t pid)
{
	for (size_t i = 0; i < sizeof(old_helpers) / sizeof(old_helpers[0]);
	    i++) {
		if (old_helpers[i] == pid) {
			old_helpers[i] = 0;
			return true;
		}
	}
	if (pid != helper_pid)
		return false;
	helper_pid = -1;
	if (helper_fd >= 0)
		close(helper_fd);
	helper_fd = -1;
	return true;
}

/*
 * The helper missed its time. It is killed and waited for, so it can
 * create nothing more; then its answer may still be there, or the START
 * gate says whether a server holds the other end: one connection, one
 * server, whatever the timing.
 */
static pid_t settle(int gate)
{
	struct wire_reply r;
	struct pollfd p = { .fd = gate, .events = POLLOUT };
	pid_t helper = helper_pid;

	log_msg(LOG_ERR, "the spawner stopped answering; forking servers directly");
	if (helper > 0) {
		(void)kill(helper, SIGKILL);
		while (waitpid(helper, NULL, 0) < 0 && errno == EINTR)
			;
		helper_pid = -1;
	}
	if (helper_fd >= 0 &&
	    recv(helper_fd, &r, sizeof(r), MSG_DONTWAIT) == (ssize_t)sizeof(r) &&
	    r.pid > 0) {
		spawner_stop();
		return r.pid;
	}
	spawner_stop();
	/* No reader left on the gate (the helper's copy died with it). */
	if (gate >= 0 && poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP)))
		return 0;
	return SPAWNER_ORPHAN;
}

bool spawner_running(void)
{
	return helper_fd >= 0;
}

pid_t spawner_spawn(unsigned index, int conn, int gate_r, int gate_w,
    const struct peer *p, bool checked)
{
	struct wire_req w;
	struct wire_reply r;
	ssize_t n;
	int sent;

	memset(&w, 0, sizeof(w));
	w.index = index;
	w.generation = generation;
	w.peer = *p;
	w.checked = checked;
	sent = helper_fd >= 0 ? send_req(helper_fd, &w, (int[2]){ conn, gate_r }) : -1;
	/* The helper has its copy now; ours would keep the gate open. */
	if (gate_r >= 0)
		close(gate_r);
	if (sent < 0)
		goto broken;
	do
		n = recv(helper_fd, &r, sizeof(r), 0);
	while (n < 0 && errno == EINTR);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return settle(gate_w);
	if (n != (ssize_t)sizeof(r) || (r.pid < 0 && r.err == ESTALE))
		goto broken;
	if (r.pid < 0)
		errno = r.err;
	return r.pid;
broken:
	/* The helper is gone; this and later requests fork here. */
	if (helper_fd >= 0)
		log_msg(LOG_ERR, "the spawner stopped answering; forking servers directly");
	spawner_stop();
	return 0;
}
