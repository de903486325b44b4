#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 75-missing-server: the server program disappears after the configuration
# was loaded (reference 4.4 step 6, 12 #77): the client gets an empty close,
# the program log gets "execv( PATH ) failed: No such file or directory
# (errno = 2)" from the child, the service log gets START and EXIT status=0,
# and the daemon keeps serving.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup P_VANISH P_OTHER
server=$(printf '#!/bin/sh\necho VANISH\n' | xt_script vanish.sh)

conf=$(xt_conf xinetd.conf <<EOF
$(xt_svc vanish "$P_VANISH" "server = $server" "log_type = FILE $T/svc.log" \
	"log_on_success = PID HOST EXIT")
$(xt_svc other "$P_OTHER" "server = /bin/echo" "server_args = OTHER")
EOF
)

xt_start_ok "$conf"

xt_tcp got 127.0.0.1 "$P_VANISH"
is "$got" $'VANISH\n' "the server answers while it exists"
ok "EXIT of the first connection logged" xt_log_wait_n 1 ': EXIT: vanish ' 5 "$T/svc.log"

mv "$server" "$server.away"
xt_tcp got 127.0.0.1 "$P_VANISH"
is "$XT_RC" 0 "server deleted: the connection is closed (EOF, no reset, no hang)"
is "$got" "" "server deleted: the client receives no data"

re="${XT_RE_PROG}ERROR: execv\\( $(xt_re_quote "$server") \\) failed: No such file or directory \\(errno = 2\\)\$"
ok "program log: ERROR execv( PATH ) failed: No such file or directory (errno = 2)" \
	xt_log_wait "$re" 5
ok "service log: EXIT for the failed connection" xt_log_wait_n 2 ': EXIT: vanish ' 5 "$T/svc.log"
start2=$(grep -E ': START: vanish ' "$T/svc.log" | sed -n 2p)
exit2=$(grep -E ': EXIT: vanish ' "$T/svc.log" | sed -n 2p)
like "$start2" "${XT_RE_SVC}START: vanish pid=[0-9]+ from=::ffff:127\\.0\\.0\\.1\$" \
	"service log: START for the failed connection"
like "$exit2" "${XT_RE_SVC}EXIT: vanish status=0 pid=[0-9]+\$" \
	"service log: EXIT status=0 (the child exits 0 after the failed exec)"
spid=$(sed -E 's/.* pid=([0-9]+).*/\1/' <<<"$start2")
epid=$(sed -E 's/.* pid=([0-9]+).*/\1/' <<<"$exit2")
is "$epid" "$spid" "START and EXIT name the same child"
errpid=$(xt_log_grep 'execv\(' | head -n1 | sed -E 's/^[^[]*\[([0-9]+)\].*/\1/')
is "$errpid" "$spid" "the execv error is logged with the child's pid"

xt_tcp got 127.0.0.1 "$P_OTHER"
is "$got" $'OTHER\n' "another service still answers"
xt_tcp got ::1 "$P_VANISH"
is "$got" "" "server still missing: empty close again (IPv6)"
ok "program log: a second execv error" xt_log_wait_n 2 'execv\(' 5

mv "$server.away" "$server"
xt_tcp got 127.0.0.1 "$P_VANISH"
is "$got" $'VANISH\n' "server restored: it answers again"
ok "service log: 4 EXIT lines in all" xt_log_wait_n 4 ': EXIT: vanish ' 5 "$T/svc.log"

ok "daemon still running" xt_alive
xt_check_clean
done_testing
