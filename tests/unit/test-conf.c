/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * test-conf.c: unit tests for the configuration reader (src/conf).
 *
 * Each test writes a small configuration into a private temporary
 * directory, loads it with conf_load() and checks the surviving services
 * and every diagnostic: level, message, file and line. The behaviour
 * checked is that of the xinetd compatibility reference
 * (shared/reference/xinetd-compat.md, sections 1-3 and test-matrix lines
 * 1-33, cited as "matrix N"); where xinetd-ng deliberately differs from
 * xinetd 2.3.15.3 the test says so.
 *
 * Groups (test names are "group/function"): lexer, syntax, values,
 * defaults, include, validate, features, unsupported (what this version
 * refuses; expected to shrink), robust, data (files in $XT_UNIT_DATA).
 * Everything runs as one cmocka group: automake's TAP driver rejects the
 * second "1..N" plan a second cmocka group would print.
 *
 * Usage: test-conf [GLOB]   GLOB selects tests by name, e.g. 'include*'.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pwd.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include <cmocka.h>

#include "conf/conf.h"
#include "conf/lex.h"
#include "util.h"

/* ---------------------------------------------------------------------- */
/* Fixture: a temporary directory and a diagnostic collector              */
/* ---------------------------------------------------------------------- */

struct diag {
	int level;
	char *file;		/* NULL: the message has no location */
	unsigned line;
	char *msg;
};

struct fx {
	char dir[PATH_MAX];
	int cwd;			/* restored by the teardown */
	struct diag *diags;
	size_t ndiags, cap;
	struct strvec paths;		/* every path a helper handed out */
	struct conf_set *cs;
	int err;
	const char *main;		/* the file last given to load() */
	const void *row;		/* a table row's test: the row */
};

static const char *level_name(int level)
{
	switch (level) {
	case LOG_EMERG: return "EMERG";
	case LOG_ALERT: return "ALERT";
	case LOG_CRIT: return "CRIT";
	case LOG_ERR: return "ERROR";
	case LOG_WARNING: return "WARNING";
	case LOG_NOTICE: return "NOTICE";
	case LOG_INFO: return "INFO";
	case LOG_DEBUG: return "DEBUG";
	default: return "?";
	}
}

static void collect(void *arg, int level, const char *file, unsigned line,
    const char *msg)
{
	struct fx *f = arg;
	struct diag *d;

	if (f->ndiags == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->diags = xreallocarray(f->diags, f->cap, sizeof(*f->diags));
	}
	d = &f->diags[f->ndiags++];
	d->level = level;
	d->file = file != NULL ? xstrdup(file) : NULL;
	d->line = line;
	d->msg = xstrdup(msg);
}

static void clear_diags(struct fx *f)
{
	for (size_t i = 0; i < f->ndiags; i++) {
		free(f->diags[i].file);
		free(f->diags[i].msg);
	}
	f->ndiags = 0;
}

static void dump_diags(const struct fx *f)
{
	print_error("# %zu diagnostic(s):\n", f->ndiags);
	for (size_t i = 0; i < f->ndiags; i++) {
		const struct diag *d = &f->diags[i];
		print_error("#   %s %s:%u: %s\n", level_name(d->level),
		    d->file != NULL ? d->file : "(no file)", d->line, d->msg);
	}
	if (f->cs != NULL) {
		print_error("# %zu service(s):", f->cs->nsvcs);
		for (size_t i = 0; i < f->cs->nsvcs; i++)
			print_error(" %s", f->cs->svcs[i]->name);
		print_error("\n");
	}
}

static int rm_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(path);
	if (flag == FTW_D || flag == FTW_DNR)
		(void)chmod(path, 0700);
	return unlink(path);
}

static const char *const passenv_names[] = {
	"XT_P1", "XT_P2", "XT_P3", "XT_P4", "XT_EARLY", "XT_LATE", NULL
};

