#!/usr/bin/env python3
"""Writes the hostile fixtures under Tests/Fixtures/injection/ (run it from this folder:
`python3 make-injection.py`). Deterministic: the same bytes on every run.

Every place where a recording's text reaches a report carries the payloads below:
`</script><script>alert(1)</script>`, `"><svg onload=alert(1)>`, `javascript:` URLs,
Mustache syntax, and Unicode bidi and control characters.

- recording/prometheus/query_range.json: heapleak's memory series (real values) as two
  instances whose job, instance and extra label values are payloads, and a go_info
  version label that the "About this data" notes quote.
- recording/pprof/heap-*.pb.gz: two heap profiles (profile.proto, gzip with mtime 0)
  whose function names and file paths are payloads; the second grows in each, so the
  heap-leak finding attributes its growth to them and the diff shows them.
- recording/pprof/goroutine-*.debug2.txt: two goroutine dumps with payload function
  names, file paths and wait reasons; the second has more goroutines.
- recording/notes.md: Markdown with raw HTML, `javascript:` links and images.
- recording/recording.json: a recorder's manifest with a hostile target URL and notes.
- scrapes/metrics/*.prom: twelve of heapleak's /metrics scrapes whose HELP texts and
  label values are payloads.
"""
import gzip, io, json, os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
HEAPLEAK = os.path.join(HERE, "..", "recordings", "heapleak")

SCRIPT = "</script><script>alert(1)</script>"
SVG = "\"><svg onload=alert(1)>"
JS = "javascript:alert(1)"
MUSTACHE = "{{title}}{{{css}}}{{#instances}}"
# Right-to-left override, isolates, C0 controls (NUL, SOH, US, ESC), DEL, line and paragraph separators.
BIDI = "\u202Eevil\u2066x\u2069\u0000\u0001\u001f\u001b\u007f\u2028\u2029end"
PAYLOADS = [SCRIPT, SVG, JS, MUSTACHE, BIDI]

KEPT = ("go_memory_classes_", "process_resident_memory_bytes", "process_start_time_seconds", "go_goroutines",
        "go_gc_cycles_total_gc_cycles_total", "go_gc_heap_goal_bytes", "go_info")


def query_range():
    with open(os.path.join(HEAPLEAK, "prometheus", "query_range.json")) as f:
        answer = json.load(f)
    series = [s for s in answer["data"]["result"] if s["metric"]["__name__"].startswith(KEPT)]
    result = []
    for job, instance, extra in ((SCRIPT, SVG + ":6060", JS), (MUSTACHE + BIDI, JS, SCRIPT + BIDI)):
        for s in series:
            metric = dict(s["metric"], job=job, instance=instance, pod=extra)
            if metric["__name__"] == "go_info":
                metric["version"] = "go1.19.8" + SCRIPT + BIDI
            result.append({"metric": metric, "values": s["values"]})
    answer["data"]["result"] = result
    return json.dumps(answer, separators=(",", ":"), ensure_ascii=True)


# --- profile.proto, by hand (google/pprof's profile.proto field numbers) -------------

def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field(number, value):
    """A varint field, or a length-delimited one for bytes."""
    if isinstance(value, (bytes, bytearray)):
        return varint(number << 3 | 2) + varint(len(value)) + bytes(value)
    return varint(number << 3) + varint(value)


def packed(number, values):
    return field(number, b"".join(varint(v) for v in values))


FUNCTIONS = [
    ("main." + SCRIPT, "/src/" + SCRIPT + ".go"),
    ("main.(*T)." + SVG, "/src/" + SVG + ".go"),
    (JS, JS),
    ("main." + MUSTACHE, "/src/{{x}}.go"),
    ("main." + BIDI, "/src/" + BIDI + ".go"),
    ("main.main", "/src/main.go"),
]


def heap_profile(time_nanos, scale):
    strings = [""]

    def s(text):
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    body = bytearray()
    for kind, unit in (("alloc_objects", "count"), ("alloc_space", "bytes"), ("inuse_objects", "count"), ("inuse_space", "bytes")):
        body += field(1, field(1, s(kind)) + field(2, s(unit)))
    for index in range(len(FUNCTIONS) - 1):
        # Each sample: the payload function called from main.main.
        objects = (index + 1) * 100 * scale
        space = objects * 4096
        body += field(2, packed(1, [index + 1, len(FUNCTIONS)]) + packed(2, [objects, space, objects, space]))
    body += field(3, field(1, 1) + field(2, 0x400000) + field(3, 0x800000) + field(5, s("/bin/" + SVG)) + field(7, 1) + field(8, 1))
    for index, (name, path) in enumerate(FUNCTIONS):
        body += field(4, field(1, index + 1) + field(2, 1) + field(3, 0x401000 + index * 16)
                      + field(4, field(1, index + 1) + field(2, 10 + index)))
        body += field(5, field(1, index + 1) + field(2, s(name)) + field(3, s(name)) + field(4, s(path)) + field(5, 1))
    body += field(9, time_nanos) + field(11, field(1, s("space")) + field(2, s("bytes"))) + field(12, 524288)
    # The string table last, once every index into it has been made.
    for text in strings:
        body += field(6, text.encode("utf-8"))
    return bytes(body)


