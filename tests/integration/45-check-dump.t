#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 45-check-dump: the xinetd-ng extensions --check and --dump-config, and the
# effective-configuration dump that -d logs (xinetd.8, OPTIONS).
#  - --check: every diagnostic on stderr as "FILE:LINE: level: message"
#    (all of them, not the first only), one summary line on stdout
#    "FILE: N services, E errors, W warnings"; exit 0 clean, 1 errors
#    (or unreadable file, bad defaults), 2 warnings only; nothing bound,
#    no fork, no pidfile, no log file.
#  - --dump-config: the effective configuration in xinetd.conf syntax on
#    stdout, defaults expanded into every service; reading it back gives
#    the same dump byte for byte; the bundled examples' dump passes --check.
#  - -d: the same dump as DEBUG lines of the program log, before binding.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup

xt_oracle && skip_all "--check and --dump-config are xinetd-ng extensions"

xt_port_vars P1 P2 P3 P4 P5
ME=$(xt_user)

# xt_run OUT ERR CMD... : run CMD, stdout to $T/OUT, stderr to $T/ERR;
#   exit status in RC (never hangs: --check exits by itself, bounded by
#   timeout(1) when available)
xt_run() {
	local out=$1 err=$2
	shift 2
	if command -v timeout >/dev/null; then
		timeout 20 "$@" >"$T/$out" 2>"$T/$err"
	else
		"$@" >"$T/$out" 2>"$T/$err"
	fi
	RC=$?
}

# service_block NAME PORT [LINE...] : a valid UNLISTED stream service running
#   /bin/echo NAME, its protocol left to be inferred
service_block() {
	local name=$1 port=$2
	shift 2
	xt_svc "$name" "$port" -protocol "server = /bin/echo" "server_args = $name" "$@"
}

# --- 1. a clean configuration --------------------------------------------
clean=$(xt_conf clean.conf <<EOF
$(service_block clean1 "$P1")
$(service_block clean2 "$P2")
EOF
)
xt_run out err "$XINETD" --check -f "$clean"
is "$RC" 0 "--check on a clean configuration exits 0"
is "$(cat "$T/out")" "$clean: 2 services, 0 errors, 0 warnings" \
	"summary line on stdout"
is "$(cat "$T/err")" "" "nothing on stderr"

# Daemon options (and unsupported ones) are accepted and ignored.
xt_run out err "$XINETD" --check -inetd_compat -dontfork -d \
	-pidfile "$T/check.pid" -filelog "$T/check.log" -f "$clean"
is "$RC" 0 "--check with daemon options (-inetd_compat -d -pidfile ...) exits 0"
is "$(cat "$T/out")" "$clean: 2 services, 0 errors, 0 warnings" \
	"... and prints the same summary"

# --- 2. check mode starts nothing ------------------------------------------
xt_sleep_ms 300  # a daemon forked by mistake would be listening by now
ok "check mode wrote no pidfile" test ! -e "$T/check.pid"
ok "check mode opened no log file" test ! -e "$T/check.log"
xt_tcp got 127.0.0.1 "$P1" -t 2
is "$XT_RC" 2 "the configured port stays free (connection refused)"
if command -v strace >/dev/null &&
	strace -f -qq -o /dev/null true 2>/dev/null; then
	# LeakSanitizer's exit-time check needs ptrace, which strace holds.
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		strace -f -qq -e trace=bind,listen,clone,fork,vfork \
		-o "$T/strace.out" "$XINETD" --check -f "$clean" >/dev/null 2>&1
	RC=$?
	# getaddrinfo may bind a netlink socket; an inet bind would be ours.
	if [ "$RC" -eq 0 ] && [ -f "$T/strace.out" ]; then
		unlike "$(grep -E 'AF_INET|listen\(|clone|fork' "$T/strace.out")" '.' \
			"strace: no inet bind, no listen, no fork in check mode"
	else
		fail "strace: no inet bind, no listen, no fork in check mode"
		diag "strace exit status $RC"
	fi
else
	skip "strace not available (or ptrace not permitted)"
fi

# --- 3. a warning only -----------------------------------------------------
warn=$(xt_conf warn.conf <<EOF
$(service_block warned "$P1" "frobnicate = 1")
EOF
)
wline=$(grep -n frobnicate "$warn" | cut -d: -f1)
xt_run out err "$XINETD" --check -f "$warn"
is "$RC" 2 "--check with a warning only exits 2"
is "$(cat "$T/err")" "$warn:$wline: warning: bad service attribute: frobnicate" \
	"the warning, with its file:line, on stderr"
