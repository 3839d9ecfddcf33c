// Writes the goroutine profile of one moment in three forms, as fixtures for the
// legacy text readers:
//
//	goroutine-debug1.txt   pprof.Lookup("goroutine").WriteTo(f, 1)  (counts per stack)
//	goroutine-debug0.pb.gz pprof.Lookup("goroutine").WriteTo(f, 0)  (proto, the reference)
//	goroutine-debug2.txt   pprof.Lookup("goroutine").WriteTo(f, 2)  (full dump)
//
// The goroutines block in different ways (chan receive, select, sync.Mutex, sleep,
// sync.WaitGroup) and some carry pprof labels, so the debug=1 form has `# labels:`
// lines. Every goroutine is parked before the profiles are written and stays
// parked, so the three files describe the same moment.
//
// Run from this folder (-trimpath keeps the paths in the fixtures free of this
// checkout's location):
//
//	go run -trimpath . ../../pprof
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

var (
	never    = make(chan int)
	neverToo = make(chan string)
	held     sync.Mutex
	gate     sync.WaitGroup
)

//go:noinline
func blockOnChanReceive(started *sync.WaitGroup) {
	started.Done()
	<-never
}

//go:noinline
func blockInSelect(started *sync.WaitGroup) {
	started.Done()
	select {
	case <-never:
	case <-neverToo:
	}
}

//go:noinline
func blockOnMutex(started *sync.WaitGroup) {
	started.Done()
	held.Lock()
	held.Unlock()
}

//go:noinline
func blockInSleep(started *sync.WaitGroup) {
	started.Done()
	time.Sleep(time.Hour)
}

//go:noinline
func blockOnWaitGroup(started *sync.WaitGroup) {
	started.Done()
	gate.Wait()
}

//go:noinline
func labelledWorker(started *sync.WaitGroup, tenant string) {
	pprof.Do(context.Background(), pprof.Labels("tenant", tenant, "role", "worker \"quoted\""), func(context.Context) {
		blockOnChanReceive(started)
	})
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run . OUTPUT_FOLDER")
		os.Exit(2)
	}
	out := os.Args[1]

	held.Lock() // the mutex waiters never get it
	gate.Add(1) // the WaitGroup never reaches zero

	var started sync.WaitGroup
	spawn := func(n int, f func(*sync.WaitGroup)) {
		for i := 0; i < n; i++ {
			started.Add(1)
			go f(&started)
		}
	}
	spawn(5, blockOnChanReceive)
	spawn(3, blockInSelect)
	spawn(2, blockOnMutex)
	spawn(4, blockInSleep)
	spawn(1, blockOnWaitGroup)
	for _, tenant := range []string{"acme", "acme", "globex"} {
		tenant := tenant
		started.Add(1)
		go labelledWorker(&started, tenant)
	}
	started.Wait()
	// Done() runs just before each goroutine blocks; give them time to park.
	for i := 0; i < 100; i++ {
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}

	write := func(name string, debug int) {
		f, err := os.Create(filepath.Join(out, name))
		if err != nil {
			panic(err)
		}
		if err := pprof.Lookup("goroutine").WriteTo(f, debug); err != nil {
			panic(err)
		}
		if err := f.Close(); err != nil {
			panic(err)
		}
	}
	write("goroutine-debug1.txt", 1)
	write("goroutine-debug0.pb.gz", 0)
	write("goroutine-debug2.txt", 2)
}
