#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 99-spawner: with 256 services or more, servers are created by the
# spawning helper (xinetd-spawner) instead of a fork of the daemon. Every
# kind of service must work the same through it: an exec'd server with its
# environment and descriptors, a forked builtin, tcpmux, a redirect, a
# wait = yes stream server, a refused client; a reload replaces the helper;
# killing the helper falls back to forking in the daemon.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup
xt_oracle && skip_all "the spawning helper is xinetd-ng's"

N=300
BASE=$("$XT_NET" freeport-range "$N") || BAIL_OUT "no $N consecutive free ports"
[ "$(ulimit -Hn)" -ge $((N + 64)) ] || skip_all "hard NOFILE below $((N + 64))"
ME=$(xt_user)
P_PROBE=$BASE P_ECHO=$((BASE + 1)) P_MUX=$((BASE + 2)) P_REDIR=$((BASE + 3))
P_WAIT=$((BASE + 4)) P_DENY=$((BASE + 5))

{
	cat <<EOF
defaults
{
	log_type       = FILE $T/svc.log
	log_on_success = PID HOST EXIT
	log_on_failure = HOST
	cps            = 0 0
}

$(xt_svc probe "$P_PROBE" -protocol "server = $XT_PROBE" "env = XT_VIA=spawner")
$(xt_svc echo "$P_ECHO" "type = INTERNAL UNLISTED" -protocol -user)
$(xt_svc tcpmux "$P_MUX" "type = INTERNAL UNLISTED" -protocol -user "flags = NOLIBWRAP")
service muxed
{
	type        = TCPMUX UNLISTED
	socket_type = stream
	protocol    = tcp
	wait        = no
	user        = $ME
	server      = /bin/echo
	server_args = muxed hello
}

$(xt_svc redir "$P_REDIR" -protocol "redirect = 127.0.0.1 $P_PROBE")
$(xt_svc waiter "$P_WAIT" -protocol "wait = yes" "server = $XT_PROBE" \
	"server_args = --accept-loop 1")
$(xt_svc denied "$P_DENY" -protocol "only_from = 192.0.2.1" "server = /bin/echo")
EOF
	for ((i = 6; i < N; i++)); do
		printf 'service filler%d\n{\n\ttype = UNLISTED\n\tsocket_type = stream\n\twait = no\n\tport = %d\n\tuser = %s\n\tserver = /bin/echo\n\tserver_args = filler\n}\n' \
			"$i" $((BASE + i)) "$ME"
	done
} >"$T/xinetd.conf"

helper_pids() {
	local k
	for k in $(xt__children_of "$XT_PID"); do
		[ "$(cat "/proc/$k/comm" 2>/dev/null)" = xinetd-spawner ] && echo "$k"
	done
}

# Every server forked: clone()d ones never go through the helper.
XT_START_PREFIX=(env XINETD_NG_SPAWN=fork)
ok "daemon starts with $N services" xt_start "$T/xinetd.conf" ||
	BAIL_OUT "daemon did not start"
XT_START_PREFIX=()
# 7 named services plus fillers 6..N-1; the TCPMUX one has no socket.
xt_working "$N" "program log: $N available services"
helper=$(helper_pids)
is "$(wc -w <<<"$helper")" 1 "one xinetd-spawner child of the daemon"
ok "the helper holds no listening socket (few descriptors)" \
	test "$(ls "/proc/$helper/fd" | wc -l)" -lt 16

xt_tcp got 127.0.0.1 "$P_PROBE"
is "$(xt_kv "$got" fds)" "0,1,2" "exec'd server: only fds 0, 1 and 2"
like "$got" "env=XT_VIA=spawner" "exec'd server: its env attribute"
like "$got" "env=REMOTE_HOST=::ffff:127\.0\.0\.1" "exec'd server: REMOTE_HOST"
is "$(xt_kv "$got" cwd)" / "exec'd server: cwd /"
ok "START and EXIT logged for the exec'd server" \
	xt_log_wait "EXIT: probe status=0 pid=[0-9]+\$" 5 "$T/svc.log"
spid=$(grep -Eo 'START: probe pid=[0-9]+' "$T/svc.log" | head -1 | grep -Eo '[0-9]+$')
isnt "$spid" "$helper" "the server is not the helper itself"

xt_tcp got 127.0.0.1 "$P_ECHO" -s 'via helper\n' -e
is "$got" $'via helper\n' "forked builtin (echo stream)"
xt_tcp got 127.0.0.1 "$P_MUX" -s 'MUXED\r\n' -e
is "$got" $'muxed hello\n' "tcpmux to a TCPMUX service"
xt_tcp got 127.0.0.1 "$P_REDIR"
like "$got" "end=1" "redirect to another service"
xt_tcp got 127.0.0.1 "$P_WAIT"
like "$got" "end=1|hello|pid=" "wait = yes stream server accepts for itself"
xt_tcp got 127.0.0.1 "$P_DENY"
is "$got" "" "refused client: closed without data"
ok "refusal logged by the child" \
	xt_log_wait "FAIL: denied address from=::ffff:127\.0\.0\.1\$" 5 "$T/svc.log"

kill -HUP "$XT_PID"
ok "reload logged" xt_log_wait "NOTICE: Reconfigured: new=0 old=$N dropped=0" 5
end=$(xt_deadline 5)
while [ "$(helper_pids)" = "$helper" ] && xt_before "$end"; do xt_sleep_ms 50; done
new=$(helper_pids)
ok "a new helper after the reload" test -n "$new" -a "$new" != "$helper"
ok "no 'unknown child process' for the old helper" \
	bash -c "! grep -q 'unknown child process' '$XT_LOG'"
xt_tcp got 127.0.0.1 "$P_PROBE"
like "$got" "env=XT_VIA=spawner" "served through the new helper"

kill -KILL "$new"
xt_tcp got 127.0.0.1 "$P_PROBE"
like "$got" "end=1" "helper killed: the daemon forks the server itself"
xt_tcp got 127.0.0.1 "$P_ECHO" -s 'again\n' -e
is "$got" $'again\n' "and builtins still work"

ok "daemon still running" xt_alive
xt_stop
xt_check_clean
done_testing
