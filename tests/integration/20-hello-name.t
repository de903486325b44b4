#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 20-hello-name: servers that read the client's input from fd 0 and answer on
# fd 1 ("hello <line>"), as a sh script and as xt-probe --echo-line.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup P_SH P_ECHOLINE

hello_name=$(xt_script hello-name.sh <<'EOF'
#!/bin/sh
read -r line
echo "hello $line"
EOF
)

conf=$(xt_conf xinetd.conf <<EOF
$(xt_svc hello-name "$P_SH" "server = $hello_name")
$(xt_svc probe-echo "$P_ECHOLINE" -socket_type "server = $XT_PROBE" "server_args = --echo-line")
EOF
)

xt_start_working 2 "$conf"

xt_tcp got 127.0.0.1 "$P_SH" -s 'world\n'
is "$XT_RC" 0 "sh server, IPv4: EOF after the answer (no -e needed)"
is "$got" $'hello world\n' "sh server, IPv4: 'world' -> 'hello world'"

xt_tcp got ::1 "$P_SH" -s 'world\n' -e
is "$got" $'hello world\n' "sh server, IPv6, write side shut down after sending"

xt_tcp got 127.0.0.1 "$P_SH" -s 'line with  two  spaces\n'
is "$got" $'hello line with  two  spaces\n' "sh server: the line arrives byte for byte"

printf 'from a file\n' >"$T/input"
xt_tcp got 127.0.0.1 "$P_SH" -S "$T/input" -e
is "$got" $'hello from a file\n' "sh server: request sent from a file (xt-net -S)"

xt_tcp got 127.0.0.1 "$P_ECHOLINE" -s 'world\n'
is "$XT_RC" 0 "xt-probe --echo-line, IPv4: EOF after the answer"
is "$got" $'hello world\n' "xt-probe --echo-line, IPv4: 'world' -> 'hello world'"

xt_tcp got ::1 "$P_ECHOLINE" -s 'world\r\n'
is "$got" $'hello world\n' "xt-probe --echo-line, IPv6, CRLF line"

# several clients in parallel, each gets its own answer
for i in 1 2 3 4 5; do
	"$XT_NET" tcp 127.0.0.1 "$P_SH" -s "client$i\\n" >"$T/par.$i" 2>&1 &
	pids[i]=$!
done
for i in 1 2 3 4 5; do wait "${pids[i]}"; done
all=''
for i in 1 2 3 4 5; do all+=$(cat "$T/par.$i")';'; done
is "$all" 'hello client1;hello client2;hello client3;hello client4;hello client5;' \
	"5 parallel clients each get their own answer"

ok "daemon still running" xt_alive
xt_check_clean
done_testing
