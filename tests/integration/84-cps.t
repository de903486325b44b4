#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 84-cps: connection-rate limiting (reference 4.7, 8.4, 12 #62/#63).
# `cps = 3 4`, 8 rapid sequential connections: 1-3 served, the 4th gets
# FAIL <id> `connections per second` and the program log ERROR `Deactivating
# service <name> due to excessive incoming connections.  Restarting in 4
# seconds.` (two spaces; the service name, not the id); while suspended the
# port refuses connections; then ERROR `Activating service <name>` and the
# service works again.  `cps = 0 0`: 30 rapid connections are all served.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup P_CPS P_OFF

conf=$(xt_conf xinetd.conf <<EOF
$(xt_svc cpsx "$P_CPS" "id = cpsid" "server = /bin/echo" "server_args = HELLO" "cps = 3 4" \
	"log_type = FILE $T/svc.log" "log_on_success = PID HOST" "log_on_failure = HOST")
$(xt_svc nocps "$P_OFF" "server = /bin/echo" "server_args = HELLO" "cps = 0 0")
EOF
)

xt_start_ok "$conf"

# --- 8 rapid connections
t0=$(xt_now_ms)
for i in 1 2 3 4 5 6 7 8; do
	xt_tcp "r[$i]" 127.0.0.1 "$P_CPS" -t 3
	rc[i]=$XT_RC
done
t_trip=$(xt_now_ms)
diag "8 connections took $((t_trip - t0)) ms; exit statuses ${rc[*]}"
is "${r[1]}${r[2]}${r[3]}" $'HELLO\nHELLO\nHELLO\n' "connections 1-3 are served"
is "${rc[1]}${rc[2]}${rc[3]}" 000 "connections 1-3 end normally"
is "${rc[4]}/${r[4]}" "0/" "connection 4 is accepted and closed without data"
is "${rc[5]}${rc[6]}${rc[7]}${rc[8]}" 2222 "connections 5-8 are refused while the service is suspended (xt-net exit 2)"
is "${r[5]}${r[6]}${r[7]}${r[8]}" "" "connections 5-8 receive nothing"
ok "service log: FAIL: cpsid connections per second from=::ffff:127.0.0.1" \
	xt_log_wait "${XT_RE_SVC}FAIL: cpsid connections per second from=::ffff:127\\.0\\.0\\.1\$" 2 "$T/svc.log"
is "$(grep -c ': FAIL: ' "$T/svc.log")" 1 "exactly one FAIL line (the 4th connection)"
is "$(grep -c ': START: ' "$T/svc.log")" 3 "exactly 3 START lines"
re="${XT_RE_PROG}ERROR: Deactivating service cpsx due to excessive incoming connections\\.  Restarting in 4 seconds\\.\$"
ok "program log: ERROR 'Deactivating service cpsx ...  Restarting in 4 seconds.' (service name, two spaces)" \
	xt_log_wait "$re" 2
is "$(xt_log_count 'Deactivating service')" 1 "one deactivation"

# --- re-activation about 4 s later
ok "program log: ERROR 'Activating service cpsx' within 7 s" \
	xt_log_wait "${XT_RE_PROG}ERROR: Activating service cpsx\$" 7
t_act=$(xt_now_ms)
waited=$((t_act - t_trip))
diag "re-activation seen $waited ms after the 8th connection"
if [ "$waited" -ge 2500 ]; then
	pass "the service stayed suspended for a few seconds (>= 2.5 s)"
else
	fail "the service stayed suspended for a few seconds (>= 2.5 s)"
	diag "re-activated after $waited ms"
fi
# The socket is recreated when the ERROR line is written: poll briefly.
end=$(xt_deadline 3)
while :; do
	xt_tcp got 127.0.0.1 "$P_CPS" -t 3
	[ "$XT_RC" != 2 ] && break
	xt_before "$end" || break
	xt_sleep_ms 50
done
is "$got" $'HELLO\n' "after re-activation a new connection is served"
xt_tcp got ::1 "$P_CPS" -t 3
is "$got" $'HELLO\n' "... also over IPv6"

# --- cps = 0 0: no rate limiting
served=0
for i in $(seq 1 30); do
	xt_tcp got 127.0.0.1 "$P_OFF" -t 3
	[ "$got" = $'HELLO\n' ] && served=$((served + 1))
done
is "$served" 30 "cps = 0 0: 30 rapid connections all served"
is "$(xt_log_count 'Deactivating service nocps')" 0 "cps = 0 0: no deactivation"

ok "daemon still running" xt_alive
xt_check_clean
done_testing
