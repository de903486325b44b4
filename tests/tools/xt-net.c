/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * xt-net - small loopback network client for the xinetd-ng integration tests.
 *
 * Usage:
 *   xt-net freeport [N]
 *       Print N (default 1) distinct port numbers, one per line, each of which
 *       could be bound just now for TCP and for UDP on the wildcard address
 *       (dual-stack ::), on 127.0.0.1 and on ::1.  Candidates are drawn at
 *       random from 20000..59999, avoiding the kernel's ephemeral range when
 *       that leaves any room.
 *
 *   xt-net freeport-range N
 *       Print the first of N (1..20000) consecutive ports in the candidate
 *       ranges of `freeport` on which a TCP listener can be bound the way the
 *       daemon binds it (SO_REUSEADDR; on ::, 0.0.0.0, 127.0.0.1 and ::1): a
 *       port whose only sockets are in TIME_WAIT counts as free.  UDP is not
 *       checked.
 *
 *   xt-net notify PATH [-t SEC] [-n N]
 *       Listen as a systemd notification socket at PATH and print every
 *       message received, one per line (newlines turned into spaces).
 *
 *   xt-net journal PATH [-t SEC] [-n N]
 *       Be the journal's native socket at PATH (mode 0666): for each record
 *       (a datagram, or a memfd passed with one) print its fields, one
 *       "KEY=VALUE" line each, then an empty line.  Both encodings of a
 *       field are read (KEY=VALUE\n, and KEY\n + 64-bit little-endian
 *       length + bytes + \n); in VALUE a backslash is written \\, a
 *       newline \n and other control bytes \xHH.  A record that cannot be
 *       parsed gets a line "XT_MALFORMED=<what>".  Stops after N records
 *       or SEC (default 10) seconds.
 *
 *   xt-net tcp HOST PORT [-s STRING | -S FILE] [-e] [-w] [-d] [-t SEC] [-n MAX]
 *       Connect, send STRING (C escapes \n \r \t \0 \\ \xHH are interpreted) or
 *       the contents of FILE, then read until EOF and copy the received bytes
 *       raw to stdout.
 *         -e      after sending, shut down the write side (the server sees EOF).
 *                 Without -e the write side stays open until we exit.
 *         -w      write only: send, then close without reading (exit 0).
 *         -d      duplex: read (and print) while still sending, so that a
 *                 server echoing a large payload cannot fill both socket
 *                 buffers and stall (without -d everything is sent first).
 *         -t SEC  overall deadline, fractional seconds allowed (default 5).
 *         -n MAX  stop after MAX received bytes (exit 0).
 *
 *   xt-net udp HOST PORT -s STRING [-t SEC]
 *       Send one datagram and print the first reply datagram.
 *
 *   xt-net udp-burst HOST PORT N -s PREFIX [-t SEC] [-q SEC] [-m]
 *       From one socket send N datagrams "PREFIX1" .. "PREFIXN" back to back,
 *       then print every reply datagram followed by a newline, until -t SEC
 *       (default 5) have passed in all or -q SEC (default 1) passed without a
 *       new reply after the first one.  Exit 0 if any reply arrived, 3 if none.
 *         -m      after the last datagram went out, write "sent N" and a
 *                 newline on stderr (a mark a script can wait for).
 *         -i SEC  wait SEC between datagrams (replies are read after).
 *
 *   xt-net udp-spoof SRCPORT DSTPORT -s STRING   (root)
 *       Send one UDP datagram to 127.0.0.1:DSTPORT that claims to come from
 *       127.0.0.1:SRCPORT (a raw socket writes the UDP header), as a
 *       forged datagram would; no reply is read.
 *
 *   xt-net identd HOST PORT [-c N] [-t SEC] [-u USER]
 *       A minimal RFC 1413 server: for each of N (1) connections read the
 *       query "P1 , P2" and answer "P1 , P2 : USERID : UNIX : USER"
 *       (default "tester"); give up after SEC (10) s without a client.
 *
 *   xt-net hold HOST PORT N [-t SEC] [-s STRING] [-B SRC]
 *       Open N connections (sending STRING, default "x", on each) and keep
 *       them open, reading nothing, for SEC (10) s; prints "held N" once
 *       all are open (the soft descriptor limit is raised as needed).
 *
 *   xt-net udp-sink HOST PORT [-t SEC]
 *       Bind a UDP socket and never read it, for SEC (10) s: a server that
 *       swallows every query (a resolver that never answers). Prints
 *       "listening".
 *
 *   xt-net addrform
 *       Print "yes" if the kernel turns an accepted v4-mapped connection into
 *       an AF_INET socket (IPV6_ADDRFORM), else "no: REASON" and exit 1.
 *
 *   xt-net listen HOST PORT [-t SEC]
 *       Listen (backlog 1024) and never accept: connections complete,
 *       nothing is ever said or closed. Prints "listening", holds the port SEC (10) s.
 *
 *   xt-net wait-port HOST PORT [-t SEC]
 *       Try to connect every 20 ms until the TCP port accepts a connection.
 *
 *   xt-net serve HOST PORT [-c CONNS] [-t IDLE] [--echo | -s STRING]
 *       A minimal TCP server (e.g. a redirect target).  Listen on HOST PORT
 *       (SO_REUSEADDR), print "listening\n" on stdout, then serve up to CONNS
 *       (default 1) connections one after another:
 *         --echo     (default) send back everything received, until EOF;
 *         -s STRING  read up to and including the first newline (or EOF),
 *                    then send STRING (escapes as for tcp);
 *       then close it and print "conn N in=BYTES out=BYTES\n" (bytes received
 *       and sent on that connection).  Exit 0 after CONNS connections, 3 if
 *       IDLE seconds (default 10) pass without a connection or without
 *       progress on one.
 *
 * HOST is a numeric IPv4 or IPv6 literal (127.0.0.1, ::1).
 *
 * Exit status:
 *   0  success (EOF reached, MAX bytes read, reply received, port open,
 *      all connections served)
 *   1  usage or local error
 *   2  connect failed or the peer refused (ICMP) -- strerror on stderr
 *   3  timeout (whatever was received is still printed)
 *   4  the connection was reset or failed while reading (data received
 *      before the error is still printed)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

enum { EX_OK = 0, EX_USAGE = 1, EX_CONN = 2, EX_TIMEOUT = 3, EX_IOERR = 4 };

static const char *prog = "xt-net";

