/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * dynlib.h: libraries loaded when first needed rather than linked. libwrap
 * and libtirpc map libnsl and the Kerberos libraries with them, a third of
 * the daemon's idle memory, while most daemons never call either: the
 * checkers make the TCP wrappers checks and few configurations have an
 * RPC service.
 */
#ifndef XINETD_DYNLIB_H
#define XINETD_DYNLIB_H

#include <stdbool.h>
#include <stddef.h>

/* One symbol and where its address goes (a function or object pointer). */
struct dynsym {
	const char *name;
	void **slot;
};

struct dynlib {
	const char *soname;
	const struct dynsym *syms;
	size_t nsyms;
	void *handle;
	bool failed;		/* tried once, logged once: not again */
};

/* The loader of a library and its table of symbols. */
#define DYNLIB(so, table) { \
	.soname = (so), \
	.syms = (table), \
	.nsyms = sizeof(table) / sizeof((table)[0]), \
}

/*
 * Load lib and fill every slot, once per process (a child inherits what
 * its parent loaded). False, logged the first time, if the library or one
 * of its symbols is missing.
 */
bool dynlib_load(struct dynlib *lib);

#endif
