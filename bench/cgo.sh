#!/usr/bin/env bash
# C interop benchmarks (bench/cgo/*.go), morestack against real Go 1.19 with cgo:
#
#   call       ns per Go→C call of an empty C function
#   roundtrip  ns per Go→C→Go round trip (C calls an empty exported Go function)
#   depth      the deepest Go→C→Go recursion (seed 000) that completes
#
# Per-call costs are (median wall of N calls - median wall of 0 calls) / N, so
# start-up and compilation cancel out. See bench/README.md.
#
# Usage: bench/cgo.sh [-n RUNS] [-N CALLS] [-d DEPTH]
#   -n RUNS   runs per measurement (default 5)
#   -N CALLS  calls per timed run (default 10000000)
#   -d DEPTH  the recursion depth morestack must reach (default 100x Go's limit)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
runs=5 calls=10000000 depth=""
while [ $# -gt 0 ]; do
    case $1 in
        -n) runs=$2; shift 2 ;;
        -N) calls=$2; shift 2 ;;
        -d) depth=$2; shift 2 ;;
        *) echo "usage: bench/cgo.sh [-n RUNS] [-N CALLS] [-d DEPTH]" >&2; exit 2 ;;
    esac
done

command -v go >/dev/null || { echo "cgo.sh: needs go (apt-get install golang-go)" >&2; exit 2; }
morestack=${MORESTACK:-$repo/target/release/morestack}
[ -x "$morestack" ] || (cd "$repo" && cargo build --release -p morestack-cli)

out=$here/out/cgo
mkdir -p "$out"
export GO111MODULE=off GOFLAGS= CGO_ENABLED=1
for p in call roundtrip depth; do
    go build -o "$out/$p.go-bin" "$here/cgo/$p.go"
done

# wall_ms CMD...: median wall time in ms of $runs runs (stdout discarded).
wall_ms() {
    local i s e
    for ((i = 0; i < runs; i++)); do
        s=$(date +%s%N)
        "$@" >/dev/null
        e=$(date +%s%N)
        echo $(( (e - s) / 1000 ))
    done | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ns_per PROGRAM TOOL: the per-call cost.
ns_per() {
    local prog=$1 tool=$2 full empty
    case $tool in
        go) full=$(wall_ms "$out/$prog.go-bin" "$calls"); empty=$(wall_ms "$out/$prog.go-bin" 0) ;;
        morestack) full=$(wall_ms "$morestack" run "$here/cgo/$prog.go" "$calls"); empty=$(wall_ms "$morestack" run "$here/cgo/$prog.go" 0) ;;
    esac
    awk -v f="$full" -v e="$empty" -v n="$calls" 'BEGIN { printf "%.1f", (f - e) * 1000 / n }'
}

# go_depth: the deepest recursion Go's binary completes (bisection over exit status).
go_depth() {
    local lo=1000 hi=1000000 mid
    while [ $((hi - lo)) -gt 100 ]; do
        mid=$(((lo + hi) / 2))
        if "$out/depth.go-bin" "$mid" >/dev/null 2>&1; then lo=$mid; else hi=$mid; fi
    done
    echo "$lo"
}

printf '%d runs each, %d calls per run; medians. Ratios are to Go (lower is better).\n\n' "$runs" "$calls"
printf '%-10s %-10s %10s %8s\n' bench tool "ns/call" "/go"
for p in call roundtrip; do
    g=$(ns_per "$p" go)
    m=$(ns_per "$p" morestack)
    printf '%-10s %-10s %10s %8s\n' "$p" go "$g" 1.00
    printf '%-10s %-10s %10s %8s\n' "$p" morestack "$m" "$(awk -v a="$m" -v b="$g" 'BEGIN { printf "%.2f", a / b }')"
done

gd=$(go_depth)
target=${depth:-$((gd * 100))}
status=ok
"$morestack" run "$here/cgo/depth.go" "$target" >"$out/depth.stdout" 2>"$out/depth.stderr" || status="FAILED (see $out/depth.stderr)"
if [ "$status" = ok ] && ! grep -qx "depth: $target" "$out/depth.stdout"; then
    status="WRONG OUTPUT ($out/depth.stdout)"
fi
printf '\nGo→C→Go recursion depth (ulimit -s %s)\n' "$(ulimit -s)"
printf '  go:        %d (the next 100 levels crash)\n' "$gd"
printf '  morestack: %d: %s (%.1fx Go)\n' "$target" "$status" "$(awk -v a="$target" -v b="$gd" 'BEGIN { print a / b }')"
