#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154  # XE_VERIFY is set by export-lib.sh
# 42-export-systemd: the xinetd-ng extension --export-systemd DIR
# (xinetd-export-systemd(8)).
#  - the bundled examples and configurations that exercise the mapping
#    become units with the documented keys (Accept=, ListenStream=,
#    BindIPv6Only=, MaxConnections=, ExecStart= with '@' and quoting,
#    User=, Nice=, Environment=, IPAddressAllow= ...);
#  - whatever systemd cannot express is a comment in the unit and a
#    "FILE:LINE: service ID: ATTR has no systemd equivalent: ..." line;
#    exit 0 when everything maps, 2 with such warnings, 1 on errors
#    (a service the daemon rejects is not exported, the others are);
#  - every unit passes systemd-analyze verify (skipped without it);
#  - the addresses the units listen on are the ones the daemon binds for
#    the same configuration;
#  - files in DIR that --export-systemd did not write are never replaced.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/integration/export-lib.sh
. "$(dirname "$0")/export-lib.sh"
xt_setup

xt_oracle && skip_all "--export-systemd is an xinetd-ng extension"
[ -n "${XT_SRCDIR:-}" ] && [ -x "$XT_SRCDIR/xinetd.d-examples/run-examples" ] ||
	skip_all "XT_SRCDIR does not hold xinetd.d-examples"

ME=$(xt_user)
NL=$'\n'
SAN='AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:'
# The redirect's forwarder: the real one where systemd is installed.
PROXYD=/lib/systemd/systemd-socket-proxyd
[ -x "$PROXYD" ] || PROXYD=/usr/lib/systemd/systemd-socket-proxyd
[ -x "$PROXYD" ] || PROXYD=/bin/true
export XINETD_SOCKET_PROXYD=$PROXYD

# export NAME CONF : $XINETD --export-systemd $T/NAME -f CONF; stdout in
#   $T/NAME.out, stderr in $T/NAME.err, exit status in RC
export_to() {
	timeout 60 "$XINETD" --export-systemd "$T/$1" -f "$2" \
		>"$T/$1.out" 2>"$T/$1.err"
	RC=$?
	if grep -Eq "$SAN" "$T/$1.err"; then
		fail "no sanitizer report from --export-systemd ($1)"
		diag_file "$T/$1.err"
	fi
}

# verify NAME DESC : the units of $T/NAME pass systemd-analyze verify
verify() {
	if ! xe_have_verify; then
		skip "no systemd-analyze (install the systemd package): $2"
	elif xe_verify "$T/$1"; then
		pass "$2"
	else
		fail "$2"
		diag "$XE_VERIFY"
	fi
}

# same_listens NAME DESC : the units of $T/NAME listen where the current
#   daemon listens
same_listens() {
	if ! xe_have_ss; then
		skip "ss cannot show the daemon's sockets: $2"
		return
	fi
	is "$(xe_ss_listens "$XT_PID")" "$(xe_unit_listens "$T/$1")" "$2"
}

# unit NAME FILE : the text of one unit
unit() { cat "$T/$1/$2" 2>/dev/null; }

# has NAME FILE LINE DESC : FILE has exactly this line
has() {
	if grep -qxF -- "$3" "$T/$1/$2" 2>/dev/null; then
		pass "$4"
	else
		fail "$4"
		diag "no line '$3' in $T/$1/$2:"
		diag "$(unit "$1" "$2")"
	fi
}

lineof() { grep -n -- "$2" "$1" | head -n1 | cut -d: -f1; }

# --- 1. the bundled examples ------------------------------------------------
# The hostile example's server, where make built it (a VPATH build: not srcdir).
report=${XT_BUILDDIR:-$XT_SRCDIR}/xinetd.d-examples/src/sandbox-report
conf=$(SANDBOX_REPORT=$report "$XT_SRCDIR/xinetd.d-examples/run-examples" -r "$T/ex")
read -r P1 P2 P3 P4 <<<"$(xt_ports 4 | tr '\n' ' ')"
for pair in "hello:60321:$P1" "hello-name:60322:$P2" \
	"hello-php:60323:$P3" "hello-name-php:60324:$P4"; do
	IFS=: read -r name old new <<<"$pair"
	sed -i "s/= $old\$/= $new/" "$T/ex/xinetd.d/$name"
