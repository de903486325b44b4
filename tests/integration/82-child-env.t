#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 82-child-env: the state an exec'd server starts with, as reported by
# xt-probe (reference 2, 4.4, 4.5, 12 #35-#41):
#  - root only: `user = nobody` + `group = daemon`: uid/gid; `groups = yes`
#    -> nobody's initgroups list, `groups = no` -> none;
#  - `umask = 027`; default umask = launch umask | 022 (077 -> 0077,
#    002 -> 0022); `nice = 5`;
#  - rlimit_as/cpu/stack/data/rss/files -> soft = hard = the value; without
#    rlimit_files NOFILE soft = hard = the daemon's hard limit;
#  - defaults `passenv = PATH HOME` + `env = FOO=bar BAZ=q=x` -> exactly those
#    and REMOTE_HOST; without passenv the daemon's environment passes;
#  - NAMEINARGS before server_args: argv[0] = first argument; NAMEINARGS after
#    server_args works too in xinetd-ng (2.3.15.3 children crash).
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
command -v prlimit >/dev/null || skip_all "prlimit (util-linux) not found"
xt_setup P_GRP P_NOGRP P_UM P_UMDEF P_NICE P_RLIM P_ENV P_NIAB P_NIAA P_D2 P_D2ENV
probe=$(xt_install_probe) || BAIL_OUT "cannot copy xt-probe into $T"
AS_ROOT=0
if xt_is_root && getent passwd nobody >/dev/null && getent group daemon >/dev/null; then
	AS_ROOT=1
fi

# The daemons get exactly this environment (plus sanitizer settings, if any).
daemon_env=(HOME=/xt-home PATH=/usr/bin:/bin XT_SECRET=1)
for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
	[ -n "${!v:-}" ] && daemon_env+=("$v=${!v}")
done

{
	printf 'defaults\n{\n\tpassenv = PATH HOME\n}\n\n'
	if [ "$AS_ROOT" = 1 ]; then
		xt_svc nobody-grp "$P_GRP" "user = nobody" "group = daemon" "groups = yes" "server = $probe"
		xt_svc nobody-nogrp "$P_NOGRP" "user = nobody" "group = daemon" "groups = no" "server = $probe"
	fi
	xt_svc um027 "$P_UM" "umask = 027" "server = $probe"
	xt_svc umdef "$P_UMDEF" "server = $probe"
	xt_svc nice5 "$P_NICE" "nice = 5" "server = $probe"
	xt_svc rlim "$P_RLIM" "server = $probe" \
		"rlimit_as = 100M" "rlimit_cpu = 10" "rlimit_stack = 1M" \
		"rlimit_data = 200M" "rlimit_rss = 300K" "rlimit_files = 100"
	xt_svc envsvc "$P_ENV" "server = $probe" "env = FOO=bar BAZ=q=x"
	xt_svc nia-before "$P_NIAB" "server = $probe" "flags = NAMEINARGS" "server_args = myname a b"
	# 2.3.15.3: argv[0] stays NULL and every child crashes (reference 2.1)
	xt_oracle || xt_svc nia-after "$P_NIAA" "server = $probe" "server_args = myname a b" "flags = NAMEINARGS"
} >"$T/xinetd.conf"
conf=$T/xinetd.conf

# daemon 1: launch umask 077, NOFILE 256 soft / 4096 hard (or lower, if the
# hard limit is lower already)
HARD=4096 SOFT=256
h=$(ulimit -Hn)
[ "$h" != unlimited ] && [ "$h" -lt "$HARD" ] && HARD=$h
[ "$SOFT" -gt "$HARD" ] && SOFT=$HARD
saved_umask=$(umask)
umask 077
XT_START_PREFIX=(env -i "${daemon_env[@]}" prlimit "--nofile=$SOFT:$HARD" --)
xt_start "$conf"
started=$?
umask "$saved_umask"
XT_START_PREFIX=()
is "$started" 0 "daemon 1 starts (umask 077, env -i, NOFILE $SOFT:$HARD)" || BAIL_OUT "daemon did not start"
D1=$XT_H

# report PORT : the probe's report from an IPv4 client, complete or empty
report() {
	local r
	xt_tcp r 127.0.0.1 "$1" -t 5
	if [ "$(xt_kv "$r" end)" != 1 ]; then
		diag "incomplete report from port $1 (xt-net exit $XT_RC): $(xt__show "$r") $XT_ERR"
	fi
	printf '%s' "$r"
}
envs() { grep '^env=' <<<"$1" | sort | tr '\n' ' '; }

# --- credentials (root only)
if [ "$AS_ROOT" = 1 ]; then
	nobody_uid=$(id -u nobody)
	daemon_gid=$(getent group daemon | cut -d: -f3)
	nobody_groups=$(id -G nobody | tr ' ' '\n' | sort -n -u | paste -sd, -)
	rep=$(report "$P_GRP")
	is "$(xt_kv "$rep" uid)/$(xt_kv "$rep" euid)" "$nobody_uid/$nobody_uid" "user = nobody: uid and euid $nobody_uid"
	is "$(xt_kv "$rep" gid)/$(xt_kv "$rep" egid)" "$daemon_gid/$daemon_gid" "group = daemon: gid and egid $daemon_gid"
	is "$(xt_kv "$rep" groups)" "$nobody_groups" "groups = yes: supplementary groups = initgroups(nobody) ($nobody_groups), without 'daemon'"
	rep=$(report "$P_NOGRP")
	is "$(xt_kv "$rep" uid)/$(xt_kv "$rep" gid)" "$nobody_uid/$daemon_gid" "groups = no: uid nobody, gid daemon"
	is "$(xt_kv "$rep" groups)" "" "groups = no: no supplementary groups"
