/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * sensor.c: the global_no_access list. Entries are keyed by the exact
 * numeric text of the peer, as xinetd keys them, so ::ffff:1.2.3.4 on a
 * dual-stack socket and 1.2.3.4 on an IPv4 one are different entries.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conf/conf.h"
#include "log.h"
#include "loop.h"
#include "sensor.h"
#include "util.h"

/* xinetd's cap; further addresses are logged and not added. */
#define SENSOR_MAX 10240
#define SCRUB_MS (60 * 1000)

struct blocked {
	char *addr;
	uint64_t until;		/* monotonic seconds (now_s); 0: for good */
};

static struct blocked *list;
static size_t nlist;
static struct loop_timer scrub_timer;

/* Monotonic, so a clock step neither ends nor extends a block; never 0. */
static uint64_t now_s(void)
{
	return loop_now_ms() / 1000 + 1;
}

static struct blocked *find(const char *addr)
{
	for (size_t i = 0; i < nlist; i++)
		if (strcmp(list[i].addr, addr) == 0)
			return &list[i];
	return NULL;
}

static void scrub(struct loop_timer *t)
{
	uint64_t now = now_s();
	size_t kept = 0;
	bool expired = false;

	(void)t;
	for (size_t i = 0; i < nlist; i++) {
		if (list[i].until != 0 && list[i].until <= now) {
			free(list[i].addr);
			expired = true;
			continue;
		}
		list[kept++] = list[i];
	}
	nlist = kept;
	if (expired)
		log_msg(LOG_INFO,
		    "At least 1 DENY_TIME has expired, global_no_access list updated");
	if (nlist == 0) {
		log_msg(LOG_INFO, "global_no_access list is empty.");
		return;
	}
	loop_timer_arm(&scrub_timer, SCRUB_MS);
}

void sensor_block(const char *addr, long minutes)
{
	uint64_t until = minutes == DENY_FOREVER ? 0 :
	    now_s() + (uint64_t)minutes * 60;
	struct blocked *b;

	log_crit("Adding %s to the global_no_access list for %ld minutes",
	    addr, minutes);
	if (minutes == 0)
		return;		/* NEVER: the sensor only logs */
	b = find(addr);
	if (b != NULL) {
		/* A repeat hit extends the block. */
		if (b->until != 0 && (until == 0 || until > b->until))
			b->until = until;
		return;
	}
	if (nlist == SENSOR_MAX) {
		log_msg(LOG_ERR, "global_no_access list is full (%d entries); %s not added",
		    SENSOR_MAX, addr);
		return;
	}
	list = xreallocarray(list, nlist + 1, sizeof(*list));
	list[nlist].addr = xstrdup(addr);
	list[nlist].until = until;
	nlist++;
	if (!scrub_timer.pending) {
		scrub_timer.fn = scrub;
		loop_timer_arm(&scrub_timer, SCRUB_MS);
	}
}

bool sensor_blocked(const char *addr)
{
	struct blocked *b = find(addr);

	return b != NULL && (b->until == 0 || b->until > now_s());
}

void sensor_clear(void)
{
	for (size_t i = 0; i < nlist; i++)
		free(list[i].addr);
	free(list);
	list = NULL;
	nlist = 0;
	loop_timer_cancel(&scrub_timer);
}
