/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * attrs.c: one small parse function and one dump function per attribute,
 * and the table that ties names to them. Messages keep xinetd's wording
 * where log watchers may grep for it (reference 1.7 and 2); the location
 * is added by the caller's report function.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include "conf/attrs.h"

struct name_val {
	const char *name;
	int val;
};

static const struct name_val types[] = {
	{ "RPC", SVC_T_RPC }, { "INTERNAL", SVC_T_INTERNAL },
	{ "UNLISTED", SVC_T_UNLISTED }, { "TCPMUX", SVC_T_TCPMUX },
	{ "TCPMUXPLUS", SVC_T_TCPMUXPLUS }, { "SPECIAL", SVC_T_SPECIAL },
	{ NULL, 0 }
};

static const struct name_val flags[] = {
	{ "REUSE", SVC_F_REUSE }, { "INTERCEPT", SVC_F_INTERCEPT },
	{ "NORETRY", SVC_F_NORETRY }, { "IDONLY", SVC_F_IDONLY },
	{ "NAMEINARGS", SVC_F_NAMEINARGS }, { "NODELAY", SVC_F_NODELAY },
	{ "KEEPALIVE", SVC_F_KEEPALIVE }, { "NOLIBWRAP", SVC_F_NOLIBWRAP },
	{ "SENSOR", SVC_F_SENSOR }, { "IPv4", SVC_F_IPV4 },
	{ "IPv6", SVC_F_IPV6 }, { "LABELED", SVC_F_LABELED },
	{ NULL, 0 }
};

/* In the order xinetd lists them in its dump. */
static const struct name_val log_success[] = {
	{ "HOST", LOG_S_HOST }, { "DURATION", LOG_S_DURATION },
	{ "EXIT", LOG_S_EXIT }, { "PID", LOG_S_PID },
	{ "USERID", LOG_S_USERID }, { "TRAFFIC", LOG_S_TRAFFIC },
	{ NULL, 0 }
};

static const struct name_val log_failure[] = {
	{ "HOST", LOG_F_HOST }, { "ATTEMPT", LOG_F_ATTEMPT },
	{ "USERID", LOG_F_USERID },
	{ NULL, 0 }
};

static const struct name_val socket_types[] = {
	{ "stream", SOCK_STREAM }, { "dgram", SOCK_DGRAM },
	{ "raw", SOCK_RAW }, { "seqpacket", SOCK_SEQPACKET },
	{ NULL, 0 }
};

static const struct name_val facilities[] = {
	{ "daemon", LOG_DAEMON }, { "auth", LOG_AUTH },
	{ "authpriv", LOG_AUTHPRIV }, { "user", LOG_USER },
	{ "mail", LOG_MAIL }, { "lpr", LOG_LPR }, { "news", LOG_NEWS },
	{ "uucp", LOG_UUCP }, { "ftp", LOG_FTP },
	{ "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 },
	{ "local2", LOG_LOCAL2 }, { "local3", LOG_LOCAL3 },
	{ "local4", LOG_LOCAL4 }, { "local5", LOG_LOCAL5 },
	{ "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 },
	{ NULL, 0 }
};

static const struct name_val levels[] = {
	{ "emerg", LOG_EMERG }, { "alert", LOG_ALERT }, { "crit", LOG_CRIT },
	{ "err", LOG_ERR }, { "warning", LOG_WARNING },
	{ "notice", LOG_NOTICE }, { "info", LOG_INFO }, { "debug", LOG_DEBUG },
	{ NULL, 0 }
};

/* Enumerated values are case-insensitive (reference 1.1). */
static const struct name_val *find_name(const struct name_val *t,
    const char *s)
{
	for (; t->name != NULL; t++)
		if (strcasecmp(t->name, s) == 0)
			return t;
	return NULL;
}

static const char *find_val(const struct name_val *t, int v)
{
	for (; t->name != NULL; t++)
		if (t->val == v)
			return t->name;
	return "?";
}

static const char *attr_facility_name(int facility)
{
	return find_val(facilities, facility);
}

int attr_facility_value(const char *name)
{
	const struct name_val *nv = find_name(facilities, name);

	return nv != NULL ? nv->val : -1;
}

static const char *attr_level_name(int level)
{
	return find_val(levels, level);
}

void attr_report(struct attr_ctx *c, int level, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	c->report(c->arg, level, c->file, c->line, msg);
}

static void set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s);
}

static int parse_yes_no(struct attr_ctx *c, const char *what, bool *out)
{
	if (strcasecmp(c->v[0], "yes") == 0)
		*out = true;
	else if (strcasecmp(c->v[0], "no") == 0)
		*out = false;
	else {
		attr_report(c, LOG_ERR, "Bad value for %s: %s", what, c->v[0]);
		return -1;
	}
	return 0;
}

/* OR every value's bit into *bits; used by type, flags and log options. */
static int parse_bit_list(struct attr_ctx *c, const struct name_val *t,
    const char *what, unsigned *bits)
{
	unsigned acc = 0;

	for (int i = 0; i < c->n; i++) {
		const struct name_val *nv = find_name(t, c->v[i]);
		if (nv == NULL) {
			attr_report(c, LOG_ERR, "%s: %s", what, c->v[i]);
			return -1;
		}
		acc |= (unsigned)nv->val;
	}
	*bits = acc;
	return 0;
}

/*
 * The list operators (reference 1.4): '=' replaces in a service but adds in
 * defaults, '+=' adds, '-=' removes.
 */
static void apply_bits(struct attr_ctx *c, unsigned *field, unsigned bits)
{
	if (c->op == OP_SUB)
		*field &= ~bits;
	else if (c->op == OP_ADD || c->in_defaults)
		*field |= bits;
	else
		*field = bits;
}

static int p_id(struct attr_ctx *c)
{
	set_str(&c->sc->id, c->v[0]);
	return 0;
}

static int p_type(struct attr_ctx *c)
{
	return parse_bit_list(c, types, "Bad service type", &c->sc->type);
}

static int p_flags(struct attr_ctx *c)
{
	return parse_bit_list(c, flags, "Bad service flag", &c->sc->flags);
}

static int p_disable(struct attr_ctx *c)
{
	return parse_yes_no(c, "disable", &c->sc->disable);
}

static int p_socket_type(struct attr_ctx *c)
{
	const struct name_val *nv = find_name(socket_types, c->v[0]);

	if (nv == NULL) {
		attr_report(c, LOG_ERR, "Bad socket type: %s", c->v[0]);
		return -1;
	}
	c->sc->socket_type = nv->val;
	return 0;
}

/*
 * A configuration names the same user and protocol for service after
 * service, and the C library reads /etc/passwd or /etc/protocols anew for
 * each look-up: 10,000 services made 20,000 file reads, a third of the
 * start-up. The last answer of each is kept for the load under way.
 */
static struct {
	char *name;
	int num;
} last_proto;
static struct {
	char *name;
	bool found;
	uid_t uid;
	gid_t gid;
	char *pw_name;
} last_user;

