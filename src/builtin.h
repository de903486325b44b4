/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * builtin.h: the internal services (reference 5). A builtin is
 * chosen by the service name and socket type; the id is free.
 */
#ifndef XINETD_BUILTIN_H
#define XINETD_BUILTIN_H

#include <stdbool.h>

enum builtin_kind {
	BUILTIN_PLAIN,		/* a function below serves the request */
	BUILTIN_TCPMUX,		/* RFC 1078 multiplexer: tcpmux.c */
};

/* Served as a non-blocking session in the daemon (session.c). */
enum builtin_session {
	SESSION_NONE,
	SESSION_ECHO,
	SESSION_DISCARD,
	SESSION_CHARGEN,
};

struct builtin {
	const char *name;
	int socket_type;
	/*
	 * Endless or client-paced services run in a forked child; the others
	 * answer at once from the daemon itself.
	 */
	bool forks;
	enum builtin_kind kind;
	enum builtin_session session;
	/*
	 * Serve one request. fd is the connection (stream) or the service
	 * socket (dgram: the function reads one datagram and answers it).
	 */
	void (*serve)(int fd);
};

const struct builtin *builtin_find(const char *name, int socket_type);

/*
 * chargen's lines into buf (len bytes, the last line cut short but with
 * its CRLF), starting at rotation start; returns the next rotation.
 */
unsigned builtin_chargen_fill(char *buf, size_t len, unsigned start);

#endif
