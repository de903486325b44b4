/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * rpc.h: portmapper registration of RPC services (reference 2.2, type RPC).
 * Without libtirpc at build time, RPC services are refused at load time.
 */
#ifndef XINETD_RPC_H
#define XINETD_RPC_H

#include <stdbool.h>

#include "conf/conf.h"

/* Register every version of sc on port; false (all undone) if one fails. */
bool rpc_register(const struct svc_conf *sc, int port);
void rpc_unregister(const struct svc_conf *sc);

#endif
