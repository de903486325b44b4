#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 94-reload: SIGHUP reconfiguration (reference 7.1, 12 #81-#86):
#  - an unchanged service (same id, type, wait, protocol, socket_type, port)
#    keeps its listening socket (same inode) and its running session; new
#    settings (server_args) apply to new connections; its log file is
#    reopened (rotation works): "readjusting service keep";
#  - a removed external service: "Sending signal 9 to gone server PID",
#    "service gone deactivated", the session is cut, the port closed;
#    a removed internal one (echo stream) gets signal 15;
#  - a changed port: the old port closes, the new one serves; a new service
#    starts; "Reconfigured: new=N old=N dropped=N (services)";
#  - main config file missing: "reconfiguration failed", all keeps working;
#  - reload to a configuration without services under -dontfork: the daemon
#    keeps running with nothing listening.
# xinetd-ng only (skipped with XT_ORACLE=1):
#  - the killed server's EXIT shows signal=9 (xinetd: status=0, and later
#    "unknown child process ... died"); the internal echo's session really
#    ends, EXIT signal=15 (xinetd's forked builtin survives the SIGTERM);
#  - Reconfigured counts: new = started, old = kept, dropped = removed;
#  - a service whose new entry has an error (unknown user) keeps running with
#    its old settings: WARNING "service sticky: the new configuration of this
#    service has errors; the running one is kept" (xinetd drops it);
#  - a relative -f path still works on reload (xinetd fails to reopen it).
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup

# (ports that only a reload opens are picked just before that reload)
xt_port_vars P_KEEP P_GONE P_ECHO P_MOVE_A P_STICKY P_REL

session=$(xt_install_session) || BAIL_OUT "cannot write $T/session.sh"

# ext NAME PORT SERVER ARGS [LINE...] : an external UNLISTED service logging
# PID HOST EXIT to $T/NAME.log
ext() {
	local name=$1 port=$2 server=$3 args=$4
	shift 4
	xt_svc "$name" "$port" "server = $server" "server_args = $args" \
		"log_type = FILE $T/$name.log" "log_on_success = PID HOST EXIT" "$@"
}
echo_internal() {
	# USERID keeps this builtin in a forked child (the identd look-up is
	# the child's): how that child is stopped is what is tested.
	xt_svc echo "$P_ECHO" "type = INTERNAL UNLISTED" "id = echo-rm" \
		"log_type = FILE $T/echo-rm.log" "log_on_success = PID HOST EXIT USERID"
}

conf=$T/xinetd.conf
{
	ext keep "$P_KEEP" "$session" v1
	ext gone "$P_GONE" "$session" gone
	ext mover "$P_MOVE_A" /bin/echo MOVER
	ext sticky "$P_STICKY" /bin/echo STICKY1
	echo_internal
} >"$conf"

xt_start_ok "$conf"

