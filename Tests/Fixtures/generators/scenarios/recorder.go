package main

import (
	"expvar"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"
)

// recorder writes the recording folder gomemreport reads: metrics/, proc/, expvar/
// every interval, pprof/ at the start, middle and end.
type recorder struct {
	out      string
	interval time.Duration
	samples  int // intervals in the window; samples are taken at 0..samples
	expo     *exposition
	vars     http.Handler
	log      func(format string, args ...interface{})

	first, last sampleFigures
}

// sampleFigures are a few numbers kept for the closing line of the log.
type sampleFigures struct {
	stamp      string
	goroutines int
}

func newRecorder(out string, duration, interval time.Duration, logf func(string, ...interface{})) (*recorder, error) {
	for _, sub := range []string{"metrics", "proc", "expvar", "pprof"} {
		if err := os.MkdirAll(filepath.Join(out, sub), 0o755); err != nil {
			return nil, err
		}
	}
	return &recorder{
		out: out, interval: interval, samples: int(duration / interval),
		expo: newExposition(), vars: expvar.Handler(), log: logf,
	}, nil
}

// stamp is UTC YYYYMMDDTHHMMSSmmmZ.
func stamp(t time.Time) string {
	t = t.UTC()
	return fmt.Sprintf("%s%03dZ", t.Format("20060102T150405"), t.Nanosecond()/1e6)
}

// run takes samples at start + k*interval (k = 0..samples), so they do not drift
// however long a sample takes, and profiles at k = 0, samples/2 and samples.
func (r *recorder) run(start time.Time) error {
	middle := r.samples / 2
	for k := 0; k <= r.samples; k++ {
		if d := time.Until(start.Add(time.Duration(k) * r.interval)); d > 0 {
			time.Sleep(d)
		}
		if err := r.sample(k); err != nil {
			return err
		}
		if k == 0 || k == middle || k == r.samples {
			if err := r.profiles(k == 0 || k == r.samples); err != nil {
				return err
			}
		}
	}
	return nil
}

func (r *recorder) sample(k int) error {
	now := time.Now()
	name := stamp(now)
	if err := os.WriteFile(filepath.Join(r.out, "metrics", name+".prom"), r.expo.render(), 0o644); err != nil {
		return err
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(r.out, "proc", name+".status"), status, 0o644); err != nil {
		return err
	}
	// The /debug/vars body exactly as expvar serves it: cmdline and memstats.
	w := httptest.NewRecorder()
	r.vars.ServeHTTP(w, httptest.NewRequest("GET", "/debug/vars", nil))
	if err := os.WriteFile(filepath.Join(r.out, "expvar", name+".json"), w.Body.Bytes(), 0o644); err != nil {
		return err
	}
	fig := sampleFigures{stamp: name, goroutines: runtime.NumGoroutine()}
	if k == 0 {
		r.first = fig
	}
	r.last = fig
	if k%12 == 0 {
		r.log("sample %d/%d %s goroutines=%d", k, r.samples, name, fig.goroutines)
	}
	return nil
}

// profiles writes the heap and goroutine profiles in proto form, and with text
// forms too (heap debug=1, goroutine debug=2) at the start and end. All files of a
// round carry the stamp of the moment the round began, as in the shared recordings.
func (r *recorder) profiles(text bool) error {
	round := stamp(time.Now())
	write := func(kind string, debug int, suffix string) error {
		name := fmt.Sprintf("%s-%s%s", kind, round, suffix)
		f, err := os.Create(filepath.Join(r.out, "pprof", name))
		if err != nil {
			return err
		}
		if err := pprof.Lookup(kind).WriteTo(f, debug); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	if err := write("heap", 0, ".pb.gz"); err != nil {
		return err
	}
	if err := write("goroutine", 0, ".pb.gz"); err != nil {
		return err
	}
	if !text {
		return nil
	}
	if err := write("heap", 1, ".debug1.txt"); err != nil {
		return err
	}
	return write("goroutine", 2, ".debug2.txt")
}
