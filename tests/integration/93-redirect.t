#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# shellcheck disable=SC2317  # helpers run from the EXIT trap or through ok
# 93-redirect: `redirect = 127.0.0.1 PORT` (reference 4.10, 8.3, 12 #69/#70)
# to targets run by `xt-net serve`:
#  - the request reaches the target and its reply comes back byte for byte
#    (IPv4 and IPv6 clients); START/EXIT with the forwarder's pid;
#  - TRAFFIC: <id> in=<client->target bytes>(bytes) out=<target->client>(bytes)
#    with the exact counts, matching what the target saw;
#  - 1 MiB echoed back through the forwarder unchanged while the client is
#    still sending (flow control in both directions), TRAFFIC in=1048576
#    out=1048576;
#  - target down: ERROR "can't connect to remote host 127.0.0.1: Connection
#    refused (errno = 111)" and the client gets EOF without data.
# xinetd also logs a spurious "Setting IPV6_V6ONLY option failed" ERROR per
# redirected connection; xinetd-ng must not (skipped with XT_ORACLE=1).
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup

# The targets are this script's own background processes: ended by pid on exit.
SERVE_PIDS=()
stop_targets() {
	local p
	for p in "${SERVE_PIDS[@]}"; do kill "$p" 2>/dev/null; done
}
trap 'rc=$?; stop_targets; (exit $rc); xt__cleanup' EXIT

xt_port_vars P_REDIR P_BIG P_DOWN P_T1 P_T2 P_NONE
REPLY='REPLY-FROM-TARGET 0123456789abcde'$'\n'   # 34 bytes

# target OUTFILE PORT ARGS... : start xt-net serve, wait for "listening"
target() {
	local out=$1 port=$2
	shift 2
	"$XT_NET" serve 127.0.0.1 "$port" -t 15 "$@" >"$T/$out" 2>"$T/$out.err" &
	SERVE_PIDS+=($!)
	xt_log_wait '^listening$' 5 "$T/$out"
}

# redirect NAME PORT TARGET_PORT : a service forwarding to 127.0.0.1 TARGET_PORT
redirect() {
	xt_svc -l "$1" "$2" "redirect = 127.0.0.1 $3" "log_on_success = PID HOST EXIT TRAFFIC"
}
conf=$(xt_conf xinetd.conf <<EOF
$(redirect redir "$P_REDIR" "$P_T1")
$(redirect redirbig "$P_BIG" "$P_T2")
$(redirect redirdown "$P_DOWN" "$P_NONE")
EOF
)

ok "target 1 (request/reply) listening" target t1.out "$P_T1" -c 2 -s "${REPLY%$'\n'}\\n"
ok "target 2 (echo) listening" target t2.out "$P_T2" -c 1 --echo
xt_start_ok "$conf"

# --- request / reply, IPv4 then IPv6
# request N HOST DATA BYTES FROM WHO : the Nth client of redir, from HOST,
# sends DATA (BYTES bytes): the target's reply comes back, the target and the
# Nth TRAFFIC and START lines agree (BASH_REMATCH[1]: the START line's pid)
request() {
	local n=$1 host=$2 data=$3 bytes=$4 from=$5 who=$6 got
	xt_tcp got "$host" "$P_REDIR" -s "$data"
	is "$XT_RC/$got" "0/$REPLY" "$who client: the target's 34-byte reply, then EOF"
	ok "$who client: target saw the $bytes-byte request and sent 34 bytes" \
		xt_log_wait "^conn $n in=$bytes out=34\$" 5 "$T/t1.out"
	ok "$who client: EXIT of the forwarder logged" xt_log_wait_n "$n" ': EXIT: redir ' 5 "$T/redir.log"
	like "$(grep ': TRAFFIC: ' "$T/redir.log" | sed -n "${n}p")" \
		"${XT_RE_SVC}TRAFFIC: redir in=$bytes\\(bytes\\) out=34\\(bytes\\)\$" \
		"$who client: TRAFFIC: redir in=$bytes(bytes) out=34(bytes)"
	like "$(grep ': START: ' "$T/redir.log" | sed -n "${n}p")" \
		"${XT_RE_SVC}START: redir pid=([0-9]+) from=$(xt_re_quote "$from")\$" \
		"$who client: START: redir pid=N from=$from"
}
request 1 127.0.0.1 'hello\n' 6 ::ffff:127.0.0.1 IPv4
spid=${BASH_REMATCH[1]:-x}
like "$(grep ': EXIT: ' "$T/redir.log" | head -n1)" "${XT_RE_SVC}EXIT: redir status=0 pid=${spid}\$" \
	"EXIT: redir status=0, same pid"
request 2 ::1 'hello over six\n' 15 ::1 IPv6

# --- 1 MiB both ways
head -c 1048576 /dev/urandom >"$T/big.in"
# Read while sending (-d); stop after the 1 MiB echo, then close (xinetd ends
# a redirection as soon as either side closes, so no half-close here).
"$XT_NET" tcp 127.0.0.1 "$P_BIG" -S "$T/big.in" -d -n 1048576 -t 20 >"$T/big.out" 2>"$T/big.err"
is "$?" 0 "1 MiB through the forwarder: all of it came back"
ok "1 MiB echoed back byte for byte" cmp -s "$T/big.in" "$T/big.out"
ok "target echo saw 1 MiB in and out" xt_log_wait '^conn 1 in=1048576 out=1048576$' 5 "$T/t2.out"
ok "EXIT of the 1 MiB forwarder" xt_log_wait ': EXIT: redirbig status=0 ' 5 "$T/redirbig.log"
like "$(grep ': TRAFFIC: ' "$T/redirbig.log")" "^${XT_RE_SVC:1}TRAFFIC: redirbig in=1048576\\(bytes\\) out=1048576\\(bytes\\)\$" \
	"TRAFFIC: redirbig in=1048576(bytes) out=1048576(bytes)"

# --- target down
xt_tcp got 127.0.0.1 "$P_DOWN"
is "$XT_RC/$got" "0/" "target down: the client gets EOF and no data"
ok "target down: ERROR 'can't connect to remote host 127.0.0.1: Connection refused (errno = 111)'" \
	xt_log_wait "${XT_RE_PROG}ERROR: can't connect to remote host 127\\.0\\.0\\.1: Connection refused \\(errno = 111\\)\$" 5
ok "target down: the forwarder exits (EXIT logged)" xt_log_wait ': EXIT: redirdown ' 5 "$T/redirdown.log"

if xt_oracle; then
	skip "xinetd logs a spurious IPV6_V6ONLY ERROR per redirected connection (XT_ORACLE=1)"
else
	is "$(grep -c 'IPV6_V6ONLY' "$XT_LOG")" 0 "no IPV6_V6ONLY error in the program log"
fi

ok "daemon still running" xt_alive
for p in "${SERVE_PIDS[@]}"; do wait "$p" 2>/dev/null; done
xt_check_clean
done_testing
