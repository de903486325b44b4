#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# 72-systemd-units: the unit made from systemd/xinetd.service.in and the
# example systemd/xinetd.socket pass systemd-analyze verify; the unit runs
# the daemon of the build in the foreground (-dontfork -stayalive), has
# KillMode=process, reloads with SIGHUP, and waits for READY=1 and watches
# the daemon only when the daemon was built with sd_notify; its ExecStart
# shell turns /etc/default/xinetd's INETD_COMPAT=yes into -inetd_compat and
# passes XINETD_OPTS on. Nothing is started or enabled.
# Needs systemd-analyze for the verify step (skipped without it).
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
xt_setup

UNIT=${XT_BUILDDIR:-}/systemd/xinetd.service
[ -n "${XT_BUILDDIR:-}" ] && [ -f "$UNIT" ] || skip_all "no built unit (XT_BUILDDIR)"
cp "$UNIT" "$XT_SRCDIR/systemd/xinetd.socket" "$T/" || BAIL_OUT "cannot copy the units"
unit=$(cat "$T/xinetd.service")

if command -v systemd-analyze >/dev/null; then
	out=$(systemd-analyze verify --man=no "$T/xinetd.service" "$T/xinetd.socket" 2>&1)
	is "$?" 0 "systemd-analyze verify: xinetd.service and xinetd.socket"
	is "$out" "" "systemd-analyze verify: no complaint"
else
	skip "no systemd-analyze" 2
fi

like "$unit" $'\nKillMode=process\n' "KillMode=process: sessions survive a restart"
like "$unit" $'\nExecReload=/bin/kill -HUP \\$MAINPID\n' "reload by SIGHUP"
like "$unit" $'\nKillSignal=SIGQUIT\n' "stop by SIGQUIT, as the init script"
like "$unit" $'\nRestart=on-failure\n' "Restart=on-failure"
if "$XINETD" -version 2>&1 | grep -qw systemd; then
	like "$unit" $'\nType=notify\n' "built with sd_notify: Type=notify"
	like "$unit" $'\nWatchdogSec=[0-9]+' "built with sd_notify: WatchdogSec="
else
	like "$unit" $'\nType=simple\n' "built without sd_notify: Type=simple"
	unlike "$unit" $'\nWatchdogSec=' "built without sd_notify: no watchdog"
fi

# The ExecStart command line with systemd's $$ undone, run with a stub
# in place of the daemon that prints its arguments.
exec_start=$(sed -n 's/^ExecStart=//p' "$T/xinetd.service")
like "$exec_start" "exec [^ ]*/xinetd -dontfork -stayalive " "ExecStart: the daemon in the foreground"
cat >"$T/stub" <<'EOF2'
#!/bin/sh
echo "$@"
EOF2
chmod 755 "$T/stub"
cmd=$(printf '%s' "$exec_start" | sed -e 's/\$\$/$/g' -e "s| exec [^ ]*/xinetd | exec $T/stub |")
# the words of ExecStart: /bin/sh -c 'SCRIPT' xinetd
script=${cmd#*\'}
script=${script%\'*}
got=$(env -i INETD_COMPAT=Yes XINETD_OPTS="-filelog /x -limit 5" /bin/sh -c "$script" xinetd)
is "$got" "-dontfork -stayalive -filelog /x -limit 5 -inetd_compat" \
	"INETD_COMPAT=Yes: -inetd_compat added, XINETD_OPTS split into words"
got=$(env -i INETD_COMPAT=no /bin/sh -c "$script" xinetd)
is "$got" "-dontfork -stayalive" "INETD_COMPAT=no, no XINETD_OPTS: the options of the unit only"
got=$(env -i /bin/sh -c "$script" xinetd)
is "$got" "-dontfork -stayalive" "no /etc/default/xinetd: the options of the unit only"
done_testing
