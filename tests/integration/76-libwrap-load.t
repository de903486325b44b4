#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154  # xt_tcp and xt_udp assign by name
# 76-libwrap-load: libwrap is loaded when a check needs it, not linked
# (dynlib.c). When it cannot be loaded (here a library of that name
# without its symbols comes first on LD_LIBRARY_PATH), every check it
# would make refuses, through the checker (stream) and in a child
# (datagram): the client is not served, the service log says FAIL libwrap
# and the program log says once per process why; services with NOLIBWRAP
# are served as usual and the daemon keeps running.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup P_TCP P_UDP P_FREE
"$XINETD" -version 2>&1 | grep -q libwrap || skip_all "this build has no libwrap"
# libm: a real shared object, loadable, with none of libwrap's symbols
libm=$(ldconfig -p 2>/dev/null | sed -n 's/^[[:space:]]*libm\.so\.6 (libc6,x86-64[^)]*) => //p' | head -n 1)
[ -n "$libm" ] || libm=$(ldconfig -p 2>/dev/null | sed -n 's/^[[:space:]]*libm\.so\.6 .* => //p' | head -n 1)
[ -f "$libm" ] || skip_all "no libm.so.6 to stand in for libwrap"
mkdir -p "$T/lib"
cp "$libm" "$T/lib/libwrap.so.0"

conf=$(xt_conf xinetd.conf <<EOF
$(xt_svc -l wrapped "$P_TCP" "server = /bin/echo" "server_args = WRAPPED")
$(xt_svc -l daytime "$P_UDP" "type = INTERNAL UNLISTED" "socket_type = dgram" \
	"protocol = udp" "wait = yes" "id = daytime-dgram" "-user")
$(xt_svc -l free "$P_FREE" "server = /bin/echo" "server_args = FREE" "flags = NOLIBWRAP")
EOF
)
XT_START_PREFIX=(env "LD_LIBRARY_PATH=$T/lib")
xt_start_ok "$conf"

xt_tcp got 127.0.0.1 "$P_TCP" -t 5
is "$got" "" "stream: libwrap cannot be loaded, the client is refused"
ok "stream: FAIL libwrap in the service log" \
	xt_log_wait 'FAIL: wrapped libwrap from=::ffff:127\.0\.0\.1$' 5 "$T/wrapped.log"
ok "program log: ERROR cannot load libwrap.so.0 and why" \
	xt_log_wait "${XT_RE_PROG}ERROR: cannot load libwrap\\.so\\.0: .*request_init" 5
xt_tcp got 127.0.0.1 "$P_TCP" -t 5
is "$got" "" "stream: refused again"

xt_udp got 127.0.0.1 "$P_UDP" -s x -t 2
is "$got" "" "datagram: no reply"
ok "datagram: FAIL libwrap in the service log" \
	xt_log_wait 'FAIL: daytime-dgram libwrap from=(::ffff:)?127\.0\.0\.1$' 5 "$T/daytime.log"

xt_tcp got 127.0.0.1 "$P_FREE" -t 5
is "$got" $'FREE\n' "flags = NOLIBWRAP: served"
n=$(xt_log_grep 'cannot load libwrap' | wc -l)
ok "the reason is logged once per process that tried, not per check ($n)" test "$n" -ge 1 -a "$n" -le 3
ok "daemon still running" xt_alive
xt_check_clean
xt_stop
done_testing
