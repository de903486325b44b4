/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * notify.c: the service manager's protocols for readiness, status, the
 * watchdog and socket activation (an extension: xinetd has none of them).
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "notify.h"

#ifdef HAVE_SYSTEMD
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "util.h"

/*
 * The protocols are spoken here rather than through libsystemd: they are
 * a few environment variables and one datagram, documented as stable by
 * systemd (sd_notify(3), sd_listen_fds(3)), and linking libsystemd mapped
 * nine libraries (compression, crypto) into a daemon that uses none of
 * them: 1 MB of its idle RSS.
 */

void notify_send(const char *state)
{
	const char *path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	size_t len;
	int saved = errno, fd;

	if (path == NULL || (path[0] != '/' && path[0] != '@'))
		return;
	len = strlen(path);
	if (len >= sizeof(sun.sun_path))
		return;
	memcpy(sun.sun_path, path, len);
	/* "@name" is a socket in the abstract namespace. */
	if (sun.sun_path[0] == '@')
		sun.sun_path[0] = '\0';
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	(void)sendto(fd, state, strlen(state), MSG_NOSIGNAL,
	    (struct sockaddr *)&sun,
	    (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len));
	close(fd);
	errno = saved;
}

static void notify_sendf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static void notify_sendf(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	notify_send(buf);
}

void notify_ready(const char *status)
{
	/* MAINPID: in fork mode the pid systemd saw start has exited. */
	notify_sendf("READY=1\nMAINPID=%d\nSTATUS=%s", (int)getpid(), status);
}

/* MONOTONIC_USEC lets Type=notify-reload units match the reply. */
void notify_reloading(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	notify_sendf("RELOADING=1\nMONOTONIC_USEC=%llu",
	    (unsigned long long)ts.tv_sec * 1000000ULL +
	    (unsigned long long)ts.tv_nsec / 1000ULL);
}

void notify_stopping(void)
{
	notify_send("STOPPING=1");
}

bool notify_enabled(void)
{
	const char *e = getenv("NOTIFY_SOCKET");

	return e != NULL && e[0] != '\0';
}

/* A variable holding a decimal number, or -1. */
static long env_number(const char *name)
{
	const char *e = getenv(name);
	long v;

	return e != NULL && all_digits(e) && parse_long(e, 0, LONG_MAX, &v) ?
	    v : -1;
}

/* Set by the manager for us, not inherited from a parent (*_PID). */
static bool for_us(const char *pid_var)
{
	return getenv(pid_var) == NULL || env_number(pid_var) == getpid();
}

uint64_t notify_watchdog_usec(void)
{
	long usec = env_number("WATCHDOG_USEC");

	/* Not unset: srvenv.c keeps the variables from servers anyway. */
	return usec > 0 && for_us("WATCHDOG_PID") ? (uint64_t)usec : 0;
}

int notify_listen_fds(char ***names)
{
	long n = env_number("LISTEN_FDS");
	const char *fdnames = getenv("LISTEN_FDNAMES");
	char **v;
	int r;

	*names = NULL;
	if (getenv("LISTEN_PID") == NULL || !for_us("LISTEN_PID") || n <= 0)
		r = 0;
	else if (n > 0xffff)
		r = -EINVAL;
	else
		r = (int)n;
	if (r > 0) {
		/* libsystemd's name for a socket given none: "unknown". */
		v = xcalloc((size_t)r + 1, sizeof(*v));
		for (int i = 0; i < r; i++) {
			size_t len = fdnames != NULL ? strcspn(fdnames, ":") : 0;

			v[i] = fdnames != NULL ?
			    xasprintf("%.*s", (int)len, fdnames) :
			    xstrdup("unknown");
			if (fdnames != NULL)
				fdnames = fdnames[len] == ':' ?
				    fdnames + len + 1 : NULL;
		}
		*names = v;
	}
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_FDNAMES");
	return r;
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
