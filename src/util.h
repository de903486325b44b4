/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* util.h: allocation that cannot fail silently, and small string helpers. */
#ifndef XINETD_UTIL_H
#define XINETD_UTIL_H

#include <stdbool.h>
#include <stddef.h>

/* The TYPE of which p points at MEMBER (a watch or timer handed back). */
#define CONTAINER_OF(p, type, member) \
	((type *)(void *)((char *)(p) - offsetof(type, member)))

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable array of owned strings, NULL-terminated so it can be an argv. */
struct strvec {
	char **v;
	size_t n;
	size_t cap;
};
void strvec_push(struct strvec *sv, const char *s);
void strvec_clear(struct strvec *sv);
void strvec_copy(struct strvec *dst, const struct strvec *src);

/* A syslog priority as xinetd writes it in -filelog lines: "ERROR", ... */
const char *log_level_word(int level);

/* Parse a decimal integer in [min, max]; the whole string must be a number. */
bool parse_long(const char *s, long min, long max, long *out);
bool all_digits(const char *s);

/*
 * Copy at most len-1 bytes of untrusted text for a log line: control
 * bytes, C1 controls, U+2028/U+2029, bidirectional controls and bytes
 * that are not valid UTF-8 each become '?'; a character never splits.
 */
void sanitize_copy(char *dst, size_t len, const char *src);

/* The port of an AF_INET or AF_INET6 address, in host order. */
struct sockaddr;
unsigned sockaddr_port(const struct sockaddr *sa);
void sockaddr_set_port(struct sockaddr *sa, unsigned port);

/* Make every descriptor from lowfd up close-on-exec. */
void fd_cloexec_from(int lowfd);
/* Close every descriptor from lowfd up except those in keep (-1 ignored). */
void fd_close_except(int lowfd, const int *keep, size_t nkeep);

#endif
