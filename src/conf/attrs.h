/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * attrs.h: the attribute table. One row per xinetd.conf attribute says
 * where it may appear, which operators it takes, how many values, and which
 * function turns the values into typed fields (OpenSSH servconf's habit).
 * The parser, the man-page test, the check mode and the effective-config
 * dump (--dump-config, -d) all read this table.
 */
#ifndef XINETD_ATTRS_H
#define XINETD_ATTRS_H

#include <stdbool.h>
#include <stddef.h>

#include "conf/conf.h"

enum attr_op {
	OP_SET,
	OP_ADD,
	OP_SUB,
};

/* where */
enum {
	AW_SERVICE = 1 << 0,
	AW_DEFAULTS = 1 << 1,
	/*
	 * Not in xinetd at all: an xinetd-ng extension, which xinetd logs as
	 * "bad service attribute" and ignores, so --check names the ones a
	 * service uses (the sandbox would be lost under xinetd).
	 */
	AW_EXTENSION = 1 << 2,
};

/* ops */
enum {
	AO_LIST = 1 << 0,	/* += and -= edit a list; '=' in defaults adds */
	AO_ADD_ONLY = 1 << 1,	/* += appends, -= is an error (env) */
};

#define ATTR_ANY (-1)

struct attr_def;

struct attr_ctx {
	const struct attr_def *def;
	struct svc_conf *sc;
	bool in_defaults;
	enum attr_op op;
	char **v;
	int n;
	const char *file;
	unsigned line;
	void (*report)(void *arg, int level, const char *file, unsigned line,
	    const char *msg);
	void *arg;
};

struct attr_def {
	const char *name;
	enum attr_id id;
	unsigned where;
	unsigned ops;
	int min, max;		/* number of values; max ATTR_ANY = no limit */
	int (*parse)(struct attr_ctx *c);	/* 0, or -1 after reporting */
	/*
	 * The dump column (--dump-config, -d): append this attribute's
	 * values for a validated service to out and return true, or return
	 * false to leave the line out (unset, or written by another row with
	 * the same id). Reading the line back must give the same value.
	 */
	bool (*dump)(const struct svc_conf *sc, struct strvec *out);
};

extern const struct attr_def attr_table[];
extern const size_t attr_table_len;

const struct attr_def *attr_lookup(const char *name);
const char *attr_name(enum attr_id id);

/* Report through the context's callback, with its file and line. */
void attr_report(struct attr_ctx *c, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * The checks that wait for the end of an entry (its '}', or the end of an
 * inetd.conf line), because a later line can change them: a server path
 * that the real root lacks is looked for inside a chroot given after it.
 * Returns true, or false after reporting through report with *line set
 * to the line of the value that failed.
 */
bool attr_entry_end(struct svc_conf *sc,
    void (*report)(void *arg, int level, const char *file, unsigned line,
    const char *msg), void *arg, unsigned *line);

/*
 * /etc/protocols by name, -1 if unknown. It and the user look-ups of
 * "user" remember their last answer for the load under way;
 * attr_lookups_forget, at the start of each load, makes a reload read the
 * files as they are then.
 */
int attr_protocol_number(const char *name);
void attr_lookups_forget(void);

/* A syslog facility by name, for -syslog. */
int attr_facility_value(const char *name);	/* -1 if unknown */

#endif
