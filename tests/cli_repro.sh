#!/usr/bin/env bash
# Every reproducer of issue 13 (tests/fuzz/repro/, README.md there) as a
# regression test, with what must happen: runs that would loop or explode
# stop with a located error and exit 2, extreme parameters give no
# sanitizer report (this runs in the ASan+UBSan build too), sends of any
# size are delivered or refused with a located error, outputs honour
# streams, --until cuts the run, and files with fewer than two hosts or
# times past the limit are refused.  Every command that could hang is
# under `timeout`.
# usage: cli_repro.sh TCPSIM SOURCE_DIR
set -u
T=$1
R=$2/tests/fuzz/repro
. "$(dirname "$0")/tools/cli_lib.sh"

# no sanitizer report and no crash; runs that stop say where
clean() { ! grep -q "runtime error\|AddressSanitizer\|LeakSanitizer" "$out/err"; }

timeout 60 "$T" test "$R/loop-connect-refused.tcps" >"$out/o" 2>"$out/err"
[ $? -eq 2 ] && clean && grep -q "^$R/loop-connect-refused.tcps:8:1: error: 'on client CLOSED' fired 10000 times at 0.000000s without time advancing; did you mean '+1s'?" "$out/err"
check "on CLOSED connect at once, for ever: located error, exit 2" $?

timeout 60 "$T" test "$R/loop-listen-close.tcps" >"$out/o" 2>"$out/err"
[ $? -eq 2 ] && clean && grep -q "loop-listen-close.tcps:7:1: error: 'on server LISTEN' fired 10000 times at 0.000000s without time advancing, together with 'on server CLOSED' (line 8)" "$out/err"
check "close on LISTEN, listen on CLOSED: the error names both lines" $?

timeout 60 "$T" test "$R/fanout-reconnect.tcps" >"$out/o" 2>"$out/err"
[ $? -eq 2 ] && clean && grep -q "fanout-reconnect.tcps:[78]:1: error: 'on client CLOSED' fired" "$out/err"
check "connections doubling every second: located error" $?

timeout 300 "$T" test "$R/flood-huge-backlog.tcps" >"$out/o" 2>"$out/err"
[ $? -eq 2 ] && clean && grep -q "flood-huge-backlog.tcps:7:1: error: the run stopped at .*: it would hold more than 1024 MiB, its limit .*the flood on line 7 sent [0-9]* SYNs" "$out/err"
check "ten 1,000,000-SYN floods into a huge queue: the memory budget, located" $?

timeout 120 "$T" test "$R/ubsan-data-give-up.tcps" >"$out/o" 2>"$out/err"
rc=$?
[ $rc -le 1 ] && clean
check "data give-up with rto_max 10^9 s, 40 retries: no overflow" $?

timeout 120 "$T" test "$R/ubsan-syn-give-up.tcps" >"$out/o" 2>"$out/err"
rc=$?
[ $rc -le 1 ] && clean
check "SYN give-up with rto_initial 10^8 s, 30 retries: no overflow" $?

timeout 60 "$T" test "$R/fin-forgotten.tcps" >"$out/o" 2>"$out/err"
[ $? -eq 0 ] && grep -q "^3 passed, 0 failed" "$out/o"
check "a timeout with the FIN outstanding: FIN_WAIT_1 -> TIME_WAIT, no second FIN" $?
"$T" trace "$R/fin-forgotten.tcps" >"$out/t" 2>/dev/null
[ "$(grep -c 'IP 10.0.0.1.* Flags \[F' "$out/t")" -ge 1 ] && ! grep -q "10.0.0.2.* Flags \[R" "$out/t" && grep -q "FIN_WAIT_1 -> TIME_WAIT" "$out/t"
check "fin-forgotten: no RST from the server, TIME_WAIT reached" $?

timeout 300 "$T" test "$R/send-over-4gib.tcps" >"$out/o" 2>"$out/err"
rc=$?
{ [ $rc -eq 0 ] && grep -q "^1 passed" "$out/o"; } || { [ $rc -eq 2 ] && grep -q "send-over-4gib.tcps:[0-9]*:1: error: the run stopped .*the send on line [0-9]* queued" "$out/err"; }
check "more than 4 GiB queued: delivered, or refused with a located error" $?

for prof in linux rfc9293; do
	sed "s/^host client/profile $prof\nhost client/" "$R/wscale-window-zero.tcps" >"$out/wz.tcps"
	timeout 60 "$T" test "$out/wz.tcps" >"$out/o" 2>"$out/err"
	[ $? -eq 0 ] && clean && grep -q "^1 passed, 0 failed" "$out/o"
	check "wscale 14 on a 1000-byte buffer ($prof): all sent, the client reaches TIME_WAIT" $?
done

"$T" trace "$R/until.tcps" --until 1us >"$out/u" 2>&1
! grep -qv '^0\.00000[01] ' "$out/u" && ! grep -q 'expect\|note' "$out/u"
check "--until 1us: nothing after it printed or judged" $?
"$T" trace "$R/until.tcps" --until 0s >"$out/u" 2>&1
[ -s "$out/u" ] && ! grep -qv '^0\.000000 ' "$out/u"
check "--until 0s means time 0" $?

"$T" pcap "$R/until.tcps" -o - 2>"$out/err" | wc -c >"$out/n"
[ "$(cat "$out/n")" -gt 24 ] && grep -q "^wrote standard output (6 packets)" "$out/err"
check "pcap -o -: the capture on stdout, the count right" $?
"$T" pcap "$R/until.tcps" -o /dev/stdout 2>"$out/err" | wc -c >"$out/n"
[ "$(cat "$out/n")" -gt 24 ] && grep -q "(6 packets)" "$out/err"
check "pcap -o /dev/stdout into a pipe: the bytes arrive" $?
mkfifo "$out/fifo"
(timeout 20 cat "$out/fifo" >"$out/fifo.out") &
timeout 20 "$T" pcap "$R/until.tcps" -o "$out/fifo" 2>"$out/err"
rc=$?
wait
[ $rc -eq 0 ] && [ "$(wc -c <"$out/fifo.out")" -gt 24 ]
check "pcap -o FIFO: written once, never reopened, no hang" $?

timeout 300 "$T" test "$R/port-in-use-quadratic.tcps" >"$out/o" 2>"$out/err"
[ $? -eq 0 ] && clean
check "40,000 connects from one port finish (bind checks live sockets only)" $?

"$T" check "$R/parse-no-host.tcps" 2>"$out/err"
[ $? -eq 2 ] && grep -q "parse-no-host.tcps:5:1: error: a scenario needs two hosts; declare them with: host NAME ADDRESS" "$out/err"
check "no host at all: refused" $?
"$T" check "$R/parse-one-host.tcps" 2>"$out/err"
[ $? -eq 2 ] && grep -q "parse-one-host.tcps:5:1: error: a scenario needs two hosts; only 'a' is declared" "$out/err"
check "one host and header lines: refused" $?
"$T" check "$R/parse-plus-time-past-limit.tcps" 2>"$out/err"
[ $? -eq 2 ] && grep -q "error: time is too large: the times add up past about 31 years" "$out/err"
check "'+' times past about 31 years: refused" $?

exit $fail
