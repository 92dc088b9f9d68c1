#!/usr/bin/env bash
# check-layers.sh [COMPILER FLAGS...] DIR...: fails when the C files under
# the DIRs have an include cycle or a call cycle between files, and prints
# each module's layer.  Run by CTest (layers/gui) and by hand, e.g.
#   tests/tools/check-layers.sh -Isim $(pkg-config --cflags sdl2 SDL2_ttf) gui
#
# Three graphs, each over the files found under the DIRs (files outside
# them, such as system or sim/ headers for a gui/ check, are left out):
#   includes  every #include "..." line, resolved as gcc does (the file's
#             own folder, then -I folders, then every folder under the DIRs)
#   calls     file A -> file B when a function defined in A calls one
#             defined in B, from gcc -fcallgraph-info (-O0, so nothing is
#             inlined away; calls through function pointers are not seen)
#   modules   x.h and x.c of one folder as one module, edges of both graphs
#   folders   each folder as one node, edges of the modules' graph
# A cycle in any of them is printed as a path (a -> b -> a) and the script
# exits 1; a file that does not compile exits 2.  Needs bash, gcc and awk.
set -u
flags=(-std=c11 -D_POSIX_C_SOURCE=200809L -w)
dirs=()
while [ $# -gt 0 ]; do
	case $1 in
	-I | -D | -U | -isystem | -include)
		flags+=("$1" "$2")
		shift 2
		;;
	-*)
		flags+=("$1")
		shift
		;;
	*)
		dirs+=("${1%/}")
		shift
		;;
	esac
