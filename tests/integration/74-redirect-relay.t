#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# 74-redirect-relay: redirected sessions relayed by the daemon itself
# (relay.c) when the forwarder would have nothing to do that needs a child:
#  - START pid=0 and EXIT pid=0 with the session's duration, no process
#    forked; a 1 MiB echo through it comes back byte for byte (checked by
#    a checker: TCP wrappers; the other relayed services are NOLIBWRAP,
#    checked in the loop);
#  - 200 sessions held open against a silent target do not delay a fresh
#    one on another service; when the target goes, each ends (EXIT, the
#    program log says why) and the daemon holds as many descriptors as
#    before;
#  - instances and per_source count relayed sessions (FAIL service_limit,
#    per_source_limit);
#  - beyond the cap (XINETD_NG_RELAY=2 here, 256 by default) the forwarder
#    forks, as it does for a service whose forwarder needs a child
#    (log_on_success USERID, an rlimit);
#  - a reload that removes the service ends its sessions ("stopped").
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
XT_TEST_TIMEOUT=${XT_TEST_TIMEOUT:-180}
xt_setup

read -r P_FWD P_SLOW P_LIM P_SRC P_USERID P_CPU P_ECHO P_SILENT <<<"$(xt_ports 8 | tr '\n' ' ')"
svc() { # ID PORT TARGET-PORT EXTRA...
	local id=$1 port=$2 to=$3 l
	shift 3
	printf 'service %s\n{\n\ttype = UNLISTED\n\tsocket_type = stream\n\twait = no\n' "$id"
	printf '\tport = %s\n\tuser = %s\n\tredirect = 127.0.0.1 %s\n\tcps = 0 0\n' "$port" "$(xt_user)" "$to"
	printf '\tlog_type = FILE %s/%s.log\n' "$T" "$id"
	printf '\tlog_on_success = PID HOST EXIT DURATION TRAFFIC\n\tlog_on_failure = HOST\n'
	for l in "$@"; do printf '\t%s\n' "$l"; done
	printf '}\n\n'
}
mkconf() { # [WITHOUT-SLOW]
	{
		svc fwd "$P_FWD" "$P_ECHO"
		# NOLIBWRAP: checked in the loop, not by a checker process
		# (whose descriptors would blur the count below).
		[ -n "${1:-}" ] || svc slow "$P_SLOW" "$P_SILENT" "flags = NOLIBWRAP"
		svc lim "$P_LIM" "$P_SILENT" "instances = 2" "flags = NOLIBWRAP"
		svc src "$P_SRC" "$P_SILENT" "per_source = 1" "flags = NOLIBWRAP"
		svc userid "$P_USERID" "$P_ECHO" "log_on_success += USERID"
		svc cpu "$P_CPU" "$P_ECHO" "rlimit_cpu = 60"
	} >"$T/xinetd.conf"
}
mkconf

"$XT_NET" serve 127.0.0.1 "$P_ECHO" -c 5 -t 60 --echo >"$T/echo.out" &
echo_target=$!
"$XT_NET" listen 127.0.0.1 "$P_SILENT" -t 60 >"$T/silent.out" &
silent=$!
ok "targets listening" xt_log_wait listening 3 "$T/echo.out" &&
	xt_log_wait listening 3 "$T/silent.out"
ok "daemon starts" xt_start "$T/xinetd.conf" -d || BAIL_OUT "daemon did not start"

# --- one session, relayed
head -c 1048576 /dev/urandom >"$T/payload"
"$XT_NET" tcp 127.0.0.1 "$P_FWD" -S "$T/payload" -e -d -t 10 >"$T/back"
is "$(cmp "$T/payload" "$T/back" >/dev/null && echo same)" same \
	"1 MiB echoed through the relay, byte for byte"
like "$(grep ': START: ' "$T/fwd.log")" ': START: fwd pid=0 from=(::ffff:)?127\.0\.0\.1$' \
	"START pid=0: no forwarder process"
ok "TRAFFIC in=1048576 out=1048576" \
	xt_log_wait ': TRAFFIC: fwd in=1048576\(bytes\) out=1048576\(bytes\)$' 3 "$T/fwd.log"
ok "EXIT status=0 pid=0 with a duration" \
	xt_log_wait ': EXIT: fwd status=0 pid=0 duration=[0-9]+\(sec\)$' 3 "$T/fwd.log"
is "$(xt_log_count 'started by')" 0 "nothing forked"

# --- 200 held sessions, then a fresh one
ls -l "/proc/$XT_PID/fd" | sed 's/.* [0-9]* -> //' | sort >"$T/fds.before"
"$XT_NET" hold 127.0.0.1 "$P_SLOW" 200 -t 60 >"$T/held" &
holder=$!
ok "200 sessions held open" xt_log_wait 'held 200' 30 "$T/held"
ok "all 200 relayed (START pid=0)" \
	xt_log_wait_n 200 ': START: slow pid=0 ' 10 "$T/slow.log"
