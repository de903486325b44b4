#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 69-journal: when the journal's socket (/run/systemd/journal/socket)
# exists, the program log (on syslog) and the SYSLOG service logs go to it
# as native records: MESSAGE= the text syslog would get, PRIORITY=,
# SYSLOG_FACILITY=, SYSLOG_IDENTIFIER=xinetd, SYSLOG_PID= the writer's
# pid, and for service entries XINETD_SERVICE=, XINETD_EVENT= and the
# fields the entry's text carries: REMOTE_ADDR= and REMOTE_PORT=,
# XINETD_SERVER_PID=, XINETD_EXIT_STATUS= or XINETD_EXIT_SIGNAL=,
# XINETD_DURATION_USEC=, XINETD_FAIL_REASON=. Entries written by children
# (USERID, a child's FAIL, a failed exec) carry the child's pid, TRAFFIC
# of a session the daemon relays the daemon's;
# FILE logs are untouched. Once the socket is gone, a reload falls back
# to syslog(3) on /dev/log. The test runs in mount and network namespaces
# of its own (root): a tmpfs on /run holds a receiver at the journal's
# path, a tmpfs on /dev a receiver at /dev/log, and port 113 an identd.
# shellcheck source=tests/integration/lib.sh
if [ "$(id -u)" -eq 0 ] && [ -z "${XT_JOURNAL_NS:-}" ] &&
	unshare -m -n true 2>/dev/null; then
	exec unshare -m -n env XT_JOURNAL_NS=1 bash "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"
xt_setup
xt_oracle && skip_all "xinetd logs through syslog(3) only"
[ -n "${XT_JOURNAL_NS:-}" ] || skip_all "needs root and mount and network namespaces"
ip link set lo up 2>/dev/null || skip_all "no loopback in the namespace (ip from iproute2)"
mount -t tmpfs tmpfs /run 2>/dev/null || skip_all "cannot mount a tmpfs on /run"
mkdir -p /run/systemd/journal /run/xt-dev || BAIL_OUT "mkdir in /run"
# Outside $T: its removal must never walk into the real /dev.
mount --bind /dev /run/xt-dev || BAIL_OUT "cannot bind /dev"
mount -t tmpfs tmpfs /dev || BAIL_OUT "cannot mount a tmpfs on /dev"
for n in null zero full random urandom tty; do ln -s "/run/xt-dev/$n" "/dev/$n"; done
ln -s /proc/self/fd /dev/fd
ln -s "$T/devlog" /dev/log

read -r P_PROBE P_DENY P_KILL P_VANISH P_REDIR P_TARGET P_FILE <<<"$(xt_ports 7 | tr '\n' ' ')"
ME=$(xt_user)
probe=$(xt_install_probe)
printf '#!/bin/sh\nkill -KILL $$\n' >"$T/kill.sh"
printf '#!/bin/sh\necho VANISH\n' >"$T/vanish.sh"
chmod 755 "$T/kill.sh" "$T/vanish.sh"

"$XT_NET" journal /run/systemd/journal/socket -t 80 >"$T/journal.out" 2>"$T/journal.err" &
jpid=$!
"$XT_NET" notify "$T/devlog" -t 80 >"$T/devlog.out" 2>"$T/devlog.err" &
"$XT_NET" identd 127.0.0.1 113 -c 4 -t 80 -u jtester >"$T/identd.out" 2>&1 &
"$XT_NET" serve 127.0.0.1 "$P_TARGET" -c 1 -t 60 -s 'TARGET\n' >"$T/target.out" 2>&1 &
end=$(xt_deadline 5)
while { [ ! -S /run/systemd/journal/socket ] || [ ! -S "$T/devlog" ]; } && xt_before "$end"; do
	xt_sleep_ms 20
done
ok "receivers at the journal's socket and at /dev/log" test -S /run/systemd/journal/socket -a -S "$T/devlog"

