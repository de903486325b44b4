#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# 51-log-order: the daemon writes a server's START line before anything the
# server's child writes (reference 8.3): the child holds its FAIL line
# until the daemon has logged START. Many refused clients at once, each
# START / FAIL / EXIT triple checked in the service log: at every line,
# no more FAILs than STARTs, and each pid's EXIT after its START.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup

P=$(xt_ports 1)
N=60
conf=$(xt_conf xinetd.conf <<EOF
service order
{
	type = UNLISTED
	socket_type = stream
	protocol = tcp
	wait = no
	port = $P
	user = $(xt_user)
	only_from = 192.0.2.1
	server = /bin/echo
	cps = 0 0
	log_type = FILE $T/order.log
	log_on_success = PID HOST EXIT
	log_on_failure = HOST
}
EOF
)
ok "daemon starts" xt_start "$conf" || BAIL_OUT "daemon did not start"

# Clients in waves of 10 at once, so parents and children race.
for ((w = 0; w < N / 10; w++)); do
	pids=()
	for ((i = 0; i < 10; i++)); do
		"$XT_NET" tcp 127.0.0.1 "$P" -t 5 >/dev/null 2>&1 &
		pids+=($!)
	done
	wait "${pids[@]}"
done
ok "all $N refusals logged (EXIT lines)" \
	xt_log_wait_n "$N" ': EXIT: order ' 20 "$T/order.log"

bad=$(awk '
	/: START: order / { starts++ }
	/: FAIL: order address / { if (++fails > starts) { print FNR ": FAIL before its START"; exit } }
	' "$T/order.log")
is "$bad" "" "no FAIL line ever comes before the START line of its server"
is "$(grep -c ': START: order ' "$T/order.log")/$(grep -c ': FAIL: order address ' "$T/order.log")" \
	"$N/$N" "$N START and $N FAIL lines"
bad=$(awk '
	match($0, /: START: order pid=[0-9]+/) { split(substr($0, RSTART, RLENGTH), a, "="); seen[a[2]] = 1 }
	match($0, /: EXIT: order status=[0-9]+ pid=[0-9]+/) { n = split(substr($0, RSTART, RLENGTH), a, "=");
		if (!(a[n] in seen)) { print FNR ": EXIT of " a[n] " before its START"; exit } }
	' "$T/order.log")
is "$bad" "" "every EXIT comes after its START"
ok "daemon still running" xt_alive
xt_stop
done_testing
