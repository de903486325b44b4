#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# 44-itox: the itox wrapper (contrib/itox.in) takes xinetd's itox command
# line: [-daemon_dir DIR] and nothing else; anything else is a usage error
# (exit 1, "Usage: itox [-daemon_dir dir_path]" on stderr, as xinetd's
# itox). xinetd --convert-inetd takes empty input (exit 0); an inetd.conf
# on standard input becomes entries that the daemon's --check accepts, the
# tcpd-wrapped server is found in -daemon_dir, and tcpd without -daemon_dir
# is refused ("(stdin):LINE: reason", exit 1) while the rest is converted.
# Reference 9.4.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup

# The wrapper as installed, but running the daemon under test.
ITOX=$T/itox
sed -e "s|@sbindir@/xinetd|$XINETD|g" "$XT_SRCDIR/contrib/itox.in" >"$ITOX" &&
	chmod 755 "$ITOX" || BAIL_OUT "cannot render itox"

usage='Usage: itox [-daemon_dir dir_path]'
for args in "-h" "-daemon_dir" "foo" "-daemon_dir /usr/sbin extra" "--convert-inetd"; do
	# shellcheck disable=SC2086  # the words of each case
	"$ITOX" $args </dev/null >"$T/out" 2>"$T/err"
	is "$?" 1 "itox $args: exit 1"
	is "$(cat "$T/err")" "$usage" "itox $args: usage on stderr"
	is "$(cat "$T/out")" "" "itox $args: nothing on stdout"
done

"$XINETD" --convert-inetd </dev/null >"$T/out" 2>"$T/err"
is "$?/$(cat "$T/out" "$T/err")" "0/" "xinetd --convert-inetd: empty input, exit 0, no output"

cat >"$T/inetd.conf" <<'EOF2'
# an old inetd.conf
daytime	stream	tcp	nowait	nobody	/bin/date	date -u
discard	stream	tcp	nowait	root	/usr/sbin/tcpd	cat
EOF2
"$ITOX" -daemon_dir /bin <"$T/inetd.conf" >"$T/xinetd.conf" 2>"$T/err"
is "$?" 0 "itox -daemon_dir /bin: exit 0"
diag_file "$T/xinetd.conf"
"$XINETD" --check -f "$T/xinetd.conf" >"$T/check" 2>&1
is "$?" 0 "the converted entries pass xinetd --check"
diag_file "$T/check"
like "$(cat "$T/xinetd.conf")" $'server[[:space:]]*=[[:space:]]*/bin/cat\n' \
	"the tcpd-wrapped server is found in -daemon_dir"
like "$(cat "$T/xinetd.conf")" $'server_args[[:space:]]*=[[:space:]]*-u\n' \
	"argv[0] is dropped, the arguments kept"
"$ITOX" <"$T/inetd.conf" >"$T/out" 2>"$T/err"
is "$?" 1 "tcpd without -daemon_dir is refused: exit 1"
is "$(cat "$T/err")" "(stdin):3: tcpd runs cat: give -daemon_dir" \
	"tcpd without -daemon_dir: (stdin):LINE: reason"
like "$(cat "$T/out")" $'service daytime\n' "the other entry is still converted"
done_testing
