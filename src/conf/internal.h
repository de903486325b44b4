/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * internal.h: what the readers of the configuration (parse.c, inetd.c,
 * validate.c) share; the model's part is in svcconf.c. Not for the daemon.
 */
#ifndef XINETD_CONF_INTERNAL_H
#define XINETD_CONF_INTERNAL_H

#include "conf/conf.h"

/* Was attribute a given in the entry (or filled in as if it had been)? */
static inline bool conf_given(const struct svc_conf *sc, enum attr_id a)
{
	return (sc->specified & ABIT(a)) != 0;
}

struct conf_report {
	void (*fn)(void *arg, int level, const char *file, unsigned line,
	    const char *msg);
	void *arg;
};

void conf_reportf(const struct conf_report *r, int level, const char *file,
    unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Copy what a new entry inherits when it starts (reference 1.6 (a)). */
void conf_snapshot_defaults(struct svc_conf *sc, const struct svc_conf *def);
/* Fill what the entry left unset after all files (reference 1.6 (b)). */
void conf_fill_defaults(struct svc_conf *sc, const struct svc_conf *def);
/*
 * Required attributes, inference and /etc/services checks
 * (reference 1.7, 1.8, 3).
 */
bool conf_validate(struct svc_conf *sc, const struct conf_report *r);

/* Interned copy of a file name, owned by cs, for locations. */
const char *conf_intern(struct conf_set *cs, const char *s);

/*
 * -inetd_compat: append the services of the inetd.conf at path, except
 * those whose id an xinetd entry (even a disabled one) already used.
 */
void conf_read_inetd(struct conf_set *cs, const char *path,
    const char *file, const struct strvec *xinetd_ids,
    const struct conf_report *rep);

#endif
