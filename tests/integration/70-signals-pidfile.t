#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 70-signals-pidfile: pidfile contents and mode, SIGTERM shutdown, -version,
# usage errors (reference 6.1, 6.2, 7, 9.1).
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup P

conf=$(xt_svc hello "$P" "server = /bin/echo" "server_args = HELLO" | xt_conf xinetd.conf)

# --- pidfile: "<pid>\n", mode 0644 even under umask 077
saved_umask=$(umask)
umask 077
xt_start "$conf"
started=$?
umask "$saved_umask"
is "$started" 0 "daemon starts (umask 077)" || BAIL_OUT "daemon did not start"

ok "pidfile exists" test -f "$XT_PIDFILE"
xt_capture content cat "$XT_PIDFILE"
is "$content" "$XT_PID"$'\n' "pidfile holds the daemon's pid and a newline"
is "$(stat -c %a "$XT_PIDFILE" 2>/dev/null)" 644 "pidfile mode is 0644 regardless of umask"

xt_tcp got 127.0.0.1 "$P"
is "$got" $'HELLO\n' "service answers"

# --- SIGTERM: exit status 0, "Exiting...", pidfile removed
xt_stop "$XT_H" TERM
is "$XT_EXIT" 0 "SIGTERM: daemon exits with status 0"
like "$(xt_log_grep 'Exiting' | tail -n 1)" "${XT_RE_PROG}WARNING: Exiting\\.\\.\\.\$" \
	"SIGTERM: program log has 'WARNING: Exiting...'"
ok "SIGTERM: the Exiting line carries the daemon's pid" \
	xt_log_wait "^${XT_RE_PTS} [^ []+\\[${XT_PID}\\]: WARNING: Exiting\\.\\.\\.\$" 1
nok "SIGTERM: pidfile removed" test -e "$XT_PIDFILE"
xt_tcp got 127.0.0.1 "$P" -t 2
is "$XT_RC" 2 "SIGTERM: the service port is closed"

# --- -version: one version line on stderr, exit 0
timeout 5 "$XINETD" -version >"$T/version.out" 2>"$T/version.err"
is "$?" 0 "-version exits 0"
like "$(head -n 1 "$T/version.err")" '^([^ ]+ )*[0-9]+\.[0-9]+(\.[0-9]+)*( [^ ]+)*$' \
	"-version prints a version line on stderr"
is "$(wc -l <"$T/version.err")" 1 "-version: exactly one line on stderr"
is "$(cat "$T/version.out")" "" "-version: nothing on stdout"

# --- a positional argument is a usage error (exit 1), the daemon never runs
timeout 5 "$XINETD" -dontfork -f "$conf" -filelog "$T/usage.log" -pidfile "$T/usage.pid" extra \
	>"$T/usage.out" 2>"$T/usage.err" </dev/null
is "$?" 1 "positional argument: exit status 1"
like "$(cat "$T/usage.err")" '[Uu]sage' "positional argument: usage message on stderr"
nok "positional argument: no pidfile written" test -e "$T/usage.pid"

xt_check_clean
done_testing
