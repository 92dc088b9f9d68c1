#!/usr/bin/env bash
# Outputs and streams: pcap and svg to standard output (-o -, -o /dev/stdout),
# into pipes and FIFOs, with the right count on stderr and nothing else in
# the stream; unwritable paths and failed writes (exit 2, a message, no
# half-written file); the text trace into a pipe.  Nothing may hang: every
# run is under timeout (exit 124 fails the check).
# usage: cli_outputs.sh TCPSIM SOURCE_DIR
set -u
T=$1
D=$2/tests/data
S=$D/cli_fixed.tcps
. "$(dirname "$0")/tools/cli_lib.sh"
TO="timeout 20"

# The packets of a classic pcap file, counted from its record headers.
pcap_count() {
	od -An -v -tu1 "$1" | tr -s ' \n' '\n\n' | sed '/^$/d' | awk '
		{ b[NR - 1] = $1 }
		END {
			n = 0; p = 24
			while (p + 16 <= NR) {
				len = b[p + 8] + 256 * b[p + 9] + 65536 * b[p + 10] + 16777216 * b[p + 11]
				p += 16 + len; n++
			}
			print (p == NR ? n : -1)
		}'
}

# --- the reference: a capture into a regular file
$TO "$T" pcap "$S" -o "$out/ref.pcap" 2>"$out/ref.err"
[ $? -eq 0 ] && [ -s "$out/ref.pcap" ]
check "pcap into a file" $?
n=$(pcap_count "$out/ref.pcap")
[ "$n" -gt 0 ] && [ "$(cat "$out/ref.err")" = "wrote $out/ref.pcap ($n packets)" ]
check "pcap: the message counts the packets in the file ($n)" $?

# --- -o -: the capture on standard output, the message on stderr
$TO "$T" pcap "$S" -o - >"$out/dash.pcap" 2>"$out/dash.err"
[ $? -eq 0 ] && cmp -s "$out/dash.pcap" "$out/ref.pcap"
check "pcap -o -: the same bytes as the file" $?
[ "$(cat "$out/dash.err")" = "wrote standard output ($n packets)" ]
check "pcap -o -: 'wrote standard output ($n packets)' on stderr" $?
! grep -aq "wrote" "$out/dash.pcap"
check "pcap -o -: no message inside the capture" $?

# --- -o /dev/stdout into a pipe (it used to read its own pipe back: 0 bytes)
{ $TO "$T" pcap "$S" -o /dev/stdout 2>"$out/devout.err"; echo $? >"$out/devout.rc"; } |
	od -An -v -tx1 >"$out/devout.od"
od -An -v -tx1 "$out/ref.pcap" >"$out/ref.od"
[ "$(cat "$out/devout.rc")" -eq 0 ] && cmp -s "$out/devout.od" "$out/ref.od"
check "pcap -o /dev/stdout | od: every byte of the capture" $?
[ "$(cat "$out/devout.err")" = "wrote standard output ($n packets)" ]
check "pcap -o /dev/stdout: the count on stderr" $?

# --- into tcpdump -r -
if command -v tcpdump >/dev/null 2>&1; then
	{ $TO "$T" pcap "$S" -o - 2>/dev/null; } | $TO tcpdump -n -r - >"$out/td" 2>"$out/td.err"
	[ "$(wc -l <"$out/td")" -eq "$n" ] && ! grep -qi "warning\|truncated" "$out/td.err"
	check "pcap -o - | tcpdump -r -: $n packets" $?
	{ $TO "$T" pcap "$S" --at server -o - 2>"$out/srv.err"; } |
		$TO tcpdump -n -r - >"$out/td-srv" 2>/dev/null
	grep -q "^wrote standard output ($(wc -l <"$out/td-srv") packets)$" "$out/srv.err"
	check "pcap --at server -o - | tcpdump: the count is what tcpdump reads" $?
else
	echo "skip: tcpdump not installed"
fi

# --- a FIFO: written once, never reopened (it used to hang reading it back)
mkfifo "$out/fifo"
$TO cat "$out/fifo" >"$out/fifo.got" &
reader=$!
$TO "$T" pcap "$S" -o "$out/fifo" 2>"$out/fifo.err"
rc=$?
wait "$reader"
[ $rc -eq 0 ] && cmp -s "$out/fifo.got" "$out/ref.pcap"
check "pcap -o FIFO read by cat: every byte, no hang (exit $rc)" $?
[ "$(cat "$out/fifo.err")" = "wrote $out/fifo ($n packets)" ]
check "pcap -o FIFO: the count on stderr" $?
[ -p "$out/fifo" ]
check "pcap -o FIFO: the FIFO is left as it was" $?

