/*
 * service.h: the runtime service table: one entry per active service with
 * its listening socket, its log and its running servers.
 */
#ifndef XINETD_SERVICE_H
#define XINETD_SERVICE_H

#include <stdbool.h>

#include "conf/conf.h"

/* -limit N: cap on running servers across services (0 = none). */
void svc_set_process_limit(long limit);

/*
 * Open the listeners of every service in cs; the table takes over the
 * entries it starts. Returns the number of services now available.
 */
unsigned svc_start(struct conf_set *cs);

/* Reap exited servers (SIGCHLD): EXIT lines, counters released. */
void svc_reap(void);

/* Close every listener and free the table; running servers are left be. */
void svc_stop_all(void);

unsigned svc_count(void);

#endif