void attr_lookups_forget(void)
{
	free(last_proto.name);
	free(last_user.name);
	free(last_user.pw_name);
	memset(&last_proto, 0, sizeof(last_proto));
	memset(&last_user, 0, sizeof(last_user));
}

int attr_protocol_number(const char *name)
{
	struct protoent *pe;

	if (last_proto.name != NULL && strcmp(last_proto.name, name) == 0)
		return last_proto.num;
	pe = getprotobyname(name);
	free(last_proto.name);
	last_proto.name = xstrdup(name);
	last_proto.num = pe != NULL ? pe->p_proto : -1;
	return last_proto.num;
}

/* getpwnam, remembered as above: false if there is no such user. */
static bool user_by_name(const char *name)
{
	struct passwd *pw;

	if (last_user.name != NULL && strcmp(last_user.name, name) == 0)
		return last_user.found;
	pw = getpwnam(name);
	free(last_user.name);
	free(last_user.pw_name);
	last_user.name = xstrdup(name);
	last_user.found = pw != NULL;
	last_user.uid = pw != NULL ? pw->pw_uid : 0;
	last_user.gid = pw != NULL ? pw->pw_gid : 0;
	last_user.pw_name = pw != NULL ? xstrdup(pw->pw_name) : NULL;
	return last_user.found;
}

static int p_protocol(struct attr_ctx *c)
{
	int num = attr_protocol_number(c->v[0]);

	if (num < 0) {
		attr_report(c, LOG_ERR, "Protocol %s not in /etc/protocols",
		    c->v[0]);
		return -1;
	}
	set_str(&c->sc->protocol, c->v[0]);
	c->sc->proto_num = num;
	return 0;
}

static int p_wait(struct attr_ctx *c)
{
	return parse_yes_no(c, "wait", &c->sc->wait);
}

/* A numeric user needs no passwd entry (reference 2, user). */
static int p_user(struct attr_ctx *c)
{
	struct svc_conf *sc = c->sc;
	struct passwd *pw;
	long v;

	if (!all_digits(c->v[0])) {
		if (!user_by_name(c->v[0])) {
			attr_report(c, LOG_ERR, "Unknown user: %s", c->v[0]);
			return -1;
		}
		sc->uid = last_user.uid;
		sc->user_known = true;
		sc->user_gid = last_user.gid;
		set_str(&sc->user, last_user.pw_name);
		return 0;
	}
	if (!parse_long(c->v[0], 0, (long)(uid_t)-2, &v)) {
		attr_report(c, LOG_ERR, "Unknown user: %s", c->v[0]);
		return -1;
	}
	sc->uid = (uid_t)v;
	pw = getpwuid(sc->uid);
	sc->user_known = pw != NULL;
	sc->user_gid = pw != NULL ? pw->pw_gid : (gid_t)sc->uid;
	set_str(&sc->user, pw != NULL ? pw->pw_name : c->v[0]);
	return 0;
}

static int p_group(struct attr_ctx *c)
{
	struct group *gr;
	long v;

	if (all_digits(c->v[0])) {
		if (!parse_long(c->v[0], 0, (long)(gid_t)-2, &v)) {
			attr_report(c, LOG_ERR, "Unknown group: %s", c->v[0]);
			return -1;
		}
		c->sc->gid = (gid_t)v;
	} else {
		gr = getgrnam(c->v[0]);
		if (gr == NULL) {
			attr_report(c, LOG_ERR, "Unknown group: %s", c->v[0]);
			return -1;
		}
		c->sc->gid = gr->gr_gid;
	}
	set_str(&c->sc->group, c->v[0]);
	return 0;
}

static int p_groups(struct attr_ctx *c)
{
	return parse_yes_no(c, "groups", &c->sc->groups);
}

static int parse_limit(struct attr_ctx *c, const char *what, long *out)
{
	if (strcasecmp(c->v[0], "UNLIMITED") == 0) {
		*out = LIMIT_UNLIMITED;
		return 0;
	}
	if (!parse_long(c->v[0], 0, 1000000000L, out)) {
		attr_report(c, LOG_ERR, "Bad %s value: %s", what, c->v[0]);
		return -1;
	}
	return 0;
}

static int p_instances(struct attr_ctx *c)
{
	return parse_limit(c, "instances", &c->sc->instances);
}

static int p_per_source(struct attr_ctx *c)
{
	return parse_limit(c, "per_source", &c->sc->per_source);
}

static int p_nice(struct attr_ctx *c)
{
	long v;

	/* The kernel clamps to [-20, 19]; accept what xinetd accepted. */
	if (!parse_long(c->v[0], -1000, 1000, &v)) {
		attr_report(c, LOG_ERR, "Bad nice value: %s", c->v[0]);
		return -1;
	}
	c->sc->nice = (int)v;
	return 0;
}

/*
 * The server must be executable for the daemon's real uid (reference 2).
 * Under chroot the path is one inside that directory, which validation
 * looks at; a path the real root lacks is decided at the end of the
 * entry, since a chroot line may still follow (attr_entry_end).
 */
static int p_server(struct attr_ctx *c)
{
	struct svc_conf *sc = c->sc;

	sc->server_pending_line = 0;
	if (sc->chroot == NULL && access(c->v[0], X_OK) != 0) {
		if (errno != ENOENT && errno != ENOTDIR) {
			attr_report(c, LOG_ERR, "Server %s is not executable",
			    c->v[0]);
			return -1;
		}
		sc->server_pending_line = c->line;
	}
	set_str(&sc->server, c->v[0]);
	return 0;
}

bool attr_entry_end(struct svc_conf *sc,
    void (*report)(void *arg, int level, const char *file, unsigned line,
    const char *msg), void *arg, unsigned *line)
{
	char msg[1024];

	*line = sc->server_pending_line;
	sc->server_pending_line = 0;
	if (*line == 0 || sc->chroot != NULL)
		return true;
	snprintf(msg, sizeof(msg), "Server %s is not executable", sc->server);
	report(arg, LOG_ERR, sc->file, *line, msg);
	return false;
}

static int p_server_args(struct attr_ctx *c)
{
	strvec_clear(&c->sc->server_args);
	for (int i = 0; i < c->n; i++)
		strvec_push(&c->sc->server_args, c->v[i]);
	return 0;
}

static int p_port(struct attr_ctx *c)
{
	long v;

	if (!parse_long(c->v[0], 0, 65535, &v)) {
		attr_report(c, LOG_ERR, "port number is invalid");
		return -1;
	}
	c->sc->port = (int)v;
	return 0;
}

static int p_umask(struct attr_ctx *c)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(c->v[0], &end, 8);
	if (errno != 0 || *end != '\0' || end == c->v[0] || v < 0 ||
	    v > 0777) {
		attr_report(c, LOG_ERR, "umask argument is invalid.");
		return -1;
	}
	c->sc->umask = (mode_t)v;
	return 0;
}

