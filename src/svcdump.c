/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* svcdump.c: the SIGUSR1 state dump and the consistency check. */
#include "config.h"

#include <fcntl.h>

#include "children.h"
#include "conf/dump.h"
#include "log.h"
#include "request.h"
#include "retry.h"
#include "service.h"
#include "svc.h"
#include "svcdump.h"
#include "tcpmux.h"

static void dump_one(FILE *fp, const struct service *s)
{
	struct strvec lines = { 0 };
	uint64_t now = loop_now_ms();

	fprintf(fp, "Service = %s\n\tState = %s\n", s->conf->name,
	    svc_state_name(s->state));
	conf_dump_service(s->conf, &lines);
	for (size_t i = 0; i < lines.n; i++)
		fprintf(fp, "\t%s\n", lines.v[i]);
	strvec_clear(&lines);
	fprintf(fp, "\trunning servers = %u\n", s->running);
	if (s->sessions > 0)
		fprintf(fp, "\tsessions in the daemon = %u\n", s->sessions);
	for (const struct child *c = s->children; c != NULL;
	    c = svc_child_next(s, c))
		fprintf(fp, "\t\tpid = %d, running for %llu s, from = %s\n",
		    (int)c->pid,
		    (unsigned long long)((now - c->start_ms) / 1000), c->peer);
	fprintf(fp, "\tcps count = %u\n\tservice fd = %d\n\n", s->cps.count,
	    s->fd);
}

void svcdump_write(FILE *fp)
{
	const struct service *s;

	for (size_t i = 0; (s = svc_nth(i)) != NULL; i++)
		dump_one(fp, s);
	for (size_t i = 0; (s = tcpmux_nth(i)) != NULL; i++)
		fprintf(fp, "TCPMUX service = %s (id %s, server %s)\n"
		    "\trunning servers = %u\n\n", s->conf->name, s->conf->id,
		    s->conf->server ? s->conf->server : "-", s->running);
	fprintf(fp, "active_services = %u\nrunning_servers = %u\n"
	    "pending fork retries = %u\nprocess_limit = %ld\n",
	    svc_count(), children_total(), retry_count(),
	    request_process_limit());
}

/*
 * Its list of servers against its counter; its socket if it is active. A
 * TCPMUX entry's servers are on their tcpmux service's list too, so only
 * the services' lists add up to the total.
 */
static unsigned service_errors(const struct service *s, unsigned *listed)
{
	unsigned errors = 0, n = 0;

	for (const struct child *c = s->children; c; c = svc_child_next(s, c))
		n++;
	if (!s->mux_entry)
		*listed += n;
	if (n != s->running) {
		log_msg(LOG_ERR, "service %s: %u servers listed, %u counted",
		    s->conf->id, n, s->running);
		errors++;
	}
	if (s->state == SVC_ACTIVE && !s->mux_entry &&
	    (s->fd < 0 || fcntl(s->fd, F_GETFD) < 0)) {
		log_msg(LOG_ERR, "file descriptor of service %s has been closed",
		    s->conf->id);
		errors++;
	}
	return errors;
}

unsigned svcdump_consistency_errors(void)
{
	unsigned errors = 0, listed = 0;
	unsigned in_table = children_in_table(), total = children_total();
	const struct service *s;

	for (size_t i = 0; (s = svc_nth(i)) != NULL; i++)
		errors += service_errors(s, &listed);
	for (size_t i = 0; (s = tcpmux_nth(i)) != NULL; i++)
		errors += service_errors(s, &listed);
	if (in_table != total || listed != total) {
		log_msg(LOG_ERR, "running servers: %u in the pid table, %u listed, %u counted",
		    in_table, listed, total);
		errors++;
	}
	return errors;
}
