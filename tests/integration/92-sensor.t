#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 92-sensor: `flags = SENSOR` and deny_time (reference 4.11, 8.3, 12 #71):
#  - a SENSOR service needs a `server` (never run: /bin/true here); without
#    one: ERROR "Must specify a server in <name>", service not started;
#  - a connection from 127.0.0.1 to the sensor: CRITICAL
#    "Adding ::ffff:127.0.0.1 to the global_no_access list for 1 minutes"
#    and FAIL "<id> address" in the sensor's log; the client gets no data;
#  - afterwards other services refuse ::ffff:127.0.0.1 (FAIL address; stream
#    and dgram) while ::1 is still served;
#  - the list keys the exact address text: 127.0.0.1 on an IPv4-only
#    service (`flags = IPv4`) is a different key and still served.
# xinetd refuses in a child (START, FAIL, EXIT), xinetd-ng in the daemon
# (FAIL only): only the FAIL lines are asserted.
# The sensor's CRITICAL line is expected: it is left out of the final
# "no CRITICAL" check (any other CRITICAL still fails it).
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup P_SENSOR P_HELLO P_V4 P_UDP P_NOSRV

conf=$(xt_conf xinetd.conf <<EOF
$(xt_svc -l sensor1 "$P_SENSOR" -user "flags = SENSOR" "deny_time = 1" "server = /bin/true")
$(xt_svc sensor2 "$P_NOSRV" -user "flags = SENSOR" "deny_time = 1")
$(xt_svc -l hello "$P_HELLO" "server = /bin/echo" "server_args = HELLO")
$(xt_svc -l hello4 "$P_V4" "flags = IPv4" "server = /bin/echo" "server_args = HELLO4")
$(xt_svc echo "$P_UDP" "type = INTERNAL UNLISTED" "socket_type = dgram" "protocol = udp" \
	"wait = yes" "id = echo-dgram" "flags = NOLIBWRAP" "log_type = FILE $T/echo-dgram.log" \
	"log_on_success = PID HOST" "log_on_failure = HOST")
EOF
)

xt_start_ok "$conf"
xt_working 4 "4 services available (the SENSOR's /bin/true server is accepted, sensor2 is not)"
ok "a SENSOR without server: ERROR 'Must specify a server in sensor2'" \
	xt_log_wait "${XT_RE_PROG}ERROR: (.*: )?Must specify a server in sensor2( \\[file=.*\\] \\[line=[0-9]+\\])?\$" 1
xt_tcp got 127.0.0.1 "$P_NOSRV" -t 2
is "$XT_RC" 2 "sensor2 (no server) does not listen"

# --- before the sensor is touched
xt_tcp got 127.0.0.1 "$P_HELLO"
is "$got" $'HELLO\n' "before: 127.0.0.1 served by hello"
xt_udp got 127.0.0.1 "$P_UDP" -s 'before'
is "$got" "before" "before: 127.0.0.1 served by echo-dgram"

# --- trip the sensor from 127.0.0.1
xt_tcp got 127.0.0.1 "$P_SENSOR" -s 'probe\n' -e
is "$got" "" "sensor: the client gets no data"
re_crit="${XT_RE_PROG}CRITICAL: ([0-9]+ \\{[a-z_]+\\} )?Adding ::ffff:127\\.0\\.0\\.1 to the global_no_access list for 1 minutes\$"
ok "CRITICAL 'Adding ::ffff:127.0.0.1 to the global_no_access list for 1 minutes'" \
	xt_log_wait "$re_crit" 5
ok "sensor log: FAIL: sensor1 address from=::ffff:127.0.0.1" \
	xt_log_wait "${XT_RE_SVC}FAIL: sensor1 address from=::ffff:127\\.0\\.0\\.1\$" 5 "$T/sensor1.log"
nok "the sensor's server (/bin/true) never ran: no execv error" \
	grep -q 'execv' "$XT_LOG"

# --- other services now refuse ::ffff:127.0.0.1
xt_tcp got 127.0.0.1 "$P_HELLO"
is "$got" "" "after: hello refuses 127.0.0.1 (no output)"
ok "after: FAIL: hello address from=::ffff:127.0.0.1" \
	xt_log_wait "${XT_RE_SVC}FAIL: hello address from=::ffff:127\\.0\\.0\\.1\$" 5 "$T/hello.log"
xt_tcp got ::1 "$P_HELLO"
is "$got" $'HELLO\n' "after: ::1 still served by hello"
xt_udp got 127.0.0.1 "$P_UDP" -s 'after' -t 2
is "$XT_RC/$got" "3/" "after: echo-dgram does not answer 127.0.0.1"
ok "after: FAIL: echo-dgram address from=::ffff:127.0.0.1" \
	xt_log_wait "${XT_RE_SVC}FAIL: echo-dgram address from=::ffff:127\\.0\\.0\\.1\$" 5 "$T/echo-dgram.log"
xt_udp got ::1 "$P_UDP" -s 'six'
is "$got" "six" "after: echo-dgram still answers ::1"
xt_tcp got 127.0.0.1 "$P_V4"
is "$got" $'HELLO4\n' "after: IPv4-only service (peer text 127.0.0.1, a different key) still serves 127.0.0.1"
is "$(grep -c 'global_no_access' "$XT_LOG")" 1 "only the sensor's own hit added an address"

ok "daemon still running" xt_alive
xt_stop
# the expected CRITICAL line is taken out before the clean check
grep -Ev "$re_crit" "$XT_LOG" >"$T/xinetd.log.checked"
XT_D_LOG[1]=$T/xinetd.log.checked
xt_check_clean "daemon logs are clean apart from the sensor's CRITICAL line"
done_testing
