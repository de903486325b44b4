/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * validate.c: turn a parsed entry into a service that can run, or say in
 * one message why it cannot (reference 1.6-1.8 and 3).
 */
#include "config.h"

#include <errno.h>
#include <netdb.h>
#include <rpc/netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include "conf/builtins.h"
#include "conf/attrs.h"
#include "conf/internal.h"

static bool reject(const struct svc_conf *sc, const struct conf_report *r,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Report an ERROR at the entry's location; always false, for returns. */
static bool reject(const struct svc_conf *sc, const struct conf_report *r,
    const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	conf_reportf(r, LOG_ERR, sc->file, sc->line, "%s", msg);
	return false;
}

static const char *socket_type_name(int st)
{
	switch (st) {
	case SOCK_STREAM:
		return "stream";
	case SOCK_DGRAM:
		return "dgram";
	case SOCK_RAW:
		return "raw";
	case SOCK_SEQPACKET:
		return "seqpacket";
	default:
		return "?";
	}
}

/* tcp <-> stream, udp <-> dgram, as xinetd infers them (reference 1.6). */
static bool infer_protocol(struct svc_conf *sc, const struct conf_report *r)
{
	if (sc->socket_type == 0 && sc->protocol != NULL) {
		if (strcasecmp(sc->protocol, "tcp") == 0)
			sc->socket_type = SOCK_STREAM;
		else if (strcasecmp(sc->protocol, "udp") == 0)
			sc->socket_type = SOCK_DGRAM;
	}
	if (sc->socket_type == 0) {
		if (sc->protocol == NULL && !(sc->type & SVC_T_UNLISTED))
			conf_reportf(r, LOG_ERR, sc->file, sc->line,
			    "Port not specified for service: %s and no protocol given",
			    sc->name);
		else
			conf_reportf(r, LOG_ERR, sc->file, sc->line,
			    "Service %s missing attribute socket_type - DISABLING",
			    sc->id);
		return false;
	}
	if (sc->protocol == NULL) {
		const char *p = sc->socket_type == SOCK_STREAM ? "tcp" :
		    sc->socket_type == SOCK_DGRAM ? "udp" : NULL;
		int num = p != NULL ? attr_protocol_number(p) : -1;
		if (num < 0)
			return reject(sc, r,
			    "Service %s missing attribute protocol - DISABLING",
			    sc->id);
		sc->protocol = xstrdup(p);
		sc->proto_num = num;
	}
	return true;
}

/*
 * Reference 1.8. A SENSOR still needs a server (xinetd checks before the
 * flag makes the service internal) but no user; a redirect needs a user
 * but no server.
 */
static bool check_required(struct svc_conf *sc, const struct conf_report *r)
{
	bool internal = (sc->type & SVC_T_INTERNAL) != 0;
	bool sensor = (sc->flags & SVC_F_SENSOR) != 0;

	if (!conf_given(sc, A_WAIT))
		return reject(sc, r,
		    "Service %s missing attribute wait - DISABLING", sc->id);
	if (!internal && !conf_given(sc, A_SERVER) && !conf_given(sc, A_REDIRECT)) {
		/* xinetd words the missing server differently (reference 1.7). */
		return reject(sc, r,
		    "Must specify a server in %s", sc->name);
	}
	if (!internal && !sensor && !conf_given(sc, A_USER))
		return reject(sc, r,
		    "Service %s missing attribute user - DISABLING", sc->id);
	return true;
}

/* The port rules of reference 3. */
static bool check_port(struct svc_conf *sc, const struct conf_report *r)
{
	struct servent *se;

	/*
	 * A TCPMUX client has no socket (tcpmux finds it by name); an RPC
	 * service takes an ephemeral port and is found through the portmapper.
	 */
	if (sc->type & (SVC_T_TCPMUX | SVC_T_TCPMUXPLUS | SVC_T_RPC))
		return true;
	if (sc->type & SVC_T_UNLISTED) {
		if (sc->port < 0)
			return reject(sc, r,
			    "Unlisted service: %s must have a port entry",
			    sc->name);
		return true;
	}
	se = getservbyname(sc->name, sc->protocol);
	if (se == NULL) {
		if (sc->port < 0)
			conf_reportf(r, LOG_ERR, sc->file, sc->line,
			    "Port not specified and can't find service: %s with getservbyname",
			    sc->name);
		else
			conf_reportf(r, LOG_ERR, sc->file, sc->line,
			    "service/protocol combination not in /etc/services: %s/%s",
			    sc->name, sc->protocol);
		return false;
	}
	int listed = ntohs((uint16_t)se->s_port);
	if (sc->port >= 0 && sc->port != listed)
		return reject(sc, r,
		    "Service %s expects port %d, not %d", sc->name, listed,
		    sc->port);
	sc->port = listed;
	return true;
}

bool conf_builtin_known(const char *name, int socket_type)
{
#define KNOWN(n, st, forks, kind, session, fn) \
	if (socket_type == (st) && strcasecmp(name, (n)) == 0) \
		return true;
	CONF_BUILTINS(KNOWN)
#undef KNOWN
	return false;
}

/* Internal services, sensors and the tcpmux rules (reference 1.7, 4.11). */
static bool check_internal(struct svc_conf *sc, const struct conf_report *r)
{
	/*
	 * A sensor never runs its server, and needs no user; reached through
	 * tcpmux it would run that server as root (fail closed).
	 */
	if ((sc->flags & SVC_F_SENSOR) &&
	    (sc->type & (SVC_T_TCPMUX | SVC_T_TCPMUXPLUS)))
		return reject(sc, r,
		    "Service %s: a SENSOR cannot be a TCPMUX service - DISABLING",
		    sc->id);
	if (sc->flags & SVC_F_SENSOR) {
		sc->type |= SVC_T_INTERNAL;
		return true;
	}
	if (sc->type & SVC_T_INTERNAL) {
		if (!conf_builtin_known(sc->name, sc->socket_type))
			return reject(sc, r,
			    "No such internal service: %s/%s - DISABLING",
			    sc->name, socket_type_name(sc->socket_type));
		if (sc->flags & SVC_F_NAMEINARGS)
			return reject(sc, r,
			    "Service %s is INTERNAL and has NAMEINARGS flag set",
			    sc->name);
	}
	if (sc->type & (SVC_T_TCPMUX | SVC_T_TCPMUXPLUS)) {
		if (!(sc->type & SVC_T_UNLISTED))
			return reject(sc, r,
			    "Service: %s (tcpmux) should have UNLISTED in type.",
			    sc->name);
		if (sc->socket_type != SOCK_STREAM)
			return reject(sc, r,
			    "Service: %s (tcpmux) should have tcp in protocol.",
			    sc->name);
	}
	return true;
}

/*
 * RPC (reference 1.8, 3): a version range always; the program number from
 * rpc_number for UNLISTED services, else from /etc/rpc by service name.
 * The portmapper half needs libtirpc (see rpc.c).
 */
static bool check_rpc(struct svc_conf *sc, const struct conf_report *r)
{
	struct rpcent *re;

	if (!(sc->type & SVC_T_RPC))
		return true;
#ifndef HAVE_RPC
	return reject(sc, r,
	    "Service %s: RPC services need libtirpc, which this build of xinetd-ng lacks - DISABLING",
	    sc->id);
#endif
	if (!conf_given(sc, A_RPC_VERSION))
		return reject(sc, r,
		    "Service %s missing attribute rpc_version - DISABLING",
		    sc->id);
	if (sc->type & SVC_T_UNLISTED) {
		if (!conf_given(sc, A_RPC_NUMBER))
			return reject(sc, r,
			    "Service %s missing attribute rpc_number - DISABLING",
			    sc->id);
	} else if ((re = getrpcbyname(sc->name)) != NULL) {
		sc->rpc_number = re->r_number;
	} else {
		return reject(sc, r, "unknown RPC service: %s", sc->name);
	}
	/* TCP wrappers cannot see the peers of an RPC stream (reference 2.1). */
	if (sc->socket_type == SOCK_STREAM)
		sc->flags |= SVC_F_NOLIBWRAP;
	sc->port = 0;
	return true;
}

static bool check_redirect(struct svc_conf *sc, const struct conf_report *r)
{
	if (!conf_given(sc, A_REDIRECT))
		return true;
	if (sc->socket_type != SOCK_STREAM)
		return reject(sc, r,
		    "Only tcp sockets are supported for redirected service %s",
		    sc->name);
	if (sc->wait)
		return reject(sc, r, "Redirected service %s must not wait",
		    sc->name);
	if (sc->flags & SVC_F_NAMEINARGS)
		return reject(sc, r,
		    "Redirected service %s should not have NAMEINARGS flag set",
		    sc->name);
	return true;
}

/*
 * What this version cannot do is refused at load time, so an admin sees
 * the reason instead of a dead port; flags that would change who may
 * connect are refused rather than ignored (fail closed).
 */
static bool check_supported(struct svc_conf *sc, const struct conf_report *r)
{
	static const struct {
		unsigned flag;
		const char *name;
	} unsupported[] = {
		{ SVC_F_LABELED, "LABELED" },
	};

	/* INTERCEPT is cleared where xinetd clears it (reference 1.7). */
	if ((sc->flags & SVC_F_INTERCEPT) && (sc->type & SVC_T_INTERNAL)) {
		conf_reportf(r, LOG_ERR, sc->file, sc->line,
		    "Internal services cannot be intercepted: %s ", sc->id);
		sc->flags &= ~(unsigned)SVC_F_INTERCEPT;
	}
	if ((sc->flags & SVC_F_INTERCEPT) && !sc->wait) {
		conf_reportf(r, LOG_ERR, sc->file, sc->line,
		    "Multi-threaded services cannot be intercepted: %s ",
		    sc->id);
		sc->flags &= ~(unsigned)SVC_F_INTERCEPT;
	}
	if (sc->flags & SVC_F_INTERCEPT)
		return reject(sc, r,
		    "Service %s: flag INTERCEPT is not supported by this version of xinetd-ng - DISABLING",
		    sc->id);
	for (size_t i = 0; i < sizeof(unsupported) / sizeof(unsupported[0]);
	    i++) {
		if (sc->flags & unsupported[i].flag)
			return reject(sc, r,
			    "Service %s: flag %s is not supported by this version of xinetd-ng - DISABLING",
			    sc->id, unsupported[i].name);
	}
	return true;
}

/*
 * 2.3.15.3 accepted dgram + wait = no and then spun at 100 % CPU on the
 * closed socket (reference 4.3, 10.1); 2.3.15.4 refuses it, and so do we.
 */
static bool check_wait(struct svc_conf *sc, const struct conf_report *r)
{
	if (!sc->wait && !(sc->type & SVC_T_INTERNAL) &&
	    (sc->socket_type == SOCK_DGRAM || sc->socket_type == SOCK_RAW))
		return reject(sc, r,
		    "Service %s has socket_type %s, but does not wait",
		    sc->name, socket_type_name(sc->socket_type));
	return true;
}

static bool check_flags(struct svc_conf *sc, const struct conf_report *r)
{
	if ((sc->flags & SVC_F_IPV4) && (sc->flags & SVC_F_IPV6)) {
		conf_reportf(r, LOG_INFO, sc->file, sc->line,
		    "Service %s will use IPv6 or fallback to IPv4", sc->name);
		sc->flags &= ~(unsigned)SVC_F_IPV4;
	}
	if ((sc->log_on_success & LOG_S_TRAFFIC) &&
	    !conf_given(sc, A_REDIRECT))
		return reject(sc, r,
		    "Service %s should not have TRAFFIC flag set since its not redirected",
		    sc->name);
	return true;
}

/*
 * bind/interface: a literal decides the family; a name with both kinds of
 * address gives IPv4 unless the IPv6 flag asks otherwise, which is what
 * xinetd's resolver did with "interface = localhost" (reference 12, #68).
 */
static bool resolve_bind(struct svc_conf *sc, const struct conf_report *r)
{
	struct addrinfo hints = { .ai_flags = AI_PASSIVE }, *res, *ai;
	struct addrinfo *pick = NULL;
	int e;

	if (sc->bind == NULL)
		return true;
	if (sc->flags & SVC_F_IPV4)
		hints.ai_family = AF_INET;
	hints.ai_socktype = sc->socket_type;
	e = getaddrinfo(sc->bind, NULL, &hints, &res);
	if (e != 0)
		return reject(sc, r,
		    "bad address: %s (%s) - DISABLING", sc->bind,
		    gai_strerror(e));
	int want = (sc->flags & SVC_F_IPV6) ? AF_INET6 : AF_INET;
	for (ai = res; ai != NULL; ai = ai->ai_next)
		if (pick == NULL || (ai->ai_family == want &&
		    pick->ai_family != want))
			pick = ai;
	memcpy(&sc->bind_addr, pick->ai_addr, pick->ai_addrlen);
	sc->bind_len = pick->ai_addrlen;
	freeaddrinfo(res);
	return true;
}

/* passenv names the daemon's environment lacks pass nothing (reference 2). */
static void check_passenv(const struct svc_conf *sc,
    const struct conf_report *r)
{
	for (size_t i = 0; i < sc->passenv.n; i++)
		if (getenv(sc->passenv.v[i]) == NULL)
			conf_reportf(r, LOG_WARNING, sc->file, sc->line,
			    "undefined environment variable: %s",
			    sc->passenv.v[i]);
}

/*
 * A wait = yes stream server accepts for itself: the daemon never sees the
 * client, so address lists and per_source cannot be applied. Said, so an
 * admin does not rely on them.
 */
static void warn_unenforced(const struct svc_conf *sc,
    const struct conf_report *r)
{
	char what[64] = "";

	if (!sc->wait || (sc->type & SVC_T_INTERNAL) ||
	    (sc->socket_type != SOCK_STREAM &&
	    sc->socket_type != SOCK_SEQPACKET))
		return;
	if (sc->only_from_set)
		strcat(what, " only_from");
	if (sc->no_access_set)
		strcat(what, " no_access");
	if (sc->per_source != LIMIT_UNLIMITED)
		strcat(what, " per_source");
	if (what[0] != '\0')
		conf_reportf(r, LOG_WARNING, sc->file, sc->line,
		    "Service %s: a wait = yes stream server accepts its own connections, so these cannot be enforced:%s",
		    sc->id, what);
}

/*
 * Paths inside the chroot are read through the real root, so a symbolic
 * link there may mislead: these are warnings, decided again by each
 * server (FAIL chroot, private_tmp, or the execv error).
 */
static void check_chroot_paths(const struct svc_conf *sc,
    const struct conf_report *r)
{
	struct stat st;
	char *path;

	if (sc->server != NULL) {
		path = xasprintf("%s/%s", sc->chroot, sc->server);
		if (access(path, X_OK) != 0)
			conf_reportf(r, LOG_WARNING, sc->file, sc->line,
			    "Service %s: server %s is not executable inside chroot %s: %s",
			    sc->id, sc->server, sc->chroot, strerror(errno));
		free(path);
	}
	if (sc->private_tmp > 0) {
		path = xasprintf("%s/tmp", sc->chroot);
		if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
			conf_reportf(r, LOG_WARNING, sc->file, sc->line,
			    "Service %s: private_tmp needs a directory %s to mount on",
			    sc->id, path);
		free(path);
	}
}

/*
 * The sandbox (extensions, xinetd.conf.5): two open-files limits are
 * refused rather than one chosen; what would make every server fail is
 * a warning, as the files or the daemon's user may change before then.
 */
static bool check_sandbox(struct svc_conf *sc, const struct conf_report *r)
{
	bool tcpmux = (sc->type & (SVC_T_TCPMUX | SVC_T_TCPMUXPLUS)) ||
	    ((sc->type & SVC_T_INTERNAL) &&
	    strcasecmp(sc->name, "tcpmux") == 0);

	if (!conf_sandboxed(sc))
		return true;
	if (sc->rlim[RL_FILES].set && sc->rlim[RL_NOFILE].set)
		return reject(sc, r,
		    "Service %s: rlimit_files and rlimit_nofile both set the open-files limit - DISABLING",
		    sc->id);
	/* Their servers run in the tcpmux child, out of the daemon's sight. */
	if (tcpmux)
		return reject(sc, r,
		    "Service %s: the sandbox attributes are not supported with tcpmux - DISABLING",
		    sc->id);
	if (sc->chroot != NULL && sc->server != NULL && sc->uid == 0)
		conf_reportf(r, LOG_WARNING, sc->file, sc->line,
		    "Service %s: its server runs as root, which can leave the chroot",
		    sc->id);
	if (sc->chroot != NULL)
		check_chroot_paths(sc, r);
	if ((sc->chroot != NULL || sc->private_tmp > 0) && geteuid() != 0)
		conf_reportf(r, LOG_WARNING, sc->file, sc->line,
		    "Service %s: chroot and private_tmp need a daemon running as root, not uid %u: its servers will fail",
		    sc->id, (unsigned)geteuid());
	return true;
}

bool conf_validate(struct svc_conf *sc, const struct conf_report *r)
{
	check_passenv(sc, r);
#ifndef HAVE_LIBWRAP
	/* hosts.allow/deny rules would silently protect nothing. */
	if (conf_given(sc, A_LIBWRAP))
		conf_reportf(r, LOG_WARNING, sc->file, sc->line,
		    "Service %s: libwrap is set but this build of xinetd-ng has no TCP wrappers support",
		    sc->id);
#endif
	if (!infer_protocol(sc, r) || !check_required(sc, r))
		return false;
	if ((sc->flags & SVC_F_NAMEINARGS) && sc->server_args.n == 0)
		return reject(sc, r,
		    "Service %s has NAMEINARGS flag set and no server_args",
		    sc->id);
	if (!check_internal(sc, r) || !check_redirect(sc, r) ||
	    !check_rpc(sc, r) ||
	    !check_wait(sc, r) || !check_flags(sc, r) || !check_port(sc, r))
		return false;
	/* Our own ident look-ups would ask ourselves (reference 3). */
	if (sc->port == 113 && (sc->log_on_success & LOG_S_USERID) &&
	    sc->socket_type == SOCK_STREAM) {
		conf_reportf(r, LOG_WARNING, sc->file, sc->line,
		    "%s service: clearing USERID option from log_on_success",
		    sc->id);
		sc->log_on_success &= ~(unsigned)LOG_S_USERID;
	}
	if (!check_supported(sc, r) || !resolve_bind(sc, r) ||
	    !check_sandbox(sc, r))
		return false;
	warn_unenforced(sc, r);
	return true;
}
