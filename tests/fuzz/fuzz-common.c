/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * fuzz-common.c: what the fuzz targets share: failing loudly, memfd inputs,
 * loading a configuration with the diagnostics discarded, the dump/reload
 * round trip, and a resolver that never leaves the machine.
 *
 * The resolver. Fuzzed host names (only_from, no_access, redirect, bind)
 * would otherwise become DNS queries: slow, not deterministic, and not ours
 * to send. This program's getaddrinfo() and getnetbyname() take precedence
 * over the C library's (and over a sanitizer's interceptor):
 *  - numeric addresses resolve as usual (AI_NUMERICHOST is added);
 *  - "localhost" is looked up for real (/etc/hosts);
 *  - names under the reserved "test." top-level domain (RFC 6761), such
 *    as "a.test", resolve to 192.0.2.1, or 2001:db8::1 when IPv6 is
 *    asked for, so host-name entries can be built at all;
 *  - every other name does not resolve (EAI_NONAME).
 * getnetbyname() answers from a fixed table like Debian's /etc/networks
 * (default, loopback, link-local) plus "test-net" (192.0.2) and "six"
 * (not AF_INET, which must be refused), whatever the machine has.
 *
 * Users, groups, protocols and services come from fixed tables too, like
 * a fresh Debian system's (plus the user "fuzz"): the C library read
 * /etc/passwd some 50 times a run (and asked systemd's userdb), which
 * made the configuration targets several times slower, and what it
 * answers would depend on the machine.
 */
#include "config.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <grp.h>
#include <netdb.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "conf/conf.h"
#include "conf/dump.h"
#include "fuzz.h"

volatile size_t fuzz_sink;

bool fuzz_verbose(void)
{
	static int verbose = -1;

	if (verbose < 0) {
		const char *v = getenv("XT_FUZZ_VERBOSE");
		verbose = v != NULL && strcmp(v, "1") == 0;
	}
	return verbose == 1;
}

void fuzz_die(const char *what)
{
	fprintf(stderr, "fuzz: %s: %s\n", what, strerror(errno));
	abort();
}

void fuzz_fail(const char *target, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fuzz-%s: ", target);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void *fuzz_alloc(size_t n)
{
	void *p = malloc(n > 0 ? n : 1);

	if (p == NULL)
		fuzz_die("malloc");
	return p;
}

char *fuzz_strndup(const uint8_t *data, size_t n)
{
	char *s = fuzz_alloc(n + 1);

	if (n > 0)
		memcpy(s, data, n);
	s[n] = '\0';
	return s;
}

int fuzz_memfd(const char *name, char *path, size_t pathlen)
{
	int fd = memfd_create(name, MFD_CLOEXEC);

	if (fd < 0)
		fuzz_die("memfd_create");
	snprintf(path, pathlen, "/proc/self/fd/%d", fd);
	return fd;
}

void fuzz_memfd_put(int fd, const void *data, size_t len)
{
	const char *p = data;
	size_t off = 0;

	if (ftruncate(fd, 0) != 0)
		fuzz_die("ftruncate");
	while (off < len) {
		ssize_t w = pwrite(fd, p + off, len - off, (off_t)off);
		if (w < 0)
			fuzz_die("pwrite");
		off += (size_t)w;
	}
}

/* ---- the configuration readers ----------------------------------------- */

static void discard(void *arg, int level, const char *file, unsigned line,
    const char *msg)
{
	(void)arg;
	/* Read the strings, so a dangling or unterminated one is caught. */
	fuzz_sink += strlen(msg) + (file != NULL ? strlen(file) : 0);
	if (fuzz_verbose())
		fprintf(stderr, "%d %s:%u: %s\n", level,
		    file != NULL ? file : "-", line, msg);
}

struct conf_set *fuzz_conf_load(const char *path, const char *inetd_conf)
{
	const struct conf_opts opts = {
		.diag = discard, .inetd_conf = inetd_conf,
	};
	struct conf_set *cs;
	int err;

	cs = conf_load(path, &opts, &err);
	if (cs == NULL) {
		fprintf(stderr, "fuzz: cannot load %s: %s\n", path,
		    strerror(err));
		abort();
	}
	return cs;
}

void fuzz_conf_use(const struct conf_set *cs)
{
	for (size_t i = 0; i < cs->nsvcs; i++) {
		struct strvec argv = { 0 };
		if (cs->svcs[i]->server == NULL)
			continue;
		conf_server_argv(cs->svcs[i], &argv);
		for (size_t j = 0; j < argv.n; j++)
			fuzz_sink += strlen(argv.v[j]);
		strvec_clear(&argv);
	}
}

/* Every kept service's dump block, one string. */
static char *dump_all(const struct conf_set *cs, size_t *len)
{
	struct strvec lines = { 0 };
	size_t n = 1;
	char *text, *p;

	for (size_t i = 0; i < cs->nsvcs; i++)
		conf_dump_service(cs->svcs[i], &lines);
	for (size_t i = 0; i < lines.n; i++)
		n += strlen(lines.v[i]) + 1;
	p = text = xmalloc(n);
	*p = '\0';
	for (size_t i = 0; i < lines.n; i++)
		p += sprintf(p, "%s\n", lines.v[i]);
	*len = (size_t)(p - text);
	strvec_clear(&lines);
	return text;
}

void fuzz_conf_round_trip(const struct conf_set *cs, const char *target)
{
	static int dumpfd = -1;
	static char dumpfd_path[64];
	struct conf_set *again;
	char *d1, *d2;
	size_t l1, l2;

	if (dumpfd < 0)
		dumpfd = fuzz_memfd("fuzz-dump", dumpfd_path,
		    sizeof(dumpfd_path));
	d1 = dump_all(cs, &l1);
	fuzz_memfd_put(dumpfd, d1, l1);
	again = fuzz_conf_load(dumpfd_path, NULL);
	d2 = dump_all(again, &l2);
	if (again->nsvcs != cs->nsvcs || again->errors != 0 || l1 != l2 ||
	    memcmp(d1, d2, l1) != 0)
		fuzz_fail(target,
		    "the dump does not load back the same: "
		    "%zu services, then %zu with %u errors\n"
		    "--- first dump\n%s--- dump after loading it\n%s---",
		    cs->nsvcs, again->nsvcs, again->errors, d1, d2);
	free(d1);
	free(d2);
	conf_free(again);
}

/* ---- the resolver (see the top of the file) ----------------------------- */

typedef int (*gai_fn)(const char *, const char *, const struct addrinfo *,
    struct addrinfo **);

/* Under "test." (RFC 6761): "test", "a.test", "A.B.TEST." */
static bool in_test_domain(const char *node)
{
	size_t n = strlen(node);

	if (n > 0 && node[n - 1] == '.')
		n--;
	if (n == 4)
		return strncasecmp(node, "test", 4) == 0;
	return n > 5 && strncasecmp(node + n - 5, ".test", 5) == 0;
}

int getaddrinfo(const char *node, const char *service,
    const struct addrinfo *hints, struct addrinfo **res)
{
	static gai_fn real;
	struct addrinfo h;

	if (real == NULL) {
		real = (gai_fn)dlsym(RTLD_NEXT, "getaddrinfo");
		if (real == NULL)
			return EAI_SYSTEM;
	}
	if (node == NULL || strcasecmp(node, "localhost") == 0)
		return real(node, service, hints, res);
	if (hints != NULL) {
		h = *hints;
	} else {
		memset(&h, 0, sizeof(h));
		h.ai_family = AF_UNSPEC;
	}
	h.ai_flags |= AI_NUMERICHOST;
	if (in_test_domain(node))
		node = h.ai_family == AF_INET6 ? "2001:db8::1" : "192.0.2.1";
	return real(node, service, &h, res);
}

struct netent *getnetbyname(const char *name)
{
	static const struct {
		const char *name;
		int type;
		uint32_t net;
	} table[] = {
		{ "default", AF_INET, 0 },
		{ "loopback", AF_INET, 127 },
		{ "link-local", AF_INET, 0xa9fe },
		{ "test-net", AF_INET, 0xc00002 },
		{ "six", AF_INET6, 0x20010db8 },
	};
	static struct netent ne;
	static char namebuf[32];
	static char *aliases[] = { NULL };

	if (name == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (strcasecmp(name, table[i].name) != 0)
			continue;
		snprintf(namebuf, sizeof(namebuf), "%s", table[i].name);
		ne.n_name = namebuf;
		ne.n_aliases = aliases;
		ne.n_addrtype = table[i].type;
		ne.n_net = table[i].net;
		return &ne;
	}
	return NULL;
}

/* ---- users, groups, protocols, services (see the top of the file) ------- */

static const struct { const char *name; int id, gid; } users[] = {
	{ "root", 0, 0 }, { "daemon", 1, 1 }, { "bin", 2, 2 },
	{ "nobody", 65534, 65534 }, { "fuzz", 1000, 1000 },
}, groups[] = {
	{ "root", 0, 0 }, { "daemon", 1, 0 }, { "bin", 2, 0 },
	{ "users", 100, 0 }, { "nogroup", 65534, 0 }, { "fuzz", 1000, 0 },
};
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static struct passwd *user_at(size_t i)
{
	static struct passwd pw;
	static char name[16], dir[] = "/", shell[] = "/bin/sh", none[] = "";

	snprintf(name, sizeof(name), "%s", users[i].name);
	pw = (struct passwd){ .pw_name = name, .pw_passwd = none,
	    .pw_uid = (uid_t)users[i].id, .pw_gid = (gid_t)users[i].gid,
	    .pw_gecos = none, .pw_dir = dir, .pw_shell = shell };
	return &pw;
}

struct passwd *getpwnam(const char *name)
{
	for (size_t i = 0; i < N_OF(users); i++)
		if (strcmp(name, users[i].name) == 0)
			return user_at(i);
	return NULL;
}

struct passwd *getpwuid(uid_t uid)
{
	for (size_t i = 0; i < N_OF(users); i++)
		if ((uid_t)users[i].id == uid)
			return user_at(i);
	return NULL;
}

struct group *getgrnam(const char *name)
{
	static struct group gr;
	static char gname[16], none[] = "";
	static char *members[] = { NULL };

	for (size_t i = 0; i < N_OF(groups); i++) {
		if (strcmp(name, groups[i].name) != 0)
			continue;
		snprintf(gname, sizeof(gname), "%s", groups[i].name);
		gr = (struct group){ .gr_name = gname, .gr_passwd = none,
		    .gr_gid = (gid_t)groups[i].id, .gr_mem = members };
		return &gr;
	}
	return NULL;
}

/* Names and aliases as in Debian's /etc/protocols, which are exact. */
struct protoent *getprotobyname(const char *name)
{
	static const struct { const char *name, *alias; int num; } t[] = {
		{ "ip", "IP", 0 }, { "icmp", "ICMP", 1 }, { "tcp", "TCP", 6 },
		{ "udp", "UDP", 17 }, { "ipv6", "IPv6", 41 },
		{ "ipv6-icmp", "IPv6-ICMP", 58 }, { "sctp", "SCTP", 132 },
	};
	static struct protoent pe;
	static char pname[16];
	static char *aliases[] = { NULL };

	for (size_t i = 0; i < N_OF(t); i++) {
		if (strcmp(name, t[i].name) != 0 &&
		    strcmp(name, t[i].alias) != 0)
			continue;
		snprintf(pname, sizeof(pname), "%s", t[i].name);
		pe = (struct protoent){ .p_name = pname, .p_aliases = aliases,
		    .p_proto = t[i].num };
		return &pe;
	}
	return NULL;
}

/* A few of /etc/services, each for tcp and udp (proto NULL: either). */
struct servent *getservbyname(const char *name, const char *proto)
{
	static const struct { const char *name; int port; } t[] = {
		{ "echo", 7 }, { "discard", 9 }, { "daytime", 13 },
		{ "chargen", 19 }, { "ftp", 21 }, { "ssh", 22 },
		{ "telnet", 23 }, { "smtp", 25 }, { "time", 37 },
		{ "domain", 53 }, { "tftp", 69 }, { "finger", 79 },
		{ "http", 80 }, { "pop3", 110 }, { "sunrpc", 111 },
		{ "auth", 113 }, { "ntp", 123 }, { "imap2", 143 },
		{ "tcpmux", 1 }, { "login", 513 }, { "shell", 514 },
		{ "exec", 512 }, { "rsync", 873 }, { "cvspserver", 2401 },
		{ "git", 9418 },
	};
	static struct servent se;
	static char sname[16], sproto[8];
	static char *aliases[] = { NULL };

	if (proto != NULL && strcmp(proto, "tcp") != 0 &&
	    strcmp(proto, "udp") != 0)
		return NULL;
	for (size_t i = 0; i < N_OF(t); i++) {
		if (strcmp(name, t[i].name) != 0)
			continue;
		snprintf(sname, sizeof(sname), "%s", t[i].name);
		snprintf(sproto, sizeof(sproto), "%s", proto ? proto : "tcp");
		se = (struct servent){ .s_name = sname, .s_aliases = aliases,
		    .s_port = (int)htons((uint16_t)t[i].port),
		    .s_proto = sproto };
		return &se;
	}
	return NULL;
}
