package main

// Serve mode: instead of recording itself, the program runs its scenario as a live
// service that a recorder (gomemreport record) samples over HTTP. The endpoints are
// those of a Go service with client_golang, expvar and net/http/pprof, plus two that
// misbehave on purpose, for the recorder's error handling.

import (
	"context"
	"expvar"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// serve binds addr, prints `listening on http://ADDR pid PID` on stdout, starts the
// scenario and serves until SIGTERM/SIGINT or until serveFor has passed; it returns
// when the server has stopped.
func serve(sc scenario, addr string, serveFor time.Duration) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	// One write on an unbuffered os.Stdout: the line is out as soon as this returns.
	if _, err := fmt.Fprintf(os.Stdout, "listening on http://%s pid %d\n", ln.Addr(), os.Getpid()); err != nil {
		ln.Close()
		return err
	}

	stopping := make(chan struct{}) // closed when the server begins to stop
	srv := &http.Server{Handler: serveMux(stopping), ReadHeaderTimeout: 10 * time.Second}

	stop := make(chan struct{})
	sc.start(stop)

	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	timer := time.NewTimer(serveFor)
	defer timer.Stop()
	select {
	case s := <-signals:
		log.Printf("%s: %s, stopping", sc.name, s)
	case <-timer.C:
		log.Printf("%s: served for %s, stopping", sc.name, serveFor)
	case err := <-served:
		return err
	}
	close(stopping)
	close(stop)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		// A CPU profile or trace still running: end those connections.
		srv.Close()
	}
	return nil
}

// serveMux routes the service's endpoints on a fresh mux (not http.DefaultServeMux,
// on which the expvar and net/http/pprof packages register themselves); any other
// path is 404.
func serveMux(stopping <-chan struct{}) *http.ServeMux {
	mux := http.NewServeMux()
	expo := newExposition()
	var expoMu sync.Mutex // the exposition keeps counters and buffers between reads
	mux.HandleFunc("/metrics", func(w http.ResponseWriter, r *http.Request) {
		expoMu.Lock()
		body := expo.render()
		expoMu.Unlock()
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	})
	mux.Handle("/debug/vars", expvar.Handler())
	mux.HandleFunc("/debug/pprof/", pprof.Index) // heap, goroutine, allocs, ... by name
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("/broken/metrics", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "metrics collection failed: broken on purpose", http.StatusInternalServerError)
	})
	// Never answers: holds the request until the client gives up or the server stops,
	// then drops the connection without a response.
	mux.HandleFunc("/slow/metrics", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-stopping:
		}
		panic(http.ErrAbortHandler)
	})
	return mux
}
