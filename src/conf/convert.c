/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * convert.c: --convert-inetd (convert.h). Each inetd.conf line becomes a
 * cv_entry, field by field; the ids are chosen once the whole file is
 * read (a name used twice needs ids that differ); then the entries are
 * written. The forms are those of OpenBSD, NetBSD, FreeBSD and Debian's
 * update-inetd; xinetd.8 (CONVERTING INETD.CONF) has the mapping. Unlike
 * inetd.c (-inetd_compat) nothing goes through the attribute table: that
 * resolves users, groups and ports, which this machine need not have.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "conf/builtins.h"
#include "conf/convert.h"
#include "util.h"

#define CV_MAX_FIELDS 256	/* words on a line; a longer line is refused */
#define CV_LINE_MAX 65536	/* bytes on a line; likewise */
#define CV_RATE_MAX 1000000L	/* the largest cps xinetd takes */
/* update-inetd's mark before a disabled entry ("#<off># " and the line). */
#define OFF_MARK "#<off>#"
/* OpenBSD's inetd pauses a service that went over its limit this long. */
#define BSD_PAUSE "600"

struct cv_entry {
	char *origin;		/* "NAME:LINE: the line as read" */
	unsigned line;
	char *name;		/* the service name */
	char *id;		/* chosen when the whole file is read */
	const char *socktype;
	const char *protocol;	/* "tcp" or "udp" */
	char family;		/* '4', '6' or 0 for both */
	bool disabled, wait, internal, rpc, tcpmux, tcpmux_plus, nameinargs;
	char *number;		/* a numeric service name: the port */
	char *bind;
	char *rpc_version;
	char *user, *group;
	char *server, *server_args;
	long instances, per_source, cps;	/* 0: not set */
	struct strvec notes;	/* comment lines before the entry */
};

/* One line being converted, and why it was not. */
struct cv_line {
	struct cv_entry *e;
	char *f[CV_MAX_FIELDS];
	int nf;
	const struct convert_opts *o;
	char why[256];
};

struct cv_state {
	const char *name;	/* the input, for messages */
	const struct convert_opts *o;
	FILE *out, *err;
	char *default_host;	/* BSD's "host:" line; NULL: every address */
	struct cv_entry **v;
	size_t n;
	int failed;
};

