package main

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

// scenarios maps a name to its workload, which runs until stop is closed.
var scenarios = map[string]func(stop <-chan struct{}){
	"heap-leak":      heapLeak,
	"goroutine-leak": goroutineLeak,
	"memlimit-held":  churnOnly,
	"batch-spikes":   batchSpikes,
	"steady":         churnOnly,
	"cache-added":    cacheAdded,
}

// every calls f n times a second until stop is closed.
func every(stop <-chan struct{}, perSecond int, f func(i int)) {
	tick := time.NewTicker(time.Second / time.Duration(perSecond))
	defer tick.Stop()
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		case <-tick.C:
			f(i)
		}
	}
}

// Encoder is the request churn every scenario has: JSON encoding of a response that
// becomes garbage at once (about 40 KiB a request).
type Encoder struct{}

type record struct {
	ID    int               `json:"id"`
	Name  string            `json:"name"`
	Tags  map[string]string `json:"tags"`
	Score float64           `json:"score"`
}

// Render encodes a page of records and returns its digest.
func (Encoder) Render(i int) [32]byte {
	page := make([]record, 200)
	for k := range page {
		page[k] = record{ID: i*200 + k, Name: fmt.Sprintf("item-%d-%d", i, k),
			Tags: map[string]string{"shard": fmt.Sprint(k % 7)}, Score: float64(k) / 3}
	}
	body, _ := json.Marshal(page)
	return sha256.Sum256(body)
}

var sink [32]byte

func churn(stop <-chan struct{}) {
	var enc Encoder
	every(stop, 100, func(i int) { sink = enc.Render(i) })
}

func churnOnly(stop <-chan struct{}) { churn(stop) }

// SessionStore keeps per-session state. The bug: nothing ever evicts it.
type SessionStore struct {
	mu       sync.Mutex
	sessions map[int][]byte
}

// Remember stores the session's state (4 KiB), forever.
func (s *SessionStore) Remember(id int) {
	state := make([]byte, 4096)
	for k := range state {
		state[k] = byte(id + k)
	}
	s.mu.Lock()
	s.sessions[id] = state
	s.mu.Unlock()
}

var store = &SessionStore{sessions: map[int][]byte{}}

func heapLeak(stop <-chan struct{}) {
	go churn(stop)
	every(stop, 50, func(i int) { store.Remember(i) })
}

// Fanout asks backends and returns the first reply. The bug: the losers' reply
// goroutines block forever on a channel nobody reads any more.
type Fanout struct{}

type reply struct{ body []byte }

// Query starts a reply goroutine and waits for it only until the deadline.
func (Fanout) Query(i int) {
	replies := make(chan reply) // unbuffered: a late sender blocks forever
	go backendCall(i, replies)
	select {
	case <-replies:
	case <-time.After(time.Millisecond):
	}
}

// backendCall builds a 2 KiB reply after a delay and sends it.
func backendCall(i int, replies chan<- reply) {
	body := make([]byte, 2048)
	for k := range body {
		body[k] = byte(i)
	}
	time.Sleep(5 * time.Millisecond)
	replies <- reply{body: body}
}

func goroutineLeak(stop <-chan struct{}) {
	go churn(stop)
	var f Fanout
	every(stop, 30, func(i int) { f.Query(i) })
}

// BatchImporter loads a batch of rows, works on it for 10 s and drops it, every 40 s.
type BatchImporter struct{ rows [][]byte }

// Import loads 128 MiB of rows (written, so resident) and holds them for hold.
func (b *BatchImporter) Import(batch int, hold time.Duration, stop <-chan struct{}) {
	b.rows = make([][]byte, 0, 32768)
	for r := 0; r < 32768; r++ {
		row := make([]byte, 4096)
		for k := 0; k < len(row); k += 64 {
			row[k] = byte(batch + r)
		}
		b.rows = append(b.rows, row)
	}
	select {
	case <-time.After(hold):
	case <-stop:
	}
	b.rows = nil
}

func batchSpikes(stop <-chan struct{}) {
	go churn(stop)
	var b BatchImporter
	for batch := 0; ; batch++ {
		b.Import(batch, 10*time.Second, stop)
		select {
		case <-time.After(30 * time.Second):
		case <-stop:
			return
		}
	}
}

// Cache is what a release adds in front of a slow backend: up to 12,288 entries of
// 4 KiB (48 MiB), filled in the first minute and kept, oldest out first. Not a leak:
// it stops growing at its bound, but the service holds 48 MiB more than before.
type Cache struct {
	mu      sync.Mutex
	entries map[int][]byte
	order   []int
	limit   int
}

// Put stores key's 4 KiB value, evicting the oldest entry past the limit.
func (c *Cache) Put(key int) {
	value := make([]byte, 4096)
	for k := range value {
		value[k] = byte(key + k)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; !ok {
		c.order = append(c.order, key)
	}
	c.entries[key] = value
	for len(c.order) > c.limit {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
}

var cache = &Cache{entries: map[int][]byte{}, limit: 12288}

// cacheAdded is steady's churn plus the cache: 200 puts a second over 12,288 keys, so
// it is full after about a minute and then only replaces entries.
func cacheAdded(stop <-chan struct{}) {
	go churn(stop)
	every(stop, 200, func(i int) { cache.Put(i % 12288) })
}
