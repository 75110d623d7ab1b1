//! The fuzzing campaign: picks or makes an input each iteration, runs it through the
//! worker, counts how far inputs get, keeps inputs that reach somewhere new, and
//! records, deduplicates and minimises findings.
//!
//! Input sources, per iteration (see [`Source`]): a generated program, a generated
//! program mutated, a mutated seed or corpus entry, random garbage, or a deeply nested
//! construct. Given the seed and the number of iterations, the sequence of inputs is
//! fixed (a hang is the only timing-dependent event); a time budget just cuts it.
//!
//! Findings go to the output directory as `crash-N.go` (the input as run),
//! `crash-N.min.go` (minimised) and `crash-N.txt` (key, report, how to reproduce).

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::generate;
use crate::minimise::minimise;
use crate::mutate;
use crate::pipeline::{Bug, Stage};
use crate::rng::Rng;
use crate::worker::{Supervisor, Verdict};

/// Test runs allowed to minimise one finding (about ten seconds of work).
const MINIMISE_BUDGET: usize = 1500;

/// Minimisation candidates get a shorter time limit than campaign inputs: a finding
/// that is minimised never hung, so a candidate that takes long has found another road.
const MINIMISE_TIMEOUT: Duration = Duration::from_secs(2);

/// Discovered inputs kept for mutation beyond the seeds; a new one replaces a random
/// old one when full.
const CORPUS_CAP: usize = 2000;

/// Discovered inputs larger than this are not kept (they slow every later mutant).
const CORPUS_ENTRY_MAX: usize = 16 << 10;

/// How often progress is printed.
const PROGRESS_EVERY: Duration = Duration::from_secs(5);

pub struct Config {
    pub seconds: Option<u64>,
    pub iterations: Option<u64>,
    pub seed: u64,
    /// Directories (searched recursively) and files of seed programs.
    pub corpus: Vec<PathBuf>,
    pub out: PathBuf,
    pub timeout: Duration,
    /// Keys of findings already reported and not fixed yet (an expectation list): they
    /// are still recorded, but only other findings make the campaign fail.
    pub known: HashSet<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Generated,
    GeneratedMutated,
    Mutated,
    Garbage,
    DeepNesting,
}

struct Finding {
    key: String,
    known: bool,
    count: u64,
    first_iteration: u64,
    source: Source,
}

#[derive(Default)]
struct Stats {
    iterations: u64,
    /// Executions per source, indexed by [`Stage`]: how many stopped there.
    by_source: BTreeMap<Source, [u64; 4]>,
    hangs: u64,
    crashes: u64,
    minimise_runs: u64,
}

impl Stats {
    fn reached(&self, at_least: Stage) -> u64 {
        self.by_source.values().map(|c| c[at_least as usize..].iter().sum::<u64>()).sum()
    }
}

/// Runs a campaign; returns the number of distinct findings that are not known.
pub fn run(cfg: &Config) -> io::Result<usize> {
    let seeds = load_seeds(&cfg.corpus)?;
    fs::create_dir_all(&cfg.out)?;
    clear_old_findings(&cfg.out)?;
    println!(
        "morestack-fuzz: seed {}, {} seed programs, budget {}, per-input limit {} s, findings to {}",
        cfg.seed,
        seeds.len(),
        match (cfg.seconds, cfg.iterations) {
            (Some(s), Some(i)) => format!("{s} s or {i} iterations"),
            (Some(s), None) => format!("{s} s"),
            (None, Some(i)) => format!("{i} iterations"),
            (None, None) => "unlimited".to_string(),
        },
        cfg.timeout.as_secs(),
        cfg.out.display()
    );
    let mut c = Campaign { cfg, rng: Rng::new(cfg.seed), seeds, discovered: Vec::new(), signatures: HashSet::new(), supervisor: Supervisor::default(), stats: Stats::default(), findings: Vec::new() };
    let start = Instant::now();
    let mut last_progress = start;
    loop {
        if cfg.iterations.is_some_and(|n| c.stats.iterations >= n) || cfg.seconds.is_some_and(|s| start.elapsed() >= Duration::from_secs(s)) {
            break;
        }
        c.iteration()?;
        if last_progress.elapsed() >= PROGRESS_EVERY {
            last_progress = Instant::now();
            c.progress(start.elapsed());
        }
    }
    c.summary(start.elapsed());
    Ok(c.findings.iter().filter(|f| !f.known).count())
}

