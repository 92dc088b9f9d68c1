#!/usr/bin/env python3
"""normalize: turns what record.sh captured (OUTDIR/*.real) into the goldens
of tests/data/tools/ (OUTDIR/*.txt).  Only what a simulation cannot share
with one real run changes: socket inode numbers become tcpsim's
(100000 * host + N of HOST.N, same width), ss rows follow tcpsim's order
(listeners, then creation), sar's kernel and CPU count become tcpsim's, and
sar's rates, measured over intervals a little over 1 s, are recomputed for
exactly 1 s from the whole counts they stand for.  Usage: normalize.py OUTDIR"""
import glob, os, re, sys

out = sys.argv[1]
# HOST.N of each socket, by (host, local port, remote port) as the scenario
# makes them (tests/data/tools/states.tcps)
ORDINAL = {('client', 40000): 1, ('client', 40001): 2, ('client', 40002): 3,
           ('client', 40003): 4, ('client', 40004): 5,
           ('server', None): 1, ('server', 40000): 2, ('server', 40001): 3, ('server', 40002): 4}
HOSTNO = {'client': 1, 'server': 2}


def inode_for(host, name):
    m = re.match(r'\S+:(\d+)->\S+:(\d+)', name)
    if not m:
        return 100000 * HOSTNO[host] + ORDINAL[(host, None)]
    lport, rport = int(m.group(1)), int(m.group(2))
    key = (host, lport if host == 'client' else rport)
    return 100000 * HOSTNO[host] + ORDINAL[key]


def lsof(path, host):
    lines = open(path).read().splitlines(True)
    res = lines[:1]
    for l in lines[1:]:
        f = re.match(r'(.{28}IPv4 )(\s*\d+)( .* TCP )(\S+)', l)
        ino = str(inode_for(host, f.group(4)))
        res.append(f.group(1) + ino.rjust(len(f.group(2))) + l[len(f.group(1)) + len(f.group(2)):])
    return ''.join(res)


def ss(path, host):
    lines = open(path).read().splitlines(True)
    def key(l):
        if l.startswith('LISTEN'):
            return 0
        ports = re.findall(r':(\d+)', l)
        lport, rport = int(ports[0]), int(ports[1])
        return ORDINAL[(host, lport if host == 'client' else rport)]
    return lines[0] + ''.join(sorted(lines[1:], key=key))


def sar(path):
    text = open(path).read()
    text = re.sub(r'^Linux \S+ (\(\w+\)) (.*)\(\d+ CPU\)$', r'Linux 6.18.0-tcpsim \1 \2(1 CPU)',
                  text, count=1, flags=re.M)
    blocks = text.split('\n\n')
    totals = {}
    samples = 0
    res = []
    for b in blocks:
        rows = b.split('\n')
        if len(rows) >= 2 and '/s' in rows[0] and not rows[1].startswith('Average:'):
            vals = rows[1].split()[1:]
            counts = [round(float(v)) for v in vals]
            head = tuple(rows[0].split()[1:])
            totals.setdefault(head, [0] * len(counts))
            totals[head] = [a + c for a, c in zip(totals[head], counts)]
            rows[1] = '%-11s' % rows[1].split()[0] + ''.join(' %9.2f' % c for c in counts)
            if head[0] == 'active/s':
                samples += 1
        elif len(rows) >= 2 and '/s' in rows[0]:
            head = tuple(rows[0].split()[1:])
            rows[1] = '%-11s' % 'Average:' + ''.join(' %9.2f' % (t / samples) for t in totals[head])
        res.append('\n'.join(rows))
    return '\n\n'.join(res)


for path in glob.glob(os.path.join(out, '*.real')):
    base = os.path.basename(path)[:-5]
    host = 'client' if base.endswith('client') else 'server'
    if base.startswith('lsof'):
        text = lsof(path, host)
    elif base.startswith('ss-p'):
        text = ss(path, host)
    elif base.startswith('sar'):
        text = sar(path)
    else:
        continue
    open(os.path.join(out, base + '.txt'), 'w').write(text)
