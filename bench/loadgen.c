/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * loadgen.c: a closed-loop TCP connection load generator for the
 * xinetd-ng benchmarks. C threads each run one connection at a time,
 * back to back:
 *
 *     connect -> send the payload (if any) -> read until EOF (or, with
 *     -C, until the reply is as long as -e) -> compare the reply with the
 *     expected string or pattern (if any) -> close
 *
 * and record the latency from the start of connect() to EOF. It stops
 * after -d seconds (default 5) or -n connections, whichever comes first
 * (-n alone: the count, within the hard cap), and prints one line:
 *
 *   conns=N errors=E secs=S rate=R p50_ms=X p99_ms=Y max_ms=Z \
 *       ok=.. err_connect=.. err_timeout=.. err_mismatch=.. err_other=.. \
 *       bytes=B mb_s=M
 *
 *   conns   connection attempts finished (ok + errors)
 *   errors  attempts that failed: connect error or timeout, read timeout,
 *           reply different from -e, or another socket error
 *   secs    wall time from the start to the last attempt's end
 *   rate    successful connections per second (ok / secs)
 *   p50/p99/max  latency of the successful connections, milliseconds
 *           (percentiles from a histogram: 1 us resolution below 1 ms,
 *           10 us below 100 ms, 1 ms above)
 *   bytes   bulk bytes moved by the successful connections (-G, -U; else 0)
 *   mb_s    bytes / secs / 10^6
 *
 * The reply is checked against -e (byte for byte) or -g (an fnmatch(3)
 * pattern, for replies that vary, such as daytime's). Bulk modes talk to
 * bench/redirect-target, directly or through a forwarder:
 *
 *   -G BYTES   send "GET BYTES\n", read to EOF; the reply must be exactly
 *              BYTES bytes of the pattern stream (pattern.h)
 *   -U BYTES   send "PUT BYTES\n" and BYTES bytes of the pattern stream,
 *              half-close, read to EOF; the reply must be "OK BYTES\n"
 *              (the target checked every byte)
 *
 * Everything is bounded: the run lasts at most MAX_SECS whatever -d says,
 * each connect at most -t ms, each reply at most -r ms after connecting.
 * Only loopback destinations (127.0.0.0/8, ::1, ::ffff:127.0.0.0/104) are
 * accepted: this is a benchmark for one machine, not a tool to point at
 * others.
 *
 * Only libc and pthreads. Build: gcc -O2 -pthread -o loadgen loadgen.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "pattern.h"

#define MAX_SECS 600.0		/* hard cap on one run */
#define MAX_CONC 1024
#define MAX_REPLY 65536		/* longer replies count as mismatches */
#define MAX_TEXT 4096		/* -s / -e after unescaping */
#define BULK_BUF (256 * 1024)	/* one recv in bulk mode */

/* Latency histogram, microseconds. */
#define H_FINE 1000		/* [0, 1 ms): 1 us buckets */
#define H_MID 100000		/* [1 ms, 100 ms): 10 us buckets */
#define H_COARSE 10000000	/* [100 ms, 10 s): 1 ms buckets */
#define H_NB (H_FINE + (H_MID - H_FINE) / 10 + (H_COARSE - H_MID) / 1000 + 1)

enum result { RES_OK, RES_CONNECT, RES_TIMEOUT, RES_MISMATCH, RES_OTHER, RES_NRESULTS };

struct worker {
	pthread_t tid;
	uint64_t count[RES_NRESULTS];
	uint64_t max_us;
	uint64_t bytes;
	uint64_t *hist;
	char *buf;
};

static struct sockaddr_storage dst;
static socklen_t dst_len;
static char payload[MAX_TEXT];
static size_t payload_len;
static char expect[MAX_TEXT];
static size_t expect_len;
static bool have_expect;
static char glob[MAX_TEXT + 1];
static bool have_glob;
enum bulk { BULK_NONE, BULK_GET, BULK_PUT };
static enum bulk bulk;
static uint64_t bulk_bytes;
static unsigned char *pattern;
static int connect_timeout_ms = 2000;
static int read_timeout_ms = 5000;
static double duration = 5.0;
static uint64_t max_conns;	/* 0: unlimited (the duration bounds it) */
static bool half_close;
static bool close_early;	/* -C: close once the reply is as long as -e */

static struct timespec t_start;
static atomic_ullong tickets;
static atomic_int stop;

static double now_since(const struct timespec *base)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - base->tv_sec) +
	    (double)(t.tv_nsec - base->tv_nsec) / 1e9;
}

