#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 67-sandbox: the sandbox extensions (xinetd.conf.5, SANDBOX) with servers
# that report what they see (xt-probe) and servers that try to break out.
#  - any user: --check names the sandbox attributes of each service (INFO);
#    max_duration ends a sleeping server (SIGTERM, EXIT signal=15), one that
#    ignores SIGTERM (SIGKILL 5 s later, signal=9), a wait = yes server, a
#    forked builtin and a redirect session, each with its program-log line;
#    a builtin with a sandbox attribute is forked; the limits are set
#    (soft = hard); a write past rlimit_fsize fails with EFBIG, or ends the
#    server with SIGXFSZ; no_new_privs shows in /proc/self/status; a limit
#    that cannot be set is FAIL rlimit; a daemon that is not root warns at
#    load, and its private_tmp and chroot servers fail (FAIL, status=1,
#    nothing started).
#  - root: chroot (root, cwd, user, group, groups, env, wait = yes),
#    private_tmp (an empty tmpfs of the given size, one per server, nothing
#    left on the real /tmp or in the daemon's mounts), private_tmp inside a
#    chroot, a setuid-root program that gains nothing under no_new_privs
#    (and does without it), a fork bomb stopped by rlimit_nproc (as nobody),
#    and the failure paths: the chroot directory removed after load, no
#    DIR/tmp to mount on, a daemon without CAP_SYS_ADMIN.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
XT_TEST_TIMEOUT=${XT_TEST_TIMEOUT:-150}
xt_setup
xt_oracle && skip_all "the sandbox attributes are xinetd-ng extensions"

ME=$(xt_user)
read -r P_DUR P_STUB P_WAIT P_ECHO P_RED P_RTGT P_DAY P_LIM P_BIG P_XFSZ \
	P_NNP P_BADLIM <<<"$(xt_ports 12 | tr '\n' ' ')"

