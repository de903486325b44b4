/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* log.c: program log output in xinetd's formats (reference 8.1). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "compat.h"
#include "journal.h"
#include "log.h"
#include "util.h"

/* Program log lines longer than this are cut, as xinetd's 2048-byte buffer. */
#define LOG_LINE_MAX 2048

static enum log_dest dest = LOG_TO_STDERR;
static int fd = STDERR_FILENO;
static char ident[64] = "xinetd";
static int debugging;
static int gate_fd = -1;
static int gate_open;
static int syslog_facility = LOG_DAEMON;
static int devlog = -1;		/* our own line to syslogd, see as_pid() */

int log_init(const char *name, enum log_dest d, const char *path, int facility)
{
	const char *base = strrchr(name, '/');

	strlcpy(ident, base ? base + 1 : name, sizeof(ident));
	/* Service SYSLOG targets reuse this ident whatever the program log is. */
	openlog(ident, LOG_PID, facility);
	syslog_facility = facility;
	if (d == LOG_TO_FILE) {
		int nfd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
		    0644);
		if (nfd < 0)
			return -errno;
		if (dest == LOG_TO_FILE)
			close(fd);
		fd = nfd;
	} else {
		fd = STDERR_FILENO;
	}
	dest = d;
	return 0;
}

void log_close(void)
{
	if (dest == LOG_TO_FILE)
		close(fd);
	dest = LOG_TO_STDERR;
	fd = STDERR_FILENO;
	if (devlog >= 0)
		close(devlog);
	devlog = -1;
	closelog();
}

/*
 * A syslog line in another process's name: syslog(3) always says ours,
 * so the datagram is written as glibc writes it, to /dev/log.
 */
static void syslog_as(pid_t pid, int level, const char *msg)
{
	static const char mon[12][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};
	struct sockaddr_un sun = { .sun_family = AF_UNIX,
	    .sun_path = "/dev/log" };
	char line[LOG_LINE_MAX + 128];
	time_t now = time(NULL);
	struct tm tm;
	int n;

	if (devlog < 0) {
		devlog = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (devlog >= 0 && connect(devlog, (struct sockaddr *)&sun,
		    sizeof(sun)) < 0) {
			close(devlog);
			devlog = -1;
		}
	}
	if (devlog < 0) {
		syslog(level, "%s", msg);
		return;
	}
	localtime_r(&now, &tm);
	n = snprintf(line, sizeof(line), "<%d>%s %2d %02d:%02d:%02d %s[%d]: %s",
	    syslog_facility | level, mon[tm.tm_mon], tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, ident, (int)pid, msg);
	if (n > 0)
		(void)send(devlog, line, (size_t)n < sizeof(line) ? (size_t)n :
		    sizeof(line) - 1, MSG_DONTWAIT | MSG_NOSIGNAL);
}

const char *log_ident(void)
{
	return ident;
}

int log_fd(void)
{
	return dest == LOG_TO_SYSLOG ? -1 : fd;
}

/*
 * Worked out once a second: a busy service writes a line or two per
 * connection, and the conversion is a good part of a line's cost.
 */
void log_stamp(char *buf, size_t len)
{
	static time_t last = (time_t)-1;
	static char text[32];
	time_t now = time(NULL);

	if (now != last) {
		struct tm tm;
		localtime_r(&now, &tm);
		snprintf(text, sizeof(text), "%02d/%d/%d@%02d:%02d:%02d",
		    tm.tm_year % 100, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		    tm.tm_min, tm.tm_sec);
		last = now;
	}
	snprintf(buf, len, "%s", text);
}

const char *log_strerror(int err)
{
	/* Two slots: a message may render two errors. */
	static char buf[2][128];
	static int slot;

	slot ^= 1;
	snprintf(buf[slot], sizeof(buf[slot]), "%s (errno = %d)",
	    strerror(err), err);
	return buf[slot];
}

static void emit(pid_t pid, int level, const char *prefix, const char *fmt,
    va_list ap) __attribute__((format(printf, 4, 0)));

/* One line; pid 0: ours. */
static void emit(pid_t pid, int level, const char *prefix, const char *fmt,
    va_list ap)
{
	char msg[LOG_LINE_MAX];
	char line[LOG_LINE_MAX + 128];
	char stamp[32];
	int saved = errno;
	int n;

	log_wait_gate();
	n = snprintf(msg, sizeof(msg), "%s", prefix);
	if (n < 0 || (size_t)n >= sizeof(msg))
		n = 0;
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);

	/* The journal, where it is: the same text, the writer's pid. */
	if (dest == LOG_TO_SYSLOG && journal_send(ident, syslog_facility | level,
	    pid != 0 ? pid : getpid(), msg, NULL, 0) == 0) {
		errno = saved;
		return;
	}
	if (dest == LOG_TO_SYSLOG) {
		if (pid != 0)
			syslog_as(pid, level, msg);
		else
			syslog(level, "%s", msg);
		errno = saved;
		return;
	}
	log_stamp(stamp, sizeof(stamp));
	n = snprintf(line, sizeof(line), "%s %s[%d]: %s: %s\n", stamp, ident,
	    (int)(pid != 0 ? pid : getpid()), log_level_word(level), msg);
	if (n > (int)sizeof(line) - 1) {
		n = (int)sizeof(line) - 1;
		line[n - 1] = '\n';
	}
	/* One write per line: O_APPEND keeps parent and child lines whole. */
	ssize_t w = write(fd, line, (size_t)n);
	(void)w;
	errno = saved;
}

void log_msg(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(0, level, "", fmt, ap);
	va_end(ap);
}

void log_msg_as(pid_t pid, int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(pid, level, "", fmt, ap);
	va_end(ap);
}

void log_syslog_reset(bool connect_now)
{
	/* Its old descriptor is closed already: closelog only forgets it. */
	closelog();
	openlog(ident, LOG_PID | (connect_now ? LOG_NDELAY : 0),
	    syslog_facility);
}

void log_hold(int gate)
{
	gate_fd = gate;
	gate_open = 0;
}

void log_wait_gate(void)
{
	char c;

	if (gate_fd < 0 || gate_open)
		return;
	/* A byte, EOF or an error: the parent is done, or gone. */
	while (read(gate_fd, &c, 1) < 0 && errno == EINTR)
		;
	gate_open = 1;
}

int log_gate_fd(void)
{
	log_wait_gate();
	return gate_fd;
}

void log_set_debug(int on)
{
	debugging = on;
}

void log_debug(const char *fmt, ...)
{
	va_list ap;

	if (!debugging)
		return;
	va_start(ap, fmt);
	emit(0, LOG_DEBUG, "", fmt, ap);
	va_end(ap);
}

void log_crit_in(const char *func, const char *fmt, ...)
{
	char prefix[96];
	va_list ap;

	snprintf(prefix, sizeof(prefix), "%d {%s} ", (int)getpid(), func);
	va_start(ap, fmt);
	emit(0, LOG_CRIT, prefix, fmt, ap);
	va_end(ap);
}
