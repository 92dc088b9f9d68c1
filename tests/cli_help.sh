#!/usr/bin/env bash
# The help a new user reads agrees with itself and with README.md: for each
# command, the options of its synopsis in 'tcpsim --help' are those of its
# synopsis in README.md, and each is in the usage lines of 'tcpsim CMD
# --help'; no usage line sits in the middle of a description; no line is
# wider than 80 columns.  An error about an option's value names the option
# as typed (--seed-b, --profile-b, -i, --inet), not another one.
# usage: cli_help.sh TCPSIM SOURCE_DIR
set -u
T=$1
R=$2/README.md
. "$(dirname "$0")/tools/cli_lib.sh"
S=$2/scenarios/01-three-way-handshake.tcps
"$T" --help >"$out/help" || exit 1

opts() { grep -oE -- '(^|[ [|])--?[a-zA-Z][-a-z]*' | sed 's/^[ [|]*//' | sort -u; }
# tcpsim --help: the line "  CMD ..." and its "   [..." continuation lines
help_syn() {
	sed -n '/^commands:/,/^$/p' "$out/help" |
		awk -v c="$1" '/^  [a-z]/ { on = ($1 == c) } on && (/^  [a-z]/ || (match($0, /^ +\[/) && RLENGTH < 22))'
}
readme_syn() {
	sed -n '/^## Command line/,/^| command/p' "$R" |
		awk -v c="$1" '/^tcpsim / { on = ($2 == c) } on && (/^tcpsim / || /^ +\[/)'
}
cmd_usage() { "$T" "$1" --help | awk 'NR == 1 || (u && /^ /) { u = 1; print; next } { exit }'; }

for c in trace check test netstat lsof sar pcap svg compare shot quiz coverage bench; do
	help_syn "$c" | opts >"$out/h.$c"
	readme_syn "$c" | opts >"$out/r.$c"
	cmd_usage "$c" | opts >"$out/u.$c"
	[ -s "$out/h.$c" ] || [ "$c" = check ] || [ "$c" = coverage ]
	check "tcpsim --help has a synopsis of $c" $?
	diff "$out/h.$c" "$out/r.$c" >"$out/d.$c"
	rc=$?
	check "$c: the options in tcpsim --help are README's $(tr '\n' ' ' <"$out/d.$c")" $rc
	comm -23 "$out/h.$c" "$out/u.$c" >"$out/m.$c"
	[ ! -s "$out/m.$c" ]
	rc=$?
	check "$c --help's usage has every option of tcpsim --help $(tr '\n' ' ' <"$out/m.$c")" $rc
	# a usage line after the first line that does not start with 'usage:'
	# or a blank: a second usage in the middle of the description
	"$T" "$c" --help | awk 'NR > 1 && !/^ / { d = 1 } d && /^ +tcpsim / { bad = 1 } END { exit bad }'
	check "$c --help: every usage line before the description" $?
	"$T" "$c" --help | awk 'length > 80 { bad = 1; print } END { exit bad }'
	check "$c --help: no line wider than 80" $?
done
awk 'length > 80 { bad = 1; print } END { exit bad }' "$out/help"
check "tcpsim --help: no line wider than 80" $?
# a command's description follows its synopsis: --plot's under the --plot line
sed -n '/^  svg SCENARIO -o FILE --plot/{n;p}' "$out/help" | grep -q "time-sequence graph"
check "svg --plot's description is under the --plot line" $?

# --- an error about a value names the option the user typed
bad() { # EXPECTED_START ARGS...: exit 2, the first stderr line has it
	local want=$1
	shift
	"$T" "$@" >/dev/null 2>"$out/err"
	[ $? -eq 2 ] && head -1 "$out/err" | grep -qF -- "$want"
	check "'$*': says '$want'" $?
}
bad "tcpsim compare: --profile-b is linux or rfc9293, not 'nosuch'" compare "$S" --profile-b nosuch
bad "tcpsim compare: --seed-b takes a whole number, not 'x'" compare "$S" --seed-b x
bad "tcpsim compare: --seed-b takes a whole number, not 'x'" compare "$S" --seed-b x --text
bad "tcpsim compare: --profile is linux or rfc9293, not 'zz'" compare "$S" "$S" --profile zz --text
bad "tcpsim compare: --seed takes a whole number, not '-1'" compare "$S" "$S" --seed=-1 --text
bad "tcpsim compare: --profile is linux or rfc9293, not 'nosuch'" compare "$S" --profile nosuch
bad "tcpsim compare: --seed takes a whole number, not 'q'" compare "$S" --seed q
bad "tcpsim svg: --seed-b takes a whole number, not 'x'" svg "$S" -o "$out/x.svg" --seed-b x
bad "tcpsim svg: --profile-b is linux or rfc9293, not 'x'" svg "$S" -o "$out/x.svg" --profile-b x
bad "tcpsim shot: --seed-b takes a whole number, not 'x'" shot "$S" --at 1s -o "$out/x.png" --seed-b x
bad "tcpsim shot: --profile-b is linux or rfc9293, not 'x'" shot "$S" --at 1s -o "$out/x.png" --profile-b x
bad "tcpsim lsof: --inet takes :PORT" lsof "$S" --at 1s --inet 0
bad "tcpsim lsof: -i takes :PORT" lsof "$S" --at 1s -i 0
bad "tcpsim netstat: --processes is ss's process column" netstat "$S" --at 1s --processes
bad "tcpsim netstat: -p is ss's process column" netstat "$S" --at 1s -p
bad "tcpsim trace: --until 2: time needs a unit" trace "$S" --until 2
[ ! -e "$out/x.svg" ] && [ ! -e "$out/x.png" ]
check "no file written after a wrong option" $?
exit $fail