svc() { # NAME PORT LINES...
	local name=$1 port=$2
	shift 2
	printf 'service %s\n{\n\ttype = UNLISTED\n\tsocket_type = stream\n\twait = no\n' "$name"
	printf '\tbind = 127.0.0.1\n\tport = %s\n\tuser = %s\n' "$port" "$ME"
	printf '\t%s\n' "$@"
	printf '}\n'
}
{
	svc jprobe "$P_PROBE" "server = $probe" "server_args = --exit 3" \
		"log_type = SYSLOG daemon info" \
		"log_on_success = PID HOST EXIT DURATION USERID" "log_on_failure = HOST"
	svc jdeny "$P_DENY" "server = /bin/echo" "no_access = localhost" \
		"log_type = SYSLOG authpriv warning" "log_on_failure = HOST"
	svc jkill "$P_KILL" "server = $T/kill.sh" "log_type = SYSLOG local5 notice" \
		"log_on_success = PID EXIT"
	svc jvanish "$P_VANISH" "server = $T/vanish.sh" "log_type = SYSLOG daemon info" \
		"log_on_success = PID"
	svc jredir "$P_REDIR" "redirect = 127.0.0.1 $P_TARGET" \
		"log_type = SYSLOG daemon info" "log_on_success = TRAFFIC"
	svc jfile "$P_FILE" "server = /bin/echo" "server_args = FILE" \
		"log_type = FILE $T/jfile.log" "log_on_success = PID HOST"
} >"$T/xinetd.conf"

# The program log goes to syslog here, so xt_start's -filelog cannot be
# used: the daemon is entered in lib.sh's table by hand.
XT_NDAEMONS=1
XT_D_LOG[1]=$T/xinetd.log
XT_D_PIDFILE[1]=$T/xinetd.pid
XT_D_OUT[1]=$T/xinetd.stdout
XT_D_ERR[1]=$T/xinetd.stderr
XT_D_EXIT[1]=''
"$XINETD" -dontfork -syslog local3 -f "$T/xinetd.conf" -pidfile "$T/xinetd.pid" \
	>"$T/xinetd.stdout" 2>"$T/xinetd.stderr" </dev/null &
XT_D_PID[1]=$!
xt_use 1

# record ERE : the first record whose MESSAGE matches ERE, one field a line
record() {
	awk -v RS= -v re="$1" '{
		n = split($0, l, "\n")
		for (i = 1; i <= n; i++)
			if (l[i] ~ /^MESSAGE=/ && substr(l[i], 9) ~ re) { print; exit }
	}' "$T/journal.out"
}
# wait_record VAR ERE [SEC] : wait for that record, store it in VAR
wait_record() {
	local __v=$1 re=$2 end __r
	end=$(xt_deadline "${3:-5}")
	while __r=$(record "$re"); [ -z "$__r" ] && xt_before "$end"; do xt_sleep_ms 25; done
	printf -v "$__v" '%s' "$__r"
	[ -n "$__r" ] || { diag "no record with MESSAGE matching /$re/"; diag_file "$T/journal.out" 30; return 1; }
}
field() { sed -n "s/^$2=//p" <<<"$1" | head -n 1; }
keys() { sed 's/=.*//' <<<"$1" | sort | tr '\n' ' '; }
base_keys='MESSAGE PRIORITY SYSLOG_FACILITY SYSLOG_IDENTIFIER SYSLOG_PID'
sorted() { tr ' ' '\n' <<<"$*" | sed '/^$/d' | sort | tr '\n' ' '; }

ok "the daemon starts: 'Started working' in the journal" \
	wait_record r '^Started working: 6 available services$' 10 || BAIL_OUT "daemon did not start"

# --- the program log -------------------------------------------------------
is "$(keys "$r")" "$(sorted $base_keys)" "program log record: MESSAGE, PRIORITY, SYSLOG_FACILITY, SYSLOG_IDENTIFIER, SYSLOG_PID"
is "$(field "$r" PRIORITY)/$(field "$r" SYSLOG_FACILITY)" 5/19 "PRIORITY=5 (notice), SYSLOG_FACILITY=19 (-syslog local3)"
is "$(field "$r" SYSLOG_IDENTIFIER)" xinetd "SYSLOG_IDENTIFIER=xinetd"
is "$(field "$r" SYSLOG_PID)" "$XT_PID" "SYSLOG_PID is the daemon's"
wait_record r '^xinetd-ng .* started with .* options compiled in\.$' 1
is "$(field "$r" PRIORITY)" 5 "the start banner is a record too"

