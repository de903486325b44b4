/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * compat.h: declarations for the libc functions configure found missing.
 * Each replacement lives in compat/<function>.c and is linked only when
 * AC_REPLACE_FUNCS decided the platform lacks it (openssh-portable's way).
 */
#ifndef XINETD_COMPAT_H
#define XINETD_COMPAT_H

#include <stddef.h>

#ifndef HAVE_STRLCPY
size_t strlcpy(char *dst, const char *src, size_t size);
#endif

#ifndef HAVE_CLOSEFROM
void closefrom(int lowfd);
#endif

#endif