xt_tcp got 127.0.0.1 "$P_FWD" -s 'fresh' -e -t 3
is "$XT_RC/$got" "0/fresh" "a fresh session is served meanwhile"
is "$(xt_log_count 'started by')" 0 "still nothing forked"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
# The clients are gone, their half-closes passed on; the silent target
# still holds each session open until it goes too.
kill "$silent" 2>/dev/null
wait "$silent" 2>/dev/null
ok "when the target goes, all 200 end (EXIT pid=0)" \
	xt_log_wait_n 200 ': EXIT: slow status=0 pid=0 ' 10 "$T/slow.log"
ok "the program log says why" \
	xt_log_wait "${XT_RE_PROG}INFO: service slow: redirected session to 127\\.0\\.0\\.1 ended: (target: )?Connection reset by peer" 3
ls -l "/proc/$XT_PID/fd" | sed 's/.* [0-9]* -> //' | sort >"$T/fds.after"
is "$(diff "$T/fds.before" "$T/fds.after")" "" "as many descriptors as before"

# --- limits count relayed sessions
"$XT_NET" listen 127.0.0.1 "$P_SILENT" -t 60 >"$T/silent.out" &
silent=$!
xt_log_wait listening 3 "$T/silent.out"
"$XT_NET" hold 127.0.0.1 "$P_LIM" 2 -t 20 >"$T/held-lim" &
holder=$!
xt_log_wait 'held 2' 5 "$T/held-lim"
xt_log_wait_n 2 ': START: lim pid=0 ' 5 "$T/lim.log"
"$XT_NET" tcp 127.0.0.1 "$P_LIM" -s 'x' -e -t 3 >/dev/null
ok "instances = 2: the third gets FAIL service_limit" \
	xt_log_wait ': FAIL: lim service_limit from=(::ffff:)?127\.0\.0\.1$' 3 "$T/lim.log"
"$XT_NET" hold 127.0.0.1 "$P_SRC" 1 -t 20 >"$T/held-src" &
holder2=$!
xt_log_wait 'held 1' 5 "$T/held-src"
xt_log_wait ': START: src pid=0 ' 5 "$T/src.log"
"$XT_NET" tcp 127.0.0.1 "$P_SRC" -s 'x' -e -t 3 >/dev/null
ok "per_source = 1: the second from 127.0.0.1 gets FAIL per_source_limit" \
	xt_log_wait ': FAIL: src per_source_limit from=(::ffff:)?127\.0\.0\.1$' 3 "$T/src.log"
kill "$holder" "$holder2" 2>/dev/null
wait "$holder" "$holder2" 2>/dev/null

# --- a forwarder that needs a child still forks
xt_tcp got 127.0.0.1 "$P_USERID" -s 'who' -e -t 5
is "$XT_RC/$got" "0/who" "USERID: the session is served"
like "$(grep ': START: ' "$T/userid.log")" ': START: userid pid=[1-9][0-9]* ' \
	"USERID: by a forked forwarder (its pid)"
xt_tcp got 127.0.0.1 "$P_CPU" -s 'limited' -e -t 5
is "$XT_RC/$got" "0/limited" "rlimit_cpu: the session is served"
like "$(grep ': START: ' "$T/cpu.log")" ': START: cpu pid=[1-9][0-9]* ' \
	"rlimit_cpu: by a forked forwarder, which runs under the limit"

# --- reload removing a service ends its sessions
"$XT_NET" hold 127.0.0.1 "$P_SLOW" 2 -t 30 >"$T/held" &
holder=$!
xt_log_wait 'held 2' 5 "$T/held"
xt_log_wait_n 202 ': START: slow pid=0 ' 5 "$T/slow.log"
mkconf without-slow
kill -HUP "$XT_PID"
ok "reload without the service: its sessions end (EXIT)" \
	xt_log_wait_n 202 ': EXIT: slow status=0 pid=0 ' 5 "$T/slow.log"
ok "the program log says they were stopped" \
	xt_log_wait "${XT_RE_PROG}INFO: service slow: redirected session to 127\\.0\\.0\\.1 ended: stopped" 3
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
ok "daemon still running" xt_alive
xt_check_clean
xt_stop

# --- beyond the cap, forwarders fork
mkconf
rm -f "$T/slow.log"
XT_START_PREFIX=(env XINETD_NG_RELAY=2)
ok "daemon with XINETD_NG_RELAY=2 starts" xt_start "$T/xinetd.conf" -d
XT_START_PREFIX=()
"$XT_NET" hold 127.0.0.1 "$P_SLOW" 3 -t 20 >"$T/held" &
holder=$!
xt_log_wait 'held 3' 5 "$T/held"
xt_log_wait_n 3 ': START: slow ' 5 "$T/slow.log"
is "$(xt_log_count ': START: slow pid=0 ' "$T/slow.log")" 2 "two relayed"
is "$(xt_log_count ': START: slow pid=[1-9]' "$T/slow.log")" 1 "the third forks its forwarder"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
kill "$silent" "$echo_target" 2>/dev/null
wait "$silent" "$echo_target" 2>/dev/null
xt_check_clean
xt_stop
done_testing
