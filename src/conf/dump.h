/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * dump.h: the effective configuration, written back in xinetd.conf syntax
 * (--dump-config and the -d start-up dump), and the check mode (--check)
 * that reports every problem of a configuration without running it.
 */
#ifndef XINETD_DUMP_H
#define XINETD_DUMP_H

#include <stdbool.h>
#include <stdio.h>

#include "conf/conf.h"
#include "util.h"

/*
 * Append the lines (without newlines) of one "service NAME { ... }" block:
 * every attribute whose dump column says it is in effect, in the order of
 * the attribute table. Reading the block back gives the same service.
 */
void conf_dump_service(const struct svc_conf *sc, struct strvec *lines);

/*
 * Append the whole dump: a comment header naming file, then one block per
 * service, blocks separated by an empty line. No defaults block: every
 * inherited value is written into each service.
 */
void conf_dump(const struct conf_set *cs, const char *file,
    struct strvec *lines);

/*
 * A configuration's messages printed on err as "FILE:LINE: level: message"
 * (DEBUG dropped) and counted, so that a summary always agrees with the
 * lines printed: the diag callback of --check and --export-systemd.
 */
struct conf_tally {
	FILE *err;
	unsigned errors;
	unsigned warnings;
};
void conf_tally_diag(void *arg, int level, const char *file, unsigned line,
    const char *msg);

/* Exit statuses of --check and --dump-config (documented in xinetd.8). */
enum {
	CHECK_CLEAN = 0,	/* no error, no warning */
	CHECK_ERRORS = 1,	/* an error, an unreadable file, bad defaults */
	CHECK_WARNINGS = 2,	/* warnings only */
};

/*
 * Load path as the daemon would (conf_load: no socket, no fork, no
 * pidfile), print every diagnostic on err as "FILE:LINE: level: message",
 * then either (dump false) one INFO line on err per service that uses
 * sandbox attributes, which xinetd ignores, and the summary line "FILE: N
 * services, E errors, W warnings" on out, or (dump true) the dump on out
 * and the summary on err. Returns one of the CHECK_* statuses.
 */
int conf_check(const char *path, const char *inetd_conf, bool dump,
    FILE *out, FILE *err);

#endif
