#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# 65-redirect-splice: the forwarder copies the first 64 KiB of each
# direction and moves the rest with splice() through a pipe per direction
# (reference 4.10), and copies everything where told not to
# (XINETD_NG_SPLICE=0): 8 MiB through an echo target come back byte for
# byte, the client's half-close reaches the target and the target's close
# comes back, TRAFFIC counts are exact; a held session that has moved a
# few bytes holds no pipe, one that has moved 256 KiB each way holds a
# pipe per direction when splicing and none when copying.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
XT_TEST_TIMEOUT=${XT_TEST_TIMEOUT:-150}
xt_setup

read -r P P_SILENT P_ECHO <<<"$(xt_ports 3 | tr '\n' ' ')"
head -c 8388608 /dev/urandom >"$T/payload"
head -c 262144 "$T/payload" >"$T/bulk"
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
# pipes_of PID: the pipes among its descriptors, once they stop changing
# (at most 2 s): the forwarder may still be moving the bytes sent to it.
pipes_of() {
	local n=-1 prev i
	for ((i = 0; i < 20; i++)); do
		prev=$n
		n=$(ls -l "/proc/$1/fd" 2>/dev/null | grep -c 'pipe:')
		[ "$n" = "$prev" ] && [ "$i" -ge 2 ] && break
		xt_sleep_ms 100
	done
	echo "$n"
}

# held FILE|STRING: a session that stays open after sending, and
# how many pipes its forwarder holds meanwhile.
held() {
	local what=(-s "$1") fpid held
	[ -f "$1" ] && what=(-S "$1")
	: >"$T/quiet.log"
	"$XT_NET" tcp 127.0.0.1 "$P_SILENT" "${what[@]}" -d -t 3 >/dev/null &
	held=$!
	xt_log_wait ': START: quiet pid=' 3 "$T/quiet.log"
	fpid=$(sed -n 's/.*START: quiet pid=\([0-9]*\).*/\1/p' "$T/quiet.log")
	HELD_PIPES=$(pipes_of "$fpid")
	wait "$held"
}

# round MODE: one 8 MiB session and two held ones, in a daemon of MODE
round() {
	local mode=$1 target
	: >"$T/svc.log"
	: >"$T/quiet.log"
	"$XT_NET" serve 127.0.0.1 "$P_ECHO" -c 3 -t 20 --echo >"$T/target.out" &
	target=$!
	xt_log_wait listening 3 "$T/target.out"
	ok "$mode: daemon starts" xt_start "$conf" || return 1
	"$XT_NET" tcp 127.0.0.1 "$P" -S "$T/payload" -e -d -t 60 >"$T/back"
	is "$(cmp "$T/payload" "$T/back" >/dev/null && echo same)" same \
		"$mode: 8 MiB echoed through the forwarder, byte for byte"
	ok "$mode: TRAFFIC in=8388608 out=8388608" \
		xt_log_wait ': TRAFFIC: fwd in=8388608\(bytes\) out=8388608\(bytes\)$' 5 "$T/svc.log"
	ok "$mode: the session ended (EXIT)" xt_log_wait ': EXIT: fwd status=0 ' 5 "$T/svc.log"
	# Sessions that stay open, to look at the forwarder's descriptors.
	held held
	is "$HELD_PIPES" 0 "$mode: a session of 4 bytes is copied: no pipe"
	held "$T/bulk"
	if [ "$mode" = splice ]; then
		is "$HELD_PIPES" 4 "splice: after 256 KiB each way, a pipe per direction"
	else
		is "$HELD_PIPES" 0 "copy: after 256 KiB each way, still no pipe"
	fi
	wait "$target"
	xt_check_clean
	xt_stop
}
round splice
XT_START_PREFIX=(env XINETD_NG_SPLICE=0)
round copy
XT_START_PREFIX=()
done_testing
