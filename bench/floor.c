/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * floor.c: the practical limit for an exec-per-connection service on this
 * machine -- the least a super-server can do for one connection:
 *
 *     accept -> fork -> (child) dup2 onto 0,1,2 -> exec SERVER
 *
 * No configuration, no logging, no access control, no bookkeeping of
 * children (SIGCHLD is ignored, so the kernel reaps them). The benchmark
 * runs the same load against it as against the daemons, to show how close
 * each gets to the floor.
 *
 *   floor -p PORT [-l LOG] [-x N] SERVER [ARG...]
 *
 * Listens on 127.0.0.1:PORT only (backlog 64, as xinetd). -x N holds N
 * extra close-on-exec descriptors (copies of the listening socket), as a
 * super-server with N more services does: fork copies the descriptor
 * table and exec closes them, so this shows what many services cost any
 * fork-per-connection design. When listening,
 * appends "Started working: 1 available service" to LOG (if given), the
 * line the benchmark waits for with the daemons too. Runs until killed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *log = NULL;
	long port = 0, extra = 0;
	int opt, one = 1;

	while ((opt = getopt(argc, argv, "+p:l:x:")) != -1) {
		switch (opt) {
		case 'p': port = strtol(optarg, NULL, 10); break;
		case 'x': extra = strtol(optarg, NULL, 10); break;
		case 'l': log = optarg; break;
		default: goto usage;
		}
	}
	if (port <= 0 || port > 65535 || extra < 0 || extra > 1000000 ||
	    optind >= argc)
		goto usage;

	int lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in sin = { .sin_family = AF_INET,
	    .sin_port = htons((uint16_t)port),
	    .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	if (lfd < 0 ||
	    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(lfd, (struct sockaddr *)&sin, sizeof(sin)) < 0 ||
	    listen(lfd, 64) < 0) {
		perror("floor: listen");
		return 1;
	}
	for (long i = 0; i < extra; i++) {
		if (fcntl(lfd, F_DUPFD_CLOEXEC, 3) < 0) {
			perror("floor: extra descriptors");
			return 1;
		}
	}
	signal(SIGCHLD, SIG_IGN);
	if (log != NULL) {
		FILE *f = fopen(log, "a");
		if (f == NULL) {
			perror(log);
			return 1;
		}
		fprintf(f, "floor[%d]: Started working: 1 available service\n",
		    (int)getpid());
		fclose(f);
	}
	for (;;) {
		int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		if (c < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			perror("floor: accept");
			usleep(10000);
			continue;
		}
		pid_t pid = fork();
		if (pid == 0) {
			signal(SIGCHLD, SIG_DFL);
			for (int fd = 0; fd <= 2; fd++)
				if (dup2(c, fd) < 0)
					_exit(1);
			if (c > 2)
				close(c);
			execv(argv[optind], argv + optind);
			_exit(127);
		}
		if (pid < 0)
			perror("floor: fork");
		close(c);
	}
usage:
	fprintf(stderr, "usage: floor -p PORT [-l LOG] [-x N] SERVER [ARG...]\n");
	return 2;
}
