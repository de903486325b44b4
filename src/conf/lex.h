/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * lex.h: xinetd.conf is line oriented. The lexer hands out the next line
 * that is neither blank nor a comment, split into blank-separated tokens,
 * with the file name and line number every diagnostic needs.
 */
#ifndef XINETD_LEX_H
#define XINETD_LEX_H

#include <stdbool.h>
#include <stdio.h>

#define LEX_MAX_TOKENS 4096
/* Longest line kept (xinetd's was about 16 KiB, silently split). */
#define LEX_LINE_MAX (1024 * 1024)

struct lex {
	FILE *fp;
	const char *file;
	unsigned line;
	char *buf;
	size_t cap;
	char *tok[LEX_MAX_TOKENS];
	int ntok;
	unsigned cr_line;	/* first line that ended in CRLF, or 0 */
	unsigned nul_line;	/* first line with a NUL byte, or 0 */
	unsigned long_line;	/* first line cut at LEX_LINE_MAX, or 0 */
	bool cr_reported, nul_reported, long_reported;
	int read_error;		/* errno of a failed read, or 0 */
	bool too_many;		/* the line had more than LEX_MAX_TOKENS tokens */
};

/* 0, or -errno. file must outlive the lexer. */
int lex_open(struct lex *lx, const char *path, const char *file);
/* Reads from an already open stream (unit tests, fuzzing). */
void lex_from_stream(struct lex *lx, FILE *fp, const char *file);
/* 1 with lx->tok/ntok/line set, 0 at end of file. */
int lex_next(struct lex *lx);
void lex_close(struct lex *lx);

/* True when the current line is exactly the single token s. */
bool lex_is(const struct lex *lx, const char *s);

#endif