# --- START, USERID and EXIT ------------------------------------------------
xt_tcp got 127.0.0.1 "$P_PROBE"
is "$XT_RC/$(xt_kv "$got" end)" 0/1 "jprobe serves"
cport=$(xt_kv "$got" peer_port)
ok "START record" wait_record r '^START: jprobe pid=[0-9]+ from=127\.0\.0\.1$'
spid=$(field "$r" MESSAGE | sed 's/.* pid=\([0-9]*\) .*/\1/')
is "$(keys "$r")" "$(sorted $base_keys XINETD_SERVICE XINETD_EVENT REMOTE_ADDR REMOTE_PORT XINETD_SERVER_PID)" \
	"START: the service, event, remote address and port, server pid"
is "$(field "$r" XINETD_SERVICE)/$(field "$r" XINETD_EVENT)" jprobe/START "XINETD_SERVICE=jprobe XINETD_EVENT=START"
is "$(field "$r" REMOTE_ADDR)/$(field "$r" REMOTE_PORT)" "127.0.0.1/$cport" "REMOTE_ADDR and REMOTE_PORT are the client's (as the server saw it)"
is "$(field "$r" XINETD_SERVER_PID)" "$spid" "XINETD_SERVER_PID is pid= of the text"
is "$(field "$r" PRIORITY)/$(field "$r" SYSLOG_FACILITY)/$(field "$r" SYSLOG_PID)" "6/3/$XT_PID" \
	"PRIORITY=6 SYSLOG_FACILITY=3 (log_type = SYSLOG daemon info), written by the daemon"

ok "USERID record" wait_record r '^USERID: jprobe UNIX : jtester$'
is "$(keys "$r")" "$(sorted $base_keys XINETD_SERVICE XINETD_EVENT)" "USERID: the service and the event"
is "$(field "$r" XINETD_EVENT)/$(field "$r" SYSLOG_PID)" "USERID/$spid" "XINETD_EVENT=USERID, written by the server's process before exec"

ok "EXIT record" wait_record r "^EXIT: jprobe status=3 pid=$spid duration=[0-9]+\\(sec\\)\$"
is "$(keys "$r")" "$(sorted $base_keys XINETD_SERVICE XINETD_EVENT REMOTE_ADDR XINETD_SERVER_PID XINETD_EXIT_STATUS XINETD_DURATION_USEC)" \
	"EXIT: the service, event, address, server pid, exit status, duration"
is "$(field "$r" XINETD_EVENT)/$(field "$r" XINETD_EXIT_STATUS)/$(field "$r" XINETD_SERVER_PID)" "EXIT/3/$spid" \
	"XINETD_EXIT_STATUS=3 XINETD_SERVER_PID=$spid"
like "$(field "$r" XINETD_DURATION_USEC)" '^[0-9]{1,7}$' "XINETD_DURATION_USEC in microseconds (under 10 s)"
is "$(field "$r" REMOTE_ADDR)" 127.0.0.1 "REMOTE_ADDR on EXIT"

# --- FAIL from a child, EXIT by a signal -----------------------------------
xt_tcp got 127.0.0.1 "$P_DENY"
ok "FAIL record" wait_record r '^FAIL: jdeny address from=127\.0\.0\.1$'
is "$(keys "$r")" "$(sorted $base_keys XINETD_SERVICE XINETD_EVENT REMOTE_ADDR REMOTE_PORT XINETD_FAIL_REASON)" \
	"FAIL: the service, event, address and port, reason"
is "$(field "$r" XINETD_EVENT)/$(field "$r" XINETD_FAIL_REASON)/$(field "$r" REMOTE_ADDR)" FAIL/address/127.0.0.1 \
	"XINETD_FAIL_REASON=address"
like "$(field "$r" REMOTE_PORT)" '^[1-9][0-9]*$' "REMOTE_PORT is a port"
is "$(field "$r" PRIORITY)/$(field "$r" SYSLOG_FACILITY)" 4/10 "PRIORITY=4 SYSLOG_FACILITY=10 (SYSLOG authpriv warning)"
is "$(field "$r" SYSLOG_PID)" "$XT_PID" "written by the daemon, on the access checker's verdict"

