#!/usr/bin/env python3
"""Writes the committed hostile corpus (Tests/Fixtures/hostile/<format>/<name>).

Run from this folder: python3 make-hostile.py. Deterministic: the same bytes every run.
The big inputs (100 MB lines, the 10 GiB gzip bomb, 1,000,000 nested brackets, 200,001
series, a 1 GiB sparse file) are made at test time by Tests/TestSupport/HostileInputs.swift
and GzipBomb.swift, not committed. README.md lists every input with its expected error.
"""
import gzip
import os
import random
import re
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
REC = os.path.join(HERE, '..', 'recordings', 'heapleak')
rng = random.Random(8)


def put(path, data):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(full, 'wb') as f:
        f.write(data)


def noise(n):
    return bytes(rng.getrandbits(8) for _ in range(n))


# ---- query_range answers -------------------------------------------------------------
def answer(series):
    return '{"status":"success","data":{"resultType":"matrix","result":[' + ','.join(series) + ']}}'


def one(name, values, labels=''):
    return '{"metric":{"__name__":"%s","job":"api","instance":"10.0.0.7:8080"%s},"values":[%s]}' % (name, labels, values)


CLASSES = ['heap_objects', 'heap_free', 'heap_unused', 'heap_released', 'heap_stacks', 'os_stacks', 'metadata_other',
           'metadata_mspan_inuse', 'metadata_mspan_free', 'metadata_mcache_inuse', 'metadata_mcache_free', 'other',
           'profiling_buckets', 'total']


def memory_answer(value='"1048576"', time='1795851163'):
    return answer([one('go_memory_classes_%s_bytes' % c, '[%s,%s]' % (time, value)) for c in CLASSES])


good = memory_answer()
put('query-range/empty.json', '')
put('query-range/random.json', noise(512))
put('query-range/truncated.json', good[:301])
put('query-range/not-an-object.json', '[1,2,3]\n')
put('query-range/year-30000.json', memory_answer(time='884541312000'))
put('query-range/negative-time.json', memory_answer(time='-1'))
put('query-range/time-1e400.json', memory_answer(time='1e400'))
put('query-range/time-as-string.json', memory_answer(time='"NaN"'))
put('query-range/nan-everywhere.json', answer([one('go_memory_classes_%s_bytes' % c, '[1795851163,"NaN"],[1795851173,"NaN"]') for c in CLASSES]
                                             + [one('process_resident_memory_bytes', '[1795851163,"NaN"]'), one('go_goroutines', '[1795851163,"NaN"]')]))
put('query-range/inf-memory-class.json', memory_answer(value='"+Inf"'))
put('query-range/neg-inf-memory-class.json', memory_answer(value='"-Inf"'))
put('query-range/value-not-a-number.json', memory_answer(value='"12abc"'))
put('query-range/labels-every-escape.json', answer([one('process_resident_memory_bytes', '[1795851163,"1"]',
    labels=r',"note":"q\" b\\ s\/ \b \f \n \r \t nul\u0000 esc\u001b[31m del\u007f ls\u2028 ps\u2029 bidi\u202e pair\ud83d\ude00 bom\ufeff"').replace('"instance":"10.0.0.7:8080"', r'"instance":"evil\n\u001b[2J\u2028host"')]))
put('query-range/lone-surrogate.json', answer([one('go_goroutines', '[1795851163,"1"]', labels=r',"x":"\ud800"')]))
put('query-range/invalid-escape.json', answer([one('go_goroutines', '[1795851163,"1"]', labels=r',"x":"\x41"')]))
put('query-range/control-character.json', answer([one('go_goroutines', '[1795851163,"1"]', labels=',"x":"a\x01b"')]))
put('query-range/unterminated-string.json', '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"go_')
put('query-range/multiline-error.json', '{"status":"error","errorType":"bad_data","error":"line one\\nline two\\r\\u001b[31mred\\u2028three"}')

