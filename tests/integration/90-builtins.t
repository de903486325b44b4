#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 90-builtins: the internal services (reference 4.9, 5, 8.3, 12 #46, #57, #73)
# as UNLISTED INTERNAL services on free ports:
#  - echo stream copies its input until EOF (IPv4 and IPv6); xinetd forks
#    it (START and EXIT with the child's pid), xinetd-ng serves it as a
#    session of the daemon (START pid=0, no EXIT), TCP wrappers consulted
#    by its access checker;
#  - echo dgram answers with the datagram; a burst of 5 gets fewer than 5
#    replies (the queue is drained after each request);
#  - discard stream/dgram answer nothing;
#  - daytime stream/dgram: "DD MON YYYY HH:MM:SS ZONE\r\n", today's date;
#  - time stream/dgram: 4 bytes, big-endian seconds since 1900 (now +-5 s);
#  - chargen stream: 72-character rotating lines + CRLF from '!'; the child
#    ends once the client is gone; chargen dgram: one 1024-byte datagram
#    (13 full lines, then 60 characters + CRLF: the "62-byte final line" of
#    reference 5, as 2.3.15.3 sends it), the rotation carrying over to the
#    next request;
#  - with `flags = NOLIBWRAP` the builtins that answer at once run inside
#    the daemon: START with pid=0 and no EXIT;
#  - without NOLIBWRAP (libwrap consulted) a dgram builtin still answers
#    (from a child); daytime stream is answered in the daemon (pid=0), its
#    libwrap check made by the access checker;
#  - (root, private mount namespace) hosts.deny `echo : ALL` refuses the
#    internal echo whose id is echo-stream, `daytime-stream : ALL` does not
#    refuse the daytime service with that id: the service *name* is the
#    libwrap daemon name.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup P_ES P_ED P_EDW P_DS P_DD P_TS P_TD P_TW P_MS P_MD P_CS P_CD

# internal_svc NAME ID SOCKET_TYPE PORT [LINE...] : an UNLISTED INTERNAL
# service (udp and wait = yes for dgram) logging PID HOST EXIT / HOST to $T/ID.log
internal_svc() {
	local name=$1 id=$2 st=$3 port=$4
	local -a dgram=()
	shift 4
	[ "$st" = dgram ] && dgram=("socket_type = dgram" "protocol = udp" "wait = yes")
	xt_svc -l "$name" "$port" "id = $id" "type = INTERNAL UNLISTED" "${dgram[@]}" \
		"log_type = FILE $T/$id.log" "$@"
}

conf=$(xt_conf xinetd.conf <<EOF
$(internal_svc echo echo-stream stream "$P_ES")
$(internal_svc echo echo-dgram dgram "$P_ED" "flags = NOLIBWRAP")
$(internal_svc echo echo-dgram-wrap dgram "$P_EDW")
$(internal_svc discard discard-stream stream "$P_DS")
$(internal_svc discard discard-dgram dgram "$P_DD" "flags = NOLIBWRAP")
$(internal_svc daytime daytime-stream stream "$P_TS" "flags = NOLIBWRAP")
$(internal_svc daytime daytime-dgram dgram "$P_TD" "flags = NOLIBWRAP")
$(internal_svc daytime daytime-wrap stream "$P_TW")
$(internal_svc time time-stream stream "$P_MS" "flags = NOLIBWRAP")
$(internal_svc time time-dgram dgram "$P_MD" "flags = NOLIBWRAP")
$(internal_svc chargen chargen-stream stream "$P_CS")
$(internal_svc chargen chargen-dgram dgram "$P_CD" "flags = NOLIBWRAP")
EOF
)

xt_start_working 12 "$conf"

# xt_tcp_file FILE HOST PORT [xt-net tcp options] : raw reply into $T/FILE
# (binary-safe: bash variables cannot hold NUL bytes); XT_RC as for xt_tcp,
# xt-net's stderr in $T/.xt-net.err.  xt_udp_file: likewise for a datagram.
xt_tcp_file() { net_file tcp "$@"; }
xt_udp_file() { net_file udp "$@"; }
net_file() {
	local mode=$1 f=$2
	shift 2
	"$XT_NET" "$mode" "$@" >"$T/$f" 2>"$T/.xt-net.err"
	XT_RC=$?
	return "$XT_RC"
}
# size of $T/FILE in bytes
fsize() { stat -c %s "$T/$1"; }

