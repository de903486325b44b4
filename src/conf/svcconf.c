/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * svcconf.c: the configuration model: construct and free entries and sets,
 * the defaults rules (reference 1.6), the server argv and the one way every
 * diagnostic is reported. The parser, the inetd.conf reader and the
 * validator all build on this and not on each other.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf/internal.h"

const int conf_rlimit_resource[RL_COUNT] = {
	[RL_AS] = RLIMIT_AS, [RL_CPU] = RLIMIT_CPU,
	[RL_DATA] = RLIMIT_DATA, [RL_RSS] = RLIMIT_RSS,
	[RL_STACK] = RLIMIT_STACK, [RL_FILES] = RLIMIT_NOFILE,
	[RL_NPROC] = RLIMIT_NPROC, [RL_FSIZE] = RLIMIT_FSIZE,
	[RL_CORE] = RLIMIT_CORE, [RL_NOFILE] = RLIMIT_NOFILE,
};

void conf_reportf(const struct conf_report *r, int level, const char *file,
    unsigned line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	r->fn(r->arg, level, file, line, msg);
}

const char *conf_intern(struct conf_set *cs, const char *s)
{
	for (size_t i = 0; i < cs->files.n; i++)
		if (strcmp(cs->files.v[i], s) == 0)
			return cs->files.v[i];
	strvec_push(&cs->files, s);
	return cs->files.v[cs->files.n - 1];
}

void svc_conf_init(struct svc_conf *sc)
{
	memset(sc, 0, sizeof(*sc));
	sc->port = -1;
	sc->instances = LIMIT_UNLIMITED;
	sc->per_source = LIMIT_UNLIMITED;
}

void svc_conf_free(struct svc_conf *sc)
{
	free(sc->name);
	free(sc->id);
	free(sc->protocol);
	free(sc->user);
	free(sc->group);
	free(sc->server);
	free(sc->log.path);
	free(sc->access_times);
	free(sc->bind);
	free(sc->banner);
	free(sc->banner_success);
	free(sc->banner_fail);
	free(sc->libwrap);
	free(sc->redirect_host);
	free(sc->redirect_port);
	free(sc->chroot);
	addrlist_free(&sc->only_from);
	addrlist_free(&sc->no_access);
	strvec_clear(&sc->server_args);
	strvec_clear(&sc->env);
	strvec_clear(&sc->passenv);
	strvec_clear(&sc->enabled);
	strvec_clear(&sc->disabled);
}

void conf_free(struct conf_set *cs)
{
	if (cs == NULL)
		return;
	for (size_t i = 0; i < cs->nsvcs; i++) {
		svc_conf_free(cs->svcs[i]);
		free(cs->svcs[i]);
	}
	free(cs->svcs);
	svc_conf_free(&cs->defaults);
	strvec_clear(&cs->files);
	strvec_clear(&cs->rejected);
	free(cs);
}

/*
 * argv[0] is the server's last path component unless NAMEINARGS
 * (reference 2.1).
 */
void conf_server_argv(const struct svc_conf *sc, struct strvec *argv)
{
	strvec_clear(argv);
	if (!(sc->flags & SVC_F_NAMEINARGS)) {
		const char *base = strrchr(sc->server, '/');
		strvec_push(argv, base ? base + 1 : sc->server);
	}
	for (size_t i = 0; i < sc->server_args.n; i++)
		strvec_push(argv, sc->server_args.v[i]);
}

/* tmpfs inodes cost kernel memory its size does not count: one per page. */
#define TMP_BYTES_PER_INODE 4096
#define TMP_MIN_INODES 64

uint64_t conf_private_tmp_inodes(const struct svc_conf *sc)
{
	uint64_t n = sc->private_tmp / TMP_BYTES_PER_INODE;

	return n < TMP_MIN_INODES ? TMP_MIN_INODES : n;
}

int conf_rlimits_set(const struct svc_conf *sc)
{
	int n = 0;

	for (int i = 0; i < RL_COUNT; i++)
		n += sc->rlim[i].set;
	return n;
}

bool conf_sandboxed(const struct svc_conf *sc)
{
	return sc->chroot != NULL || sc->max_duration > 0 ||
	    sc->no_new_privs || sc->private_tmp > 0 ||
	    sc->rlim[RL_NPROC].set || sc->rlim[RL_FSIZE].set ||
	    sc->rlim[RL_CORE].set || sc->rlim[RL_NOFILE].set;
}

static char *dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void conf_snapshot_defaults(struct svc_conf *sc, const struct svc_conf *def)
{
	sc->log_on_success = def->log_on_success;
	sc->log_on_failure = def->log_on_failure;
	strvec_copy(&sc->passenv, &def->passenv);
	addrlist_copy(&sc->only_from, &def->only_from);
	sc->only_from_set = def->only_from_set;
	addrlist_copy(&sc->no_access, &def->no_access);
	sc->no_access_set = def->no_access_set;
	sc->banner = dup_or_null(def->banner);
	sc->banner_success = dup_or_null(def->banner_success);
	sc->banner_fail = dup_or_null(def->banner_fail);
}

void conf_fill_defaults(struct svc_conf *sc, const struct svc_conf *def)
{
	if (!conf_given(sc, A_LOG_TYPE) && conf_given(def, A_LOG_TYPE)) {
		sc->log = def->log;
		sc->log.path = def->log.path ? xstrdup(def->log.path) : NULL;
	}
	if (!conf_given(sc, A_LOG_ON_SUCCESS))
		sc->log_on_success = def->log_on_success;
	if (!conf_given(sc, A_LOG_ON_FAILURE))
		sc->log_on_failure = def->log_on_failure;
	if (!conf_given(sc, A_INSTANCES))
		sc->instances = def->instances;
	if (!conf_given(sc, A_PER_SOURCE))
		sc->per_source = def->per_source;
	if (!conf_given(sc, A_GROUPS))
		sc->groups = def->groups;
	if (!conf_given(sc, A_UMASK) && conf_given(def, A_UMASK)) {
		sc->umask = def->umask;
		sc->specified |= ABIT(A_UMASK);
	}
	if (!conf_given(sc, A_CPS)) {
		/* xinetd's built-in rate limit is 50 per second, 10 s pause. */
		sc->cps_max = conf_given(def, A_CPS) ? def->cps_max : 50;
		sc->cps_wait = conf_given(def, A_CPS) ? def->cps_wait : 10;
	}
	if (!conf_given(sc, A_MAX_LOAD))
		sc->max_load = def->max_load;
	if (!conf_given(sc, A_BIND) && def->bind != NULL)
		sc->bind = xstrdup(def->bind);
	/* v6only's value is honoured, from the entry or defaults (reference 11). */
	if (!conf_given(sc, A_V6ONLY) && conf_given(def, A_V6ONLY))
		sc->v6only = def->v6only;
	/* passenv from defaults counts as "given" for the environment rule. */
	if (!conf_given(sc, A_PASSENV) && conf_given(def, A_PASSENV)) {
		strvec_copy(&sc->passenv, &def->passenv);
		sc->specified |= ABIT(A_PASSENV);
	}
}