static void usage(void)
{
	fprintf(stderr,
		"usage: %s freeport [N]\n"
		"       %s freeport-range N\n"
		"       %s tcp HOST PORT [-s STRING | -S FILE] [-e] [-w [-r]] [-d] [-t SEC] [-n MAXBYTES] [-B SRC]\n"
		"       %s udp HOST PORT -s STRING [-t SEC] [-b SRCPORT]\n"
		"       %s udp-spoof SRCPORT DSTPORT -s STRING\n"
		"       %s udp-burst HOST PORT N -s PREFIX [-t SEC] [-q SEC] [-i SEC] [-m]\n"
		"       %s wait-port HOST PORT [-t SEC]\n"
		"       %s serve HOST PORT [-c CONNS] [-t IDLE] [--echo | -s STRING]\n"
		"       %s notify PATH [-t SEC] [-n N]\n"
		"       %s journal PATH [-t SEC] [-n N]\n"
		"       %s addrform\n"
		"       %s listen HOST PORT [-t SEC]\n"
		"       %s identd HOST PORT [-c N] [-t SEC] [-u USER]\n"
		"       %s hold HOST PORT N [-t SEC] [-s STRING] [-B SRC]\n"
		"       %s udp-sink HOST PORT [-t SEC]\n",
		prog, prog, prog, prog, prog, prog, prog, prog, prog, prog, prog, prog, prog, prog,
		prog);
	exit(EX_USAGE);
}

/* ---- time ---------------------------------------------------------------- */

static void pause_ms(int ms)
{
	poll(NULL, 0, ms);
}

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Milliseconds left until deadline, at least 0. */
static int ms_left(double deadline)
{
	double left = deadline - now_sec();
	if (left <= 0)
		return 0;
	if (left > 86400)
		left = 86400;
	return (int)(left * 1000.0) + 1;
}

static double parse_seconds(const char *s)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || v < 0 || v > 86400) {
		fprintf(stderr, "%s: bad timeout: %s\n", prog, s);
		exit(EX_USAGE);
	}
	return v;
}

static long parse_long(const char *s, long min, long max, const char *what)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		fprintf(stderr, "%s: bad %s: %s\n", prog, what, s);
		exit(EX_USAGE);
	}
	return v;
}

/* ---- payload --------------------------------------------------------------- */

struct buf {
	char *data;
	size_t len;
};

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Interpret \n \r \t \0 \\ \xHH; any other backslash sequence is kept as is. */
static struct buf unescape(const char *s)
{
	size_t n = strlen(s);
	struct buf b = { malloc(n + 1), 0 };
	if (!b.data) {
		perror(prog);
		exit(EX_USAGE);
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\' || i + 1 == n) {
			b.data[b.len++] = s[i];
			continue;
		}
		char c = s[++i];
		switch (c) {
		case 'n': b.data[b.len++] = '\n'; break;
		case 'r': b.data[b.len++] = '\r'; break;
		case 't': b.data[b.len++] = '\t'; break;
		case '0': b.data[b.len++] = '\0'; break;
		case '\\': b.data[b.len++] = '\\'; break;
		case 'x':
			if (i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
				b.data[b.len++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
				i += 2;
				break;
			}
			/* fall through */
		default:
			b.data[b.len++] = '\\';
			b.data[b.len++] = c;
			break;
		}
	}
	return b;
}

static struct buf read_file(const char *path)
{
	struct buf b = { NULL, 0 };
	size_t cap = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		exit(EX_USAGE);
	}
	for (;;) {
		if (b.len == cap) {
			cap = cap ? cap * 2 : 4096;
			b.data = realloc(b.data, cap);
			if (!b.data) {
				perror(prog);
				exit(EX_USAGE);
			}
		}
		ssize_t r = read(fd, b.data + b.len, cap - b.len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
			exit(EX_USAGE);
		}
		if (r == 0)
			break;
		b.len += (size_t)r;
	}
	close(fd);
	return b;
}

/* ---- addresses ------------------------------------------------------------- */

static void set_port(struct sockaddr_storage *ss, unsigned port)
{
	if (ss->ss_family == AF_INET6)
		((struct sockaddr_in6 *)ss)->sin6_port = htons((uint16_t)port);
	else
		((struct sockaddr_in *)ss)->sin_port = htons((uint16_t)port);
}

static void make_addr(const char *host, const char *port, struct sockaddr_storage *ss,
		      socklen_t *len)
{
	long p = parse_long(port, 1, 65535, "port");
	memset(ss, 0, sizeof(*ss));
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, host, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)p);
		*len = sizeof(*sin);
	} else if (inet_pton(AF_INET6, host, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)p);
		*len = sizeof(*sin6);
	} else {
		fprintf(stderr, "%s: HOST must be a numeric address: %s\n", prog, host);
		exit(EX_USAGE);
	}
}

/*
 * Non-blocking connect bounded by deadline.  Returns a connected blocking-mode
 * socket, or -1 with errno set (ETIMEDOUT on deadline).
 */
/* tcp -B ADDR: connect from this address (e.g. 127.0.0.2) */
static const char *source_addr;

static int connect_by(int type, const struct sockaddr_storage *ss, socklen_t len, double deadline)
{
	int fd = socket(ss->ss_family, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -1;
	if (source_addr != NULL) {
		struct sockaddr_storage me;
		socklen_t mlen;
		make_addr(source_addr, "1", &me, &mlen);
		set_port(&me, 0);
		if (bind(fd, (struct sockaddr *)&me, mlen) < 0) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
	}
	if (connect(fd, (const struct sockaddr *)ss, len) == 0)
		return fd;
	if (errno != EINPROGRESS) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	for (;;) {
		int r = poll(&pfd, 1, ms_left(deadline));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			close(fd);
			errno = r == 0 ? ETIMEDOUT : errno;
			return -1;
		}
		break;
	}
	int err = 0;
	socklen_t elen = sizeof(err);
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) < 0)
		err = errno;
	if (err) {
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

/* ---- freeport -------------------------------------------------------------- */

/*
 * Try to bind one socket; returns 1 if the port is free. With reuse, the
 * socket has SO_REUSEADDR as the daemon's have, so ports held only by
 * TIME_WAIT connections count as free.
 */
static int bind_ok(int family, int type, const char *addr, int port, int v6only,
		   int reuse)
{
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof(ss));
	socklen_t len;
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		inet_pton(AF_INET, addr, &sin->sin_addr);
		len = sizeof(*sin);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)port);
		inet_pton(AF_INET6, addr, &sin6->sin6_addr);
		len = sizeof(*sin6);
	}
	int fd = socket(family, type | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return family == AF_INET6 && errno == EAFNOSUPPORT; /* no IPv6 at all: fine */
	if (reuse)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof(reuse));
	if (family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof(v6only));
	int ok = bind(fd, (struct sockaddr *)&ss, len) == 0;
	if (!ok && family == AF_INET6 && errno == EADDRNOTAVAIL)
		ok = 1; /* ::1 not configured: nothing can use it either */
	close(fd);
	return ok;
}

