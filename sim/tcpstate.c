/* tcpstate: state names and the one table of arrows (see tcpstate.h). */
#include "tcpstate.h"

#include <ctype.h>
#include <string.h>

static const char *const rfc_names[TCPS_COUNT] = {
    "CLOSED",     "LISTEN",     "SYN_SENT", "SYN_RCVD", "ESTABLISHED", "FIN_WAIT_1",
    "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING",  "LAST_ACK", "TIME_WAIT",
};
static const char *const netstat_names[TCPS_COUNT] = {
    "CLOSE",     "LISTEN",     "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT1",
    "FIN_WAIT2", "CLOSE_WAIT", "CLOSING",  "LAST_ACK", "TIME_WAIT",
};
static const char *const ss_names[TCPS_COUNT] = {
    "UNCONN",     "LISTEN",     "SYN-SENT", "SYN-RECV", "ESTAB",     "FIN-WAIT-1",
    "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING",  "LAST-ACK", "TIME-WAIT",
};

const char *tcps_name(int s)
{
	return s >= 0 && s < TCPS_COUNT ? rfc_names[s] : "?";
}

const char *tcps_netstat_name(int s)
{
	return s >= 0 && s < TCPS_COUNT ? netstat_names[s] : "?";
}

const char *tcps_ss_name(int s)
{
	return s >= 0 && s < TCPS_COUNT ? ss_names[s] : "?";
}

/* Compares ignoring case and treating '-' as '_'. */
static int name_eq(const char *s, int len, const char *name)
{
	int i = 0;
	for (; i < len && name[i]; i++) {
		char a = (char)toupper((unsigned char)s[i]);
		if (a == '-')
			a = '_';
		if (a != name[i])
			return 0;
	}
	return i == len && name[i] == '\0';
}

int tcps_parse(const char *s, int len)
{
	for (int i = 0; i < TCPS_COUNT; i++)
		if (name_eq(s, len, rfc_names[i]))
			return i;
	if (name_eq(s, len, "SYN_RECV") || name_eq(s, len, "SYN_RECEIVED"))
		return TCPS_SYN_RCVD;
	return -1;
}

int tcps_synchronized(int s)
{
	return s >= TCPS_SYN_RCVD && s != TCPS_COUNT;
}

