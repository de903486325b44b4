/*
 * validate.c: turn a parsed entry into a service that can run, or say in
 * one message why it cannot (reference sections 1.6-1.8 and 3).
 */
#include "config.h"

#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <syslog.h>

#include "conf/attrs.h"
#include "conf/internal.h"

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

void conf_snapshot_defaults(struct svc_conf *sc, const struct svc_conf *def)
{
	sc->log_on_success = def->log_on_success;
	sc->log_on_failure = def->log_on_failure;
	strvec_copy(&sc->passenv, &def->passenv);
}

static bool given(const struct svc_conf *sc, enum attr_id a)
{
	return (sc->specified & ABIT(a)) != 0;
}

void conf_fill_defaults(struct svc_conf *sc, const struct svc_conf *def)
{
	if (!given(sc, A_LOG_TYPE) && given(def, A_LOG_TYPE)) {
		sc->log = def->log;
		sc->log.path = def->log.path ? xstrdup(def->log.path) : NULL;
	}
	if (!given(sc, A_LOG_ON_SUCCESS))
		sc->log_on_success = def->log_on_success;
	if (!given(sc, A_LOG_ON_FAILURE))
		sc->log_on_failure = def->log_on_failure;
	if (!given(sc, A_INSTANCES))
		sc->instances = def->instances;
	if (!given(sc, A_PER_SOURCE))
		sc->per_source = def->per_source;
	if (!given(sc, A_GROUPS))
		sc->groups = def->groups;
	if (!given(sc, A_UMASK) && given(def, A_UMASK)) {
		sc->umask = def->umask;
		sc->specified |= ABIT(A_UMASK);
	}
	/* passenv from defaults counts as "given" for the environment rule. */
	if (!given(sc, A_PASSENV) && given(def, A_PASSENV)) {
		strvec_copy(&sc->passenv, &def->passenv);
		sc->specified |= ABIT(A_PASSENV);
	}
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
	struct protoent *pe;

	if (sc->socket_type == 0 && sc->protocol != NULL) {
		if (strcasecmp(sc->protocol, "tcp") == 0)
			sc->socket_type = SOCK_STREAM;
		else if (strcasecmp(sc->protocol, "udp") == 0)
			sc->socket_type = SOCK_DGRAM;
	}
	if (sc->socket_type == 0) {
		conf_reportf(r, LOG_ERR, sc->file, sc->line,
		    "Service %s missing attribute socket_type - DISABLING",
		    sc->id);
		return false;
	}
	if (sc->protocol == NULL) {
		const char *p = sc->socket_type == SOCK_STREAM ? "tcp" :
		    sc->socket_type == SOCK_DGRAM ? "udp" : NULL;
		if (p == NULL || (pe = getprotobyname(p)) == NULL) {
			conf_reportf(r, LOG_ERR, sc->file, sc->line,
			    "Service %s missing attribute protocol - DISABLING",
			    sc->id);
			return false;
		}
		sc->protocol = xstrdup(p);
		sc->proto_num = pe->p_proto;
	}
	return true;
}

static bool check_required(struct svc_conf *sc, const struct conf_report *r)
{
	static const struct {
		enum attr_id a;
		bool external_only;
	} req[] = {
		{ A_WAIT, false }, { A_USER, true }, { A_SERVER, true },
	};

	for (size_t i = 0; i < sizeof(req) / sizeof(req[0]); i++) {
		if (req[i].external_only && (sc->type & SVC_T_INTERNAL))
			continue;
		if (!given(sc, req[i].a)) {
			conf_reportf(r, LOG_ERR, sc->file, sc->line,
			    "Service %s missing attribute %s - DISABLING",
			    sc->id, attr_name(req[i].a));
			return false;
		}
	}
	return true;
}

/* The port rules of reference section 3. */
static bool check_port(struct svc_conf *sc, const struct conf_report *r)
{
	struct servent *se;

	if (sc->type & SVC_T_UNLISTED) {
		if (sc->port < 0) {
			conf_reportf(r, LOG_ERR, sc->file, sc->line,
			    "Unlisted service: %s must have a port entry",
			    sc->name);
			return false;
		}
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
	if (sc->port >= 0 && sc->port != listed) {
		conf_reportf(r, LOG_ERR, sc->file, sc->line,
		    "Service %s expects port %d, not %d", sc->name, listed,
		    sc->port);
		return false;
	}
	sc->port = listed;
	return true;
}

/*
 * Kinds of service whose dispatcher does not exist yet are refused here, so
 * an admin sees the reason at load time instead of a dead port.
 */
static bool check_supported(struct svc_conf *sc, const struct conf_report *r)
{
	if (sc->type & SVC_T_INTERNAL) {
		conf_reportf(r, LOG_ERR, sc->file, sc->line,
		    "No such internal service: %s/%s - DISABLING", sc->name,
		    socket_type_name(sc->socket_type));
		return false;
	}
	if (sc->type & (SVC_T_RPC | SVC_T_TCPMUX | SVC_T_TCPMUXPLUS)) {
		conf_reportf(r, LOG_ERR, sc->file, sc->line,
		    "Service %s: RPC and TCPMUX services are not supported by this version of xinetd-ng - DISABLING",
		    sc->id);
		return false;
	}
	if (sc->socket_type != SOCK_STREAM || sc->wait) {
		conf_reportf(r, LOG_ERR, sc->file, sc->line,
		    "Service %s: only socket_type stream with wait = no is supported by this version of xinetd-ng - DISABLING",
		    sc->id);
		return false;
	}
	return true;
}

bool conf_validate(struct svc_conf *sc, const struct conf_report *r)
{
	if (!infer_protocol(sc, r) || !check_required(sc, r))
		return false;
	if ((sc->flags & SVC_F_NAMEINARGS) && sc->server_args.n == 0) {
		conf_reportf(r, LOG_ERR, sc->file, sc->line,
		    "Service %s has NAMEINARGS flag set and no server_args",
		    sc->id);
		return false;
	}
	if (!check_port(sc, r))
		return false;
	return check_supported(sc, r);
}
