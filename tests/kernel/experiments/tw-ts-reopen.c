/* tw-ts-reopen: a one-off check on the real kernel of what lesson 30 shows
 * (tests/kernel/README.md, "One-off experiments"): a TIME_WAIT reopened by a
 * SYN whose sequence number lies BELOW the TIME_WAIT's rcv_nxt, let in only
 * because its timestamp is newer (tcp_timewait_state_process in
 * net/ipv4/tcp_minisocks.c, RFC 6191).  The recorder cannot make such a SYN
 * (a real client's ISN grows with the clock, and the relay's forged SYNs
 * carry no timestamp), so this program does it on lo: the client sends
 * 2 GiB, more than the ISN clock moves in that time, the server closes
 * first, and the client reconnects from the same port.  Run it in a fresh
 * network namespace with tcpdump on lo: the new SYN is answered at once by
 * a SYN,ACK whose ISN is the old SND.NXT + 65537 (tw_isn), not by an ACK.
 *
 *   ip netns add NAME; ip netns exec NAME sh -c 'ip link set lo up;
 *     tcpdump -i lo -n -S -w /tmp/tw.pcap tcp port 9800 & sleep 1;
 *     timeout 30 ./tw-ts-reopen; kill %1'; ip netns del NAME
 *
 * Measured on Linux 6.18 (tcpdump -S, absolute numbers): the TIME_WAIT's
 * RCV.NXT was 1335488608, the new SYN's seq 3504315941 (the difference,
 * 2168827333, is over 2^31: before it in sequence space) with a newer TS
 * val, and the SYN,ACK's
 * ISN 3234678236 = the server's old SND.NXT 3234612699 + 65537. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
static void die(const char *m)
{
	perror(m);
	exit(1);
}
int main(void)
{
	int one = 1;
	int l = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(9800)};
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	if (bind(l, (void *)&sa, sizeof sa) || listen(l, 8))
		die("listen");
	struct sockaddr_in ca = {.sin_family = AF_INET, .sin_port = htons(40000)};
	inet_pton(AF_INET, "127.0.0.1", &ca.sin_addr);
	int c = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(c, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(c, (void *)&ca, sizeof ca))
		die("bind c");
	if (connect(c, (void *)&sa, sizeof sa))
		die("connect");
	int s = accept(l, NULL, NULL);
	if (s < 0)
		die("accept");
	/* 2 GB client -> server */
	static char buf[1 << 20];
	long long left = 2LL << 30;
	pid_t p = fork();
	if (p == 0) {
		while (left > 0) {
			ssize_t n = write(c, buf, sizeof buf);
			if (n <= 0)
				die("write");
			left -= n;
		}
		_exit(0);
	}
	long long got = 0;
	while (got < (2LL << 30)) {
		ssize_t n = read(s, buf, sizeof buf);
		if (n <= 0)
			die("read");
		got += n;
	}
	/* server closes first: TIME_WAIT on the server */
	close(s);
	char tmp[16];
	if (read(c, tmp, sizeof tmp) != 0)
		die("eof");
	close(c);
	usleep(100000);
	system("ss -tan state time-wait");
	/* reconnect from the same port */
	c = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(c, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(c, (void *)&ca, sizeof ca))
		die("bind c again");
	if (connect(c, (void *)&sa, sizeof sa))
		die("connect again");
	printf("second connect: ok\n");
	return 0;
}
