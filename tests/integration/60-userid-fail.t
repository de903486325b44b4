#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# 60-userid-fail: log_on_failure = USERID (reference 4.13): for a client
# the daemon refuses, a child asks the client's identd and logs
# "USERID: <id> <text>" after the FAIL line, the text sanitised (a line
# separator in the reply becomes '?'); the refused client is let go
# at once; -logprocs 0 makes no look-up. An identd needs port 113, so the
# test runs in a network namespace of its own (root).
# shellcheck source=tests/integration/lib.sh
if [ "$(id -u)" -eq 0 ] && [ -z "${XT_NETNS:-}" ] &&
	unshare -n true 2>/dev/null; then
	exec unshare -n env XT_NETNS=1 bash "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"
xt_setup
[ -n "${XT_NETNS:-}" ] || skip_all "needs root and a network namespace (an identd on port 113)"
ip link set lo up || BAIL_OUT "no loopback in the namespace"

read -r P_REF P_OFF <<<"$(xt_ports 2 | tr '\n' ' ')"
# The identd's answer carries a line separator (U+2028): it is peer text.
"$XT_NET" identd 127.0.0.1 113 -c 1 -t 20 -u $'al\xe2\x80\xa8ice' >"$T/identd.out" &
identd=$!
ok "identd listening on 127.0.0.1:113" xt_log_wait listening 3 "$T/identd.out"

conf=$(xt_conf xinetd.conf <<EOF
service refused
{
	type           = UNLISTED
	socket_type    = stream
	protocol       = tcp
	wait           = no
	port           = $P_REF
	user           = root
	server         = /bin/echo
	instances      = 0
	flags          = IPv4
	log_type       = FILE $T/svc.log
	log_on_failure = HOST USERID
}
EOF
)
ok "daemon starts" xt_start "$conf" || BAIL_OUT "daemon did not start"
t0=$(xt_now_ms)
xt_tcp got 127.0.0.1 "$P_REF" -t 5
t1=$(xt_now_ms)
is "$got" "" "refused: nothing sent"
ok "the refused client is let go at once ($((t1 - t0)) ms)" test $((t1 - t0)) -lt 1000
ok "FAIL: refused service_limit from=127.0.0.1" \
	xt_log_wait "${XT_RE_SVC}FAIL: refused service_limit from=127\\.0\\.0\\.1\$" 3 "$T/svc.log"
ok "USERID: refused UNIX : al?ice (the line separator replaced)" \
	xt_log_wait "${XT_RE_SVC}USERID: refused UNIX : al\\?ice\$" 5 "$T/svc.log"
is "$(grep -n . "$T/svc.log" | sed -n 's/^\([0-9]*\):.*FAIL.*/\1/p')" 1 "FAIL comes first"
wait "$identd"
ok "no 'unknown child' for the look-up" bash -c "! grep -q 'unknown child process' '$XT_LOG'"
xt_stop

# -logprocs 0: no look-up at all
"$XT_NET" identd 127.0.0.1 113 -c 1 -t 3 >"$T/identd2.out" &
identd=$!
xt_log_wait listening 3 "$T/identd2.out"
: >"$T/svc.log"
ok "daemon starts with -logprocs 0" xt_start "$conf" -logprocs 0 || BAIL_OUT "daemon did not start"
xt_tcp got 127.0.0.1 "$P_REF" -t 5
ok "-logprocs 0: FAIL logged" \
	xt_log_wait "FAIL: refused service_limit" 3 "$T/svc.log"
wait "$identd"
is "$?" 3 "-logprocs 0: the identd was never asked (it timed out)"
is "$(grep -c USERID "$T/svc.log")" 0 "-logprocs 0: no USERID line"
xt_check_clean
xt_stop
done_testing
