/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * sandbox.h: the steps of the forked child that confine a server
 * (extensions; xinetd.conf.5, "SANDBOX"): a private /tmp in a mount
 * namespace of its own, chroot, no_new_privs. spawn.c calls them in the
 * documented order. Each returns NULL when done (or not asked for), or,
 * after logging "unable to ...", the reason word of the FAIL entry.
 */
#ifndef XINETD_SANDBOX_H
#define XINETD_SANDBOX_H

#include <stdbool.h>

#include "conf/conf.h"

/*
 * Does the service change what its child sees of the file system
 * (chroot, private_tmp)? Then the checks that read the real root's files
 * run before the sandbox is built.
 */
bool sandbox_confines(const struct svc_conf *sc);

/* A new mount namespace, private all through, with a tmpfs on /tmp. */
const char *sandbox_private_tmp(const struct svc_conf *sc);

/* chroot(DIR) and chdir("/"); needs root, so before the user change. */
const char *sandbox_chroot(const struct svc_conf *sc);

/* PR_SET_NO_NEW_PRIVS, the last step before exec. */
const char *sandbox_no_new_privs(const struct svc_conf *sc);

#endif
