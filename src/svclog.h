/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * svclog.h: per-service logs (START/EXIT/FAIL lines, reference 8.2
 * and 8.3) to syslog or to a file with optional size limits.
 */
#ifndef XINETD_SVCLOG_H
#define XINETD_SVCLOG_H

#include <stdint.h>
#include <sys/types.h>

#include "conf/conf.h"

struct peer;
struct svclog;

/* NULL when the target is LOGT_NONE; never fails (errors are logged). */
struct svclog *svclog_open(const struct log_target *t);
struct svclog *svclog_ref(struct svclog *l);
/* The file descriptor behind l, or -1 (a child must keep it open). */
int svclog_fd(const struct svclog *l);
void svclog_unref(struct svclog *l);

/*
 * id names the service in the program log if the file hits its limit; the
 * entry's first word (USERID, NOID, TRAFFIC) is its XINETD_EVENT.
 */
void svclog_write(struct svclog *l, const char *id, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * The entries of reference 8.3, each gated by the service's log options.
 * To the journal they also go as fields (xinetd.log.5, JOURNAL): the
 * client's address and port, the server's pid, how it ended after how
 * many milliseconds (ms), the FAIL word.
 */
void svclog_start(struct svclog *l, const struct svc_conf *sc, pid_t pid,
    const struct peer *peer);
void svclog_exit(struct svclog *l, const struct svc_conf *sc, pid_t pid,
    int status, uint64_t ms, const char *peer);
void svclog_fail(struct svclog *l, const struct svc_conf *sc,
    const char *reason, const struct peer *peer);

#endif
