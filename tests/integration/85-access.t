#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 85-access: address lists and banners (reference 1.6, 4.2 step 7, 4.8, 4.12,
# 8.4, 12 #21/#22/#47-#54/#59/#60).
#  - `only_from = 127.0.0.1`: 127.0.0.1 served; ::1 accepted, then START,
#    FAIL address, EXIT status=0 and an empty close;
#  - `no_access = ::1`; both lists matching -> refused + program log ERROR
#    `Service=<id>: only_from list and no_access list match equally ...`;
#  - `only_from =` (empty) refuses everyone; `127.0.0.0` is a /8 wildcard;
#  - a comma in an address -> ERROR, service not started;
#  - `only_from = localhost` with `flags = IPv4` matches 127.0.0.1 (and, in
#    xinetd-ng only, also on a dual-stack socket);
#  - defaults `only_from` reaches services defined after the defaults block
#    (not before it); `+=`, `-=` and `=` edit or replace the inherited list;
#  - banner / banner_success / banner_fail are sent verbatim (CRLF kept);
#    an `instances` refusal gets banner_fail too.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup P_OF P_NA P_BOTH P_EMPTY P_ZERO P_COMMA P_LH4 P_LH6 P_BAN P_BANI \
	P_BEFORE P_INH P_PLUS P_MINUS P_REPL

printf 'BANNER-ALWAYS\r\n' >"$T/b-always"
printf 'BANNER-OK\r\n' >"$T/b-ok"
printf 'BANNER-FAIL\r\n' >"$T/b-fail"

echo_hello=("server = /bin/echo" "server_args = HELLO")

conf=$(xt_conf xinetd.conf <<EOF
$(xt_svc -l of1 "$P_OF" "only_from = 127.0.0.1" "${echo_hello[@]}")
$(xt_svc -l na1 "$P_NA" "no_access = ::1" "${echo_hello[@]}")
$(xt_svc -l both "$P_BOTH" "only_from = 127.0.0.1" "no_access = 127.0.0.0" "${echo_hello[@]}")
$(xt_svc -l empty "$P_EMPTY" "only_from =" "${echo_hello[@]}")
$(xt_svc -l zero "$P_ZERO" "only_from = 127.0.0.0" "${echo_hello[@]}")
$(xt_svc -l comma "$P_COMMA" "only_from = 127.0.0.1,10.0.0.1" "${echo_hello[@]}")
$(xt_svc -l lh4 "$P_LH4" "flags = IPv4" "only_from = localhost" "${echo_hello[@]}")
$(xt_svc -l lh6 "$P_LH6" "only_from = localhost" "${echo_hello[@]}")
$(xt_svc -l ban "$P_BAN" "only_from = 127.0.0.1" "banner = $T/b-always" "banner_success = $T/b-ok" \
	"banner_fail = $T/b-fail" "${echo_hello[@]}")
$(xt_svc -l baninst "$P_BANI" "instances = 1" "banner = $T/b-always" "banner_fail = $T/b-fail" \
	"server = $XT_PROBE" "server_args = --sleep 3")
EOF
)
comma_line=$(grep -n 'only_from = 127.0.0.1,10.0.0.1' "$conf" | cut -d: -f1)

xt_start_ok "$conf"
xt_working 9 "program log: 'Started working: 9 available services' (the comma service is not started)"

# refused PORT HOST DESC : accepted, then closed without data
refused() {
	local got
	xt_tcp got "$2" "$1" -t 5
	is "$XT_RC/$got" "0/" "$3"
}

# --- only_from = 127.0.0.1
xt_served "$P_OF" 127.0.0.1 "only_from = 127.0.0.1: 127.0.0.1 served"
refused "$P_OF" ::1 "only_from = 127.0.0.1: ::1 accepted, then closed without data"
ok "only_from: the refused client's EXIT logged" xt_log_wait_n 2 ': EXIT: of1 ' 5 "$T/of1.log"
mapfile -t svc <"$T/of1.log"
is "${#svc[@]}" 5 "only_from: 5 service log lines (START EXIT, START FAIL EXIT)"
like "${svc[2]}" "${XT_RE_SVC}START: of1 pid=([0-9]+) from=::1\$" "refused client: START: of1 pid=N from=::1"
spid=${BASH_REMATCH[1]:-x}
like "${svc[3]}" "${XT_RE_SVC}FAIL: of1 address from=::1\$" "refused client: FAIL: of1 address from=::1"
like "${svc[4]}" "${XT_RE_SVC}EXIT: of1 status=0 pid=${spid}\$" "refused client: EXIT: of1 status=0 pid=<same pid>"

# --- no_access = ::1
xt_served "$P_NA" 127.0.0.1 "no_access = ::1: 127.0.0.1 served"
refused "$P_NA" ::1 "no_access = ::1: ::1 refused"
ok "no_access: FAIL: na1 address from=::1" xt_log_wait "${XT_RE_SVC}FAIL: na1 address from=::1\$" 3 "$T/na1.log"

# --- both lists match
refused "$P_BOTH" 127.0.0.1 "only_from 127.0.0.1 + no_access 127.0.0.0: 127.0.0.1 refused"
ok "both lists: ERROR 'Service=both: only_from list and no_access list match equally the address ::ffff:127.0.0.1'" \
	xt_log_wait "${XT_RE_PROG}ERROR: Service=both: only_from list and no_access list match equally the address ::ffff:127\\.0\\.0\\.1\$" 3
