#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 81-dgram-wait: UDP `wait = yes` (reference 4.2, 4.3, 8.3, 12 #44-#46): the
# server gets the unconnected socket and reads datagrams itself (xt-probe
# --udp-echo), so one server answers two datagrams; after it exits a new
# datagram starts a new server; START shows the sender of the first datagram
# (from=::ffff:127.0.0.1); a burst sent while no server runs is answered by
# the one-shot server and the rest is drained when it exits.
# xinetd-ng only: `socket_type = dgram` + `wait = no` is rejected at load.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup P_WAIT P_ONE P_NW

conf=$(xt_conf xinetd.conf <<EOF
$(xt_svc udpwait "$P_WAIT" "socket_type = dgram" "protocol = udp" "wait = yes" \
	"server = $XT_PROBE" "server_args = --udp-echo 2 --idle 2" "log_type = FILE $T/svc.log" \
	"log_on_success = PID HOST EXIT")
$(xt_svc udpone "$P_ONE" "socket_type = dgram" "protocol = udp" "wait = yes" \
	"server = $XT_PROBE" "server_args = --udp-echo 1" "log_type = FILE $T/one.log" \
	"log_on_success = PID HOST EXIT")
EOF
)
# 2.3.15.3 accepts dgram + wait = no and then spins: only configured for ours
if ! xt_oracle; then
	cat >>"$conf" <<EOF

$(xt_svc udpnw "$P_NW" "socket_type = dgram" "protocol = udp" "server = $XT_PROBE" \
	"server_args = --udp-echo 1")
EOF
	nw_line=$(grep -n '^service udpnw' "$conf" | cut -d: -f1)
fi

xt_start_ok "$conf"

# udp_retry VAR HOST PORT DATA : one datagram, up to 3 attempts (a datagram
# that arrives while the daemon drains after a server's exit is discarded by
# design, so a lost first attempt is not an error)
udp_retry() {
	local i
	for i in 1 2 3; do
		xt_udp "$1" "$2" "$3" -s "$4" -t 1.5 && return 0
	done
	diag "no reply to '$4' after 3 attempts: $XT_ERR"
	return 1
}

# --- two datagrams, one server
xt_udp got 127.0.0.1 "$P_WAIT" -s 'one' -t 5
is "$XT_RC" 0 "first datagram (IPv4) answered"
like "$got" '^pid=[0-9]+ one$' "reply is 'pid=N one'"
s1=$(sed -nE 's/^pid=([0-9]+) .*/\1/p' <<<"$got")
xt_udp got ::1 "$P_WAIT" -s 'two' -t 5
is "$XT_RC" 0 "second datagram (IPv6) answered"
is "$got" "pid=${s1:-x} two" "second datagram answered by the same server process"
ok "service log: EXIT after the server read its 2 datagrams" xt_log_wait_n 1 ': EXIT: udpwait ' 5 "$T/svc.log"
mapfile -t svc <"$T/svc.log"
like "${svc[0]}" "${XT_RE_SVC}START: udpwait pid=${s1:-x} from=::ffff:127\\.0\\.0\\.1\$" \
	"START: udpwait pid=<server> from=::ffff:127.0.0.1 (sender of the first datagram)"
like "${svc[1]}" "${XT_RE_SVC}EXIT: udpwait status=0 pid=${s1:-x}\$" "EXIT: udpwait status=0 pid=<server>"
is "${#svc[@]}" 2 "one START and one EXIT for the two datagrams"

# --- after the exit, a new datagram starts a new server
udp_retry got 127.0.0.1 "$P_WAIT" 'three'
like "$got" '^pid=[0-9]+ three$' "after the server exited, a new datagram is answered"
s2=$(sed -nE 's/^pid=([0-9]+) .*/\1/p' <<<"$got")
isnt "${s2:-$s1}" "$s1" "... by a new server process"
ok "service log: second START" xt_log_wait_n 2 ': START: udpwait ' 2 "$T/svc.log"
like "$(grep ': START: ' "$T/svc.log" | tail -n 1)" "${XT_RE_SVC}START: udpwait pid=${s2:-x} from=::ffff:127\\.0\\.0\\.1\$" \
	"second START names the new server"

# --- a burst of 5 datagrams to a one-shot server
xt_capture burst "$XT_NET" udp-burst 127.0.0.1 "$P_ONE" 5 -s 'b' -t 4 -q 1.5 2>"$T/burst.err"
is "$XT_RC" 0 "burst of 5 datagrams: at least one reply"
n=$(grep -c '^pid=[0-9]* b[1-5]$' <<<"$burst")
if [ "$n" -ge 1 ] && [ "$n" -le 4 ]; then
	pass "burst: the one-shot server answered, the rest was drained ($n of 5 answered)"
else
	fail "burst: the one-shot server answered, the rest was drained"
	diag "replies: $(xt__show "$burst")"
fi
like "$burst" '^pid=[0-9]+ b1'$'\n' "burst: the first datagram is the one answered first"
ok "one-shot service: EXIT logged" xt_log_wait_n "$n" ': EXIT: udpone ' 5 "$T/one.log"
udp_retry got 127.0.0.1 "$P_ONE" 'after'
like "$got" '^pid=[0-9]+ after$' "after the drain, a new datagram gets its own answer"

# --- dgram + wait = no (deliberate difference)
if xt_oracle; then
	skip "xinetd 2.3.15.3 accepts dgram + wait = no (XT_ORACLE=1)" 3
else
	re=$(xt_re_loc ERROR "$conf" "$nw_line" 'Service udpnw has socket_type dgram, but does not wait')
	ok "dgram + wait = no: ERROR 'Service udpnw has socket_type dgram, but does not wait' at $(basename "$conf"):$nw_line" \
		xt_log_wait "$re" 1
	xt_working 2
	xt_udp got 127.0.0.1 "$P_NW" -s 'x' -t 1
	isnt "$XT_RC" 0 "dgram + wait = no: nothing answers on its port"
fi

ok "daemon still running" xt_alive
xt_check_clean
done_testing
