#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 88-many-services: 2,000 services on 2,000 consecutive free ports (reference
# 4.0 step 8, 4.1 "Capacity", 10.3).  xinetd-ng is started with a soft
# NOFILE of 1024 (below the number of sockets it needs) and must raise it to
# the hard limit by itself (genuine xinetd does not: under XT_ORACLE=1 it is
# started with soft = hard); it reports `Started working: 2000 available
# services` within a bounded time and a sample of 20 services (first, last,
# random ones; IPv4 and IPv6) answer with their own greeting.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
N=2000
hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt $((N + 100)) ]; then
	skip_all "hard NOFILE limit $hard is below $((N + 100))"
fi
command -v prlimit >/dev/null || skip_all "prlimit (util-linux) not found"
xt_setup

BASE=$("$XT_NET" freeport-range "$N") || BAIL_OUT "no $N consecutive free ports"
diag "ports $BASE..$((BASE + N - 1))"
ME=$(xt_user)

for ((i = 0; i < N; i++)); do
	printf 'service s%d\n{\n\ttype = UNLISTED\n\tsocket_type = stream\n\tprotocol = tcp\n\twait = no\n\tport = %d\n\tuser = %s\n\tserver = /bin/echo\n\tserver_args = HELLO-%d\n}\n\n' \
		"$i" $((BASE + i)) "$ME" "$i"
done >"$T/xinetd.conf"
conf=$T/xinetd.conf

t0=$(xt_now_ms)
if xt_oracle; then
	soft=$hard
else
	soft=1024
fi
XT_START_PREFIX=(prlimit "--nofile=$soft:$hard" --)
XT_START_TIMEOUT=${XT_START_TIMEOUT_MANY:-40} xt_start "$conf"
started=$?
XT_START_PREFIX=()
t1=$(xt_now_ms)
is "$started" 0 "daemon with $N services starts within ${XT_START_TIMEOUT_MANY:-40} s (soft NOFILE $soft)" ||
	BAIL_OUT "daemon did not start"
diag "start-up took $((t1 - t0)) ms"
xt_working "$N"
is "$(xt_log_count 'bind failed|failed to start|Maximum number of services')" 0 \
	"no bind failures or capacity errors"

sample=(0 $((N - 1)))
while [ "${#sample[@]}" -lt 20 ]; do
	k=$(((RANDOM * 32768 + RANDOM) % N))
	[[ " ${sample[*]} " == *" $k "* ]] || sample+=("$k")
done
good=0 bad=''
for j in "${!sample[@]}"; do
	k=${sample[j]}
	if ((j % 2)); then host=::1; else host=127.0.0.1; fi
	xt_tcp got "$host" $((BASE + k)) -t 5
	if [ "$got" = "HELLO-$k"$'\n' ]; then
		good=$((good + 1))
	else
		bad+="service s$k ($host port $((BASE + k))): $(xt__show "$got") exit $XT_RC $XT_ERR"$'\n'
	fi
done
is "$good" 20 "20 sampled services (first, last, 18 random) each answer with their own greeting" ||
	diag "$bad"
xt_tcp got 127.0.0.1 $((BASE + N - 1)) -t 5
is "$got" "HELLO-$((N - 1))"$'\n' "the last service answers"

ok "daemon still running" xt_alive
xt_check_clean
done_testing
