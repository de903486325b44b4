#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# 59-spawner-late: a spawning helper that does not answer (stopped) costs
# a request at most a quarter of a second, not five: the daemon kills it
# and forks the server itself, once: one connection, one server.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup
xt_oracle && skip_all "the spawning helper is xinetd-ng's"

N=260
BASE=$("$XT_NET" freeport-range "$N") || BAIL_OUT "no $N consecutive free ports"
[ "$(ulimit -Hn)" -ge $((N + 64)) ] || skip_all "hard NOFILE below $((N + 64))"
ME=$(xt_user)
cat >"$T/once.sh" <<EOF
#!/bin/sh
echo run >>"$T/ran"
echo SERVED
EOF
chmod 755 "$T/once.sh"
{
	printf 'defaults\n{\n\tlog_type = FILE %s/svc.log\n\tlog_on_success = PID HOST EXIT\n\tcps = 0 0\n}\n' "$T"
	printf 'service once\n{\n\ttype = UNLISTED\n\tsocket_type = stream\n\twait = no\n\tport = %d\n\tuser = %s\n\tserver = %s\n}\n' \
		"$BASE" "$ME" "$T/once.sh"
	for ((i = 1; i < N; i++)); do
		printf 'service filler%d\n{\n\ttype = UNLISTED\n\tsocket_type = stream\n\twait = no\n\tport = %d\n\tuser = %s\n\tserver = /bin/true\n}\n' \
			"$i" $((BASE + i)) "$ME"
	done
} >"$T/xinetd.conf"

# Forked servers only: the helper is not asked for a clone()d one.
XT_START_PREFIX=(env XINETD_NG_SPAWN=fork)
ok "daemon starts with $N services" xt_start "$T/xinetd.conf" ||
	BAIL_OUT "daemon did not start"
XT_START_PREFIX=()
helper=''
for k in $(xt__children_of "$XT_PID"); do
	[ "$(cat "/proc/$k/comm" 2>/dev/null)" = xinetd-spawner ] && helper=$k
done
ok "a spawning helper runs" test -n "$helper"
kill -STOP "$helper"
t0=$(xt_now_ms)
xt_tcp got 127.0.0.1 "$BASE" -t 5
t1=$(xt_now_ms)
is "$got" $'SERVED\n' "served although the helper is stopped"
ok "within a second, not after five ($((t1 - t0)) ms)" test $((t1 - t0)) -lt 1000
ok "the daemon says so" xt_log_wait "${XT_RE_PROG}ERROR: the spawner stopped answering; forking servers directly\$" 2
gone() { # PID SECS: until /proc/PID is gone
	local end
	end=$(xt_deadline "$2")
	while [ -e "/proc/$1" ] && xt_before "$end"; do xt_sleep_ms 20; done
	[ ! -e "/proc/$1" ]
}
ok "the stopped helper was killed" gone "$helper" 3
xt_sleep_ms 500
is "$(wc -l <"$T/ran")" 1 "one server ran for the connection"
is "$(grep -c ': START: once ' "$T/svc.log")" 1 "one START"
xt_tcp got 127.0.0.1 "$BASE" -t 5
is "$got" $'SERVED\n' "the next request is served too (forked by the daemon)"
ok "daemon still running" xt_alive
xt_check_clean
xt_stop
done_testing
