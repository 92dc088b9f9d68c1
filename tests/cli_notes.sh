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

# lesson 10 without its delay: the data is not held up, so no resend, and
# nothing announces one
sed '/^delay /d' "$L/10-time-wait-old-duplicates.tcps" >"$out/10.tcps"
"$T" trace "$out/10.tcps" >"$out/10.trace" 2>"$out/10.err"
! grep -q '^[0-9.]* note .*sends the 1000 bytes again' "$out/10.trace"
check "lesson 10 without the delay announces no resend" $?
"$T" test "$out/10.tcps" >"$out/10.test" 2>&1
grep -q "10.tcps:[0-9]*:1: warning: this note never showed: client.1 never retransmitted" "$out/10.test"
check "... and test warns about the resend note" $?

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
grep -q '^8.036000 client 10.0.0.1:40000 TIME_WAIT -> CLOSED' "$out/02.trace"
check "lesson 2 with msl=1s: TIME_WAIT ends at 8.036 s (2 s on the timer wheel)" $?
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

# lesson 25 with TCP_NODELAY (its change it): the note on seq 251:301 comes
# when those bytes leave, at 2.000 s with the 100 before them, not at 2.064 s
sed 's/^at 100ms  client connect server:80$/at 100ms  client connect server:80 nodelay/' \
	"$L/25-nagle-delayed-ack.tcps" >"$out/25.tcps"
grep -q 'server:80 nodelay' "$out/25.tcps"
check "lesson 25 edit applied" $?
grep -q '^2.064000 note "The 50 bytes of request 2 leave now' <("$T" trace "$L/25-nagle-delayed-ack.tcps")
check "lesson 25: the body's note comes when the held 50 bytes leave (2.064 s)" $?
"$T" trace "$out/25.tcps" >"$out/25.trace" 2>/dev/null
grep -q '^2.000000 note "The 50 bytes of request 2 leave now' "$out/25.trace" &&
	grep -q '^2.000000 IP 10.0.0.1.[0-9]* > 10.0.0.2.80: .*seq 251:301' "$out/25.trace"
check "... and with nodelay at 2.000 s, when they leave" $?
! grep -q '^[0-9.]* note .*waited 60 ms' "$out/25.trace"
check "... and no note says they waited 60 ms" $?

# lesson 19 with its outage (its change it): the last notes follow the data
# and the close, not the clock
sed 's/^link delay=20ms loss=8%$/link delay=20ms loss=8%\ndrop both from 2.2s to 4s/' \
	"$L/19-lossy-link.tcps" >"$out/19.tcps"
"$T" trace "$out/19.tcps" >"$out/19.trace" 2>/dev/null
grep -q '^[0-9.]* link lost .*(scripted drop' "$out/19.trace"
check "lesson 19 edit applied" $?
last=$(grep -m1 -n '^[0-9.]* note "The last of the 100 KiB' "$out/19.trace" | cut -d: -f1)
seg=$(grep -m1 -n '^[0-9.]* IP 10.0.0.2.80 > .*ack 102401,' "$out/19.trace" | cut -d: -f1)
[ -n "$last" ] && [ -n "$seg" ] && [ "$last" -lt "$seg" ]
check "... the last-data note comes before the ACK of the last byte" $?
grep -q '^20.000000 note "The client closes' "$out/19.trace" &&
	grep -q '^20.040000 note "The server.s FIN arrived' "$out/19.trace"
check "... and the close has its own notes, so the 15 s note does not linger" $?

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

# a timed note past the run's end does not make the run longer: it is not
# shown, and test warns with where the run ended; with an `end` past it, it is
cat >"$out/late.tcps" <<'EOF2'
host client 10.0.0.1
host server 10.0.0.2
at 0s server listen 80
at 1s client connect server:80
note 1s "The client connects."
note 30min "Far too late."
EOF2
"$T" trace "$out/late.tcps" >"$out/late.trace" 2>/dev/null
grep -q '^1.000000 note "The client connects."' "$out/late.trace" &&
	! grep -q 'Far too late' "$out/late.trace" &&
	[ "$(tail -n 1 "$out/late.trace" | cut -d' ' -f1)" = "1.030000" ]
check "a note past the run's end neither shows nor moves the clock" $?
"$T" test "$out/late.tcps" >"$out/late.test" 2>&1
grep -q "late.tcps:6:1: warning: this note at 1800.000s never showed: the run ended at 1.030s$" "$out/late.test" &&
	[ "$(grep -c 'warning: this note' "$out/late.test")" = 1 ]
check "... and test warns at its line, the note that came does not" $?
{ cat "$out/late.tcps"; echo 'end 31min'; } >"$out/late-end.tcps"
"$T" trace "$out/late-end.tcps" 2>/dev/null | grep -q '^1800.000000 note "Far too late."'
check "... with an end past it, it shows" $?
! "$T" test "$out/late-end.tcps" 2>&1 | grep -q 'warning: this note'
check "... and test does not warn" $?

exit $fail
