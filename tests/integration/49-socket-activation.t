#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 49-socket-activation: sockets passed by systemd (LISTEN_FDS), with
# systemd-socket-activate, which listens, waits for the first client and
# then execs the daemon with the sockets:
#  - by address: two passed sockets adopted by the services bound there,
#    the first client (the one that started the daemon) served, one
#    socket on each port (no second bind), a third passed socket logged
#    as claimed by no service, servers get neither the passed descriptor
#    nor LISTEN_*; SIGHUP keeps the passed socket; a reload that removes
#    the service leaves it open and unwatched (a client waits in its
#    queue), and a reload that brings the service back adopts it again
#    and serves that client; a cps suspension keeps the socket open and
#    then serves the client that waited;
#  - by name (--fdname): "ID" and "ID.socket" adopted whatever the
#    address; a named socket of the wrong type is refused with a warning
#    and the service binds its own;
#  - a datagram socket: the first datagram is answered.
# Skipped without systemd-socket-activate or built --without-systemd.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup
xt_oracle && skip_all "xinetd has no socket activation"
"$XINETD" -version 2>&1 | grep -qw systemd || skip_all "built --without-systemd"
SSA=$(command -v systemd-socket-activate) || skip_all "no systemd-socket-activate (package systemd)"
command -v ss >/dev/null || skip_all "no ss (package iproute2)"

# Ports are drawn right before each part: the tests run concurrently.
read -r P1 P2 P3 P4 <<<"$(xt_ports 4 | tr '\n' ' ')"
ME=$(xt_user)
probe=$(xt_install_probe)

# first_client OUT PROTO PORT [ARGS...] : in the background, try until the
# socket systemd-socket-activate listens on takes the request (it refuses
# until then), then keep what came back in $T/OUT.
first_client() {
	local out=$1 proto=$2 port=$3
	shift 3
	(
		end=$(xt_deadline 10)
		while xt_before "$end"; do
			"$XT_NET" "$proto" 127.0.0.1 "$port" "$@" >"$T/$out" 2>/dev/null
			[ $? -ne 2 ] && exit 0
			xt_sleep_ms 50
		done
	) &
	FIRST=$!
}

# The inode of the socket listening on 127.0.0.1:PORT (TCP), from ss.
listen_ino() {
	ss -Hltne "sport = :$1" | sed -n 's/.* ino:\([0-9]*\).*/\1/p'
}

# The inode of the daemon's descriptor N.
fd_ino() {
	readlink "/proc/$XT_PID/fd/$1" 2>/dev/null | sed -n 's/^socket:\[\([0-9]*\)\]$/\1/p'
}

svc() { # NAME PORT SERVER ARGS [EXTRA LINES]
	cat <<EOF
service $1
{
	type        = UNLISTED
	socket_type = stream
	protocol    = tcp
	wait        = no
	bind        = 127.0.0.1
	port        = $2
	user        = $ME
	server      = $3
	server_args = $4
	$5
}
EOF
}

write_conf() { # with or without alpha
	{
		[ "$1" = with ] && svc alpha "$P1" "$probe" "alpha"
		svc beta "$P2" /bin/echo BETA "cps = 3 2"
		svc delta "$P4" /bin/echo DELTA
	} >"$T/xinetd.conf"
}

# --- by address ------------------------------------------------------------
write_conf with
first_client first.out tcp "$P1" -t 10
XT_START_PREFIX=("$SSA" -l "127.0.0.1:$P1" -l "127.0.0.1:$P2" -l "127.0.0.1:$P3")
ok "daemon started by systemd-socket-activate on the first connection" \
	xt_start "$T/xinetd.conf" -stayalive || BAIL_OUT "daemon did not start"
XT_START_PREFIX=()
wait "$FIRST"
first=$(cat "$T/first.out")
is "$(xt_kv "$first" end)" 1 "the first client, which started the daemon, is served"
is "$(xt_kv "$first" peer)" 127.0.0.1 "... by alpha's server, which sees the client"
is "$(xt_kv "$first" fds)" 0,1,2 "the server holds 0, 1 and 2 only (no passed socket)"
unlike "$first" $'(^|\n)env=(LISTEN_PID|LISTEN_FDS|LISTEN_FDNAMES)=' \
	"LISTEN_* do not reach the server"