static uint64_t now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000u + (uint64_t)t.tv_nsec / 1000u;
}

static size_t h_index(uint64_t us)
{
	if (us < H_FINE)
		return (size_t)us;
	if (us < H_MID)
		return H_FINE + (size_t)((us - H_FINE) / 10);
	if (us < H_COARSE)
		return H_FINE + (H_MID - H_FINE) / 10 +
		    (size_t)((us - H_MID) / 1000);
	return H_NB - 1;
}

/* Lower edge of a bucket, in microseconds. */
static uint64_t h_value(size_t i)
{
	if (i < H_FINE)
		return i;
	i -= H_FINE;
	if (i < (H_MID - H_FINE) / 10)
		return H_FINE + (uint64_t)i * 10;
	i -= (H_MID - H_FINE) / 10;
	return H_MID + (uint64_t)i * 1000;
}

static void on_sigint(int sig)
{
	(void)sig;
	atomic_store(&stop, 1);
}

/* ms left until deadline_us (never negative). */
static int ms_left(uint64_t deadline_us)
{
	uint64_t now = now_us();

	if (now >= deadline_us)
		return 0;
	uint64_t ms = (deadline_us - now + 999) / 1000;
	return ms > INT_MAX ? INT_MAX : (int)ms;
}

static int wait_fd(int fd, short events, uint64_t deadline_us)
{
	struct pollfd p = { .fd = fd, .events = events };

	for (;;) {
		int r = poll(&p, 1, ms_left(deadline_us));
		if (r > 0)
			return 0;
		if (r == 0)
			return -ETIMEDOUT;
		if (errno != EINTR)
			return -errno;
	}
}

