#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 97-internal-wait: an internal stream service with wait = yes is served by
# the daemon accepting one connection at a time (reference 5); its socket
# must never block the daemon, so other services keep answering while
# clients come and go.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup

read -r P_ECHO P_HELLO <<<"$(xt_ports 2 | tr '\n' ' ')"
ME=$(xt_user)

conf=$(xt_conf xinetd.conf <<EOF
service echo
{
	type        = INTERNAL UNLISTED
	socket_type = stream
	wait        = yes
	port        = $P_ECHO
	flags       = NOLIBWRAP
}

service hello
{
	type        = UNLISTED
	socket_type = stream
	wait        = no
	port        = $P_HELLO
	user        = $ME
	server      = /bin/echo
	server_args = HELLO
}
EOF
)

ok "daemon starts" xt_start "$conf" || BAIL_OUT "daemon did not start"
ok "program log: 2 available services" \
	xt_log_wait "${XT_RE_PROG}NOTICE: Started working: 2 available services\$" 1

for i in 1 2 3; do
	xt_tcp got 127.0.0.1 "$P_ECHO" -s "round $i\\n" -e
	is "$got" "round $i"$'\n' "internal echo, wait = yes: connection $i echoed"
	xt_tcp got 127.0.0.1 "$P_HELLO" -t 3
	is "$got" $'HELLO\n' "another service still answers after echo connection $i"
done
ok "daemon still running" xt_alive
xt_stop
xt_check_clean
done_testing
