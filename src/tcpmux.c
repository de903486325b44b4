/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * tcpmux.c: the TCPMUX entries and the child's side of a tcpmux request:
 * the one-line request that picks an entry, and the question to the daemon
 * (which keeps the entries' counters) whether the entry admits it. The
 * entry then runs in the same child with its own credentials and checks
 * (spawn.c).
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "svc.h"
#include "tcpmux.h"

/* How long a child waits for the daemon's verdict. */
#define ADMIT_TIMEOUT_MS 10000

static struct service **entries;
static size_t nentries;

void tcpmux_set(struct service **v, size_t n)
{
	entries = v;
	nentries = n;
}

struct service *tcpmux_nth(size_t i)
{
	return i < nentries ? entries[i] : NULL;
}

struct service *tcpmux_find(const char *name)
{
	for (size_t i = 0; i < nentries; i++)
		if (strcasecmp(entries[i]->conf->name, name) == 0)
			return entries[i];
	return NULL;
}

const char *tcpmux_parse_line(char *buf, size_t n)
{
	if (n <= 2 || buf[n - 2] != '\r' || buf[n - 1] != '\n')
		return NULL;
	buf[n - 2] = '\0';
	return buf;
}

void tcpmux_not_found(int conn)
{
	static const char notfound[] = "-Service name not found\r\n";

	/* The reply carries its terminating NUL, as xinetd's does. */
	(void)send(conn, notfound, sizeof(notfound), MSG_NOSIGNAL);
}

struct service *tcpmux_accept(int conn)
{
	char line[TCPMUX_LINE_MAX];
	const char *name;
	struct service *entry;
	ssize_t n;

	do
		n = read(conn, line, sizeof(line));
	while (n < 0 && errno == EINTR);
	name = n > 0 ? tcpmux_parse_line(line, (size_t)n) : NULL;
	if (name == NULL)
		return NULL;
	entry = tcpmux_find(name);
	if (entry == NULL)
		tcpmux_not_found(conn);
	return entry;
}

int tcpmux_admit(int ctl, const char *name)
{
	struct pollfd p = { .fd = ctl, .events = POLLIN };
	unsigned char verdict;
	ssize_t n;

	if (ctl < 0 || send(ctl, name, strlen(name), MSG_NOSIGNAL) < 0)
		return -1;
	while ((n = poll(&p, 1, ADMIT_TIMEOUT_MS)) < 0 && errno == EINTR)
		;
	if (n <= 0)
		return -1;
	do
		n = recv(ctl, &verdict, 1, 0);
	while (n < 0 && errno == EINTR);
	return n == 1 ? verdict : -1;
}
