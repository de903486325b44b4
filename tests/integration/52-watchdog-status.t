#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119,SC2016  # xt_tcp assigns by name; optional args; sh -c text
# 52-watchdog-status: with WATCHDOG_USEC (and WATCHDOG_PID ours), the
# daemon sends WATCHDOG=1 at half the interval from its event loop: about
# ten in two seconds at 400 ms, none while the daemon is stopped
# (SIGSTOP), again after SIGCONT; none when WATCHDOG_PID names another
# process. STATUS= tells the services active and the servers running,
# follows the count of servers at most once a second, and says so when a
# reload was rejected, until one succeeds. Servers get neither
# NOTIFY_SOCKET nor WATCHDOG_*. Skipped built --without-systemd.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup
xt_oracle && skip_all "xinetd has no sd_notify support"
"$XINETD" -version 2>&1 | grep -qw systemd || skip_all "built --without-systemd"

read -r P_PROBE P_SLEEP P_OTHER <<<"$(xt_ports 3 | tr '\n' ' ')"
ME=$(xt_user)
probe=$(xt_install_probe)

write_conf() { # [DEFAULTS LINE]
	cat >"$T/xinetd.conf" <<EOF
defaults
{
	$1
}
service probe
{
	type        = UNLISTED
	socket_type = stream
	wait        = no
	port        = $P_PROBE
	user        = $ME
	server      = $probe
}
service sleepy
{
	type        = UNLISTED
	socket_type = stream
	wait        = no
	port        = $P_SLEEP
	user        = $ME
	server      = /bin/sleep
	server_args = 3
}
EOF
}

# listen OUT : a notification socket $T/OUT.sock printing to $T/OUT
listen() {
	"$XT_NET" notify "$T/$1.sock" -t 80 >"$T/$1" 2>"$T/$1.err" &
	local end
	end=$(xt_deadline 5)
	while [ ! -S "$T/$1.sock" ] && xt_before "$end"; do xt_sleep_ms 20; done
}

pings() { grep -c '^WATCHDOG=1$' "$T/notify.out"; }
idle() { grep -c '^STATUS=2 services active, 0 servers running$' "$T/notify.out"; }
statuses() { grep -c '^STATUS=' "$T/notify.out"; }

write_conf
listen notify.out
ok "notification socket ready" test -S "$T/notify.out.sock"
# WATCHDOG_PID is the daemon's own pid: the shell's, which execs it.
XT_START_PREFIX=(sh -c 'WATCHDOG_PID=$$; export WATCHDOG_PID; exec "$@"' sh)
NOTIFY_SOCKET=$T/notify.out.sock WATCHDOG_USEC=400000 \
	ok "daemon starts" xt_start "$T/xinetd.conf" || BAIL_OUT "daemon did not start"
XT_START_PREFIX=()
ok "READY=1 with STATUS: services active, servers running" xt_log_wait \
	"^READY=1 MAINPID=$XT_PID STATUS=2 services active, 0 servers running\$" 5 "$T/notify.out"

# --- the watchdog ----------------------------------------------------------
xt_sleep_ms 300
c0=$(pings)
sleep 2
c1=$(pings)
n=$((c1 - c0))
diag "$n pings in 2 s"
ok "WATCHDOG=1 about every 200 ms ($n in 2 s, 5..15 accepted)" test "$n" -ge 5 -a "$n" -le 15

kill -STOP "$XT_PID"
xt_sleep_ms 200
s0=$(pings)
sleep 1.5
s1=$(pings)
is "$s1" "$s0" "no WATCHDOG=1 while the daemon is stopped (SIGSTOP)"
kill -CONT "$XT_PID"
ok "WATCHDOG=1 again after SIGCONT" xt_log_wait_n $((s1 + 2)) '^WATCHDOG=1$' 3 "$T/notify.out"

xt_tcp got 127.0.0.1 "$P_PROBE"
is "$(xt_kv "$got" end)" 1 "the probe server runs"
unlike "$got" $'(^|\n)env=(NOTIFY_SOCKET|WATCHDOG_USEC|WATCHDOG_PID)=' \
	"NOTIFY_SOCKET and WATCHDOG_* do not reach the server"

# --- STATUS follows the servers ----------------------------------------------
sleep 1.2 # the probe server's STATUS, if it lasted long enough for one
zero=$(idle)
before=$(statuses)
for i in 1 2 3 4; do xt_tcp got 127.0.0.1 "$P_SLEEP" -t 0.2; done
ok "STATUS=2 services active, 4 servers running" xt_log_wait \
	'^STATUS=2 services active, 4 servers running$' 4 "$T/notify.out"
sleep 1
burst=$(($(statuses) - before))
diag "$burst STATUS lines for the 4 servers"
ok "STATUS is rate-limited: at most 3 lines while 4 servers started ($burst)" test "$burst" -le 3
ok "STATUS=2 services active, 0 servers running once they exited" xt_log_wait_n $((zero + 1)) \
	'^STATUS=2 services active, 0 servers running$' 8 "$T/notify.out"

# --- rejected reloads ----------------------------------------------------------
write_conf "instances = bogus"
kill -HUP "$XT_PID"
ok "a rejected reload: READY=1 says so in STATUS" xt_log_wait \
	"^READY=1 MAINPID=$XT_PID STATUS=reload rejected: errors in the defaults section; 2 services active, 0 servers running\$" \
	5 "$T/notify.out"
xt_tcp got 127.0.0.1 "$P_SLEEP" -t 0.2
ok "later STATUS lines still say so" xt_log_wait \
	'^STATUS=reload rejected: errors in the defaults section; 2 services active, 1 server running$' 4 "$T/notify.out"
mv "$T/xinetd.conf" "$T/xinetd.conf.away"
kill -HUP "$XT_PID"
ok "a reload that cannot read the file: STATUS says so" xt_log_wait \
	"^READY=1 MAINPID=$XT_PID STATUS=reload rejected: the configuration file cannot be read; 2 services active, [01] servers? running\$" \
	5 "$T/notify.out"
write_conf
kill -HUP "$XT_PID"
ok "a reload that succeeds: plain STATUS again" xt_log_wait \
	"^READY=1 MAINPID=$XT_PID STATUS=2 services active, [01] servers? running\$" 5 "$T/notify.out"

# --- WATCHDOG_PID of another process ---------------------------------------
listen other.out
conf2=$(xt_conf other.conf <<EOF
service other
{
	type        = UNLISTED
	socket_type = stream
	wait        = no
	port        = $P_OTHER
	user        = $ME
	server      = /bin/true
}
EOF
)
NOTIFY_SOCKET=$T/other.out.sock WATCHDOG_USEC=100000 WATCHDOG_PID=1 \
	ok "a second daemon, WATCHDOG_PID=1" xt_start "$conf2" || BAIL_OUT "daemon did not start"
ok "it is READY" xt_log_wait "^READY=1 MAINPID=$XT_PID " 5 "$T/other.out"
sleep 1
is "$(grep -c '^WATCHDOG=1$' "$T/other.out")" 0 "no WATCHDOG=1 for a watchdog meant for another process"
xt_stop

xt_use 1
xt_stop
ok "STOPPING=1 at exit" xt_log_wait '^STOPPING=1$' 5 "$T/notify.out"
after=$(pings)
xt_sleep_ms 600
is "$(pings)" "$after" "no WATCHDOG=1 after exit"
xt_check_clean
done_testing