static int port_free(int port)
{
	static const int types[] = { SOCK_STREAM, SOCK_DGRAM };
	for (size_t i = 0; i < 2; i++) {
		int t = types[i];
		if (!bind_ok(AF_INET6, t, "::", port, 0, 0) ||
		    !bind_ok(AF_INET, t, "0.0.0.0", port, 0, 0) ||
		    !bind_ok(AF_INET, t, "127.0.0.1", port, 0, 0) ||
		    !bind_ok(AF_INET6, t, "::1", port, 1, 0))
			return 0;
	}
	return 1;
}

struct ranges {
	int r1lo, r1hi, n1, r2lo, r2hi, n2;
};

/* Candidate ranges: 20000..59999 outside the ephemeral range if that leaves
 * >= 1000 ports, else all of 20000..59999. */
static struct ranges candidate_ranges(void)
{
	int lo = 20000, hi = 59999;
	int elo = 0, ehi = -1;
	FILE *f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "re");
	if (f) {
		if (fscanf(f, "%d %d", &elo, &ehi) != 2)
			ehi = -1;
		fclose(f);
	}
	/* Candidate ranges outside the ephemeral range, if that leaves >= 1000 ports. */
	int r1lo = lo, r1hi = elo - 1 < hi ? elo - 1 : hi;
	int r2lo = ehi + 1 > lo ? ehi + 1 : lo, r2hi = hi;
	int n1 = r1hi >= r1lo ? r1hi - r1lo + 1 : 0;
	int n2 = r2hi >= r2lo ? r2hi - r2lo + 1 : 0;
	if (ehi < elo || n1 + n2 < 1000) {
		r1lo = lo;
		r1hi = hi;
		n1 = hi - lo + 1;
		n2 = 0;
	}
	struct ranges r = { r1lo, r1hi, n1, r2lo, r2hi, n2 };
	return r;
}

static int cmd_freeport(int argc, char **argv)
{
	long n = 1;
	if (argc > 3)
		usage();
	if (argc == 3)
		n = parse_long(argv[2], 1, 1000, "count");

	struct ranges rg = candidate_ranges();
	int r1lo = rg.r1lo, n1 = rg.n1, r2lo = rg.r2lo, n2 = rg.n2;

	int *got = calloc((size_t)n, sizeof(int));
	if (!got) {
		perror(prog);
		return EX_USAGE;
	}
	long have = 0;
	for (int attempt = 0; have < n && attempt < 20000; attempt++) {
		uint32_t rnd;
		if (getrandom(&rnd, sizeof(rnd), 0) != sizeof(rnd))
			rnd = (uint32_t)rand() ^ (uint32_t)getpid() ^ (uint32_t)time(NULL);
		int k = (int)(rnd % (uint32_t)(n1 + n2));
		int port = k < n1 ? r1lo + k : r2lo + (k - n1);
		int dup = 0;
		for (long j = 0; j < have; j++)
			dup |= got[j] == port;
		if (dup || !port_free(port))
			continue;
		got[have++] = port;
	}
	if (have < n) {
		fprintf(stderr, "%s: could not find %ld free ports\n", prog, n);
		return EX_USAGE;
	}
	for (long j = 0; j < have; j++)
		printf("%d\n", got[j]);
	free(got);
	return EX_OK;
}

static uint32_t rnd32(void)
{
	uint32_t rnd;
	if (getrandom(&rnd, sizeof(rnd), 0) != sizeof(rnd))
		rnd = (uint32_t)rand() ^ (uint32_t)getpid() ^ (uint32_t)time(NULL);
	return rnd;
}

static int tcp_port_free(int port)
{
	return bind_ok(AF_INET6, SOCK_STREAM, "::", port, 0, 1) &&
	       bind_ok(AF_INET, SOCK_STREAM, "0.0.0.0", port, 0, 1) &&
	       bind_ok(AF_INET, SOCK_STREAM, "127.0.0.1", port, 0, 1) &&
	       bind_ok(AF_INET6, SOCK_STREAM, "::1", port, 1, 1);
}

/* Mark the local ports of the TCP sockets listed in a /proc/net table,
 * except those in TIME_WAIT (state 06). */
static void mark_proc_ports(const char *path, unsigned char *used)
{
	FILE *f = fopen(path, "re");
	char line[512];
	if (!f)
		return;
	if (!fgets(line, sizeof(line), f)) { /* header */
		fclose(f);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');          /* after "sl" */
		colon = colon ? strchr(colon + 1, ':') : NULL; /* in local_address */
		if (!colon)
			continue;
		char *end;
		unsigned long port = strtoul(colon + 1, &end, 16);
		unsigned st = 0;
		/* end -> " rem_address st": skip the remote address */
		if (sscanf(end, " %*s %x", &st) != 1)
			st = 0;
		if (port < 65536 && st != 0x06)
			used[port] = 1;
	}
	fclose(f);
}

/*
 * N consecutive free ports: the kernel's TCP tables are read once to skip
 * busy ports cheaply, a window of N candidates is then checked with
 * tcp_port_free(), and a port that fails it moves the window past it.
 */
