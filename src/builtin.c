/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * builtin.c: echo, discard, daytime, time and chargen over stream and
 * dgram, byte for byte as xinetd answers them (reference 5).
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "builtin.h"
#include "conf/builtins.h"

/* Seconds between 1900-01-01 (RFC 868) and the Unix epoch. */
#define RFC868_OFFSET 2208988800UL
#define ECHO_DGRAM_MAX 2048
#define CHARGEN_LINE 72
#define CHARGEN_DGRAM 1024

static void write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

static void echo_stream(int fd)
{
	char buf[1024];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
		if (n > 0)
			write_all(fd, buf, (size_t)n);
}

static void discard_stream(int fd)
{
	char buf[1024];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
		;
}

/* One datagram in; reply with the given bytes, or the datagram itself. */
static void dgram_reply(int fd, const char *reply, size_t len)
{
	char buf[ECHO_DGRAM_MAX];
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	ssize_t n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT,
	    (struct sockaddr *)&ss, &sl);

	if (n < 0)
		return;
	if (reply == NULL) {
		reply = buf;
		len = (size_t)n;
	}
	(void)sendto(fd, reply, len, MSG_DONTWAIT, (struct sockaddr *)&ss, sl);
}

static void echo_dgram(int fd)
{
	dgram_reply(fd, NULL, 0);
}

static void discard_dgram(int fd)
{
	char buf[1];

	(void)recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
}

/* "26 NOV 2026 05:28:53 UTC\r\n": day zero-padded, month upper case. */
static size_t daytime_text(char *buf, size_t len)
{
	static const char months[12][4] = {
		"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
		"JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
	};
	time_t now = time(NULL);
	struct tm tm;
	char zone[16];
	int n;

	localtime_r(&now, &tm);
	strftime(zone, sizeof(zone), "%Z", &tm);
	n = snprintf(buf, len, "%02d %s %d %02d:%02d:%02d %s\r\n", tm.tm_mday,
	    months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, zone);
	return n < 0 ? 0 : (size_t)n;
}

static void daytime_stream(int fd)
{
	char buf[64];

	(void)send(fd, buf, daytime_text(buf, sizeof(buf)),
	    MSG_DONTWAIT | MSG_NOSIGNAL);
}

static void daytime_dgram(int fd)
{
	char buf[64];

	dgram_reply(fd, buf, daytime_text(buf, sizeof(buf)));
}

static void time_bytes(unsigned char out[4])
{
	uint32_t t = (uint32_t)((unsigned long)time(NULL) + RFC868_OFFSET);

	out[0] = (unsigned char)(t >> 24);
	out[1] = (unsigned char)(t >> 16);
	out[2] = (unsigned char)(t >> 8);
	out[3] = (unsigned char)t;
}

static void time_stream(int fd)
{
	unsigned char b[4];

	time_bytes(b);
	(void)send(fd, b, sizeof(b), MSG_DONTWAIT | MSG_NOSIGNAL);
}

static void time_dgram(int fd)
{
	unsigned char b[4];

	time_bytes(b);
	dgram_reply(fd, (const char *)b, sizeof(b));
}

/*
 * chargen: 72 printable characters from '!' to '}' rotating by one per
 * line, plus CRLF; a line that does not fit is cut short but keeps its
 * CRLF. The rotation carries over between dgram requests.
 */
unsigned builtin_chargen_fill(char *buf, size_t len, unsigned start)
{
	const unsigned first = '!', span = '}' - '!' + 1;
	size_t i = 0;

	while (i + 2 < len) {
		size_t n = len - i - 2 < CHARGEN_LINE ? len - i - 2 :
		    CHARGEN_LINE;
		for (size_t k = 0; k < n; k++)
			buf[i++] = (char)(first + (start + k) % span);
		buf[i++] = '\r';
		buf[i++] = '\n';
		start = (start + 1) % span;
	}
	return start;
}

static void chargen_stream(int fd)
{
	char buf[(CHARGEN_LINE + 2) * 32];
	unsigned start = 0;

	(void)shutdown(fd, SHUT_RD);
	for (;;) {
		unsigned next = builtin_chargen_fill(buf, sizeof(buf), start);
		ssize_t n = write(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof(buf))
			return;
		start = next;
	}
}

static void chargen_dgram(int fd)
{
	static unsigned start;
	char buf[CHARGEN_DGRAM];

	start = builtin_chargen_fill(buf, sizeof(buf), start);
	dgram_reply(fd, buf, sizeof(buf));
}

static const struct builtin builtins[] = {
#define ROW(n, st, forks, kind, session, fn) { n, st, forks, kind, session, fn },
	CONF_BUILTINS(ROW)
#undef ROW
};

const struct builtin *builtin_find(const char *name, int socket_type)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (builtins[i].socket_type == socket_type &&
		    strcasecmp(builtins[i].name, name) == 0)
			return &builtins[i];
	return NULL;
}
