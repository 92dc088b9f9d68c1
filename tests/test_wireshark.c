/* test_wireshark: a real engine run written with out_pcap() and read back
 * by tshark: Wireshark's expert analysis must flag retransmissions and
 * duplicate ACKs at exactly the frames the trace says.  Skips (with a
 * message) when tshark is not installed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "output.h"
#include "sim.h"

static const char text[] = "host client 10.0.0.1 isn=1000\n"
                           "host server 10.0.0.2 isn=5000 delack=off\n"
                           "at 0s server listen 80\n"
                           "at 100ms client connect server:80\n"
                           "at 200ms client send 14600\n"
                           "drop client->server segment 5\n";

/* Frame numbers (wire view: one frame per segment sent, in order). */
static void frames_from_trace(const struct trace *tr, int code, char *out, size_t size)
{
	uint32_t *frame = calloc(tr->nsegs ? tr->nsegs : 1, sizeof *frame);
	uint32_t n = 0;
	for (uint32_t i = 0; i < tr->n; i++)
		if (tr->recs[i].kind == TR_SEG_SEND)
			frame[tr->recs[i].seg] = ++n;
	out[0] = '\0';
	for (uint32_t i = 0; i < tr->n; i++) {
		const struct trace_rec *r = &tr->recs[i];
		if (r->kind == TR_INFO && r->sub == code && r->seg >= 0) {
			size_t l = strlen(out);
			snprintf(out + l, size - l, "%u\n", frame[r->seg]);
		}
	}
	free(frame);
}

static void tshark_frames(const char *pcap, const char *field, char *out, size_t size)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "tshark -r %s -Y %s -T fields -e frame.number 2>/dev/null", pcap,
	         field);
	out[0] = '\0';
	FILE *p = popen(cmd, "r");
	if (!p)
		return;
	size_t n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	pclose(p);
}

int main(void)
{
	if (system("command -v tshark >/dev/null 2>&1") != 0) {
		printf("SKIP test_wireshark: tshark is not installed (scripts/test installs it)\n");
		CHECK(1);
		return check_report("test_wireshark");
	}
	struct scenario scn;
	struct scn_diags d = {0};
	CHECK_INT(scn_parse("ws.tcps", text, sizeof text - 1, &scn, &d), 0);
	struct sim *s = sim_new(&scn, NULL);
	sim_run(s);
	char path[] = "/tmp/tcpsim-wsXXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	close(fd);
	char err[256];
	CHECK_INT(out_pcap(path, &scn, sim_trace(s), -1, err, sizeof err), 0);

	char want[512], got[512];
	frames_from_trace(sim_trace(s), INFO_DUP_ACK, want, sizeof want);
	tshark_frames(path, "tcp.analysis.duplicate_ack", got, sizeof got);
	CHECK(strlen(want) > 0);
	CHECK_STR(got, want);

	frames_from_trace(sim_trace(s), INFO_RETRANSMIT, want, sizeof want);
	tshark_frames(path, "tcp.analysis.retransmission", got, sizeof got);
	CHECK(strlen(want) > 0);
	CHECK_STR(got, want);

	unlink(path);
	sim_free(s);
	scn_free(&scn);
	scn_diags_free(&d);
	return check_report("test_wireshark");
}
