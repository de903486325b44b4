/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * builtins.h: the internal services (reference 5) as data. The reader only
 * needs to know which name and socket type exist; builtin.c binds each row
 * to the code that serves it, so the two can never disagree.
 *
 * X(name, socket type, forks, kind, in-daemon session, serving function):
 * forks says the service is endless or client-paced and so runs in a
 * child, unless the daemon can serve it as a session (builtin.h).
 */
#ifndef XINETD_CONF_BUILTINS_H
#define XINETD_CONF_BUILTINS_H

#include <stdbool.h>
#include <sys/socket.h>

#define CONF_BUILTINS(X) \
	X("echo", SOCK_STREAM, true, BUILTIN_PLAIN, SESSION_ECHO, echo_stream) \
	X("echo", SOCK_DGRAM, false, BUILTIN_PLAIN, SESSION_NONE, echo_dgram) \
	X("discard", SOCK_STREAM, true, BUILTIN_PLAIN, SESSION_DISCARD, discard_stream) \
	X("discard", SOCK_DGRAM, false, BUILTIN_PLAIN, SESSION_NONE, discard_dgram) \
	X("daytime", SOCK_STREAM, false, BUILTIN_PLAIN, SESSION_NONE, daytime_stream) \
	X("daytime", SOCK_DGRAM, false, BUILTIN_PLAIN, SESSION_NONE, daytime_dgram) \
	X("time", SOCK_STREAM, false, BUILTIN_PLAIN, SESSION_NONE, time_stream) \
	X("time", SOCK_DGRAM, false, BUILTIN_PLAIN, SESSION_NONE, time_dgram) \
	X("chargen", SOCK_STREAM, true, BUILTIN_PLAIN, SESSION_CHARGEN, chargen_stream) \
	X("chargen", SOCK_DGRAM, false, BUILTIN_PLAIN, SESSION_NONE, chargen_dgram) \
	X("tcpmux", SOCK_STREAM, true, BUILTIN_TCPMUX, SESSION_NONE, NULL)

/* Is there an internal service of this name (any case) and socket type? */
bool conf_builtin_known(const char *name, int socket_type);

#endif
