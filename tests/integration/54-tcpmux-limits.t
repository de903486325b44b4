#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# 54-tcpmux-limits: what reaches a server through tcpmux passes the same
# checks as any request (reference 4.2, 5):
#  - a TCPMUX entry with flags = SENSOR and no user is refused at load with
#    FILE:LINE (reached through tcpmux it would have run as root), and its
#    name is not found;
#  - a TCPMUX entry's instances, per_source and cps are enforced, with
#    their FAIL words (under the entry's id, in the tcpmux service's log),
#    and no server runs for a refused client;
#  - a TCPMUXPLUS entry sends "+Go" only after its own checks passed: a
#    client its only_from refuses gets no "+Go".
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup

P_MUX=$(xt_ports 1)
ME=$(xt_user)
cat >"$T/slow.sh" <<EOF
#!/bin/sh
echo run >>"$T/slow.ran"
echo SLOW
sleep 3
EOF
cat >"$T/fast.sh" <<EOF
#!/bin/sh
echo run >>"$T/\$1.ran"
echo FAST
EOF
chmod 755 "$T/slow.sh" "$T/fast.sh"

conf=$(xt_conf xinetd.conf <<EOF
service tcpmux
{
	id             = muxd
	type           = INTERNAL UNLISTED
	socket_type    = stream
	protocol       = tcp
	wait           = no
	port           = $P_MUX
	user           = $ME
	cps            = 0 0
	log_type       = FILE $T/muxd.log
	log_on_success = PID HOST EXIT
	log_on_failure = HOST
}

service trapmux
{
	type        = TCPMUX UNLISTED
	socket_type = stream
	protocol    = tcp
	wait        = no
	flags       = SENSOR
	server      = /bin/sh
}

service one
{
	log_on_failure = HOST
	type        = TCPMUX UNLISTED
	socket_type = stream
	protocol    = tcp
	wait        = no
	user        = $ME
	server      = $T/slow.sh
	instances   = 1
	cps         = 0 0
}

service persrc
{
	log_on_failure = HOST
	type        = TCPMUX UNLISTED
	socket_type = stream
	protocol    = tcp
	wait        = no
	user        = $ME
	server      = $T/slow.sh
	per_source  = 1
	cps         = 0 0
}

service rate
{
	log_on_failure = HOST
	type        = TCPMUX UNLISTED
	socket_type = stream
	protocol    = tcp
	wait        = no
	user        = $ME
	server      = $T/fast.sh
	server_args = rate
	cps         = 2 3
}

service plus
{
	log_on_failure = HOST
	type        = TCPMUXPLUS UNLISTED
	socket_type = stream
	protocol    = tcp
	wait        = no
	user        = $ME
	only_from   = 192.0.2.1
	server      = $T/fast.sh
	server_args = plus
}
EOF
)
trap_line=$(grep -n '^service trapmux' "$conf" | cut -d: -f1)
ok "daemon starts" xt_start "$conf" || BAIL_OUT "daemon did not start"
ok "a SENSOR TCPMUX entry is refused at load, with its location" \
	xt_log_wait "$(xt_re_loc ERROR "$conf" "$trap_line" 'Service trapmux: a SENSOR cannot be a TCPMUX service - DISABLING')" 1

# mux NAME [SECS]: ask tcpmux for NAME; the reply in $got
mux() {
	got=$("$XT_NET" tcp 127.0.0.1 "$P_MUX" -s "$1\\r\\n" -t "${2:-5}" 2>/dev/null | tr -d '\0')
}
mux trapmux
is "$got" $'-Service name not found\r' "the SENSOR entry's name is not found"

# --- instances = 1: the second concurrent client is refused, no server
"$XT_NET" tcp 127.0.0.1 "$P_MUX" -s 'one\r\n' -t 6 >"$T/first.out" 2>/dev/null &
first=$!
ok "instances: the first client's server runs" xt_log_wait_n 1 'run' 5 "$T/slow.ran"
mux one 3
is "$got" "" "instances = 1: a second client gets nothing"
ok "instances: FAIL: one service_limit" \
	xt_log_wait "${XT_RE_SVC}FAIL: one service_limit from=::ffff:127\\.0\\.0\\.1\$" 3 "$T/muxd.log"
wait "$first"
is "$(cat "$T/first.out")" "SLOW" "instances: the first client was served"
is "$(wc -l <"$T/slow.ran")" 1 "instances: one server ran, not two"

# --- per_source = 1: the same source twice at once
: >"$T/slow.ran"
"$XT_NET" tcp 127.0.0.1 "$P_MUX" -s 'persrc\r\n' -t 6 >/dev/null 2>&1 &
first=$!
ok "per_source: the first client's server runs" xt_log_wait_n 1 'run' 5 "$T/slow.ran"
mux persrc 3
is "$got" "" "per_source = 1: a second client from the same address gets nothing"
ok "per_source: FAIL: persrc per_source_limit" \
	xt_log_wait "${XT_RE_SVC}FAIL: persrc per_source_limit from=::ffff:127\\.0\\.0\\.1\$" 3 "$T/muxd.log"
wait "$first"
is "$(wc -l <"$T/slow.ran")" 1 "per_source: one server ran"

# --- cps = 2 3: a quick burst trips the entry
for i in 1 2 3 4 5 6; do mux rate 3; r[i]=$got; done
is "${r[1]}" $'FAST' "cps: the first client is served"
ok "cps: FAIL: rate connections per second" \
	xt_log_wait "${XT_RE_SVC}FAIL: rate connections per second from=::ffff:127\\.0\\.0\\.1\$" 3 "$T/muxd.log"
ok "cps: 'Deactivating service rate'" \
	xt_log_wait "${XT_RE_PROG}ERROR: Deactivating service rate due to excessive incoming connections\\.  Restarting in 3 seconds\\.\$" 3
ran=$(wc -l <"$T/rate.ran")
ok "cps: fewer servers ran than clients came ($ran of 6)" test "$ran" -lt 6
ok "cps: 'Activating service rate' after the pause" \
	xt_log_wait "${XT_RE_PROG}ERROR: Activating service rate\$" 6
mux rate
is "$got" "FAST" "cps: served again after the pause"

# --- TCPMUXPLUS: no +Go before the entry's own checks
mux plus
is "$got" "" "TCPMUXPLUS refused by its only_from: no '+Go' at all"
ok "TCPMUXPLUS: FAIL: plus address" \
	xt_log_wait "${XT_RE_SVC}FAIL: plus address from=::ffff:127\\.0\\.0\\.1\$" 3 "$T/muxd.log"
ok "TCPMUXPLUS: its server never ran" test ! -e "$T/plus.ran"
ok "daemon still running" xt_alive
xt_check_clean
xt_stop
done_testing
