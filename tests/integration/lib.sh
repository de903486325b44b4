# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck shell=bash
# shellcheck disable=SC2034  # globals set here are read by the test scripts
# lib.sh - shared harness for the xinetd-ng integration tests (bash, TAP).
#
# Source it from a test:   . "$(dirname "$0")/lib.sh"
#
# Environment:
#   XINETD      daemon binary under test (required)
#   XT_NET      path to the xt-net client tool (required)
#   XT_PROBE    path to the xt-probe server tool (required)
#   XT_SRCDIR   top of the source tree (optional; example files)
#   XT_ORACLE   set to 1 when XINETD is the genuine xinetd: assertions about
#               xinetd-ng's deliberate improvements are skipped
#   XT_KEEP     set to keep the temporary directory (its path is printed)
#   XT_START_TIMEOUT  seconds to wait for a daemon to start (default 10)
#   XT_TEST_TIMEOUT   watchdog for the whole test script (default 90)
#
# Everything that waits is bounded.  Tests contact only 127.0.0.1 and ::1 and
# use ports from `xt-net freeport` (20000..59999).

# ---------------------------------------------------------------------------
# TAP
# ---------------------------------------------------------------------------

XT_TAP_N=0          # tests run so far
XT_TAP_FAILED=0     # tests failed so far
XT_TAP_PLAN=''      # number given to plan, or empty
XT_TAP_DONE=0       # done_testing / skip_all reached

