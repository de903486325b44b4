#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154  # xt_tcp assigns by name
# 64-sessions: stream echo, discard and chargen served inside the daemon
# (session.c) when no check needs a child (here: NOLIBWRAP):
#  - the bytes are exactly those of the forked builtins (a 1 MiB echo,
#    chargen's first 100 KiB compared with the forked chargen's);
#  - START pid=0 and no EXIT, no process forked;
#  - 1,000 idle echo clients do not delay a fresh one;
#  - instances counts sessions; a reload that removes the service ends
#    its sessions; an idle session is closed (XINETD_NG_SESSION_IDLE);
#  - beyond the cap of 1,024 sessions the builtin forks, as before.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
# Opening 1,000 connections takes a while where SYNs get dropped.
XT_TEST_TIMEOUT=${XT_TEST_TIMEOUT:-240}
xt_setup

read -r P_ECHO P_DISC P_CHAR P_FCHAR P_LIM <<<"$(xt_ports 5 | tr '\n' ' ')"
svc() { # NAME ID PORT EXTRA...
	local name=$1 id=$2 port=$3 l
	shift 3
	printf 'service %s\n{\n\tid = %s\n\ttype = INTERNAL UNLISTED\n\tsocket_type = stream\n\twait = no\n\tport = %s\n\tcps = 0 0\n' "$name" "$id" "$port"
	printf '\tlog_type = FILE %s/%s.log\n\tlog_on_success = PID HOST EXIT\n\tlog_on_failure = HOST\n' "$T" "$id"
	for l in "$@"; do printf '\t%s\n' "$l"; done
	printf '}\n\n'
}
mkconf() { # [WITHOUT-LIM]
	{
		svc echo echo "$P_ECHO" "flags = NOLIBWRAP"
		svc discard discard "$P_DISC" "flags = NOLIBWRAP"
		svc chargen chargen "$P_CHAR" "flags = NOLIBWRAP"
		# USERID keeps this one in a forked child: the bytes to compare with.
		svc chargen chargen-forked "$P_FCHAR" "log_on_success += USERID"
		[ -n "${1:-}" ] || svc echo echo-lim "$P_LIM" "flags = NOLIBWRAP" "instances = 2"
	} >"$T/xinetd.conf"
}
mkconf
ok "daemon starts" xt_start "$T/xinetd.conf" -d || BAIL_OUT "daemon did not start"

head -c 1048576 /dev/urandom >"$T/payload"
"$XT_NET" tcp 127.0.0.1 "$P_ECHO" -S "$T/payload" -e -d -t 10 >"$T/echoed"
is "$(cmp "$T/payload" "$T/echoed" && echo same)" same "echo: 1 MiB comes back byte for byte"
xt_tcp got 127.0.0.1 "$P_DISC" -s 'gone\n' -e -t 3
is "$XT_RC/$got" "0/" "discard: nothing back, closed after EOF"
"$XT_NET" tcp 127.0.0.1 "$P_CHAR" -n 102400 -t 5 >"$T/chargen.in"
"$XT_NET" tcp 127.0.0.1 "$P_FCHAR" -n 102400 -t 5 >"$T/chargen.forked"
is "$(wc -c <"$T/chargen.in")" 102400 "chargen: 100 KiB read"
is "$(cmp "$T/chargen.in" "$T/chargen.forked" && echo same)" same \
	"chargen: the same bytes as the forked chargen"
ok "START: echo pid=0 (no process)" xt_log_wait ': START: echo pid=0 from=' 2 "$T/echo.log"
is "$(grep -c EXIT "$T/echo.log")" 0 "no EXIT line for a session"
is "$(grep -c 'started by' "$XT_LOG")" 1 "nothing forked but the forked chargen"

# --- 1,000 idle clients, then a fresh one
"$XT_NET" hold 127.0.0.1 "$P_ECHO" 1000 -t 90 >"$T/held" &
holder=$!
ok "1,000 echo sessions held open" xt_log_wait 'held 1000' 80 "$T/held"
t0=$(xt_now_ms)
xt_tcp got 127.0.0.1 "$P_ECHO" -s 'fresh\n' -e -t 5
t1=$(xt_now_ms)
is "$got" $'fresh\n' "a fresh client is answered"
ok "at once, despite 1,000 idle ones ($((t1 - t0)) ms)" test $((t1 - t0)) -lt 1000

# --- beyond the cap: the builtin forks
if [ "$(ulimit -Hn)" -lt 2200 ]; then
	skip "hard NOFILE below 2200: cannot hold 1,030 sessions" 1
else
	"$XT_NET" hold 127.0.0.1 "$P_ECHO" 30 -t 30 >"$T/held2" &
	holder2=$!
	xt_log_wait 'held 30' 25 "$T/held2"
	ok "beyond 1,024 sessions, echo is forked" \
		xt_log_wait "${XT_RE_PROG}DEBUG: service echo: server [0-9]+ started by fork\$" 5
	kill "$holder2" 2>/dev/null
	wait "$holder2" 2>/dev/null
fi
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

# --- instances = 2 counts sessions
"$XT_NET" hold 127.0.0.1 "$P_LIM" 2 -t 10 >"$T/held3" &
holder=$!
xt_log_wait 'held 2' 5 "$T/held3"
xt_tcp got 127.0.0.1 "$P_LIM" -s 'third\n' -e -t 3
is "$got" "" "instances = 2: a third client is refused"
ok "FAIL: echo-lim service_limit" xt_log_wait 'FAIL: echo-lim service_limit' 3 "$T/echo-lim.log"

# --- a reload that removes the service ends its sessions
mkconf without-lim
kill -HUP "$XT_PID"
ok "reload" xt_log_wait "${XT_RE_PROG}NOTICE: Reconfigured: " 3
wait "$holder" 2>/dev/null
ok "the removed service's sessions ended" xt_log_wait 'service echo-lim deactivated' 3
ok "daemon still running" xt_alive
xt_check_clean
xt_stop

# --- idle sessions close (a daemon with XINETD_NG_SESSION_IDLE=3)
XT_START_PREFIX=(env XINETD_NG_SESSION_IDLE=3)
ok "daemon with a 3 s idle limit starts" xt_start "$T/xinetd.conf" || BAIL_OUT "daemon did not start"
XT_START_PREFIX=()
t0=$(xt_now_ms)
"$XT_NET" tcp 127.0.0.1 "$P_ECHO" -s 'x' -t 10 >/dev/null
t1=$(xt_now_ms)
ok "an idle session is closed by the daemon (after $((t1 - t0)) ms)" \
	test $((t1 - t0)) -ge 2500 -a $((t1 - t0)) -lt 9000
xt_stop
done_testing
