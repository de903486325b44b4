#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# 62-zero-services: a daemon left with no service exits, as xinetd does,
# unless -stayalive or -dontfork (which implies it) says otherwise
# (reference 6.1, 6.2; the genuine xinetd 2.3.15.3 runs on with 0 services
# under -dontfork):
#  - forking mode, no service at start-up: CRITICAL "no services.
#    Exiting...", nothing left running;
#  - forking mode, a reload to no service: CRITICAL "No available
#    services. Exiting", the daemon is gone;
#  - -stayalive and -dontfork: "Started working: 0 available services",
#    running.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup

P=$(xt_ports 1)
empty=$(printf 'defaults\n{\n}\n' | xt_conf empty.conf)
one=$(xt_conf one.conf <<EOF
service one
{
	type        = UNLISTED
	socket_type = stream
	protocol    = tcp
	wait        = no
	port        = $P
	user        = $(xt_user)
	server      = /bin/echo
}
EOF
)
# daemon CONF LOG [ARGS]: start in forking mode; prints the daemon's pid
# once its pidfile is there (empty if it exited first).
daemon() {
	local conf=$1 log=$2 end
	shift 2
	rm -f "$T/d.pid"
	"$XINETD" -f "$conf" -filelog "$log" -pidfile "$T/d.pid" "$@" </dev/null >/dev/null 2>&1
	end=$(xt_deadline 5)
	while xt_before "$end"; do
		if grep -q 'Started working\|Exiting' "$log" 2>/dev/null; then
			break
		fi
		xt_sleep_ms 20
	done
	cat "$T/d.pid" 2>/dev/null
}
gone() { # PID: gone within 3 s
	local end
	end=$(xt_deadline 3)
	while [ -e "/proc/$1" ] && xt_before "$end"; do xt_sleep_ms 20; done
	[ ! -e "/proc/$1" ]
}

pid=$(daemon "$empty" "$T/a.log")
ok "start-up without services: CRITICAL 'no services. Exiting...'" \
	xt_log_wait "${XT_RE_PROG}CRITICAL: [0-9]+ \\{start_services\\} no services\\. Exiting\\.\\.\\.\$" 3 "$T/a.log"
# (the pidfile is written before the configuration is read)
ok "start-up without services: the daemon is gone" gone "${pid:-0}"

pid=$(daemon "$one" "$T/b.log")
ok "forking mode with one service: running" test -n "$pid" -a -e "/proc/${pid:-0}"
cp "$empty" "$one"
kill -HUP "$pid"
ok "reload to no service: CRITICAL 'No available services. Exiting'" \
	xt_log_wait "${XT_RE_PROG}CRITICAL: [0-9]+ \\{reconfigure\\} No available services\\. Exiting\$" 3 "$T/b.log"
ok "reload to no service: the daemon is gone" gone "$pid"

pid=$(daemon "$empty" "$T/c.log" -stayalive)
ok "-stayalive: 'Started working: 0 available services'" \
	xt_log_wait "${XT_RE_PROG}NOTICE: Started working: 0 available services\$" 3 "$T/c.log"
ok "-stayalive: running" test -e "/proc/${pid:-0}"
[ -n "$pid" ] && kill -TERM "$pid" && gone "$pid"

ok "-dontfork: starts with no service" xt_start "$empty"
ok "-dontfork: 'Started working: 0 available services'" \
	xt_log_wait "${XT_RE_PROG}NOTICE: Started working: 0 available services\$" 1
ok "-dontfork: running" xt_alive
xt_stop
done_testing
