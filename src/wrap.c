/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* wrap.c: libwrap glue; without libwrap at build time every check passes. */
#include "config.h"

#include <string.h>
#include <syslog.h>

#include "log.h"
#include "wrap.h"

#ifdef HAVE_LIBWRAP
#include <dlfcn.h>
#include <tcpd.h>

/* libwrap reads these for its own log lines. */
int allow_severity = LOG_INFO;
int deny_severity = LOG_WARNING;

static bool checker_mode;
static bool options_seen;

/*
 * libwrap calls this (through its PLT) for a matching rule's options. The
 * daemon's children pass it on; the checker only notes that there were
 * some: it must never run a twist or a spawn, and cannot know the verdict
 * of a rule whose options include "allow" or "deny".
 */
void process_options(char *options, struct request_info *request)
{
	static void (*real)(char *, struct request_info *);

	if (checker_mode) {
		options_seen = true;
		return;
	}
	if (real == NULL)
		real = (void (*)(char *, struct request_info *))dlsym(
		    RTLD_NEXT, "process_options");
	if (real != NULL)
		real(options, request);
}
#endif

static const char *basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/*
 * Reference 4.9: the libwrap attribute, else the service name for internal
 * and redirected services, else the program that will run.
 */
const char *wrap_daemon_name(const struct svc_conf *sc)
{
	if (sc->libwrap != NULL)
		return sc->libwrap;
	if ((sc->type & SVC_T_INTERNAL) || sc->redirect_len > 0 ||
	    sc->server == NULL)
		return sc->name;
	if ((sc->flags & SVC_F_NAMEINARGS) && sc->server_args.n > 0)
		return basename_of(sc->server_args.v[0]);
	return basename_of(sc->server);
}

bool wrap_active(const struct svc_conf *sc)
{
#ifdef HAVE_LIBWRAP
	return !(sc->flags & SVC_F_NOLIBWRAP);
#else
	(void)sc;
	return false;
#endif
}

void wrap_checker_mode(void)
{
#ifdef HAVE_LIBWRAP
	checker_mode = true;
	dry_run = 1;
#endif
}

enum wrap_verdict wrap_verdict(const char *daemon,
    const struct sockaddr *local, const struct sockaddr *peer)
{
#ifdef HAVE_LIBWRAP
	struct request_info req;
	int allowed;

	request_init(&req, RQ_DAEMON, daemon, RQ_CLIENT_SIN, peer,
	    RQ_SERVER_SIN, local, 0);
	sock_methods(&req);
	options_seen = false;
	dry_run = 1;
	allowed = hosts_access(&req);
	if (options_seen)
		return WRAP_OPTIONS;
	return allowed ? WRAP_ALLOW : WRAP_DENY;
#else
	(void)daemon;
	(void)local;
	(void)peer;
	return WRAP_ALLOW;
#endif
}

bool wrap_allows(const struct svc_conf *sc, int fd)
{
#ifdef HAVE_LIBWRAP
	struct request_info req;

	request_init(&req, RQ_DAEMON, wrap_daemon_name(sc), RQ_FILE, fd, 0);
	fromhost(&req);
	return hosts_access(&req) != 0;
#else
	(void)sc;
	(void)fd;
	return true;
#endif
}
