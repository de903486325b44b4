/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * export.h: --export-systemd, the services of a configuration written as
 * systemd socket and service units that do the same job without xinetd
 * (xinetd-export-systemd(8) has the mapping and its limits).
 */
#ifndef XINETD_EXPORT_H
#define XINETD_EXPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "conf/conf.h"
#include "util.h"

/* What the mapping needs to know about the host, filled by the caller. */
struct export_env {
	const char *proxyd;	/* systemd-socket-proxyd, for redirect */
	bool wrap_rules;	/* TCP wrappers built in, and they have rules */
	bool defaults_cps;	/* the defaults section sets cps */
	/*
	 * The supplementary groups systemd gives user (User=) with primary
	 * group gid, other than gid itself; the count, at most max.
	 */
	int (*user_groups)(const char *user, gid_t gid, gid_t *out, int max);
};

/* The units of one service, or why there are none. */
struct export_units {
	bool exported;		/* false: skipped, warnings say why */
	bool accept;		/* Accept=yes: the service unit is a template */
	char *socket_name;	/* "ID.socket" */
	char *service_name;	/* "ID@.service" or "ID.service" */
	struct strvec socket;	/* the lines of each file, without newlines */
	struct strvec service;
	/* "service ID: ATTR has no systemd equivalent: ...", one per problem */
	struct strvec warnings;
};

/*
 * Map one validated service to its units, named prefix.socket and
 * prefix@.service (wait = no stream) or prefix.service.
 */
void export_render(const struct svc_conf *sc, const char *prefix,
    const struct export_env *env, struct export_units *u);
void export_units_free(struct export_units *u);

/*
 * Load path as the daemon would (conf_load), print every diagnostic on err
 * ("FILE:LINE: level: message" for the configuration's own, "FILE:LINE:
 * service ID: ..." for what systemd cannot express), write the units of
 * every service into dir (created if missing; a file there that this
 * function did not write is never replaced) and their paths on out, then
 * the summary line "FILE: N services, X exported, E errors, W warnings" on
 * err. Returns CHECK_CLEAN, CHECK_WARNINGS or CHECK_ERRORS (dump.h).
 */
int conf_export_systemd(const char *path, const char *inetd_conf,
    const char *dir, FILE *out, FILE *err);

#endif
