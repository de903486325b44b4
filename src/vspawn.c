/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * vspawn.c: servers started with clone(CLONE_VM | CLONE_VFORK |
 * CLONE_FILES). The child shares the daemon's memory and descriptor
 * table while the daemon waits, so it must not allocate, lock or signal:
 * it makes raw system calls only, on a plan built at load time (argv,
 * environment, credentials, limits), and writes what failed into a report
 * the daemon reads once the child has exec'd or exited. The steps and
 * their order are those of spawn.c (reference 4.4).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"
#include "srvenv.h"
#include "util.h"
#include "vspawn.h"

/*
 * What runs in the child, on the daemon's memory: never instrumented, as
 * a sanitizer's bookkeeping there (stack poisoning, no-return handling)
 * would write into the daemon's shadow state and print on the client.
 */
#define IN_CHILD __attribute__((no_sanitize_address, no_sanitize_undefined))

#ifndef CLOSE_RANGE_UNSHARE
#define CLOSE_RANGE_UNSHARE (1U << 1)
#endif

/* The child's stack: one is enough, the daemon waits while it is used. */
#define CHILD_STACK (64 * 1024)

enum step {
	STEP_EXECED,
	STEP_SETGID,
	STEP_SETGROUPS,
	STEP_INITGROUPS,
	STEP_SETUID,
	STEP_FDS,
	STEP_EXEC,
};

/*
 * A server environment. Services without env or passenv all share one:
 * the daemon's own environment can be kilobytes, and 5,000 services each
 * had a copy (20 MB). The slot is written before each clone, and clones
 * come one at a time.
 */
struct plan_env {
	struct strvec env;		/* without the connection's REMOTE_HOST */
	char **envp;			/* env.v plus the REMOTE_HOST slot */
	size_t remote_slot;
	char *remote_default;		/* what the slot holds without a peer */
	unsigned refs;
};

struct exec_plan {
	const char *path;
	struct strvec argv;
	struct plan_env *ev;
	bool set_gid, set_uid, set_groups;
	gid_t gid;
	uid_t uid;
	gid_t *groups;
	int ngroups;
	const char *user;		/* for the initgroups message */
	bool set_umask;
	mode_t umask;
	bool set_nice;
	int nice;
	int nrl;
	struct {
		int resource;
		struct rlimit rl;
	} rl[];				/* nrl of them: most plans have none */
};

/*
 * REMOTE_HOST= for the server being started: one for all plans, as one
 * server is started at a time and its child has exec'd (or failed) before
 * vspawn_start returns.
 */
static char remote[sizeof("REMOTE_HOST=") + INET6_ADDRSTRLEN];

/* What the child gets: the plan, and where to write its report. */
struct child_arg {
	const struct exec_plan *pl;
	struct vspawn_report *rep;
};

/* The kernel's struct sigaction, for rt_sigaction without libc. */
struct ksigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned long mask;
};

static bool usable;
static char *stack;
static int saved_std[3] = { -1, -1, -1 };
/*
 * Signals the daemon ignores (its own choice, or inherited: a shell starts
 * background jobs with SIGINT and SIGQUIT ignored); exec would keep them
 * ignored for the server, so the child resets them.
 */
static int ignored[64];
static int nignored;

void vspawn_init(void)
{
	const char *want = getenv("XINETD_NG_SPAWN");

	usable = false;
	if (want != NULL && strcmp(want, "fork") == 0)
		return;
	/* An empty range: succeeds where the kernel has close_range(2). */
	if (syscall(SYS_close_range, ~0U, ~0U, CLOSE_RANGE_UNSHARE) != 0)
		return;
	stack = mmap(NULL, CHILD_STACK, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stack == MAP_FAILED)
		return;
	nignored = 0;
	for (int sig = 1; sig < NSIG && nignored < 64; sig++) {
		struct sigaction sa;
		if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			ignored[nignored++] = sig;
	}
	for (int i = 0; i < 3; i++)
		saved_std[i] = fcntl(i, F_DUPFD_CLOEXEC, 3);
	usable = saved_std[0] >= 0 && saved_std[1] >= 0 && saved_std[2] >= 0;
}

/*
 * Only an exec'd server whose child would do nothing but exec it: no
 * identd look-up, no banner to read, no sensor; credentials the plan can
 * hold. Its access checks are made before (request.c): a plan is used
 * only for a request that passed them.
 */
static bool eligible(const struct svc_conf *sc)
{
	bool has_user = (sc->specified & ABIT(A_USER)) != 0;

	return usable && !(sc->type & SVC_T_INTERNAL) &&
	    sc->redirect_len == 0 && sc->server != NULL &&
	    !(sc->log_on_success & LOG_S_USERID) &&
	    !(sc->flags & (SVC_F_IDONLY | SVC_F_SENSOR)) && !conf_sandboxed(sc) &&
	    sc->banner_success == NULL && (has_user || geteuid() != 0) &&
	    (!has_user || !sc->groups || sc->user_known);
}

