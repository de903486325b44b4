/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * rpc.c: register RPC services with the portmapper (rpcbind) through
 * libtirpc, one call per version, and withdraw them when the service goes.
 */
#include "config.h"

#include <netinet/in.h>

#include "log.h"
#include "rpc.h"

#ifdef HAVE_RPC
#include <rpc/pmap_clnt.h>
#include <rpc/rpc.h>

#include "dynlib.h"

static bool_t (*rpc_pmap_set)(u_long, u_long, int, int);
static bool_t (*rpc_pmap_unset)(u_long, u_long);

static const struct dynsym rpc_syms[] = {
	{ "pmap_set", (void **)&rpc_pmap_set },
	{ "pmap_unset", (void **)&rpc_pmap_unset },
};

/* Loaded with the first RPC service (dynlib.h). */
static struct dynlib libtirpc = DYNLIB(LIBTIRPC_SONAME, rpc_syms);

static unsigned long rpc_proto(const struct svc_conf *sc)
{
	return sc->proto_num == IPPROTO_UDP ? IPPROTO_UDP : IPPROTO_TCP;
}

void rpc_unregister(const struct svc_conf *sc)
{
	if (!dynlib_load(&libtirpc))
		return;
	for (long v = sc->rpc_lo; v <= sc->rpc_hi; v++)
		(void)rpc_pmap_unset((unsigned long)sc->rpc_number,
		    (unsigned long)v);
}

bool rpc_register(const struct svc_conf *sc, int port)
{
	bool ok = true;

	if (!dynlib_load(&libtirpc))
		return false;
	for (long v = sc->rpc_lo; v <= sc->rpc_hi; v++) {
		if (rpc_pmap_set((unsigned long)sc->rpc_number, (unsigned long)v,
		    (int)rpc_proto(sc), port))
			continue;
		log_msg(LOG_ERR, "pmap_set failed. service=%s program=%ld version=%ld",
		    sc->id, sc->rpc_number, v);
		ok = false;
	}
	if (!ok)
		rpc_unregister(sc);
	return ok;
}
#else
bool rpc_register(const struct svc_conf *sc, int port)
{
	(void)sc;
	(void)port;
	return false;
}

void rpc_unregister(const struct svc_conf *sc)
{
	(void)sc;
}
#endif
