#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 86-bind-v6: the listening socket's family and address (reference 1.6, 2,
# 2.1, 4.1, 8.3, 12 #67/#68):
#  - default: one dual-stack IPv6 socket on the wildcard address, IPv4
#    clients logged as ::ffff:a.b.c.d;
#  - `flags = IPv4`, `bind = 127.0.0.1`, `interface = 127.0.0.1`: IPv4 only,
#    from= without ::ffff:;  `bind = ::1`: IPv6 only;
#  - `v6only = yes`: IPv6 only; `v6only = no`: dual-stack (xinetd-ng only:
#    2.3.15.3 turns V6ONLY on whatever the value).
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup

read -r P_DUAL P_V4 P_B6 P_B4 P_IF4 P_V6Y P_V6N <<<"$(xt_ports 7 | tr '\n' ' ')"
ME=$(xt_user)

svc() { # NAME PORT EXTRA-LINES...
	local name=$1 port=$2 l
	shift 2
	printf 'service %s\n{\n' "$name"
	printf '\ttype = UNLISTED\n\tsocket_type = stream\n\tprotocol = tcp\n\twait = no\n\tport = %s\n\tuser = %s\n' "$port" "$ME"
	printf '\tserver = /bin/echo\n\tserver_args = HELLO\n'
	printf '\tlog_type = FILE %s/%s.log\n\tlog_on_success = HOST\n' "$T" "$name"
	for l in "$@"; do printf '\t%s\n' "$l"; done
	printf '}\n\n'
}

conf=$(xt_conf xinetd.conf <<EOF
$(svc dual "$P_DUAL")
$(svc v4 "$P_V4" "flags = IPv4")
$(svc b6 "$P_B6" "bind = ::1")
$(svc b4 "$P_B4" "bind = 127.0.0.1")
$(svc if4 "$P_IF4" "interface = 127.0.0.1")
$(svc v6y "$P_V6Y" "v6only = yes")
$(svc v6n "$P_V6N" "v6only = no")
EOF
)

ok "daemon starts" xt_start "$conf" || BAIL_OUT "daemon did not start"
ok "program log: 'Started working: 7 available services'" \
	xt_log_wait "${XT_RE_PROG}NOTICE: Started working: 7 available services\$" 1

# served PORT HOST DESC / refused PORT HOST DESC (connection refused: exit 2)
served() {
	local got
	xt_tcp got "$2" "$1" -t 5
	is "$got" $'HELLO\n' "$3"
}
refused() {
	local got
	xt_tcp got "$2" "$1" -t 3
	is "$XT_RC" 2 "$3"
}
# last_from NAME : the from= of the service's last START line
last_from() { sed -nE 's/.*: START: [^ ]+ from=//p' "$T/$1.log" | tail -n 1; }

# --- default: dual-stack wildcard
listeners=$(ss -Hltn "sport = :$P_DUAL" 2>/dev/null)
if [ -n "$listeners" ]; then
	like "$listeners" "(\\*|\\[::\\]):$P_DUAL " "default: ss shows one wildcard IPv6 listener (*:$P_DUAL or [::]:$P_DUAL)"
	is "$(wc -l <<<"$listeners")" 1 "default: exactly one listening socket for the port"
else
	skip "ss -ltn shows nothing here" 2
fi
served "$P_DUAL" 127.0.0.1 "default: IPv4 client served"
served "$P_DUAL" ::1 "default: IPv6 client served"
ok "default: two START lines" xt_log_wait_n 2 ': START: dual ' 3 "$T/dual.log"
is "$(sed -nE 's/.*: START: [^ ]+ from=//p' "$T/dual.log" | tr '\n' ' ')" "::ffff:127.0.0.1 ::1 " \
	"default: from=::ffff:127.0.0.1 for the IPv4 client, from=::1 for the IPv6 one"

# --- IPv4 only
served "$P_V4" 127.0.0.1 "flags = IPv4: IPv4 client served"
refused "$P_V4" ::1 "flags = IPv4: IPv6 client refused"
ok "flags = IPv4: START logged" xt_log_wait ': START: v4 ' 3 "$T/v4.log"
is "$(last_from v4)" 127.0.0.1 "flags = IPv4: from=127.0.0.1 (no ::ffff:)"

served "$P_B4" 127.0.0.1 "bind = 127.0.0.1: IPv4 client served"
refused "$P_B4" ::1 "bind = 127.0.0.1: IPv6 client refused"
ok "bind = 127.0.0.1: START logged" xt_log_wait ': START: b4 ' 3 "$T/b4.log"
is "$(last_from b4)" 127.0.0.1 "bind = 127.0.0.1: from=127.0.0.1"

served "$P_IF4" 127.0.0.1 "interface = 127.0.0.1: IPv4 client served"
refused "$P_IF4" ::1 "interface = 127.0.0.1: IPv6 client refused"

# --- IPv6 only
served "$P_B6" ::1 "bind = ::1: IPv6 client served"
refused "$P_B6" 127.0.0.1 "bind = ::1: IPv4 client refused"
ok "bind = ::1: START logged" xt_log_wait ': START: b6 ' 3 "$T/b6.log"
is "$(last_from b6)" ::1 "bind = ::1: from=::1"
listeners=$(ss -Hltn "sport = :$P_B6" 2>/dev/null)
if [ -n "$listeners" ]; then
	like "$listeners" "\\[::1\\]:$P_B6 " "bind = ::1: ss shows the listener on [::1]:$P_B6"
else
	skip "ss -ltn shows nothing here"
fi

served "$P_V6Y" ::1 "v6only = yes: IPv6 client served"
refused "$P_V6Y" 127.0.0.1 "v6only = yes: IPv4 client refused"

if xt_oracle; then
	skip "xinetd 2.3.15.3 treats v6only = no as yes (XT_ORACLE=1)" 2
else
	served "$P_V6N" ::1 "v6only = no: IPv6 client served"
	served "$P_V6N" 127.0.0.1 "v6only = no: IPv4 client served (dual-stack)"
fi

ok "daemon still running" xt_alive
xt_check_clean
done_testing
