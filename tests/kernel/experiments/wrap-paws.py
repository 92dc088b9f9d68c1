# wrap-paws: a one-off check on the real kernel of what lesson 30b shows
# (tests/kernel/README.md, "One-off experiments"): a real sequence wrap.
# On lo, the client sends exactly 2^32 bytes; the connection's first data
# packet, captured at the start with an AF_PACKET socket, is then sent
# again (its TCP checksum recomputed, lo leaves it partial), now that its
# sequence numbers equal the receiver's RCV.NXT once more. Its TS val is
# seconds old: PAWS (tcp_validate_incoming, tcp_paws_check) must drop it.
# With net.ipv4.tcp_timestamps=0 nothing can tell, and its bytes reach the
# application as if they were new. The relay cannot do this (it would have
# to hold a packet while 4 GiB pass through user space). Run as root:
#
#   ip netns add NAME; ip netns exec NAME ip link set lo up
#   ip netns exec NAME sysctl -w net.ipv4.tcp_rmem="4096 131072 33554432"
#   timeout 90 ip netns exec NAME python3 wrap-paws.py
#   ip netns exec NAME sysctl -w net.ipv4.tcp_timestamps=0
#   timeout 90 ip netns exec NAME python3 wrap-paws.py
#   ip netns del NAME
#
# Measured on Linux 6.18.44 (2026-12-02): with timestamps, 2^32 bytes in
# 2.20 s, the replayed packet (32,741 bytes) delivered 0 bytes and
# TcpExtPAWSEstab went up by 1; without, 2^32 bytes in 2.01 s, and the
# replayed packet's 32,747 bytes were delivered to the application
# (PAWSEstab +0): silent corruption.
import socket, struct, threading, time, subprocess, sys, os
PORT = 9100
TOTAL = 1 << 32
cap = {}
def capture():
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.ntohs(0x0003))
    s.bind(("lo", 0)); s.settimeout(10)
    end = time.time() + 10
    while time.time() < end:
        pkt, addr = s.recvfrom(70000)
        ip = pkt[14:]
        if len(ip) < 40 or ip[9] != 6: continue
        ihl = (ip[0] & 15) * 4; tcp = ip[ihl:]
        dport = struct.unpack("!H", tcp[2:4])[0]; doff = (tcp[12] >> 4) * 4
        tot = struct.unpack("!H", ip[2:4])[0]
        if dport == PORT and tot - ihl - doff > 0:
            cap["frame"] = pkt[:14 + tot]; break
    s.close()
def csum(b):
    if len(b) % 2: b += b"\0"
    t = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while t >> 16: t = (t & 0xffff) + (t >> 16)
    return (~t) & 0xffff
def fixed(frame):
    ip = bytearray(frame[14:]); ihl = (ip[0] & 15) * 4
    tcp = bytearray(ip[ihl:]); tcp[16:18] = b"\0\0"
    ph = bytes(ip[12:20]) + struct.pack("!BBH", 0, 6, len(tcp))
    tcp[16:18] = struct.pack("!H", csum(ph + bytes(tcp)))
    return bytes(frame[:14]) + bytes(ip[:ihl]) + bytes(tcp)
def nstat(name):
    out = subprocess.run(["nstat", "-az", name], capture_output=True, text=True).stdout
    for l in out.splitlines():
        if l.startswith(name): return int(l.split()[1])
    return 0
got = [0]
def server(ls):
    c, _ = ls.accept(); c.settimeout(20)
    try:
        while True:
            d = c.recv(1 << 20)
            if not d: break
            got[0] += len(d)
    except socket.timeout: pass
t = threading.Thread(target=capture); t.start(); time.sleep(0.3)
ls = socket.socket(); ls.bind(("127.0.0.1", PORT)); ls.listen()
st = threading.Thread(target=server, args=(ls,), daemon=True); st.start()
c = socket.create_connection(("127.0.0.1", PORT))
chunk = bytes(1 << 20); sent = 0; t0 = time.time()
while sent < TOTAL:
    c.sendall(chunk); sent += len(chunk)
t.join()
deadline = time.time() + 30
while got[0] < TOTAL and time.time() < deadline: time.sleep(0.05)
print("sent", sent, "received", got[0], "in %.2f s" % (time.time() - t0))
paws0 = nstat("TcpExtPAWSEstab"); before = got[0]
time.sleep(0.3)
f = fixed(cap["frame"]); ip = f[14:]; ihl = (ip[0] & 15) * 4; tcp = ip[ihl:]
seq = struct.unpack("!I", tcp[4:8])[0]
print("replaying the first data packet: seq", seq, "payload", len(ip) - ihl - (tcp[12] >> 4) * 4)
r = socket.socket(socket.AF_PACKET, socket.SOCK_RAW); r.bind(("lo", 0)); r.send(f)
time.sleep(1.0)
print("bytes received after the replay:", got[0] - before, " PAWSEstab +%d" % (nstat("TcpExtPAWSEstab") - paws0))
c.close(); os._exit(0)
