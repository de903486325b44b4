/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * xt-probe - a server for the super-server to exec; reports its own process
 * state on stdout (normally the client socket) as key=value lines, then exits.
 *
 * Output, one line per key, always in this order:
 *   argc=N
 *   argv=ARG0 ARG1 ...          (space-joined)
 *   uid= euid= gid= egid=
 *   groups=G1,G2,...            (supplementary groups, numerically sorted; empty if none)
 *   umask=0022                  (4-digit octal)
 *   nice=N                      (getpriority)
 *   sid_is_self=1|0             (getsid(0) == getpid())
 *   pgid_is_self=1|0
 *   cwd=PATH
 *   fds=0,1,2                   (open descriptors from /proc/self/fd, without the
 *                                descriptor used to read that directory)
 *   fd0= fd1= fd2=              socket-stream-connected | socket-stream-listening |
 *                               socket-stream-unconnected | socket-dgram |
 *                               socket-other | file | dir | chardev | blockdev |
 *                               fifo | other | closed
 *   sigmask=%016llx             (blocked signals; bit n-1 for signal n, as SigBlk
 *                                in /proc/PID/status)
 *   sigign=%016llx              (signals whose disposition is SIG_IGN)
 *   rlimit_<as|cpu|data|rss|stack|nofile|core|nproc|fsize>=SOFT:HARD
 *                               ("unlimited" spelled out)
 *   peer=ADDR                   (numeric address of fd 0's peer, inet_ntop form,
 *                                so a v4-mapped IPv6 peer shows as ::ffff:a.b.c.d;
 *                                empty if none)
 *   peer_port=N                 (empty if none)
 *   peer_family=inet|inet6      (address family of fd 0; empty if none)
 *   local= local_port= local_family=   (the same for fd 0's own address)
 *   env=NAME=VALUE              (one line per environment variable, in environ
 *                                order; newlines in values are written as \n)
 *   nnp=0|1                     (prctl PR_GET_NO_NEW_PRIVS)
 *   status_nnp=0|1              (NoNewPrivs in /proc/self/status; empty when
 *                                that cannot be read, e.g. in a chroot)
 *   root=NAME,NAME,...          (entries of /, sorted; at most 64, then ",...")
 *   root_id=DEV:INO             (of /, as stat(2) gives them)
 *   tmp=NAME,NAME,...           (entries of /tmp, likewise; "?errno" if unreadable)
 *   tmp_fs=tmpfs|other|?        (statfs of /tmp)
 *   tmp_size=BYTES              (its size, f_blocks * f_bsize)
 *   tmp_mode=1777               (mode of /tmp, 4-digit octal)
 *   forks=N fork_error=NAME     (with --fork-max; NAME: an errno name or none)
 *   written=N write_error=NAME  (with --write-size)
 *   end=1
 *
 * Options (anywhere in argv; they still appear in argv=):
 *   --echo-line   instead of the report: read one line from stdin and write
 *                 "hello <line>\n" (trailing CR/LF of the line removed).
 *   --sleep SEC   sleep SEC seconds (integer) after writing, before exiting.
 *   --exit N      exit with status N instead of 0.
 *   --accept-loop N
 *                 instead of the report (stream wait = yes servers): accept up
 *                 to N connections on fd 0, the listening socket, answering
 *                 each with "pid=<pid> n=<i> fd0=<fd 0 type>\n" and closing it;
 *                 exit after the Nth, or after --idle seconds without one.
 *   --udp-echo N  instead of the report (dgram wait = yes servers): up to N
 *                 times, recvfrom on fd 0 and send "pid=<pid> <data>" back to
 *                 the sender; exit after the Nth datagram, or after --idle
 *                 seconds without one.
 *   --idle SEC    idle limit of --accept-loop and --udp-echo (default 2).
 *   --put-tmp NAME  create the empty file /tmp/NAME before the report.
 *   --fork-max N  before the report, fork up to N children that wait; stop at
 *                 the first failure; then kill and reap them.
 *   --write-size N  before the report, write N bytes (4 KiB at a time) to
 *                 --write-path (default /tmp/xt-probe-write), ignoring
 *                 SIGXFSZ, and stop at the first failure.
 *   --keep-xfsz   with --write-size: leave SIGXFSZ alone, so a write past
 *                 RLIMIT_FSIZE kills the probe.
 *   --ignore-term ignore SIGTERM (to outlive a polite stop).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#ifndef TMPFS_MAGIC
#define TMPFS_MAGIC 0x01021994
#endif

extern char **environ;

static const char *fd_type(int fd)
{
	struct stat st;
	if (fstat(fd, &st) < 0)
		return "closed";
	if (S_ISSOCK(st.st_mode)) {
		int type = 0, acc = 0;
		socklen_t len = sizeof(type);
		if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) < 0)
			return "socket-other";
		if (type == SOCK_DGRAM)
			return "socket-dgram";
		if (type != SOCK_STREAM)
			return "socket-other";
		len = sizeof(acc);
		if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &acc, &len) == 0 && acc)
			return "socket-stream-listening";
		struct sockaddr_storage ss;
		socklen_t sl = sizeof(ss);
		if (getpeername(fd, (struct sockaddr *)&ss, &sl) == 0)
			return "socket-stream-connected";
		return "socket-stream-unconnected";
	}
	if (S_ISREG(st.st_mode))
		return "file";
	if (S_ISDIR(st.st_mode))
		return "dir";
	if (S_ISCHR(st.st_mode))
		return "chardev";
	if (S_ISBLK(st.st_mode))
		return "blockdev";
	if (S_ISFIFO(st.st_mode))
		return "fifo";
	return "other";
}