done
exuser=nobody
xt_is_root || exuser=$ME

export_to exu "$conf"
is "$RC" 2 "examples: exit 2 (their syslog service log has no equivalent)"
want="$T/exu/hello-name.socket
$T/exu/hello-name@.service
$T/exu/hello.socket
$T/exu/hello@.service"
if [ -x /usr/bin/php ]; then
	want="$T/exu/hello-name-php.socket
$T/exu/hello-name-php@.service
$T/exu/hello-name.socket
$T/exu/hello-name@.service
$T/exu/hello-php.socket
$T/exu/hello-php@.service
$T/exu/hello.socket
$T/exu/hello@.service"
fi
# run-examples enables the sandboxed example as root, with its chroot built.
hostile=no
grep -Eq '^[[:space:]]*disable[[:space:]]*=[[:space:]]*no' "$T/ex/xinetd.d/hostile" &&
	hostile=yes
[ "$hostile" = yes ] && want="$want
$T/exu/hostile.socket
$T/exu/hostile@.service"
is "$(sort "$T/exu.out")" "$want" "examples: the units written are listed on stdout"
has exu hello.socket "ListenStream=$P1" "hello.socket: ListenStream= the port"
has exu hello.socket "BindIPv6Only=both" "hello.socket: dual-stack, as the daemon binds it"
has exu hello.socket "Accept=yes" "hello.socket: Accept=yes for wait = no"
has exu hello.socket "MaxConnections=60" "hello.socket: instances = 60 from defaults"
has exu hello.socket "MaxConnectionsPerSource=10" "hello.socket: per_source = 10 from defaults"
has exu hello.socket "WantedBy=sockets.target" "hello.socket: [Install] WantedBy=sockets.target"
has exu hello@.service "ExecStart=@$T/ex/bin/hello hello" \
	"hello@.service: ExecStart= with argv[0] as xinetd sets it"
has exu hello@.service "User=$exuser" "hello@.service: User="
has exu hello@.service "StandardInput=socket" "hello@.service: StandardInput=socket"
has exu hello@.service "StandardError=socket" "hello@.service: stderr on the connection too"
has exu hello-name@.service "Nice=10" "hello-name@.service: Nice=10"
f=$T/ex/xinetd.d/hello
like "$(cat "$T/exu.err")" "(^|$NL)$(xt_re_quote "$f"):$(lineof "$f" '^service hello$'): service hello: log_type has no systemd equivalent: " \
	"examples: the lost service log is reported with FILE:LINE of the service"
like "$(unit exu hello@.service)" "# Not exported: log_type = FILE" \
	"examples: ... and written as a comment into the unit"
like "$(tail -n1 "$T/exu.err")" "^$(xt_re_quote "$conf"): [2-5] services, [2-5] exported, 0 errors, [0-9]+ warnings\$" \
	"examples: summary line on stderr"
if [ "$hostile" = yes ]; then
	# Dropping one would run a server meant for hostile clients unconfined.
	for line in "RootDirectory=$T/ex/hostile" \
		"ExecStart=@/bin/sandbox-report sandbox-report" \
		"TemporaryFileSystem=/tmp:size=4194304,nr_inodes=1024,mode=1777,nosuid,nodev" \
		NoNewPrivileges=yes RuntimeMaxSec=60 TimeoutStopSec=5 \
		LimitNPROC=40 LimitFSIZE=1048576 LimitCORE=0 LimitNOFILE=32; do
		has exu hostile@.service "$line" "hostile@.service: $line"
	done
else
	skip "the sandboxed example needs root and sandbox-report (10 checks)" 10
fi
verify exu "examples: systemd-analyze verify passes"
if xt_start "$conf"; then
	same_listens exu "examples: the units listen where the daemon listens"
	xt_stop >/dev/null
else
	fail "examples: the daemon starts"
fi

