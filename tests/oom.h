/* oom: makes memory run out on purpose, for the output tests (test_fmt,
 * test_pcap, test_svg).  oom_init(), first thing in main(), sends every
 * block of 64 KiB or more to its own mapping, so none is ever served from
 * memory freed earlier; oom_begin() then caps the address space a little
 * above what the process uses, so any such block fails while small ones
 * still succeed; oom_end() lifts the cap.  Not under AddressSanitizer,
 * which reserves terabytes of shadow memory: there oom_begin() returns 0
 * and the test says it skipped. */
#ifndef TCPSIM_OOM_H
#define TCPSIM_OOM_H

#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "trace.h"

#if defined(__SANITIZE_ADDRESS__)
#define OOM_WORKS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OOM_WORKS 0
#endif
#endif
#ifndef OOM_WORKS
#define OOM_WORKS 1
#endif

static struct rlimit oom_saved;

static inline void oom_init(void)
{
	mallopt(M_MMAP_THRESHOLD, 64 * 1024); /* fixed: no longer adapts to frees */
	mallopt(M_TRIM_THRESHOLD, 64 * 1024);
}

/* Returns 1 with the cap in place, 0 when it cannot be (the test skips). */
static inline int oom_begin(const char *test)
{
	long pages = 0;
	malloc_trim(0); /* before measuring: what it gives back is not headroom */
	FILE *f = fopen("/proc/self/statm", "r");
	if (!OOM_WORKS || !f || fscanf(f, "%ld", &pages) != 1 || getrlimit(RLIMIT_AS, &oom_saved)) {
		if (f)
			fclose(f);
		fprintf(stderr, "skip: %s (no address-space cap here)\n", test);
		return 0;
	}
	fclose(f);
	struct rlimit cap = oom_saved;
	cap.rlim_cur = (rlim_t)pages * 4096 + 48 * 1024;
	return setrlimit(RLIMIT_AS, &cap) == 0;
}

static inline void oom_end(void)
{
	setrlimit(RLIMIT_AS, &oom_saved);
}

/* Appends n SYNs from distinct sources, each sent and arriving, so that an
 * output's tables for tr are bigger than oom_begin() leaves room for. */
static inline void oom_fill(struct trace *tr, int n)
{
	for (int i = 0; i < n; i++) {
		struct trace_seg s;
		memset(&s, 0, sizeof s);
		s.h.src = 0xc6336401u + (uint32_t)i;
		s.h.dst = 0x0a000002u;
		s.h.sport = (uint16_t)(1024 + i % 60000);
		s.h.dport = 80;
		s.h.flags = TH_SYN;
		s.h.seq = (uint32_t)i * 2654435761u;
		s.h.wnd = 65535;
		s.h.opt_wscale = 0xff;
		s.sent = (simtime_t)i;
		s.arrive = (simtime_t)i + 10;
		s.sock = -1;
		s.from = 0xff;
		s.to = 1;
		s.nth = (uint32_t)i + 1;
		int32_t k = (int32_t)trace_add_seg(tr, &s);
		struct trace_rec r;
		memset(&r, 0, sizeof r);
		r.t = s.sent;
		r.kind = TR_SEG_SEND;
		r.host = 0xff;
		r.sock = -1;
		r.seg = k;
		trace_add(tr, &r);
		r.t = s.arrive;
		r.kind = TR_SEG_ARRIVE;
		r.host = 1;
		trace_add(tr, &r);
	}
}

#endif
