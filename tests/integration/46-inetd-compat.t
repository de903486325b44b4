#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 46-inetd-compat: inetd.conf lines become services (reference 9.3), read
# with --inetd-conf FILE (the reader of -inetd_compat with another path):
# an external NAMEINARGS server with user.group, internal builtins with ids
# <name>-<socket type>, and an xinetd entry with the same id (even a
# disabled one) hiding the inetd.conf line. inetd.conf has no port field,
# so the daemon runs in a private mount namespace whose /etc/services names
# the free ports this test picked (root only).
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup
xt_oracle && skip_all "--inetd-conf is an xinetd-ng extension"
xt_require_root
command -v unshare >/dev/null || skip_all "no unshare(1)"
unshare -m true 2>/dev/null || skip_all "mount namespaces not available"

xt_port_vars P_EXT P_ECHO P_HID
ME=$(xt_user)
GRP=$(id -gn)

# Builtins are chosen by name, so echo itself moves to a free port here.
grep -v '^echo[[:space:]]' /etc/services >"$T/services"
cat >>"$T/services" <<EOF
xt-ext		$P_EXT/tcp
echo		$P_ECHO/tcp
echo		$P_ECHO/udp
xt-hid		$P_HID/tcp
EOF

cat >"$T/inetd.conf" <<EOF
# comments and blank lines are skipped

xt-ext	stream	tcp	nowait	$ME.$GRP	/bin/echo	echo from inetd.conf
echo	stream	tcp	nowait	root	internal
echo	dgram	udp	wait	root	internal
xt-hid	stream	tcp	nowait	$ME	/bin/echo	echo should be hidden
xt-bad	stream	tcpx	nowait	$ME	/bin/true
EOF

conf=$(xt_conf xinetd.conf <<EOF
defaults
{
	log_type       = FILE $T/svc.log
	log_on_success = PID HOST
}

# Disabled, yet it hides the inetd.conf line with the same id.
service xt-hid
{
	disable = yes
}
EOF
)

# Run the daemon with our /etc/services in a private mount namespace.
XT_START_PREFIX=(unshare -m sh -c 'mount --bind "$0" /etc/services && exec "$@"' "$T/services")
ok "daemon starts with --inetd-conf" xt_start "$conf" --inetd-conf "$T/inetd.conf" ||
	BAIL_OUT "daemon did not start"
xt_working 3 "program log: 3 available services (ext, echo stream, echo dgram)"
ok "a bad protocol is reported with inetd.conf's location" \
	xt_log_wait "ERROR: .*inetd\.conf:7: inetd\.conf - Protocol tcpx not in /etc/protocols" 1

xt_tcp got 127.0.0.1 "$P_EXT"
is "$got" $'from inetd.conf\n' "external entry: argv[0] from the line, args after it"
xt_tcp got 127.0.0.1 "$P_ECHO" -s 'ping\n' -e
is "$got" $'ping\n' "internal echo stream"
xt_udp got 127.0.0.1 "$P_ECHO" -s 'dgram'
is "$got" 'dgram' "internal echo dgram"
xt_tcp got 127.0.0.1 "$P_HID"
isnt "$XT_RC" 0 "the line hidden by a disabled xinetd entry is not served"

ok "ids of internal entries name their socket type" \
	xt_log_wait "START: echo-stream pid=[0-9]+ from=" 5 "$T/svc.log"
ok "external entry logs under its name" \
	xt_log_wait "START: xt-ext pid=[0-9]+ from=" 5 "$T/svc.log"

xt_stop
xt_check_clean
done_testing
