#!/usr/bin/env bash
# Each command's own contract beyond tests/cli_basics.sh: seeds, counts over
# several files, warnings, summaries, outputs and their messages, options a
# command does not take, write errors, coverage.
# usage: cli_commands.sh TCPSIM SOURCE_DIR
set -u
T=$1
D=$2/tests/data
. "$(dirname "$0")/tools/cli_lib.sh"

# --- seeds and determinism
"$T" trace "$D/cli_fixed.tcps" >"$out/a"
"$T" trace "$D/cli_fixed.tcps" --seed 12345 >"$out/b"
cmp -s "$out/a" "$out/b"
check "trace: --seed changes nothing when nothing is random" $?
"$T" trace "$D/cli_lossy.tcps" --seed 7 >"$out/l1"
"$T" trace "$D/cli_lossy.tcps" --seed=7 >"$out/l2"
cmp -s "$out/l1" "$out/l2"
check "trace: --seed=N is --seed N" $?
"$T" trace "$D/cli_fixed.tcps" -S | grep -q "Flags \[S\], seq 1000,"
check "trace -S: absolute numbers" $?
"$T" trace "$D/cli_fixed.tcps" --until 150ms >"$out/until"
! grep -q '^0\.[2-9]' "$out/until" && grep -q '^0\.1' "$out/until"
check "trace --until stops the run" $?
# --- a failed prediction says what happened; what only a run reveals warns
"$T" test "$D/cli_expect_history.tcps" >"$out/o" 2>/dev/null
[ $? -eq 1 ] && grep -q "cli_expect_history.tcps:10: expected ESTABLISHED, was SYN_SENT at 1.000s; it became ESTABLISHED at 1.020s on rcv SYN,ACK" "$out/o" \
	&& grep -q "cli_expect_history.tcps:11: expected ESTABLISHED, but server.5 never existed; the server had 2 sockets by 2.000s" "$out/o" \
	&& grep -q "cli_expect_history.tcps:12: expected SYN_SENT, but the client had no socket yet at 0.500s" "$out/o" \
	&& grep -q "cli_expect_history.tcps:14: expected ESTABLISHED, but client.2 did not exist yet at 2.500s; it was made at 3.000s (active OPEN)" "$out/o"
check "test: a failed state says when it changed, that the socket never existed, or when it was made" $?
"$T" test "$D/cli_warnings.tcps" >"$out/o" 2>"$out/err"
[ $? -eq 0 ] && grep -q "cli_warnings.tcps:7:1: warning: the client's connection made here got ECONNREFUSED" "$out/err" \
	&& grep -q "cli_warnings.tcps:9:1: warning: this drop never met a segment" "$out/err" \
	&& grep -q "cli_warnings.tcps:10:1: warning: this note never showed: the client never entered TIME_WAIT" "$out/err" \
	&& grep -q "cli_warnings.tcps:11:1: warning: this line never fired" "$out/err" && grep -q "1 passed, 0 failed" "$out/o"
check "test: unexpected errors, unmet drops, notes and on lines are warnings, exit 0" $?
"$T" check "$D/cli_warnings.tcps" 2>"$out/err"
[ $? -eq 0 ] && ! grep -q warning "$out/err"
check "check runs nothing, so it warns of nothing a run reveals" $?

# --- the one event syntax: errors, retransmissions, segments fire lines and notes
"$T" trace "$D/cli_events.tcps" >"$out/ev" 2>&1
grep -q "^1.020000 client connect 10.0.0.2:80 from 40001 -> ok" "$out/ev" \
	&& grep -q '^1.424000 note "The data is sent again."' "$out/ev" \
	&& grep -q "^1.434000 server close -> ok" "$out/ev" \
	&& grep -q '^3.010000 note "A FIN reached the server."' "$out/ev"
check "on/note on: error ERRNO, retransmit, receives PATTERN fire at the right moments" $?
"$T" test "$D/cli_events.tcps" >"$out/o" 2>"$out/err"
[ $? -eq 0 ] && ! grep -q warning "$out/err"
check "events that happen give no warning" $?

# --- the event budget (the reproducers of issue 13 are tests/cli_repro.sh)
"$T" trace "$D/cli_fixed.tcps" --max-events 5 >/dev/null 2>"$out/err"
[ $? -eq 2 ] && grep -q "error: the run stopped at .* after 5 events, its limit (--max-events raises it)" "$out/err"
check "--max-events stops a run" $?
"$T" trace "$D/cli_fixed.tcps" --max-events 0 2>"$out/err"
[ $? -eq 2 ] && grep -q "max-events takes a whole number above 0" "$out/err"
check "--max-events 0 is refused" $?

