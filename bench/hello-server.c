/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * hello-server.c: the server the benchmark scenarios exec once per
 * connection. It must cost as little as possible so that what is measured
 * is the super-server, not the server: no stdio, no locale, two or three
 * system calls, built -O2 and (where the toolchain allows) -static.
 *
 *   hello-server          write "HELLO\n" to fd 1 and exit 0
 *   hello-server --line   read one line (up to 255 bytes, '\n' or EOF ends
 *                         it) from fd 0, write "hello <line>\n", exit 0
 *
 * The connection is fds 0, 1 and 2; exiting closes it, which is the EOF
 * the load generator waits for.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int echo_line(void)
{
	/* "hello " + up to 255 bytes + "\n" */
	char out[6 + 255 + 1];
	size_t len = 0;

	memcpy(out, "hello ", 6);
	while (len < 255) {
		ssize_t n = read(0, out + 6 + len, 255 - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		if (n == 0)
			break;
		char *nl = memchr(out + 6 + len, '\n', (size_t)n);
		if (nl != NULL) {
			len = (size_t)(nl - (out + 6));
			break;
		}
		len += (size_t)n;
	}
	/* A CRLF client (telnet) gets the same answer as an LF one. */
	if (len > 0 && out[6 + len - 1] == '\r')
		len--;
	out[6 + len] = '\n';
	return write_all(1, out, 6 + len + 1) < 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--line") == 0)
		return echo_line();
	return write_all(1, "HELLO\n", 6) < 0 ? 1 : 0;
}
