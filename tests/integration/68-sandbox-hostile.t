#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck disable=SC2154,SC2119  # xt_tcp assigns by name; optional args
# 68-sandbox-hostile: the hostile example (xinetd.d-examples/xinetd.d/hostile,
# rendered by run-examples) under 200 concurrent clients, a quarter each
# running a fork bomb, filling /tmp, hanging past max_duration and just
# reading the report. Every client is served (START and EXIT for each of
# the 200 servers), the bombs and the fills are stopped by the limits, the
# hanging servers are ended by max_duration (EXIT signal=15), and afterwards
# no server is left, no process has the chroot as its root, and the
# daemon's mount namespace has exactly the mounts it had before.
# Root only (chroot, private_tmp), with sandbox-report built.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
XT_TEST_TIMEOUT=${XT_TEST_TIMEOUT:-150}
xt_require_root
xt_oracle && skip_all "the sandbox attributes are xinetd-ng extensions"
[ -n "${XT_SRCDIR:-}" ] && [ -x "$XT_SRCDIR/xinetd.d-examples/run-examples" ] ||
	skip_all "XT_SRCDIR does not hold xinetd.d-examples"
report=${XT_BUILDDIR:-$XT_SRCDIR}/xinetd.d-examples/src/sandbox-report
[ -x "$report" ] || skip_all "sandbox-report is not built"
getent passwd nobody >/dev/null || skip_all "no user 'nobody' on this system"
xt_setup

N=200
conf=$(SANDBOX_REPORT=$report "$XT_SRCDIR/xinetd.d-examples/run-examples" -r "$T/ex")
# Only the hostile service, on a free port, sized for the storm: every
# client is let in (instances, per_source, no cps pause) and a hanging
# server lasts 2 s. Its sandbox stays as shipped.
find "$T/ex/xinetd.d" -type f ! -name hostile -delete
read -r P <<<"$(xt_ports 1)"
sed -i -e "s/= 60325\$/= $P/" \
	-e "s/^\\([[:space:]]*instances[[:space:]]*=\\).*/\\1 UNLIMITED/" \
	-e "s/^\\([[:space:]]*per_source[[:space:]]*=\\).*/\\1 UNLIMITED/" \
	-e "s/^\\([[:space:]]*max_duration[[:space:]]*=\\).*/\\1 2\\n\\tcps\\t\\t= 0 0/" \
	"$T/ex/xinetd.d/hostile"
ok "the rendered hostile example is enabled" \
	grep -Eq '^[[:space:]]*disable[[:space:]]*=[[:space:]]*no$' "$T/ex/xinetd.d/hostile"
svclog=$T/ex/services.log

# our_mounts : the mount points in the daemon's namespace that a server's
# private /tmp could have added: /tmp itself and anything under $T (the
# machine's other mounts come and go with other work)
our_mounts() {
	cut -d' ' -f5 "/proc/$XT_PID/mountinfo" | grep -E "^(/tmp|$(xt_re_quote "$T")(/.*)?)\$" | sort
}

# In a mount namespace of its own whose mounts propagate (as systemd makes
# them), so a private /tmp that leaked back would show in its mountinfo.
if unshare -m --propagation shared -- true 2>/dev/null; then
	XT_START_PREFIX=(unshare -m --propagation shared --)
fi
ok "daemon starts on the hostile example" xt_start "$conf" || BAIL_OUT "daemon did not start"
XT_START_PREFIX=()
mounts_before=$(our_mounts)

cmds=(fork fill hang quit)
pids=()
for ((i = 0; i < N; i++)); do
	cmd=${cmds[i % 4]}
	"$XT_NET" tcp 127.0.0.1 "$P" -s "$cmd\\n" -e -t 30 >"$T/c.$i" 2>/dev/null &
	pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done

ok "every server started: $N START entries" \
	xt_log_wait_n "$N" ': START: hostile pid=[0-9]+ from=' 10 "$svclog"
ok "and ended: $N EXIT entries" xt_log_wait_n "$N" ': EXIT: hostile ' 20 "$svclog"
is "$(xt_log_count ': FAIL: ' "$svclog")" 0 "no request was refused or failed"
# outputs K : the client output files of command K (0 fork, 1 fill, ...)
outputs() {
	local i
	for ((i = $1; i < N; i += 4)); do echo "$T/c.$i"; done
}
is "$(grep -l '^no_new_privs=1$' "$T"/c.* | wc -l)" "$N" \
	"every client got the report of a sandboxed server"
is "$(outputs 0 | xargs grep -lE '^> fork: [0-9]+ children, then Resource temporarily unavailable$' | wc -l)" \
	$((N / 4)) "every fork bomb was stopped by rlimit_nproc"
is "$(outputs 1 | xargs grep -lE '^> fill: [0-9]+ bytes, then (File too large|No space left on device)$' | wc -l)" \
	$((N / 4)) "every fill of /tmp was stopped"
is "$(xt_log_count ': EXIT: hostile signal=15 ' "$svclog")" $((N / 4)) \
	"every hanging server was ended by max_duration (signal=15)"

# in_jail : the processes whose root is this test's chroot, one per line
in_jail() {
	find /proc/[0-9]*/root -maxdepth 0 -lname "$T/ex/hostile" 2>/dev/null
}

# Nothing left behind: no server of the daemon, nothing in the chroot.
end=$(xt_deadline 10)
while [ -n "$(xt_children)" ] && xt_before "$end"; do xt_sleep_ms 100; done
is "$(xt_children | wc -l)" 0 "no server left"
is "$(in_jail | wc -l)" 0 "no process left inside the chroot (fork bombs included)"
is "$(our_mounts)" "$mounts_before" \
	"the daemon's mounts are those it had before"
is "$(ls -A "$T/ex/hostile/tmp")" "" "nothing reached the chroot's own tmp"
ok "daemon still running" xt_alive
xt_stop
xt_check_clean
done_testing
