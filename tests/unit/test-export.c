/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * test-export.c: the pure parts of --export-systemd (src/conf/sdunit.c and
 * export_render), table by table: quoting for ExecStart=/Environment=,
 * unit-name escaping (the expected values are systemd-escape's output),
 * listen addresses, the only_from/no_access arithmetic, and whole services
 * rendered from small configurations.
 */
#include "config.h"

#include <arpa/inet.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "addrmatch.h"
#include "conf/conf.h"
#include "conf/export.h"
#include "conf/sdunit.h"
#include "util.h"

/* ---- quoting ------------------------------------------------------- */

static const struct {
	const char *in;
	unsigned flags;
	const char *out;
} quote_cases[] = {
	{ "plain", 0, "plain" },
	{ "/usr/sbin/in.ftpd", 0, "/usr/sbin/in.ftpd" },
	{ "-l", SDQ_DOLLAR, "-l" },
	{ "--opt=a,b:c@d+e", SDQ_DOLLAR, "--opt=a,b:c@d+e" },
	{ "", SDQ_DOLLAR, "\"\"" },
	{ "two words", SDQ_DOLLAR, "\"two words\"" },
	{ "100%", SDQ_DOLLAR, "100%%" },
	{ "$HOME", SDQ_DOLLAR, "$$HOME" },
	{ "$HOME", 0, "$HOME" },
	{ "a \"b\"", 0, "\"a \\\"b\\\"\"" },
	{ "back\\slash", 0, "\"back\\\\slash\"" },
	{ ";", SDQ_DOLLAR, "\";\"" },
	{ "it's", 0, "\"it's\"" },
	{ "tab\there", 0, "\"tab\\x09here\"" },
	{ "\xc3\xa9t\xc3\xa9", 0, "\"\\xc3\\xa9t\\xc3\\xa9\"" },
	{ "\xff", 0, "\"\\xff\"" },
	{ "A=1 %d $x", SDQ_DOLLAR, "\"A=1 %%d $$x\"" },
	{ "FOO=bar baz", 0, "\"FOO=bar baz\"" },
};

static void test_quote(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(quote_cases) / sizeof(quote_cases[0]);
	    i++) {
		char *q = sdu_quote(quote_cases[i].in, quote_cases[i].flags);

		if (strcmp(q, quote_cases[i].out) != 0)
			fail_msg("quote(%s): got [%s], want [%s]",
			    quote_cases[i].in, q, quote_cases[i].out);
		free(q);
	}
}

static void test_specifiers(void **state)
{
	char *s;

	(void)state;
	s = sdu_specifiers("50% of a\tb");
	assert_string_equal(s, "50%% of a?b");
	free(s);
	s = sdu_specifiers("caf\xc3\xa9");
	assert_string_equal(s, "caf\xc3\xa9");
	free(s);
	s = sdu_specifiers("caf\xe9");
	assert_string_equal(s, "caf?");
	free(s);
}

static const struct {
	const char *s;
	bool name, utf8;
} env_cases[] = {
	{ "PATH", true, true },
	{ "_x1", true, true },
	{ "1A", false, true },
	{ "A-B", false, true },
	{ "", false, true },
	{ "caf\xc3\xa9", false, true },
	{ "\xc3\x28", false, false },		/* bad continuation */
	{ "\xc0\xaf", false, false },		/* overlong '/' */
	{ "\xed\xa0\x80", false, false },	/* surrogate */
	{ "\xef\xbf\xbf", false, false },	/* U+FFFF */
	{ "\xf4\x90\x80\x80", false, false },	/* beyond U+10FFFF */
	{ "\xf0\x9f\x98\x80", false, true },	/* U+1F600 */
};

static void test_env_names(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(env_cases) / sizeof(env_cases[0]); i++) {
		const char *s = env_cases[i].s;

		if (sdu_env_name_ok(s, strlen(s)) != env_cases[i].name)
			fail_msg("env name %s", s);
		if (sdu_utf8_ok(s) != env_cases[i].utf8)
			fail_msg("utf8 case %zu", i);
	}
}

/* ---- unit names: systemd-escape(1) gives the escaped ones -------- */

