/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * journal.h: log lines as systemd journal records (the native protocol:
 * KEY=VALUE fields in one datagram to the journal's socket), for the
 * program log and the SYSLOG service logs when the journal is there; the
 * callers fall back to syslog(3) otherwise (xinetd.log.5, JOURNAL).
 */
#ifndef XINETD_JOURNAL_H
#define XINETD_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* At start-up and on each reload: is the journal's socket there? */
void journal_probe(void);
/* What the last probe found. */
bool journal_on(void);

/*
 * One record: MESSAGE=msg (the text syslog would get, byte for byte),
 * PRIORITY and SYSLOG_FACILITY from priority (facility | level),
 * SYSLOG_IDENTIFIER=ident, SYSLOG_PID=pid, then the nextra "KEY=VALUE"
 * strings of extra. Returns 0 once sent; -1 when the journal is absent or
 * the record could not be sent, and the line should go to syslog.
 */
int journal_send(const char *ident, int priority, pid_t pid, const char *msg,
    const char *const *extra, size_t nextra);

#endif
