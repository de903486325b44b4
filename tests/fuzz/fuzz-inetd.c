/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * fuzz-inetd: libFuzzer target for the inetd.conf reader (-inetd_compat,
 * src/conf/inetd.c), reached as the daemon reaches it: conf_load with
 * conf_opts.inetd_conf naming the input.
 *
 * The input is the inetd.conf, written to a memfd and named by its
 * /proc/self/fd path; the main configuration is fixed (MAIN_CONF below): a
 * defaults block that disables the id "telnet", and a disabled xinetd entry
 * "ftp" that hides any inetd.conf line with that id. Every diagnostic is
 * read and discarded, the result is freed (LSan reports leaks).
 *
 * Checked, beyond "no sanitizer report":
 *  - the fixed main configuration stays good: no fatal error, and every
 *    kept service comes from the inetd.conf (the main file keeps none);
 *  - no kept service has the id of the hiding entry or of the disabled
 *    one (compared without case, as the reader does);
 *  - the round trip of fuzz-conf: the kept services, dumped, load back as
 *    an xinetd.conf into the same dump (dump.h's promise holds for
 *    services converted from inetd.conf lines too).
 *
 * Host names resolve only as fuzz-common.c allows. Built twice, like
 * fuzz-conf: libFuzzer (run-fuzz inetd) and replay.c (fuzz-inetd-replay).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conf/conf.h"
#include "fuzz.h"

/* Longer inputs are ignored: libFuzzer runs with a smaller -max_len. */
#define MAX_INPUT (1024 * 1024)

#define HIDDEN_ID "ftp"
#define DISABLED_ID "telnet"

static const char MAIN_CONF[] =
    "defaults\n"
    "{\n"
    "\tlog_on_success = PID HOST\n"
    "\tlog_on_failure = HOST\n"
    "\tinstances = 50\n"
    "\tdisabled = " DISABLED_ID "\n"
    "}\n"
    "service " HIDDEN_ID "\n"
    "{\n"
    "\tdisable = yes\n"
    "}\n";

static int mainfd = -1, inetdfd = -1;
static char main_path[64], inetd_path[64];

static void setup(void)
{
	if (mainfd >= 0)
		return;
	mainfd = fuzz_memfd("fuzz-inetd-main", main_path, sizeof(main_path));
	fuzz_memfd_put(mainfd, MAIN_CONF, strlen(MAIN_CONF));
	inetdfd = fuzz_memfd("fuzz-inetd", inetd_path, sizeof(inetd_path));
}

static void check(const struct conf_set *cs)
{
	if (cs->fatal)
		fuzz_fail("inetd", "the fixed main configuration became fatal");
	for (size_t i = 0; i < cs->nsvcs; i++) {
		const struct svc_conf *sc = cs->svcs[i];

		if (sc->file == NULL || strcmp(sc->file, inetd_path) != 0)
			fuzz_fail("inetd", "service %s comes from %s, not %s",
			    sc->name, sc->file != NULL ? sc->file : "(none)",
			    inetd_path);
		if (sc->id == NULL || sc->name == NULL)
			fuzz_fail("inetd", "a kept service without id or name");
		if (strcasecmp(sc->id, HIDDEN_ID) == 0)
			fuzz_fail("inetd", "id %s should be hidden by the "
			    "xinetd entry", sc->id);
		if (strcasecmp(sc->id, DISABLED_ID) == 0)
			fuzz_fail("inetd", "id %s is in the defaults' "
			    "disabled list", sc->id);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conf_set *cs;

	if (size > MAX_INPUT)
		return 0;
	setup();
	fuzz_memfd_put(inetdfd, data, size);
	cs = fuzz_conf_load(main_path, inetd_path);
	check(cs);
	fuzz_conf_use(cs);
	fuzz_conf_round_trip(cs, "inetd");
	conf_free(cs);
	return 0;
}
