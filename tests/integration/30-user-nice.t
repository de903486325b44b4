#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 30-user-nice: credentials and priority of the exec'd server (reference 4.4
# step 3-4): `user = nobody` -> uid and the passwd gid of nobody, supplementary
# groups cleared (groups defaults to no), `nice = 10` applied.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_require_root
getent passwd nobody >/dev/null || skip_all "no user 'nobody' on this system"
xt_setup

NOBODY_UID=$(id -u nobody)
NOBODY_GID=$(getent passwd nobody | cut -d: -f4)
xt_port_vars P_NOBODY P_ROOT
# nobody must be able to exec the server: a private copy under $T (755)
probe=$(xt_install_probe) || BAIL_OUT "cannot copy xt-probe into $T"

conf=$(xt_conf xinetd.conf <<EOF
$(xt_svc as-nobody "$P_NOBODY" -socket_type "user = nobody" "nice = 10" "server = $probe")
$(xt_svc as-root "$P_ROOT" -socket_type "user = root" "server = $probe")
EOF
)

# Give the daemon supplementary groups of its own, so "cleared" is visible.
if command -v setpriv >/dev/null; then
	# shellcheck disable=SC2054  # the comma belongs to setpriv's argument
	XT_START_PREFIX=(setpriv --groups 4,100 --)
fi
xt_start_ok "$conf"
XT_START_PREFIX=()
if [ -r "/proc/$XT_PID/status" ]; then
	diag "daemon $(grep '^Groups:' "/proc/$XT_PID/status")"
fi

xt_tcp rep 127.0.0.1 "$P_NOBODY"
is "$XT_RC" 0 "user = nobody: server ran and closed the connection"
is "$(xt_kv "$rep" end)" 1 "user = nobody: complete report received"
is "$(xt_kv "$rep" uid)" "$NOBODY_UID" "uid = nobody's uid ($NOBODY_UID)"
is "$(xt_kv "$rep" euid)" "$NOBODY_UID" "euid = nobody's uid"
is "$(xt_kv "$rep" gid)" "$NOBODY_GID" "gid = nobody's passwd gid ($NOBODY_GID)"
is "$(xt_kv "$rep" egid)" "$NOBODY_GID" "egid = nobody's passwd gid"
is "$(xt_kv "$rep" groups)" "" "supplementary groups cleared (groups = no by default)"
is "$(xt_kv "$rep" nice)" 10 "nice = 10 applied"

xt_tcp rep 127.0.0.1 "$P_ROOT"
is "$(xt_kv "$rep" uid)" 0 "user = root: uid 0"
is "$(xt_kv "$rep" gid)" 0 "user = root: gid 0"
is "$(xt_kv "$rep" groups)" "" "user = root: supplementary groups cleared too"
is "$(xt_kv "$rep" nice)" "$(nice)" "no nice attribute: the daemon's own priority"

ok "daemon still running" xt_alive
xt_check_clean
done_testing
