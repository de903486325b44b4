/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The xinetd-ng authors */
/*
 * test-access.c: the parent-side admission (access_admit), every rule and
 * their order (reference 4.2 step 4, 4.6, 4.7, 4.11), and the FAIL words.
 * Each row of the table is its own named test.
 */
#include "config.h"

#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "access.h"

/* 2026-12-02 12:00:00 UTC: noon, for the access_times rows. */
#define NOON ((time_t)1796212800)

struct row {
	const char *name;
	/* the service */
	unsigned cps_max, cps_wait;
	double max_load;
	bool times;			/* one access_times span: */
	short from, to;			/* minutes since midnight */
	long instances, per_source;	/* LIMIT(n), or 0: UNLIMITED */
	bool sensor;
	/* the counters */
	struct admission a;
	struct cps_window cps;
	bool unknown_peer;
	bool load_known;
	/* the verdict and the window after */
	enum admit_verdict want;
	unsigned want_cps_count;
};

/* Rows say LIMIT(n) for a limit of n; a field left out is no limit. */
#define LIMIT(n) ((n) + 1)
/* The load the counters report; a row without it has an unknown load. */
#define LOAD(x) .load_known = true, .a.load = (x)
/* One access_times span, in minutes since midnight. */
#define SPAN(a, b) .times = true, .from = (a), .to = (b)

static const struct row rows[] = {
	{ "nothing set admits", .want = ADMIT_OK },
	/* cps (reference 4.7) */
	{ "cps: first request opens the window", .cps_max = 2,
	    .want = ADMIT_OK, .want_cps_count = 1 },
	{ "cps: count/second at the rate admits", .cps_max = 2,
	    .cps = { 1, NOON }, .want = ADMIT_OK, .want_cps_count = 2 },
	{ "cps: count/second above the rate trips", .cps_max = 2,
	    .cps = { 2, NOON }, .want = ADMIT_CPS, .want_cps_count = 3 },
	{ "cps: the window divides by its age in seconds", .cps_max = 5,
	    .cps = { 9, NOON - 2 }, .want = ADMIT_OK, .want_cps_count = 10 },
	{ "cps: over the rate in an older window trips", .cps_max = 5,
	    .cps = { 11, NOON - 2 }, .want = ADMIT_CPS, .want_cps_count = 12 },
	{ "cps: a window as old as the rate restarts", .cps_max = 3,
	    .cps = { 100, NOON - 3 }, .want = ADMIT_OK, .want_cps_count = 1 },
	{ "cps = 0 never trips and keeps no window", .cps = { 100, NOON },
	    .want = ADMIT_OK, .want_cps_count = 100 },
	/* max_load */
	{ "load at max_load refuses", .max_load = 1.5, LOAD(1.5),
	    .want = ADMIT_LOAD },
	{ "load below max_load admits", .max_load = 1.5, LOAD(1.49),
	    .want = ADMIT_OK },
	{ "unknown load admits", .max_load = 1.5, .want = ADMIT_OK },
	{ "load without max_load is not looked at", LOAD(99),
	    .want = ADMIT_OK },
	/* access_times (UTC) */
	{ "outside access_times refuses", SPAN(13 * 60, 14 * 60),
	    .want = ADMIT_TIME },
	{ "inside access_times admits", SPAN(11 * 60, 12 * 60),
	    .want = ADMIT_OK },
	/* instances, per_source (reference 4.6) */
	{ "instances reached refuses", .instances = LIMIT(2),
	    .a.running = 2, .want = ADMIT_INSTANCES },
	{ "instances below the limit admits", .instances = LIMIT(2),
	    .a.running = 1, .want = ADMIT_OK },
	{ "instances = 0 refuses everything", .instances = LIMIT(0),
	    .want = ADMIT_INSTANCES },
	{ "per_source reached refuses", .per_source = LIMIT(1),
	    .a.running = 1, .a.from_source = 1, .want = ADMIT_PER_SOURCE },
	{ "per_source counts only the peer's servers",
	    .per_source = LIMIT(1), .a.running = 5, .want = ADMIT_OK },
	{ "per_source does not apply to an unknown peer",
	    .per_source = LIMIT(1), .a.from_source = 3, .unknown_peer = true,
	    .want = ADMIT_OK },
	/* -limit */
	{ "-limit reached refuses", .a.process_limit = 3,
	    .a.total_running = 3, .want = ADMIT_PROCESS_LIMIT },
	{ "-limit below admits", .a.process_limit = 3,
	    .a.total_running = 2, .want = ADMIT_OK },
	/* SENSOR deny list (reference 4.11) */
	{ "a peer a sensor caught is refused", .a.sensor_blocked = true,
	    .want = ADMIT_SENSOR },
	{ "the sensor itself still sees a caught peer", .sensor = true,
	    .a.sensor_blocked = true, .want = ADMIT_OK },
	{ "an unknown peer is never on the deny list",
	    .a.sensor_blocked = true, .unknown_peer = true, .want = ADMIT_OK },
	/* order: each row fails every rule from its own on */
	{ "order: cps before load", .cps_max = 1, .cps = { 5, NOON },
	    .max_load = 1, LOAD(2), SPAN(0, 0), .instances = LIMIT(0),
	    .per_source = LIMIT(0), .a.process_limit = 1,
	    .a.total_running = 1, .a.sensor_blocked = true,
	    .want = ADMIT_CPS, .want_cps_count = 6 },
	{ "order: load before access_times", .max_load = 1, LOAD(2),
	    SPAN(0, 0), .instances = LIMIT(0), .per_source = LIMIT(0),
	    .a.process_limit = 1, .a.total_running = 1,
	    .a.sensor_blocked = true, .want = ADMIT_LOAD },
	{ "order: access_times before instances", SPAN(0, 0),
	    .instances = LIMIT(0), .per_source = LIMIT(0),
	    .a.process_limit = 1, .a.total_running = 1,
	    .a.sensor_blocked = true, .want = ADMIT_TIME },
	{ "order: instances before per_source", .instances = LIMIT(0),
	    .per_source = LIMIT(0), .a.process_limit = 1,
	    .a.total_running = 1, .a.sensor_blocked = true,
	    .want = ADMIT_INSTANCES },
	{ "order: per_source before -limit", .per_source = LIMIT(0),
	    .a.process_limit = 1, .a.total_running = 1,
	    .a.sensor_blocked = true, .want = ADMIT_PER_SOURCE },
	{ "order: -limit before the deny list", .a.process_limit = 1,
	    .a.total_running = 1, .a.sensor_blocked = true,
	    .want = ADMIT_PROCESS_LIMIT },
	{ "order: a refusal by a later rule still counts for cps",
	    .cps_max = 10, .cps = { 1, NOON }, .instances = LIMIT(0),
	    .want = ADMIT_INSTANCES, .want_cps_count = 2 },
};

