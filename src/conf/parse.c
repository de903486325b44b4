/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * parse.c: blocks, operators, include/includedir and the defaults rules of
 * xinetd.conf (reference 1.2-1.10). Values are handed to the
 * attribute table; this file only knows the shape of the language.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <syslog.h>

#include "conf/attrs.h"
#include "conf/internal.h"
#include "conf/lex.h"

/* Bounds nested include chains; loops are caught separately. */
#define MAX_INCLUDE_DEPTH 16

struct parser {
	struct conf_set *cs;
	const struct conf_opts *opts;
	struct conf_report rep;
	int depth;
	struct strvec ids;	/* every service entry's id, even disabled */
	struct {
		dev_t dev;
		ino_t ino;
	} stack[MAX_INCLUDE_DEPTH];
};

enum entry_end {
	ENTRY_OK,		/* closed by a lone '}' */
	ENTRY_DROPPED,		/* syntax error: reported, rest skipped */
	ENTRY_DISABLED,		/* disable = yes: silently discarded */
};

enum line_result {
	LINE_OK,
	LINE_SYNTAX,
	LINE_DISABLE,
};

static void count_and_forward(void *arg, int level, const char *file,
    unsigned line, const char *msg)
{
	struct parser *p = arg;

	if (level <= LOG_ERR)
		p->cs->errors++;
	else if (level == LOG_WARNING)
		p->cs->warnings++;
	if (p->opts != NULL && p->opts->diag != NULL)
		p->opts->diag(p->opts->arg, level, file, line, msg);
}

#define report(p, level, file, line, ...) \
	conf_reportf(&(p)->rep, level, file, line, __VA_ARGS__)

/* Lines until (and including) the next lone '}' belong to a bad entry. */
static void skip_to_close(struct lex *lx, bool check_current)
{
	if (check_current && lex_is(lx, "}"))
		return;
	while (lex_next(lx))
		if (lex_is(lx, "}"))
			return;
}

/* Problems the lexer noticed, once per file, at the line where they began. */
static void lex_warnings(struct parser *p, struct lex *lx)
{
	if (lx->cr_line != 0 && !lx->cr_reported) {
		lx->cr_reported = true;
		report(p, LOG_WARNING, lx->file, lx->cr_line,
		    "file has DOS (CRLF) line endings; the carriage returns are ignored");
	}
	if (lx->long_line != 0 && !lx->long_reported) {
		lx->long_reported = true;
		report(p, LOG_ERR, lx->file, lx->long_line,
		    "line longer than %d bytes; the rest of it is ignored",
		    LEX_LINE_MAX);
	}
	if (lx->nul_line != 0 && !lx->nul_reported) {
		lx->nul_reported = true;
		report(p, LOG_ERR, lx->file, lx->nul_line,
		    "line contains a NUL byte; the rest of the line is ignored");
	}
}

/* One attribute line's parts: NAME OP VALUE... */
struct attr_line {
	const char *who;		/* "defaults" or the service name */
	const char *name;
	enum attr_op op;
	char **v;
	int n;
	const struct attr_def *def;
};

#define line_report(p, lx, level, ...) \
	report(p, level, (lx)->file, (lx)->line, __VA_ARGS__)

/* NAME, the operator and where the values start; false: syntax error. */
static bool split_operator(struct parser *p, struct lex *lx,
    struct attr_line *al)
{
	char *name = lx->tok[0], *eq = strchr(name, '='), *opt, *rest;

	al->name = name;
	if (eq != NULL) {
		*eq = '\0';
		line_report(p, lx, LOG_ERR,
		    "Attribute %s needs a space before operator", name);
		return false;
	}
	if (lx->ntok < 2) {
		line_report(p, lx, LOG_ERR, "Nothing after attribute: %s", name);
		return false;
	}
	opt = lx->tok[1];
	if (strncmp(opt, "+=", 2) == 0 || strncmp(opt, "-=", 2) == 0) {
		al->op = opt[0] == '+' ? OP_ADD : OP_SUB;
		rest = opt + 2;
	} else if (opt[0] == '=') {
		al->op = OP_SET;
		rest = opt + 1;
	} else {
		line_report(p, lx, LOG_ERR, "Bad operator for attribute: %s",
		    name);
		return false;
	}
	/* "port =1234" is legal: the value may be glued to the operator. */
	if (*rest != '\0') {
		lx->tok[1] = rest;
		al->v = &lx->tok[1];
		al->n = lx->ntok - 1;
	} else {
		al->v = &lx->tok[2];
		al->n = lx->ntok - 2;
	}
	if (lx->too_many) {
		line_report(p, lx, LOG_ERR, "attribute %s has more than %d values",
		    name, LEX_MAX_TOKENS - 2);
		return false;
	}
	return true;
}

