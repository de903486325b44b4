/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * log.h: the program log (xinetd's own diagnostics), written to syslog, to a
 * -filelog file or to stderr, in the formats of reference 8.1.
 * Levels are syslog priorities (LOG_CRIT ... LOG_DEBUG).
 */
#ifndef XINETD_LOG_H
#define XINETD_LOG_H

#include <sys/types.h>
#include <stdbool.h>
#include <syslog.h>

enum log_dest {
	LOG_TO_SYSLOG,
	LOG_TO_FILE,
	LOG_TO_STDERR,
};

/* Returns 0, or -errno when the log file cannot be opened. */
int log_init(const char *ident, enum log_dest dest, const char *path,
    int facility);
void log_close(void);

void log_msg(int level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * A line in the name of process pid: what a child that could not log for
 * itself (vspawn.c) would have written.
 */
void log_msg_as(pid_t pid, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Tracing for -d only: state changes an admin debugging a config wants. */
void log_set_debug(int on);
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* CRITICAL lines carry "<pid> {<function>} " as xinetd's do. */
void log_crit_in(const char *func, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
#define log_crit(...) log_crit_in(__func__, __VA_ARGS__)

/* "<strerror text> (errno = <n>)", xinetd's rendering of %m. */
const char *log_strerror(int err);

/* "YY/M/D@HH:MM:SS" in local time, the stamp of both log streams. */
void log_stamp(char *buf, size_t len);

const char *log_ident(void);

/*
 * In a forked child: hold every log line (program and service logs) until
 * the parent has written its START line and closed the other end of gate,
 * so the child's own lines always follow it. -1: nothing to wait for.
 */
void log_hold(int gate);
/* Called before each line; returns at once once the gate has opened. */
void log_wait_gate(void);
/*
 * The gate's descriptor, once open: for a tcpmux child it stays the link
 * to the daemon (tcpmux_admit). Close-on-exec; -1 when there is none.
 */
int log_gate_fd(void);

/*
 * In a process that has just closed the daemon's descriptors: libc's
 * syslog socket was among them, and libc would go on sending to its
 * number, which the next descriptor opened (a connection) may take. Make
 * libc forget it; connect_now opens a new one at once, for a child that
 * will chroot away from /dev/log. Nothing may have been opened since the
 * descriptors were closed.
 */
void log_syslog_reset(bool connect_now);

/* In a forked child: the descriptor that must stay open until exec, or -1. */
int log_fd(void);

#endif
