/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* listen.h: listening sockets for services (reference 4.1). */
#ifndef XINETD_LISTEN_H
#define XINETD_LISTEN_H

#include "conf/conf.h"

/* The listening descriptor, or -1 after logging why (bind retries done). */
int listen_open(const struct svc_conf *sc);

#endif