# --- 2. everything maps: exit 0 -------------------------------------------
read -r Q1 Q2 Q3 Q4 Q5 Q6 <<<"$(xt_ports 6 | tr '\n' ' ')"
probe=$(xt_install_probe)
clean=$(xt_conf clean.conf <<EOF
defaults
{
	instances = 30
	groups    = yes
}
service plain
{
	type        = UNLISTED
	socket_type = stream
	wait        = no
	port        = $Q1
	bind        = 127.0.0.1
	user        = $ME
	flags       = NOLIBWRAP KEEPALIVE NODELAY
	server      = $probe
	server_args = -x 100% \$HOME "two words" back\\slash
	env         = GREETING=hi%20there PLAIN=1
	passenv     = PATH
	umask       = 027
	nice        = 3
	rlimit_as   = 512M
	rlimit_files = 64
	per_source  = 5
}
service guarded
{
	type        = UNLISTED
	socket_type = stream
	wait        = no
	port        = $Q2
	flags       = NOLIBWRAP IPv4
	user        = $ME
	server      = $probe
	only_from   = 127.0.0.0/8 10.0.0.0/8
	no_access   = 10.1.0.0/16
	instances   = UNLIMITED
}
service dgram
{
	type        = UNLISTED
	socket_type = dgram
	wait        = yes
	port        = $Q3
	v6only      = yes
	flags       = NOLIBWRAP
	user        = $ME
	server      = $probe
	cps         = 0 0
}
service waiter
{
	type        = UNLISTED
	socket_type = stream
	wait        = yes
	port        = $Q4
	bind        = ::1
	flags       = NOLIBWRAP NAMEINARGS
	user        = $ME
	server      = $probe
	server_args = xt-probe-renamed -q
}
service relay
{
	type        = UNLISTED
	socket_type = stream
	wait        = no
	port        = $Q5
	flags       = NOLIBWRAP
	user        = $ME
	redirect    = 127.0.0.1 $Q1
}
service oddname
{
	id          = odd@id
	type        = UNLISTED
	socket_type = stream
	wait        = no
	port        = $Q6
	flags       = NOLIBWRAP
	user        = $ME
	server      = $probe
}
service colon
{
	id          = svc:1
	type        = UNLISTED
	socket_type = dgram
	wait        = yes
	port        = $Q6
	flags       = NOLIBWRAP
	user        = $ME
	server      = $probe
}
EOF
)
export_to cu "$clean"
is "$RC" 0 "clean: exit 0 when every service maps"
is "$(head -n -1 "$T/cu.err")" "" "clean: no message but the summary"
is "$(tail -n1 "$T/cu.err")" "$clean: 7 services, 7 exported, 0 errors, 0 warnings" \
	"clean: summary line"
has cu plain.socket "ListenStream=127.0.0.1:$Q1" "bind = 127.0.0.1: ListenStream=127.0.0.1:PORT"
unlike "$(unit cu plain.socket)" "BindIPv6Only" "bind = 127.0.0.1: no BindIPv6Only= on an IPv4 socket"
has cu plain.socket "KeepAlive=yes" "flags KEEPALIVE: KeepAlive=yes"
has cu plain.socket "NoDelay=yes" "flags NODELAY: NoDelay=yes"
has cu plain.socket "MaxConnections=30" "instances from defaults: MaxConnections=30"
has cu plain.socket "MaxConnectionsPerSource=5" "per_source: MaxConnectionsPerSource=5"
has cu plain@.service "ExecStart=@$probe xt-probe -x 100%% \$\$HOME \"\\\"two\" \"words\\\"\" \"back\\\\slash\"" \
	"server_args: '%' and '\$' doubled, quotes and backslashes escaped"
