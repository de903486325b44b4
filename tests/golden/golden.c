/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * golden: load one configuration file and print what the reader says about
 * it, in a form golden.t compares with NAME.expected:
 *
 *   LEVEL FILE:LINE message      one line per diagnostic, in order
 *   LEVEL message                a diagnostic without a location
 *   services: ID ID ...          the ids of the services kept, in order
 *
 * LEVEL is the daemon's level word (CRITICAL, ERROR, WARNING, NOTICE, INFO,
 * DEBUG). The path given on the command line is printed as FILE wherever it
 * appears, in locations and in messages, so the expected files do not
 * depend on where the tree is; included files keep the path they were
 * named by (golden.t runs in tests/golden, so those are relative).
 *
 * Exit status: 0 when the file was read, 1 when it could not be opened.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "conf/conf.h"
#include "util.h"

/* s with every occurrence of path replaced by "FILE". */
static void put_masked(const char *s, const char *path)
{
	size_t plen = strlen(path);
	const char *hit;

	while (plen > 0 && (hit = strstr(s, path)) != NULL) {
		fwrite(s, 1, (size_t)(hit - s), stdout);
		fputs("FILE", stdout);
		s = hit + plen;
	}
	fputs(s, stdout);
}

static void print_diag(void *arg, int level, const char *file, unsigned line,
    const char *msg)
{
	const char *path = arg;

	printf("%s ", log_level_word(level));
	if (file != NULL) {
		put_masked(file, path);
		printf(":%u ", line);
	}
	put_masked(msg, path);
	putchar('\n');
}

int main(int argc, char **argv)
{
	struct conf_opts opts = { .diag = print_diag };
	struct conf_set *cs;
	int err;

	if (argc != 2) {
		fprintf(stderr, "usage: %s CONFIG-FILE\n", argv[0]);
		return 2;
	}
	opts.arg = argv[1];
	cs = conf_load(argv[1], &opts, &err);
	if (cs == NULL) {
		fprintf(stderr, "golden: cannot open %s: %s\n", argv[1],
		    strerror(err));
		return 1;
	}
	fputs("services:", stdout);
	for (size_t i = 0; i < cs->nsvcs; i++) {
		putchar(' ');
		put_masked(cs->svcs[i]->id, argv[1]);
	}
	putchar('\n');
	conf_free(cs);
	return ferror(stdout) ? 1 : 0;
}
