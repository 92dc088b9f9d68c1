/* sim_internal: the engine's own state, shared by sim.c, host.c, link.c and
 * the tcp_*.c files; never included outside sim/.  Everything is plain data
 * addressed by integer handles (socket 17, host 1), so that a checkpoint is
 * a copy of these arrays and a restore is a copy back. */
#ifndef TCPSIM_SIM_INTERNAL_H
#define TCPSIM_SIM_INTERNAL_H

#include "evq.h"
#include "rng.h"
#include "sim.h"

#define OOO_MAX 8                      /* out-of-order ranges a receiver remembers */
#define SIM_HORIZON (3600 * SIMTIME_S) /* a run without `end` stops here */

struct tcp_timer {
	ev_handle ev;
	simtime_t armed_at, expiry;
	uint32_t attempt;
	uint8_t armed;
};

/* A transmission control block: one socket, listening or connected. */
struct tcb {
	uint8_t in_use; /* 0 once deleted (the handle is never reused) */
	uint8_t host;
	int8_t state;
	uint8_t listener;
	uint8_t passive; /* came from a listener (SYN_RCVD -> LISTEN on RST) */
	uint8_t orphan;  /* the application closed it */
	uint8_t shut_wr; /* the application will send no more */
	uint8_t reading; /* the application reads what arrives */
	uint8_t fin_queued, fin_sent, fin_acked, fin_rcvd;
	uint8_t ts_ok, sack_ok;
	uint8_t snd_wscale, rcv_wscale;
	uint8_t in_recovery;
	uint8_t err;     /* last error given to the application */
	int32_t parent;  /* listener handle, -1 */
	int32_t ordinal; /* N of HOST.N */
	uint32_t laddr, raddr;
	uint16_t lport, rport;
	uint16_t mss; /* effective send MSS */
	uint16_t peer_mss;
	/* RFC 9293 variables */
	uint32_t iss, irs;
	uint32_t snd_una, snd_nxt, snd_max, snd_wnd, snd_wl1, snd_wl2, max_snd_wnd;
	uint32_t rcv_nxt, rcv_wnd, rcv_adv; /* rcv_adv: right edge advertised */
	uint32_t fin_seq;
	uint64_t snd_queued; /* bytes written by the application, not yet acked */
	uint64_t bytes_sent, bytes_acked, bytes_received;
	uint32_t rcv_unread; /* received, not yet read */
	uint32_t rcvbuf, sndbuf;
	uint32_t ooo[OOO_MAX][2];
	uint8_t nooo;
	uint8_t unacked_segs; /* data segments received since our last ACK */
	uint32_t ts_recent;
	/* RFC 6298 */
	simtime_t srtt, rttvar, rto;
	uint8_t rtt_valid, rtt_timing;
	uint32_t rtt_seq;
	simtime_t rtt_start;
	simtime_t first_tx; /* when the oldest unacked sequence was first sent */
	uint32_t retries;   /* consecutive retransmission timeouts */
	uint32_t cwnd, ssthresh, recover;
	uint32_t dupacks;
	uint32_t keepalive_probes;
	simtime_t last_rcv;
	uint8_t oow_acked;    /* an invalid segment has been ACKed ... */
	simtime_t oow_ack_at; /* ... at this time (rate limit) */
	/* listeners */
	int32_t backlog, syn_queue, accept_queue;
	struct tcp_timer timers[TIMER_COUNT];
};

struct host {
	uint32_t addr;
	struct tcp_params p;
	uint8_t crashed;
	uint16_t ip_id;
	uint16_t next_port;
	int32_t current;  /* the most recent socket, -1 */
	int32_t nordinal; /* sockets created so far (HOST.N counter) */
	int32_t *socks;   /* handles in creation order */
	uint32_t nsocks, capsocks;
	uint32_t errors_seen; /* bit per enum sim_errno */
	uint32_t secret;      /* syncookie secret */
	struct rng rng;
};

struct link_dir {
	struct link_params p;
	simtime_t busy_until;
	uint32_t nth;
	struct rng rng;
};

/* A pending moment that is not a queue event (time notes and expects):
 * handled when the clock passes it, so it sees every event at its time. */
struct sim_moment {
	simtime_t t;
	int kind; /* 0 note, 1 expect */
	int index;
};

struct checkpoint;

