// Command scenarios runs one Go program with a known memory behaviour, in one of two
// modes.
//
// Recording mode (-out DIR) records itself the way gomemreport reads a recording (see
// README.md "Recording layout"):
//
//	metrics/<stamp>.prom         /metrics as client_golang 1.14 serves it (text 0.0.4)
//	proc/<stamp>.status          /proc/self/status
//	expvar/<stamp>.json          /debug/vars (cmdline, memstats)
//	pprof/heap-<stamp>.pb.gz     heap profile at the start, middle and end
//	pprof/goroutine-<stamp>.pb.gz
//	pprof/heap-<stamp>.debug1.txt, goroutine-<stamp>.debug2.txt   at the start and end
//	notes.md                     the scenario, command line and the correct diagnosis
//
// The workload starts at once; the first sample is taken after -warmup, then one
// every -interval (aligned to the first, no drift) for -duration; then it exits.
//
//	go build -trimpath -o /tmp/scenarios . && /tmp/scenarios -scenario slowleak-churn -out DIR
//	go run -trimpath . -scenario NAME -out DIR -duration 300s -interval 5s
//
// Serve mode (-serve ADDR) runs the scenario as a live service for a recorder to
// sample over HTTP (the record tests use it). It binds ADDR (port 0: a free port),
// prints one line on stdout, `listening on http://127.0.0.1:PORT pid PID`, starts the
// workload and serves:
//
//	/metrics                 the same text 0.0.4 exposition, computed per request
//	/debug/vars              expvar (cmdline, memstats)
//	/debug/pprof/...         net/http/pprof: Index (heap, goroutine, allocs, ... with
//	                         ?debug=1/2), cmdline, profile, symbol, trace
//	/broken/metrics          always 500
//	/slow/metrics            never answers; holds the request until the client leaves
//	anything else            404
//
// It exits 0 on SIGTERM or SIGINT, and by itself after -serve-for (default 10m) so
// that a service its test left behind does not live forever. Log lines go to stderr.
//
//	/tmp/scenarios -scenario worker-leak -serve 127.0.0.1:0 -serve-for 5m
//
// worker-leak leaks 40 goroutines/s (blocked in select in (*Dispatcher).process):
// about 800 more in a 20 s recording.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"time"
)

func main() {
	name := flag.String("scenario", "", "scenario to run: "+strings.Join(scenarioNames(), ", "))
	out := flag.String("out", "", "recording folder to create (must be absent or empty)")
	duration := flag.Duration("duration", 300*time.Second, "recorded window")
	interval := flag.Duration("interval", 5*time.Second, "sampling interval")
	warmup := flag.Duration("warmup", 10*time.Second, "workload time before the first sample")
	procs := flag.Int("gomaxprocs", 1, "GOMAXPROCS (keeps the run on about one core)")
	serveAddr := flag.String("serve", "", "serve mode: run as a live service on this address (127.0.0.1:0 for a free port) instead of recording")
	serveFor := flag.Duration("serve-for", 10*time.Minute, "serve mode: exit after this long")
	flag.Parse()
	log.SetFlags(log.Ltime)

	sc, ok := registry[*name]
	if *serveAddr != "" {
		if !ok || *out != "" || *serveFor <= 0 {
			flag.Usage()
			os.Exit(2)
		}
		runtime.GOMAXPROCS(*procs)
		if sc.gcPercent != 0 {
			debug.SetGCPercent(sc.gcPercent)
		}
		if err := serve(sc, *serveAddr, *serveFor); err != nil {
			log.Fatal(err)
		}
		return
	}
	if !ok || *out == "" || *interval <= 0 || *duration < *interval {
		flag.Usage()
		os.Exit(2)
	}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 {
		log.Fatalf("%s is not empty", *out)
	}

	runtime.GOMAXPROCS(*procs)
	if sc.gcPercent != 0 {
		debug.SetGCPercent(sc.gcPercent)
	}
	gogc := debug.SetGCPercent(100)
	debug.SetGCPercent(gogc)

	processStart := time.Now()
	rec, err := newRecorder(*out, *duration, *interval, func(format string, args ...interface{}) {
		log.Printf(sc.name+": "+format, args...)
	})
	if err != nil {
		log.Fatal(err)
	}
	meta := runInfo{
		scenario: sc, command: commandLine(), gogc: gogc, procs: *procs,
		duration: *duration, interval: *interval, warmup: *warmup,
		samples: rec.samples + 1, started: processStart,
	}
	if err := writeNotes(*out, meta, false); err != nil {
		log.Fatal(err)
	}

	stop := make(chan struct{})
	sc.start(stop)

	done := make(chan error, 1)
	go func() { done <- rec.run(processStart.Add(*warmup)) }()
	if err := <-done; err != nil {
		log.Fatal(err)
	}
	close(stop)
	if err := writeNotes(*out, meta, true); err != nil {
		log.Fatal(err)
	}
	log.Printf("%s: done, %d samples, goroutines %d -> %d", sc.name, rec.samples+1, rec.first.goroutines, rec.last.goroutines)
}

type runInfo struct {
	scenario                   scenario
	command                    string
	gogc, procs, samples       int
	duration, interval, warmup time.Duration
	started                    time.Time
}

func commandLine() string {
	args := make([]string, len(os.Args))
	for i, a := range os.Args {
		if a == "" || strings.ContainsAny(a, " \t'\"$") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		args[i] = a
	}
	return strings.Join(args, " ")
}

func writeNotes(out string, m runInfo, complete bool) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", m.scenario.name)
	fmt.Fprintf(&b, "A recording made by `Tests/Fixtures/generators/scenarios` (%s, %s/%s): the program ran the\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(&b, "`%s` scenario and recorded itself.\n\n", m.scenario.name)
	fmt.Fprintf(&b, "- Command: `%s`\n", m.command)
	gogc := fmt.Sprintf("%d", m.gogc)
	if m.scenario.gcPercent != 0 {
		gogc += fmt.Sprintf(" (set with `debug.SetGCPercent(%d)` at start)", m.scenario.gcPercent)
	} else {
		gogc += " (default)"
	}
	fmt.Fprintf(&b, "- GOGC: %s; GOMAXPROCS: %d; MemProfileRate: %d (default)\n", gogc, m.procs, runtime.MemProfileRate)
	fmt.Fprintf(&b, "- Duration: %s, interval: %s (%d samples), first sample %s after the process started at %s\n",
		m.duration, m.interval, m.samples, m.warmup, m.started.UTC().Format("2006-01-02T15:04:05.000Z"))
	fmt.Fprintf(&b, "- Sources: metrics/*.prom (client_golang 1.14 Go and process collectors, text 0.0.4), proc/*.status, expvar/*.json every interval; heap and goroutine profiles at the start, middle and end\n")
	if !complete {
		fmt.Fprintf(&b, "- Incomplete: the run did not finish\n")
	}
	fmt.Fprintf(&b, "\n**Workload.** %s\n\n**Correct diagnosis.** %s\n", m.scenario.workload, m.scenario.diagnosis)
	return os.WriteFile(filepath.Join(out, "notes.md"), []byte(b.String()), 0o644)
}

// scenario is one program shape with a known memory behaviour.
type scenario struct {
	name      string
	workload  string // what it does, for notes.md
	diagnosis string // what a correct report concludes, for notes.md
	gcPercent int    // 0: leave GOGC alone
	start     func(stop <-chan struct{})
}

var registry = map[string]scenario{}

func register(s scenario) { registry[s.name] = s }

func scenarioNames() []string {
	var names []string
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
