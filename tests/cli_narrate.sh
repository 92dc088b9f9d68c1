#!/usr/bin/env bash
# trace --narrate against the trace it narrates, for every shipped lesson:
# each data segment's "bytes A to B" is tcpdump's "seq A:B+1"; each pure
# ACK's number is tcpdump's "ack N"; no sentence says what the run does not
# do ("notes something", "doubles the timeout", "half-open" for SYN_RCVD
# embryos, a flood SYN that "fills the listener's queue").
# usage: cli_narrate.sh TCPSIM SOURCE_DIR
set -u
T=$1
L=$2/scenarios
. "$(dirname "$0")/tools/cli_lib.sh"

# --narrate adds "  # " lines and changes no other line
S=$L/01-three-way-handshake.tcps
"$T" trace "$S" >"$out/plain"
"$T" trace --narrate "$S" >"$out/narrated"
grep -v '^  # ' "$out/narrated" | cmp -s - "$out/plain"
check "--narrate keeps every trace line as it was" $?
grep -q '^  # The client sends 7 bytes of data (bytes 1 to 7 of its stream)\.$' "$out/narrated"
check "lesson 1: 7 bytes are bytes 1 to 7" $?
grep -q '^  # 1\.010000 The client'"'"'s SYN reaches the server\.$' "$out/narrated"
check "an arrival the wire view leaves out is narrated with its time" $?
! grep -q '^  # ' "$out/plain"
check "without --narrate, no narration" $?

# lesson 4: a simultaneous open is no three-way handshake, and its
# SYN,ACKs are no resends; lesson 1 keeps the three-way wording
"$T" trace --narrate "$L/04-simultaneous-open.tcps" >"$out/04" 2>/dev/null
! grep -q 'three-way handshake is complete\|SYN,ACK again' "$out/04"
check "lesson 4: no three-way handshake, no SYN,ACK 'again'" $?
[ "$(grep -c '^  # alice answers SYN,ACK: its own SYN again, with the same initial sequence number 100000 (still unacknowledged), now carrying the ACK of bob'"'"'s SYN (ack 900001)\.' "$out/04")" -eq 1 ]
check "lesson 4: alice's SYN,ACK repeats her SYN with ack 900001" $?
[ "$(grep -c 'the simultaneous open is complete and the connection is ESTABLISHED\..* It still answers the SYN,ACK with an ACK\.$' "$out/04")" -eq 2 ]
check "lesson 4: both sides complete a simultaneous open and ACK (linux)" $?
{ echo "profile rfc9293"; cat "$L/04-simultaneous-open.tcps"; } >"$out/04r.tcps"
"$T" trace --narrate "$out/04r.tcps" >"$out/04r" 2>/dev/null
grep -q 'simultaneous open is complete' "$out/04r" && ! grep -q 'still answers the SYN,ACK' "$out/04r"
check "lesson 4 under rfc9293: no ACK of the SYN,ACK is claimed" $?
grep -q 'three-way handshake is complete' "$out/narrated"
check "lesson 1 keeps the three-way handshake" $?

# lesson 30b: past 2^32 bytes the narration counts stream bytes on, and
# says why the segment's numbers are small again
"$T" trace --narrate "$L/30b-sequence-wrap.tcps" >"$out/30b" 2>/dev/null
grep -q '^  # The client sends 9 bytes of data (bytes 4294967297 to 4294967305 of its stream)\. Past 2^32 bytes the 32-bit sequence numbers start again from 0, as its seq shows\.$' "$out/30b"
check "30b: the 9 bytes after 4 GiB are bytes 4294967297 to 4294967305" $?
grep -q '^  # The server sends an ACK (ack 1): it has every byte of the client'"'"'s stream before byte 4294967297 and' "$out/30b"
check "30b: ack 1 after 4 GiB is not 'no data yet'" $?

for f in "$L"/*.tcps; do
	b=$(basename "$f" .tcps)
	"$T" trace --narrate "$f" >"$out/$b" 2>/dev/null || { check "$b: trace --narrate runs" 1; continue; }
	# A segment line, then its sentence: compare the numbers.
	awk -v name="$b" -v W=4294967296 '
		/^[0-9.]+ IP / { line = $0; getline nar
			if (line ~ /Flags \[[P.]*\], seq [0-9]+:[0-9]+,/ && nar ~ /bytes of data \(bytes/) {
				match(line, /seq [0-9]+:[0-9]+/); split(substr(line, RSTART + 4, RLENGTH - 4), q, ":")
				match(nar, /bytes [0-9]+ to [0-9]+/); split(substr(nar, RSTART + 6, RLENGTH - 6), r, " to ")
				# stream byte numbers, modulo 2^32, are the numbers in the segment
				if (r[1] % W != q[1] || (r[2] + 1) % W != q[2] % W) { print name ": " line " / " nar; bad = 1 }
			}
			if (line ~ /Flags \[\.\], ack [0-9]+,/ && nar ~ /\(ack [0-9]+\)/) {
				match(line, /ack [0-9]+/); a = substr(line, RSTART + 4, RLENGTH - 4)
				match(nar, /\(ack [0-9]+\)/); n = substr(nar, RSTART + 5, RLENGTH - 6)
				if (a != n) { print name ": " line " / " nar; bad = 1 }
			}
		}
		END { exit bad }' "$out/$b"
	check "$b: narrated byte ranges and ACK numbers are the trace's" $?
	! grep -E 'notes something|half-open|doubles the timeout|fills the listener' "$out/$b"
	check "$b: no sentence from the old list of false ones" $?
done

exit $fail
