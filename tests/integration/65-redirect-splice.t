#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# 65-redirect-splice: the forwarder moves bytes with splice() through a
# pipe per direction (reference 4.10), and copies them where told not to
# (XINETD_NG_SPLICE=0): 8 MiB through an echo target come back byte for
# byte, the client's half-close reaches the target and the target's close
# comes back, TRAFFIC counts are exact; the splicing forwarder holds its
# pipes, the copying one none.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
XT_TEST_TIMEOUT=${XT_TEST_TIMEOUT:-150}
xt_setup

read -r P P_SILENT P_ECHO <<<"$(xt_ports 3 | tr '\n' ' ')"
head -c 8388608 /dev/urandom >"$T/payload"
conf=$(xt_conf xinetd.conf <<EOF
service fwd
{
	type           = UNLISTED
	socket_type    = stream
	protocol       = tcp
	wait           = no
	port           = $P
	user           = $(xt_user)
	redirect       = 127.0.0.1 $P_ECHO
	log_type       = FILE $T/svc.log
	log_on_success = PID EXIT TRAFFIC
}

service quiet
{
	type           = UNLISTED
	socket_type    = stream
	protocol       = tcp
	wait           = no
	port           = $P_SILENT
	user           = $(xt_user)
	redirect       = 127.0.0.1 $((P_ECHO + 0))
	log_type       = FILE $T/quiet.log
	log_on_success = PID
}
EOF
)
# round MODE: one 8 MiB session and one held one, in a daemon of MODE
round() {
	local mode=$1 target fpid pipes held
	: >"$T/svc.log"
	: >"$T/quiet.log"
	"$XT_NET" serve 127.0.0.1 "$P_ECHO" -c 2 -t 20 --echo >"$T/target.out" &
	target=$!
	xt_log_wait listening 3 "$T/target.out"
	ok "$mode: daemon starts" xt_start "$conf" || return 1
	"$XT_NET" tcp 127.0.0.1 "$P" -S "$T/payload" -e -d -t 60 >"$T/back"
	is "$(cmp "$T/payload" "$T/back" >/dev/null && echo same)" same \
		"$mode: 8 MiB echoed through the forwarder, byte for byte"
	ok "$mode: TRAFFIC in=8388608 out=8388608" \
		xt_log_wait ': TRAFFIC: fwd in=8388608\(bytes\) out=8388608\(bytes\)$' 5 "$T/svc.log"
	ok "$mode: the session ended (EXIT)" xt_log_wait ': EXIT: fwd status=0 ' 5 "$T/svc.log"
	# A session that stays open, to look at the forwarder's descriptors.
	"$XT_NET" tcp 127.0.0.1 "$P_SILENT" -s 'held' -t 3 >/dev/null &
	held=$!
	xt_log_wait ': START: quiet pid=' 3 "$T/quiet.log"
	fpid=$(sed -n 's/.*START: quiet pid=\([0-9]*\).*/\1/p' "$T/quiet.log")
	xt_sleep_ms 200
	pipes=$(ls -l "/proc/$fpid/fd" 2>/dev/null | grep -c 'pipe:')
	if [ "$mode" = splice ]; then
		is "$pipes" 4 "splice: the forwarder holds a pipe per direction"
	else
		is "$pipes" 0 "copy: the forwarder holds no pipe"
	fi
	wait "$held" "$target"
	xt_check_clean
	xt_stop
}
round splice
XT_START_PREFIX=(env XINETD_NG_SPLICE=0)
round copy
XT_START_PREFIX=()
done_testing
