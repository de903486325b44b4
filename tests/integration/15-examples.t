#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 15-examples: the bundled xinetd.d-examples, rendered by run-examples -r as
# the README's first command does, answer as documented: hello prints HELLO,
# hello-name answers "hello <line>" (also with telnet's CRLF), the PHP
# variants do the same where /usr/bin/php exists, and the hostile example
# (root only, with sandbox-report built) reports its sandbox.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup

[ -n "${XT_SRCDIR:-}" ] && [ -x "$XT_SRCDIR/xinetd.d-examples/run-examples" ] ||
	skip_all "XT_SRCDIR does not hold xinetd.d-examples"

# The hostile example's server, where make built it.
report=${XT_BUILDDIR:-$XT_SRCDIR}/xinetd.d-examples/src/sandbox-report
conf=$(SANDBOX_REPORT=$report "$XT_SRCDIR/xinetd.d-examples/run-examples" -r "$T/ex")
ok "run-examples -r renders a configuration" test -f "$conf"
like "$(cat "$T/ex/xinetd.d/hello")" "server[[:space:]]+= $T/ex/bin/hello" \
	"the hello service points at the rendered copy of its server"

# The examples use fixed ports (60321-60325); tests use free ones.
xt_port_vars P1 P2 P3 P4 P5
for pair in "hello:60321:$P1" "hello-name:60322:$P2" \
	"hello-php:60323:$P3" "hello-name-php:60324:$P4" "hostile:60325:$P5"; do
	IFS=: read -r name old new <<<"$pair"
	sed -i "s/= $old\$/= $new/" "$T/ex/xinetd.d/$name"
done

php=no
[ -x /usr/bin/php ] && php=yes
hostile=no
grep -Eq '^[[:space:]]*disable[[:space:]]*=[[:space:]]*no$' "$T/ex/xinetd.d/hostile" && hostile=yes
want=2
[ $php = yes ] && want=$((want + 2))
[ $hostile = yes ] && want=$((want + 1))
if xt_is_root && [ -x "$report" ]; then
	is "$hostile" yes "as root, with sandbox-report built, the hostile example is enabled"
else
	is "$hostile" no "without root or sandbox-report, the hostile example stays disabled"
fi

ok "daemon starts on the examples" xt_start "$conf" ||
	BAIL_OUT "daemon did not start"
xt_working "$want" "program log: $want available services"

xt_tcp got 127.0.0.1 "$P1"
is "$got" $'HELLO\n' "hello prints HELLO and closes"
xt_tcp got ::1 "$P1"
is "$got" $'HELLO\n' "hello over IPv6"

xt_tcp got 127.0.0.1 "$P2" -s 'world\n'
is "$got" $'hello world\n' "hello-name answers 'hello world'"
xt_tcp got 127.0.0.1 "$P2" -s 'telnet\r\n'
is "$got" $'hello telnet\n' "hello-name drops telnet's CR"

if [ $php = yes ]; then
	xt_tcp got 127.0.0.1 "$P3"
	is "$got" $'HELLO\n' "hello-php prints HELLO"
	xt_tcp got 127.0.0.1 "$P4" -s 'php\r\n'
	is "$got" $'hello php\n' "hello-name-php answers 'hello php'"
else
	skip "no /usr/bin/php: hello-php not enabled"
	skip "no /usr/bin/php: hello-name-php not enabled"
fi

if [ $hostile = yes ]; then
	xt_tcp got 127.0.0.1 "$P5" -s 'quit\n'
	like "$got" $'^uid='"$(id -u nobody)"$' gid=[0-9]+\nroot: [a-z ]+\ntmp: \\(tmpfs, 4194304 bytes\\)\n' \
		"hostile: chrooted, with its own 4 MiB /tmp"
	like "$got" $'\nlimits: nproc=40 fsize=1048576 core=0 nofile=32 cpu=10 as=67108864\nno_new_privs=1\n' \
		"hostile: its limits and no_new_privs"
	xt_tcp got 127.0.0.1 "$P5" -s 'fork\nfill\nquit\n'
	like "$got" $'\n> fork: [0-9]+ children, then Resource temporarily unavailable\n' \
		"hostile: the fork bomb is stopped"
	like "$got" $'\n> fill: 1048576 bytes, then File too large\n' "hostile: filling /tmp is stopped"
else
	skip "hostile example not enabled (needs root and sandbox-report)" 4
fi

ok "service log records the hello connection" \
	xt_log_wait "START: hello pid=[0-9]+ from=::ffff:127\.0\.0\.1\$" 5 "$T/ex/services.log"
ok "service log records its exit" \
	xt_log_wait "EXIT: hello status=0 pid=[0-9]+ duration=[0-9]+\(sec\)\$" 5 "$T/ex/services.log"

xt_stop
xt_check_clean
done_testing
