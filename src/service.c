/*
 * service.c: the service table and the request path of stream wait = no
 * services: accept, admission limits, fork, START; and the reaping side:
 * EXIT and release (reference sections 4.2, 4.6, 8.3).
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "compat.h"
#include "listen.h"
#include "log.h"
#include "loop.h"
#include "service.h"
#include "spawn.h"
#include "svclog.h"

/* Connections taken per readiness event, so one busy port cannot starve. */
#define ACCEPT_BATCH 16
#define CHILD_BUCKETS 256

struct child;

struct service {
	struct loop_watch watch;	/* first: the loop hands it back */
	struct svc_conf *conf;
	struct svclog *log;
	int fd;
	unsigned running;
	struct child *children;		/* this service's running servers */
	time_t fd_shortage_logged;
};

struct child {
	struct child *hnext;		/* pid hash chain */
	struct child *snext;		/* service's list */
	pid_t pid;
	struct service *svc;
	struct timespec start;
	char peer[INET6_ADDRSTRLEN];
};

static struct service **table;
static size_t ntable;
static struct child *by_pid[CHILD_BUCKETS];
static unsigned total_running;
static long process_limit;
static struct svclog *common_log;
/*
 * A spare descriptor: when accept() fails for want of descriptors it is
 * given up to take the pending connection and close it, so the listener
 * does not stay readable and spin the loop.
 */
static int spare_fd = -1;

void svc_set_process_limit(long limit)
{
	process_limit = limit;
}

unsigned svc_count(void)
{
	return (unsigned)ntable;
}

static void peer_text(const struct sockaddr_storage *ss, char *buf,
    size_t len)
{
	const void *addr = NULL;

	if (ss->ss_family == AF_INET6)
		addr = &((const struct sockaddr_in6 *)ss)->sin6_addr;
	else if (ss->ss_family == AF_INET)
		addr = &((const struct sockaddr_in *)ss)->sin_addr;
	if (addr == NULL || inet_ntop(ss->ss_family, addr, buf,
	    (socklen_t)len) == NULL)
		strlcpy(buf, "<no address>", len);
}

static void log_fail(struct service *s, const char *reason, const char *peer)
{
	const struct svc_conf *sc = s->conf;

	if (sc->log_on_failure == 0)
		return;
	if (sc->log_on_failure & LOG_F_HOST)
		svclog_write(s->log, sc->id, "FAIL: %s %s from=%s", sc->id,
		    reason, peer);
	else
		svclog_write(s->log, sc->id, "FAIL: %s %s", sc->id, reason);
}

static void log_start(struct service *s, pid_t pid, const char *peer)
{
	const struct svc_conf *sc = s->conf;
	char pidpart[32] = "", hostpart[INET6_ADDRSTRLEN + 8] = "";

	/* Any success option at all enables START (reference 8.3). */
	if (sc->log_on_success == 0)
		return;
	if (sc->log_on_success & LOG_S_PID)
		snprintf(pidpart, sizeof(pidpart), " pid=%d", (int)pid);
	if (sc->log_on_success & LOG_S_HOST)
		snprintf(hostpart, sizeof(hostpart), " from=%s", peer);
	svclog_write(s->log, sc->id, "START: %s%s%s", sc->id, pidpart,
	    hostpart);
}

static void log_exit(struct service *s, const struct child *c, int status)
{
	const struct svc_conf *sc = s->conf;
	char how[32] = "", pidpart[32] = "", dur[48] = "";
	struct timespec now;

	if (!(sc->log_on_success & (LOG_S_EXIT | LOG_S_DURATION)))
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
		snprintf(pidpart, sizeof(pidpart), " pid=%d", (int)c->pid);
	if (sc->log_on_success & LOG_S_DURATION) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		snprintf(dur, sizeof(dur), " duration=%ld(sec)",
		    (long)(now.tv_sec - c->start.tv_sec));
	}
	svclog_write(s->log, sc->id, "EXIT: %s%s%s%s", sc->id, how, pidpart,
	    dur);
}

static unsigned from_same_source(const struct service *s, const char *peer)
{
	unsigned n = 0;

	for (const struct child *c = s->children; c != NULL; c = c->snext)
		if (strcmp(c->peer, peer) == 0)
			n++;
	return n;
}

/* Parent-side admission, in xinetd's order (reference 4.2 step 4). */
static const char *admission_refusal(const struct service *s,
    const char *peer)
{
	const struct svc_conf *sc = s->conf;

	if (sc->instances != LIMIT_UNLIMITED &&
	    s->running >= (unsigned long)sc->instances)
		return "service_limit";
	if (sc->per_source != LIMIT_UNLIMITED &&
	    from_same_source(s, peer) >= (unsigned long)sc->per_source)
		return "per_source_limit";
	if (process_limit > 0 && total_running + 1 > (unsigned long)process_limit)
		return "process_limit";
	return NULL;
}

static void add_child(struct service *s, pid_t pid, const char *peer)
{
	struct child *c = xcalloc(1, sizeof(*c));
	size_t b = (size_t)pid % CHILD_BUCKETS;

	c->pid = pid;
	c->svc = s;
	clock_gettime(CLOCK_MONOTONIC, &c->start);
	strlcpy(c->peer, peer, sizeof(c->peer));
	c->hnext = by_pid[b];
	by_pid[b] = c;
	c->snext = s->children;
	s->children = c;
	s->running++;
	total_running++;
}