xt_tcp got 127.0.0.1 "$P_KILL"
ok "EXIT by a signal" wait_record r '^EXIT: jkill signal=9 pid=[0-9]+$'
is "$(field "$r" XINETD_EXIT_SIGNAL)/$(field "$r" XINETD_EXIT_STATUS)" 9/ "XINETD_EXIT_SIGNAL=9, no XINETD_EXIT_STATUS"
is "$(field "$r" PRIORITY)/$(field "$r" SYSLOG_FACILITY)" 5/21 "PRIORITY=5 SYSLOG_FACILITY=21 (local5 notice)"

# --- the program log from a child, TRAFFIC ---------------------------------
rm "$T/vanish.sh"
xt_tcp got 127.0.0.1 "$P_VANISH"
ok "START of jvanish" wait_record r '^START: jvanish pid=[0-9]+$'
vpid=$(field "$r" XINETD_SERVER_PID)
ok "the failed exec, in the program log" wait_record r "^execv\\( $T/vanish\\.sh \\) failed: No such file or directory \\(errno = 2\\)\$"
is "$(field "$r" PRIORITY)/$(field "$r" SYSLOG_FACILITY)/$(field "$r" SYSLOG_PID)" "3/19/$vpid" \
	"PRIORITY=3, SYSLOG_FACILITY=19, SYSLOG_PID the server's (not the daemon's)"
is "$(field "$r" XINETD_SERVICE)" "" "no service fields in program log records"

xt_tcp got 127.0.0.1 "$P_REDIR" -s $'hi\n'
is "$got" $'TARGET\n' "jredir forwards"
ok "TRAFFIC record" wait_record r '^TRAFFIC: jredir in=3\(bytes\) out=7\(bytes\)$'
is "$(field "$r" XINETD_SERVICE)/$(field "$r" XINETD_EVENT)" jredir/TRAFFIC "XINETD_EVENT=TRAFFIC"
is "$(field "$r" SYSLOG_PID)" "$XT_PID" "written by the daemon, which relayed the session"

xt_tcp got 127.0.0.1 "$P_FILE"
ok "a FILE service log still gets its lines" xt_log_wait "${XT_RE_SVC}START: jfile pid=[0-9]+ from=127\\.0\\.0\\.1\$" 5 "$T/jfile.log"
is "$(grep -c '^XINETD_SERVICE=jfile$' "$T/journal.out")" 0 "... and the journal none of them"
is "$(grep -c '^XT_MALFORMED=' "$T/journal.out")" 0 "every record is well formed"
is "$(wc -l <"$T/devlog.out")" 0 "nothing went to /dev/log while the journal was there"

# --- no journal: syslog(3) -------------------------------------------------
kill "$jpid"
wait "$jpid" 2>/dev/null
rm -f /run/systemd/journal/socket
kill -HUP "$XT_PID"
ok "after a reload without the journal's socket, the program log goes to /dev/log" \
	xt_log_wait "^<157>[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} xinetd\\[$XT_PID\\]: Starting reconfiguration\$" 5 "$T/devlog.out"
xt_tcp got 127.0.0.1 "$P_PROBE"
ok "... and the service log: START on /dev/log, daemon.info" \
	xt_log_wait "^<30>[A-Z][a-z]{2} [ 0-9][0-9] [0-9:]{8} xinetd\\[$XT_PID\\]: START: jprobe pid=[0-9]+ from=127\\.0\\.0\\.1\$" 5 "$T/devlog.out"
ok "EXIT too" xt_log_wait "xinetd\\[$XT_PID\\]: EXIT: jprobe status=3 pid=[0-9]+ duration=[0-9]+\\(sec\\)\$" 5 "$T/devlog.out"

xt_stop
ok "Exiting... on /dev/log" xt_log_wait "^<156>.* xinetd\\[$XT_PID\\]: Exiting\\.\\.\\.\$" 5 "$T/devlog.out"
xt_check_clean
done_testing
