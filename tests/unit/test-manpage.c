/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * test-manpage: the attribute table and man/xinetd.conf.5 must name the
 * same keys. An attribute entry in the page's ATTRIBUTES section is a .TP
 * line followed by ".B <name>" (before the first .SS of that section).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "conf/attrs.h"
#include "util.h"

static struct strvec page_keys;

static int read_page(void **state)
{
	const char *dir = getenv("XT_SRCDIR");
	char path[4096], line[1024];
	bool in_attrs = false, after_tp = false;
	FILE *fp;

	(void)state;
	snprintf(path, sizeof(path), "%s/man/xinetd.conf.5", dir ? dir : ".");
	fp = fopen(path, "r");
	if (fp == NULL) {
		fprintf(stderr, "cannot open %s\n", path);
		return -1;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, ".SH ", 4) == 0) {
			in_attrs = strcmp(line, ".SH ATTRIBUTES") == 0;
			continue;
		}
		if (in_attrs && strncmp(line, ".SS ", 4) == 0)
			in_attrs = false;
		if (!in_attrs)
			continue;
		if (after_tp && strncmp(line, ".B ", 3) == 0)
			strvec_push(&page_keys, line + 3);
		after_tp = strcmp(line, ".TP") == 0;
	}
	fclose(fp);
	return 0;
}

static int free_page(void **state)
{
	(void)state;
	strvec_clear(&page_keys);
	return 0;
}

static bool on_page(const char *name)
{
	for (size_t i = 0; i < page_keys.n; i++)
		if (strcmp(page_keys.v[i], name) == 0)
			return true;
	return false;
}

static void every_table_key_is_documented(void **state)
{
	int missing = 0;

	(void)state;
	for (size_t i = 0; i < attr_table_len; i++) {
		if (!on_page(attr_table[i].name)) {
			print_error("not in xinetd.conf.5: %s\n",
			    attr_table[i].name);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

static void every_documented_key_exists(void **state)
{
	int unknown = 0;

	(void)state;
	assert_true(page_keys.n > 0);
	for (size_t i = 0; i < page_keys.n; i++) {
		if (attr_lookup(page_keys.v[i]) == NULL) {
			print_error("documented but not parsed: %s\n",
			    page_keys.v[i]);
			unknown++;
		}
	}
	assert_int_equal(unknown, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_table_key_is_documented),
		cmocka_unit_test(every_documented_key_exists),
	};

	return cmocka_run_group_tests(tests, read_page, free_page);
}
