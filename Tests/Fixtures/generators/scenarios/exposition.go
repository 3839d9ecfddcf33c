package main

// The /metrics body that client_golang 1.14's Go collector (with every runtime/metrics
// metric exposed, as in the shared recordings) and process collector would serve, in
// text format 0.0.4. Only the standard library is used, so the naming, bucketing and
// number formatting of client_golang and prometheus/common/expfmt are reproduced here:
//
//   - runtime/metrics names become go_<subsystem>_<name>_<unit>[_total]
//     (internal.RuntimeMetricsToProm);
//   - histograms are re-bucketed to powers of 2 (bytes) or 10 (seconds, capped at 1 s)
//     and their upper bounds moved one float64 down (batchHistogram);
//   - go_memstats_* are derived from the same runtime/metrics read (memStatsFromRM),
//     which is what 1.14 does on Go >= 1.17: mallocs/frees include tiny allocations,
//     heap_alloc equals go_memory_classes_heap_objects_bytes;
//   - go_gc_duration_seconds, go_memstats_last_gc_time_seconds come from
//     debug.ReadGCStats; go_threads from runtime.ThreadCreateProfile;
//   - process_* from /proc/self/stat, /proc/stat (btime), /proc/self/fd and
//     /proc/self/limits (prometheus/procfs);
//   - families sorted by name; floats written as strconv 'g' -1 except 0, 1, -1.

import (
	"bytes"
	"math"
	"os"
	"path"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sort"
	"strconv"
	"strings"
	"time"
)

type promSample struct {
	suffix string // "", "_bucket", "_sum", "_count"
	labels string // already formatted `name="value",...`, or ""
	value  float64
}

type promFamily struct {
	name, help, typ string
	samples         []promSample
}

// rmHistogram is client_golang's batchHistogram: coarse buckets (inclusive lower
// bounds, runtime/metrics style) and whether an exact sum exists.
type rmHistogram struct {
	buckets []float64
	counts  []uint64
	sumFrom string // runtime/metrics name of the exact sum, or ""
}

type rmExposed struct {
	desc      metrics.Description
	name      string
	histogram *rmHistogram
	counter   float64 // counters never go down in client_golang
}

type exposition struct {
	exposed   []*rmExposed
	samples   []metrics.Sample
	index     map[string]int
	pageSize  uint64
	bootTime  float64
	goVersion string
}

var exactSumForHistogram = map[string]string{
	"/gc/heap/allocs-by-size:bytes": "/gc/heap/allocs:bytes",
	"/gc/heap/frees-by-size:bytes":  "/gc/heap/frees:bytes",
}

func newExposition() *exposition {
	e := &exposition{index: map[string]int{}, pageSize: uint64(os.Getpagesize()), goVersion: runtime.Version()}
	all := metrics.All()
	for _, d := range all {
		e.index[d.Name] = len(e.samples)
		e.samples = append(e.samples, metrics.Sample{Name: d.Name})
	}
	metrics.Read(e.samples) // the buckets are fixed for the process's lifetime
	for _, d := range all {
		name, ok := runtimeMetricToProm(d)
		if !ok {
			continue
		}
		x := &rmExposed{desc: d, name: name}
		if d.Kind == metrics.KindFloat64Histogram {
			unit := d.Name[strings.IndexRune(d.Name, ':')+1:]
			buckets := bucketsForUnit(e.samples[e.index[d.Name]].Value.Float64Histogram().Buckets, unit)
			if buckets[0] == math.Inf(-1) {
				buckets = buckets[1:]
			}
			x.histogram = &rmHistogram{buckets: buckets, counts: make([]uint64, len(buckets)-1), sumFrom: exactSumForHistogram[d.Name]}
		}
		e.exposed = append(e.exposed, x)
	}
	e.bootTime = readBootTime()
	return e
}

