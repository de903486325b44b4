/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * listen.c: create, configure and bind a service's socket. IPv6 dual-stack
 * unless told otherwise, with IPv4 as the fallback (reference 4.1).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "activation.h"
#include "listen.h"
#include "log.h"

/* xinetd makes 11 attempts; scripts that count the messages expect it. */
#define BIND_ATTEMPTS 11
#define LISTEN_BACKLOG 64

/*
 * The family: the bind address's, else IPv4 for the IPv4 flag, else IPv6
 * with a fallback to IPv4 when the kernel has no IPv6 (reference 4.1).
 */
static int make_socket(const struct svc_conf *sc, int *family)
{
	int type = sc->socket_type | SOCK_CLOEXEC;
	int fd;

	if (sc->bind_len > 0) {
		*family = sc->bind_addr.sa.sa_family;
		return socket(*family, type, sc->proto_num);
	}
	if (!(sc->flags & SVC_F_IPV4)) {
		fd = socket(AF_INET6, type, sc->proto_num);
		if (fd >= 0) {
			*family = AF_INET6;
			return fd;
		}
		log_msg(LOG_NOTICE,
		    "IPv6 socket creation failed for service %s, trying IPv4",
		    sc->id);
	}
	*family = AF_INET;
	return socket(AF_INET, type, sc->proto_num);
}

static void set_opt(int fd, int level, int name, const char *what,
    const char *id)
{
	int one = 1;

	if (setsockopt(fd, level, name, &one, sizeof(one)) < 0)
		log_msg(LOG_ERR, "setsockopt %s failed for service %s: %s",
		    what, id, log_strerror(errno));
}

static int bind_retrying(int fd, const struct sockaddr *sa, socklen_t len,
    const char *id)
{
	for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
		if (attempt > 0)
			log_msg(LOG_NOTICE, "bind retry attempt %d", attempt);
		if (bind(fd, sa, len) == 0)
			return 0;
		log_msg(LOG_ERR, "bind failed (%s). service = %s",
		    log_strerror(errno), id);
	}
	return -1;
}

/* The address to bind in family: the bind attribute's, or the wildcard. */
static socklen_t bind_address(const struct svc_conf *sc, int family,
    struct sockaddr_storage *ss)
{
	socklen_t len;

	memset(ss, 0, sizeof(*ss));
	if (sc->bind_len > 0)
		memcpy(ss, &sc->bind_addr, sc->bind_len);
	if (family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
		s6->sin6_family = AF_INET6;
		if (sc->bind_len == 0)
			s6->sin6_addr = in6addr_any;
		len = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
		s4->sin_family = AF_INET;
		if (sc->bind_len == 0)
			s4->sin_addr.s_addr = htonl(INADDR_ANY);
		len = sizeof(*s4);
	}
	sockaddr_set_port((struct sockaddr *)ss, (unsigned)sc->port);
	return len;
}

static void socket_options(int fd, int family, const struct svc_conf *sc)
{
	if (family == AF_INET6) {
		/*
		 * Dual-stack unless v6only = yes, whatever the sysctl says;
		 * xinetd turned V6ONLY on for any v6only line, even "no"
		 * (reference 11).
		 */
		int v6only = sc->v6only;
		if (setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only,
		    sizeof(v6only)) < 0)
			log_msg(LOG_ERR,
			    "Setting IPV6_V6ONLY option failed (%s)",
			    log_strerror(errno));
	}
	/* SO_REUSEADDR always; the REUSE flag is a no-op kept for configs. */
	set_opt(fd, SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR", sc->id);
	if (sc->flags & SVC_F_KEEPALIVE)
		set_opt(fd, SOL_SOCKET, SO_KEEPALIVE, "SO_KEEPALIVE", sc->id);
	if ((sc->flags & SVC_F_NODELAY) && sc->socket_type == SOCK_STREAM)
		set_opt(fd, IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY", sc->id);
}

/*
 * A socket systemd passed (activation.c), or ACTIVATION_FAILED: already
 * bound, so only the options that still apply, and the blocking mode
 * listen_open gives the sockets it makes (below).
 */
static int adopted(int fd, const struct svc_conf *sc)
{
	bool daemon_accepts = !sc->wait || (sc->type & SVC_T_INTERNAL);
	int flags;

	if (fd < 0) {
		log_msg(LOG_ERR,
		    "Service %s failed to start and is deactivated.", sc->id);
		return -1;
	}
	if (sc->flags & SVC_F_KEEPALIVE)
		set_opt(fd, SOL_SOCKET, SO_KEEPALIVE, "SO_KEEPALIVE", sc->id);
	if ((sc->flags & SVC_F_NODELAY) && sc->socket_type == SOCK_STREAM)
		set_opt(fd, IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY", sc->id);
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, daemon_accepts ?
	    flags | O_NONBLOCK : flags & ~O_NONBLOCK) < 0) {
		log_msg(LOG_ERR, "unable to set the blocking mode of the socket of %s: %s",
		    sc->id, log_strerror(errno));
		listen_close(fd);
		log_msg(LOG_ERR,
		    "Service %s failed to start and is deactivated.", sc->id);
		return -1;
	}
	return fd;
}

int listen_open(const struct svc_conf *sc)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int family = AF_INET6;
	int fd = activation_take(sc);

	if (fd != ACTIVATION_NONE)
		return adopted(fd, sc);
	fd = make_socket(sc, &family);
	if (fd < 0) {
		log_msg(LOG_ERR, "socket creation failed for service %s: %s",
		    sc->id, log_strerror(errno));
		log_msg(LOG_ERR,
		    "Service %s failed to start and is deactivated.", sc->id);
		return -1;
	}
	len = bind_address(sc, family, &ss);
	socket_options(fd, family, sc);
	if (bind_retrying(fd, (struct sockaddr *)&ss, len, sc->id) < 0)
		goto fail;
	if (sc->socket_type == SOCK_STREAM || sc->socket_type == SOCK_SEQPACKET) {
		if (listen(fd, LISTEN_BACKLOG) < 0) {
			log_msg(LOG_ERR, "listen failed for service %s: %s",
			    sc->id, log_strerror(errno));
			goto fail;
		}
	}
	/*
	 * Only sockets the daemon itself accepts on are non-blocking; one
	 * handed to a wait = yes server must behave as a plain socket.
	 */
	bool daemon_accepts = !sc->wait || (sc->type & SVC_T_INTERNAL);
	if (daemon_accepts &&
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0) {
		log_msg(LOG_ERR, "unable to make the socket of %s non-blocking: %s",
		    sc->id, log_strerror(errno));
		goto fail;
	}
	return fd;
fail:
	close(fd);
	log_msg(LOG_ERR, "Service %s failed to start and is deactivated.",
	    sc->id);
	return -1;
}

void listen_close(int fd)
{
	if (fd < 0)
		return;
	activation_release(fd);
	close(fd);
}
