package main

// slowleak-churn: an API under heavy allocation churn whose login path remembers
// every session in a map that nothing ever prunes.

import (
	"strconv"
	"sync"
	"time"
)

type session struct {
	id      string
	user    string
	created time.Time
	claims  []byte
}

type sessionCache struct {
	mu   sync.Mutex
	byID map[string]*session
}

// Remember stores the session and a copy of its claims. Nothing ever deletes from
// byID: this is the leak.
//
//go:noinline
func (c *sessionCache) Remember(id, user string, claims []byte) *session {
	s := &session{id: id, user: user, created: time.Now(), claims: make([]byte, len(claims))}
	copy(s.claims, claims)
	c.mu.Lock()
	c.byID[id] = s
	c.mu.Unlock()
	return s
}

type apiServer struct {
	sessions *sessionCache
}

// handleRequest serves one request; every 20th is a login that creates a session.
func (s *apiServer) handleRequest(req *request) {
	body := readBody(req)
	fields := decodeFields(body)
	if req.id%20 == 0 {
		s.handleLogin(req, body)
	}
	resp := renderResponse(req, fields)
	served.Add(1)
	responseBytes.Add(int64(len(resp)))
}

//go:noinline
func (s *apiServer) handleLogin(req *request, body []byte) {
	// Claims of 4-8 KiB, taken from the body.
	n := 4096 + (req.id*37)%4096
	if n > len(body) {
		n = len(body)
	}
	s.sessions.Remember("sess-"+strconv.Itoa(req.id), req.user, body[:n])
}

func init() {
	register(scenario{
		name: "slowleak-churn",
		workload: "100 requests/s, one goroutine each, each allocating about 300 KB of short-lived garbage " +
			"(readBody, decodeFields, renderResponse: about 30 MB/s, a GC cycle every fraction of a second); " +
			"4 MB of static data loaded at start; every 20th request is a login whose handleLogin calls " +
			"`(*sessionCache).Remember`, which copies 4-8 KiB of claims into a map that is never pruned " +
			"(5 sessions/s; with the map and session structs about 2 MB/min retained).",
		diagnosis: "A slow heap leak under heavy churn: the after-GC heap (heap objects at their lows) rises " +
			"steadily by about 2 MB/min, about 10 MB over the 300 s window, while allocation churn is high and GC " +
			"runs many times. The heap profiles attribute the growth of in-use bytes between the start and end " +
			"profiles to `main.(*sessionCache).Remember` (slowleak.go). Finding: heap-leak in " +
			"`(*sessionCache).Remember`; RSS follows the Go heap, no non-Go memory, no goroutine leak.",
		start: func(stop <-chan struct{}) {
			loadStatic(4<<20, 64<<10)
			srv := &apiServer{sessions: &sessionCache{byID: map[string]*session{}}}
			generateLoad(stop, 10*time.Millisecond, 1, []string{"/v1/orders", "/v1/items", "/v1/login", "/v1/cart"}, 100<<10,
				func(req *request) { go srv.handleRequest(req) })
		},
	})
}