ok "log: service alpha adopted socket 3" xt_log_wait \
	"${XT_RE_PROG}NOTICE: service alpha: adopted socket 3 \\(name unknown, stream 127\\.0\\.0\\.1:$P1\\) from systemd\$"
ok "log: service beta adopted socket 4" xt_log_wait \
	"${XT_RE_PROG}NOTICE: service beta: adopted socket 4 \\(name unknown, stream 127\\.0\\.0\\.1:$P2\\) from systemd\$"
ok "log: socket 5 is claimed by no service (WARNING)" xt_log_wait \
	"${XT_RE_PROG}WARNING: socket 5 \\(name unknown, stream 127\\.0\\.0\\.1:$P3\\) passed by systemd is claimed by no service; kept open, not watched\$"
is "$(xt_log_count 'bind failed')" 0 "no bind was tried on a passed socket's port"
is "$(ss -Hltn "sport = :$P1" | wc -l)/$(ss -Hltn "sport = :$P2" | wc -l)" 1/1 \
	"one listening socket on each passed port"
ino1=$(listen_ino "$P1")
is "$(fd_ino 3)" "$ino1" "the daemon's descriptor 3 is the socket listening on alpha's port"
xt_tcp got 127.0.0.1 "$P2"
is "$got" $'BETA\n' "beta answers on its passed socket"
xt_tcp got 127.0.0.1 "$P4"
is "$got" $'DELTA\n' "delta, not passed, answers on its own socket"

# --- reloads ---------------------------------------------------------------
kill -HUP "$XT_PID"
ok "SIGHUP: reconfigured" xt_log_wait_n 1 'Reconfigured: new=0 old=3 dropped=0'
is "$(listen_ino "$P1")/$(fd_ino 3)" "$ino1/$ino1" "SIGHUP keeps the passed socket"
xt_tcp got 127.0.0.1 "$P1"
is "$(xt_kv "$got" end)" 1 "alpha is served after SIGHUP"
is "$(xt_log_count 'adopted socket')" 2 "no new adoption on a reload that keeps the service"

write_conf without
kill -HUP "$XT_PID"
ok "a reload without alpha: service alpha deactivated" xt_log_wait 'NOTICE: service alpha deactivated$'
ok "... and socket 3 is claimed by no service again" xt_log_wait_n 1 \
	"WARNING: socket 3 \\(name unknown, stream 127\\.0\\.0\\.1:$P1\\) passed by systemd is claimed by no service"
is "$(listen_ino "$P1")/$(fd_ino 3)" "$ino1/$ino1" "the passed socket stays open and listening, unwatched"
"$XT_NET" tcp 127.0.0.1 "$P1" -t 10 >"$T/waiting.out" 2>&1 &
waiting=$!
xt_sleep_ms 500
is "$(wc -c <"$T/waiting.out")" 0 "a client of the removed service waits in the socket's queue"

write_conf with
kill -HUP "$XT_PID"
ok "a reload that brings alpha back adopts socket 3 again" xt_log_wait_n 2 \
	"NOTICE: service alpha: adopted socket 3 "
wait "$waiting"
is "$(xt_kv "$(cat "$T/waiting.out")" end)" 1 "... and serves the client that waited"
is "$(fd_ino 3)" "$ino1" "still the socket systemd passed"

# --- cps on an adopted socket ----------------------------------------------
ino2=$(listen_ino "$P2")
# Until it trips (4 in the first second of the window, more later in it,
# reference 4.7): no client is left waiting.
for ((i = 0; i < 20; i++)); do
	xt_tcp got 127.0.0.1 "$P2" -t 3
	[ "$(xt_log_count 'Deactivating service beta')" -gt 0 ] && break
done
ok "cps trips beta" xt_log_wait 'Deactivating service beta due to excessive incoming connections'
is "$(listen_ino "$P2")" "$ino2" "while suspended, beta's passed socket stays open"
xt_tcp got 127.0.0.1 "$P2" -t 8
is "$XT_RC/$got" $'0/BETA\n' "a client during the suspension waits and is served after it"
ok "beta was activated again" xt_log_wait 'ERROR: Activating service beta$'
is "$(listen_ino "$P2")" "$ino2" "the same socket, after the suspension"
is "$(xt_log_count 'bind failed')" 0 "still no bind on a passed port"
xt_check_clean
xt_stop

