/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* util.c: allocation wrappers and string helpers shared by every module. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "compat.h"
#include "util.h"

/*
 * Running out of memory in a super-server leaves no sane partial state to
 * serve from; like OpenSSH's xmalloc we stop loudly instead of limping on.
 */
static void oom(void)
{
	static const char msg[] = "xinetd: out of memory\n";
	ssize_t r = write(STDERR_FILENO, msg, sizeof(msg) - 1);
	(void)r;
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (p == NULL)
		oom();
	return p;
}

void *xreallocarray(void *p, size_t nmemb, size_t size)
{
	void *q = reallocarray(p, nmemb ? nmemb : 1, size ? size : 1);
	if (q == NULL)
		oom();
	return q;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);
	if (p == NULL)
		oom();
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	if (vasprintf(&p, fmt, ap) < 0)
		oom();
	va_end(ap);
	return p;
}

void strvec_push(struct strvec *sv, const char *s)
{
	if (sv->n + 2 > sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 8;
		sv->v = xreallocarray(sv->v, sv->cap, sizeof(*sv->v));
	}
	sv->v[sv->n++] = xstrdup(s);
	sv->v[sv->n] = NULL;
}

void strvec_clear(struct strvec *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

void strvec_copy(struct strvec *dst, const struct strvec *src)
{
	strvec_clear(dst);
	for (size_t i = 0; i < src->n; i++)
		strvec_push(dst, src->v[i]);
}

const char *log_level_word(int level)
{
	switch (level) {
	case LOG_EMERG:
	case LOG_ALERT:
	case LOG_CRIT:
		return "CRITICAL";
	case LOG_ERR:
		return "ERROR";
	case LOG_WARNING:
		return "WARNING";
	case LOG_NOTICE:
		return "NOTICE";
	case LOG_INFO:
		return "INFO";
	default:
		return "DEBUG";
	}
}

unsigned sockaddr_port(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)sa)->sin6_port);
	return ntohs(((const struct sockaddr_in *)sa)->sin_port);
}

void sockaddr_set_port(struct sockaddr *sa, unsigned port)
{
	if (sa->sa_family == AF_INET6)
		((struct sockaddr_in6 *)sa)->sin6_port = htons((uint16_t)port);
	else
		((struct sockaddr_in *)sa)->sin_port = htons((uint16_t)port);
}

bool all_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

bool parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (*s == '\0' || isspace((unsigned char)*s))
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/*
 * The length of the UTF-8 sequence at s (2 to 4), or 0 when it is not a
 * valid one (overlong forms and surrogates included); *cp gets the code
 * point.
 */
static size_t utf8_seq(const unsigned char *s, unsigned long *cp)
{
	size_t n, i;
	unsigned long c;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/*
 * Code points that would change how a log line reads: C1 controls, the
 * line and paragraph separators, and the bidirectional controls.
 */
static bool misleading(unsigned long c)
{
	return (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 ||
	    c == 0x061c || c == 0x200e || c == 0x200f ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

void sanitize_copy(char *dst, size_t len, const char *src)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t o = 0;

	if (len == 0)
		return;
	while (*s != '\0' && o + 1 < len) {
		unsigned long cp;
		size_t n = *s >= 0x80 ? utf8_seq(s, &cp) : 1;

		if (n == 1 && *s >= 0x20 && *s != 0x7f) {
			dst[o++] = (char)*s++;
		} else if (n > 1 && !misleading(cp) && o + n < len) {
			memcpy(dst + o, s, n);
			o += n;
			s += n;
		} else {
			dst[o++] = '?';
			s += n > 0 ? n : 1;
		}
	}
	dst[o] = '\0';
}

/*
 * Used in a forked child just before exec: marking is enough (exec does the
 * closing) and keeps the log descriptor usable for an execv failure message.
 * close_range() costs the same whatever RLIMIT_NOFILE is; the /proc walk is
 * the fallback for kernels older than 5.11.
 */
void fd_cloexec_from(int lowfd)
{
#ifdef HAVE_CLOSE_RANGE
	if (close_range((unsigned)lowfd, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
		return;
#endif
	DIR *d = opendir("/proc/self/fd");
	if (d == NULL) {
		closefrom(lowfd);
		return;
	}
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		long fd;
		if (!parse_long(de->d_name, 0, INT_MAX, &fd))
			continue;
		if (fd >= lowfd && fd != dirfd(d))
			(void)fcntl((int)fd, F_SETFD, FD_CLOEXEC);
	}
	closedir(d);
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

void fd_close_except(int lowfd, const int *keep, size_t nkeep)
{
	int *sorted = xcalloc(nkeep, sizeof(*sorted));
	size_t n = 0;

	for (size_t i = 0; i < nkeep; i++)
		if (keep[i] >= lowfd)
			sorted[n++] = keep[i];
	qsort(sorted, n, sizeof(sorted[0]), cmp_int);
	for (size_t i = 0; i < n; i++) {
		if (sorted[i] > lowfd) {
#ifdef HAVE_CLOSE_RANGE
			if (close_range((unsigned)lowfd,
			    (unsigned)sorted[i] - 1, 0) < 0)
#endif
				for (int fd = lowfd; fd < sorted[i]; fd++)
					(void)close(fd);
		}
		if (sorted[i] >= lowfd)
			lowfd = sorted[i] + 1;
	}
	free(sorted);
	closefrom(lowfd);
}
