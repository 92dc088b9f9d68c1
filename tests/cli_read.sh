#!/usr/bin/env bash
# `read N` (one short read, then no reading) and silly window syndrome
# avoidance on the linux profile (lesson 29): each waiting segment has its
# own buffer, freed when its last byte is read, and the window reopens by
# whole segments only, as Linux 6.18 does (tests/kernel/sws-slow-reader,
# docs/fidelity.md).
# usage: cli_read.sh TCPSIM SOURCE_DIR
set -u
T=$1
L=$2/scenarios
. "$(dirname "$0")/tools/cli_lib.sh"

"$T" trace "$L/29-silly-window.tcps" >"$out/29.trace" 2>&1
# the server's windows, in order: 2896 at first, then 0, never a tiny one
grep '10.0.0.2.80 > ' "$out/29.trace" | sed -n 's/.* win \([0-9]*\),.*/\1/p' >"$out/win"
! grep -qvx '0\|1448\|2896' "$out/win"
check "lesson 29: the server offers only 0, 1448 or 2896" $?
grep -q '^1.100000 IP 10.0.0.2.80 > .* win 1448,' "$out/29.trace"
check "lesson 29: the window reopens by one segment when the third read finishes the first" $?
! grep -q '^\(0.[4-9]\|1.0\)[0-9]* IP 10.0.0.2.80 > .* win [1-9]' "$out/29.trace"
check "... and not before" $?
grep -q '^0.700000 server read 500 bytes -> ok' "$out/29.trace"
check "the trace prints read's byte count" $?

# plain `read` reads everything: the window reopens at the first read
sed 's/ read 500$/ read/' "$L/29-silly-window.tcps" >"$out/all.tcps"
"$T" trace "$out/all.tcps" >"$out/all.trace" 2>&1
grep -q '^0.700000 IP 10.0.0.2.80 > .* win 2896,' "$out/all.trace"
check "plain read empties the queue at once" $?

# bad byte counts: file:line:col errors with a hint
printf 'host a 10.0.0.1\nhost b 10.0.0.2\nat 1s b read 0\nat 1s b read x\n' >"$out/bad.tcps"
"$T" check "$out/bad.tcps" >"$out/bad.err" 2>&1
[ $? -eq 2 ] && grep -q 'bad.tcps:3:14: error: read needs at least one byte' "$out/bad.err" &&
	grep -q "bad.tcps:4:14: error: read takes an optional byte count: read 100 or read 1KiB" "$out/bad.err"
check "bad read counts: file:line:col errors" $?
exit $fail