static int fx_setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	const char *tmp = getenv("TMPDIR");

	snprintf(f->dir, sizeof(f->dir), "%s/xt-conf-XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	f->row = *state;	/* the test's initial state */
	f->cwd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	f->err = -1;
	/*
	 * passenv names missing from the environment give a warning
	 * (reference 2); the tests use these.
	 */
	for (const char *const *v = passenv_names; *v != NULL; v++)
		if (setenv(*v, "1", 1) != 0)
			return -1;
	*state = f;
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;

	if (f->cwd >= 0) {
		if (fchdir(f->cwd) != 0)
			perror("fchdir");
		close(f->cwd);
	}
	conf_free(f->cs);
	clear_diags(f);
	free(f->diags);
	strvec_clear(&f->paths);
	(void)nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* File helpers                                                           */
/* ---------------------------------------------------------------------- */

static const char *keep_path(struct fx *f, char *p)
{
	strvec_push(&f->paths, p);
	free(p);
	return f->paths.v[f->paths.n - 1];
}

/* The absolute path of NAME inside the test directory (not created). */
static const char *path_of(struct fx *f, const char *name)
{
	return keep_path(f, xasprintf("%s/%s", f->dir, name));
}

static const char *mkdir_in(struct fx *f, const char *name)
{
	const char *p = path_of(f, name);

	assert_int_equal(mkdir(p, 0755), 0);
	return p;
}

static const char *put_bytes(struct fx *f, const char *name, const void *buf,
    size_t len)
{
	const char *p = path_of(f, name);
	FILE *fp = fopen(p, "wb");

	assert_non_null(fp);
	if (len > 0)
		assert_int_equal(fwrite(buf, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	return p;
}

/* Write TEXT to NAME in the test directory; returns the absolute path. */
static const char *put(struct fx *f, const char *name, const char *text)
{
	return put_bytes(f, name, text, strlen(text));
}

/* Write TEXT to a fresh mkstemp file in the test directory. */
static const char *tmpconf(struct fx *f, const char *text)
{
	char *p = xasprintf("%s/conf-XXXXXX", f->dir);
	int fd = mkstemp(p);
	size_t len = strlen(text);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
	return keep_path(f, p);
}

/* "\n" -> "\r\n" (caller frees). */
static char *crlf(const char *s)
{
	char *out = xmalloc(strlen(s) * 2 + 1), *o = out;

	for (; *s != '\0'; s++) {
		if (*s == '\n')
			*o++ = '\r';
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

/* ---------------------------------------------------------------------- */
/* Loading and assertions                                                 */
/* ---------------------------------------------------------------------- */

/*
 * Every diagnostic either has a file and a line >= 1, or neither; checked
 * after every load so that each test also checks this.
 */
static void check_locations(struct fx *f)
{
	for (size_t i = 0; i < f->ndiags; i++) {
		const struct diag *d = &f->diags[i];
		bool ok = d->file != NULL ? d->file[0] != '\0' && d->line >= 1 :
		    d->line == 0;
		if (!ok) {
			print_error("# diagnostic %zu has a bad location\n", i);
			dump_diags(f);
			fail();
		}
	}
}

static struct conf_set *load(struct fx *f, const char *path)
{
	struct conf_opts opts = { .diag = collect, .arg = f };

	conf_free(f->cs);
	clear_diags(f);
	f->main = path;
	f->err = -1;
	f->cs = conf_load(path, &opts, &f->err);
	check_locations(f);
	return f->cs;
}

static struct conf_set *load_text(struct fx *f, const char *text)
{
	return load(f, tmpconf(f, text));
}

static struct svc_conf *find_svc(const struct fx *f, const char *name)
{
	if (f->cs == NULL)
		return NULL;
	for (size_t i = 0; i < f->cs->nsvcs; i++)
		if (strcmp(f->cs->svcs[i]->name, name) == 0)
			return f->cs->svcs[i];
	return NULL;
}

#define get_svc(f, name) svc_get(f, __FILE__, __LINE__, name)
static struct svc_conf *svc_get(struct fx *f, const char *sf, int sl,
    const char *name)
{
	struct svc_conf *sc = find_svc(f, name);

	if (sc == NULL) {
		print_error("# service '%s' was not loaded\n", name);
		dump_diags(f);
		_fail(sf, sl);
	}
	return sc;
}

/* The loaded services are exactly these names, in this order. */
#define assert_svcs(f, ...) \
	svcs_expect(f, __FILE__, __LINE__, __VA_ARGS__, (const char *)NULL)
#define assert_no_svcs(f) \
	svcs_expect(f, __FILE__, __LINE__, (const char *)NULL)
static void svcs_expect_v(struct fx *f, const char *sf, int sl,
    const char *const *want, size_t n)
{
	bool ok = f->cs != NULL && f->cs->nsvcs == n;

	for (size_t i = 0; ok && i < n; i++)
		ok = strcmp(f->cs->svcs[i]->name, want[i]) == 0;
	if (!ok) {
		print_error("# expected %zu service(s):", n);
		for (size_t i = 0; i < n; i++)
			print_error(" %s", want[i]);
		print_error("\n");
		dump_diags(f);
		_fail(sf, sl);
	}
}

static void svcs_expect(struct fx *f, const char *sf, int sl, ...)
{
	const char *want[64];
	size_t n = 0;
	va_list ap;

	va_start(ap, sl);
	for (const char *s; (s = va_arg(ap, const char *)) != NULL;)
		want[n++] = s;
	va_end(ap);
	svcs_expect_v(f, sf, sl, want, n);
}

static ssize_t diag_find(const struct fx *f, int level, const char *file,
    unsigned line, const char *msg)
{
	for (size_t i = 0; i < f->ndiags; i++) {
		const struct diag *d = &f->diags[i];
		if (d->level != level || d->line != line ||
		    strcmp(d->msg, msg) != 0)
			continue;
		if (file == NULL ? d->file == NULL :
		    d->file != NULL && strcmp(d->file, file) == 0)
			return (ssize_t)i;
	}
	return -1;
}

/*
 * A diagnostic with exactly this level, file (NULL = none), line and
 * message was reported; returns its index.
 */
#define assert_diag(f, level, file, line, ...) \
	diag_expect(f, __FILE__, __LINE__, level, file, line, __VA_ARGS__)
__attribute__((format(printf, 7, 8)))
static size_t diag_expect(struct fx *f, const char *sf, int sl, int level,
    const char *file, unsigned line, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	ssize_t i;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	i = diag_find(f, level, file, line, msg);
	if (i < 0) {
		print_error("# missing diagnostic: %s %s:%u: %s\n",
		    level_name(level), file != NULL ? file : "(no file)",
		    line, msg);
		dump_diags(f);
		_fail(sf, sl);
	}
	return (size_t)i;
}

/* Exactly N diagnostics at this level. */
#define assert_ndiag(f, level, n) \
	ndiag_expect(f, __FILE__, __LINE__, level, n)
static void ndiag_expect(struct fx *f, const char *sf, int sl, int level,
    size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < f->ndiags; i++)
		if (f->diags[i].level == level)
			c++;
	if (c != n) {
		print_error("# expected %zu %s diagnostic(s), got %zu\n", n,
		    level_name(level), c);
		dump_diags(f);
		_fail(sf, sl);
	}
}

/* Loaded, and nothing at WARNING or worse was reported. */
#define assert_clean(f) clean_expect(f, __FILE__, __LINE__)
static void clean_expect(struct fx *f, const char *sf, int sl)
{
	bool ok = f->cs != NULL && f->cs->errors == 0 &&
	    f->cs->warnings == 0 && !f->cs->fatal;

	for (size_t i = 0; ok && i < f->ndiags; i++)
		ok = f->diags[i].level > LOG_WARNING;
	if (!ok) {
		print_error("# expected a clean load\n");
		dump_diags(f);
		_fail(sf, sl);
	}
}

/* The error and warning counters agree with the collected diagnostics. */
static void assert_counts(struct fx *f, unsigned errors, unsigned warnings)
{
	assert_non_null(f->cs);
	if (f->cs->errors != errors || f->cs->warnings != warnings)
		dump_diags(f);
	assert_int_equal(f->cs->errors, errors);
	assert_int_equal(f->cs->warnings, warnings);
	assert_ndiag(f, LOG_ERR, errors);
	assert_ndiag(f, LOG_WARNING, warnings);
}

static bool sv_equal(const struct strvec *sv, const char *const *want,
    size_t n)
{
	if (sv->n != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(sv->v[i], want[i]) != 0)
			return false;
	return n == 0 || sv->v[n] == NULL;
}

#define assert_strvec(sv, ...) do {                                         \
		const char *const want_[] = { __VA_ARGS__ };                \
		size_t n_ = sizeof(want_) / sizeof(want_[0]);               \
		if (!sv_equal((sv), want_, n_)) {                           \
			print_error("# strvec has %zu item(s):",            \
			    (sv)->n);                                       \
			for (size_t i_ = 0; i_ < (sv)->n; i_++)             \
				print_error(" [%s]", (sv)->v[i_]);          \
			print_error("\n");                                  \
			fail();                                             \
		}                                                           \
	} while (0)

static bool have_services_db(void)
{
	if (getservbyname("ftp", "tcp") != NULL &&
	    getservbyname("telnet", "tcp") != NULL)
		return true;
	print_message("# /etc/services lacks ftp/telnet: nothing to check\n");
	return false;
}

/* ---------------------------------------------------------------------- */
/* Configuration snippets                                                 */
/* ---------------------------------------------------------------------- */

/* The four lines every accepted service needs. */
#define BODY                                                          \
	"\tsocket_type = stream\n"                                    \
	"\twait = no\n"                                               \
	"\tuser = root\n"                                             \
	"\tserver = /bin/true\n"

/*
 * A complete valid service of 9 lines: "service" on line 1, "{" on 2,
 * BODY on 3-6, type on 7, port on 8, "}" on 9.
 */
#define SVC(name, port)                                               \
	"service " name "\n"                                          \
	"{\n"                                                         \
	BODY                                                          \
	"\ttype = UNLISTED\n"                                         \
	"\tport = " port "\n"                                         \
	"}\n"

/* The same with EXTRA lines right after "{": they start on line 3. */
#define SVCX(name, port, extra)                                       \
	"service " name "\n"                                          \
	"{\n"                                                         \
	extra                                                         \
	BODY                                                          \
	"\ttype = UNLISTED\n"                                         \
	"\tport = " port "\n"                                         \
	"}\n"

/* ---------------------------------------------------------------------- */
/* Tables of loads                                                        */
/* ---------------------------------------------------------------------- */

/*
 * Most tests of the groups below load one text and check what came of it:
 * such a test is a row of its group's table (GROUP_loads), a cmocka test
 * of its own named by the row, run by run_load_case with the row in
 * fx.row (the lexer's table, lex_cases, works the same way).  A row lists
 * the diagnostics to find, the exact error and warning counts (0 and 0: a
 * clean load) and the exact services loaded; its "more" function, if any,
 * holds the rest of the test.
 */
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* A diagnostic at LINE of the loaded file; LINE 0: one with no location. */
struct want_diag {
	int level;
	unsigned line;
	const char *msg;
};
#define ERR(line, msg) { LOG_ERR, line, msg }
#define WARN(line, msg) { LOG_WARNING, line, msg }
#define INFO(line, msg) { LOG_INFO, line, msg }
#define DBG(msg) { LOG_DEBUG, 0, msg }

struct load_case {
	const char *name;
	const char *text;		/* the configuration */
	struct want_diag diags[8];	/* reported, among others */
	unsigned errors, warnings;	/* exactly so many */
	bool fatal;			/* the defaults section was fatal */
	bool services_db;		/* needs have_services_db(), else passes */
	const char *svcs[8];		/* exactly the services loaded, in order */
	void (*more)(struct fx *f);	/* further checks, or NULL */
};

static void run_load_case(void **state)
{
	struct fx *f = *state;
	const struct load_case *c = f->row;
	size_t n = 0;

	if (c->services_db && !have_services_db())
		return;
	load_text(f, c->text);
	for (size_t i = 0; i < N_OF(c->diags) && c->diags[i].msg != NULL;
	    i++) {
		const struct want_diag *d = &c->diags[i];

		diag_expect(f, __FILE__, __LINE__, d->level,
		    d->line != 0 ? f->main : NULL, d->line, "%s", d->msg);
	}
	assert_counts(f, c->errors, c->warnings);
	if (c->errors == 0 && c->warnings == 0)
		assert_clean(f);
	assert_int_equal(f->cs->fatal, c->fatal);
	while (n < N_OF(c->svcs) && c->svcs[n] != NULL)
		n++;
	svcs_expect_v(f, __FILE__, __LINE__, c->svcs, n);
	if (c->more != NULL)
		c->more(f);
}

/* ====================================================================== */
/* Group lexer: lex_from_stream / lex_next (reference 1.1)                */
/* ====================================================================== */

static void lex_buf(struct lex *lx, const char *buf, size_t len)
{
	FILE *fp = tmpfile();

	assert_non_null(fp);
	if (len > 0)
		assert_int_equal(fwrite(buf, 1, len, fp), len);
	rewind(fp);
	lex_from_stream(lx, fp, "mem");
}
#define LEX(lx, lit) lex_buf(lx, lit, sizeof(lit) - 1)

/* The next line is LINE with exactly these tokens. */
#define expect_toks(lx, line, ...) \
	toks_expect(lx, __FILE__, __LINE__, line, __VA_ARGS__, (const char *)NULL)
static void toks_expect_v(struct lex *lx, const char *sf, int sl,
    unsigned line, const char *const *want, int n)
{
	bool ok;

	if (lex_next(lx) != 1) {
		print_error("# expected line %u, got end of input\n", line);
		_fail(sf, sl);
	}
	ok = lx->line == line && lx->ntok == n;
	for (int i = 0; ok && i < n; i++)
		ok = strcmp(lx->tok[i], want[i]) == 0;
	if (!ok) {
		print_error("# expected line %u:", line);
		for (int i = 0; i < n; i++)
			print_error(" [%s]", want[i]);
		print_error("\n# got line %u:", lx->line);
		for (int i = 0; i < lx->ntok; i++)
			print_error(" [%s]", lx->tok[i]);
		print_error("\n");
		_fail(sf, sl);
	}
}

static void toks_expect(struct lex *lx, const char *sf, int sl,
    unsigned line, ...)
{
	const char *want[16];
	int n = 0;
	va_list ap;

	va_start(ap, line);
	for (const char *s; (s = va_arg(ap, const char *)) != NULL;)
		want[n++] = s;
	va_end(ap);
	toks_expect_v(lx, sf, sl, line, want, n);
}

/*
 * The lexer tests that read one text line by line are rows of lex_cases,
 * run by run_lex_case: the text gives exactly these lines (number and
 * tokens), then the end of input, twice; no CR or NUL was seen.
 */
struct lex_case {
	const char *name;
	const char *text;
	struct {
		unsigned line;
		const char *toks[6];
	} lines[2];
};

static void run_lex_case(void **state)
{
	const struct fx *f = *state;
	const struct lex_case *c = f->row;
	struct lex lx;

	lex_buf(&lx, c->text, strlen(c->text));
	for (size_t i = 0; i < N_OF(c->lines) && c->lines[i].line != 0; i++) {
		int n = 0;

		while (n < (int)N_OF(c->lines[i].toks) &&
		    c->lines[i].toks[n] != NULL)
			n++;
		toks_expect_v(&lx, __FILE__, __LINE__, c->lines[i].line,
		    c->lines[i].toks, n);
	}
	assert_int_equal(lex_next(&lx), 0);
	assert_int_equal(lex_next(&lx), 0);	/* stays at end */
	assert_int_equal(lx.cr_line, 0);
	assert_int_equal(lx.nul_line, 0);
	lex_close(&lx);
}

static void lex_crlf_line_endings_are_stripped(void **state)
{
	struct lex lx;

	(void)state;
	/*
	 * xinetd-ng drops the CR before LF (xinetd kept it and rejected every
	 * value, reference 1.1 and matrix 6) and remembers it saw one.
	 */
	LEX(&lx, "service x\r\n{\r\n\r\n  }  \r\nuser = root\r\n");
	assert_int_equal(lx.cr_line, 0);
	expect_toks(&lx, 1, "service", "x");
	assert_int_equal(lx.cr_line, 1);
	expect_toks(&lx, 2, "{");
	assert_true(lex_is(&lx, "{"));
	expect_toks(&lx, 4, "}");
	assert_true(lex_is(&lx, "}"));
	expect_toks(&lx, 5, "user", "=", "root");
	lex_close(&lx);
}

/*
 * A CR ending a token goes, as one ending the line does, and blanks among
 * the line's last CRs too: otherwise the dump writes a value ending in CR
 * at the end of a line and reading it back drops it (found by fuzz-conf
 * and fuzz-inetd).
 */
static void lex_crs_ending_a_token_go(void **state)
{
	struct lex lx;

	(void)state;
	LEX(&lx, "service crlf\r += \r\n"
	    "server_args = mn\r\r\t\n"
	    "a \r\r b\r\r\tc\n");
	expect_toks(&lx, 1, "service", "crlf", "+=");
	assert_int_equal(lx.cr_line, 1);
	expect_toks(&lx, 2, "server_args", "=", "mn");
	expect_toks(&lx, 3, "a", "b", "c");
	assert_int_equal(lex_next(&lx), 0);
	lex_close(&lx);
}

static void lex_last_line_without_newline(void **state)
{
	struct lex lx;

	(void)state;
	LEX(&lx, "a b\nlast line");
	expect_toks(&lx, 1, "a", "b");
	expect_toks(&lx, 2, "last", "line");
	assert_int_equal(lex_next(&lx), 0);
	lex_close(&lx);

	LEX(&lx, "only");
	expect_toks(&lx, 1, "only");
	assert_int_equal(lex_next(&lx), 0);
	lex_close(&lx);
}

/* xinetd splits lines at ~16 KiB (reference 1.1); xinetd-ng does not. */
static void lex_long_line_is_read_whole(void **state)
{
	enum { NTOK = 110, TOKLEN = 200, BIG = 20 * 1024 };
	size_t cap = 64 + NTOK * (TOKLEN + 1) + BIG + 16;
	char *buf = xmalloc(cap), *p = buf;
	struct lex lx;

	(void)state;
	p += sprintf(p, "server_args =");
	for (int i = 0; i < NTOK; i++) {
		*p++ = ' ';
		memset(p, 'a' + i % 26, TOKLEN);
		p += TOKLEN;
	}
	*p++ = '\n';
	p += sprintf(p, "k = ");
	memset(p, 'y', BIG);
	p += BIG;
	p += sprintf(p, "\nnext\n");
	assert_true(strlen(buf) > 2 * 20 * 1024);

	lex_buf(&lx, buf, (size_t)(p - buf));
	assert_int_equal(lex_next(&lx), 1);
	assert_int_equal(lx.line, 1);
	assert_int_equal(lx.ntok, NTOK + 2);
	for (int i = 0; i < NTOK; i++) {
		assert_int_equal(strlen(lx.tok[i + 2]), TOKLEN);
		assert_int_equal(lx.tok[i + 2][0], 'a' + i % 26);
	}
	assert_int_equal(lex_next(&lx), 1);
	assert_int_equal(lx.line, 2);
	assert_int_equal(lx.ntok, 3);
	assert_int_equal(strlen(lx.tok[2]), BIG);
	expect_toks(&lx, 3, "next");
	lex_close(&lx);
	free(buf);
}

static void lex_nul_byte_ends_the_line(void **state)
{
	static const char in[] = "a b\0c d\nnext\n";
	struct lex lx;

	(void)state;
	lex_buf(&lx, in, sizeof(in) - 1);
	expect_toks(&lx, 1, "a", "b");
	assert_int_equal(lx.nul_line, 1);
	expect_toks(&lx, 2, "next");
	lex_close(&lx);
}

static void lex_token_limit_is_flagged(void **state)
{
	size_t n = LEX_MAX_TOKENS + 5;
	char *buf = xmalloc(n * 2 + 16), *p = buf;
	struct lex lx;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		*p++ = 't';
		*p++ = ' ';
	}
	p += sprintf(p, "\nok\n");
	lex_buf(&lx, buf, (size_t)(p - buf));
	assert_int_equal(lex_next(&lx), 1);
	assert_int_equal(lx.ntok, LEX_MAX_TOKENS);
	assert_true(lx.too_many);
	expect_toks(&lx, 2, "ok");
	assert_false(lx.too_many);
	lex_close(&lx);
	free(buf);
}

static void lex_is_matches_a_lone_token(void **state)
{
	struct lex lx;

	(void)state;
	LEX(&lx, "{\n{ x\n }\t \n}}\n");
	assert_int_equal(lex_next(&lx), 1);
	assert_true(lex_is(&lx, "{"));
	assert_false(lex_is(&lx, "}"));
	assert_int_equal(lex_next(&lx), 1);
	assert_false(lex_is(&lx, "{"));
	assert_int_equal(lex_next(&lx), 1);
	assert_true(lex_is(&lx, "}"));
	assert_int_equal(lex_next(&lx), 1);
	assert_false(lex_is(&lx, "}"));
	lex_close(&lx);
}

static void lex_empty_and_comment_only_input(void **state)
{
	struct lex lx;

	(void)state;
	lex_buf(&lx, "", 0);
	assert_int_equal(lex_next(&lx), 0);
	lex_close(&lx);
	LEX(&lx, "# only\n\n  \t\n# no newline");
	assert_int_equal(lex_next(&lx), 0);
	assert_int_equal(lx.line, 4);
	lex_close(&lx);
}

static const struct lex_case lex_cases[] = {
	{ .name = "lex_comment_only_at_line_start",
	    .text = "# a comment\n"
	    "   # indented comment\n"
	    "\t# tab-indented comment\n"
	    "server_args = one # two\n"
	    "#\n"
	    "x#y #z\n",
	    /* Matrix 1: '#' after the first token is data. */
	    .lines = { { 4, { "server_args", "=", "one", "#", "two" } },
		{ 6, { "x#y", "#z" } } } },
	{ .name = "lex_blank_lines_keep_line_numbers",
	    .text = "\n   \n\t\t\n a\n\n \t \nb c\n\n",
	    .lines = { { 4, { "a" } }, { 7, { "b", "c" } } } },
	{ .name = "lex_space_and_tab_separate_no_empty_tokens",
	    .text = "\t  a\t\tb \t c  \t\n"
	    "one\ttwo three\n",
	    .lines = { { 1, { "a", "b", "c" } },
		{ 2, { "one", "two", "three" } } } },
	/* Only space and TAB separate; there is no quoting either. */
	{ .name = "lex_other_whitespace_is_data",
	    .text = "a\fb\vc d,e \"x y\"\n",
	    .lines = { { 1, { "a\fb\vc", "d,e", "\"x", "y\"" } } } },
	{ .name = "lex_cr_inside_a_line_is_data",
	    .text = "a\rb c\n",
	    .lines = { { 1, { "a\rb", "c" } } } },
	/* Matrix 5. */
	{ .name = "lex_backslash_is_not_a_continuation",
	    .text = "a \\\n b c\n",
	    .lines = { { 1, { "a", "\\" } }, { 2, { "b", "c" } } } },
};

/* ====================================================================== */
/* Group syntax: entries, operators, syntax errors (reference 1.2-1.4, 1.7) */
/* ====================================================================== */

static void syntax_bad_value_disables_service(void **state)
{
	struct fx *f = *state;
	size_t a, b, c;

	/* Matrix 14; the rest of the entry is still parsed. */
	load_text(f,
	    "service baduser\n"			/* 1 */
	    "{\n"				/* 2 */
	    "\tuser = nosuchuser_zz\n"		/* 3 */
	    "\tsocket_type = stream\n"		/* 4 */
	    "\twait = no\n"			/* 5 */
	    "\tserver = /bin/true\n"		/* 6 */
	    "\ttype = UNLISTED\n"		/* 7 */
	    "\tport = 1234\n"			/* 8 */
	    "\tfrobnicate = 1\n"		/* 9 */
	    "}\n"				/* 10 */
	    SVCX("badnice", "1235",		/* 11 */
		"\tnice = abc\n")		/* 13 */
	    SVC("after", "1236"));
	a = assert_diag(f, LOG_ERR, f->main, 3, "Unknown user: nosuchuser_zz");
	b = assert_diag(f, LOG_ERR, f->main, 3,
	    "Error parsing attribute user - DISABLING SERVICE");
	assert_diag(f, LOG_WARNING, f->main, 9,
	    "bad service attribute: frobnicate");
	c = assert_diag(f, LOG_DEBUG, NULL, 0, "removing baduser");
	assert_true(a < b && b < c);
	assert_diag(f, LOG_ERR, f->main, 13, "Bad nice value: abc");
	assert_diag(f, LOG_ERR, f->main, 13,
	    "Error parsing attribute nice - DISABLING SERVICE");
	assert_diag(f, LOG_DEBUG, NULL, 0, "removing badnice");
	/* No validation message for a service that is already removed. */
	assert_counts(f, 4, 1);
	assert_svcs(f, "after");
}

static void syntax_too_many_values_drops_entry(void **state)
{
	struct fx *f = *state;
	char *args = xmalloc(5000 * 3 + 1), *p = args;
	char *text;

	for (int i = 0; i < 5000; i++)
		p += sprintf(p, " %c", 'a' + i % 26);
	text = xasprintf("%s\tserver_args =%s\n}\n%s",
	    "service many\n{\n" BODY "\ttype = UNLISTED\n\tport = 1234\n",
	    args, SVC("after", "1235"));
	load_text(f, text);
	assert_diag(f, LOG_ERR, f->main, 9,
	    "attribute server_args has more than %d values",
	    LEX_MAX_TOKENS - 2);
	assert_counts(f, 1, 0);
	assert_svcs(f, "after");
	free(text);
	free(args);
}

static void syntax_nul_byte_is_reported_at_its_line(void **state)
{
	static const char text[] =
	    "service nul\n"			/* 1 */
	    "{\n"				/* 2 */
	    BODY				/* 3-6 */
	    "\ttype = UNLISTED\n"		/* 7 */
	    "\tport = 1234\n"			/* 8 */
	    "\tserver_args = a b\0junk c\n"	/* 9 */
	    "}\n";
	struct fx *f = *state;

	load(f, put_bytes(f, "nul.conf", text, sizeof(text) - 1));
	assert_diag(f, LOG_ERR, f->main, 9,
	    "line contains a NUL byte; the rest of the line is ignored");
	assert_counts(f, 1, 0);
	assert_strvec(&get_svc(f, "nul")->server_args, "a", "b");
}

/*
 * Matrix 6: xinetd rejects every value of a CRLF file; xinetd-ng strips the
 * CRs (lex.c) and warns once per file.
 */
static void syntax_crlf_file_loads_and_warns_once(void **state)
{
	struct fx *f = *state;
	char *text = crlf(SVC("a", "1234") SVC("b", "1235"));
	struct svc_conf *sc;

	load_text(f, text);
	free(text);
	assert_diag(f, LOG_WARNING, f->main, 1,
	    "file has DOS (CRLF) line endings; the carriage returns are ignored");
	assert_counts(f, 0, 1);
	assert_svcs(f, "a", "b");
	sc = get_svc(f, "a");
	assert_string_equal(sc->user, "root");
	assert_string_equal(sc->server, "/bin/true");
	assert_int_equal(sc->port, 1234);
	assert_int_equal(sc->socket_type, SOCK_STREAM);
}

static void syntax_crlf_warned_once_per_file(void **state)
{
	struct fx *f = *state;
	char *inc_text = crlf(SVC("b", "1235"));
	const char *inc = put(f, "inc.conf", inc_text);
	char *main_src = xasprintf("include %s\n%s", inc, SVC("a", "1234"));
	char *main_text = crlf(main_src);

	load(f, put(f, "main.conf", main_text));
	assert_diag(f, LOG_WARNING, f->main, 1,
	    "file has DOS (CRLF) line endings; the carriage returns are ignored");
	assert_diag(f, LOG_WARNING, inc, 1,
	    "file has DOS (CRLF) line endings; the carriage returns are ignored");
	assert_counts(f, 0, 2);
	assert_svcs(f, "b", "a");
	free(inc_text);
	free(main_src);
	free(main_text);
}

static void syntax_crlf_warning_names_first_crlf_line(void **state)
{
	struct fx *f = *state;
	char *text;

	text = crlf("# default: off\n" SVC("a", "1234"));
	load_text(f, text);
	free(text);
	assert_diag(f, LOG_WARNING, f->main, 1,
	    "file has DOS (CRLF) line endings; the carriage returns are ignored");

	/* Only the "{" line has a CR. */
	load_text(f, "service a\n{\r\n" BODY "\ttype = UNLISTED\n"
	    "\tport = 1234\n}\n");
	assert_diag(f, LOG_WARNING, f->main, 2,
	    "file has DOS (CRLF) line endings; the carriage returns are ignored");
}

/* Reference 1.1 says xinetd splits at ~16 KiB; xinetd-ng reads it whole. */
static void syntax_20k_line_is_one_attribute(void **state)
{
	enum { NTOK = 110, TOKLEN = 200 };
	struct fx *f = *state;
	char *args = xmalloc(NTOK * (TOKLEN + 1) + 1), *p = args;
	char *text;
	struct svc_conf *sc;

	for (int i = 0; i < NTOK; i++) {
		*p++ = ' ';
		memset(p, 'a' + i % 26, TOKLEN);
		p += TOKLEN;
	}
	*p = '\0';
	text = xasprintf("%s\tserver_args =%s\n\tnice = 3\n}\n",
	    "service long\n{\n" BODY "\ttype = UNLISTED\n\tport = 1234\n",
	    args);
	assert_true(strlen(text) > 20 * 1024);
	load_text(f, text);
	assert_clean(f);
	sc = get_svc(f, "long");
	assert_int_equal(sc->server_args.n, NTOK);
	for (int i = 0; i < NTOK; i++)
		assert_int_equal(strlen(sc->server_args.v[i]), TOKLEN);
	assert_int_equal(sc->nice, 3);
	free(text);
	free(args);
}

/* The checks of the syntax rows beyond diagnostics and services. */

static void more_syntax_minimal_service(struct fx *f)
{
	struct svc_conf *sc;

	assert_int_equal(f->err, 0);
	sc = get_svc(f, "ok");
	assert_string_equal(sc->id, "ok");
	assert_string_equal(sc->file, f->main);
	assert_int_equal(sc->line, 1);
	assert_int_equal(sc->socket_type, SOCK_STREAM);
	assert_string_equal(sc->protocol, "tcp");
	assert_int_equal(sc->proto_num, getprotobyname("tcp")->p_proto);
	assert_false(sc->wait);
	assert_string_equal(sc->user, "root");
	assert_int_equal(sc->uid, 0);
	assert_string_equal(sc->server, "/bin/true");
	assert_int_equal(sc->server_args.n, 0);
	assert_int_equal(sc->port, 1234);
	assert_int_equal(sc->type, SVC_T_UNLISTED);
	assert_int_equal(sc->flags, 0);
	assert_int_equal(sc->specified,
	    ABIT(A_SOCKET_TYPE) | ABIT(A_WAIT) | ABIT(A_USER) |
	    ABIT(A_SERVER) | ABIT(A_TYPE) | ABIT(A_PORT));
}

static void more_syntax_case_insensitive(struct fx *f)
{
	struct svc_conf *sc;

	sc = get_svc(f, "CaseKw");
	assert_int_equal(sc->socket_type, SOCK_STREAM);
	assert_false(sc->wait);
	assert_int_equal(sc->type, SVC_T_UNLISTED);
	assert_int_equal(sc->flags,
	    SVC_F_REUSE | SVC_F_KEEPALIVE | SVC_F_NODELAY);
	assert_int_equal(sc->log_on_success, LOG_S_PID | LOG_S_HOST);
	assert_int_equal(sc->log_on_failure, LOG_F_ATTEMPT);
	assert_int_equal(sc->instances, LIMIT_UNLIMITED);
	assert_int_equal(sc->per_source, 3);
	/* The name keeps its case. */
	assert_string_equal(sc->id, "CaseKw");
}

static void more_syntax_value_may_touch_operator(struct fx *f)
{
	struct svc_conf *sc;

	sc = get_svc(f, "spaced");
	assert_int_equal(sc->port, 1234);
	assert_int_equal(sc->socket_type, SOCK_STREAM);
	assert_strvec(&sc->server_args, "a", "b");
	assert_int_equal(sc->log_on_success, LOG_S_PID);
}

static void more_syntax_repeated_scalar_first_value_wins(struct fx *f)
{
	struct svc_conf *sc;

	sc = get_svc(f, "dup");
	assert_int_equal(sc->port, 21201);
	assert_string_equal(sc->server, "/bin/true");
	assert_int_equal(sc->log.facility, LOG_DAEMON);
}

static void more_syntax_list_operator_on_scalar_ignored(struct fx *f)
{
	struct svc_conf *sc;

	sc = get_svc(f, "ops");
	assert_int_equal(sc->instances, LIMIT_UNLIMITED);
	assert_int_equal(sc->nice, 0);
	assert_int_equal(sc->specified & (ABIT(A_INSTANCES) | ABIT(A_NICE)),
	    0);
}

static void more_syntax_wrong_value_count_warns_and_ignores(struct fx *f)
{
	struct svc_conf *sc;

	sc = get_svc(f, "arity");
	assert_int_equal(sc->nice, 0);
	assert_int_equal(sc->log.kind, LOGT_NONE);
	assert_string_equal(sc->id, "arity");
}

static void more_syntax_disable_yes_discards_silently(struct fx *f)
{
	assert_int_equal(f->ndiags, 0);
	assert_false(get_svc(f, "on")->disable);
	assert_true(get_svc(f, "on")->specified & ABIT(A_DISABLE));
}

static void more_syntax_env_lists(struct fx *f)
{
	assert_strvec(&get_svc(f, "envs")->env, "FOO=bar", "BAZ=q=x", "X=1");
	assert_strvec(&get_svc(f, "envr")->env, "B=2", "C=");
}

static void more_syntax_log_options_operators_in_service(struct fx *f)
{
	assert_int_equal(get_svc(f, "set")->log_on_success, LOG_S_EXIT);
	assert_int_equal(get_svc(f, "add")->log_on_success,
	    LOG_S_HOST | LOG_S_PID | LOG_S_DURATION);
	assert_int_equal(get_svc(f, "sub")->log_on_success, LOG_S_HOST);
	assert_int_equal(get_svc(f, "empty")->log_on_success, 0);
	assert_int_equal(get_svc(f, "multi")->log_on_success,
	    LOG_S_PID | LOG_S_EXIT | LOG_S_USERID);
	assert_int_equal(get_svc(f, "multi")->log_on_failure,
	    LOG_F_HOST | LOG_F_ATTEMPT | LOG_F_USERID);
	assert_int_equal(get_svc(f, "untouched")->log_on_success,
	    LOG_S_HOST | LOG_S_PID);
	assert_int_equal(get_svc(f, "untouched")->log_on_failure, LOG_F_HOST);
}

static const struct load_case syntax_loads[] = {
	{ .name = "syntax_minimal_service",
	    .text = SVC("ok", "1234"),
	    .svcs = { "ok" }, .more = more_syntax_minimal_service },
	{ .name = "syntax_case_insensitive",
	    /* Matrix 7. */
	    .text =
	    "SERVICE CaseKw\n"
	    "{\n"
	    "\tSocket_Type = STREAM\n"
	    "\tWAIT = NO\n"
	    "\tUser = root\n"
	    "\tSERVER = /bin/true\n"
	    "\tTYPE = unlisted\n"
	    "\tPort = 1234\n"
	    "\tFlags = reuse KeepAlive nodelay\n"
	    "\tLOG_ON_SUCCESS = pid Host\n"
	    "\tLog_On_Failure = attempt\n"
	    "\tDisable = No\n"
	    "\tInstances = unlimited\n"
	    "}\n"
	    "DEFAULTS\n"
	    "{\n"
	    "\tPER_SOURCE = 3\n"
	    "}\n",
	    .svcs = { "CaseKw" }, .more = more_syntax_case_insensitive },
	{ .name = "syntax_brace_on_service_line",
	    /* Matrix 3: the error is reported on the line after the keyword. */
	    .text =
	    "service sameline {\n"		/* 1 */
	    BODY				/* 2-5 */
	    "\ttype = UNLISTED\n"		/* 6 */
	    "\tport = 1234\n"			/* 7 */
	    "}\n"				/* 8 */
	    SVC("after", "1235"),		/* 9-17 */
	    .diags = { ERR(2, "Service sameline: missing '{'") },
	    .errors = 1, .svcs = { "after" } },
	{ .name = "syntax_open_brace_must_be_alone",
	    .text =
	    "service a\n"			/* 1 */
	    "{ socket_type = stream\n"		/* 2 */
	    "\twait = no\n"			/* 3 */
	    "}\n"				/* 4 */
	    "service b\n"			/* 5 */
	    "\n"				/* 6 */
	    "# comments and blanks may come before the brace\n"
	    "{\n"				/* 8 */
	    BODY
	    "\ttype = UNLISTED\n"
	    "\tport = 1234\n"
	    "}\n",
	    .diags = { ERR(2, "Service a: missing '{'") },
	    .errors = 1, .svcs = { "b" } },
	{ .name = "syntax_service_name_missing_and_extra_tokens",
	    .text =
	    "service\n"				/* 1 */
	    "{\n"				/* 2 */
	    "\tport = 1\n"			/* 3 */
	    "}\n"				/* 4 */
	    "service extra tokens are ignored\n" /* 5 */
	    "{\n"
	    BODY
	    "\ttype = UNLISTED\n"
	    "\tport = 1234\n"
	    "}\n",
	    .diags = { ERR(1, "service name missing") },
	    .errors = 1, .svcs = { "extra" } },
	{ .name = "syntax_operator_glued_to_name_drops_entry",
	    /* Matrix 2; the following service still loads. */
	    .text =
	    "service glued\n"			/* 1 */
	    "{\n"				/* 2 */
	    BODY				/* 3-6 */
	    "\ttype = UNLISTED\n"		/* 7 */
	    "\tport=21202\n"			/* 8 */
	    "\tfrobnicate = 1\n"		/* 9: skipped, not reported */
	    "}\n"				/* 10 */
	    SVC("after", "1235")		/* 11-19 */
	    "service glued2\n"			/* 20 */
	    "{\n"				/* 21 */
	    "\twait= no\n"			/* 22 */
	    "}\n",
	    .diags = {
		ERR(8, "Attribute port needs a space before operator"),
		ERR(22, "Attribute wait needs a space before operator"),
	    },
	    .errors = 2, .svcs = { "after" } },
	{ .name = "syntax_value_may_touch_operator",
	    .text =
	    "service spaced\n"
	    "{\n"
	    "\tsocket_type =stream\n"
	    "\twait =no\n"
	    "\tuser = root\n"
	    "\tserver = /bin/echo\n"
	    "\tserver_args =a b\n"
	    "\ttype = UNLISTED\n"
	    "\tport =1234\n"
	    "\tlog_on_success +=PID\n"
	    "}\n",
	    .svcs = { "spaced" }, .more = more_syntax_value_may_touch_operator },
	{ .name = "syntax_bad_operator_drops_entry",
	    .text =
	    "service colon\n"			/* 1 */
	    "{\n"				/* 2 */
	    "\tport : 1234\n"			/* 3 */
	    "}\n"				/* 4 */
	    "service noop\n"			/* 5 */
	    "{\n"				/* 6 */
	    "\tport 1234\n"			/* 7 */
	    "}\n"				/* 8 */
	    "service odd\n"			/* 9 */
	    "{\n"				/* 10 */
	    "\tport -+ 12\n"			/* 11 */
	    "}\n"				/* 12 */
	    "service lone\n"			/* 13 */
	    "{\n"				/* 14 */
	    "\tport\n"				/* 15 */
	    "}\n"				/* 16 */
	    SVC("after", "1235"),
	    .diags = {
		ERR(3, "Bad operator for attribute: port"),
		ERR(7, "Bad operator for attribute: port"),
		ERR(11, "Bad operator for attribute: port"),
		ERR(15, "Nothing after attribute: port"),
	    },
	    .errors = 4, .svcs = { "after" } },
	{ .name = "syntax_close_brace_with_text_swallows_next",
	    /* Matrix 4: "} extra" is an attribute line; skipping eats "second". */
	    .text =
	    "service first\n"			/* 1 */
	    "{\n"				/* 2 */
	    BODY				/* 3-6 */
	    "\ttype = UNLISTED\n"		/* 7 */
	    "\tport = 1234\n"			/* 8 */
	    "} extra\n"				/* 9 */
	    SVC("second", "1235")		/* 10-18 */
	    SVC("third", "1236"),		/* 19-27 */
	    .diags = { ERR(9, "Bad operator for attribute: }") },
	    .errors = 1, .svcs = { "third" } },
	{ .name = "syntax_trailing_backslash_no_continuation",
	    /* Matrix 5. */
	    .text =
	    "service cont\n"			/* 1 */
	    "{\n"				/* 2 */
	    BODY				/* 3-6 */
	    "\ttype = UNLISTED\n"		/* 7 */
	    "\tport = 1234\n"			/* 8 */
	    "\tserver_args = a \\\n"		/* 9 */
	    "\t\tb c\n"				/* 10 */
	    "}\n"
	    SVC("after", "1235"),
	    .diags = { ERR(10, "Bad operator for attribute: b") },
	    .errors = 1, .svcs = { "after" } },
	{ .name = "syntax_missing_close_brace_at_eof",
	    .text =
	    SVC("before", "1234")		/* 1-9 */
	    "service open\n"			/* 10 */
	    "{\n"				/* 11 */
	    "\tsocket_type = stream\n"		/* 12 */
	    "\twait = no\n",			/* 13 */
	    .diags = { ERR(13, "Service open: missing '}' at end of file") },
	    .errors = 1, .svcs = { "before" } },
	{ .name = "syntax_missing_service_keyword",
	    .text =
	    "frobnicate\n"			/* 1 */
	    "{\n"				/* 2 */
	    "\tport = 1\n"			/* 3 */
	    "}\n"				/* 4 */
	    "}\n"				/* 5: a stray brace */
	    SVC("after", "1234"),		/* 6-14 */
	    .diags = {
		ERR(1, "missing service keyword"),
		ERR(5, "missing service keyword"),
	    },
	    .errors = 2, .svcs = { "after" } },
	{ .name = "syntax_include_inside_service_is_bad_attribute",
	    .text =
	    SVCX("inc", "1234", "\tinclude /etc/xinetd.d\n")
	    SVC("after", "1235"),
	    .diags = { ERR(3, "Bad operator for attribute: include") },
	    .errors = 1, .svcs = { "after" } },
	{ .name = "syntax_unknown_attribute_warns_service_kept",
	    /* Matrix 8 and 9; enabled/disabled belong to defaults only. */
	    .text = SVCX("unk", "1234",
	    "\tfrobnicate = yes\n"		/* 3 */
	    "\tmdns = yes\n"			/* 4 */
	    "\tdisabled = x\n"			/* 5 */
	    "\tenabled = y\n"),		/* 6 */
	    .diags = {
		WARN(3, "bad service attribute: frobnicate"),
		WARN(4, "bad service attribute: mdns"),
		WARN(5, "bad service attribute: disabled"),
		WARN(6, "bad service attribute: enabled"),
	    },
	    .warnings = 4, .svcs = { "unk" } },
	{ .name = "syntax_repeated_scalar_first_value_wins",
	    /* Matrix 10. */
	    .text =
	    "service dup\n"			/* 1 */
	    "{\n"				/* 2 */
	    BODY				/* 3-6 */
	    "\ttype = UNLISTED\n"		/* 7 */
	    "\tport = 21201\n"			/* 8 */
	    "\tport = 21299\n"			/* 9 */
	    "\tserver = /bin/echo\n"		/* 10 */
	    "\tlog_type = SYSLOG daemon\n"	/* 11 */
	    "\tlog_type = SYSLOG auth\n"	/* 12 */
	    "}\n",
	    .diags = {
		WARN(9, "Service dup: attribute already set: port"),
		WARN(10, "Service dup: attribute already set: server"),
		WARN(12, "Service dup: attribute already set: log_type"),
	    },
	    .warnings = 3, .svcs = { "dup" },
	    .more = more_syntax_repeated_scalar_first_value_wins },
	{ .name = "syntax_list_operator_on_scalar_ignored",
	    /* Matrix 11. */
	    .text = SVCX("ops", "1234",
	    "\tinstances += 3\n"		/* 3 */
	    "\tnice -= 1\n"),			/* 4 */
	    .diags = {
		WARN(3, "Service ops: operator '+=' cannot be used for attribute 'instances'"),
		WARN(4, "Service ops: operator '-=' cannot be used for attribute 'nice'"),
	    },
	    .warnings = 2, .svcs = { "ops" },
	    .more = more_syntax_list_operator_on_scalar_ignored },
	{ .name = "syntax_wrong_value_count_warns_and_ignores",
	    /* Matrix 12. */
	    .text = SVCX("arity", "1234",
	    "\tnice = 1 2\n"			/* 3 */
	    "\tlog_type = SYSLOG\n"		/* 4 */
	    "\tid =\n"),			/* 5 */
	    .diags = {
		WARN(3, "attribute nice expects 1 values and 2 values were specified"),
		WARN(4, "attribute log_type expects 2 to 4 values and 1 values were specified"),
		WARN(5, "attribute id expects 1 values and 0 values were specified"),
	    },
	    .warnings = 3, .svcs = { "arity" },
	    .more = more_syntax_wrong_value_count_warns_and_ignores },
	/*
	 * xinetd 2.3.15.3 lets a later "disable = no" clear the DISABLING mark
	 * (matrix 13: the service runs without the bad attribute). xinetd-ng
	 * keeps what the message says and drops the service: fail closed.
	 */
	{ .name = "syntax_bad_value_then_disable_no_still_dropped",
	    .text = SVCX("badnice", "1234",
	    "\tnice = abc\n"			/* 3 */
	    "\tdisable = no\n"),		/* 4 */
	    .diags = {
		ERR(3, "Error parsing attribute nice - DISABLING SERVICE"),
	    },
	    .errors = 2 },
	{ .name = "syntax_disable_yes_discards_silently",
	    /* Nothing after "disable = yes" is looked at (reference 1.7). */
	    .text =
	    "service off\n"
	    "{\n"
	    "\tDisable = YES\n"
	    "\tport=5\n"
	    "\tthis is not an attribute\n"
	    "\tnice = abc\n"
	    "\tuser = nosuchuser_zz\n"
	    "}\n"
	    SVCX("on", "1235", "\tdisable = no\n"),
	    .svcs = { "on" }, .more = more_syntax_disable_yes_discards_silently },
	{ .name = "syntax_empty_server_args_is_an_error",
	    .text = SVCX("noargs", "1234", "\tserver_args =\n"),
	    .diags = {
		ERR(3, "attribute server_args expects at least 1 value and none was given."),
		ERR(3, "Error parsing attribute server_args - DISABLING SERVICE"),
	    },
	    .errors = 2 },
	{ .name = "syntax_env_lists",
	    /* Matrix 40's env line; '=' replaces earlier env lines. */
	    .text =
	    SVCX("envs", "1234",
		"\tenv = FOO=bar BAZ=q=x\n"
		"\tenv += X=1\n")
	    SVCX("envr", "1235",
		"\tenv = A=1\n"
		"\tenv = B=2 C=\n"),
	    .svcs = { "envs", "envr" }, .more = more_syntax_env_lists },
	{ .name = "syntax_env_errors_disable",
	    .text =
	    SVCX("noeq", "1234",		/* 1 */
		"\tenv = GOOD=1 NOEQ\n")	/* 3 */
	    SVCX("envsub", "1235",		/* 11 */
		"\tenv = A=1\n"			/* 13 */
		"\tenv -= A=1\n")		/* 14 */
	    SVC("after", "1236"),
	    .diags = {
		ERR(3, "NOEQ has no '='"),
		ERR(3, "Error parsing attribute env - DISABLING SERVICE"),
		ERR(14, "Service envsub: operator '-=' cannot be used for attribute 'env'"),
		ERR(14, "Error parsing attribute env - DISABLING SERVICE"),
	    },
	    .errors = 4, .svcs = { "after" } },
	{ .name = "syntax_log_options_operators_in_service",
	    .text =
	    "defaults\n{\n"
	    "\tlog_on_success = HOST PID\n"
	    "\tlog_on_failure = HOST\n"
	    "}\n"
	    SVCX("set", "1231", "\tlog_on_success = EXIT\n")
	    SVCX("add", "1232", "\tlog_on_success += DURATION\n")
	    SVCX("sub", "1233", "\tlog_on_success -= PID\n")
	    SVCX("empty", "1234", "\tlog_on_success =\n")
	    SVCX("multi", "1235",
		"\tlog_on_success += EXIT\n"
		"\tlog_on_success -= HOST\n"
		"\tlog_on_success += USERID\n"
		"\tlog_on_failure += ATTEMPT USERID\n")
	    SVC("untouched", "1236"),
	    .svcs = { "set", "add", "sub", "empty", "multi", "untouched" },
	    .more = more_syntax_log_options_operators_in_service },
	{ .name = "syntax_bad_enumerated_values_disable",
	    .text =
	    SVCX("s1", "1231", "\tlog_on_success = PID FOO\n")	/* 1, 3 */
	    SVCX("s2", "1232", "\tlog_on_success = ATTEMPT\n")	/* 11, 13 */
	    SVCX("s3", "1233", "\tlog_on_failure = PID\n")	/* 21, 23 */
	    SVCX("s4", "1234", "\tflags = REUSE BOGUS\n")	/* 31, 33 */
	    SVCX("s5", "1235", "\twait = maybe\n")		/* 41, 43 */
	    "service s6\n{\n"					/* 51 */
	    "\ttype = UNLISTED WEIRD\n"				/* 53 */
	    BODY "\tport = 1236\n}\n"
	    SVC("after", "1237"),
	    .diags = {
		ERR(3, "Bad log_on_success flag: FOO"),
		ERR(13, "Bad log_on_success flag: ATTEMPT"),
		ERR(23, "Bad log_on_failure flag: PID"),
		ERR(33, "Bad service flag: BOGUS"),
		ERR(43, "Bad value for wait: maybe"),
		ERR(53, "Bad service type: WEIRD"),
		ERR(53, "Error parsing attribute type - DISABLING SERVICE"),
	    },
	    .errors = 12, .svcs = { "after" } },
};

/* ====================================================================== */
/* Group values: typed attribute values (reference 2, 2.1-2.3)            */
/* ====================================================================== */

static void values_user_and_group(void **state)
{
	struct fx *f = *state;
	struct passwd *pw = getpwnam("nobody");
	struct group *gr = getgrnam("daemon");
	struct svc_conf *sc;

	assert_non_null(pw);
	assert_non_null(gr);
	uid_t nobody_uid = pw->pw_uid;
	gid_t nobody_gid = pw->pw_gid;
	gid_t daemon_gid = gr->gr_gid;
	bool free_uid = getpwuid(54321) == NULL;

	load_text(f,
	    "service nob\n{\n"
	    "\tuser = nobody\n"
	    "\tgroup = daemon\n"
	    "\tsocket_type = stream\n\twait = no\n\tserver = /bin/true\n"
	    "\ttype = UNLISTED\n\tport = 1231\n}\n"
	    "service num\n{\n"
	    "\tuser = 0\n"
	    "\tgroup = 0\n"
	    "\tsocket_type = stream\n\twait = no\n\tserver = /bin/true\n"
	    "\ttype = UNLISTED\n\tport = 1232\n}\n"
	    "service nopw\n{\n"
	    "\tuser = 54321\n"
	    "\tsocket_type = stream\n\twait = no\n\tserver = /bin/true\n"
	    "\ttype = UNLISTED\n\tport = 1233\n}\n"
	    SVCX("badgroup", "1234", "\tgroup = nosuchgroup_zz\n"));
	/* badgroup starts on line 30. */
	assert_diag(f, LOG_ERR, f->main, 32, "Unknown group: nosuchgroup_zz");
	assert_counts(f, 2, 0);
	assert_svcs(f, "nob", "num", "nopw");
	sc = get_svc(f, "nob");
	assert_string_equal(sc->user, "nobody");
	assert_int_equal(sc->uid, nobody_uid);
	assert_int_equal(sc->user_gid, nobody_gid);
	assert_true(sc->user_known);
	assert_string_equal(sc->group, "daemon");
	assert_int_equal(sc->gid, daemon_gid);
	sc = get_svc(f, "num");
	assert_int_equal(sc->uid, 0);
	assert_string_equal(sc->user, "root");
	assert_true(sc->user_known);
	assert_int_equal(sc->gid, 0);
	/* A numeric user needs no passwd entry (reference 2, user). */
	sc = get_svc(f, "nopw");
	assert_int_equal(sc->uid, 54321);
	if (free_uid) {
		assert_string_equal(sc->user, "54321");
		assert_false(sc->user_known);
	}
}

/* The checks of the values rows beyond diagnostics and services. */

static void more_values_protocol_socket_type_inference(struct fx *f)
{
	struct svc_conf *sc;
	int tcp = getprotobyname("tcp")->p_proto;

	sc = get_svc(f, "inferred");
	assert_int_equal(sc->socket_type, SOCK_STREAM);
	assert_string_equal(sc->protocol, "tcp");
	assert_int_equal(sc->proto_num, tcp);
	/* "TCP" only works because /etc/protocols lists it as an alias. */
	sc = get_svc(f, "alias");
	assert_int_equal(sc->socket_type, SOCK_STREAM);
	assert_int_equal(sc->proto_num, tcp);
	sc = get_svc(f, "derived");
	assert_string_equal(sc->protocol, "tcp");
	assert_int_equal(sc->proto_num, tcp);
}

static void more_values_nice_port_groups(struct fx *f)
{
	assert_int_equal(get_svc(f, "a")->nice, -5);
	assert_int_equal(get_svc(f, "a")->port, 65535);
	assert_true(get_svc(f, "a")->groups);
	assert_int_equal(get_svc(f, "b")->nice, 19);
	assert_int_equal(get_svc(f, "b")->port, 1);
	assert_false(get_svc(f, "b")->groups);
}

static void more_values_instances_and_per_source(struct fx *f)
{
	assert_int_equal(get_svc(f, "unl")->instances, LIMIT_UNLIMITED);
	assert_int_equal(get_svc(f, "unl")->per_source, LIMIT_UNLIMITED);
	assert_true(get_svc(f, "unl")->specified & ABIT(A_INSTANCES));
	assert_int_equal(get_svc(f, "num")->instances, 0);
	assert_int_equal(get_svc(f, "num")->per_source, 5);
}

static void more_values_umask_is_octal(struct fx *f)
{
	assert_int_equal(get_svc(f, "u022")->umask, 022);
	assert_int_equal(get_svc(f, "u0")->umask, 0);
	assert_true(get_svc(f, "u0")->specified & ABIT(A_UMASK));
	assert_int_equal(get_svc(f, "u777")->umask, 0777);
	assert_false(get_svc(f, "unset")->specified & ABIT(A_UMASK));
}

static void more_values_rlimits(struct fx *f)
{
	struct svc_conf *sc;

	sc = get_svc(f, "lim");
	/* The reference's six; the extensions are tested on their own. */
	for (int i = 0; i <= RL_FILES; i++)
		assert_true(sc->rlim[i].set);
	assert_int_equal(sc->rlim[RL_AS].value, 100 * 1024 * 1024);
	assert_int_equal(sc->rlim[RL_CPU].value, 10);
	assert_int_equal(sc->rlim[RL_STACK].value, 1024 * 1024);
	assert_int_equal(sc->rlim[RL_DATA].value, 200 * 1024 * 1024);
	assert_int_equal(sc->rlim[RL_RSS].value, 300 * 1024);
	assert_int_equal(sc->rlim[RL_FILES].value, 100);
	sc = get_svc(f, "unl");
	assert_true(sc->rlim[RL_AS].value == RLIM_INFINITY);
	assert_true(sc->rlim[RL_FILES].value == RLIM_INFINITY);
	assert_true(sc->rlim[RL_CPU].value == RLIM_INFINITY);
	assert_false(sc->rlim[RL_DATA].set);
	assert_false(sc->rlim[RL_RSS].set);
	assert_false(sc->rlim[RL_STACK].set);
}

static void more_values_log_type_syslog(struct fx *f)
{
	struct svc_conf *sc;

	sc = get_svc(f, "d");
	assert_int_equal(sc->log.kind, LOGT_SYSLOG);
	assert_int_equal(sc->log.facility, LOG_DAEMON);
	assert_int_equal(sc->log.level, LOG_INFO);
	sc = get_svc(f, "l3");
	assert_int_equal(sc->log.facility, LOG_LOCAL3);
	assert_int_equal(sc->log.level, LOG_DEBUG);
	sc = get_svc(f, "ap");
	assert_int_equal(sc->log.facility, LOG_AUTHPRIV);
	assert_int_equal(sc->log.level, LOG_WARNING);
}

static void more_values_log_type_file_and_limits(struct fx *f)
{
	struct svc_conf *sc;

	sc = get_svc(f, "nolim");
	assert_int_equal(sc->log.kind, LOGT_FILE);
	assert_string_equal(sc->log.path, "/var/log/x.log");
	assert_int_equal(sc->log.soft, 0);
	assert_int_equal(sc->log.hard, 0);
	/* hard = soft + 1 % of it, the margin clamped to [5 KiB, 20 KiB]. */
	sc = get_svc(f, "k");
	assert_int_equal(sc->log.soft, 10240);
	assert_int_equal(sc->log.hard, 10240 + 5120);
	sc = get_svc(f, "m");
	assert_int_equal(sc->log.soft, 1048576);
	assert_int_equal(sc->log.hard, 1048576 + 10485);
	sc = get_svc(f, "big");
	assert_int_equal(sc->log.soft, 10485760);
	assert_int_equal(sc->log.hard, 10485760 + 20480);
	sc = get_svc(f, "both");
	assert_int_equal(sc->log.soft, 102400);
	assert_int_equal(sc->log.hard, 204800);
	sc = get_svc(f, "lower");
	assert_int_equal(sc->log.soft, 2097152);
	assert_int_equal(sc->log.hard, 3145728);
}

static void more_values_id_defaults_to_name(struct fx *f)
{
	assert_string_equal(get_svc(f, "plain")->id, "plain");
	assert_string_equal(get_svc(f, "named")->id, "other-id");
	assert_string_equal(get_svc(f, "named")->name, "named");
}

static const struct load_case values_loads[] = {
	{ .name = "values_protocol_socket_type_inference",
	    /* Matrix 32. */
	    .text =
	    "service inferred\n{\n"
	    "\tprotocol = tcp\n"
	    "\twait = no\n\tuser = root\n\tserver = /bin/true\n"
	    "\ttype = UNLISTED\n\tport = 1231\n}\n"
	    "service alias\n{\n"
	    "\tprotocol = TCP\n"
	    "\twait = no\n\tuser = root\n\tserver = /bin/true\n"
	    "\ttype = UNLISTED\n\tport = 1232\n}\n"
	    SVC("derived", "1233"),
	    .svcs = { "inferred", "alias", "derived" },
	    .more = more_values_protocol_socket_type_inference },
	{ .name = "values_bad_socket_type_and_protocol",
	    .text =
	    SVCX("badproto", "1231", "\tprotocol = nosuchproto\n")
	    "service badsock\n{\n"			/* 11 */
	    "\tsocket_type = bogus\n"			/* 13 */
	    "\twait = no\n\tuser = root\n\tserver = /bin/true\n"
	    "\ttype = UNLISTED\n\tport = 1232\n}\n",
	    .diags = {
		ERR(3, "Protocol nosuchproto not in /etc/protocols"),
		ERR(13, "Bad socket type: bogus"),
	    },
	    .errors = 4 },
	{ .name = "values_nice_port_groups",
	    .text =
	    "service a\n{\n" BODY "\ttype = UNLISTED\n"
	    "\tport = 65535\n\tnice = -5\n\tgroups = yes\n}\n"
	    SVCX("b", "1", "\tnice = 19\n")
	    SVCX("p1", "65536", "")		/* 22, port on 29 */
	    SVCX("p2", "-1", "")		/* 31, port on 38 */
	    SVCX("p3", "12ab", "")		/* 40, port on 47 */
	    SVCX("g", "1234", "\tgroups = perhaps\n"),	/* 49, 51 */
	    .diags = {
		ERR(29, "port number is invalid"),
		ERR(38, "port number is invalid"),
		ERR(47, "port number is invalid"),
		ERR(47, "Error parsing attribute port - DISABLING SERVICE"),
		ERR(51, "Bad value for groups: perhaps"),
	    },
	    .errors = 8, .svcs = { "a", "b" },
	    .more = more_values_nice_port_groups },
	{ .name = "values_server_must_be_executable",
	    .text =
	    "service notexec\n{\n"			/* 1 */
	    "\tserver = /etc/passwd\n"			/* 3 */
	    "\tsocket_type = stream\n\twait = no\n\tuser = root\n"
	    "\ttype = UNLISTED\n\tport = 1231\n}\n"
	    "service missing\n{\n"			/* 10 */
	    "\tserver = /nonexistent/zz/prog\n"		/* 12 */
	    "\tsocket_type = stream\n\twait = no\n\tuser = root\n"
	    "\ttype = UNLISTED\n\tport = 1232\n}\n",
	    .diags = {
		ERR(3, "Server /etc/passwd is not executable"),
		ERR(12, "Server /nonexistent/zz/prog is not executable"),
	    },
	    .errors = 4 },
	{ .name = "values_instances_and_per_source",
	    .text =
	    SVCX("unl", "1231",
		"\tinstances = UNLIMITED\n\tper_source = unlimited\n")
	    SVCX("num", "1232", "\tinstances = 0\n\tper_source = 5\n")
	    SVCX("bad1", "1233", "\tinstances = abc\n")		/* 23, 25 */
	    SVCX("bad2", "1234", "\tper_source = -2\n"),	/* 33, 35 */
	    .diags = {
		ERR(25, "Bad instances value: abc"),
		ERR(35, "Bad per_source value: -2"),
	    },
	    .errors = 4, .svcs = { "unl", "num" },
	    .more = more_values_instances_and_per_source },
	{ .name = "values_umask_is_octal",
	    .text =
	    SVCX("u022", "1231", "\tumask = 022\n")
	    SVCX("u0", "1232", "\tumask = 0\n")
	    SVCX("u777", "1233", "\tumask = 777\n")
	    SVCX("u800", "1234", "\tumask = 0800\n")		/* 31, 33 */
	    SVCX("u1000", "1235", "\tumask = 1000\n")		/* 41, 43 */
	    SVC("unset", "1236"),
	    .diags = {
		ERR(33, "umask argument is invalid."),
		ERR(43, "umask argument is invalid."),
	    },
	    .errors = 4, .svcs = { "u022", "u0", "u777", "unset" },
	    .more = more_values_umask_is_octal },
	{ .name = "values_rlimits",
	    /* Matrix 39. */
	    .text =
	    SVCX("lim", "1231",
		"\trlimit_as = 100M\n"
		"\trlimit_cpu = 10\n"
		"\trlimit_stack = 1M\n"
		"\trlimit_data = 200M\n"
		"\trlimit_rss = 300k\n"
		"\trlimit_files = 100\n")
	    SVCX("unl", "1232",				/* 16 */
		"\trlimit_as = UNLIMITED\n"
		"\trlimit_files = unlimited\n"
		"\trlimit_cpu = UNLIMITED\n")
	    SVCX("b1", "1233", "\trlimit_cpu = 10K\n")	/* 28, 30 */
	    SVCX("b2", "1234", "\trlimit_as = 12Q\n")	/* 38, 40 */
	    SVCX("b3", "1235", "\trlimit_data = -1\n")	/* 48, 50 */
	    SVCX("b4", "1236", "\trlimit_stack = M\n")	/* 58, 60 */
	    SVCX("b5", "1237", "\trlimit_rss = 1G\n")	/* 68, 70 */
	    SVCX("b6", "1238", "\trlimit_files = x\n"),	/* 78, 80 */
	    .diags = {
		ERR(30, "CPU limit is invalid: 10K"),
		ERR(40, "Address space limit is invalid: 12Q"),
		ERR(50, "Data limit is invalid: -1"),
		ERR(60, "Stack limit is invalid: M"),
		ERR(70, "RSS limit is invalid: 1G"),
		ERR(80, "Max open files limit is invalid: x"),
	    },
	    .errors = 12, .svcs = { "lim", "unl" }, .more = more_values_rlimits },
	{ .name = "values_size_suffix_overflow_rejected",
	    .text =
	    SVCX("as", "1231", "\trlimit_as = 17592186044416M\n")	/* 1, 3 */
	    SVCX("data", "1232",					/* 11, 13 */
		"\trlimit_data = 18014398509481984K\n")
	    SVCX("log", "1233",					/* 21, 23 */
		"\tlog_type = FILE /var/log/x 17592186044416M\n")
	    SVC("after", "1234"),
	    .diags = {
		ERR(3, "Address space limit is invalid: 17592186044416M"),
		ERR(13, "Data limit is invalid: 18014398509481984K"),
		ERR(23, "Bad soft limit: 17592186044416M"),
	    },
	    .errors = 6, .svcs = { "after" } },
	{ .name = "values_log_type_syslog",
	    .text =
	    SVCX("d", "1231", "\tlog_type = SYSLOG daemon\n")
	    SVCX("l3", "1232", "\tlog_type = syslog LOCAL3 Debug\n")
	    SVCX("ap", "1233", "\tlog_type = SYSLOG authpriv warning\n")
	    SVCX("bf", "1234", "\tlog_type = SYSLOG bogus\n")	  /* 31, 33 */
	    SVCX("bl", "1235", "\tlog_type = SYSLOG daemon loud\n") /* 41, 43 */
	    SVCX("ba", "1236",					  /* 51, 53 */
		"\tlog_type = SYSLOG daemon info extra\n")
	    SVCX("bt", "1237", "\tlog_type = JOURNAL x\n"),	  /* 61, 63 */
	    .diags = {
		ERR(33, "Bad syslog facility: bogus"),
		ERR(43, "Bad syslog level: loud"),
		ERR(53, "log_type SYSLOG needs a facility and an optional level"),
		ERR(63, "Bad log_type: JOURNAL"),
	    },
	    .errors = 8, .svcs = { "d", "l3", "ap" },
	    .more = more_values_log_type_syslog },
	{ .name = "values_log_type_file_and_limits",
	    .text =
	    SVCX("nolim", "1231", "\tlog_type = FILE /var/log/x.log\n")
	    SVCX("k", "1232", "\tlog_type = file /var/log/k 10K\n")
	    SVCX("m", "1233", "\tlog_type = FILE /var/log/m 1M\n")
	    SVCX("big", "1234", "\tlog_type = FILE /var/log/b 10M\n")
	    SVCX("both", "1235", "\tlog_type = FILE /var/log/h 100K 200K\n")
	    SVCX("lower", "1236", "\tlog_type = FILE /var/log/l 2m 3M\n")
	    SVCX("inv", "1237",					/* 61, 63 */
		"\tlog_type = FILE /var/log/i 10K 5K\n")
	    SVCX("bs", "1238", "\tlog_type = FILE /var/log/s 1X\n") /* 71, 73 */
	    SVCX("bh", "1239",					/* 81, 83 */
		"\tlog_type = FILE /var/log/s 1K 2X\n"),
	    .diags = {
		ERR(63, "hard limit 5K is below the soft limit"),
		ERR(73, "Bad soft limit: 1X"),
		ERR(83, "Bad hard limit: 2X"),
	    },
	    .errors = 6, .svcs = { "nolim", "k", "m", "big", "both", "lower" },
	    .more = more_values_log_type_file_and_limits },
	{ .name = "values_id_defaults_to_name",
	    .text =
	    SVC("plain", "1231")
	    SVCX("named", "1232", "\tid = other-id\n"),
	    .svcs = { "plain", "named" },
	    .more = more_values_id_defaults_to_name },
};

/* ====================================================================== */
/* Group defaults: snapshot, fill, lists (reference 1.6, 1.10)            */
/* ====================================================================== */

static void defaults_in_included_file_merge(void **state)
{
	struct fx *f = *state;
	const char *inc = put(f, "inc.conf",
	    "defaults\n"			/* 1 */
	    "{\n"				/* 2 */
	    "\tlog_on_success = PID\n"		/* 3 */
	    "\tinstances = 9\n"			/* 4 */
	    "\tper_source = 2\n"		/* 5 */
	    "}\n");
	char *text = xasprintf(
	    "defaults\n{\n"
	    "\tlog_on_success = HOST\n"
	    "\tinstances = 5\n"
	    "}\n"
	    "include %s\n"
	    "%s", inc, SVC("a", "1231"));
	struct svc_conf *sc;

	/* Matrix 18: merged, no "only 1 defaults" error. */
	load_text(f, text);
	free(text);
	assert_diag(f, LOG_WARNING, inc, 4,
	    "Service defaults: attribute already set: instances");
	assert_counts(f, 0, 1);
	sc = get_svc(f, "a");
	assert_int_equal(sc->log_on_success, LOG_S_HOST | LOG_S_PID);
	assert_int_equal(sc->instances, 5);
	assert_int_equal(sc->per_source, 2);
}

/* The checks of the defaults rows beyond diagnostics and services. */

static void more_defaults_snapshot_taken_when_entry_starts(struct fx *f)
{
	struct svc_conf *sc;

	sc = get_svc(f, "early");
	assert_int_equal(sc->log_on_success, LOG_S_PID);
	assert_strvec(&sc->passenv, "XT_EARLY");
	sc = get_svc(f, "late");
	assert_int_equal(sc->log_on_success, LOG_S_HOST | LOG_S_PID);
	assert_strvec(&sc->passenv, "XT_P1", "XT_LATE");
}

static void more_defaults_filled_after_all_files(struct fx *f)
{
	struct svc_conf *sc;

	sc = get_svc(f, "early");
	assert_int_equal(sc->log_on_success, LOG_S_HOST);
	assert_int_equal(sc->log_on_failure, LOG_F_ATTEMPT);
	assert_int_equal(sc->log.kind, LOGT_SYSLOG);
	assert_int_equal(sc->log.facility, LOG_LOCAL1);
	assert_int_equal(sc->log.level, LOG_NOTICE);
	assert_int_equal(sc->instances, 4);
	assert_int_equal(sc->per_source, 2);
	assert_int_equal(sc->umask, 027);
	assert_true(sc->specified & ABIT(A_UMASK));
	assert_true(sc->groups);
	assert_strvec(&sc->passenv, "XT_P1", "XT_P2");
	sc = get_svc(f, "own");
	assert_int_equal(sc->log_on_success, LOG_S_PID);
	assert_int_equal(sc->log_on_failure, LOG_F_ATTEMPT);
	assert_int_equal(sc->log.kind, LOGT_FILE);
	assert_string_equal(sc->log.path, "/var/log/own.log");
	assert_int_equal(sc->instances, 9);
	assert_int_equal(sc->per_source, 2);
	assert_int_equal(sc->umask, 077);
	assert_false(sc->groups);
	assert_strvec(&sc->passenv, "XT_P3");
}

static void more_defaults_builtin_fallbacks(struct fx *f)
{
	struct svc_conf *sc;

	sc = get_svc(f, "bare");
	assert_int_equal(sc->log.kind, LOGT_NONE);
	assert_int_equal(sc->log_on_success, 0);
	assert_int_equal(sc->log_on_failure, 0);
	assert_int_equal(sc->instances, LIMIT_UNLIMITED);
	assert_int_equal(sc->per_source, LIMIT_UNLIMITED);
	assert_false(sc->groups);
	assert_false(sc->specified & ABIT(A_UMASK));
	assert_false(sc->specified & ABIT(A_PASSENV));
	assert_int_equal(sc->passenv.n, 0);
	assert_int_equal(sc->nice, 0);
	for (int i = 0; i < RL_COUNT; i++)
		assert_false(sc->rlim[i].set);
}

static void more_defaults_equal_accumulates(struct fx *f)
{
	struct svc_conf *sc;

	sc = get_svc(f, "s");
	assert_int_equal(sc->log_on_success, LOG_S_HOST | LOG_S_DURATION);
	assert_int_equal(sc->log_on_failure, LOG_F_HOST | LOG_F_ATTEMPT);
	assert_strvec(&sc->passenv, "XT_P1", "XT_P2");
	assert_strvec(&get_svc(f, "add")->passenv, "XT_P1", "XT_P2", "XT_P4");
}

static void more_defaults_second_block_in_same_file_ignored(struct fx *f)
{
	struct svc_conf *sc;

	sc = get_svc(f, "a");
	assert_int_equal(sc->instances, 3);
	assert_int_equal(sc->log_on_success, 0);
}

static void more_defaults_service_only_attributes_warn(struct fx *f)
{
	struct svc_conf *sc;

	sc = get_svc(f, "a");
	assert_string_equal(sc->server, "/bin/true");
	assert_int_equal(sc->nice, 0);
	assert_int_equal(sc->port, 1231);
	assert_int_equal(sc->instances, LIMIT_UNLIMITED);
}

static void more_defaults_disabled_list(struct fx *f)
{
	assert_int_equal(f->ndiags, 0);
}

static const struct load_case defaults_loads[] = {
	{ .name = "defaults_snapshot_taken_when_entry_starts",
	    /* Reference 1.6 (a): list edits apply to the defaults seen so far. */
	    .text =
	    SVCX("early", "1231",
		"\tlog_on_success += PID\n"
		"\tpassenv += XT_EARLY\n")
	    "defaults\n{\n"
	    "\tlog_on_success = HOST\n"
	    "\tpassenv = XT_P1\n"
	    "}\n"
	    SVCX("late", "1232",
		"\tlog_on_success += PID\n"
		"\tpassenv += XT_LATE\n"),
	    .svcs = { "early", "late" },
	    .more = more_defaults_snapshot_taken_when_entry_starts },
	{ .name = "defaults_filled_after_all_files",
	    /*
	     * Reference 1.6 (b) and matrix 21: a service placed before the
	     * defaults still gets the final log options, log_type, limits, umask,
	     * groups and the passenv environment -- unless it set them itself.
	     */
	    .text =
	    SVC("early", "1231")
	    "defaults\n{\n"
	    "\tlog_on_success = HOST\n"
	    "\tlog_on_failure = ATTEMPT\n"
	    "\tlog_type = SYSLOG local1 notice\n"
	    "\tinstances = 4\n"
	    "\tper_source = 2\n"
	    "\tumask = 027\n"
	    "\tgroups = yes\n"
	    "\tpassenv = XT_P1 XT_P2\n"
	    "}\n"
	    SVCX("own", "1232",
		"\tlog_on_success = PID\n"
		"\tinstances = 9\n"
		"\tumask = 077\n"
		"\tgroups = no\n"
		"\tlog_type = FILE /var/log/own.log\n"
		"\tpassenv = XT_P3\n"),
	    .svcs = { "early", "own" },
	    .more = more_defaults_filled_after_all_files },
	{ .name = "defaults_builtin_fallbacks",
	    /* Matrix 25: no log_type anywhere means no service logging. */
	    .text = SVC("bare", "1231"),
	    .svcs = { "bare" }, .more = more_defaults_builtin_fallbacks },
	{ .name = "defaults_equal_accumulates",
	    /* Matrix 22 (with lists this version has): '=' adds in defaults. */
	    .text =
	    "defaults\n{\n"
	    "\tlog_on_success = HOST\n"
	    "\tlog_on_success = PID\n"
	    "\tlog_on_success = DURATION\n"
	    "\tlog_on_success -= PID\n"
	    "\tlog_on_failure = HOST\n"
	    "\tlog_on_failure += ATTEMPT\n"
	    "\tpassenv = XT_P1\n"
	    "\tpassenv = XT_P2\n"
	    "\tpassenv -= NOPE\n"
	    "}\n"
	    SVC("s", "1231")
	    SVCX("add", "1232", "\tpassenv += XT_P4\n"),
	    .svcs = { "s", "add" }, .more = more_defaults_equal_accumulates },
	{ .name = "defaults_second_block_in_same_file_ignored",
	    /* Matrix 17. */
	    .text =
	    "defaults\n"			/* 1 */
	    "{\n"				/* 2 */
	    "\tinstances = 3\n"			/* 3 */
	    "}\n"				/* 4 */
	    "defaults\n"			/* 5 */
	    "{\n"				/* 6 */
	    "\tinstances = 9\n"			/* 7 */
	    "\tlog_on_success = PID\n"		/* 8 */
	    "}\n"				/* 9 */
	    SVC("a", "1231"),
	    .diags = {
		ERR(5, "only 1 defaults entry is allowed. This entry will be ignored"),
	    },
	    .errors = 1, .svcs = { "a" },
	    .more = more_defaults_second_block_in_same_file_ignored },
	{ .name = "defaults_service_only_attributes_warn",
	    .text =
	    "defaults\n"			/* 1 */
	    "{\n"				/* 2 */
	    "\tserver = /bin/echo\n"		/* 3 */
	    "\tdisable = yes\n"			/* 4 */
	    "\tnice = 3\n"			/* 5 */
	    "\tport = 5\n"			/* 6 */
	    "\tfrobnicate = 1\n"		/* 7 */
	    "\tinstances += 2\n"		/* 8 */
	    "}\n"
	    SVC("a", "1231"),
	    .diags = {
		WARN(3, "attribute: server should not be in default section"),
		WARN(4, "attribute: disable should not be in default section"),
		WARN(5, "attribute: nice should not be in default section"),
		WARN(6, "attribute: port should not be in default section"),
		WARN(7, "bad service attribute: frobnicate"),
		WARN(8, "Service defaults: operator '+=' cannot be used for attribute 'instances'"),
	    },
	    .warnings = 6, .svcs = { "a" },
	    .more = more_defaults_service_only_attributes_warn },
	{ .name = "defaults_bad_value_is_fatal",
	    /* Matrix 16 (the exit itself is the daemon's business). */
	    .text =
	    "defaults\n"			/* 1 */
	    "{\n"				/* 2 */
	    "\tinstances = abc\n"		/* 3 */
	    "}\n"
	    SVC("a", "1231"),
	    .diags = {
		ERR(3, "Bad instances value: abc"),
		ERR(3, "A fatal error was encountered while parsing the default section. xinetd will exit."),
	    },
	    .errors = 2, .fatal = true, .svcs = { "a" } },
	{ .name = "defaults_disabled_list",
	    /*
	     * Matrix 23: listed ids vanish without a word, before validation (the
	     * broken entry with id dis1 is not validated). The list matches ids,
	     * not names.
	     */
	    .text =
	    "defaults\n{\n"
	    "\tdisabled = dis1 DIS2\n"
	    "\tdisabled = byname\n"
	    "}\n"
	    SVC("dis1", "1231")
	    SVC("dis2", "1232")
	    "service broken\n{\n\tid = dis1\n\tsocket_type = stream\n}\n"
	    SVCX("byname", "1233", "\tid = theid\n")
	    SVC("keep", "1234"),
	    .svcs = { "byname", "keep" }, .more = more_defaults_disabled_list },
	{ .name = "defaults_enabled_list",
	    /* Matrix 24; two enabled lines accumulate. */
	    .text =
	    "defaults\n{\n"
	    "\tenabled = en1 EN2\n"
	    "\tenabled = en3 other-id\n"
	    "}\n"
	    SVC("en1", "1231")
	    SVC("en2", "1232")
	    SVCX("en3", "1233", "\tdisable = yes\n")
	    SVC("notenabled", "1234")
	    SVCX("byid", "1235", "\tid = other-id\n")
	    SVCX("other-id", "1236", "\tid = x\n"),
	    .diags = {
		DBG("removing notenabled"),
		DBG("removing other-id"),
	    },
	    .svcs = { "en1", "en2", "byid" } },
};

/* ====================================================================== */
/* Group include: include and includedir (reference 1.5)                  */
/* ====================================================================== */

static void include_file_order_and_locations(void **state)
{
	struct fx *f = *state;
	const char *inc = put(f, "inc.conf",
	    "# included\n"			/* 1 */
	    SVCX("c", "1235",			/* 2 */
		"\tfrobnicate = 1\n"));		/* 4 */
	char *text = xasprintf("%sINCLUDE %s\n%s",	/* include on 10 */
	    SVC("a", "1234"), inc, SVC("b", "1236"));	/* b on 11 */
	struct svc_conf *sc;

	load(f, put(f, "main.conf", text));
	free(text);
	assert_diag(f, LOG_WARNING, inc, 4, "bad service attribute: frobnicate");
	assert_counts(f, 0, 1);
	assert_svcs(f, "a", "c", "b");
	sc = get_svc(f, "a");
	assert_string_equal(sc->file, f->main);
	assert_int_equal(sc->line, 1);
	sc = get_svc(f, "c");
	assert_string_equal(sc->file, inc);
	assert_int_equal(sc->line, 2);
	sc = get_svc(f, "b");
	assert_string_equal(sc->file, f->main);
	assert_int_equal(sc->line, 11);
}

static void include_missing_file_rest_loads(void **state)
{
	struct fx *f = *state;
	const char *nope = path_of(f, "nope.conf");
	char *text = xasprintf("%sinclude %s\n%s", SVC("a", "1234"), nope,
	    SVC("b", "1235"));

	/* Matrix 20. */
	load_text(f, text);
	free(text);
	assert_diag(f, LOG_ERR, f->main, 10,
	    "Unable to open included configuration file: %s (%s)", nope,
	    strerror(ENOENT));
	assert_counts(f, 1, 0);
	assert_svcs(f, "a", "b");
}

static void include_dir_order_and_skipped_names(void **state)
{
	struct fx *f = *state;
	const char *d = mkdir_in(f, "xinetd.d");
	char *text;

	/* Matrix 19, plus symlinks (stat follows them). */
	put(f, "xinetd.d/a", SVC("a", "2002"));
	put(f, "xinetd.d/Z", SVC("Z", "2001"));
	put(f, "xinetd.d/b", SVC("b", "2003"));
	put(f, "xinetd.d/d-e", SVC("d-e", "2004"));
	put(f, "xinetd.d/foo_bar", SVC("foo_bar", "2005"));
	put(f, "xinetd.d/a.conf", SVC("a_conf", "2101"));
	put(f, "xinetd.d/c~", SVC("c_tilde", "2102"));
	put(f, "xinetd.d/.hidden", SVC("hidden", "2103"));
	put(f, "xinetd.d/x.rpmsave", SVC("rpmsave", "2104"));
	put(f, "xinetd.d/x.dpkg-old", "this would not parse\n");
	mkdir_in(f, "xinetd.d/SUBDIR");
	put(f, "xinetd.d/SUBDIR/inner", SVC("inner", "2105"));
	mkdir_in(f, "ext");
	put(f, "ext/target", SVC("lnk", "2006"));
	assert_int_equal(symlink("../ext/target", path_of(f, "xinetd.d/lnk")),
	    0);
	assert_int_equal(symlink("../ext/none", path_of(f, "xinetd.d/dangle")),
	    0);

	text = xasprintf("# main\nincludedir %s\n", d);	/* line 2 */
	load_text(f, text);
	free(text);
	assert_svcs(f, "Z", "a", "b", "d-e", "foo_bar", "lnk");
	assert_diag(f, LOG_ERR, f->main, 2,
	    "%s/SUBDIR is not a regular file. It is being skipped.", d);
	assert_diag(f, LOG_ERR, f->main, 2,
	    "%s/dangle is not a regular file. It is being skipped.", d);
	assert_counts(f, 2, 0);
	assert_string_equal(get_svc(f, "Z")->file, path_of(f, "xinetd.d/Z"));
	assert_string_equal(get_svc(f, "lnk")->file,
	    path_of(f, "xinetd.d/lnk"));
}

static void include_dir_unreadable(void **state)
{
	struct fx *f = *state;
	const char *nope = path_of(f, "nope.d");
	char *text = xasprintf("%sincludedir %s\n", SVC("a", "1234"), nope);

	load_text(f, text);
	free(text);
	assert_diag(f, LOG_ERR, f->main, 10,
	    "Unable to read included directory: %s", nope);
	assert_counts(f, 1, 0);
	assert_svcs(f, "a");
}

static void include_self_loop_detected(void **state)
{
	struct fx *f = *state;
	const char *self = path_of(f, "main.conf");
	char *text = xasprintf("%sinclude %s\n%s", SVC("a", "1234"), self,
	    SVC("b", "1235"));

	load(f, put(f, "main.conf", text));
	free(text);
	assert_diag(f, LOG_ERR, self, 10,
	    "include loop: %s is already being read; skipped", self);
	assert_counts(f, 1, 0);
	assert_svcs(f, "a", "b");
}

static void include_mutual_loop_detected(void **state)
{
	struct fx *f = *state;
	const char *pa = path_of(f, "A.conf");
	const char *pb = path_of(f, "B.conf");
	char *ta = xasprintf("%sinclude %s\n%s", SVC("a", "1234"), pb,
	    SVC("a2", "1236"));
	char *tb = xasprintf("%sinclude %s\n", SVC("b", "1235"), pa);

	put(f, "A.conf", ta);
	put(f, "B.conf", tb);
	free(ta);
	free(tb);
	load(f, pa);
	assert_diag(f, LOG_ERR, pb, 10,
	    "include loop: %s is already being read; skipped", pa);
	assert_counts(f, 1, 0);
	assert_svcs(f, "a", "b", "a2");
}

static void include_loop_through_includedir_and_symlink(void **state)
{
	struct fx *f = *state;
	const char *m = path_of(f, "main.conf");
	const char *d = mkdir_in(f, "d");
	const char *alias = path_of(f, "alias.conf");
	char *tm = xasprintf("%sincludedir %s\n", SVC("a", "1234"), d);
	char *tx = xasprintf("include %s\n%s", alias, SVC("x", "1235"));

	/* The loop goes through another name for the same file. */
	assert_int_equal(symlink("main.conf", alias), 0);
	put(f, "main.conf", tm);
	put(f, "d/x", tx);
	free(tm);
	free(tx);
	load(f, m);
	assert_diag(f, LOG_ERR, path_of(f, "d/x"), 1,
	    "include loop: %s is already being read; skipped", alias);
	assert_counts(f, 1, 0);
	assert_svcs(f, "a", "x");
}

static void include_same_file_twice_is_not_a_loop(void **state)
{
	struct fx *f = *state;
	const char *c = put(f, "c.conf", SVC("c", "1234"));
	char *text = xasprintf("include %s\ninclude %s\n", c, c);

	/* Duplicate entries are accepted (reference 1.9). */
	load_text(f, text);
	free(text);
	assert_clean(f);
	assert_svcs(f, "c", "c");
}

static void include_depth_is_limited(void **state)
{
	enum { N = 20, LIMIT = 16 };	/* LIMIT: MAX_INCLUDE_DEPTH, parse.c */
	struct fx *f = *state;
	const char *paths[N];
	char name[32], svc[32], port[8];

	for (int i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "f%02d.conf", i);
		paths[i] = path_of(f, name);
	}
	for (int i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "f%02d.conf", i);
		snprintf(svc, sizeof(svc), "s%02d", i);
		snprintf(port, sizeof(port), "%d", 3000 + i);
		char *text = xasprintf(
		    "service %s\n{\n" BODY "\ttype = UNLISTED\n"
		    "\tport = %s\n}\n"
		    "include %s\n",		/* line 10 */
		    svc, port, i + 1 < N ? paths[i + 1] : "/nonexistent");
		put(f, name, text);
		free(text);
	}
	load(f, paths[0]);
	assert_diag(f, LOG_ERR, paths[LIMIT - 1], 10,
	    "includes nested deeper than %d levels: %s is skipped", LIMIT,
	    paths[LIMIT]);
	assert_counts(f, 1, 0);
	assert_int_equal(f->cs->nsvcs, LIMIT);
	for (int i = 0; i < LIMIT; i++) {
		snprintf(svc, sizeof(svc), "s%02d", i);
		assert_string_equal(f->cs->svcs[i]->name, svc);
	}
}

