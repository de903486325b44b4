/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * notify.c: libsystemd glue for readiness, status, the watchdog and
 * socket activation (an extension: xinetd has none of them).
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "notify.h"

#ifdef HAVE_SYSTEMD
#include <systemd/sd-daemon.h>

void notify_ready(const char *status)
{
	/* MAINPID: in fork mode the pid systemd saw start has exited. */
	sd_notifyf(0, "READY=1\nMAINPID=%d\nSTATUS=%s", (int)getpid(),
	    status);
}

/* MONOTONIC_USEC lets Type=notify-reload units match the reply. */
void notify_reloading(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	sd_notifyf(0, "RELOADING=1\nMONOTONIC_USEC=%llu",
	    (unsigned long long)ts.tv_sec * 1000000ULL +
	    (unsigned long long)ts.tv_nsec / 1000ULL);
}

void notify_stopping(void)
{
	sd_notify(0, "STOPPING=1");
}

bool notify_enabled(void)
{
	const char *e = getenv("NOTIFY_SOCKET");

	return e != NULL && e[0] != '\0';
}

void notify_send(const char *state)
{
	sd_notify(0, state);
}

uint64_t notify_watchdog_usec(void)
{
	uint64_t usec = 0;

	/* Not unset: srvenv.c keeps the variables from servers anyway. */
	return sd_watchdog_enabled(0, &usec) > 0 ? usec : 0;
}

int notify_listen_fds(char ***names)
{
	*names = NULL;
	return sd_listen_fds_with_names(1, names);
}
#else
void notify_reloading(void)
{
}

void notify_ready(const char *status)
{
	(void)status;
}

void notify_stopping(void)
{
}

bool notify_enabled(void)
{
	return false;
}

void notify_send(const char *state)
{
	(void)state;
}

uint64_t notify_watchdog_usec(void)
{
	return 0;
}

int notify_listen_fds(char ***names)
{
	*names = NULL;
	return 0;
}
#endif
