/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * options.c: xinetd's single-dash options, table-driven. Unknown options
 * are ignored as xinetd ignores them (init scripts pass ones that vanished
 * long ago, e.g. Debian's -inetd_ipv6), but unlike xinetd we say so. The
 * double-dash options are xinetd-ng's own (--check, --dump-config).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "conf/attrs.h"
#include "options.h"
#include "util.h"

enum opt_arg {
	ARG_NONE,
	ARG_STRING,
	ARG_REST,	/* the rest of the command line is the option's own */
};

struct opt_def {
	const char *name;
	enum opt_arg arg;
	int (*set)(struct options *o, const char *val);
};

static int set_conf(struct options *o, const char *v)
{
	o->conf_file = v;
	return 0;
}

static int set_pidfile(struct options *o, const char *v)
{
	o->pidfile = v;
	return 0;
}

static int set_filelog(struct options *o, const char *v)
{
	o->filelog = v;
	return 0;
}

static int set_syslog(struct options *o, const char *v)
{
	int fac = attr_facility_value(v);

	o->syslog_given = true;
	if (fac < 0) {
		/* xinetd logs this and carries on with daemon (reference 6.1). */
		fprintf(stderr, "xinetd: Bad syslog facility: %s\n", v);
		fac = LOG_DAEMON;
	}
	o->syslog_facility = fac;
	return 0;
}

static int set_debug(struct options *o, const char *v)
{
	(void)v;
	o->debug = true;
	return 0;
}

static int set_dontfork(struct options *o, const char *v)
{
	(void)v;
	o->dontfork = true;
	o->stayalive = true;
	return 0;
}

static int set_stayalive(struct options *o, const char *v)
{
	(void)v;
	o->stayalive = true;
	return 0;
}

static int set_version(struct options *o, const char *v)
{
	(void)v;
	o->version = true;
	return 0;
}

static int set_limit(struct options *o, const char *v)
{
	return parse_long(v, 0, 1000000000L, &o->limit) ? 0 : -1;
}

static int no_effect(struct options *o, const char *v)
{
	(void)o;
	(void)v;
	return 0;
}

static int deprecated_shutdownprocs(struct options *o, const char *v)
{
	(void)o;
	(void)v;
	fprintf(stderr, "The shutdownprocs option has been deprecated.\n");
	return 0;
}

static int set_inetd_compat(struct options *o, const char *v)
{
	(void)v;
	if (o->inetd_conf == NULL)
		o->inetd_conf = "/etc/inetd.conf";
	return 0;
}

/* --inetd-conf FILE: -inetd_compat with another file (an extension). */
static int set_inetd_conf(struct options *o, const char *v)
{
	o->inetd_conf = v;
	return 0;
}

/* -cc SECONDS: periodic consistency check; negative is a usage error. */
static int set_cc(struct options *o, const char *v)
{
	return parse_long(v, 0, 1000000000L, &o->cc_interval) ? 0 : -1;
}

static int set_check(struct options *o, const char *v)
{
	(void)v;
	o->check = true;
	return 0;
}

static int set_dump_config(struct options *o, const char *v)
{
	(void)v;
	o->check = true;
	o->dump_config = true;
	return 0;
}

static int set_export_systemd(struct options *o, const char *v)
{
	o->export_dir = v;
	return 0;
}

static int set_convert_inetd(struct options *o, const char *v)
{
	(void)v;
	o->convert_inetd = true;
	return 0;
}

static int set_logprocs(struct options *o, const char *v)
{
	long n;

	if (!parse_long(v, 0, 100000L, &n))
		return -1;
	o->logprocs = (unsigned)n;
	return 0;
}

static const struct opt_def opt_table[] = {
	{ "d", ARG_NONE, set_debug },
	{ "f", ARG_STRING, set_conf },
	{ "filelog", ARG_STRING, set_filelog },
	{ "syslog", ARG_STRING, set_syslog },
	{ "pidfile", ARG_STRING, set_pidfile },
	{ "dontfork", ARG_NONE, set_dontfork },
	{ "stayalive", ARG_NONE, set_stayalive },
	{ "limit", ARG_STRING, set_limit },
	{ "version", ARG_NONE, set_version },
	{ "reuse", ARG_NONE, no_effect },
	{ "shutdownprocs", ARG_STRING, deprecated_shutdownprocs },
	{ "logprocs", ARG_STRING, set_logprocs },
	{ "cc", ARG_STRING, set_cc },
	{ "inetd_compat", ARG_NONE, set_inetd_compat },
};

/*
 * xinetd-ng extensions. xinetd has no double-dash options, so these names
 * cannot collide with its; an unknown one is a usage error rather than
 * ignored, so a mistyped "--check" never starts a daemon instead.
 */
static const struct opt_def long_table[] = {
	{ "check", ARG_NONE, set_check },
	{ "convert-inetd", ARG_REST, set_convert_inetd },
	{ "dump-config", ARG_NONE, set_dump_config },
	{ "export-systemd", ARG_STRING, set_export_systemd },
	{ "inetd-conf", ARG_STRING, set_inetd_conf },
};

static const struct opt_def *find_opt(const struct opt_def *t, size_t n,
    const char *name)
{
	for (size_t k = 0; k < n; k++)
		if (strcmp(name, t[k].name) == 0)
			return &t[k];
	return NULL;
}

static void usage(const char *prog)
{
	fprintf(stderr,
	    "Usage: %s [-d] [-f config_file] [-filelog file | -syslog facility]\n"
	    "       [-pidfile file] [-dontfork] [-stayalive] [-limit N] [-cc seconds]\n"
	    "       [-inetd_compat | --inetd-conf file] [-logprocs N] [-version]\n"
	    "       %s --check | --dump-config [-f config_file]\n"
	    "       %s --export-systemd dir [-f config_file]\n"
	    "       %s --convert-inetd [-daemon_dir dir] [-o dir] [file]\n",
	    prog, prog, prog, prog);
}

int options_parse(struct options *o, int argc, char **argv)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->conf_file = SYSCONFDIR "/xinetd.conf";
	o->syslog_facility = LOG_DAEMON;
	o->logprocs = 15;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const struct opt_def *d = NULL;

		if (arg[0] != '-' || arg[1] == '\0')
			break;
		if (arg[1] == '-' && arg[2] != '\0') {
			d = find_opt(long_table, sizeof(long_table) /
			    sizeof(long_table[0]), arg + 2);
			if (d == NULL) {
				fprintf(stderr, "%s: unknown option %s\n",
				    argv[0], arg);
				usage(argv[0]);
				return -1;
			}
		} else {
			d = find_opt(opt_table, sizeof(opt_table) /
			    sizeof(opt_table[0]), arg + 1);
		}
		if (d == NULL) {
			fprintf(stderr, "%s: ignoring unknown option %s\n",
			    argv[0], arg);
			continue;
		}
		const char *val = NULL;
		if (d->arg == ARG_STRING) {
			if (i + 1 >= argc) {
				usage(argv[0]);
				return -1;
			}
			val = argv[++i];
		}
		if (d->set(o, val) < 0) {
			usage(argv[0]);
			return -1;
		}
		if (d->arg == ARG_REST) {
			o->rest = &argv[i + 1];
			o->nrest = argc - i - 1;
			return 0;
		}
	}
	if (i < argc || (o->filelog != NULL && o->syslog_given)) {
		usage(argv[0]);
		return -1;
	}
	return 0;
}