struct Campaign<'c> {
    cfg: &'c Config,
    rng: Rng,
    seeds: Vec<String>,
    discovered: Vec<String>,
    signatures: HashSet<String>,
    supervisor: Supervisor,
    stats: Stats,
    findings: Vec<Finding>,
}

impl Campaign<'_> {
    fn iteration(&mut self) -> io::Result<()> {
        let (source, input) = self.next_input();
        self.stats.iterations += 1;
        let bug = match self.supervisor.run(&input, self.cfg.timeout)? {
            Verdict::Done(outcome) => {
                self.stats.by_source.entry(source).or_default()[outcome.stage as usize] += 1;
                let new_signature = self.signatures.insert(outcome.signature.clone());
                // Well-typed mutants are rare and worth keeping even when not new.
                let keep = new_signature || (outcome.stage == Stage::CodegenOk && source != Source::Generated && self.rng.chance(1, 10));
                if keep && outcome.bug.is_none() && input.len() <= CORPUS_ENTRY_MAX {
                    self.add_to_corpus(input.clone());
                }
                outcome.bug
            }
            Verdict::Died(bug) => {
                self.stats.crashes += 1;
                Some(bug)
            }
            Verdict::Hung => {
                self.stats.hangs += 1;
                Some(Bug { key: "timeout".into(), report: format!("no answer within {} s", self.cfg.timeout.as_secs()) })
            }
        };
        if let Some(bug) = bug {
            self.record(source, &input, bug)?;
        }
        Ok(())
    }

    fn next_input(&mut self) -> (Source, String) {
        let roll = self.rng.below(100);
        match roll {
            0..=34 => (Source::Generated, generate::program(&mut self.rng)),
            35..=44 => {
                let p = generate::program(&mut self.rng);
                (Source::GeneratedMutated, mutate::mutate(&mut self.rng, &p, &self.seeds))
            }
            45..=93 => {
                let i = self.rng.below(self.seeds.len() + self.discovered.len());
                let seed = if i < self.seeds.len() { &self.seeds[i] } else { &self.discovered[i - self.seeds.len()] };
                (Source::Mutated, mutate::mutate(&mut self.rng, seed, &self.seeds))
            }
            94..=97 => (Source::Garbage, mutate::garbage(&mut self.rng)),
            _ => (Source::DeepNesting, mutate::deep_nesting(&mut self.rng)),
        }
    }

    fn add_to_corpus(&mut self, input: String) {
        if self.discovered.len() < CORPUS_CAP {
            self.discovered.push(input);
        } else {
            let i = self.rng.below(CORPUS_CAP);
            self.discovered[i] = input;
        }
    }

    fn record(&mut self, source: Source, input: &str, bug: Bug) -> io::Result<()> {
        if let Some(f) = self.findings.iter_mut().find(|f| f.key == bug.key) {
            f.count += 1;
            return Ok(());
        }
        let n = self.findings.len();
        let known = self.cfg.known.contains(&bug.key);
        let tag = if known { " [known]" } else { "" };
        println!("finding #{n}{tag}: {} (iteration {}, {source:?}, {} bytes); minimising...", bug.key, self.stats.iterations, input.len());
        let base = self.cfg.out.join(format!("crash-{n}"));
        fs::write(base.with_extension("go"), input)?;
        let minimised = if bug.key == "timeout" {
            None
        } else {
            let mut runs = 0;
            let supervisor = &mut self.supervisor;
            let key = bug.key.clone();
            let min = minimise(input, MINIMISE_BUDGET, &mut |candidate| {
                runs += 1;
                match supervisor.run(candidate, MINIMISE_TIMEOUT) {
                    Ok(Verdict::Done(o)) => o.bug.is_some_and(|b| b.key == key),
                    Ok(Verdict::Died(b)) => b.key == key,
                    Ok(Verdict::Hung) | Err(_) => false,
                }
            });
            self.stats.minimise_runs += runs;
            fs::write(base.with_extension("min.go"), &min)?;
            Some(min)
        };
        let mut txt = format!("key: {}\nfound at iteration {} (source {source:?}) of `morestack-fuzz --seed {}`\n", bug.key, self.stats.iterations, self.cfg.seed);
        txt += &format!("input: crash-{n}.go ({} bytes)\n", input.len());
        if let Some(min) = &minimised {
            txt += &format!("minimised: crash-{n}.min.go ({} bytes):\n\n{min}\n\n", min.len());
        }
        txt += &format!("reproduce in-process: morestack-fuzz --replay {}\n\n{}\n", base.with_extension(if minimised.is_some() { "min.go" } else { "go" }).display(), bug.report);
        fs::write(base.with_extension("txt"), txt)?;
        if let Some(min) = minimised {
            println!("finding #{n}: minimised to {} bytes: {:?}", min.len(), if min.len() <= 200 { min.as_str() } else { "(see file)" });
        }
        self.findings.push(Finding { key: bug.key, known, count: 1, first_iteration: self.stats.iterations, source });
        Ok(())
    }

    fn progress(&self, elapsed: Duration) {
        let s = &self.stats;
        println!(
            "[{:>5.0}s] iterations {}  exec/s {:.1}  parse-ok {}  check-ok {}  codegen-ok {}  corpus {}  findings {}  worker restarts {}",
            elapsed.as_secs_f64(),
            s.iterations,
            s.iterations as f64 / elapsed.as_secs_f64().max(1e-9),
            s.reached(Stage::CheckError),
            s.reached(Stage::CodegenError),
            s.reached(Stage::CodegenOk),
            self.seeds.len() + self.discovered.len(),
            self.findings.len(),
            self.supervisor.spawns.saturating_sub(1),
        );
    }

    fn summary(&self, elapsed: Duration) {
        let s = &self.stats;
        println!("\n=== morestack-fuzz summary (seed {}) ===", self.cfg.seed);
        println!("time {:.1} s, iterations {}, exec/s {:.1}, minimisation runs {}", elapsed.as_secs_f64(), s.iterations, s.iterations as f64 / elapsed.as_secs_f64().max(1e-9), s.minimise_runs);
        println!("parse-ok {}  check-ok {}  codegen-ok {}  hangs {}  crashes {}", s.reached(Stage::CheckError), s.reached(Stage::CodegenError), s.reached(Stage::CodegenOk), s.hangs, s.crashes);
        println!("{:<18} {:>8} {:>10} {:>10} {:>10}", "source", "runs", "parse-ok", "check-ok", "codegen-ok");
        for (source, c) in &s.by_source {
            let runs: u64 = c.iter().sum();
            println!("{:<18} {:>8} {:>10} {:>10} {:>10}", format!("{source:?}"), runs, c[1] + c[2] + c[3], c[2] + c[3], c[3]);
        }
        println!("corpus: {} seeds + {} discovered; distinct signatures {}", self.seeds.len(), self.discovered.len(), self.signatures.len());
        if self.findings.is_empty() {
            println!("findings: none");
        }
        for (n, f) in self.findings.iter().enumerate() {
            let tag = if f.known { " [known]" } else { "" };
            println!("finding #{n}{tag}: {} — {} occurrence(s), first at iteration {} ({:?}); see crash-{n}.txt", f.key, f.count, f.first_iteration, f.source);
        }
    }
}

