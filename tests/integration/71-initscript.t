#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# shellcheck disable=SC2317  # helpers run from the EXIT trap or through ok
# 71-initscript: the SysV init script (contrib/init.d/xinetd) against the
# daemon under test, with the contract of Debian's /etc/init.d/xinetd:
#  - the defaults file's XINETD_OPTS reach the daemon, INETD_COMPAT=yes adds
#    -inetd_compat (checked only where no /etc/inetd.conf exists), and the
#    daemon gets -pidfile /run/xinetd.pid;
#  - start: exit 0, pidfile with the live daemon's pid, the service answers;
#    start again: exit 0, the same daemon;
#  - status: exit 0, "is running" and the new state dump (SIGUSR1) only;
#  - reload: SIGHUP, a service added to the configuration answers, same pid;
#  - restart: a new daemon that serves; stop: SIGQUIT ("Exiting..."), exit
#    0, pidfile gone, port closed; stop again: exit 0; status: exit 3;
#  - an unknown action: usage, exit 1.
# Root only. The script and the daemon run in a private mount namespace
# with its own /run, so that the fixed /run/xinetd.pid and
# /var/run/xinetd.dump of this machine (and other tests' dumps) are never
# touched; XINETD_DAEMON and XINETD_DEFAULTS point the script at the
# build tree.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_require_root
command -v start-stop-daemon >/dev/null || skip_all "no start-stop-daemon (dpkg)"
command -v unshare >/dev/null && command -v nsenter >/dev/null ||
	skip_all "no unshare/nsenter (util-linux)"
xt_setup

# The script: as make built it, else rendered from the source the same way.
SCRIPT=${XT_BUILDDIR:-}/contrib/init.d/xinetd
if [ -z "${XT_BUILDDIR:-}" ] || [ ! -f "$SCRIPT" ]; then
	SCRIPT=$T/init.d-xinetd
	sed -e "s|@sbindir@|/usr/sbin|g" -e "s|@sysconfdir@|/etc|g" \
		"$XT_SRCDIR/contrib/init.d/xinetd.in" >"$SCRIPT" ||
		BAIL_OUT "cannot render the init script"
fi
diag "init script $SCRIPT"

# --- a mount namespace with a private /run (/var/run is a link to it on
# Debian; otherwise it gets its own tmpfs too), held by a sleeping process
HOLDER=''
DAEMON_PIDS=()
end_all() {
	local p
	for p in "${DAEMON_PIDS[@]}"; do
		kill -KILL "$p" 2>/dev/null
	done
	[ -n "$HOLDER" ] && kill -KILL "$HOLDER" 2>/dev/null
}
trap 'rc=$?; end_all; (exit $rc); xt__cleanup' EXIT
unshare -m --propagation private -- sh -c '
	mount -t tmpfs -o mode=0755 xt-run /run || exit 1
	if [ ! -L /var/run ]; then mount -t tmpfs -o mode=0755 xt-varrun /var/run || exit 1; fi
	: >/run/.xt-ready
	exec sleep 300' </dev/null >/dev/null 2>"$T/unshare.err" &
HOLDER=$!
disown "$HOLDER"   # ended by pid in end_all, without a job report
end=$(xt_deadline 5)
until nsenter -t "$HOLDER" -m -- test -e /run/.xt-ready 2>/dev/null; do
	if ! kill -0 "$HOLDER" 2>/dev/null || ! xt_before "$end"; then
		diag_file "$T/unshare.err"
		HOLDER=''
		skip_all "cannot make a mount namespace with a private /run"
	fi
	xt_sleep_ms 20
done

# in_ns CMD... : run CMD in the namespace
in_ns() { nsenter -t "$HOLDER" -m -- "$@"; }
PIDFILE=/run/xinetd.pid
DUMP=/var/run/xinetd.dump

read -r P1 P2 <<<"$(xt_ports 2 | tr '\n' ' ')"
svc() { # NAME PORT WORD
	cat <<EOF
service $1
{
	type        = UNLISTED
	socket_type = stream
	protocol    = tcp
	wait        = no
	port        = $2
	user        = root
	server      = /bin/echo
	server_args = $3
}
EOF
}
svc one "$P1" ONE >"$T/xinetd.conf"

compat=no
[ -e /etc/inetd.conf ] || compat=Yes
cat >"$T/default" <<EOF
# as /etc/default/xinetd
INETD_COMPAT=$compat
XINETD_OPTS="-stayalive -f $T/xinetd.conf -filelog $T/xinetd.log"
EOF
LOG=$T/xinetd.log

