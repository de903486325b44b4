/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * closefrom: close every descriptor >= lowfd; glibc has it from 2.34.
 * Cost must not depend on RLIMIT_NOFILE (xinetd looped up to the limit and
 * took minutes with huge limits), so try close_range(2), then /proc/self/fd,
 * and only then the bounded loop.
 */
#include "config.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "compat.h"

void closefrom(int lowfd)
{
	DIR *d;
	struct dirent *de;

#ifdef SYS_close_range
	if (syscall(SYS_close_range, (unsigned)lowfd, ~0U, 0) == 0)
		return;
#endif
	d = opendir("/proc/self/fd");
	if (d != NULL) {
		while ((de = readdir(d)) != NULL) {
			char *end;
			long fd = strtol(de->d_name, &end, 10);
			if (*end == '\0' && fd >= lowfd && fd != dirfd(d))
				(void)close((int)fd);
		}
		closedir(d);
		return;
	}
	long max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (long fd = lowfd; fd < max; fd++)
		(void)close((int)fd);
}
