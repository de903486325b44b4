/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* wrap.c: libwrap glue; without libwrap at build time every check passes. */
#include "config.h"

#include <string.h>
#include <syslog.h>

#include "log.h"
#include "wrap.h"

#ifdef HAVE_LIBWRAP
#include <tcpd.h>

#include "dynlib.h"

/*
 * libwrap reads these for its own log lines, and calls process_options
 * below for a rule's options: the link exports all three (wrap.sym) so
 * that they win over the library's own once it is loaded.
 */
int allow_severity = LOG_INFO;
int deny_severity = LOG_WARNING;

static struct request_info *(*lw_request_init)(struct request_info *, ...);
static void (*lw_sock_host)(struct request_info *);
static void (*lw_sock_hostname)(struct host_info *);
static void (*lw_sock_hostaddr)(struct host_info *);
static int (*lw_hosts_access)(struct request_info *);
static void (*lw_process_options)(char *, struct request_info *);
static int *lw_dry_run;

static const struct dynsym wrap_syms[] = {
	{ "request_init", (void **)&lw_request_init },
	{ "sock_host", (void **)&lw_sock_host },
	{ "sock_hostname", (void **)&lw_sock_hostname },
	{ "sock_hostaddr", (void **)&lw_sock_hostaddr },
	{ "hosts_access", (void **)&lw_hosts_access },
	{ "process_options", (void **)&lw_process_options },
	{ "dry_run", (void **)&lw_dry_run },
};

static struct dynlib libwrap = DYNLIB(LIBWRAP_SONAME, wrap_syms);

static bool checker_mode;
static bool options_seen;

/*
 * The daemon's children pass a rule's options on to libwrap; the checker
 * only notes that there were some: it must never run a twist or a spawn,
 * and cannot know the verdict of a rule whose options include "allow" or
 * "deny".
 */
void process_options(char *options, struct request_info *request)
{
	if (checker_mode) {
		options_seen = true;
		return;
	}
	lw_process_options(options, request);
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

bool wrap_load(void)
{
#ifdef HAVE_LIBWRAP
	return dynlib_load(&libwrap);
#else
	return true;
#endif
}

void wrap_checker_mode(void)
{
#ifdef HAVE_LIBWRAP
	checker_mode = true;
	(void)wrap_load();
#endif
}

enum wrap_verdict wrap_verdict(const char *daemon,
    const struct sockaddr *local, const struct sockaddr *peer)
{
#ifdef HAVE_LIBWRAP
	struct request_info req;
	int allowed;

	/* Where the daemon's log can say why, and the client is refused. */
	if (!wrap_load())
		return WRAP_UNDECIDED;
	lw_request_init(&req, RQ_DAEMON, daemon, RQ_CLIENT_SIN, peer,
	    RQ_SERVER_SIN, local, 0);
	req.hostname = lw_sock_hostname;
	req.hostaddr = lw_sock_hostaddr;
	options_seen = false;
	*lw_dry_run = 1;
	allowed = lw_hosts_access(&req);
	if (options_seen)
		return WRAP_UNDECIDED;
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

	if (!wrap_load())
		return false;
	lw_request_init(&req, RQ_DAEMON, wrap_daemon_name(sc), RQ_FILE, fd, 0);
	lw_sock_host(&req);
	return lw_hosts_access(&req) != 0;
#else
	(void)sc;
	(void)fd;
	return true;
#endif
}