# listen_ino PORT : inode of the TCP socket listening on PORT
listen_ino() {
	ss -Hltne "sport = :$1" 2>/dev/null | grep -o 'ino:[0-9]*' | head -n1
}
# daemon_listens PORT : the current daemon holds a socket listening on PORT
# (by inode, so a foreign process reusing a freed port does not count)
daemon_listens() {
	local ino l
	for ino in $(ss -Hltne "sport = :$1" 2>/dev/null | grep -o 'ino:[0-9]*'); do
		for l in /proc/"$XT_PID"/fd/*; do
			[ "$(readlink "$l" 2>/dev/null)" = "socket:[${ino#ino:}]" ] && return 0
		done
	done
	return 1
}
# closed PORT DESC : the daemon no longer listens on PORT, and a connection
# is refused unless some other process has taken the port meanwhile
closed() {
	if daemon_listens "$1"; then
		fail "$2"
		diag "the daemon (pid $XT_PID) still listens on port $1"
		return 1
	fi
	xt_tcp got 127.0.0.1 "$1" -t 2
	if [ "$XT_RC" -ne 2 ] && ss -Hltn "sport = :$1" | grep -q .; then
		pass "$2 (port since reused by another process)"
	else
		is "$XT_RC" 2 "$2"
	fi
}
# sess_open PORT : connect with bash's /dev/tcp; SESS_FD = the descriptor,
# SESS_LINE = the first line read (5 s at most)
sess_open() {
	exec {SESS_FD}<>"/dev/tcp/127.0.0.1/$1" || return 1
	read -r -t 5 -u "$SESS_FD" SESS_LINE
}
# sess_read FD : one line into SESS_LINE; SESS_RC = read's status
# (0 line, 1 EOF, >128 timeout)
sess_read() {
	SESS_LINE=''
	read -r -t 5 -u "$1" SESS_LINE
	SESS_RC=$?
}
# first_line PORT : the first line a connection to PORT gets, then close
first_line() {
	local fd line=''
	exec {fd}<>"/dev/tcp/127.0.0.1/$1" || return 1
	read -r -t 5 -u "$fd" line
	exec {fd}>&-
	printf '%s' "$line"
}

ino_before=$(listen_ino "$P_KEEP")
like "$ino_before" '^ino:[1-9][0-9]*$' "keep's listening socket found (ss)"
ok "the daemon's own listening socket on gone's port is found (by inode)" daemon_listens "$P_GONE"

sess_open "$P_KEEP"
K_FD=$SESS_FD
like "$SESS_LINE" '^READY v1 [0-9]+$' "session on keep started (server_args v1)"
sess_open "$P_GONE"
G_FD=$SESS_FD
like "$SESS_LINE" '^READY gone [0-9]+$' "session on gone started"
G_PID=${SESS_LINE##* }
exec {E_FD}<>"/dev/tcp/127.0.0.1/$P_ECHO"
printf 'ping\n' >&"$E_FD"
sess_read "$E_FD"
is "$SESS_LINE" ping "session on the internal echo-rm started"
xt_log_wait ': START: echo-rm pid=[0-9]+' 5 "$T/echo-rm.log"
E_PID=$(sed -nE 's/.*START: echo-rm pid=([0-9]+).*/\1/p' "$T/echo-rm.log" | head -n1)
xt_tcp got 127.0.0.1 "$P_STICKY"
is "$got" $'STICKY1\n' "sticky answers STICKY1"

# --- reload 1: keep changed args, gone and echo-rm removed, mover moved,
# sticky broken, fresh new; keep's log rotated first
mv "$T/keep.log" "$T/keep.log.1"
xt_port_vars P_MOVE_B P_FRESH
{
	ext keep "$P_KEEP" "$session" v2
	ext mover "$P_MOVE_B" /bin/echo MOVER
	ext sticky "$P_STICKY" /bin/echo STICKY2 "user = nosuchuser_xx"
	ext fresh "$P_FRESH" /bin/echo FRESH
} >"$conf"
kill -HUP "$XT_PID"
ok "reload 1: 'Reconfigured: ...' logged" xt_log_wait ': NOTICE: Reconfigured: ' 15
ok "reload 1: NOTICE 'Starting reconfiguration'" xt_log_wait "${XT_RE_PROG}NOTICE: Starting reconfiguration\$" 1
ok "reload 1: NOTICE 'readjusting service keep'" xt_log_wait "${XT_RE_PROG}NOTICE: readjusting service keep\$" 1
ok "reload 1: WARNING 'Sending signal 9 to gone server $G_PID'" \
	xt_log_wait "${XT_RE_PROG}WARNING: Sending signal 9 to gone server ${G_PID}\$" 1
ok "reload 1: NOTICE 'service gone deactivated'" xt_log_wait "${XT_RE_PROG}NOTICE: service gone deactivated\$" 1
ok "reload 1: WARNING 'Sending signal 15 to echo-rm server $E_PID' (internal service)" \
	xt_log_wait "${XT_RE_PROG}WARNING: Sending signal 15 to echo-rm server ${E_PID:-x}\$" 1
ok "reload 1: NOTICE 'service echo-rm deactivated'" xt_log_wait "${XT_RE_PROG}NOTICE: service echo-rm deactivated\$" 1
rec=$(xt_log_grep ': NOTICE: Reconfigured: ' | head -n1)
like "$rec" "${XT_RE_PROG}NOTICE: Reconfigured: new=[0-9]+ old=[0-9]+ dropped=[0-9]+ \\(services\\)\$" \
	"reload 1: 'Reconfigured: new=N old=N dropped=N (services)' format"
if xt_oracle; then
	skip "xinetd counts services differently in 'Reconfigured' (XT_ORACLE=1)"
else
	like "$rec" 'Reconfigured: new=2 old=2 dropped=3 \(services\)$' \
		"reload 1: new=2 (mover, fresh) old=2 (keep, sticky) dropped=3 (gone, echo-rm, old mover)"
fi

is "$(listen_ino "$P_KEEP")" "$ino_before" "keep: same listening socket (inode) after the reload"
printf 'still here\n' >&"$K_FD"
sess_read "$K_FD"
is "$SESS_LINE" "ECHO v1 still here" "keep: the running session continues across the reload"
exec {K_FD}>&-
like "$(first_line "$P_KEEP")" '^READY v2 [0-9]+$' "keep: a new connection gets the new server_args (v2)"
ok "keep: the reopened log file (after rotation) receives new entries" \
	xt_log_wait ': START: keep pid=' 5 "$T/keep.log"
is "$(grep -c ': START: keep ' "$T/keep.log.1")" 1 "keep: the rotated file kept the old START only"

sess_read "$G_FD"
is "$SESS_RC/$SESS_LINE" "1/" "gone: the running session was cut (EOF)"
exec {G_FD}>&-
ok "gone: EXIT logged for the killed server" xt_log_wait ": EXIT: gone .*pid=${G_PID}\$" 5 "$T/gone.log"
if xt_oracle; then
	skip "xinetd logs status=0 for a server killed on reload (XT_ORACLE=1)" 2
else
	like "$(grep ': EXIT: gone ' "$T/gone.log")" "${XT_RE_SVC}EXIT: gone signal=9 pid=${G_PID}\$" \
		"gone: EXIT signal=9 for the killed server"
	is "$(xt_log_count 'unknown child process')" 0 "no 'unknown child process' NOTICE"
fi
closed "$P_GONE" "gone: port closed"
if xt_oracle; then
	# 2.3.15.3's forked builtins keep xinetd's handlers: SIGTERM does not end them
	skip "xinetd's forked echo survives the SIGTERM (XT_ORACLE=1)" 2
else
	sess_read "$E_FD"
	is "$SESS_RC/$SESS_LINE" "1/" "echo-rm: the session was ended (EOF)"
	ok "echo-rm: EXIT signal=15 for the stopped server" \
		xt_log_wait "${XT_RE_SVC}EXIT: echo-rm signal=15 pid=${E_PID:-x}\$" 5 "$T/echo-rm.log"
fi
exec {E_FD}>&-
closed "$P_ECHO" "echo-rm: port closed"

closed "$P_MOVE_A" "mover: the old port is closed"
xt_tcp got 127.0.0.1 "$P_MOVE_B"
is "$got" $'MOVER\n' "mover: the new port serves"
xt_tcp got 127.0.0.1 "$P_FRESH"
is "$got" $'FRESH\n' "fresh: the new service serves"

if xt_oracle; then
	skip "xinetd drops a service whose new entry has errors (XT_ORACLE=1)" 2
else
	ok "sticky: WARNING 'service sticky: the new configuration of this service has errors; the running one is kept'" \
		xt_log_wait "${XT_RE_PROG}WARNING: service sticky: the new configuration of this service has errors; the running one is kept\$" 1
	xt_tcp got 127.0.0.1 "$P_STICKY"
	is "$got" $'STICKY1\n' "sticky: still served with the old settings (STICKY1)"
fi

# --- reload 2: the main configuration file is missing
mv "$conf" "$conf.away"
kill -HUP "$XT_PID"
ok "reload 2 (file missing): WARNING 'reconfiguration failed'" \
	xt_log_wait "${XT_RE_PROG}WARNING: reconfiguration failed\$" 10
is "$(xt_log_count ': NOTICE: Reconfigured: ')" 1 "reload 2: no 'Reconfigured' line"
like "$(first_line "$P_KEEP")" '^READY v2 [0-9]+$' "reload 2: keep still served"
xt_tcp got 127.0.0.1 "$P_FRESH"
is "$got" $'FRESH\n' "reload 2: fresh still served"
mv "$conf.away" "$conf"

# --- relative -f (second daemon), reloaded after the file changed
ext relsvc "$P_REL" /bin/echo REL1 >"$T/rel.conf"
cd "$T" || BAIL_OUT "cd $T"
xt_start rel.conf
started=$?
cd - >/dev/null || BAIL_OUT "cd back"
is "$started" 0 "daemon 2 starts with a relative -f path" || BAIL_OUT "daemon 2 did not start"
xt_tcp got 127.0.0.1 "$P_REL"
is "$got" $'REL1\n' "daemon 2 serves relsvc"
xt_port_vars P_REL2
{
	ext relsvc "$P_REL" /bin/echo REL2
	ext relnew "$P_REL2" /bin/echo RELNEW
} >"$T/rel.conf"
kill -HUP "$XT_PID"
ok "daemon 2: reload finished (Reconfigured or reconfiguration failed)" \
	xt_log_wait ': (NOTICE: Reconfigured: |WARNING: reconfiguration failed$)' 10
if xt_oracle; then
	skip "xinetd cannot reopen a relative -f path after chdir (XT_ORACLE=1)" 3
else
	is "$(xt_log_count 'reconfiguration failed')" 0 "daemon 2: a relative -f path is reloaded"
	xt_tcp got 127.0.0.1 "$P_REL"
	is "$got" $'REL2\n' "daemon 2: relsvc has the new settings"
	xt_tcp got 127.0.0.1 "$P_REL2"
	is "$got" $'RELNEW\n' "daemon 2: the new service serves"
fi
xt_stop
is "$XT_EXIT" 0 "daemon 2 stops with status 0"

# --- reload 3 (daemon 1): a configuration without services under -dontfork
xt_use 1
printf '# nothing here\n' >"$conf"
kill -HUP "$XT_PID"
ok "reload 3 (no services): reload finished" xt_log_wait_n 2 ': NOTICE: Reconfigured: ' 15
ok "reload 3: the daemon keeps running (-dontfork implies -stayalive)" xt_alive
is "$(xt_log_count 'No available services')" 0 "reload 3: no 'No available services. Exiting'"
closed "$P_KEEP" "reload 3: keep's port is closed"
closed "$P_FRESH" "reload 3: fresh's port is closed"
if xt_oracle; then
	skip "xinetd counts services differently in 'Reconfigured' (XT_ORACLE=1)"
else
	like "$(xt_log_grep ': NOTICE: Reconfigured: ' | tail -n1)" 'Reconfigured: new=0 old=0 dropped=4 \(services\)$' \
		"reload 3: new=0 old=0 dropped=4"
fi

xt_stop
is "$XT_EXIT" 0 "daemon 1 stops with status 0"
xt_check_clean
done_testing
