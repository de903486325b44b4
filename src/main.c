/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * main.c: start-up order, daemonising, pidfile and the main loop
 * (reference 4.0, 6 and 7).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "activation.h"
#include "checker.h"
#include "checkerd.h"
#include "compat.h"
#include "conf/conf.h"
#include "conf/convert.h"
#include "conf/dump.h"
#include "conf/export.h"
#include "journal.h"
#include "log.h"
#include "loop.h"
#include "notify.h"
#include "options.h"
#include "relay.h"
#include "request.h"
#include "service.h"
#include "session.h"
#include "srvenv.h"
#include "status.h"
#include "svcdump.h"
#include "util.h"
#include "vspawn.h"

extern char **environ;

/* What -version and the start-up line report; scripts read the first word. */
#define VERSION_TEXT PACKAGE_NAME " " PACKAGE_VERSION \
	" (xinetd " XINETD_COMPAT_VERSION " compatible)"

/* Optional features built in, in xinetd's "options compiled in" list. */
#ifdef HAVE_LIBWRAP
#define OPT_LIBWRAP "libwrap "
#else
#define OPT_LIBWRAP ""
#endif
#ifdef HAVE_SYSTEMD
#define OPT_SYSTEMD " systemd"
#else
#define OPT_SYSTEMD ""
#endif
#ifdef HAVE_RPC
#define OPT_RPC " rpc"
#else
#define OPT_RPC ""
#endif
#define COMPILED_OPTIONS OPT_LIBWRAP "loadavg" OPT_SYSTEMD OPT_RPC

/* Fixed, as xinetd has it: init scripts' "status" prints this file. */
#define DUMP_FILE "/var/run/xinetd.dump"

static struct options opts;
static char *conf_path;
static int exit_code;
static bool quitting;

static void conf_diag(void *arg, int level, const char *file, unsigned line,
    const char *msg)
{
	(void)arg;
	if (file != NULL)
		log_msg(level, "%s:%u: %s", file, line, msg);
	else
		log_msg(level, "%s", msg);
}

/*
 * Resolved once: xinetd chdirs to / and then could not reload
 * (reference 1.5).
 */
static void resolve_conf_path(const char *given)
{
	char cwd[PATH_MAX];

	if (given[0] == '/' || getcwd(cwd, sizeof(cwd)) == NULL)
		conf_path = xstrdup(given);
	else
		conf_path = xasprintf("%s/%s", cwd, given);
}

/*
 * Descriptors inherited from whoever started us are not ours to pass on;
 * those below lowfd were passed by systemd (activation.c).
 */
static void sanitize_fds(int lowfd)
{
	int fd;

	closefrom(lowfd);
	fd = open("/dev/null", O_RDWR);
	if (fd < 0)
		return;
	(void)dup2(fd, STDIN_FILENO);
	(void)dup2(fd, STDOUT_FILENO);
	if (fcntl(STDERR_FILENO, F_GETFD) < 0)
		(void)dup2(fd, STDERR_FILENO);
	if (fd > STDERR_FILENO)
		close(fd);
}

/*
 * Every service holds a descriptor: take the whole hard limit so thousands
 * of services fit (xinetd stopped near the soft limit).
 */