/*
 * Is the attribute known and allowed here, with this operator, and not
 * set already? Each "no" is a warning and the line is ignored (reference 1.7).
 */
static bool placement_ok(struct parser *p, struct lex *lx,
    const struct svc_conf *sc, bool is_defaults, struct attr_line *al)
{
	const struct attr_def *def = attr_lookup(al->name);
	bool list;

	if (def == NULL || (!is_defaults && !(def->where & AW_SERVICE))) {
		line_report(p, lx, LOG_WARNING, "bad service attribute: %s",
		    al->name);
		return false;
	}
	if (is_defaults && !(def->where & AW_DEFAULTS)) {
		line_report(p, lx, LOG_WARNING,
		    "attribute: %s should not be in default section", al->name);
		return false;
	}
	list = (def->ops & (AO_LIST | AO_ADD_ONLY)) != 0;
	if (al->op != OP_SET && !list) {
		line_report(p, lx, LOG_WARNING,
		    "Service %s: operator '%s' cannot be used for attribute '%s'",
		    al->who, al->op == OP_ADD ? "+=" : "-=", def->name);
		return false;
	}
	if (!list && (sc->specified & ABIT(def->id))) {
		line_report(p, lx, LOG_WARNING,
		    "Service %s: attribute already set: %s", al->who, def->name);
		return false;
	}
	al->def = def;
	return true;
}

enum count_check {
	COUNT_OK,
	COUNT_IGNORED,		/* warned; the line is ignored (reference 1.4) */
	COUNT_BAD,		/* an error: the entry is disabled */
};

static enum count_check value_count(struct parser *p, struct lex *lx,
    const struct attr_line *al)
{
	const struct attr_def *def = al->def;
	int n = al->n;

	if (al->op == OP_SUB && (def->ops & AO_ADD_ONLY)) {
		line_report(p, lx, LOG_ERR,
		    "Service %s: operator '-=' cannot be used for attribute '%s'",
		    al->who, def->name);
		return COUNT_BAD;
	}
	if (n < def->min && def->max == ATTR_ANY) {
		line_report(p, lx, LOG_ERR,
		    "attribute %s expects at least %d value and none was given.",
		    def->name, def->min);
		return COUNT_BAD;
	}
	if (n >= def->min && (def->max == ATTR_ANY || n <= def->max))
		return COUNT_OK;
	if (def->min == def->max)
		line_report(p, lx, LOG_WARNING,
		    "attribute %s expects %d values and %d values were specified",
		    def->name, def->min, n);
	else
		line_report(p, lx, LOG_WARNING,
		    "attribute %s expects %d to %d values and %d values were specified",
		    def->name, def->min, def->max, n);
	return COUNT_IGNORED;
}

/* A value that failed: the defaults are fatal, a service is dropped. */
static void value_failed(struct parser *p, struct lex *lx,
    struct svc_conf *sc, bool is_defaults, const struct attr_def *def)
{
	if (is_defaults) {
		line_report(p, lx, LOG_ERR,
		    "A fatal error was encountered while parsing the default section. xinetd will exit.");
		p->cs->fatal = true;
		return;
	}
	line_report(p, lx, LOG_ERR,
	    "Error parsing attribute %s - DISABLING SERVICE", def->name);
	sc->broken = true;
}

static enum line_result parse_attr_line(struct parser *p, struct lex *lx,
    struct svc_conf *sc, bool is_defaults)
{
	struct attr_line al = { .who = is_defaults ? "defaults" : sc->name };
	enum count_check cc;

	if (!split_operator(p, lx, &al))
		return LINE_SYNTAX;
	if (!placement_ok(p, lx, sc, is_defaults, &al))
		return LINE_OK;
	cc = value_count(p, lx, &al);
	if (cc == COUNT_IGNORED)
		return LINE_OK;
	if (cc == COUNT_OK) {
		struct attr_ctx c = {
			.def = al.def, .sc = sc, .in_defaults = is_defaults,
			.op = al.op, .v = al.v, .n = al.n, .file = lx->file,
			.line = lx->line, .report = count_and_forward, .arg = p,
		};
		if (al.def->parse(&c) < 0)
			cc = COUNT_BAD;
	}
	if (cc == COUNT_BAD) {
		value_failed(p, lx, sc, is_defaults, al.def);
		return LINE_OK;
	}
	sc->specified |= ABIT(al.def->id);
	if (al.def->id == A_DISABLE && sc->disable)
		return LINE_DISABLE;
	return LINE_OK;
}

/*
 * The entry's '{' must stand alone on the next line and its '}' alone on
 * the closing line (reference 1.2).
 */
static enum entry_end parse_entry(struct parser *p, struct lex *lx,
    struct svc_conf *sc, bool is_defaults)
{
	const char *label = is_defaults ? "defaults" : sc->name;

