/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * notify.c: libsystemd glue for readiness and socket activation (an
 * extension: xinetd has neither).
 */
#include "config.h"

#include <time.h>
#include <unistd.h>

#include "notify.h"

#ifdef HAVE_SYSTEMD
#include <systemd/sd-daemon.h>

void notify_ready(unsigned nservices)
{
	/* MAINPID: in fork mode the pid systemd saw start has exited. */
	sd_notifyf(0, "READY=1\nMAINPID=%d\nSTATUS=%u available services",
	    (int)getpid(), nservices);
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

int notify_listen_fds(char ***names)
{
	*names = NULL;
	return sd_listen_fds_with_names(1, names);
}
#else
void notify_reloading(void)
{
}

void notify_ready(unsigned nservices)
{
	(void)nservices;
}

void notify_stopping(void)
{
}

int notify_listen_fds(char ***names)
{
	*names = NULL;
	return 0;
}
#endif