/* Group first, then supplementary groups, then the user (reference 4.4). */
static bool plan_credentials(struct exec_plan *pl, const struct svc_conf *sc)
{
	bool has_user = (sc->specified & ABIT(A_USER)) != 0;
	bool has_group = (sc->specified & ABIT(A_GROUP)) != 0;

	if ((has_user || has_group) && geteuid() == 0) {
		pl->set_gid = pl->set_groups = true;
		pl->gid = has_group ? sc->gid : sc->user_gid;
		if (has_user && sc->groups) {
			/* Read now: no NSS look-up in the child. */
			int n = 64;
			pl->user = sc->user;
			pl->groups = xcalloc((size_t)n, sizeof(gid_t));
			if (getgrouplist(sc->user, sc->user_gid, pl->groups,
			    &n) < 0) {
				pl->groups = xreallocarray(pl->groups,
				    (size_t)n, sizeof(gid_t));
				if (getgrouplist(sc->user, sc->user_gid,
				    pl->groups, &n) < 0)
					return false;
			}
			pl->ngroups = n;
		}
	}
	if (has_user) {
		pl->set_uid = true;
		pl->uid = sc->uid;
	}
	return true;
}

/* The environment, and where the connection's REMOTE_HOST goes. */
static struct plan_env *shared_env;

static struct plan_env *env_new(const struct svc_conf *sc)
{
	struct plan_env *ev = xcalloc(1, sizeof(*ev));
	size_t n;

	srvenv_build(sc, NULL, &ev->env);
	n = ev->env.n;
	ev->envp = xcalloc(n + 2, sizeof(*ev->envp));
	memcpy(ev->envp, ev->env.v, n * sizeof(*ev->envp));
	ev->remote_slot = n;
	for (size_t i = 0; i < n; i++) {
		if (strncmp(ev->env.v[i], "REMOTE_HOST=", 12) == 0) {
			ev->remote_slot = i;
			ev->remote_default = ev->env.v[i];
		}
	}
	ev->refs = 1;
	return ev;
}

static struct plan_env *plan_env(const struct svc_conf *sc)
{
	if (sc->specified & (ABIT(A_ENV) | ABIT(A_PASSENV)))
		return env_new(sc);
	if (shared_env == NULL)
		shared_env = env_new(sc);
	else
		shared_env->refs++;
	return shared_env;
}

static void env_unref(struct plan_env *ev)
{
	if (ev == NULL || --ev->refs > 0)
		return;
	if (ev == shared_env)
		shared_env = NULL;
	strvec_clear(&ev->env);
	free(ev->envp);
	free(ev);
}

struct exec_plan *vspawn_plan(const struct svc_conf *sc)
{
	struct exec_plan *pl;

	if (!eligible(sc))
		return NULL;
	pl = xcalloc(1, sizeof(*pl) +
	    (size_t)conf_rlimits_set(sc) * sizeof(pl->rl[0]));
	if (!plan_credentials(pl, sc)) {
		vspawn_plan_free(pl);
		return NULL;
	}
	pl->path = sc->server;
	conf_server_argv(sc, &pl->argv);
	pl->ev = plan_env(sc);
	pl->set_umask = (sc->specified & ABIT(A_UMASK)) != 0;
	pl->umask = sc->umask;
	pl->set_nice = (sc->specified & ABIT(A_NICE)) != 0;
	pl->nice = sc->nice;
	for (int i = 0; i < RL_COUNT; i++) {
		if (!sc->rlim[i].set)
			continue;
		pl->rl[pl->nrl].resource = conf_rlimit_resource[i];
		pl->rl[pl->nrl].rl.rlim_cur = sc->rlim[i].value;
		pl->rl[pl->nrl].rl.rlim_max = sc->rlim[i].value;
		pl->nrl++;
	}
	return pl;
}

void vspawn_plan_free(struct exec_plan *pl)
{
	if (pl == NULL)
		return;
	strvec_clear(&pl->argv);
	env_unref(pl->ev);
	free(pl->groups);
	free(pl);
}

static IN_CHILD void __attribute__((noreturn))
fail(struct vspawn_report *rep, enum step step, int code)
{
	rep->step = (int)step;
	rep->err = errno;
	syscall(SYS_exit, code);
	__builtin_unreachable();
}

/* The ignored signals (see vspawn_init) and the mask. */
static IN_CHILD void reset_signals(void)
{
	struct ksigaction dfl = { .handler = SIG_DFL };
	unsigned long none = 0;

	for (int i = 0; i < nignored; i++)
		syscall(SYS_rt_sigaction, ignored[i], &dfl, NULL, sizeof(none));
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, NULL, sizeof(none));
}

static IN_CHILD void
credentials(const struct exec_plan *pl, struct vspawn_report *rep)
{
	if (pl->set_gid && syscall(SYS_setgid, pl->gid) != 0)
		fail(rep, STEP_SETGID, 1);
	if (pl->set_groups && syscall(SYS_setgroups, (size_t)pl->ngroups,
	    pl->groups) != 0)
		fail(rep, pl->groups != NULL ? STEP_INITGROUPS : STEP_SETGROUPS,
		    1);
	if (pl->set_uid && syscall(SYS_setuid, pl->uid) != 0)
		fail(rep, STEP_SETUID, 1);
}