# --- svg to standard output and pipes
$TO "$T" svg "$S" -o "$out/ref.svg" 2>/dev/null
$TO "$T" svg "$S" -o - >"$out/dash.svg" 2>"$out/svg.err"
[ $? -eq 0 ] && cmp -s "$out/dash.svg" "$out/ref.svg" && [ -s "$out/ref.svg" ]
check "svg -o -: the same bytes as the file" $?
grep -q "^wrote standard output ([0-9]* packets)$" "$out/svg.err" && ! grep -q "wrote" "$out/dash.svg"
check "svg -o -: the message on stderr only" $?
{ $TO "$T" svg "$S" -o /dev/stdout 2>/dev/null; echo $? >"$out/svgpipe.rc"; } | cat >"$out/pipe.svg"
[ "$(cat "$out/svgpipe.rc")" -eq 0 ] && cmp -s "$out/pipe.svg" "$out/ref.svg"
check "svg -o /dev/stdout | cat: the whole diagram" $?

# --- plots (svg --plot): a message that counts the data, clear errors
L=$2/scenarios/19-lossy-link.tcps
for k in tsg cwnd; do
	$TO "$T" svg "$L" -o "$out/$k.svg" --plot $k 2>"$out/err"
	[ $? -eq 0 ] && grep -q "^wrote $out/$k.svg (plot of [1-9][0-9]* data segments)$" "$out/err" &&
		grep -q "</svg>" "$out/$k.svg"
	check "svg --plot $k: a plot and its count" $?
done
grep -q "time-sequence graph" "$out/tsg.svg" && grep -q "congestion window" "$out/cwnd.svg"
check "svg --plot: each plot names itself" $?
# a 7-byte transfer under a 64 KiB window (lesson 1): the bytes' axis fits
# the data, the window's edge is said to run above it, the bar is drawn
$TO "$T" svg "$2/scenarios/01-three-way-handshake.tcps" -o "$out/small.svg" --plot tsg 2>/dev/null &&
	grep -q ">window edge (above)<" "$out/small.svg" && ! grep -q ">[0-9.]*k<" "$out/small.svg" &&
	grep -q 'stroke="#000000" stroke-width="1.5"' "$out/small.svg" &&
	grep -q ">window edge (ACK + window)<" "$out/tsg.svg"
check "svg --plot tsg: a small transfer fits its axis, the window edge above it" $?
$TO "$T" svg "$L" -o "$out/none.svg" --plot tsg --at server 2>"$out/err"
[ $? -eq 2 ] && [ "$(cat "$out/err")" = "tcpsim svg: nothing to plot: server sent no data in this run" ] &&
	[ ! -e "$out/none.svg" ]
check "svg --plot --at a host that sent nothing: message, exit 2, no file" $?
$TO "$T" svg "$L" -o "$out/bad.svg" --plot bars 2>"$out/err"
[ $? -eq 2 ] && grep -q "^tcpsim svg: --plot is tsg (time-sequence graph) or cwnd, not 'bars'$" "$out/err"
check "svg --plot with an unknown plot: the choices, exit 2" $?
$TO "$T" svg "$L" -o "$out/bad.svg" --at client 2>"$out/err"
[ $? -eq 2 ] && grep -q "use it with --plot" "$out/err" && [ ! -e "$out/bad.svg" ]
check "svg --at without --plot: exit 2" $?

# --- the text trace into a pipe
$TO "$T" trace "$S" >"$out/trace.file"
$TO "$T" trace "$S" | cat >"$out/trace.pipe"
cmp -s "$out/trace.file" "$out/trace.pipe" && [ -s "$out/trace.file" ]
check "trace | cat: the same bytes as into a file" $?