/*
 * log_type = SYSLOG facility [level] | FILE path [soft [hard]]
 * (reference 2, log_type). The hard limit defaults to soft + 1 %, clamped
 * to [5 KiB, 20 KiB] above it.
 */
static bool parse_size(const char *s, bool suffix_ok, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!isdigit((unsigned char)s[0]))
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return false;
	unsigned long long unit = 1;
	if (suffix_ok && (*end == 'k' || *end == 'K')) {
		unit = 1024;
		end++;
	} else if (suffix_ok && (*end == 'm' || *end == 'M')) {
		unit = 1024 * 1024;
		end++;
	}
	/* A value that wraps would become a tiny limit: refuse it. */
	if (*end != '\0' || v > UINT64_MAX / unit)
		return false;
	v *= unit;
	*out = v;
	return true;
}

/* log_type SYSLOG facility [level] (reference 2) */
static int log_type_syslog(struct attr_ctx *c, struct log_target *lt)
{
	const struct name_val *nv;

	if (c->n < 2 || c->n > 3) {
		attr_report(c, LOG_ERR,
		    "log_type SYSLOG needs a facility and an optional level");
		return -1;
	}
	nv = find_name(facilities, c->v[1]);
	if (nv == NULL) {
		attr_report(c, LOG_ERR, "Bad syslog facility: %s", c->v[1]);
		return -1;
	}
	lt->facility = nv->val;
	lt->level = LOG_INFO;
	if (c->n == 3) {
		nv = find_name(levels, c->v[2]);
		if (nv == NULL) {
			attr_report(c, LOG_ERR, "Bad syslog level: %s",
			    c->v[2]);
			return -1;
		}
		lt->level = nv->val;
	}
	lt->kind = LOGT_SYSLOG;
	return 0;
}

/*
 * log_type FILE path [soft [hard]]: a soft limit alone gets a hard one
 * 1 % above it, at least 5 KiB and at most 20 KiB (reference 2).
 */
static int log_type_file(struct attr_ctx *c, struct log_target *lt)
{
	uint64_t soft = 0, hard = 0;

	if (c->n < 2) {
		attr_report(c, LOG_ERR, "log_type FILE needs a path");
		return -1;
	}
	if (c->n >= 3 && !parse_size(c->v[2], true, &soft)) {
		attr_report(c, LOG_ERR, "Bad soft limit: %s", c->v[2]);
		return -1;
	}
	if (c->n == 4 && !parse_size(c->v[3], true, &hard)) {
		attr_report(c, LOG_ERR, "Bad hard limit: %s", c->v[3]);
		return -1;
	}
	if (c->n >= 3 && c->n < 4) {
		uint64_t slack = soft / 100;
		slack = slack < 5 * 1024 ? 5 * 1024 : slack;
		slack = slack > 20 * 1024 ? 20 * 1024 : slack;
		hard = soft + slack;
	}
	if (hard != 0 && hard < soft) {
		attr_report(c, LOG_ERR, "hard limit %s is below the soft limit",
		    c->v[3]);
		return -1;
	}
	lt->kind = LOGT_FILE;
	set_str(&lt->path, c->v[1]);
	lt->soft = soft;
	lt->hard = hard;
	return 0;
}

static int p_log_type(struct attr_ctx *c)
{
	if (strcasecmp(c->v[0], "SYSLOG") == 0)
		return log_type_syslog(c, &c->sc->log);
	if (strcasecmp(c->v[0], "FILE") == 0)
		return log_type_file(c, &c->sc->log);
	attr_report(c, LOG_ERR, "Bad log_type: %s", c->v[0]);
	return -1;
}

static int p_log_on_success(struct attr_ctx *c)
{
	unsigned bits;

	if (parse_bit_list(c, log_success, "Bad log_on_success flag",
	    &bits) < 0)
		return -1;
	apply_bits(c, &c->sc->log_on_success, bits);
	return 0;
}

static int p_log_on_failure(struct attr_ctx *c)
{
	unsigned bits;

	if (parse_bit_list(c, log_failure, "Bad log_on_failure flag",
	    &bits) < 0)
		return -1;
	apply_bits(c, &c->sc->log_on_failure, bits);
	return 0;
}

/* Same list semantics as apply_bits, for string lists. */
static void apply_strings(struct attr_ctx *c, struct strvec *sv)
{
	if (c->op == OP_SET && !c->in_defaults)
		strvec_clear(sv);
	for (int i = 0; i < c->n; i++) {
		size_t j;
		for (j = 0; j < sv->n; j++)
			if (strcmp(sv->v[j], c->v[i]) == 0)
				break;
		if (c->op == OP_SUB) {
			if (j < sv->n) {
				free(sv->v[j]);
				memmove(&sv->v[j], &sv->v[j + 1],
				    (sv->n - j) * sizeof(*sv->v));
				sv->n--;
			}
		} else if (j == sv->n) {
			strvec_push(sv, c->v[i]);
		}
	}
}

static int p_env(struct attr_ctx *c)
{
	for (int i = 0; i < c->n; i++) {
		if (strchr(c->v[i], '=') == NULL) {
			attr_report(c, LOG_ERR, "%s has no '='", c->v[i]);
			return -1;
		}
	}
	if (c->op == OP_SET)
		strvec_clear(&c->sc->env);
	for (int i = 0; i < c->n; i++)
		strvec_push(&c->sc->env, c->v[i]);
	return 0;
}

static int p_passenv(struct attr_ctx *c)
{
	apply_strings(c, &c->sc->passenv);
	return 0;
}

static int p_enabled(struct attr_ctx *c)
{
	c->op = OP_ADD;
	apply_strings(c, &c->sc->enabled);
	return 0;
}

static int p_disabled(struct attr_ctx *c)
{
	c->op = OP_ADD;
	apply_strings(c, &c->sc->disabled);
	return 0;
}

/*
 * rlimit values: bytes with an optional K/M suffix, or UNLIMITED; the CPU
 * limit is plain seconds (reference 2, rlimit_*).
 */
static int parse_rlimit(struct attr_ctx *c, enum rlim_index idx,
    const char *what, bool suffix_ok)
{
	uint64_t v;

	if (strcasecmp(c->v[0], "UNLIMITED") == 0) {
		c->sc->rlim[idx].value = RLIM_INFINITY;
	} else if (parse_size(c->v[0], suffix_ok, &v)) {
		c->sc->rlim[idx].value = (rlim_t)v;
	} else {
		attr_report(c, LOG_ERR, "%s limit is invalid: %s", what,
		    c->v[0]);
		return -1;
	}
	c->sc->rlim[idx].set = true;
	return 0;
}

static int p_rlimit_as(struct attr_ctx *c)
{
	return parse_rlimit(c, RL_AS, "Address space", true);
}

