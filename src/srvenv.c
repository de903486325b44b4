/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * srvenv.c: the environment servers get (reference 4.5): the daemon's
 * own at start-up, less what describes the daemon alone, then passenv,
 * env and REMOTE_HOST.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "srvenv.h"
#include "util.h"

static struct strvec start_env;

/*
 * LISTEN_* and NOTIFY_SOCKET describe the daemon's own relation to systemd;
 * a server that inherited them could claim our sockets or our readiness.
 */
static bool private_var(const char *kv)
{
	static const char *const names[] = {
		"LISTEN_PID=", "LISTEN_FDS=", "LISTEN_FDNAMES=",
		"NOTIFY_SOCKET=", "WATCHDOG_PID=", "WATCHDOG_USEC=",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strncmp(kv, names[i], strlen(names[i])) == 0)
			return true;
	return false;
}

void srvenv_capture(char **envp)
{
	strvec_clear(&start_env);
	for (; envp != NULL && *envp != NULL; envp++)
		if (!private_var(*envp))
			strvec_push(&start_env, *envp);
}

void srvenv_free(void)
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

void srvenv_build(const struct svc_conf *sc, const char *peer,
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
