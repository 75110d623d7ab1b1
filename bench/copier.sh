#!/usr/bin/env bash
# The stack copier's throughput next to memcpy's: runs bench/deeprec.go (recursion
# 10^7 deep, the stack doubling up to 512 MiB) with MORESTACKDEBUG=stack=1, and
# prints the growth that copies into a 256 MiB stack with its GB/s, then memcpy of
# the same number of bytes (bench/memcpy.c, cc -O2) into a fresh mapping and into
# touched memory. Medians of RUNS runs (default 5).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
runs=${RUNS:-5}
morestack=${MORESTACK:-$repo/target/release/morestack}
[ -x "$morestack" ] || (cd "$repo" && cargo build --release -p morestack-cli)
mkdir -p "$here/out"
cc -O2 -o "$here/out/memcpy" "$here/memcpy.c"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
line=""
rates=()
for _ in $(seq "$runs"); do
    line=$(MORESTACKDEBUG=stack=1 "$morestack" run "$here/deeprec.go" 2>&1 >/dev/null | grep -- "-> 268435456 bytes" | head -1)
    rates+=("$(sed -n 's/.*us, \([0-9.]*\) GB\/s$/\1/p' <<<"$line")")
done
copied=$(sed -n 's/.*copied \([0-9]*\) bytes.*/\1/p' <<<"$line")
echo "last run: $line"
echo "copier (grow to 256 MiB): median $(printf '%s\n' "${rates[@]}" | median) GB/s over $runs runs"
for _ in $(seq "$runs"); do "$here/out/memcpy" "$copied"; done | tee "$here/out/memcpy.txt" | tail -1
cold=$(sed -n 's/.*fresh mapping \([0-9.]*\) GB.*/\1/p' "$here/out/memcpy.txt" | median)
warm=$(sed -n 's/.*touched \([0-9.]*\) GB.*/\1/p' "$here/out/memcpy.txt" | median)
echo "memcpy of $copied bytes: median fresh mapping $cold GB/s, touched $warm GB/s"
