#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 10-hello: the simplest exec services, the service FILE log (START/EXIT with
# PID HOST EXIT DURATION), `id`, and the program log's start-up lines.
# Reference: sections 4.0 (step 8), 8.1, 8.2, 8.3.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup P_ECHO P_SH

hello=$(printf '#!/bin/sh\necho HELLO\n' | xt_script hello.sh)

conf=$(xt_conf xinetd.conf <<EOF
# two external services on loopback high ports
$(xt_svc hello "$P_ECHO" "server = /bin/echo" "server_args = HELLO" \
	"log_type = FILE $T/svc.log" "log_on_success = PID HOST" "log_on_success += EXIT DURATION")
$(xt_svc hellosh "$P_SH" "id = other" "server = $hello" "log_type = FILE $T/other.log" \
	"log_on_success = PID HOST EXIT")
EOF
)

day_before=$(date +%y/%-m/%-d)
xt_start_ok "$conf"

# --- program log start-up lines (8.1): "YY/M/D@HH:MM:SS ident[PID]: LEVEL: msg"
ident=$(basename "$XINETD")
ident_re=$(xt_re_quote "$ident")
prog_re="^${XT_RE_PTS} ${ident_re}\\[${XT_PID}\\]: "
like "$(xt_log_grep 'started with')" \
	"${prog_re}NOTICE: [^ ].* started with .+ options compiled in\\.\$" \
	"program log: version NOTICE line, format and daemon pid"
working_line=$(xt_log_grep ': Started working: ' | head -n 1)
like "$working_line" "${prog_re}NOTICE: Started working: 2 available services\$" \
	"program log: 'Started working: 2 available services', format and daemon pid"
is "$(xt_log_count "${prog_re}NOTICE: Started working: 2 available services\$")" 1 \
	"program log: exactly one 'Started working: 2 available services'"
started_line=$(xt_log_grep 'started with' | head -n 1)
is "$(grep -nF -- "$started_line" "$XT_LOG" | head -n1 | cut -d: -f1)" \
	"$(( $(grep -nF -- "$working_line" "$XT_LOG" | head -n1 | cut -d: -f1) - 1 ))" \
	"program log: version line immediately precedes 'Started working'"

# --- /bin/echo HELLO over IPv4 and IPv6
xt_tcp got 127.0.0.1 "$P_ECHO"
is "$XT_RC" 0 "IPv4 client: connection closed normally (EOF)"
is "$got" $'HELLO\n' "IPv4 client: got exactly HELLO+newline from /bin/echo"
ok "service log: EXIT after the IPv4 client" xt_log_wait_n 1 ': EXIT: hello ' 5 "$T/svc.log"

xt_tcp got ::1 "$P_ECHO"
is "$XT_RC" 0 "IPv6 client: connection closed normally (EOF)"
is "$got" $'HELLO\n' "IPv6 client: got exactly HELLO+newline"
ok "service log: EXIT after the IPv6 client" xt_log_wait_n 2 ': EXIT: hello ' 5 "$T/svc.log"
day_after=$(date +%y/%-m/%-d)

mapfile -t svc <"$T/svc.log"
is "${#svc[@]}" 4 "service log has 4 lines (START, EXIT for each client)"
start_re="^${XT_RE_PTS}: START: hello pid=([0-9]+) from="
exit_re="^${XT_RE_PTS}: EXIT: hello status=0 pid=([0-9]+) duration=[0-9]+\\(sec\\)\$"

like "${svc[0]}" "${start_re}::ffff:127\\.0\\.0\\.1\$" "START line for the IPv4 client (from=::ffff:127.0.0.1)"
start_pid=${BASH_REMATCH[1]:-x}
like "${svc[1]}" "$exit_re" "EXIT line for the IPv4 client (status=0 pid= duration=N(sec))"
exit_pid=${BASH_REMATCH[1]:-y}
is "$exit_pid" "$start_pid" "START and EXIT carry the same pid (IPv4)"
isnt "$start_pid" "$XT_PID" "the logged pid is the child's, not the daemon's"

like "${svc[2]}" "${start_re}::1\$" "START line for the IPv6 client (from=::1)"
start_pid=${BASH_REMATCH[1]:-x}
like "${svc[3]}" "$exit_re" "EXIT line for the IPv6 client"
exit_pid=${BASH_REMATCH[1]:-y}
is "$exit_pid" "$start_pid" "START and EXIT carry the same pid (IPv6)"

stamp=${svc[0]%%@*}
if [ "$stamp" = "$day_before" ] || [ "$stamp" = "$day_after" ]; then
	pass "service log date is today's, as YY/M/D without zero padding ($stamp)"
else
	fail "service log date is today's, as YY/M/D without zero padding"
	diag "got '$stamp', expected '$day_before'"
fi

# --- sh script server, with id = other
xt_tcp got 127.0.0.1 "$P_SH"
is "$got" $'HELLO\n' "sh script server: got exactly HELLO+newline"
ok "id = other: EXIT logged under the id" xt_log_wait ': EXIT: other ' 5 "$T/other.log"
like "$(head -n1 "$T/other.log")" "^${XT_RE_PTS}: START: other pid=[0-9]+ from=::ffff:127\\.0\\.0\\.1\$" \
	"id = other: START logged as 'START: other'"
like "$(sed -n 2p "$T/other.log")" "^${XT_RE_PTS}: EXIT: other status=0 pid=[0-9]+\$" \
	"id = other: EXIT without duration when only EXIT is asked for"
is "$(grep -c hellosh "$T/other.log")" 0 "the service name is not used in the log when id is set"

ok "daemon still running" xt_alive
xt_check_clean
done_testing
