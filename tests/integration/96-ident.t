#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 96-ident: USERID and IDONLY without an identd (reference 4.13, 8.3,
# 12 #102).  Nothing may listen on port 113 of 127.0.0.1 / ::1 (the test
# never binds it; it skips itself if something does):
#  - log_on_success USERID: the look-up fails quietly: no USERID line, the
#    connection is served, START/EXIT as usual;
#  - flags = IDONLY + log_on_success += USERID: "NOID: <id> <addr> no server"
#    and the connection is dropped before the server runs (IPv4 and IPv6).
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup

if ss -Hltn 'sport = :113' 2>/dev/null | grep -q .; then
	skip_all "something listens on port 113 (an identd?)"
fi

xt_port_vars P_PLAIN P_IDONLY

marker=$(xt_script marker.sh <<EOF
#!/bin/sh
echo ran >>"$T/idonly.ran"
echo IDONLY-SERVED
EOF
)

conf=$(xt_conf xinetd.conf <<EOF
$(xt_svc -l plainid "$P_PLAIN" "log_on_success = PID HOST USERID EXIT" "server = /bin/echo" \
	"server_args = HELLO")
$(xt_svc -l idonly "$P_IDONLY" "flags = IDONLY" "server = $marker" "log_on_success += USERID")
EOF
)

xt_start_ok "$conf"

# --- USERID, no identd: served, nothing logged about the user
xt_tcp got 127.0.0.1 "$P_PLAIN" -t 10
is "$XT_RC/$got" $'0/HELLO\n' "USERID without identd: the connection is served (IPv4)"
xt_tcp got ::1 "$P_PLAIN" -t 10
is "$XT_RC/$got" $'0/HELLO\n' "USERID without identd: the connection is served (IPv6)"
ok "USERID without identd: both EXIT lines logged" xt_log_wait_n 2 ': EXIT: plainid ' 5 "$T/plainid.log"
is "$(grep -c -E ': (USERID|NOID): ' "$T/plainid.log")" 0 "no USERID (or NOID) line without IDONLY"
is "$(grep -c ': START: plainid pid=' "$T/plainid.log")" 2 "two START lines"
is "$(xt_log_count 'identity server')" 0 "program log: no 'Failed to contact identity server' error"

# --- IDONLY: dropped
xt_tcp got 127.0.0.1 "$P_IDONLY" -t 10
is "$got" "" "IDONLY without identd: the client gets no data (IPv4)"
ok "IDONLY: 'NOID: idonly ::ffff:127.0.0.1 no server'" \
	xt_log_wait "${XT_RE_SVC}NOID: idonly ::ffff:127\\.0\\.0\\.1 no server\$" 5 "$T/idonly.log"
xt_tcp got ::1 "$P_IDONLY" -t 10
is "$got" "" "IDONLY without identd: the client gets no data (IPv6)"
ok "IDONLY: 'NOID: idonly ::1 no server'" \
	xt_log_wait "${XT_RE_SVC}NOID: idonly ::1 no server\$" 5 "$T/idonly.log"
ok "IDONLY: both children ended (2 EXIT lines)" xt_log_wait_n 2 ': EXIT: idonly ' 5 "$T/idonly.log"
nok "IDONLY: the server never ran" test -e "$T/idonly.ran"

ok "daemon still running" xt_alive
xt_check_clean
done_testing
