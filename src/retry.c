/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* retry.c: the fork-retry queue, small and bounded. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loop.h"
#include "retry.h"
#include "svc.h"
#include "util.h"

struct retry {
	struct loop_timer timer;	/* first: the timer hands it back */
	struct retry *next;
	struct service *svc;
	int fd;				/* connection, or the service socket */
	bool owns_fd;			/* a connection: closed if given up */
	struct peer peer;
	int attempts;
	retry_fn fn;
};

static struct retry *retries;
static unsigned nretries;

/* Take r off the list and free it; its request is the caller's again. */
static struct retry take(struct retry *r)
{
	struct retry copy = *r;

	loop_timer_cancel(&r->timer);
	for (struct retry **pp = &retries; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == r) {
			*pp = r->next;
			break;
		}
	}
	nretries--;
	r->svc->queued--;
	free(r);
	return copy;
}

static void on_timer(struct loop_timer *t)
{
	struct retry r = take((struct retry *)t);

	r.fn(r.svc, r.fd, &r.peer, r.attempts);
}

bool retry_queue(struct service *s, int fd, const struct peer *p,
    int attempts, retry_fn fn)
{
	struct retry *r;

	if (nretries >= RETRY_MAX_PENDING)
		return false;
	r = xcalloc(1, sizeof(*r));
	r->timer.fn = on_timer;
	r->svc = s;
	r->fd = fd;
	/* Decided now: a reload may change the service's mode meanwhile. */
	r->owns_fd = !s->hands_over;
	r->peer = *p;
	r->attempts = attempts;
	r->fn = fn;
	r->next = retries;
	retries = r;
	nretries++;
	s->queued++;
	loop_timer_arm(&r->timer, RETRY_MS);
	return true;
}

bool retry_pending(const struct service *s)
{
	for (const struct retry *r = retries; r != NULL; r = r->next)
		if (r->svc == s)
			return true;
	return false;
}

/* Give up r: its connection, if it owns one, is closed. */
static void end(struct retry *r)
{
	struct retry gone = take(r);

	if (gone.owns_fd)
		close(gone.fd);
}

void retry_cancel(const struct service *s)
{
	for (struct retry *r = retries, *next; r != NULL; r = next) {
		next = r->next;
		if (r->svc == s)
			end(r);
	}
}

void retry_cancel_all(void)
{
	while (retries != NULL)
		end(retries);
}

unsigned retry_from_source(const struct service *s, const struct peer *p)
{
	unsigned n = 0;

	for (const struct retry *r = retries; r != NULL; r = r->next)
		if (r->svc == s && strcmp(r->peer.text, p->text) == 0)
			n++;
	return n;
}

unsigned retry_count(void)
{
	return nretries;
}