static int cmd_freeport_range(int argc, char **argv)
{
	if (argc != 3)
		usage();
	int n = (int)parse_long(argv[2], 1, 20000, "count");
	struct ranges rg = candidate_ranges();
	static unsigned char used[65536];
	static const char *const tables[] = { "/proc/net/tcp", "/proc/net/tcp6" };
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		mark_proc_ports(tables[i], used);

	int total = rg.n1 + rg.n2;
	if (total <= 0 || n > total)
		goto none;
	int off = (int)(rnd32() % (uint32_t)total);
	int run = 0, start = -1, prev = -2;
	for (int step = 0; step < total + n; step++) {
		int k = (off + step) % total;
		int port = k < rg.n1 ? rg.r1lo + k : rg.r2lo + (k - rg.n1);
		if (port != prev + 1)
			run = 0; /* range boundary or wrap-around */
		prev = port;
		if (used[port]) {
			run = 0;
			continue;
		}
		if (run++ == 0)
			start = port;
		if (run < n)
			continue;
		/* a window of n candidates: verify it for real */
		int bad = -1;
		for (int q = start; q < start + n && bad < 0; q++)
			if (!tcp_port_free(q))
				bad = q;
		if (bad < 0) {
			printf("%d\n", start);
			return EX_OK;
		}
		used[bad] = 1;
		/* go on after the busy port */
		run = port - bad;
		start = bad + 1;
		if (run == 0)
			start = -1;
	}
none:
	fprintf(stderr, "%s: could not find %d consecutive free ports\n", prog, n);
	return EX_USAGE;
}

/* ---- tcp ------------------------------------------------------------------- */

static int write_all(int fd, const char *p, size_t n, double deadline)
{
	while (n > 0) {
		struct pollfd pfd = { .fd = fd, .events = POLLOUT };
		int r = poll(&pfd, 1, ms_left(deadline));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int emit(const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Connect (TCP or UDP) to HOST PORT by the deadline; -1 after saying why. */
static int connect_to(int type, const char *host, const char *port,
		      double deadline)
{
	struct sockaddr_storage ss;
	socklen_t len;

	make_addr(host, port, &ss, &len);
	int fd = connect_by(type, &ss, len, deadline);
	if (fd < 0)
		fprintf(stderr, "%s: connect to %s port %s: %s\n", prog, host,
			port, strerror(errno));
	return fd;
}

static int cmd_tcp(int argc, char **argv)
{
	if (argc < 4)
		usage();
	const char *host = argv[2], *port = argv[3];
	struct buf payload = { NULL, 0 };
	int have_payload = 0, eof_after = 0, write_only = 0, duplex = 0;
	int reset = 0;
	double timeout = 5.0;
	long max = -1;
	for (int i = 4; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-e")) {
			eof_after = 1;
		} else if (!strcmp(a, "-r")) {
			reset = 1;
		} else if (i + 1 < argc && !strcmp(a, "-B")) {
			source_addr = argv[++i];
		} else if (!strcmp(a, "-d")) {
			duplex = 1;
		} else if (!strcmp(a, "-w")) {
			write_only = 1;
		} else if (i + 1 < argc && !strcmp(a, "-s")) {
			payload = unescape(argv[++i]);
			have_payload = 1;
		} else if (i + 1 < argc && !strcmp(a, "-S")) {
			payload = read_file(argv[++i]);
			have_payload = 1;
		} else if (i + 1 < argc && !strcmp(a, "-t")) {
			timeout = parse_seconds(argv[++i]);
		} else if (i + 1 < argc && !strcmp(a, "-n")) {
			max = parse_long(argv[++i], 0, 1L << 40, "byte count");
		} else {
			usage();
		}
	}

	double deadline = now_sec() + timeout;
	int fd = connect_to(SOCK_STREAM, host, port, deadline);
	if (fd < 0)
		return EX_CONN;
	char buf[65536];
	long total = 0;
	int rc = EX_OK;
	size_t sent = 0;
	/* Duplex: send the payload while reading whatever already came back. */
	int sending = duplex && !write_only && have_payload && payload.len > 0;
	if (!sending && have_payload && payload.len > 0 &&
	    write_all(fd, payload.data, payload.len, deadline) < 0) {
		int e = errno;
		fprintf(stderr, "%s: send: %s\n", prog, strerror(e));
		/* The server may have answered and closed before reading: go on reading. */
		if (e == ETIMEDOUT)
			return EX_TIMEOUT;
	}
	if (!sending && eof_after)
		shutdown(fd, SHUT_WR);
	if (write_only) {
		/* -r: end with a reset (RST) instead of a close. */
		if (reset) {
			struct linger lg = { .l_onoff = 1, .l_linger = 0 };
			pause_ms(200);
			setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		}
		close(fd);
		return EX_OK;
	}

	for (;;) {
		if (max >= 0 && total >= max)
			break;
		struct pollfd pfd = { .fd = fd, .events = POLLIN | (sending ? POLLOUT : 0) };
		int r = poll(&pfd, 1, ms_left(deadline));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, "%s: poll: %s\n", prog, strerror(errno));
			rc = EX_IOERR;
			break;
		}
		if (r == 0) {
			fprintf(stderr, "%s: timeout after %.3g s waiting for EOF (%ld bytes received)\n",
				prog, timeout, total);
			rc = EX_TIMEOUT;
			break;
		}
		if (sending && (pfd.revents & (POLLOUT | POLLERR | POLLHUP))) {
			ssize_t w = send(fd, payload.data + sent, payload.len - sent,
					 MSG_NOSIGNAL | MSG_DONTWAIT);
			if (w > 0)
				sent += (size_t)w;
			if (w < 0 && errno != EINTR && errno != EAGAIN) {
				/* As above: go on reading what the server sent. */
				fprintf(stderr, "%s: send: %s\n", prog, strerror(errno));
				sending = 0;
			} else if (sent == payload.len) {
				sending = 0;
				if (eof_after)
					shutdown(fd, SHUT_WR);
			}
			if (!(pfd.revents & (POLLIN | POLLERR | POLLHUP)))
				continue;
		}
		size_t want = sizeof(buf);
		if (max >= 0 && (long)want > max - total)
			want = (size_t)(max - total);
		ssize_t n = recv(fd, buf, want, MSG_DONTWAIT);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0) {
			fprintf(stderr, "%s: recv: %s (%ld bytes received)\n", prog, strerror(errno), total);
			rc = EX_IOERR;
			break;
		}
		if (n == 0)
			break;
		if (emit(buf, (size_t)n) < 0) {
			fprintf(stderr, "%s: stdout: %s\n", prog, strerror(errno));
			rc = EX_USAGE;
			break;
		}
		total += n;
	}
	close(fd);
	return rc;
}

/* ---- udp ------------------------------------------------------------------- */

