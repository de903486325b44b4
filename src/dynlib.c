/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* dynlib.c: load a library on first use, resolve its symbols, once. */
#include "config.h"

#include <dlfcn.h>
#include <syslog.h>

#include "dynlib.h"
#include "log.h"

static bool failed(struct dynlib *lib, const char *why)
{
	lib->failed = true;
	log_msg(LOG_ERR, "cannot load %s: %s", lib->soname, why);
	return false;
}

bool dynlib_load(struct dynlib *lib)
{
	const char *err;
	void *h;

	if (lib->handle != NULL)
		return true;
	if (lib->failed)
		return false;
	/* Lazy binding: most of the library is never called. */
	if ((h = dlopen(lib->soname, RTLD_LAZY | RTLD_LOCAL)) == NULL)
		return failed(lib, dlerror());
	for (size_t i = 0; i < lib->nsyms; i++) {
		(void)dlerror();
		*lib->syms[i].slot = dlsym(h, lib->syms[i].name);
		if ((err = dlerror()) != NULL || *lib->syms[i].slot == NULL) {
			(void)failed(lib, err != NULL ? err : lib->syms[i].name);
			dlclose(h);
			return false;
		}
	}
	lib->handle = h;
	return true;
}
