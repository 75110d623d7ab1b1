#!/usr/bin/env bash
# Run the benchmark programs with morestack (JIT: `morestack run`), real Go
# (`go build`) and gccgo (`gccgo -O2`, segmented stacks by default), check that all
# three print the same thing, and print a table of median wall time and peak RSS
# with ratios to Go. See bench/README.md.
#
# Usage: bench/run.sh [-n RUNS] [PROGRAM...]
#   -n RUNS   runs per program and tool (default 5, or $RUNS)
#   PROGRAM   names without .go (default: every bench/*.go)
#   REBUILD=1 rebuild target/release/morestack even if it exists
#   MORESTACK=PATH  benchmark that executable instead of target/release/morestack
#
# Needs GNU time at /usr/bin/time (Debian package `time`), go and gccgo; each is
# installed with apt-get when missing (which needs root).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
runs=${RUNS:-5}
if [ "${1:-}" = "-n" ]; then
    runs=$2
    shift 2
fi
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
    echo "run.sh: -n needs a positive number of runs, not '$runs'" >&2
    exit 2
fi
if [ $# -gt 0 ]; then
    programs=("$@")
else
    programs=()
    for f in "$here"/*.go; do programs+=("$(basename "$f" .go)"); done
fi

out=$here/out # build products and raw results; ignored by git
mkdir -p "$out"

apt_install() {
    echo "run.sh: installing $* with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
# GNU time: the shell keyword `time` cannot report peak RSS.
[ -x /usr/bin/time ] || apt_install time
command -v go >/dev/null || apt_install golang-go
command -v gccgo >/dev/null || apt_install gccgo

morestack=${MORESTACK:-$repo/target/release/morestack}
if [ -z "${MORESTACK:-}" ] && { [ ! -x "$morestack" ] || [ -n "${REBUILD:-}" ]; }; then
    echo "run.sh: building $morestack" >&2
    (cd "$repo" && cargo build --release -p morestack-cli)
fi

export GO111MODULE=off GOFLAGS=
for p in "${programs[@]}"; do
    src=$here/$p.go
    [ -f "$src" ] || { echo "run.sh: no such benchmark: $src" >&2; exit 2; }
    go build -o "$out/$p.go-bin" "$src"
    gccgo -O2 -o "$out/$p.gccgo-bin" "$src"
done

# measure TOOL PROGRAM CMD...: one run; appends "PROGRAM TOOL WALL_MS RSS_KIB" to
# results.tsv and leaves stdout in $out/PROGRAM.TOOL.stdout. Wall time is taken with
# a nanosecond clock around the process (GNU time's %e has 10 ms resolution, too
# coarse for hello.go); peak RSS is GNU time's %M.
measure() {
    local tool=$1 prog=$2
    shift 2
    local tf=$out/$prog.$tool.time start end status=0
    start=$(date +%s%N)
    /usr/bin/time -f '%e %M' -o "$tf" "$@" >"$out/$prog.$tool.stdout" 2>"$out/$prog.$tool.stderr" || status=$?
    end=$(date +%s%N)
    if [ "$status" -ne 0 ]; then
        return "$status"
    fi
    # With a failing command GNU time adds a "Command exited..." line; take the last.
    local rss
    rss=$(tail -n1 "$tf" | awk '{print $2}')
    echo "$prog $tool $(( (end - start) / 1000000 )) $rss" >>"$out/results.tsv"
}

# `nocheck` is morestack without stack-check prologues on one fixed stack: the
# difference to `morestack` is what the checks cost.
tools=(go gccgo morestack nocheck)

: >"$out/results.tsv"
declare -A status_of
for p in "${programs[@]}"; do
    for tool in "${tools[@]}"; do
        case $tool in
            go) cmd=("$out/$p.go-bin") ;;
            gccgo) cmd=("$out/$p.gccgo-bin") ;;
            morestack) cmd=("$morestack" run "$here/$p.go") ;;
            nocheck) cmd=("$morestack" run --no-stack-check "$here/$p.go") ;;
        esac
        status_of[$p.$tool]=ok
        for ((i = 1; i <= runs; i++)); do
            if ! measure "$tool" "$p" "${cmd[@]}"; then
                status_of[$p.$tool]="FAILED (see $out/$p.$tool.stderr)"
                break
            fi
            if [ "$tool" != go ] && ! cmp -s "$out/$p.go.stdout" "$out/$p.$tool.stdout"; then
                status_of[$p.$tool]="WRONG OUTPUT (diff $out/$p.go.stdout $out/$p.$tool.stdout)"
                break
            fi
        done
        echo "run.sh: $p $tool: ${status_of[$p.$tool]}" >&2
    done
done

median() {
    sort -n | awk '{ v[NR] = $1 } END {
        if (NR == 0) exit
        if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2)
    }'
}

printf '\n%d runs each; medians. Ratios are to Go (lower is better).\n\n' "$runs"
printf '%-10s %-10s %12s %14s %9s %9s\n' program tool "wall ms" "peak RSS KiB" "wall/go" "rss/go"
failed=0
for p in "${programs[@]}"; do
    go_ms=$(awk -v p="$p" '$1 == p && $2 == "go" { print $3 }' "$out/results.tsv" | median)
    go_kb=$(awk -v p="$p" '$1 == p && $2 == "go" { print $4 }' "$out/results.tsv" | median)
    for tool in "${tools[@]}"; do
        st=${status_of[$p.$tool]}
        if [ "$st" != ok ]; then
            printf '%-10s %-10s %12s %14s %9s %9s  %s\n' "$p" "$tool" - - - - "$st"
            failed=1
            continue
        fi
        ms=$(awk -v p="$p" -v t="$tool" '$1 == p && $2 == t { print $3 }' "$out/results.tsv" | median)
        kb=$(awk -v p="$p" -v t="$tool" '$1 == p && $2 == t { print $4 }' "$out/results.tsv" | median)
        ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
        printf '%-10s %-10s %12s %14s %9s %9s\n' "$p" "$tool" "$ms" "$kb" \
            "$(ratio "$ms" "$go_ms")" "$(ratio "$kb" "$go_kb")"
    done
done
exit "$failed"
