#!/usr/bin/env bash
# Run the benchmark programs with morestack (JIT: `morestack run`), real Go
# (`go build`) and gccgo (`gccgo -O2`, segmented stacks by default), check that all
# three print the same thing, and print a table of median wall time and peak RSS
# with ratios to Go. See bench/README.md.
#
# Usage: bench/run.sh [-n RUNS] [PROGRAM...]
#   -n RUNS   runs per program and tool (default 5, or $RUNS)
#   PROGRAM   names without .go (default: every bench/*.go); a program listed in
#             `variants` below gives one row per GOMAXPROCS value, named PROGRAM@N
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

# Programs measured under several GOMAXPROCS values: one row PROGRAM@N each.
declare -A variants=([pingpong]="1 2")
# Tools that cannot run a program: the row says why instead of failing the run.
# --no-stack-check gives every goroutine a 1 GiB stack (docs/stacks.md).
declare -A skip=(
    [spawn.nocheck]="skipped: 1 GiB stack per goroutine"
    [parked.nocheck]="skipped: 1 GiB stack per goroutine"
)
# parked.go's peak RSS per goroutine is reported above hello.go's (the baseline of
# each tool), so selecting parked also measures hello.
if [[ " ${programs[*]} " == *" parked "* && " ${programs[*]} " != *" hello "* ]]; then
    programs+=(hello)
fi
rows=()
for p in "${programs[@]}"; do
    if [ -n "${variants[$p]:-}" ]; then
        for n in ${variants[$p]}; do rows+=("$p@$n"); done
    else
        rows+=("$p")
    fi
done

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
    "$morestack" build -o "$out/$p.aot-bin" "$src"
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

# `morestack` is the JIT (`morestack run`: compilation included), `aot` the executable
# of `morestack build`; `nocheck` is the JIT without stack-check prologues on one fixed
# stack: the difference to `morestack` is what the checks cost.
tools=(go gccgo morestack aot nocheck)

: >"$out/results.tsv"
declare -A status_of
for row in "${rows[@]}"; do
    p=${row%@*}
    # PROGRAM@N runs with GOMAXPROCS=N; other rows with the environment's.
    setenv=()
    [ "$row" = "$p" ] || setenv=(env "GOMAXPROCS=${row#*@}")
    for tool in "${tools[@]}"; do
        if [ -n "${skip[$p.$tool]:-}" ]; then
            status_of[$row.$tool]=${skip[$p.$tool]}
            continue
        fi
        case $tool in
            go) cmd=("$out/$p.go-bin") ;;
            gccgo) cmd=("$out/$p.gccgo-bin") ;;
            morestack) cmd=("$morestack" run "$here/$p.go") ;;
            aot) cmd=("$out/$p.aot-bin") ;;
            nocheck) cmd=("$morestack" run --no-stack-check "$here/$p.go") ;;
        esac
        status_of[$row.$tool]=ok
        for ((i = 1; i <= runs; i++)); do
            if ! measure "$tool" "$row" ${setenv[@]+"${setenv[@]}"} "${cmd[@]}"; then
                status_of[$row.$tool]="FAILED (see $out/$row.$tool.stderr)"
                break
            fi
            if [ "$tool" != go ] && ! cmp -s "$out/$row.go.stdout" "$out/$row.$tool.stdout"; then
                status_of[$row.$tool]="WRONG OUTPUT (diff $out/$row.go.stdout $out/$row.$tool.stdout)"
                break
            fi
        done
        echo "run.sh: $row $tool: ${status_of[$row.$tool]}" >&2
    done
done

median() {
    sort -n | awk '{ v[NR] = $1 } END {
        if (NR == 0) exit
        if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2)
    }'
}

printf '\n%d runs each; medians. Ratios are to Go (lower is better).\n\n' "$runs"
printf '%-12s %-10s %12s %14s %9s %9s\n' program tool "wall ms" "peak RSS KiB" "wall/go" "rss/go"
failed=0
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
# median_of ROW TOOL COLUMN: the median of a results.tsv column (3 wall ms, 4 RSS KiB).
median_of() {
    awk -v p="$1" -v t="$2" -v c="$3" '$1 == p && $2 == t { print $c }' "$out/results.tsv" | median
}
for row in "${rows[@]}"; do
    go_ms=$(median_of "$row" go 3)
    go_kb=$(median_of "$row" go 4)
    for tool in "${tools[@]}"; do
        st=${status_of[$row.$tool]}
        if [ "$st" != ok ]; then
            printf '%-12s %-10s %12s %14s %9s %9s  %s\n' "$row" "$tool" - - - - "$st"
            [[ $st == skipped:* ]] || failed=1
            continue
        fi
        ms=$(median_of "$row" "$tool" 3)
        kb=$(median_of "$row" "$tool" 4)
        printf '%-12s %-10s %12s %14s %9s %9s\n' "$row" "$tool" "$ms" "$kb" \
            "$(ratio "$ms" "$go_ms")" "$(ratio "$kb" "$go_kb")"
    done
done

# What one parked goroutine costs: parked.go's peak RSS above hello.go's, divided by
# its 100,000 goroutines.
if [ -n "${status_of[parked.go]:-}" ]; then
    printf '\nparked.go: peak RSS above hello.go per parked goroutine (100,000 goroutines)\n\n'
    printf '%-10s %14s %9s\n' tool "bytes/gor." "/go"
    go_b=""
    for tool in "${tools[@]}"; do
        if [ "${status_of[parked.$tool]}" != ok ] || [ "${status_of[hello.$tool]}" != ok ]; then
            printf '%-10s %14s %9s\n' "$tool" - -
            continue
        fi
        b=$(awk -v p="$(median_of parked "$tool" 4)" -v h="$(median_of hello "$tool" 4)" \
            'BEGIN { printf "%d", (p - h) * 1024 / 100000 }')
        [ "$tool" = go ] && go_b=$b
        printf '%-10s %14s %9s\n' "$tool" "$b" "$(ratio "$b" "${go_b:-0}")"
    done
fi
exit "$failed"