/* After setuid, so only root may raise priority (reference 2). */
static IN_CHILD void
priority(const struct exec_plan *pl, struct vspawn_report *rep)
{
	long now;

	if (pl->set_umask)
		syscall(SYS_umask, pl->umask);
	if (!pl->set_nice)
		return;
	/* The raw call returns 20 - nice. */
	errno = 0;
	now = syscall(SYS_getpriority, PRIO_PROCESS, 0);
	if (now < 0 || syscall(SYS_setpriority, PRIO_PROCESS, 0,
	    (int)(20 - now) + pl->nice) != 0)
		rep->nice_err = errno ? errno : EINVAL;
}

static IN_CHILD int child_main(void *arg)
{
	struct child_arg *a = arg;
	const struct exec_plan *pl = a->pl;

	reset_signals();
	credentials(pl, a->rep);
	priority(pl, a->rep);
	for (int i = 0; i < pl->nrl; i++)
		if (syscall(SYS_prlimit64, 0, pl->rl[i].resource,
		    &pl->rl[i].rl, NULL) != 0)
			a->rep->rlimit_err = errno;
	/* Our own table, with 0, 1 and 2 only: the rest is the daemon's. */
	if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_UNSHARE) != 0)
		fail(a->rep, STEP_FDS, 1);
	syscall(SYS_setsid);
	syscall(SYS_execve, pl->path, pl->argv.v, pl->ev->envp);
	/* xinetd exits 0 here; the EXIT line shows the server never ran. */
	fail(a->rep, STEP_EXEC, 0);
}

static IN_CHILD int null_main(void *arg)
{
	(void)arg;
	syscall(SYS_exit, 0);
	return 0;
}

pid_t vspawn_null(void)
{
	pid_t pid;

	if (!usable) {
		pid = fork();
		if (pid == 0)
			_exit(0);
		return pid;
	}
	return clone(null_main, stack + CHILD_STACK,
	    CLONE_VM | CLONE_VFORK | SIGCHLD, NULL);
}

/* fds 0, 1 and 2 become conn for the child, and the daemon's again after. */
static int std_to(int conn)
{
	for (int i = 0; i < 3; i++)
		if (dup2(conn, i) < 0)
			return -1;
	return 0;
}

static void std_back(void)
{
	for (int i = 0; i < 3; i++)
		(void)dup2(saved_std[i], i);
}

pid_t vspawn_start(struct exec_plan *pl, int conn, const struct peer *p,
    struct vspawn_report *rep)
{
	struct child_arg a = { .pl = pl, .rep = rep };
	pid_t pid;
	int err;

	memset(rep, 0, sizeof(*rep));
	if (p->len > 0) {
		snprintf(remote, sizeof(remote), "REMOTE_HOST=%s", p->text);
		pl->ev->envp[pl->ev->remote_slot] = remote;
	} else {
		pl->ev->envp[pl->ev->remote_slot] = pl->ev->remote_default;
	}
	if (std_to(conn) < 0) {
		err = errno;
		std_back();
		errno = err;
		return -1;
	}
	pid = clone(child_main, stack + CHILD_STACK,
	    CLONE_VM | CLONE_VFORK | CLONE_FILES | SIGCHLD, &a);
	err = errno;
	std_back();
	errno = err;
	return pid;
}

void vspawn_log(const struct vspawn_report *rep, const struct svc_conf *sc,
    pid_t pid)
{
	const char *e = log_strerror(rep->err);

	if (rep->nice_err)
		log_msg_as(pid, LOG_ERR, "nice failed for service %s: %s",
		    sc->id, log_strerror(rep->nice_err));
	if (rep->rlimit_err)
		log_msg_as(pid, LOG_ERR, "setrlimit failed for service %s: %s",
		    sc->id, log_strerror(rep->rlimit_err));
	switch ((enum step)rep->step) {
	case STEP_EXECED:
		break;
	case STEP_SETGID:
		log_msg_as(pid, LOG_ERR, "setgid failed: %s", e);
		break;
	case STEP_SETGROUPS:
		log_msg_as(pid, LOG_ERR,
		    "setgroups( 0, NULL ) failed: %s; consider groups = yes", e);
		break;
	case STEP_INITGROUPS:
		log_msg_as(pid, LOG_ERR, "initgroups( %s, %d ) failed: %s",
		    sc->user, (int)sc->user_gid, e);
		break;
	case STEP_SETUID:
		log_msg_as(pid, LOG_ERR, "setuid failed: %s", e);
		break;
	case STEP_FDS:
		log_msg_as(pid, LOG_ERR, "dup2 failed for service %s: %s",
		    sc->id, e);
		break;
	case STEP_EXEC:
		log_msg_as(pid, LOG_ERR, "execv( %s ) failed: %s", sc->server,
		    e);
		break;
	}
}