static bool refuse(struct cv_line *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static bool refuse(struct cv_line *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(l->why, sizeof(l->why), fmt, ap);
	va_end(ap);
	return false;
}

static void report(struct cv_state *st, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* One line not converted: "NAME:LINE: reason", counted. */
static void report(struct cv_state *st, unsigned line, const char *fmt, ...)
{
	va_list ap;

	fprintf(st->err, "%s:%u: ", st->name, line);
	va_start(ap, fmt);
	vfprintf(st->err, fmt, ap);
	va_end(ap);
	fputc('\n', st->err);
	st->failed++;
}

/* A comment line before the entry; text is xasprintf's, and taken. */
static void note(struct cv_entry *e, char *text)
{
	strvec_push(&e->notes, text);
	free(text);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

static char *join(char **w, int n)
{
	size_t len = 1;
	char *s;

	for (int i = 0; i < n; i++)
		len += strlen(w[i]) + 1;
	s = xmalloc(len);
	s[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (i > 0)
			strcat(s, " ");
		strcat(s, w[i]);
	}
	return s;
}

/*
 * A service name is also the id and, with -o, a file name: no '/', no
 * leading '.', nothing xinetd.conf's syntax would read differently.
 */
static bool name_ok(const char *s)
{
	if (s[0] == '\0' || s[0] == '.')
		return false;
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f ||
		    strchr("/{}=#", *s) != NULL)
			return false;
	return true;
}

/*
 * "host:service", "[v6 address]:service" or "service" (reference: BSD
 * inetd.conf(5)); "*" is every address, and the host of the last "host:"
 * line applies when the line names none.
 */
static bool split_host(struct cv_line *l, char *f0, const char *dflt,
    char **service)
{
	const char *host = dflt;
	char *colon;

	*service = f0;
	if (f0[0] == '[') {
		colon = strstr(f0, "]:");
		if (colon == NULL)
			return refuse(l, "no ]: after the IPv6 address in %s",
			    f0);
		*colon = '\0';
		host = f0 + 1;
		*service = colon + 2;
	} else if ((colon = strrchr(f0, ':')) != NULL) {
		*colon = '\0';
		host = f0;
		*service = colon + 1;
	}
	if (host != NULL && host[0] == '\0')
		return refuse(l, "no host before the ':' of the service");
	if (host != NULL && strcmp(host, "*") != 0)
		l->e->bind = xstrdup(host);
	return true;
}

/* "tcpmux/NAME", "tcpmux/+NAME", "name/version" (RPC) or "name". */
static bool set_name(struct cv_line *l, char *s)
{
	struct cv_entry *e = l->e;
	char *slash = strchr(s, '/');

	if (slash != NULL) {
		*slash = '\0';
		if (strcmp(s, "tcpmux") == 0) {
			e->tcpmux = true;
			s = slash + 1;
			if (*s == '+') {
				e->tcpmux_plus = true;
				s++;
			}
		} else {
			e->rpc_version = xstrdup(slash + 1);
		}
	}
	if (!name_ok(s))
		return refuse(l, "bad service name: %s", s);
	e->name = xstrdup(s);
	if (all_digits(s) && !e->tcpmux)
		e->number = xstrdup(s);
	return true;
}

/* rdm and the rest have no xinetd socket_type. */
static bool set_socktype(struct cv_line *l, const char *s)
{
	static const char *const known[] = {
		"stream", "dgram", "raw", "seqpacket",
	};

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (strcmp(s, known[i]) == 0) {
			l->e->socktype = known[i];
			return true;
		}
	}
	return refuse(l, "socket type %s has no xinetd equivalent", s);
}

/*
 * tcp and udp; tcp4/udp4 only IPv4 and tcp6/udp6 only IPv6 (as
 * -inetd_compat reads them, xinetd.8 INETD.CONF ENTRIES); FreeBSD's
 * tcp46/udp46 both, which is xinetd's default. "rpc/" before any of them.
 */
static bool set_protocol(struct cv_line *l, const char *p)
{
	struct cv_entry *e = l->e;
	const char *base = p, *v;

	if (strncmp(base, "rpc/", 4) == 0) {
		e->rpc = true;
		base += 4;
	}
	if (strncmp(base, "tcp", 3) == 0)
		e->protocol = "tcp";
	else if (strncmp(base, "udp", 3) == 0)
		e->protocol = "udp";
	else
		return refuse(l, "protocol %s has no xinetd equivalent", p);
	v = base + 3;
	if (strcmp(v, "4") == 0 || strcmp(v, "6") == 0)
		e->family = v[0];
	else if (*v != '\0' && strcmp(v, "46") != 0)
		return refuse(l, "protocol %s has no xinetd equivalent", p);
	return true;
}

/*
 * ".N" (OpenBSD, NetBSD, Debian's openbsd-inetd): more than N starts in
 * 60 s pause the service for 10 minutes. xinetd counts per second, so no
 * cps is the same limit; "cps = N 600" keeps the pause and never refuses
 * a burst the old limit let through (N/60 a second would refuse a burst
 * of a few connections), at the price of not bounding the minute.
 */
static bool set_rate(struct cv_line *l, const char *w, const char *n)
{
	struct cv_entry *e = l->e;

	if (!parse_long(n, 1, CV_RATE_MAX, &e->cps))
		return refuse(l, "bad limit in %s.%s", w, n);
	note(e, xasprintf("%s.%s: at most %ld starts in 60 s, "
	    "then a 10-minute pause;", w, n, e->cps));
	note(e, xasprintf("cps = %ld %s pauses as long "
	    "and admits every burst that did", e->cps, BSD_PAUSE));
	return true;
}

/*
 * FreeBSD's "/max-child[/max-connections-per-ip-per-minute
 * [/max-child-per-ip]]", 0 meaning no limit: instances and per_source;
 * xinetd has no per-minute limit.
 */
static bool set_freebsd_limits(struct cv_line *l, char *s)
{
	struct cv_entry *e = l->e;
	long v[3] = { 0, 0, 0 };
	int n = 0;

	for (char *save, *w = strtok_r(s, "/", &save); w != NULL;
	    w = strtok_r(NULL, "/", &save)) {
		if (n == 3 || !parse_long(w, 0, CV_RATE_MAX, &v[n]))
			return refuse(l, "bad limits after wait/nowait: %s", w);
		n++;
	}
	e->instances = v[0];
	if (v[1] > 0)
		note(e, xasprintf("max-connections-per-ip-per-minute %ld "
		    "dropped: xinetd has no equivalent", v[1]));
	e->per_source = v[2];
	return true;
}

static bool set_wait(struct cv_line *l, char *w)
{
	char *limits = strchr(w, '/'), *dot;

	if (limits != NULL)
		*limits++ = '\0';
	dot = strchr(w, '.');
	if (dot != NULL)
		*dot++ = '\0';
	if (strcmp(w, "wait") == 0)
		l->e->wait = true;
	else if (strcmp(w, "nowait") != 0)
		return refuse(l, "%s is neither wait nor nowait", w);
	if (dot != NULL && !set_rate(l, w, dot))
		return false;
	return limits == NULL || set_freebsd_limits(l, limits);
}

/* "user", "user.group", "user:group"; FreeBSD's "/class" is a login class. */
static bool set_user(struct cv_line *l, char *u)
{
	struct cv_entry *e = l->e;
	char *class = strchr(u, '/'), *sep;

	if (class != NULL) {
		*class++ = '\0';
		note(e, xasprintf("login class %s dropped: "
		    "xinetd has no login classes", class));
	}
	sep = strpbrk(u, ".:");
	if (sep != NULL) {
		*sep++ = '\0';
		if (*sep == '\0')
			return refuse(l, "no group after the user %s", u);
		e->group = xstrdup(sep);
	}
	if (u[0] == '\0')
		return refuse(l, "no user");
	e->user = xstrdup(u);
	return true;
}

static bool version_ok(const char *v)
{
	const char *dash = strchr(v, '-');
	long lo, hi;
	char buf[32];

	if (dash == NULL)
		return parse_long(v, 0, 0x7fffffffL, &lo);
	if (dash == v || (size_t)(dash - v) >= sizeof(buf))
		return false;
	memcpy(buf, v, (size_t)(dash - v));
	buf[dash - v] = '\0';
	return parse_long(buf, 0, 0x7fffffffL, &lo) &&
	    parse_long(dash + 1, 0, 0x7fffffffL, &hi) && lo <= hi;
}

/* The fields that only make sense together: RPC versions, tcpmux. */
static bool check_kind(struct cv_line *l)
{
	struct cv_entry *e = l->e;

	if (e->rpc && e->rpc_version == NULL)
		return refuse(l, "RPC service %s has no /version", e->name);
	if (e->rpc && !version_ok(e->rpc_version))
		return refuse(l, "bad RPC version: %s", e->rpc_version);
	if (!e->rpc && e->rpc_version != NULL)
		return refuse(l, "%s/%s: a version needs an rpc/ protocol",
		    e->name, e->rpc_version);
	if (e->tcpmux && (strcmp(e->socktype, "stream") != 0 ||
	    strcmp(e->protocol, "tcp") != 0 || e->rpc))
		return refuse(l, "tcpmux service %s is not stream tcp",
		    e->name);
	return true;
}

/* xinetd's internal services, by name and socket type. */
static bool set_internal(struct cv_line *l)
{
	struct cv_entry *e = l->e;
	int st = strcmp(e->socktype, "stream") == 0 ? SOCK_STREAM :
	    strcmp(e->socktype, "dgram") == 0 ? SOCK_DGRAM : -1;

	if (e->tcpmux || e->rpc || st < 0 ||
	    !conf_builtin_known(e->name, st))
		return refuse(l, "xinetd has no internal service %s/%s",
		    e->name, e->socktype);
	e->internal = true;
	return true;
}

/*
 * "tcpd PROG ARGS": tcpd checks hosts.allow, then runs PROG, from its
 * REAL_DAEMON_DIR unless PROG is absolute (xinetd's itox asked for that
 * directory, hence -daemon_dir). The daemon's own libwrap check does
 * tcpd's job; PROG's argv[0] is its name, as xinetd gives it.
 */
static bool set_tcpd(struct cv_line *l)
{
	struct cv_entry *e = l->e;
	const char *prog = l->nf > 6 ? l->f[6] : NULL, *dir = l->o->daemon_dir;
	size_t len;

	if (prog == NULL)
		return refuse(l, "tcpd without a program to run");
	if (prog[0] == '/') {
		e->server = xstrdup(prog);
	} else if (dir == NULL) {
		return refuse(l, "tcpd runs %s: give -daemon_dir", prog);
	} else {
		len = strlen(dir);
		while (len > 1 && dir[len - 1] == '/')
			len--;
		e->server = xasprintf("%.*s/%s", (int)len, dir, prog);
	}
	if (l->nf > 7)
		e->server_args = join(&l->f[7], l->nf - 7);
	return true;
}

/*
 * xinetd passes basename(server) as argv[0] unless NAMEINARGS: an argv[0]
 * that is the program's own name goes, any other needs the flag.
 */
static bool set_server(struct cv_line *l)
{
	struct cv_entry *e = l->e;
	const char *srv = l->f[5];
	char **argv = &l->f[6];
	int argc = l->nf - 6;

	if (strcmp(srv, "internal") == 0)
		return set_internal(l);
	if (srv[0] != '/')
		return refuse(l, "server %s is not an absolute path", srv);
	if (strcmp(base_name(srv), "tcpd") == 0)
		return set_tcpd(l);
	e->server = xstrdup(srv);
	if (argc > 0 && strcmp(argv[0], base_name(srv)) == 0) {
		argv++;
		argc--;
	} else if (argc > 0) {
		e->nameinargs = true;
	}
	if (argc > 0)
		e->server_args = join(argv, argc);
	return true;
}

static bool parse_fields(struct cv_line *l, const char *dflt)
{
	char *service;

	if (l->nf < 6)
		return refuse(l, "too few fields (%d, at least 6 needed)",
		    l->nf);
	/* The protocol first: "/path stream unix" is no service name. */
	return set_socktype(l, l->f[1]) && set_protocol(l, l->f[2]) &&
	    split_host(l, l->f[0], dflt, &service) &&
	    set_name(l, service) && set_wait(l, l->f[3]) &&
	    set_user(l, l->f[4]) && check_kind(l) && set_server(l);
}

static void entry_free(struct cv_entry *e)
{
	if (e == NULL)
		return;
	free(e->origin);
	free(e->name);
	free(e->id);
	free(e->number);
	free(e->bind);
	free(e->rpc_version);
	free(e->user);
	free(e->group);
	free(e->server);
	free(e->server_args);
	strvec_clear(&e->notes);
	free(e);
}

static char *skip_blanks(char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Split p (changed in place) at blanks; false when there are too many. */
static bool split_fields(struct cv_line *l, char *p)
{
	char *save, *w;

	l->nf = 0;
	for (w = strtok_r(p, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save)) {
		if (l->nf == CV_MAX_FIELDS)
			return refuse(l, "more than %d fields", CV_MAX_FIELDS);
		l->f[l->nf++] = w;
	}
	return true;
}

/* BSD inetd's "host:" line: the default host of the lines after it. */
static bool host_line(struct cv_state *st, const struct cv_line *l)
{
	char *f = l->f[0];
	size_t len = strlen(f);

	if (l->nf != 1 || len < 2 || f[len - 1] != ':')
		return false;
	f[--len] = '\0';
	if (f[0] == '[' && f[len - 1] == ']') {
		f[len - 1] = '\0';
		f++;
	}
	free(st->default_host);
	st->default_host = strcmp(f, "*") == 0 ? NULL : xstrdup(f);
	return true;
}

static void keep(struct cv_state *st, struct cv_entry *e)
{
	st->v = xreallocarray(st->v, st->n + 1, sizeof(*st->v));
	st->v[st->n++] = e;
}

/* One line as read, without its newline; comments and blanks give nothing. */
static void convert_line(struct cv_state *st, char *buf, unsigned lineno)
{
	struct cv_line l = { .o = st->o };
	char *p = skip_blanks(buf);
	bool off = strncmp(p, OFF_MARK, strlen(OFF_MARK)) == 0;
	struct cv_entry *e;

	if (off)
		p = skip_blanks(p + strlen(OFF_MARK));
	if (*p == '\0' || (*p == '#' && !off))
		return;
	e = xcalloc(1, sizeof(*e));
	e->origin = xasprintf("%s:%u: %s", st->name, lineno, buf);
	e->line = lineno;
	e->disabled = off;
	l.e = e;
	if (split_fields(&l, p) && (off || !host_line(st, &l)) &&
	    parse_fields(&l, st->default_host)) {
		keep(st, e);
		return;
	}
	if (l.why[0] != '\0')
		report(st, lineno, "%s", l.why);
	entry_free(e);
}

static bool read_all(struct cv_state *st, FILE *in)
{
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned lineno = 0;

	while ((len = getline(&buf, &cap, in)) >= 0) {
		lineno++;
		if (len > 0 && buf[len - 1] == '\n')
			buf[--len] = '\0';
		if (len > 0 && buf[len - 1] == '\r')
			buf[--len] = '\0';
		if ((size_t)len != strlen(buf))
			report(st, lineno, "a NUL byte in the line");
		else if (len > CV_LINE_MAX)
			report(st, lineno, "line longer than %d bytes",
			    CV_LINE_MAX);
		else
			convert_line(st, buf, lineno);
	}
	free(buf);
	if (!ferror(in))
		return true;
	fprintf(st->err, "xinetd: unable to read %s: %s\n", st->name,
	    strerror(errno));
	return false;
}

/* ---- ids --------------------------------------------------------- */

static size_t name_count(const struct cv_state *st, const char *name)
{
	size_t n = 0;

	for (size_t i = 0; i < st->n; i++)
		n += strcasecmp(st->v[i]->name, name) == 0;
	return n;
}

/* Is id the id of an entry other than skip, among the first upto ones? */
static bool id_used(const struct cv_state *st, size_t skip, size_t upto,
    const char *id)
{
	for (size_t j = 0; j < upto; j++)
		if (j != skip && strcasecmp(st->v[j]->id, id) == 0)
			return true;
	return false;
}

static void set_id(struct cv_entry *e, char *id)
{
	free(e->id);
	e->id = id;
}

/*
 * The id is the name, as in xinetd; a name used twice (echo stream and
 * echo dgram) gets NAME-SOCKTYPE, and an internal service always does,
 * as -inetd_compat names it (so a converted entry hides its inetd.conf
 * line there). Still equal: -4/-6 for one-family entries, then -2, -3...
 * for all but the first.
 */
static void choose_ids(struct cv_state *st)
{
	bool *clash = xcalloc(st->n + 1, sizeof(*clash));

	for (size_t i = 0; i < st->n; i++) {
		struct cv_entry *e = st->v[i];

		if (e->internal || name_count(st, e->name) > 1)
			set_id(e, xasprintf("%s-%s", e->name, e->socktype));
		else
			set_id(e, xstrdup(e->name));
	}
	for (size_t i = 0; i < st->n; i++)
		clash[i] = st->v[i]->family != 0 &&
		    id_used(st, i, st->n, st->v[i]->id);
	for (size_t i = 0; i < st->n; i++)
		if (clash[i])
			set_id(st->v[i], xasprintf("%s-%c", st->v[i]->id,
			    st->v[i]->family));
	for (size_t i = 0; i < st->n; i++) {
		char *base = xstrdup(st->v[i]->id);

		for (unsigned k = 2; id_used(st, i, i, st->v[i]->id) ||
		    (k > 2 && id_used(st, i, st->n, st->v[i]->id)); k++)
			set_id(st->v[i], xasprintf("%s-%u", base, k));
		free(base);
	}
	free(clash);
}

/* ---- output ------------------------------------------------------ */

/* "\tkey\t\t= value", aligned as the files of xinetd.d-examples/. */
static void put(FILE *fp, const char *key, const char *val)
{
	if (val != NULL && val[0] != '\0')
		fprintf(fp, "\t%s%s= %s\n", key,
		    strlen(key) < 8 ? "\t\t" : "\t", val);
}

static void put_num(FILE *fp, const char *key, long v, const char *more)
{
	char buf[64];

	if (v <= 0)
		return;
	snprintf(buf, sizeof(buf), "%ld%s", v, more);
	put(fp, key, buf);
}

static void add_word(char *buf, size_t len, bool cond, const char *w)
{
	size_t n = strlen(buf);

	if (cond)
		snprintf(buf + n, len - n, "%s%s", n > 0 ? " " : "", w);
}

static void put_type_flags(FILE *fp, const struct cv_entry *e)
{
	char type[64] = "", flags[64] = "";

	add_word(type, sizeof(type), e->internal, "INTERNAL");
	add_word(type, sizeof(type), e->rpc, "RPC");
	add_word(type, sizeof(type), e->tcpmux && !e->tcpmux_plus, "TCPMUX");
	add_word(type, sizeof(type), e->tcpmux_plus, "TCPMUXPLUS");
	/* xinetd wants tcpmux services UNLISTED (reference 1.7). */
	add_word(type, sizeof(type), e->tcpmux || e->number != NULL,
	    "UNLISTED");
	add_word(flags, sizeof(flags), e->family == '4', "IPv4");
	add_word(flags, sizeof(flags), e->family == '6', "IPv6");
	add_word(flags, sizeof(flags), e->nameinargs, "NAMEINARGS");
	put(fp, "type", type);
	put(fp, "flags", flags);
}

/*
 * One entry. inetd gives every server its user's supplementary groups
 * (initgroups), hence groups = yes; tcp6 is IPv6 only, hence v6only.
 */
static void render(FILE *fp, const struct cv_entry *e)
{
	fprintf(fp, "# %s\n", e->origin);
	for (size_t i = 0; i < e->notes.n; i++)
		fprintf(fp, "# %s\n", e->notes.v[i]);
	fprintf(fp, "service %s\n{\n", e->name);
	put(fp, "id", strcmp(e->id, e->name) != 0 ? e->id : NULL);
	put_type_flags(fp, e);
	put(fp, "socket_type", e->socktype);
	put(fp, "protocol", e->protocol);
	put(fp, e->rpc ? "rpc_number" : "port", e->number);
	put(fp, "bind", e->bind);
	put(fp, "rpc_version", e->rpc_version);
	put(fp, "wait", e->wait ? "yes" : "no");
	put(fp, "user", e->user);
	put(fp, "group", e->group);
	put(fp, "groups", e->server != NULL ? "yes" : NULL);
	put(fp, "server", e->server);
	put(fp, "server_args", e->server_args);
	put_num(fp, "instances", e->instances, "");
	put_num(fp, "per_source", e->per_source, "");
	put_num(fp, "cps", e->cps, " " BSD_PAUSE);
	put(fp, "v6only", e->family == '6' ? "yes" : NULL);
	put(fp, "disable", e->disabled ? "yes" : "no");
	fputs("}\n", fp);
}

static int write_stream(struct cv_state *st)
{
	for (size_t i = 0; i < st->n; i++) {
		if (i > 0)
			fputc('\n', st->out);
		render(st->out, st->v[i]);
	}
	if (fflush(st->out) == 0 && !ferror(st->out))
		return 0;
	fprintf(st->err, "xinetd: unable to write the entries: %s\n",
	    strerror(errno));
	return -1;
}

/* DIR/ID, never over an existing file; its path on out once written. */
static void write_file(struct cv_state *st, int dfd, const struct cv_entry *e)
{
	const char *dir = st->o->out_dir;
	FILE *fp;
	int fd;
	bool bad;

	if (strchr(e->id, '.') != NULL) {
		report(st, e->line, "%s/%s: includedir skips names with a '.'",
		    dir, e->id);
		return;
	}
	fd = openat(dfd, e->id, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0644);
	if (fd < 0 && errno == EEXIST) {
		report(st, e->line, "%s/%s exists: not overwritten", dir,
		    e->id);
		return;
	}
	if (fd < 0 || (fp = fdopen(fd, "w")) == NULL) {
		report(st, e->line, "unable to create %s/%s: %s", dir, e->id,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	render(fp, e);
	bad = fflush(fp) != 0 || ferror(fp);
	if (fclose(fp) != 0 || bad) {
		report(st, e->line, "unable to write %s/%s: %s", dir, e->id,
		    strerror(errno));
		(void)unlinkat(dfd, e->id, 0);
		return;
	}
	fprintf(st->out, "%s/%s\n", dir, e->id);
}

static int write_dir(struct cv_state *st)
{
	int dfd = open(st->o->out_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (dfd < 0) {
		fprintf(st->err, "xinetd: unable to open %s: %s\n",
		    st->o->out_dir, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < st->n; i++)
		write_file(st, dfd, st->v[i]);
	close(dfd);
	return fflush(st->out) == 0 ? 0 : -1;
}

int conf_convert(FILE *in, const char *name, const struct convert_opts *o,
    FILE *out, FILE *err)
{
	struct cv_state st = {
		.name = name, .o = o, .out = out, .err = err,
	};
	int r = -1;

	if (read_all(&st, in)) {
		choose_ids(&st);
		r = o->out_dir != NULL ? write_dir(&st) : write_stream(&st);
	}
	for (size_t i = 0; i < st.n; i++)
		entry_free(st.v[i]);
	free(st.v);
	free(st.default_host);
	return r < 0 ? -1 : st.failed;
}

/* ---- the command line ------------------------------------------- */

static int usage(FILE *err)
{
	fputs("Usage: xinetd --convert-inetd "
	    "[-daemon_dir dir] [-o dir] [file]\n", err);
	return 1;
}

static int convert_path(const char *path, const struct convert_opts *o,
    FILE *out, FILE *err)
{
	FILE *in = stdin;
	const char *name = CONVERT_STDIN_NAME;
	int n;

	if (path != NULL && strcmp(path, "-") != 0) {
		in = fopen(path, "re");
		if (in == NULL) {
			fprintf(err, "xinetd: unable to open %s: %s\n", path,
			    strerror(errno));
			return 1;
		}
		name = path;
	}
	n = conf_convert(in, name, o, out, err);
	if (in != stdin)
		fclose(in);
	return n == 0 ? 0 : 1;
}

int conf_convert_main(int argc, char **argv, FILE *out, FILE *err)
{
	struct convert_opts o = { 0 };
	const char *path = NULL;

	for (int i = 0; i < argc; i++) {
		const char **slot = strcmp(argv[i], "-daemon_dir") == 0 ?
		    &o.daemon_dir : strcmp(argv[i], "-o") == 0 ? &o.out_dir :
		    NULL;

		if (slot != NULL && i + 1 < argc && *slot == NULL) {
			*slot = argv[++i];
		} else if (slot == NULL && path == NULL &&
		    (argv[i][0] != '-' || argv[i][1] == '\0')) {
			path = argv[i];
		} else {
			return usage(err);
		}
	}
	if (o.daemon_dir != NULL && o.daemon_dir[0] != '/') {
		fprintf(err, "xinetd: -daemon_dir %s is not an absolute path\n",
		    o.daemon_dir);
		return 1;
	}
	return convert_path(path, &o, out, err);
}
