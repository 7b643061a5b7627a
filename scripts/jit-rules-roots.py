# C2 compiles (count, OSR, codeSize, inlinedBytes, duration: medians over the recordings) and deoptimizations of the
# rules word path, from `jfr print --json --events jdk.Compilation,jdk.Deoptimization` of fresh JVMs (docs/benchmarks.md, jit17rules).
# Usage: python3 scripts/jit-rules-roots.py run1.json run2.json ...
import json, sys, collections, re, statistics
def dur(s):
    if isinstance(s,(int,float)): return s/1e9
    m=re.match(r'PT(?:(\d+)M)?([\d.]+)S',s)
    return (int(m.group(1) or 0)*60+float(m.group(2))) if m else 0
TARGETS=['ByteWordScanner.next','AsciiWordTokenizer.nextChunk','AsciiWordTokenizer.next','ReducedMail.keepWords','MimeMailReader.readName','MimeMailReader.isAscii','TextWords.word']
def name(m):
    t=m.get('type',{}).get('name','?'); return t.split('.')[-1].split('/')[-1]+'.'+m.get('name','?')
# per file: per target: list of (osr, codeSize, inlinedBytes, duration)
per=collections.defaultdict(lambda: collections.defaultdict(list)); deo=collections.defaultdict(lambda: collections.Counter())
for p in sys.argv[1:]:
    ev=json.load(open(p))['recording']['events']
    for e in ev:
        v=e['values']
        if e['type']=='jdk.Compilation' and v['compileLevel']==4:
            n=name(v['method'])
            if n in TARGETS: per[n][p].append((v['isOsr'],v['codeSize'],v['inlinedBytes'],dur(v['duration'])))
        if e['type']=='jdk.Deoptimization':
            n=name(v['method'])
            if n in TARGETS: deo[n][(v.get('reason'),v.get('lineNumber'),v.get('instruction'))]+=1
files=sys.argv[1:]
print(f"{'root':32} {'C2 compiles':>11} {'osr':>4} {'codeSize':>9} {'inlined':>8} {'ms each':>8} {'ms total':>9}  (medians over {len(files)} JVMs)")
for t in TARGETS:
    rows=[per[t][f] for f in files]
    cnt=statistics.median([len(r) for r in rows]); osr=statistics.median([sum(1 for x in r if x[0]) for r in rows])
    allc=[x for r in rows for x in r]
    if not allc: print(f"{t:32} {cnt:>11} {osr:>4}"); continue
    cs=statistics.median([x[1] for x in allc]); ib=statistics.median([x[2] for x in allc]); d=statistics.median([x[3]*1000 for x in allc])
    tot=statistics.median([sum(x[3] for x in r)*1000 for r in rows])
    print(f"{t:32} {cnt:>11} {osr:>4} {cs:>9} {ib:>8} {d:>8.1f} {tot:>9.1f}")
print('-- deopts (all JVMs, per reason/line):')
for t in TARGETS:
    for k,c in deo[t].most_common(): print(f"  {t}: {c} x {k}")
