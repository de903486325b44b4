/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * listen.h: listening sockets for services (reference 4.1), bound by the
 * daemon or passed by systemd.
 */
#ifndef XINETD_LISTEN_H
#define XINETD_LISTEN_H

#include "conf/conf.h"

/* The listening descriptor, or -1 after logging why (bind retries done). */
int listen_open(const struct svc_conf *sc);
/*
 * Close what listen_open gave; a socket passed by systemd stays open in
 * the registry (activation.h), for the next service that claims it.
 */
void listen_close(int fd);

#endif
