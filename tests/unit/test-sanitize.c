/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * test-sanitize.c: what peer-controlled text (reverse names, identd
 * replies) looks like once it is fit for a log line (sanitize_copy).
 * Each row is its own named test.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util.h"

struct row {
	const char *name;
	const char *in;
	size_t len;		/* the destination's size; 0: 64 */
	const char *want;
};

static const struct row rows[] = {
	{ "plain text is kept", "alice", 0, "alice" },
	{ "a newline could forge a line", "a\nFAIL: x", 0, "a?FAIL: x" },
	{ "carriage return and tab", "a\rb\tc", 0, "a?b?c" },
	{ "DEL", "a\x7f" "b", 0, "a?b" },
	{ "escape sequences lose their ESC", "\x1b[2J", 0, "?[2J" },
	{ "UTF-8 letters are kept", "J\xc3\xbcrgen", 0, "J\xc3\xbcrgen" },
	{ "a four-byte character is kept", "\xf0\x9f\x98\x80", 0,
	    "\xf0\x9f\x98\x80" },
	{ "C1 control NEL (U+0085)", "a\xc2\x85" "b", 0, "a?b" },
	{ "C1 control CSI (U+009B)", "a\xc2\x9b" "2J", 0, "a?2J" },
	{ "a raw C1 byte", "a\x9b" "b", 0, "a?b" },
	{ "line separator U+2028", "a\xe2\x80\xa8" "b", 0, "a?b" },
	{ "paragraph separator U+2029", "a\xe2\x80\xa9" "b", 0, "a?b" },
	{ "bidi override U+202E", "a\xe2\x80\xae" "b", 0, "a?b" },
	{ "bidi isolate U+2066", "a\xe2\x81\xa6" "b", 0, "a?b" },
	{ "left-to-right mark U+200E", "a\xe2\x80\x8e" "b", 0, "a?b" },
	{ "an overlong slash", "a\xc0\xaf" "b", 0, "a??b" },
	{ "an overlong three-byte form", "\xe0\x80\xaf", 0, "???" },
	{ "a surrogate", "\xed\xa0\x80", 0, "???" },
	{ "beyond U+10FFFF", "\xf4\x90\x80\x80", 0, "????" },
	{ "a truncated sequence", "a\xe2\x80", 0, "a??" },
	{ "a lone continuation byte", "\x80x", 0, "?x" },
	{ "Latin-1 text is not UTF-8", "caf\xe9", 0, "caf?" },
	{ "bounded by the destination", "abcdef", 4, "abc" },
	{ "a character is never split", "ab\xc3\xbc", 4, "ab?" },
	{ "a destination of one byte", "abc", 1, "" },
};

static void row(void **state)
{
	const struct row *r = *state;
	char out[64];
	size_t len = r->len ? r->len : sizeof(out);

	memset(out, 'X', sizeof(out));
	sanitize_copy(out, len, r->in);
	assert_string_equal(out, r->want);
	assert_true(strlen(out) < len);
}

int main(void)
{
	size_t n = sizeof(rows) / sizeof(rows[0]);
	struct CMUnitTest *tests = calloc(n, sizeof(*tests));

	for (size_t i = 0; i < n; i++) {
		tests[i] = (struct CMUnitTest)cmocka_unit_test_prestate(row,
		    (void *)&rows[i]);
		tests[i].name = rows[i].name;
	}
	int rc = _cmocka_run_group_tests("sanitize", tests, n, NULL, NULL);
	free(tests);
	return rc;
}
