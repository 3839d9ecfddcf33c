package main

// gogc400-churn: a routing service with a fixed in-memory table, run with GOGC=400
// (debug.SetGCPercent(400) at start) under steady churn and no leak: the heap
// swings between the live set and five times it.

import (
	"strconv"
	"time"
)

type route struct {
	pattern string
	backend string
	weights []byte
}

// routeTable is loaded once and only read afterwards.
type routeTable struct {
	routes map[string]*route
}

//go:noinline
func loadRouteTable(n int) *routeTable {
	t := &routeTable{routes: make(map[string]*route, n)}
	for i := 0; i < n; i++ {
		p := "/svc/" + strconv.Itoa(i)
		t.routes[p] = &route{pattern: p, backend: "10.0." + strconv.Itoa(i%250) + ".1:8080", weights: make([]byte, 256)}
	}
	return t
}

type gateway struct {
	table *routeTable
}

// handleProxy looks up the route and builds the proxied request and response.
func (g *gateway) handleProxy(req *request) {
	r := g.table.routes["/svc/"+strconv.Itoa(req.pick%len(g.table.routes))]
	body := readBody(req)
	fields := decodeFields(body)
	resp := renderResponse(req, fields)
	served.Add(1)
	responseBytes.Add(int64(len(resp) + len(r.backend)))
}

func init() {
	register(scenario{
		name:      "gogc400-churn",
		gcPercent: 400,
		workload: "GOGC=400, set with `debug.SetGCPercent(400)` at the start of main. A gateway with a " +
			"fixed route table of 40000 routes (`loadRouteTable`, about 16 MB live, loaded once) serves 100 " +
			"requests/s, one goroutine each, each allocating about 300 KB of garbage (about 30 MB/s). No leak.",
		diagnosis: "No leak. With GOGC=400 the heap goal is about five times the live heap, so Go heap memory " +
			"and RSS show a large sawtooth (heap objects between about 20 MB just after a GC and up to about 80 MB " +
			"before the next; the heap goal stays at about 82 MB, five times the ~16 MB marked live), and a 5 s " +
			"sample lands anywhere on it; the after-GC heap (the lows, and the heap " +
			"profiles' in-use bytes) is flat for the whole window. The heap profiles show the same in-use bytes " +
			"at start, middle and end, mostly `main.loadRouteTable`. A correct report raises no heap-leak or " +
			"goroutine finding; at most an informational note that GOGC is high (the heap goal, " +
			"go_gc_heap_goal_bytes, is about 5x the live heap) and that peaks are GC headroom, not retained memory.",
		start: func(stop <-chan struct{}) {
			g := &gateway{table: loadRouteTable(40000)}
			generateLoad(stop, 10*time.Millisecond, 3, []string{"/svc/a", "/svc/b", "/svc/c"}, 100<<10,
				func(req *request) { go g.handleProxy(req) })
		},
	})
}