is "$(cat "$T/out")" "$warn: 1 services, 0 errors, 1 warnings" \
	"summary counts the service and the warning"

# --- 4. errors in several files: every one reported ------------------------
mkdir "$T/inc"
main=$(xt_conf main.conf <<EOF
# errors in the main file and in two included files
$(service_block good1 "$P1")
$(service_block badnice "$P2" "nice = abc")
includedir $T/inc
$(service_block badproto "$P3" "protocol = nosuchproto")
EOF
)
alpha=$(xt_conf inc/alpha <<EOF
$(service_block baduser "$P4" "user = nosuchuser_xt")
EOF
)
beta=$(xt_conf inc/beta <<EOF
service glued
{
	type        = UNLISTED
	socket_type = stream
	wait        = no
	port=$P5
	user        = $ME
	server      = /bin/echo
}

service nowait
{
	type        = UNLISTED
	socket_type = stream
	port        = $P5
	user        = $ME
	server      = /bin/echo
}
$(service_block good2 "$P5")
EOF
)
L_nice=$(grep -n 'nice = abc' "$main" | cut -d: -f1)
L_proto=$(grep -n 'nosuchproto' "$main" | cut -d: -f1)
L_user=$(grep -n nosuchuser_xt "$alpha" | cut -d: -f1)
L_glued=$(grep -n "port=$P5" "$beta" | cut -d: -f1)
L_nowait=$(grep -n 'service nowait' "$beta" | cut -d: -f1)
expected="$main:$L_nice: error: Bad nice value: abc
$main:$L_nice: error: Error parsing attribute nice - DISABLING SERVICE
$alpha:$L_user: error: Unknown user: nosuchuser_xt
$alpha:$L_user: error: Error parsing attribute user - DISABLING SERVICE
$beta:$L_glued: error: Attribute port needs a space before operator
$main:$L_proto: error: Protocol nosuchproto not in /etc/protocols
$main:$L_proto: error: Error parsing attribute protocol - DISABLING SERVICE
$beta:$L_nowait: error: Service nowait missing attribute wait - DISABLING"
xt_run out err "$XINETD" --check -f "$main"
is "$RC" 1 "--check with errors exits 1"
is "$(cat "$T/err")" "$expected" \
	"every error of every file is reported at its file:line (parse order, then checks)"
is "$(cat "$T/out")" "$main: 2 services, 8 errors, 0 warnings" \
	"summary: the 2 good services and all 8 errors"

# --- 5. unreadable file, bad defaults, bad option ----------------------------
xt_run out err "$XINETD" --check -f "$T/no-such.conf"
is "$RC" 1 "--check on a missing file exits 1"
like "$(cat "$T/err")" "^error: unable to read configuration file $T/no-such.conf: " \
	"... and says why on stderr"
is "$(cat "$T/out")" "$T/no-such.conf: 0 services, 1 errors, 0 warnings" \
	"... with a summary line"
xt_run out err "$XINETD" --dump-config -f "$T/no-such.conf"
is "$RC" 1 "--dump-config on a missing file exits 1"
is "$(cat "$T/out")" "" "... with nothing on stdout"

fatal=$(xt_conf fatal.conf <<EOF
defaults
{
	instances = lots
}
$(service_block after "$P1")
EOF
)
xt_run out err "$XINETD" --dump-config -f "$fatal"
is "$RC" 1 "a bad defaults section: exit 1"
like "$(cat "$T/err")" "$fatal:3: error: A fatal error was encountered while parsing the default section" \
	"... reported at its line"
is "$(cat "$T/out")" "" "... and no dump (the daemon would not start)"

xt_run out err "$XINETD" --chekc -f "$clean"
is "$RC" 1 "an unknown double-dash option is a usage error (exit 1)"
like "$(cat "$T/err")" "unknown option --chekc" "... and is named"

# DEBUG messages ("removing ...") are not printed; INFO ones are.
sel=$(xt_conf select.conf <<EOF
defaults
{
	enabled = kept
}
$(service_block kept "$P1" "flags = IPv4 IPv6")
$(service_block dropped "$P2")
EOF
)
xt_run out err "$XINETD" --check -f "$sel"
is "$RC" 0 "INFO lines do not make a configuration unclean"
like "$(cat "$T/err")" "^$sel:[0-9]+: info: Service kept will use IPv6 or fallback to IPv4\$" \
	"the INFO line is printed with its location"
