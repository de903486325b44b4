#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 80-wait-stream: stream `wait = yes` (reference 4.2 step 1-2, 4.3, 8.3,
# 12 #42/#43): the server gets the listening socket as fds 0-2 and accepts by
# itself (xt-probe --accept-loop), so one process serves 3 queued clients;
# START shows from=<no address>; the daemon leaves the port alone while the
# server runs and re-arms after EXIT (a later client starts a new server).
# xinetd-ng only: with `only_from` the (unknown) address passes and the server
# runs once (2.3.15.3 fork-loops until cps trips).
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup P_WAIT P_WAITOF

conf=$(xt_conf xinetd.conf <<EOF
$(xt_svc tcpwait "$P_WAIT" "wait = yes" "server = $XT_PROBE" \
	"server_args = --accept-loop 3 --idle 2" "log_type = FILE $T/svc.log" \
	"log_on_success = PID HOST EXIT DURATION" "log_on_failure = HOST")
EOF
)
if ! xt_oracle; then
	cat >>"$conf" <<EOF

$(xt_svc tcpwaitof "$P_WAITOF" "wait = yes" "only_from = 127.0.0.1" "server = $XT_PROBE" \
	"server_args = --accept-loop 1" "log_type = FILE $T/of.log" \
	"log_on_success = PID HOST EXIT" "log_on_failure = HOST")
EOF
fi

xt_start_ok "$conf"

# --- three clients at once: one server accepts them all
for i in 1 2 3; do
	"$XT_NET" tcp 127.0.0.1 "$P_WAIT" -t 8 >"$T/c.$i" 2>"$T/c.$i.err" &
	cpid[i]=$!
done
for i in 1 2 3; do
	wait "${cpid[i]}"
	crc[i]=$?
done
is "${crc[1]}/${crc[2]}/${crc[3]}" 0/0/0 "3 concurrent clients: each connection closed normally"
line_re='^pid=([0-9]+) n=([1-3]) fd0=([a-z-]+)$'
pids='' ns='' fd0=''
for i in 1 2 3; do
	got=$(cat "$T/c.$i")
	if [[ $got =~ $line_re ]]; then
		pids+="${BASH_REMATCH[1]} "
		ns+="${BASH_REMATCH[2]} "
		fd0=${BASH_REMATCH[3]}
	else
		pids+="? "
		diag "client $i got $(xt__show "$got") $(cat "$T/c.$i.err")"
	fi
done
read -r -a pida <<<"$pids"
like "${pida[0]}" '^[0-9]+$' "client 1 got a 'pid=N n=I fd0=...' line from the server"
is "${pida[1]} ${pida[2]}" "${pida[0]} ${pida[0]}" "all 3 connections were answered by the same server process"
is "$(tr ' ' '\n' <<<"$ns" | grep . | sort | tr '\n' ' ')" "1 2 3 " \
	"the server accepted 3 connections (n=1,2,3)"
is "$fd0" socket-stream-listening "the server's fd 0 is the listening socket"
server1=${pida[0]}

ok "service log: EXIT of the first server" xt_log_wait_n 1 ': EXIT: tcpwait ' 8 "$T/svc.log"
mapfile -t svc <"$T/svc.log"
like "${svc[0]}" "${XT_RE_SVC}START: tcpwait pid=${server1} from=<no address>\$" \
	"START: tcpwait pid=<the server's pid> from=<no address>"
like "${svc[1]}" "${XT_RE_SVC}EXIT: tcpwait status=0 pid=${server1} duration=[0-9]+\\(sec\\)\$" \
	"EXIT: tcpwait status=0 pid=<same pid> duration=N(sec)"
is "${#svc[@]}" 2 "exactly START and EXIT for the 3 clients (one server, no second fork)"

# --- re-armed: a later client (IPv6 this time) starts a new server
xt_tcp got ::1 "$P_WAIT" -t 6
is "$XT_RC" 0 "4th client after the server exited: connection closed normally"
like "$got" '^pid=[0-9]+ n=1 fd0=socket-stream-listening'$'\n''$' "4th client is served (n=1 of a new server)"
server2=$(sed -nE 's/^pid=([0-9]+) .*/\1/p' <<<"$got")
isnt "${server2:-$server1}" "$server1" "4th client: a different server pid than the first"
ok "service log: the second server's START" xt_log_wait_n 2 ': START: tcpwait ' 2 "$T/svc.log"
like "$(grep ': START: ' "$T/svc.log" | sed -n 2p)" \
	"${XT_RE_SVC}START: tcpwait pid=${server2:-x} from=<no address>\$" \
	"second START names the new server, from=<no address>"
# the second server gives up after 2 s without another connection
ok "service log: the second server's EXIT (idle exit)" xt_log_wait_n 2 ': EXIT: tcpwait ' 8 "$T/svc.log"
is "$(grep -c ': FAIL: ' "$T/svc.log")" 0 "no FAIL lines"

# --- only_from on a stream wait = yes service (deliberate difference)
if xt_oracle; then
	skip "xinetd 2.3.15.3 fork-loops on stream wait=yes + only_from (XT_ORACLE=1)" 4
else
	xt_tcp got 127.0.0.1 "$P_WAITOF" -t 5
	like "$got" '^pid=[0-9]+ n=1 ' "wait=yes + only_from: the unknown address passes, the server answers"
	ok "wait=yes + only_from: EXIT logged" xt_log_wait ': EXIT: tcpwaitof ' 5 "$T/of.log"
	is "$(grep -c ': START: ' "$T/of.log")" 1 "wait=yes + only_from: exactly one START (no fork loop)"
	is "$(grep -c ': FAIL: ' "$T/of.log")" 0 "wait=yes + only_from: no FAIL"
fi

ok "daemon still running" xt_alive
xt_check_clean
done_testing
