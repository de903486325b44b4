#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154  # xt_tcp assigns by name
# 53-clock-step: intervals the daemon measures run on the monotonic clock,
# so a step of the wall clock changes nothing (libfaketime moves the
# daemon's wall clock while it runs; its monotonic clock is left alone):
#  - cps: after the clock steps back an hour, connections well under the
#    rate do not deactivate the service (with time() the window never
#    ended and the 4th connection tripped it);
#  - deny_time: after the clock steps forward two hours, a SENSOR's
#    one-minute block still holds.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup

lib=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -n 1)
[ -n "$lib" ] || skip_all "libfaketime (Debian: faketime) not found"

read -r P_CPS P_SENSOR P_GUARD <<<"$(xt_ports 3 | tr '\n' ' ')"
ME=$(xt_user)
conf=$(xt_conf xinetd.conf <<EOF
service cpsx
{
	type = UNLISTED
	socket_type = stream
	protocol = tcp
	wait = no
	port = $P_CPS
	user = $ME
	server = /bin/echo
	server_args = HELLO
	cps = 3 2
}

service trap
{
	type = UNLISTED
	socket_type = stream
	protocol = tcp
	wait = no
	port = $P_SENSOR
	flags = SENSOR
	server = /bin/true
	deny_time = 1
}

service guarded
{
	type = UNLISTED
	socket_type = stream
	protocol = tcp
	wait = no
	port = $P_GUARD
	user = $ME
	server = /bin/echo
	server_args = HELLO
	log_type = FILE $T/guarded.log
	log_on_failure = HOST
}
EOF
)
clock=$T/clock
echo "+0" >"$clock"
# ASan must come first among preloads; here it need not.
XT_START_PREFIX=(env LD_PRELOAD="$lib" FAKETIME_TIMESTAMP_FILE="$clock"
	FAKETIME_NO_CACHE=1 FAKETIME_DONT_FAKE_MONOTONIC=1
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0")
ok "daemon starts under libfaketime" xt_start "$conf" || BAIL_OUT "daemon did not start"

# --- cps: open the window, step the clock back, stay under the rate
xt_tcp got 127.0.0.1 "$P_CPS" -t 3
is "$got" $'HELLO\n' "cps: first connection served"
echo "-3600" >"$clock"
served=0
for i in 1 2 3 4 5 6; do
	xt_sleep_ms 1000
	xt_tcp got 127.0.0.1 "$P_CPS" -t 3
	[ "$got" = $'HELLO\n' ] && served=$((served + 1))
done
is "$served" 6 "cps: 6 connections at 1/s after the clock stepped back an hour: all served"
is "$(xt_log_count 'Deactivating service cpsx')" 0 "cps: the service was never deactivated"

# --- deny_time: trip the sensor, step the clock forward, still blocked
echo "+0" >"$clock"
xt_tcp got 127.0.0.1 "$P_SENSOR" -t 3
ok "sensor: 127.0.0.1 is on the deny list" \
	xt_log_wait "${XT_RE_PROG}CRITICAL: [0-9]+ \\{sensor_block\\} Adding ::ffff:127\\.0\\.0\\.1 to the global_no_access list for 1 minutes" 3
xt_tcp got 127.0.0.1 "$P_GUARD" -t 3
is "$got" "" "sensor: another service refuses 127.0.0.1"
echo "+7200" >"$clock"
xt_sleep_ms 200
xt_tcp got 127.0.0.1 "$P_GUARD" -t 3
is "$got" "" "sensor: two hours later on the wall clock the one-minute block still holds"
is "$(grep -c 'FAIL: guarded address from=::ffff:127.0.0.1' "$T/guarded.log")" 2 \
	"sensor: both refusals logged as FAIL address"
ok "daemon still running" xt_alive
xt_stop
done_testing