static const struct {
	const char *id, *prefix;
} name_cases[] = {
	{ "hello", "hello" },
	{ "hello-name", "hello-name" },
	{ "6667", "6667" },
	{ "my_svc:1.0", "my_svc:1.0" },
	{ "a b", "a\\x20b" },
	{ "a b-c", "a\\x20b\\x2dc" },
	{ ".hidden", "\\x2ehidden" },
	{ "x@y", "x\\x40y" },
	{ "a/b", "a-b" },
	{ "\xc3\xbcmlaut", "\\xc3\\xbcmlaut" },
	{ "a\\x20b", "a\\x5cx20b" },
	{ "tab\tx", "tab\\x09x" },
};

static void test_unit_prefix(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(name_cases) / sizeof(name_cases[0]);
	    i++) {
		char *p = sdu_unit_prefix(name_cases[i].id);

		if (strcmp(p, name_cases[i].prefix) != 0)
			fail_msg("prefix(%s): got [%s], want [%s]",
			    name_cases[i].id, p, name_cases[i].prefix);
		free(p);
	}
}

/* ---- listen addresses ---------------------------------------------- */

static const struct {
	const char *bind;	/* numeric, or NULL */
	unsigned flags;
	int port;
	const char *want;	/* NULL: cannot be listened on */
	bool ipv6;
} listen_cases[] = {
	{ NULL, 0, 60321, "60321", true },
	{ NULL, SVC_F_IPV6, 23, "23", true },
	{ NULL, SVC_F_IPV4, 10000, "0.0.0.0:10000", false },
	{ "127.0.0.1", 0, 23, "127.0.0.1:23", false },
	{ "0.0.0.0", 0, 9999, "0.0.0.0:9999", false },
	{ "::1", 0, 2000, "[::1]:2000", true },
	{ "::", 0, 2000, "[::]:2000", true },
	{ "::ffff:192.0.2.1", 0, 7, "[::ffff:192.0.2.1]:7", true },
	{ "fe80::1%1", 0, 80, "[fe80::1]:80%%lo", true },
	{ NULL, 0, 0, NULL, false },
};

static void bind_numeric(struct svc_conf *sc, const char *addr)
{
	struct addrinfo hints = { .ai_flags = AI_NUMERICHOST }, *res;

	assert_int_equal(getaddrinfo(addr, NULL, &hints, &res), 0);
	memcpy(&sc->bind_addr, res->ai_addr, res->ai_addrlen);
	sc->bind_len = res->ai_addrlen;
	freeaddrinfo(res);
}

static void test_listen(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(listen_cases) / sizeof(listen_cases[0]);
	    i++) {
		struct svc_conf sc;
		char buf[128];
		bool ipv6 = false, ok;

		memset(&sc, 0, sizeof(sc));
		sc.flags = listen_cases[i].flags;
		sc.port = listen_cases[i].port;
		if (listen_cases[i].bind != NULL)
			bind_numeric(&sc, listen_cases[i].bind);
		ok = sdu_listen(&sc, buf, sizeof(buf), &ipv6);
		if (listen_cases[i].want == NULL) {
			assert_false(ok);
			continue;
		}
		assert_true(ok);
		if (strcmp(buf, listen_cases[i].want) != 0 ||
		    ipv6 != listen_cases[i].ipv6)
			fail_msg("listen case %zu: got [%s] ipv6=%d", i, buf,
			    ipv6);
	}
}

/* ---- address lists ------------------------------------------------- */

/* "a b c" as an addrlist (numeric tokens only: no DNS in unit tests). */
static void parse_list(struct addrlist *l, const char *words)
{
	char *copy = xstrdup(words), *save = NULL, err[256];

	for (char *w = strtok_r(copy, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save))
		assert_int_equal(addrlist_add(l, w, err, sizeof(err)), ADDR_OK);
	free(copy);
}

static char *format_list(const struct sdu_netlist *l)
{
	char *s = xstrdup(""), net[64], *next;

	for (size_t i = 0; i < l->n; i++) {
		sdu_net_format(&l->v[i], net, sizeof(net));
		next = xasprintf("%s%s%s", s, i ? " " : "", net);
		free(s);
		s = next;
	}
	return s;
}

