#!/usr/bin/env bash
# Lesson notes that follow the run: edit a lesson the way its "Change it"
# (or issue 11) suggests and the notes tied to events must follow: a note
# whose event no longer happens is not shown, and `tcpsim test` warns about
# it (FILE:LINE:COL: warning: ...); the shipped lessons give no warning.
# usage: cli_notes.sh TCPSIM SOURCE_DIR
set -u
T=$1
L=$2/scenarios
. "$(dirname "$0")/tools/cli_lib.sh"

# the shipped lessons: every note shows, so no warning
"$T" test "$L"/*.tcps >"$out/all.out" 2>&1
! grep -q 'warning:' "$out/all.out"
check "no shipped lesson warns" $?

# lesson 3 without its drop: nothing announces a lost ACK
sed '/^drop /d' "$L/03-fin-and-ack-together.tcps" >"$out/03.tcps"
"$T" trace "$out/03.tcps" >"$out/03.trace" 2>"$out/03.err"
! grep -q '^[0-9.]* note .*lost' "$out/03.trace"
check "lesson 3 without the drop announces no lost ACK" $?
"$T" test "$out/03.tcps" >"$out/03.test" 2>&1
grep -q "03.tcps:[0-9]*:1: warning: this note never showed: the link lost no ACK the server sent" "$out/03.test"
check "... and test warns about the loss note" $?

# lesson 12 with the server closing first: no EADDRNOTAVAIL announced
sed -e 's/^at +50ms   client close/at +50ms   server close/' \
	-e 's/^on server CLOSE_WAIT server close/on client CLOSE_WAIT client close/' \
	"$L/12-eaddrnotavail.tcps" >"$out/12.tcps"
"$T" trace "$out/12.tcps" >"$out/12.trace" 2>/dev/null
! grep -q '^[0-9.]* note .*EADDRNOTAVAIL' "$out/12.trace"
check "lesson 12 with the server closing first announces no EADDRNOTAVAIL" $?

# lesson 2 with msl=1s: the TIME_WAIT note states no 60 s of this run
sed 's/^host client 10.0.0.1  isn=1000$/host client 10.0.0.1  isn=1000 msl=1s/' \
	"$L/02-connection-life.tcps" >"$out/02.tcps"
grep -q 'msl=1s' "$out/02.tcps"
check "lesson 2 edit applied" $?
"$T" trace "$out/02.tcps" >"$out/02.trace" 2>/dev/null
grep -q '^8.020000 client 10.0.0.1:40000 TIME_WAIT -> CLOSED' "$out/02.trace"
check "lesson 2 with msl=1s: TIME_WAIT ends at 8.020 s" $?
! grep -q '^[0-9.]* note .*stays in TIME_WAIT for 2MSL (60 s' "$out/02.trace"
check "... and no note says this run waits 60 s" $?

# lesson 10b with its normal TIME_WAIT: no second connection, so the notes
# about it (note on client.2 ..., note on server.3 ...) neither show nor lie
sed 's/isn=1000 msl=1s/isn=1000/' "$L/10b-without-time-wait.tcps" >"$out/10b.tcps"
"$T" trace "$out/10b.tcps" >"$out/10b.trace" 2>/dev/null
! grep -q '^[0-9.]* note .*\(incarnation\|took it as data\|old copy\)' "$out/10b.trace"
check "lesson 10b with a full TIME_WAIT announces no new incarnation" $?
"$T" test "$out/10b.tcps" >"$out/10b.test" 2>&1
grep -q "10b.tcps:[0-9]*:1: warning: this note never showed: client.2 never entered ESTABLISHED" "$out/10b.test" &&
	grep -q "10b.tcps:[0-9]*:1: warning: this note never showed: server.3 never sent ACK" "$out/10b.test"
check "... and test names the connection each note waited for" $?

# lesson 13a with a big backlog: no SYN is dropped, none is announced
sed 's/backlog=16/backlog=512/' "$L/13a-syn-flood.tcps" >"$out/13a.tcps"
"$T" trace "$out/13a.tcps" >"$out/13a.trace" 2>/dev/null
! grep -q '^[0-9.]* note .*dropped' "$out/13a.trace" && ! grep -q 'SYN queue full' "$out/13a.trace"
check "lesson 13a with backlog=512 announces no dropped SYN" $?
"$T" test "$out/13a.tcps" >"$out/13a.test" 2>&1
grep -q "13a.tcps:[0-9]*:1: warning: this note never showed: the server dropped no SYN in this run" "$out/13a.test"
check "... and test warns about the drops note" $?
grep -q '^1.095000 note "The SYN queue is full' <("$T" trace "$L/13a-syn-flood.tcps")
check "lesson 13a: the queue-full note comes with the first dropped SYN" $?

# lesson 21 on the linux profile: no LISTEN -> SYN_SENT announced
sed '/^profile/d' "$L/21-rfc-corners.tcps" >"$out/21.tcps"
"$T" trace "$out/21.tcps" >"$out/21.trace" 2>/dev/null
! grep -q '^[0-9.]* note .*LISTEN -> SYN_SENT' "$out/21.trace"
check "lesson 21 on linux announces no LISTEN -> SYN_SENT" $?

exit $fail