static int p_rlimit_cpu(struct attr_ctx *c)
{
	return parse_rlimit(c, RL_CPU, "CPU", false);
}

static int p_rlimit_data(struct attr_ctx *c)
{
	return parse_rlimit(c, RL_DATA, "Data", true);
}

static int p_rlimit_rss(struct attr_ctx *c)
{
	return parse_rlimit(c, RL_RSS, "RSS", true);
}

static int p_rlimit_stack(struct attr_ctx *c)
{
	return parse_rlimit(c, RL_STACK, "Stack", true);
}

static int p_rlimit_files(struct attr_ctx *c)
{
	return parse_rlimit(c, RL_FILES, "Max open files", true);
}

/* The extensions take the same forms, K and M included. */
static int p_rlimit_nproc(struct attr_ctx *c)
{
	return parse_rlimit(c, RL_NPROC, "Process", true);
}

static int p_rlimit_fsize(struct attr_ctx *c)
{
	return parse_rlimit(c, RL_FSIZE, "File size", true);
}

static int p_rlimit_core(struct attr_ctx *c)
{
	return parse_rlimit(c, RL_CORE, "Core file size", true);
}

static int p_rlimit_nofile(struct attr_ctx *c)
{
	return parse_rlimit(c, RL_NOFILE, "Open files", true);
}

/*
 * chroot = DIR: an absolute path to a directory that exists when the
 * configuration is read. A missing one is an error for this service
 * only; one removed later makes each of its servers fail (FAIL chroot).
 */
static int p_chroot(struct attr_ctx *c)
{
	struct stat st;

	if (c->v[0][0] != '/') {
		attr_report(c, LOG_ERR,
		    "chroot directory %s is not an absolute path", c->v[0]);
		return -1;
	}
	if (stat(c->v[0], &st) != 0) {
		attr_report(c, LOG_ERR, "chroot directory %s: %s", c->v[0],
		    strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		attr_report(c, LOG_ERR,
		    "chroot directory %s is not a directory", c->v[0]);
		return -1;
	}
	set_str(&c->sc->chroot, c->v[0]);
	return 0;
}

/* Seconds, up to about three years; 0 is no limit. */
#define MAX_DURATION_MAX 100000000L

static int p_max_duration(struct attr_ctx *c)
{
	if (!parse_long(c->v[0], 0, MAX_DURATION_MAX, &c->sc->max_duration)) {
		attr_report(c, LOG_ERR, "Bad max_duration value: %s", c->v[0]);
		return -1;
	}
	return 0;
}

static int p_no_new_privs(struct attr_ctx *c)
{
	return parse_yes_no(c, "no_new_privs", &c->sc->no_new_privs);
}

/* Below this a tmpfs is too small to be of use. */
#define PRIVATE_TMP_MIN_SIZE (UINT64_C(64) * 1024)

/* private_tmp = yes | no | size: a size (K or M) is yes with that size. */
static int p_private_tmp(struct attr_ctx *c)
{
	uint64_t size;

	if (strcasecmp(c->v[0], "yes") == 0)
		size = PRIVATE_TMP_DEFAULT_SIZE;
	else if (strcasecmp(c->v[0], "no") == 0)
		size = 0;
	else if (!parse_size(c->v[0], true, &size) ||
	    size < PRIVATE_TMP_MIN_SIZE) {
		attr_report(c, LOG_ERR, "Bad private_tmp value: %s", c->v[0]);
		return -1;
	}
	c->sc->private_tmp = size;
	return 0;
}

/*
 * only_from / no_access: '=' replaces in a service (adds in defaults), '+='
 * adds, '-=' removes. A token nothing can parse is dropped with an error
 * but the service is kept; a comma disables it (reference 4.8).
 */
static int parse_addrs(struct attr_ctx *c, struct addrlist *l, bool *set)
{
	char err[512];

	if (c->op == OP_SET && !c->in_defaults)
		addrlist_free(l);
	*set = true;
	for (int i = 0; i < c->n; i++) {
		if (c->op == OP_SUB) {
			(void)addrlist_remove(l, c->v[i]);
			continue;
		}
		switch (addrlist_add(l, c->v[i], err, sizeof(err))) {
		case ADDR_OK:
			break;
		case ADDR_DROPPED:
			attr_report(c, LOG_ERR, "%s", err);
			break;
		case ADDR_FATAL:
			attr_report(c, LOG_ERR, "%s", err);
			return -1;
		}
	}
	return 0;
}

static int p_only_from(struct attr_ctx *c)
{
	return parse_addrs(c, &c->sc->only_from, &c->sc->only_from_set);
}

static int p_no_access(struct attr_ctx *c)
{
	return parse_addrs(c, &c->sc->no_access, &c->sc->no_access_set);
}

/* "H:M-H:M", hours 0-23, minutes 0-59, start before end (reference 2). */
static bool parse_clock(const char *s, const char **end, short *minutes)
{
	char *e;
	long h, m;

	if (!isdigit((unsigned char)*s))
		return false;
	h = strtol(s, &e, 10);
	if (*e != ':' || !isdigit((unsigned char)e[1]))
		return false;
	m = strtol(e + 1, &e, 10);
	if (h < 0 || h > 23 || m < 0 || m > 59)
		return false;
	*minutes = (short)(h * 60 + m);
	*end = e;
	return true;
}

static int p_access_times(struct attr_ctx *c)
{
	struct svc_conf *sc = c->sc;
	struct time_span *spans = xcalloc((size_t)c->n, sizeof(*spans));

	for (int i = 0; i < c->n; i++) {
		const char *p = c->v[i];
		if (!parse_clock(p, &p, &spans[i].start) || *p++ != '-' ||
		    !parse_clock(p, &p, &spans[i].end) || *p != '\0' ||
		    spans[i].start >= spans[i].end) {
			attr_report(c, LOG_ERR, "invalid time interval: %s",
			    c->v[i]);
			free(spans);
			return -1;
		}
	}
	free(sc->access_times);
	sc->access_times = spans;
	sc->n_access_times = (size_t)c->n;
	return 0;
}

static int p_cps(struct attr_ctx *c)
{
	long max, wait;

	if (!parse_long(c->v[0], 0, 1000000L, &max) ||
	    !parse_long(c->v[1], 0, 1000000L, &wait)) {
		attr_report(c, LOG_ERR, "bad cps argument: %s %s", c->v[0],
		    c->v[1]);
		return -1;
	}
	c->sc->cps_max = (unsigned)max;
	c->sc->cps_wait = (unsigned)wait;
	return 0;
}

static int p_max_load(struct attr_ctx *c)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(c->v[0], &end);
	if (errno != 0 || *end != '\0' || end == c->v[0] || !(v > 0)) {
		attr_report(c, LOG_ERR, "error parsing max_load argument");
		return -1;
	}
	c->sc->max_load = v;
	return 0;
}

/* Resolved by validation, once the IPv4/IPv6 flags are known. */
static int p_bind(struct attr_ctx *c)
{
	set_str(&c->sc->bind, c->v[0]);
	return 0;
}

