/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* banner.h: banner, banner_success and banner_fail (reference 4.12). */
#ifndef XINETD_BANNER_H
#define XINETD_BANNER_H

#include <stdbool.h>

/*
 * Copy the file at path to the socket fd verbatim; a missing file is
 * logged. The parent passes in_parent so a client that does not read can
 * never block the daemon: what does not fit the socket buffer is dropped.
 */
void banner_send(const char *path, int fd, const char *id, bool in_parent);

#endif