# --- by name ---------------------------------------------------------------
read -r Q1 Q2 Q3 <<<"$(xt_ports 3 | tr '\n' ' ')"
cat >"$T/named.conf" <<EOF
service named
{
	type        = UNLISTED
	socket_type = stream
	wait        = no
	port        = $Q1
	user        = $ME
	server      = /bin/echo
	server_args = NAMED
}
service other
{
	type        = UNLISTED
	socket_type = stream
	wait        = no
	port        = $Q2
	user        = $ME
	server      = /bin/echo
	server_args = OTHER
}
service echo
{
	type        = INTERNAL UNLISTED
	id          = dgsvc
	socket_type = dgram
	protocol    = udp
	wait        = yes
	bind        = 127.0.0.1
	port        = $Q3
}
EOF
first_client named.out tcp "$Q2" -t 10
XT_START_PREFIX=("$SSA" -l "127.0.0.1:$Q1" -l "127.0.0.1:$Q2" -l "127.0.0.1:$Q3" --fdname=NAMED:other.socket:dgsvc)
ok "daemon started with named sockets" xt_start "$T/named.conf" || BAIL_OUT "daemon did not start"
XT_START_PREFIX=()
wait "$FIRST"
is "$(cat "$T/named.out")" OTHER "the first client (on the second socket) is served"
ok "log: service named adopted socket 3 by its name (the case of ids is ignored)" xt_log_wait \
	"NOTICE: service named: adopted socket 3 \\(name NAMED, stream 127\\.0\\.0\\.1:$Q1\\) from systemd\$"
ok "log: service other adopted socket 4 named other.socket" xt_log_wait \
	"NOTICE: service other: adopted socket 4 \\(name other\\.socket, stream 127\\.0\\.0\\.1:$Q2\\) from systemd\$"
ok "log: a stream socket named for a datagram service is not adopted" xt_log_wait \
	"WARNING: service dgsvc: socket 5 \\(name dgsvc, stream 127\\.0\\.0\\.1:$Q3\\) passed by systemd does not suit the service; not adopted\$"
ok "... and it is claimed by no service" xt_log_wait \
	"WARNING: socket 5 \\(name dgsvc, stream 127\\.0\\.0\\.1:$Q3\\) passed by systemd is claimed by no service"
is "$(xt_log_count 'bind failed')" 0 "no bind failed (the wildcard services use the named sockets)"
xt_tcp got 127.0.0.1 "$Q1"
is "$got" $'NAMED\n' "named answers on its socket"
xt_udp got 127.0.0.1 "$Q3" -s ping
is "$got" ping "dgsvc bound its own datagram socket"
xt_check_clean
xt_stop

# --- a datagram socket -------------------------------------------------------
read -r U1 <<<"$(xt_ports 1)"
cat >"$T/dgram.conf" <<EOF
service echo
{
	type        = INTERNAL UNLISTED
	id          = echo-dgram
	socket_type = dgram
	protocol    = udp
	wait        = yes
	bind        = 127.0.0.1
	port        = $U1
}
EOF
first_client dgram.out udp "$U1" -s first -t 5
XT_START_PREFIX=("$SSA" -d -l "127.0.0.1:$U1")
ok "daemon started by the first datagram" xt_start "$T/dgram.conf" || BAIL_OUT "daemon did not start"
XT_START_PREFIX=()
wait "$FIRST"
ok "log: echo-dgram adopted the datagram socket" xt_log_wait \
	"NOTICE: service echo-dgram: adopted socket 3 \\(name unknown, dgram 127\\.0\\.0\\.1:$U1\\) from systemd\$"
xt_udp got 127.0.0.1 "$U1" -s again
is "$got" again "echo-dgram answers on the passed socket"
is "$(cat "$T/dgram.out")" first "the first datagram, which started the daemon, is answered"
xt_check_clean
xt_stop
done_testing