# ---- /metrics scrapes ----------------------------------------------------------------
scrape = open(os.path.join(REC, 'metrics', '20261128T073242614Z.prom'), 'rb').read()
put('scrapes/empty.prom', '')
put('scrapes/random.prom', noise(600).replace(b'\n', b' ') + b'\n')
cut = scrape.index(b'go_memory_classes_heap_objects_bytes 2.686704e+06') + len('go_memory_classes_heap_objects_bytes 2.68')
put('scrapes/truncated.prom', scrape[:cut])
put('scrapes/year-30000.prom', 'go_memory_classes_heap_objects_bytes 2686704 884541312000000\n')
put('scrapes/year-30000-openmetrics.prom', '# TYPE go_memory_classes_heap_objects_bytes gauge\ngo_memory_classes_heap_objects_bytes 2686704 884541312000\n# EOF\n')
put('scrapes/negative-timestamp.prom', 'go_memory_classes_heap_objects_bytes 2686704 -5000\n')
put('scrapes/nan-timestamp.prom', 'go_memory_classes_heap_objects_bytes 2686704 NaN\n')
put('scrapes/nan-byte-count.prom', scrape.replace(b'go_memory_classes_heap_objects_bytes 2.686704e+06', b'go_memory_classes_heap_objects_bytes NaN'))
put('scrapes/inf-byte-count.prom', re.sub(rb'(?m)^process_resident_memory_bytes .*$', b'process_resident_memory_bytes +Inf', scrape))
put('scrapes/neg-inf-byte-count.prom', 'go_memstats_heap_alloc_bytes -Inf\n')
put('scrapes/labels-every-escape.prom', 'go_info{a="back\\\\slash",b="q\\"uote",c="new\\nline",d="tab\\t"} 1\n')
put('scrapes/unclosed-label.prom', 'go_info{version="go1.19\n')
put('scrapes/bad-metric-name.prom', '0go_goroutines 12\n')
put('scrapes/value-not-a-number.prom', 'go_goroutines 12abc\x1b[2J\n')
put('scrapes/nul-bytes.prom', b'\x00\x00\x00 1\n')

# ---- expvar bodies ------------------------------------------------------------------
body = open(os.path.join(REC, 'expvar', '20261128T073242614Z.json'), 'rb').read()
put('expvar/empty.json', '')
put('expvar/random.json', noise(400).replace(b'\n', b' ') + b'\n')
put('expvar/truncated.json', body[:700])
put('expvar/not-an-object.json', '[1,2,3]\n')
put('expvar/no-memstats.json', '{\n"cmdline": ["/srv/api"]\n}\n')
put('expvar/nan-literal.json', '{\n"memstats": {"HeapAlloc":NaN,"Sys":1}\n}\n')
put('expvar/nan-string.json', '{\n"memstats": {"HeapAlloc":"NaN","Sys":1}\n}\n')
put('expvar/number-1e400.json', '{\n"memstats": {"HeapAlloc":1e400,"Sys":1}\n}\n')
put('expvar/too-many-pauses.json', '{\n"memstats": {"HeapAlloc":1,"PauseNs":[' + ',\n'.join(['1000'] * 300) + '],\n"PauseEnd":[' + ',\n'.join(['1795851163000000000'] * 300) + ']}\n}\n')
put('expvar/pause-in-year-30000.json', '{\n"memstats": {"HeapAlloc":1,"PauseNs":[1000],"PauseEnd":[884541312000000000000]}\n}\n')

# ---- /proc/PID/status and smaps_rollup ----------------------------------------------
put('proc/empty.status', '')
put('proc/random.status', noise(300).replace(b'\n', b' ').replace(b':', b';') + b'\n')
put('proc/vmrss-nan.status', 'Name:\tapi\nVmRSS:\t     NaN kB\n')
put('proc/vmrss-overflow.status', 'Name:\tapi\nVmRSS:\t99999999999999999999 kB\n')
put('proc/vmrss-negative.status', 'Name:\tapi\nVmRSS:\t-4 kB\n')
put('proc/no-rss.smaps_rollup', '55b91329b000-7ffea479f000 ---p 00000000 00:00 0                          [rollup]\nPss:                1182 kB\n')
put('proc/truncated.smaps_rollup', '55b91329b000-7ffea479f000 ---p 00000000 00:00 0                          [rollup]\nRss:                43')