static int cmp_gid(const void *a, const void *b)
{
	gid_t x = *(const gid_t *)a, y = *(const gid_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return x < y ? -1 : x > y;
}

static void print_groups(void)
{
	int n = getgroups(0, NULL);
	gid_t *g = NULL;
	if (n > 0) {
		g = calloc((size_t)n, sizeof(*g));
		if (g)
			n = getgroups(n, g);
		else
			n = 0;
	}
	if (n < 0)
		n = 0;
	if (n > 1)
		qsort(g, (size_t)n, sizeof(*g), cmp_gid);
	fputs("groups=", stdout);
	for (int i = 0; i < n; i++)
		printf("%s%lu", i ? "," : "", (unsigned long)g[i]);
	putchar('\n');
	free(g);
}

static void print_fds(void)
{
	int fds[1024];
	int n = 0;
	DIR *d = opendir("/proc/self/fd");
	fputs("fds=", stdout);
	if (!d) {
		printf("?%s\n", strerror(errno));
		return;
	}
	int self = dirfd(d);
	struct dirent *e;
	while ((e = readdir(d)) != NULL && n < (int)(sizeof(fds) / sizeof(fds[0]))) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		int fd = atoi(e->d_name);
		if (fd != self)
			fds[n++] = fd;
	}
	closedir(d);
	qsort(fds, (size_t)n, sizeof(fds[0]), cmp_int);
	for (int i = 0; i < n; i++)
		printf("%s%d", i ? "," : "", fds[i]);
	putchar('\n');
}

static void print_signals(void)
{
	sigset_t cur;
	unsigned long long mask = 0, ign = 0;
	sigemptyset(&cur);
	sigprocmask(SIG_BLOCK, NULL, &cur);
	for (int s = 1; s <= 64; s++) {
		if (sigismember(&cur, s) == 1)
			mask |= 1ULL << (s - 1);
		struct sigaction sa;
		if (sigaction(s, NULL, &sa) == 0 && !(sa.sa_flags & SA_SIGINFO) &&
		    sa.sa_handler == SIG_IGN)
			ign |= 1ULL << (s - 1);
	}
	printf("sigmask=%016llx\n", mask);
	printf("sigign=%016llx\n", ign);
}

static void print_rlim_value(rlim_t v)
{
	if (v == RLIM_INFINITY)
		fputs("unlimited", stdout);
	else
		printf("%llu", (unsigned long long)v);
}

