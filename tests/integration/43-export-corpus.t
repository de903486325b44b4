#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# 43-export-corpus: --export-systemd over every real-world configuration
# of the shared corpus (../shared/corpus/files; XT_CORPUS=DIR overrides;
# skipped when absent). Each file is set up as the corpus README says
# (a plain service file is wrapped as "defaults { }" + "include FILE",
# includedir points at an empty directory, every absolute server path at
# an executable stub) and, where namespaces allow, read with the corpus's
# passwd/group/services/... bind-mounted over /etc, in a private network
# namespace. For each file:
#  - the exit status is 0, 1 or 2 (never a crash) and agrees with
#    --check's: the same, or 2 where --check says 0 (export warnings);
#  - the units written pass systemd-analyze verify;
#  - every socket of the units is one the daemon binds for the file, and
#    every socket the daemon binds that has no unit belongs to a service
#    the exporter reported as not exported.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/integration/export-lib.sh
. "$(dirname "$0")/export-lib.sh"
XT_TEST_TIMEOUT=${XT_TEST_TIMEOUT:-300}
xt_setup

xt_oracle && skip_all "--export-systemd is an xinetd-ng extension"
corpus=${XT_CORPUS:-}
[ -z "$corpus" ] && [ -n "${XT_SRCDIR:-}" ] && corpus=$XT_SRCDIR/../shared/corpus
[ -n "$corpus" ] && [ -d "$corpus/files" ] ||
	skip_all "no corpus at \$XT_SRCDIR/../shared/corpus (set XT_CORPUS)"
corpus=$(cd "$corpus" && pwd)

# A private mount and network namespace: as root, or as anyone where
# unprivileged user namespaces are allowed.
NS=()
if xt_is_root && unshare -m -n true 2>/dev/null; then
	NS=(unshare -m -n)
elif unshare -r -m -n true 2>/dev/null; then
	NS=(unshare -r -m -n)
else
	diag "no private namespaces: host users and services, no daemon runs"
