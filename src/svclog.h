/*
 * svclog.h: per-service logs (START/EXIT/FAIL lines, reference section 8.2
 * and 8.3) to syslog or to a file with optional size limits.
 */
#ifndef XINETD_SVCLOG_H
#define XINETD_SVCLOG_H

#include <stdint.h>

#include "conf/conf.h"

struct svclog;

/* NULL when the target is LOGT_NONE; never fails (errors are logged). */
struct svclog *svclog_open(const struct log_target *t);
struct svclog *svclog_ref(struct svclog *l);
void svclog_unref(struct svclog *l);

/* id names the service in the program log if the file hits its limit. */
void svclog_write(struct svclog *l, const char *id, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
