/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * spawn.c: the forked child's way from the daemon to the server program.
 * Order matters and follows reference 4.4: signals, credentials, umask,
 * nice, environment, descriptors, limits, session, exec.
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "access.h"
#include "banner.h"
#include "builtin.h"
#include "ident.h"
#include "log.h"
#include "redirect.h"
#include "spawn.h"
#include "srvenv.h"
#include "svc.h"
#include "svclog.h"
#include "tcpmux.h"
#include "util.h"

/* xinetd's identd timeout, also applied with IDONLY (there unbounded). */
#define IDENT_TIMEOUT_S 30
#define IDENT_TEXT_MAX 512

static void reset_signals(void)
{
	sigset_t none;

	for (int sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			(void)signal(sig, SIG_DFL);
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
}

/* Group, then supplementary groups, then user (reference 4.4 step 3). */
static int set_credentials(const struct svc_conf *sc)
{
	bool has_user = (sc->specified & ABIT(A_USER)) != 0;
	bool has_group = (sc->specified & ABIT(A_GROUP)) != 0;

	if ((has_user || has_group) && geteuid() == 0) {
		gid_t gid = has_group ? sc->gid : sc->user_gid;
		if (setgid(gid) < 0) {
			log_msg(LOG_ERR, "setgid failed: %s",
			    log_strerror(errno));
			return -1;
		}
		if (has_user && sc->groups) {
			if (!sc->user_known ||
			    initgroups(sc->user, sc->user_gid) < 0) {
				log_msg(LOG_ERR,
				    "initgroups( %s, %d ) failed: %s",
				    sc->user, (int)sc->user_gid,
				    log_strerror(sc->user_known ? errno : ENOENT));
				return -1;
			}
		} else if (setgroups(0, NULL) < 0) {
			log_msg(LOG_ERR,
			    "setgroups( 0, NULL ) failed: %s; consider groups = yes",
			    log_strerror(errno));
			return -1;
		}
	}
	if (has_user && setuid(sc->uid) < 0) {
		log_msg(LOG_ERR, "setuid failed: %s", log_strerror(errno));
		return -1;
	}
	return 0;
}

static void apply_rlimits(const struct svc_conf *sc)
{
	struct rlimit rl;

	/* The server always gets soft = hard NOFILE (reference 4.4 step 6). */
	if (!sc->rlim[RL_FILES].set && getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
	for (int i = 0; i < RL_COUNT; i++) {
		if (!sc->rlim[i].set)
			continue;
		rl.rlim_cur = rl.rlim_max = sc->rlim[i].value;
		if (setrlimit(conf_rlimit_resource[i], &rl) < 0)
			log_msg(LOG_ERR, "setrlimit failed for service %s: %s",
			    sc->id, log_strerror(errno));
	}
}

static void __attribute__((noreturn))
run_exec(const struct spawn_req *req, int conn)
{
	const struct svc_conf *sc = req->sc;
	const char *peer = req->peer->len > 0 ? req->peer->text : NULL;
	struct strvec argv = { 0 }, env = { 0 };

	/*
	 * Every server but a builtin has a user (reference 1.8); one without
	 * could only have come here by mistake, and would run as root.
	 */
	if (!(sc->specified & ABIT(A_USER)) && geteuid() == 0) {
		log_msg(LOG_ERR, "service %s: no user to run %s as; not run as root",
		    sc->id, sc->server);
		_exit(1);
	}
	srvenv_build(sc, peer, &env);
	conf_server_argv(sc, &argv);
	for (int fd = 0; fd <= 2; fd++) {
		if (dup2(conn, fd) < 0) {
			log_msg(LOG_ERR, "dup2 failed for service %s: %s",
			    sc->id, log_strerror(errno));
			_exit(1);
		}
	}
	if (conn > 2)
		close(conn);
	apply_rlimits(sc);
	fd_cloexec_from(3);
	(void)setsid();
	execve(sc->server, argv.v, env.v);
	log_msg(LOG_ERR, "execv( %s ) failed: %s", sc->server,
	    log_strerror(errno));
	/* xinetd exits 0 here; the EXIT line shows the server never ran. */
	_exit(0);
}

/* Everything of the daemon's but the request and the two logs. */
static void drop_daemon_fds(const struct spawn_req *req, int conn)
{
	int keep[] = { conn, log_fd(), svclog_fd(req->log), req->start_gate };

	fd_close_except(3, keep, sizeof(keep) / sizeof(keep[0]));
}

/*
 * USERID: ask the client's identd, for connected streams only. With IDONLY
 * a client whose identd does not answer is turned away (reference 4.13).
 */
static void log_userid(const struct spawn_req *req, int conn)
{
	const struct svc_conf *sc = req->sc;
	char user[IDENT_TEXT_MAX];
	enum ident_result r;

	if (sc->socket_type != SOCK_STREAM || req->peer->len == 0)
		return;
	r = ident_lookup(conn, IDENT_TIMEOUT_S, user, sizeof(user));
	if (r == IDENT_OK) {
		svclog_write(req->log, sc->id, "USERID: %s %s", sc->id, user);
		return;
	}
	if (sc->flags & SVC_F_IDONLY) {
		svclog_write(req->log, sc->id, "NOID: %s %s %s", sc->id,
		    req->peer->text, ident_reason(r));
		_exit(0);
	}
}

static void __attribute__((noreturn))
run_tcpmux(const struct spawn_req *req, int conn);

/* Credentials, checks, banner, then whatever serves this kind of service. */
static void __attribute__((noreturn))
child_serve(const struct spawn_req *req, int conn)
{
	const struct svc_conf *sc = req->sc;
	const struct builtin *b = NULL;
	const char *refusal;

	if (set_credentials(sc) < 0)
		_exit(1);
	if (sc->specified & ABIT(A_UMASK))
		umask(sc->umask);
	/* After setuid, so only root may raise priority (reference 2). */
	if (sc->specified & ABIT(A_NICE)) {
		errno = 0;
		if (nice(sc->nice) == -1 && errno != 0)
			log_msg(LOG_ERR, "nice failed for service %s: %s",
			    sc->id, log_strerror(errno));
	}
	/* After the credential switch, as xinetd does (reference 4.2 step 7). */
	refusal = access_child_check(sc, req->peer, conn);
	/* A sensor is never served, whatever path led here (reference 4.11). */
	if (refusal == NULL && (sc->flags & SVC_F_SENSOR))
		refusal = "address";
	if (refusal != NULL) {
		svclog_fail(req->log, sc, refusal, req->peer);
		banner_send(sc->banner_fail, conn, sc->id, false);
		_exit(0);
	}
	/* Only now, its own checks passed, may a TCPMUXPLUS entry say yes. */
	if (sc->type & SVC_T_TCPMUXPLUS)
		(void)send(conn, "+Go\r\n", sizeof("+Go\r\n"), MSG_NOSIGNAL);
	banner_send(sc->banner_success, conn, sc->id, false);
	if (sc->log_on_success & LOG_S_USERID)
		log_userid(req, conn);

	if (sc->type & SVC_T_INTERNAL)
		b = builtin_find(sc->name, sc->socket_type);
	if (b == NULL && sc->redirect_len == 0)
		run_exec(req, conn);
	apply_rlimits(sc);
	if (b != NULL && b->kind == BUILTIN_TCPMUX)
		run_tcpmux(req, conn);
	if (b != NULL) {
		b->serve(conn);
		_exit(0);
	}
	_exit(redirect_run(sc, req->log, conn));
}

/*
 * tcpmux (RFC 1078): the named TCPMUX entry runs in this child with its
 * own credentials and checks (reference 5), once the daemon, which counts
 * the entry's servers, has admitted it; its FAIL lines go to the tcpmux
 * service's log, as its START and EXIT do.
 */
static void __attribute__((noreturn))
run_tcpmux(const struct spawn_req *req, int conn)
{
	struct service *entry = tcpmux_accept(conn);
	struct spawn_req sub = *req;
	int v;

	if (entry == NULL)
		_exit(0);
	sub.sc = entry->conf;
	v = tcpmux_admit(log_gate_fd(), sub.sc->name);
	if (v == TCPMUX_UNKNOWN) {
		tcpmux_not_found(conn);
		_exit(0);
	}
	if (v != ADMIT_OK) {
		if (v < 0)
			log_msg(LOG_ERR, "service %s: no answer from the daemon on admission; refused",
			    sub.sc->id);
		else
			svclog_fail(req->log, sub.sc,
			    access_fail_word((enum admit_verdict)v),
			    req->peer);
		banner_send(sub.sc->banner_fail, conn, sub.sc->id, false);
		_exit(0);
	}
	child_serve(&sub, conn);
}

pid_t spawn_userid(const struct svc_conf *sc, struct svclog *log, int conn)
{
	struct ident_endpoints e;
	char user[IDENT_TEXT_MAX];
	pid_t pid;

	if (ident_endpoints(conn, &e) < 0)
		return -1;
	pid = fork();
	if (pid != 0)
		return pid;
	reset_signals();
	{
		int keep[] = { log_fd(), svclog_fd(log) };
		fd_close_except(3, keep, sizeof(keep) / sizeof(keep[0]));
	}
	/* The client goes at once; the look-up needs only the addresses. */
	(void)shutdown(conn, SHUT_RDWR);
	close(conn);
	if (ident_query(&e, IDENT_TIMEOUT_S, user, sizeof(user)) == IDENT_OK)
		svclog_write(log, sc->id, "USERID: %s %s", sc->id, user);
	_exit(0);
}

pid_t spawn_fork(const struct spawn_req *req, bool as_sibling)
{
	pid_t pid = as_sibling ?
	    (pid_t)syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0) :
	    fork();

	if (pid == 0) {
		reset_signals();
		/*
		 * Checks can take a while (DNS, ident): the daemon's listening
		 * sockets must not stay open here meanwhile, or a service the
		 * daemon closes and reopens (cps) could not bind again.
		 */
		drop_daemon_fds(req, req->fd);
		log_hold(req->start_gate);
		child_serve(req, req->fd);
	}
	return pid;
}
