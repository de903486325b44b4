/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * inetd.c: -inetd_compat, entries of /etc/inetd.conf as services
 * (reference 9.3). Each field goes through the attribute table, so the
 * values are checked exactly as in xinetd.conf; messages start with
 * "inetd.conf - " as xinetd's do.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>

#include "conf/attrs.h"
#include "conf/internal.h"
#include "conf/lex.h"

struct inetd_line {
	const struct conf_report *rep;
	struct svc_conf *sc;
	const char *file;
	unsigned line;
};

static void prefixed(void *arg, int level, const char *file, unsigned line,
    const char *msg)
{
	const struct conf_report *rep = arg;

	conf_reportf(rep, level, file, line, "inetd.conf - %s", msg);
}

/* Set one attribute from values, as a service entry's line would. */
static bool set_attr(struct inetd_line *il, const char *name, char **v,
    int n)
{
	const struct attr_def *def = attr_lookup(name);
	struct attr_ctx c = {
		.def = def, .sc = il->sc, .op = OP_SET, .v = v, .n = n,
		.file = il->file, .line = il->line, .report = prefixed,
		.arg = (void *)il->rep,
	};

	if (def->parse(&c) < 0) {
		il->sc->broken = true;
		return false;
	}
	il->sc->specified |= ABIT(def->id);
	return true;
}

static bool set1(struct inetd_line *il, const char *name, const char *value)
{
	char *v = (char *)value;

	return set_attr(il, name, &v, 1);
}

/*
 * "tcp", "udp", "rpc/tcp"; tcp6/udp6 mean IPv6 only and tcp4/udp4 IPv4
 * only, as in other inetds (xinetd rejected them).
 */
static void set_protocol(struct inetd_line *il, const char *proto)
{
	char base[16];
	size_t len;

	if (strncasecmp(proto, "rpc/", 4) == 0) {
		il->sc->type |= SVC_T_RPC;
		proto += 4;
	}
	len = strlen(proto);
	if (len > 0 && len < sizeof(base) &&
	    (proto[len - 1] == '4' || proto[len - 1] == '6')) {
		memcpy(base, proto, len - 1);
		base[len - 1] = '\0';
		if (proto[len - 1] == '4')
			il->sc->flags |= SVC_F_IPV4;
		else if (set1(il, "v6only", "yes"))
			il->sc->flags |= SVC_F_IPV6;
		proto = base;
	}
	set1(il, "protocol", proto);
}

/* "wait", "nowait", with an optional ".max" that xinetd never knew. */
static void set_wait(struct inetd_line *il, char *w)
{
	char *dot = strchr(w, '.');

	if (dot != NULL) {
		conf_reportf(il->rep, LOG_WARNING, il->file, il->line,
		    "inetd.conf - the limit in %s is ignored", w);
		*dot = '\0';
	}
	if (strcasecmp(w, "wait") == 0)
		set1(il, "wait", "yes");
	else if (strcasecmp(w, "nowait") == 0)
		set1(il, "wait", "no");
	else {
		conf_reportf(il->rep, LOG_ERR, il->file, il->line,
		    "inetd.conf - Bad value for wait: %s", w);
		il->sc->broken = true;
	}
}

/* "user", "user.group" or "user:group". */
static void set_user(struct inetd_line *il, char *u)
{
	char *sep = strpbrk(u, ".:");

	if (sep != NULL) {
		*sep = '\0';
		set1(il, "group", sep + 1);
	}
	set1(il, "user", u);
}

static struct svc_conf *entry(struct lex *lx, struct conf_set *cs,
    const struct conf_report *rep)
{
	struct svc_conf *sc = xmalloc(sizeof(*sc));
	struct inetd_line il = {
		.rep = rep, .sc = sc, .file = lx->file, .line = lx->line,
	};
	char **t = lx->tok;
	char *slash = strchr(t[0], '/');

	svc_conf_init(sc);
	sc->file = lx->file;
	sc->line = lx->line;
	conf_snapshot_defaults(sc, &cs->defaults);
	sc->flags = SVC_F_REUSE | SVC_F_NAMEINARGS | SVC_F_NOLIBWRAP;
	sc->groups = true;
	sc->specified |= ABIT(A_FLAGS) | ABIT(A_GROUPS);
	if (slash != NULL)
		*slash = '\0';
	sc->name = xstrdup(t[0]);

	set1(&il, "socket_type", t[1]);
	set_protocol(&il, t[2]);
	if ((sc->type & SVC_T_RPC) && slash != NULL) {
		set1(&il, "rpc_version", slash + 1);
	}
	set_wait(&il, t[3]);
	set_user(&il, t[4]);
	if (strcmp(t[5], "internal") == 0) {
		sc->type |= SVC_T_INTERNAL;
		sc->flags &= ~(unsigned)SVC_F_NAMEINARGS;
		/* xinetd named every one "-dgram" (reference 9.3): fixed. */
		sc->id = xasprintf("%s-%s", sc->name, t[1]);
	} else {
		set1(&il, "server", t[5]);
		if (lx->ntok > 6) {
			set_attr(&il, "server_args", &t[6], lx->ntok - 6);
		} else {
			/* argv[0]: the last part of the path, if it has one. */
			const char *base = strrchr(t[5], '/');
			set1(&il, "server_args",
			    base != NULL && base[1] != '\0' ? base + 1 : t[5]);
		}
		sc->id = xstrdup(sc->name);
	}
	sc->specified |= ABIT(A_ID);
	/* No chroot here: a missing server is refused at once. */
	unsigned bad_line;
	if (!attr_entry_end(sc, prefixed, (void *)rep, &bad_line))
		sc->broken = true;
	return sc;
}

static bool listed(const struct strvec *ids, const char *id)
{
	for (size_t i = 0; i < ids->n; i++)
		if (strcasecmp(ids->v[i], id) == 0)
			return true;
	return false;
}

void conf_read_inetd(struct conf_set *cs, const char *path,
    const char *file, const struct strvec *xinetd_ids,
    const struct conf_report *rep)
{
	struct lex lx;

	if (lex_open(&lx, path, file) < 0)
		return;		/* no inetd.conf: nothing to add */
	while (lex_next(&lx)) {
		struct svc_conf *sc;

		if (lx.ntok < 6) {
			conf_reportf(rep, LOG_ERR, lx.file, lx.line,
			    "inetd.conf - too few fields (%d, at least 6 needed)",
			    lx.ntok);
			continue;
		}
		sc = entry(&lx, cs, rep);
		/*
		 * Any xinetd entry with the same id, even a disabled one,
		 * hides the inetd.conf line: the admin has taken it over.
		 */
		if (sc->broken || listed(xinetd_ids, sc->id)) {
			if (!sc->broken)
				conf_reportf(rep, LOG_DEBUG, lx.file, lx.line,
				    "inetd.conf - service %s is hidden by an xinetd entry with the same id",
				    sc->id);
			svc_conf_free(sc);
			free(sc);
			continue;
		}
		conf_reportf(rep, LOG_DEBUG, lx.file, lx.line,
		    "added service %s", sc->name);
		cs->svcs = xreallocarray(cs->svcs, cs->nsvcs + 1,
		    sizeof(*cs->svcs));
		cs->svcs[cs->nsvcs++] = sc;
	}
	lex_close(&lx);
}