static int cmd_udp(int argc, char **argv)
{
	if (argc < 4)
		usage();
	const char *host = argv[2], *port = argv[3];
	struct buf payload = { NULL, 0 };
	int have_payload = 0;
	long src = -1;
	double timeout = 5.0;
	for (int i = 4; i < argc; i++) {
		if (i + 1 < argc && !strcmp(argv[i], "-s")) {
			payload = unescape(argv[++i]);
			have_payload = 1;
		} else if (i + 1 < argc && !strcmp(argv[i], "-t")) {
			timeout = parse_seconds(argv[++i]);
		} else if (i + 1 < argc && !strcmp(argv[i], "-b")) {
			src = parse_long(argv[++i], 1, 65535, "source port");
		} else {
			usage();
		}
	}
	if (!have_payload)
		usage();

	double deadline = now_sec() + timeout;
	int fd;
	if (src < 0) {
		fd = connect_to(SOCK_DGRAM, host, port, deadline);
	} else {
		/* -b: from this source port, so bound before connecting. */
		struct sockaddr_storage ss, me;
		socklen_t len;
		int one = 1;
		make_addr(host, port, &ss, &len);
		memset(&me, 0, sizeof(me));
		me.ss_family = ss.ss_family;
		set_port(&me, (unsigned)src);
		fd = socket(ss.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (fd >= 0 && (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
		    bind(fd, (struct sockaddr *)&me, len) < 0 ||
		    connect(fd, (struct sockaddr *)&ss, len) < 0)) {
			fprintf(stderr, "%s: bind to port %ld: %s\n", prog, src, strerror(errno));
			return EX_CONN;
		}
	}
	if (fd < 0)
		return EX_CONN;
	if (send(fd, payload.data, payload.len, MSG_NOSIGNAL) < 0) {
		fprintf(stderr, "%s: send: %s\n", prog, strerror(errno));
		return errno == ECONNREFUSED ? EX_CONN : EX_IOERR;
	}
	static char buf[65536];
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		int r = poll(&pfd, 1, ms_left(deadline));
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0) {
			fprintf(stderr, "%s: timeout after %.3g s waiting for a reply\n", prog, timeout);
			return EX_TIMEOUT;
		}
		if (r < 0) {
			fprintf(stderr, "%s: poll: %s\n", prog, strerror(errno));
			return EX_IOERR;
		}
		ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0) {
			fprintf(stderr, "%s: recv: %s\n", prog, strerror(errno));
			return errno == ECONNREFUSED ? EX_CONN : EX_IOERR;
		}
		if (emit(buf, (size_t)n) < 0)
			return EX_USAGE;
		return EX_OK;
	}
}

static int cmd_udp_burst(int argc, char **argv)
{
	if (argc < 5)
		usage();
	const char *host = argv[2], *port = argv[3];
	long count = parse_long(argv[4], 1, 10000, "count");
	const char *prefix = NULL;
	double timeout = 5.0, quiet = 1.0, gap = 0;
	int mark = 0;
	for (int i = 5; i < argc; i++) {
		if (!strcmp(argv[i], "-m"))
			mark = 1;
		else if (i + 1 < argc && !strcmp(argv[i], "-i"))
			gap = parse_seconds(argv[++i]);
		else if (i + 1 < argc && !strcmp(argv[i], "-s"))
			prefix = argv[++i];
		else if (i + 1 < argc && !strcmp(argv[i], "-t"))
			timeout = parse_seconds(argv[++i]);
		else if (i + 1 < argc && !strcmp(argv[i], "-q"))
			quiet = parse_seconds(argv[++i]);
		else
			usage();
	}
	if (!prefix)
		usage();
	struct buf pfx = unescape(prefix);

	double deadline = now_sec() + timeout;
	int fd = connect_to(SOCK_DGRAM, host, port, deadline);
	if (fd < 0)
		return EX_CONN;
	static char buf[65536];
	for (long i = 1; i <= count; i++) {
		int n = snprintf(buf, sizeof(buf), "%.*s%ld", (int)pfx.len, pfx.data, i);
		if (send(fd, buf, (size_t)n, MSG_NOSIGNAL) < 0) {
			fprintf(stderr, "%s: send: %s\n", prog, strerror(errno));
			return errno == ECONNREFUSED ? EX_CONN : EX_IOERR;
		}
		if (gap > 0)
			pause_ms((int)(gap * 1000));
	}
	if (mark) {
		fprintf(stderr, "sent %ld\n", count);
		fflush(stderr);
	}
	long replies = 0;
	double quiet_end = deadline;
	for (;;) {
		double end = replies > 0 && quiet_end < deadline ? quiet_end : deadline;
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		int r = poll(&pfd, 1, ms_left(end));
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0)
			break;
		if (r < 0) {
			fprintf(stderr, "%s: poll: %s\n", prog, strerror(errno));
			return EX_IOERR;
		}
		ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0) {
			fprintf(stderr, "%s: recv: %s\n", prog, strerror(errno));
			if (errno == ECONNREFUSED && replies == 0)
				return EX_CONN;
			break;
		}
		if (emit(buf, (size_t)n) < 0 || emit("\n", 1) < 0)
			return EX_USAGE;
		replies++;
		quiet_end = now_sec() + quiet;
	}
	if (replies == 0) {
		fprintf(stderr, "%s: no reply within %.3g s\n", prog, timeout);
		return EX_TIMEOUT;
	}
	return EX_OK;
}

/* ---- serve ----------------------------------------------------------------- */

