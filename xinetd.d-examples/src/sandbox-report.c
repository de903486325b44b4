/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * sandbox-report: the server of the "hostile" example. It tells the
 * client what it sees of its sandbox (who it runs as, its root, its /tmp,
 * its limits, no_new_privs), then takes commands that try to get out:
 *
 *   fork    fork until the kernel refuses (rlimit_nproc)
 *   fill    write /tmp/fill until that fails (rlimit_fsize, private_tmp)
 *   hang    sleep for ever (max_duration ends it)
 *   quit    (or end of input) leave
 *
 * It needs nothing at run time but the kernel: built with -static it runs
 * in an otherwise empty chroot (xinetd.conf(5), SANDBOX).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/statfs.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_CHILDREN 4096
#define TMPFS_MAGIC_NUMBER 0x01021994

static void list_dir(const char *label, const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	struct statfs sf;

	printf("%s:", label);
	if (d == NULL) {
		printf(" (%s)\n", strerror(errno));
		return;
	}
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			printf(" %s", e->d_name);
	closedir(d);
	if (statfs(path, &sf) == 0 && sf.f_type == TMPFS_MAGIC_NUMBER)
		printf(" (tmpfs, %llu bytes)",
		    (unsigned long long)sf.f_blocks * (unsigned long long)sf.f_bsize);
	printf("\n");
}

static void print_limit(const char *name, int resource)
{
	struct rlimit rl;

	if (getrlimit(resource, &rl) != 0)
		return;
	if (rl.rlim_cur == RLIM_INFINITY)
		printf(" %s=unlimited", name);
	else
		printf(" %s=%llu", name, (unsigned long long)rl.rlim_cur);
}

static void report(void)
{
	printf("uid=%d gid=%d\n", (int)getuid(), (int)getgid());
	list_dir("root", "/");
	list_dir("tmp", "/tmp");
	printf("limits:");
	print_limit("nproc", RLIMIT_NPROC);
	print_limit("fsize", RLIMIT_FSIZE);
	print_limit("core", RLIMIT_CORE);
	print_limit("nofile", RLIMIT_NOFILE);
	print_limit("cpu", RLIMIT_CPU);
	print_limit("as", RLIMIT_AS);
	printf("\nno_new_privs=%d\n", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
}

/* A fork bomb that cleans up after itself. */
static void try_fork(void)
{
	static pid_t kids[MAX_CHILDREN];
	int n = 0, err = 0;

	while (n < MAX_CHILDREN) {
		pid_t p = fork();

		if (p < 0) {
			err = errno;
			break;
		}
		if (p == 0) {
			pause();
			_exit(0);
		}
		kids[n++] = p;
	}
	for (int i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	for (int i = 0; i < n; i++)
		while (waitpid(kids[i], NULL, 0) < 0 && errno == EINTR)
			;
	printf("fork: %d children, then %s\n", n,
	    err != 0 ? strerror(err) : "stopped by the program");
}

static void try_fill(void)
{
	static char buf[65536];
	unsigned long long total = 0;
	int fd, err = 0;

	signal(SIGXFSZ, SIG_IGN);
	fd = open("/tmp/fill", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		printf("fill: %s\n", strerror(errno));
		return;
	}
	for (;;) {
		ssize_t w = write(fd, buf, sizeof(buf));

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			err = w < 0 ? errno : ENOSPC;
			break;
		}
		total += (unsigned long long)w;
	}
	close(fd);
	unlink("/tmp/fill");
	printf("fill: %llu bytes, then %s\n", total, strerror(err));
}

int main(void)
{
	char line[256];

	setvbuf(stdout, NULL, _IOLBF, 0);
	report();
	for (;;) {
		printf("> ");
		fflush(stdout);
		if (fgets(line, sizeof(line), stdin) == NULL)
			break;
		line[strcspn(line, "\r\n")] = '\0';
		if (strcmp(line, "fork") == 0) {
			try_fork();
		} else if (strcmp(line, "fill") == 0) {
			try_fill();
		} else if (strcmp(line, "hang") == 0) {
			printf("hang: waiting for max_duration\n");
			for (;;)
				pause();
		} else if (strcmp(line, "quit") == 0) {
			break;
		} else if (line[0] != '\0') {
			printf("commands: fork fill hang quit\n");
		}
	}
	return 0;
}
