/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * journal.c: the journal's native protocol, written here rather than with
 * sd_journal_sendv(3): libsystemd keeps one descriptor for the process
 * and cannot be told that a forked child has closed it (spawn.c closes the
 * daemon's descriptors before its checks log), so in a child it would
 * send to whatever file took that number next, a client's connection or
 * a redirect target among them. Our socket is checked before each use.
 * An extension: xinetd logs through syslog(3) only.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>

#include "journal.h"

#define JOURNAL_SOCKET "/run/systemd/journal/socket"
/* A record is a line of at most 2 KiB and a few fields: one datagram. */
#define RECORD_MAX 8192
/* Room for bursts of START lines before a busy journal makes us wait. */
#define JOURNAL_SNDBUF (1 << 20)

struct record {
	char buf[RECORD_MAX];
	size_t len;
	bool full;
};

static bool present;
static int sock = -1;
static pid_t sock_pid;
static dev_t sock_dev;
static ino_t sock_ino;

void journal_probe(void)
{
	struct stat st;

	present = stat(JOURNAL_SOCKET, &st) == 0 && S_ISSOCK(st.st_mode);
}

bool journal_on(void)
{
	return present;
}

/*
 * Our socket in this process. A forked child inherits the number but the
 * daemon's descriptors are closed there, and the number may be another
 * file's by now: it is used only while it is still the socket opened in
 * this process, and never closed otherwise (it is not ours any more).
 */
static int journal_socket(void)
{
	int size = JOURNAL_SNDBUF;
	struct stat st;

	if (sock >= 0 && sock_pid == getpid() && fstat(sock, &st) == 0 &&
	    st.st_dev == sock_dev && st.st_ino == sock_ino)
		return sock;
	sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (sock < 0)
		return -1;
	(void)setsockopt(sock, SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
	if (fstat(sock, &st) < 0) {
		close(sock);
		sock = -1;
		return -1;
	}
	sock_pid = getpid();
	sock_dev = st.st_dev;
	sock_ino = st.st_ino;
	return sock;
}

static void put(struct record *r, const void *p, size_t n)
{
	if (r->full || n > sizeof(r->buf) - r->len) {
		r->full = true;
		return;
	}
	memcpy(r->buf + r->len, p, n);
	r->len += n;
}

/*
 * KEY=VALUE and a newline; a value that holds a newline goes as KEY, a
 * newline, its length in 64 bits little-endian, the bytes and a newline.
 */
static void field(struct record *r, const char *key, size_t klen,
    const char *val)
{
	size_t vlen = strlen(val);
	unsigned char le[8];

	put(r, key, klen);
	if (memchr(val, '\n', vlen) == NULL) {
		put(r, "=", 1);
	} else {
		for (int i = 0; i < 8; i++)
			le[i] = (unsigned char)((uint64_t)vlen >> (8 * i));
		put(r, "\n", 1);
		put(r, le, sizeof(le));
	}
	put(r, val, vlen);
	put(r, "\n", 1);
}

static void field_int(struct record *r, const char *key, long v)
{
	char num[24];

	snprintf(num, sizeof(num), "%ld", v);
	field(r, key, strlen(key), num);
}

int journal_send(const char *ident, int priority, pid_t pid, const char *msg,
    const char *const *extra, size_t nextra)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX,
	    .sun_path = JOURNAL_SOCKET };
	struct record r;
	int saved = errno, fd;
	ssize_t n;

	if (!present)
		return -1;
	r.len = 0;
	r.full = false;
	field(&r, "MESSAGE", 7, msg);
	field_int(&r, "PRIORITY", priority & LOG_PRIMASK);
	field_int(&r, "SYSLOG_FACILITY", (priority & LOG_FACMASK) >> 3);
	field(&r, "SYSLOG_IDENTIFIER", 17, ident);
	field_int(&r, "SYSLOG_PID", (long)pid);
	for (size_t i = 0; i < nextra; i++) {
		const char *eq = strchr(extra[i], '=');
		if (eq != NULL)
			field(&r, extra[i], (size_t)(eq - extra[i]), eq + 1);
	}
	if (r.full || (fd = journal_socket()) < 0)
		return -1;
	/* Never wait for a busy journal: the line goes to syslog instead. */
	n = sendto(fd, r.buf, r.len, MSG_DONTWAIT | MSG_NOSIGNAL,
	    (struct sockaddr *)&sun, sizeof(sun));
	errno = saved;
	return n == (ssize_t)r.len ? 0 : -1;
}
