package main

// cgo-free-nongo: memory outside the Go heap without cgo. A thumbnail service keeps
// decoded frames in an arena of anonymous mmap mappings (syscall.Mmap) that it
// writes to, so they become resident, and never unmaps: 2 MiB every 5 s.

import (
	"os"
	"sync"
	"syscall"
	"time"
)

type frameArena struct {
	mu       sync.Mutex
	chunks   [][]byte // the mappings; only their headers live in the Go heap
	resident int
}

// grow maps n more bytes and writes every page so the kernel backs them.
//
//go:noinline
func (a *frameArena) grow(n int) error {
	mem, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return err
	}
	page := os.Getpagesize()
	for i := 0; i < len(mem); i += page {
		mem[i] = byte(i / page)
	}
	a.mu.Lock()
	a.chunks = append(a.chunks, mem)
	a.resident += len(mem)
	a.mu.Unlock()
	return nil
}

func init() {
	register(scenario{
		name: "cgo-free-nongo",
		workload: "No cgo. `(*frameArena).grow` maps 2 MiB of anonymous memory with `syscall.Mmap` every 5 s " +
			"(offset 2.5 s from the samples) and writes every page, so it becomes resident; nothing is ever " +
			"unmapped (about 24 MiB/min). The Go side is a light API: 20 requests/s, one goroutine each, " +
			"about 110 KB of garbage each (about 2-3 MB/s).",
		diagnosis: "Non-Go memory, growing: RSS rises by 2 MiB every 5 s (about 120 MiB over the window) while " +
			"Go memory (go_memory_classes_total_bytes, heap objects) stays flat, so RSS minus Go memory (non-Go " +
			"memory) is large at the end and grows linearly. Findings: non-go-memory and non-go-growth. The heap " +
			"and goroutine profiles show nothing growing (mmap'd memory is not in them), and there is no cgo " +
			"(go_cgo_go_to_c_calls_calls_total stays at 1): the cause is direct mmap from Go code. No heap leak, " +
			"no goroutine leak.",
		start: func(stop <-chan struct{}) {
			arena := &frameArena{}
			generateLoad(stop, 50*time.Millisecond, 7, []string{"/thumb", "/thumb/meta"}, 32<<10,
				func(req *request) { go serveGeneric(req) })
			go func() {
				time.Sleep(2500 * time.Millisecond)
				t := time.NewTicker(5 * time.Second)
				defer t.Stop()
				for {
					if err := arena.grow(2 << 20); err != nil {
						panic(err)
					}
					select {
					case <-stop:
						return
					case <-t.C:
					}
				}
			}()
		},
	})
}
