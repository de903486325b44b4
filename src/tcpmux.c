/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * tcpmux.c: the registry of TCPMUX services and the one-line request that
 * picks one. The chosen entry then runs in the same child with its own
 * credentials and checks (spawn.c).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tcpmux.h"
#include "util.h"

static struct svc_conf **muxes;
static size_t nmuxes;

void tcpmux_clear(void)
{
	for (size_t i = 0; i < nmuxes; i++) {
		svc_conf_free(muxes[i]);
		free(muxes[i]);
	}
	free(muxes);
	muxes = NULL;
	nmuxes = 0;
}

void tcpmux_take(struct conf_set *cs)
{
	tcpmux_clear();
	for (size_t i = 0; i < cs->nsvcs; i++) {
		if (cs->svcs[i] == NULL ||
		    !(cs->svcs[i]->type & (SVC_T_TCPMUX | SVC_T_TCPMUXPLUS)))
			continue;
		muxes = xreallocarray(muxes, nmuxes + 1, sizeof(*muxes));
		muxes[nmuxes++] = cs->svcs[i];
		cs->svcs[i] = NULL;
	}
}

const struct svc_conf *tcpmux_nth(size_t i)
{
	return i < nmuxes ? muxes[i] : NULL;
}

static const struct svc_conf *lookup(const char *name)
{
	for (size_t i = 0; i < nmuxes; i++)
		if (strcasecmp(muxes[i]->name, name) == 0)
			return muxes[i];
	return NULL;
}

const char *tcpmux_parse_line(char *buf, size_t n)
{
	if (n <= 2 || buf[n - 2] != '\r' || buf[n - 1] != '\n')
		return NULL;
	buf[n - 2] = '\0';
	return buf;
}

const struct svc_conf *tcpmux_accept(int conn)
{
	static const char notfound[] = "-Service name not found\r\n";
	static const char go[] = "+Go\r\n";
	char line[TCPMUX_LINE_MAX];
	const char *name;
	ssize_t n;
	const struct svc_conf *target;

	do
		n = read(conn, line, sizeof(line));
	while (n < 0 && errno == EINTR);
	name = n > 0 ? tcpmux_parse_line(line, (size_t)n) : NULL;
	if (name == NULL)
		return NULL;
	target = lookup(name);
	if (target == NULL) {
		/* The reply carries its terminating NUL, as xinetd's does. */
		(void)send(conn, notfound, sizeof(notfound), MSG_NOSIGNAL);
		return NULL;
	}
	if (target->type & SVC_T_TCPMUXPLUS)
		(void)send(conn, go, sizeof(go), MSG_NOSIGNAL);
	return target;
}
