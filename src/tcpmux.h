/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * tcpmux.h: RFC 1078 (reference 5): the TCPMUX entries, which have no
 * socket of their own, the request line that names one of them, and the
 * child's question to the daemon whether the entry's limits admit it.
 */
#ifndef XINETD_TCPMUX_H
#define XINETD_TCPMUX_H

#include <stddef.h>

struct service;

/* The request is the first read's worth, at most this many bytes. */
#define TCPMUX_LINE_MAX 256

/* The daemon's answer when the entry is gone (a reload since the fork). */
#define TCPMUX_UNKNOWN 0xff

/* The entries, as service.c keeps them; the table is the caller's. */
void tcpmux_set(struct service **entries, size_t n);

/* The i-th entry, or NULL past the end (for the dump and reloads). */
struct service *tcpmux_nth(size_t i);

/* The entry of that name (any case), or NULL. */
struct service *tcpmux_find(const char *name);

/*
 * The name in one read's worth of request (reference 5): it must end in
 * CRLF and hold more than that. Cuts buf at the CR; NULL when malformed.
 */
const char *tcpmux_parse_line(char *buf, size_t n);

/*
 * In the child: read "NAME\r\n" from conn and find the entry. NULL when
 * the line is bad or names nothing (then "-Service name not found" has
 * been sent).
 */
struct service *tcpmux_accept(int conn);

/* "-Service name not found\r\n" and its NUL, as xinetd sends it. */
void tcpmux_not_found(int conn);

/*
 * In the child: ask the daemon over ctl whether the entry's instances,
 * per_source and cps admit this connection. Returns the verdict (ADMIT_OK
 * or a refusal, access.h), TCPMUX_UNKNOWN, or -1 when the daemon did not
 * answer (then the connection must be refused: fail closed).
 */
int tcpmux_admit(int ctl, const char *name);

#endif