static int p_v6only(struct attr_ctx *c)
{
	return parse_yes_no(c, "v6only", &c->sc->v6only);
}

/* Extension: UDP builtins answer privileged source ports (request.c). */
static int p_reply_to_low_ports(struct attr_ctx *c)
{
	return parse_yes_no(c, "reply_to_low_ports",
	    &c->sc->reply_to_low_ports);
}

static int p_banner(struct attr_ctx *c)
{
	set_str(&c->sc->banner, c->v[0]);
	return 0;
}

static int p_banner_success(struct attr_ctx *c)
{
	set_str(&c->sc->banner_success, c->v[0]);
	return 0;
}

static int p_banner_fail(struct attr_ctx *c)
{
	set_str(&c->sc->banner_fail, c->v[0]);
	return 0;
}

static int p_libwrap(struct attr_ctx *c)
{
	set_str(&c->sc->libwrap, c->v[0]);
	return 0;
}

static int p_deny_time(struct attr_ctx *c)
{
	long v;

	if (strcasecmp(c->v[0], "FOREVER") == 0)
		v = DENY_FOREVER;
	else if (strcasecmp(c->v[0], "NEVER") == 0)
		v = 0;
	else if (!parse_long(c->v[0], -1000000L, 1000000000L, &v)) {
		attr_report(c, LOG_ERR, "Error parsing: %s", c->v[0]);
		return -1;
	}
	c->sc->deny_time = v;
	return 0;
}

/*
 * redirect = host port: resolved once, at load time (reference 4.10); the
 * host is looked up as IPv4 unless it is an IPv6 literal, the port may be
 * a tcp service name.
 */
static int p_redirect(struct attr_ctx *c)
{
	struct svc_conf *sc = c->sc;
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res;
	struct servent *se;
	long port;

	if (all_digits(c->v[1])) {
		if (!parse_long(c->v[1], 1, 65535, &port)) {
			attr_report(c, LOG_ERR, "port number too large");
			return -1;
		}
	} else if ((se = getservbyname(c->v[1], "tcp")) != NULL) {
		port = ntohs((uint16_t)se->s_port);
	} else {
		attr_report(c, LOG_ERR, "port number invalid");
		return -1;
	}
	hints.ai_family = strchr(c->v[0], ':') ? AF_INET6 : AF_INET;
	if (getaddrinfo(c->v[0], NULL, &hints, &res) != 0) {
		attr_report(c, LOG_ERR, "bad address");
		return -1;
	}
	memcpy(&sc->redirect_addr, res->ai_addr, res->ai_addrlen);
	sc->redirect_len = res->ai_addrlen;
	freeaddrinfo(res);
	sockaddr_set_port(&sc->redirect_addr.sa, (unsigned)port);
	set_str(&sc->redirect_host, c->v[0]);
	set_str(&sc->redirect_port, c->v[1]);
	return 0;
}

/* rpc_version = N or N-M (reference 2). */
static int p_rpc_version(struct attr_ctx *c)
{
	char lo[32];
	const char *dash = strchr(c->v[0], '-');
	long a, b;

	if (dash == NULL) {
		if (!parse_long(c->v[0], 0, 0x7fffffffL, &a))
			goto bad;
		b = a;
	} else {
		size_t n = (size_t)(dash - c->v[0]);
		if (n == 0 || n >= sizeof(lo))
			goto bad;
		memcpy(lo, c->v[0], n);
		lo[n] = '\0';
		if (!parse_long(lo, 0, 0x7fffffffL, &a) ||
		    !parse_long(dash + 1, 0, 0x7fffffffL, &b) || b < a)
			goto bad;
	}
	c->sc->rpc_lo = a;
	c->sc->rpc_hi = b;
	return 0;
bad:
	attr_report(c, LOG_ERR, "bad version range: %s", c->v[0]);
	return -1;
}

static int p_rpc_number(struct attr_ctx *c)
{
	if (!parse_long(c->v[0], 0, 0x7fffffffL, &c->sc->rpc_number)) {
		attr_report(c, LOG_ERR, "bad rpc_number: %s", c->v[0]);
		return -1;
	}
	return 0;
}

/*
 * The dump column: one function per attribute that writes the values a
 * validated service has, in the syntax its parse function reads, so that
 * reading a dump back gives the same services (and the same dump). Values
 * inherited from defaults are written into every service. "false" leaves
 * the line out: the attribute is unset and absent means the same thing.
 */