# Make a description safe for a TAP line: one line, '#' escaped.
xt__tap_desc() {
	local d=${1//$'\n'/ }
	d=${d//#/\\#}
	printf '%s' "$d"
}

# a value for diagnostics: 'text' when plain, $'...' (printf %q) otherwise
xt__show() {
	if [[ $1 =~ ^[[:print:]]*$ ]]; then
		printf "'%s'" "$1"
	else
		printf '%q' "$1"
	fi
}

plan() {
	XT_TAP_PLAN=$1
	echo "1..$1"
}

# diag MSG... : TAP comment lines on stdout (multi-line text is fine)
diag() {
	local line
	while IFS= read -r line || [ -n "$line" ]; do
		printf '# %s\n' "$line"
	done <<<"$*"
}

# diag_file FILE [MAXLINES] : show the tail of a file as comments
diag_file() {
	local f=$1 max=${2:-40}
	if [ -s "$f" ]; then
		diag "---- $f (last $max lines) ----"
		diag "$(tail -n "$max" "$f")"
	elif [ -f "$f" ]; then
		diag "---- $f: (empty) ----"
	else
		diag "---- $f: (missing) ----"
	fi
}

pass() {
	XT_TAP_N=$((XT_TAP_N + 1))
	echo "ok $XT_TAP_N - $(xt__tap_desc "$1")"
	return 0
}

fail() {
	XT_TAP_N=$((XT_TAP_N + 1))
	XT_TAP_FAILED=$((XT_TAP_FAILED + 1))
	echo "not ok $XT_TAP_N - $(xt__tap_desc "$1")"
	diag "  Failed test '$1'"
	diag "  at $(xt__caller)"
	return 1
}

# file:line of the first caller outside this library
xt__caller() {
	local i
	for ((i = 1; i < ${#BASH_SOURCE[@]}; i++)); do
		if [ "${BASH_SOURCE[i]}" != "${BASH_SOURCE[0]}" ]; then
			echo "${BASH_SOURCE[i]} line ${BASH_LINENO[i - 1]}"
			return
		fi
	done
	echo "?"
}

# ok DESC CMD [ARGS...] : passes when CMD exits 0
ok() { xt__cmd 0 "$@"; }

# nok DESC CMD [ARGS...] : passes when CMD exits non-zero
nok() { xt__cmd 1 "$@"; }

# xt__cmd FAILS DESC CMD [ARGS...] : ok (FAILS=0) and nok (FAILS=1)
xt__cmd() {
	local fails=$1 desc=$2 rc
	shift 2
	"$@"
	rc=$?
	if [ "$((rc != 0))" -eq "$fails" ]; then
		pass "$desc"
	elif [ "$fails" -eq 0 ]; then
		fail "$desc"
		diag "  command: $* (exit status $rc)"
		return 1
	else
		fail "$desc"
		diag "  command unexpectedly succeeded: $*"
		return 1
	fi
}

# is GOT EXPECTED DESC : exact string comparison
is() {
	if [ "$1" == "$2" ]; then
		pass "$3"
	else
		fail "$3"
		diag "       got: $(xt__show "$1")"
		diag "  expected: $(xt__show "$2")"
		return 1
	fi
}

isnt() {
	if [ "$1" != "$2" ]; then
		pass "$3"
	else
		fail "$3"
		diag "  got: $(xt__show "$1")"
		diag "  expected anything else"
		return 1
	fi
}

# like GOT ERE DESC : bash extended regex match ([[ =~ ]]); multi-line GOT
# is matched as a whole, so anchor with care
like() {
	if [[ $1 =~ $2 ]]; then
		pass "$3"
	else
		fail "$3"
		diag "                  $(xt__show "$1")"
		diag "  doesn't match: $2"
		return 1
	fi
}

unlike() {
	if ! [[ $1 =~ $2 ]]; then
		pass "$3"
	else
		fail "$3"
		diag "            $(xt__show "$1")"
		diag "  matches: $2"
		return 1
	fi
}

# skip REASON [COUNT] : record COUNT (default 1) skipped tests
skip() {
	local i n=${2:-1}
	for ((i = 0; i < n; i++)); do
		XT_TAP_N=$((XT_TAP_N + 1))
		echo "ok $XT_TAP_N # SKIP $(xt__tap_desc "$1")"
	done
}

# skip_all REASON : the whole test is skipped
skip_all() {
	echo "1..0 # SKIP $(xt__tap_desc "$1")"
	XT_TAP_DONE=1
	exit 0
}

BAIL_OUT() {
	echo "Bail out! $(xt__tap_desc "$1")"
	XT_TAP_DONE=1
	exit 255
}

# done_testing : print the plan (if none was given) and exit; status is 1 if
# any test failed or the plan does not match the number of tests run
done_testing() {
	local rc=0
	if [ -z "$XT_TAP_PLAN" ]; then
		echo "1..$XT_TAP_N"
	elif [ "$XT_TAP_PLAN" -ne "$XT_TAP_N" ]; then
		diag "planned $XT_TAP_PLAN tests but ran $XT_TAP_N"
		rc=255
	fi
	if [ "$XT_TAP_FAILED" -gt 0 ]; then
		diag "failed $XT_TAP_FAILED test(s) of $XT_TAP_N"
		[ "$rc" -eq 0 ] && rc=1
	fi
	XT_TAP_DONE=1
	exit "$rc"
}

# ---------------------------------------------------------------------------
# environment checks
# ---------------------------------------------------------------------------

xt__check_env() {
	local v
	for v in XINETD XT_NET XT_PROBE; do
		if [ -z "${!v:-}" ]; then
			BAIL_OUT "environment variable $v is not set"
		fi
		if [ ! -x "${!v}" ]; then
			BAIL_OUT "$v=${!v} is not an executable file"
		fi
	done
	# Absolute paths: the daemon runs servers from /.
	case $XT_PROBE in /*) ;; *) XT_PROBE=$(cd "$(dirname "$XT_PROBE")" && pwd)/$(basename "$XT_PROBE") ;; esac
	case $XT_NET in /*) ;; *) XT_NET=$(cd "$(dirname "$XT_NET")" && pwd)/$(basename "$XT_NET") ;; esac
	case $XINETD in /*) ;; *) XINETD=$(cd "$(dirname "$XINETD")" && pwd)/$(basename "$XINETD") ;; esac
	XT_SRCDIR=${XT_SRCDIR:-}
}

xt_is_root() { [ "$(id -u)" -eq 0 ]; }

xt_require_root() {
	xt_is_root || skip_all "needs root (uid is $(id -u))"
}

xt_oracle() { [ "${XT_ORACLE:-0}" = 1 ]; }

# user name of the current user (for `user = ` lines)
xt_user() { id -un; }

# xt_sleep_ms N : short pause for polling loops (never used as the only sync)
xt_sleep_ms() {
	sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"
}

# xt_now_ms : monotonic-enough wall clock in milliseconds
xt_now_ms() {
	local t=${EPOCHREALTIME//[!0-9]/}
	echo $((10#$t / 1000))
}

# xt_sec_to_ms SEC : "5" or "2.5" -> milliseconds
xt_sec_to_ms() {
	local s=$1 int frac
	int=${s%%.*}
	frac=${s#"$int"}
	frac=${frac#.}000
	echo $((10#${int:-0} * 1000 + 10#${frac:0:3}))
}

# xt_deadline SEC : absolute deadline (ms) SEC seconds from now
xt_deadline() { echo $(($(xt_now_ms) + $(xt_sec_to_ms "$1"))); }

# xt_before DEADLINE : true while the deadline has not passed
xt_before() { [ "$(xt_now_ms)" -lt "$1" ]; }

# ---------------------------------------------------------------------------
# setup / teardown
# ---------------------------------------------------------------------------

T=''                 # the test's private temporary directory
XT_NDAEMONS=0        # number of daemons started (handles 1..N)
declare -a XT_D_PID=() XT_D_LOG=() XT_D_PIDFILE=() XT_D_OUT=() XT_D_ERR=() XT_D_EXIT=()
XT_H=''              # handle of the current daemon (the last started, or xt_use)
XT_PID=''            # its pid, program log, pidfile, stdout and stderr files
XT_LOG=''
XT_PIDFILE=''
XT_STDOUT=''
XT_STDERR=''
XT_EXIT=''           # exit status found by the last xt_stop / xt_wait_exit
XT_WATCHDOG=''
XT_START_PREFIX=()   # command words put before $XINETD by xt_start

# xt_setup [PORTVAR...] : check the environment, make the private temporary
#   directory $T, start the watchdog; then xt_port_vars PORTVAR...
xt_setup() {
	xt__check_env
	T=$(mktemp -d "${TMPDIR:-/tmp}/xt.$(basename "$0" .t).XXXXXX") || BAIL_OUT "mktemp failed"
	chmod 755 "$T"
	trap xt__cleanup EXIT
	trap 'diag "interrupted"; exit 130' INT
	trap 'diag "terminated (watchdog after ${XT_TEST_TIMEOUT:-90} s?)"; exit 143' TERM
	# Watchdog: the whole script gets XT_TEST_TIMEOUT seconds.
	local me=$$
	(
		trap - EXIT INT TERM
		exec >/dev/null 2>&1 </dev/null
		# Wait inside the shell itself (read -t on a pipe nobody writes
		# to), so that killing this one process cancels the watchdog.
		exec {fd}<> <(:)
		read -r -t "${XT_TEST_TIMEOUT:-90}" -u "$fd" _
		kill -TERM "$me"
	) &
	XT_WATCHDOG=$!
	diag "temp dir $T"
	if [ "$#" -gt 0 ]; then
		xt_port_vars "$@"
	fi
}

# pids of the direct children of PID (read from /proc, by PID only)
xt__children_of() {
	local parent=$1 st rest fld
	for st in /proc/[0-9]*/stat; do
		{ IFS= read -r rest <"$st"; } 2>/dev/null || continue
		rest=${rest##*) }      # after "pid (comm) "
		read -r -a fld <<<"$rest" # state ppid ...
		if [ "${fld[1]}" = "$parent" ]; then
			st=${st#/proc/}
			echo "${st%/stat}"
		fi
	done
}

xt__cleanup() {
	local rc=$? h kids=() k
	trap - EXIT INT TERM
	xt__pids_cgroup_remove
	if [ -n "$XT_WATCHDOG" ]; then
		kill -TERM "$XT_WATCHDOG" 2>/dev/null
		wait "$XT_WATCHDOG" 2>/dev/null
	fi
	for ((h = 1; h <= XT_NDAEMONS; h++)); do
		if [ -n "${XT_D_PID[h]}" ] && [ -z "${XT_D_EXIT[h]}" ]; then
			# servers still running under this daemon: end them after it
			for k in $(xt__children_of "${XT_D_PID[h]}"); do kids+=("$k"); done
			xt_stop "$h" >/dev/null
		fi
	done
	for k in "${kids[@]}"; do
		kill -KILL "$k" 2>/dev/null
	done
	if [ "$XT_TAP_DONE" != 1 ]; then
		diag "test script ended before done_testing (exit status $rc)"
		[ "$rc" -eq 0 ] && rc=255
	fi
	if [ -n "$T" ] && [ -d "$T" ]; then
		if [ -n "${XT_KEEP:-}" ]; then
			diag "keeping $T"
		else
			rm -rf "$T"
		fi
	fi
	exit "$rc"
}

# ---------------------------------------------------------------------------
# a pids cgroup, to make fork fail on purpose (root)
# ---------------------------------------------------------------------------

XT_CGROUP=''   # the cgroup xt_pids_cgroup made, or empty

# xt_pids_cgroup : make a private pids cgroup (v2, or v1's pids hierarchy),
#   set XT_CGROUP; fails (returns 1) where there is none or not root.
xt_pids_cgroup() {
	local d
	xt_is_root || return 1
	if grep -qw pids /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
		d=/sys/fs/cgroup/xt-$$
	elif [ -d /sys/fs/cgroup/pids ]; then
		d=/sys/fs/cgroup/pids/xt-$$
	else
		return 1
	fi
	mkdir "$d" 2>/dev/null && [ -w "$d/pids.max" ] || { rmdir "$d" 2>/dev/null; return 1; }
	XT_CGROUP=$d
}

# xt_cgroup_add PID : move PID (and what it forks from then on) into it
xt_cgroup_add() { echo "$1" >"$XT_CGROUP/cgroup.procs"; }

# xt_cgroup_max N|max : processes the cgroup may hold (fork fails beyond)
xt_cgroup_max() { echo "$1" >"$XT_CGROUP/pids.max"; }

# The cgroup goes with the test: what is left in it moves to the parent.
xt__pids_cgroup_remove() {
	local p
	[ -n "$XT_CGROUP" ] && [ -d "$XT_CGROUP" ] || return 0
	echo max >"$XT_CGROUP/pids.max" 2>/dev/null
	while read -r p; do
		echo "$p" >"$(dirname "$XT_CGROUP")/cgroup.procs" 2>/dev/null
	done <"$XT_CGROUP/cgroup.procs"
	rmdir "$XT_CGROUP" 2>/dev/null
}

# xt_conf NAME <<EOF ... EOF : write stdin to $T/NAME, print the path
xt_conf() {
	cat >"$T/$1" || return 1
	echo "$T/$1"
}

# xt_ports N : N free TCP+UDP loopback ports, one per line
xt_ports() {
	"$XT_NET" freeport "${1:-1}" || BAIL_OUT "xt-net freeport failed"
}

# xt_port_vars VAR... : set each VAR to a free TCP+UDP loopback port of its own
xt_port_vars() {
	local out v
	local -a p
	out=$("$XT_NET" freeport "$#") || BAIL_OUT "xt-net freeport failed"
	mapfile -t p <<<"$out"
	[ "${#p[@]}" -eq "$#" ] || BAIL_OUT "xt-net freeport gave ${#p[@]} ports, not $#"
	for v in "$@"; do
		printf -v "$v" '%s' "${p[0]}"
		p=("${p[@]:1}")
	done
}

# xt_script NAME <<'EOF' ... EOF : write stdin to $T/NAME with mode 755 (any
#   user may run it, e.g. as a server), print the path
xt_script() {
	cat >"$T/$1" && chmod 755 "$T/$1" && echo "$T/$1"
}

# xt_svc [-l] NAME PORT [LINE...] : print a service entry (for xt_conf) with
#   type = UNLISTED, socket_type = stream, protocol = tcp, wait = no,
#   port = PORT and user = $(xt_user); -l adds log_type = FILE $T/NAME.log,
#   log_on_success = PID HOST EXIT and log_on_failure = HOST.  A LINE
#   "ATTR = VALUE" for one of these replaces it in place, any other LINE
#   ("only_from =", "env += X=1", ...) follows them in the order given, and
#   "-ATTR" leaves ATTR out.  Example:
#     xt_svc -l hello "$P" "server = /bin/echo" "server_args = HELLO"
xt_svc() {
	local name port l i log=0
	local -a keys vals extra=()
	if [ "$1" = -l ]; then
		log=1
		shift
	fi
	name=$1 port=$2
	shift 2
	keys=(type socket_type protocol wait port user)
	vals=(UNLISTED stream tcp no "$port" "$(xt_user)")
	if [ "$log" = 1 ]; then
		keys+=(log_type log_on_success log_on_failure)
		vals+=("FILE $T/$name.log" "PID HOST EXIT" HOST)
	fi
	for l in "$@"; do
		for i in "${!keys[@]}"; do
			if [ "$l" = "-${keys[i]}" ]; then
				unset 'keys[i]' 'vals[i]'
				continue 2
			fi
			case $l in
			"${keys[i]} =" | "${keys[i]} = "*)
				vals[i]=${l#"${keys[i]} ="}
				vals[i]=${vals[i]# }
				continue 2
				;;
			esac
		done
		extra+=("$l")
	done
	printf 'service %s\n{\n' "$name"
	for i in "${!keys[@]}"; do
		printf '\t%s = %s\n' "${keys[i]}" "${vals[i]}"
	done
	for l in "${extra[@]}"; do
		printf '\t%s\n' "$l"
	done
	printf '}\n\n'
}

# ---------------------------------------------------------------------------
# daemons
# ---------------------------------------------------------------------------

# xt_use H : make daemon H the current one (XT_PID, XT_LOG, ...)
xt_use() {
	XT_H=$1
	XT_PID=${XT_D_PID[$1]}
	XT_LOG=${XT_D_LOG[$1]}
	XT_PIDFILE=${XT_D_PIDFILE[$1]}
	XT_STDOUT=${XT_D_OUT[$1]}
	XT_STDERR=${XT_D_ERR[$1]}
}

# xt_start CONF [EXTRA DAEMON ARGS...]
#   Runs $XINETD -dontfork -f CONF -filelog LOG -pidfile PIDFILE EXTRA... in the
#   background and waits until LOG says "Started working".  The new daemon
#   becomes current: XT_H (its handle), XT_PID, XT_LOG, XT_PIDFILE, XT_STDOUT,
#   XT_STDERR.  The first daemon uses $T/xinetd.{log,pid,stdout,stderr}, the
#   Nth $T/xinetd.N.*.  Returns 1 (with diagnostics) if the daemon died or did
#   not get ready within XT_START_TIMEOUT seconds.
#   Environment for the daemon: prefix the call (FOO=bar xt_start ...).
#   XT_START_PREFIX (array) is put before the command, e.g.
#   XT_START_PREFIX=(setpriv --groups 4,100 --); it must exec the daemon so
#   that the recorded pid stays the daemon's.
xt_start() {
	local conf=$1 h sfx pid
	shift
	XT_NDAEMONS=$((XT_NDAEMONS + 1))
	h=$XT_NDAEMONS
	if [ "$h" -eq 1 ]; then sfx=''; else sfx=".$h"; fi
	XT_D_LOG[h]=$T/xinetd$sfx.log
	XT_D_PIDFILE[h]=$T/xinetd$sfx.pid
	XT_D_OUT[h]=$T/xinetd$sfx.stdout
	XT_D_ERR[h]=$T/xinetd$sfx.stderr
	XT_D_EXIT[h]=''
	"${XT_START_PREFIX[@]}" "$XINETD" -dontfork -f "$conf" -filelog "${XT_D_LOG[h]}" -pidfile "${XT_D_PIDFILE[h]}" "$@" \
		>"${XT_D_OUT[h]}" 2>"${XT_D_ERR[h]}" </dev/null &
	pid=$!
	XT_D_PID[h]=$pid
	xt_use "$h"
	if xt__wait_ready "$h"; then
		return 0
	fi
	return 1
}

# xt_start_ok CONF [EXTRA DAEMON ARGS...] : xt_start as one TAP test, "daemon
#   starts"; BAIL_OUT when the daemon does not start
xt_start_ok() {
	ok "daemon starts" xt_start "$@" || BAIL_OUT "daemon did not start"
}

# xt_working N [DESC] : one TAP test: the current daemon's program log says
#   "NOTICE: Started working: N available services"
xt_working() {
	local desc="program log: 'Started working: $1 available services'"
	ok "${2:-$desc}" xt_log_wait "${XT_RE_PROG}NOTICE: Started working: $1 available services\$" 1
}

# xt_start_working N CONF [EXTRA DAEMON ARGS...] : xt_start_ok, then xt_working N
xt_start_working() {
	local n=$1
	shift
	xt_start_ok "$@"
	xt_working "$n"
}

xt__wait_ready() {
	local h=$1 end
	end=$(xt_deadline "${XT_START_TIMEOUT:-10}")
	while :; do
		if [ -f "${XT_D_LOG[h]}" ] &&
			grep -Eq ': Started working: [0-9]+ available service' "${XT_D_LOG[h]}"; then
			return 0
		fi
		if ! kill -0 "${XT_D_PID[h]}" 2>/dev/null; then
			wait "${XT_D_PID[h]}" 2>/dev/null
			XT_D_EXIT[h]=$?
			diag "daemon $h (pid ${XT_D_PID[h]}) died during start-up, exit status ${XT_D_EXIT[h]}"
			xt__diag_daemon "$h"
			return 1
		fi
		xt_before "$end" || break
		xt_sleep_ms 25
	done
	diag "daemon $h (pid ${XT_D_PID[h]}) not ready after ${XT_START_TIMEOUT:-10} s"
	xt__diag_daemon "$h"
	return 1
}

xt__diag_daemon() {
	diag_file "${XT_D_LOG[$1]}"
	diag_file "${XT_D_ERR[$1]}" 20
}

# xt_alive [H] : is the daemon still running?
xt_alive() {
	local h=${1:-$XT_H}
	[ -z "${XT_D_EXIT[h]}" ] && kill -0 "${XT_D_PID[h]}" 2>/dev/null
}

# xt_wait_exit [H] [TIMEOUT] : wait (bounded) for the daemon to exit by itself;
#   returns 0 and sets XT_EXIT to its status if it did, 1 on timeout
xt_wait_exit() {
	local h=${1:-$XT_H} t=${2:-5} end
	if [ -n "${XT_D_EXIT[h]}" ]; then
		XT_EXIT=${XT_D_EXIT[h]}
		return 0
	fi
	end=$(xt_deadline "$t")
	while :; do
		if ! kill -0 "${XT_D_PID[h]}" 2>/dev/null; then
			wait "${XT_D_PID[h]}" 2>/dev/null
			XT_D_EXIT[h]=$?
			XT_EXIT=${XT_D_EXIT[h]}
			return 0
		fi
		xt_before "$end" || return 1
		xt_sleep_ms 20
	done
}

# xt_children [H] : pids of daemon H's (default: the current one's) direct
#   children, i.e. its running servers, one per line
xt_children() {
	local k comm
	for k in $(xt__children_of "${XT_D_PID[${1:-$XT_H}]}"); do
		# xinetd-ng's spawning helper and access checkers live as long
		# as the daemon; they are not servers.
		comm=$(cat "/proc/$k/comm" 2>/dev/null) || continue
		case $comm in
		xinetd-spawner | xinetd-checker) ;;
		*) echo "$k" ;;
		esac
	done
}

# xt_stop [H] [SIGNAL] : send SIGNAL (default TERM) to daemon H (default the
#   current one) by pid, wait up to 5 s for it to exit, then SIGKILL.  Sets
#   XT_EXIT to the exit status (128+N when killed by signal N) and returns it;
#   prints it on stdout as a diagnostic line.
xt_stop() {
	local h=${1:-$XT_H} sig=${2:-TERM}
	if [ -z "${XT_D_PID[h]:-}" ]; then
		diag "xt_stop: no daemon $h"
		return 255
	fi
	if [ -z "${XT_D_EXIT[h]}" ]; then
		kill -"$sig" "${XT_D_PID[h]}" 2>/dev/null
		if ! xt_wait_exit "$h" 5; then
			diag "daemon $h (pid ${XT_D_PID[h]}) still running 5 s after SIG$sig: SIGKILL"
			kill -KILL "${XT_D_PID[h]}" 2>/dev/null
			wait "${XT_D_PID[h]}" 2>/dev/null
			XT_D_EXIT[h]=$?
		fi
	fi
	XT_EXIT=${XT_D_EXIT[h]}
	diag "daemon $h (pid ${XT_D_PID[h]}) exit status $XT_EXIT"
	return "$XT_EXIT"
}

# ---------------------------------------------------------------------------
# logs
# ---------------------------------------------------------------------------

# xt_log_wait ERE [TIMEOUT [FILE]] : wait until a line of FILE (default: the
#   current daemon's program log) matches ERE (grep -E); TIMEOUT in seconds,
#   default 5.  Returns 1 with diagnostics on timeout.
xt_log_wait() {
	local re=$1 t=${2:-5} f=${3:-$XT_LOG} end
	end=$(xt_deadline "$t")
	while :; do
		if [ -f "$f" ] && grep -Eq -- "$re" "$f"; then
			return 0
		fi
		xt_before "$end" || break
		xt_sleep_ms 25
	done
	diag "timed out after $t s waiting for /$re/ in $f"
	diag_file "$f" 20
	return 1
}

# xt_log_count ERE [FILE] : number of matching lines
xt_log_count() {
	local f=${2:-$XT_LOG}
	[ -f "$f" ] || { echo 0; return; }
	grep -Ec -- "$1" "$f"
}

# xt_log_wait_n N ERE [TIMEOUT [FILE]] : wait until at least N lines match
xt_log_wait_n() {
	local n=$1 re=$2 t=${3:-5} f=${4:-$XT_LOG} end
	end=$(xt_deadline "$t")
	while :; do
		if [ "$(xt_log_count "$re" "$f")" -ge "$n" ]; then
			return 0
		fi
		xt_before "$end" || break
		xt_sleep_ms 25
	done
	diag "timed out after $t s waiting for $n lines matching /$re/ in $f"
	diag_file "$f" 20
	return 1
}

# xt_log_grep ERE [FILE] : print the matching lines
xt_log_grep() {
	local f=${2:-$XT_LOG}
	[ -f "$f" ] && grep -E -- "$1" "$f"
}

# xt_check_clean [DESC] : one TAP test: no sanitizer report in any daemon's
#   stderr and no CRITICAL line in any daemon's program log
xt_check_clean() {
	local h bad=''
	local san='AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|ThreadSanitizer|MemorySanitizer|runtime error:'
	for ((h = 1; h <= XT_NDAEMONS; h++)); do
		if [ -f "${XT_D_ERR[h]}" ] && grep -Eq "$san" "${XT_D_ERR[h]}"; then
			bad+="sanitizer report in ${XT_D_ERR[h]}"$'\n'
			bad+="$(grep -E -A5 "$san" "${XT_D_ERR[h]}" | head -n 30)"$'\n'
		fi
		if [ -f "${XT_D_LOG[h]}" ] && grep -Eq ': CRITICAL: ' "${XT_D_LOG[h]}"; then
			bad+="CRITICAL in ${XT_D_LOG[h]}:"$'\n'
			bad+="$(grep -E ': CRITICAL: ' "${XT_D_LOG[h]}" | head -n 10)"$'\n'
		fi
	done
	if [ -z "$bad" ]; then
		pass "${1:-daemon logs are clean (no sanitizer report, no CRITICAL)}"
	else
		fail "${1:-daemon logs are clean (no sanitizer report, no CRITICAL)}"
		diag "$bad"
		return 1
	fi
}

# ---------------------------------------------------------------------------
# clients
# ---------------------------------------------------------------------------

# xt_capture VAR CMD [ARGS...] : run CMD, store its stdout in VAR exactly
#   (trailing newlines kept), its exit status in XT_RC (also returned)
xt_capture() {
	local __xt_var=$1 __xt_out
	shift
	__xt_out=$("$@"; __xt_rc=$?; printf x; exit "$__xt_rc")
	XT_RC=$?
	printf -v "$__xt_var" '%s' "${__xt_out%x}"
	return "$XT_RC"
}

# xt_tcp VAR HOST PORT [xt-net tcp options...] : connect with xt-net, store the
#   reply in VAR exactly; XT_RC = xt-net's exit status (0 EOF, 2 refused,
#   3 timeout, 4 reset), XT_ERR = its stderr
xt_tcp() { xt__net tcp "$@"; }

# xt_udp VAR HOST PORT [xt-net udp options...] : likewise for one datagram
xt_udp() { xt__net udp "$@"; }

# xt__net MODE VAR HOST PORT [OPTIONS...] : xt_tcp / xt_udp
xt__net() {
	local __mode=$1 __v=$2
	shift 2
	xt_capture "$__v" "$XT_NET" "$__mode" "$@" 2>"$T/.xt-net.err"
	XT_ERR=$(cat "$T/.xt-net.err")
	return "$XT_RC"
}

# xt_served PORT HOST DESC [REPLY] : one TAP test: a TCP client of HOST PORT
#   (5 s timeout) gets exactly REPLY (default: HELLO and a newline)
xt_served() {
	local got want=$'HELLO\n'
	[ "$#" -ge 4 ] && want=$4
	xt_tcp got "$2" "$1" -t 5
	is "$got" "$want" "$3"
}

# xt_wait_port HOST PORT [SEC] : until the TCP port accepts connections.
# Note: with a super-server, a successful probe is itself a connection.
xt_wait_port() {
	"$XT_NET" wait-port "$1" "$2" -t "${3:-5}"
}

# xt_kv TEXT KEY : value of the first KEY=... line in TEXT (xt-probe output)
xt_kv() {
	local line
	while IFS= read -r line; do
		if [[ $line == "$2="* ]]; then
			printf '%s' "${line#"$2="}"
			return 0
		fi
	done <<<"$1"
	return 1
}

# xt_install_session [NAME] : install a sh server as $T/NAME (default
#   session.sh) and print its path: it prints "READY ARG1 PID", reads one line
#   and answers "ECHO ARG1 LINE"
xt_install_session() {
	xt_script "${1:-session.sh}" <<'EOF'
#!/bin/sh
echo "READY $1 $$"
read -r line
echo "ECHO $1 $line"
EOF
}

# xt_install_probe [NAME] : copy xt-probe into $T (mode 755, so any user can
#   run it) and print the path
xt_install_probe() {
	local dst=$T/${1:-xt-probe}
	cp "$XT_PROBE" "$dst" && chmod 755 "$dst" && echo "$dst"
}

# ---------------------------------------------------------------------------
# log line formats (reference section 8)
# ---------------------------------------------------------------------------

# Timestamps: 2-digit year, month and day without zero padding, time padded.
# (No parenthesised groups, so BASH_REMATCH indices of callers stay simple.)
XT_RE_PTS='[0-9]{2}/[1-9][0-9]?/[1-9][0-9]?@[0-2][0-9]:[0-5][0-9]:[0-5][0-9]'
# program log (-filelog): "YY/M/D@HH:MM:SS IDENT[PID]: LEVEL: message"
XT_RE_PROG="^${XT_RE_PTS} [^ []+\\[[0-9]+\\]: "
# service FILE log: "YY/M/D@HH:MM:SS: entry"
XT_RE_SVC="^${XT_RE_PTS}: "

# xt_re_quote STRING : STRING with ERE metacharacters escaped
xt_re_quote() {
	printf '%s' "$1" | sed 's/[][\.*^$+?(){}|]/\\&/g'
}

# xt_re_loc LEVEL FILE LINE MSG_ERE : ERE for a program-log line reporting a
#   configuration problem at FILE:LINE, in either of the accepted forms:
#     xinetd:     "... LEVEL: MSG [file=FILE] [line=LINE]"
#     xinetd-ng:  "... LEVEL: FILE:LINE: MSG"
xt_re_loc() {
	local f l
	f=$(xt_re_quote "$2")
	l=$3
	printf '%s' "${XT_RE_PROG}$1: (${f}:${l}: $4|$4 \\[file=${f}\\] \\[line=${l}\\])\$"
}