static void admit_row(void **state)
{
	const struct row *r = *state;
	struct svc_conf sc;
	struct time_span span = { r->from, r->to };
	struct cps_window w = r->cps;
	struct admission a = r->a;
	struct peer p;
	struct sockaddr_in sin = { .sin_family = AF_INET };

	memset(&sc, 0, sizeof(sc));
	sc.cps_max = r->cps_max;
	sc.cps_wait = r->cps_wait;
	sc.max_load = r->max_load;
	sc.instances = r->instances > 0 ? r->instances - 1 : LIMIT_UNLIMITED;
	sc.per_source = r->per_source > 0 ? r->per_source - 1 : LIMIT_UNLIMITED;
	if (r->sensor)
		sc.flags |= SVC_F_SENSOR;
	if (!r->load_known)
		a.load = -1;
	/* The cps windows of the rows are on the same clock as NOON. */
	a.mono = NOON;
	if (r->times) {
		sc.access_times = &span;
		sc.n_access_times = 1;
	}
	inet_pton(AF_INET, "192.0.2.7", &sin.sin_addr);
	if (r->unknown_peer)
		peer_set(&p, NULL, 0);
	else
		peer_set(&p, (struct sockaddr *)&sin, sizeof(sin));

	assert_int_equal(access_admit(&sc, &w, &a, &p, NOON), r->want);
	assert_int_equal(w.count, r->want_cps_count);
	if (r->cps_max > 0)
		assert_true(w.start <= NOON);
}

/* The reflection guard of UDP builtins: source address and port. */
struct guard_row {
	const char *name;
	const char *addr;	/* ':' makes it IPv6 */
	unsigned port;
	bool low_ok;		/* reply_to_low_ports = yes */
	enum admit_verdict want;
};