# --until T: nothing after T happens or is judged (issue 13: later notes and
# expectations were printed at T, expectations judged failed there).
"$T" trace "$D/cli_pass.tcps" --until 1us >"$out/until1"
! grep -qv '^0\.00000[01] ' "$out/until1" && ! grep -q 'expect' "$out/until1"
check "trace --until 1us: nothing after 1us, nothing judged" $?
"$T" trace "$D/cli_pass.tcps" --until 0s >"$out/until0"
! grep -qv '^0\.000000 ' "$out/until0" && [ -s "$out/until0" ]
check "trace --until 0s: only what happens at time 0" $?
"$T" trace "$D/cli_fixed.tcps" --until 1 2>"$out/err"
[ $? -eq 2 ] && grep -q "needs a unit: 1s?" "$out/err"
check "trace --until without a unit: hint" $?
"$T" trace "$D/cli_fixed.tcps" --at nobody 2>"$out/err"
[ $? -eq 2 ] && grep -q "hosts are client and server" "$out/err"
check "trace --at an unknown host" $?
"$T" trace "$D/cli_fixed.tcps" --at server >"$out/srv"
[ $? -eq 0 ] && grep -q "Flags \[S\]" "$out/srv"
check "trace --at HOST" $?

# --- test: counts over every file, -v, warnings
"$T" test -v "$D/cli_pass.tcps" "$D/cli_fail.tcps" "$D/cli_fixed.tcps" >"$out/t"
[ $? -eq 1 ]
check "test: one failure among several files exits 1" $?
[ "$(tail -n 1 "$out/t")" = "6 passed, 1 failed" ]
check "test: one count per expectation across files" $?
grep -q "cli_fixed.tcps:12: expectation held" "$out/t"
check "test -v prints the held ones" $?
"$T" test "$D/cli_noexpect.tcps" >"$out/t" 2>"$out/err"
[ $? -eq 0 ] && grep -q "cli_noexpect.tcps: warning: no expect lines" "$out/err" &&
	[ "$(tail -n 1 "$out/t")" = "0 passed, 0 failed" ]
check "test: no expect lines is a warning, not a failure" $?
"$T" test "$D/cli_pass.tcps" "$D/cli_broken.tcps" >"$out/t" 2>"$out/err"
[ $? -eq 2 ] && [ "$(tail -n 1 "$out/t")" = "2 passed, 0 failed, 1 file not run (errors above)" ] &&
	grep -q "cli_broken.tcps:5:17: error" "$out/err"
check "test: a broken file counts nothing and exits 2" $?
"$T" test 2>/dev/null
[ $? -eq 2 ]
check "test without files exits 2" $?

# --- check
"$T" check "$D/cli_pass.tcps" "$D/cli_broken.tcps" 2>"$out/err"
[ $? -eq 2 ] && [ "$(tail -n 1 "$out/err")" = "2 files, 2 errors" ]
check "check: 'N files, N errors' summary" $?
"$T" check "$D/cli_broken.tcps" 2>&1 | grep -Eq '^[^:]+:[0-9]+:[0-9]+: error: '
check "check: FILE:LINE:COL: error:" $?
"$T" trace "$D/no-such.tcps" >/dev/null 2>"$out/err"
[ $? -eq 2 ] && [ "$(wc -l <"$out/err")" -eq 1 ] && grep -q "no-such.tcps" "$out/err"
check "trace: a missing file is one line and exits 2" $?

# --- options a command does not take
"$T" check --ss "$D/cli_pass.tcps" 2>/dev/null
[ $? -eq 2 ]
check "check --ss is refused" $?
"$T" trace "$D/cli_pass.tcps" --sed 3 2>"$out/err"
[ $? -eq 2 ] && grep -q "did you mean '--seed'" "$out/err"
check "an option typo gets a hint" $?
"$T" trace "$D/cli_pass.tcps" --seed 2>/dev/null
[ $? -eq 2 ]
check "an option without its value exits 2" $?
"$T" trace "$D/cli_pass.tcps" --seed x1 2>/dev/null
[ $? -eq 2 ]
check "--seed needs a number" $?
"$T" help trace | grep -q "usage: tcpsim trace"
check "'tcpsim help trace'" $?

