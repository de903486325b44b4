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
#include "svclog.h"
#include "tcpmux.h"
#include "util.h"

/* xinetd's identd timeout, also applied with IDONLY (there unbounded). */
#define IDENT_TIMEOUT_S 30
#define IDENT_TEXT_MAX 512

static struct strvec start_env;

/*
 * LISTEN_* and NOTIFY_SOCKET describe the daemon's own relation to systemd;
 * a server that inherited them could claim our sockets or our readiness.
 */
static bool private_var(const char *kv)
{
	static const char *const names[] = {
		"LISTEN_PID=", "LISTEN_FDS=", "LISTEN_FDNAMES=",
		"NOTIFY_SOCKET=",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strncmp(kv, names[i], strlen(names[i])) == 0)
			return true;
	return false;
}

void spawn_capture_env(char **envp)
{
	strvec_clear(&start_env);
	for (; envp != NULL && *envp != NULL; envp++)
		if (!private_var(*envp))
			strvec_push(&start_env, *envp);
}

void spawn_free_env(void)
{
	strvec_clear(&start_env);
}

static const char *env_lookup(const struct strvec *env, const char *name,
    size_t len)
{
	for (size_t i = 0; i < env->n; i++)
		if (strncmp(env->v[i], name, len) == 0 && env->v[i][len] == '=')
			return env->v[i];
	return NULL;
}

/* Set or replace NAME=VALUE in env. */
static void env_put(struct strvec *env, const char *kv)
{
	const char *eq = strchr(kv, '=');
	size_t len = eq ? (size_t)(eq - kv) : strlen(kv);

	for (size_t i = 0; i < env->n; i++) {
		if (strncmp(env->v[i], kv, len) == 0 && env->v[i][len] == '=') {
			free(env->v[i]);
			env->v[i] = xstrdup(kv);
			return;
		}
	}
	strvec_push(env, kv);
}

/* Reference 4.5: passenv selects, env adds or overrides, then REMOTE_HOST. */
static void build_env(const struct svc_conf *sc, const char *peer,
    struct strvec *env)
{
	if (sc->specified & ABIT(A_PASSENV)) {
		for (size_t i = 0; i < sc->passenv.n; i++) {
			const char *name = sc->passenv.v[i];
			const char *kv = env_lookup(&start_env, name,
			    strlen(name));
			if (kv != NULL)
				strvec_push(env, kv);
		}
	} else {
		strvec_copy(env, &start_env);
	}
	for (size_t i = 0; i < sc->env.n; i++)
		env_put(env, sc->env.v[i]);
	if (peer != NULL) {
		char *kv = xasprintf("REMOTE_HOST=%s", peer);
		env_put(env, kv);
		free(kv);
	}
}

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
	static const struct {
		int res;
		const char *name;
	} lim[RL_COUNT] = {
		[RL_AS] = { RLIMIT_AS, "rlimit_as" },
		[RL_CPU] = { RLIMIT_CPU, "rlimit_cpu" },
		[RL_DATA] = { RLIMIT_DATA, "rlimit_data" },
		[RL_RSS] = { RLIMIT_RSS, "rlimit_rss" },
		[RL_STACK] = { RLIMIT_STACK, "rlimit_stack" },
		[RL_FILES] = { RLIMIT_NOFILE, "rlimit_files" },
		[RL_NPROC] = { RLIMIT_NPROC, "rlimit_nproc" },
		[RL_FSIZE] = { RLIMIT_FSIZE, "rlimit_fsize" },
		[RL_CORE] = { RLIMIT_CORE, "rlimit_core" },
		[RL_NOFILE] = { RLIMIT_NOFILE, "rlimit_nofile" },
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
		if (setrlimit(lim[i].res, &rl) == 0)
			continue;
		if (i < RL_NPROC) {
			log_msg(LOG_ERR, "setrlimit failed for service %s: %s",
			    sc->id, log_strerror(errno));
			continue;
		}
		log_msg(LOG_ERR, "unable to set %s for service %s: %s",
		    lim[i].name, sc->id, log_strerror(errno));
		return "rlimit";
	}
	return NULL;
}

/* A sandbox step failed: FAIL with its word, and no server (status 1). */
static void __attribute__((noreturn))
sandbox_failed(const struct spawn_req *req, const char *word)
{
	svclog_fail(req->log, req->sc, word, req->peer->text);
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

	build_env(sc, peer, &env);
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
	const char *refusal = access_child_check(sc, req->peer, conn);

	if (refusal != NULL) {
		svclog_fail(req->log, sc, refusal, req->peer->text);
		banner_send(sc->banner_fail, conn, sc->id, false);
		_exit(0);
	}
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
 * tcpmux (RFC 1078): the named TCPMUX service runs in this child with its
 * own credentials and checks (reference 5).
 */
static void __attribute__((noreturn))
run_tcpmux(const struct spawn_req *req, int conn)
{
	struct spawn_req sub = *req;

	sub.sc = tcpmux_accept(conn);
	if (sub.sc == NULL)
		_exit(0);
	child_serve(&sub, conn);
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
		/* /dev/log is out of reach once in the chroot. */
		log_syslog_reset(req->sc->chroot != NULL);
		log_hold(req->start_gate);
		child_serve(req, req->fd);
	}
	return pid;
}
