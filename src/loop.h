/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * loop.h: the event loop: epoll and nothing service-specific. Each watched
 * descriptor carries a callback; signals arrive through a signalfd.
 */
#ifndef XINETD_LOOP_H
#define XINETD_LOOP_H

#include <stdint.h>

struct loop_watch {
	void (*fn)(struct loop_watch *w, uint32_t events);
	int fd;
	int armed;
};

/* A one-shot timer; arming an armed timer moves it. */
struct loop_timer {
	void (*fn)(struct loop_timer *t);
	struct loop_timer *next;
	uint64_t due_ms;	/* CLOCK_MONOTONIC */
	int pending;
};

int loop_init(void);
void loop_fini(void);
int loop_add(struct loop_watch *w, int fd, uint32_t events);
void loop_del(struct loop_watch *w);
/* Change the events a watched descriptor is waited for. */
int loop_mod(struct loop_watch *w, uint32_t events);
void loop_timer_arm(struct loop_timer *t, uint64_t after_ms);
void loop_timer_cancel(struct loop_timer *t);
uint64_t loop_now_ms(void);

/* Wait for events (at most timeout_ms, -1 = forever) and dispatch them. */
int loop_once(int timeout_ms);

#endif
