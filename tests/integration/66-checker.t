#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154  # xt_tcp assigns by name
# 66-checker: the resident access checkers (checker.c), in a mount and
# network namespace of the test's own (root): private hosts.allow,
# hosts.deny, hosts and resolv.conf, and a resolver that never answers
# (a UDP socket nobody reads), so that a reverse look-up hangs:
#  - a slow look-up delays only the connection that needs it: a client
#    whose name /etc/hosts gives, and another service, answer at once;
#  - a hosts.deny rule refuses through the checker with the usual lines
#    (INFO libwrap refused..., START, FAIL libwrap, EXIT), and a table edit
#    takes effect at once (no stale cached verdict);
#  - checkers killed under load are replaced and no refused client is
#    ever served;
#  - spawn and twist options act on the server's own process (the check is
#    then made in its child);
#  - a thousand connections waiting for look-ups overflow the checkers'
#    queue and fall back to forked children: all are refused, cleanly;
#  - libwrap is loaded, not linked: the checkers map it, the daemon only
#    once a child of its must make the check (spawn, twist), and neither
#    maps libtirpc or Kerberos without an RPC service.
if [ "$(id -u)" -eq 0 ] && [ -z "${XT_CHECKER_NS:-}" ] &&
	unshare -m -n --propagation private true 2>/dev/null; then
	exec unshare -m -n --propagation private env XT_CHECKER_NS=1 bash "$0" "$@"
fi
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
XT_TEST_TIMEOUT=${XT_TEST_TIMEOUT:-300}
xt_setup
[ -n "${XT_CHECKER_NS:-}" ] || skip_all "needs root and mount/network namespaces"
"$XINETD" -version 2>&1 | grep -q libwrap || skip_all "this build has no libwrap"
ip link set lo up || BAIL_OUT "cannot set up the network namespace"
"$XT_NET" udp-sink 127.0.0.53 53 -t 280 >"$T/dns.out" &
ok "a resolver that never answers (127.0.0.53)" xt_log_wait listening 3 "$T/dns.out"

printf '127.0.0.1 localhost\n' >"$T/hosts"
printf 'nameserver 127.0.0.53\noptions timeout:3 attempts:1\n' >"$T/resolv.conf"
printf 'twisted : ALL : twist /bin/echo TWISTED\nspawned : ALL : spawn (echo %%p >>%s/spawned)\n' "$T" >"$T/hosts.allow"
printf 'denied : ALL\n' >"$T/hosts.deny"
chmod 644 "$T"/hosts*
for f in hosts resolv.conf hosts.allow hosts.deny; do
	mount --bind "$T/$f" "/etc/$f" || BAIL_OUT "cannot mount /etc/$f"
done

read -r P_NAMED P_PLAIN P_DENIED P_TWIST P_SPAWN <<<"$(xt_ports 5 | tr '\n' ' ')"
svc() { # NAME PORT EXTRA...
	local name=$1 port=$2 l
	shift 2
	printf 'service %s\n{\n\ttype = UNLISTED\n\tsocket_type = stream\n\twait = no\n\tport = %s\n\tuser = root\n\tcps = 0 0\n' "$name" "$port"
	printf '\tlibwrap = %s\n' "$name"
	printf '\tserver = /bin/echo\n\tserver_args = %s\n\tlog_type = FILE %s/%s.log\n\tlog_on_success = PID HOST EXIT\n\tlog_on_failure = HOST\n' "$name" "$T" "$name"
	for l in "$@"; do printf '\t%s\n' "$l"; done
	printf '}\n\n'
}
{
	svc named "$P_NAMED" "only_from = localhost"
	svc plain "$P_PLAIN"
	svc denied "$P_DENIED"
	svc twisted "$P_TWIST"
	svc spawned "$P_SPAWN"
} >"$T/xinetd.conf"
ok "daemon starts (-d)" xt_start "$T/xinetd.conf" -d || BAIL_OUT "daemon did not start"

# --- a hanging look-up delays only its own connection
"$XT_NET" tcp 127.0.0.1 "$P_NAMED" -B 127.0.0.9 -t 30 >"$T/slow.out" 2>/dev/null &
slow=$!
xt_sleep_ms 300
t0=$(xt_now_ms)
xt_tcp got 127.0.0.1 "$P_NAMED" -t 5
t1=$(xt_now_ms)
is "$got" $'named\n' "a client named by /etc/hosts is served"
ok "at once, while another one's look-up hangs ($((t1 - t0)) ms)" test $((t1 - t0)) -lt 1000
t0=$(xt_now_ms)
xt_tcp got 127.0.0.1 "$P_PLAIN" -t 5
t1=$(xt_now_ms)
is "$got" $'plain\n' "another service is served"
ok "at once too ($((t1 - t0)) ms)" test $((t1 - t0)) -lt 1000
ok "the hanging look-up is still hanging" test -e "/proc/$slow"
wait "$slow"
is "$(cat "$T/slow.out")" "" "the client without a name is refused once the look-up gives up"
ok "FAIL: named address from=::ffff:127.0.0.9" \
	xt_log_wait 'FAIL: named address from=::ffff:127\.0\.0\.9$' 20 "$T/named.log"

