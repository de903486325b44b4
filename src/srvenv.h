/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* srvenv.h: the servers' environment (reference 4.5). */
#ifndef XINETD_SRVENV_H
#define XINETD_SRVENV_H

#include "conf/conf.h"

/* Capture the daemon's start-up environment, less what is ours alone. */
void srvenv_capture(char **envp);
void srvenv_free(void);

/*
 * passenv selects from it (all of it without passenv), env adds or
 * overrides, then REMOTE_HOST=peer unless peer is NULL.
 */
void srvenv_build(const struct svc_conf *sc, const char *peer,
    struct strvec *env);

#endif