# chargen_text START NBYTES : the chargen stream from rotation START (0 =
# first line begins with '!'): 72 characters of '!'..'}' then CRLF per line,
# each line starting one character later; cut at NBYTES
chargen_text() {
	local start=$1 n=$2 out='' line i=0 ring
	ring=$(awk 'BEGIN { for (k = 33; k <= 125; k++) printf "%c", k }')
	ring+=$ring
	while [ "${#out}" -lt "$n" ]; do
		line=${ring:$(((start + i) % 93)):72}
		out+="$line"$'\r\n'
		i=$((i + 1))
	done
	printf '%s' "${out:0:$n}"
}
# chargen_dgram_text START : xinetd's 1024-byte datagram: 13 lines of 74
# bytes, then a 62-byte line (60 characters + CRLF)
chargen_dgram_text() {
	chargen_text "$1" 962
	chargen_text "$(($1 + 13))" 60
	printf '\r\n'
}

# --- echo stream ---------------------------------------------------------
xt_tcp got 127.0.0.1 "$P_ES" -s 'hello\r\nworld\n' -e
is "$XT_RC/$got" $'0/hello\r\nworld\n' "echo stream: input copied back until EOF (IPv4)"
head -c 20000 /dev/urandom | od -An -tx1 -v | tr -d ' \n' | head -c 30000 >"$T/payload"
xt_tcp_file echo.out ::1 "$P_ES" -S "$T/payload" -e -d -t 10
ok "echo stream: a 30000-byte payload comes back unchanged (IPv6)" cmp -s "$T/payload" "$T/echo.out"
if xt_oracle; then
	ok "echo stream: EXIT for both clients" xt_log_wait_n 2 ': EXIT: echo-stream ' 5 "$T/echo-stream.log"
	like "$(head -n 1 "$T/echo-stream.log")" "${XT_RE_SVC}START: echo-stream pid=([0-9]+) from=::ffff:127\\.0\\.0\\.1\$" \
		"echo stream: START with the child's pid, from=::ffff:127.0.0.1"
	spid=${BASH_REMATCH[1]:-x}
	isnt "$spid" 0 "echo stream is forked: pid is not 0"
	like "$(grep ": EXIT: echo-stream .*pid=${spid}\$" "$T/echo-stream.log")" "${XT_RE_SVC}EXIT: echo-stream status=0 pid=${spid}\$" \
		"echo stream: EXIT status=0 with the same pid"
	like "$(grep ': START: ' "$T/echo-stream.log" | sed -n 2p)" "${XT_RE_SVC}START: echo-stream pid=[1-9][0-9]* from=::1\$" \
		"echo stream: START from=::1 for the IPv6 client"
else
	like "$(head -n 1 "$T/echo-stream.log")" "${XT_RE_SVC}START: echo-stream pid=0 from=::ffff:127\\.0\\.0\\.1\$" \
		"echo stream: a session of the daemon: START pid=0 from=::ffff:127.0.0.1"
	like "$(grep ': START: ' "$T/echo-stream.log" | sed -n 2p)" "${XT_RE_SVC}START: echo-stream pid=0 from=::1\$" \
		"echo stream: START pid=0 from=::1 for the IPv6 client"
	is "$(grep -c ': EXIT: ' "$T/echo-stream.log")" 0 "echo stream: no EXIT for a session"
fi

# --- echo dgram ----------------------------------------------------------
xt_udp got 127.0.0.1 "$P_ED" -s 'ping 1'
is "$XT_RC/$got" "0/ping 1" "echo dgram: the datagram comes back"
xt_udp got ::1 "$P_ED" -s 'ping six'
is "$XT_RC/$got" "0/ping six" "echo dgram over IPv6"
like "$(head -n 1 "$T/echo-dgram.log")" "${XT_RE_SVC}START: echo-dgram pid=0 from=::ffff:127\\.0\\.0\\.1\$" \
	"echo dgram, NOLIBWRAP: START with pid=0 (served inside the daemon)"
