# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The xinetd-ng authors
# shellcheck shell=bash
# export-lib.sh - helpers of the --export-systemd tests (42-, 43-export-*):
# systemd-analyze verify on a directory of units, and the listening
# addresses of units and of a running daemon in one notation, ss's:
# proto:addr:port with addr "*" for an IPv6 wildcard that takes IPv4 too
# (V6ONLY off), "[::]" for IPv6 only, "0.0.0.0" for IPv4 only, otherwise
# the address ("127.0.0.1", "[::1]", "[fe80::1]%lo").  Source after lib.sh.

# xe_have_verify : is systemd-analyze there?
xe_have_verify() { command -v systemd-analyze >/dev/null; }

# Noise systemd-analyze prints about units that are fine: it dislikes the
# shared user nobody, which is what xinetd configurations use.
XE_VERIFY_NOISE='Special user nobody configured, this is not safe!$'

# xe_verify DIR : systemd-analyze verify every unit in DIR at once (so a
#   socket finds its service); XE_VERIFY = what it said, noise removed.
#   Returns its exit status, or 1 when it printed anything else.
#   --man=no: Documentation= pages need not be installed; as root or not.
#   verify reads "FILE:NAME" as FILE under the unit name NAME, so a unit
#   whose name has a ':' (valid in unit names) goes in as LINK:NAME.
xe_verify() {
	local dir=$1 rc f n=0 args=() links
	links=$(mktemp -d "${TMPDIR:-/tmp}/xe-verify.XXXXXX") || return 1
	for f in "$dir"/*.socket "$dir"/*.service; do
		[ -e "$f" ] || continue
		case ${f##*/} in
		*:*)
			n=$((n + 1))
			ln -s "$f" "$links/unit$n.${f##*.}"
			args+=("$links/unit$n.${f##*.}:${f##*/}")
			;;
		*) args+=("$f") ;;
		esac
	done
	XE_VERIFY=$(timeout 60 systemd-analyze verify --man=no "${args[@]}" 2>&1)
	rc=$?
	rm -rf "$links"
	XE_VERIFY=$(grep -Ev "$XE_VERIFY_NOISE" <<<"$XE_VERIFY" |
	    xe_rooted_commands "$dir")
	[ "$rc" -eq 0 ] && [ -n "$XE_VERIFY" ] && rc=1
	# What is left after the rooted commands is the whole verdict.
	[ "$rc" -ne 0 ] && [ -z "$XE_VERIFY" ] && rc=0
	return "$rc"
}

# xe_rooted_commands DIR : filter of systemd-analyze's output. systemd 252
#   looks for ExecStart= on the host even with RootDirectory=, where
#   systemd runs it from; drop its complaint when the command is there,
#   executable, under the unit's RootDirectory.
xe_rooted_commands() {
	local line unit cmd root
	while IFS= read -r line; do
		if [[ $line =~ ^([^:]+)@[^:]*:\ Command\ (/[^ ]+)\ is\ not\ executable ]]; then
			unit=${BASH_REMATCH[1]}
			cmd=${BASH_REMATCH[2]}
			root=$(sed -n 's/^RootDirectory=//p' "$1/$unit@.service" 2>/dev/null)
			[ -n "$root" ] && [ -x "$root$cmd" ] && continue
		fi
		[ -n "$line" ] && printf '%s\n' "$line"
	done
}

# xe_unit_listens DIR : the sockets of DIR/*.socket, sorted, one per line
xe_unit_listens() {
	local f key val only proto addr port
	for f in "$1"/*.socket; do
		[ -f "$f" ] || continue
		only=$(sed -n 's/^BindIPv6Only=//p' "$f")
		while IFS='=' read -r key val; do
			case $key in
			ListenStream) proto=tcp ;;
			ListenDatagram) proto=udp ;;
			*) continue ;;
			esac
			if [[ $val =~ ^[0-9]+$ ]]; then
				# a bare port: the IPv6 wildcard
				addr='[::]' port=$val
			elif [[ $val =~ ^(\[[^]]*\]):([0-9]+)(%%(.*))?$ ]]; then
				addr=${BASH_REMATCH[1]} port=${BASH_REMATCH[2]}
				[ -n "${BASH_REMATCH[4]}" ] && addr+="%${BASH_REMATCH[4]}"
			elif [[ $val =~ ^([0-9.]+):([0-9]+)$ ]]; then
				addr=${BASH_REMATCH[1]} port=${BASH_REMATCH[2]}
			else
				addr="?$val" port='?'
			fi
			if [ "$addr" = '[::]' ] && [ "$only" = both ]; then
				addr='*'
			fi
			echo "$proto:$addr:$port"
		done <"$f"
	done | sort
}

# xe_ss_listens PID : the listening TCP and unconnected UDP sockets PID
#   holds (ss -p sees them for the owner and for root), sorted
xe_ss_listens() {
	ss -Hlntup 2>/dev/null | awk -v pid="pid=$1," '
		index($0, pid) {
			n = split($5, a, ":"); port = a[n]
			print $1 ":" substr($5, 1, length($5) - length(port) - 1) ":" port
		}' | sort
}

# xe_have_ss : can ss show which process holds a socket?
xe_have_ss() { command -v ss >/dev/null && ss -Hlntup >/dev/null 2>&1; }
