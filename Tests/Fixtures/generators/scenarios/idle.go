package main

// steady-idle: a service that is almost idle: health checks and a few small
// requests, plus a configuration it reloads every 30 s (replacing the old one).

import (
	"sync"
	"time"
)

type configStore struct {
	mu      sync.RWMutex
	current []byte
}

// reload replaces the configuration; the old one becomes garbage.
//
//go:noinline
func (c *configStore) reload(size int) {
	next := make([]byte, size)
	for i := 0; i < len(next); i += 4096 {
		next[i] = 1
	}
	c.mu.Lock()
	c.current = next
	c.mu.Unlock()
}

// handleHealth answers a health check from a small response.
func handleHealth(req *request, cfg *configStore) {
	cfg.mu.RLock()
	n := len(cfg.current)
	cfg.mu.RUnlock()
	body := readBody(req)
	resp := renderResponse(req, decodeFields(body))
	served.Add(1)
	responseBytes.Add(int64(len(resp) + n%7))
}

func init() {
	register(scenario{
		name: "steady-idle",
		workload: "An almost idle service: 4 small requests/s (health checks and status pages, one goroutine " +
			"each, about 30 KB of garbage each: about 120 KB/s; with the recording's own scrapes about 0.3 MB/s) and " +
			"a 1 MB configuration replaced every 30 s by `(*configStore).reload`. The heap stays under the 4 MB " +
			"minimum heap goal, so GC runs only every few seconds.",
		diagnosis: "Nothing to fix. Go memory and RSS are small and flat (a few MB of heap, RSS about 10-15 MB); " +
			"heap objects move a little with the configuration reloads and rare GCs; goroutines constant; the " +
			"heap profiles at start, middle and end show about the same in-use bytes. A correct report raises " +
			"no leak, goroutine or non-Go finding.",
		start: func(stop <-chan struct{}) {
			cfg := &configStore{}
			cfg.reload(1 << 20)
			generateLoad(stop, 250*time.Millisecond, 6, []string{"/healthz", "/status", "/readyz"}, 8<<10,
				func(req *request) { go handleHealth(req, cfg) })
			go func() {
				t := time.NewTicker(30 * time.Second)
				defer t.Stop()
				for {
					select {
					case <-stop:
						return
					case <-t.C:
						cfg.reload(1 << 20)
					}
				}
			}()
		},
	})
}
