// Command empty-profiles writes the profiles a quiet Go service serves with no samples
// in them, which the Go runtime writes as valid profiles with sample types and no
// samples: a mutex profile with its rate set but nothing contended, a CPU profile
// stopped at once, and (Go 1.26+) the goroutineleak profile with nothing leaked.
//
//	go run main.go -o ../../pprof/empty      (with Go 1.27, GOTOOLCHAIN=local)
package main

import (
	"flag"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

func main() {
	out := flag.String("o", "empty", "output folder")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	runtime.SetMutexProfileFraction(1)
	cpu, err := os.Create(filepath.Join(*out, "cpu.pb.gz"))
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		log.Fatal(err)
	}
	pprof.StopCPUProfile()
	cpu.Close()
	for _, name := range []string{"mutex", "goroutineleak"} {
		profile := pprof.Lookup(name)
		if profile == nil {
			log.Printf("no %s profile in %s", name, runtime.Version())
			continue
		}
		f, err := os.Create(filepath.Join(*out, name+".pb.gz"))
		if err != nil {
			log.Fatal(err)
		}
		if err := profile.WriteTo(f, 0); err != nil {
			log.Fatal(err)
		}
		f.Close()
	}
}