static struct child *take_child(pid_t pid)
{
	struct child **pp = &by_pid[(size_t)pid % CHILD_BUCKETS];

	for (; *pp != NULL; pp = &(*pp)->hnext) {
		struct child *c = *pp;
		if (c->pid != pid)
			continue;
		*pp = c->hnext;
		for (struct child **sp = &c->svc->children; *sp;
		    sp = &(*sp)->snext) {
			if (*sp == c) {
				*sp = c->snext;
				break;
			}
		}
		c->svc->running--;
		total_running--;
		return c;
	}
	return NULL;
}

static void handle_connection(struct service *s, int conn,
    const struct sockaddr_storage *ss)
{
	char peer[INET6_ADDRSTRLEN];
	const char *refusal;
	pid_t pid;

	peer_text(ss, peer, sizeof(peer));
	refusal = admission_refusal(s, peer);
	if (refusal != NULL) {
		log_fail(s, refusal, peer);
		return;
	}
	pid = spawn_server(s->conf, conn, peer);
	if (pid < 0) {
		log_msg(LOG_ERR, "%s: fork failed: %s", s->conf->id,
		    log_strerror(errno));
		log_fail(s, "fork", peer);
		return;
	}
	add_child(s, pid, peer);
	log_start(s, pid, peer);
}

static void shed_connection(struct service *s)
{
	time_t now = time(NULL);
	int fd;

	if (now != s->fd_shortage_logged) {
		s->fd_shortage_logged = now;
		log_msg(LOG_ERR, "service %s, accept: %s", s->conf->id,
		    log_strerror(EMFILE));
	}
	if (spare_fd >= 0) {
		close(spare_fd);
		spare_fd = -1;
	}
	fd = accept4(s->fd, NULL, NULL, SOCK_CLOEXEC);
	if (fd >= 0)
		close(fd);
	spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
}

static void on_readable(struct loop_watch *w, uint32_t events)
{
	struct service *s = (struct service *)w;

	(void)events;
	for (int i = 0; i < ACCEPT_BATCH; i++) {
		struct sockaddr_storage ss;
		socklen_t len = sizeof(ss);
		int conn = accept4(s->fd, (struct sockaddr *)&ss, &len,
		    SOCK_CLOEXEC);

		if (conn < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			if (errno == EMFILE || errno == ENFILE) {
				shed_connection(s);
				continue;
			}
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				log_msg(LOG_ERR, "service %s, accept: %s",
				    s->conf->id, log_strerror(errno));
			return;
		}
		handle_connection(s, conn, &ss);
		close(conn);
	}
}

static struct service *service_new(struct svc_conf *sc,
    const struct svc_conf *defaults)
{
	struct service *s = xcalloc(1, sizeof(*s));

	s->conf = sc;
	s->fd = -1;
	s->watch.fn = on_readable;
	/* A FILE log from defaults is one shared file (reference 8.2). */
	if (!(sc->specified & ABIT(A_LOG_TYPE)) && common_log != NULL &&
	    defaults->log.kind == LOGT_FILE)
		s->log = svclog_ref(common_log);
	else
		s->log = svclog_open(&sc->log);
	return s;
}

static void service_free(struct service *s)
{
	loop_del(&s->watch);
	if (s->fd >= 0)
		close(s->fd);
	svclog_unref(s->log);
	svc_conf_free(s->conf);
	free(s->conf);
	free(s);
}

unsigned svc_start(struct conf_set *cs)
{
	if (spare_fd < 0)
		spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (common_log == NULL && cs->defaults.log.kind == LOGT_FILE)
		common_log = svclog_open(&cs->defaults.log);

	table = xreallocarray(table, ntable + cs->nsvcs, sizeof(*table));
	for (size_t i = 0; i < cs->nsvcs; i++) {
		struct service *s = service_new(cs->svcs[i], &cs->defaults);
		cs->svcs[i] = NULL;
		s->fd = listen_open(s->conf);
		if (s->fd < 0 || loop_add(&s->watch, s->fd, EPOLLIN) < 0) {
			if (s->fd >= 0)
				log_msg(LOG_ERR, "unable to watch service %s: %s",
				    s->conf->id, log_strerror(errno));
			service_free(s);
			continue;
		}
		table[ntable++] = s;
	}
	cs->nsvcs = 0;
	return (unsigned)ntable;
}

void svc_reap(void)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		struct child *c = take_child(pid);
		if (c == NULL) {
			log_msg(LOG_NOTICE, "unknown child process %d died",
			    (int)pid);
			continue;
		}
		log_exit(c->svc, c, status);
		free(c);
	}
}

void svc_stop_all(void)
{
	for (size_t b = 0; b < CHILD_BUCKETS; b++) {
		while (by_pid[b] != NULL) {
			struct child *c = by_pid[b];
			by_pid[b] = c->hnext;
			free(c);
		}
	}
	for (size_t i = 0; i < ntable; i++)
		service_free(table[i]);
	free(table);
	table = NULL;
	ntable = 0;
	total_running = 0;
	svclog_unref(common_log);
	common_log = NULL;
	if (spare_fd >= 0)
		close(spare_fd);
	spare_fd = -1;
}
