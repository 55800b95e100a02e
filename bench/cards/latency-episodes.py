#!/usr/bin/env python3
# Groups a run's slow answers (over 100 ms) into episodes and prints what PostgreSQL was doing around each.
# Usage: bench/cards/latency-episodes.py <LATENCY_LOG of bench/lib/driver/cards.mjs> <output of bench/cards/pg-sampler>
import sys, bisect
lat = [tuple(map(float, l.split(','))) for l in open(sys.argv[1]) if l.strip()]
samp = []
for l in open(sys.argv[2]):
    p = l.rstrip('\n').split(' ')
    if p and p[0].isdigit(): samp.append((int(p[0]), ' '.join(p[1:])))
lat.sort()
t0 = lat[0][0]
slow = [(s, v) for s, v in lat if v > 100]
print(len(lat), 'answers,', len(slow), 'over 100 ms')
# group slow ones into episodes
ep = []
for s, v in slow:
    if ep and s - ep[-1][1] < 500: ep[-1][1] = s; ep[-1][2] = max(ep[-1][2], v); ep[-1][3] += 1
    else: ep.append([s, s, v, 1])
st = [x[0] for x in samp]
for a, b, m, n in ep:
    i = bisect.bisect_left(st, a - 1000); j = bisect.bisect_right(st, b + 500)
    print(f'episode at +{(a-t0)/1000:.1f}s..+{(b-t0)/1000:.1f}s: {n} slow, max {m:.0f} ms')
    for k in range(i, j): print('   ', f'+{(samp[k][0]-t0)/1000:.2f}s', samp[k][1])
