#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 98-soak: sustained load must not grow the daemon: after a warm-up, 2,000
# more connections (and 200 refused ones) leave its resident memory and
# its descriptor count where they were, with every server reaped. Skipped
# in sanitizer builds, whose allocator keeps freed memory in quarantine.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
# 2,500 servers one after the other: 45 s alone, up to four times that
# beside other tests on two busy cores, so more than the default watchdog.
XT_TEST_TIMEOUT=${XT_TEST_TIMEOUT:-480}
xt_setup
[ "${XT_SANITIZERS:-no}" = yes ] && skip_all "RSS is not meaningful under ASan"

xt_port_vars P_OK P_REF

conf=$(xt_conf xinetd.conf <<EOF
defaults
{
	cps            = 0 0
	log_type       = FILE $T/svc.log
	log_on_success = PID HOST EXIT DURATION
	log_on_failure = HOST
}

$(xt_svc ok "$P_OK" -protocol "server = /bin/echo" "server_args = HELLO")
$(xt_svc refused "$P_REF" -protocol "instances = 0" "server = /bin/echo")
EOF
)

rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$XT_PID/status"; }
nfds() { ls "/proc/$XT_PID/fd" | wc -l; }

# run_clients N PORT: N sequential connections, bounded by a deadline.
run_clients() {
	local n=$1 port=$2 i end
	end=$(xt_deadline 200)
	for ((i = 0; i < n; i++)); do
		"$XT_NET" tcp 127.0.0.1 "$port" -t 5 >/dev/null 2>&1
		xt_before "$end" || return 1
	done
}

xt_start_ok "$conf"
ok "warm-up: 300 connections" run_clients 300 "$P_OK"
ok "warm-up servers all reaped" \
	xt_log_wait_n 300 "EXIT: ok status=0" 20 "$T/svc.log"
rss0=$(rss)
fd0=$(nfds)
diag "after warm-up: RSS ${rss0} kB, $fd0 descriptors"

ok "2,000 connections" run_clients 2000 "$P_OK"
ok "200 refused connections" run_clients 200 "$P_REF"
ok "every server reaped (2,300 EXIT lines)" \
	xt_log_wait_n 2300 "EXIT: ok status=0" 30 "$T/svc.log"
is "$(xt_log_count "FAIL: refused service_limit" "$T/svc.log")" 200 \
	"every refusal logged once"
rss1=$(rss)
fd1=$(nfds)
diag "after load: RSS ${rss1} kB, $fd1 descriptors"
ok "resident memory flat (grew $((rss1 - rss0)) kB, limit 512 kB)" \
	test $((rss1 - rss0)) -le 512
is "$fd1" "$fd0" "descriptor count unchanged"
zombies=$(ps --ppid "$XT_PID" -o stat= 2>/dev/null | grep -c '^Z' || true)
is "$zombies" 0 "no zombie children"

xt_stop
xt_check_clean
done_testing
