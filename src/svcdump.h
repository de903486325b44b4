/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * svcdump.h: the daemon's state for an admin (SIGUSR1, reference 9.2) and
 * its self-check (SIGABRT and -cc, reference 7).
 */
#ifndef XINETD_SVCDUMP_H
#define XINETD_SVCDUMP_H

#include <stdio.h>

/* Every service and running server, as the dump file shows them. */
void svcdump_write(FILE *fp);

/*
 * The bookkeeping that must agree with itself; returns the number of
 * disagreements, each logged.
 */
unsigned svcdump_consistency_errors(void);

#endif
