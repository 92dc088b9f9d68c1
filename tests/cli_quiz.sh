#!/usr/bin/env bash
# tcpsim quiz and the ask directive from the command line: the teacher's
# sheet (--print), the warnings of asks (test and quiz), the located errors
# of check, --seed, and the usage errors.
# usage: cli_quiz.sh TCPSIM SOURCE_DIR
set -u
T=$1
D=$2/tests/data
S=$2/scenarios
. "$(dirname "$0")/tools/cli_lib.sh"

# --- the sheet: the questions in trace order, answers in brackets
"$T" quiz "$D/cli_quiz.tcps" --print >"$out/q" 2>"$out/qe"
[ $? -eq 0 ] && head -2 "$out/q" | grep -q "^Quiz: cli: quiz$" &&
	grep -q "^3\. at 0\.100000 (ask, line 11)$" "$out/q" &&
	grep -q "^   What does the server answer?$" "$out/q" &&
	grep -q "^   choices: \[SYN+ACK\] RST none$" "$out/q" &&
	grep -q "^   answer: SYN+ACK (next-segment: SYN+ACK)$" "$out/q" &&
	grep -q "^   why: The server answers SYN,ACK: it acknowledges the SYN (ack 1001)" "$out/q" &&
	grep -q "^   answer: none of the choices (first-rst: none in this run)$" "$out/q" &&
	grep -q "^   answer: client (written)$" "$out/q" &&
	grep -q "^   why: Its application calls close() at 1s\.$" "$out/q" &&
	grep -q "^   choices: CLOSED \[FIN_WAIT_1\] CLOSE_WAIT$" "$out/q" &&
	tail -1 "$out/q" | grep -q "^12 questions: 9 from the state diagram, 3 from ask lines$"
check "quiz --print: the teacher's sheet" $?
grep -q "^Never asked" "$out/q"
[ $? -ne 0 ]
check "quiz --print: an ask that never came is not on the sheet" $?
grep -q "cli_quiz.tcps:12:1: warning: this ask never came: no ECONNRESET reached the client in this run" "$out/qe" &&
	grep -q "cli_quiz.tcps:13:60: warning: nothing gives first-rst after this ask (at 0.500s) in this run, and no choice is none; add none to the choices" "$out/qe"
check "quiz --print: the asks' warnings on stderr" $?
"$T" test "$D/cli_quiz.tcps" >"$out/o" 2>"$out/err"
[ $? -eq 0 ] && grep -q "cli_quiz.tcps:12:1: warning: this ask never came" "$out/err" &&
	grep -q "cli_quiz.tcps:13:60: warning: nothing gives first-rst" "$out/err" &&
	grep -q "1 passed, 0 failed" "$out/o"
check "test: an ask that never came and an answer none of the choices warn" $?
# an ask past the run's end never comes: no question, no clock moved to it
{ cat "$D/cli_quiz.tcps"; echo 'ask 500s "Too late?" choices a b answer a'; } >"$out/late.tcps"
"$T" test "$out/late.tcps" >"$out/o" 2>"$out/err"
L=$(wc -l <"$out/late.tcps")
[ $? -eq 0 ] && grep -q "late.tcps:$L:1: warning: this ask never came: the run ended at [0-9.]*s$" "$out/err" &&
	! "$T" trace "$out/late.tcps" | grep -q '^500\.' &&
	! "$T" quiz "$out/late.tcps" --print 2>/dev/null | grep -q "Too late"
check "test: an ask past the run's end never came, and moves no clock" $?
"$T" trace "$D/cli_quiz.tcps" | grep -q '^0\.100000 ask "What does the server answer?"$'
check "trace: an ask point prints its question, not its answer" $?
"$T" check "$D/cli_quiz.tcps" 2>"$out/err"
[ $? -eq 0 ] && ! grep -q warning "$out/err"
check "check: an ask's warnings need a run" $?

