/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* ident.h: RFC 1413 look-ups for USERID logging and IDONLY (reference 4.13). */
#ifndef XINETD_IDENT_H
#define XINETD_IDENT_H

#include <stddef.h>
#include <sys/socket.h>

enum ident_result {
	IDENT_OK,
	IDENT_NO_SERVER,
	IDENT_TIMEOUT,
	IDENT_SYSTEM_ERROR,
	IDENT_RECV_ERROR,
	IDENT_BAD_RESPONSE,
};

/*
 * Ask the client's identd who owns the connection conn. On IDENT_OK, out
 * holds the reply after "USERID :" (sanitised). Blocks up to timeout_s:
 * for the forked child only.
 */
enum ident_result ident_lookup(int conn, unsigned timeout_s, char *out,
    size_t len);

/* A connection's two ends, so the look-up can outlive the connection. */
struct ident_endpoints {
	struct sockaddr_storage local, peer;
	socklen_t local_len, peer_len;
};
int ident_endpoints(int conn, struct ident_endpoints *e);
enum ident_result ident_query(const struct ident_endpoints *e,
    unsigned timeout_s, char *out, size_t len);
/* The reason words of xinetd's NOID lines. */
const char *ident_reason(enum ident_result r);

/*
 * One reply line "<pport> , <lport> : USERID : <rest>" (RFC 1413): OK when
 * the ports are ours and the keyword is USERID; <rest> (the OS and user
 * fields), sanitised, goes to out. reply is cut at its first CR or LF.
 */
enum ident_result ident_parse_reply(char *reply, unsigned pport,
    unsigned lport, char *out, size_t len);

#endif
