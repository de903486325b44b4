/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * svc.h: the runtime service, shared by the modules that run services
 * (service.c, request.c, children.c, retry.c, svcdump.c); main.c sees only
 * service.h. How a service takes and serves its requests is worked out
 * once, when its configuration is installed, and every change of state
 * goes through svc_set_state().
 */
#ifndef XINETD_SVC_H
#define XINETD_SVC_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "access.h"
#include "conf/conf.h"
#include "loop.h"
#include "peer.h"

/* How long a service is left unwatched when it cannot be watched now. */
#define SVC_PAUSE_MS 1000

enum svc_state {
	SVC_ACTIVE,		/* listening and watched */
	SVC_BUSY,		/* wait = yes: the server has the socket */
	SVC_SUSPENDED,		/* cps tripped: socket closed until resume */
	SVC_PAUSED,		/* not watched for a while (no descriptors) */
	SVC_RETIRED,		/* removed by a reload; servers still running */
};

struct service;

/* A running server: in the pid table and on its service's list. */
struct child {
	struct child *hnext;		/* pid hash chain */
	struct child *snext;		/* service's list */
	struct child *sub_next;		/* the TCPMUX entry's list */
	pid_t pid;
	struct service *svc;		/* whose server it is: logs, limits */
	struct service *sub;		/* tcpmux: the entry it was admitted to */
	uint64_t start_ms;
	char peer[INET6_ADDRSTRLEN];
	/* max_duration (extension), as it was when the server started */
	long max_duration;
	struct loop_timer deadline;	/* SIGTERM, then SIGKILL */
	bool term_sent;
};

struct service {
	struct loop_watch watch;	/* first: the loop hands it back */
	struct svc_conf *conf;
	/* The mode, from conf (svc_set_conf): */
	bool stream;			/* stream or seqpacket, else datagrams */
	bool hands_over;		/* the server gets the socket itself */
	const struct builtin *inline_b;	/* answered by the daemon itself */
	const struct builtin *session_b; /* served in the daemon (session.c) */
	bool relays;			/* redirect relayed by the daemon (relay.c) */
	bool tcpmux;			/* the tcpmux builtin (tcpmux.c) */
	bool reply_guard;		/* a UDP builtin: access_reply_guard */
	struct exec_plan *plan;		/* the fast spawn (vspawn.c), or NULL */
	bool lists;			/* only_from or no_access to check */
	uint32_t check_needs;		/* what the checker must say (checker.h) */
	bool mux_entry;			/* a TCPMUX entry: no socket of its own */

	struct svclog *log;
	int fd;
	enum svc_state state;
	unsigned index;			/* place in the table (spawning helper) */
	unsigned running;		/* servers on the children list */
	unsigned queued;		/* requests waiting for a fork retry */
	unsigned sessions;		/* in-daemon sessions (session.c, relay.c) */
	unsigned checking;		/* connections waiting for a checker */
	struct child *children;		/* linked by snext, or sub_next */
	uint64_t fd_shortage_logged;	/* monotonic second of the last line */
	struct cps_window cps;		/* reference 4.7 */
	struct loop_timer resume;	/* end of a cps suspension or pause */
	bool rpc_registered;
};

/* The next server on s's list. */
static inline struct child *svc_child_next(const struct service *s,
    const struct child *c)
{
	return s->mux_entry ? c->sub_next : c->snext;
}

/* Install sc (the service owns it from now on) and work out the mode. */
void svc_set_conf(struct service *s, struct svc_conf *sc);

/*
 * Move s to st: an ACTIVE service is watched, any other is not (nor one
 * without a socket of its own). A socket that cannot be watched leaves the
 * service PAUSED, to try again after SVC_PAUSE_MS, never ACTIVE.
 * Transitions are logged under -d.
 */
void svc_set_state(struct service *s, enum svc_state st);

/* For the SIGUSR1 dump. */
const char *svc_state_name(enum svc_state st);

#endif
