#!/usr/bin/env bash
# kernel/ts-phase-note: kernel_compare notes (without failing) a golden whose
# recorded TS clock ticked more than 100 us away from whole milliseconds of
# time 0 (its "# ts-clock ticks A..B us" header line), since tcpsim's ticks
# fall on whole milliseconds; a golden on phase, or without the line, has no
# note. Each variant is a copy of spurious-fast-retransmit-paced with that
# header line rewritten; the match itself must not change.
# usage: ts-phase-note.sh KERNEL_COMPARE SOURCE_DIR
set -u
C=$1
K=$2/tests/kernel
. "$2/tests/tools/cli_lib.sh"
base=spurious-fast-retransmit-paced

# variant NAME LINE: the case as $out/NAME.tcps, its golden's ts-clock ticks
# line replaced by LINE (deleted if LINE is empty)
variant() {
	cp "$K/$base.tcps" "$out/$1.tcps"
	if [ -n "$2" ]; then
		sed "s/^# ts-clock ticks .*/$2/" "$K/$base.golden" >"$out/$1.golden"
	else
		grep -v "^# ts-clock ticks " "$K/$base.golden" >"$out/$1.golden"
	fi
}

grep -q "^# ts-clock ticks " "$K/$base.golden"
check "$base.golden has a ts-clock ticks line" $?

variant off "# ts-clock ticks 300..340 us (test)"
variant late "# ts-clock ticks 101..180 us (test)"
variant early "# ts-clock ticks -180..-120 us (test)"
variant on "# ts-clock ticks 5..8 us (test)"
variant edge "# ts-clock ticks 95..180 us (test)"
variant none ""

for v in off late early; do
	"$C" -q "$out/$v.tcps" >"$out/$v.out"
	st=$?
	grep -q "^$v: NOTE: the kernel's TS clock ticked" "$out/$v.out"
	check "$v: the note appears" $?
	[ $st -eq 0 ] && grep -q "^$v: 44 of 44 segments match" "$out/$v.out"
	check "$v: a note, not a failure (exit $st)" $?
done
for v in on edge none; do
	"$C" -q "$out/$v.tcps" >"$out/$v.out"
	st=$?
	! grep -q "NOTE" "$out/$v.out"
	check "$v: no note" $?
	[ $st -eq 0 ]
	check "$v: matches (exit $st)" $?
done
[ "$fail" -ne 0 ] && cat "$out"/*.out
exit $fail
