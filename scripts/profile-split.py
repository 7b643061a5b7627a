#!/usr/bin/env python3
"""Each thread group's CPU in an e2e pair's measured window, split into our code and James's own
(docs/benchmarks.md, issue 18, twelfth round).

Usage: scripts/profile-split.py HOMES [MAILS]
  HOMES: the directory an e2e run names on its first line, with a1/ap.jfr and b1/ap.jfr recorded by
  async-profiler at a fixed CPU interval, e.g.
    java -Xmx3g -Dteaminbox.e2e.serverJvmOptions="-agentpath:<libasyncProfiler.so>=start,event=itimer,interval=2ms,jfr,file={home}/ap.jfr" \\
        -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \\
        com.teaminbox.benchmarks.e2e.EndToEndBenchmark --quick --no-docs
  MAILS: the measured mails (2000 by default).
  The window: from the spooler's first sample after its last pause of 5 s or more (the rest after the
  warm-up) to its last sample, plus 2 s.
For each thread group of each server: ms of CPU per mail (samples x interval / mails), of which in a
stack holding a frame of com.teaminbox ("ours") and in the others ("James": James, netty, Reactor, the
JDK working for James), and the share of James's samples whose running Java frame was C1-compiled or
interpreted (code the JIT has not yet compiled at its top tier). A thread whose "James" part grows
from (a) to (b) does the same work more slowly in (b), or more of it.
"""
import collections
import datetime
import json
import re
import subprocess
import sys

INTERVAL_MS = 2.0


def samples(jfr):
    out = subprocess.run(['jfr', 'print', '--json', '--stack-depth', '400', '--events', 'jdk.ExecutionSample', jfr],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)['recording']['events']


def instant(event):
    return datetime.datetime.fromisoformat(event['values']['startTime'][:26].rstrip('Z'))


def thread(event):
    sampled = event['values'].get('sampledThread') or {}
    return sampled.get('javaName') or sampled.get('osName') or '?'


def window(events):
    spooler = sorted(instant(e) for e in events if 'spooler' in thread(e))
    start = spooler[0]
    for earlier, later in zip(spooler, spooler[1:]):
        if (later - earlier).total_seconds() >= 5:
            start = later
    end = spooler[-1] + datetime.timedelta(seconds=2)
    start -= datetime.timedelta(seconds=0.5)
    return [e for e in events if start <= instant(e) <= end]


def split(events):
    groups = collections.defaultdict(collections.Counter)
    for event in events:
        group = re.sub(r'\d+', 'N', thread(event))[:24]
        frames = (event['values'].get('stackTrace') or {}).get('frames', [])
        if any('com/teaminbox' in f['method']['type']['name'] or 'com.teaminbox' in f['method']['type']['name'] for f in frames):
            groups[group]['ours'] += 1
            continue
        groups[group]['james'] += 1
        running = next((f.get('type') for f in frames if f.get('type') not in ('Native', 'Kernel', 'C++')), None)
        if running in ('C1 compiled', 'Interpreted'):
            groups[group]['james below top tier'] += 1
    return groups


def main():
    homes = sys.argv[1]
    mails = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    per_mail = INTERVAL_MS / mails
    servers = {name: split(window(samples(f'{homes}/{name}/ap.jfr'))) for name in ('a1', 'b1')}
    names = sorted(set(servers['a1']) | set(servers['b1']),
                   key=lambda g: -sum(servers['b1'][g].values()) - sum(servers['a1'][g].values()))
    print(f'{"thread group":26s} | {"(a) James":>9s} {"top tier":>8s} | {"(b) ours":>8s} {"(b) James":>9s} {"top tier":>8s} | James b-a')
    for group in names:
        a, b = servers['a1'][group], servers['b1'][group]
        if sum(a.values()) + sum(b.values()) < 20:
            continue
        def below(counts):
            return f'{100 * (1 - counts["james below top tier"] / counts["james"]):.0f} %' if counts['james'] else '-'
        print(f'{group:26s} | {a["james"] * per_mail:9.2f} {below(a):>8s} | {b["ours"] * per_mail:8.2f} {b["james"] * per_mail:9.2f} '
              f'{below(b):>8s} | {(b["james"] - a["james"]) * per_mail:+.2f}')
    print('ms of CPU per mail; "top tier": share of James\'s samples running C2-compiled code')


if __name__ == '__main__':
    main()
