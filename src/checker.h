/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * checker.h: the resident access checkers, seen from the daemon. The
 * checks that may block (TCP wrappers, the client's name, identd) are
 * asked of a small pool of checker processes (checkerd.c) and answered as
 * events on the loop, so neither a fork per connection nor a slow DNS
 * answer stalls anything else. When no checker can answer (the pool and
 * its queue are full, a checker died or was late) the caller falls back
 * to making the checks in a forked child, as before: never to allowing.
 */
#ifndef XINETD_CHECKER_H
#define XINETD_CHECKER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "loop.h"
#include "peer.h"

/* Checkers at most, requests waiting for one, and a request's time. */
#define CHECKERS_MAX 8
#define CHECK_QUEUE_MAX 256
#define CHECK_TIMEOUT_MS 15000

struct check_result {
	int wrap;			/* enum wrap_verdict */
	bool has_name;
	char name[256];
	bool ident_ok;
	char ident[512];
};

struct check_ticket;
/* The answer, or NULL: no checker could give one (make the checks in a child). */
typedef void (*check_fn)(struct check_ticket *t, const struct check_result *r);

/* The caller's, held until fn is called. */
struct check_ticket {
	struct loop_timer timer;	/* first */
	struct check_ticket *next;
	check_fn fn;
	uint32_t id;
	uint32_t needs;			/* CHECK_* (checkwire.h) */
	char daemon[128];
	struct sockaddr_storage local, peer;
	socklen_t local_len, peer_len;
	unsigned char key[16];		/* the peer's address, port aside */
	size_t key_len;
	int worker;			/* -1: waiting for one */
};

/* Watch the wrappers' tables: a change forgets the cached verdicts. */
void checker_init(void);

/*
 * Ask; false when the request cannot be taken (the caller falls back at
 * once). conn gives the local address. Cached answers come at once, from
 * here (fn called before this returns true).
 */
bool checker_submit(struct check_ticket *t, uint32_t needs,
    const char *daemon, int conn, const struct peer *p, check_fn fn);

/* The caller no longer wants the answer (its service is going). */
void checker_cancel(struct check_ticket *t);

/* Forget every cached verdict (a reload). */
void checker_flush(void);

/* Reaped pid was a checker: its request falls back. */
bool checker_reaped(pid_t pid);
bool checker_is_checker(pid_t pid);

/* Stop every checker; pending requests fall back. */
void checker_stop(void);

#endif
