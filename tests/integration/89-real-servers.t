#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 89-real-servers: real inetd-style programs behind the daemon, as admins
# run them: rsync --daemon as a stream wait = no service, and in.tftpd
# (tftpd-hpa) as a dgram wait = yes service. Each part skips when the
# program is not installed ($XT_TFTPD / $XT_TFTP may point at in.tftpd and
# the tftp client unpacked from Debian's packages, as .ci/run does).
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup

RSYNC=$(command -v rsync || true)
TFTPD=${XT_TFTPD:-/usr/sbin/in.tftpd}
TFTP=${XT_TFTP:-$(command -v tftp || true)}
[ -x "$TFTPD" ] || TFTPD=
[ -n "$TFTP" ] && [ -x "$TFTP" ] || TFTP=
[ -n "$RSYNC" ] || [ -n "$TFTPD" ] || skip_all "neither rsync nor in.tftpd installed"

# Client chatter stays out of the TAP stream.
quiet() { "$@" >/dev/null 2>&1; }

xt_port_vars P_RSYNC P_TFTP

mkdir -p "$T/share" "$T/tftpboot" "$T/out"
head -c 200000 /dev/urandom >"$T/share/blob"
printf 'tftp payload %s\n' "$$" >"$T/tftpboot/hello.txt"
chmod -R a+rX "$T/share" "$T/tftpboot"
chmod 777 "$T/out"

cat >"$T/rsyncd.conf" <<EOF
use chroot = no
log file = $T/rsyncd.log
pid file = $T/rsyncd.pid
[share]
	path = $T/share
	read only = yes
EOF

# in.tftpd drops to nobody itself when started as root (-u); otherwise it
# keeps the current user.
tftp_args="-s $T/tftpboot"
if xt_is_root; then tftp_args="$tftp_args -u nobody"; fi

conf=$(xt_conf xinetd.conf <<EOF
defaults
{
	log_type       = FILE $T/svc.log
	log_on_success = PID HOST EXIT
	log_on_failure = HOST
}

$(xt_svc rsync "$P_RSYNC" "server = ${RSYNC:-/bin/false}" \
	"server_args = --daemon --config=$T/rsyncd.conf")
$(xt_svc tftp "$P_TFTP" "socket_type = dgram" "protocol = udp" "wait = yes" \
	"server = ${TFTPD:-/bin/false}" "server_args = $tftp_args")
EOF
)

xt_start_working 2 "$conf"

if [ -n "$RSYNC" ]; then
	ok "rsync lists the module through the daemon" \
		quiet timeout 20 "$RSYNC" "rsync://127.0.0.1:$P_RSYNC/share/"
	ok "rsync copies a file through the daemon" \
		quiet timeout 20 "$RSYNC" "rsync://127.0.0.1:$P_RSYNC/share/blob" "$T/out/blob"
	ok "the copy is byte for byte" cmp -s "$T/share/blob" "$T/out/blob"
	ok "rsync over IPv6 too" \
		quiet timeout 20 "$RSYNC" "rsync://[::1]:$P_RSYNC/share/blob" "$T/out/blob6"
	ok "service log: rsync EXIT status=0" \
		xt_log_wait "EXIT: rsync status=0 pid=[0-9]+\$" 5 "$T/svc.log"
else
	for _ in 1 2 3 4 5; do skip "rsync not installed"; done
fi

if [ -n "$TFTPD" ] && [ -n "$TFTP" ]; then
	(cd "$T/out" && timeout 20 "$TFTP" 127.0.0.1 "$P_TFTP" -c get hello.txt) \
		>"$T/tftp1.out" 2>&1
	ok "tftp get through the dgram wait = yes service" \
		cmp -s "$T/tftpboot/hello.txt" "$T/out/hello.txt"
	rm -f "$T/out/hello.txt"
	(cd "$T/out" && timeout 20 "$TFTP" 127.0.0.1 "$P_TFTP" -c get hello.txt) \
		>"$T/tftp2.out" 2>&1
	ok "a second get works too" \
		cmp -s "$T/tftpboot/hello.txt" "$T/out/hello.txt"
	ok "service log: tftp START from the client's address" \
		xt_log_wait "START: tftp pid=[0-9]+ from=(::ffff:)?127\.0\.0\.1\$" 5 "$T/svc.log"
else
	for _ in 1 2 3; do skip "in.tftpd or tftp not installed"; done
fi

ok "daemon still running" xt_alive
xt_stop
xt_check_clean
done_testing