# --- unwritable paths: a message naming the path, exit 2, nothing created
for c in pcap svg; do
	$TO "$T" "$c" "$S" -o "$out/missing/x.$c" 2>"$out/err"
	[ $? -eq 2 ] && grep -q "^tcpsim $c: cannot write $out/missing/x.$c: No such file or directory$" "$out/err"
	check "$c into a missing directory: message, exit 2" $?
	mkdir -p "$out/adir"
	$TO "$T" "$c" "$S" -o "$out/adir" 2>"$out/err"
	[ $? -eq 2 ] && grep -q "cannot write $out/adir: Is a directory" "$out/err"
	check "$c onto a directory: message, exit 2" $?
	if [ -w /dev/full ]; then
		$TO "$T" "$c" "$S" -o /dev/full 2>"$out/err"
		[ $? -eq 2 ] && grep -q "^tcpsim $c: cannot write /dev/full: No space left on device$" "$out/err"
		check "$c into a full disk: message, exit 2" $?
		$TO "$T" "$c" "$S" -o - >/dev/full 2>"$out/err"
		[ $? -eq 2 ] && [ "$(cat "$out/err")" = "tcpsim $c: cannot write standard output: No space left on device" ]
		check "$c -o - into a full disk: one message, exit 2, no 'wrote'" $?
	fi
	# A write that fails half-way (the file size limit: 1 KiB) leaves no
	# half-written file, even where one existed before.
	echo "old" >"$out/partial.$c"
	(
		ulimit -f 1
		trap '' XFSZ
		exec $TO "$T" "$c" "$S" -o "$out/partial.$c"
	) 2>"$out/err"
	[ $? -eq 2 ] && grep -q "cannot write $out/partial.$c: File too large" "$out/err" &&
		[ ! -e "$out/partial.$c" ]
	check "$c failing half-way: message, exit 2, no file left" $?
done

# --- shot --plot: the plot in the diagram's place, named in the layout;
# a wrong name is refused (exit 2, what it takes)
if $TO "$T" shot "$S" --at 1s --layout "$out/plot.json" --plot tsg 2>"$out/err"; then
	grep -q '"name":"plot"' "$out/plot.json" && ! grep -q '"name":"diagram"' "$out/plot.json" &&
		grep -q '"text":"Time-sequence graph' "$out/plot.json"
	check "shot --plot tsg: the plot in the diagram's place" $?
	$TO "$T" shot "$S" --at 1s --layout "$out/plot2.json" --plot nope 2>"$out/err"
	[ $? -eq 2 ] && grep -q "plot is tsg or cwnd, not 'nope'" "$out/err" && [ ! -e "$out/plot2.json" ]
	check "shot --plot nope: refused, exit 2" $?
	# --plot KIND:HOST: that host's end of the connection, named in the
	# title, though the other end sent more; an unknown host is refused
	N=$2/scenarios/25-nagle-delayed-ack.tcps
	$TO "$T" shot "$N" --at 2.2s --layout "$out/plot3.json" --plot tsg 2>"$out/err" &&
		grep -q '"text":"the server.s data, 10.0.0.2:80 > [^"]* (it sent more)' "$out/plot3.json" &&
		grep -q '"text":"[^"]*Shift+G:[^"]*client.s"' "$out/plot3.json"
	check "shot --plot tsg: the end that sent more, named" $?
	$TO "$T" shot "$N" --at 2.2s --layout "$out/plot4.json" --plot cwnd:client 2>"$out/err" &&
		grep -q '"text":"the client.s data, 10.0.0.1:[0-9]* > 10.0.0.2:80 ·' "$out/plot4.json" &&
		grep -q '"text":"[^"]*Shift+G:[^"]*server.s"' "$out/plot4.json" &&
		grep -q '"text":"Congestion window' "$out/plot4.json"
	check "shot --plot cwnd:client: the client's end" $?
	$TO "$T" shot "$N" --at 2.2s --layout "$out/plot5.json" --plot tsg:nobody 2>"$out/err"
	[ $? -eq 2 ] && grep -q "^tcpsim: --plot tsg:nobody: no such host; hosts are client and server$" "$out/err" &&
		[ ! -e "$out/plot5.json" ]
	check "shot --plot tsg:nobody: refused, exit 2" $?
elif grep -q "built without it" "$out/err"; then
	echo "ok: shot --plot skipped (built without the window)"
else
	check "shot --plot tsg" 1
fi
# --- a router hop with a smaller MTU: ICMP, the MSS lowered, a black hole
"$T" trace "$D/cli_mtu.tcps" >"$out/mtu" 2>&1
grep -q '^0.300000 link lost 10.0.0.1.[0-9]* > 10.0.0.2.80: Flags \[.\], seq 1:1449, ack 1 (too big for the router.s MTU 1400, DF set)$' "$out/mtu" &&
	grep -q '^0.310000 IP 10.0.0.254 > 10.0.0.1: ICMP 10.0.0.2 unreachable - need to frag (mtu 1400), length 556$' "$out/mtu"
check "router_mtu: the packet too big is lost, the router's ICMP comes back as tcpdump prints it" $?
# each two-segment send buffer cut on its own (tests/kernel/pmtu-icmp)
[ "$(grep -c '^0.310000 IP 10.0.0.1.* length 1348$' "$out/mtu")" -eq 3 ] &&
	grep -q '^0.310000 IP 10.0.0.1.*seq 2697:2897, .* length 200$' "$out/mtu" &&
	grep -q '^0.310000 IP 10.0.0.1.*seq 4245:4345, .* length 100$' "$out/mtu" &&
	! grep -q 'seq 4345:5001.*length 656$' <(grep '^0.31' "$out/mtu")
