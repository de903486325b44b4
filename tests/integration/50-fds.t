#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 50-fds: the process state an exec'd stream wait=no server starts with
# (reference 4.4, 4.5, 12 #34): exactly fds 0,1,2, all the connected socket;
# empty signal mask and no ignored signals; cwd /; its own session; argv[0] =
# basename(server) + server_args; REMOTE_HOST; umask = launch umask | 022;
# RLIMIT_NOFILE soft = hard = the daemon's hard limit.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup P

conf=$(xt_svc probe "$P" "server = $XT_PROBE" "server_args = one two" | xt_conf xinetd.conf)

# Extra descriptors in the launching shell: a leak would show up as fds 7/8
# (or as any other number) in the server.
exec 7</dev/null 8>"$T/x"
hard_nofile=$(ulimit -Hn)
saved_umask=$(umask)
umask 000
ulimit -Sn 512 2>/dev/null
# systemd socket-activation / notification variables must not reach servers
NOTIFY_SOCKET=/nonexistent LISTEN_FDS=3 LISTEN_PID=1 LISTEN_FDNAMES=x XT_MARKER=present \
	xt_start "$conf"
started=$?
umask "$saved_umask"
ulimit -Sn "$hard_nofile" 2>/dev/null
exec 7<&- 8>&-
is "$started" 0 "daemon starts (with fds 7 and 8 open, umask 000, soft NOFILE 512)" ||
	BAIL_OUT "daemon did not start"

# env lines of a report, sorted
envs() { grep '^env=' <<<"$1" | sort; }

xt_tcp rep 127.0.0.1 "$P"
is "$XT_RC" 0 "IPv4 client: server ran and closed the connection"
is "$(xt_kv "$rep" end)" 1 "complete report received"
is "$(xt_kv "$rep" argc)" 3 "argc = 3"
is "$(xt_kv "$rep" argv)" "$(basename "$XT_PROBE") one two" "argv = basename(server) + server_args"
is "$(xt_kv "$rep" fds)" "0,1,2" "exactly fds 0, 1, 2 are open"
is "$(xt_kv "$rep" fd0)" socket-stream-connected "fd 0 is the connected socket"
is "$(xt_kv "$rep" fd1)" socket-stream-connected "fd 1 is the connected socket"
is "$(xt_kv "$rep" fd2)" socket-stream-connected "fd 2 is the connected socket"
is "$(xt_kv "$rep" sigmask)" 0000000000000000 "no blocked signals"
is "$(xt_kv "$rep" sigign)" 0000000000000000 "no ignored signals"
is "$(xt_kv "$rep" cwd)" / "cwd is /"
is "$(xt_kv "$rep" sid_is_self)" 1 "server leads its own session"
is "$(xt_kv "$rep" pgid_is_self)" 1 "server leads its own process group"
is "$(xt_kv "$rep" uid)" "$(id -u)" "uid is the configured user's"
is "$(xt_kv "$rep" umask)" 0022 "umask = launch umask (000) | 022"
is "$(xt_kv "$rep" rlimit_nofile)" "$hard_nofile:$hard_nofile" \
	"RLIMIT_NOFILE soft = hard = the daemon's hard limit"
# xinetd turns an accepted v4-mapped connection into an AF_INET socket
# (setsockopt IPV6_ADDRFORM), so servers see a plain IPv4 peer, while
# REMOTE_HOST and the logs keep the ::ffff: form. Kernels from 6.18 on
# refuse IPV6_ADDRFORM: there the server keeps the v4-mapped IPv6 socket,
# and the daemon says so once.
if addrform=$("$XT_NET" addrform); then
	is "$(xt_kv "$rep" peer_family)/$(xt_kv "$rep" peer)" "inet/127.0.0.1" \
		"IPv4 client on the dual-stack socket: fd 0 is an AF_INET socket, peer 127.0.0.1"
else
	skip "IPv4 client seen as AF_INET: this kernel refuses IPV6_ADDRFORM ($addrform)"
	is "$(xt_kv "$rep" peer_family)/$(xt_kv "$rep" peer)" "inet6/::ffff:127.0.0.1" \
		"without IPV6_ADDRFORM: fd 0 stays AF_INET6, peer ::ffff:127.0.0.1"
	ok "without IPV6_ADDRFORM: the daemon logs it once" \
		xt_log_wait "${XT_RE_PROG}INFO: the kernel cannot turn IPv4 connections of dual-stack sockets into AF_INET sockets \\(IPV6_ADDRFORM: " 1
fi
e=$(envs "$rep")
is "$(grep -c '^env=REMOTE_HOST=' <<<"$e")" 1 "exactly one REMOTE_HOST"
is "$(grep '^env=REMOTE_HOST=' <<<"$e")" "env=REMOTE_HOST=::ffff:127.0.0.1" \
	"REMOTE_HOST=::ffff:127.0.0.1 for an IPv4 client"
is "$(grep '^env=XT_MARKER=' <<<"$e")" "env=XT_MARKER=present" \
	"the daemon's environment is passed on (no env/passenv configured)"
if xt_oracle; then
	skip "genuine xinetd passes systemd's variables through (XT_ORACLE=1)"
else
	is "$(grep -E '^env=(NOTIFY_SOCKET|LISTEN_FDS|LISTEN_PID|LISTEN_FDNAMES)=' <<<"$e")" "" \
		"NOTIFY_SOCKET and LISTEN_* do not reach the server"
fi

xt_tcp rep ::1 "$P"
is "$(xt_kv "$rep" end)" 1 "IPv6 client: complete report received"
is "$(xt_kv "$rep" fds)" "0,1,2" "IPv6 client: exactly fds 0, 1, 2"
is "$(xt_kv "$rep" peer_family)/$(xt_kv "$rep" peer)" "inet6/::1" "IPv6 client: AF_INET6 socket, peer ::1"
is "$(envs "$rep" | grep '^env=REMOTE_HOST=')" "env=REMOTE_HOST=::1" "IPv6 client: REMOTE_HOST=::1"

ok "daemon still running" xt_alive
xt_check_clean
done_testing
