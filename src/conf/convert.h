/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * convert.h: --convert-inetd, inetd.conf lines rewritten as xinetd.conf
 * service entries, offline: plain text in, text out. Nothing is looked
 * up (users, groups, programs, /etc/services), so a file from another
 * machine converts here; "xinetd --check" on the result, on the machine
 * that will run it, does the look-ups (xinetd.8, CONVERTING INETD.CONF).
 */
#ifndef XINETD_CONVERT_H
#define XINETD_CONVERT_H

#include <stdio.h>

/* Standard input in messages and in the comment before each entry. */
#define CONVERT_STDIN_NAME "(stdin)"

struct convert_opts {
	/* where tcpd's programs without a '/' live (itox's -daemon_dir) */
	const char *daemon_dir;
	/* one file per service, named by its id; NULL: everything on out */
	const char *out_dir;
};

/*
 * Convert every entry of in (called name in messages) and write the
 * entries on out, or into o->out_dir. Each line that is not converted is
 * reported on err as "NAME:LINE: reason" and the others are converted
 * anyway. Returns the number of lines not converted, or -1 when out (or
 * the directory) cannot be written, reported on err too.
 */
int conf_convert(FILE *in, const char *name, const struct convert_opts *o,
    FILE *out, FILE *err);

/*
 * The command line after --convert-inetd: [-daemon_dir DIR] [-o DIR]
 * [FILE|-]. Returns the exit status: 0 when every entry was converted, 1
 * on a usage error or any line not converted.
 */
int conf_convert_main(int argc, char **argv, FILE *out, FILE *err);

#endif
