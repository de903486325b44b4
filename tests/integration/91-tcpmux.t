#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 91-tcpmux: the tcpmux builtin (RFC 1078; reference 5, 12 #74/#75) on a free
# port, with a `type = TCPMUX UNLISTED` client service and a TCPMUXPLUS one:
#  - "MUXSVC\r\n" (any case) runs muxsvc's server on the connection; a TCPMUX
#    service says nothing itself, a TCPMUXPLUS one first sends "+Go\r\n" and
#    a NUL byte;
#  - an unknown name, `help` and the name of an ordinary (non-mux) service get
#    "-Service name not found\r\n" and a NUL byte, and nothing runs;
#  - a request without CRLF is closed silently;
#  - START/EXIT are logged under the tcpmux service's id, and EXIT carries
#    the client server's exit status (status=7);
#  - (root) the client service's `user = nobody` applies (uid 65534).
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup P_MUX P_PLAIN
ME=$(xt_user)
probe=$(xt_install_probe)
if xt_is_root; then PLUS_USER=nobody; else PLUS_USER=$ME; fi

mux=$(xt_script mux.sh <<EOF
#!/bin/sh
echo ran >>"$T/mux.ran"
echo "MUX-OK \$1"
exit 7
EOF
)

conf=$(xt_conf xinetd.conf <<EOF
$(xt_svc tcpmux "$P_MUX" "type = INTERNAL UNLISTED" "id = muxd" \
	"log_type = FILE $T/muxd.log" "log_on_success = PID HOST EXIT" "log_on_failure = HOST")
service muxsvc
{
	type        = TCPMUX UNLISTED
	socket_type = stream
	protocol    = tcp
	wait        = no
	user        = $ME
	server      = $mux
	server_args = arg1
}

service muxplus
{
	type        = TCPMUXPLUS UNLISTED
	socket_type = stream
	protocol    = tcp
	wait        = no
	user        = $PLUS_USER
	server      = $probe
}

$(xt_svc plain "$P_PLAIN" "server = /bin/echo" "server_args = PLAIN")
EOF
)

xt_start_ok "$conf"

# mux FILE REQUEST : send REQUEST (xt-net escapes) to tcpmux, raw reply in $T/FILE
mux() {
	"$XT_NET" tcp 127.0.0.1 "$P_MUX" -s "$2" -t 5 >"$T/$1" 2>"$T/.xt-net.err"
	XT_RC=$?
}
NOTFOUND_HEX=$(printf -- '-Service name not found\r\n\0' | od -An -tx1 -v | tr -d ' \n')
hex() { od -An -tx1 -v "$T/$1" | tr -d ' \n'; }

# --- TCPMUX: the server runs, no "+Go"
mux r.muxsvc 'MUXSVC\r\n'
is "$XT_RC/$(cat "$T/r.muxsvc")" "0/MUX-OK arg1" "TCPMUX 'MUXSVC\\r\\n' (upper case): only the server's output"
ok "START/EXIT under the tcpmux id: EXIT logged" xt_log_wait ': EXIT: muxd ' 5 "$T/muxd.log"
like "$(grep ': START: ' "$T/muxd.log" | head -n1)" "${XT_RE_SVC}START: muxd pid=([0-9]+) from=::ffff:127\\.0\\.0\\.1\$" \
	"START: muxd pid=N from=::ffff:127.0.0.1"
spid=${BASH_REMATCH[1]:-x}
like "$(grep ': EXIT: ' "$T/muxd.log" | head -n1)" "${XT_RE_SVC}EXIT: muxd status=7 pid=${spid}\$" \
	"EXIT: muxd status=7 (the client server's exit status), same pid"
is "$(grep -c -E 'muxsvc|muxplus' "$T/muxd.log")" 0 "nothing is logged under the client services' names"

# --- TCPMUXPLUS: "+Go\r\n\0" then the server
mux r.plus 'MuxPlus\r\n'
is "$XT_RC" 0 "TCPMUXPLUS 'MuxPlus\\r\\n' (mixed case): connection closed normally"
is "$(head -c 6 "$T/r.plus" | od -An -tx1 -v | tr -d ' \n')" "$(printf '+Go\r\n\0' | od -An -tx1 -v | tr -d ' \n')" \
	"TCPMUXPLUS: the reply starts with '+Go\\r\\n' and a NUL byte"
tail -c +7 "$T/r.plus" >"$T/r.plus.report"
like "$(head -n1 "$T/r.plus.report")" '^argc=1$' "TCPMUXPLUS: then the server's output (xt-probe report)"
report=$(cat "$T/r.plus.report")
if xt_is_root; then
	is "$(xt_kv "$report" uid)/$(xt_kv "$report" euid)" "65534/65534" "TCPMUXPLUS service with user = nobody runs as nobody"
else
	skip "user = nobody needs root" 1
fi
is "$(xt_kv "$report" fd0)" socket-stream-connected "TCPMUXPLUS: the server gets the client connection on fd 0"

# --- not found
for req in 'nosuchsvc\r\n' 'help\r\n' 'plain\r\n' 'muxd\r\n'; do
	mux r.nf "$req"
	is "$XT_RC/$(hex r.nf)" "0/$NOTFOUND_HEX" "'$req': '-Service name not found\\r\\n' + NUL"
done
xt_tcp got 127.0.0.1 "$P_PLAIN"
is "$got" $'PLAIN\n' "the ordinary service named in a request still works on its own port"

# --- no CRLF: silent close
mux r.nocrlf 'muxsvc\n'
is "$XT_RC/$(hex r.nocrlf)" "0/" "'muxsvc\\n' (no CR): closed without a reply"

ok "all tcpmux sessions ended (7 EXIT lines)" xt_log_wait_n 7 ': EXIT: muxd ' 5 "$T/muxd.log"
is "$(wc -l <"$T/mux.ran" 2>/dev/null)" 1 "muxsvc's server ran exactly once (not for the refused requests)"
ok "daemon still running" xt_alive
xt_check_clean
done_testing