	if (!lex_next(lx) || !lex_is(lx, "{")) {
		report(p, LOG_ERR, lx->file, lx->line,
		    "Service %s: missing '{'", label);
		if (lx->ntok > 0)
			skip_to_close(lx, true);
		return ENTRY_DROPPED;
	}
	for (;;) {
		if (!lex_next(lx)) {
			report(p, LOG_ERR, lx->file, lx->line,
			    "Service %s: missing '}' at end of file", label);
			return ENTRY_DROPPED;
		}
		lex_warnings(p, lx);
		if (lex_is(lx, "}"))
			return ENTRY_OK;
		switch (parse_attr_line(p, lx, sc, is_defaults)) {
		case LINE_OK:
			break;
		case LINE_SYNTAX:
			skip_to_close(lx, false);
			return ENTRY_DROPPED;
		case LINE_DISABLE:
			skip_to_close(lx, false);
			return ENTRY_DISABLED;
		}
	}
}

static void parse_service(struct parser *p, struct lex *lx)
{
	struct svc_conf *sc;

	if (lx->ntok < 2) {
		report(p, LOG_ERR, lx->file, lx->line, "service name missing");
		if (lex_next(lx))
			skip_to_close(lx, true);
		return;
	}
	sc = xmalloc(sizeof(*sc));
	svc_conf_init(sc);
	sc->name = xstrdup(lx->tok[1]);
	sc->file = conf_intern(p->cs, lx->file);
	sc->line = lx->line;
	conf_snapshot_defaults(sc, &p->cs->defaults);

	enum entry_end end = parse_entry(p, lx, sc, false);
	unsigned bad_line;

	/* Whatever ended the entry: its lines so far were all read. */
	if (!attr_entry_end(sc, count_and_forward, p, &bad_line)) {
		report(p, LOG_ERR, sc->file, bad_line,
		    "Error parsing attribute %s - DISABLING SERVICE",
		    attr_name(A_SERVER));
		sc->broken = true;
	}
	strvec_push(&p->ids, sc->id ? sc->id : sc->name);
	if (end == ENTRY_OK && sc->broken)
		report(p, LOG_DEBUG, NULL, 0, "removing %s", sc->name);
	if (end != ENTRY_OK || sc->broken) {
		if (end != ENTRY_DISABLED)
			strvec_push(&p->cs->rejected, sc->id ? sc->id : sc->name);
		svc_conf_free(sc);
		free(sc);
		return;
	}
	if (sc->id == NULL)
		sc->id = xstrdup(sc->name);
	p->cs->svcs = xreallocarray(p->cs->svcs, p->cs->nsvcs + 1,
	    sizeof(*p->cs->svcs));
	p->cs->svcs[p->cs->nsvcs++] = sc;
}

static void parse_file(struct parser *p, const char *path, const char *from,
    unsigned from_line);

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * includedir: every name without a '.' and not ending in '~', in strcmp
 * order (reference 1.5).
 */
static void parse_dir(struct parser *p, const char *dir, const char *from,
    unsigned from_line)
{
	struct strvec names = { 0 };
	struct dirent *de;
	DIR *d = opendir(dir);

	if (d == NULL) {
		report(p, LOG_ERR, from, from_line,
		    "Unable to read included directory: %s", dir);
		return;
	}
	errno = 0;
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		if (strchr(de->d_name, '.') != NULL ||
		    (len > 0 && de->d_name[len - 1] == '~'))
			continue;
		strvec_push(&names, de->d_name);
	}
	if (errno != 0)
		report(p, LOG_ERR, from, from_line,
		    "Error reading included directory: %s", dir);
	closedir(d);
	if (names.n > 0)
		qsort(names.v, names.n, sizeof(*names.v), cmp_names);
	for (size_t i = 0; i < names.n; i++) {
		char *path = xasprintf("%s/%s", dir, names.v[i]);
		struct stat st;
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			report(p, LOG_ERR, from, from_line,
			    "%s is not a regular file. It is being skipped.",
			    path);
		else
			parse_file(p, path, from, from_line);
		free(path);
	}
	strvec_clear(&names);
}

static void report_read_error(struct parser *p, const struct lex *lx)
{
	if (lx->read_error != 0)
		report(p, LOG_ERR, lx->file, lx->line,
		    "error reading the file: %s; the rest is ignored",
		    strerror(lx->read_error));
}