/// Reads an expectation list: one finding key per line; blank lines and `#` comments
/// are ignored.
pub fn load_known(path: &Path) -> io::Result<HashSet<String>> {
    let text = fs::read_to_string(path).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    Ok(text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string).collect())
}

/// Reads every `.go` file under the given paths, sorted so that the order (and hence
/// the campaign) does not depend on the file system.
fn load_seeds(paths: &[PathBuf]) -> io::Result<Vec<String>> {
    let mut files = Vec::new();
    for p in paths {
        collect_go_files(p, &mut files).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", p.display())))?;
    }
    files.sort();
    files.dedup();
    let mut seeds = Vec::new();
    for f in &files {
        seeds.push(String::from_utf8_lossy(&fs::read(f)?).into_owned());
    }
    if seeds.is_empty() {
        return Err(io::Error::new(io::ErrorKind::NotFound, "no .go seed files found (run from the repository root or pass --corpus DIR)"));
    }
    Ok(seeds)
}

fn collect_go_files(p: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    if p.is_dir() {
        for entry in fs::read_dir(p)? {
            collect_go_files(&entry?.path(), out)?;
        }
    } else if p.extension().is_some_and(|e| e == "go") {
        out.push(p.to_path_buf());
    } else if !p.exists() {
        return Err(io::Error::new(io::ErrorKind::NotFound, "no such file or directory"));
    }
    Ok(())
}

/// Removes the `crash-*` files of an earlier campaign, so that the directory holds this
/// campaign's findings only.
fn clear_old_findings(out: &Path) -> io::Result<()> {
    for entry in fs::read_dir(out)? {
        let path = entry?.path();
        if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("crash-")) {
            fs::remove_file(path)?;
        }
    }
    Ok(())
}
