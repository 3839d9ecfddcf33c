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
ooo = json.loads(json.dumps(mem))
for r in ooo:
    if r['metric']['__name__'] == 'go_memory_classes_heap_free_bytes':
        r['values'][10], r['values'][11] = r['values'][11], r['values'][10]
dump(ooo, 'bad/out-of-order.json')