# --- hosts.deny through the checker
xt_tcp got 127.0.0.1 "$P_DENIED" -t 5
is "$got" "" "hosts.deny 'denied : ALL': refused"
ok "INFO 'libwrap refused connection to denied (libwrap=denied) from ::ffff:127.0.0.1'" \
	xt_log_wait "${XT_RE_PROG}INFO: libwrap refused connection to denied \\(libwrap=denied\\) from ::ffff:127\\.0\\.0\\.1\$" 3
ok "START, FAIL libwrap, EXIT status=0" xt_log_wait ': EXIT: denied status=0 ' 3 "$T/denied.log"
like "$(grep -o 'START\|FAIL: denied libwrap\|EXIT' "$T/denied.log" | tr '\n' ' ')" '^START FAIL: denied libwrap EXIT $' \
	"in that order"
ok "decided by the checker, not a forked child" \
	sh -c "! grep -q 'service denied: server [0-9]* started by fork' '$XT_LOG'"
echo 'denied : 192.0.2.1' >"$T/hosts.deny"
xt_tcp got 127.0.0.1 "$P_DENIED" -t 5
is "$got" $'denied\n' "after hosts.deny is edited, served at once (no stale verdict)"
echo 'denied : ALL' >"$T/hosts.deny"
xt_tcp got 127.0.0.1 "$P_DENIED" -t 5
is "$got" "" "and refused again after the next edit"

# --- libwrap where it is used, and only there
maps_of() { # PID: the libraries of the wrappers' chain the process maps
	grep -o -E 'lib(wrap|nsl|tirpc|krb5|gssapi_krb5)\.so[.0-9]*' "/proc/$1/maps" | sort -u | tr '\n' ' '
}
is "$(maps_of "$XT_PID")" "" "the daemon maps no libwrap, libnsl, libtirpc or Kerberos while the checkers decide"
checker1=$(for k in $(xt__children_of "$XT_PID"); do
	[ "$(cat "/proc/$k/comm" 2>/dev/null)" = xinetd-checker ] && echo "$k"
done | head -n 1)
like "$(maps_of "${checker1:-0}" 2>/dev/null)" 'libwrap\.so' "a checker (${checker1:-none}) has libwrap loaded"

# --- spawn and twist act on the server's own process
xt_tcp got 127.0.0.1 "$P_TWIST" -t 5
is "$got" $'TWISTED\n' "twist: the client gets the twisted command's output"
xt_tcp got 127.0.0.1 "$P_SPAWN" -t 5
is "$got" $'spawned\n' "spawn: the server runs"
ok "spawn: the command ran" xt_log_wait '^[0-9]+$' 3 "$T/spawned"
spid=$(sed -n 's/.*START: spawned pid=\([0-9]*\).*/\1/p' "$T/spawned.log")
is "$(head -n 1 "$T/spawned")" "$spid" "spawn: %p is the server's process (pid $spid), as before"
is "$(grep -c 'checker' "$T/spawned" 2>/dev/null)" 0 "nothing ran in a checker"
like "$(maps_of "$XT_PID")" 'libwrap\.so' "the daemon loaded libwrap for the children that check"
is "$(grep -c 'cannot load' "$XT_LOG")" 0 "no library failed to load"

# --- checkers killed under load
checkers() {
	local k
	for k in $(xt__children_of "$XT_PID"); do
		[ "$(cat "/proc/$k/comm" 2>/dev/null)" = xinetd-checker ] && echo "$k"
	done
}
served=0
for round in 1 2 3 4 5; do
	pids=()
	for i in $(seq 1 10); do
		# Each from its own address: no cached verdict answers for it.
		"$XT_NET" tcp 127.0.0.1 "$P_DENIED" -t 5 -B "127.0.$round.$i" \
			>"$T/k.$round.$i" 2>/dev/null &
		pids+=($!)
	done
	for k in $(checkers); do kill -KILL "$k"; done
	wait "${pids[@]}"
	served=$((served + $(cat "$T"/k."$round".* | grep -c denied)))
done
is "$served" 0 "50 clients while checkers are killed: none served"
xt_tcp got 127.0.0.1 "$P_DENIED" -t 5 -B 127.0.9.1
is "$got" "" "and after: still refused"
ok "a checker runs again" test -n "$(checkers)"
xt_tcp got 127.0.0.1 "$P_DENIED" -t 5 -B 127.0.9.1
is "$got" "" "the same address again: refused by the cached verdict"

# --- a thousand waiting look-ups
: >"$T/named.log"
"$XT_NET" hold 127.0.0.1 "$P_NAMED" 1000 -B 127.0.0.9 -t 60 >"$T/held" &
holder=$!
ok "1,000 connections needing a hanging look-up are taken" xt_log_wait 'held 1000' 90 "$T/held"
ok "the queue overflows: some fall back to a forked child" \
	xt_log_wait "${XT_RE_PROG}DEBUG: service named: server [0-9]+ started by fork\$" 30
ok "all 1,000 refused in the end" \
	xt_log_wait_n 1000 'FAIL: named address from=::ffff:127\.0\.0\.9$' 120 "$T/named.log"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
xt_tcp got 127.0.0.1 "$P_PLAIN" -t 5
is "$got" $'plain\n' "and the daemon serves on"
xt_check_clean
xt_stop
done_testing
