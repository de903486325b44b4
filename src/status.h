/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * status.h: what the service manager is told while the daemon runs:
 * READY=1 with a STATUS line, STATUS again when the counts change, and
 * watchdog pings sent from the event loop (an extension, xinetd.8
 * SYSTEMD). Nothing is sent without NOTIFY_SOCKET.
 */
#ifndef XINETD_STATUS_H
#define XINETD_STATUS_H

/* Before daemonising: read the watchdog's variables, as we were started. */
void status_init(void);
/* Once the event loop exists: start pinging the watchdog, if asked to. */
void status_start(void);

/* Start-up or a reload is done: READY=1 and the counts. */
void status_ready(void);
/*
 * A reload was refused for the reason why: READY=1 with a STATUS that
 * says so, and every STATUS after it until a reload succeeds.
 */
void status_reload_rejected(const char *why);

/* After each turn of the loop: schedule a STATUS if the counts changed. */
void status_poll(void);

void status_stop(void);

#endif
