#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# layout.t: the shape of src/ that the layout issue asked for, kept:
#  1. no include circle between modules (a module is a .c and its .h; the
#     #include "..." lines of src/ are read);
#  2. no call circle between object files (what one object file leaves
#     undefined and another defines, read with nm from the build);
#  3. no function body over 60 lines outside tables.
# Reports each offender; the build must be there (make check builds it).
set -u
src=${XT_SRCDIR:?}/src
build=${XT_BUILDDIR:?}/src
n=0 failed=0
echo "1..3"

ok() {
	n=$((n + 1))
	if [ -z "$2" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		printf '%s\n' "$2" | sed 's/^/# /'
		failed=$((failed + 1))
	fi
}

# module FILE: src/conf/parse.c -> conf/parse; build objects likewise.
module() {
	local m=${1#"$2"/}
	m=${m%.*}
	m=${m/xinetd-/}
	printf '%s\n' "$m"
}

# circles < "a b" edges: the members of every circle, one line each.
circles() {
	awk '
	{ if ($1 != $2) { e[$1, $2] = 1; v[$1] = 1; v[$2] = 1 } }
	END {
		for (k in v) for (i in v) if ((i, k) in e)
			for (j in v) if ((k, j) in e) e[i, j] = 1
		for (i in v) if ((i, i) in e) {
			line = ""
			for (j in v) if ((i, j) in e && (j, i) in e)
				line = line " " j
			print line
		}
	}' | sort -u
}

include_edges() {
	local f m inc t
	while IFS= read -r f; do
		m=$(module "$f" "$src")
		sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
		while IFS= read -r inc; do
			for t in "$src/$inc" "$(dirname "$f")/$inc"; do
				if [ -f "$t" ]; then
					t=$(cd "$(dirname "$t")" && pwd)/$(basename "$t")
					echo "$m $(module "$t" "$src")"
					break
				fi
			done
		done
	done < <(find "$src" -name '*.[ch]' | sort)
}

# The daemon's objects (xinetd-*.o) and the libraries' (no target prefix);
# other targets' copies of the same sources would repeat them.
objects() {
	find "$build" -name '*.o' \( -name 'xinetd-*' -o ! -name '*-*' \) | sort
}

call_edges() {
	local o
	declare -A owner
	while IFS= read -r o; do
		while read -r sym; do
			owner[$sym]=$(module "$o" "$build")
		done < <(nm -g --defined-only "$o" | awk 'NF == 3 { print $3 }')
	done < <(objects)
	while IFS= read -r o; do
		while read -r sym; do
			[ -n "${owner[$sym]:-}" ] &&
				echo "$(module "$o" "$build") ${owner[$sym]}"
		done < <(nm -u "$o" | awk '{ print $NF }')
	done < <(objects)
}

ok "no include circles between modules of src/" "$(include_edges | circles)"
if [ -z "$(find "$build" -name '*.o' -print -quit)" ]; then
	ok "no call circles between object files (no objects: skipped)" ""
else
	ok "no call circles between object files of src/" "$(call_edges | circles)"
fi

# Bodies between a "{" and "}" alone at the start of a line: functions
# (tables are initialisers, which do not open with a lone brace).
long=$(find "$src" -name '*.c' | sort | xargs awk '
	/^\{$/ { start = FNR; name = prev }
	/^\}$/ && start { if (FNR - start - 1 > 60)
		printf "%s:%d: %s: %d lines\n", FILENAME, start, name, FNR - start - 1
		start = 0 }
	/\(/ { prev = $0 }')
ok "no function body over 60 lines in src/" "$long"
exit $((failed > 0))