# initd ACTION : run the script; its output in OUT, exit status in RC
initd() {
	OUT=$(in_ns env XINETD_DAEMON="$XINETD" XINETD_DEFAULTS="$T/default" \
		sh "$SCRIPT" "$1" 2>&1 </dev/null)
	RC=$?
	diag "$1: exit $RC: $OUT"
}
daemon_pid() { in_ns cat "$PIDFILE" 2>/dev/null; }
# wait_gone PID : until the process has exited (5 s)
wait_gone() {
	local end
	end=$(xt_deadline 5)
	while kill -0 "$1" 2>/dev/null; do
		xt_before "$end" || return 1
		xt_sleep_ms 20
	done
}

# --- start ----------------------------------------------------------------
initd start
is "$RC" 0 "start: exit 0"
pid=$(daemon_pid)
[ -n "$pid" ] && DAEMON_PIDS+=("$pid")
like "$pid" '^[0-9]+$' "start: $PIDFILE holds a pid"
ok "start: that process runs" kill -0 "${pid:-0}"
ok "start: the daemon is up" xt_log_wait ': Started working: 1 available service' 10 "$LOG"
args=$(tr '\0' ' ' <"/proc/${pid:-0}/cmdline" 2>/dev/null)
diag "daemon command line: $args"
like "$args" "^$(xt_re_quote "$XINETD") " "start: the daemon of XINETD_DAEMON runs"
like "$args" " -pidfile /run/xinetd\\.pid " "start: -pidfile /run/xinetd.pid"
like "$args" " -stayalive -f $(xt_re_quote "$T")/xinetd\\.conf -filelog " "start: XINETD_OPTS passed on"
if [ "$compat" = Yes ]; then
	like "$args" ' -inetd_compat( |$)' "start: INETD_COMPAT=Yes adds -inetd_compat"
else
	skip "/etc/inetd.conf exists: INETD_COMPAT=yes would serve it"
fi
xt_tcp got 127.0.0.1 "$P1"
is "$got" $'ONE\n' "start: the service answers"

initd start
is "$RC" 0 "start when running: exit 0"
is "$(daemon_pid)" "$pid" "start when running: the same daemon"
is "$(xt_log_count ': Started working: ' "$LOG")" 1 "start when running: no second daemon started"

# --- status: running, with the new dump only ------------------------------
in_ns sh -c "printf 'INTERNAL STATE DUMP: old\nEND OF DUMP\n' >$DUMP"
initd status
is "$RC" 0 "status: exit 0 while running"
like "$OUT" 'xinetd is running' "status: 'xinetd is running'"
like "$OUT" $'\nService = one\n' "status: prints the state dump (Service = one)"
like "$OUT" $'\nEND OF DUMP' "status: the whole dump"
unlike "$OUT" 'DUMP: old' "status: not the dumps before"

# --- reload: SIGHUP -------------------------------------------------------
{ svc one "$P1" ONE; svc two "$P2" TWO; } >"$T/xinetd.conf"
initd reload
is "$RC" 0 "reload: exit 0"
ok "reload: the daemon reconfigured" xt_log_wait ': NOTICE: Reconfigured: ' 10 "$LOG"
xt_tcp got 127.0.0.1 "$P2"
is "$got" $'TWO\n' "reload: the added service answers"
is "$(daemon_pid)" "$pid" "reload: the same daemon"

# --- restart: a new daemon ------------------------------------------------
initd restart
is "$RC" 0 "restart: exit 0"
ok "restart: the old daemon has exited" wait_gone "${pid:-0}"
pid2=$(daemon_pid)
[ -n "$pid2" ] && DAEMON_PIDS+=("$pid2")
isnt "${pid2:-}" "$pid" "restart: a new daemon"
ok "restart: the new daemon is up" xt_log_wait ': Started working: 2 available services' 10 "$LOG"
xt_tcp got 127.0.0.1 "$P1"
is "$got" $'ONE\n' "restart: the service answers"

# --- stop: SIGQUIT ----------------------------------------------------------
initd stop
is "$RC" 0 "stop: exit 0"
ok "stop: the daemon has exited" wait_gone "${pid2:-0}"
ok "stop: by SIGQUIT (Exiting...)" xt_log_wait_n 2 ': WARNING: Exiting\.\.\.$' 5 "$LOG"
nok "stop: pidfile removed" in_ns test -e "$PIDFILE"
xt_tcp got 127.0.0.1 "$P1" -t 2
is "$XT_RC" 2 "stop: the port is closed"

initd stop
is "$RC" 0 "stop when stopped: exit 0"
initd status
is "$RC" 3 "status when stopped: exit 3"
like "$OUT" 'xinetd is not running' "status when stopped: 'xinetd is not running'"

initd frobnicate
is "$RC" 1 "unknown action: exit 1"
like "$OUT" '^Usage: /etc/init\.d/xinetd \{start\|stop\|reload\|force-reload\|restart\|status\}' \
	"unknown action: usage message"

is "$(grep -cE ": (CRITICAL|ERROR): " "$LOG")" 0 "no CRITICAL or ERROR in the program log"
done_testing
