/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* redirect.h: the redirect forwarder (reference 4.10), run in a child. */
#ifndef XINETD_REDIRECT_H
#define XINETD_REDIRECT_H

#include "conf/conf.h"

struct svclog;

/*
 * Connect to the service's target and copy bytes both ways until both
 * directions are closed. Logs TRAFFIC if asked. Returns the exit status
 * for the child.
 */
int redirect_run(const struct svc_conf *sc, struct svclog *log, int client);

#endif
