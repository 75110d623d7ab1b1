//! Property test of the stack machinery: 1,000 random programs mixing frame sizes
//! (no locals up to 64 KiB arrays), recursion depths, call graphs between several
//! functions, closures, and pointers to locals passed down the recursion and written
//! deep inside it. Every program must print the same thing when its stack grows by
//! copying, under the stack-move stress knob (a move at every check), and with stack
//! checks off on one large fixed stack. A sample is also compared with real Go.
//!
//! `MORESTACK_PROPERTY_CASES=N` changes the number of programs (default 1,000).

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

mod common;
use common::Rng;

/// Element counts of the `[N]int` local each function declares (0: none).
const FRAME_ELEMS: &[u64] = &[0, 0, 1, 4, 16, 128, 1024, 8192];

/// A random program: `k` mutually recursive functions `f0..fk-1`, each with its own
/// local array, calling a random next function with a smaller depth; a pointer to
/// an array of `main` is passed all the way down and written at every level.
fn program(seed: u64) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let k = 1 + rng.below(4) as usize;
    let depth = rng.pick(&[10, 100, 1000, 5000, 20000]);
    // Frames of 64 KiB at depth 20,000 would exceed Go's 1 GB stack limit.
    let max_elems = if depth > 5000 { 1024 } else { 8192 };
    let mut src = String::from("package main\n\nimport \"fmt\"\n\ntype Box struct {\n\tcells [8]int\n\tsum   int\n}\n\n");
    for i in 0..k {
        let n = rng.pick(FRAME_ELEMS).min(max_elems);
        let next = rng.below(k as u64);
        let via_closure = rng.below(4) == 0;
        let _ = writeln!(src, "func f{i}(d int, out *[16]int, box *Box) int {{");
        if n > 0 {
            let _ = writeln!(src, "\tvar local [{n}]int\n\tlocal[d%{n}] = d + {i}\n\tlocal[{n}-1] += 3");
        }
        let _ = writeln!(src, "\tout[d%16] += d ^ {i}\n\tbox.cells[d%8]++");
        let _ = writeln!(src, "\tif d <= 0 {{\n\t\tbox.sum += {i}\n\t\treturn {i}\n\t}}");
        let call = format!("f{next}(d-1, out, box)");
        if via_closure {
            let _ = writeln!(src, "\tstep := func() int {{ return {call} }}\n\tr := step()");
        } else {
            let _ = writeln!(src, "\tr := {call}");
        }
        if n > 0 {
            let _ = writeln!(src, "\treturn r + local[d%{n}] - d + local[{n}-1]%7");
        } else {
            let _ = writeln!(src, "\treturn r + 1");
        }
        src.push_str("}\n\n");
    }
    let _ = writeln!(src, "func main() {{\n\tvar out [16]int\n\tvar box Box\n\tr := f0({depth}, &out, &box)\n\tfmt.Println(r, out, box.cells, box.sum)\n}}");
    src
}

fn run(dir: &Path, file: &str, extra: &[&str], env: Option<(&str, &str)>) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_morestack"));
    cmd.arg("run").args(extra).arg(file).current_dir(dir);
    if let Some((k, v)) = env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run morestack");
    format!("status {:?}\n{}{}", out.status.code(), String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn random_programs_agree_with_growth_stress_and_a_fixed_stack() {
    let cases: u64 = std::env::var("MORESTACK_PROPERTY_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let dir = tempfile::tempdir().unwrap();
    let go = Command::new("go").arg("version").output().is_ok_and(|o| o.status.success());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()) as u64;
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let dir = dir.path();
                s.spawn(move || {
                    let mut failures = Vec::new();
                    for seed in (t..cases).step_by(threads as usize) {
                        let file = format!("p{seed}.go");
                        std::fs::write(dir.join(&file), program(seed)).unwrap();
                        let grown = run(dir, &file, &[], None);
                        let stressed = run(dir, &file, &[], Some(("MORESTACKDEBUG", "stackmove=1")));
                        let fixed = run(dir, &file, &["--no-stack-check"], None);
                        if !grown.starts_with("status Some(0)\n") || grown != stressed || grown != fixed {
                            failures.push(format!("seed {seed}:\n--- grown\n{grown}--- stress\n{stressed}--- fixed stack\n{fixed}"));
                            continue;
                        }
                        // Real Go as the oracle for every 50th program.
                        if go && seed % 50 == 0 {
                            let out = Command::new("go").args(["run", &file]).current_dir(dir).env("GO111MODULE", "off").output().expect("go run");
                            let want = format!("status {:?}\n{}{}", out.status.code(), String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
                            if want != grown {
                                failures.push(format!("seed {seed}: differs from Go\n--- go\n{want}--- morestack\n{grown}"));
                            }
                        }
                    }
                    failures
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    assert!(failures.is_empty(), "{} of {cases} programs disagree:\n{}", failures.len(), failures.join("\n"));
}