static void include_relative_path_uses_cwd(void **state)
{
	struct fx *f = *state;

	/* Reference 1.5: relative to the current directory. */
	put(f, "rel.conf", SVC("rel", "1234"));
	put(f, "main.conf", "include rel.conf\n");
	assert_int_equal(chdir(f->dir), 0);
	load(f, "main.conf");
	assert_clean(f);
	assert_svcs(f, "rel");
	assert_string_equal(get_svc(f, "rel")->file, "rel.conf");
}

static void include_error_in_file_cannot_swallow_includer(void **state)
{
	struct fx *f = *state;
	const char *inc = put(f, "open.conf",
	    "service open\n{\n\tport = 1\n");	/* no closing brace */
	const char *inc2 = put(f, "skip.conf",
	    "service bad\n{\n\tport=1\n");	/* skip runs to end of file */
	char *text = xasprintf("%sinclude %s\ninclude %s\n%s",
	    SVC("a", "1234"), inc, inc2, SVC("b", "1235"));

	load_text(f, text);
	free(text);
	assert_diag(f, LOG_ERR, inc, 3,
	    "Service open: missing '}' at end of file");
	assert_diag(f, LOG_ERR, inc2, 3,
	    "Attribute port needs a space before operator");
	assert_counts(f, 2, 0);
	assert_svcs(f, "a", "b");
}

