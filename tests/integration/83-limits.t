#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 83-limits: parent-side admission checks (reference 4.2 step 4, 4.6, 8.3,
# 8.4, 12 #60/#61/#64-#66).  A refused client gets its connection closed
# without data, the service log gets FAIL <id> <reason> from=<addr> and no
# START:
#  - `instances = 1`, second concurrent client -> service_limit;
#  - `per_source = 1`, second client from 127.0.0.1 -> per_source_limit,
#    while a client from ::1 is served;
#  - daemon option `-limit 1`, a client of another service -> process_limit;
#  - `access_times` window two hours away -> time (an all-day window serves);
#  - `max_load = 0.0001` under load -> load, program log ERROR `refused
#    connect from <addr> due to excessive load`.
# The slow server is xt-probe --sleep 3 (reports at once, exits 3 s later).
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup P_INST P_PS P_TIME P_TIMEOK P_LOAD P_LA P_LB

# a window of one minute two hours from now: never the current time
h2=$(( (10#$(date +%H) + 2) % 24 ))
WINDOW="$h2:00-$h2:01"

slow=("server = $XT_PROBE" "server_args = --sleep 3")

conf=$(xt_conf xinetd.conf <<EOF
$(xt_svc -l inst "$P_INST" "instances = 1" "${slow[@]}")
$(xt_svc -l persrc "$P_PS" "per_source = 1" "${slow[@]}")
$(xt_svc -l times "$P_TIME" "access_times = $WINDOW" "server = $XT_PROBE")
$(xt_svc -l timesok "$P_TIMEOK" "access_times = 0:00-23:59" "server = $XT_PROBE")
$(xt_svc -l load "$P_LOAD" "max_load = 0.0001" "server = $XT_PROBE")
EOF
)
diag "access_times window: $WINDOW (now $(date +%H:%M))"
xt_start_ok "$conf"

# hold PORT HOST NAME : a slow client in the background (output in $T/NAME)
hold() {
	"$XT_NET" tcp "$2" "$1" -t 8 >"$T/$3" 2>"$T/$3.err" &
	HOLD_PID=$!
}

# --- instances = 1
hold "$P_INST" 127.0.0.1 inst.1
h_inst=$HOLD_PID
ok "instances: the first client's server started" xt_log_wait ': START: inst ' 5 "$T/inst.log"
xt_tcp got 127.0.0.1 "$P_INST" -t 5
is "$XT_RC/$got" "0/" "instances = 1: the second concurrent client is closed without data"
ok "instances = 1: FAIL: inst service_limit from=::ffff:127.0.0.1" \
	xt_log_wait "${XT_RE_SVC}FAIL: inst service_limit from=::ffff:127\\.0\\.0\\.1\$" 3 "$T/inst.log"
is "$(grep -c ': START: ' "$T/inst.log")" 1 "instances = 1: no START for the refused client"

# --- per_source = 1
hold "$P_PS" 127.0.0.1 ps.1
h_ps=$HOLD_PID
ok "per_source: the first client's server started" xt_log_wait ': START: persrc ' 5 "$T/persrc.log"
xt_tcp got 127.0.0.1 "$P_PS" -t 5
is "$XT_RC/$got" "0/" "per_source = 1: a second client from 127.0.0.1 is closed without data"
ok "per_source = 1: FAIL: persrc per_source_limit from=::ffff:127.0.0.1" \
	xt_log_wait "${XT_RE_SVC}FAIL: persrc per_source_limit from=::ffff:127\\.0\\.0\\.1\$" 3 "$T/persrc.log"
xt_tcp got ::1 "$P_PS" -t 6
is "$(xt_kv "$got" end)" 1 "per_source = 1: a client from ::1 is served meanwhile"
like "$(grep ': START: ' "$T/persrc.log" | sed -n 2p)" "${XT_RE_SVC}START: persrc pid=[0-9]+ from=::1\$" \
	"per_source = 1: START for the ::1 client"

wait "$h_inst"
is "$(xt_kv "$(cat "$T/inst.1")" end)" 1 "instances: the first client got its complete answer"
wait "$h_ps"
is "$(xt_kv "$(cat "$T/ps.1")" end)" 1 "per_source: the first client got its complete answer"
ok "instances: EXIT of the first server" xt_log_wait ': EXIT: inst ' 5 "$T/inst.log"
xt_tcp got 127.0.0.1 "$P_INST" -t 6
is "$(xt_kv "$got" end)" 1 "instances = 1: a client is served again after the first server exited"

# --- access_times
xt_tcp got 127.0.0.1 "$P_TIME" -t 5
is "$XT_RC/$got" "0/" "access_times outside the window: connection closed without data"
ok "access_times: FAIL: times time from=::ffff:127.0.0.1" \
	xt_log_wait "${XT_RE_SVC}FAIL: times time from=::ffff:127\\.0\\.0\\.1\$" 3 "$T/times.log"
is "$(grep -c ': START: ' "$T/times.log")" 0 "access_times: no START"
xt_tcp got 127.0.0.1 "$P_TIMEOK" -t 5
is "$(xt_kv "$got" end)" 1 "access_times = 0:00-23:59: served"

# --- max_load
load1() { read -r l _ </proc/loadavg && printf '%s' "$l"; }
busy=()
if awk -v l="$(load1)" 'BEGIN { exit !(l < 0.01) }'; then
	for i in 1 2; do
		timeout 20 sh -c 'while :; do :; done' &
		busy+=($!)
	done
fi
end=$(xt_deadline 15)
while awk -v l="$(load1)" 'BEGIN { exit !(l <= 0.0001) }' && xt_before "$end"; do
	xt_sleep_ms 250
done
if awk -v l="$(load1)" 'BEGIN { exit !(l > 0.0001) }'; then
	diag "load average $(load1)"
	xt_tcp got 127.0.0.1 "$P_LOAD" -t 5
	is "$XT_RC/$got" "0/" "max_load = 0.0001 under load: connection closed without data"
	ok "max_load: FAIL: load load from=::ffff:127.0.0.1" \
		xt_log_wait "${XT_RE_SVC}FAIL: load load from=::ffff:127\\.0\\.0\\.1\$" 3 "$T/load.log"
	ok "max_load: program log ERROR 'refused connect from ::ffff:127.0.0.1 due to excessive load'" \
		xt_log_wait "${XT_RE_PROG}ERROR: refused connect from ::ffff:127\\.0\\.0\\.1 due to excessive load\$" 3
	is "$(grep -c ': START: ' "$T/load.log")" 0 "max_load: no START"
else
	skip "the 1-minute load average stayed at 0.00" 4
fi
for p in "${busy[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
ok "daemon 1 still running" xt_alive

# --- -limit 1 (daemon 2): a process of one service blocks another service
conf2=$(xt_conf xinetd2.conf <<EOF
$(xt_svc -l lima "$P_LA" "${slow[@]}")
$(xt_svc -l limb "$P_LB" "server = $XT_PROBE")
EOF
)
ok "daemon 2 starts with -limit 1" xt_start "$conf2" -limit 1 || BAIL_OUT "daemon 2 did not start"
hold "$P_LA" 127.0.0.1 lima.1
h_la=$HOLD_PID
ok "-limit 1: the first client's server started" xt_log_wait ': START: lima ' 5 "$T/lima.log"
xt_tcp got 127.0.0.1 "$P_LB" -t 5
is "$XT_RC/$got" "0/" "-limit 1: a client of another service is closed without data"
ok "-limit 1: FAIL: limb process_limit from=::ffff:127.0.0.1" \
	xt_log_wait "${XT_RE_SVC}FAIL: limb process_limit from=::ffff:127\\.0\\.0\\.1\$" 3 "$T/limb.log"
wait "$h_la"
is "$(xt_kv "$(cat "$T/lima.1")" end)" 1 "-limit 1: the first client got its complete answer"
ok "-limit 1: EXIT of the first server" xt_log_wait ': EXIT: lima ' 5 "$T/lima.log"
xt_tcp got 127.0.0.1 "$P_LB" -t 5
is "$(xt_kv "$got" end)" 1 "-limit 1: the other service is served after the first server exited"

ok "daemon 2 still running" xt_alive
xt_check_clean
done_testing
