// Command profilegen writes a large, realistic heap profile with google/pprof's
// profile package, for gomemreport-bench: deep stacks through a shared call graph, as
// a big Go service's heap profile has, with a chosen number of samples and functions.
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run . -samples 200000 -functions 40000 -o big.pb.gz
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"os"

	"github.com/google/pprof/profile"
)

func main() {
	samples := flag.Int("samples", 200000, "number of samples")
	functions := flag.Int("functions", 40000, "number of functions")
	depth := flag.Int("depth", 32, "maximum stack depth")
	out := flag.String("o", "big.pb.gz", "output file (gzipped profile.proto)")
	seed := flag.Int64("seed", 1, "random seed, so the file is the same every time")
	flag.Parse()

	rng := rand.New(rand.NewSource(*seed))
	p := &profile.Profile{
		SampleType: []*profile.ValueType{
			{Type: "alloc_objects", Unit: "count"}, {Type: "alloc_space", Unit: "bytes"},
			{Type: "inuse_objects", Unit: "count"}, {Type: "inuse_space", Unit: "bytes"},
		},
		PeriodType:    &profile.ValueType{Type: "space", Unit: "bytes"},
		Period:        512 * 1024,
		TimeNanos:     1795851457000000000,
		DurationNanos: 0,
	}
	mapping := &profile.Mapping{ID: 1, Start: 0x400000, Limit: 0x4000000, File: "/app/server", HasFunctions: true, HasFilenames: true, HasLineNumbers: true}
	p.Mapping = []*profile.Mapping{mapping}

	packages := *functions / 40
	if packages < 1 {
		packages = 1
	}
	for i := 0; i < *functions; i++ {
		pkg := i % packages
		p.Function = append(p.Function, &profile.Function{
			ID:        uint64(i + 1),
			Name:      fmt.Sprintf("github.com/example/svc/pkg%d.(*Type%d).Method%d", pkg, i%7, i),
			Filename:  fmt.Sprintf("/src/github.com/example/svc/pkg%d/file%d.go", pkg, i%13),
			StartLine: int64(10 + i%500),
		})
	}
	// One location per function, plus a second line for one in eight (inlining).
	for i := 0; i < *functions; i++ {
		loc := &profile.Location{ID: uint64(i + 1), Mapping: mapping, Address: 0x401000 + uint64(i)*16,
			Line: []profile.Line{{Function: p.Function[i], Line: int64(20 + i%300)}}}
		if i%8 == 0 && i+1 < *functions {
			loc.Line = append([]profile.Line{{Function: p.Function[(i*7+3)%*functions], Line: 5}}, loc.Line...)
		}
		p.Location = append(p.Location, loc)
	}
	// Stacks walk a skewed call graph from a few roots, so prefixes are shared as in
	// real services and some functions are far hotter than others.
	roots := 16
	for s := 0; s < *samples; s++ {
		d := 4 + rng.Intn(*depth-3)
		stack := make([]*profile.Location, d)
		f := rng.Intn(roots)
		for level := d - 1; level >= 0; level-- {
			stack[level] = p.Location[f]
			// Callees: mostly a small hot set, sometimes anywhere.
			if rng.Intn(10) < 7 {
				f = (f*31 + level*17 + rng.Intn(4)) % (*functions / 4)
			} else {
				f = rng.Intn(*functions)
			}
		}
		size := int64(16 << uint(rng.Intn(10)))
		count := int64(1 + rng.Intn(20))
		inuse := count / int64(1+rng.Intn(3))
		p.Sample = append(p.Sample, &profile.Sample{Location: stack, Value: []int64{count, count * size, inuse, inuse * size}})
	}
	if err := p.CheckValid(); err != nil {
		log.Fatal(err)
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := p.Write(f); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
