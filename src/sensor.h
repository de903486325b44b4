/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * sensor.h: the global block list fed by SENSOR services and consulted by
 * every other service (reference 4.11).
 */
#ifndef XINETD_SENSOR_H
#define XINETD_SENSOR_H

#include <stdbool.h>

/* Block addr (numeric text) for minutes (DENY_FOREVER: for good). */
void sensor_block(const char *addr, long minutes);
bool sensor_blocked(const char *addr);
void sensor_clear(void);

#endif
