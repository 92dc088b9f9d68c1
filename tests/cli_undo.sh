#!/usr/bin/env bash
# The undo of a cut found needless (docs/fidelity.md, "ssthresh after a
# loss"), held against the two kernel recordings of it: after the D-SACKs
# Linux sends its next flight whole, and so must tcpsim. kernel_compare's
# time tolerance a second into a connection is wider than a round trip, so
# it would also accept the flight in two halves; this counts the client's
# data segments sent at the instant the application writes, in the golden
# (within 1 ms) and in tcpsim's trace.
# usage: cli_undo.sh TCPSIM SOURCE_DIR
set -u
T=$1
K=$2/tests/kernel
. "$(dirname "$0")/tools/cli_lib.sh"

# kernel_segs CASE FROM: client data segments the golden has in [FROM, FROM + 1 ms)
kernel_segs() {
	awk -v a="$2" '$1 == "seg" && $3 == "client" && $9 != "0" && $2 >= a && $2 < a + 0.001' \
		"$K/$1.golden" | wc -l
}
# tcpsim_segs CASE AT: client data segments tcpsim sends at AT exactly
tcpsim_segs() {
	"$T" trace "$K/$1.tcps" | grep "^$2 IP 10\.0\.0\.1\.[0-9]* > " | grep -vc "length 0$"
}

for c in "spurious-rto 1.000000" "spurious-fast-retransmit 0.300000" \
	"spurious-fast-retransmit-ts 0.300000"; do
	set -- $c
	k=$(kernel_segs "$1" "$2")
	n=$(tcpsim_segs "$1" "$2")
	[ "$k" -gt 2 ] && [ "$n" -eq "$k" ]
	check "$1: $k segments at $2 s after the undo, as the kernel sent (tcpsim: $n)" $?
	"$T" trace "$K/$1.tcps" | grep -q "client the retransmission was needless: cwnd and ssthresh restored (undo)"
	check "$1: the trace says the cut was undone" $?
done

# the rfc9293 profile never undoes (no SACK, no timestamps there)
sed 's/^title .*/&\nprofile rfc9293/' "$K/spurious-rto.tcps" >"$out/r.tcps"
"$T" trace "$out/r.tcps" >"$out/r" 2>"$out/err"
[ $? -eq 0 ] && grep -q "client send 5000 bytes -> ok" "$out/r" && ! grep -q "(undo)" "$out/r"
check "rfc9293: the same case, no undo" $?

exit $fail
