/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * spawn.c: the forked child's way from the daemon to the server program.
 * Order matters and follows reference 4.4: signals, credentials, umask,
 * nice, checks, environment, descriptors, limits, session, exec. The
 * sandbox steps (sandbox.c, extensions) go in between: private /tmp before
 * the credentials, chroot between the groups and the user, no_new_privs
 * after the limits (xinetd.conf.5, SANDBOX, gives the whole order).
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
#include "sandbox.h"
#include "spawn.h"
#include "srvenv.h"
#include "svc.h"
#include "svclog.h"
#include "tcpmux.h"
#include "util.h"
#include "wrap.h"

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

/*
 * Group, then supplementary groups (reference 4.4 step 3); the user comes
 * in set_user, after the chroot, which needs root but would hide the real
 * root's group database from initgroups.
 */
static int set_groups(const struct svc_conf *sc)
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
	return 0;
}

static int set_user(const struct svc_conf *sc)
{
	if ((sc->specified & ABIT(A_USER)) && setuid(sc->uid) < 0) {
		log_msg(LOG_ERR, "setuid failed: %s", log_strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * The reference's limits only log a failure and go on (reference 4.4
 * step 6); the extensions (RL_NPROC on) are sandbox controls, and a
 * server that cannot have one is not started: "rlimit" is returned.
 */
static const char *apply_rlimits(const struct svc_conf *sc)
{
	static const char *const names[RL_COUNT] = {
		[RL_AS] = "rlimit_as", [RL_CPU] = "rlimit_cpu",
		[RL_DATA] = "rlimit_data", [RL_RSS] = "rlimit_rss",
		[RL_STACK] = "rlimit_stack", [RL_FILES] = "rlimit_files",
		[RL_NPROC] = "rlimit_nproc", [RL_FSIZE] = "rlimit_fsize",
		[RL_CORE] = "rlimit_core", [RL_NOFILE] = "rlimit_nofile",
	};
	struct rlimit rl;

	/* The server always gets soft = hard NOFILE (reference 4.4 step 6). */
	if (!sc->rlim[RL_FILES].set && !sc->rlim[RL_NOFILE].set &&
	    getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
	for (int i = 0; i < RL_COUNT; i++) {
		if (!sc->rlim[i].set)
			continue;
		rl.rlim_cur = rl.rlim_max = sc->rlim[i].value;
		if (setrlimit(conf_rlimit_resource[i], &rl) == 0)
			continue;
		if (i < RL_NPROC) {
			log_msg(LOG_ERR, "setrlimit failed for service %s: %s",
			    sc->id, log_strerror(errno));
			continue;
		}
		log_msg(LOG_ERR, "unable to set %s for service %s: %s",
		    names[i], sc->id, log_strerror(errno));
		return "rlimit";
	}
	return NULL;
}

/* A sandbox step failed: FAIL with its word, and no server (status 1). */
static void __attribute__((noreturn))
sandbox_failed(const struct spawn_req *req, const char *word)
{
	svclog_fail(req->log, req->sc, word, req->peer);
	_exit(1);
}

/*
 * Limits, then no_new_privs. A log line written past rlimit_fsize (the
 * logs are files too) must fail with EFBIG rather than kill the child, so
 * SIGXFSZ is ignored until just before exec.
 */
static void set_limits(const struct spawn_req *req)
{
	const char *fail;

	if (req->sc->rlim[RL_FSIZE].set)
		(void)signal(SIGXFSZ, SIG_IGN);
	if ((fail = apply_rlimits(req->sc)) != NULL ||
	    (fail = sandbox_no_new_privs(req->sc)) != NULL)
		sandbox_failed(req, fail);
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
	set_limits(req);
	fd_cloexec_from(3);
	(void)setsid();
	(void)signal(SIGXFSZ, SIG_DFL);
	execve(sc->server, argv.v, env.v);
	int err = errno;
	if (sc->rlim[RL_FSIZE].set)
		(void)signal(SIGXFSZ, SIG_IGN);
	log_msg(LOG_ERR, "execv( %s ) failed: %s", sc->server,
	    log_strerror(err));
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

/*
 * Address lists, TCP wrappers, banner_success, USERID (reference 4.4
 * step 5); a refused client gets banner_fail and the child exits 0.
 */
static void child_checks(const struct spawn_req *req, int conn)
{
	const struct svc_conf *sc = req->sc;
	const char *refusal = req->checked ? NULL :
	    access_child_check(sc, req->peer, conn);

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
}

/*
 * The credentials with the sandbox steps that need root in between:
 * private /tmp, groups, chroot, user (xinetd.conf.5, SANDBOX).
 */
static void take_credentials(const struct spawn_req *req)
{
	const char *fail;

	if ((fail = sandbox_private_tmp(req->sc)) != NULL)
		sandbox_failed(req, fail);
	if (set_groups(req->sc) < 0)
		_exit(1);
	if ((fail = sandbox_chroot(req->sc)) != NULL)
		sandbox_failed(req, fail);
	if (set_user(req->sc) < 0)
		_exit(1);
}

/* Credentials, checks, banner, then whatever serves this kind of service. */
static void __attribute__((noreturn))
child_serve(const struct spawn_req *req, int conn)
{
	const struct svc_conf *sc = req->sc;
	const struct builtin *b = NULL;
	/*
	 * The checks come after the credential switch, as in xinetd
	 * (reference 4.2 step 7), unless the service is confined: they read
	 * the real root (hosts.allow, resolv.conf and nsswitch for names,
	 * the banner files), which a chroot hides and the user change
	 * cannot come before. So a confined service checks first, as root,
	 * and a refused client costs no mount.
	 */
	bool checks_first = sandbox_confines(sc);

	if (checks_first)
		child_checks(req, conn);
	take_credentials(req);
	if (sc->specified & ABIT(A_UMASK))
		umask(sc->umask);
	/* After setuid, so only root may raise priority (reference 2). */
	if (sc->specified & ABIT(A_NICE)) {
		errno = 0;
		if (nice(sc->nice) == -1 && errno != 0)
			log_msg(LOG_ERR, "nice failed for service %s: %s",
			    sc->id, log_strerror(errno));
	}
	if (!checks_first)
		child_checks(req, conn);

	if (sc->type & SVC_T_INTERNAL)
		b = builtin_find(sc->name, sc->socket_type);
	if (b == NULL && sc->redirect_len == 0)
		run_exec(req, conn);
	set_limits(req);
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
	/* The tcpmux service's checks were made; the entry's are its own. */
	sub.checked = false;
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
	pid_t pid;

	/* Loaded here once rather than in every child that checks. */
	if (!req->checked && wrap_active(req->sc))
		(void)wrap_load();
	pid = as_sibling ?
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
		/* /dev/log is out of reach once in the chroot. */
		log_syslog_reset(req->sc->chroot != NULL);
		log_hold(req->start_gate);
		child_serve(req, req->fd);
	}
	return pid;
}