static const struct guard_row guard_rows[] = {
	{ "guard: a high port is answered", "192.0.2.7", 40000, false,
	    ADMIT_OK },
	{ "guard: port 1024 is answered", "192.0.2.7", 1024, false, ADMIT_OK },
	{ "guard: port 1023 is not", "192.0.2.7", 1023, false,
	    ADMIT_SOURCE_PORT },
	{ "guard: echo's port 7 is not", "192.0.2.7", 7, false,
	    ADMIT_SOURCE_PORT },
	{ "guard: reply_to_low_ports answers port 53", "192.0.2.7", 53, true,
	    ADMIT_OK },
	{ "guard: v4-mapped port 19 is not", "::ffff:192.0.2.7", 19, false,
	    ADMIT_SOURCE_PORT },
	{ "guard: limited broadcast source", "255.255.255.255", 40000, false,
	    ADMIT_SOURCE_ADDRESS },
	{ "guard: multicast source", "224.0.0.251", 5353, true,
	    ADMIT_SOURCE_ADDRESS },
	{ "guard: 0.0.0.0 source", "0.0.0.0", 40000, false,
	    ADMIT_SOURCE_ADDRESS },
	{ "guard: class E source", "240.1.2.3", 40000, false,
	    ADMIT_SOURCE_ADDRESS },
	{ "guard: v4-mapped broadcast source", "::ffff:255.255.255.255", 40000,
	    false, ADMIT_SOURCE_ADDRESS },
	{ "guard: IPv6 multicast source", "ff02::1", 40000, false,
	    ADMIT_SOURCE_ADDRESS },
	{ "guard: IPv6 unspecified source", "::", 40000, false,
	    ADMIT_SOURCE_ADDRESS },
	{ "guard: IPv6 unicast, high port", "2001:db8::1", 40000, false,
	    ADMIT_OK },
	{ "guard: the source address is checked before the port",
	    "224.0.0.1", 7, false, ADMIT_SOURCE_ADDRESS },
};

static void guard_row(void **state)
{
	const struct guard_row *r = *state;
	struct svc_conf sc;
	struct sockaddr_storage ss;
	struct peer p;
	socklen_t len;

	memset(&sc, 0, sizeof(sc));
	memset(&ss, 0, sizeof(ss));
	sc.reply_to_low_ports = r->low_ok;
	if (strchr(r->addr, ':') != NULL) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)r->port);
		assert_int_equal(inet_pton(AF_INET6, r->addr, &s6->sin6_addr), 1);
		len = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)r->port);
		assert_int_equal(inet_pton(AF_INET, r->addr, &s4->sin_addr), 1);
		len = sizeof(*s4);
	}
	peer_set(&p, (struct sockaddr *)&ss, len);
	assert_int_equal(access_reply_guard(&sc, &p), r->want);
}

static void fail_words(void **state)
{
	static const struct {
		enum admit_verdict v;
		const char *word;
	} words[] = {
		{ ADMIT_CPS, "connections per second" },
		{ ADMIT_LOAD, "load" },
		{ ADMIT_TIME, "time" },
		{ ADMIT_INSTANCES, "service_limit" },
		{ ADMIT_PER_SOURCE, "per_source_limit" },
		{ ADMIT_PROCESS_LIMIT, "process_limit" },
		{ ADMIT_SENSOR, "address" },
		{ ADMIT_SOURCE_PORT, "source_port" },
		{ ADMIT_SOURCE_ADDRESS, "source_address" },
		{ ADMIT_REPLY_RATE, "reply_rate" },
	};

	(void)state;
	assert_null(access_fail_word(ADMIT_OK));
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		assert_string_equal(access_fail_word(words[i].v),
		    words[i].word);
}

int main(void)
{
	size_t n = sizeof(rows) / sizeof(rows[0]);
	size_t ng = sizeof(guard_rows) / sizeof(guard_rows[0]);
	struct CMUnitTest *tests = calloc(n + ng + 1, sizeof(*tests));

	setenv("TZ", "UTC", 1);
	tzset();
	for (size_t i = 0; i < n; i++) {
		tests[i] = (struct CMUnitTest)cmocka_unit_test_prestate(
		    admit_row, (void *)&rows[i]);
		tests[i].name = rows[i].name;
	}
	for (size_t i = 0; i < ng; i++) {
		tests[n + i] = (struct CMUnitTest)cmocka_unit_test_prestate(
		    guard_row, (void *)&guard_rows[i]);
		tests[n + i].name = guard_rows[i].name;
	}
	tests[n + ng] = (struct CMUnitTest)cmocka_unit_test(fail_words);
	int rc = _cmocka_run_group_tests("access", tests, n + ng + 1, NULL,
	    NULL);
	free(tests);
	return rc;
}