static void print_rlimits(void)
{
	static const struct {
		const char *name;
		int res;
	} lim[] = {
		{ "as", RLIMIT_AS },	     { "cpu", RLIMIT_CPU },	{ "data", RLIMIT_DATA },
		{ "rss", RLIMIT_RSS },	     { "stack", RLIMIT_STACK }, { "nofile", RLIMIT_NOFILE },
		{ "core", RLIMIT_CORE },     { "nproc", RLIMIT_NPROC }, { "fsize", RLIMIT_FSIZE },
	};
	for (size_t i = 0; i < sizeof(lim) / sizeof(lim[0]); i++) {
		struct rlimit rl;
		printf("rlimit_%s=", lim[i].name);
		if (getrlimit(lim[i].res, &rl) < 0) {
			printf("?\n");
			continue;
		}
		print_rlim_value(rl.rlim_cur);
		putchar(':');
		print_rlim_value(rl.rlim_max);
		putchar('\n');
	}
}

static void print_addr(const char *key, int peer)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char host[INET6_ADDRSTRLEN] = "", port[16] = "";
	const char *family = "";
	int r = peer ? getpeername(0, (struct sockaddr *)&ss, &sl)
		     : getsockname(0, (struct sockaddr *)&ss, &sl);
	/* inet_ntop rather than getnameinfo: the latter shows v4-mapped IPv6
	 * addresses in plain IPv4 form, and the family matters to the tests. */
	if (r == 0 && ss.ss_family == AF_INET) {
		const struct sockaddr_in *sin = (const struct sockaddr_in *)&ss;
		inet_ntop(AF_INET, &sin->sin_addr, host, sizeof(host));
		family = "inet";
		snprintf(port, sizeof(port), "%u", (unsigned)ntohs(sin->sin_port));
	} else if (r == 0 && ss.ss_family == AF_INET6) {
		const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)&ss;
		inet_ntop(AF_INET6, &sin6->sin6_addr, host, sizeof(host));
		family = "inet6";
		snprintf(port, sizeof(port), "%u", (unsigned)ntohs(sin6->sin6_port));
	}
	printf("%s=%s\n%s_port=%s\n%s_family=%s\n", key, host, key, port, key, family);
}

