/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * redirect.c: the forwarder between a client and the redirect target, in
 * a forked child (when the daemon cannot relay the session itself, see
 * relay.c), so a blocking connect is fine; the directions (forward.c) are
 * driven by poll.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "forward.h"
#include "log.h"
#include "peer.h"
#include "redirect.h"
#include "svclog.h"

/* Copy both ways until each side has closed its half; NULL, or why not. */
static const char *pump(struct fwd_dir *in, struct fwd_dir *out,
    char *reason, size_t len)
{
	reason[0] = '\0';
	while (!fwd_done(in) || !fwd_done(out)) {
		struct pollfd p[2];
		bool watch;
		/* p[0] is the client, p[1] the target. */
		p[0].events = fwd_events(in, out, &watch);
		p[0].fd = watch ? in->from : -1;
		p[1].events = fwd_events(out, in, &watch);
		p[1].fd = watch ? out->from : -1;
		p[0].revents = p[1].revents = 0;
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			snprintf(reason, len, "poll: %s", strerror(errno));
			return reason;
		}
		if (!fwd_step(in, out, p[0].revents, p[1].revents, reason, len))
			return reason;
	}
	return reason[0] != '\0' ? reason : NULL;
}

void redirect_ended(const struct svc_conf *sc, struct svclog *log,
    const struct peer *to, const char *why, const struct fwd_dir *in,
    const struct fwd_dir *out)
{
	if (why != NULL)
		log_msg(LOG_INFO, "service %s: redirected session to %s ended: %s",
		    sc->id, to->text, why);
	if (sc->log_on_success & LOG_S_TRAFFIC)
		svclog_write(log, sc->id,
		    "TRAFFIC: %s in=%llu(bytes) out=%llu(bytes)", sc->id,
		    (unsigned long long)in->bytes,
		    (unsigned long long)out->bytes);
}

void redirect_unreachable(const struct peer *to, int err)
{
	log_msg(LOG_ERR, "can't connect to remote host %s: %s", to->text,
	    log_strerror(err));
}

int redirect_run(const struct svc_conf *sc, struct svclog *log, int client)
{
	static struct fwd_dir in, out;
	char reason[128];
	const char *ended;
	struct peer to;
	int target;

	peer_set(&to, &sc->redirect_addr.sa, sc->redirect_len);
	target = socket(sc->redirect_addr.sa.sa_family,
	    SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (target < 0 || connect(target,
	    &sc->redirect_addr.sa, sc->redirect_len) < 0) {
		redirect_unreachable(&to, errno);
		return 0;
	}
	/* Blocking sends could deadlock two full buffers against each other. */
	(void)fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK);
	(void)fcntl(target, F_SETFL, fcntl(target, F_GETFL) | O_NONBLOCK);
	fwd_open(&in, &out, client, target, sc);
	ended = pump(&in, &out, reason, sizeof(reason));
	redirect_ended(sc, log, &to, ended, &in, &out);
	close(target);
	return 0;
}
