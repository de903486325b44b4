/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * tcpmux.h: RFC 1078 (reference 5): the TCPMUX services, which have no
 * socket of their own, and the request line that names one of them.
 */
#ifndef XINETD_TCPMUX_H
#define XINETD_TCPMUX_H

#include <stddef.h>

#include "conf/conf.h"

/* Take the TCPMUX and TCPMUXPLUS entries out of cs, replacing the last. */
void tcpmux_take(struct conf_set *cs);
void tcpmux_clear(void);

/* The i-th registered entry, or NULL past the end (for the dump). */
const struct svc_conf *tcpmux_nth(size_t i);

/* The request is the first read's worth, at most this many bytes. */
#define TCPMUX_LINE_MAX 256

/*
 * The name in one read's worth of request (reference 5): it must end in
 * CRLF and hold more than that. Cuts buf at the CR; NULL when malformed.
 */
const char *tcpmux_parse_line(char *buf, size_t n);

/*
 * In the child: read "NAME\r\n" from conn and find the entry. NULL when
 * the line is bad or names nothing (then "-Service name not found" has
 * been sent); "+Go" has been sent for a TCPMUXPLUS entry.
 */
const struct svc_conf *tcpmux_accept(int conn);

#endif