is "$(cat "$T/out")" "$sel: 1 services, 0 errors, 0 warnings" \
	"the service left out of 'enabled' is not counted, and not mentioned"

# --- 6. the dump: defaults expanded into every service --------------------
mkdir "$T/d1" "$T/d2"
dconf=$T/d1/xinetd.conf
cat >"$dconf" <<EOF
defaults
{
	log_type       = FILE $T/services.log 10K
	log_on_success = PID HOST
	log_on_failure = HOST
	only_from      = 127.0.0.1 10.1.{2,3} ::1
	instances      = 7
	cps            = 5 3
	passenv        = XT_PASS_A XT_PASS_B
	umask          = 027
}
$(service_block inherit1 "$P1")
$(service_block inherit2 "$P2" "log_on_success += EXIT" "only_from -= 10.1.2.0" \
	"instances = UNLIMITED" "env = A=1 B=" "rlimit_as = 1M" "access_times = 8:00-17:30" \
	"deny_time = FOREVER")
$(service_block closed "$P3" "only_from =" "passenv =")
EOF
export XT_PASS_A=1 XT_PASS_B=2
xt_run dump1 err "$XINETD" --dump-config -f "$dconf"
is "$RC" 0 "--dump-config on a clean configuration exits 0"
is "$(cat "$T/err")" "$dconf: 3 services, 0 errors, 0 warnings" \
	"the summary goes to stderr, keeping stdout pure"
d=$(cat "$T/dump1")
version=$("$XINETD" -version 2>&1 | awk '{ print $2; exit }')
is "$(head -n 1 "$T/dump1")" \
	"# effective configuration of $dconf, generated by xinetd-ng $version" \
	"the header comment names the file and the version"
unlike "$d" $'\n''defaults' "no defaults entry"
is "$(grep -c '^service ' "$T/dump1")" 3 "one service entry per service"
is "$(grep -c '^	id  *= ' "$T/dump1")" 3 "every entry has its id"

# the block of one service, as written
block() { sed -n "/^service $1\$/,/^}\$/p" "$T/dump1"; }
b=$(block inherit1)
like "$b" $'\n\tlog_type += FILE '"$T"$'/services.log 10240 15360\n' \
	"inherit1: log_type from defaults (sizes in bytes, hard limit made explicit)"
like "$b" $'\n\tlog_on_success += HOST PID\n' "inherit1: log_on_success from defaults"
like "$b" $'\n\tlog_on_failure += HOST\n' "inherit1: log_on_failure from defaults"
like "$b" $'\n\tonly_from += 127\\.0\\.0\\.1 10\\.1\\.\\{2,3\\} ::1\n' \
	"inherit1: only_from from defaults, as written"
like "$b" $'\n\tinstances += 7\n' "inherit1: instances from defaults"
like "$b" $'\n\tcps += 5 3\n' "inherit1: cps from defaults"
like "$b" $'\n\tpassenv += XT_PASS_A XT_PASS_B\n' "inherit1: passenv from defaults"
like "$b" $'\n\tumask += 0027\n' "inherit1: umask from defaults (4 octal digits)"
like "$b" $'\n\tport += '"$P1"$'\n' "inherit1: port"
like "$b" $'\n\tprotocol += tcp\n' "inherit1: the inferred protocol"
b=$(block inherit2)
like "$b" $'\n\tlog_on_success += HOST EXIT PID\n' "inherit2: += on top of defaults"
like "$b" $'\n\tonly_from += 127\\.0\\.0\\.1 10\\.1\\.3\\.0/24 ::1\n' \
	"inherit2: -= took part of a factorized token: the rest written as a net"
like "$b" $'\n\tinstances += UNLIMITED\n' "inherit2: its own instances"
like "$b" $'\n\tenv += A=1 B=\n' "inherit2: env"
like "$b" $'\n\trlimit_as += 1048576\n' "inherit2: rlimit_as in bytes"
like "$b" $'\n\taccess_times += 8:00-17:30\n' "inherit2: access_times"
like "$b" $'\n\tdeny_time += FOREVER\n' "inherit2: deny_time"
b=$(block closed)
like "$b" $'\n\tonly_from +=\n' "closed: a set but empty only_from is written"
like "$b" $'\n\tpassenv +=\n' "closed: an empty passenv is written"
unlike "$b" 'disable|enabled' "no disable/enabled/disabled lines"

