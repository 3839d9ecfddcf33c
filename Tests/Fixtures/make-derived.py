#!/usr/bin/env python3
"""Derives the fixtures in derived/ and bad/ from the real answers in recordings/.

Run from Tests/Fixtures. Every value stays as Prometheus served it; the bad inputs
change exactly one thing each (see README.md)."""
import json, os

src = open('recordings/heapleak/prometheus/query_range.json').read()
res = json.loads(src)['data']['result']

def dump(results, path):
    out = '{"status":"success","data":{"resultType":"matrix","result":[' + ','.join(json.dumps(r, separators=(',', ':')) for r in results) + ']}}'
    open(path, 'w').write(out)

def memory(name):
    return name.startswith('go_memory_classes_') or name == 'process_resident_memory_bytes'

os.makedirs('derived', exist_ok=True)
dump([r for r in res if not r['metric']['__name__'].startswith('go_memory_classes_')], 'derived/heapleak-memstats-only.json')
dump([r for r in res if r['metric']['__name__'].startswith('go_memory_classes_')], 'derived/heapleak-no-rss.json')
steady = json.load(open('recordings/steady/prometheus/query_range.json'))['data']['result']
dump([r for r in res if memory(r['metric']['__name__'])] + [r for r in steady if memory(r['metric']['__name__'])], 'derived/two-instances.json')

os.makedirs('bad', exist_ok=True)
open('bad/not-json.json', 'w').write('<html><body>502 Bad Gateway</body></html>\n')
open('bad/empty.json', 'w').write('')
open('bad/truncated.json', 'w').write(src[:5000])
open('bad/prometheus-error.json', 'w').write('{"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:1: parse error: unexpected \\"}\\""}')
open('bad/vector.json', 'w').write('{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"go_memory_classes_total_bytes","job":"api"},"value":[1795851163.588,"1"]}]}}')
dump([r for r in res if r['metric']['__name__'].startswith('process_')], 'bad/no-go-memory.json')
mem = [r for r in res if memory(r['metric']['__name__'])]
nan = json.loads(json.dumps(mem))
for r in nan:
    if r['metric']['__name__'] == 'go_memory_classes_heap_objects_bytes':
        r['values'][40][1] = 'NaN'
dump(nan, 'bad/nan-memory-class.json')

# Repaired with a warning, not rejected: two swapped samples in heap_free, and
# values[20] of heap_objects given twice (as a federating store may answer).
ooo = json.loads(json.dumps(mem))
for r in ooo:
    if r['metric']['__name__'] == 'go_memory_classes_heap_free_bytes':
        r['values'][10], r['values'][11] = r['values'][11], r['values'][10]
    if r['metric']['__name__'] == 'go_memory_classes_heap_objects_bytes':
        r['values'].insert(21, list(r['values'][20]))
dump(ooo, 'derived/out-of-order.json')

# The known underflow of /memory/classes/heap/unused: a small negative number read
# as uint64, at values[30..32].
under = json.loads(json.dumps(mem))
for r in under:
    if r['metric']['__name__'] == 'go_memory_classes_heap_unused_bytes':
        for i in (30, 31, 32):
            r['values'][i][1] = '18446744073709543000'
dump(under, 'derived/heap-unused-underflow.json')

# A restart: heapleak's first 74 samples, then steady's first 74, moved in time so the
# new process starts 1 s after heapleak's 75th sample would have been taken (its start
# time moves with it) and labelled as heapleak. The GC cycle counter falls with it.
def keep(name):
    return memory(name) or name in ('process_start_time_seconds', 'go_gc_cycles_total_gc_cycles_total', 'go_info')
first = [r for r in res if keep(r['metric']['__name__'])]
later = {r['metric']['__name__']: r for r in steady if keep(r['metric']['__name__'])}
t74 = first[0]['values'][74][0]
start_steady = float(later['process_start_time_seconds']['values'][0][1])
offset = round(t74 + 1 - start_steady, 3)
spliced = []
for r in first:
    other = later[r['metric']['__name__']]
    values = r['values'][:74]
    for t, v in other['values'][:74]:
        if r['metric']['__name__'] == 'process_start_time_seconds':
            v = repr(round(float(v) + offset, 3))
        values.append([round(t + offset, 3), v])
    spliced.append({'metric': r['metric'], 'values': values})
dump(spliced, 'derived/restart.json')
