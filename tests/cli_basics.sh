#!/usr/bin/env bash
# The command line as a user meets it: help, version, exit statuses,
# diagnostics, the test summary, netstat, determinism.
# usage: cli_basics.sh TCPSIM SOURCE_DIR
set -u
T=$1
D=$2/tests/data
. "$(dirname "$0")/tools/cli_lib.sh"

"$T" --help >"$out/help" 2>&1
check "--help exits 0" $?
for c in trace check test netstat pcap svg shot coverage bench; do
	grep -q "$c" "$out/help"
	check "--help mentions $c" $?
	"$T" "$c" --help >/dev/null 2>&1
	check "$c --help exits 0" $?
done
for c in lsof sar; do
	grep -q "^  $c " "$out/help"
	check "--help lists $c" $?
done
grep -q -- "--plot tsg|cwnd" "$out/help"
check "--help lists svg --plot" $?
# every key of README's "Keys:" paragraph is in --help's "window keys:",
# spelt in ASCII there (Right for →, - for − and for the dash of 1–8)
sed -n '/^window keys:/,/^$/p' "$out/help" >"$out/help.keys"
sed -n '/^Keys:/,/^$/p' "$2/README.md" | grep -o '`[^`]*`' | tr -d '`' |
	sed 's/→/Right/; s/←/Left/; s/↓/Down/; s/↑/Up/; s/−/-/; s/–/-/' >"$out/readme.keys"
[ -s "$out/readme.keys" ] && [ -s "$out/help.keys" ]
check "README and --help both list window keys" $?
while read -r k; do
	case "$k" in
	Shift+*) grep -q "Shift+" "$out/help.keys" && grep -qw -- "${k#Shift+}" "$out/help.keys" ;;
	*) grep -qwF -- "$k" "$out/help.keys" ;;
	esac
	check "--help's window keys list README's key '$k'" $?
done <"$out/readme.keys"
# the window's options in --help's usage are those of README's synopsis
sed -n '1,2p' "$out/help" | grep -o -- '--[a-z]*' | sort >"$out/help.opts"
grep '^tcpsim \[SCENARIO\]' "$2/README.md" | grep -o -- '--[a-z]*' | sort >"$out/readme.opts"
[ -s "$out/help.opts" ] && cmp -s "$out/help.opts" "$out/readme.opts"
check "README's synopsis has the window's options of --help" $?

# the window names a missing or broken file before it looks for a display
env -u SDL_VIDEODRIVER DISPLAY= WAYLAND_DISPLAY= "$T" "$D/no-such-file.tcps" 2>"$out/w.missing"
[ $? -eq 2 ] && grep -q "no-such-file.tcps: error: cannot open" "$out/w.missing"
check "window: a missing file says so, display or none" $?
env -u SDL_VIDEODRIVER DISPLAY= WAYLAND_DISPLAY= "$T" "$D/cli_broken.tcps" 2>"$out/w.broken"
[ $? -eq 2 ] && grep -q "cli_broken.tcps:4:4: error: time needs a unit" "$out/w.broken" &&
	! grep -q "no display" "$out/w.broken"
check "window: a broken file prints its errors, display or none" $?

"$T" --version | grep -Eq '^tcpsim [0-9]+\.[0-9]+'
check "--version" $?

"$T" test "$D/cli_pass.tcps" >"$out/pass"
check "test: passing file exits 0" $?
[ "$(tail -n 1 "$out/pass")" = "2 passed, 0 failed" ]
check "test: summary line for a passing file" $?

"$T" test "$D/cli_fail.tcps" >"$out/fail"
[ $? -eq 1 ]
check "test: failing file exits 1" $?
grep -q "cli_fail.tcps:8: expected TIME_WAIT, was ESTABLISHED at 1.000s" "$out/fail"
check "test: failed expectation names file:line and what was seen" $?
tail -n 1 "$out/fail" | grep -Eq '^[0-9]+ passed, [0-9]+ failed$'
check "test: last line is the summary" $?

"$T" test "$D/cli_broken.tcps" >"$out/broken.out" 2>"$out/broken.err"
[ $? -eq 2 ]
check "test: broken file exits 2" $?
"$T" check "$D/cli_broken.tcps" 2>"$out/check"
[ $? -eq 2 ]
check "check: broken file exits 2" $?
grep -q "cli_broken.tcps:4:4: error: time needs a unit" "$out/check"
check "check: file:line:col for a bare number" $?
grep -q "did you mean 'connect'" "$out/check"
check "check: did-you-mean hint" $?
"$T" check "$D/cli_pass.tcps" 2>/dev/null
check "check: clean file exits 0" $?
"$T" check "$D/no-such-file.tcps" 2>"$out/missing"
[ $? -eq 2 ] && grep -q "no-such-file.tcps" "$out/missing"
check "check: missing file is a clear error" $?

"$T" trce x 2>"$out/unknown"
[ $? -eq 2 ] && grep -q "did you mean 'trace'" "$out/unknown"
check "unknown command suggests the right one" $?
"$T" trace "$D/cli_pass.tcps" --bogus 2>/dev/null
[ $? -eq 2 ]
check "unknown option exits 2" $?
"$T" netstat "$D/cli_pass.tcps" --at 5 2>"$out/unit"
[ $? -eq 2 ] && grep -q "unit" "$out/unit"
check "a time without a unit is refused" $?

"$T" netstat "$D/cli_pass.tcps" --at 1s >"$out/netstat"
grep -q "^Proto Recv-Q Send-Q Local Address           Foreign Address         State" "$out/netstat" &&
	grep -q "ESTABLISHED" "$out/netstat"
check "netstat prints the table" $?
"$T" netstat "$D/cli_pass.tcps" --at 1s --ss | grep -q "ESTAB"
check "netstat --ss prints ss names" $?

"$T" trace "$D/cli_lossy.tcps" >"$out/a"
"$T" trace "$D/cli_lossy.tcps" >"$out/b"
cmp -s "$out/a" "$out/b"
check "trace: same file, same seed, same bytes" $?
"$T" trace "$D/cli_lossy.tcps" --seed 2 >"$out/c"
! cmp -s "$out/a" "$out/c"
check "trace: another seed, another run" $?
grep -q "Flags \[S\]" "$out/a"
check "trace: tcpdump lines" $?

"$T" pcap "$D/cli_pass.tcps" -o "$out/no/such/dir/x.pcap" 2>/dev/null
[ $? -eq 2 ]
check "pcap into a missing directory exits 2" $?
"$T" svg "$D/cli_pass.tcps" -o "$out/l.svg" 2>/dev/null && grep -q "<svg" "$out/l.svg"
check "svg writes a file" $?

exit $fail
