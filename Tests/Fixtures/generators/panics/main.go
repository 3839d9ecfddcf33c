package main

import (
	"fmt"
	"os"
	"sync"
	"time"
)

type T struct{ v int }

func worker(ch chan int, wg *sync.WaitGroup) {
	wg.Done()
	<-ch
}

func deep(n int) int {
	if n == 0 {
		var t *T
		return t.v // nil dereference: SIGSEGV
	}
	return deep(n-1) + 1
}

func main() {
	mode := os.Args[1]
	var wg sync.WaitGroup
	ch := make(chan int)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go worker(ch, &wg)
	}
	wg.Wait()
	time.Sleep(10 * time.Millisecond)
	switch mode {
	case "panic":
		panic(fmt.Sprintf("boom: %d workers", 3))
	case "nil":
		fmt.Println(deep(150))
	case "deadlock":
		var mu sync.Mutex
		mu.Lock()
		mu.Lock()
	case "error":
		panic(fmt.Errorf("wrapped: %w", os.ErrNotExist))
	}
}
