/* narrate: one or two sentences, in the project's own words, on what a
 * trace record did and why ("The server got a SYN on its listening port
 * 9502; it answers SYN,ACK and waits in SYN_RCVD for the client's ACK").
 * A pure function of the scenario and the trace: no engine state, no SDL.
 * Used by the window's narration panel; tested by tests/test_narrate.c. */
#ifndef TCPSIM_NARRATE_H
#define TCPSIM_NARRATE_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"
#include "trace.h"

/* Writes the narration of record k into buf (always NUL-terminated when
 * size > 0).  Returns the length written, 0 when k is out of range. */
int narrate(const struct scenario *scn, const struct trace *tr, uint32_t k, char *buf, size_t size);

/* The scenario line of the drop fault that took segment seg, or 0 (the
 * text trace's "scripted drop, line N" too). */
int narrate_fault_line(const struct scenario *scn, const struct trace *tr, uint32_t seg);

/* What a segment is, as the sentences name it: "SYN", "SYN,ACK", "7 bytes
 * of data", "FIN,ACK with 5 bytes" (*plural, may be NULL: the words take
 * "are"/"reach").  Used by compare.c for the same wording. */
void narrate_seg_words(const struct segment *h, char *buf, size_t size, int *plural);

#endif
