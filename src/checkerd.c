/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * checkerd.c: one access checker. It answers one request at a time (the
 * daemon runs several checkers for lookups that take long), as an
 * unprivileged user when the wrappers' tables are readable without root,
 * and never carries out a wrappers option (wrap.c).
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "addrmatch.h"
#include "checkerd.h"
#include "checkwire.h"
#include "ident.h"
#include "util.h"
#include "wrap.h"

/* xinetd's identd timeout (reference 4.13). */
#define IDENT_TIMEOUT_S 30

/* Tables anyone may read: then nobody's rights are enough. */
static bool tables_world_readable(void)
{
	static const char *const tables[] = {
		"/etc/hosts.allow", "/etc/hosts.deny",
	};
	struct stat st;

	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		if (stat(tables[i], &st) == 0 && !(st.st_mode & S_IROTH))
			return false;
	return true;
}

static void drop_privileges(void)
{
	struct passwd *pw;

	if (geteuid() != 0 || !tables_world_readable())
		return;
	pw = getpwnam("nobody");
	if (pw == NULL)
		return;
	if (setgroups(0, NULL) < 0 || setgid(pw->pw_gid) < 0 ||
	    setuid(pw->pw_uid) < 0)
		_exit(1);
}

static void answer(const struct check_request *q, struct check_reply *r)
{
	memset(r, 0, sizeof(*r));
	r->id = q->id;
	if (q->needs & CHECK_WRAP)
		r->wrap = (uint8_t)wrap_verdict(q->daemon,
		    (const struct sockaddr *)&q->local,
		    (const struct sockaddr *)&q->peer);
	if ((q->needs & CHECK_NAME) &&
	    addr_peer_name((const struct sockaddr *)&q->peer, r->name,
	    sizeof(r->name)) != NULL)
		r->has_name = 1;
	if (q->needs & CHECK_IDENT) {
		struct ident_endpoints e = {
			.local = q->local, .peer = q->peer,
			.local_len = q->local_len, .peer_len = q->peer_len,
		};
		r->ident_ok = ident_query(&e, IDENT_TIMEOUT_S, r->ident,
		    sizeof(r->ident)) == IDENT_OK;
	}
}

int checkerd_main(int fd)
{
	struct check_request q;
	struct check_reply r;
	ssize_t n;

	/* Gone with the daemon, and named for ps. */
	(void)prctl(PR_SET_PDEATHSIG, SIGKILL);
	(void)prctl(PR_SET_NAME, "xinetd-checker");
	if (getppid() == 1)
		return 0;
	wrap_checker_mode();
	drop_privileges();
	for (;;) {
		do
			n = recv(fd, &q, sizeof(q), 0);
		while (n < 0 && errno == EINTR);
		if (n != (ssize_t)sizeof(q))
			return 0;
		q.daemon[sizeof(q.daemon) - 1] = '\0';
		answer(&q, &r);
		if (send(fd, &r, sizeof(r), MSG_NOSIGNAL) != (ssize_t)sizeof(r))
			return 0;
	}
}
