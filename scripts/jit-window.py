#!/usr/bin/env python3
"""What the JIT compiled in an e2e server's measured window, and why (docs/benchmarks.md, issue 18: jit9).

Usage: scripts/jit-window.py SERVER_HOME [kinds | seconds | recompiles]
  SERVER_HOME: an e2e server's home (<homes>/a1, <homes>/b1) whose server.jfr was recorded with every
  compilation (jdk.Compilation's threshold at 0 ms), e.g. with a copy of the JDK's profile settings:
    sed 's|compiler-compilation-threshold">100 ms|compiler-compilation-threshold">0 ms|' \\
        $JAVA_HOME/lib/jfr/profile.jfc > /tmp/jit.jfc
    java -Dteaminbox.e2e.serverJvmOptions="-XX:StartFlightRecording=filename={home}/server.jfr,settings=/tmp/jit.jfc" \\
        -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \\
        com.teaminbox.benchmarks.e2e.EndToEndBenchmark --quick --no-docs
  The window: from the spooler's first sample after its last pause of 5 s or more (the rest after the
  warm-up) to its last sample, plus 2 s.
  kinds (default): compile seconds and counts in the window, by owner of the compiled method and by
    kind: first (never compiled before: code that ran, or became hot, for the first time), tier-up
    (a higher level than it had), recompile (a level it had before, i.e. after a deoptimization).
  seconds: methods compiled for the first time, per second of uptime in the window, by owner.
  recompiles: the window's recompiles, longest first.
Durations are the compile threads' wall time: on a loaded machine they exceed their CPU time.
"""
import collections
import datetime
import json
import os
import re
import subprocess
import sys


def events(jfr, names):
    out = subprocess.run(['jfr', 'print', '--json', '--stack-depth', '1', '--events', names, jfr],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)['recording']['events']


def instant(text):
    return datetime.datetime.fromisoformat(text[:26].rstrip('Z'))


def seconds(duration):
    match = re.match(r'PT(?:(\d+)M)?([\d.]+)S', duration)
    return int(match.group(1) or 0) * 60 + float(match.group(2)) if match else 0.0


def owner(type_name):
    if '/sla/' in type_name:
        return 'teaminbox sla'
    if type_name.startswith('com/teaminbox/internal/lucene'):
        return 'teaminbox lucene'
    if type_name.startswith('com/teaminbox'):
        return 'teaminbox other'
    if 'Lambda' in type_name:
        return 'lambda'
    if type_name.startswith(('org/apache/james', 'org/apache/mailet')):
        return 'james'
    return 'libs+jdk'


def main():
    if len(sys.argv) < 2 or sys.argv[1] in ('-h', '--help'):
        print(__doc__)
        sys.exit(0 if len(sys.argv) > 1 else 2)
    home, mode = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else 'kinds'
    jfr = os.path.join(home, 'server.jfr')

    def thread(event):
        sampled = event['values'].get('sampledThread') or {}
        return sampled.get('javaName') or sampled.get('osName') or '?'

    spooler = sorted(instant(e['values']['startTime']) for e in events(jfr, 'jdk.ExecutionSample') if 'spooler' in thread(e))
    start = spooler[0]
    for previous, following in zip(spooler, spooler[1:]):
        if (following - previous).total_seconds() >= 5:
            start = following
    end = spooler[-1] + datetime.timedelta(seconds=2)
    jvm_start = instant(events(jfr, 'jdk.JVMInformation')[0]['values']['jvmStartTime'])
    print(f'{home}: window {(start - jvm_start).total_seconds():.1f} to {(end - jvm_start).total_seconds():.1f} s of uptime')

    levels = collections.defaultdict(set)
    table = collections.defaultdict(collections.Counter)
    per_second = collections.defaultdict(collections.Counter)
    recompiles = []
    for event in sorted(events(jfr, 'jdk.Compilation'), key=lambda e: e['values']['startTime']):
        values = event['values']
        method = values['method']
        key = (method['type']['name'], method['name'], method['descriptor'], bool(values.get('isOsr')))
        level = values['compileLevel']
        at = instant(values['startTime'])
        if start <= at <= end:
            had = levels[key]
            kind = 'first' if not had else 'recompile' if level in had or (level < 4 and max(had) == 4) else 'tier-up'
            column = f"{kind}-{'C2' if level == 4 else 'C1'}"
            for row in (owner(method['type']['name']), 'ALL'):
                table[row][column + ' s'] += seconds(values['duration'])
                table[row][column + ' n'] += 1
            if kind == 'first':
                per_second[int((at - jvm_start).total_seconds())][owner(method['type']['name'])] += 1
            if kind == 'recompile':
                recompiles.append((seconds(values['duration']), level, method['type']['name'].replace('/', '.') + '.' + method['name']))
        levels[key].add(level)

    if mode == 'kinds':
        columns = [f'{kind}-{compiler}' for kind in ('first', 'tier-up', 'recompile') for compiler in ('C1', 'C2')]
        print('compile seconds (count)')
        print(f'{"":18s}' + ''.join(f'{column:>16s}' for column in columns))
        for row in sorted(table, key=lambda r: -sum(v for k, v in table[r].items() if k.endswith(' s'))):
            print(f'{row:18s}' + ''.join(f'{table[row][c + " s"]:8.2f} ({int(table[row][c + " n"]):4d})' for c in columns))
    elif mode == 'seconds':
        for second in sorted(per_second):
            print(second, sum(per_second[second].values()), dict(per_second[second]))
    elif mode == 'recompiles':
        for duration, level, name in sorted(recompiles, reverse=True)[:30]:
            print(f'{duration:6.2f} s  level {level}  {name}')
    else:
        sys.exit(f'unknown mode {mode}: kinds, seconds or recompiles')


if __name__ == '__main__':
    main()
