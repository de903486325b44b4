#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 41-fail2ban: the fail2ban filter for FILE service logs
# (contrib/fail2ban/filter.d/xinetd-file.conf) reads the lines the daemon
# really writes: fail2ban-regex finds every FAIL address entry with the
# client's address and the time of the line (the YY/M/D@hh:mm:ss stamp,
# which fail2ban's default date patterns do not read), and leaves START,
# EXIT and other refusals (time) alone. Reference 8.2, 8.3.
# Needs fail2ban-regex (XT_FAIL2BAN_REGEX, else the one on PATH); skipped
# without it.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
F2B=${XT_FAIL2BAN_REGEX:-$(command -v fail2ban-regex)}
[ -n "$F2B" ] && [ -x "$F2B" ] || skip_all "no fail2ban-regex"
xt_setup

FILTER=$XT_SRCDIR/contrib/fail2ban/filter.d/xinetd-file.conf
read -r P_DENY P_TIME <<<"$(xt_ports 2 | tr '\n' ' ')"
ME=$(xt_user)
# a window of access_times that is not now: two to three hours from now
h=$((10#$(date +%H)))
win=$(printf '%02d:00-%02d:00' $(((h + 2) % 24)) $(((h + 3) % 24)))

conf=$(xt_conf xinetd.conf <<EOF
defaults
{
	log_type       = FILE $T/svc.log
	log_on_success = PID HOST EXIT
	log_on_failure = HOST
}
service deny
{
	type        = UNLISTED
	socket_type = stream
	protocol    = tcp
	wait        = no
	port        = $P_DENY
	user        = $ME
	server      = /bin/echo
	only_from   = 192.0.2.1
}
service closed
{
	type         = UNLISTED
	socket_type  = stream
	protocol     = tcp
	wait         = no
	port         = $P_TIME
	user         = $ME
	server       = /bin/echo
	access_times = $win
}
EOF
)
ok "daemon starts" xt_start "$conf" || BAIL_OUT "daemon did not start"

t0=$(date +%s)
xt_tcp got 127.0.0.1 "$P_DENY"
xt_tcp got ::1 "$P_DENY"
xt_tcp got 127.0.0.1 "$P_TIME"
ok "three FAIL entries logged" xt_log_wait_n 3 ': FAIL: ' 5 "$T/svc.log"
ok "EXIT entries of the refused children logged" xt_log_wait_n 2 ': EXIT: deny ' 5 "$T/svc.log"
t1=$(date +%s)
diag_file "$T/svc.log"

"$F2B" "$T/svc.log" "$FILTER" >"$T/f2b.out" 2>&1
is "$?" 0 "fail2ban-regex runs"
lines=$(wc -l <"$T/svc.log")
like "$(cat "$T/f2b.out")" "Lines: $lines lines, 0 ignored, 2 matched, $((lines - 2)) missed" \
	"fail2ban-regex: the two FAIL address lines match, nothing else"
like "$(cat "$T/f2b.out")" "\\[$lines\\] \\^Year2/Month/Day@24hour:Minute:Second" \
	"fail2ban-regex: the date pattern reads the stamp of every line"
grep -q -- '^|  [^ ]* FAIL: closed time' "$T/f2b.out"
is "$?" 0 "fail2ban-regex: the time refusal is among the missed lines"

# the addresses and times of the matches
"$F2B" -o row "$T/svc.log" "$FILTER" >"$T/f2b.rows" 2>&1
diag_file "$T/f2b.rows" 10
mapfile -t rows < <(grep "^\\['" "$T/f2b.rows")
is "${#rows[@]}" 2 "two failures found"
like "${rows[0]:-}" "^\\['127\\.0\\.0\\.1'," "the IPv4 client is 127.0.0.1 (from ::ffff:127.0.0.1)"
like "${rows[1]:-}" "^\\['::1'," "the IPv6 client is ::1"
in_time=yes
for r in "${rows[@]}"; do
	t=${r#*,}
	t=${t%%.*}
	t=${t//[!0-9]/}
	if [ -z "$t" ] || [ "$t" -lt $((t0 - 1)) ] || [ "$t" -gt $((t1 + 1)) ]; then
		in_time=no
		diag "time $t outside $t0..$t1: $r"
	fi
done
is "$in_time" yes "the times read from the stamps are the times of the refusals"

xt_check_clean
done_testing