static const struct tcp_arrow_info arrows[ARROW_COUNT] = {
    [ARROW_PASSIVE_OPEN] = {TCPS_CLOSED, TCPS_LISTEN, "passive OPEN", "create TCB", 1},
    [ARROW_ACTIVE_OPEN] = {TCPS_CLOSED, TCPS_SYN_SENT, "active OPEN", "snd SYN", 1},
    [ARROW_LISTEN_CLOSE] = {TCPS_LISTEN, TCPS_CLOSED, "CLOSE", "delete TCB", 1},
    [ARROW_LISTEN_SYN] = {TCPS_LISTEN, TCPS_SYN_RCVD, "rcv SYN", "snd SYN,ACK", 1},
    [ARROW_LISTEN_SEND] = {TCPS_LISTEN, TCPS_SYN_SENT, "SEND", "snd SYN", 1},
    [ARROW_SYNSENT_CLOSE] = {TCPS_SYN_SENT, TCPS_CLOSED, "CLOSE", "delete TCB", 1},
    [ARROW_SYNSENT_SYN] = {TCPS_SYN_SENT, TCPS_SYN_RCVD, "rcv SYN", "snd SYN,ACK", 1},
    [ARROW_SYNSENT_SYNACK] = {TCPS_SYN_SENT, TCPS_ESTABLISHED, "rcv SYN,ACK", "snd ACK", 1},
    [ARROW_SYNRCVD_ACK] = {TCPS_SYN_RCVD, TCPS_ESTABLISHED, "rcv ACK of SYN", "x", 1},
    [ARROW_SYNRCVD_RST] = {TCPS_SYN_RCVD, TCPS_LISTEN, "rcv RST", "x", 1},
    [ARROW_SYNRCVD_CLOSE] = {TCPS_SYN_RCVD, TCPS_FIN_WAIT_1, "CLOSE", "snd FIN", 1},
    [ARROW_EST_CLOSE] = {TCPS_ESTABLISHED, TCPS_FIN_WAIT_1, "CLOSE", "snd FIN", 1},
    [ARROW_EST_FIN] = {TCPS_ESTABLISHED, TCPS_CLOSE_WAIT, "rcv FIN", "snd ACK", 1},
    [ARROW_FW1_ACK] = {TCPS_FIN_WAIT_1, TCPS_FIN_WAIT_2, "rcv ACK of FIN", "x", 1},
    [ARROW_FW1_FIN] = {TCPS_FIN_WAIT_1, TCPS_CLOSING, "rcv FIN", "snd ACK", 1},
    [ARROW_FW1_FINACK] = {TCPS_FIN_WAIT_1, TCPS_TIME_WAIT, "rcv FIN,ACK", "snd ACK", 1},
    [ARROW_FW2_FIN] = {TCPS_FIN_WAIT_2, TCPS_TIME_WAIT, "rcv FIN", "snd ACK", 1},
    [ARROW_CLOSING_ACK] = {TCPS_CLOSING, TCPS_TIME_WAIT, "rcv ACK of FIN", "x", 1},
    [ARROW_CW_CLOSE] = {TCPS_CLOSE_WAIT, TCPS_LAST_ACK, "CLOSE", "snd FIN", 1},
    [ARROW_LASTACK_ACK] = {TCPS_LAST_ACK, TCPS_CLOSED, "rcv ACK of FIN", "x", 1},
    [ARROW_TW_TIMEOUT] = {TCPS_TIME_WAIT, TCPS_CLOSED, "Timeout=2MSL", "delete TCB", 1},
    [ARROW_SYNRCVD_FIN] = {TCPS_SYN_RCVD, TCPS_CLOSE_WAIT, "rcv FIN", "snd ACK", 0},
    [ARROW_SYNSENT_RST] = {TCPS_SYN_SENT, TCPS_CLOSED, "rcv RST,ACK", "ECONNREFUSED", 0},
    [ARROW_SYNSENT_TIMEOUT] = {TCPS_SYN_SENT, TCPS_CLOSED, "SYN retries exhausted", "ETIMEDOUT", 0},
    [ARROW_SYNRCVD_TIMEOUT] = {TCPS_SYN_RCVD, TCPS_CLOSED, "SYN,ACK retries exhausted", "drop", 0},
    [ARROW_SYNRCVD_REFUSED] = {TCPS_SYN_RCVD, TCPS_CLOSED, "rcv RST", "ECONNREFUSED", 0},
    [ARROW_RST] = {-1, TCPS_CLOSED, "rcv RST", "ECONNRESET", 0},
    [ARROW_ABORT] = {-1, TCPS_CLOSED, "ABORT", "snd RST", 0},
    [ARROW_TIMEOUT] = {-1, TCPS_CLOSED, "retries exhausted", "ETIMEDOUT", 0},
    [ARROW_FW2_TIMEOUT] = {TCPS_FIN_WAIT_2, TCPS_CLOSED, "Timeout=fin_timeout", "delete TCB", 0},
    [ARROW_TW_RST] = {TCPS_TIME_WAIT, TCPS_CLOSED, "rcv RST", "delete TCB", 0},
    [ARROW_TW_REOPEN] = {TCPS_TIME_WAIT, TCPS_CLOSED, "rcv new SYN", "reopen", 0},
    [ARROW_CRASH] = {-1, TCPS_CLOSED, "host crash", "x", 0},
    [ARROW_SYNRCVD_SYN] = {TCPS_SYN_RCVD, TCPS_CLOSED, "rcv SYN in window", "snd RST", 0},
    [ARROW_SYNRCVD_OVERFLOW] = {TCPS_SYN_RCVD, TCPS_CLOSED, "rcv ACK, accept queue full", "snd RST",
                                0},
};

const struct tcp_arrow_info *tcp_arrow(int a)
{
	return a >= 0 && a < ARROW_COUNT ? &arrows[a] : NULL;
}

int tcp_arrow_leaves(int a, int state)
{
	const struct tcp_arrow_info *x = tcp_arrow(a);
	if (!x || state < 0 || state >= TCPS_COUNT)
		return 0;
	if (x->from >= 0)
		return x->from == state;
	if (a == ARROW_RST || a == ARROW_TIMEOUT)
		return tcps_synchronized(state);
	return state != TCPS_CLOSED; /* ARROW_ABORT, ARROW_CRASH */
}

int tcp_next_states(int state, int out[TCPS_COUNT])
{
	int reach[TCPS_COUNT] = {0}, n = 0;
	for (int a = 0; a < ARROW_COUNT; a++)
		if (tcp_arrow_leaves(a, state) && arrows[a].to != state)
			reach[arrows[a].to] = 1;
	for (int st = 0; st < TCPS_COUNT; st++)
		if (reach[st])
			out[n++] = st;
	return n;
}
