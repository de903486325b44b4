/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * checkerd.h: the access checker's own side: a small process the daemon
 * starts (xinetd --access-checker, its socket on fd 3) to make the checks
 * that may block (TCP wrappers, client names, identd) away from the loop.
 */
#ifndef XINETD_CHECKERD_H
#define XINETD_CHECKERD_H

/* The option that makes the binary a checker (not for users). */
#define CHECKERD_OPTION "--access-checker"

/* Serve requests on fd until the daemon goes; the exit status. */
int checkerd_main(int fd);

#endif
