/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * notify.h: readiness and status for systemd (sd_notify). Without
 * libsystemd at build time these do nothing.
 */
#ifndef XINETD_NOTIFY_H
#define XINETD_NOTIFY_H

void notify_ready(unsigned nservices);
void notify_reloading(void);
void notify_stopping(void);

#endif
