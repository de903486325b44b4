/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* svclog.c: service log targets and their size limits (reference 8.2). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>

#include "journal.h"
#include "log.h"
#include "peer.h"
#include "svclog.h"
#include "util.h"

/* xinetd's service log line buffer. */
#define SVCLOG_LINE_MAX 1024
/* Journal fields of one entry beside those journal.c adds. */
#define SVCLOG_FIELDS_MAX 10

/*
 * What an entry says, for the journal's fields (xinetd.log.5, JOURNAL);
 * NULL, 0 or -1: the entry does not say it.
 */
struct svcfields {
	const char *event;		/* START, EXIT, FAIL, USERID... */
	const char *addr;		/* the client, as from= shows it */
	unsigned port;
	pid_t pid;			/* the server, as pid= shows it */
	int status, signal;		/* how it ended, as status= or signal= */
	int64_t duration_us;		/* as duration= shows it, finer */
	const char *reason;		/* the FAIL word */
};

#define SVCFIELDS_NONE { .status = -1, .signal = -1, .duration_us = -1 }

/* "KEY=VALUE" strings in one buffer. */
struct kvset {
	char buf[SVCLOG_LINE_MAX];
	size_t used;
	const char *v[SVCLOG_FIELDS_MAX];
	size_t n;
};

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
	char stamp[32];
	struct stat st;
	struct iovec iov[3];
	size_t n;

	if (l->fd < 0 || l->over == 2)
		return;
	log_stamp(stamp, sizeof(stamp));
	/*
	 * "stamp: entry\n" gathered, not formatted again: one writev is one
	 * append, as whole as one write (O_APPEND keeps children's lines
	 * whole too).
	 */
	strcat(stamp, ": ");
	iov[0] = (struct iovec){ stamp, strlen(stamp) };
	iov[1] = (struct iovec){ (char *)entry, strlen(entry) };
	iov[2] = (struct iovec){ "\n", 1 };
	n = iov[0].iov_len + iov[1].iov_len + 1;
	/* Children write to the same file: ask the file, not our tally. */
	if ((l->hard != 0 || l->soft != 0) && fstat(l->fd, &st) == 0)
		l->size = (uint64_t)st.st_size;
	if (l->hard != 0 && l->size + (uint64_t)n > l->hard) {
		l->over = 2;
		log_msg(LOG_ERR, "Size of %s log exceeded hard limit", id);
		return;
	}
	ssize_t w = writev(l->fd, iov, 3);
	if (w > 0)
		l->size += (uint64_t)w;
	if (l->soft != 0 && l->size > l->soft && l->over == 0) {
		l->over = 1;
		log_msg(LOG_WARNING, "Size of %s log exceeded soft limit", id);
	}
}

