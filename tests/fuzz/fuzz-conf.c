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
 * Host names: fuzz-common.c's resolver answers (numeric addresses,
 * "localhost", names under "test."); nothing becomes a DNS query.
 *
 * Built twice: with clang -fsanitize=fuzzer (tests/fuzz/run-fuzz), and with
 * the normal compiler and replay.c as fuzz-conf-replay, which "make check"
 * runs over tests/fuzz/corpus-conf/.
 */
#include "config.h"

#include <ftw.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf/conf.h"
#include "fuzz.h"

/* Longer inputs are ignored: libFuzzer runs with -max_len=65536. */
#define MAX_INPUT (1024 * 1024)
#define PLACEHOLDER "@@"

static char tree[256];		/* the private directory, no trailing '/' */
static int memfd = -1;
static char memfd_path[64];

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
		fuzz_die(path);
	va_start(ap, fmt);
	vfprintf(fp, fmt, ap);
	va_end(ap);
	if (fclose(fp) != 0)
		fuzz_die(path);
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
		fuzz_die("mkdtemp");
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
		fuzz_die(dir);
	snprintf(dir, sizeof(dir), "%s/d/sub", tree);
	if (mkdir(dir, 0700) != 0)
		fuzz_die(dir);
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

static void setup(void)
{
	if (memfd >= 0)
		return;
	make_tree();
	memfd = fuzz_memfd("fuzz-conf", memfd_path, sizeof(memfd_path));
}

/* Replace every PLACEHOLDER by the private directory; NUL-terminated. */
static char *substitute(const uint8_t *data, size_t size, size_t *outlen)
{
	size_t plen = strlen(PLACEHOLDER), tlen = strlen(tree), n = 0;
	char *out = malloc(size / plen * tlen + size + 1);

	if (out == NULL)
		fuzz_die("malloc");
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
	fuzz_memfd_put(memfd, text, len);
	free(text);

	cs = fuzz_conf_load(memfd_path, NULL);
	fuzz_conf_use(cs);
	if (!cs->fatal)
		fuzz_conf_round_trip(cs, "conf");
	conf_free(cs);
	return 0;
}
