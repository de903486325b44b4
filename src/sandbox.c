/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * sandbox.c: the confining steps of the forked child. They run between
 * fork and exec like the rest of spawn.c, need nothing from the daemon but
 * the service's configuration, and fail closed: a step that cannot be
 * taken stops the server from starting.
 */
#include "config.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "log.h"
#include "sandbox.h"
#include "util.h"

bool sandbox_confines(const struct svc_conf *sc)
{
	return sc->chroot != NULL || sc->private_tmp > 0;
}

/*
 * The namespace is the child's alone: / is made private recursively
 * before anything is mounted, so the tmpfs cannot propagate back into the
 * daemon's namespace (systemd makes / shared). It goes away with the last
 * process in it. Under chroot it covers DIR/tmp, which becomes /tmp.
 */
const char *sandbox_private_tmp(const struct svc_conf *sc)
{
	char opts[128];
	char *target;
	int r;

	if (sc->private_tmp == 0)
		return NULL;
	if (unshare(CLONE_NEWNS) < 0) {
		log_msg(LOG_ERR,
		    "unable to unshare the mount namespace for service %s: %s",
		    sc->id, log_strerror(errno));
		return "private_tmp";
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) {
		log_msg(LOG_ERR,
		    "unable to make the mounts of service %s private: %s",
		    sc->id, log_strerror(errno));
		return "private_tmp";
	}
	snprintf(opts, sizeof(opts), "size=%llu,nr_inodes=%llu,mode=1777",
	    (unsigned long long)sc->private_tmp,
	    (unsigned long long)conf_private_tmp_inodes(sc));
	target = xasprintf("%s/tmp", sc->chroot != NULL ? sc->chroot : "");
	r = mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, opts);
	if (r < 0)
		log_msg(LOG_ERR,
		    "unable to mount a private /tmp on %s for service %s: %s",
		    target, sc->id, log_strerror(errno));
	free(target);
	return r < 0 ? "private_tmp" : NULL;
}

const char *sandbox_chroot(const struct svc_conf *sc)
{
	if (sc->chroot == NULL)
		return NULL;
	if (chroot(sc->chroot) < 0 || chdir("/") < 0) {
		log_msg(LOG_ERR, "unable to chroot to %s for service %s: %s",
		    sc->chroot, sc->id, log_strerror(errno));
		return "chroot";
	}
	return NULL;
}

/* setuid and file-capability programs then gain nothing at exec. */
const char *sandbox_no_new_privs(const struct svc_conf *sc)
{
	if (!sc->no_new_privs)
		return NULL;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		log_msg(LOG_ERR,
		    "unable to set no_new_privs for service %s: %s", sc->id,
		    log_strerror(errno));
		return "no_new_privs";
	}
	return NULL;
}
