#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154  # xt_tcp assigns by name
# 73-convert-inetd: xinetd --convert-inetd on a Debian inetd.conf as
# update-inetd writes it (#:SECTION: headers, #<off># entries, tcpd,
# internal services in stream and dgram):
#  - with -o DIR: exit 0, nothing on stderr, one file per id (the path of
#    each on stdout), and each file passes xinetd --check on its own;
#  - disabled entries get disable = yes, echo stream/dgram ids of their own;
#  - a second run overwrites nothing: exit 1, "FILE:LINE: DIR/ID exists:
#    not overwritten" for each, the files unchanged;
#  - from standard input ("-"), one stream; a line that cannot be
#    converted is "(stdin):LINE: reason" and the others still are;
#  - the daemon started on the converted daytime entry (put on a free
#    loopback port) serves today's date.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup P

cat >"$T/inetd.conf" <<'EOF'
# /etc/inetd.conf:  see inetd(8) for further informations.
#
# Internet superserver configuration database
#
#
# Lines starting with "#:LABEL:" or "#<off>#" should not
# be changed unless you know what you are doing!
#
# If you want to disable an entry so it isn't touched during
# package updates just comment it out with a single '#' character.
#
# Packages should modify this file by using update-inetd(8)
#
# <service_name> <sock_type> <proto> <flags> <user> <server_path> <args>
#
#:INTERNAL: Internal services
#discard		stream	tcp	nowait	root	internal
#discard		dgram	udp	wait	root	internal
daytime		stream	tcp	nowait	root	internal
#time		stream	tcp	nowait	root	internal
echo		stream	tcp	nowait	root	internal
echo		dgram	udp	wait	root	internal

#:STANDARD: These are standard services.
#<off># telnet	stream	tcp	nowait	root	/usr/sbin/tcpd	cat

#:BSD: Shell, login, exec and talk are BSD protocols.
#<off># talk	dgram	udp	wait	nobody.tty	/usr/sbin/tcpd	cat

#:MAIL: Mail, news and uucp services.

#:INFO: Info services
finger		stream	tcp	nowait.40	nobody	/usr/sbin/tcpd	/bin/echo nobody here
ident		stream	tcp	nowait	nobody:nogroup	/bin/date	date -u

#:BOOT: TFTP service is provided primarily for booting.  Most sites
# run this only on machines acting as "boot servers."
#<off># tftp		dgram	udp	wait	nobody	/bin/cat	/bin/cat

#:RPC: RPC based services

#:HAM-RADIO: amateur-radio services

#:OTHER: Other services
EOF

mkdir "$T/xinetd.d"
"$XINETD" --convert-inetd -daemon_dir /bin -o "$T/xinetd.d" "$T/inetd.conf" \
	>"$T/out" 2>"$T/err"
is "$?" 0 "--convert-inetd -o DIR: exit 0"
is "$(cat "$T/err")" "" "nothing on stderr"
diag_file "$T/err"
ids="daytime-stream echo-stream echo-dgram telnet talk finger ident tftp"
want=$(for id in $ids; do echo "$T/xinetd.d/$id"; done)
is "$(cat "$T/out")" "$want" "one file per id, its path on stdout"
is "$(cd "$T/xinetd.d" && ls | sort | tr '\n' ' ')" \
	"$(printf '%s\n' $ids | sort | tr '\n' ' ')" "nothing else in DIR"

for id in $ids; do
	"$XINETD" --check -f "$T/xinetd.d/$id" >"$T/check" 2>&1
	is "$?" 0 "$id passes xinetd --check"
	[ "$?" = 0 ] || { diag_file "$T/xinetd.d/$id"; diag_file "$T/check"; }
done

