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

/* libwrap reads these for its own log lines. */
int allow_severity = LOG_INFO;
int deny_severity = LOG_WARNING;
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

bool wrap_allows(const struct svc_conf *sc, int fd, const char *peer_text)
{
#ifdef HAVE_LIBWRAP
	struct request_info req;
	const char *name = wrap_daemon_name(sc);

	request_init(&req, RQ_DAEMON, name, RQ_FILE, fd, 0);
	fromhost(&req);
	if (hosts_access(&req))
		return true;
	log_msg(LOG_INFO, "libwrap refused connection to %s (libwrap=%s) from %s",
	    sc->id, name, peer_text);
	return false;
#else
	(void)sc;
	(void)fd;
	(void)peer_text;
	return true;
#endif
}