static void raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static void daemonize(void)
{
	pid_t pid = fork();
	int fd;

	if (pid < 0) {
		log_crit("fork: %s. Exiting...", log_strerror(errno));
		exit(0);
	}
	if (pid > 0)
		_exit(0);
	(void)setsid();
	fd = open("/dev/null", O_WRONLY);
	if (fd >= 0) {
		(void)dup2(fd, STDERR_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
}

static void write_pidfile(void)
{
	char buf[32];
	int fd, n;

	if (opts.pidfile == NULL)
		return;
	/*
	 * A new file, never through a link: a pidfile that could not be
	 * removed (or was put back meanwhile) is not written to, wherever it
	 * might point.
	 */
	(void)unlink(opts.pidfile);
	fd = open(opts.pidfile,
	    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0) {
		log_msg(LOG_ERR, "unable to open pidfile %s: %s", opts.pidfile,
		    log_strerror(errno));
		return;
	}
	(void)fchmod(fd, 0644);	/* 0644 whatever the umask (reference 9.1) */
	n = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	if (write(fd, buf, (size_t)n) != n)
		log_msg(LOG_ERR, "unable to write pidfile %s: %s",
		    opts.pidfile, log_strerror(errno));
	close(fd);
}

static void remove_pidfile(void)
{
	if (opts.pidfile != NULL)
		(void)unlink(opts.pidfile);
}

static void __attribute__((noreturn)) finish(int code);

/* SIGUSR1: appended to xinetd's fixed dump file (reference 9.2). */
static void write_state_dump(void)
{
	char when[64];
	time_t now = time(NULL);
	int fd;
	FILE *fp;

	fd = open(DUMP_FILE, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0 || (fp = fdopen(fd, "a")) == NULL) {
		log_msg(LOG_ERR, "unable to open dump file %s: %s", DUMP_FILE,
		    log_strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	strftime(when, sizeof(when), "%a %b %e %H:%M:%S %Y", localtime(&now));
	fprintf(fp, "INTERNAL STATE DUMP: %s\nCurrent time: %s\n\n",
	    VERSION_TEXT, when);
	svcdump_write(fp);
	fprintf(fp, "config_file = %s\n\nEND OF DUMP\n\n", conf_path);
	fclose(fp);
	log_msg(LOG_INFO, "generated state dump in file %s", DUMP_FILE);
}

static struct conf_set *read_config(void);

/*
 * SIGHUP: read everything again; only a configuration that loads replaces
 * the running one, and then service by service (reference 7.1).
 */
static void reconfigure(void)
{
	struct svc_counts counts;
	struct conf_set *cs;
	const char *why;
	unsigned n;

	journal_probe();
	log_msg(LOG_NOTICE, "Starting reconfiguration");
	notify_reloading();
	cs = read_config();
	if (cs == NULL || cs->fatal) {
		why = cs == NULL ? "the configuration file cannot be read" :
		    "errors in the defaults section";
		conf_free(cs);
		log_msg(LOG_WARNING, "reconfiguration failed");
		status_reload_rejected(why);
		return;
	}
	log_msg(LOG_NOTICE, "Swapping defaults");
	n = svc_configure(cs, &counts);
	conf_free(cs);
	log_msg(LOG_NOTICE, "Reconfigured: new=%u old=%u dropped=%u (services)",
	    counts.started, counts.kept, counts.dropped);
	if (n == 0 && !opts.stayalive) {
		log_crit("No available services. Exiting");
		finish(1);
	}
	status_ready();
}

/*
 * SIGABRT reports either way (reference 7); the -cc timer only speaks up
 * when something is wrong.
 */
static void consistency_check(bool report_success)
{
	unsigned errors = svcdump_consistency_errors();

	if (errors > 0)
		log_msg(LOG_WARNING, "Consistency check detected %u errors",
		    errors);
	else if (report_success)
		log_msg(LOG_INFO, "Consistency check passed");
}

static void on_cc_timer(struct loop_timer *t)
{
	consistency_check(false);
	loop_timer_arm(t, (uint64_t)opts.cc_interval * 1000);
}

static void on_signal(struct loop_watch *w, uint32_t events)
{
	struct signalfd_siginfo si;

	(void)events;
	while (read(w->fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		switch (si.ssi_signo) {
		case SIGCHLD:
			svc_reap();
			break;
		case SIGTERM:
			svc_stop_own_servers();
			quitting = true;
			break;
		case SIGQUIT:
			quitting = true;
			break;
		case SIGINT:
			/* Only an interactive -d session ends on ^C (reference 7). */
			if (opts.debug) {
				quitting = true;
				exit_code = 1;
			}
			break;
		case SIGHUP:
		case SIGUSR2:
			reconfigure();
			break;
		case SIGUSR1:
			write_state_dump();
			break;
		case SIGABRT:
			consistency_check(true);
			break;
		default:
			break;	/* caught and ignored, as xinetd does */
		}
	}
}

/*
 * Signals arrive through a signalfd, so no handler ever interrupts the
 * daemon mid-update; the child restores the defaults before exec.
 */
static int setup_signals(struct loop_watch *w)
{
	static const int handled[] = {
		SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGTERM,
		SIGCHLD, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGWINCH,
		SIGIO, SIGPWR, SIGSTKFLT, SIGURG, SIGABRT,
	};
	sigset_t set;
	int fd;

	sigemptyset(&set);
	for (size_t i = 0; i < sizeof(handled) / sizeof(handled[0]); i++)
		sigaddset(&set, handled[i]);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -errno;
	(void)signal(SIGPIPE, SIG_IGN);
	if (!opts.debug) {
		(void)signal(SIGTSTP, SIG_IGN);
		(void)signal(SIGTTIN, SIG_IGN);
		(void)signal(SIGTTOU, SIG_IGN);
	}
	fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	w->fn = on_signal;
	return loop_add(w, fd, EPOLLIN);
}

static void __attribute__((noreturn)) finish(int code)
{
	notify_stopping();
	log_msg(LOG_WARNING, "Exiting...");
	svc_stop_all();
	activation_free();
	status_stop();
	remove_pidfile();
	srvenv_free();
	free(conf_path);
	loop_fini();
	log_close();
	exit(code);
}

/*
 * -d: the parsed service table as an admin needs it, one DEBUG line per
 * line of the --dump-config text, before anything is bound.
 */
static void log_effective_config(const struct conf_set *cs)
{
	struct strvec lines = { 0 };

	conf_dump(cs, conf_path, &lines);
	for (size_t i = 0; i < lines.n; i++)
		if (lines.v[i][0] != '\0')
			log_msg(LOG_DEBUG, "%s", lines.v[i]);
	strvec_clear(&lines);
}

/*
 * Read the whole configuration, start-up and reload alike; NULL (logged)
 * when the main file cannot be read. With -d the result is logged too.
 */
static struct conf_set *read_config(void)
{
	struct conf_opts copts = {
		.diag = conf_diag, .inetd_conf = opts.inetd_conf,
	};
	struct conf_set *cs;
	int err;

	cs = conf_load(conf_path, &copts, &err);
	if (cs == NULL) {
		log_msg(LOG_ERR, "open( %s ) failed: %s", conf_path,
		    log_strerror(err));
		return NULL;
	}
	if (opts.debug && !cs->fatal)
		log_effective_config(cs);
	return cs;
}

static struct conf_set *load_config(void)
{
	struct conf_set *cs = read_config();

	if (cs == NULL) {
		log_crit("couldn't get configuration. Exiting...");
		remove_pidfile();
		exit(1);
	}
	if (cs->fatal) {
		/* xinetd exits 0 here; a failure must look like one (reference 11). */
		conf_free(cs);
		finish(1);
	}
	return cs;
}


/* The program log, as the command line chose it (reference 6.1). */
static int open_program_log(const char *argv0)
{
	enum log_dest dest = opts.filelog ? LOG_TO_FILE :
	    opts.debug ? LOG_TO_STDERR : LOG_TO_SYSLOG;
	int r = log_init(argv0, dest, opts.filelog, opts.syslog_facility);

	if (r < 0) {
		fprintf(stderr, "%s: msg_init failed: can't open log file %s: %s\n",
		    argv0, opts.filelog, strerror(-r));
		return -1;
	}
	log_set_debug(opts.debug);
	return 0;
}

/* Everything before the first read of the configuration. */
static void start_up(char *argv0, struct loop_watch *sigwatch)
{
	int r;

	journal_probe();
	if (open_program_log(argv0) < 0)
		exit(1);
	mode_t old = umask(022);
	umask(old | 022);
	srvenv_capture(environ);
	status_init();
	raise_fd_limit();
	resolve_conf_path(opts.conf_file);
	request_set_process_limit(opts.limit);
	request_set_logprocs(opts.logprocs);

	if (!opts.debug && !opts.dontfork)
		daemonize();
	if ((r = loop_init()) < 0 || (r = setup_signals(sigwatch)) < 0) {
		log_crit("unable to set up the event loop: %s. Exiting...",
		    log_strerror(-r));
		exit(1);
	}
	status_start();
	write_pidfile();
	vspawn_init();
	session_init();
	relay_init();
	checker_init();
}

/* Bind what the configuration asks for and say we are ready. */
static void start_services(void)
{
	struct conf_set *cs = load_config();
	struct svc_counts counts;
	unsigned n = svc_configure(cs, &counts);

	conf_free(cs);
	if (n == 0 && !opts.stayalive) {
		log_crit("no services. Exiting...");
		finish(1);
	}
	if (chdir("/") < 0)
		log_msg(LOG_ERR, "unable to chdir to /: %s", log_strerror(errno));

	log_msg(LOG_NOTICE, "%s started with %s options compiled in.",
	    VERSION_TEXT, COMPILED_OPTIONS);
	log_msg(LOG_NOTICE, "Started working: %u available service%s", n,
	    n == 1 ? "" : "s");
	status_ready();
}

int main(int argc, char **argv)
{
	struct loop_watch sigwatch = { 0 };
	struct loop_timer cc_timer = { .fn = on_cc_timer };
	int r;

	/* An access checker the daemon started (checker.c), not a daemon. */
	if (argc == 2 && strcmp(argv[1], CHECKERD_OPTION) == 0)
		return checkerd_main(3);
	/* Parsing opens nothing, so it may come before sanitize_fds. */
	if (options_parse(&opts, argc, argv) < 0)
		return 1;
	/* --convert-inetd: text in, text out; nothing is looked up. */
	if (opts.convert_inetd)
		return conf_convert_main(opts.nrest, opts.rest, stdout, stderr);
	/* --export-systemd: read as --check does, then write units. */
	if (opts.export_dir != NULL && !opts.version)
		return conf_export_systemd(opts.conf_file, opts.inetd_conf,
		    opts.export_dir, stdout, stderr);
	/*
	 * --check / --dump-config: read and report, with stdout still the
	 * caller's; no log, fork, pidfile or socket (xinetd.8, OPTIONS).
	 */
	if (opts.check && !opts.version)
		return conf_check(opts.conf_file, opts.inetd_conf,
		    opts.dump_config, stdout, stderr);
	sanitize_fds(activation_init());
	if (opts.version) {
		fprintf(stderr, "%s %s\n", VERSION_TEXT, COMPILED_OPTIONS);
		return 0;
	}
	start_up(argv[0], &sigwatch);
	start_services();
	if (opts.cc_interval > 0)
		loop_timer_arm(&cc_timer, (uint64_t)opts.cc_interval * 1000);
	while (!quitting) {
		if ((r = loop_once(-1)) < 0) {
			log_crit("event loop failed: %s. Exiting...",
			    log_strerror(-r));
			finish(1);
		}
		svc_collect();
		status_poll();
	}
	finish(exit_code);
}
