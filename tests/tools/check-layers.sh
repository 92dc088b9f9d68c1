#!/usr/bin/env bash
# check-layers.sh ROOT DIR...: fails when the files under the DIRs (paths
# relative to ROOT) call each other in a cycle, or include each other in a
# cycle.  Calls come from gcc's -fcallgraph-info (every call in a file, to
# the file that defines the callee); includes from the files' own
# `#include "..."` lines.  tsort finds cycles.  Prints the files in layer
# order, lowest first.  Used by CTest (test `layers`) on sim/ and gui/.
set -u
root=$1
shift
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cd "$root" || exit 2
incs=""
for d in "$@"; do
	for sub in $(find "$d" -type d); do incs="$incs -I$sub"; done
done
pkgs=$(pkg-config --cflags sdl2 SDL2_ttf fontconfig libpng libpcap 2>/dev/null || true)
status=0
# ---- calls ----
for f in $(find "$@" -name '*.c' | sort); do
	base=$(echo "${f%.c}" | tr / _)
	if ! gcc -std=c11 -D_POSIX_C_SOURCE=200809L -DTCPSIM_HAVE_PNG=1 -DTCPSIM_HAVE_GUI=1 \
		$incs $pkgs -fcallgraph-info -c "$f" -o /dev/null -dumpbase "$work/$base" 2>"$work/err"; then
		echo "check-layers: cannot compile $f:" >&2
		cat "$work/err" >&2
		exit 2
	fi
	echo "$base $f" >>"$work/names"
done
awk -v names="$work/names" '
BEGIN { while ((getline l < names) > 0) { split(l, w, " "); path[w[1]] = w[2] } }
FNR == 1 { file = FILENAME; sub(/.*\//, "", file); sub(/\.ci$/, "", file) }
/^node:/ && !/shape : ellipse/ {
	match($0, /title: "[^"]*"/); def[substr($0, RSTART + 8, RLENGTH - 9)] = file
}
/^edge:/ {
	match($0, /sourcename: "[^"]*"/); s = substr($0, RSTART + 13, RLENGTH - 14)
	match($0, /targetname: "[^"]*"/); d = substr($0, RSTART + 13, RLENGTH - 14)
	n++; ed[n] = d; ef[n] = file; es[n] = s
}
END {
	for (i = 1; i <= n; i++) {
		a = ef[i]; b = def[ed[i]]
		if (b != "" && a != b && !((a " " b) in seen)) {
			seen[a " " b] = 1
			print path[a], path[b]
			print path[a], path[b], es[i], "->", ed[i] > "/dev/stderr"
		}
	}
	for (f in path) print path[f], path[f]
}' "$work"/*.ci >"$work/calls" 2>"$work/why"
if ! tsort "$work/calls" >"$work/order" 2>"$work/loop"; then
	echo "check-layers: a call cycle between files:" >&2
	sed -n 's/^tsort: //p' "$work/loop" | grep -v 'input contains a loop' >&2
	echo "(calls between those files:)" >&2
	files=$(sed -n 's/^tsort: //p' "$work/loop" | grep -v 'input contains' | sort -u)
	for a in $files; do for b in $files; do
		grep "^$a $b " "$work/why" >&2
	done; done
	status=1
fi
# ---- includes ----
for f in $(find "$@" -name '*.[ch]' | sort); do
	echo "$f $f"
	for h in $(sed -n 's/^#include "\(.*\)"/\1/p' "$f"); do
		for d in "$@"; do
			hit=$(find "$d" -name "$(basename "$h")" | head -n 1)
			[ -n "$hit" ] && { echo "$f $hit"; break; }
		done
	done
done >"$work/incs"
if ! tsort "$work/incs" >/dev/null 2>"$work/iloop"; then
	echo "check-layers: an include cycle:" >&2
	sed -n 's/^tsort: //p' "$work/iloop" | grep -v 'input contains a loop' >&2
	status=1
fi
if [ $status -eq 0 ]; then
	echo "no call cycle and no include cycle between the files of $*; calls, lowest layer first:"
	# tsort prints callers before callees; reverse for lowest first.
	tac "$work/order" | tr '\n' ' '
	echo
fi
exit $status