f=$(cat "$T/xinetd.d/telnet")
like "$f" $'\tdisable\t\t= yes\n' "#<off># telnet: disable = yes"
like "$f" $'\tserver\t\t= /bin/cat\n' "telnet: tcpd's program found in -daemon_dir"
like "$(cat "$T/xinetd.d/tftp")" $'\tdisable\t\t= yes\n' "#<off># tftp: disable = yes"
like "$(cat "$T/xinetd.d/daytime-stream")" $'\tdisable\t\t= no\n' "daytime: disable = no"
like "$(cat "$T/xinetd.d/echo-dgram")" $'\tid\t\t= echo-dgram\n' "echo dgram: id echo-dgram"
f=$(cat "$T/xinetd.d/talk")
like "$f" $'\tgroup\t\t= tty\n' "talk: user.group gives the group"
f=$(cat "$T/xinetd.d/finger")
like "$f" $'\tserver_args\t= nobody here\n' "finger: tcpd's arguments after the program"
like "$f" $'\tcps\t\t= 40 600\n' "finger: nowait.40 is cps = 40 600"
like "$f" $'^# '"$(xt_re_quote "$T/inetd.conf")"$':33: finger\t' \
	"each entry starts with # FILE:LINE: and its line"
unlike "$(cat "$T/xinetd.d/ident")" 'NAMEINARGS' \
	"ident: argv[0] date is /bin/date's own name: no NAMEINARGS"

# --- a second run overwrites nothing ------------------------------------
cp -a "$T/xinetd.d" "$T/before"
"$XINETD" --convert-inetd -daemon_dir /bin -o "$T/xinetd.d" "$T/inetd.conf" \
	>"$T/out" 2>"$T/err"
is "$?" 1 "second run: exit 1"
is "$(cat "$T/out")" "" "second run: nothing written"
is "$(grep -c ': not overwritten$' "$T/err")" 8 "second run: every file reported"
like "$(cat "$T/err")" "^$(xt_re_quote "$T/inetd.conf"):19: $(xt_re_quote "$T/xinetd.d/daytime-stream") exists: not overwritten" \
	"second run: FILE:LINE: DIR/ID exists"
ok "second run: the files unchanged" diff -r "$T/before" "$T/xinetd.d"

# --- standard input, a line that cannot be converted --------------------
printf '%s\n' 'daytime stream tcp nowait root internal' \
	'printer stream unix nowait lp /usr/lib/lpd lpd' \
	'time dgram udp wait root internal' |
	"$XINETD" --convert-inetd - >"$T/stream" 2>"$T/err"
is "$?" 1 "stdin with a unix line: exit 1"
is "$(cat "$T/err")" "(stdin):2: protocol unix has no xinetd equivalent" \
	"(stdin):LINE: reason"
is "$(grep -c '^service ' "$T/stream")" 2 "the other lines are converted"
like "$(cat "$T/stream")" $'^# \\(stdin\\):1: daytime' "(stdin) in the comment too"
"$XINETD" --check -f "$T/stream" >"$T/check" 2>&1
is "$?" 0 "the stream passes xinetd --check"
diag_file "$T/check"

# --- the daemon serves the converted daytime entry ----------------------
# Port 13 is not ours to take: the entry moves to a free loopback port.
mkdir "$T/serve.d"
sed -e 's/= INTERNAL$/= INTERNAL UNLISTED/' \
	-e "s/^}\$/\tport\t\t= $P\n\tbind\t\t= 127.0.0.1\n}/" \
	"$T/xinetd.d/daytime-stream" >"$T/serve.d/daytime-stream"
diag_file "$T/serve.d/daytime-stream"
conf=$(xt_conf xinetd.conf <<EOF
defaults
{
	log_type	= FILE $T/services.log
}
includedir $T/serve.d
EOF
)
xt_start_ok "$conf"
ok "program log: 'Started working: 1 available service'" \
	xt_log_wait "${XT_RE_PROG}NOTICE: Started working: 1 available service\$" 1
today() { LC_ALL=C date +'%d %b %Y' | tr '[:lower:]' '[:upper:]'; }
d1=$(today)
xt_tcp got 127.0.0.1 "$P" -t 5
d2=$(today)
is "$XT_RC" 0 "daytime stream answers on 127.0.0.1"
re_day='^([0-3][0-9] [A-Z]{3} [0-9]{4}) [0-2][0-9]:[0-5][0-9]:[0-6][0-9] [A-Za-z0-9+:-]+'$'\r\n''$'
if like "$got" "$re_day" "daytime: 'DD MON YYYY HH:MM:SS ZONE\\r\\n'"; then
	ok "daytime: today's date" test "${BASH_REMATCH[1]}" = "$d1" -o \
		"${BASH_REMATCH[1]}" = "$d2"
fi
xt_stop
xt_check_clean
done_testing