static void include_of_a_directory_is_reported(void **state)
{
	struct fx *f = *state;
	const char *d;
	char *text;
	bool found = false;

	d = mkdir_in(f, "sub");
	text = xasprintf("include %s\n%s", d, SVC("a", "1234"));
	load_text(f, text);
	free(text);
	for (size_t i = 0; i < f->ndiags; i++)
		if (f->diags[i].level == LOG_ERR && f->diags[i].line == 1 &&
		    f->diags[i].file != NULL &&
		    strcmp(f->diags[i].file, f->main) == 0 &&
		    strstr(f->diags[i].msg, d) != NULL)
			found = true;
	if (!found)
		dump_diags(f);
	assert_true(found);
	assert_svcs(f, "a");
}

static const struct load_case include_loads[] = {
	{ .name = "include_keyword_needs_a_path",
	    .text = "include\nIncludeDir\n" SVC("a", "1234"),
	    .diags = {
		ERR(1, "include needs a path"),
		ERR(2, "IncludeDir needs a path"),
	    },
	    .errors = 2, .svcs = { "a" } },
};

/* ====================================================================== */
/* Group validate: required attributes, ports, argv (reference 1.7, 1.8, 3) */
/* ====================================================================== */

static void validate_required_in_entry_not_defaults(void **state)
{
	struct fx *f = *state;
	const char *inc = put(f, "inc.conf",
	    "# comment\n\n"
	    "service nowait\n{\n"			/* 3 */
	    "\tsocket_type = stream\n\tuser = root\n\tserver = /bin/true\n"
	    "\ttype = UNLISTED\n\tport = 1231\n}\n");
	char *text = xasprintf("defaults\n{\n\twait = no\n}\ninclude %s\n",
	    inc);

	/* wait is not a defaults attribute; the location is the entry's. */
	load_text(f, text);
	free(text);
	assert_diag(f, LOG_WARNING, f->main, 3,
	    "attribute: wait should not be in default section");
	assert_diag(f, LOG_ERR, inc, 3,
	    "Service nowait missing attribute wait - DISABLING");
	assert_counts(f, 1, 1);
	assert_no_svcs(f);
}

