#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# 61-pidfile-link: the pidfile is always a new file and never written
# through a symbolic link (reference 9.1): when the old one cannot be
# removed (here: it is a link in a directory mounted read-only, in a
# private mount namespace; root) the daemon says so and leaves the link's
# target alone, and it still starts.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup
xt_is_root || skip_all "needs root (a read-only bind mount)"
unshare -m --propagation private true 2>/dev/null || skip_all "needs unshare -m"

P=$(xt_ports 1)
mkdir "$T/run"
echo untouched >"$T/victim"
ln -s "$T/victim" "$T/run/x.pid"
conf=$(xt_conf xinetd.conf <<EOF
service one
{
	type        = UNLISTED
	socket_type = stream
	protocol    = tcp
	wait        = no
	port        = $P
	user        = root
	server      = /bin/echo
	server_args = HELLO
}
EOF
)
# shellcheck disable=SC2016  # expanded by the inner sh
XT_START_PREFIX=(unshare -m --propagation private -- sh -c \
	'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"' \
	sh "$T/run")
ok "daemon starts" xt_start "$conf" -pidfile "$T/run/x.pid" || BAIL_OUT "daemon did not start"
is "$(cat "$T/victim")" "untouched" "the link's target is not written"
ok "the daemon says it has no pidfile" \
	xt_log_wait "${XT_RE_PROG}ERROR: unable to open pidfile $(xt_re_quote "$T/run/x.pid"): " 2
xt_tcp got 127.0.0.1 "$P" -t 3
is "$got" $'HELLO\n' "and serves"
xt_check_clean
xt_stop
done_testing
