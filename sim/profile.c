/* profile: default host and link parameters (values from TCP-FACTS.md). */
#include "profile.h"

#include <string.h>
#include <strings.h>

void profile_defaults(int profile, struct tcp_params *p)
{
	memset(p, 0, sizeof *p);
	p->profile = profile;
	p->isn_random = 1;
	p->mss = 1460;
	p->rcvbuf = 65535;
	p->sndbuf = 1u << 20;
	/* stock Linux 6.18 tcp_rmem and tcp_wmem (tcp_init(): a 32 MiB maximum
	 * since 6.16 on a machine with the memory) */
	p->rmem[0] = 4096;
	p->rmem[1] = 131072;
	p->rmem[2] = 32u << 20;
	p->wmem[0] = 4096;
	p->wmem[1] = 16384;
	p->wmem[2] = 4u << 20;
	p->rto_initial = 1 * SIMTIME_S;
	p->synack_retries = 5;
	p->port_lo = 32768;
	p->port_hi = 60999;
	p->keepalive_idle = 7200 * SIMTIME_S;
	p->keepalive_intvl = 75 * SIMTIME_S;
	p->keepalive_probes = 9;
	p->fin_timeout = 60 * SIMTIME_S;
	p->backlog = 128;
	if (profile == PROFILE_RFC9293) {
		p->rto_min = 1 * SIMTIME_S;
		p->rto_max = 60 * SIMTIME_S;
		p->syn_retries = -1; /* at least 3 minutes (MUST-23) */
		p->syn_linear = 0;
		p->data_retries = 8; /* R2: at least 100 s with a 1 s floor */
		p->msl = 120 * SIMTIME_S;
		p->fin_timeout = 0; /* no orphan timeout in the RFC */
		p->syn_backlog = 128;
		p->syncookies = 0;
		p->delack = 1;
		p->delack_time = 200 * SIMTIME_MS;
		p->wscale = -1;
		p->sack = 0;
		p->timestamps = 0;
		p->rfc1337 = 1;
		p->cc = CC_RENO;
	} else {
		p->rto_min = 200 * SIMTIME_MS;
		p->rto_max = 120 * SIMTIME_S;
		p->syn_retries = 6;
		p->syn_linear = 4;
		p->data_retries = 15;
		p->msl = 30 * SIMTIME_S; /* Linux's TIME_WAIT is a fixed 60 s */
		p->syn_backlog = 2048;
		p->syncookies = 1;
		p->delack = 1;
		p->delack_time = 40 * SIMTIME_MS;
		p->rcvbuf = 0; /* rmem, auto-tuned */
		p->sndbuf = 0; /* wmem */
		p->wscale = WSCALE_AUTO;
		p->sack = 1;
		p->timestamps = 1;
		p->rfc1337 = 0;
		p->cc = CC_CUBIC; /* net.ipv4.tcp_congestion_control's stock value */
	}
}

int profile_parse(const char *s, int len)
{
	if (len == 5 && strncasecmp(s, "linux", 5) == 0)
		return PROFILE_LINUX;
	if ((len == 7 && strncasecmp(s, "rfc9293", 7) == 0))
		return PROFILE_RFC9293;
	return -1;
}

const char *profile_name(int profile)
{
	return profile == PROFILE_RFC9293 ? "rfc9293" : "linux";
}

const char *profile_label(int profile, int brief)
{
	if (profile == PROFILE_RFC9293)
		return brief ? "RFC 9293" : "RFC 9293 (textbook)";
	return brief ? "Linux 6.18" : "Linux 6.18, stock sysctls";
}

int cc_parse(const char *s, int len)
{
	if (len == 4 && strncasecmp(s, "reno", 4) == 0)
		return CC_RENO;
	if (len == 5 && strncasecmp(s, "cubic", 5) == 0)
		return CC_CUBIC;
	return -1;
}

const char *cc_name(int cc)
{
	return cc == CC_RENO ? "reno" : "cubic";
}

void link_defaults(struct link_params *l)
{
	memset(l, 0, sizeof *l);
	l->delay = 10 * SIMTIME_MS;
	l->mtu = 1500;
	l->icmp = 1;
}
