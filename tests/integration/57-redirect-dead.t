#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# 57-redirect-dead: a redirected client that half-closes and then resets,
# while the target stays silent, ends the session at once (reference 4.10):
# EXIT within 3 s, not when the target speaks, the program log says why,
# and nothing spun meanwhile (CPU time of the forwarder: the daemon itself
# when it relays the session, START pid=0; the forked one with
# XINETD_NG_RELAY=0).
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup

read -r P P_TARGET <<<"$(xt_ports 2 | tr '\n' ' ')"
"$XT_NET" listen 127.0.0.1 "$P_TARGET" -t 30 >"$T/target.out" &
target=$!
ok "silent target listening" xt_log_wait listening 3 "$T/target.out"

conf=$(xt_conf xinetd.conf <<EOF
service fwd
{
	type           = UNLISTED
	socket_type    = stream
	protocol       = tcp
	wait           = no
	port           = $P
	user           = $(xt_user)
	redirect       = 127.0.0.1 $P_TARGET
	log_type       = FILE $T/svc.log
	log_on_success = PID HOST EXIT DURATION
}
EOF
)
# cpu_ticks PID: user and system clock ticks it has used.
cpu_ticks() {
	local st
	read -r -a st <"/proc/$1/stat" 2>/dev/null || { echo 0; return; }
	echo $((st[13] + st[14]))
}

# round MODE: one dead client, relayed (MODE relayed) or forked.
round() {
	local mode=$1 fpid who before ticks
	: >"$T/svc.log"
	ok "$mode: daemon starts" xt_start "$conf" || return 1
	"$XT_NET" tcp 127.0.0.1 "$P" -s 'hello\n' -e -w -r -t 3
	ok "$mode: the session started" \
		xt_log_wait ': START: fwd pid=[0-9]+' 3 "$T/svc.log"
	fpid=$(sed -n 's/.*START: fwd pid=\([0-9]*\).*/\1/p' "$T/svc.log" | head -n 1)
	who=$fpid
	if [ "$mode" = relayed ]; then
		is "$fpid" 0 "relayed: by the daemon (pid=0)"
		who=$XT_PID
	else
		ok "forked: by a forwarder of its own (pid=$fpid)" test "${fpid:-0}" -gt 0
	fi
	# A second after the reset: gone, or at least idle (a spinning
	# forwarder has burnt most of that second).
	before=$(cpu_ticks "$who")
	xt_sleep_ms 1000
	ticks=$(($(cpu_ticks "$who") - before))
	[ "$ticks" -lt 0 ] && ticks=0
	ok "$mode: nothing spun ($ticks ticks of CPU in a second)" test "$ticks" -lt 20
	ok "$mode: the session ends within 3 s of the reset (EXIT)" \
		xt_log_wait ": EXIT: fwd status=0 pid=$fpid" 3 "$T/svc.log"
	ok "$mode: the program log says why" \
		xt_log_wait "${XT_RE_PROG}INFO: service fwd: redirected session to 127\\.0\\.0\\.1 ended: client: " 3
	ok "$mode: daemon still running" xt_alive
	xt_check_clean
	xt_stop
}
round relayed
XT_START_PREFIX=(env XINETD_NG_RELAY=0)
round forked
XT_START_PREFIX=()
kill "$target" 2>/dev/null
wait "$target" 2>/dev/null
done_testing
