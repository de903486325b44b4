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
xt_setup P_DUAL P_V4 P_B6 P_B4 P_IF4 P_V6Y P_V6N

# every service: /bin/echo HELLO, START lines (with from=) in $T/NAME.log
hello=("server = /bin/echo" "server_args = HELLO" "log_on_success = HOST" -log_on_failure)

conf=$(xt_conf xinetd.conf <<EOF
$(xt_svc -l dual "$P_DUAL" "${hello[@]}")
$(xt_svc -l v4 "$P_V4" "${hello[@]}" "flags = IPv4")
$(xt_svc -l b6 "$P_B6" "${hello[@]}" "bind = ::1")
$(xt_svc -l b4 "$P_B4" "${hello[@]}" "bind = 127.0.0.1")
$(xt_svc -l if4 "$P_IF4" "${hello[@]}" "interface = 127.0.0.1")
$(xt_svc -l v6y "$P_V6Y" "${hello[@]}" "v6only = yes")
$(xt_svc -l v6n "$P_V6N" "${hello[@]}" "v6only = no")
EOF
)

xt_start_working 7 "$conf"

# refused PORT HOST DESC (connection refused: exit 2)
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
xt_served "$P_DUAL" 127.0.0.1 "default: IPv4 client served"
xt_served "$P_DUAL" ::1 "default: IPv6 client served"
ok "default: two START lines" xt_log_wait_n 2 ': START: dual ' 3 "$T/dual.log"
is "$(sed -nE 's/.*: START: [^ ]+ from=//p' "$T/dual.log" | tr '\n' ' ')" "::ffff:127.0.0.1 ::1 " \
	"default: from=::ffff:127.0.0.1 for the IPv4 client, from=::1 for the IPv6 one"

# --- IPv4 only
xt_served "$P_V4" 127.0.0.1 "flags = IPv4: IPv4 client served"
refused "$P_V4" ::1 "flags = IPv4: IPv6 client refused"
ok "flags = IPv4: START logged" xt_log_wait ': START: v4 ' 3 "$T/v4.log"
is "$(last_from v4)" 127.0.0.1 "flags = IPv4: from=127.0.0.1 (no ::ffff:)"

xt_served "$P_B4" 127.0.0.1 "bind = 127.0.0.1: IPv4 client served"
refused "$P_B4" ::1 "bind = 127.0.0.1: IPv6 client refused"
ok "bind = 127.0.0.1: START logged" xt_log_wait ': START: b4 ' 3 "$T/b4.log"
is "$(last_from b4)" 127.0.0.1 "bind = 127.0.0.1: from=127.0.0.1"

xt_served "$P_IF4" 127.0.0.1 "interface = 127.0.0.1: IPv4 client served"
refused "$P_IF4" ::1 "interface = 127.0.0.1: IPv6 client refused"

# --- IPv6 only
xt_served "$P_B6" ::1 "bind = ::1: IPv6 client served"
refused "$P_B6" 127.0.0.1 "bind = ::1: IPv4 client refused"
ok "bind = ::1: START logged" xt_log_wait ': START: b6 ' 3 "$T/b6.log"
is "$(last_from b6)" ::1 "bind = ::1: from=::1"
listeners=$(ss -Hltn "sport = :$P_B6" 2>/dev/null)
if [ -n "$listeners" ]; then
	like "$listeners" "\\[::1\\]:$P_B6 " "bind = ::1: ss shows the listener on [::1]:$P_B6"
else
	skip "ss -ltn shows nothing here"
fi

xt_served "$P_V6Y" ::1 "v6only = yes: IPv6 client served"
refused "$P_V6Y" 127.0.0.1 "v6only = yes: IPv4 client refused"

if xt_oracle; then
	skip "xinetd 2.3.15.3 treats v6only = no as yes (XT_ORACLE=1)" 2
else
	xt_served "$P_V6N" ::1 "v6only = no: IPv6 client served"
	xt_served "$P_V6N" 127.0.0.1 "v6only = no: IPv4 client served (dual-stack)"
fi

ok "daemon still running" xt_alive
xt_check_clean
done_testing
