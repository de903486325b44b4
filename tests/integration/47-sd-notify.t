#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 47-sd-notify: with NOTIFY_SOCKET set (as systemd sets it for Type=notify
# and Type=notify-reload units), the daemon reports READY=1 with its
# MAINPID and a STATUS once every listener is bound, RELOADING=1 with
# MONOTONIC_USEC then READY=1 around a SIGHUP reload, and STOPPING=1 at
# exit; the variable itself never reaches a server. Skipped when the
# daemon was built --without-systemd.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup
xt_oracle && skip_all "xinetd has no sd_notify support"
"$XINETD" -version 2>&1 | grep -qw systemd || skip_all "built --without-systemd"

xt_port_vars P
conf=$(xt_svc hello "$P" -protocol "server = /bin/echo" "server_args = HELLO" | xt_conf xinetd.conf)

sock=$T/notify.sock
"$XT_NET" notify "$sock" -t 20 >"$T/notify.out" 2>"$T/notify.err" &
listener=$!
end=$(xt_deadline 5)
while [ ! -S "$sock" ] && xt_before "$end"; do xt_sleep_ms 20; done
ok "notification socket ready" test -S "$sock"

export NOTIFY_SOCKET=$sock
xt_start_ok "$conf"
unset NOTIFY_SOCKET
ok "READY=1 with MAINPID and STATUS" \
	xt_log_wait "READY=1 MAINPID=$XT_PID STATUS=1 service active, 0 servers running" 5 "$T/notify.out"

xt_tcp got 127.0.0.1 "$P"
is "$got" $'HELLO\n' "service answers"

kill -HUP "$XT_PID"
ok "RELOADING=1 with MONOTONIC_USEC on SIGHUP" \
	xt_log_wait "^RELOADING=1 MONOTONIC_USEC=[0-9]+\$" 5 "$T/notify.out"
ok "READY=1 again after the reload" \
	xt_log_wait_n 2 "^READY=1 " 5 "$T/notify.out"

xt_stop
ok "STOPPING=1 at exit" xt_log_wait "^STOPPING=1\$" 5 "$T/notify.out"
kill "$listener"
wait "$listener"
# STATUS updates in between (the server running) are 52-watchdog-status's.
is "$(grep -vc '^STATUS=' "$T/notify.out")" 4 "exactly four notifications arrived"
xt_check_clean
done_testing