def gzipped(data):
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, filename="") as f:
        f.write(data)
    return out.getvalue()


def goroutine_dump(blocked):
    groups = [
        ("chan receive, 3 minutes", "main." + SCRIPT, "/src/" + SVG + ".go", "main." + MUSTACHE),
        ("select", "main.(*T)." + SVG, "/src/" + SCRIPT + ".go", "main." + BIDI),
        (SVG + ", 2 minutes", JS, "/src/" + JS + ".go", "main.main"),
    ]
    lines, number = [], 1
    for index, (state, function, path, creator) in enumerate(groups):
        for _ in range(blocked * (index + 1)):
            lines += [f"goroutine {number} [{state}]:",
                      f"{function}(0xc000010000)", f"\t{path}:{40 + index} +0x{index + 1:x}",
                      f"created by {creator}", f"\t/src/main.go:{10 + index} +0x20", ""]
            number += 1
    return "\n".join(lines)


NOTES = f"""# Incident {SCRIPT}

<script>window.__pwned = 1; alert(1)</script>
<img src=x onerror="window.__pwned = 1">
<a href="javascript:alert(1)">raw link</a>

[click me](javascript:alert(1)) · [data](data:text/html,<script>alert(1)</script>) · [vb](vbscript:msgbox(1)) ·
![image](javascript:alert(1)) · <javascript:alert(1)> · [ok](https://example.com/ok) · [relative](heapleak.html)

Title {MUSTACHE} and {SVG} and bidi {BIDI}.
"""


def manifest():
    return json.dumps({
        "schema": "gomemreport/recording/v1", "source": "record", "tool": "gomemreport " + SCRIPT,
        "target": {"url": JS + "//" + SVG + BIDI, "pid": 42, "cgroup": "/sys/fs/cgroup/" + SCRIPT},
        "interval_seconds": 10, "started": "2026-11-28T07:32:43.000Z", "ended": "2026-11-28T07:37:38.000Z",
        "state": "completed", "samples": {"taken": 30, "late": 0, "missed": 0}, "profile_rounds": [],
        "endpoints": [{"endpoint": "metrics", "source": JS + "/" + SCRIPT, "requests": 30, "answers": 29, "bytes": 9000,
                       "absent": False, "skipped": 0,
                       "errors": [{"kind": "timeout", "count": 1, "first": "2026-11-28T07:33:00.000Z",
                                   "last": "2026-11-28T07:33:00.000Z", "message": SVG + MUSTACHE + BIDI}]}],
        "notes": [SCRIPT, BIDI], "error_count": 1,
    }, indent=1, sort_keys=True, ensure_ascii=True)


def scrape(text):
    out = []
    for line in text.splitlines():
        if line.startswith("# HELP "):
            name = line.split(" ")[2]
            line = f"# HELP {name} {SCRIPT} {SVG} {JS} {MUSTACHE} \\u202E"
        elif line.startswith("go_info{"):
            line = 'go_info{version="go1.19.8' + SCRIPT.replace('"', '\\"') + BIDI.replace("\u0000", "").replace("\n", "") + '"} 1'
        out.append(line)
    return "\n".join(out) + "\n"


def write(path, data):
    path = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def main():
    for folder in ("recording", "scrapes"):
        shutil.rmtree(os.path.join(HERE, folder), ignore_errors=True)
    write("recording/prometheus/query_range.json", query_range())
    # Within heapleak's window (07:32:43–07:37:37 UTC on 2026-11-28).
    write("recording/pprof/heap-20261128T073300000Z.pb.gz", gzipped(heap_profile(1795851180_000000000, 1)))
    write("recording/pprof/heap-20261128T073730000Z.pb.gz", gzipped(heap_profile(1795851450_000000000, 40)))
    write("recording/pprof/goroutine-20261128T073300000Z.debug2.txt", goroutine_dump(2))
    write("recording/pprof/goroutine-20261128T073730000Z.debug2.txt", goroutine_dump(30))
    write("recording/notes.md", NOTES)
    write("recording/recording.json", manifest())
    names = sorted(os.listdir(os.path.join(HEAPLEAK, "metrics")))[:12]
    for name in names:
        with open(os.path.join(HEAPLEAK, "metrics", name)) as f:
            write("scrapes/metrics/" + name, scrape(f.read()))


main()