# ---- cgroup v2 files ----------------------------------------------------------------
put('cgroup/empty.stat', '')
put('cgroup/anon-nan.stat', 'anon NaN\nfile 4096\n')
put('cgroup/random.stat', noise(200).replace(b'\n', b' ') + b'\n')
put('cgroup/negative.current', '-1\n')
put('cgroup/overflow.current', '18446744073709551616\n')
put('cgroup/unlimited.max', 'unlimited\n')
put('cgroup/empty.events', '')
put('cgroup/oom-kill-inf.events', 'low 0\nhigh 0\nmax 3\noom 1\noom_kill +Inf\n')

# ---- profile.proto, plain and gzipped --------------------------------------------------
def varint(v):
    v &= (1 << 64) - 1
    out = b''
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def field(n, wire, payload):
    return varint(n << 3 | wire) + payload


def ld(n, b):
    return field(n, 2, varint(len(b)) + b)


def vi(n, v):
    return field(n, 0, varint(v))


def profile(samples=None, locations=None, functions=None, strings=None, extra=b''):
    strings = strings if strings is not None else [b'', b'inuse_space', b'bytes', b'main.leak', b'main.go']
    samples = samples if samples is not None else [ld(2, vi(1, 1) + vi(2, 4096))]
    locations = locations if locations is not None else [ld(4, vi(1, 1) + ld(4, vi(1, 1) + vi(2, 42)))]
    functions = functions if functions is not None else [ld(5, vi(1, 1) + vi(2, 3) + vi(4, 4))]
    out = ld(1, vi(1, 1) + vi(2, 2)) + b''.join(samples) + b''.join(locations) + b''.join(functions)
    return out + b''.join(ld(6, s) for s in strings) + extra


