#!/bin/sh
# Regenerates the reference outputs of `go tool pprof` (Go 1.19.8) that the legacy
# text readers are tested against. Run from this folder: ./make-reference.sh
set -eu
R=../recordings
P=../pprof

heap() { # name file
    for index in alloc_objects alloc_space inuse_objects inuse_space; do
        go tool pprof -top -sample_index=$index -unit=B "$2" > "$1.top.$index.txt"
    done
    go tool pprof -raw "$2" > "$1.raw.txt"
}
heap heapleak-heap-20261128T073737664Z $R/heapleak/pprof/heap-20261128T073737664Z.debug1.txt
heap goroutineleak-heap-20261128T073737712Z $R/goroutineleak/pprof/heap-20261128T073737712Z.debug1.txt
heap mixed-heap-20261128T073242604Z $R/mixed/pprof/heap-20261128T073242604Z.debug1.txt

go tool pprof -top $P/goroutine-debug1.txt > goroutine-debug1.top.txt
go tool pprof -raw $P/goroutine-debug1.txt > goroutine-debug1.raw.txt
go tool pprof -top $P/goroutine-debug0.pb.gz > goroutine-debug0.top.txt
