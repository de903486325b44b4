/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* svclog.c: service log targets and their size limits (reference 8.2). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>

#include "log.h"
#include "svclog.h"

/* xinetd's service log line buffer. */
#define SVCLOG_LINE_MAX 1024

struct svclog {
	unsigned refs;
	enum log_kind kind;
	int fd;
	int priority;
	char *path;
	uint64_t size, soft, hard;
	int over;		/* 1: soft limit reported, 2: hard limit hit */
};

struct svclog *svclog_open(const struct log_target *t)
{
	struct svclog *l;

	if (t->kind == LOGT_NONE)
		return NULL;
	l = xcalloc(1, sizeof(*l));
	l->refs = 1;
	l->kind = t->kind;
	l->fd = -1;
	l->priority = t->facility | t->level;
	if (t->kind == LOGT_FILE) {
		struct stat st;
		l->path = xstrdup(t->path);
		l->soft = t->soft;
		l->hard = t->hard;
		/* Mode 0644 less the umask, as xinetd creates them. */
		l->fd = open(t->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
		    0644);
		if (l->fd < 0)
			log_msg(LOG_ERR, "unable to open service log %s: %s",
			    t->path, log_strerror(errno));
		else if (fstat(l->fd, &st) == 0)
			l->size = (uint64_t)st.st_size;
	}
	return l;
}

struct svclog *svclog_ref(struct svclog *l)
{
	if (l != NULL)
		l->refs++;
	return l;
}

int svclog_fd(const struct svclog *l)
{
	return l != NULL ? l->fd : -1;
}

void svclog_unref(struct svclog *l)
{
	if (l == NULL || --l->refs > 0)
		return;
	if (l->fd >= 0)
		close(l->fd);
	free(l->path);
	free(l);
}

/*
 * Past the soft limit the program log is told once; past the hard limit the
 * file receives nothing more until the log is reopened.
 */
static void file_write(struct svclog *l, const char *id, const char *entry)
{
	char line[SVCLOG_LINE_MAX + 64];
	char stamp[32];
	struct stat st;
	int n;

	if (l->fd < 0 || l->over == 2)
		return;
	log_stamp(stamp, sizeof(stamp));
	n = snprintf(line, sizeof(line), "%s: %s\n", stamp, entry);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	/* Children write to the same file: ask the file, not our tally. */
	if ((l->hard != 0 || l->soft != 0) && fstat(l->fd, &st) == 0)
		l->size = (uint64_t)st.st_size;
	if (l->hard != 0 && l->size + (uint64_t)n > l->hard) {
		l->over = 2;
		log_msg(LOG_ERR, "Size of %s log exceeded hard limit", id);
		return;
	}
	ssize_t w = write(l->fd, line, (size_t)n);
	if (w > 0)
		l->size += (uint64_t)w;
	if (l->soft != 0 && l->size > l->soft && l->over == 0) {
		l->over = 1;
		log_msg(LOG_WARNING, "Size of %s log exceeded soft limit", id);
	}
}

void svclog_write(struct svclog *l, const char *id, const char *fmt, ...)
{
	char entry[SVCLOG_LINE_MAX];
	va_list ap;

	if (l == NULL)
		return;
	log_wait_gate();
	va_start(ap, fmt);
	vsnprintf(entry, sizeof(entry), fmt, ap);
	va_end(ap);
	if (l->kind == LOGT_SYSLOG)
		syslog(l->priority, "%s", entry);
	else
		file_write(l, id, entry);
}

void svclog_start(struct svclog *l, const struct svc_conf *sc, pid_t pid,
    const char *peer)
{
	char pidpart[32] = "", hostpart[80] = "";

	/* Any success option at all enables START (reference 8.3). */
	if (l == NULL || sc->log_on_success == 0)
		return;
	if (sc->log_on_success & LOG_S_PID)
		snprintf(pidpart, sizeof(pidpart), " pid=%d", (int)pid);
	if (sc->log_on_success & LOG_S_HOST)
		snprintf(hostpart, sizeof(hostpart), " from=%s", peer);
	svclog_write(l, sc->id, "START: %s%s%s", sc->id, pidpart, hostpart);
}

void svclog_exit(struct svclog *l, const struct svc_conf *sc, pid_t pid,
    int status, long seconds)
{
	char how[32] = "", pidpart[32] = "", dur[48] = "";

	if (l == NULL || !(sc->log_on_success & (LOG_S_EXIT | LOG_S_DURATION)))
		return;
	if (sc->log_on_success & LOG_S_EXIT) {
		if (WIFSIGNALED(status))
			snprintf(how, sizeof(how), " signal=%d",
			    WTERMSIG(status));
		else
			snprintf(how, sizeof(how), " status=%d",
			    WEXITSTATUS(status));
	}
	if (sc->log_on_success & LOG_S_PID)
		snprintf(pidpart, sizeof(pidpart), " pid=%d", (int)pid);
	if (sc->log_on_success & LOG_S_DURATION)
		snprintf(dur, sizeof(dur), " duration=%ld(sec)", seconds);
	svclog_write(l, sc->id, "EXIT: %s%s%s%s", sc->id, how, pidpart, dur);
}

void svclog_fail(struct svclog *l, const struct svc_conf *sc,
    const char *reason, const char *peer)
{
	if (l == NULL || sc->log_on_failure == 0)
		return;
	if (sc->log_on_failure & LOG_F_HOST)
		svclog_write(l, sc->id, "FAIL: %s %s from=%s", sc->id, reason,
		    peer);
	else
		svclog_write(l, sc->id, "FAIL: %s %s", sc->id, reason);
}
