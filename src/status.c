/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * status.c: READY, STATUS and WATCHDOG for the service manager. The
 * watchdog is pinged from a loop timer, so a loop that no longer turns
 * stops pinging and the manager notices; STATUS follows the counts of
 * services and servers, at most once a second.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "children.h"
#include "loop.h"
#include "notify.h"
#include "service.h"
#include "status.h"
#include "util.h"

/* The least time between two STATUS updates. */
#define STATUS_GAP_MS 1000

static void on_watchdog(struct loop_timer *t);
static void on_status(struct loop_timer *t);

static bool enabled;
static uint64_t ping_ms;	/* 0: no watchdog */
static struct loop_timer watchdog = { .fn = on_watchdog };
static struct loop_timer update = { .fn = on_status };
/* What the manager was last told, and when. */
static unsigned told_services, told_servers;
static uint64_t told_ms;
static char *rejected;

void status_init(void)
{
	uint64_t usec = notify_watchdog_usec();

	enabled = notify_enabled();
	/* Half the interval, as sd_watchdog_enabled(3) advises. */
	ping_ms = enabled && usec > 0 ? usec / 2000 : 0;
	if (enabled && usec > 0 && ping_ms == 0)
		ping_ms = 1;
}

void status_start(void)
{
	if (ping_ms > 0)
		loop_timer_arm(&watchdog, ping_ms);
}

static void on_watchdog(struct loop_timer *t)
{
	notify_send("WATCHDOG=1");
	loop_timer_arm(t, ping_ms);
}

/* "[reload rejected: WHY; ]N services active, M servers running" */
static void status_text(char *buf, size_t len)
{
	told_services = svc_count();
	told_servers = children_total();
	told_ms = loop_now_ms();
	snprintf(buf, len, "%s%s%s%u service%s active, %u server%s running",
	    rejected != NULL ? "reload rejected: " : "",
	    rejected != NULL ? rejected : "", rejected != NULL ? "; " : "",
	    told_services, told_services == 1 ? "" : "s",
	    told_servers, told_servers == 1 ? "" : "s");
}

static void send_ready(void)
{
	char text[512];

	if (!enabled)
		return;
	loop_timer_cancel(&update);
	status_text(text, sizeof(text));
	notify_ready(text);
}

void status_ready(void)
{
	free(rejected);
	rejected = NULL;
	send_ready();
}

void status_reload_rejected(const char *why)
{
	free(rejected);
	rejected = xstrdup(why);
	send_ready();
}

static void on_status(struct loop_timer *t)
{
	char text[520] = "STATUS=";

	(void)t;
	/* Back where they were: nothing new to tell. */
	if (svc_count() == told_services && children_total() == told_servers)
		return;
	status_text(text + 7, sizeof(text) - 7);
	notify_send(text);
}

void status_poll(void)
{
	uint64_t now, due;

	if (!enabled || update.pending ||
	    (svc_count() == told_services && children_total() == told_servers))
		return;
	now = loop_now_ms();
	due = told_ms + STATUS_GAP_MS;
	loop_timer_arm(&update, due > now ? due - now : 0);
}

void status_stop(void)
{
	loop_timer_cancel(&watchdog);
	loop_timer_cancel(&update);
	free(rejected);
	rejected = NULL;
}
