#!/usr/bin/env bash
# A host's name is printed exactly as the scenario writes it: a host "a"
# whose connection is refused is "a" in test's warning, trace --narrate's
# sentences, quiz --print's questions and compare's divergence, never "A"
# (found by a new-user run: "A's connection ... got ECONNREFUSED").
# usage: cli_names.sh TCPSIM SOURCE_DIR
set -u
T=$1
. "$(dirname "$0")/tools/cli_lib.sh"
cd "$out" || exit 1
cat >a.tcps <<'SCN'
host a 10.0.0.1 isn=1000
host b 10.0.0.2
at 0s b listen 80
at 1s a connect b:8080
ask on a sends SYN "What does b send back?" choices SYN+ACK RST none answer next-segment b
ask on b sends RST "What does a's connect() get?" choices ECONNREFUSED ETIMEDOUT answer next-error a
expect 1.5s a CLOSED
SCN
"$T" test a.tcps >test.out 2>test.err
[ $? -eq 0 ] && grep -q "warning: a's connection made here got ECONNREFUSED" test.err
check "test: the warning names host a as 'a'" $?
! grep -q "\bA's\|\bB's" test.err
check "test: no capitalised host name" $?
"$T" trace a.tcps --narrate >trace.out 2>&1
[ $? -eq 0 ] && grep -q "^  # .*\ba's\b" trace.out && grep -q "^  # .*\bb\b" trace.out
check "trace --narrate: says a and b" $?
! grep "^  #" trace.out | grep -q "\bA's\|\bB's\|\bA \|\bB \|# [AB]\b"
check "trace --narrate: never A or B for a host" $?
"$T" quiz a.tcps --print >quiz.out 2>&1
[ $? -eq 0 ] && ! grep -q "\bA's\|\bB's\|\b[AB] \(sends\|answers\|goes\|gets\)" quiz.out
check "quiz --print: never A or B for a host" $?
sed 's/^at 1s a connect b:8080/at 1s a connect b:80/' a.tcps >a2.tcps
"$T" compare a.tcps a2.tcps --text >cmp.out 2>&1
grep -q "^First divergence" cmp.out && ! grep "^First divergence" cmp.out | grep -q "\bA's\|\bB's"
check "compare --text: the divergence names a and b as written" $?
exit $fail
