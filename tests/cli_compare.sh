#!/usr/bin/env bash
# tcpsim compare: identical runs agree (exit 0); a copy with one drop line
# diverges at exactly the dropped segment (exit 1), narrated; another seed
# (new ISNs and port) and another profile (other timers) change nothing that
# counts; the text matches a golden file read by eye; bad command lines exit 2.
# usage: cli_compare.sh TCPSIM SOURCE_DIR
set -u
T=$1
D=$2/tests/data
. "$(dirname "$0")/tools/cli_lib.sh"
TO="timeout 20"
cp "$D/cmp_base.tcps" "$out/base.tcps"
cd "$out" || exit 1

# --- the same file twice: no divergence
$TO "$T" compare base.tcps base.tcps --text >same.txt 2>same.err
[ $? -eq 0 ] && grep -q "^The runs agree: 8 segments, the same in both.$" same.txt
check "the same run twice: exit 0, 'The runs agree'" $?
! grep -q '^>>\|^ \*' same.txt && [ ! -s same.err ]
check "the same run twice: no row marked" $?

# --- one drop line: the divergence is that segment, and only it is lost
cp base.tcps synack.tcps
echo 'drop server->client 1st SYN+ACK' >>synack.tcps
$TO "$T" compare base.tcps synack.tcps --text >synack.txt
[ $? -eq 1 ]
check "a dropped SYN,ACK: exit 1" $?
grep -q '^>>   2  *0\.110000 <- SYN,ACK seq=0 ack=1  *0\.110000 <- SYN,ACK seq=0 ack=1 lost$' synack.txt
check "a dropped SYN,ACK: row 2 is marked, lost in run B alone" $?
[ "$(grep -c '^>>' synack.txt)" -eq 1 ] && ! grep -q '^ \*   1 \|^>>   1 ' synack.txt
check "a dropped SYN,ACK: one first divergence, row 1 the same" $?
grep -q "^First divergence (row 2): Run B: the server's SYN,ACK sent at 0.110000s is lost; run A: it arrives.$" synack.txt
check "a dropped SYN,ACK: narrated" $?
diff -u "$D/compare_synack.txt" synack.txt
check "a dropped SYN,ACK: the text as tests/data/compare_synack.txt" $?

# the same the other way round: run A is the one that loses it
$TO "$T" compare synack.tcps base.tcps --text >rev.txt
[ $? -eq 1 ] && grep -q "^First divergence (row 2): Run A: the server's SYN,ACK" rev.txt
check "the runs swapped: run A loses it" $?

# a later segment: the data (row 4), the handshake before it the same
cp base.tcps data.tcps
echo 'drop client->server 1st data' >>data.tcps
$TO "$T" compare base.tcps data.tcps --text >data.txt
[ $? -eq 1 ] && grep -q '^>>   4  *0\.200000 -> PSH,ACK seq=1:301 ack=1 ' data.txt &&
	tr '\n' ' ' <data.txt | sed 's/   */ /g' |
	grep -q "Run B: the client's 300 bytes of data sent at 0.200000s are lost; run A: they arrive."
check "a dropped data segment: the divergence is row 4, narrated" $?

# --- what does not count
$TO "$T" compare base.tcps --seed-b 2 --text >seed.txt
[ $? -eq 0 ] && grep -q "seed 2$" seed.txt
check "another seed (other ISNs, another port): exit 0" $?
$TO "$T" compare base.tcps --seed-b 2 --text -S >seedS.txt
[ "$(sed -n 's/^     1  *0\.100000 -> SYN seq=\([0-9]*\)  *0\.100000 -> SYN seq=\([0-9]*\)$/\1 \2/p' seedS.txt |
	awk '$1 != $2' | wc -l)" -eq 1 ]
check "-S shows that the ISNs the comparison ignores do differ" $?
# rfc9293 delays the ACK of the data 200 ms (linux sends it at once): the
# same segments, the ACK later
sed '/close/d' base.tcps >open.tcps
$TO "$T" compare open.tcps --profile-b rfc9293 --text >prof.txt
[ $? -eq 0 ] && grep -q "^run B: open.tcps, rfc9293, seed 1$" prof.txt &&
	grep -q '^     5  *0\.210000 <- ACK ack=301  *0\.410000 <- ACK ack=301$' prof.txt
check "--profile-b rfc9293: the same segments, an ACK 200 ms later: exit 0" $?
# with the close, that late ACK comes after the client's FIN: a divergence
$TO "$T" compare base.tcps --profile-b rfc9293 --text >prof2.txt
[ $? -eq 1 ] && grep -q '^>>   5  *-  *0\.400000 -> FIN,ACK seq=301 ack=1$' prof2.txt
check "--profile-b rfc9293 with the close: the FIN comes before the ACK, exit 1" $?
$TO "$T" compare base.tcps base.tcps --profile rfc9293 --text >both.txt
[ $? -eq 0 ] && [ "$(grep -c ', rfc9293, seed 1$' both.txt)" -eq 2 ]
check "--profile: both runs under it" $?