static void print_env(void)
{
	for (char **e = environ; e && *e; e++) {
		fputs("env=", stdout);
		for (const char *p = *e; *p; p++) {
			if (*p == '\n')
				fputs("\\n", stdout);
			else
				putchar(*p);
		}
		putchar('\n');
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* KEY=entries of DIR, sorted, comma-joined, at most 64 of them. */
static void print_dir(const char *key, const char *dir)
{
	char *names[64];
	size_t n = 0;
	int more = 0;
	DIR *d = opendir(dir);
	struct dirent *e;

	printf("%s=", key);
	if (!d) {
		printf("?%s\n", strerror(errno));
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (n == sizeof(names) / sizeof(names[0])) {
			more = 1;
			break;
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_str);
	for (size_t i = 0; i < n; i++) {
		printf("%s%s", i ? "," : "", names[i]);
		free(names[i]);
	}
	printf("%s\n", more ? ",..." : "");
}

static void print_nnp(void)
{
	char line[256];
	const char *st = "";
	FILE *fp = fopen("/proc/self/status", "r");

	printf("nnp=%d\n", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	while (fp && fgets(line, sizeof(line), fp))
		if (!strncmp(line, "NoNewPrivs:", 11)) {
			st = strchr(line, '1') ? "1" : "0";
			break;
		}
	if (fp)
		fclose(fp);
	printf("status_nnp=%s\n", st);
}

static void print_fs(void)
{
	struct stat st;
	struct statfs sf;

	print_dir("root", "/");
	if (stat("/", &st) == 0)
		printf("root_id=%llu:%llu\n", (unsigned long long)st.st_dev,
		       (unsigned long long)st.st_ino);
	else
		printf("root_id=?\n");
	print_dir("tmp", "/tmp");
	if (statfs("/tmp", &sf) == 0)
		printf("tmp_fs=%s\ntmp_size=%llu\n", sf.f_type == TMPFS_MAGIC ? "tmpfs" : "other",
		       (unsigned long long)sf.f_blocks * (unsigned long long)sf.f_bsize);
	else
		printf("tmp_fs=?\ntmp_size=\n");
	if (stat("/tmp", &st) == 0)
		printf("tmp_mode=%04o\n", (unsigned)(st.st_mode & 07777));
	else
		printf("tmp_mode=\n");
}

static const char *errno_name(int e)
{
	switch (e) {
	case 0: return "none";
	case EAGAIN: return "EAGAIN";
	case EFBIG: return "EFBIG";
	case ENOSPC: return "ENOSPC";
	case ENOMEM: return "ENOMEM";
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case ENOENT: return "ENOENT";
	default: return "other";
	}
}

/* Fork up to max children that wait to be killed; count the successes. */
static void fork_max(long max, long *forks, int *err)
{
	pid_t kids[4096];
	long n = 0;

	*err = 0;
	if (max > (long)(sizeof(kids) / sizeof(kids[0])))
		max = (long)(sizeof(kids) / sizeof(kids[0]));
	while (n < max) {
		pid_t p = fork();
		if (p < 0) {
			*err = errno;
			break;
		}
		if (p == 0) {
			for (;;)
				pause();
		}
		kids[n++] = p;
	}
	for (long i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	for (long i = 0; i < n; i++)
		while (waitpid(kids[i], NULL, 0) < 0 && errno == EINTR)
			;
	*forks = n;
}

/* Write size bytes to path; count what was written. */
static void write_big(const char *path, long long size, int keep_xfsz, long long *written, int *err)
{
	static char buf[4096];
	int fd;

	*written = 0;
	*err = 0;
	if (!keep_xfsz)
		signal(SIGXFSZ, SIG_IGN);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		*err = errno;
		return;
	}
	while (*written < size) {
		size_t chunk = size - *written < (long long)sizeof(buf) ? (size_t)(size - *written) : sizeof(buf);
		ssize_t w = write(fd, buf, chunk);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			*err = w < 0 ? errno : ENOSPC;
			break;
		}
		*written += w;
	}
	close(fd);
}

static int echo_line(void)
{
	char line[4096];
	size_t n = 0;
	/* Byte by byte: read exactly one line and nothing beyond it. */
	while (n < sizeof(line) - 1) {
		char c;
		ssize_t r = read(STDIN_FILENO, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || c == '\n')
			break;
		line[n++] = c;
	}
	while (n > 0 && line[n - 1] == '\r')
		n--;
	line[n] = '\0';
	printf("hello %s\n", line);
	return 0;
}

/* Wait until fd 0 is readable; 0 on idle timeout or error. */
static int wait_readable(unsigned idle_sec)
{
	struct pollfd pfd = { .fd = 0, .events = POLLIN };
	for (;;) {
		int r = poll(&pfd, 1, (int)idle_sec * 1000);
		if (r < 0 && errno == EINTR)
			continue;
		return r > 0;
	}
}

static int accept_loop(long n, unsigned idle_sec)
{
	const char *t0 = fd_type(0);
	for (long i = 1; i <= n; i++) {
		if (!wait_readable(idle_sec))
			break;
		int c = accept(0, NULL, NULL);
		if (c < 0) {
			if (errno == EINTR || errno == EAGAIN || errno == ECONNABORTED) {
				i--;
				continue;
			}
			return 1;
		}
		char line[128];
		int len = snprintf(line, sizeof(line), "pid=%ld n=%ld fd0=%s\n", (long)getpid(), i, t0);
		(void)!write(c, line, (size_t)len);
		close(c);
	}
	return 0;
}

static int udp_echo(long n, unsigned idle_sec)
{
	static char in[65536], out[65600];
	for (long i = 1; i <= n; i++) {
		if (!wait_readable(idle_sec))
			break;
		struct sockaddr_storage ss;
		socklen_t sl = sizeof(ss);
		ssize_t r = recvfrom(0, in, sizeof(in), 0, (struct sockaddr *)&ss, &sl);
		if (r < 0) {
			if (errno == EINTR || errno == EAGAIN) {
				i--;
				continue;
			}
			return 1;
		}
		int len = snprintf(out, sizeof(out), "pid=%ld ", (long)getpid());
		memcpy(out + len, in, (size_t)r);
		(void)sendto(0, out, (size_t)len + (size_t)r, 0, (struct sockaddr *)&ss, sl);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int do_echo = 0, status = 0;
	long accept_n = 0, udp_n = 0;
	unsigned sleep_sec = 0, idle_sec = 2;
	const char *put_tmp = NULL, *write_path = "/tmp/xt-probe-write";
	long fork_n = -1, forks = 0;
	long long write_n = -1, written = 0;
	int keep_xfsz = 0, fork_err = 0, write_err = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--echo-line"))
			do_echo = 1;
		else if (!strcmp(argv[i], "--sleep") && i + 1 < argc)
			sleep_sec = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--exit") && i + 1 < argc)
			status = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--accept-loop") && i + 1 < argc)
			accept_n = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--udp-echo") && i + 1 < argc)
			udp_n = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--idle") && i + 1 < argc)
			idle_sec = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--put-tmp") && i + 1 < argc)
			put_tmp = argv[++i];
		else if (!strcmp(argv[i], "--fork-max") && i + 1 < argc)
			fork_n = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--write-size") && i + 1 < argc)
			write_n = strtoll(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--write-path") && i + 1 < argc)
			write_path = argv[++i];
		else if (!strcmp(argv[i], "--keep-xfsz"))
			keep_xfsz = 1;
		else if (!strcmp(argv[i], "--ignore-term"))
			signal(SIGTERM, SIG_IGN);
	}
	if (put_tmp) {
		char path[PATH_MAX];
		snprintf(path, sizeof(path), "/tmp/%s", put_tmp);
		int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
		if (fd >= 0)
			close(fd);
	}
	if (fork_n >= 0)
		fork_max(fork_n, &forks, &fork_err);
	if (write_n >= 0)
		write_big(write_path, write_n, keep_xfsz, &written, &write_err);

	if (accept_n > 0) {
		int r = accept_loop(accept_n, idle_sec);
		if (sleep_sec)
			sleep(sleep_sec);
		return status ? status : r;
	} else if (udp_n > 0) {
		int r = udp_echo(udp_n, idle_sec);
		if (sleep_sec)
			sleep(sleep_sec);
		return status ? status : r;
	} else if (do_echo) {
		echo_line();
	} else {
		/* Everything that inspects descriptors runs before stdio touches any. */
		const char *t0 = fd_type(0), *t1 = fd_type(1), *t2 = fd_type(2);
		char cwd[PATH_MAX];
		if (!getcwd(cwd, sizeof(cwd)))
			snprintf(cwd, sizeof(cwd), "?%s", strerror(errno));
		mode_t um = umask(0);
		umask(um);
		errno = 0;
		int prio = getpriority(PRIO_PROCESS, 0);
		if (prio == -1 && errno)
			prio = 99;

		printf("argc=%d\n", argc);
		fputs("argv=", stdout);
		for (int i = 0; i < argc; i++)
			printf("%s%s", i ? " " : "", argv[i]);
		putchar('\n');
		printf("uid=%lu\neuid=%lu\ngid=%lu\negid=%lu\n", (unsigned long)getuid(),
		       (unsigned long)geteuid(), (unsigned long)getgid(), (unsigned long)getegid());
		print_groups();
		printf("umask=%04o\n", (unsigned)um);
		printf("nice=%d\n", prio);
		printf("sid_is_self=%d\n", getsid(0) == getpid());
		printf("pgid_is_self=%d\n", getpgid(0) == getpid());
		printf("cwd=%s\n", cwd);
		print_fds();
		printf("fd0=%s\nfd1=%s\nfd2=%s\n", t0, t1, t2);
		print_signals();
		print_rlimits();
		print_addr("peer", 1);
		print_addr("local", 0);
		print_env();
		print_nnp();
		print_fs();
		if (fork_n >= 0)
			printf("forks=%ld\nfork_error=%s\n", forks, errno_name(fork_err));
		if (write_n >= 0)
			printf("written=%lld\nwrite_error=%s\n", written, errno_name(write_err));
		printf("end=1\n");
	}
	if (fflush(stdout) != 0)
		status = status ? status : 1;
	if (sleep_sec)
		sleep(sleep_sec);
	return status;
}
