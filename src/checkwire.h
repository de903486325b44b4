/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * checkwire.h: what the daemon and its access checkers (checker.c,
 * checkerd.c) say to each other, one datagram each way per request on a
 * SOCK_SEQPACKET pair.
 */
#ifndef XINETD_CHECKWIRE_H
#define XINETD_CHECKWIRE_H

#include <stdint.h>
#include <sys/socket.h>

/* What a request asks for. */
enum {
	CHECK_WRAP = 1 << 0,	/* the TCP wrappers' verdict */
	CHECK_NAME = 1 << 1,	/* the client's name, for address lists */
	CHECK_IDENT = 1 << 2,	/* the client's identd (USERID) */
};

struct check_request {
	uint32_t id;
	uint32_t needs;
	char daemon[128];		/* libwrap daemon name */
	struct sockaddr_storage local, peer;
	socklen_t local_len, peer_len;
};

struct check_reply {
	uint32_t id;
	uint8_t wrap;			/* enum wrap_verdict */
	uint8_t has_name;
	uint8_t ident_ok;
	char name[256];			/* sanitised reverse name */
	char ident[512];		/* USERID text */
};

#endif
