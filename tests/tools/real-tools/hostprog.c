/* hostprog: one host of tests/data/tools/states.tcps played on a real Linux
 * stack, so that lsof, ss -p and sar can be recorded beside tcpsim's output.
 * Run by record.sh inside a network and PID namespace of its own; never by
 * the tests.  Usage: hostprog client|server NAME START_EPOCH_MS */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long long start_ms;

/* Sleeps until START + ms. */
static void at(long long ms)
{
	long long t = start_ms + ms;
	struct timespec ts = {.tv_sec = t / 1000, .tv_nsec = (t % 1000) * 1000000};
	while (clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

static int tcp_socket(int lport)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(lport)};
	if (lport && bind(fd, (struct sockaddr *)&a, sizeof a) != 0)
		perror("bind");
	return fd;
}

static int dial(int lport, int rport, int nonblock)
{
	int fd = tcp_socket(lport);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(rport)};
	inet_pton(AF_INET, "10.0.0.2", &a.sin_addr);
	if (nonblock)
		fcntl(fd, F_SETFL, O_NONBLOCK);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0 && errno != EINPROGRESS) {
		fprintf(stderr, "connect to %d: %s\n", rport, strerror(errno));
		close(fd); /* a program closes the descriptor of a failed connect */
		return -1;
	}
	return fd;
}

static void server(void)
{
	at(500);
	int l = tcp_socket(9502);
	listen(l, 128);
	int c[3];
	for (int i = 0; i < 3; i++)
		c[i] = accept(l, NULL, NULL);
	char buf[64];
	at(2550);
	(void)!read(c[1], buf, sizeof buf); /* EOF: the simulated program reads */
	at(2600);
	close(c[2]);
	at(6700);
	if (read(c[0], buf, sizeof buf) < 0) /* ECONNRESET: then it closes */
		close(c[0]);
	at(12000);
}

static void client(void)
{
	at(1500);
	int a = dial(40000, 9502, 0);
	at(1600);
	int b = dial(40001, 9502, 0);
	at(1700);
	int c = dial(40002, 9502, 0);
	at(1800);
	dial(40003, 9503, 0);
	at(2500);
	close(b);
	at(2700);
	close(c);
	at(3500);
	dial(40004, 9600, 1);
	at(6500);
	struct linger lg = {.l_onoff = 1, .l_linger = 0};
	setsockopt(a, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
	close(a);
	at(12000);
}

int main(int argc, char **argv)
{
	if (argc != 4)
		return 2;
	prctl(PR_SET_NAME, argv[2]);
	start_ms = atoll(argv[3]);
	if (strcmp(argv[1], "server") == 0)
		server();
	else
		client();
	return 0;
}