static int cmd_serve(int argc, char **argv)
{
	if (argc < 4)
		usage();
	const char *host = argv[2], *port = argv[3];
	long conns = 1;
	double idle = 10.0;
	struct buf reply = { NULL, 0 };
	int echo = 1;
	for (int i = 4; i < argc; i++) {
		if (!strcmp(argv[i], "--echo")) {
			echo = 1;
		} else if (i + 1 < argc && !strcmp(argv[i], "-s")) {
			reply = unescape(argv[++i]);
			echo = 0;
		} else if (i + 1 < argc && !strcmp(argv[i], "-c")) {
			conns = parse_long(argv[++i], 1, 100000, "connection count");
		} else if (i + 1 < argc && !strcmp(argv[i], "-t")) {
			idle = parse_seconds(argv[++i]);
		} else {
			usage();
		}
	}
	struct sockaddr_storage ss;
	socklen_t len;
	make_addr(host, port, &ss, &len);
	int lfd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	if (lfd < 0 || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(lfd, (struct sockaddr *)&ss, len) < 0 || listen(lfd, 16) < 0) {
		fprintf(stderr, "%s: listen on %s port %s: %s\n", prog, host, port, strerror(errno));
		return EX_CONN;
	}
	printf("listening\n");
	fflush(stdout);
	static char buf[65536];
	for (long n = 1; n <= conns; n++) {
		struct pollfd pfd = { .fd = lfd, .events = POLLIN };
		int r;
		do
			r = poll(&pfd, 1, (int)(idle * 1000.0) + 1);
		while (r < 0 && errno == EINTR);
		if (r <= 0) {
			fprintf(stderr, "%s: serve: no connection within %.3g s\n", prog, idle);
			return EX_TIMEOUT;
		}
		int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		if (c < 0) {
			fprintf(stderr, "%s: accept: %s\n", prog, strerror(errno));
			return EX_IOERR;
		}
		/* Blocking I/O bounded by IDLE seconds without progress. */
		struct timeval tv = { (time_t)idle, (suseconds_t)((idle - (double)(time_t)idle) * 1e6) };
		setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
		unsigned long long in = 0, out = 0;
		int rc = EX_OK;
		for (;;) {
			ssize_t k = recv(c, buf, echo ? sizeof(buf) : 1, 0);
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0) {
				fprintf(stderr, "%s: serve: recv: %s\n", prog, strerror(errno));
				rc = errno == EAGAIN || errno == EWOULDBLOCK ? EX_TIMEOUT : EX_IOERR;
				break;
			}
			if (k == 0)
				break;
			in += (unsigned long long)k;
			if (!echo) {
				if (buf[0] == '\n')
					break;
				continue;
			}
			const char *p = buf;
			while (k > 0) {
				ssize_t w = send(c, p, (size_t)k, MSG_NOSIGNAL);
				if (w < 0 && errno == EINTR)
					continue;
				if (w < 0) {
					fprintf(stderr, "%s: serve: send: %s\n", prog, strerror(errno));
					rc = EX_IOERR;
					break;
				}
				p += w;
				k -= w;
				out += (unsigned long long)w;
			}
			if (rc != EX_OK)
				break;
		}
		if (rc == EX_OK && !echo) {
			const char *p = reply.data;
			size_t left = reply.len;
			while (left > 0) {
				ssize_t w = send(c, p, left, MSG_NOSIGNAL);
				if (w < 0 && errno == EINTR)
					continue;
				if (w < 0) {
					fprintf(stderr, "%s: serve: send: %s\n", prog, strerror(errno));
					rc = EX_IOERR;
					break;
				}
				p += w;
				left -= (size_t)w;
				out += (unsigned long long)w;
			}
		}
		close(c);
		printf("conn %ld in=%llu out=%llu\n", n, in, out);
		fflush(stdout);
		if (rc != EX_OK)
			return rc;
	}
	close(lfd);
	return EX_OK;
}

/* ---- wait-port ------------------------------------------------------------- */

static int cmd_wait_port(int argc, char **argv)
{
	if (argc < 4)
		usage();
	const char *host = argv[2], *port = argv[3];
	double timeout = 5.0;
	for (int i = 4; i < argc; i++) {
		if (i + 1 < argc && !strcmp(argv[i], "-t"))
			timeout = parse_seconds(argv[++i]);
		else
			usage();
	}
	struct sockaddr_storage ss;
	socklen_t len;
	make_addr(host, port, &ss, &len);
	double deadline = now_sec() + timeout;
	int last = 0;
	for (;;) {
		double step = now_sec() + 0.5;
		int fd = connect_by(SOCK_STREAM, &ss, len, step < deadline ? step : deadline);
		if (fd >= 0) {
			close(fd);
			return EX_OK;
		}
		last = errno;
		if (ms_left(deadline) <= 20)
			break;
		struct timespec ts = { 0, 20 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	fprintf(stderr, "%s: %s port %s not accepting after %.3g s: %s\n", prog, host, port, timeout,
		strerror(last));
	return EX_TIMEOUT;
}

/*
 * notify PATH [-t SEC] [-n N]: be a systemd notification socket. Bind an
 * AF_UNIX datagram socket at PATH and print each message received on one
 * line (its newlines become spaces), flushing as we go, until N messages
 * (default: unlimited) or SEC seconds (default 10) have passed.
 */
/*
 * PATH [-t SEC] [-n N] of notify and journal: a datagram socket bound at
 * PATH (mode 0666: a server run as another user may send), or an exit
 * status (negated) when there is none.
 */
static int unix_sink(int argc, char **argv, double *timeout, long *want)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd;

	if (argc < 3)
		usage();
	*timeout = 10.0;
	*want = -1;
	for (int i = 3; i < argc; i++) {
		if (i + 1 < argc && !strcmp(argv[i], "-t"))
			*timeout = parse_seconds(argv[++i]);
		else if (i + 1 < argc && !strcmp(argv[i], "-n"))
			*want = strtol(argv[++i], NULL, 10);
		else
			usage();
	}
	if (strlen(argv[2]) >= sizeof(sun.sun_path)) {
		fprintf(stderr, "%s: socket path too long\n", prog);
		return -EX_USAGE;
	}
	strcpy(sun.sun_path, argv[2]);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0 ||
	    chmod(argv[2], 0666) < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, argv[2], strerror(errno));
		return -EX_CONN;
	}
	return fd;
}

static int cmd_notify(int argc, char **argv)
{
	double timeout;
	long want;
	int fd = unix_sink(argc, argv, &timeout, &want);

	if (fd < 0)
		return -fd;
	double deadline = now_sec() + timeout;
	for (long got = 0; want < 0 || got < want; got++) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int ms = ms_left(deadline);
		if (ms <= 0 || poll(&p, 1, ms) <= 0)
			return EX_TIMEOUT;
		char buf[4096];
		ssize_t n = recv(fd, buf, sizeof(buf) - 1, 0);
		if (n < 0)
			return EX_CONN;
		for (ssize_t k = 0; k < n; k++)
			if (buf[k] == '\n' || buf[k] == '\0')
				buf[k] = ' ';
		buf[n] = '\0';
		printf("%s\n", buf);
		fflush(stdout);
	}
	return EX_OK;
}

/* HOST PORT [-t SEC] of udp-sink and listen: the seconds (default 10). */
static double host_port_timeout(int argc, char **argv)
{
	double secs = 10.0;

	if (argc < 4)
		usage();
	for (int i = 4; i < argc; i++) {
		if (i + 1 < argc && !strcmp(argv[i], "-t"))
			secs = parse_seconds(argv[++i]);
		else
			usage();
	}
	return secs;
}