/* Send all of buf on the non-blocking fd; 0, or a negative errno. */
static int send_all(int fd, const char *buf, size_t len, uint64_t deadline)
{
	int err;

	while (len > 0) {
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
		if (n >= 0) {
			buf += n;
			len -= (size_t)n;
			continue;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return -errno;
		if ((err = wait_fd(fd, POLLOUT, deadline)) < 0)
			return err;
	}
	return 0;
}

static enum result one_connection(struct worker *w)
{
	uint64_t t0 = now_us();
	uint64_t deadline = t0 + (uint64_t)connect_timeout_ms * 1000u;
	size_t got = 0;
	enum result res = RES_OTHER;
	int fd, err;
	socklen_t elen = sizeof(err);

	fd = socket(dst.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0);
	if (fd < 0)
		return RES_OTHER;
	if (connect(fd, (struct sockaddr *)&dst, dst_len) < 0) {
		if (errno != EINPROGRESS) {
			res = RES_CONNECT;
			goto out;
		}
		if (wait_fd(fd, POLLOUT, deadline) < 0) {
			res = RES_CONNECT;
			goto out;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) < 0 ||
		    err != 0) {
			res = RES_CONNECT;
			goto out;
		}
	}
	deadline = now_us() + (uint64_t)read_timeout_ms * 1000u;
	if ((err = send_all(fd, payload, payload_len, deadline)) < 0) {
		res = err == -ETIMEDOUT ? RES_TIMEOUT : RES_OTHER;
		goto out;
	}
	if (bulk == BULK_PUT) {
		for (uint64_t sent = 0; sent < bulk_bytes;) {
			size_t at = (size_t)(sent % PATTERN_LEN);
			size_t n = PATTERN_LEN - at;
			if (n > bulk_bytes - sent)
				n = (size_t)(bulk_bytes - sent);
			if ((err = send_all(fd, (const char *)pattern + at, n,
			    deadline)) < 0) {
				res = err == -ETIMEDOUT ? RES_TIMEOUT : RES_OTHER;
				goto out;
			}
			sent += n;
		}
	}
	if (half_close || bulk == BULK_PUT)
		(void)shutdown(fd, SHUT_WR);
	uint64_t streamed = 0;
	for (;;) {
		ssize_t n;
		if (bulk == BULK_GET) {
			/* Check as it arrives: the reply is the whole volume. */
			n = recv(fd, w->buf, BULK_BUF, 0);
			if (n > 0) {
				if (streamed + (uint64_t)n > bulk_bytes ||
				    !pattern_check(pattern, streamed,
				    (const unsigned char *)w->buf, (size_t)n)) {
					res = RES_MISMATCH;
					goto out;
				}
				streamed += (uint64_t)n;
				continue;
			}
		} else {
			n = recv(fd, w->buf + got, MAX_REPLY + 1 - got, 0);
		}
		if (n == 0)
			break;
		if (n > 0) {
			got += (size_t)n;
			if (got > MAX_REPLY) {
				res = RES_MISMATCH;
				goto out;
			}
			if (close_early && got >= expect_len)
				break;
			continue;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			goto out;	/* e.g. ECONNRESET */
		if ((err = wait_fd(fd, POLLIN, deadline)) < 0) {
			res = err == -ETIMEDOUT ? RES_TIMEOUT : RES_OTHER;
			goto out;
		}
	}
	if (bulk == BULK_GET && streamed != bulk_bytes) {
		res = RES_MISMATCH;
		goto out;
	}
	if (have_expect &&
	    (got != expect_len || memcmp(w->buf, expect, got) != 0)) {
		res = RES_MISMATCH;
		goto out;
	}
	if (have_glob) {
		/* The reply is text: a NUL in it is a mismatch. */
		w->buf[got] = '\0';
		if (memchr(w->buf, '\0', got) != NULL ||
		    fnmatch(glob, w->buf, 0) != 0) {
			res = RES_MISMATCH;
			goto out;
		}
	}
	if (bulk != BULK_NONE)
		w->bytes += bulk_bytes;
	res = RES_OK;
out:
	close(fd);
	if (res == RES_OK) {
		uint64_t us = now_us() - t0;
		w->hist[h_index(us)]++;
		if (us > w->max_us)
			w->max_us = us;
	}
	return res;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	while (!atomic_load(&stop)) {
		if (now_since(&t_start) >= duration)
			break;
		if (max_conns > 0 && atomic_fetch_add(&tickets, 1) >= max_conns)
			break;
		enum result r = one_connection(w);
		w->count[r]++;
		/* A refused port fails in microseconds; do not spin on it. */
		if (r == RES_CONNECT || r == RES_OTHER)
			usleep(1000);
	}
	return NULL;
}

/* \n \r \t \\ \xHH; returns the length or -1. */
static long unescape(const char *in, char *out, size_t cap)
{
	size_t n = 0;

	for (; *in != '\0'; in++) {
		char c = *in;
		if (c == '\\') {
			in++;
			switch (*in) {
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case '0': c = '\0'; break;
			case '\\': c = '\\'; break;
			case 'x': {
				char hex[3] = { 0 };
				char *end;
				if (in[1] == '\0' || in[2] == '\0')
					return -1;
				hex[0] = in[1];
				hex[1] = in[2];
				c = (char)strtol(hex, &end, 16);
				if (*end != '\0')
					return -1;
				in += 2;
				break;
			}
			default:
				return -1;
			}
		}
		if (n >= cap)
			return -1;
		out[n++] = c;
	}
	return (long)n;
}

static bool is_loopback(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)ss;
		return (ntohl(s4->sin_addr.s_addr) >> 24) == 127;
	}
	if (ss->ss_family == AF_INET6) {
		const struct in6_addr *a =
		    &((const struct sockaddr_in6 *)ss)->sin6_addr;
		if (IN6_IS_ADDR_LOOPBACK(a))
			return true;
		return IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127;
	}
	return false;
}

