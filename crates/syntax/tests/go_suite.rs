//! Conformance against Go 1.19's own test suite and parser (skipped, with a note, when
//! Go 1.19, `gofmt` or `go` is not installed).
//!
//! 1. Every program in `test/*.go` and `test/ken/*.go` that real `gofmt` accepts must
//!    parse here without diagnostics — except those listed in
//!    `go_suite_expected_failures.txt` (syntax the AST cannot express, i.e. generics).
//!    The list is kept exact both ways: a new failure fails the test, and so does a
//!    listed file that now parses. Re-bless it with
//!    `MORESTACK_BLESS=1 cargo test -p morestack-syntax --test go_suite`.
//! 2. Every file under `test/` (all subdirectories) that both `go/parser` and this
//!    parser accept must give the same tree, compared as S-expressions: ours from
//!    `common::file_sexpr`, Go's from `go_ast_sexpr.go`.

mod common;

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use syntax::{parse_file, SourceFile};

const GO_TEST_ROOT: &str = "/usr/share/go-1.19/test";
const EXPECTATIONS: &str = "tests/go_suite_expected_failures.txt";

fn go_files_in(dir: &Path, recursive: bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.is_dir() && recursive {
            go_files_in(&path, true, out);
        } else if path.extension().is_some_and(|ext| ext == "go") {
            out.push(path);
        }
    }
}

fn sorted_go_files(dirs: &[&str], recursive: bool) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in dirs {
        go_files_in(Path::new(dir), recursive, &mut files);
    }
    files.sort();
    files
}

fn tool_available(tool: &str) -> bool {
    Command::new(tool).arg("help").output().is_ok()
}

fn gofmt_accepts(path: &Path) -> bool {
    Command::new("gofmt").arg("-e").arg("-l").arg(path).output().is_ok_and(|out| out.status.success())
}

/// `ken/chan.go`-style names, relative to Go's `test` directory.
fn suite_name(path: &Path) -> String {
    let text = path.to_string_lossy();
    text.strip_prefix(&format!("{GO_TEST_ROOT}/")).unwrap_or(&text).to_string()
}

fn read_source(path: &Path) -> Option<SourceFile> {
    let text = String::from_utf8(std::fs::read(path).ok()?).ok()?;
    Some(SourceFile::new(path.to_string_lossy(), text))
}

#[test]
fn gofmt_clean_go_test_files_parse_without_diagnostics() {
    let files = sorted_go_files(&[GO_TEST_ROOT, &format!("{GO_TEST_ROOT}/ken")], false);
    if files.is_empty() || !tool_available("gofmt") {
        eprintln!("note: Go 1.19 test suite or gofmt not installed; skipping");
        return;
    }
    let mut failures = Vec::new();
    for path in &files {
        let Some(file) = read_source(path) else { continue };
        let (_, diagnostics) = parse_file(&file);
        if !diagnostics.is_empty() && gofmt_accepts(path) {
            let rendered = syntax::source::render(&file, &diagnostics[..1]);
            failures.push((suite_name(path), rendered.lines().next().unwrap_or_default().to_string()));
        }
    }

    if std::env::var_os("MORESTACK_BLESS").is_some() {
        let mut out = String::from(
            "# Go 1.19 test files (test/*.go, test/ken/*.go) that gofmt accepts but this parser\n\
             # rejects, each with its first diagnostic.\n\
             # Re-bless: MORESTACK_BLESS=1 cargo test -p morestack-syntax --test go_suite\n",
        );
        for (name, first) in &failures {
            out.push_str(&format!("{name}    {first}\n"));
        }
        std::fs::write(EXPECTATIONS, out).expect("write expectations");
        return;
    }

    let listed = std::fs::read_to_string(EXPECTATIONS).unwrap_or_default();
    let expected: Vec<&str> = listed
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let unexpected: Vec<&(String, String)> = failures.iter().filter(|(name, _)| !expected.contains(&name.as_str())).collect();
    let now_passing: Vec<&&str> = expected.iter().filter(|name| !failures.iter().any(|(f, _)| f == *name)).collect();
    assert!(
        unexpected.is_empty() && now_passing.is_empty(),
        "{} of {} files parsed; unexpected failures: {unexpected:#?}\nlisted but now passing: {now_passing:?}",
        files.len() - failures.len(),
        files.len(),
    );
}

/// Splits the dumps of both sides into per-file texts.
fn split_dump(dump: &str) -> HashMap<&str, &str> {
    let mut files = HashMap::new();
    let mut rest = dump;
    while let Some(start) = rest.find("=== ") {
        let after = &rest[start + 4..];
        let name_end = after.find('\n').unwrap_or(after.len());
        let body_start = (name_end + 1).min(after.len());
        let body_end = after[body_start..].find("=== ").map_or(after.len(), |n| body_start + n);
        files.insert(&after[..name_end], &after[body_start..body_end]);
        rest = &after[body_end..];
    }
    files
}

#[test]
#[ignore = "hung on a pipe under CI (go_ast_sexpr blocked writing its output); run by hand with --ignored until fixed"]
fn trees_match_go_parser_on_the_whole_go_test_directory() {
    let files = sorted_go_files(&[GO_TEST_ROOT], true);
    if files.is_empty() || !tool_available("go") {
        eprintln!("note: Go 1.19 test suite or go not installed; skipping");
        return;
    }
    let mut go = Command::new("go")
        .arg("run")
        .arg("tests/go_ast_sexpr.go")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start go run");
    let paths: String = files.iter().map(|p| format!("{}\n", p.display())).collect();
    let mut stdin = go.stdin.take().expect("stdin");
    // Written from a thread of its own: go prints while it reads, and would block on a
    // full stdout pipe that nobody reads while this thread is still writing.
    let writer = std::thread::spawn(move || stdin.write_all(paths.as_bytes()));
    let output = go.wait_with_output().expect("go run");
    writer.join().expect("writer thread").expect("write paths");
    if !output.status.success() {
        eprintln!("note: `go run tests/go_ast_sexpr.go` failed; skipping");
        return;
    }
    let go_dump = String::from_utf8_lossy(&output.stdout);
    let go_trees = split_dump(&go_dump);

    let mut compared = 0;
    let mut mismatches = Vec::new();
    for path in &files {
        let Some(file) = read_source(path) else { continue };
        let (ast, diagnostics) = parse_file(&file);
        let Some(&go_tree) = go_trees.get(path.to_string_lossy().as_ref()) else { continue };
        if !diagnostics.is_empty() || go_tree == "ERROR\n" {
            continue;
        }
        compared += 1;
        let ours = common::file_sexpr(&ast);
        if ours != go_tree {
            let first_difference = ours.lines().zip(go_tree.lines()).find(|(a, b)| a != b);
            mismatches.push((suite_name(path), first_difference.map(|(a, b)| format!("ours: {a}\n  go: {b}"))));
        }
    }
    assert!(compared > 1000, "only {compared} files compared");
    assert!(mismatches.is_empty(), "{} of {compared} trees differ: {mismatches:#?}", mismatches.len());
}
