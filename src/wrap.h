/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* wrap.h: TCP wrappers (hosts.allow / hosts.deny), reference 4.9. */
#ifndef XINETD_WRAP_H
#define XINETD_WRAP_H

#include <stdbool.h>

#include "conf/conf.h"

/* The daemon name hosts.allow/deny rules are written for. */
const char *wrap_daemon_name(const struct svc_conf *sc);

/* Will wrap_allows consult hosts.allow/deny for this service? */
bool wrap_active(const struct svc_conf *sc);

/*
 * True if the wrappers let the client on fd in (always true when built
 * without libwrap). A refusal is logged here. May block (DNS): child only.
 */
bool wrap_allows(const struct svc_conf *sc, int fd, const char *peer_text);

#endif
