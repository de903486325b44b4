/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * activation.c: the registry of sockets passed by systemd (an extension:
 * xinetd binds every socket itself). Each passed socket is described once
 * at start-up; services take duplicates, so the socket itself stays open,
 * unwatched, whenever no service holds it.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "activation.h"
#include "log.h"
#include "notify.h"
#include "util.h"

/* sd_listen_fds(3): passed descriptors start here. */
#define PASSED_FD_START 3

struct passed {
	int fd;
	char *name;			/* LISTEN_FDNAMES entry, or NULL */
	bool inet;			/* an AF_INET or AF_INET6 socket */
	int family, type, proto;
	bool listening;
	int v6only;
	struct sockaddr_storage addr;	/* where it is bound */
	dev_t dev;			/* which socket it is: a copy has */
	ino_t ino;			/* the same inode */
	char *holder;			/* id of the service holding copies */
	char *last;			/* id of the last one, for the log */
	unsigned copies;		/* copies handed out, not released */
	bool reported;			/* logged as claimed by no service */
};

static struct passed *passed;
static size_t npassed;
static int init_err;

static int sockopt_int(int fd, int level, int name)
{
	int v = -1;
	socklen_t len = sizeof(v);

	if (getsockopt(fd, level, name, &v, &len) < 0)
		return -1;
	return v;
}

/* What kind of socket fd is; anything else stays unclaimed. */
static void describe(struct passed *p, int fd, const char *name)
{
	socklen_t len = sizeof(p->addr);
	struct stat st;

	p->fd = fd;
	p->name = name != NULL ? xstrdup(name) : NULL;
	p->v6only = -1;
	/* Servers must never inherit it (reference 4.4: 0, 1 and 2 only). */
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	if (fstat(fd, &st) < 0 || !S_ISSOCK(st.st_mode))
		return;
	p->dev = st.st_dev;
	p->ino = st.st_ino;
	if (getsockname(fd, (struct sockaddr *)&p->addr, &len) < 0)
		return;
	p->family = p->addr.ss_family;
	p->inet = p->family == AF_INET || p->family == AF_INET6;
	p->type = sockopt_int(fd, SOL_SOCKET, SO_TYPE);
	p->proto = sockopt_int(fd, SOL_SOCKET, SO_PROTOCOL);
	p->listening = sockopt_int(fd, SOL_SOCKET, SO_ACCEPTCONN) == 1;
	if (p->family == AF_INET6)
		p->v6only = sockopt_int(fd, IPPROTO_IPV6, IPV6_V6ONLY);
}

int activation_init(void)
{
	char **names = NULL;
	int n = notify_listen_fds(&names);

	if (n < 0) {
		init_err = -n;
		n = 0;
	}
	passed = n > 0 ? xcalloc((size_t)n, sizeof(*passed)) : NULL;
	for (int i = 0; i < n; i++)
		describe(&passed[i], PASSED_FD_START + i,
		    names != NULL ? names[i] : NULL);
	npassed = (size_t)n;
	for (int i = 0; names != NULL && names[i] != NULL; i++)
		free(names[i]);
	free(names);
	return PASSED_FD_START + n;
}

/* "stream 127.0.0.1:21", for the log. */
static void describe_text(const struct passed *p, char *buf, size_t len)
{
	char host[INET6_ADDRSTRLEN] = "?";
	const void *a = p->family == AF_INET6 ?
	    (const void *)&((const struct sockaddr_in6 *)&p->addr)->sin6_addr :
	    (const void *)&((const struct sockaddr_in *)&p->addr)->sin_addr;

	if (!p->inet) {
		snprintf(buf, len, "not an Internet socket");
		return;
	}
	(void)inet_ntop(p->family, a, host, sizeof(host));
	snprintf(buf, len, "%s %s%s%s:%u",
	    p->type == SOCK_STREAM ? "stream" : p->type == SOCK_DGRAM ?
	    "dgram" : p->type == SOCK_SEQPACKET ? "seqpacket" : "raw",
	    p->family == AF_INET6 ? "[" : "", host,
	    p->family == AF_INET6 ? "]" : "",
	    sockaddr_port((const struct sockaddr *)&p->addr));
}

/* Named for the service: "ID", or "ID.socket" as systemd names a unit's. */
static bool named_for(const struct passed *p, const char *id)
{
	size_t n = strlen(id);

	if (p->name == NULL)
		return false;
	return strcasecmp(p->name, id) == 0 ||
	    (strncasecmp(p->name, id, n) == 0 &&
	    strcmp(p->name + n, ".socket") == 0);
}

/* A socket sc could use: its type and protocol, listening if a stream. */
static bool fits(const struct passed *p, const struct svc_conf *sc)
{
	if (!p->inet || p->type != sc->socket_type)
		return false;
	if (sc->proto_num != 0 && p->proto != sc->proto_num)
		return false;
	if (sc->socket_type == SOCK_STREAM || sc->socket_type == SOCK_SEQPACKET)
		return p->listening;
	return true;
}