static void validate_listed_port_from_etc_services(void **state)
{
	struct fx *f = *state;

	if (!have_services_db())
		return;
	/* Matrix 31-32; the lookup uses the name, not the id. */
	load_text(f,
	    "service ftp\n{\n" BODY "\tid = ftp-custom\n}\n"
	    "service telnet\n{\n\tprotocol = tcp\n"
	    "\twait = no\n\tuser = root\n\tserver = /bin/true\n}\n"
	    "service daytime\n{\n" BODY "\tport = 13\n}\n");
	assert_clean(f);
	assert_int_equal(get_svc(f, "ftp")->port, 21);
	assert_string_equal(get_svc(f, "ftp")->id, "ftp-custom");
	assert_int_equal(get_svc(f, "telnet")->port, 23);
	assert_int_equal(get_svc(f, "telnet")->socket_type, SOCK_STREAM);
	assert_int_equal(get_svc(f, "daytime")->port, 13);

	/* Matrix 31: an alias resolves to its entry's port. */
	if (getservbyname("www", "tcp") != NULL) {
		load_text(f, "service www\n{\n" BODY "}\n");
		assert_clean(f);
		assert_int_equal(get_svc(f, "www")->port,
		    ntohs((uint16_t)getservbyname("www", "tcp")->s_port));
	}
}