check "... the MSS drops to 1348, each lost buffer is cut to fit and only the lost bytes are resent, as Linux does" $?
"$T" test "$D/cli_mtu.tcps" >/dev/null 2>&1
check "... and the transfer completes" $?
"$T" pcap "$D/cli_mtu.tcps" -o "$out/mtu.pcap" >/dev/null 2>&1
if command -v tcpdump >/dev/null 2>&1; then
	tcpdump -r "$out/mtu.pcap" -n 2>/dev/null >"$out/mtu.td"
	[ "$(grep -c 'IP 10.0.0.254 > 10.0.0.1: ICMP 10.0.0.2 unreachable - need to frag (mtu 1400), length 556$' "$out/mtu.td")" -eq 3 ]
else
	grep -q "$(printf '\x03\x04')" "$out/mtu.pcap"
fi
check "... pcap: the three ICMPs are in the capture, read back by tcpdump as the trace prints them" $?
"$T" trace "$D/cli_mtu_blackhole.tcps" >"$out/bh" 2>&1
! grep -q ICMP "$out/bh" && ! grep -q 'length 1348' "$out/bh" &&
	[ "$(grep -c 'IP 10.0.0.1.*seq 1:1449, .* length 1448$' "$out/bh")" -ge 6 ] &&
	grep -q 'timer retransmit fired (rto 3.584s, attempt 5)' "$out/bh"
check "icmp=off: a black hole, the same full-size segment resent with RTO backoff" $?

# tcp_mtu_probing=1 (Linux 6.18 in a netns, ICMP dropped: 1448-byte
# retransmissions 0.319, 0.747, 1.579, 3.243 s, then at 6.603 s, the first
# timeout 3 s after the first retransmission, 1:1025): the black hole found
sed 's/^host client 10.0.0.1$/host client 10.0.0.1 mtu_probing=1/' "$D/cli_mtu_blackhole.tcps" >"$out/probe.tcps"
"$T" trace "$out/probe.tcps" >"$out/probe" 2>&1
grep -q '^1.916000 client 10.0.0.1:[0-9]* timer retransmit fired (rto 0.896s, attempt 3)$' "$out/probe" &&
	grep -q '^3.708000 client path MTU black hole suspected (mtu_probing): MSS 1024$' "$out/probe" &&
	grep -q '^3.708000 IP 10.0.0.1.[0-9]* > 10.0.0.2.80: .*seq 1:1025, .*length 1024$' "$out/probe" &&
	[ "$(grep -c 'IP 10.0.0.1.*seq 1:1449, .* length 1448$' "$out/probe")" -eq 6 ] &&
	grep -q ' -> CLOSE_WAIT (rcv FIN' "$out/probe"
check "mtu_probing=1: 3 s after the first RTO the MSS falls to 1024 and the data gets through" $?
sed 's/^host client 10.0.0.1$/host client 10.0.0.1 mtu_probing=2/' "$D/cli_mtu_blackhole.tcps" >"$out/probe2.tcps"
"$T" trace "$out/probe2.tcps" >"$out/probe2" 2>&1
grep -q '^0.300000 IP 10.0.0.1.[0-9]* > 10.0.0.2.80: .*seq 1:1449, .*length 1448$' "$out/probe2" &&
	grep -q '^3.708000 client path MTU black hole suspected (mtu_probing): MSS 512$' "$out/probe2"
check "mtu_probing=2: full-size segments first, then straight to half of 1024" $?

# MSS clamping: the receiver sees the clamped MSS, the sender's view what it sent
sed 's/icmp=off$/icmp=off clamp=on/' "$D/cli_mtu_blackhole.tcps" >"$out/clamp.tcps"
"$T" trace "$out/clamp.tcps" >"$out/clamp.wire" 2>&1
"$T" trace "$out/clamp.tcps" --at server >"$out/clamp.srv" 2>&1
grep -q '^0.100000 IP 10.0.0.1.* Flags \[S\], .*options \[mss 1460,' "$out/clamp.wire" &&
	grep -q '^0.110000 IP 10.0.0.1.* Flags \[S\], .*options \[mss 1360,' "$out/clamp.srv" &&
	grep -q 'length 1348$' "$out/clamp.wire" && ! grep -q 'link lost' "$out/clamp.wire"
check "clamp=on: the SYN arrives with mss 1360, the segments fit, nothing is lost" $?

exit $fail
