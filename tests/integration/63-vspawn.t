#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154  # xt_tcp assigns by name
# 63-vspawn: servers started by clone(CLONE_VM | CLONE_VFORK) (vspawn.c)
# see exactly what a forked child would have given them (reference 4.4,
# 4.5): the same configuration is served twice, by a daemon on the fast
# path and by one forced onto the fork path (XINETD_NG_SPAWN=fork), and
# xt-probe's reports (credentials, groups, umask, nice, limits, session,
# descriptors, signal mask and dispositions, argv, environment) must
# match. Also: -d says which path started each server; wait = yes stream
# and dgram servers; an exec failure is logged in the child's name with
# EXIT status=0; an address list of numbers is checked by the daemon, the
# server started by clone, a refused client logged START, FAIL, EXIT as a
# forked child's refusal is; with USERID the child still forks.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup

read -r P_FULL P_WAIT P_DGRAM P_MISS P_CHECK P_IDENT <<<"$(xt_ports 6 | tr '\n' ' ')"
probe=$(xt_install_probe)
# A server that exists at load time and is gone when a client comes.
printf '#!/bin/sh\n' >"$T/gone-server"
chmod 755 "$T/gone-server"
if xt_is_root; then
	USER_LINES="user = nobody
	group = $(id -gn nobody)
	groups = yes
	nice = 3"
else
	USER_LINES="user = $(xt_user)"
fi
conf=$(xt_conf xinetd.conf <<EOF
defaults
{
	log_type       = FILE $T/svc.log
	log_on_success = PID HOST EXIT
	log_on_failure = HOST
	cps            = 0 0
}

service full
{
	type         = UNLISTED
	socket_type  = stream
	wait         = no
	port         = $P_FULL
	flags        = NOLIBWRAP
	$USER_LINES
	umask        = 027
	rlimit_cpu   = 30
	rlimit_as    = 2048M
	rlimit_files = 200
	env          = XT_A=1 XT_B=two
	server       = $probe
	server_args  = one two
}

service waiter
{
	type        = UNLISTED
	socket_type = stream
	wait        = yes
	port        = $P_WAIT
	flags       = NOLIBWRAP
	user        = $(xt_user)
	server      = $probe
	server_args = --accept-loop 1
}

service dgram
{
	type        = UNLISTED
	socket_type = dgram
	protocol    = udp
	wait        = yes
	port        = $P_DGRAM
	flags       = NOLIBWRAP
	user        = $(xt_user)
	server      = $probe
	server_args = --udp-echo 1
}

service missing
{
	type        = UNLISTED
	socket_type = stream
	wait        = no
	port        = $P_MISS
	flags       = NOLIBWRAP
	user        = $(xt_user)
	server      = $T/gone-server
}

service userid
{
	type           = UNLISTED
	socket_type    = stream
	wait           = no
	port           = $P_IDENT
	flags          = NOLIBWRAP
	user           = $(xt_user)
	log_on_success = USERID
	server         = $probe
}

service checked
{
	type        = UNLISTED
	socket_type = stream
	wait        = no
	port        = $P_CHECK
	only_from   = 127.0.0.1
	flags       = NOLIBWRAP
	user        = $(xt_user)
	server      = $probe
}
EOF
)
# Lines that differ between any two connections.
# Lines that differ between any two connections, or the two daemons'
# own environments (the forced one has XINETD_NG_SPAWN, and env's _).
stable() { grep -Ev '^(peer_port|local_port|tmp|tmp_size)=|^env=(_|XINETD_NG_SPAWN)='; }

ok "fast-path daemon starts (-d)" xt_start "$conf" -d || BAIL_OUT "daemon did not start"
rm "$T/gone-server"
xt_tcp fast 127.0.0.1 "$P_FULL" -t 5
like "$fast" 'end=1' "fast path: the probe reports"
ok "fast path: started by clone" \
	xt_log_wait "${XT_RE_PROG}DEBUG: service full: server [0-9]+ started by clone\$" 2
xt_tcp got 127.0.0.1 "$P_WAIT" -t 5
like "$got" 'n=1 fd0=socket-stream-listening' "wait = yes stream server gets the listening socket and accepts (fast path)"
xt_udp got 127.0.0.1 "$P_DGRAM" -s ping -t 3
like "$got" 'ping' "dgram wait = yes server answers (fast path)"
xt_tcp got 127.0.0.1 "$P_MISS" -t 5
ok "exec failure: EXIT status=0" xt_log_wait ': EXIT: missing status=0 pid=[0-9]+$' 3 "$T/svc.log"
mpid=$(sed -n 's/.*START: missing pid=\([0-9]*\).*/\1/p' "$T/svc.log" | head -n 1)
ok "exec failure: ERROR 'execv( ... ) failed' in the child's name ($mpid)" \
	xt_log_wait "^[^ ]+ [^ []+\\[$mpid\\]: ERROR: execv\\( $(xt_re_quote "$T/gone-server") \\) failed: No such file or directory \\(errno = 2\\)\$" 2
xt_tcp got 127.0.0.1 "$P_CHECK" -t 5
like "$got" 'end=1' "a service with an address list of numbers is served"
ok "and started by clone (the list checked by the daemon)" \
	xt_log_wait "${XT_RE_PROG}DEBUG: service checked: server [0-9]+ started by clone\$" 2
xt_tcp got ::1 "$P_CHECK" -t 5
is "$got" "" "a client the list refuses gets nothing"
ok "refused: START, FAIL address, EXIT status=0 with one pid" \
	xt_log_wait ': EXIT: checked status=0 pid=[0-9]+$' 3 "$T/svc.log"
cpid=$(sed -n 's/.*START: checked pid=\([0-9]*\) from=::1$/\1/p' "$T/svc.log")
ok "refused: FAIL: checked address from=::1, EXIT with the START's pid ($cpid)" \
	sh -c "grep -q 'FAIL: checked address from=::1\$' '$T/svc.log' && grep -q 'EXIT: checked status=0 pid=$cpid\$' '$T/svc.log'"
xt_tcp got 127.0.0.1 "$P_IDENT" -t 5
like "$got" 'end=1' "a USERID service is served"
ok "a USERID service is forked (its identd look-up runs in the child)" \
	xt_log_wait "${XT_RE_PROG}DEBUG: service userid: server [0-9]+ started by fork\$" 2
xt_check_clean
xt_stop

: >"$T/svc.log"
XT_START_PREFIX=(env XINETD_NG_SPAWN=fork)
printf '#!/bin/sh\n' >"$T/gone-server"
chmod 755 "$T/gone-server"
ok "fork-path daemon starts (XINETD_NG_SPAWN=fork)" xt_start "$conf" -d ||
	BAIL_OUT "daemon did not start"
rm "$T/gone-server"
XT_START_PREFIX=()
xt_tcp slow 127.0.0.1 "$P_FULL" -t 5
ok "forced: started by fork" \
	xt_log_wait "${XT_RE_PROG}DEBUG: service full: server [0-9]+ started by fork\$" 2
is "$(stable <<<"$fast")" "$(stable <<<"$slow")" \
	"the fast path's server sees exactly what a forked one sees"
xt_tcp got 127.0.0.1 "$P_MISS" -t 5
ok "forced: exec failure logged the same way" \
	xt_log_wait "ERROR: execv\\( $(xt_re_quote "$T/gone-server") \\) failed: No such file or directory \\(errno = 2\\)\$" 3
xt_check_clean
xt_stop
done_testing