/* The checks of the validate rows beyond diagnostics and services. */

static void more_validate_duplicates_are_accepted(struct fx *f)
{
	assert_int_equal(f->cs->svcs[0]->port, 1231);
	assert_int_equal(f->cs->svcs[1]->port, 1232);
}

static void more_validate_listed_port_mismatch_and_unknown(struct fx *f)
{
	assert_int_equal(get_svc(f, "tftp")->port, 6969);
}

static void more_validate_server_argv(struct fx *f)
{
	struct strvec argv = { 0 };

	conf_server_argv(get_svc(f, "before"), &argv);
	assert_strvec(&argv, "myname", "x", "y");
	conf_server_argv(get_svc(f, "after"), &argv);
	assert_strvec(&argv, "myname", "x", "y");
	conf_server_argv(get_svc(f, "plain"), &argv);
	assert_strvec(&argv, "echo", "a", "b");
	conf_server_argv(get_svc(f, "noargs"), &argv);
	assert_strvec(&argv, "true");
	assert_null(argv.v[argv.n]);
	strvec_clear(&argv);
}

static const struct load_case validate_loads[] = {
	/*
	 * A wait = yes stream server accepts for itself: the daemon never
	 * sees the client, so the lists and per_source are said to be idle
	 * (issue 9); the service still loads. Not for dgram, nor nowait.
	 */
	{ .name = "validate_wait_stream_checks_unenforced_warned",
	    .text =
	    "service ws\n{\n"				/* 1 */
	    "\tsocket_type = stream\n\twait = yes\n\tuser = root\n"
	    "\tserver = /bin/true\n\ttype = UNLISTED\n\tport = 1241\n"
	    "\tonly_from = 127.0.0.1\n\tno_access = 10.0.0.1\n"
	    "\tper_source = 2\n}\n"
	    "service wsplain\n{\n"			/* 13 */
	    "\tsocket_type = stream\n\twait = yes\n\tuser = root\n"
	    "\tserver = /bin/true\n\ttype = UNLISTED\n\tport = 1242\n}\n"
	    "service wd\n{\n"				/* 22 */
	    "\tsocket_type = dgram\n\twait = yes\n\tuser = root\n"
	    "\tserver = /bin/true\n\ttype = UNLISTED\n\tport = 1243\n"
	    "\tonly_from = 127.0.0.1\n}\n",
	    .diags = {
		WARN(1, "Service ws: a wait = yes stream server accepts its own connections, so these cannot be enforced: only_from no_access per_source"),
	    },
	    .warnings = 1, .svcs = { "ws", "wsplain", "wd" } },
	{ .name = "validate_missing_required_attributes",
	    .text =
	    "service nowait\n{\n"			/* 1 */
	    "\tsocket_type = stream\n\tuser = root\n\tserver = /bin/true\n"
	    "\ttype = UNLISTED\n\tport = 1231\n}\n"
	    "service nouser\n{\n"			/* 9 */
	    "\tsocket_type = stream\n\twait = no\n\tserver = /bin/true\n"
	    "\ttype = UNLISTED\n\tport = 1232\n}\n"
	    "service noserver\n{\n"			/* 17 */
	    "\tid = srv-id\n"
	    "\tsocket_type = stream\n\twait = no\n\tuser = root\n"
	    "\ttype = UNLISTED\n\tport = 1233\n}\n"
	    "service nosock\n{\n"			/* 26 */
	    "\twait = no\n\tuser = root\n\tserver = /bin/true\n"
	    "\ttype = UNLISTED\n\tport = 1234\n}\n"
	    "service grouponly\n{\n"			/* 34 */
	    "\tgroup = daemon\n"
	    "\tsocket_type = stream\n\twait = no\n\tserver = /bin/true\n"
	    "\ttype = UNLISTED\n\tport = 1235\n}\n"
	    "service listed\n{\n"			/* 43 */
	    "\twait = no\n\tuser = root\n\tserver = /bin/true\n}\n",
	    .diags = {
		ERR(1, "Service nowait missing attribute wait - DISABLING"),
		ERR(9, "Service nouser missing attribute user - DISABLING"),
		/* xinetd's own wording for a missing server (1.7), with the name. */
		ERR(17, "Must specify a server in noserver"),
		ERR(26, "Service nosock missing attribute socket_type - DISABLING"),
		/* group without user (reference 1.8). */
		ERR(34, "Service grouponly missing attribute user - DISABLING"),
		ERR(43, "Port not specified for service: listed and no protocol given"),
	    },
	    .errors = 6 },
	{ .name = "validate_unlisted_needs_port",
	    .text =
	    SVC("ok", "1234")
	    "service noport\n{\n" BODY "\ttype = UNLISTED\n}\n", /* 10 */
	    .diags = {
		ERR(10, "Unlisted service: noport must have a port entry"),
	    },
	    .errors = 1, .svcs = { "ok" } },
	{ .name = "validate_duplicates_are_accepted",
	    /* Matrix 28 and reference 1.9: same name, same id, different case. */
	    .text =
	    SVCX("dup", "1231", "\tid = same\n")
	    SVCX("dup", "1232", "\tid = same\n")
	    SVC("DUP", "1233"),
	    .svcs = { "dup", "dup", "DUP" },
	    .more = more_validate_duplicates_are_accepted },
	{ .name = "validate_listed_port_mismatch_and_unknown",
	    /* Matrix 30 and reference 3. */
	    .text =
	    "service ftp\n{\n" BODY "\tport = 2121\n}\n"		/* 1 */
	    "service zz_not_listed\n{\n" BODY "}\n"			/* 9 */
	    "service zz_not_listed2\n{\n" BODY "\tport = 5000\n}\n"	/* 16 */
	    "service tftp\n{\n" BODY "}\n"				/* 24 */
	    SVC("tftp", "6969"),	/* UNLISTED skips every check */
	    .diags = {
		ERR(1, "Service ftp expects port 21, not 2121"),
		ERR(9, "Port not specified and can't find service: zz_not_listed with getservbyname"),
		ERR(16, "service/protocol combination not in /etc/services: zz_not_listed2/tcp"),
		/* tftp is listed for udp only. */
		ERR(24, "Port not specified and can't find service: tftp with getservbyname"),
	    },
	    .errors = 4, .services_db = true, .svcs = { "tftp" },
	    .more = more_validate_listed_port_mismatch_and_unknown },
	{ .name = "validate_server_argv",
	    /*
	     * Matrix 35, 36 and 34's argv0: NAMEINARGS is order-independent in
	     * xinetd-ng (reference 11; xinetd crashed the child, matrix 36).
	     */
	    .text =
	    SVCX("before", "1231",
		"\tflags = NAMEINARGS\n\tserver_args = myname x y\n")
	    SVCX("after", "1232",
		"\tserver_args = myname x y\n\tflags = NAMEINARGS\n")
	    "service plain\n{\n"
	    "\tsocket_type = stream\n\twait = no\n\tuser = root\n"
	    "\tserver = /bin/echo\n\tserver_args = a b\n"
	    "\ttype = UNLISTED\n\tport = 1233\n}\n"
	    SVC("noargs", "1234"),
	    .svcs = { "before", "after", "plain", "noargs" },
	    .more = more_validate_server_argv },
	{ .name = "validate_nameinargs_needs_server_args",
	    .text = SVCX("na", "1231", "\tflags = NAMEINARGS\n"),
	    .diags = {
		ERR(1, "Service na has NAMEINARGS flag set and no server_args"),
	    },
	    .errors = 1 },
};

/* ====================================================================== */
/* Group features: access control, limits, internal services and other     */
/* attributes handled at load time (reference 1.6, 1.7, 2; matrix 15-33)   */
/* ====================================================================== */

static void features_redirect_values(void **state)
{
	struct fx *f = *state;

	load_text(f,
	    SVCX("big", "1231", "\tredirect = 127.0.0.1 70000\n")
	    SVCX("name", "1232", "\tredirect = 127.0.0.1 zz_no_such_port\n")
	    SVCX("dgram", "1233", "\tredirect = 127.0.0.1 80\n"	/* 21 */
		"\tsocket_type = dgram\n")			/* 24 */
	    SVCX("ok", "1234", "\tredirect = 127.0.0.1 ftp\n"));
	assert_diag(f, LOG_ERR, f->main, 3, "port number too large");
	assert_diag(f, LOG_ERR, f->main, 13, "port number invalid");
	/* BODY's socket_type (line 25) comes second and is ignored. */
	assert_diag(f, LOG_WARNING, f->main, 25,
	    "Service dgram: attribute already set: socket_type");
	assert_diag(f, LOG_ERR, f->main, 21,
	    "Only tcp sockets are supported for redirected service dgram");
	assert_counts(f, 5, 1);
	if (getservbyname("ftp", "tcp") != NULL) {
		/* The port may be a tcp service name (reference 3). */
		assert_svcs(f, "ok");
		assert_string_equal(get_svc(f, "ok")->redirect_port, "ftp");
	}
}

/* The checks of the features rows beyond diagnostics and services. */

static void more_features_access_times(struct fx *f)
{
	struct svc_conf *sc;

	sc = get_svc(f, "ok");
	assert_int_equal(sc->n_access_times, 2);
	assert_int_equal(sc->access_times[0].start, 2 * 60);
	assert_int_equal(sc->access_times[0].end, 9 * 60);
	assert_int_equal(sc->access_times[1].start, 12 * 60);
	assert_int_equal(sc->access_times[1].end, 23 * 60 + 59);
}

static void more_features_defaults_snapshot_only_from_and_banner(struct fx *f)
{
	struct svc_conf *sc;

	sc = get_svc(f, "early");
	assert_false(sc->only_from_set);
	assert_int_equal(sc->only_from.n, 0);
	assert_null(sc->banner);
	assert_int_equal(sc->log_on_success, LOG_S_HOST);
	sc = get_svc(f, "late");
	assert_true(sc->only_from_set);
	assert_int_equal(sc->only_from.n, 1);
	assert_string_equal(sc->only_from.v[0].text, "127.0.0.1");
	assert_string_equal(sc->banner, "/etc/issue");
	assert_int_equal(sc->log_on_success, LOG_S_HOST);
}

