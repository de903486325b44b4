/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * notify.h: the daemon's side of the service manager's protocols
 * (sd_notify, passed sockets), kept in one place with libsystemd.
 * Without libsystemd at build time these do nothing, and nothing was
 * passed.
 */
#ifndef XINETD_NOTIFY_H
#define XINETD_NOTIFY_H

void notify_ready(unsigned nservices);
void notify_reloading(void);
void notify_stopping(void);

/*
 * Sockets passed by the manager (LISTEN_FDS, checked against LISTEN_PID),
 * from descriptor 3 on; *names gets one malloc'ed name each (free them and
 * the array). The LISTEN_* variables are removed. Returns the number of
 * descriptors, 0 when none were passed, or -errno.
 */
int notify_listen_fds(char ***names);

#endif
