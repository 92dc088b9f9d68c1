#!/usr/bin/env bash
# outputs.sh BIN OUTDIR [SRCDIR]: writes every output tcpsim derives from
# the shipped lessons and the test scenarios (trace, trace -S, per-host
# traces, pcap of the wire and of each host, svg, netstat and ss at several
# moments, test -v, coverage) and window shots of three lessons into
# OUTDIR, one file each.  A refactoring that must not change behaviour is
# checked with:  outputs.sh old/tcpsim A; outputs.sh new/tcpsim B; diff -r A B
set -u
bin=$1
out=$2
src=${3:-$(cd "$(dirname "$0")/../.." && pwd)}
mkdir -p "$out"
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
cd "$out" || exit 2
out=.
export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software
for f in "$src"/scenarios/*.tcps "$src"/tests/scenarios/*.tcps "$src"/tests/data/*.tcps; do
	case $f in */tests/*) n=tests-$(basename "$f" .tcps) ;; *) n=lesson-$(basename "$f" .tcps) ;; esac
	"$bin" trace "$f" >"$out/$n.trace" 2>&1
	"$bin" trace -S "$f" >"$out/$n.trace-S" 2>&1
	for h in client server; do
		"$bin" trace --at "$h" "$f" >"$out/$n.trace-$h" 2>&1
		"$bin" pcap "$f" --at "$h" -o "$out/$n.$h.pcap" >"$out/$n.pcap-$h.msg" 2>&1
	done
	"$bin" pcap "$f" -o "$out/$n.pcap" >/dev/null 2>&1
	"$bin" svg "$f" -o "$out/$n.svg" >/dev/null 2>&1
	for t in 0s 150ms 500ms 1s 2s 5s 10500ms 30s 61s 130s; do
		"$bin" netstat "$f" --at "$t" >"$out/$n.netstat-$t" 2>&1
		"$bin" netstat "$f" --at "$t" --ss >"$out/$n.ss-$t" 2>&1
	done
	"$bin" test -v "$f" >"$out/$n.test" 2>&1
	echo "exit $?" >>"$out/$n.test"
done
"$bin" coverage "$src"/scenarios/*.tcps >"$out/coverage" 2>&1
for l in 01-three-way-handshake 09-time-wait-lost-last-ack 13a-syn-flood; do
	for t in 50ms 1s 20s; do
		"$bin" shot "$src/scenarios/$l.tcps" --at "$t" -o "$out/shot-$l-$t.png" >/dev/null 2>&1
	done
	"$bin" shot "$src/scenarios/$l.tcps" --at 1s --size 1920x1080 --theme dark \
		-o "$out/shot-$l-dark.png" >/dev/null 2>&1
done