# --- 7. reading the dump back gives the same dump ---------------------------
# Same path for both reads, so even the header line must be identical.
cp "$dconf" "$T/orig.conf"
cp "$T/dump1" "$dconf"
xt_run dump2 err "$XINETD" --dump-config -f "$dconf"
is "$RC" 0 "the dump is a clean configuration"
ok "dump(read(dump(x))) == dump(x), byte for byte" cmp -s "$T/dump1" "$T/dump2" ||
	diag "$(diff "$T/dump1" "$T/dump2")"
cp "$T/orig.conf" "$dconf"

# The dump of the configuration with errors keeps the good services only.
xt_run dump3 err "$XINETD" --dump-config -f "$main"
is "$RC" 1 "--dump-config exits 1 on a configuration with errors"
is "$(grep '^service ' "$T/dump3" | tr '\n' ' ')" "service good1 service good2 " \
	"... and dumps the services the daemon would start"
cp "$T/dump3" "$T/d2/main.conf"
xt_run out err "$XINETD" --check -f "$T/d2/main.conf"
is "$RC" 0 "... which form a clean configuration"

# --- 8. the bundled examples ----------------------------------------------
if [ -n "${XT_SRCDIR:-}" ] && [ -x "$XT_SRCDIR/xinetd.d-examples/run-examples" ]; then
	# the hostile example's server where make built it (VPATH: not srcdir)
	exconf=$(SANDBOX_REPORT=${XT_BUILDDIR:-$XT_SRCDIR}/xinetd.d-examples/src/sandbox-report \
		"$XT_SRCDIR/xinetd.d-examples/run-examples" -r "$T/ex")
	xt_run exdump err "$XINETD" --dump-config -f "$exconf"
	is "$RC" 0 "--dump-config on the bundled examples exits 0"
	diag "$(cat "$T/err")"
	cp "$T/exdump" "$T/ex/dumped.conf"
	xt_run out err "$XINETD" --check -f "$T/ex/dumped.conf"
	is "$RC" 0 "--check accepts the examples' dump (exit 0)"
	is "$(cat "$T/out")" "$T/ex/dumped.conf: $(grep -c '^service ' "$T/exdump") services, 0 errors, 0 warnings" \
		"... with every dumped service"
	like "$(cat "$T/exdump")" $'\n\tinstances += 60\n\tper_source += 10\n' \
		"the examples' defaults (instances, per_source) are in the services"
else
	skip "XT_SRCDIR does not hold xinetd.d-examples" 4
fi

# --- 9. -d logs the effective configuration before binding ------------------
ok "daemon starts with -d" xt_start "$clean" -d || BAIL_OUT "daemon did not start"
ok "DEBUG: the dump's header" \
	xt_log_wait "${XT_RE_PROG}DEBUG: # effective configuration of $(xt_re_quote "$clean"), generated by xinetd-ng " 1
ok "DEBUG: 'service clean1' and 'service clean2' blocks" \
	xt_log_wait_n 2 "${XT_RE_PROG}DEBUG: service clean[12]\$" 1
is "$(xt_log_count "${XT_RE_PROG}DEBUG: "$'\t'"port += ($P1|$P2)\$")" 2 \
	"DEBUG: each block has its port"
# The dump comes before the "Started working" line (i.e. before binding).
dbg=$(grep -n 'DEBUG: service clean1$' "$XT_LOG" | head -n 1 | cut -d: -f1)
sw=$(grep -n 'Started working' "$XT_LOG" | head -n 1 | cut -d: -f1)
ok "the dump is logged before the services start" test "${dbg:-999999}" -lt "${sw:-0}"
# The logged lines, without their prefix, are the --dump-config text.
xt_run dumpc err "$XINETD" --dump-config -f "$clean"
want=$(grep -v '^$' "$T/dumpc")
is "$(sed -n 's/^[^]]*]: DEBUG: //p' "$XT_LOG" |
	sed -n '/^# effective configuration/,$p' | head -n "$(wc -l <<<"$want")")" \
	"$want" "the DEBUG lines are the --dump-config text"
xt_tcp got 127.0.0.1 "$P1"
is "$got" $'clean1\n' "and the service answers"
xt_stop
xt_check_clean
done_testing
