#!/bin/bash
# record.sh: plays tests/data/tools/states.tcps on the real Linux stack and
# records what lsof, ss -p and sar print, for the goldens in tests/data/tools/.
# Needs root, lsof, iproute2, sysstat and faketime; the tests never run it.
# Each host is a network + PID + mount + UTS namespace of its own (so its
# program gets a fixed PID, its host name, and user 'student' uid 1000 from a
# private /etc/passwd); the namespaces are removed at the end.
# Usage: record.sh OUTDIR
set -euo pipefail
out=${1:?usage: record.sh OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
work=$(mktemp -d)
trap 'ip netns del tsim-c 2>/dev/null || true; ip netns del tsim-s 2>/dev/null || true; ip netns del tsim-r 2>/dev/null || true; rm -rf "$work"' EXIT
gcc -O1 -Wall -o "$work/hostprog" "$here/hostprog.c"
grep -v '^[^:]*:[^:]*:1000:' /etc/passwd >"$work/passwd"
echo 'student:x:1000:1000:student:/tmp:/bin/sh' >>"$work/passwd"

ip netns add tsim-c
ip netns add tsim-s
ip netns add tsim-r
# client -- bridge in tsim-r -- server; the bridge port toward the server
# loses every segment to port 9600 (the scenario's drop lines), so both
# hosts' stacks count as if the link had lost them.
ip -n tsim-r link add br0 type bridge
ip link add tsim0 netns tsim-c type veth peer name rc netns tsim-r
ip link add tsim1 netns tsim-s type veth peer name rs netns tsim-r
ip -n tsim-c addr add 10.0.0.1/24 dev tsim0
ip -n tsim-s addr add 10.0.0.2/24 dev tsim1
for ns in tsim-c tsim-s tsim-r; do
	ip -n $ns link set lo up
done
for dev in rc rs; do
	ip -n tsim-r link set $dev master br0
	ip -n tsim-r link set $dev up
done
ip -n tsim-r link set br0 up
ip -n tsim-c link set tsim0 up
ip -n tsim-s link set tsim1 up
tcr="ip netns exec tsim-r tc"
$tcr qdisc add dev rs root handle 1: htb default 10
$tcr class add dev rs parent 1: classid 1:10 htb rate 1gbit
$tcr class add dev rs parent 1: classid 1:20 htb rate 1gbit
$tcr qdisc add dev rs parent 1:20 handle 20: pfifo limit 0
$tcr filter add dev rs parent 1: protocol ip prio 1 u32 match ip dport 9600 0xffff flowid 1:20
sleep 1

start=$(($(date +%s%3N) + 3000))
# host ROLE NAME HOSTNAME NETNS: runs inside the host's namespaces
host() {
	ip netns exec "$4" unshare --pid --fork --mount-proc --uts bash -c '
		set -e
		role=$1 name=$2 hn=$3 work=$4 out=$5 start=$6 pid=$7
		hostname "$hn"
		mount --bind "$work/passwd" /etc/passwd
		until_ms() { local now=$(date +%s%3N); local d=$(( $1 + start - now ));
			[ $d -gt 0 ] && sleep "$(printf "%d.%03d" $((d / 1000)) $((d % 1000)))" || true; }
		echo $((pid - 1)) >/proc/sys/kernel/ns_last_pid
		setpriv --reuid=1000 --regid=1000 --clear-groups "$work/hostprog" "$role" "$name" "$start" &
		until_ms 0
		TZ=UTC LC_ALL=C FAKETIME="@2025-01-01 00:00:00" \
			LD_PRELOAD=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 sar -n SOCK,TCP,ETCP 1 8 >"$out/sar-$hn.real" &
		until_ms 3700
		lsof -nP -i >"$out/lsof-3.7s-$hn.real" || true
		lsof -nP -i :9502 >"$out/lsof-9502-3.7s-$hn.real" || true
		ss -tan >"$out/ss-3.7s-$hn.real"
		ss -tanp >"$out/ss-p-3.7s-$hn.real"
		until_ms 7200
		lsof -nP -i >"$out/lsof-7.2s-$hn.real" || true
		ss -tanp >"$out/ss-p-7.2s-$hn.real"
		wait
	' host "$1" "$2" "$3" "$work" "$out" "$start" "$5"
}
host server httpd server tsim-s 1002 &
host client client client tsim-c 1001 &
wait
cat /proc/sys/kernel/osrelease >"$out/kernel.real"
lsof -v 2>&1 | grep revision | head -1 >"$out/versions.real"
ss -V >>"$out/versions.real"
sar -V 2>&1 | head -1 >>"$out/versions.real"
"$here/normalize.py" "$out"