else
	skip "needs root, user nobody and group daemon" 5
fi

# --- umask, nice
rep=$(report "$P_UM")
is "$(xt_kv "$rep" umask)" 0027 "umask = 027 -> 0027"
rep=$(report "$P_UMDEF")
is "$(xt_kv "$rep" umask)" 0077 "no umask attribute, daemon launched with umask 077 -> 0077"
is "$(xt_kv "$rep" rlimit_nofile)" "$HARD:$HARD" \
	"no rlimit_files: NOFILE soft = hard = the daemon's hard limit ($HARD)"
base_nice=$(xt_kv "$rep" nice)
rep=$(report "$P_NICE")
want_nice=$((base_nice + 5))
[ "$want_nice" -gt 19 ] && want_nice=19
is "$(xt_kv "$rep" nice)" "$want_nice" "nice = 5 -> priority $want_nice"

# --- rlimits
rep=$(report "$P_RLIM")
is "$(xt_kv "$rep" rlimit_as)" 104857600:104857600 "rlimit_as = 100M -> 104857600 soft and hard"
is "$(xt_kv "$rep" rlimit_cpu)" 10:10 "rlimit_cpu = 10 -> 10 soft and hard"
is "$(xt_kv "$rep" rlimit_stack)" 1048576:1048576 "rlimit_stack = 1M -> 1048576 soft and hard"
is "$(xt_kv "$rep" rlimit_data)" 209715200:209715200 "rlimit_data = 200M -> 209715200 soft and hard"
is "$(xt_kv "$rep" rlimit_rss)" 307200:307200 "rlimit_rss = 300K -> 307200 soft and hard"
is "$(xt_kv "$rep" rlimit_nofile)" 100:100 "rlimit_files = 100 -> 100 soft and hard"

# --- environment: defaults passenv + env
rep=$(report "$P_ENV")
is "$(envs "$rep")" \
	"env=BAZ=q=x env=FOO=bar env=HOME=/xt-home env=PATH=/usr/bin:/bin env=REMOTE_HOST=::ffff:127.0.0.1 " \
	"passenv = PATH HOME + env = FOO=bar BAZ=q=x: exactly those and REMOTE_HOST"
rep=$(report "$P_UM")
is "$(envs "$rep")" "env=HOME=/xt-home env=PATH=/usr/bin:/bin env=REMOTE_HOST=::ffff:127.0.0.1 " \
	"passenv from defaults alone: PATH HOME REMOTE_HOST (no XT_SECRET)"

# --- NAMEINARGS
rep=$(report "$P_NIAB")
is "$(xt_kv "$rep" argc)" 3 "NAMEINARGS before server_args: argc = 3"
is "$(xt_kv "$rep" argv)" "myname a b" "NAMEINARGS before server_args: argv = myname a b"
if xt_oracle; then
	skip "NAMEINARGS after server_args crashes children in 2.3.15.3 (XT_ORACLE=1)" 2
else
	rep=$(report "$P_NIAA")
	is "$(xt_kv "$rep" argc)" 3 "NAMEINARGS after server_args: argc = 3"
	is "$(xt_kv "$rep" argv)" "myname a b" "NAMEINARGS after server_args: argv = myname a b"
fi
ok "daemon 1 still running" xt_alive "$D1"

# --- daemon 2: launch umask 002, no passenv
conf2=$(xt_conf xinetd2.conf <<EOF
$(xt_svc plain "$P_D2" "server = $probe")
$(xt_svc envonly "$P_D2ENV" "server = $probe" "env = FOO=bar HOME=/over")
EOF
)
saved_umask=$(umask)
umask 002
XT_START_PREFIX=(env -i "${daemon_env[@]}")
xt_start "$conf2"
started=$?
umask "$saved_umask"
XT_START_PREFIX=()
is "$started" 0 "daemon 2 starts (umask 002, env -i)" || BAIL_OUT "daemon 2 did not start"

want=''
for kv in "${daemon_env[@]}" REMOTE_HOST=::ffff:127.0.0.1; do want+="env=$kv"$'\n'; done
want=$(sort <<<"${want%$'\n'}" | tr '\n' ' ')
rep=$(report "$P_D2")
is "$(xt_kv "$rep" umask)" 0022 "no umask attribute, daemon launched with umask 002 -> 0022"
is "$(envs "$rep")" "$want" "no passenv, no env: the daemon's environment (XT_SECRET included) + REMOTE_HOST"
want=''
for kv in "${daemon_env[@]}" REMOTE_HOST=::ffff:127.0.0.1 FOO=bar; do
	[[ $kv == HOME=* ]] && kv=HOME=/over
	want+="env=$kv"$'\n'
done
want=$(sort <<<"${want%$'\n'}" | tr '\n' ' ')
rep=$(report "$P_D2ENV")
is "$(envs "$rep")" "$want" "env only: the daemon's environment, env values added or overriding, REMOTE_HOST"

ok "daemon 2 still running" xt_alive
xt_check_clean
done_testing
