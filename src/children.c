/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * children.c: the table of running servers. A pid hash finds the server
 * SIGCHLD reports; each service's list gives its instances and per-source
 * counts (reference 4.2, 4.6 and 8.3).
 */
#include "config.h"

#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "checker.h"
#include "children.h"
#include "log.h"
#include "loop.h"
#include "spawner.h"
#include "svc.h"
#include "svclog.h"
#include "util.h"

#define CHILD_BUCKETS 1024
/* Own servers get 50 x 50 ms to exit after SIGTERM, then SIGKILL. */
#define STOP_TICKS 50
#define STOP_TICK_MS 50

static struct child *by_pid[CHILD_BUCKETS];
static unsigned total_running;
/* Identd look-ups for refusals (spawn_userid): reaped silently. */
static pid_t *lookups;
static size_t nlookups;

/*
 * The server, and its process group once it leads one (it calls setsid
 * before exec): what it forked goes with it. Before setsid no group has
 * its pid as id, and while it is unreaped no other process can have that
 * pid, so the group signal reaches nobody else. SIGCONT wakes a stopped
 * server so that it sees the SIGTERM.
 */
static void signal_server(pid_t pid, int sig)
{
	(void)kill(pid, sig);
	(void)kill(-pid, sig);
	if (sig == SIGTERM) {
		(void)kill(pid, SIGCONT);
		(void)kill(-pid, SIGCONT);
	}
}

/* max_duration: the daemon's timer, no helper process per server. */
static void child_overdue(struct loop_timer *t)
{
	struct child *c = CONTAINER_OF(t, struct child, deadline);

	if (!c->term_sent) {
		log_msg(LOG_WARNING,
		    "service %s: server %d ran past max_duration (%ld s): sending SIGTERM",
		    c->svc->conf->id, (int)c->pid, c->max_duration);
		signal_server(c->pid, SIGTERM);
		c->term_sent = true;
		loop_timer_arm(t, (uint64_t)MAX_DURATION_GRACE_S * 1000);
		return;
	}
	log_msg(LOG_WARNING,
	    "service %s: server %d still running %d s after SIGTERM: sending SIGKILL",
	    c->svc->conf->id, (int)c->pid, MAX_DURATION_GRACE_S);
	signal_server(c->pid, SIGKILL);
}

void children_add(struct service *s, pid_t pid, const struct peer *p)
{
	struct child *c = xcalloc(1, sizeof(*c));
	size_t b = (size_t)pid % CHILD_BUCKETS;

	c->pid = pid;
	c->svc = s;
	c->start_ms = loop_now_ms();
	snprintf(c->peer, sizeof(c->peer), "%s", p->text);
	c->hnext = by_pid[b];
	by_pid[b] = c;
	c->snext = s->children;
	s->children = c;
	s->running++;
	total_running++;
	if (s->conf->max_duration > 0) {
		c->max_duration = s->conf->max_duration;
		c->deadline.fn = child_overdue;
		loop_timer_arm(&c->deadline, (uint64_t)c->max_duration * 1000);
	}
}

static struct child *find_child(pid_t pid)
{
	for (struct child *c = by_pid[(size_t)pid % CHILD_BUCKETS]; c;
	    c = c->hnext)
		if (c->pid == pid)
			return c;
	return NULL;
}

/* Take c off s's list (linked by snext or sub_next) and count it out. */
static void unlist(struct service *s, struct child *c)
{
	for (struct child **sp = &s->children; *sp != NULL;
	    sp = s->mux_entry ? &(*sp)->sub_next : &(*sp)->snext) {
		if (*sp == c) {
			*sp = svc_child_next(s, c);
			break;
		}
	}
	s->running--;
}

static struct child *take_child(pid_t pid)
{
	struct child **pp = &by_pid[(size_t)pid % CHILD_BUCKETS];

	for (; *pp != NULL; pp = &(*pp)->hnext) {
		struct child *c = *pp;
		if (c->pid != pid)
			continue;
		*pp = c->hnext;
		unlist(c->svc, c);
		if (c->sub != NULL)
			unlist(c->sub, c);
		total_running--;
		loop_timer_cancel(&c->deadline);
		return c;
	}
	return NULL;
}

