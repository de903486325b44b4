/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* redirect.h: the redirect forwarder (reference 4.10), run in a child. */
#ifndef XINETD_REDIRECT_H
#define XINETD_REDIRECT_H

#include "conf/conf.h"

struct fwd_dir;
struct peer;
struct svclog;

/*
 * Connect to the service's target and copy bytes both ways until both
 * directions are closed. Logs TRAFFIC if asked. Returns the exit status
 * for the child.
 */
int redirect_run(const struct svc_conf *sc, struct svclog *log, int client);

/*
 * The lines a session's end and a failed connect give, wherever the
 * session ran: why it ended early (NULL: it did not), TRAFFIC if asked.
 */
void redirect_ended(const struct svc_conf *sc, struct svclog *log,
    const struct peer *to, const char *why, const struct fwd_dir *in,
    const struct fwd_dir *out);
void redirect_unreachable(const struct peer *to, int err);

#endif