static const struct {
	const char *from, *deny;
	enum sdu_peers peers;
	const char *want;	/* from minus deny */
} access_cases[] = {
	{ "127.0.0.1 ::1 10.0.0.0/8", "", SDU_PEERS_DUAL,
	    "127.0.0.1 ::1 10.0.0.0/8" },
	{ "127.0.0.1 ::1", "", SDU_PEERS_V4, "127.0.0.1" },
	{ "127.0.0.1 ::1", "", SDU_PEERS_V6, "::1" },
	/* zero wildcard: 10.0.0.0 is 10/8 */
	{ "10.0.0.0", "10.1.0.0/16", SDU_PEERS_V4,
	    "10.128.0.0/9 10.64.0.0/10 10.32.0.0/11 10.16.0.0/12 "
	    "10.8.0.0/13 10.4.0.0/14 10.2.0.0/15 10.0.0.0/16" },
	{ "192.0.2.0/24", "192.0.2.0/23", SDU_PEERS_V4, "" },
	{ "192.0.2.0/24", "198.51.100.1", SDU_PEERS_V4, "192.0.2.0/24" },
	{ "192.0.2.0/30", "192.0.2.1", SDU_PEERS_V4,
	    "192.0.2.2/31 192.0.2.0" },
	/* the v4-mapped part of an IPv6 entry admits IPv4 clients */
	{ "::ffff:192.0.2.0/120", "", SDU_PEERS_DUAL,
	    "::ffff:192.0.2.0/120 192.0.2.0/24" },
	{ "::/0", "", SDU_PEERS_DUAL, "::/0 0.0.0.0/0" },
	{ "2001:db8::/32", "", SDU_PEERS_DUAL, "2001:db8::/32" },
	{ "0.0.0.0", "", SDU_PEERS_DUAL, "0.0.0.0/0" },
	/* duplicates and contained entries collapse */
	{ "10.0.0.0/8 10.1.2.3 10.0.0.0/8", "", SDU_PEERS_V4, "10.0.0.0/8" },
	{ "2001:db8::/126", "2001:db8::2", SDU_PEERS_V6,
	    "2001:db8::/127 2001:db8::3" },
};

static void test_access_lists(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(access_cases) / sizeof(access_cases[0]);
	    i++) {
		struct addrlist from = { 0 }, deny = { 0 };
		struct sdu_netlist f = { 0 }, d = { 0 }, out = { 0 };
		char *got;

		parse_list(&from, access_cases[i].from);
		parse_list(&deny, access_cases[i].deny);
		assert_int_equal(sdu_netlist_from(&f, &from,
		    access_cases[i].peers), 0);
		assert_int_equal(sdu_netlist_from(&d, &deny,
		    access_cases[i].peers), 0);
		assert_true(sdu_netlist_subtract(&out, &f, &d, 4096));
		got = format_list(&out);
		if (strcmp(got, access_cases[i].want) != 0)
			fail_msg("access case %zu: got [%s], want [%s]", i, got,
			    access_cases[i].want);
		free(got);
		addrlist_free(&from);
		addrlist_free(&deny);
		sdu_netlist_free(&f);
		sdu_netlist_free(&d);
		sdu_netlist_free(&out);
	}
}

static void test_access_bound(void **state)
{
	struct sdu_netlist f = { 0 }, d = { 0 }, out = { 0 };
	unsigned char a[16] = { 0 };

	(void)state;
	sdu_netlist_add(&f, AF_INET6, a, 0);
	a[15] = 1;
	sdu_netlist_add(&d, AF_INET6, a, 128);
	/* ::/0 minus ::1 takes 128 prefixes */
	assert_false(sdu_netlist_subtract(&out, &f, &d, 100));
	assert_int_equal(out.n, 0);
	assert_true(sdu_netlist_subtract(&out, &f, &d, 128));
	assert_int_equal(out.n, 128);
	sdu_netlist_free(&f);
	sdu_netlist_free(&d);
	sdu_netlist_free(&out);
}

/* ---- whole services ------------------------------------------------ */