void children_add_lookup(pid_t pid)
{
	lookups = xreallocarray(lookups, nlookups + 1, sizeof(*lookups));
	lookups[nlookups++] = pid;
}

unsigned children_lookups(void)
{
	return (unsigned)nlookups;
}

/* Take pid off the look-ups; false if it is none of them. */
static bool take_lookup(pid_t pid)
{
	for (size_t i = 0; i < nlookups; i++) {
		if (lookups[i] == pid) {
			lookups[i] = lookups[--nlookups];
			return true;
		}
	}
	return false;
}

bool children_known(pid_t pid)
{
	for (size_t i = 0; i < nlookups; i++)
		if (lookups[i] == pid)
			return true;
	return find_child(pid) != NULL || spawner_is_helper(pid) ||
	    checker_is_checker(pid);
}

bool children_attach_sub(pid_t pid, struct service *sub)
{
	struct child *c = find_child(pid);

	if (c == NULL || c->sub != NULL)
		return false;
	c->sub = sub;
	c->sub_next = sub->children;
	sub->children = c;
	sub->running++;
	return true;
}

bool children_reap_one(struct service **s)
{
	struct child *c;
	int status;
	pid_t pid = waitpid(-1, &status, WNOHANG);

	*s = NULL;
	if (pid <= 0)
		return false;
	if (spawner_reaped(pid) || take_lookup(pid) || checker_reaped(pid))
		return true;
	c = take_child(pid);
	if (c == NULL) {
		log_msg(LOG_NOTICE, "unknown child process %d died", (int)pid);
		return true;
	}
	svclog_exit(c->svc->log, c->svc->conf, pid, status,
	    loop_now_ms() - c->start_ms, c->peer);
	*s = c->svc;
	free(c);
	return true;
}

unsigned children_from_source(const struct service *s, const char *peer)
{
	unsigned n = 0;

	for (const struct child *c = s->children; c != NULL;
	    c = svc_child_next(s, c))
		if (strcmp(c->peer, peer) == 0)
			n++;
	return n;
}

unsigned children_total(void)
{
	return total_running;
}

unsigned children_in_table(void)
{
	unsigned n = 0;

	for (size_t b = 0; b < CHILD_BUCKETS; b++)
		for (const struct child *c = by_pid[b]; c; c = c->hnext)
			n++;
	return n;
}

unsigned children_signal(const struct service *s, int sig)
{
	unsigned n = 0;

	for (const struct child *c = s->children; c != NULL;
	    c = svc_child_next(s, c)) {
		log_msg(LOG_WARNING, "Sending signal %d to %s server %d", sig,
		    s->conf->id, (int)c->pid);
		(void)kill(c->pid, sig);
		n++;
	}
	return n;
}

bool children_stop_with_daemon(const struct svc_conf *sc)
{
	return (sc->type & (SVC_T_INTERNAL | SVC_T_RPC)) ||
	    sc->redirect_len > 0;
}

/* Signal (0: just count) the own servers still in the table. */
static unsigned own_servers(int sig)
{
	unsigned n = 0;

	for (size_t b = 0; b < CHILD_BUCKETS; b++) {
		for (struct child *c = by_pid[b]; c; c = c->hnext) {
			if (!children_stop_with_daemon(c->svc->conf))
				continue;
			if (sig != 0)
				(void)kill(c->pid, sig);
			n++;
		}
	}
	return n;
}

static void reap_all(void)
{
	struct service *s;

	while (children_reap_one(&s))
		;
}

void children_finish_own(void)
{
	for (int tick = 0; tick < STOP_TICKS; tick++) {
		reap_all();
		if (own_servers(0) == 0)
			return;
		(void)poll(NULL, 0, STOP_TICK_MS);
	}
	(void)own_servers(SIGKILL);
	reap_all();
}

void children_forget_all(void)
{
	for (size_t b = 0; b < CHILD_BUCKETS; b++) {
		while (by_pid[b] != NULL) {
			struct child *c = by_pid[b];
			by_pid[b] = c->hnext;
			loop_timer_cancel(&c->deadline);
			free(c);
		}
	}
	total_running = 0;
	free(lookups);
	lookups = NULL;
	nlookups = 0;
}