# The daemon is stopped while the burst goes out, so that all 5 datagrams are
# queued when it looks at the socket (else a fast daemon answers each one).
kill -STOP "$XT_PID"
"$XT_NET" udp-burst 127.0.0.1 "$P_ED" 5 -s burst -t 4 -q 0.5 -m >"$T/burst.out" 2>"$T/burst.err" &
h_burst=$!
xt_log_wait '^sent 5$' 3 "$T/burst.err" >/dev/null
kill -CONT "$XT_PID"
wait "$h_burst"
n=$(grep -c '^burst[1-5]$' "$T/burst.out")
if [ "$n" -ge 1 ] && [ "$n" -lt 5 ]; then
	pass "echo dgram: a burst of 5 datagrams gets 1..4 replies ($n)"
else
	fail "echo dgram: a burst of 5 datagrams gets 1..4 replies"
	diag "got $n replies: $(tr '\n' ' ' <"$T/burst.out") $(cat "$T/burst.err")"
fi
xt_udp got 127.0.0.1 "$P_ED" -s 'after burst'
is "$got" "after burst" "echo dgram: still answering after the burst"

xt_udp got 127.0.0.1 "$P_EDW" -s 'wrapped' -t 3
is "$XT_RC/$got" "0/wrapped" "echo dgram without NOLIBWRAP (libwrap consulted): the datagram comes back"
xt_udp got 127.0.0.1 "$P_EDW" -s 'wrapped again' -t 3
is "$XT_RC/$got" "0/wrapped again" "echo dgram without NOLIBWRAP: a second datagram comes back too"

# --- discard -------------------------------------------------------------
xt_tcp got 127.0.0.1 "$P_DS" -s 'thrown away\n' -e
is "$XT_RC/$got" "0/" "discard stream: nothing comes back, closed at EOF"
if xt_oracle; then
	ok "discard stream: forked, EXIT status=0" \
		xt_log_wait "${XT_RE_SVC}EXIT: discard-stream status=0 pid=[1-9][0-9]*\$" 5 "$T/discard-stream.log"
else
	ok "discard stream: a session of the daemon (START pid=0)" \
		xt_log_wait "${XT_RE_SVC}START: discard-stream pid=0 " 3 "$T/discard-stream.log"
fi
xt_udp got 127.0.0.1 "$P_DD" -s 'into the void' -t 1
is "$XT_RC/$got" "3/" "discard dgram: no reply (timeout)"
ok "discard dgram: the datagram was received (START pid=0)" \
	xt_log_wait "${XT_RE_SVC}START: discard-dgram pid=0 from=::ffff:127\\.0\\.0\\.1\$" 3 "$T/discard-dgram.log"

# --- daytime -------------------------------------------------------------
# today's "DD MON YYYY", taken before and after the request (midnight)
today() { LC_ALL=C date +'%d %b %Y' | tr '[:lower:]' '[:upper:]'; }
re_day='^([0-3][0-9] (JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC) [0-9]{4}) [0-2][0-9]:[0-5][0-9]:[0-6][0-9] [A-Za-z0-9+:-]+'$'\r\n''$'
check_daytime() { # TEXT DESC
	local d1=$3 d2=$4
	if like "$1" "$re_day" "$2: 'DD MON YYYY HH:MM:SS ZONE\\r\\n'"; then
		if [ "${BASH_REMATCH[1]}" = "$d1" ] || [ "${BASH_REMATCH[1]}" = "$d2" ]; then
			pass "$2: today's date (${BASH_REMATCH[1]})"
		else
			fail "$2: today's date"
			diag "got '${BASH_REMATCH[1]}', expected '$d1'"
		fi
	else
		fail "$2: today's date (format already wrong)"
	fi
}
d1=$(today)
xt_tcp got 127.0.0.1 "$P_TS"
r1=$XT_RC
xt_udp gotu 127.0.0.1 "$P_TD" -s 'x'
r2=$XT_RC
xt_tcp gotw ::1 "$P_TW"
r3=$XT_RC
d2=$(today)
is "$r1/$r2/$r3" "0/0/0" "daytime stream, dgram and stream without NOLIBWRAP all answer"
check_daytime "$got" "daytime stream" "$d1" "$d2"
check_daytime "$gotu" "daytime dgram" "$d1" "$d2"
check_daytime "$gotw" "daytime stream without NOLIBWRAP (IPv6)" "$d1" "$d2"
like "$(cat "$T/daytime-stream.log")" "^${XT_RE_SVC:1}START: daytime-stream pid=0 from=::ffff:127\\.0\\.0\\.1\$" \
	"daytime stream, NOLIBWRAP: START with pid=0"
