/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * activation.h: listening sockets passed by systemd (socket activation),
 * kept in a registry for the whole life of the daemon. A service that
 * claims one gets a duplicate of it, never the socket systemd passed, so
 * closing a service's socket (reload, cps, exit) never closes the one
 * systemd may pass again.
 */
#ifndef XINETD_ACTIVATION_H
#define XINETD_ACTIVATION_H

#include "conf/conf.h"

/* activation_take: no passed socket is for this service. */
#define ACTIVATION_NONE (-1)
/* activation_take: one is, but it could not be duplicated (logged). */
#define ACTIVATION_FAILED (-2)

/*
 * At start-up, before any descriptor is opened or closed: take the
 * sockets passed in LISTEN_FDS (from 3 on) and remove the LISTEN_*
 * variables. Returns the first descriptor that was not passed.
 */
int activation_init(void);

/*
 * The passed socket meant for sc, duplicated (close-on-exec): the one
 * named after sc's id (LISTEN_FDNAMES "ID" or "ID.socket"), else the one
 * whose type, protocol, address and port sc would bind; never one another
 * service holds. ACTIVATION_NONE or ACTIVATION_FAILED otherwise.
 */
int activation_take(const struct svc_conf *sc);

/* fd, about to be closed, was a service's copy: the socket is free again. */
void activation_release(int fd);

/* After each (re)configuration: log every passed socket no service holds. */
void activation_report(void);

/* At exit. */
void activation_free(void);

#endif