has cu plain@.service "Environment=GREETING=hi%%20there" "env: Environment= with '%' doubled"
has cu plain@.service "Environment=PLAIN=1" "env: one Environment= per variable"
has cu plain@.service "PassEnvironment=PATH" "passenv: PassEnvironment="
has cu plain@.service "UMask=0027" "umask: UMask= in four octal digits"
has cu plain@.service "Nice=3" "nice: Nice="
has cu plain@.service "LimitAS=536870912" "rlimit_as: LimitAS= in bytes"
has cu plain@.service "LimitNOFILE=64" "rlimit_files: LimitNOFILE="
has cu plain@.service "User=$ME" "user: User="
has cu guarded.socket "ListenStream=0.0.0.0:$Q2" "flags IPv4: ListenStream=0.0.0.0:PORT"
has cu guarded.socket "MaxConnections=4294967295" "instances = UNLIMITED: no limit of 64"
has cu guarded.socket "IPAddressAllow=127.0.0.0/8 10.128.0.0/9 10.64.0.0/10 10.32.0.0/11 10.16.0.0/12 10.8.0.0/13 10.4.0.0/14 10.2.0.0/15" \
	"only_from minus no_access: IPAddressAllow= (deny wins as in xinetd)"
has cu guarded.socket "IPAddressAllow=10.0.0.0/16" "... continued on a second line"
has cu guarded.socket "IPAddressDeny=any" "only_from: IPAddressDeny=any"
has cu dgram.socket "ListenDatagram=$Q3" "dgram: ListenDatagram="
has cu dgram.socket "BindIPv6Only=ipv6-only" "v6only = yes: BindIPv6Only=ipv6-only"
has cu dgram.socket "Accept=no" "wait = yes: Accept=no"
has cu dgram.socket "TriggerLimitIntervalSec=0" "cps = 0 0: no trigger limit"
has cu dgram.service "StandardOutput=socket" "wait = yes: the socket on fds 0-2"
has cu waiter.socket "ListenStream=[::1]:$Q4" "bind = ::1: ListenStream=[::1]:PORT"
has cu waiter.service "ExecStart=@$probe xt-probe-renamed -q" "NAMEINARGS: argv[0] from server_args"
has cu relay.socket "Accept=no" "redirect: the forwarder accepts (Accept=no)"
has cu relay.service "ExecStart=$PROXYD --connections-max=30 127.0.0.1:$Q1" \
	"redirect: systemd-socket-proxyd to the resolved address"
ok "an id that is no unit name is escaped as systemd-escape does" \
	test -f "$T/cu/odd\\x40id.socket"
ok "... with its template service" test -f "$T/cu/odd\\x40id@.service"
ok "':' is valid in unit names and kept, as systemd-escape keeps it" \
	test -f "$T/cu/svc:1.socket" -a -f "$T/cu/svc:1.service"
verify cu "clean: systemd-analyze verify passes"
if xt_start "$clean"; then
	same_listens cu "clean: the units listen where the daemon listens"
	xt_stop >/dev/null
else
	fail "clean: the daemon starts"
fi

# Exporting again replaces our own files.
export_to cu "$clean"
is "$RC" 0 "clean: exporting again into the same directory works"

# --- 3. warnings: exit 2 --------------------------------------------------
read -r W1 W2 W3 <<<"$(xt_ports 3 | tr '\n' ' ')"
warn=$(xt_conf warn.conf <<EOF
service timed
{
	type         = UNLISTED
	socket_type  = stream
	wait         = no
	port         = $W1
	user         = $ME
	flags        = NOLIBWRAP
	server       = $probe
	access_times = 08:00-17:00
	only_from    = 127.0.0.1 localhost
	cps          = 25 30
}
service echo
{
	type         = INTERNAL UNLISTED
	socket_type  = stream
	wait         = no
	port         = $W2
}
service dup
{
	type         = UNLISTED
	socket_type  = stream
	wait         = no
	port         = $W3
	user         = $ME
	flags        = NOLIBWRAP
	server       = $probe
}
service dup
{
	type         = UNLISTED
	socket_type  = dgram
	wait         = yes
	port         = $W3
	user         = $ME
	flags        = NOLIBWRAP
	server       = $probe
}
EOF
)
L_timed=$(lineof "$warn" '^service timed$')
L_echo=$(lineof "$warn" '^service echo$')
export_to wu "$warn"
is "$RC" 2 "warnings: exit 2"
err=$(cat "$T/wu.err")
wq=$(xt_re_quote "$warn")
like "$err" "(^|$NL)$wq:$L_timed: service timed: access_times has no systemd equivalent: " \
	"access_times: FILE:LINE: service ID: ATTRIBUTE has no systemd equivalent"
