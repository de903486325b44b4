#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# replay-conf.t: replay the configuration reader's fuzz corpus
# (tests/fuzz/corpus-conf) through the fuzz target, built with the normal
# compiler and flags (and so under ASan/UBSan in a sanitizer build): one
# TAP line per input. An input fails when the replay exits non-zero or
# writes anything to stderr (a sanitizer report, an abort message).
#
# Environment: XT_FUZZ_REPLAY (tests/fuzz/fuzz-conf-replay, required),
# XT_SRCDIR (top of the source tree; default: two levels above this script).
set -u

here=$(cd "$(dirname "$0")" && pwd)
src=${XT_SRCDIR:-$here/../..}
corpus=$src/tests/fuzz/corpus-conf
if [ -z "${XT_FUZZ_REPLAY:-}" ] || [ ! -x "$XT_FUZZ_REPLAY" ]; then
	echo "1..0 # SKIP XT_FUZZ_REPLAY is not set to fuzz-conf-replay"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/xt-replay.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

files=()
for f in "$corpus"/*; do
	[ -f "$f" ] && files+=("$f")
done
if [ ${#files[@]} -eq 0 ]; then
	echo "1..1"
	echo "not ok 1 - no corpus files in $corpus"
	exit 0
fi

echo "1..${#files[@]}"
n=0
for f in "${files[@]}"; do
	n=$((n + 1))
	name=${f#"$src"/}
	# The target's private directory goes to our temporary one.
	TMPDIR=$tmp timeout 60 "$XT_FUZZ_REPLAY" "$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		echo "# exit status $rc$([ $rc -eq 124 ] && echo ' (timed out)')"
		sed 's/^/# /' "$tmp/err" | head -60
	fi
done