static int no_groups(const char *user, gid_t gid, gid_t *out, int max)
{
	(void)user;
	(void)gid;
	(void)out;
	(void)max;
	return 0;
}

static int two_groups(const char *user, gid_t gid, gid_t *out, int max)
{
	(void)user;
	(void)gid;
	assert_true(max >= 2);
	out[0] = 4242;
	out[1] = 4343;
	return 2;
}

static const struct export_env test_env = {
	.proxyd = "/bin/true", .user_groups = no_groups,
};

static const struct export_env groups_env = {
	.proxyd = "/bin/true", .user_groups = two_groups,
};

static const struct export_env wrap_env = {
	.proxyd = "/bin/true", .user_groups = no_groups, .wrap_rules = true,
};

/*
 * A case: the body of one service (type UNLISTED, port 40000, user =
 * the current user and server = /bin/echo unless given), then lines
 * every unit must contain ("S:" socket, "V:" service, "W:" a warning
 * substring, "!S:"/"!V:" must not contain, "-" not exported).
 */
struct render_case {
	const char *name;
	const char *body;
	const struct export_env *env;
	const char *expect[16];
};

static const struct render_case render_cases[] = {
	{ "stream wait = no", "socket_type = stream\nwait = no\n"
	    "instances = 7\nper_source = 3\n", &test_env, {
	    "S:ListenStream=40000", "S:BindIPv6Only=both", "S:Accept=yes",
	    "S:MaxConnections=7", "S:MaxConnectionsPerSource=3",
	    "S:WantedBy=sockets.target", "V:ExecStart=@/bin/echo echo",
	    "V:StandardInput=socket", "V:StandardError=socket",
	    "V:IgnoreSIGPIPE=no", "V:CollectMode=inactive-or-failed",
	    "!S:TriggerLimit" } },
	{ "dgram wait = yes", "socket_type = dgram\nwait = yes\n"
	    "flags = IPv4\n", &test_env, {
	    "S:ListenDatagram=0.0.0.0:40000", "S:Accept=no",
	    "!S:BindIPv6Only", "!S:MaxConnections", "V:StandardInput=socket",
	    "!V:CollectMode" } },
	{ "v6only and flags", "socket_type = stream\nwait = no\n"
	    "v6only = yes\nflags = KEEPALIVE NODELAY REUSE\n", &test_env, {
	    "S:ListenStream=40000", "S:BindIPv6Only=ipv6-only",
	    "S:KeepAlive=yes", "S:NoDelay=yes", "!S:ReusePort" } },
	{ "bind", "socket_type = stream\nwait = no\nbind = 127.0.0.1\n",
	    &test_env, { "S:ListenStream=127.0.0.1:40000",
	    "!S:BindIPv6Only" } },
	{ "server_args", "socket_type = stream\nwait = no\n"
	    "server_args = -n \"%i\" $HOME a\\b\n", &test_env, {
	    "V:ExecStart=@/bin/echo echo -n "
	    "\"\\\"%%i\\\"\" $$HOME \"a\\\\b\"" } },
	{ "NAMEINARGS", "socket_type = stream\nwait = no\n"
	    "flags = NAMEINARGS\nserver = /bin/sh\nserver_args = -sh -c :\n",
	    &test_env, { "V:ExecStart=@/bin/sh -sh -c :" } },
	{ "process settings", "socket_type = stream\nwait = no\n"
	    "nice = -99\numask = 27\nrlimit_as = 256M\nrlimit_cpu = 20\n"
	    "rlimit_files = UNLIMITED\nrlimit_stack = 8K\n", &test_env, {
	    "V:Nice=-20", "V:UMask=0027", "V:LimitAS=268435456",
	    "V:LimitCPU=20", "V:LimitNOFILE=infinity", "V:LimitSTACK=8192" } },
	{ "environment", "socket_type = stream\nwait = no\n"
	    "env = A=1 B=two%2 1BAD=x\npassenv = PATH bad-name\n", &test_env, {
	    "V:Environment=A=1", "V:Environment=B=two%%2",
	    "V:PassEnvironment=PATH", "W:env has no systemd equivalent",
	    "W:passenv has no systemd equivalent", "!V:1BAD" } },
	{ "access lists", "socket_type = stream\nwait = no\n"
	    "only_from = 10.0.0.0/8 ::1\nno_access = 10.1.0.0/16\n",
	    &test_env, {
	    "S:IPAddressAllow=10.128.0.0/9", "S:IPAddressDeny=any" } },
	{ "no_access only", "socket_type = stream\nwait = no\n"
	    "no_access = 192.0.2.1\n", &test_env, {
	    "S:IPAddressDeny=192.0.2.1", "!S:IPAddressAllow" } },
	{ "empty only_from", "socket_type = stream\nwait = no\n"
	    "only_from =\n", &test_env, {
	    "S:IPAddressDeny=any", "!S:IPAddressAllow" } },
	{ "access lists, wait = yes stream", "socket_type = stream\n"
	    "wait = yes\nonly_from = 127.0.0.1\n", &test_env, {
	    "!S:IPAddressDeny",
	    "S:# only_from and no_access are not checked" } },
	{ "cps", "socket_type = stream\nwait = no\ncps = 10 30\n", &test_env, {
	    "S:TriggerLimitIntervalSec=1s", "S:TriggerLimitBurst=10",
	    "W:cps is only approximated" } },
	{ "cps 0", "socket_type = stream\nwait = no\ncps = 0 0\n", &test_env, {
	    "S:TriggerLimitIntervalSec=0", "!S:TriggerLimitBurst" } },
	{ "lost", "socket_type = stream\nwait = no\n"
	    "access_times = 8:00-17:00\nmax_load = 3\nbanner = /etc/issue\n",
	    &test_env, { "W:access_times has no systemd equivalent",
	    "W:max_load has no systemd equivalent",
	    "W:banner has no systemd equivalent",
	    "S:# Not exported: access_times = 8:00-17:00 -- systemd" } },
	{ "banner on a wait service", "socket_type = dgram\nwait = yes\n"
	    "banner = /etc/issue\n", &test_env, { "!W:banner" } },
	{ "log lines", "socket_type = stream\nwait = no\n"
	    "log_type = SYSLOG daemon\nlog_on_success = PID USERID\n",
	    &test_env, { "W:log_type has no systemd equivalent",
	    "W:log_on_success has no systemd equivalent" } },
	{ "libwrap", "socket_type = stream\nwait = no\n", &wrap_env, {
	    "W:libwrap has no systemd equivalent", "W:daemon name echo" } },
	{ "NOLIBWRAP", "socket_type = stream\nwait = no\nflags = NOLIBWRAP\n",
	    &wrap_env, { "!W:libwrap" } },
	{ "negative nice", "socket_type = stream\nwait = no\nuser = nobody\n"
	    "nice = -5\n", &test_env, { "!V:Nice=", "W:nice has no systemd"
	    " equivalent" } },
	{ "groups = no", "socket_type = stream\nwait = no\n", &groups_env, {
	    "W:groups has no systemd equivalent" } },
	{ "groups = yes", "socket_type = stream\nwait = no\ngroups = yes\n",
	    &groups_env, { "!W:groups" } },
	{ "redirect", "socket_type = stream\nwait = no\n"
	    "redirect = 127.0.0.1 2222\ninstances = 5\nper_source = 2\n",
	    &test_env, { "S:Accept=no", "!S:MaxConnections",
	    "V:ExecStart=/bin/true --connections-max=5 127.0.0.1:2222",
	    "!V:StandardInput", "!V:IgnoreSIGPIPE",
	    "W:per_source has no systemd equivalent" } },
	{ "internal", "type = INTERNAL UNLISTED\nsocket_type = stream\n"
	    "wait = no\n", &test_env, { "-",
	    "W:type has no systemd equivalent" } },
	{ "instances 0", "socket_type = stream\nwait = no\ninstances = 0\n",
	    &test_env, { "-", "W:instances has no systemd equivalent" } },
};