like "$err" "(^|$NL)$wq:$L_timed: service timed: only_from has no systemd equivalent: host and domain names \\(localhost\\)" \
	"a host name in only_from is reported"
like "$err" "(^|$NL)$wq:$L_timed: service timed: cps is only approximated: " \
	"cps: the closest mapping, reported as approximated"
like "$err" "(^|$NL)$wq:$L_echo: service echo: type has no systemd equivalent: INTERNAL services are built into xinetd; not exported" \
	"an internal service is not exported, and says so"
ok "... and has no unit" test ! -e "$T/wu/echo.socket"
has wu timed.socket "IPAddressAllow=127.0.0.1" "the address entries of only_from are kept"
has wu timed.socket "TriggerLimitBurst=25" "cps = 25 30: TriggerLimitBurst=25"
like "$(unit wu timed.socket)" "# Not exported: access_times = 8:00-17:00 -- " \
	"access_times: a comment in the socket unit"
ok "two services with one id: the second unit gets the protocol appended" \
	test -f "$T/wu/dup.socket" -a -f "$T/wu/dup-udp.socket"
like "$(tail -n1 "$T/wu.err")" "^$wq: 4 services, 3 exported, 0 errors, 4 warnings\$" \
	"warnings: summary counts them"
verify wu "warnings: systemd-analyze verify passes"

# --- 4. errors: exit 1, the good services are still exported --------------
read -r E1 E2 <<<"$(xt_ports 2 | tr '\n' ' ')"
bad=$(xt_conf bad.conf <<EOF
service good
{
	type        = UNLISTED
	socket_type = stream
	wait        = no
	port        = $E1
	user        = $ME
	flags       = NOLIBWRAP
	server      = $probe
}
service rejected
{
	type        = UNLISTED
	socket_type = stream
	wait        = no
	port        = $E2
	user        = nosuchuser_xt
	server      = $probe
}
EOF
)
L_user=$(lineof "$bad" 'nosuchuser_xt')
export_to bu "$bad"
is "$RC" 1 "errors: exit 1"
like "$(cat "$T/bu.err")" "(^|$NL)$(xt_re_quote "$bad"):$L_user: error: Unknown user: nosuchuser_xt" \
	"the daemon's error, with FILE:LINE"
ok "the rejected service is not exported" test ! -e "$T/bu/rejected.socket"
ok "the good one is" test -f "$T/bu/good.socket"

# --- 5. files we did not write are left alone -----------------------------
mkdir -p "$T/own"
echo "# my own unit" >"$T/own/good.socket"
ln -s /dev/null "$T/own/good@.service"
export_to own "$bad"
is "$RC" 1 "a foreign file in DIR: exit 1"
like "$(cat "$T/own.err")" "refusing to replace $(xt_re_quote "$T/own/good.socket"): not written by --export-systemd" \
	"... with the reason"
like "$(cat "$T/own.err")" "refusing to replace $(xt_re_quote "$T/own/good@.service"): not a regular file" \
	"a symbolic link (systemctl mask) is not replaced either"
is "$(cat "$T/own/good.socket")" "# my own unit" "the foreign file is unchanged"
ok "the link is unchanged" test -L "$T/own/good@.service"
is "$(find "$T/own" -name '.*' -type f | wc -l)" 0 "no temporary file is left behind"

# --- 6. usage ----------------------------------------------------------------
timeout 20 "$XINETD" --export-systemd >/dev/null 2>"$T/usage.err"
is "$?" 1 "--export-systemd without a directory is a usage error"
timeout 20 "$XINETD" --export-systemd "$T/none" -f "$T/missing.conf" >/dev/null 2>"$T/none.err"
is "$?" 1 "an unreadable configuration: exit 1"
like "$(cat "$T/none.err")" "unable to read configuration file $(xt_re_quote "$T/missing.conf")" \
	"... with the reason"

xt_check_clean
done_testing
