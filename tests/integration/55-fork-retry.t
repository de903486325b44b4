#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# 55-fork-retry: requests waiting for fork to work again (reference 4.13),
# with fork made to fail by a pids cgroup around the daemon (root):
#  - queued requests count against instances and per_source: with
#    instances = 1 and per_source = 1, five clients while fork fails give
#    one queued request and four FAIL service_limit, and once fork works,
#    one server;
#  - a retry that falls due is admitted again: two requests queued under
#    instances = 2, a reload to instances = 1, then one server and one
#    FAIL service_limit;
#  - a reload that changes whether a datagram service hands its socket to
#    a child, while a retry is queued, gives up the retry and never closes
#    the listening socket: the service answers in the daemon at once, and
#    still does after the retry would have fired.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup
xt_is_root || skip_all "needs root (a pids cgroup)"
xt_pids_cgroup || skip_all "no pids cgroup controller to make fork fail"

read -r P_ONE P_TWO P_ECHO <<<"$(xt_ports 3 | tr '\n' ' ')"
cat >"$T/slow.sh" <<EOF
#!/bin/sh
echo "run \$1" >>"$T/ran"
echo SERVED
sleep 1
EOF
chmod 755 "$T/slow.sh"

# conf INSTANCES [ECHO-FLAGS]: the two services and a datagram echo
conf() {
	xt_conf xinetd.conf <<EOF
defaults
{
	log_type       = FILE $T/svc.log
	log_on_success = PID HOST EXIT
	log_on_failure = HOST
	cps            = 0 0
}

service one
{
	type        = UNLISTED
	socket_type = stream
	protocol    = tcp
	wait        = no
	port        = $P_ONE
	user        = root
	server      = $T/slow.sh
	server_args = one
	instances   = 1
	per_source  = 1
}

service two
{
	type        = UNLISTED
	socket_type = stream
	protocol    = tcp
	wait        = no
	port        = $P_TWO
	user        = root
	server      = $T/slow.sh
	server_args = two
	instances   = $1
}

service echo
{
	type        = INTERNAL UNLISTED
	id          = echo-udp
	socket_type = dgram
	protocol    = udp
	wait        = yes
	port        = $P_ECHO
	${2:+flags = $2}
}
EOF
}

cf=$(conf 2)
ok "daemon starts" xt_start "$cf" || BAIL_OUT "daemon did not start"
xt_cgroup_add "$XT_PID"
xt_cgroup_max 1

# --- five clients of 'one' while fork fails
pids=()
for i in 1 2 3 4 5; do
	"$XT_NET" tcp 127.0.0.1 "$P_ONE" -t 15 >"$T/one.$i" 2>/dev/null &
	pids+=($!)
	xt_sleep_ms 100
done
ok "fork fails: '<id>: fork failed'" xt_log_wait "${XT_RE_PROG}ERROR: one: fork failed: " 5
ok "four FAIL service_limit while one request is queued" \
	xt_log_wait_n 4 ': FAIL: one service_limit from=' 5 "$T/svc.log"
xt_cgroup_max max
wait "${pids[@]}"
served=$(cat "$T"/one.* | grep -c SERVED)
is "$served" 1 "once fork works again: one client served"
is "$(grep -c '^run one' "$T/ran")" 1 "one server ran, not five"
is "$(grep -c ': START: one ' "$T/svc.log")" 1 "one START"

# --- a queued request is admitted again when its retry fires
xt_cgroup_max 1
pids=()
for i in 1 2; do
	"$XT_NET" tcp 127.0.0.1 "$P_TWO" -t 15 >"$T/two.$i" 2>/dev/null &
	pids+=($!)
	xt_sleep_ms 100
done
ok "two: both requests wait for fork" xt_log_wait_n 2 "${XT_RE_PROG}ERROR: two: fork failed: " 5
conf 1 >/dev/null
kill -HUP "$XT_PID"
ok "reload to instances = 1" xt_log_wait "${XT_RE_PROG}NOTICE: Reconfigured: " 5
xt_cgroup_max max
wait "${pids[@]}"
is "$(cat "$T"/two.* | grep -c SERVED)" 1 "two: one client served"
is "$(grep -c ': FAIL: two service_limit from=' "$T/svc.log")" 1 \
	"two: the other retry, checked again, is refused (FAIL service_limit)"
is "$(grep -c '^run two' "$T/ran")" 1 "two: one server ran"

# --- a retry queued, then a reload that changes the datagram mode
if ! grep -q 'libwrap' "$XT_LOG"; then
	skip "datagram mode change: this build has no libwrap" 4
else
	cf=$(conf 1)
	xt_cgroup_max 1
	"$XT_NET" udp 127.0.0.1 "$P_ECHO" -s ping -t 1 >/dev/null 2>&1
	ok "echo in a child: fork fails, a retry is queued" \
		xt_log_wait "${XT_RE_PROG}ERROR: echo-udp: fork failed: " 5
	conf 1 NOLIBWRAP >/dev/null
	kill -HUP "$XT_PID"
	xt_log_wait_n 2 "${XT_RE_PROG}NOTICE: Reconfigured: " 5
	xt_udp got 127.0.0.1 "$P_ECHO" -s after-reload -t 2
	is "$got" "after-reload" "NOLIBWRAP added: the daemon answers at once"
	xt_sleep_ms 6000
	xt_udp got 127.0.0.1 "$P_ECHO" -s later -t 2
	is "$got" "later" "after the retry would have fired: still answered"
	ok "the listening socket is still there" \
		sh -c "ss -Hlun 'sport = :$P_ECHO' | grep -q ."
	xt_cgroup_max max
fi
ok "daemon still running" xt_alive
xt_check_clean
xt_stop
done_testing
