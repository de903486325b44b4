/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * access.h: admission checks, each returning a verdict the caller logs
 * with xinetd's FAIL reason word (reference 4.2 and 8.3).
 */
#ifndef XINETD_ACCESS_H
#define XINETD_ACCESS_H

#include <stdbool.h>
#include <sys/types.h>
#include <time.h>

#include "conf/conf.h"
#include "peer.h"

/* The cps window of reference 4.7, carried from request to request. */
struct cps_window {
	unsigned count;
	time_t start;
};

/* What the parent knows when a request arrives; the caller fills it in. */
struct admission {
	time_t mono;		/* CLOCK_MONOTONIC seconds, for cps */
	unsigned running;	/* the service's running servers */
	unsigned from_source;	/* of those, from the peer's address */
	unsigned total_running;	/* servers of every service */
	long process_limit;	/* -limit; 0: none */
	double load;		/* 1-minute load average; < 0: unknown */
	bool sensor_blocked;	/* a SENSOR put the peer on the deny list */
};

enum admit_verdict {
	ADMIT_OK,
	ADMIT_CPS,		/* "connections per second": suspend */
	ADMIT_LOAD,		/* "load" */
	ADMIT_TIME,		/* "time" */
	ADMIT_INSTANCES,	/* "service_limit" */
	ADMIT_PER_SOURCE,	/* "per_source_limit" */
	ADMIT_PROCESS_LIMIT,	/* "process_limit" */
	ADMIT_SENSOR,		/* "address" */
	/* UDP builtins only (access_reply_guard, request.c): */
	ADMIT_SOURCE_PORT,	/* "source_port" */
	ADMIT_SOURCE_ADDRESS,	/* "source_address" */
	ADMIT_REPLY_RATE,	/* "reply_rate" */
};

/*
 * Parent-side admission in xinetd's order (reference 4.2 step 4): cps,
 * max_load, access_times, instances, per_source, -limit, the SENSOR deny
 * list. Depends on nothing but its arguments; the cps window in *cps is
 * advanced by every request, admitted or not, as xinetd does, on the
 * monotonic clock (a clock step must not trip it). now is the wall clock,
 * for access_times. load is read only when max_load is set, from_source
 * only with per_source.
 */
enum admit_verdict access_admit(const struct svc_conf *sc,
    struct cps_window *cps, const struct admission *a,
    const struct peer *p, time_t now);

/*
 * A UDP builtin answers whatever source a datagram claims: spoofed, it
 * makes the service a reflector (two such services answer each other
 * forever) and an amplifier. Refused: privileged source ports, as OpenBSD
 * inetd refuses them (unless reply_to_low_ports), and broadcast,
 * multicast or unspecified sources.
 */
enum admit_verdict access_reply_guard(const struct svc_conf *sc,
    const struct peer *p);

/* The FAIL line's reason word for a refusal. */
const char *access_fail_word(enum admit_verdict v);

/* access_times: is now inside one of the spans? (no list: always) */
bool access_time_ok(const struct svc_conf *sc, time_t now);

/* max_load: the 1-minute load average, or a negative value if unknown. */
double access_load(void);

/* Why the checks of reference 4.2 step 7 refused a request. */
enum access_refusal {
	REFUSE_NONE,
	REFUSE_ADDRESS,		/* only_from / no_access */
	REFUSE_ADDRESS_BOTH,	/* both lists matched: an ERROR line too */
	REFUSE_LIBWRAP,		/* TCP wrappers: an INFO line too */
};

/* Do the address lists need the client's name (a look-up)? */
bool access_needs_name(const struct svc_conf *sc);

/* The lists' verdict for peer, whose name is name (NULL: unknown). */
enum access_refusal access_lists(const struct svc_conf *sc,
    const struct peer *peer, const char *name);

/* "address", "libwrap"; NULL for REFUSE_NONE. */
const char *access_refusal_word(enum access_refusal r);

/* The program-log line a refusal comes with, in pid as's name (0: ours). */
void access_log(enum access_refusal r, const struct svc_conf *sc,
    const struct peer *peer, pid_t as);

/*
 * The checks made in the forked child, after the credential switch:
 * only_from/no_access, then TCP wrappers on fd. NULL when allowed, else the
 * FAIL reason ("address", "libwrap"); the explanation is already logged.
 */
const char *access_child_check(const struct svc_conf *sc,
    const struct peer *peer, int fd);

#endif
