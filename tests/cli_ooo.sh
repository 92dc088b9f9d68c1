#!/usr/bin/env bash
# The receiver's window for data that arrives out of order before any has
# come in order (docs/fidelity.md, "duplicate ACKs for out-of-order data"),
# held against the two kernel recordings of it: Linux learns the payload
# ratio from those frames (tcp_measure_rcv_mss in tcp_data_queue_ofo) and
# grows the window with each (tcp_grow_window), win 67, 70, 73, 75 ... in
# its SACKs of the first burst. This compares the windows of the server's
# SACKs sent before 0.22 s, in the golden and in tcpsim's trace.
# usage: cli_ooo.sh TCPSIM SOURCE_DIR
set -u
T=$1
K=$2/tests/kernel
. "$(dirname "$0")/tools/cli_lib.sh"

# kernel_wins CASE: windows of the server's SACKs before 0.22 s in the golden
kernel_wins() {
	awk '$1 == "seg" && $3 == "server" && $2 < 0.22 && /sack [0-9]/ { print $12 }' \
		"$K/$1.golden" | tr '\n' ' ' | sed 's/ $//'
}
# tcpsim_wins CASE: the same in tcpsim's trace
tcpsim_wins() {
	"$T" trace "$K/$1.tcps" | awk '$1 < 0.22 && $3 ~ /^10\.0\.0\.2\./ && /sack [0-9]/ {
		for (i = 1; i < NF; i++) if ($i == "win") { w = $(i + 1); sub(",", "", w); print w } }' |
		tr '\n' ' ' | sed 's/ $//'
}

for c in spurious-fast-retransmit spurious-fast-retransmit-ts; do
	k=$(kernel_wins "$c")
	n=$(tcpsim_wins "$c")
	[ -n "$k" ] && [ "$n" = "$k" ]
	check "$c: the SACKs of the first burst offer win $k as the kernel's (tcpsim: $n)" $?
done

exit $fail
