/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/* lex.c: line reader and tokenizer for xinetd.conf (reference 1.1). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf/lex.h"
#include "util.h"

int lex_open(struct lex *lx, const char *path, const char *file)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	FILE *fp;

	if (fd < 0)
		return -errno;
	/* A directory reads as an empty file; say what it is instead. */
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return -EISDIR;
	}
	fp = fdopen(fd, "r");
	if (fp == NULL) {
		int e = errno;
		close(fd);
		return -e;
	}
	lex_from_stream(lx, fp, file);
	return 0;
}

void lex_from_stream(struct lex *lx, FILE *fp, const char *file)
{
	memset(lx, 0, sizeof(*lx));
	lx->fp = fp;
	lx->file = file;
}

void lex_close(struct lex *lx)
{
	if (lx->fp != NULL)
		fclose(lx->fp);
	free(lx->buf);
	lx->fp = NULL;
	lx->buf = NULL;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * One line into lx->buf, at most LEX_LINE_MAX bytes of it: the rest of a
 * longer line is read and dropped (and reported), so no file, not even
 * /dev/zero given to include, can make the reader grow without bound.
 */
static ssize_t read_line(struct lex *lx)
{
	size_t len = 0;
	int c;

	if (lx->buf == NULL) {
		lx->cap = 256;
		lx->buf = xmalloc(lx->cap);
	}
	while ((c = getc_unlocked(lx->fp)) != EOF) {
		if (len + 2 > lx->cap && len < LEX_LINE_MAX) {
			lx->cap = lx->cap * 2 > LEX_LINE_MAX + 2 ?
			    LEX_LINE_MAX + 2 : lx->cap * 2;
			lx->buf = xreallocarray(lx->buf, lx->cap, 1);
		}
		if (len < LEX_LINE_MAX)
			lx->buf[len++] = (char)c;
		else if (lx->long_line == 0)
			lx->long_line = lx->line + 1;
		if (c == '\n')
			break;
	}
	if (ferror(lx->fp)) {
		lx->read_error = errno ? errno : EIO;
		return -1;
	}
	if (len == 0 && c == EOF)
		return -1;
	lx->buf[len] = '\0';
	return (ssize_t)len;
}

/*
 * Drop the CRs, and blanks among them, that end [start, end), noting the
 * line; returns the new end. Used for the line and for each token (which
 * has no blanks).
 */
static char *drop_cr_tail(struct lex *lx, char *start, char *end)
{
	while (end > start && (end[-1] == '\r' || is_blank(end[-1]))) {
		if (end[-1] == '\r' && lx->cr_line == 0)
			lx->cr_line = lx->line;
		*--end = '\0';
	}
	return end;
}

/*
 * Only space and TAB separate tokens; '#' starts a comment only as the
 * first non-blank character (so "a # b" is three values, reference 1.1).
 * CRs before the newline are dropped: xinetd kept them and then rejected
 * every value of a CRLF file, which helps nobody (the parser warns). All
 * of them, and those ending a token, or a value could end in one that the
 * dump writes at the end of a line and a second reading drops.
 */
int lex_next(struct lex *lx)
{
	ssize_t len;

	for (;;) {
		len = read_line(lx);
		if (len < 0)
			return 0;
		lx->line++;
		if ((size_t)len != strlen(lx->buf)) {
			/* Bytes after a NUL are unreachable to C string code. */
			if (lx->nul_line == 0)
				lx->nul_line = lx->line;
			len = (ssize_t)strlen(lx->buf);
		}
		if (len > 0 && lx->buf[len - 1] == '\n')
			lx->buf[--len] = '\0';
		/* "mn\r\r\t" ends in "mn", as "mn\r\n" does. */
		len = drop_cr_tail(lx, lx->buf, lx->buf + len) - lx->buf;

		char *p = lx->buf;
		while (is_blank(*p))
			p++;
		if (*p == '\0' || *p == '#')
			continue;

		lx->ntok = 0;
		lx->too_many = false;
		while (*p != '\0') {
			if (lx->ntok == LEX_MAX_TOKENS) {
				lx->too_many = true;
				break;
			}
			char *tok = p, *end;
			while (*p != '\0' && !is_blank(*p))
				p++;
			end = p;
			if (*p != '\0')
				*p++ = '\0';
			while (is_blank(*p))
				p++;
			/* A token's own trailing CRs go too ("crlf\r +="). */
			if (drop_cr_tail(lx, tok, end) > tok)
				lx->tok[lx->ntok++] = tok;
		}
		return 1;
	}
}

bool lex_is(const struct lex *lx, const char *s)
{
	return lx->ntok == 1 && strcmp(lx->tok[0], s) == 0;
}
