#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 87-emfile: the daemon under a low descriptor limit (reference 4.2 step 1).
#  1. Started with NOFILE 40:40, a slow server (xt-probe --sleep 2) and 60
#     concurrent clients: the daemon keeps no descriptor per running server,
#     so all 60 are served.
#  2. The daemon's soft NOFILE is then lowered (prlimit --pid) to its lowest
#     free descriptor, so every accept() fails with EMFILE, while clients keep
#     arriving for ~3 s: the daemon stays alive, does not spin (CPU over 2 s
#     below half a core -- a bound on a busy loop, not a speed test), reports
#     the shortage a bounded number of times (xinetd-ng: `service <id>,
#     accept: Too many open files ...` at most once a second; xinetd:
#     `Deactivating service <name> due to no available descriptors. ...`),
#     serves nobody; after the limit is restored, clients are served again.
# The slow service has no service log: xinetd closes and reopens it around a
# deactivation and cannot reopen it while short of descriptors.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
command -v prlimit >/dev/null || skip_all "prlimit (util-linux) not found"
[ "$(ulimit -Hn)" = unlimited ] || [ "$(ulimit -Hn)" -ge 40 ] || skip_all "hard NOFILE below 40"
xt_setup P
HZ=$(getconf CLK_TCK 2>/dev/null || echo 100)

conf=$(xt_svc slow "$P" "server = $XT_PROBE" "server_args = --sleep 2" "cps = 1000 2" |
	xt_conf xinetd.conf)

XT_START_PREFIX=(prlimit --nofile=40:40 --)
xt_start "$conf"
started=$?
XT_START_PREFIX=()
is "$started" 0 "daemon starts with NOFILE 40:40" || BAIL_OUT "daemon did not start"
like "$(grep '^Max open files' "/proc/$XT_PID/limits")" ' 40 +40 ' "the daemon's NOFILE limit is 40:40"

# --- 1. 60 concurrent slow clients
for i in $(seq 1 60); do
	"$XT_NET" tcp 127.0.0.1 "$P" -t 15 >"$T/a.$i" 2>&1 &
	cp[i]=$!
done
served=0 unserved=''
for i in $(seq 1 60); do
	wait "${cp[i]}"
	crc=$?
	if [ "$(xt_kv "$(cat "$T/a.$i")" end)" = 1 ]; then
		served=$((served + 1))
	else
		unserved+="client $i: xt-net exit $crc: $(tail -c 200 "$T/a.$i")"$'\n'
	fi
done
is "$served" 60 "60 concurrent clients with NOFILE 40: all served" ||
	{ diag "$(head -n 10 <<<"$unserved")"; diag_file "$XT_LOG" 10; }
ok "daemon alive after 60 concurrent clients" xt_alive

# --- 2. no descriptor left
fdcount() { local a=("/proc/$XT_PID/fd/"*); echo "${#a[@]}"; }
# wait until the daemon holds no transient descriptor (baseline reached)
end=$(xt_deadline 5)
while [ -n "$(xt_children)" ] && xt_before "$end"; do xt_sleep_ms 100; done
is "$(xt_children | wc -l)" 0 "all 60 servers exited and were reaped"
end=$(xt_deadline 5)
base=$(fdcount)
while xt_before "$end"; do
	xt_sleep_ms 200
	n=$(fdcount)
	[ "$n" = "$base" ] && break
	base=$n
done
low=0
while [ -e "/proc/$XT_PID/fd/$low" ]; do low=$((low + 1)); done
diag "daemon holds $base descriptors; lowest free is $low"
prlimit --pid "$XT_PID" --nofile="$low:"
like "$(grep '^Max open files' "/proc/$XT_PID/limits")" " $low +40 " "soft NOFILE lowered to $low (no descriptor left)"

# clients keep arriving for ~3 s: a burst of 30, then one every 20 ms
(
	trap - EXIT INT TERM
	for i in $(seq 1 30); do "$XT_NET" tcp 127.0.0.1 "$P" -t 2 >"$T/g.$i" 2>&1 & done
	end=$(xt_deadline 3)
	while xt_before "$end" && [ "$i" -lt 300 ]; do
		i=$((i + 1))
		"$XT_NET" tcp 127.0.0.1 "$P" -t 2 >"$T/g.$i" 2>&1 &
		xt_sleep_ms 20
	done
	wait
) &
gen=$!
xt_sleep_ms 300
read -r -a st <"/proc/$XT_PID/stat"
# fields after "pid (comm)": utime and stime are overall fields 14 and 15
cpu0=$((st[13] + st[14]))
xt_sleep_ms 2000
read -r -a st <"/proc/$XT_PID/stat"
cpu1=$((st[13] + st[14]))
wait "$gen"
ticks=$((cpu1 - cpu0))
diag "daemon CPU while saturated: $ticks ticks in 2 s (HZ $HZ)"
ok "daemon alive while out of descriptors" xt_alive
if [ "$ticks" -lt "$HZ" ]; then
	pass "daemon does not spin while out of descriptors (< 50% of a core over 2 s)"
else
	fail "daemon does not spin while out of descriptors (< 50% of a core over 2 s)"
	diag "$ticks clock ticks in 2 s"
fi
short_re='accept: Too many open files|due to no available descriptors'
n=$(xt_log_count "$short_re")
diag "$n descriptor-shortage lines in the program log"
if [ "$n" -ge 1 ] && [ "$n" -le 30 ]; then
	pass "the shortage is reported, rate-limited (1..30 lines in ~3 s)"
else
	fail "the shortage is reported, rate-limited (1..30 lines in ~3 s)"
	diag_file "$XT_LOG" 10
fi
tried=("$T"/g.*)
is "$(cat "${tried[@]}" | grep -c '^end=1$')" 0 "no client was served while out of descriptors (${#tried[@]} tried)"

# --- restore the limit: served again (xinetd re-activates after cps' 2 s)
prlimit --pid "$XT_PID" --nofile=40:
end=$(xt_deadline 8)
while :; do
	xt_tcp got 127.0.0.1 "$P" -t 4
	[ "$(xt_kv "$got" end)" = 1 ] && break
	xt_before "$end" || break
	xt_sleep_ms 200
done
is "$(xt_kv "$got" end)" 1 "after the limit is restored, a new client is served"
ok "daemon still running" xt_alive
xt_check_clean
done_testing
