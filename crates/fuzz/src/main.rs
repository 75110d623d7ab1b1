//! `morestack-fuzz`: a self-contained, deterministic, time-bounded fuzzer for the
//! compiler's front end and code generator, whose goal is that the compiler never
//! panics, crashes or hangs on any input.
//!
//! cargo-fuzz needs a nightly toolchain; this needs nothing but the workspace. It
//! mutates the Go programs of the test suite and the examples at several granularities
//! ([`mutate`]), generates mostly well-typed programs from a grammar ([`generate`]) so
//! that code generation is reached often, and runs each input through parse, check and
//! code generation in a supervised worker process ([`worker`], [`pipeline`]). Generated
//! code is never executed. Findings are deduplicated by panic location and minimised
//! ([`minimise`]); see [`campaign`] for the loop and the output files.
//!
//! ```text
//! morestack-fuzz [--seconds N] [--iterations N] [--seed S] [--corpus PATH]...
//!                [--out DIR] [--timeout SECS] [--known FILE]
//!                                                 run a campaign (exit 1 on new findings)
//! morestack-fuzz --replay FILE...                 run files in-process, print outcomes
//! ```

mod campaign;
mod generate;
mod minimise;
mod mutate;
mod pipeline;
mod rng;
mod worker;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str = "usage: morestack-fuzz [--seconds N] [--iterations N] [--seed S] [--corpus PATH]... [--out DIR] [--timeout SECS] [--known FILE]
       morestack-fuzz --replay FILE...

  --seconds N      stop after N seconds (default 60 unless --iterations is given)
  --iterations N   stop after N inputs
  --seed S         random seed (default 1); a seed and an iteration count fix the inputs
  --corpus PATH    seed programs: a .go file or a directory searched recursively;
                   repeatable (default: testsuite and examples)
  --out DIR        where findings are written (default target/fuzz-findings)
  --timeout SECS   per-input time limit; longer counts as a hang (default 10)
  --known FILE     finding keys already reported (one per line, # comments): still
                   recorded, but they do not make the exit status 1
  --replay FILE    run files through the pipeline in this process and print the outcome

Exit status: 0 when nothing new was found, 1 when something was, 2 on a usage or I/O error.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--worker") {
        return worker::worker_main();
    }
    if args.first().map(String::as_str) == Some("--replay") {
        return replay(&args[1..]);
    }
    let cfg = match parse_args(&args) {
        Ok(cfg) => cfg,
        Err(msg) => {
            eprintln!("morestack-fuzz: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match campaign::run(&cfg) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("morestack-fuzz: {e}");
            ExitCode::from(2)
        }
    }
}

fn parse_args(args: &[String]) -> Result<campaign::Config, String> {
    let mut cfg = campaign::Config {
        seconds: None,
        iterations: None,
        seed: 1,
        corpus: Vec::new(),
        out: PathBuf::from("target/fuzz-findings"),
        timeout: Duration::from_secs(10),
        known: HashSet::new(),
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            return Err("help".into());
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = || value.parse::<u64>().map_err(|_| format!("{flag}: not a number: {value}"));
        match flag.as_str() {
            "--seconds" => cfg.seconds = Some(number()?),
            "--iterations" => cfg.iterations = Some(number()?),
            "--seed" => cfg.seed = number()?,
            "--corpus" => cfg.corpus.push(PathBuf::from(value)),
            "--out" => cfg.out = PathBuf::from(value),
            "--timeout" => cfg.timeout = Duration::from_secs(number()?.max(1)),
            "--known" => cfg.known = campaign::load_known(Path::new(value)).map_err(|e| e.to_string())?,
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    if cfg.seconds.is_none() && cfg.iterations.is_none() {
        cfg.seconds = Some(60);
    }
    if cfg.corpus.is_empty() {
        cfg.corpus = vec![PathBuf::from("testsuite"), PathBuf::from("examples")];
    }
    Ok(cfg)
}

/// `--replay`: runs each file in this process (on a worker-sized stack) and prints the
/// outcome; a panic's report includes its backtrace.
fn replay(files: &[String]) -> ExitCode {
    if files.is_empty() {
        eprintln!("morestack-fuzz: --replay needs files\n{USAGE}");
        return ExitCode::from(2);
    }
    pipeline::install_panic_hook();
    let files = files.to_vec();
    let run = move || {
        let mut bugs = 0;
        for f in &files {
            let text = match std::fs::read(f) {
                Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                Err(e) => {
                    eprintln!("{f}: {e}");
                    return None;
                }
            };
            let o = pipeline::run(&text);
            println!("{f}: {:?} ({})", o.stage, o.signature);
            if let Some(bug) = o.bug {
                bugs += 1;
                println!("BUG {}\n{}", bug.key, bug.report);
            }
        }
        Some(bugs)
    };
    match std::thread::Builder::new().stack_size(worker::WORKER_STACK).spawn(run).map(|h| h.join()) {
        Ok(Ok(Some(0))) => ExitCode::SUCCESS,
        Ok(Ok(Some(_))) => ExitCode::FAILURE,
        _ => ExitCode::from(2),
    }
}