/* Bound where listen.c would bind for sc (reference 4.1). */
static bool same_address(const struct passed *p, const struct svc_conf *sc)
{
	const struct sockaddr_in6 *h6 = (const struct sockaddr_in6 *)&p->addr;
	const struct sockaddr_in *h4 = (const struct sockaddr_in *)&p->addr;
	int family = sc->bind_len > 0 ? sc->bind_addr.sa.sa_family :
	    (sc->flags & SVC_F_IPV4) ? AF_INET : AF_INET6;

	if (sc->port <= 0 || p->family != family ||
	    sockaddr_port((const struct sockaddr *)&p->addr) != (unsigned)sc->port)
		return false;
	if (family == AF_INET)
		return h4->sin_addr.s_addr == (sc->bind_len > 0 ?
		    sc->bind_addr.in4.sin_addr.s_addr :
		    htonl(INADDR_ANY));
	if (sc->bind_len > 0) {
		const struct sockaddr_in6 *w = &sc->bind_addr.in6;
		if (!IN6_ARE_ADDR_EQUAL(&h6->sin6_addr, &w->sin6_addr) ||
		    h6->sin6_scope_id != w->sin6_scope_id)
			return false;
	} else if (!IN6_IS_ADDR_UNSPECIFIED(&h6->sin6_addr)) {
		return false;
	}
	/* Only the wildcard's V6ONLY decides which clients it gets. */
	return !IN6_IS_ADDR_UNSPECIFIED(&h6->sin6_addr) ||
	    p->v6only == (int)sc->v6only;
}

static bool free_for(const struct passed *p, const char *id)
{
	return p->copies == 0 || strcasecmp(p->holder, id) == 0;
}

static struct passed *find(const struct svc_conf *sc)
{
	char what[96];

	for (size_t i = 0; i < npassed; i++) {
		struct passed *p = &passed[i];
		if (!named_for(p, sc->id) || !free_for(p, sc->id))
			continue;
		if (fits(p, sc))
			return p;
		describe_text(p, what, sizeof(what));
		log_msg(LOG_WARNING,
		    "service %s: socket %d (name %s, %s) passed by systemd does not suit the service; not adopted",
		    sc->id, p->fd, p->name, what);
	}
	for (size_t i = 0; i < npassed; i++) {
		struct passed *p = &passed[i];
		if (fits(p, sc) && same_address(p, sc) && free_for(p, sc->id))
			return p;
	}
	return NULL;
}

int activation_take(const struct svc_conf *sc)
{
	struct passed *p = npassed > 0 ? find(sc) : NULL;
	char what[96];
	int fd;

	if (p == NULL)
		return ACTIVATION_NONE;
	fd = fcntl(p->fd, F_DUPFD_CLOEXEC, PASSED_FD_START);
	if (fd < 0) {
		log_msg(LOG_ERR, "service %s: unable to use socket %d passed by systemd: %s",
		    sc->id, p->fd, log_strerror(errno));
		return ACTIVATION_FAILED;
	}
	if (p->copies++ == 0) {
		free(p->holder);
		p->holder = xstrdup(sc->id);
	}
	p->reported = false;
	/* Once per service: a cps pause takes it back again and again. */
	if (p->last == NULL || strcasecmp(p->last, sc->id) != 0) {
		free(p->last);
		p->last = xstrdup(sc->id);
		describe_text(p, what, sizeof(what));
		log_msg(LOG_NOTICE,
		    "service %s: adopted socket %d (name %s, %s) from systemd",
		    sc->id, p->fd, p->name != NULL ? p->name : "none", what);
	}
	return fd;
}

void activation_release(int fd)
{
	struct stat st;

	if (npassed == 0 || fstat(fd, &st) < 0)
		return;
	for (size_t i = 0; i < npassed; i++) {
		struct passed *p = &passed[i];
		if (p->copies == 0 || p->ino != st.st_ino || p->dev != st.st_dev)
			continue;
		if (--p->copies == 0) {
			free(p->holder);
			p->holder = NULL;
		}
		return;
	}
}

void activation_report(void)
{
	char what[96];

	if (init_err != 0) {
		log_msg(LOG_ERR, "unable to take the sockets passed by systemd: %s",
		    log_strerror(init_err));
		init_err = 0;
	}
	for (size_t i = 0; i < npassed; i++) {
		struct passed *p = &passed[i];
		if (p->copies > 0 || p->reported)
			continue;
		p->reported = true;
		/* The next service to claim it is news again. */
		free(p->last);
		p->last = NULL;
		describe_text(p, what, sizeof(what));
		log_msg(LOG_WARNING,
		    "socket %d (name %s, %s) passed by systemd is claimed by no service; kept open, not watched",
		    p->fd, p->name != NULL ? p->name : "none", what);
	}
}

void activation_free(void)
{
	for (size_t i = 0; i < npassed; i++) {
		close(passed[i].fd);
		free(passed[i].name);
		free(passed[i].holder);
		free(passed[i].last);
	}
	free(passed);
	passed = NULL;
	npassed = 0;
}