# svc NAME PORT USER LINES... : an UNLISTED stream service logging to
# $T/ID.log (ID: an "id = ID" line among LINES, or NAME)
svc() {
	local name=$1 port=$2 user=$3 l id=$1 type=UNLISTED
	shift 3
	for l in "$@"; do
		[[ $l == "id = "* ]] && id=${l#id = }
		[[ $l == "type = "* ]] && type=${l#type = }
	done
	printf 'service %s\n{\n' "$name"
	printf '\ttype = %s\n\tsocket_type = stream\n\tprotocol = tcp\n\tport = %s\n' "$type" "$port"
	[ -n "$user" ] && printf '\tuser = %s\n' "$user"
	printf '\tlog_type = FILE %s/%s.log\n\tlog_on_success = PID HOST EXIT DURATION\n\tlog_on_failure = HOST\n' "$T" "$id"
	for l in "$@"; do [[ $l == "type = "* ]] || printf '\t%s\n' "$l"; done
	printf '}\n\n'
}
probe=$(xt_install_probe) || BAIL_OUT "cannot copy xt-probe into $T"

# --- 1. any user: --check, max_duration, limits, no_new_privs -------------
conf=$(xt_conf any.conf <<EOF
$(svc overdue "$P_DUR" "$ME" "wait = no" "server = $probe" "server_args = --sleep 30" "max_duration = 1")
$(svc stubborn "$P_STUB" "$ME" "wait = no" "server = $probe" "server_args = --ignore-term --sleep 30" "max_duration = 1")
$(svc waiter "$P_WAIT" "$ME" "wait = yes" "server = $probe" "server_args = --accept-loop 100 --idle 30" "max_duration = 1")
$(svc echo "$P_ECHO" "$ME" "wait = no" "type = INTERNAL UNLISTED" "id = echo-dur" "max_duration = 1")
$(svc relay "$P_RED" "$ME" "wait = no" "redirect = 127.0.0.1 $P_RTGT" "max_duration = 1")
$(svc echo "$P_RTGT" "$ME" "wait = no" "type = INTERNAL UNLISTED" "id = relay-target")
$(svc daytime "$P_DAY" "$ME" "wait = no" "type = INTERNAL UNLISTED" "id = day-nnp" "no_new_privs = yes")
$(svc limits "$P_LIM" "$ME" "wait = no" "server = $probe" "rlimit_fsize = 64K" "rlimit_core = 0" "rlimit_nofile = 32" "no_new_privs = yes")
$(svc bigwrite "$P_BIG" "$ME" "wait = no" "server = $probe" "server_args = --write-size 1000000 --write-path $T/big" "rlimit_fsize = 64K")
$(svc xfsz "$P_XFSZ" "$ME" "wait = no" "server = $probe" "server_args = --keep-xfsz --write-size 1000000 --write-path $T/big2" "rlimit_fsize = 64K" "rlimit_core = 0")
$(svc badlimit "$P_BADLIM" "$ME" "wait = no" "server = $probe" "rlimit_nofile = UNLIMITED")
EOF
)
# the services' own lines start at their "service" keyword
L_overdue=$(grep -n '^service overdue$' "$conf" | cut -d: -f1)
L_limits=$(grep -n '^service limits$' "$conf" | cut -d: -f1)

"$XINETD" --check -f "$conf" >"$T/check.out" 2>"$T/check.err"
is "$?" 0 "--check: the configuration is clean (exit 0)"
is "$(grep -c ': info: service [^ ]*: sandbox attributes that xinetd ignores: ' "$T/check.err")" 10 \
	"--check: one INFO line for each of the 10 services with sandbox attributes"
is "$(grep "^$conf:$L_overdue: info: " "$T/check.err")" \
	"$conf:$L_overdue: info: service overdue: sandbox attributes that xinetd ignores: max_duration=1" \
	"--check: the line of 'overdue', at its service keyword"
is "$(grep "^$conf:$L_limits: info: " "$T/check.err")" \
	"$conf:$L_limits: info: service limits: sandbox attributes that xinetd ignores: rlimit_fsize=65536 rlimit_core=0 rlimit_nofile=32 no_new_privs=yes" \
	"--check: several attributes, as --dump-config writes them"
is "$(cat "$T/check.out")" "$conf: 11 services, 0 errors, 0 warnings" "--check: the summary is unchanged"
"$XINETD" --dump-config -f "$conf" >"$T/dump1" 2>/dev/null
cp "$T/dump1" "$T/dumped.conf"
"$XINETD" --dump-config -f "$T/dumped.conf" 2>/dev/null | sed 1d >"$T/dump2"
sed 1d "$T/dump1" >"$T/dump1b"
ok "--dump-config: the dump reads back to the same dump" cmp -s "$T/dump1b" "$T/dump2"
like "$(cat "$T/dump1")" $'\n\trlimit_fsize += 65536\n\trlimit_core += 0\n\trlimit_nofile += 32\n' \
	"--dump-config: the extension limits follow the reference's"

ok "daemon starts (as $ME)" xt_start "$conf" -d || BAIL_OUT "daemon did not start"
ok "-d: the dump shows max_duration" xt_log_wait "DEBUG: "$'\t'"max_duration += 1\$" 1

# overdue: the report comes at once, then the server sleeps until SIGTERM
t0=$(xt_now_ms)
xt_tcp rep 127.0.0.1 "$P_DUR" -t 10
t1=$(xt_now_ms)
is "$(xt_kv "$rep" end)" 1 "max_duration: the server reported before sleeping"
ok "max_duration: the connection ended within 4 s ($((t1 - t0)) ms)" test $((t1 - t0)) -lt 4000
ok "max_duration: EXIT: overdue signal=15" \
	xt_log_wait "${XT_RE_SVC}EXIT: overdue signal=15 pid=[0-9]+ duration=[12]\\(sec\\)\$" 5 "$T/overdue.log"
pid=$(sed -n 's/.*START: overdue pid=\([0-9]*\) .*/\1/p' "$T/overdue.log")
ok "max_duration: WARNING 'service overdue: server $pid ran past max_duration (1 s): sending SIGTERM'" \
	xt_log_wait "${XT_RE_PROG}WARNING: service overdue: server $pid ran past max_duration \\(1 s\\): sending SIGTERM\$" 1

# stubborn ignores SIGTERM: SIGKILL after the 5 s grace period
"$XT_NET" tcp 127.0.0.1 "$P_STUB" -t 12 >"$T/stub.out" 2>/dev/null &
stub_client=$!
# wait = yes: the server holds the socket and would accept for 30 s
"$XT_NET" tcp 127.0.0.1 "$P_WAIT" -t 5 >"$T/wait1.out" 2>/dev/null
like "$(cat "$T/wait1.out")" '^pid=[0-9]+ n=1 ' "wait = yes: the server accepted the first client"
ok "wait = yes: EXIT: waiter signal=15 after max_duration" \
	xt_log_wait "${XT_RE_SVC}EXIT: waiter signal=15 " 5 "$T/waiter.log"
"$XT_NET" tcp 127.0.0.1 "$P_WAIT" -t 5 >"$T/wait2.out" 2>/dev/null
like "$(cat "$T/wait2.out")" '^pid=[0-9]+ n=1 ' "wait = yes: a new server takes the next client"
# a forked builtin (echo) and a redirect session, both held open by clients
xt_tcp got 127.0.0.1 "$P_ECHO" -s 'ping\n' -t 6
is "$XT_RC/$got" $'0/ping\n' "forked builtin: echoed, then closed by max_duration (not the 6 s timeout)"
ok "forked builtin: EXIT: echo-dur signal=15" \
	xt_log_wait "${XT_RE_SVC}EXIT: echo-dur signal=15 " 3 "$T/echo-dur.log"
xt_tcp got 127.0.0.1 "$P_RED" -s 'relayed\n' -t 6
is "$XT_RC/$got" $'0/relayed\n' "redirect: relayed, then closed by max_duration"
ok "redirect: EXIT: relay signal=15" xt_log_wait "${XT_RE_SVC}EXIT: relay signal=15 " 3 "$T/relay.log"
ok "redirect: its program-log line" \
	xt_log_wait "${XT_RE_PROG}WARNING: service relay: server [0-9]+ ran past max_duration \\(1 s\\): sending SIGTERM\$" 1
# a builtin the daemon would answer itself is forked for its sandbox
xt_tcp got 127.0.0.1 "$P_DAY"
like "$got" '^[0-9]{2} [A-Z]{3} [0-9]{4} ' "daytime with no_new_privs answers"
ok "... from a forked server (START with a pid, then EXIT)" \
	xt_log_wait "${XT_RE_SVC}EXIT: day-nnp status=0 pid=[1-9][0-9]* " 3 "$T/day-nnp.log"
wait "$stub_client"
is "$(xt_kv "$(cat "$T/stub.out")" end)" 1 "SIGTERM ignored: the server had reported"
ok "SIGTERM ignored: EXIT: stubborn signal=9" \
	xt_log_wait "${XT_RE_SVC}EXIT: stubborn signal=9 pid=[0-9]+ duration=[67]\\(sec\\)\$" 3 "$T/stubborn.log"
ok "SIGTERM ignored: WARNING '... still running 5 s after SIGTERM: sending SIGKILL'" \
	xt_log_wait "${XT_RE_PROG}WARNING: service stubborn: server [0-9]+ still running 5 s after SIGTERM: sending SIGKILL\$" 1

# the limits, soft = hard, and no_new_privs
xt_tcp rep 127.0.0.1 "$P_LIM"
is "$(xt_kv "$rep" rlimit_fsize)" 65536:65536 "rlimit_fsize = 64K"
is "$(xt_kv "$rep" rlimit_core)" 0:0 "rlimit_core = 0"
is "$(xt_kv "$rep" rlimit_nofile)" 32:32 "rlimit_nofile = 32"
is "$(xt_kv "$rep" nnp)" 1 "no_new_privs = yes: prctl says so"
is "$(xt_kv "$rep" status_nnp)" 1 "no_new_privs = yes: NoNewPrivs: 1 in /proc/self/status"
xt_tcp rep 127.0.0.1 "$P_DUR" -t 0.5
is "$(xt_kv "$rep" status_nnp)" 0 "without it: NoNewPrivs: 0"
# writing past rlimit_fsize
xt_tcp rep 127.0.0.1 "$P_BIG"
is "$(xt_kv "$rep" written)/$(xt_kv "$rep" write_error)" 65536/EFBIG \
	"a write past rlimit_fsize fails with EFBIG after 64 KiB"
xt_tcp rep 127.0.0.1 "$P_XFSZ"
is "$(xt_kv "$rep" end)" "" "with SIGXFSZ left alone, the server does not get to report"
ok "... and is ended by it: EXIT: xfsz signal=25" \
	xt_log_wait "${XT_RE_SVC}EXIT: xfsz signal=25 " 3 "$T/xfsz.log"
# a limit that cannot be set stops the server
xt_tcp rep 127.0.0.1 "$P_BADLIM"
is "$XT_RC/$rep" "0/" "rlimit_nofile = UNLIMITED: closed without data"
ok "... FAIL: badlimit rlimit from=::ffff:127.0.0.1" \
	xt_log_wait "${XT_RE_SVC}FAIL: badlimit rlimit from=::ffff:127\\.0\\.0\\.1\$" 3 "$T/badlimit.log"
ok "... EXIT: badlimit status=1" xt_log_wait "${XT_RE_SVC}EXIT: badlimit status=1 " 3 "$T/badlimit.log"
ok "... ERROR 'unable to set rlimit_nofile for service badlimit: ...'" \
	xt_log_wait "${XT_RE_PROG}ERROR: unable to set rlimit_nofile for service badlimit: Operation not permitted \\(errno = 1\\)\$" 1
ok "daemon 1 still running" xt_alive
xt_stop

# --- 2. a daemon that is not root: warned at load, FAIL when serving --------
read -r P_NRT P_NRC <<<"$(xt_ports 2 | tr '\n' ' ')"
mkdir -p "$T/nrjail/tmp"
chmod 755 "$T/nrjail"
nruser=$ME
prefix=()
if xt_is_root; then
	if getent passwd nobody >/dev/null && command -v setpriv >/dev/null; then
		nruser=nobody
		prefix=(setpriv --reuid nobody --regid "$(id -g nobody)" --clear-groups --)
		chmod 777 "$T"   # the daemon's logs and pidfile
	else
		nruser=''
	fi
fi
if [ -n "$nruser" ]; then
	nrconf=$(xt_conf nonroot.conf <<EOF
$(svc nrtmp "$P_NRT" "$nruser" "wait = no" "server = $probe" "private_tmp = yes")
$(svc nrchroot "$P_NRC" "$nruser" "wait = no" "server = $probe" "chroot = $T/nrjail")
EOF
	)
	chmod 644 "$nrconf"
	L_nrtmp=$(grep -n '^service nrtmp$' "$nrconf" | cut -d: -f1)
	XT_START_PREFIX=("${prefix[@]}")
	ok "daemon 2 starts as $nruser" xt_start "$nrconf" || BAIL_OUT "daemon 2 did not start"
	XT_START_PREFIX=()
	ok "load: WARNING at the entry that private_tmp needs a root daemon" \
		xt_log_wait "$(xt_re_loc WARNING "$nrconf" "$L_nrtmp" "Service nrtmp: chroot and private_tmp need a daemon running as root, not uid $(id -u "$nruser"): its servers will fail")" 1
	xt_tcp rep 127.0.0.1 "$P_NRT"
	is "$XT_RC/$rep" "0/" "private_tmp, not root: closed without data"
	ok "... FAIL: nrtmp private_tmp" xt_log_wait "${XT_RE_SVC}FAIL: nrtmp private_tmp from=::ffff:127\\.0\\.0\\.1\$" 3 "$T/nrtmp.log"
	ok "... EXIT: nrtmp status=1" xt_log_wait "${XT_RE_SVC}EXIT: nrtmp status=1 " 3 "$T/nrtmp.log"
	ok "... ERROR 'unable to unshare the mount namespace for service nrtmp: ...'" \
		xt_log_wait "${XT_RE_PROG}ERROR: unable to unshare the mount namespace for service nrtmp: Operation not permitted \\(errno = 1\\)\$" 1
	xt_tcp rep 127.0.0.1 "$P_NRC"
	is "$XT_RC/$rep" "0/" "chroot, not root: closed without data"
	ok "... FAIL: nrchroot chroot" xt_log_wait "${XT_RE_SVC}FAIL: nrchroot chroot from=::ffff:127\\.0\\.0\\.1\$" 3 "$T/nrchroot.log"
	ok "... ERROR 'unable to chroot to $T/nrjail for service nrchroot: ...'" \
		xt_log_wait "${XT_RE_PROG}ERROR: unable to chroot to $(xt_re_quote "$T/nrjail") for service nrchroot: Operation not permitted \\(errno = 1\\)\$" 1
	xt_stop
else
	skip "root without nobody or setpriv: no unprivileged daemon" 10
fi

# --- 3. root: chroot, private_tmp, setuid, rlimit_nproc, failures ----------
if ! xt_is_root || ! getent passwd nobody >/dev/null; then
	skip "chroot, private_tmp, setuid and rlimit_nproc need root and the user nobody" 45
	xt_check_clean
	done_testing
fi
chmod 755 "$T"
NOBODY_UID=$(id -u nobody)
DAEMON_GID=$(getent group daemon | cut -d: -f3)

# our_mounts : the mount points in the daemon's namespace that a server's
# private /tmp could have added: /tmp itself and anything under $T (the
# machine's other mounts come and go with other work)
our_mounts() {
	cut -d' ' -f5 "/proc/$XT_PID/mountinfo" | grep -E "^(/tmp|$(xt_re_quote "$T")(/.*)?)\$" | sort
}

# jail DIR : a chroot directory with xt-probe, its libraries and tmp
jail() {
	local d=$1 lib
	mkdir -p "$d/bin" "$d/tmp"
	cp "$XT_PROBE" "$d/bin/xt-probe"
	for lib in $(ldd "$XT_PROBE" 2>/dev/null | grep -o '/[^ ]*'); do
		mkdir -p "$d$(dirname "$lib")"
		cp "$lib" "$d$lib"
	done
	chmod -R go-w "$d"
	chmod 755 "$d" "$d/bin" "$d/bin/xt-probe"
}
jail "$T/jail"
jail "$T/gone"
jail "$T/notmp"
rmdir "$T/notmp/tmp"
suid=$T/suid-probe
cp "$XT_PROBE" "$suid" && chown root:root "$suid" && chmod 4755 "$suid"
# private_tmp hides the real /tmp, where $T may be: a probe from elsewhere
outside=$XT_PROBE
case $outside in "${TMPDIR:-/tmp}"/* | /tmp/*) outside='' ;; esac
if [ -n "$outside" ] && ! setpriv --reuid nobody --regid "$(id -g nobody)" --clear-groups -- test -x "$outside" 2>/dev/null; then
	outside=''
fi

read -r P_JAIL P_JTMP P_PTMP P_JWAIT P_SUID P_NOSUID P_BOMB P_FORKS P_GONE \
	P_NOTMP P_CAP <<<"$(xt_ports 11 | tr '\n' ' ')"
conf3=$(xt_conf root.conf <<EOF
$(svc jailed "$P_JAIL" nobody "wait = no" "chroot = $T/jail" "server = /bin/xt-probe" "group = daemon" "groups = yes" "env = XT_SANDBOX=jailed")
$(svc jailtmp "$P_JTMP" nobody "wait = no" "server = /bin/xt-probe" "chroot = $T/jail" "private_tmp = 1M" "server_args = --put-tmp mark")
$(svc ptmp "$P_PTMP" nobody "wait = no" "server = ${outside:-$probe}" "private_tmp = yes" "server_args = --put-tmp xt-sandbox-mark-$$")
$(svc jwait "$P_JWAIT" nobody "wait = yes" "chroot = $T/jail" "server = /bin/xt-probe" "server_args = --accept-loop 1 --idle 5")
$(svc suid "$P_SUID" nobody "wait = no" "server = $suid" "no_new_privs = yes")
$(svc nosuid "$P_NOSUID" nobody "wait = no" "server = $suid")
$(svc bomb "$P_BOMB" nobody "wait = no" "server = $probe" "server_args = --fork-max 200" "rlimit_nproc = 8")
$(svc forks "$P_FORKS" nobody "wait = no" "server = $probe" "server_args = --fork-max 20")
$(svc gone "$P_GONE" nobody "wait = no" "chroot = $T/gone" "server = /bin/xt-probe")
$(svc notmp "$P_NOTMP" nobody "wait = no" "chroot = $T/notmp" "server = /bin/xt-probe" "private_tmp = yes")
EOF
)
L_notmp=$(grep -n '^service notmp$' "$conf3" | cut -d: -f1)
# In a mount namespace of its own whose mounts propagate (as systemd makes
# them), so a private /tmp that leaked back would show in its mountinfo.
if unshare -m --propagation shared -- true 2>/dev/null; then
	XT_START_PREFIX=(unshare -m --propagation shared --)
else
	diag "unshare --propagation shared is not available: the daemon's mounts may not propagate"
fi
ok "daemon 3 starts (root)" xt_start "$conf3" || BAIL_OUT "daemon 3 did not start"
XT_START_PREFIX=()
ok "load: WARNING that notmp has no directory to mount /tmp on" \
	xt_log_wait "$(xt_re_loc WARNING "$conf3" "$L_notmp" "Service notmp: private_tmp needs a directory $(xt_re_quote "$T/notmp")/tmp to mount on")" 1
mounts_before=$(our_mounts)

xt_tcp rep 127.0.0.1 "$P_JAIL"
is "$(xt_kv "$rep" end)" 1 "chroot: the server inside it ran and reported"
is "$(xt_kv "$rep" root)" "$(cd "$T/jail" && LC_ALL=C ls -A | paste -sd,)" "chroot: / is the directory's contents"
is "$(xt_kv "$rep" root_id)" "$(stat -c '%d:%i' "$T/jail")" "chroot: / is the directory itself (device:inode)"
is "$(xt_kv "$rep" cwd)" / "chroot: the working directory is its root"
is "$(xt_kv "$rep" uid)/$(xt_kv "$rep" euid)" "$NOBODY_UID/$NOBODY_UID" "chroot with user = nobody"
is "$(xt_kv "$rep" gid)" "$DAEMON_GID" "chroot with group = daemon"
is "$(xt_kv "$rep" groups)" "$(id -G nobody | tr ' ' '\n' | sort -n | paste -sd,)" \
	"chroot with groups = yes: nobody's groups, read before the chroot"
like "$rep" $'\nenv=XT_SANDBOX=jailed\n' "chroot with env"
is "$(xt_kv "$rep" status_nnp)" "" "chroot: no /proc inside"

xt_tcp rep 127.0.0.1 "$P_JTMP"
is "$(xt_kv "$rep" tmp)/$(xt_kv "$rep" tmp_fs)/$(xt_kv "$rep" tmp_size)/$(xt_kv "$rep" tmp_mode)" \
	"mark/tmpfs/1048576/1777" "private_tmp in a chroot: a 1 MiB tmpfs, mode 1777, with the server's file"
xt_tcp rep 127.0.0.1 "$P_JTMP"
is "$(xt_kv "$rep" tmp)" mark "... and the next server starts from an empty one"
is "$(ls -A "$T/jail/tmp")" "" "... nothing reached the directory's own tmp"

if [ -n "$outside" ]; then
	xt_tcp rep 127.0.0.1 "$P_PTMP"
	is "$(xt_kv "$rep" tmp)/$(xt_kv "$rep" tmp_fs)/$(xt_kv "$rep" tmp_size)" \
		"xt-sandbox-mark-$$/tmpfs/16777216" "private_tmp = yes: a 16 MiB tmpfs holding only the server's file"
	ok "... the real /tmp never saw the file" test ! -e "/tmp/xt-sandbox-mark-$$"
else
	skip "no xt-probe outside /tmp that nobody may run (private_tmp hides /tmp)" 2
fi
is "$(our_mounts)" "$mounts_before" \
	"... and the daemon's mount namespace is unchanged"

"$XT_NET" tcp 127.0.0.1 "$P_JWAIT" -t 5 >"$T/jwait.out" 2>/dev/null
like "$(cat "$T/jwait.out")" '^pid=[0-9]+ n=1 fd0=socket-stream-listening$' \
	"chroot with wait = yes: the server accepted on the listening socket"

xt_tcp rep 127.0.0.1 "$P_NOSUID"
if [ "$(xt_kv "$rep" euid)" = 0 ]; then
	pass "without no_new_privs a setuid-root server does become root (the test means something)"
else
	skip "setuid bits have no effect here (nosuid mount?)"
fi
xt_tcp rep 127.0.0.1 "$P_SUID"
is "$(xt_kv "$rep" uid)/$(xt_kv "$rep" euid)" "$NOBODY_UID/$NOBODY_UID" \
	"no_new_privs: the setuid-root server stays nobody"
is "$(xt_kv "$rep" status_nnp)" 1 "no_new_privs: NoNewPrivs: 1"

xt_tcp rep 127.0.0.1 "$P_BOMB" -t 10
is "$(xt_kv "$rep" fork_error)" EAGAIN "rlimit_nproc = 8: the fork bomb hits EAGAIN"
ok "... before 8 processes of nobody ($(xt_kv "$rep" forks) forks)" test "$(xt_kv "$rep" forks)" -lt 8
is "$(xt_kv "$rep" rlimit_nproc)" 8:8 "... the limit is soft = hard = 8"
xt_tcp rep 127.0.0.1 "$P_FORKS" -t 10
is "$(xt_kv "$rep" forks)/$(xt_kv "$rep" fork_error)" 20/none "without rlimit_nproc 20 forks succeed"

# the chroot directory disappears after the configuration was read
rm -rf "$T/gone"
xt_tcp rep 127.0.0.1 "$P_GONE"
is "$XT_RC/$rep" "0/" "chroot directory removed: closed without data"
ok "... FAIL: gone chroot from=::ffff:127.0.0.1" \
	xt_log_wait "${XT_RE_SVC}FAIL: gone chroot from=::ffff:127\\.0\\.0\\.1\$" 3 "$T/gone.log"
ok "... EXIT: gone status=1" xt_log_wait "${XT_RE_SVC}EXIT: gone status=1 " 3 "$T/gone.log"
ok "... ERROR 'unable to chroot to $T/gone for service gone: No such file or directory'" \
	xt_log_wait "${XT_RE_PROG}ERROR: unable to chroot to $(xt_re_quote "$T/gone") for service gone: No such file or directory \\(errno = 2\\)\$" 1
xt_tcp rep 127.0.0.1 "$P_NOTMP"
is "$XT_RC/$rep" "0/" "no DIR/tmp to mount on: closed without data"
ok "... FAIL: notmp private_tmp" xt_log_wait "${XT_RE_SVC}FAIL: notmp private_tmp from=" 3 "$T/notmp.log"
ok "... ERROR 'unable to mount a private /tmp on $T/notmp/tmp ...'" \
	xt_log_wait "${XT_RE_PROG}ERROR: unable to mount a private /tmp on $(xt_re_quote "$T/notmp")/tmp for service notmp: No such file or directory \\(errno = 2\\)\$" 1
is "$(our_mounts)" "$mounts_before" \
	"after all that, the daemon's mounts are still the same"
ok "daemon 3 still running" xt_alive
xt_stop

# a root daemon without CAP_SYS_ADMIN cannot mount
if command -v setpriv >/dev/null && setpriv --bounding-set=-sys_admin -- true 2>/dev/null; then
	conf4=$(xt_conf nocap.conf <<EOF
$(svc nocap "$P_CAP" nobody "wait = no" "server = ${outside:-$probe}" "private_tmp = yes")
EOF
	)
	XT_START_PREFIX=(setpriv --bounding-set=-sys_admin --)
	ok "daemon 4 starts without CAP_SYS_ADMIN" xt_start "$conf4" || BAIL_OUT "daemon 4 did not start"
	XT_START_PREFIX=()
	xt_tcp rep 127.0.0.1 "$P_CAP"
	is "$XT_RC/$rep" "0/" "no CAP_SYS_ADMIN: closed without data"
	ok "... FAIL: nocap private_tmp" xt_log_wait "${XT_RE_SVC}FAIL: nocap private_tmp from=" 3 "$T/nocap.log"
	ok "... EXIT: nocap status=1" xt_log_wait "${XT_RE_SVC}EXIT: nocap status=1 " 3 "$T/nocap.log"
	ok "... ERROR 'unable to unshare the mount namespace ...'" \
		xt_log_wait "${XT_RE_PROG}ERROR: unable to unshare the mount namespace for service nocap: Operation not permitted" 1
	xt_stop
else
	skip "setpriv cannot drop CAP_SYS_ADMIN here" 5
fi

xt_check_clean
done_testing
