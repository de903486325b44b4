#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# golden.t: golden tests of the configuration language. For every NAME.conf
# in tests/golden/cases the driver ($XT_GOLDEN) prints the reader's
# diagnostics and the ids of the services it keeps; the output must equal
# NAME.expected. The expected files were written from
# reference/xinetd-compat.md (sections 1.1-1.10, test matrix lines 1-33)
# and xinetd-ng's documented deliberate differences, not copied from the
# driver: see README in this directory.
#
# Cases where the reader is known to disagree with the reference are listed
# in KNOWN (why) and KNOWN_SED (a sed script that turns NAME.expected into
# what the buggy reader prints). Such a case is reported as
# "ok N # SKIP reader bug: why" only while the output equals the edited
# expectation, so the rest of the case is still checked; the diff against
# the real expectation is shown as a diagnostic. Once the reader is fixed
# the case passes and asks to be taken off the list.
#
# Environment: XT_GOLDEN (the driver, required), XT_SRCDIR (top of the
# source tree; default: two levels above this script).
set -u

here=$(cd "$(dirname "$0")" && pwd)
src=${XT_SRCDIR:-$here/../..}
dir=$src/tests/golden/cases
if [ -z "${XT_GOLDEN:-}" ] || [ ! -x "$XT_GOLDEN" ]; then
	echo "1..0 # SKIP XT_GOLDEN is not set to the golden driver"
	exit 0
fi

# NAME -> why its expectation is not met yet (reader bugs, reported), and
# NAME -> how the reader's output differs from NAME.expected.
declare -A KNOWN=()
declare -A KNOWN_SED=()

# Included files (cases/inc/...) are named relative to the cases directory.
cd "$dir" || exit 1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/xt-golden.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

confs=()
for f in *.conf; do
	[ -f "$f" ] && confs+=("${f%.conf}")
done
orphans=()
for f in *.expected; do
	[ -f "${f%.expected}.conf" ] || orphans+=("$f")
done

echo "1..$((${#confs[@]} + 1))"
n=0
for name in "${confs[@]}"; do
	n=$((n + 1))
	out=$tmp/$name.out
	err=$tmp/$name.err
	"$XT_GOLDEN" "$dir/$name.conf" >"$out" 2>"$err"
	rc=$?
	if [ ! -f "$name.expected" ]; then
		echo "not ok $n - $name: $name.expected is missing"
		sed 's/^/# /' "$out"
		continue
	fi
	if [ $rc -eq 0 ] && [ ! -s "$err" ] &&
		diff -u "$name.expected" "$out" >"$tmp/diff" 2>&1; then
		echo "ok $n - $name"
		if [ -n "${KNOWN[$name]:-}" ]; then
			echo "# $name now matches: remove it from KNOWN in golden.t"
		fi
		continue
	fi
	if [ -n "${KNOWN[$name]:-}" ] && [ $rc -eq 0 ] && [ ! -s "$err" ] &&
		sed -e "${KNOWN_SED[$name]}" "$name.expected" | cmp -s - "$out"; then
		echo "ok $n - $name # SKIP reader bug: ${KNOWN[$name]}"
	else
		[ -n "${KNOWN[$name]:-}" ] &&
			echo "# known bug (${KNOWN[$name]}), but the output differs otherwise too"
		echo "not ok $n - $name"
		[ $rc -eq 0 ] || echo "# driver exit status $rc"
		sed 's/^/# stderr: /' "$err" | head -40
	fi
	sed 's/^/# /' "$tmp/diff"
done

n=$((n + 1))
if [ ${#orphans[@]} -eq 0 ]; then
	echo "ok $n - every .expected file has its .conf"
else
	echo "not ok $n - .expected files without a .conf: ${orphans[*]}"
fi