# --- netstat
"$T" netstat "$D/cli_fixed.tcps" --at 500ms >"$out/n"
grep -q "Recv-Q" "$out/n" && grep -q "10.0.0.1:40000" "$out/n" && grep -q "TIME_WAIT" "$out/n"
check "netstat --at: the client in TIME_WAIT" $?
"$T" netstat "$D/cli_fixed.tcps" 2>/dev/null
[ $? -eq 2 ]
check "netstat without --at exits 2" $?

# --- pcap and svg
"$T" pcap "$D/cli_fixed.tcps" -o "$out/w.pcap" 2>"$out/err"
[ $? -eq 0 ] && grep -Eq "^wrote .*w.pcap \([1-9][0-9]* packets\)$" "$out/err" && [ -s "$out/w.pcap" ]
check "pcap: wrote FILE (N packets)" $?
"$T" pcap "$D/cli_fixed.tcps" -o "$out/c.pcap" --at client 2>/dev/null
check "pcap --at HOST" $?
"$T" pcap "$D/cli_fixed.tcps" 2>/dev/null
[ $? -eq 2 ]
check "pcap without -o exits 2" $?
"$T" svg "$D/cli_fixed.tcps" -o - --from 100ms --to 300ms >"$out/s.svg" 2>/dev/null
[ $? -eq 0 ] && grep -q "<svg" "$out/s.svg"
check "svg -o - with --from/--to" $?
"$T" svg "$D/cli_fixed.tcps" -o "$out/missing/dir/s.svg" 2>"$out/err"
[ $? -eq 2 ] && grep -q "cannot write" "$out/err"
check "svg into a missing directory: message, exit 2" $?

# --- write errors on standard output
if [ -w /dev/full ]; then
	"$T" trace "$D/cli_fixed.tcps" >/dev/full 2>"$out/err"
	[ $? -eq 2 ] && grep -q "cannot write" "$out/err"
	check "trace into a full disk exits 2" $?
fi

# --- coverage
"$T" coverage "$D/cli_fixed.tcps" >"$out/cov"
[ $? -eq 1 ]
check "coverage: one file leaves arrows uncovered, exits 1" $?
tail -n 1 "$out/cov" | grep -Eq '^[0-9]+ of [0-9]+ transitions covered$'
check "coverage: last line 'N of M transitions covered'" $?
grep -q "CLOSED -> SYN_SENT.*cli_fixed.tcps" "$out/cov" &&
	grep -q "CLOSING -> TIME_WAIT.*(not covered)" "$out/cov"
check "coverage: arrows with their files" $?
grep -q "other transitions" "$out/cov"
check "coverage: transitions outside the diagram apart" $?

# --- sar --every: the bounds its refusal names are times it takes
"$T" sar "$D/cli_fixed.tcps" --every 500ms >/dev/null 2>"$out/every"
[ $? -eq 2 ]
check "sar: --every 500ms is refused" $?
lo=$(sed -n 's/.*whole seconds from \([^ ]*\) to \([^ ]*\) .*/\1/p' "$out/every")
hi=$(sed -n 's/.*whole seconds from \([^ ]*\) to \([^ ]*\) .*/\2/p' "$out/every")
[ -n "$lo" ] && [ -n "$hi" ] && "$T" sar "$D/cli_fixed.tcps" --every "$lo" >/dev/null &&
	"$T" sar "$D/cli_fixed.tcps" --every "$hi" >/dev/null
check "sar: --every takes the bounds its message names ($lo, $hi)" $?

# --- sar --every: a bare number's suggestion is one --every takes, or none
for v in 0 0.5 2.5 90000 3; do
	"$T" sar "$D/cli_fixed.tcps" --every "$v" >/dev/null 2>"$out/every-$v"
	[ $? -eq 2 ] || echo "--every $v was not refused"
done >"$out/every-bare"
[ ! -s "$out/every-bare" ]
check "sar: bare numbers are refused" $?
bad=""
for v in 0 0.5 2.5 90000 3; do
	s=$(sed -n "s/.*time needs a unit: \\(.*\\)?\$/\\1/p" "$out/every-$v")
	if [ -n "$s" ]; then
		"$T" sar "$D/cli_fixed.tcps" --every "$s" >/dev/null 2>&1 || bad="$bad $v->$s"
	else
		grep -q "whole seconds from" "$out/every-$v" || bad="$bad $v:no-hint"
	fi
done
grep -q "3s?" "$out/every-3" || bad="$bad 3:no-3s"
[ -z "$bad" ]
check "sar: --every suggests only values it takes (bad:$bad)" $?

exit $fail
