// Command modern is a Go service with a known memory behaviour, instrumented the way
// production services are: client_golang's registry with the Go collector exporting
// every runtime/metrics value (collectors.WithGoCollectorRuntimeMetrics(MetricsAll);
// -go-collector default registers it as most services do, without the option)
// and the process collector on /metrics, expvar on /debug/vars and net/http/pprof
// (including Go 1.26+'s goroutineleak profile) on /debug/pprof/. gomemreport record
// samples it over HTTP; the recordings in Tests/Fixtures/recordings-modern were made so.
//
// It builds in GOPATH mode against Debian's client_golang, with any Go from 1.19 on:
//
//	GOPATH=/usr/share/gocode GO111MODULE=off GOTOOLCHAIN=local GOFLAGS= \
//	  go build -trimpath -o /tmp/modern .
//	/tmp/modern -scenario heap-leak -listen 127.0.0.1:0 -serve-for 10m
//
// It prints one line on stdout, `listening on http://127.0.0.1:PORT pid PID`, then runs
// the scenario until SIGTERM/SIGINT or -serve-for. Scenarios (see scenarios.go):
//
//	heap-leak       (*SessionStore).Remember keeps every session's 4 KiB state forever
//	goroutine-leak  (*Fanout).Query starts a reply goroutine per request that blocks
//	                forever on a channel nobody reads, holding a 2 KiB buffer
//	memlimit-held   churn only; run with GOGC=off GOMEMLIMIT=96MiB: the heap fills to the
//	                limit and stays there (not a leak)
//	batch-spikes    (*BatchImporter).Import holds a 128 MiB batch for 10 s every 40 s
//	steady          churn only, nothing retained
package main

import (
	"context"
	"expvar"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func main() {
	name := flag.String("scenario", "", "scenario: "+strings.Join(scenarioNames(), ", "))
	listen := flag.String("listen", "127.0.0.1:0", "address to serve on")
	serveFor := flag.Duration("serve-for", 10*time.Minute, "exit by itself after this long")
	// "all": MetricsAll; "default": client_golang's Go collector as most services
	// register it, with MemStats names, go_gc_duration_seconds and (1.15+) GOGC/GOMEMLIMIT.
	goCollector := flag.String("go-collector", "all", "Go collector metrics: all or default")
	flag.Parse()
	run, ok := scenarios[*name]
	if !ok {
		log.Fatalf("unknown scenario %q; one of %s", *name, strings.Join(scenarioNames(), ", "))
	}

	registry := prometheus.NewRegistry()
	goMetrics := collectors.NewGoCollector(collectors.WithGoCollectorRuntimeMetrics(collectors.MetricsAll))
	if *goCollector == "default" {
		goMetrics = collectors.NewGoCollector()
	} else if *goCollector != "all" {
		log.Fatalf("-go-collector is all or default, not %q", *goCollector)
	}
	registry.MustRegister(goMetrics, collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(registry, promhttp.HandlerOpts{}))
	mux.Handle("/debug/vars", expvar.Handler())
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stdout, "listening on http://%s pid %d\n", ln.Addr(), os.Getpid())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	stop := make(chan struct{})
	go run(stop)

	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	select {
	case s := <-signals:
		log.Printf("%s: %s, stopping", *name, s)
	case <-time.After(*serveFor):
		log.Printf("%s: served for %s, stopping", *name, *serveFor)
	case err := <-served:
		log.Fatal(err)
	}
	close(stop)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if srv.Shutdown(ctx) != nil {
		srv.Close()
	}
}

func scenarioNames() []string {
	names := make([]string, 0, len(scenarios))
	for n := range scenarios {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
