#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 40-broken-block: configuration errors drop (only) the broken service and
# are reported with their location (reference 1.3, 1.7, 12 #2 and #14).
#  - `port=N` glued to the name: ERROR "Attribute port needs a space before
#    operator", the whole entry is dropped;
#  - `user = nosuchuser_xt` in an included file: ERROR "Unknown user: ...",
#    ERROR "Error parsing attribute user - DISABLING SERVICE".
# Both location styles are accepted: " [file=F] [line=N]" suffix (xinetd) or
# "F:N: " prefix (xinetd-ng).
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup P1 P2 P3 P4
ME=$(xt_user)

conf=$(xt_conf xinetd.conf <<EOF
# three services, the middle one has a syntax error
$(xt_svc good1 "$P1" "server = /bin/echo" "server_args = GOOD1")
service glued
{
	type        = UNLISTED
	socket_type = stream
	protocol    = tcp
	wait        = no
	port=$P2
	user        = $ME
	server      = /bin/echo
	server_args = GLUED
}

$(xt_svc good2 "$P3" "server = /bin/echo" "server_args = GOOD2")
include $T/baduser.conf
EOF
)
bad=$(xt_conf baduser.conf <<EOF
# a service with an unknown user
$(xt_svc baduser "$P4" "user = nosuchuser_xt" "server = /bin/echo" "server_args = BADUSER")
EOF
)
glued_line=$(grep -n '^[[:space:]]*port=' "$conf" | cut -d: -f1)
user_line=$(grep -n 'nosuchuser_xt' "$bad" | cut -d: -f1)
diag "glued port at $conf:$glued_line, unknown user at $bad:$user_line"

xt_start_working 2 "$conf"

xt_tcp got 127.0.0.1 "$P1"
is "$got" $'GOOD1\n' "the service before the broken one answers"
xt_tcp got 127.0.0.1 "$P3"
is "$got" $'GOOD2\n' "the service after the broken one answers"
xt_tcp got ::1 "$P3"
is "$got" $'GOOD2\n' "... also over IPv6"

xt_tcp got 127.0.0.1 "$P2" -t 2
is "$XT_RC" 2 "the glued-port service's port refuses connections (IPv4)"
xt_tcp got ::1 "$P2" -t 2
is "$XT_RC" 2 "the glued-port service's port refuses connections (IPv6)"
xt_tcp got 127.0.0.1 "$P4" -t 2
is "$XT_RC" 2 "the unknown-user service's port refuses connections"

re=$(xt_re_loc ERROR "$conf" "$glued_line" 'Attribute port needs a space before operator')
ok "ERROR 'Attribute port needs a space before operator' at $(basename "$conf"):$glued_line" \
	xt_log_wait "$re" 1
re=$(xt_re_loc ERROR "$bad" "$user_line" 'Unknown user: nosuchuser_xt')
ok "ERROR 'Unknown user: nosuchuser_xt' at $(basename "$bad"):$user_line" \
	xt_log_wait "$re" 1
re=$(xt_re_loc ERROR "$bad" "$user_line" 'Error parsing attribute user - DISABLING SERVICE')
ok "ERROR 'Error parsing attribute user - DISABLING SERVICE' at $(basename "$bad"):$user_line" \
	xt_log_wait "$re" 1
is "$(xt_log_count 'Attribute port needs a space')" 1 "the syntax error is reported once"
is "$(xt_log_count 'Started working')" 1 "one start-up"

# The good ones still answer after the errors were handled, and repeatedly.
xt_tcp got 127.0.0.1 "$P1"
is "$got" $'GOOD1\n' "good1 answers again"
ok "daemon still running" xt_alive
xt_check_clean
done_testing
