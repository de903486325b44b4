/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * fuzz-conf: libFuzzer target for the configuration reader (conf_load).
 *
 * The input is the main configuration file. It is written to a memfd and
 * loaded through its /proc/self/fd path, so nothing touches the disk per
 * input. Every diagnostic is discarded (after being read, so a bad message
 * string shows up under ASan), and the result is freed again: LSan reports
 * anything the reader leaks.
 *
 * include/includedir: the target creates one private directory per process
 * with a few fixed files (see make_tree()); "@@" anywhere in the input is
 * replaced by that directory's path, so the fuzzer can write
 * "include @@/a" or "includedir @@/d". Any include line naming a path
 * outside that directory makes the input uninteresting (return 0 without
 * loading): "include /dev/zero" or "includedir /proc" would only test the
 * machine, and the results must not depend on it.
 *
 * Round trip: the services kept are dumped (conf_dump_service), the dump is
 * loaded again and dumped again. dump.h promises that reading a block back
 * gives the same service, so the second load must keep every service
 * without an error and give the same dump; anything else aborts, with both
 * dumps on stderr.
 *
 * Host names: getaddrinfo() is wrapped so that only numeric addresses and
 * "localhost" (from /etc/hosts) resolve. Fuzzed only_from/redirect/bind
 * values would otherwise become DNS queries: slow, and not deterministic.
 *
 * Built twice: with clang -fsanitize=fuzzer (tests/fuzz/run-fuzz), and with
 * the normal compiler and replay.c as fuzz-conf-replay, which "make check"
 * runs over tests/fuzz/corpus-conf/.
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf/conf.h"
#include "conf/dump.h"
#include "fuzz.h"

/* Longer inputs are ignored: libFuzzer runs with -max_len=65536. */
#define MAX_INPUT (1024 * 1024)
#define PLACEHOLDER "@@"

static char tree[256];		/* the private directory, no trailing '/' */
static int memfd = -1, dumpfd = -1;
static char memfd_path[64], dumpfd_path[64];
static bool verbose;		/* XT_FUZZ_VERBOSE=1: print the diagnostics */

static void die(const char *what)
{
	fprintf(stderr, "fuzz-conf: %s: %s\n", what, strerror(errno));
	abort();
}

static void put_file(const char *name, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void put_file(const char *name, const char *fmt, ...)
{
	char path[512];
	va_list ap;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", tree, name);
	fp = fopen(path, "we");
	if (fp == NULL)
		die(path);
	va_start(ap, fmt);
	vfprintf(fp, fmt, ap);
	va_end(ap);
	if (fclose(fp) != 0)
		die(path);
}

static int rm_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		(void)rmdir(path);
	else
		(void)unlink(path);
	return 0;
}