errpid=$(xt_log_grep 'only_from list and no_access list match equally' | head -n1 | sed -E 's/^[^[]*\[([0-9]+)\].*/\1/')
isnt "${errpid:-$XT_PID}" "$XT_PID" "both lists: the ERROR is logged by the child, not the daemon"
ok "both lists: FAIL: both address" xt_log_wait "${XT_RE_SVC}FAIL: both address from=::ffff:127\\.0\\.0\\.1\$" 3 "$T/both.log"

# --- empty list, zero wildcard
refused "$P_EMPTY" 127.0.0.1 "only_from = (empty): 127.0.0.1 refused"
refused "$P_EMPTY" ::1 "only_from = (empty): ::1 refused"
xt_served "$P_ZERO" 127.0.0.1 "only_from = 127.0.0.0: 127.0.0.1 served (trailing zero = wildcard)"
refused "$P_ZERO" ::1 "only_from = 127.0.0.0: ::1 refused"

# --- comma
re=$(xt_re_loc ERROR "$conf" "$comma_line" 'Address: 127\.0\.0\.1,10\.0\.0\.1 has a comma in it - remove the comma')
ok "comma: ERROR 'Address: 127.0.0.1,10.0.0.1 has a comma in it - remove the comma' at $(basename "$conf"):$comma_line" \
	xt_log_wait "$re" 1
xt_tcp got 127.0.0.1 "$P_COMMA" -t 2
is "$XT_RC" 2 "comma: the service's port refuses connections"

# --- host names
xt_served "$P_LH4" 127.0.0.1 "only_from = localhost, flags = IPv4: 127.0.0.1 served"
if xt_oracle; then
	skip "xinetd never matches host names against v4-mapped peers (XT_ORACLE=1)"
else
	xt_served "$P_LH6" 127.0.0.1 "only_from = localhost on a dual-stack socket: 127.0.0.1 served"
fi

# --- banners
xt_tcp got 127.0.0.1 "$P_BAN" -t 5
is "$got" $'BANNER-ALWAYS\r\nBANNER-OK\r\nHELLO\n' "banners, allowed client: banner + banner_success + server output"
xt_tcp got ::1 "$P_BAN" -t 5
is "$got" $'BANNER-ALWAYS\r\nBANNER-FAIL\r\n' "banners, refused client: banner + banner_fail"
"$XT_NET" tcp 127.0.0.1 "$P_BANI" -t 8 >"$T/bani.1" 2>&1 &
h_bani=$!
ok "instances + banners: the first client's server started" xt_log_wait ': START: baninst ' 5 "$T/baninst.log"
xt_tcp got 127.0.0.1 "$P_BANI" -t 5
is "$got" $'BANNER-ALWAYS\r\nBANNER-FAIL\r\n' "instances refusal: banner + banner_fail"
ok "instances refusal: FAIL service_limit" xt_log_wait ': FAIL: baninst service_limit ' 3 "$T/baninst.log"
wait "$h_bani"
like "$(cat "$T/bani.1")" $'^BANNER-ALWAYS\r\nargc=' "instances + banners: the first client got banner + the report"
ok "daemon 1 still running" xt_alive

# --- defaults only_from: snapshot at the start of each later service
conf2=$(xt_conf xinetd2.conf <<EOF
$(xt_svc -l before "$P_BEFORE" "${echo_hello[@]}")
defaults
{
	only_from = 127.0.0.1
}

$(xt_svc -l inh "$P_INH" "${echo_hello[@]}")
$(xt_svc -l plus "$P_PLUS" "only_from += ::1" "${echo_hello[@]}")
$(xt_svc -l minus "$P_MINUS" "only_from += ::1" "only_from -= 127.0.0.1" "${echo_hello[@]}")
$(xt_svc -l repl "$P_REPL" "only_from = ::1" "${echo_hello[@]}")
EOF
)
ok "daemon 2 starts" xt_start "$conf2" || BAIL_OUT "daemon 2 did not start"
xt_served "$P_BEFORE" ::1 "service before the defaults block: no inherited only_from (::1 served)"
xt_served "$P_INH" 127.0.0.1 "defaults only_from = 127.0.0.1: 127.0.0.1 served"
refused "$P_INH" ::1 "defaults only_from = 127.0.0.1: ::1 refused"
xt_served "$P_PLUS" 127.0.0.1 "only_from += ::1: 127.0.0.1 still served"
xt_served "$P_PLUS" ::1 "only_from += ::1: ::1 served"
refused "$P_MINUS" 127.0.0.1 "only_from += ::1, -= 127.0.0.1: 127.0.0.1 refused"
xt_served "$P_MINUS" ::1 "only_from += ::1, -= 127.0.0.1: ::1 served"
refused "$P_REPL" 127.0.0.1 "only_from = ::1 replaces the inherited list: 127.0.0.1 refused"
xt_served "$P_REPL" ::1 "only_from = ::1: ::1 served"

ok "daemon 2 still running" xt_alive
xt_check_clean
done_testing
