#!/usr/bin/env bash
# Regenerate the expected outputs (run/*.out) of the morestack testsuite
# using the real Go toolchain, and check exit statuses against the
# `// want-exit: N` directives.  Also verifies (with real Go) that every
# `// ERROR` line in errorcheck/*.go (except errorcheck/unsupported_*.go)
# really is a compile error and that no other line is.
#
# Usage: testsuite/bless.sh [FILE.go ...]   (default: all files)
#
# Files are copied to a STABLE directory, /tmp/morestack-bless/, before
# building, so that paths in panic tracebacks read
# /tmp/morestack-bless/FILE.go regardless of where the repository lives.
#
# cgo is off (CGO_ENABLED=0) except for files that import "C".
set -u
shopt -s nullglob
here="$(cd "$(dirname "$0")" && pwd)"
stage=/tmp/morestack-bless
mkdir -p "$stage/bin"
export GO111MODULE=off GOFLAGS= GOTRACEBACK=single CGO_ENABLED=0

fail=0

cgo_enabled() {
    # 1 for a file that imports "C" (alone or in a group), else 0
    if grep -Eq '^import "C"|^[[:space:]]+"C"[[:space:]]*$' "$1"; then echo 1; else echo 0; fi
}

want_exit() {
    # `// want-exit: N` among lines 2-5; default 0
    local n
    n=$(sed -n '2,5p' "$1" | sed -n 's,^// want-exit: *\([0-9][0-9]*\) *$,\1,p' | head -n1)
    echo "${n:-0}"
}

bless_run() {
    local src="$1" base name out bin want got
    base="$(basename "$src")"
    name="${base%.go}"
    out="${src%.go}.out"
    bin="$stage/bin/$name"
    if [ "$(head -n1 "$src")" != "// run" ]; then
        echo "SKIP $src: first line is not // run"; return
    fi
    cp "$src" "$stage/$base"
    if ! (cd "$stage" && CGO_ENABLED=$(cgo_enabled "$src") go build -o "$bin" "$base") 2>"$stage/$name.builderr"; then
        echo "FAIL $src: does not build with go:"; cat "$stage/$name.builderr"
        fail=1; return
    fi
    want=$(want_exit "$src")
    (cd "$stage" && "$bin" >"$out" 2>&1)
    got=$?
    if [ "$got" != "$want" ]; then
        echo "FAIL $src: exit status $got, want $want"; fail=1
    fi
    if [ ! -s "$out" ]; then rm -f "$out"; fi
    echo "ok   $src (exit $got)"
}

check_errorcheck() {
    local src="$1" base name log
    base="$(basename "$src")"
    name="${base%.go}"
    case "$base" in unsupported_*) echo "skip $src (morestack-only)"; return;; esac
    if [ "$(head -n1 "$src")" != "// errorcheck" ]; then
        echo "SKIP $src: first line is not // errorcheck"; return
    fi
    cp "$src" "$stage/$base"
    log="$stage/$name.errs"
    (cd "$stage" && CGO_ENABLED=$(cgo_enabled "$src") go build -gcflags=-e -o /dev/null "$base") >"$log" 2>&1
    if [ $? -eq 0 ]; then echo "FAIL $src: compiles without error"; fail=1; return; fi
    # Compare lines with ERROR comments against lines with diagnostics.
    if ! python3 - "$src" "$log" "$base" <<'EOF'
import re, sys
src, log, base = sys.argv[1:4]
want = {}
for i, line in enumerate(open(src), 1):
    m = re.search(r'// ERROR (.*)$', line)
    if m:
        want[i] = re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))
got = {}
for line in open(log):
    m = re.match(r'^\.?/?' + re.escape(base) + r':(\d+):(?:\d+:)? (.*)$', line.rstrip())
    if m:
        got.setdefault(int(m.group(1)), []).append(m.group(2))
ok = True
for ln, pats in sorted(want.items()):
    msgs = got.get(ln, [])
    for p in pats:
        p = p.replace('\\"', '"')
        if not any(re.search(p, msg) for msg in msgs):
            print(f"  line {ln}: no diagnostic matching {p!r}; got {msgs}")
            ok = False
for ln, msgs in sorted(got.items()):
    if ln not in want:
        print(f"  line {ln}: unexpected diagnostic {msgs}")
        ok = False
sys.exit(0 if ok else 1)
EOF
    then
        echo "FAIL $src (go output in $log)"; fail=1; return
    fi
    echo "ok   $src"
}

if [ $# -gt 0 ]; then files=("$@"); else
    files=("$here"/run/*.go "$here"/errorcheck/*.go)
fi
for f in "${files[@]}"; do
    f="$(realpath "$f")"
    case "$f" in
        */run/*.go) bless_run "$f";;
        */errorcheck/*.go) check_errorcheck "$f";;
        *) echo "SKIP $f";;
    esac
done
if [ $fail -ne 0 ]; then echo "bless.sh: FAILURES"; exit 1; fi
echo "bless.sh: all ok"
