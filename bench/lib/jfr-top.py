#!/usr/bin/env python3
"""Summarises `jfr print --events jdk.ExecutionSample` output: top self frames, top inclusive packages and the
inclusive share of chosen frames, so that a profile reads as "where the CPU goes" without a GUI."""
import collections
import re
import sys

FRAME = re.compile(r'^\s+([\w$.<>/]+)\(')


def stacks(path):
    stack, inside = [], False
    for line in open(path, encoding='utf-8', errors='replace'):
        if line.startswith('jdk.ExecutionSample'):
            stack, inside = [], True
        elif inside and line.strip().startswith('stackTrace'):
            continue
        elif inside and line.strip() == ']':
            pass
        elif inside and line.strip() == '}':
            inside = False
            if stack:
                yield stack
        elif inside:
            m = FRAME.match(line)
            if m:
                stack.append(m.group(1))


def package(frame, depth=3):
    parts = frame.split('.')
    return '.'.join(parts[:min(depth, len(parts) - 2)]) if len(parts) > 2 else frame


def main():
    samples = list(stacks(sys.argv[1]))
    total = len(samples) or 1
    self_frames = collections.Counter(s[0] for s in samples)
    inclusive = collections.Counter()
    packages = collections.Counter()
    for s in samples:
        for f in set(s):
            inclusive[f] += 1
        packages[package(s[0])] += 1
    print(f'{len(samples)} samples')
    print('-- top self frames')
    for f, n in self_frames.most_common(25):
        print(f'{100 * n / total:5.1f}%  {f}')
    print('-- self time by package')
    for f, n in packages.most_common(20):
        print(f'{100 * n / total:5.1f}%  {f}')
    print('-- inclusive (frames in Piaf, Spring, R2DBC, Jackson, crypto, logging)')
    keep = re.compile(r'^(io\.piaf|org\.springframework\.(web|security|r2dbc|transaction)|io\.r2dbc|tools\.jackson|'
                      r'javax\.crypto|com\.sun\.crypto|ch\.qos|org\.slf4j|io\.micrometer|reactor\.netty|io\.netty\.handler)')
    for f, n in [(f, n) for f, n in inclusive.most_common(400) if keep.match(f)][:45]:
        print(f'{100 * n / total:5.1f}%  {f}')


if __name__ == '__main__':
    main()
