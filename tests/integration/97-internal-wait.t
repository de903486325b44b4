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
xt_setup P_ECHO P_HELLO

conf=$(xt_conf xinetd.conf <<EOF
$(xt_svc echo "$P_ECHO" "type = INTERNAL UNLISTED" -protocol "wait = yes" -user \
	"flags = NOLIBWRAP")
$(xt_svc hello "$P_HELLO" -protocol "server = /bin/echo" "server_args = HELLO")
EOF
)

xt_start_working 2 "$conf"

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