fi
ENVDIR=''
[ ${#NS[@]} -gt 0 ] && [ -d "$corpus/env" ] && ENVDIR=$corpus/env

# Runs in the namespace: ENVDIR CONF UNITDIR RESULTDIR. The daemon is
# started only inside a namespace, so corpus ports never touch the host.
cat >"$T/inner.sh" <<'EOF'
set -u
envdir=$1 conf=$2 units=$3 r=$4 ns=$5
if [ -n "$envdir" ]; then
	for f in passwd group services protocols rpc hosts nsswitch.conf; do
		[ -f "$envdir/$f" ] && mount --bind "$envdir/$f" "/etc/$f"
	done
fi
[ "$ns" = yes ] && { ip link set lo up 2>/dev/null || true; }
timeout 30 "$XINETD" --check -f "$conf" >"$r/check.out" 2>"$r/check.err"
echo $? >"$r/check.rc"
timeout 30 "$XINETD" --dump-config -f "$conf" >"$r/dump.out" 2>/dev/null
timeout 30 "$XINETD" --export-systemd "$units" -f "$conf" >"$r/export.out" 2>"$r/export.err"
echo $? >"$r/export.rc"
[ "$ns" = yes ] || exit 0
# The addresses the services bind to exist here, as on the host they came
# from; an address the units got wrong is then still missing for the daemon.
sed -n 's/^Listen[A-Za-z]*=//p' "$units"/*.socket 2>/dev/null | while IFS= read -r a; do
	case $a in
	\[*) a=${a#[}; a=${a%%]*}; ip -6 addr add "$a/128" dev lo nodad 2>/dev/null ;;
	*.*:*) ip addr add "${a%:*}/32" dev lo 2>/dev/null ;;
	esac
done
# The daemon only shows where it binds; its leaks are other tests' matter,
# and libtirpc's pmap_set leaks when no portmapper answers (sample.conf's
# RPC services here). Memory errors are still reported.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	"$XINETD" -dontfork -f "$conf" -filelog "$r/log" -pidfile "$r/pid" \
	>"$r/daemon.out" 2>"$r/daemon.err" </dev/null &
pid=$!
for _ in $(seq 1 400); do
	grep -q 'Started working' "$r/log" 2>/dev/null && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.025
done
grep -q 'Started working' "$r/log" 2>/dev/null && echo yes >"$r/ready"
xe_ss_listens "$pid" >"$r/bound"
kill -TERM "$pid" 2>/dev/null
for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.025; done
kill -KILL "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
exit 0
EOF

# prepare SRC DIR : the corpus file in DIR, ready to load; prints the
#   configuration file to give -f
prepare() {
	local src=$1 dir=$2 name p
	name=$(basename "$src")
	mkdir -p "$dir" "$T/empty"
	sed -E -e "s|^([[:space:]]*server[[:space:]]*=[[:space:]]*)/|\\1$T/stub/|" \
		-e "s|^([[:space:]]*includedir[[:space:]]+).*|\\1$T/empty|" \
		"$src" >"$dir/$name"
	sed -nE "s|^[[:space:]]*server[[:space:]]*=[[:space:]]*($T/stub/[^[:space:]#]*).*|\\1|p" \
		"$dir/$name" | while IFS= read -r p; do
		mkdir -p "$(dirname "$p")" && printf '#!/bin/sh\nexit 0\n' >"$p" &&
			chmod 755 "$p"
	done
	if grep -Eq '^[[:space:]]*defaults[[:space:]]*$' "$dir/$name"; then
		echo "$dir/$name"
	else
		printf 'defaults\n{\n}\ninclude %s\n' "$dir/$name" >"$dir/wrapper.conf"
		echo "$dir/wrapper.conf"
	fi
}

# skipped_ports R : "proto:port" of the services the export did not write
skipped_ports() {
	local r=$1 ids
	ids=$(sed -n 's/^[^:]*:[0-9]*: service \([^:]*\): .*; not exported$/\1/p' "$r/export.err")
	awk -v ids="$ids" '
		BEGIN { n = split(ids, a, "\n"); for (i = 1; i <= n; i++) want[a[i]] = 1 }
		/^service / { id = ""; st = ""; port = "" }
		$1 == "id" { id = $3 }
		$1 == "socket_type" { st = $3 }
		$1 == "port" { port = $3 }
		/^}/ && (id in want) { print (st == "dgram" ? "udp" : "tcp") ":" port }
	' "$r/dump.out" | sort -u
}

# compare R UNITS NAME : the units' sockets against the daemon's
compare_listens() {
	local r=$1 units=$2 name=$3 extra missing s skipped
	if [ ! -f "$r/ready" ]; then
		fail "$name: the daemon starts on the file"
		diag_file "$r/log" 10
		return
	fi
	xe_unit_listens "$units" >"$r/units"
	missing=$(comm -23 "$r/units" "$r/bound")
	skipped=$(skipped_ports "$r")
	extra=''
	while IFS= read -r s; do
		[ -z "$s" ] && continue
		local key=${s%%:*}:${s##*:}
		grep -qxF "$key" <<<"$skipped" || extra+="$s"$'\n'
	done < <(comm -13 "$r/units" "$r/bound")
	if [ -z "$missing" ] && [ -z "$extra" ]; then
		pass "$name: the units listen where the daemon listens ($(wc -l <"$r/units") sockets)"
	else
		fail "$name: the units listen where the daemon listens"
		diag "units only: ${missing:-none}"
		diag "daemon only (and not a skipped service): ${extra:-none}"
	fi
}

# check_file SRC NAME : every assertion for one configuration
check_file() {
	local src=$1 name=$2 dir units r conf crc erc
	n=$((n + 1))
	dir=$T/c/$n units=$T/u/$n r=$T/r/$n
	mkdir -p "$r"
	conf=$(prepare "$src" "$dir")
	if [ ${#NS[@]} -gt 0 ]; then
		"${NS[@]}" bash -c ". '$(dirname "$0")/export-lib.sh'; . '$T/inner.sh'" \
			inner "$ENVDIR" "$conf" "$units" "$r" yes
	else
		bash "$T/inner.sh" "" "$conf" "$units" "$r" no
	fi
	crc=$(cat "$r/check.rc" 2>/dev/null) erc=$(cat "$r/export.rc" 2>/dev/null)
	if [[ $erc =~ ^[012]$ ]] && { [ "$erc" = "$crc" ] ||
		{ [ "$crc" = 0 ] && [ "$erc" = 2 ]; }; }; then
		pass "$name: exit status $erc agrees with --check's $crc"
	else
		fail "$name: exit status ${erc:-?} agrees with --check's ${crc:-?}"
		diag_file "$r/export.err" 20
	fi
	if grep -Eq "$SAN" "$r/export.err" "$r/check.err" "$r/daemon.err" 2>/dev/null; then
		fail "$name: no sanitizer report"
		diag "$(grep -E -A5 "$SAN" "$r"/*.err | head -n 30)"
	fi
	if ! ls "$units"/*.socket >/dev/null 2>&1; then
		skip "$name: no units to verify (nothing exported)"
	elif ! xe_have_verify; then
		skip "$name: no systemd-analyze (install the systemd package)"
	elif xe_verify "$units"; then
		pass "$name: its $(find "$units" -type f | wc -l) units pass systemd-analyze verify"
	else
		fail "$name: its units pass systemd-analyze verify"
		diag "$XE_VERIFY"
	fi
	if [ ${#NS[@]} -eq 0 ]; then
		skip "$name: no private network namespace to run the daemon in"
	elif ! xe_have_ss; then
		skip "$name: ss cannot show the daemon's sockets"
	else
		compare_listens "$r" "$units" "$name"
	fi
}

SAN='AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:'
DISABLED='^([[:space:]]*disable[[:space:]]*=[[:space:]]*)yes([[:space:]]*)$'
n=0
for src in "$corpus"/files/*; do
	[ -f "$src" ] || continue
	check_file "$src" "$(basename "$src")"
	# xinetd stops reading an entry at disable = yes: the README's
	# "enabled" variant exercises the rest.
	if grep -Eq "$DISABLED" "$src"; then
		mkdir -p "$T/enabled"
		sed -E "s/$DISABLED/\\1no\\2/" "$src" >"$T/enabled/$(basename "$src")"
		check_file "$T/enabled/$(basename "$src")" "$(basename "$src") (enabled)"
	fi
done
[ "$n" -gt 0 ] || skip_all "the corpus has no files"
done_testing