# --- --seed: another run of the same file (other ISNs and losses), the same
# questions, answered from each run
{ cat "$D/cli_lossy.tcps"; echo 'ask 150ms "Who sends a segment again first?" choices client server none answer first-retransmit'; echo 'ask 150ms "Whose segment is lost first?" choices client server none answer first-loss'; } >"$out/lossy.tcps"
"$T" quiz "$out/lossy.tcps" --print --seed 11 >"$out/s1" 2>"$out/e1" &&
	"$T" quiz "$out/lossy.tcps" --print --seed 12 >"$out/s2" 2>"$out/e2" &&
	! cmp -s "$out/s1" "$out/s2" && [ ! -s "$out/e1" ] && [ ! -s "$out/e2" ] &&
	[ "$(grep -c '(ask, line' "$out/s1")" -eq 2 ] &&
	[ "$(grep -A1 '(ask, line' "$out/s1" | sed 's/^[0-9]*\. at [0-9.]* //')" = \
		"$(grep -A1 '(ask, line' "$out/s2" | sed 's/^[0-9]*\. at [0-9.]* //')" ]
check "quiz --seed: two runs differ, with the same ask questions answered" $?
"$T" trace "$out/lossy.tcps" -S --seed 11 | grep -m1 'Flags \[S\]' >"$out/i1"
"$T" trace "$out/lossy.tcps" -S --seed 12 | grep -m1 'Flags \[S\]' >"$out/i2"
[ -s "$out/i1" ] && ! cmp -s "$out/i1" "$out/i2"
check "quiz --seed: ... and the ISNs differ" $?

# --- mistakes
printf 'host client 10.0.0.1\nhost server 10.0.0.2\nask 1s "Who?" choices client server answer cleint\n' >"$out/bad.tcps"
"$T" check "$out/bad.tcps" 2>"$out/err"
[ $? -eq 2 ] && grep -q "bad.tcps:3:44: error: the answer 'cleint' is not one of the choices (client, server); did you mean 'client'?" "$out/err"
check "check: a written answer not among the choices is a located error" $?
"$T" quiz "$out/bad.tcps" --print >"$out/o" 2>"$out/err"
[ $? -eq 2 ] && [ ! -s "$out/o" ] && grep -q "bad.tcps:3:44: error:" "$out/err"
check "quiz: a broken file prints no sheet" $?
"$T" quiz 2>"$out/err"
[ $? -eq 2 ] && grep -q "tcpsim quiz: needs a scenario file" "$out/err"
check "quiz: needs a file" $?
"$T" quiz "$D/cli_quiz.tcps" --print --until 1s 2>"$out/err"
[ $? -eq 2 ]
check "quiz: --until is not one of its options" $?
"$T" quiz --help | grep -q "^usage: tcpsim quiz SCENARIO"
check "quiz --help" $?
"$T" --help | grep -q "^  quiz SCENARIO \[--print\] \[--seed N\]"
check "--help lists quiz" $?

# lesson 6's "why" says why the server refuses: no socket takes port 8080
# (the trace's "no socket for this segment, RST sent"), not a generic reason
"$T" quiz "$S/06-connection-refused.tcps" --print >"$out/q6" 2>&1
[ $? -eq 0 ] && grep -A3 "^   Nobody listens on port 8080\. What does the server send back?$" "$out/q6" |
	grep -q "^   why: The server sends RST: nobody listens on its port 8080 and no connection there matches the segment\. When it arrives" &&
	! grep -q "does not exist here, or is aborted" "$out/q6"
check "quiz --print: lesson 6's RST is explained by the missing socket" $?

# lesson 9: the TIME_WAIT lasted 61.684 s (a repeated FIN restarted its
# 61.44 s timer), so the why of entering it says what the timer was set to,
# not how long the state lasted
"$T" quiz "$S/09-time-wait-lost-last-ack.tcps" --print >"$out/q9" 2>&1
[ $? -eq 0 ] && grep -q "^   answer: 60s (state-lasts: 61\.684s)$" "$out/q9" &&
	grep -q "^   why: The client got the server's FIN and sends the last ACK; it enters TIME_WAIT, its timer set to 61\.4s (a repeated FIN restarts it)," "$out/q9" &&
	! grep -q "enters TIME_WAIT for" "$out/q9"
check "quiz --print: lesson 9's TIME_WAIT why is true of a restarted timer" $?

exit $fail
