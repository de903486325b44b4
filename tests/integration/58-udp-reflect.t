#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# 58-udp-reflect: UDP builtins are not reflectors or amplifiers (reference
# 5; xinetd.conf.5, "UDP builtins"):
#  - replies per source address are rate-limited (a burst of 20, then 10
#    a second): 60 datagrams 10 ms apart get about 25 replies and one FAIL
#    reply_rate line;
#  - (root) a datagram from a privileged source port gets no reply and a
#    FAIL source_port, unless the service says reply_to_low_ports = yes;
#  - (root) one forged datagram between two echo services (the source is
#    the other's port) no longer loops: a handful of replies, then quiet.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup

read -r P_ECHO P_LOW P_A P_B <<<"$(xt_ports 4 | tr '\n' ' ')"
svc() { # ID PORT [EXTRA]
	cat <<EOF
service echo
{
	id             = $1
	type           = INTERNAL UNLISTED
	socket_type    = dgram
	protocol       = udp
	wait           = yes
	port           = $2
	flags          = NOLIBWRAP
	cps            = 0 0
	log_type       = FILE $T/$1.log
	log_on_success = HOST
	log_on_failure = HOST
	$3
}
EOF
}
conf=$(xt_conf xinetd.conf <<EOF
$(svc echo-rate "$P_ECHO")
$(svc echo-low "$P_LOW" "reply_to_low_ports = yes")
$(svc echo-a "$P_A")
$(svc echo-b "$P_B")
EOF
)
ok "daemon starts" xt_start "$conf" || BAIL_OUT "daemon did not start"

# --- rate: one socket, 60 datagrams 10 ms apart (each one after the
# daemon has answered the one before: it drops what queued meanwhile)
replies=$("$XT_NET" udp-burst 127.0.0.1 "$P_ECHO" 60 -s d -i 0.01 -t 5 -q 1 | grep -c '^d')
ok "60 datagrams in 0.6 s: at most 30 replies (got $replies)" test "$replies" -le 30
ok "60 datagrams in 0.6 s: the burst is answered (got $replies)" test "$replies" -ge 18
is "$(grep -c 'FAIL: echo-rate reply_rate from=' "$T/echo-rate.log")" 1 \
	"one FAIL reply_rate line for the source, not one per datagram"
xt_sleep_ms 1100
xt_udp got 127.0.0.1 "$P_ECHO" -s later -t 2
is "$got" "later" "a second later the source is answered again"

if ! xt_is_root; then
	skip "privileged source ports and forged datagrams need root" 6
else
	low=''
	for p in 1013 1011 1009 1007 1005 1003; do
		if ! ss -Hlun "sport = :$p" | grep -q .; then low=$p; break; fi
	done
	xt_udp got 127.0.0.1 "$P_ECHO" -s from-low -t 1 -b "$low"
	is "$got" "" "from source port $low: no reply"
	ok "FAIL source_port" xt_log_wait "FAIL: echo-rate source_port from=::ffff:127\\.0\\.0\\.1\$" 2 "$T/echo-rate.log"
	xt_udp got 127.0.0.1 "$P_LOW" -s from-low -t 2 -b "$low"
	is "$got" "from-low" "reply_to_low_ports = yes: answered"

	# A datagram to A that claims to come from B: A answers B, B answers A...
	"$XT_NET" udp-spoof "$P_B" "$P_A" -s loop
	xt_sleep_ms 2000
	a=$(grep -c ': START: echo-a' "$T/echo-a.log")
	b=$(grep -c ': START: echo-b' "$T/echo-b.log")
	ok "forged A<->B datagram: the loop stops ($a + $b replies in 2 s)" test $((a + b)) -le 60
	ok "forged A<->B datagram: refused as reply_rate" \
		sh -c "grep -q 'FAIL: echo-[ab] reply_rate' '$T/echo-a.log' '$T/echo-b.log'"
	before=$((a + b))
	xt_sleep_ms 1000
	after=$(($(grep -c ': START: echo-a' "$T/echo-a.log") + $(grep -c ': START: echo-b' "$T/echo-b.log")))
	is "$after" "$before" "and stays stopped"
fi
ok "daemon still running" xt_alive
xt_check_clean
xt_stop
done_testing