static void more_features_only_from_lists(struct fx *f)
{
	struct svc_conf *sc;

	sc = get_svc(f, "add");
	assert_int_equal(sc->only_from.n, 3);
	assert_string_equal(sc->only_from.v[0].text, "127.0.0.1");
	assert_string_equal(sc->only_from.v[1].text, "10.0.0.1");
	assert_string_equal(sc->only_from.v[2].text, "::1");
	sc = get_svc(f, "set");
	assert_int_equal(sc->only_from.n, 1);
	assert_string_equal(sc->only_from.v[0].text, "192.0.2.1");
	sc = get_svc(f, "sub");
	assert_int_equal(sc->only_from.n, 1);
	assert_string_equal(sc->only_from.v[0].text, "127.0.0.1");
	sc = get_svc(f, "empty");
	assert_true(sc->only_from_set);
	assert_int_equal(sc->only_from.n, 0);
	assert_int_equal(get_svc(f, "inherit")->only_from.n, 2);
	assert_false(get_svc(f, "inherit")->no_access_set);
}

static void more_features_traffic_needs_redirect(struct fx *f)
{
	assert_int_equal(get_svc(f, "redir")->log_on_success,
	    LOG_S_HOST | LOG_S_TRAFFIC);
	assert_string_equal(get_svc(f, "redir")->redirect_host, "127.0.0.1");
}

static void more_features_internal_services(struct fx *f)
{
	assert_int_equal(get_svc(f, "echo")->port, 7);
	assert_string_equal(get_svc(f, "echo")->id, "echo-stream");
}

static void more_features_socket_and_wait_rules(struct fx *f)
{
	assert_int_equal(get_svc(f, "dgw")->socket_type, SOCK_DGRAM);
	assert_true(get_svc(f, "dgw")->wait);
	assert_true(get_svc(f, "sw")->wait);
}

static void more_features_flag_rules(struct fx *f)
{
	assert_int_equal(get_svc(f, "both")->flags, SVC_F_IPV6);
	assert_int_equal(get_svc(f, "icpt")->flags, SVC_F_KEEPALIVE);
}

static void more_features_cps_max_load_deny_time(struct fx *f)
{
	struct svc_conf *sc;

	sc = get_svc(f, "own");
	assert_int_equal(sc->cps_max, 0);
	assert_int_equal(sc->cps_wait, 0);
	assert_true(sc->max_load > 2.49 && sc->max_load < 2.51);
	assert_int_equal(sc->deny_time, DENY_FOREVER);
	sc = get_svc(f, "inh");
	assert_int_equal(sc->cps_max, 7);
	assert_int_equal(sc->cps_wait, 3);
	assert_int_equal(sc->deny_time, 15);
	sc = get_svc(f, "never");
	assert_int_equal(sc->deny_time, 0);
	assert_true(sc->v6only);
}

static void more_features_builtin_cps_and_passenv_warning(struct fx *f)
{
	struct svc_conf *sc;

	sc = get_svc(f, "plain");
	assert_int_equal(sc->cps_max, 50);
	assert_int_equal(sc->cps_wait, 10);
}

static const struct load_case features_loads[] = {
	{ .name = "features_access_times",
	    /* Matrix 15: 24:00 is not a time, and the service is disabled. */
	    .text =
	    SVCX("ok", "1231", "\taccess_times = 2:00-9:00 12:00-23:59\n")
	    SVCX("bad", "1232", "\taccess_times = 2:00-9:00 12:00-24:00\n")
	    SVCX("rev", "1233", "\taccess_times = 9:00-2:00\n")	/* 21 */
	    SVCX("junk", "1234", "\taccess_times = noon\n"),	/* 31 */
	    .diags = {
		ERR(13, "invalid time interval: 12:00-24:00"),
		ERR(13, "Error parsing attribute access_times - DISABLING SERVICE"),
		ERR(23, "invalid time interval: 9:00-2:00"),
		ERR(33, "invalid time interval: noon"),
	    },
	    .errors = 6, .svcs = { "ok" }, .more = more_features_access_times },
	{ .name = "features_defaults_snapshot_only_from_and_banner",
	    /*
	     * Matrix 21: the service before the defaults gets neither only_from
	     * nor the banner, but it does get the final log_on_success.
	     */
	    .text =
	    SVC("early", "1231")
	    "defaults\n{\n"
	    "\tonly_from = 127.0.0.1\n"
	    "\tbanner = /etc/issue\n"
	    "\tlog_on_success = HOST\n"
	    "}\n"
	    SVC("late", "1232"),
	    .svcs = { "early", "late" },
	    .more = more_features_defaults_snapshot_only_from_and_banner },
	{ .name = "features_only_from_lists",
	    /*
	     * Matrix 22: two only_from lines in defaults accumulate; a service's
	     * += adds to them, its = replaces them, and an empty list is set
	     * (nobody may connect, matrix 53).
	     */
	    .text =
	    "defaults\n{\n"
	    "\tonly_from = 127.0.0.1\n"
	    "\tonly_from = 10.0.0.1\n"
	    "}\n"
	    SVCX("add", "1231", "\tonly_from += ::1\n")
	    SVCX("set", "1232", "\tonly_from = 192.0.2.1\n")
	    SVCX("sub", "1233", "\tonly_from -= 10.0.0.1\n")
	    SVCX("empty", "1234", "\tonly_from =\n")
	    SVC("inherit", "1235"),
	    .svcs = { "add", "set", "sub", "empty", "inherit" },
	    .more = more_features_only_from_lists },
	{ .name = "features_address_with_comma_disables",
	    /* Matrix 54. */
	    .text =
	    SVCX("comma", "1231", "\tonly_from = 127.0.0.1,10.0.0.1\n")
	    SVC("after", "1232"),
	    .diags = {
		ERR(3, "Address: 127.0.0.1,10.0.0.1 has a comma in it - remove the comma"),
		ERR(3, "Error parsing attribute only_from - DISABLING SERVICE"),
	    },
	    .errors = 2, .svcs = { "after" } },
	{ .name = "features_traffic_needs_redirect",
	    /*
	     * Matrix 26: TRAFFIC in defaults kills every non-redirect service.
	     * Matrix 27: a redirect still needs a user (but no server).
	     */
	    .text =
	    "defaults\n{\n\tlog_on_success = HOST TRAFFIC\n}\n"
	    SVC("plain", "1231")			/* 5 */
	    "service redir\n{\n"			/* 14 */
	    "\tsocket_type = stream\n\twait = no\n\tuser = nobody\n"
	    "\tredirect = 127.0.0.1 8080\n"
	    "\ttype = UNLISTED\n\tport = 1232\n}\n"
	    "service nouser\n{\n"			/* 23 */
	    "\tsocket_type = stream\n\twait = no\n"
	    "\tredirect = 127.0.0.1 8080\n"
	    "\ttype = UNLISTED\n\tport = 1233\n}\n",
	    .diags = {
		ERR(5, "Service plain should not have TRAFFIC flag set since its not redirected"),
		ERR(23, "Service nouser missing attribute user - DISABLING"),
	    },
	    .errors = 2, .svcs = { "redir" },
	    .more = more_features_traffic_needs_redirect },
	{ .name = "features_internal_services",
	    /* Matrix 33: unknown builtins; known ones need neither user nor server. */
	    .text =
	    "service echo\n{\n"				/* 1 */
	    "\ttype = INTERNAL\n\tid = echo-stream\n"
	    "\tsocket_type = stream\n\twait = no\n}\n"
	    "service servers\n{\n"			/* 8 */
	    "\ttype = INTERNAL UNLISTED\n\tport = 5000\n"
	    "\tsocket_type = stream\n\twait = no\n}\n"
	    "service daytime\n{\n"			/* 15 */
	    "\ttype = INTERNAL\n\tflags = NAMEINARGS\n\tserver_args = x\n"
	    "\tsocket_type = stream\n\twait = no\n}\n",
	    .diags = {
		ERR(8, "No such internal service: servers/stream - DISABLING"),
		ERR(15, "Service daytime is INTERNAL and has NAMEINARGS flag set"),
	    },
	    .errors = 2, .services_db = true, .svcs = { "echo" },
	    .more = more_features_internal_services },
	{ .name = "features_socket_and_wait_rules",
	    /*
	     * dgram + wait = no is refused as 2.3.15.4 does (reference 0.1, 11);
	     * the tcpmux rules of reference 1.7; a TCPMUX client needs no port.
	     */
	    .text =
	    "service dg\n{\n"				/* 1 */
	    "\tsocket_type = dgram\n\twait = no\n\tuser = root\n"
	    "\tserver = /bin/true\n\ttype = UNLISTED\n\tport = 5004\n}\n"
	    "service dgw\n{\n"				/* 10 */
	    "\tprotocol = udp\n\twait = yes\n\tuser = root\n"
	    "\tserver = /bin/true\n\ttype = UNLISTED\n\tport = 5005\n}\n"
	    "service sw\n{\n"				/* 19 */
	    "\tsocket_type = stream\n\twait = yes\n\tuser = root\n"
	    "\tserver = /bin/true\n\ttype = UNLISTED\n\tport = 5006\n}\n"
	    "service m1\n{\n"				/* 28 */
	    "\ttype = TCPMUX\n" BODY "}\n"
	    "service m2\n{\n"				/* 36 */
	    "\ttype = TCPMUXPLUS UNLISTED\n\tprotocol = udp\n"
	    "\twait = yes\n\tuser = root\n\tserver = /bin/true\n}\n"
	    "service m3\n{\n"				/* 44 */
	    "\ttype = TCPMUX UNLISTED\n" BODY "}\n",
	    .diags = {
		ERR(1, "Service dg has socket_type dgram, but does not wait"),
		ERR(28, "Service: m1 (tcpmux) should have UNLISTED in type."),
		ERR(36, "Service: m2 (tcpmux) should have tcp in protocol."),
	    },
	    .errors = 3, .svcs = { "dgw", "sw", "m3" },
	    .more = more_features_socket_and_wait_rules },
	{ .name = "features_flag_rules",
	    /*
	     * Reference 1.7: IPv4 with IPv6 gives IPv6 (INFO); INTERCEPT on a
	     * wait = no service is cleared with an ERROR and the service kept.
	     */
	    .text =
	    SVCX("both", "1231", "\tflags = IPv4 IPv6\n")		/* 1 */
	    SVCX("icpt", "1232", "\tflags = INTERCEPT KEEPALIVE\n"),	/* 11 */
	    .diags = {
		INFO(1, "Service both will use IPv6 or fallback to IPv4"),
		ERR(11, "Multi-threaded services cannot be intercepted: icpt "),
	    },
	    .errors = 1, .svcs = { "both", "icpt" },
	    .more = more_features_flag_rules },
	{ .name = "features_cps_max_load_deny_time",
	    .text =
	    "defaults\n{\n\tcps = 7 3\n}\n"
	    SVCX("own", "1231",					/* 5 */
		"\tcps = 0 0\n\tmax_load = 2.5\n\tdeny_time = FOREVER\n")
	    SVCX("inh", "1232", "\tdeny_time = 15\n")	/* 17 */
	    SVCX("never", "1233",				/* 27 */
		"\tdeny_time = never\n\tv6only = yes\n")
	    SVCX("b1", "1234", "\tcps = 5\n")			/* 38, 40 */
	    SVCX("b2", "1235", "\tcps = a 1\n")		/* 48, 50 */
	    SVCX("b3", "1236", "\tmax_load = 0\n")		/* 58, 60 */
	    SVCX("b4", "1237", "\tdeny_time = soon\n"),	/* 68, 70 */
	    .diags = {
		WARN(40, "attribute cps expects 2 values and 1 values were specified"),
		ERR(50, "bad cps argument: a 1"),
		ERR(60, "error parsing max_load argument"),
		ERR(70, "Error parsing: soon"),
	    },
	    .errors = 6, .warnings = 1, .svcs = { "own", "inh", "never", "b1" },
	    .more = more_features_cps_max_load_deny_time },
	{ .name = "features_builtin_cps_and_passenv_warning",
	    /* cps falls back to 50 10 (reference 1.6); unknown passenv warns. */
	    .text =
	    SVC("plain", "1231")
	    SVCX("pe", "1232", "\tpassenv = XT_P1 XT_UNDEFINED_ZZ\n"),
	    .diags = {
		WARN(10, "undefined environment variable: XT_UNDEFINED_ZZ"),
	    },
	    .warnings = 1, .svcs = { "plain", "pe" },
	    .more = more_features_builtin_cps_and_passenv_warning },
};

/* ====================================================================== */
/* Group unsupported: what this version refuses (fail closed).            */
/* These follow the current state of the runtime and WILL change.         */
/* ====================================================================== */

/* rpc_version and rpc_number values (reference 2). */
static void rpc_attribute_values(void **state)
{
	struct fx *f = *state;
	const struct svc_conf *sc;

	load_text(f,
	    "service r\n{\n"				/* 1 */
	    "\ttype = RPC UNLISTED\n\trpc_version = 2-4\n"
	    "\trpc_number = 300123\n\tprotocol = udp\n"
	    "\tsocket_type = dgram\n\twait = yes\n\tuser = root\n"
	    "\tserver = /bin/true\n}\n"		/* 11 */
	    "service v\n{\n"				/* 12 */
	    "\trpc_version = 4-2\n"			/* 14 */
	    "\trpc_number = many\n"			/* 15 */
	    BODY "\ttype = RPC UNLISTED\n}\n");
	assert_diag(f, LOG_ERR, f->main, 14, "bad version range: 4-2");
	assert_diag(f, LOG_ERR, f->main, 15, "bad rpc_number: many");
#ifdef HAVE_RPC
	sc = find_svc(f, "r");
	assert_non_null(sc);
	assert_int_equal(sc->rpc_lo, 2);
	assert_int_equal(sc->rpc_hi, 4);
	assert_int_equal(sc->rpc_number, 300123);
	assert_int_equal(sc->port, 0);		/* the kernel picks it */
	assert_svcs(f, "r");
#else
	(void)sc;
	assert_no_svcs(f);
#endif
}

#ifdef HAVE_RPC
/* Required attributes and /etc/rpc (reference 1.8 and 3). */
static void rpc_required_and_etc_rpc(void **state)
{
	struct fx *f = *state;
	const struct svc_conf *sc;

	load_text(f,
	    "service nonum\n{\n"			/* 1 */
	    "\ttype = RPC UNLISTED\n\trpc_version = 1\n" BODY "}\n"
	    "service nover\n{\n"			/* 10 */
	    "\ttype = RPC UNLISTED\n\trpc_number = 300124\n" BODY "}\n"
	    "service zz_rpc_prog\n{\n"		/* 19 */
	    "\ttype = RPC\n\trpc_version = 1\n" BODY "}\n"
	    "service rstatd\n{\n"			/* 28 */
	    "\ttype = RPC\n\trpc_version = 2-4\n" BODY "}\n");
	assert_diag(f, LOG_ERR, f->main, 1,
	    "Service nonum missing attribute rpc_number - DISABLING");
	assert_diag(f, LOG_ERR, f->main, 10,
	    "Service nover missing attribute rpc_version - DISABLING");
	assert_diag(f, LOG_ERR, f->main, 19, "unknown RPC service: zz_rpc_prog");
	assert_svcs(f, "rstatd");
	sc = find_svc(f, "rstatd");
	assert_int_equal(sc->rpc_number, 100001);	/* from /etc/rpc */
	/* TCP wrappers cannot see an RPC stream's peers (reference 2.1). */
	assert_true(sc->flags & SVC_F_NOLIBWRAP);
}
#endif

static const struct load_case unsupported_loads[] = {
	{ .name = "unsupported_service_kinds_and_flags",
	    .text =
	    SVCX("lab", "5002", "\tflags = LABELED\n")		/* 1 */
	    "service icpt\n{\n"				/* 11 */
	    "\tflags = INTERCEPT\n"
	    "\tsocket_type = stream\n\twait = yes\n\tuser = root\n"
	    "\tserver = /bin/true\n\ttype = UNLISTED\n\tport = 5003\n}\n",
	    .diags = {
		ERR(1, "Service lab: flag LABELED is not supported by this version of xinetd-ng - DISABLING"),
		ERR(11, "Service icpt: flag INTERCEPT is not supported by this version of xinetd-ng - DISABLING"),
	    },
	    .errors = 2 },
};

/* ====================================================================== */
/* Group robustness                                                        */
/* ====================================================================== */

static void robust_empty_file(void **state)
{
	struct fx *f = *state;

	assert_non_null(load(f, put(f, "empty.conf", "")));
	assert_int_equal(f->err, 0);
	assert_int_equal(f->ndiags, 0);
	assert_clean(f);
	assert_no_svcs(f);

	assert_non_null(load_text(f, "# only\n\n  \t\n# comments"));
	assert_int_equal(f->ndiags, 0);
	assert_clean(f);
	assert_no_svcs(f);
}

static void robust_main_file_cannot_be_opened(void **state)
{
	struct fx *f = *state;
	const char *plain = put(f, "plain.conf", SVC("a", "1234"));
	char *under = xasprintf("%s/x", plain);

	assert_null(load(f, path_of(f, "nope.conf")));
	assert_int_equal(f->err, ENOENT);
	assert_int_equal(f->ndiags, 0);

	assert_null(load(f, under));
	assert_int_equal(f->err, ENOTDIR);
	free(under);

	if (geteuid() != 0) {	/* root reads mode-000 files */
		assert_int_equal(chmod(plain, 0), 0);
		assert_null(load(f, plain));
		assert_int_equal(f->err, EACCES);
	}
}

static void robust_main_file_is_a_directory(void **state)
{
	struct fx *f = *state;
	const char *d;

	d = mkdir_in(f, "conf.d");
	put(f, "conf.d/x", SVC("a", "1234"));
	load(f, d);
	if (f->cs == NULL) {
		assert_int_equal(f->err, EISDIR);
	} else {
		assert_no_svcs(f);
		if (f->cs->errors == 0)
			dump_diags(f);
		assert_true(f->cs->errors >= 1);
	}
}

static uint32_t lcg(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 16;
}

