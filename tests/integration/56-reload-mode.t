#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# 56-reload-mode: a reload that moves a datagram builtin between "answered
# by a child" and "answered in the daemon" while a child holds the socket
# never leaves the service unwatched (reference 7.1). The child is kept
# busy by a hosts.allow "spawn" that sleeps (root: a private mount
# namespace holds our hosts.allow).
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup
xt_is_root || skip_all "needs root (private hosts.allow in a mount namespace)"
unshare -m --propagation private true 2>/dev/null || skip_all "needs unshare -m"
"$XINETD" -version 2>&1 | grep -q libwrap || skip_all "this build has no libwrap"

P=$(xt_ports 1)
printf 'echo : ALL : spawn (/bin/sleep 3)\n' >"$T/hosts.allow"
: >"$T/hosts.deny"
# conf [FLAGS]
conf() {
	xt_conf xinetd.conf <<EOF
service echo
{
	type        = INTERNAL UNLISTED
	id          = echo-udp
	socket_type = dgram
	protocol    = udp
	wait        = yes
	port        = $P
	log_type    = FILE $T/svc.log
	log_on_success = PID HOST EXIT
	${1:+flags = $1}
}
EOF
}
cf=$(conf)
# shellcheck disable=SC2016  # expanded by the inner sh
XT_START_PREFIX=(unshare -m --propagation private -- sh -c \
	'mount --bind "$1" /etc/hosts.allow && mount --bind "$2" /etc/hosts.deny && shift 2 && exec "$@"' \
	sh "$T/hosts.allow" "$T/hosts.deny")
ok "daemon starts" xt_start "$cf" || BAIL_OUT "daemon did not start"

# child -> daemon
"$XT_NET" udp 127.0.0.1 "$P" -s first -t 6 >"$T/first" 2>/dev/null &
first=$!
ok "a child holds the socket (START)" xt_log_wait ': START: echo-udp pid=[1-9]' 3 "$T/svc.log"
conf NOLIBWRAP >/dev/null
kill -HUP "$XT_PID"
ok "reload: NOLIBWRAP added" xt_log_wait "${XT_RE_PROG}NOTICE: Reconfigured: " 3
wait "$first"
is "$(cat "$T/first")" "first" "the child answered its datagram"
ok "the child exited" xt_log_wait ': EXIT: echo-udp ' 5 "$T/svc.log"
xt_udp got 127.0.0.1 "$P" -s second -t 2
is "$got" "second" "child -> daemon: the next datagram is answered by the daemon"

# daemon -> child
conf >/dev/null
kill -HUP "$XT_PID"
xt_log_wait_n 2 "${XT_RE_PROG}NOTICE: Reconfigured: " 3
xt_udp got 127.0.0.1 "$P" -s third -t 6
is "$got" "third" "daemon -> child: answered by a child again"
is "$(grep -c ': START: echo-udp pid=[1-9]' "$T/svc.log")" 2 "two children in all"
ok "daemon still running" xt_alive
xt_check_clean
xt_stop
done_testing
