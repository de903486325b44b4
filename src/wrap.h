/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* wrap.h: TCP wrappers (hosts.allow / hosts.deny), reference 4.9. */
#ifndef XINETD_WRAP_H
#define XINETD_WRAP_H

#include <stdbool.h>

#include "conf/conf.h"
#include <sys/socket.h>

/* The daemon name hosts.allow/deny rules are written for. */
const char *wrap_daemon_name(const struct svc_conf *sc);

/* Will wrap_allows consult hosts.allow/deny for this service? */
bool wrap_active(const struct svc_conf *sc);

/*
 * True if the wrappers let the client on fd in (always true when built
 * without libwrap), options carried out. May block (DNS): child only.
 */
bool wrap_allows(const struct svc_conf *sc, int fd);

enum wrap_verdict {
	WRAP_ALLOW,
	WRAP_DENY,
	/*
	 * Not decided here: the rule that decided has options, or libwrap
	 * cannot be loaded (a child tries, and refuses).
	 */
	WRAP_UNDECIDED,
};

/*
 * The access checker's question (checkerd.c): what do the tables say for
 * daemon name and these two endpoints? Options (spawn, twist, banners,
 * allow/deny words...) are never carried out here: a rule with options
 * gives WRAP_UNDECIDED, for the check to be made where they can act, in the
 * server's own child. May block (DNS): the checker only.
 */
enum wrap_verdict wrap_verdict(const char *daemon,
    const struct sockaddr *local, const struct sockaddr *peer);

/*
 * Load libwrap now (it is not linked) if it is not loaded yet, for the
 * children forked from here on; true without libwrap at build time. A
 * check without it refuses, and says so once.
 */
bool wrap_load(void);

/* Process-wide: options are refused, not carried out (the checker). */
void wrap_checker_mode(void);

#endif
