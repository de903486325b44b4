/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * loop.c: epoll dispatch, a callback per descriptor, and one-shot timers
 * multiplexed on a single timerfd; nothing here knows about services.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "loop.h"

/* Events taken per epoll_wait; more simply wait for the next round. */
#define LOOP_BATCH 64

static int epfd = -1;
/*
 * The batch being dispatched: a watch deleted by a callback (its memory
 * perhaps freed) must not get the events still queued for it there.
 */
static struct epoll_event *batch;
static int batch_next, batch_len;
static struct loop_watch timer_watch = { .fd = -1 };
/* Pending timers, soonest first; few exist (suspended services, retries). */
static struct loop_timer *timers;

uint64_t loop_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void rearm_timerfd(void)
{
	struct itimerspec its = { 0 };

	if (timers != NULL) {
		uint64_t due = timers->due_ms ? timers->due_ms : 1;
		its.it_value.tv_sec = (time_t)(due / 1000);
		its.it_value.tv_nsec = (long)(due % 1000) * 1000000;
	}
	(void)timerfd_settime(timer_watch.fd, TFD_TIMER_ABSTIME, &its, NULL);
}

void loop_timer_cancel(struct loop_timer *t)
{
	struct loop_timer **pp;

	if (!t->pending)
		return;
	for (pp = &timers; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
	t->pending = 0;
	rearm_timerfd();
}

void loop_timer_arm(struct loop_timer *t, uint64_t after_ms)
{
	struct loop_timer **pp;

	loop_timer_cancel(t);
	t->due_ms = loop_now_ms() + after_ms;
	for (pp = &timers; *pp != NULL && (*pp)->due_ms <= t->due_ms;
	    pp = &(*pp)->next)
		;
	t->next = *pp;
	*pp = t;
	t->pending = 1;
	rearm_timerfd();
}

static void on_timerfd(struct loop_watch *w, uint32_t events)
{
	uint64_t expirations, now = loop_now_ms();
	/* Read only to clear readiness: the list says what is due. */
	ssize_t n = read(w->fd, &expirations, sizeof(expirations));

	(void)events;
	(void)n;
	/* A callback may arm or cancel timers, so take one at a time. */
	while (timers != NULL && timers->due_ms <= now) {
		struct loop_timer *t = timers;
		timers = t->next;
		t->pending = 0;
		t->fn(t);
	}
	rearm_timerfd();
}

int loop_init(void)
{
	int fd;

	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd < 0)
		return -errno;
	fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	timer_watch.fn = on_timerfd;
	return loop_add(&timer_watch, fd, EPOLLIN);
}

void loop_fini(void)
{
	if (timer_watch.fd >= 0)
		close(timer_watch.fd);
	timer_watch.fd = -1;
	timers = NULL;
	if (epfd >= 0)
		close(epfd);
	epfd = -1;
}

int loop_add(struct loop_watch *w, int fd, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = w };

	w->fd = fd;
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0)
		return -errno;
	w->armed = 1;
	return 0;
}

int loop_mod(struct loop_watch *w, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = w };

	return epoll_ctl(epfd, EPOLL_CTL_MOD, w->fd, &ev) < 0 ? -errno : 0;
}

void loop_del(struct loop_watch *w)
{
	if (!w->armed)
		return;
	(void)epoll_ctl(epfd, EPOLL_CTL_DEL, w->fd, NULL);
	w->armed = 0;
	for (int i = batch_next; i < batch_len; i++)
		if (batch[i].data.ptr == w)
			batch[i].data.ptr = NULL;
}

int loop_once(int timeout_ms)
{
	struct epoll_event evs[LOOP_BATCH];
	int n = epoll_wait(epfd, evs, LOOP_BATCH, timeout_ms);

	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	batch = evs;
	batch_len = n;
	for (batch_next = 0; batch_next < n;) {
		struct epoll_event *ev = &evs[batch_next++];
		struct loop_watch *w = ev->data.ptr;
		if (w != NULL)
			w->fn(w, ev->events);
	}
	batch = NULL;
	batch_len = batch_next = 0;
	return n;
}