done
if [ ${#dirs[@]} -eq 0 ]; then
	echo "usage: check-layers.sh [-I DIR] [-D NAME] [other gcc flags] DIR..." >&2
	exit 2
fi
for d in "${dirs[@]}"; do
	[ -d "$d" ] || {
		echo "check-layers: $d is not a folder" >&2
		exit 2
	}
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-layers.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Paths as find prints them from here; those are the graph's nodes.
find "${dirs[@]}" -type f \( -name '*.c' -o -name '*.h' \) | sed 's|^\./||' | sort >"$tmp/files"
find "${dirs[@]}" -type d | sed 's|^\./||' | sort >"$tmp/folders"
autoinc=()
while read -r d; do autoinc+=("-I$d"); done <"$tmp/folders"

# -I folders in the order gcc searches them (quoted includes only).
incdirs=()
prev=
for f in "${flags[@]}"; do
	if [ "$prev" = -I ]; then incdirs+=("$f"); fi
	case $f in -I?*) incdirs+=("${f#-I}") ;; esac
	prev=$f
done
while read -r d; do incdirs+=("$d"); done <"$tmp/folders"

# ---- includes ----
norm() { # a path without ./ and dir/../ parts
	local p=$1 out=() part
	local IFS=/
	for part in $p; do
		case $part in
		'' | .) ;;
		..) if [ ${#out[@]} -gt 0 ]; then unset 'out[${#out[@]}-1]'; else out+=(..); fi ;;
		*) out+=("$part") ;;
		esac
	done
	case $p in /*) echo "/${out[*]}" ;; *) echo "${out[*]}" ;; esac
}
: >"$tmp/inc.edges"
while read -r f; do
	here=$(dirname "$f")
	while read -r name; do
		for d in "$here" "${incdirs[@]}"; do
			cand=$(norm "$d/$name")
			if [ -f "$cand" ]; then
				if grep -qxF "$cand" "$tmp/files"; then
					echo "$f $cand" >>"$tmp/inc.edges"
				fi
				break
			fi
		done
	done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f")
done <"$tmp/files"

# ---- calls ----
mkdir -p "$tmp/ci"
n=0
: >"$tmp/ci.list"
while read -r f; do
	case $f in *.c) ;; *) continue ;; esac
	n=$((n + 1))
	if ! gcc -c -O0 -fcallgraph-info "${flags[@]}" "${autoinc[@]}" "$f" -o "$tmp/ci/$n.o" 2>"$tmp/ci/$n.err"; then
		echo "check-layers: $f does not compile with these flags:" >&2
		head -n 20 "$tmp/ci/$n.err" >&2
		exit 2
	fi
	echo "$tmp/ci/$n.ci $f" >>"$tmp/ci.list"
done <"$tmp/files"

# Functions defined in a file have a node without "shape : ellipse" whose
# title is the bare name (file-local ones are titled "file.c:name").
awk '
FNR == 1 {
	file = ""
	while ((getline line < LIST) > 0) {
		split(line, p, " ")
		if (p[1] == FILENAME) { file = p[2]; break }
	}
	close(LIST)
}
/^node:/ {
	match($0, /title: "[^"]*"/)
	t = substr($0, RSTART + 8, RLENGTH - 9)
	if ($0 !~ /shape : ellipse/ && t !~ /:/)
		print "def", t, file
	next
}
/^edge:/ {
	match($0, /sourcename: "[^"]*"/); s = substr($0, RSTART + 13, RLENGTH - 14)
	match($0, /targetname: "[^"]*"/); t = substr($0, RSTART + 13, RLENGTH - 14)
	if (t !~ /:/) print "call", file, t
}' LIST="$tmp/ci.list" $(cut -d' ' -f1 "$tmp/ci.list") >"$tmp/calls.raw"
awk '$1 == "def" { def[$2] = $3; next }
     $1 == "call" && ($3 in def) && def[$3] != $2 { print $2, def[$3] }' \
	"$tmp/calls.raw" "$tmp/calls.raw" | sort -u >"$tmp/call.edges"

# ---- modules: x.c and x.h of one folder are one node ----
awk '{ for (i = 1; i <= 2; i++) sub(/\.[ch]$/, "", $i); if ($1 != $2) print $1, $2 }' \
	"$tmp/inc.edges" "$tmp/call.edges" | sort -u >"$tmp/mod.edges"
sed 's/\.[ch]$//' "$tmp/files" | sort -u >"$tmp/mods"

# ---- folders: every file of a folder is one node ----
awk '{ for (i = 1; i <= 2; i++) { if ($i !~ /\//) $i = "."; else sub(/\/[^\/]*$/, "", $i) } if ($1 != $2) print $1, $2 }' \
	"$tmp/mod.edges" | sort -u >"$tmp/dir.edges"
sed -e 's|/[^/]*$||' "$tmp/mods" | sort -u >"$tmp/dirs"

# Tarjan's strongly connected components; a component of more than one
# node is a cycle, printed as a path.  With levels=1, also prints each
# node's level: 0 depends on nothing listed, n on levels below n only.
check() { # name edges nodes levels
	awk -v NAME="$1" -v LEVELS="$4" '
	FILENAME == NODES { node[$1] = 1; order[++nn] = $1; next }
	{ node[$1] = node[$2] = 1; adj[$1, ++deg[$1]] = $2; ne++ }
	function strong(v,    i, w) {
		idx[v] = low[v] = ++counter
		stack[++sp] = v; on[v] = 1
		for (i = 1; i <= deg[v]; i++) {
			w = adj[v, i]
			if (!(w in idx)) { strong(w); if (low[w] < low[v]) low[v] = low[w] }
			else if (on[w] && idx[w] < low[v]) low[v] = idx[w]
		}
		if (low[v] == idx[v]) {
			ncomp++
			do { w = stack[sp--]; on[w] = 0; comp[w] = ncomp; size[ncomp]++ } while (w != v)
		}
	}
	function path(from, to,    q, head, tail, seen, prev, v, i, w, out) {
		head = 1; tail = 0
		for (i = 1; i <= deg[from]; i++) {
			w = adj[from, i]
			if (comp[w] == comp[from] && !(w in seen)) { seen[w] = 1; prev[w] = from; q[++tail] = w }
		}
		while (head <= tail) {
			v = q[head++]
			if (v == to) break
			for (i = 1; i <= deg[v]; i++) {
				w = adj[v, i]
				if (comp[w] == comp[from] && !(w in seen)) { seen[w] = 1; prev[w] = v; q[++tail] = w }
			}
		}
		out = to
		for (v = prev[to]; v != from; v = prev[v]) out = v " -> " out
		return from " -> " out
	}
	function level(v,    i, l, m) {
		if (v in lev) return lev[v]
		m = 0
		for (i = 1; i <= deg[v]; i++) { l = level(adj[v, i]) + 1; if (l > m) m = l }
		return lev[v] = m
	}
	END {
		for (i = 1; i <= nn; i++) if (!(order[i] in idx)) strong(order[i])
		for (v in node) if (!(v in idx)) strong(v)
		bad = 0
		for (i = 1; i <= nn; i++) {
			v = order[i]
			if (size[comp[v]] > 1 && !(comp[v] in told)) {
				told[comp[v]] = 1; bad++
				members = ""
				for (j = 1; j <= nn; j++) if (comp[order[j]] == comp[v]) members = members " " order[j]
				print NAME ": cycle: " path(v, v)
				print "  (" size[comp[v]] " nodes in it:" members ")"
			}
		}
		if (!bad) printf "%s: %d nodes, %d edges, no cycle\n", NAME, nn, ne
		if (LEVELS && !bad) {
			for (i = 1; i <= nn; i++) { l = level(order[i]); at[l] = at[l] " " order[i]; if (l > top) top = l }
			for (l = 0; l <= top; l++) printf "  level %d:%s\n", l, at[l]
		}
		exit bad ? 1 : 0
	}' NODES="$3" "$3" "$2"
}

rc=0
check includes "$tmp/inc.edges" "$tmp/files" 0 || rc=1
grep '\.c$' "$tmp/files" >"$tmp/cfiles"
check calls "$tmp/call.edges" "$tmp/cfiles" 0 || rc=1
check modules "$tmp/mod.edges" "$tmp/mods" 1 || rc=1
check folders "$tmp/dir.edges" "$tmp/dirs" 1 || rc=1
exit $rc