/* udp-sink HOST PORT [-t SEC]: see the top of the file. */
static int cmd_udp_sink(int argc, char **argv)
{
	struct sockaddr_storage ss;
	socklen_t len;
	double secs = host_port_timeout(argc, argv);
	int fd;

	make_addr(argv[2], argv[3], &ss, &len);
	fd = socket(ss.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&ss, len) < 0) {
		fprintf(stderr, "%s: udp-sink on %s port %s: %s\n", prog,
			argv[2], argv[3], strerror(errno));
		return EX_CONN;
	}
	printf("listening\n");
	fflush(stdout);
	poll(NULL, 0, (int)(secs * 1000));
	return EX_OK;
}

/* One field value, escaped as the top of the file says. */
static void journal_value(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == '\\')
			fputs("\\\\", stdout);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c < 0x20 || c == 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	putchar('\n');
}

/* Print the fields of one record; 0, or -1 after an XT_MALFORMED line. */
static int journal_record(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const char *nl = memchr(p + i, '\n', n - i);
		const char *eq = memchr(p + i, '=', n - i);
		if (nl == NULL) {
			printf("XT_MALFORMED=field without a newline at byte %zu\n", i);
			return -1;
		}
		if (eq != NULL && eq < nl) {
			fwrite(p + i, 1, (size_t)(eq - (p + i)) + 1, stdout);
			journal_value(eq + 1, (size_t)(nl - eq - 1));
			i = (size_t)(nl - p) + 1;
			continue;
		}
		/* KEY\n, 64-bit little-endian length, the bytes, \n */
		size_t klen = (size_t)(nl - (p + i)), at = (size_t)(nl - p) + 1;
		uint64_t len = 0;
		if (n - at < 8) {
			printf("XT_MALFORMED=binary field without a length at byte %zu\n", i);
			return -1;
		}
		for (int b = 7; b >= 0; b--)
			len = len << 8 | (unsigned char)p[at + (size_t)b];
		at += 8;
		if (len > n - at || n - at - len < 1 || p[at + len] != '\n') {
			printf("XT_MALFORMED=binary field of bad length at byte %zu\n", i);
			return -1;
		}
		fwrite(p + i, 1, klen, stdout);
		putchar('=');
		journal_value(p + at, (size_t)len);
		i = at + (size_t)len + 1;
	}
	return 0;
}

/* A record too big for a datagram comes as a memfd with an empty one. */
static char *journal_memfd(struct msghdr *mh, size_t *n)
{
	struct cmsghdr *c = CMSG_FIRSTHDR(mh);
	struct stat st;
	char *buf;
	int fd;

	if (c == NULL || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
		return NULL;
	memcpy(&fd, CMSG_DATA(c), sizeof(fd));
	if (fstat(fd, &st) < 0 || (buf = malloc((size_t)st.st_size + 1)) == NULL) {
		close(fd);
		return NULL;
	}
	ssize_t k = pread(fd, buf, (size_t)st.st_size, 0);
	close(fd);
	*n = k > 0 ? (size_t)k : 0;
	return buf;
}

/*
 * journal PATH [-t SEC] [-n N]: be the journal's native socket; see the
 * top of the file.
 */
static int cmd_journal(int argc, char **argv)
{
	static char buf[1 << 20];
	double timeout;
	long want;
	int fd = unix_sink(argc, argv, &timeout, &want);

	if (fd < 0)
		return -fd;
	double deadline = now_sec() + timeout;
	for (long got = 0; want < 0 || got < want; got++) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int))]; } cm;
		struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
		struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			.msg_control = cm.b, .msg_controllen = sizeof(cm.b) };
		int ms = ms_left(deadline);
		if (ms <= 0 || poll(&p, 1, ms) <= 0)
			return EX_TIMEOUT;
		ssize_t n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
		if (n < 0)
			return EX_CONN;
		size_t len = (size_t)n;
		char *big = n == 0 ? journal_memfd(&mh, &len) : NULL;
		if (mh.msg_flags & MSG_TRUNC)
			printf("XT_MALFORMED=datagram truncated\n");
		else
			(void)journal_record(big != NULL ? big : buf, len);
		free(big);
		printf("\n");
		fflush(stdout);
	}
	return EX_OK;
}

/* hold HOST PORT N [-t SEC] [-s STRING]: see the top of the file. */
static int cmd_hold(int argc, char **argv)
{
	struct rlimit rl;
	struct buf say = unescape("x");
	double secs = 10.0;
	long n;

	if (argc < 5)
		usage();
	n = parse_long(argv[4], 1, 100000, "connection count");
	for (int i = 5; i < argc; i++) {
		if (i + 1 < argc && !strcmp(argv[i], "-t"))
			secs = parse_seconds(argv[++i]);
		else if (i + 1 < argc && !strcmp(argv[i], "-s"))
			say = unescape(argv[++i]);
		else if (i + 1 < argc && !strcmp(argv[i], "-B"))
			source_addr = argv[++i];
		else
			usage();
	}
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < (rlim_t)n + 16) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	for (long i = 0; i < n; i++) {
		/* Each connect gets its own 10 s: a dropped SYN costs 1 s. */
		int fd = connect_to(SOCK_STREAM, argv[2], argv[3], now_sec() + 10);
		if (fd < 0)
			return EX_CONN;
		if (say.len > 0)
			(void)send(fd, say.data, say.len, MSG_NOSIGNAL);
	}
	printf("held %ld\n", n);
	fflush(stdout);
	poll(NULL, 0, (int)(secs * 1000));
	return EX_OK;
}

/* identd HOST PORT [-c N] [-t SEC] [-u USER]: see the top of the file. */
static int cmd_identd(int argc, char **argv)
{
	struct sockaddr_storage ss;
	socklen_t len;
	const char *user = "tester";
	long conns = 1;
	double secs = 10.0;
	int one = 1, lfd;

	if (argc < 4)
		usage();
	for (int i = 4; i < argc; i++) {
		if (i + 1 < argc && !strcmp(argv[i], "-c"))
			conns = parse_long(argv[++i], 1, 100000, "connection count");
		else if (i + 1 < argc && !strcmp(argv[i], "-t"))
			secs = parse_seconds(argv[++i]);
		else if (i + 1 < argc && !strcmp(argv[i], "-u"))
			user = argv[++i];
		else
			usage();
	}
	make_addr(argv[2], argv[3], &ss, &len);
	lfd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (lfd < 0 || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(lfd, (struct sockaddr *)&ss, len) < 0 || listen(lfd, 16) < 0) {
		fprintf(stderr, "%s: identd on %s port %s: %s\n", prog, argv[2],
			argv[3], strerror(errno));
		return EX_CONN;
	}
	printf("listening\n");
	fflush(stdout);
	for (long n = 0; n < conns; n++) {
		struct pollfd p = { .fd = lfd, .events = POLLIN };
		char q[256], a[512];
		unsigned p1, p2;
		if (poll(&p, 1, (int)(secs * 1000)) <= 0)
			return EX_TIMEOUT;
		int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		if (c < 0)
			return EX_IOERR;
		ssize_t k = recv(c, q, sizeof(q) - 1, 0);
		if (k > 0) {
			q[k] = '\0';
			if (sscanf(q, "%u , %u", &p1, &p2) == 2) {
				int m = snprintf(a, sizeof(a),
				    "%u , %u : USERID : UNIX : %s\r\n", p1, p2, user);
				(void)send(c, a, (size_t)m, MSG_NOSIGNAL);
			}
		}
		close(c);
	}
	return EX_OK;
}

