/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * options.h: the xinetd command line (reference 6.1), plus the
 * xinetd-ng double-dash extensions.
 */
#ifndef XINETD_OPTIONS_H
#define XINETD_OPTIONS_H

#include <stdbool.h>

struct options {
	const char *conf_file;
	const char *pidfile;
	const char *filelog;
	int syslog_facility;
	bool syslog_given;
	bool debug;
	bool dontfork;
	bool stayalive;
	bool version;
	long limit;
	unsigned logprocs;	/* -logprocs: identd look-ups for refusals */
	long cc_interval;	/* -cc: seconds between consistency checks */
	const char *inetd_conf;	/* -inetd_compat / --inetd-conf FILE */
	bool check;		/* --check or --dump-config: no daemon */
	bool dump_config;	/* --dump-config */
	const char *export_dir;	/* --export-systemd DIR: no daemon */
	bool convert_inetd;	/* --convert-inetd ARGS...: no daemon */
	char **rest;		/* the ARGS of --convert-inetd */
	int nrest;
};

/*
 * Fill opts from argv. Returns 0, or -1 after printing the usage message
 * (the caller exits 1, as xinetd does).
 */
int options_parse(struct options *opts, int argc, char **argv);

#endif