static void push_fmt(struct strvec *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void push_fmt(struct strvec *out, const char *fmt, ...)
{
	char buf[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	strvec_push(out, buf);
}

static bool dump_given(const struct svc_conf *sc, enum attr_id a)
{
	return (sc->specified & ABIT(a)) != 0;
}

static bool push_bits(struct strvec *out, const struct name_val *t,
    unsigned bits)
{
	for (; t->name != NULL; t++)
		if (bits & (unsigned)t->val)
			strvec_push(out, t->name);
	return out->n > 0;
}

static bool push_str(struct strvec *out, const char *s)
{
	if (s == NULL)
		return false;
	strvec_push(out, s);
	return true;
}

static bool push_strvec(struct strvec *out, const struct strvec *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		strvec_push(out, sv->v[i]);
	return true;
}

static bool push_yes_no(struct strvec *out, bool v)
{
	strvec_push(out, v ? "yes" : "no");
	return true;
}

static bool push_limit(struct strvec *out, long v)
{
	if (v == LIMIT_UNLIMITED)
		strvec_push(out, "UNLIMITED");
	else
		push_fmt(out, "%ld", v);
	return true;
}

static bool d_none(const struct svc_conf *sc, struct strvec *out)
{
	(void)sc;
	(void)out;
	return false;
}

static bool d_id(const struct svc_conf *sc, struct strvec *out)
{
	return push_str(out, sc->id != NULL ? sc->id : sc->name);
}

static bool d_type(const struct svc_conf *sc, struct strvec *out)
{
	return push_bits(out, types, sc->type);
}

static bool d_flags(const struct svc_conf *sc, struct strvec *out)
{
	return push_bits(out, flags, sc->flags);
}

static bool d_socket_type(const struct svc_conf *sc, struct strvec *out)
{
	if (sc->socket_type == 0)
		return false;
	return push_str(out, find_val(socket_types, sc->socket_type));
}

static bool d_protocol(const struct svc_conf *sc, struct strvec *out)
{
	return push_str(out, sc->protocol);
}

static bool d_wait(const struct svc_conf *sc, struct strvec *out)
{
	return push_yes_no(out, sc->wait);
}

static bool d_user(const struct svc_conf *sc, struct strvec *out)
{
	return push_str(out, sc->user);
}

static bool d_group(const struct svc_conf *sc, struct strvec *out)
{
	return push_str(out, sc->group);
}

static bool d_groups(const struct svc_conf *sc, struct strvec *out)
{
	return push_yes_no(out, sc->groups);
}

static bool d_instances(const struct svc_conf *sc, struct strvec *out)
{
	return push_limit(out, sc->instances);
}

static bool d_per_source(const struct svc_conf *sc, struct strvec *out)
{
	return push_limit(out, sc->per_source);
}

static bool d_nice(const struct svc_conf *sc, struct strvec *out)
{
	if (!dump_given(sc, A_NICE))
		return false;
	push_fmt(out, "%d", sc->nice);
	return true;
}

static bool d_server(const struct svc_conf *sc, struct strvec *out)
{
	return push_str(out, sc->server);
}

static bool d_server_args(const struct svc_conf *sc, struct strvec *out)
{
	/* "server_args =" with no value is an error: leave it out. */
	return sc->server_args.n > 0 && push_strvec(out, &sc->server_args);
}

/*
 * How many entries from i on are exactly what the token text of entry i
 * adds: 1 for a plain token; the whole expansion for a factorized one,
 * unless a -= took part of it away (then 0: write the entries one by one).
 * Factorized tokens are re-parsed without any name look-up.
 */
static size_t addr_token_run(const struct addrlist *l, size_t i)
{
	const char *text = l->v[i].text;
	struct addrlist tmp = { NULL, 0, 0 };
	size_t k = 0;

	if (text == NULL)
		return 0;
	if (strchr(text, '{') == NULL)
		return 1;
	if (addrlist_add(&tmp, text, NULL, 0) == ADDR_OK && tmp.n > 0 &&
	    tmp.n <= l->n - i) {
		k = tmp.n;
		for (size_t j = 0; j < tmp.n; j++) {
			const struct addr_entry *e = &l->v[i + j];
			if (e->text == NULL || strcmp(e->text, text) != 0 ||
			    e->kind != ADDR_NET4 || tmp.v[j].kind != ADDR_NET4 ||
			    e->a4.s_addr != tmp.v[j].a4.s_addr ||
			    e->m4.s_addr != tmp.v[j].m4.s_addr) {
				k = 0;
				break;
			}
		}
	}
	addrlist_free(&tmp);
	return k;
}

/* One entry as a token that adds exactly it (address/prefix or name). */
static void push_addr_entry(struct strvec *out, const struct addr_entry *e)
{
	char a[INET6_ADDRSTRLEN];
	uint32_t m;
	unsigned bits = 0;

	switch (e->kind) {
	case ADDR_NET4:
		for (m = ntohl(e->m4.s_addr); m != 0; m <<= 1)
			bits++;
		inet_ntop(AF_INET, &e->a4, a, sizeof(a));
		push_fmt(out, "%s/%u", a, bits);
		break;
	case ADDR_NET6:
		inet_ntop(AF_INET6, &e->a6, a, sizeof(a));
		push_fmt(out, "%s/%u", a, e->prefix6);
		break;
	case ADDR_HOST:
	case ADDR_DOMAIN:
		strvec_push(out, e->name);
		break;
	}
}

static bool push_addrs(struct strvec *out, const struct addrlist *l)
{
	for (size_t i = 0; i < l->n;) {
		size_t k = addr_token_run(l, i);

		if (k > 0) {
			strvec_push(out, l->v[i].text);
			i += k;
		} else {
			push_addr_entry(out, &l->v[i]);
			i++;
		}
	}
	return true;
}

/* A set but empty list is written ("only_from =" denies everyone). */
static bool d_only_from(const struct svc_conf *sc, struct strvec *out)
{
	return sc->only_from_set && push_addrs(out, &sc->only_from);
}

static bool d_no_access(const struct svc_conf *sc, struct strvec *out)
{
	return sc->no_access_set && push_addrs(out, &sc->no_access);
}

static bool d_access_times(const struct svc_conf *sc, struct strvec *out)
{
	for (size_t i = 0; i < sc->n_access_times; i++) {
		const struct time_span *t = &sc->access_times[i];
		push_fmt(out, "%d:%02d-%d:%02d", t->start / 60, t->start % 60,
		    t->end / 60, t->end % 60);
	}
	return out->n > 0;
}

static bool d_log_type(const struct svc_conf *sc, struct strvec *out)
{
	const struct log_target *lt = &sc->log;

	switch (lt->kind) {
	case LOGT_SYSLOG:
		strvec_push(out, "SYSLOG");
		strvec_push(out, attr_facility_name(lt->facility));
		strvec_push(out, attr_level_name(lt->level));
		return true;
	case LOGT_FILE:
		strvec_push(out, "FILE");
		strvec_push(out, lt->path);
		/* Both limits, so the computed hard limit is not recomputed. */
		if (lt->soft != 0 || lt->hard != 0) {
			push_fmt(out, "%llu", (unsigned long long)lt->soft);
			push_fmt(out, "%llu", (unsigned long long)lt->hard);
		}
		return true;
	case LOGT_NONE:
		break;
	}
	return false;
}

/* Empty and absent are the same here: a dump has no defaults to inherit. */
static bool d_log_on_success(const struct svc_conf *sc, struct strvec *out)
{
	return push_bits(out, log_success, sc->log_on_success);
}

static bool d_log_on_failure(const struct svc_conf *sc, struct strvec *out)
{
	return push_bits(out, log_failure, sc->log_on_failure);
}

/* "env =" clears the environment's additions: written when given. */
static bool d_env(const struct svc_conf *sc, struct strvec *out)
{
	return dump_given(sc, A_ENV) && push_strvec(out, &sc->env);
}

/* Only when in effect: an empty passenv passes nothing, an absent one all. */
static bool d_passenv(const struct svc_conf *sc, struct strvec *out)
{
	return dump_given(sc, A_PASSENV) && push_strvec(out, &sc->passenv);
}

/* Validation resolved it; tcpmux clients have none. */
static bool d_port(const struct svc_conf *sc, struct strvec *out)
{
	if (sc->port < 0)
		return false;
	push_fmt(out, "%d", sc->port);
	return true;
}

static bool d_redirect(const struct svc_conf *sc, struct strvec *out)
{
	if (sc->redirect_host == NULL || sc->redirect_port == NULL)
		return false;
	strvec_push(out, sc->redirect_host);
	strvec_push(out, sc->redirect_port);
	return true;
}

/* bind and interface share an id: the bind row writes it. */
static bool d_bind(const struct svc_conf *sc, struct strvec *out)
{
	return push_str(out, sc->bind);
}

static bool d_banner(const struct svc_conf *sc, struct strvec *out)
{
	return push_str(out, sc->banner);
}

static bool d_banner_success(const struct svc_conf *sc, struct strvec *out)
{
	return push_str(out, sc->banner_success);
}

static bool d_banner_fail(const struct svc_conf *sc, struct strvec *out)
{
	return push_str(out, sc->banner_fail);
}

/* Always in effect: the built-in 50 10 applies when nothing sets it. */
static bool d_rpc_version(const struct svc_conf *sc, struct strvec *out)
{
	if (!(sc->type & SVC_T_RPC))
		return false;
	if (sc->rpc_lo == sc->rpc_hi)
		push_fmt(out, "%ld", sc->rpc_lo);
	else
		push_fmt(out, "%ld-%ld", sc->rpc_lo, sc->rpc_hi);
	return true;
}

/* Written for UNLISTED RPC only: a listed one finds it in /etc/rpc. */
static bool d_rpc_number(const struct svc_conf *sc, struct strvec *out)
{
	if (!(sc->type & SVC_T_RPC) || !(sc->type & SVC_T_UNLISTED))
		return false;
	push_fmt(out, "%ld", sc->rpc_number);
	return true;
}

static bool d_cps(const struct svc_conf *sc, struct strvec *out)
{
	push_fmt(out, "%u", sc->cps_max);
	push_fmt(out, "%u", sc->cps_wait);
	return true;
}

/* Shortest text that reads back as the same double. */
static bool d_max_load(const struct svc_conf *sc, struct strvec *out)
{
	char buf[64];

	if (!(sc->max_load > 0))
		return false;
	snprintf(buf, sizeof(buf), "%g", sc->max_load);
	if (strtod(buf, NULL) != sc->max_load)
		snprintf(buf, sizeof(buf), "%.17g", sc->max_load);
	strvec_push(out, buf);
	return true;
}

static bool d_umask(const struct svc_conf *sc, struct strvec *out)
{
	if (!dump_given(sc, A_UMASK))
		return false;
	push_fmt(out, "%04o", (unsigned)sc->umask);
	return true;
}

/* Bytes (seconds for CPU), without a suffix, or UNLIMITED. */
static bool push_rlimit(const struct svc_conf *sc, enum rlim_index idx,
    struct strvec *out)
{
	if (!sc->rlim[idx].set)
		return false;
	if (sc->rlim[idx].value == RLIM_INFINITY)
		strvec_push(out, "UNLIMITED");
	else
		push_fmt(out, "%llu", (unsigned long long)sc->rlim[idx].value);
	return true;
}

static bool d_rlimit_as(const struct svc_conf *sc, struct strvec *out)
{
	return push_rlimit(sc, RL_AS, out);
}

static bool d_rlimit_cpu(const struct svc_conf *sc, struct strvec *out)
{
	return push_rlimit(sc, RL_CPU, out);
}

static bool d_rlimit_data(const struct svc_conf *sc, struct strvec *out)
{
	return push_rlimit(sc, RL_DATA, out);
}

static bool d_rlimit_rss(const struct svc_conf *sc, struct strvec *out)
{
	return push_rlimit(sc, RL_RSS, out);
}

static bool d_rlimit_stack(const struct svc_conf *sc, struct strvec *out)
{
	return push_rlimit(sc, RL_STACK, out);
}

static bool d_rlimit_files(const struct svc_conf *sc, struct strvec *out)
{
	return push_rlimit(sc, RL_FILES, out);
}

static bool d_rlimit_nproc(const struct svc_conf *sc, struct strvec *out)
{
	return push_rlimit(sc, RL_NPROC, out);
}

static bool d_rlimit_fsize(const struct svc_conf *sc, struct strvec *out)
{
	return push_rlimit(sc, RL_FSIZE, out);
}

static bool d_rlimit_core(const struct svc_conf *sc, struct strvec *out)
{
	return push_rlimit(sc, RL_CORE, out);
}

static bool d_rlimit_nofile(const struct svc_conf *sc, struct strvec *out)
{
	return push_rlimit(sc, RL_NOFILE, out);
}

static bool d_chroot(const struct svc_conf *sc, struct strvec *out)
{
	return push_str(out, sc->chroot);
}

static bool d_max_duration(const struct svc_conf *sc, struct strvec *out)
{
	if (sc->max_duration <= 0)
		return false;
	push_fmt(out, "%ld", sc->max_duration);
	return true;
}

static bool d_no_new_privs(const struct svc_conf *sc, struct strvec *out)
{
	if (!sc->no_new_privs && !dump_given(sc, A_NO_NEW_PRIVS))
		return false;
	return push_yes_no(out, sc->no_new_privs);
}

/* "yes" for the default size, else the size in bytes. */
static bool d_private_tmp(const struct svc_conf *sc, struct strvec *out)
{
	if (sc->private_tmp == 0)
		return dump_given(sc, A_PRIVATE_TMP) && push_yes_no(out, false);
	if (sc->private_tmp == PRIVATE_TMP_DEFAULT_SIZE)
		return push_yes_no(out, true);
	push_fmt(out, "%llu", (unsigned long long)sc->private_tmp);
	return true;
}

static bool d_deny_time(const struct svc_conf *sc, struct strvec *out)
{
	if (!dump_given(sc, A_DENY_TIME))
		return false;
	if (sc->deny_time == DENY_FOREVER)
		strvec_push(out, "FOREVER");
	else if (sc->deny_time == 0)
		strvec_push(out, "NEVER");
	else
		push_fmt(out, "%ld", sc->deny_time);
	return true;
}

/* "no" is the default; written when the entry said so or it is on. */
static bool d_v6only(const struct svc_conf *sc, struct strvec *out)
{
	if (!sc->v6only && !dump_given(sc, A_V6ONLY))
		return false;
	return push_yes_no(out, sc->v6only);
}

static bool d_reply_to_low_ports(const struct svc_conf *sc,
    struct strvec *out)
{
	if (!dump_given(sc, A_REPLY_TO_LOW_PORTS))
		return false;
	return push_yes_no(out, sc->reply_to_low_ports);
}

static bool d_libwrap(const struct svc_conf *sc, struct strvec *out)
{
	return push_str(out, sc->libwrap);
}

#define SVC AW_SERVICE
#define DEF AW_DEFAULTS
#define BOTH (AW_SERVICE | AW_DEFAULTS)
#define EXT AW_EXTENSION

/*
 * The table. Rows follow the reference's attribute table (reference 2); the
 * "Def" column is the where field, the "Ops" column the ops field. The dump
 * column writes the attribute back for --dump-config and -d (conf/dump.c).
 * The extensions (EXT, all of them the sandbox's) follow the reference's
 * rows they belong with.
 */
const struct attr_def attr_table[] = {
	{ "id", A_ID, SVC, 0, 1, 1, p_id, d_id },
	{ "type", A_TYPE, SVC, 0, 1, ATTR_ANY, p_type, d_type },
	{ "flags", A_FLAGS, SVC, 0, 1, ATTR_ANY, p_flags, d_flags },
	{ "disable", A_DISABLE, SVC, 0, 1, 1, p_disable, d_none },
	{ "socket_type", A_SOCKET_TYPE, SVC, 0, 1, 1,
	    p_socket_type, d_socket_type },
	{ "protocol", A_PROTOCOL, SVC, 0, 1, 1, p_protocol, d_protocol },
	{ "wait", A_WAIT, SVC, 0, 1, 1, p_wait, d_wait },
	{ "user", A_USER, SVC, 0, 1, 1, p_user, d_user },
	{ "group", A_GROUP, SVC, 0, 1, 1, p_group, d_group },
	{ "groups", A_GROUPS, BOTH, 0, 1, 1, p_groups, d_groups },
	{ "instances", A_INSTANCES, BOTH, 0, 1, 1, p_instances, d_instances },
	{ "per_source", A_PER_SOURCE, BOTH, 0, 1, 1,
	    p_per_source, d_per_source },
	{ "nice", A_NICE, SVC, 0, 1, 1, p_nice, d_nice },
	{ "server", A_SERVER, SVC, 0, 1, 1, p_server, d_server },
	{ "server_args", A_SERVER_ARGS, SVC, 0, 1, ATTR_ANY,
	    p_server_args, d_server_args },
	{ "only_from", A_ONLY_FROM, BOTH, AO_LIST, 0, ATTR_ANY,
	    p_only_from, d_only_from },
	{ "no_access", A_NO_ACCESS, BOTH, AO_LIST, 0, ATTR_ANY,
	    p_no_access, d_no_access },
	{ "access_times", A_ACCESS_TIMES, SVC, 0, 1, ATTR_ANY,
	    p_access_times, d_access_times },
	{ "log_type", A_LOG_TYPE, BOTH, 0, 2, 4, p_log_type, d_log_type },
	{ "log_on_success", A_LOG_ON_SUCCESS, BOTH, AO_LIST, 0, ATTR_ANY,
	    p_log_on_success, d_log_on_success },
	{ "log_on_failure", A_LOG_ON_FAILURE, BOTH, AO_LIST, 0, ATTR_ANY,
	    p_log_on_failure, d_log_on_failure },
	{ "rpc_version", A_RPC_VERSION, SVC, 0, 1, 1, p_rpc_version, d_rpc_version },
	{ "rpc_number", A_RPC_NUMBER, SVC, 0, 1, 1, p_rpc_number, d_rpc_number },
	{ "env", A_ENV, SVC, AO_ADD_ONLY, 0, ATTR_ANY, p_env, d_env },
	{ "passenv", A_PASSENV, BOTH, AO_LIST, 0, ATTR_ANY,
	    p_passenv, d_passenv },
	{ "port", A_PORT, SVC, 0, 1, 1, p_port, d_port },
	{ "redirect", A_REDIRECT, SVC, 0, 2, 2, p_redirect, d_redirect },
	{ "bind", A_BIND, BOTH, 0, 1, 1, p_bind, d_bind },
	{ "interface", A_BIND, BOTH, 0, 1, 1, p_bind, d_none },
	{ "banner", A_BANNER, BOTH, 0, 1, 1, p_banner, d_banner },
	{ "banner_success", A_BANNER_SUCCESS, BOTH, 0, 1, 1,
	    p_banner_success, d_banner_success },
	{ "banner_fail", A_BANNER_FAIL, BOTH, 0, 1, 1,
	    p_banner_fail, d_banner_fail },
	{ "cps", A_CPS, BOTH, 0, 2, 2, p_cps, d_cps },
	{ "max_load", A_MAX_LOAD, BOTH, 0, 1, 1, p_max_load, d_max_load },
	{ "umask", A_UMASK, BOTH, 0, 1, 1, p_umask, d_umask },
	{ "rlimit_as", A_RLIMIT_AS, SVC, 0, 1, 1, p_rlimit_as, d_rlimit_as },
	{ "rlimit_cpu", A_RLIMIT_CPU, SVC, 0, 1, 1,
	    p_rlimit_cpu, d_rlimit_cpu },
	{ "rlimit_data", A_RLIMIT_DATA, SVC, 0, 1, 1,
	    p_rlimit_data, d_rlimit_data },
	{ "rlimit_rss", A_RLIMIT_RSS, SVC, 0, 1, 1,
	    p_rlimit_rss, d_rlimit_rss },
	{ "rlimit_stack", A_RLIMIT_STACK, SVC, 0, 1, 1,
	    p_rlimit_stack, d_rlimit_stack },
	{ "rlimit_files", A_RLIMIT_FILES, SVC, 0, 1, 1,
	    p_rlimit_files, d_rlimit_files },
	{ "rlimit_nproc", A_RLIMIT_NPROC, SVC | EXT, 0, 1, 1,
	    p_rlimit_nproc, d_rlimit_nproc },
	{ "rlimit_fsize", A_RLIMIT_FSIZE, SVC | EXT, 0, 1, 1,
	    p_rlimit_fsize, d_rlimit_fsize },
	{ "rlimit_core", A_RLIMIT_CORE, SVC | EXT, 0, 1, 1,
	    p_rlimit_core, d_rlimit_core },
	{ "rlimit_nofile", A_RLIMIT_NOFILE, SVC | EXT, 0, 1, 1,
	    p_rlimit_nofile, d_rlimit_nofile },
	{ "deny_time", A_DENY_TIME, SVC, 0, 1, 1, p_deny_time, d_deny_time },
	{ "v6only", A_V6ONLY, BOTH, 0, 1, 1, p_v6only, d_v6only },
	{ "reply_to_low_ports", A_REPLY_TO_LOW_PORTS, SVC, 0, 1, 1,
	    p_reply_to_low_ports, d_reply_to_low_ports },
	{ "libwrap", A_LIBWRAP, SVC, 0, 1, 1, p_libwrap, d_libwrap },
	{ "chroot", A_CHROOT, SVC | EXT, 0, 1, 1, p_chroot, d_chroot },
	{ "max_duration", A_MAX_DURATION, SVC | EXT, 0, 1, 1,
	    p_max_duration, d_max_duration },
	{ "no_new_privs", A_NO_NEW_PRIVS, SVC | EXT, 0, 1, 1,
	    p_no_new_privs, d_no_new_privs },
	{ "private_tmp", A_PRIVATE_TMP, SVC | EXT, 0, 1, 1,
	    p_private_tmp, d_private_tmp },
	{ "enabled", A_ENABLED, DEF, AO_LIST, 0, ATTR_ANY, p_enabled, d_none },
	{ "disabled", A_DISABLED, DEF, AO_LIST, 0, ATTR_ANY,
	    p_disabled, d_none },
};
const size_t attr_table_len = sizeof(attr_table) / sizeof(attr_table[0]);

const struct attr_def *attr_lookup(const char *name)
{
	for (size_t i = 0; i < attr_table_len; i++)
		if (strcasecmp(attr_table[i].name, name) == 0)
			return &attr_table[i];
	return NULL;
}

const char *attr_name(enum attr_id id)
{
	for (size_t i = 0; i < attr_table_len; i++)
		if (attr_table[i].id == id)
			return attr_table[i].name;
	return "?";
}