static void parse_top(struct parser *p, struct lex *lx)
{
	bool seen_defaults = false;

	while (lex_next(lx)) {
		const char *kw = lx->tok[0];

		lex_warnings(p, lx);
		if (strcasecmp(kw, "service") == 0) {
			parse_service(p, lx);
		} else if (strcasecmp(kw, "defaults") == 0) {
			if (seen_defaults) {
				report(p, LOG_ERR, lx->file, lx->line,
				    "only 1 defaults entry is allowed. This entry will be ignored");
				if (lex_next(lx))
					skip_to_close(lx, true);
				continue;
			}
			seen_defaults = true;
			parse_entry(p, lx, &p->cs->defaults, true);
		} else if (strcasecmp(kw, "include") == 0 ||
		    strcasecmp(kw, "includedir") == 0) {
			if (lx->ntok < 2) {
				report(p, LOG_ERR, lx->file, lx->line,
				    "%s needs a path", kw);
				continue;
			}
			/* The path may be reused by the nested lexer. */
			char *path = xstrdup(lx->tok[1]);
			if (strcasecmp(kw, "include") == 0)
				parse_file(p, path, lx->file, lx->line);
			else
				parse_dir(p, path, lx->file, lx->line);
			free(path);
		} else {
			report(p, LOG_ERR, lx->file, lx->line,
			    "missing service keyword");
			skip_to_close(lx, true);
		}
	}
}

static void parse_file(struct parser *p, const char *path, const char *from,
    unsigned from_line)
{
	struct lex lx;
	struct stat st;
	int r;

	if (p->depth == MAX_INCLUDE_DEPTH) {
		report(p, LOG_ERR, from, from_line,
		    "includes nested deeper than %d levels: %s is skipped",
		    MAX_INCLUDE_DEPTH, path);
		return;
	}
	r = lex_open(&lx, path, conf_intern(p->cs, path));
	if (r < 0) {
		report(p, LOG_ERR, from, from_line,
		    "Unable to open included configuration file: %s (%s)",
		    path, strerror(-r));
		return;
	}
	/* xinetd names every file it reads this way (reference 1.5). */
	report(p, LOG_DEBUG, from, from_line,
	    "Reading included configuration file: %s", path);
	if (fstat(fileno(lx.fp), &st) == 0) {
		for (int i = 0; i < p->depth; i++) {
			if (p->stack[i].dev == st.st_dev &&
			    p->stack[i].ino == st.st_ino) {
				report(p, LOG_ERR, from, from_line,
				    "include loop: %s is already being read; skipped",
				    path);
				lex_close(&lx);
				return;
			}
		}
		p->stack[p->depth].dev = st.st_dev;
		p->stack[p->depth].ino = st.st_ino;
	}
	p->depth++;
	parse_top(p, &lx);
	p->depth--;
	report_read_error(p, &lx);
	lex_close(&lx);
}

static bool id_listed(const struct strvec *list, const char *id)
{
	for (size_t i = 0; i < list->n; i++)
		if (strcasecmp(list->v[i], id) == 0)
			return true;
	return false;
}

/* enabled/disabled, fill-in and validation, once every file is read. */
static void finish(struct parser *p)
{
	struct conf_set *cs = p->cs;
	const struct svc_conf *def = &cs->defaults;
	bool use_enabled = (def->specified & ABIT(A_ENABLED)) != 0;
	size_t kept = 0;

	for (size_t i = 0; i < cs->nsvcs; i++) {
		struct svc_conf *sc = cs->svcs[i];
		bool keep;

		if (id_listed(&def->disabled, sc->id)) {
			keep = false;
		} else if (use_enabled && !id_listed(&def->enabled, sc->id)) {
			report(p, LOG_DEBUG, NULL, 0, "removing %s", sc->name);
			keep = false;
		} else {
			conf_fill_defaults(sc, def);
			keep = conf_validate(sc, &p->rep);
			if (!keep)
				strvec_push(&cs->rejected, sc->id);
		}
		if (keep) {
			cs->svcs[kept++] = sc;
		} else {
			svc_conf_free(sc);
			free(sc);
		}
	}
	cs->nsvcs = kept;
}

struct conf_set *conf_load(const char *path, const struct conf_opts *opts,
    int *err)
{
	struct conf_set *cs = xcalloc(1, sizeof(*cs));
	struct parser p = {
		.cs = cs, .opts = opts,
		.rep = { .fn = count_and_forward, .arg = &p },
	};
	struct lex lx;
	struct stat st;
	int r;

	attr_lookups_forget();
	svc_conf_init(&cs->defaults);
	r = lex_open(&lx, path, conf_intern(cs, path));
	if (r < 0) {
		*err = -r;
		conf_free(cs);
		return NULL;
	}
	if (fstat(fileno(lx.fp), &st) == 0) {
		p.stack[0].dev = st.st_dev;
		p.stack[0].ino = st.st_ino;
	}
	p.depth = 1;
	parse_top(&p, &lx);
	report_read_error(&p, &lx);
	lex_close(&lx);
	if (opts != NULL && opts->inetd_conf != NULL)
		conf_read_inetd(cs, opts->inetd_conf,
		    conf_intern(cs, opts->inetd_conf), &p.ids, &p.rep);
	strvec_clear(&p.ids);
	finish(&p);
	*err = 0;
	return cs;
}

