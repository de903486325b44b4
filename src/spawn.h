/*
 * spawn.h: everything between fork and exec, in the order xinetd does it
 * (reference section 4.4), and the server environment (4.5).
 */
#ifndef XINETD_SPAWN_H
#define XINETD_SPAWN_H

#include <sys/types.h>

#include "conf/conf.h"

/* Capture the daemon's start-up environment, less what is ours alone. */
void spawn_capture_env(char **envp);
void spawn_free_env(void);

/*
 * Fork a server for one request: conn becomes its fds 0, 1 and 2. Returns
 * the child's pid, or -1 with errno set if fork failed.
 */
pid_t spawn_server(const struct svc_conf *sc, int conn, const char *peer);

#endif