# --- bad command lines: exit 2 with a message
$TO "$T" compare base.tcps base.tcps base.tcps --text >/dev/null 2>err3
[ $? -eq 2 ] && grep -q "compares two runs; extra: 'base.tcps'" err3
check "three files: exit 2" $?
$TO "$T" compare base.tcps --profile-b bsd --text >/dev/null 2>errp
[ $? -eq 2 ] && grep -q "is linux or rfc9293, not 'bsd'" errp
check "an unknown profile: exit 2" $?
$TO "$T" compare base.tcps --seed-b x --text >/dev/null 2>errs
[ $? -eq 2 ]
check "a bad --seed-b: exit 2" $?
echo 'bogus line' >broken.tcps
$TO "$T" compare base.tcps broken.tcps --text >/dev/null 2>errb
[ $? -eq 2 ] && grep -q "^broken.tcps:1:1: error:" errb
check "a broken file B: exit 2 with its error" $?
$TO "$T" compare --text >/dev/null 2>err0
[ $? -eq 2 ]
check "no file: exit 2" $?
# one file and neither --seed-b nor --profile-b: the run with itself says
# nothing; the error shows both right forms
$TO "$T" compare base.tcps --text >one.out 2>one.err
[ $? -eq 2 ] && [ ! -s one.out ] &&
	grep -q "^tcpsim compare: needs two runs: a second scenario, as in 'tcpsim compare base.tcps B.tcps \[--text\]', or the same file as run B under another seed or profile (--seed-b N, --profile-b P)$" one.err &&
	grep -q "^(see 'tcpsim compare --help')$" one.err
check "compare A --text (no B): exit 2, both forms said" $?
$TO "$T" compare base.tcps >/dev/null 2>onew.err
[ $? -eq 2 ] && grep -q "needs two runs" onew.err
check "compare A (the window, no B): exit 2, the same error" $?
$TO "$T" compare --help | grep -q "^Exit 0 the runs agree, 1 they diverge"
check "compare --help says what the exit status means" $?
# --- the double ladder
$TO "$T" svg base.tcps --compare synack.tcps -o dl.svg 2>dl.err
[ $? -eq 0 ] && [ "$(cat dl.err)" = "wrote dl.svg (8 and 10 packets, the first divergence marked)" ]
check "svg --compare: written, said on stderr" $?
[ "$(grep -c 'class="divergence"' dl.svg)" -eq 2 ] &&
	grep -q "Run B: the server&apos;s SYN,ACK sent at 0.110000s is lost" dl.svg
check "svg --compare: the divergence on both ladders and said" $?
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout dl.svg
	check "svg --compare: well-formed XML (xmllint)" $?
fi
$TO "$T" svg base.tcps --seed-b 2 -o - 2>/dev/null | grep -q "The runs agree: 8 segments"
check "svg --seed-b 2 -o -: the runs agree, no band" $?
$TO "$T" svg base.tcps --compare synack.tcps --plot tsg -o x.svg 2>errpl
[ $? -eq 2 ] && [ ! -e x.svg ] && grep -q "no --plot, --at, --from or --to" errpl
check "svg --compare --plot: exit 2, no file" $?

# --compare without its file (-o taken for it before): says what is missing
$TO "$T" svg base.tcps --compare -o nob.svg >/dev/null 2>nob.err
[ $? -eq 2 ] && [ ! -e nob.svg ] && [ ! -e ./-o ] &&
	grep -q "^tcpsim svg: option '--compare' needs run B's scenario file: tcpsim svg A.tcps --compare B.tcps -o FILE.svg (run B as A under another seed or profile: --seed-b N or --profile-b P instead of --compare)$" nob.err
check "svg A --compare -o x.svg (no B): exit 2, the right form said, no file" $?
$TO "$T" svg base.tcps -o nob2.svg --compare >/dev/null 2>nob2.err
[ $? -eq 2 ] && [ ! -e nob2.svg ] && grep -q "needs run B's scenario file" nob2.err
check "svg A -o x.svg --compare (last, no B): exit 2, the same" $?
$TO "$T" svg base.tcps --seed-b 2 -o - 2>/dev/null | grep -q "<svg"
check "svg -o - (standard output) still a value" $?
# --profile alone is run A's profile: one ladder, not a comparison with itself
$TO "$T" svg base.tcps --profile rfc9293 -o one.svg >one.out 2>&1
[ $? -eq 0 ] && ! grep -q "run B" one.svg && grep -Eq '^wrote one.svg \([0-9]+ packets\)$' one.out
check "svg A --profile P: one ladder of the run under P" $?

# --- a shot of the window's compare mode (skipped without the window)
if SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software $TO "$T" shot base.tcps --at 0.3s \
	--compare synack.tcps -o shot.png --layout shot.json 2>shot.err; then
	[ -s shot.png ] && grep -q '"name":"ladder_b"' shot.json &&
		grep -q "Run B: the server's SYN,ACK sent at 0.110000s is lost" shot.json
	check "shot --compare: both ladders and the divergence in the layout" $?
	SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software $TO "$T" shot base.tcps --at 0.3s \
		--profile-b rfc9293 --layout prof.json 2>/dev/null &&
		grep -q '"run A: base.tcps"' prof.json && grep -q '"linux, seed 1"' prof.json &&
		grep -q '"run B: base.tcps"' prof.json && grep -q '"rfc9293, seed 1"' prof.json
	check "shot --profile-b: run B is the same file under rfc9293, both titles name it" $?
	SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software $TO "$T" shot base.tcps --at 0.3s \
		--profile rfc9293 --layout one.json 2>/dev/null &&
		! grep -q '"name":"ladder_b"' one.json
	check "shot --profile P: the usual window, not compare mode" $?
elif grep -q "needs the window" shot.err; then
	echo "skip: no window in this build"
else
	check "shot --compare: $(cat shot.err)" 1
fi
exit $fail