valid = profile()
heap_gz = open(os.path.join(REC, 'pprof', 'heap-20261128T073737664Z.pb.gz'), 'rb').read()
put('proto/empty.pb', '')
put('proto/random.pb', noise(1024))
put('proto/truncated.pb.gz', heap_gz[:len(heap_gz) // 2])
put('proto/truncated.pb', valid[:-4])
put('proto/wrong-magic.pb.gz', b'\x1f\x8c' + heap_gz[2:])
put('proto/corrupt-deflate.pb.gz', heap_gz[:10] + noise(200))
put('proto/varint-11-bytes.pb', ld(1, vi(1, 1) + vi(2, 2)) + varint(9 << 3) + b'\xff' * 10 + b'\x01')
put('proto/varint-overflow.pb', ld(1, vi(1, 1) + vi(2, 2)) + varint(9 << 3) + b'\xff' * 9 + b'\x7f')
put('proto/nested-length-overflow.pb', ld(4, vi(1, 1) + varint(4 << 3 | 2) + varint(1 << 63) + b'\x08\x01'))
put('proto/negative-length.pb', varint(6 << 3 | 2) + varint(-1) + b'abc')
put('proto/string-index-past-table.pb', profile(functions=[ld(5, vi(1, 1) + vi(2, 99) + vi(4, 4))]))
put('proto/negative-string-index.pb', profile(functions=[ld(5, vi(1, 1) + vi(2, -5) + vi(4, 4))]))
put('proto/absent-location.pb', profile(samples=[ld(2, vi(1, 7) + vi(2, 4096))]))
put('proto/absent-function.pb', profile(locations=[ld(4, vi(1, 1) + ld(4, vi(1, 9) + vi(2, 42)))]))
put('proto/location-id-zero.pb', profile(locations=[ld(4, vi(1, 0) + ld(4, vi(1, 1)))]))
put('proto/duplicate-location-ids.pb', profile(locations=[ld(4, vi(1, 1) + ld(4, vi(1, 1) + vi(2, 42))), ld(4, vi(1, 1) + vi(3, 0x401000))]))
put('proto/duplicate-function-ids.pb', profile(functions=[ld(5, vi(1, 1) + vi(2, 3) + vi(4, 4)), ld(5, vi(1, 1) + vi(2, 4))]))
put('proto/string-table-starts-wrong.pb', profile(strings=[b'x', b'inuse_space', b'bytes', b'main.leak', b'main.go']))
put('proto/value-count-mismatch.pb', profile(samples=[ld(2, vi(1, 1) + vi(2, 1) + vi(2, 2))]))
put('proto/wire-type-7.pb', b'\x0f\x00')
put('proto/bomb-1KiB.pb.gz', gzip.compress(b'\x00' * (1 << 20), 9, mtime=0))
put('proto/nested-gzip.pb.gz', gzip.compress(gzip.compress(b'\x00' * (1 << 20), 9, mtime=0), 9, mtime=0))
put('proto/two-members-second-corrupt.pb.gz', gzip.compress(valid, 9, mtime=0) + b'\x1f\x8b\x08\x00' + noise(40))

# ---- heap profile, debug=1 ------------------------------------------------------------
heap = open(os.path.join(REC, 'pprof', 'heap-20261128T073242588Z.debug1.txt'), 'rb').read()
put('heap-debug1/truncated.txt', heap[:2000])
put('heap-debug1/header-nan.txt', 'heap profile: NaN: 3312 [79: 3977008] @ heap/1048576\n')
put('heap-debug1/count-overflow.txt', 'heap profile: 1: 99999999999999999999 [1: 1] @ heap/1048576\n1: 99999999999999999999 [1: 1] @ 0x1\n')
put('heap-debug1/bad-address.txt', 'heap profile: 1: 1 [1: 1] @ heap/1048576\n1: 1 [1: 1] @ 0xZZ\n')
put('heap-debug1/memstats-nan.txt', heap.replace(b'# Alloc = 2670320', b'# Alloc = NaN'))
put('heap-debug1/garbage-after-header.txt', b'heap profile: 1: 1 [1: 1] @ heap/1048576\n' + noise(300).replace(b'\n', b' ') + b'\n')

# ---- goroutine profile, debug=1 ---------------------------------------------------------
g1 = open(os.path.join(HERE, '..', 'pprof', 'goroutine-debug1.txt'), 'rb').read()
put('goroutine-debug1/total-mismatch.txt', g1.replace(b'goroutine profile: total 19', b'goroutine profile: total 20'))
put('goroutine-debug1/negative-count.txt', 'goroutine profile: total 1\n-1 @ 0x4375f6\n#\t0x4375f5\tmain.f+0x1\tmain.go:1\n\n')
put('goroutine-debug1/truncated.txt', g1[:500])
put('goroutine-debug1/total-overflow.txt', 'goroutine profile: total 99999999999999999999\n')

# ---- goroutine dump, debug=2 -------------------------------------------------------------
g2 = open(os.path.join(HERE, '..', 'pprof', 'goroutine-debug2.txt'), 'rb').read()
put('goroutine-debug2/truncated.txt', g2[:1000])
put('goroutine-debug2/bad-id.txt', 'goroutine x [running]:\nmain.main()\n\t/x/main.go:1 +0x1\n\n')
put('goroutine-debug2/minutes-overflow.txt', 'goroutine 1 [chan receive, 99999999999999999999 minutes]:\nmain.main()\n\t/x/main.go:1 +0x1\n\n')
put('goroutine-debug2/frame-without-file.txt', 'goroutine 1 [running]:\nmain.main()\nmain.other()\n\n')

# ---- recording.json manifests ----------------------------------------------------------
manifest = ('{"schema":"gomemreport/recording/v1","source":"record","tool":"gomemreport 0.1.0",'
            '"target":{"url":"http://127.0.0.1:8080"},"interval_seconds":%s,"started":"%s","state":"completed",'
            '"samples":{"taken":%s,"late":0,"missed":0},"profile_rounds":[],"endpoints":[],"notes":[],"error_count":0}\n')
put('manifest/empty.json', '')
put('manifest/nan.json', manifest % ('NaN', '2026-11-28T07:32:42.614Z', '1'))
put('manifest/interval-1e300.json', manifest % ('1e300', '2026-11-28T07:32:42.614Z', '1'))
put('manifest/started-year-30000.json', manifest % ('10', '30000-01-01T00:00:00.000Z', '1'))
put('manifest/negative-samples.json', manifest % ('10', '2026-11-28T07:32:42.614Z', '-1'))
put('manifest/wrong-schema.json', '{"schema":"gomemreport/recording/v9","source":"record"}\n')

# ---- notes -------------------------------------------------------------------------------
put('notes/not-utf8.md', b'# Incident\n\xff\xfe broken \xc3\x28\n')