struct sim {
	const struct scenario *scn;
	struct sim_options opt;
	uint64_t seed;
	struct evq q;
	struct trace tr;
	struct host hosts[SCN_MAX_HOSTS];
	int nhosts;
	struct link_dir link[2];
	struct tcb *socks;
	uint32_t nsocks, capsocks;
	int32_t *htab; /* open addressing: socket handles, -1 empty, -2 deleted */
	uint32_t hcap, hused;
	uint32_t *fault_seen; /* per scenario fault: matches so far */
	uint8_t *note_done;   /* per scenario note: fired */
	struct sim_verdict *verdicts;
	/* `on HOST STATE` lines by (host, state): indices into on_list. */
	int32_t on_first[SCN_MAX_HOSTS][TCPS_COUNT + 1];
	int32_t *on_list;
	struct sim_moment *moments; /* sorted by time */
	int nmoments, next_moment;
	simtime_t now;
	simtime_t end;
	int done;
	uint64_t events_done;
	uint32_t prev_cursor; /* trace cursor before the last event ran */
	struct checkpoint *cps;
	uint32_t ncps, capcps;
};

/* ---- host.c: sockets and the application API ---- */
int32_t host_sock_new(struct sim *s, int host);
void host_sock_delete(struct sim *s, int32_t h);
int32_t host_lookup(struct sim *s, int host, uint16_t lport, uint32_t raddr, uint16_t rport);
int32_t host_listener(struct sim *s, int host, uint16_t lport);
void host_hash_add(struct sim *s, int32_t h);
void host_hash_del(struct sim *s, int32_t h);
int32_t host_conn(struct sim *s, int host, int conn);
void host_action(struct sim *s, int event_index, int32_t fired_sock);
void host_flood(struct sim *s, int event_index, int32_t sent);
void host_publish_sock(struct sim *s, int32_t h);

/* ---- link.c ---- */
/* Puts a segment on the link from host `from`; returns its trace index. */
uint32_t link_send(struct sim *s, int from, const struct segment *seg, int32_t sock, int retx);

/* ---- tcp_out.c ---- */
void tcp_send_syn(struct sim *s, int32_t h, int retx);
void tcp_send_ack(struct sim *s, int32_t h);
void tcp_send_rst(struct sim *s, int host, uint32_t src, uint16_t sport, uint32_t dst,
                  uint16_t dport, uint32_t seq, uint32_t ack, int with_ack, int32_t sock);
void tcp_send_rst_for(struct sim *s, int host, const struct segment *in);
void tcp_output(struct sim *s, int32_t h);
void tcp_retransmit_first(struct sim *s, int32_t h);
uint32_t tcp_rcv_window(const struct tcb *t);
void tcp_init_tcb(struct sim *s, int32_t h);

/* ---- tcp_in.c ---- */
void tcp_input(struct sim *s, uint32_t seg_index);

/* ---- tcp_timer.c ---- */
void tcp_timer_arm(struct sim *s, int32_t h, int kind, simtime_t after);
void tcp_timer_cancel(struct sim *s, int32_t h, int kind);
void tcp_timer_cancel_all(struct sim *s, int32_t h);
void tcp_timer_fire(struct sim *s, int32_t h, int kind);
void tcp_rtt_sample(struct tcb *t, simtime_t r, const struct tcp_params *p);
simtime_t tcp_syn_interval(const struct tcp_params *p, int linear, uint32_t k);
simtime_t tcp_syn_give_up(const struct tcp_params *p, int linear, int retries);
simtime_t tcp_data_give_up(const struct tcp_params *p, int retries);

/* ---- sim.c: what every module reports through ---- */
void sim_set_state(struct sim *s, int32_t h, int to, int arrow, int cause, int32_t seg, int timer,
                   int32_t call, int err);
void sim_app_error(struct sim *s, int32_t h, int err);
void sim_info(struct sim *s, int host, int32_t h, int code, int32_t seg);
void sim_trace_timer(struct sim *s, int32_t h, int kind, int fire, simtime_t v, uint32_t attempt);

static inline struct tcb *sock_at(struct sim *s, int32_t h)
{
	return &s->socks[h];
}

static inline const struct tcp_params *sock_params(struct sim *s, int32_t h)
{
	return &s->hosts[s->socks[h].host].p;
}

#endif