static int parse_host(const char *host, unsigned port)
{
	memset(&dst, 0, sizeof(dst));
	struct sockaddr_in *s4 = (struct sockaddr_in *)&dst;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&dst;

	if (inet_pton(AF_INET, host, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		dst_len = sizeof(*s4);
	} else if (inet_pton(AF_INET6, host, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		dst_len = sizeof(*s6);
	} else {
		fprintf(stderr, "loadgen: %s: not a numeric IPv4/IPv6 address\n",
		    host);
		return -1;
	}
	if (!is_loopback(&dst)) {
		fprintf(stderr,
		    "loadgen: %s is not a loopback address; refusing (only 127.0.0.0/8 and ::1)\n",
		    host);
		return -1;
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
	    "usage: loadgen -p PORT [-H ADDR] [-c CONC] [-d SECS] [-n CONNS]\n"
	    "               [-s PAYLOAD] [-e EXPECT | -g GLOB] [-G BYTES | -U BYTES]\n"
	    "               [-t CONNECT_MS] [-r READ_MS] [-h] [-C]\n"
	    "  -H ADDR     loopback address to connect to (default 127.0.0.1; ::1 ok)\n"
	    "  -c CONC     concurrent connections (threads), 1..%d (default 1)\n"
	    "  -d SECS     run for SECS seconds (default 5, at most %.0f)\n"
	    "  -n CONNS    stop after CONNS connection attempts (or -d, if given)\n"
	    "  -s PAYLOAD  send this after connecting (escapes: \\n \\r \\t \\\\ \\xHH)\n"
	    "  -e EXPECT   the whole reply must equal this (same escapes)\n"
	    "  -g GLOB     the whole reply must match this fnmatch(3) pattern\n"
	    "  -G BYTES    bulk download: \"GET BYTES\", BYTES pattern bytes back\n"
	    "  -U BYTES    bulk upload: \"PUT BYTES\" and BYTES pattern bytes,\n"
	    "              reply \"OK BYTES\" (bench/redirect-target)\n"
	    "  -h          half-close (shutdown SHUT_WR) after sending\n"
	    "  -C          close as soon as the reply is as long as EXPECT (no EOF wait)\n"
	    "  -t MS       connect timeout (default 2000)\n"
	    "  -r MS       reply timeout, connect to EOF (default 5000)\n",
	    MAX_CONC, MAX_SECS);
}

static long parse_num(const char *s, long lo, long hi, const char *what)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);

	if (errno != 0 || *end != '\0' || end == s || v < lo || v > hi) {
		fprintf(stderr, "loadgen: bad %s: %s (%ld..%ld)\n", what, s, lo,
		    hi);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	const char *host = "127.0.0.1";
	unsigned port = 0;
	int conc = 1, opt;
	bool have_duration = false;
	long n;

	while ((opt = getopt(argc, argv, "H:p:c:d:n:s:e:g:G:U:t:r:hC")) != -1) {
		switch (opt) {
		case 'H': host = optarg; break;
		case 'p': port = (unsigned)parse_num(optarg, 1, 65535, "port"); break;
		case 'c': conc = (int)parse_num(optarg, 1, MAX_CONC, "concurrency"); break;
		case 'd': {
			char *end;
			duration = strtod(optarg, &end);
			if (*end != '\0' || end == optarg || !(duration > 0)) {
				fprintf(stderr, "loadgen: bad duration: %s\n", optarg);
				return 2;
			}
			if (duration > MAX_SECS)
				duration = MAX_SECS;
			have_duration = true;
			break;
		}
		case 'n': max_conns = (uint64_t)parse_num(optarg, 1, LONG_MAX, "count"); break;
		case 's':
			if ((n = unescape(optarg, payload, sizeof(payload))) < 0) {
				fprintf(stderr, "loadgen: bad payload\n");
				return 2;
			}
			payload_len = (size_t)n;
			break;
		case 'e':
			if ((n = unescape(optarg, expect, sizeof(expect))) < 0) {
				fprintf(stderr, "loadgen: bad expected reply\n");
				return 2;
			}
			expect_len = (size_t)n;
			have_expect = true;
			break;
		case 'g':
			if ((n = unescape(optarg, glob, MAX_TEXT)) < 0) {
				fprintf(stderr, "loadgen: bad pattern\n");
				return 2;
			}
			glob[n] = '\0';
			have_glob = true;
			break;
		case 'G':
		case 'U':
			bulk = opt == 'G' ? BULK_GET : BULK_PUT;
			bulk_bytes = (uint64_t)parse_num(optarg, 1, LONG_MAX, "bulk bytes");
			break;
		case 't': connect_timeout_ms = (int)parse_num(optarg, 1, 60000, "connect timeout"); break;
		case 'r': read_timeout_ms = (int)parse_num(optarg, 1, 600000, "read timeout"); break;
		case 'h': half_close = true; break;
		case 'C': close_early = true; break;
		default: usage(); return 2;
		}
	}
	if (optind != argc || port == 0) {
		usage();
		return 2;
	}
	if (parse_host(host, port) < 0)
		return 2;
	if (close_early && !have_expect) {
		fprintf(stderr, "loadgen: -C needs -e\n");
		return 2;
	}
	if (have_glob && have_expect) {
		fprintf(stderr, "loadgen: -e and -g exclude each other\n");
		return 2;
	}
	if (bulk != BULK_NONE) {
		if (payload_len > 0 || have_expect || have_glob) {
			fprintf(stderr, "loadgen: -G/-U set the payload and the reply\n");
			return 2;
		}
		payload_len = (size_t)snprintf(payload, sizeof(payload), "%s %llu\n",
		    bulk == BULK_GET ? "GET" : "PUT",
		    (unsigned long long)bulk_bytes);
		if (bulk == BULK_PUT) {
			expect_len = (size_t)snprintf(expect, sizeof(expect),
			    "OK %llu\n", (unsigned long long)bulk_bytes);
			have_expect = true;
		}
		pattern = malloc(PATTERN_LEN);
		if (pattern == NULL)
			return 1;
		pattern_fill(pattern);
	}
	if (max_conns > 0 && !have_duration)
		duration = MAX_SECS;	/* -n alone: the count ends it */

	struct sigaction sa = { .sa_handler = on_sigint };
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct worker *ws = calloc((size_t)conc, sizeof(*ws));
	if (ws == NULL)
		return 1;
	for (int i = 0; i < conc; i++) {
		ws[i].hist = calloc(H_NB, sizeof(uint64_t));
		ws[i].buf = malloc((MAX_REPLY > BULK_BUF ? MAX_REPLY : BULK_BUF) + 1);
		if (ws[i].hist == NULL || ws[i].buf == NULL)
			return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t_start);
	int started = 0;
	for (; started < conc; started++) {
		int e = pthread_create(&ws[started].tid, NULL, worker_main,
		    &ws[started]);
		if (e != 0) {
			fprintf(stderr, "loadgen: pthread_create: %s\n", strerror(e));
			atomic_store(&stop, 1);
			break;
		}
	}
	for (int i = 0; i < started; i++)
		pthread_join(ws[i].tid, NULL);
	double secs = now_since(&t_start);

	uint64_t count[RES_NRESULTS] = { 0 }, max_us = 0, bytes = 0;
	uint64_t *hist = calloc(H_NB, sizeof(uint64_t));
	if (hist == NULL)
		return 1;
	for (int i = 0; i < started; i++) {
		for (int r = 0; r < RES_NRESULTS; r++)
			count[r] += ws[i].count[r];
		for (size_t b = 0; b < H_NB; b++)
			hist[b] += ws[i].hist[b];
		if (ws[i].max_us > max_us)
			max_us = ws[i].max_us;
		bytes += ws[i].bytes;
	}
	uint64_t ok = count[RES_OK], errors = 0;
	for (int r = RES_OK + 1; r < RES_NRESULTS; r++)
		errors += count[r];

	/* Nearest-rank percentiles over the histogram. */
	double pct[2] = { 0.50, 0.99 }, val[2] = { 0, 0 };
	for (int k = 0; k < 2 && ok > 0; k++) {
		uint64_t rank = (uint64_t)(pct[k] * (double)ok + 0.999999);
		uint64_t seen = 0;
		if (rank < 1)
			rank = 1;
		for (size_t b = 0; b < H_NB; b++) {
			seen += hist[b];
			if (seen >= rank) {
				val[k] = (double)h_value(b) / 1000.0;
				break;
			}
		}
	}
	printf("conns=%llu errors=%llu secs=%.3f rate=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f"
	    " ok=%llu err_connect=%llu err_timeout=%llu err_mismatch=%llu err_other=%llu"
	    " bytes=%llu mb_s=%.1f\n",
	    (unsigned long long)(ok + errors), (unsigned long long)errors,
	    secs, secs > 0 ? (double)ok / secs : 0.0, val[0], val[1],
	    (double)max_us / 1000.0, (unsigned long long)ok,
	    (unsigned long long)count[RES_CONNECT],
	    (unsigned long long)count[RES_TIMEOUT],
	    (unsigned long long)count[RES_MISMATCH],
	    (unsigned long long)count[RES_OTHER], (unsigned long long)bytes,
	    secs > 0 ? (double)bytes / secs / 1e6 : 0.0);
	for (int i = 0; i < conc; i++) {
		free(ws[i].hist);
		free(ws[i].buf);
	}
	free(ws);
	free(hist);
	return 0;
}
