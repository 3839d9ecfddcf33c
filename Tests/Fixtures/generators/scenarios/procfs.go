package main

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"strconv"
	"strings"
)

// userHZ is procfs's assumption for clock ticks (USER_HZ).
const userHZ = 100

type selfStat struct {
	utime, stime, starttime, vsize, rss uint64
}

// readSelfStat reads /proc/self/stat as prometheus/procfs does (fields after the
// command name, which may contain spaces and parentheses).
func readSelfStat() (selfStat, error) {
	data, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return selfStat{}, err
	}
	end := bytes.LastIndexByte(data, ')')
	if end < 0 {
		return selfStat{}, errors.New("/proc/self/stat: no command name")
	}
	f := strings.Fields(string(data[end+1:]))
	if len(f) < 22 {
		return selfStat{}, errors.New("/proc/self/stat: too few fields")
	}
	// f[0] is field 3 (state) in proc(5); field N is f[N-3].
	var st selfStat
	vals := []*uint64{&st.utime, &st.stime, &st.starttime, &st.vsize, &st.rss}
	for i, n := range []int{14, 15, 22, 23, 24} {
		v, err := strconv.ParseUint(f[n-3], 10, 64)
		if err != nil {
			return selfStat{}, err
		}
		*vals[i] = v
	}
	return st, nil
}

func readBootTime() float64 {
	f, err := os.Open("/proc/stat")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if strings.HasPrefix(s.Text(), "btime ") {
			v, err := strconv.ParseUint(strings.TrimSpace(s.Text()[6:]), 10, 64)
			if err == nil {
				return float64(v)
			}
		}
	}
	return 0
}

// openFDs counts /proc/self/fd entries, the directory's own descriptor included,
// as procfs's FileDescriptorsLen does.
func openFDs() (int, error) {
	d, err := os.Open("/proc/self/fd")
	if err != nil {
		return 0, err
	}
	defer d.Close()
	names, err := d.Readdirnames(-1)
	return len(names), err
}

// readLimits returns the soft limits "Max open files" and "Max address space";
// "unlimited" is the largest uint64, as in procfs.
func readLimits() (uint64, uint64, error) {
	data, err := os.ReadFile("/proc/self/limits")
	if err != nil {
		return 0, 0, err
	}
	var fds, as uint64
	var seen int
	for _, line := range strings.Split(string(data), "\n") {
		var target *uint64
		switch {
		case strings.HasPrefix(line, "Max open files"):
			target = &fds
		case strings.HasPrefix(line, "Max address space"):
			target = &as
		default:
			continue
		}
		cols := splitColumns(line)
		if len(cols) < 2 {
			return 0, 0, errors.New("/proc/self/limits: bad line")
		}
		if cols[1] == "unlimited" {
			*target = ^uint64(0)
		} else if *target, err = strconv.ParseUint(cols[1], 10, 64); err != nil {
			return 0, 0, err
		}
		seen++
	}
	if seen != 2 {
		return 0, 0, errors.New("/proc/self/limits: missing lines")
	}
	return fds, as, nil
}

// splitColumns splits on runs of two or more spaces (procfs's limitsDelimiter).
func splitColumns(line string) []string {
	var cols []string
	for _, part := range strings.Split(line, "  ") {
		if p := strings.TrimSpace(part); p != "" {
			cols = append(cols, p)
		}
	}
	return cols
}
