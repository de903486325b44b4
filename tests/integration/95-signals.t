#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# shellcheck disable=SC2317  # helpers run from the EXIT trap or through ok
# 95-signals: SIGUSR1, SIGTERM, SIGQUIT, SIGINT, SIGALRM (reference 7, 9.2,
# 12 #87 #89-#92):
#  - (root) SIGUSR1 creates or appends /var/run/xinetd.dump (mode 0644) and
#    logs INFO "generated state dump in file /var/run/xinetd.dump"; the dump
#    has "INTERNAL STATE DUMP:", "Service = <name>", "running servers = N"
#    and "END OF DUMP"; a second SIGUSR1 appends a second dump.  An existing
#    dump file is copied aside first and put back when the script ends;
#  - SIGINT and SIGALRM are ignored;
#  - SIGTERM: "Sending signal 15 to <id> server <pid>" for a forked internal
#    server (echo stream session), which ends; an external server keeps
#    running and its session still works; pidfile removed; exit 0;
#  - SIGQUIT: exit 0, pidfile removed, no server signalled: an external
#    server and a forked echo both keep serving their sessions.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup

DUMP=/var/run/xinetd.dump
DUMP_SAVED=''
restore_dump() {
	[ -n "$DUMP_SAVED" ] || return 0
	if [ "$DUMP_SAVED" = absent ]; then
		rm -f "$DUMP"
	else
		cp -p "$DUMP_SAVED" "$DUMP"
	fi
}
# Servers left behind on purpose (SIGTERM/SIGQUIT keep them): ended by pid,
# recorded as PID:STARTTIME so that a recycled pid is never signalled.
LEFT_PIDS=()
proc_start() { # PID : the process's start time (field 22 of /proc/PID/stat)
	local st
	st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	st=${st##*) }
	# shellcheck disable=SC2086  # split the fields on purpose
	set -- $st
	echo "${20}"
}
remember() {
	local p t
	for p in "$@"; do
		[ -n "$p" ] && t=$(proc_start "$p") && LEFT_PIDS+=("$p:$t")
	done
}
end_left() {
	local e
	for e in "${LEFT_PIDS[@]}"; do
		if [ "$(proc_start "${e%%:*}")" = "${e#*:}" ]; then
			kill -KILL "${e%%:*}" 2>/dev/null
		fi
	done
}
trap 'rc=$?; end_left; restore_dump; (exit $rc); xt__cleanup' EXIT

xt_port_vars P_SESS P_ECHO P_SESS2 P_ECHO2

session=$(xt_install_session) || BAIL_OUT "cannot write $T/session.sh"

mkconf() { # FILE SESSION_PORT ECHO_PORT
	xt_conf "$1" <<EOF
$(xt_svc sess "$2" "server = $session" "server_args = ext" \
	"log_type = FILE $T/$1.sess.log" "log_on_success = PID HOST EXIT")
# USERID keeps echo-s in a forked child (the identd look-up is the
# child's): how that child is stopped is what is tested.
$(xt_svc echo "$3" "type = INTERNAL UNLISTED" "id = echo-s" "log_type = FILE $T/$1.echo.log" \
	"log_on_success = PID HOST EXIT USERID")
EOF
}

# sess_read FD : one line into SESS_LINE; SESS_RC = read's status
# (0 line, 1 EOF, >128 timeout)
sess_read() {
	SESS_LINE=''
	read -r -t 5 -u "$1" SESS_LINE
	SESS_RC=$?
}
# open_sessions ECHO_LOG SESS_PORT ECHO_PORT : an external session (S_FD,
# S_PID) and an internal echo session (E_FD, E_PID)
open_sessions() {
	exec {S_FD}<>"/dev/tcp/127.0.0.1/$2"
	sess_read "$S_FD"
	S_PID=${SESS_LINE##* }
	like "$SESS_LINE" '^READY ext [0-9]+$' "external session started"
	exec {E_FD}<>"/dev/tcp/127.0.0.1/$3"
	printf 'one\n' >&"$E_FD"
	sess_read "$E_FD"
	is "$SESS_LINE" one "internal echo session started"
	xt_log_wait ': START: echo-s pid=[0-9]+' 5 "$1" >/dev/null
	E_PID=$(sed -nE 's/.*START: echo-s pid=([0-9]+).*/\1/p' "$1" | tail -n1)
	remember "$S_PID" "${E_PID:-}"
}
# no_pending PID : the process has no pending (unhandled) signal
no_pending() {
	local end
	end=$(xt_deadline 5)
	while xt_before "$end"; do
		if ! grep -Eq '^(SigPnd|ShdPnd):[[:space:]]*0*[1-9a-f]' "/proc/$1/status" 2>/dev/null; then
			return 0
		fi
		xt_sleep_ms 20
	done
	return 1
}

conf=$(mkconf a.conf "$P_SESS" "$P_ECHO")
xt_start_ok "$conf"
open_sessions "$T/a.conf.echo.log" "$P_SESS" "$P_ECHO"

# --- SIGUSR1 -------------------------------------------------------------
if ! xt_is_root; then
	skip "SIGUSR1 writes /var/run/xinetd.dump: needs root" 10
else
	if [ -e "$DUMP" ]; then
		cp -p "$DUMP" "$T/dump.saved" || BAIL_OUT "cannot save $DUMP"
		DUMP_SAVED=$T/dump.saved
	else
		DUMP_SAVED=absent
	fi
	rm -f "$DUMP"
	kill -USR1 "$XT_PID"
	ok "SIGUSR1: INFO 'generated state dump in file /var/run/xinetd.dump'" \
		xt_log_wait "${XT_RE_PROG}INFO: generated state dump in file /var/run/xinetd\\.dump\$" 5
	ok "SIGUSR1: the dump file exists" test -f "$DUMP"
	is "$(stat -c %a "$DUMP" 2>/dev/null)" 644 "dump file mode 0644"
	dump=$(cat "$DUMP" 2>/dev/null)
	like "$dump" '^INTERNAL STATE DUMP: ' "dump starts with 'INTERNAL STATE DUMP:'"
	like "$dump" $'\nService = sess\n' "dump lists 'Service = sess'"
	like "$dump" $'\nService = echo\n' "dump lists 'Service = echo'"
	# the section of sess: from its "Service =" line to the next one
	sect=$(awk '/^Service = /{on = ($0 == "Service = sess")} on' "$DUMP")
	like "$sect" $'\n[[:space:]]*running servers = 1\n' "sess section: 'running servers = 1' (the open session)"
	like "$dump" $'\nEND OF DUMP$' "dump ends with 'END OF DUMP'"
	kill -USR1 "$XT_PID"
	ok "second SIGUSR1 logged" xt_log_wait_n 2 'generated state dump in file' 5
	is "$(grep -c '^INTERNAL STATE DUMP: ' "$DUMP")/$(grep -c '^END OF DUMP$' "$DUMP")" "2/2" \
		"second SIGUSR1 appended a second dump"
fi

# --- SIGINT and SIGALRM are ignored ---------------------------------------
kill -INT "$XT_PID"
kill -ALRM "$XT_PID"
ok "SIGINT and SIGALRM handled (none pending)" no_pending "$XT_PID"
ok "SIGINT, SIGALRM: daemon still running" xt_alive
xt_tcp got 127.0.0.1 "$P_ECHO" -s 'still\n' -e
is "$got" $'still\n' "SIGINT, SIGALRM: still serving"

# --- SIGTERM ---------------------------------------------------------------
kill -TERM "$XT_PID"
ok "SIGTERM: daemon exits" xt_wait_exit "$XT_H" 10
is "$XT_EXIT" 0 "SIGTERM: exit status 0"
ok "SIGTERM: WARNING 'Sending signal 15 to echo-s server $E_PID'" \
	xt_log_wait "${XT_RE_PROG}WARNING: Sending signal 15 to echo-s server ${E_PID:-x}\$" 1
is "$(xt_log_count 'Sending signal [0-9]+ to sess server')" 0 "SIGTERM: the external server is not signalled"
nok "SIGTERM: pidfile removed" test -e "$XT_PIDFILE"
if xt_oracle; then
	# 2.3.15.3's forked builtins keep xinetd's handlers: SIGTERM does not end them
	skip "xinetd's forked echo survives the SIGTERM (XT_ORACLE=1)"
else
	sess_read "$E_FD"
	is "$SESS_RC/$SESS_LINE" "1/" "SIGTERM: the forked echo's session ended (EOF)"
fi
exec {E_FD}>&-
ok "SIGTERM: the external server keeps running" kill -0 "$S_PID"
printf 'after term\n' >&"$S_FD"
sess_read "$S_FD"
is "$SESS_LINE" "ECHO ext after term" "SIGTERM: the external session still works"
exec {S_FD}>&-

# --- SIGQUIT ---------------------------------------------------------------
conf2=$(mkconf b.conf "$P_SESS2" "$P_ECHO2")
ok "daemon 2 starts" xt_start "$conf2" || BAIL_OUT "daemon 2 did not start"
open_sessions "$T/b.conf.echo.log" "$P_SESS2" "$P_ECHO2"
kill -QUIT "$XT_PID"
ok "SIGQUIT: daemon exits" xt_wait_exit "$XT_H" 10
is "$XT_EXIT" 0 "SIGQUIT: exit status 0"
ok "SIGQUIT: WARNING 'Exiting...'" xt_log_wait "${XT_RE_PROG}WARNING: Exiting\\.\\.\\.\$" 1
is "$(xt_log_count 'Sending signal')" 0 "SIGQUIT: no server is signalled"
nok "SIGQUIT: pidfile removed" test -e "$XT_PIDFILE"
printf 'two\n' >&"$E_FD"
sess_read "$E_FD"
is "$SESS_LINE" two "SIGQUIT: the forked echo keeps serving its session"
exec {E_FD}>&-
printf 'after quit\n' >&"$S_FD"
sess_read "$S_FD"
is "$SESS_LINE" "ECHO ext after quit" "SIGQUIT: the external session still works"
exec {S_FD}>&-
xt_tcp got 127.0.0.1 "$P_ECHO2" -t 2
is "$XT_RC" 2 "SIGQUIT: the listening ports are closed"

xt_check_clean
done_testing