like "$(cat "$T/daytime-dgram.log")" "^${XT_RE_SVC:1}START: daytime-dgram pid=0 from=::ffff:127\\.0\\.0\\.1\$" \
	"daytime dgram, NOLIBWRAP: START with pid=0"
ok "daytime stream without NOLIBWRAP: START logged (from=::1)" \
	xt_log_wait "${XT_RE_SVC}START: daytime-wrap pid=[0-9]+ from=::1\$" 3 "$T/daytime-wrap.log"
# Answered in the daemon, as xinetd does; xinetd-ng asks its access
# checker for the libwrap verdict (a look-up may block: not in the loop).
like "$(head -n 1 "$T/daytime-wrap.log")" "${XT_RE_SVC}START: daytime-wrap pid=0 from=::1\$" \
	"daytime stream without NOLIBWRAP: answered in the daemon (START pid=0)"

# --- time ----------------------------------------------------------------
# be32 FILE : the 4 bytes of $T/FILE as a big-endian unsigned number
be32() {
	local b
	read -r -a b <<<"$(od -An -tu1 -v "$T/$1")"
	echo $(((b[0] << 24) + (b[1] << 16) + (b[2] << 8) + b[3]))
}
check_time() { # FILE DESC LO HI
	local v
	if is "$(fsize "$1")" 4 "$2: exactly 4 bytes"; then
		v=$(be32 "$1")
		if [ "$v" -ge "$3" ] && [ "$v" -le "$4" ]; then
			pass "$2: seconds since 1900 = now + 2208988800 (+-5 s)"
		else
			fail "$2: seconds since 1900 = now + 2208988800 (+-5 s)"
			diag "got $v, expected $3..$4"
		fi
	else
		fail "$2: value (wrong size)"
	fi
}
lo=$(($(date +%s) + 2208988800 - 5))
xt_tcp_file time.s 127.0.0.1 "$P_MS"
r1=$XT_RC
xt_udp_file time.d ::1 "$P_MD" -s 'x'
r2=$XT_RC
hi=$(($(date +%s) + 2208988800 + 5))
is "$r1/$r2" "0/0" "time stream and dgram answer"
check_time time.s "time stream" "$lo" "$hi"
check_time time.d "time dgram (IPv6)" "$lo" "$hi"
like "$(cat "$T/time-dgram.log")" "^${XT_RE_SVC:1}START: time-dgram pid=0 from=::1\$" \
	"time dgram, NOLIBWRAP: START pid=0 from=::1"

# --- chargen -------------------------------------------------------------
chargen_text 0 370 >"$T/chargen.want"
xt_tcp_file chargen.s 127.0.0.1 "$P_CS" -n 370
is "$XT_RC" 0 "chargen stream: 370 bytes received"
ok "chargen stream: 5 lines of 72 rotating characters + CRLF, from '!'" cmp "$T/chargen.want" "$T/chargen.s"
if xt_oracle; then
	ok "chargen stream: the server ends once the client has gone (EXIT logged)" \
		xt_log_wait "${XT_RE_SVC}EXIT: chargen-stream (status|signal)=[0-9]+ pid=[1-9][0-9]*\$" 5 "$T/chargen-stream.log"
else
	ok "chargen stream: a session of the daemon (START pid=0), ended with the client" \
		xt_log_wait "${XT_RE_SVC}START: chargen-stream pid=0 " 3 "$T/chargen-stream.log"
fi