/* Does one line of body start with "attr ="? */
static bool body_sets(const char *body, const char *attr)
{
	size_t n = strlen(attr);

	for (const char *l = body; l != NULL && *l != '\0';
	    l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (strncmp(l, attr, n) == 0 && strncmp(l + n, " =", 2) == 0)
			return true;
	return false;
}

static void print_diag(void *arg, int level, const char *file,
    unsigned line, const char *msg)
{
	(void)arg;
	(void)level;
	print_message("conf: %s:%u: %s\n", file ? file : "-", line, msg);
}

/* Write the case's service, load it, render it. */
static struct conf_set *load_case(const struct render_case *c, char *path,
    size_t len)
{
	struct conf_set *cs;
	FILE *fp;
	int fd, e;

	snprintf(path, len, "%s/xt-export-XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fprintf(fp, "service echo\n{\nport = 40000\n");
	if (!body_sets(c->body, "user"))
		fprintf(fp, "user = %d\n", (int)getuid());
	if (!body_sets(c->body, "type"))
		fprintf(fp, "type = UNLISTED\n");
	if (!body_sets(c->body, "server") && !body_sets(c->body, "redirect") &&
	    strstr(c->body, "INTERNAL") == NULL)
		fprintf(fp, "server = /bin/echo\n");
	fprintf(fp, "%s}\n", c->body);
	fclose(fp);
	cs = conf_load(path, &(struct conf_opts){ .diag = print_diag }, &e);
	assert_non_null(cs);
	return cs;
}

static bool has_line(const struct strvec *u, const char *text)
{
	for (size_t i = 0; i < u->n; i++)
		if (strncmp(u->v[i], text, strlen(text)) == 0)
			return true;
	return false;
}

static bool has_substring(const struct strvec *u, const char *text)
{
	for (size_t i = 0; i < u->n; i++)
		if (strstr(u->v[i], text) != NULL)
			return true;
	return false;
}

static void dump_units(const struct export_units *u)
{
	for (size_t i = 0; i < u->socket.n; i++)
		print_message("S| %s\n", u->socket.v[i]);
	for (size_t i = 0; i < u->service.n; i++)
		print_message("V| %s\n", u->service.v[i]);
	for (size_t i = 0; i < u->warnings.n; i++)
		print_message("W| %s\n", u->warnings.v[i]);
}

static bool expectation_holds(const struct export_units *u, const char *e)
{
	bool neg = e[0] == '!';

	if (neg)
		e++;
	if (strcmp(e, "-") == 0)
		return !u->exported;
	if (strncmp(e, "S:", 2) == 0)
		return has_line(&u->socket, e + 2) != neg;
	if (strncmp(e, "V:", 2) == 0)
		return has_line(&u->service, e + 2) != neg;
	if (strncmp(e, "W:", 2) == 0)
		return has_substring(&u->warnings, e + 2) != neg;
	fail_msg("bad expectation %s", e);
	return false;
}

static void test_render(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(render_cases) / sizeof(render_cases[0]);
	    i++) {
		const struct render_case *c = &render_cases[i];
		struct export_units u;
		char path[PATH_MAX];
		struct conf_set *cs = load_case(c, path, sizeof(path));

		if (cs->nsvcs != 1)
			fail_msg("%s: the service did not load", c->name);
		export_render(cs->svcs[0], "echo", c->env, &u);
		for (size_t k = 0; k < 16 && c->expect[k] != NULL; k++) {
			if (!expectation_holds(&u, c->expect[k])) {
				dump_units(&u);
				fail_msg("%s: %s", c->name, c->expect[k]);
			}
		}
		if (u.exported) {
			assert_string_equal(u.socket_name, "echo.socket");
			assert_string_equal(u.service_name, u.accept ?
			    "echo@.service" : "echo.service");
			assert_true(strncmp(u.socket.v[0], "# Generated by ",
			    15) == 0);
		}
		export_units_free(&u);
		conf_free(cs);
		unlink(path);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quote),
		cmocka_unit_test(test_specifiers),
		cmocka_unit_test(test_env_names),
		cmocka_unit_test(test_unit_prefix),
		cmocka_unit_test(test_listen),
		cmocka_unit_test(test_access_lists),
		cmocka_unit_test(test_access_bound),
		cmocka_unit_test(test_render),
	};

	return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
