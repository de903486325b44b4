#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# 65-redirect-splice: a redirected session copies the first 64 KiB of each
# direction and moves the rest with splice() through a pipe per direction
# (reference 4.10), and copies everything where told not to
# (XINETD_NG_SPLICE=0), whether the daemon relays it (the default:
# START pid=0) or a forked forwarder does (XINETD_NG_RELAY=0: START with
# its pid): 8 MiB through an echo target come back byte for byte, the
# client's half-close reaches the target and the target's close comes
# back, TRAFFIC counts and EXIT are logged; a held session that has moved
# a few bytes holds no pipe, one that has moved 256 KiB each way holds a
# pipe per direction when splicing and none when copying (counted in the
# forwarder, or in the daemon against its pipes before the session).
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

# held FILE|STRING: a session that stays open after sending, and how
# many pipes its forwarder holds meanwhile: the forked one named by START,
# or the daemon (pid=0), beyond the pipes it held before.
held() {
	local what=(-s "$1") fpid held base=0
	[ -f "$1" ] && what=(-S "$1")
	: >"$T/quiet.log"
	[ "$RELAYED" = yes ] && base=$(pipes_of "$XT_PID")
	"$XT_NET" tcp 127.0.0.1 "$P_SILENT" "${what[@]}" -d -t 3 >/dev/null &
	held=$!
	xt_log_wait ': START: quiet pid=' 3 "$T/quiet.log"
	fpid=$(sed -n 's/.*START: quiet pid=\([0-9]*\).*/\1/p' "$T/quiet.log")
	HELD_PID=$fpid
	[ "$fpid" = 0 ] && fpid=$XT_PID
	HELD_PIPES=$(($(pipes_of "$fpid") - base))
	wait "$held"
}

# round MODE: one 8 MiB session and two held ones, in a daemon of MODE
# (splice or copy), relayed by the daemon when RELAYED is yes
round() {
	local mode=$1 target
	: >"$T/svc.log"
	: >"$T/quiet.log"
	"$XT_NET" serve 127.0.0.1 "$P_ECHO" -c 3 -t 20 --echo >"$T/target.out" &
	target=$!
	xt_log_wait listening 3 "$T/target.out"
	ok "$RELAYED_AS $mode: daemon starts" xt_start "$conf" || return 1
	"$XT_NET" tcp 127.0.0.1 "$P" -S "$T/payload" -e -d -t 60 >"$T/back"
	is "$(cmp "$T/payload" "$T/back" >/dev/null && echo same)" same \
		"$RELAYED_AS $mode: 8 MiB echoed through the redirect, byte for byte"
	ok "$RELAYED_AS $mode: TRAFFIC in=8388608 out=8388608" \
		xt_log_wait ': TRAFFIC: fwd in=8388608\(bytes\) out=8388608\(bytes\)$' 5 "$T/svc.log"
	ok "$RELAYED_AS $mode: the session ended (EXIT)" xt_log_wait ': EXIT: fwd status=0 ' 5 "$T/svc.log"
	# Sessions that stay open, to look at the forwarder's descriptors.
	held held
	if [ "$RELAYED" = yes ]; then
		is "$HELD_PID" 0 "$RELAYED_AS $mode: relayed by the daemon (START pid=0)"
	else
		ok "$RELAYED_AS $mode: a forked forwarder (START pid=$HELD_PID)" \
			test "$HELD_PID" -gt 0
	fi
	is "$HELD_PIPES" 0 "$RELAYED_AS $mode: a session of 4 bytes is copied: no pipe"
	held "$T/bulk"
	if [ "$mode" = splice ]; then
		is "$HELD_PIPES" 4 "$RELAYED_AS splice: after 256 KiB each way, a pipe per direction"
	else
		is "$HELD_PIPES" 0 "$RELAYED_AS copy: after 256 KiB each way, still no pipe"
	fi
	wait "$target"
	xt_check_clean
	xt_stop
}
RELAYED=yes RELAYED_AS=relayed,
round splice
XT_START_PREFIX=(env XINETD_NG_SPLICE=0)
round copy
RELAYED=no RELAYED_AS=forked,
XT_START_PREFIX=(env XINETD_NG_RELAY=0)
round splice
XT_START_PREFIX=(env XINETD_NG_RELAY=0 XINETD_NG_SPLICE=0)
round copy
XT_START_PREFIX=()
done_testing
