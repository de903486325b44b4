/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* banner.c: send a banner file to a client, reopened for every connection. */
#include "config.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "banner.h"
#include "log.h"

/* A banner longer than this is cut. */
#define BANNER_MAX (64 * 1024)

void banner_send(const char *path, int fd, const char *id, bool in_parent)
{
	int flags = MSG_NOSIGNAL | (in_parent ? MSG_DONTWAIT : 0);
	char buf[4096];
	size_t total = 0;
	int bfd;

	if (path == NULL)
		return;
	bfd = open(path, O_RDONLY | O_CLOEXEC);
	if (bfd < 0) {
		log_msg(LOG_ERR, "service = %s, open of banner %s failed", id,
		    path);
		return;
	}
	while (total < BANNER_MAX) {
		ssize_t n = read(bfd, buf, sizeof(buf));
		if (n <= 0)
			break;
		/* Lost on the unconnected socket of a wait = yes service. */
		if (send(fd, buf, (size_t)n, flags) != n)
			break;
		total += (size_t)n;
	}
	close(bfd);
}
