/* tcpstate: the eleven TCP states, their names in the RFC, netstat and ss,
 * and the one table of arrows of the RFC 9293 state diagram (Figure 5) plus
 * the transitions the figure leaves out (resets, aborts, timeouts).  The
 * engine names the arrow each transition took, the window draws the diagram
 * from this table, and `tcpsim coverage` counts from it. */
#ifndef TCPSIM_TCPSTATE_H
#define TCPSIM_TCPSTATE_H

enum tcp_state {
	TCPS_CLOSED,
	TCPS_LISTEN,
	TCPS_SYN_SENT,
	TCPS_SYN_RCVD,
	TCPS_ESTABLISHED,
	TCPS_FIN_WAIT_1,
	TCPS_FIN_WAIT_2,
	TCPS_CLOSE_WAIT,
	TCPS_CLOSING,
	TCPS_LAST_ACK,
	TCPS_TIME_WAIT,
	TCPS_COUNT
};

/* "SYN_RCVD" */
const char *tcps_name(int state);
/* netstat -nat's name: "SYN_RECV", "FIN_WAIT1", "CLOSE" ... */
const char *tcps_netstat_name(int state);
/* ss -tan's name: "SYN-RECV", "ESTAB", "UNCONN" ... */
const char *tcps_ss_name(int state);
/* Parses a state name, case-insensitive, '_' or '-', with the aliases
 * SYN_RECV and SYN-RECEIVED; returns -1 when unknown. */
int tcps_parse(const char *s, int len);
/* True for the states in which both sides' sequence numbers are known. */
int tcps_synchronized(int state);

enum tcp_arrow {
	/* The arrows of RFC 9293 Figure 5. */
	ARROW_PASSIVE_OPEN,   /* CLOSED -> LISTEN */
	ARROW_ACTIVE_OPEN,    /* CLOSED -> SYN_SENT */
	ARROW_LISTEN_CLOSE,   /* LISTEN -> CLOSED */
	ARROW_LISTEN_SYN,     /* LISTEN -> SYN_RCVD */
	ARROW_LISTEN_SEND,    /* LISTEN -> SYN_SENT */
	ARROW_SYNSENT_CLOSE,  /* SYN_SENT -> CLOSED */
	ARROW_SYNSENT_SYN,    /* SYN_SENT -> SYN_RCVD (simultaneous open) */
	ARROW_SYNSENT_SYNACK, /* SYN_SENT -> ESTABLISHED */
	ARROW_SYNRCVD_ACK,    /* SYN_RCVD -> ESTABLISHED */
	ARROW_SYNRCVD_RST,    /* SYN_RCVD -> LISTEN */
	ARROW_SYNRCVD_CLOSE,  /* SYN_RCVD -> FIN_WAIT_1 */
	ARROW_EST_CLOSE,      /* ESTABLISHED -> FIN_WAIT_1 */
	ARROW_EST_FIN,        /* ESTABLISHED -> CLOSE_WAIT */
	ARROW_FW1_ACK,        /* FIN_WAIT_1 -> FIN_WAIT_2 */
	ARROW_FW1_FIN,        /* FIN_WAIT_1 -> CLOSING */
	ARROW_FW1_FINACK,     /* FIN_WAIT_1 -> TIME_WAIT */
	ARROW_FW2_FIN,        /* FIN_WAIT_2 -> TIME_WAIT */
	ARROW_CLOSING_ACK,    /* CLOSING -> TIME_WAIT */
	ARROW_CW_CLOSE,       /* CLOSE_WAIT -> LAST_ACK */
	ARROW_LASTACK_ACK,    /* LAST_ACK -> CLOSED */
	ARROW_TW_TIMEOUT,     /* TIME_WAIT -> CLOSED */
	ARROW_DIAGRAM_COUNT,
	/* Transitions outside the figure (RFC 9293 section 3.10 text). */
	ARROW_SYNRCVD_FIN = ARROW_DIAGRAM_COUNT, /* SYN_RCVD -> CLOSE_WAIT */
	ARROW_SYNSENT_RST,                       /* SYN_SENT -> CLOSED, ECONNREFUSED */
	ARROW_SYNSENT_TIMEOUT,                   /* SYN_SENT -> CLOSED, ETIMEDOUT */
	ARROW_SYNRCVD_TIMEOUT,                   /* SYN_RCVD -> (gone), SYN,ACK retries exhausted */
	ARROW_SYNRCVD_REFUSED,  /* SYN_RCVD -> CLOSED, RST after simultaneous open */
	ARROW_RST,              /* synchronized -> CLOSED on a valid RST */
	ARROW_ABORT,            /* any -> CLOSED, ABORT sends RST */
	ARROW_TIMEOUT,          /* synchronized -> CLOSED, retries or keepalive exhausted */
	ARROW_FW2_TIMEOUT,      /* FIN_WAIT_2 -> CLOSED, orphan timeout (Linux) */
	ARROW_TW_RST,           /* TIME_WAIT -> CLOSED on RST (rfc1337 off) */
	ARROW_TW_REOPEN,        /* TIME_WAIT -> CLOSED, a new SYN reopens the ports */
	ARROW_CRASH,            /* any -> CLOSED, the host crashed: nothing sent */
	ARROW_SYNRCVD_SYN,      /* SYN_RCVD -> (gone), a SYN in the window: RST (Linux) */
	ARROW_SYNRCVD_OVERFLOW, /* SYN_RCVD -> (gone), accept queue full: RST (abort_on_overflow) */
	ARROW_COUNT
};

struct tcp_arrow_info {
	int from, to;
	const char *event;  /* "rcv SYN" */
	const char *action; /* "snd SYN,ACK"; "x" = nothing */
	int in_diagram;     /* drawn in RFC 9293 Figure 5 */
};

/* The table entry for an arrow; NULL when out of range. */
const struct tcp_arrow_info *tcp_arrow(int arrow);

/* 1 when arrow can leave state: its from-state, or for the arrows that
 * leave several (from -1: a RST or a timeout leaves any synchronized state,
 * an abort or a crash any state but CLOSED). */
int tcp_arrow_leaves(int arrow, int state);
/* The states one arrow of the table away from state (not state itself), in
 * enum order, into out (room for TCPS_COUNT); returns how many.  The quiz's
 * choices for "what state comes next?". */
int tcp_next_states(int state, int out[TCPS_COUNT]);

#endif
