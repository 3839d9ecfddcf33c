package main

// The request-handling layer the scenarios share: a load generator that starts one
// goroutine per request (as net/http does per connection), and handlers whose
// decoding and rendering produce short-lived garbage.

import (
	"bytes"
	"math/rand"
	"strconv"
	"sync/atomic"
	"time"
)

type request struct {
	id       int
	route    string
	user     string
	bodySize int // bytes of body the client sent
	pick     int // a random non-negative number for the scenario's own choices
}

type field struct {
	key   string
	value []byte
}

// served counts requests and response bytes, so the results are used.
var served, responseBytes atomic.Int64

// generateLoad calls start(req) every period until stop closes. It runs in its own
// goroutine; start usually hands the request to a new goroutine.
func generateLoad(stop <-chan struct{}, period time.Duration, seed int64, routes []string, meanBody int,
	start func(*request)) {
	go func() {
		rng := rand.New(rand.NewSource(seed))
		t := time.NewTicker(period)
		defer t.Stop()
		for id := 1; ; id++ {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			start(&request{
				id:       id,
				route:    routes[rng.Intn(len(routes))],
				user:     "user-" + strconv.Itoa(rng.Intn(5000)),
				bodySize: meanBody/2 + rng.Intn(meanBody+1),
				pick:     rng.Int(),
			})
		}
	}()
}

// readBody stands for reading the request body: one buffer of the body's size.
//
//go:noinline
func readBody(req *request) []byte {
	body := make([]byte, req.bodySize)
	for i := 0; i < len(body); i += 512 {
		body[i] = byte(req.id + i)
	}
	return body
}

// decodeFields splits the body into small key/value records (many small objects).
//
//go:noinline
func decodeFields(body []byte) []field {
	n := len(body) / 256
	fields := make([]field, 0, n)
	for i := 0; i < n; i++ {
		v := make([]byte, 48)
		copy(v, body[i*256:])
		fields = append(fields, field{key: "k" + strconv.Itoa(i), value: v})
	}
	return fields
}

// renderResponse encodes the fields into a response of about the body's size.
//
//go:noinline
func renderResponse(req *request, fields []field) []byte {
	var b bytes.Buffer
	b.WriteString(`{"route":"` + req.route + `","items":[`)
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"` + f.key + `":"`)
		for j := 0; j < 4; j++ {
			b.Write(f.value)
		}
		b.WriteString(`"}`)
	}
	b.WriteString("]}")
	return b.Bytes()
}

// serveGeneric is a request whose memory all becomes garbage once it returns.
func serveGeneric(req *request) {
	body := readBody(req)
	resp := renderResponse(req, decodeFields(body))
	served.Add(1)
	responseBytes.Add(int64(len(resp)))
}

// retain keeps a value reachable from a package variable, for static data.
var retained [][]byte

// loadStatic allocates n bytes of long-lived data (configuration, tables) in chunks.
//
//go:noinline
func loadStatic(n, chunk int) {
	for n > 0 {
		c := make([]byte, chunk)
		for i := 0; i < len(c); i += 4096 {
			c[i] = 1
		}
		retained = append(retained, c)
		n -= chunk
	}
}