func runtimeMetricToProm(d metrics.Description) (string, bool) {
	comp := strings.SplitN(d.Name, ":", 2)
	key, unit := comp[0], comp[1]
	subsystem := path.Dir(key[1:])
	name := path.Base(key)
	subsystem = strings.ReplaceAll(subsystem, "/", "_")
	subsystem = strings.ReplaceAll(subsystem, "-", "_")
	unit = strings.ReplaceAll(unit, "-", "_")
	unit = strings.ReplaceAll(unit, "*", "_")
	unit = strings.ReplaceAll(unit, "/", "_per_")
	name = strings.ReplaceAll(name, "-", "_")
	name += "_" + unit
	if d.Cumulative && d.Kind != metrics.KindFloat64Histogram {
		name += "_total"
	}
	full := "go_" + subsystem + "_" + name
	switch d.Kind {
	case metrics.KindUint64, metrics.KindFloat64, metrics.KindFloat64Histogram:
	default:
		return full, false
	}
	return full, validMetricName(full)
}

func validMetricName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		ok := c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9' && i > 0)
		if !ok {
			return false
		}
	}
	return true
}

func bucketsForUnit(buckets []float64, unit string) []float64 {
	switch unit {
	case "bytes":
		return reBucketExp(buckets, 2)
	case "seconds":
		b := reBucketExp(buckets, 10)
		for i := range b {
			if b[i] <= 1 {
				continue
			}
			b[i] = math.Inf(1)
			b = b[:i+1]
			break
		}
		return b
	}
	return buckets
}

func reBucketExp(buckets []float64, base float64) []float64 {
	bucket := buckets[0]
	var out []float64
	if bucket == math.Inf(-1) {
		out = append(out, bucket)
		buckets = buckets[1:]
		bucket = buckets[0]
	}
	for i := 1; i < len(buckets); i++ {
		if bucket >= 0 && buckets[i] < bucket*base {
			continue
		} else if bucket < 0 && buckets[i] < bucket/base {
			continue
		}
		out = append(out, bucket)
		bucket = buckets[i]
	}
	return append(out, bucket)
}

func (h *rmHistogram) update(his *metrics.Float64Histogram) {
	for i := range h.counts {
		h.counts[i] = 0
	}
	j := 0
	for i, count := range his.Counts {
		h.counts[j] += count
		if his.Buckets[i+1] == h.buckets[j+1] {
			j++
		}
	}
}

func (h *rmHistogram) family(name, help string, exactSum float64) promFamily {
	f := promFamily{name: name, help: help, typ: "histogram"}
	sum := 0.0
	if h.sumFrom != "" {
		sum = exactSum
	}
	var total uint64
	for i, count := range h.counts {
		total += count
		if h.sumFrom == "" && count != 0 {
			sum += h.buckets[i] * float64(count)
		}
		if math.IsInf(h.buckets[i+1], 1) {
			break
		}
		upper := math.Nextafter(h.buckets[i+1], h.buckets[i])
		f.samples = append(f.samples, promSample{"_bucket", `le="` + formatFloat(upper) + `"`, float64(total)})
	}
	// expfmt adds the +Inf bucket when the last one is finite.
	f.samples = append(f.samples, promSample{"_bucket", `le="+Inf"`, float64(total)})
	f.samples = append(f.samples, promSample{"_sum", "", sum})
	f.samples = append(f.samples, promSample{"_count", "", float64(total)})
	return f
}

func scalar(v metrics.Value) float64 {
	switch v.Kind() {
	case metrics.KindUint64:
		return float64(v.Uint64())
	case metrics.KindFloat64:
		return v.Float64()
	}
	return math.NaN()
}

func (e *exposition) uint(name string) uint64 {
	i, ok := e.index[name]
	if !ok || e.samples[i].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return e.samples[i].Value.Uint64()
}

