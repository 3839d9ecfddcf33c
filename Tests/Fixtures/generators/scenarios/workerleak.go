package main

// worker-leak: a dispatcher starts a goroutine per job; the goroutine waits for
// the backend's reply in a select with no timeout. The backend drops one job in
// five (its retry queue is "full"), so those goroutines wait forever, each holding
// its job and a 1 KiB buffer.

import (
	"sync/atomic"
	"time"
)

type result struct {
	status int
	size   int
}

type job struct {
	id      int
	payload []byte
	scratch []byte // the encode buffer process attaches to the job
	reply   chan result
}

type backend struct {
	dropped atomic.Int64
	maxDrop int64
}

// Submit answers most jobs after a short delay; one in five is dropped and never
// answered (bounded by maxDrop so the final goroutine dump stays small).
func (b *backend) Submit(j *job) {
	if j.id%5 == 0 && b.dropped.Load() < b.maxDrop {
		b.dropped.Add(1)
		return
	}
	delay := time.Duration(5+j.id%40) * time.Millisecond
	time.AfterFunc(delay, func() { j.reply <- result{status: 200, size: len(j.payload)} })
}

type Dispatcher struct {
	backend  *backend
	jobs     chan *job
	shutdown chan struct{} // never closed while serving
	done     atomic.Int64
}

// run takes jobs from the queue and starts one goroutine per job.
func (d *Dispatcher) run() {
	for j := range d.jobs {
		go d.process(j)
	}
}

// process prepares the job, submits it and waits for the reply. The select has no
// timeout and shutdown is never closed: a job the backend drops blocks here forever.
//
//go:noinline
func (d *Dispatcher) process(j *job) {
	j.scratch = make([]byte, 1024)
	copy(j.scratch, j.payload)
	d.backend.Submit(j)
	select {
	case res := <-j.reply:
		j.scratch[0] = byte(res.status)
		d.done.Add(1)
	case <-d.shutdown:
	}
	responseBytes.Add(int64(len(j.scratch)))
}

func init() {
	register(scenario{
		name: "worker-leak",
		workload: "200 jobs/s go through `(*Dispatcher).run`, which starts `go d.process(j)` per job; " +
			"`(*Dispatcher).process` allocates a 1 KiB buffer, submits the job and waits in " +
			"`select { case res := <-j.reply: ...; case <-d.shutdown: }` with no timeout. The backend answers " +
			"after 5-45 ms but silently drops every fifth job, so 40 goroutines/s block forever in that select " +
			"(capped at 14000 dropped jobs; never reached in 310 s). Each blocked goroutine keeps its job, reply " +
			"channel, payload and buffer (about 1.5 KB of heap) and its stack. Light churn besides (about 3 MB/s).",
		diagnosis: "A goroutine leak: go_goroutines rises linearly by about 40/s (about 12000 more at the end of " +
			"the window than at its start). The goroutine profiles attribute the growth to " +
			"`main.(*Dispatcher).process` (workerleak.go), blocked in `select` (runtime.selectgo; the debug=2 dumps " +
			"show `[select, N minutes]`), created by `main.(*Dispatcher).run`. Heap and stack memory grow with it " +
			"(goroutine stacks plus about 1.5 KB of heap per goroutine, with `main.(*Dispatcher).process` the top " +
			"heap-diff function): that growth is explained by the goroutine leak, not a separate heap leak. No " +
			"non-Go memory.",
		start: func(stop <-chan struct{}) {
			d := &Dispatcher{backend: &backend{maxDrop: 14000}, jobs: make(chan *job, 1024), shutdown: make(chan struct{})}
			go d.run()
			generateLoad(stop, 5*time.Millisecond, 4, []string{"/jobs"}, 256, func(req *request) {
				d.jobs <- &job{id: req.id, payload: readBody(req), reply: make(chan result, 1)}
			})
			generateLoad(stop, 100*time.Millisecond, 5, []string{"/status"}, 64<<10, func(req *request) { go serveGeneric(req) })
		},
	})
}