static void kv_add(struct kvset *k, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A field that does not fit is left out; the MESSAGE has it all. */
static void kv_add(struct kvset *k, const char *fmt, ...)
{
	size_t room = sizeof(k->buf) - k->used;
	va_list ap;
	int n;

	if (k->n == SVCLOG_FIELDS_MAX || room == 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(k->buf + k->used, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room)
		return;
	k->v[k->n++] = k->buf + k->used;
	k->used += (size_t)n + 1;
}

/* The entry as a journal record; -1 when it must go to syslog. */
static int journal_entry(const struct svclog *l, const char *id,
    const struct svcfields *f, const char *entry)
{
	struct kvset k = { .used = 0 };

	if (!journal_on())
		return -1;
	kv_add(&k, "XINETD_SERVICE=%s", id);
	if (f->event != NULL)
		kv_add(&k, "XINETD_EVENT=%s", f->event);
	if (f->addr != NULL)
		kv_add(&k, "REMOTE_ADDR=%s", f->addr);
	if (f->addr != NULL && f->port != 0)
		kv_add(&k, "REMOTE_PORT=%u", f->port);
	if (f->pid > 0)
		kv_add(&k, "XINETD_SERVER_PID=%d", (int)f->pid);
	if (f->status >= 0)
		kv_add(&k, "XINETD_EXIT_STATUS=%d", f->status);
	if (f->signal >= 0)
		kv_add(&k, "XINETD_EXIT_SIGNAL=%d", f->signal);
	if (f->duration_us >= 0)
		kv_add(&k, "XINETD_DURATION_USEC=%lld",
		    (long long)f->duration_us);
	if (f->reason != NULL)
		kv_add(&k, "XINETD_FAIL_REASON=%s", f->reason);
	return journal_send(log_ident(), l->priority, getpid(), entry, k.v,
	    k.n);
}

static void entry_out(struct svclog *l, const char *id,
    const struct svcfields *f, const char *entry)
{
	if (l->kind != LOGT_SYSLOG)
		file_write(l, id, entry);
	else if (journal_entry(l, id, f, entry) < 0)
		syslog(l->priority, "%s", entry);
}

static void write_fields(struct svclog *l, const char *id,
    const struct svcfields *f, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void write_fields(struct svclog *l, const char *id,
    const struct svcfields *f, const char *fmt, ...)
{
	char entry[SVCLOG_LINE_MAX];
	va_list ap;

	log_wait_gate();
	va_start(ap, fmt);
	vsnprintf(entry, sizeof(entry), fmt, ap);
	va_end(ap);
	entry_out(l, id, f, entry);
}

/* "USERID: ..." is a USERID entry: the word before the colon. */
static const char *event_word(const char *entry, char *buf, size_t len)
{
	size_t n = 0;

	while (n + 1 < len && isupper((unsigned char)entry[n]))
		n++;
	if (n == 0 || entry[n] != ':')
		return NULL;
	memcpy(buf, entry, n);
	buf[n] = '\0';
	return buf;
}

void svclog_write(struct svclog *l, const char *id, const char *fmt, ...)
{
	struct svcfields f = SVCFIELDS_NONE;
	char entry[SVCLOG_LINE_MAX];
	char event[16];
	va_list ap;

	if (l == NULL)
		return;
	log_wait_gate();
	va_start(ap, fmt);
	vsnprintf(entry, sizeof(entry), fmt, ap);
	va_end(ap);
	f.event = event_word(entry, event, sizeof(event));
	entry_out(l, id, &f, entry);
}

/* The client as the entry's from= shows it; NULL: none (wait = yes). */
static void peer_fields(struct svcfields *f, const struct peer *p)
{
	if (p == NULL || p->len == 0)
		return;
	f->addr = p->text;
	f->port = sockaddr_port((const struct sockaddr *)&p->addr);
}

void svclog_start(struct svclog *l, const struct svc_conf *sc, pid_t pid,
    const struct peer *peer)
{
	struct svcfields f = SVCFIELDS_NONE;
	char pidpart[32] = "", hostpart[80] = "";

	/* Any success option at all enables START (reference 8.3). */
	if (l == NULL || sc->log_on_success == 0)
		return;
	f.event = "START";
	if (sc->log_on_success & LOG_S_PID) {
		snprintf(pidpart, sizeof(pidpart), " pid=%d", (int)pid);
		f.pid = pid;
	}
	if (sc->log_on_success & LOG_S_HOST) {
		snprintf(hostpart, sizeof(hostpart), " from=%s", peer->text);
		peer_fields(&f, peer);
	}
	write_fields(l, sc->id, &f, "START: %s%s%s", sc->id, pidpart,
	    hostpart);
}

void svclog_exit(struct svclog *l, const struct svc_conf *sc, pid_t pid,
    int status, uint64_t ms, const char *peer)
{
	struct svcfields f = SVCFIELDS_NONE;
	char how[32] = "", pidpart[32] = "", dur[48] = "";

	if (l == NULL || !(sc->log_on_success & (LOG_S_EXIT | LOG_S_DURATION)))
		return;
	f.event = "EXIT";
	if (sc->log_on_success & LOG_S_EXIT) {
		if (WIFSIGNALED(status))
			f.signal = WTERMSIG(status);
		else
			f.status = WEXITSTATUS(status);
		if (f.signal >= 0)
			snprintf(how, sizeof(how), " signal=%d", f.signal);
		else
			snprintf(how, sizeof(how), " status=%d", f.status);
	}
	if (sc->log_on_success & LOG_S_PID) {
		snprintf(pidpart, sizeof(pidpart), " pid=%d", (int)pid);
		f.pid = pid;
	}
	if (sc->log_on_success & LOG_S_DURATION) {
		snprintf(dur, sizeof(dur), " duration=%ld(sec)",
		    (long)(ms / 1000));
		f.duration_us = (int64_t)(ms * 1000);
	}
	/* The text has no from=; the journal may say whose it was. */
	if ((sc->log_on_success & LOG_S_HOST) && peer != NULL &&
	    peer[0] != '\0' && peer[0] != '<')
		f.addr = peer;
	write_fields(l, sc->id, &f, "EXIT: %s%s%s%s", sc->id, how, pidpart,
	    dur);
}

void svclog_fail(struct svclog *l, const struct svc_conf *sc,
    const char *reason, const struct peer *peer)
{
	struct svcfields f = SVCFIELDS_NONE;

	if (l == NULL || sc->log_on_failure == 0)
		return;
	f.event = "FAIL";
	f.reason = reason;
	if (sc->log_on_failure & LOG_F_HOST) {
		peer_fields(&f, peer);
		write_fields(l, sc->id, &f, "FAIL: %s %s from=%s", sc->id,
		    reason, peer->text);
	} else {
		write_fields(l, sc->id, &f, "FAIL: %s %s", sc->id, reason);
	}
}