xt_udp_file chargen.d1 127.0.0.1 "$P_CD" -s 'x'
r1=$XT_RC
xt_udp_file chargen.d2 127.0.0.1 "$P_CD" -s 'x'
r2=$XT_RC
is "$r1/$r2/$(fsize chargen.d1)/$(fsize chargen.d2)" "0/0/1024/1024" "chargen dgram: two replies of 1024 bytes"
first=$(head -c 1 "$T/chargen.d1" | od -An -tu1 | tr -d ' ')
start1=$((${first:-33} - 33))
chargen_dgram_text "$start1" >"$T/chargen.want1"
ok "chargen dgram: 13 lines of 72 characters + CRLF, then 60 characters + CRLF" \
	cmp "$T/chargen.want1" "$T/chargen.d1"
chargen_text "$(((start1 + 14) % 93))" 74 >"$T/chargen.want2"
head -c 74 "$T/chargen.d2" >"$T/chargen.d2.line1"
ok "chargen dgram: the next datagram continues the rotation (first line 14 lines later)" \
	cmp "$T/chargen.want2" "$T/chargen.d2.line1"

# --- no EXIT for builtins served inside the daemon --------------------------
n=$(cat "$T/echo-dgram.log" "$T/discard-dgram.log" "$T/daytime-stream.log" "$T/daytime-dgram.log" \
	"$T/time-stream.log" "$T/time-dgram.log" "$T/chargen-dgram.log" 2>/dev/null | grep -c ': EXIT: ')
is "$n" 0 "NOLIBWRAP builtins answered at once log no EXIT line"
ok "daemon still running" xt_alive

# --- libwrap daemon name = service name (root: private hosts.allow/deny) ----
xt_port_vars P_W_ECHO P_W_DAY
if ! xt_is_root; then
	skip "libwrap test needs root (private mount namespace)" 5
elif ! unshare -m --propagation private true 2>/dev/null; then
	skip "libwrap test needs unshare -m (mount namespaces)" 5
else
	: >"$T/hosts.allow"
	printf 'echo : ALL\ndaytime-stream : ALL\n' >"$T/hosts.deny"
	conf2=$(xt_conf wrap.conf <<EOF
$(internal_svc echo w-echo stream "$P_W_ECHO")
$(internal_svc daytime daytime-stream stream "$P_W_DAY")
EOF
)
	# shellcheck disable=SC2016  # expanded by the inner sh
	XT_START_PREFIX=(unshare -m --propagation private -- sh -c \
		'mount --bind "$1" /etc/hosts.allow && mount --bind "$2" /etc/hosts.deny && shift 2 && exec "$@"' \
		sh "$T/hosts.allow" "$T/hosts.deny")
	xt_start "$conf2"
	started=$?
	XT_START_PREFIX=()
	if [ "$started" -ne 0 ]; then
		fail "libwrap daemon starts (private hosts.allow/deny)"
		skip "libwrap daemon did not start" 4
	else
		pass "libwrap daemon starts (private hosts.allow/deny)"
		xt_tcp got 127.0.0.1 "$P_W_ECHO" -s 'hello\n' -e
		# closed unread: EOF or, as the input was never read, a reset
		like "$XT_RC/$got" '^[04]/$' "hosts.deny 'echo : ALL': internal echo (id w-echo) refused, nothing echoed"
		ok "libwrap refusal: INFO 'libwrap refused connection to w-echo (libwrap=echo) from ::ffff:127.0.0.1'" \
			xt_log_wait "${XT_RE_PROG}INFO: libwrap refused connection to w-echo \\(libwrap=echo\\) from ::ffff:127\\.0\\.0\\.1\$" 5
		ok "libwrap refusal: FAIL: w-echo libwrap from=::ffff:127.0.0.1" \
			xt_log_wait "${XT_RE_SVC}FAIL: w-echo libwrap from=::ffff:127\\.0\\.0\\.1\$" 5 "$T/w-echo.log"
		d1=$(today)
		xt_tcp got 127.0.0.1 "$P_W_DAY"
		d2=$(today)
		like "$got" "$re_day" "hosts.deny 'daytime-stream : ALL' does not match id daytime-stream: daytime served"
	fi
fi

xt_check_clean
done_testing