static void remove_tree(void)
{
	if (tree[0] != '\0')
		(void)nftw(tree, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * The private directory:
 *   a        a defaults block and a good service
 *   b        includes a, itself (a loop) and the directory d
 *   d/       includedir target: x and w are read; y.conf, z~ and .h are
 *            skipped; sub is not a regular file; w includes b (a loop)
 *   c0..c19  a chain of includes deeper than the reader's limit
 *   e        empty
 */
static void make_tree(void)
{
	const char *tmp = getenv("TMPDIR");
	char dir[512];

	snprintf(tree, sizeof(tree), "%s/xt-fuzz-conf.XXXXXX",
	    tmp != NULL && tmp[0] == '/' ? tmp : "/tmp");
	if (mkdtemp(tree) == NULL)
		die("mkdtemp");
	atexit(remove_tree);

	put_file("a",
	    "# a: defaults and one good service\n"
	    "defaults\n{\n"
	    "\tinstances = 10\n"
	    "\tonly_from += 127.0.0.1\n"
	    "\tlog_on_success += PID\n"
	    "}\n"
	    "service fuzz-a\n{\n"
	    "\ttype = UNLISTED\n\tsocket_type = stream\n\twait = no\n"
	    "\tport = 4000\n\tuser = 0\n\tserver = /bin/true\n"
	    "\tserver_args = a b\n"
	    "}\n");
	put_file("b",
	    "include %s/a\n"
	    "include %s/b\n"
	    "includedir %s/d\n"
	    "service fuzz-b\n{\n"
	    "\tprotocol = udp\n\twait = yes\n\ttype = UNLISTED\n"
	    "\tport = 4001\n\tuser = 0\n\tserver = /bin/true\n"
	    "}\n", tree, tree, tree);
	snprintf(dir, sizeof(dir), "%s/d", tree);
	if (mkdir(dir, 0700) != 0)
		die(dir);
	snprintf(dir, sizeof(dir), "%s/d/sub", tree);
	if (mkdir(dir, 0700) != 0)
		die(dir);
	put_file("d/x",
	    "service fuzz-x\n{\n"
	    "\ttype = UNLISTED\n\tsocket_type = stream\n\twait = no\n"
	    "\tport = 4002\n\tuser = 0\n\tserver = /bin/true\n"
	    "\tenv = A=1\n\tpassenv = PATH\n\tonly_from -= 127.0.0.1\n"
	    "}\n");
	put_file("d/w", "include %s/b\n", tree);
	put_file("d/y.conf", "skipped: has a dot\n");
	put_file("d/z~", "skipped: ends in a tilde\n");
	put_file("d/.h", "skipped: hidden\n");
	for (int i = 0; i < 20; i++) {
		char name[8];
		snprintf(name, sizeof(name), "c%d", i);
		put_file(name, "include %s/c%d\n", tree, i + 1);
	}
	put_file("e", "%s", "");
}

static volatile size_t sink;

static void discard(void *arg, int level, const char *file, unsigned line,
    const char *msg)
{
	(void)arg;
	/* Read the strings, so a dangling or unterminated one is caught. */
	sink += strlen(msg) + (file != NULL ? strlen(file) : 0);
	if (verbose)
		fprintf(stderr, "%d %s:%u: %s\n", level,
		    file != NULL ? file : "-", line, msg);
}

static void setup(void)
{
	if (memfd >= 0)
		return;
	verbose = getenv("XT_FUZZ_VERBOSE") != NULL &&
	    strcmp(getenv("XT_FUZZ_VERBOSE"), "1") == 0;
	make_tree();
	memfd = memfd_create("fuzz-conf", MFD_CLOEXEC);
	if (memfd < 0)
		die("memfd_create");
	snprintf(memfd_path, sizeof(memfd_path), "/proc/self/fd/%d", memfd);
	dumpfd = memfd_create("fuzz-conf-dump", MFD_CLOEXEC);
	if (dumpfd < 0)
		die("memfd_create");
	snprintf(dumpfd_path, sizeof(dumpfd_path), "/proc/self/fd/%d", dumpfd);
}

static void put_memfd(int fd, const char *text, size_t len)
{
	size_t off = 0;

	if (ftruncate(fd, 0) != 0)
		die("ftruncate");
	while (off < len) {
		ssize_t w = pwrite(fd, text + off, len - off, (off_t)off);
		if (w < 0)
			die("pwrite");
		off += (size_t)w;
	}
}

static struct conf_set *load(const char *path)
{
	const struct conf_opts opts = { .diag = discard };
	struct conf_set *cs;
	int err;

	cs = conf_load(path, &opts, &err);
	if (cs == NULL) {
		fprintf(stderr, "fuzz-conf: cannot load %s: %s\n", path,
		    strerror(err));
		abort();
	}
	return cs;
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
	for (size_t i = 0; i < lines.n; i++)
		p += sprintf(p, "%s\n", lines.v[i]);
	*len = (size_t)(p - text);
	strvec_clear(&lines);
	return text;
}

static void round_trip(const struct conf_set *cs)
{
	struct conf_set *again;
	char *d1, *d2;
	size_t l1, l2;

	d1 = dump_all(cs, &l1);
	put_memfd(dumpfd, d1, l1);
	again = load(dumpfd_path);
	d2 = dump_all(again, &l2);
	if (again->nsvcs != cs->nsvcs || again->errors != 0 || l1 != l2 ||
	    memcmp(d1, d2, l1) != 0) {
		fprintf(stderr,
		    "fuzz-conf: the dump does not load back the same: "
		    "%zu services, then %zu with %u errors\n"
		    "--- first dump\n%s--- dump after loading it\n%s---\n",
		    cs->nsvcs, again->nsvcs, again->errors, d1, d2);
		abort();
	}
	free(d1);
	free(d2);
	conf_free(again);
}

/* Replace every PLACEHOLDER by the private directory; NUL-terminated. */
static char *substitute(const uint8_t *data, size_t size, size_t *outlen)
{
	size_t plen = strlen(PLACEHOLDER), tlen = strlen(tree), n = 0;
	char *out = malloc(size / plen * tlen + size + 1);

	if (out == NULL)
		die("malloc");
	for (size_t i = 0; i < size;) {
		if (size - i >= plen && memcmp(data + i, PLACEHOLDER, plen) == 0) {
			memcpy(out + n, tree, tlen);
			n += tlen;
			i += plen;
		} else {
			out[n++] = (char)data[i++];
		}
	}
	out[n] = '\0';
	*outlen = n;
	return out;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The path must be the private directory or lie below it, without "..". */
static bool confined(const char *tok, size_t len)
{
	size_t tlen = strlen(tree);

	if (len < tlen || memcmp(tok, tree, tlen) != 0)
		return false;
	if (len > tlen && tok[tlen] != '/')
		return false;
	for (size_t i = 0; i + 1 < len; i++)
		if (tok[i] == '.' && tok[i + 1] == '.')
			return false;
	return true;
}

/*
 * Split like the lexer (lines end at '\n', a NUL ends the line early, only
 * space and TAB separate tokens) and check every include/includedir line,
 * wherever it is: inside an entry such a line is just a bad attribute, and
 * being strict there costs nothing.
 */
static bool includes_confined(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *le = memchr(p, '\n', (size_t)(end - p));
		const char *next = le != NULL ? le + 1 : end;
		const char *nul;

		if (le == NULL)
			le = end;
		nul = memchr(p, '\0', (size_t)(le - p));
		if (nul != NULL)
			le = nul;
		while (p < le && is_blank(*p))
			p++;
		const char *kw = p;
		while (p < le && !is_blank(*p))
			p++;
		size_t kwlen = (size_t)(p - kw);
		if ((kwlen == 7 && strncasecmp(kw, "include", 7) == 0) ||
		    (kwlen == 10 && strncasecmp(kw, "includedir", 10) == 0)) {
			while (p < le && is_blank(*p))
				p++;
			const char *path = p;
			while (p < le && !is_blank(*p))
				p++;
			if (p > path && !confined(path, (size_t)(p - path)))
				return false;
		}
		p = next;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conf_set *cs;
	size_t len;
	char *text;

	if (size > MAX_INPUT)
		return 0;
	setup();
	text = substitute(data, size, &len);
	if (!includes_confined(text, len)) {
		free(text);
		return 0;
	}
	put_memfd(memfd, text, len);
	free(text);

	cs = load(memfd_path);
	/* What the daemon does with every service it keeps. */
	for (size_t i = 0; i < cs->nsvcs; i++) {
		struct strvec argv = { 0 };
		if (cs->svcs[i]->server == NULL)
			continue;
		conf_server_argv(cs->svcs[i], &argv);
		for (size_t j = 0; j < argv.n; j++)
			sink += strlen(argv.v[j]);
		strvec_clear(&argv);
	}
	if (!cs->fatal)
		round_trip(cs);
	conf_free(cs);
	return 0;
}

/*
 * Only numeric hosts and "localhost" resolve (see the top of the file). The
 * program's definition takes precedence over the C library's (and over a
 * sanitizer's interceptor); the real function is the next one in the
 * lookup order.
 */
typedef int (*gai_fn)(const char *, const char *, const struct addrinfo *,
    struct addrinfo **);

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
	return real(node, service, &h, res);
}