static void robust_binary_garbage(void **state)
{
	enum { LEN = 64 * 1024 };
	struct fx *f = *state;
	unsigned char *buf = xmalloc(LEN);
	uint32_t seed = 42;
	unsigned lines = 1;

	for (size_t i = 0; i < LEN; i++) {
		uint32_t r = lcg(&seed);
		/* Plenty of line ends, blanks, braces and '=' among noise. */
		switch (r % 16) {
		case 0: buf[i] = '\n'; break;
		case 1: buf[i] = ' '; break;
		case 2: buf[i] = (r & 0x100) ? '{' : '}'; break;
		case 3: buf[i] = '='; break;
		default: buf[i] = (unsigned char)(r >> 4); break;
		}
		if (buf[i] == '\n')
			lines++;
	}
	load(f, put_bytes(f, "garbage.conf", buf, LEN));
	free(buf);
	assert_non_null(f->cs);
	assert_no_svcs(f);
	assert_true(f->cs->errors >= 1);
	for (size_t i = 0; i < f->ndiags; i++)
		if (f->diags[i].file != NULL)
			assert_in_range(f->diags[i].line, 1, lines);
}

static void robust_garbage_include_between_services(void **state)
{
	enum { LEN = 4096 };
	struct fx *f = *state;
	unsigned char buf[LEN];
	uint32_t seed = 7;
	char *text;

	for (size_t i = 0; i < LEN; i++)
		buf[i] = (unsigned char)lcg(&seed);
	put_bytes(f, "junk", buf, LEN);
	text = xasprintf("%sinclude %s\n%s", SVC("a", "1234"),
	    path_of(f, "junk"), SVC("b", "1235"));
	load_text(f, text);
	free(text);
	assert_svcs(f, "a", "b");
}

/* Every prefix of a valid file loads without crashing, at most whole. */
static void robust_every_truncation(void **state)
{
	static const char full[] =
	    "# header\n"
	    "defaults\n{\n\tlog_on_success = HOST PID\n\tinstances = 10\n}\n"
	    SVCX("a", "1234", "\tserver_args = one # two\n\tenv = A=1\n")
	    "\n"
	    SVCX("b", "1235", "\tlog_type = FILE /var/log/b 10K 20K\n");
	struct fx *f = *state;
	const char *p = path_of(f, "trunc.conf");

	for (size_t len = 0; len <= sizeof(full) - 1; len++) {
		put_bytes(f, "trunc.conf", full, len);
		assert_non_null(load(f, p));
		assert_in_range(f->cs->nsvcs, 0, 2);
	}
	assert_clean(f);
	assert_svcs(f, "a", "b");
}

static void robust_line_numbers_in_long_files(void **state)
{
	enum { BLANK = 100000 };
	struct fx *f = *state;
	char *text = xmalloc(BLANK + 256), *p = text;

	memset(p, '\n', BLANK);
	p += BLANK;
	strcpy(p, "service x\n{\n\tport=1\n}\n");
	load_text(f, text);
	free(text);
	assert_diag(f, LOG_ERR, f->main, BLANK + 3,
	    "Attribute port needs a space before operator");
	conf_free(NULL);
}

/*
 * A line longer than LEX_LINE_MAX is cut there and reported once; the
 * reader's memory stays bounded and the next line parses normally.
 */
static void robust_overlong_line_is_cut_and_reported(void **state)
{
	struct fx *f = *state;
	size_t big = LEX_LINE_MAX + 4096;
	char *text = xmalloc(big + 256), *p = text;

	p += sprintf(p, "# comment\n");
	/* A comment, so the cut-off tail cannot start an entry of its own. */
	*p++ = '#';
	memset(p, 'x', big);
	p += big;
	strcpy(p, "\n" SVC("after", "1234"));
	load_text(f, text);
	free(text);
	assert_diag(f, LOG_ERR, f->main, 2,
	    "line longer than %d bytes; the rest of it is ignored",
	    LEX_LINE_MAX);
	assert_svcs(f, "after");
}

/* ====================================================================== */
/* Group data: shipped files under $XT_UNIT_DATA                          */
/* ====================================================================== */

/*
 * A Debian-style tree: the stock xinetd.conf (empty defaults, relative
 * includedir) and the stock internal services, all "disable = yes", plus
 * one enabled service and backup files that must be skipped.
 */
static void data_debian_style_tree(void **state)
{
	struct fx *f = *state;
	const char *data = getenv("XT_UNIT_DATA");
	struct svc_conf *sc;

	if (data == NULL || *data == '\0')
		data = "tests/unit/data";
	if (chdir(data) != 0) {
		print_error("# cannot chdir to %s (set XT_UNIT_DATA)\n", data);
		fail();
	}
	load(f, "xinetd.conf");
	assert_non_null(f->cs);
	assert_clean(f);
	assert_svcs(f, "hello");
	sc = get_svc(f, "hello");
	assert_string_equal(sc->file, "xinetd.d/hello");
	assert_int_equal(sc->port, 21999);
	assert_string_equal(sc->user, "nobody");
	assert_int_equal(sc->log.kind, LOGT_SYSLOG);
	assert_int_equal(sc->log_on_success, LOG_S_HOST | LOG_S_PID);
}

/* ====================================================================== */
/* Group sandbox: the extensions of xinetd.conf.5, SANDBOX                */
/* ====================================================================== */

/* A daemon that is not root gets one more warning per confined service. */
static unsigned not_root_warnings(unsigned confined)
{
	return geteuid() == 0 ? 0 : confined;
}

static void sandbox_values(void **state)
{
	struct fx *f = *state;
	const char *jail = mkdir_in(f, "jail");
	struct svc_conf *sc;
	char *text;

	(void)mkdir_in(f, "jail/tmp");
	(void)mkdir_in(f, "jail/bin");
	put(f, "jail/bin/true", "");
	assert_int_equal(chmod(path_of(f, "jail/bin/true"), 0755), 0);
	text = xasprintf(
	    SVCX("all", "1231",
		"\tchroot = %s\n"
		"\tmax_duration = 60\n"
		"\tno_new_privs = yes\n"
		"\tprivate_tmp = 2M\n"
		"\trlimit_nproc = 10\n"
		"\trlimit_fsize = 64K\n"
		"\trlimit_core = 0\n"
		"\trlimit_nofile = UNLIMITED\n")
	    SVCX("dflt", "1232", "\tprivate_tmp = yes\n\tno_new_privs = no\n")
	    SVC("plain", "1233"), jail);
	load_text(f, text);
	free(text);
	/* The user of BODY is root: that is worth a warning under chroot. */
	assert_diag(f, LOG_WARNING, f->main, 1,
	    "Service all: its server runs as root, which can leave the chroot");
	assert_counts(f, 0, 1 + not_root_warnings(2));
	sc = get_svc(f, "all");
	assert_string_equal(sc->chroot, jail);
	assert_int_equal(sc->max_duration, 60);
	assert_true(sc->no_new_privs);
	assert_int_equal(sc->private_tmp, 2 * 1024 * 1024);
	assert_int_equal(sc->rlim[RL_NPROC].value, 10);
	assert_int_equal(sc->rlim[RL_FSIZE].value, 64 * 1024);
	assert_int_equal(sc->rlim[RL_CORE].value, 0);
	assert_true(sc->rlim[RL_CORE].set);
	assert_true(sc->rlim[RL_NOFILE].value == RLIM_INFINITY);
	assert_true(conf_sandboxed(sc));
	sc = get_svc(f, "dflt");
	assert_int_equal(sc->private_tmp, PRIVATE_TMP_DEFAULT_SIZE);
	assert_false(sc->no_new_privs);
	assert_true(conf_sandboxed(sc));
	sc = get_svc(f, "plain");
	assert_null(sc->chroot);
	assert_int_equal(sc->max_duration, 0);
	assert_int_equal(sc->private_tmp, 0);
	assert_false(conf_sandboxed(sc));
}

/*
 * server names a path inside the chroot, whichever of the two lines comes
 * first; one the real root lacks is only refused when no chroot came.
 */
static void sandbox_server_inside_chroot(void **state)
{
	struct fx *f = *state;
	const char *jail = mkdir_in(f, "jail");
	char *text;

	(void)mkdir_in(f, "jail/xt-jail-only");
	put(f, "jail/xt-jail-only/prog", "");
	assert_int_equal(chmod(path_of(f, "jail/xt-jail-only/prog"), 0755), 0);
	text = xasprintf(
	    "service before\n{\n"			/* 1 */
	    "\tserver = /xt-jail-only/prog\n"		/* 3 */
	    "\tchroot = %s\n"
	    "\tsocket_type = stream\n\twait = no\n\tuser = nobody\n"
	    "\ttype = UNLISTED\n\tport = 1231\n}\n"
	    "service after\n{\n"			/* 11 */
	    "\tchroot = %s\n"
	    "\tserver = /xt-jail-only/prog\n"
	    "\tsocket_type = stream\n\twait = no\n\tuser = nobody\n"
	    "\ttype = UNLISTED\n\tport = 1232\n}\n"
	    "service absent\n{\n"			/* 21 */
	    "\tchroot = %s\n"
	    "\tserver = /xt-jail-only/none\n"
	    "\tsocket_type = stream\n\twait = no\n\tuser = nobody\n"
	    "\ttype = UNLISTED\n\tport = 1233\n}\n"
	    "service nojail\n{\n"			/* 31 */
	    "\tserver = /xt-jail-only/prog\n"		/* 33 */
	    "\tsocket_type = stream\n\twait = no\n\tuser = nobody\n"
	    "\ttype = UNLISTED\n\tport = 1234\n}\n",
	    jail, jail, jail);
	load_text(f, text);
	free(text);
	assert_diag(f, LOG_WARNING, f->main, 21,
	    "Service absent: server /xt-jail-only/none is not executable inside chroot %s: No such file or directory",
	    jail);
	assert_diag(f, LOG_ERR, f->main, 33,
	    "Server /xt-jail-only/prog is not executable");
	assert_diag(f, LOG_ERR, f->main, 33,
	    "Error parsing attribute server - DISABLING SERVICE");
	assert_counts(f, 2, 1 + not_root_warnings(3));
	assert_svcs(f, "before", "after", "absent");
}

static void sandbox_private_tmp_in_chroot(void **state)
{
	struct fx *f = *state;
	const char *jail = mkdir_in(f, "jail");
	char *text;

	/* An internal service: no server to look for. */
	text = xasprintf(
	    "service echo\n{\n"
	    "\tchroot = %s\n\tprivate_tmp = yes\n"
	    "\tsocket_type = stream\n\twait = no\n\tuser = nobody\n"
	    "\ttype = INTERNAL\n\tid = echo-jail\n}\n", jail);
	load_text(f, text);
	free(text);
	assert_diag(f, LOG_WARNING, f->main, 1,
	    "Service echo-jail: private_tmp needs a directory %s/tmp to mount on",
	    jail);
	assert_counts(f, 0, 1 + not_root_warnings(1));
	assert_svcs(f, "echo");
}

/* Refused at load: one open-files limit only; nothing through tcpmux. */
static void sandbox_refused(void **state)
{
	struct fx *f = *state;

	load_text(f,
	    SVCX("twofiles", "1231",
		"\trlimit_files = 64\n\trlimit_nofile = 32\n")
	    "service mux\n{\n"				/* 12 */
	    "\ttype = UNLISTED TCPMUX\n\tsocket_type = stream\n"
	    "\tprotocol = tcp\n\twait = no\n\tuser = root\n"
	    "\tserver = /bin/true\n\tmax_duration = 5\n}\n"
	    "service tcpmux\n{\n"			/* 22 */
	    "\ttype = INTERNAL\n\tsocket_type = stream\n"
	    "\twait = no\n\tno_new_privs = yes\n}\n");
	assert_diag(f, LOG_ERR, f->main, 1,
	    "Service twofiles: rlimit_files and rlimit_nofile both set the open-files limit - DISABLING");
	assert_diag(f, LOG_ERR, f->main, 12,
	    "Service mux: the sandbox attributes are not supported with tcpmux - DISABLING");
	assert_diag(f, LOG_ERR, f->main, 22,
	    "Service tcpmux: the sandbox attributes are not supported with tcpmux - DISABLING");
	assert_counts(f, 3, 0);
	assert_no_svcs(f);
}

/* ====================================================================== */

struct xt_case {
	const char *name;
	CMUnitTestFunction fn;
};

#define T(fn) { #fn, fn }

static const struct xt_case lexer_tests[] = {
	T(lex_crlf_line_endings_are_stripped),
	T(lex_crs_ending_a_token_go),
	T(lex_last_line_without_newline),
	T(lex_long_line_is_read_whole),
	T(lex_nul_byte_ends_the_line),
	T(lex_token_limit_is_flagged),
	T(lex_is_matches_a_lone_token),
	T(lex_empty_and_comment_only_input),
};

static const struct xt_case syntax_tests[] = {
	T(syntax_bad_value_disables_service),
	T(syntax_too_many_values_drops_entry),
	T(syntax_nul_byte_is_reported_at_its_line),
	T(syntax_crlf_file_loads_and_warns_once),
	T(syntax_crlf_warned_once_per_file),
	T(syntax_crlf_warning_names_first_crlf_line),
	T(syntax_20k_line_is_one_attribute),
};

static const struct xt_case values_tests[] = {
	T(values_user_and_group),
};

static const struct xt_case defaults_tests[] = {
	T(defaults_in_included_file_merge),
};

static const struct xt_case include_tests[] = {
	T(include_file_order_and_locations),
	T(include_missing_file_rest_loads),
	T(include_dir_order_and_skipped_names),
	T(include_dir_unreadable),
	T(include_self_loop_detected),
	T(include_mutual_loop_detected),
	T(include_loop_through_includedir_and_symlink),
	T(include_same_file_twice_is_not_a_loop),
	T(include_depth_is_limited),
	T(include_relative_path_uses_cwd),
	T(include_error_in_file_cannot_swallow_includer),
	T(include_of_a_directory_is_reported),
};

static const struct xt_case validate_tests[] = {
	T(validate_required_in_entry_not_defaults),
	T(validate_listed_port_from_etc_services),
};

static const struct xt_case features_tests[] = {
	T(features_redirect_values),
};

/* Expected to change as the runtime grows: keep these together. */
static const struct xt_case unsupported_tests[] = {
	T(rpc_attribute_values),
#ifdef HAVE_RPC
	T(rpc_required_and_etc_rpc),
#endif
};

static const struct xt_case sandbox_tests[] = {
	T(sandbox_values),
	T(sandbox_server_inside_chroot),
	T(sandbox_private_tmp_in_chroot),
	T(sandbox_refused),
};

static const struct xt_case robust_tests[] = {
	T(robust_empty_file),
	T(robust_main_file_cannot_be_opened),
	T(robust_main_file_is_a_directory),
	T(robust_binary_garbage),
	T(robust_garbage_include_between_services),
	T(robust_every_truncation),
	T(robust_line_numbers_in_long_files),
	T(robust_overlong_line_is_cut_and_reported),
};

static const struct xt_case data_tests[] = {
	T(data_debian_style_tree),
};

/* A group's tests: its cases, then the rows of its table, if any. */
#define GROUP(name, arr) { name, arr, N_OF(arr), NULL, 0, 0, NULL }
#define GROUP_ROWS(name, arr, rows, run) \
	{ name, arr, N_OF(arr), rows, N_OF(rows), sizeof(rows[0]), run }
static const struct {
	const char *name;
	const struct xt_case *cases;
	size_t n;
	const void *rows;		/* each row starts with its name */
	size_t nrows, rowsize;
	CMUnitTestFunction run;		/* a row's test, the row in fx.row */
} groups[] = {
	GROUP_ROWS("lexer", lexer_tests, lex_cases, run_lex_case),
	GROUP_ROWS("syntax", syntax_tests, syntax_loads, run_load_case),
	GROUP_ROWS("values", values_tests, values_loads, run_load_case),
	GROUP_ROWS("defaults", defaults_tests, defaults_loads, run_load_case),
	GROUP_ROWS("include", include_tests, include_loads, run_load_case),
	GROUP_ROWS("validate", validate_tests, validate_loads, run_load_case),
	GROUP_ROWS("features", features_tests, features_loads, run_load_case),
	GROUP_ROWS("unsupported", unsupported_tests, unsupported_loads, run_load_case),
	GROUP("sandbox", sandbox_tests),
	GROUP("robust", robust_tests),
	GROUP("data", data_tests),
};

/*
 * One cmocka run over all groups: automake's TAP driver rejects the second
 * "1..N" plan that a second cmocka group would print. Names are
 * "group/test".
 */
int main(int argc, char **argv)
{
	struct CMUnitTest *tests;
	size_t n = 0, k = 0;
	int rc;

	for (size_t g = 0; g < N_OF(groups); g++)
		n += groups[g].n + groups[g].nrows;
	tests = xcalloc(n, sizeof(*tests));
	for (size_t g = 0; g < N_OF(groups); g++) {
		for (size_t i = 0; i < groups[g].n; i++) {
			const struct xt_case *c = &groups[g].cases[i];

			tests[k++] = (struct CMUnitTest){
				.name = xasprintf("%s/%s", groups[g].name,
				    c->name),
				.test_func = c->fn,
				.setup_func = fx_setup,
				.teardown_func = fx_teardown,
			};
		}
		for (size_t i = 0; i < groups[g].nrows; i++) {
			const char *r = (const char *)groups[g].rows +
			    i * groups[g].rowsize;

			tests[k++] = (struct CMUnitTest){
				.name = xasprintf("%s/%s", groups[g].name,
				    *(const char *const *)r),
				.test_func = groups[g].run,
				.setup_func = fx_setup,
				.teardown_func = fx_teardown,
				.initial_state = (void *)r,
			};
		}
	}
	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	rc = _cmocka_run_group_tests("conf", tests, n, NULL, NULL);
	for (size_t i = 0; i < n; i++)
		free((char *)tests[i].name);
	free(tests);
	return rc;
}
