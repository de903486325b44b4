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

read -r P_REDIR P_BIG P_DOWN P_T1 P_T2 P_NONE <<<"$(xt_ports 6 | tr '\n' ' ')"
ME=$(xt_user)
REPLY='REPLY-FROM-TARGET 0123456789abcde'$'\n'   # 34 bytes

# target OUTFILE PORT ARGS... : start xt-net serve, wait for "listening"
target() {
	local out=$1 port=$2
	shift 2
	"$XT_NET" serve 127.0.0.1 "$port" -t 15 "$@" >"$T/$out" 2>"$T/$out.err" &
	SERVE_PIDS+=($!)
	xt_log_wait '^listening$' 5 "$T/$out"
}

svc() { # NAME PORT TARGET_PORT
	cat <<EOF
service $1
{
	type           = UNLISTED
	socket_type    = stream
	protocol       = tcp
	wait           = no
	port           = $2
	user           = $ME
	redirect       = 127.0.0.1 $3
	log_type       = FILE $T/$1.log
	log_on_success = PID HOST EXIT TRAFFIC
	log_on_failure = HOST
}

EOF
}
conf=$(xt_conf xinetd.conf <<EOF
$(svc redir "$P_REDIR" "$P_T1")
$(svc redirbig "$P_BIG" "$P_T2")
$(svc redirdown "$P_DOWN" "$P_NONE")
EOF
)

ok "target 1 (request/reply) listening" target t1.out "$P_T1" -c 2 -s "${REPLY%$'\n'}\\n"
ok "target 2 (echo) listening" target t2.out "$P_T2" -c 1 --echo
ok "daemon starts" xt_start "$conf" || BAIL_OUT "daemon did not start"

# --- request / reply, IPv4 then IPv6
xt_tcp got 127.0.0.1 "$P_REDIR" -s 'hello\n'
is "$XT_RC/$got" "0/$REPLY" "IPv4 client: the target's 34-byte reply, then EOF"
ok "target saw the 6-byte request and sent 34 bytes" xt_log_wait '^conn 1 in=6 out=34$' 5 "$T/t1.out"
ok "EXIT of the forwarder logged" xt_log_wait_n 1 ': EXIT: redir ' 5 "$T/redir.log"
like "$(grep ': TRAFFIC: ' "$T/redir.log" | head -n1)" "${XT_RE_SVC}TRAFFIC: redir in=6\\(bytes\\) out=34\\(bytes\\)\$" \
	"TRAFFIC: redir in=6(bytes) out=34(bytes)"
like "$(grep ': START: ' "$T/redir.log" | head -n1)" "${XT_RE_SVC}START: redir pid=([0-9]+) from=::ffff:127\\.0\\.0\\.1\$" \
	"START: redir pid=N from=::ffff:127.0.0.1"
spid=${BASH_REMATCH[1]:-x}
like "$(grep ': EXIT: ' "$T/redir.log" | head -n1)" "${XT_RE_SVC}EXIT: redir status=0 pid=${spid}\$" \
	"EXIT: redir status=0, same pid"

xt_tcp got ::1 "$P_REDIR" -s 'hello over six\n'
is "$XT_RC/$got" "0/$REPLY" "IPv6 client: the target's reply"
ok "target saw the 15-byte request" xt_log_wait '^conn 2 in=15 out=34$' 5 "$T/t1.out"
ok "second EXIT logged" xt_log_wait_n 2 ': EXIT: redir ' 5 "$T/redir.log"
like "$(grep ': TRAFFIC: ' "$T/redir.log" | sed -n 2p)" "${XT_RE_SVC}TRAFFIC: redir in=15\\(bytes\\) out=34\\(bytes\\)\$" \
	"TRAFFIC: redir in=15(bytes) out=34(bytes) for the IPv6 client"
like "$(grep ': START: ' "$T/redir.log" | sed -n 2p)" "${XT_RE_SVC}START: redir pid=[0-9]+ from=::1\$" \
	"START: redir ... from=::1"

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