// collect reads everything once and returns the families, sorted by name.
func (e *exposition) collect() []promFamily {
	var fams []promFamily
	gauge := func(name, help string, v float64) {
		fams = append(fams, promFamily{name, help, "gauge", []promSample{{"", "", v}}})
	}
	counter := func(name, help string, v float64) {
		fams = append(fams, promFamily{name, help, "counter", []promSample{{"", "", v}}})
	}

	// baseGoCollector
	gauge("go_goroutines", "Number of goroutines that currently exist.", float64(runtime.NumGoroutine()))
	threads, _ := runtime.ThreadCreateProfile(nil)
	gauge("go_threads", "Number of OS threads created.", float64(threads))
	var gc debug.GCStats
	gc.PauseQuantiles = make([]time.Duration, 5)
	debug.ReadGCStats(&gc)
	summary := promFamily{name: "go_gc_duration_seconds", help: "A summary of the pause duration of garbage collection cycles.", typ: "summary"}
	for i, q := range gc.PauseQuantiles {
		summary.samples = append(summary.samples, promSample{"", `quantile="` + formatFloat(float64(i)/4) + `"`, q.Seconds()})
	}
	summary.samples = append(summary.samples, promSample{"_sum", "", gc.PauseTotal.Seconds()}, promSample{"_count", "", float64(gc.NumGC)})
	fams = append(fams, summary)
	fams = append(fams, promFamily{"go_info", "Information about the Go environment.", "gauge",
		[]promSample{{"", `version="` + escapeLabel(e.goVersion) + `"`, 1}}})
	gauge("go_memstats_last_gc_time_seconds", "Number of seconds since 1970 of last garbage collection.", float64(gc.LastGC.UnixNano())/1e9)

	// runtime/metrics
	metrics.Read(e.samples)
	for _, x := range e.exposed {
		s := e.samples[e.index[x.desc.Name]]
		switch {
		case x.histogram != nil:
			x.histogram.update(s.Value.Float64Histogram())
			exact := 0.0
			if x.histogram.sumFrom != "" {
				exact = scalar(e.samples[e.index[x.histogram.sumFrom]].Value)
			}
			fams = append(fams, x.histogram.family(x.name, x.desc.Description, exact))
		case x.desc.Cumulative:
			if v := scalar(s.Value); v > x.counter {
				x.counter = v
			}
			counter(x.name, x.desc.Description, x.counter)
		default:
			gauge(x.name, x.desc.Description, scalar(s.Value))
		}
	}

	// memStatsFromRM
	tiny := e.uint("/gc/heap/tiny/allocs:objects")
	heapAlloc := e.uint("/memory/classes/heap/objects:bytes")
	heapInuse := heapAlloc + e.uint("/memory/classes/heap/unused:bytes")
	heapReleased := e.uint("/memory/classes/heap/released:bytes")
	heapIdle := heapReleased + e.uint("/memory/classes/heap/free:bytes")
	stackInuse := e.uint("/memory/classes/heap/stacks:bytes")
	mspanInuse := e.uint("/memory/classes/metadata/mspan/inuse:bytes")
	mcacheInuse := e.uint("/memory/classes/metadata/mcache/inuse:bytes")
	f := func(v uint64) float64 { return float64(v) }
	gauge("go_memstats_alloc_bytes", "Number of bytes allocated and still in use.", f(heapAlloc))
	counter("go_memstats_alloc_bytes_total", "Total number of bytes allocated, even if freed.", f(e.uint("/gc/heap/allocs:bytes")))
	gauge("go_memstats_sys_bytes", "Number of bytes obtained from system.", f(e.uint("/memory/classes/total:bytes")))
	counter("go_memstats_lookups_total", "Total number of pointer lookups.", 0)
	counter("go_memstats_mallocs_total", "Total number of mallocs.", f(e.uint("/gc/heap/allocs:objects")+tiny))
	counter("go_memstats_frees_total", "Total number of frees.", f(e.uint("/gc/heap/frees:objects")+tiny))
	gauge("go_memstats_heap_alloc_bytes", "Number of heap bytes allocated and still in use.", f(heapAlloc))
	gauge("go_memstats_heap_sys_bytes", "Number of heap bytes obtained from system.", f(heapInuse+heapIdle))
	gauge("go_memstats_heap_idle_bytes", "Number of heap bytes waiting to be used.", f(heapIdle))
	gauge("go_memstats_heap_inuse_bytes", "Number of heap bytes that are in use.", f(heapInuse))
	gauge("go_memstats_heap_released_bytes", "Number of heap bytes released to OS.", f(heapReleased))
	gauge("go_memstats_heap_objects", "Number of allocated objects.", f(e.uint("/gc/heap/objects:objects")))
	gauge("go_memstats_stack_inuse_bytes", "Number of bytes in use by the stack allocator.", f(stackInuse))
	gauge("go_memstats_stack_sys_bytes", "Number of bytes obtained from system for stack allocator.", f(stackInuse+e.uint("/memory/classes/os-stacks:bytes")))
	gauge("go_memstats_mspan_inuse_bytes", "Number of bytes in use by mspan structures.", f(mspanInuse))
	gauge("go_memstats_mspan_sys_bytes", "Number of bytes used for mspan structures obtained from system.", f(mspanInuse+e.uint("/memory/classes/metadata/mspan/free:bytes")))
	gauge("go_memstats_mcache_inuse_bytes", "Number of bytes in use by mcache structures.", f(mcacheInuse))
	gauge("go_memstats_mcache_sys_bytes", "Number of bytes used for mcache structures obtained from system.", f(mcacheInuse+e.uint("/memory/classes/metadata/mcache/free:bytes")))
	gauge("go_memstats_buck_hash_sys_bytes", "Number of bytes used by the profiling bucket hash table.", f(e.uint("/memory/classes/profiling/buckets:bytes")))
	gauge("go_memstats_gc_sys_bytes", "Number of bytes used for garbage collection system metadata.", f(e.uint("/memory/classes/metadata/other:bytes")))
	gauge("go_memstats_other_sys_bytes", "Number of bytes used for other system allocations.", f(e.uint("/memory/classes/other:bytes")))
	gauge("go_memstats_next_gc_bytes", "Number of heap bytes when next garbage collection will take place.", f(e.uint("/gc/heap/goal:bytes")))

	// processCollector (Linux, prometheus/procfs)
	if st, err := readSelfStat(); err == nil {
		counter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", float64(st.utime+st.stime)/userHZ)
		gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.", float64(st.vsize))
		gauge("process_resident_memory_bytes", "Resident memory size in bytes.", float64(st.rss*e.pageSize))
		if e.bootTime > 0 {
			gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.", e.bootTime+float64(st.starttime)/userHZ)
		}
	}
	if n, err := openFDs(); err == nil {
		gauge("process_open_fds", "Number of open file descriptors.", float64(n))
	}
	if maxFDs, maxAS, err := readLimits(); err == nil {
		gauge("process_max_fds", "Maximum number of open file descriptors.", float64(maxFDs))
		gauge("process_virtual_memory_max_bytes", "Maximum amount of virtual memory available in bytes.", float64(maxAS))
	}

	sort.Slice(fams, func(i, j int) bool { return fams[i].name < fams[j].name })
	return fams
}

func (e *exposition) render() []byte {
	var b bytes.Buffer
	for _, fam := range e.collect() {
		b.WriteString("# HELP " + fam.name + " " + escapeHelp(fam.help) + "\n")
		b.WriteString("# TYPE " + fam.name + " " + fam.typ + "\n")
		for _, s := range fam.samples {
			b.WriteString(fam.name + s.suffix)
			if s.labels != "" {
				b.WriteString("{" + s.labels + "}")
			}
			b.WriteString(" " + formatFloat(s.value) + "\n")
		}
	}
	return b.Bytes()
}

// formatFloat is expfmt's writeFloat.
func formatFloat(f float64) string {
	switch {
	case f == 1:
		return "1"
	case f == 0:
		return "0"
	case f == -1:
		return "-1"
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, +1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

var (
	helpEscaper  = strings.NewReplacer(`\`, `\\`, "\n", `\n`)
	labelEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`)
)

func escapeHelp(s string) string { return helpEscaper.Replace(s) }

func escapeLabel(s string) string { return labelEscaper.Replace(s) }