/* udp-spoof SRCPORT DSTPORT -s STRING: see the top of the file. */
static int cmd_udp_spoof(int argc, char **argv)
{
	struct sockaddr_in to = { .sin_family = AF_INET };
	unsigned char pkt[2048];
	struct buf payload = { NULL, 0 };
	long sport, dport;
	int fd;

	if (argc != 6 || strcmp(argv[4], "-s") != 0)
		usage();
	sport = parse_long(argv[2], 1, 65535, "source port");
	dport = parse_long(argv[3], 1, 65535, "destination port");
	payload = unescape(argv[5]);
	if (payload.len > sizeof(pkt) - 8)
		usage();
	/* The UDP header; checksum 0: none, which IPv4 allows. */
	pkt[0] = (unsigned char)(sport >> 8);
	pkt[1] = (unsigned char)sport;
	pkt[2] = (unsigned char)(dport >> 8);
	pkt[3] = (unsigned char)dport;
	pkt[4] = (unsigned char)((payload.len + 8) >> 8);
	pkt[5] = (unsigned char)(payload.len + 8);
	pkt[6] = pkt[7] = 0;
	memcpy(pkt + 8, payload.data, payload.len);
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_UDP);
	if (fd < 0 || sendto(fd, pkt, payload.len + 8, 0,
	    (struct sockaddr *)&to, sizeof(to)) < 0) {
		fprintf(stderr, "%s: udp-spoof: %s\n", prog, strerror(errno));
		return EX_CONN;
	}
	return EX_OK;
}

/*
 * listen HOST PORT [-t SEC]: a port that takes connections (the kernel
 * completes them) and then says nothing and closes nothing: nobody ever
 * accepts. Prints "listening", then holds the socket for SEC (10) s.
 * The backlog holds a few hundred connections (the kernel may cap it).
 */
static int cmd_listen(int argc, char **argv)
{
	struct sockaddr_storage ss;
	socklen_t len;
	double secs = host_port_timeout(argc, argv);
	int one = 1, fd;

	make_addr(argv[2], argv[3], &ss, &len);
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(fd, (struct sockaddr *)&ss, len) < 0 || listen(fd, 1024) < 0) {
		fprintf(stderr, "%s: listen on %s port %s: %s\n", prog, argv[2],
			argv[3], strerror(errno));
		return EX_CONN;
	}
	printf("listening\n");
	fflush(stdout);
	poll(NULL, 0, (int)(secs * 1000));
	return EX_OK;
}

/*
 * addrform: can this kernel turn an accepted v4-mapped connection into an
 * AF_INET socket (IPV6_ADDRFORM; Linux 6.18 refuses it)? Tried on loopback
 * with a dual-stack listener on a kernel-chosen port. Prints "yes", or
 * "no: REASON" and exits 1.
 */
static int cmd_addrform(void)
{
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in a4 = { .sin_family = AF_INET };
	socklen_t len = sizeof(a6);
	int off = 0, family = AF_INET;
	int l = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int a = -1;

	a6.sin6_addr = in6addr_any;
	a4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (l < 0 || c < 0 ||
	    setsockopt(l, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof(off)) < 0 ||
	    bind(l, (struct sockaddr *)&a6, sizeof(a6)) < 0 ||
	    listen(l, 1) < 0 ||
	    getsockname(l, (struct sockaddr *)&a6, &len) < 0) {
		printf("no: no dual-stack listener: %s\n", strerror(errno));
		return 1;
	}
	a4.sin_port = a6.sin6_port;
	if (connect(c, (struct sockaddr *)&a4, sizeof(a4)) < 0 ||
	    (a = accept(l, NULL, NULL)) < 0) {
		printf("no: no v4 connection: %s\n", strerror(errno));
		return 1;
	}
	if (setsockopt(a, IPPROTO_IPV6, IPV6_ADDRFORM, &family,
	    sizeof(family)) < 0) {
		printf("no: IPV6_ADDRFORM: %s\n", strerror(errno));
		return 1;
	}
	printf("yes\n");
	return 0;
}

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "freeport"))
		return cmd_freeport(argc, argv);
	if (!strcmp(argv[1], "freeport-range"))
		return cmd_freeport_range(argc, argv);
	if (!strcmp(argv[1], "udp-burst"))
		return cmd_udp_burst(argc, argv);
	if (!strcmp(argv[1], "tcp"))
		return cmd_tcp(argc, argv);
	if (!strcmp(argv[1], "udp"))
		return cmd_udp(argc, argv);
	if (!strcmp(argv[1], "wait-port"))
		return cmd_wait_port(argc, argv);
	if (!strcmp(argv[1], "serve"))
		return cmd_serve(argc, argv);
	if (!strcmp(argv[1], "notify"))
		return cmd_notify(argc, argv);
	if (!strcmp(argv[1], "journal"))
		return cmd_journal(argc, argv);
	if (!strcmp(argv[1], "addrform"))
		return cmd_addrform();
	if (!strcmp(argv[1], "listen"))
		return cmd_listen(argc, argv);
	if (!strcmp(argv[1], "udp-spoof"))
		return cmd_udp_spoof(argc, argv);
	if (!strcmp(argv[1], "identd"))
		return cmd_identd(argc, argv);
	if (!strcmp(argv[1], "hold"))
		return cmd_hold(argc, argv);
	if (!strcmp(argv[1], "udp-sink"))
		return cmd_udp_sink(argc, argv);
	usage();
	return EX_USAGE;
}
