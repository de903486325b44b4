/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * notify.h: the daemon's side of the service manager's protocols
 * (sd_notify, the watchdog's variables, passed sockets), kept in one
 * place. Built --without-systemd these do nothing, and nothing was
 * passed.
 */
#ifndef XINETD_NOTIFY_H
#define XINETD_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

/* READY=1 with our pid and the STATUS text status. */
void notify_ready(const char *status);
void notify_reloading(void);
void notify_stopping(void);

/* Is there a manager to tell (NOTIFY_SOCKET set)? */
bool notify_enabled(void);
/* One message as it is ("STATUS=...", "WATCHDOG=1"). */
void notify_send(const char *state);

/*
 * The watchdog interval the manager expects pings within, in microseconds;
 * 0 when there is none or WATCHDOG_PID names another process.
 */
uint64_t notify_watchdog_usec(void);

/*
 * Sockets passed by the manager (LISTEN_FDS, checked against LISTEN_PID),
 * from descriptor 3 on; *names gets one malloc'ed name each (free them and
 * the array). The LISTEN_* variables are removed. Returns the number of
 * descriptors, 0 when none were passed, or -errno.
 */
int notify_listen_fds(char ***names);

#endif
