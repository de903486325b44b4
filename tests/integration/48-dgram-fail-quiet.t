#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 48-dgram-fail-quiet: datagrams the daemon refuses itself are logged once
# a minute per source address and port (reference 8.3), so a flood cannot
# fill the service log; another source port gets its own line, and an
# allowed client is still answered.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup P_DENY P_OK

conf=$(xt_conf xinetd.conf <<EOF
defaults
{
	log_type       = FILE $T/svc.log
	log_on_success = PID HOST
	log_on_failure = HOST
	cps            = 0 0
}

$(xt_svc echo "$P_DENY" "type = INTERNAL UNLISTED" "socket_type = dgram" -protocol \
	"wait = yes" -user "id = echo-denied" "flags = NOLIBWRAP" "only_from = 192.0.2.1")
$(xt_svc echo "$P_OK" "type = INTERNAL UNLISTED" "socket_type = dgram" -protocol \
	"wait = yes" -user "id = echo-open" "flags = NOLIBWRAP")
EOF
)

xt_start_ok "$conf"
"$XT_NET" udp-burst 127.0.0.1 "$P_DENY" 20 -s flood -t 2 -q 1 >/dev/null 2>&1
"$XT_NET" udp-burst 127.0.0.1 "$P_DENY" 5 -s other -t 2 -q 1 >/dev/null 2>&1
xt_udp got 127.0.0.1 "$P_OK" -s 'still here'
is "$got" 'still here' "an allowed client is answered"
ok "the refusals were logged" \
	xt_log_wait "FAIL: echo-denied address from=::ffff:127\.0\.0\.1\$" 5 "$T/svc.log"
is "$(xt_log_count "FAIL: echo-denied address" "$T/svc.log")" 2 \
	"25 refused datagrams from two source ports: one FAIL line per port"
ok "daemon still running" xt_alive
xt_stop
xt_check_clean
done_testing
