#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# 57-redirect-dead: a redirected client that half-closes and then resets,
# while the target stays silent, ends the session at once (reference 4.10):
# the forwarder exits (EXIT within 3 s, not when the target speaks), says
# why in the program log, and did not spin meanwhile (its CPU time).
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
ok "daemon starts" xt_start "$conf" || BAIL_OUT "daemon did not start"

"$XT_NET" tcp 127.0.0.1 "$P" -s 'hello\n' -e -w -r -t 3
ok "the forwarder started" xt_log_wait ': START: fwd pid=[0-9]+' 3 "$T/svc.log"
fpid=$(sed -n 's/.*START: fwd pid=\([0-9]*\).*/\1/p' "$T/svc.log" | head -n 1)
# A second after the reset: gone, or at least idle (a spinning forwarder
# has burnt most of that second).
xt_sleep_ms 1000
ticks=0
if [ -r "/proc/$fpid/stat" ]; then
	read -r -a st <"/proc/$fpid/stat"
	ticks=$((st[13] + st[14]))
fi
ok "the forwarder did not spin ($ticks ticks of CPU in its first second)" test "$ticks" -lt 20
ok "the forwarder ends within 3 s of the reset (EXIT)" \
	xt_log_wait ": EXIT: fwd status=0 pid=$fpid" 3 "$T/svc.log"
ok "the program log says why" \
	xt_log_wait "${XT_RE_PROG}INFO: service fwd: redirected session to 127\\.0\\.0\\.1 ended: client: " 3
kill "$target" 2>/dev/null
wait "$target" 2>/dev/null
ok "daemon still running" xt_alive
xt_check_clean
xt_stop
done_testing
